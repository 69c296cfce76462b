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
/* The exit status of a job that ran in this process. */
void     _bv_application_set_job_status (BvApplication         *self,
                                         int                    status);

G_END_DECLS
