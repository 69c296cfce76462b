/* bv-invitation-mailer-private.h
 *
 * For the tests and the benchmark only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bv-invitation-mailer.h"

G_BEGIN_DECLS

/* After a temporary refusal (421, 450, 451, 452) the mailer waits
 * @first_delay_ms, then twice as long, … up to @max_retries times per
 * message. The defaults are 3 retries from 20 s. */
void  _bv_invitation_mailer_set_retries   (guint max_retries,
                                           guint first_delay_ms);
/* How many SMTP connections the last batch opened. */
guint _bv_invitation_mailer_get_n_connections (BvInvitationMailer *self);

G_END_DECLS
