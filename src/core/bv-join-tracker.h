/* bv-join-tracker.h
 *
 * Which joins are running, and how each ended. The application runs every
 * join the UI asks for (app.join-meeting, app.join-room); the pages only
 * ask, and learn from here when to show a spinner and what went wrong,
 * so that no page needs the application and no join runs twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BV_TYPE_JOIN_TRACKER (bv_join_tracker_get_type ())
G_DECLARE_FINAL_TYPE (BvJoinTracker, bv_join_tracker, BV, JOIN_TRACKER, GObject)

BvJoinTracker *bv_join_tracker_new        (void);

/* The key of a join: a planned meeting's id, or for a running room we did
 * not plan, bv_join_tracker_room_key (). */
char          *bv_join_tracker_room_key   (const char    *server_id,
                                           const char    *bbb_meeting_id);

gboolean       bv_join_tracker_is_joining (BvJoinTracker *self,
                                           const char    *key);

/* A join of @key starts: emits ::started. Joins of the same key may
 * overlap; the key counts as joining until the last one has ended. */
void           bv_join_tracker_begin      (BvJoinTracker *self,
                                           const char    *key);

/* A join of @key ended, with @error or without. Emits ::ended; returns
 * TRUE when a handler took care of telling the user about @error (the
 * page that asked for the join), FALSE when the caller must. */
gboolean       bv_join_tracker_end        (BvJoinTracker *self,
                                           const char    *key,
                                           const GError  *error);

G_END_DECLS
