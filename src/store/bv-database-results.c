/* bv-database-results.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-database.h"
#include "bv-database-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

/* What the minutes of an assembly need besides the meeting and its
 * attendance (issue 17): ordinary or extraordinary, chair, recorder, and
 * the result of each agenda item. */

void
bv_minutes_facts_clear (BvMinutesFacts *facts)
{
  g_clear_pointer (&facts->chair, g_free);
  g_clear_pointer (&facts->recorder, g_free);
  facts->extraordinary = FALSE;
}

/**
 * bv_database_get_minutes_facts:
 * @facts: (out caller-allocates): cleared with bv_minutes_facts_clear ()
 *
 * An ordinary assembly with neither chair nor recorder when nothing is
 * stored.
 */
void
bv_database_get_minutes_facts (BvDatabase     *self,
                               const char     *meeting_id,
                               BvMinutesFacts *facts)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_if_fail (BV_IS_DATABASE (self));
  g_return_if_fail (meeting_id && facts);

  memset (facts, 0, sizeof *facts);
  if (!bv_database_prepare (self,
                            "SELECT extraordinary, chair, recorder FROM meeting_minutes"
                            " WHERE meeting_id = ?1",
                            &stmt, NULL))
    return;
  sqlite3_bind_text (stmt, 1, meeting_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return;
  facts->extraordinary = sqlite3_column_int (stmt, 0) != 0;
  facts->chair = bv_database_column_dup_valid (stmt, 1);
  facts->recorder = bv_database_column_dup_valid (stmt, 2);
}

static gboolean
meeting_exists (BvDatabase *self,
                const char *meeting_id)
{
  g_autoptr(BvMeeting) meeting = bv_database_find_meeting (self, meeting_id);

  return meeting != NULL;
}

static const char *
or_null (const char *text)
{
  return text && *text ? text : NULL;
}

gboolean
bv_database_set_minutes_facts (BvDatabase           *self,
                               const char           *meeting_id,
                               const BvMinutesFacts *facts,
                               GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (meeting_id && facts, FALSE);

  if (!meeting_exists (self, meeting_id))
    return bv_database_set_meeting_not_found (error);
  if (!bv_database_prepare (self,
                            "INSERT INTO meeting_minutes (meeting_id, extraordinary, chair, recorder)"
                            " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (meeting_id) DO UPDATE SET"
                            " extraordinary = ?2, chair = ?3, recorder = ?4",
                            &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, meeting_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, facts->extraordinary ? 1 : 0);
  sqlite3_bind_text (stmt, 3, or_null (facts->chair), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, or_null (facts->recorder), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return bv_database_set_error_from_sqlite (self, rc, error);
  return TRUE;
}

#define RESULT_COLUMNS \
  "item_id, kind, vote_kind, yes, no, abstentions, invalid, office, accepted, present, recorded_at"

static BvAgendaResult *
result_from_row (BvDatabase   *self,
                 const char   *meeting_id,
                 sqlite3_stmt *stmt)
{
  g_autofree char *item_id = bv_database_column_dup_valid (stmt, 0);
  const char *kind = (const char *) sqlite3_column_text (stmt, 1);
  BvAgendaResult *result;
  g_autoptr(sqlite3_stmt) elected = NULL;

  result = bv_agenda_result_new (item_id ? item_id : "",
                                 g_strcmp0 (kind, "election") == 0 ? BV_AGENDA_RESULT_ELECTION
                                                                   : BV_AGENDA_RESULT_VOTE);
  result->vote_kind = bv_database_column_dup_valid (stmt, 2);
  result->yes = sqlite3_column_int (stmt, 3);
  result->no = sqlite3_column_int (stmt, 4);
  result->abstentions = sqlite3_column_int (stmt, 5);
  result->invalid = sqlite3_column_int (stmt, 6);
  result->office = bv_database_column_dup_valid (stmt, 7);
  result->accepted = sqlite3_column_int (stmt, 8) != 0;
  result->present = sqlite3_column_int (stmt, 9);
  result->recorded_at = sqlite3_column_int64 (stmt, 10);

  if (!bv_database_prepare (self,
                            "SELECT name, votes FROM agenda_result_elected"
                            " WHERE meeting_id = ?1 AND item_id = ?2 ORDER BY position",
                            &elected, NULL))
    return result;
  sqlite3_bind_text (elected, 1, meeting_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (elected, 2, result->item_id, -1, SQLITE_STATIC);
  while (sqlite3_step (elected) == SQLITE_ROW)
    {
      g_autofree char *name = bv_database_column_dup_valid (elected, 0);

      bv_agenda_result_add_elected (result, name, sqlite3_column_int (elected, 1));
    }
  return result;
}

/**
 * bv_database_list_agenda_results:
 *
 * Returns: (transfer container) (element-type BvAgendaResult)
 */
GPtrArray *
bv_database_list_agenda_results (BvDatabase *self,
                                 const char *meeting_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *results;

  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (meeting_id, NULL);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_agenda_result_free);
  if (!bv_database_prepare (self,
                            "SELECT " RESULT_COLUMNS " FROM agenda_results WHERE meeting_id = ?1"
                            " ORDER BY recorded_at, item_id",
                            &stmt, NULL))
    return results;
  sqlite3_bind_text (stmt, 1, meeting_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (results, result_from_row (self, meeting_id, stmt));
  return results;
}

/**
 * bv_database_get_agenda_result:
 *
 * Returns: (transfer full) (nullable): the item's result, NULL if none
 */
BvAgendaResult *
bv_database_get_agenda_result (BvDatabase *self,
                               const char *meeting_id,
                               const char *item_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (meeting_id && item_id, NULL);

  if (!bv_database_prepare (self,
                            "SELECT " RESULT_COLUMNS " FROM agenda_results"
                            " WHERE meeting_id = ?1 AND item_id = ?2",
                            &stmt, NULL))
    return NULL;
  sqlite3_bind_text (stmt, 1, meeting_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, item_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return result_from_row (self, meeting_id, stmt);
}

static gboolean
delete_result (BvDatabase  *self,
               const char  *meeting_id,
               const char  *item_id,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!bv_database_prepare (self,
                            "DELETE FROM agenda_results WHERE meeting_id = ?1 AND item_id = ?2",
                            &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, meeting_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, item_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return bv_database_set_error_from_sqlite (self, rc, error);
  return TRUE;
}

gboolean
bv_database_set_agenda_result (BvDatabase           *self,
                               const char           *meeting_id,
                               const BvAgendaResult *result,
                               GError              **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) elected = NULL;
  gboolean election;
  int rc;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (meeting_id && result && result->item_id, FALSE);

  if (!bv_agenda_result_validate (result, error))
    return FALSE;
  if (!meeting_exists (self, meeting_id))
    return bv_database_set_meeting_not_found (error);

  election = result->kind == BV_AGENDA_RESULT_ELECTION;
  if (!bv_database_begin (self, error))
    return FALSE;
  if (!delete_result (self, meeting_id, result->item_id, error) ||
      !bv_database_prepare (self,
                            "INSERT INTO agenda_results (meeting_id, " RESULT_COLUMNS ")"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                            &insert, error) ||
      !bv_database_prepare (self,
                            "INSERT INTO agenda_result_elected (meeting_id, item_id, position, name, votes)"
                            " VALUES (?1, ?2, ?3, ?4, ?5)",
                            &elected, error))
    goto failed;

  sqlite3_bind_text (insert, 1, meeting_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 2, result->item_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, election ? "election" : "vote", -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 4, election ? NULL : or_null (result->vote_kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 5, election ? 0 : result->yes);
  sqlite3_bind_int64 (insert, 6, election ? 0 : result->no);
  sqlite3_bind_int64 (insert, 7, election ? 0 : result->abstentions);
  sqlite3_bind_int64 (insert, 8, election ? 0 : result->invalid);
  sqlite3_bind_text (insert, 9, election ? g_strstrip (g_strdup (result->office)) : NULL, -1,
                     election ? g_free : SQLITE_STATIC);
  sqlite3_bind_int (insert, 10, election && result->accepted ? 1 : 0);
  sqlite3_bind_int64 (insert, 11, result->present);
  sqlite3_bind_int64 (insert, 12, result->recorded_at);
  rc = sqlite3_step (insert);
  if (rc != SQLITE_DONE)
    {
      bv_database_set_error_from_sqlite (self, rc, error);
      goto failed;
    }

  for (guint i = 0; election && i < result->elected->len; i++)
    {
      const BvElected *person = g_ptr_array_index (result->elected, i);

      sqlite3_reset (elected);
      sqlite3_bind_text (elected, 1, meeting_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (elected, 2, result->item_id, -1, SQLITE_STATIC);
      sqlite3_bind_int (elected, 3, i);
      sqlite3_bind_text (elected, 4, g_strstrip (g_strdup (person->name)), -1, g_free);
      sqlite3_bind_int64 (elected, 5, person->votes);
      rc = sqlite3_step (elected);
      if (rc != SQLITE_DONE)
        {
          bv_database_set_error_from_sqlite (self, rc, error);
          goto failed;
        }
    }

  return bv_database_commit (self, error);

failed:
  bv_database_rollback (self);
  return FALSE;
}

gboolean
bv_database_delete_agenda_result (BvDatabase *self,
                                  const char *meeting_id,
                                  const char *item_id,
                                  GError    **error)
{
  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (meeting_id && item_id, FALSE);

  return delete_result (self, meeting_id, item_id, error);
}
