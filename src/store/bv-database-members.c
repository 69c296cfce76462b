/* bv-database-members.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-database.h"
#include "bv-database-private.h"
#include "bv-mail-record-private.h"

#include <glib/gi18n-lib.h>

/* The members table with their groups (member_groups), sorted by name;
 * deleting, restoring and erasing (DSGVO Art. 17) a member. */

int
bv_database_compare_members (gconstpointer a,
                             gconstpointer b,
                             gpointer      user_data)
{
  BvMember *member_a = (BvMember *)a;
  BvMember *member_b = (BvMember *)b;

  return bv_database_compare_people (bv_member_get_last_name (member_a), bv_member_get_first_name (member_a),
                                     bv_member_get_last_name (member_b), bv_member_get_first_name (member_b),
                                     bv_member_get_id (member_a), bv_member_get_id (member_b));
}

BvMember *
bv_database_lookup_member (BvDatabase *self,
                           const char *id,
                           guint      *position)
{
  return bv_database_lookup (self->members, id, (BvDatabaseGetId)bv_member_get_id, position);
}

BvMember *
bv_database_member_from_row (sqlite3_stmt *stmt)
{
  g_autofree char *name = bv_database_column_dup_valid (stmt, 1);
  g_autofree char *email = bv_database_column_dup_valid (stmt, 2);
  g_autofree char *phone = bv_database_column_dup_valid (stmt, 3);
  g_autofree char *notes = bv_database_column_dup_valid (stmt, 4);
  g_autofree char *first_name = bv_database_column_dup_valid (stmt, 7);
  g_autofree char *last_name = bv_database_column_dup_valid (stmt, 8);
  BvMemberSalutation salutation = BV_MEMBER_SALUTATION_NEUTRAL;
  BvMember *member;

  member = g_object_new (BV_TYPE_MEMBER,
                         "id", bv_database_column_text (stmt, 0),
                         "email", email,
                         "phone", phone,
                         "notes", notes,
                         NULL);
  /* Rows always carry both parts since schema 8; a row whose parts are
   * empty (written by hand) still shows its full name. */
  if ((first_name && *first_name) || (last_name && *last_name))
    bv_member_set_names (member, first_name, last_name);
  else
    bv_member_set_name (member, name);
  bv_member_salutation_from_string (bv_database_column_text (stmt, 9), &salutation);
  bv_member_set_salutation (member, salutation);
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

  if (!bv_database_prepare (self,
                            member_id ? "SELECT member_id, group_id FROM member_groups WHERE member_id = ?1"
                                      : "SELECT member_id, group_id FROM member_groups",
                            &stmt, error))
    return NULL;
  if (member_id)
    sqlite3_bind_text (stmt, 1, member_id, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GPtrArray *ids = g_hash_table_lookup (table, bv_database_column_text (stmt, 0));

      if (!ids)
        {
          ids = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (table, g_strdup (bv_database_column_text (stmt, 0)), ids);
        }
      g_ptr_array_add (ids, g_strdup (bv_database_column_text (stmt, 1)));
    }

  if (rc != SQLITE_DONE)
    {
      bv_database_set_error_from_sqlite (self, rc, error);
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

gboolean
bv_database_load_members (BvDatabase  *self,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) memberships = NULL;
  int rc;

  memberships = read_memberships (self, NULL, error);
  if (!memberships)
    return FALSE;

  if (!bv_database_prepare (self, "SELECT " BV_DATABASE_MEMBER_COLUMNS " FROM members", &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BvMember *member = bv_database_member_from_row (stmt);

      set_group_ids_from (member, memberships);
      g_ptr_array_add (members, member);
    }

  if (rc != SQLITE_DONE)
    return bv_database_set_error_from_sqlite (self, rc, error);

  bv_database_fill_sorted (self->members, members, bv_database_compare_members);
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

  if (bv_database_lookup_member (self, bv_member_get_id (member), &position) != member)
    return;

  if (sqlite3_prepare_v2 (self->db, "SELECT " BV_DATABASE_MEMBER_COLUMNS " FROM members WHERE id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_text (stmt, 1, bv_member_get_id (member), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return;

  stored = bv_database_member_from_row (stmt);
  memberships = read_memberships (self, bv_member_get_id (member), NULL);
  if (memberships)
    set_group_ids_from (stored, memberships);
  else
    bv_member_set_group_ids (stored, bv_member_get_group_ids (member));

  bv_member_update_from (member, stored);
  bv_database_keep_sorted (self->members, member, position, bv_database_compare_members, TRUE);
}

gboolean
bv_database_set_member_not_found (GError **error)
{
  g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND,
                       _("The member was not found. It may have been deleted already."));
  return FALSE;
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

  if (!bv_database_prepare (self, "SELECT name FROM members WHERE email_key = ?1 AND id <> ?2", &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, email_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, bv_member_get_id (member), -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return bv_database_set_error_from_sqlite (self, rc, error);

  name = g_utf8_make_valid (bv_database_column_text (stmt, 0), -1);
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
    "INSERT INTO members (id, name, email, email_key, phone, notes, created, updated,"
    "                     first_name, last_name, salutation)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    " ON CONFLICT (id) DO UPDATE SET"
    "  name = excluded.name, email = excluded.email, email_key = excluded.email_key,"
    "  phone = excluded.phone, notes = excluded.notes, updated = excluded.updated,"
    "  first_name = excluded.first_name, last_name = excluded.last_name,"
    "  salutation = excluded.salutation";
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

  if (!bv_database_prepare (self, sql, &stmt, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, bv_member_get_id (member), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, bv_member_get_email (member), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, email_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, bv_member_get_phone (member), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, bv_member_get_notes (member), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, created > 0 ? created : now);
  sqlite3_bind_int64 (stmt, 8, now);
  sqlite3_bind_text (stmt, 9, bv_member_get_first_name (member), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, bv_member_get_last_name (member), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, bv_member_salutation_to_string (bv_member_get_salutation (member)),
                     -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return bv_database_set_error_from_sqlite (self, rc, error);

  if (!bv_database_write_member_groups (self, bv_member_get_id (member), bv_member_get_group_ids (member),
                                        skip_missing_groups, error))
    return FALSE;

  if (!bv_database_prepare (self, "SELECT created, updated FROM members WHERE id = ?1", &times, error))
    return FALSE;
  sqlite3_bind_text (times, 1, bv_member_get_id (member), -1, SQLITE_STATIC);
  rc = sqlite3_step (times);
  if (rc != SQLITE_ROW)
    return bv_database_set_error_from_sqlite (self, rc, error);
  *out_created = sqlite3_column_int64 (times, 0);
  *out_updated = sqlite3_column_int64 (times, 1);

  return TRUE;
}

/* After a commit: the in-memory list follows what is now on disk. */
static void
prepare_member (BvMember *member,
                gint64    created,
                gint64    updated)
{
  /* Both parts are kept stripped by the member itself, so what is shown
   * is what is stored. */
  _bv_member_set_times (member, created, updated);
}

static void
publish_member (BvDatabase *self,
                BvMember   *member)
{
  BvMember *existing;
  guint position;

  existing = bv_database_lookup_member (self, bv_member_get_id (member), &position);
  if (existing)
    {
      if (existing != member)
        bv_member_update_from (existing, member);
      bv_database_keep_sorted (self->members, existing, position, bv_database_compare_members, TRUE);
    }
  else
    {
      g_list_store_insert_sorted (self->members, member, bv_database_compare_members, NULL);
    }
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

  member = bv_database_lookup_member (self, id, NULL);
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

  if (!bv_database_begin (self, error))
    {
      reload_member (self, member);
      return FALSE;
    }

  if (!write_member (self, member, 0, FALSE, &created, &updated, error) ||
      !bv_database_commit (self, error))
    {
      bv_database_rollback (self);
      reload_member (self, member);
      return FALSE;
    }

  prepare_member (member, created, updated);
  publish_member (self, member);
  return TRUE;
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

  if (!bv_database_begin (self, error))
    return FALSE;

  for (guint i = 0; new_groups && i < new_groups->len; i++)
    if (!bv_database_write_group (self, g_ptr_array_index (new_groups, i), error))
      goto failed;

  for (guint i = 0; i < members->len; i++)
    {
      BvMember *member = g_ptr_array_index (members, i);

      if (!write_member (self, member, 0, FALSE,
                         &g_array_index (times, gint64, 2 * i),
                         &g_array_index (times, gint64, 2 * i + 1), error))
        goto failed;
    }

  if (!bv_database_commit (self, error))
    goto failed;

  for (guint i = 0; new_groups && i < new_groups->len; i++)
    bv_database_publish_group (self, g_ptr_array_index (new_groups, i));
  for (guint i = 0; i < members->len; i++)
    prepare_member (g_ptr_array_index (members, i),
                    g_array_index (times, gint64, 2 * i), g_array_index (times, gint64, 2 * i + 1));
  if (!bv_database_publish_bulk (self->members, members, (BvDatabaseGetId) bv_member_get_id,
                                 (BvDatabaseUpdateFrom) bv_member_update_from, bv_database_compare_members))
    for (guint i = 0; i < members->len; i++)
      publish_member (self, g_ptr_array_index (members, i));

  return TRUE;

failed:
  bv_database_rollback (self);
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
  if (!bv_database_prepare (self, "DELETE FROM members WHERE id = ?1", &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (!bv_database_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return bv_database_set_member_not_found (error);

  return TRUE;
}

static void
forget_member (BvDatabase *self,
               const char *id)
{
  guint position;

  if (bv_database_lookup_member (self, id, &position))
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

  if (!bv_database_begin (self, error))
    return FALSE;

  if (!delete_member_row (self, id, error) || !bv_database_commit (self, error))
    {
      bv_database_rollback (self);
      return FALSE;
    }

  forget_member (self, id);
  return TRUE;
}


/**
 * bv_database_restore_member:
 * @member: a member as it was before bv_database_delete_member()
 * @participations: (nullable) (element-type BvParticipant): their
 *   invitations as bv_database_list_member_participations() gave them
 * @mail_records: (nullable) (element-type BvMailRecord): the sending
 *   records of those invitations as
 *   bv_database_list_member_mail_records() gave them
 *
 * Undoes a delete in one transaction: the member with their id, creation
 * time, groups and invitations (with the same link keys, so that links
 * already sent keep working) and their sending records, so that "only
 * unsent" does not send an invitation a second time. Groups and meetings
 * deleted in between are left out.
 *
 * Returns: %TRUE if restored
 */
gboolean
bv_database_restore_member (BvDatabase  *self,
                            BvMember    *member,
                            GPtrArray   *participations,
                            GPtrArray   *mail_records,
                            GError     **error)
{
  gint64 created = 0;
  gint64 updated = 0;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (BV_IS_MEMBER (member), FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!bv_database_begin (self, error))
    return FALSE;

  if (!write_member (self, member, bv_member_get_created (member), TRUE, &created, &updated, error))
    goto failed;

  for (guint i = 0; participations && i < participations->len; i++)
    if (!bv_database_write_participant (self, g_ptr_array_index (participations, i), TRUE, error))
      goto failed;

  for (guint i = 0; mail_records && i < mail_records->len; i++)
    if (!bv_database_write_mail_record (self, g_ptr_array_index (mail_records, i), error))
      goto failed;

  if (!bv_database_commit (self, error))
    goto failed;

  /* Groups deleted in between are gone from the row as well. */
  {
    g_autoptr(GHashTable) memberships = read_memberships (self, bv_member_get_id (member), NULL);

    if (memberships)
      set_group_ids_from (member, memberships);
  }
  prepare_member (member, created, updated);
  publish_member (self, member);
  return TRUE;

failed:
  bv_database_rollback (self);
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
    return bv_database_set_member_not_found (error);

  if (!bv_database_exec (self, "PRAGMA secure_delete = ON", error))
    return FALSE;

  if (!bv_database_begin (self, error))
    goto out;

  if (bv_member_get_email (member))
    {
      /* lower () folds ASCII only, which is what addresses are made of in
       * practice; a guest with an umlaut domain in other case stays. */
      if (!bv_database_prepare (self,
                                "DELETE FROM meeting_participants WHERE member_id IS NULL"
                                " AND lower (trim (guest_email)) = lower (trim (?1))",
                                &guests, error))
        goto failed;
      sqlite3_bind_text (guests, 1, bv_member_get_email (member), -1, SQLITE_STATIC);
      if (!bv_database_step_done (self, guests, error))
        goto failed;
      g_clear_pointer (&guests, sqlite3_finalize);
    }

  if (!delete_member_row (self, id, error) || !bv_database_commit (self, error))
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
  bv_database_rollback (self);

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
