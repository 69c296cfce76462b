/* bv-server-meetings.h
 *
 * All meetings running on a server, with who is in them, and ending one
 * (the Live page); bv-rooms-running asks only about the app's planned
 * rooms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-server-api.h"

G_BEGIN_DECLS

/* How long ending a meeting may take before we give up waiting for the
 * server to confirm it, and how often we ask in between. */
#define BV_LIVE_MEETINGS_END_TIMEOUT_MS       30000
#define BV_LIVE_MEETINGS_END_POLL_INTERVAL_MS 1000

/* Every meeting running on the server right now, for the Live page: one
 * getMeetings request. Where getMeetings is not available (Scalelite
 * answers unsupportedRequest, or a load balancer refuses it or answers
 * "no meetings" because it is switched off) one getMeetingInfo for each of
 * @planned_ids instead (the planned meetings of today), one after the
 * other. Breakout rooms and rooms nobody has entered yet are left out.
 *
 * Returns (finish): a new list of BvBbbMeeting, oldest first; empty when
 * nothing runs. Any error (BV_BBB_ERROR) fails the whole fetch: never half
 * a list. */
void        bv_server_meetings_fetch_async  (BvBbbClient         *client,
                                             gboolean             load_balancer,
                                             const char * const  *planned_ids,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GListModel *bv_server_meetings_fetch_finish (GAsyncResult        *result,
                                             GError             **error);
/* Whether the list came from the planned meetings of today because the
 * server would not list its meetings: other people's rooms are missing. */
gboolean    bv_server_meetings_fetch_is_planned_only (GAsyncResult *result);

/* Ends the meeting @meeting_id (BBB meetingID) and waits until the server
 * no longer lists it as running, asking with getMeetingInfo every
 * BV_LIVE_MEETINGS_END_POLL_INTERVAL_MS for at most
 * BV_LIVE_MEETINGS_END_TIMEOUT_MS. A meeting that is already gone counts
 * as ended. Errors: BV_BBB_ERROR from the server, G_IO_ERROR_TIMED_OUT
 * when it still runs at the deadline, G_IO_ERROR_CANCELLED. */
void        bv_server_meetings_end_async    (BvBbbClient         *client,
                                             const char          *meeting_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* The same with other timings (tests); finish with
 * bv_server_meetings_end_finish (). */
void        bv_server_meetings_end_full_async (BvBbbClient         *client,
                                               const char          *meeting_id,
                                               guint                poll_interval_ms,
                                               guint                timeout_ms,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean    bv_server_meetings_end_finish   (GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
