/* bv-meeting-exception.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-meeting-exception.h"
#include "bv-meeting.h"

G_DEFINE_BOXED_TYPE (BvMeetingException, bv_meeting_exception,
                     bv_meeting_exception_copy, bv_meeting_exception_free)

/**
 * bv_meeting_exception_new:
 * @recurrence_id: the original occurrence's local start
 * @cancelled: whether the occurrence does not take place
 * @new_start_local: (nullable): where it moved to, or %NULL
 * @new_duration: its duration in minutes, or 0 for the meeting's
 */
BvMeetingException *
bv_meeting_exception_new (const char *recurrence_id,
                          gboolean    cancelled,
                          const char *new_start_local,
                          guint       new_duration)
{
  g_autofree char *id = bv_meeting_normalize_local_time (recurrence_id);
  g_autofree char *moved = bv_meeting_normalize_local_time (new_start_local);
  BvMeetingException *exception;

  g_return_val_if_fail (id, NULL);
  g_return_val_if_fail (!new_start_local || moved, NULL);
  g_return_val_if_fail (new_duration <= G_MAXINT, NULL);

  exception = g_new0 (BvMeetingException, 1);
  exception->recurrence_id = g_steal_pointer (&id);
  exception->cancelled = !!cancelled;
  exception->new_start_local = g_steal_pointer (&moved);
  exception->new_duration = new_duration;

  return exception;
}

BvMeetingException *
bv_meeting_exception_copy (const BvMeetingException *exception)
{
  BvMeetingException *copy;

  g_return_val_if_fail (exception, NULL);

  copy = g_new0 (BvMeetingException, 1);
  copy->recurrence_id = g_strdup (exception->recurrence_id);
  copy->cancelled = exception->cancelled;
  copy->new_start_local = g_strdup (exception->new_start_local);
  copy->new_duration = exception->new_duration;

  return copy;
}

void
bv_meeting_exception_free (BvMeetingException *exception)
{
  if (!exception)
    return;

  g_free (exception->recurrence_id);
  g_free (exception->new_start_local);
  g_free (exception);
}
