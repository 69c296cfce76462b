/* bv-application-attendance.c
 *
 * --export-attendance=ID [--output=FILE]: the attendance list of a
 * meeting as recorded while its room ran (core/bv-attendance-summary), a
 * ';'-separated UTF-8 CSV on standard output or in FILE.
 * --export-minutes=ID --output=FILE.pdf: the minutes of an assembly
 * (core/bv-minutes) as PDF.
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
#include "bv-minutes.h"

typedef struct
{
  GFile    *output;
  guint     people;
  gboolean  minutes;
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
      if (export->minutes)
        /* Translators: the first %s is a file name, the second what went wrong. */
        message = g_strdup_printf (_("The minutes could not be written to “%s”: %s"),
                                   name, error->message);
      else
        /* Translators: the first %s is a file name, the second what went wrong. */
        message = g_strdup_printf (_("The attendance list could not be written to “%s”: %s"),
                                   name, error->message);
      bv_command_line_job_finish (job, 1, message);
      return;
    }

  if (export->minutes)
    {
      /* Translators: %u is a number of people, %s a file name. */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Minutes with %u person present written to %s",
                                              "Minutes with %u people present written to %s",
                                              export->people),
                                 export->people, name);
      bv_command_line_job_finish (job, 0, message);
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

/* The meeting @which names and its attendance summary in @people, or NULL
 * after finishing @job with the reason (also when nobody attended). */
static BvMeeting *
attended_meeting (BvApplication     *self,
                  BvCommandLineJob  *job,
                  AttendanceExport  *export,
                  const char        *which,
                  gint64             now,
                  GPtrArray        **people)
{
  g_autoptr(BvMeeting) meeting = _bv_application_job_meeting (self, job, which);
  g_autofree char *problem = NULL;

  if (!meeting)
    return NULL;

  *people = bv_attendance_summarize (bv_context_get_database (bv_application_get_context (self)), meeting, now);
  for (guint i = 0; i < (*people)->len; i++)
    if (((BvAttendancePerson *) g_ptr_array_index (*people, i))->state != BV_ATTENDANCE_STATE_NEVER_CAME)
      export->people++;
  if (export->people == 0)
    {
      /* Translators: %s is a meeting's title. */
      problem = g_strdup_printf (_("No attendance is recorded for “%s”. It is recorded while the "
                                   "room of a general assembly runs and the app is open or runs in "
                                   "the background."),
                                 bv_meeting_get_title (meeting));
      bv_command_line_job_finish (job, 1, problem);
      return NULL;
    }
  return g_steal_pointer (&meeting);
}

/* Returns TRUE when --export-attendance was given and the job taken over. */
gboolean
_bv_application_run_attendance_job (BvApplication           *self,
                                    GApplicationCommandLine *command_line,
                                    GVariantDict            *options)
{
  const char *which = NULL;
  const char *output = NULL;
  g_autoptr(BvCommandLineJob) job = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autofree char *csv = NULL;
  AttendanceExport *export;

  if (!g_variant_dict_lookup (options, "export-attendance", "&s", &which) || !which)
    return FALSE;
  g_variant_dict_lookup (options, "output", "^&ay", &output);

  job = bv_command_line_job_new (self, command_line);
  export = g_new0 (AttendanceExport, 1);
  bv_command_line_job_set_data (job, export, (GDestroyNotify) attendance_export_free);

  meeting = attended_meeting (self, job, export, which, g_get_real_time () / G_USEC_PER_SEC, &people);
  if (!meeting)
    return TRUE;

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

/* Returns TRUE when --export-minutes was given and the job taken over. */
gboolean
_bv_application_run_minutes_job (BvApplication           *self,
                                 GApplicationCommandLine *command_line,
                                 GVariantDict            *options)
{
  const char *which = NULL;
  const char *output = NULL;
  g_autoptr(BvCommandLineJob) job = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(BvPrintDocument) minutes = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *club = NULL;
  GSettings *settings;
  BvQuorumRule rule;
  AttendanceExport *export;
  BvDatabase *database;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!g_variant_dict_lookup (options, "export-minutes", "&s", &which) || !which)
    return FALSE;
  g_variant_dict_lookup (options, "output", "^&ay", &output);

  job = bv_command_line_job_new (self, command_line);
  export = g_new0 (AttendanceExport, 1);
  export->minutes = TRUE;
  bv_command_line_job_set_data (job, export, (GDestroyNotify) attendance_export_free);

  /* A PDF on a terminal helps nobody. */
  if (!output || !*output)
    {
      bv_command_line_job_finish (job, 1, _("--export-minutes needs --output=FILE.pdf: the minutes are a PDF file."));
      return TRUE;
    }

  database = bv_context_get_database (bv_application_get_context (self));
  meeting = attended_meeting (self, job, export, which, now, &people);
  if (!meeting)
    return TRUE;

  settings = bv_application_get_settings (self);
  bv_quorum_rule_read (settings, &rule, &group_id);
  club = settings ? g_settings_get_string (settings, "club-name") : NULL;
  minutes = bv_minutes_build (database, meeting, club, &rule,
                              settings ? g_settings_get_uint (settings, "invitation-period-days") : 14, now);
  pdf = bv_print_document_to_pdf (minutes);

  /* Relative to the caller's folder, also when another instance runs;
   * personal data, so only the user may read it. */
  export->output = g_application_command_line_create_file_for_arg (command_line, output);
  g_file_replace_contents_bytes_async (export->output, pdf, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, written_cb, g_steal_pointer (&job));
  return TRUE;
}
