/* bv-server-meetings.c
 *
 * What runs on a server right now (the Live page), and ending a meeting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-server-meetings.h"

#include <glib/gi18n-lib.h>

#include "bv-bbb-error.h"

typedef struct
{
  BvBbbClient *client;
  GStrv        planned_ids;
  gboolean     load_balancer;
  guint        next;
  GPtrArray   *meetings;    /* of BvBbbMeeting */
  gboolean     planned_only;
} FetchData;

typedef struct
{
  BvBbbClient *client;
  char        *meeting_id;
  guint        poll_interval_ms;
  gint64       deadline;    /* monotonic µs */
} EndData;

static void
fetch_data_free (FetchData *data)
{
  g_clear_object (&data->client);
  g_clear_pointer (&data->planned_ids, g_strfreev);
  g_clear_pointer (&data->meetings, g_ptr_array_unref);
  g_free (data);
}

static void
end_data_free (EndData *data)
{
  g_clear_object (&data->client);
  g_clear_pointer (&data->meeting_id, g_free);
  g_free (data);
}

/* A breakout room belongs to its main room; a room nobody has entered
 * yet (or that was just ended) is not running. */
static gboolean
is_live (BvBbbMeeting *meeting)
{
  return bv_bbb_meeting_is_running (meeting) &&
         !bv_bbb_meeting_has_been_forcibly_ended (meeting) &&
         !bv_bbb_meeting_is_breakout (meeting) &&
         bv_bbb_meeting_get_meeting_id (meeting);
}

static int
compare_meetings (gconstpointer a,
                  gconstpointer b)
{
  BvBbbMeeting *ma = *(BvBbbMeeting **)a;
  BvBbbMeeting *mb = *(BvBbbMeeting **)b;
  gint64 sa = bv_bbb_meeting_get_start_time (ma);
  gint64 sb = bv_bbb_meeting_get_start_time (mb);

  if (sa != sb)
    return sa < sb ? -1 : 1;
  return g_strcmp0 (bv_bbb_meeting_get_meeting_id (ma), bv_bbb_meeting_get_meeting_id (mb));
}

static void
return_list (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  GListStore *store = g_list_store_new (BV_TYPE_BBB_MEETING);

  g_ptr_array_sort (data->meetings, compare_meetings);
  g_list_store_splice (store, 0, 0, data->meetings->pdata, data->meetings->len);
  g_task_return_pointer (task, store, g_object_unref);
}

static gboolean
has_meeting (FetchData  *data,
             const char *meeting_id)
{
  for (guint i = 0; i < data->meetings->len; i++)
    if (g_strcmp0 (bv_bbb_meeting_get_meeting_id (g_ptr_array_index (data->meetings, i)),
                   meeting_id) == 0)
      return TRUE;
  return FALSE;
}

static void ask_next_room (GTask *task);

static void
meeting_info_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(BvBbbMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;

  meeting = bv_bbb_client_get_meeting_info_finish (data->client, result, &error);
  if (!meeting && !bv_bbb_error_is_room_gone (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (meeting && is_live (meeting) && !has_meeting (data, bv_bbb_meeting_get_meeting_id (meeting)))
    g_ptr_array_add (data->meetings, g_steal_pointer (&meeting));

  data->next++;
  ask_next_room (g_steal_pointer (&task));
}

/* One room after the other: a load balancer's polling budget matters more
 * than the last second of latency. */
static void
ask_next_room (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);

  if (!data->planned_ids[data->next])
    {
      return_list (task);
      g_object_unref (task);
      return;
    }

  bv_bbb_client_get_meeting_info_async (data->client, data->planned_ids[data->next],
                                        g_task_get_cancellable (task), meeting_info_cb, task);
}

/* A load balancer that will not list its meetings: it answered, so it is
 * reachable and knows our secret, but this one call is not for us. */
static gboolean
is_refusal (const GError *error)
{
  if (error->domain != BV_BBB_ERROR)
    return FALSE;

  switch ((BvBbbError)error->code)
    {
    case BV_BBB_ERROR_UNSUPPORTED_REQUEST:
    case BV_BBB_ERROR_FAILED:
    case BV_BBB_ERROR_INTERNAL:
    case BV_BBB_ERROR_HTTP_STATUS:
      return TRUE;
    case BV_BBB_ERROR_INVALID_URL:
    case BV_BBB_ERROR_INSECURE_URL:
    case BV_BBB_ERROR_CHECKSUM:
    case BV_BBB_ERROR_MISSING_PARAMETER:
    case BV_BBB_ERROR_VALIDATION:
    case BV_BBB_ERROR_ID_NOT_UNIQUE:
    case BV_BBB_ERROR_VOICE_BRIDGE_IN_USE:
    case BV_BBB_ERROR_PARENT_MEETING_MISSING:
    case BV_BBB_ERROR_NOT_FOUND:
    case BV_BBB_ERROR_INVALID_MEETING:
    case BV_BBB_ERROR_MEETING_ENDED:
    case BV_BBB_ERROR_CREATE_TIME_MISMATCH:
    case BV_BBB_ERROR_INVALID_PASSWORD:
    case BV_BBB_ERROR_MAX_PARTICIPANTS:
    case BV_BBB_ERROR_GUEST_DENIED:
    case BV_BBB_ERROR_MEETING_NOT_RUNNING:
    case BV_BBB_ERROR_UNSUPPORTED_CONTENT_TYPE:
    case BV_BBB_ERROR_NO_CONFIG:
    case BV_BBB_ERROR_HOOK:
    case BV_BBB_ERROR_SERVER_UNAVAILABLE:
    case BV_BBB_ERROR_HOST_NOT_FOUND:
    case BV_BBB_ERROR_CONNECTION_REFUSED:
    case BV_BBB_ERROR_TIMEOUT:
    case BV_BBB_ERROR_TLS_CERTIFICATE:
    case BV_BBB_ERROR_TLS:
    case BV_BBB_ERROR_NOT_XML:
    case BV_BBB_ERROR_NOT_BBB:
    case BV_BBB_ERROR_TOO_LARGE:
    case BV_BBB_ERROR_NETWORK:
      return FALSE;
    default:
      return FALSE;
    }
}

static void
meetings_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(GError) error = NULL;
  guint n_items;

  meetings = bv_bbb_client_get_meetings_finish (data->client, result, &error);
  if (!meetings)
    {
      if (g_error_matches (error, BV_BBB_ERROR, BV_BBB_ERROR_UNSUPPORTED_REQUEST) ||
          (data->load_balancer && is_refusal (error)))
        {
          data->planned_only = TRUE;
          ask_next_room (g_steal_pointer (&task));
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  n_items = g_list_model_get_n_items (meetings);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BvBbbMeeting) meeting = g_list_model_get_item (meetings, i);

      if (is_live (meeting) && !has_meeting (data, bv_bbb_meeting_get_meeting_id (meeting)))
        g_ptr_array_add (data->meetings, g_steal_pointer (&meeting));
    }

  /* Scalelite with getMeetings switched off answers "no meetings" however
   * many run: our own rooms of today can still be asked for. */
  if (n_items == 0 && data->load_balancer)
    {
      data->planned_only = TRUE;
      ask_next_room (g_steal_pointer (&task));
      return;
    }

  return_list (task);
}

void
bv_server_meetings_fetch_async (BvBbbClient         *client,
                                gboolean             load_balancer,
                                const char * const  *planned_ids,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchData *data;

  g_return_if_fail (BV_IS_BBB_CLIENT (client));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_server_meetings_fetch_async);

  data = g_new0 (FetchData, 1);
  data->client = g_object_ref (client);
  data->load_balancer = load_balancer;
  data->planned_ids = planned_ids ? g_strdupv ((char **)planned_ids) : g_new0 (char *, 1);
  data->meetings = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, data, (GDestroyNotify)fetch_data_free);

  bv_bbb_client_get_meetings_async (client, cancellable, meetings_cb, g_steal_pointer (&task));
}

GListModel *
bv_server_meetings_fetch_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_server_meetings_fetch_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
bv_server_meetings_fetch_is_planned_only (GAsyncResult *result)
{
  FetchData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_server_meetings_fetch_async, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  return data->planned_only;
}

/* ending */

static void ask_whether_gone (GTask *task);

static gboolean
poll_again_cb (gpointer user_data)
{
  GTask *task = user_data;

  if (!g_task_return_error_if_cancelled (task))
    ask_whether_gone (g_object_ref (task));
  return G_SOURCE_REMOVE;
}

static void
still_running_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EndData *data = g_task_get_task_data (task);
  g_autoptr(BvBbbMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSource) source = NULL;
  GMainContext *context;

  meeting = bv_bbb_client_get_meeting_info_finish (data->client, result, &error);
  if (!meeting)
    {
      if (bv_bbb_error_is_room_gone (error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* An ended room lingers (hasBeenForciblyEnded) until the server purges
   * it; nobody can be in it any more. */
  if (!bv_bbb_meeting_is_running (meeting) || bv_bbb_meeting_has_been_forcibly_ended (meeting))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (g_get_monotonic_time () + (gint64)data->poll_interval_ms * 1000 > data->deadline)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "%s",
                               _("The server accepted the request to end the meeting, but the "
                                 "meeting is still running. Refresh the list in a minute; if it "
                                 "is still running then, end it again."));
      return;
    }

  source = g_timeout_source_new (data->poll_interval_ms);
  g_source_set_static_name (source, "[bv] end meeting poll");
  context = g_task_get_context (task);
  g_source_set_callback (source, poll_again_cb, g_steal_pointer (&task), g_object_unref);
  g_source_attach (source, context);
}

static void
ask_whether_gone (GTask *task)
{
  EndData *data = g_task_get_task_data (task);

  bv_bbb_client_get_meeting_info_async (data->client, data->meeting_id,
                                        g_task_get_cancellable (task), still_running_cb, task);
}

static void
ended_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EndData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!bv_bbb_client_end_finish (data->client, result, &error))
    {
      /* Someone else ended it first, or everybody left: done all the same. */
      if (bv_bbb_error_is_room_gone (error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* end only asks the server to end the meeting (bbb-api.md §4.4). */
  ask_whether_gone (g_steal_pointer (&task));
}

void
bv_server_meetings_end_full_async (BvBbbClient         *client,
                                   const char          *meeting_id,
                                   guint                poll_interval_ms,
                                   guint                timeout_ms,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EndData *data;

  g_return_if_fail (BV_IS_BBB_CLIENT (client));
  g_return_if_fail (meeting_id && *meeting_id);
  g_return_if_fail (poll_interval_ms > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_server_meetings_end_full_async);

  data = g_new0 (EndData, 1);
  data->client = g_object_ref (client);
  data->meeting_id = g_strdup (meeting_id);
  data->poll_interval_ms = poll_interval_ms;
  data->deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;
  g_task_set_task_data (task, data, (GDestroyNotify)end_data_free);

  bv_bbb_client_end_async (client, meeting_id, cancellable, ended_cb, g_steal_pointer (&task));
}

void
bv_server_meetings_end_async (BvBbbClient         *client,
                              const char          *meeting_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  bv_server_meetings_end_full_async (client, meeting_id,
                                     BV_LIVE_MEETINGS_END_POLL_INTERVAL_MS,
                                     BV_LIVE_MEETINGS_END_TIMEOUT_MS,
                                     cancellable, callback, user_data);
}

gboolean
bv_server_meetings_end_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_server_meetings_end_full_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
