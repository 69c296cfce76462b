/* bv-occurrences-private.h
 *
 * What bv-occurrences.c shares with bv-repetition-text.c: reading the
 * stored wall-clock times and rules the same way for expanding and for
 * describing them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libical/ical.h>

G_BEGIN_DECLS

/* "YYYY-MM-DDTHH:MM[:SS]" (or a date) as a floating libical time. */
gboolean    bv_occurrences_parse_local          (const char                 *text,
                                                 struct icaltimetype        *out);
gboolean    bv_occurrences_parse_rule           (const char                 *text,
                                                 struct icalrecurrencetype  *rule,
                                                 GError                    **error);
/* rrule without surrounding space and "RRULE:", or NULL when empty. */
char       *bv_occurrences_rule_text            (const char                 *rrule);
GTimeZone  *bv_occurrences_time_zone_new        (const char                 *tzid);
void        bv_occurrences_local_from_date_time (GDateTime                  *dt,
                                                 struct icaltimetype        *out);
guint       bv_occurrences_list_length          (const short                *list,
                                                 guint                       size);

#define LIST_LENGTH(array) bv_occurrences_list_length ((array), G_N_ELEMENTS (array))

G_END_DECLS
