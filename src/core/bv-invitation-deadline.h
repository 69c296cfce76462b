/* bv-invitation-deadline.h
 *
 * By when the invitations to a general assembly must go out: the
 * statutes set the invitation period (Einladungsfrist, § 58 BGB), the
 * club enters it in Preferences, and the editor and Anstehend say the
 * day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bv-database.h"
#include "bv-meeting.h"

G_BEGIN_DECLS

/* The period when the club set none (a common one in statutes). */
#define BV_INVITATION_PERIOD_DEFAULT_DAYS 14
/* How many days ahead Anstehend starts to warn. */
#define BV_INVITATION_DEADLINE_WARN_DAYS 7

/* The last day the invitations can go out for a meeting on @meeting_day
 * when the statutes ask for @period_days days: counted in calendar days,
 * so neither a daylight-saving change nor a 29 February in between moves
 * it. A deadline on a Sunday or a holiday stays on the day it falls on:
 * the club's statutes, not the app, say whether that counts. */
void      bv_invitation_deadline_for_day     (const GDate *meeting_day,
                                              guint        period_days,
                                              GDate       *deadline);

/* The same for @meeting's first date (its start_local, in its own zone).
 * FALSE when it has no date yet. */
gboolean  bv_invitation_deadline_for_meeting (BvMeeting   *meeting,
                                              guint        period_days,
                                              GDate       *deadline);

/* "Send the invitations by Tuesday, 3 March" (German: "Einladungen
 * spätestens am Dienstag, 3. März verschicken"); the year is named when it
 * is not the year of @today. */
char     *bv_invitation_deadline_describe    (const GDate *deadline,
                                              const GDate *today);

/* What Anstehend says while the invitations are not sent: NULL while the
 * deadline is more than BV_INVITATION_DEADLINE_WARN_DAYS days away,
 * otherwise how many days are left, that today is the last day, or that
 * the deadline has passed. */
char     *bv_invitation_deadline_warning     (const GDate *deadline,
                                              const GDate *today);

/* Whether the invitations to @meeting count as sent. Until the app keeps
 * a record of sent invitations (the e-mail issue, #16), this is: somebody
 * is invited to it, i.e. personal links were made for them. The sending
 * record replaces this test here, in one place. */
gboolean  bv_invitation_deadline_invitations_sent (BvDatabase *database,
                                                   BvMeeting  *meeting);

G_END_DECLS
