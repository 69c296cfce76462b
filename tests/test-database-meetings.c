/* test-database-meetings.c
 *
 * Meetings in the database (store/bv-database-meetings): round trips,
 * edits, deleting, exceptions, imports' UIDs, a full disk, many at once.
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
test_meeting_round_trip (void)
{
  g_autofree char *path = test_path ("meetings.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = bv_server_new (NULL, "KL.digital", "https://kl.example.org/bigbluebutton/", NULL);
  g_autoptr(BvMeeting) full = new_meeting (BV_MEETING_KIND_GROUP, "Selbsthilfegruppe Mittwoch", "2026-10-07T19:30");
  g_autoptr(BvMeeting) early = new_meeting (BV_MEETING_KIND_BOARD, "Vorstand", "2026-10-01T18:00");
  g_autoptr(BvMeeting) same_time = new_meeting (BV_MEETING_KIND_ASSEMBLY, "beirat", "2026-10-01T18:00:00");
  g_autoptr(BvMeeting) undated = new_meeting (BV_MEETING_KIND_WORKSHOP, "Irgendwann", NULL);
  g_autoptr(BvMeeting) found = NULL;
  g_autoptr(sqlite3) raw = NULL;
  g_autofree char *id = g_strdup (bv_meeting_get_id (full));
  g_autofree char *bbb_id = g_strdup (bv_meeting_get_bbb_meeting_id (full));
  g_autofree char *attendee_pw = g_strdup (bv_meeting_get_attendee_password (full));
  g_autofree char *moderator_pw = g_strdup (bv_meeting_get_moderator_password (full));
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (bv_database_get_meetings (db)) == BV_TYPE_MEETING);
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_meetings (db)), ==, 0);
  save_ok (db, server);

  /* Every field away from its default */
  bv_meeting_set_start (full, "2026-10-07T19:30", "America/New_York");
  bv_meeting_set_duration (full, 75);
  bv_meeting_set_rrule (full, "FREQ=MONTHLY;BYDAY=1WE;COUNT=10");
  bv_meeting_set_server_id (full, bv_server_get_id (server));
  bv_meeting_set_welcome (full, "Willkommen! <b>Bitte</b> stellt euch kurz vor.\nDanke & bis gleich.");
  bv_meeting_set_record (full, TRUE);
  bv_meeting_set_guest_policy (full, "ALWAYS_DENY");
  bv_meeting_set_mute_on_start (full, TRUE);
  bv_meeting_set_webcams_only_for_moderator (full, TRUE);
  bv_meeting_set_max_participants (full, 12);
  bv_meeting_set_ical_uid (full, "040000008200E00074C5B7101A82E008@outlook");

  save_meeting_ok (db, full);
  save_meeting_ok (db, undated);
  save_meeting_ok (db, early);
  save_meeting_ok (db, same_time);
  g_assert_true (meeting_at (db, 2) == full);
  assert_titles (db, "beirat,Vorstand,Selbsthilfegruppe Mittwoch,Irgendwann");
  g_assert_finalize_object (db);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  assert_titles (db, "beirat,Vorstand,Selbsthilfegruppe Mittwoch,Irgendwann");

  found = bv_database_find_meeting (db, id);
  g_assert_nonnull (found);
  g_assert_true (found != full);
  g_assert_cmpstr (bv_meeting_get_id (found), ==, id);
  g_assert_cmpstr (bv_meeting_get_bbb_meeting_id (found), ==, bbb_id);
  g_assert_cmpstr (bv_meeting_get_title (found), ==, "Selbsthilfegruppe Mittwoch");
  g_assert_cmpint (bv_meeting_get_kind (found), ==, BV_MEETING_KIND_GROUP);
  g_assert_cmpstr (bv_meeting_get_start_local (found), ==, "2026-10-07T19:30:00");
  g_assert_cmpstr (bv_meeting_get_tzid (found), ==, "America/New_York");
  g_assert_cmpuint (bv_meeting_get_duration (found), ==, 75);
  g_assert_cmpstr (bv_meeting_get_rrule (found), ==, "FREQ=MONTHLY;BYDAY=1WE;COUNT=10");
  g_assert_cmpstr (bv_meeting_get_server_id (found), ==, bv_server_get_id (server));
  g_assert_cmpstr (bv_meeting_get_welcome (found), ==, "Willkommen! <b>Bitte</b> stellt euch kurz vor.\nDanke & bis gleich.");
  g_assert_true (bv_meeting_get_record (found));
  g_assert_cmpstr (bv_meeting_get_guest_policy (found), ==, "ALWAYS_DENY");
  g_assert_true (bv_meeting_get_mute_on_start (found));
  g_assert_true (bv_meeting_get_webcams_only_for_moderator (found));
  g_assert_cmpuint (bv_meeting_get_max_participants (found), ==, 12);
  g_assert_cmpstr (bv_meeting_get_attendee_password (found), ==, attendee_pw);
  g_assert_cmpstr (bv_meeting_get_moderator_password (found), ==, moderator_pw);
  g_assert_cmpstr (bv_meeting_get_ical_uid (found), ==, "040000008200E00074C5B7101A82E008@outlook");
  g_clear_object (&found);

  /* The defaults round-trip too, NULLs included */
  found = bv_database_find_meeting (db, bv_meeting_get_id (undated));
  g_assert_nonnull (found);
  g_assert_null (bv_meeting_get_start_local (found));
  g_assert_cmpstr (bv_meeting_get_tzid (found), ==, "Europe/Berlin");
  g_assert_null (bv_meeting_get_rrule (found));
  g_assert_null (bv_meeting_get_server_id (found));
  g_assert_null (bv_meeting_get_welcome (found));
  g_assert_null (bv_meeting_get_ical_uid (found));
  g_assert_false (bv_meeting_get_record (found));
  g_assert_true (bv_meeting_get_mute_on_start (found));
  g_assert_cmpuint (bv_meeting_get_duration (found), ==, 180);
  g_clear_object (&found);

  /* Also by the room id, which --join may be given */
  found = bv_database_find_meeting (db, bbb_id);
  g_assert_nonnull (found);
  g_assert_cmpstr (bv_meeting_get_id (found), ==, id);
  g_clear_object (&found);
  g_assert_null (bv_database_find_meeting (db, "no-such-meeting"));

  g_assert_true (bv_database_check_integrity (db, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (db);

  raw = raw_open (path, FALSE);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meetings"), ==, 4);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meetings WHERE created > 0 AND updated >= created"), ==, 4);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meetings WHERE kind = 'group' AND record = 1"), ==, 1);
}

/* Text is bound as a parameter, never pasted into SQL: quotes and a
 * statement in a name are stored and read back as they are. */
#define INJECTION "O'Brien \"Bobby\" '); DROP TABLE meetings; DROP TABLE servers; --"

static void
test_sql_text_verbatim (void)
{
  g_autofree char *path = test_path ("injection.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = bv_server_new (NULL, INJECTION, "https://bbb.example.org/bigbluebutton/", NULL);
  g_autoptr(BvMeeting) meeting = new_meeting (BV_MEETING_KIND_BOARD, INJECTION, "2026-10-01T18:00");
  g_autoptr(BvServer) found_server = NULL;
  g_autoptr(BvMeeting) found_meeting = NULL;
  g_autoptr(sqlite3) raw = NULL;
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  save_ok (db, server);
  bv_meeting_set_welcome (meeting, INJECTION);
  bv_meeting_set_server_id (meeting, bv_server_get_id (server));
  save_meeting_ok (db, meeting);
  g_assert_finalize_object (db);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  found_server = bv_database_find_server (db, bv_server_get_id (server));
  g_assert_nonnull (found_server);
  g_assert_cmpstr (bv_server_get_name (found_server), ==, INJECTION);
  found_meeting = bv_database_find_meeting (db, bv_meeting_get_id (meeting));
  g_assert_nonnull (found_meeting);
  g_assert_cmpstr (bv_meeting_get_title (found_meeting), ==, INJECTION);
  g_assert_cmpstr (bv_meeting_get_welcome (found_meeting), ==, INJECTION);
  g_clear_object (&found_meeting);
  g_clear_object (&found_server);
  g_assert_finalize_object (db);

  raw = raw_open (path, FALSE);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                 "AND name IN ('meetings', 'servers')"), ==, 2);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meetings"), ==, 1);
}

static void
test_meeting_update (void)
{
  g_autofree char *path = test_path ("meetings-update.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (ItemsChange));
  g_autoptr(GString) notifications = g_string_new (NULL);
  g_autoptr(BvMeeting) first = new_meeting (BV_MEETING_KIND_COURSE, "Yoga", "2026-09-01T18:00");
  g_autoptr(BvMeeting) second = new_meeting (BV_MEETING_KIND_BOARD, "Vorstand", "2026-09-02T19:00");
  g_autoptr(BvMeeting) edit = NULL;
  g_autoptr(BvMeeting) untitled = new_meeting (BV_MEETING_KIND_BOARD, "  ", NULL);
  g_autoptr(sqlite3) raw = NULL;
  g_autofree char *old_bbb_id = NULL;
  GListModel *model;
  ItemsChange *change;
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  model = bv_database_get_meetings (db);
  save_meeting_ok (db, first);
  save_meeting_ok (db, second);
  assert_titles (db, "Yoga,Vorstand");
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), changes);
  g_signal_connect (first, "notify", G_CALLBACK (notify_cb), notifications);

  /* An editor's copy: saving it changes the listed object in place,
   * notifies once per changed property and moves it. */
  edit = copy_meeting (first);
  g_assert_cmpstr (bv_meeting_get_bbb_meeting_id (edit), ==, bv_meeting_get_bbb_meeting_id (first));
  g_assert_cmpstr (bv_meeting_get_attendee_password (edit), ==, bv_meeting_get_attendee_password (first));
  bv_meeting_set_start (edit, "2026-09-03T18:00", "Europe/Berlin");
  bv_meeting_set_duration (edit, 60);
  save_meeting_ok (db, edit);
  g_assert_true (meeting_at (db, 1) == first);
  assert_titles (db, "Vorstand,Yoga");
  g_assert_cmpstr (bv_meeting_get_start_local (first), ==, "2026-09-03T18:00:00");
  g_assert_cmpuint (bv_meeting_get_duration (first), ==, 60);
  assert_notified (notifications, "duration;start-local;");
  g_assert_cmpuint (changes->len, ==, 2);
  change = &g_array_index (changes, ItemsChange, 0);
  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, 1);
  change = &g_array_index (changes, ItemsChange, 1);
  g_assert_cmpuint (change->position, ==, 1);
  g_assert_cmpuint (change->added, ==, 1);
  g_array_set_size (changes, 0);
  g_string_truncate (notifications, 0);

  /* Unchanged: no notification, no move */
  save_meeting_ok (db, edit);
  g_assert_cmpstr (notifications->str, ==, "");
  g_assert_cmpuint (changes->len, ==, 0);

  /* A new room reaches the listed object and the disk */
  old_bbb_id = g_strdup (bv_meeting_get_bbb_meeting_id (first));
  bv_meeting_renew_bbb_meeting_id (edit);
  save_meeting_ok (db, edit);
  g_assert_cmpstr (notifications->str, ==, "bbb-meeting-id;");
  g_assert_cmpstr (bv_meeting_get_bbb_meeting_id (first), ==, bv_meeting_get_bbb_meeting_id (edit));
  g_assert_cmpstr (bv_meeting_get_bbb_meeting_id (first), !=, old_bbb_id);
  g_string_truncate (notifications, 0);

  /* A failed save of the listed object puts the stored values back */
  bv_meeting_set_title (first, "Yoga für Anfänger");
  bv_meeting_set_server_id (first, "deleted-server");
  g_assert_false (bv_database_save_meeting (db, first, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpstr (bv_meeting_get_title (first), ==, "Yoga");
  g_assert_null (bv_meeting_get_server_id (first));
  assert_titles (db, "Vorstand,Yoga");
  g_assert_cmpuint (changes->len, ==, 0);

  /* A meeting needs a title */
  g_assert_false (bv_database_save_meeting (db, untitled, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpuint (changes->len, ==, 0);

  /* Two meetings can never share a room */
  g_clear_object (&edit);
  edit = g_object_new (BV_TYPE_MEETING,
                       "bbb-meeting-id", bv_meeting_get_bbb_meeting_id (second),
                       "title", "Kopie",
                       NULL);
  g_assert_cmpstr (bv_meeting_get_id (edit), !=, bv_meeting_get_id (second));
  g_assert_false (bv_database_save_meeting (db, edit, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  assert_titles (db, "Vorstand,Yoga");

  raw = raw_open (path, FALSE);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meetings"), ==, 2);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meetings WHERE title = 'Yoga' AND duration = 60"
                                 " AND start_local = '2026-09-03T18:00:00' AND server_id IS NULL"), ==, 1);

  g_signal_handlers_disconnect_by_data (model, changes);
  g_signal_handlers_disconnect_by_data (first, notifications);
  g_assert_finalize_object (db);
}

static GPtrArray *
agenda_of (const char * const *titles_and_motions)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_agenda_item_free);

  for (guint i = 0; titles_and_motions[i]; i += 2)
    g_ptr_array_add (items, bv_agenda_item_new (titles_and_motions[i], titles_and_motions[i + 1]));
  return items;
}

static void
assert_agenda (BvMeeting  *meeting,
               const char *expected)
{
  GPtrArray *items = bv_meeting_get_agenda (meeting);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      const BvAgendaItem *item = g_ptr_array_index (items, i);

      g_string_append_printf (text, "%s%s[%s]", i ? "|" : "", item->title,
                              item->motion ? item->motion : "");
    }
  g_assert_cmpstr (text->str, ==, expected);
}

/* The agenda is saved with its meeting, in order, with the items' ids;
 * an item without a title is refused and leaves the stored agenda as it
 * was; deleting the meeting deletes its agenda. */
static void
test_meeting_agenda (void)
{
  static const char * const first[] = {
    "Begrüßung", "",
    "Satzungsänderung § 4", "§ 4 Abs. 2 erhält folgende Fassung: …",
    "Wahl des Vorstands", NULL,
    NULL
  };
  g_autofree char *path = test_path ("meetings-agenda.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) assembly = new_meeting (BV_MEETING_KIND_ASSEMBLY, "Mitgliederversammlung", "2027-03-20T15:00");
  g_autoptr(GPtrArray) items = agenda_of (first);
  g_autoptr(GPtrArray) reordered = NULL;
  g_autoptr(GPtrArray) broken = NULL;
  g_autoptr(BvMeeting) editor = NULL;
  g_autoptr(sqlite3) raw = NULL;
  g_autofree char *id = g_strdup (bv_meeting_get_id (assembly));
  g_autofree char *vote_id = NULL;
  BvDatabase *db;

  g_assert_cmpuint (bv_meeting_get_agenda (assembly)->len, ==, 0);
  bv_meeting_set_agenda (assembly, items);
  bv_meeting_set_venue (assembly, "  Vereinsheim, Am Sportplatz 3 ");
  g_assert_cmpstr (bv_meeting_get_venue (assembly), ==, "Vereinsheim, Am Sportplatz 3");
  /* Copied, not shared. */
  g_assert_true (bv_meeting_get_agenda (assembly) != items);
  vote_id = g_strdup (((BvAgendaItem *) g_ptr_array_index (items, 1))->id);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  save_meeting_ok (db, assembly);
  g_assert_finalize_object (db);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  assert_agenda (meeting_at (db, 0),
                 "Begrüßung[]|Satzungsänderung § 4[§ 4 Abs. 2 erhält folgende Fassung: …]|Wahl des Vorstands[]");
  g_assert_cmpstr (bv_meeting_get_venue (meeting_at (db, 0)), ==, "Vereinsheim, Am Sportplatz 3");

  /* Moving an item keeps its id. */
  editor = copy_meeting (meeting_at (db, 0));
  reordered = bv_agenda_copy (bv_meeting_get_agenda (editor));
  g_ptr_array_insert (reordered, 0, g_ptr_array_steal_index (reordered, 1));
  bv_meeting_set_agenda (editor, reordered);
  save_meeting_ok (db, editor);
  assert_agenda (meeting_at (db, 0),
                 "Satzungsänderung § 4[§ 4 Abs. 2 erhält folgende Fassung: …]|Begrüßung[]|Wahl des Vorstands[]");
  g_assert_cmpstr (((BvAgendaItem *) g_ptr_array_index (bv_meeting_get_agenda (meeting_at (db, 0)), 0))->id,
                   ==, vote_id);

  /* An item without a title: refused, nothing changes. */
  broken = bv_agenda_copy (bv_meeting_get_agenda (editor));
  g_free (((BvAgendaItem *) g_ptr_array_index (broken, 2))->title);
  ((BvAgendaItem *) g_ptr_array_index (broken, 2))->title = g_strdup ("  ");
  bv_meeting_set_agenda (editor, broken);
  g_assert_false (bv_database_save_meeting (db, editor, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "3"));
  g_clear_error (&error);
  assert_agenda (meeting_at (db, 0),
                 "Satzungsänderung § 4[§ 4 Abs. 2 erhält folgende Fassung: …]|Begrüßung[]|Wahl des Vorstands[]");
  g_assert_finalize_object (db);

  raw = raw_open (path, FALSE);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM agenda_items"), ==, 3);
  g_clear_pointer (&raw, sqlite3_close);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (bv_database_delete_meeting (db, id, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (db);
  raw = raw_open (path, FALSE);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM agenda_items"), ==, 0);
}

static void
test_meeting_delete (void)
{
  g_autofree char *path = test_path ("meetings-delete.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) course = new_meeting (BV_MEETING_KIND_COURSE, "Kurs", "2026-09-01T18:00");
  g_autoptr(BvMeeting) other = new_meeting (BV_MEETING_KIND_COURSE, "Anderer Kurs", "2026-09-02T18:00");
  g_autoptr(GPtrArray) exceptions = NULL;
  g_autoptr(sqlite3) raw = NULL;
  g_autofree char *id = g_strdup (bv_meeting_get_id (course));
  g_autofree char *sql = NULL;
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  save_meeting_ok (db, course);
  save_meeting_ok (db, other);
  g_assert_true (bv_database_set_exception (db, id, "2026-09-08T18:00", TRUE, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_true (bv_database_set_exception (db, id, "2026-09-15T18:00", FALSE, "2026-09-16T18:00", 0, &error));
  g_assert_no_error (error);
  g_assert_true (bv_database_set_exception (db, bv_meeting_get_id (other), "2026-09-09T18:00", TRUE, NULL, 0, &error));
  g_assert_no_error (error);

  g_assert_true (bv_database_delete_meeting (db, id, &error));
  g_assert_no_error (error);
  assert_titles (db, "Anderer Kurs");
  g_assert_null (bv_database_find_meeting (db, id));
  exceptions = bv_database_list_exceptions (db, id);
  g_assert_cmpuint (exceptions->len, ==, 0);
  g_clear_pointer (&exceptions, g_ptr_array_unref);
  exceptions = bv_database_list_exceptions (db, bv_meeting_get_id (other));
  g_assert_cmpuint (exceptions->len, ==, 1);

  g_assert_false (bv_database_delete_meeting (db, id, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  assert_titles (db, "Anderer Kurs");
  g_assert_finalize_object (db);

  raw = raw_open (path, FALSE);
  sql = g_strdup_printf ("SELECT count(*) FROM meeting_exceptions WHERE meeting_id = '%s'", id);
  g_assert_cmpint (raw_int (raw, sql), ==, 0);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meeting_exceptions"), ==, 1);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meetings"), ==, 1);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  assert_titles (db, "Anderer Kurs");
  g_assert_finalize_object (db);
}

static void
test_meeting_server_deleted (void)
{
  g_autofree char *path = test_path ("meetings-server.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = bv_server_new (NULL, "Alt", "https://old.example.org/bigbluebutton/", NULL);
  g_autoptr(BvServer) keep = bv_server_new (NULL, "Neu", "https://new.example.org/bigbluebutton/", NULL);
  g_autoptr(BvMeeting) on_old = new_meeting (BV_MEETING_KIND_BOARD, "Auf dem alten", "2026-09-01T18:00");
  g_autoptr(BvMeeting) on_new = new_meeting (BV_MEETING_KIND_BOARD, "Auf dem neuen", "2026-09-02T18:00");
  g_autoptr(BvMeeting) found = NULL;
  g_autoptr(GString) notifications = g_string_new (NULL);
  g_autoptr(sqlite3) raw = NULL;
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  save_ok (db, server);
  save_ok (db, keep);
  bv_meeting_set_server_id (on_old, bv_server_get_id (server));
  bv_meeting_set_server_id (on_new, bv_server_get_id (keep));
  save_meeting_ok (db, on_old);
  save_meeting_ok (db, on_new);
  g_signal_connect (on_old, "notify", G_CALLBACK (notify_cb), notifications);

  g_assert_true (bv_database_delete_server (db, bv_server_get_id (server), &error));
  g_assert_no_error (error);

  /* The meeting stays, without a server, in the list and on disk */
  assert_titles (db, "Auf dem alten,Auf dem neuen");
  g_assert_null (bv_meeting_get_server_id (on_old));
  g_assert_cmpstr (notifications->str, ==, "server-id;");
  g_assert_cmpstr (bv_meeting_get_server_id (on_new), ==, bv_server_get_id (keep));

  raw = raw_open (path, FALSE);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meetings WHERE server_id IS NULL"), ==, 1);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meetings"), ==, 2);
  g_clear_pointer (&raw, sqlite3_close);

  g_signal_handlers_disconnect_by_data (on_old, notifications);
  g_assert_finalize_object (db);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  found = bv_database_find_meeting (db, bv_meeting_get_id (on_old));
  g_assert_nonnull (found);
  g_assert_null (bv_meeting_get_server_id (found));
  g_clear_object (&found);
  g_assert_true (bv_database_check_integrity (db, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (db);
}

static void
test_meeting_exceptions (void)
{
  g_autofree char *path = test_path ("meetings-exceptions.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) group = new_meeting (BV_MEETING_KIND_GROUP, "Gruppe", "2026-10-21T19:00");
  g_autoptr(GPtrArray) exceptions = NULL;
  g_autoptr(BvMeetingException) copy = NULL;
  const char *id = bv_meeting_get_id (group);
  BvMeetingException *exception;
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  save_meeting_ok (db, group);

  exceptions = bv_database_list_exceptions (db, id);
  g_assert_cmpuint (exceptions->len, ==, 0);
  g_clear_pointer (&exceptions, g_ptr_array_unref);

  /* Across the end of daylight-saving time (25 October 2026) */
  g_assert_true (bv_database_set_exception (db, id, "2026-11-04T19:00", FALSE, "2026-11-05T18:30", 120, &error));
  g_assert_no_error (error);
  g_assert_true (bv_database_set_exception (db, id, "2026-10-28T19:00:00", TRUE, NULL, 0, &error));
  g_assert_no_error (error);

  exceptions = bv_database_list_exceptions (db, id);
  g_assert_cmpuint (exceptions->len, ==, 2);
  exception = g_ptr_array_index (exceptions, 0);
  g_assert_cmpstr (exception->recurrence_id, ==, "2026-10-28T19:00:00");
  g_assert_true (exception->cancelled);
  g_assert_null (exception->new_start_local);
  g_assert_cmpuint (exception->new_duration, ==, 0);
  exception = g_ptr_array_index (exceptions, 1);
  g_assert_cmpstr (exception->recurrence_id, ==, "2026-11-04T19:00:00");
  g_assert_false (exception->cancelled);
  g_assert_cmpstr (exception->new_start_local, ==, "2026-11-05T18:30:00");
  g_assert_cmpuint (exception->new_duration, ==, 120);

  copy = bv_meeting_exception_copy (exception);
  g_assert_true (copy != exception);
  g_assert_cmpstr (copy->recurrence_id, ==, exception->recurrence_id);
  g_assert_cmpstr (copy->new_start_local, ==, exception->new_start_local);
  g_assert_cmpuint (copy->new_duration, ==, 120);
  g_assert_true (G_TYPE_IS_BOXED (BV_TYPE_MEETING_EXCEPTION));
  g_clear_pointer (&exceptions, g_ptr_array_unref);

  /* Setting the same occurrence again replaces the change */
  g_assert_true (bv_database_set_exception (db, id, "2026-11-04T19:00", TRUE, NULL, 0, &error));
  g_assert_no_error (error);
  exceptions = bv_database_list_exceptions (db, id);
  g_assert_cmpuint (exceptions->len, ==, 2);
  exception = g_ptr_array_index (exceptions, 1);
  g_assert_true (exception->cancelled);
  g_assert_null (exception->new_start_local);
  g_assert_cmpuint (exception->new_duration, ==, 0);
  g_clear_pointer (&exceptions, g_ptr_array_unref);

  /* Clear, and clear again */
  g_assert_true (bv_database_clear_exception (db, id, "2026-10-28T19:00", &error));
  g_assert_no_error (error);
  g_assert_false (bv_database_clear_exception (db, id, "2026-10-28T19:00", &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* For a meeting that does not exist */
  g_assert_false (bv_database_set_exception (db, "no-such-meeting", "2026-10-28T19:00", TRUE, NULL, 0, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  exceptions = bv_database_list_exceptions (db, "no-such-meeting");
  g_assert_cmpuint (exceptions->len, ==, 0);
  g_clear_pointer (&exceptions, g_ptr_array_unref);

  g_assert_finalize_object (db);

  /* What is left survives reopening */
  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  exceptions = bv_database_list_exceptions (db, id);
  g_assert_cmpuint (exceptions->len, ==, 1);
  exception = g_ptr_array_index (exceptions, 0);
  g_assert_cmpstr (exception->recurrence_id, ==, "2026-11-04T19:00:00");
  g_assert_true (exception->cancelled);
  g_assert_finalize_object (db);
}

static void
test_meeting_ical_uid (void)
{
  g_autofree char *path = test_path ("meetings-ical.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) imported = new_meeting (BV_MEETING_KIND_BOARD, "Aus Thunderbird", "2026-09-01T18:00");
  g_autoptr(BvMeeting) again = new_meeting (BV_MEETING_KIND_BOARD, "Noch einmal", "2026-09-01T18:00");
  g_autoptr(BvMeeting) plain = new_meeting (BV_MEETING_KIND_BOARD, "Ohne UID", "2026-09-02T18:00");
  g_autoptr(BvMeeting) plain2 = new_meeting (BV_MEETING_KIND_BOARD, "Auch ohne UID", "2026-09-03T18:00");
  g_autoptr(BvMeeting) found = NULL;
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);

  bv_meeting_set_ical_uid (imported, "7a3f2b1c-uid@example.org");
  save_meeting_ok (db, imported);
  /* Saving it again with its own UID is fine */
  save_meeting_ok (db, imported);

  found = bv_database_find_meeting_by_ical_uid (db, "7a3f2b1c-uid@example.org");
  g_assert_true (found == imported);
  g_clear_object (&found);
  g_assert_null (bv_database_find_meeting_by_ical_uid (db, "7A3F2B1C-UID@EXAMPLE.ORG"));
  g_assert_null (bv_database_find_meeting_by_ical_uid (db, "other@example.org"));

  /* Another meeting from the same calendar entry is refused */
  bv_meeting_set_ical_uid (again, "7a3f2b1c-uid@example.org");
  g_assert_false (bv_database_save_meeting (db, again, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Aus Thunderbird"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  assert_titles (db, "Aus Thunderbird");

  /* Any number of meetings have no UID; "" counts as none */
  bv_meeting_set_ical_uid (plain2, "");
  g_assert_null (bv_meeting_get_ical_uid (plain2));
  save_meeting_ok (db, plain);
  save_meeting_ok (db, plain2);
  assert_titles (db, "Aus Thunderbird,Ohne UID,Auch ohne UID");

  /* Once the first lets go of the UID, the other may take it */
  bv_meeting_set_ical_uid (imported, NULL);
  save_meeting_ok (db, imported);
  save_meeting_ok (db, again);
  found = bv_database_find_meeting_by_ical_uid (db, "7a3f2b1c-uid@example.org");
  g_assert_true (found == again);
  g_clear_object (&found);
  g_assert_finalize_object (db);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  found = bv_database_find_meeting_by_ical_uid (db, "7a3f2b1c-uid@example.org");
  g_assert_nonnull (found);
  g_assert_cmpstr (bv_meeting_get_id (found), ==, bv_meeting_get_id (again));
  g_clear_object (&found);
  g_assert_finalize_object (db);
}

static void
test_meeting_disk_full (void)
{
  g_autofree char *path = test_path ("meetings-full.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) first = new_meeting (BV_MEETING_KIND_BOARD, "Erste", "2026-09-01T18:00");
  g_autoptr(BvMeeting) second = new_meeting (BV_MEETING_KIND_BOARD, "Zweite", "2026-09-02T18:00");
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (ItemsChange));
  BvDatabase *db;

  install_full_vfs ();

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  save_meeting_ok (db, first);
  g_signal_connect (bv_database_get_meetings (db), "items-changed", G_CALLBACK (items_changed_cb), changes);

  disk_full = TRUE;

  g_assert_false (bv_database_save_meeting (db, second, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FULL);
  g_clear_error (&error);

  bv_meeting_set_title (first, "Umbenannt");
  g_assert_false (bv_database_save_meeting (db, first, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FULL);
  g_clear_error (&error);
  g_assert_cmpstr (bv_meeting_get_title (first), ==, "Erste");

  g_assert_false (bv_database_delete_meeting (db, bv_meeting_get_id (first), &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FULL);
  g_clear_error (&error);

  g_assert_false (bv_database_set_exception (db, bv_meeting_get_id (first), "2026-09-08T18:00", TRUE, NULL, 0, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FULL);
  g_clear_error (&error);

  g_assert_cmpuint (changes->len, ==, 0);
  assert_titles (db, "Erste");

  disk_full = FALSE;
  save_meeting_ok (db, second);
  assert_titles (db, "Erste,Zweite");
  g_signal_handlers_disconnect_by_data (bv_database_get_meetings (db), changes);
  g_assert_finalize_object (db);
}

/* Locks, slides and the recording notice survive a reopen; a path with a
 * line break (the column's separator) is refused and changes nothing. */
static void
test_meeting_room_settings (void)
{
  g_autofree char *path = test_path ("room.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) meeting = new_meeting (BV_MEETING_KIND_COURSE, "Yoga", "2027-01-05T18:00");
  const char *slides[] = { "/home/anna/Folien/Übungen.pdf", "/home/anna/Plan 2027.odp", NULL };
  const char *bad[] = { "/tmp/zwei\nZeilen.pdf", NULL };
  BvMeeting *again;
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((char **)bv_meeting_get_slides (meeting)), ==, 0);
  g_assert_cmpint (bv_meeting_get_locks (meeting), ==, BV_MEETING_LOCK_NONE);
  bv_meeting_set_locks (meeting, BV_MEETING_LOCK_WEBCAM | BV_MEETING_LOCK_PRIVATE_CHAT);
  bv_meeting_set_slides (meeting, slides);
  bv_meeting_set_record (meeting, TRUE);
  bv_meeting_set_recording_notice (meeting, "Wir zeichnen auf.");
  save_meeting_ok (db, meeting);

  bv_meeting_set_slides (meeting, bad);
  g_assert_false (bv_database_save_meeting (db, meeting, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_clear_error (&error);
  /* The failed save put the stored values back. */
  g_assert_true (g_strv_equal (bv_meeting_get_slides (meeting), slides));
  g_assert_finalize_object (db);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  again = bv_database_find_meeting (db, bv_meeting_get_id (meeting));
  g_assert_nonnull (again);
  g_assert_cmpint (bv_meeting_get_locks (again), ==, BV_MEETING_LOCK_WEBCAM | BV_MEETING_LOCK_PRIVATE_CHAT);
  g_assert_true (g_strv_equal (bv_meeting_get_slides (again), slides));
  g_assert_cmpstr (bv_meeting_get_recording_notice (again), ==, "Wir zeichnen auf.");

  /* Kind defaults clear the locks but keep slides and notice. */
  bv_meeting_apply_kind_defaults (again);
  g_assert_cmpint (bv_meeting_get_locks (again), ==, BV_MEETING_LOCK_NONE);
  g_assert_true (g_strv_equal (bv_meeting_get_slides (again), slides));
  g_object_unref (again);
  g_assert_finalize_object (db);
}

static void
unref_array (gpointer array)
{
  if (array)
    g_ptr_array_unref (array);
}

/* Several meetings with their exceptions go in together, or not at all. */
static void
test_meeting_save_many (void)
{
  g_autofree char *path = test_path ("many.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) exceptions = g_ptr_array_new_with_free_func (unref_array);
  g_autoptr(GPtrArray) first_changes = g_ptr_array_new_with_free_func ((GDestroyNotify)bv_meeting_exception_free);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(BvMeeting) clash = new_meeting (BV_MEETING_KIND_BOARD, "Dritte", "2027-02-01T19:00");
  BvMeeting *first = new_meeting (BV_MEETING_KIND_GROUP, "Erste", "2027-01-05T19:30");
  BvMeeting *second = new_meeting (BV_MEETING_KIND_BOARD, "Zweite", "2027-01-07T19:00");
  BvDatabase *db;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);

  bv_meeting_set_ical_uid (first, "uid-1");
  bv_meeting_set_ical_uid (second, "uid-2");
  g_ptr_array_add (first_changes, bv_meeting_exception_new ("2027-01-12T19:30", TRUE, NULL, 0));
  g_ptr_array_add (first_changes, bv_meeting_exception_new ("2027-01-19T19:30", FALSE, "2027-01-20T18:00", 45));
  g_ptr_array_add (meetings, first);
  g_ptr_array_add (exceptions, g_ptr_array_ref (first_changes));
  g_ptr_array_add (meetings, second);
  g_ptr_array_add (exceptions, g_ptr_array_new ());

  g_assert_true (bv_database_save_meetings (db, meetings, exceptions, &error));
  g_assert_no_error (error);
  assert_titles (db, "Erste,Zweite");
  stored = bv_database_list_exceptions (db, bv_meeting_get_id (first));
  g_assert_cmpuint (stored->len, ==, 2);
  g_assert_cmpstr (((BvMeetingException *)stored->pdata[1])->new_start_local, ==, "2027-01-20T18:00:00");
  g_assert_cmpuint (((BvMeetingException *)stored->pdata[1])->new_duration, ==, 45);
  g_clear_pointer (&stored, g_ptr_array_unref);

  /* A second batch whose last meeting clashes (same calendar UID as a
   * stored one): the first one's change and the new exceptions are not
   * written either. */
  bv_meeting_set_title (first, "Erste geändert");
  g_ptr_array_set_size (first_changes, 0);
  bv_meeting_set_ical_uid (clash, "uid-2");
  g_ptr_array_remove_index (meetings, 1);
  g_ptr_array_remove_index (exceptions, 1);
  g_ptr_array_add (meetings, g_object_ref (clash));
  g_ptr_array_add (exceptions, NULL);
  g_assert_false (bv_database_save_meetings (db, meetings, exceptions, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  assert_titles (db, "Erste,Zweite");
  g_assert_cmpstr (bv_meeting_get_title (first), ==, "Erste");
  stored = bv_database_list_exceptions (db, bv_meeting_get_id (first));
  g_assert_cmpuint (stored->len, ==, 2);
  g_assert_true (bv_database_check_integrity (db, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (db);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = NULL;
  int ret;

  root = bv_test_isolate_dirs ("bv-test-database-meetings");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/database-meetings/sql-text-verbatim", test_sql_text_verbatim);
  g_test_add_func ("/store/database-meetings/round-trip", test_meeting_round_trip);
  g_test_add_func ("/store/database-meetings/update", test_meeting_update);
  g_test_add_func ("/store/database-meetings/delete", test_meeting_delete);
  g_test_add_func ("/store/database-meetings/agenda", test_meeting_agenda);
  g_test_add_func ("/store/database-meetings/server-deleted", test_meeting_server_deleted);
  g_test_add_func ("/store/database-meetings/exceptions", test_meeting_exceptions);
  g_test_add_func ("/store/database-meetings/ical-uid", test_meeting_ical_uid);
  g_test_add_func ("/store/database-meetings/disk-full", test_meeting_disk_full);
  g_test_add_func ("/store/database-meetings/room-settings", test_meeting_room_settings);
  g_test_add_func ("/store/database-meetings/save-many", test_meeting_save_many);

  ret = g_test_run ();

  if (root)
    bv_test_remove_tree (root);

  return ret;
}
