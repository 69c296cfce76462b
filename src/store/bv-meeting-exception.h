/* bv-meeting-exception.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A single occurrence of a recurring meeting that was cancelled or moved.
 * @recurrence_id is the original occurrence's local start (same format as
 * start_local), @new_start_local may be NULL (not moved), @new_duration 0
 * means the meeting's duration. */
typedef struct {
  char     *recurrence_id;
  gboolean  cancelled;
  char     *new_start_local;
  guint     new_duration;
} BvMeetingException;

#define BV_TYPE_MEETING_EXCEPTION (bv_meeting_exception_get_type ())
GType               bv_meeting_exception_get_type (void) G_GNUC_CONST;
BvMeetingException *bv_meeting_exception_new      (const char               *recurrence_id,
                                                   gboolean                  cancelled,
                                                   const char               *new_start_local,
                                                   guint                     new_duration);
BvMeetingException *bv_meeting_exception_copy     (const BvMeetingException *exception);
void                bv_meeting_exception_free     (BvMeetingException       *exception);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BvMeetingException, bv_meeting_exception_free)

G_END_DECLS
