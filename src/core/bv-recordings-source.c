/* bv-recordings-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-recordings-source.h"

#include "bv-bbb-error.h"

/* Appending fires items-changed through the filter models into the list
 * view; a few hundred at a time keeps each main-loop turn short. */
#define CHUNK_SIZE 500

/* Values of the published table; 0 is "no entry". */
#define PUBLISHED_NO  1
#define PUBLISHED_YES 2

struct _BvRecordingsSource
{
  GObject       parent_instance;

  BvBbbClient  *client;
  gboolean      paged;

  GPtrArray    *items;          /* BvBbbRecording, what the model shows */
  GHashTable   *ids;            /* record id (owned by its item) → item */
  GHashTable   *published;      /* record id → PUBLISHED_*, outcome of publishing */

  GCancellable *cancellable;    /* of the request in flight */
  GListModel   *pending;        /* unpaged: the answer not yet appended */
  guint         pending_pos;
  guint         chunk_id;
  guint         server_offset;  /* paged: the next page's offset */

  gint64        total;
  GError       *error;
  guint         loading : 1;
  guint         complete : 1;
};

static void bv_recordings_source_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BvRecordingsSource, bv_recordings_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      bv_recordings_source_list_model_init))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_PAGED,
  PROP_LOADING,
  PROP_COMPLETE,
  PROP_ERROR,
  PROP_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  BvBbbRecording *recording;
  gboolean        publish;
} PublishChange;

static void
change_free (PublishChange *change)
{
  g_clear_object (&change->recording);
  g_free (change);
}

static void request_page (BvRecordingsSource *self);

static void
set_loading (BvRecordingsSource *self,
             gboolean            loading)
{
  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_complete (BvRecordingsSource *self,
              gboolean            complete)
{
  if (self->complete == !!complete)
    return;
  self->complete = !!complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

static void
set_total (BvRecordingsSource *self,
           gint64              total)
{
  if (self->total == total)
    return;
  self->total = total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
}

static void
take_error (BvRecordingsSource *self,
            GError             *error)
{
  if (!self->error && !error)
    return;
  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
stop_loading (BvRecordingsSource *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->chunk_id, g_source_remove);
}

static gboolean
find_item (BvRecordingsSource *self,
           BvBbbRecording     *recording,
           guint              *position)
{
  return g_ptr_array_find (self->items, recording, position);
}

/* Skips recordings already shown: a recording that ends while the pages
 * arrive moves the server's list on by one, and a server that ignores
 * offset sends the same page again. Returns how many were new. */
static guint
append_items (BvRecordingsSource *self,
              GListModel         *model,
              guint               from,
              guint               to)
{
  guint old_len = self->items->len;
  guint added;

  for (guint i = from; i < to; i++)
    {
      BvBbbRecording *recording = g_list_model_get_item (model, i);
      const char *id = bv_bbb_recording_get_record_id (recording);

      if (id && g_hash_table_contains (self->ids, id))
        {
          g_object_unref (recording);
          continue;
        }
      if (id)
        g_hash_table_insert (self->ids, (gpointer) id, recording);
      g_ptr_array_add (self->items, recording);
    }

  added = self->items->len - old_len;
  if (added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), old_len, 0, added);
  return added;
}

static void
finish_complete (BvRecordingsSource *self)
{
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pending);
  self->pending_pos = 0;
  set_total (self, self->items->len);
  set_complete (self, TRUE);
  set_loading (self, FALSE);
}

static gboolean
append_chunk (BvRecordingsSource *self)
{
  guint n = g_list_model_get_n_items (self->pending);
  guint to = MIN (n, self->pending_pos + CHUNK_SIZE);

  append_items (self, self->pending, self->pending_pos, to);
  self->pending_pos = to;

  if (to < n)
    return G_SOURCE_CONTINUE;

  self->chunk_id = 0;
  g_object_freeze_notify (G_OBJECT (self));
  finish_complete (self);
  g_object_thaw_notify (G_OBJECT (self));
  return G_SOURCE_REMOVE;
}

static gboolean
chunk_cb (gpointer data)
{
  return append_chunk (BV_RECORDINGS_SOURCE (data));
}

/* Below the redraw priority, so frames are drawn between the chunks. */
static void
schedule_chunks (BvRecordingsSource *self)
{
  if (!self->chunk_id)
    self->chunk_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, chunk_cb, self, NULL);
}

static void
page_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BvRecordingsSource) self = user_data;
  g_autoptr(GListModel) page = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total = -1;
  guint n, added;

  page = bv_bbb_client_get_recordings_finish (BV_BBB_CLIENT (object), result, &total, &error);
  /* start () or cancel () came in between; the new state is theirs. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_object_freeze_notify (G_OBJECT (self));

  if (!page)
    {
      g_clear_object (&self->cancellable);
      take_error (self, g_steal_pointer (&error));
      set_loading (self, FALSE);
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }

  n = g_list_model_get_n_items (page);

  if (!self->paged)
    {
      g_clear_object (&self->cancellable);
      set_total (self, n);
      self->pending = g_steal_pointer (&page);
      self->pending_pos = 0;
      /* The first rows at once, the rest between frames. */
      if (append_chunk (self) == G_SOURCE_CONTINUE)
        schedule_chunks (self);
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }

  if (total >= 0)
    set_total (self, total);
  added = append_items (self, page, 0, n);
  self->server_offset += n;

  /* A short or empty page is the last; so is a page with nothing new or
   * more than asked for (a server that ignores offset or limit). */
  if (n < BV_RECORDINGS_SOURCE_PAGE_SIZE || n > BV_RECORDINGS_SOURCE_PAGE_SIZE || added == 0 ||
      (self->total >= 0 && self->server_offset >= self->total))
    finish_complete (self);
  else
    request_page (self);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
request_page (BvRecordingsSource *self)
{
  g_autoptr(BvBbbQuery) query = bv_bbb_query_new ();

  if (self->paged)
    {
      bv_bbb_query_add_int (query, "offset", self->server_offset);
      bv_bbb_query_add_int (query, "limit", BV_RECORDINGS_SOURCE_PAGE_SIZE);
    }

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  bv_bbb_client_get_recordings_async (self->client, query, self->cancellable,
                                      page_loaded_cb, g_object_ref (self));
}

static void
published_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BvRecordingsSource *self = g_task_get_source_object (task);
  PublishChange *change = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  const char *id = bv_bbb_recording_get_record_id (change->recording);
  guint position;

  if (!bv_bbb_client_call_finish (BV_BBB_CLIENT (object), result, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_hash_table_replace (self->published, g_strdup (id),
                        GINT_TO_POINTER (change->publish ? PUBLISHED_YES : PUBLISHED_NO));
  /* Rows bound to the item show the new state when it is replaced by
   * itself. */
  if (find_item (self, change->recording, &position))
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);

  g_task_return_boolean (task, TRUE);
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BvRecordingsSource *self = g_task_get_source_object (task);
  PublishChange *change = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  const char *id = bv_bbb_recording_get_record_id (change->recording);
  guint position;

  if (!bv_bbb_client_call_finish (BV_BBB_CLIENT (object), result, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (find_item (self, change->recording, &position))
    {
      g_object_freeze_notify (G_OBJECT (self));
      g_hash_table_remove (self->ids, id);
      g_hash_table_remove (self->published, id);
      g_ptr_array_remove_index (self->items, position);
      /* The server's list lost one of the pages already read. */
      if (self->paged && self->server_offset > 0)
        self->server_offset--;
      if (self->total > 0)
        set_total (self, self->total - 1);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
      g_object_thaw_notify (G_OBJECT (self));
    }

  g_task_return_boolean (task, TRUE);
}

static void
start_change (BvRecordingsSource  *self,
              BvBbbRecording      *recording,
              const char          *call,
              BvBbbQuery          *query,
              gboolean             publish,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag,
              GAsyncReadyCallback  done_cb)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  PublishChange *change = g_new0 (PublishChange, 1);
  const char *id = bv_bbb_recording_get_record_id (recording);

  g_task_set_source_tag (task, source_tag);
  change->recording = g_object_ref (recording);
  change->publish = publish;
  g_task_set_task_data (task, change, (GDestroyNotify) change_free);

  /* An empty recordID would name every recording on some servers. */
  if (!id || !*id)
    {
      g_task_return_error (task, bv_bbb_error_new (BV_BBB_ERROR_NOT_FOUND));
      return;
    }

  bv_bbb_query_add (query, "recordID", id);
  bv_bbb_client_call_async (self->client, call, query, NULL, cancellable,
                            done_cb, g_steal_pointer (&task));
}

/* GListModel */

static GType
bv_recordings_source_get_item_type (GListModel *model)
{
  return BV_TYPE_BBB_RECORDING;
}

static guint
bv_recordings_source_get_n_items (GListModel *model)
{
  return BV_RECORDINGS_SOURCE (model)->items->len;
}

static gpointer
bv_recordings_source_get_item (GListModel *model,
                               guint       position)
{
  BvRecordingsSource *self = BV_RECORDINGS_SOURCE (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
bv_recordings_source_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = bv_recordings_source_get_item_type;
  iface->get_n_items = bv_recordings_source_get_n_items;
  iface->get_item = bv_recordings_source_get_item;
}

/* GObject */

static void
bv_recordings_source_dispose (GObject *object)
{
  BvRecordingsSource *self = BV_RECORDINGS_SOURCE (object);

  stop_loading (self);
  g_clear_object (&self->pending);

  G_OBJECT_CLASS (bv_recordings_source_parent_class)->dispose (object);
}

static void
bv_recordings_source_finalize (GObject *object)
{
  BvRecordingsSource *self = BV_RECORDINGS_SOURCE (object);

  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_clear_pointer (&self->published, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (bv_recordings_source_parent_class)->finalize (object);
}

static void
bv_recordings_source_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BvRecordingsSource *self = BV_RECORDINGS_SOURCE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_PAGED:
      g_value_set_boolean (value, self->paged);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_recordings_source_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  BvRecordingsSource *self = BV_RECORDINGS_SOURCE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_PAGED:
      self->paged = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_recordings_source_class_init (BvRecordingsSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bv_recordings_source_dispose;
  object_class->finalize = bv_recordings_source_finalize;
  object_class->get_property = bv_recordings_source_get_property;
  object_class->set_property = bv_recordings_source_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, BV_TYPE_BBB_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGED] =
    g_param_spec_boolean ("paged", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bv_recordings_source_init (BvRecordingsSource *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->published = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->total = -1;
}

/* Public API */

BvRecordingsSource *
bv_recordings_source_new (BvBbbClient *client,
                          gboolean     paged)
{
  g_return_val_if_fail (BV_IS_BBB_CLIENT (client), NULL);

  return g_object_new (BV_TYPE_RECORDINGS_SOURCE,
                       "client", client,
                       "paged", paged,
                       NULL);
}

BvBbbClient *
bv_recordings_source_get_client (BvRecordingsSource *self)
{
  g_return_val_if_fail (BV_IS_RECORDINGS_SOURCE (self), NULL);

  return self->client;
}

gboolean
bv_recordings_source_get_paged (BvRecordingsSource *self)
{
  g_return_val_if_fail (BV_IS_RECORDINGS_SOURCE (self), FALSE);

  return self->paged;
}

gboolean
bv_recordings_source_get_loading (BvRecordingsSource *self)
{
  g_return_val_if_fail (BV_IS_RECORDINGS_SOURCE (self), FALSE);

  return self->loading;
}

gboolean
bv_recordings_source_get_complete (BvRecordingsSource *self)
{
  g_return_val_if_fail (BV_IS_RECORDINGS_SOURCE (self), FALSE);

  return self->complete;
}

const GError *
bv_recordings_source_get_error (BvRecordingsSource *self)
{
  g_return_val_if_fail (BV_IS_RECORDINGS_SOURCE (self), NULL);

  return self->error;
}

gint64
bv_recordings_source_get_total (BvRecordingsSource *self)
{
  g_return_val_if_fail (BV_IS_RECORDINGS_SOURCE (self), -1);

  return self->total;
}

void
bv_recordings_source_start (BvRecordingsSource *self)
{
  guint removed;

  g_return_if_fail (BV_IS_RECORDINGS_SOURCE (self));

  stop_loading (self);
  g_clear_object (&self->pending);
  self->pending_pos = 0;
  self->server_offset = 0;

  g_object_freeze_notify (G_OBJECT (self));
  removed = self->items->len;
  g_hash_table_remove_all (self->ids);
  g_hash_table_remove_all (self->published);
  g_ptr_array_set_size (self->items, 0);
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
  take_error (self, NULL);
  set_total (self, -1);
  set_complete (self, FALSE);
  set_loading (self, TRUE);
  g_object_thaw_notify (G_OBJECT (self));

  request_page (self);
}

void
bv_recordings_source_retry (BvRecordingsSource *self)
{
  g_return_if_fail (BV_IS_RECORDINGS_SOURCE (self));

  if (self->loading || self->complete)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  take_error (self, NULL);
  set_loading (self, TRUE);
  g_object_thaw_notify (G_OBJECT (self));

  /* Unpaged, the answer may be half appended (after cancel ()); paged,
   * the page that failed is asked again. */
  if (self->pending)
    schedule_chunks (self);
  else
    request_page (self);
}

void
bv_recordings_source_cancel (BvRecordingsSource *self)
{
  g_return_if_fail (BV_IS_RECORDINGS_SOURCE (self));

  stop_loading (self);
  set_loading (self, FALSE);
}

const char *
bv_recordings_source_get_state (BvRecordingsSource *self,
                                BvBbbRecording     *recording)
{
  const char *id;
  int published;

  g_return_val_if_fail (BV_IS_RECORDINGS_SOURCE (self), NULL);
  g_return_val_if_fail (BV_IS_BBB_RECORDING (recording), NULL);

  id = bv_bbb_recording_get_record_id (recording);
  published = id ? GPOINTER_TO_INT (g_hash_table_lookup (self->published, id)) : 0;
  if (published == PUBLISHED_YES)
    return "published";
  if (published == PUBLISHED_NO)
    return "unpublished";
  return bv_bbb_recording_get_state (recording);
}

gboolean
bv_recordings_source_is_published (BvRecordingsSource *self,
                                   BvBbbRecording     *recording)
{
  const char *id;
  int published;

  g_return_val_if_fail (BV_IS_RECORDINGS_SOURCE (self), FALSE);
  g_return_val_if_fail (BV_IS_BBB_RECORDING (recording), FALSE);

  id = bv_bbb_recording_get_record_id (recording);
  published = id ? GPOINTER_TO_INT (g_hash_table_lookup (self->published, id)) : 0;
  if (published)
    return published == PUBLISHED_YES;
  return bv_bbb_recording_is_published (recording);
}

void
bv_recordings_source_publish_async (BvRecordingsSource  *self,
                                    BvBbbRecording      *recording,
                                    gboolean             publish,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(BvBbbQuery) query = bv_bbb_query_new ();

  g_return_if_fail (BV_IS_RECORDINGS_SOURCE (self));
  g_return_if_fail (BV_IS_BBB_RECORDING (recording));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  bv_bbb_query_add_boolean (query, "publish", publish);
  start_change (self, recording, "publishRecordings", query, publish, cancellable,
                callback, user_data, bv_recordings_source_publish_async, published_cb);
}

gboolean
bv_recordings_source_publish_finish (BvRecordingsSource  *self,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  g_return_val_if_fail (BV_IS_RECORDINGS_SOURCE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_recordings_source_publish_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
bv_recordings_source_delete_async (BvRecordingsSource  *self,
                                   BvBbbRecording      *recording,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(BvBbbQuery) query = bv_bbb_query_new ();

  g_return_if_fail (BV_IS_RECORDINGS_SOURCE (self));
  g_return_if_fail (BV_IS_BBB_RECORDING (recording));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_change (self, recording, "deleteRecordings", query, FALSE, cancellable,
                callback, user_data, bv_recordings_source_delete_async, deleted_cb);
}

gboolean
bv_recordings_source_delete_finish (BvRecordingsSource  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (BV_IS_RECORDINGS_SOURCE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_recordings_source_delete_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
