/* bv-ics-import-private.h
 *
 * What the parts of the calendar import share: the reader (bv-ics-reader.c)
 * turns the file into components, the zones (bv-ics-zones.c) say what a TZID
 * stands for, the events (bv-ics-events.c) read a VEVENT into a meeting, and
 * bv-ics-import.c puts them together and saves them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libical/ical.h>

#include "bv-ics-import.h"

G_BEGIN_DECLS

/* The zone of floating times and of zones known only by their
 * rules: the app plans for clubs in Germany. */
#define DEFAULT_TZID "Europe/Berlin"

/* A VTIMEZONE whose name says nothing known is expanded by libical from
 * its first rule up to some years after the dates asked for, one step of
 * the rule's frequency at a time (also where a rule never matches). Its
 * rules are cut at ZONE_LAST_YEAR (UNTIL), the steps counted, the
 * changes counted out with libical's iterator, and the zone refused when
 * it changes more often than real zones ever did (twice a year, a few
 * hundred changes since 1601) or lists dates by the thousand: a
 * "FREQ=MINUTELY" rule kept a core busy for minutes. */
#define ZONE_LAST_YEAR 2100
#define ZONE_MAX_CHANGES 5000
#define ZONE_MAX_PARTS 200
#define ZONE_MAX_RDATES 1000
/* All zones of one file together: changes, and steps of the rules
 * (Outlook's two yearly rules since 1601 take 1000). */
#define ZONE_BUDGET 20000
#define ZONE_MAX_STEPS 5000

/* How often the loops look at the GCancellable. */
#define CANCEL_CHECK_INTERVAL 1024

/* ATTENDEE lines of all events of a file together: each becomes a row
 * written in the main context. */
#define MAX_FILE_ATTENDEES 10000
/* Cancelled dates (EXDATE values) of all events of a file: each one is a
 * row written in the main context, too. */
#define MAX_FILE_EXDATES 10000

struct _BvIcsEvent
{
  BvMeeting *meeting;
  GPtrArray *exceptions;
  GPtrArray *attendees;  /* of BvIcsAttendee */
  GPtrArray *refused_attendees;  /* of char *, addresses that are none */
};

/* One unfolded content line and the physical line it starts on. */
typedef struct
{
  guint  number;
  char  *text;
  char  *name;   /* upper case, without parameters */
} BvIcsLine;

/* The content lines of one VEVENT, without those of its VALARMs. */
typedef struct
{
  guint      begin_line;
  GPtrArray *lines;
} BvIcsRawEvent;

typedef struct
{
  icaltimezone *zone;
  char         *location;  /* X-LIC-LOCATION, or NULL */
  gboolean      checked;   /* its rules were counted out */
  gboolean      refused;   /* and found too costly to expand */
} BvIcsVTimezone;

typedef enum {
  ZONE_FLOATING,
  ZONE_UTC,
  ZONE_OLSON,
  ZONE_RULES,   /* a VTIMEZONE whose name says nothing known */
} BvIcsZoneKind;

typedef struct
{
  BvIcsZoneKind  kind;
  char          *olson;
  GTimeZone     *tz;
  icaltimezone  *rules;  /* borrowed from the parser */
} BvIcsZone;

/* The lines of one VEVENT this import reads. */
typedef struct
{
  BvIcsRawEvent   *raw;
  char            *title;
  char            *uid;
  char            *description;
  gboolean         cancelled;
  int              sequence;
  const BvIcsLine *dtstart;
  const BvIcsLine *dtend;
  const BvIcsLine *duration;
  const BvIcsLine *rrule;
  const BvIcsLine *recurrence_id;
  GPtrArray       *exdates;  /* of const BvIcsLine */
  GPtrArray       *attendees;  /* of const BvIcsLine */
} BvIcsFields;

/* A master event while its overrides are collected. */
typedef struct
{
  BvIcsEvent          *event;
  BvIcsFields         *fields;
  BvIcsZone            zone;
  GTimeZone           *meeting_tz;
  struct icaltimetype  local_start;  /* wall-clock in meeting_tz */
  GHashTable          *exceptions;  /* recurrence id → BvMeetingException */
} BvIcsMaster;

typedef struct
{
  const char    *name;        /* for messages, or NULL */
  GTimeZone     *default_tz;
  GHashTable    *vtimezones;  /* TZID → BvIcsVTimezone */
  GPtrArray     *events;      /* of BvIcsRawEvent */
  GPtrArray     *stack;       /* of char *, open components */
  BvIcsRawEvent *current;
  GString       *vtimezone;
  guint          last_line;
  gboolean       seen_content;
  GCancellable  *cancellable;
  guint          zone_budget;   /* changes all rule zones may still have */
  guint          zone_steps;    /* rule steps they may still take */
  gboolean       zone_refused;  /* the last TZID named such a zone */
} BvIcsParser;

typedef enum {
  FILE_NOT_CALENDAR,
  FILE_NOT_UTF8,
  FILE_INCOMPLETE,
  FILE_NO_EVENTS,
  FILE_TOO_LARGE,
  FILE_TOO_MANY_EVENTS,
  FILE_TOO_MANY_ATTENDEES,
  FILE_TOO_MANY_EXDATES,
} BvIcsFileProblem;

/* Reader (bv-ics-reader.c) */

void            bv_ics_set_file_error   (GError          **error,
                                         const char       *name,
                                         BvIcsFileProblem  problem,
                                         guint             line);
icalproperty   *bv_ics_property_new     (const char       *text);
void            bv_ics_parser_init      (BvIcsParser      *p,
                                         const char       *name,
                                         GCancellable     *cancellable);
void            bv_ics_parser_clear     (BvIcsParser      *p);
gboolean        bv_ics_scan             (BvIcsParser      *p,
                                         const char       *text,
                                         GError          **error);

/* Zones (bv-ics-zones.c) */

BvIcsVTimezone *bv_ics_vtimezone_new    (const char                *text);
void            bv_ics_vtimezone_free   (BvIcsVTimezone            *vtimezone);
void            bv_ics_zone_clear       (BvIcsZone                 *zone);
gboolean        bv_ics_read_time        (BvIcsParser               *p,
                                         const char                *text,
                                         struct icaltimetype       *t,
                                         BvIcsZone                 *zone,
                                         gboolean                  *unknown_zone);
GDateTime      *bv_ics_zone_instant     (BvIcsParser               *p,
                                         const BvIcsZone           *zone,
                                         const struct icaltimetype *t);
char           *bv_ics_format_local     (const struct icaltimetype *t);
char           *bv_ics_format_date_time (GDateTime                 *dt);

/* Events (bv-ics-events.c) */

BvIcsFields    *bv_ics_read_fields      (BvIcsRawEvent  *raw);
void            bv_ics_fields_free      (BvIcsFields    *fields);
BvIcsMaster    *bv_ics_read_master      (BvIcsParser    *p,
                                         BvIcsFields    *fields,
                                         GError        **error);
void            bv_ics_master_free      (BvIcsMaster    *master);
gboolean        bv_ics_read_override    (BvIcsParser    *p,
                                         BvIcsMaster    *master,
                                         BvIcsFields    *fields,
                                         GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalproperty, icalproperty_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BvIcsFields, bv_ics_fields_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BvIcsMaster, bv_ics_master_free)

G_END_DECLS
