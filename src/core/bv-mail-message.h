/* bv-mail-message.h
 *
 * One invitation as an e-mail (issue 16): built with GMime 3, to one
 * person only, with the rendered text and an iMIP calendar part
 * (RFC 6047) made with libical. Safe to call from a worker thread once
 * bv_mail_message_init () ran on the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-meeting.h"
#include "bv-participant.h"

G_BEGIN_DECLS

typedef struct
{
  const char *from_name;         /* nullable */
  const char *from_address;
  const char *reply_to_name;     /* nullable */
  const char *reply_to_address;  /* nullable: no Reply-To */
  const char *to_name;           /* nullable */
  const char *to_address;
  const char *subject;
  const char *body;              /* UTF-8 text */
  const char *calendar;          /* nullable: an iCalendar object */
  const char *method;            /* the calendar's METHOD, "REQUEST" or "CANCEL" */
} BvMailMessageSpec;

void    bv_mail_message_init            (void);

/* The whole message with CRLF line ends, as it goes to the server.
 * @message_id receives the Message-ID without angle brackets. */
GBytes *bv_mail_message_build           (const BvMailMessageSpec *spec,
                                         GDateTime               *date,
                                         char                   **message_id);

/* The iMIP object for one person: METHOD:REQUEST, ORGANIZER the sender,
 * ATTENDEE only @attendee_address (RSVP=FALSE: replies are not read),
 * URL and LOCATION their @link, the series' RRULE/EXDATEs and moved dates
 * (@exceptions, nullable), SEQUENCE @sequence. With @cancel, METHOD:CANCEL
 * and STATUS:CANCELLED instead, for the whole meeting or, with
 * @recurrence_id, for that one date. */
char   *bv_mail_message_build_calendar  (BvMeeting   *meeting,
                                         GPtrArray   *exceptions,
                                         const char  *link,
                                         const char  *organizer_name,
                                         const char  *organizer_address,
                                         const char  *attendee_name,
                                         const char  *attendee_address,
                                         int          sequence,
                                         gboolean     cancel,
                                         const char  *recurrence_id,
                                         GError     **error);

/* The address in a free text such as the privacy contact
 * ("Erika Musterfrau, datenschutz@example.org"), or NULL. */
char   *bv_mail_message_find_address    (const char  *text);

G_END_DECLS
