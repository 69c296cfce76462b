/* bv-bbb-meeting.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* src/ui reaches this header only through core/bv-server-api.h: a UI
 * file that includes it itself does not compile (HACKING.md, "Layers"). */
#if defined (BV_LAYER_UI) && !defined (BV_SERVER_API_INSIDE)
#error "src/ui must not include src/bbb headers: use what core offers"
#endif

#ifndef BV_BBB_MEETING_H
#define BV_BBB_MEETING_H

#include <gio/gio.h>

#include "bv-bbb-attendee.h"

G_BEGIN_DECLS

#define BV_TYPE_BBB_MEETING (bv_bbb_meeting_get_type ())
G_DECLARE_FINAL_TYPE (BvBbbMeeting, bv_bbb_meeting, BV, BBB_MEETING, GObject)

/* A room on the server, as create, getMeetingInfo and getMeetings describe
 * it. Fields an answer lacks are NULL, 0 or FALSE. */
const char *bv_bbb_meeting_get_meeting_id            (BvBbbMeeting *self);
const char *bv_bbb_meeting_get_internal_meeting_id   (BvBbbMeeting *self);
const char *bv_bbb_meeting_get_name                  (BvBbbMeeting *self);
gint64      bv_bbb_meeting_get_create_time           (BvBbbMeeting *self); /* ms since the epoch */
gint64      bv_bbb_meeting_get_start_time            (BvBbbMeeting *self); /* ms */
gint64      bv_bbb_meeting_get_end_time              (BvBbbMeeting *self); /* ms, 0 while running */
const char *bv_bbb_meeting_get_voice_bridge          (BvBbbMeeting *self);
const char *bv_bbb_meeting_get_dial_number           (BvBbbMeeting *self);
const char *bv_bbb_meeting_get_attendee_password     (BvBbbMeeting *self);
const char *bv_bbb_meeting_get_moderator_password    (BvBbbMeeting *self);
gboolean    bv_bbb_meeting_is_running                (BvBbbMeeting *self);
gboolean    bv_bbb_meeting_is_recording              (BvBbbMeeting *self);
gboolean    bv_bbb_meeting_has_user_joined           (BvBbbMeeting *self);
gboolean    bv_bbb_meeting_has_been_forcibly_ended   (BvBbbMeeting *self);
guint       bv_bbb_meeting_get_participant_count     (BvBbbMeeting *self);
guint       bv_bbb_meeting_get_listener_count        (BvBbbMeeting *self);
guint       bv_bbb_meeting_get_voice_participant_count (BvBbbMeeting *self);
guint       bv_bbb_meeting_get_video_count           (BvBbbMeeting *self);
guint       bv_bbb_meeting_get_moderator_count       (BvBbbMeeting *self);
guint       bv_bbb_meeting_get_max_users             (BvBbbMeeting *self);
gboolean    bv_bbb_meeting_is_breakout               (BvBbbMeeting *self);
const char *bv_bbb_meeting_get_parent_meeting_id     (BvBbbMeeting *self); /* breakouts */
guint       bv_bbb_meeting_get_sequence              (BvBbbMeeting *self); /* breakouts */
/* breakouts: participants may pick their room themselves */
gboolean    bv_bbb_meeting_is_free_join              (BvBbbMeeting *self);
/* internal IDs of a parent's breakout rooms; NULL-terminated, never NULL */
const char * const *bv_bbb_meeting_get_breakout_rooms (BvBbbMeeting *self);
/* of BvBbbAttendee */
GListModel *bv_bbb_meeting_get_attendees             (BvBbbMeeting *self);
/* metadata names (lower-case as the server sends them) to values */
GHashTable *bv_bbb_meeting_get_metadata              (BvBbbMeeting *self);
/* create answered duplicateWarning: the room already existed */
gboolean    bv_bbb_meeting_is_duplicate              (BvBbbMeeting *self);

G_END_DECLS

#endif /* BV_BBB_MEETING_H */
