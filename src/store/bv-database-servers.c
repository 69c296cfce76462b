/* bv-database-servers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-database.h"
#include "bv-database-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

/* The servers table: BigBlueButton servers, sorted by name. */

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

static BvServer *
lookup_server (BvDatabase *self,
               const char *id,
               guint      *position)
{
  return bv_database_lookup (self->servers, id, (BvDatabaseGetId)bv_server_get_id, position);
}

/* Columns from first on: detected_checksum, api_version, bbb_version,
 * load_balancer, checked_at. */
static void
set_connection_info_from_row (BvServer     *server,
                              sqlite3_stmt *stmt,
                              int           first)
{
  const char *detected = (const char *) sqlite3_column_text (stmt, first);
  g_autofree char *api_version = bv_database_column_dup_valid (stmt, first + 1);
  g_autofree char *bbb_version = bv_database_column_dup_valid (stmt, first + 2);

  if (detected && (!bv_server_checksum_is_valid (detected) || g_str_equal (detected, "auto")))
    detected = NULL;

  bv_server_set_connection_info (server, detected, api_version, bbb_version,
                                 sqlite3_column_int (stmt, first + 3) != 0,
                                 sqlite3_column_int64 (stmt, first + 4));
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

  if (!bv_database_prepare (self, "UPDATE servers SET dial_number = ?2 WHERE id = ?1", &stmt, &error))
    goto failed;
  sqlite3_bind_text (stmt, 1, bv_server_get_id (server), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, bv_server_get_dial_number (server), -1, SQLITE_STATIC);
  if (!bv_database_step_done (self, stmt, &error))
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

gboolean
bv_database_load_servers (BvDatabase  *self,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (!bv_database_prepare (self,
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
      g_autofree char *name = g_utf8_make_valid (bv_database_column_text (stmt, 1), -1);
      g_autofree char *url = g_utf8_make_valid (bv_database_column_text (stmt, 2), -1);
      const char *checksum = bv_database_column_text (stmt, 3);
      BvServer *server;

      if (!bv_server_checksum_is_valid (checksum))
        checksum = "auto";

      server = bv_server_new (bv_database_column_text (stmt, 0), name, url, checksum);
      g_ptr_array_add (servers, server);
      set_connection_info_from_row (server, stmt, 4);
      if (sqlite3_column_type (stmt, 9) != SQLITE_NULL)
        {
          g_autofree char *dial_number = g_utf8_make_valid (bv_database_column_text (stmt, 9), -1);

          bv_server_set_dial_number (server, dial_number);
        }
      track_server (self, server);
    }

  if (rc != SQLITE_DONE)
    return bv_database_set_error_from_sqlite (self, rc, error);

  bv_database_fill_sorted (self->servers, servers, compare_servers);

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

  if (lookup_server (self, bv_server_get_id (server), &position) != server)
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
  bv_server_set_name (server, bv_database_column_text (stmt, 0));
  bv_server_set_url (server, bv_database_column_text (stmt, 1));
  if (bv_server_checksum_is_valid (bv_database_column_text (stmt, 2)))
    bv_server_set_checksum (server, bv_database_column_text (stmt, 2));
  set_connection_info_from_row (server, stmt, 3);
  g_object_thaw_notify (G_OBJECT (server));

  bv_database_keep_sorted (self->servers, server, position, compare_servers, FALSE);
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

  server = lookup_server (self, id_or_name, NULL);
  if (server)
    return g_object_ref (server);

  key = bv_database_name_key (id_or_name);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->servers));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BvServer) candidate = g_list_model_get_item (G_LIST_MODEL (self->servers), i);
      g_autofree char *candidate_key = bv_database_name_key (bv_server_get_name (candidate));

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
  key = bv_database_name_key (name);

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

  if (!bv_database_begin (self, error))
    {
      reload_server (self, server);
      return FALSE;
    }

  if (!bv_database_prepare (self, sql, &stmt, error))
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
        bv_database_set_error_from_sqlite (self, rc, error);
      goto failed;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!bv_database_commit (self, error))
    goto failed;

  existing = lookup_server (self, bv_server_get_id (server), &position);
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

      bv_database_keep_sorted (self->servers, existing, position, compare_servers, FALSE);
    }
  else
    {
      g_list_store_insert_sorted (self->servers, server, compare_servers, NULL);
      track_server (self, server);
    }

  return TRUE;

failed:
  g_clear_pointer (&stmt, sqlite3_finalize);
  bv_database_rollback (self);
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
  guint position;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (id, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!bv_database_change_row (self, "DELETE FROM servers WHERE id = ?1", id, NULL,
                               _("The server was not found. It may have been deleted already."),
                               error))
    return FALSE;

  if (lookup_server (self, id, &position))
    g_list_store_remove (self->servers, position);

  /* ON DELETE SET NULL did the same on disk. */
  bv_database_forget_server_in_meetings (self, id);

  return TRUE;
}
