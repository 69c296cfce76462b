/* bv-ics-zones.c
 *
 * What a TZID stands for: UTC, an Olson name (also behind a vendor prefix or as
 * X-LIC-LOCATION), a Windows name through ICU, or the file's own VTIMEZONE
 * rules, counted out against the ZONE_* limits before libical expands them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-ics-import-private.h"

#include <string.h>

#include <unicode/ucal.h>

/* The years a date may have. */
#define MIN_YEAR 1900
#define MAX_YEAR 2500

/* VTIMEZONE components */

BvIcsVTimezone *
bv_ics_vtimezone_new (const char *text)
{
  icalcomponent *component = icalparser_parse_string (text);
  icalproperty *tzid_prop;
  BvIcsVTimezone *vtimezone;

  if (!component)
    return NULL;
  if (icalcomponent_isa (component) != ICAL_VTIMEZONE_COMPONENT
      || !(tzid_prop = icalcomponent_get_first_property (component, ICAL_TZID_PROPERTY)))
    {
      icalcomponent_free (component);
      return NULL;
    }

  vtimezone = g_new0 (BvIcsVTimezone, 1);
  for (icalproperty *prop = icalcomponent_get_first_property (component, ICAL_X_PROPERTY);
       prop; prop = icalcomponent_get_next_property (component, ICAL_X_PROPERTY))
    {
      const char *x_name = icalproperty_get_x_name (prop);
      const char *value = icalproperty_get_x (prop);

      if (x_name && value && g_ascii_strcasecmp (x_name, "X-LIC-LOCATION") == 0)
        {
          vtimezone->location = g_strstrip (g_strdup (value));
          break;
        }
    }

  vtimezone->zone = icaltimezone_new ();
  /* Takes the component over. */
  if (!icaltimezone_set_component (vtimezone->zone, component))
    {
      icalcomponent_free (component);
      icaltimezone_free (vtimezone->zone, 1);
      g_free (vtimezone->location);
      g_free (vtimezone);
      return NULL;
    }
  return vtimezone;
}

void
bv_ics_vtimezone_free (BvIcsVTimezone *vtimezone)
{
  icaltimezone_free (vtimezone->zone, 1);
  g_free (vtimezone->location);
  g_free (vtimezone);
}

void
bv_ics_zone_clear (BvIcsZone *zone)
{
  g_clear_pointer (&zone->olson, g_free);
  g_clear_pointer (&zone->tz, g_time_zone_unref);
  zone->rules = NULL;
  zone->kind = ZONE_FLOATING;
}

/* Time zones */

static gboolean
is_utc_name (const char *name)
{
  static const char * const names[] = {
    "UTC", "GMT", "Z", "UCT", "Universal", "Zulu", "Etc/UTC", "Etc/GMT",
    "Etc/UCT", "Etc/Universal", "Etc/Zulu", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* A zone of the system's tz database named like "Europe/Berlin". GLib
 * would also read file paths and POSIX rules such as "CET-1CEST", which
 * no calendar means by a TZID. */
static GTimeZone *
olson_zone (const char *name)
{
  if (!name || !g_ascii_isalpha (name[0]) || !strchr (name, '/') || strstr (name, "..")
      || strstr (name, "//"))
    return NULL;
  for (const char *c = name; *c; c++)
    if (!g_ascii_isalnum (*c) && !strchr ("/_+-", *c))
      return NULL;
  return g_time_zone_new_identifier (name);
}

/* Outlook names zones the Windows way ("W. Europe Standard Time"). */
static char *
windows_to_olson (const char *name)
{
  UChar windows_id[128];
  UChar olson_id[128];
  char olson[128];
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = 0;
  int32_t len;

  for (; name[n]; n++)
    {
      if (n >= (int32_t) G_N_ELEMENTS (windows_id) - 1 || (guchar) name[n] >= 0x80)
        return NULL;
      windows_id[n] = (UChar) name[n];
    }

  len = ucal_getTimeZoneIDForWindowsID (windows_id, n, NULL, olson_id,
                                        G_N_ELEMENTS (olson_id), &status);
  if (U_FAILURE (status) || len <= 0 || len >= (int32_t) G_N_ELEMENTS (olson))
    return NULL;
  for (int32_t i = 0; i < len; i++)
    {
      if (olson_id[i] >= 0x80)
        return NULL;
      olson[i] = (char) olson_id[i];
    }
  olson[len] = '\0';
  return g_strdup (olson);
}

static void
zone_set_olson (BvIcsZone  *zone,
                const char *name,
                GTimeZone  *tz)
{
  if (is_utc_name (name))
    {
      zone->kind = ZONE_UTC;
      g_time_zone_unref (tz);
      return;
    }
  zone->kind = ZONE_OLSON;
  zone->olson = g_strdup (name);
  zone->tz = tz;
}

/* Whether libical may expand @vtimezone's rules: every STANDARD and
 * DAYLIGHT part counted out with libical's own iterator, as libical would
 * expand it, but stopping at the limits. Counted once per zone; all
 * zones of the file share one budget. */
static gboolean
zone_rules_are_tame (BvIcsParser    *p,
                     BvIcsVTimezone *vtimezone)
{
  icalcomponent *component;
  guint parts = 0;
  guint rdates = 0;
  guint changes = 0;

  if (vtimezone->checked)
    return !vtimezone->refused;
  vtimezone->checked = TRUE;
  vtimezone->refused = TRUE;

  component = icaltimezone_get_component (vtimezone->zone);
  if (!component)
    return FALSE;

  for (icalcomponent *part = icalcomponent_get_first_component (component, ICAL_ANY_COMPONENT);
       part; part = icalcomponent_get_next_component (component, ICAL_ANY_COMPONENT))
    {
      icalcomponent_kind kind = icalcomponent_isa (part);
      icalproperty *dtstart_prop;
      struct icaltimetype dtstart;

      if (kind != ICAL_XSTANDARD_COMPONENT && kind != ICAL_XDAYLIGHT_COMPONENT)
        continue;
      if (++parts > ZONE_MAX_PARTS)
        return FALSE;

      /* Every part is at least one change. */
      changes++;

      for (icalproperty *prop = icalcomponent_get_first_property (part, ICAL_RDATE_PROPERTY);
           prop; prop = icalcomponent_get_next_property (part, ICAL_RDATE_PROPERTY))
        {
          changes++;
          if (++rdates > ZONE_MAX_RDATES)
            return FALSE;
        }

      dtstart_prop = icalcomponent_get_first_property (part, ICAL_DTSTART_PROPERTY);
      if (!dtstart_prop)
        continue;
      dtstart = icalproperty_get_dtstart (dtstart_prop);

      for (icalproperty *prop = icalcomponent_get_first_property (part, ICAL_RRULE_PROPERTY);
           prop; prop = icalcomponent_get_next_property (part, ICAL_RRULE_PROPERTY))
        {
          struct icalrecurrencetype rule = icalproperty_get_rrule (prop);
          icalrecur_iterator *iterator;
          guint steps;

          /* Zones change at most a few times a year; a rule by hour,
           * minute or second is no zone. */
          if ((rule.freq != ICAL_YEARLY_RECURRENCE && rule.freq != ICAL_MONTHLY_RECURRENCE)
              || rule.by_hour[0] != ICAL_RECURRENCE_ARRAY_MAX
              || rule.by_minute[0] != ICAL_RECURRENCE_ARRAY_MAX
              || rule.by_second[0] != ICAL_RECURRENCE_ARRAY_MAX)
            return FALSE;

          if (icaltime_is_null_time (dtstart) || dtstart.year < 1)
            continue;
          /* Rules of the far future would not be cut below. */
          if (dtstart.year > ZONE_LAST_YEAR)
            return FALSE;

          /* Cut the rule, for libical too: a rule that never matches
           * would otherwise be stepped through up to the year 2582. */
          if (icaltime_is_null_time (rule.until) || rule.until.year > ZONE_LAST_YEAR)
            {
              rule.until = icaltime_null_time ();
              rule.until.year = ZONE_LAST_YEAR;
              rule.until.month = 12;
              rule.until.day = 31;
              rule.until.hour = 23;
              rule.until.minute = 59;
              rule.until.second = 59;
              icalproperty_set_rrule (prop, rule);
            }
          steps = rule.until.year < dtstart.year
                  ? 0
                  : (guint) (rule.until.year - dtstart.year + 1)
                    * (rule.freq == ICAL_MONTHLY_RECURRENCE ? 12 : 1) / MAX (rule.interval, 1);
          if (steps > p->zone_steps)
            return FALSE;
          p->zone_steps -= steps;

          iterator = icalrecur_iterator_new (rule, dtstart);
          if (!iterator)
            continue;
          for (struct icaltimetype t = icalrecur_iterator_next (iterator);
               !icaltime_is_null_time (t) && t.year <= ZONE_LAST_YEAR;
               t = icalrecur_iterator_next (iterator))
            {
              if (++changes > ZONE_MAX_CHANGES || changes > p->zone_budget
                  || (changes % CANCEL_CHECK_INTERVAL == 0
                      && g_cancellable_is_cancelled (p->cancellable)))
                {
                  icalrecur_iterator_free (iterator);
                  return FALSE;
                }
            }
          icalrecur_iterator_free (iterator);
        }

      if (changes > ZONE_MAX_CHANGES || changes > p->zone_budget)
        return FALSE;
    }

  p->zone_budget -= changes;
  vtimezone->refused = FALSE;
  return TRUE;
}

/* What a TZID parameter stands for: an Olson name, such a name behind a
 * vendor prefix ("/mozilla.org/20050126_1/Europe/Berlin"), the
 * VTIMEZONE's X-LIC-LOCATION, a Windows name, or else the VTIMEZONE's
 * rules. FALSE when none of these is there, or when the rules would cost
 * too much to expand (p->zone_refused). */
static gboolean
resolve_tzid (BvIcsParser *p,
              const char  *tzid,
              BvIcsZone   *zone)
{
  BvIcsVTimezone *vtimezone = g_hash_table_lookup (p->vtimezones, tzid);
  g_autofree char *windows = NULL;
  GTimeZone *tz;

  bv_ics_zone_clear (zone);
  p->zone_refused = FALSE;

  if (is_utc_name (tzid))
    {
      zone->kind = ZONE_UTC;
      return TRUE;
    }

  if ((tz = olson_zone (tzid)))
    {
      zone_set_olson (zone, tzid, tz);
      return TRUE;
    }

  /* The longest suffix after a slash that names a zone. */
  for (const char *c = strchr (tzid, '/'); c; c = strchr (c + 1, '/'))
    {
      if ((tz = olson_zone (c + 1)))
        {
          zone_set_olson (zone, c + 1, tz);
          return TRUE;
        }
    }

  if (vtimezone && vtimezone->location && (tz = olson_zone (vtimezone->location)))
    {
      zone_set_olson (zone, vtimezone->location, tz);
      return TRUE;
    }

  windows = windows_to_olson (tzid);
  if (windows && (tz = olson_zone (windows)))
    {
      zone_set_olson (zone, windows, tz);
      return TRUE;
    }

  if (vtimezone)
    {
      if (!zone_rules_are_tame (p, vtimezone))
        {
          p->zone_refused = TRUE;
          return FALSE;
        }
      zone->kind = ZONE_RULES;
      zone->rules = vtimezone->zone;
      return TRUE;
    }

  return FALSE;
}

static gboolean
time_is_valid (const struct icaltimetype *t)
{
  if (icaltime_is_null_time (*t))
    return FALSE;
  if (t->year < MIN_YEAR || t->year > MAX_YEAR || t->month < 1 || t->month > 12
      || !g_date_valid_dmy (t->day, t->month, t->year))
    return FALSE;
  if (t->is_date)
    return TRUE;
  return t->hour >= 0 && t->hour <= 23 && t->minute >= 0 && t->minute <= 59
         && t->second >= 0 && t->second <= 60;
}

char *
bv_ics_format_local (const struct icaltimetype *t)
{
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d",
                          t->year, t->month, t->day, t->hour, t->minute, MIN (t->second, 59));
}

char *
bv_ics_format_date_time (GDateTime *dt)
{
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
}

/* The instant a time in @zone stands for. */
GDateTime *
bv_ics_zone_instant (BvIcsParser               *p,
                     const BvIcsZone           *zone,
                     const struct icaltimetype *t)
{
  int second = MIN (t->second, 59);

  switch (zone->kind)
    {
    case ZONE_UTC:
      return g_date_time_new_utc (t->year, t->month, t->day, t->hour, t->minute, second);

    case ZONE_FLOATING:
      return g_date_time_new (p->default_tz, t->year, t->month, t->day, t->hour, t->minute, second);

    case ZONE_OLSON:
      return g_date_time_new (zone->tz, t->year, t->month, t->day, t->hour, t->minute, second);

    case ZONE_RULES:
      {
        struct icaltimetype local = *t;

        local.zone = NULL;
        local.second = second;
        return g_date_time_new_from_unix_utc (icaltime_as_timet_with_zone (local, zone->rules));
      }

    default:
      g_assert_not_reached ();
    }
}

/* A DTSTART, DTEND, RECURRENCE-ID or single-valued EXDATE line: its time
 * and zone. FALSE for a value that is not a valid date or date-time, or
 * for an unknown zone (@unknown_zone TRUE). */
gboolean
bv_ics_read_time (BvIcsParser         *p,
                  const char          *text,
                  struct icaltimetype *t,
                  BvIcsZone           *zone,
                  gboolean            *unknown_zone)
{
  g_autoptr(icalproperty) prop = bv_ics_property_new (text);
  icalparameter *tzid_param;
  icalproperty_kind kind;
  const char *tzid = NULL;

  *unknown_zone = FALSE;
  bv_ics_zone_clear (zone);
  if (!prop)
    return FALSE;

  /* icalproperty_kind has too many values for a switch. */
  kind = icalproperty_isa (prop);
  if (kind == ICAL_DTSTART_PROPERTY)
    *t = icalproperty_get_dtstart (prop);
  else if (kind == ICAL_DTEND_PROPERTY)
    *t = icalproperty_get_dtend (prop);
  else if (kind == ICAL_RECURRENCEID_PROPERTY)
    *t = icalproperty_get_recurrenceid (prop);
  else if (kind == ICAL_EXDATE_PROPERTY)
    *t = icalproperty_get_exdate (prop);
  else
    return FALSE;

  if (!time_is_valid (t))
    return FALSE;

  if (t->is_date)
    return TRUE;

  if (icaltime_is_utc (*t))
    {
      t->zone = NULL;
      zone->kind = ZONE_UTC;
      return TRUE;
    }
  t->zone = NULL;

  tzid_param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);
  if (tzid_param)
    tzid = icalparameter_get_tzid (tzid_param);
  if (!tzid || !*tzid)
    {
      zone->kind = ZONE_FLOATING;
      return TRUE;
    }

  if (!resolve_tzid (p, tzid, zone))
    {
      *unknown_zone = TRUE;
      return FALSE;
    }
  return TRUE;
}
