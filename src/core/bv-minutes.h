/* bv-minutes.h
 *
 * The minutes (Protokoll) of a general assembly (issue 17) as a printable
 * document: the club, ordinary or extraordinary, online or hybrid with the
 * venue, date, start and end from the attendance record, chair and
 * recorder, how the members were invited, the quorum, the agenda with each
 * item's result, lines to sign, and the attendance list as an appendix.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bv-print-document.h"
#include "bv-quorum.h"

G_BEGIN_DECLS

/* How the members were invited, one German paragraph for the minutes:
 * the proof of proper invitation (bv_invitation_proof_statement ()), from
 * the e-mail sending records and the letters and hand-overs marked by
 * hand, measured against the deadline of @period_days. */
char            *bv_minutes_invitation_statement (BvDatabase         *database,
                                                  BvMeeting          *meeting,
                                                  guint               period_days);

/* Whether anything was recorded in the meeting's room: minutes without
 * attendance make no sense. */
gboolean         bv_minutes_has_attendance       (BvDatabase         *database,
                                                  BvMeeting          *meeting);

/* The minutes of @meeting; @club the club's name (may be empty), @rule
 * the quorum rule of the statutes, @period_days the statutes' invitation
 * period, @now the time stays still open count up to. */
BvPrintDocument *bv_minutes_build                (BvDatabase         *database,
                                                  BvMeeting          *meeting,
                                                  const char         *club,
                                                  const BvQuorumRule *rule,
                                                  guint               period_days,
                                                  gint64              now);

G_END_DECLS
