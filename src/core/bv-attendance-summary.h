/* bv-attendance-summary.h
 *
 * The attendance of one meeting per person, as the live view, the quorum
 * and the export need it: who is present, who left, who never came, and
 * who came without an invitation; first join, last leave, minutes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bv-database.h"

G_BEGIN_DECLS

typedef enum {
  BV_ATTENDANCE_STATE_PRESENT,
  BV_ATTENDANCE_STATE_LEFT,
  BV_ATTENDANCE_STATE_NEVER_CAME,
} BvAttendanceState;

typedef struct
{
  char              *name;
  char              *email;           /* NULL when unknown */
  char              *member_id;       /* NULL: a guest or not invited */
  char              *participant_id;  /* the invitation, NULL if not invited */
  gboolean           invited;
  /* The one who joined through this app (bv_join_get_user_id ()), who runs
   * the meeting: @name says so, and she is neither an uninvited person to
   * warn about nor counted for the quorum (invited stays FALSE: she cannot
   * be matched to a member). */
  gboolean           host;
  BvAttendanceState  state;
  gint64             first_join;      /* seconds since the epoch; 0: never came */
  gint64             last_leave;      /* 0 while present or never came */
  guint              minutes;         /* inside, all stays together, rounded down */
} BvAttendancePerson;

void        bv_attendance_person_free (BvAttendancePerson *person);

/* Everyone invited to @meeting and everyone who came, at @now (seconds
 * since the epoch; stays still open count up to it): first the invited in
 * the order of the member list (last name, then first name, German
 * collation), then those not invited in the order they came.
 * Returns (element-type BvAttendancePerson). */
GPtrArray  *bv_attendance_summarize   (BvDatabase  *database,
                                       BvMeeting   *meeting,
                                       gint64       now);

/* The attendance list as semicolon-separated UTF-8 CSV with CRLF line
 * ends: the header "Name;E-Mail;Eingeladen;Erster Beitritt;Letztes
 * Verlassen;Minuten", then one row per person who came, times as RFC 3339
 * in the meeting's zone, "ja"/"nein" for invited, an empty last leave for
 * someone still inside. The header is the same in every language (files
 * are read by programs). */
char       *bv_attendance_csv         (GPtrArray   *people,
                                       BvMeeting   *meeting);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BvAttendancePerson, bv_attendance_person_free)

G_END_DECLS
