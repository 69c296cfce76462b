/* bv-repetition-section.h
 *
 * The meeting editor's "Repeat" group: how often, on which days, until
 * when. It writes the draft's RRULE (bv-repetition) as the user changes
 * it and emits "changed" afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-meeting.h"

G_BEGIN_DECLS

#define BV_TYPE_REPETITION_SECTION (bv_repetition_section_get_type ())
G_DECLARE_FINAL_TYPE (BvRepetitionSection, bv_repetition_section, BV, REPETITION_SECTION, AdwPreferencesGroup)

/* Shows @draft's rule. With @keep_rule (an existing meeting) the rule
 * stays word for word until the user changes the repetition; otherwise
 * it is rebuilt from the form at once. */
void      bv_repetition_section_set_meeting   (BvRepetitionSection *self,
                                               BvMeeting           *draft,
                                               gboolean             keep_rule);
/* After the user changed the draft's start: a form-made rule follows the
 * new day. TRUE when the day (not only the time) changed. */
gboolean  bv_repetition_section_start_changed (BvRepetitionSection *self);
/* Shows and returns the section's problem (NULL if none). */
char     *bv_repetition_section_check         (BvRepetitionSection *self);

G_END_DECLS
