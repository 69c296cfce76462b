/* bv-join.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-server-api.h"
#include "bv-context.h"
#include "bv-meeting.h"
#include "bv-server.h"

G_BEGIN_DECLS

/* The meeting's room parameters for create (meetingID, name, attendeePW,
 * moderatorPW, record, welcome, guestPolicy, muteOnStart,
 * webcamsOnlyForModerator, maxParticipants (if >0), meta_bbb-origin=bbb-vereine,
 * meta_bbb-origin-version, voiceBridge (bv_join_voice_bridge ()), lockSettings* when the meeting restricts
 * participants). When recording is allowed, the recording notice follows
 * the welcome text. The welcome text is plain text: it is sent as
 * BigBlueButton's limited HTML (markup escaped, line breaks as <br>).
 * Used by the join flow and later by the scheduler. */
BvBbbQuery *bv_join_build_create_query (BvMeeting           *meeting);

/* The room's telephone PIN (voiceBridge, 10000–99999), derived from the
 * meeting's BBB meetingID so that it is the same for every date and can be
 * printed in invitations; it changes with "Renew Links". create sends it;
 * should another room on the server hold the same PIN
 * (nonUniqueVoiceBridge), bv_join_retry_without_voice_bridge () lets the
 * server choose one for this time. */
guint       bv_join_voice_bridge       (BvMeeting           *meeting);

/* Whether @error from create means the PIN is taken, and if so removes it
 * from @query so the caller can send create once more. */
gboolean    bv_join_retry_without_voice_bridge (BvBbbQuery   *query,
                                                const GError *error);

/* Remembers the dial-in number that the server named in @room's answer on
 * @server (the database stores it); BigBlueButton's placeholder
 * 613-555-1234, shown by servers without telephone dial-in, counts as
 * none. */
void        bv_join_note_dial_number   (BvServer            *server,
                                        BvBbbMeeting        *room);

/* What one create request may carry as slides: BigBlueButton accepts
 * request bodies up to 2 MB by default, and base64 makes files a third
 * larger. Bigger files are uploaded in the meeting itself. */
#define BV_JOIN_SLIDES_MAX_BYTES 1400000

/* The <modules> document that embeds the files at @paths (base64) as the
 * room's slides, the first one shown first. Reads the files: call it in a
 * worker thread. Errors (translated, naming the file): G_IO_ERROR_NOT_FOUND
 * and other file errors, G_IO_ERROR_MESSAGE_TOO_LARGE when the files
 * together exceed BV_JOIN_SLIDES_MAX_BYTES. NULL without error when @paths
 * is empty. */
char       *bv_join_build_slides_body  (const char * const *paths,
                                        GCancellable        *cancellable,
                                        GError             **error);

/* Whether join links for @server name the role (role=MODERATOR/VIEWER,
 * BigBlueButton 2.4 and later, load balancers) rather than a password:
 * servers whose version is unknown count as old, since a password works
 * everywhere. */
gboolean    bv_join_server_supports_role (BvServer       *server);

/* A stable userID for this person on this computer: the same value on every
 * call, derived with HMAC-SHA-256 from the machine id (/etc/machine-id or
 * /var/lib/dbus/machine-id) and the user name, and not reversible. */
char       *bv_join_get_user_id        (void);

/* Joins the meeting as moderator with exactly one request to the server
 * (create) before the browser opens: takes @context's client for the
 * server (opened with the secret from the keyring on first use, so an
 * edited address is honoured), creates the room (an open room is fine), builds the signed join
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
void        bv_join_run_async          (BvContext           *context,
                                        BvServer            *server,
                                        BvMeeting           *meeting,
                                        const char          *display_name,
                                        const char          *user_id,
                                        GAppLaunchContext   *launch_context,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean    bv_join_run_finish         (GAsyncResult        *result,
                                        GError             **error);

/* Like bv_join_run_async (), the same single create, but hands back the
 * signed moderator join URL instead of opening a browser: for a command
 * line without a display, where the user opens it elsewhere. The URL is a
 * key to the room; the caller shows it only to the user who asked. */
void        bv_join_get_link_async     (BvContext           *context,
                                        BvServer            *server,
                                        BvMeeting           *meeting,
                                        const char          *display_name,
                                        const char          *user_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
char       *bv_join_get_link_finish    (GAsyncResult        *result,
                                        GError             **error);

/* Joins a room that is running on @server but is not one of our planned
 * meetings (the Live page), as moderator: takes @context's client for the
 * server, asks getMeetingInfo (the room must still run; its
 * createTime pins the link, and servers before 2.4 need its moderator
 * password), builds the signed join URL locally with role=MODERATOR (2.4
 * and later, load balancers) or the moderator password, and opens it once
 * in the default browser. Never creates a room.
 *
 * display_name: the name the others see; NULL or "" uses the user's real
 * name. user_id: NULL uses bv_join_get_user_id ().
 *
 * Errors: BV_SECRET_ERROR from the keyring, BV_BBB_ERROR from the server
 * (BV_BBB_ERROR_NOT_FOUND with its own advice when the room has ended
 * meanwhile), G_IO_ERROR_FAILED when no browser could be opened,
 * G_IO_ERROR_CANCELLED. Every message is a translated sentence that says
 * what to do. */
void     bv_join_run_room_async  (BvContext           *context,
                                  BvServer            *server,
                                  const char          *bbb_meeting_id,
                                  const char          *display_name,
                                  const char          *user_id,
                                  GAppLaunchContext   *launch_context,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
gboolean bv_join_run_room_finish (GAsyncResult        *result,
                                  GError             **error);

G_END_DECLS
