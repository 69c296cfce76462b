/* bv-application-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bv-application.h"
#include "bv-command-line-job.h"

G_BEGIN_DECLS

/* The command-line jobs, parts of the application in files of their own.
 * Only bv-application.c calls them, and only the files that implement
 * them include this header; they use the application through
 * bv-application.h alone, so nothing here calls back (see HACKING.md).
 *
 * Each returns TRUE when it took the invocation over; it then finishes
 * asynchronously. */

/* --add-server, --check-server, --list-meetings, --import, --join, and
 * the two below (bv-application-command-line.c). */
gboolean _bv_application_run_job             (BvApplication           *self,
                                              GApplicationCommandLine *command_line,
                                              GVariantDict            *options);
/* --import-members (bv-application-members.c). */
gboolean _bv_application_run_members_job     (BvApplication           *self,
                                              GApplicationCommandLine *command_line,
                                              GVariantDict            *options);
/* --export-invitations (bv-application-invitations.c). */
gboolean _bv_application_run_invitations_job (BvApplication           *self,
                                              GApplicationCommandLine *command_line,
                                              GVariantDict            *options);
/* --export-attendance and --export-minutes (bv-application-attendance.c). */
gboolean _bv_application_run_attendance_job  (BvApplication           *self,
                                              GApplicationCommandLine *command_line,
                                              GVariantDict            *options);
gboolean _bv_application_run_minutes_job     (BvApplication           *self,
                                              GApplicationCommandLine *command_line,
                                              GVariantDict            *options);
/* The meeting a job names: by id, else by exact title when only one
 * meeting has it; NULL with a German @problem otherwise
 * (bv-application-invitations.c). */
BvMeeting *_bv_application_find_meeting      (BvDatabase              *database,
                                              const char              *which,
                                              char                   **problem);
/* The same for @job, after checking the database opened; NULL after
 * finishing @job with the reason. */
BvMeeting *_bv_application_job_meeting       (BvApplication           *self,
                                              BvCommandLineJob        *job,
                                              const char              *which);

/* --add-mail-account and --send-invitations (bv-application-mail.c). */
gboolean _bv_application_run_mail_job        (BvApplication           *self,
                                              GApplicationCommandLine *command_line,
                                              GVariantDict            *options);

/* The join behind app.join-meeting and app.join-room, and
 * bv_application_join_meeting_async () (bv-application-join.c). Like the
 * jobs, it uses the application through bv-application.h alone. */
void _bv_application_join_meeting_action (GSimpleAction *action,
                                          GVariant      *parameter,
                                          gpointer       user_data);
void _bv_application_join_room_action    (GSimpleAction *action,
                                          GVariant      *parameter,
                                          gpointer       user_data);

G_END_DECLS
