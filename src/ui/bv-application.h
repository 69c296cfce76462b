/* bv-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-practice-host.h"
#include "bv-attendance-watch.h"
#include "bv-context.h"

G_BEGIN_DECLS

#define BV_TYPE_APPLICATION (bv_application_get_type ())
G_DECLARE_FINAL_TYPE (BvApplication, bv_application, BV, APPLICATION, AdwApplication)

void             bv_application_prefer_cairo       (void);
BvApplication   *bv_application_new                (void);
GSettings       *bv_application_get_settings       (BvApplication *self);
/* NULL when the database could not be opened; see get_database_error. */
BvContext *bv_application_get_context (BvApplication *self);
/* Records the attendance of assemblies while the app runs (NULL before). */
BvAttendanceWatch *bv_application_get_attendance_watch (BvApplication *self);
const GError    *bv_application_get_database_error (BvApplication *self);
int              bv_application_get_job_status     (BvApplication *self);
/* The exit status of a command-line job that ran in this process. */
void             bv_application_set_job_status     (BvApplication *self,
                                                    int            status);
BvPracticeHost  *bv_application_get_practice_host  (BvApplication *self);

/* The one join of the app, behind app.join-meeting (notifications, the
 * search) and --join: @which is "next" or a meeting id. A failure is also
 * shown as a notification, since launchers have no terminal. Finishes
 * with the meeting's title. */
void             bv_application_join_meeting_async  (BvApplication       *self,
                                                     const char          *which,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
char            *bv_application_join_meeting_finish (BvApplication       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* After a successful join without a display (a command-line job where GTK
 * was not started): the signed join link, which was not opened; else NULL. */
char            *bv_application_join_meeting_dup_link (BvApplication     *self,
                                                       GAsyncResult      *result);

G_END_DECLS
