/* bv-practice-server.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define BV_TYPE_PRACTICE_SERVER (bv_practice_server_get_type ())
G_DECLARE_FINAL_TYPE (BvPracticeServer, bv_practice_server, BV, PRACTICE_SERVER, GObject)

/* Milliseconds since the epoch, like BigBlueButton's createTime. */
typedef gint64 (*BvPracticeClockFunc) (gpointer data);

/* secret: the shared secret requests must be signed with */
BvPracticeServer *bv_practice_server_new         (const char        *secret);
gboolean          bv_practice_server_start       (BvPracticeServer  *self,
                                                  GError           **error);
/* The API base, "http://127.0.0.1:PORT/bigbluebutton/api/"; NULL before start. */
const char       *bv_practice_server_get_api_url (BvPracticeServer  *self);
const char       *bv_practice_server_get_secret  (BvPracticeServer  *self);

/* For tests. The clock decides createTime and when rooms expire; expiry is
 * evaluated on every request, so moving the clock forward and then asking
 * the server shows the effect. NULL restores the real clock. Sample
 * recordings get their times from the clock at start. */
void              bv_practice_server_set_clock   (BvPracticeServer  *self,
                                                  BvPracticeClockFunc now_ms,
                                                  gpointer           data);
/* For tests: the attendee leaves the room, as if they closed the browser.
 * FALSE if there is no such room or attendee. */
gboolean          bv_practice_server_leave       (BvPracticeServer  *self,
                                                  const char        *meeting_id,
                                                  const char        *user_id);
/* For tests: the API requests (everything under /bigbluebutton/api) since
 * start or the last reset, and their query strings byte for byte as they
 * came over the wire ("" for none), oldest first. The array belongs to the
 * server. */
guint             bv_practice_server_get_request_count (BvPracticeServer *self);
GPtrArray        *bv_practice_server_get_raw_queries   (BvPracticeServer *self);
void              bv_practice_server_reset_log         (BvPracticeServer *self);

/* The names of the slides the open room @meeting_id received with create,
 * in order; NULL if no such room is open. */
GStrv             bv_practice_server_dup_documents     (BvPracticeServer *self,
                                                        const char       *meeting_id);

/* Holds every API answer back for delay_ms, like a server far away
 * (benchmarks). */
void              bv_practice_server_set_delay   (BvPracticeServer  *self,
                                                  guint              delay_ms);

G_END_DECLS
