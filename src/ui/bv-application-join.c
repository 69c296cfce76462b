/* bv-application-join.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-application-private.h"
#include "bv-join.h"
#include "bv-planned-dates.h"
#include "bv-reminder-scheduler.h"

/* Joining
 *
 * Every join the UI asks for runs here: the pages activate app.join-meeting
 * or app.join-room and follow the join through the context's
 * BvJoinTracker, which also tells whether a page showed a failure. */

typedef struct
{
  BvApplication *app;  /* held while the join runs */
  char          *title;
  char          *meeting_id;
  char          *key;  /* the tracker's, once the join is tracked */
  char          *link;  /* without a display: the link not opened */
} MeetingJoin;

static void
meeting_join_free (MeetingJoin *join)
{
  g_free (join->title);
  g_free (join->meeting_id);
  g_free (join->key);
  g_free (join->link);
  g_application_release (G_APPLICATION (join->app));
  g_object_unref (join->app);
  g_free (join);
}

static MeetingJoin *
meeting_join_new (GTask         *task,
                  BvApplication *self)
{
  MeetingJoin *join = g_new0 (MeetingJoin, 1);

  join->app = g_object_ref (self);
  /* Keeps a locally started app alive until the browser is open. */
  g_application_hold (G_APPLICATION (self));
  g_task_set_task_data (task, join, (GDestroyNotify) meeting_join_free);
  return join;
}

static void
track_join (BvApplication *self,
            MeetingJoin   *join,
            const char    *key)
{
  if (!bv_application_get_context (self) || join->key)
    return;
  join->key = g_strdup (key);
  bv_join_tracker_begin (bv_context_get_join_tracker (bv_application_get_context (self)), key);
}

/* Whether a page that asked for the join has said how it ended. */
static gboolean
end_tracked_join (BvApplication *self,
                  MeetingJoin   *join,
                  const GError  *error)
{
  g_autofree char *key = g_steal_pointer (&join->key);

  if (!key)
    return FALSE;
  return bv_join_tracker_end (bv_context_get_join_tracker (bv_application_get_context (self)), key, error);
}

static void
join_failed (GTask  *task,
             GError *error)
{
  BvApplication *self = g_task_get_source_object (task);
  g_autoptr(GNotification) notification = NULL;

  /* Without a display the one who asked reads the terminal. */
  if (bv_application_is_headless (self))
    {
      end_tracked_join (self, g_task_get_task_data (task), error);
      g_task_return_error (task, error);
      return;
    }

  if (!end_tracked_join (self, g_task_get_task_data (task), error))
    {
      /* Launchers have no terminal: say it where the user looks. */
      notification = g_notification_new (_("Joining the meeting failed"));
      g_notification_set_body (notification, error->message);
      g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
      g_application_send_notification (G_APPLICATION (self), "join-failed", notification);
    }
  g_task_return_error (task, error);
}

static void
meeting_joined_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BvApplication *self = g_task_get_source_object (task);
  MeetingJoin *join = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean done;

  if (bv_application_is_headless (self))
    done = (join->link = bv_join_get_link_finish (result, &error)) != NULL;
  else
    done = bv_join_run_finish (result, &error);
  if (!done)
    {
      join_failed (task, error);
      return;
    }

  /* The scheduler then does not open the room once more. */
  if (bv_application_get_scheduler (self))
    bv_reminder_scheduler_mark_joined (bv_application_get_scheduler (self), join->meeting_id);
  end_tracked_join (self, join, NULL);
  g_task_return_pointer (task, g_strdup (join->title), g_free);
}

/* The launch context of the display, if there is one, so that the
 * browser starts where the user clicked (startup notification). */
static GAppLaunchContext *
new_launch_context (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  return display ? G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (display)) : NULL;
}

static void
join_meeting (BvApplication       *self,
              const char          *which,
              GAppLaunchContext   *launch_context,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autofree char *display_name = NULL;
  BvDatabase *database;
  MeetingJoin *join;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_application_join_meeting_async);
  join = meeting_join_new (task, self);

  /* A page that asked for this meeting hears of every outcome, also of a
   * meeting deleted meanwhile. */
  if (!g_str_equal (which, "next"))
    track_join (self, join, which);

  if (bv_application_get_database_error (self))
    {
      join_failed (task, g_error_copy (bv_application_get_database_error (self)));
      return;
    }

  database = bv_context_get_database (bv_application_get_context (self));
  if (g_str_equal (which, "next"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(BvPlannedOccurrence) next = bv_planned_dates_find_next (database, now);

      if (next)
        meeting = g_object_ref (next->meeting);
    }
  else
    meeting = bv_database_find_meeting (database, which);

  if (!meeting)
    {
      if (g_str_equal (which, "next"))
        join_failed (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                                _("No meeting is planned. Plan one in the app first.")));
      else
        /* Translators: %s is what the user passed to --join. */
        join_failed (task, g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                        _("There is no meeting “%s”. bbb-vereine --list-meetings shows "
                                          "the meetings and their identifiers."), which));
      return;
    }

  if (bv_meeting_get_server_id (meeting))
    server = bv_context_find_server (bv_application_get_context (self), bv_meeting_get_server_id (meeting));

  join->title = g_strdup (bv_meeting_get_title (meeting));
  join->meeting_id = g_strdup (bv_meeting_get_id (meeting));
  track_join (self, join, join->meeting_id);
  display_name = g_settings_get_string (bv_application_get_settings (self), "display-name");
  if (bv_application_is_headless (self))
    bv_join_get_link_async (bv_application_get_context (self), server, meeting, display_name, NULL, cancellable,
                            meeting_joined_cb, g_steal_pointer (&task));
  else
    bv_join_run_async (bv_application_get_context (self), server, meeting, display_name, NULL, launch_context,
                       cancellable, meeting_joined_cb, g_steal_pointer (&task));
}

void
bv_application_join_meeting_async (BvApplication       *self,
                                   const char          *which,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (BV_IS_APPLICATION (self));
  g_return_if_fail (which);

  join_meeting (self, which, NULL, cancellable, callback, user_data);
}

char *
bv_application_join_meeting_finish (BvApplication  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
bv_application_join_meeting_dup_link (BvApplication *self,
                                      GAsyncResult  *result)
{
  MeetingJoin *join;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  join = g_task_get_task_data (G_TASK (result));
  return g_strdup (join->link);
}

void
_bv_application_join_meeting_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  BvApplication *self = user_data;
  const char *meeting_id = g_variant_get_string (parameter, NULL);
  g_autofree char *reminder = g_strconcat ("reminder-", meeting_id, NULL);
  g_autofree char *waiting = g_strconcat ("waiting-", meeting_id, NULL);
  g_autoptr(GAppLaunchContext) launch_context = new_launch_context ();

  g_application_withdraw_notification (G_APPLICATION (self), reminder);
  g_application_withdraw_notification (G_APPLICATION (self), waiting);
  /* A failure is a page's dialog or a notification already; nobody else
   * waits for it. */
  join_meeting (self, meeting_id, launch_context, bv_application_get_cancellable (self), NULL, NULL);
}

static void
room_joined_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BvApplication *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!bv_join_run_room_finish (result, &error))
    {
      join_failed (task, error);
      return;
    }

  end_tracked_join (self, g_task_get_task_data (task), NULL);
  g_task_return_boolean (task, TRUE);
}

/* A room that runs on a server but is none of our planned meetings (Live):
 * the parameter is the server's id and the room's BBB meetingID. */
void
_bv_application_join_room_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  BvApplication *self = user_data;
  g_autoptr(GTask) task = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(GAppLaunchContext) launch_context = NULL;
  g_autofree char *key = NULL;
  g_autofree char *display_name = NULL;
  const char *server_id, *bbb_meeting_id;
  MeetingJoin *join;

  g_variant_get (parameter, "(&s&s)", &server_id, &bbb_meeting_id);
  if (!*bbb_meeting_id)
    return;

  task = g_task_new (self, bv_application_get_cancellable (self), NULL, NULL);
  g_task_set_source_tag (task, _bv_application_join_room_action);
  join = meeting_join_new (task, self);
  key = bv_join_tracker_room_key (server_id, bbb_meeting_id);
  track_join (self, join, key);

  if (bv_application_get_database_error (self))
    {
      join_failed (task, g_error_copy (bv_application_get_database_error (self)));
      return;
    }

  server = bv_context_find_server (bv_application_get_context (self), server_id);
  if (!server)
    {
      join_failed (task,
                   g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                        _("The server of this meeting no longer exists.")));
      return;
    }

  launch_context = new_launch_context ();
  display_name = g_settings_get_string (bv_application_get_settings (self), "display-name");
  bv_join_run_room_async (bv_application_get_context (self), server, bbb_meeting_id, display_name, NULL,
                          launch_context, bv_application_get_cancellable (self), room_joined_cb,
                          g_steal_pointer (&task));
}
