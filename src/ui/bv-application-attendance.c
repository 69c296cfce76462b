/* bv-application-attendance.c
 *
 * --export-attendance=ID [--output=FILE]: the attendance list of a
 * meeting as recorded while its room ran (core/bv-attendance-summary), a
 * ';'-separated UTF-8 CSV on standard output or in FILE.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bv-application-private.h"
#include "bv-attendance-summary.h"
#include "bv-command-line-job.h"

typedef struct
{
  GFile *output;
  guint  people;
} AttendanceExport;

static void
attendance_export_free (AttendanceExport *export)
{
  g_clear_object (&export->output);
  g_free (export);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BvCommandLineJob) job = user_data;
  AttendanceExport *export = job->data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = g_file_get_parse_name (export->output);

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      /* Translators: the first %s is a file name, the second what went wrong. */
      message = g_strdup_printf (_("The attendance list could not be written to “%s”: %s"),
                                 name, error->message);
      bv_command_line_job_finish (job, 1, message);
      return;
    }

  /* Translators: %u is a number of people, %s a file name. */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Attendance: %u person written to %s",
                                          "Attendance: %u people written to %s",
                                          export->people),
                             export->people, name);
  bv_command_line_job_finish (job, 0, message);
}

/* Returns TRUE when --export-attendance was given and the job taken over. */
gboolean
_bv_application_run_attendance_job (BvApplication           *self,
                                    GApplicationCommandLine *command_line,
                                    GVariantDict            *options)
{
  const char *which = NULL;
  const char *output = NULL;
  const GError *database_error;
  g_autoptr(BvCommandLineJob) job = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *csv = NULL;
  AttendanceExport *export;
  BvDatabase *database;

  if (!g_variant_dict_lookup (options, "export-attendance", "&s", &which) || !which)
    return FALSE;
  g_variant_dict_lookup (options, "output", "^&ay", &output);

  job = bv_command_line_job_new (self, command_line);
  export = g_new0 (AttendanceExport, 1);
  bv_command_line_job_set_data (job, export, (GDestroyNotify) attendance_export_free);

  database_error = bv_application_get_database_error (self);
  if (database_error)
    {
      bv_command_line_job_finish (job, 1, database_error->message);
      return TRUE;
    }

  database = bv_context_get_database (bv_application_get_context (self));
  meeting = _bv_application_find_meeting (database, which, &problem);
  if (!meeting)
    {
      bv_command_line_job_finish (job, 1, problem);
      return TRUE;
    }

  people = bv_attendance_summarize (database, meeting, g_get_real_time () / G_USEC_PER_SEC);
  for (guint i = 0; i < people->len; i++)
    if (((BvAttendancePerson *) g_ptr_array_index (people, i))->state != BV_ATTENDANCE_STATE_NEVER_CAME)
      export->people++;
  if (export->people == 0)
    {
      /* Translators: %s is a meeting's title. */
      problem = g_strdup_printf (_("No attendance is recorded for “%s”. It is recorded while the "
                                   "room of a general assembly runs and the app is open or runs in "
                                   "the background."),
                                 bv_meeting_get_title (meeting));
      bv_command_line_job_finish (job, 1, problem);
      return TRUE;
    }

  csv = bv_attendance_csv (people, meeting);
  if (!output || !*output)
    {
      g_application_command_line_print (command_line, "%s", csv);
      bv_command_line_job_finish (job, 0, NULL);
      return TRUE;
    }

  /* Relative to the caller's folder, also when another instance runs;
   * personal data, so only the user may read it. */
  export->output = g_application_command_line_create_file_for_arg (command_line, output);
  {
    gsize length = strlen (csv);
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&csv), length);
    GFile *file = export->output;

    g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                         G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                         NULL, written_cb, g_steal_pointer (&job));
  }
  return TRUE;
}
