/* bv-database-meetings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-database.h"
#include "bv-database-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

/* The meetings table and its exceptions (cancelled and moved dates):
 * meetings sorted by local start, then title. */

#define MEETING_COLUMNS \
  "id, bbb_meeting_id, title, kind, start_local, tzid, duration, rrule," \
  " server_id, welcome, record, guest_policy, mute_on_start," \
  " webcams_only_for_moderator, max_participants, attendee_pw, moderator_pw," \
  " ical_uid, locks, slides, recording_notice, venue"

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

static BvMeeting *
lookup_meeting (BvDatabase *self,
                const char *id,
                guint      *position)
{
  return bv_database_lookup (self->meetings, id, (BvDatabaseGetId)bv_meeting_get_id, position);
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
  g_autofree char *title = bv_database_column_dup_valid (stmt, 2);
  g_autofree char *start = bv_meeting_normalize_local_time (bv_database_column_text (stmt, 4));
  g_autofree char *tzid = bv_database_column_dup_valid (stmt, 5);
  g_autofree char *rrule = bv_database_column_dup_valid (stmt, 7);
  g_autofree char *server_id = bv_database_column_dup_valid (stmt, 8);
  g_autofree char *welcome = bv_database_column_dup_valid (stmt, 9);
  g_autofree char *ical_uid = bv_database_column_dup_valid (stmt, 17);
  g_autofree char *slides = bv_database_column_dup_valid (stmt, 19);
  g_autofree char *recording_notice = bv_database_column_dup_valid (stmt, 20);
  g_autofree char *venue = bv_database_column_dup_valid (stmt, 21);
  const char *guest_policy = bv_database_column_text (stmt, 11);
  sqlite3_int64 duration = sqlite3_column_int64 (stmt, 6);
  sqlite3_int64 max_participants = sqlite3_column_int64 (stmt, 14);
  BvMeetingKind kind;

  if (!bv_meeting_kind_from_string (bv_database_column_text (stmt, 3), &kind))
    kind = BV_MEETING_KIND_BOARD;

  meeting = g_object_new (BV_TYPE_MEETING,
                          "id", bv_database_column_text (stmt, 0),
                          "bbb-meeting-id", bv_database_column_text (stmt, 1),
                          "attendee-password", bv_database_column_text (stmt, 15),
                          "moderator-password", bv_database_column_text (stmt, 16),
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
  bv_meeting_set_venue (meeting, venue);

  return g_steal_pointer (&meeting);
}

/* The agenda of @meeting as stored. A row another tool left without a
 * title is skipped rather than shown as an empty item. */
static gboolean
read_agenda (BvDatabase  *self,
             BvMeeting   *meeting,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_agenda_item_free);
  int rc;

  if (!bv_database_prepare (self,
                            "SELECT id, title, motion FROM agenda_items"
                            " WHERE meeting_id = ?1 ORDER BY position",
                            &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, bv_meeting_get_id (meeting), -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *id = bv_database_column_dup_valid (stmt, 0);
      g_autofree char *title = bv_database_column_dup_valid (stmt, 1);
      g_autofree char *motion = bv_database_column_dup_valid (stmt, 2);

      if (id && title && *title)
        g_ptr_array_add (items, bv_agenda_item_new_full (id, title, motion));
    }
  if (rc != SQLITE_DONE)
    return bv_database_set_error_from_sqlite (self, rc, error);

  bv_meeting_set_agenda (meeting, items);
  return TRUE;
}

/* Replaces the agenda of @meeting inside the caller's transaction. */
static gboolean
write_agenda (BvDatabase  *self,
              BvMeeting   *meeting,
              GError     **error)
{
  GPtrArray *items = bv_meeting_get_agenda (meeting);
  g_autoptr(sqlite3_stmt) delete = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  int rc;

  for (guint i = 0; i < items->len; i++)
    {
      const BvAgendaItem *item = g_ptr_array_index (items, i);
      g_autofree char *stripped = g_strstrip (g_strdup (item->title));

      if (!*stripped)
        {
          g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                       _("Item %u of the agenda has no title. Enter a title or remove the item and try again."),
                       i + 1);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (g_str_equal (item->id, ((BvAgendaItem *) g_ptr_array_index (items, j))->id))
          {
            g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                         _("Item %u of the agenda appears twice. Remove one of them and try again."),
                         i + 1);
            return FALSE;
          }
    }

  if (!bv_database_prepare (self, "DELETE FROM agenda_items WHERE meeting_id = ?1", &delete, error))
    return FALSE;
  sqlite3_bind_text (delete, 1, bv_meeting_get_id (meeting), -1, SQLITE_STATIC);
  rc = sqlite3_step (delete);
  if (rc != SQLITE_DONE)
    return bv_database_set_error_from_sqlite (self, rc, error);

  if (!bv_database_prepare (self,
                            "INSERT INTO agenda_items (meeting_id, id, position, title, motion)"
                            " VALUES (?1, ?2, ?3, ?4, ?5)",
                            &insert, error))
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      const BvAgendaItem *item = g_ptr_array_index (items, i);

      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, bv_meeting_get_id (meeting), -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, item->id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 3, i);
      sqlite3_bind_text (insert, 4, item->title, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 5, item->motion, -1, SQLITE_STATIC);
      rc = sqlite3_step (insert);
      if (rc != SQLITE_DONE)
        return bv_database_set_error_from_sqlite (self, rc, error);
    }

  return TRUE;
}

gboolean
bv_database_load_meetings (BvDatabase  *self,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) meetings = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (!bv_database_prepare (self, "SELECT " MEETING_COLUMNS " FROM meetings", &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (meetings, meeting_from_row (stmt));

  if (rc != SQLITE_DONE)
    return bv_database_set_error_from_sqlite (self, rc, error);

  for (guint i = 0; i < meetings->len; i++)
    if (!read_agenda (self, g_ptr_array_index (meetings, i), error))
      return FALSE;

  bv_database_fill_sorted (self->meetings, meetings, compare_meetings);

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
  if (!read_agenda (self, stored, NULL))
    bv_meeting_set_agenda (stored, bv_meeting_get_agenda (meeting));
  bv_meeting_update_from (meeting, stored);
  bv_database_keep_sorted (self->meetings, meeting, position, compare_meetings, FALSE);
}

void
bv_database_forget_server_in_meetings (BvDatabase *self,
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

  if (!bv_database_prepare (self, "SELECT title FROM meetings WHERE ical_uid = ?1 AND id <> ?2", &stmt, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, bv_meeting_get_ical_uid (meeting), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, bv_meeting_get_id (meeting), -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return bv_database_set_error_from_sqlite (self, rc, error);

  title = g_utf8_make_valid (bv_database_column_text (stmt, 0), -1);
  g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
               _("The meeting “%s” was already imported from the same calendar entry. Change that meeting instead."),
               title);
  return FALSE;
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
    "                      locks, slides, recording_notice, venue)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
    "         ?16, ?17, ?18, ?19, ?19, ?20, ?21, ?22, ?23)"
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
    "  recording_notice = excluded.recording_notice, venue = excluded.venue";
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

  if (!bv_database_prepare (self, sql, &stmt, error))
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
  sqlite3_bind_text (stmt, 23, bv_meeting_get_venue (meeting), -1, SQLITE_STATIC);

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
          bv_database_set_error_from_sqlite (self, rc, error);
          break;
        }
      return FALSE;
    }

  return write_agenda (self, meeting, error);
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

  if (!bv_database_prepare (self, "DELETE FROM meeting_exceptions WHERE meeting_id = ?1", &delete, error))
    return FALSE;
  sqlite3_bind_text (delete, 1, meeting_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (delete);
  if (rc != SQLITE_DONE)
    return bv_database_set_error_from_sqlite (self, rc, error);

  if (!bv_database_prepare (self,
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
        return bv_database_set_error_from_sqlite (self, rc, error);
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
      bv_database_keep_sorted (self->meetings, existing, position, compare_meetings, FALSE);
    }
  else if (existing)
    {
      bv_meeting_update_from (existing, meeting);
      bv_database_keep_sorted (self->meetings, existing, position, compare_meetings, FALSE);
    }
  else
    {
      g_list_store_insert_sorted (self->meetings, meeting, compare_meetings, NULL);
    }
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
gboolean
bv_database_save_meeting (BvDatabase  *self,
                          BvMeeting   *meeting,
                          GError     **error)
{
  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (BV_IS_MEETING (meeting), FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!bv_database_begin (self, error))
    {
      reload_meeting (self, meeting);
      return FALSE;
    }

  if (!write_meeting (self, meeting, error) || !bv_database_commit (self, error))
    {
      bv_database_rollback (self);
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
gboolean
bv_database_save_meetings (BvDatabase  *self,
                           GPtrArray   *meetings,
                           GPtrArray   *exceptions,
                           GError     **error)
{
  return bv_database_save_meetings_with_participants (self, meetings, exceptions, NULL, error);
}

/**
 * bv_database_save_meetings_with_participants:
 * @participants: (nullable): invitations (#BvParticipant) to add to these
 *   or other meetings in the same transaction
 *
 * Like bv_database_save_meetings(), and adds @participants with them, so
 * that a calendar import keeps either all of its meetings and attendees
 * or none.
 */
gboolean
bv_database_save_meetings_with_participants (BvDatabase  *self,
                                             GPtrArray   *meetings,
                                             GPtrArray   *exceptions,
                                             GPtrArray   *participants,
                                             GError     **error)
{
  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (meetings, FALSE);
  g_return_val_if_fail (!exceptions || exceptions->len == meetings->len, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!bv_database_begin (self, error))
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
    if (!bv_database_write_participant (self, g_ptr_array_index (participants, i), FALSE, error))
      goto failed;

  if (!bv_database_commit (self, error))
    goto failed;

  if (!bv_database_publish_bulk (self->meetings, meetings, (BvDatabaseGetId) bv_meeting_get_id,
                                 (BvDatabaseUpdateFrom) bv_meeting_update_from, compare_meetings))
    for (guint i = 0; i < meetings->len; i++)
      publish_meeting (self, g_ptr_array_index (meetings, i));

  return TRUE;

failed:
  bv_database_rollback (self);
  for (guint i = 0; i < meetings->len; i++)
    reload_meeting (self, g_ptr_array_index (meetings, i));
  return FALSE;
}

static const char *
meeting_not_found (void)
{
  return _("The meeting was not found. It may have been deleted already.");
}

gboolean
bv_database_set_meeting_not_found (GError **error)
{
  g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND, meeting_not_found ());
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
  guint position;

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (id, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (!bv_database_change_row (self, "DELETE FROM meetings WHERE id = ?1", id, NULL,
                               meeting_not_found (), error))
    return FALSE;

  if (lookup_meeting (self, id, &position))
    g_list_store_remove (self->meetings, position);

  return TRUE;
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

  if (!bv_database_begin (self, error))
    return FALSE;

  if (!bv_database_prepare (self,
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
        bv_database_set_meeting_not_found (error);
      else
        bv_database_set_error_from_sqlite (self, rc, error);
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
  g_autofree char *recurrence = bv_meeting_normalize_local_time (recurrence_id);

  g_return_val_if_fail (BV_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (meeting_id, FALSE);
  g_return_val_if_fail (recurrence, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  return bv_database_change_row (self,
                                 "DELETE FROM meeting_exceptions WHERE meeting_id = ?1 AND recurrence_id = ?2",
                                 meeting_id, recurrence,
                                 _("This date of the meeting was not changed, so there is nothing to undo."),
                                 error);
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

  if (!bv_database_prepare (self,
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
      g_autofree char *recurrence = bv_meeting_normalize_local_time (bv_database_column_text (stmt, 0));
      g_autofree char *moved = bv_meeting_normalize_local_time (bv_database_column_text (stmt, 2));
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
      bv_database_set_error_from_sqlite (self, rc, &error);
      g_warning ("Could not read the exceptions of a meeting: %s", error->message);
    }

  return g_steal_pointer (&exceptions);
}
