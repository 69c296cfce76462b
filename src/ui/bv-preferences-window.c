/* bv-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-invitation-settings.h"
#include "bv-mail-account-page.h"
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
  AdwPreferencesPage   *invitations_page;
  AdwEntryRow          *club_name_row;
  AdwPreferencesGroup  *assembly_group;
  AdwActionRow         *period_row;
  GtkSpinButton        *period_spin;
  AdwActionRow         *retention_row;
  GtkSpinButton        *retention_spin;
  AdwComboRow          *electorate_row;
  AdwComboRow          *quorum_kind_row;
  AdwActionRow         *quorum_number_row;
  GtkSpinButton        *quorum_number_spin;
  AdwActionRow         *quorum_share_row;
  GtkSpinButton        *quorum_numerator_spin;
  GtkSpinButton        *quorum_denominator_spin;
  GPtrArray            *electorate_ids;  /* group id per row after "All members" */
  GtkTextView          *participation_view;
  AdwEntryRow          *privacy_contact_row;
  GtkTextView          *template_view;
  GtkLabel             *preview_label;
  BvMeeting            *sample_meeting;

  GSettings            *settings;
  BvContext      *manager;
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
                                    bv_ui_toast_new_format (_("Server “%s” saved"),
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
                                    bv_ui_toast_new_format (_("Server “%s” removed"),
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
    server = bv_context_find_server (self->manager, id);

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
                         g_list_model_get_n_items (bv_context_get_servers (self->manager)) > 0;

  adw_preferences_group_set_description (self->background_group,
                                         has_servers ? NULL
                                                     : _("Takes effect once a conference server is set up."));
}

/* invitations */

static gboolean
has_invitation_keys (BvPreferencesWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  return schema &&
         g_settings_schema_has_key (schema, "invitation-template") &&
         g_settings_schema_has_key (schema, "club-name") &&
         g_settings_schema_has_key (schema, "privacy-contact");
}

static char *
get_template_text (BvPreferencesWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->template_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_preview (BvPreferencesWindow *self)
{
  g_autofree char *template_text = get_template_text (self);
  /* The club's details as saved; the template as typed, not yet saved. */
  g_autoptr(BvInvitationSettings) saved = bv_invitation_settings_read (self->settings, NULL, NULL);
  g_autofree char *text = NULL;

  if (!self->sample_meeting)
    {
      /* The clubs this app is for meet in Germany. */
      g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
      g_autoptr(GTimeZone) zone = berlin ? g_time_zone_ref (berlin) : g_time_zone_new_utc ();
      g_autoptr(GDateTime) now = g_date_time_new_now (zone);
      g_autoptr(GDateTime) later = g_date_time_add_days (now, 14);
      g_autofree char *start = g_date_time_format (later, "%Y-%m-%dT19:00:00");

      self->sample_meeting = bv_meeting_new (BV_MEETING_KIND_ASSEMBLY);
      /* Translators: the title of the sample meeting in the invitation preview. */
      bv_meeting_set_title (self->sample_meeting, _("General Meeting"));
      bv_meeting_set_start (self->sample_meeting, start, berlin ? "Europe/Berlin" : "Etc/UTC");
    }

  text = bv_invitation_render (template_text, self->sample_meeting,
                               /* Translators: the sample person's name in the invitation preview. */
                               _("Jane Doe"),
                               "https://bbb.example.org/bigbluebutton/api/join?fullName=…&checksum=…",
                               &saved->context);
  gtk_label_set_text (self->preview_label, text);
}

static void
template_changed_cb (BvPreferencesWindow *self)
{
  g_autofree char *text = get_template_text (self);

  /* The default is stored as "", so that a translation or a better
   * default in a later version reaches those who never changed it. */
  if (g_str_equal (text, bv_invitation_default_template ()))
    g_settings_reset (self->settings, "invitation-template");
  else
    g_settings_set_string (self->settings, "invitation-template", text);
  update_preview (self);
}

static void
restore_template_cb (BvPreferencesWindow *self)
{
  g_settings_reset (self->settings, "invitation-template");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->template_view),
                            bv_invitation_default_template (), -1);
}

static const char * const quorum_kinds[] = { "any", "number", "fraction" };

static void
quorum_rows_update (BvPreferencesWindow *self)
{
  guint kind = adw_combo_row_get_selected (self->quorum_kind_row);

  gtk_widget_set_visible (GTK_WIDGET (self->quorum_number_row), kind == 1);
  gtk_widget_set_visible (GTK_WIDGET (self->quorum_share_row), kind == 2);
}

static void
quorum_kind_selected_cb (BvPreferencesWindow *self)
{
  guint kind = adw_combo_row_get_selected (self->quorum_kind_row);

  if (kind < G_N_ELEMENTS (quorum_kinds))
    g_settings_set_string (self->settings, "quorum-kind", quorum_kinds[kind]);
  quorum_rows_update (self);
}

static void
electorate_selected_cb (BvPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->electorate_row);

  if (selected == 0 || selected > self->electorate_ids->len)
    g_settings_set_string (self->settings, "quorum-group", "");
  else
    g_settings_set_string (self->settings, "quorum-group", g_ptr_array_index (self->electorate_ids, selected - 1));
}

/* "All members" and the club's groups; the one set is selected. */
static void
setup_quorum (BvPreferencesWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *kind = g_settings_get_string (self->settings, "quorum-kind");
  g_autofree char *group_id = g_settings_get_string (self->settings, "quorum-group");
  guint selected = 0;

  gtk_string_list_append (names, _("All members"));
  if (self->manager)
    {
      GListModel *groups = bv_database_get_groups (bv_context_get_database (self->manager));

      for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
        {
          g_autoptr(BvGroup) group = g_list_model_get_item (groups, i);
          /* Translators: %s is a group's name: who is entitled to vote */
          g_autofree char *label = g_strdup_printf (_("Members of “%s”"), bv_group_get_name (group));

          gtk_string_list_append (names, label);
          g_ptr_array_add (self->electorate_ids, g_strdup (bv_group_get_id (group)));
          if (g_str_equal (group_id, bv_group_get_id (group)))
            selected = i + 1;
        }
    }
  adw_combo_row_set_model (self->electorate_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->electorate_row, selected);
  g_signal_connect_object (self->electorate_row, "notify::selected",
                           G_CALLBACK (electorate_selected_cb), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < G_N_ELEMENTS (quorum_kinds); i++)
    if (g_str_equal (kind, quorum_kinds[i]))
      adw_combo_row_set_selected (self->quorum_kind_row, i);
  g_signal_connect_object (self->quorum_kind_row, "notify::selected",
                           G_CALLBACK (quorum_kind_selected_cb), self, G_CONNECT_SWAPPED);
  quorum_rows_update (self);

  g_settings_bind (self->settings, "quorum-number",
                   gtk_spin_button_get_adjustment (self->quorum_number_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "quorum-numerator",
                   gtk_spin_button_get_adjustment (self->quorum_numerator_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "quorum-denominator",
                   gtk_spin_button_get_adjustment (self->quorum_denominator_spin), "value", G_SETTINGS_BIND_DEFAULT);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->quorum_number_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Entitled Voters Required"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->quorum_numerator_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Numerator of the share required"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->quorum_denominator_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Denominator of the share required"), -1);
}

static void
participation_changed_cb (BvPreferencesWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->participation_view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  /* The built-in text stays translatable until the club writes its own. */
  if (g_str_equal (g_strstrip (text), bv_invitation_default_participation ()) || !*text)
    g_settings_reset (self->settings, "assembly-participation");
  else
    g_settings_set_string (self->settings, "assembly-participation", text);
}

/* The assembly's keys came later than the others. */
static void
setup_assembly (BvPreferencesWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *participation = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->participation_view);

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (!schema || !g_settings_schema_has_key (schema, "invitation-period-days") ||
      !g_settings_schema_has_key (schema, "assembly-participation") ||
      !g_settings_schema_has_key (schema, "attendance-retention-months") ||
      !g_settings_schema_has_key (schema, "quorum-kind") ||
      !g_settings_schema_has_key (schema, "quorum-group"))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->assembly_group), FALSE);
      return;
    }

  g_settings_bind (self->settings, "invitation-period-days",
                   gtk_spin_button_get_adjustment (self->period_spin), "value", G_SETTINGS_BIND_DEFAULT);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->period_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->period_row)),
                                  -1);
  g_settings_bind (self->settings, "attendance-retention-months",
                   gtk_spin_button_get_adjustment (self->retention_spin), "value", G_SETTINGS_BIND_DEFAULT);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->retention_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->retention_row)),
                                  -1);
  setup_quorum (self);
  participation = g_settings_get_string (self->settings, "assembly-participation");
  gtk_text_buffer_set_text (buffer, *participation ? participation : bv_invitation_default_participation (), -1);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (participation_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
setup_invitations (BvPreferencesWindow *self)
{
  g_autofree char *template_text = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->template_view);

  if (!has_invitation_keys (self))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->invitations_page), FALSE);
      return;
    }

  g_settings_bind (self->settings, "club-name", self->club_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "privacy-contact", self->privacy_contact_row, "text", G_SETTINGS_BIND_DEFAULT);

  template_text = g_settings_get_string (self->settings, "invitation-template");
  gtk_text_buffer_set_text (buffer, *template_text ? template_text : bv_invitation_default_template (), -1);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (template_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::club-name",
                           G_CALLBACK (update_preview), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::privacy-contact",
                           G_CALLBACK (update_preview), self, G_CONNECT_SWAPPED);
  update_preview (self);
  setup_assembly (self);
}

/* e-mail */

static void
mail_saved_cb (BvPreferencesWindow *self)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    bv_ui_toast_new (_("E-mail account saved")));
  bv_ui_fix_accessible_names (GTK_WIDGET (self));
}

static void
setup_mail (BvPreferencesWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  BvMailAccountPage *page;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (!schema || !g_settings_schema_has_key (schema, "mail-address"))
    return;

  page = bv_mail_account_page_new (self->settings);
  g_signal_connect_object (page, "saved", G_CALLBACK (mail_saved_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
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
    gtk_list_box_bind_model (self->servers_list, bv_context_get_servers (self->manager),
                             create_server_row, self, NULL);
  else
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.add-server", FALSE);

  /* Translators: %s is the user's real name as the system knows it. */
  /* the description is markup */
  description = g_markup_printf_escaped (_("Other participants see this name when you join a meeting. "
                                           "If the field is empty, your name from the system is used: %s."),
                                         g_get_real_name ());
  adw_preferences_group_set_description (self->name_group, description);

  display_name = g_settings_get_string (self->settings, "display-name");
  gtk_editable_set_text (GTK_EDITABLE (self->display_name_row), display_name);

  g_signal_connect_object (self->settings, "changed::practice-server",
                           G_CALLBACK (practice_setting_changed_cb), self, G_CONNECT_SWAPPED);
  if (self->manager)
    g_signal_connect_object (bv_context_get_servers (self->manager), "items-changed",
                             G_CALLBACK (practice_setting_changed_cb), self, G_CONNECT_SWAPPED);
  update_practice_row (self);

  g_settings_bind (self->settings, "background-reminders",
                   self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reminder-lead-minutes",
                   gtk_spin_button_get_adjustment (self->lead_spin), "value", G_SETTINGS_BIND_DEFAULT);
  if (self->manager)
    g_signal_connect_object (bv_context_get_servers (self->manager), "items-changed",
                             G_CALLBACK (update_background_group), self, G_CONNECT_SWAPPED);
  update_background_group (self);
  /* The switch gets its name from bv_ui_fix_accessible_names (); a spin
   * button in a row has none of its own. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->lead_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->lead_row)),
                                  -1);

  setup_invitations (self);
  setup_mail (self);
}

static void
bv_preferences_window_dispose (GObject *object)
{
  BvPreferencesWindow *self = BV_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->manager);
  g_clear_object (&self->sample_meeting);
  g_clear_pointer (&self->electorate_ids, g_ptr_array_unref);

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
    g_param_spec_object ("manager", NULL, NULL, BV_TYPE_CONTEXT,
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
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, invitations_page);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, club_name_row);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, assembly_group);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, period_row);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, period_spin);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, retention_row);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, retention_spin);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, electorate_row);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, quorum_kind_row);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, quorum_number_row);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, quorum_number_spin);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, quorum_share_row);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, quorum_numerator_spin);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, quorum_denominator_spin);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, participation_view);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, privacy_contact_row);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, template_view);
  gtk_widget_class_bind_template_child (widget_class, BvPreferencesWindow, preview_label);
  gtk_widget_class_bind_template_callback (widget_class, server_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, restore_template_cb);
  gtk_widget_class_bind_template_callback (widget_class, display_name_changed_cb);

  gtk_widget_class_install_action (widget_class, "prefs.add-server", NULL, add_server_action);
}

static void
bv_preferences_window_init (BvPreferencesWindow *self)
{
  self->electorate_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  bv_ui_fix_accessible_names (GTK_WIDGET (self));
}

BvPreferencesWindow *
bv_preferences_window_new (GtkWindow       *parent,
                           GSettings       *settings,
                           BvContext *manager)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (!manager || BV_IS_CONTEXT (manager), NULL);

  return g_object_new (BV_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       "manager", manager,
                       NULL);
}
