/* bv-ics-import.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-database.h"
#include "bv-meeting.h"

G_BEGIN_DECLS

/* Planned meetings from an iCalendar file (RFC 5545) as Thunderbird,
 * Outlook, Google Calendar and Nextcloud export them.
 *
 * Each VEVENT becomes a meeting of the kind "group": SUMMARY the title
 * (at most 64 characters), DTSTART the start, DTEND or DURATION the
 * duration, RRULE the repetition, EXDATE and separate events with a
 * RECURRENCE-ID its cancelled and moved dates, DESCRIPTION the welcome
 * text, UID the key that makes a second import update instead of add,
 * ATTENDEE lines with a mailto: address the meeting's participants (CN
 * their name, ROLE=CHAIR a moderator; members when the address is a
 * member's, whose name is used when there is no CN, else guests named
 * by CN or by the address before the "@"; people invited already are not
 * added again).
 * Events without a UID are added again on every import. All-day events
 * and cancelled events are skipped.
 *
 * Times with a TZID keep their zone when it is an Olson name (also behind
 * a prefix such as "/mozilla.org/20050126_1/", or as the VTIMEZONE's
 * X-LIC-LOCATION) or a Windows name ("W. Europe Standard Time"). UTC
 * times, floating times and zones known only by their VTIMEZONE rules
 * become wall-clock times in Europe/Berlin.
 *
 * A file with one broken event imports nothing; so does one whose own
 * time-zone rules would cost too much to work out (changes more often
 * than monthly, thousands of RDATEs: see ZONE_* in the source), which is
 * refused quickly. ATTENDEE addresses are checked with
 * bv_member_email_is_valid (); those that are none are left out and
 * reported (BvIcsImportCounts), the rest of the file imports. */

#define BV_ICS_IMPORT_ERROR (bv_ics_import_error_quark ())

typedef enum {
  BV_ICS_IMPORT_ERROR_READ,      /* cannot read the file, larger than 10 MiB, or more than
                                  * BV_ICS_IMPORT_MAX_EVENTS appointments */
  BV_ICS_IMPORT_ERROR_INVALID,   /* not a calendar, not UTF-8, incomplete, an unusable event */
  BV_ICS_IMPORT_ERROR_NO_EVENTS, /* a calendar without VEVENT */
  BV_ICS_IMPORT_ERROR_STORE,     /* the database refused the meetings */
} BvIcsImportError;

/* The largest file the import reads, and the most appointments (VEVENTs,
 * also changed dates of a series) it takes from one file. */
#define BV_ICS_IMPORT_MAX_BYTES (10 * 1024 * 1024)
#define BV_ICS_IMPORT_MAX_EVENTS 5000

typedef struct {
  guint added;
  guint updated;
  guint skipped;
  guint participants;  /* invitations added from ATTENDEE lines */
  guint attendees_refused;  /* ATTENDEE lines whose address is none */
  /* those addresses, each once, as one line of text; NULL when none.
   * Owned: bv_ics_import_counts_clear () (or g_auto). */
  char **refused_attendees;
} BvIcsImportCounts;

void        bv_ics_import_counts_clear  (BvIcsImportCounts *counts);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BvIcsImportCounts, bv_ics_import_counts_clear)

/* One ATTENDEE of an event: the address of its mailto: value, its CN
 * (NULL when the calendar gives none) and whether ROLE=CHAIR. */
typedef struct {
  char     *name;
  char     *email;
  gboolean  moderator;
} BvIcsAttendee;

/* One imported event: a new meeting (not stored) and the exceptions of
 * its repetition. */
typedef struct _BvIcsEvent BvIcsEvent;

BvMeeting  *bv_ics_event_get_meeting    (BvIcsEvent *event);
/* (element-type BvMeetingException), never NULL, possibly empty */
GPtrArray  *bv_ics_event_get_exceptions (BvIcsEvent *event);
/* (element-type BvIcsAttendee), never NULL, possibly empty; one entry
 * per address */
GPtrArray  *bv_ics_event_get_attendees  (BvIcsEvent *event);
/* (element-type utf8): the ATTENDEE addresses that are none (as
 * bv_member_email_is_valid () says), decoded; never NULL */
GPtrArray  *bv_ics_event_get_refused_attendees (BvIcsEvent *event);
void        bv_ics_event_free           (BvIcsEvent *event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BvIcsEvent, bv_ics_event_free)

GQuark      bv_ics_import_error_quark   (void);

/* Pure parsing (thread-safe, no database): the VEVENTs of @data as a
 * GPtrArray of BvIcsEvent (freeing its elements), or NULL with @error
 * set. Skipped events (all-day, cancelled) are not in the array. */
GPtrArray  *bv_ics_parse                (const char         *data,
                                         gsize               length,
                                         GError            **error);

/* Parses @data and saves its events in one transaction: new UIDs are
 * added (on @server_id, nullable), known UIDs update the stored meeting
 * (title, start, duration, repetition, welcome text, exceptions; its id,
 * BBB meeting id, passwords, kind and room settings stay, and its server
 * unless it has none), then adds the ATTENDEEs as participants. When the
 * meetings cannot be saved, nothing is stored. Should adding a
 * participant fail afterwards, the meetings this import added are deleted
 * again and the participants it added removed; the changes to known
 * meetings stay (the store has no transaction for meetings and
 * participants together). Main context only. */
gboolean    bv_ics_import_data          (BvDatabase         *database,
                                         const char         *data,
                                         gsize               length,
                                         const char         *server_id,
                                         BvIcsImportCounts  *counts,
                                         GError            **error);

/* As bv_ics_import_data() for @file, read and parsed in a worker thread
 * that looks at @cancellable as it goes (G_IO_ERROR_CANCELLED, nothing
 * stored); the errors name the file. */
void        bv_ics_import_file_async    (BvDatabase         *database,
                                         GFile              *file,
                                         const char         *server_id,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean    bv_ics_import_file_finish   (GAsyncResult       *result,
                                         BvIcsImportCounts  *counts,
                                         GError            **error);

G_END_DECLS
