/* bv-live-monitor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-server-api.h"
#include "bv-context.h"

G_BEGIN_DECLS

/* product.md: live state every 30 s while visible; the people in the
 * meeting one looks at change faster. */
#define BV_LIVE_MONITOR_LIST_INTERVAL_SECONDS   30
#define BV_LIVE_MONITOR_DETAIL_INTERVAL_SECONDS 10

/* Arms a repeating timer like g_timeout_add_seconds (the default) and
 * returns a GSource id of the default main context, removed with
 * g_source_remove when the monitor stops. Tests pass a clock they
 * advance by hand. */
typedef guint    (*BvLiveMonitorTimerFunc) (guint       seconds,
                                            GSourceFunc callback,
                                            gpointer    data);
/* Whether the watcher's answer can be seen right now (a minimised
 * window keeps its widgets mapped). */
typedef gboolean (*BvLiveMonitorShownFunc) (gpointer    data);

#define BV_TYPE_LIVE_MONITOR (bv_live_monitor_get_type ())
G_DECLARE_FINAL_TYPE (BvLiveMonitor, bv_live_monitor, BV, LIVE_MONITOR, GObject)

BvLiveMonitor *bv_live_monitor_new             (BvContext        *manager);
void           bv_live_monitor_set_timer_func  (BvLiveMonitor          *self,
                                                BvLiveMonitorTimerFunc  add_timer);

/* Polling runs only between watch and unwatch, and each tick only while
 * @shown says so. */
void           bv_live_monitor_watch           (BvLiveMonitor          *self,
                                                BvLiveMonitorShownFunc  shown,
                                                gpointer                data);
void           bv_live_monitor_unwatch         (BvLiveMonitor          *self);

/* The server whose meetings are watched; another one starts empty. */
void           bv_live_monitor_set_server_id   (BvLiveMonitor          *self,
                                                const char             *server_id);
const char    *bv_live_monitor_get_server_id   (BvLiveMonitor          *self);

/* Asks for the running meetings now, unless a request is under way and
 * @restart is FALSE. Emits ::server-missing when the server is gone. */
void           bv_live_monitor_refresh         (BvLiveMonitor          *self,
                                                gboolean                restart);
/* of BvBbbMeeting: the last good answer, oldest first */
GListModel    *bv_live_monitor_get_meetings    (BvLiveMonitor          *self);
gboolean       bv_live_monitor_get_fetching    (BvLiveMonitor          *self);
gboolean       bv_live_monitor_get_have_list   (BvLiveMonitor          *self);
/* The last list came from the planned meetings of today (the server does
 * not list its meetings). */
gboolean       bv_live_monitor_get_planned_only (BvLiveMonitor         *self);

/* The meeting whose people are watched (NULL for none); @meeting is the
 * freshest answer about it, if any. Returns whether the selection changed. */
gboolean       bv_live_monitor_select          (BvLiveMonitor          *self,
                                                const char             *meeting_id,
                                                BvBbbMeeting           *meeting);
const char    *bv_live_monitor_get_selected_id (BvLiveMonitor          *self);
BvBbbMeeting  *bv_live_monitor_get_detail      (BvLiveMonitor          *self);
/* Asks for the selected meeting's people now. */
void           bv_live_monitor_refresh_detail  (BvLiveMonitor          *self);

/* Ends @meeting_id on the watched server and waits until it is gone
 * (core/bv-server-meetings). */
void           bv_live_monitor_end_async       (BvLiveMonitor          *self,
                                                const char             *meeting_id,
                                                GCancellable           *cancellable,
                                                GAsyncReadyCallback     callback,
                                                gpointer                user_data);
gboolean       bv_live_monitor_end_finish      (BvLiveMonitor          *self,
                                                GAsyncResult           *result,
                                                GError                **error);

/* For the list of planned meetings (Anstehend): which of @meetings (of
 * BvMeeting, the ones on screen) run right now, one round over their
 * servers with core/bv-rooms-running. Does not depend on the watched server
 * or on watching.
 *
 * Returns (finish): a table from BBB meetingID to the running
 * BvBbbMeeting; @problems gets a new array of BvLiveServerProblem, one per
 * server that could not say, the others' answers still count. Errors:
 * G_IO_ERROR_CANCELLED only. */
typedef struct
{
  char   *server_id;
  GError *error;
} BvLiveServerProblem;

void           bv_live_monitor_fetch_rooms_async  (BvLiveMonitor        *self,
                                                   GPtrArray            *meetings,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GHashTable    *bv_live_monitor_fetch_rooms_finish (BvLiveMonitor        *self,
                                                   GAsyncResult         *result,
                                                   GPtrArray           **problems,
                                                   GError              **error);

G_END_DECLS
