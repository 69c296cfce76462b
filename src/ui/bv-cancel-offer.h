/* bv-cancel-offer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-context.h"
#include "bv-invitation-mailer.h"

G_BEGIN_DECLS

/* Calling off a date or deleting a meeting whose invitation went out by
 * e-mail: the question that confirms it offers to send a cancellation
 * (METHOD:CANCEL), which takes the appointment out of the people's
 * calendars.
 *
 * A mailer for @meeting's cancellation, when an e-mail account is set up
 * in @settings (nullable: no offer) and someone was sent the invitation;
 * NULL otherwise. @n_people gets how many would be told. */
BvInvitationMailer *bv_cancel_offer_mailer_new (BvContext   *context,
                                                GSettings   *settings,
                                                BvMeeting   *meeting,
                                                guint       *n_people);

/* The question, with the responses "cancel", "only" (call off or delete
 * without telling anyone) and "send". @recurrence_id is the date called
 * off, NULL when the whole meeting is deleted. */
AdwMessageDialog   *bv_cancel_offer_dialog_new (GtkWindow   *parent,
                                                BvMeeting   *meeting,
                                                const char  *recurrence_id,
                                                guint        n_people);

G_END_DECLS
