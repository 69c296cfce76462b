/* bv-live-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-live-monitor.h"
#include "bv-live-page.h"
#include "bv-live-page-private.h"
#include "bv-live-rows.h"
#include "bv-names-dialog.h"
#include "bv-server-client.h"
#include "bv-ui-utils.h"

/* The page shows what core/bv-live-monitor learns: it polls, keeps the
 * list and the selected meeting's people, and says when a meeting has
 * ended; the page watches it while it is on screen. */

struct _BvLivePage
{
  AdwBin           parent_instance;

  GtkDropDown     *server_dropdown;
  GtkLabel        *updated_label;
  GtkStack        *refresh_stack;
  GtkSpinner      *refresh_spinner;
  GtkRevealer     *notice_revealer;
  GtkLabel        *notice_label;
  GtkStack        *stack;
  GtkSpinner      *loading_spinner;
  AdwStatusPage   *offline_page;
  AdwStatusPage   *live_empty;
  AdwLeaflet      *leaflet;
  GtkWidget       *meetings_scroller;
  GtkListBox      *meetings_list;
  GtkWidget       *detail_box;
  GtkButton       *back_button;
  GtkStack        *detail_stack;
  GtkLabel        *detail_title;
  GtkLabel        *detail_summary;
  GtkRevealer     *detail_notice_revealer;
  GtkLabel        *detail_notice_label;
  GtkBox          *progress_box;
  GtkSpinner      *progress_spinner;
  GtkLabel        *progress_label;
  GtkListBox      *attendees_list;

  BvContext *manager;
  BvLiveMonitor   *monitor;
  GSettings       *settings;
  GListModel      *servers;
  gulong           servers_changed_id;
  char            *server_id;       /* the server shown */
  gboolean         syncing_dropdown;

  BvLiveMeetingRows  *rows;
  BvLiveAttendeeRows *attendee_rows;
  gboolean         updating_list;

  BvLivePageTimerFunc add_timer;   /* g_timeout_add_seconds but in tests */
  GCancellable    *action_cancellable;
  gboolean         busy;            /* joining or ending */
  BvJoinTracker   *joins;           /* the application runs them */
  char            *asked;           /* the join this page asked for */
};

G_DEFINE_FINAL_TYPE (BvLivePage, bv_live_page, ADW_TYPE_BIN)

static void start_refresh (BvLivePage *self,
                           gboolean    restart);

static BvServer *
current_server (BvLivePage *self)
{
  if (!self->manager || !self->server_id)
    return NULL;
  return bv_context_find_server (self->manager, self->server_id);
}

static const char *
selected_id (BvLivePage *self)
{
  return self->monitor ? bv_live_monitor_get_selected_id (self->monitor) : NULL;
}

static BvBbbMeeting *
detail (BvLivePage *self)
{
  return self->monitor ? bv_live_monitor_get_detail (self->monitor) : NULL;
}

static gboolean
have_list (BvLivePage *self)
{
  return self->monitor && bv_live_monitor_get_have_list (self->monitor);
}

static GtkWindow *
get_window (BvLivePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_message (BvLivePage *self,
              const char *heading,
              const char *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_actions (BvLivePage *self)
{
  gboolean can_act = selected_id (self) && detail (self) && !self->busy;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "live.join", can_act);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "live.end", can_act);
}

static void
show_progress (BvLivePage *self,
               const char *text)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), text != NULL);
  if (text)
    {
      gtk_label_set_text (self->progress_label, text);
      gtk_spinner_start (self->progress_spinner);
    }
  else
    gtk_spinner_stop (self->progress_spinner);
}

/* the people in the selected meeting */

static void
show_detail (BvLivePage *self)
{
  g_autofree char *summary = NULL;

  if (!detail (self))
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      bv_live_attendee_rows_update (self->attendee_rows, NULL);
      update_actions (self);
      return;
    }

  gtk_label_set_text (self->detail_title, bv_live_meeting_name (detail (self)));
  summary = bv_live_describe_meeting (detail (self));
  gtk_label_set_text (self->detail_summary, summary);
  bv_live_attendee_rows_update (self->attendee_rows, bv_bbb_meeting_get_attendees (detail (self)));
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  update_actions (self);
}

static void
select_meeting (BvLivePage   *self,
                BvBbbMeeting *meeting)
{
  const char *id = meeting ? bv_bbb_meeting_get_meeting_id (meeting) : NULL;

  if (!self->monitor)
    return;
  if (bv_live_monitor_select (self->monitor, id, meeting))
    gtk_revealer_set_reveal_child (self->detail_notice_revealer, FALSE);
  show_detail (self);
}

/* the list of running meetings */

/* Updates the rows in place: selection, keyboard focus and a screen
 * reader's position survive a refresh. */
static void
show_list (BvLivePage *self,
           GListModel *meetings)
{
  guint n = g_list_model_get_n_items (meetings);
  const char *id = selected_id (self);
  GtkListBoxRow *row;

  self->updating_list = TRUE;
  bv_live_meeting_rows_update (self->rows, meetings);

  row = id ? bv_live_meeting_rows_find (self->rows, id) : NULL;
  if (row)
    {
      if (gtk_list_box_get_selected_row (self->meetings_list) != row)
        gtk_list_box_select_row (self->meetings_list, row);
      /* As fresh as the detail's own answer, and the two then agree. */
      select_meeting (self, bv_live_meeting_rows_get_meeting (self->rows, row));
    }
  else if (id && !self->busy)
    {
      gtk_list_box_unselect_all (self->meetings_list);
      select_meeting (self, NULL);
    }

  self->updating_list = FALSE;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  if (n == 0)
    adw_leaflet_set_visible_child (self->leaflet, self->meetings_scroller);
  bv_ui_fix_accessible_names (GTK_WIDGET (self->meetings_list));
}

static void
clear_list (BvLivePage *self)
{
  g_autoptr(GListStore) empty = g_list_store_new (BV_TYPE_BBB_MEETING);

  show_list (self, G_LIST_MODEL (empty));
  show_detail (self);
  gtk_label_set_text (self->updated_label, "");
  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
}

static void
set_fetching (BvLivePage *self,
              gboolean    fetching)
{
  gtk_stack_set_visible_child_name (self->refresh_stack, fetching ? "spinner" : "button");
  if (fetching)
    gtk_spinner_start (self->refresh_spinner);
  else
    gtk_spinner_stop (self->refresh_spinner);
}

static void
show_fetch_error (BvLivePage   *self,
                  BvServer     *server,
                  const GError *error)
{
  const char *name = server ? bv_server_get_name (server) : "";
  g_autofree char *text = NULL;

  if (bv_server_client_is_unreachable (error))
    /* Translators: %1$s is the name of a conference server, %2$s advice. */
    text = g_strdup_printf (_("“%1$s” cannot be reached. %2$s"), name, error->message);
  else
    /* Translators: %1$s is the name of a conference server, %2$s what went wrong. */
    text = g_strdup_printf (_("“%1$s” could not say which meetings are running. %2$s"), name, error->message);

  if (have_list (self))
    {
      /* The last good list stays; the notice says it is old. */
      g_autofree char *notice = g_strdup_printf ("%s %s", text,
                                                 _("The list shows the state of the last successful update."));

      gtk_label_set_text (self->notice_label, notice);
      gtk_revealer_set_reveal_child (self->notice_revealer, TRUE);
      return;
    }

  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
  {
    /* a status page's description is markup; the text may name a server */
    g_autofree char *escaped = g_markup_escape_text (text, -1);
    adw_status_page_set_description (self->offline_page, escaped);
  }
  gtk_stack_set_visible_child_name (self->stack, "offline");
}

/* what the monitor says */

static void
fetching_cb (BvLiveMonitor *monitor,
             GParamSpec    *pspec,
             BvLivePage    *self)
{
  gboolean fetching = bv_live_monitor_get_fetching (monitor);

  set_fetching (self, fetching);
  if (fetching && !have_list (self))
    gtk_stack_set_visible_child_name (self->stack, "loading");
}

static void
server_missing_cb (BvLiveMonitor *monitor,
                   BvLivePage    *self)
{
  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "no-server");
}

static void
list_failed_cb (BvLiveMonitor *monitor,
                const GError  *error,
                BvLivePage    *self)
{
  g_autoptr(BvServer) server = current_server (self);

  show_fetch_error (self, server, error);
}

static void
list_updated_cb (BvLiveMonitor *monitor,
                 BvLivePage    *self)
{
  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
  show_list (self, bv_live_monitor_get_meetings (monitor));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *time = g_date_time_format (now, "%H:%M:%S");
    g_autofree char *text = NULL;
    gboolean planned_only = bv_live_monitor_get_planned_only (monitor);

    if (planned_only)
      /* Translators: e.g. "Updated at 19:05:12 · your meetings of today"; the
       * server (a Scalelite) does not list other people's meetings. */
      text = g_strdup_printf (_("Updated at %s · your meetings of today"), time);
    else
      /* Translators: when the list of running meetings was last asked for, e.g. "Updated at 19:05:12". */
      text = g_strdup_printf (_("Updated at %s"), time);
    gtk_label_set_text (self->updated_label, text);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->updated_label),
                                 planned_only ? _("This server does not list the meetings running on it, "
                                                  "so the page shows which of your meetings planned for "
                                                  "today are running. Rooms others started are missing.")
                                              : NULL);
    adw_status_page_set_description (self->live_empty,
                                     planned_only ? _("None of your meetings planned for today is running. "
                                                      "This server does not list other meetings, so rooms "
                                                      "others started do not appear here.")
                                                  : _("Meetings that are running on your conference server "
                                                      "right now appear here, with the people taking part. "
                                                      "Start a meeting from the Upcoming page."));
  }
}

static void
detail_updated_cb (BvLiveMonitor *monitor,
                   BvLivePage    *self)
{
  gtk_revealer_set_reveal_child (self->detail_notice_revealer, FALSE);
  show_detail (self);
}

static void
detail_ended_cb (BvLiveMonitor *monitor,
                 BvLivePage    *self)
{
  gtk_label_set_text (self->detail_notice_label,
                      _("This meeting has ended. It disappears from the list with the next update."));
  gtk_revealer_set_reveal_child (self->detail_notice_revealer, TRUE);
}

static void
detail_failed_cb (BvLiveMonitor *monitor,
                  const GError  *error,
                  BvLivePage    *self)
{
  /* Translators: %s says what went wrong and what to do. */
  g_autofree char *text = g_strdup_printf (_("The people in this meeting could not be updated. %s"),
                                           error->message);

  gtk_label_set_text (self->detail_notice_label, text);
  gtk_revealer_set_reveal_child (self->detail_notice_revealer, TRUE);
}

static gboolean
is_on_screen_cb (gpointer data)
{
  return bv_ui_widget_is_on_screen (GTK_WIDGET (data));
}

static void
start_refresh (BvLivePage *self,
               gboolean    restart)
{
  if (self->monitor && bv_ui_widget_is_on_screen (GTK_WIDGET (self)))
    bv_live_monitor_refresh (self->monitor, restart);
}

/* selection */

static void
row_selected_cb (GtkListBox    *box,
                 GtkListBoxRow *list_row,
                 BvLivePage    *self)
{
  BvBbbMeeting *meeting;

  if (self->updating_list)
    return;

  meeting = bv_live_meeting_rows_get_meeting (self->rows, list_row);
  select_meeting (self, meeting);
  if (meeting && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->detail_box);
}

static void
back_clicked_cb (GtkButton  *button,
                 BvLivePage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* servers */

static void
change_server (BvLivePage *self,
               const char *server_id)
{
  g_free (self->server_id);
  self->server_id = g_strdup (server_id);
  if (self->monitor)
    bv_live_monitor_set_server_id (self->monitor, server_id);
  clear_list (self);
  start_refresh (self, TRUE);
}

static void
sync_dropdown (BvLivePage *self)
{
  guint n = self->servers ? g_list_model_get_n_items (self->servers) : 0;
  g_autofree char *wanted = NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  /* The server shown stays; else the default one; else the first. */
  wanted = g_strdup (self->server_id);
  for (int pass = 0; pass < 2 && position == GTK_INVALID_LIST_POSITION; pass++)
    {
      if (pass == 1)
        {
          g_free (wanted);
          wanted = self->settings ? g_settings_get_string (self->settings, "default-server") : NULL;
        }
      for (guint i = 0; wanted && i < n; i++)
        {
          g_autoptr(BvServer) server = g_list_model_get_item (self->servers, i);

          if (g_strcmp0 (bv_server_get_id (server), wanted) == 0)
            {
              position = i;
              break;
            }
        }
    }
  if (position == GTK_INVALID_LIST_POSITION && n > 0)
    position = 0;

  self->syncing_dropdown = TRUE;
  gtk_drop_down_set_selected (self->server_dropdown, position);
  self->syncing_dropdown = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->server_dropdown), n > 1);

  {
    g_autoptr(BvServer) server = position != GTK_INVALID_LIST_POSITION ? g_list_model_get_item (self->servers, position) : NULL;
    const char *id = server ? bv_server_get_id (server) : NULL;

    if (g_strcmp0 (id, self->server_id) != 0)
      {
        change_server (self, id);
      }
    else if (!server)
      start_refresh (self, TRUE);
  }
}

static void
dropdown_selected_cb (GtkDropDown *dropdown,
                      GParamSpec  *pspec,
                      BvLivePage  *self)
{
  guint position = gtk_drop_down_get_selected (dropdown);
  g_autoptr(BvServer) server = NULL;

  if (self->syncing_dropdown || position == GTK_INVALID_LIST_POSITION)
    return;

  server = g_list_model_get_item (self->servers, position);
  if (!server || g_strcmp0 (bv_server_get_id (server), self->server_id) == 0)
    return;

  change_server (self, bv_server_get_id (server));
}

static void
servers_changed_cb (GListModel *model,
                    guint       position,
                    guint       removed,
                    guint       added,
                    BvLivePage *self)
{
  sync_dropdown (self);
}

/* join */

/* The application runs the join (app.join-meeting, app.join-room); the
 * context's tracker says how the one this page asked for ended. */
static gboolean
join_ended_cb (BvJoinTracker *tracker,
               const char    *key,
               const GError  *error,
               BvLivePage    *self)
{
  if (g_strcmp0 (key, self->asked) != 0)
    return FALSE;
  g_clear_pointer (&self->asked, g_free);

  self->busy = FALSE;
  show_progress (self, NULL);
  update_actions (self);

  if (error && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_message (self, _("Could Not Join"), error->message);
  return TRUE;
}

/* The stored meeting this room belongs to, if it is one of ours: joining
 * it then goes through the full join flow with its own settings. */
static BvMeeting *
find_planned_meeting (BvLivePage *self,
                      const char *bbb_meeting_id)
{
  GListModel *meetings = bv_database_get_meetings (bv_context_get_database (self->manager));
  guint n = g_list_model_get_n_items (meetings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BvMeeting) meeting = g_list_model_get_item (meetings, i);

      if (g_strcmp0 (bv_meeting_get_bbb_meeting_id (meeting), bbb_meeting_id) == 0 &&
          g_strcmp0 (bv_meeting_get_server_id (meeting), self->server_id) == 0)
        return g_steal_pointer (&meeting);
    }
  return NULL;
}

static void
name_asked_cb (gpointer data)
{
  gtk_widget_activate_action (GTK_WIDGET (data), "live.join", NULL);
}

static void
join_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BvLivePage *self = BV_LIVE_PAGE (widget);
  g_autoptr(BvServer) server = current_server (self);
  g_autoptr(BvMeeting) planned = NULL;
  g_autofree char *progress = NULL;
  gboolean asked;

  if (!server || !selected_id (self) || self->busy || !self->joins)
    return;

  /* Without a name of her own, she would join as her computer account:
   * ask first (once per session), then join as if clicked again. */
  if (self->settings && bv_names_missing (self->settings, BV_NAMES_USER))
    {
      GtkRoot *root = gtk_widget_get_root (widget);

      bv_names_dialog_ask (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->settings, BV_NAMES_USER,
                           name_asked_cb, g_object_ref (self), g_object_unref);
      return;
    }

  self->busy = TRUE;
  update_actions (self);
  /* Translators: %s is the name of a meeting. */
  progress = g_strdup_printf (_("Opening “%s” in the web browser…"), bv_live_meeting_name (detail (self)));
  show_progress (self, progress);

  /* One of ours goes through the full join flow with its own settings. */
  planned = find_planned_meeting (self, selected_id (self));
  if (planned)
    {
      self->asked = g_strdup (bv_meeting_get_id (planned));
      asked = gtk_widget_activate_action (widget, "app.join-meeting", "s", self->asked);
    }
  else
    {
      self->asked = bv_join_tracker_room_key (self->server_id, selected_id (self));
      asked = gtk_widget_activate_action (widget, "app.join-room", "(ss)",
                                          self->server_id, selected_id (self));
    }

  if (!asked)
    {
      g_warning ("The page is not in the application’s window; nobody joins");
      g_clear_pointer (&self->asked, g_free);
      self->busy = FALSE;
      show_progress (self, NULL);
      update_actions (self);
    }
}

/* end */

typedef struct
{
  BvLivePage *page;
  char       *meeting_id;
  char       *name;
} EndRequest;

static void
end_request_free (EndRequest *request)
{
  g_free (request->meeting_id);
  g_free (request->name);
  g_free (request);
}

static void
ended_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  EndRequest *request = user_data;
  BvLivePage *self = request->page;
  g_autoptr(GError) error = NULL;

  if (!bv_live_monitor_end_finish (BV_LIVE_MONITOR (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      end_request_free (request);
      return;
    }

  self->busy = FALSE;
  show_progress (self, NULL);
  update_actions (self);

  if (error)
    {
      /* Translators: %s is the name of a meeting. */
      g_autofree char *heading = g_strdup_printf (_("Could Not End “%s”"), request->name);

      show_message (self, heading, error->message);
    }
  else if (g_strcmp0 (selected_id (self), request->meeting_id) == 0)
    {
      gtk_list_box_unselect_all (self->meetings_list);
      select_meeting (self, NULL);
    }

  end_request_free (request);
  start_refresh (self, TRUE);
}

static void
end_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 BvLivePage       *self)
{
  EndRequest *request;
  g_autoptr(BvServer) server = NULL;
  g_autofree char *progress = NULL;

  if (g_strcmp0 (response, "end") != 0 || self->busy)
    return;

  server = current_server (self);
  if (!server || !self->monitor)
    return;

  request = g_new0 (EndRequest, 1);
  request->page = self;
  request->meeting_id = g_strdup (g_object_get_data (G_OBJECT (dialog), "meeting-id"));
  request->name = g_strdup (g_object_get_data (G_OBJECT (dialog), "meeting-name"));

  self->busy = TRUE;
  update_actions (self);
  /* Translators: %s is the name of a meeting. */
  progress = g_strdup_printf (_("Ending “%s”… waiting for the server to confirm."), request->name);
  show_progress (self, progress);

  bv_live_monitor_end_async (self->monitor, request->meeting_id, self->action_cancellable,
                             ended_cb, request);
}

static void
end_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  BvLivePage *self = BV_LIVE_PAGE (widget);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  const char *name;
  guint count;

  if (!detail (self) || !selected_id (self) || self->busy)
    return;

  name = bv_live_meeting_name (detail (self));
  count = bv_bbb_meeting_get_participant_count (detail (self));
  /* Translators: %s is the name of a meeting. */
  heading = g_strdup_printf (_("End “%s”?"), name);
  body = g_strdup_printf (ngettext ("%u person is in this meeting. Ending it closes the meeting "
                                    "for everyone at once; this cannot be undone.",
                                    "%u people are in this meeting. Ending it closes the meeting "
                                    "for everyone at once; this cannot be undone.",
                                    count),
                          count);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "end", _("_End Meeting"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "end", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "meeting-id", g_strdup (selected_id (self)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "meeting-name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (end_response_cb), self, 0);
  bv_ui_fix_accessible_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  bv_live_page_refresh (BV_LIVE_PAGE (widget));
}

static void
drop_monitor (BvLivePage *self)
{
  if (!self->monitor)
    return;
  bv_live_monitor_unwatch (self->monitor);
  g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
}

/* vfuncs */

static void
bv_live_page_map (GtkWidget *widget)
{
  BvLivePage *self = BV_LIVE_PAGE (widget);

  GTK_WIDGET_CLASS (bv_live_page_parent_class)->map (widget);

  if (self->monitor)
    bv_live_monitor_watch (self->monitor, is_on_screen_cb, self);
  start_refresh (self, FALSE);
}

static void
bv_live_page_unmap (GtkWidget *widget)
{
  BvLivePage *self = BV_LIVE_PAGE (widget);

  if (self->monitor)
    bv_live_monitor_unwatch (self->monitor);

  GTK_WIDGET_CLASS (bv_live_page_parent_class)->unmap (widget);
}

static void
bv_live_page_dispose (GObject *object)
{
  BvLivePage *self = BV_LIVE_PAGE (object);

  drop_monitor (self);
  /* Their callbacks must not touch the page any more. */
  g_cancellable_cancel (self->action_cancellable);
  g_clear_object (&self->action_cancellable);
  if (self->servers)
    g_clear_signal_handler (&self->servers_changed_id, self->servers);
  g_clear_object (&self->servers);
  g_clear_pointer (&self->rows, bv_live_meeting_rows_free);
  g_clear_pointer (&self->attendee_rows, bv_live_attendee_rows_free);
  g_clear_pointer (&self->server_id, g_free);
  /* A join may end after dispose and before finalize. */
  if (self->joins)
    g_signal_handlers_disconnect_by_data (self->joins, self);
  g_clear_object (&self->joins);
  g_clear_pointer (&self->asked, g_free);
  g_clear_object (&self->manager);
  g_clear_object (&self->settings);
  /* The list box deselects its row when it goes, after the template
   * children are cleared: closing the window with a meeting selected must
   * not reach select_meeting () then. */
  if (self->meetings_list)
    g_signal_handlers_disconnect_by_data (self->meetings_list, self);

  G_OBJECT_CLASS (bv_live_page_parent_class)->dispose (object);
}

static void
bv_live_page_class_init (BvLivePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bv_live_page_dispose;
  widget_class->map = bv_live_page_map;
  widget_class->unmap = bv_live_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bv-live-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, server_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, updated_label);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, stack);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, offline_page);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, meetings_scroller);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, meetings_list);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, detail_box);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, detail_summary);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, detail_notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, detail_notice_label);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, progress_spinner);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, attendees_list);
  /* For tests and the window: reachable by name, not bound to a field. */
  gtk_widget_class_bind_template_child (widget_class, BvLivePage, live_empty);
  gtk_widget_class_bind_template_child_full (widget_class, "join_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "end_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "refresh_button", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "live.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "live.join", NULL, join_action);
  gtk_widget_class_install_action (widget_class, "live.end", NULL, end_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "live.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "live.refresh", NULL);
}

static void
bv_live_page_init (BvLivePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->add_timer = g_timeout_add_seconds;
  self->rows = bv_live_meeting_rows_new (self->meetings_list);
  self->attendee_rows = bv_live_attendee_rows_new (self->attendees_list);
  self->action_cancellable = g_cancellable_new ();

  gtk_drop_down_set_expression (self->server_dropdown,
                                gtk_property_expression_new (BV_TYPE_SERVER, NULL, "name"));
  g_signal_connect (self->server_dropdown, "notify::selected", G_CALLBACK (dropdown_selected_cb), self);
  g_signal_connect (self->meetings_list, "row-selected", G_CALLBACK (row_selected_cb), self);
  g_signal_connect (self->back_button, "clicked", G_CALLBACK (back_clicked_cb), self);
  g_object_bind_property (self->leaflet, "folded", self->back_button, "visible", G_BINDING_SYNC_CREATE);

  update_actions (self);
  bv_ui_fix_accessible_names (GTK_WIDGET (self));
}

/* public API */

void
bv_live_page_setup (BvLivePage      *self,
                    BvContext *manager,
                    GSettings       *settings)
{
  g_return_if_fail (BV_IS_LIVE_PAGE (self));
  g_return_if_fail (!manager || BV_IS_CONTEXT (manager));
  g_return_if_fail (!settings || G_IS_SETTINGS (settings));

  g_set_object (&self->manager, manager);
  g_set_object (&self->settings, settings);

  if (self->joins)
    g_signal_handlers_disconnect_by_data (self->joins, self);
  g_clear_object (&self->joins);
  drop_monitor (self);
  if (manager)
    {
      self->joins = g_object_ref (bv_context_get_join_tracker (manager));
      g_signal_connect_object (self->joins, "ended", G_CALLBACK (join_ended_cb), self, 0);
      self->monitor = bv_live_monitor_new (manager);
      bv_live_monitor_set_timer_func (self->monitor, self->add_timer);
      bv_live_monitor_set_server_id (self->monitor, self->server_id);
      g_signal_connect (self->monitor, "notify::fetching", G_CALLBACK (fetching_cb), self);
      g_signal_connect (self->monitor, "server-missing", G_CALLBACK (server_missing_cb), self);
      g_signal_connect (self->monitor, "list-updated", G_CALLBACK (list_updated_cb), self);
      g_signal_connect (self->monitor, "list-failed", G_CALLBACK (list_failed_cb), self);
      g_signal_connect (self->monitor, "detail-updated", G_CALLBACK (detail_updated_cb), self);
      g_signal_connect (self->monitor, "detail-ended", G_CALLBACK (detail_ended_cb), self);
      g_signal_connect (self->monitor, "detail-failed", G_CALLBACK (detail_failed_cb), self);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        bv_live_monitor_watch (self->monitor, is_on_screen_cb, self);
    }

  if (self->servers)
    g_clear_signal_handler (&self->servers_changed_id, self->servers);
  g_clear_object (&self->servers);
  if (manager)
    self->servers = g_object_ref (bv_context_get_servers (manager));
  gtk_drop_down_set_model (self->server_dropdown, self->servers);
  /* After the drop-down's own handler: choosing an item while its
   * selection model has not seen the change yet crashes GTK 4.8. */
  if (self->servers)
    self->servers_changed_id = g_signal_connect (self->servers, "items-changed",
                                                 G_CALLBACK (servers_changed_cb), self);

  sync_dropdown (self);
}

void
bv_live_page_refresh (BvLivePage *self)
{
  g_return_if_fail (BV_IS_LIVE_PAGE (self));

  start_refresh (self, TRUE);
  if (self->monitor && selected_id (self))
    bv_live_monitor_refresh_detail (self->monitor);
}

void
_bv_live_page_set_timer_func (BvLivePage          *self,
                              BvLivePageTimerFunc  add_timer)
{
  g_return_if_fail (BV_IS_LIVE_PAGE (self));
  g_return_if_fail (add_timer);

  self->add_timer = add_timer;
  if (self->monitor)
    bv_live_monitor_set_timer_func (self->monitor, add_timer);
}
