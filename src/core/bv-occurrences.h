/* bv-occurrences.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The dates on which a planned meeting takes place, from its first start,
 * time zone, duration, RFC 5545 RRULE and single-occurrence exceptions.
 *
 * All local times are wall-clock times in the meeting's time zone, written
 * "YYYY-MM-DDTHH:MM:SS" (seconds may be left out). An occurrence keeps its
 * wall-clock time across daylight-saving changes: a weekly meeting at 19:30
 * stays at 19:30 in summer and winter; its UTC offset changes. With the
 * zone "UTC" (a calendar series whose DTSTART was in UTC) every occurrence
 * is at the same UTC instant, as RFC 5545 defines it; its local time moves.
 * Occurrences come in the meeting's zone: convert them to the user's
 * (g_date_time_to_local) before showing them.
 *
 * Local times that do not exist or exist twice follow RFC 5545 (3.3.5):
 * a time in the spring-forward gap is read with the offset before the gap
 * (02:30 on the last Sunday of March in Europe/Berlin becomes 03:30 CEST,
 * the instant 01:30 UTC; the week after is back at 02:30); a time in the
 * autumn overlap means its first occurrence (02:30 CEST, not 02:30 CET).
 * The occurrence's recurrence_id stays the rule's wall-clock time
 * ("…T02:30:00") either way.
 *
 * A start that does not match its rule (a Wednesday start for "every
 * Tuesday") is not itself an occurrence; this is libical's reading of a
 * case RFC 5545 leaves undefined, and the editor keeps the two in step. */

#define BV_OCCURRENCES_ERROR (bv_occurrences_error_quark ())

typedef enum {
  BV_OCCURRENCES_ERROR_INVALID_START,
  BV_OCCURRENCES_ERROR_UNKNOWN_TIME_ZONE,
  BV_OCCURRENCES_ERROR_INVALID_RULE,
  BV_OCCURRENCES_ERROR_UNSUPPORTED_RULE,
  BV_OCCURRENCES_ERROR_INVALID_EXCEPTION,
} BvOccurrencesError;

/* One changed occurrence of a recurring meeting, identified by the local
 * start the rule gives it (recurrence_id). Either cancelled, or moved to
 * new_start_local (NULL: same start) and/or new_duration (0: the meeting's
 * duration). Exceptions whose recurrence_id the rule does not produce are
 * ignored; if two name the same occurrence, the later one in the array
 * wins. */
typedef struct
{
  const char *recurrence_id;
  gboolean    cancelled;
  const char *new_start_local;
  guint       new_duration;
} BvOccurrenceException;

/* One occurrence. Read-only for callers. start and end are in the meeting's
 * time zone; end is start plus the duration as elapsed time. recurrence_id
 * is the original local start, also for a moved occurrence (moved TRUE). */
typedef struct _BvOccurrence BvOccurrence;
struct _BvOccurrence
{
  GDateTime *start;
  GDateTime *end;
  char      *recurrence_id;
  gboolean   moved;
};

#define BV_TYPE_OCCURRENCE (bv_occurrence_get_type ())

GType         bv_occurrence_get_type  (void) G_GNUC_CONST;
BvOccurrence *bv_occurrence_copy      (const BvOccurrence *self);
void          bv_occurrence_free      (BvOccurrence       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BvOccurrence, bv_occurrence_free)

GQuark        bv_occurrences_error_quark (void);

/* Occurrences that overlap [from, to) (an occurrence of zero length counts
 * if it starts in the range), sorted by start: cancelled ones left out,
 * moved ones at their new time. from may be NULL (from the first one), to
 * may be NULL (no end). At most max_count (> 0) are returned, the earliest
 * ones; this is also what stops an endless rule with to == NULL.
 * rrule is an RRULE value without "RRULE:" (a leading "RRULE:" is
 * accepted), or NULL/"" for a meeting that takes place once.
 * Returns a GPtrArray of BvOccurrence (freeing its elements), possibly
 * empty, or NULL with error set. */
GPtrArray    *bv_occurrences_expand   (const char                  *start_local,
                                       const char                  *tzid,
                                       guint                        duration_minutes,
                                       const char                  *rrule,
                                       const BvOccurrenceException *exceptions,
                                       guint                        n_exceptions,
                                       GDateTime                   *from,
                                       GDateTime                   *to,
                                       guint                        max_count,
                                       GError                     **error);

/* The occurrence in progress at now (start <= now < end; the earliest
 * started if several), else the next one to start. NULL without error when
 * there is none (the rule has ended); NULL with error for bad input. */
BvOccurrence *bv_occurrences_next     (const char                  *start_local,
                                       const char                  *tzid,
                                       guint                        duration_minutes,
                                       const char                  *rrule,
                                       const BvOccurrenceException *exceptions,
                                       guint                        n_exceptions,
                                       GDateTime                   *now,
                                       GError                     **error);

/* Whether the app can plan with rrule (NULL and "" are fine: no
 * repetition). Supported: DAILY, WEEKLY, MONTHLY, YEARLY with INTERVAL,
 * BYDAY (ordinals only for MONTHLY and YEARLY), BYMONTHDAY, BYMONTH,
 * BYSETPOS, BYYEARDAY, BYWEEKNO, WKST, and either UNTIL or COUNT.
 * Refused with a translated sentence: unreadable rules, more than one
 * meeting a day (HOURLY and finer, BYHOUR, BYMINUTE, BYSECOND), UNTIL
 * together with COUNT, non-Gregorian calendars (RSCALE) and rules that can
 * never produce a date (BYMONTH=2;BYMONTHDAY=30). */
gboolean      bv_occurrences_validate_rrule (const char  *rrule,
                                             GError     **error);

G_END_DECLS
