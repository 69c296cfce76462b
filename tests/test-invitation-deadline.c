/* test-invitation-deadline.c
 *
 * core/bv-invitation-deadline: the day the invitations must go out, in
 * calendar days, and what the editor and Anstehend say about it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "bv-invitation-deadline.h"

static void
set_date (GDate      *date,
          const char *iso)
{
  int y, m, d;

  g_assert_cmpint (sscanf (iso, "%d-%d-%d", &y, &m, &d), ==, 3);
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
}

static char *
iso (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static char *
deadline_of (const char *start_local,
             guint       period)
{
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_ASSEMBLY);
  GDate deadline;

  bv_meeting_set_start (meeting, start_local, "Europe/Berlin");
  g_assert_true (bv_invitation_deadline_for_meeting (meeting, period, &deadline));
  return iso (&deadline);
}

/* Fourteen days before a meeting shortly after midnight, across the night
 * the clocks go forward (28 March 2027) and back (31 October 2027):
 * counting 14 × 24 hours would land on the wrong day. */
static void
test_dst (void)
{
  g_autofree char *spring = deadline_of ("2027-04-06T00:30:00", 14);
  g_autofree char *autumn = deadline_of ("2027-11-09T23:30:00", 14);
  g_autofree char *spring_4w = deadline_of ("2027-04-20T00:15:00", 28);

  g_assert_cmpstr (spring, ==, "2027-03-23");
  g_assert_cmpstr (autumn, ==, "2027-10-26");
  g_assert_cmpstr (spring_4w, ==, "2027-03-23");
}

/* Across 29 February of a leap year, and the same dates in a common year. */
static void
test_leap_day (void)
{
  g_autofree char *leap = deadline_of ("2028-03-14T19:00:00", 14);
  g_autofree char *leap_day = deadline_of ("2028-03-01T19:00:00", 1);
  g_autofree char *common = deadline_of ("2027-03-14T19:00:00", 14);
  g_autofree char *common_day = deadline_of ("2027-03-01T19:00:00", 1);
  g_autofree char *over_year = deadline_of ("2028-03-10T19:00:00", 365);

  g_assert_cmpstr (leap, ==, "2028-02-29");
  g_assert_cmpstr (leap_day, ==, "2028-02-29");
  g_assert_cmpstr (common, ==, "2027-02-28");
  g_assert_cmpstr (common_day, ==, "2027-02-28");
  g_assert_cmpstr (over_year, ==, "2027-03-11");
}

/* A deadline on a Sunday is said as it falls, not moved to a working day;
 * the year is named only when it is not this year. */
static void
test_describe (void)
{
  g_autofree char *sunday = deadline_of ("2027-03-21T15:00:00", 14);
  g_autofree char *text = NULL;
  g_autofree char *next_year = NULL;
  GDate deadline, today;

  g_assert_cmpstr (sunday, ==, "2027-03-07");
  set_date (&deadline, sunday);
  g_assert_cmpint (g_date_get_weekday (&deadline), ==, G_DATE_SUNDAY);
  set_date (&today, "2027-01-10");
  text = bv_invitation_deadline_describe (&deadline, &today);
  g_assert_cmpstr (text, ==, "Send the invitations by Sunday, 7 March");

  set_date (&today, "2026-12-20");
  next_year = bv_invitation_deadline_describe (&deadline, &today);
  g_assert_cmpstr (next_year, ==, "Send the invitations by Sunday, 7 March 2027");
}

/* The same in German, as the issue asks: "Dienstag, 3. März". */
static void
test_describe_german (void)
{
  g_autofree char *text = NULL;
  g_autofree char *sunday = NULL;
  const char *old_locale = setlocale (LC_ALL, NULL);
  g_autofree char *saved = g_strdup (old_locale);
  GDate deadline, today;

  if (!setlocale (LC_ALL, "de_DE.UTF-8"))
    {
      /* build-aux/dev generates the locale; without it this cannot be checked. */
      g_test_fail_printf ("the locale de_DE.UTF-8 is missing; run build-aux/dev once");
      return;
    }
  g_setenv ("LANGUAGE", "de", TRUE);

  set_date (&deadline, "2026-03-03");
  set_date (&today, "2026-01-05");
  text = bv_invitation_deadline_describe (&deadline, &today);
  g_assert_cmpstr (text, ==, "Einladungen spätestens am Dienstag, 3. März verschicken");

  set_date (&deadline, "2027-03-07");
  set_date (&today, "2027-02-01");
  sunday = bv_invitation_deadline_describe (&deadline, &today);
  g_assert_cmpstr (sunday, ==, "Einladungen spätestens am Sonntag, 7. März verschicken");

  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, saved);
}

/* Anstehend's warning: none while more than a week is left, then the days
 * left, the last day, and a deadline passed. */
static void
test_warning (void)
{
  GDate deadline, today;
  g_autofree char *far = NULL;
  g_autofree char *week = NULL;
  g_autofree char *tomorrow = NULL;
  g_autofree char *last = NULL;
  g_autofree char *passed = NULL;

  set_date (&deadline, "2027-03-07");

  set_date (&today, "2027-02-27");
  far = bv_invitation_deadline_warning (&deadline, &today);
  g_assert_null (far);

  set_date (&today, "2027-02-28");
  week = bv_invitation_deadline_warning (&deadline, &today);
  g_assert_cmpstr (week, ==, "Invitations not sent: send them by Sunday, 7 March, in 7 days.");

  set_date (&today, "2027-03-06");
  tomorrow = bv_invitation_deadline_warning (&deadline, &today);
  g_assert_cmpstr (tomorrow, ==, "Invitations not sent: send them by Sunday, 7 March, in 1 day.");

  set_date (&today, "2027-03-07");
  last = bv_invitation_deadline_warning (&deadline, &today);
  g_assert_cmpstr (last, ==, "Invitations not sent: today is the last day to send them.");

  set_date (&today, "2027-03-08");
  passed = bv_invitation_deadline_warning (&deadline, &today);
  g_assert_cmpstr (passed, ==, "Invitations not sent: the invitation period ended on Sunday, 7 March. "
                   "Check the statutes before holding the assembly.");
}

/* A meeting without a date has no deadline. */
static void
test_no_date (void)
{
  g_autoptr(BvMeeting) meeting = g_object_new (BV_TYPE_MEETING, NULL);
  GDate deadline;

  g_assert_null (bv_meeting_get_start_local (meeting));
  g_assert_false (bv_invitation_deadline_for_meeting (meeting, 14, &deadline));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  /* German from the translations just built. */
  localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/invitation-deadline/dst", test_dst);
  g_test_add_func ("/core/invitation-deadline/leap-day", test_leap_day);
  g_test_add_func ("/core/invitation-deadline/describe", test_describe);
  g_test_add_func ("/core/invitation-deadline/describe-german", test_describe_german);
  g_test_add_func ("/core/invitation-deadline/warning", test_warning);
  g_test_add_func ("/core/invitation-deadline/no-date", test_no_date);

  return g_test_run ();
}
