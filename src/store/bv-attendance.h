/* bv-attendance.h
 *
 * Who was in a meeting's room and when (issue 17): one entry per stay,
 * from the first poll that saw a person to the first that no longer did;
 * a rejoin is a new entry. Gaps are the times the server could not be
 * asked. Stored by bv-database-attendance.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct
{
  gint64    id;
  char     *meeting_id;
  char     *participant_id; /* the invitation it matched, or NULL */
  char     *member_id;      /* the member invited, or NULL (a guest, or not invited) */
  char     *user_id;        /* the userID the server reported */
  char     *full_name;      /* the name the server showed */
  gboolean  invited;        /* matched to an invitation of this meeting */
  gint64    joined_at;      /* seconds since the epoch */
  gint64    last_seen;
  gint64    left_at;        /* 0 while present */
} BvAttendanceEntry;

typedef struct
{
  gint64 started_at;  /* the last answer before the server stopped answering */
  gint64 ended_at;    /* the first answer after it; 0 while it lasts */
} BvAttendanceGap;

/* What one poll saw of one person, matched by the caller. */
typedef struct
{
  const char *user_id;
  const char *full_name;
  const char *participant_id;
  const char *member_id;
  gboolean    invited;
} BvAttendanceSeen;

#define BV_TYPE_ATTENDANCE_ENTRY (bv_attendance_entry_get_type ())
GType              bv_attendance_entry_get_type (void) G_GNUC_CONST;
BvAttendanceEntry *bv_attendance_entry_copy     (const BvAttendanceEntry *entry);
void               bv_attendance_entry_free     (BvAttendanceEntry       *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BvAttendanceEntry, bv_attendance_entry_free)

G_END_DECLS
