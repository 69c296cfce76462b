/* test-scheduler.c
 *
 * The scheduler against the practice server, with one made-up clock for
 * both: lead times, create only (never join), once per occurrence,
 * meetingExpireIfNoUserJoinedInMinutes by server version, expiry and
 * re-creation, a date after the change to winter time, the polling budget,
 * reminders and "someone is waiting". Needs the keyring (secret suite).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include "bv-bbb-client.h"
#include "bv-join.h"
#include "bv-practice-server-private.h"
#include "bv-reminder-scheduler.h"
#include "bv-secret-store.h"
#include "bv-test-utils.h"

#define SECRET "test-scheduler-5b2e9d1c7a3f4e8b6d0c2a1f9e8d7c6b"

static BvPracticeServer *practice;
static gint64            fake_now;   /* seconds since the epoch */

typedef struct
{
  char            *dir;
  BvDatabase      *database;
  BvContext *manager;
  BvReminderScheduler *scheduler;
  BvServer        *server;
  BvMeeting       *meeting;
  guint            reminders;
  guint            created;
  guint            waiting;
  guint            waiting_participants;
  char            *last_reminder_id;
} Fixture;

/* helpers */

static GDateTime *
fake_clock (gpointer data)
{
  return g_date_time_new_from_unix_utc (fake_now);
}

static gint64
fake_clock_ms (gpointer data)
{
  return fake_now * 1000;
}

static void
set_now (const char *iso8601)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (iso8601, NULL);

  g_assert_nonnull (time);
  fake_now = g_date_time_to_unix (time);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
nothing_pending (gpointer data)
{
  return bv_reminder_scheduler_get_n_pending (data) == 0;
}

static void
tick (Fixture *f)
{
  bv_reminder_scheduler_tick (f->scheduler);
  bv_test_wait_until (nothing_pending, f->scheduler);
}

static void
tick_at (Fixture    *f,
         const char *iso8601)
{
  set_now (iso8601);
  tick (f);
}

static guint
count_queries (const char *needle)
{
  GPtrArray *queries = bv_practice_server_get_raw_queries (practice);
  guint n = 0;

  for (guint i = 0; i < queries->len; i++)
    if (strstr (g_ptr_array_index (queries, i), needle))
      n++;
  return n;
}

/* create carries the room's name, getMeetingInfo only its id. */
static guint
count_creates (void)
{
  return count_queries ("&name=");
}

static const char *
last_query (void)
{
  GPtrArray *queries = bv_practice_server_get_raw_queries (practice);

  g_assert_cmpuint (queries->len, >, 0);
  return g_ptr_array_index (queries, queries->len - 1);
}

static void
reminder_cb (BvReminderScheduler *scheduler,
             BvMeeting           *meeting,
             BvOccurrence        *occurrence,
             Fixture             *f)
{
  f->reminders++;
  g_free (f->last_reminder_id);
  f->last_reminder_id = g_strdup (occurrence->recurrence_id);
}

static void
room_created_cb (BvReminderScheduler *scheduler,
                 BvMeeting           *meeting,
                 BvOccurrence        *occurrence,
                 Fixture             *f)
{
  f->created++;
}

static void
someone_waiting_cb (BvReminderScheduler *scheduler,
                    BvMeeting           *meeting,
                    BvOccurrence        *occurrence,
                    guint                participants,
                    Fixture             *f)
{
  f->waiting++;
  f->waiting_participants = participants;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *bbb_version = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *path = NULL;
  g_autofree char *id = bv_server_generate_id ();

  f->dir = g_dir_make_tmp ("bv-scheduler-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->database = bv_database_open (path, &error);
  g_assert_no_error (error);
  f->manager = bv_context_new (f->database);

  f->server = bv_server_new (id, "Scheduler test", bv_practice_server_get_api_url (practice), "sha256");
  bv_server_set_connection_info (f->server, "sha256", "2.0", bbb_version, FALSE, fake_now);
  g_assert_true (bv_database_save_server (f->database, f->server, &error));
  g_assert_no_error (error);
  bv_secret_store_save_async (id, "Scheduler test", SECRET, NULL, result_cb, &result);
  bv_secret_store_save_finish (bv_test_wait_for (&result), &error);
  g_assert_no_error (error);

  f->scheduler = bv_reminder_scheduler_new (f->manager);
  bv_reminder_scheduler_set_clock (f->scheduler, fake_clock, NULL);
  g_signal_connect (f->scheduler, "reminder", G_CALLBACK (reminder_cb), f);
  g_signal_connect (f->scheduler, "room-created", G_CALLBACK (room_created_cb), f);
  g_signal_connect (f->scheduler, "someone-waiting", G_CALLBACK (someone_waiting_cb), f);

  bv_practice_server_reset_log (practice);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (f->dir, "test.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  bv_secret_store_delete_async (bv_server_get_id (f->server), NULL, result_cb, &result);
  bv_secret_store_delete_finish (bv_test_wait_for (&result), &error);
  g_assert_no_error (error);

  g_clear_object (&f->scheduler);
  g_clear_object (&f->meeting);
  g_clear_object (&f->server);
  g_clear_object (&f->manager);
  g_clear_object (&f->database);
  g_remove (db);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->last_reminder_id);
}

static BvMeeting *
plan (Fixture    *f,
      const char *title,
      const char *start_local,
      const char *rrule,
      guint       duration)
{
  g_autoptr(GError) error = NULL;
  BvMeeting *meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);

  bv_meeting_set_title (meeting, title);
  bv_meeting_set_start (meeting, start_local, "Europe/Berlin");
  bv_meeting_set_duration (meeting, duration);
  bv_meeting_set_rrule (meeting, rrule);
  bv_meeting_set_server_id (meeting, bv_server_get_id (f->server));
  g_assert_true (bv_database_save_meeting (f->database, meeting, &error));
  g_assert_no_error (error);
  return meeting;
}

/* Someone opens a personal link: the browser's join request. */
static void
enter_room (Fixture    *f,
            const char *user_id,
            const char *role)
{
  g_autoptr(BvBbbClient) client = bv_bbb_client_new (bv_practice_server_get_api_url (practice),
                                                     SECRET, BV_CHECKSUM_SHA256);
  g_autoptr(BvBbbQuery) query = bv_bbb_query_new ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  bv_bbb_query_add (query, "fullName", "Erika Mustermann");
  bv_bbb_query_add (query, "meetingID", bv_meeting_get_bbb_meeting_id (f->meeting));
  bv_bbb_query_add (query, "role", role);
  bv_bbb_query_add (query, "userID", user_id);
  url = bv_bbb_client_build_url (client, "join", query);
  msg = soup_message_new ("GET", url);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, result_cb, &result);
  body = soup_session_send_and_read_finish (session, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), <, 400);
}

/* tests */

/* Tuesday 16 June 2026, 19:30 CEST = 17:30 UTC, 90 minutes. */
static void
test_lead_time (Fixture       *f,
                gconstpointer  data)
{
  f->meeting = plan (f, "Vorstandssitzung", "2026-06-16T19:30:00", NULL, 90);

  tick_at (f, "2026-06-16T17:14:59Z");
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, 0);
  g_assert_cmpuint (f->reminders, ==, 0);

  tick_at (f, "2026-06-16T17:15:00Z");
  g_assert_cmpuint (f->reminders, ==, 1);
  g_assert_cmpstr (f->last_reminder_id, ==, "2026-06-16T19:30:00");
  g_assert_cmpuint (f->created, ==, 1);
  g_assert_cmpuint (count_creates (), ==, 1);
  /* 15 minutes until the start plus 15 minutes of grace. */
  g_assert_nonnull (strstr (last_query (), "meetingExpireIfNoUserJoinedInMinutes=30"));
  g_assert_nonnull (strstr (last_query (), "meetingID="));

  /* Within the same minute: nothing more. */
  tick_at (f, "2026-06-16T17:15:40Z");
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, 1);

  /* Then one look a minute, never a second create. */
  tick_at (f, "2026-06-16T17:16:00Z");
  tick_at (f, "2026-06-16T17:17:00Z");
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, 3);
  g_assert_cmpuint (count_creates (), ==, 1);
  g_assert_cmpuint (f->created, ==, 1);
  g_assert_cmpuint (f->reminders, ==, 1);

  /* Create only: nobody joined. */
  g_assert_cmpuint (count_queries ("fullName="), ==, 0);
  g_assert_cmpuint (bv_reminder_scheduler_get_request_count (f->scheduler), ==,
                    bv_practice_server_get_request_count (practice));
}

static void
test_lead_time_setting (Fixture       *f,
                        gconstpointer  data)
{
  f->meeting = plan (f, "Kassenprüfung", "2026-06-16T19:30:00", NULL, 60);
  bv_reminder_scheduler_set_lead_minutes (f->scheduler, 5);

  tick_at (f, "2026-06-16T17:15:00Z");
  tick_at (f, "2026-06-16T17:24:59Z");
  g_assert_cmpuint (f->reminders, ==, 0);
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, 0);

  tick_at (f, "2026-06-16T17:25:00Z");
  g_assert_cmpuint (f->reminders, ==, 1);
  g_assert_cmpuint (f->created, ==, 1);
  g_assert_nonnull (strstr (last_query (), "meetingExpireIfNoUserJoinedInMinutes=20"));
}

/* Servers before 2.5 do not know the parameter; their rooms expire after
 * their default (the practice server's: 5 minutes) and are created again. */
static void
test_old_server (Fixture       *f,
                 gconstpointer  data)
{
  f->meeting = plan (f, "Jugendausschuss", "2026-06-16T19:30:00", NULL, 90);

  tick_at (f, "2026-06-16T17:15:00Z");
  g_assert_cmpuint (f->created, ==, 1);
  g_assert_null (strstr (last_query (), "meetingExpire"));

  for (guint minute = 16; minute <= 19; minute++)
    {
      g_autofree char *when = g_strdup_printf ("2026-06-16T17:%02u:00Z", minute);

      tick_at (f, when);
    }
  g_assert_cmpuint (f->created, ==, 1);

  /* 17:20: five minutes without anybody, the room is gone. */
  tick_at (f, "2026-06-16T17:20:00Z");
  g_assert_cmpuint (f->created, ==, 1);
  /* The next minute it is there again. */
  tick_at (f, "2026-06-16T17:21:00Z");
  g_assert_cmpuint (f->created, ==, 2);
  g_assert_cmpuint (count_creates (), ==, 2);
  g_assert_cmpuint (f->reminders, ==, 1);
}

/* On a 2.5+ server the room waits until 15 minutes after the start. */
static void
test_expiry (Fixture       *f,
             gconstpointer  data)
{
  f->meeting = plan (f, "Mitgliederversammlung", "2026-06-16T19:30:00", NULL, 120);

  tick_at (f, "2026-06-16T17:15:00Z");
  g_assert_cmpuint (f->created, ==, 1);
  tick_at (f, "2026-06-16T17:44:00Z");
  g_assert_cmpuint (f->created, ==, 1);
  g_assert_cmpuint (count_creates (), ==, 1);

  /* 17:45 is 30 minutes after create: expired, since nobody came. */
  tick_at (f, "2026-06-16T17:45:00Z");
  tick_at (f, "2026-06-16T17:46:00Z");
  g_assert_cmpuint (f->created, ==, 2);
  /* Created again 14 minutes after the start: it waits 15 more. */
  g_assert_nonnull (strstr (last_query (), "meetingExpireIfNoUserJoinedInMinutes=15"));

  /* After the end nothing at all. */
  bv_practice_server_reset_log (practice);
  tick_at (f, "2026-06-16T19:30:00Z");
  tick_at (f, "2026-06-16T19:45:00Z");
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, 0);
}

/* Weekly on Sunday at 19:30, begun in summer time; 1 November 2026 is the
 * Sunday after the change (25 October): 19:30 CET = 18:30 UTC. */
static void
test_daylight_saving (Fixture       *f,
                      gconstpointer  data)
{
  f->meeting = plan (f, "Chorprobe", "2026-10-18T19:30:00", "FREQ=WEEKLY;BYDAY=SU", 90);

  /* 19:15 in summer time would be 17:15 UTC. */
  tick_at (f, "2026-11-01T17:15:00Z");
  tick_at (f, "2026-11-01T18:14:00Z");
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, 0);
  g_assert_cmpuint (f->reminders, ==, 0);

  tick_at (f, "2026-11-01T18:15:00Z");
  g_assert_cmpuint (f->created, ==, 1);
  g_assert_cmpuint (f->reminders, ==, 1);
  g_assert_cmpstr (f->last_reminder_id, ==, "2026-11-01T19:30:00");

  /* Ended at 21:00 CET; nothing until 19:15 the next Sunday. */
  bv_practice_server_reset_log (practice);
  tick_at (f, "2026-11-01T20:00:00Z");
  tick_at (f, "2026-11-05T12:00:00Z");
  tick_at (f, "2026-11-08T18:14:00Z");
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, 0);
  g_assert_cmpuint (f->created, ==, 1);

  tick_at (f, "2026-11-08T18:15:00Z");
  g_assert_cmpuint (f->created, ==, 2);
  g_assert_cmpuint (f->reminders, ==, 2);
  g_assert_cmpstr (f->last_reminder_id, ==, "2026-11-08T19:30:00");
  g_assert_cmpuint (count_creates (), ==, 1);
}

/* Every 20 seconds from an hour before until an hour after: no request
 * outside the window (19:15–21:00 CEST), at most one a minute inside. */
static void
test_budget (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(BvMeeting) other = NULL;
  gint64 from, begin, end, until;
  guint before_window = 0;

  f->meeting = plan (f, "Vorstandssitzung", "2026-06-16T19:30:00", NULL, 90);
  /* A meeting three days later must cost nothing now. */
  other = plan (f, "Sommerfest-Planung", "2026-06-19T19:30:00", NULL, 90);

  set_now ("2026-06-16T16:15:00Z");
  from = fake_now;
  set_now ("2026-06-16T17:15:00Z");
  begin = fake_now;
  set_now ("2026-06-16T19:00:00Z");
  end = fake_now;
  until = end + 3600;

  for (fake_now = from; fake_now < until; fake_now += 20)
    {
      tick (f);
      if (fake_now < begin)
        before_window = bv_practice_server_get_request_count (practice);
    }

  g_assert_cmpuint (before_window, ==, 0);
  /* 105 minutes: one create and a look every minute after it. */
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), <=, (end - begin) / 60);
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), >=, (end - begin) / 60 - 1);
  g_assert_cmpuint (bv_reminder_scheduler_get_request_count (f->scheduler), ==,
                    bv_practice_server_get_request_count (practice));
  /* Rooms nobody entered expire and come back until the end. */
  g_assert_cmpuint (count_creates (), >=, 1);
  g_assert_cmpuint (count_creates (), ==, f->created);
  g_assert_cmpuint (f->reminders, ==, 1);
}

static void
test_someone_waiting (Fixture       *f,
                      gconstpointer  data)
{
  f->meeting = plan (f, "Vorstandssitzung", "2026-06-16T19:30:00", NULL, 90);

  tick_at (f, "2026-06-16T17:15:00Z");
  tick_at (f, "2026-06-16T17:16:00Z");
  g_assert_cmpuint (f->waiting, ==, 0);

  enter_room (f, "member-erika", "VIEWER");
  tick_at (f, "2026-06-16T17:17:00Z");
  g_assert_cmpuint (f->waiting, ==, 1);
  g_assert_cmpuint (f->waiting_participants, ==, 1);

  tick_at (f, "2026-06-16T17:18:00Z");
  g_assert_cmpuint (f->waiting, ==, 1);
}

/* The user is in the room already (joined with the app's userID): nobody
 * waits for them, and the room needs no more watching. */
static void
test_user_already_there (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *user_id = bv_join_get_user_id ();
  guint count;

  f->meeting = plan (f, "Vorstandssitzung", "2026-06-16T19:30:00", NULL, 90);

  tick_at (f, "2026-06-16T17:15:00Z");
  enter_room (f, user_id, "MODERATOR");
  enter_room (f, "member-erika", "VIEWER");
  tick_at (f, "2026-06-16T17:16:00Z");
  g_assert_cmpuint (f->waiting, ==, 0);

  count = bv_reminder_scheduler_get_request_count (f->scheduler);
  tick_at (f, "2026-06-16T17:17:00Z");
  tick_at (f, "2026-06-16T17:18:00Z");
  g_assert_cmpuint (bv_reminder_scheduler_get_request_count (f->scheduler), ==, count);
}

static void
test_marked_joined (Fixture       *f,
                    gconstpointer  data)
{
  f->meeting = plan (f, "Vorstandssitzung", "2026-06-16T19:30:00", NULL, 90);

  tick_at (f, "2026-06-16T17:15:00Z");
  set_now ("2026-06-16T17:15:30Z");
  bv_reminder_scheduler_mark_joined (f->scheduler, bv_meeting_get_id (f->meeting));
  enter_room (f, "member-erika", "VIEWER");
  tick_at (f, "2026-06-16T17:16:00Z");
  tick_at (f, "2026-06-16T17:17:00Z");
  g_assert_cmpuint (f->waiting, ==, 0);
  g_assert_cmpuint (bv_reminder_scheduler_get_request_count (f->scheduler), ==, 1);
}

/* Someone used the room and a moderator ended it before the planned end:
 * the room stays closed and costs no more requests. */
static void
test_ended_early (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(BvBbbClient) client = bv_bbb_client_new (bv_practice_server_get_api_url (practice),
                                                     SECRET, BV_CHECKSUM_SHA256);
  g_autoptr(BvBbbQuery) query = bv_bbb_query_new ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint count;

  f->meeting = plan (f, "Vorstandssitzung", "2026-06-16T19:30:00", NULL, 90);

  tick_at (f, "2026-06-16T17:15:00Z");
  g_assert_cmpuint (f->created, ==, 1);
  enter_room (f, "member-erika", "VIEWER");
  tick_at (f, "2026-06-16T17:40:00Z");

  bv_bbb_query_add (query, "meetingID", bv_meeting_get_bbb_meeting_id (f->meeting));
  url = bv_bbb_client_build_url (client, "end", query);
  msg = soup_message_new ("GET", url);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, result_cb, &result);
  body = soup_session_send_and_read_finish (session, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  "<returncode>SUCCESS</returncode>"));

  /* One more look finds it gone; then nothing, and no second create. */
  tick_at (f, "2026-06-16T18:00:00Z");
  count = bv_reminder_scheduler_get_request_count (f->scheduler);
  tick_at (f, "2026-06-16T18:01:00Z");
  tick_at (f, "2026-06-16T18:02:00Z");
  tick_at (f, "2026-06-16T18:30:00Z");
  g_assert_cmpuint (bv_reminder_scheduler_get_request_count (f->scheduler), ==, count);
  g_assert_cmpuint (f->created, ==, 1);
  g_assert_cmpuint (count_creates (), ==, 1);
}

/* A meeting without a server is reminded of, but costs no request. */
static void
test_no_server (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->meeting = plan (f, "Ohne Server", "2026-06-16T19:30:00", NULL, 90);
  bv_meeting_set_server_id (f->meeting, NULL);
  g_assert_true (bv_database_save_meeting (f->database, f->meeting, &error));
  g_assert_no_error (error);

  tick_at (f, "2026-06-16T17:15:00Z");
  tick_at (f, "2026-06-16T17:16:00Z");
  g_assert_cmpuint (f->reminders, ==, 1);
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  set_now ("2026-06-16T12:00:00Z");
  practice = bv_practice_server_new (SECRET);
  bv_practice_server_set_clock (practice, fake_clock_ms, NULL);
  bv_practice_server_start (practice, &error);
  g_assert_no_error (error);

#define ADD(path, version, func) \
  g_test_add ("/core/reminder-scheduler/" path, Fixture, version, fixture_set_up, func, fixture_tear_down)

  ADD ("lead-time", "3.0.19", test_lead_time);
  ADD ("lead-time-setting", "3.0.19", test_lead_time_setting);
  ADD ("old-server", "2.4.9", test_old_server);
  ADD ("expiry", "2.7.3", test_expiry);
  ADD ("daylight-saving", "3.0.19", test_daylight_saving);
  ADD ("budget", "3.0.19", test_budget);
  ADD ("someone-waiting", "3.0.19", test_someone_waiting);
  ADD ("user-already-there", "3.0.19", test_user_already_there);
  ADD ("marked-joined", "3.0.19", test_marked_joined);
  ADD ("no-server", "3.0.19", test_no_server);
  ADD ("ended-early", "3.0.19", test_ended_early);

#undef ADD

  status = g_test_run ();
  g_clear_object (&practice);
  return status;
}
