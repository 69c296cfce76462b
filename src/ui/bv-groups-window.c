/* bv-groups-window.c
 *
 * Creating, renaming and deleting the club's groups (issue #5). Members
 * get their groups in the member dialog and through imports; this is the
 * one place where a group itself changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include "bv-groups-window.h"

#include <glib/gi18n.h>

#include "bv-ui-utils.h"

struct _BvGroupsWindow
{
  AdwPreferencesWindow  parent_instance;

  GtkListBox           *list_box;

  BvDatabase           *database;
};

G_DEFINE_FINAL_TYPE (BvGroupsWindow, bv_groups_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
toast (BvGroupsWindow *self,
       const char     *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), bv_ui_toast_new (text));
  bv_ui_fix_accessible_names (GTK_WIDGET (self));
}

static GtkWidget *
row_button (const char *icon_name,
            const char *label,
            const char *action_name,
            const char *group_id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", group_id);
  return button;
}

static GtkWidget *
new_row (BvGroupsWindow *self,
         BvGroup        *group)
{
  g_autoptr(GPtrArray) members = bv_database_list_group_members (self->database, bv_group_get_id (group));
  g_autofree char *title = g_markup_escape_text (bv_group_get_name (group), -1);
  g_autofree char *subtitle = NULL;
  g_autofree char *rename_label = NULL;
  g_autofree char *delete_label = NULL;
  guint n_members = members ? members->len : 0;
  GtkWidget *row = adw_action_row_new ();

  if (n_members == 0)
    subtitle = g_strdup (_("No members"));
  else
    subtitle = g_strdup_printf (ngettext ("%u member", "%u members", n_members), n_members);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* Translators: %s is a group's name */
  rename_label = g_strdup_printf (_("Rename “%s”"), bv_group_get_name (group));
  /* Translators: %s is a group's name */
  delete_label = g_strdup_printf (_("Delete “%s”"), bv_group_get_name (group));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("document-edit-symbolic", rename_label,
                                         "groups.rename", bv_group_get_id (group)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("user-trash-symbolic", delete_label,
                                         "groups.delete", bv_group_get_id (group)));
  return row;
}

static void
fill (BvGroupsWindow *self)
{
  GListModel *groups = bv_database_get_groups (self->database);
  guint n_items = g_list_model_get_n_items (groups);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))))
    gtk_list_box_remove (self->list_box, child);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BvGroup) group = g_list_model_get_item (groups, i);

      gtk_list_box_append (self->list_box, new_row (self, group));
    }
  bv_ui_fix_accessible_names (GTK_WIDGET (self->list_box));
}

static void
groups_changed_cb (BvGroupsWindow *self)
{
  fill (self);
}

/* the name dialog, for new and renamed groups */

static void
name_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  BvGroupsWindow   *self)
{
  const char *group_id = g_object_get_data (G_OBJECT (dialog), "group-id");
  g_autofree char *name = NULL;
  g_autofree char *old_name = NULL;
  g_autoptr(BvGroup) group = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "save"))
    return;

  name = bv_ui_name_dialog_get_name (dialog);
  if (group_id)
    {
      group = bv_database_find_group (self->database, group_id);
      if (!group)
        {
          toast (self, _("The group was not found. It may have been deleted already."));
          return;
        }
      old_name = g_strdup (bv_group_get_name (group));
      bv_group_set_name (group, name);
    }
  else
    group = bv_group_new (name);

  if (!bv_database_save_group (self->database, group, &error))
    {
      /* The group may be the list's own object: it must keep showing
       * what is stored. */
      if (old_name)
        bv_group_set_name (group, old_name);
      bv_ui_show_notice (GTK_WIDGET (self), _("The Group Was Not Saved"), error->message);
      return;
    }
  /* A renamed group keeps its place in the list model; the rows show
   * the new name only after this. */
  fill (self);
}

static void
ask_for_name (BvGroupsWindow *self,
              BvGroup        *group)
{
  AdwMessageDialog *dialog;

  if (group)
    dialog = bv_ui_name_dialog_new (GTK_WINDOW (self), _("Rename Group"),
                                    _("The members stay in the group under its new name."),
                                    _("Name of the group"), bv_group_get_name (group), _("_Rename"));
  else
    dialog = bv_ui_name_dialog_new (GTK_WINDOW (self), _("New Group"),
                                    _("For example “Vorstand” or “Kursgruppe Montag”. Give members the group when you add or edit them."),
                                    _("Name of the group"), NULL, _("C_reate"));
  if (group)
    g_object_set_data_full (G_OBJECT (dialog), "group-id", g_strdup (bv_group_get_id (group)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (name_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (adw_message_dialog_get_extra_child (dialog));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ask_for_name (BV_GROUPS_WINDOW (widget), NULL);
}

static BvGroup *
group_for (BvGroupsWindow *self,
           GVariant       *parameter)
{
  BvGroup *group = bv_database_find_group (self->database, g_variant_get_string (parameter, NULL));

  if (!group)
    toast (self, _("The group was not found. It may have been deleted already."));
  return group;
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BvGroupsWindow *self = BV_GROUPS_WINDOW (widget);
  g_autoptr(BvGroup) group = group_for (self, parameter);

  if (group)
    ask_for_name (self, group);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    BvGroupsWindow   *self)
{
  const char *group_id = g_object_get_data (G_OBJECT (dialog), "group-id");
  const char *name = g_object_get_data (G_OBJECT (dialog), "group-name");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_str_equal (response, "delete"))
    return;

  if (!bv_database_delete_group (self->database, group_id, &error))
    {
      bv_ui_show_notice (GTK_WIDGET (self), _("The Group Was Not Deleted"), error->message);
      return;
    }
  /* Translators: %s is a group's name */
  text = g_strdup_printf (_("Group “%s” deleted"), name);
  toast (self, text);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BvGroupsWindow *self = BV_GROUPS_WINDOW (widget);
  g_autoptr(BvGroup) group = group_for (self, parameter);
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  guint n_members;

  if (!group)
    return;

  members = bv_database_list_group_members (self->database, bv_group_get_id (group));
  n_members = members ? members->len : 0;
  /* Translators: %s is a group's name */
  heading = g_strdup_printf (_("Delete the Group “%s”?"), bv_group_get_name (group));
  if (n_members > 0)
    body = g_strdup_printf (ngettext ("Its %u member stays in the member list and keeps every invitation; only the group goes. This cannot be undone.",
                                      "Its %u members stay in the member list and keep every invitation; only the group goes. This cannot be undone.",
                                      n_members),
                            n_members);
  else
    body = g_strdup (_("The group has no members. This cannot be undone."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete Group"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "group-id", g_strdup (bv_group_get_id (group)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "group-name", g_strdup (bv_group_get_name (group)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  bv_ui_fix_accessible_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
bv_groups_window_dispose (GObject *object)
{
  BvGroupsWindow *self = (BvGroupsWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BV_TYPE_GROUPS_WINDOW);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (bv_groups_window_parent_class)->dispose (object);
}

static void
bv_groups_window_class_init (BvGroupsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bv_groups_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/herzlich/BbbVereine/ui/bv-groups-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BvGroupsWindow, list_box);

  gtk_widget_class_install_action (widget_class, "groups.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "groups.rename", "s", rename_action);
  gtk_widget_class_install_action (widget_class, "groups.delete", "s", delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "groups.new", NULL);
}

static void
bv_groups_window_init (BvGroupsWindow *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("No groups yet. Create one with “New Group…”."));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_list_box_set_placeholder (self->list_box, placeholder);
  bv_ui_fix_accessible_names (GTK_WIDGET (self));
}

BvGroupsWindow *
bv_groups_window_new (GtkWindow  *parent,
                      BvDatabase *database)
{
  BvGroupsWindow *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BV_IS_DATABASE (database), NULL);

  self = g_object_new (BV_TYPE_GROUPS_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->database = g_object_ref (database);
  g_signal_connect_object (bv_database_get_groups (database), "items-changed",
                           G_CALLBACK (groups_changed_cb), self, G_CONNECT_SWAPPED);
  fill (self);
  return self;
}
