/* bv-reminder-scheduler.c
 *
 * Rooms that open on time and reminders (product.md, "Join flow": "the app
 * opens rooms shortly before the start while it runs").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-reminder-scheduler.h"

#include <string.h>

#include "bv-bbb-client.h"
#include "bv-bbb-error.h"
#include "bv-bbb-version.h"
#include "bv-join.h"
#include "bv-planned-dates.h"
#include "bv-server-client.h"

#define TICK_SECONDS 60
#define MIN_REQUEST_GAP (60 * G_TIME_SPAN_SECOND)

/* What happened to one occurrence; keyed by meeting id and recurrence id. */
typedef struct
{
  char      *meeting_id;
  GDateTime *end;
  gboolean   reminded;
  gboolean   created;
  gboolean   waiting_told;
  gboolean   busy;
  gboolean   used;       /* someone was in the room */
  gboolean   finished;   /* used, then ended: not opened again */
} OccurrenceState;

struct _BvReminderScheduler
{
  GObject                      parent_instance;

  BvContext             *manager;
  GListModel                  *meetings;
  gulong                       meetings_changed_id;
  GCancellable                *cancellable;

  BvReminderSchedulerClockFunc now_func;
  gpointer                     now_data;
  guint                        lead_minutes;

  GHashTable                  *states;        /* key → OccurrenceState */
  GHashTable                  *last_request;  /* meeting id → gint64 µs by the clock */
  GHashTable                  *joined;        /* meeting id → gint64 µs by the clock */

  guint                        tick_id;
  guint                        due_id;
  guint                        request_count;
  guint                        n_pending;
};

enum {
  SIGNAL_REMINDER,
  SIGNAL_ROOM_CREATED,
  SIGNAL_SOMEONE_WAITING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BvReminderScheduler, bv_reminder_scheduler, G_TYPE_OBJECT)

typedef struct
{
  BvReminderScheduler *self;
  BvServer            *server;
  BvMeeting           *meeting;
  BvOccurrence        *occurrence;
  char                *key;
  BvBbbClient         *client;
  gboolean             create;
  BvBbbQuery          *query;   /* kept for one more try without the PIN */
  GBytes              *slides;
} RoomOpening;

static void
occurrence_state_free (OccurrenceState *state)
{
  g_free (state->meeting_id);
  g_clear_pointer (&state->end, g_date_time_unref);
  g_free (state);
}

static gint64 *
time_new (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

static void
operation_free (RoomOpening *op)
{
  OccurrenceState *state = g_hash_table_lookup (op->self->states, op->key);

  if (state)
    state->busy = FALSE;
  op->self->n_pending--;
  g_clear_object (&op->server);
  g_clear_object (&op->meeting);
  g_clear_pointer (&op->occurrence, bv_occurrence_free);
  g_clear_pointer (&op->key, g_free);
  g_clear_object (&op->client);
  g_clear_pointer (&op->query, bv_bbb_query_free);
  g_clear_pointer (&op->slides, g_bytes_unref);
  g_clear_object (&op->self);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoomOpening, operation_free)

/* g_date_time_to_unix_usec () is GLib 2.80. */
static gint64
to_usec (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

static GDateTime *
scheduler_now (BvReminderScheduler *self)
{
  if (self->now_func)
    return self->now_func (self->now_data);
  return g_date_time_new_now_local ();
}

static char *
state_key (BvPlannedOccurrence *planned)
{
  return g_strconcat (bv_meeting_get_id (planned->meeting), "\n",
                      planned->occurrence->recurrence_id, NULL);
}

static GDateTime *
window_start (BvReminderScheduler *self,
              BvOccurrence        *occurrence)
{
  return g_date_time_add_minutes (occurrence->start, - (int) self->lead_minutes);
}

static gboolean
has_joined (BvReminderScheduler *self,
            const char          *meeting_id,
            BvOccurrence        *occurrence)
{
  gint64 *joined_at = g_hash_table_lookup (self->joined, meeting_id);
  g_autoptr(GDateTime) begin = NULL;

  if (!joined_at)
    return FALSE;

  /* Joining a little before the window counts: some open their room
   * early to set up the slides. */
  begin = g_date_time_add_minutes (occurrence->start, - (int) self->lead_minutes - 60);
  return *joined_at >= to_usec (begin) &&
         *joined_at < to_usec (occurrence->end);
}

static gboolean
server_supports_expiry (BvServer *server)
{
  g_autoptr(BvBbbVersion) version = _bv_bbb_version_new (bv_server_get_api_version (server),
                                                         bv_server_get_bbb_version (server),
                                                         NULL);

  return bv_bbb_version_supports_expiry (version);
}

/* Only domain and code: messages may name servers or meetings. */
static void
log_failure (const char   *what,
             const GError *error)
{
  g_debug ("Scheduler: %s failed (%s %d)", what,
           g_quark_to_string (error->domain), error->code);
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RoomOpening) op = user_data;
  g_autoptr(BvBbbMeeting) room = NULL;
  g_autoptr(GError) error = NULL;
  OccurrenceState *state;

  room = bv_bbb_client_create_finish (BV_BBB_CLIENT (object), result, &error);
  if (!room && bv_join_retry_without_voice_bridge (op->query, error))
    {
      op->self->request_count++;
      bv_bbb_client_create_async (op->client, op->query, op->slides, op->self->cancellable,
                                  created_cb, g_steal_pointer (&op));
      return;
    }
  if (!room)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        log_failure ("create", error);
      return;
    }
  bv_join_note_dial_number (op->server, room);

  state = g_hash_table_lookup (op->self->states, op->key);
  if (state)
    state->created = TRUE;
  g_signal_emit (op->self, signals[SIGNAL_ROOM_CREATED], 0, op->meeting, op->occurrence);
}

static void
send_create (RoomOpening *op,
             GBytes      *slides)
{
  BvBbbQuery *query = bv_join_build_create_query (op->meeting);

  if (server_supports_expiry (op->server))
    {
      g_autoptr(GDateTime) now = scheduler_now (op->self);
      GTimeSpan until_start = g_date_time_difference (op->occurrence->start, now);
      gint64 minutes = MAX (0, (until_start + G_TIME_SPAN_MINUTE - 1) / G_TIME_SPAN_MINUTE);

      /* The room waits for its first participant until well after the
       * start; the default (5 minutes) would close it before anyone came. */
      bv_bbb_query_add_int (query, "meetingExpireIfNoUserJoinedInMinutes",
                            minutes + BV_REMINDER_SCHEDULER_EXPIRY_GRACE_MINUTES);
    }

  op->query = query;
  op->slides = slides ? g_bytes_ref (slides) : NULL;
  op->self->request_count++;
  bv_bbb_client_create_async (op->client, query, slides, op->self->cancellable,
                              created_cb, op);
}

static void
read_slides_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  char *body;

  body = bv_join_build_slides_body ((const char * const *) task_data, cancellable, &error);
  if (!body)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_bytes_new_take (body, strlen (body)),
                           (GDestroyNotify) g_bytes_unref);
}

static void
slides_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RoomOpening *op = user_data;
  g_autoptr(GBytes) slides = NULL;
  g_autoptr(GError) error = NULL;

  slides = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      operation_free (op);
      return;
    }
  /* The room opens on time all the same; the join flow reports the
   * slides when the user joins. */
  if (!slides)
    log_failure ("reading the slides", error);

  send_create (op, slides);
}

static void
meeting_info_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RoomOpening) op = user_data;
  g_autoptr(BvBbbMeeting) room = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *user_id = NULL;
  OccurrenceState *state;
  GListModel *attendees;
  guint participants;

  room = bv_bbb_client_get_meeting_info_finish (BV_BBB_CLIENT (object), result, &error);
  state = g_hash_table_lookup (op->self->states, op->key);
  if (!room)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Expired before anyone came: the next minute creates it again,
       * within the budget. A room that people used and then ended stays
       * closed, or the scheduler would open it again behind the back of
       * the moderator who ended it. */
      if (bv_bbb_error_is_room_gone (error) && state)
        {
          state->created = FALSE;
          state->finished = state->used;
        }
      else
        log_failure ("getMeetingInfo", error);
      return;
    }

  participants = bv_bbb_meeting_get_participant_count (room);
  if (state && (participants > 0 || bv_bbb_meeting_has_user_joined (room)))
    state->used = TRUE;
  if (!state || participants == 0 || state->waiting_told)
    return;

  /* The user may have joined in another way (a link, another device
   * with this app's userID). */
  user_id = bv_join_get_user_id ();
  attendees = bv_bbb_meeting_get_attendees (room);
  for (guint i = 0; attendees && i < g_list_model_get_n_items (attendees); i++)
    {
      g_autoptr(BvBbbAttendee) attendee = g_list_model_get_item (attendees, i);

      if (g_strcmp0 (bv_bbb_attendee_get_user_id (attendee), user_id) == 0)
        {
          bv_reminder_scheduler_mark_joined (op->self, bv_meeting_get_id (op->meeting));
          return;
        }
    }

  state->waiting_told = TRUE;
  g_signal_emit (op->self, signals[SIGNAL_SOMEONE_WAITING], 0,
                 op->meeting, op->occurrence, participants);
}

static void
client_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RoomOpening *op = user_data;
  g_autoptr(GError) error = NULL;
  const char * const *slides;

  op->client = bv_server_client_open_finish (result, &error);
  if (!op->client)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        log_failure ("opening the server", error);
      operation_free (op);
      return;
    }

  if (!op->create)
    {
      op->self->request_count++;
      bv_bbb_client_get_meeting_info_async (op->client, bv_meeting_get_bbb_meeting_id (op->meeting),
                                            op->self->cancellable, meeting_info_cb, op);
      return;
    }

  /* Slides go with the first create: a later create (the join) finds the
   * room open and would not add them. */
  slides = bv_meeting_get_slides (op->meeting);
  if (slides && slides[0])
    {
      g_autoptr(GTask) task = g_task_new (NULL, op->self->cancellable, slides_read_cb, op);

      g_task_set_source_tag (task, client_opened_cb);
      g_task_set_task_data (task, g_strdupv ((char **) slides), (GDestroyNotify) g_strfreev);
      g_task_run_in_thread (task, read_slides_thread);
      return;
    }

  send_create (op, NULL);
}

static void
start_operation (BvReminderScheduler *self,
                 BvServer            *server,
                 BvPlannedOccurrence *planned,
                 const char          *key,
                 OccurrenceState     *state)
{
  RoomOpening *op = g_new0 (RoomOpening, 1);

  op->self = g_object_ref (self);
  op->server = g_object_ref (server);
  op->meeting = g_object_ref (planned->meeting);
  op->occurrence = bv_occurrence_copy (planned->occurrence);
  op->key = g_strdup (key);
  op->create = !state->created;
  state->busy = TRUE;
  self->n_pending++;

  bv_server_client_open_async (server, self->cancellable, client_opened_cb, op);
}

static gboolean
may_send (BvReminderScheduler *self,
          const char          *meeting_id,
          GDateTime           *now)
{
  gint64 *last = g_hash_table_lookup (self->last_request, meeting_id);

  return !last || to_usec (now) - *last >= MIN_REQUEST_GAP;
}

static void
handle_occurrence (BvReminderScheduler *self,
                   BvPlannedOccurrence *planned,
                   GDateTime           *now)
{
  const char *meeting_id = bv_meeting_get_id (planned->meeting);
  const char *server_id = bv_meeting_get_server_id (planned->meeting);
  g_autofree char *key = state_key (planned);
  g_autoptr(GDateTime) begin = window_start (self, planned->occurrence);
  g_autoptr(BvServer) server = NULL;
  OccurrenceState *state;

  if (g_date_time_compare (now, begin) < 0 ||
      g_date_time_compare (now, planned->occurrence->end) >= 0)
    return;

  state = g_hash_table_lookup (self->states, key);
  if (!state)
    {
      state = g_new0 (OccurrenceState, 1);
      state->meeting_id = g_strdup (meeting_id);
      state->end = g_date_time_ref (planned->occurrence->end);
      g_hash_table_insert (self->states, g_strdup (key), state);
    }

  if (!state->reminded)
    {
      state->reminded = TRUE;
      g_signal_emit (self, signals[SIGNAL_REMINDER], 0, planned->meeting, planned->occurrence);
    }

  if (state->busy || state->finished)
    return;
  /* Once the user is in, the room is open and nobody waits for them. */
  if (state->created && has_joined (self, meeting_id, planned->occurrence))
    return;
  if (!server_id || !*server_id)
    return;
  server = bv_context_find_server (self->manager, server_id);
  if (!server || !may_send (self, meeting_id, now))
    return;

  g_hash_table_insert (self->last_request, g_strdup (meeting_id),
                       time_new (to_usec (now)));
  start_operation (self, server, planned, key, state);
}

static void
forget_past (BvReminderScheduler *self,
             GDateTime           *now)
{
  GHashTableIter iter;
  OccurrenceState *state;

  g_hash_table_iter_init (&iter, self->states);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &state))
    if (!state->busy && g_date_time_compare (state->end, now) <= 0)
      g_hash_table_iter_remove (&iter);
}

static gboolean
due_cb (gpointer user_data)
{
  BvReminderScheduler *self = user_data;

  self->due_id = 0;
  bv_reminder_scheduler_tick (self);
  return G_SOURCE_REMOVE;
}

/* The 60 s tick is late by up to a minute; the next window's beginning
 * gets a timeout of its own so the room is there on the minute. */
static void
schedule_next_due (BvReminderScheduler *self,
                   GDateTime           *now)
{
  g_autoptr(GDateTime) until = g_date_time_add_seconds (now, TICK_SECONDS + self->lead_minutes * 60);
  g_autoptr(GPtrArray) planned = NULL;
  GTimeSpan wait = -1;

  g_clear_handle_id (&self->due_id, g_source_remove);
  if (!self->tick_id)
    return;

  planned = bv_planned_dates_list (bv_context_get_database (self->manager), now, until);
  for (guint i = 0; i < planned->len; i++)
    {
      BvPlannedOccurrence *p = g_ptr_array_index (planned, i);
      g_autoptr(GDateTime) begin = window_start (self, p->occurrence);
      GTimeSpan span = g_date_time_difference (begin, now);

      if (span > 0 && (wait < 0 || span < wait))
        wait = span;
    }

  if (wait > 0 && wait < TICK_SECONDS * G_TIME_SPAN_SECOND)
    self->due_id = g_timeout_add ((guint) ((wait + 999) / 1000), due_cb, self);
}

static gboolean
tick_cb (gpointer user_data)
{
  bv_reminder_scheduler_tick (user_data);
  return G_SOURCE_CONTINUE;
}

static void
meetings_changed_cb (BvReminderScheduler *self)
{
  if (self->tick_id)
    bv_reminder_scheduler_tick (self);
}

static void
bv_reminder_scheduler_dispose (GObject *object)
{
  BvReminderScheduler *self = BV_REMINDER_SCHEDULER (object);

  bv_reminder_scheduler_stop (self);
  g_clear_signal_handler (&self->meetings_changed_id, self->meetings);
  g_clear_object (&self->meetings);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (bv_reminder_scheduler_parent_class)->dispose (object);
}

static void
bv_reminder_scheduler_finalize (GObject *object)
{
  BvReminderScheduler *self = BV_REMINDER_SCHEDULER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->states, g_hash_table_unref);
  g_clear_pointer (&self->last_request, g_hash_table_unref);
  g_clear_pointer (&self->joined, g_hash_table_unref);

  G_OBJECT_CLASS (bv_reminder_scheduler_parent_class)->finalize (object);
}

static void
bv_reminder_scheduler_class_init (BvReminderSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bv_reminder_scheduler_dispose;
  object_class->finalize = bv_reminder_scheduler_finalize;

  signals[SIGNAL_REMINDER] =
    g_signal_new ("reminder", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  BV_TYPE_MEETING, BV_TYPE_OCCURRENCE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SIGNAL_ROOM_CREATED] =
    g_signal_new ("room-created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  BV_TYPE_MEETING, BV_TYPE_OCCURRENCE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SIGNAL_SOMEONE_WAITING] =
    g_signal_new ("someone-waiting", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  BV_TYPE_MEETING, BV_TYPE_OCCURRENCE | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_UINT);
}

static void
bv_reminder_scheduler_init (BvReminderScheduler *self)
{
  self->cancellable = g_cancellable_new ();
  self->lead_minutes = BV_REMINDER_SCHEDULER_DEFAULT_LEAD_MINUTES;
  self->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) occurrence_state_free);
  self->last_request = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->joined = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

BvReminderScheduler *
bv_reminder_scheduler_new (BvContext *manager)
{
  BvReminderScheduler *self;

  g_return_val_if_fail (BV_IS_CONTEXT (manager), NULL);

  self = g_object_new (BV_TYPE_REMINDER_SCHEDULER, NULL);
  self->manager = g_object_ref (manager);
  self->meetings = g_object_ref (bv_database_get_meetings (bv_context_get_database (manager)));
  self->meetings_changed_id = g_signal_connect_swapped (self->meetings, "items-changed",
                                                        G_CALLBACK (meetings_changed_cb), self);
  return self;
}

void
bv_reminder_scheduler_set_clock (BvReminderScheduler          *self,
                                 BvReminderSchedulerClockFunc  now_func,
                                 gpointer                      data)
{
  g_return_if_fail (BV_IS_REMINDER_SCHEDULER (self));

  self->now_func = now_func;
  self->now_data = now_func ? data : NULL;
}

void
bv_reminder_scheduler_set_lead_minutes (BvReminderScheduler *self,
                                        guint                minutes)
{
  g_return_if_fail (BV_IS_REMINDER_SCHEDULER (self));

  if (self->lead_minutes == minutes)
    return;
  self->lead_minutes = minutes;
  if (self->tick_id)
    bv_reminder_scheduler_tick (self);
}

guint
bv_reminder_scheduler_get_lead_minutes (BvReminderScheduler *self)
{
  g_return_val_if_fail (BV_IS_REMINDER_SCHEDULER (self), 0);

  return self->lead_minutes;
}

void
bv_reminder_scheduler_start (BvReminderScheduler *self)
{
  g_return_if_fail (BV_IS_REMINDER_SCHEDULER (self));

  if (self->tick_id)
    return;
  self->tick_id = g_timeout_add_seconds (TICK_SECONDS, tick_cb, self);
  bv_reminder_scheduler_tick (self);
}

void
bv_reminder_scheduler_stop (BvReminderScheduler *self)
{
  g_return_if_fail (BV_IS_REMINDER_SCHEDULER (self));

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->due_id, g_source_remove);
  /* Requests under way hold a reference; cancelling them lets the owner
   * drop the scheduler now. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

gboolean
bv_reminder_scheduler_is_running (BvReminderScheduler *self)
{
  g_return_val_if_fail (BV_IS_REMINDER_SCHEDULER (self), FALSE);

  return self->tick_id != 0;
}

void
bv_reminder_scheduler_tick (BvReminderScheduler *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GPtrArray) planned = NULL;

  g_return_if_fail (BV_IS_REMINDER_SCHEDULER (self));

  if (!self->manager)
    return;

  g_object_ref (self);
  now = scheduler_now (self);
  /* Everything whose window contains now: start - lead <= now < end. */
  until = g_date_time_add (now, self->lead_minutes * G_TIME_SPAN_MINUTE + 1);
  planned = bv_planned_dates_list (bv_context_get_database (self->manager), now, until);

  for (guint i = 0; i < planned->len && self->manager; i++)
    handle_occurrence (self, g_ptr_array_index (planned, i), now);

  forget_past (self, now);
  if (self->manager)
    schedule_next_due (self, now);
  g_object_unref (self);
}

void
bv_reminder_scheduler_mark_joined (BvReminderScheduler *self,
                                   const char          *meeting_id)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (BV_IS_REMINDER_SCHEDULER (self));
  g_return_if_fail (meeting_id);

  now = scheduler_now (self);
  g_hash_table_insert (self->joined, g_strdup (meeting_id),
                       time_new (to_usec (now)));
}

guint
bv_reminder_scheduler_get_request_count (BvReminderScheduler *self)
{
  g_return_val_if_fail (BV_IS_REMINDER_SCHEDULER (self), 0);

  return self->request_count;
}

guint
bv_reminder_scheduler_get_n_pending (BvReminderScheduler *self)
{
  g_return_val_if_fail (BV_IS_REMINDER_SCHEDULER (self), 0);

  return self->n_pending;
}
