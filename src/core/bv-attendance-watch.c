/* bv-attendance-watch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-attendance-watch.h"

#include "bv-planned-dates.h"

struct _BvAttendanceWatch
{
  GObject                   parent_instance;

  BvContext                *context;
  BvLiveMonitorTimerFunc    add_timer;
  BvAttendanceWatchNowFunc  now;
  gpointer                  now_data;
  guint                     timer_id;
  GHashTable               *recorders;  /* meeting id → BvAttendanceRecorder */
  guint                     retention_months;
  GHashTable               *requested;  /* meeting ids recorded whatever their date */
};

enum {
  RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BvAttendanceWatch, bv_attendance_watch, G_TYPE_OBJECT)

static GDateTime *
real_now (gpointer data)
{
  return g_date_time_new_now_utc ();
}

/* The recorders count seconds on the watch's clock. */
static gint64
recorder_now (gpointer data)
{
  BvAttendanceWatch *self = data;
  g_autoptr(GDateTime) now = self->now (self->now_data);

  return g_date_time_to_unix (now);
}

static void
recorded_cb (BvAttendanceRecorder *recorder,
             BvAttendanceWatch    *self)
{
  g_signal_emit (self, signals[RECORDED], 0, bv_meeting_get_id (bv_attendance_recorder_get_meeting (recorder)));
}

static void
stop_recorder (gpointer data)
{
  BvAttendanceRecorder *recorder = data;

  bv_attendance_recorder_stop (recorder);
  g_signal_handlers_disconnect_matched (recorder, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, recorded_cb, NULL);
  g_object_unref (recorder);
}

void
bv_attendance_watch_check (BvAttendanceWatch *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GPtrArray) planned = NULL;
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (BV_IS_ATTENDANCE_WATCH (self));

  now = self->now (self->now_data);
  from = g_date_time_add_minutes (now, -BV_ATTENDANCE_WATCH_AFTER_MINUTES);
  to = g_date_time_add_minutes (now, BV_ATTENDANCE_WATCH_BEFORE_MINUTES);
  planned = bv_planned_dates_list (bv_context_get_database (self->context), from, to);

  for (guint i = 0; i < planned->len; i++)
    {
      BvPlannedOccurrence *date = g_ptr_array_index (planned, i);
      const char *id = bv_meeting_get_id (date->meeting);
      BvAttendanceRecorder *recorder;

      if (bv_meeting_get_kind (date->meeting) != BV_MEETING_KIND_ASSEMBLY)
        continue;
      g_hash_table_add (wanted, (gpointer) id);
      if (g_hash_table_contains (self->recorders, id))
        continue;

      g_debug ("Recording the attendance of “%s”", bv_meeting_get_title (date->meeting));
      recorder = bv_attendance_recorder_new (self->context, date->meeting);
      bv_attendance_recorder_set_timer_func (recorder, self->add_timer);
      bv_attendance_recorder_set_clock (recorder, recorder_now, self);
      g_signal_connect (recorder, "recorded", G_CALLBACK (recorded_cb), self);
      g_hash_table_insert (self->recorders, g_strdup (id), recorder);
      bv_attendance_recorder_start (recorder);
    }

  g_hash_table_iter_init (&iter, self->recorders);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (wanted, key) && !g_hash_table_contains (self->requested, key))
      g_hash_table_iter_remove (&iter);
}

void
bv_attendance_watch_record_now (BvAttendanceWatch *self,
                                BvMeeting         *meeting)
{
  BvAttendanceRecorder *recorder;
  const char *id;

  g_return_if_fail (BV_IS_ATTENDANCE_WATCH (self));
  g_return_if_fail (BV_IS_MEETING (meeting));

  id = bv_meeting_get_id (meeting);
  g_hash_table_add (self->requested, g_strdup (id));
  recorder = g_hash_table_lookup (self->recorders, id);
  if (recorder)
    {
      bv_attendance_recorder_poll (recorder);
      return;
    }
  recorder = bv_attendance_recorder_new (self->context, meeting);
  bv_attendance_recorder_set_timer_func (recorder, self->add_timer);
  bv_attendance_recorder_set_clock (recorder, recorder_now, self);
  g_signal_connect (recorder, "recorded", G_CALLBACK (recorded_cb), self);
  g_hash_table_insert (self->recorders, g_strdup (id), recorder);
  bv_attendance_recorder_start (recorder);
}

static gboolean
tick_cb (gpointer data)
{
  bv_attendance_watch_check (data);
  return G_SOURCE_CONTINUE;
}

void
bv_attendance_watch_start (BvAttendanceWatch *self)
{
  g_return_if_fail (BV_IS_ATTENDANCE_WATCH (self));

  if (self->timer_id)
    return;
  bv_attendance_watch_purge (self);
  self->timer_id = self->add_timer (BV_ATTENDANCE_WATCH_CHECK_SECONDS, tick_cb, self);
  bv_attendance_watch_check (self);
}

void
bv_attendance_watch_stop (BvAttendanceWatch *self)
{
  g_return_if_fail (BV_IS_ATTENDANCE_WATCH (self));

  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_hash_table_remove_all (self->recorders);
  g_hash_table_remove_all (self->requested);
}

void
bv_attendance_watch_set_retention (BvAttendanceWatch *self,
                                   guint              months)
{
  g_return_if_fail (BV_IS_ATTENDANCE_WATCH (self));

  self->retention_months = months;
}

void
bv_attendance_watch_purge (BvAttendanceWatch *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) cutoff = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (BV_IS_ATTENDANCE_WATCH (self));

  if (self->retention_months == 0)
    return;
  now = self->now (self->now_data);
  cutoff = g_date_time_add_months (now, -(int) self->retention_months);
  if (!bv_database_delete_attendance_before (bv_context_get_database (self->context),
                                             g_date_time_to_unix (cutoff), &error))
    g_warning ("Old attendance could not be deleted: %s", error->message);
}

BvAttendanceRecorder *
bv_attendance_watch_get_recorder (BvAttendanceWatch *self,
                                  const char        *meeting_id)
{
  g_return_val_if_fail (BV_IS_ATTENDANCE_WATCH (self), NULL);

  return meeting_id ? g_hash_table_lookup (self->recorders, meeting_id) : NULL;
}

void
bv_attendance_watch_set_timer_func (BvAttendanceWatch      *self,
                                    BvLiveMonitorTimerFunc  add_timer)
{
  g_return_if_fail (BV_IS_ATTENDANCE_WATCH (self));

  self->add_timer = add_timer ? add_timer : g_timeout_add_seconds;
}

void
bv_attendance_watch_set_clock (BvAttendanceWatch        *self,
                               BvAttendanceWatchNowFunc  now,
                               gpointer                  data)
{
  g_return_if_fail (BV_IS_ATTENDANCE_WATCH (self));

  self->now = now ? now : real_now;
  self->now_data = now ? data : NULL;
}

static void
bv_attendance_watch_dispose (GObject *object)
{
  BvAttendanceWatch *self = BV_ATTENDANCE_WATCH (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->recorders)
    g_hash_table_remove_all (self->recorders);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (bv_attendance_watch_parent_class)->dispose (object);
}

static void
bv_attendance_watch_finalize (GObject *object)
{
  BvAttendanceWatch *self = BV_ATTENDANCE_WATCH (object);

  g_clear_pointer (&self->recorders, g_hash_table_unref);
  g_clear_pointer (&self->requested, g_hash_table_unref);

  G_OBJECT_CLASS (bv_attendance_watch_parent_class)->finalize (object);
}

static void
bv_attendance_watch_class_init (BvAttendanceWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bv_attendance_watch_dispose;
  object_class->finalize = bv_attendance_watch_finalize;

  signals[RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
bv_attendance_watch_init (BvAttendanceWatch *self)
{
  self->add_timer = g_timeout_add_seconds;
  self->now = real_now;
  self->retention_months = BV_ATTENDANCE_RETENTION_DEFAULT_MONTHS;
  self->recorders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stop_recorder);
  self->requested = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

BvAttendanceWatch *
bv_attendance_watch_new (BvContext *context)
{
  BvAttendanceWatch *self;

  g_return_val_if_fail (BV_IS_CONTEXT (context), NULL);

  self = g_object_new (BV_TYPE_ATTENDANCE_WATCH, NULL);
  self->context = g_object_ref (context);
  return self;
}
