/* bv-bbb-recording.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-bbb"

#include "config.h"

#include "bv-bbb-recording.h"

#include "bv-bbb-models-private.h"

enum {
  PROP_0,
  PROP_RECORD_ID,
  PROP_NAME,
  PROP_STATE,
  PROP_PUBLISHED,
  PROP_START_TIME,
  PROP_END_TIME,
  PROP_PARTICIPANTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BvBbbRecording, bv_bbb_recording, G_TYPE_OBJECT)

const char * const _bv_bbb_empty_strv[] = { NULL };

GPtrArray *
_bv_bbb_metadata_pairs_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

GHashTable *
_bv_bbb_metadata_table_new (GPtrArray *pairs)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; pairs && i + 1 < pairs->len; i += 2)
    g_hash_table_replace (table,
                          g_strdup (g_ptr_array_index (pairs, i)),
                          g_strdup (g_ptr_array_index (pairs, i + 1)));

  return table;
}

static void
bv_bbb_recording_finalize (GObject *object)
{
  BvBbbRecording *self = (BvBbbRecording *) object;

  g_free (self->record_id);
  g_free (self->meeting_id);
  g_free (self->internal_meeting_id);
  g_free (self->name);
  g_free (self->state);
  g_clear_pointer (&self->metadata_pairs, g_ptr_array_unref);
  g_clear_pointer (&self->metadata, g_hash_table_unref);
  g_clear_pointer (&self->format_array, g_ptr_array_unref);
  g_clear_object (&self->formats);

  G_OBJECT_CLASS (bv_bbb_recording_parent_class)->finalize (object);
}

static void
bv_bbb_recording_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BvBbbRecording *self = BV_BBB_RECORDING (object);

  switch (prop_id)
    {
    case PROP_RECORD_ID:
      g_value_set_string (value, self->record_id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;

    case PROP_PUBLISHED:
      g_value_set_boolean (value, self->is_published);
      break;

    case PROP_START_TIME:
      g_value_set_int64 (value, self->start_time);
      break;

    case PROP_END_TIME:
      g_value_set_int64 (value, self->end_time);
      break;

    case PROP_PARTICIPANTS:
      g_value_set_uint (value, self->participants);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_bbb_recording_class_init (BvBbbRecordingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bv_bbb_recording_finalize;
  object_class->get_property = bv_bbb_recording_get_property;

  /* Read-only: what a row in the recordings list binds to. */
  properties[PROP_RECORD_ID] =
    g_param_spec_string ("record-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PUBLISHED] =
    g_param_spec_boolean ("published", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_START_TIME] =
    g_param_spec_int64 ("start-time", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_END_TIME] =
    g_param_spec_int64 ("end-time", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTICIPANTS] =
    g_param_spec_uint ("participants", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bv_bbb_recording_init (BvBbbRecording *self)
{
}

const char *
bv_bbb_recording_get_record_id (BvBbbRecording *self)
{
  g_return_val_if_fail (BV_IS_BBB_RECORDING (self), NULL);

  return self->record_id;
}

const char *
bv_bbb_recording_get_meeting_id (BvBbbRecording *self)
{
  g_return_val_if_fail (BV_IS_BBB_RECORDING (self), NULL);

  return self->meeting_id;
}

const char *
bv_bbb_recording_get_internal_meeting_id (BvBbbRecording *self)
{
  g_return_val_if_fail (BV_IS_BBB_RECORDING (self), NULL);

  return self->internal_meeting_id;
}

const char *
bv_bbb_recording_get_name (BvBbbRecording *self)
{
  g_return_val_if_fail (BV_IS_BBB_RECORDING (self), NULL);

  return self->name;
}

const char *
bv_bbb_recording_get_state (BvBbbRecording *self)
{
  g_return_val_if_fail (BV_IS_BBB_RECORDING (self), NULL);

  return self->state;
}

gboolean
bv_bbb_recording_is_published (BvBbbRecording *self)
{
  g_return_val_if_fail (BV_IS_BBB_RECORDING (self), FALSE);

  return self->is_published;
}

gboolean
bv_bbb_recording_is_breakout (BvBbbRecording *self)
{
  g_return_val_if_fail (BV_IS_BBB_RECORDING (self), FALSE);

  return self->is_breakout;
}

gboolean
bv_bbb_recording_is_protected (BvBbbRecording *self)
{
  g_return_val_if_fail (BV_IS_BBB_RECORDING (self), FALSE);

  return self->is_protected;
}

gint64
bv_bbb_recording_get_start_time (BvBbbRecording *self)
{
  g_return_val_if_fail (BV_IS_BBB_RECORDING (self), 0);

  return self->start_time;
}

gint64
bv_bbb_recording_get_end_time (BvBbbRecording *self)
{
  g_return_val_if_fail (BV_IS_BBB_RECORDING (self), 0);

  return self->end_time;
}

guint
bv_bbb_recording_get_participants (BvBbbRecording *self)
{
  g_return_val_if_fail (BV_IS_BBB_RECORDING (self), 0);

  return self->participants;
}

GHashTable *
bv_bbb_recording_get_metadata (BvBbbRecording *self)
{
  g_return_val_if_fail (BV_IS_BBB_RECORDING (self), NULL);

  if (!self->metadata)
    {
      self->metadata = _bv_bbb_metadata_table_new (self->metadata_pairs);
      g_clear_pointer (&self->metadata_pairs, g_ptr_array_unref);
    }

  return self->metadata;
}

GListModel *
bv_bbb_recording_get_formats (BvBbbRecording *self)
{
  g_return_val_if_fail (BV_IS_BBB_RECORDING (self), NULL);

  if (!self->formats)
    {
      self->formats = g_list_store_new (BV_TYPE_BBB_RECORDING_FORMAT);
      if (self->format_array)
        g_list_store_splice (self->formats, 0, 0,
                             self->format_array->pdata, self->format_array->len);
      g_clear_pointer (&self->format_array, g_ptr_array_unref);
    }

  return G_LIST_MODEL (self->formats);
}
