/* bv-member-chooser.c
 *
 * Members to invite, chosen by check box.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bv-member.h"
#include "bv-member-chooser.h"
#include "bv-ui-utils.h"

struct _BvMemberChooser
{
  AdwWindow       parent_instance;

  GtkButton      *invite_button;
  GtkSearchEntry *search_entry;
  GtkListBox     *list_box;
  GtkButton      *select_all_button;

  GPtrArray      *checks;      /* GtkCheckButton, with "member" data */
};

G_DEFINE_FINAL_TYPE (BvMemberChooser, bv_member_chooser, ADW_TYPE_WINDOW)

enum {
  MEMBERS_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_select_all (BvMemberChooser *self);

static void
update_invite_button (BvMemberChooser *self)
{
  guint chosen = 0;
  g_autofree char *label = NULL;

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      chosen++;

  gtk_widget_set_sensitive (GTK_WIDGET (self->invite_button), chosen > 0);
  if (chosen > 0)
    /* Translators: the button that invites the chosen members. */
    label = g_strdup_printf (ngettext ("_Invite %u Member", "_Invite %u Members", chosen), chosen);
  else
    label = g_strdup (_("_Invite"));
  gtk_button_set_label (self->invite_button, label);
  if (self->select_all_button)
    update_select_all (self);
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  BvMemberChooser *self = user_data;
  BvMember *member = g_object_get_data (G_OBJECT (row), "member");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = NULL;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;

  if (!member || !*text)
    return TRUE;

  needle = g_utf8_casefold (text, -1);
  name = g_utf8_casefold (bv_member_get_name (member) ? bv_member_get_name (member) : "", -1);
  email = g_utf8_casefold (bv_member_get_email (member) ? bv_member_get_email (member) : "", -1);
  return strstr (name, needle) || strstr (email, needle);
}

/* Whether every member the search shows is checked. */
static gboolean
all_shown_checked (BvMemberChooser *self)
{
  guint shown = 0;

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->checks, i);
      GtkWidget *row = gtk_widget_get_ancestor (check, GTK_TYPE_LIST_BOX_ROW);

      if (row && !filter_row (GTK_LIST_BOX_ROW (row), self))
        continue;
      shown++;
      if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        return FALSE;
    }
  return shown > 0;
}

static void
update_select_all (BvMemberChooser *self)
{
  gboolean all = all_shown_checked (self);

  gtk_button_set_label (self->select_all_button, all ? _("Select _None") : _("Select _All"));
  gtk_widget_set_visible (GTK_WIDGET (self->select_all_button), self->checks->len > 0);
}

static void
select_all_clicked_cb (BvMemberChooser *self)
{
  gboolean check_them = !all_shown_checked (self);

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->checks, i);
      GtkWidget *row = gtk_widget_get_ancestor (check, GTK_TYPE_LIST_BOX_ROW);

      if (row && !filter_row (GTK_LIST_BOX_ROW (row), self))
        continue;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), check_them);
    }
  update_select_all (self);
}

static void
search_changed_cb (BvMemberChooser *self)
{
  gtk_list_box_invalidate_filter (self->list_box);
  update_select_all (self);
}

static void
invite_clicked_cb (BvMemberChooser *self)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);

      if (gtk_check_button_get_active (check))
        g_ptr_array_add (members, g_object_ref (g_object_get_data (G_OBJECT (check), "member")));
    }

  g_signal_emit (self, signals[MEMBERS_CHOSEN], 0, members);
}

static GtkWidget *
new_row (BvMemberChooser *self,
         BvMember        *member)
{
  const char *email = bv_member_get_email (member);
  GtkWidget *row, *check;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bv_member_get_name (member));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), email && *email ? email : _("No e-mail address"));
  check = gtk_check_button_new ();
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, bv_member_get_name (member),
                                  -1);
  g_object_set_data_full (G_OBJECT (check), "member", g_object_ref (member), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "member", g_object_ref (member), g_object_unref);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_invite_button), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_ptr_array_add (self->checks, check);
  return row;
}

static void
fill (BvMemberChooser *self,
      GListModel      *members,
      GHashTable      *invited)
{
  guint n_items = g_list_model_get_n_items (members);
  GtkWidget *placeholder;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BvMember) member = g_list_model_get_item (members, i);

      if (invited && g_hash_table_contains (invited, bv_member_get_id (member)))
        continue;
      gtk_list_box_append (self->list_box, new_row (self, member));
    }

  placeholder = gtk_label_new (n_items == 0
                               ? _("No members yet. Add them on the Members page, or invite a guest.")
                               : self->checks->len == 0
                               ? _("Every member is invited already.")
                               : _("No member’s name or address contains what you searched for."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->list_box, placeholder);
  update_invite_button (self);
}

static void
bv_member_chooser_finalize (GObject *object)
{
  BvMemberChooser *self = BV_MEMBER_CHOOSER (object);

  g_ptr_array_unref (self->checks);

  G_OBJECT_CLASS (bv_member_chooser_parent_class)->finalize (object);
}

static void
bv_member_chooser_class_init (BvMemberChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bv_member_chooser_finalize;

  /**
   * BvMemberChooser::members-chosen:
   * @members: (element-type BvMember): the checked members
   */
  signals[MEMBERS_CHOSEN] = g_signal_new ("members-chosen",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bv-member-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, BvMemberChooser, invite_button);
  gtk_widget_class_bind_template_child (widget_class, BvMemberChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BvMemberChooser, list_box);
  gtk_widget_class_bind_template_child (widget_class, BvMemberChooser, select_all_button);
  gtk_widget_class_bind_template_callback (widget_class, gtk_window_destroy);
  gtk_widget_class_bind_template_callback (widget_class, invite_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, select_all_clicked_cb);
}

static void
bv_member_chooser_init (BvMemberChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->checks = g_ptr_array_new ();
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->list_box, filter_row, self, NULL);
}

BvMemberChooser *
bv_member_chooser_new (GtkWindow  *parent,
                       GListModel *members,
                       GHashTable *invited)
{
  BvMemberChooser *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (members), NULL);

  self = g_object_new (BV_TYPE_MEMBER_CHOOSER,
                       "transient-for", parent,
                       NULL);
  fill (self, members, invited);
  bv_ui_fix_accessible_names (GTK_WIDGET (self));
  return self;
}
