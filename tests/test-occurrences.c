/* test-occurrences.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "bv-occurrences.h"
#include "bv-repetition-text.h"

#define BERLIN "Europe/Berlin"

static GDateTime *
berlin (int year,
        int month,
        int day,
        int hour,
        int minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (BERLIN);

  g_assert_nonnull (tz);
  return g_date_time_new (tz, year, month, day, hour, minute, 0);
}

static char *
format (GDateTime *dt)
{
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z");
}

/* "start/end/recurrence id[/moved]" of each occurrence, one per line. */
static char *
describe_all (GPtrArray *occurrences)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < occurrences->len; i++)
    {
      BvOccurrence *occurrence = g_ptr_array_index (occurrences, i);
      g_autofree char *start = format (occurrence->start);
      g_autofree char *end = format (occurrence->end);

      g_string_append_printf (out, "%s/%s/%s%s\n", start, end, occurrence->recurrence_id,
                              occurrence->moved ? "/moved" : "");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The starts only, comma-separated. */
static char *
starts (GPtrArray *occurrences)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < occurrences->len; i++)
    {
      BvOccurrence *occurrence = g_ptr_array_index (occurrences, i);
      g_autofree char *start = format (occurrence->start);

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, start);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
expand_starts (const char *start_local,
               const char *rrule,
               GDateTime  *from,
               GDateTime  *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) occurrences = NULL;

  occurrences = bv_occurrences_expand (start_local, BERLIN, 90, rrule, NULL, 0,
                                       from, to, 1000, &error);
  g_assert_no_error (error);
  g_assert_nonnull (occurrences);
  return starts (occurrences);
}

static void
test_dst_spring (void)
{
  g_autoptr(GDateTime) from = berlin (2027, 3, 1, 0, 0);
  g_autoptr(GDateTime) to = berlin (2027, 4, 7, 0, 0);
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* Clocks go forward on Sunday 2027-03-28; Tuesday's meeting stays at
   * 19:30, its UTC offset goes from +01 to +02. */
  occurrences = bv_occurrences_expand ("2027-03-16T19:30:00", BERLIN, 90, "FREQ=WEEKLY;BYDAY=TU",
                                       NULL, 0, from, to, 100, &error);
  g_assert_no_error (error);
  text = describe_all (occurrences);
  g_assert_cmpstr (text, ==,
                   "2027-03-16T19:30:00+01:00/2027-03-16T21:00:00+01:00/2027-03-16T19:30:00\n"
                   "2027-03-23T19:30:00+01:00/2027-03-23T21:00:00+01:00/2027-03-23T19:30:00\n"
                   "2027-03-30T19:30:00+02:00/2027-03-30T21:00:00+02:00/2027-03-30T19:30:00\n"
                   "2027-04-06T19:30:00+02:00/2027-04-06T21:00:00+02:00/2027-04-06T19:30:00\n");

  /* the instants move by an hour in UTC */
  {
    BvOccurrence *before = g_ptr_array_index (occurrences, 1);
    BvOccurrence *after = g_ptr_array_index (occurrences, 2);
    g_autoptr(GDateTime) before_utc = g_date_time_to_utc (before->start);
    g_autoptr(GDateTime) after_utc = g_date_time_to_utc (after->start);

    g_assert_cmpint (g_date_time_get_hour (before_utc), ==, 18);
    g_assert_cmpint (g_date_time_get_hour (after_utc), ==, 17);
    g_assert_cmpstr (g_date_time_get_timezone_abbreviation (before->start), ==, "CET");
    g_assert_cmpstr (g_date_time_get_timezone_abbreviation (after->start), ==, "CEST");
  }
}

static void
test_dst_autumn (void)
{
  g_autoptr(GDateTime) from = berlin (2026, 10, 1, 0, 0);
  g_autoptr(GDateTime) to = berlin (2026, 11, 4, 0, 0);
  g_autofree char *text = NULL;

  /* Clocks go back on Sunday 2026-10-25. */
  text = expand_starts ("2026-10-13T19:30:00", "FREQ=WEEKLY;BYDAY=TU", from, to);
  g_assert_cmpstr (text, ==,
                   "2026-10-13T19:30:00+02:00, 2026-10-20T19:30:00+02:00, "
                   "2026-10-27T19:30:00+01:00, 2026-11-03T19:30:00+01:00");
}

static void
test_dst_whole_years (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (BERLIN);
  g_autoptr(GDateTime) from = berlin (2026, 1, 1, 0, 0);
  g_autoptr(GDateTime) to = berlin (2029, 1, 1, 0, 0);
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GError) error = NULL;
  guint summer = 0;

  occurrences = bv_occurrences_expand ("2026-01-06T19:30:00", BERLIN, 90, "FREQ=WEEKLY;BYDAY=TU",
                                       NULL, 0, from, to, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (occurrences->len, ==, 156);

  for (guint i = 0; i < occurrences->len; i++)
    {
      BvOccurrence *occurrence = g_ptr_array_index (occurrences, i);
      g_autoptr(GDateTime) expected = g_date_time_new (tz,
                                                       g_date_time_get_year (occurrence->start),
                                                       g_date_time_get_month (occurrence->start),
                                                       g_date_time_get_day_of_month (occurrence->start),
                                                       19, 30, 0);
      GTimeSpan offset = g_date_time_get_utc_offset (occurrence->start);

      g_assert_cmpint (g_date_time_get_day_of_week (occurrence->start), ==, 2);
      g_assert_cmpint (g_date_time_get_hour (occurrence->start), ==, 19);
      g_assert_cmpint (g_date_time_get_minute (occurrence->start), ==, 30);
      g_assert_true (g_date_time_equal (occurrence->start, expected));
      g_assert_true (offset == G_TIME_SPAN_HOUR || offset == 2 * G_TIME_SPAN_HOUR);
      g_assert_cmpint (g_date_time_difference (occurrence->end, occurrence->start), ==, 90 * G_TIME_SPAN_MINUTE);
      if (offset == 2 * G_TIME_SPAN_HOUR)
        summer++;
    }
  /* 31 summer-time Tuesdays a year from 2026 to 2028 */
  g_assert_cmpuint (summer, ==, 30 + 31 + 31);
}

static void
test_dst_gap (void)
{
  g_autoptr(GDateTime) from = berlin (2027, 3, 20, 0, 0);
  g_autoptr(GDateTime) to = berlin (2027, 4, 5, 0, 0);
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* 02:30 does not exist on 2027-03-28. RFC 5545 reads it with the offset
   * before the gap: 01:30 UTC, which is 03:30 CEST. The occurrence keeps
   * its id, and the next week is back at 02:30. */
  occurrences = bv_occurrences_expand ("2027-03-21T02:30:00", BERLIN, 60, "FREQ=WEEKLY;BYDAY=SU",
                                       NULL, 0, from, to, 100, &error);
  g_assert_no_error (error);
  text = describe_all (occurrences);
  g_assert_cmpstr (text, ==,
                   "2027-03-21T02:30:00+01:00/2027-03-21T03:30:00+01:00/2027-03-21T02:30:00\n"
                   "2027-03-28T03:30:00+02:00/2027-03-28T04:30:00+02:00/2027-03-28T02:30:00\n"
                   "2027-04-04T02:30:00+02:00/2027-04-04T03:30:00+02:00/2027-04-04T02:30:00\n");

  /* a single meeting in the gap, too */
  g_clear_pointer (&occurrences, g_ptr_array_unref);
  occurrences = bv_occurrences_expand ("2027-03-28T02:00:00", BERLIN, 60, NULL,
                                       NULL, 0, NULL, NULL, 10, &error);
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = describe_all (occurrences);
  g_assert_cmpstr (text, ==, "2027-03-28T03:00:00+02:00/2027-03-28T04:00:00+02:00/2027-03-28T02:00:00\n");
}

static void
test_dst_overlap (void)
{
  g_autoptr(GDateTime) from = berlin (2026, 10, 18, 0, 0);
  g_autoptr(GDateTime) to = berlin (2026, 11, 2, 0, 0);
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* 02:30 happens twice on 2026-10-25; RFC 5545 means the first one
   * (CEST). The meeting lasts 60 real minutes, so it ends at 02:30 CET. */
  occurrences = bv_occurrences_expand ("2026-10-18T02:30:00", BERLIN, 60, "FREQ=WEEKLY;BYDAY=SU",
                                       NULL, 0, from, to, 100, &error);
  g_assert_no_error (error);
  text = describe_all (occurrences);
  g_assert_cmpstr (text, ==,
                   "2026-10-18T02:30:00+02:00/2026-10-18T03:30:00+02:00/2026-10-18T02:30:00\n"
                   "2026-10-25T02:30:00+02:00/2026-10-25T02:30:00+01:00/2026-10-25T02:30:00\n"
                   "2026-11-01T02:30:00+01:00/2026-11-01T03:30:00+01:00/2026-11-01T02:30:00\n");
}

static void
test_monthly_first_monday (void)
{
  g_autoptr(GDateTime) from = berlin (2026, 10, 1, 0, 0);
  g_autoptr(GDateTime) to = berlin (2027, 2, 1, 0, 0);
  g_autofree char *ordinal = NULL;
  g_autofree char *setpos = NULL;

  ordinal = expand_starts ("2026-10-05T19:00:00", "FREQ=MONTHLY;BYDAY=1MO", from, to);
  g_assert_cmpstr (ordinal, ==,
                   "2026-10-05T19:00:00+02:00, 2026-11-02T19:00:00+01:00, "
                   "2026-12-07T19:00:00+01:00, 2027-01-04T19:00:00+01:00");

  /* Outlook writes the same rule with BYSETPOS */
  setpos = expand_starts ("2026-10-05T19:00:00", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1", from, to);
  g_assert_cmpstr (setpos, ==, ordinal);
}

static void
test_monthly_last_sunday (void)
{
  g_autoptr(GDateTime) from = berlin (2026, 9, 1, 0, 0);
  g_autoptr(GDateTime) to = berlin (2027, 5, 1, 0, 0);
  g_autofree char *text = NULL;

  /* includes both change-over Sundays */
  text = expand_starts ("2026-09-27T10:00:00", "FREQ=MONTHLY;BYDAY=-1SU", from, to);
  g_assert_cmpstr (text, ==,
                   "2026-09-27T10:00:00+02:00, 2026-10-25T10:00:00+01:00, "
                   "2026-11-29T10:00:00+01:00, 2026-12-27T10:00:00+01:00, "
                   "2027-01-31T10:00:00+01:00, 2027-02-28T10:00:00+01:00, "
                   "2027-03-28T10:00:00+02:00, 2027-04-25T10:00:00+02:00");
}

static void
test_monthly_day_31 (void)
{
  g_autoptr(GDateTime) from = berlin (2026, 1, 1, 0, 0);
  g_autoptr(GDateTime) to = berlin (2027, 1, 1, 0, 0);
  g_autofree char *text = NULL;

  /* Months without a 31st are skipped (RFC 5545 and libical), not moved
   * to their last day. */
  text = expand_starts ("2026-01-31T18:00:00", "FREQ=MONTHLY;BYMONTHDAY=31", from, to);
  g_assert_cmpstr (text, ==,
                   "2026-01-31T18:00:00+01:00, 2026-03-31T18:00:00+02:00, "
                   "2026-05-31T18:00:00+02:00, 2026-07-31T18:00:00+02:00, "
                   "2026-08-31T18:00:00+02:00, 2026-10-31T18:00:00+01:00, "
                   "2026-12-31T18:00:00+01:00");
}

static void
test_count_and_until (void)
{
  g_autoptr(GDateTime) from = berlin (2026, 1, 1, 0, 0);
  g_autoptr(GDateTime) to = berlin (2030, 1, 1, 0, 0);
  static const struct {
    const char *rrule;
    const char *expected;
  } cases[] = {
    { "FREQ=WEEKLY;BYDAY=TU;COUNT=3",
      "2026-10-27T19:30:00+01:00, 2026-11-03T19:30:00+01:00, 2026-11-10T19:30:00+01:00" },
    /* UNTIL is inclusive: in UTC, as a date, as local time */
    { "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261110T183000Z",
      "2026-10-27T19:30:00+01:00, 2026-11-03T19:30:00+01:00, 2026-11-10T19:30:00+01:00" },
    { "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261110T182959Z",
      "2026-10-27T19:30:00+01:00, 2026-11-03T19:30:00+01:00" },
    { "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261110",
      "2026-10-27T19:30:00+01:00, 2026-11-03T19:30:00+01:00, 2026-11-10T19:30:00+01:00" },
    { "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261110T193000",
      "2026-10-27T19:30:00+01:00, 2026-11-03T19:30:00+01:00, 2026-11-10T19:30:00+01:00" },
    { "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261110T192959",
      "2026-10-27T19:30:00+01:00, 2026-11-03T19:30:00+01:00" },
    /* an UNTIL before the start leaves nothing */
    { "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260101T000000Z", "" },
    { "RRULE:FREQ=DAILY;COUNT=2",
      "2026-10-27T19:30:00+01:00, 2026-10-28T19:30:00+01:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = expand_starts ("2026-10-27T19:30:00", cases[i].rrule, from, to);

      g_test_message ("rule: %s", cases[i].rrule);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_count_before_range (void)
{
  g_autoptr(GDateTime) from = berlin (2026, 11, 4, 0, 0);
  g_autoptr(GDateTime) to = berlin (2027, 1, 1, 0, 0);
  g_autofree char *text = NULL;

  /* COUNT counts from the start, not from the range */
  text = expand_starts ("2026-10-27T19:30:00", "FREQ=WEEKLY;BYDAY=TU;COUNT=3", from, to);
  g_assert_cmpstr (text, ==, "2026-11-10T19:30:00+01:00");
}

static void
test_interval (void)
{
  g_autoptr(GDateTime) from = berlin (2026, 10, 1, 0, 0);
  g_autoptr(GDateTime) to = berlin (2026, 11, 20, 0, 0);
  g_autofree char *weekly = NULL;
  g_autofree char *two_days = NULL;
  g_autofree char *monthly = NULL;
  g_autoptr(GDateTime) year_end = berlin (2027, 6, 1, 0, 0);

  weekly = expand_starts ("2026-10-06T19:30:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", from, to);
  g_assert_cmpstr (weekly, ==,
                   "2026-10-06T19:30:00+02:00, 2026-10-20T19:30:00+02:00, "
                   "2026-11-03T19:30:00+01:00, 2026-11-17T19:30:00+01:00");

  two_days = expand_starts ("2026-11-14T09:00:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU;WKST=MO", from, year_end);
  g_assert_true (g_str_has_prefix (two_days,
                                   "2026-11-14T09:00:00+01:00, 2026-11-15T09:00:00+01:00, "
                                   "2026-11-28T09:00:00+01:00, 2026-11-29T09:00:00+01:00, "));

  monthly = expand_starts ("2026-10-08T19:30:00", "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TH", from, year_end);
  g_assert_cmpstr (monthly, ==,
                   "2026-10-08T19:30:00+02:00, 2027-01-14T19:30:00+01:00, 2027-04-08T19:30:00+02:00");
}

static void
test_exceptions (void)
{
  const BvOccurrenceException exceptions[] = {
    { "2026-10-13T19:30:00", TRUE, NULL, 0 },                   /* cancelled */
    { "2026-10-20T19:30:00", FALSE, "2026-10-22T18:00:00", 60 }, /* to Thursday */
    { "2026-10-27T19:30", FALSE, "2026-12-01T10:00:00", 0 },     /* far ahead */
    { "2026-11-03T19:30:00", FALSE, NULL, 120 },                /* longer only */
    { "2026-10-14T19:30:00", TRUE, NULL, 0 },                   /* no such occurrence */
    { "2026-11-10T19:30:00", TRUE, NULL, 0 },
    { "2026-11-10T19:30:00", FALSE, "2026-11-10T20:00:00", 0 }, /* the later one wins */
  };
  g_autoptr(GDateTime) from = berlin (2026, 10, 1, 0, 0);
  g_autoptr(GDateTime) to = berlin (2026, 11, 15, 0, 0);
  g_autoptr(GDateTime) december = berlin (2026, 11, 25, 0, 0);
  g_autoptr(GDateTime) december_end = berlin (2026, 12, 5, 0, 0);
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  occurrences = bv_occurrences_expand ("2026-10-06T19:30:00", BERLIN, 90, "FREQ=WEEKLY;BYDAY=TU",
                                       exceptions, G_N_ELEMENTS (exceptions), from, to, 100, &error);
  g_assert_no_error (error);
  text = describe_all (occurrences);
  g_assert_cmpstr (text, ==,
                   "2026-10-06T19:30:00+02:00/2026-10-06T21:00:00+02:00/2026-10-06T19:30:00\n"
                   "2026-10-22T18:00:00+02:00/2026-10-22T19:00:00+02:00/2026-10-20T19:30:00/moved\n"
                   "2026-11-03T19:30:00+01:00/2026-11-03T21:30:00+01:00/2026-11-03T19:30:00/moved\n"
                   "2026-11-10T20:00:00+01:00/2026-11-10T21:30:00+01:00/2026-11-10T19:30:00/moved\n");

  /* The one moved far ahead turns up there, sorted before that day's
   * regular occurrence, although the walk met it long before. */
  g_clear_pointer (&occurrences, g_ptr_array_unref);
  occurrences = bv_occurrences_expand ("2026-10-06T19:30:00", BERLIN, 90, "FREQ=WEEKLY;BYDAY=TU",
                                       exceptions, G_N_ELEMENTS (exceptions), december, december_end,
                                       100, &error);
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = describe_all (occurrences);
  g_assert_cmpstr (text, ==,
                   "2026-12-01T10:00:00+01:00/2026-12-01T11:30:00+01:00/2026-10-27T19:30:00/moved\n"
                   "2026-12-01T19:30:00+01:00/2026-12-01T21:00:00+01:00/2026-12-01T19:30:00\n");

  /* and it counts against max_count in order of start */
  g_clear_pointer (&occurrences, g_ptr_array_unref);
  occurrences = bv_occurrences_expand ("2026-10-06T19:30:00", BERLIN, 90, "FREQ=WEEKLY;BYDAY=TU",
                                       exceptions, G_N_ELEMENTS (exceptions), december, NULL,
                                       1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (occurrences->len, ==, 1);
  g_assert_cmpstr (((BvOccurrence *) g_ptr_array_index (occurrences, 0))->recurrence_id, ==,
                   "2026-10-27T19:30:00");
}

static void
test_exception_moved_into_range (void)
{
  /* Moved from after the range into it: the walk goes on past to for it. */
  const BvOccurrenceException exceptions[] = {
    { "2027-06-01T19:30:00", FALSE, "2026-10-07T08:00:00", 30 },
  };
  g_autoptr(GDateTime) from = berlin (2026, 10, 7, 0, 0);
  g_autoptr(GDateTime) to = berlin (2026, 10, 8, 0, 0);
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  occurrences = bv_occurrences_expand ("2026-10-06T19:30:00", BERLIN, 90, "FREQ=WEEKLY;BYDAY=TU",
                                       exceptions, G_N_ELEMENTS (exceptions), from, to, 100, &error);
  g_assert_no_error (error);
  text = describe_all (occurrences);
  g_assert_cmpstr (text, ==,
                   "2026-10-07T08:00:00+02:00/2026-10-07T08:30:00+02:00/2027-06-01T19:30:00/moved\n");

  /* beyond COUNT, the same exception names no occurrence and is ignored */
  g_clear_pointer (&occurrences, g_ptr_array_unref);
  occurrences = bv_occurrences_expand ("2026-10-06T19:30:00", BERLIN, 90, "FREQ=WEEKLY;BYDAY=TU;COUNT=5",
                                       exceptions, G_N_ELEMENTS (exceptions), from, to, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (occurrences->len, ==, 0);
}

static void
test_range_edges (void)
{
  g_autoptr(GDateTime) running = berlin (2026, 10, 6, 20, 0);
  g_autoptr(GDateTime) at_end = berlin (2026, 10, 6, 21, 0);
  g_autoptr(GDateTime) at_start = berlin (2026, 10, 13, 19, 30);
  g_autoptr(GDateTime) later = berlin (2026, 10, 14, 0, 0);
  g_autofree char *overlapping = NULL;
  g_autofree char *ended = NULL;
  g_autofree char *half_open = NULL;

  /* the one running at from overlaps; one ending exactly at from does not;
   * one starting exactly at to does not */
  overlapping = expand_starts ("2026-10-06T19:30:00", "FREQ=WEEKLY;BYDAY=TU", running, later);
  g_assert_cmpstr (overlapping, ==, "2026-10-06T19:30:00+02:00, 2026-10-13T19:30:00+02:00");
  ended = expand_starts ("2026-10-06T19:30:00", "FREQ=WEEKLY;BYDAY=TU", at_end, later);
  g_assert_cmpstr (ended, ==, "2026-10-13T19:30:00+02:00");
  half_open = expand_starts ("2026-10-06T19:30:00", "FREQ=WEEKLY;BYDAY=TU", running, at_start);
  g_assert_cmpstr (half_open, ==, "2026-10-06T19:30:00+02:00");
}

static void
test_next (void)
{
  const BvOccurrenceException exceptions[] = {
    { "2026-10-20T19:30:00", TRUE, NULL, 0 },
  };
  static const struct {
    int day, hour, minute;
    const char *expected;
  } cases[] = {
    { 1, 12, 0, "2026-10-06T19:30:00+02:00" },   /* before the first */
    { 6, 19, 30, "2026-10-06T19:30:00+02:00" },  /* just started */
    { 6, 20, 59, "2026-10-06T19:30:00+02:00" },  /* still running */
    { 6, 21, 0, "2026-10-13T19:30:00+02:00" },   /* ended: the next one */
    { 13, 19, 0, "2026-10-13T19:30:00+02:00" },
    { 14, 0, 0, "2026-10-27T19:30:00+01:00" },   /* the 20th is cancelled */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = berlin (2026, 10, cases[i].day, cases[i].hour, cases[i].minute);
      g_autoptr(BvOccurrence) next = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *start = NULL;

      next = bv_occurrences_next ("2026-10-06T19:30:00", BERLIN, 90, "FREQ=WEEKLY;BYDAY=TU",
                                  exceptions, G_N_ELEMENTS (exceptions), now, &error);
      g_assert_no_error (error);
      g_assert_nonnull (next);
      start = format (next->start);
      g_test_message ("now: 2026-10-%02d %02d:%02d", cases[i].day, cases[i].hour, cases[i].minute);
      g_assert_cmpstr (start, ==, cases[i].expected);
    }
}

static void
test_next_ended_and_moved (void)
{
  const BvOccurrenceException moved[] = {
    { "2026-10-13T19:30:00", FALSE, "2026-10-08T10:00:00", 0 },
  };
  g_autoptr(GDateTime) now = berlin (2026, 10, 7, 12, 0);
  g_autoptr(GDateTime) much_later = berlin (2030, 1, 1, 0, 0);
  g_autoptr(BvOccurrence) next = NULL;
  g_autoptr(BvOccurrence) copy = NULL;
  g_autoptr(GError) error = NULL;

  /* a rule that has ended: none, and no error */
  next = bv_occurrences_next ("2026-10-06T19:30:00", BERLIN, 90, "FREQ=WEEKLY;BYDAY=TU;COUNT=4",
                              NULL, 0, much_later, &error);
  g_assert_no_error (error);
  g_assert_null (next);

  /* the next week's meeting moved to before the following Tuesday */
  next = bv_occurrences_next ("2026-10-06T19:30:00", BERLIN, 90, "FREQ=WEEKLY;BYDAY=TU",
                              moved, G_N_ELEMENTS (moved), now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (next);
  g_assert_cmpstr (next->recurrence_id, ==, "2026-10-13T19:30:00");
  g_assert_true (next->moved);
  g_assert_cmpint (g_date_time_get_day_of_month (next->start), ==, 8);

  copy = g_boxed_copy (BV_TYPE_OCCURRENCE, next);
  g_assert_true (g_date_time_equal (copy->start, next->start));
  g_assert_true (g_date_time_equal (copy->end, next->end));
  g_assert_cmpstr (copy->recurrence_id, ==, next->recurrence_id);
  g_assert_true (copy->moved);
}

static void
test_next_old_daily (void)
{
  g_autoptr(GDateTime) now = berlin (2026, 10, 6, 12, 0);
  g_autoptr(BvOccurrence) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *start = NULL;

  /* a daily rule from long ago still finds today's */
  next = bv_occurrences_next ("1950-01-01T18:00:00", BERLIN, 30, "FREQ=DAILY",
                              NULL, 0, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (next);
  start = format (next->start);
  g_assert_cmpstr (start, ==, "2026-10-06T18:00:00+02:00");
}

static void
test_single (void)
{
  g_autoptr(GDateTime) from = berlin (2026, 12, 1, 0, 0);
  g_autoptr(GDateTime) to = berlin (2026, 12, 2, 0, 0);
  g_autoptr(GDateTime) after = berlin (2026, 12, 2, 0, 0);
  g_autoptr(GDateTime) before = berlin (2026, 11, 1, 0, 0);
  const BvOccurrenceException cancelled[] = {
    { "2026-12-01T19:30:00", TRUE, NULL, 0 },
  };
  const char *rules[] = { NULL, "", "  " };

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(GPtrArray) occurrences = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(BvOccurrence) next = NULL;
      g_autofree char *text = NULL;

      occurrences = bv_occurrences_expand ("2026-12-01T19:30:00", BERLIN, 90, rules[i], NULL, 0,
                                           from, to, 10, &error);
      g_assert_no_error (error);
      text = describe_all (occurrences);
      g_assert_cmpstr (text, ==,
                       "2026-12-01T19:30:00+01:00/2026-12-01T21:00:00+01:00/2026-12-01T19:30:00\n");
      g_clear_pointer (&occurrences, g_ptr_array_unref);

      occurrences = bv_occurrences_expand ("2026-12-01T19:30:00", BERLIN, 90, rules[i], NULL, 0,
                                           after, NULL, 10, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (occurrences->len, ==, 0);
      g_clear_pointer (&occurrences, g_ptr_array_unref);

      occurrences = bv_occurrences_expand ("2026-12-01T19:30:00", BERLIN, 90, rules[i],
                                           cancelled, G_N_ELEMENTS (cancelled), NULL, NULL, 10, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (occurrences->len, ==, 0);

      next = bv_occurrences_next ("2026-12-01T19:30:00", BERLIN, 90, rules[i], NULL, 0, before, &error);
      g_assert_no_error (error);
      g_assert_nonnull (next);
      g_assert_false (next->moved);
      g_clear_pointer (&next, bv_occurrence_free);

      next = bv_occurrences_next ("2026-12-01T19:30:00", BERLIN, 90, rules[i], NULL, 0, after, &error);
      g_assert_no_error (error);
      g_assert_null (next);
    }
}

static void
test_other_zones (void)
{
  g_autoptr(GDateTime) from = g_date_time_new_utc (2026, 3, 1, 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_new_utc (2026, 3, 20, 0, 0, 0);
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* New York changes two weeks before Europe */
  occurrences = bv_occurrences_expand ("2026-03-02T09:00:00", "America/New_York", 30,
                                       "FREQ=WEEKLY;BYDAY=MO", NULL, 0, from, to, 10, &error);
  g_assert_no_error (error);
  text = starts (occurrences);
  g_assert_cmpstr (text, ==,
                   "2026-03-02T09:00:00-05:00, 2026-03-09T09:00:00-04:00, 2026-03-16T09:00:00-04:00");
  g_clear_pointer (&occurrences, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);

  occurrences = bv_occurrences_expand ("2026-03-02T09:00:00", "UTC", 30,
                                       "FREQ=WEEKLY;BYDAY=MO", NULL, 0, from, to, 10, &error);
  g_assert_no_error (error);
  text = starts (occurrences);
  g_assert_cmpstr (text, ==,
                   "2026-03-02T09:00:00+00:00, 2026-03-09T09:00:00+00:00, 2026-03-16T09:00:00+00:00");
}

static void
test_errors (void)
{
  static const struct {
    const char *start_local;
    const char *tzid;
    const char *rrule;
    int code;
  } cases[] = {
    { "2026-10-06T19:30:00", "Mars/Olympus_Mons", NULL, BV_OCCURRENCES_ERROR_UNKNOWN_TIME_ZONE },
    { "2026-10-06T19:30:00", "", NULL, BV_OCCURRENCES_ERROR_UNKNOWN_TIME_ZONE },
    { "2026-10-06T19:30:00", "/etc/localtime", NULL, BV_OCCURRENCES_ERROR_UNKNOWN_TIME_ZONE },
    { "2026-10-06T19:30:00", "../../etc/localtime", NULL, BV_OCCURRENCES_ERROR_UNKNOWN_TIME_ZONE },
    { "2026-02-30T19:30:00", BERLIN, NULL, BV_OCCURRENCES_ERROR_INVALID_START },
    { "2026-10-06T25:00:00", BERLIN, NULL, BV_OCCURRENCES_ERROR_INVALID_START },
    { "2026-10-06", BERLIN, NULL, BV_OCCURRENCES_ERROR_INVALID_START },
    { "next Tuesday", BERLIN, NULL, BV_OCCURRENCES_ERROR_INVALID_START },
    { "2026-10-06T19:30:00+02:00", BERLIN, NULL, BV_OCCURRENCES_ERROR_INVALID_START },
    { "9999-10-06T19:30:00", BERLIN, NULL, BV_OCCURRENCES_ERROR_INVALID_START },
    { "", BERLIN, NULL, BV_OCCURRENCES_ERROR_INVALID_START },
    { "2026-10-06T19:30:00", BERLIN, "every Tuesday", BV_OCCURRENCES_ERROR_INVALID_RULE },
    { "2026-10-06T19:30:00", BERLIN, "FREQ=HOURLY", BV_OCCURRENCES_ERROR_UNSUPPORTED_RULE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) next_error = NULL;
      g_autoptr(GPtrArray) occurrences = NULL;
      g_autoptr(BvOccurrence) next = NULL;
      g_autoptr(GDateTime) now = berlin (2026, 10, 1, 0, 0);

      g_test_message ("case %u: %s %s %s", i, cases[i].start_local, cases[i].tzid, cases[i].rrule);
      occurrences = bv_occurrences_expand (cases[i].start_local, cases[i].tzid, 60, cases[i].rrule,
                                           NULL, 0, NULL, NULL, 10, &error);
      g_assert_null (occurrences);
      g_assert_error (error, BV_OCCURRENCES_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "Please"));

      next = bv_occurrences_next (cases[i].start_local, cases[i].tzid, 60, cases[i].rrule,
                                  NULL, 0, now, &next_error);
      g_assert_null (next);
      g_assert_error (next_error, BV_OCCURRENCES_ERROR, cases[i].code);
    }
}

static void
test_exception_errors (void)
{
  const BvOccurrenceException bad_id[] = { { "yesterday", TRUE, NULL, 0 } };
  const BvOccurrenceException bad_new[] = { { "2026-10-13T19:30:00", FALSE, "2026-13-01T10:00:00", 0 } };
  /* a cancelled one's new start is not read */
  const BvOccurrenceException ignored_new[] = { { "2026-10-13T19:30:00", TRUE, "garbage", 0 } };
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GError) error = NULL;

  occurrences = bv_occurrences_expand ("2026-10-06T19:30:00", BERLIN, 60, "FREQ=WEEKLY",
                                       bad_id, 1, NULL, NULL, 10, &error);
  g_assert_null (occurrences);
  g_assert_error (error, BV_OCCURRENCES_ERROR, BV_OCCURRENCES_ERROR_INVALID_EXCEPTION);
  g_clear_error (&error);

  occurrences = bv_occurrences_expand ("2026-10-06T19:30:00", BERLIN, 60, "FREQ=WEEKLY",
                                       bad_new, 1, NULL, NULL, 10, &error);
  g_assert_null (occurrences);
  g_assert_error (error, BV_OCCURRENCES_ERROR, BV_OCCURRENCES_ERROR_INVALID_EXCEPTION);
  g_clear_error (&error);

  occurrences = bv_occurrences_expand ("2026-10-06T19:30:00", BERLIN, 60, "FREQ=WEEKLY",
                                       ignored_new, 1, NULL, NULL, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (occurrences->len, ==, 3);
  g_assert_cmpstr (((BvOccurrence *) g_ptr_array_index (occurrences, 1))->recurrence_id, ==,
                   "2026-10-20T19:30:00");
}

static void
test_validate (void)
{
  static const char * const valid[] = {
    "", "  ", "FREQ=WEEKLY;BYDAY=TU", "RRULE:FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
    "FREQ=MONTHLY;BYDAY=1MO", "FREQ=MONTHLY;BYDAY=-1SU", "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1", "FREQ=DAILY;COUNT=10", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "FREQ=WEEKLY;UNTIL=20261231T225959Z", "FREQ=WEEKLY;UNTIL=20261231",
    "FREQ=WEEKLY;BYDAY=TU;BYHOUR=19;BYMINUTE=30",
  };
  static const struct {
    const char *rrule;
    int code;
  } invalid[] = {
    { "garbage", BV_OCCURRENCES_ERROR_INVALID_RULE },
    { "FREQ=FORTNIGHTLY", BV_OCCURRENCES_ERROR_INVALID_RULE },
    { "FREQ=WEEKLY;BYDAY=XX", BV_OCCURRENCES_ERROR_INVALID_RULE },
    { "FREQ=WEEKLY;INTERVAL=0", BV_OCCURRENCES_ERROR_INVALID_RULE },
    { "FREQ=WEEKLY;COUNT=0", BV_OCCURRENCES_ERROR_INVALID_RULE },
    { "FREQ=WEEKLY;UNTIL=soon", BV_OCCURRENCES_ERROR_INVALID_RULE },
    { "FREQ=MONTHLY;BYMONTHDAY=40", BV_OCCURRENCES_ERROR_INVALID_RULE },
    { "FREQ=WEEKLY;COUNT=3;UNTIL=20261231T000000Z", BV_OCCURRENCES_ERROR_INVALID_RULE },
    { "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", BV_OCCURRENCES_ERROR_INVALID_RULE },
    { "FREQ=MONTHLY;BYDAY=6MO", BV_OCCURRENCES_ERROR_INVALID_RULE },
    { "FREQ=SECONDLY", BV_OCCURRENCES_ERROR_UNSUPPORTED_RULE },
    { "FREQ=MINUTELY", BV_OCCURRENCES_ERROR_UNSUPPORTED_RULE },
    { "FREQ=HOURLY;INTERVAL=24", BV_OCCURRENCES_ERROR_UNSUPPORTED_RULE },
    { "FREQ=DAILY;BYHOUR=9,17", BV_OCCURRENCES_ERROR_UNSUPPORTED_RULE },
    { "FREQ=WEEKLY;BYDAY=1MO", BV_OCCURRENCES_ERROR_UNSUPPORTED_RULE },
  };

  g_assert_true (bv_occurrences_validate_rrule (NULL, NULL));
  /* other calendars are refused, whether or not libical reads them */
  g_assert_false (bv_occurrences_validate_rrule ("RSCALE=HEBREW;FREQ=YEARLY", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("valid: %s", valid[i]);
      g_assert_true (bv_occurrences_validate_rrule (valid[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("invalid: %s", invalid[i].rrule);
      g_assert_false (bv_occurrences_validate_rrule (invalid[i].rrule, &error));
      g_assert_error (error, BV_OCCURRENCES_ERROR, invalid[i].code);
      /* sentences for people, without the rule's jargon */
      g_assert_nonnull (strstr (error->message, "Please"));
      g_assert_null (strstr (error->message, "FREQ"));
      g_assert_null (strstr (error->message, "RRULE"));
    }
}

static void
test_cap (void)
{
  g_autoptr(GDateTime) from = berlin (2026, 10, 1, 0, 0);
  g_autoptr(GDateTime) ten_years = berlin (2036, 10, 1, 0, 0);
  g_autoptr(GPtrArray) endless = NULL;
  g_autoptr(GPtrArray) bounded = NULL;
  g_autoptr(GPtrArray) everything = NULL;
  g_autoptr(GDateTime) far = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 begin;

  /* an endless rule without to stops at max_count, the earliest first */
  endless = bv_occurrences_expand ("2026-10-06T19:30:00", BERLIN, 60, "FREQ=DAILY", NULL, 0,
                                   from, NULL, 3, &error);
  g_assert_no_error (error);
  text = starts (endless);
  g_assert_cmpstr (text, ==,
                   "2026-10-06T19:30:00+02:00, 2026-10-07T19:30:00+02:00, 2026-10-08T19:30:00+02:00");

  bounded = bv_occurrences_expand ("2026-10-06T19:30:00", BERLIN, 60, "FREQ=DAILY", NULL, 0,
                                   from, ten_years, 500, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bounded->len, ==, 500);

  /* A daily rule from 1900 asked about a time after libical's last year
   * (2582) walks all the way and ends instead of hanging. */
  begin = g_get_monotonic_time ();
  far = g_date_time_new_utc (2600, 1, 1, 0, 0, 0);
  everything = bv_occurrences_expand ("1900-01-01T08:00:00", BERLIN, 60, "FREQ=DAILY", NULL, 0,
                                      far, NULL, G_MAXUINT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (everything->len, ==, 0);
  g_test_message ("a walk from 1900 to 2582: %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - begin) / 1000);
}

static void
test_describe (void)
{
  static const struct {
    const char *rrule;
    const char *start_local;
    const char *expected;
  } cases[] = {
    { "FREQ=WEEKLY;BYDAY=TU", "2026-10-06T19:30:00", "every Tuesday, 19:30" },
    { "RRULE:FREQ=WEEKLY", "2026-10-06T19:30:00", "every Tuesday, 19:30" },
    { "FREQ=WEEKLY;BYDAY=TH,TU", "2026-10-06T19:30:00", "every Tuesday and Thursday, 19:30" },
    { "FREQ=WEEKLY;BYDAY=SU,MO,WE,FR", "2026-10-05T08:00", "every Monday, Wednesday, Friday and Sunday, 08:00" },
    { "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2026-10-05T07:15:00", "every weekday, 07:15" },
    { "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "2026-10-05T07:15:00", "every weekday, 07:15" },
    { "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "2026-10-06T19:30:00", "every 2 weeks on Tuesday, 19:30" },
    { "FREQ=WEEKLY;INTERVAL=3;BYDAY=SA,SU", "2026-10-10T10:00:00", "every 3 weeks on Saturday and Sunday, 10:00" },
    { "FREQ=DAILY", "2026-10-06T19:30:00", "every day, 19:30" },
    { "FREQ=DAILY;INTERVAL=3", "2026-10-06T19:30:00", "every 3 days, 19:30" },
    { "FREQ=MONTHLY;BYDAY=1MO", "2026-10-05T19:00:00", "every first Monday of the month, 19:00" },
    { "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1", "2026-10-05T19:00:00", "every first Monday of the month, 19:00" },
    { "FREQ=MONTHLY;BYDAY=-1SU", "2026-09-27T10:00:00", "every last Sunday of the month, 10:00" },
    { "FREQ=MONTHLY;BYDAY=1MO,3MO", "2026-10-05T19:00:00",
      "every first Monday and third Monday of the month, 19:00" },
    { "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TH", "2026-10-08T19:30:00",
      "every 3 months on the second Thursday, 19:30" },
    { "FREQ=MONTHLY;BYMONTHDAY=15", "2026-10-15T19:30:00", "every month on day 15, 19:30" },
    { "FREQ=MONTHLY", "2026-10-06T19:30:00", "every month on day 6, 19:30" },
    { "FREQ=MONTHLY;BYMONTHDAY=1,15", "2026-10-01T19:30:00", "every month on days 1 and 15, 19:30" },
    { "FREQ=MONTHLY;BYMONTHDAY=-1", "2026-10-31T19:30:00", "every month on the last day, 19:30" },
    { "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-1", "2026-10-31T19:30:00", "every 2 months on the last day, 19:30" },
    { "FREQ=MONTHLY;INTERVAL=6", "2026-10-06T19:30:00", "every 6 months on day 6, 19:30" },
    { "FREQ=YEARLY", "2026-10-06T19:30:00", "every year on 6 October, 19:30" },
    { "FREQ=YEARLY;INTERVAL=2", "2026-10-06T19:30:00", "every 2 years on 6 October, 19:30" },
    { "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "2027-03-28T10:00:00", "every year on the last Sunday of March, 10:00" },
    { "FREQ=WEEKLY;BYDAY=TU;COUNT=10", "2026-10-06T19:30:00", "every Tuesday, 19:30, 10 times" },
    { "FREQ=WEEKLY;BYDAY=TU;COUNT=1", "2026-10-06T19:30:00", "every Tuesday, 19:30, 1 time" },
    { "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215T225959Z", "2026-10-06T19:30:00",
      "every Tuesday, 19:30, until 15 December 2026" },
    { "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215", "2026-10-06T19:30:00",
      "every Tuesday, 19:30, until 15 December 2026" },
    { "FREQ=MONTHLY;BYDAY=1MO;UNTIL=20270701T000000", "2026-10-05T19:00:00",
      "every first Monday of the month, 19:00, until 1 July 2027" },
    { "FREQ=YEARLY;BYWEEKNO=20", "2026-05-11T19:30:00", "repeating on a custom schedule, 19:30" },
    { "FREQ=MONTHLY;BYDAY=-2FR", "2026-10-23T19:30:00", "repeating on a custom schedule, 19:30" },
    { "FREQ=MONTHLY;BYDAY=TU", "2026-10-06T19:30:00", "repeating on a custom schedule, 19:30" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = bv_repetition_text_describe (cases[i].rrule, cases[i].start_local);

      g_test_message ("rule: %s", cases[i].rrule);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  /* nothing to describe */
  g_assert_null (bv_repetition_text_describe (NULL, "2026-10-06T19:30:00"));
  g_assert_null (bv_repetition_text_describe ("", "2026-10-06T19:30:00"));
  g_assert_null (bv_repetition_text_describe ("garbage", "2026-10-06T19:30:00"));
  g_assert_null (bv_repetition_text_describe ("FREQ=HOURLY", "2026-10-06T19:30:00"));
  g_assert_null (bv_repetition_text_describe ("FREQ=WEEKLY", "someday"));
}

static void
test_describe_until_in_zone (void)
{
  /* 23:00 UTC on the 15th is already the 16th in Berlin */
  const char *rrule = "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215T230000Z";
  g_autofree char *utc = bv_repetition_text_describe (rrule, "2026-10-06T19:30:00");
  g_autofree char *local = bv_repetition_text_describe_in_zone (rrule, "2026-10-06T19:30:00", BERLIN);
  g_autofree char *unknown = bv_repetition_text_describe_in_zone (rrule, "2026-10-06T19:30:00", "Nowhere/Nothing");

  g_assert_cmpstr (utc, ==, "every Tuesday, 19:30, until 15 December 2026");
  g_assert_cmpstr (local, ==, "every Tuesday, 19:30, until 16 December 2026");
  g_assert_cmpstr (unknown, ==, utc);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/occurrences/dst/spring", test_dst_spring);
  g_test_add_func ("/core/occurrences/dst/autumn", test_dst_autumn);
  g_test_add_func ("/core/occurrences/dst/whole-years", test_dst_whole_years);
  g_test_add_func ("/core/occurrences/dst/gap", test_dst_gap);
  g_test_add_func ("/core/occurrences/dst/overlap", test_dst_overlap);
  g_test_add_func ("/core/occurrences/monthly/first-monday", test_monthly_first_monday);
  g_test_add_func ("/core/occurrences/monthly/last-sunday", test_monthly_last_sunday);
  g_test_add_func ("/core/occurrences/monthly/day-31", test_monthly_day_31);
  g_test_add_func ("/core/occurrences/count-and-until", test_count_and_until);
  g_test_add_func ("/core/occurrences/count-before-range", test_count_before_range);
  g_test_add_func ("/core/occurrences/interval", test_interval);
  g_test_add_func ("/core/occurrences/exceptions", test_exceptions);
  g_test_add_func ("/core/occurrences/exception-moved-into-range", test_exception_moved_into_range);
  g_test_add_func ("/core/occurrences/range-edges", test_range_edges);
  g_test_add_func ("/core/occurrences/next", test_next);
  g_test_add_func ("/core/occurrences/next-ended-and-moved", test_next_ended_and_moved);
  g_test_add_func ("/core/occurrences/next-old-daily", test_next_old_daily);
  g_test_add_func ("/core/occurrences/single", test_single);
  g_test_add_func ("/core/occurrences/other-zones", test_other_zones);
  g_test_add_func ("/core/occurrences/errors", test_errors);
  g_test_add_func ("/core/occurrences/exception-errors", test_exception_errors);
  g_test_add_func ("/core/occurrences/validate", test_validate);
  g_test_add_func ("/core/occurrences/cap", test_cap);
  g_test_add_func ("/core/occurrences/describe", test_describe);
  g_test_add_func ("/core/occurrences/describe-until-in-zone", test_describe_until_in_zone);

  return g_test_run ();
}
