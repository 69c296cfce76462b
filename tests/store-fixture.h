/* store-fixture.h
 *
 * What the store's tests share (test-database*.c, test-meeting.c,
 * test-server.c): a database path below the temporary data dir, raw SQLite
 * access to check what is on disk, snapshots of a file, a disk that fills up
 * on request (a VFS in front of SQLite's default one), and the lists'
 * signals written down.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sys/stat.h>

#include <sqlite3.h>

#include "bv-database.h"
#include "bv-group.h"
#include "bv-member.h"
#include "bv-participant.h"
#include "bv-meeting.h"
#include "bv-server.h"
#include "bv-test-utils.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef struct
{
  GBytes          *contents;
  struct stat      st;
} Snapshot;

typedef struct
{
  guint position;
  guint removed;
  guint added;
} ItemsChange;

/* Set it to make every write of SQLite's default VFS fail with SQLITE_FULL
 * once install_full_vfs () has run. */
extern gboolean disk_full;

char *
test_path (const char *name);

sqlite3 *
raw_open (const char *path,
          gboolean    create);

void
raw_exec (sqlite3    *db,
          const char *sql);

char *
raw_text (sqlite3    *db,
          const char *sql);

gint64
raw_int (sqlite3    *db,
         const char *sql);

guint
file_mode (const char *path);

void
snapshot_take (const char *path,
               Snapshot   *snapshot);

void
assert_unchanged (const char *path,
                  Snapshot   *before);

void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes);

void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GString    *log);

BvServer *
server_at (BvDatabase *db,
           guint       position);

void
assert_names (BvDatabase *db,
              const char *expected);

void
save_ok (BvDatabase *db,
         BvServer   *server);

void
install_full_vfs (void);

BvMeeting *
meeting_at (BvDatabase *db,
            guint       position);

void
assert_titles (BvDatabase *db,
               const char *expected);

void
save_meeting_ok (BvDatabase *db,
                 BvMeeting  *meeting);

BvMeeting *
new_meeting (BvMeetingKind  kind,
             const char    *title,
             const char    *start_local);

BvMeeting *
copy_meeting (BvMeeting *meeting);

void
assert_notified (GString    *log,
                 const char *sorted);

gboolean
is_alphanumeric (const char *text);

/* Members, groups and invitations; the database at test_path (@name). */
BvDatabase *
open_db (const char *name);

BvMember *
add_member (BvDatabase *db,
            const char *name,
            const char *email);

BvGroup *
add_group (BvDatabase *db,
           const char *name);

BvMeeting *
add_meeting (BvDatabase *db,
             const char *title);

BvParticipant *
invite (BvDatabase        *db,
        BvMeeting         *meeting,
        BvMember          *member,
        BvParticipantRole  role);

char *
names_of (GListModel *model);

gboolean
file_contains (const char *path,
               const char *needle);

gboolean
database_files_contain (const char *path,
                        const char *needle);
