/* test-mail-record.c
 *
 * The sending record of invitations sent by e-mail (schema step 7) on a
 * real SQLite file: states, the invitation's version (role, renewed
 * links, moved or cancelled dates make it outdated), the meeting's
 * iCalendar SEQUENCE, the DSGVO export and the erasure with the member.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bv-database.h"
#include "bv-mail-record.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static char *dir;

typedef struct
{
  char          *path;
  BvDatabase    *db;
  BvMeeting     *meeting;
  BvMember      *member;
  BvParticipant *participant;
} Fixture;

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static guint n;

  f->path = g_strdup_printf ("%s/record-%u.sqlite", dir, n++);
  f->db = bv_database_open (f->path, &error);
  g_assert_no_error (error);

  f->meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);
  bv_meeting_set_title (f->meeting, "Vorstand");
  bv_meeting_set_start (f->meeting, "2027-02-03T19:30:00", "Europe/Berlin");
  bv_meeting_set_rrule (f->meeting, "FREQ=WEEKLY;COUNT=5");
  g_assert_true (bv_database_save_meeting (f->db, f->meeting, &error));
  g_assert_no_error (error);

  f->member = bv_member_new ();
  bv_member_set_name (f->member, "Jürgen Müller");
  bv_member_set_email (f->member, "juergen@example.org");
  g_assert_true (bv_database_save_member (f->db, f->member, &error));
  g_assert_no_error (error);
  f->participant = bv_participant_new_member (bv_meeting_get_id (f->meeting), bv_member_get_id (f->member),
                                              BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_assert_true (bv_database_add_participant (f->db, f->participant, &error));
  g_assert_no_error (error);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_clear_object (&f->participant);
  g_clear_object (&f->member);
  g_clear_object (&f->meeting);
  g_clear_object (&f->db);
  g_free (f->path);
}

static const char *
pid (Fixture *f)
{
  return bv_participant_get_id (f->participant);
}

static void
record_sent_at (Fixture    *f,
                const char *message_id,
                GDateTime  *now)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *version = bv_database_get_invitation_version (f->db, pid (f));

  g_assert_true (bv_database_record_mail_sent (f->db, pid (f), version, "juergen@example.org",
                                               message_id, now, &error));
  g_assert_no_error (error);
}

static void
record_sent (Fixture    *f,
             const char *message_id)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  record_sent_at (f, message_id, now);
}

static gboolean
outdated (Fixture *f)
{
  g_autoptr(BvMailRecord) record = bv_database_get_mail_record (f->db, pid (f));

  return bv_mail_record_is_outdated (record);
}

static void
test_states (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(BvMailRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *version = bv_database_get_invitation_version (f->db, pid (f));

  record = bv_database_get_mail_record (f->db, pid (f));
  g_assert_cmpint (bv_mail_record_get_state (record), ==, BV_MAIL_STATE_NONE);
  g_assert_null (bv_mail_record_get_sent_at (record));
  g_assert_false (bv_mail_record_is_outdated (record));
  g_assert_false (bv_mail_record_is_current (record));
  g_clear_object (&record);

  g_assert_true (bv_database_record_mail_failed (f->db, pid (f), version,
                                                 "Der Mailserver hat diese Nachricht abgelehnt (550).",
                                                 now, &error));
  g_assert_no_error (error);
  record = bv_database_get_mail_record (f->db, pid (f));
  g_assert_cmpint (bv_mail_record_get_state (record), ==, BV_MAIL_STATE_FAILED);
  g_assert_cmpstr (bv_mail_record_get_error_text (record), ==, "Der Mailserver hat diese Nachricht abgelehnt (550).");
  g_assert_null (bv_mail_record_get_sent_at (record));
  g_clear_object (&record);

  /* The stored time is the one the sender passed, not the clock at storing. */
  record_sent_at (f, "abc@example.de", now);
  record = bv_database_get_mail_record (f->db, pid (f));
  g_assert_cmpint (bv_mail_record_get_state (record), ==, BV_MAIL_STATE_SENT);
  g_assert_cmpstr (bv_mail_record_get_message_id (record), ==, "abc@example.de");
  g_assert_cmpstr (bv_mail_record_get_address (record), ==, "juergen@example.org");
  g_assert_null (bv_mail_record_get_error_text (record));
  g_assert_cmpint (g_date_time_to_unix (bv_mail_record_get_sent_at (record)), ==, g_date_time_to_unix (now));
  g_assert_true (bv_mail_record_is_current (record));
  g_clear_object (&record);

  /* A later failure shows, and the earlier success is still known. */
  g_assert_true (bv_database_record_mail_failed (f->db, pid (f), version, "weg", now, &error));
  record = bv_database_get_mail_record (f->db, pid (f));
  g_assert_cmpint (bv_mail_record_get_state (record), ==, BV_MAIL_STATE_FAILED);
  g_assert_nonnull (bv_mail_record_get_sent_at (record));
  g_assert_cmpstr (bv_mail_record_get_message_id (record), ==, "abc@example.de");
  g_clear_object (&record);

  /* Unknown participants: no record, nothing stored. */
  g_assert_null (bv_database_get_mail_record (f->db, "gibt-es-nicht"));
  g_assert_false (bv_database_record_mail_sent (f->db, "gibt-es-nicht", version, "x@example.org",
                                                "id@x", now, &error));
  g_assert_nonnull (error);
}

/* What makes a sent invitation outdated, and what does not. */
static void
test_version (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  record_sent (f, "1@x");
  g_assert_false (outdated (f));

  /* The title is in the text, not in the link or the date. */
  bv_meeting_set_title (f->meeting, "Vorstand (neu)");
  g_assert_true (bv_database_save_meeting (f->db, f->meeting, &error));
  g_assert_false (outdated (f));

  g_assert_true (bv_database_set_participant_role (f->db, pid (f), BV_PARTICIPANT_ROLE_MODERATOR, &error));
  g_assert_true (outdated (f));
  record_sent (f, "2@x");
  g_assert_false (outdated (f));

  bv_meeting_renew_bbb_meeting_id (f->meeting);
  g_assert_true (bv_database_save_meeting (f->db, f->meeting, &error));
  g_assert_true (outdated (f));
  record_sent (f, "3@x");

  bv_meeting_set_start (f->meeting, "2027-02-03T20:00:00", "Europe/Berlin");
  g_assert_true (bv_database_save_meeting (f->db, f->meeting, &error));
  g_assert_true (outdated (f));
  record_sent (f, "4@x");

  g_assert_true (bv_database_set_exception (f->db, bv_meeting_get_id (f->meeting), "2027-02-10T20:00:00",
                                            TRUE, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_true (outdated (f));
  record_sent (f, "5@x");

  bv_meeting_set_rrule (f->meeting, "FREQ=WEEKLY;COUNT=6");
  g_assert_true (bv_database_save_meeting (f->db, f->meeting, &error));
  g_assert_true (outdated (f));
}

static void
test_sequence (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *id = bv_meeting_get_id (f->meeting);
  int sequence = -1;

  g_assert_true (bv_database_next_mail_sequence (f->db, id, FALSE, &sequence, &error));
  g_assert_cmpint (sequence, ==, 0);
  g_assert_true (bv_database_next_mail_sequence (f->db, id, FALSE, &sequence, &error));
  g_assert_cmpint (sequence, ==, 0);

  bv_meeting_set_start (f->meeting, "2027-02-04T19:30:00", "Europe/Berlin");
  g_assert_true (bv_database_save_meeting (f->db, f->meeting, &error));
  g_assert_true (bv_database_next_mail_sequence (f->db, id, FALSE, &sequence, &error));
  g_assert_cmpint (sequence, ==, 1);

  /* A role is per person: the meeting's sequence stays. */
  g_assert_true (bv_database_set_participant_role (f->db, pid (f), BV_PARTICIPANT_ROLE_MODERATOR, &error));
  g_assert_true (bv_database_next_mail_sequence (f->db, id, FALSE, &sequence, &error));
  g_assert_cmpint (sequence, ==, 1);

  bv_meeting_renew_bbb_meeting_id (f->meeting);
  g_assert_true (bv_database_save_meeting (f->db, f->meeting, &error));
  g_assert_true (bv_database_next_mail_sequence (f->db, id, FALSE, &sequence, &error));
  g_assert_cmpint (sequence, ==, 2);

  g_assert_true (bv_database_next_mail_sequence (f->db, id, TRUE, &sequence, &error));
  g_assert_cmpint (sequence, ==, 3);

  g_assert_false (bv_database_next_mail_sequence (f->db, "gibt-es-nicht", FALSE, &sequence, &error));
  g_assert_nonnull (error);
}

static gint64
raw_count (const char *path,
           const char *sql)
{
  g_autoptr(sqlite3) raw = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (raw, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* DSGVO: the record is in the member's export and goes with the member. */
static void
test_export_and_erase (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  JsonObject *invitation;
  JsonObject *sending;

  record_sent (f, "message-1@example.de");
  json = bv_database_export_member (f->db, bv_member_get_id (f->member), &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  invitation = json_array_get_object_element (json_object_get_array_member (
                 json_node_get_object (json_parser_get_root (parser)), "invitations"), 0);
  sending = json_object_get_object_member (invitation, "email_sending");
  g_assert_nonnull (sending);
  g_assert_cmpstr (json_object_get_string_member (sending, "message_id"), ==, "message-1@example.de");
  g_assert_cmpstr (json_object_get_string_member (sending, "sent_to"), ==, "juergen@example.org");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (sending, "sent"), "Z"));
  g_assert_true (json_object_get_null_member (sending, "failure"));

  g_assert_cmpint (raw_count (f->path, "SELECT count(*) FROM mail_records"), ==, 1);
  g_assert_true (bv_database_erase_member (f->db, bv_member_get_id (f->member), &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_count (f->path, "SELECT count(*) FROM mail_records"), ==, 0);
  g_assert_null (bv_database_get_mail_record (f->db, pid (f)));
}

static char *
raw_text (const char *path,
          const char *sql)
{
  g_autoptr(sqlite3) raw = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (raw, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

#define ROW_SQL \
  "SELECT participant_id || '|' || sent_at || '|' || message_id || '|' || address || '|'" \
  " || sent_version || '|' || ifnull (failed_at, '-') || '|' || ifnull (error_text, '-')" \
  " || '|' || ifnull (failed_version, '-') FROM mail_records ORDER BY participant_id"

/* Undoing a delete on the members page brings the sending record back as
 * it was (else "only unsent" would send the invitation again); erasing
 * for good leaves nothing of it in the file. */
static void
test_delete_undo_erase (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) sent = g_date_time_new_utc (2027, 1, 20, 10, 15, 7);
  g_autoptr(GDateTime) failed = g_date_time_new_utc (2027, 1, 27, 9, 0, 0);
  g_autofree char *version = bv_database_get_invitation_version (f->db, pid (f));
  g_autoptr(BvMember) kept = bv_member_copy (f->member);
  g_autoptr(GPtrArray) participations = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(BvMailRecord) back = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* Sent once, and a later attempt failed: both parts of the row count. */
  g_assert_true (bv_database_record_mail_sent (f->db, pid (f), version, "juergen@example.org",
                                               "einladung-1@verein.example.de", sent, &error));
  g_assert_true (bv_database_record_mail_failed (f->db, pid (f), version, "Postfach voll", failed, &error));
  g_assert_no_error (error);
  before = raw_text (f->path, ROW_SQL);

  participations = bv_database_list_member_participations (f->db, bv_member_get_id (f->member));
  records = bv_database_list_member_mail_records (f->db, bv_member_get_id (f->member));
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_true (bv_database_delete_member (f->db, bv_member_get_id (f->member), &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_count (f->path, "SELECT count(*) FROM mail_records"), ==, 0);

  g_assert_true (bv_database_restore_member (f->db, kept, participations, records, &error));
  g_assert_no_error (error);
  after = raw_text (f->path, ROW_SQL);
  g_assert_cmpstr (after, ==, before);
  back = bv_database_get_mail_record (f->db, pid (f));
  g_assert_nonnull (back);
  g_assert_cmpint (bv_mail_record_get_state (back), ==, BV_MAIL_STATE_FAILED);
  g_assert_cmpint (g_date_time_to_unix (bv_mail_record_get_sent_at (back)), ==, g_date_time_to_unix (sent));
  g_assert_cmpstr (bv_mail_record_get_message_id (back), ==, "einladung-1@verein.example.de");
  g_assert_cmpstr (bv_mail_record_get_address (back), ==, "juergen@example.org");
  g_assert_cmpstr (bv_mail_record_get_error_text (back), ==, "Postfach voll");
  g_assert_false (bv_mail_record_is_outdated (back));

  g_assert_true (bv_database_erase_member (f->db, bv_member_get_id (f->member), &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_count (f->path, "SELECT count(*) FROM mail_records"), ==, 0);
  g_assert_cmpint (raw_count (f->path, "SELECT count(*) FROM meeting_participants"), ==, 0);
  g_assert_null (bv_database_get_mail_record (f->db, pid (f)));
}

/* Deleting the meeting takes its records and its sequence with it. */
static void
test_meeting_deleted (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  int sequence;

  record_sent (f, "m@x");
  g_assert_true (bv_database_next_mail_sequence (f->db, bv_meeting_get_id (f->meeting), FALSE, &sequence, &error));
  g_assert_true (bv_database_delete_meeting (f->db, bv_meeting_get_id (f->meeting), &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_count (f->path, "SELECT count(*) FROM mail_records"), ==, 0);
  g_assert_cmpint (raw_count (f->path, "SELECT count(*) FROM meeting_mail"), ==, 0);
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;

  record_sent (f, "l@x");
  records = bv_database_list_mail_records (f->db, bv_meeting_get_id (f->meeting));
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (bv_mail_record_get_participant_id (g_ptr_array_index (records, 0)), ==, pid (f));
  g_assert_cmpint (bv_mail_record_get_state (g_ptr_array_index (records, 0)), ==, BV_MAIL_STATE_SENT);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("bv-test-mail-record-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add ("/store/mail-record/states", Fixture, NULL, set_up, test_states, tear_down);
  g_test_add ("/store/mail-record/version", Fixture, NULL, set_up, test_version, tear_down);
  g_test_add ("/store/mail-record/sequence", Fixture, NULL, set_up, test_sequence, tear_down);
  g_test_add ("/store/mail-record/export-and-erase", Fixture, NULL, set_up, test_export_and_erase, tear_down);
  g_test_add ("/store/mail-record/delete-undo-erase", Fixture, NULL, set_up, test_delete_undo_erase, tear_down);
  g_test_add ("/store/mail-record/meeting-deleted", Fixture, NULL, set_up, test_meeting_deleted, tear_down);
  g_test_add ("/store/mail-record/list", Fixture, NULL, set_up, test_list, tear_down);

  status = g_test_run ();
  remove_dir (dir);
  g_free (dir);
  return status;
}
