/* bv-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-preferences-window.h"
#include "bv-server-dialog.h"
#include "bv-ui-utils.h"
#include "bv-window.h"

struct _BvWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkStack        *mode_stack;
  AdwViewStack    *view_stack;
  AdwStatusPage   *error_page;

  GListModel      *servers;
  gulong           servers_changed_id;
};

G_DEFINE_FINAL_TYPE (BvWindow, bv_window, ADW_TYPE_APPLICATION_WINDOW)

static BvApplication *
get_application (BvWindow *self)
{
  return BV_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static void
update_mode (BvWindow *self)
{
  const GError *error = bv_application_get_database_error (get_application (self));

  if (error)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->mode_stack, "error");
    }
  else if (self->servers && g_list_model_get_n_items (self->servers) == 0)
    gtk_stack_set_visible_child_name (self->mode_stack, "welcome");
  else
    gtk_stack_set_visible_child_name (self->mode_stack, "main");
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
  bv_window_add_toast (self, adw_toast_new_format (_("Server “%s” saved"),
                                                   bv_server_get_name (server)));
}

static void
add_server_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BvWindow *self = BV_WINDOW (widget);
  BvServerManager *manager = bv_application_get_server_manager (get_application (self));
  BvServerDialog *dialog;

  if (!manager)
    return;

  dialog = bv_server_dialog_new (GTK_WINDOW (self), manager, NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (server_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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

/* GtkWindow:application is set after constructed (), so the window is set
 * up from bv_window_new (). */
static void
setup_for_application (BvWindow *self)
{
  BvApplication *app = get_application (self);
  GSettings *settings = bv_application_get_settings (app);
  BvServerManager *manager = bv_application_get_server_manager (app);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (manager)
    {
      self->servers = g_object_ref (bv_server_manager_get_servers (manager));
      self->servers_changed_id = g_signal_connect (self->servers, "items-changed",
                                                   G_CALLBACK (servers_changed_cb), self);
    }
  else
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-server", FALSE);

  update_mode (self);
}

static void
bv_window_dispose (GObject *object)
{
  BvWindow *self = BV_WINDOW (object);

  g_clear_signal_handler (&self->servers_changed_id, self->servers);
  g_clear_object (&self->servers);

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
  /* Named for gtk_widget_get_template_child () in the tests. */
  gtk_widget_class_bind_template_child_full (widget_class, "welcome_page", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "connect_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "practice_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "upcoming_empty", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "live_empty", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "recordings_empty", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "members_empty", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "win.add-server", NULL, add_server_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "upcoming");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "live");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "recordings");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-page", "s", "members");
}

static void
bv_window_init (BvWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
  BvServerManager *manager;
  BvPreferencesWindow *preferences;

  g_return_if_fail (BV_IS_WINDOW (self));

  manager = bv_application_get_server_manager (get_application (self));
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

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  bv_ui_fix_accessible_names (GTK_WIDGET (self->toast_overlay));
}

const char *
bv_window_get_mode (BvWindow *self)
{
  g_return_val_if_fail (BV_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->mode_stack);
}
