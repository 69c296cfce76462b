/* bv-reminder-scheduler.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-occurrences.h"
#include "bv-context.h"

G_BEGIN_DECLS

#define BV_TYPE_REMINDER_SCHEDULER (bv_reminder_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (BvReminderScheduler, bv_reminder_scheduler, BV, REMINDER_SCHEDULER, GObject)

/* The current time; returns a new reference. */
typedef GDateTime *(*BvReminderSchedulerClockFunc) (gpointer data);

#define BV_REMINDER_SCHEDULER_DEFAULT_LEAD_MINUTES 15
/* How long after the start a room created ahead of time waits for its
 * first participant before the server may close it again. */
#define BV_REMINDER_SCHEDULER_EXPIRY_GRACE_MINUTES 15

/* Opens the rooms of planned meetings on time and says when to remind.
 *
 * Each occurrence has a window from its start minus the lead time until
 * its end. Inside it the scheduler creates the room once (create only,
 * never join; with meetingExpireIfNoUserJoinedInMinutes up to the start
 * plus BV_REMINDER_SCHEDULER_EXPIRY_GRACE_MINUTES on servers from 2.5 on), then
 * asks getMeetingInfo at most once a minute: a room that has disappeared
 * before the end is created again, and participants in it before the user
 * joined give "someone-waiting". At most one request per minute per
 * meeting, and none outside the windows.
 *
 * Signals, each once per occurrence:
 *   reminder (BvMeeting *meeting, BvOccurrence *occurrence): the window
 *     began (also when the scheduler starts inside it, before the end);
 *   room-created (BvMeeting *meeting, BvOccurrence *occurrence): create
 *     succeeded (again after the room had expired);
 *   someone-waiting (BvMeeting *meeting, BvOccurrence *occurrence,
 *     guint participants).
 *
 * Failures (no keyring, server unreachable) are logged and retried a
 * minute later; nobody is looking when they happen. */
BvReminderScheduler *bv_reminder_scheduler_new               (BvContext              *manager);

/* NULL restores the real clock (local time). */
void                 bv_reminder_scheduler_set_clock         (BvReminderScheduler          *self,
                                                              BvReminderSchedulerClockFunc  now_func,
                                                              gpointer                      data);
void                 bv_reminder_scheduler_set_lead_minutes  (BvReminderScheduler          *self,
                                                              guint                         minutes);
guint                bv_reminder_scheduler_get_lead_minutes  (BvReminderScheduler          *self);

/* Ticks every 60 s and once more at the next window's beginning; a
 * change to the planned meetings ticks at once. */
void                 bv_reminder_scheduler_start             (BvReminderScheduler          *self);
void                 bv_reminder_scheduler_stop              (BvReminderScheduler          *self);
gboolean             bv_reminder_scheduler_is_running        (BvReminderScheduler          *self);

/* Looks at the time now and sends what is due. Tests call this instead of
 * bv_reminder_scheduler_start (). */
void                 bv_reminder_scheduler_tick              (BvReminderScheduler          *self);

/* The user joined @meeting_id through the app: nobody is waiting for them
 * any more, and its room needs no more watching in this window. */
void                 bv_reminder_scheduler_mark_joined       (BvReminderScheduler          *self,
                                                              const char                   *meeting_id);

/* For tests: HTTP requests sent to servers so far, and requests still
 * under way. */
guint                bv_reminder_scheduler_get_request_count (BvReminderScheduler          *self);
guint                bv_reminder_scheduler_get_n_pending     (BvReminderScheduler          *self);

G_END_DECLS
