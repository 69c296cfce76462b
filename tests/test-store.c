/* test-store.c
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

#include "bv-database.h"
#include "bv-meeting.h"
#include "bv-server.h"
#include "bv-test-utils.h"

/* Rows the writer child inserts per multi-row transaction: after a crash,
 * every batch must be there completely or not at all. */
#define WRITER_BATCH_SIZE 200
#define WRITER_ARGUMENT "--bv-test-writer-child"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef struct
{
  GBytes          *contents;
  struct stat      st;
} Snapshot;

typedef struct
{
  guint position;
  guint removed;
  guint added;
} ItemsChange;

/* Helpers */

static char *
test_path (const char *name)
{
  /* Below the temporary data dir that bv_test_isolate_dirs () set up; only
   * test_create uses the default path. */
  return g_build_filename (g_get_user_data_dir (), "test", name, NULL);
}

static sqlite3 *
raw_open (const char *path,
          gboolean    create)
{
  sqlite3 *db = NULL;
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  int rc;

  if (create)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_assert_no_errno (g_mkdir_with_parents (dir, 0700));
    }

  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    g_error ("sqlite3_open_v2 %s: %s", path, sqlite3_errstr (rc));
  sqlite3_busy_timeout (db, 5000);

  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static char *
raw_text (sqlite3    *db,
          const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_no_errno (g_stat (path, &st));
  return st.st_mode & 07777;
}

static void
snapshot_take (const char *path,
               Snapshot   *snapshot)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_no_errno (stat (path, &snapshot->st));
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  snapshot->contents = g_bytes_new_take (contents, length);
}

static void
assert_unchanged (const char *path,
                  Snapshot   *before)
{
  Snapshot after = { 0 };
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  snapshot_take (path, &after);

  g_assert_true (g_bytes_equal (before->contents, after.contents));
  g_assert_cmpint (before->st.st_ino, ==, after.st.st_ino);
  g_assert_cmpint (before->st.st_size, ==, after.st.st_size);
  g_assert_cmpint (before->st.st_mode, ==, after.st.st_mode);
  g_assert_cmpint (before->st.st_mtim.tv_sec, ==, after.st.st_mtim.tv_sec);
  g_assert_cmpint (before->st.st_mtim.tv_nsec, ==, after.st.st_mtim.tv_nsec);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);
      g_assert_false (g_file_test (side, G_FILE_TEST_EXISTS));
    }

  g_bytes_unref (after.contents);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  ItemsChange change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GString    *log)
{
  g_string_append_printf (log, "%s;", pspec->name);
}

static BvServer *
server_at (BvDatabase *db,
           guint       position)
{
  g_autoptr(BvServer) server = g_list_model_get_item (bv_database_get_servers (db), position);

  g_assert_nonnull (server);
  /* The model keeps its reference. */
  return server;
}

static void
assert_names (BvDatabase *db,
              const char *expected)
{
  GListModel *model = bv_database_get_servers (db);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_string_append_printf (names, "%s%s", i ? "," : "", bv_server_get_name (server_at (db, i)));

  g_assert_cmpstr (names->str, ==, expected);
}

static void
save_ok (BvDatabase *db,
         BvServer   *server)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bv_database_save_server (db, server, &error));
  g_assert_no_error (error);
}

/* Tests */

static void
test_create (void)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) raw = NULL;
  BvDatabase *db;
  mode_t old_umask;

  path = bv_database_default_path ();
  dir = g_path_get_dirname (path);
  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (path, "/bbb-vereine/bbb-vereine.db"));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  /* The modes must not depend on a careful umask. */
  old_umask = umask (0);
  db = bv_database_open (NULL, &error);
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_true (BV_IS_DATABASE (db));
  g_assert_cmpstr (bv_database_get_path (db), ==, path);

  g_assert_cmpuint (file_mode (dir), ==, 0700);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);

  g_assert_cmpint (bv_database_get_schema_version (db), ==, BV_DATABASE_SCHEMA_VERSION);
  value = bv_database_get_pragma (db, "journal_mode");
  g_assert_cmpstr (value, ==, "wal");
  g_clear_pointer (&value, g_free);
  value = bv_database_get_pragma (db, "foreign_keys");
  g_assert_cmpstr (value, ==, "1");
  g_clear_pointer (&value, g_free);
  value = bv_database_get_pragma (db, "synchronous");
  g_assert_cmpstr (value, ==, "1");  /* NORMAL */
  g_clear_pointer (&value, g_free);
  value = bv_database_get_pragma (db, "busy_timeout");
  g_assert_cmpint (atoi (value), >, 0);
  g_clear_pointer (&value, g_free);
  value = bv_database_get_pragma (db, "user_version");
  g_assert_cmpint (atoi (value), ==, BV_DATABASE_SCHEMA_VERSION);

  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_servers (db)), ==, 0);
  g_assert_true (g_list_model_get_item_type (bv_database_get_servers (db)) == BV_TYPE_SERVER);
  g_assert_true (bv_database_check_integrity (db, &error));
  g_assert_no_error (error);

  g_assert_finalize_object (db);

  /* WAL is a property of the file, so another connection sees it too. */
  raw = raw_open (path, FALSE);
  g_clear_pointer (&value, g_free);
  value = raw_text (raw, "PRAGMA journal_mode");
  g_assert_cmpstr (value, ==, "wal");
  g_assert_cmpint (raw_int (raw, "PRAGMA user_version"), ==, BV_DATABASE_SCHEMA_VERSION);
}

static void
test_create_nested (void)
{
  g_autofree char *path = test_path ("a/b/new.db");
  g_autofree char *dir_b = g_path_get_dirname (path);
  g_autofree char *dir_a = g_path_get_dirname (dir_b);
  g_autoptr(GError) error = NULL;
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (dir_a), ==, 0700);
  g_assert_cmpuint (file_mode (dir_b), ==, 0700);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_finalize_object (db);
}

static void
test_permissions_tightened (void)
{
  g_autofree char *path = test_path ("loose.db");
  g_autoptr(GError) error = NULL;
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (db);

  /* e.g. copied in from a backup with the wrong mode */
  g_assert_no_errno (g_chmod (path, 0644));

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_finalize_object (db);
}

static void
test_reopen (void)
{
  g_autofree char *path = test_path ("reopen.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) first = bv_server_new (NULL, "Kreisverband", "https://bbb.example.org/bigbluebutton/", "sha256");
  g_autoptr(BvServer) second = bv_server_new (NULL, "Übungsleiter", "https://bbb2.example.org/bigbluebutton/", NULL);
  g_autoptr(BvServer) found = NULL;
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  save_ok (db, first);
  save_ok (db, second);
  g_assert_finalize_object (db);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bv_database_get_schema_version (db), ==, BV_DATABASE_SCHEMA_VERSION);
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_servers (db)), ==, 2);

  found = bv_database_find_server (db, bv_server_get_id (first));
  g_assert_nonnull (found);
  g_assert_true (found != first);
  g_assert_cmpstr (bv_server_get_name (found), ==, "Kreisverband");
  g_assert_cmpstr (bv_server_get_url (found), ==, "https://bbb.example.org/bigbluebutton/");
  g_assert_cmpstr (bv_server_get_checksum (found), ==, "sha256");
  g_clear_object (&found);

  found = bv_database_find_server (db, bv_server_get_id (second));
  g_assert_nonnull (found);
  g_assert_cmpstr (bv_server_get_name (found), ==, "Übungsleiter");
  g_assert_cmpstr (bv_server_get_checksum (found), ==, "auto");
  g_clear_object (&found);

  g_assert_finalize_object (db);
}

static void
test_migrate_from_zero (void)
{
  g_autofree char *path = test_path ("v0.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) raw = NULL;
  g_autoptr(BvServer) server = bv_server_new (NULL, "Alt", "https://old.example.org/bigbluebutton/", "sha1");
  BvDatabase *db;

  /* A real, non-empty SQLite file with user_version 0 and no tables. */
  raw = raw_open (path, TRUE);
  raw_exec (raw, "CREATE TABLE scratch (x); DROP TABLE scratch;");
  g_assert_cmpint (raw_int (raw, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM sqlite_schema"), ==, 0);
  g_clear_pointer (&raw, sqlite3_close);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bv_database_get_schema_version (db), ==, BV_DATABASE_SCHEMA_VERSION);
  save_ok (db, server);
  g_assert_finalize_object (db);

  raw = raw_open (path, FALSE);
  g_assert_cmpint (raw_int (raw, "PRAGMA user_version"), ==, BV_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (raw, "PRAGMA application_id"), !=, 0);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM servers"), ==, 1);
}

/* A file as version 0.1.0 wrote it (schema 1) keeps its servers and gains
 * the connection columns, which then round-trip. */
static void
test_migrate_from_one (void)
{
  g_autofree char *path = test_path ("v1.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) raw = NULL;
  g_autoptr(BvServer) found = NULL;
  g_autoptr(BvServer) again = NULL;
  BvDatabase *db;

  raw = raw_open (path, TRUE);
  raw_exec (raw,
            "PRAGMA application_id = 1113740901;"
            "CREATE TABLE servers ("
            "  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),"
            "  name TEXT NOT NULL CHECK (name <> ''),"
            "  name_key TEXT NOT NULL UNIQUE,"
            "  url TEXT NOT NULL CHECK (url <> ''),"
            "  checksum TEXT NOT NULL DEFAULT 'auto'"
            "    CHECK (checksum IN ('auto', 'sha1', 'sha256', 'sha384', 'sha512')),"
            "  created INTEGER NOT NULL);"
            "INSERT INTO servers VALUES ('id-1', 'Vereinsserver', 'vereinsserver',"
            "  'https://bbb.example.org/bigbluebutton/api/', 'auto', 1700000000);"
            "PRAGMA user_version = 1;");
  g_clear_pointer (&raw, sqlite3_close);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bv_database_get_schema_version (db), ==, BV_DATABASE_SCHEMA_VERSION);
  found = bv_database_find_server (db, "id-1");
  g_assert_nonnull (found);
  g_assert_cmpstr (bv_server_get_name (found), ==, "Vereinsserver");
  g_assert_null (bv_server_get_detected_checksum (found));
  g_assert_null (bv_server_get_bbb_version (found));
  g_assert_cmpint (bv_server_get_checked_at (found), ==, 0);

  bv_server_set_connection_info (found, "sha512", "2.0", "3.0.19", FALSE, 1800000000);
  save_ok (db, found);
  g_clear_object (&found);
  g_assert_finalize_object (db);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  again = bv_database_find_server (db, "vereinsserver");
  g_assert_nonnull (again);
  g_assert_cmpstr (bv_server_get_detected_checksum (again), ==, "sha512");
  g_assert_cmpstr (bv_server_get_api_version (again), ==, "2.0");
  g_assert_cmpstr (bv_server_get_bbb_version (again), ==, "3.0.19");
  g_assert_false (bv_server_get_load_balancer (again));
  g_assert_cmpint (bv_server_get_checked_at (again), ==, 1800000000);
  g_clear_object (&again);
  g_assert_finalize_object (db);
}

static void
test_migration_rolls_back (void)
{
  g_autofree char *path = test_path ("clash.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) raw = NULL;
  BvDatabase *db;

  /* Version 0 but a "servers" table already there: step 1 fails half-way
   * (after setting application_id), and all of it must be undone. */
  raw = raw_open (path, TRUE);
  raw_exec (raw, "CREATE TABLE servers (x); INSERT INTO servers VALUES ('keep me');");
  g_clear_pointer (&raw, sqlite3_close);

  db = bv_database_open (path, &error);
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_assert_null (db);
  g_test_message ("%s", error->message);

  raw = raw_open (path, FALSE);
  g_assert_cmpint (raw_int (raw, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (raw_int (raw, "PRAGMA application_id"), ==, 0);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM servers WHERE x = 'keep me'"), ==, 1);
}

static void
test_too_new (void)
{
  g_autofree char *path = test_path ("future.db");
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) raw = NULL;
  Snapshot before = { 0 };
  BvDatabase *db;

  raw = raw_open (path, TRUE);
  sql = g_strdup_printf ("CREATE TABLE servers (id TEXT, future TEXT);"
                         "INSERT INTO servers VALUES ('x', 'from the future');"
                         "PRAGMA user_version = %d;",
                         BV_DATABASE_SCHEMA_VERSION + 1);
  raw_exec (raw, sql);
  g_clear_pointer (&raw, sqlite3_close);

  snapshot_take (path, &before);

  db = bv_database_open (path, &error);
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_TOO_NEW);
  g_assert_null (db);
  g_assert_nonnull (strstr (error->message, path));
  g_test_message ("%s", error->message);

  assert_unchanged (path, &before);
  g_bytes_unref (before.contents);
}

static void
test_not_a_database (void)
{
  g_autofree char *path = test_path ("notes.db");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  Snapshot before = { 0 };
  BvDatabase *db;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "Line %u of the minutes of the board meeting.\n", i);

  g_assert_no_errno (g_mkdir_with_parents (dir, 0700));
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  snapshot_take (path, &before);

  db = bv_database_open (path, &error);
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_CORRUPT);
  g_assert_null (db);
  g_assert_nonnull (strstr (error->message, path));
  g_test_message ("%s", error->message);

  assert_unchanged (path, &before);
  g_bytes_unref (before.contents);
}

static void
test_foreign_database (void)
{
  g_autofree char *path = test_path ("other-app.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) raw = NULL;
  Snapshot before = { 0 };
  BvDatabase *db;

  raw = raw_open (path, TRUE);
  raw_exec (raw, "PRAGMA application_id = 1234; CREATE TABLE bookmarks (url TEXT);");
  g_clear_pointer (&raw, sqlite3_close);
  snapshot_take (path, &before);

  db = bv_database_open (path, &error);
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_CORRUPT);
  g_assert_null (db);

  assert_unchanged (path, &before);
  g_bytes_unref (before.contents);
}

static void
test_cannot_create (void)
{
  g_autofree char *blocker = test_path ("plain-file");
  g_autofree char *dir = g_path_get_dirname (blocker);
  g_autofree char *path = g_build_filename (blocker, "sub", "x.db", NULL);
  g_autoptr(GError) error = NULL;
  BvDatabase *db;

  /* A file where the folder should be; works as root too, unlike modes. */
  g_assert_no_errno (g_mkdir_with_parents (dir, 0700));
  g_file_set_contents (blocker, "x", 1, &error);
  g_assert_no_error (error);

  db = bv_database_open (path, &error);
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_OPEN);
  g_assert_null (db);
  g_test_message ("%s", error->message);
}

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
test_server_object (void)
{
  g_autoptr(BvServer) server = bv_server_new (NULL, NULL, NULL, NULL);
  g_autoptr(BvServer) other = bv_server_new (NULL, NULL, NULL, NULL);
  g_autoptr(GString) notifications = g_string_new (NULL);
  g_autofree char *id = bv_server_generate_id ();

  g_assert_true (g_uuid_string_is_valid (id));
  g_assert_true (g_uuid_string_is_valid (bv_server_get_id (server)));
  g_assert_cmpstr (bv_server_get_id (server), !=, bv_server_get_id (other));
  g_assert_cmpstr (bv_server_get_name (server), ==, "");
  g_assert_cmpstr (bv_server_get_url (server), ==, "");
  g_assert_cmpstr (bv_server_get_checksum (server), ==, "auto");

  g_signal_connect (server, "notify", G_CALLBACK (notify_cb), notifications);
  bv_server_set_name (server, "A");
  bv_server_set_name (server, "A");
  bv_server_set_url (server, "https://a.example.org/");
  bv_server_set_checksum (server, "sha384");
  bv_server_set_checksum (server, "sha384");
  g_object_set (server, "name", "A", "checksum", "sha384", NULL);
  g_assert_cmpstr (notifications->str, ==, "name;url;checksum;");

  g_assert_true (bv_server_checksum_is_valid ("sha1"));
  g_assert_true (bv_server_checksum_is_valid ("auto"));
  g_assert_false (bv_server_checksum_is_valid ("md5"));
  g_assert_false (bv_server_checksum_is_valid ("SHA1"));
  g_assert_false (bv_server_checksum_is_valid (NULL));

  /* No property may ever carry the secret. */
  g_assert_null (g_object_class_find_property (G_OBJECT_GET_CLASS (server), "secret"));
  g_assert_null (g_object_class_find_property (G_OBJECT_GET_CLASS (server), "shared-secret"));
}

/* A full disk, simulated by a VFS that passes everything through to the
 * default one but fails writes on request. BvDatabase uses the default VFS,
 * so registering this one as default reaches it. */

static sqlite3_vfs *real_vfs;
static sqlite3_vfs full_vfs;
static gboolean disk_full;

/* The unix VFS uses different method tables for the database (with
 * locking) and for the journal and WAL (without); wrap each one. */
#define MAX_METHODS 4
static const sqlite3_io_methods *real_methods[MAX_METHODS];
static sqlite3_io_methods full_methods[MAX_METHODS];
static guint n_methods;

static int
full_write (sqlite3_file  *file,
            const void    *data,
            int            amount,
            sqlite3_int64  offset)
{
  guint i;

  if (disk_full)
    return SQLITE_FULL;

  for (i = 0; i < n_methods && file->pMethods != &full_methods[i]; i++)
    ;
  g_assert_cmpuint (i, <, n_methods);

  return real_methods[i]->xWrite (file, data, amount, offset);
}

static int
full_open (sqlite3_vfs  *vfs,
           const char   *name,
           sqlite3_file *file,
           int           flags,
           int          *out_flags)
{
  int rc = real_vfs->xOpen (real_vfs, name, file, flags, out_flags);
  guint i;

  if (rc != SQLITE_OK || !file->pMethods)
    return rc;

  for (i = 0; i < n_methods && file->pMethods != real_methods[i]; i++)
    ;

  if (i == n_methods)
    {
      g_assert_cmpuint (n_methods, <, MAX_METHODS);
      real_methods[i] = file->pMethods;
      full_methods[i] = *file->pMethods;
      full_methods[i].xWrite = full_write;
      n_methods++;
    }

  file->pMethods = &full_methods[i];
  return rc;
}

static void
install_full_vfs (void)
{
  if (real_vfs)
    return;

  real_vfs = sqlite3_vfs_find (NULL);
  g_assert_nonnull (real_vfs);
  full_vfs = *real_vfs;
  full_vfs.zName = "bv-test-full";
  full_vfs.pNext = NULL;
  full_vfs.xOpen = full_open;
  g_assert_cmpint (sqlite3_vfs_register (&full_vfs, TRUE), ==, SQLITE_OK);
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

/* Meetings */

static BvMeeting *
meeting_at (BvDatabase *db,
            guint       position)
{
  g_autoptr(BvMeeting) meeting = g_list_model_get_item (bv_database_get_meetings (db), position);

  g_assert_nonnull (meeting);
  /* The model keeps its reference. */
  return meeting;
}

static void
assert_titles (BvDatabase *db,
               const char *expected)
{
  GListModel *model = bv_database_get_meetings (db);
  g_autoptr(GString) titles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_string_append_printf (titles, "%s%s", i ? "," : "", bv_meeting_get_title (meeting_at (db, i)));

  g_assert_cmpstr (titles->str, ==, expected);
}

static void
save_meeting_ok (BvDatabase *db,
                 BvMeeting  *meeting)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bv_database_save_meeting (db, meeting, &error));
  g_assert_no_error (error);
}

static BvMeeting *
new_meeting (BvMeetingKind  kind,
             const char    *title,
             const char    *start_local)
{
  BvMeeting *meeting = bv_meeting_new (kind);

  bv_meeting_set_title (meeting, title);
  if (start_local)
    bv_meeting_set_start (meeting, start_local, "Europe/Berlin");

  return meeting;
}

/* Another object for the same stored meeting, as an editor would hold it. */
static BvMeeting *
copy_meeting (BvMeeting *meeting)
{
  BvMeeting *copy = g_object_new (BV_TYPE_MEETING,
                                  "id", bv_meeting_get_id (meeting),
                                  NULL);

  bv_meeting_update_from (copy, meeting);
  return copy;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Compares the names in @log ("a;b;") with @sorted, ignoring their order. */
static void
assert_notified (GString    *log,
                 const char *sorted)
{
  g_auto(GStrv) names = g_strsplit (log->str, ";", -1);
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; names[i]; i++)
    if (*names[i])
      g_ptr_array_add (list, names[i]);
  g_ptr_array_sort (list, compare_strings);
  for (guint i = 0; i < list->len; i++)
    g_string_append_printf (joined, "%s;", (const char *)g_ptr_array_index (list, i));

  g_assert_cmpstr (joined->str, ==, sorted);
}

static gboolean
is_alphanumeric (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;

  return TRUE;
}

static void
test_meeting_kind_defaults (void)
{
  static const struct {
    BvMeetingKind kind;
    const char   *name;
    guint         duration;
    const char   *rrule;
    const char   *guest_policy;
    gboolean      mute_on_start;
  } kinds[] = {
    { BV_MEETING_KIND_BOARD,    "board",    120, NULL,          "ALWAYS_ACCEPT", FALSE },
    { BV_MEETING_KIND_ASSEMBLY, "assembly", 180, NULL,          "ALWAYS_DENY",   TRUE },
    { BV_MEETING_KIND_COURSE,   "course",    90, "FREQ=WEEKLY", "ALWAYS_ACCEPT", TRUE },
    { BV_MEETING_KIND_WORKSHOP, "workshop", 180, NULL,          "ALWAYS_ACCEPT", TRUE },
    { BV_MEETING_KIND_GROUP,    "group",     90, "FREQ=WEEKLY", "ASK_MODERATOR", FALSE },
  };
  BvMeetingKind parsed;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(BvMeeting) meeting = bv_meeting_new (kinds[i].kind);
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (BV_TYPE_MEETING_KIND);
      GEnumValue *value = g_enum_get_value (enum_class, kinds[i].kind);

      g_test_message ("kind %s", kinds[i].name);
      g_assert_cmpint (bv_meeting_get_kind (meeting), ==, kinds[i].kind);
      g_assert_cmpstr (bv_meeting_kind_to_string (kinds[i].kind), ==, kinds[i].name);
      g_assert_true (bv_meeting_kind_from_string (kinds[i].name, &parsed));
      g_assert_cmpint (parsed, ==, kinds[i].kind);
      g_assert_nonnull (value);
      g_assert_cmpstr (value->value_nick, ==, kinds[i].name);

      g_assert_cmpuint (bv_meeting_get_duration (meeting), ==, kinds[i].duration);
      g_assert_cmpstr (bv_meeting_get_rrule (meeting), ==, kinds[i].rrule);
      /* Never on by default: BBB keeps raw media whenever record=true. */
      g_assert_false (bv_meeting_get_record (meeting));
      g_assert_cmpstr (bv_meeting_get_guest_policy (meeting), ==, kinds[i].guest_policy);
      g_assert_cmpint (bv_meeting_get_mute_on_start (meeting), ==, kinds[i].mute_on_start);
      g_assert_false (bv_meeting_get_webcams_only_for_moderator (meeting));
      g_assert_cmpuint (bv_meeting_get_max_participants (meeting), ==, 0);

      g_assert_cmpstr (bv_meeting_get_tzid (meeting), ==, "Europe/Berlin");
      g_assert_null (bv_meeting_get_start_local (meeting));
      g_assert_cmpstr (bv_meeting_get_title (meeting), ==, "");
      g_assert_null (bv_meeting_get_server_id (meeting));
      g_assert_null (bv_meeting_get_welcome (meeting));
      g_assert_null (bv_meeting_get_ical_uid (meeting));

      g_assert_true (g_uuid_string_is_valid (bv_meeting_get_id (meeting)));
      g_assert_cmpuint (strlen (bv_meeting_get_attendee_password (meeting)), ==, 12);
      g_assert_cmpuint (strlen (bv_meeting_get_moderator_password (meeting)), ==, 12);
      g_assert_true (is_alphanumeric (bv_meeting_get_attendee_password (meeting)));
      g_assert_true (is_alphanumeric (bv_meeting_get_moderator_password (meeting)));
      g_assert_cmpstr (bv_meeting_get_attendee_password (meeting), !=,
                       bv_meeting_get_moderator_password (meeting));
    }

  g_assert_false (bv_meeting_kind_from_string ("Board", &parsed));
  g_assert_false (bv_meeting_kind_from_string ("", &parsed));
  g_assert_false (bv_meeting_kind_from_string (NULL, &parsed));

  /* Switching the kind keeps the values until the template is applied;
   * title, start and server survive that. */
  {
    g_autoptr(BvMeeting) meeting = new_meeting (BV_MEETING_KIND_BOARD, "Vorstand", "2026-05-04T19:00");

    bv_meeting_set_server_id (meeting, "server-1");
    bv_meeting_set_record (meeting, TRUE);
    bv_meeting_set_kind (meeting, BV_MEETING_KIND_GROUP);
    g_assert_cmpuint (bv_meeting_get_duration (meeting), ==, 120);
    bv_meeting_apply_kind_defaults (meeting);
    g_assert_cmpuint (bv_meeting_get_duration (meeting), ==, 90);
    g_assert_cmpstr (bv_meeting_get_rrule (meeting), ==, "FREQ=WEEKLY");
    g_assert_cmpstr (bv_meeting_get_guest_policy (meeting), ==, "ASK_MODERATOR");
    g_assert_false (bv_meeting_get_record (meeting));
    g_assert_cmpstr (bv_meeting_get_title (meeting), ==, "Vorstand");
    g_assert_cmpstr (bv_meeting_get_start_local (meeting), ==, "2026-05-04T19:00:00");
    g_assert_cmpstr (bv_meeting_get_server_id (meeting), ==, "server-1");
  }
}

static void
test_meeting_ids (void)
{
  g_autoptr(GHashTable) bbb_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) notifications = g_string_new (NULL);
  g_autoptr(BvMeeting) renewed = bv_meeting_new (BV_MEETING_KIND_COURSE);
  g_autofree char *old_id = NULL;
  guint counts[16] = { 0 };
  const guint n = 1000;
  gsize total = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BvMeeting) meeting = bv_meeting_new (i % 5);
      const char *bbb_id = bv_meeting_get_bbb_meeting_id (meeting);
      gsize length = strlen (bbb_id);

      /* Lower-case hex: URL-safe, no comma, 4 bits a character, so 32
       * characters or more carry at least 128 random bits. */
      g_assert_cmpuint (length, >=, 32);
      g_assert_cmpuint (length, <=, 256);
      for (gsize j = 0; j < length; j++)
        {
          const char *digit = strchr ("0123456789abcdef", bbb_id[j]);

          g_assert_true (bbb_id[j] && digit);
          counts[digit - "0123456789abcdef"]++;
        }
      total += length;

      g_assert_true (g_hash_table_add (bbb_ids, g_strdup (bbb_id)));
      g_assert_true (g_hash_table_add (ids, g_strdup (bv_meeting_get_id (meeting))));
      g_assert_true (g_hash_table_add (passwords, g_strdup (bv_meeting_get_attendee_password (meeting))));
      g_assert_true (g_hash_table_add (passwords, g_strdup (bv_meeting_get_moderator_password (meeting))));
      g_assert_cmpstr (bbb_id, !=, bv_meeting_get_id (meeting));
    }

  g_assert_cmpuint (g_hash_table_size (bbb_ids), ==, n);
  g_assert_cmpuint (g_hash_table_size (ids), ==, n);
  g_assert_cmpuint (g_hash_table_size (passwords), ==, 2 * n);

  /* Every digit about equally often: catches a constant or a badly biased
   * encoding. The bounds are more than ten standard deviations wide. */
  for (guint d = 0; d < G_N_ELEMENTS (counts); d++)
    {
      g_assert_cmpuint (counts[d], >, total / 16 - total / 80);
      g_assert_cmpuint (counts[d], <, total / 16 + total / 80);
    }

  old_id = g_strdup (bv_meeting_get_bbb_meeting_id (renewed));
  g_signal_connect (renewed, "notify", G_CALLBACK (notify_cb), notifications);
  bv_meeting_renew_bbb_meeting_id (renewed);
  g_assert_cmpstr (bv_meeting_get_bbb_meeting_id (renewed), !=, old_id);
  g_assert_cmpuint (strlen (bv_meeting_get_bbb_meeting_id (renewed)), ==, strlen (old_id));
  g_assert_cmpstr (notifications->str, ==, "bbb-meeting-id;");
}

static void
test_meeting_object (void)
{
  static const struct {
    const char *input;
    const char *expected;
  } times[] = {
    { "2026-12-01T19:30", "2026-12-01T19:30:00" },
    { "2026-12-01T19:30:15", "2026-12-01T19:30:15" },
    { "2028-02-29T00:00", "2028-02-29T00:00:00" },
    /* Local wall-clock time that does not exist in Berlin is still a
     * valid local time; recurrence decides what to do with it. */
    { "2026-03-29T02:30", "2026-03-29T02:30:00" },
    { "2026-02-29T10:00", NULL },
    { "2026-13-01T10:00", NULL },
    { "2026-12-01T24:00", NULL },
    { "2026-12-01T19:60", NULL },
    { "2026-12-01 19:30", NULL },
    { "2026-12-01T19:30Z", NULL },
    { "2026-12-01T19:30:00+01:00", NULL },
    { "2026-12-1T19:30", NULL },
    { "2026-12-01", NULL },
    { "", NULL },
  };
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_WORKSHOP);
  g_autoptr(GString) notifications = g_string_new (NULL);
  g_autofree char *start = NULL;
  BvMeetingKind kind;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autofree char *normal = bv_meeting_normalize_local_time (times[i].input);

      g_assert_cmpstr (normal, ==, times[i].expected);
    }
  g_assert_null (bv_meeting_normalize_local_time (NULL));

  g_signal_connect (meeting, "notify", G_CALLBACK (notify_cb), notifications);

  /* Notifications only on a real change */
  bv_meeting_set_title (meeting, "Satzungsworkshop");
  bv_meeting_set_title (meeting, "Satzungsworkshop");
  bv_meeting_set_start (meeting, "2026-06-13T10:00", "Europe/Berlin");
  bv_meeting_set_start (meeting, "2026-06-13T10:00:00", "Europe/Berlin");
  bv_meeting_set_duration (meeting, 180);
  bv_meeting_set_duration (meeting, 240);
  bv_meeting_set_rrule (meeting, NULL);
  bv_meeting_set_rrule (meeting, "");
  bv_meeting_set_server_id (meeting, "");
  bv_meeting_set_kind (meeting, BV_MEETING_KIND_WORKSHOP);
  bv_meeting_set_kind (meeting, BV_MEETING_KIND_BOARD);
  g_assert_cmpstr (notifications->str, ==, "title;start-local;duration;kind;");
  g_string_truncate (notifications, 0);

  /* The time zone alone, and through properties as a UI binds them */
  bv_meeting_set_start (meeting, "2026-06-13T10:00", "Europe/Vienna");
  g_object_set (meeting,
                "start-local", "2026-06-13T11:00",
                "tzid", "Europe/Vienna",
                "kind", BV_MEETING_KIND_COURSE,
                "server-id", "s1",
                "rrule", "FREQ=WEEKLY;BYDAY=SA",
                "title", "Satzungsworkshop",
                NULL);
  /* GObject emits queued notifications in no promised order */
  assert_notified (notifications, "kind;rrule;server-id;start-local;tzid;");
  g_object_get (meeting, "start-local", &start, "kind", &kind, NULL);
  g_assert_cmpstr (start, ==, "2026-06-13T11:00:00");
  g_assert_cmpint (kind, ==, BV_MEETING_KIND_COURSE);
  g_string_truncate (notifications, 0);

  /* Bad values are programming errors and change nothing */
  g_test_expect_message ("bv-store", G_LOG_LEVEL_CRITICAL, "*normal*");
  bv_meeting_set_start (meeting, "2026-06-13 12:00", "Europe/Vienna");
  g_test_assert_expected_messages ();
  g_test_expect_message ("bv-store", G_LOG_LEVEL_CRITICAL, "*tzid*");
  bv_meeting_set_start (meeting, "2026-06-13T12:00", "");
  g_test_assert_expected_messages ();
  g_test_expect_message ("bv-store", G_LOG_LEVEL_CRITICAL, "*kind_is_valid*");
  bv_meeting_set_kind (meeting, (BvMeetingKind)5);
  g_test_assert_expected_messages ();
  g_test_expect_message ("bv-store", G_LOG_LEVEL_CRITICAL, "*minutes > 0*");
  bv_meeting_set_duration (meeting, 0);
  g_test_assert_expected_messages ();
  g_test_expect_message ("bv-store", G_LOG_LEVEL_CRITICAL, "*guest_policy_is_valid*");
  bv_meeting_set_guest_policy (meeting, "always_accept");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (bv_meeting_get_start_local (meeting), ==, "2026-06-13T11:00:00");
  g_assert_cmpstr (bv_meeting_get_tzid (meeting), ==, "Europe/Vienna");
  g_assert_cmpint (bv_meeting_get_kind (meeting), ==, BV_MEETING_KIND_COURSE);
  g_assert_cmpuint (bv_meeting_get_duration (meeting), ==, 240);
  g_assert_cmpstr (notifications->str, ==, "");

  /* BBB refuses commas in a meetingID: such a room is replaced */
  {
    g_autoptr(BvMeeting) bad = NULL;

    g_test_expect_message ("bv-store", G_LOG_LEVEL_CRITICAL, "*meetingID*");
    bad = g_object_new (BV_TYPE_MEETING, "bbb-meeting-id", "room,1", NULL);
    g_test_assert_expected_messages ();
    g_assert_cmpuint (strlen (bv_meeting_get_bbb_meeting_id (bad)), ==, 40);
  }

  /* A start can be taken back */
  bv_meeting_set_start (meeting, NULL, "Europe/Vienna");
  g_assert_null (bv_meeting_get_start_local (meeting));
  g_assert_cmpstr (notifications->str, ==, "start-local;");

  /* The passwords are per meeting, never the server's secret */
  g_assert_null (g_object_class_find_property (G_OBJECT_GET_CLASS (meeting), "secret"));
  g_assert_null (g_object_class_find_property (G_OBJECT_GET_CLASS (meeting), "shared-secret"));
}

static void
test_meeting_round_trip (void)
{
  g_autofree char *path = test_path ("meetings.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = bv_server_new (NULL, "KL.digital", "https://kl.example.org/bigbluebutton/", NULL);
  g_autoptr(BvMeeting) full = new_meeting (BV_MEETING_KIND_GROUP, "Selbsthilfegruppe Mittwoch", "2026-10-07T19:30");
  g_autoptr(BvMeeting) early = new_meeting (BV_MEETING_KIND_BOARD, "Vorstand", "2026-10-01T18:00");
  g_autoptr(BvMeeting) same_time = new_meeting (BV_MEETING_KIND_ASSEMBLY, "beirat", "2026-10-01T18:00:00");
  g_autoptr(BvMeeting) undated = new_meeting (BV_MEETING_KIND_WORKSHOP, "Irgendwann", NULL);
  g_autoptr(BvMeeting) found = NULL;
  g_autoptr(sqlite3) raw = NULL;
  g_autofree char *id = g_strdup (bv_meeting_get_id (full));
  g_autofree char *bbb_id = g_strdup (bv_meeting_get_bbb_meeting_id (full));
  g_autofree char *attendee_pw = g_strdup (bv_meeting_get_attendee_password (full));
  g_autofree char *moderator_pw = g_strdup (bv_meeting_get_moderator_password (full));
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (bv_database_get_meetings (db)) == BV_TYPE_MEETING);
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_meetings (db)), ==, 0);
  save_ok (db, server);

  /* Every field away from its default */
  bv_meeting_set_start (full, "2026-10-07T19:30", "America/New_York");
  bv_meeting_set_duration (full, 75);
  bv_meeting_set_rrule (full, "FREQ=MONTHLY;BYDAY=1WE;COUNT=10");
  bv_meeting_set_server_id (full, bv_server_get_id (server));
  bv_meeting_set_welcome (full, "Willkommen! <b>Bitte</b> stellt euch kurz vor.\nDanke & bis gleich.");
  bv_meeting_set_record (full, TRUE);
  bv_meeting_set_guest_policy (full, "ALWAYS_DENY");
  bv_meeting_set_mute_on_start (full, TRUE);
  bv_meeting_set_webcams_only_for_moderator (full, TRUE);
  bv_meeting_set_max_participants (full, 12);
  bv_meeting_set_ical_uid (full, "040000008200E00074C5B7101A82E008@outlook");

  save_meeting_ok (db, full);
  save_meeting_ok (db, undated);
  save_meeting_ok (db, early);
  save_meeting_ok (db, same_time);
  g_assert_true (meeting_at (db, 2) == full);
  assert_titles (db, "beirat,Vorstand,Selbsthilfegruppe Mittwoch,Irgendwann");
  g_assert_finalize_object (db);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  assert_titles (db, "beirat,Vorstand,Selbsthilfegruppe Mittwoch,Irgendwann");

  found = bv_database_find_meeting (db, id);
  g_assert_nonnull (found);
  g_assert_true (found != full);
  g_assert_cmpstr (bv_meeting_get_id (found), ==, id);
  g_assert_cmpstr (bv_meeting_get_bbb_meeting_id (found), ==, bbb_id);
  g_assert_cmpstr (bv_meeting_get_title (found), ==, "Selbsthilfegruppe Mittwoch");
  g_assert_cmpint (bv_meeting_get_kind (found), ==, BV_MEETING_KIND_GROUP);
  g_assert_cmpstr (bv_meeting_get_start_local (found), ==, "2026-10-07T19:30:00");
  g_assert_cmpstr (bv_meeting_get_tzid (found), ==, "America/New_York");
  g_assert_cmpuint (bv_meeting_get_duration (found), ==, 75);
  g_assert_cmpstr (bv_meeting_get_rrule (found), ==, "FREQ=MONTHLY;BYDAY=1WE;COUNT=10");
  g_assert_cmpstr (bv_meeting_get_server_id (found), ==, bv_server_get_id (server));
  g_assert_cmpstr (bv_meeting_get_welcome (found), ==, "Willkommen! <b>Bitte</b> stellt euch kurz vor.\nDanke & bis gleich.");
  g_assert_true (bv_meeting_get_record (found));
  g_assert_cmpstr (bv_meeting_get_guest_policy (found), ==, "ALWAYS_DENY");
  g_assert_true (bv_meeting_get_mute_on_start (found));
  g_assert_true (bv_meeting_get_webcams_only_for_moderator (found));
  g_assert_cmpuint (bv_meeting_get_max_participants (found), ==, 12);
  g_assert_cmpstr (bv_meeting_get_attendee_password (found), ==, attendee_pw);
  g_assert_cmpstr (bv_meeting_get_moderator_password (found), ==, moderator_pw);
  g_assert_cmpstr (bv_meeting_get_ical_uid (found), ==, "040000008200E00074C5B7101A82E008@outlook");
  g_clear_object (&found);

  /* The defaults round-trip too, NULLs included */
  found = bv_database_find_meeting (db, bv_meeting_get_id (undated));
  g_assert_nonnull (found);
  g_assert_null (bv_meeting_get_start_local (found));
  g_assert_cmpstr (bv_meeting_get_tzid (found), ==, "Europe/Berlin");
  g_assert_null (bv_meeting_get_rrule (found));
  g_assert_null (bv_meeting_get_server_id (found));
  g_assert_null (bv_meeting_get_welcome (found));
  g_assert_null (bv_meeting_get_ical_uid (found));
  g_assert_false (bv_meeting_get_record (found));
  g_assert_true (bv_meeting_get_mute_on_start (found));
  g_assert_cmpuint (bv_meeting_get_duration (found), ==, 180);
  g_clear_object (&found);

  /* Also by the room id, which --join may be given */
  found = bv_database_find_meeting (db, bbb_id);
  g_assert_nonnull (found);
  g_assert_cmpstr (bv_meeting_get_id (found), ==, id);
  g_clear_object (&found);
  g_assert_null (bv_database_find_meeting (db, "no-such-meeting"));

  g_assert_true (bv_database_check_integrity (db, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (db);

  raw = raw_open (path, FALSE);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meetings"), ==, 4);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meetings WHERE created > 0 AND updated >= created"), ==, 4);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meetings WHERE kind = 'group' AND record = 1"), ==, 1);
}

/* Text is bound as a parameter, never pasted into SQL: quotes and a
 * statement in a name are stored and read back as they are. */
#define INJECTION "O'Brien \"Bobby\" '); DROP TABLE meetings; DROP TABLE servers; --"

static void
test_sql_text_verbatim (void)
{
  g_autofree char *path = test_path ("injection.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = bv_server_new (NULL, INJECTION, "https://bbb.example.org/bigbluebutton/", NULL);
  g_autoptr(BvMeeting) meeting = new_meeting (BV_MEETING_KIND_BOARD, INJECTION, "2026-10-01T18:00");
  g_autoptr(BvServer) found_server = NULL;
  g_autoptr(BvMeeting) found_meeting = NULL;
  g_autoptr(sqlite3) raw = NULL;
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  save_ok (db, server);
  bv_meeting_set_welcome (meeting, INJECTION);
  bv_meeting_set_server_id (meeting, bv_server_get_id (server));
  save_meeting_ok (db, meeting);
  g_assert_finalize_object (db);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  found_server = bv_database_find_server (db, bv_server_get_id (server));
  g_assert_nonnull (found_server);
  g_assert_cmpstr (bv_server_get_name (found_server), ==, INJECTION);
  found_meeting = bv_database_find_meeting (db, bv_meeting_get_id (meeting));
  g_assert_nonnull (found_meeting);
  g_assert_cmpstr (bv_meeting_get_title (found_meeting), ==, INJECTION);
  g_assert_cmpstr (bv_meeting_get_welcome (found_meeting), ==, INJECTION);
  g_clear_object (&found_meeting);
  g_clear_object (&found_server);
  g_assert_finalize_object (db);

  raw = raw_open (path, FALSE);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                 "AND name IN ('meetings', 'servers')"), ==, 2);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meetings"), ==, 1);
}

static void
test_meeting_update (void)
{
  g_autofree char *path = test_path ("meetings-update.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (ItemsChange));
  g_autoptr(GString) notifications = g_string_new (NULL);
  g_autoptr(BvMeeting) first = new_meeting (BV_MEETING_KIND_COURSE, "Yoga", "2026-09-01T18:00");
  g_autoptr(BvMeeting) second = new_meeting (BV_MEETING_KIND_BOARD, "Vorstand", "2026-09-02T19:00");
  g_autoptr(BvMeeting) edit = NULL;
  g_autoptr(BvMeeting) untitled = new_meeting (BV_MEETING_KIND_BOARD, "  ", NULL);
  g_autoptr(sqlite3) raw = NULL;
  g_autofree char *old_bbb_id = NULL;
  GListModel *model;
  ItemsChange *change;
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  model = bv_database_get_meetings (db);
  save_meeting_ok (db, first);
  save_meeting_ok (db, second);
  assert_titles (db, "Yoga,Vorstand");
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), changes);
  g_signal_connect (first, "notify", G_CALLBACK (notify_cb), notifications);

  /* An editor's copy: saving it changes the listed object in place,
   * notifies once per changed property and moves it. */
  edit = copy_meeting (first);
  g_assert_cmpstr (bv_meeting_get_bbb_meeting_id (edit), ==, bv_meeting_get_bbb_meeting_id (first));
  g_assert_cmpstr (bv_meeting_get_attendee_password (edit), ==, bv_meeting_get_attendee_password (first));
  bv_meeting_set_start (edit, "2026-09-03T18:00", "Europe/Berlin");
  bv_meeting_set_duration (edit, 60);
  save_meeting_ok (db, edit);
  g_assert_true (meeting_at (db, 1) == first);
  assert_titles (db, "Vorstand,Yoga");
  g_assert_cmpstr (bv_meeting_get_start_local (first), ==, "2026-09-03T18:00:00");
  g_assert_cmpuint (bv_meeting_get_duration (first), ==, 60);
  assert_notified (notifications, "duration;start-local;");
  g_assert_cmpuint (changes->len, ==, 2);
  change = &g_array_index (changes, ItemsChange, 0);
  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, 1);
  change = &g_array_index (changes, ItemsChange, 1);
  g_assert_cmpuint (change->position, ==, 1);
  g_assert_cmpuint (change->added, ==, 1);
  g_array_set_size (changes, 0);
  g_string_truncate (notifications, 0);

  /* Unchanged: no notification, no move */
  save_meeting_ok (db, edit);
  g_assert_cmpstr (notifications->str, ==, "");
  g_assert_cmpuint (changes->len, ==, 0);

  /* A new room reaches the listed object and the disk */
  old_bbb_id = g_strdup (bv_meeting_get_bbb_meeting_id (first));
  bv_meeting_renew_bbb_meeting_id (edit);
  save_meeting_ok (db, edit);
  g_assert_cmpstr (notifications->str, ==, "bbb-meeting-id;");
  g_assert_cmpstr (bv_meeting_get_bbb_meeting_id (first), ==, bv_meeting_get_bbb_meeting_id (edit));
  g_assert_cmpstr (bv_meeting_get_bbb_meeting_id (first), !=, old_bbb_id);
  g_string_truncate (notifications, 0);

  /* A failed save of the listed object puts the stored values back */
  bv_meeting_set_title (first, "Yoga für Anfänger");
  bv_meeting_set_server_id (first, "deleted-server");
  g_assert_false (bv_database_save_meeting (db, first, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpstr (bv_meeting_get_title (first), ==, "Yoga");
  g_assert_null (bv_meeting_get_server_id (first));
  assert_titles (db, "Vorstand,Yoga");
  g_assert_cmpuint (changes->len, ==, 0);

  /* A meeting needs a title */
  g_assert_false (bv_database_save_meeting (db, untitled, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpuint (changes->len, ==, 0);

  /* Two meetings can never share a room */
  g_clear_object (&edit);
  edit = g_object_new (BV_TYPE_MEETING,
                       "bbb-meeting-id", bv_meeting_get_bbb_meeting_id (second),
                       "title", "Kopie",
                       NULL);
  g_assert_cmpstr (bv_meeting_get_id (edit), !=, bv_meeting_get_id (second));
  g_assert_false (bv_database_save_meeting (db, edit, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  assert_titles (db, "Vorstand,Yoga");

  raw = raw_open (path, FALSE);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meetings"), ==, 2);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meetings WHERE title = 'Yoga' AND duration = 60"
                                 " AND start_local = '2026-09-03T18:00:00' AND server_id IS NULL"), ==, 1);

  g_signal_handlers_disconnect_by_data (model, changes);
  g_signal_handlers_disconnect_by_data (first, notifications);
  g_assert_finalize_object (db);
}

static GPtrArray *
agenda_of (const char * const *titles_and_motions)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_agenda_item_free);

  for (guint i = 0; titles_and_motions[i]; i += 2)
    g_ptr_array_add (items, bv_agenda_item_new (titles_and_motions[i], titles_and_motions[i + 1]));
  return items;
}

static void
assert_agenda (BvMeeting  *meeting,
               const char *expected)
{
  GPtrArray *items = bv_meeting_get_agenda (meeting);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      const BvAgendaItem *item = g_ptr_array_index (items, i);

      g_string_append_printf (text, "%s%s[%s]", i ? "|" : "", item->title,
                              item->motion ? item->motion : "");
    }
  g_assert_cmpstr (text->str, ==, expected);
}

/* The agenda is saved with its meeting, in order, with the items' ids;
 * an item without a title is refused and leaves the stored agenda as it
 * was; deleting the meeting deletes its agenda. */
static void
test_meeting_agenda (void)
{
  static const char * const first[] = {
    "Begrüßung", "",
    "Satzungsänderung § 4", "§ 4 Abs. 2 erhält folgende Fassung: …",
    "Wahl des Vorstands", NULL,
    NULL
  };
  g_autofree char *path = test_path ("meetings-agenda.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) assembly = new_meeting (BV_MEETING_KIND_ASSEMBLY, "Mitgliederversammlung", "2027-03-20T15:00");
  g_autoptr(GPtrArray) items = agenda_of (first);
  g_autoptr(GPtrArray) reordered = NULL;
  g_autoptr(GPtrArray) broken = NULL;
  g_autoptr(BvMeeting) editor = NULL;
  g_autoptr(sqlite3) raw = NULL;
  g_autofree char *id = g_strdup (bv_meeting_get_id (assembly));
  g_autofree char *vote_id = NULL;
  BvDatabase *db;

  g_assert_cmpuint (bv_meeting_get_agenda (assembly)->len, ==, 0);
  bv_meeting_set_agenda (assembly, items);
  bv_meeting_set_venue (assembly, "  Vereinsheim, Am Sportplatz 3 ");
  g_assert_cmpstr (bv_meeting_get_venue (assembly), ==, "Vereinsheim, Am Sportplatz 3");
  /* Copied, not shared. */
  g_assert_true (bv_meeting_get_agenda (assembly) != items);
  vote_id = g_strdup (((BvAgendaItem *) g_ptr_array_index (items, 1))->id);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  save_meeting_ok (db, assembly);
  g_assert_finalize_object (db);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  assert_agenda (meeting_at (db, 0),
                 "Begrüßung[]|Satzungsänderung § 4[§ 4 Abs. 2 erhält folgende Fassung: …]|Wahl des Vorstands[]");
  g_assert_cmpstr (bv_meeting_get_venue (meeting_at (db, 0)), ==, "Vereinsheim, Am Sportplatz 3");

  /* Moving an item keeps its id. */
  editor = copy_meeting (meeting_at (db, 0));
  reordered = bv_agenda_copy (bv_meeting_get_agenda (editor));
  g_ptr_array_insert (reordered, 0, g_ptr_array_steal_index (reordered, 1));
  bv_meeting_set_agenda (editor, reordered);
  save_meeting_ok (db, editor);
  assert_agenda (meeting_at (db, 0),
                 "Satzungsänderung § 4[§ 4 Abs. 2 erhält folgende Fassung: …]|Begrüßung[]|Wahl des Vorstands[]");
  g_assert_cmpstr (((BvAgendaItem *) g_ptr_array_index (bv_meeting_get_agenda (meeting_at (db, 0)), 0))->id,
                   ==, vote_id);

  /* An item without a title: refused, nothing changes. */
  broken = bv_agenda_copy (bv_meeting_get_agenda (editor));
  g_free (((BvAgendaItem *) g_ptr_array_index (broken, 2))->title);
  ((BvAgendaItem *) g_ptr_array_index (broken, 2))->title = g_strdup ("  ");
  bv_meeting_set_agenda (editor, broken);
  g_assert_false (bv_database_save_meeting (db, editor, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "3"));
  g_clear_error (&error);
  assert_agenda (meeting_at (db, 0),
                 "Satzungsänderung § 4[§ 4 Abs. 2 erhält folgende Fassung: …]|Begrüßung[]|Wahl des Vorstands[]");
  g_assert_finalize_object (db);

  raw = raw_open (path, FALSE);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM agenda_items"), ==, 3);
  g_clear_pointer (&raw, sqlite3_close);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (bv_database_delete_meeting (db, id, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (db);
  raw = raw_open (path, FALSE);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM agenda_items"), ==, 0);
}

static void
test_meeting_delete (void)
{
  g_autofree char *path = test_path ("meetings-delete.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) course = new_meeting (BV_MEETING_KIND_COURSE, "Kurs", "2026-09-01T18:00");
  g_autoptr(BvMeeting) other = new_meeting (BV_MEETING_KIND_COURSE, "Anderer Kurs", "2026-09-02T18:00");
  g_autoptr(GPtrArray) exceptions = NULL;
  g_autoptr(sqlite3) raw = NULL;
  g_autofree char *id = g_strdup (bv_meeting_get_id (course));
  g_autofree char *sql = NULL;
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  save_meeting_ok (db, course);
  save_meeting_ok (db, other);
  g_assert_true (bv_database_set_exception (db, id, "2026-09-08T18:00", TRUE, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_true (bv_database_set_exception (db, id, "2026-09-15T18:00", FALSE, "2026-09-16T18:00", 0, &error));
  g_assert_no_error (error);
  g_assert_true (bv_database_set_exception (db, bv_meeting_get_id (other), "2026-09-09T18:00", TRUE, NULL, 0, &error));
  g_assert_no_error (error);

  g_assert_true (bv_database_delete_meeting (db, id, &error));
  g_assert_no_error (error);
  assert_titles (db, "Anderer Kurs");
  g_assert_null (bv_database_find_meeting (db, id));
  exceptions = bv_database_list_exceptions (db, id);
  g_assert_cmpuint (exceptions->len, ==, 0);
  g_clear_pointer (&exceptions, g_ptr_array_unref);
  exceptions = bv_database_list_exceptions (db, bv_meeting_get_id (other));
  g_assert_cmpuint (exceptions->len, ==, 1);

  g_assert_false (bv_database_delete_meeting (db, id, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  assert_titles (db, "Anderer Kurs");
  g_assert_finalize_object (db);

  raw = raw_open (path, FALSE);
  sql = g_strdup_printf ("SELECT count(*) FROM meeting_exceptions WHERE meeting_id = '%s'", id);
  g_assert_cmpint (raw_int (raw, sql), ==, 0);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meeting_exceptions"), ==, 1);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meetings"), ==, 1);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  assert_titles (db, "Anderer Kurs");
  g_assert_finalize_object (db);
}

static void
test_meeting_server_deleted (void)
{
  g_autofree char *path = test_path ("meetings-server.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = bv_server_new (NULL, "Alt", "https://old.example.org/bigbluebutton/", NULL);
  g_autoptr(BvServer) keep = bv_server_new (NULL, "Neu", "https://new.example.org/bigbluebutton/", NULL);
  g_autoptr(BvMeeting) on_old = new_meeting (BV_MEETING_KIND_BOARD, "Auf dem alten", "2026-09-01T18:00");
  g_autoptr(BvMeeting) on_new = new_meeting (BV_MEETING_KIND_BOARD, "Auf dem neuen", "2026-09-02T18:00");
  g_autoptr(BvMeeting) found = NULL;
  g_autoptr(GString) notifications = g_string_new (NULL);
  g_autoptr(sqlite3) raw = NULL;
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  save_ok (db, server);
  save_ok (db, keep);
  bv_meeting_set_server_id (on_old, bv_server_get_id (server));
  bv_meeting_set_server_id (on_new, bv_server_get_id (keep));
  save_meeting_ok (db, on_old);
  save_meeting_ok (db, on_new);
  g_signal_connect (on_old, "notify", G_CALLBACK (notify_cb), notifications);

  g_assert_true (bv_database_delete_server (db, bv_server_get_id (server), &error));
  g_assert_no_error (error);

  /* The meeting stays, without a server, in the list and on disk */
  assert_titles (db, "Auf dem alten,Auf dem neuen");
  g_assert_null (bv_meeting_get_server_id (on_old));
  g_assert_cmpstr (notifications->str, ==, "server-id;");
  g_assert_cmpstr (bv_meeting_get_server_id (on_new), ==, bv_server_get_id (keep));

  raw = raw_open (path, FALSE);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meetings WHERE server_id IS NULL"), ==, 1);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meetings"), ==, 2);
  g_clear_pointer (&raw, sqlite3_close);

  g_signal_handlers_disconnect_by_data (on_old, notifications);
  g_assert_finalize_object (db);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  found = bv_database_find_meeting (db, bv_meeting_get_id (on_old));
  g_assert_nonnull (found);
  g_assert_null (bv_meeting_get_server_id (found));
  g_clear_object (&found);
  g_assert_true (bv_database_check_integrity (db, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (db);
}

static void
test_meeting_exceptions (void)
{
  g_autofree char *path = test_path ("meetings-exceptions.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) group = new_meeting (BV_MEETING_KIND_GROUP, "Gruppe", "2026-10-21T19:00");
  g_autoptr(GPtrArray) exceptions = NULL;
  g_autoptr(BvMeetingException) copy = NULL;
  const char *id = bv_meeting_get_id (group);
  BvMeetingException *exception;
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  save_meeting_ok (db, group);

  exceptions = bv_database_list_exceptions (db, id);
  g_assert_cmpuint (exceptions->len, ==, 0);
  g_clear_pointer (&exceptions, g_ptr_array_unref);

  /* Across the end of daylight-saving time (25 October 2026) */
  g_assert_true (bv_database_set_exception (db, id, "2026-11-04T19:00", FALSE, "2026-11-05T18:30", 120, &error));
  g_assert_no_error (error);
  g_assert_true (bv_database_set_exception (db, id, "2026-10-28T19:00:00", TRUE, NULL, 0, &error));
  g_assert_no_error (error);

  exceptions = bv_database_list_exceptions (db, id);
  g_assert_cmpuint (exceptions->len, ==, 2);
  exception = g_ptr_array_index (exceptions, 0);
  g_assert_cmpstr (exception->recurrence_id, ==, "2026-10-28T19:00:00");
  g_assert_true (exception->cancelled);
  g_assert_null (exception->new_start_local);
  g_assert_cmpuint (exception->new_duration, ==, 0);
  exception = g_ptr_array_index (exceptions, 1);
  g_assert_cmpstr (exception->recurrence_id, ==, "2026-11-04T19:00:00");
  g_assert_false (exception->cancelled);
  g_assert_cmpstr (exception->new_start_local, ==, "2026-11-05T18:30:00");
  g_assert_cmpuint (exception->new_duration, ==, 120);

  copy = bv_meeting_exception_copy (exception);
  g_assert_true (copy != exception);
  g_assert_cmpstr (copy->recurrence_id, ==, exception->recurrence_id);
  g_assert_cmpstr (copy->new_start_local, ==, exception->new_start_local);
  g_assert_cmpuint (copy->new_duration, ==, 120);
  g_assert_true (G_TYPE_IS_BOXED (BV_TYPE_MEETING_EXCEPTION));
  g_clear_pointer (&exceptions, g_ptr_array_unref);

  /* Setting the same occurrence again replaces the change */
  g_assert_true (bv_database_set_exception (db, id, "2026-11-04T19:00", TRUE, NULL, 0, &error));
  g_assert_no_error (error);
  exceptions = bv_database_list_exceptions (db, id);
  g_assert_cmpuint (exceptions->len, ==, 2);
  exception = g_ptr_array_index (exceptions, 1);
  g_assert_true (exception->cancelled);
  g_assert_null (exception->new_start_local);
  g_assert_cmpuint (exception->new_duration, ==, 0);
  g_clear_pointer (&exceptions, g_ptr_array_unref);

  /* Clear, and clear again */
  g_assert_true (bv_database_clear_exception (db, id, "2026-10-28T19:00", &error));
  g_assert_no_error (error);
  g_assert_false (bv_database_clear_exception (db, id, "2026-10-28T19:00", &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* For a meeting that does not exist */
  g_assert_false (bv_database_set_exception (db, "no-such-meeting", "2026-10-28T19:00", TRUE, NULL, 0, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  exceptions = bv_database_list_exceptions (db, "no-such-meeting");
  g_assert_cmpuint (exceptions->len, ==, 0);
  g_clear_pointer (&exceptions, g_ptr_array_unref);

  g_assert_finalize_object (db);

  /* What is left survives reopening */
  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  exceptions = bv_database_list_exceptions (db, id);
  g_assert_cmpuint (exceptions->len, ==, 1);
  exception = g_ptr_array_index (exceptions, 0);
  g_assert_cmpstr (exception->recurrence_id, ==, "2026-11-04T19:00:00");
  g_assert_true (exception->cancelled);
  g_assert_finalize_object (db);
}

static void
test_meeting_ical_uid (void)
{
  g_autofree char *path = test_path ("meetings-ical.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) imported = new_meeting (BV_MEETING_KIND_BOARD, "Aus Thunderbird", "2026-09-01T18:00");
  g_autoptr(BvMeeting) again = new_meeting (BV_MEETING_KIND_BOARD, "Noch einmal", "2026-09-01T18:00");
  g_autoptr(BvMeeting) plain = new_meeting (BV_MEETING_KIND_BOARD, "Ohne UID", "2026-09-02T18:00");
  g_autoptr(BvMeeting) plain2 = new_meeting (BV_MEETING_KIND_BOARD, "Auch ohne UID", "2026-09-03T18:00");
  g_autoptr(BvMeeting) found = NULL;
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);

  bv_meeting_set_ical_uid (imported, "7a3f2b1c-uid@example.org");
  save_meeting_ok (db, imported);
  /* Saving it again with its own UID is fine */
  save_meeting_ok (db, imported);

  found = bv_database_find_meeting_by_ical_uid (db, "7a3f2b1c-uid@example.org");
  g_assert_true (found == imported);
  g_clear_object (&found);
  g_assert_null (bv_database_find_meeting_by_ical_uid (db, "7A3F2B1C-UID@EXAMPLE.ORG"));
  g_assert_null (bv_database_find_meeting_by_ical_uid (db, "other@example.org"));

  /* Another meeting from the same calendar entry is refused */
  bv_meeting_set_ical_uid (again, "7a3f2b1c-uid@example.org");
  g_assert_false (bv_database_save_meeting (db, again, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Aus Thunderbird"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  assert_titles (db, "Aus Thunderbird");

  /* Any number of meetings have no UID; "" counts as none */
  bv_meeting_set_ical_uid (plain2, "");
  g_assert_null (bv_meeting_get_ical_uid (plain2));
  save_meeting_ok (db, plain);
  save_meeting_ok (db, plain2);
  assert_titles (db, "Aus Thunderbird,Ohne UID,Auch ohne UID");

  /* Once the first lets go of the UID, the other may take it */
  bv_meeting_set_ical_uid (imported, NULL);
  save_meeting_ok (db, imported);
  save_meeting_ok (db, again);
  found = bv_database_find_meeting_by_ical_uid (db, "7a3f2b1c-uid@example.org");
  g_assert_true (found == again);
  g_clear_object (&found);
  g_assert_finalize_object (db);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  found = bv_database_find_meeting_by_ical_uid (db, "7a3f2b1c-uid@example.org");
  g_assert_nonnull (found);
  g_assert_cmpstr (bv_meeting_get_id (found), ==, bv_meeting_get_id (again));
  g_clear_object (&found);
  g_assert_finalize_object (db);
}

static void
test_meeting_disk_full (void)
{
  g_autofree char *path = test_path ("meetings-full.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) first = new_meeting (BV_MEETING_KIND_BOARD, "Erste", "2026-09-01T18:00");
  g_autoptr(BvMeeting) second = new_meeting (BV_MEETING_KIND_BOARD, "Zweite", "2026-09-02T18:00");
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (ItemsChange));
  BvDatabase *db;

  install_full_vfs ();

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  save_meeting_ok (db, first);
  g_signal_connect (bv_database_get_meetings (db), "items-changed", G_CALLBACK (items_changed_cb), changes);

  disk_full = TRUE;

  g_assert_false (bv_database_save_meeting (db, second, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FULL);
  g_clear_error (&error);

  bv_meeting_set_title (first, "Umbenannt");
  g_assert_false (bv_database_save_meeting (db, first, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FULL);
  g_clear_error (&error);
  g_assert_cmpstr (bv_meeting_get_title (first), ==, "Erste");

  g_assert_false (bv_database_delete_meeting (db, bv_meeting_get_id (first), &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FULL);
  g_clear_error (&error);

  g_assert_false (bv_database_set_exception (db, bv_meeting_get_id (first), "2026-09-08T18:00", TRUE, NULL, 0, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FULL);
  g_clear_error (&error);

  g_assert_cmpuint (changes->len, ==, 0);
  assert_titles (db, "Erste");

  disk_full = FALSE;
  save_meeting_ok (db, second);
  assert_titles (db, "Erste,Zweite");
  g_signal_handlers_disconnect_by_data (bv_database_get_meetings (db), changes);
  g_assert_finalize_object (db);
}

/* Locks, slides and the recording notice survive a reopen; a path with a
 * line break (the column's separator) is refused and changes nothing. */
static void
test_meeting_room_settings (void)
{
  g_autofree char *path = test_path ("room.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) meeting = new_meeting (BV_MEETING_KIND_COURSE, "Yoga", "2027-01-05T18:00");
  const char *slides[] = { "/home/anna/Folien/Übungen.pdf", "/home/anna/Plan 2027.odp", NULL };
  const char *bad[] = { "/tmp/zwei\nZeilen.pdf", NULL };
  BvMeeting *again;
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((char **)bv_meeting_get_slides (meeting)), ==, 0);
  g_assert_cmpint (bv_meeting_get_locks (meeting), ==, BV_MEETING_LOCK_NONE);
  bv_meeting_set_locks (meeting, BV_MEETING_LOCK_WEBCAM | BV_MEETING_LOCK_PRIVATE_CHAT);
  bv_meeting_set_slides (meeting, slides);
  bv_meeting_set_record (meeting, TRUE);
  bv_meeting_set_recording_notice (meeting, "Wir zeichnen auf.");
  save_meeting_ok (db, meeting);

  bv_meeting_set_slides (meeting, bad);
  g_assert_false (bv_database_save_meeting (db, meeting, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_clear_error (&error);
  /* The failed save put the stored values back. */
  g_assert_true (g_strv_equal (bv_meeting_get_slides (meeting), slides));
  g_assert_finalize_object (db);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  again = bv_database_find_meeting (db, bv_meeting_get_id (meeting));
  g_assert_nonnull (again);
  g_assert_cmpint (bv_meeting_get_locks (again), ==, BV_MEETING_LOCK_WEBCAM | BV_MEETING_LOCK_PRIVATE_CHAT);
  g_assert_true (g_strv_equal (bv_meeting_get_slides (again), slides));
  g_assert_cmpstr (bv_meeting_get_recording_notice (again), ==, "Wir zeichnen auf.");

  /* Kind defaults clear the locks but keep slides and notice. */
  bv_meeting_apply_kind_defaults (again);
  g_assert_cmpint (bv_meeting_get_locks (again), ==, BV_MEETING_LOCK_NONE);
  g_assert_true (g_strv_equal (bv_meeting_get_slides (again), slides));
  g_object_unref (again);
  g_assert_finalize_object (db);
}

static void
unref_array (gpointer array)
{
  if (array)
    g_ptr_array_unref (array);
}

/* Several meetings with their exceptions go in together, or not at all. */
static void
test_meeting_save_many (void)
{
  g_autofree char *path = test_path ("many.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) exceptions = g_ptr_array_new_with_free_func (unref_array);
  g_autoptr(GPtrArray) first_changes = g_ptr_array_new_with_free_func ((GDestroyNotify)bv_meeting_exception_free);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(BvMeeting) clash = new_meeting (BV_MEETING_KIND_BOARD, "Dritte", "2027-02-01T19:00");
  BvMeeting *first = new_meeting (BV_MEETING_KIND_GROUP, "Erste", "2027-01-05T19:30");
  BvMeeting *second = new_meeting (BV_MEETING_KIND_BOARD, "Zweite", "2027-01-07T19:00");
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);

  bv_meeting_set_ical_uid (first, "uid-1");
  bv_meeting_set_ical_uid (second, "uid-2");
  g_ptr_array_add (first_changes, bv_meeting_exception_new ("2027-01-12T19:30", TRUE, NULL, 0));
  g_ptr_array_add (first_changes, bv_meeting_exception_new ("2027-01-19T19:30", FALSE, "2027-01-20T18:00", 45));
  g_ptr_array_add (meetings, first);
  g_ptr_array_add (exceptions, g_ptr_array_ref (first_changes));
  g_ptr_array_add (meetings, second);
  g_ptr_array_add (exceptions, g_ptr_array_new ());

  g_assert_true (bv_database_save_meetings (db, meetings, exceptions, &error));
  g_assert_no_error (error);
  assert_titles (db, "Erste,Zweite");
  stored = bv_database_list_exceptions (db, bv_meeting_get_id (first));
  g_assert_cmpuint (stored->len, ==, 2);
  g_assert_cmpstr (((BvMeetingException *)stored->pdata[1])->new_start_local, ==, "2027-01-20T18:00:00");
  g_assert_cmpuint (((BvMeetingException *)stored->pdata[1])->new_duration, ==, 45);
  g_clear_pointer (&stored, g_ptr_array_unref);

  /* A second batch whose last meeting clashes (same calendar UID as a
   * stored one): the first one's change and the new exceptions are not
   * written either. */
  bv_meeting_set_title (first, "Erste geändert");
  g_ptr_array_set_size (first_changes, 0);
  bv_meeting_set_ical_uid (clash, "uid-2");
  g_ptr_array_remove_index (meetings, 1);
  g_ptr_array_remove_index (exceptions, 1);
  g_ptr_array_add (meetings, g_object_ref (clash));
  g_ptr_array_add (exceptions, NULL);
  g_assert_false (bv_database_save_meetings (db, meetings, exceptions, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  assert_titles (db, "Erste,Zweite");
  g_assert_cmpstr (bv_meeting_get_title (first), ==, "Erste");
  stored = bv_database_list_exceptions (db, bv_meeting_get_id (first));
  g_assert_cmpuint (stored->len, ==, 2);
  g_assert_true (bv_database_check_integrity (db, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (db);
}

/* A file as the servers-only version wrote it (schema 2) keeps its servers
 * and gains the meeting tables. */
static void
test_migrate_from_two (void)
{
  g_autofree char *path = test_path ("v2.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) raw = NULL;
  g_autoptr(BvServer) found = NULL;
  g_autoptr(BvMeeting) meeting = new_meeting (BV_MEETING_KIND_ASSEMBLY, "Mitgliederversammlung", "2027-03-20T14:00");
  g_autoptr(BvMeeting) again = NULL;
  BvDatabase *db;

  raw = raw_open (path, TRUE);
  raw_exec (raw,
            "PRAGMA application_id = 1113740901;"
            "CREATE TABLE servers ("
            "  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),"
            "  name TEXT NOT NULL CHECK (name <> ''),"
            "  name_key TEXT NOT NULL UNIQUE,"
            "  url TEXT NOT NULL CHECK (url <> ''),"
            "  checksum TEXT NOT NULL DEFAULT 'auto'"
            "    CHECK (checksum IN ('auto', 'sha1', 'sha256', 'sha384', 'sha512')),"
            "  created INTEGER NOT NULL);"
            "ALTER TABLE servers ADD COLUMN detected_checksum TEXT"
            "  CHECK (detected_checksum IS NULL OR"
            "         detected_checksum IN ('sha1', 'sha256', 'sha384', 'sha512'));"
            "ALTER TABLE servers ADD COLUMN api_version TEXT;"
            "ALTER TABLE servers ADD COLUMN bbb_version TEXT;"
            "ALTER TABLE servers ADD COLUMN load_balancer INTEGER NOT NULL DEFAULT 0;"
            "ALTER TABLE servers ADD COLUMN checked_at INTEGER NOT NULL DEFAULT 0;"
            "INSERT INTO servers VALUES ('id-2', 'Vereinsserver', 'vereinsserver',"
            "  'https://bbb.example.org/bigbluebutton/api/', 'auto', 1700000000,"
            "  'sha256', '2.0', '2.7.3', 0, 1750000000);"
            "PRAGMA user_version = 2;");
  g_clear_pointer (&raw, sqlite3_close);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bv_database_get_schema_version (db), ==, BV_DATABASE_SCHEMA_VERSION);
  found = bv_database_find_server (db, "id-2");
  g_assert_nonnull (found);
  g_assert_cmpstr (bv_server_get_name (found), ==, "Vereinsserver");
  g_assert_cmpstr (bv_server_get_detected_checksum (found), ==, "sha256");
  g_assert_cmpstr (bv_server_get_bbb_version (found), ==, "2.7.3");
  g_assert_cmpint (bv_server_get_checked_at (found), ==, 1750000000);
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_meetings (db)), ==, 0);

  bv_meeting_set_server_id (meeting, "id-2");
  save_meeting_ok (db, meeting);
  g_assert_true (bv_database_set_exception (db, bv_meeting_get_id (meeting), "2027-03-20T14:00", FALSE, "2027-03-27T14:00", 0, &error));
  g_assert_no_error (error);
  g_assert_true (bv_database_check_integrity (db, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (db);

  raw = raw_open (path, FALSE);
  g_assert_cmpint (raw_int (raw, "PRAGMA user_version"), ==, BV_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                                 " AND name IN ('meetings', 'meeting_exceptions')"), ==, 2);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM servers"), ==, 1);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM pragma_foreign_key_list('meetings')"
                                 " WHERE \"table\" = 'servers' AND on_delete = 'SET NULL'"), ==, 1);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM pragma_foreign_key_list('meeting_exceptions')"
                                 " WHERE \"table\" = 'meetings' AND on_delete = 'CASCADE'"), ==, 1);
  g_clear_pointer (&raw, sqlite3_close);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  again = bv_database_find_meeting (db, bv_meeting_get_id (meeting));
  g_assert_nonnull (again);
  g_assert_cmpstr (bv_meeting_get_server_id (again), ==, "id-2");
  g_clear_object (&again);
  g_assert_finalize_object (db);
}

/* Interrupted write */

static void
write_batch (sqlite3 *raw,
             guint    batch)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  raw_exec (raw, "BEGIN IMMEDIATE");
  g_assert_cmpint (sqlite3_prepare_v2 (raw,
                                       "INSERT INTO servers (id, name, name_key, url, checksum, created)"
                                       " VALUES (?1, ?2, ?3, ?4, 'sha1', 0)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < WRITER_BATCH_SIZE; i++)
    {
      g_autofree char *id = g_strdup_printf ("batch-%d-%u-%u", (int)getpid (), batch, i);
      g_autofree char *name = g_strdup_printf ("Batch %d %u %u", (int)getpid (), batch, i);
      g_autofree char *key = g_utf8_casefold (name, -1);
      g_autofree char *url = g_strdup_printf ("https://%s.example.org/bigbluebutton/", id);

      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, url, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);

      /* 'B' once the transaction holds a row, 'C' before COMMIT: a child
       * stopped with 'B' as its last marker has written rows it has not
       * committed. */
      if (i == 0 && write (STDOUT_FILENO, "B", 1) != 1)
        _exit (1);
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  if (write (STDOUT_FILENO, "C", 1) != 1)
    _exit (1);
  raw_exec (raw, "COMMIT");
}

/* Runs in a separate process until the parent kills it with SIGKILL. */
static int
run_writer_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) db = NULL;
  g_autoptr(sqlite3) raw = NULL;

  db = bv_database_open (path, &error);
  if (!db)
    g_error ("writer: %s", error->message);

  raw = raw_open (path, FALSE);

  for (guint i = 0; ; i++)
    {
      g_autofree char *id = g_strdup_printf ("single-%d-%u", (int)getpid (), i);
      g_autofree char *name = g_strdup_printf ("Server %s", id);
      g_autofree char *url = g_strdup_printf ("https://%s.example.org/bigbluebutton/", id);
      g_autoptr(BvServer) server = bv_server_new (id, name, url, "sha256");

      if (!bv_database_save_server (db, server, &error))
        g_error ("writer: %s", error->message);

      /* Also exercise the update path on a row that already exists. */
      if (i > 0)
        {
          g_autoptr(BvServer) first = NULL;
          g_autofree char *first_id = g_strdup_printf ("single-%d-0", (int)getpid ());

          first = bv_database_find_server (db, first_id);
          bv_server_set_checksum (first, i % 2 ? "sha384" : "sha256");
          if (!bv_database_save_server (db, first, &error))
            g_error ("writer: %s", error->message);
        }

      if (i % 5 == 0)
        write_batch (raw, i / 5);

      if (i == 0)
        {
          /* Tell the parent that writing is under way. */
          if (write (STDOUT_FILENO, "\nready\n", 7) != 7)
            return 1;
        }
    }

  return 0;
}

static void
wait_for_ready (int fd)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  char buffer[64] = { 0 };
  gsize have = 0;

  while (!strstr (buffer, "ready\n"))
    {
      struct pollfd pfd = { .fd = fd, .events = POLLIN };
      gint64 remaining = (deadline - g_get_monotonic_time ()) / 1000;
      ssize_t n;

      if (remaining <= 0)
        g_error ("The writer child did not start writing within 30 s");

      if (poll (&pfd, 1, (int)remaining) < 0 && errno != EINTR)
        g_error ("poll: %s", g_strerror (errno));
      if (!(pfd.revents & (POLLIN | POLLHUP)))
        continue;

      n = read (fd, buffer + have, sizeof buffer - 1 - have);
      if (n <= 0)
        g_error ("The writer child exited before writing");
      have += n;
    }
}

/* The last batch marker among what the child wrote so far. */
static char
read_markers (int   fd,
              char  last)
{
  char buffer[256];
  ssize_t n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    for (ssize_t i = 0; i < n; i++)
      if (buffer[i] == 'B' || buffer[i] == 'C')
        last = buffer[i];
  return last;
}

/* Kills a writer child with SIGKILL after @delay_ms. With @inside, the kill
 * lands inside a multi-row transaction for sure: the child is stopped as
 * soon as it reports one open, and killed only if it is still in it (it
 * may have committed between its report and the stop; then it goes on to
 * the next batch). Returns whether the kill landed inside a transaction. */
static gboolean
kill_writer_after (const char *path,
                   guint       delay_ms,
                   gboolean    inside)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self_exe, WRITER_ARGUMENT, path, NULL };
  char last = 0;
  GPid pid;
  int out_fd;
  int status;

  g_assert_nonnull (self_exe);
  g_spawn_async_with_pipes (NULL, (char **)argv, NULL,
                            G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  wait_for_ready (out_fd);
  g_assert_true (g_unix_set_fd_nonblocking (out_fd, TRUE, NULL));
  g_usleep (delay_ms * 1000);

  if (inside)
    {
      for (;;)
        {
          last = 0;
          while (last != 'B')
            {
              struct pollfd pfd = { .fd = out_fd, .events = POLLIN };

              g_assert_cmpint (poll (&pfd, 1, BV_TEST_WAIT_S * 1000), ==, 1);
              last = read_markers (out_fd, last);
            }
          g_assert_no_errno (kill (pid, SIGSTOP));
          g_assert_cmpint (waitpid (pid, &status, WUNTRACED), ==, pid);
          g_assert_true (WIFSTOPPED (status));
          last = read_markers (out_fd, last);
          if (last == 'B')
            break;
          g_assert_no_errno (kill (pid, SIGCONT));
        }
    }

  g_assert_no_errno (kill (pid, SIGKILL));
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  g_spawn_close_pid (pid);

  last = read_markers (out_fd, last);
  g_close (out_fd, NULL);

  return last == 'B';
}

static void
verify_after_crash (const char *path,
                    guint      *n_singles,
                    guint      *n_batches)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) raw = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) batches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(BvServer) after = bv_server_new (NULL, NULL, "https://after.example.org/bigbluebutton/", NULL);
  g_autofree char *integrity = NULL;
  g_autofree char *after_name = NULL;
  GHashTableIter iter;
  gpointer value;
  guint n_rows = 0;
  BvDatabase *db;

  /* The app's own open path does the WAL recovery. */
  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bv_database_get_schema_version (db), ==, BV_DATABASE_SCHEMA_VERSION);
  g_assert_true (bv_database_check_integrity (db, &error));
  g_assert_no_error (error);

  raw = raw_open (path, FALSE);
  integrity = raw_text (raw, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (raw_int (raw, "PRAGMA user_version"), ==, BV_DATABASE_SCHEMA_VERSION);

  *n_singles = 0;
  g_assert_cmpint (sqlite3_prepare_v2 (raw,
                                       "SELECT id, name, name_key, url, checksum FROM servers",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *)sqlite3_column_text (stmt, 0);
      const char *name = (const char *)sqlite3_column_text (stmt, 1);
      const char *key = (const char *)sqlite3_column_text (stmt, 2);
      const char *url = (const char *)sqlite3_column_text (stmt, 3);
      const char *checksum = (const char *)sqlite3_column_text (stmt, 4);
      g_autofree char *expected_url = g_strdup_printf ("https://%s.example.org/bigbluebutton/", id);
      g_autofree char *expected_key = g_utf8_casefold (name, -1);

      n_rows++;
      g_assert_cmpstr (url, ==, expected_url);
      g_assert_cmpstr (key, ==, expected_key);

      if (g_str_has_prefix (id, "single-"))
        {
          g_autofree char *expected_name = g_strdup_printf ("Server %s", id);

          g_assert_cmpstr (name, ==, expected_name);
          g_assert_true (g_str_equal (checksum, "sha256") || g_str_equal (checksum, "sha384"));
          (*n_singles)++;
        }
      else
        {
          g_auto(GStrv) parts = g_strsplit (id, "-", -1);
          g_autofree char *batch = NULL;
          guint count;

          g_assert_true (g_str_has_prefix (id, "batch-"));
          g_assert_cmpuint (g_strv_length (parts), ==, 4);
          g_assert_cmpstr (checksum, ==, "sha1");
          batch = g_strdup_printf ("%s-%s", parts[1], parts[2]);
          count = GPOINTER_TO_UINT (g_hash_table_lookup (batches, batch));
          g_hash_table_replace (batches, g_steal_pointer (&batch), GUINT_TO_POINTER (count + 1));
        }
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* A multi-row transaction is all or nothing. */
  g_hash_table_iter_init (&iter, batches);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_assert_cmpuint (GPOINTER_TO_UINT (value), ==, WRITER_BATCH_SIZE);
  *n_batches = g_hash_table_size (batches);

  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_servers (db)), ==, n_rows);

  /* And the database takes writes again. */
  after_name = g_strdup_printf ("After %u", n_rows);
  bv_server_set_name (after, after_name);
  save_ok (db, after);
  g_assert_true (bv_database_delete_server (db, bv_server_get_id (after), &error));
  g_assert_no_error (error);
  g_assert_true (bv_database_check_integrity (db, &error));
  g_assert_no_error (error);

  g_assert_finalize_object (db);
}

static void
test_interrupted_write (void)
{
  g_autofree char *path = test_path ("crash.db");
  /* Two kills wherever the child happens to be, two inside a transaction
   * for sure. */
  static const guint delays_ms[] = { 200, 230, 170, 210 };
  static const gboolean inside[] = { FALSE, TRUE, FALSE, TRUE };
  guint total_singles = 0;
  guint total_batches = 0;
  guint kills_inside = 0;

  for (guint round = 0; round < G_N_ELEMENTS (delays_ms); round++)
    {
      guint n_singles = 0;
      guint n_batches = 0;

      gboolean in_batch = kill_writer_after (path, delays_ms[round], inside[round]);

      if (inside[round])
        g_assert_true (in_batch);
      kills_inside += in_batch;

      verify_after_crash (path, &n_singles, &n_batches);
      g_test_message ("after kill %u (%s): %u single rows, %u complete batches of %u",
                      round + 1, in_batch ? "inside a batch" : "between batches",
                      n_singles, n_batches, WRITER_BATCH_SIZE);

      /* Every round adds to what the earlier ones left. */
      g_assert_cmpuint (n_singles, >, total_singles);
      g_assert_cmpuint (n_batches, >=, total_batches);
      total_singles = n_singles;
      total_batches = n_batches;
    }

  g_assert_cmpuint (total_batches, >, 0);
  /* The all-or-nothing check above saw interrupted transactions. */
  g_assert_cmpuint (kills_inside, >=, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = NULL;
  int ret;

  /* The child of the interrupted-write test; checked before g_test_init ()
   * which would reject the unknown option. */
  if (argc == 3 && g_str_equal (argv[1], WRITER_ARGUMENT))
    return run_writer_child (argv[2]);

  root = bv_test_isolate_dirs ("bv-test-store");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/server/object", test_server_object);
  g_test_add_func ("/store/database/create", test_create);
  g_test_add_func ("/store/database/create-nested", test_create_nested);
  g_test_add_func ("/store/database/permissions-tightened", test_permissions_tightened);
  g_test_add_func ("/store/database/reopen", test_reopen);
  g_test_add_func ("/store/database/sql-text-verbatim", test_sql_text_verbatim);
  g_test_add_func ("/store/database/migrate-from-0", test_migrate_from_zero);
  g_test_add_func ("/store/database/migrate-from-1", test_migrate_from_one);
  g_test_add_func ("/store/database/migrate-from-2", test_migrate_from_two);
  g_test_add_func ("/store/database/migration-rolls-back", test_migration_rolls_back);
  g_test_add_func ("/store/database/too-new", test_too_new);
  g_test_add_func ("/store/database/not-a-database", test_not_a_database);
  g_test_add_func ("/store/database/foreign-database", test_foreign_database);
  g_test_add_func ("/store/database/cannot-create", test_cannot_create);
  g_test_add_func ("/store/database/servers", test_servers);
  g_test_add_func ("/store/database/find", test_find);
  g_test_add_func ("/store/database/disk-full", test_disk_full);
  g_test_add_func ("/store/meeting/kind-defaults", test_meeting_kind_defaults);
  g_test_add_func ("/store/meeting/ids", test_meeting_ids);
  g_test_add_func ("/store/meeting/object", test_meeting_object);
  g_test_add_func ("/store/meeting/round-trip", test_meeting_round_trip);
  g_test_add_func ("/store/meeting/update", test_meeting_update);
  g_test_add_func ("/store/meeting/delete", test_meeting_delete);
  g_test_add_func ("/store/meeting/agenda", test_meeting_agenda);
  g_test_add_func ("/store/meeting/server-deleted", test_meeting_server_deleted);
  g_test_add_func ("/store/meeting/exceptions", test_meeting_exceptions);
  g_test_add_func ("/store/meeting/ical-uid", test_meeting_ical_uid);
  g_test_add_func ("/store/meeting/disk-full", test_meeting_disk_full);
  g_test_add_func ("/store/meeting/room-settings", test_meeting_room_settings);
  g_test_add_func ("/store/meeting/save-many", test_meeting_save_many);
  g_test_add_func ("/store/database/interrupted-write", test_interrupted_write);

  ret = g_test_run ();

  if (root)
    bv_test_remove_tree (root);

  return ret;
}
