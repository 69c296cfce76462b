/* bv-repetition.h
 *
 * The repetitions the meeting editor offers, and the RRULEs they stand
 * for (read and built through libical's struct icalrecurrencetype).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  BV_REPETITION_NONE,
  BV_REPETITION_WEEKLY,
  BV_REPETITION_BIWEEKLY,
  BV_REPETITION_MONTHLY_DAY,      /* the start's day of the month */
  BV_REPETITION_MONTHLY_WEEKDAY,  /* e.g. the second Tuesday; a fifth one is the last */
  BV_REPETITION_MONTHLY_LAST,     /* the last such weekday */
  BV_REPETITION_CUSTOM,           /* a rule the form cannot show */
} BvRepetitionKind;

/* The values are the positions in the editor's "Ends" list. */
typedef enum {
  BV_REPETITION_END_NEVER,
  BV_REPETITION_END_UNTIL,
  BV_REPETITION_END_COUNT,
} BvRepetitionEnd;

#define BV_REPETITION_COUNT_MAX 999

typedef struct
{
  BvRepetitionKind kind;
  guint            weekdays;  /* bit 0 = Monday; what weekly rules use */
  BvRepetitionEnd  end;
  GDate            until;     /* END_UNTIL: the last day, in the meeting's zone */
  guint            count;     /* END_COUNT: 1 to BV_REPETITION_COUNT_MAX */
} BvRepetition;

/* 0 = Monday. */
guint    bv_repetition_weekday          (const GDate        *date);
/* Whether "the last such weekday" describes @start and is not the same as
 * "the same weekday" (a fifth one already is the last). */
gboolean bv_repetition_can_be_last      (const GDate        *start);

/* Reads @rrule (NULL: BV_REPETITION_NONE) of a meeting starting on @start
 * in @tzid as the form shows it: kind CUSTOM when the form cannot build
 * the rule word for word in meaning (other parts, another interval, a day
 * that is not the start's, an invalid @start). @weekdays is always at
 * least the start's weekday when @start is valid. */
void     bv_repetition_from_rrule       (BvRepetition       *repetition,
                                         const char         *rrule,
                                         const GDate        *start,
                                         const char         *tzid);

/* The RRULE for @repetition of a meeting starting on @start in @tzid, or
 * NULL for NONE and CUSTOM (the caller keeps a custom rule itself). UNTIL
 * is the end of the last day in @tzid, given in UTC (RFC 5545 with a
 * zoned start), so that day's meeting is included. */
char    *bv_repetition_to_rrule         (const BvRepetition *repetition,
                                         const GDate        *start,
                                         const char         *tzid);

G_END_DECLS
