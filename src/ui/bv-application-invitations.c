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
#include "bv-invitation-export.h"
#include "bv-server-client.h"

typedef struct
{
  BvApplication           *app;
  GApplicationCommandLine *command_line;
  BvMeeting               *meeting;
  BvServer                *server;
  GPtrArray               *participants;
  GFile                   *output;
} InvitationsJob;

static void
invitations_job_free (InvitationsJob *job)
{
  g_clear_object (&job->command_line);
  g_clear_object (&job->meeting);
  g_clear_object (&job->server);
  g_clear_pointer (&job->participants, g_ptr_array_unref);
  g_clear_object (&job->output);
  g_application_release (G_APPLICATION (job->app));
  g_clear_object (&job->app);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InvitationsJob, invitations_job_free)

static void
finish (InvitationsJob *job,
        int             status)
{
  g_application_command_line_set_exit_status (job->command_line, status);
  _bv_application_set_job_status (job->app, status);
}

static void
fail (InvitationsJob *job,
      const char     *message)
{
  g_application_command_line_printerr (job->command_line, "%s\n", message);
  finish (job, 1);
}

/* By id, else by exact title when only one meeting has it. */
static BvMeeting *
find_meeting (BvDatabase  *database,
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
    /* Translators: %s is what was given after --export-invitations=. */
    *problem = g_strdup_printf (_("There is no meeting “%s”. Give the meeting’s identifier or "
                                  "its exact title; --list-meetings shows them."), which);
  return NULL;
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(InvitationsJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;

  name = g_file_get_parse_name (job->output);
  if (!bv_invitation_export_write_merge_finish (BV_INVITATION_EXPORT (object), result, &error))
    {
      /* Translators: the first %s is a file name, the second what went wrong. */
      message = g_strdup_printf (_("The invitations could not be written to “%s”: %s"),
                                 name, error->message);
      fail (job, message);
      return;
    }

  /* Translators: %u is a number of people, %s a file name. */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Invitations: %u person written to %s",
                                          "Invitations: %u people written to %s",
                                          job->participants->len),
                             job->participants->len, name);
  g_application_command_line_print (job->command_line, "%s\n", message);
  finish (job, 0);
}

static void
client_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(InvitationsJob) job = user_data;
  g_autoptr(BvBbbClient) client = NULL;
  g_autoptr(BvInvitationExport) export = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *template_text = NULL;
  g_autofree char *club_name = NULL;
  g_autofree char *privacy_contact = NULL;
  g_autofree char *csv = NULL;
  GSettings *settings = bv_application_get_settings (job->app);
  BvInvitationContext context = { NULL };
  char pin[BV_INVITATION_PIN_SIZE];

  client = bv_server_client_open_finish (result, &error);
  if (!client)
    {
      fail (job, error->message);
      return;
    }

  template_text = g_settings_get_string (settings, "invitation-template");
  club_name = g_settings_get_string (settings, "club-name");
  privacy_contact = g_settings_get_string (settings, "privacy-contact");
  context.club_name = club_name;
  context.privacy_contact = privacy_contact;
  bv_invitation_context_set_dial_in (&context, job->server, job->meeting, pin);
  /* The same file as the Invite window's "Export for Mail Merge". */
  export = bv_invitation_export_new (job->meeting, template_text, &context);
  bv_invitation_export_add_signed (export, client, job->server, job->participants);

  if (job->output)
    {
      GFile *output = job->output;

      bv_invitation_export_write_merge_async (export, output, NULL, written_cb, g_steal_pointer (&job));
      return;
    }

  csv = bv_invitation_export_merge_csv (export);
  g_application_command_line_print (job->command_line, "%s", csv);
  finish (job, 0);
}

/* Returns TRUE when --export-invitations was given and the job taken over. */
gboolean
_bv_application_run_invitations_job (BvApplication           *self,
                                     GApplicationCommandLine *command_line,
                                     GVariantDict            *options)
{
  const char *which = NULL;
  const char *output = NULL;
  const GError *database_error;
  g_autoptr(InvitationsJob) job = NULL;
  g_autofree char *problem = NULL;
  BvServerManager *manager;
  BvDatabase *database;
  BvServer *server;
  const char *server_id;

  if (!g_variant_dict_lookup (options, "export-invitations", "&s", &which) || !which)
    return FALSE;
  g_variant_dict_lookup (options, "output", "^&ay", &output);

  job = g_new0 (InvitationsJob, 1);
  job->app = g_object_ref (self);
  job->command_line = g_object_ref (command_line);
  /* Keeps a locally started app alive until the job is done. */
  g_application_hold (G_APPLICATION (self));

  database_error = bv_application_get_database_error (self);
  if (database_error)
    {
      fail (job, database_error->message);
      return TRUE;
    }

  manager = bv_application_get_server_manager (self);
  database = bv_server_manager_get_database (manager);
  job->meeting = find_meeting (database, which, &problem);
  if (!job->meeting)
    {
      fail (job, problem);
      return TRUE;
    }

  job->participants = bv_database_list_participants (database, bv_meeting_get_id (job->meeting));
  if (!job->participants || job->participants->len == 0)
    {
      /* Translators: %s is a meeting's title. */
      problem = g_strdup_printf (_("Nobody is invited to “%s” yet. Add participants in the "
                                   "meeting’s invitations first."),
                                 bv_meeting_get_title (job->meeting));
      fail (job, problem);
      return TRUE;
    }

  server_id = bv_meeting_get_server_id (job->meeting);
  job->server = server_id ? bv_server_manager_find_server (manager, server_id) : NULL;
  if (!job->server)
    {
      fail (job, _("This meeting has no conference server. Choose one in the meeting’s settings."));
      return TRUE;
    }

  /* Relative to the caller's folder, also when another instance runs. */
  if (output && *output)
    job->output = g_application_command_line_create_file_for_arg (command_line, output);

  /* The server first: argument order is unspecified in C, and the steal
   * must not come before it. */
  server = job->server;
  bv_server_client_open_async (server, NULL, client_opened_cb, g_steal_pointer (&job));
  return TRUE;
}
