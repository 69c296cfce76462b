/* bv-practice-server.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define BV_TYPE_PRACTICE_SERVER (bv_practice_server_get_type ())
G_DECLARE_FINAL_TYPE (BvPracticeServer, bv_practice_server, BV, PRACTICE_SERVER, GObject)

/* secret: the shared secret requests must be signed with */
BvPracticeServer *bv_practice_server_new         (const char        *secret);
gboolean          bv_practice_server_start       (BvPracticeServer  *self,
                                                  GError           **error);
/* The API base, "http://127.0.0.1:PORT/bigbluebutton/api/"; NULL before start. */
const char       *bv_practice_server_get_api_url (BvPracticeServer  *self);
const char       *bv_practice_server_get_secret  (BvPracticeServer  *self);

G_END_DECLS
