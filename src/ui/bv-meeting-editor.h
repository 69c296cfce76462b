/* bv-meeting-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-database.h"

G_BEGIN_DECLS

#define BV_TYPE_MEETING_EDITOR (bv_meeting_editor_get_type ())
G_DECLARE_FINAL_TYPE (BvMeetingEditor, bv_meeting_editor, BV, MEETING_EDITOR, AdwWindow)

/* With @meeting NULL the editor plans a new board meeting (tomorrow 19:00)
 * on @default_server_id. Otherwise it edits a draft copy; @meeting changes
 * only when the user saves.
 *
 * Signals: "saved" (BvMeeting *stored) after a successful save, then the
 * editor closes; "delete-requested" (BvMeeting *stored): the editor closes
 * and the caller deletes the meeting (with an undo toast). */
BvMeetingEditor *bv_meeting_editor_new (GtkWindow  *parent,
                                        BvDatabase *database,
                                        BvMeeting  *meeting,
                                        const char *default_server_id);

/* The club's invitation period in days (Preferences), for the line that
 * says by when the invitations to an assembly must go out. */
void             bv_meeting_editor_set_invitation_period (BvMeetingEditor *self,
                                                          guint            days);

G_END_DECLS
