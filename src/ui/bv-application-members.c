/* bv-application-members.c
 *
 * --import-members=FILE: the same import as the Members page, without a
 * window: prints "Members: 12 added, 3 updated, 2 skipped" and the
 * reason of each skipped row on standard error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-application-private.h"
#include "bv-member-import.h"

typedef struct
{
  BvApplication           *app;
  GApplicationCommandLine *command_line;
} MembersJob;

static void
members_job_free (MembersJob *job)
{
  g_clear_object (&job->command_line);
  g_application_release (G_APPLICATION (job->app));
  g_clear_object (&job->app);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MembersJob, members_job_free)

static void
finish (MembersJob *job,
        int         status)
{
  g_application_command_line_set_exit_status (job->command_line, status);
  _bv_application_set_job_status (job->app, status);
}

static void
preview_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MembersJob) job = user_data;
  g_autoptr(BvMemberImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  BvServerManager *manager = bv_application_get_server_manager (job->app);
  BvMemberImportCounts counts = { 0 };
  GPtrArray *skipped;

  import = bv_member_import_file_finish (result, &error);
  if (!import ||
      !bv_member_import_apply (import, bv_server_manager_get_database (manager), &counts, &error))
    {
      g_application_command_line_printerr (job->command_line, "%s\n", error->message);
      finish (job, 1);
      return;
    }

  /* Translators: the numbers of members added, updated and skipped */
  line = g_strdup_printf (_("Members: %u added, %u updated, %u skipped"),
                          counts.added, counts.updated, counts.skipped);
  g_application_command_line_print (job->command_line, "%s\n", line);

  skipped = bv_member_import_get_skipped (import);
  for (guint i = 0; i < skipped->len; i++)
    {
      BvMemberImportItem *item = g_ptr_array_index (skipped, i);

      g_application_command_line_printerr (job->command_line, "%s\n", item->details);
    }

  finish (job, 0);
}

/* Returns TRUE when --import-members was given and the job taken over. */
gboolean
_bv_application_run_members_job (BvApplication           *self,
                                 GApplicationCommandLine *command_line,
                                 GVariantDict            *options)
{
  const char *path = NULL;
  const GError *database_error;
  g_autoptr(GFile) file = NULL;
  MembersJob *job;

  if (!g_variant_dict_lookup (options, "import-members", "^&ay", &path) || !path)
    return FALSE;

  job = g_new0 (MembersJob, 1);
  job->app = g_object_ref (self);
  job->command_line = g_object_ref (command_line);
  /* Keeps a locally started app alive until the job is done. */
  g_application_hold (G_APPLICATION (self));

  database_error = bv_application_get_database_error (self);
  if (database_error)
    {
      g_application_command_line_printerr (command_line, "%s\n", database_error->message);
      finish (job, 1);
      members_job_free (job);
      return TRUE;
    }

  /* Relative to the caller's folder, also when another instance runs. */
  file = g_application_command_line_create_file_for_arg (command_line, path);
  bv_member_import_file_async (bv_server_manager_get_database (bv_application_get_server_manager (self)),
                               file, NULL, preview_ready_cb, job);
  return TRUE;
}
