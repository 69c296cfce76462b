/* bv-invitation-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-invitation-row.h"

struct _BvInvitationRow
{
  AdwActionRow   parent_instance;

  BvParticipant *participant;
  GtkDropDown   *role;
  gulong         role_handler;
};

G_DEFINE_FINAL_TYPE (BvInvitationRow, bv_invitation_row, ADW_TYPE_ACTION_ROW)

enum {
  ROLE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
role_changed_cb (GtkDropDown     *drop_down,
                 GParamSpec      *pspec,
                 BvInvitationRow *self)
{
  BvParticipantRole role = gtk_drop_down_get_selected (drop_down) == 0
                           ? BV_PARTICIPANT_ROLE_MODERATOR : BV_PARTICIPANT_ROLE_PARTICIPANT;

  if (role != bv_participant_get_role (self->participant))
    g_signal_emit (self, signals[ROLE_CHOSEN], 0, (int) role);
}

void
bv_invitation_row_show_role (BvInvitationRow   *self,
                             BvParticipantRole  role)
{
  g_return_if_fail (BV_IS_INVITATION_ROW (self));

  g_signal_handler_block (self->role, self->role_handler);
  gtk_drop_down_set_selected (self->role, role == BV_PARTICIPANT_ROLE_MODERATOR ? 0 : 1);
  g_signal_handler_unblock (self->role, self->role_handler);
}

static GtkWidget *
row_button (const char *icon_name,
            const char *label,
            const char *tooltip,
            const char *action_name,
            const char *participant_id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  if (action_name)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", participant_id);
    }
  else
    gtk_widget_set_sensitive (button, FALSE);
  return button;
}

static void
build (BvInvitationRow *self)
{
  const char *roles[] = { _("Moderator"), _("Participant"), NULL };
  BvParticipant *participant = self->participant;
  const char *name = bv_participant_get_name (participant);
  const char *email = bv_participant_get_email (participant);
  const char *id = bv_participant_get_id (participant);
  gboolean has_email = email && *email;
  g_autofree char *subtitle = NULL;
  g_autofree char *tooltip = NULL;
  AdwActionRow *row = ADW_ACTION_ROW (self);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name ? name : "");
  if (bv_participant_is_guest (participant))
    /* Translators: a row's subtitle: an e-mail address (or "No e-mail address") and that the person is a guest. */
    subtitle = g_strdup_printf (_("%s · Guest"), has_email ? email : _("No e-mail address"));
  else
    subtitle = g_strdup (has_email ? email : _("No e-mail address"));
  adw_action_row_set_subtitle (row, subtitle);

  self->role = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (roles));
  gtk_widget_set_valign (GTK_WIDGET (self->role), GTK_ALIGN_CENTER);
  gtk_drop_down_set_selected (self->role,
                              bv_participant_get_role (participant) == BV_PARTICIPANT_ROLE_MODERATOR ? 0 : 1);
  /* Translators: %s is a person's name. */
  tooltip = g_strdup_printf (_("Role of %s"), name ? name : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->role), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->role),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Role"),
                                  -1);
  self->role_handler = g_signal_connect (self->role, "notify::selected", G_CALLBACK (role_changed_cb), self);
  adw_action_row_add_suffix (row, GTK_WIDGET (self->role));

  adw_action_row_add_suffix (row, row_button ("view-reveal-symbolic", _("Show Invitation"),
                                              _("Show the invitation as this person gets it"),
                                              "invite.preview", id));
  /* Clicking the name shows it too. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self), "invite.preview");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self), "s", id);
  adw_action_row_add_suffix (row, row_button ("insert-link-symbolic", _("Copy Link"),
                                              _("Copy the personal link"), "invite.copy-link", id));
  adw_action_row_add_suffix (row, row_button ("edit-copy-symbolic", _("Copy Invitation"),
                                              _("Copy the whole invitation text with the personal link"),
                                              "invite.copy-text", id));
  adw_action_row_add_suffix (row, row_button ("mail-send-symbolic", _("E-Mail"),
                                              has_email ? _("Write the invitation in your e-mail program")
                                                        : _("No e-mail address is known for this person"),
                                              has_email ? "invite.send-mail" : NULL, id));
  adw_action_row_add_suffix (row, row_button ("list-remove-symbolic", _("Remove"),
                                              _("Remove from the invited people"), "invite.remove", id));
}

static void
bv_invitation_row_dispose (GObject *object)
{
  BvInvitationRow *self = BV_INVITATION_ROW (object);

  g_clear_object (&self->participant);

  G_OBJECT_CLASS (bv_invitation_row_parent_class)->dispose (object);
}

static void
bv_invitation_row_class_init (BvInvitationRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = bv_invitation_row_dispose;

  /**
   * BvInvitationRow::role-chosen:
   * @role: the BvParticipantRole chosen
   */
  signals[ROLE_CHOSEN] = g_signal_new ("role-chosen",
                                       G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
bv_invitation_row_init (BvInvitationRow *self)
{
}

BvInvitationRow *
bv_invitation_row_new (BvParticipant *participant)
{
  BvInvitationRow *self;

  g_return_val_if_fail (BV_IS_PARTICIPANT (participant), NULL);

  self = g_object_new (BV_TYPE_INVITATION_ROW, NULL);
  self->participant = g_object_ref (participant);
  build (self);
  return self;
}

BvParticipant *
bv_invitation_row_get_participant (BvInvitationRow *self)
{
  g_return_val_if_fail (BV_IS_INVITATION_ROW (self), NULL);

  return self->participant;
}
