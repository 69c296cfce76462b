/* bv-practice-server.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Never for src/ui (HACKING.md, "Layers"). */
#ifdef BV_LAYER_UI
#error "src/ui must not include src/practice headers: use what core offers"
#endif

#ifndef BV_PRACTICE_SERVER_H
#define BV_PRACTICE_SERVER_H

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define BV_TYPE_PRACTICE_SERVER (bv_practice_server_get_type ())
G_DECLARE_FINAL_TYPE (BvPracticeServer, bv_practice_server, BV, PRACTICE_SERVER, GObject)

/* The largest request body the server takes (413 beyond): the slides of a
 * create call, up to BV_JOIN_SLIDES_MAX_BYTES, base64-encoded in XML, with
 * room to spare. Anyone on this computer can reach the port. */
#define BV_PRACTICE_BODY_MAX (4 * 1024 * 1024)

/* secret: the shared secret requests must be signed with */
BvPracticeServer *bv_practice_server_new         (const char        *secret);
gboolean          bv_practice_server_start       (BvPracticeServer  *self,
                                                  GError           **error);
/* The API base, "http://127.0.0.1:PORT/bigbluebutton/api/"; NULL before start. */
const char       *bv_practice_server_get_api_url (BvPracticeServer  *self);
const char       *bv_practice_server_get_secret  (BvPracticeServer  *self);

/* The attendee with @user_id leaves the room, as if they closed the
 * browser: for tests, and for a trainer who shows an assembly with
 * simulated members (core/bv-practice-host). FALSE if there is no such
 * room or attendee. */
gboolean          bv_practice_server_leave       (BvPracticeServer  *self,
                                                  const char        *meeting_id,
                                                  const char        *user_id);

G_END_DECLS

#endif /* BV_PRACTICE_SERVER_H */
