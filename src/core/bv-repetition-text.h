/* bv-repetition-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bv-repetition.h"

G_BEGIN_DECLS

/* A short translated description such as "every Tuesday, 19:30" or
 * "every first Monday of the month, 19:30, until 15 December 2026".
 * start_local supplies the time of day and the defaults the rule leaves
 * out (the weekday of a weekly rule). NULL for a NULL or empty rule (the
 * meeting takes place once) and for a rule bv_occurrences_validate_rrule()
 * refuses. An UNTIL in UTC is shown as its date in UTC; the _in_zone
 * variant shows it in the meeting's time zone. */
char *bv_repetition_text_describe         (const char *rrule,
                                           const char *start_local);
/* tzid (nullable): the zone an UNTIL in UTC is shown in. */
char *bv_repetition_text_describe_in_zone (const char *rrule,
                                           const char *start_local,
                                           const char *tzid);

/* The words for one of the editor's repetition choices for a meeting
 * starting on @start, saying what it means for that day: "Monthly on the
 * first Monday", "Monthly on day 7" rather than "the same weekday". An
 * invalid @start gives the general words. Not for CUSTOM. */
char *bv_repetition_text_option_label     (BvRepetitionKind  kind,
                                           const GDate      *start);

G_END_DECLS
