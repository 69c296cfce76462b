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
#include <unistd.h>

#include "bv-application-private.h"
#include "bv-command-line-job.h"
#include "bv-ics-import.h"
#include "bv-planned-dates.h"
#include "bv-secure.h"
#include "bv-server-client.h"

/* --add-server's state: the server to add. */
typedef struct
{
  char           *url;
  char           *name;
  char           *checksum;
} ServerToAdd;

static void
server_to_add_free (ServerToAdd *add)
{
  g_free (add->url);
  g_free (add->name);
  g_free (add->checksum);
  g_free (add);
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
  g_autoptr(BvCommandLineJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autofree char *line = NULL;

  server = bv_context_save_finish (BV_CONTEXT (object), result, &error);
  if (!server)
    {
      bv_command_line_job_finish (job, 1, error->message);
      return;
    }

  line = describe_server (server);
  bv_command_line_job_finish (job, 0, line);
}

static void
secret_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BvCommandLineJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  BvContext *manager = bv_application_get_context (job->application);
  ServerToAdd *add = job->data;
  gsize length = 0;

  secret = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                      &length, &error);
  bv_command_line_job_echo_on (job);
  if (secret)
    g_strstrip (secret);
  if (!secret || !*secret)
    {
      bv_command_line_job_finish (job, 1, _("No shared secret on standard input. Pass it as the first line, "
                                            "for example: echo SECRET | bbb-vereine --add-server=URL"));
      return;
    }

  bv_context_save_async (manager, NULL, add->name, add->url, add->checksum, secret,
                         NULL, server_added_cb, job);
  bv_secure_wipe (secret, strlen (secret));
  job = NULL;
}

static void
add_server (BvCommandLineJob *job)
{
  g_autoptr(GInputStream) input = g_application_command_line_get_stdin (job->command_line);
  g_autoptr(GDataInputStream) lines = NULL;

  if (!input)
    {
      bv_command_line_job_finish (job, 1, _("No shared secret on standard input. Pass it as the first line, "
                                            "for example: echo SECRET | bbb-vereine --add-server=URL"));
      bv_command_line_job_free (job);
      return;
    }

  if (G_IS_UNIX_INPUT_STREAM (input))
    bv_command_line_job_echo_off (job, g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (input)),
                                  _("Shared secret (the input is not shown): "));

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
  g_autoptr(BvCommandLineJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BvConnectionTest) test = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autofree char *line = NULL;

  test = bv_context_check_server_finish (BV_CONTEXT (object), result, &error);
  if (!test)
    {
      bv_command_line_job_finish (job, 1, error->message);
      return;
    }

  /* The check stored its findings on the server's row. */
  server = bv_context_find_server (BV_CONTEXT (object), job->data);
  line = describe_server (server);
  bv_command_line_job_finish (job, 0, line);
}

static BvServer *
find_default_server (BvApplication *app)
{
  BvContext *manager = bv_application_get_context (app);
  GListModel *servers = bv_context_get_servers (manager);
  g_autofree char *default_id = g_settings_get_string (bv_application_get_settings (app),
                                                       "default-server");
  BvServer *found = NULL;

  if (*default_id)
    found = bv_context_find_server (manager, default_id);
  if (!found && g_list_model_get_n_items (servers) > 0)
    found = g_list_model_get_item (servers, 0);
  return found;
}

static void
check_server (BvCommandLineJob *job,
              const char       *name)
{
  BvContext *manager = bv_application_get_context (job->application);
  g_autoptr(BvServer) server = NULL;
  g_autofree char *message = NULL;

  server = *name ? bv_context_find_server (manager, name) : find_default_server (job->application);
  if (!server)
    {
      if (*name)
        /* Translators: %s is the name the user gave on the command line. */
        message = g_strdup_printf (_("There is no server named “%s”. The names are listed in the "
                                     "app under Preferences → Conference Servers."), name);
      else
        message = g_strdup (_("No server is set up yet. Add one in the app or with "
                              "--add-server=URL."));
      bv_command_line_job_finish (job, 1, message);
      bv_command_line_job_free (job);
      return;
    }

  /* The server's id, to find its row again after the check. */
  bv_command_line_job_set_data (job, g_strdup (bv_server_get_id (server)), g_free);
  bv_context_check_server_async (manager, server, NULL, server_checked_cb, job);
}

/* --list-meetings */

static void
list_meetings (BvCommandLineJob *job)
{
  BvContext *manager = bv_application_get_context (job->application);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) until = g_date_time_add_days (now, 30);
  g_autoptr(GPtrArray) planned = bv_planned_dates_list (bv_context_get_database (manager), now, until);
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
        server = bv_context_find_server (manager, server_id);
      g_string_append_printf (out, "%s\t%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", start,
                              (gint64) (span / G_TIME_SPAN_MINUTE),
                              bv_meeting_get_id (p->meeting),
                              bv_meeting_get_title (p->meeting),
                              server ? bv_server_get_name (server) : "");
    }

  g_application_command_line_print (job->command_line, "%s", out->str);
  bv_command_line_job_finish (job, 0, NULL);
  bv_command_line_job_free (job);
}

/* --import */

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BvCommandLineJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_auto(BvIcsImportCounts) counts = { 0 };

  if (!bv_ics_import_file_finish (result, &counts, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bv_command_line_job_finish (job, 1, _("The import was cancelled. Nothing was imported."));
      else
        bv_command_line_job_finish (job, 1, error->message);
      return;
    }

  if (counts.refused_attendees)
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
  bv_command_line_job_finish (job, 0, line);
}

/* Ctrl+C or a kill while the file is read: the import stops at its next
 * check, stores nothing and says so. */
static void
import_file (BvCommandLineJob *job,
             const char       *path)
{
  BvContext *manager = bv_application_get_context (job->application);
  g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (job->command_line, path);
  g_autoptr(BvServer) server = find_default_server (job->application);

  bv_command_line_job_cancel_on_signals (job);

  /* Without any server the meetings are planned now and get one later. */
  bv_ics_import_file_async (bv_context_get_database (manager), file,
                            server ? bv_server_get_id (server) : NULL, job->cancellable,
                            imported_cb, job);
}

/* --join: the same join as the notifications' and the search's Join
 * (app.join-meeting), which also says a failure in a notification. */

static void
joined_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BvCommandLineJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *line = NULL;

  g_autofree char *link = NULL;

  title = bv_application_join_meeting_finish (BV_APPLICATION (object), result, &error);
  if (!title)
    {
      bv_command_line_job_finish (job, 1, error->message);
      return;
    }

  /* No display, no browser: the link alone on standard output, for a
   * script or to copy, and why on standard error. */
  link = bv_application_join_meeting_dup_link (BV_APPLICATION (object), result);
  if (link)
    {
      /* Translators: %s is the meeting's title. */
      g_application_command_line_printerr (job->command_line,
                                           _("There is no display, so no browser was opened. "
                                             "Open this link in a browser to join “%s” as "
                                             "moderator:\n"),
                                           title);
      bv_command_line_job_finish (job, 0, link);
      return;
    }

  line = g_strdup_printf ("OK: %s", title);
  bv_command_line_job_finish (job, 0, line);
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
  BvCommandLineJob *job;

  if (_bv_application_run_members_job (self, command_line, options))
    return TRUE;
  if (_bv_application_run_invitations_job (self, command_line, options))
    return TRUE;
  if (_bv_application_run_mail_job (self, command_line, options))
    return TRUE;
  if (_bv_application_run_attendance_job (self, command_line, options))
    return TRUE;
  if (_bv_application_run_minutes_job (self, command_line, options))
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
          bv_application_set_job_status (self, 1);
          return TRUE;
        }
      if (g_variant_dict_contains (options, "output"))
        {
          g_application_command_line_printerr (command_line, "%s\n",
                                               _("--output belongs to --export-invitations, --export-attendance or --export-minutes."));
          g_application_command_line_set_exit_status (command_line, 1);
          bv_application_set_job_status (self, 1);
          return TRUE;
        }
      return FALSE;
    }

  job = bv_command_line_job_new (self, command_line);

  if (join_which)
    {
      /* Also without a database: the join says so in a notification. */
      bv_application_join_meeting_async (self, join_which, job->cancellable, joined_cb, job);
      return TRUE;
    }

  if (database_error)
    {
      bv_command_line_job_finish (job, 1, database_error->message);
      bv_command_line_job_free (job);
      return TRUE;
    }

  if (url)
    {
      ServerToAdd *add;

      if (checksum && (!bv_server_checksum_is_valid (checksum) || g_str_equal (checksum, "auto")))
        {
          /* Translators: %s is what the user passed to --checksum. */
          g_autofree char *message = g_strdup_printf (_("Unknown checksum algorithm “%s”. "
                                                        "Use sha1, sha256, sha384 or sha512."),
                                                      checksum);
          bv_command_line_job_finish (job, 1, message);
          bv_command_line_job_free (job);
          return TRUE;
        }

      add = g_new0 (ServerToAdd, 1);
      add->url = g_strdup (url);
      add->name = name ? g_strdup (name) : name_from_url (url);
      add->checksum = g_strdup (checksum ? checksum : "auto");
      bv_command_line_job_set_data (job, add, (GDestroyNotify) server_to_add_free);
      add_server (job);
    }
  else if (check)
    check_server (job, check);
  else if (list)
    list_meetings (job);
  else
    import_file (job, import_path);

  return TRUE;
}
