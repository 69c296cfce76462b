/* bench-recordings.c — how long a getRecordings answer takes to parse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-recordings FILE [ROUNDS]
 *
 * Reads FILE once, parses it ROUNDS times (default 10) into the objects the
 * app uses and frees each result; the time per round includes freeing.
 * Prints one line: recordings=N ms_per_parse=X.XX peak_rss_kib=Y
 */

#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include "bv-bbb-parser.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  struct rusage usage;
  gsize length = 0;
  guint rounds = 10;
  guint count = 0;
  gint64 start;
  gint64 elapsed;

  if (argc < 2 || argc > 3)
    {
      g_printerr ("Usage: %s FILE [ROUNDS]\n", argv[0]);
      return 2;
    }
  if (argc == 3)
    {
      guint64 value = 0;

      if (!g_ascii_string_to_unsigned (argv[2], 10, 1, G_MAXUINT, &value, &error))
        {
          g_printerr ("ROUNDS: %s\n", error->message);
          return 2;
        }
      rounds = (guint) value;
    }

  if (!g_file_get_contents (argv[1], &contents, &length, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(GListModel) recordings = bv_bbb_parse_recordings (contents, length, NULL, &error);

      if (!recordings)
        {
          g_printerr ("Parsing failed: %s\n", error->message);
          return 1;
        }
      count = g_list_model_get_n_items (recordings);
    }
  elapsed = g_get_monotonic_time () - start;

  getrusage (RUSAGE_SELF, &usage);
  g_print ("recordings=%u ms_per_parse=%.2f peak_rss_kib=%ld\n",
           count, elapsed / 1000.0 / rounds, usage.ru_maxrss);

  return 0;
}
