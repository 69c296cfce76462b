/* bv-database-groups.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-database.h"
#include "bv-database-private.h"

#include <glib/gi18n-lib.h>

/* The groups table, sorted by name, and who belongs to which group
 * (member_groups). */

static int
compare_groups (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  BvGroup *group_a = (BvGroup *)a;
  BvGroup *group_b = (BvGroup *)b;

  return bv_database_compare_names (bv_group_get_name (group_a), bv_group_get_name (group_b),
                                    bv_group_get_id (group_a), bv_group_get_id (group_b));
}

static BvGroup *
lookup_group (BvDatabase *self,
              const char *id,
              guint      *position)
{
  return bv_database_lookup (self->groups, id, (BvDatabaseGetId)bv_group_get_id, position);
}

gboolean
bv_database_load_groups (BvDatabase  *self,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (!bv_database_prepare (self, "SELECT id, name FROM groups", &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *name = g_utf8_make_valid (bv_database_column_text (stmt, 1), -1);

      g_ptr_array_add (groups, g_object_new (BV_TYPE_GROUP,
                                             "id", bv_database_column_text (stmt, 0),
                                             "name", name,
                                             NULL));
    }

  if (rc != SQLITE_DONE)
    return bv_database_set_error_from_sqlite (self, rc, error);

  bv_database_fill_sorted (self->groups, groups, compare_groups);
  return TRUE;
}

/* Replaces the groups of one member inside the caller's transaction.
 * Ids of groups that no longer exist are left out when @skip_missing. */
gboolean
bv_database_write_member_groups (BvDatabase          *self,
                                 const char          *member_id,
                                 const char * const  *group_ids,
                                 gboolean             skip_missing,
                                 GError             **error)
{
  g_autoptr(sqlite3_stmt) delete = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  if (!bv_database_prepare (self, "DELETE FROM member_groups WHERE member_id = ?1", &delete, error))
    return FALSE;
  sqlite3_bind_text (delete, 1, member_id, -1, SQLITE_STATIC);
  if (!bv_database_step_done (self, delete, error))
    return FALSE;

  if (!bv_database_prepare (self,
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
            bv_database_set_error_from_sqlite (self, rc, error);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
bv_database_write_group (BvDatabase  *self,
                         BvGroup     *group,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = g_strstrip (g_strdup (bv_group_get_name (group)));
  g_autofree char *key = bv_database_name_key (name);
  int rc;

  if (!*key)
    {
      g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                           _("The group has no name. Enter a name and try again."));
      return FALSE;
    }

  if (!bv_database_prepare (self,
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
        bv_database_set_error_from_sqlite (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

void
bv_database_publish_group (BvDatabase *self,
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
      bv_database_keep_sorted (self->groups, existing, position, compare_groups, TRUE);
    }
  else
    {
      g_list_store_insert_sorted (self->groups, group, compare_groups, NULL);
    }
}

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

  key = bv_database_name_key (name);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BvGroup) candidate = g_list_model_get_item (G_LIST_MODEL (self->groups), i);
      g_autofree char *candidate_key = bv_database_name_key (bv_group_get_name (candidate));

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

  if (!bv_database_begin (self, error))
    return FALSE;

  if (!bv_database_write_group (self, group, error) || !bv_database_commit (self, error))
    {
      bv_database_rollback (self);
      return FALSE;
    }

  bv_database_publish_group (self, group);
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
  guint n_items;
  guint position;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (id, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!bv_database_change_row (self, "DELETE FROM groups WHERE id = ?1", id, NULL,
                               _("The group was not found. It may have been deleted already."),
                               error))
    return FALSE;

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
      bv_database_keep_sorted (self->members, member, i, bv_database_compare_members, TRUE);
    }

  return TRUE;
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

  member = bv_database_lookup_member (self, member_id, &position);
  if (!member)
    return bv_database_set_member_not_found (error);

  if (!bv_database_begin (self, error))
    return FALSE;

  if (!bv_database_prepare (self, "UPDATE members SET updated = ?2 WHERE id = ?1", &touch, error))
    goto failed;
  sqlite3_bind_text (touch, 1, member_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (touch, 2, g_get_real_time () / G_USEC_PER_SEC);
  if (!bv_database_step_done (self, touch, error))
    goto failed;
  if (sqlite3_changes (self->db) == 0)
    {
      bv_database_set_member_not_found (error);
      goto failed;
    }
  g_clear_pointer (&touch, sqlite3_finalize);

  if (!bv_database_write_member_groups (self, member_id, group_ids, FALSE, error) || !bv_database_commit (self, error))
    goto failed;

  bv_member_set_group_ids (member, group_ids);
  _bv_member_set_times (member, bv_member_get_created (member), g_get_real_time () / G_USEC_PER_SEC);
  bv_database_keep_sorted (self->members, member, position, bv_database_compare_members, TRUE);
  return TRUE;

failed:
  g_clear_pointer (&touch, sqlite3_finalize);
  bv_database_rollback (self);
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
