/* bv-database-schema.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-database-private.h"

#include <glib/gi18n-lib.h>

typedef struct
{
  int         version;
  const char *sql;
} Migration;

/* Each step takes the schema from version - 1 to version and runs in one
 * transaction together with the user_version bump, so a crash leaves either
 * the old or the new schema. Append new steps; never edit a released one. */
static const Migration migrations[] = {
  {
    .version = 1,
    .sql =
      "PRAGMA application_id = " G_STRINGIFY (BV_DATABASE_APPLICATION_ID) ";"
      "CREATE TABLE servers ("
      "  id       TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),"
      "  name     TEXT NOT NULL CHECK (name <> ''),"
      /* The command line addresses servers by name, so names must be unique
       * regardless of case. COLLATE NOCASE only folds ASCII and club names
       * carry umlauts, so the folded key is computed in C
       * (bv_database_name_key ()). */
      "  name_key TEXT NOT NULL UNIQUE,"
      "  url      TEXT NOT NULL CHECK (url <> ''),"
      "  checksum TEXT NOT NULL DEFAULT 'auto'"
      "           CHECK (checksum IN ('auto', 'sha1', 'sha256', 'sha384', 'sha512')),"
      "  created  INTEGER NOT NULL"
      ");",
  },
  {
    /* What the connection test found out, so that joining needs no extra
     * request to learn the algorithm or the server's version. */
    .version = 2,
    .sql =
      "ALTER TABLE servers ADD COLUMN detected_checksum TEXT"
      "  CHECK (detected_checksum IS NULL OR"
      "         detected_checksum IN ('sha1', 'sha256', 'sha384', 'sha512'));"
      "ALTER TABLE servers ADD COLUMN api_version TEXT;"
      "ALTER TABLE servers ADD COLUMN bbb_version TEXT;"
      "ALTER TABLE servers ADD COLUMN load_balancer INTEGER NOT NULL DEFAULT 0;"
      "ALTER TABLE servers ADD COLUMN checked_at INTEGER NOT NULL DEFAULT 0;",
  },
  {
    /* Planned meetings (issue 4). Times are local wall-clock times in
     * tzid ("YYYY-MM-DDTHH:MM:SS"), so that a weekly meeting stays at
     * 19:30 across daylight-saving changes. */
    .version = 3,
    .sql =
      "CREATE TABLE meetings ("
      "  id             TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),"
      /* The room on the server: whoever knows it can create and enter it,
       * so it is random, and BBB refuses commas in it. */
      "  bbb_meeting_id TEXT NOT NULL UNIQUE"
      "                 CHECK (length (bbb_meeting_id) BETWEEN 2 AND 256"
      "                        AND instr (bbb_meeting_id, ',') = 0),"
      "  title          TEXT NOT NULL,"
      "  kind           TEXT NOT NULL"
      "                 CHECK (kind IN ('board', 'assembly', 'course', 'workshop', 'group')),"
      "  start_local    TEXT,"
      "  tzid           TEXT NOT NULL CHECK (tzid <> ''),"
      "  duration       INTEGER NOT NULL CHECK (duration > 0),"
      "  rrule          TEXT,"
      /* A meeting outlives the server it was planned on: the user picks
       * another one instead of losing the meeting. */
      "  server_id      TEXT REFERENCES servers (id) ON DELETE SET NULL,"
      "  welcome        TEXT,"
      "  record         INTEGER NOT NULL DEFAULT 0,"
      "  guest_policy   TEXT NOT NULL,"
      "  mute_on_start  INTEGER NOT NULL,"
      "  webcams_only_for_moderator INTEGER NOT NULL,"
      "  max_participants INTEGER NOT NULL DEFAULT 0,"
      "  attendee_pw    TEXT NOT NULL,"
      "  moderator_pw   TEXT NOT NULL,"
      /* Re-importing a calendar file updates instead of duplicating. */
      "  ical_uid       TEXT UNIQUE,"
      "  created        INTEGER NOT NULL,"
      "  updated        INTEGER NOT NULL"
      ");"
      /* Deleting a server looks up its meetings through this. */
      "CREATE INDEX meetings_server_id ON meetings (server_id);"
      "CREATE TABLE meeting_exceptions ("
      "  meeting_id      TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,"
      "  recurrence_id   TEXT NOT NULL,"
      "  cancelled       INTEGER NOT NULL DEFAULT 0,"
      "  new_start_local TEXT,"
      "  new_duration    INTEGER,"
      "  PRIMARY KEY (meeting_id, recurrence_id)"
      ");",
  },
  {
    /* Room settings of the meeting editor: lockSettings* as bits
     * (BvMeetingLocks), slides as absolute paths one per line (the editor
     * refuses names with line breaks), and the notice shown when the
     * meeting is recorded. */
    .version = 4,
    .sql =
      "ALTER TABLE meetings ADD COLUMN locks INTEGER NOT NULL DEFAULT 0;"
      "ALTER TABLE meetings ADD COLUMN slides TEXT;"
      "ALTER TABLE meetings ADD COLUMN recording_notice TEXT;",
  },
  {
    /* Members, groups and invitations (issue 5). Names and e-mail
     * addresses get a key folded in C (bv_database_name_key (),
     * bv_member_email_key ()) because COLLATE NOCASE folds only ASCII. */
    .version = 5,
    .sql =
      "CREATE TABLE members ("
      "  id        TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),"
      "  name      TEXT NOT NULL CHECK (name <> ''),"
      "  email     TEXT,"
      /* An import recognises a member by the address, so it must lead to
       * one member; members without an address are allowed (paper). */
      "  email_key TEXT UNIQUE,"
      "  phone     TEXT,"
      "  notes     TEXT,"
      "  created   INTEGER NOT NULL,"
      "  updated   INTEGER NOT NULL"
      ");"
      "CREATE TABLE groups ("
      "  id       TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),"
      "  name     TEXT NOT NULL CHECK (name <> ''),"
      "  name_key TEXT NOT NULL UNIQUE,"
      "  created  INTEGER NOT NULL"
      ");"
      "CREATE TABLE member_groups ("
      "  member_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,"
      "  group_id  TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,"
      "  PRIMARY KEY (member_id, group_id)"
      ");"
      "CREATE INDEX member_groups_group_id ON member_groups (group_id);"
      "CREATE TABLE meeting_participants ("
      "  id          TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),"
      "  meeting_id  TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,"
      /* NULL for an external guest, who brings a name of their own. */
      "  member_id   TEXT REFERENCES members (id) ON DELETE CASCADE,"
      "  guest_name  TEXT,"
      "  guest_email TEXT,"
      "  role        TEXT NOT NULL DEFAULT 'participant'"
      "              CHECK (role IN ('moderator', 'participant')),"
      /* The personal userID of the invitation's link: random, ≥ 128 bits. */
      "  link_key    TEXT NOT NULL UNIQUE CHECK (length (link_key) >= 32),"
      "  created     INTEGER NOT NULL,"
      "  CHECK (member_id IS NOT NULL OR (guest_name IS NOT NULL AND guest_name <> '')),"
      /* NULLs never collide, so any number of guests fit. */
      "  UNIQUE (meeting_id, member_id)"
      ");"
      "CREATE INDEX meeting_participants_member_id ON meeting_participants (member_id);",
  },
  {
    /* The telephone dial-in number the server's answers name, so that
     * invitations written before any room opens can give it. */
    .version = 6,
    .sql =
      "ALTER TABLE servers ADD COLUMN dial_number TEXT;",
  },
  {
    /* Invitations sent by e-mail (issue 16): per participant the last
     * accepted message (when, which Message-ID, to which address, which
     * version of the invitation) and the last failure after it. The rows
     * go with the participation, and so with the member. Per meeting the
     * iCalendar SEQUENCE and the fingerprint of the dates and the room it
     * was last raised for. */
    .version = 7,
    .sql =
      "CREATE TABLE mail_records ("
      "  participant_id TEXT PRIMARY KEY NOT NULL"
      "                 REFERENCES meeting_participants (id) ON DELETE CASCADE,"
      "  sent_at        INTEGER,"
      "  message_id     TEXT,"
      "  address        TEXT,"
      "  sent_version   TEXT,"
      "  failed_at      INTEGER,"
      "  error_text     TEXT,"
      "  failed_version TEXT"
      ");"
      "CREATE TABLE meeting_mail ("
      "  meeting_id  TEXT PRIMARY KEY NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,"
      "  sequence    INTEGER NOT NULL DEFAULT 0,"
      "  fingerprint TEXT NOT NULL"
      ");",
  },
  {
    /* First and last name (issue 19): club lists sort by the last name,
     * and invitations greet "Liebe Frau Schäfer" or "Hallo Brigitte" as
     * chosen per member. The name column stays as the full name
     * ("first last"), which searches and invitations read. A stored name
     * is split as bv_member_split_name () does: the last word is the last
     * name. rtrim (name, <every other character of name>) keeps exactly
     * the part up to the last blank. */
    .version = 8,
    .sql =
      "ALTER TABLE members ADD COLUMN first_name TEXT NOT NULL DEFAULT '';"
      "ALTER TABLE members ADD COLUMN last_name TEXT NOT NULL DEFAULT '';"
      "ALTER TABLE members ADD COLUMN salutation TEXT NOT NULL DEFAULT 'neutral'"
      "  CHECK (salutation IN ('neutral', 'female', 'male', 'informal'));"
      "UPDATE members SET"
      "  first_name = rtrim (rtrim (name, replace (name, ' ', ''))),"
      "  last_name = substr (name, length (rtrim (name, replace (name, ' ', ''))) + 1);",
  },
  {
    /* The general assembly (issue 17): the venue of a hybrid meeting
     * (NULL: online only); the agenda in order, each item with the motion
     * members vote on. The item's id stays across edits so that results
     * can refer to it. */
    .version = 9,
    .sql =
      "ALTER TABLE meetings ADD COLUMN venue TEXT;"
      "CREATE TABLE agenda_items ("
      "  meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,"
      "  id         TEXT NOT NULL CHECK (id <> ''),"
      "  position   INTEGER NOT NULL CHECK (position >= 0),"
      "  title      TEXT NOT NULL CHECK (title <> ''),"
      "  motion     TEXT,"
      "  PRIMARY KEY (meeting_id, id),"
      "  UNIQUE (meeting_id, position)"
      ");"
      /* Attendance: one row per stay in the room, seen by polling
       * getMeetingInfo. Personal data: it goes with the member (erasure)
       * and with the meeting. */
      "CREATE TABLE attendance ("
      "  id             INTEGER PRIMARY KEY,"
      "  meeting_id     TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,"
      "  participant_id TEXT REFERENCES meeting_participants (id) ON DELETE SET NULL,"
      "  member_id      TEXT REFERENCES members (id) ON DELETE CASCADE,"
      "  user_id        TEXT NOT NULL,"
      "  full_name      TEXT NOT NULL,"
      "  invited        INTEGER NOT NULL DEFAULT 0,"
      "  joined_at      INTEGER NOT NULL,"
      "  last_seen      INTEGER NOT NULL,"
      "  left_at        INTEGER,"
      "  CHECK (left_at IS NULL OR left_at >= joined_at)"
      ");"
      "CREATE INDEX attendance_meeting ON attendance (meeting_id, joined_at);"
      "CREATE INDEX attendance_member ON attendance (member_id);"
      /* The times the server could not be asked: nothing is known then. */
      "CREATE TABLE attendance_gaps ("
      "  meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,"
      "  started_at INTEGER NOT NULL,"
      "  ended_at   INTEGER,"
      "  PRIMARY KEY (meeting_id, started_at)"
      ");",
  },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == BV_DATABASE_SCHEMA_VERSION);

gboolean
bv_database_migrate (BvDatabase  *self,
                     GError     **error)
{
  g_assert (migrations[G_N_ELEMENTS (migrations) - 1].version == BV_DATABASE_SCHEMA_VERSION);

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      const Migration *step = &migrations[i];
      g_autofree char *bump = NULL;
      g_autoptr(GError) local_error = NULL;
      int version;

      g_assert (step->version == (int)i + 1);

      if (self->schema_version >= step->version)
        continue;

      if (!bv_database_begin (self, error))
        return FALSE;

      /* Another instance may have migrated while we waited for the lock. */
      if (!bv_database_query_int (self, "PRAGMA user_version", &version, error))
        {
          bv_database_rollback (self);
          return FALSE;
        }

      if (version < step->version)
        {
          g_debug ("Migrating %s to schema version %d", self->path, step->version);

          bump = g_strdup_printf ("PRAGMA user_version = %d", step->version);

          if (!bv_database_exec (self, step->sql, &local_error) ||
              !bv_database_exec (self, bump, &local_error) ||
              !bv_database_commit (self, &local_error))
            {
              /* Taken before ROLLBACK replaces it. */
              g_autofree char *detail = g_strdup (sqlite3_errmsg (self->db));

              bv_database_rollback (self);

              if (g_error_matches (local_error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FULL) ||
                  g_error_matches (local_error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_CORRUPT))
                g_propagate_error (error, g_steal_pointer (&local_error));
              else
                g_set_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                             _("The database “%s” could not be updated for this version of the app (%s). It was left as it was."),
                             self->path, detail);
              return FALSE;
            }

          version = step->version;
        }
      else
        {
          bv_database_rollback (self);
        }

      self->schema_version = version;
    }

  return TRUE;
}
