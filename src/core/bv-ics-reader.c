/* bv-ics-reader.c
 *
 * The calendar file as components: line unfolding (RFC 5545 3.1), BEGIN/END
 * structure and line numbers, and the messages about the file as a whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-ics-import-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bv-import-text.h"

static void
line_free (BvIcsLine *line)
{
  g_free (line->text);
  g_free (line->name);
  g_free (line);
}

static void
raw_event_free (BvIcsRawEvent *raw)
{
  g_ptr_array_unref (raw->lines);
  g_free (raw);
}

void
bv_ics_parser_init (BvIcsParser  *p,
                    const char   *name,
                    GCancellable *cancellable)
{
  memset (p, 0, sizeof *p);
  p->name = name;
  p->cancellable = cancellable;
  p->zone_budget = ZONE_BUDGET;
  p->zone_steps = ZONE_MAX_STEPS;
  p->default_tz = g_time_zone_new_identifier (DEFAULT_TZID);
  if (!p->default_tz)
    p->default_tz = g_time_zone_new_local ();
  p->vtimezones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) bv_ics_vtimezone_free);
  p->events = g_ptr_array_new_with_free_func ((GDestroyNotify) raw_event_free);
  p->stack = g_ptr_array_new_with_free_func (g_free);
}

void
bv_ics_parser_clear (BvIcsParser *p)
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

/* Messages */

/* The problems of the file as a whole, naming it when its name is known. */
void
bv_ics_set_file_error (GError           **error,
                       const char        *name,
                       BvIcsFileProblem   problem,
                       guint              line)
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

    case FILE_TOO_MANY_EVENTS:
      if (name)
        /* Translators: %s is a file name, %u a number (5000). */
        g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_READ,
                     _("The calendar file “%s” contains more than %u appointments. Export only "
                       "the meetings you want to plan here and try again."),
                     name, BV_ICS_IMPORT_MAX_EVENTS);
      else
        /* Translators: %u is a number (5000). */
        g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_READ,
                     _("The calendar file contains more than %u appointments. Export only the "
                       "meetings you want to plan here and try again."),
                     BV_ICS_IMPORT_MAX_EVENTS);
      break;

    case FILE_TOO_MANY_ATTENDEES:
      if (name)
        /* Translators: %s is a file name, %u a number (10000). */
        g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_INVALID,
                     _("The appointments in the calendar file “%s” invite more than %u people "
                       "together. Nothing was imported. Remove the attendees in your calendar "
                       "program and invite them here instead."),
                     name, MAX_FILE_ATTENDEES);
      else
        /* Translators: %u is a number (10000). */
        g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_INVALID,
                     _("The appointments in the calendar file invite more than %u people "
                       "together. Nothing was imported. Remove the attendees in your calendar "
                       "program and invite them here instead."),
                     MAX_FILE_ATTENDEES);
      break;

    case FILE_TOO_MANY_EXDATES:
      if (name)
        /* Translators: %s is a file name, %u a number (10000). */
        g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_INVALID,
                     _("The appointments in the calendar file “%s” have more than %u cancelled "
                       "dates together. Nothing was imported. Export only the meetings you want "
                       "to plan here and try again."),
                     name, MAX_FILE_EXDATES);
      else
        /* Translators: %u is a number (10000). */
        g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_INVALID,
                     _("The appointments in the calendar file have more than %u cancelled dates "
                       "together. Nothing was imported. Export only the meetings you want to "
                       "plan here and try again."),
                     MAX_FILE_EXDATES);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Scanning: BEGIN/END structure, unfolding, line numbers */

static const char *
stack_top (BvIcsParser *p)
{
  return p->stack->len ? g_ptr_array_index (p->stack, p->stack->len - 1) : NULL;
}

static char *
line_name (const char *text)
{
  gsize n = strcspn (text, ";:");

  return g_ascii_strup (text, n);
}

static gboolean
process_line (BvIcsParser  *p,
              guint         number,
              const char   *text,
              GError      **error)
{
  g_autofree char *name = line_name (text);
  const char *colon = bv_import_text_value_colon (text);
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
          bv_ics_set_file_error (error, p->name, FILE_NOT_CALENDAR, number);
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
          bv_ics_set_file_error (error, p->name, FILE_INCOMPLETE, number);
          return FALSE;
        }
      g_ptr_array_add (p->stack, g_strdup (component));

      if (p->stack->len == 2 && g_str_equal (component, "VEVENT"))
        {
          p->current = g_new0 (BvIcsRawEvent, 1);
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
          bv_ics_set_file_error (error, p->name, FILE_INCOMPLETE, number);
          return FALSE;
        }
      g_ptr_array_remove_index (p->stack, p->stack->len - 1);

      if (p->stack->len == 1 && g_str_equal (component, "VEVENT"))
        p->current = NULL;
      else if (p->stack->len == 1 && g_str_equal (component, "VTIMEZONE"))
        {
          g_autofree char *zone_text = g_string_free (p->vtimezone, FALSE);
          BvIcsVTimezone *vtimezone;

          p->vtimezone = NULL;
          vtimezone = bv_ics_vtimezone_new (zone_text);
          if (vtimezone)
            {
              const char *tzid = icaltimezone_get_tzid (vtimezone->zone);

              if (tzid)
                g_hash_table_replace (p->vtimezones, g_strdup (tzid), vtimezone);
              else
                bv_ics_vtimezone_free (vtimezone);
            }
        }
      return TRUE;
    }

  if (p->stack->len == 0)
    {
      bv_ics_set_file_error (error, p->name, FILE_INCOMPLETE, number);
      return FALSE;
    }

  if (p->current && p->stack->len == 2 && colon)
    {
      BvIcsLine *line = g_new0 (BvIcsLine, 1);

      line->number = number;
      line->text = g_strdup (text);
      line->name = g_steal_pointer (&name);
      g_ptr_array_add (p->current->lines, line);
    }

  return TRUE;
}

/* Splits @text into physical lines (CRLF, LF or CR), unfolds continuation
 * lines (RFC 5545 3.1) and checks that components nest. */
gboolean
bv_ics_scan (BvIcsParser  *p,
             const char   *text,
             GError      **error)
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
      if (number % CANCEL_CHECK_INTERVAL == 0
          && g_cancellable_set_error_if_cancelled (p->cancellable, error))
        return FALSE;
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
      bv_ics_set_file_error (error, p->name, FILE_NOT_CALENDAR, 1);
      return FALSE;
    }
  if (p->stack->len > 0)
    {
      bv_ics_set_file_error (error, p->name, FILE_INCOMPLETE, p->last_line);
      return FALSE;
    }
  return TRUE;
}

/* Reading properties */

icalproperty *
bv_ics_property_new (const char *text)
{
  icalproperty *prop = icalproperty_new_from_string (text);

  if (prop && !icalproperty_get_value (prop))
    g_clear_pointer (&prop, icalproperty_free);
  return prop;
}
