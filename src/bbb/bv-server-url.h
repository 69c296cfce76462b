/* bv-server-url.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

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
