/* bv-bbb-meeting.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-bbb"

#include "config.h"

#include "bv-bbb-meeting.h"

#include "bv-bbb-models-private.h"

enum {
  PROP_0,
  PROP_MEETING_ID,
  PROP_NAME,
  PROP_START_TIME,
  PROP_RUNNING,
  PROP_PARTICIPANT_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BvBbbMeeting, bv_bbb_meeting, G_TYPE_OBJECT)

static void
bv_bbb_meeting_finalize (GObject *object)
{
  BvBbbMeeting *self = (BvBbbMeeting *) object;

  g_free (self->meeting_id);
  g_free (self->internal_meeting_id);
  g_free (self->name);
  g_free (self->voice_bridge);
  g_free (self->dial_number);
  g_free (self->attendee_password);
  g_free (self->moderator_password);
  g_free (self->parent_meeting_id);
  g_strfreev (self->breakout_rooms);
  g_clear_pointer (&self->metadata_pairs, g_ptr_array_unref);
  g_clear_pointer (&self->metadata, g_hash_table_unref);
  g_clear_pointer (&self->attendee_array, g_ptr_array_unref);
  g_clear_object (&self->attendees);

  G_OBJECT_CLASS (bv_bbb_meeting_parent_class)->finalize (object);
}

static void
bv_bbb_meeting_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BvBbbMeeting *self = BV_BBB_MEETING (object);

  switch (prop_id)
    {
    case PROP_MEETING_ID:
      g_value_set_string (value, self->meeting_id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_START_TIME:
      g_value_set_int64 (value, self->start_time);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->is_running);
      break;

    case PROP_PARTICIPANT_COUNT:
      g_value_set_uint (value, self->participant_count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_bbb_meeting_class_init (BvBbbMeetingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bv_bbb_meeting_finalize;
  object_class->get_property = bv_bbb_meeting_get_property;

  /* Read-only: what a row in the rooms list binds to. */
  properties[PROP_MEETING_ID] =
    g_param_spec_string ("meeting-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_START_TIME] =
    g_param_spec_int64 ("start-time", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTICIPANT_COUNT] =
    g_param_spec_uint ("participant-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bv_bbb_meeting_init (BvBbbMeeting *self)
{
}

const char *
bv_bbb_meeting_get_meeting_id (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), NULL);

  return self->meeting_id;
}

const char *
bv_bbb_meeting_get_internal_meeting_id (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), NULL);

  return self->internal_meeting_id;
}

const char *
bv_bbb_meeting_get_name (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), NULL);

  return self->name;
}

gint64
bv_bbb_meeting_get_create_time (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), 0);

  return self->create_time;
}

gint64
bv_bbb_meeting_get_start_time (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), 0);

  return self->start_time;
}

gint64
bv_bbb_meeting_get_end_time (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), 0);

  return self->end_time;
}

const char *
bv_bbb_meeting_get_voice_bridge (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), NULL);

  return self->voice_bridge;
}

const char *
bv_bbb_meeting_get_dial_number (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), NULL);

  return self->dial_number;
}

const char *
bv_bbb_meeting_get_attendee_password (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), NULL);

  return self->attendee_password;
}

const char *
bv_bbb_meeting_get_moderator_password (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), NULL);

  return self->moderator_password;
}

gboolean
bv_bbb_meeting_is_running (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), FALSE);

  return self->is_running;
}

gboolean
bv_bbb_meeting_is_recording (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), FALSE);

  return self->is_recording;
}

gboolean
bv_bbb_meeting_has_user_joined (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), FALSE);

  return self->has_user_joined;
}

gboolean
bv_bbb_meeting_has_been_forcibly_ended (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), FALSE);

  return self->has_been_forcibly_ended;
}

guint
bv_bbb_meeting_get_participant_count (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), 0);

  return self->participant_count;
}

guint
bv_bbb_meeting_get_listener_count (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), 0);

  return self->listener_count;
}

guint
bv_bbb_meeting_get_voice_participant_count (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), 0);

  return self->voice_participant_count;
}

guint
bv_bbb_meeting_get_video_count (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), 0);

  return self->video_count;
}

guint
bv_bbb_meeting_get_moderator_count (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), 0);

  return self->moderator_count;
}

guint
bv_bbb_meeting_get_max_users (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), 0);

  return self->max_users;
}

gboolean
bv_bbb_meeting_is_breakout (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), FALSE);

  return self->is_breakout;
}

const char *
bv_bbb_meeting_get_parent_meeting_id (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), NULL);

  return self->parent_meeting_id;
}

guint
bv_bbb_meeting_get_sequence (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), 0);

  return self->sequence;
}

gboolean
bv_bbb_meeting_is_free_join (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), FALSE);

  return self->is_free_join;
}

const char * const *
bv_bbb_meeting_get_breakout_rooms (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), _bv_bbb_empty_strv);

  if (!self->breakout_rooms)
    return _bv_bbb_empty_strv;
  return (const char * const *) self->breakout_rooms;
}

GListModel *
bv_bbb_meeting_get_attendees (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), NULL);

  if (!self->attendees)
    {
      self->attendees = g_list_store_new (BV_TYPE_BBB_ATTENDEE);
      if (self->attendee_array)
        g_list_store_splice (self->attendees, 0, 0,
                             self->attendee_array->pdata, self->attendee_array->len);
      g_clear_pointer (&self->attendee_array, g_ptr_array_unref);
    }

  return G_LIST_MODEL (self->attendees);
}

GHashTable *
bv_bbb_meeting_get_metadata (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), NULL);

  if (!self->metadata)
    {
      self->metadata = _bv_bbb_metadata_table_new (self->metadata_pairs);
      g_clear_pointer (&self->metadata_pairs, g_ptr_array_unref);
    }

  return self->metadata;
}

gboolean
bv_bbb_meeting_is_duplicate (BvBbbMeeting *self)
{
  g_return_val_if_fail (BV_IS_BBB_MEETING (self), FALSE);

  return self->is_duplicate;
}
