/* test-database-schema.c
 *
 * The migrations (store/bv-database-schema): from every older version,
 * and a failed step leaves the file as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib-unix.h>
#include <sqlite3.h>

#include "store-fixture.h"

static void
test_migrate_from_zero (void)
{
  g_autofree char *path = test_path ("v0.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) raw = NULL;
  g_autoptr(BvServer) server = bv_server_new (NULL, "Alt", "https://old.example.org/bigbluebutton/", "sha1");
  BvDatabase *db;

  /* A real, non-empty SQLite file with user_version 0 and no tables. */
  raw = raw_open (path, TRUE);
  raw_exec (raw, "CREATE TABLE scratch (x); DROP TABLE scratch;");
  g_assert_cmpint (raw_int (raw, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM sqlite_schema"), ==, 0);
  g_clear_pointer (&raw, sqlite3_close);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bv_database_get_schema_version (db), ==, BV_DATABASE_SCHEMA_VERSION);
  save_ok (db, server);
  g_assert_finalize_object (db);

  raw = raw_open (path, FALSE);
  g_assert_cmpint (raw_int (raw, "PRAGMA user_version"), ==, BV_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (raw, "PRAGMA application_id"), !=, 0);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM servers"), ==, 1);
}

/* A file as version 0.1.0 wrote it (schema 1) keeps its servers and gains
 * the connection columns, which then round-trip. */
static void
test_migrate_from_one (void)
{
  g_autofree char *path = test_path ("v1.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) raw = NULL;
  g_autoptr(BvServer) found = NULL;
  g_autoptr(BvServer) again = NULL;
  BvDatabase *db;

  raw = raw_open (path, TRUE);
  raw_exec (raw,
            "PRAGMA application_id = 1113740901;"
            "CREATE TABLE servers ("
            "  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),"
            "  name TEXT NOT NULL CHECK (name <> ''),"
            "  name_key TEXT NOT NULL UNIQUE,"
            "  url TEXT NOT NULL CHECK (url <> ''),"
            "  checksum TEXT NOT NULL DEFAULT 'auto'"
            "    CHECK (checksum IN ('auto', 'sha1', 'sha256', 'sha384', 'sha512')),"
            "  created INTEGER NOT NULL);"
            "INSERT INTO servers VALUES ('id-1', 'Vereinsserver', 'vereinsserver',"
            "  'https://bbb.example.org/bigbluebutton/api/', 'auto', 1700000000);"
            "PRAGMA user_version = 1;");
  g_clear_pointer (&raw, sqlite3_close);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bv_database_get_schema_version (db), ==, BV_DATABASE_SCHEMA_VERSION);
  found = bv_database_find_server (db, "id-1");
  g_assert_nonnull (found);
  g_assert_cmpstr (bv_server_get_name (found), ==, "Vereinsserver");
  g_assert_null (bv_server_get_detected_checksum (found));
  g_assert_null (bv_server_get_bbb_version (found));
  g_assert_cmpint (bv_server_get_checked_at (found), ==, 0);

  bv_server_set_connection_info (found, "sha512", "2.0", "3.0.19", FALSE, 1800000000);
  save_ok (db, found);
  g_clear_object (&found);
  g_assert_finalize_object (db);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  again = bv_database_find_server (db, "vereinsserver");
  g_assert_nonnull (again);
  g_assert_cmpstr (bv_server_get_detected_checksum (again), ==, "sha512");
  g_assert_cmpstr (bv_server_get_api_version (again), ==, "2.0");
  g_assert_cmpstr (bv_server_get_bbb_version (again), ==, "3.0.19");
  g_assert_false (bv_server_get_load_balancer (again));
  g_assert_cmpint (bv_server_get_checked_at (again), ==, 1800000000);
  g_clear_object (&again);
  g_assert_finalize_object (db);
}

/* A file as the servers-only version wrote it (schema 2) keeps its servers
 * and gains the meeting tables. */
static void
test_migrate_from_two (void)
{
  g_autofree char *path = test_path ("v2.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) raw = NULL;
  g_autoptr(BvServer) found = NULL;
  g_autoptr(BvMeeting) meeting = new_meeting (BV_MEETING_KIND_ASSEMBLY, "Mitgliederversammlung", "2027-03-20T14:00");
  g_autoptr(BvMeeting) again = NULL;
  BvDatabase *db;

  raw = raw_open (path, TRUE);
  raw_exec (raw,
            "PRAGMA application_id = 1113740901;"
            "CREATE TABLE servers ("
            "  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),"
            "  name TEXT NOT NULL CHECK (name <> ''),"
            "  name_key TEXT NOT NULL UNIQUE,"
            "  url TEXT NOT NULL CHECK (url <> ''),"
            "  checksum TEXT NOT NULL DEFAULT 'auto'"
            "    CHECK (checksum IN ('auto', 'sha1', 'sha256', 'sha384', 'sha512')),"
            "  created INTEGER NOT NULL);"
            "ALTER TABLE servers ADD COLUMN detected_checksum TEXT"
            "  CHECK (detected_checksum IS NULL OR"
            "         detected_checksum IN ('sha1', 'sha256', 'sha384', 'sha512'));"
            "ALTER TABLE servers ADD COLUMN api_version TEXT;"
            "ALTER TABLE servers ADD COLUMN bbb_version TEXT;"
            "ALTER TABLE servers ADD COLUMN load_balancer INTEGER NOT NULL DEFAULT 0;"
            "ALTER TABLE servers ADD COLUMN checked_at INTEGER NOT NULL DEFAULT 0;"
            "INSERT INTO servers VALUES ('id-2', 'Vereinsserver', 'vereinsserver',"
            "  'https://bbb.example.org/bigbluebutton/api/', 'auto', 1700000000,"
            "  'sha256', '2.0', '2.7.3', 0, 1750000000);"
            "PRAGMA user_version = 2;");
  g_clear_pointer (&raw, sqlite3_close);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bv_database_get_schema_version (db), ==, BV_DATABASE_SCHEMA_VERSION);
  found = bv_database_find_server (db, "id-2");
  g_assert_nonnull (found);
  g_assert_cmpstr (bv_server_get_name (found), ==, "Vereinsserver");
  g_assert_cmpstr (bv_server_get_detected_checksum (found), ==, "sha256");
  g_assert_cmpstr (bv_server_get_bbb_version (found), ==, "2.7.3");
  g_assert_cmpint (bv_server_get_checked_at (found), ==, 1750000000);
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_meetings (db)), ==, 0);

  bv_meeting_set_server_id (meeting, "id-2");
  save_meeting_ok (db, meeting);
  g_assert_true (bv_database_set_exception (db, bv_meeting_get_id (meeting), "2027-03-20T14:00", FALSE, "2027-03-27T14:00", 0, &error));
  g_assert_no_error (error);
  g_assert_true (bv_database_check_integrity (db, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (db);

  raw = raw_open (path, FALSE);
  g_assert_cmpint (raw_int (raw, "PRAGMA user_version"), ==, BV_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                                 " AND name IN ('meetings', 'meeting_exceptions')"), ==, 2);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM servers"), ==, 1);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM pragma_foreign_key_list('meetings')"
                                 " WHERE \"table\" = 'servers' AND on_delete = 'SET NULL'"), ==, 1);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM pragma_foreign_key_list('meeting_exceptions')"
                                 " WHERE \"table\" = 'meetings' AND on_delete = 'CASCADE'"), ==, 1);
  g_clear_pointer (&raw, sqlite3_close);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  again = bv_database_find_meeting (db, bv_meeting_get_id (meeting));
  g_assert_nonnull (again);
  g_assert_cmpstr (bv_meeting_get_server_id (again), ==, "id-2");
  g_clear_object (&again);
  g_assert_finalize_object (db);
}

static void
test_migration_rolls_back (void)
{
  g_autofree char *path = test_path ("clash.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) raw = NULL;
  BvDatabase *db;

  /* Version 0 but a "servers" table already there: step 1 fails half-way
   * (after setting application_id), and all of it must be undone. */
  raw = raw_open (path, TRUE);
  raw_exec (raw, "CREATE TABLE servers (x); INSERT INTO servers VALUES ('keep me');");
  g_clear_pointer (&raw, sqlite3_close);

  db = bv_database_open (path, &error);
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_assert_null (db);
  g_test_message ("%s", error->message);

  raw = raw_open (path, FALSE);
  g_assert_cmpint (raw_int (raw, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (raw_int (raw, "PRAGMA application_id"), ==, 0);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM servers WHERE x = 'keep me'"), ==, 1);
}

/* A file as the meeting editor's version wrote it (schema 4) keeps its
 * servers, meetings and exceptions and gains the member tables. */
static void
test_migrate_from_four (void)
{
  g_autofree char *path = test_path ("v4.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) raw = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(BvMember) member = NULL;
  g_autoptr(BvParticipant) participant = NULL;
  g_autoptr(GPtrArray) exceptions = NULL;
  g_autoptr(BvServer) server = NULL;
  BvDatabase *db;

  raw = raw_open (path, TRUE);
  raw_exec (raw,
            "PRAGMA application_id = 1113740901;"
            "CREATE TABLE servers ("
            "  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),"
            "  name TEXT NOT NULL CHECK (name <> ''),"
            "  name_key TEXT NOT NULL UNIQUE,"
            "  url TEXT NOT NULL CHECK (url <> ''),"
            "  checksum TEXT NOT NULL DEFAULT 'auto'"
            "    CHECK (checksum IN ('auto', 'sha1', 'sha256', 'sha384', 'sha512')),"
            "  created INTEGER NOT NULL);"
            "ALTER TABLE servers ADD COLUMN detected_checksum TEXT"
            "  CHECK (detected_checksum IS NULL OR"
            "         detected_checksum IN ('sha1', 'sha256', 'sha384', 'sha512'));"
            "ALTER TABLE servers ADD COLUMN api_version TEXT;"
            "ALTER TABLE servers ADD COLUMN bbb_version TEXT;"
            "ALTER TABLE servers ADD COLUMN load_balancer INTEGER NOT NULL DEFAULT 0;"
            "ALTER TABLE servers ADD COLUMN checked_at INTEGER NOT NULL DEFAULT 0;"
            "CREATE TABLE meetings ("
            "  id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),"
            "  bbb_meeting_id TEXT NOT NULL UNIQUE"
            "    CHECK (length (bbb_meeting_id) BETWEEN 2 AND 256 AND instr (bbb_meeting_id, ',') = 0),"
            "  title TEXT NOT NULL,"
            "  kind TEXT NOT NULL CHECK (kind IN ('board', 'assembly', 'course', 'workshop', 'group')),"
            "  start_local TEXT, tzid TEXT NOT NULL CHECK (tzid <> ''),"
            "  duration INTEGER NOT NULL CHECK (duration > 0), rrule TEXT,"
            "  server_id TEXT REFERENCES servers (id) ON DELETE SET NULL,"
            "  welcome TEXT, record INTEGER NOT NULL DEFAULT 0, guest_policy TEXT NOT NULL,"
            "  mute_on_start INTEGER NOT NULL, webcams_only_for_moderator INTEGER NOT NULL,"
            "  max_participants INTEGER NOT NULL DEFAULT 0,"
            "  attendee_pw TEXT NOT NULL, moderator_pw TEXT NOT NULL,"
            "  ical_uid TEXT UNIQUE, created INTEGER NOT NULL, updated INTEGER NOT NULL);"
            "CREATE INDEX meetings_server_id ON meetings (server_id);"
            "CREATE TABLE meeting_exceptions ("
            "  meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,"
            "  recurrence_id TEXT NOT NULL, cancelled INTEGER NOT NULL DEFAULT 0,"
            "  new_start_local TEXT, new_duration INTEGER,"
            "  PRIMARY KEY (meeting_id, recurrence_id));"
            "ALTER TABLE meetings ADD COLUMN locks INTEGER NOT NULL DEFAULT 0;"
            "ALTER TABLE meetings ADD COLUMN slides TEXT;"
            "ALTER TABLE meetings ADD COLUMN recording_notice TEXT;"
            "INSERT INTO servers VALUES ('srv-4', 'Vereinsserver', 'vereinsserver',"
            "  'https://bbb.example.org/bigbluebutton/api/', 'auto', 1700000000,"
            "  'sha256', '2.0', '3.0.19', 0, 1750000000);"
            "INSERT INTO meetings VALUES ('mtg-4', 'room0123456789abcdef', 'Kurs Montag', 'course',"
            "  '2027-01-04T18:00:00', 'Europe/Berlin', 90, 'FREQ=WEEKLY', 'srv-4', 'Willkommen', 0,"
            "  'ALWAYS_ACCEPT', 1, 0, 0, 'att12345abcd', 'mod12345abcd', NULL, 1700000000, 1700000000,"
            "  3, NULL, NULL);"
            "INSERT INTO meeting_exceptions VALUES ('mtg-4', '2027-01-11T18:00:00', 1, NULL, NULL);"
            "PRAGMA user_version = 4;");
  g_clear_pointer (&raw, sqlite3_close);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bv_database_get_schema_version (db), ==, BV_DATABASE_SCHEMA_VERSION);

  meeting = bv_database_find_meeting (db, "mtg-4");
  g_assert_nonnull (meeting);
  g_assert_cmpstr (bv_meeting_get_title (meeting), ==, "Kurs Montag");
  g_assert_cmpstr (bv_meeting_get_server_id (meeting), ==, "srv-4");
  g_assert_cmpint (bv_meeting_get_locks (meeting), ==, 3);
  /* Version 9: no agenda and online only until someone says otherwise. */
  g_assert_cmpuint (bv_meeting_get_agenda (meeting)->len, ==, 0);
  g_assert_null (bv_meeting_get_venue (meeting));
  exceptions = bv_database_list_exceptions (db, "mtg-4");
  g_assert_cmpuint (exceptions->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_members (db)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_groups (db)), ==, 0);

  /* The new tables work together with the old ones. */
  member = add_member (db, "Jürgen Müller", "juergen@example.de");
  participant = invite (db, meeting, member, BV_PARTICIPANT_ROLE_MODERATOR);
  g_assert_true (bv_database_check_integrity (db, &error));
  g_assert_no_error (error);

  /* Version 6: a dial-in number learnt from the server is stored as soon
   * as the server object hears of it, and comes back on the next start. */
  server = bv_database_find_server (db, "srv-4");
  g_assert_null (bv_server_get_dial_number (server));
  bv_server_set_dial_number (server, "+49 30 1234567");
  g_clear_object (&server);
  g_clear_object (&meeting);
  g_clear_object (&member);
  g_assert_finalize_object (db);
  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  server = bv_database_find_server (db, "srv-4");
  g_assert_cmpstr (bv_server_get_dial_number (server), ==, "+49 30 1234567");
  g_clear_object (&server);
  g_assert_finalize_object (db);

  raw = raw_open (path, TRUE);
  g_assert_cmpint (raw_int (raw, "PRAGMA user_version"), ==, BV_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM servers"), ==, 1);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meetings"), ==, 1);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meeting_exceptions"), ==, 1);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN"
                                 " ('members', 'groups', 'member_groups', 'meeting_participants')"), ==, 4);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM pragma_foreign_key_list('meeting_participants')"
                                 " WHERE \"table\" IN ('meetings', 'members') AND on_delete = 'CASCADE'"), ==, 2);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM pragma_foreign_key_list('member_groups')"
                                 " WHERE on_delete = 'CASCADE'"), ==, 2);
  g_assert_cmpint (raw_int (raw, "SELECT length (link_key) FROM meeting_participants"), >=, 32);
}

/* A file of schema 6 (members with one name column) gains first and last
 * names split at the last blank, keeps the full name, and greets
 * neutrally until told otherwise. The shape of 6 is made by dropping what
 * the steps after 6 add from a new file: the same tables the released steps made. */
static void
test_migrate_names (void)
{
  g_autofree char *path = test_path ("v6-names.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) raw = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *names = NULL;
  BvDatabase *db;
  struct {
    const char *id, *name, *first, *last;
  } expected[] = {
    { "m1", "Brigitte Schäfer", "Brigitte", "Schäfer" },
    { "m2", "Anna Maria Becker", "Anna Maria", "Becker" },
    { "m3", "Cher", "", "Cher" },
    { "m4", "Hans-Jürgen Ölmann", "Hans-Jürgen", "Ölmann" },
  };

  db = open_db ("v6-names.db");
  g_assert_finalize_object (db);

  raw = raw_open (path, FALSE);
  raw_exec (raw,
            "ALTER TABLE members DROP COLUMN first_name;"
            "ALTER TABLE members DROP COLUMN last_name;"
            "ALTER TABLE members DROP COLUMN salutation;"
            /* and what the steps after 6 made */
            "DROP TABLE mail_records;"
            "DROP TABLE meeting_mail;"
            "DROP TABLE attendance_gaps;"
            "DROP TABLE attendance;"
            "DROP TABLE agenda_items;"
            "ALTER TABLE meetings DROP COLUMN venue;"
            "PRAGMA user_version = 6;"
            "INSERT INTO members (id, name, email, email_key, created, updated) VALUES"
            "  ('m1', 'Brigitte Schäfer', 'b@example.de', 'b@example.de', 1700000000, 1700000000),"
            "  ('m2', 'Anna Maria Becker', NULL, NULL, 1700000000, 1700000000),"
            "  ('m3', 'Cher', NULL, NULL, 1700000000, 1700000000),"
            "  ('m4', 'Hans-Jürgen Ölmann', NULL, NULL, 1700000000, 1700000000);"
            "INSERT INTO meetings (id, bbb_meeting_id, title, kind, tzid, duration, guest_policy,"
            "  mute_on_start, webcams_only_for_moderator, attendee_pw, moderator_pw, created, updated)"
            "  VALUES ('mtg', 'room0123456789abcdef', 'Vorstand', 'board', 'Europe/Berlin', 60,"
            "  'ALWAYS_ACCEPT', 1, 0, 'att12345abcd', 'mod12345abcd', 1700000000, 1700000000);"
            "INSERT INTO meeting_participants (id, meeting_id, member_id, link_key, created) VALUES"
            "  ('p1', 'mtg', 'm1', '0123456789abcdef0123456789abcdef01', 1700000000),"
            "  ('p2', 'mtg', 'm2', '1123456789abcdef0123456789abcdef01', 1700000000);");
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM pragma_table_info ('members') WHERE name = 'last_name'"), ==, 0);
  g_clear_pointer (&raw, sqlite3_close);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bv_database_get_schema_version (db), ==, BV_DATABASE_SCHEMA_VERSION);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(BvMember) member = bv_database_find_member (db, expected[i].id);

      g_assert_nonnull (member);
      g_assert_cmpstr (bv_member_get_first_name (member), ==, expected[i].first);
      g_assert_cmpstr (bv_member_get_last_name (member), ==, expected[i].last);
      g_assert_cmpstr (bv_member_get_name (member), ==, expected[i].name);
      g_assert_cmpint (bv_member_get_salutation (member), ==, BV_MEMBER_SALUTATION_NEUTRAL);
    }

  /* What SQL wrote is what the split in C says. */
  raw = raw_open (path, FALSE);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT name, first_name, last_name, salutation FROM members",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;

      bv_member_split_name ((const char *)sqlite3_column_text (stmt, 0), &first, &last);
      g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 1), ==, first);
      g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 2), ==, last);
      g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 3), ==, "neutral");
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&raw, sqlite3_close);

  /* By last name: Becker, Cher, Ölmann (with O), Schäfer. */
  names = names_of (bv_database_get_members (db));
  g_assert_cmpstr (names, ==, "Anna Maria Becker,Cher,Hans-Jürgen Ölmann,Brigitte Schäfer");

  /* Invitations carry the parts for the greeting. */
  list = bv_database_list_participants (db, "mtg");
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (bv_participant_get_last_name (g_ptr_array_index (list, 0)), ==, "Becker");
  g_assert_cmpstr (bv_participant_get_first_name (g_ptr_array_index (list, 1)), ==, "Brigitte");
  g_assert_true (bv_database_check_integrity (db, &error));
  g_assert_no_error (error);

  g_object_unref (db);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = NULL;
  int ret;

  root = bv_test_isolate_dirs ("bv-test-database-schema");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/database-schema/migrate-from-0", test_migrate_from_zero);
  g_test_add_func ("/store/database-schema/migrate-from-1", test_migrate_from_one);
  g_test_add_func ("/store/database-schema/migrate-from-2", test_migrate_from_two);
  g_test_add_func ("/store/database-schema/migrate-from-4", test_migrate_from_four);
  g_test_add_func ("/store/database-schema/migrate-names", test_migrate_names);
  g_test_add_func ("/store/database-schema/migration-rolls-back", test_migration_rolls_back);

  ret = g_test_run ();

  if (root)
    bv_test_remove_tree (root);

  return ret;
}
