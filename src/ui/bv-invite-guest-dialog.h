/* bv-invite-guest-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BV_TYPE_INVITE_GUEST_DIALOG (bv_invite_guest_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BvInviteGuestDialog, bv_invite_guest_dialog, BV, INVITE_GUEST_DIALOG, AdwMessageDialog)

/* "Invite a Guest": name and (optional) e-mail address. The "invite"
 * response is enabled once there is a name and the address, if any, is
 * valid; "cancel" closes. */
BvInviteGuestDialog *bv_invite_guest_dialog_new       (GtkWindow           *parent);

/* Presents it with the focus in the name. */
void                 bv_invite_guest_dialog_present   (BvInviteGuestDialog *self);

/* What was typed, as typed. */
const char          *bv_invite_guest_dialog_get_name  (BvInviteGuestDialog *self);
const char          *bv_invite_guest_dialog_get_email (BvInviteGuestDialog *self);

G_END_DECLS
