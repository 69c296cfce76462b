/* bv-meeting-search.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-database.h"
#include "bv-occurrences.h"

G_BEGIN_DECLS

/* Finding planned meetings by a part of their title, as GNOME Shell's
 * search asks for them (the search provider in src/ui). */

/* Whether every word of every term occurs in a word of @title, ignoring
 * case and accents ("jur" and "jür" find "Jürgen", "sitzung" finds
 * "Vorstandssitzung"). No terms, or only empty ones, match nothing. */
gboolean   bv_meeting_search_matches  (const char         *title,
                                       const char * const *terms);

/* The meetings whose titles match, each with its date in progress at @now
 * or its next one (of BvPlannedOccurrence), the soonest first. Meetings
 * without any date left are not listed. */
GPtrArray *bv_meeting_search          (BvDatabase         *database,
                                       const char * const *terms,
                                       GDateTime          *now);

/* The occurrence's start in its meeting's zone, "Tue, 1 December, 19:30". */
char      *bv_meeting_search_describe (BvOccurrence       *occurrence);

G_END_DECLS
