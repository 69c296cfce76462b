/* bv-invite-group-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-default-roles.h"
#include "bv-invite-group-dialog.h"
#include "bv-ui-utils.h"

struct _BvInviteGroupDialog
{
  AdwMessageDialog  parent_instance;

  BvDatabase       *database;
  GHashTable       *invited;    /* member ids */
  GtkLabel         *count_label;
  char             *group_id;
  gboolean          all_members;
};

G_DEFINE_FINAL_TYPE (BvInviteGroupDialog, bv_invite_group_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* Position 0 is "All members", position i + 1 the group i. */
static void
group_chosen_cb (GtkDropDown         *drop_down,
                 GParamSpec          *pspec,
                 BvInviteGroupDialog *self)
{
  GListModel *groups = bv_database_get_groups (self->database);
  g_autoptr(BvGroup) group = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *text = NULL;
  guint position = gtk_drop_down_get_selected (drop_down);
  guint missing = 0;

  if (position == GTK_INVALID_LIST_POSITION || position > g_list_model_get_n_items (groups))
    return;

  g_clear_pointer (&self->group_id, g_free);
  self->all_members = position == 0;
  if (self->all_members)
    {
      GListModel *all = bv_database_get_members (self->database);

      members = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < g_list_model_get_n_items (all); i++)
        g_ptr_array_add (members, g_list_model_get_item (all, i));
    }
  else
    {
      group = g_list_model_get_item (groups, position - 1);
      members = bv_database_list_group_members (self->database, bv_group_get_id (group));
      self->group_id = g_strdup (bv_group_get_id (group));
    }
  for (guint i = 0; i < members->len; i++)
    if (!g_hash_table_contains (self->invited, bv_member_get_id (g_ptr_array_index (members, i))))
      missing++;

  if (members->len == 0 && self->all_members)
    text = g_strdup (_("There are no members yet."));
  else if (members->len == 0)
    text = g_strdup (_("Nobody is in this group yet."));
  else if (missing == members->len)
    /* Translators: the number of members of a group, none of them invited
     * yet; inviting only puts them on the list, it sends nothing. */
    text = g_strdup_printf (ngettext ("%u member, not invited yet. Inviting puts them on the list; "
                                      "nothing is sent yet.",
                                      "%u members, none of them invited yet. Inviting puts them on the "
                                      "list; nothing is sent yet.", members->len),
                            members->len);
  else
    /* Translators: %1$u is the size of a group, %2$u how many of them are not invited yet. */
    text = g_strdup_printf (ngettext ("%1$u member; %2$u of them not invited yet.",
                                      "%1$u members; %2$u of them not invited yet.", members->len),
                            members->len, missing);
  gtk_label_set_text (self->count_label, text);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "invite", missing > 0);
}

static void
bv_invite_group_dialog_finalize (GObject *object)
{
  BvInviteGroupDialog *self = BV_INVITE_GROUP_DIALOG (object);

  g_clear_object (&self->database);
  g_clear_pointer (&self->invited, g_hash_table_unref);
  g_free (self->group_id);

  G_OBJECT_CLASS (bv_invite_group_dialog_parent_class)->finalize (object);
}

static void
bv_invite_group_dialog_class_init (BvInviteGroupDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bv_invite_group_dialog_finalize;
}

static void
bv_invite_group_dialog_init (BvInviteGroupDialog *self)
{
}

BvInviteGroupDialog *
bv_invite_group_dialog_new (GtkWindow  *parent,
                            BvDatabase *database,
                            GHashTable *invited,
                            BvMeetingKind kind)
{
  BvInviteGroupDialog *self;
  AdwMessageDialog *dialog;
  GtkWidget *box, *drop_down;
  g_autoptr(GtkStringList) names = NULL;
  GListModel *groups;
  guint suggested;
  GHashTableIter iter;
  gpointer member_id;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BV_IS_DATABASE (database), NULL);

  self = g_object_new (BV_TYPE_INVITE_GROUP_DIALOG,
                       "transient-for", parent,
                       "heading", _("Invite a Group"),
                       "body", _("Everyone in the group is put on the list of invited people, "
                                 "each with a personal link. People invited already keep their "
                                 "role."),
                       NULL);
  dialog = ADW_MESSAGE_DIALOG (self);
  self->database = g_object_ref (database);
  self->invited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (invited)
    {
      g_hash_table_iter_init (&iter, invited);
      while (g_hash_table_iter_next (&iter, &member_id, NULL))
        g_hash_table_add (self->invited, g_strdup (member_id));
    }

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "invite", _("_Invite"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "invite", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "invite");
  adw_message_dialog_set_close_response (dialog, "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  groups = bv_database_get_groups (database);
  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("All Members"));
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(BvGroup) group = g_list_model_get_item (groups, i);

      gtk_string_list_append (names, bv_group_get_name (group));
    }
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  suggested = bv_default_roles_suggest_group (kind, groups);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down),
                              suggested == BV_DEFAULT_ROLES_ALL_MEMBERS ? 0 : suggested + 1);
  gtk_widget_set_tooltip_text (drop_down, _("Group"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Group"),
                                  -1);
  gtk_box_append (GTK_BOX (box), drop_down);
  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->count_label, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->count_label));
  adw_message_dialog_set_extra_child (dialog, box);

  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (group_chosen_cb), self);
  group_chosen_cb (GTK_DROP_DOWN (drop_down), NULL, self);
  bv_ui_fix_accessible_names (GTK_WIDGET (self));
  return self;
}

const char *
bv_invite_group_dialog_get_group_id (BvInviteGroupDialog *self)
{
  g_return_val_if_fail (BV_IS_INVITE_GROUP_DIALOG (self), NULL);

  return self->group_id;
}

gboolean
bv_invite_group_dialog_get_all_members (BvInviteGroupDialog *self)
{
  g_return_val_if_fail (BV_IS_INVITE_GROUP_DIALOG (self), FALSE);

  return self->all_members;
}
