/* bv-command-line-job.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib-unix.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include "bv-command-line-job.h"

typedef struct
{
  int            fd;
  struct termios saved;
  guint          interrupt_id;
} QuietTerminal;

static void
quiet_terminal_restore (QuietTerminal *terminal)
{
  tcsetattr (terminal->fd, TCSAFLUSH, &terminal->saved);
  g_clear_handle_id (&terminal->interrupt_id, g_source_remove);
  g_free (terminal);
}

BvCommandLineJob *
bv_command_line_job_new (BvApplication           *application,
                         GApplicationCommandLine *command_line)
{
  BvCommandLineJob *job;

  g_return_val_if_fail (BV_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_APPLICATION_COMMAND_LINE (command_line), NULL);

  job = g_new0 (BvCommandLineJob, 1);
  job->application = g_object_ref (application);
  job->command_line = g_object_ref (command_line);
  job->cancellable = g_cancellable_new ();
  /* Keeps a locally started app alive until the job is done. */
  g_application_hold (G_APPLICATION (application));
  return job;
}

void
bv_command_line_job_free (BvCommandLineJob *job)
{
  if (job->data_free)
    g_clear_pointer (&job->data, job->data_free);
  g_clear_pointer (&job->quiet_terminal, quiet_terminal_restore);
  g_clear_handle_id (&job->sigint_id, g_source_remove);
  g_clear_handle_id (&job->sigterm_id, g_source_remove);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->command_line);
  g_application_release (G_APPLICATION (job->application));
  g_clear_object (&job->application);
  g_free (job);
}

void
bv_command_line_job_set_data (BvCommandLineJob *job,
                              gpointer          data,
                              GDestroyNotify    data_free)
{
  g_return_if_fail (job->data == NULL);

  job->data = data;
  job->data_free = data_free;
}

void
bv_command_line_job_finish (BvCommandLineJob *job,
                            int               status,
                            const char       *line)
{
  if (line && status == 0)
    g_application_command_line_print (job->command_line, "%s\n", line);
  else if (line)
    g_application_command_line_printerr (job->command_line, "%s\n", line);

  g_application_command_line_set_exit_status (job->command_line, status);
  bv_application_set_job_status (job->application, status);
}

static gboolean
signal_cb (gpointer user_data)
{
  BvCommandLineJob *job = user_data;

  g_cancellable_cancel (job->cancellable);
  return G_SOURCE_CONTINUE;
}

void
bv_command_line_job_cancel_on_signals (BvCommandLineJob *job)
{
  if (g_application_command_line_get_is_remote (job->command_line) || job->sigint_id)
    return;

  job->sigint_id = g_unix_signal_add (SIGINT, signal_cb, job);
  job->sigterm_id = g_unix_signal_add (SIGTERM, signal_cb, job);
}

/* Ctrl+C at the prompt: give the terminal its echo back before leaving. */
static gboolean
terminal_interrupted_cb (gpointer user_data)
{
  QuietTerminal *terminal = user_data;

  tcsetattr (terminal->fd, TCSAFLUSH, &terminal->saved);
  _exit (130);
  return G_SOURCE_REMOVE;
}

void
bv_command_line_job_echo_off (BvCommandLineJob *job,
                              int               fd,
                              const char       *prompt)
{
  g_autofree QuietTerminal *terminal = g_new0 (QuietTerminal, 1);
  struct termios quiet;

  g_return_if_fail (job->quiet_terminal == NULL);

  if (!isatty (fd) || tcgetattr (fd, &terminal->saved) != 0)
    return;
  quiet = terminal->saved;
  quiet.c_lflag &= ~(tcflag_t) (ECHO | ECHOE | ECHOK | ECHONL);
  if (tcsetattr (fd, TCSAFLUSH, &quiet) != 0)
    return;
  terminal->fd = fd;
  if (!g_application_command_line_get_is_remote (job->command_line))
    terminal->interrupt_id = g_unix_signal_add (SIGINT, terminal_interrupted_cb, terminal);
  job->quiet_terminal = g_steal_pointer (&terminal);
  g_application_command_line_printerr (job->command_line, "%s", prompt);
}

void
bv_command_line_job_echo_on (BvCommandLineJob *job)
{
  if (!job->quiet_terminal)
    return;
  g_clear_pointer (&job->quiet_terminal, quiet_terminal_restore);
  /* The Enter that ended the input was not echoed either. */
  g_application_command_line_printerr (job->command_line, "\n");
}
