/* bv-bbb-attendee.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-bbb"

#include "config.h"

#include "bv-bbb-attendee.h"

#include "bv-bbb-models-private.h"

G_DEFINE_FINAL_TYPE (BvBbbAttendee, bv_bbb_attendee, G_TYPE_OBJECT)

static void
bv_bbb_attendee_finalize (GObject *object)
{
  BvBbbAttendee *self = (BvBbbAttendee *) object;

  g_free (self->user_id);
  g_free (self->full_name);
  g_free (self->client_type);

  G_OBJECT_CLASS (bv_bbb_attendee_parent_class)->finalize (object);
}

static void
bv_bbb_attendee_class_init (BvBbbAttendeeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bv_bbb_attendee_finalize;
}

static void
bv_bbb_attendee_init (BvBbbAttendee *self)
{
}

const char *
bv_bbb_attendee_get_user_id (BvBbbAttendee *self)
{
  g_return_val_if_fail (BV_IS_BBB_ATTENDEE (self), NULL);

  return self->user_id;
}

const char *
bv_bbb_attendee_get_full_name (BvBbbAttendee *self)
{
  g_return_val_if_fail (BV_IS_BBB_ATTENDEE (self), NULL);

  return self->full_name;
}

gboolean
bv_bbb_attendee_is_moderator (BvBbbAttendee *self)
{
  g_return_val_if_fail (BV_IS_BBB_ATTENDEE (self), FALSE);

  return self->is_moderator;
}

gboolean
bv_bbb_attendee_is_presenter (BvBbbAttendee *self)
{
  g_return_val_if_fail (BV_IS_BBB_ATTENDEE (self), FALSE);

  return self->is_presenter;
}

gboolean
bv_bbb_attendee_is_listening_only (BvBbbAttendee *self)
{
  g_return_val_if_fail (BV_IS_BBB_ATTENDEE (self), FALSE);

  return self->is_listening_only;
}

gboolean
bv_bbb_attendee_has_joined_voice (BvBbbAttendee *self)
{
  g_return_val_if_fail (BV_IS_BBB_ATTENDEE (self), FALSE);

  return self->has_joined_voice;
}

gboolean
bv_bbb_attendee_has_video (BvBbbAttendee *self)
{
  g_return_val_if_fail (BV_IS_BBB_ATTENDEE (self), FALSE);

  return self->has_video;
}

const char *
bv_bbb_attendee_get_client_type (BvBbbAttendee *self)
{
  g_return_val_if_fail (BV_IS_BBB_ATTENDEE (self), NULL);

  return self->client_type;
}
