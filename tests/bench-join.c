/* bench-join.c
 *
 * Time from the click (bv_join_run_async) until the default browser has
 * been asked to open the join URL, against the practice server with a
 * simulated network delay. Needs the test session's keyring (build-aux/dev
 * bench). Prints one line per delay:
 *   delay_ms=D runs=N median_ms=X min_ms=Y max_ms=Z
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "bv-join.h"
#include "bv-practice-server-private.h"
#include "bv-secret-store.h"

#define SECRET "bench-join-secret"
#define RUNS 15

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (!*slot)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The browser is a stand-in that exits at once; what is measured is our
 * side up to the launch. */
static void
install_browser (const char *root)
{
  g_autofree char *apps = g_build_filename (root, "data", "applications", NULL);
  g_autofree char *config = g_build_filename (root, "config", NULL);
  g_autofree char *desktop = g_build_filename (apps, "bv-bench-browser.desktop", NULL);
  g_autofree char *mimeapps = g_build_filename (config, "mimeapps.list", NULL);
  g_autofree char *data = g_build_filename (root, "data", NULL);

  g_mkdir_with_parents (apps, 0700);
  g_mkdir_with_parents (config, 0700);
  g_file_set_contents (desktop, "[Desktop Entry]\nType=Application\nName=Bench browser\n"
                       "Exec=true %u\nMimeType=x-scheme-handler/http;\n", -1, NULL);
  g_file_set_contents (mimeapps, "[Default Applications]\nx-scheme-handler/http=bv-bench-browser.desktop\n",
                       -1, NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
}

/* Each run with a new context, so each pays for the keyring lookup as the
 * first click after start does; later clicks find the context's client
 * open (Anstehend's and Live's polling share it). */
static void
measure (BvDatabase       *database,
         BvServer         *server,
         BvMeeting        *meeting,
         BvPracticeServer *practice,
         guint             delay_ms)
{
  double times[RUNS];

  bv_practice_server_set_delay (practice, delay_ms);
  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(BvContext) context = bv_context_new (database);
      gint64 start = g_get_monotonic_time ();

      bv_join_run_async (context, server, meeting, "Benchmark", NULL, NULL, NULL, result_cb, &result);
      if (!bv_join_run_finish (wait_for (&result), &error))
        g_error ("join failed: %s", error->message);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  qsort (times, RUNS, sizeof times[0], compare_doubles);
  printf ("delay_ms=%u runs=%d median_ms=%.1f min_ms=%.1f max_ms=%.1f\n",
          delay_ms, RUNS, times[RUNS / 2], times[0], times[RUNS - 1]);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("bv-bench-join-XXXXXX", &error);
  g_autoptr(BvPracticeServer) practice = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(BvDatabase) database = NULL;
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  install_browser (root);
  path = g_build_filename (root, "bench.db", NULL);
  database = bv_database_open (path, &error);
  if (!database)
    g_error ("%s", error->message);

  practice = bv_practice_server_new (SECRET);
  if (!bv_practice_server_start (practice, &error))
    g_error ("%s", error->message);

  server = bv_server_new (NULL, "Bench", bv_practice_server_get_api_url (practice), "auto");
  bv_server_set_connection_info (server, "sha256", "2.0", "3.0.19", FALSE, 1);
  bv_secret_store_save_async (bv_server_get_id (server), "Bench", SECRET, NULL, result_cb, &stored);
  if (!bv_secret_store_save_finish (wait_for (&stored), &error))
    g_error ("keyring: %s", error->message);

  meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);
  bv_meeting_set_title (meeting, "Vorstandssitzung");
  bv_meeting_set_server_id (meeting, bv_server_get_id (server));

  measure (database, server, meeting, practice, 0);
  measure (database, server, meeting, practice, 100);

  {
    g_autoptr(GAsyncResult) deleted = NULL;

    bv_secret_store_delete_async (bv_server_get_id (server), NULL, result_cb, &deleted);
    bv_secret_store_delete_finish (wait_for (&deleted), NULL);
  }
  return 0;
}
