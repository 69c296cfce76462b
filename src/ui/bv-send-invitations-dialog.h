/* bv-send-invitations-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-context.h"
#include "bv-invitation-mailer.h"

G_BEGIN_DECLS

#define BV_TYPE_SEND_INVITATIONS_DIALOG (bv_send_invitations_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BvSendInvitationsDialog, bv_send_invitations_dialog, BV, SEND_INVITATIONS_DIALOG, AdwWindow)

/* "Einladungen senden": the summary first, then who gets an e-mail
 * (everyone, only those not sent yet, only those whose invitation
 * changed, the people ticked), then a progress bar with "Cancel", then
 * what happened. Without an e-mail account in @settings it offers to set
 * one up (Einstellungen → E-Mail) instead.
 *
 * @participants (of BvParticipant) are the invited people, for the list
 * to tick; @context and @settings open the preferences.
 *
 * Actions (group "send"): send.send, send.cancel (closes, or stops the
 * sending), send.set-up-account, send.scope (s: "all", "unsent",
 * "changed", "selected") and send.choose ((sb): tick a person). */
BvSendInvitationsDialog *bv_send_invitations_dialog_new (GtkWindow          *parent,
                                                         BvInvitationMailer *mailer,
                                                         GSettings          *settings,
                                                         BvContext          *context,
                                                         GPtrArray          *participants);

/* TRUE while sending. */
gboolean bv_send_invitations_dialog_is_sending (BvSendInvitationsDialog *self);

G_END_DECLS
