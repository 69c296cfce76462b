/* bv-invite-window.c
 *
 * Who is invited to one meeting, and their personal invitations.
 *
 * The signing client is opened once when the window opens (the secret
 * comes from the keyring); links are then made locally and on demand, so
 * nothing here waits on the network except the link renewal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bv-invitation.h"
#include "bv-invitation-files.h"
#include "bv-invitation-settings.h"
#include "bv-invite-window.h"
#include "bv-server-client.h"
#include "bv-ui-utils.h"

typedef struct
{
  BvInviteWindow *window;       /* unowned */
  BvParticipant  *participant;
  GtkDropDown    *role;
  gulong          role_handler;
} Row;

struct _BvInviteWindow
{
  AdwWindow        parent_instance;

  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  GtkRevealer     *status_revealer;
  GtkRevealer     *removed_revealer;
  GtkSpinner      *status_spinner;
  GtkImage        *status_icon;
  GtkLabel        *status_label;
  GtkButton       *retry_button;
  GtkStack        *stack;
  GtkLabel        *summary_label;
  GtkListBox      *participants_list;

  BvServerManager *manager;
  GSettings       *settings;
  BvMeeting       *meeting;
  BvServer        *server;
  BvBbbClient     *client;      /* NULL until opened */
  GCancellable    *cancellable;
  gboolean         renewing;
  /* People removed (and not restored) since the links were last renewed:
   * links they were sent still work, which the window says. */
  guint            removed_count;

  GPtrArray       *participants; /* of BvParticipant, as listed */
  GPtrArray       *rows;         /* of Row */
};

G_DEFINE_FINAL_TYPE (BvInviteWindow, bv_invite_window, ADW_TYPE_WINDOW)

static void
update_summary (BvInviteWindow *self)
{
  guint moderators = 0;
  g_autofree char *summary = NULL;

  for (guint i = 0; i < self->participants->len; i++)
    if (bv_participant_get_role (g_ptr_array_index (self->participants, i)) == BV_PARTICIPANT_ROLE_MODERATOR)
      moderators++;

  /* Translators: how many people are invited and how many of them moderate. */
  summary = g_strdup_printf (_("Invited: %u · Moderators: %u"), self->participants->len, moderators);
  gtk_label_set_text (self->summary_label, summary);
}

static void
row_free (Row *row)
{
  g_clear_object (&row->participant);
  g_free (row);
}

static BvDatabase *
get_database (BvInviteWindow *self)
{
  return bv_server_manager_get_database (self->manager);
}

static void
toast (BvInviteWindow *self,
       AdwToast       *toast_)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast_);
  bv_ui_fix_accessible_names (GTK_WIDGET (self->toast_overlay));
}

static void
show_error (BvInviteWindow *self,
            const char     *heading,
            const char     *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  bv_ui_fix_accessible_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static BvInvitationSettings *
read_text_settings (BvInviteWindow *self)
{
  return bv_invitation_settings_read (self->settings, self->server, self->meeting);
}

static BvParticipant *
find_participant (BvInviteWindow *self,
                  const char     *participant_id)
{
  for (guint i = 0; i < self->participants->len; i++)
    {
      BvParticipant *participant = g_ptr_array_index (self->participants, i);

      if (g_strcmp0 (bv_participant_get_id (participant), participant_id) == 0)
        return participant;
    }
  return NULL;
}

static gboolean
is_invited (BvInviteWindow *self,
            const char     *member_id)
{
  for (guint i = 0; i < self->participants->len; i++)
    if (g_strcmp0 (bv_participant_get_member_id (g_ptr_array_index (self->participants, i)), member_id) == 0)
      return TRUE;
  return FALSE;
}

static char *
make_link (BvInviteWindow *self,
           BvParticipant  *participant)
{
  if (!self->client || self->renewing)
    return NULL;
  return bv_invitation_build_link (self->client, self->server, self->meeting, participant);
}

/* status bar and action states */

typedef enum {
  STATUS_NONE,
  STATUS_WORKING,
  STATUS_ERROR,
  STATUS_PROBLEM,   /* an error that trying again does not fix */
} Status;

static void
show_status (BvInviteWindow *self,
             Status          status,
             const char     *text)
{
  gboolean working = status == STATUS_WORKING;

  gtk_widget_set_visible (GTK_WIDGET (self->status_spinner), working);
  gtk_spinner_set_spinning (self->status_spinner, working);
  gtk_widget_set_visible (GTK_WIDGET (self->status_icon), status == STATUS_ERROR || status == STATUS_PROBLEM);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), status == STATUS_ERROR);
  if (text)
    gtk_label_set_text (self->status_label, text);
  gtk_revealer_set_reveal_child (self->status_revealer, status != STATUS_NONE);
}

static void
update_actions (BvInviteWindow *self)
{
  gboolean ready = self->client && !self->renewing;
  gboolean anyone = self->participants->len > 0;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "invite.copy-link", ready);
  gtk_widget_action_set_enabled (widget, "invite.copy-text", ready);
  gtk_widget_action_set_enabled (widget, "invite.preview", ready);
  gtk_widget_action_set_enabled (widget, "invite.send-mail", ready);
  gtk_widget_action_set_enabled (widget, "invite.copy-guest-link", ready);
  gtk_widget_action_set_enabled (widget, "invite.export-merge", ready && anyone);
  gtk_widget_action_set_enabled (widget, "invite.export-merge-to", ready && anyone);
  gtk_widget_action_set_enabled (widget, "invite.export-calendar", ready && anyone);
  gtk_widget_action_set_enabled (widget, "invite.export-calendar-to", ready && anyone);
  gtk_widget_action_set_enabled (widget, "invite.renew-links", self->server && !self->renewing);
  gtk_widget_action_set_enabled (widget, "invite.retry", self->server && !self->client && !self->renewing);
}

/* the signing client */

static void
client_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BvInviteWindow) self = user_data;
  g_autoptr(BvBbbClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  client = bv_server_client_open_finish (result, &error);
  /* Disposed (or closed) meanwhile: nothing left to show it in. */
  if (!self->cancellable || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (!client)
    {
      /* Translators: %s says why, e.g. that the keyring is locked. */
      text = g_strdup_printf (_("The personal links cannot be made at the moment: %s"), error->message);
      show_status (self, STATUS_ERROR, text);
      update_actions (self);
      return;
    }

  self->client = g_steal_pointer (&client);
  show_status (self, STATUS_NONE, NULL);
  update_actions (self);
}

static void
open_client (BvInviteWindow *self)
{
  const char *server_id = bv_meeting_get_server_id (self->meeting);

  g_clear_object (&self->server);
  if (server_id)
    self->server = bv_server_manager_find_server (self->manager, server_id);
  if (!self->server)
    {
      show_status (self, STATUS_PROBLEM,
                   _("This meeting has no conference server, so there are no links yet. "
                     "Choose a server in the meeting’s settings."));
      update_actions (self);
      return;
    }

  show_status (self, STATUS_WORKING, _("Preparing the personal links…"));
  update_actions (self);
  bv_server_client_open_async (self->server, self->cancellable, client_opened_cb, g_object_ref (self));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);

  if (!self->client)
    open_client (self);
}

/* the list */

static void
role_changed_cb (GtkDropDown *drop_down,
                 GParamSpec  *pspec,
                 Row         *row)
{
  BvInviteWindow *self = row->window;
  BvParticipantRole role = gtk_drop_down_get_selected (drop_down) == 0
                           ? BV_PARTICIPANT_ROLE_MODERATOR : BV_PARTICIPANT_ROLE_PARTICIPANT;
  BvParticipantRole old_role = bv_participant_get_role (row->participant);
  g_autoptr(GError) error = NULL;

  if (role == old_role)
    return;

  if (!bv_database_set_participant_role (get_database (self), bv_participant_get_id (row->participant),
                                         role, &error))
    {
      g_signal_handler_block (drop_down, row->role_handler);
      gtk_drop_down_set_selected (drop_down, old_role == BV_PARTICIPANT_ROLE_MODERATOR ? 0 : 1);
      g_signal_handler_unblock (drop_down, row->role_handler);
      toast (self, bv_ui_toast_new (error->message));
      return;
    }

  /* Not rebuilt, so that the focus stays on the drop-down; links made from
   * now on carry the new role. */
  bv_participant_set_role (row->participant, role);
  update_summary (self);
  /* A link already sent keeps the role it was made with. */
  toast (self, bv_ui_toast_new_format (role == BV_PARTICIPANT_ROLE_MODERATOR
                                       /* Translators: %s is a person's name. */
                                       ? _("“%s” moderates now: send the invitation again")
                                       /* Translators: %s is a person's name. */
                                       : _("“%s” takes part now: send the invitation again"),
                                       bv_participant_get_name (row->participant)));
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

static GtkWidget *
new_row (BvInviteWindow *self,
         BvParticipant  *participant)
{
  const char *roles[] = { _("Moderator"), _("Participant"), NULL };
  const char *name = bv_participant_get_name (participant);
  const char *email = bv_participant_get_email (participant);
  const char *id = bv_participant_get_id (participant);
  gboolean has_email = email && *email;
  g_autofree char *subtitle = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *widget, *button;
  Row *row;

  row = g_new0 (Row, 1);
  row->window = self;
  row->participant = g_object_ref (participant);

  widget = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widget), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), name ? name : "");
  if (bv_participant_is_guest (participant))
    /* Translators: a row's subtitle: an e-mail address (or "No e-mail address") and that the person is a guest. */
    subtitle = g_strdup_printf (_("%s · Guest"), has_email ? email : _("No e-mail address"));
  else
    subtitle = g_strdup (has_email ? email : _("No e-mail address"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), subtitle);

  row->role = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (roles));
  gtk_widget_set_valign (GTK_WIDGET (row->role), GTK_ALIGN_CENTER);
  gtk_drop_down_set_selected (row->role,
                              bv_participant_get_role (participant) == BV_PARTICIPANT_ROLE_MODERATOR ? 0 : 1);
  /* Translators: %s is a person's name. */
  tooltip = g_strdup_printf (_("Role of %s"), name ? name : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->role), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->role),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Role"),
                                  -1);
  row->role_handler = g_signal_connect (row->role, "notify::selected", G_CALLBACK (role_changed_cb), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (widget), GTK_WIDGET (row->role));

  button = row_button ("view-reveal-symbolic", _("Show Invitation"),
                       _("Show the invitation as this person gets it"), "invite.preview", id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (widget), button);
  /* Clicking the name shows it too. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (widget), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (widget), "invite.preview");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (widget), "s", id);
  button = row_button ("insert-link-symbolic", _("Copy Link"),
                       _("Copy the personal link"), "invite.copy-link", id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (widget), button);
  button = row_button ("edit-copy-symbolic", _("Copy Invitation"),
                       _("Copy the whole invitation text with the personal link"), "invite.copy-text", id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (widget), button);
  button = row_button ("mail-send-symbolic", _("E-Mail"),
                       has_email ? _("Write the invitation in your e-mail program")
                                 : _("No e-mail address is known for this person"),
                       has_email ? "invite.send-mail" : NULL, id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (widget), button);
  button = row_button ("list-remove-symbolic", _("Remove"),
                       _("Remove from the invited people"), "invite.remove", id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (widget), button);

  g_ptr_array_add (self->rows, row);
  return widget;
}

static void
rebuild (BvInviteWindow *self)
{
  GtkWidget *child;

  g_clear_pointer (&self->participants, g_ptr_array_unref);
  self->participants = bv_database_list_participants (get_database (self), bv_meeting_get_id (self->meeting));
  if (!self->participants)
    self->participants = g_ptr_array_new_with_free_func (g_object_unref);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->participants_list))))
    gtk_list_box_remove (self->participants_list, child);
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < self->participants->len; i++)
    {
      BvParticipant *participant = g_ptr_array_index (self->participants, i);

      gtk_list_box_append (self->participants_list, new_row (self, participant));
    }

  update_summary (self);
  gtk_stack_set_visible_child_name (self->stack, self->participants->len > 0 ? "list" : "empty");
  update_actions (self);
  bv_ui_fix_accessible_names (GTK_WIDGET (self->participants_list));
}

/* default roles (product.md, "Meeting kinds") */

static gboolean
is_board_group (BvGroup *group)
{
  g_autofree char *name = g_utf8_casefold (bv_group_get_name (group), -1);
  /* Translators: the usual name of a club's board as a group of members;
   * members of a group of this name moderate general assemblies. */
  g_autofree char *board = g_utf8_casefold (_("Board"), -1);

  return g_str_equal (name, board) || g_str_equal (name, "vorstand") || g_str_equal (name, "board");
}

/* Übungsleiter, Übungsleiterinnen, Kursleitung, Gruppenleitung, Trainer …:
 * the people who lead courses and groups. */
static gboolean
is_leader_group (BvGroup *group)
{
  g_autofree char *name = g_utf8_casefold (bv_group_get_name (group), -1);
  /* Translators: part of the name of a group of course or group leaders
   * ("Übungsleiter", "Kursleitung"); members of such a group moderate
   * courses, workshops and group meetings. Lower case. */
  g_autofree char *leader = g_utf8_casefold (_("leader"), -1);
  static const char * const parts[] = { "leiter", "leitung", "trainer", "leader", NULL };

  if (*leader && strstr (name, leader))
    return TRUE;
  for (guint i = 0; parts[i]; i++)
    if (strstr (name, parts[i]))
      return TRUE;
  return FALSE;
}

static gboolean
member_in_group (BvInviteWindow *self,
                 BvMember       *member,
                 gboolean      (*matches) (BvGroup *group))
{
  const char * const *group_ids = bv_member_get_group_ids (member);

  for (guint i = 0; group_ids && group_ids[i]; i++)
    {
      g_autoptr(BvGroup) group = bv_database_find_group (get_database (self), group_ids[i]);

      if (group && matches (group))
        return TRUE;
    }
  return FALSE;
}

static BvParticipantRole
default_role (BvInviteWindow *self,
              BvMember       *member)
{
  if (!member)
    return BV_PARTICIPANT_ROLE_PARTICIPANT;   /* guests */

  switch (bv_meeting_get_kind (self->meeting))
    {
    case BV_MEETING_KIND_BOARD:
      /* Everyone invited to a board meeting is on the board. */
      return BV_PARTICIPANT_ROLE_MODERATOR;

    case BV_MEETING_KIND_ASSEMBLY:
      return member_in_group (self, member, is_board_group) ? BV_PARTICIPANT_ROLE_MODERATOR
                                                            : BV_PARTICIPANT_ROLE_PARTICIPANT;

    /* The course or group leader moderates; the leader who plans the
     * meeting joins as moderator anyway. */
    case BV_MEETING_KIND_COURSE:
    case BV_MEETING_KIND_WORKSHOP:
    case BV_MEETING_KIND_GROUP:
      return member_in_group (self, member, is_leader_group) ? BV_PARTICIPANT_ROLE_MODERATOR
                                                             : BV_PARTICIPANT_ROLE_PARTICIPANT;

    default:
      return BV_PARTICIPANT_ROLE_PARTICIPANT;
    }
}

/* Invites those of @members who are not invited yet; returns how many. */
static guint
invite_members (BvInviteWindow *self,
                GPtrArray      *members,
                GError        **error)
{
  guint added = 0;

  for (guint i = 0; i < members->len; i++)
    {
      BvMember *member = g_ptr_array_index (members, i);
      g_autoptr(BvParticipant) participant = NULL;

      if (is_invited (self, bv_member_get_id (member)))
        continue;
      participant = bv_participant_new_member (bv_meeting_get_id (self->meeting),
                                               bv_member_get_id (member),
                                               default_role (self, member));
      if (!bv_database_add_participant (get_database (self), participant, error))
        break;
      /* Counted as invited at once, should a member appear twice. */
      g_ptr_array_add (self->participants, g_steal_pointer (&participant));
      added++;
    }

  return added;
}

static void
members_added (BvInviteWindow *self,
               guint           added,
               GError         *error,
               const char     *group_name)
{
  rebuild (self);
  if (error)
    show_error (self, _("Not Everyone Could Be Invited"), error->message);
  else if (added == 0)
    toast (self, bv_ui_toast_new (_("Everyone chosen is invited already")));
  else if (group_name)
    /* Translators: "5 members of “Vorstand” invited". */
    toast (self, bv_ui_toast_new_format (ngettext ("%u member of “%s” invited",
                                                   "%u members of “%s” invited", added),
                                         added, group_name));
  else
    toast (self, bv_ui_toast_new_format (ngettext ("%u member invited", "%u members invited", added),
                                         added));
}

static void
invite_group (BvInviteWindow *self,
              const char     *group_id)
{
  g_autoptr(BvGroup) group = bv_database_find_group (get_database (self), group_id);
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;
  guint added;

  if (!group)
    {
      toast (self, bv_ui_toast_new (_("The group was not found. It may have been deleted.")));
      return;
    }

  members = bv_database_list_group_members (get_database (self), group_id);
  added = invite_members (self, members, &error);
  members_added (self, added, error, bv_group_get_name (group));
}

static gboolean
invite_guest (BvInviteWindow *self,
              const char     *name,
              const char     *email)
{
  g_autoptr(BvParticipant) participant = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *clean_name = g_strstrip (g_strdup (name));
  g_autofree char *clean_email = g_strstrip (g_strdup (email ? email : ""));

  if (!*clean_name || (*clean_email && !bv_member_email_is_valid (clean_email)))
    return FALSE;

  participant = bv_participant_new_guest (bv_meeting_get_id (self->meeting), clean_name,
                                          *clean_email ? clean_email : NULL,
                                          default_role (self, NULL));
  if (!bv_database_add_participant (get_database (self), participant, &error))
    {
      show_error (self, _("The Guest Could Not Be Invited"), error->message);
      return FALSE;
    }
  rebuild (self);
  /* Translators: %s is a guest's name. */
  toast (self, bv_ui_toast_new_format (_("“%s” invited"), clean_name));
  return TRUE;
}

/* Add → Members… */

typedef struct
{
  BvInviteWindow *window;
  GtkWidget      *dialog;
  GtkSearchEntry *search;
  GtkListBox     *list;
  GtkWidget      *invite_button;
  GPtrArray      *checks;      /* GtkCheckButton, with "member" data */
} Chooser;

static void
chooser_free (Chooser *chooser)
{
  g_ptr_array_unref (chooser->checks);
  g_free (chooser);
}

static void
chooser_update (Chooser *chooser)
{
  guint chosen = 0;
  g_autofree char *label = NULL;

  for (guint i = 0; i < chooser->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (chooser->checks, i)))
      chosen++;

  gtk_widget_set_sensitive (chooser->invite_button, chosen > 0);
  if (chosen > 0)
    /* Translators: the button that invites the chosen members. */
    label = g_strdup_printf (ngettext ("_Invite %u Member", "_Invite %u Members", chosen), chosen);
  else
    label = g_strdup (_("_Invite"));
  gtk_button_set_label (GTK_BUTTON (chooser->invite_button), label);
}

static gboolean
chooser_filter (GtkListBoxRow *row,
                gpointer       user_data)
{
  Chooser *chooser = user_data;
  BvMember *member = g_object_get_data (G_OBJECT (row), "member");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (chooser->search));
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

static void
chooser_search_changed_cb (GtkSearchEntry *entry,
                           Chooser        *chooser)
{
  gtk_list_box_invalidate_filter (chooser->list);
}

static void
chooser_invite_cb (GtkButton *button,
                   Chooser   *chooser)
{
  BvInviteWindow *self = chooser->window;
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint added;

  for (guint i = 0; i < chooser->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (chooser->checks, i);

      if (gtk_check_button_get_active (check))
        g_ptr_array_add (members, g_object_ref (g_object_get_data (G_OBJECT (check), "member")));
    }

  added = invite_members (self, members, &error);
  gtk_window_destroy (GTK_WINDOW (chooser->dialog));
  members_added (self, added, error, NULL);
}

static void
open_members_chooser (BvInviteWindow *self)
{
  GListModel *all = bv_database_get_members (get_database (self));
  guint n_items = g_list_model_get_n_items (all);
  GtkWidget *header, *cancel, *box, *scrolled, *clamp, *placeholder, *toolbar;
  Chooser *chooser;

  chooser = g_new0 (Chooser, 1);
  chooser->window = self;
  chooser->checks = g_ptr_array_new ();

  chooser->dialog = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (chooser->dialog), _("Invite Members"));
  gtk_window_set_transient_for (GTK_WINDOW (chooser->dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (chooser->dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (chooser->dialog), 480, 560);
  g_object_set_data_full (G_OBJECT (chooser->dialog), "chooser", chooser, (GDestroyNotify)chooser_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), chooser->dialog);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  chooser->invite_button = gtk_button_new_with_mnemonic (_("_Invite"));
  gtk_widget_add_css_class (chooser->invite_button, "suggested-action");
  g_signal_connect (chooser->invite_button, "clicked", G_CALLBACK (chooser_invite_cb), chooser);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), chooser->invite_button);
  gtk_box_append (GTK_BOX (box), header);

  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_margin_top (toolbar, 6);
  gtk_widget_set_margin_bottom (toolbar, 6);
  gtk_widget_set_margin_start (toolbar, 12);
  gtk_widget_set_margin_end (toolbar, 12);
  chooser->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_search_entry_set_key_capture_widget (chooser->search, chooser->dialog);
  g_object_set (chooser->search, "placeholder-text", _("Search by name or address"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chooser->search),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search members"),
                                  -1);
  g_signal_connect (chooser->search, "search-changed", G_CALLBACK (chooser_search_changed_cb), chooser);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (chooser->search));
  gtk_box_append (GTK_BOX (box), toolbar);

  chooser->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (chooser->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (chooser->list), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (chooser->list), GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chooser->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Members"),
                                  -1);
  gtk_list_box_set_filter_func (chooser->list, chooser_filter, chooser, NULL);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BvMember) member = g_list_model_get_item (all, i);
      GtkWidget *row, *check;
      const char *email = bv_member_get_email (member);

      if (is_invited (self, bv_member_get_id (member)))
        continue;

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
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (chooser_update), chooser);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_ptr_array_add (chooser->checks, check);
      gtk_list_box_append (chooser->list, row);
    }

  placeholder = gtk_label_new (n_items == 0
                               ? _("No members yet. Add them on the Members page, or invite a guest.")
                               : chooser->checks->len == 0
                               ? _("Every member is invited already.")
                               : _("No member’s name or address contains what you searched for."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (chooser->list, placeholder);

  clamp = adw_clamp_new ();
  gtk_widget_set_margin_top (clamp, 6);
  gtk_widget_set_margin_bottom (clamp, 12);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (chooser->list));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (box), scrolled);

  adw_window_set_content (ADW_WINDOW (chooser->dialog), box);
  chooser_update (chooser);
  bv_ui_fix_accessible_names (chooser->dialog);
  gtk_window_present (GTK_WINDOW (chooser->dialog));
}

static void
add_members_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_members_chooser (BV_INVITE_WINDOW (widget));
}

/* Add → Group… */

static void
group_chosen_cb (GtkDropDown      *drop_down,
                 GParamSpec       *pspec,
                 AdwMessageDialog *dialog)
{
  BvInviteWindow *self = g_object_get_data (G_OBJECT (dialog), "window");
  GtkLabel *count_label = g_object_get_data (G_OBJECT (dialog), "count-label");
  GListModel *groups = bv_database_get_groups (get_database (self));
  g_autoptr(BvGroup) group = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *text = NULL;
  guint position = gtk_drop_down_get_selected (drop_down);
  guint missing = 0;

  if (position == GTK_INVALID_LIST_POSITION || position >= g_list_model_get_n_items (groups))
    return;

  group = g_list_model_get_item (groups, position);
  members = bv_database_list_group_members (get_database (self), bv_group_get_id (group));
  for (guint i = 0; i < members->len; i++)
    if (!is_invited (self, bv_member_get_id (g_ptr_array_index (members, i))))
      missing++;

  if (members->len == 0)
    text = g_strdup (_("Nobody is in this group yet."));
  else if (missing == members->len)
    /* Translators: the number of members of a group, all of them not invited yet. */
    text = g_strdup_printf (ngettext ("%u member, who gets an invitation.",
                                      "%u members, who all get an invitation.", members->len),
                            members->len);
  else
    /* Translators: %1$u is the size of a group, %2$u how many of them are not invited yet. */
    text = g_strdup_printf (ngettext ("%1$u member; %2$u of them not invited yet.",
                                      "%1$u members; %2$u of them not invited yet.", members->len),
                            members->len, missing);
  gtk_label_set_text (count_label, text);
  adw_message_dialog_set_response_enabled (dialog, "invite", missing > 0);
  g_object_set_data_full (G_OBJECT (dialog), "group-id", g_strdup (bv_group_get_id (group)), g_free);
}

static void
group_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          BvInviteWindow   *self)
{
  const char *group_id = g_object_get_data (G_OBJECT (dialog), "group-id");

  if (g_str_equal (response, "invite") && group_id)
    invite_group (self, group_id);
}

static char *
group_name_expression (BvGroup *group)
{
  return g_strdup (group ? bv_group_get_name (group) : "");
}

static void
add_group_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);
  GListModel *groups = bv_database_get_groups (get_database (self));
  AdwMessageDialog *dialog;
  GtkWidget *box, *drop_down, *count_label;
  GtkExpression *expression;

  if (g_list_model_get_n_items (groups) == 0)
    {
      show_error (self, _("No Groups Yet"),
                  _("Groups such as the board are made on the Members page: open a member and "
                    "add them to a new group there."));
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Invite a Group"),
                                                       _("Everyone in the group gets a personal invitation. "
                                                         "People invited already keep their role.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "invite", _("_Invite"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "invite", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "invite");
  adw_message_dialog_set_close_response (dialog, "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (group_name_expression), NULL, NULL);
  drop_down = gtk_drop_down_new (g_object_ref (groups), expression);
  gtk_widget_set_tooltip_text (drop_down, _("Group"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Group"),
                                  -1);
  gtk_box_append (GTK_BOX (box), drop_down);
  count_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (count_label), TRUE);
  gtk_box_append (GTK_BOX (box), count_label);
  adw_message_dialog_set_extra_child (dialog, box);

  g_object_set_data (G_OBJECT (dialog), "window", self);
  g_object_set_data (G_OBJECT (dialog), "count-label", count_label);
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (group_chosen_cb), dialog);
  group_chosen_cb (GTK_DROP_DOWN (drop_down), NULL, dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (group_dialog_response_cb), self, 0);
  bv_ui_fix_accessible_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_group_id_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  invite_group (BV_INVITE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* Add → Guest… */

static void
guest_entries_changed_cb (AdwMessageDialog *dialog)
{
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "name-row");
  GtkEditable *email = g_object_get_data (G_OBJECT (dialog), "email-row");
  g_autofree char *name_text = g_strstrip (g_strdup (gtk_editable_get_text (name)));
  g_autofree char *email_text = g_strstrip (g_strdup (gtk_editable_get_text (email)));
  gboolean email_ok = !*email_text || bv_member_email_is_valid (email_text);

  if (email_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (email), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (email), "error");
  adw_message_dialog_set_response_enabled (dialog, "invite", *name_text && email_ok);
}

static void
guest_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          BvInviteWindow   *self)
{
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "name-row");
  GtkEditable *email = g_object_get_data (G_OBJECT (dialog), "email-row");

  if (g_str_equal (response, "invite"))
    invite_guest (self, gtk_editable_get_text (name), gtk_editable_get_text (email));
}

static void
add_guest_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *list, *name, *email;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Invite a Guest"),
                                                       _("Someone from outside the club. Guests get a "
                                                         "personal link like members; the e-mail address "
                                                         "is needed only to send it by e-mail.")));
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
  name = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Name"));
  gtk_list_box_append (GTK_LIST_BOX (list), name);
  email = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (email), _("E-Mail Address"));
  gtk_editable_set_enable_undo (GTK_EDITABLE (email), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), email);
  adw_message_dialog_set_extra_child (dialog, list);

  g_object_set_data (G_OBJECT (dialog), "name-row", name);
  g_object_set_data (G_OBJECT (dialog), "email-row", email);
  g_signal_connect_swapped (name, "changed", G_CALLBACK (guest_entries_changed_cb), dialog);
  g_signal_connect_swapped (email, "changed", G_CALLBACK (guest_entries_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (guest_dialog_response_cb), self, 0);
  bv_ui_fix_accessible_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name);
}

static void
add_guest_entry_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  const char *name, *email;

  g_variant_get (parameter, "(&s&s)", &name, &email);
  invite_guest (BV_INVITE_WINDOW (widget), name, email);
}

/* per person */

static void
undo_remove_cb (AdwToast       *toast_,
                BvInviteWindow *self)
{
  BvParticipant *participant = g_object_get_data (G_OBJECT (toast_), "participant");
  g_autoptr(GError) error = NULL;

  /* The same id and link key: links sent before keep working. */
  if (!bv_database_add_participant (get_database (self), participant, &error))
    show_error (self, _("The Invitation Could Not Be Restored"), error->message);
  else if (self->removed_count > 0)
    self->removed_count--;
  gtk_revealer_set_reveal_child (self->removed_revealer, self->removed_count > 0);
  rebuild (self);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);
  BvParticipant *participant = find_participant (self, g_variant_get_string (parameter, NULL));
  g_autoptr(BvParticipant) removed = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *note;

  if (!participant)
    return;

  removed = g_object_ref (participant);
  if (!bv_database_remove_participant (get_database (self), bv_participant_get_id (removed), &error))
    {
      show_error (self, _("The Invitation Could Not Be Removed"), error->message);
      return;
    }
  self->removed_count++;
  gtk_revealer_set_reveal_child (self->removed_revealer, TRUE);
  rebuild (self);

  /* Translators: %s is a person's name. */
  note = bv_ui_toast_new_format (_("“%s” no longer invited"), bv_participant_get_name (removed));
  adw_toast_set_button_label (note, _("_Undo"));
  adw_toast_set_timeout (note, 10);
  /* Undo cannot wait behind the toasts before it. */
  adw_toast_set_priority (note, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (note), "participant", g_steal_pointer (&removed), g_object_unref);
  g_signal_connect_object (note, "button-clicked", G_CALLBACK (undo_remove_cb), self, 0);
  toast (self, note);
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);
  BvParticipant *participant = find_participant (self, g_variant_get_string (parameter, NULL));
  g_autofree char *link = NULL;

  if (!participant || !(link = make_link (self, participant)))
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), link);
  /* Translators: %s is a person's name. */
  toast (self, bv_ui_toast_new_format (_("Personal link of “%s” copied"), bv_participant_get_name (participant)));
}

static char *
invitation_text (BvInviteWindow *self,
                 BvParticipant  *participant,
                 const char     *link)
{
  g_autoptr(BvInvitationSettings) text = read_text_settings (self);

  return bv_invitation_render (text->template_text, self->meeting,
                               bv_participant_get_name (participant), link, &text->context);
}

static void
preview_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     BvInviteWindow   *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "participant-id");

  if (g_str_equal (response, "copy"))
    gtk_widget_activate_action (GTK_WIDGET (self), "invite.copy-text", "s", id);
  else if (g_str_equal (response, "mail"))
    gtk_widget_activate_action (GTK_WIDGET (self), "invite.send-mail", "s", id);
}

/* The invitation exactly as this person gets it: their name, their link,
 * the dial-in and notices that apply. */
static void
preview_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);
  BvParticipant *participant = find_participant (self, g_variant_get_string (parameter, NULL));
  const char *email;
  g_autofree char *link = NULL;
  g_autofree char *text = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *subject = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *scrolled, *view;

  if (!participant || !(link = make_link (self, participant)))
    return;

  text = invitation_text (self, participant, link);
  subject = bv_invitation_subject (self->meeting);
  /* Translators: %s is a person's name. */
  heading = g_strdup_printf (_("Invitation for %s"), bv_participant_get_name (participant));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, subject));

  view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Invitation text"),
                                  -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_widget_add_css_class (scrolled, "card");
  adw_message_dialog_set_extra_child (dialog, scrolled);

  adw_message_dialog_add_responses (dialog,
                                    "close", _("_Close"),
                                    "copy", _("C_opy"),
                                    NULL);
  email = bv_participant_get_email (participant);
  if (email && *email)
    {
      adw_message_dialog_add_response (dialog, "mail", _("_Write E-Mail"));
      adw_message_dialog_set_response_appearance (dialog, "mail", ADW_RESPONSE_SUGGESTED);
    }
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  g_object_set_data_full (G_OBJECT (dialog), "participant-id",
                          g_strdup (bv_participant_get_id (participant)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (preview_response_cb), self, 0);
  bv_ui_fix_accessible_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
copy_text_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);
  BvParticipant *participant = find_participant (self, g_variant_get_string (parameter, NULL));
  g_autofree char *link = NULL;
  g_autofree char *text = NULL;

  if (!participant || !(link = make_link (self, participant)))
    return;

  text = invitation_text (self, participant, link);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  /* Translators: %s is a person's name. */
  toast (self, bv_ui_toast_new_format (_("Invitation for “%s” copied"), bv_participant_get_name (participant)));
}

static void
mail_opened_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BvInviteWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) && self->cancellable &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, _("No E-Mail Program Opened"),
                _("No e-mail program is set up on this computer. Copy the invitation instead "
                  "and paste it into your e-mail, or set up an e-mail program as the default in the "
                  "system settings."));
}

static void
send_mail_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);
  BvParticipant *participant = find_participant (self, g_variant_get_string (parameter, NULL));
  g_autoptr(GdkAppLaunchContext) context = NULL;
  g_autofree char *link = NULL;
  g_autofree char *body = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *uri = NULL;
  const char *email;

  if (!participant || !(link = make_link (self, participant)))
    return;
  email = bv_participant_get_email (participant);
  if (!email || !*email)
    return;

  body = invitation_text (self, participant, link);
  subject = bv_invitation_subject (self->meeting);
  uri = bv_invitation_mailto_uri (email, subject, body);
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (widget));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), self->cancellable,
                                           mail_opened_cb, g_object_ref (self));
}

static void
copy_guest_link_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);
  g_autofree char *link = NULL;
  const char *policy;

  if (!self->client || self->renewing)
    return;

  policy = bv_meeting_get_guest_policy (self->meeting);
  /* What the room does with guests follows the meeting's waiting room
   * (guestPolicy); say it, so that nobody is surprised in either way. */
  if (g_strcmp0 (policy, "ALWAYS_DENY") == 0)
    {
      toast (self, bv_ui_toast_new (_("This meeting lets in only invited people, so a guest link "
                                      "would not work. Choose another waiting room in the meeting’s "
                                      "settings first.")));
      return;
    }

  link = bv_invitation_build_guest_link (self->client, self->server, self->meeting);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), link);
  if (g_strcmp0 (policy, "ASK_MODERATOR") == 0)
    toast (self, bv_ui_toast_new (_("Guest link copied. Guests wait until a moderator lets them in.")));
  else
    toast (self, bv_ui_toast_new (_("Guest link copied. Guests come straight in; to let them wait, "
                                    "choose “Moderators let people in” in the meeting’s settings.")));
}

/* exports, written in a thread */

typedef struct
{
  BvMeeting    *meeting;
  GPtrArray    *participants;  /* BvParticipant */
  GPtrArray    *links;         /* char *, one per participant */
  GPtrArray    *texts;         /* char *, one per participant (calendar files) */
  GPtrArray    *exceptions;    /* BvMeetingException: cancelled and moved dates */
  BvInvitationSettings *text;
  GFile        *target;        /* the file or the folder */
  char         *folder_name;   /* calendar files: the new folder in @target */
  GFile        *folder;        /* calendar files: the folder written */
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->meeting);
  g_clear_pointer (&export->participants, g_ptr_array_unref);
  g_clear_pointer (&export->links, g_ptr_array_unref);
  g_clear_pointer (&export->texts, g_ptr_array_unref);
  g_clear_pointer (&export->exceptions, g_ptr_array_unref);
  g_clear_pointer (&export->text, bv_invitation_settings_free);
  g_clear_object (&export->target);
  g_free (export->folder_name);
  g_clear_object (&export->folder);
  g_free (export);
}

static Export *
export_new (BvInviteWindow *self,
            GFile          *target,
            gboolean        with_texts)
{
  Export *export = g_new0 (Export, 1);

  export->meeting = g_object_ref (self->meeting);
  export->participants = g_ptr_array_new_with_free_func (g_object_unref);
  export->links = g_ptr_array_new_with_free_func (g_free);
  export->texts = g_ptr_array_new_with_free_func (g_free);
  export->text = read_text_settings (self);
  export->target = g_object_ref (target);
  export->folder_name = bv_invitation_files_folder_name (self->meeting);
  export->exceptions = bv_database_list_exceptions (get_database (self),
                                                    bv_meeting_get_id (self->meeting));

  /* Signed here: the client belongs to the main thread. */
  for (guint i = 0; i < self->participants->len; i++)
    {
      BvParticipant *participant = g_ptr_array_index (self->participants, i);
      char *link = make_link (self, participant);

      g_ptr_array_add (export->participants, g_object_ref (participant));
      g_ptr_array_add (export->links, link);
      if (with_texts)
        g_ptr_array_add (export->texts,
                         bv_invitation_render (export->text->template_text, self->meeting,
                                               bv_participant_get_name (participant), link,
                                               &export->text->context));
    }

  return export;
}

static void
merge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Export *export = task_data;
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;

  csv = bv_invitation_merge_csv (export->meeting, export->participants, export->links,
                                 export->text->template_text, &export->text->context);
  /* Private: every link lets its person into the room. */
  if (!g_file_replace_contents (export->target, csv, strlen (csv), NULL, FALSE,
                                G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
merge_written_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (object);
  Export *export = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (export->target);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *body = NULL;

      if (!self->cancellable || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %1$s is a file name, %2$s why it could not be written. */
      body = g_strdup_printf (_("“%1$s” could not be written: %2$s Choose another folder, "
                                "for example your documents."), name, error->message);
      show_error (self, _("Mail-Merge File Not Saved"), body);
      return;
    }

  if (!self->cancellable)
    return;
  /* Translators: %s is a file name. */
  toast (self, bv_ui_toast_new_format (_("“%s” saved. Open it as the data source of a mail merge "
                                         "in your word processor or e-mail program."), name));
}

static void
export_merge_to (BvInviteWindow *self,
                 GFile          *file)
{
  g_autoptr(GTask) task = NULL;

  if (!self->client || self->renewing || self->participants->len == 0)
    return;

  task = g_task_new (self, self->cancellable, merge_written_cb, NULL);
  g_task_set_source_tag (task, export_merge_to);
  g_task_set_task_data (task, export_new (self, file, FALSE), (GDestroyNotify)export_free);
  g_task_run_in_thread (task, merge_thread);
}

/* Into a new folder, so that no file there is replaced and names that a
 * USB stick or a network share would take for one ("Anna", "anna") stay
 * two files: nobody gets another person's link. */
static void
calendar_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Export *export = task_data;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  char *ics;

  /* The whole meeting first, so that it keeps the plain title. */
  ics = bv_invitation_build_ics_full (export->meeting, export->exceptions, NULL, NULL, &error);
  if (!ics)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_ptr_array_add (names, (gpointer) bv_meeting_get_title (export->meeting));
  g_ptr_array_add (contents, ics);

  for (guint i = 0; i < export->participants->len; i++)
    {
      BvParticipant *participant = g_ptr_array_index (export->participants, i);

      ics = bv_invitation_build_ics_full (export->meeting, export->exceptions,
                                          g_ptr_array_index (export->links, i),
                                          g_ptr_array_index (export->texts, i), &error);
      if (!ics)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_ptr_array_add (names, (gpointer) bv_participant_get_name (participant));
      g_ptr_array_add (contents, ics);
    }

  export->folder = bv_invitation_files_write (export->target, export->folder_name, names, contents,
                                              cancellable, &error);
  if (!export->folder)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_int (task, contents->len);
}

static void
calendar_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (object);
  Export *export = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_file_get_basename (export->target);
  g_autofree char *written_folder = NULL;
  gssize written;

  written = g_task_propagate_int (G_TASK (result), &error);
  if (error)
    {
      g_autofree char *body = NULL;

      if (!self->cancellable || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %1$s is a folder name, %2$s why the files could not be written. */
      body = g_strdup_printf (_("The calendar files could not be written to “%1$s”: %2$s "
                                "Choose another folder, for example your documents."),
                              folder, error->message);
      show_error (self, _("Calendar Files Not Saved"), body);
      return;
    }

  if (!self->cancellable)
    return;
  written_folder = g_file_get_basename (export->folder);
  /* Translators: %1$u is a number of files, %2$s a folder name. */
  toast (self, bv_ui_toast_new_format (ngettext ("%1$u calendar file saved in “%2$s”",
                                                 "%1$u calendar files saved in “%2$s”", (gulong)written),
                                       (guint)written, written_folder));
}

static void
export_calendar_to (BvInviteWindow *self,
                    GFile          *folder)
{
  g_autoptr(GTask) task = NULL;

  if (!self->client || self->renewing || self->participants->len == 0)
    return;

  task = g_task_new (self, self->cancellable, calendar_written_cb, NULL);
  g_task_set_source_tag (task, export_calendar_to);
  g_task_set_task_data (task, export_new (self, folder, TRUE), (GDestroyNotify)export_free);
  g_task_run_in_thread (task, calendar_thread);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     BvInviteWindow  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file)
    {
      if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE)
        export_merge_to (self, file);
      else
        export_calendar_to (self, file);
    }
  g_object_unref (chooser);
}

static void
export_merge_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export for Mail Merge"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Spreadsheet (CSV)"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the suggested file name of the mail-merge file; %s is the meeting's title. */
  name = g_strdup_printf (_("Invitations %s.csv"), bv_meeting_get_title (self->meeting));
  g_strdelimit (name, "/\\:", '_');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_calendar_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose a Folder for the Calendar Files"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Save Here"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_merge_to_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  export_merge_to (BV_INVITE_WINDOW (widget), file);
}

static void
export_calendar_to_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  g_autoptr(GFile) folder = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  export_calendar_to (BV_INVITE_WINDOW (widget), folder);
}

/* renewing the links */

static void
renewed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BvInviteWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) stored = NULL;

  if ((!bv_invitation_renew_links_finish (result, &error) &&
       g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) ||
      !self->cancellable)
    return;   /* the window is going away */

  self->renewing = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->participants_list), TRUE);
  show_status (self, self->client ? STATUS_NONE : STATUS_ERROR, NULL);

  /* The stored meeting is the truth, whatever happened. */
  stored = bv_database_find_meeting (get_database (self), bv_meeting_get_id (self->meeting));
  if (stored)
    bv_meeting_update_from (self->meeting, stored);
  update_actions (self);

  if (error)
    {
      show_error (self, _("Links Not Renewed"), error->message);
      return;
    }

  self->removed_count = 0;
  gtk_revealer_set_reveal_child (self->removed_revealer, FALSE);
  toast (self, bv_ui_toast_new (_("New links made. The old ones no longer work; send everyone their "
                                  "new invitation.")));
}

static void
renew_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   BvInviteWindow   *self)
{
  if (!g_str_equal (response, "renew") || self->renewing || !self->server)
    return;

  self->renewing = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->participants_list), FALSE);
  show_status (self, STATUS_WORKING, _("Renewing the links…"));
  update_actions (self);
  bv_invitation_renew_links_async (get_database (self), self->server, self->meeting,
                                   self->cancellable, renewed_cb, g_object_ref (self));
}

static void
renew_links_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  /* Translators: %s is the title of a meeting. */
  heading = g_strdup_printf (_("Renew the Links of “%s”?"), bv_meeting_get_title (self->meeting));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("Every link sent so far stops working: the "
                                                         "personal links, the guest link and the links "
                                                         "in calendar files. If the meeting is running, "
                                                         "it is ended. Afterwards, send everyone their "
                                                         "new invitation.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "renew", _("_Renew Links"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "renew", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (renew_response_cb), self, 0);
  bv_ui_fix_accessible_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* object */

static void
bv_invite_window_dispose (GObject *object)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (object);

  /* Callbacks that were waiting return at once without touching us. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_object (&self->client);
  g_clear_object (&self->server);
  g_clear_object (&self->meeting);
  g_clear_object (&self->settings);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (bv_invite_window_parent_class)->dispose (object);
}

static void
bv_invite_window_class_init (BvInviteWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bv_invite_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bv-invite-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BvInviteWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BvInviteWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BvInviteWindow, status_revealer);
  gtk_widget_class_bind_template_child (widget_class, BvInviteWindow, removed_revealer);
  gtk_widget_class_bind_template_child (widget_class, BvInviteWindow, status_spinner);
  gtk_widget_class_bind_template_child (widget_class, BvInviteWindow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, BvInviteWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, BvInviteWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, BvInviteWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, BvInviteWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BvInviteWindow, participants_list);

  gtk_widget_class_install_action (widget_class, "invite.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "invite.add-members", NULL, add_members_action);
  gtk_widget_class_install_action (widget_class, "invite.add-group", NULL, add_group_action);
  gtk_widget_class_install_action (widget_class, "invite.add-group-id", "s", add_group_id_action);
  gtk_widget_class_install_action (widget_class, "invite.add-guest", NULL, add_guest_action);
  gtk_widget_class_install_action (widget_class, "invite.add-guest-entry", "(ss)", add_guest_entry_action);
  gtk_widget_class_install_action (widget_class, "invite.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "invite.copy-link", "s", copy_link_action);
  gtk_widget_class_install_action (widget_class, "invite.copy-text", "s", copy_text_action);
  gtk_widget_class_install_action (widget_class, "invite.send-mail", "s", send_mail_action);
  gtk_widget_class_install_action (widget_class, "invite.copy-guest-link", NULL, copy_guest_link_action);
  gtk_widget_class_install_action (widget_class, "invite.preview", "s", preview_action);
  gtk_widget_class_install_action (widget_class, "invite.export-merge", NULL, export_merge_action);
  gtk_widget_class_install_action (widget_class, "invite.export-merge-to", "s", export_merge_to_action);
  gtk_widget_class_install_action (widget_class, "invite.export-calendar", NULL, export_calendar_action);
  gtk_widget_class_install_action (widget_class, "invite.export-calendar-to", "s", export_calendar_to_action);
  gtk_widget_class_install_action (widget_class, "invite.renew-links", NULL, renew_links_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
bv_invite_window_init (BvInviteWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  self->participants = g_ptr_array_new_with_free_func (g_object_unref);
  bv_ui_fix_accessible_names (GTK_WIDGET (self));
}

BvInviteWindow *
bv_invite_window_new (GtkWindow       *parent,
                      BvServerManager *manager,
                      GSettings       *settings,
                      BvMeeting       *meeting)
{
  BvInviteWindow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BV_IS_SERVER_MANAGER (manager), NULL);
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  self = g_object_new (BV_TYPE_INVITE_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->manager = g_object_ref (manager);
  self->settings = settings ? g_object_ref (settings) : NULL;
  /* Renewing the links changes it; it is read again from the store then. */
  self->meeting = g_object_ref (meeting);

  /* Translators: the invitation window's title; %s is the meeting's title. */
  title = g_strdup_printf (_("Invite to “%s”"), bv_meeting_get_title (meeting));
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  {
    g_autofree char *when = bv_invitation_describe_when (meeting);

    adw_window_title_set_subtitle (self->window_title, when ? when : "");
  }

  rebuild (self);
  open_client (self);
  return self;
}

gboolean
bv_invite_window_is_ready (BvInviteWindow *self)
{
  g_return_val_if_fail (BV_IS_INVITE_WINDOW (self), FALSE);

  return self->client && !self->renewing;
}
