/* bv-repetition.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-repetition.h"

#include <libical/ical.h>
#include <string.h>

/* The parts of a rule the form can show; anything else is custom. */
static const char * const known_parts[] = { "FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "UNTIL", "COUNT" };

/* 1–5: which such weekday of its month the date is. */
static int
week_of_month (const GDate *date)
{
  return (g_date_get_day (date) - 1) / 7 + 1;
}

static gboolean
in_last_week (const GDate *date)
{
  return g_date_get_day (date) + 7 > g_date_get_days_in_month (g_date_get_month (date),
                                                               g_date_get_year (date));
}

static GTimeZone *
time_zone (const char *tzid)
{
  GTimeZone *tz = tzid ? g_time_zone_new_identifier (tzid) : NULL;

  return tz ? tz : g_time_zone_new_local ();
}

/* libical counts weekdays from Sunday = 1, the form from Monday = 0. */
static enum icalrecurrencetype_weekday
ical_weekday (guint monday_based)
{
  return (enum icalrecurrencetype_weekday) ((monday_based + 1) % 7 + 1);
}

static guint
monday_based (enum icalrecurrencetype_weekday weekday)
{
  return ((guint) weekday + 5) % 7;
}

/* As RFC 5545 and libical encode "2TU" or "-1TU" in by_day. */
static short
encode_day (guint monday_based_day,
            int   position)
{
  int day = ical_weekday (monday_based_day);

  return (short) (position < 0 ? -(-position * 8 + day) : position * 8 + day);
}

/* Each part once, and only parts the form knows; libical would accept
 * more (WKST, BYSETPOS, a repeated part) and the form would lose them. */
static gboolean
only_known_parts (const char *rrule,
                  gboolean   *has_count)
{
  g_auto(GStrv) items = g_strsplit (rrule, ";", -1);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; items[i]; i++)
    {
      const char *eq = strchr (items[i], '=');
      g_autofree char *name = NULL;
      gboolean known = FALSE;

      if (!eq)
        return FALSE;
      name = g_ascii_strup (items[i], eq - items[i]);
      for (guint j = 0; j < G_N_ELEMENTS (known_parts); j++)
        known = known || g_str_equal (name, known_parts[j]);
      if (!known || !g_hash_table_add (seen, g_steal_pointer (&name)))
        return FALSE;
    }
  *has_count = g_hash_table_contains (seen, "COUNT");
  return TRUE;
}

static gboolean
read_until (struct icaltimetype  until,
            const char          *tzid,
            GDate               *date)
{
  int year = until.year, month = until.month, day = until.day;

  if (!until.is_date && icaltime_is_utc (until))
    {
      g_autoptr(GTimeZone) tz = time_zone (tzid);
      g_autoptr(GDateTime) utc = g_date_time_new_utc (until.year, until.month, until.day,
                                                      until.hour, until.minute, until.second);
      g_autoptr(GDateTime) local = utc ? g_date_time_to_timezone (utc, tz) : NULL;

      if (!local)
        return FALSE;
      year = g_date_time_get_year (local);
      month = g_date_time_get_month (local);
      day = g_date_time_get_day_of_month (local);
    }

  if (year < 1 || month < 1 || day < 1 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static gboolean
read_rule (BvRepetition *repetition,
           const char   *rrule,
           const GDate  *start,
           const char   *tzid)
{
  struct icalrecurrencetype rule;
  gboolean has_until, has_byday, has_bymonthday, has_count = FALSE;

  if (!g_date_valid (start) || !only_known_parts (rrule, &has_count))
    return FALSE;

  rule = icalrecurrencetype_from_string (rrule);
  icalerror_clear_errno ();
  if (rule.freq == ICAL_NO_RECURRENCE)
    return FALSE;

  has_until = !icaltime_is_null_time (rule.until);
  has_byday = rule.by_day[0] != ICAL_RECURRENCE_ARRAY_MAX;
  has_bymonthday = rule.by_month_day[0] != ICAL_RECURRENCE_ARRAY_MAX;
  if (has_until && rule.count != 0)
    return FALSE;

  if (has_until)
    {
      if (!read_until (rule.until, tzid, &repetition->until))
        return FALSE;
      repetition->end = BV_REPETITION_END_UNTIL;
    }
  else if (has_count)
    {
      if (rule.count < 1 || rule.count > BV_REPETITION_COUNT_MAX)
        return FALSE;
      repetition->count = rule.count;
      repetition->end = BV_REPETITION_END_COUNT;
    }

  if (rule.freq == ICAL_WEEKLY_RECURRENCE)
    {
      if (has_bymonthday)
        return FALSE;
      if (rule.interval == 1)
        repetition->kind = BV_REPETITION_WEEKLY;
      else if (rule.interval == 2)
        repetition->kind = BV_REPETITION_BIWEEKLY;
      else
        return FALSE;

      for (guint i = 0; rule.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
        {
          if (icalrecurrencetype_day_position (rule.by_day[i]) != 0)
            return FALSE;
          repetition->weekdays |= 1u << monday_based (icalrecurrencetype_day_day_of_week (rule.by_day[i]));
        }
    }
  else if (rule.freq == ICAL_MONTHLY_RECURRENCE)
    {
      if (rule.interval != 1)
        return FALSE;
      if (!has_byday &&
          (!has_bymonthday ||
           (rule.by_month_day[0] == (short) g_date_get_day (start) &&
            rule.by_month_day[1] == ICAL_RECURRENCE_ARRAY_MAX)))
        repetition->kind = BV_REPETITION_MONTHLY_DAY;
      else if (has_byday && !has_bymonthday && rule.by_day[1] == ICAL_RECURRENCE_ARRAY_MAX)
        {
          int n = week_of_month (start);
          int position = icalrecurrencetype_day_position (rule.by_day[0]);

          if (monday_based (icalrecurrencetype_day_day_of_week (rule.by_day[0])) != bv_repetition_weekday (start))
            return FALSE;
          if (position == (n == 5 ? -1 : n))
            repetition->kind = BV_REPETITION_MONTHLY_WEEKDAY;
          else if (position == -1 && in_last_week (start))
            repetition->kind = BV_REPETITION_MONTHLY_LAST;
          else
            return FALSE;
        }
      else
        return FALSE;
    }
  else
    return FALSE;

  return TRUE;
}

guint
bv_repetition_weekday (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  return g_date_get_weekday (date) - 1;
}

gboolean
bv_repetition_can_be_last (const GDate *start)
{
  g_return_val_if_fail (start != NULL, FALSE);

  /* Only a date in the last week of its month is also "the last
   * Tuesday"; otherwise the first meeting would not be one of the rule's. */
  return g_date_valid (start) && in_last_week (start) && week_of_month (start) < 5;
}

void
bv_repetition_from_rrule (BvRepetition *repetition,
                          const char   *rrule,
                          const GDate  *start,
                          const char   *tzid)
{
  g_return_if_fail (repetition != NULL);
  g_return_if_fail (start != NULL);

  memset (repetition, 0, sizeof *repetition);
  g_date_clear (&repetition->until, 1);

  if (!rrule)
    repetition->kind = BV_REPETITION_NONE;
  else if (!read_rule (repetition, rrule, start, tzid))
    {
      memset (repetition, 0, sizeof *repetition);
      g_date_clear (&repetition->until, 1);
      repetition->kind = BV_REPETITION_CUSTOM;
    }

  if (repetition->weekdays == 0 && g_date_valid (start))
    repetition->weekdays = 1u << bv_repetition_weekday (start);
}

char *
bv_repetition_to_rrule (const BvRepetition *repetition,
                        const GDate        *start,
                        const char         *tzid)
{
  struct icalrecurrencetype rule;
  g_autoptr(GString) text = NULL;
  guint n = 0;

  g_return_val_if_fail (repetition != NULL, NULL);
  g_return_val_if_fail (start != NULL, NULL);

  if (repetition->kind == BV_REPETITION_NONE || repetition->kind == BV_REPETITION_CUSTOM)
    return NULL;
  /* Weekly rules name their days; the others follow the start. */
  g_return_val_if_fail (repetition->kind == BV_REPETITION_WEEKLY ||
                        repetition->kind == BV_REPETITION_BIWEEKLY || g_date_valid (start), NULL);

  icalrecurrencetype_clear (&rule);
  switch (repetition->kind)
    {
    case BV_REPETITION_WEEKLY:
    case BV_REPETITION_BIWEEKLY:
      rule.freq = ICAL_WEEKLY_RECURRENCE;
      rule.interval = repetition->kind == BV_REPETITION_BIWEEKLY ? 2 : 1;
      for (guint i = 0; i < 7; i++)
        if (repetition->weekdays & (1u << i))
          rule.by_day[n++] = encode_day (i, 0);
      rule.by_day[n] = ICAL_RECURRENCE_ARRAY_MAX;
      break;

    case BV_REPETITION_MONTHLY_DAY:
      rule.freq = ICAL_MONTHLY_RECURRENCE;
      rule.by_month_day[0] = g_date_get_day (start);
      rule.by_month_day[1] = ICAL_RECURRENCE_ARRAY_MAX;
      break;

    case BV_REPETITION_MONTHLY_WEEKDAY:
    case BV_REPETITION_MONTHLY_LAST:
      {
        int week = week_of_month (start);

        /* Not every month has a fifth Tuesday, but every one has a last. */
        rule.freq = ICAL_MONTHLY_RECURRENCE;
        rule.by_day[0] = encode_day (bv_repetition_weekday (start),
                                     repetition->kind == BV_REPETITION_MONTHLY_LAST || week == 5 ? -1 : week);
        rule.by_day[1] = ICAL_RECURRENCE_ARRAY_MAX;
      }
      break;

    case BV_REPETITION_NONE:
    case BV_REPETITION_CUSTOM:
    default:
      g_return_val_if_reached (NULL);
    }

  if (repetition->end == BV_REPETITION_END_UNTIL && g_date_valid (&repetition->until))
    {
      g_autoptr(GTimeZone) tz = time_zone (tzid);
      g_autoptr(GDateTime) end = g_date_time_new (tz, g_date_get_year (&repetition->until),
                                                  g_date_get_month (&repetition->until),
                                                  g_date_get_day (&repetition->until), 23, 59, 59);
      g_autoptr(GDateTime) utc = end ? g_date_time_to_utc (end) : NULL;

      if (utc)
        {
          rule.until = icaltime_null_time ();
          rule.until.year = g_date_time_get_year (utc);
          rule.until.month = g_date_time_get_month (utc);
          rule.until.day = g_date_time_get_day_of_month (utc);
          rule.until.hour = g_date_time_get_hour (utc);
          rule.until.minute = g_date_time_get_minute (utc);
          rule.until.second = g_date_time_get_second (utc);
          rule.until.zone = icaltimezone_get_utc_timezone ();
        }
    }
  else if (repetition->end == BV_REPETITION_END_COUNT)
    rule.count = CLAMP (repetition->count, 1, BV_REPETITION_COUNT_MAX);

  /* Written by hand from libical's struct, not with
   * icalrecurrencetype_as_string (), which puts UNTIL and COUNT before
   * INTERVAL: rules the app saved before keep their exact words. */
  text = g_string_new ("FREQ=");
  g_string_append (text, icalrecur_freq_to_string (rule.freq));
  if (rule.interval != 1)
    g_string_append_printf (text, ";INTERVAL=%d", rule.interval);
  for (guint i = 0; rule.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
    {
      int position = icalrecurrencetype_day_position (rule.by_day[i]);

      g_string_append (text, i == 0 ? ";BYDAY=" : ",");
      if (position != 0)
        g_string_append_printf (text, "%d", position);
      g_string_append (text, icalrecur_weekday_to_string (icalrecurrencetype_day_day_of_week (rule.by_day[i])));
    }
  for (guint i = 0; rule.by_month_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
    g_string_append_printf (text, "%s%d", i == 0 ? ";BYMONTHDAY=" : ",", rule.by_month_day[i]);
  if (!icaltime_is_null_time (rule.until))
    g_string_append_printf (text, ";UNTIL=%s", icaltime_as_ical_string (rule.until));
  if (rule.count != 0)
    g_string_append_printf (text, ";COUNT=%d", rule.count);

  return g_string_free (g_steal_pointer (&text), FALSE);
}
