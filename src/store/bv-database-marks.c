/* bv-database-marks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-database.h"
#include "bv-database-private.h"
#include "bv-invitation-mark.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

/* The invitation_marks table (issue 17, proof of proper invitation). */

const char *
bv_invitation_mark_how_to_string (BvInvitationMarkHow how)
{
  switch (how)
    {
    case BV_INVITATION_MARK_LETTER:
      return "letter";
    case BV_INVITATION_MARK_PERSON:
      return "person";
    case BV_INVITATION_MARK_NONE:
    default:
      return NULL;
    }
}

gboolean
bv_invitation_mark_how_from_string (const char          *string,
                                    BvInvitationMarkHow *how)
{
  if (g_strcmp0 (string, "letter") == 0)
    *how = BV_INVITATION_MARK_LETTER;
  else if (g_strcmp0 (string, "person") == 0)
    *how = BV_INVITATION_MARK_PERSON;
  else
    return FALSE;
  return TRUE;
}

gboolean
bv_database_set_invitation_mark (BvDatabase          *self,
                                 const char          *participant_id,
                                 BvInvitationMarkHow  how,
                                 const GDate         *day,
                                 GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) exists = NULL;
  char iso[16];

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (participant_id, FALSE);
  g_return_val_if_fail (how == BV_INVITATION_MARK_NONE || (day && g_date_valid (day)), FALSE);

  if (!bv_database_prepare (self, "SELECT 1 FROM meeting_participants WHERE id = ?1", &exists, error))
    return FALSE;
  sqlite3_bind_text (exists, 1, participant_id, -1, SQLITE_STATIC);
  if (sqlite3_step (exists) != SQLITE_ROW)
    {
      g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND,
                   _("The invitation no longer exists."));
      return FALSE;
    }

  if (how == BV_INVITATION_MARK_NONE)
    {
      if (!bv_database_prepare (self, "DELETE FROM invitation_marks WHERE participant_id = ?1",
                                &stmt, error))
        return FALSE;
      sqlite3_bind_text (stmt, 1, participant_id, -1, SQLITE_STATIC);
      return bv_database_step_done (self, stmt, error);
    }

  g_snprintf (iso, sizeof iso, "%04d-%02d-%02d",
              g_date_get_year (day), g_date_get_month (day), g_date_get_day (day));
  if (!bv_database_prepare (self,
                            "INSERT INTO invitation_marks (participant_id, how, day)"
                            " VALUES (?1, ?2, ?3) ON CONFLICT (participant_id) DO UPDATE SET"
                            "  how = excluded.how, day = excluded.day",
                            &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, participant_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, bv_invitation_mark_how_to_string (how), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, iso, -1, SQLITE_TRANSIENT);
  return bv_database_step_done (self, stmt, error);
}

BvInvitationMarkHow
bv_database_get_invitation_mark (BvDatabase *self,
                                 const char *participant_id,
                                 GDate      *day)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  BvInvitationMarkHow how;
  int y, m, d;

  g_return_val_if_fail (BV_IS_DATABASE (self), BV_INVITATION_MARK_NONE);
  g_return_val_if_fail (participant_id, BV_INVITATION_MARK_NONE);

  if (day)
    g_date_clear (day, 1);
  if (!bv_database_prepare (self, "SELECT how, day FROM invitation_marks WHERE participant_id = ?1",
                            &stmt, &error))
    {
      g_warning ("Reading an invitation mark failed: %s", error->message);
      return BV_INVITATION_MARK_NONE;
    }
  sqlite3_bind_text (stmt, 1, participant_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return BV_INVITATION_MARK_NONE;
  if (!bv_invitation_mark_how_from_string (bv_database_column_text (stmt, 0), &how) ||
      sscanf (bv_database_column_text (stmt, 1), "%d-%d-%d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return BV_INVITATION_MARK_NONE;
  if (day)
    g_date_set_dmy (day, d, m, y);
  return how;
}

void
bv_invitation_mark_free (BvInvitationMark *mark)
{
  if (!mark)
    return;
  g_free (mark->participant_id);
  g_free (mark);
}

GPtrArray *
bv_database_list_member_invitation_marks (BvDatabase *self,
                                          const char *member_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *marks;

  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (member_id, NULL);

  marks = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_invitation_mark_free);
  if (!bv_database_prepare (self,
                            "SELECT k.participant_id FROM invitation_marks k"
                            " JOIN meeting_participants p ON p.id = k.participant_id"
                            " WHERE p.member_id = ?1",
                            &stmt, &error))
    {
      g_warning ("Reading the invitation marks of a member failed: %s", error->message);
      return marks;
    }
  sqlite3_bind_text (stmt, 1, member_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      BvInvitationMark *mark = g_new0 (BvInvitationMark, 1);

      mark->participant_id = g_strdup (bv_database_column_text (stmt, 0));
      mark->how = bv_database_get_invitation_mark (self, mark->participant_id, &mark->day);
      if (mark->how == BV_INVITATION_MARK_NONE)
        bv_invitation_mark_free (mark);
      else
        g_ptr_array_add (marks, mark);
    }
  return marks;
}

gboolean
bv_database_restore_invitation_marks (BvDatabase *self,
                                      GPtrArray  *marks,
                                      GError    **error)
{
  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);

  for (guint i = 0; marks && i < marks->len; i++)
    {
      BvInvitationMark *mark = g_ptr_array_index (marks, i);
      g_autoptr(GError) local_error = NULL;

      if (!bv_database_set_invitation_mark (self, mark->participant_id, mark->how, &mark->day, &local_error))
        {
          if (g_error_matches (local_error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}
