/* test-date-input.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "bv-date-input.h"

static char *
read_date (const char *text)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  if (!bv_date_input_parse_date (text, &date, &error))
    {
      g_assert_error (error, BV_DATE_INPUT_ERROR, BV_DATE_INPUT_ERROR_INVALID);
      return NULL;
    }
  g_assert_no_error (error);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

static void
test_dates (void)
{
  static const struct { const char *text; const char *expected; } cases[] = {
    { "7.1.2027", "2027-01-07" },
    { "07.01.27", "2027-01-07" },
    { "07.01.2027", "2027-01-07" },
    { " 5.1.2027 ", "2027-01-05" },
    { "2027-01-05", "2027-01-05" },
    { "2027-1-5", "2027-01-05" },
    { "29.02.2028", "2028-02-29" },
    { "31.12.99", "2099-12-31" },
    { "01.01.1900", "1900-01-01" },
    { "29.02.2027", NULL },
    { "31.04.2027", NULL },
    { "0.1.2027", NULL },
    { "1.13.2027", NULL },
    { "1.1.027", NULL },
    { "1.1.02027", NULL },
    { "001.1.2027", NULL },
    { "31.12.1899", NULL },
    { "1.1", NULL },
    { "1.1.2027.", NULL },
    { "1/1/2027", NULL },
    { "a.1.2027", NULL },
    { "+1.1.2027", NULL },
    { "27-01-05", NULL },
    { "2027-01-05-1", NULL },
    { "morgen", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = read_date (cases[i].text);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static char *
read_time (const char *text)
{
  g_autoptr(GError) error = NULL;
  guint hour = 99, minute = 99;

  if (!bv_date_input_parse_time (text, &hour, &minute, &error))
    {
      g_assert_error (error, BV_DATE_INPUT_ERROR, BV_DATE_INPUT_ERROR_INVALID);
      return NULL;
    }
  g_assert_no_error (error);
  return g_strdup_printf ("%02u:%02u", hour, minute);
}

static void
test_times (void)
{
  static const struct { const char *text; const char *expected; } cases[] = {
    { "19:30", "19:30" },
    { "19.30", "19:30" },
    { "1930", "19:30" },
    { "930", "09:30" },
    { "9:05", "09:05" },
    { "19", "19:00" },
    { "7", "07:00" },
    { " 0:00 ", "00:00" },
    { "23:59", "23:59" },
    { "24:00", NULL },
    { "19:60", NULL },
    { "19:3", NULL },
    { "19:300", NULL },
    { "119:30", NULL },
    { ":30", NULL },
    { "19:", NULL },
    { "19,30", NULL },
    { "12345", NULL },
    { "2400", NULL },
    { "1960", NULL },
    { "abends", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = read_time (cases[i].text);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  GDate date;
  guint hour, minute;

  g_assert_false (bv_date_input_parse_date ("  ", &date, &error));
  g_assert_error (error, BV_DATE_INPUT_ERROR, BV_DATE_INPUT_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "Enter the date of the meeting, like 05.01.2027.");
  g_clear_error (&error);

  g_assert_false (bv_date_input_parse_date (NULL, &date, &error));
  g_assert_error (error, BV_DATE_INPUT_ERROR, BV_DATE_INPUT_ERROR_EMPTY);
  g_clear_error (&error);

  /* The message quotes what was typed, without the blanks around it. */
  g_assert_false (bv_date_input_parse_date (" 32.1.2027 ", &date, &error));
  g_assert_cmpstr (error->message, ==, "“32.1.2027” is not a date the app can read. Enter it like 05.01.2027.");
  g_clear_error (&error);

  g_assert_false (bv_date_input_parse_time ("", &hour, &minute, &error));
  g_assert_error (error, BV_DATE_INPUT_ERROR, BV_DATE_INPUT_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "Enter the start time, like 19:30.");
  g_clear_error (&error);

  /* Not the half-cut text the parser worked on. */
  g_assert_false (bv_date_input_parse_time (" 25:30", &hour, &minute, &error));
  g_assert_error (error, BV_DATE_INPUT_ERROR, BV_DATE_INPUT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“25:30” is not a time the app can read. Enter it like 19:30.");
}

static void
test_tidy (void)
{
  g_autofree char *date = bv_date_input_tidy_date ("7.1.27");
  g_autofree char *iso = bv_date_input_tidy_date ("2027-1-7");
  g_autofree char *time = bv_date_input_tidy_time ("930");
  g_autofree char *bad_date = bv_date_input_tidy_date ("7.1.");
  g_autofree char *bad_time = bv_date_input_tidy_time ("9:3");

  g_assert_cmpstr (date, ==, "07.01.2027");
  g_assert_cmpstr (iso, ==, "07.01.2027");
  g_assert_cmpstr (time, ==, "09:30");
  g_assert_null (bad_date);
  g_assert_null (bad_time);
}

static void
test_local (void)
{
  GDate date;
  guint hour = 0, minute = 0;
  g_autofree char *joined = NULL;

  g_assert_true (bv_date_input_split_local ("2027-01-05T19:30:00", &date, &hour, &minute));
  g_assert_cmpuint (g_date_get_day (&date), ==, 5);
  g_assert_cmpuint (g_date_get_month (&date), ==, 1);
  g_assert_cmpuint (g_date_get_year (&date), ==, 2027);
  g_assert_cmpuint (hour, ==, 19);
  g_assert_cmpuint (minute, ==, 30);

  joined = bv_date_input_join_local (&date, 7, 5);
  g_assert_cmpstr (joined, ==, "2027-01-05T07:05:00");

  g_assert_false (bv_date_input_split_local (NULL, &date, NULL, NULL));
  g_assert_false (bv_date_input_split_local ("2027-02-30T19:30:00", &date, NULL, NULL));
  g_assert_false (bv_date_input_split_local ("2027-01-05", &date, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  /* The messages are checked in English, the source language. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/date-input/dates", test_dates);
  g_test_add_func ("/core/date-input/times", test_times);
  g_test_add_func ("/core/date-input/errors", test_errors);
  g_test_add_func ("/core/date-input/tidy", test_tidy);
  g_test_add_func ("/core/date-input/local", test_local);

  return g_test_run ();
}
