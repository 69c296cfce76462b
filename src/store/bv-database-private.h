/* bv-database-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "bv-database.h"

G_BEGIN_DECLS

/* What the files of BvDatabase share: bv-database.c opens the file and
 * holds the helpers below, bv-database-schema.c migrates, and one file per
 * table (servers, meetings, members, groups, participants) reads and
 * writes it; bv-database-export.c writes the DSGVO export. Only these
 * files include this header. */

/* Marks the file as ours in the SQLite header ("BbVe"), so that a database
 * of some other program is refused instead of being migrated. */
#define BV_DATABASE_APPLICATION_ID 0x42625665

struct _BvDatabase
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  int         schema_version;

  /* Owned by us, sorted by name; only changed after the SQL succeeded. */
  GListStore *servers;
  /* The same for meetings, sorted by start and title. */
  GListStore *meetings;
  /* Members and groups, sorted by name. */
  GListStore *members;
  GListStore *groups;
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Statements and transactions (bv-database.c) */

gboolean    bv_database_exec                  (BvDatabase    *self,
                                               const char    *sql,
                                               GError       **error);
gboolean    bv_database_prepare               (BvDatabase    *self,
                                               const char    *sql,
                                               sqlite3_stmt **stmt,
                                               GError       **error);
gboolean    bv_database_step_done             (BvDatabase    *self,
                                               sqlite3_stmt  *stmt,
                                               GError       **error);
gboolean    bv_database_query_int             (BvDatabase    *self,
                                               const char    *sql,
                                               int           *value,
                                               GError       **error);
const char *bv_database_column_text           (sqlite3_stmt  *stmt,
                                               int            column);
char       *bv_database_column_dup_valid      (sqlite3_stmt  *stmt,
                                               int            column);
gboolean    bv_database_begin                 (BvDatabase    *self,
                                               GError       **error);
gboolean    bv_database_commit                (BvDatabase    *self,
                                               GError       **error);
void        bv_database_rollback              (BvDatabase    *self);
gboolean    bv_database_change_row            (BvDatabase    *self,
                                               const char    *sql,
                                               const char    *id,
                                               const char    *value,
                                               const char    *not_found,
                                               GError       **error);

/* Error mapping: SQLite's codes to BV_DATABASE_ERROR with a German
 * message that names the file. Always returns FALSE. */
gboolean    bv_database_set_error_from_sqlite (BvDatabase    *self,
                                               int            rc,
                                               GError       **error);
gboolean    bv_database_set_meeting_not_found (GError       **error);
gboolean    bv_database_set_member_not_found  (GError       **error);

/* The list models (bv-database.c) */

typedef const char *(*BvDatabaseGetId) (gpointer item);

gpointer    bv_database_lookup                (GListStore       *store,
                                               const char       *id,
                                               BvDatabaseGetId   get_id,
                                               guint            *position);
void        bv_database_keep_sorted           (GListStore       *store,
                                               gpointer          item,
                                               guint             position,
                                               GCompareDataFunc  compare,
                                               gboolean          refresh_in_place);
void        bv_database_fill_sorted           (GListStore       *store,
                                               GPtrArray        *items,
                                               GCompareDataFunc  compare);
/* Many saved items into the sorted list at once (an import): new ones are
 * added, known ones updated through @update_from, then the whole list is
 * sorted and announced as one change. Returns FALSE, doing nothing, for
 * fewer than BV_DATABASE_BULK_PUBLISH items, which the caller publishes
 * one by one so that views see precise changes. */
#define BV_DATABASE_BULK_PUBLISH 64
typedef void (*BvDatabaseUpdateFrom) (gpointer existing,
                                      gpointer source);
gboolean    bv_database_publish_bulk          (GListStore           *store,
                                               GPtrArray            *items,
                                               BvDatabaseGetId       get_id,
                                               BvDatabaseUpdateFrom  update_from,
                                               GCompareDataFunc      compare);
int         bv_database_compare_names         (const char       *name_a,
                                               const char       *name_b,
                                               const char       *id_a,
                                               const char       *id_b);
/* The order of a club's member list: by last name, then first name, with
 * ICU's German collation (DIN 5007-1: "Ä" with "A", "ß" as "ss"), then
 * the id so that the order is total. An empty last name sorts by the
 * first name in its place. */
int         bv_database_compare_people        (const char       *last_a,
                                               const char       *first_a,
                                               const char       *last_b,
                                               const char       *first_b,
                                               const char       *id_a,
                                               const char       *id_b);

/* Schema (bv-database-schema.c) */

gboolean    bv_database_migrate               (BvDatabase    *self,
                                               GError       **error);

/* Across tables */

gboolean    bv_database_load_servers          (BvDatabase    *self,
                                               GError       **error);
gboolean    bv_database_load_meetings         (BvDatabase    *self,
                                               GError       **error);
void        bv_database_forget_server_in_meetings (BvDatabase *self,
                                                   const char *server_id);
gboolean    bv_database_load_groups           (BvDatabase    *self,
                                               GError       **error);
gboolean    bv_database_write_group           (BvDatabase    *self,
                                               BvGroup       *group,
                                               GError       **error);
void        bv_database_publish_group         (BvDatabase    *self,
                                               BvGroup       *group);
gboolean    bv_database_write_member_groups   (BvDatabase          *self,
                                               const char          *member_id,
                                               const char * const  *group_ids,
                                               gboolean             skip_missing,
                                               GError             **error);

/* Columns of bv_database_member_from_row(). */
#define BV_DATABASE_MEMBER_COLUMNS "id, name, email, phone, notes, created, updated, first_name, last_name, salutation"

gboolean    bv_database_load_members          (BvDatabase    *self,
                                               GError       **error);
BvMember   *bv_database_member_from_row       (sqlite3_stmt  *stmt);
BvMember   *bv_database_lookup_member         (BvDatabase    *self,
                                               const char    *id,
                                               guint         *position);
int         bv_database_compare_members       (gconstpointer  a,
                                               gconstpointer  b,
                                               gpointer       user_data);
gboolean    bv_database_write_participant     (BvDatabase     *self,
                                               BvParticipant  *participant,
                                               gboolean        skip_missing,
                                               GError        **error);

G_END_DECLS
