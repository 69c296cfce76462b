/* bv-database.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-agenda-result.h"
#include "bv-attendance.h"
#include "bv-group.h"
#include "bv-meeting.h"
#include "bv-member.h"
#include "bv-participant.h"
#include "bv-server.h"

G_BEGIN_DECLS

#define BV_DATABASE_ERROR (bv_database_error_quark ())

typedef enum {
  BV_DATABASE_ERROR_OPEN,      /* cannot create or open the file */
  BV_DATABASE_ERROR_CORRUPT,   /* not a database, or damaged */
  BV_DATABASE_ERROR_FULL,      /* disk full */
  BV_DATABASE_ERROR_TOO_NEW,   /* written by a newer version of the app */
  BV_DATABASE_ERROR_NOT_FOUND, /* no such row */
  BV_DATABASE_ERROR_FAILED,    /* anything else */
} BvDatabaseError;

/* The schema version this build writes (PRAGMA user_version). */
#define BV_DATABASE_SCHEMA_VERSION 11

#define BV_TYPE_DATABASE (bv_database_get_type ())
G_DECLARE_FINAL_TYPE (BvDatabase, bv_database, BV, DATABASE, GObject)

GQuark      bv_database_error_quark        (void);
char       *bv_database_default_path       (void);
BvDatabase *bv_database_open               (const char  *path,
                                            GError     **error);
const char *bv_database_get_path           (BvDatabase  *self);
int         bv_database_get_schema_version (BvDatabase  *self);
GListModel *bv_database_get_servers        (BvDatabase  *self);
BvServer   *bv_database_find_server        (BvDatabase  *self,
                                            const char  *id_or_name);
gboolean    bv_database_save_server        (BvDatabase  *self,
                                            BvServer    *server,
                                            GError     **error);
gboolean    bv_database_delete_server      (BvDatabase  *self,
                                            const char  *id,
                                            GError     **error);
GListModel *bv_database_get_meetings       (BvDatabase  *self);
BvMeeting  *bv_database_find_meeting       (BvDatabase  *self,
                                            const char  *id);
BvMeeting  *bv_database_find_meeting_by_ical_uid (BvDatabase *self,
                                                  const char *uid);
gboolean    bv_database_save_meeting       (BvDatabase  *self,
                                            BvMeeting   *meeting,
                                            GError     **error);
gboolean    bv_database_save_meetings      (BvDatabase  *self,
                                            GPtrArray   *meetings,
                                            GPtrArray   *exceptions,
                                            GError     **error);
gboolean    bv_database_save_meetings_with_participants (BvDatabase  *self,
                                                         GPtrArray   *meetings,
                                                         GPtrArray   *exceptions,
                                                         GPtrArray   *participants,
                                                         GError     **error);
gboolean    bv_database_delete_meeting     (BvDatabase  *self,
                                            const char  *id,
                                            GError     **error);
gboolean    bv_database_set_exception      (BvDatabase  *self,
                                            const char  *meeting_id,
                                            const char  *recurrence_id,
                                            gboolean     cancelled,
                                            const char  *new_start_local,
                                            guint        new_duration,
                                            GError     **error);
gboolean    bv_database_clear_exception    (BvDatabase  *self,
                                            const char  *meeting_id,
                                            const char  *recurrence_id,
                                            GError     **error);
GPtrArray  *bv_database_list_exceptions    (BvDatabase  *self,
                                            const char  *meeting_id);

/* Members and groups (schema 5) */
GListModel *bv_database_get_members        (BvDatabase  *self);
BvMember   *bv_database_find_member        (BvDatabase  *self,
                                            const char  *id);
BvMember   *bv_database_find_member_by_email (BvDatabase *self,
                                              const char *email);
gboolean    bv_database_save_member        (BvDatabase  *self,
                                            BvMember    *member,
                                            GError     **error);
gboolean    bv_database_save_members       (BvDatabase  *self,
                                            GPtrArray   *new_groups,
                                            GPtrArray   *members,
                                            GError     **error);
gboolean    bv_database_delete_member      (BvDatabase  *self,
                                            const char  *id,
                                            GError     **error);
gboolean    bv_database_restore_member     (BvDatabase  *self,
                                            BvMember    *member,
                                            GPtrArray   *participations,
                                            GPtrArray   *mail_records,
                                            GError     **error);
gboolean    bv_database_erase_member       (BvDatabase  *self,
                                            const char  *id,
                                            GError     **error);
char       *bv_database_export_member      (BvDatabase  *self,
                                            const char  *member_id,
                                            GError     **error);
guint       bv_database_count_member_meetings (BvDatabase *self,
                                               const char *member_id);
GListModel *bv_database_get_groups         (BvDatabase  *self);
BvGroup    *bv_database_find_group         (BvDatabase  *self,
                                            const char  *id);
BvGroup    *bv_database_find_group_by_name (BvDatabase  *self,
                                            const char  *name);
gboolean    bv_database_save_group         (BvDatabase  *self,
                                            BvGroup     *group,
                                            GError     **error);
gboolean    bv_database_delete_group       (BvDatabase  *self,
                                            const char  *id,
                                            GError     **error);
gboolean    bv_database_set_member_groups  (BvDatabase  *self,
                                            const char  *member_id,
                                            const char * const *group_ids,
                                            GError     **error);
GPtrArray  *bv_database_list_group_members (BvDatabase  *self,
                                            const char  *group_id);
GPtrArray  *bv_database_list_participants  (BvDatabase  *self,
                                            const char  *meeting_id);
/* The member list's order for people (last name, first name, ICU's
 * German collation), without the moderators first: for a GPtrArray of
 * BvParticipant, as g_ptr_array_sort () calls it. */
int         bv_database_compare_participant_names (gconstpointer a,
                                                   gconstpointer b);
GPtrArray  *bv_database_list_member_participations (BvDatabase *self,
                                                    const char *member_id);
gboolean    bv_database_add_participant    (BvDatabase    *self,
                                            BvParticipant *participant,
                                            GError       **error);
gboolean    bv_database_remove_participant (BvDatabase  *self,
                                            const char  *participant_id,
                                            GError     **error);
gboolean    bv_database_set_participant_role (BvDatabase       *self,
                                              const char       *participant_id,
                                              BvParticipantRole role,
                                              GError          **error);

char       *bv_database_name_key           (const char  *name);

gboolean    bv_database_check_integrity    (BvDatabase  *self,
                                            GError     **error);
char       *bv_database_get_pragma         (BvDatabase  *self,
                                            const char  *pragma);

/* Attendance (bv-database-attendance.c): stays in a meeting's room and
 * the gaps in between polls that got no answer. */
GPtrArray  *bv_database_list_attendance    (BvDatabase  *self,
                                            const char  *meeting_id);
GPtrArray  *bv_database_list_attendance_gaps (BvDatabase *self,
                                              const char *meeting_id);
gboolean    bv_database_record_attendance  (BvDatabase  *self,
                                            const char  *meeting_id,
                                            gint64       now,
                                            GPtrArray   *seen,
                                            GError     **error);
gboolean    bv_database_note_attendance_gap (BvDatabase *self,
                                             const char *meeting_id,
                                             gint64      started_at,
                                             GError    **error);
gint64      bv_database_get_attendance_last_seen (BvDatabase *self,
                                                  const char *meeting_id);
gboolean    bv_database_delete_attendance_before (BvDatabase *self,
                                                  gint64      cutoff,
                                                  GError    **error);

/* The minutes of an assembly (bv-database-results.c): the result of each
 * agenda item and the facts the minutes need besides the meeting. */
typedef struct
{
  gboolean  extraordinary;
  char     *chair;     /* NULL: not yet known */
  char     *recorder;
} BvMinutesFacts;

void        bv_minutes_facts_clear         (BvMinutesFacts *facts);
void        bv_database_get_minutes_facts  (BvDatabase     *self,
                                            const char     *meeting_id,
                                            BvMinutesFacts *facts);
gboolean    bv_database_set_minutes_facts  (BvDatabase           *self,
                                            const char           *meeting_id,
                                            const BvMinutesFacts *facts,
                                            GError              **error);
/* (element-type BvAgendaResult): every stored result of the meeting */
GPtrArray  *bv_database_list_agenda_results (BvDatabase *self,
                                             const char *meeting_id);
BvAgendaResult *bv_database_get_agenda_result (BvDatabase *self,
                                               const char *meeting_id,
                                               const char *item_id);
/* Validates (bv_agenda_result_validate ()) and replaces the item's result. */
gboolean    bv_database_set_agenda_result  (BvDatabase           *self,
                                            const char           *meeting_id,
                                            const BvAgendaResult *result,
                                            GError              **error);
gboolean    bv_database_delete_agenda_result (BvDatabase *self,
                                              const char *meeting_id,
                                              const char *item_id,
                                              GError    **error);

G_END_DECLS
