/* bv-practice-warning.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-context.h"
#include "bv-meeting.h"

G_BEGIN_DECLS

/* Call first in every action that sends, copies or exports something of
 * @meeting (a link, an invitation, a file, an e-mail).
 *
 * Returns TRUE when the action may go ahead: @meeting is not on the
 * practice server (bv_practice_links_meeting_is_practice()), or the user
 * has already chosen to go on for it in @widget. Otherwise it presents
 * the warning and returns FALSE: "Cancel"; "Move to “…”", which moves
 * @meeting to the first real server and saves it (without one the text
 * says how to add one); or "Continue Anyway", which activates
 * @action_name (with @parameter, nullable) on @widget again, so the
 * action then goes ahead. */
gboolean bv_practice_warning_check (GtkWidget  *widget,
                                    BvContext  *context,
                                    GSettings  *settings,
                                    BvMeeting  *meeting,
                                    const char *action_name,
                                    GVariant   *parameter);

G_END_DECLS
