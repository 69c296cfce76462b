/* bv-invitation-proof-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-database.h"
#include "bv-meeting.h"

G_BEGIN_DECLS

#define BV_TYPE_INVITATION_PROOF_WINDOW (bv_invitation_proof_window_get_type ())
G_DECLARE_FINAL_TYPE (BvInvitationProofWindow, bv_invitation_proof_window, BV, INVITATION_PROOF_WINDOW, AdwWindow)

/* "Proof of Invitation" for @meeting: the minutes' sentence, and per
 * invited member how and when they were invited (the e-mail from the
 * sending record, or a letter or hand-over marked here with its day);
 * exported as CSV or as a printable PDF. @period_days is the club's
 * invitation period. */
BvInvitationProofWindow *bv_invitation_proof_window_new (GtkWindow  *parent,
                                                         BvDatabase *database,
                                                         BvMeeting  *meeting,
                                                         guint       period_days);

G_END_DECLS
