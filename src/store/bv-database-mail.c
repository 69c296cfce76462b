/* bv-database-mail.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-database.h"
#include "bv-database-private.h"
#include "bv-mail-record.h"
#include "bv-mail-record-private.h"

#include <glib/gi18n-lib.h>

/* The mail_records and meeting_mail tables (issue 16). */

/* What makes a sent invitation outdated, as one text: the room (renewed
 * links give a new one), the dates and the cancelled or moved dates; for
 * a participant also the role (it is in their link). Hashed, so that the
 * stored version says nothing by itself. */
#define MEETING_FINGERPRINT_SQL \
  "m.bbb_meeting_id || '|' || ifnull (m.start_local, '') || '|' || m.tzid || '|' ||" \
  " m.duration || '|' || ifnull (m.rrule, '') || '|' ||" \
  " ifnull ((SELECT group_concat (x, ';') FROM (SELECT e.recurrence_id || ',' || e.cancelled" \
  "   || ',' || ifnull (e.new_start_local, '') || ',' || ifnull (e.new_duration, 0) AS x" \
  "   FROM meeting_exceptions e WHERE e.meeting_id = m.id ORDER BY e.recurrence_id)), '')"

static char *
hash_fingerprint (const char *text)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  sum[24] = '\0';
  return g_strdup (sum);
}

/* NULL stays NULL: "never sent" is not an empty version. */
static const char *
text_or_null (sqlite3_stmt *stmt,
              int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return bv_database_column_text (stmt, column);
}

static BvMailRecord *
record_from_row (sqlite3_stmt *stmt)
{
  g_autofree char *current = hash_fingerprint (bv_database_column_text (stmt, 7));

  return _bv_mail_record_new (bv_database_column_text (stmt, 0),
                              sqlite3_column_int64 (stmt, 1),
                              text_or_null (stmt, 2),
                              text_or_null (stmt, 3),
                              text_or_null (stmt, 4),
                              sqlite3_column_int64 (stmt, 5),
                              text_or_null (stmt, 6),
                              text_or_null (stmt, 8),
                              current);
}

#define RECORD_SELECT \
  "SELECT p.id, r.sent_at, r.message_id, r.address, r.sent_version, r.failed_at, r.error_text," \
  " p.role || '|' || " MEETING_FINGERPRINT_SQL ", r.failed_version" \
  " FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id" \
  " LEFT JOIN mail_records r ON r.participant_id = p.id"

BvMailRecord *
bv_database_get_mail_record (BvDatabase *self,
                             const char *participant_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (participant_id, NULL);

  if (!bv_database_prepare (self, RECORD_SELECT " WHERE p.id = ?1", &stmt, &error))
    {
      g_warning ("Reading a sending record failed: %s", error->message);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, participant_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return record_from_row (stmt);
}

GPtrArray *
bv_database_list_mail_records (BvDatabase *self,
                               const char *meeting_id)
{
  g_autoptr(GPtrArray) participants = NULL;
  GPtrArray *records;

  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (meeting_id, NULL);

  /* The same order as the participants, whatever that is. */
  participants = bv_database_list_participants (self, meeting_id);
  records = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; participants && i < participants->len; i++)
    {
      BvMailRecord *record = bv_database_get_mail_record (self, bv_participant_get_id (g_ptr_array_index (participants, i)));

      if (record)
        g_ptr_array_add (records, record);
    }
  return records;
}

/**
 * bv_database_list_member_mail_records:
 * @member_id: the member's id
 *
 * Returns: (transfer container) (element-type BvMailRecord): the stored
 *   records of the member's invitations (none with state NONE), to keep
 *   with bv_database_list_member_participations () for an undo of
 *   bv_database_delete_member ()
 */
GPtrArray *
bv_database_list_member_mail_records (BvDatabase *self,
                                      const char *member_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (member_id, NULL);

  records = g_ptr_array_new_with_free_func (g_object_unref);
  if (!bv_database_prepare (self, RECORD_SELECT " WHERE p.member_id = ?1 AND r.participant_id IS NOT NULL",
                            &stmt, &error))
    {
      g_warning ("Reading the sending records of a member failed: %s", error->message);
      return records;
    }
  sqlite3_bind_text (stmt, 1, member_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (records, record_from_row (stmt));
  return records;
}

/* Inside the caller's transaction: the row as @record was read, for a
 * restored participation; none when the participation was not restored
 * (its meeting was deleted in between). */
gboolean
bv_database_write_mail_record (BvDatabase    *self,
                               BvMailRecord  *record,
                               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GDateTime *sent_at = bv_mail_record_get_sent_at (record);
  GDateTime *failed_at = bv_mail_record_get_failed_at (record);

  if (!bv_database_prepare (self,
                            "INSERT OR REPLACE INTO mail_records"
                            " (participant_id, sent_at, message_id, address, sent_version,"
                            "  failed_at, error_text, failed_version)"
                            " SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE EXISTS"
                            "  (SELECT 1 FROM meeting_participants WHERE id = ?1)",
                            &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, bv_mail_record_get_participant_id (record), -1, SQLITE_STATIC);
  if (sent_at)
    sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (sent_at));
  sqlite3_bind_text (stmt, 3, bv_mail_record_get_message_id (record), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, bv_mail_record_get_address (record), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, bv_mail_record_get_sent_version (record), -1, SQLITE_STATIC);
  if (failed_at)
    sqlite3_bind_int64 (stmt, 6, g_date_time_to_unix (failed_at));
  sqlite3_bind_text (stmt, 7, bv_mail_record_get_error_text (record), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, _bv_mail_record_get_failed_version (record), -1, SQLITE_STATIC);
  return bv_database_step_done (self, stmt, error);
}

char *
bv_database_get_invitation_version (BvDatabase *self,
                                    const char *participant_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);

  if (!bv_database_prepare (self,
                            "SELECT p.role || '|' || " MEETING_FINGERPRINT_SQL
                            " FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id"
                            " WHERE p.id = ?1", &stmt, NULL))
    return NULL;
  sqlite3_bind_text (stmt, 1, participant_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return hash_fingerprint (bv_database_column_text (stmt, 0));
}

static gboolean
set_not_found (GError **error)
{
  g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                       _("This person is no longer invited to the meeting. Nothing was stored "
                         "about the message."));
  return FALSE;
}

gboolean
bv_database_record_mail_sent (BvDatabase  *self,
                              const char  *participant_id,
                              const char  *version,
                              const char  *address,
                              const char  *message_id,
                              GDateTime   *at,
                              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (participant_id && version && at, FALSE);

  /* Only if the participation still exists: a person removed while the
   * batch ran leaves no row behind. */
  if (!bv_database_prepare (self,
                            "INSERT INTO mail_records"
                            " (participant_id, sent_at, message_id, address, sent_version)"
                            " SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS"
                            "  (SELECT 1 FROM meeting_participants WHERE id = ?1)"
                            " ON CONFLICT (participant_id) DO UPDATE SET"
                            "  sent_at = excluded.sent_at, message_id = excluded.message_id,"
                            "  address = excluded.address, sent_version = excluded.sent_version,"
                            "  failed_at = NULL, error_text = NULL, failed_version = NULL",
                            &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, participant_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (at));
  sqlite3_bind_text (stmt, 3, message_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, address, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, version, -1, SQLITE_STATIC);
  if (!bv_database_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return set_not_found (error);
  return TRUE;
}

gboolean
bv_database_record_mail_failed (BvDatabase  *self,
                                const char  *participant_id,
                                const char  *version,
                                const char  *error_text,
                                GDateTime   *at,
                                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (participant_id && error_text && at, FALSE);

  if (!bv_database_prepare (self,
                            "INSERT INTO mail_records"
                            " (participant_id, failed_at, error_text, failed_version)"
                            " SELECT ?1, ?2, ?3, ?4 WHERE EXISTS"
                            "  (SELECT 1 FROM meeting_participants WHERE id = ?1)"
                            " ON CONFLICT (participant_id) DO UPDATE SET"
                            "  failed_at = excluded.failed_at, error_text = excluded.error_text,"
                            "  failed_version = excluded.failed_version",
                            &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, participant_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (at));
  sqlite3_bind_text (stmt, 3, error_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, version, -1, SQLITE_STATIC);
  if (!bv_database_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return set_not_found (error);
  return TRUE;
}

gboolean
bv_database_next_mail_sequence (BvDatabase  *self,
                                const char  *meeting_id,
                                gboolean     cancel,
                                int         *sequence,
                                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) write = NULL;
  g_autofree char *fingerprint = NULL;
  int rc;
  int value = 0;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (meeting_id && sequence, FALSE);

  if (!bv_database_begin (self, error))
    return FALSE;

  if (!bv_database_prepare (self,
                            "SELECT " MEETING_FINGERPRINT_SQL ", mm.sequence, mm.fingerprint"
                            " FROM meetings m LEFT JOIN meeting_mail mm ON mm.meeting_id = m.id"
                            " WHERE m.id = ?1", &stmt, error))
    goto fail;
  sqlite3_bind_text (stmt, 1, meeting_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        bv_database_set_meeting_not_found (error);
      else
        bv_database_set_error_from_sqlite (self, rc, error);
      goto fail;
    }

  fingerprint = hash_fingerprint (bv_database_column_text (stmt, 0));
  if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    {
      value = sqlite3_column_int (stmt, 1);
      /* RFC 5546: a change of date or place (the link) raises it; so does
       * a cancellation, which must supersede what was sent before. */
      if (cancel || g_strcmp0 (fingerprint, bv_database_column_text (stmt, 2)) != 0)
        value++;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!bv_database_prepare (self,
                            "INSERT INTO meeting_mail (meeting_id, sequence, fingerprint)"
                            " VALUES (?1, ?2, ?3) ON CONFLICT (meeting_id) DO UPDATE SET"
                            " sequence = excluded.sequence, fingerprint = excluded.fingerprint",
                            &write, error))
    goto fail;
  sqlite3_bind_text (write, 1, meeting_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (write, 2, value);
  sqlite3_bind_text (write, 3, fingerprint, -1, SQLITE_STATIC);
  if (!bv_database_step_done (self, write, error))
    goto fail;
  g_clear_pointer (&write, sqlite3_finalize);
  if (!bv_database_commit (self, error))
    goto fail;

  *sequence = value;
  return TRUE;

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&write, sqlite3_finalize);
  bv_database_rollback (self);
  return FALSE;
}
