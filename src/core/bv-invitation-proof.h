/* bv-invitation-proof.h
 *
 * Proof of proper invitation to a general assembly (issue 17, point 3):
 * for every invited member when and how they were invited, from the
 * e-mail sending record (bv-mail-record) or from a mark set by hand
 * (bv-invitation-mark), measured against the invitation period
 * (bv-invitation-deadline). As a list, a CSV file, a printable PDF page
 * and the minutes' sentence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-database.h"
#include "bv-invitation-mark.h"
#include "bv-meeting.h"

G_BEGIN_DECLS

typedef enum {
  BV_INVITATION_PROOF_NONE,    /* no invitation recorded */
  BV_INVITATION_PROOF_EMAIL,   /* "E-Mail gesendet", from the sending record */
  BV_INVITATION_PROOF_LETTER,  /* "per Brief", marked by hand */
  BV_INVITATION_PROOF_PERSON,  /* "persönlich", marked by hand */
} BvInvitationProofHow;

typedef struct {
  char                 *participant_id;
  char                 *name;
  char                 *email;       /* NULL when the member has none */
  BvInvitationProofHow  how;
  GDateTime            *sent_at;     /* e-mail: when, in the meeting's zone */
  char                 *message_id;  /* e-mail: its Message-ID */
  GDate                 day;         /* the day it went out (valid unless NONE) */
  gboolean              in_time;     /* on or before the deadline */
} BvInvitationProofEntry;

void bv_invitation_proof_entry_free (BvInvitationProofEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BvInvitationProofEntry, bv_invitation_proof_entry_free)

/* One entry per invited member of @meeting (guests are no members and
 * left out), in the participants' order. When both an e-mail and a mark
 * exist, the earlier counts. @deadline (nullable) decides in_time; without
 * one, every recorded invitation counts as in time. */
GPtrArray *bv_invitation_proof_list      (BvDatabase  *database,
                                          BvMeeting   *meeting,
                                          const GDate *deadline);

/* Whether every invited member of @meeting (at least one) has an
 * invitation recorded, by e-mail or marked by hand. */
gboolean   bv_invitation_proof_all_invited (BvDatabase *database,
                                            BvMeeting  *meeting);

/* The CSV file: UTF-8 with BOM, ';'-separated, CRLF, header
 * "Name;E-Mail;Eingeladen am;Wie;Fristgerecht;Message-ID". The times are
 * RFC 3339 for e-mails, the day (YYYY-MM-DD) for marks. */
char      *bv_invitation_proof_csv       (GPtrArray   *entries);

/* The minutes' sentence on proper invitation, e.g. "Alle 112 Mitglieder
 * wurden fristgerecht eingeladen: 98 per E-Mail bis 3. März, 14 per Brief
 * bis 2. März." or, when not all were invited in time, who was not and
 * why. The deadline is @meeting's for @period_days
 * (bv_invitation_deadline_for_meeting ()). */
char      *bv_invitation_proof_statement (BvDatabase  *database,
                                          BvMeeting   *meeting,
                                          guint        period_days);

/* The printable page(s) as a PDF: the meeting, the deadline, the
 * statement and one line per member. */
gboolean   bv_invitation_proof_write_pdf (BvDatabase  *database,
                                          BvMeeting   *meeting,
                                          guint        period_days,
                                          const char  *path,
                                          GError     **error);

G_END_DECLS
