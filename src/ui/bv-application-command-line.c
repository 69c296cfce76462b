/* bv-application-command-line.c
 *
 * The options that do a job and exit (product.md, "Command line"): they
 * open no window, print one line and set the exit status, also when an
 * instance is already running (GApplication's remote command line).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "bv-application-private.h"
#include "bv-ics-import.h"
#include "bv-join.h"
#include "bv-schedule.h"
#include "bv-secure.h"
#include "bv-server-client.h"

typedef struct
{
  BvApplication           *app;
  GApplicationCommandLine *command_line;
  char                    *url;
  char                    *name;
  char                    *checksum;
  char                    *meeting_id;
  int                      tty;  /* -1, or the terminal whose echo is off */
  struct termios           tty_saved;
  guint                    interrupt_id;
  GCancellable            *cancellable;
  guint                    sigint_id;
  guint                    sigterm_id;
} Job;

static void
job_free (Job *job)
{
  if (job->tty >= 0)
    tcsetattr (job->tty, TCSAFLUSH, &job->tty_saved);
  g_clear_handle_id (&job->interrupt_id, g_source_remove);
  g_clear_object (&job->command_line);
  g_clear_pointer (&job->url, g_free);
  g_clear_pointer (&job->name, g_free);
  g_clear_pointer (&job->checksum, g_free);
  g_clear_pointer (&job->meeting_id, g_free);
  g_clear_handle_id (&job->sigint_id, g_source_remove);
  g_clear_handle_id (&job->sigterm_id, g_source_remove);
  g_clear_object (&job->cancellable);
  g_application_release (G_APPLICATION (job->app));
  g_clear_object (&job->app);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static Job *
job_new (BvApplication           *app,
         GApplicationCommandLine *command_line)
{
  Job *job = g_new0 (Job, 1);

  job->app = g_object_ref (app);
  /* NULL for a join from a notification or the search. */
  job->command_line = command_line ? g_object_ref (command_line) : NULL;
  job->tty = -1;
  /* Keeps a locally started app alive until the job is done. */
  g_application_hold (G_APPLICATION (app));
  return job;
}

static void
job_finish (Job        *job,
            int         status,
            const char *line)
{
  if (!job->command_line)
    return;

  if (status == 0)
    g_application_command_line_print (job->command_line, "%s\n", line);
  else
    g_application_command_line_printerr (job->command_line, "%s\n", line);

  g_application_command_line_set_exit_status (job->command_line, status);
  _bv_application_set_job_status (job->app, status);
}

/* One summary for --add-server and --check-server, from what the last
 * connection test stored: "OK: BigBlueButton 3.0.19, SHA-256". */
static char *
describe_server (BvServer *server)
{
  g_autofree char *name = bv_server_client_describe_version (server);
  BvChecksumAlgorithm algorithm = BV_CHECKSUM_SHA256;

  bv_checksum_algorithm_from_string (bv_server_get_detected_checksum (server), &algorithm);
  return g_strdup_printf ("OK: %s, %s", name, bv_checksum_algorithm_get_label (algorithm));
}

/* --add-server */

static void
server_added_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autofree char *line = NULL;

  server = bv_server_manager_save_finish (BV_SERVER_MANAGER (object), result, &error);
  if (!server)
    {
      job_finish (job, 1, error->message);
      return;
    }

  line = describe_server (server);
  job_finish (job, 0, line);
}

/* As ssh-keygen and sudo do: a secret typed at a terminal must not stay
 * in its scrollback. */
/* Ctrl+C at the prompt: give the terminal its echo back before leaving. */
static gboolean
interrupted_cb (gpointer user_data)
{
  Job *job = user_data;

  tcsetattr (job->tty, TCSAFLUSH, &job->tty_saved);
  _exit (130);
  return G_SOURCE_REMOVE;
}

static void
echo_off (Job *job,
          int  fd)
{
  struct termios quiet;

  if (!isatty (fd) || tcgetattr (fd, &job->tty_saved) != 0)
    return;

  quiet = job->tty_saved;
  quiet.c_lflag &= ~(tcflag_t) (ECHO | ECHOE | ECHOK | ECHONL);
  if (tcsetattr (fd, TCSAFLUSH, &quiet) != 0)
    return;
  job->tty = fd;
  if (!g_application_command_line_get_is_remote (job->command_line))
    job->interrupt_id = g_unix_signal_add (SIGINT, interrupted_cb, job);
  g_application_command_line_printerr (job->command_line, "%s",
                                       _("Shared secret (the input is not shown): "));
}

static void
echo_on (Job *job)
{
  if (job->tty < 0)
    return;

  tcsetattr (job->tty, TCSAFLUSH, &job->tty_saved);
  job->tty = -1;
  g_clear_handle_id (&job->interrupt_id, g_source_remove);
  /* The Enter that ended the secret was not echoed either. */
  g_application_command_line_printerr (job->command_line, "\n");
}

static void
secret_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  BvServerManager *manager = bv_application_get_server_manager (job->app);
  gsize length = 0;

  secret = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                      &length, &error);
  echo_on (job);
  if (secret)
    g_strstrip (secret);
  if (!secret || !*secret)
    {
      job_finish (job, 1, _("No shared secret on standard input. Pass it as the first line, "
                            "for example: echo SECRET | bbb-vereine --add-server=URL"));
      return;
    }

  bv_server_manager_save_async (manager, NULL, job->name, job->url, job->checksum, secret,
                                NULL, server_added_cb, job);
  bv_secure_wipe (secret, strlen (secret));
  job = NULL;
}

static void
add_server (Job *job)
{
  g_autoptr(GInputStream) input = g_application_command_line_get_stdin (job->command_line);
  g_autoptr(GDataInputStream) lines = NULL;

  if (!input)
    {
      job_finish (job, 1, _("No shared secret on standard input. Pass it as the first line, "
                            "for example: echo SECRET | bbb-vereine --add-server=URL"));
      job_free (job);
      return;
    }

  if (G_IS_UNIX_INPUT_STREAM (input))
    echo_off (job, g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (input)));

  lines = g_data_input_stream_new (input);
  g_data_input_stream_set_newline_type (lines, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, secret_read_cb, job);
}

/* --check-server */

static void
server_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BvConnectionTest) test = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autofree char *line = NULL;

  test = bv_server_manager_check_server_finish (BV_SERVER_MANAGER (object), result, &error);
  if (!test)
    {
      job_finish (job, 1, error->message);
      return;
    }

  /* The check stored its findings on the server's row. */
  server = bv_server_manager_find_server (BV_SERVER_MANAGER (object), job->name);
  line = describe_server (server);
  job_finish (job, 0, line);
}

static BvServer *
find_default_server (BvApplication *app)
{
  BvServerManager *manager = bv_application_get_server_manager (app);
  GListModel *servers = bv_server_manager_get_servers (manager);
  g_autofree char *default_id = g_settings_get_string (bv_application_get_settings (app),
                                                       "default-server");
  BvServer *found = NULL;

  if (*default_id)
    found = bv_server_manager_find_server (manager, default_id);
  if (!found && g_list_model_get_n_items (servers) > 0)
    found = g_list_model_get_item (servers, 0);
  return found;
}

static void
check_server (Job        *job,
              const char *name)
{
  BvServerManager *manager = bv_application_get_server_manager (job->app);
  g_autoptr(BvServer) server = NULL;
  g_autofree char *message = NULL;

  server = *name ? bv_server_manager_find_server (manager, name) : find_default_server (job->app);
  if (!server)
    {
      if (*name)
        /* Translators: %s is the name the user gave on the command line. */
        message = g_strdup_printf (_("There is no server named “%s”. The names are listed in the "
                                     "app under Preferences → Conference Servers."), name);
      else
        message = g_strdup (_("No server is set up yet. Add one in the app or with "
                              "--add-server=URL."));
      job_finish (job, 1, message);
      job_free (job);
      return;
    }

  job->name = g_strdup (bv_server_get_id (server));
  bv_server_manager_check_server_async (manager, server, NULL, server_checked_cb, job);
}

/* --list-meetings */

static void
list_meetings (Job *job)
{
  BvServerManager *manager = bv_application_get_server_manager (job->app);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) until = g_date_time_add_days (now, 30);
  g_autoptr(GPtrArray) planned = bv_schedule_list (bv_server_manager_get_database (manager), now, until);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < planned->len; i++)
    {
      BvPlannedOccurrence *p = g_ptr_array_index (planned, i);
      /* RFC 3339 for the programs that read this: the offset with a colon
       * (GLib's ISO 8601 writes "+01", which JavaScript and others refuse),
       * in the user's zone like every time the app shows. */
      g_autoptr(GDateTime) local = g_date_time_to_local (p->occurrence->start);
      g_autofree char *start = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
      g_autoptr(BvServer) server = NULL;
      const char *server_id = bv_meeting_get_server_id (p->meeting);
      GTimeSpan span = g_date_time_difference (p->occurrence->end, p->occurrence->start);

      if (server_id)
        server = bv_server_manager_find_server (manager, server_id);
      g_string_append_printf (out, "%s\t%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", start,
                              (gint64) (span / G_TIME_SPAN_MINUTE),
                              bv_meeting_get_id (p->meeting),
                              bv_meeting_get_title (p->meeting),
                              server ? bv_server_get_name (server) : "");
    }

  g_application_command_line_print (job->command_line, "%s", out->str);
  g_application_command_line_set_exit_status (job->command_line, 0);
  _bv_application_set_job_status (job->app, 0);
  job_free (job);
}

/* --import */

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_auto(BvIcsImportCounts) counts = { 0 };

  if (!bv_ics_import_file_finish (result, &counts, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        job_finish (job, 1, _("The import was cancelled. Nothing was imported."));
      else
        job_finish (job, 1, error->message);
      return;
    }

  if (counts.refused_attendees && job->command_line)
    {
      g_autofree char *list = g_strjoinv (", ", counts.refused_attendees);

      /* Translators: %s is a list of what calendar files gave as e-mail addresses. */
      g_application_command_line_printerr (job->command_line,
                                           _("Not invited, because these are no valid e-mail "
                                             "addresses: %s\n"),
                                           list);
    }

  /* Translators: the numbers of meetings added, updated and skipped. */
  line = g_strdup_printf (_("Imported: %u added, %u updated, %u skipped"),
                          counts.added, counts.updated, counts.skipped);
  job_finish (job, 0, line);
}

/* Ctrl+C or a kill while the file is read: the import stops at its next
 * check, stores nothing and says so. */
static gboolean
import_signal_cb (gpointer user_data)
{
  Job *job = user_data;

  g_cancellable_cancel (job->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
import_file (Job        *job,
             const char *path)
{
  BvServerManager *manager = bv_application_get_server_manager (job->app);
  g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (job->command_line, path);
  g_autoptr(BvServer) server = find_default_server (job->app);

  job->cancellable = g_cancellable_new ();
  /* Signals reach this process only when it runs the job itself. */
  if (!g_application_command_line_get_is_remote (job->command_line))
    {
      job->sigint_id = g_unix_signal_add (SIGINT, import_signal_cb, job);
      job->sigterm_id = g_unix_signal_add (SIGTERM, import_signal_cb, job);
    }

  /* Without any server the meetings are planned now and get one later. */
  bv_ics_import_file_async (bv_server_manager_get_database (manager), file,
                            server ? bv_server_get_id (server) : NULL, job->cancellable,
                            imported_cb, job);
}

/* --join */

static void
join_failed (Job        *job,
             const char *message)
{
  g_autoptr(GNotification) notification = NULL;

  /* Launchers have no terminal: say it where the user looks. */
  notification = g_notification_new (_("Joining the meeting failed"));
  g_notification_set_body (notification, message);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_application_send_notification (G_APPLICATION (job->app), "join-failed", notification);
  job_finish (job, 1, message);
}

static void
joined_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  if (!bv_join_run_finish (result, &error))
    {
      join_failed (job, error->message);
      return;
    }

  _bv_application_joined (job->app, job->meeting_id);
  line = g_strdup_printf ("OK: %s", job->name);
  job_finish (job, 0, line);
}

static void
join (Job        *job,
      const char *which)
{
  BvServerManager *manager = bv_application_get_server_manager (job->app);
  BvDatabase *database = bv_server_manager_get_database (manager);
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autofree char *display_name = NULL;

  if (g_str_equal (which, "next"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(BvPlannedOccurrence) next = bv_schedule_find_next (database, now);

      if (next)
        meeting = g_object_ref (next->meeting);
    }
  else
    meeting = bv_database_find_meeting (database, which);

  if (!meeting)
    {
      g_autofree char *message = NULL;

      if (g_str_equal (which, "next"))
        message = g_strdup (_("No meeting is planned. Plan one in the app first."));
      else
        /* Translators: %s is what the user passed to --join. */
        message = g_strdup_printf (_("There is no meeting “%s”. bbb-vereine --list-meetings shows "
                                     "the meetings and their identifiers."), which);
      join_failed (job, message);
      job_free (job);
      return;
    }

  if (bv_meeting_get_server_id (meeting))
    server = bv_server_manager_find_server (manager, bv_meeting_get_server_id (meeting));

  job->name = g_strdup (bv_meeting_get_title (meeting));
  job->meeting_id = g_strdup (bv_meeting_get_id (meeting));
  display_name = g_settings_get_string (bv_application_get_settings (job->app), "display-name");
  bv_join_run_async (server, meeting, display_name, NULL, NULL, NULL, joined_cb, job);
}

void
_bv_application_join (BvApplication           *self,
                      GApplicationCommandLine *command_line,
                      const char              *which)
{
  const GError *database_error = bv_application_get_database_error (self);
  Job *job;

  g_return_if_fail (BV_IS_APPLICATION (self));
  g_return_if_fail (which);

  job = job_new (self, command_line);
  if (database_error)
    {
      join_failed (job, database_error->message);
      job_free (job);
      return;
    }

  join (job, which);
}

/* The name a server gets when --server-name is missing: its host. */
static char *
name_from_url (const char *url)
{
  g_autofree char *normalized = bv_server_url_normalize (url, NULL);
  g_autoptr(GUri) uri = NULL;

  if (!normalized)
    return g_strdup (url);
  uri = g_uri_parse (normalized, G_URI_FLAGS_ENCODED, NULL);
  return g_strdup (uri ? g_uri_get_host (uri) : url);
}

gboolean
_bv_application_run_job (BvApplication           *self,
                         GApplicationCommandLine *command_line,
                         GVariantDict            *options)
{
  const char *url = NULL;
  const char *name = NULL;
  const char *checksum = NULL;
  const char *check = NULL;
  const char *join_which = NULL;
  const char *import_path = NULL;
  gboolean list = FALSE;
  const GError *database_error = bv_application_get_database_error (self);
  gboolean is_job;
  Job *job;

  if (_bv_application_run_members_job (self, command_line, options))
    return TRUE;
  if (_bv_application_run_invitations_job (self, command_line, options))
    return TRUE;
  g_variant_dict_lookup (options, "add-server", "&s", &url);
  g_variant_dict_lookup (options, "server-name", "&s", &name);
  g_variant_dict_lookup (options, "checksum", "&s", &checksum);
  g_variant_dict_lookup (options, "check-server", "&s", &check);
  g_variant_dict_lookup (options, "join", "&s", &join_which);
  g_variant_dict_lookup (options, "list-meetings", "b", &list);
  g_variant_dict_lookup (options, "import", "^&ay", &import_path);

  is_job = url || check || join_which || list || import_path;
  if (!is_job)
    {
      if (name || checksum)
        {
          g_application_command_line_printerr (command_line, "%s\n",
                                               _("--server-name and --checksum belong to --add-server."));
          g_application_command_line_set_exit_status (command_line, 1);
          _bv_application_set_job_status (self, 1);
          return TRUE;
        }
      if (g_variant_dict_contains (options, "output"))
        {
          g_application_command_line_printerr (command_line, "%s\n",
                                               _("--output belongs to --export-invitations."));
          g_application_command_line_set_exit_status (command_line, 1);
          _bv_application_set_job_status (self, 1);
          return TRUE;
        }
      return FALSE;
    }

  job = job_new (self, command_line);

  if (database_error)
    {
      if (join_which)
        join_failed (job, database_error->message);
      else
        job_finish (job, 1, database_error->message);
      job_free (job);
      return TRUE;
    }

  if (url)
    {
      if (checksum && (!bv_server_checksum_is_valid (checksum) || g_str_equal (checksum, "auto")))
        {
          /* Translators: %s is what the user passed to --checksum. */
          g_autofree char *message = g_strdup_printf (_("Unknown checksum algorithm “%s”. "
                                                        "Use sha1, sha256, sha384 or sha512."),
                                                      checksum);
          job_finish (job, 1, message);
          job_free (job);
          return TRUE;
        }
      job->url = g_strdup (url);
      job->name = name ? g_strdup (name) : name_from_url (url);
      job->checksum = g_strdup (checksum ? checksum : "auto");
      add_server (job);
    }
  else if (check)
    check_server (job, check);
  else if (list)
    list_meetings (job);
  else if (import_path)
    import_file (job, import_path);
  else
    join (job, join_which);

  return TRUE;
}
