/* bv-server-url.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* src/ui reaches this header only through core/bv-server-api.h: a UI
 * file that includes it itself does not compile (HACKING.md, "Layers"). */
#if defined (BV_LAYER_UI) && !defined (BV_SERVER_API_INSIDE)
#error "src/ui must not include src/bbb headers: use what core offers"
#endif

#ifndef BV_SERVER_URL_H
#define BV_SERVER_URL_H

#include <glib.h>

G_BEGIN_DECLS

char     *bv_server_url_normalize       (const char  *input,
                                         GError     **error);
gboolean  bv_server_url_is_loopback     (const char  *host);
gboolean  bv_server_url_check_link      (const char  *url,
                                         GError     **error);
gboolean  bv_server_url_split_pasted    (const char  *text,
                                         char       **url,
                                         char       **secret);

G_END_DECLS

#endif /* BV_SERVER_URL_H */
