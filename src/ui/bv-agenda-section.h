/* bv-agenda-section.h
 *
 * The meeting editor's "Agenda" group: the items in order, each with an
 * optional motion, added, moved and removed in place. It writes the
 * draft's agenda as the user types and emits "changed" afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-meeting.h"

G_BEGIN_DECLS

#define BV_TYPE_AGENDA_SECTION (bv_agenda_section_get_type ())
G_DECLARE_FINAL_TYPE (BvAgendaSection, bv_agenda_section, BV, AGENDA_SECTION, AdwPreferencesGroup)

/* Shows @draft's agenda. */
void      bv_agenda_section_set_meeting (BvAgendaSection *self,
                                         BvMeeting       *draft);
/* Adds an empty item at the end, opens it and puts the focus on its title. */
void      bv_agenda_section_add_item    (BvAgendaSection *self);
/* Shows and returns the section's problem (NULL if none). */
char     *bv_agenda_section_check       (BvAgendaSection *self);

G_END_DECLS
