/* bv-mail-message.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-mail-message.h"

#include <glib/gi18n-lib.h>
#include <gmime/gmime.h>
#include <libical/ical.h>
#include <string.h>

#include "bv-invitation.h"
#include "bv-mail-account.h"

void
bv_mail_message_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_mime_init ();
      g_once_init_leave (&done, 1);
    }
}

static GMimeTextPart *
new_text_part (const char              *subtype,
               const char              *text,
               GMimeContentEncoding     encoding)
{
  GMimeTextPart *part = g_mime_text_part_new_with_subtype (subtype);
  GMimeStream *stream;
  GMimeDataWrapper *content;

  /* Always UTF-8 (g_mime_text_part_set_text () would pick ISO-8859-1
   * for German text); the encoding keeps every line within what RFC 5322
   * allows. */
  stream = g_mime_stream_mem_new_with_buffer (text, strlen (text));
  content = g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_DEFAULT);
  g_mime_part_set_content (GMIME_PART (part), content);
  g_object_unref (content);
  g_object_unref (stream);
  g_mime_object_set_content_type_parameter (GMIME_OBJECT (part), "charset", "utf-8");
  g_mime_part_set_content_encoding (GMIME_PART (part), encoding);
  return part;
}

GBytes *
bv_mail_message_build (const BvMailMessageSpec *spec,
                       GDateTime               *date,
                       char                   **message_id)
{
  GMimeMessage *message;
  GMimeTextPart *body;
  GMimeFormatOptions *options;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *domain = NULL;
  g_autofree char *id = NULL;
  char *text;

  g_return_val_if_fail (spec && spec->from_address && spec->to_address, NULL);

  /* GMime 3.2 has no g_autoptr for its types. */
  message = g_mime_message_new (TRUE);
  /* GMime encodes names with umlauts per RFC 2047. */
  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_FROM, spec->from_name ? spec->from_name : "",
                              spec->from_address);
  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_TO, spec->to_name ? spec->to_name : "",
                              spec->to_address);
  if (spec->reply_to_address && *spec->reply_to_address)
    g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_REPLY_TO,
                                spec->reply_to_name ? spec->reply_to_name : "",
                                spec->reply_to_address);
  g_mime_message_set_subject (message, spec->subject, "utf-8");
  g_mime_message_set_date (message, date);
  domain = bv_mail_address_get_domain (spec->from_address);
  id = g_strdup_printf ("%s@%s", uuid, domain ? domain : "bbb-vereine.invalid");
  g_mime_message_set_message_id (message, id);

  /* Quoted-printable keeps mostly-ASCII text readable. */
  body = new_text_part ("plain", spec->body ? spec->body : "", GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  if (spec->calendar)
    {
      GMimeMultipart *mixed = g_mime_multipart_new_with_subtype ("mixed");
      /* Base64, as calendar programs send it: quoted-printable's soft line
       * breaks on top of iCalendar's own folding confuse some readers. */
      GMimeTextPart *calendar = new_text_part ("calendar", spec->calendar, GMIME_CONTENT_ENCODING_BASE64);

      /* RFC 6047: the method in the part's type too, which Outlook and
       * Gmail look at before the iCalendar object. */
      g_mime_object_set_content_type_parameter (GMIME_OBJECT (calendar), "method",
                                                spec->method ? spec->method : "REQUEST");
      g_mime_multipart_add (mixed, GMIME_OBJECT (body));
      g_mime_multipart_add (mixed, GMIME_OBJECT (calendar));
      g_mime_message_set_mime_part (message, GMIME_OBJECT (mixed));
      g_object_unref (calendar);
      g_object_unref (mixed);
    }
  else
    g_mime_message_set_mime_part (message, GMIME_OBJECT (body));
  g_object_unref (body);

  options = g_mime_format_options_new ();
  g_mime_format_options_set_newline_format (options, GMIME_NEWLINE_FORMAT_DOS);
  text = g_mime_object_to_string (GMIME_OBJECT (message), options);
  g_mime_format_options_free (options);
  g_object_unref (message);

  if (message_id)
    *message_id = g_steal_pointer (&id);
  return g_bytes_new_take (text, strlen (text));
}

static void
add_person (icalcomponent *event,
            gboolean       organizer,
            const char    *name,
            const char    *address)
{
  g_autofree char *uri = g_strconcat ("mailto:", address, NULL);
  icalproperty *property = organizer ? icalproperty_new_organizer (uri)
                                     : icalproperty_new_attendee (uri);

  if (name && *name)
    icalproperty_add_parameter (property, icalparameter_new_cn (name));
  if (!organizer)
    {
      icalproperty_add_parameter (property, icalparameter_new_role (ICAL_ROLE_REQPARTICIPANT));
      icalproperty_add_parameter (property, icalparameter_new_partstat (ICAL_PARTSTAT_NEEDSACTION));
      /* No replies: the app does not read the club's inbox. */
      icalproperty_add_parameter (property, icalparameter_new_rsvp (ICAL_RSVP_FALSE));
    }
  icalcomponent_add_property (event, property);
}

static void
remove_properties (icalcomponent  *component,
                   icalproperty_kind kind)
{
  icalproperty *property;

  while ((property = icalcomponent_get_first_property (component, kind)))
    {
      icalcomponent_remove_property (component, property);
      icalproperty_free (property);
    }
}

/* "2027-01-11T18:00:00", as the store keeps local times, to iCalendar's
 * "20270111T180000". */
static char *
compact_time (const char *local)
{
  GString *out = g_string_new (NULL);

  for (const char *p = local; *p; p++)
    if (*p != '-' && *p != ':')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

char *
bv_mail_message_build_calendar (BvMeeting   *meeting,
                                GPtrArray   *exceptions,
                                const char  *link,
                                const char  *organizer_name,
                                const char  *organizer_address,
                                const char  *attendee_name,
                                const char  *attendee_address,
                                int          sequence,
                                gboolean     cancel,
                                const char  *recurrence_id,
                                GError     **error)
{
  g_autofree char *ics = NULL;
  icalcomponent *calendar;
  icalcomponent *event;
  icalcomponent *next;
  char *result;

  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  ics = bv_invitation_build_ics_full (meeting, cancel ? NULL : exceptions, cancel ? NULL : link,
                                      NULL, error);
  if (!ics)
    return NULL;
  calendar = icalparser_parse_string (ics);
  if (!calendar)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The calendar part of the message could not be made."));
      return NULL;
    }

  remove_properties (calendar, ICAL_METHOD_PROPERTY);
  icalcomponent_add_property (calendar, icalproperty_new_method (cancel ? ICAL_METHOD_CANCEL
                                                                        : ICAL_METHOD_REQUEST));

  if (cancel && recurrence_id)
    {
      /* One date of the series: the master event becomes that date, with
       * its RECURRENCE-ID and without the rule. */
      icalcomponent *master = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
      g_autofree char *compact = compact_time (recurrence_id);
      struct icaltimetype when = icaltime_from_string (compact);
      const char *tzid = bv_meeting_get_tzid (meeting);
      icalproperty *dtstart = icalcomponent_get_first_property (master, ICAL_DTSTART_PROPERTY);
      icalproperty *dtend = icalcomponent_get_first_property (master, ICAL_DTEND_PROPERTY);
      icalproperty *rid;
      struct icaltimetype start = icalproperty_get_dtstart (dtstart);
      struct icaltimetype end = icalproperty_get_dtend (dtend);
      struct icaldurationtype length = icaltime_subtract (end, start);

      if (icaltime_is_null_time (when))
        {
          icalcomponent_free (calendar);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The calendar part of the message could not be made."));
          return NULL;
        }
      remove_properties (master, ICAL_RRULE_PROPERTY);
      remove_properties (master, ICAL_EXDATE_PROPERTY);
      icalproperty_set_dtstart (dtstart, when);
      icalproperty_set_dtend (dtend, icaltime_add (when, length));
      rid = icalproperty_new_recurrenceid (when);
      if (tzid && g_strcmp0 (tzid, "UTC") != 0)
        icalproperty_add_parameter (rid, icalparameter_new_tzid (tzid));
      icalcomponent_add_property (master, rid);
    }

  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT); event; event = next)
    {
      next = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT);
      /* Moved dates are not cancelled separately: they go with the whole. */
      if (cancel && icalcomponent_get_first_property (event, ICAL_RECURRENCEID_PROPERTY) &&
          !recurrence_id)
        {
          icalcomponent_remove_component (calendar, event);
          icalcomponent_free (event);
          continue;
        }
      add_person (event, TRUE, organizer_name, organizer_address);
      add_person (event, FALSE, attendee_name, attendee_address);
      icalcomponent_add_property (event, icalproperty_new_sequence (sequence));
      icalcomponent_add_property (event, icalproperty_new_status (cancel ? ICAL_STATUS_CANCELLED
                                                                         : ICAL_STATUS_CONFIRMED));
    }

  result = icalcomponent_as_ical_string_r (calendar);
  icalcomponent_free (calendar);
  return result;
}

char *
bv_mail_message_find_address (const char *text)
{
  g_auto(GStrv) words = NULL;

  if (!text)
    return NULL;
  words = g_strsplit_set (text, " \t\r\n,;<>()", -1);
  for (guint i = 0; words[i]; i++)
    {
      const char *word = words[i];

      if (g_str_has_prefix (word, "mailto:"))
        word += strlen ("mailto:");
      if (bv_mail_address_is_valid (word))
        return g_strdup (word);
    }
  return NULL;
}
