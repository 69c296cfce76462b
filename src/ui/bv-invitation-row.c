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
  AdwActionRow         parent_instance;

  BvParticipant       *participant;
  GtkDropDown         *role;
  gulong               role_handler;
  GMenu               *menu;
  GtkSpinner          *spinner;
  GtkWidget           *send_button;   /* "Send ▾" */
  GtkWidget           *again_button;  /* "Send Again | ▾" after a failure */
  BvInvitationRowMail  mail_state;
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

static gboolean
has_email (BvInvitationRow *self)
{
  const char *email = bv_participant_get_email (self->participant);

  return email && *email;
}

static void
append_item (GMenu      *section,
             const char *label,
             const char *action_name,
             const char *participant_id)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action_name, g_variant_new_string (participant_id));
  g_menu_append_item (section, item);
}

/* Everything one can do with one person's invitation, in words: the
 * icons these replace had to be hovered over one by one. Sending needs
 * an address; without one, the ways that need it are left out rather
 * than greyed out, and the row's subtitle says why. */
static GMenu *
build_menu (BvInvitationRow *self)
{
  const char *id = bv_participant_get_id (self->participant);
  g_autoptr(GMenu) send = g_menu_new ();
  g_autoptr(GMenu) look = g_menu_new ();
  g_autoptr(GMenu) other = g_menu_new ();
  GMenu *menu = g_menu_new ();

  if (has_email (self))
    append_item (send, _("Send by E-Mail"), "invite.mail-one", id);
  append_item (look, _("Show Invitation"), "invite.preview", id);
  append_item (look, _("Copy Link"), "invite.copy-link", id);
  append_item (look, _("Copy Invitation Text"), "invite.copy-text", id);
  if (has_email (self))
    append_item (other, _("Write in E-Mail Program"), "invite.send-mail", id);
  append_item (other, _("Save Calendar File…"), "invite.save-calendar", id);

  if (g_menu_model_get_n_items (G_MENU_MODEL (send)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (send));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (look));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (other));
  return menu;
}

/* libadwaita 1.2 leaves the arrow half of a split button unnamed. */
static void
name_split_arrow (GtkWidget  *split,
                  const char *name)
{
  for (GtkWidget *w = gtk_widget_get_first_child (split); w; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_MENU_BUTTON (w))
      {
        gtk_accessible_update_property (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        for (GtkWidget *b = gtk_widget_get_first_child (w); b; b = gtk_widget_get_next_sibling (b))
          if (GTK_IS_BUTTON (b))
            gtk_accessible_update_property (GTK_ACCESSIBLE (b), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      }
}

static void
build (BvInvitationRow *self)
{
  const char *roles[] = { _("Leads"), _("Takes part"), NULL };
  BvParticipant *participant = self->participant;
  const char *name = bv_participant_get_name (participant);
  const char *id = bv_participant_get_id (participant);
  g_autofree char *tooltip = NULL;
  AdwActionRow *row = ADW_ACTION_ROW (self);
  GtkWidget *remove;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name ? name : "");
  bv_invitation_row_show_mail (self, BV_INVITATION_ROW_MAIL_NONE, NULL, NULL, FALSE);

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

  /* Clicking the name shows the invitation as this person gets it. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self), "invite.preview");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self), "s", id);

  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sending"),
                                  -1);
  adw_action_row_add_suffix (row, GTK_WIDGET (self->spinner));

  self->menu = build_menu (self);

  self->send_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->send_button), _("Send"));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->send_button), G_MENU_MODEL (self->menu));
  gtk_widget_set_valign (self->send_button, GTK_ALIGN_CENTER);
  /* Translators: %s is a person's name. */
  g_clear_pointer (&tooltip, g_free);
  tooltip = g_strdup_printf (_("Send, show or copy the invitation of %s"), name ? name : "");
  gtk_widget_set_tooltip_text (self->send_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->send_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Send"),
                                  -1);
  adw_action_row_add_suffix (row, self->send_button);

  self->again_button = adw_split_button_new ();
  adw_split_button_set_label (ADW_SPLIT_BUTTON (self->again_button), _("Send Again"));
  adw_split_button_set_menu_model (ADW_SPLIT_BUTTON (self->again_button), G_MENU_MODEL (self->menu));
  adw_split_button_set_dropdown_tooltip (ADW_SPLIT_BUTTON (self->again_button), _("Other Ways to Send"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->again_button), "invite.mail-one");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->again_button), "s", id);
  gtk_widget_set_valign (self->again_button, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->again_button, FALSE);
  name_split_arrow (self->again_button, _("Other Ways to Send"));
  adw_action_row_add_suffix (row, self->again_button);

  /* The one icon left: removing is common enough and has an undo. */
  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove from the invited people"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"),
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "invite.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", id);
  adw_action_row_add_suffix (row, remove);
}

char *
bv_invitation_row_describe_mail (BvInvitationRowMail  state,
                                 GDateTime           *sent_at,
                                 const char          *error_text,
                                 gboolean             outdated)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *when = NULL;

  switch (state)
    {
    case BV_INVITATION_ROW_MAIL_SENDING:
      return g_strdup (_("Sending…"));

    case BV_INVITATION_ROW_MAIL_FAILED:
      /* Translators: %s says why, in a sentence. */
      return g_strdup_printf (_("Failed: %s"),
                              error_text && *error_text ? error_text : _("the reason is not known."));

    case BV_INVITATION_ROW_MAIL_SENT:
      if (!sent_at)
        return g_strdup (_("Sent"));
      local = g_date_time_to_local (sent_at);
      now = g_date_time_new_now_local ();
      when = g_date_time_format (local, g_date_time_get_year (local) == g_date_time_get_year (now)
                                        /* Translators: a date and time in g_date_time_format()'s
                                         * notation, for "Sent on 3 March, 18:02". */
                                        ? _("%-d %B, %H:%M")
                                        /* Translators: as "%-d %B, %H:%M", with the year. */
                                        : _("%-d %B %Y, %H:%M"));
      if (outdated)
        /* Translators: %s is a date and time such as "3 March, 18:02". */
        return g_strdup_printf (_("Sent on %s · changed since, send it again"), when);
      /* Translators: %s is a date and time such as "3 March, 18:02". */
      return g_strdup_printf (_("Sent on %s"), when);

    case BV_INVITATION_ROW_MAIL_NONE:
    default:
      return NULL;
    }
}

void
bv_invitation_row_show_mail (BvInvitationRow     *self,
                             BvInvitationRowMail  state,
                             GDateTime           *sent_at,
                             const char          *error_text,
                             gboolean             outdated)
{
  const char *email;
  g_autofree char *address = NULL;
  g_autofree char *mail = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (BV_IS_INVITATION_ROW (self));

  self->mail_state = state;
  email = bv_participant_get_email (self->participant);
  if (bv_participant_is_guest (self->participant))
    /* Translators: a row's subtitle: an e-mail address (or "No e-mail address") and that the person is a guest. */
    address = g_strdup_printf (_("%s · Guest"), has_email (self) ? email : _("No e-mail address"));
  else
    address = g_strdup (has_email (self) ? email : _("No e-mail address"));

  mail = bv_invitation_row_describe_mail (state, sent_at, error_text, outdated);
  subtitle = mail ? g_strconcat (address, "\n", mail, NULL) : g_steal_pointer (&address);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  if (self->spinner)
    {
      gboolean sending = state == BV_INVITATION_ROW_MAIL_SENDING;
      gboolean failed = state == BV_INVITATION_ROW_MAIL_FAILED && has_email (self);

      gtk_widget_set_visible (GTK_WIDGET (self->spinner), sending);
      gtk_spinner_set_spinning (self->spinner, sending);
      gtk_widget_set_visible (self->send_button, !failed);
      gtk_widget_set_visible (self->again_button, failed);
    }
}

GMenuModel *
bv_invitation_row_get_menu (BvInvitationRow *self)
{
  g_return_val_if_fail (BV_IS_INVITATION_ROW (self), NULL);

  return G_MENU_MODEL (self->menu);
}

static void
bv_invitation_row_dispose (GObject *object)
{
  BvInvitationRow *self = BV_INVITATION_ROW (object);

  g_clear_object (&self->participant);
  g_clear_object (&self->menu);

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
