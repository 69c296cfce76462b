/* bv-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-preferences-window.h"
#include "bv-server-dialog.h"
#include "bv-ui-utils.h"

struct _BvPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwPreferencesGroup  *servers_group;
  GtkListBox           *servers_list;
  AdwPreferencesGroup  *name_group;
  AdwEntryRow          *display_name_row;
  AdwActionRow         *practice_row;
  GtkWidget            *practice_button;
  AdwPreferencesGroup  *background_group;
  AdwActionRow         *background_row;
  GtkSwitch            *background_switch;
  AdwActionRow         *lead_row;
  GtkSpinButton        *lead_spin;

  GSettings            *settings;
  BvServerManager      *manager;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_MANAGER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BvPreferencesWindow, bv_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static GtkWidget *
create_server_row (gpointer item,
                   gpointer user_data)
{
  BvServer *server = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  g_object_bind_property (server, "name", row, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (server, "url", row, "subtitle", G_BINDING_SYNC_CREATE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  g_object_set_data_full (G_OBJECT (row), "server", g_object_ref (server), g_object_unref);

  return row;
}

static void
server_dialog_saved_cb (BvServerDialog      *dialog,
                        BvServer            *server,
                        BvPreferencesWindow *self)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new_format (_("Server “%s” saved"),
                                                          bv_server_get_name (server)));
  bv_ui_fix_accessible_names (GTK_WIDGET (self));
}

static void
server_dialog_removed_cb (BvServerDialog      *dialog,
                          BvServer            *server,
                          BvPreferencesWindow *self)
{
  /* Translators: %s is the name of a conference server. */
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new_format (_("Server “%s” removed"),
                                                          bv_server_get_name (server)));
  bv_ui_fix_accessible_names (GTK_WIDGET (self));
}

static void
open_server_dialog (BvPreferencesWindow *self,
                    BvServer            *server)
{
  BvServerDialog *dialog;

  if (!self->manager)
    return;

  dialog = bv_server_dialog_new (GTK_WINDOW (self), self->manager, server);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (server_dialog_saved_cb), self, 0);
  g_signal_connect_object (dialog, "removed", G_CALLBACK (server_dialog_removed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
server_row_activated_cb (BvPreferencesWindow *self,
                         GtkListBoxRow       *row)
{
  BvServer *server = g_object_get_data (G_OBJECT (row), "server");

  if (server)
    open_server_dialog (self, server);
}

static void
add_server_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_server_dialog (BV_PREFERENCES_WINDOW (widget), NULL);
}

static void
display_name_changed_cb (BvPreferencesWindow *self,
                         AdwEntryRow         *row)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (self->settings)
    g_settings_set_string (self->settings, "display-name", name);
}

static void
update_practice_row (BvPreferencesWindow *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "practice-server");
  g_autoptr(BvServer) server = NULL;

  if (self->manager && *id)
    server = bv_server_manager_find_server (self->manager, id);

  gtk_widget_set_visible (self->practice_button, self->manager && !server);
  adw_action_row_set_subtitle (self->practice_row,
                               server ? _("Set up; it starts together with the app.")
                                      : _("Not set up."));
}

static void
practice_setting_changed_cb (BvPreferencesWindow *self)
{
  update_practice_row (self);
}

/* The switch is on by default but does nothing until a server exists. */
static void
update_background_group (BvPreferencesWindow *self)
{
  gboolean has_servers = self->manager &&
                         g_list_model_get_n_items (bv_server_manager_get_servers (self->manager)) > 0;

  adw_preferences_group_set_description (self->background_group,
                                         has_servers ? NULL
                                                     : _("Takes effect once a conference server is set up."));
}

static void
bv_preferences_window_constructed (GObject *object)
{
  BvPreferencesWindow *self = BV_PREFERENCES_WINDOW (object);
  g_autofree char *description = NULL;
  g_autofree char *display_name = NULL;
  GtkWidget *placeholder;

  G_OBJECT_CLASS (bv_preferences_window_parent_class)->constructed (object);

  placeholder = gtk_label_new (self->manager
                               ? _("No server yet. Add the server that your provider gave you.")
                               : _("Servers cannot be changed because your data could not be opened."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->servers_list, placeholder);

  if (self->manager)
    gtk_list_box_bind_model (self->servers_list, bv_server_manager_get_servers (self->manager),
                             create_server_row, self, NULL);
  else
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.add-server", FALSE);

  /* Translators: %s is the user's real name as the system knows it. */
  description = g_strdup_printf (_("Other participants see this name when you join a meeting. "
                                   "If the field is empty, your name from the system is used: %s."),
                                 g_get_real_name ());
  adw_preferences_group_set_description (self->name_group, description);

  display_name = g_settings_get_string (self->settings, "display-name");
  gtk_editable_set_text (GTK_EDITABLE (self->display_name_row), display_name);

  g_signal_connect_object (self->settings, "changed::practice-server",
                           G_CALLBACK (practice_setting_changed_cb), self, G_CONNECT_SWAPPED);
  if (self->manager)
    g_signal_connect_object (bv_server_manager_get_servers (self->manager), "items-changed",
                             G_CALLBACK (practice_setting_changed_cb), self, G_CONNECT_SWAPPED);
  update_practice_row (self);

  g_settings_bind (self->settings, "background-reminders",
                   self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reminder-lead-minutes",
                   gtk_spin_button_get_adjustment (self->lead_spin), "value", G_SETTINGS_BIND_DEFAULT);
  if (self->manager)
    g_signal_connect_object (bv_server_manager_get_servers (self->manager), "items-changed",
                             G_CALLBACK (update_background_group), self, G_CONNECT_SWAPPED);
  update_background_group (self);
  /* The switch gets its name from bv_ui_fix_accessible_names (); a spin
   * button in a row has none of its own. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->lead_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->lead_row)),
                                  -1);
}

static void
bv_preferences_window_dispose (GObject *object)
{
  BvPreferencesWindow *self = BV_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (bv_preferences_window_parent_class)->dispose (object);
}

static void
bv_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  BvPreferencesWindow *self = BV_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_MANAGER:
      self->manager = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BvPreferencesWindow *self = BV_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_MANAGER:
      g_value_set_object (value, self->manager);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_preferences_window_class_init (BvPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bv_preferences_window_constructed;
  object_class->dispose = bv_preferences_window_dispose;
  object_class->set_property = bv_preferences_window_set_property;
  object_class->get_property = bv_preferences_window_get_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MANAGER] =
    g_param_spec_object ("manager", NULL, NULL, BV_TYPE_SERVER_MANAGER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bv-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, servers_group);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, servers_list);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, name_group);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, display_name_row);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, practice_row);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, practice_button);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, background_group);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, background_row);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, lead_row);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, lead_spin);
  gtk_widget_class_bind_template_callback (widget_class, server_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, display_name_changed_cb);

  gtk_widget_class_install_action (widget_class, "prefs.add-server", NULL, add_server_action);
}

static void
bv_preferences_window_init (BvPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  bv_ui_fix_accessible_names (GTK_WIDGET (self));
}

BvPreferencesWindow *
bv_preferences_window_new (GtkWindow       *parent,
                           GSettings       *settings,
                           BvServerManager *manager)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (!manager || BV_IS_SERVER_MANAGER (manager), NULL);

  return g_object_new (BV_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       "manager", manager,
                       NULL);
}
