/* bv-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-attendance-window.h"
#include "bv-cancel-offer.h"
#include "bv-ics-import.h"
#include "bv-invite-window.h"
#include "bv-live-page.h"
#include "bv-meeting-editor.h"
#include "bv-members-page.h"
#include "bv-names-dialog.h"
#include "bv-preferences-window.h"
#include "bv-recordings-page.h"
#include "bv-server-dialog.h"
#include "bv-ui-utils.h"
#include "bv-upcoming-page.h"
#include "bv-window.h"

struct _BvWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkStack        *mode_stack;
  AdwViewStack    *view_stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar *switcher_bar;
  GtkMenuButton   *welcome_menu_button;
  AdwEntryRow     *welcome_name_row;
  AdwEntryRow     *welcome_club_row;
  GtkMenuButton   *main_menu_button;
  GMenuModel      *primary_menu;
  AdwStatusPage   *error_page;
  AdwBin          *upcoming_bin;
  AdwBin          *live_bin;
  AdwBin          *recordings_bin;
  AdwBin          *members_bin;

  /* Each page is built the first time it is shown: the window then opens
   * with one page's widgets instead of four (see README, start-up). */
  BvUpcomingPage  *upcoming_page;
  BvLivePage      *live_page;
  BvRecordingsPage *recordings_page;
  BvMembersPage   *members_page;

  GCancellable    *cancellable;
  GtkNativeDialog *import_chooser;
  GtkWindow       *shortcuts_window;

  GListModel      *servers;
  gulong           servers_changed_id;
  gboolean         set_up;
};

G_DEFINE_FINAL_TYPE (BvWindow, bv_window, ADW_TYPE_APPLICATION_WINDOW)

static BvApplication *
get_application (BvWindow *self)
{
  return BV_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static void ensure_visible_page (BvWindow *self);

static void
update_mode (BvWindow *self)
{
  const GError *error = bv_application_get_database_error (get_application (self));

  if (error)
    {
      /* markup, and the message names the database's path */
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->mode_stack, "error");
    }
  else if (self->servers && g_list_model_get_n_items (self->servers) == 0)
    gtk_stack_set_visible_child_name (self->mode_stack, "welcome");
  else
    {
      gtk_stack_set_visible_child_name (self->mode_stack, "main");
      ensure_visible_page (self);
    }
}

static void
servers_changed_cb (GListModel *model,
                    guint       position,
                    guint       removed,
                    guint       added,
                    BvWindow   *self)
{
  update_mode (self);
}

static void
server_saved_cb (BvServerDialog *dialog,
                 BvServer       *server,
                 BvWindow       *self)
{
  /* Translators: %s is the name the user gave a conference server. */
  bv_window_add_toast (self, bv_ui_toast_new_format (_("Server “%s” saved"),
                                                     bv_server_get_name (server)));
}

static void
add_server_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BvWindow *self = BV_WINDOW (widget);
  BvContext *manager = bv_application_get_context (get_application (self));
  BvServerDialog *dialog;

  if (!manager)
    return;

  dialog = bv_server_dialog_new (GTK_WINDOW (self), manager, NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (server_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static BvDatabase *
get_database (BvWindow *self)
{
  BvContext *manager = bv_application_get_context (get_application (self));

  return manager ? bv_context_get_database (manager) : NULL;
}

/* The server new meetings go to: the default one, else the only one. */
static char *
default_server_id (BvWindow *self)
{
  GSettings *settings = bv_application_get_settings (get_application (self));
  BvContext *manager = bv_application_get_context (get_application (self));
  g_autofree char *wanted = g_settings_get_string (settings, "default-server");
  g_autoptr(BvServer) server = NULL;

  if (!manager)
    return NULL;
  if (*wanted)
    server = bv_context_find_server (manager, wanted);
  if (!server && g_list_model_get_n_items (bv_context_get_servers (manager)) > 0)
    server = g_list_model_get_item (bv_context_get_servers (manager), 0);

  return server ? g_strdup (bv_server_get_id (server)) : NULL;
}

static void
meeting_saved_cb (BvMeetingEditor *editor,
                  BvMeeting       *meeting,
                  BvWindow        *self)
{
  /* Translators: %s is the title of a meeting. */
  bv_window_add_toast (self, bv_ui_toast_new_format (_("“%s” saved"), bv_meeting_get_title (meeting)));
  if (self->upcoming_page)
    bv_upcoming_page_reload (self->upcoming_page);
}

typedef struct
{
  BvMeeting *meeting;
  GPtrArray *exceptions;
} DeletedMeeting;

static void
deleted_free (DeletedMeeting *deleted)
{
  g_object_unref (deleted->meeting);
  g_ptr_array_unref (deleted->exceptions);
  g_free (deleted);
}

static void
undo_delete_cb (AdwToast *toast,
                BvWindow *self)
{
  DeletedMeeting *deleted = g_object_get_data (G_OBJECT (toast), "deleted");
  BvDatabase *database = get_database (self);
  g_autoptr(GPtrArray) meetings = g_ptr_array_new ();
  g_autoptr(GPtrArray) exceptions = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  if (!deleted || !database)
    return;

  /* The same id and room: links sent out before keep working. */
  g_ptr_array_add (meetings, deleted->meeting);
  g_ptr_array_add (exceptions, deleted->exceptions);
  if (!bv_database_save_meetings (database, meetings, exceptions, &error))
    {
      bv_ui_show_notice (GTK_WIDGET (self), _("The Meeting Was Not Restored"), error->message);
      return;
    }
  if (self->upcoming_page)
    bv_upcoming_page_reload (self->upcoming_page);
}

static void
delete_meeting (BvWindow  *self,
                BvMeeting *meeting)
{
  BvDatabase *database = get_database (self);
  g_autoptr(GError) error = NULL;
  DeletedMeeting *deleted;
  AdwToast *toast;

  if (!database)
    return;

  deleted = g_new0 (DeletedMeeting, 1);
  deleted->meeting = g_object_ref (meeting);
  deleted->exceptions = bv_database_list_exceptions (database, bv_meeting_get_id (meeting));

  if (!bv_database_delete_meeting (database, bv_meeting_get_id (meeting), &error))
    {
      deleted_free (deleted);
      bv_ui_show_notice (GTK_WIDGET (self), _("The Meeting Was Not Deleted"), error->message);
      return;
    }

  /* Translators: %s is the title of a meeting. */
  toast = bv_ui_toast_new_format (_("“%s” deleted"), bv_meeting_get_title (meeting));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, 10);
  g_object_set_data_full (G_OBJECT (toast), "deleted", deleted, (GDestroyNotify)deleted_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete_cb), self, 0);
  bv_window_add_toast (self, toast);
  if (self->upcoming_page)
    bv_upcoming_page_reload (self->upcoming_page);
}

/* Sent before the meeting is deleted: the cancellation needs who was
 * invited, which goes with the meeting. If it fails, the meeting stays,
 * so that it can be tried again. */
static void
cancellation_sent_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(BvWindow) self = user_data;
  BvMeeting *meeting = g_object_get_data (object, "meeting");
  g_autoptr(GError) error = NULL;
  guint n_sent = 0, n_failed = 0, n_skipped = 0;

  if (!bv_invitation_mailer_send_finish (BV_INVITATION_MAILER (object), result,
                                         &n_sent, &n_failed, &n_skipped, &error))
    {
      g_autofree char *body = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says why, with what to do. */
      body = g_strdup_printf (_("The meeting was not deleted, so that you can try again. %s"), error->message);
      bv_ui_show_error (GTK_WINDOW (self), _("Cancellation Not Sent"), body);
      return;
    }

  delete_meeting (self, meeting);
  if (n_failed > 0)
    bv_ui_show_error (GTK_WINDOW (self), _("Cancellation Not Sent to Everyone"),
                      _("The mail server refused some of the addresses. Tell those people in another way."));
  else
    bv_window_add_toast (self, bv_ui_toast_new_format (ngettext ("Cancellation sent to %u person",
                                                                 "Cancellation sent to %u people", n_sent),
                                                       n_sent));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    BvWindow         *self)
{
  BvMeeting *meeting = g_object_get_data (G_OBJECT (dialog), "meeting");
  BvInvitationMailer *mailer = g_object_get_data (G_OBJECT (dialog), "mailer");

  if (g_str_equal (response, "only"))
    delete_meeting (self, meeting);
  else if (g_str_equal (response, "send"))
    {
      g_object_set_data_full (G_OBJECT (mailer), "meeting", g_object_ref (meeting), g_object_unref);
      bv_window_add_toast (self, bv_ui_toast_new (_("Sending the cancellation…")));
      bv_invitation_mailer_send_cancel_async (mailer, NULL, NULL, cancellation_sent_cb, g_object_ref (self));
    }
}

static void
delete_requested_cb (BvMeetingEditor *editor,
                     BvMeeting       *meeting,
                     BvWindow        *self)
{
  g_autoptr(BvInvitationMailer) mailer = NULL;
  AdwMessageDialog *dialog;
  guint n;

  mailer = bv_cancel_offer_mailer_new (bv_application_get_context (get_application (self)),
                                       bv_application_get_settings (get_application (self)), meeting, &n);
  if (!mailer)
    {
      delete_meeting (self, meeting);
      return;
    }

  dialog = bv_cancel_offer_dialog_new (GTK_WINDOW (self), meeting, NULL, n);
  g_object_set_data_full (G_OBJECT (dialog), "meeting", g_object_ref (meeting), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "mailer", g_steal_pointer (&mailer), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_editor (BvWindow  *self,
             BvMeeting *meeting)
{
  BvDatabase *database = get_database (self);
  g_autofree char *server_id = NULL;
  BvMeetingEditor *editor;

  if (!database)
    return;

  server_id = default_server_id (self);
  editor = bv_meeting_editor_new (GTK_WINDOW (self), database, meeting, server_id);
  {
    GSettings *settings = bv_application_get_settings (get_application (self));
    g_autoptr(GSettingsSchema) schema = NULL;

    if (settings)
      g_object_get (settings, "settings-schema", &schema, NULL);
    if (schema && g_settings_schema_has_key (schema, "invitation-period-days"))
      bv_meeting_editor_set_invitation_period (editor, g_settings_get_uint (settings, "invitation-period-days"));
  }
  g_signal_connect_object (editor, "saved", G_CALLBACK (meeting_saved_cb), self, 0);
  g_signal_connect_object (editor, "delete-requested", G_CALLBACK (delete_requested_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_meeting_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BvWindow *self = BV_WINDOW (widget);

  if (!g_str_equal (bv_window_get_mode (self), "main"))
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "upcoming");
  open_editor (self, NULL);
}

static void
edit_meeting_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BvWindow *self = BV_WINDOW (widget);
  BvDatabase *database = get_database (self);
  g_autoptr(BvMeeting) meeting = NULL;

  if (!database)
    return;

  meeting = bv_database_find_meeting (database, g_variant_get_string (parameter, NULL));
  if (!meeting)
    {
      bv_window_add_toast (self, bv_ui_toast_new (_("The meeting was not found. It may have been deleted already.")));
      return;
    }
  open_editor (self, meeting);
}

typedef struct
{
  GWeakRef  window;
  char     *meeting_id;
} InviteAgain;

static void
invite_again_free (gpointer data)
{
  InviteAgain *again = data;

  g_weak_ref_clear (&again->window);
  g_free (again->meeting_id);
  g_free (again);
}

static void
club_asked_cb (gpointer data)
{
  InviteAgain *again = data;
  g_autoptr(BvWindow) self = g_weak_ref_get (&again->window);

  if (self)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.invite-meeting", "s", again->meeting_id);
}

static void
invite_meeting_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BvWindow *self = BV_WINDOW (widget);
  BvApplication *app = get_application (self);
  BvContext *manager = bv_application_get_context (app);
  g_autoptr(BvMeeting) meeting = NULL;
  BvInviteWindow *invite;

  if (!manager)
    return;

  meeting = bv_database_find_meeting (bv_context_get_database (manager),
                                      g_variant_get_string (parameter, NULL));
  if (!meeting)
    {
      bv_window_add_toast (self, bv_ui_toast_new (_("The meeting was not found. It may have been deleted already.")));
      return;
    }

  /* Invitations are signed with the club's name: ask for it first (once
   * per session), then open the window as if asked again. */
  if (bv_names_missing (bv_application_get_settings (app), BV_NAMES_CLUB))
    {
      InviteAgain *again = g_new0 (InviteAgain, 1);

      g_weak_ref_init (&again->window, self);
      again->meeting_id = g_variant_dup_string (parameter, NULL);
      bv_names_dialog_ask (GTK_WINDOW (self), bv_application_get_settings (app), BV_NAMES_CLUB,
                           club_asked_cb, again, invite_again_free);
      return;
    }

  invite = bv_invite_window_new (GTK_WINDOW (self), manager,
                                 bv_application_get_settings (app), meeting);
  gtk_window_present (GTK_WINDOW (invite));
}

static void
attendance_meeting_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  BvWindow *self = BV_WINDOW (widget);
  BvApplication *app = get_application (self);
  BvContext *manager = bv_application_get_context (app);
  g_autoptr(BvMeeting) meeting = NULL;
  BvAttendanceWindow *attendance;

  if (!manager)
    return;

  meeting = bv_database_find_meeting (bv_context_get_database (manager),
                                      g_variant_get_string (parameter, NULL));
  if (!meeting)
    {
      bv_window_add_toast (self, bv_ui_toast_new (_("The meeting was not found. It may have been deleted already.")));
      return;
    }
  attendance = bv_attendance_window_new (GTK_WINDOW (self), manager, bv_application_get_settings (app),
                                         bv_application_get_attendance_watch (app), meeting);
  bv_attendance_window_set_practice_host (attendance, bv_application_get_practice_host (app));
  gtk_window_present (GTK_WINDOW (attendance));
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BvWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(BvIcsImportCounts) counts = { 0, };
  g_autofree char *text = NULL;
  AdwMessageDialog *dialog;

  if (!bv_ics_import_file_finish (result, &counts, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Nothing Was Imported"),
                                                           error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  /* A sentence that explains stays until it is read; a toast would cut it. */
  if (counts.added + counts.updated == 0)
    {
      bv_ui_show_notice (GTK_WIDGET (self), _("Nothing Was Imported"),
                         _("The calendar file had no meetings with a time of day, so nothing was imported."));
      return;
    }
  else if (counts.updated == 0)
    text = g_strdup_printf (ngettext ("%u meeting imported", "%u meetings imported", counts.added),
                            counts.added);
  else
    /* Translators: "2 meetings imported, 1 updated". */
    text = g_strdup_printf (ngettext ("%u meeting imported, %u updated", "%u meetings imported, %u updated",
                                      counts.added),
                            counts.added, counts.updated);

  bv_window_add_toast (self, bv_ui_toast_new (text));
  adw_view_stack_set_visible_child_name (self->view_stack, "upcoming");
  if (self->upcoming_page)
    bv_upcoming_page_reload (self->upcoming_page);

  /* An address hiding a second recipient is no invitation; say which
   * were left out, so that they can be invited correctly by hand. */
  if (counts.refused_attendees)
    {
      g_autofree char *list = g_strjoinv ("\n", counts.refused_attendees);
      g_autofree char *body = NULL;

      /* Translators: %s is a list of addresses, one per line. */
      body = g_strdup_printf (ngettext ("This address in the calendar file is not a valid e-mail "
                                        "address, so nobody was invited with it:\n\n%s\n\n"
                                        "Invite the person under “Invite” with their correct "
                                        "address.",
                                        "These addresses in the calendar file are not valid e-mail "
                                        "addresses, so nobody was invited with them:\n\n%s\n\n"
                                        "Invite the people under “Invite” with their correct "
                                        "addresses.",
                                        g_strv_length (counts.refused_attendees)),
                              list);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Some People Were Not Invited"),
                                                           body));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
import_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            BvWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *server_id = NULL;
  BvDatabase *database = get_database (self);

  if (response == GTK_RESPONSE_ACCEPT && database)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      server_id = default_server_id (self);
      bv_ics_import_file_async (database, file, server_id, self->cancellable,
                                imported_cb, g_object_ref (self));
    }

  g_clear_object (&self->import_chooser);
}

static void
import_calendar_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BvWindow *self = BV_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (!g_str_equal (bv_window_get_mode (self), "main") || self->import_chooser)
    return;

  chooser = gtk_file_chooser_native_new (_("Import Calendar File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Calendar files (.ics)"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_filter_add_suffix (filter, "ical");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_chooser_response_cb), self);
  self->import_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->import_chooser);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BvWindow *self = BV_WINDOW (widget);

  if (g_str_equal (gtk_stack_get_visible_child_name (self->mode_stack), "main"))
    adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  BvWindow *self = BV_WINDOW (widget);

  if (!self->shortcuts_window)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/help-overlay.ui");

      self->shortcuts_window = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      g_object_add_weak_pointer (G_OBJECT (self->shortcuts_window), (gpointer *)&self->shortcuts_window);
      gtk_window_set_transient_for (self->shortcuts_window, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->shortcuts_window, TRUE);
      bv_ui_fix_accessible_names (GTK_WIDGET (self->shortcuts_window));
    }
  gtk_window_present (self->shortcuts_window);
}

/* Made when first needed rather than for the first frame: the primary
 * menus' popovers (two of them, one per header bar) and the bottom view
 * switcher, which only narrow windows show. */
static void
create_primary_popup (GtkMenuButton *button,
                      gpointer       user_data)
{
  BvWindow *self = user_data;

  if (!gtk_menu_button_get_menu_model (button))
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static void
title_visible_cb (BvWindow *self)
{
  /* Also called while the template is still being built. */
  if (!self->switcher_title || !self->switcher_bar)
    return;
  if (adw_view_switcher_title_get_title_visible (self->switcher_title) &&
      !adw_view_switcher_bar_get_stack (self->switcher_bar))
    adw_view_switcher_bar_set_stack (self->switcher_bar, self->view_stack);
}

static gboolean
bv_window_close_request (GtkWindow *window)
{
  BvWindow *self = BV_WINDOW (window);
  GSettings *settings = bv_application_get_settings (get_application (self));
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (settings);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_apply (settings);

  return GTK_WINDOW_CLASS (bv_window_parent_class)->close_request (window);
}

static GtkWidget *
build_page (BvWindow   *self,
            const char *name)
{
  BvApplication *app = get_application (self);
  BvContext *manager = bv_application_get_context (app);
  GSettings *settings = bv_application_get_settings (app);

  if (g_str_equal (name, "upcoming") && !self->upcoming_page)
    {
      self->upcoming_page = g_object_new (BV_TYPE_UPCOMING_PAGE, NULL);
      adw_bin_set_child (self->upcoming_bin, GTK_WIDGET (self->upcoming_page));
      bv_upcoming_page_setup (self->upcoming_page, manager, settings);
      g_signal_connect_object (self->upcoming_page, "show-toast",
                               G_CALLBACK (bv_window_add_toast), self, G_CONNECT_SWAPPED);
      return GTK_WIDGET (self->upcoming_page);
    }
  if (g_str_equal (name, "live") && !self->live_page)
    {
      self->live_page = g_object_new (BV_TYPE_LIVE_PAGE, NULL);
      adw_bin_set_child (self->live_bin, GTK_WIDGET (self->live_page));
      bv_live_page_setup (self->live_page, manager, settings);
      return GTK_WIDGET (self->live_page);
    }
  if (g_str_equal (name, "recordings") && !self->recordings_page)
    {
      self->recordings_page = g_object_new (BV_TYPE_RECORDINGS_PAGE, NULL);
      adw_bin_set_child (self->recordings_bin, GTK_WIDGET (self->recordings_page));
      bv_recordings_page_setup (self->recordings_page, manager, settings);
      return GTK_WIDGET (self->recordings_page);
    }
  if (g_str_equal (name, "members") && !self->members_page)
    {
      self->members_page = g_object_new (BV_TYPE_MEMBERS_PAGE, NULL);
      adw_bin_set_child (self->members_bin, GTK_WIDGET (self->members_page));
      /* Without a store there are no members to show; the page keeps its
       * empty state. */
      if (manager)
        bv_members_page_setup (self->members_page, manager, settings);
      g_signal_connect_object (self->members_page, "show-toast",
                               G_CALLBACK (bv_window_add_toast), self, G_CONNECT_SWAPPED);
      return GTK_WIDGET (self->members_page);
    }
  return NULL;
}

static void
ensure_visible_page (BvWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);
  GtkWidget *page;

  /* The stack picks its first page while the template is built, before
   * the window knows its application. */
  if (!self->set_up || !name || !g_str_equal (gtk_stack_get_visible_child_name (self->mode_stack), "main"))
    return;

  page = build_page (self, name);
  if (page)
    bv_ui_fix_accessible_names (page);
}

/* GtkWindow:application is set after constructed (), so the window is set
 * up from bv_window_new (). */
static void
setup_for_application (BvWindow *self)
{
  BvApplication *app = get_application (self);
  GSettings *settings = bv_application_get_settings (app);
  BvContext *manager = bv_application_get_context (app);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* The first start asks for her name (else she joins as her computer
   * account) and the club's (which signs the invitations); empty is fine,
   * they are asked again where they are needed. */
  g_settings_bind (settings, "display-name", self->welcome_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "club-name", self->welcome_club_row, "text", G_SETTINGS_BIND_DEFAULT);

  if (manager)
    {
      self->servers = g_object_ref (bv_context_get_servers (manager));
      self->servers_changed_id = g_signal_connect (self->servers, "items-changed",
                                                   G_CALLBACK (servers_changed_cb), self);
    }
  else
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-server", FALSE);

  self->set_up = TRUE;
  update_mode (self);
}

static void
bv_window_dispose (GObject *object)
{
  BvWindow *self = BV_WINDOW (object);

  g_clear_signal_handler (&self->servers_changed_id, self->servers);
  g_clear_object (&self->servers);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->import_chooser)
    gtk_native_dialog_destroy (self->import_chooser);
  if (self->shortcuts_window)
    gtk_window_destroy (self->shortcuts_window);
  g_clear_object (&self->import_chooser);

  G_OBJECT_CLASS (bv_window_parent_class)->dispose (object);
}

static void
bv_window_class_init (BvWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bv_window_dispose;
  window_class->close_request = bv_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bv-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BvWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BvWindow, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, BvWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, BvWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, BvWindow, upcoming_bin);
  gtk_widget_class_bind_template_child (widget_class, BvWindow, live_bin);
  gtk_widget_class_bind_template_child (widget_class, BvWindow, recordings_bin);
  gtk_widget_class_bind_template_child (widget_class, BvWindow, members_bin);
  gtk_widget_class_bind_template_callback (widget_class, ensure_visible_page);
  gtk_widget_class_bind_template_callback (widget_class, title_visible_cb);
  gtk_widget_class_bind_template_child (widget_class, BvWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, BvWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, BvWindow, welcome_menu_button);
  gtk_widget_class_bind_template_child (widget_class, BvWindow, welcome_name_row);
  gtk_widget_class_bind_template_child (widget_class, BvWindow, welcome_club_row);
  gtk_widget_class_bind_template_child (widget_class, BvWindow, main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, BvWindow, primary_menu);
  /* Named for gtk_widget_get_template_child () in the tests. */
  gtk_widget_class_bind_template_child_full (widget_class, "welcome_page", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "connect_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "practice_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "new_meeting_button", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "win.add-server", NULL, add_server_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.new-meeting", NULL, new_meeting_action);
  gtk_widget_class_install_action (widget_class, "win.edit-meeting", "s", edit_meeting_action);
  gtk_widget_class_install_action (widget_class, "win.invite-meeting", "s", invite_meeting_action);
  gtk_widget_class_install_action (widget_class, "win.attendance-meeting", "s", attendance_meeting_action);
  gtk_widget_class_install_action (widget_class, "win.import-calendar", NULL, import_calendar_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-meeting", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import-calendar", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "upcoming");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "live");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "recordings");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-page", "s", "members");
}

static void
bv_window_init (BvWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->welcome_menu_button, create_primary_popup, self, NULL);
  gtk_menu_button_set_create_popup_func (self->main_menu_button, create_primary_popup, self, NULL);
  title_visible_cb (self);
  self->cancellable = g_cancellable_new ();
  bv_ui_fix_accessible_names (GTK_WIDGET (self));
}

BvWindow *
bv_window_new (BvApplication *application)
{
  BvWindow *self;

  g_return_val_if_fail (BV_IS_APPLICATION (application), NULL);

  self = g_object_new (BV_TYPE_WINDOW, "application", application, NULL);
  setup_for_application (self);
  return self;
}

void
bv_window_show_preferences (BvWindow *self)
{
  BvContext *manager;
  BvPreferencesWindow *preferences;

  g_return_if_fail (BV_IS_WINDOW (self));

  manager = bv_application_get_context (get_application (self));
  preferences = bv_preferences_window_new (GTK_WINDOW (self),
                                           bv_application_get_settings (get_application (self)),
                                           manager);
  gtk_window_present (GTK_WINDOW (preferences));
}

void
bv_window_add_toast (BvWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (BV_IS_WINDOW (self));

  bv_ui_add_toast (self->toast_overlay, toast);
}

const char *
bv_window_get_mode (BvWindow *self)
{
  g_return_val_if_fail (BV_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->mode_stack);
}

/* The page named @name ("upcoming", "live", "recordings", "members"), or
 * %NULL while it has not been shown yet. */
GtkWidget *
bv_window_get_page (BvWindow   *self,
                    const char *name)
{
  g_return_val_if_fail (BV_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, "upcoming"))
    return GTK_WIDGET (self->upcoming_page);
  if (g_str_equal (name, "live"))
    return GTK_WIDGET (self->live_page);
  if (g_str_equal (name, "recordings"))
    return GTK_WIDGET (self->recordings_page);
  if (g_str_equal (name, "members"))
    return GTK_WIDGET (self->members_page);
  return NULL;
}
