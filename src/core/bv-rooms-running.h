/* bv-rooms-running.h
 *
 * Which of the app's own planned rooms run right now (Anstehend's "Läuft
 * seit 19:02"); bv-server-meetings lists everything that runs on a server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-server-api.h"

G_BEGIN_DECLS

/* Which of the rooms @meeting_ids run on the server right now, for the
 * live state on the list of planned meetings. One getMeetings request;
 * behind a load balancer (Scalelite may switch getMeetings off) one
 * getMeetingInfo per room instead, so keep @meeting_ids to the rooms on
 * screen.
 *
 * Returns (finish): a table from BBB meetingID to the running BvBbbMeeting;
 * rooms that are not running are absent. Errors: BV_BBB_ERROR. */
void        bv_rooms_running_fetch_async  (BvBbbClient         *client,
                                           gboolean             load_balancer,
                                           const char * const  *meeting_ids,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GHashTable *bv_rooms_running_fetch_finish (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
