/* test-database.c
 *
 * Opening, refusing and recovering the database file (store/bv-database):
 * modes, foreign or damaged or too new files, and a writer killed in the
 * middle of its transactions.
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

/* Rows the writer child inserts per multi-row transaction: after a crash,
 * every batch must be there completely or not at all. */
#define WRITER_BATCH_SIZE 200
#define WRITER_ARGUMENT "--bv-test-writer-child"

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

  root = bv_test_isolate_dirs ("bv-test-database");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/database/create", test_create);
  g_test_add_func ("/store/database/create-nested", test_create_nested);
  g_test_add_func ("/store/database/permissions-tightened", test_permissions_tightened);
  g_test_add_func ("/store/database/reopen", test_reopen);
  g_test_add_func ("/store/database/too-new", test_too_new);
  g_test_add_func ("/store/database/not-a-database", test_not_a_database);
  g_test_add_func ("/store/database/foreign-database", test_foreign_database);
  g_test_add_func ("/store/database/cannot-create", test_cannot_create);
  g_test_add_func ("/store/database/interrupted-write", test_interrupted_write);

  ret = g_test_run ();

  if (root)
    bv_test_remove_tree (root);

  return ret;
}
