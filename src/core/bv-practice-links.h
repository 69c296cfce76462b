/* bv-practice-links.h
 *
 * Links of a meeting on the practice server start with
 * http://127.0.0.1… and work on this computer only: nobody they are sent
 * to can join. Everything that sends, copies or exports an invitation
 * asks here first (the UI through bv_practice_warning_check()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-context.h"
#include "bv-meeting.h"
#include "bv-server.h"

G_BEGIN_DECLS

/* Whether @server_id is the practice server that bv-practice-host
 * registered in @settings (key "practice-server"). FALSE for NULL. */
gboolean  bv_practice_links_server_is_practice  (GSettings  *settings,
                                                 const char *server_id);
/* Whether @meeting is planned on the practice server. */
gboolean  bv_practice_links_meeting_is_practice (GSettings  *settings,
                                                 BvMeeting  *meeting);
/* The first of @context's servers that is not the practice server, or
 * NULL (a new reference): where a practice meeting can move to. */
BvServer *bv_practice_links_find_real_server    (BvContext  *context,
                                                 GSettings  *settings);

G_END_DECLS
