/* bv-ics-import.c
 *
 * Planned meetings from the .ics files calendar programs export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-ics-import.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>
#include <unicode/ucal.h>

#include "bv-occurrences.h"

/* The zone of floating times and of zones known only by their
 * rules: the app plans for clubs in Germany. */
#define DEFAULT_TZID "Europe/Berlin"
/* The zone of a series whose DTSTART is in UTC. */
#define UTC_TZID "UTC"

#define MAX_TITLE_CHARS 64
#define DEFAULT_DURATION 60
#define MIN_YEAR 1900
#define MAX_YEAR 2500

struct _BvIcsEvent
{
  BvMeeting *meeting;
  GPtrArray *exceptions;
  GPtrArray *attendees;  /* of BvIcsAttendee */
};

/* One unfolded content line and the physical line it starts on. */
typedef struct
{
  guint  number;
  char  *text;
  char  *name;   /* upper case, without parameters */
} Line;

/* The content lines of one VEVENT, without those of its VALARMs. */
typedef struct
{
  guint      begin_line;
  GPtrArray *lines;
} RawEvent;

typedef struct
{
  icaltimezone *zone;
  char         *location;  /* X-LIC-LOCATION, or NULL */
} VTimezone;

typedef enum {
  ZONE_FLOATING,
  ZONE_UTC,
  ZONE_OLSON,
  ZONE_RULES,   /* a VTIMEZONE whose name says nothing known */
} ZoneKind;

typedef struct
{
  ZoneKind      kind;
  char         *olson;
  GTimeZone    *tz;
  icaltimezone *rules;  /* borrowed from the parser */
} Zone;

/* The lines of one VEVENT this import reads. */
typedef struct
{
  RawEvent   *raw;
  char       *title;
  char       *uid;
  char       *description;
  gboolean    cancelled;
  int         sequence;
  const Line *dtstart;
  const Line *dtend;
  const Line *duration;
  const Line *rrule;
  const Line *recurrence_id;
  GPtrArray  *exdates;  /* of const Line */
  GPtrArray  *attendees;  /* of const Line */
} Fields;

/* A master event while its overrides are collected. */
typedef struct
{
  BvIcsEvent *event;
  Fields     *fields;
  Zone        zone;
  GTimeZone  *meeting_tz;
  struct icaltimetype local_start;  /* wall-clock in meeting_tz */
  GHashTable *exceptions;  /* recurrence id → BvMeetingException */
} Master;

typedef struct
{
  const char *name;        /* for messages, or NULL */
  GTimeZone  *default_tz;
  GHashTable *vtimezones;  /* TZID → VTimezone */
  GPtrArray  *events;      /* of RawEvent */
  GPtrArray  *stack;       /* of char *, open components */
  RawEvent   *current;
  GString    *vtimezone;
  guint       last_line;
  gboolean    seen_content;
} Parser;

typedef struct
{
  BvDatabase        *database;
  GFile             *file;
  char              *name;
  char              *server_id;
  GPtrArray         *events;
  guint              skipped;
  BvIcsImportCounts  counts;
} ImportData;

G_DEFINE_QUARK (bv-ics-import-error-quark, bv_ics_import_error)

static void
line_free (Line *line)
{
  g_free (line->text);
  g_free (line->name);
  g_free (line);
}

static void
raw_event_free (RawEvent *raw)
{
  g_ptr_array_unref (raw->lines);
  g_free (raw);
}

static void
vtimezone_free (VTimezone *vtimezone)
{
  icaltimezone_free (vtimezone->zone, 1);
  g_free (vtimezone->location);
  g_free (vtimezone);
}

static void
zone_clear (Zone *zone)
{
  g_clear_pointer (&zone->olson, g_free);
  g_clear_pointer (&zone->tz, g_time_zone_unref);
  zone->rules = NULL;
  zone->kind = ZONE_FLOATING;
}

static void
fields_free (Fields *fields)
{
  g_free (fields->title);
  g_free (fields->uid);
  g_free (fields->description);
  g_ptr_array_unref (fields->exdates);
  g_ptr_array_unref (fields->attendees);
  g_free (fields);
}

static void
master_free (Master *master)
{
  g_clear_pointer (&master->event, bv_ics_event_free);
  zone_clear (&master->zone);
  g_clear_pointer (&master->meeting_tz, g_time_zone_unref);
  g_clear_pointer (&master->exceptions, g_hash_table_unref);
  g_free (master);
}

static void
parser_clear (Parser *p)
{
  g_clear_pointer (&p->default_tz, g_time_zone_unref);
  g_clear_pointer (&p->vtimezones, g_hash_table_unref);
  g_clear_pointer (&p->events, g_ptr_array_unref);
  g_clear_pointer (&p->stack, g_ptr_array_unref);
  if (p->vtimezone)
    g_string_free (p->vtimezone, TRUE);
  p->vtimezone = NULL;
  p->current = NULL;
}

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->database);
  g_clear_object (&data->file);
  g_free (data->name);
  g_free (data->server_id);
  g_clear_pointer (&data->events, g_ptr_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalproperty, icalproperty_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fields, fields_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Master, master_free)

/* Messages */

typedef enum {
  FILE_NOT_CALENDAR,
  FILE_NOT_UTF8,
  FILE_INCOMPLETE,
  FILE_NO_EVENTS,
  FILE_TOO_LARGE,
} FileProblem;

/* The problems of the file as a whole, naming it when its name is known. */
static void
set_file_error (GError      **error,
                const char   *name,
                FileProblem   problem,
                guint         line)
{
  switch (problem)
    {
    case FILE_NOT_CALENDAR:
      if (name)
        /* Translators: %s is a file name. */
        g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_INVALID,
                     _("“%s” is not a calendar file. Export the meeting from your calendar "
                       "as an .ics file and try again."), name);
      else
        g_set_error_literal (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_INVALID,
                             _("This is not a calendar file. Export the meeting from your "
                               "calendar as an .ics file and try again."));
      break;

    case FILE_NOT_UTF8:
      if (name)
        /* Translators: %s is a file name. */
        g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_INVALID,
                     _("The calendar file “%s” contains characters that cannot be read. "
                       "Export it again from your calendar program and try again."), name);
      else
        g_set_error_literal (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_INVALID,
                             _("The calendar file contains characters that cannot be read. "
                               "Export it again from your calendar program and try again."));
      break;

    case FILE_INCOMPLETE:
      if (name)
        /* Translators: %s is a file name, %u a line number. */
        g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_INVALID,
                     _("The calendar file “%s” is incomplete or damaged (line %u). "
                       "Export it again from your calendar program and try again."),
                     name, line);
      else
        /* Translators: %u is a line number. */
        g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_INVALID,
                     _("The calendar file is incomplete or damaged (line %u). "
                       "Export it again from your calendar program and try again."), line);
      break;

    case FILE_NO_EVENTS:
      if (name)
        /* Translators: %s is a file name. */
        g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_NO_EVENTS,
                     _("The calendar file “%s” contains no appointments. Export the "
                       "meetings themselves, not tasks or a free/busy list, and try again."),
                     name);
      else
        g_set_error_literal (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_NO_EVENTS,
                             _("The calendar file contains no appointments. Export the "
                               "meetings themselves, not tasks or a free/busy list, and "
                               "try again."));
      break;

    case FILE_TOO_LARGE:
      if (name)
        /* Translators: %s is a file name. */
        g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_READ,
                     _("The calendar file “%s” is larger than 10 MB. Export only the "
                       "meetings you want to plan here and try again."), name);
      else
        g_set_error_literal (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_READ,
                             _("The calendar file is larger than 10 MB. Export only the "
                               "meetings you want to plan here and try again."));
      break;

    default:
      g_assert_not_reached ();
    }
}

typedef enum {
  EVENT_NO_START,
  EVENT_BAD_START,
  EVENT_BAD_END,
  EVENT_ENDS_BEFORE_START,
  EVENT_UNKNOWN_ZONE,
  EVENT_BAD_DATE,
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

/* Scanning: BEGIN/END structure, unfolding, line numbers */

static VTimezone *
vtimezone_new (const char *text)
{
  icalcomponent *component = icalparser_parse_string (text);
  icalproperty *tzid_prop;
  VTimezone *vtimezone;

  if (!component)
    return NULL;
  if (icalcomponent_isa (component) != ICAL_VTIMEZONE_COMPONENT
      || !(tzid_prop = icalcomponent_get_first_property (component, ICAL_TZID_PROPERTY)))
    {
      icalcomponent_free (component);
      return NULL;
    }

  vtimezone = g_new0 (VTimezone, 1);
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

static const char *
stack_top (Parser *p)
{
  return p->stack->len ? g_ptr_array_index (p->stack, p->stack->len - 1) : NULL;
}

/* The position of the colon that ends name and parameters, skipping
 * quoted parameter values ("TZID=\"a:b\""). */
static const char *
value_separator (const char *text)
{
  gboolean quoted = FALSE;

  for (const char *c = text; *c; c++)
    {
      if (*c == '"')
        quoted = !quoted;
      else if (*c == ':' && !quoted)
        return c;
    }
  return NULL;
}

static char *
line_name (const char *text)
{
  gsize n = strcspn (text, ";:");

  return g_ascii_strup (text, n);
}

static gboolean
process_line (Parser      *p,
              guint        number,
              const char  *text,
              GError     **error)
{
  g_autofree char *name = line_name (text);
  const char *colon = value_separator (text);
  gboolean is_begin = g_str_equal (name, "BEGIN") && colon;
  gboolean is_end = g_str_equal (name, "END") && colon;
  g_autofree char *component = NULL;

  if (is_begin || is_end)
    component = g_strstrip (g_ascii_strup (colon + 1, -1));

  if (!p->seen_content)
    {
      p->seen_content = TRUE;
      if (!is_begin || !g_str_equal (component, "VCALENDAR"))
        {
          set_file_error (error, p->name, FILE_NOT_CALENDAR, number);
          return FALSE;
        }
    }

  if (p->vtimezone)
    g_string_append_printf (p->vtimezone, "%s\r\n", text);

  if (is_begin)
    {
      /* Files may hold several calendars one after the other. */
      if (p->stack->len == 0 && !g_str_equal (component, "VCALENDAR"))
        {
          set_file_error (error, p->name, FILE_INCOMPLETE, number);
          return FALSE;
        }
      g_ptr_array_add (p->stack, g_strdup (component));

      if (p->stack->len == 2 && g_str_equal (component, "VEVENT"))
        {
          p->current = g_new0 (RawEvent, 1);
          p->current->begin_line = number;
          p->current->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
          g_ptr_array_add (p->events, p->current);
        }
      else if (p->stack->len == 2 && g_str_equal (component, "VTIMEZONE"))
        {
          p->vtimezone = g_string_new (NULL);
          g_string_append_printf (p->vtimezone, "%s\r\n", text);
        }
      return TRUE;
    }

  if (is_end)
    {
      if (g_strcmp0 (stack_top (p), component) != 0)
        {
          set_file_error (error, p->name, FILE_INCOMPLETE, number);
          return FALSE;
        }
      g_ptr_array_remove_index (p->stack, p->stack->len - 1);

      if (p->stack->len == 1 && g_str_equal (component, "VEVENT"))
        p->current = NULL;
      else if (p->stack->len == 1 && g_str_equal (component, "VTIMEZONE"))
        {
          g_autofree char *zone_text = g_string_free (p->vtimezone, FALSE);
          VTimezone *vtimezone;

          p->vtimezone = NULL;
          vtimezone = vtimezone_new (zone_text);
          if (vtimezone)
            {
              const char *tzid = icaltimezone_get_tzid (vtimezone->zone);

              if (tzid)
                g_hash_table_replace (p->vtimezones, g_strdup (tzid), vtimezone);
              else
                vtimezone_free (vtimezone);
            }
        }
      return TRUE;
    }

  if (p->stack->len == 0)
    {
      set_file_error (error, p->name, FILE_INCOMPLETE, number);
      return FALSE;
    }

  if (p->current && p->stack->len == 2 && colon)
    {
      Line *line = g_new0 (Line, 1);

      line->number = number;
      line->text = g_strdup (text);
      line->name = g_steal_pointer (&name);
      g_ptr_array_add (p->current->lines, line);
    }

  return TRUE;
}

/* Splits @text into physical lines (CRLF, LF or CR), unfolds continuation
 * lines (RFC 5545 3.1) and checks that components nest. */
static gboolean
scan (Parser      *p,
      const char  *text,
      GError     **error)
{
  g_autoptr(GString) logical = g_string_new (NULL);
  guint logical_number = 0;
  guint number = 0;
  const char *pos = text;
  gboolean have_logical = FALSE;

  while (*pos)
    {
      gsize len = strcspn (pos, "\r\n");
      const char *end = pos + len;

      number++;
      if (len > 0 && (pos[0] == ' ' || pos[0] == '\t') && have_logical)
        g_string_append_len (logical, pos + 1, len - 1);
      else
        {
          if (have_logical && !process_line (p, logical_number, logical->str, error))
            return FALSE;
          have_logical = FALSE;
          g_string_truncate (logical, 0);

          /* Empty lines appear in hand-written files and are ignored. */
          if (len > 0)
            {
              g_string_append_len (logical, pos, len);
              logical_number = number;
              have_logical = TRUE;
            }
        }

      if (end[0] == '\r' && end[1] == '\n')
        end += 2;
      else if (end[0])
        end += 1;
      pos = end;
    }

  if (have_logical && !process_line (p, logical_number, logical->str, error))
    return FALSE;

  p->last_line = MAX (number, 1);
  if (!p->seen_content)
    {
      set_file_error (error, p->name, FILE_NOT_CALENDAR, 1);
      return FALSE;
    }
  if (p->stack->len > 0)
    {
      set_file_error (error, p->name, FILE_INCOMPLETE, p->last_line);
      return FALSE;
    }
  return TRUE;
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
zone_set_olson (Zone       *zone,
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

/* What a TZID parameter stands for: an Olson name, such a name behind a
 * vendor prefix ("/mozilla.org/20050126_1/Europe/Berlin"), the
 * VTIMEZONE's X-LIC-LOCATION, a Windows name, or else the VTIMEZONE's
 * rules. FALSE when none of these is there. */
static gboolean
resolve_tzid (Parser     *p,
              const char *tzid,
              Zone       *zone)
{
  VTimezone *vtimezone = g_hash_table_lookup (p->vtimezones, tzid);
  g_autofree char *windows = NULL;
  GTimeZone *tz;

  zone_clear (zone);

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

static char *
format_local (const struct icaltimetype *t)
{
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d",
                          t->year, t->month, t->day, t->hour, t->minute, MIN (t->second, 59));
}

static char *
format_date_time (GDateTime *dt)
{
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
}

/* The instant a time in @zone stands for. */
static GDateTime *
zone_instant (Parser                    *p,
              const Zone                *zone,
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

/* Reading properties */

static icalproperty *
property_new (const char *text)
{
  icalproperty *prop = icalproperty_new_from_string (text);

  if (prop && !icalproperty_get_value (prop))
    g_clear_pointer (&prop, icalproperty_free);
  return prop;
}

/* A DTSTART, DTEND, RECURRENCE-ID or single-valued EXDATE line: its time
 * and zone. FALSE for a value that is not a valid date or date-time, or
 * for an unknown zone (@unknown_zone TRUE). */
static gboolean
read_time (Parser              *p,
           const char          *text,
           struct icaltimetype *t,
           Zone                *zone,
           gboolean            *unknown_zone)
{
  g_autoptr(icalproperty) prop = property_new (text);
  icalparameter *tzid_param;
  icalproperty_kind kind;
  const char *tzid = NULL;

  *unknown_zone = FALSE;
  zone_clear (zone);
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

/* As read_time(), with the error set for @line. */
static gboolean
read_time_line (Parser               *p,
                const Line           *line,
                const char           *text,
                const char           *title,
                EventProblem          problem,
                struct icaltimetype  *t,
                Zone                 *zone,
                GError              **error)
{
  gboolean unknown_zone;

  if (read_time (p, text, t, zone, &unknown_zone))
    return TRUE;
  set_event_error (error, title, unknown_zone ? EVENT_UNKNOWN_ZONE : problem, line->number);
  return FALSE;
}

static char *
read_text (const Line *line)
{
  g_autoptr(icalproperty) prop = property_new (line->text);
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
  g_autofree char *trimmed = g_strstrip (g_strdup (summary ? summary : ""));
  g_autoptr(GString) title = NULL;
  const char *limit;
  const char *cut = NULL;

  /* A title is one line. */
  for (char *c = trimmed; *c; c++)
    if (*c == '\n' || *c == '\r' || *c == '\t')
      *c = ' ';

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

static Fields *
read_fields (RawEvent *raw)
{
  Fields *fields = g_new0 (Fields, 1);
  g_autofree char *summary = NULL;

  fields->raw = raw;
  fields->exdates = g_ptr_array_new ();
  fields->attendees = g_ptr_array_new ();

  for (guint i = 0; i < raw->lines->len; i++)
    {
      const Line *line = g_ptr_array_index (raw->lines, i);
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
          const char *value = value_separator (line->text);
          g_autofree char *status = g_strstrip (g_strdup (value ? value + 1 : ""));

          fields->cancelled = g_ascii_strcasecmp (status, "CANCELLED") == 0;
        }
      else if (g_str_equal (name, "SEQUENCE"))
        {
          const char *value = value_separator (line->text);

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
meeting_local (Parser                    *p,
               Master                    *master,
               const Zone                *zone,
               const struct icaltimetype *t)
{
  g_autoptr(GDateTime) instant = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (zone->kind == ZONE_FLOATING
      || (zone->kind == ZONE_OLSON && master->zone.kind == ZONE_OLSON
          && g_str_equal (zone->olson, master->zone.olson)))
    return format_local (t);

  instant = zone_instant (p, zone, t);
  if (!instant)
    return format_local (t);
  local = g_date_time_to_timezone (instant, master->meeting_tz);
  return format_date_time (local);
}

/* The length of an event from DTEND or DURATION, in minutes; 0 when it
 * has neither. */
static gboolean
read_duration (Parser                    *p,
               const Fields              *fields,
               const Zone                *start_zone,
               const struct icaltimetype *start,
               guint                     *minutes,
               GError                   **error)
{
  gint64 seconds;
  guint line;

  *minutes = 0;

  if (fields->dtend)
    {
      struct icaltimetype end;
      Zone end_zone = { 0 };
      g_autoptr(GDateTime) start_instant = NULL;
      g_autoptr(GDateTime) end_instant = NULL;

      if (!read_time_line (p, fields->dtend, fields->dtend->text, fields->title,
                           EVENT_BAD_END, &end, &end_zone, error))
        return FALSE;
      if (end.is_date)
        {
          zone_clear (&end_zone);
          set_event_error (error, fields->title, EVENT_BAD_END, fields->dtend->number);
          return FALSE;
        }
      start_instant = zone_instant (p, start_zone, start);
      end_instant = zone_instant (p, &end_zone, &end);
      zone_clear (&end_zone);
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
      g_autoptr(icalproperty) prop = property_new (fields->duration->text);
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
read_rrule (const Fields  *fields,
            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *colon;
  g_autofree char *rrule = NULL;

  if (!fields->rrule)
    return NULL;

  colon = value_separator (fields->rrule->text);
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
add_exception (Master             *master,
               BvMeetingException *exception)
{
  g_hash_table_replace (master->exceptions, exception->recurrence_id, exception);
}

/* EXDATE lines, each with one or more comma-separated values. */
static gboolean
read_exdates (Parser   *p,
              Master   *master,
              GError  **error)
{
  const struct icaltimetype *start = &master->local_start;
  Fields *fields = master->fields;

  for (guint i = 0; i < fields->exdates->len; i++)
    {
      const Line *line = g_ptr_array_index (fields->exdates, i);
      const char *colon = value_separator (line->text);
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
          Zone zone = { 0 };
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
              recurrence_id = format_local (&t);
            }
          else
            recurrence_id = meeting_local (p, master, &zone, &t);
          zone_clear (&zone);

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
 * than failing the meeting: the invitation list is a convenience. */
static GPtrArray *
read_attendees (const Fields *fields)
{
  g_autoptr(GPtrArray) attendees = g_ptr_array_new_with_free_func ((GDestroyNotify) attendee_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < fields->attendees->len; i++)
    {
      const Line *line = g_ptr_array_index (fields->attendees, i);
      g_autoptr(icalproperty) prop = property_new (line->text);
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
      if (!*email || !strchr (email, '@') || !g_utf8_validate (email, -1, NULL))
        continue;

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
      if (cn && *cn)
        {
          attendee->name = g_strstrip (g_strdup (cn));
          if (!*attendee->name)
            g_clear_pointer (&attendee->name, g_free);
        }
      attendee->moderator = chair;
      g_ptr_array_add (attendees, attendee);
      g_hash_table_insert (seen, g_steal_pointer (&key), attendee);
    }

  return g_steal_pointer (&attendees);
}

/* A VEVENT without RECURRENCE-ID. NULL without error when it is skipped. */
static Master *
read_master (Parser    *p,
             Fields    *fields,
             GError   **error)
{
  g_autoptr(Master) master = g_new0 (Master, 1);
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
      start_local = format_local (&start);
    }
  else if (master->zone.kind == ZONE_FLOATING)
    {
      tzid = DEFAULT_TZID;
      master->meeting_tz = g_time_zone_ref (p->default_tz);
      start_local = format_local (&start);
    }
  else if (master->zone.kind == ZONE_UTC)
    {
      /* RFC 5545 3.3.10: a series whose start is in UTC recurs at the same
       * UTC instant, so its local time moves with daylight saving, as in
       * Thunderbird, Outlook and Google. Its zone is therefore UTC;
       * occurrences are shown in the user's zone. */
      tzid = UTC_TZID;
      master->meeting_tz = g_time_zone_new_utc ();
      start_local = format_local (&start);
    }
  else
    {
      g_autoptr(GDateTime) instant = zone_instant (p, &master->zone, &start);
      g_autoptr(GDateTime) local = NULL;

      if (!instant)
        {
          set_event_error (error, fields->title, EVENT_BAD_START, fields->dtstart->number);
          return NULL;
        }
      tzid = DEFAULT_TZID;
      master->meeting_tz = g_time_zone_ref (p->default_tz);
      local = g_date_time_to_timezone (instant, p->default_tz);
      start_local = format_date_time (local);
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

  master->event = g_new0 (BvIcsEvent, 1);
  master->event->meeting = meeting = bv_meeting_new (BV_MEETING_KIND_GROUP);
  master->event->exceptions = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_meeting_exception_free);
  master->event->attendees = read_attendees (fields);
  bv_meeting_set_title (meeting, fields->title);
  bv_meeting_set_start (meeting, start_local, tzid);
  bv_meeting_set_duration (meeting, duration);
  bv_meeting_set_rrule (meeting, rrule);
  bv_meeting_set_welcome (meeting, fields->description);
  bv_meeting_set_ical_uid (meeting, fields->uid);

  return g_steal_pointer (&master);
}

/* A VEVENT with RECURRENCE-ID: one changed or cancelled date of @master. */
static gboolean
read_override (Parser    *p,
               Master    *master,
               Fields    *fields,
               GError   **error)
{
  BvMeeting *meeting = master->event->meeting;
  struct icaltimetype original;
  struct icaltimetype start;
  Zone zone = { 0 };
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
      recurrence_id = format_local (&original);
    }
  else
    recurrence_id = meeting_local (p, master, &zone, &original);
  zone_clear (&zone);

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
      zone_clear (&zone);
      return TRUE;
    }

  if (!read_duration (p, fields, &zone, &start, &duration, error))
    {
      zone_clear (&zone);
      return FALSE;
    }
  new_start = meeting_local (p, master, &zone, &start);
  zone_clear (&zone);

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

static int
compare_exceptions (gconstpointer a,
                    gconstpointer b)
{
  const BvMeetingException *ea = *(const BvMeetingException * const *) a;
  const BvMeetingException *eb = *(const BvMeetingException * const *) b;

  return strcmp (ea->recurrence_id, eb->recurrence_id);
}

static GPtrArray *
parse_internal (const char  *data,
                gsize        length,
                const char  *name,
                guint       *skipped,
                GError     **error)
{
  Parser p = { 0 };
  g_autofree char *text = NULL;
  const char *start;
  const char *invalid = NULL;
  g_autoptr(GPtrArray) all_fields = NULL;
  g_autoptr(GPtrArray) masters = NULL;
  g_autoptr(GHashTable) by_uid = NULL;
  g_autoptr(GHashTable) skipped_uids = NULL;
  g_autoptr(GPtrArray) result = NULL;
  gboolean ok = FALSE;

  *skipped = 0;

  if (length > BV_ICS_IMPORT_MAX_BYTES)
    {
      set_file_error (error, name, FILE_TOO_LARGE, 0);
      return NULL;
    }
  if (!g_utf8_validate (data, length, &invalid))
    {
      set_file_error (error, name, FILE_NOT_UTF8, 0);
      return NULL;
    }

  text = g_strndup (data, length);
  start = text;
  if (g_str_has_prefix (start, "\xef\xbb\xbf"))
    start += 3;

  p.name = name;
  p.default_tz = g_time_zone_new_identifier (DEFAULT_TZID);
  if (!p.default_tz)
    p.default_tz = g_time_zone_new_local ();
  p.vtimezones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) vtimezone_free);
  p.events = g_ptr_array_new_with_free_func ((GDestroyNotify) raw_event_free);
  p.stack = g_ptr_array_new_with_free_func (g_free);

  if (!scan (&p, start, error))
    goto out;

  if (p.events->len == 0)
    {
      set_file_error (error, name, FILE_NO_EVENTS, 0);
      goto out;
    }

  all_fields = g_ptr_array_new_with_free_func ((GDestroyNotify) fields_free);
  masters = g_ptr_array_new_with_free_func ((GDestroyNotify) master_free);
  by_uid = g_hash_table_new (g_str_hash, g_str_equal);
  skipped_uids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < p.events->len; i++)
    g_ptr_array_add (all_fields, read_fields (g_ptr_array_index (p.events, i)));

  for (guint i = 0; i < all_fields->len; i++)
    {
      Fields *fields = g_ptr_array_index (all_fields, i);
      Master *master;
      Master *earlier;
      g_autoptr(GError) local_error = NULL;

      if (fields->recurrence_id)
        continue;

      master = read_master (&p, fields, &local_error);
      if (local_error)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto out;
        }
      if (!master)
        {
          (*skipped)++;
          if (fields->uid)
            g_hash_table_add (skipped_uids, fields->uid);
          continue;
        }

      earlier = fields->uid ? g_hash_table_lookup (by_uid, fields->uid) : NULL;
      if (earlier)
        {
          /* The same event twice: the later revision wins. */
          (*skipped)++;
          if (earlier->fields->sequence > fields->sequence)
            {
              master_free (master);
              continue;
            }
          g_ptr_array_remove (masters, earlier);
        }
      g_ptr_array_add (masters, master);
      if (fields->uid)
        g_hash_table_replace (by_uid, fields->uid, master);
    }

  for (guint i = 0; i < all_fields->len; i++)
    {
      Fields *fields = g_ptr_array_index (all_fields, i);
      Master *master;

      if (!fields->recurrence_id)
        continue;

      master = fields->uid ? g_hash_table_lookup (by_uid, fields->uid) : NULL;
      if (!master)
        {
          /* Changes of a skipped event go with it. */
          if (!fields->uid || !g_hash_table_contains (skipped_uids, fields->uid))
            (*skipped)++;
          continue;
        }
      if (!read_override (&p, master, fields, error))
        goto out;
    }

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_ics_event_free);
  for (guint i = 0; i < masters->len; i++)
    {
      Master *master = g_ptr_array_index (masters, i);
      BvIcsEvent *event = g_steal_pointer (&master->event);

      /* Without repetition there is nothing to cancel or move. */
      if (bv_meeting_get_rrule (event->meeting))
        {
          GHashTableIter iter;
          gpointer value;

          g_hash_table_iter_init (&iter, master->exceptions);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            {
              g_ptr_array_add (event->exceptions, value);
              g_hash_table_iter_steal (&iter);
            }
          g_ptr_array_sort (event->exceptions, compare_exceptions);
        }
      g_ptr_array_add (result, event);
    }
  ok = TRUE;

out:
  g_clear_pointer (&masters, g_ptr_array_unref);
  parser_clear (&p);
  return ok ? g_steal_pointer (&result) : NULL;
}

/* Saving */

/* Whether @participants already hold the member @member_id, or someone
 * with the address @email_key. */
static gboolean
is_invited (GPtrArray  *participants,
            const char *member_id,
            const char *email_key)
{
  for (guint i = 0; i < participants->len; i++)
    {
      BvParticipant *participant = g_ptr_array_index (participants, i);
      g_autofree char *key = NULL;

      if (member_id && g_strcmp0 (bv_participant_get_member_id (participant), member_id) == 0)
        return TRUE;
      if (bv_participant_get_email (participant))
        key = bv_member_email_key (bv_participant_get_email (participant));
      if (key && email_key && g_str_equal (key, email_key))
        return TRUE;
    }
  return FALSE;
}

/* The events' attendees as the meetings' participants: members when the
 * address is a member's (named as the member when the calendar gives no
 * name), else guests named by CN or by the address before the "@".
 * People already invited stay as they are, so a second import adds
 * nobody twice. */
static GPtrArray *
collect_attendees (BvDatabase  *database,
                   GPtrArray   *events,
                   GPtrArray   *meetings)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < events->len; i++)
    {
      BvIcsEvent *event = g_ptr_array_index (events, i);
      BvMeeting *meeting = g_ptr_array_index (meetings, i);
      const char *meeting_id = bv_meeting_get_id (meeting);
      g_autoptr(GPtrArray) present = NULL;

      if (!event->attendees || event->attendees->len == 0)
        continue;

      present = bv_database_list_participants (database, meeting_id);
      for (guint j = 0; j < event->attendees->len; j++)
        {
          BvIcsAttendee *attendee = g_ptr_array_index (event->attendees, j);
          g_autoptr(BvMember) member = bv_database_find_member_by_email (database, attendee->email);
          g_autoptr(BvParticipant) participant = NULL;
          g_autofree char *key = bv_member_email_key (attendee->email);
          g_autofree char *local_part = NULL;
          BvParticipantRole role = attendee->moderator ? BV_PARTICIPANT_ROLE_MODERATOR
                                                       : BV_PARTICIPANT_ROLE_PARTICIPANT;
          const char *name = attendee->name;

          if (is_invited (present, member ? bv_member_get_id (member) : NULL, key))
            continue;

          if (member)
            participant = bv_participant_new_member (meeting_id, bv_member_get_id (member), role);
          else
            {
              if (!name)
                name = local_part = g_strndup (attendee->email,
                                               strcspn (attendee->email, "@"));
              if (!*name)
                continue;
              participant = bv_participant_new_guest (meeting_id, name, attendee->email, role);
            }

          g_ptr_array_add (added, g_object_ref (participant));
          g_ptr_array_add (present, g_steal_pointer (&participant));
        }
    }

  return g_steal_pointer (&added);
}

static gboolean
store_events (BvDatabase         *database,
              GPtrArray          *events,
              const char         *server_id,
              BvIcsImportCounts  *counts,
              GError            **error)
{
  g_autoptr(GPtrArray) meetings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) exceptions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GError) local_error = NULL;
  guint added = 0;
  guint updated = 0;
  guint participants = 0;

  for (guint i = 0; i < events->len; i++)
    {
      BvIcsEvent *event = g_ptr_array_index (events, i);
      BvMeeting *parsed = event->meeting;
      const char *uid = bv_meeting_get_ical_uid (parsed);
      g_autoptr(BvMeeting) existing = uid ? bv_database_find_meeting_by_ical_uid (database, uid) : NULL;

      if (existing)
        {
          /* The store restores the list's object if the save fails. */
          bv_meeting_set_title (existing, bv_meeting_get_title (parsed));
          bv_meeting_set_start (existing, bv_meeting_get_start_local (parsed),
                                bv_meeting_get_tzid (parsed));
          bv_meeting_set_duration (existing, bv_meeting_get_duration (parsed));
          bv_meeting_set_rrule (existing, bv_meeting_get_rrule (parsed));
          bv_meeting_set_welcome (existing, bv_meeting_get_welcome (parsed));
          if (!bv_meeting_get_server_id (existing) && server_id)
            bv_meeting_set_server_id (existing, server_id);
          g_ptr_array_add (meetings, g_steal_pointer (&existing));
          updated++;
        }
      else
        {
          if (server_id)
            bv_meeting_set_server_id (parsed, server_id);
          g_ptr_array_add (meetings, g_object_ref (parsed));
          added++;
        }
      g_ptr_array_add (exceptions, g_ptr_array_ref (event->exceptions));
    }

  /* Attendees are worked out before anything is written, so that the
   * meetings and their invitations go into one transaction: a failure
   * keeps neither. */
  attendees = collect_attendees (database, events, meetings);
  if (meetings->len > 0
      && !bv_database_save_meetings_with_participants (database, meetings, exceptions, attendees, &local_error))
    {
      g_set_error_literal (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_STORE,
                           local_error->message);
      return FALSE;
    }
  participants = attendees->len;

  if (counts)
    {
      counts->added = added;
      counts->updated = updated;
      counts->participants = participants;
    }
  return TRUE;
}

/* Reading the file (worker thread) */

static GBytes *
read_file (GFile         *file,
           const char    *name,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  guint8 buffer[64 * 1024];

  input = g_file_read (file, cancellable, &local_error);
  while (input && !local_error)
    {
      gsize n = 0;

      if (!g_input_stream_read_all (G_INPUT_STREAM (input), buffer, sizeof buffer, &n,
                                    cancellable, &local_error))
        break;
      if (n == 0)
        break;
      g_byte_array_append (bytes, buffer, n);
      if (bytes->len > BV_ICS_IMPORT_MAX_BYTES)
        {
          set_file_error (error, name, FILE_TOO_LARGE, 0);
          return NULL;
        }
    }

  if (local_error)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        /* Translators: the first %s is a file name, the second what went wrong. */
        g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_READ,
                     _("The calendar file “%s” could not be read: %s"),
                     name, local_error->message);
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  gsize size = 0;
  const char *contents;

  bytes = read_file (data->file, data->name, cancellable, &error);
  if (!bytes)
    {
      g_task_return_error (task, error);
      return;
    }

  contents = g_bytes_get_data (bytes, &size);
  data->events = parse_internal (contents ? contents : "", size, data->name, &data->skipped,
                                 &error);
  if (!data->events)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
parsed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImportData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  if (!store_events (data->database, data->events, data->server_id, &data->counts, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data->counts.skipped = data->skipped;
  g_task_return_boolean (task, TRUE);
}

/* Public API */

BvMeeting *
bv_ics_event_get_meeting (BvIcsEvent *event)
{
  g_return_val_if_fail (event, NULL);

  return event->meeting;
}

GPtrArray *
bv_ics_event_get_exceptions (BvIcsEvent *event)
{
  g_return_val_if_fail (event, NULL);

  return event->exceptions;
}

GPtrArray *
bv_ics_event_get_attendees (BvIcsEvent *event)
{
  g_return_val_if_fail (event, NULL);

  return event->attendees;
}

void
bv_ics_event_free (BvIcsEvent *event)
{
  if (!event)
    return;
  g_clear_object (&event->meeting);
  g_clear_pointer (&event->exceptions, g_ptr_array_unref);
  g_clear_pointer (&event->attendees, g_ptr_array_unref);
  g_free (event);
}

GPtrArray *
bv_ics_parse (const char  *data,
              gsize        length,
              GError     **error)
{
  guint skipped;

  g_return_val_if_fail (data || length == 0, NULL);
  g_return_val_if_fail (!error || !*error, NULL);

  return parse_internal (data ? data : "", length, NULL, &skipped, error);
}

gboolean
bv_ics_import_data (BvDatabase         *database,
                    const char         *data,
                    gsize               length,
                    const char         *server_id,
                    BvIcsImportCounts  *counts,
                    GError            **error)
{
  g_autoptr(GPtrArray) events = NULL;
  guint skipped = 0;

  g_return_val_if_fail (BV_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (data || length == 0, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  events = parse_internal (data ? data : "", length, NULL, &skipped, error);
  if (!events)
    return FALSE;
  if (!store_events (database, events, server_id, counts, error))
    return FALSE;
  if (counts)
    counts->skipped = skipped;
  return TRUE;
}

void
bv_ics_import_file_async (BvDatabase          *database,
                          GFile               *file,
                          const char          *server_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) parse_task = NULL;
  g_autofree char *basename = NULL;
  ImportData *data;

  g_return_if_fail (BV_IS_DATABASE (database));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  basename = g_file_get_basename (file);
  data = g_new0 (ImportData, 1);
  data->database = g_object_ref (database);
  data->file = g_object_ref (file);
  data->name = basename ? g_filename_display_name (basename) : g_file_get_parse_name (file);
  data->server_id = g_strdup (server_id);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_ics_import_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);

  /* The file is read and parsed in a thread; the database is written
   * here, in the caller's main context. */
  parse_task = g_task_new (NULL, cancellable, parsed_cb, g_object_ref (task));
  g_task_set_source_tag (parse_task, parse_thread);
  g_task_set_task_data (parse_task, data, NULL);
  g_task_run_in_thread (parse_task, parse_thread);
}

gboolean
bv_ics_import_file_finish (GAsyncResult       *result,
                           BvIcsImportCounts  *counts,
                           GError            **error)
{
  ImportData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_ics_import_file_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  if (counts)
    *counts = data->counts;
  return TRUE;
}
