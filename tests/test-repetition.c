/* test-repetition.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "bv-repetition.h"
#include "bv-repetition-text.h"

#define BERLIN "Europe/Berlin"

#define MO (1u << 0)
#define TU (1u << 1)
#define TH (1u << 3)

static GDate
day (guint d,
     guint m,
     guint y)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return date;
}

static BvRepetition
repetition (BvRepetitionKind kind,
            guint            weekdays,
            BvRepetitionEnd  end,
            guint            count_or_until_day)
{
  BvRepetition r = { kind, weekdays, end, { 0 }, 0 };

  g_date_clear (&r.until, 1);
  if (end == BV_REPETITION_END_COUNT)
    r.count = count_or_until_day;
  else if (end == BV_REPETITION_END_UNTIL)
    r.until = day (count_or_until_day, 3, 2027);
  return r;
}

static void
assert_same (const BvRepetition *a,
             const BvRepetition *b)
{
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpuint (a->weekdays, ==, b->weekdays);
  g_assert_cmpint (a->end, ==, b->end);
  if (a->end == BV_REPETITION_END_UNTIL)
    g_assert_cmpint (g_date_compare (&a->until, &b->until), ==, 0);
  if (a->end == BV_REPETITION_END_COUNT)
    g_assert_cmpuint (a->count, ==, b->count);
}

/* Every choice the form offers, built and read back, on a Tuesday. */
static void
test_round_trip (void)
{
  GDate start = day (12, 1, 2027);   /* the second Tuesday */
  GDate last = day (26, 1, 2027);    /* the fourth and last Tuesday */
  static const struct {
    BvRepetitionKind kind;
    guint weekdays;
    BvRepetitionEnd end;
    guint value;
    gboolean on_last;
    const char *rrule;
  } cases[] = {
    { BV_REPETITION_WEEKLY, TU, BV_REPETITION_END_NEVER, 0, FALSE, "FREQ=WEEKLY;BYDAY=TU" },
    { BV_REPETITION_WEEKLY, TU | TH, BV_REPETITION_END_COUNT, 5, FALSE, "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=5" },
    { BV_REPETITION_WEEKLY, MO | TH, BV_REPETITION_END_UNTIL, 31, FALSE,
      "FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20270331T215959Z" },
    { BV_REPETITION_BIWEEKLY, TU | TH, BV_REPETITION_END_COUNT, 5, FALSE,
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=5" },
    { BV_REPETITION_BIWEEKLY, TU, BV_REPETITION_END_NEVER, 0, FALSE, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU" },
    { BV_REPETITION_MONTHLY_DAY, TU, BV_REPETITION_END_NEVER, 0, FALSE, "FREQ=MONTHLY;BYMONTHDAY=12" },
    { BV_REPETITION_MONTHLY_DAY, TU, BV_REPETITION_END_COUNT, 999, FALSE,
      "FREQ=MONTHLY;BYMONTHDAY=12;COUNT=999" },
    { BV_REPETITION_MONTHLY_WEEKDAY, TU, BV_REPETITION_END_NEVER, 0, FALSE, "FREQ=MONTHLY;BYDAY=2TU" },
    { BV_REPETITION_MONTHLY_WEEKDAY, TU, BV_REPETITION_END_UNTIL, 1, FALSE,
      "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20270301T225959Z" },
    { BV_REPETITION_MONTHLY_WEEKDAY, TU, BV_REPETITION_END_NEVER, 0, TRUE, "FREQ=MONTHLY;BYDAY=4TU" },
    { BV_REPETITION_MONTHLY_LAST, TU, BV_REPETITION_END_COUNT, 1, TRUE, "FREQ=MONTHLY;BYDAY=-1TU;COUNT=1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      BvRepetition built = repetition (cases[i].kind, cases[i].weekdays, cases[i].end, cases[i].value);
      const GDate *on = cases[i].on_last ? &last : &start;
      g_autofree char *rrule = bv_repetition_to_rrule (&built, on, BERLIN);
      BvRepetition read;

      g_test_message ("%s", cases[i].rrule);
      g_assert_cmpstr (rrule, ==, cases[i].rrule);
      bv_repetition_from_rrule (&read, rrule, on, BERLIN);
      assert_same (&read, &built);
    }
}

static void
test_none (void)
{
  GDate start = day (12, 1, 2027);
  BvRepetition none = repetition (BV_REPETITION_NONE, TU, BV_REPETITION_END_COUNT, 4);
  BvRepetition read;

  g_assert_null (bv_repetition_to_rrule (&none, &start, BERLIN));
  bv_repetition_from_rrule (&read, NULL, &start, BERLIN);
  g_assert_cmpint (read.kind, ==, BV_REPETITION_NONE);
  g_assert_cmpint (read.end, ==, BV_REPETITION_END_NEVER);
  /* Choosing "Weekly" later starts from the start's day. */
  g_assert_cmpuint (read.weekdays, ==, TU);
}

/* The fifth Tuesday is written as the last: not every month has one. */
static void
test_fifth_weekday (void)
{
  GDate fifth = day (30, 3, 2027);
  BvRepetition same = repetition (BV_REPETITION_MONTHLY_WEEKDAY, TU, BV_REPETITION_END_NEVER, 0);
  g_autofree char *rrule = bv_repetition_to_rrule (&same, &fifth, BERLIN);
  BvRepetition read;

  g_assert_cmpstr (rrule, ==, "FREQ=MONTHLY;BYDAY=-1TU");
  bv_repetition_from_rrule (&read, rrule, &fifth, BERLIN);
  g_assert_cmpint (read.kind, ==, BV_REPETITION_MONTHLY_WEEKDAY);

  g_assert_false (bv_repetition_can_be_last (&fifth));
}

static void
test_can_be_last (void)
{
  GDate last = day (26, 1, 2027);
  GDate second = day (12, 1, 2027);
  GDate invalid;

  g_date_clear (&invalid, 1);
  g_assert_true (bv_repetition_can_be_last (&last));
  g_assert_false (bv_repetition_can_be_last (&second));
  g_assert_false (bv_repetition_can_be_last (&invalid));
}

/* The form reads rules it did not write, in the spellings RFC 5545 allows. */
static void
test_read_other_spellings (void)
{
  GDate start = day (12, 1, 2027);
  BvRepetition read;

  bv_repetition_from_rrule (&read, "FREQ=WEEKLY", &start, BERLIN);
  g_assert_cmpint (read.kind, ==, BV_REPETITION_WEEKLY);
  g_assert_cmpuint (read.weekdays, ==, TU);

  bv_repetition_from_rrule (&read, "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU", &start, BERLIN);
  g_assert_cmpint (read.kind, ==, BV_REPETITION_WEEKLY);
  g_assert_cmpuint (read.weekdays, ==, MO | TU);

  bv_repetition_from_rrule (&read, "FREQ=MONTHLY", &start, BERLIN);
  g_assert_cmpint (read.kind, ==, BV_REPETITION_MONTHLY_DAY);

  /* A date or a local time as UNTIL is the day itself. */
  bv_repetition_from_rrule (&read, "FREQ=WEEKLY;UNTIL=20270105", &start, BERLIN);
  g_assert_cmpint (read.end, ==, BV_REPETITION_END_UNTIL);
  g_assert_cmpuint (g_date_get_day (&read.until), ==, 5);
  bv_repetition_from_rrule (&read, "FREQ=WEEKLY;UNTIL=20270105T235959", &start, BERLIN);
  g_assert_cmpuint (g_date_get_day (&read.until), ==, 5);
  /* In UTC it is the day in the meeting's zone: 23:30 UTC is the next day in Berlin. */
  bv_repetition_from_rrule (&read, "FREQ=WEEKLY;UNTIL=20270105T233000Z", &start, BERLIN);
  g_assert_cmpuint (g_date_get_day (&read.until), ==, 6);
  bv_repetition_from_rrule (&read, "FREQ=WEEKLY;UNTIL=20270105T233000Z", &start, "UTC");
  g_assert_cmpuint (g_date_get_day (&read.until), ==, 5);
}

/* What the form cannot show stays a custom rule, kept by the caller. */
static void
test_custom (void)
{
  GDate start = day (12, 1, 2027);
  GDate invalid;
  static const char * const rules[] = {
    "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=3",
    "FREQ=DAILY",
    "FREQ=WEEKLY;INTERVAL=3",
    "FREQ=WEEKLY;WKST=SU;BYDAY=TU",
    "FREQ=WEEKLY;BYDAY=2TU",
    "FREQ=WEEKLY;BYMONTHDAY=12",
    "FREQ=WEEKLY;BYDAY=TU;BYDAY=TH",
    "FREQ=WEEKLY;BYDAY=TU;",
    "FREQ=WEEKLY;COUNT=0",
    "FREQ=WEEKLY;COUNT=1000",
    "FREQ=WEEKLY;COUNT=3;UNTIL=20270105",
    "FREQ=MONTHLY;INTERVAL=2",
    "FREQ=MONTHLY;BYMONTHDAY=13",
    "FREQ=MONTHLY;BYMONTHDAY=12,13",
    "FREQ=MONTHLY;BYDAY=3TU",
    "FREQ=MONTHLY;BYDAY=2WE",
    "FREQ=MONTHLY;BYDAY=-1TU",          /* the 12th is not the last Tuesday */
    "FREQ=MONTHLY;BYDAY=2TU,4TU",
    "FREQ=MONTHLY;BYDAY=2TU;BYMONTHDAY=12",
    "FREQ=MONTHLY;BYSETPOS=2;BYDAY=TU",
    "INTERVAL=2",
    "not a rule",
  };

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      BvRepetition read;

      g_test_message ("%s", rules[i]);
      bv_repetition_from_rrule (&read, rules[i], &start, BERLIN);
      g_assert_cmpint (read.kind, ==, BV_REPETITION_CUSTOM);
      g_assert_cmpint (read.end, ==, BV_REPETITION_END_NEVER);
      g_assert_cmpuint (read.weekdays, ==, TU);
    }

  /* Without a start date nothing can be compared with it. */
  {
    BvRepetition read;

    g_date_clear (&invalid, 1);
    bv_repetition_from_rrule (&read, "FREQ=WEEKLY;BYDAY=TU", &invalid, BERLIN);
    g_assert_cmpint (read.kind, ==, BV_REPETITION_CUSTOM);
  }
}

/* The choices say what they mean for the chosen day, never "the same
 * weekday": what the secretary read cut off as "Monatlich am selben T…". */
static void
test_option_labels (void)
{
  GDate first_monday = day (4, 1, 2027);
  GDate seventh = day (7, 1, 2027);
  GDate fourth_thursday = day (28, 1, 2027);    /* also the last one */
  GDate fifth_friday = day (29, 1, 2027);
  GDate invalid;
  struct {
    BvRepetitionKind  kind;
    GDate            *start;
    const char       *label;
  } cases[] = {
    { BV_REPETITION_NONE, &first_monday, "Does not repeat" },
    { BV_REPETITION_WEEKLY, &first_monday, "Weekly" },
    { BV_REPETITION_BIWEEKLY, &first_monday, "Every two weeks" },
    { BV_REPETITION_MONTHLY_DAY, &first_monday, "Monthly on day 4" },
    { BV_REPETITION_MONTHLY_DAY, &seventh, "Monthly on day 7" },
    { BV_REPETITION_MONTHLY_WEEKDAY, &first_monday, "Monthly on the first Monday" },
    { BV_REPETITION_MONTHLY_WEEKDAY, &seventh, "Monthly on the first Thursday" },
    { BV_REPETITION_MONTHLY_WEEKDAY, &fourth_thursday, "Monthly on the fourth Thursday" },
    { BV_REPETITION_MONTHLY_LAST, &fourth_thursday, "Monthly on the last Thursday" },
    /* a fifth weekday is taken as the last one, as the form builds it */
    { BV_REPETITION_MONTHLY_WEEKDAY, &fifth_friday, "Monthly on the last Friday" },
    { BV_REPETITION_MONTHLY_WEEKDAY, &invalid, "Monthly on the same weekday" },
    { BV_REPETITION_MONTHLY_DAY, &invalid, "Monthly on the same day" },
  };

  g_date_clear (&invalid, 1);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = bv_repetition_text_option_label (cases[i].kind, cases[i].start);

      g_assert_cmpstr (label, ==, cases[i].label);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/repetition/round-trip", test_round_trip);
  g_test_add_func ("/core/repetition/none", test_none);
  g_test_add_func ("/core/repetition/fifth-weekday", test_fifth_weekday);
  g_test_add_func ("/core/repetition/can-be-last", test_can_be_last);
  g_test_add_func ("/core/repetition/read-other-spellings", test_read_other_spellings);
  g_test_add_func ("/core/repetition/custom", test_custom);
  g_test_add_func ("/core/repetition/option-labels", test_option_labels);

  return g_test_run ();
}
