/* bv-invitation-ics.c
 *
 * The calendar file (.ics) of an invitation: one VEVENT with the series'
 * rule, its cancelled dates and the personal link, in the meeting's own
 * zone. Declared in bv-invitation.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-invitation.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>
#include <string.h>


#define PRODID "-//herzlich.org//BBB fuer Vereine//DE"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

static gboolean
parse_local (const char          *text,
             struct icaltimetype *t)
{
  int year, month, day, hour, minute, second = 0;

  if (!text || sscanf (text, "%d-%d-%dT%d:%d:%d", &year, &month, &day, &hour, &minute, &second) < 5)
    return FALSE;
  *t = icaltime_null_time ();
  t->year = year;
  t->month = month;
  t->day = day;
  t->hour = hour;
  t->minute = minute;
  t->second = second;
  t->is_date = 0;
  return TRUE;
}

static gboolean
is_utc (const char *tzid)
{
  return g_ascii_strcasecmp (tzid, "UTC") == 0;
}

/* A series imported with its start in UTC keeps recurring in UTC; it is
 * written the same way ("…Z", no TZID), since UTC has no VTIMEZONE. */
static icalproperty *
with_tzid (icalproperty *prop,
           const char   *tzid)
{
  if (is_utc (tzid))
    {
      icalvalue *value = icalproperty_get_value (prop);
      struct icaltimetype t = icalvalue_get_datetime (value);

      t.zone = icaltimezone_get_utc_timezone ();
      icalvalue_set_datetime (value, t);
      return prop;
    }
  icalproperty_add_parameter (prop, icalparameter_new_tzid (tzid));
  return prop;
}

/* The zone's VTIMEZONE under the name the events use. libical names its
 * built-in zones "/freeassociation.sourceforge.net/Europe/Berlin" while
 * DTSTART says TZID=Europe/Berlin; Outlook and others find the rules only
 * when the two names are the same. Every calendar the app writes (files,
 * e-mail) comes through here. */
static icalcomponent *
zone_component (icaltimezone *zone,
                const char   *tzid)
{
  icalcomponent *component = icalcomponent_new_clone (icaltimezone_get_component (zone));
  icalproperty *property = icalcomponent_get_first_property (component, ICAL_TZID_PROPERTY);

  if (property)
    icalproperty_set_tzid (property, tzid);
  else
    icalcomponent_add_property (component, icalproperty_new_tzid (tzid));
  return component;
}

/* The local end of an event that starts at @start (wall clock in @tz)
 * and lasts @minutes of elapsed time. */
static struct icaltimetype
local_end (struct icaltimetype start,
           GTimeZone          *tz,
           guint               minutes)
{
  g_autoptr(GDateTime) begin = g_date_time_new (tz, start.year, start.month, start.day,
                                                start.hour, start.minute, start.second);
  g_autoptr(GDateTime) end = g_date_time_add_minutes (begin, minutes);
  struct icaltimetype t = start;

  t.year = g_date_time_get_year (end);
  t.month = g_date_time_get_month (end);
  t.day = g_date_time_get_day_of_month (end);
  t.hour = g_date_time_get_hour (end);
  t.minute = g_date_time_get_minute (end);
  t.second = g_date_time_get_second (end);
  return t;
}

static icalcomponent *
new_event (BvMeeting           *meeting,
           const char          *uid,
           struct icaltimetype  start,
           guint                duration,
           GTimeZone           *tz,
           const char          *link,
           const char          *description)
{
  icalcomponent *event = icalcomponent_new (ICAL_VEVENT_COMPONENT);
  const char *tzid = bv_meeting_get_tzid (meeting);
  const char *title = bv_meeting_get_title (meeting);
  g_autofree char *text = NULL;

  icalcomponent_add_property (event, icalproperty_new_uid (uid));
  icalcomponent_add_property (event, icalproperty_new_dtstamp (icaltime_current_time_with_zone (icaltimezone_get_utc_timezone ())));
  icalcomponent_add_property (event, with_tzid (icalproperty_new_dtstart (start), tzid));
  icalcomponent_add_property (event, with_tzid (icalproperty_new_dtend (local_end (start, tz, duration)), tzid));
  icalcomponent_add_property (event, icalproperty_new_summary (title ? title : ""));

  if (link && *link)
    {
      icalcomponent_add_property (event, icalproperty_new_url (link));
      icalcomponent_add_property (event, icalproperty_new_location (link));
      if (description && strstr (description, link))
        text = g_strdup (description);
      else if (description && *description)
        text = g_strconcat (description, "\n\n", link, NULL);
      else
        text = g_strdup (link);
    }
  else if (description && *description)
    text = g_strdup (description);

  if (text)
    icalcomponent_add_property (event, icalproperty_new_description (text));

  return event;
}

/**
 * bv_invitation_build_ics_full:
 * @exceptions: (nullable) (element-type BvMeetingException): the
 *   series' cancelled and moved dates
 *
 * As bv_invitation_build_ics(), with the cancelled dates as EXDATE and
 * the moved ones as events of their own with a RECURRENCE-ID.
 */
char *
bv_invitation_build_ics_full (BvMeeting   *meeting,
                              GPtrArray   *exceptions,
                              const char  *link,
                              const char  *description,
                              GError     **error)
{
  g_autoptr(icalcomponent) calendar = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *uid = NULL;
  icaltimezone *zone;
  icalcomponent *event;
  struct icaltimetype start;
  const char *tzid;
  const char *rrule;

  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (!error || !*error, NULL);

  tzid = bv_meeting_get_tzid (meeting);
  zone = tzid ? icaltimezone_get_builtin_timezone (tzid) : NULL;
  tz = tzid ? g_time_zone_new_identifier (tzid) : NULL;
  if (!zone || !tz || !parse_local (bv_meeting_get_start_local (meeting), &start))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The calendar file could not be made because the meeting’s date or "
                             "time zone is not valid. Check them in the meeting’s settings."));
      return NULL;
    }

  calendar = icalcomponent_new (ICAL_VCALENDAR_COMPONENT);
  icalcomponent_add_property (calendar, icalproperty_new_prodid (PRODID));
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_method (ICAL_METHOD_PUBLISH));
  /* The zone's rules go along, so that calendars which do not know the
   * Olson name still show the right time. */
  if (!is_utc (tzid))
    icalcomponent_add_component (calendar, zone_component (zone, tzid));

  /* The calendar's own event when the meeting came from one, so that
   * importing the invitation updates that event instead of doubling it. */
  if (bv_meeting_get_ical_uid (meeting))
    uid = g_strdup (bv_meeting_get_ical_uid (meeting));
  else
    uid = g_strdup_printf ("%s@bbb-vereine", bv_meeting_get_id (meeting));

  event = new_event (meeting, uid, start, bv_meeting_get_duration (meeting), tz, link, description);
  icalcomponent_add_component (calendar, event);

  rrule = bv_meeting_get_rrule (meeting);
  if (rrule && *rrule)
    {
      struct icalrecurrencetype recurrence = icalrecurrencetype_from_string (rrule);

      if (recurrence.freq == ICAL_NO_RECURRENCE)
        {
          icalerror_clear_errno ();
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The calendar file could not be made because the meeting’s "
                                 "repetition is not valid. Check it in the meeting’s settings."));
          return NULL;
        }
      icalcomponent_add_property (event, icalproperty_new_rrule (recurrence));

      for (guint i = 0; exceptions && i < exceptions->len; i++)
        {
          BvMeetingException *exception = g_ptr_array_index (exceptions, i);
          struct icaltimetype original;

          if (!parse_local (exception->recurrence_id, &original))
            continue;

          if (exception->cancelled)
            icalcomponent_add_property (event, with_tzid (icalproperty_new_exdate (original), tzid));
          else
            {
              struct icaltimetype moved = original;
              icalcomponent *override;

              if (exception->new_start_local && !parse_local (exception->new_start_local, &moved))
                continue;
              override = new_event (meeting, uid, moved,
                                    exception->new_duration ? exception->new_duration
                                                            : bv_meeting_get_duration (meeting),
                                    tz, link, description);
              icalcomponent_add_property (override,
                                          with_tzid (icalproperty_new_recurrenceid (original), tzid));
              icalcomponent_add_component (calendar, override);
            }
        }
    }

  return icalcomponent_as_ical_string_r (calendar);
}

char *
bv_invitation_build_ics (BvMeeting   *meeting,
                         const char  *link,
                         const char  *description,
                         GError     **error)
{
  return bv_invitation_build_ics_full (meeting, NULL, link, description, error);
}
