/* bv-database.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-database.h"
#include "bv-database-private.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unicode/ucol.h>

/* Opening, integrity and transactions, and the helpers that the files of
 * each table share (bv-database-private.h). */

/* Long enough for another instance (the command line next to the window) to
 * finish its transaction, short enough that the UI does not seem frozen. */
#define BV_DATABASE_BUSY_TIMEOUT_MS 5000

G_DEFINE_FINAL_TYPE (BvDatabase, bv_database, G_TYPE_OBJECT)
G_DEFINE_QUARK (bv-database-error-quark, bv_database_error)

gboolean
bv_database_set_error_from_sqlite (BvDatabase  *self,
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

gboolean
bv_database_exec (BvDatabase  *self,
                  const char  *sql,
                  GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return bv_database_set_error_from_sqlite (self, rc, error);

  return TRUE;
}

gboolean
bv_database_prepare (BvDatabase    *self,
                     const char    *sql,
                     sqlite3_stmt **stmt,
                     GError       **error)
{
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, stmt, NULL);

  if (rc != SQLITE_OK)
    return bv_database_set_error_from_sqlite (self, rc, error);

  return TRUE;
}

const char *
bv_database_column_text (sqlite3_stmt *stmt,
                         int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text ? text : "";
}

gboolean
bv_database_query_int (BvDatabase  *self,
                       const char  *sql,
                       int         *value,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!bv_database_prepare (self, sql, &stmt, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return bv_database_set_error_from_sqlite (self, rc, error);

  *value = sqlite3_column_int (stmt, 0);
  return TRUE;
}

gboolean
bv_database_begin (BvDatabase  *self,
                   GError     **error)
{
  /* IMMEDIATE takes the write lock up front, so a concurrent writer makes
   * us wait (busy timeout) instead of failing half-way through. */
  return bv_database_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
bv_database_commit (BvDatabase  *self,
                    GError     **error)
{
  return bv_database_exec (self, "COMMIT", error);
}

void
bv_database_rollback (BvDatabase *self)
{
  /* SQLite already rolls back by itself after some errors (SQLITE_FULL,
   * SQLITE_IOERR); a second ROLLBACK would only add a confusing error. */
  if (sqlite3_get_autocommit (self->db))
    return;

  if (sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Rolling back failed: %s", sqlite3_errmsg (self->db));
}

/* Runs one UPDATE or DELETE with ?1 = @id (and ?2 = @value) in its own
 * transaction; if it changed no row, fails with
 * %BV_DATABASE_ERROR_NOT_FOUND and @not_found as the message. */
gboolean
bv_database_change_row (BvDatabase  *self,
                        const char  *sql,
                        const char  *id,
                        const char  *value,
                        const char  *not_found,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!bv_database_begin (self, error))
    return FALSE;

  if (!bv_database_prepare (self, sql, &stmt, error))
    goto failed;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (value)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (!bv_database_step_done (self, stmt, error))
    goto failed;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND, not_found);
      goto failed;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!bv_database_commit (self, error))
    goto failed;

  return TRUE;

failed:
  g_clear_pointer (&stmt, sqlite3_finalize);
  bv_database_rollback (self);
  return FALSE;
}

/**
 * bv_database_name_key:
 * @name: a server's or group's name
 *
 * The key of the UNIQUE name indexes: two names that a person would call
 * the same collide, whatever their case (also beyond ASCII), Unicode
 * representation and surrounding blanks. Whoever matches names against
 * the stored ones (the member import's groups) must fold them with this.
 *
 * Returns: (transfer full): the key; "" for a name of blanks only
 */
char *
bv_database_name_key (const char *name)
{
  g_autofree char *stripped = NULL;
  g_autofree char *normal = NULL;

  g_return_val_if_fail (name, NULL);

  stripped = g_strstrip (g_strdup (name));
  normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL_COMPOSE);
  if (!normal)
    return g_strdup ("");

  return g_utf8_casefold (normal, -1);
}

gboolean
bv_database_step_done (BvDatabase    *self,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    return bv_database_set_error_from_sqlite (self, rc, error);

  return TRUE;
}

char *
bv_database_column_dup_valid (sqlite3_stmt *stmt,
                              int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  return g_utf8_make_valid (bv_database_column_text (stmt, column), -1);
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
    return bv_database_set_error_from_sqlite (self, rc, error);

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BV_DATABASE_BUSY_TIMEOUT_MS);

  /* Only read until we know the file is ours and not too new: switching to
   * WAL or migrating would write to a file we must leave untouched. */
  if (!bv_database_query_int (self, "PRAGMA user_version", &self->schema_version, error) ||
      !bv_database_query_int (self, "PRAGMA application_id", &application_id, error))
    return FALSE;

  if (self->schema_version < 0 ||
      (application_id != 0 && application_id != BV_DATABASE_APPLICATION_ID))
    return bv_database_set_error_from_sqlite (self, SQLITE_NOTADB, error);

  if (self->schema_version > BV_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_TOO_NEW,
                   /* Translators: %s is a file path, the numbers are
                    * versions of the database layout */
                   _("The database “%s” was written by a newer version of this app (schema %d; this version knows up to %d). Install the newer version again to use it. The file was left unchanged."),
                   self->path, self->schema_version, BV_DATABASE_SCHEMA_VERSION);
      return FALSE;
    }

  if (!bv_database_prepare (self, "PRAGMA journal_mode = WAL", &stmt, error))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return bv_database_set_error_from_sqlite (self, rc, error);
  if (g_ascii_strcasecmp (bv_database_column_text (stmt, 0), "wal") != 0)
    g_warning ("%s stays in journal mode %s: WAL is not supported there",
               self->path, bv_database_column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* NORMAL is safe with WAL: a power cut may lose the last commits but never
   * damages the file, and each save does not wait for the disk. */
  if (!bv_database_exec (self, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", error))
    return FALSE;

  restrict_permissions (self->path);

  if (!bv_database_migrate (self, error))
    return FALSE;

  return bv_database_load_servers (self, error) && bv_database_load_meetings (self, error) &&
         bv_database_load_groups (self, error) && bv_database_load_members (self, error);
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

  if (!bv_database_prepare (self, "PRAGMA integrity_check", &stmt, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return bv_database_set_error_from_sqlite (self, rc, error);

  ok = strcmp (bv_database_column_text (stmt, 0), "ok") == 0;
  if (!ok)
    g_debug ("Integrity check of %s: %s", self->path, bv_database_column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (ok)
    {
      if (!bv_database_prepare (self, "PRAGMA foreign_key_check", &stmt, error))
        return FALSE;

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        ok = FALSE;
      else if (rc != SQLITE_DONE)
        return bv_database_set_error_from_sqlite (self, rc, error);
    }

  if (!ok)
    return bv_database_set_error_from_sqlite (self, SQLITE_CORRUPT, error);

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

  return g_strdup (bv_database_column_text (stmt, 0));
}

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

int
bv_database_compare_names (const char *name_a,
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

/* One collator for the process: opening one costs far more than a
 * comparison, and ucol_strcollUTF8 () only reads it, which ICU allows
 * from several threads. NULL if ICU has no data, then the GLib order
 * above stands in. */
static UCollator *
german_collator (void)
{
  static UCollator *collator;
  static gsize opened_once;

  if (g_once_init_enter (&opened_once))
    {
      UErrorCode status = U_ZERO_ERROR;
      UCollator *opened = ucol_open ("de", &status);

      if (U_FAILURE (status))
        {
          g_warning ("No German collation in ICU: %s", u_errorName (status));
          g_clear_pointer (&opened, ucol_close);
        }
      collator = opened;
      g_once_init_leave (&opened_once, 1);
    }

  return collator;
}

static int
collate (const char *a,
         const char *b)
{
  UCollator *collator = german_collator ();
  UErrorCode status = U_ZERO_ERROR;
  UCollationResult result;

  if (!collator)
    {
      g_autofree char *key_a = sort_key (a);
      g_autofree char *key_b = sort_key (b);

      return g_utf8_collate (key_a, key_b);
    }

  result = ucol_strcollUTF8 (collator, a, -1, b, -1, &status);
  if (U_FAILURE (status))
    return strcmp (a, b);
  return result == UCOL_LESS ? -1 : result == UCOL_GREATER ? 1 : 0;
}

int
bv_database_compare_people (const char *last_a,
                            const char *first_a,
                            const char *last_b,
                            const char *first_b,
                            const char *id_a,
                            const char *id_b)
{
  const char *key_a = last_a && *last_a ? last_a : (first_a ? first_a : "");
  const char *key_b = last_b && *last_b ? last_b : (first_b ? first_b : "");
  int ret;

  ret = collate (key_a, key_b);
  if (ret == 0)
    ret = collate (first_a ? first_a : "", first_b ? first_b : "");
  if (ret == 0)
    ret = strcmp (key_a, key_b);
  if (ret == 0)
    ret = g_strcmp0 (first_a, first_b);
  if (ret == 0)
    ret = g_strcmp0 (id_a, id_b);

  return ret;
}

/* The list's object with @id (the store keeps its reference), or NULL. */
gpointer
bv_database_lookup (GListStore      *store,
                    const char      *id,
                    BvDatabaseGetId  get_id,
                    guint           *position)
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

/* Moves @item to where it now sorts after an edit; removing and
 * re-inserting emits items-changed, so sorted and filtered views follow.
 * Where it stays, @refresh_in_place still replaces it with itself, for rows
 * whose text is not bound to the item's properties (members and groups);
 * servers and meetings notify their properties, and their views must not
 * be rebuilt (a rename in place emits no items-changed). */
void
bv_database_keep_sorted (GListStore       *store,
                         gpointer          item,
                         guint             position,
                         GCompareDataFunc  compare,
                         gboolean          refresh_in_place)
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
      if (refresh_in_place)
        g_list_store_splice (store, position, 1, (gpointer *)&keep, 1);
      return;
    }

  g_list_store_remove (store, position);
  g_list_store_insert_sorted (store, keep, compare, NULL);
}

typedef struct
{
  GCompareDataFunc compare;
} SortByItems;

static int
compare_array_items (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  SortByItems *sort = user_data;

  return sort->compare (*(gpointer const *)a, *(gpointer const *)b, NULL);
}

/* Replaces the whole list with @items (as read from the file), sorted. */
void
bv_database_fill_sorted (GListStore       *store,
                         GPtrArray        *items,
                         GCompareDataFunc  compare)
{
  SortByItems sort = { compare };

  g_ptr_array_sort_with_data (items, compare_array_items, &sort);
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

/* Looking each item up in the list and inserting it sorted is quadratic:
 * 20,000 imported members or 12,000 meetings froze the window for
 * minutes. One hash table and one sort instead. */
gboolean
bv_database_publish_bulk (GListStore           *store,
                          GPtrArray            *items,
                          BvDatabaseGetId       get_id,
                          BvDatabaseUpdateFrom  update_from,
                          GCompareDataFunc      compare)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n_items = g_list_model_get_n_items (model);
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GPtrArray) all = NULL;

  if (items->len < BV_DATABASE_BULK_PUBLISH)
    return FALSE;

  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  all = g_ptr_array_new_full (n_items + items->len, g_object_unref);
  for (guint i = 0; i < n_items; i++)
    {
      gpointer item = g_list_model_get_item (model, i);

      g_hash_table_insert (by_id, (gpointer) get_id (item), item);
      g_ptr_array_add (all, item);
    }

  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);
      gpointer existing = g_hash_table_lookup (by_id, get_id (item));

      if (existing && existing != item)
        update_from (existing, item);
      else if (!existing)
        {
          g_ptr_array_add (all, g_object_ref (item));
          g_hash_table_insert (by_id, (gpointer) get_id (item), item);
        }
    }

  bv_database_fill_sorted (store, all, compare);
  return TRUE;
}
