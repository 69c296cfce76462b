/* bv-repetition-text.c
 *
 * A stored repetition (RRULE) in words, as the app shows it: "every
 * Tuesday, 19:30, until 15 December 2026".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-repetition-text.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "bv-occurrences-private.h"

static const char *
weekday_name (icalrecurrencetype_weekday day)
{
  switch (day)
    {
    case ICAL_MONDAY_WEEKDAY:
      return _("Monday");
    case ICAL_TUESDAY_WEEKDAY:
      return _("Tuesday");
    case ICAL_WEDNESDAY_WEEKDAY:
      return _("Wednesday");
    case ICAL_THURSDAY_WEEKDAY:
      return _("Thursday");
    case ICAL_FRIDAY_WEEKDAY:
      return _("Friday");
    case ICAL_SATURDAY_WEEKDAY:
      return _("Saturday");
    case ICAL_SUNDAY_WEEKDAY:
      return _("Sunday");
    case ICAL_NO_WEEKDAY:
    default:
      return NULL;
    }
}

static const char *
month_name (int month)
{
  switch (month)
    {
    case 1: return _("January");
    case 2: return _("February");
    case 3: return _("March");
    case 4: return _("April");
    case 5: return _("May");
    case 6: return _("June");
    case 7: return _("July");
    case 8: return _("August");
    case 9: return _("September");
    case 10: return _("October");
    case 11: return _("November");
    case 12: return _("December");
    default: return NULL;
    }
}

static const char *
ordinal_name (int position)
{
  switch (position)
    {
    /* Translators: as in "every first Monday of the month" */
    case 1: return C_("weekday of the month", "first");
    case 2: return C_("weekday of the month", "second");
    case 3: return C_("weekday of the month", "third");
    case 4: return C_("weekday of the month", "fourth");
    case 5: return C_("weekday of the month", "fifth");
    case -1: return C_("weekday of the month", "last");
    default: return NULL;
    }
}

/* Monday first, as people read a week. */
static int
weekday_rank (icalrecurrencetype_weekday day)
{
  return ((int) day + 5) % 7;
}

static char *
join_list (GPtrArray *items)
{
  g_autoptr(GString) head = g_string_new (NULL);

  if (items->len == 1)
    return g_strdup (g_ptr_array_index (items, 0));

  for (guint i = 0; i + 1 < items->len; i++)
    {
      if (i > 0)
        g_string_append (head, ", ");
      g_string_append (head, g_ptr_array_index (items, i));
    }
  /* Translators: the end of a list: "Monday, Tuesday and Friday", "1 and 15" */
  return g_strdup_printf (C_("list of two or more", "%1$s and %2$s"), head->str, (const char *) g_ptr_array_index (items, items->len - 1));
}

static char *
ordinal_weekday (int                        position,
                 icalrecurrencetype_weekday day)
{
  const char *ordinal = ordinal_name (position);
  const char *name = weekday_name (day);

  if (!ordinal || !name)
    return NULL;
  /* Translators: an ordinal and a weekday: "first Monday", "last Sunday" */
  return g_strdup_printf (C_("ordinal and weekday", "%1$s %2$s"), ordinal, name);
}

/* "Tuesday and Thursday", from plain BYDAY or the start's weekday. */
static char *
weekday_list (const struct icalrecurrencetype *rule,
              const struct icaltimetype       *start,
              gboolean                        *workdays)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n = LIST_LENGTH (rule->by_day);
  gboolean seen[7] = { FALSE, };
  guint n_seen = 0;

  if (n == 0)
    {
      seen[weekday_rank (icaltime_day_of_week (*start))] = TRUE;
      n_seen = 1;
    }
  for (guint i = 0; i < n; i++)
    {
      int rank;

      if (icalrecurrencetype_day_position (rule->by_day[i]) != 0)
        return NULL;
      rank = weekday_rank (icalrecurrencetype_day_day_of_week (rule->by_day[i]));
      if (!seen[rank])
        n_seen++;
      seen[rank] = TRUE;
    }

  *workdays = n_seen == 5 && !seen[5] && !seen[6];
  for (int rank = 0; rank < 7; rank++)
    {
      /* rank 0 is Monday, whose libical number is 2 */
      if (seen[rank])
        g_ptr_array_add (names, (gpointer) weekday_name ((icalrecurrencetype_weekday) ((rank + 1) % 7 + 1)));
    }
  return join_list (names);
}

static gboolean
only_parts (const struct icalrecurrencetype *rule,
            gboolean                         by_day,
            gboolean                         by_month_day,
            gboolean                         by_month,
            gboolean                         by_set_pos)
{
  return (by_day || LIST_LENGTH (rule->by_day) == 0)
         && (by_month_day || LIST_LENGTH (rule->by_month_day) == 0)
         && (by_month || LIST_LENGTH (rule->by_month) == 0)
         && (by_set_pos || LIST_LENGTH (rule->by_set_pos) == 0)
         && LIST_LENGTH (rule->by_year_day) == 0
         && LIST_LENGTH (rule->by_week_no) == 0;
}

/* "first Monday", from "1MO" or from "MO" with BYSETPOS=1 (Outlook). */
static char *
ordinal_weekday_list (const struct icalrecurrencetype *rule)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  guint n_days = LIST_LENGTH (rule->by_day);
  guint n_pos = LIST_LENGTH (rule->by_set_pos);

  if (n_days == 0 || LIST_LENGTH (rule->by_month_day) > 0)
    return NULL;

  if (n_pos > 0)
    {
      if (n_pos != 1 || n_days != 1 || icalrecurrencetype_day_position (rule->by_day[0]) != 0)
        return NULL;
      g_ptr_array_add (items, ordinal_weekday (rule->by_set_pos[0],
                                               icalrecurrencetype_day_day_of_week (rule->by_day[0])));
    }
  else
    {
      for (guint i = 0; i < n_days; i++)
        g_ptr_array_add (items, ordinal_weekday (icalrecurrencetype_day_position (rule->by_day[i]),
                                                 icalrecurrencetype_day_day_of_week (rule->by_day[i])));
    }

  for (guint i = 0; i < items->len; i++)
    {
      if (!g_ptr_array_index (items, i))
        return NULL;
    }
  return join_list (items);
}

static char *
describe_daily_weekly (const struct icalrecurrencetype *rule,
                       const struct icaltimetype       *start)
{
  guint interval = (guint) MAX (rule->interval, 1);
  g_autofree char *days = NULL;
  gboolean workdays = FALSE;

  if (!only_parts (rule, TRUE, FALSE, FALSE, FALSE))
    return NULL;

  if (rule->freq == ICAL_DAILY_RECURRENCE && LIST_LENGTH (rule->by_day) == 0)
    {
      if (interval == 1)
        return g_strdup (_("every day"));
      return g_strdup_printf (ngettext ("every %u day", "every %u days", interval), interval);
    }
  if (rule->freq == ICAL_DAILY_RECURRENCE && interval != 1)
    return NULL;

  days = weekday_list (rule, start, &workdays);
  if (!days)
    return NULL;
  if (interval == 1 && workdays)
    return g_strdup (_("every weekday"));
  if (interval == 1)
    /* Translators: %s is one weekday or a list, "Tuesday and Thursday" */
    return g_strdup_printf (_("every %s"), days);
  /* Translators: %u is 2 or more, %s one weekday or a list */
  return g_strdup_printf (ngettext ("every %u week on %s", "every %u weeks on %s", interval),
                          interval, days);
}

static char *
describe_monthly (const struct icalrecurrencetype *rule,
                  const struct icaltimetype       *start)
{
  guint interval = (guint) MAX (rule->interval, 1);
  guint n_month_days = LIST_LENGTH (rule->by_month_day);
  g_autoptr(GPtrArray) numbers = NULL;
  g_autofree char *list = NULL;

  if (!only_parts (rule, TRUE, TRUE, FALSE, TRUE))
    return NULL;

  if (LIST_LENGTH (rule->by_day) > 0)
    {
      g_autofree char *weekdays = ordinal_weekday_list (rule);

      if (!weekdays)
        return NULL;
      if (interval == 1)
        /* Translators: %s is "first Monday" or a list of them */
        return g_strdup_printf (_("every %s of the month"), weekdays);
      return g_strdup_printf (ngettext ("every %u month on the %s", "every %u months on the %s", interval),
                              interval, weekdays);
    }
  if (LIST_LENGTH (rule->by_set_pos) > 0)
    return NULL;

  if (n_month_days == 1 && rule->by_month_day[0] == -1)
    {
      if (interval == 1)
        return g_strdup (_("every month on the last day"));
      return g_strdup_printf (ngettext ("every %u month on the last day",
                                        "every %u months on the last day", interval),
                              interval);
    }

  numbers = g_ptr_array_new_with_free_func (g_free);
  if (n_month_days == 0)
    g_ptr_array_add (numbers, g_strdup_printf ("%d", start->day));
  for (guint i = 0; i < n_month_days; i++)
    {
      if (rule->by_month_day[i] < 1)
        return NULL;
      g_ptr_array_add (numbers, g_strdup_printf ("%d", rule->by_month_day[i]));
    }
  list = join_list (numbers);

  if (numbers->len == 1 && interval == 1)
    /* Translators: %s is a day of the month, "15" */
    return g_strdup_printf (_("every month on day %s"), list);
  if (numbers->len == 1)
    return g_strdup_printf (ngettext ("every %u month on day %s", "every %u months on day %s", interval),
                            interval, list);
  if (interval == 1)
    /* Translators: %s is a list of days of the month, "1 and 15" */
    return g_strdup_printf (_("every month on days %s"), list);
  return g_strdup_printf (ngettext ("every %u month on days %s", "every %u months on days %s", interval),
                          interval, list);
}

static char *
describe_yearly (const struct icalrecurrencetype *rule,
                 const struct icaltimetype       *start)
{
  guint interval = (guint) MAX (rule->interval, 1);
  int month = start->month;

  if (!only_parts (rule, TRUE, TRUE, TRUE, TRUE) || LIST_LENGTH (rule->by_month) > 1)
    return NULL;
  if (LIST_LENGTH (rule->by_month) == 1)
    month = icalrecurrencetype_month_month (rule->by_month[0]);
  if (!month_name (month))
    return NULL;

  if (LIST_LENGTH (rule->by_day) > 0)
    {
      g_autofree char *weekday = NULL;

      /* without BYMONTH "the first Monday" would be the year's */
      if (LIST_LENGTH (rule->by_month) != 1 || LIST_LENGTH (rule->by_day) != 1)
        return NULL;
      weekday = ordinal_weekday_list (rule);
      if (!weekday)
        return NULL;
      if (interval == 1)
        /* Translators: "every year on the last Sunday of March" */
        return g_strdup_printf (_("every year on the %1$s of %2$s"), weekday, month_name (month));
      return g_strdup_printf (ngettext ("every %1$u year on the %2$s of %3$s",
                                        "every %1$u years on the %2$s of %3$s", interval),
                              interval, weekday, month_name (month));
    }
  else
    {
      int day = start->day;
      g_autofree char *date = NULL;

      if (LIST_LENGTH (rule->by_set_pos) > 0 || LIST_LENGTH (rule->by_month_day) > 1)
        return NULL;
      if (LIST_LENGTH (rule->by_month_day) == 1)
        day = rule->by_month_day[0];
      if (day < 1)
        return NULL;

      /* Translators: a day and a month, "1 December" */
      date = g_strdup_printf (C_("day and month", "%1$u %2$s"), (guint) day, month_name (month));
      if (interval == 1)
        return g_strdup_printf (_("every year on %s"), date);
      return g_strdup_printf (ngettext ("every %u year on %s", "every %u years on %s", interval),
                              interval, date);
    }
}

static char *
describe_rule (const struct icalrecurrencetype *rule,
               const struct icaltimetype       *start)
{
  switch (rule->freq)
    {
    case ICAL_DAILY_RECURRENCE:
    case ICAL_WEEKLY_RECURRENCE:
      return describe_daily_weekly (rule, start);
    case ICAL_MONTHLY_RECURRENCE:
      return describe_monthly (rule, start);
    case ICAL_YEARLY_RECURRENCE:
      return describe_yearly (rule, start);
    case ICAL_SECONDLY_RECURRENCE:
    case ICAL_MINUTELY_RECURRENCE:
    case ICAL_HOURLY_RECURRENCE:
    case ICAL_NO_RECURRENCE:
    default:
      return NULL;
    }
}

static char *
format_until (const struct icalrecurrencetype *rule,
              const char                      *tzid)
{
  struct icaltimetype until = rule->until;

  if (!until.is_date && icaltime_is_utc (until))
    {
      g_autoptr(GTimeZone) tz = bv_occurrences_time_zone_new (tzid);
      g_autoptr(GDateTime) utc = g_date_time_new_utc (until.year, until.month, until.day,
                                                      until.hour, until.minute, until.second);

      if (tz && utc)
        {
          g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

          bv_occurrences_local_from_date_time (local, &until);
        }
    }

  if (!month_name (until.month))
    return NULL;
  /* Translators: a date, "15 December 2026" */
  return g_strdup_printf (C_("day, month and year", "%1$u %2$s %3$u"), (guint) until.day, month_name (until.month),
                          (guint) until.year);
}


/* Public API */

char *
bv_repetition_text_option_label (BvRepetitionKind  kind,
                                 const GDate      *start)
{
  gboolean valid = start && g_date_valid (start);
  icalrecurrencetype_weekday day = ICAL_NO_WEEKDAY;
  int position = 0;

  if (valid)
    {
      /* bv_repetition_weekday: 0 = Monday; libical: 1 = Sunday */
      day = (icalrecurrencetype_weekday) ((bv_repetition_weekday (start) + 1) % 7 + 1);
      position = (g_date_get_day (start) - 1) / 7 + 1;
      /* the form takes a fifth weekday as the last one */
      if (position == 5 || kind == BV_REPETITION_MONTHLY_LAST)
        position = -1;
    }

  switch (kind)
    {
    case BV_REPETITION_NONE:
      return g_strdup (_("Does not repeat"));
    case BV_REPETITION_WEEKLY:
      /* the weekdays are chosen below the choice */
      return g_strdup (_("Weekly"));
    case BV_REPETITION_BIWEEKLY:
      return g_strdup (_("Every two weeks"));
    case BV_REPETITION_MONTHLY_DAY:
      if (valid)
        /* Translators: a repetition choice, %u is a day of the month; German "Monatlich am %u." */
        return g_strdup_printf (_("Monthly on day %u"), (guint) g_date_get_day (start));
      return g_strdup (_("Monthly on the same day"));
    case BV_REPETITION_MONTHLY_WEEKDAY:
    case BV_REPETITION_MONTHLY_LAST:
      if (valid)
        {
          g_autofree char *which = ordinal_weekday (position, day);

          /* Translators: a repetition choice, %s is "first Monday" or
           * "last Friday" (the ordinals of "every %s of the month");
           * German "Monatlich am %s" */
          return g_strdup_printf (_("Monthly on the %s"), which);
        }
      if (kind == BV_REPETITION_MONTHLY_LAST)
        return g_strdup (_("Monthly on the last such weekday"));
      return g_strdup (_("Monthly on the same weekday"));
    case BV_REPETITION_CUSTOM:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
bv_repetition_text_describe (const char *rrule,
                               const char *start_local)
{
  return bv_repetition_text_describe_in_zone (rrule, start_local, NULL);
}

char *
bv_repetition_text_describe_in_zone (const char *rrule,
                                       const char *start_local,
                                       const char *tzid)
{
  g_autofree char *text = NULL;
  g_autofree char *rule_part = NULL;
  g_autofree char *time = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GDateTime) start_dt = NULL;
  struct icalrecurrencetype rule;
  struct icaltimetype start;

  g_return_val_if_fail (start_local, NULL);

  text = bv_occurrences_rule_text (rrule);
  if (!text || !bv_occurrences_parse_local (start_local, &start) || !bv_occurrences_parse_rule (text, &rule, NULL))
    return NULL;

  rule_part = describe_rule (&rule, &start);
  if (!rule_part)
    rule_part = g_strdup (_("repeating on a custom schedule"));

  start_dt = g_date_time_new_utc (start.year, start.month, start.day,
                                  start.hour, start.minute, start.second);
  /* Translators: time of day, a g_date_time_format() format; German: "%H:%M Uhr" */
  time = g_date_time_format (start_dt, C_("time of day in a repetition", "%H:%M"));
  /* Translators: a repetition and its time of day, "every Tuesday, 19:30" */
  description = g_strdup_printf (C_("repetition and time of day", "%1$s, %2$s"), rule_part, time);

  if (!icaltime_is_null_time (rule.until))
    {
      g_autofree char *until = format_until (&rule, tzid);

      if (until)
        {
          g_autofree char *with_until = NULL;

          /* Translators: "every Tuesday, 19:30, until 15 December 2026" */
          with_until = g_strdup_printf (_("%1$s, until %2$s"), description, until);
          g_free (description);
          description = g_steal_pointer (&with_until);
        }
    }
  else if (rule.count > 0)
    {
      g_autofree char *with_count = NULL;

      /* Translators: "every Tuesday, 19:30, 10 times" */
      with_count = g_strdup_printf (ngettext ("%1$s, %2$u time", "%1$s, %2$u times", (gulong) rule.count),
                                    description, (guint) rule.count);
      g_free (description);
      description = g_steal_pointer (&with_count);
    }

  return g_steal_pointer (&description);
}
