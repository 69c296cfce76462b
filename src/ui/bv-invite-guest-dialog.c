/* bv-invite-guest-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-email-text.h"
#include "bv-invite-guest-dialog.h"
#include "bv-member.h"
#include "bv-ui-utils.h"

struct _BvInviteGuestDialog
{
  AdwMessageDialog  parent_instance;

  GtkWidget        *name;
  GtkWidget        *email;
  GtkLabel         *hint;
};

G_DEFINE_FINAL_TYPE (BvInviteGuestDialog, bv_invite_guest_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
entries_changed_cb (BvInviteGuestDialog *self)
{
  g_autofree char *name_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name))));
  g_autofree char *email_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->email))));
  g_autofree char *email_problem = bv_email_text_problem (email_text);
  gboolean email_ok = email_problem == NULL;

  if (email_ok)
    gtk_widget_remove_css_class (self->email, "error");
  else
    gtk_widget_add_css_class (self->email, "error");
  /* Why Invite is grey, in words. */
  if (email_problem)
    bv_ui_show_message (self->hint, email_problem, "error");
  else if (!*name_text)
    bv_ui_show_message (self->hint, _("Enter the guest’s name to invite them."), "dim-label");
  else
    bv_ui_show_message (self->hint, NULL, NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "invite", *name_text && email_ok);
}

static void
bv_invite_guest_dialog_class_init (BvInviteGuestDialogClass *klass)
{
}

static void
bv_invite_guest_dialog_init (BvInviteGuestDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  GtkWidget *list, *box;

  adw_message_dialog_set_heading (dialog, _("Invite a Guest"));
  adw_message_dialog_set_body (dialog, _("Someone from outside the club. Guests get a "
                                         "personal link like members; the e-mail address "
                                         "is needed only to send it by e-mail."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "invite", _("_Invite"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "invite", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "invite");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "invite", FALSE);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Guest"),
                                  -1);
  self->name = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name), _("Name"));
  gtk_list_box_append (GTK_LIST_BOX (list), self->name);
  self->email = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->email), _("E-Mail Address"));
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->email), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), self->email);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), list);
  self->hint = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->hint, TRUE);
  gtk_label_set_xalign (self->hint, 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->hint));
  adw_message_dialog_set_extra_child (dialog, box);

  g_signal_connect_swapped (self->name, "changed", G_CALLBACK (entries_changed_cb), self);
  g_signal_connect_swapped (self->email, "changed", G_CALLBACK (entries_changed_cb), self);
  entries_changed_cb (self);
}

BvInviteGuestDialog *
bv_invite_guest_dialog_new (GtkWindow *parent)
{
  BvInviteGuestDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (BV_TYPE_INVITE_GUEST_DIALOG,
                       "transient-for", parent,
                       NULL);
  bv_ui_fix_accessible_names (GTK_WIDGET (self));
  return self;
}

void
bv_invite_guest_dialog_present (BvInviteGuestDialog *self)
{
  g_return_if_fail (BV_IS_INVITE_GUEST_DIALOG (self));

  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (self->name);
}

const char *
bv_invite_guest_dialog_get_name (BvInviteGuestDialog *self)
{
  g_return_val_if_fail (BV_IS_INVITE_GUEST_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->name));
}

const char *
bv_invite_guest_dialog_get_email (BvInviteGuestDialog *self)
{
  g_return_val_if_fail (BV_IS_INVITE_GUEST_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->email));
}
