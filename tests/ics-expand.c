/* ics-expand.c — the app's reading of a calendar file, for the
 * differential test (tests/ics-differential.py)
 *
 * Usage: ics-expand DATABASE FILE.ics FROM TO
 *
 * Imports FILE.ics with the app's importer (the path --import and Strg+I
 * take) into a new SQLite file DATABASE, reads the meetings back from that
 * file and prints every date the app plans in [FROM, TO) (RFC 3339), one a
 * line: the start as a UTC instant, the length in minutes and the title,
 * tab-separated. Exits 1 with the error on stderr when the import fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "bv-database.h"
#include "bv-ics-import.h"
#include "bv-planned-dates.h"

typedef struct
{
  GMainLoop         *loop;
  gboolean           ok;
  BvIcsImportCounts  counts;
  GError            *error;
} Import;

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Import *import = user_data;

  import->ok = bv_ics_import_file_finish (result, &import->counts, &import->error);
  g_main_loop_quit (import->loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GPtrArray) planned = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(BvDatabase) database = NULL;
  g_autoptr(BvDatabase) reopened = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  Import import = { 0 };

  setlocale (LC_ALL, "");

  if (argc != 5)
    {
      fprintf (stderr, "Usage: %s DATABASE FILE.ics FROM TO\n", argv[0]);
      return 2;
    }
  from = g_date_time_new_from_iso8601 (argv[3], NULL);
  to = g_date_time_new_from_iso8601 (argv[4], NULL);
  if (!from || !to)
    {
      fprintf (stderr, "FROM and TO must be RFC 3339 times\n");
      return 2;
    }

  database = bv_database_open (argv[1], &error);
  if (!database)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  loop = g_main_loop_new (NULL, FALSE);
  import.loop = loop;
  file = g_file_new_for_commandline_arg (argv[2]);
  bv_ics_import_file_async (database, file, NULL, NULL, imported_cb, &import);
  g_main_loop_run (loop);
  if (!import.ok)
    {
      fprintf (stderr, "%s\n", import.error->message);
      g_clear_error (&import.error);
      return 1;
    }
  g_clear_object (&database);

  /* What the app shows comes from the file, not from the importer's
   * objects: read it back through a connection of its own. */
  reopened = bv_database_open (argv[1], &error);
  if (!reopened)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  planned = bv_planned_dates_list (reopened, from, to);
  for (guint i = 0; i < planned->len; i++)
    {
      BvPlannedOccurrence *p = g_ptr_array_index (planned, i);
      g_autoptr(GDateTime) utc = g_date_time_to_utc (p->occurrence->start);
      g_autofree char *start = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
      GTimeSpan span = g_date_time_difference (p->occurrence->end, p->occurrence->start);

      g_string_append_printf (out, "%s\t%" G_GINT64_FORMAT "\t%s\n", start,
                              (gint64) (span / G_TIME_SPAN_MINUTE),
                              bv_meeting_get_title (p->meeting));
    }
  fputs (out->str, stdout);
  return 0;
}
