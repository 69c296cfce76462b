/* bv-attendance-recorder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-attendance-recorder.h"

#include "../bbb/bv-bbb-attendee.h"
#include "../bbb/bv-bbb-client.h"
#include "../bbb/bv-bbb-error.h"

struct _BvAttendanceRecorder
{
  GObject                 parent_instance;

  BvContext              *context;
  BvMeeting              *meeting;
  BvLiveMonitorTimerFunc  add_timer;
  BvAttendanceClockFunc   now;
  gpointer                now_data;

  GCancellable           *cancellable;  /* of the poll under way */
  guint                   timer_id;
  gint64                  last_answer;  /* seconds; 0 before the first */
  gboolean                reachable;
};

enum {
  RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BvAttendanceRecorder, bv_attendance_recorder, G_TYPE_OBJECT)

static gint64
real_now (gpointer data)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gint64
now (BvAttendanceRecorder *self)
{
  return self->now (self->now_data);
}

static BvDatabase *
database (BvAttendanceRecorder *self)
{
  return bv_context_get_database (self->context);
}

/* The poll is over: stored, the signal says so. */
static void
poll_done (BvAttendanceRecorder *self)
{
  g_clear_object (&self->cancellable);
  g_signal_emit (self, signals[RECORDED], 0);
}

static void
note_gap (BvAttendanceRecorder *self,
          const GError         *cause)
{
  g_autoptr(GError) error = NULL;
  gint64 since = self->last_answer > 0 ? self->last_answer : now (self);

  g_debug ("No answer about the attendance of “%s”: %s", bv_meeting_get_title (self->meeting),
           cause ? cause->message : "no server");
  self->reachable = FALSE;
  if (!bv_database_note_attendance_gap (database (self), bv_meeting_get_id (self->meeting), since, &error))
    g_warning ("The gap in the attendance could not be stored: %s", error->message);
}

/* Everyone the server lists, matched to the invitations by userID. */
static void
record (BvAttendanceRecorder *self,
        BvBbbMeeting         *room)
{
  g_autoptr(GPtrArray) participants = bv_database_list_participants (database (self),
                                                                     bv_meeting_get_id (self->meeting));
  g_autoptr(GHashTable) by_user_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) seen = g_array_new (FALSE, TRUE, sizeof (BvAttendanceSeen));
  g_autoptr(GPtrArray) pointers = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GListModel *attendees = room ? bv_bbb_meeting_get_attendees (room) : NULL;
  guint n = attendees ? g_list_model_get_n_items (attendees) : 0;
  gint64 time = now (self);

  for (guint i = 0; participants && i < participants->len; i++)
    {
      BvParticipant *participant = g_ptr_array_index (participants, i);

      g_hash_table_insert (by_user_id, g_strconcat ("bv-", bv_participant_get_link_key (participant), NULL),
                           participant);
    }

  g_array_set_size (seen, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BvBbbAttendee) attendee = g_list_model_get_item (attendees, i);
      BvAttendanceSeen *person = &g_array_index (seen, BvAttendanceSeen, i);
      const char *user_id = bv_bbb_attendee_get_user_id (attendee);
      BvParticipant *participant = user_id ? g_hash_table_lookup (by_user_id, user_id) : NULL;

      /* The strings belong to the attendee, which the room keeps. */
      person->user_id = user_id;
      person->full_name = bv_bbb_attendee_get_full_name (attendee);
      if (participant)
        {
          /* The name in the club's records, not the one typed anywhere. */
          if (bv_participant_get_name (participant) && *bv_participant_get_name (participant))
            person->full_name = bv_participant_get_name (participant);
          person->participant_id = bv_participant_get_id (participant);
          person->member_id = bv_participant_get_member_id (participant);
          person->invited = TRUE;
        }
      g_ptr_array_add (pointers, person);
    }

  if (!bv_database_record_attendance (database (self), bv_meeting_get_id (self->meeting), time,
                                      pointers, &error))
    {
      g_warning ("The attendance could not be stored: %s", error->message);
      return;
    }
  self->last_answer = time;
  self->reachable = TRUE;
}

static void
info_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BvAttendanceRecorder) self = user_data;
  g_autoptr(BvBbbMeeting) room = NULL;
  g_autoptr(GError) error = NULL;

  room = bv_bbb_client_get_meeting_info_finish (BV_BBB_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (room)
    record (self, room);
  else if (bv_bbb_error_is_room_gone (error))
    record (self, NULL);   /* the room is not open: nobody is in it */
  else
    {
      /* The next poll opens a new client (address or secret may have
       * changed). */
      bv_context_drop_client (self->context, bv_meeting_get_server_id (self->meeting));
      note_gap (self, error);
    }
  poll_done (self);
}

static void
client_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BvAttendanceRecorder) self = user_data;
  g_autoptr(BvBbbClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = bv_context_get_client_finish (BV_CONTEXT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!client)
    {
      note_gap (self, error);
      poll_done (self);
      return;
    }

  bv_bbb_client_get_meeting_info_async (client, bv_meeting_get_bbb_meeting_id (self->meeting),
                                        self->cancellable, info_cb, g_object_ref (self));
}

void
bv_attendance_recorder_poll (BvAttendanceRecorder *self)
{
  g_autoptr(BvServer) server = NULL;
  const char *server_id;

  g_return_if_fail (BV_IS_ATTENDANCE_RECORDER (self));

  if (self->cancellable)
    return;

  server_id = bv_meeting_get_server_id (self->meeting);
  if (server_id)
    server = bv_context_find_server (self->context, server_id);
  if (!server)
    {
      note_gap (self, NULL);
      g_signal_emit (self, signals[RECORDED], 0);
      return;
    }

  self->cancellable = g_cancellable_new ();
  bv_context_get_client_async (self->context, server, self->cancellable, client_cb, g_object_ref (self));
}

static gboolean
tick_cb (gpointer data)
{
  bv_attendance_recorder_poll (data);
  return G_SOURCE_CONTINUE;
}

void
bv_attendance_recorder_start (BvAttendanceRecorder *self)
{
  gint64 last_seen;

  g_return_if_fail (BV_IS_ATTENDANCE_RECORDER (self));

  if (self->timer_id)
    return;

  /* A recorder before this one (the app ran until then) left stays open:
   * they go on, and the time nobody looked is a gap. */
  last_seen = bv_database_get_attendance_last_seen (database (self), bv_meeting_get_id (self->meeting));
  if (last_seen > 0)
    {
      if (self->last_answer < last_seen)
        self->last_answer = last_seen;
      if (now (self) - last_seen > 2 * BV_ATTENDANCE_POLL_SECONDS)
        note_gap (self, NULL);
    }

  self->timer_id = self->add_timer (BV_ATTENDANCE_POLL_SECONDS, tick_cb, self);
  bv_attendance_recorder_poll (self);
}

void
bv_attendance_recorder_stop (BvAttendanceRecorder *self)
{
  g_return_if_fail (BV_IS_ATTENDANCE_RECORDER (self));

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

gboolean
bv_attendance_recorder_get_reachable (BvAttendanceRecorder *self)
{
  g_return_val_if_fail (BV_IS_ATTENDANCE_RECORDER (self), FALSE);

  return self->reachable;
}

BvMeeting *
bv_attendance_recorder_get_meeting (BvAttendanceRecorder *self)
{
  g_return_val_if_fail (BV_IS_ATTENDANCE_RECORDER (self), NULL);

  return self->meeting;
}

void
bv_attendance_recorder_set_timer_func (BvAttendanceRecorder   *self,
                                       BvLiveMonitorTimerFunc  add_timer)
{
  g_return_if_fail (BV_IS_ATTENDANCE_RECORDER (self));

  self->add_timer = add_timer ? add_timer : g_timeout_add_seconds;
}

void
bv_attendance_recorder_set_clock (BvAttendanceRecorder  *self,
                                  BvAttendanceClockFunc  clock,
                                  gpointer               data)
{
  g_return_if_fail (BV_IS_ATTENDANCE_RECORDER (self));

  self->now = clock ? clock : real_now;
  self->now_data = clock ? data : NULL;
}

static void
bv_attendance_recorder_dispose (GObject *object)
{
  BvAttendanceRecorder *self = BV_ATTENDANCE_RECORDER (object);

  bv_attendance_recorder_stop (self);
  g_clear_object (&self->meeting);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (bv_attendance_recorder_parent_class)->dispose (object);
}

static void
bv_attendance_recorder_class_init (BvAttendanceRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bv_attendance_recorder_dispose;

  signals[RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bv_attendance_recorder_init (BvAttendanceRecorder *self)
{
  self->add_timer = g_timeout_add_seconds;
  self->now = real_now;
  self->reachable = TRUE;
}

BvAttendanceRecorder *
bv_attendance_recorder_new (BvContext *context,
                            BvMeeting *meeting)
{
  BvAttendanceRecorder *self;

  g_return_val_if_fail (BV_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  self = g_object_new (BV_TYPE_ATTENDANCE_RECORDER, NULL);
  self->context = g_object_ref (context);
  self->meeting = g_object_ref (meeting);
  return self;
}
