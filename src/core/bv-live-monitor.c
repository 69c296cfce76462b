/* bv-live-monitor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bv-live-monitor.h"

#include "bv-bbb-error.h"
#include "bv-server-meetings.h"
#include "bv-rooms-running.h"
#include "bv-planned-dates.h"

/* What the Live page shows, without the page: which meetings run on one
 * server, the people in the selected one, and when it has ended. Asks
 * only while someone watches, through the server manager's one client
 * per server, so an edited address is used at once. */

struct _BvLiveMonitor
{
  GObject                 parent_instance;

  BvContext        *manager;
  char                   *server_id;
  GListStore             *meetings;        /* of BvBbbMeeting */
  gboolean                have_list;       /* a good answer for server_id */
  gboolean                planned_only;
  gboolean                fetching;
  char                   *selected_id;
  BvBbbMeeting           *detail;          /* the last good answer about it */

  BvLiveMonitorTimerFunc  add_timer;
  BvLiveMonitorShownFunc  shown;
  gpointer                shown_data;
  gboolean                watching;
  guint                   list_timer_id;
  guint                   detail_timer_id;
  GCancellable           *list_cancellable;
  GCancellable           *detail_cancellable;
};

G_DEFINE_FINAL_TYPE (BvLiveMonitor, bv_live_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FETCHING,
  N_PROPS
};

enum {
  LIST_UPDATED,
  LIST_FAILED,
  SERVER_MISSING,
  DETAIL_UPDATED,
  DETAIL_FAILED,
  DETAIL_ENDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
is_shown (BvLiveMonitor *self)
{
  return self->watching && (!self->shown || self->shown (self->shown_data));
}

static void
set_fetching (BvLiveMonitor *self,
              gboolean       fetching)
{
  if (self->fetching == fetching)
    return;
  self->fetching = fetching;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FETCHING]);
}

static void
stop_list (BvLiveMonitor *self)
{
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  set_fetching (self, FALSE);
}

static void
stop_detail (BvLiveMonitor *self)
{
  g_clear_handle_id (&self->detail_timer_id, g_source_remove);
  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);
}

/* the list of running meetings */

typedef struct
{
  BvLiveMonitor *monitor;   /* unowned: the cancellable guards it */
  char          *server_id;
} ListRequest;

static void
list_request_free (ListRequest *request)
{
  g_free (request->server_id);
  g_free (request);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  ListRequest *request = user_data;
  BvLiveMonitor *self = request->monitor;
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  meetings = bv_server_meetings_fetch_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      list_request_free (request);
      return;
    }

  set_fetching (self, FALSE);
  if (!meetings)
    {
      /* A client that failed may hold a stale connection or secret. */
      bv_context_drop_client (self->manager, request->server_id);
      list_request_free (request);
      g_signal_emit (self, signals[LIST_FAILED], 0, error);
      return;
    }

  list_request_free (request);
  self->have_list = TRUE;
  self->planned_only = bv_server_meetings_fetch_is_planned_only (result);
  n = g_list_model_get_n_items (meetings);
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < n; i++)
      g_ptr_array_add (items, g_list_model_get_item (meetings, i));
    g_list_store_splice (self->meetings, 0, g_list_model_get_n_items (G_LIST_MODEL (self->meetings)),
                         items->pdata, items->len);
  }
  g_signal_emit (self, signals[LIST_UPDATED], 0);
}

/* Our own meetings planned for today on this server: behind a load
 * balancer that will not list its meetings, these are the ones to ask for. */
static GStrv
planned_ids_today (BvLiveMonitor *self,
                   const char    *server_id)
{
  BvDatabase *database = bv_context_get_database (self->manager);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autoptr(GPtrArray) planned = NULL;

  if (!database)
    return g_strv_builder_end (builder);

  today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now), 0, 0, 0);
  tomorrow = g_date_time_add_days (today, 1);
  planned = bv_planned_dates_list (database, today, tomorrow);
  for (guint i = 0; i < planned->len; i++)
    {
      BvPlannedOccurrence *occurrence = g_ptr_array_index (planned, i);
      const char *id = bv_meeting_get_bbb_meeting_id (occurrence->meeting);

      if (g_strcmp0 (bv_meeting_get_server_id (occurrence->meeting), server_id) != 0 ||
          !id || g_hash_table_contains (seen, id))
        continue;
      g_hash_table_add (seen, (gpointer)id);
      g_strv_builder_add (builder, id);
    }

  return g_strv_builder_end (builder);
}

static void
client_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ListRequest *request = user_data;
  BvLiveMonitor *self = request->monitor;
  g_autoptr(BvBbbClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = NULL;
  g_auto(GStrv) planned = NULL;

  client = bv_context_get_client_finish (BV_CONTEXT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      list_request_free (request);
      return;
    }
  if (!client)
    {
      set_fetching (self, FALSE);
      list_request_free (request);
      g_signal_emit (self, signals[LIST_FAILED], 0, error);
      return;
    }

  server = bv_context_find_server (self->manager, request->server_id);
  planned = planned_ids_today (self, request->server_id);
  bv_server_meetings_fetch_async (client, server && bv_server_get_load_balancer (server),
                                  (const char * const *)planned, self->list_cancellable,
                                  fetched_cb, request);
}

static gboolean
list_tick_cb (gpointer data)
{
  bv_live_monitor_refresh (BV_LIVE_MONITOR (data), FALSE);
  return G_SOURCE_CONTINUE;
}

/* the selected meeting */

static void
detail_fetched_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BvLiveMonitor *self = user_data;
  BvBbbClient *client = BV_BBB_CLIENT (object);
  g_autoptr(BvBbbMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;

  meeting = bv_bbb_client_get_meeting_info_finish (client, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->detail_cancellable);

  /* A room still listed after its end, or ended by force, has ended. */
  if (meeting && (!bv_bbb_meeting_is_running (meeting) || bv_bbb_meeting_has_been_forcibly_ended (meeting)))
    {
      g_clear_object (&meeting);
      g_set_error_literal (&error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_FOUND, "");
    }

  if (!meeting)
    {
      if (bv_bbb_error_is_room_gone (error))
        {
          g_signal_emit (self, signals[DETAIL_ENDED], 0);
          bv_live_monitor_refresh (self, TRUE);
        }
      else
        g_signal_emit (self, signals[DETAIL_FAILED], 0, error);
      return;
    }

  g_set_object (&self->detail, meeting);
  g_signal_emit (self, signals[DETAIL_UPDATED], 0);
}

static gboolean
detail_tick_cb (gpointer data)
{
  bv_live_monitor_refresh_detail (BV_LIVE_MONITOR (data));
  return G_SOURCE_CONTINUE;
}

static void
start_detail_refresh (BvLiveMonitor *self)
{
  g_clear_handle_id (&self->detail_timer_id, g_source_remove);
  self->detail_timer_id = self->add_timer (BV_LIVE_MONITOR_DETAIL_INTERVAL_SECONDS, detail_tick_cb, self);
}

/* ending */

static void
ended_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!bv_server_meetings_end_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
end_client_opened_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(BvBbbClient) client = NULL;
  GError *error = NULL;

  client = bv_context_get_client_finish (BV_CONTEXT (object), result, &error);
  if (!client)
    {
      g_task_return_error (task, error);
      return;
    }

  bv_server_meetings_end_async (client, g_task_get_task_data (task), g_task_get_cancellable (task),
                                ended_cb, g_object_ref (task));
}

/* vfuncs */

static void
bv_live_monitor_dispose (GObject *object)
{
  BvLiveMonitor *self = BV_LIVE_MONITOR (object);

  bv_live_monitor_unwatch (self);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (bv_live_monitor_parent_class)->dispose (object);
}

static void
bv_live_monitor_finalize (GObject *object)
{
  BvLiveMonitor *self = BV_LIVE_MONITOR (object);

  g_clear_object (&self->meetings);
  g_clear_object (&self->detail);
  g_clear_pointer (&self->selected_id, g_free);
  g_clear_pointer (&self->server_id, g_free);

  G_OBJECT_CLASS (bv_live_monitor_parent_class)->finalize (object);
}

static void
bv_live_monitor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BvLiveMonitor *self = BV_LIVE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_FETCHING:
      g_value_set_boolean (value, self->fetching);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_live_monitor_class_init (BvLiveMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bv_live_monitor_dispose;
  object_class->finalize = bv_live_monitor_finalize;
  object_class->get_property = bv_live_monitor_get_property;

  properties[PROP_FETCHING] =
    g_param_spec_boolean ("fetching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The list of meetings has a new good answer. */
  signals[LIST_UPDATED] =
    g_signal_new ("list-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Asking for the list failed (a GError, BV_BBB_ERROR or BV_SECRET_ERROR);
   * the last good list stays. */
  signals[LIST_FAILED] =
    g_signal_new ("list-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /* The watched server is not (or no longer) stored. */
  signals[SERVER_MISSING] =
    g_signal_new ("server-missing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DETAIL_UPDATED] =
    g_signal_new ("detail-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Asking for the selected meeting failed (a GError), not because it ended. */
  signals[DETAIL_FAILED] =
    g_signal_new ("detail-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /* The selected meeting has ended; the list is asked for again. */
  signals[DETAIL_ENDED] =
    g_signal_new ("detail-ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bv_live_monitor_init (BvLiveMonitor *self)
{
  self->add_timer = g_timeout_add_seconds;
  self->meetings = g_list_store_new (BV_TYPE_BBB_MEETING);
}

/* public API */

BvLiveMonitor *
bv_live_monitor_new (BvContext *manager)
{
  BvLiveMonitor *self;

  g_return_val_if_fail (BV_IS_CONTEXT (manager), NULL);

  self = g_object_new (BV_TYPE_LIVE_MONITOR, NULL);
  self->manager = g_object_ref (manager);
  return self;
}

void
bv_live_monitor_set_timer_func (BvLiveMonitor          *self,
                                BvLiveMonitorTimerFunc  add_timer)
{
  g_return_if_fail (BV_IS_LIVE_MONITOR (self));
  g_return_if_fail (add_timer);
  g_return_if_fail (!self->list_timer_id && !self->detail_timer_id);

  self->add_timer = add_timer;
}

void
bv_live_monitor_watch (BvLiveMonitor          *self,
                       BvLiveMonitorShownFunc  shown,
                       gpointer                data)
{
  g_return_if_fail (BV_IS_LIVE_MONITOR (self));

  self->watching = TRUE;
  self->shown = shown;
  self->shown_data = data;
  if (!self->list_timer_id)
    self->list_timer_id = self->add_timer (BV_LIVE_MONITOR_LIST_INTERVAL_SECONDS, list_tick_cb, self);
  if (self->selected_id && !self->detail_timer_id)
    start_detail_refresh (self);
}

void
bv_live_monitor_unwatch (BvLiveMonitor *self)
{
  g_return_if_fail (BV_IS_LIVE_MONITOR (self));

  self->watching = FALSE;
  self->shown = NULL;
  self->shown_data = NULL;
  g_clear_handle_id (&self->list_timer_id, g_source_remove);
  stop_detail (self);
  stop_list (self);
}

void
bv_live_monitor_set_server_id (BvLiveMonitor *self,
                               const char    *server_id)
{
  g_return_if_fail (BV_IS_LIVE_MONITOR (self));

  if (g_strcmp0 (server_id, self->server_id) != 0)
    {
      g_free (self->server_id);
      self->server_id = g_strdup (server_id);
    }
  stop_list (self);
  stop_detail (self);
  g_clear_pointer (&self->selected_id, g_free);
  g_clear_object (&self->detail);
  g_list_store_remove_all (self->meetings);
  self->have_list = FALSE;
  self->planned_only = FALSE;
}

const char *
bv_live_monitor_get_server_id (BvLiveMonitor *self)
{
  g_return_val_if_fail (BV_IS_LIVE_MONITOR (self), NULL);

  return self->server_id;
}

void
bv_live_monitor_refresh (BvLiveMonitor *self,
                         gboolean       restart)
{
  g_autoptr(BvServer) server = NULL;
  ListRequest *request;

  g_return_if_fail (BV_IS_LIVE_MONITOR (self));

  if (!is_shown (self))
    return;

  server = self->server_id ? bv_context_find_server (self->manager, self->server_id) : NULL;
  if (!server)
    {
      stop_list (self);
      g_signal_emit (self, signals[SERVER_MISSING], 0);
      return;
    }

  if (self->fetching && !restart)
    return;
  stop_list (self);

  self->list_cancellable = g_cancellable_new ();
  set_fetching (self, TRUE);

  request = g_new0 (ListRequest, 1);
  request->monitor = self;
  request->server_id = g_strdup (self->server_id);
  bv_context_get_client_async (self->manager, server, self->list_cancellable,
                               client_opened_cb, request);
}

GListModel *
bv_live_monitor_get_meetings (BvLiveMonitor *self)
{
  g_return_val_if_fail (BV_IS_LIVE_MONITOR (self), NULL);

  return G_LIST_MODEL (self->meetings);
}

gboolean
bv_live_monitor_get_fetching (BvLiveMonitor *self)
{
  g_return_val_if_fail (BV_IS_LIVE_MONITOR (self), FALSE);

  return self->fetching;
}

gboolean
bv_live_monitor_get_have_list (BvLiveMonitor *self)
{
  g_return_val_if_fail (BV_IS_LIVE_MONITOR (self), FALSE);

  return self->have_list;
}

gboolean
bv_live_monitor_get_planned_only (BvLiveMonitor *self)
{
  g_return_val_if_fail (BV_IS_LIVE_MONITOR (self), FALSE);

  return self->planned_only;
}

gboolean
bv_live_monitor_select (BvLiveMonitor *self,
                        const char    *meeting_id,
                        BvBbbMeeting  *meeting)
{
  gboolean changed;

  g_return_val_if_fail (BV_IS_LIVE_MONITOR (self), FALSE);
  g_return_val_if_fail (!meeting || BV_IS_BBB_MEETING (meeting), FALSE);

  changed = !meeting_id || g_strcmp0 (meeting_id, self->selected_id) != 0;
  if (changed)
    {
      stop_detail (self);
      g_free (self->selected_id);
      self->selected_id = g_strdup (meeting_id);
    }
  g_set_object (&self->detail, meeting);

  if (meeting_id && !self->detail_timer_id && is_shown (self))
    start_detail_refresh (self);
  return changed;
}

const char *
bv_live_monitor_get_selected_id (BvLiveMonitor *self)
{
  g_return_val_if_fail (BV_IS_LIVE_MONITOR (self), NULL);

  return self->selected_id;
}

BvBbbMeeting *
bv_live_monitor_get_detail (BvLiveMonitor *self)
{
  g_return_val_if_fail (BV_IS_LIVE_MONITOR (self), NULL);

  return self->detail;
}

void
bv_live_monitor_refresh_detail (BvLiveMonitor *self)
{
  BvBbbClient *client;

  g_return_if_fail (BV_IS_LIVE_MONITOR (self));

  if (!self->selected_id || !self->server_id || self->detail_cancellable || !is_shown (self))
    return;

  /* Without a client the list is failing too, and its notice says so. */
  client = bv_context_peek_client (self->manager, self->server_id);
  if (!client)
    return;

  self->detail_cancellable = g_cancellable_new ();
  bv_bbb_client_get_meeting_info_async (client, self->selected_id, self->detail_cancellable,
                                        detail_fetched_cb, self);
}

void
bv_live_monitor_end_async (BvLiveMonitor       *self,
                           const char          *meeting_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(BvServer) server = NULL;

  g_return_if_fail (BV_IS_LIVE_MONITOR (self));
  g_return_if_fail (meeting_id);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_live_monitor_end_async);
  g_task_set_task_data (task, g_strdup (meeting_id), g_free);

  server = self->server_id ? bv_context_find_server (self->manager, self->server_id) : NULL;
  if (!server)
    {
      /* Removed since the page showed the meeting. */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _("The server of this meeting no longer exists."));
      return;
    }

  bv_context_get_client_async (self->manager, server, cancellable,
                               end_client_opened_cb, g_steal_pointer (&task));
}

gboolean
bv_live_monitor_end_finish (BvLiveMonitor  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (BV_IS_LIVE_MONITOR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* the planned rooms on screen (Anstehend) */

typedef struct
{
  GHashTable *running;    /* BBB meetingID → BvBbbMeeting */
  GPtrArray  *problems;   /* of BvLiveServerProblem */
  guint       pending;    /* servers still asked */
} RoomsRound;

typedef struct
{
  GTask    *task;
  char     *server_id;
  gboolean  load_balancer;
  GStrv     meeting_ids;
} RoomsRequest;

static void
server_problem_free (BvLiveServerProblem *problem)
{
  g_free (problem->server_id);
  g_clear_error (&problem->error);
  g_free (problem);
}

static void
rooms_round_free (RoomsRound *round)
{
  g_clear_pointer (&round->running, g_hash_table_unref);
  g_clear_pointer (&round->problems, g_ptr_array_unref);
  g_free (round);
}

static void
rooms_request_free (RoomsRequest *request)
{
  g_clear_object (&request->task);
  g_free (request->server_id);
  g_strfreev (request->meeting_ids);
  g_free (request);
}

static void
rooms_round_return (GTask *task)
{
  RoomsRound *round = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_hash_table_ref (round->running),
                         (GDestroyNotify)g_hash_table_unref);
}

/* One server has answered, or could not. */
static void
rooms_request_done (RoomsRequest *request,
                    GHashTable   *running,
                    GError       *error)
{
  BvLiveMonitor *self = g_task_get_source_object (request->task);
  RoomsRound *round = g_task_get_task_data (request->task);
  g_autoptr(GTask) task = g_object_ref (request->task);

  if (running)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, running);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_replace (round->running, g_strdup (key), g_object_ref (value));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      BvLiveServerProblem *problem = g_new0 (BvLiveServerProblem, 1);

      /* A client that failed may hold a stale connection or secret. */
      bv_context_drop_client (self->manager, request->server_id);
      problem->server_id = g_strdup (request->server_id);
      problem->error = g_error_copy (error);
      g_ptr_array_add (round->problems, problem);
    }

  rooms_request_free (request);
  if (--round->pending == 0)
    rooms_round_return (task);
}

static void
rooms_fetched_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GHashTable) running = NULL;
  g_autoptr(GError) error = NULL;

  running = bv_rooms_running_fetch_finish (result, &error);
  rooms_request_done (user_data, running, error);
}

static void
rooms_client_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RoomsRequest *request = user_data;
  g_autoptr(BvBbbClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = bv_context_get_client_finish (BV_CONTEXT (object), result, &error);
  if (!client)
    {
      rooms_request_done (request, NULL, error);
      return;
    }

  bv_rooms_running_fetch_async (client, request->load_balancer,
                                (const char * const *)request->meeting_ids,
                                g_task_get_cancellable (request->task), rooms_fetched_cb, request);
}

void
bv_live_monitor_fetch_rooms_async (BvLiveMonitor       *self,
                                   GPtrArray           *meetings,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) by_server = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  RoomsRound *round;

  g_return_if_fail (BV_IS_LIVE_MONITOR (self));
  g_return_if_fail (meetings);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_live_monitor_fetch_rooms_async);
  round = g_new0 (RoomsRound, 1);
  round->running = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  round->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)server_problem_free);
  g_task_set_task_data (task, round, (GDestroyNotify)rooms_round_free);

  /* One request per server, with all of its rooms. */
  by_server = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_strv_builder_unref);
  for (guint i = 0; i < meetings->len; i++)
    {
      BvMeeting *meeting = g_ptr_array_index (meetings, i);
      const char *server_id = bv_meeting_get_server_id (meeting);
      GStrvBuilder *builder;

      if (!server_id)
        continue;
      builder = g_hash_table_lookup (by_server, server_id);
      if (!builder)
        {
          char *key = g_strdup (server_id);

          builder = g_strv_builder_new ();
          g_hash_table_insert (by_server, key, builder);
          g_ptr_array_add (order, key);
        }
      g_strv_builder_add (builder, bv_meeting_get_bbb_meeting_id (meeting));
    }

  /* Counted first, so that a server answering at once cannot end the
   * round before the others are asked. */
  round->pending = 1;
  for (guint i = 0; i < order->len; i++)
    {
      const char *server_id = g_ptr_array_index (order, i);
      g_autoptr(BvServer) server = bv_context_find_server (self->manager, server_id);
      RoomsRequest *request;

      if (!server)
        continue;

      request = g_new0 (RoomsRequest, 1);
      request->task = g_object_ref (task);
      request->server_id = g_strdup (server_id);
      request->load_balancer = bv_server_get_load_balancer (server);
      request->meeting_ids = g_strv_builder_end (g_hash_table_lookup (by_server, server_id));
      round->pending++;
      bv_context_get_client_async (self->manager, server, cancellable,
                                   rooms_client_cb, request);
    }

  if (--round->pending == 0)
    rooms_round_return (task);
}

GHashTable *
bv_live_monitor_fetch_rooms_finish (BvLiveMonitor  *self,
                                    GAsyncResult   *result,
                                    GPtrArray     **problems,
                                    GError        **error)
{
  RoomsRound *round;
  GHashTable *running;

  g_return_val_if_fail (BV_IS_LIVE_MONITOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  round = g_task_get_task_data (G_TASK (result));
  running = g_task_propagate_pointer (G_TASK (result), error);
  if (problems)
    *problems = running ? g_ptr_array_ref (round->problems) : NULL;
  return running;
}
