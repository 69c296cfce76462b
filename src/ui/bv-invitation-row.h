/* bv-invitation-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-participant.h"

G_BEGIN_DECLS

/* What the row says about the invitation sent by e-mail. */
typedef enum {
  BV_INVITATION_ROW_MAIL_NONE,     /* never sent by e-mail */
  BV_INVITATION_ROW_MAIL_SENDING,
  BV_INVITATION_ROW_MAIL_SENT,
  BV_INVITATION_ROW_MAIL_FAILED,
} BvInvitationRowMail;

#define BV_TYPE_INVITATION_ROW (bv_invitation_row_get_type ())
G_DECLARE_FINAL_TYPE (BvInvitationRow, bv_invitation_row, BV, INVITATION_ROW, AdwActionRow)

/* One invited person in the Invite window: name, address and what
 * happened to their e-mail, a role drop-down, one text button "Send" with
 * a menu of the window's per-person actions (invite.mail-one,
 * invite.preview, invite.copy-link, invite.copy-text, invite.send-mail,
 * invite.save-calendar, each with the participant's id) and remove as an
 * icon (invite.remove). After a failed e-mail the text button becomes
 * "Send Again" (invite.mail-one) with the same menu beside it.
 * Choosing another role emits ::role-chosen; the row does not change
 * @participant itself. */
BvInvitationRow *bv_invitation_row_new             (BvParticipant     *participant);

BvParticipant   *bv_invitation_row_get_participant (BvInvitationRow   *self);

/* Shows @role without emitting ::role-chosen (to undo a refused change). */
void             bv_invitation_row_show_role       (BvInvitationRow   *self,
                                                    BvParticipantRole  role);

/* Shows the e-mail state: @sent_at for SENT (nullable), @error_text for
 * FAILED (the German reason), @outdated when the invitation changed after
 * it was sent. */
void             bv_invitation_row_show_mail       (BvInvitationRow     *self,
                                                    BvInvitationRowMail  state,
                                                    GDateTime           *sent_at,
                                                    const char          *error_text,
                                                    gboolean             outdated);

/* The menu of the "Send" button (for tests and the a11y check). */
GMenuModel      *bv_invitation_row_get_menu        (BvInvitationRow   *self);

/* The subtitle line about the e-mail, e.g. "Sent on 3 March, 18:02", or
 * NULL when there is none. */
char            *bv_invitation_row_describe_mail   (BvInvitationRowMail  state,
                                                    GDateTime           *sent_at,
                                                    const char          *error_text,
                                                    gboolean             outdated);

G_END_DECLS
