/* bv-slides-section.h
 *
 * The meeting editor's "Slides" group: the files shown in the room from
 * the start, with their sizes read asynchronously and refused when the
 * create request could not carry them. It writes the draft's slides and
 * emits "changed" when its problem may have changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-meeting.h"

G_BEGIN_DECLS

#define BV_TYPE_SLIDES_SECTION (bv_slides_section_get_type ())
G_DECLARE_FINAL_TYPE (BvSlidesSection, bv_slides_section, BV, SLIDES_SECTION, AdwPreferencesGroup)

/* Shows @draft's slides and starts reading their sizes. */
void      bv_slides_section_set_meeting (BvSlidesSection *self,
                                         BvMeeting       *draft);
/* Adds @files (GFile) as slides, as the "Add slides…" chooser does: sizes
 * are read asynchronously, too big files are refused with a message. */
void      bv_slides_section_add_files   (BvSlidesSection *self,
                                         GListModel      *files);
/* TRUE while sizes of added or loaded slides are still being read. */
gboolean  bv_slides_section_is_busy     (BvSlidesSection *self);
/* Shows the section's message and returns its problem (NULL if none). */
char     *bv_slides_section_check       (BvSlidesSection *self);

G_END_DECLS
