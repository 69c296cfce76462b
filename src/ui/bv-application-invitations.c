/* bv-application-invitations.c
 *
 * --export-invitations=ID [--output=FILE]: the mail-merge file of the
 * Invite window, without a window: a ';'-separated UTF-8 CSV with one
 * row per participant and their personal link, on standard output or in
 * FILE.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-application-private.h"
#include "bv-command-line-job.h"
#include "bv-invitation-export.h"
#include "bv-invitation-settings.h"
#include "bv-server-client.h"

/* The export's state while the server's client opens. */
typedef struct
{
  BvMeeting *meeting;
  BvServer  *server;
  GPtrArray *participants;
  GFile     *output;
} InvitationsExport;

static void
invitations_export_free (InvitationsExport *export)
{
  g_clear_object (&export->meeting);
  g_clear_object (&export->server);
  g_clear_pointer (&export->participants, g_ptr_array_unref);
  g_clear_object (&export->output);
  g_free (export);
}

/* By id, else by exact title when only one meeting has it. */
BvMeeting *
_bv_application_find_meeting (BvDatabase  *database,
                              const char  *which,
                              char       **problem)
{
  GListModel *meetings = bv_database_get_meetings (database);
  g_autoptr(BvMeeting) found = bv_database_find_meeting (database, which);
  guint matches = 0;

  if (found)
    return g_steal_pointer (&found);

  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(BvMeeting) meeting = g_list_model_get_item (meetings, i);

      if (g_strcmp0 (bv_meeting_get_title (meeting), which) == 0)
        {
          matches++;
          g_set_object (&found, meeting);
        }
    }

  if (matches == 1)
    return g_steal_pointer (&found);

  if (matches > 1)
    /* Translators: %s is a meeting's title. */
    *problem = g_strdup_printf (_("Several meetings are called “%s”. Give the meeting’s "
                                  "identifier instead; --list-meetings shows it."), which);
  else
    /* Translators: %s is what was given after --export-invitations= or --export-attendance=. */
    *problem = g_strdup_printf (_("There is no meeting “%s”. Give the meeting’s identifier or "
                                  "its exact title; --list-meetings shows them."), which);
  return NULL;
}

BvMeeting *
_bv_application_job_meeting (BvApplication    *self,
                             BvCommandLineJob *job,
                             const char       *which)
{
  const GError *database_error = bv_application_get_database_error (self);
  g_autofree char *problem = NULL;
  BvMeeting *meeting;

  if (database_error)
    {
      bv_command_line_job_finish (job, 1, database_error->message);
      return NULL;
    }
  meeting = _bv_application_find_meeting (bv_context_get_database (bv_application_get_context (self)),
                                          which, &problem);
  if (!meeting)
    bv_command_line_job_finish (job, 1, problem);
  return meeting;
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BvCommandLineJob) job = user_data;
  InvitationsExport *export = job->data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;

  name = g_file_get_parse_name (export->output);
  if (!bv_invitation_export_write_merge_finish (BV_INVITATION_EXPORT (object), result, &error))
    {
      /* Translators: the first %s is a file name, the second what went wrong. */
      message = g_strdup_printf (_("The invitations could not be written to “%s”: %s"),
                                 name, error->message);
      bv_command_line_job_finish (job, 1, message);
      return;
    }

  /* Translators: %u is a number of people, %s a file name. */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Invitations: %u person written to %s",
                                          "Invitations: %u people written to %s",
                                          export->participants->len),
                             export->participants->len, name);
  bv_command_line_job_finish (job, 0, message);
}

static void
client_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BvCommandLineJob) job = user_data;
  InvitationsExport *export = job->data;
  g_autoptr(BvBbbClient) client = NULL;
  g_autoptr(BvInvitationExport) merge = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BvInvitationSettings) texts = NULL;
  g_autofree char *csv = NULL;

  client = bv_server_client_open_finish (result, &error);
  if (!client)
    {
      bv_command_line_job_finish (job, 1, error->message);
      return;
    }

  texts = bv_invitation_settings_read (bv_application_get_settings (job->application),
                                       export->server, export->meeting);
  /* The same file as the Invite window's "Export for Mail Merge". */
  merge = bv_invitation_export_new (export->meeting, texts->template_text, &texts->context);
  bv_invitation_export_add_signed (merge, client, export->server, export->participants);

  if (export->output)
    {
      bv_invitation_export_write_merge_async (merge, export->output, NULL, written_cb, g_steal_pointer (&job));
      return;
    }

  csv = bv_invitation_export_merge_csv (merge);
  g_application_command_line_print (job->command_line, "%s", csv);
  bv_command_line_job_finish (job, 0, NULL);
}

/* Returns TRUE when --export-invitations was given and the job taken over. */
gboolean
_bv_application_run_invitations_job (BvApplication           *self,
                                     GApplicationCommandLine *command_line,
                                     GVariantDict            *options)
{
  const char *which = NULL;
  const char *output = NULL;
  g_autoptr(BvCommandLineJob) job = NULL;
  InvitationsExport *export;
  g_autofree char *problem = NULL;
  BvContext *manager;
  BvDatabase *database;
  BvServer *server;
  const char *server_id;

  if (!g_variant_dict_lookup (options, "export-invitations", "&s", &which) || !which)
    return FALSE;
  g_variant_dict_lookup (options, "output", "^&ay", &output);

  job = bv_command_line_job_new (self, command_line);
  export = g_new0 (InvitationsExport, 1);
  bv_command_line_job_set_data (job, export, (GDestroyNotify) invitations_export_free);

  export->meeting = _bv_application_job_meeting (self, job, which);
  if (!export->meeting)
    return TRUE;
  manager = bv_application_get_context (self);
  database = bv_context_get_database (manager);

  export->participants = bv_database_list_participants (database, bv_meeting_get_id (export->meeting));
  if (!export->participants || export->participants->len == 0)
    {
      /* Translators: %s is a meeting's title. */
      problem = g_strdup_printf (_("Nobody is invited to “%s” yet. Add participants in the "
                                   "meeting’s invitations first."),
                                 bv_meeting_get_title (export->meeting));
      bv_command_line_job_finish (job, 1, problem);
      return TRUE;
    }

  server_id = bv_meeting_get_server_id (export->meeting);
  export->server = server_id ? bv_context_find_server (manager, server_id) : NULL;
  if (!export->server)
    {
      bv_command_line_job_finish (job, 1, _("This meeting has no conference server. Choose one in the meeting’s settings."));
      return TRUE;
    }

  /* Relative to the caller's folder, also when another instance runs. */
  if (output && *output)
    export->output = g_application_command_line_create_file_for_arg (command_line, output);

  /* The server first: argument order is unspecified in C, and the steal
   * must not come before it. */
  server = export->server;
  bv_server_client_open_async (server, NULL, client_opened_cb, g_steal_pointer (&job));
  return TRUE;
}
