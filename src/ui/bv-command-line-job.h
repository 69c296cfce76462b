/* bv-command-line-job.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bv-application.h"

G_BEGIN_DECLS

/* What every command-line job (--add-server, --import, --import-members,
 * --export-invitations, ...) needs while it runs asynchronously: the
 * invocation to print to, a cancellable, the application held until the
 * job is done, and the job's own state in @data. */
typedef struct
{
  BvApplication           *application;
  GApplicationCommandLine *command_line;
  GCancellable            *cancellable;
  gpointer                 data;
  GDestroyNotify           data_free;
  guint                    sigint_id;
  guint                    sigterm_id;
  gpointer                 quiet_terminal;  /* while echo is off */
} BvCommandLineJob;

BvCommandLineJob *bv_command_line_job_new       (BvApplication           *application,
                                                 GApplicationCommandLine *command_line);
void              bv_command_line_job_free      (BvCommandLineJob        *job);
/* The job's own state, freed with @data_free together with the job. */
void              bv_command_line_job_set_data  (BvCommandLineJob        *job,
                                                 gpointer                 data,
                                                 GDestroyNotify           data_free);
/* Prints @line (nullable) on standard output for status 0, else on
 * standard error, and sets the exit status of the invocation. */
void              bv_command_line_job_finish    (BvCommandLineJob        *job,
                                                 int                      status,
                                                 const char              *line);
/* Ctrl+C or a kill cancels job->cancellable (only when this process runs
 * the job itself: signals do not reach it for a remote command line). */
void              bv_command_line_job_cancel_on_signals (BvCommandLineJob *job);

/* As ssh-keygen and sudo do: a secret typed at a terminal must not stay
 * in its scrollback. When @fd is a terminal, turns its echo off and
 * prints @prompt on standard error; Ctrl+C then gives the echo back before
 * leaving. Nothing happens when @fd is not a terminal (a pipe, a file). */
void              bv_command_line_job_echo_off  (BvCommandLineJob        *job,
                                                 int                      fd,
                                                 const char              *prompt);
/* Gives the terminal its echo back (also done when the job is freed). */
void              bv_command_line_job_echo_on   (BvCommandLineJob        *job);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BvCommandLineJob, bv_command_line_job_free)

G_END_DECLS
