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
#include "bv-command-line-job.h"
#include "bv-member-import.h"

static void
preview_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BvCommandLineJob) job = user_data;
  g_autoptr(BvMemberImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  BvContext *manager = bv_application_get_context (job->application);
  BvMemberImportCounts counts = { 0 };
  GPtrArray *skipped;

  import = bv_member_import_file_finish (result, &error);
  if (!import ||
      !bv_member_import_apply (import, bv_context_get_database (manager), &counts, &error))
    {
      bv_command_line_job_finish (job, 1, error->message);
      return;
    }

  /* Translators: the numbers of members added, updated and skipped */
  line = g_strdup_printf (_("Members: %u added, %u updated, %u skipped"),
                          counts.added, counts.updated, counts.skipped);
  g_application_command_line_print (job->command_line, "%s\n", line);

  /* The reasons after the summary, on standard error. */
  skipped = bv_member_import_get_skipped (import);
  for (guint i = 0; i < skipped->len; i++)
    {
      BvMemberImportItem *item = g_ptr_array_index (skipped, i);

      g_application_command_line_printerr (job->command_line, "%s\n", item->details);
    }

  bv_command_line_job_finish (job, 0, NULL);
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
  BvCommandLineJob *job;

  if (!g_variant_dict_lookup (options, "import-members", "^&ay", &path) || !path)
    return FALSE;

  job = bv_command_line_job_new (self, command_line);

  database_error = bv_application_get_database_error (self);
  if (database_error)
    {
      bv_command_line_job_finish (job, 1, database_error->message);
      bv_command_line_job_free (job);
      return TRUE;
    }

  /* Relative to the caller's folder, also when another instance runs. */
  file = g_application_command_line_create_file_for_arg (command_line, path);
  bv_member_import_file_async (bv_context_get_database (bv_application_get_context (self)),
                               file, NULL, preview_ready_cb, job);
  return TRUE;
}
