/* test-ics-import.c
 *
 * Calendar files as Thunderbird, Outlook, Nextcloud and Google Calendar
 * write them, imported into a real database file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "bv-database.h"
#include "bv-ics-import.h"
#include "bv-invitation.h"
#include "bv-occurrences.h"
#include "bv-test-utils.h"

#define ASYNC_TIMEOUT_SECONDS 10

typedef struct
{
  char       *dir;
  BvDatabase *database;
} Fixture;

typedef struct
{
  GMainLoop         *loop;
  gboolean           done;
  gboolean           ok;
  BvIcsImportCounts  counts;
  GError            *error;
} AsyncResult;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("bv-test-ics-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "bbb-vereine.db", NULL);
  fixture->database = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->database);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_clear_object (&fixture->database);
  bv_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Helpers */

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "ics", name, NULL);
}

static GBytes *
load (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static gboolean
import_fixture (Fixture            *fixture,
                const char         *name,
                const char         *server_id,
                BvIcsImportCounts  *counts,
                GError            **error)
{
  g_autoptr(GBytes) bytes = load (name);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return bv_ics_import_data (fixture->database, data ? data : "", length, server_id, counts, error);
}

static guint
n_meetings (Fixture *fixture)
{
  return g_list_model_get_n_items (bv_database_get_meetings (fixture->database));
}

static BvMeeting *
find (Fixture    *fixture,
      const char *uid)
{
  BvMeeting *meeting = bv_database_find_meeting_by_ical_uid (fixture->database, uid);

  g_assert_nonnull (meeting);
  return meeting;
}

static BvMeeting *
find_by_title (Fixture    *fixture,
               const char *title)
{
  GListModel *meetings = bv_database_get_meetings (fixture->database);

  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(BvMeeting) meeting = g_list_model_get_item (meetings, i);

      if (g_str_equal (bv_meeting_get_title (meeting), title))
        return g_steal_pointer (&meeting);
    }
  g_error ("no meeting “%s”", title);
}

/* The meeting's dates as the app computes them, from the stored
 * exceptions. */
static GPtrArray *
expand (Fixture   *fixture,
        BvMeeting *meeting,
        guint      max_count)
{
  g_autoptr(GPtrArray) stored = bv_database_list_exceptions (fixture->database,
                                                             bv_meeting_get_id (meeting));
  g_autofree BvOccurrenceException *exceptions = g_new0 (BvOccurrenceException, stored->len + 1);
  g_autoptr(GError) error = NULL;
  GPtrArray *occurrences;

  for (guint i = 0; i < stored->len; i++)
    {
      BvMeetingException *e = g_ptr_array_index (stored, i);

      exceptions[i].recurrence_id = e->recurrence_id;
      exceptions[i].cancelled = e->cancelled;
      exceptions[i].new_start_local = e->new_start_local;
      exceptions[i].new_duration = e->new_duration;
    }

  occurrences = bv_occurrences_expand (bv_meeting_get_start_local (meeting),
                                       bv_meeting_get_tzid (meeting),
                                       bv_meeting_get_duration (meeting),
                                       bv_meeting_get_rrule (meeting),
                                       exceptions, stored->len, NULL, NULL, max_count, &error);
  g_assert_no_error (error);
  return occurrences;
}

/* "2026-10-06T19:30:00+02:00" */
static void
assert_occurrence (GPtrArray  *occurrences,
                   guint       index,
                   const char *start,
                   guint       minutes)
{
  BvOccurrence *occurrence;
  g_autofree char *text = NULL;

  g_assert_cmpuint (index, <, occurrences->len);
  occurrence = g_ptr_array_index (occurrences, index);
  text = g_date_time_format (occurrence->start, "%Y-%m-%dT%H:%M:%S%:z");
  g_assert_cmpstr (text, ==, start);
  g_assert_cmpint (g_date_time_difference (occurrence->end, occurrence->start), ==,
                   (GTimeSpan) minutes * G_TIME_SPAN_MINUTE);
}

static BvMeetingException *
find_exception (GPtrArray  *exceptions,
                const char *recurrence_id)
{
  for (guint i = 0; i < exceptions->len; i++)
    {
      BvMeetingException *e = g_ptr_array_index (exceptions, i);

      if (g_str_equal (e->recurrence_id, recurrence_id))
        return e;
    }
  return NULL;
}

static char *
save_server (Fixture    *fixture,
             const char *name)
{
  g_autofree char *id = bv_server_generate_id ();
  g_autoptr(BvServer) server = bv_server_new (id, name, "https://bbb.example.org/bigbluebutton/", "sha256");
  g_autoptr(GError) error = NULL;

  bv_database_save_server (fixture->database, server, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&id);
}

/* Producers */

static void
test_thunderbird (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) board = NULL;
  g_autoptr(BvMeeting) audit = NULL;
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autofree char *server_id = save_server (fixture, "KL.digital");
  BvIcsImportCounts counts = { 99, 99, 99 };

  g_assert_true (import_fixture (fixture, "thunderbird.ics", server_id, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, 2);
  g_assert_cmpuint (counts.updated, ==, 0);
  g_assert_cmpuint (counts.skipped, ==, 1);  /* the all-day summer party */
  g_assert_cmpuint (n_meetings (fixture), ==, 2);

  board = find (fixture, "5b1c2f0e-8a41-4d2b-9c3e-1f7a6d2e4b90");
  g_assert_cmpstr (bv_meeting_get_title (board), ==, "Vorstandssitzung TV Musterstadt");
  /* "Vorstandssitzung": the kind comes from the title. */
  g_assert_cmpint (bv_meeting_get_kind (board), ==, BV_MEETING_KIND_BOARD);
  g_assert_cmpstr (bv_meeting_get_start_local (board), ==, "2026-10-06T19:30:00");
  g_assert_cmpstr (bv_meeting_get_tzid (board), ==, "Europe/Berlin");
  g_assert_cmpuint (bv_meeting_get_duration (board), ==, 120);
  g_assert_cmpstr (bv_meeting_get_rrule (board), ==, "FREQ=MONTHLY;BYDAY=1TU");
  g_assert_cmpstr (bv_meeting_get_welcome (board), ==, "Tagesordnung:\n1. Protokoll\n2. Kasse, Beiträge");
  g_assert_cmpstr (bv_meeting_get_server_id (board), ==, server_id);

  /* The first Tuesday at 19:30 in summer and in winter time. */
  occurrences = expand (fixture, board, 3);
  assert_occurrence (occurrences, 0, "2026-10-06T19:30:00+02:00", 120);
  assert_occurrence (occurrences, 1, "2026-11-03T19:30:00+01:00", 120);
  assert_occurrence (occurrences, 2, "2026-12-01T19:30:00+01:00", 120);

  /* "/mozilla.org/20050126_1/Europe/Berlin" */
  audit = find (fixture, "0c9b9f6e-2d7a-4f11-8d0a-5a3b7e6c1d22");
  g_assert_cmpstr (bv_meeting_get_title (audit), ==, "Kassenprüfung");
  g_assert_cmpstr (bv_meeting_get_start_local (audit), ==, "2026-10-21T18:00:00");
  g_assert_cmpstr (bv_meeting_get_tzid (audit), ==, "Europe/Berlin");
  g_assert_cmpuint (bv_meeting_get_duration (audit), ==, 45);
  g_assert_null (bv_meeting_get_rrule (audit));
  g_assert_null (bv_meeting_get_welcome (audit));
}

static void
test_outlook (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) coaches = NULL;
  g_autoptr(BvMeeting) brighton = NULL;
  g_autoptr(GPtrArray) exceptions = NULL;
  g_autoptr(GPtrArray) occurrences = NULL;
  BvIcsImportCounts counts = { 0 };
  const char *title;

  g_assert_true (import_fixture (fixture, "outlook.ics", NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, 2);
  g_assert_cmpuint (counts.skipped, ==, 0);

  /* A folded UID. */
  coaches = find (fixture, "040000008200E00074C5B7101A82E00800000000B0E1D4F7A43DDC01000000000000000"
                           "010000000C0A3F5B2E8D1A64B9E2F7C3D5A6B8E90");
  title = bv_meeting_get_title (coaches);
  /* Cut after a word, with an ellipsis, within BigBlueButton's 64. */
  g_assert_cmpstr (title, ==, "Abstimmung der Übungsleiterinnen und Übungsleiter aller…");
  g_assert_cmpint (g_utf8_strlen (title, -1), <=, 64);
  g_assert_cmpstr (bv_meeting_get_start_local (coaches), ==, "2026-10-08T18:30:00");
  g_assert_cmpstr (bv_meeting_get_tzid (coaches), ==, "Europe/Berlin");
  g_assert_cmpuint (bv_meeting_get_duration (coaches), ==, 90);
  g_assert_cmpstr (bv_meeting_get_rrule (coaches), ==, "FREQ=WEEKLY;COUNT=10;BYDAY=TH");
  g_assert_cmpstr (bv_meeting_get_welcome (coaches), ==,
                   "Liebe Übungsleiterinnen und Übungsleiter,\n\nwir besprechen die "
                   "Hallenzeiten für den Winter.\n\nViele Grüße\nPetra");
  g_assert_null (bv_meeting_get_server_id (coaches));

  exceptions = bv_database_list_exceptions (fixture->database, bv_meeting_get_id (coaches));
  g_assert_cmpuint (exceptions->len, ==, 1);
  g_assert_nonnull (find_exception (exceptions, "2026-10-29T18:30:00"));
  g_assert_true (find_exception (exceptions, "2026-10-29T18:30:00")->cancelled);

  occurrences = expand (fixture, coaches, 100);
  g_assert_cmpuint (occurrences->len, ==, 9);  /* COUNT=10, one cancelled */
  assert_occurrence (occurrences, 2, "2026-10-22T18:30:00+02:00", 90);
  assert_occurrence (occurrences, 3, "2026-11-05T18:30:00+01:00", 90);

  /* A zone known only by its rules (UK time): 09:00 there is 10:00 here. */
  brighton = find_by_title (fixture, "Partnerverein Brighton");
  g_assert_cmpstr (bv_meeting_get_start_local (brighton), ==, "2026-11-14T10:00:00");
  g_assert_cmpstr (bv_meeting_get_tzid (brighton), ==, "Europe/Berlin");
  g_assert_cmpuint (bv_meeting_get_duration (brighton), ==, 90);
}

static void
test_nextcloud (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) group = NULL;
  g_autoptr(GPtrArray) exceptions = NULL;
  g_autoptr(GPtrArray) occurrences = NULL;
  BvMeetingException *moved;
  BvIcsImportCounts counts = { 0 };

  g_assert_true (import_fixture (fixture, "nextcloud.ics", NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, 1);
  g_assert_cmpuint (counts.skipped, ==, 0);
  g_assert_cmpuint (n_meetings (fixture), ==, 1);

  group = find (fixture, "a7c1e9d2-3b44-4f5e-8e21-0c9d8b7a6f54");
  g_assert_cmpstr (bv_meeting_get_title (group), ==, "Selbsthilfegruppe Dienstag");
  g_assert_cmpstr (bv_meeting_get_start_local (group), ==, "2026-10-13T18:00:00");
  g_assert_cmpuint (bv_meeting_get_duration (group), ==, 90);
  g_assert_cmpstr (bv_meeting_get_rrule (group), ==, "FREQ=WEEKLY;BYDAY=TU");
  g_assert_cmpstr (bv_meeting_get_welcome (group), ==, "Bitte pünktlich sein.");

  exceptions = bv_database_list_exceptions (fixture->database, bv_meeting_get_id (group));
  g_assert_cmpuint (exceptions->len, ==, 4);
  g_assert_true (find_exception (exceptions, "2026-10-27T18:00:00")->cancelled);
  g_assert_true (find_exception (exceptions, "2026-12-22T18:00:00")->cancelled);
  g_assert_true (find_exception (exceptions, "2026-12-29T18:00:00")->cancelled);
  moved = find_exception (exceptions, "2026-11-03T18:00:00");
  g_assert_nonnull (moved);
  g_assert_false (moved->cancelled);
  g_assert_cmpstr (moved->new_start_local, ==, "2026-11-04T19:00:00");
  g_assert_cmpuint (moved->new_duration, ==, 120);

  /* Across the change to winter time on 25 October. */
  occurrences = expand (fixture, group, 4);
  assert_occurrence (occurrences, 0, "2026-10-13T18:00:00+02:00", 90);
  assert_occurrence (occurrences, 1, "2026-10-20T18:00:00+02:00", 90);
  assert_occurrence (occurrences, 2, "2026-11-04T19:00:00+01:00", 120);
  assert_occurrence (occurrences, 3, "2026-11-10T18:00:00+01:00", 90);
}

static void
test_google (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) course = NULL;
  g_autoptr(BvMeeting) assembly = NULL;
  g_autoptr(GPtrArray) exceptions = NULL;
  g_autoptr(GPtrArray) occurrences = NULL;
  BvIcsImportCounts counts = { 0 };

  g_assert_true (import_fixture (fixture, "google.ics", NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, 2);
  g_assert_cmpuint (counts.skipped, ==, 0);

  course = find (fixture, "3q8v0k2m5n7p9r1t4w6y8a0c2e@google.com");
  g_assert_cmpstr (bv_meeting_get_start_local (course), ==, "2026-10-01T19:00:00");
  g_assert_cmpstr (bv_meeting_get_tzid (course), ==, "Europe/Berlin");
  g_assert_cmpuint (bv_meeting_get_duration (course), ==, 90);
  /* UNTIL in UTC stays as it is. */
  g_assert_cmpstr (bv_meeting_get_rrule (course), ==, "FREQ=WEEKLY;WKST=MO;UNTIL=20261217T225959Z;BYDAY=TH");
  g_assert_null (bv_meeting_get_welcome (course));

  exceptions = bv_database_list_exceptions (fixture->database, bv_meeting_get_id (course));
  g_assert_cmpuint (exceptions->len, ==, 1);
  g_assert_true (find_exception (exceptions, "2026-10-29T19:00:00")->cancelled);

  occurrences = expand (fixture, course, 100);
  g_assert_cmpuint (occurrences->len, ==, 11);
  assert_occurrence (occurrences, 3, "2026-10-22T19:00:00+02:00", 90);
  assert_occurrence (occurrences, 4, "2026-11-05T19:00:00+01:00", 90);
  assert_occurrence (occurrences, 10, "2026-12-17T19:00:00+01:00", 90);

  /* A start in UTC stays in UTC (RFC 5545: a series of it recurs at the
   * same instant); 09:00 UTC in November is shown as 10:00 in Berlin. */
  assembly = find (fixture, "7h2j4l6n8p0r2t4v6x8z0b2d4f@google.com");
  g_assert_cmpstr (bv_meeting_get_title (assembly), ==, "Mitgliederversammlung 2026");
  g_assert_cmpstr (bv_meeting_get_start_local (assembly), ==, "2026-11-07T09:00:00");
  g_assert_cmpstr (bv_meeting_get_tzid (assembly), ==, "UTC");
  g_assert_cmpuint (bv_meeting_get_duration (assembly), ==, 180);
  g_assert_cmpstr (bv_meeting_get_welcome (assembly), ==, "Einladung mit Tagesordnung folgt per E-Mail.");
}

/* Re-import */

static void
test_reimport (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) before = NULL;
  g_autoptr(BvMeeting) after = NULL;
  g_autoptr(GPtrArray) exceptions = NULL;
  g_autofree char *id = NULL;
  g_autofree char *bbb_id = NULL;
  g_autofree char *attendee_pw = NULL;
  g_autofree char *moderator_pw = NULL;
  g_autofree char *first_server = save_server (fixture, "Erster");
  g_autofree char *second_server = save_server (fixture, "Zweiter");
  BvIcsImportCounts counts = { 0 };

  g_assert_true (import_fixture (fixture, "nextcloud.ics", first_server, &counts, &error));
  g_assert_no_error (error);
  before = find (fixture, "a7c1e9d2-3b44-4f5e-8e21-0c9d8b7a6f54");
  id = g_strdup (bv_meeting_get_id (before));
  bbb_id = g_strdup (bv_meeting_get_bbb_meeting_id (before));
  attendee_pw = g_strdup (bv_meeting_get_attendee_password (before));
  moderator_pw = g_strdup (bv_meeting_get_moderator_password (before));

  /* The same file again changes nothing but counts as updated. */
  g_assert_true (import_fixture (fixture, "nextcloud.ics", second_server, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, 0);
  g_assert_cmpuint (counts.updated, ==, 1);
  g_assert_cmpuint (n_meetings (fixture), ==, 1);

  g_assert_true (import_fixture (fixture, "nextcloud-changed.ics", second_server, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, 0);
  g_assert_cmpuint (counts.updated, ==, 1);
  g_assert_cmpuint (n_meetings (fixture), ==, 1);

  after = find (fixture, "a7c1e9d2-3b44-4f5e-8e21-0c9d8b7a6f54");
  g_assert_cmpstr (bv_meeting_get_id (after), ==, id);
  g_assert_cmpstr (bv_meeting_get_bbb_meeting_id (after), ==, bbb_id);
  g_assert_cmpstr (bv_meeting_get_attendee_password (after), ==, attendee_pw);
  g_assert_cmpstr (bv_meeting_get_moderator_password (after), ==, moderator_pw);
  g_assert_cmpstr (bv_meeting_get_server_id (after), ==, first_server);
  g_assert_cmpstr (bv_meeting_get_title (after), ==, "Selbsthilfegruppe am Dienstag");
  g_assert_cmpstr (bv_meeting_get_start_local (after), ==, "2026-10-13T18:30:00");
  g_assert_cmpuint (bv_meeting_get_duration (after), ==, 90);
  g_assert_null (bv_meeting_get_welcome (after));

  /* The file's exceptions replace the stored ones. */
  exceptions = bv_database_list_exceptions (fixture->database, id);
  g_assert_cmpuint (exceptions->len, ==, 1);
  g_assert_true (find_exception (exceptions, "2026-12-22T18:30:00")->cancelled);

  /* What the database holds after reopening. */
  {
    g_autofree char *path = g_strdup (bv_database_get_path (fixture->database));
    g_autoptr(BvMeeting) reread = NULL;

    g_clear_object (&fixture->database);
    fixture->database = bv_database_open (path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (n_meetings (fixture), ==, 1);
    reread = find (fixture, "a7c1e9d2-3b44-4f5e-8e21-0c9d8b7a6f54");
    g_assert_cmpstr (bv_meeting_get_id (reread), ==, id);
    g_assert_cmpstr (bv_meeting_get_title (reread), ==, "Selbsthilfegruppe am Dienstag");
  }
}

static void
test_reimport_server_missing (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autofree char *server = save_server (fixture, "Neu");
  BvIcsImportCounts counts = { 0 };

  g_assert_true (import_fixture (fixture, "google.ics", NULL, &counts, &error));
  g_assert_no_error (error);
  meeting = find (fixture, "7h2j4l6n8p0r2t4v6x8z0b2d4f@google.com");
  g_assert_null (bv_meeting_get_server_id (meeting));
  g_clear_object (&meeting);

  /* A meeting without a server gets the one of the new import. */
  g_assert_true (import_fixture (fixture, "google.ics", server, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.updated, ==, 2);
  meeting = find (fixture, "7h2j4l6n8p0r2t4v6x8z0b2d4f@google.com");
  g_assert_cmpstr (bv_meeting_get_server_id (meeting), ==, server);
}

/* RFC 5545 3.3.10: a series whose DTSTART is in UTC recurs at the same UTC
 * instant, so in Berlin it moves from 18:00 to 19:00 when the clocks go
 * forward (Thunderbird, Outlook and Google show it so). Its EXDATE and
 * RECURRENCE-ID in UTC name the dates of that series. */
static void
test_utc_series (Fixture       *fixture,
                 gconstpointer  user_data)
{
  static const char data[] =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//Example//Buchungssystem//DE\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:utc-series@example.org\r\n"
    "SUMMARY:Sprechstunde\r\n"
    "DTSTART:20270315T170000Z\r\n"
    "DTEND:20270315T180000Z\r\n"
    "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=5\r\n"
    "EXDATE:20270322T170000Z\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:utc-series@example.org\r\n"
    "SUMMARY:Sprechstunde\r\n"
    "RECURRENCE-ID:20270405T170000Z\r\n"
    "DTSTART:20270406T170000Z\r\n"
    "DTEND:20270406T180000Z\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GPtrArray) exceptions = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *ics = NULL;
  BvMeeting *again;
  const char * const berlin[] = {
    "2027-03-15T18:00:00+01:00", "2027-03-29T19:00:00+02:00",
    "2027-04-06T19:00:00+02:00", "2027-04-12T19:00:00+02:00",
  };
  BvIcsImportCounts counts = { 0 };

  g_assert_true (bv_ics_import_data (fixture->database, data, strlen (data), NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, 1);

  meeting = find_by_title (fixture, "Sprechstunde");
  g_assert_cmpstr (bv_meeting_get_tzid (meeting), ==, "UTC");
  g_assert_cmpstr (bv_meeting_get_start_local (meeting), ==, "2027-03-15T17:00:00");

  occurrences = expand (fixture, meeting, 100);
  g_assert_cmpuint (occurrences->len, ==, G_N_ELEMENTS (berlin));
  for (guint i = 0; i < occurrences->len; i++)
    {
      BvOccurrence *occurrence = g_ptr_array_index (occurrences, i);
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
      g_autoptr(GDateTime) local = g_date_time_to_timezone (occurrence->start, tz);
      g_autofree char *text = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");

      g_assert_cmpstr (text, ==, berlin[i]);
      g_assert_cmpint (g_date_time_difference (occurrence->end, occurrence->start), ==,
                       60 * G_TIME_SPAN_MINUTE);
    }

  /* The meeting's own calendar file writes it back in UTC, and reads in
   * again as the same series. */
  exceptions = bv_database_list_exceptions (fixture->database, bv_meeting_get_id (meeting));
  ics = bv_invitation_build_ics_full (meeting, exceptions, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (ics, "DTSTART:20270315T170000Z\r\n"));
  g_assert_nonnull (strstr (ics, "EXDATE:20270322T170000Z\r\n"));
  g_assert_nonnull (strstr (ics, "RECURRENCE-ID:20270405T170000Z\r\n"));
  g_assert_null (strstr (ics, "TZID"));
  events = bv_ics_parse (ics, strlen (ics), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  again = bv_ics_event_get_meeting (g_ptr_array_index (events, 0));
  g_assert_cmpstr (bv_meeting_get_tzid (again), ==, "UTC");
  g_assert_cmpstr (bv_meeting_get_start_local (again), ==, "2027-03-15T17:00:00");
  g_assert_cmpuint (bv_ics_event_get_exceptions (g_ptr_array_index (events, 0))->len, ==, 2);
}

static void
test_without_uid (Fixture       *fixture,
                  gconstpointer  user_data)
{
  static const char data[] =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//Example Verein//Terminliste//DE\r\n"
    "BEGIN:VEVENT\r\n"
    "SUMMARY:Stammtisch\r\n"
    "DTSTART:20261204T193000\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  BvIcsImportCounts counts = { 0 };

  /* Without a UID there is nothing to recognise it by: it is added again. */
  for (guint i = 1; i <= 2; i++)
    {
      g_assert_true (bv_ics_import_data (fixture->database, data, strlen (data), NULL, &counts, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (counts.added, ==, 1);
      g_assert_cmpuint (n_meetings (fixture), ==, i);
    }

  /* Floating time: Berlin wall-clock; neither DTEND nor DURATION: 60. */
  meeting = find_by_title (fixture, "Stammtisch");
  g_assert_cmpstr (bv_meeting_get_start_local (meeting), ==, "2026-12-04T19:30:00");
  g_assert_cmpstr (bv_meeting_get_tzid (meeting), ==, "Europe/Berlin");
  g_assert_cmpuint (bv_meeting_get_duration (meeting), ==, 60);
  g_assert_null (bv_meeting_get_ical_uid (meeting));
}

/* The kind comes from the title when a meeting is new; a kind the user
 * chose afterwards survives the next import of the same file. */
static void
test_kinds (Fixture       *fixture,
            gconstpointer  user_data)
{
  static const char data[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
    "BEGIN:VEVENT\r\nUID:mv@example.org\r\nSUMMARY:Jahreshauptversammlung 2027\r\n"
    "DTSTART;TZID=Europe/Berlin:20270312T190000\r\nDURATION:PT2H\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:vs@example.org\r\nSUMMARY:Vorstandssitzung\r\n"
    "DTSTART;TZID=Europe/Berlin:20270301T190000\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:ku@example.org\r\nSUMMARY:Yoga-Kurs\r\n"
    "DTSTART;TZID=Europe/Berlin:20270302T190000\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:ws@example.org\r\nSUMMARY:Workshop Kasse\r\n"
    "DTSTART;TZID=Europe/Berlin:20270303T190000\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:st@example.org\r\nSUMMARY:Stammtisch\r\n"
    "DTSTART;TZID=Europe/Berlin:20270304T190000\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) assembly = NULL;
  g_autoptr(BvMeeting) after = NULL;
  BvIcsImportCounts counts = { 0 };
  struct {
    const char    *uid;
    BvMeetingKind  kind;
  } expected[] = {
    { "mv@example.org", BV_MEETING_KIND_ASSEMBLY },
    { "vs@example.org", BV_MEETING_KIND_BOARD },
    { "ku@example.org", BV_MEETING_KIND_COURSE },
    { "ws@example.org", BV_MEETING_KIND_WORKSHOP },
    { "st@example.org", BV_MEETING_KIND_GROUP },
  };

  g_assert_true (bv_ics_import_data (fixture->database, data, strlen (data), NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(BvMeeting) meeting = find (fixture, expected[i].uid);

      g_assert_cmpint (bv_meeting_get_kind (meeting), ==, expected[i].kind);
    }

  /* The file's duration stays; the rest of the kind's template applies. */
  assembly = find (fixture, "mv@example.org");
  g_assert_cmpuint (bv_meeting_get_duration (assembly), ==, 120);
  g_assert_true (bv_meeting_get_mute_on_start (assembly));

  bv_meeting_set_kind (assembly, BV_MEETING_KIND_BOARD);
  g_assert_true (bv_database_save_meeting (fixture->database, assembly, &error));
  g_assert_no_error (error);

  g_assert_true (bv_ics_import_data (fixture->database, data, strlen (data), NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.updated, ==, G_N_ELEMENTS (expected));
  after = find (fixture, "mv@example.org");
  g_assert_cmpint (bv_meeting_get_kind (after), ==, BV_MEETING_KIND_BOARD);
}

/* Parsing alone */

static BvMeeting *
parse_one (const char *vevent_lines)
{
  g_autofree char *data = g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
                                           "UID:x@example.org\r\n%sEND:VEVENT\r\nEND:VCALENDAR\r\n",
                                           vevent_lines);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = bv_ics_parse (data, strlen (data), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  return g_object_ref (bv_ics_event_get_meeting (g_ptr_array_index (events, 0)));
}

static void
test_titles (void)
{
  struct {
    const char *summary;
    const char *title;
  } cases[] = {
    { "SUMMARY:  Vorstand  \r\n", "Vorstand" },
    { "SUMMARY:\r\n", "Imported meeting" },
    { "", "Imported meeting" },
    { "SUMMARY:X\r\n", "Imported meeting" },
    { "SUMMARY:Jahreshauptversammlung der Freiwilligen Feuerwehr Musterstadt-Nord e.V.\r\n",
      "Jahreshauptversammlung der Freiwilligen Feuerwehr…" },
    { "SUMMARY:Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherstellervereinigung\r\n",
      "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherst…" },
    { "SUMMARY:Sitzung\\, Teil 1\\; Kasse\r\n", "Sitzung, Teil 1; Kasse" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *lines = g_strdup_printf ("%sDTSTART;TZID=Europe/Berlin:20261110T190000\r\n",
                                                cases[i].summary);
      g_autoptr(BvMeeting) meeting = parse_one (lines);

      g_assert_cmpstr (bv_meeting_get_title (meeting), ==, cases[i].title);
      g_assert_cmpint (g_utf8_strlen (bv_meeting_get_title (meeting), -1), <=, 64);
    }
}

static void
test_zones (void)
{
  struct {
    const char *lines;
    const char *start;
    const char *tzid;
  } cases[] = {
    /* Olson names elsewhere stay. */
    { "DTSTART;TZID=America/New_York:20261110T190000\r\n", "2026-11-10T19:00:00", "America/New_York" },
    /* A Windows name without VTIMEZONE. */
    { "DTSTART;TZID=GMT Standard Time:20261110T190000\r\n", "2026-11-10T19:00:00", "Europe/London" },
    { "DTSTART;TZID=\"Romance Standard Time\":20261110T190000\r\n", "2026-11-10T19:00:00", "Europe/Paris" },
    /* A citadel-style prefix. */
    { "DTSTART;TZID=/citadel.org/20250101_1/Europe/Vienna:20261110T190000\r\n", "2026-11-10T19:00:00", "Europe/Vienna" },
    /* UTC stays UTC (a series of it recurs at the same instant). */
    { "DTSTART:20260704T170000Z\r\n", "2026-07-04T17:00:00", "UTC" },
    { "DTSTART;TZID=UTC:20261110T180000\r\n", "2026-11-10T18:00:00", "UTC" },
    /* Floating. */
    { "DTSTART:20261110T190000\r\n", "2026-11-10T19:00:00", "Europe/Berlin" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BvMeeting) meeting = parse_one (cases[i].lines);

      g_assert_cmpstr (bv_meeting_get_start_local (meeting), ==, cases[i].start);
      g_assert_cmpstr (bv_meeting_get_tzid (meeting), ==, cases[i].tzid);
    }
}

static void
test_durations (void)
{
  struct {
    const char *lines;
    guint       minutes;
  } cases[] = {
    { "DTEND;TZID=Europe/Berlin:20261110T203000\r\n", 90 },
    { "DURATION:PT2H15M\r\n", 135 },
    { "DURATION:P1D\r\n", 1440 },
    { "DURATION:PT30S\r\n", 1 },
    { "DTEND;TZID=Europe/Berlin:20261110T190000\r\n", 1 },
    /* An end in another zone: 18:00 UTC is 19:00 in Berlin. */
    { "DTEND:20261110T190000Z\r\n", 60 },
    { "", 60 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *lines = g_strdup_printf ("DTSTART;TZID=Europe/Berlin:20261110T190000\r\n%s",
                                                cases[i].lines);
      g_autoptr(BvMeeting) meeting = parse_one (lines);

      g_assert_cmpuint (bv_meeting_get_duration (meeting), ==, cases[i].minutes);
    }
}

static void
test_skipped (void)
{
  static const char data[] =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:abgesagt@example.org\r\n"
    "SUMMARY:Abgesagt\r\n"
    "STATUS:CANCELLED\r\n"
    "DTSTART;TZID=Europe/Berlin:20261110T190000\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:ganztags@example.org\r\n"
    "SUMMARY:Vereinsausflug\r\n"
    "DTSTART;VALUE=DATE:20261110\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = bv_ics_parse (data, strlen (data), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 0);
}

/* Broken files */

static void
assert_broken (Fixture    *fixture,
               const char *name,
               int         code,
               const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GBytes) bytes = load (name);
  g_autoptr(GPtrArray) events = NULL;
  BvIcsImportCounts counts = { 7, 7, 7 };
  guint before = n_meetings (fixture);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_test_message ("%s", name);
  events = bv_ics_parse (data ? data : "", length, &parse_error);
  g_assert_null (events);
  g_assert_error (parse_error, BV_ICS_IMPORT_ERROR, code);

  g_assert_false (import_fixture (fixture, name, NULL, &counts, &error));
  g_assert_error (error, BV_ICS_IMPORT_ERROR, code);
  g_test_message ("%s: %s", name, error->message);
  if (message_part)
    g_assert_nonnull (strstr (error->message, message_part));
  g_assert_cmpuint (n_meetings (fixture), ==, before);
  g_assert_cmpuint (counts.added, ==, 7);
}

static void
test_broken (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  /* Something to keep. */
  g_assert_true (import_fixture (fixture, "thunderbird.ics", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_meetings (fixture), ==, 2);

  assert_broken (fixture, "not-calendar.ics", BV_ICS_IMPORT_ERROR_INVALID, "not a calendar file");
  assert_broken (fixture, "truncated.ics", BV_ICS_IMPORT_ERROR_INVALID, "(line 8)");
  assert_broken (fixture, "bad-dtstart.ics", BV_ICS_IMPORT_ERROR_INVALID,
                 "The event “Vorstand” has a start time that cannot be read (line 13)");
  assert_broken (fixture, "hourly.ics", BV_ICS_IMPORT_ERROR_INVALID, "“Sprechstunde”");
  assert_broken (fixture, "hourly.ics", BV_ICS_IMPORT_ERROR_INVALID, "(line 9)");
  assert_broken (fixture, "latin1.ics", BV_ICS_IMPORT_ERROR_INVALID, "characters");
  assert_broken (fixture, "empty.ics", BV_ICS_IMPORT_ERROR_INVALID, "not a calendar file");
  assert_broken (fixture, "no-events.ics", BV_ICS_IMPORT_ERROR_NO_EVENTS, NULL);
}

static void
test_broken_inline (void)
{
  struct {
    const char *data;
    const char *message_part;
  } cases[] = {
    /* END of the wrong component. */
    { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261110T190000\r\nEND:VCALENDAR\r\n", "(line 4)" },
    { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Ohne Beginn\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
      "The event “Ohne Beginn” has no start time (line 2)" },
    { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Ende\r\nDTSTART:20261110T190000\r\n"
      "DTEND:20261110T180000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "ends before it starts (line 5)" },
    { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Zone\r\nDTSTART;TZID=Mars/Olympus:20261110T190000\r\n"
      "END:VEVENT\r\nEND:VCALENDAR\r\n", "time zone that is not known (line 4)" },
    { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Monat\r\nDTSTART:20261310T190000\r\n"
      "END:VEVENT\r\nEND:VCALENDAR\r\n", "start time that cannot be read (line 4)" },
    { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Dauer\r\nDTSTART:20261110T190000\r\n"
      "DURATION:zwei Stunden\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "(line 5)" },
    { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Regel\r\nDTSTART:20261110T190000\r\n"
      "RRULE:jeden Dienstag\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "“Regel” cannot be imported (line 5)" },
    { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Ausfall\r\nDTSTART:20261110T190000\r\n"
      "RRULE:FREQ=WEEKLY\r\nEXDATE:20261117T190000,kaputt\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
      "cancelled or changed date that cannot be read (line 6)" },
    { "\r\n\r\nSUMMARY:Kein Kalender\r\n", "not a calendar file" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) events = bv_ics_parse (cases[i].data, strlen (cases[i].data), &error);

      g_assert_null (events);
      g_assert_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
    }
}

static void
test_too_large (void)
{
  gsize length = BV_ICS_IMPORT_MAX_BYTES + 1;
  g_autofree char *data = g_malloc (length);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;

  memset (data, ' ', length);
  memcpy (data, "BEGIN:VCALENDAR\r\n", 17);
  events = bv_ics_parse (data, length, &error);
  g_assert_null (events);
  g_assert_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "10 MB"));
}

/* The file API */

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->ok = bv_ics_import_file_finish (result, &r->counts, &r->error);
  r->done = TRUE;
  g_main_loop_quit (r->loop);
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("the import did not finish within %d s", ASYNC_TIMEOUT_SECONDS);
  return G_SOURCE_REMOVE;
}

static void
import_file (Fixture     *fixture,
             GFile       *file,
             AsyncResult *r)
{
  guint timeout = g_timeout_add_seconds (ASYNC_TIMEOUT_SECONDS, timeout_cb, NULL);

  memset (r, 0, sizeof *r);
  r->loop = g_main_loop_new (NULL, FALSE);
  bv_ics_import_file_async (fixture->database, file, NULL, NULL, imported_cb, r);
  /* The database is written in this thread, not before the loop runs. */
  g_assert_false (r->done);
  g_main_loop_run (r->loop);
  g_source_remove (timeout);
  g_main_loop_unref (r->loop);
}

static void
test_file (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autofree char *path = data_path ("google.ics");
  g_autofree char *html = data_path ("not-calendar.ics");
  g_autofree char *missing = g_build_filename (fixture->dir, "gibt-es-nicht.ics", NULL);
  g_autofree char *large = g_build_filename (fixture->dir, "gross.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) html_file = g_file_new_for_path (html);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GFile) large_file = g_file_new_for_path (large);
  g_autofree char *padding = NULL;
  g_autoptr(GError) error = NULL;
  AsyncResult r;

  import_file (fixture, file, &r);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpuint (r.counts.added, ==, 2);
  g_assert_cmpuint (r.counts.updated, ==, 0);
  g_assert_cmpuint (r.counts.skipped, ==, 0);
  g_assert_cmpuint (n_meetings (fixture), ==, 2);

  import_file (fixture, file, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.counts.added, ==, 0);
  g_assert_cmpuint (r.counts.updated, ==, 2);
  g_assert_cmpuint (n_meetings (fixture), ==, 2);

  /* The messages name the file. */
  import_file (fixture, html_file, &r);
  g_assert_error (r.error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_INVALID);
  g_assert_cmpstr (r.error->message, ==, "“not-calendar.ics” is not a calendar file. Export the "
                   "meeting from your calendar as an .ics file and try again.");
  g_clear_error (&r.error);

  import_file (fixture, missing_file, &r);
  g_assert_error (r.error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_READ);
  g_assert_true (g_str_has_prefix (r.error->message, "The calendar file “gibt-es-nicht.ics” could not be read: "));
  g_clear_error (&r.error);

  padding = g_malloc (BV_ICS_IMPORT_MAX_BYTES + 1);
  memset (padding, '\n', BV_ICS_IMPORT_MAX_BYTES + 1);
  g_file_set_contents (large, padding, BV_ICS_IMPORT_MAX_BYTES + 1, &error);
  g_assert_no_error (error);
  import_file (fixture, large_file, &r);
  g_assert_error (r.error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_READ);
  g_assert_nonnull (strstr (r.error->message, "“gross.ics” is larger than 10 MB"));
  g_clear_error (&r.error);

  g_assert_cmpuint (n_meetings (fixture), ==, 2);
}

/* ATTENDEE lines become the meeting's participants: CN and mailto:,
 * ROLE=CHAIR a moderator, a member's address the member (by their name
 * when there is no CN), others guests; a second import adds nobody. */
static BvParticipant *
find_participant (GPtrArray  *participants,
                  const char *email)
{
  for (guint i = 0; i < participants->len; i++)
    {
      BvParticipant *participant = g_ptr_array_index (participants, i);

      if (g_ascii_strcasecmp (bv_participant_get_email (participant), email) == 0)
        return participant;
    }
  return NULL;
}

static void
test_attendees (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMember) erika = bv_member_new ();
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  BvIcsImportCounts counts = { 0 };
  BvParticipant *p;
  GPtrArray *attendees;

  bv_member_set_name (erika, "Erika Musterfrau");
  bv_member_set_email (erika, "erika.musterfrau@example.org");
  g_assert_true (bv_database_save_member (fixture->database, erika, &error));
  g_assert_no_error (error);

  /* Parsing alone: one entry per address, the chair wins. */
  bytes = load ("attendees.ics");
  events = bv_ics_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  attendees = bv_ics_event_get_attendees (g_ptr_array_index (events, 0));
  g_assert_cmpuint (attendees->len, ==, 5);
  g_assert_cmpstr (((BvIcsAttendee *) g_ptr_array_index (attendees, 0))->name, ==, "Müller, Jürgen");
  g_assert_cmpstr (((BvIcsAttendee *) g_ptr_array_index (attendees, 0))->email, ==, "juergen.mueller@example.org");
  g_assert_true (((BvIcsAttendee *) g_ptr_array_index (attendees, 0))->moderator);
  g_assert_null (((BvIcsAttendee *) g_ptr_array_index (attendees, 1))->name);
  g_assert_false (((BvIcsAttendee *) g_ptr_array_index (attendees, 1))->moderator);

  g_assert_true (import_fixture (fixture, "attendees.ics", NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, 1);
  g_assert_cmpuint (counts.participants, ==, 5);

  meeting = find (fixture, "9d3e7c1a-5b2f-4e8d-a6c4-2f1b0e9d8c77");
  participants = bv_database_list_participants (fixture->database, bv_meeting_get_id (meeting));
  g_assert_cmpuint (participants->len, ==, 5);

  p = find_participant (participants, "juergen.mueller@example.org");
  g_assert_nonnull (p);
  g_assert_true (bv_participant_is_guest (p));
  g_assert_cmpstr (bv_participant_get_name (p), ==, "Müller, Jürgen");
  g_assert_cmpint (bv_participant_get_role (p), ==, BV_PARTICIPANT_ROLE_MODERATOR);

  /* A member's address, in other case, without CN: the member. */
  p = find_participant (participants, "erika.musterfrau@example.org");
  g_assert_nonnull (p);
  g_assert_false (bv_participant_is_guest (p));
  g_assert_cmpstr (bv_participant_get_member_id (p), ==, bv_member_get_id (erika));
  g_assert_cmpstr (bv_participant_get_name (p), ==, "Erika Musterfrau");
  g_assert_cmpint (bv_participant_get_role (p), ==, BV_PARTICIPANT_ROLE_PARTICIPANT);

  /* Neither CN nor member: the address before the "@". */
  p = find_participant (participants, "kassenwart@tsv-sued.example");
  g_assert_nonnull (p);
  g_assert_true (bv_participant_is_guest (p));
  g_assert_cmpstr (bv_participant_get_name (p), ==, "kassenwart");

  p = find_participant (participants, "bjoern@example.org");
  g_assert_nonnull (p);
  g_assert_cmpstr (bv_participant_get_name (p), ==, "Björn Weiß");
  g_assert_cmpint (bv_participant_get_role (p), ==, BV_PARTICIPANT_ROLE_MODERATOR);

  p = find_participant (participants, "gast.oezdemir@example.net");
  g_assert_nonnull (p);
  g_assert_cmpstr (bv_participant_get_name (p), ==, "Gast Özdemir");

  /* Again: the meeting is updated, nobody is invited twice. */
  g_assert_true (import_fixture (fixture, "attendees.ics", NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, 0);
  g_assert_cmpuint (counts.updated, ==, 1);
  g_assert_cmpuint (counts.participants, ==, 0);
  again = bv_database_list_participants (fixture->database, bv_meeting_get_id (meeting));
  g_assert_cmpuint (again->len, ==, 5);
  g_assert_cmpuint (n_meetings (fixture), ==, 1);
}

/* Files without ATTENDEE lines invite nobody. */
static void
test_no_attendees (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  BvIcsImportCounts counts = { 0 };
  GListModel *meetings;

  g_assert_true (import_fixture (fixture, "nextcloud.ics", NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.participants, ==, 0);
  meetings = bv_database_get_meetings (fixture->database);
  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(BvMeeting) meeting = g_list_model_get_item (meetings, i);
      g_autoptr(GPtrArray) participants = bv_database_list_participants (fixture->database,
                                                                         bv_meeting_get_id (meeting));

      g_assert_cmpuint (participants->len, ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/ics-import/thunderbird", Fixture, NULL, fixture_setup, test_thunderbird, fixture_teardown);
  g_test_add ("/core/ics-import/outlook", Fixture, NULL, fixture_setup, test_outlook, fixture_teardown);
  g_test_add ("/core/ics-import/nextcloud", Fixture, NULL, fixture_setup, test_nextcloud, fixture_teardown);
  g_test_add ("/core/ics-import/google", Fixture, NULL, fixture_setup, test_google, fixture_teardown);
  g_test_add ("/core/ics-import/reimport", Fixture, NULL, fixture_setup, test_reimport, fixture_teardown);
  g_test_add ("/core/ics-import/reimport-server-missing", Fixture, NULL, fixture_setup,
              test_reimport_server_missing, fixture_teardown);
  g_test_add ("/core/ics-import/utc-series", Fixture, NULL, fixture_setup, test_utc_series, fixture_teardown);
  g_test_add ("/core/ics-import/kinds", Fixture, NULL, fixture_setup, test_kinds, fixture_teardown);
  g_test_add ("/core/ics-import/without-uid", Fixture, NULL, fixture_setup, test_without_uid, fixture_teardown);
  g_test_add_func ("/core/ics-import/titles", test_titles);
  g_test_add_func ("/core/ics-import/zones", test_zones);
  g_test_add_func ("/core/ics-import/durations", test_durations);
  g_test_add_func ("/core/ics-import/skipped", test_skipped);
  g_test_add ("/core/ics-import/broken", Fixture, NULL, fixture_setup, test_broken, fixture_teardown);
  g_test_add_func ("/core/ics-import/broken-inline", test_broken_inline);
  g_test_add_func ("/core/ics-import/too-large", test_too_large);
  g_test_add ("/core/ics-import/file", Fixture, NULL, fixture_setup, test_file, fixture_teardown);
  g_test_add ("/core/ics-import/attendees", Fixture, NULL, fixture_setup, test_attendees, fixture_teardown);
  g_test_add ("/core/ics-import/no-attendees", Fixture, NULL, fixture_setup, test_no_attendees, fixture_teardown);

  return g_test_run ();
}
