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

#include "bv-default-roles.h"
#include "bv-help.h"
#include "bv-invitation-preview.h"
#include "bv-invitation-row.h"
#include "bv-invitation.h"
#include "bv-invite-exports.h"
#include "bv-invite-group-dialog.h"
#include "bv-invite-guest-dialog.h"
#include "bv-invitation-mailer.h"
#include "bv-invitation-settings.h"
#include "bv-invite-window.h"
#include "bv-invite-window-private.h"
#include "bv-mail-account.h"
#include "bv-send-invitations-dialog.h"
#include "bv-member-chooser.h"
#include "bv-practice-warning.h"
#include "bv-server-client.h"
#include "bv-ui-utils.h"

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
  summary = g_strdup_printf (_("Invited: %u · Leading the meeting: %u"), self->participants->len, moderators);
  gtk_label_set_text (self->summary_label, summary);
}

/* The member ids of those invited, for the choosers. */
static GHashTable *
invited_member_ids (BvInviteWindow *self)
{
  GHashTable *invited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->participants->len; i++)
    {
      const char *member_id = bv_participant_get_member_id (g_ptr_array_index (self->participants, i));

      if (member_id)
        g_hash_table_add (invited, g_strdup (member_id));
    }
  return invited;
}

static char *
make_link (BvInviteWindow *self,
           BvParticipant  *participant)
{
  if (!self->client || self->renewing)
    return NULL;
  return bv_invitation_build_link (self->client, self->server, self->meeting, participant);
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
    self->server = bv_context_find_server (self->manager, server_id);
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
server_moved_cb (BvInviteWindow *self)
{
  if (self->server && g_strcmp0 (bv_server_get_id (self->server), bv_meeting_get_server_id (self->meeting)) == 0)
    return;
  g_clear_object (&self->client);
  open_client (self);
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
role_chosen_cb (BvInvitationRow   *row,
                BvParticipantRole  role,
                BvInviteWindow    *self)
{
  BvParticipant *participant = bv_invitation_row_get_participant (row);
  g_autoptr(GError) error = NULL;

  if (!bv_database_set_participant_role (get_database (self), bv_participant_get_id (participant),
                                         role, &error))
    {
      bv_invitation_row_show_role (row, bv_participant_get_role (participant));
      show_error (self, _("The Role Was Not Changed"), error->message);
      return;
    }

  /* Not rebuilt, so that the focus stays on the drop-down; links made from
   * now on carry the new role. */
  bv_participant_set_role (participant, role);
  update_summary (self);
  _bv_invite_window_show_row_mail (self, row);
  /* A short confirmation only: that an e-mailed invitation must go out
   * again stays in the row's subtitle ("changed since, send it again"). */
  toast (self, bv_ui_toast_new_format (role == BV_PARTICIPANT_ROLE_MODERATOR
                                       /* Translators: %s is a person's name. */
                                       ? _("“%s” leads the meeting now")
                                       /* Translators: %s is a person's name. */
                                       : _("“%s” takes part now"),
                                       bv_participant_get_name (participant)));
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

  for (guint i = 0; i < self->participants->len; i++)
    {
      BvParticipant *participant = g_ptr_array_index (self->participants, i);

      BvInvitationRow *row = bv_invitation_row_new (participant);

      g_signal_connect_object (row, "role-chosen", G_CALLBACK (role_chosen_cb), self, 0);
      gtk_list_box_append (self->participants_list, GTK_WIDGET (row));
      _bv_invite_window_show_row_mail (self, row);
    }

  update_summary (self);
  gtk_stack_set_visible_child_name (self->stack, self->participants->len > 0 ? "list" : "empty");
  update_actions (self);
  bv_ui_fix_accessible_names (GTK_WIDGET (self->participants_list));
}

/* Invites those of @members who are not invited yet; returns how many. */
static guint
invite_members (BvInviteWindow *self,
                GPtrArray      *members,
                GError        **error)
{
  return bv_default_roles_invite_members (get_database (self), self->meeting, self->participants,
                                          members, error);
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

static void
invite_all_members (BvInviteWindow *self)
{
  GListModel *all = bv_database_get_members (get_database (self));
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint added;

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    g_ptr_array_add (members, g_list_model_get_item (all, i));
  added = invite_members (self, members, &error);
  members_added (self, added, error, NULL);
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
                                          bv_default_roles_for_member (get_database (self),
                                                                       bv_meeting_get_kind (self->meeting),
                                                                       NULL));
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

static void
members_chosen_cb (BvMemberChooser *chooser,
                   GPtrArray       *members,
                   BvInviteWindow  *self)
{
  g_autoptr(GError) error = NULL;
  guint added;

  added = invite_members (self, members, &error);
  gtk_window_destroy (GTK_WINDOW (chooser));
  members_added (self, added, error, NULL);
}

static void
add_members_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);
  g_autoptr(GHashTable) invited = invited_member_ids (self);
  BvMemberChooser *chooser;

  chooser = bv_member_chooser_new (GTK_WINDOW (self), bv_database_get_members (get_database (self)), invited);
  g_signal_connect_object (chooser, "members-chosen", G_CALLBACK (members_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (chooser));
}

/* Add → Group… */

static void
group_dialog_response_cb (BvInviteGroupDialog *dialog,
                          const char          *response,
                          BvInviteWindow      *self)
{
  const char *group_id = bv_invite_group_dialog_get_group_id (dialog);

  if (!g_str_equal (response, "invite"))
    return;
  if (bv_invite_group_dialog_get_all_members (dialog))
    invite_all_members (self);
  else if (group_id)
    invite_group (self, group_id);
}

static void
add_group_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);
  g_autoptr(GHashTable) invited = NULL;
  BvInviteGroupDialog *dialog;

  /* Without groups the dialog still offers all members. */
  invited = invited_member_ids (self);
  dialog = bv_invite_group_dialog_new (GTK_WINDOW (self), get_database (self), invited,
                                       bv_meeting_get_kind (self->meeting));
  g_signal_connect_object (dialog, "response", G_CALLBACK (group_dialog_response_cb), self, 0);
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
guest_dialog_response_cb (BvInviteGuestDialog *dialog,
                          const char          *response,
                          BvInviteWindow      *self)
{
  if (g_str_equal (response, "invite"))
    invite_guest (self, bv_invite_guest_dialog_get_name (dialog), bv_invite_guest_dialog_get_email (dialog));
}

static void
add_guest_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);
  BvInviteGuestDialog *dialog = bv_invite_guest_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "response", G_CALLBACK (guest_dialog_response_cb), self, 0);
  bv_invite_guest_dialog_present (dialog);
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
  g_object_set_data_full (G_OBJECT (note), "participant", g_steal_pointer (&removed), g_object_unref);
  g_signal_connect_object (note, "button-clicked", G_CALLBACK (undo_remove_cb), self, 0);
  /* Undo cannot wait behind the toasts before it. */
  bv_ui_add_toast_now (self->toast_overlay, note);
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);
  BvParticipant *participant = find_participant (self, g_variant_get_string (parameter, NULL));
  g_autofree char *link = NULL;

  if (!may_hand_out (self, action_name, parameter))
    return;
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

  return bv_invitation_render_for (text->template_text, self->meeting,
                                   participant, link, &text->context);
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
  g_autofree char *subject = NULL;
  BvInvitationPreview *dialog;

  if (!participant || !(link = make_link (self, participant)))
    return;

  text = invitation_text (self, participant, link);
  subject = bv_invitation_subject (self->meeting);
  email = bv_participant_get_email (participant);
  dialog = bv_invitation_preview_new (GTK_WINDOW (self), bv_participant_get_name (participant), subject,
                                      text, email && *email);
  g_object_set_data_full (G_OBJECT (dialog), "participant-id",
                          g_strdup (bv_participant_get_id (participant)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (preview_response_cb), self, 0);
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

  if (!may_hand_out (self, action_name, parameter))
    return;
  if (!participant || !(link = make_link (self, participant)))
    return;

  text = invitation_text (self, participant, link);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  /* Translators: %s is a person's name. */
  toast (self, bv_ui_toast_new_format (_("Invitation for “%s” copied"), bv_participant_get_name (participant)));
}

static void
save_calendar_to (BvInviteWindow *self,
                  const char     *participant_id,
                  GFile          *file)
{
  BvParticipant *participant = find_participant (self, participant_id);
  g_autoptr(GPtrArray) exceptions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;
  g_autofree char *text = NULL;
  g_autofree char *ics = NULL;

  if (!participant || !(link = make_link (self, participant)))
    return;

  text = invitation_text (self, participant, link);
  exceptions = bv_database_list_exceptions (get_database (self), bv_meeting_get_id (self->meeting));
  ics = bv_invitation_build_ics_full (self->meeting, exceptions, link, text, &error);
  if (!ics)
    {
      show_error (self, _("Calendar File Not Saved"), error->message);
      return;
    }
  bv_invite_exports_write_person_calendar (ics, file, GTK_WINDOW (self), self->toast_overlay,
                                           self->cancellable);
}

static void
calendar_file_chosen (GtkWindow *window,
                      GFile     *file)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (window);

  if (self->calendar_participant_id)
    save_calendar_to (self, self->calendar_participant_id, file);
}

static void
save_calendar_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);
  BvParticipant *participant = find_participant (self, g_variant_get_string (parameter, NULL));

  if (!participant || !may_hand_out (self, action_name, parameter))
    return;

  g_free (self->calendar_participant_id);
  self->calendar_participant_id = g_strdup (bv_participant_get_id (participant));
  bv_invite_exports_choose_calendar_file (GTK_WINDOW (self), bv_participant_get_name (participant),
                                          calendar_file_chosen);
}

static void
save_calendar_to_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  const char *id, *path;
  g_autoptr(GFile) file = NULL;

  g_variant_get (parameter, "(&s&s)", &id, &path);
  file = g_file_new_for_path (path);
  save_calendar_to (BV_INVITE_WINDOW (widget), id, file);
}

static void
send_mail_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);
  BvParticipant *participant = find_participant (self, g_variant_get_string (parameter, NULL));
  g_autofree char *link = NULL;
  g_autofree char *body = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *uri = NULL;
  const char *email;

  if (!may_hand_out (self, action_name, parameter))
    return;
  if (!participant || !(link = make_link (self, participant)))
    return;
  email = bv_participant_get_email (participant);
  if (!email || !*email)
    return;

  body = invitation_text (self, participant, link);
  subject = bv_invitation_subject (self->meeting);
  uri = bv_invitation_mailto_uri (email, subject, body);
  bv_invite_exports_send_mail (GTK_WINDOW (self), uri, self->cancellable);
}

static void
copy_guest_link_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);
  g_autofree char *link = NULL;
  const char *policy;

  if (!may_hand_out (self, action_name, parameter))
    return;
  if (!self->client || self->renewing)
    return;

  policy = bv_meeting_get_guest_policy (self->meeting);
  /* What the room does with guests follows the meeting's waiting room
   * (guestPolicy); say it, so that nobody is surprised in either way. */
  if (g_strcmp0 (policy, "ALWAYS_DENY") == 0)
    {
      show_error (self, _("No Guest Link for This Meeting"),
                  _("This meeting lets in only invited people, so a guest link would not work. "
                    "Choose another waiting room in the meeting’s settings first."));
      return;
    }

  link = bv_invitation_build_guest_link (self->client, self->server, self->meeting);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), link);
  /* What happens to guests is worth reading in full: a dialog, not a toast. */
  if (bv_meeting_get_kind (self->meeting) == BV_MEETING_KIND_ASSEMBLY)
    show_error (self, _("Guest Link Copied"),
                _("Only members may take part in a general assembly: give this link only to guests "
                  "your statutes allow, and let them in yourself."));
  else if (g_strcmp0 (policy, "ASK_MODERATOR") == 0)
    show_error (self, _("Guest Link Copied"),
                _("Paste it into your message. Guests wait until someone who leads the meeting "
                  "lets them in."));
  else
    show_error (self, _("Guest Link Copied"),
                _("Paste it into your message. Guests come straight in; to let them wait, choose "
                  "“Leaders let people in” as the meeting’s waiting room."));
}

/* object */

static void
bv_invite_window_dispose (GObject *object)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (object);

  /* Callbacks that were waiting return at once without touching us. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_pointer (&self->calendar_participant_id, g_free);
  g_clear_pointer (&self->mailing_id, g_free);
  g_clear_object (&self->mailer);
  g_clear_object (&self->client);
  g_clear_object (&self->server);
  g_clear_object (&self->meeting);
  g_clear_object (&self->settings);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (bv_invite_window_parent_class)->dispose (object);
}

static void
help_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  bv_show_help_page (widget, "invite-people");
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
  gtk_widget_class_bind_template_child (widget_class, BvInviteWindow, heading_label);
  gtk_widget_class_bind_template_child (widget_class, BvInviteWindow, when_label);
  gtk_widget_class_bind_template_child (widget_class, BvInviteWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BvInviteWindow, participants_list);

  gtk_widget_class_install_action (widget_class, "invite.help", NULL, help_action);
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
  gtk_widget_class_install_action (widget_class, "invite.save-calendar", "s", save_calendar_action);
  gtk_widget_class_install_action (widget_class, "invite.send-invitations", NULL, _bv_invite_window_send_invitations_action);
  gtk_widget_class_install_action (widget_class, "invite.mail-one", "s", _bv_invite_window_mail_one_action);
  gtk_widget_class_install_action (widget_class, "invite.save-calendar-to", "(ss)", save_calendar_to_action);
  gtk_widget_class_install_action (widget_class, "invite.copy-guest-link", NULL, copy_guest_link_action);
  gtk_widget_class_install_action (widget_class, "invite.preview", "s", preview_action);
  gtk_widget_class_install_action (widget_class, "invite.export-merge", NULL, _bv_invite_window_export_merge_action);
  gtk_widget_class_install_action (widget_class, "invite.proof", NULL, _bv_invite_window_proof_action);
  gtk_widget_class_install_action (widget_class, "invite.export-merge-to", "s", _bv_invite_window_export_merge_to_action);
  gtk_widget_class_install_action (widget_class, "invite.export-letters", NULL, _bv_invite_window_export_letters_action);
  gtk_widget_class_install_action (widget_class, "invite.export-letters-to", "s", _bv_invite_window_export_letters_to_action);
  gtk_widget_class_install_action (widget_class, "invite.print-letters", NULL, _bv_invite_window_print_letters_action);
  gtk_widget_class_install_action (widget_class, "invite.print-letters-to", "s", _bv_invite_window_print_letters_action);
  gtk_widget_class_install_action (widget_class, "invite.export-calendar", NULL, _bv_invite_window_export_calendar_action);
  gtk_widget_class_install_action (widget_class, "invite.export-calendar-to", "s", _bv_invite_window_export_calendar_to_action);
  gtk_widget_class_install_action (widget_class, "invite.renew-links", NULL, _bv_invite_window_renew_links_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
bv_invite_window_init (BvInviteWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->participants = g_ptr_array_new_with_free_func (g_object_unref);
  bv_ui_fix_accessible_names (GTK_WIDGET (self));
}

BvInviteWindow *
bv_invite_window_new (GtkWindow       *parent,
                      BvContext *manager,
                      GSettings       *settings,
                      BvMeeting       *meeting)
{
  BvInviteWindow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BV_IS_CONTEXT (manager), NULL);
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
  /* The meeting's title and date stand above the list, where they wrap:
   * between the header bar's buttons, "Invite to “Vorstandssitzung
   * Dezember”" and a series with its first date were cut off (issue 19). */
  /* Nothing in between: a lone word there looked like one more button. */
  adw_window_title_set_title (self->window_title, "");
  gtk_label_set_text (self->heading_label, title);
  {
    g_autofree char *when = bv_invitation_describe_when (meeting);
    /* Translators: %s is the date and time or the series in words, as in
     * the invitation ("every first Monday of the month, 7:00 PM, first
     * on 4 January 2027"). */
    g_autofree char *text = when ? g_strdup_printf (_("When: %s"), when) : NULL;

    gtk_label_set_text (self->when_label, text ? text : "");
    gtk_widget_set_visible (GTK_WIDGET (self->when_label), text != NULL);
  }

  /* Moved to another server (from the practice warning): links lead there. */
  g_signal_connect_object (self->meeting, "notify::server-id", G_CALLBACK (server_moved_cb), self,
                           G_CONNECT_SWAPPED);

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
