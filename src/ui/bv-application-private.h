/* bv-application-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bv-application.h"

G_BEGIN_DECLS

/* The command-line jobs (bv-application-command-line.c). Each returns TRUE
 * when it took the invocation over; it then finishes asynchronously. */
gboolean _bv_application_run_job      (BvApplication           *self,
                                       GApplicationCommandLine *command_line,
                                       GVariantDict            *options);
/* The join flow of --join for @which ("next" or a meeting id), also
 * without a command line (@command_line NULL: from a notification or the
 * search); failures are also shown as a notification. */
void     _bv_application_join         (BvApplication           *self,
                                       GApplicationCommandLine *command_line,
                                       const char              *which);
/* The join flow succeeded for @meeting_id. */
void     _bv_application_joined       (BvApplication           *self,
                                       const char              *meeting_id);
/* --import-members (bv-application-members.c), as _bv_application_run_job. */
gboolean _bv_application_run_members_job (BvApplication           *self,
                                          GApplicationCommandLine *command_line,
                                          GVariantDict            *options);
/* --export-invitations (bv-application-invitations.c), as _bv_application_run_job. */
gboolean _bv_application_run_invitations_job (BvApplication           *self,
                                              GApplicationCommandLine *command_line,
                                              GVariantDict            *options);
/* The exit status of a job that ran in this process. */
void     _bv_application_set_job_status (BvApplication         *self,
                                         int                    status);

G_END_DECLS
