/* bv-meeting.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-agenda-item.h"
#include "bv-meeting-exception.h"

G_BEGIN_DECLS

/* Kinds (product.md, "Meeting kinds"): "board", "assembly", "course",
 * "workshop", "group". */
typedef enum {
  BV_MEETING_KIND_BOARD,
  BV_MEETING_KIND_ASSEMBLY,
  BV_MEETING_KIND_COURSE,
  BV_MEETING_KIND_WORKSHOP,
  BV_MEETING_KIND_GROUP,
} BvMeetingKind;

const char *bv_meeting_kind_to_string   (BvMeetingKind  kind);
gboolean    bv_meeting_kind_from_string (const char    *string,
                                         BvMeetingKind *kind);

#define BV_TYPE_MEETING (bv_meeting_get_type ())
G_DECLARE_FINAL_TYPE (BvMeeting, bv_meeting, BV, MEETING, GObject)

/* A planned meeting as the store keeps it. Times: start is the first
 * occurrence's local wall-clock time in tzid, given as an ISO 8601 local
 * date-time without offset ("2026-12-01T19:30:00"), so that recurrences keep
 * their wall-clock time across daylight-saving changes. */
BvMeeting  *bv_meeting_new                    (BvMeetingKind kind);
const char *bv_meeting_get_id                 (BvMeeting  *self);
const char *bv_meeting_get_bbb_meeting_id     (BvMeeting  *self); /* ≥128 random bits, URL-safe */
void        bv_meeting_renew_bbb_meeting_id   (BvMeeting  *self);
const char *bv_meeting_get_title              (BvMeeting  *self);
void        bv_meeting_set_title              (BvMeeting  *self, const char *title);
BvMeetingKind bv_meeting_get_kind             (BvMeeting  *self);
void        bv_meeting_set_kind               (BvMeeting  *self, BvMeetingKind kind);
const char *bv_meeting_get_start_local        (BvMeeting  *self);
const char *bv_meeting_get_tzid               (BvMeeting  *self); /* Olson, e.g. "Europe/Berlin" */
void        bv_meeting_set_start              (BvMeeting  *self, const char *start_local, const char *tzid);
guint       bv_meeting_get_duration           (BvMeeting  *self); /* minutes */
void        bv_meeting_set_duration           (BvMeeting  *self, guint minutes);
/* RFC 5545 RRULE value without "RRULE:" ("FREQ=WEEKLY;BYDAY=TU"), or NULL */
const char *bv_meeting_get_rrule              (BvMeeting  *self);
void        bv_meeting_set_rrule              (BvMeeting  *self, const char *rrule);
const char *bv_meeting_get_server_id          (BvMeeting  *self);
void        bv_meeting_set_server_id          (BvMeeting  *self, const char *server_id);
const char *bv_meeting_get_welcome            (BvMeeting  *self);
void        bv_meeting_set_welcome            (BvMeeting  *self, const char *welcome);
gboolean    bv_meeting_get_record             (BvMeeting  *self);
void        bv_meeting_set_record             (BvMeeting  *self, gboolean record);
/* "ALWAYS_ACCEPT", "ASK_MODERATOR", "ALWAYS_DENY" */
const char *bv_meeting_get_guest_policy       (BvMeeting  *self);
void        bv_meeting_set_guest_policy       (BvMeeting  *self, const char *policy);
gboolean    bv_meeting_get_mute_on_start      (BvMeeting  *self);
void        bv_meeting_set_mute_on_start      (BvMeeting  *self, gboolean mute);
gboolean    bv_meeting_get_webcams_only_for_moderator (BvMeeting *self);
void        bv_meeting_set_webcams_only_for_moderator (BvMeeting *self, gboolean only);
guint       bv_meeting_get_max_participants   (BvMeeting  *self); /* 0 = no limit */
void        bv_meeting_set_max_participants   (BvMeeting  *self, guint max);
/* What participants (not moderators) may not do; sent as BBB's
 * lockSettings* parameters with lockSettingsLockOnJoin. */
typedef enum {
  BV_MEETING_LOCK_NONE           = 0,
  BV_MEETING_LOCK_WEBCAM         = 1 << 0,
  BV_MEETING_LOCK_MICROPHONE     = 1 << 1,
  BV_MEETING_LOCK_PRIVATE_CHAT   = 1 << 2,
  BV_MEETING_LOCK_PUBLIC_CHAT    = 1 << 3,
  BV_MEETING_LOCK_SHARED_NOTES   = 1 << 4,
  BV_MEETING_LOCK_USER_LIST      = 1 << 5,
} BvMeetingLocks;
#define BV_MEETING_LOCK_ALL 0x3f
BvMeetingLocks bv_meeting_get_locks           (BvMeeting  *self);
void        bv_meeting_set_locks              (BvMeeting  *self, BvMeetingLocks locks);
/* Files (absolute paths, in order; the first is shown first) uploaded with
 * create as the room's slides. NULL-terminated; never NULL. */
const char * const *bv_meeting_get_slides     (BvMeeting  *self);
void        bv_meeting_set_slides             (BvMeeting  *self, const char * const *paths);
/* Shown to everyone in the room when recording is on, so that nobody is
 * recorded without knowing it; NULL uses bv_meeting_default_recording_notice(). */
const char *bv_meeting_get_recording_notice   (BvMeeting  *self);
void        bv_meeting_set_recording_notice   (BvMeeting  *self, const char *notice);
const char *bv_meeting_default_recording_notice (void);
/* stable per-meeting passwords for servers older than 2.4 */
const char *bv_meeting_get_attendee_password  (BvMeeting  *self);
const char *bv_meeting_get_moderator_password (BvMeeting  *self);
/* UID of an imported calendar event, or NULL */
const char *bv_meeting_get_ical_uid           (BvMeeting  *self);
void        bv_meeting_set_ical_uid           (BvMeeting  *self, const char *uid);

/* The agenda (element-type BvAgendaItem), in order; never NULL, owned by
 * @self. Setting copies the items; NULL empties it. */
GPtrArray  *bv_meeting_get_agenda             (BvMeeting  *self);
void        bv_meeting_set_agenda             (BvMeeting  *self, GPtrArray *items);

/* Where members meet in person when the meeting is hybrid (§ 32 Abs. 2
 * BGB), e.g. "Vereinsheim, Am Sportplatz 3"; NULL when it is online only.
 * Blanks at the ends are dropped, an empty text means NULL. */
const char *bv_meeting_get_venue              (BvMeeting  *self);
void        bv_meeting_set_venue              (BvMeeting  *self, const char *venue);

/* Added to the contract (store helper): */

#define BV_TYPE_MEETING_KIND (bv_meeting_kind_get_type ())
GType       bv_meeting_kind_get_type          (void) G_GNUC_CONST;

/* Puts the kind's template values (duration, recurrence, recording, waiting
 * room, mute on start, webcams, participant limit) back, e.g. when the
 * editor switches the kind of a new meeting. Title, start and server stay. */
void        bv_meeting_apply_kind_defaults    (BvMeeting  *self);

/* Copies every field but the id from @source, notifying only what changed. */
void        bv_meeting_update_from            (BvMeeting  *self,
                                               BvMeeting  *source);

/* "YYYY-MM-DDTHH:MM[:SS]" as "YYYY-MM-DDTHH:MM:SS", or NULL if @text is not
 * a valid local date-time of that form. */
char       *bv_meeting_normalize_local_time   (const char *text);

G_END_DECLS
