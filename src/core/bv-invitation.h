/* bv-invitation.h
 *
 * Personal invitations (issue #5): a signed join link per participant,
 * the invitation text, mailto: URIs, the mail-merge CSV and calendar
 * files. No GTK; everything here but the renewal is synchronous and cheap,
 * because the signing client is opened once (bv_server_client_open_async)
 * and then signs locally.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-server-api.h"
#include "bv-database.h"
#include "bv-meeting.h"
#include "bv-participant.h"
#include "bv-server.h"

G_BEGIN_DECLS

/* A participant's personal join link: fullName (their name), meetingID,
 * role=MODERATOR/VIEWER (2.4 and later, load balancers) or the meeting's
 * moderator/attendee password (older servers), userID "bv-" + the link
 * key (stable across occurrences), no createTime (so one link serves every
 * date of a series), and no guest flag (invited people skip the waiting
 * room). Signed by @client with the server's algorithm. */
char     *bv_invitation_build_link        (BvBbbClient   *client,
                                           BvServer      *server,
                                           BvMeeting     *meeting,
                                           BvParticipant *participant);

/* The optional generic guest link: guest=true and a placeholder name the
 * guest replaces, so a moderator must let them in. */
char     *bv_invitation_build_guest_link  (BvBbbClient   *client,
                                           BvServer      *server,
                                           BvMeeting     *meeting);

/* What the text may say about the club and the room; all nullable. */
typedef struct
{
  const char *club_name;
  const char *privacy_contact;   /* who to ask about data protection */
  const char *dial_number;       /* telephone dial-in, when the server has one */
  const char *voice_bridge;      /* its PIN */
  /* How members take part and vote online (§ 32 Abs. 2 BGB), for
   * {participation}; NULL: bv_invitation_default_participation(). */
  const char *participation;
  /* How many months attendance is kept, for {attendance}; 0: 12. */
  guint       attendance_months;
  /* Who sends the invitations, for {sender} (last, so that positional
   * initialisers of the fields above stay valid). */
  const char *sender_name;
} BvInvitationContext;

/* Size of the buffer bv_invitation_context_set_dial_in () writes the PIN to. */
#define BV_INVITATION_PIN_SIZE 8

/* Fills @context's dial-in number and PIN when @server (nullable) is known
 * to have telephone dial-in: its number, and the room's PIN, which is the
 * same for every date (bv_join_voice_bridge ()). @pin receives the PIN's
 * text and must live as long as @context. */
void      bv_invitation_context_set_dial_in (BvInvitationContext *context,
                                             BvServer            *server,
                                             BvMeeting           *meeting,
                                             char                 pin[BV_INVITATION_PIN_SIZE]);

/* The default template (translated; German in de.po). Placeholders:
 * {greeting} ("Liebe Frau Schäfer", "Hallo Brigitte", "Guten Tag Anna
 * Becker": bv_invitation_text_greeting () with the member's salutation;
 * guests neutral) {name} {first_name} {last_name} {title} {when} (date and time, or the series in words such as
 * "jeden Dienstag, 19:30 Uhr") {link} {dial_in} (a sentence with number
 * and PIN, or nothing) {privacy} (the privacy notice with the club's
 * contact) {recording} (the consent notice when recording is allowed, or
 * nothing) {club} (the club's name, for the greeting; added by the core
 * helper). Lines that end up empty because of an empty placeholder are
 * dropped. */
const char *bv_invitation_default_template (void);

/* The default template of a general assembly (translated). Besides the
 * above: {venue} (hybrid with the venue, or online only), {agenda} (the
 * heading and the numbered items with their motions, or nothing) and
 * {participation} (how members take part and vote online) and
 * {attendance} (what the app records of who attended, why, and for how
 * long). */
const char *bv_invitation_assembly_template (void);

/* The § 32 Abs. 2 BGB statement the assembly's invitation carries unless
 * the club wrote its own (translated). */
const char *bv_invitation_default_participation (void);

/* The agenda as the invitation shows it: a heading, then "1. Title" with
 * the motion indented below; "" without items. */
char     *bv_invitation_format_agenda     (BvMeeting     *meeting);

/* Hybrid with the venue, or online only, as one sentence. */
char     *bv_invitation_describe_venue    (BvMeeting     *meeting);

/* Fills @template_text (NULL or "" = the default) for one participant. */
char     *bv_invitation_render_for        (const char                *template_text,
                                           BvMeeting                 *meeting,
                                           BvParticipant             *participant,
                                           const char                *link,
                                           const BvInvitationContext *context);
/* The same for a person known only by @name, greeted neutrally (guests,
 * previews); first and last name as bv_member_split_name () splits it. */
char     *bv_invitation_render            (const char                *template_text,
                                           BvMeeting                 *meeting,
                                           const char                *name,
                                           const char                *link,
                                           const BvInvitationContext *context);

/* The subject line: "Einladung: {title}". */
char     *bv_invitation_subject           (BvMeeting     *meeting);

/* mailto:TO?subject=…&body=… with RFC 6068 percent-encoding (UTF-8,
 * CRLF line breaks as %0D%0A, spaces as %20). */
char     *bv_invitation_mailto_uri        (const char    *to,
                                           const char    *subject,
                                           const char    *body);

/* The series or single date in words, in the meeting's zone:
 * "Dienstag, 1. Dezember 2026, 19:30 Uhr" or "jeden Dienstag, 19:30 Uhr". */
char     *bv_invitation_describe_when     (BvMeeting     *meeting);

/* The mail-merge file: UTF-8 with BOM, ';'-separated, CRLF, a header row
 * (Name;E-Mail;Rolle;Link;Termin;Titel;Betreff;Text) and one row per
 * participant, fields quoted where needed. @links holds one link per
 * participant, in the same order. */
char     *bv_invitation_merge_csv         (BvMeeting     *meeting,
                                           GPtrArray     *participants,
                                           GPtrArray     *links,
                                           const char    *template_text,
                                           const BvInvitationContext *context);

/* An iCalendar file made with libical: one VEVENT with the meeting's
 * DTSTART/DTEND in its zone, the RRULE/EXDATEs of the series, SUMMARY,
 * and, when @link is given, URL, LOCATION and DESCRIPTION with the link
 * (the personal file); without it, the whole meeting without links. */
char     *bv_invitation_build_ics         (BvMeeting     *meeting,
                                           const char    *link,
                                           const char    *description,
                                           GError       **error);

/* As bv_invitation_build_ics(), with the series' cancelled dates as
 * EXDATE and moved dates as VEVENTs with RECURRENCE-ID. @exceptions
 * (nullable, of BvMeetingException) as bv_database_list_exceptions()
 * gives them. Added by the core helper; compatible with the above. */
char     *bv_invitation_build_ics_full    (BvMeeting     *meeting,
                                           GPtrArray     *exceptions,
                                           const char    *link,
                                           const char    *description,
                                           GError       **error);

/* "Links erneuern": ends the room if it runs (so nobody stays in with an
 * old link), gives the meeting a new meetingID and saves it. Every link
 * made before stops working. */
void      bv_invitation_renew_links_async  (BvDatabase          *database,
                                            BvServer            *server,
                                            BvMeeting           *meeting,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean  bv_invitation_renew_links_finish (GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
