/* test-database-servers.c
 *
 * Servers in the database (store/bv-database-servers): the sorted list,
 * unique names, lookups, a full disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib-unix.h>
#include <sqlite3.h>

#include "store-fixture.h"

static void
test_servers (void)
{
  g_autofree char *path = test_path ("servers.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (ItemsChange));
  g_autoptr(GString) notifications = g_string_new (NULL);
  g_autoptr(BvServer) alpha = bv_server_new (NULL, "alpha", "https://a.example.org/bigbluebutton/", NULL);
  g_autoptr(BvServer) beta = bv_server_new (NULL, "Beta", "https://b.example.org/bigbluebutton/", "sha1");
  g_autoptr(BvServer) gamma = bv_server_new (NULL, "gamma", "https://c.example.org/bigbluebutton/", "sha512");
  g_autoptr(BvServer) clash = NULL;
  g_autoptr(BvServer) umlaut = NULL;
  g_autoptr(BvServer) edit = NULL;
  g_autoptr(BvServer) empty = NULL;
  g_autoptr(sqlite3) raw = NULL;
  g_autofree char *alpha_id = NULL;
  BvServer *listed;
  GListModel *model;
  ItemsChange *change;
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  model = bv_database_get_servers (db);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), changes);

  /* Insert: sorted ignoring case, one items-changed per insert */
  save_ok (db, gamma);
  save_ok (db, beta);
  save_ok (db, alpha);
  assert_names (db, "alpha,Beta,gamma");
  g_assert_cmpuint (changes->len, ==, 3);
  change = &g_array_index (changes, ItemsChange, 2);
  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, 1);
  g_assert_true (server_at (db, 0) == alpha);
  g_array_set_size (changes, 0);

  /* Duplicate name, also in other case: refused, nothing changes */
  clash = bv_server_new (NULL, "BETA", "https://x.example.org/bigbluebutton/", NULL);
  g_assert_false (bv_database_save_server (db, clash, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "BETA"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpuint (changes->len, ==, 0);
  assert_names (db, "alpha,Beta,gamma");

  /* Case folding beyond ASCII */
  umlaut = bv_server_new (NULL, "Ärztekammer", "https://d.example.org/bigbluebutton/", NULL);
  save_ok (db, umlaut);
  g_clear_object (&clash);
  clash = bv_server_new (NULL, " ÄRZTEKAMMER ", "https://e.example.org/bigbluebutton/", NULL);
  g_assert_false (bv_database_save_server (db, clash, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_true (bv_database_delete_server (db, bv_server_get_id (umlaut), &error));
  g_assert_no_error (error);
  g_array_set_size (changes, 0);

  /* Empty name or URL */
  empty = bv_server_new (NULL, "  ", "https://f.example.org/bigbluebutton/", NULL);
  g_assert_false (bv_database_save_server (db, empty, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_clear_error (&error);
  bv_server_set_name (empty, "Leer");
  bv_server_set_url (empty, "");
  g_assert_false (bv_database_save_server (db, empty, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpuint (changes->len, ==, 0);

  /* Update through another object with the same id: the listed object is
   * changed in place, notifies once per changed property, and moves. */
  alpha_id = g_strdup (bv_server_get_id (alpha));
  g_signal_connect (alpha, "notify", G_CALLBACK (notify_cb), notifications);
  edit = g_object_new (BV_TYPE_SERVER,
                       "id", alpha_id,
                       "name", "zulu",
                       "url", "https://a.example.org/bigbluebutton/",
                       "checksum", "sha256",
                       NULL);
  save_ok (db, edit);
  assert_names (db, "Beta,gamma,zulu");
  g_assert_true (server_at (db, 2) == alpha);
  g_assert_cmpstr (bv_server_get_name (alpha), ==, "zulu");
  g_assert_cmpstr (bv_server_get_checksum (alpha), ==, "sha256");
  /* GObject emits queued notifications in no promised order */
  g_assert_true (g_str_equal (notifications->str, "name;checksum;") ||
                 g_str_equal (notifications->str, "checksum;name;"));
  g_assert_cmpuint (changes->len, ==, 2);
  change = &g_array_index (changes, ItemsChange, 0);
  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, 1);
  change = &g_array_index (changes, ItemsChange, 1);
  g_assert_cmpuint (change->position, ==, 2);
  g_assert_cmpuint (change->added, ==, 1);
  g_array_set_size (changes, 0);
  g_string_truncate (notifications, 0);

  /* Saving unchanged values notifies nothing and does not move */
  save_ok (db, edit);
  g_assert_cmpstr (notifications->str, ==, "");
  g_assert_cmpuint (changes->len, ==, 0);

  /* A rename that keeps the position emits no items-changed */
  bv_server_set_name (alpha, "yankee");
  save_ok (db, alpha);
  assert_names (db, "Beta,gamma,yankee");
  g_assert_cmpuint (changes->len, ==, 0);
  g_string_truncate (notifications, 0);

  /* A failed save of the listed object puts the stored values back */
  bv_server_set_name (alpha, "GAMMA");
  g_assert_false (bv_database_save_server (db, alpha, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpstr (bv_server_get_name (alpha), ==, "yankee");
  assert_names (db, "Beta,gamma,yankee");

  /* Delete */
  g_assert_false (bv_database_delete_server (db, "no-such-id", &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (changes->len, ==, 0);

  g_array_set_size (changes, 0);
  g_assert_true (bv_database_delete_server (db, bv_server_get_id (beta), &error));
  g_assert_no_error (error);
  assert_names (db, "gamma,yankee");
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, ItemsChange, 0);
  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 0);

  g_assert_false (bv_database_delete_server (db, bv_server_get_id (beta), &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* What is on disk matches the list */
  raw = raw_open (path, FALSE);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM servers"), ==, 2);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM servers WHERE name = 'yankee' AND checksum = 'sha256'"), ==, 1);
  g_clear_pointer (&raw, sqlite3_close);

  listed = server_at (db, 0);
  g_assert_true (listed == gamma);

  g_signal_handlers_disconnect_by_data (model, changes);
  g_signal_handlers_disconnect_by_data (alpha, notifications);
  g_assert_finalize_object (db);
}

static void
test_find (void)
{
  g_autofree char *path = test_path ("find.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) kl = bv_server_new (NULL, "KL.digital", "https://kl.example.org/bigbluebutton/", NULL);
  g_autoptr(BvServer) umlaut = bv_server_new (NULL, "Übungsraum", "https://u.example.org/bigbluebutton/", NULL);
  g_autoptr(BvServer) found = NULL;
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  save_ok (db, kl);
  save_ok (db, umlaut);

  found = bv_database_find_server (db, bv_server_get_id (kl));
  g_assert_true (found == kl);
  g_clear_object (&found);

  found = bv_database_find_server (db, "kl.DIGITAL");
  g_assert_true (found == kl);
  g_clear_object (&found);

  found = bv_database_find_server (db, "ÜBUNGSRAUM");
  g_assert_true (found == umlaut);
  g_clear_object (&found);

  g_assert_null (bv_database_find_server (db, "kl"));
  g_assert_null (bv_database_find_server (db, ""));
  g_assert_null (bv_database_find_server (db, "00000000-0000-4000-8000-000000000000"));

  g_assert_finalize_object (db);
}

static void
test_disk_full (void)
{
  g_autofree char *path = test_path ("full.db");
  g_autofree char *other_path = test_path ("full-new.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) alpha = bv_server_new (NULL, "Alpha", "https://a.example.org/bigbluebutton/", NULL);
  g_autoptr(BvServer) beta = bv_server_new (NULL, "Beta", "https://b.example.org/bigbluebutton/", NULL);
  g_autoptr(BvServer) rename = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (ItemsChange));
  BvDatabase *db;

  install_full_vfs ();

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  save_ok (db, alpha);
  g_signal_connect (bv_database_get_servers (db), "items-changed", G_CALLBACK (items_changed_cb), changes);

  disk_full = TRUE;

  g_assert_false (bv_database_save_server (db, beta, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FULL);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  rename = g_object_new (BV_TYPE_SERVER, "id", bv_server_get_id (alpha), "name", "Zeta",
                         "url", bv_server_get_url (alpha), NULL);
  g_assert_false (bv_database_save_server (db, rename, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FULL);
  g_clear_error (&error);

  g_assert_false (bv_database_delete_server (db, bv_server_get_id (alpha), &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FULL);
  g_clear_error (&error);

  /* Nothing that failed on disk shows up in the list. */
  g_assert_cmpuint (changes->len, ==, 0);
  assert_names (db, "Alpha");

  /* Nor can a new database be set up. */
  g_assert_null (bv_database_open (other_path, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FULL);
  g_clear_error (&error);

  /* Once there is space again, everything works. */
  disk_full = FALSE;
  save_ok (db, beta);
  save_ok (db, rename);
  assert_names (db, "Beta,Zeta");
  g_assert_true (bv_database_check_integrity (db, &error));
  g_assert_no_error (error);
  g_signal_handlers_disconnect_by_data (bv_database_get_servers (db), changes);
  g_assert_finalize_object (db);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  assert_names (db, "Beta,Zeta");
  g_assert_finalize_object (db);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = NULL;
  int ret;

  root = bv_test_isolate_dirs ("bv-test-database-servers");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/database-servers/servers", test_servers);
  g_test_add_func ("/store/database-servers/find", test_find);
  g_test_add_func ("/store/database-servers/disk-full", test_disk_full);

  ret = g_test_run ();

  if (root)
    bv_test_remove_tree (root);

  return ret;
}
