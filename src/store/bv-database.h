/* bv-database.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-meeting.h"
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
#define BV_DATABASE_SCHEMA_VERSION 4

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
gboolean    bv_database_check_integrity    (BvDatabase  *self,
                                            GError     **error);
char       *bv_database_get_pragma         (BvDatabase  *self,
                                            const char  *pragma);

G_END_DECLS
