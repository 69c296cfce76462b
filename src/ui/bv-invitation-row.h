/* bv-invitation-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-participant.h"

G_BEGIN_DECLS

#define BV_TYPE_INVITATION_ROW (bv_invitation_row_get_type ())
G_DECLARE_FINAL_TYPE (BvInvitationRow, bv_invitation_row, BV, INVITATION_ROW, AdwActionRow)

/* One invited person in the Invite window: name, address, a role
 * drop-down and buttons for the window's invite.preview, invite.copy-link,
 * invite.copy-text, invite.send-mail and invite.remove actions (with the
 * participant's id). Choosing another role emits ::role-chosen; the row
 * does not change @participant itself. */
BvInvitationRow *bv_invitation_row_new             (BvParticipant     *participant);

BvParticipant   *bv_invitation_row_get_participant (BvInvitationRow   *self);

/* Shows @role without emitting ::role-chosen (to undo a refused change). */
void             bv_invitation_row_show_role       (BvInvitationRow   *self,
                                                    BvParticipantRole  role);

G_END_DECLS
