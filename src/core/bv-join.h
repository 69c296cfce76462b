/* bv-join.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-bbb-query.h"
#include "bv-meeting.h"
#include "bv-server.h"

G_BEGIN_DECLS

/* The meeting's room parameters for create (meetingID, name, attendeePW,
 * moderatorPW, record, welcome, guestPolicy, muteOnStart,
 * webcamsOnlyForModerator, maxParticipants (if >0), meta_bbb-origin=bbb-vereine,
 * meta_bbb-origin-version). The welcome text is plain text: it is sent as
 * BigBlueButton's limited HTML (markup escaped, line breaks as <br>).
 * Used by the join flow and later by the scheduler. */
BvBbbQuery *bv_join_build_create_query (BvMeeting           *meeting);

/* A stable userID for this person on this computer: the same value on every
 * call, derived with HMAC-SHA-256 from the machine id (/etc/machine-id or
 * /var/lib/dbus/machine-id) and the user name, and not reversible. */
char       *bv_join_get_user_id        (void);

/* Joins the meeting as moderator with exactly one request to the server
 * (create) before the browser opens: looks up the server's secret in the
 * keyring, creates the room (an open room is fine), builds the signed join
 * URL locally and opens it once in the default browser.
 *
 * display_name: the name the others see; NULL or "" uses the user's real
 * name. user_id: NULL uses bv_join_get_user_id ().
 *
 * Errors: BV_SECRET_ERROR from the keyring, BV_BBB_ERROR from the server,
 * G_IO_ERROR_NOT_FOUND when the meeting has no server (server NULL or the
 * meeting's server id unset), G_IO_ERROR_FAILED when no browser could be
 * opened, G_IO_ERROR_CANCELLED. Every message is a translated sentence
 * that says what to do. */
void        bv_join_run_async          (BvServer            *server,
                                        BvMeeting           *meeting,
                                        const char          *display_name,
                                        const char          *user_id,
                                        GAppLaunchContext   *launch_context,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean    bv_join_run_finish         (GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
