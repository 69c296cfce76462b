/* test-schedule.c
 *
 * The dates of all stored meetings, from a real SQLite file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "bv-planned-dates.h"

static char *dir;

static BvMeeting *
add_meeting (BvDatabase *db,
             const char *title,
             const char *start,
             const char *rrule)
{
  g_autoptr(GError) error = NULL;
  BvMeeting *meeting = bv_meeting_new (BV_MEETING_KIND_GROUP);

  bv_meeting_set_title (meeting, title);
  bv_meeting_set_start (meeting, start, "Europe/Berlin");
  bv_meeting_set_duration (meeting, 90);
  bv_meeting_set_rrule (meeting, rrule);
  g_assert_true (bv_database_save_meeting (db, meeting, &error));
  g_assert_no_error (error);
  return meeting;
}

static GDateTime *
berlin (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Berlin");

  return g_date_time_new (zone, year, month, day, hour, minute, 0);
}

static char *
start_of (BvPlannedOccurrence *planned)
{
  return g_date_time_format (planned->occurrence->start, "%Y-%m-%d %H:%M %Z");
}

/* One line per meeting for "later": each one's first date from a point
 * on, sorted, skipping cancelled dates and meetings that are over. */
static void
test_list_first (void)
{
  g_autofree char *path = g_build_filename (dir, "schedule.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) db = NULL;
  g_autoptr(BvMeeting) weekly = NULL;
  g_autoptr(BvMeeting) monthly = NULL;
  g_autoptr(BvMeeting) over = NULL;
  g_autoptr(BvMeeting) once = NULL;
  g_autoptr(GDateTime) from = berlin (2026, 11, 30, 0, 0);
  g_autoptr(GDateTime) to = berlin (2027, 1, 1, 0, 0);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) bounded = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *s0 = NULL, *s1 = NULL, *s2 = NULL;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  weekly = add_meeting (db, "Yoga", "2026-11-03T18:00:00", "FREQ=WEEKLY;BYDAY=TU");
  monthly = add_meeting (db, "Sonntagstreff", "2026-11-29T10:00:00", "FREQ=MONTHLY;BYDAY=-1SU");
  over = add_meeting (db, "Vorbei", "2026-01-10T19:00:00", "FREQ=WEEKLY;COUNT=3");
  once = add_meeting (db, "Versammlung", "2027-03-20T14:00:00", NULL);
  /* The first Tuesday after from is cancelled: the next one counts. */
  g_assert_true (bv_database_set_exception (db, bv_meeting_get_id (weekly), "2026-12-01T18:00",
                                            TRUE, NULL, 0, &error));
  g_assert_no_error (error);

  first = bv_planned_dates_list_first (db, from, NULL);
  g_assert_cmpuint (first->len, ==, 3);
  s0 = start_of (first->pdata[0]);
  s1 = start_of (first->pdata[1]);
  s2 = start_of (first->pdata[2]);
  g_assert_cmpstr (s0, ==, "2026-12-08 18:00 CET");
  g_assert_true (((BvPlannedOccurrence *)first->pdata[0])->meeting == weekly);
  g_assert_cmpstr (s1, ==, "2026-12-27 10:00 CET");
  g_assert_cmpstr (s2, ==, "2027-03-20 14:00 CET");

  /* With an end: what starts after it is left out. */
  bounded = bv_planned_dates_list_first (db, from, to);
  g_assert_cmpuint (bounded->len, ==, 2);

  /* The full list has every date; the first-only list one per meeting. */
  all = bv_planned_dates_list (db, from, to);
  g_assert_cmpuint (all->len, ==, 4 + 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("bv-test-schedule-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/core/planned-dates/list-first", test_list_first);

  status = g_test_run ();
  {
    g_autofree char *db = g_build_filename (dir, "schedule.db", NULL);
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (db);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  g_free (dir);
  return status;
}
