/* bv-meeting-kind-title.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bv-meeting.h"

G_BEGIN_DECLS

/* The kind an imported meeting gets from its title: "Mitgliederversammlung",
 * "Jahreshauptversammlung" or "Hauptversammlung" make an assembly,
 * "Vorstand" a board meeting, "Kurs" a course, "Workshop" a workshop;
 * anything else a group meeting. A word counts when it begins or ends with
 * the key, so German compounds ("Vorstandssitzung", "Yogakurs") match while
 * "Exkursion" does not. Case does not count. The kind stays editable. */
BvMeetingKind bv_meeting_kind_from_title (const char *title);

G_END_DECLS
