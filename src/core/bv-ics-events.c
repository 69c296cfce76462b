/* bv-ics-events.c
 *
 * One VEVENT as a meeting: its properties, repetition, cancelled dates,
 * attendees, and the overrides (RECURRENCE-ID) that change single dates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-ics-import-private.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "bv-import-text.h"
#include "bv-meeting-kind-title.h"
#include "bv-occurrences.h"

/* The zone of a series whose DTSTART is in UTC. */
#define UTC_TZID "UTC"

#define MAX_TITLE_CHARS 64
#define DEFAULT_DURATION 60

/* A guest's name from a CN: longer ones are cut. */
#define MAX_ATTENDEE_NAME_CHARS 128
/* More people than a room of a club's server takes: a list like that is
 * a mailing list's, or an attack on the invitation store. */
#define MAX_ATTENDEES 1000

void
bv_ics_fields_free (BvIcsFields *fields)
{
  g_free (fields->title);
  g_free (fields->uid);
  g_free (fields->description);
  g_ptr_array_unref (fields->exdates);
  g_ptr_array_unref (fields->attendees);
  g_free (fields);
}

void
bv_ics_master_free (BvIcsMaster *master)
{
  g_clear_pointer (&master->event, bv_ics_event_free);
  bv_ics_zone_clear (&master->zone);
  g_clear_pointer (&master->meeting_tz, g_time_zone_unref);
  g_clear_pointer (&master->exceptions, g_hash_table_unref);
  g_free (master);
}

/* Messages */

typedef enum {
  EVENT_NO_START,
  EVENT_BAD_START,
  EVENT_BAD_END,
  EVENT_ENDS_BEFORE_START,
  EVENT_UNKNOWN_ZONE,
  EVENT_BAD_DATE,
  EVENT_COSTLY_ZONE,
  EVENT_TOO_MANY_ATTENDEES,
} EventProblem;

static void
set_event_error (GError       **error,
                 const char    *title,
                 EventProblem   problem,
                 guint          line)
{
  switch (problem)
    {
    case EVENT_NO_START:
      /* Translators: %s is the event's title, %u a line number of the file. */
      g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_INVALID,
                   _("The event “%s” has no start time (line %u). Give it one in your "
                     "calendar program and export it again."),
                   title, line);
      break;

    case EVENT_BAD_START:
      /* Translators: %s is the event's title, %u a line number of the file. */
      g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_INVALID,
                   _("The event “%s” has a start time that cannot be read (line %u). Correct "
                     "it in your calendar program and export it again."),
                   title, line);
      break;

    case EVENT_BAD_END:
      /* Translators: %s is the event's title, %u a line number of the file. */
      g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_INVALID,
                   _("The event “%s” has an end time or length that cannot be read (line %u). "
                     "Correct it in your calendar program and export it again."),
                   title, line);
      break;

    case EVENT_ENDS_BEFORE_START:
      /* Translators: %s is the event's title, %u a line number of the file. */
      g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_INVALID,
                   _("The event “%s” ends before it starts (line %u). Correct it in your "
                     "calendar program and export it again."),
                   title, line);
      break;

    case EVENT_UNKNOWN_ZONE:
      /* Translators: %s is the event's title, %u a line number of the file. */
      g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_INVALID,
                   _("The event “%s” uses a time zone that is not known (line %u). Export it "
                     "again with its time zone included, or choose another time zone in your "
                     "calendar program."),
                   title, line);
      break;

    case EVENT_COSTLY_ZONE:
      /* Translators: %s is the event's title, %u a line number of the file. */
      g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_INVALID,
                   _("The event “%s” uses a time zone whose rules cannot be used (line %u): "
                     "they change more often than once a month or list too many dates. "
                     "Nothing was imported. Export the file again with a usual time zone "
                     "such as Europe/Berlin."),
                   title, line);
      break;

    case EVENT_TOO_MANY_ATTENDEES:
      /* Translators: %s is the event's title, %u a line number of the file,
       * the second %u a number (1000). */
      g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_INVALID,
                   _("The event “%s” invites more than %u people (line %u). Nothing was "
                     "imported. Remove the attendees in your calendar program and invite "
                     "them here instead."),
                   title, MAX_ATTENDEES, line);
      break;

    case EVENT_BAD_DATE:
      /* Translators: %s is the event's title, %u a line number of the file. */
      g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_INVALID,
                   _("The event “%s” has a cancelled or changed date that cannot be read "
                     "(line %u). Correct it in your calendar program and export it again."),
                   title, line);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Reading properties */

/* As bv_ics_read_time(), with the error set for @line. */
static gboolean
read_time_line (BvIcsParser          *p,
                const BvIcsLine      *line,
                const char           *text,
                const char           *title,
                EventProblem          problem,
                struct icaltimetype  *t,
                BvIcsZone            *zone,
                GError              **error)
{
  gboolean unknown_zone;

  if (bv_ics_read_time (p, text, t, zone, &unknown_zone))
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (p->cancellable, error))
    return FALSE;
  if (unknown_zone && p->zone_refused)
    problem = EVENT_COSTLY_ZONE;
  else if (unknown_zone)
    problem = EVENT_UNKNOWN_ZONE;
  set_event_error (error, title, problem, line->number);
  return FALSE;
}

static char *
read_text (const BvIcsLine *line)
{
  g_autoptr(icalproperty) prop = bv_ics_property_new (line->text);
  icalproperty_kind kind;
  const char *value = NULL;

  if (!prop)
    return NULL;

  kind = icalproperty_isa (prop);
  if (kind == ICAL_SUMMARY_PROPERTY)
    value = icalproperty_get_summary (prop);
  else if (kind == ICAL_DESCRIPTION_PROPERTY)
    value = icalproperty_get_description (prop);
  else if (kind == ICAL_UID_PROPERTY)
    value = icalproperty_get_uid (prop);
  return value ? g_strdup (value) : NULL;
}

/* BigBlueButton takes 2 to 64 characters; longer titles are cut after a
 * word. */
static char *
make_title (const char *summary)
{
  /* A title is one line of plain text (no escape sequences or bidi
   * overrides either). */
  g_autofree char *trimmed = bv_import_text_plain (summary ? summary : "", G_MAXUINT);
  g_autoptr(GString) title = NULL;
  const char *limit;
  const char *cut = NULL;

  if (!trimmed)
    trimmed = g_strdup ("");

  if (g_utf8_strlen (trimmed, -1) < 2)
    return g_strdup (_("Imported meeting"));
  if (g_utf8_strlen (trimmed, -1) <= MAX_TITLE_CHARS)
    return g_steal_pointer (&trimmed);

  /* Room for the ellipsis. */
  limit = g_utf8_offset_to_pointer (trimmed, MAX_TITLE_CHARS - 1);
  for (const char *c = trimmed; c <= limit; c = g_utf8_next_char (c))
    if (g_unichar_isspace (g_utf8_get_char (c)))
      cut = c;
  if (!cut || cut == trimmed)
    cut = limit;

  title = g_string_new_len (trimmed, cut - trimmed);
  while (title->len > 0 && (title->str[title->len - 1] == ' '
                            || strchr (",;:-", title->str[title->len - 1])))
    g_string_truncate (title, title->len - 1);
  g_string_append (title, "…");
  return g_string_free (g_steal_pointer (&title), FALSE);
}

BvIcsFields *
bv_ics_read_fields (BvIcsRawEvent *raw)
{
  BvIcsFields *fields = g_new0 (BvIcsFields, 1);
  g_autofree char *summary = NULL;

  fields->raw = raw;
  fields->exdates = g_ptr_array_new ();
  fields->attendees = g_ptr_array_new ();

  for (guint i = 0; i < raw->lines->len; i++)
    {
      const BvIcsLine *line = g_ptr_array_index (raw->lines, i);
      const char *name = line->name;

      if (g_str_equal (name, "SUMMARY") && !summary)
        summary = read_text (line);
      else if (g_str_equal (name, "DESCRIPTION") && !fields->description)
        fields->description = read_text (line);
      else if (g_str_equal (name, "UID") && !fields->uid)
        {
          fields->uid = read_text (line);
          if (fields->uid && !*g_strstrip (fields->uid))
            g_clear_pointer (&fields->uid, g_free);
        }
      else if (g_str_equal (name, "STATUS"))
        {
          const char *value = bv_import_text_value_colon (line->text);
          g_autofree char *status = g_strstrip (g_strdup (value ? value + 1 : ""));

          fields->cancelled = g_ascii_strcasecmp (status, "CANCELLED") == 0;
        }
      else if (g_str_equal (name, "SEQUENCE"))
        {
          const char *value = bv_import_text_value_colon (line->text);

          fields->sequence = value ? (int) g_ascii_strtoll (value + 1, NULL, 10) : 0;
        }
      else if (g_str_equal (name, "DTSTART") && !fields->dtstart)
        fields->dtstart = line;
      else if (g_str_equal (name, "DTEND") && !fields->dtend)
        fields->dtend = line;
      else if (g_str_equal (name, "DURATION") && !fields->duration)
        fields->duration = line;
      else if (g_str_equal (name, "RRULE") && !fields->rrule)
        fields->rrule = line;
      else if (g_str_equal (name, "RECURRENCE-ID") && !fields->recurrence_id)
        fields->recurrence_id = line;
      else if (g_str_equal (name, "EXDATE"))
        g_ptr_array_add (fields->exdates, (gpointer) line);
      else if (g_str_equal (name, "ATTENDEE"))
        g_ptr_array_add (fields->attendees, (gpointer) line);
    }

  fields->title = make_title (summary);
  if (fields->description && !*g_strstrip (fields->description))
    g_clear_pointer (&fields->description, g_free);
  return fields;
}

/* The local time of an instant or wall-clock time in the meeting's zone:
 * wall-clock times of the meeting's own zone (and floating ones) stay as
 * written, others are converted through their instant. */
static char *
meeting_local (BvIcsParser               *p,
               BvIcsMaster               *master,
               const BvIcsZone           *zone,
               const struct icaltimetype *t)
{
  g_autoptr(GDateTime) instant = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (zone->kind == ZONE_FLOATING
      || (zone->kind == ZONE_OLSON && master->zone.kind == ZONE_OLSON
          && g_str_equal (zone->olson, master->zone.olson)))
    return bv_ics_format_local (t);

  instant = bv_ics_zone_instant (p, zone, t);
  if (!instant)
    return bv_ics_format_local (t);
  local = g_date_time_to_timezone (instant, master->meeting_tz);
  return bv_ics_format_date_time (local);
}

/* The length of an event from DTEND or DURATION, in minutes; 0 when it
 * has neither. */
static gboolean
read_duration (BvIcsParser                *p,
               const BvIcsFields          *fields,
               const BvIcsZone            *start_zone,
               const struct icaltimetype  *start,
               guint                      *minutes,
               GError                    **error)
{
  gint64 seconds;
  guint line;

  *minutes = 0;

  if (fields->dtend)
    {
      struct icaltimetype end;
      BvIcsZone end_zone = { 0 };
      g_autoptr(GDateTime) start_instant = NULL;
      g_autoptr(GDateTime) end_instant = NULL;

      if (!read_time_line (p, fields->dtend, fields->dtend->text, fields->title,
                           EVENT_BAD_END, &end, &end_zone, error))
        return FALSE;
      if (end.is_date)
        {
          bv_ics_zone_clear (&end_zone);
          set_event_error (error, fields->title, EVENT_BAD_END, fields->dtend->number);
          return FALSE;
        }
      start_instant = bv_ics_zone_instant (p, start_zone, start);
      end_instant = bv_ics_zone_instant (p, &end_zone, &end);
      bv_ics_zone_clear (&end_zone);
      if (!start_instant || !end_instant)
        {
          set_event_error (error, fields->title, EVENT_BAD_END, fields->dtend->number);
          return FALSE;
        }
      seconds = g_date_time_difference (end_instant, start_instant) / G_TIME_SPAN_SECOND;
      line = fields->dtend->number;
    }
  else if (fields->duration)
    {
      g_autoptr(icalproperty) prop = bv_ics_property_new (fields->duration->text);
      struct icaldurationtype duration;

      if (!prop || icalproperty_isa (prop) != ICAL_DURATION_PROPERTY)
        {
          set_event_error (error, fields->title, EVENT_BAD_END, fields->duration->number);
          return FALSE;
        }
      duration = icalproperty_get_duration (prop);
      if (icaldurationtype_is_bad_duration (duration))
        {
          set_event_error (error, fields->title, EVENT_BAD_END, fields->duration->number);
          return FALSE;
        }
      seconds = icaldurationtype_as_int (duration);
      line = fields->duration->number;
    }
  else
    return TRUE;

  if (seconds < 0)
    {
      set_event_error (error, fields->title, EVENT_ENDS_BEFORE_START, line);
      return FALSE;
    }

  /* A meeting lasts at least a minute; parts of a minute count. */
  *minutes = (guint) CLAMP ((seconds + 59) / 60, 1, G_MAXINT);
  return TRUE;
}

static char *
read_rrule (const BvIcsFields  *fields,
            GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *colon;
  g_autofree char *rrule = NULL;

  if (!fields->rrule)
    return NULL;

  colon = bv_import_text_value_colon (fields->rrule->text);
  rrule = g_strstrip (g_strdup (colon ? colon + 1 : ""));
  /* Some programs end the rule with a semicolon. */
  while (g_str_has_suffix (rrule, ";"))
    rrule[strlen (rrule) - 1] = '\0';

  if (!*rrule)
    bv_occurrences_validate_rrule ("FREQ=", &local_error);
  else
    bv_occurrences_validate_rrule (rrule, &local_error);
  if (local_error)
    {
      /* Translators: %s is the event's title, %u a line number of the file,
       * the last %s a sentence that says what is wrong with the repetition. */
      g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_INVALID,
                   _("The event “%s” cannot be imported (line %u): %s"),
                   fields->title, fields->rrule->number, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&rrule);
}

static void
add_exception (BvIcsMaster        *master,
               BvMeetingException *exception)
{
  g_hash_table_replace (master->exceptions, exception->recurrence_id, exception);
}

/* EXDATE lines, each with one or more comma-separated values. */
static gboolean
read_exdates (BvIcsParser  *p,
              BvIcsMaster  *master,
              GError      **error)
{
  const struct icaltimetype *start = &master->local_start;
  BvIcsFields *fields = master->fields;

  for (guint i = 0; i < fields->exdates->len; i++)
    {
      const BvIcsLine *line = g_ptr_array_index (fields->exdates, i);
      const char *colon = bv_import_text_value_colon (line->text);
      g_autofree char *prefix = NULL;
      g_auto(GStrv) values = NULL;

      if (!colon)
        continue;
      prefix = g_strndup (line->text, colon - line->text);
      values = g_strsplit (colon + 1, ",", -1);

      for (guint j = 0; values[j]; j++)
        {
          g_autofree char *single = NULL;
          struct icaltimetype t;
          BvIcsZone zone = { 0 };
          char *recurrence_id;

          g_strstrip (values[j]);
          if (!*values[j])
            continue;
          single = g_strdup_printf ("%s:%s", prefix, values[j]);
          if (!read_time_line (p, line, single, fields->title, EVENT_BAD_DATE, &t, &zone, error))
            return FALSE;

          if (t.is_date)
            {
              /* A date cancels that day's meeting. */
              t.is_date = 0;
              t.hour = start->hour;
              t.minute = start->minute;
              t.second = start->second;
              recurrence_id = bv_ics_format_local (&t);
            }
          else
            recurrence_id = meeting_local (p, master, &zone, &t);
          bv_ics_zone_clear (&zone);

          add_exception (master, bv_meeting_exception_new (recurrence_id, TRUE, NULL, 0));
          g_free (recurrence_id);
        }
    }
  return TRUE;
}

static void
attendee_free (BvIcsAttendee *attendee)
{
  g_free (attendee->name);
  g_free (attendee->email);
  g_free (attendee);
}

/* The people an event invites: ATTENDEE lines with a mailto: address (the
 * key by which a second import recognises them), their CN and whether
 * they chair the meeting. Lines that cannot be read are left out rather
 * than failing the meeting: the invitation list is a convenience.
 * Addresses that are none by the members' rule go to @refused, decoded,
 * so that "anna@x.org%2Cboss@evil.org" never becomes an invitation. */
static GPtrArray *
read_attendees (const BvIcsFields *fields,
                GPtrArray         *refused)
{
  g_autoptr(GPtrArray) attendees = g_ptr_array_new_with_free_func ((GDestroyNotify) attendee_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < fields->attendees->len; i++)
    {
      const BvIcsLine *line = g_ptr_array_index (fields->attendees, i);
      g_autoptr(icalproperty) prop = bv_ics_property_new (line->text);
      g_autofree char *email = NULL;
      g_autofree char *key = NULL;
      icalparameter *param;
      const char *value;
      const char *cn = NULL;
      gboolean chair = FALSE;
      BvIcsAttendee *attendee;

      if (!prop || icalproperty_isa (prop) != ICAL_ATTENDEE_PROPERTY)
        continue;
      value = icalproperty_get_attendee (prop);
      if (!value || g_ascii_strncasecmp (value, "mailto:", 7) != 0)
        continue;
      /* Some programs percent-encode the address as in a URI. */
      email = g_uri_unescape_string (value + 7, NULL);
      if (!email)
        email = g_strdup (value + 7);
      g_strstrip (email);
      if (!*email)
        continue;
      if (!bv_member_email_is_valid (email))
        {
          /* Shown to the user: as one line of valid text. */
          g_autofree char *valid = g_utf8_make_valid (email, -1);
          char *shown = bv_import_text_plain (valid, 80);

          if (shown)
            g_ptr_array_add (refused, shown);
          continue;
        }

      param = icalproperty_get_first_parameter (prop, ICAL_CN_PARAMETER);
      if (param)
        cn = icalparameter_get_cn (param);
      param = icalproperty_get_first_parameter (prop, ICAL_ROLE_PARAMETER);
      if (param)
        chair = icalparameter_get_role (param) == ICAL_ROLE_CHAIR;

      key = g_utf8_casefold (email, -1);
      attendee = g_hash_table_lookup (seen, key);
      if (attendee)
        {
          /* Listed twice: a chair stays one. */
          attendee->moderator = attendee->moderator || chair;
          continue;
        }

      attendee = g_new0 (BvIcsAttendee, 1);
      attendee->email = g_steal_pointer (&email);
      if (cn && *cn && g_utf8_validate (cn, -1, NULL))
        attendee->name = bv_import_text_plain (cn, MAX_ATTENDEE_NAME_CHARS);
      attendee->moderator = chair;
      g_ptr_array_add (attendees, attendee);
      g_hash_table_insert (seen, g_steal_pointer (&key), attendee);
    }

  return g_steal_pointer (&attendees);
}

/* A VEVENT without RECURRENCE-ID. NULL without error when it is skipped. */
BvIcsMaster *
bv_ics_read_master (BvIcsParser  *p,
                    BvIcsFields  *fields,
                    GError      **error)
{
  g_autoptr(BvIcsMaster) master = g_new0 (BvIcsMaster, 1);
  struct icaltimetype start;
  g_autofree char *start_local = NULL;
  const char *tzid;
  g_autofree char *rrule = NULL;
  g_autoptr(GError) local_error = NULL;
  guint duration;
  BvMeeting *meeting;

  master->fields = fields;
  master->exceptions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) bv_meeting_exception_free);

  if (!fields->dtstart)
    {
      set_event_error (error, fields->title, EVENT_NO_START, fields->raw->begin_line);
      return NULL;
    }
  if (!read_time_line (p, fields->dtstart, fields->dtstart->text, fields->title,
                       EVENT_BAD_START, &start, &master->zone, error))
    return NULL;

  /* All-day events are dates, not meetings; cancelled ones do not take
   * place. */
  if (start.is_date || fields->cancelled)
    return NULL;

  if (master->zone.kind == ZONE_OLSON)
    {
      tzid = master->zone.olson;
      master->meeting_tz = g_time_zone_ref (master->zone.tz);
      start_local = bv_ics_format_local (&start);
    }
  else if (master->zone.kind == ZONE_FLOATING)
    {
      tzid = DEFAULT_TZID;
      master->meeting_tz = g_time_zone_ref (p->default_tz);
      start_local = bv_ics_format_local (&start);
    }
  else if (master->zone.kind == ZONE_UTC)
    {
      /* RFC 5545 3.3.10: a series whose start is in UTC recurs at the same
       * UTC instant, so its local time moves with daylight saving, as in
       * Thunderbird, Outlook and Google. Its zone is therefore UTC;
       * occurrences are shown in the user's zone. */
      tzid = UTC_TZID;
      master->meeting_tz = g_time_zone_new_utc ();
      start_local = bv_ics_format_local (&start);
    }
  else
    {
      g_autoptr(GDateTime) instant = bv_ics_zone_instant (p, &master->zone, &start);
      g_autoptr(GDateTime) local = NULL;

      if (!instant)
        {
          set_event_error (error, fields->title, EVENT_BAD_START, fields->dtstart->number);
          return NULL;
        }
      tzid = DEFAULT_TZID;
      master->meeting_tz = g_time_zone_ref (p->default_tz);
      local = g_date_time_to_timezone (instant, p->default_tz);
      start_local = bv_ics_format_date_time (local);
    }

  if (sscanf (start_local, "%d-%d-%dT%d:%d:%d", &master->local_start.year,
              &master->local_start.month, &master->local_start.day, &master->local_start.hour,
              &master->local_start.minute, &master->local_start.second) != 6)
    {
      set_event_error (error, fields->title, EVENT_BAD_START, fields->dtstart->number);
      return NULL;
    }

  if (!read_duration (p, fields, &master->zone, &start, &duration, error))
    return NULL;
  if (duration == 0)
    duration = DEFAULT_DURATION;

  rrule = read_rrule (fields, &local_error);
  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!read_exdates (p, master, error))
    return NULL;

  if (fields->attendees->len > MAX_ATTENDEES)
    {
      set_event_error (error, fields->title, EVENT_TOO_MANY_ATTENDEES, fields->raw->begin_line);
      return NULL;
    }

  master->event = g_new0 (BvIcsEvent, 1);
  master->event->meeting = meeting = bv_meeting_new (bv_meeting_kind_from_title (fields->title));
  master->event->exceptions = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_meeting_exception_free);
  master->event->refused_attendees = g_ptr_array_new_with_free_func (g_free);
  master->event->attendees = read_attendees (fields, master->event->refused_attendees);
  bv_meeting_set_title (meeting, fields->title);
  bv_meeting_set_start (meeting, start_local, tzid);
  bv_meeting_set_duration (meeting, duration);
  bv_meeting_set_rrule (meeting, rrule);
  bv_meeting_set_welcome (meeting, fields->description);
  bv_meeting_set_ical_uid (meeting, fields->uid);

  return g_steal_pointer (&master);
}

/* A VEVENT with RECURRENCE-ID: one changed or cancelled date of @master. */
gboolean
bv_ics_read_override (BvIcsParser  *p,
                      BvIcsMaster  *master,
                      BvIcsFields  *fields,
                      GError      **error)
{
  BvMeeting *meeting = master->event->meeting;
  struct icaltimetype original;
  struct icaltimetype start;
  BvIcsZone zone = { 0 };
  g_autofree char *recurrence_id = NULL;
  g_autofree char *new_start = NULL;
  guint duration;

  if (!read_time_line (p, fields->recurrence_id, fields->recurrence_id->text, fields->title,
                       EVENT_BAD_DATE, &original, &zone, error))
    return FALSE;
  if (original.is_date)
    {
      /* The date of an occurrence that starts at the meeting's time. */
      original.is_date = 0;
      original.hour = master->local_start.hour;
      original.minute = master->local_start.minute;
      original.second = master->local_start.second;
      recurrence_id = bv_ics_format_local (&original);
    }
  else
    recurrence_id = meeting_local (p, master, &zone, &original);
  bv_ics_zone_clear (&zone);

  if (fields->cancelled)
    {
      add_exception (master, bv_meeting_exception_new (recurrence_id, TRUE, NULL, 0));
      return TRUE;
    }

  if (!fields->dtstart)
    return TRUE;
  if (!read_time_line (p, fields->dtstart, fields->dtstart->text, fields->title,
                       EVENT_BAD_START, &start, &zone, error))
    return FALSE;
  if (start.is_date)
    {
      /* An all-day replacement of a meeting is no meeting. */
      bv_ics_zone_clear (&zone);
      return TRUE;
    }

  if (!read_duration (p, fields, &zone, &start, &duration, error))
    {
      bv_ics_zone_clear (&zone);
      return FALSE;
    }
  new_start = meeting_local (p, master, &zone, &start);
  bv_ics_zone_clear (&zone);

  if (g_str_equal (new_start, recurrence_id))
    g_clear_pointer (&new_start, g_free);
  if (duration == bv_meeting_get_duration (meeting))
    duration = 0;

  /* Overrides that only change the text keep the date as it is. */
  if (!new_start && duration == 0)
    return TRUE;

  add_exception (master, bv_meeting_exception_new (recurrence_id, FALSE, new_start, duration));
  return TRUE;
}
