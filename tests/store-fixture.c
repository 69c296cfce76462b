/* store-fixture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "store-fixture.h"

char *
test_path (const char *name)
{
  /* Below the temporary data dir that bv_test_isolate_dirs () set up; only
   * test_create uses the default path. */
  return g_build_filename (g_get_user_data_dir (), "test", name, NULL);
}

sqlite3 *
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

void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

char *
raw_text (sqlite3    *db,
          const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_no_errno (g_stat (path, &st));
  return st.st_mode & 07777;
}

void
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

void
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

void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  ItemsChange change = { position, removed, added };

  g_array_append_val (changes, change);
}

void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GString    *log)
{
  g_string_append_printf (log, "%s;", pspec->name);
}

BvServer *
server_at (BvDatabase *db,
           guint       position)
{
  g_autoptr(BvServer) server = g_list_model_get_item (bv_database_get_servers (db), position);

  g_assert_nonnull (server);
  /* The model keeps its reference. */
  return server;
}

void
assert_names (BvDatabase *db,
              const char *expected)
{
  GListModel *model = bv_database_get_servers (db);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_string_append_printf (names, "%s%s", i ? "," : "", bv_server_get_name (server_at (db, i)));

  g_assert_cmpstr (names->str, ==, expected);
}

void
save_ok (BvDatabase *db,
         BvServer   *server)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bv_database_save_server (db, server, &error));
  g_assert_no_error (error);
}

/* A full disk, simulated by a VFS that passes everything through to the
 * default one but fails writes on request. BvDatabase uses the default VFS,
 * so registering this one as default reaches it. */

static sqlite3_vfs *real_vfs;
static sqlite3_vfs full_vfs;
gboolean disk_full;

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

void
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

/* Meetings */

BvMeeting *
meeting_at (BvDatabase *db,
            guint       position)
{
  g_autoptr(BvMeeting) meeting = g_list_model_get_item (bv_database_get_meetings (db), position);

  g_assert_nonnull (meeting);
  /* The model keeps its reference. */
  return meeting;
}

void
assert_titles (BvDatabase *db,
               const char *expected)
{
  GListModel *model = bv_database_get_meetings (db);
  g_autoptr(GString) titles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_string_append_printf (titles, "%s%s", i ? "," : "", bv_meeting_get_title (meeting_at (db, i)));

  g_assert_cmpstr (titles->str, ==, expected);
}

void
save_meeting_ok (BvDatabase *db,
                 BvMeeting  *meeting)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bv_database_save_meeting (db, meeting, &error));
  g_assert_no_error (error);
}

BvMeeting *
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
BvMeeting *
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
void
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

gboolean
is_alphanumeric (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;

  return TRUE;
}

/* Members, groups and invitations */

BvDatabase *
open_db (const char *name)
{
  g_autofree char *path = test_path (name);
  g_autoptr(GError) error = NULL;
  BvDatabase *db = bv_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

BvMember *
add_member (BvDatabase *db,
            const char *name,
            const char *email)
{
  g_autoptr(GError) error = NULL;
  BvMember *member = bv_member_new ();

  bv_member_set_name (member, name);
  bv_member_set_email (member, email);
  g_assert_true (bv_database_save_member (db, member, &error));
  g_assert_no_error (error);
  return member;
}

BvGroup *
add_group (BvDatabase *db,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  BvGroup *group = bv_group_new (name);

  g_assert_true (bv_database_save_group (db, group, &error));
  g_assert_no_error (error);
  return group;
}

BvMeeting *
add_meeting (BvDatabase *db,
             const char *title)
{
  g_autoptr(GError) error = NULL;
  BvMeeting *meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);

  bv_meeting_set_title (meeting, title);
  bv_meeting_set_start (meeting, "2027-02-03T19:30:00", "Europe/Berlin");
  g_assert_true (bv_database_save_meeting (db, meeting, &error));
  g_assert_no_error (error);
  return meeting;
}

BvParticipant *
invite (BvDatabase        *db,
        BvMeeting         *meeting,
        BvMember          *member,
        BvParticipantRole  role)
{
  g_autoptr(GError) error = NULL;
  BvParticipant *participant = bv_participant_new_member (bv_meeting_get_id (meeting),
                                                          bv_member_get_id (member), role);

  g_assert_true (bv_database_add_participant (db, participant, &error));
  g_assert_no_error (error);
  return participant;
}

char *
names_of (GListModel *model)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *name = NULL;

      g_object_get (item, "name", &name, NULL);
      g_string_append_printf (names, "%s%s", i ? "," : "", name);
    }
  return g_string_free (names, FALSE);
}

gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  /* The file holds NUL bytes, so no string search. */
  for (gsize i = 0; i + strlen (needle) <= length; i++)
    if (memcmp (contents + i, needle, strlen (needle)) == 0)
      return TRUE;
  return FALSE;
}

/* Whether @needle is anywhere in the database at @path: the file itself
 * (which must exist and be readable, or the probe proves nothing) and its
 * write-ahead log, if there is one. The same probe is the positive control
 * before an erasure and the check after it. */
gboolean
database_files_contain (const char *path,
                        const char *needle)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (contents);

  return file_contains (path, needle) ||
         (g_file_test (wal, G_FILE_TEST_EXISTS) && file_contains (wal, needle));
}
