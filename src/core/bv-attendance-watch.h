/* bv-attendance-watch.h
 *
 * Which rooms to record (issue 17): while the app runs with its window or
 * in the background, every general assembly from half an hour before its
 * start to an hour after its planned end gets a BvAttendanceRecorder; it
 * polls only then, so a club's other meetings cost no requests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bv-attendance-recorder.h"

G_BEGIN_DECLS

#define BV_ATTENDANCE_WATCH_CHECK_SECONDS   60
#define BV_ATTENDANCE_WATCH_BEFORE_MINUTES  30
#define BV_ATTENDANCE_WATCH_AFTER_MINUTES   60

/* The current time (a new reference); tests move it by hand. */
typedef GDateTime *(*BvAttendanceWatchNowFunc) (gpointer data);

#define BV_TYPE_ATTENDANCE_WATCH (bv_attendance_watch_get_type ())
G_DECLARE_FINAL_TYPE (BvAttendanceWatch, bv_attendance_watch, BV, ATTENDANCE_WATCH, GObject)

BvAttendanceWatch    *bv_attendance_watch_new            (BvContext                *context);
/* Also for the recorders it starts. */
void                  bv_attendance_watch_set_timer_func (BvAttendanceWatch        *self,
                                                          BvLiveMonitorTimerFunc    add_timer);
void                  bv_attendance_watch_set_clock      (BvAttendanceWatch        *self,
                                                          BvAttendanceWatchNowFunc  now,
                                                          gpointer                  data);
/* How long attendance is kept (Preferences; 0 keeps it). start() deletes
 * what ended longer ago, counted in calendar months on the watch's clock. */
#define BV_ATTENDANCE_RETENTION_DEFAULT_MONTHS 12
void                  bv_attendance_watch_set_retention  (BvAttendanceWatch        *self,
                                                          guint                     months);
void                  bv_attendance_watch_purge          (BvAttendanceWatch        *self);

/* Checks now and every BV_ATTENDANCE_WATCH_CHECK_SECONDS. */
void                  bv_attendance_watch_start          (BvAttendanceWatch        *self);
void                  bv_attendance_watch_stop           (BvAttendanceWatch        *self);
/* Checks now which rooms to record. */
void                  bv_attendance_watch_check          (BvAttendanceWatch        *self);
/* Records @meeting from now on whatever its date, until stop (a trainer
 * showing a practice assembly). */
void                  bv_attendance_watch_record_now     (BvAttendanceWatch        *self,
                                                          BvMeeting                *meeting);
/* The recorder of @meeting_id while it records, else NULL. */
BvAttendanceRecorder *bv_attendance_watch_get_recorder   (BvAttendanceWatch        *self,
                                                          const char               *meeting_id);

/* Signals: "recorded" (const char *meeting_id) after each poll of any
 * recorder. */

G_END_DECLS
