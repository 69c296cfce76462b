/* bv-database-participants.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-database.h"
#include "bv-database-private.h"

#include <glib/gi18n-lib.h>

/* The meeting_participants table: who is invited to which meeting, as a
 * member or as a guest, with the key of their personal link. */

gboolean
bv_database_write_participant (BvDatabase     *self,
                               BvParticipant  *participant,
                               gboolean        skip_missing,
                               GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *member_id = bv_participant_get_member_id (participant);
  int rc;

  /* A restore leaves out what was deleted in between (the meeting) or
   * is there already; an explicit add reports it. */
  if (!bv_database_prepare (self,
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
      if (member_id && !bv_database_lookup_member (self, member_id, NULL))
        bv_database_set_member_not_found (error);
      else
        bv_database_set_meeting_not_found (error);
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
      bv_database_set_error_from_sqlite (self, rc, error);
      break;
    }
  return FALSE;
}

int
bv_database_compare_participant_names (gconstpointer a,
                                       gconstpointer b)
{
  BvParticipant *participant_a = *(BvParticipant * const *)a;
  BvParticipant *participant_b = *(BvParticipant * const *)b;

  return bv_database_compare_people (bv_participant_get_last_name (participant_a),
                                     bv_participant_get_first_name (participant_a),
                                     bv_participant_get_last_name (participant_b),
                                     bv_participant_get_first_name (participant_b),
                                     bv_participant_get_id (participant_a),
                                     bv_participant_get_id (participant_b));
}

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

  return bv_database_compare_participant_names (a, b);
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
                     " p.role, p.link_key, m.first_name, m.last_name, m.salutation"
                     " FROM meeting_participants p LEFT JOIN members m ON m.id = p.member_id"
                     " WHERE ", where, NULL);

  if (!bv_database_prepare (self, sql, &stmt, &error))
    {
      g_warning ("Could not read invitations: %s", error->message);
      return g_steal_pointer (&participants);
    }
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *member_id = bv_database_column_dup_valid (stmt, 2);
      g_autofree char *name = bv_database_column_dup_valid (stmt, 3);
      g_autofree char *email = bv_database_column_dup_valid (stmt, 4);
      BvParticipantRole role = BV_PARTICIPANT_ROLE_PARTICIPANT;
      BvParticipant *participant;

      bv_participant_role_from_string (bv_database_column_text (stmt, 5), &role);
      /* Written before addresses were checked on every write (a calendar
       * import once kept "anna@x.org,boss@evil.org"): such an address
       * must not reach a link, a mail-merge row or a calendar file. */
      if (email && !bv_member_email_is_valid (email))
        g_clear_pointer (&email, g_free);
      participant = _bv_participant_new_full (bv_database_column_text (stmt, 0), bv_database_column_text (stmt, 1),
                                              member_id, name, email, role,
                                              bv_database_column_text (stmt, 6));
      if (member_id && sqlite3_column_type (stmt, 7) != SQLITE_NULL
          && (*bv_database_column_text (stmt, 7) || *bv_database_column_text (stmt, 8)))
        {
          g_autofree char *first_name = bv_database_column_dup_valid (stmt, 7);
          g_autofree char *last_name = bv_database_column_dup_valid (stmt, 8);
          BvMemberSalutation salutation = BV_MEMBER_SALUTATION_NEUTRAL;

          bv_member_salutation_from_string (bv_database_column_text (stmt, 9), &salutation);
          _bv_participant_set_member_names (participant, first_name, last_name, salutation);
        }
      g_ptr_array_add (participants, participant);
    }

  if (rc != SQLITE_DONE)
    {
      bv_database_set_error_from_sqlite (self, rc, &error);
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

  if (!bv_database_begin (self, error))
    return FALSE;

  if (!bv_database_write_participant (self, participant, FALSE, error) || !bv_database_commit (self, error))
    {
      bv_database_rollback (self);
      return FALSE;
    }

  return TRUE;
}

static const char *
invitation_not_found (void)
{
  return _("The invitation was not found. It may have been removed already.");
}

gboolean
bv_database_remove_participant (BvDatabase  *self,
                                const char  *participant_id,
                                GError     **error)
{
  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (participant_id, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  return bv_database_change_row (self, "DELETE FROM meeting_participants WHERE id = ?1",
                                 participant_id, NULL, invitation_not_found (), error);
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

  return bv_database_change_row (self, "UPDATE meeting_participants SET role = ?2 WHERE id = ?1",
                                 participant_id, bv_participant_role_to_string (role),
                                 invitation_not_found (), error);
}
