/* bv-planned-dates.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-database.h"
#include "bv-occurrences.h"

G_BEGIN_DECLS

/* One date of one planned meeting. */
typedef struct
{
  BvMeeting    *meeting;
  BvOccurrence *occurrence;
} BvPlannedOccurrence;

void bv_planned_occurrence_free (BvPlannedOccurrence *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BvPlannedOccurrence, bv_planned_occurrence_free)

/* The dates of all stored meetings that overlap [from, to), sorted by
 * start (of BvPlannedOccurrence). A meeting whose dates cannot be computed
 * is left out with a warning in the log rather than hiding all others. */
GPtrArray           *bv_planned_dates_list      (BvDatabase *database,
                                                 GDateTime  *from,
                                                 GDateTime  *to);
/* Each meeting's first date that overlaps [from, to) (to may be NULL: no
 * end), sorted by start: one line per meeting for an overview of what
 * comes later. */
GPtrArray           *bv_planned_dates_list_first (BvDatabase *database,
                                                  GDateTime  *from,
                                                  GDateTime  *to);

/* The date in progress at now (the earliest started), else the next one
 * to start; NULL when nothing is planned. */
BvPlannedOccurrence *bv_planned_dates_find_next (BvDatabase *database,
                                                 GDateTime  *now);

G_END_DECLS
