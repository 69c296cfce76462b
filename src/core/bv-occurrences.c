/* bv-occurrences.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-occurrences.h"
#include "bv-occurrences-private.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

/* libical iterates the rule in floating wall-clock time; GTimeZone turns
 * each wall-clock time into an instant. libical 3.0's own zone support is
 * not used for either: an iterator whose DTSTART carries a zone moves the
 * wall-clock time of every later occurrence after a spring-forward gap
 * (02:30 becomes 03:30 for good), and its conversion reads an ambiguous
 * autumn time as the second one, against RFC 5545. GTimeZone reads the
 * same system tzdata. */

/* Bounds what one expansion may cost: a daily rule from 1900 to libical's
 * last year (2582) is about 250 000 steps. */
#define MAX_STEPS 1000000

#define MIN_YEAR 1900
#define MAX_YEAR 2500

typedef enum {
  UNTIL_NONE,
  UNTIL_DATE,   /* inclusive last day */
  UNTIL_LOCAL,  /* inclusive last wall-clock start */
} UntilKind;

/* A single occurrence's change, keyed by its recurrence id. */
typedef struct
{
  gboolean            cancelled;
  gboolean            has_new_start;
  struct icaltimetype new_start;
  guint               new_duration;
} OccurrenceChange;

/* Everything an expansion needs, checked and parsed once. */
typedef struct
{
  struct icaltimetype       start;
  GTimeZone                *tz;
  guint                     duration;
  gboolean                  recurring;
  struct icalrecurrencetype rule;    /* without UNTIL, which is in until */
  UntilKind                 until_kind;
  struct icaltimetype       until;   /* floating */
  GHashTable               *changes;
  char                     *last_moved_id;
} Plan;

G_DEFINE_BOXED_TYPE (BvOccurrence, bv_occurrence, bv_occurrence_copy, bv_occurrence_free)
G_DEFINE_QUARK (bv-occurrences-error-quark, bv_occurrences_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalrecur_iterator, icalrecur_iterator_free)

static gboolean
read_digits (const char *text,
             gsize       pos,
             gsize       n,
             int        *value)
{
  *value = 0;
  for (gsize i = pos; i < pos + n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + g_ascii_digit_value (text[i]);
    }
  return TRUE;
}

/* "YYYY-MM-DDTHH:MM[:SS]", also with a space for the T, into a floating
 * date-time. */
gboolean
bv_occurrences_parse_local (const char          *text,
             struct icaltimetype *out)
{
  int year, month, day, hour, minute, second = 0;
  gsize len;

  if (!text)
    return FALSE;

  len = strlen (text);
  if (len != 16 && len != 19)
    return FALSE;
  if (text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ')
      || text[13] != ':' || (len == 19 && text[16] != ':'))
    return FALSE;
  if (!read_digits (text, 0, 4, &year) || !read_digits (text, 5, 2, &month)
      || !read_digits (text, 8, 2, &day) || !read_digits (text, 11, 2, &hour)
      || !read_digits (text, 14, 2, &minute)
      || (len == 19 && !read_digits (text, 17, 2, &second)))
    return FALSE;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12
      || !g_date_valid_dmy (day, month, year)
      || hour > 23 || minute > 59 || second > 59)
    return FALSE;

  *out = icaltime_null_time ();
  out->year = year;
  out->month = month;
  out->day = day;
  out->hour = hour;
  out->minute = minute;
  out->second = second;
  out->is_date = 0;
  out->zone = NULL;
  return TRUE;
}

static char *
format_local (const struct icaltimetype *t)
{
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d",
                          t->year, t->month, t->day, t->hour, t->minute, t->second);
}

static int
compare_date (const struct icaltimetype *a,
              const struct icaltimetype *b)
{
  if (a->year != b->year)
    return a->year < b->year ? -1 : 1;
  if (a->month != b->month)
    return a->month < b->month ? -1 : 1;
  if (a->day != b->day)
    return a->day < b->day ? -1 : 1;
  return 0;
}

static int
compare_local (const struct icaltimetype *a,
               const struct icaltimetype *b)
{
  int cmp = compare_date (a, b);

  if (cmp != 0)
    return cmp;
  if (a->hour != b->hour)
    return a->hour < b->hour ? -1 : 1;
  if (a->minute != b->minute)
    return a->minute < b->minute ? -1 : 1;
  if (a->second != b->second)
    return a->second < b->second ? -1 : 1;
  return 0;
}

void
bv_occurrences_local_from_date_time (GDateTime           *dt,
                      struct icaltimetype *out)
{
  *out = icaltime_null_time ();
  out->year = g_date_time_get_year (dt);
  out->month = g_date_time_get_month (dt);
  out->day = g_date_time_get_day_of_month (dt);
  out->hour = g_date_time_get_hour (dt);
  out->minute = g_date_time_get_minute (dt);
  out->second = g_date_time_get_second (dt);
  out->is_date = 0;
  out->zone = NULL;
}

GTimeZone *
bv_occurrences_time_zone_new (const char *tzid)
{
  /* GLib also reads file paths as zones; a meeting's zone is a name. */
  if (!tzid || *tzid == '\0' || *tzid == '/' || strstr (tzid, ".."))
    return NULL;
  return g_time_zone_new_identifier (tzid);
}

static gint64
offset_at (GTimeZone *tz,
           gint64     instant)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, instant);

  return interval < 0 ? 0 : g_time_zone_get_offset (tz, interval);
}

/* The instant of a wall-clock time, as RFC 5545 3.3.5 reads it: in a
 * spring-forward gap with the offset before the gap, in an autumn overlap
 * the first of the two. The offsets a day before and after are the only
 * candidates, since real zones never change twice within two days. */
static GDateTime *
local_to_date_time (GTimeZone                 *tz,
                    const struct icaltimetype *t)
{
  g_autoptr(GDateTime) as_utc = NULL;
  g_autoptr(GDateTime) instant_utc = NULL;
  gint64 wall, before, after, instant;
  gboolean before_ok, after_ok;

  as_utc = g_date_time_new_utc (t->year, t->month, t->day, t->hour, t->minute, t->second);
  wall = g_date_time_to_unix (as_utc);
  before = wall - offset_at (tz, wall - G_TIME_SPAN_DAY / G_TIME_SPAN_SECOND);
  after = wall - offset_at (tz, wall + G_TIME_SPAN_DAY / G_TIME_SPAN_SECOND);
  before_ok = wall - before == offset_at (tz, before);
  after_ok = wall - after == offset_at (tz, after);

  if (before_ok && after_ok)
    instant = MIN (before, after);
  else if (after_ok)
    instant = after;
  else
    instant = before;

  instant_utc = g_date_time_new_from_unix_utc (instant);
  return g_date_time_to_timezone (instant_utc, tz);
}

/* rrule without surrounding space and "RRULE:", or NULL when empty. */
char *
bv_occurrences_rule_text (const char *rrule)
{
  g_autofree char *text = NULL;
  const char *value;

  if (!rrule)
    return NULL;

  text = g_strstrip (g_strdup (rrule));
  value = text;
  if (g_ascii_strncasecmp (value, "RRULE:", 6) == 0)
    value += 6;
  if (*value == '\0')
    return NULL;
  return g_strdup (value);
}

guint
bv_occurrences_list_length (const short *list,
             guint        size)
{
  guint n = 0;

  while (n < size && list[n] != ICAL_RECURRENCE_ARRAY_MAX)
    n++;
  return n;
}


gboolean
bv_occurrences_parse_rule (const char                *text,
            struct icalrecurrencetype *rule,
            GError                   **error)
{
  g_autoptr(icalrecur_iterator) probe = NULL;
  g_autofree char *upper = g_ascii_strup (text, -1);
  struct icaltimetype probe_start;

  if (strstr (upper, "UNTIL=") && strstr (upper, "COUNT="))
    {
      g_set_error_literal (error, BV_OCCURRENCES_ERROR, BV_OCCURRENCES_ERROR_INVALID_RULE,
                           _("The repetition has both an end date and a number of meetings. "
                             "Please choose only one of them."));
      return FALSE;
    }

  *rule = icalrecurrencetype_from_string (text);
  if (rule->rscale)
    {
      icalmemory_free_buffer (rule->rscale);
      rule->rscale = NULL;
      g_set_error_literal (error, BV_OCCURRENCES_ERROR, BV_OCCURRENCES_ERROR_UNSUPPORTED_RULE,
                           _("The repetition follows a calendar other than the usual one. "
                             "Please set the repetition again."));
      return FALSE;
    }

  switch (rule->freq)
    {
    case ICAL_NO_RECURRENCE:
      g_set_error_literal (error, BV_OCCURRENCES_ERROR, BV_OCCURRENCES_ERROR_INVALID_RULE,
                           _("The repetition of this meeting could not be read. "
                             "Please set the repetition again."));
      return FALSE;

    case ICAL_SECONDLY_RECURRENCE:
    case ICAL_MINUTELY_RECURRENCE:
    case ICAL_HOURLY_RECURRENCE:
      g_set_error_literal (error, BV_OCCURRENCES_ERROR, BV_OCCURRENCES_ERROR_UNSUPPORTED_RULE,
                           _("A meeting can repeat at most once a day. "
                             "Please choose a daily, weekly, monthly or yearly repetition."));
      return FALSE;

    case ICAL_DAILY_RECURRENCE:
    case ICAL_WEEKLY_RECURRENCE:
      for (guint i = 0; i < LIST_LENGTH (rule->by_day); i++)
        {
          if (icalrecurrencetype_day_position (rule->by_day[i]) != 0)
            {
              g_set_error_literal (error, BV_OCCURRENCES_ERROR, BV_OCCURRENCES_ERROR_UNSUPPORTED_RULE,
                                   _("Only a monthly or yearly repetition can name the first or "
                                     "last weekday of a month. Please choose a monthly repetition."));
              return FALSE;
            }
        }
      break;

    case ICAL_MONTHLY_RECURRENCE:
    case ICAL_YEARLY_RECURRENCE:
      break;

    default:
      g_assert_not_reached ();
    }

  if (LIST_LENGTH (rule->by_hour) > 1 || LIST_LENGTH (rule->by_minute) > 1
      || LIST_LENGTH (rule->by_second) > 1)
    {
      g_set_error_literal (error, BV_OCCURRENCES_ERROR, BV_OCCURRENCES_ERROR_UNSUPPORTED_RULE,
                           _("A meeting can repeat at most once a day. "
                             "Please choose a daily, weekly, monthly or yearly repetition."));
      return FALSE;
    }

  /* libical refuses rules that can never match (30 February) when the
   * iterator is made, whatever the start. */
  probe_start = icaltime_null_time ();
  probe_start.year = 2000;
  probe_start.month = 1;
  probe_start.day = 1;
  probe_start.is_date = 0;
  probe = icalrecur_iterator_new (*rule, probe_start);
  if (!probe)
    {
      g_set_error_literal (error, BV_OCCURRENCES_ERROR, BV_OCCURRENCES_ERROR_INVALID_RULE,
                           _("This repetition never falls on a real date, like the 30th of "
                             "February. Please choose another day."));
      return FALSE;
    }

  return TRUE;
}

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->tz, g_time_zone_unref);
  g_clear_pointer (&plan->changes, g_hash_table_unref);
  g_clear_pointer (&plan->last_moved_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Plan, plan_clear)

/* The latest recurrence id of a moved occurrence: the walk must reach it
 * even when it is past the requested range. */
static char *
last_moved_id (GHashTable *changes)
{
  GHashTableIter iter;
  gpointer key, value;
  const char *last = NULL;

  g_hash_table_iter_init (&iter, changes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const OccurrenceChange *change = value;

      if (!change->cancelled && (!last || strcmp (key, last) > 0))
        last = key;
    }
  return g_strdup (last);
}

static gboolean
plan_init (Plan                        *plan,
           const char                  *start_local,
           const char                  *tzid,
           guint                        duration_minutes,
           const char                  *rrule,
           const BvOccurrenceException *exceptions,
           guint                        n_exceptions,
           GError                     **error)
{
  g_autofree char *text = NULL;

  memset (plan, 0, sizeof *plan);
  plan->duration = duration_minutes;
  plan->changes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!bv_occurrences_parse_local (start_local, &plan->start))
    {
      g_set_error_literal (error, BV_OCCURRENCES_ERROR, BV_OCCURRENCES_ERROR_INVALID_START,
                           _("The start of the meeting is not a valid date and time. "
                             "Please enter the date and time again."));
      return FALSE;
    }

  plan->tz = bv_occurrences_time_zone_new (tzid);
  if (!plan->tz)
    {
      g_set_error (error, BV_OCCURRENCES_ERROR, BV_OCCURRENCES_ERROR_UNKNOWN_TIME_ZONE,
                   _("The time zone “%s” is not known on this computer. "
                     "Please choose another time zone for the meeting."),
                   tzid);
      return FALSE;
    }

  text = bv_occurrences_rule_text (rrule);
  plan->recurring = text != NULL;
  if (plan->recurring)
    {
      if (!bv_occurrences_parse_rule (text, &plan->rule, error))
        return FALSE;

      if (!icaltime_is_null_time (plan->rule.until))
        {
          struct icaltimetype until = plan->rule.until;

          if (until.is_date)
            {
              plan->until_kind = UNTIL_DATE;
              plan->until = until;
            }
          else if (icaltime_is_utc (until))
            {
              g_autoptr(GDateTime) utc = g_date_time_new_utc (until.year, until.month, until.day,
                                                              until.hour, until.minute, until.second);
              g_autoptr(GDateTime) local = utc ? g_date_time_to_timezone (utc, plan->tz) : NULL;

              /* Compared as wall-clock time, so that the steps before the
               * requested range need no conversion. */
              plan->until_kind = UNTIL_LOCAL;
              if (local)
                bv_occurrences_local_from_date_time (local, &plan->until);
              else
                plan->until = until;
            }
          else
            {
              plan->until_kind = UNTIL_LOCAL;
              plan->until = until;
            }
          plan->until.zone = NULL;
          plan->rule.until = icaltime_null_time ();
        }
    }

  for (guint i = 0; i < n_exceptions; i++)
    {
      const BvOccurrenceException *exception = &exceptions[i];
      struct icaltimetype id_time;
      g_autofree OccurrenceChange *change = g_new0 (OccurrenceChange, 1);
      char *id;

      if (!bv_occurrences_parse_local (exception->recurrence_id, &id_time)
          || (!exception->cancelled && exception->new_start_local
              && !bv_occurrences_parse_local (exception->new_start_local, &change->new_start)))
        {
          g_set_error_literal (error, BV_OCCURRENCES_ERROR, BV_OCCURRENCES_ERROR_INVALID_EXCEPTION,
                               _("A changed date of this meeting is not a valid date and time. "
                                 "Please change or cancel that date again."));
          return FALSE;
        }

      change->cancelled = exception->cancelled;
      change->has_new_start = !exception->cancelled && exception->new_start_local;
      change->new_duration = exception->new_duration;
      id = format_local (&id_time);
      g_hash_table_replace (plan->changes, id, g_steal_pointer (&change));
    }

  plan->last_moved_id = last_moved_id (plan->changes);

  return TRUE;
}

static gboolean
plan_past_until (const Plan                *plan,
                 const struct icaltimetype *t)
{
  switch (plan->until_kind)
    {
    case UNTIL_NONE:
      return FALSE;
    case UNTIL_DATE:
      return compare_date (t, &plan->until) > 0;
    case UNTIL_LOCAL:
      return compare_local (t, &plan->until) > 0;
    default:
      g_assert_not_reached ();
    }
}

static BvOccurrence *
occurrence_new (const Plan                *plan,
                const struct icaltimetype *start,
                guint                      duration,
                const char                *recurrence_id,
                gboolean                   moved)
{
  BvOccurrence *occurrence = g_new0 (BvOccurrence, 1);

  occurrence->start = local_to_date_time (plan->tz, start);
  occurrence->end = g_date_time_add_seconds (occurrence->start, (gdouble) duration * 60);
  occurrence->recurrence_id = g_strdup (recurrence_id);
  occurrence->moved = moved;
  return occurrence;
}

static gboolean
overlaps (const BvOccurrence *occurrence,
          GDateTime          *from,
          GDateTime          *to)
{
  if (to && g_date_time_compare (occurrence->start, to) >= 0)
    return FALSE;
  if (!from || g_date_time_compare (occurrence->end, from) > 0)
    return TRUE;
  /* an occurrence without length at the very start of the range */
  return g_date_time_compare (occurrence->start, from) >= 0;
}

static int
compare_occurrences (gconstpointer a,
                     gconstpointer b)
{
  const BvOccurrence *oa = *(BvOccurrence * const *) a;
  const BvOccurrence *ob = *(BvOccurrence * const *) b;
  int cmp = g_date_time_compare (oa->start, ob->start);

  return cmp != 0 ? cmp : strcmp (oa->recurrence_id, ob->recurrence_id);
}

/* Walks the rule in order of the original starts. Originals that are not
 * changed come in order, so they stop at to or at max_count; moved ones may
 * land anywhere, so the walk goes on to the last moved recurrence id and
 * sorts at the end. */
static GPtrArray *
plan_expand (const Plan *plan,
             GDateTime  *from,
             GDateTime  *to,
             guint       max_count)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_occurrence_free);
  g_autoptr(icalrecur_iterator) iter = NULL;
  struct icaltimetype skip_before = icaltime_null_time ();
  gboolean have_skip = FALSE;
  gboolean originals_done = FALSE;
  guint n_originals = 0;
  guint steps = 0;

  if (plan->recurring)
    {
      iter = icalrecur_iterator_new (plan->rule, plan->start);
      if (!iter)
        return g_steal_pointer (&result);
    }

  if (from)
    {
      /* An unchanged original that starts earlier than this (wall-clock)
       * has ended before from whatever the offsets; it needs no
       * conversion. */
      g_autoptr(GDateTime) local_from = g_date_time_to_timezone (from, plan->tz);
      g_autoptr(GDateTime) limit = g_date_time_add_seconds (local_from,
                                                            -(gdouble) plan->duration * 60
                                                            - 2 * G_TIME_SPAN_DAY / G_TIME_SPAN_SECOND);

      if (limit)
        {
          bv_occurrences_local_from_date_time (limit, &skip_before);
          have_skip = TRUE;
        }
    }

  while (steps < MAX_STEPS)
    {
      struct icaltimetype t;
      g_autofree char *id = NULL;
      const OccurrenceChange *change;
      gboolean skipping;

      if (plan->recurring)
        {
          t = icalrecur_iterator_next (iter);
          if (icaltime_is_null_time (t))
            break;
        }
      else if (steps == 0)
        {
          t = plan->start;
        }
      else
        {
          break;
        }
      steps++;

      if (plan_past_until (plan, &t))
        break;

      skipping = have_skip && compare_local (&t, &skip_before) < 0;
      if (skipping && g_hash_table_size (plan->changes) == 0)
        continue;

      id = format_local (&t);
      change = g_hash_table_lookup (plan->changes, id);
      if (change)
        {
          if (!change->cancelled)
            {
              g_autoptr(BvOccurrence) occurrence = NULL;

              occurrence = occurrence_new (plan,
                                           change->has_new_start ? &change->new_start : &t,
                                           change->new_duration > 0 ? change->new_duration : plan->duration,
                                           id, TRUE);
              if (overlaps (occurrence, from, to))
                g_ptr_array_add (result, g_steal_pointer (&occurrence));
            }
        }
      else if (!originals_done && !skipping)
        {
          g_autoptr(BvOccurrence) occurrence = occurrence_new (plan, &t, plan->duration, id, FALSE);

          if (to && g_date_time_compare (occurrence->start, to) >= 0)
            {
              originals_done = TRUE;
            }
          else if (overlaps (occurrence, from, to))
            {
              g_ptr_array_add (result, g_steal_pointer (&occurrence));
              if (++n_originals >= max_count)
                originals_done = TRUE;
            }
        }

      if (originals_done
          && (!plan->last_moved_id || strcmp (id, plan->last_moved_id) >= 0))
        break;
    }

  if (steps >= MAX_STEPS)
    g_debug ("Stopped expanding a rule after %u steps", steps);

  g_ptr_array_sort (result, compare_occurrences);
  if (result->len > max_count)
    g_ptr_array_set_size (result, max_count);

  return g_steal_pointer (&result);
}

/* Public API */

/**
 * bv_occurrence_copy:
 * @self: an occurrence
 *
 * Returns: (transfer full): a copy of @self
 */
BvOccurrence *
bv_occurrence_copy (const BvOccurrence *self)
{
  BvOccurrence *copy;

  g_return_val_if_fail (self, NULL);

  copy = g_new0 (BvOccurrence, 1);
  copy->start = g_date_time_ref (self->start);
  copy->end = g_date_time_ref (self->end);
  copy->recurrence_id = g_strdup (self->recurrence_id);
  copy->moved = self->moved;
  return copy;
}

void
bv_occurrence_free (BvOccurrence *self)
{
  if (!self)
    return;

  g_clear_pointer (&self->start, g_date_time_unref);
  g_clear_pointer (&self->end, g_date_time_unref);
  g_clear_pointer (&self->recurrence_id, g_free);
  g_free (self);
}

GPtrArray *
bv_occurrences_expand (const char                  *start_local,
                       const char                  *tzid,
                       guint                        duration_minutes,
                       const char                  *rrule,
                       const BvOccurrenceException *exceptions,
                       guint                        n_exceptions,
                       GDateTime                   *from,
                       GDateTime                   *to,
                       guint                        max_count,
                       GError                     **error)
{
  g_auto(Plan) plan = { .recurring = FALSE };

  g_return_val_if_fail (start_local, NULL);
  g_return_val_if_fail (tzid, NULL);
  g_return_val_if_fail (exceptions || n_exceptions == 0, NULL);
  g_return_val_if_fail (max_count > 0, NULL);
  g_return_val_if_fail (!error || !*error, NULL);

  if (!plan_init (&plan, start_local, tzid, duration_minutes, rrule,
                  exceptions, n_exceptions, error))
    return NULL;

  return plan_expand (&plan, from, to, max_count);
}

BvOccurrence *
bv_occurrences_next (const char                  *start_local,
                     const char                  *tzid,
                     guint                        duration_minutes,
                     const char                  *rrule,
                     const BvOccurrenceException *exceptions,
                     guint                        n_exceptions,
                     GDateTime                   *now,
                     GError                     **error)
{
  g_auto(Plan) plan = { .recurring = FALSE };
  g_autoptr(GPtrArray) occurrences = NULL;

  g_return_val_if_fail (start_local, NULL);
  g_return_val_if_fail (tzid, NULL);
  g_return_val_if_fail (exceptions || n_exceptions == 0, NULL);
  g_return_val_if_fail (now, NULL);
  g_return_val_if_fail (!error || !*error, NULL);

  if (!plan_init (&plan, start_local, tzid, duration_minutes, rrule,
                  exceptions, n_exceptions, error))
    return NULL;

  /* from = now also takes the one still running */
  occurrences = plan_expand (&plan, now, NULL, 1);
  if (occurrences->len == 0)
    return NULL;
  return g_ptr_array_steal_index (occurrences, 0);
}

gboolean
bv_occurrences_validate_rrule (const char  *rrule,
                               GError     **error)
{
  g_autofree char *text = NULL;
  struct icalrecurrencetype rule;

  g_return_val_if_fail (!error || !*error, FALSE);

  text = bv_occurrences_rule_text (rrule);
  if (!text)
    return TRUE;
  return bv_occurrences_parse_rule (text, &rule, error);
}
