/* test-attendance-recorder.c
 *
 * core/bv-attendance-recorder with store/bv-database-attendance: a real
 * database file, the real (throw-away) keyring, the practice server as the
 * scripted BigBlueButton server (members enter with their personal links,
 * leave, the server stops answering and comes back) and a clock the test
 * moves by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "bv-attendance-recorder.h"
#include "bv-attendance-summary.h"
#include "bv-attendance-watch.h"
#include "bv-bbb-client.h"
#include "bv-invitation.h"
#include "bv-join.h"
#include "bv-practice-server-private.h"
#include "bv-context.h"
#include "bv-quorum.h"
#include "bv-test-utils.h"

#define SECRET "attendance-test-secret-0123456789"

typedef struct
{
  char             *dir;
  char             *path;
  BvDatabase       *database;
  BvContext        *context;
  BvPracticeServer *practice;
  BvServer         *server;
  BvBbbClient      *client;
  BvMeeting        *meeting;
  GPtrArray        *members;  /* BvParticipant: Anna, Bernd, Clara */
  gint64            now;
  guint             recorded;
} Fixture;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gint64
clock_cb (gpointer data)
{
  return ((Fixture *) data)->now;
}

static void
recorded_cb (BvAttendanceRecorder *recorder,
             Fixture              *f)
{
  f->recorded++;
}

static BvParticipant *
invite (Fixture    *f,
        const char *name)
{
  g_autoptr(BvMember) member = bv_member_new ();
  g_autoptr(GError) error = NULL;
  BvParticipant *participant;

  bv_member_set_name (member, name);
  if (g_str_has_prefix (name, "Anna"))
    bv_member_set_email (member, "anna@example.org");
  g_assert_true (bv_database_save_member (f->database, member, &error));
  g_assert_no_error (error);
  participant = bv_participant_new_member (bv_meeting_get_id (f->meeting), bv_member_get_id (member),
                                           BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_assert_true (bv_database_add_participant (f->database, participant, &error));
  g_assert_no_error (error);
  return participant;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "Anna Albers", "Bernd Brandt", "Clara Castillo" };

  bv_test_clock_reset ();
  f->now = 1000;
  f->dir = g_dir_make_tmp ("bv-attendance-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "bbb-vereine.db", NULL);
  f->database = bv_database_open (f->path, &error);
  g_assert_no_error (error);
  f->context = bv_context_new (f->database);

  f->practice = bv_test_practice_server_new (SECRET);
  bv_context_save_async (f->context, NULL, "Vereinsserver", bv_practice_server_get_api_url (f->practice),
                         "auto", SECRET, NULL, result_cb, &result);
  f->server = bv_context_save_finish (f->context, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  f->client = bv_bbb_client_new (bv_practice_server_get_api_url (f->practice), SECRET, BV_CHECKSUM_SHA256);

  f->meeting = bv_meeting_new (BV_MEETING_KIND_ASSEMBLY);
  bv_meeting_set_title (f->meeting, "Mitgliederversammlung");
  bv_meeting_set_start (f->meeting, "2027-03-20T15:00:00", "Europe/Berlin");
  bv_meeting_set_server_id (f->meeting, bv_server_get_id (f->server));
  g_assert_true (bv_database_save_meeting (f->database, f->meeting, &error));
  g_assert_no_error (error);

  f->members = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (f->members, invite (f, names[i]));

  /* "app-room": the app's own join creates the room, as on the day. */
  if (!data)
    bv_test_create_room (f->client, bv_meeting_get_bbb_meeting_id (f->meeting), "Mitgliederversammlung");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_cmpuint (bv_test_clock_armed (), ==, 0);
  bv_test_clock_reset ();
  g_clear_pointer (&f->members, g_ptr_array_unref);
  g_clear_object (&f->meeting);
  g_clear_object (&f->client);
  g_clear_object (&f->server);
  g_clear_object (&f->context);
  g_clear_object (&f->database);
  g_clear_object (&f->practice);
  bv_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* What a browser does with the person's invitation link. */
static void
enter_with_link (Fixture *f,
                 guint    member)
{
  g_autoptr(GPtrArray) stored = bv_database_list_participants (f->database, bv_meeting_get_id (f->meeting));
  BvParticipant *participant = NULL;
  g_autofree char *link = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  /* As stored, with the member's name: what the Invite window links. */
  for (guint i = 0; i < stored->len; i++)
    if (g_str_equal (bv_participant_get_id (g_ptr_array_index (stored, i)),
                     bv_participant_get_id (g_ptr_array_index (f->members, member))))
      participant = g_ptr_array_index (stored, i);
  g_assert_nonnull (participant);
  link = bv_invitation_build_link (f->client, f->server, f->meeting, participant);
  msg = soup_message_new ("GET", link);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, result_cb, &result);
  body = soup_session_send_and_read_finish (session, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), <, 400);
}

static void
leave (Fixture *f,
       guint    member)
{
  g_autofree char *user_id = g_strconcat ("bv-", bv_participant_get_link_key (g_ptr_array_index (f->members, member)),
                                          NULL);

  g_assert_true (bv_practice_server_leave (f->practice, bv_meeting_get_bbb_meeting_id (f->meeting), user_id));
}

static gboolean
recorded_since (gpointer data)
{
  Fixture *f = data;

  return f->recorded > 0;
}

/* Moves both clocks by one interval and waits for the poll to be stored. */
static void
next_poll (Fixture *f)
{
  f->recorded = 0;
  f->now += BV_ATTENDANCE_POLL_SECONDS;
  bv_test_clock_advance (BV_ATTENDANCE_POLL_SECONDS);
  bv_test_wait_until (recorded_since, f);
}

static BvAttendanceRecorder *
start_recorder (Fixture *f)
{
  BvAttendanceRecorder *recorder = bv_attendance_recorder_new (f->context, f->meeting);

  bv_attendance_recorder_set_timer_func (recorder, bv_test_clock_add_timer);
  bv_attendance_recorder_set_clock (recorder, clock_cb, f);
  g_signal_connect (recorder, "recorded", G_CALLBACK (recorded_cb), f);
  f->recorded = 0;
  bv_attendance_recorder_start (recorder);
  bv_test_wait_until (recorded_since, f);
  return recorder;
}

/* "Name joined–left invited" for every stay, in the order people came. */
static char *
describe (Fixture *f)
{
  g_autoptr(GPtrArray) entries = bv_database_list_attendance (f->database, bv_meeting_get_id (f->meeting));
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      BvAttendanceEntry *entry = g_ptr_array_index (entries, i);

      g_string_append_printf (text, "%s%s %" G_GINT64_FORMAT "-", i ? " | " : "", entry->full_name,
                              entry->joined_at);
      if (entry->left_at)
        g_string_append_printf (text, "%" G_GINT64_FORMAT, entry->left_at);
      g_string_append (text, entry->invited ? "" : " nicht eingeladen");
    }
  return g_string_free (text, FALSE);
}

static char *
describe_gaps (Fixture *f)
{
  g_autoptr(GPtrArray) gaps = bv_database_list_attendance_gaps (f->database, bv_meeting_get_id (f->meeting));
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < gaps->len; i++)
    {
      BvAttendanceGap *gap = g_ptr_array_index (gaps, i);

      g_string_append_printf (text, "%s%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, i ? " " : "",
                              gap->started_at, gap->ended_at);
    }
  return g_string_free (text, FALSE);
}

#define ASSERT_ATTENDANCE(f, expected) G_STMT_START { \
    g_autofree char *_text = describe (f); \
    g_assert_cmpstr (_text, ==, (expected)); \
  } G_STMT_END

#define ASSERT_GAPS(f, expected) G_STMT_START { \
    g_autofree char *_text = describe_gaps (f); \
    g_assert_cmpstr (_text, ==, (expected)); \
  } G_STMT_END

/* Joins, leaves, a rejoin, somebody never invited, the server down for
 * three polls and back, the app restarted in the middle, the room ended. */
static void
test_script (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(BvAttendanceRecorder) recorder = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Before anyone is in: nothing. */
  recorder = start_recorder (f);
  ASSERT_ATTENDANCE (f, "");
  g_assert_true (bv_attendance_recorder_get_reachable (recorder));

  enter_with_link (f, 0);
  enter_with_link (f, 1);
  next_poll (f);                                   /* 1020 */
  ASSERT_ATTENDANCE (f, "Anna Albers 1020- | Bernd Brandt 1020-");

  /* Somebody not invited (a moderator's own account, a passed-on join
   * link of another kind), and Anna leaves. */
  bv_test_enter_room (f->client, bv_meeting_get_bbb_meeting_id (f->meeting), "Zaungast", "VIEWER");
  leave (f, 0);
  next_poll (f);                                   /* 1040 */
  ASSERT_ATTENDANCE (f, "Anna Albers 1020-1040 | Bernd Brandt 1020- | Zaungast 1040- nicht eingeladen");

  /* Anna comes back: a second stay. */
  enter_with_link (f, 0);
  next_poll (f);                                   /* 1060 */
  ASSERT_ATTENDANCE (f, "Anna Albers 1020-1040 | Bernd Brandt 1020- | Zaungast 1040- nicht eingeladen"
                        " | Anna Albers 1060-");

  /* The server stops answering for three polls; meanwhile Bernd leaves
   * and Clara comes. Nobody is lost: the stays go on, the gap is marked. */
  leave (f, 1);
  enter_with_link (f, 2);
  bv_practice_server_set_unavailable (f->practice, TRUE);
  next_poll (f);                                   /* 1080 */
  g_assert_false (bv_attendance_recorder_get_reachable (recorder));
  next_poll (f);                                   /* 1100 */
  next_poll (f);                                   /* 1120 */
  ASSERT_ATTENDANCE (f, "Anna Albers 1020-1040 | Bernd Brandt 1020- | Zaungast 1040- nicht eingeladen"
                        " | Anna Albers 1060-");
  ASSERT_GAPS (f, "1060-0");

  bv_practice_server_set_unavailable (f->practice, FALSE);
  next_poll (f);                                   /* 1140 */
  g_assert_true (bv_attendance_recorder_get_reachable (recorder));
  /* Bernd left during the gap: the last time he was seen is all we know. */
  ASSERT_ATTENDANCE (f, "Anna Albers 1020-1040 | Bernd Brandt 1020-1060 | Zaungast 1040- nicht eingeladen"
                        " | Anna Albers 1060- | Clara Castillo 1140-");
  ASSERT_GAPS (f, "1060-1140");

  /* The app quits and starts again three minutes later: the open stays go
   * on and the time in between is a gap. */
  g_clear_object (&recorder);
  g_assert_cmpuint (bv_test_clock_armed (), ==, 0);
  g_clear_object (&f->context);
  g_clear_object (&f->database);
  f->database = bv_database_open (f->path, &error);
  g_assert_no_error (error);
  f->context = bv_context_new (f->database);
  f->now += 180;                                   /* 1320 */
  recorder = start_recorder (f);
  ASSERT_ATTENDANCE (f, "Anna Albers 1020-1040 | Bernd Brandt 1020-1060 | Zaungast 1040- nicht eingeladen"
                        " | Anna Albers 1060- | Clara Castillo 1140-");
  ASSERT_GAPS (f, "1060-1140 1140-1320");

  /* The room ends: everybody has left. */
  bv_bbb_client_end_async (f->client, bv_meeting_get_bbb_meeting_id (f->meeting), NULL, result_cb, &result);
  g_assert_true (bv_bbb_client_end_finish (f->client, bv_test_wait_for (&result), &error));
  g_assert_no_error (error);
  next_poll (f);                                   /* 1340 */
  ASSERT_ATTENDANCE (f, "Anna Albers 1020-1040 | Bernd Brandt 1020-1060 | Zaungast 1040-1340 nicht eingeladen"
                        " | Anna Albers 1060-1340 | Clara Castillo 1140-1340");

  bv_attendance_recorder_stop (recorder);

  /* Per person: both of Anna's stays count; Dora never came; the CSV has
   * one row per person who came. */
  {
    g_autoptr(BvParticipant) dora = invite (f, "Dora Dietz");
    g_autoptr(GPtrArray) people = bv_attendance_summarize (f->database, f->meeting, f->now);
    g_autofree char *csv = bv_attendance_csv (people, f->meeting);
    BvAttendancePerson *person;

    g_assert_cmpuint (people->len, ==, 5);
    person = g_ptr_array_index (people, 0);
    g_assert_cmpstr (person->name, ==, "Anna Albers");
    g_assert_cmpint (person->state, ==, BV_ATTENDANCE_STATE_LEFT);
    g_assert_cmpuint (person->minutes, ==, 5);
    person = g_ptr_array_index (people, 3);
    g_assert_cmpstr (person->name, ==, "Dora Dietz");
    g_assert_cmpint (person->state, ==, BV_ATTENDANCE_STATE_NEVER_CAME);
    person = g_ptr_array_index (people, 4);
    g_assert_cmpstr (person->name, ==, "Zaungast");
    g_assert_false (person->invited);

    g_assert_cmpstr (csv, ==,
                     "Name;E-Mail;Eingeladen;Erster Beitritt;Letztes Verlassen;Minuten\r\n"
                     "Anna Albers;anna@example.org;ja;1970-01-01T01:17:00+01:00;1970-01-01T01:22:20+01:00;5\r\n"
                     "Bernd Brandt;;ja;1970-01-01T01:17:00+01:00;1970-01-01T01:17:40+01:00;0\r\n"
                     "Clara Castillo;;ja;1970-01-01T01:19:00+01:00;1970-01-01T01:22:20+01:00;3\r\n"
                     "Zaungast;;nein;1970-01-01T01:17:20+01:00;1970-01-01T01:22:20+01:00;5\r\n");
  }
}

/* While people are inside, their stay counts up to now and the CSV has no
 * last leave for them; a name with a semicolon is quoted. */
static void
test_present (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(BvAttendanceRecorder) recorder = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autofree char *csv = NULL;

  enter_with_link (f, 0);
  bv_test_enter_room (f->client, bv_meeting_get_bbb_meeting_id (f->meeting), "Müller; Gast \"extern\"", "VIEWER");
  recorder = start_recorder (f);
  bv_attendance_recorder_stop (recorder);

  people = bv_attendance_summarize (f->database, f->meeting, f->now + 150);
  g_assert_cmpint (((BvAttendancePerson *) g_ptr_array_index (people, 0))->state, ==, BV_ATTENDANCE_STATE_PRESENT);
  g_assert_cmpuint (((BvAttendancePerson *) g_ptr_array_index (people, 0))->minutes, ==, 2);
  csv = bv_attendance_csv (people, f->meeting);
  g_assert_cmpstr (csv, ==,
                   "Name;E-Mail;Eingeladen;Erster Beitritt;Letztes Verlassen;Minuten\r\n"
                   "Anna Albers;anna@example.org;ja;1970-01-01T01:16:40+01:00;;2\r\n"
                   "\"Müller; Gast \"\"extern\"\"\";;nein;1970-01-01T01:16:40+01:00;;2\r\n");
}

/* Attendance is personal data: erasing the member erases their stays;
 * deleting the meeting deletes all of it. */
static void
test_erased_with_member (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(BvAttendanceRecorder) recorder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const char *anna = bv_participant_get_member_id (g_ptr_array_index (f->members, 0));

  enter_with_link (f, 0);
  enter_with_link (f, 1);
  recorder = start_recorder (f);
  bv_attendance_recorder_stop (recorder);
  ASSERT_ATTENDANCE (f, "Anna Albers 1000- | Bernd Brandt 1000-");

  /* Part of what is stored about her (DSGVO Art. 15). */
  {
    g_autofree char *json = bv_database_export_member (f->database, anna, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (json, "\"attendance\" : ["));
    g_assert_nonnull (strstr (json, "\"meeting_title\" : \"Mitgliederversammlung\""));
    g_assert_nonnull (strstr (json, "\"joined\" : \"1970-01-01T00:16:40Z\""));
    g_assert_nonnull (strstr (json, "\"left\" : null"));
  }

  g_assert_true (bv_database_erase_member (f->database, anna, &error));
  g_assert_no_error (error);
  ASSERT_ATTENDANCE (f, "Bernd Brandt 1000-");

  g_assert_true (bv_database_delete_meeting (f->database, bv_meeting_get_id (f->meeting), &error));
  g_assert_no_error (error);
  entries = bv_database_list_attendance (f->database, bv_meeting_get_id (f->meeting));
  g_assert_cmpuint (entries->len, ==, 0);
}

static GDateTime *
watch_now_cb (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  /* f->now counts seconds from 14:00 on the assembly's day. */
  g_autoptr(GDateTime) base = g_date_time_new (berlin, 2027, 3, 20, 14, 0, 0);

  return g_date_time_add_seconds (base, (gdouble) f->now);
}

static void
watch_recorded_cb (BvAttendanceWatch *watch,
                   const char        *meeting_id,
                   Fixture           *f)
{
  g_assert_cmpstr (meeting_id, ==, bv_meeting_get_id (f->meeting));
  f->recorded++;
}

/* The app records an assembly from half an hour before its start to an
 * hour after its planned end (15:00 + 3 h), and nothing else. */
static void
test_watch (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(BvAttendanceWatch) watch = bv_attendance_watch_new (f->context);
  g_autoptr(BvMeeting) board = bv_meeting_new (BV_MEETING_KIND_BOARD);
  g_autoptr(GError) error = NULL;

  bv_meeting_set_title (board, "Vorstandssitzung");
  bv_meeting_set_start (board, "2027-03-20T14:00:00", "Europe/Berlin");
  bv_meeting_set_server_id (board, bv_server_get_id (f->server));
  g_assert_true (bv_database_save_meeting (f->database, board, &error));
  g_assert_no_error (error);

  bv_attendance_watch_set_timer_func (watch, bv_test_clock_add_timer);
  bv_attendance_watch_set_clock (watch, watch_now_cb, f);
  g_signal_connect (watch, "recorded", G_CALLBACK (watch_recorded_cb), f);

  /* 14:00: the board meets, the assembly is an hour away. */
  f->now = 0;
  bv_attendance_watch_start (watch);
  g_assert_null (bv_attendance_watch_get_recorder (watch, bv_meeting_get_id (board)));
  g_assert_null (bv_attendance_watch_get_recorder (watch, bv_meeting_get_id (f->meeting)));

  /* 14:31: within half an hour of the start, the first poll at once. */
  enter_with_link (f, 0);
  f->recorded = 0;
  f->now = 31 * 60;
  bv_test_clock_advance (31 * 60);
  bv_test_wait_until (recorded_since, f);
  g_assert_nonnull (bv_attendance_watch_get_recorder (watch, bv_meeting_get_id (f->meeting)));
  {
    g_autoptr(GDateTime) joined = watch_now_cb (f);
    g_autofree char *expected = g_strdup_printf ("Anna Albers %" G_GINT64_FORMAT "-", g_date_time_to_unix (joined));

    ASSERT_ATTENDANCE (f, expected);
  }

  /* 19:01: an hour after the planned end, recording stops. */
  f->now = 5 * 3600 + 60;
  bv_attendance_watch_check (watch);
  g_assert_null (bv_attendance_watch_get_recorder (watch, bv_meeting_get_id (f->meeting)));

  bv_attendance_watch_stop (watch);
}

/* Attendance is kept for the months set, counted on the calendar, then
 * deleted; a stay still open is never cut short. */
static void
test_retention (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(BvAttendanceWatch) watch = bv_attendance_watch_new (f->context);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) old_day = g_date_time_new (berlin, 2026, 3, 19, 15, 0, 0);
  g_autoptr(GDateTime) kept_day = g_date_time_new (berlin, 2026, 3, 21, 15, 0, 0);
  g_autoptr(GError) error = NULL;
  BvAttendanceSeen old = { "w_old", "Alt", NULL, NULL, FALSE };
  BvAttendanceSeen kept = { "w_kept", "Neu", NULL, NULL, FALSE };
  BvAttendanceSeen open = { "w_open", "Offen", NULL, NULL, FALSE };
  const char *id = bv_meeting_get_id (f->meeting);

  g_ptr_array_add (seen, &old);
  g_assert_true (bv_database_record_attendance (f->database, id, g_date_time_to_unix (old_day) - 600, seen, &error));
  g_ptr_array_set_size (seen, 0);
  g_ptr_array_add (seen, &open);
  g_assert_true (bv_database_record_attendance (f->database, id, g_date_time_to_unix (old_day), seen, &error));
  g_ptr_array_set_size (seen, 0);
  g_ptr_array_add (seen, &open);
  g_ptr_array_add (seen, &kept);
  g_assert_true (bv_database_record_attendance (f->database, id, g_date_time_to_unix (kept_day) - 600, seen, &error));
  g_ptr_array_set_size (seen, 0);
  g_ptr_array_add (seen, &open);
  g_assert_true (bv_database_record_attendance (f->database, id, g_date_time_to_unix (kept_day), seen, &error));
  g_assert_no_error (error);

  /* Twelve months after 20 March 2026, 14:00: "Alt" left on 19 March. */
  bv_attendance_watch_set_clock (watch, watch_now_cb, f);
  bv_attendance_watch_set_timer_func (watch, bv_test_clock_add_timer);
  bv_attendance_watch_set_retention (watch, 12);
  f->now = 0;   /* watch_now_cb: 20 March 2027, 14:00 */
  bv_attendance_watch_purge (watch);
  {
    g_autoptr(GPtrArray) entries = bv_database_list_attendance (f->database, id);

    g_assert_cmpuint (entries->len, ==, 2);
    g_assert_cmpstr (((BvAttendanceEntry *) g_ptr_array_index (entries, 0))->full_name, ==, "Offen");
    g_assert_cmpstr (((BvAttendanceEntry *) g_ptr_array_index (entries, 1))->full_name, ==, "Neu");
  }
}

/* The secretary joins through the app's Beitreten with this machine's
 * userID: she runs the meeting, so she is shown as such, not as somebody
 * uninvited, and she is not counted for the quorum (no member to match);
 * a stranger in the room still is "not invited". */
static void
test_host (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(BvAttendanceRecorder) recorder = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  BvQuorumRule all = { BV_QUORUM_NUMBER, 2, 0, 0, NULL };
  BvQuorumState quorum;
  BvAttendancePerson *host = NULL, *stranger = NULL;

  bv_join_get_link_async (f->context, f->server, f->meeting, "Sabine Schreiber", NULL, NULL, result_cb, &result);
  link = bv_join_get_link_finish (bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  msg = soup_message_new ("GET", link);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  g_clear_object (&result);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, result_cb, &result);
  body = soup_session_send_and_read_finish (session, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), <, 400);

  enter_with_link (f, 0);
  bv_test_enter_room (f->client, bv_meeting_get_bbb_meeting_id (f->meeting), "Zaungast", "VIEWER");
  recorder = start_recorder (f);
  bv_attendance_recorder_stop (recorder);

  people = bv_attendance_summarize (f->database, f->meeting, f->now + 60);
  g_assert_cmpuint (people->len, ==, 5);   /* three invited, then the two others */
  for (guint i = 0; i < people->len; i++)
    {
      BvAttendancePerson *person = g_ptr_array_index (people, i);

      if (g_str_has_prefix (person->name, "Sabine"))
        host = person;
      else if (g_str_equal (person->name, "Zaungast"))
        stranger = person;
    }
  g_assert_nonnull (host);
  g_assert_cmpstr (host->name, ==, "Sabine Schreiber (chair, this app)");
  g_assert_true (host->host);
  g_assert_false (host->invited);
  g_assert_null (host->member_id);
  g_assert_cmpint (host->state, ==, BV_ATTENDANCE_STATE_PRESENT);
  g_assert_nonnull (stranger);
  g_assert_false (stranger->host);
  g_assert_false (stranger->invited);

  /* Only Anna counts: two required, one present. */
  bv_quorum_evaluate (f->database, &all, people, &quorum);
  g_assert_cmpuint (quorum.present, ==, 1);
  g_assert_false (quorum.met);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/attendance-recorder/script", Fixture, NULL, fixture_setup, test_script, fixture_teardown);
  g_test_add ("/core/attendance-recorder/watch", Fixture, NULL, fixture_setup, test_watch, fixture_teardown);
  g_test_add ("/core/attendance-recorder/retention", Fixture, NULL, fixture_setup, test_retention, fixture_teardown);
  g_test_add ("/core/attendance-recorder/host", Fixture, "app-room", fixture_setup, test_host, fixture_teardown);
  g_test_add ("/core/attendance-recorder/present", Fixture, NULL, fixture_setup, test_present, fixture_teardown);
  g_test_add ("/core/attendance-recorder/erased-with-member", Fixture, NULL, fixture_setup,
              test_erased_with_member, fixture_teardown);

  return g_test_run ();
}
