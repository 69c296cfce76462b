/* bv-database-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-database.h"
#include "bv-database-private.h"

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

/* The DSGVO export of one member (Art. 15 and 20): read across the tables
 * in one read transaction and written with json-glib. */

#define EXPORT_FORMAT "org.herzlich.BbbVereine.member-export"
#define EXPORT_VERSION 1

/* Times in exports are RFC 3339, which programs read more strictly than
 * ISO 8601: stored instants in UTC ("Z"), local times with their offset
 * written with a colon ("+01:00"; GLib's ISO 8601 writes "+01"). */
static char *
format_time (gint64 seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (seconds);

  return time ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

/* A meeting's stored wall-clock start in its zone, with the offset it has
 * there; as written when the zone is unknown (a hand-edited file). */
static char *
format_meeting_start (const char *start_local,
                      const char *tzid)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) start = NULL;
  int year, month, day, hour, minute, second = 0;

  if (!start_local)
    return NULL;
  if (tzid && *tzid && *tzid != '/' && !strstr (tzid, ".."))
    tz = g_time_zone_new_identifier (tzid);
  if (tz && sscanf (start_local, "%d-%d-%dT%d:%d:%d", &year, &month, &day,
                    &hour, &minute, &second) >= 5)
    start = g_date_time_new (tz, year, month, day, hour, minute, second);
  if (!start)
    return g_strdup (start_local);
  return g_date_time_format (start, "%Y-%m-%dT%H:%M:%S%:z");
}

/* A text member, or null where nothing is stored. */
static void
add_text (JsonBuilder *builder,
          const char  *name,
          const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static gboolean
add_member (BvDatabase   *self,
            JsonBuilder  *builder,
            const char   *member_id,
            BvMember    **out_member,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(BvMember) member = NULL;
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;
  int rc;

  if (!bv_database_prepare (self, "SELECT " BV_DATABASE_MEMBER_COLUMNS " FROM members WHERE id = ?1",
                            &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, member_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return bv_database_set_member_not_found (error);
  if (rc != SQLITE_ROW)
    return bv_database_set_error_from_sqlite (self, rc, error);

  member = bv_database_member_from_row (stmt);
  created = format_time (bv_member_get_created (member));
  updated = format_time (bv_member_get_updated (member));

  json_builder_set_member_name (builder, "member");
  json_builder_begin_object (builder);
  add_text (builder, "id", bv_member_get_id (member));
  add_text (builder, "name", bv_member_get_name (member));
  add_text (builder, "first_name", bv_member_get_first_name (member));
  add_text (builder, "last_name", bv_member_get_last_name (member));
  add_text (builder, "salutation", bv_member_salutation_to_string (bv_member_get_salutation (member)));
  add_text (builder, "email", bv_member_get_email (member));
  add_text (builder, "phone", bv_member_get_phone (member));
  add_text (builder, "notes", bv_member_get_notes (member));
  add_text (builder, "created", created);
  add_text (builder, "updated", updated);
  json_builder_end_object (builder);

  *out_member = g_steal_pointer (&member);
  return TRUE;
}

static gboolean
add_groups (BvDatabase   *self,
            JsonBuilder  *builder,
            const char   *member_id,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!bv_database_prepare (self,
                            "SELECT g.id, g.name FROM member_groups mg JOIN groups g ON g.id = mg.group_id"
                            " WHERE mg.member_id = ?1 ORDER BY g.name_key",
                            &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, member_id, -1, SQLITE_STATIC);

  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *id = bv_database_column_dup_valid (stmt, 0);
      g_autofree char *name = bv_database_column_dup_valid (stmt, 1);

      json_builder_begin_object (builder);
      add_text (builder, "id", id);
      add_text (builder, "name", name);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (rc != SQLITE_DONE)
    return bv_database_set_error_from_sqlite (self, rc, error);

  return TRUE;
}

/* As a member, and as a guest with the member's e-mail address. */
static gboolean
add_invitations (BvDatabase   *self,
                 JsonBuilder  *builder,
                 BvMember     *member,
                 GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!bv_database_prepare (self,
                            "SELECT p.meeting_id, m.title, m.start_local, m.tzid, m.duration, m.rrule,"
                            " p.role, p.link_key, p.member_id IS NULL, p.guest_name, p.guest_email, p.created,"
                            " r.participant_id IS NOT NULL, r.sent_at, r.message_id, r.address,"
                            " r.failed_at, r.error_text"
                            " FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id"
                            " LEFT JOIN mail_records r ON r.participant_id = p.id"
                            " WHERE p.member_id = ?1 OR (p.member_id IS NULL AND ?2 IS NOT NULL"
                            "  AND lower (trim (p.guest_email)) = lower (trim (?2)))"
                            " ORDER BY m.start_local, m.title",
                            &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, bv_member_get_id (member), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, bv_member_get_email (member), -1, SQLITE_STATIC);

  json_builder_set_member_name (builder, "invitations");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *meeting_id = bv_database_column_dup_valid (stmt, 0);
      g_autofree char *title = bv_database_column_dup_valid (stmt, 1);
      g_autofree char *start_local = bv_database_column_dup_valid (stmt, 2);
      g_autofree char *tzid = bv_database_column_dup_valid (stmt, 3);
      g_autofree char *start = format_meeting_start (start_local, tzid);
      g_autofree char *rrule = bv_database_column_dup_valid (stmt, 5);
      g_autofree char *role = bv_database_column_dup_valid (stmt, 6);
      g_autofree char *link_key = bv_database_column_dup_valid (stmt, 7);
      g_autofree char *invited = format_time (sqlite3_column_int64 (stmt, 11));
      gboolean guest = sqlite3_column_int (stmt, 8) != 0;

      json_builder_begin_object (builder);
      add_text (builder, "meeting_id", meeting_id);
      add_text (builder, "meeting_title", title);
      add_text (builder, "meeting_start", start);
      add_text (builder, "time_zone", tzid);
      json_builder_set_member_name (builder, "duration_minutes");
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 4));
      add_text (builder, "recurrence", rrule);
      add_text (builder, "role", role);
      add_text (builder, "personal_link_key", link_key);
      add_text (builder, "invited", invited);
      json_builder_set_member_name (builder, "as_guest");
      json_builder_add_boolean_value (builder, guest);
      if (guest)
        {
          g_autofree char *guest_name = bv_database_column_dup_valid (stmt, 9);
          g_autofree char *guest_email = bv_database_column_dup_valid (stmt, 10);

          add_text (builder, "guest_name", guest_name);
          add_text (builder, "guest_email", guest_email);
        }
      /* The sending record of invitations sent by e-mail (issue 16):
       * when, to which address, with which Message-ID, or why not. */
      json_builder_set_member_name (builder, "email_sending");
      if (sqlite3_column_int (stmt, 12))
        {
          g_autofree char *sent = NULL;
          g_autofree char *message_id = bv_database_column_dup_valid (stmt, 14);
          g_autofree char *address = bv_database_column_dup_valid (stmt, 15);
          g_autofree char *failed = NULL;
          g_autofree char *failure = bv_database_column_dup_valid (stmt, 17);

          if (sqlite3_column_type (stmt, 13) != SQLITE_NULL)
            sent = format_time (sqlite3_column_int64 (stmt, 13));
          if (sqlite3_column_type (stmt, 16) != SQLITE_NULL)
            failed = format_time (sqlite3_column_int64 (stmt, 16));
          json_builder_begin_object (builder);
          add_text (builder, "sent", sent);
          add_text (builder, "sent_to", address);
          add_text (builder, "message_id", message_id);
          add_text (builder, "failed", failed);
          add_text (builder, "failure", failure);
          json_builder_end_object (builder);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (rc != SQLITE_DONE)
    return bv_database_set_error_from_sqlite (self, rc, error);

  return TRUE;
}

/* When the member was in which meeting's room (issue 17). */
static gboolean
add_attendance (BvDatabase   *self,
                JsonBuilder  *builder,
                const char   *member_id,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!bv_database_prepare (self,
                            "SELECT a.meeting_id, m.title, a.full_name, a.joined_at, a.left_at"
                            " FROM attendance a JOIN meetings m ON m.id = a.meeting_id"
                            " WHERE a.member_id = ?1 ORDER BY a.joined_at, a.id",
                            &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, member_id, -1, SQLITE_STATIC);

  json_builder_set_member_name (builder, "attendance");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *meeting_id = bv_database_column_dup_valid (stmt, 0);
      g_autofree char *title = bv_database_column_dup_valid (stmt, 1);
      g_autofree char *name = bv_database_column_dup_valid (stmt, 2);
      g_autofree char *joined = format_time (sqlite3_column_int64 (stmt, 3));
      g_autofree char *left = sqlite3_column_type (stmt, 4) == SQLITE_NULL
                              ? NULL : format_time (sqlite3_column_int64 (stmt, 4));

      json_builder_begin_object (builder);
      add_text (builder, "meeting_id", meeting_id);
      add_text (builder, "meeting_title", title);
      add_text (builder, "name_in_room", name);
      add_text (builder, "joined", joined);
      add_text (builder, "left", left);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (rc != SQLITE_DONE)
    return bv_database_set_error_from_sqlite (self, rc, error);
  return TRUE;
}

/**
 * bv_database_export_member:
 * @member_id: the member's id
 *
 * Everything stored about one person (DSGVO Art. 15 and 20) as JSON in
 * UTF-8: the member's row, their groups, and their invitations (as a
 * member, and as a guest with their e-mail address) with the meetings'
 * titles and dates, and when they were in which meeting's room. Read from the file, not from the lists, so that it is
 * what is really stored.
 *
 * Returns: (transfer full): the JSON text, or %NULL with @error set
 */
char *
bv_database_export_member (BvDatabase  *self,
                           const char  *member_id,
                           GError     **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(BvMember) member = NULL;
  g_autofree char *now = format_time (g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *json = NULL;
  gboolean ok;

  g_return_val_if_fail (BV_IS_DATABASE (self), NULL);
  g_return_val_if_fail (member_id, NULL);
  g_return_val_if_fail (!error || !*error, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_text (builder, "format", EXPORT_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, EXPORT_VERSION);
  add_text (builder, "exported", now);

  /* One read transaction, so the parts fit together. */
  if (!bv_database_exec (self, "BEGIN", error))
    return NULL;
  ok = add_member (self, builder, member_id, &member, error) &&
       add_groups (self, builder, member_id, error) &&
       add_invitations (self, builder, member, error) &&
       add_attendance (self, builder, member_id, error);
  bv_database_rollback (self);
  if (!ok)
    return NULL;

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);

  /* A text file ends with a line break. */
  return g_strconcat (json, "\n", NULL);
}
