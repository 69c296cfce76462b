/* bv-database.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-database.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

/* Marks the file as ours in the SQLite header ("BbVe"), so that a database
 * of some other program is refused instead of being migrated. */
#define BV_DATABASE_APPLICATION_ID 0x42625665

/* Long enough for another instance (the command line next to the window) to
 * finish its transaction, short enough that the UI does not seem frozen. */
#define BV_DATABASE_BUSY_TIMEOUT_MS 5000

struct _BvDatabase
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  int         schema_version;

  /* Owned by us, sorted by name; only changed after the SQL succeeded. */
  GListStore *servers;
  /* The same for meetings, sorted by start and title. */
  GListStore *meetings;
  /* Members and groups, sorted by name. */
  GListStore *members;
  GListStore *groups;
};

G_DEFINE_FINAL_TYPE (BvDatabase, bv_database, G_TYPE_OBJECT)
G_DEFINE_QUARK (bv-database-error-quark, bv_database_error)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef struct
{
  int         version;
  const char *sql;
} Migration;

/* Each step takes the schema from version - 1 to version and runs in one
 * transaction together with the user_version bump, so a crash leaves either
 * the old or the new schema. Append new steps; never edit a released one. */
static const Migration migrations[] = {
  {
    .version = 1,
    .sql =
      "PRAGMA application_id = " G_STRINGIFY (BV_DATABASE_APPLICATION_ID) ";"
      "CREATE TABLE servers ("
      "  id       TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),"
      "  name     TEXT NOT NULL CHECK (name <> ''),"
      /* The command line addresses servers by name, so names must be unique
       * regardless of case. COLLATE NOCASE only folds ASCII and club names
       * carry umlauts, so the folded key is computed in C (name_key ()). */
      "  name_key TEXT NOT NULL UNIQUE,"
      "  url      TEXT NOT NULL CHECK (url <> ''),"
      "  checksum TEXT NOT NULL DEFAULT 'auto'"
      "           CHECK (checksum IN ('auto', 'sha1', 'sha256', 'sha384', 'sha512')),"
      "  created  INTEGER NOT NULL"
      ");",
  },
  {
    /* What the connection test found out, so that joining needs no extra
     * request to learn the algorithm or the server's version. */
    .version = 2,
    .sql =
      "ALTER TABLE servers ADD COLUMN detected_checksum TEXT"
      "  CHECK (detected_checksum IS NULL OR"
      "         detected_checksum IN ('sha1', 'sha256', 'sha384', 'sha512'));"
      "ALTER TABLE servers ADD COLUMN api_version TEXT;"
      "ALTER TABLE servers ADD COLUMN bbb_version TEXT;"
      "ALTER TABLE servers ADD COLUMN load_balancer INTEGER NOT NULL DEFAULT 0;"
      "ALTER TABLE servers ADD COLUMN checked_at INTEGER NOT NULL DEFAULT 0;",
  },
  {
    /* Planned meetings (issue 4). Times are local wall-clock times in
     * tzid ("YYYY-MM-DDTHH:MM:SS"), so that a weekly meeting stays at
     * 19:30 across daylight-saving changes. */
    .version = 3,
    .sql =
      "CREATE TABLE meetings ("
      "  id             TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),"
      /* The room on the server: whoever knows it can create and enter it,
       * so it is random, and BBB refuses commas in it. */
      "  bbb_meeting_id TEXT NOT NULL UNIQUE"
      "                 CHECK (length (bbb_meeting_id) BETWEEN 2 AND 256"
      "                        AND instr (bbb_meeting_id, ',') = 0),"
      "  title          TEXT NOT NULL,"
      "  kind           TEXT NOT NULL"
      "                 CHECK (kind IN ('board', 'assembly', 'course', 'workshop', 'group')),"
      "  start_local    TEXT,"
      "  tzid           TEXT NOT NULL CHECK (tzid <> ''),"
      "  duration       INTEGER NOT NULL CHECK (duration > 0),"
      "  rrule          TEXT,"
      /* A meeting outlives the server it was planned on: the user picks
       * another one instead of losing the meeting. */
      "  server_id      TEXT REFERENCES servers (id) ON DELETE SET NULL,"
      "  welcome        TEXT,"
      "  record         INTEGER NOT NULL DEFAULT 0,"
      "  guest_policy   TEXT NOT NULL,"
      "  mute_on_start  INTEGER NOT NULL,"
      "  webcams_only_for_moderator INTEGER NOT NULL,"
      "  max_participants INTEGER NOT NULL DEFAULT 0,"
      "  attendee_pw    TEXT NOT NULL,"
      "  moderator_pw   TEXT NOT NULL,"
      /* Re-importing a calendar file updates instead of duplicating. */
      "  ical_uid       TEXT UNIQUE,"
      "  created        INTEGER NOT NULL,"
      "  updated        INTEGER NOT NULL"
      ");"
      /* Deleting a server looks up its meetings through this. */
      "CREATE INDEX meetings_server_id ON meetings (server_id);"
      "CREATE TABLE meeting_exceptions ("
      "  meeting_id      TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,"
      "  recurrence_id   TEXT NOT NULL,"
      "  cancelled       INTEGER NOT NULL DEFAULT 0,"
      "  new_start_local TEXT,"
      "  new_duration    INTEGER,"
      "  PRIMARY KEY (meeting_id, recurrence_id)"
      ");",
  },
  {
    /* Room settings of the meeting editor: lockSettings* as bits
     * (BvMeetingLocks), slides as absolute paths one per line (the editor
     * refuses names with line breaks), and the notice shown when the
     * meeting is recorded. */
    .version = 4,
    .sql =
      "ALTER TABLE meetings ADD COLUMN locks INTEGER NOT NULL DEFAULT 0;"
      "ALTER TABLE meetings ADD COLUMN slides TEXT;"
      "ALTER TABLE meetings ADD COLUMN recording_notice TEXT;",
  },
  {
    /* Members, groups and invitations (issue 5). Names and e-mail
     * addresses get a key folded in C (name_key (), bv_member_email_key ())
     * because COLLATE NOCASE folds only ASCII. */
    .version = 5,
    .sql =
      "CREATE TABLE members ("
      "  id        TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),"
      "  name      TEXT NOT NULL CHECK (name <> ''),"
      "  email     TEXT,"
      /* An import recognises a member by the address, so it must lead to
       * one member; members without an address are allowed (paper). */
      "  email_key TEXT UNIQUE,"
      "  phone     TEXT,"
      "  notes     TEXT,"
      "  created   INTEGER NOT NULL,"
      "  updated   INTEGER NOT NULL"
      ");"
      "CREATE TABLE groups ("
      "  id       TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),"
      "  name     TEXT NOT NULL CHECK (name <> ''),"
      "  name_key TEXT NOT NULL UNIQUE,"
      "  created  INTEGER NOT NULL"
      ");"
      "CREATE TABLE member_groups ("
      "  member_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,"
      "  group_id  TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,"
      "  PRIMARY KEY (member_id, group_id)"
      ");"
      "CREATE INDEX member_groups_group_id ON member_groups (group_id);"
      "CREATE TABLE meeting_participants ("
      "  id          TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),"
      "  meeting_id  TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,"
      /* NULL for an external guest, who brings a name of their own. */
      "  member_id   TEXT REFERENCES members (id) ON DELETE CASCADE,"
      "  guest_name  TEXT,"
      "  guest_email TEXT,"
      "  role        TEXT NOT NULL DEFAULT 'participant'"
      "              CHECK (role IN ('moderator', 'participant')),"
      /* The personal userID of the invitation's link: random, ≥ 128 bits. */
      "  link_key    TEXT NOT NULL UNIQUE CHECK (length (link_key) >= 32),"
      "  created     INTEGER NOT NULL,"
      "  CHECK (member_id IS NOT NULL OR (guest_name IS NOT NULL AND guest_name <> '')),"
      /* NULLs never collide, so any number of guests fit. */
      "  UNIQUE (meeting_id, member_id)"
      ");"
      "CREATE INDEX meeting_participants_member_id ON meeting_participants (member_id);",
  },
  {
    /* The telephone dial-in number the server's answers name, so that
     * invitations written before any room opens can give it. */
    .version = 6,
    .sql =
      "ALTER TABLE servers ADD COLUMN dial_number TEXT;",
  },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == BV_DATABASE_SCHEMA_VERSION);

static gboolean
set_error_from_sqlite (BvDatabase  *self,
                       int          rc,
                       GError     **error)
{
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FULL,
                   _("The disk is full, so “%s” could not be written. Free some space and try again."),
                   self->path);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_CORRUPT,
                   _("The file “%s” is not a database of this app or it is damaged. It was left unchanged. Move it away or restore a backup, then try again."),
                   self->path);
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_OPEN,
                   _("The database “%s” could not be opened (%s). Check that the folder exists and that you may write to it."),
                   self->path, detail);
      break;

    case SQLITE_READONLY:
      g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                   _("The database “%s” is read-only. Check that you may write to the file and its folder, then try again."),
                   self->path);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                   _("The database “%s” is busy in another program. Wait a moment and try again."),
                   self->path);
      break;

    case SQLITE_IOERR:
      g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                   _("Reading or writing the database “%s” failed (%s). Check the disk and try again."),
                   self->path, detail);
      break;

    default:
      g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                   _("The database “%s” reported an error (%s)."),
                   self->path, detail);
      break;
    }

  return FALSE;
}

static gboolean
set_error_from_errno (BvDatabase  *self,
                      const char  *file,
                      int          saved_errno,
                      GError     **error)
{
  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FULL,
                 _("The disk is full, so “%s” could not be created. Free some space and try again."),
                 file);
  else
    g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_OPEN,
                 _("“%s” could not be created (%s). Check that you may write to its folder."),
                 file, g_strerror (saved_errno));

  return FALSE;
}

static gboolean
exec (BvDatabase  *self,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_error_from_sqlite (self, rc, error);

  return TRUE;
}

static gboolean
prepare (BvDatabase    *self,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, stmt, NULL);

  if (rc != SQLITE_OK)
    return set_error_from_sqlite (self, rc, error);

  return TRUE;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text ? text : "";
}

static gboolean
query_int (BvDatabase  *self,
           const char  *sql,
           int         *value,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!prepare (self, sql, &stmt, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return set_error_from_sqlite (self, rc, error);

  *value = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gboolean
begin (BvDatabase  *self,
       GError     **error)
{
  /* IMMEDIATE takes the write lock up front, so a concurrent writer makes
   * us wait (busy timeout) instead of failing half-way through. */
  return exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (BvDatabase  *self,
        GError     **error)
{
  return exec (self, "COMMIT", error);
}

static void
rollback (BvDatabase *self)
{
  /* SQLite already rolls back by itself after some errors (SQLITE_FULL,
   * SQLITE_IOERR); a second ROLLBACK would only add a confusing error. */
  if (sqlite3_get_autocommit (self->db))
    return;

  if (sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Rolling back failed: %s", sqlite3_errmsg (self->db));
}

/* Two names that a person would call the same must collide in the UNIQUE
 * index: ignore case (also beyond ASCII), Unicode representation and
 * surrounding blanks. */
static char *
name_key (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autofree char *normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL_COMPOSE);

  if (!normal)
    return g_strdup ("");

  return g_utf8_casefold (normal, -1);
}

static int
compare_servers (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  BvServer *server_a = (BvServer *)a;
  BvServer *server_b = (BvServer *)b;
  g_autofree char *key_a = g_utf8_casefold (bv_server_get_name (server_a), -1);
  g_autofree char *key_b = g_utf8_casefold (bv_server_get_name (server_b), -1);
  int ret;

  ret = g_utf8_collate (key_a, key_b);
  if (ret == 0)
    ret = strcmp (bv_server_get_name (server_a), bv_server_get_name (server_b));
  if (ret == 0)
    ret = strcmp (bv_server_get_id (server_a), bv_server_get_id (server_b));

  return ret;
}

static int
compare_server_ptrs (gconstpointer a,
                     gconstpointer b)
{
  return compare_servers (*(BvServer * const *)a, *(BvServer * const *)b, NULL);
}

static BvServer *
lookup_by_id (BvDatabase *self,
              const char *id,
              guint      *position)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->servers));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BvServer) server = g_list_model_get_item (G_LIST_MODEL (self->servers), i);

      if (g_strcmp0 (bv_server_get_id (server), id) == 0)
        {
          if (position)
            *position = i;
          /* The store keeps its own reference. */
          return server;
        }
    }

  return NULL;
}

/* Moves @server to where its (possibly new) name sorts. Removing and
 * re-inserting emits items-changed, so sorted views follow a rename. */
static void
resort_server (BvDatabase *self,
               BvServer   *server,
               guint       position)
{
  GListModel *model = G_LIST_MODEL (self->servers);
  guint n_items = g_list_model_get_n_items (model);
  g_autoptr(BvServer) before = NULL;
  g_autoptr(BvServer) after = NULL;
  g_autoptr(BvServer) keep = NULL;

  if (position > 0)
    before = g_list_model_get_item (model, position - 1);
  if (position + 1 < n_items)
    after = g_list_model_get_item (model, position + 1);

  if ((!before || compare_servers (before, server, NULL) <= 0) &&
      (!after || compare_servers (server, after, NULL) <= 0))
    return;

  keep = g_object_ref (server);
  g_list_store_remove (self->servers, position);
  g_list_store_insert_sorted (self->servers, keep, compare_servers, NULL);
}

/* Columns from first on: detected_checksum, api_version, bbb_version,
 * load_balancer, checked_at. */
static void
set_connection_info_from_row (BvServer     *server,
                              sqlite3_stmt *stmt,
                              int           first)
{
  const char *detected = (const char *) sqlite3_column_text (stmt, first);
  g_autofree char *api_version = NULL;
  g_autofree char *bbb_version = NULL;

  if (sqlite3_column_type (stmt, first + 1) != SQLITE_NULL)
    api_version = g_utf8_make_valid ((const char *) sqlite3_column_text (stmt, first + 1), -1);
  if (sqlite3_column_type (stmt, first + 2) != SQLITE_NULL)
    bbb_version = g_utf8_make_valid ((const char *) sqlite3_column_text (stmt, first + 2), -1);
  if (detected && (!bv_server_checksum_is_valid (detected) || g_str_equal (detected, "auto")))
    detected = NULL;

  bv_server_set_connection_info (server, detected, api_version, bbb_version,
                                 sqlite3_column_int (stmt, first + 3) != 0,
                                 sqlite3_column_int64 (stmt, first + 4));
}

static gboolean
step_done (BvDatabase    *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    return set_error_from_sqlite (self, rc, error);

  return TRUE;
}

/* What the join flow and the scheduler learn from the server's answers
 * is written back here, so that they need no database of their own. */
static void
server_dial_number_changed (BvServer   *server,
                            GParamSpec *pspec,
                            BvDatabase *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  if (!prepare (self, "UPDATE servers SET dial_number = ?2 WHERE id = ?1", &stmt, &error))
    goto failed;
  sqlite3_bind_text (stmt, 1, bv_server_get_id (server), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, bv_server_get_dial_number (server), -1, SQLITE_STATIC);
  if (!step_done (self, stmt, &error))
    goto failed;
  return;

failed:
  /* Only a convenience for invitations; the next answer brings it again. */
  g_warning ("Could not store the server's dial-in number: %s", error->message);
}

static void
track_server (BvDatabase *self,
              BvServer   *server)
{
  g_signal_connect_object (server, "notify::dial-number",
                           G_CALLBACK (server_dial_number_changed), self, 0);
}

static gboolean
load_servers (BvDatabase  *self,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (!prepare (self,
                "SELECT id, name, url, checksum,"
                " detected_checksum, api_version, bbb_version, load_balancer, checked_at,"
                " dial_number"
                " FROM servers",
                &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* Someone may have edited the file with other tools; never let bad
       * text reach the UTF-8 functions. */
      g_autofree char *name = g_utf8_make_valid (column_text (stmt, 1), -1);
      g_autofree char *url = g_utf8_make_valid (column_text (stmt, 2), -1);
      const char *checksum = column_text (stmt, 3);
      BvServer *server;

      if (!bv_server_checksum_is_valid (checksum))
        checksum = "auto";

      server = bv_server_new (column_text (stmt, 0), name, url, checksum);
      g_ptr_array_add (servers, server);
      set_connection_info_from_row (server, stmt, 4);
      if (sqlite3_column_type (stmt, 9) != SQLITE_NULL)
        {
          g_autofree char *dial_number = g_utf8_make_valid (column_text (stmt, 9), -1);

          bv_server_set_dial_number (server, dial_number);
        }
      track_server (self, server);
    }

  if (rc != SQLITE_DONE)
    return set_error_from_sqlite (self, rc, error);

  g_ptr_array_sort (servers, compare_server_ptrs);
  g_list_store_splice (self->servers,
                       0, g_list_model_get_n_items (G_LIST_MODEL (self->servers)),
                       servers->pdata, servers->len);

  return TRUE;
}

/* Puts the stored values back into @server after a failed save, so that the
 * list never shows what is not on disk. */
static void
reload_server (BvDatabase *self,
               BvServer   *server)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint position;

  if (lookup_by_id (self, bv_server_get_id (server), &position) != server)
    return;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT name, url, checksum,"
                          " detected_checksum, api_version, bbb_version, load_balancer, checked_at"
                          " FROM servers WHERE id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return;

  sqlite3_bind_text (stmt, 1, bv_server_get_id (server), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return;

  g_object_freeze_notify (G_OBJECT (server));
  bv_server_set_name (server, column_text (stmt, 0));
  bv_server_set_url (server, column_text (stmt, 1));
  if (bv_server_checksum_is_valid (column_text (stmt, 2)))
    bv_server_set_checksum (server, column_text (stmt, 2));
  set_connection_info_from_row (server, stmt, 3);
  g_object_thaw_notify (G_OBJECT (server));

  resort_server (self, server, position);
}

/* Meetings */

#define MEETING_COLUMNS \
  "id, bbb_meeting_id, title, kind, start_local, tzid, duration, rrule," \
  " server_id, welcome, record, guest_policy, mute_on_start," \
  " webcams_only_for_moderator, max_participants, attendee_pw, moderator_pw," \
  " ical_uid, locks, slides, recording_notice"

static int
compare_meetings (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  BvMeeting *meeting_a = (BvMeeting *)a;
  BvMeeting *meeting_b = (BvMeeting *)b;
  const char *start_a = bv_meeting_get_start_local (meeting_a);
  const char *start_b = bv_meeting_get_start_local (meeting_b);
  g_autofree char *key_a = NULL;
  g_autofree char *key_b = NULL;
  int ret;

  /* Meetings without a date yet come last; the normalized form
   * "YYYY-MM-DDTHH:MM:SS" sorts as text. */
  if (!start_a != !start_b)
    return start_a ? -1 : 1;
  if (start_a)
    {
      ret = strcmp (start_a, start_b);
      if (ret != 0)
        return ret;
    }

  key_a = g_utf8_casefold (bv_meeting_get_title (meeting_a), -1);
  key_b = g_utf8_casefold (bv_meeting_get_title (meeting_b), -1);
  ret = g_utf8_collate (key_a, key_b);
  if (ret == 0)
    ret = strcmp (bv_meeting_get_title (meeting_a), bv_meeting_get_title (meeting_b));
  if (ret == 0)
    ret = strcmp (bv_meeting_get_id (meeting_a), bv_meeting_get_id (meeting_b));

  return ret;
}

static int
compare_meeting_ptrs (gconstpointer a,
                      gconstpointer b)
{
  return compare_meetings (*(BvMeeting * const *)a, *(BvMeeting * const *)b, NULL);
}

static BvMeeting *
lookup_meeting (BvDatabase *self,
                const char *id,
                guint      *position)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->meetings));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BvMeeting) meeting = g_list_model_get_item (G_LIST_MODEL (self->meetings), i);

      if (g_strcmp0 (bv_meeting_get_id (meeting), id) == 0)
        {
          if (position)
            *position = i;
          /* The store keeps its own reference. */
          return meeting;
        }
    }

  return NULL;
}

static void
resort_meeting (BvDatabase *self,
                BvMeeting  *meeting,
                guint       position)
{
  GListModel *model = G_LIST_MODEL (self->meetings);
  guint n_items = g_list_model_get_n_items (model);
  g_autoptr(BvMeeting) before = NULL;
  g_autoptr(BvMeeting) after = NULL;
  g_autoptr(BvMeeting) keep = NULL;

  if (position > 0)
    before = g_list_model_get_item (model, position - 1);
  if (position + 1 < n_items)
    after = g_list_model_get_item (model, position + 1);

  if ((!before || compare_meetings (before, meeting, NULL) <= 0) &&
      (!after || compare_meetings (meeting, after, NULL) <= 0))
    return;

  keep = g_object_ref (meeting);
  g_list_store_remove (self->meetings, position);
  g_list_store_insert_sorted (self->meetings, keep, compare_meetings, NULL);
}

static char *
column_dup_valid (sqlite3_stmt *stmt,
                  int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  return g_utf8_make_valid (column_text (stmt, column), -1);
}

/* A meeting from a row of SELECT MEETING_COLUMNS. The file may have been
 * edited with other tools, so nothing is passed to a setter that would
 * refuse it: broken values fall back to the kind's defaults. */
static BvMeeting *
meeting_from_row (sqlite3_stmt *stmt)
{
  static const char * const guest_policies[] = {
    "ALWAYS_ACCEPT", "ASK_MODERATOR", "ALWAYS_DENY", NULL
  };
  g_autoptr(BvMeeting) meeting = NULL;
  g_autofree char *title = column_dup_valid (stmt, 2);
  g_autofree char *start = bv_meeting_normalize_local_time (column_text (stmt, 4));
  g_autofree char *tzid = column_dup_valid (stmt, 5);
  g_autofree char *rrule = column_dup_valid (stmt, 7);
  g_autofree char *server_id = column_dup_valid (stmt, 8);
  g_autofree char *welcome = column_dup_valid (stmt, 9);
  g_autofree char *ical_uid = column_dup_valid (stmt, 17);
  g_autofree char *slides = column_dup_valid (stmt, 19);
  g_autofree char *recording_notice = column_dup_valid (stmt, 20);
  const char *guest_policy = column_text (stmt, 11);
  sqlite3_int64 duration = sqlite3_column_int64 (stmt, 6);
  sqlite3_int64 max_participants = sqlite3_column_int64 (stmt, 14);
  BvMeetingKind kind;

  if (!bv_meeting_kind_from_string (column_text (stmt, 3), &kind))
    kind = BV_MEETING_KIND_BOARD;

  meeting = g_object_new (BV_TYPE_MEETING,
                          "id", column_text (stmt, 0),
                          "bbb-meeting-id", column_text (stmt, 1),
                          "attendee-password", column_text (stmt, 15),
                          "moderator-password", column_text (stmt, 16),
                          "kind", kind,
                          NULL);
  /* What stays where a stored value is unusable. */
  bv_meeting_apply_kind_defaults (meeting);

  if (rrule && g_str_has_prefix (rrule, "RRULE:"))
    memmove (rrule, rrule + strlen ("RRULE:"), strlen (rrule) - strlen ("RRULE:") + 1);

  bv_meeting_set_title (meeting, title);
  bv_meeting_set_start (meeting, start, tzid && *tzid ? tzid : bv_meeting_get_tzid (meeting));
  if (duration > 0 && duration <= G_MAXINT)
    bv_meeting_set_duration (meeting, (guint)duration);
  bv_meeting_set_rrule (meeting, rrule);
  bv_meeting_set_server_id (meeting, server_id);
  bv_meeting_set_welcome (meeting, welcome);
  bv_meeting_set_record (meeting, sqlite3_column_int (stmt, 10) != 0);
  if (g_strv_contains (guest_policies, guest_policy))
    bv_meeting_set_guest_policy (meeting, guest_policy);
  bv_meeting_set_mute_on_start (meeting, sqlite3_column_int (stmt, 12) != 0);
  bv_meeting_set_webcams_only_for_moderator (meeting, sqlite3_column_int (stmt, 13) != 0);
  if (max_participants >= 0 && max_participants <= G_MAXINT)
    bv_meeting_set_max_participants (meeting, (guint)max_participants);
  bv_meeting_set_ical_uid (meeting, ical_uid);
  bv_meeting_set_locks (meeting, sqlite3_column_int64 (stmt, 18) & BV_MEETING_LOCK_ALL);
  if (slides && *slides)
    {
      g_auto(GStrv) paths = g_strsplit (slides, "\n", -1);
      bv_meeting_set_slides (meeting, (const char * const *)paths);
    }
  bv_meeting_set_recording_notice (meeting, recording_notice);

  return g_steal_pointer (&meeting);
}

static gboolean
load_meetings (BvDatabase  *self,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) meetings = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (!prepare (self, "SELECT " MEETING_COLUMNS " FROM meetings", &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (meetings, meeting_from_row (stmt));

  if (rc != SQLITE_DONE)
    return set_error_from_sqlite (self, rc, error);

  g_ptr_array_sort (meetings, compare_meeting_ptrs);
  g_list_store_splice (self->meetings,
                       0, g_list_model_get_n_items (G_LIST_MODEL (self->meetings)),
                       meetings->pdata, meetings->len);

  return TRUE;
}

/* Puts the stored values back into @meeting after a failed save, so that
 * the list never shows what is not on disk. */
static void
reload_meeting (BvDatabase *self,
                BvMeeting  *meeting)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(BvMeeting) stored = NULL;
  guint position;

  if (lookup_meeting (self, bv_meeting_get_id (meeting), &position) != meeting)
    return;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT " MEETING_COLUMNS " FROM meetings WHERE id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return;

  sqlite3_bind_text (stmt, 1, bv_meeting_get_id (meeting), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return;

  stored = meeting_from_row (stmt);
  bv_meeting_update_from (meeting, stored);
  resort_meeting (self, meeting, position);
}

static void
forget_server_in_meetings (BvDatabase *self,
                           const char *server_id)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->meetings));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BvMeeting) meeting = g_list_model_get_item (G_LIST_MODEL (self->meetings), i);

      if (g_strcmp0 (bv_meeting_get_server_id (meeting), server_id) == 0)
        bv_meeting_set_server_id (meeting, NULL);
    }
}

/* Looks for another meeting imported from the same calendar entry inside
 * the save's transaction. Returns FALSE with @error set on a clash. */
static gboolean
check_ical_uid (BvDatabase  *self,
                BvMeeting   *meeting,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *title = NULL;
  int rc;

  if (!bv_meeting_get_ical_uid (meeting))
    return TRUE;

  if (!prepare (self, "SELECT title FROM meetings WHERE ical_uid = ?1 AND id <> ?2", &stmt, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, bv_meeting_get_ical_uid (meeting), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, bv_meeting_get_id (meeting), -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return set_error_from_sqlite (self, rc, error);

  title = g_utf8_make_valid (column_text (stmt, 0), -1);
  g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
               _("The meeting “%s” was already imported from the same calendar entry. Change that meeting instead."),
               title);
  return FALSE;
}

static gboolean load_groups  (BvDatabase  *self,
                              GError     **error);
static gboolean load_members (BvDatabase  *self,
                              GError     **error);

static gboolean
migrate (BvDatabase  *self,
         GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      const Migration *step = &migrations[i];
      g_autofree char *bump = NULL;
      g_autoptr(GError) local_error = NULL;
      int version;

      /* The steps must be complete and in order. */
      g_assert (step->version == (int)i + 1);

      if (self->schema_version >= step->version)
        continue;

      if (!begin (self, error))
        return FALSE;

      /* Another instance may have migrated while we waited for the lock. */
      if (!query_int (self, "PRAGMA user_version", &version, error))
        {
          rollback (self);
          return FALSE;
        }

      if (version < step->version)
        {
          g_debug ("Migrating %s to schema version %d", self->path, step->version);

          bump = g_strdup_printf ("PRAGMA user_version = %d", step->version);

          if (!exec (self, step->sql, &local_error) ||
              !exec (self, bump, &local_error) ||
              !commit (self, &local_error))
            {
              /* Taken before ROLLBACK replaces it. */
              g_autofree char *detail = g_strdup (sqlite3_errmsg (self->db));

              rollback (self);

              if (g_error_matches (local_error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FULL) ||
                  g_error_matches (local_error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_CORRUPT))
                g_propagate_error (error, g_steal_pointer (&local_error));
              else
                g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                             _("The database “%s” could not be updated for this version of the app (%s). It was left as it was."),
                             self->path, detail);
              return FALSE;
            }

          version = step->version;
        }
      else
        {
          rollback (self);
        }

      self->schema_version = version;
    }

  return TRUE;
}

/* A database that was copied in, or was written before we created it 0600,
 * must not stay readable for others: it holds names and e-mail addresses. */
static void
restrict_permissions (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_lstat (file, &st) != 0 || !S_ISREG (st.st_mode))
        continue;

      if ((st.st_mode & 0077) != 0 && g_chmod (file, 0600) != 0)
        g_warning ("Could not make %s private: %s", file, g_strerror (errno));
    }
}

static gboolean
create_file (BvDatabase  *self,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  int fd;

  /* Only a folder we create gets 0700; an existing one (perhaps /tmp for a
   * database given on the command line) is not ours to change. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return set_error_from_errno (self, dir, errno, error);

  /* Creating the file ourselves gives it mode 0600 from the first byte;
   * SQLite then gives -wal and -shm the same mode as the database. */
  fd = g_open (self->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_error_from_errno (self, self->path, errno, error);

  g_close (fd, NULL);
  return TRUE;
}

static gboolean
open_database (BvDatabase  *self,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int application_id;
  int rc;

  if (!create_file (self, error))
    return FALSE;

  /* Without SQLITE_OPEN_CREATE: the file exists now, and if it vanished in
   * between we would rather fail than create one with the wrong mode. */
  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    return set_error_from_sqlite (self, rc, error);

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BV_DATABASE_BUSY_TIMEOUT_MS);

  /* Only read until we know the file is ours and not too new: switching to
   * WAL or migrating would write to a file we must leave untouched. */
  if (!query_int (self, "PRAGMA user_version", &self->schema_version, error) ||
      !query_int (self, "PRAGMA application_id", &application_id, error))
    return FALSE;

  if (self->schema_version < 0 ||
      (application_id != 0 && application_id != BV_DATABASE_APPLICATION_ID))
    return set_error_from_sqlite (self, SQLITE_NOTADB, error);

  if (self->schema_version > BV_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_TOO_NEW,
                   /* Translators: %s is a file path, the numbers are
                    * versions of the database layout */
                   _("The database “%s” was written by a newer version of this app (schema %d; this version knows up to %d). Install the newer version again to use it. The file was left unchanged."),
                   self->path, self->schema_version, BV_DATABASE_SCHEMA_VERSION);
      return FALSE;
    }

  if (!prepare (self, "PRAGMA journal_mode = WAL", &stmt, error))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return set_error_from_sqlite (self, rc, error);
  if (g_ascii_strcasecmp (column_text (stmt, 0), "wal") != 0)
    g_warning ("%s stays in journal mode %s: WAL is not supported there",
               self->path, column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* NORMAL is safe with WAL: a power cut may lose the last commits but never
   * damages the file, and each save does not wait for the disk. */
  if (!exec (self, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", error))
    return FALSE;

  restrict_permissions (self->path);

  if (!migrate (self, error))
    return FALSE;

  return load_servers (self, error) && load_meetings (self, error) &&
         load_groups (self, error) && load_members (self, error);
}

static void
bv_database_finalize (GObject *object)
{
  BvDatabase *self = (BvDatabase *)object;

  /* Every statement is finalized where it was prepared, so a plain close
   * succeeds; _v2 only guards against a bug leaking the handle. */
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_object (&self->servers);
  g_clear_object (&self->meetings);
  g_clear_object (&self->members);
  g_clear_object (&self->groups);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (bv_database_parent_class)->finalize (object);
}

static void
bv_database_class_init (BvDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bv_database_finalize;
}

static void
bv_database_init (BvDatabase *self)
{
  self->servers = g_list_store_new (BV_TYPE_SERVER);
  self->meetings = g_list_store_new (BV_TYPE_MEETING);
  self->members = g_list_store_new (BV_TYPE_MEMBER);
  self->groups = g_list_store_new (BV_TYPE_GROUP);
}

/**
 * bv_database_default_path:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/bbb-vereine/bbb-vereine.db
 */
char *
bv_database_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "bbb-vereine", "bbb-vereine.db", NULL);
}

/**
 * bv_database_open:
 * @path: (nullable): the database file, or %NULL for bv_database_default_path()
 * @error: return location for a #BV_DATABASE_ERROR
 *
 * Opens the database, creating it (mode 0600, parent folder 0700) and
 * migrating it to %BV_DATABASE_SCHEMA_VERSION as needed. A file that is not
 * ours, damaged or too new is refused and left unchanged.
 *
 * Returns: (transfer full) (nullable): the database
 */
BvDatabase *
bv_database_open (const char  *path,
                  GError     **error)
{
  g_autoptr(BvDatabase) self = NULL;

  g_return_val_if_fail (!error || !*error, NULL);

  self = g_object_new (BV_TYPE_DATABASE, NULL);
  self->path = path ? g_strdup (path) : bv_database_default_path ();

  if (!open_database (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
bv_database_get_path (BvDatabase *self)
{
  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);

  return self->path;
}

int
bv_database_get_schema_version (BvDatabase *self)
{
  g_return_val_if_fail (BV_IS_DATABASE (self), 0);

  return self->schema_version;
}

/**
 * bv_database_get_servers:
 *
 * Returns: (transfer none): a #GListModel of #BvServer, sorted by name
 */
GListModel *
bv_database_get_servers (BvDatabase *self)
{
  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);

  return G_LIST_MODEL (self->servers);
}

/**
 * bv_database_find_server:
 * @id_or_name: a server id, or a name (compared ignoring case)
 *
 * Returns: (transfer full) (nullable): the server from the list model
 */
BvServer *
bv_database_find_server (BvDatabase *self,
                         const char *id_or_name)
{
  g_autofree char *key = NULL;
  BvServer *server;
  guint n_items;

  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (id_or_name, NULL);

  server = lookup_by_id (self, id_or_name, NULL);
  if (server)
    return g_object_ref (server);

  key = name_key (id_or_name);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->servers));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BvServer) candidate = g_list_model_get_item (G_LIST_MODEL (self->servers), i);
      g_autofree char *candidate_key = name_key (bv_server_get_name (candidate));

      if (strcmp (key, candidate_key) == 0)
        return g_steal_pointer (&candidate);
    }

  return NULL;
}

/**
 * bv_database_save_server:
 * @server: a new server, or one with the id of a stored one
 *
 * Inserts or updates @server. A new server joins the list model as is. For
 * a known id the list's own object is updated through its setters (so
 * bindings follow) and moved if its name now sorts elsewhere. On failure
 * nothing changes, on disk or in the list.
 *
 * Returns: %TRUE if saved
 */
gboolean
bv_database_save_server (BvDatabase  *self,
                         BvServer    *server,
                         GError     **error)
{
  static const char sql[] =
    "INSERT INTO servers (id, name, name_key, url, checksum, created,"
    "                     detected_checksum, api_version, bbb_version, load_balancer, checked_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    " ON CONFLICT (id) DO UPDATE SET"
    "  name = excluded.name, name_key = excluded.name_key,"
    "  url = excluded.url, checksum = excluded.checksum,"
    "  detected_checksum = excluded.detected_checksum,"
    "  api_version = excluded.api_version, bbb_version = excluded.bbb_version,"
    "  load_balancer = excluded.load_balancer, checked_at = excluded.checked_at";
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *key = NULL;
  const char *name;
  const char *url;
  BvServer *existing;
  guint position;
  int rc;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (BV_IS_SERVER (server), FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  name = bv_server_get_name (server);
  url = bv_server_get_url (server);
  key = name_key (name);

  if (!*key)
    {
      g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                           _("The server has no name. Enter a name and try again."));
      reload_server (self, server);
      return FALSE;
    }

  if (!*url)
    {
      g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                           _("The server has no address. Enter its URL and try again."));
      reload_server (self, server);
      return FALSE;
    }

  if (!begin (self, error))
    {
      reload_server (self, server);
      return FALSE;
    }

  if (!prepare (self, sql, &stmt, error))
    goto failed;

  /* SQLITE_STATIC: all strings outlive the statement. */
  sqlite3_bind_text (stmt, 1, bv_server_get_id (server), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, url, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, bv_server_get_checksum (server), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 7, bv_server_get_detected_checksum (server), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, bv_server_get_api_version (server), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, bv_server_get_bbb_version (server), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 10, bv_server_get_load_balancer (server));
  sqlite3_bind_int64 (stmt, 11, bv_server_get_checked_at (server));

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      /* The id conflict is handled by the upsert, so a UNIQUE violation
       * can only be the name. */
      if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                     _("A server named “%s” already exists. Choose another name."),
                     name);
      else
        set_error_from_sqlite (self, rc, error);
      goto failed;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!commit (self, error))
    goto failed;

  existing = lookup_by_id (self, bv_server_get_id (server), &position);
  if (existing)
    {
      if (existing != server)
        {
          g_object_freeze_notify (G_OBJECT (existing));
          bv_server_set_name (existing, bv_server_get_name (server));
          bv_server_set_url (existing, bv_server_get_url (server));
          bv_server_set_checksum (existing, bv_server_get_checksum (server));
          bv_server_set_connection_info (existing,
                                         bv_server_get_detected_checksum (server),
                                         bv_server_get_api_version (server),
                                         bv_server_get_bbb_version (server),
                                         bv_server_get_load_balancer (server),
                                         bv_server_get_checked_at (server));
          g_object_thaw_notify (G_OBJECT (existing));
        }

      resort_server (self, existing, position);
    }
  else
    {
      g_list_store_insert_sorted (self->servers, server, compare_servers, NULL);
      track_server (self, server);
    }

  return TRUE;

failed:
  g_clear_pointer (&stmt, sqlite3_finalize);
  rollback (self);
  reload_server (self, server);
  return FALSE;
}

/**
 * bv_database_delete_server:
 * @id: the server's id
 *
 * Returns: %TRUE if deleted; %BV_DATABASE_ERROR_NOT_FOUND if there is no
 *   such server
 */
gboolean
bv_database_delete_server (BvDatabase  *self,
                           const char  *id,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint position;
  int rc;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (id, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!begin (self, error))
    return FALSE;

  if (!prepare (self, "DELETE FROM servers WHERE id = ?1", &stmt, error))
    goto failed;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error_from_sqlite (self, rc, error);
      goto failed;
    }

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND,
                           _("The server was not found. It may have been deleted already."));
      goto failed;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!commit (self, error))
    goto failed;

  if (lookup_by_id (self, id, &position))
    g_list_store_remove (self->servers, position);

  /* ON DELETE SET NULL did the same on disk. */
  forget_server_in_meetings (self, id);

  return TRUE;

failed:
  g_clear_pointer (&stmt, sqlite3_finalize);
  rollback (self);
  return FALSE;
}

/**
 * bv_database_check_integrity:
 *
 * Runs SQLite's integrity and foreign key checks, e.g. after a crash.
 *
 * Returns: %TRUE if the file is sound; else %BV_DATABASE_ERROR_CORRUPT
 */
gboolean
bv_database_check_integrity (BvDatabase  *self,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!prepare (self, "PRAGMA integrity_check", &stmt, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return set_error_from_sqlite (self, rc, error);

  ok = strcmp (column_text (stmt, 0), "ok") == 0;
  if (!ok)
    g_debug ("Integrity check of %s: %s", self->path, column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (ok)
    {
      if (!prepare (self, "PRAGMA foreign_key_check", &stmt, error))
        return FALSE;

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        ok = FALSE;
      else if (rc != SQLITE_DONE)
        return set_error_from_sqlite (self, rc, error);
    }

  if (!ok)
    return set_error_from_sqlite (self, SQLITE_CORRUPT, error);

  return TRUE;
}

/**
 * bv_database_get_pragma:
 * @pragma: one of "journal_mode", "foreign_keys", "synchronous",
 *   "busy_timeout", "user_version", "application_id"
 *
 * Reads a setting of this connection, for diagnostics and tests.
 *
 * Returns: (transfer full) (nullable): its value as text
 */
char *
bv_database_get_pragma (BvDatabase *self,
                        const char *pragma)
{
  /* Pragma names cannot be bound as parameters; an allow-list keeps
   * anything with side effects (or SQL) out. */
  static const char * const allowed[] = {
    "journal_mode", "foreign_keys", "synchronous", "busy_timeout",
    "user_version", "application_id", NULL
  };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (pragma && g_strv_contains (allowed, pragma), NULL);

  sql = g_strconcat ("PRAGMA ", pragma, NULL);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup (column_text (stmt, 0));
}

/**
 * bv_database_get_meetings:
 *
 * Returns: (transfer none): a #GListModel of #BvMeeting, sorted by local
 *   start, then title; meetings without a start come last
 */
GListModel *
bv_database_get_meetings (BvDatabase *self)
{
  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);

  return G_LIST_MODEL (self->meetings);
}

/**
 * bv_database_find_meeting:
 * @id: a meeting's id, or its BBB meetingID
 *
 * Returns: (transfer full) (nullable): the meeting from the list model
 */
BvMeeting *
bv_database_find_meeting (BvDatabase *self,
                          const char *id)
{
  BvMeeting *meeting;
  guint n_items;

  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (id, NULL);

  meeting = lookup_meeting (self, id, NULL);
  if (meeting)
    return g_object_ref (meeting);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->meetings));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BvMeeting) candidate = g_list_model_get_item (G_LIST_MODEL (self->meetings), i);

      if (g_strcmp0 (bv_meeting_get_bbb_meeting_id (candidate), id) == 0)
        return g_steal_pointer (&candidate);
    }

  return NULL;
}

/**
 * bv_database_find_meeting_by_ical_uid:
 * @uid: the UID of a calendar event
 *
 * Returns: (transfer full) (nullable): the meeting imported from it
 */
BvMeeting *
bv_database_find_meeting_by_ical_uid (BvDatabase *self,
                                      const char *uid)
{
  guint n_items;

  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (uid, NULL);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->meetings));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BvMeeting) candidate = g_list_model_get_item (G_LIST_MODEL (self->meetings), i);

      if (g_strcmp0 (bv_meeting_get_ical_uid (candidate), uid) == 0)
        return g_steal_pointer (&candidate);
    }

  return NULL;
}

/**
 * bv_database_save_meeting:
 * @meeting: a new meeting, or one with the id of a stored one
 *
 * Inserts or updates @meeting. A new meeting joins the list model as is.
 * For a known id the list's own object is updated through its setters (so
 * bindings follow) and moved if it now sorts elsewhere. On failure nothing
 * changes, on disk or in the list.
 *
 * Returns: %TRUE if saved
 */
/* The INSERT of one meeting inside the caller's transaction. */
static gboolean
write_meeting (BvDatabase  *self,
               BvMeeting   *meeting,
               GError     **error)
{
  static const char sql[] =
    "INSERT INTO meetings (id, bbb_meeting_id, title, kind, start_local, tzid,"
    "                      duration, rrule, server_id, welcome, record, guest_policy,"
    "                      mute_on_start, webcams_only_for_moderator, max_participants,"
    "                      attendee_pw, moderator_pw, ical_uid, created, updated,"
    "                      locks, slides, recording_notice)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
    "         ?16, ?17, ?18, ?19, ?19, ?20, ?21, ?22)"
    " ON CONFLICT (id) DO UPDATE SET"
    "  bbb_meeting_id = excluded.bbb_meeting_id, title = excluded.title,"
    "  kind = excluded.kind, start_local = excluded.start_local,"
    "  tzid = excluded.tzid, duration = excluded.duration,"
    "  rrule = excluded.rrule, server_id = excluded.server_id,"
    "  welcome = excluded.welcome, record = excluded.record,"
    "  guest_policy = excluded.guest_policy,"
    "  mute_on_start = excluded.mute_on_start,"
    "  webcams_only_for_moderator = excluded.webcams_only_for_moderator,"
    "  max_participants = excluded.max_participants,"
    "  attendee_pw = excluded.attendee_pw, moderator_pw = excluded.moderator_pw,"
    "  ical_uid = excluded.ical_uid, updated = excluded.updated,"
    "  locks = excluded.locks, slides = excluded.slides,"
    "  recording_notice = excluded.recording_notice";
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *slides = NULL;
  const char * const *paths;
  int rc;

  stripped = g_strstrip (g_strdup (bv_meeting_get_title (meeting)));
  if (!*stripped)
    {
      g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                           _("The meeting has no title. Enter a title and try again."));
      return FALSE;
    }

  paths = bv_meeting_get_slides (meeting);
  for (guint i = 0; paths[i]; i++)
    {
      if (strchr (paths[i], '\n'))
        {
          g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                               _("The name of a slide file contains a line break. Rename the file and add it again."));
          return FALSE;
        }
    }
  if (paths[0])
    slides = g_strjoinv ("\n", (char **)paths);

  if (!check_ical_uid (self, meeting, error))
    return FALSE;

  if (!prepare (self, sql, &stmt, error))
    return FALSE;

  /* SQLITE_STATIC: all strings belong to @meeting, which does not change
   * while the statement runs. */
  sqlite3_bind_text (stmt, 1, bv_meeting_get_id (meeting), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, bv_meeting_get_bbb_meeting_id (meeting), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, bv_meeting_get_title (meeting), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, bv_meeting_kind_to_string (bv_meeting_get_kind (meeting)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, bv_meeting_get_start_local (meeting), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, bv_meeting_get_tzid (meeting), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, bv_meeting_get_duration (meeting));
  sqlite3_bind_text (stmt, 8, bv_meeting_get_rrule (meeting), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, bv_meeting_get_server_id (meeting), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, bv_meeting_get_welcome (meeting), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 11, bv_meeting_get_record (meeting));
  sqlite3_bind_text (stmt, 12, bv_meeting_get_guest_policy (meeting), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 13, bv_meeting_get_mute_on_start (meeting));
  sqlite3_bind_int (stmt, 14, bv_meeting_get_webcams_only_for_moderator (meeting));
  sqlite3_bind_int64 (stmt, 15, bv_meeting_get_max_participants (meeting));
  sqlite3_bind_text (stmt, 16, bv_meeting_get_attendee_password (meeting), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 17, bv_meeting_get_moderator_password (meeting), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 18, bv_meeting_get_ical_uid (meeting), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 19, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 20, bv_meeting_get_locks (meeting));
  sqlite3_bind_text (stmt, 21, slides, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 22, bv_meeting_get_recording_notice (meeting), -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      switch (sqlite3_extended_errcode (self->db))
        {
        case SQLITE_CONSTRAINT_FOREIGNKEY:
          g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                               _("The server chosen for this meeting no longer exists. Choose another server and try again."));
          break;

        case SQLITE_CONSTRAINT_UNIQUE:
          /* The id conflict is handled by the upsert and the calendar UID
           * was checked above, so it is the room. */
          g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                               _("Another meeting already uses the same meeting room. Create this meeting anew instead of copying it."));
          break;

        default:
          set_error_from_sqlite (self, rc, error);
          break;
        }
      return FALSE;
    }

  return TRUE;
}

/* Replaces all exceptions of one meeting inside the caller's transaction. */
static gboolean
write_exceptions (BvDatabase  *self,
                  const char  *meeting_id,
                  GPtrArray   *exceptions,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) delete = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  int rc;

  if (!prepare (self, "DELETE FROM meeting_exceptions WHERE meeting_id = ?1", &delete, error))
    return FALSE;
  sqlite3_bind_text (delete, 1, meeting_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (delete);
  if (rc != SQLITE_DONE)
    return set_error_from_sqlite (self, rc, error);

  if (!prepare (self,
                "INSERT OR REPLACE INTO meeting_exceptions"
                " (meeting_id, recurrence_id, cancelled, new_start_local, new_duration)"
                " VALUES (?1, ?2, ?3, ?4, ?5)",
                &insert, error))
    return FALSE;

  for (guint i = 0; i < exceptions->len; i++)
    {
      const BvMeetingException *exception = g_ptr_array_index (exceptions, i);
      g_autofree char *recurrence = bv_meeting_normalize_local_time (exception->recurrence_id);
      g_autofree char *moved = bv_meeting_normalize_local_time (exception->new_start_local);

      if (!recurrence || (exception->new_start_local && !moved))
        {
          g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                               _("A changed date of the meeting has an invalid time. Check the date and try again."));
          return FALSE;
        }

      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, meeting_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, recurrence, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (insert, 3, exception->cancelled);
      sqlite3_bind_text (insert, 4, moved, -1, SQLITE_TRANSIENT);
      if (exception->new_duration > 0)
        sqlite3_bind_int64 (insert, 5, exception->new_duration);
      else
        sqlite3_bind_null (insert, 5);

      rc = sqlite3_step (insert);
      if (rc != SQLITE_DONE)
        return set_error_from_sqlite (self, rc, error);
    }

  return TRUE;
}

/* After a commit: the in-memory list follows what is now on disk. */
static void
publish_meeting (BvDatabase *self,
                 BvMeeting  *meeting)
{
  BvMeeting *existing;
  guint position;

  existing = lookup_meeting (self, bv_meeting_get_id (meeting), &position);
  if (existing == meeting)
    {
      resort_meeting (self, existing, position);
    }
  else if (existing)
    {
      bv_meeting_update_from (existing, meeting);
      resort_meeting (self, existing, position);
    }
  else
    {
      g_list_store_insert_sorted (self->meetings, meeting, compare_meetings, NULL);
    }
}

/* From this many meetings on (a calendar import), they are published in
 * one pass, as publish_members () does for members: looked up one by
 * one in the list and inserted sorted, 12,000 meetings took minutes. The
 * list then announces one change of all its items. */
#define BULK_PUBLISH_MEETINGS 64

static void
publish_meetings (BvDatabase *self,
                  GPtrArray  *meetings)
{
  GListModel *model = G_LIST_MODEL (self->meetings);
  guint n_items = g_list_model_get_n_items (model);
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GPtrArray) all = NULL;

  if (meetings->len < BULK_PUBLISH_MEETINGS)
    {
      for (guint i = 0; i < meetings->len; i++)
        publish_meeting (self, g_ptr_array_index (meetings, i));
      return;
    }

  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  all = g_ptr_array_new_full (n_items + meetings->len, g_object_unref);
  for (guint i = 0; i < n_items; i++)
    {
      BvMeeting *item = g_list_model_get_item (model, i);

      g_hash_table_insert (by_id, (gpointer) bv_meeting_get_id (item), item);
      g_ptr_array_add (all, item);
    }

  for (guint i = 0; i < meetings->len; i++)
    {
      BvMeeting *meeting = g_ptr_array_index (meetings, i);
      BvMeeting *existing = g_hash_table_lookup (by_id, bv_meeting_get_id (meeting));

      if (existing && existing != meeting)
        bv_meeting_update_from (existing, meeting);
      else if (!existing)
        {
          g_ptr_array_add (all, g_object_ref (meeting));
          g_hash_table_insert (by_id, (gpointer) bv_meeting_get_id (meeting), meeting);
        }
    }

  g_ptr_array_sort (all, compare_meeting_ptrs);
  g_list_store_splice (self->meetings, 0, n_items, all->pdata, all->len);
}

gboolean
bv_database_save_meeting (BvDatabase  *self,
                          BvMeeting   *meeting,
                          GError     **error)
{
  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (BV_IS_MEETING (meeting), FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!begin (self, error))
    {
      reload_meeting (self, meeting);
      return FALSE;
    }

  if (!write_meeting (self, meeting, error) || !commit (self, error))
    {
      rollback (self);
      reload_meeting (self, meeting);
      return FALSE;
    }

  publish_meeting (self, meeting);
  return TRUE;
}

/**
 * bv_database_save_meetings:
 * @meetings: (element-type BvMeeting): the meetings
 * @exceptions: (nullable) (element-type GPtrArray): for each meeting, a
 *   #GPtrArray of #BvMeetingException replacing its exceptions, or %NULL
 *   to leave them
 *
 * Saves all meetings and their exceptions in one transaction: all of them
 * or, on error, none (a calendar import must not stop half-way).
 */
static gboolean write_participant (BvDatabase     *self,
                                   BvParticipant  *participant,
                                   gboolean        skip_missing,
                                   GError        **error);

gboolean
bv_database_save_meetings (BvDatabase  *self,
                           GPtrArray   *meetings,
                           GPtrArray   *exceptions,
                           GError     **error)
{
  return bv_database_save_meetings_full (self, meetings, exceptions, NULL, error);
}

/**
 * bv_database_save_meetings_full:
 * @participants: (nullable): invitations (#BvParticipant) to add to these
 *   or other meetings in the same transaction
 *
 * Like bv_database_save_meetings(), and adds @participants with them, so
 * that a calendar import keeps either all of its meetings and attendees
 * or none.
 */
gboolean
bv_database_save_meetings_full (BvDatabase  *self,
                                GPtrArray   *meetings,
                                GPtrArray   *exceptions,
                                GPtrArray   *participants,
                                GError     **error)
{
  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (meetings, FALSE);
  g_return_val_if_fail (!exceptions || exceptions->len == meetings->len, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!begin (self, error))
    return FALSE;

  for (guint i = 0; i < meetings->len; i++)
    {
      BvMeeting *meeting = g_ptr_array_index (meetings, i);
      GPtrArray *changed = exceptions ? g_ptr_array_index (exceptions, i) : NULL;

      if (!write_meeting (self, meeting, error))
        goto failed;
      if (changed && !write_exceptions (self, bv_meeting_get_id (meeting), changed, error))
        goto failed;
    }

  for (guint i = 0; participants && i < participants->len; i++)
    if (!write_participant (self, g_ptr_array_index (participants, i), FALSE, error))
      goto failed;

  if (!commit (self, error))
    goto failed;

  publish_meetings (self, meetings);

  return TRUE;

failed:
  rollback (self);
  for (guint i = 0; i < meetings->len; i++)
    reload_meeting (self, g_ptr_array_index (meetings, i));
  return FALSE;
}

static gboolean
set_meeting_not_found (GError **error)
{
  g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND,
                       _("The meeting was not found. It may have been deleted already."));
  return FALSE;
}

/**
 * bv_database_delete_meeting:
 * @id: the meeting's id
 *
 * Deletes the meeting together with its cancelled and moved dates.
 *
 * Returns: %TRUE if deleted; %BV_DATABASE_ERROR_NOT_FOUND if there is no
 *   such meeting
 */
gboolean
bv_database_delete_meeting (BvDatabase  *self,
                            const char  *id,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint position;
  int rc;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (id, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!begin (self, error))
    return FALSE;

  if (!prepare (self, "DELETE FROM meetings WHERE id = ?1", &stmt, error))
    goto failed;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error_from_sqlite (self, rc, error);
      goto failed;
    }

  if (sqlite3_changes (self->db) == 0)
    {
      set_meeting_not_found (error);
      goto failed;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!commit (self, error))
    goto failed;

  if (lookup_meeting (self, id, &position))
    g_list_store_remove (self->meetings, position);

  return TRUE;

failed:
  g_clear_pointer (&stmt, sqlite3_finalize);
  rollback (self);
  return FALSE;
}

/**
 * bv_database_set_exception:
 * @meeting_id: the meeting's id
 * @recurrence_id: the original local start of the occurrence,
 *   "YYYY-MM-DDTHH:MM[:SS]"
 * @cancelled: whether the occurrence does not take place
 * @new_start_local: (nullable): its new local start, or %NULL
 * @new_duration: its new duration in minutes, or 0 for the meeting's
 *
 * Cancels or moves one occurrence of a recurring meeting, replacing an
 * earlier change of the same occurrence.
 *
 * Returns: %TRUE if saved; %BV_DATABASE_ERROR_NOT_FOUND if there is no
 *   such meeting
 */
gboolean
bv_database_set_exception (BvDatabase  *self,
                           const char  *meeting_id,
                           const char  *recurrence_id,
                           gboolean     cancelled,
                           const char  *new_start_local,
                           guint        new_duration,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *recurrence = bv_meeting_normalize_local_time (recurrence_id);
  g_autofree char *moved = bv_meeting_normalize_local_time (new_start_local);
  int rc;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (meeting_id, FALSE);
  g_return_val_if_fail (recurrence, FALSE);
  g_return_val_if_fail (!new_start_local || moved, FALSE);
  g_return_val_if_fail (new_duration <= G_MAXINT, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!begin (self, error))
    return FALSE;

  if (!prepare (self,
                "INSERT INTO meeting_exceptions"
                " (meeting_id, recurrence_id, cancelled, new_start_local, new_duration)"
                " VALUES (?1, ?2, ?3, ?4, ?5)"
                " ON CONFLICT (meeting_id, recurrence_id) DO UPDATE SET"
                "  cancelled = excluded.cancelled,"
                "  new_start_local = excluded.new_start_local,"
                "  new_duration = excluded.new_duration",
                &stmt, error))
    goto failed;

  sqlite3_bind_text (stmt, 1, meeting_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, recurrence, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, !!cancelled);
  sqlite3_bind_text (stmt, 4, moved, -1, SQLITE_STATIC);
  if (new_duration > 0)
    sqlite3_bind_int64 (stmt, 5, new_duration);
  else
    sqlite3_bind_null (stmt, 5);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
        set_meeting_not_found (error);
      else
        set_error_from_sqlite (self, rc, error);
      goto failed;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!commit (self, error))
    goto failed;

  return TRUE;

failed:
  g_clear_pointer (&stmt, sqlite3_finalize);
  rollback (self);
  return FALSE;
}

/**
 * bv_database_clear_exception:
 * @meeting_id: the meeting's id
 * @recurrence_id: the original local start of the occurrence
 *
 * Undoes bv_database_set_exception(): the occurrence takes place as the
 * rule says.
 *
 * Returns: %TRUE if removed; %BV_DATABASE_ERROR_NOT_FOUND if the
 *   occurrence had no change
 */
gboolean
bv_database_clear_exception (BvDatabase  *self,
                             const char  *meeting_id,
                             const char  *recurrence_id,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *recurrence = bv_meeting_normalize_local_time (recurrence_id);
  int rc;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (meeting_id, FALSE);
  g_return_val_if_fail (recurrence, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!begin (self, error))
    return FALSE;

  if (!prepare (self,
                "DELETE FROM meeting_exceptions WHERE meeting_id = ?1 AND recurrence_id = ?2",
                &stmt, error))
    goto failed;

  sqlite3_bind_text (stmt, 1, meeting_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, recurrence, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_error_from_sqlite (self, rc, error);
      goto failed;
    }

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND,
                           _("This date of the meeting was not changed, so there is nothing to undo."));
      goto failed;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!commit (self, error))
    goto failed;

  return TRUE;

failed:
  g_clear_pointer (&stmt, sqlite3_finalize);
  rollback (self);
  return FALSE;
}

/**
 * bv_database_list_exceptions:
 * @meeting_id: the meeting's id
 *
 * Reads the cancelled and moved occurrences of a meeting from disk. A read
 * error is logged and gives what was read so far: the occurrences then
 * show as the rule says, which is better than no calendar at all.
 *
 * Returns: (transfer container) (element-type BvMeetingException): sorted
 *   by recurrence id; empty for an unknown meeting
 */
GPtrArray *
bv_database_list_exceptions (BvDatabase *self,
                             const char *meeting_id)
{
  g_autoptr(GPtrArray) exceptions = g_ptr_array_new_with_free_func ((GDestroyNotify)bv_meeting_exception_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (meeting_id, NULL);

  if (!prepare (self,
                "SELECT recurrence_id, cancelled, new_start_local, new_duration"
                " FROM meeting_exceptions WHERE meeting_id = ?1"
                " ORDER BY recurrence_id",
                &stmt, &error))
    {
      g_warning ("Could not read the exceptions of a meeting: %s", error->message);
      return g_steal_pointer (&exceptions);
    }

  sqlite3_bind_text (stmt, 1, meeting_id, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *recurrence = bv_meeting_normalize_local_time (column_text (stmt, 0));
      g_autofree char *moved = bv_meeting_normalize_local_time (column_text (stmt, 2));
      sqlite3_int64 duration = sqlite3_column_int64 (stmt, 3);

      /* Rows edited with other tools into something unusable are left
       * out rather than shown at a wrong time. */
      if (!recurrence)
        continue;
      if (duration < 0 || duration > G_MAXINT)
        duration = 0;

      g_ptr_array_add (exceptions,
                       bv_meeting_exception_new (recurrence,
                                                 sqlite3_column_int (stmt, 1) != 0,
                                                 moved, (guint)duration));
    }

  if (rc != SQLITE_DONE)
    {
      set_error_from_sqlite (self, rc, &error);
      g_warning ("Could not read the exceptions of a meeting: %s", error->message);
    }

  return g_steal_pointer (&exceptions);
}

/* Members and groups */

/* Address lists sort "Änne" with "Anne" and "Özgür" with "Oz…" (DIN 5007
 * variant 1) whatever the locale says: accents are dropped, case folded. */
static char *
sort_key (const char *name)
{
  g_autofree char *decomposed = g_utf8_normalize (name, -1, G_NORMALIZE_DEFAULT);
  g_autoptr(GString) base = g_string_new (NULL);

  for (const char *p = decomposed ? decomposed : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (base, c);
    }

  return g_utf8_casefold (base->str, -1);
}

static int
compare_names (const char *name_a,
               const char *name_b,
               const char *id_a,
               const char *id_b)
{
  g_autofree char *key_a = sort_key (name_a);
  g_autofree char *key_b = sort_key (name_b);
  int ret;

  ret = g_utf8_collate (key_a, key_b);
  if (ret == 0)
    ret = strcmp (name_a, name_b);
  if (ret == 0)
    ret = strcmp (id_a, id_b);

  return ret;
}

static int
compare_members (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  BvMember *member_a = (BvMember *)a;
  BvMember *member_b = (BvMember *)b;

  return compare_names (bv_member_get_name (member_a), bv_member_get_name (member_b),
                        bv_member_get_id (member_a), bv_member_get_id (member_b));
}

static int
compare_member_ptrs (gconstpointer a,
                     gconstpointer b)
{
  return compare_members (*(BvMember * const *)a, *(BvMember * const *)b, NULL);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  BvGroup *group_a = (BvGroup *)a;
  BvGroup *group_b = (BvGroup *)b;

  return compare_names (bv_group_get_name (group_a), bv_group_get_name (group_b),
                        bv_group_get_id (group_a), bv_group_get_id (group_b));
}

static int
compare_group_ptrs (gconstpointer a,
                    gconstpointer b)
{
  return compare_groups (*(BvGroup * const *)a, *(BvGroup * const *)b, NULL);
}

/* The list's object with @id (the store keeps its reference), or NULL. */
static gpointer
lookup_in_store (GListStore  *store,
                 const char  *id,
                 const char *(*get_id) (gpointer),
                 guint       *position)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (get_id (item), id) == 0)
        {
          if (position)
            *position = i;
          return item;
        }
    }

  return NULL;
}

static BvMember *
lookup_member (BvDatabase *self,
               const char *id,
               guint      *position)
{
  return lookup_in_store (self->members, id, (const char *(*) (gpointer))bv_member_get_id, position);
}

static BvGroup *
lookup_group (BvDatabase *self,
              const char *id,
              guint      *position)
{
  return lookup_in_store (self->groups, id, (const char *(*) (gpointer))bv_group_get_id, position);
}

/* Moves @item to where it now sorts; removing and re-inserting emits
 * items-changed, so sorted and filtered views follow an edit. */
static void
resort_item (GListStore       *store,
             gpointer          item,
             guint             position,
             GCompareDataFunc  compare)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n_items = g_list_model_get_n_items (model);
  g_autoptr(GObject) before = NULL;
  g_autoptr(GObject) after = NULL;
  g_autoptr(GObject) keep = NULL;

  if (position > 0)
    before = g_list_model_get_item (model, position - 1);
  if (position + 1 < n_items)
    after = g_list_model_get_item (model, position + 1);

  keep = g_object_ref (item);
  if ((!before || compare (before, item, NULL) <= 0) &&
      (!after || compare (item, after, NULL) <= 0))
    {
      /* Same place: still tell views that the row's text changed. */
      g_list_store_splice (store, position, 1, (gpointer *)&keep, 1);
      return;
    }

  g_list_store_remove (store, position);
  g_list_store_insert_sorted (store, keep, compare, NULL);
}

static gboolean
load_groups (BvDatabase  *self,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (!prepare (self, "SELECT id, name FROM groups", &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *name = g_utf8_make_valid (column_text (stmt, 1), -1);

      g_ptr_array_add (groups, g_object_new (BV_TYPE_GROUP,
                                             "id", column_text (stmt, 0),
                                             "name", name,
                                             NULL));
    }

  if (rc != SQLITE_DONE)
    return set_error_from_sqlite (self, rc, error);

  g_ptr_array_sort (groups, compare_group_ptrs);
  g_list_store_splice (self->groups, 0, g_list_model_get_n_items (G_LIST_MODEL (self->groups)),
                       groups->pdata, groups->len);
  return TRUE;
}

/* Columns: id, name, email, phone, notes, created, updated */
#define MEMBER_COLUMNS "id, name, email, phone, notes, created, updated"

static BvMember *
member_from_row (sqlite3_stmt *stmt)
{
  g_autofree char *name = column_dup_valid (stmt, 1);
  g_autofree char *email = column_dup_valid (stmt, 2);
  g_autofree char *phone = column_dup_valid (stmt, 3);
  g_autofree char *notes = column_dup_valid (stmt, 4);
  BvMember *member;

  member = g_object_new (BV_TYPE_MEMBER,
                         "id", column_text (stmt, 0),
                         "name", name,
                         "email", email,
                         "phone", phone,
                         "notes", notes,
                         NULL);
  _bv_member_set_times (member, MAX (0, sqlite3_column_int64 (stmt, 5)),
                        MAX (0, sqlite3_column_int64 (stmt, 6)));
  return member;
}

/* The group ids of @member_id, or of all members (@member_id NULL) as a
 * table member id → GPtrArray of ids. */
static GHashTable *
read_memberships (BvDatabase  *self,
                  const char  *member_id,
                  GError     **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify)g_ptr_array_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!prepare (self,
                member_id ? "SELECT member_id, group_id FROM member_groups WHERE member_id = ?1"
                          : "SELECT member_id, group_id FROM member_groups",
                &stmt, error))
    return NULL;
  if (member_id)
    sqlite3_bind_text (stmt, 1, member_id, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GPtrArray *ids = g_hash_table_lookup (table, column_text (stmt, 0));

      if (!ids)
        {
          ids = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (table, g_strdup (column_text (stmt, 0)), ids);
        }
      g_ptr_array_add (ids, g_strdup (column_text (stmt, 1)));
    }

  if (rc != SQLITE_DONE)
    {
      set_error_from_sqlite (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&table);
}

static void
set_group_ids_from (BvMember   *member,
                    GHashTable *memberships)
{
  GPtrArray *ids = g_hash_table_lookup (memberships, bv_member_get_id (member));

  if (!ids)
    {
      bv_member_set_group_ids (member, NULL);
      return;
    }

  g_ptr_array_add (ids, NULL);
  bv_member_set_group_ids (member, (const char * const *)ids->pdata);
  g_ptr_array_remove_index (ids, ids->len - 1);
}

static gboolean
load_members (BvDatabase  *self,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) memberships = NULL;
  int rc;

  memberships = read_memberships (self, NULL, error);
  if (!memberships)
    return FALSE;

  if (!prepare (self, "SELECT " MEMBER_COLUMNS " FROM members", &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BvMember *member = member_from_row (stmt);

      set_group_ids_from (member, memberships);
      g_ptr_array_add (members, member);
    }

  if (rc != SQLITE_DONE)
    return set_error_from_sqlite (self, rc, error);

  g_ptr_array_sort (members, compare_member_ptrs);
  g_list_store_splice (self->members, 0, g_list_model_get_n_items (G_LIST_MODEL (self->members)),
                       members->pdata, members->len);
  return TRUE;
}

/* Puts the stored values back into the list's @member after a failed
 * save, so that the list never shows what is not on disk. */
static void
reload_member (BvDatabase *self,
               BvMember   *member)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(BvMember) stored = NULL;
  g_autoptr(GHashTable) memberships = NULL;
  guint position;

  if (lookup_member (self, bv_member_get_id (member), &position) != member)
    return;

  if (sqlite3_prepare_v2 (self->db, "SELECT " MEMBER_COLUMNS " FROM members WHERE id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_text (stmt, 1, bv_member_get_id (member), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return;

  stored = member_from_row (stmt);
  memberships = read_memberships (self, bv_member_get_id (member), NULL);
  if (memberships)
    set_group_ids_from (stored, memberships);
  else
    bv_member_set_group_ids (stored, bv_member_get_group_ids (member));

  bv_member_update_from (member, stored);
  resort_item (self->members, member, position, compare_members);
}

static gboolean
set_member_not_found (GError **error)
{
  g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND,
                       _("The member was not found. It may have been deleted already."));
  return FALSE;
}

/* Replaces the groups of one member inside the caller's transaction.
 * Ids of groups that no longer exist are left out when @skip_missing. */
static gboolean
write_member_groups (BvDatabase          *self,
                     const char          *member_id,
                     const char * const  *group_ids,
                     gboolean             skip_missing,
                     GError             **error)
{
  g_autoptr(sqlite3_stmt) delete = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  if (!prepare (self, "DELETE FROM member_groups WHERE member_id = ?1", &delete, error))
    return FALSE;
  sqlite3_bind_text (delete, 1, member_id, -1, SQLITE_STATIC);
  if (!step_done (self, delete, error))
    return FALSE;

  if (!prepare (self,
                skip_missing
                ? "INSERT OR IGNORE INTO member_groups (member_id, group_id)"
                  " SELECT ?1, id FROM groups WHERE id = ?2"
                : "INSERT OR IGNORE INTO member_groups (member_id, group_id) VALUES (?1, ?2)",
                &insert, error))
    return FALSE;

  for (guint i = 0; group_ids && group_ids[i]; i++)
    {
      int rc;

      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, member_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, group_ids[i], -1, SQLITE_STATIC);
      rc = sqlite3_step (insert);
      if (rc != SQLITE_DONE)
        {
          if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
            g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                                 _("One of the chosen groups no longer exists. Choose the groups again and try again."));
          else
            set_error_from_sqlite (self, rc, error);
          return FALSE;
        }
    }

  return TRUE;
}

/* Looks for another member with the same address inside the save's
 * transaction, to name them in the error. */
static gboolean
check_member_email (BvDatabase  *self,
                    BvMember    *member,
                    const char  *email_key,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = NULL;
  int rc;

  if (!email_key)
    return TRUE;

  if (!prepare (self, "SELECT name FROM members WHERE email_key = ?1 AND id <> ?2", &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, email_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, bv_member_get_id (member), -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return set_error_from_sqlite (self, rc, error);

  name = g_utf8_make_valid (column_text (stmt, 0), -1);
  g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
               /* Translators: the first %s is a member's name, the second an e-mail address. */
               _("“%s” already has the e-mail address “%s”. Each address can belong to one member only."),
               name, bv_member_get_email (member));
  return FALSE;
}

/* The row and the groups of one member inside the caller's transaction.
 * @created 0 keeps the stored creation time (or now, for a new row). */
static gboolean
write_member (BvDatabase  *self,
              BvMember    *member,
              gint64       created,
              gboolean     skip_missing_groups,
              gint64      *out_created,
              gint64      *out_updated,
              GError     **error)
{
  static const char sql[] =
    "INSERT INTO members (id, name, email, email_key, phone, notes, created, updated)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    " ON CONFLICT (id) DO UPDATE SET"
    "  name = excluded.name, email = excluded.email, email_key = excluded.email_key,"
    "  phone = excluded.phone, notes = excluded.notes, updated = excluded.updated";
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) times = NULL;
  g_autofree char *name = g_strstrip (g_strdup (bv_member_get_name (member)));
  g_autofree char *email_key = bv_member_email_key (bv_member_get_email (member));
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int rc;

  if (!*name)
    {
      g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                           _("The member has no name. Enter a name and try again."));
      return FALSE;
    }

  if (bv_member_get_email (member) && !bv_member_email_is_valid (bv_member_get_email (member)))
    {
      g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                   /* Translators: %s is what was entered as an e-mail address. */
                   _("“%s” is not an e-mail address. Correct it or leave the field empty."),
                   bv_member_get_email (member));
      return FALSE;
    }

  if (!check_member_email (self, member, email_key, error))
    return FALSE;

  if (!prepare (self, sql, &stmt, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, bv_member_get_id (member), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, bv_member_get_email (member), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, email_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, bv_member_get_phone (member), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, bv_member_get_notes (member), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, created > 0 ? created : now);
  sqlite3_bind_int64 (stmt, 8, now);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return set_error_from_sqlite (self, rc, error);

  if (!write_member_groups (self, bv_member_get_id (member), bv_member_get_group_ids (member),
                            skip_missing_groups, error))
    return FALSE;

  if (!prepare (self, "SELECT created, updated FROM members WHERE id = ?1", &times, error))
    return FALSE;
  sqlite3_bind_text (times, 1, bv_member_get_id (member), -1, SQLITE_STATIC);
  rc = sqlite3_step (times);
  if (rc != SQLITE_ROW)
    return set_error_from_sqlite (self, rc, error);
  *out_created = sqlite3_column_int64 (times, 0);
  *out_updated = sqlite3_column_int64 (times, 1);

  return TRUE;
}

/* After a commit: the in-memory list follows what is now on disk. */
static void
publish_member (BvDatabase *self,
                BvMember   *member,
                gint64      created,
                gint64      updated)
{
  BvMember *existing;
  guint position;

  /* The name is stored stripped; show what is stored. */
  if (!g_str_equal (bv_member_get_name (member), ""))
    {
      g_autofree char *name = g_strstrip (g_strdup (bv_member_get_name (member)));
      bv_member_set_name (member, name);
    }
  _bv_member_set_times (member, created, updated);

  existing = lookup_member (self, bv_member_get_id (member), &position);
  if (existing)
    {
      if (existing != member)
        bv_member_update_from (existing, member);
      resort_item (self->members, existing, position, compare_members);
    }
  else
    {
      g_list_store_insert_sorted (self->members, member, compare_members, NULL);
    }
}

/* From this many members on, an import's members are published in one
 * pass: looking each one up and inserting it in the sorted list was
 * quadratic and froze the window for 20,000 members. The list then
 * announces one change of all its items instead of one per member. */
#define BULK_PUBLISH 64

static void
publish_members (BvDatabase *self,
                 GPtrArray  *members,
                 GArray     *times)
{
  GListModel *model = G_LIST_MODEL (self->members);
  guint n_items = g_list_model_get_n_items (model);
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GPtrArray) all = NULL;

  if (members->len < BULK_PUBLISH)
    {
      for (guint i = 0; i < members->len; i++)
        publish_member (self, g_ptr_array_index (members, i),
                        g_array_index (times, gint64, 2 * i), g_array_index (times, gint64, 2 * i + 1));
      return;
    }

  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  all = g_ptr_array_new_full (n_items + members->len, g_object_unref);
  for (guint i = 0; i < n_items; i++)
    {
      BvMember *item = g_list_model_get_item (model, i);

      g_hash_table_insert (by_id, (gpointer) bv_member_get_id (item), item);
      g_ptr_array_add (all, item);
    }

  for (guint i = 0; i < members->len; i++)
    {
      BvMember *member = g_ptr_array_index (members, i);
      BvMember *existing;
      g_autofree char *name = g_strstrip (g_strdup (bv_member_get_name (member)));

      bv_member_set_name (member, name);
      _bv_member_set_times (member, g_array_index (times, gint64, 2 * i),
                            g_array_index (times, gint64, 2 * i + 1));
      existing = g_hash_table_lookup (by_id, bv_member_get_id (member));
      if (existing)
        {
          if (existing != member)
            bv_member_update_from (existing, member);
        }
      else
        {
          g_ptr_array_add (all, g_object_ref (member));
          g_hash_table_insert (by_id, (gpointer) bv_member_get_id (member), member);
        }
    }

  g_ptr_array_sort (all, compare_member_ptrs);
  g_list_store_splice (self->members, 0, n_items, all->pdata, all->len);
}

/**
 * bv_database_get_members:
 *
 * Returns: (transfer none): a #GListModel of #BvMember, sorted by name
 */
GListModel *
bv_database_get_members (BvDatabase *self)
{
  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);

  return G_LIST_MODEL (self->members);
}

/**
 * bv_database_find_member:
 *
 * Returns: (transfer full) (nullable): the member from the list model
 */
BvMember *
bv_database_find_member (BvDatabase *self,
                         const char *id)
{
  BvMember *member;

  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (id, NULL);

  member = lookup_member (self, id, NULL);
  return member ? g_object_ref (member) : NULL;
}

/**
 * bv_database_find_member_by_email:
 * @email: an e-mail address, compared ignoring case and surrounding blanks
 *
 * Returns: (transfer full) (nullable): the member from the list model
 */
BvMember *
bv_database_find_member_by_email (BvDatabase *self,
                                  const char *email)
{
  g_autofree char *key = NULL;
  guint n_items;

  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (email, NULL);

  key = bv_member_email_key (email);
  if (!key)
    return NULL;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->members));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BvMember) candidate = g_list_model_get_item (G_LIST_MODEL (self->members), i);
      g_autofree char *candidate_key = bv_member_email_key (bv_member_get_email (candidate));

      if (g_strcmp0 (key, candidate_key) == 0)
        return g_steal_pointer (&candidate);
    }

  return NULL;
}

/**
 * bv_database_save_member:
 * @member: a new member, or one with the id of a stored one (the list's
 *   object or a copy)
 *
 * Inserts or updates the member together with its groups in one
 * transaction. For a known id the list's own object is updated through its
 * setters and moved if it now sorts elsewhere. On failure nothing changes,
 * on disk or in the list.
 *
 * Returns: %TRUE if saved
 */
gboolean
bv_database_save_member (BvDatabase  *self,
                         BvMember    *member,
                         GError     **error)
{
  gint64 created = 0;
  gint64 updated = 0;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (BV_IS_MEMBER (member), FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!begin (self, error))
    {
      reload_member (self, member);
      return FALSE;
    }

  if (!write_member (self, member, 0, FALSE, &created, &updated, error) ||
      !commit (self, error))
    {
      rollback (self);
      reload_member (self, member);
      return FALSE;
    }

  publish_member (self, member, created, updated);
  return TRUE;
}

static gboolean
write_group (BvDatabase  *self,
             BvGroup     *group,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = g_strstrip (g_strdup (bv_group_get_name (group)));
  g_autofree char *key = name_key (name);
  int rc;

  if (!*key)
    {
      g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                           _("The group has no name. Enter a name and try again."));
      return FALSE;
    }

  if (!prepare (self,
                "INSERT INTO groups (id, name, name_key, created) VALUES (?1, ?2, ?3, ?4)"
                " ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key",
                &stmt, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, bv_group_get_id (group), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      /* The id conflict is handled by the upsert, so it is the name. */
      if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                     _("A group named “%s” already exists. Choose another name."),
                     name);
      else
        set_error_from_sqlite (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

static void
publish_group (BvDatabase *self,
               BvGroup    *group)
{
  g_autofree char *name = g_strstrip (g_strdup (bv_group_get_name (group)));
  BvGroup *existing;
  guint position;

  bv_group_set_name (group, name);

  existing = lookup_group (self, bv_group_get_id (group), &position);
  if (existing)
    {
      bv_group_set_name (existing, name);
      resort_item (self->groups, existing, position, compare_groups);
    }
  else
    {
      g_list_store_insert_sorted (self->groups, group, compare_groups, NULL);
    }
}

/**
 * bv_database_save_members:
 * @new_groups: (nullable) (element-type BvGroup): groups to create first
 * @members: (element-type BvMember): new members, or copies of stored
 *   ones, with their groups
 *
 * Saves the groups and the members in one transaction: all of them or,
 * on error, none (an import must not stop half-way).
 *
 * Returns: %TRUE if saved
 */
gboolean
bv_database_save_members (BvDatabase  *self,
                          GPtrArray   *new_groups,
                          GPtrArray   *members,
                          GError     **error)
{
  g_autoptr(GArray) times = NULL;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (members, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  times = g_array_sized_new (FALSE, TRUE, sizeof (gint64), 2 * members->len);
  g_array_set_size (times, 2 * members->len);

  if (!begin (self, error))
    return FALSE;

  for (guint i = 0; new_groups && i < new_groups->len; i++)
    if (!write_group (self, g_ptr_array_index (new_groups, i), error))
      goto failed;

  for (guint i = 0; i < members->len; i++)
    {
      BvMember *member = g_ptr_array_index (members, i);

      if (!write_member (self, member, 0, FALSE,
                         &g_array_index (times, gint64, 2 * i),
                         &g_array_index (times, gint64, 2 * i + 1), error))
        goto failed;
    }

  if (!commit (self, error))
    goto failed;

  for (guint i = 0; new_groups && i < new_groups->len; i++)
    publish_group (self, g_ptr_array_index (new_groups, i));
  publish_members (self, members, times);

  return TRUE;

failed:
  rollback (self);
  for (guint i = 0; i < members->len; i++)
    reload_member (self, g_ptr_array_index (members, i));
  return FALSE;
}

static gboolean
delete_member_row (BvDatabase  *self,
                   const char  *id,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* member_groups and meeting_participants follow by ON DELETE CASCADE. */
  if (!prepare (self, "DELETE FROM members WHERE id = ?1", &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return set_member_not_found (error);

  return TRUE;
}

static void
forget_member (BvDatabase *self,
               const char *id)
{
  guint position;

  if (lookup_member (self, id, &position))
    g_list_store_remove (self->members, position);
}

/**
 * bv_database_delete_member:
 * @id: the member's id
 *
 * Deletes the member with their groups and invitations in one
 * transaction. bv_database_restore_member() undoes it.
 *
 * Returns: %TRUE if deleted; %BV_DATABASE_ERROR_NOT_FOUND if there is no
 *   such member
 */
gboolean
bv_database_delete_member (BvDatabase  *self,
                           const char  *id,
                           GError     **error)
{
  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (id, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!begin (self, error))
    return FALSE;

  if (!delete_member_row (self, id, error) || !commit (self, error))
    {
      rollback (self);
      return FALSE;
    }

  forget_member (self, id);
  return TRUE;
}

static gboolean
write_participant (BvDatabase     *self,
                   BvParticipant  *participant,
                   gboolean        skip_missing,
                   GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *member_id = bv_participant_get_member_id (participant);
  int rc;

  /* A restore leaves out what was deleted in between (the meeting) or
   * is there already; an explicit add reports it. */
  if (!prepare (self,
                skip_missing
                ? "INSERT OR IGNORE INTO meeting_participants"
                  " (id, meeting_id, member_id, guest_name, guest_email, role, link_key, created)"
                  " SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE EXISTS"
                  " (SELECT 1 FROM meetings WHERE id = ?2)"
                : "INSERT INTO meeting_participants"
                  " (id, meeting_id, member_id, guest_name, guest_email, role, link_key, created)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                &stmt, error))
    return FALSE;

  /* Checked again here, whoever made the guest: one address, one person. */
  if (!member_id && bv_participant_get_email (participant)
      && !bv_member_email_is_valid (bv_participant_get_email (participant)))
    {
      g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                   /* Translators: %s is what was given as a guest's e-mail address. */
                   _("“%s” is not an e-mail address. Correct it or leave the field empty."),
                   bv_participant_get_email (participant));
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, bv_participant_get_id (participant), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, bv_participant_get_meeting_id (participant), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, member_id, -1, SQLITE_STATIC);
  if (!member_id)
    {
      sqlite3_bind_text (stmt, 4, bv_participant_get_name (participant), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, bv_participant_get_email (participant), -1, SQLITE_STATIC);
    }
  sqlite3_bind_text (stmt, 6, bv_participant_role_to_string (bv_participant_get_role (participant)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, bv_participant_get_link_key (participant), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, g_get_real_time () / G_USEC_PER_SEC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;

  switch (sqlite3_extended_errcode (self->db))
    {
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      if (member_id && !lookup_member (self, member_id, NULL))
        set_member_not_found (error);
      else
        set_meeting_not_found (error);
      break;

    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                           _("This person is already invited to the meeting."));
      break;

    case SQLITE_CONSTRAINT_CHECK:
      g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                           _("A guest needs a name. Enter one and try again."));
      break;

    default:
      set_error_from_sqlite (self, rc, error);
      break;
    }
  return FALSE;
}

/**
 * bv_database_restore_member:
 * @member: a member as it was before bv_database_delete_member()
 * @participations: (nullable) (element-type BvParticipant): their
 *   invitations as bv_database_list_member_participations() gave them
 *
 * Undoes a delete in one transaction: the member with their id, creation
 * time, groups and invitations (with the same link keys, so that links
 * already sent keep working). Groups and meetings deleted in between are
 * left out.
 *
 * Returns: %TRUE if restored
 */
gboolean
bv_database_restore_member (BvDatabase  *self,
                            BvMember    *member,
                            GPtrArray   *participations,
                            GError     **error)
{
  gint64 created = 0;
  gint64 updated = 0;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (BV_IS_MEMBER (member), FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!begin (self, error))
    return FALSE;

  if (!write_member (self, member, bv_member_get_created (member), TRUE, &created, &updated, error))
    goto failed;

  for (guint i = 0; participations && i < participations->len; i++)
    if (!write_participant (self, g_ptr_array_index (participations, i), TRUE, error))
      goto failed;

  if (!commit (self, error))
    goto failed;

  /* Groups deleted in between are gone from the row as well. */
  {
    g_autoptr(GHashTable) memberships = read_memberships (self, bv_member_get_id (member), NULL);

    if (memberships)
      set_group_ids_from (member, memberships);
  }
  publish_member (self, member, created, updated);
  return TRUE;

failed:
  rollback (self);
  return FALSE;
}

/**
 * bv_database_erase_member:
 * @id: the member's id
 *
 * Deletes everything stored about the member (DSGVO Art. 17) in one
 * transaction: the member, their groups, their invitations, and guest
 * invitations with their e-mail address. With secure_delete the freed
 * pages are overwritten, and the write-ahead log is emptied, so the data
 * is not left in the files either. There is no undo.
 *
 * Returns: %TRUE if erased; %BV_DATABASE_ERROR_NOT_FOUND if there is no
 *   such member
 */
gboolean
bv_database_erase_member (BvDatabase  *self,
                          const char  *id,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) guests = NULL;
  g_autoptr(BvMember) member = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (id, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  member = bv_database_find_member (self, id);
  if (!member)
    return set_member_not_found (error);

  if (!exec (self, "PRAGMA secure_delete = ON", error))
    return FALSE;

  if (!begin (self, error))
    goto out;

  if (bv_member_get_email (member))
    {
      /* lower () folds ASCII only, which is what addresses are made of in
       * practice; a guest with an umlaut domain in other case stays. */
      if (!prepare (self,
                    "DELETE FROM meeting_participants WHERE member_id IS NULL"
                    " AND lower (trim (guest_email)) = lower (trim (?1))",
                    &guests, error))
        goto failed;
      sqlite3_bind_text (guests, 1, bv_member_get_email (member), -1, SQLITE_STATIC);
      if (!step_done (self, guests, error))
        goto failed;
      g_clear_pointer (&guests, sqlite3_finalize);
    }

  if (!delete_member_row (self, id, error) || !commit (self, error))
    goto failed;

  forget_member (self, id);
  ok = TRUE;

  /* Another reader may hold the log for a moment; the pages are zeroed
   * in the main file anyway, so this is best effort. */
  if (sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL) != SQLITE_OK)
    g_debug ("Could not empty the write-ahead log of %s after erasing a member", self->path);
  goto out;

failed:
  g_clear_pointer (&guests, sqlite3_finalize);
  rollback (self);

out:
  if (sqlite3_exec (self->db, "PRAGMA secure_delete = OFF", NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Could not reset secure_delete: %s", sqlite3_errmsg (self->db));
  return ok;
}

/**
 * bv_database_count_member_meetings:
 *
 * Returns: the number of meetings the member is invited to, as a member
 *   or as a guest with their e-mail address
 */
guint
bv_database_count_member_meetings (BvDatabase *self,
                                   const char *member_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(BvMember) member = NULL;

  g_return_val_if_fail (BV_IS_DATABASE (self), 0);
  g_return_val_if_fail (member_id, 0);

  member = bv_database_find_member (self, member_id);
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT count (DISTINCT meeting_id) FROM meeting_participants"
                          " WHERE member_id = ?1 OR (member_id IS NULL AND ?2 IS NOT NULL"
                          "  AND lower (trim (guest_email)) = lower (trim (?2)))",
                          -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_text (stmt, 1, member_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, member ? bv_member_get_email (member) : NULL, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return (guint)MAX (0, sqlite3_column_int64 (stmt, 0));
}

/* JSON export */

static void
json_append_string (GString    *out,
                    const char *text)
{
  if (!text)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = (guchar)*p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;

        case '\\':
          g_string_append (out, "\\\\");
          break;

        case '\n':
          g_string_append (out, "\\n");
          break;

        case '\r':
          g_string_append (out, "\\r");
          break;

        case '\t':
          g_string_append (out, "\\t");
          break;

        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char)c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
json_append_member (GString    *out,
                    const char *key,
                    const char *value,
                    gboolean    last)
{
  g_string_append (out, "    ");
  json_append_string (out, key);
  g_string_append (out, ": ");
  json_append_string (out, value);
  g_string_append (out, last ? "\n" : ",\n");
}

static char *
format_time (gint64 seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (seconds);

  return time ? g_date_time_format_iso8601 (time) : NULL;
}

/**
 * bv_database_export_member:
 * @member_id: the member's id
 *
 * Everything stored about one person (DSGVO Art. 15 and 20) as JSON in
 * UTF-8: the member's row, their groups, and their invitations (as a
 * member, and as a guest with their e-mail address) with the meetings'
 * titles and dates. Read from the file, not from the lists, so that it is
 * what is really stored.
 *
 * Returns: (transfer full): the JSON text, or %NULL with @error set
 */
char *
bv_database_export_member (BvDatabase  *self,
                           const char  *member_id,
                           GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(BvMember) member = NULL;
  g_autofree char *now = format_time (g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;
  gboolean first;
  int rc;

  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (member_id, NULL);
  g_return_val_if_fail (!error || !*error, NULL);

  /* One read transaction, so the parts fit together. */
  if (!exec (self, "BEGIN", error))
    return NULL;

  if (!prepare (self, "SELECT " MEMBER_COLUMNS " FROM members WHERE id = ?1", &stmt, error))
    goto failed;
  sqlite3_bind_text (stmt, 1, member_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      set_member_not_found (error);
      goto failed;
    }
  if (rc != SQLITE_ROW)
    {
      set_error_from_sqlite (self, rc, error);
      goto failed;
    }
  member = member_from_row (stmt);
  g_clear_pointer (&stmt, sqlite3_finalize);

  created = format_time (bv_member_get_created (member));
  updated = format_time (bv_member_get_updated (member));

  g_string_append (out, "{\n  \"format\": \"org.herzlich.BbbVereine.member-export\",\n");
  g_string_append (out, "  \"version\": 1,\n  \"exported\": ");
  json_append_string (out, now);
  g_string_append (out, ",\n  \"member\": {\n");
  json_append_member (out, "id", bv_member_get_id (member), FALSE);
  json_append_member (out, "name", bv_member_get_name (member), FALSE);
  json_append_member (out, "email", bv_member_get_email (member), FALSE);
  json_append_member (out, "phone", bv_member_get_phone (member), FALSE);
  json_append_member (out, "notes", bv_member_get_notes (member), FALSE);
  json_append_member (out, "created", created, FALSE);
  json_append_member (out, "updated", updated, TRUE);
  g_string_append (out, "  },\n  \"groups\": [");

  if (!prepare (self,
                "SELECT g.id, g.name FROM member_groups mg JOIN groups g ON g.id = mg.group_id"
                " WHERE mg.member_id = ?1 ORDER BY g.name_key",
                &stmt, error))
    goto failed;
  sqlite3_bind_text (stmt, 1, member_id, -1, SQLITE_STATIC);
  first = TRUE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *name = column_dup_valid (stmt, 1);

      g_string_append (out, first ? "\n" : ",\n");
      g_string_append (out, "    { \"id\": ");
      json_append_string (out, column_text (stmt, 0));
      g_string_append (out, ", \"name\": ");
      json_append_string (out, name);
      g_string_append (out, " }");
      first = FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      set_error_from_sqlite (self, rc, error);
      goto failed;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_string_append (out, first ? "],\n" : "\n  ],\n");

  g_string_append (out, "  \"invitations\": [");
  if (!prepare (self,
                "SELECT p.meeting_id, m.title, m.start_local, m.tzid, m.duration, m.rrule,"
                " p.role, p.link_key, p.member_id IS NULL, p.guest_name, p.guest_email, p.created"
                " FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id"
                " WHERE p.member_id = ?1 OR (p.member_id IS NULL AND ?2 IS NOT NULL"
                "  AND lower (trim (p.guest_email)) = lower (trim (?2)))"
                " ORDER BY m.start_local, m.title",
                &stmt, error))
    goto failed;
  sqlite3_bind_text (stmt, 1, member_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, bv_member_get_email (member), -1, SQLITE_STATIC);
  first = TRUE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *title = column_dup_valid (stmt, 1);
      g_autofree char *start = column_dup_valid (stmt, 2);
      g_autofree char *tzid = column_dup_valid (stmt, 3);
      g_autofree char *rrule = column_dup_valid (stmt, 5);
      g_autofree char *guest_name = column_dup_valid (stmt, 9);
      g_autofree char *guest_email = column_dup_valid (stmt, 10);
      g_autofree char *invited = format_time (sqlite3_column_int64 (stmt, 11));
      gboolean guest = sqlite3_column_int (stmt, 8) != 0;

      g_string_append (out, first ? "\n" : ",\n");
      g_string_append (out, "    {\n  ");
      json_append_member (out, "meeting_id", column_text (stmt, 0), FALSE);
      g_string_append (out, "  ");
      json_append_member (out, "meeting_title", title, FALSE);
      g_string_append (out, "  ");
      json_append_member (out, "meeting_start", start, FALSE);
      g_string_append (out, "  ");
      json_append_member (out, "time_zone", tzid, FALSE);
      g_string_append_printf (out, "      \"duration_minutes\": %" G_GINT64_FORMAT ",\n",
                              (gint64)sqlite3_column_int64 (stmt, 4));
      g_string_append (out, "  ");
      json_append_member (out, "recurrence", rrule, FALSE);
      g_string_append (out, "  ");
      json_append_member (out, "role", column_text (stmt, 6), FALSE);
      g_string_append (out, "  ");
      json_append_member (out, "personal_link_key", column_text (stmt, 7), FALSE);
      g_string_append (out, "  ");
      json_append_member (out, "invited", invited, FALSE);
      g_string_append_printf (out, "      \"as_guest\": %s", guest ? "true" : "false");
      if (guest)
        {
          g_string_append (out, ",\n  ");
          json_append_member (out, "guest_name", guest_name, FALSE);
          g_string_append (out, "  ");
          json_append_member (out, "guest_email", guest_email, TRUE);
        }
      else
        g_string_append (out, "\n");
      g_string_append (out, "    }");
      first = FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      set_error_from_sqlite (self, rc, error);
      goto failed;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_string_append (out, first ? "]\n}\n" : "\n  ]\n}\n");

  rollback (self);
  return g_string_free (g_steal_pointer (&out), FALSE);

failed:
  g_clear_pointer (&stmt, sqlite3_finalize);
  rollback (self);
  return NULL;
}

/* Groups */

/**
 * bv_database_get_groups:
 *
 * Returns: (transfer none): a #GListModel of #BvGroup, sorted by name
 */
GListModel *
bv_database_get_groups (BvDatabase *self)
{
  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);

  return G_LIST_MODEL (self->groups);
}

/**
 * bv_database_find_group:
 *
 * Returns: (transfer full) (nullable): the group from the list model
 */
BvGroup *
bv_database_find_group (BvDatabase *self,
                        const char *id)
{
  BvGroup *group;

  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (id, NULL);

  group = lookup_group (self, id, NULL);
  return group ? g_object_ref (group) : NULL;
}

/**
 * bv_database_find_group_by_name:
 * @name: a name, compared ignoring case, Unicode form and surrounding blanks
 *
 * Returns: (transfer full) (nullable): the group from the list model
 */
BvGroup *
bv_database_find_group_by_name (BvDatabase *self,
                                const char *name)
{
  g_autofree char *key = NULL;
  guint n_items;

  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (name, NULL);

  key = name_key (name);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BvGroup) candidate = g_list_model_get_item (G_LIST_MODEL (self->groups), i);
      g_autofree char *candidate_key = name_key (bv_group_get_name (candidate));

      if (g_str_equal (key, candidate_key))
        return g_steal_pointer (&candidate);
    }

  return NULL;
}

/**
 * bv_database_save_group:
 * @group: a new group, or one with the id of a stored one
 *
 * Returns: %TRUE if saved; an error naming the group if another one has
 *   the same name regardless of case
 */
gboolean
bv_database_save_group (BvDatabase  *self,
                        BvGroup     *group,
                        GError     **error)
{
  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (BV_IS_GROUP (group), FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!begin (self, error))
    return FALSE;

  if (!write_group (self, group, error) || !commit (self, error))
    {
      rollback (self);
      return FALSE;
    }

  publish_group (self, group);
  return TRUE;
}

/**
 * bv_database_delete_group:
 * @id: the group's id
 *
 * Deletes the group; its members stay, without it.
 *
 * Returns: %TRUE if deleted; %BV_DATABASE_ERROR_NOT_FOUND if there is no
 *   such group
 */
gboolean
bv_database_delete_group (BvDatabase  *self,
                          const char  *id,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n_items;
  guint position;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (id, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!begin (self, error))
    return FALSE;

  if (!prepare (self, "DELETE FROM groups WHERE id = ?1", &stmt, error))
    goto failed;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    goto failed;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND,
                           _("The group was not found. It may have been deleted already."));
      goto failed;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!commit (self, error))
    goto failed;

  if (lookup_group (self, id, &position))
    g_list_store_remove (self->groups, position);

  /* ON DELETE CASCADE did the same on disk. */
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->members));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BvMember) member = g_list_model_get_item (G_LIST_MODEL (self->members), i);
      const char * const *ids = bv_member_get_group_ids (member);
      g_autoptr(GPtrArray) kept = NULL;

      if (!g_strv_contains (ids, id))
        continue;

      kept = g_ptr_array_new ();
      for (guint j = 0; ids[j]; j++)
        if (!g_str_equal (ids[j], id))
          g_ptr_array_add (kept, (gpointer)ids[j]);
      g_ptr_array_add (kept, NULL);
      /* kept points into the old list, which the setter copies first. */
      {
        g_auto(GStrv) copy = g_strdupv ((char **)kept->pdata);
        bv_member_set_group_ids (member, (const char * const *)copy);
      }
      resort_item (self->members, member, i, compare_members);
    }

  return TRUE;

failed:
  g_clear_pointer (&stmt, sqlite3_finalize);
  rollback (self);
  return FALSE;
}

/**
 * bv_database_set_member_groups:
 * @member_id: the member's id
 * @group_ids: (nullable): the ids of all groups the member belongs to
 *
 * Replaces the member's groups in one transaction.
 *
 * Returns: %TRUE if saved
 */
gboolean
bv_database_set_member_groups (BvDatabase          *self,
                               const char          *member_id,
                               const char * const  *group_ids,
                               GError             **error)
{
  g_autoptr(sqlite3_stmt) touch = NULL;
  BvMember *member;
  guint position;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (member_id, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  member = lookup_member (self, member_id, &position);
  if (!member)
    return set_member_not_found (error);

  if (!begin (self, error))
    return FALSE;

  if (!prepare (self, "UPDATE members SET updated = ?2 WHERE id = ?1", &touch, error))
    goto failed;
  sqlite3_bind_text (touch, 1, member_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (touch, 2, g_get_real_time () / G_USEC_PER_SEC);
  if (!step_done (self, touch, error))
    goto failed;
  if (sqlite3_changes (self->db) == 0)
    {
      set_member_not_found (error);
      goto failed;
    }
  g_clear_pointer (&touch, sqlite3_finalize);

  if (!write_member_groups (self, member_id, group_ids, FALSE, error) || !commit (self, error))
    goto failed;

  bv_member_set_group_ids (member, group_ids);
  _bv_member_set_times (member, bv_member_get_created (member), g_get_real_time () / G_USEC_PER_SEC);
  resort_item (self->members, member, position, compare_members);
  return TRUE;

failed:
  g_clear_pointer (&touch, sqlite3_finalize);
  rollback (self);
  return FALSE;
}

/**
 * bv_database_list_group_members:
 *
 * Returns: (transfer container) (element-type BvMember): the members of
 *   the group from the list model, sorted by name
 */
GPtrArray *
bv_database_list_group_members (BvDatabase *self,
                                const char *group_id)
{
  GPtrArray *members = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_items;

  g_return_val_if_fail (BV_IS_DATABASE (self), members);
  g_return_val_if_fail (group_id, members);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->members));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BvMember) member = g_list_model_get_item (G_LIST_MODEL (self->members), i);

      if (bv_member_has_group (member, group_id))
        g_ptr_array_add (members, g_steal_pointer (&member));
    }

  return members;
}

/* Participants */

static int
compare_participant_ptrs (gconstpointer a,
                          gconstpointer b)
{
  BvParticipant *participant_a = *(BvParticipant * const *)a;
  BvParticipant *participant_b = *(BvParticipant * const *)b;
  BvParticipantRole role_a = bv_participant_get_role (participant_a);
  BvParticipantRole role_b = bv_participant_get_role (participant_b);

  /* Moderators first, as invitations list them. */
  if (role_a != role_b)
    return role_a == BV_PARTICIPANT_ROLE_MODERATOR ? -1 : 1;

  return compare_names (bv_participant_get_name (participant_a),
                        bv_participant_get_name (participant_b),
                        bv_participant_get_id (participant_a),
                        bv_participant_get_id (participant_b));
}

static GPtrArray *
list_participants_where (BvDatabase *self,
                         const char *where,
                         const char *value)
{
  g_autoptr(GPtrArray) participants = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  int rc;

  sql = g_strconcat ("SELECT p.id, p.meeting_id, p.member_id,"
                     " coalesce (m.name, p.guest_name, ''), coalesce (m.email, p.guest_email),"
                     " p.role, p.link_key"
                     " FROM meeting_participants p LEFT JOIN members m ON m.id = p.member_id"
                     " WHERE ", where, NULL);

  if (!prepare (self, sql, &stmt, &error))
    {
      g_warning ("Could not read invitations: %s", error->message);
      return g_steal_pointer (&participants);
    }
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *member_id = column_dup_valid (stmt, 2);
      g_autofree char *name = column_dup_valid (stmt, 3);
      g_autofree char *email = column_dup_valid (stmt, 4);
      BvParticipantRole role = BV_PARTICIPANT_ROLE_PARTICIPANT;

      bv_participant_role_from_string (column_text (stmt, 5), &role);
      /* Written before addresses were checked on every write (a calendar
       * import once kept "anna@x.org,boss@evil.org"): such an address
       * must not reach a link, a mail-merge row or a calendar file. */
      if (email && !bv_member_email_is_valid (email))
        g_clear_pointer (&email, g_free);
      g_ptr_array_add (participants,
                       _bv_participant_new_full (column_text (stmt, 0), column_text (stmt, 1),
                                                 member_id, name, email, role,
                                                 column_text (stmt, 6)));
    }

  if (rc != SQLITE_DONE)
    {
      set_error_from_sqlite (self, rc, &error);
      g_warning ("Could not read invitations: %s", error->message);
    }

  g_ptr_array_sort (participants, compare_participant_ptrs);
  return g_steal_pointer (&participants);
}

/**
 * bv_database_list_participants:
 * @meeting_id: the meeting's id
 *
 * Reads the invitations of a meeting from disk, members with their
 * current name and address. A read error is logged and gives what was
 * read so far.
 *
 * Returns: (transfer container) (element-type BvParticipant): moderators
 *   first, then by name
 */
GPtrArray *
bv_database_list_participants (BvDatabase *self,
                               const char *meeting_id)
{
  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (meeting_id, NULL);

  return list_participants_where (self, "p.meeting_id = ?1", meeting_id);
}

/**
 * bv_database_list_member_participations:
 * @member_id: the member's id
 *
 * Returns: (transfer container) (element-type BvParticipant): the
 *   member's invitations, e.g. to restore them after an undone delete
 */
GPtrArray *
bv_database_list_member_participations (BvDatabase *self,
                                        const char *member_id)
{
  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (member_id, NULL);

  return list_participants_where (self, "p.member_id = ?1", member_id);
}

/**
 * bv_database_add_participant:
 * @participant: a new invitation
 *
 * Returns: %TRUE if stored; an error if the meeting or member does not
 *   exist or the member is invited already
 */
gboolean
bv_database_add_participant (BvDatabase     *self,
                             BvParticipant  *participant,
                             GError        **error)
{
  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (BV_IS_PARTICIPANT (participant), FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!begin (self, error))
    return FALSE;

  if (!write_participant (self, participant, FALSE, error) || !commit (self, error))
    {
      rollback (self);
      return FALSE;
    }

  return TRUE;
}

static gboolean
change_participant (BvDatabase  *self,
                    const char  *sql,
                    const char  *participant_id,
                    const char  *value,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!begin (self, error))
    return FALSE;

  if (!prepare (self, sql, &stmt, error))
    goto failed;
  sqlite3_bind_text (stmt, 1, participant_id, -1, SQLITE_STATIC);
  if (value)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    goto failed;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND,
                           _("The invitation was not found. It may have been removed already."));
      goto failed;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!commit (self, error))
    goto failed;

  return TRUE;

failed:
  g_clear_pointer (&stmt, sqlite3_finalize);
  rollback (self);
  return FALSE;
}

gboolean
bv_database_remove_participant (BvDatabase  *self,
                                const char  *participant_id,
                                GError     **error)
{
  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (participant_id, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  return change_participant (self, "DELETE FROM meeting_participants WHERE id = ?1",
                             participant_id, NULL, error);
}

gboolean
bv_database_set_participant_role (BvDatabase         *self,
                                  const char         *participant_id,
                                  BvParticipantRole   role,
                                  GError            **error)
{
  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (participant_id, FALSE);
  g_return_val_if_fail (role == BV_PARTICIPANT_ROLE_PARTICIPANT || role == BV_PARTICIPANT_ROLE_MODERATOR, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  return change_participant (self, "UPDATE meeting_participants SET role = ?2 WHERE id = ?1",
                             participant_id, bv_participant_role_to_string (role), error);
}
