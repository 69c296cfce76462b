/* bv-rooms-running.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-rooms-running.h"

#include "bv-bbb-error.h"

typedef struct
{
  BvBbbClient *client;
  GStrv        meeting_ids;
  guint        next;
  GHashTable  *running;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_clear_object (&data->client);
  g_clear_pointer (&data->meeting_ids, g_strfreev);
  g_clear_pointer (&data->running, g_hash_table_unref);
  g_free (data);
}

static GHashTable *
new_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
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
  if (meeting)
    {
      if (bv_bbb_meeting_is_running (meeting))
        g_hash_table_replace (data->running,
                              g_strdup (data->meeting_ids[data->next]),
                              g_steal_pointer (&meeting));
    }
  /* A room that was never created or has ended: not running, not a
   * failure of the whole question. */
  else if (!bv_bbb_error_is_room_gone (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->next++;
  ask_next_room (g_steal_pointer (&task));
}

/* One room after the other: a load balancer's polling budget matters more
 * than the last second of latency. */
static void
ask_next_room (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (!data->meeting_ids[data->next])
    {
      g_task_return_pointer (task, g_steal_pointer (&data->running),
                             (GDestroyNotify)g_hash_table_unref);
      g_object_unref (task);
      return;
    }

  bv_bbb_client_get_meeting_info_async (data->client, data->meeting_ids[data->next],
                                        cancellable, meeting_info_cb, task);
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
      /* Scalelite can switch getMeetings off; ask room by room then. */
      if (g_error_matches (error, BV_BBB_ERROR, BV_BBB_ERROR_UNSUPPORTED_REQUEST))
        {
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
      const char *id = bv_bbb_meeting_get_meeting_id (meeting);

      if (id && bv_bbb_meeting_is_running (meeting) &&
          g_strv_contains ((const char * const *)data->meeting_ids, id))
        g_hash_table_replace (data->running, g_strdup (id), g_steal_pointer (&meeting));
    }

  g_task_return_pointer (task, g_steal_pointer (&data->running),
                         (GDestroyNotify)g_hash_table_unref);
}

void
bv_rooms_running_fetch_async (BvBbbClient         *client,
                              gboolean             load_balancer,
                              const char * const  *meeting_ids,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchData *data;

  g_return_if_fail (BV_IS_BBB_CLIENT (client));
  g_return_if_fail (meeting_ids);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_rooms_running_fetch_async);

  data = g_new0 (FetchData, 1);
  data->client = g_object_ref (client);
  data->meeting_ids = g_strdupv ((char **)meeting_ids);
  data->running = new_table ();
  g_task_set_task_data (task, data, (GDestroyNotify)fetch_data_free);

  if (!meeting_ids[0])
    {
      g_task_return_pointer (task, g_steal_pointer (&data->running),
                             (GDestroyNotify)g_hash_table_unref);
      return;
    }

  if (load_balancer)
    {
      ask_next_room (g_steal_pointer (&task));
      return;
    }

  bv_bbb_client_get_meetings_async (client, cancellable, meetings_cb, g_steal_pointer (&task));
}

GHashTable *
bv_rooms_running_fetch_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_rooms_running_fetch_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
