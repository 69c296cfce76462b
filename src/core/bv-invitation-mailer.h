/* bv-invitation-mailer.h
 *
 * Sending a meeting's invitations by e-mail (issue 16): one message per
 * person (GMime 3), with their rendered invitation and a
 * text/calendar; method=REQUEST part (iMIP), sent through the club's own
 * mailbox with libcurl in a worker thread, over one connection for the
 * batch. Each person's outcome is stored (bv-mail-record.h) the moment
 * the server accepted or refused their message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-context.h"
#include "bv-mail-account.h"
#include "bv-mail-record.h"
#include "bv-meeting.h"

G_BEGIN_DECLS

typedef enum {
  BV_MAIL_SCOPE_ALL,
  BV_MAIL_SCOPE_UNSENT,     /* never sent, or the last attempt failed */
  BV_MAIL_SCOPE_CHANGED,    /* sent, but the invitation changed since (role, links, date) */
  BV_MAIL_SCOPE_SELECTED,   /* the participant ids passed in */
} BvMailScope;

#define BV_TYPE_INVITATION_MAILER (bv_invitation_mailer_get_type ())
G_DECLARE_FINAL_TYPE (BvInvitationMailer, bv_invitation_mailer, BV, INVITATION_MAILER, GObject)

/* Uses g_settings_new (APP_ID) for the account and the invitation text
 * unless bv_invitation_mailer_set_settings () gives other settings. */
BvInvitationMailer *bv_invitation_mailer_new          (BvContext          *context,
                                                       BvMeeting          *meeting);
void                bv_invitation_mailer_set_settings (BvInvitationMailer *self,
                                                       GSettings          *settings);

/* The summary before sending, computed from the store (no network), e.g.
 * "23 Einladungen an 23 Personen · 2 ohne E-Mail-Adresse werden übersprungen". */
char    *bv_invitation_mailer_describe    (BvInvitationMailer  *self,
                                           BvMailScope          scope,
                                           const char * const  *selected_ids);
/* How many messages @scope sends; @n_skipped (nullable) gets how many
 * people in the scope have no e-mail address. */
guint    bv_invitation_mailer_count       (BvInvitationMailer  *self,
                                           BvMailScope          scope,
                                           const char * const  *selected_ids,
                                           guint               *n_skipped);

/* Loads the account from GSettings and the password from the keyring,
 * signs everyone's link, then sends. Invalid addresses fail before
 * anything is sent. Emits ::progress and ::participant-changed on the
 * caller's main context. */
void     bv_invitation_mailer_send_async  (BvInvitationMailer  *self,
                                           BvMailScope          scope,
                                           const char * const  *selected_ids,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* TRUE when it ran through (some people may have failed: see the counts).
 * FALSE with a German error when it had to stop (login refused, TLS,
 * unreachable, connection lost, temporary refusals after the retries,
 * cancelled); the counts are filled also then. */
gboolean bv_invitation_mailer_send_finish (BvInvitationMailer  *self,
                                           GAsyncResult        *result,
                                           guint               *n_sent,
                                           guint               *n_failed,
                                           guint               *n_skipped,
                                           GError             **error);

/* METHOD:CANCEL to everyone who was sent this meeting's invitation: for
 * one date of a series (@recurrence_id, the date's original local start
 * as BvOccurrence and BvMeetingException give it), or for the whole
 * meeting (@recurrence_id NULL) before it is deleted. Finish with
 * bv_invitation_mailer_send_finish (). */
void     bv_invitation_mailer_send_cancel_async (BvInvitationMailer  *self,
                                                 const char          *recurrence_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* How many people a cancel message would go to. */
guint    bv_invitation_mailer_count_cancel      (BvInvitationMailer  *self);

G_END_DECLS
