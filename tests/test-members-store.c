/* test-members-store.c
 *
 * Members, groups and invitations (schema 5) on a real SQLite file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bv-database.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static char *dir;

/* Helpers */

static char *
db_path (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static BvDatabase *
open_db (const char *name)
{
  g_autofree char *path = db_path (name);
  g_autoptr(GError) error = NULL;
  BvDatabase *db = bv_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static BvMember *
add_member (BvDatabase *db,
            const char *name,
            const char *email)
{
  g_autoptr(GError) error = NULL;
  BvMember *member = bv_member_new ();

  bv_member_set_name (member, name);
  bv_member_set_email (member, email);
  g_assert_true (bv_database_save_member (db, member, &error));
  g_assert_no_error (error);
  return member;
}

static BvGroup *
add_group (BvDatabase *db,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  BvGroup *group = bv_group_new (name);

  g_assert_true (bv_database_save_group (db, group, &error));
  g_assert_no_error (error);
  return group;
}

static BvMeeting *
add_meeting (BvDatabase *db,
             const char *title)
{
  g_autoptr(GError) error = NULL;
  BvMeeting *meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);

  bv_meeting_set_title (meeting, title);
  bv_meeting_set_start (meeting, "2027-02-03T19:30:00", "Europe/Berlin");
  g_assert_true (bv_database_save_meeting (db, meeting, &error));
  g_assert_no_error (error);
  return meeting;
}

static BvParticipant *
invite (BvDatabase        *db,
        BvMeeting         *meeting,
        BvMember          *member,
        BvParticipantRole  role)
{
  g_autoptr(GError) error = NULL;
  BvParticipant *participant = bv_participant_new_member (bv_meeting_get_id (meeting),
                                                          bv_member_get_id (member), role);

  g_assert_true (bv_database_add_participant (db, participant, &error));
  g_assert_no_error (error);
  return participant;
}

static char *
names_of (GListModel *model)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *name = NULL;

      g_object_get (item, "name", &name, NULL);
      g_string_append_printf (names, "%s%s", i ? "," : "", name);
    }
  return g_string_free (names, FALSE);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  /* The file holds NUL bytes, so no string search. */
  for (gsize i = 0; i + strlen (needle) <= length; i++)
    if (memcmp (contents + i, needle, strlen (needle)) == 0)
      return TRUE;
  return FALSE;
}

/* Whether @needle is anywhere in the database at @path: the file itself
 * (which must exist and be readable, or the probe proves nothing) and its
 * write-ahead log, if there is one. The same probe is the positive control
 * before an erasure and the check after it. */
static gboolean
database_files_contain (const char *path,
                        const char *needle)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (contents);

  return file_contains (path, needle) ||
         (g_file_test (wal, G_FILE_TEST_EXISTS) && file_contains (wal, needle));
}

/* Tests */

/* A file as the meeting editor's version wrote it (schema 4) keeps its
 * servers, meetings and exceptions and gains the member tables. */
static void
test_migrate_from_four (void)
{
  g_autofree char *path = db_path ("v4.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) raw = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(BvMember) member = NULL;
  g_autoptr(BvParticipant) participant = NULL;
  g_autoptr(GPtrArray) exceptions = NULL;
  g_autoptr(BvServer) server = NULL;
  BvDatabase *db;

  raw = raw_open (path);
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
  /* The last step's number: branches merged later renumber theirs. */
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

  raw = raw_open (path);
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

static void
test_members_crud (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMember) anna = NULL;
  g_autoptr(BvMember) zoe = NULL;
  g_autoptr(BvMember) found = NULL;
  g_autoptr(BvMember) copy = NULL;
  g_autoptr(BvMember) clash = NULL;
  g_autoptr(BvMember) nameless = bv_member_new ();
  g_autofree char *names = NULL;
  BvDatabase *db = open_db ("crud.db");
  GListModel *members = bv_database_get_members (db);

  zoe = add_member (db, "Zoë Fischer", "zoe@example.org");
  anna = add_member (db, "  Änne Becker ", "Anne.Becker@Example.ORG");
  add_member (db, "bernd Groß", NULL);
  g_object_unref (g_list_model_get_item (members, 0));
  names = names_of (members);
  /* Sorted by name, ignoring case and accents as the locale collates. */
  g_assert_cmpstr (names, ==, "Änne Becker,bernd Groß,Zoë Fischer");
  g_assert_cmpstr (bv_member_get_name (anna), ==, "Änne Becker");
  g_assert_cmpint (bv_member_get_created (anna), >, 0);

  found = bv_database_find_member_by_email (db, " anne.becker@EXAMPLE.org");
  g_assert_true (found == anna);
  g_clear_object (&found);
  g_assert_null (bv_database_find_member_by_email (db, "nobody@example.org"));

  /* Edit a copy: the list's object follows only after the save. */
  copy = bv_member_copy (anna);
  bv_member_set_phone (copy, "0631 1234");
  bv_member_set_name (copy, "Anne Becker");
  g_assert_null (bv_member_get_phone (anna));
  g_assert_true (bv_database_save_member (db, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (bv_member_get_phone (anna), ==, "0631 1234");
  g_assert_cmpstr (bv_member_get_name (anna), ==, "Anne Becker");

  /* Refused: no name, a bad address, an address another member has. */
  g_assert_false (bv_database_save_member (db, nameless, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_clear_error (&error);
  bv_member_set_name (nameless, "Ohne Adresse");
  bv_member_set_email (nameless, "kein-at-zeichen");
  g_assert_false (bv_database_save_member (db, nameless, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_clear_error (&error);
  clash = bv_member_new ();
  bv_member_set_name (clash, "Zweite Zoë");
  bv_member_set_email (clash, "ZOE@example.org");
  g_assert_false (bv_database_save_member (db, clash, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Zoë Fischer"));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 3);

  /* A failed save of the list's object puts the stored values back. */
  bv_member_set_email (zoe, "anne.becker@example.org");
  g_assert_false (bv_database_save_member (db, zoe, &error));
  g_clear_error (&error);
  g_assert_cmpstr (bv_member_get_email (zoe), ==, "zoe@example.org");

  g_clear_object (&anna);
  g_clear_object (&zoe);
  g_clear_object (&copy);
  g_assert_finalize_object (db);

  /* And it is all on disk. */
  db = open_db ("crud.db");
  members = bv_database_get_members (db);
  g_clear_pointer (&names, g_free);
  names = names_of (members);
  g_assert_cmpstr (names, ==, "Anne Becker,bernd Groß,Zoë Fischer");
  found = bv_database_find_member_by_email (db, "anne.becker@example.org");
  g_assert_cmpstr (bv_member_get_phone (found), ==, "0631 1234");
  g_assert_true (bv_database_delete_member (db, bv_member_get_id (found), &error));
  g_assert_no_error (error);
  g_assert_false (bv_database_delete_member (db, bv_member_get_id (found), &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 2);
  g_clear_object (&found);
  g_assert_finalize_object (db);
}

static void
test_groups (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvGroup) board = NULL;
  g_autoptr(BvGroup) course = NULL;
  g_autoptr(BvGroup) again = bv_group_new ("  übungsleiter ");
  g_autoptr(BvGroup) trainers = NULL;
  g_autoptr(BvGroup) found = NULL;
  g_autoptr(BvMember) anna = NULL;
  g_autoptr(BvMember) bernd = NULL;
  g_autoptr(GPtrArray) in_board = NULL;
  g_autofree char *names = NULL;
  const char *both[3];
  BvDatabase *db = open_db ("groups.db");

  board = add_group (db, "Vorstand");
  course = add_group (db, "Kursgruppe Montag");
  trainers = add_group (db, "Übungsleiter");
  names = names_of (bv_database_get_groups (db));
  g_assert_cmpstr (names, ==, "Kursgruppe Montag,Übungsleiter,Vorstand");

  /* Unique regardless of case, also beyond ASCII. */
  g_assert_false (bv_database_save_group (db, again, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "übungsleiter"));
  g_clear_error (&error);
  found = bv_database_find_group_by_name (db, "ÜBUNGSLEITER");
  g_assert_true (found == trainers);

  anna = add_member (db, "Anna", "anna@example.org");
  bernd = add_member (db, "Bernd", "bernd@example.org");
  both[0] = bv_group_get_id (board);
  both[1] = bv_group_get_id (course);
  both[2] = NULL;
  g_assert_true (bv_database_set_member_groups (db, bv_member_get_id (anna), both, &error));
  g_assert_no_error (error);
  bv_member_set_group_ids (bernd, (const char *[]) { bv_group_get_id (board), NULL });
  g_assert_true (bv_database_save_member (db, bernd, &error));
  g_assert_no_error (error);
  g_assert_true (bv_member_has_group (anna, bv_group_get_id (course)));

  in_board = bv_database_list_group_members (db, bv_group_get_id (board));
  g_assert_cmpuint (in_board->len, ==, 2);
  g_assert_true (g_ptr_array_index (in_board, 0) == anna);

  /* A group that does not exist is refused as a whole. */
  g_assert_false (bv_database_set_member_groups (db, bv_member_get_id (bernd),
                                                 (const char *[]) { "no-such-group", NULL }, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_true (bv_member_has_group (bernd, bv_group_get_id (board)));

  /* Renaming sorts anew; deleting leaves the members without it. */
  bv_group_set_name (course, "Aerobic Montag");
  g_assert_true (bv_database_save_group (db, course, &error));
  g_assert_no_error (error);
  g_clear_pointer (&names, g_free);
  names = names_of (bv_database_get_groups (db));
  g_assert_cmpstr (names, ==, "Aerobic Montag,Übungsleiter,Vorstand");

  g_assert_true (bv_database_delete_group (db, bv_group_get_id (board), &error));
  g_assert_no_error (error);
  g_assert_false (bv_member_has_group (anna, bv_group_get_id (board)));
  g_assert_true (bv_member_has_group (anna, bv_group_get_id (course)));
  g_assert_cmpuint (g_strv_length ((char **)bv_member_get_group_ids (bernd)), ==, 0);

  g_clear_object (&anna);
  g_clear_object (&bernd);
  g_clear_object (&found);
  g_clear_pointer (&in_board, g_ptr_array_unref);
  g_assert_finalize_object (db);

  db = open_db ("groups.db");
  anna = bv_database_find_member_by_email (db, "anna@example.org");
  g_assert_cmpuint (g_strv_length ((char **)bv_member_get_group_ids (anna)), ==, 1);
  g_assert_true (bv_member_has_group (anna, bv_group_get_id (course)));
  g_clear_object (&anna);
  g_assert_finalize_object (db);
}

static void
test_participants (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(BvMember) anna = NULL;
  g_autoptr(BvMember) bernd = NULL;
  g_autoptr(BvParticipant) moderator = NULL;
  g_autoptr(BvParticipant) participant = NULL;
  g_autoptr(BvParticipant) twice = NULL;
  g_autoptr(BvParticipant) guest = NULL;
  g_autoptr(GPtrArray) list = NULL;
  BvParticipant *first;
  BvDatabase *db = open_db ("participants.db");

  meeting = add_meeting (db, "Vorstandssitzung");
  anna = add_member (db, "Anna", "anna@example.org");
  bernd = add_member (db, "Bernd", "bernd@example.org");

  participant = invite (db, meeting, anna, BV_PARTICIPANT_ROLE_PARTICIPANT);
  moderator = invite (db, meeting, bernd, BV_PARTICIPANT_ROLE_MODERATOR);
  guest = bv_participant_new_guest (bv_meeting_get_id (meeting), "Gast Referentin", "referentin@example.com",
                                    BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_assert_true (bv_database_add_participant (db, guest, &error));
  g_assert_no_error (error);

  /* Personal link keys: ≥ 128 bits of hex, all different. */
  g_assert_cmpuint (strlen (bv_participant_get_link_key (participant)), >=, 32);
  for (const char *p = bv_participant_get_link_key (participant); *p; p++)
    g_assert_true (g_ascii_isxdigit (*p));
  g_assert_cmpstr (bv_participant_get_link_key (participant), !=, bv_participant_get_link_key (moderator));

  twice = bv_participant_new_member (bv_meeting_get_id (meeting), bv_member_get_id (anna),
                                     BV_PARTICIPANT_ROLE_MODERATOR);
  g_assert_false (bv_database_add_participant (db, twice, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_clear_error (&error);
  g_clear_object (&twice);
  twice = bv_participant_new_member ("no-such-meeting", bv_member_get_id (anna), BV_PARTICIPANT_ROLE_MODERATOR);
  g_assert_false (bv_database_add_participant (db, twice, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  list = bv_database_list_participants (db, bv_meeting_get_id (meeting));
  g_assert_cmpuint (list->len, ==, 3);
  first = g_ptr_array_index (list, 0);
  g_assert_cmpstr (bv_participant_get_name (first), ==, "Bernd");
  g_assert_cmpint (bv_participant_get_role (first), ==, BV_PARTICIPANT_ROLE_MODERATOR);
  g_assert_cmpstr (bv_participant_get_email (first), ==, "bernd@example.org");
  g_assert_cmpstr (bv_participant_get_link_key (first), ==, bv_participant_get_link_key (moderator));
  g_assert_true (bv_participant_is_guest (g_ptr_array_index (list, 2)));
  g_assert_cmpstr (bv_participant_get_name (g_ptr_array_index (list, 2)), ==, "Gast Referentin");
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (bv_database_set_participant_role (db, bv_participant_get_id (participant),
                                                   BV_PARTICIPANT_ROLE_MODERATOR, &error));
  g_assert_no_error (error);
  g_assert_true (bv_database_remove_participant (db, bv_participant_get_id (guest), &error));
  g_assert_no_error (error);
  g_assert_false (bv_database_remove_participant (db, bv_participant_get_id (guest), &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  list = bv_database_list_participants (db, bv_meeting_get_id (meeting));
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (bv_participant_get_name (g_ptr_array_index (list, 0)), ==, "Anna");
  g_assert_cmpint (bv_participant_get_role (g_ptr_array_index (list, 0)), ==, BV_PARTICIPANT_ROLE_MODERATOR);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_cmpuint (bv_database_count_member_meetings (db, bv_member_get_id (anna)), ==, 1);

  /* Deleting the meeting takes its invitations along. */
  g_assert_true (bv_database_delete_meeting (db, bv_meeting_get_id (meeting), &error));
  g_assert_no_error (error);
  list = bv_database_list_member_participations (db, bv_member_get_id (anna));
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_true (bv_database_check_integrity (db, &error));
  g_assert_no_error (error);

  g_clear_object (&anna);
  g_clear_object (&bernd);
  g_clear_object (&meeting);
  g_assert_finalize_object (db);
}

/* Delete keeps nothing; restore (the undo) brings back the member with the
 * same id, groups and link keys. */
static void
test_delete_and_restore (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) board_meeting = NULL;
  g_autoptr(BvMeeting) course_meeting = NULL;
  g_autoptr(BvMember) anna = NULL;
  g_autoptr(BvMember) kept = NULL;
  g_autoptr(BvMember) back = NULL;
  g_autoptr(BvGroup) board = NULL;
  g_autoptr(BvParticipant) p1 = NULL;
  g_autoptr(BvParticipant) p2 = NULL;
  g_autoptr(GPtrArray) participations = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *path = db_path ("restore.db");
  g_autoptr(sqlite3) raw = NULL;
  BvDatabase *db = open_db ("restore.db");

  board = add_group (db, "Vorstand");
  anna = add_member (db, "Anna", "anna@example.org");
  bv_member_set_group_ids (anna, (const char *[]) { bv_group_get_id (board), NULL });
  g_assert_true (bv_database_save_member (db, anna, &error));
  board_meeting = add_meeting (db, "Vorstandssitzung");
  course_meeting = add_meeting (db, "Kurs");
  p1 = invite (db, board_meeting, anna, BV_PARTICIPANT_ROLE_MODERATOR);
  p2 = invite (db, course_meeting, anna, BV_PARTICIPANT_ROLE_PARTICIPANT);

  kept = bv_member_copy (anna);
  participations = bv_database_list_member_participations (db, bv_member_get_id (anna));
  g_assert_cmpuint (participations->len, ==, 2);
  g_assert_true (bv_database_delete_member (db, bv_member_get_id (anna), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_members (db)), ==, 0);

  raw = raw_open (path);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meeting_participants"), ==, 0);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM member_groups"), ==, 0);
  g_clear_pointer (&raw, sqlite3_close);

  /* In between, one of the meetings goes away: the restore leaves it out. */
  g_assert_true (bv_database_delete_meeting (db, bv_meeting_get_id (course_meeting), &error));
  g_assert_true (bv_database_restore_member (db, kept, participations, &error));
  g_assert_no_error (error);

  back = bv_database_find_member (db, bv_member_get_id (anna));
  g_assert_nonnull (back);
  g_assert_cmpstr (bv_member_get_email (back), ==, "anna@example.org");
  g_assert_cmpint (bv_member_get_created (back), ==, bv_member_get_created (anna));
  g_assert_true (bv_member_has_group (back, bv_group_get_id (board)));
  again = bv_database_list_member_participations (db, bv_member_get_id (anna));
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_cmpstr (bv_participant_get_link_key (g_ptr_array_index (again, 0)), ==,
                   bv_participant_get_link_key (p1));
  g_assert_true (bv_database_check_integrity (db, &error));
  g_assert_no_error (error);

  g_clear_object (&back);
  g_assert_finalize_object (db);
}

/* Art. 17: the person is gone from every table and from the files. */
static void
test_erase_everywhere (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(BvMeeting) other = NULL;
  g_autoptr(BvMember) erased = NULL;
  g_autoptr(BvMember) stays = NULL;
  g_autoptr(BvGroup) group = NULL;
  g_autoptr(BvParticipant) p1 = NULL;
  g_autoptr(BvParticipant) p2 = NULL;
  g_autoptr(BvParticipant) guest = NULL;
  g_autoptr(BvParticipant) other_guest = NULL;
  g_autofree char *path = db_path ("erase.db");
  g_autoptr(sqlite3) raw = NULL;
  BvDatabase *db = open_db ("erase.db");
  /* Unusual enough to appear nowhere else in the file. */
  const char *name = "Hildegard Quastenbergerin";
  const char *note = "Zugangscode-Notiz-7f3a9c";

  group = add_group (db, "Selbsthilfegruppe");
  erased = add_member (db, name, "hildegard.q@example.org");
  bv_member_set_notes (erased, note);
  bv_member_set_group_ids (erased, (const char *[]) { bv_group_get_id (group), NULL });
  g_assert_true (bv_database_save_member (db, erased, &error));
  stays = add_member (db, "Bleibt Hier", "bleibt@example.org");
  meeting = add_meeting (db, "Gruppentreffen");
  other = add_meeting (db, "Workshop");
  p1 = invite (db, meeting, erased, BV_PARTICIPANT_ROLE_PARTICIPANT);
  p2 = invite (db, meeting, stays, BV_PARTICIPANT_ROLE_MODERATOR);
  /* The same person once invited as a guest with the same address. */
  guest = bv_participant_new_guest (bv_meeting_get_id (other), "H. Q.", "Hildegard.Q@example.org",
                                    BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_assert_true (bv_database_add_participant (db, guest, &error));
  other_guest = bv_participant_new_guest (bv_meeting_get_id (other), "Andere", "andere@example.org",
                                          BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_assert_true (bv_database_add_participant (db, other_guest, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (bv_database_count_member_meetings (db, bv_member_get_id (erased)), ==, 2);

  /* Positive control: the probe finds the person before the erasure. */
  g_assert_true (database_files_contain (path, name));
  g_assert_true (database_files_contain (path, note));
  g_assert_true (database_files_contain (path, "hildegard.q@example.org"));
  g_assert_true (database_files_contain (path, "Hildegard.Q@example.org"));
  g_assert_true (database_files_contain (path, "Bleibt Hier"));

  g_assert_true (bv_database_erase_member (db, bv_member_get_id (erased), &error));
  g_assert_no_error (error);
  g_assert_null (bv_database_find_member (db, bv_member_get_id (erased)));
  g_assert_false (bv_database_erase_member (db, bv_member_get_id (erased), &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  raw = raw_open (path);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM members"), ==, 1);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM member_groups"), ==, 0);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meeting_participants"), ==, 2);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meeting_participants WHERE guest_email LIKE 'hildegard%'"), ==, 0);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM groups"), ==, 1);
  g_clear_pointer (&raw, sqlite3_close);

  /* secure_delete and the emptied log: not even the free pages keep it. */
  g_assert_false (database_files_contain (path, name));
  g_assert_false (database_files_contain (path, note));
  g_assert_false (database_files_contain (path, "hildegard.q@example.org"));
  g_assert_false (database_files_contain (path, "Hildegard.Q@example.org"));
  /* … while the one who stays is still found by the same probe. */
  g_assert_true (database_files_contain (path, "Bleibt Hier"));

  g_assert_true (bv_database_check_integrity (db, &error));
  g_assert_no_error (error);
  g_clear_object (&stays);
  g_assert_finalize_object (db);
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
} ItemsChange;

static void
record_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         GArray     *changes)
{
  ItemsChange change = { position, removed, added };

  g_array_append_val (changes, change);
}

/* Rows of members and groups show text that is not bound to the item's
 * properties, so an edit that keeps the item's place must still tell the
 * views (items-changed 1 → 1 at its position); one that moves it removes
 * and inserts it. */
static void
test_edit_in_place (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (ItemsChange));
  g_autoptr(BvMember) anna = NULL;
  g_autoptr(BvMember) bernd = NULL;
  g_autoptr(BvGroup) chor = NULL;
  g_autoptr(BvGroup) vorstand = NULL;
  GListModel *members;
  GListModel *groups;
  ItemsChange *change;
  BvDatabase *db = open_db ("in-place.db");

  anna = add_member (db, "Anna", NULL);
  bernd = add_member (db, "Bernd", NULL);
  chor = add_group (db, "Chor");
  vorstand = add_group (db, "Vorstand");
  members = bv_database_get_members (db);
  groups = bv_database_get_groups (db);
  g_signal_connect (members, "items-changed", G_CALLBACK (record_items_changed_cb), changes);
  g_signal_connect (groups, "items-changed", G_CALLBACK (record_items_changed_cb), changes);

  bv_member_set_notes (bernd, "Kassenwart");
  g_assert_true (bv_database_save_member (db, bernd, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, ItemsChange, 0);
  g_assert_cmpuint (change->position, ==, 1);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 1);

  g_array_set_size (changes, 0);
  bv_group_set_name (vorstand, "Vorstand (neu)");
  g_assert_true (bv_database_save_group (db, vorstand, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, ItemsChange, 0);
  g_assert_cmpuint (change->position, ==, 1);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 1);

  /* Moving: removed at the old place, inserted at the new one. */
  g_array_set_size (changes, 0);
  bv_member_set_name (anna, "Zora");
  g_assert_true (bv_database_save_member (db, anna, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpuint (g_array_index (changes, ItemsChange, 0).position, ==, 0);
  g_assert_cmpuint (g_array_index (changes, ItemsChange, 0).removed, ==, 1);
  g_assert_cmpuint (g_array_index (changes, ItemsChange, 1).position, ==, 1);
  g_assert_cmpuint (g_array_index (changes, ItemsChange, 1).added, ==, 1);
  {
    g_autoptr(BvMember) second = g_list_model_get_item (members, 1);

    g_assert_true (second == anna);
  }

  g_signal_handlers_disconnect_by_data (members, changes);
  g_signal_handlers_disconnect_by_data (groups, changes);
  g_assert_finalize_object (db);
}

static void
test_export_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(BvMeeting) other = NULL;
  g_autoptr(BvMember) member = NULL;
  g_autoptr(BvGroup) group = NULL;
  g_autoptr(BvParticipant) participant = NULL;
  g_autoptr(BvParticipant) guest = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_path = db_path ("export.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;
  BvDatabase *db = open_db ("export.db");
  const char *argv[] = {
    "/usr/bin/python3", "-c",
    "import datetime, json, re, sys\n"
    /* RFC 3339 section 5.6 (date-time), strictly: a reader that is not
     * ours. ISO 8601's "+01" is refused; fromisoformat checks the values. */
    "RFC3339 = re.compile (r'\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})\\Z')\n"
    "def rfc3339 (text):\n"
    "    assert RFC3339.match (text), text\n"
    "    return datetime.datetime.fromisoformat (text.replace ('Z', '+00:00'))\n"
    "d = json.load (open (sys.argv[1], encoding='utf-8'))\n"
    "m = d['member']\n"
    "assert d['version'] == 1, d\n"
    "assert m['name'] == 'Jürgen \"Jogi\" Müller', m\n"
    "assert m['email'] == 'jogi@example.de', m\n"
    "assert m['phone'] is None, m\n"
    "assert m['notes'] == 'Zeile 1\\nZeile 2\\t€ \\\\ Ende\\u0001', repr (m['notes'])\n"
    "assert m['created'].endswith ('Z'), m\n"
    "for t in (d['exported'], m['created'], m['updated']) + tuple (i['invited'] for i in d['invitations']):\n"
    "    rfc3339 (t)\n"
    "assert [g['name'] for g in d['groups']] == ['Vorstand'], d['groups']\n"
    "inv = d['invitations']\n"
    "assert len (inv) == 2, inv\n"
    "assert inv[0]['meeting_title'] == 'Vorstandssitzung', inv\n"
    "assert inv[0]['meeting_start'] == '2027-02-03T19:30:00+01:00', inv\n"
    "assert rfc3339 (inv[1]['meeting_start']) == datetime.datetime (2027, 5, 1, 8, 0, tzinfo=datetime.timezone.utc), inv\n"
    "assert inv[0]['role'] == 'moderator' and inv[0]['as_guest'] is False, inv\n"
    "assert len (inv[0]['personal_link_key']) >= 32, inv\n"
    "assert inv[1]['as_guest'] is True and inv[1]['guest_name'] == 'Jogi', inv\n"
    "print ('ok')\n",
    json_path, NULL
  };

  group = add_group (db, "Vorstand");
  member = add_member (db, "Jürgen \"Jogi\" Müller", "jogi@example.de");
  bv_member_set_notes (member, "Zeile 1\nZeile 2\t€ \\ Ende\001");
  bv_member_set_group_ids (member, (const char *[]) { bv_group_get_id (group), NULL });
  g_assert_true (bv_database_save_member (db, member, &error));
  g_assert_no_error (error);
  meeting = add_meeting (db, "Vorstandssitzung");
  other = add_meeting (db, "Zukunftswerkstatt");
  bv_meeting_set_start (other, "2027-05-01T10:00:00", "Europe/Berlin");
  g_assert_true (bv_database_save_meeting (db, other, &error));
  participant = invite (db, meeting, member, BV_PARTICIPANT_ROLE_MODERATOR);
  guest = bv_participant_new_guest (bv_meeting_get_id (other), "Jogi", "JOGI@example.de",
                                    BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_assert_true (bv_database_add_participant (db, guest, &error));
  g_assert_no_error (error);

  json = bv_database_export_member (db, bv_member_get_id (member), &error);
  g_assert_no_error (error);
  g_assert_nonnull (json);
  g_assert_true (g_utf8_validate (json, -1, NULL));
  g_assert_true (g_file_set_contents (json_path, json, -1, &error));
  g_assert_no_error (error);

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("The export is not the expected JSON:\n%s\n%s", json, err);
  g_assert_cmpstr (out, ==, "ok\n");

  g_assert_null (bv_database_export_member (db, "no-such-member", &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_unlink (json_path);
  g_assert_finalize_object (db);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

/* A calendar import saves its meetings and their attendees together: when
 * one invitation cannot be written, none of the meetings stays either. */
static void
test_meetings_with_participants (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);
  g_autoptr(BvMember) anna = NULL;
  g_autoptr(GPtrArray) meetings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) participants = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(BvMeeting) found = NULL;
  BvDatabase *db = open_db ("meetings-with-participants.db");

  anna = add_member (db, "Anna", "anna@example.org");
  bv_meeting_set_title (meeting, "Mitgliederversammlung");
  bv_meeting_set_start (meeting, "2027-03-03T19:00:00", "Europe/Berlin");
  g_ptr_array_add (meetings, g_object_ref (meeting));
  g_ptr_array_add (participants,
                   bv_participant_new_member (bv_meeting_get_id (meeting), bv_member_get_id (anna),
                                              BV_PARTICIPANT_ROLE_MODERATOR));
  g_ptr_array_add (participants,
                   bv_participant_new_guest ("no-such-meeting", "Gast", "gast@example.com",
                                             BV_PARTICIPANT_ROLE_PARTICIPANT));

  g_assert_false (bv_database_save_meetings_with_participants (db, meetings, NULL, participants, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  found = bv_database_find_meeting (db, bv_meeting_get_id (meeting));
  g_assert_null (found);
  list = bv_database_list_participants (db, bv_meeting_get_id (meeting));
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_ptr_array_remove_index (participants, 1);
  g_assert_true (bv_database_save_meetings_with_participants (db, meetings, NULL, participants, &error));
  g_assert_no_error (error);
  found = bv_database_find_meeting (db, bv_meeting_get_id (meeting));
  g_assert_nonnull (found);
  list = bv_database_list_participants (db, bv_meeting_get_id (meeting));
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (bv_participant_get_name (g_ptr_array_index (list, 0)), ==, "Anna");
  g_assert_cmpint (bv_participant_get_role (g_ptr_array_index (list, 0)), ==, BV_PARTICIPANT_ROLE_MODERATOR);

  g_object_unref (db);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("bv-test-members-store-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/store/members/migrate-from-4", test_migrate_from_four);
  g_test_add_func ("/store/members/crud", test_members_crud);
  g_test_add_func ("/store/members/groups", test_groups);
  g_test_add_func ("/store/members/participants", test_participants);
  g_test_add_func ("/store/members/meetings-with-participants", test_meetings_with_participants);
  g_test_add_func ("/store/members/delete-and-restore", test_delete_and_restore);
  g_test_add_func ("/store/members/erase-everywhere", test_erase_everywhere);
  g_test_add_func ("/store/members/edit-in-place", test_edit_in_place);
  g_test_add_func ("/store/members/export-json", test_export_json);

  status = g_test_run ();

  remove_dir (dir);
  g_free (dir);
  return status;
}
