/* bv-bbb-recording-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-bbb"

#include "config.h"

#include "bv-bbb-recording-format.h"

#include "bv-bbb-models-private.h"

G_DEFINE_FINAL_TYPE (BvBbbRecordingFormat, bv_bbb_recording_format, G_TYPE_OBJECT)

static void
bv_bbb_recording_format_finalize (GObject *object)
{
  BvBbbRecordingFormat *self = (BvBbbRecordingFormat *) object;

  g_free (self->format_type);
  g_free (self->url);
  g_strfreev (self->previews);

  G_OBJECT_CLASS (bv_bbb_recording_format_parent_class)->finalize (object);
}

static void
bv_bbb_recording_format_class_init (BvBbbRecordingFormatClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bv_bbb_recording_format_finalize;
}

static void
bv_bbb_recording_format_init (BvBbbRecordingFormat *self)
{
}

const char *
bv_bbb_recording_format_get_format_type (BvBbbRecordingFormat *self)
{
  g_return_val_if_fail (BV_IS_BBB_RECORDING_FORMAT (self), NULL);

  return self->format_type;
}

const char *
bv_bbb_recording_format_get_url (BvBbbRecordingFormat *self)
{
  g_return_val_if_fail (BV_IS_BBB_RECORDING_FORMAT (self), NULL);

  return self->url;
}

guint
bv_bbb_recording_format_get_length (BvBbbRecordingFormat *self)
{
  g_return_val_if_fail (BV_IS_BBB_RECORDING_FORMAT (self), 0);

  return self->length;
}

guint
bv_bbb_recording_format_get_processing_time (BvBbbRecordingFormat *self)
{
  g_return_val_if_fail (BV_IS_BBB_RECORDING_FORMAT (self), 0);

  return self->processing_time;
}

const char * const *
bv_bbb_recording_format_get_previews (BvBbbRecordingFormat *self)
{
  g_return_val_if_fail (BV_IS_BBB_RECORDING_FORMAT (self), _bv_bbb_empty_strv);

  if (!self->previews)
    return _bv_bbb_empty_strv;
  return (const char * const *) self->previews;
}
