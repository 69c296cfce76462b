/* bv-meeting-editor-private.h
 *
 * For tests: what the file chooser would hand over, and the draft the form
 * edits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bv-meeting-editor.h"

G_BEGIN_DECLS

/* Adds @files (GFile) as slides, as the "Add slides…" chooser does: sizes
 * are read asynchronously, too big files are refused with a message. */
void       _bv_meeting_editor_add_slide_files (BvMeetingEditor *self,
                                               GListModel      *files);
/* TRUE while sizes of added or loaded slides are still being read. */
gboolean   _bv_meeting_editor_is_busy         (BvMeetingEditor *self);
BvMeeting *_bv_meeting_editor_get_draft       (BvMeetingEditor *self);
/* The first problem that keeps Save disabled, or NULL. */
const char *_bv_meeting_editor_get_problem    (BvMeetingEditor *self);

G_END_DECLS
