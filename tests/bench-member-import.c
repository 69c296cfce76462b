/* bench-member-import.c
 *
 * Re-importing a member list without e-mail addresses (names only, as
 * club software often exports it) against a database that already holds
 * those members: the comparison (preview) and storing it. Each row was
 * compared with every stored member on the main thread, which froze the
 * window for large clubs; now a lookup table is built once and the rows
 * are compared in the worker thread. Prints one line per size:
 *   members=N preview_ms=X apply_ms=Y main_thread_max_gap_ms=Z
 * where the gap is the longest time the main loop did not run while the
 * preview was made (its responsiveness).
 *
 * Usage: bench-member-import [N…]   (default 1000 5000 20000)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "bv-member-import.h"

typedef struct
{
  BvMemberImport *import;
  GError         *error;
  gboolean        done;
} Result;

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  r->import = bv_member_import_file_finish (result, &r->error);
  r->done = TRUE;
}

/* Wakes the main loop every millisecond, so that the gaps between its
 * iterations show how long it was kept from running. */
static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
run (guint n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bv-bench-member-import-XXXXXX", &error);
  g_autofree char *db_path = g_build_filename (dir, "bbb-vereine.db", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "mitglieder.csv", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(BvDatabase) database = NULL;
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) csv = g_string_new ("Name;Telefon\r\n");
  BvMemberImportCounts counts = { 0 };
  Result r = { 0 };
  gint64 start;
  gint64 last;
  gint64 max_gap = 0;
  guint tick;
  double preview_ms;
  double apply_ms;

  database = bv_database_open (db_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      BvMember *member = bv_member_new ();
      g_autofree char *name = g_strdup_printf ("Mitglied Nummer %u", i);

      bv_member_set_name (member, name);
      g_ptr_array_add (members, member);
      /* Every one again, half of them with a new phone number. */
      g_string_append_printf (csv, "%s;%s\r\n", name, i % 2 ? "0621 1234" : "");
    }
  g_assert_true (bv_database_save_members (database, groups, members, &error));
  g_assert_no_error (error);
  g_file_set_contents (csv_path, csv->str, csv->len, &error);
  g_assert_no_error (error);

  tick = g_timeout_add (1, tick_cb, NULL);
  start = last = g_get_monotonic_time ();
  bv_member_import_file_async (database, csv_file, NULL, read_cb, &r);
  while (!r.done)
    {
      gint64 now;

      g_main_context_iteration (NULL, TRUE);
      now = g_get_monotonic_time ();
      max_gap = MAX (max_gap, now - last);
      last = now;
    }
  preview_ms = (g_get_monotonic_time () - start) / 1000.0;
  /* The call itself (copying the members into the lookup) counts too. */
  g_source_remove (tick);
  g_assert_no_error (r.error);
  g_assert_cmpuint (bv_member_import_get_updated (r.import)->len, ==, n / 2);

  start = g_get_monotonic_time ();
  g_assert_true (bv_member_import_apply (r.import, database, &counts, &error));
  apply_ms = (g_get_monotonic_time () - start) / 1000.0;

  printf ("members=%u preview_ms=%.1f apply_ms=%.1f main_thread_max_gap_ms=%.1f\n",
          n, preview_ms, apply_ms, max_gap / 1000.0);
  fflush (stdout);

  g_clear_object (&r.import);
  g_clear_object (&database);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  static const guint sizes[] = { 1000, 5000, 20000 };

  if (argc > 1)
    for (int i = 1; i < argc; i++)
      run ((guint) strtoul (argv[i], NULL, 10));
  else
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      run (sizes[i]);
  return 0;
}
