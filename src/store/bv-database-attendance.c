/* bv-database-attendance.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-database.h"
#include "bv-database-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

/* The attendance of meetings (issue 17): stays and gaps, written once per
 * poll in one transaction, so that a crash or a restart in the middle
 * leaves what the last poll saw and recording simply goes on. */

G_DEFINE_BOXED_TYPE (BvAttendanceEntry, bv_attendance_entry, bv_attendance_entry_copy, bv_attendance_entry_free)

BvAttendanceEntry *
bv_attendance_entry_copy (const BvAttendanceEntry *entry)
{
  BvAttendanceEntry *copy = g_memdup2 (entry, sizeof *entry);

  copy->meeting_id = g_strdup (entry->meeting_id);
  copy->participant_id = g_strdup (entry->participant_id);
  copy->member_id = g_strdup (entry->member_id);
  copy->user_id = g_strdup (entry->user_id);
  copy->full_name = g_strdup (entry->full_name);
  return copy;
}

void
bv_attendance_entry_free (BvAttendanceEntry *entry)
{
  if (!entry)
    return;
  g_free (entry->meeting_id);
  g_free (entry->participant_id);
  g_free (entry->member_id);
  g_free (entry->user_id);
  g_free (entry->full_name);
  g_free (entry);
}

#define ENTRY_COLUMNS \
  "id, meeting_id, participant_id, member_id, user_id, full_name, invited," \
  " joined_at, last_seen, left_at"

static BvAttendanceEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  BvAttendanceEntry *entry = g_new0 (BvAttendanceEntry, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->meeting_id = bv_database_column_dup_valid (stmt, 1);
  entry->participant_id = bv_database_column_dup_valid (stmt, 2);
  entry->member_id = bv_database_column_dup_valid (stmt, 3);
  entry->user_id = bv_database_column_dup_valid (stmt, 4);
  entry->full_name = bv_database_column_dup_valid (stmt, 5);
  if (!entry->full_name)
    entry->full_name = g_strdup ("");
  entry->invited = sqlite3_column_int (stmt, 6) != 0;
  entry->joined_at = sqlite3_column_int64 (stmt, 7);
  entry->last_seen = sqlite3_column_int64 (stmt, 8);
  entry->left_at = sqlite3_column_int64 (stmt, 9);
  return entry;
}

static GPtrArray *
list_entries (BvDatabase *self,
              const char *sql,
              const char *meeting_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_attendance_entry_free);
  int rc;

  if (!bv_database_prepare (self, sql, &stmt, NULL))
    return entries;
  sqlite3_bind_text (stmt, 1, meeting_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));
  if (rc != SQLITE_DONE)
    g_warning ("Reading the attendance failed: %s", sqlite3_errstr (rc));
  return entries;
}

/**
 * bv_database_list_attendance:
 *
 * Returns: (transfer container) (element-type BvAttendanceEntry): every
 *   stay in the meeting's room, in the order people came
 */
GPtrArray *
bv_database_list_attendance (BvDatabase *self,
                             const char *meeting_id)
{
  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (meeting_id, NULL);

  return list_entries (self,
                       "SELECT " ENTRY_COLUMNS " FROM attendance WHERE meeting_id = ?1"
                       " ORDER BY joined_at, id",
                       meeting_id);
}

/**
 * bv_database_list_attendance_gaps:
 *
 * Returns: (transfer container) (element-type BvAttendanceGap): the times
 *   the server could not be asked, oldest first
 */
GPtrArray *
bv_database_list_attendance_gaps (BvDatabase *self,
                                  const char *meeting_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *gaps;

  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (meeting_id, NULL);

  gaps = g_ptr_array_new_with_free_func (g_free);
  if (!bv_database_prepare (self,
                            "SELECT started_at, ended_at FROM attendance_gaps"
                            " WHERE meeting_id = ?1 ORDER BY started_at",
                            &stmt, NULL))
    return gaps;
  sqlite3_bind_text (stmt, 1, meeting_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      BvAttendanceGap *gap = g_new0 (BvAttendanceGap, 1);

      gap->started_at = sqlite3_column_int64 (stmt, 0);
      gap->ended_at = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (gaps, gap);
    }
  return gaps;
}

static gboolean
run (BvDatabase    *self,
     sqlite3_stmt  *stmt,
     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    return bv_database_set_error_from_sqlite (self, rc, error);
  return TRUE;
}

/* Inside the caller's transaction: whether a gap is open; closes it at @now. */
static gboolean
close_gap (BvDatabase  *self,
           const char  *meeting_id,
           gint64       now,
           gboolean    *was_open,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!bv_database_prepare (self,
                            "UPDATE attendance_gaps SET ended_at = ?2"
                            " WHERE meeting_id = ?1 AND ended_at IS NULL",
                            &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, meeting_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!run (self, stmt, error))
    return FALSE;
  *was_open = sqlite3_changes (self->db) > 0;
  return TRUE;
}

/**
 * bv_database_record_attendance:
 * @seen: (element-type BvAttendanceSeen): everyone the poll at @now saw
 *
 * One poll's answer, in one transaction: a gap that was open ends at
 * @now; whoever is seen and not yet present starts a stay; whoever was
 * present and is no longer seen leaves at @now, or, after a gap, at the
 * last time they were seen (the app cannot know more).
 */
gboolean
bv_database_record_attendance (BvDatabase  *self,
                               const char  *meeting_id,
                               gint64       now,
                               GPtrArray   *seen,
                               GError     **error)
{
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GHashTable) present = NULL;
  g_autoptr(sqlite3_stmt) touch = NULL;
  g_autoptr(sqlite3_stmt) leave = NULL;
  g_autoptr(sqlite3_stmt) join = NULL;
  gboolean after_gap = FALSE;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (meeting_id, FALSE);
  g_return_val_if_fail (seen, FALSE);

  if (!bv_database_begin (self, error))
    return FALSE;

  if (!close_gap (self, meeting_id, now, &after_gap, error))
    goto failed;

  open = list_entries (self,
                       "SELECT " ENTRY_COLUMNS " FROM attendance"
                       " WHERE meeting_id = ?1 AND left_at IS NULL",
                       meeting_id);
  present = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < open->len; i++)
    {
      BvAttendanceEntry *entry = g_ptr_array_index (open, i);

      g_hash_table_insert (present, entry->user_id, entry);
    }

  if (!bv_database_prepare (self, "UPDATE attendance SET last_seen = ?2 WHERE id = ?1", &touch, error) ||
      !bv_database_prepare (self, "UPDATE attendance SET left_at = ?2 WHERE id = ?1", &leave, error) ||
      !bv_database_prepare (self,
                            "INSERT INTO attendance (meeting_id, participant_id, member_id, user_id,"
                            "                        full_name, invited, joined_at, last_seen)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                            &join, error))
    goto failed;

  for (guint i = 0; i < seen->len; i++)
    {
      const BvAttendanceSeen *person = g_ptr_array_index (seen, i);
      BvAttendanceEntry *entry;

      if (!person->user_id || !*person->user_id)
        continue;
      entry = g_hash_table_lookup (present, person->user_id);
      if (entry)
        {
          /* Seen twice in one answer (two browser tabs) counts once. */
          if (entry->last_seen == now)
            continue;
          entry->last_seen = now;
          sqlite3_reset (touch);
          sqlite3_bind_int64 (touch, 1, entry->id);
          sqlite3_bind_int64 (touch, 2, now);
          if (!run (self, touch, error))
            goto failed;
          continue;
        }

      sqlite3_reset (join);
      sqlite3_bind_text (join, 1, meeting_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (join, 2, person->participant_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (join, 3, person->member_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (join, 4, person->user_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (join, 5, person->full_name ? person->full_name : "", -1, SQLITE_STATIC);
      sqlite3_bind_int (join, 6, person->invited);
      sqlite3_bind_int64 (join, 7, now);
      if (!run (self, join, error))
        goto failed;

      entry = g_new0 (BvAttendanceEntry, 1);
      entry->user_id = g_strdup (person->user_id);
      entry->last_seen = now;
      g_ptr_array_add (open, entry);
      g_hash_table_insert (present, entry->user_id, entry);
    }

  for (guint i = 0; i < open->len; i++)
    {
      BvAttendanceEntry *entry = g_ptr_array_index (open, i);

      if (entry->last_seen == now)
        continue;
      sqlite3_reset (leave);
      sqlite3_bind_int64 (leave, 1, entry->id);
      sqlite3_bind_int64 (leave, 2, after_gap ? entry->last_seen : now);
      if (!run (self, leave, error))
        goto failed;
    }

  if (!bv_database_commit (self, error))
    goto failed;
  return TRUE;

failed:
  bv_database_rollback (self);
  return FALSE;
}

/**
 * bv_database_note_attendance_gap:
 * @started_at: since when the server has not answered: the last poll
 *   that got an answer
 *
 * Opens a gap unless one is open already. The stays go on: whoever was
 * present stays so until an answer says otherwise.
 */
gboolean
bv_database_note_attendance_gap (BvDatabase  *self,
                                 const char  *meeting_id,
                                 gint64       started_at,
                                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (meeting_id, FALSE);

  if (!bv_database_prepare (self,
                            "INSERT INTO attendance_gaps (meeting_id, started_at)"
                            " SELECT ?1, ?2 WHERE NOT EXISTS"
                            " (SELECT 1 FROM attendance_gaps WHERE meeting_id = ?1 AND ended_at IS NULL)",
                            &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, meeting_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, started_at);
  return run (self, stmt, error);
}

/**
 * bv_database_get_attendance_last_seen:
 *
 * Returns: the last time a poll got an answer for the meeting while
 *   somebody was present, or 0; a restarted app uses it to mark the time
 *   it was not running as a gap
 */
gint64
bv_database_get_attendance_last_seen (BvDatabase *self,
                                      const char *meeting_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BV_IS_DATABASE (self), 0);
  g_return_val_if_fail (meeting_id, 0);

  if (!bv_database_prepare (self,
                            "SELECT max(last_seen) FROM attendance WHERE meeting_id = ?1 AND left_at IS NULL",
                            &stmt, NULL))
    return 0;
  sqlite3_bind_text (stmt, 1, meeting_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * bv_database_delete_attendance_before:
 * @cutoff: seconds since the epoch
 *
 * Deletes the stays that ended before @cutoff and the gaps that ended
 * before it: attendance is personal data, kept only as long as the club
 * set (Preferences). Stays still open are kept.
 *
 * Returns: %TRUE unless the file could not be written
 */
gboolean
bv_database_delete_attendance_before (BvDatabase  *self,
                                      gint64       cutoff,
                                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stays = NULL;
  g_autoptr(sqlite3_stmt) gaps = NULL;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);

  if (!bv_database_begin (self, error))
    return FALSE;
  if (!bv_database_prepare (self, "DELETE FROM attendance WHERE left_at IS NOT NULL AND left_at < ?1",
                            &stays, error) ||
      !bv_database_prepare (self, "DELETE FROM attendance_gaps WHERE ended_at IS NOT NULL AND ended_at < ?1",
                            &gaps, error))
    goto failed;
  sqlite3_bind_int64 (stays, 1, cutoff);
  sqlite3_bind_int64 (gaps, 1, cutoff);
  if (!run (self, stays, error) || !run (self, gaps, error) || !bv_database_commit (self, error))
    goto failed;
  return TRUE;

failed:
  bv_database_rollback (self);
  return FALSE;
}
