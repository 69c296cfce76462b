/* bv-attendance-window.h
 *
 * The attendance of one meeting as it is recorded (issue 17): who is in
 * the room, who left, who never came, and who came without an invitation,
 * with the times the server did not answer. Updated after every poll.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-attendance-watch.h"
#include "bv-context.h"
#include "bv-practice-host.h"

G_BEGIN_DECLS

#define BV_TYPE_ATTENDANCE_WINDOW (bv_attendance_window_get_type ())
G_DECLARE_FINAL_TYPE (BvAttendanceWindow, bv_attendance_window, BV, ATTENDANCE_WINDOW, AdwWindow)

/* @watch (nullable): the app's recorder of assemblies, whose polls the
 * window follows; @settings (nullable): the quorum rule of Preferences. */
BvAttendanceWindow *bv_attendance_window_new     (GtkWindow         *parent,
                                                  BvContext         *context,
                                                  GSettings         *settings,
                                                  BvAttendanceWatch *watch,
                                                  BvMeeting         *meeting);
/* On the practice server only: buttons let invited members "join" and
 * leave with their personal links (training), and recording starts. */
void                bv_attendance_window_set_practice_host (BvAttendanceWindow *self,
                                                            BvPracticeHost     *host);
/* Reads the record again (after each poll; tests). */
void                bv_attendance_window_refresh (BvAttendanceWindow *self);

G_END_DECLS
