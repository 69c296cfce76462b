/* bv-invite-window-mail.c
 *
 * The invite window's e-mail: the rows' sent/failed state, the send dialog,
 * and sending one person's invitation from their row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-invite-window-private.h"
#include "bv-mail-account.h"
#include "bv-send-invitations-dialog.h"

/* e-mail state of the rows */

void
_bv_invite_window_show_row_mail (BvInviteWindow  *self,
                                 BvInvitationRow *row)
{
  BvParticipant *participant = bv_invitation_row_get_participant (row);
  const char *id = bv_participant_get_id (participant);
  g_autoptr(BvMailRecord) record = NULL;

  if (g_strcmp0 (id, self->mailing_id) == 0)
    {
      bv_invitation_row_show_mail (row, BV_INVITATION_ROW_MAIL_SENDING, NULL, NULL, FALSE);
      return;
    }

  record = bv_database_get_mail_record (get_database (self), id);
  if (!record)
    return;
  switch (bv_mail_record_get_state (record))
    {
    case BV_MAIL_STATE_SENT:
      bv_invitation_row_show_mail (row, BV_INVITATION_ROW_MAIL_SENT, bv_mail_record_get_sent_at (record),
                                   NULL, bv_mail_record_is_outdated (record));
      break;
    case BV_MAIL_STATE_FAILED:
      bv_invitation_row_show_mail (row, BV_INVITATION_ROW_MAIL_FAILED, NULL,
                                   bv_mail_record_get_error_text (record), FALSE);
      break;
    case BV_MAIL_STATE_NONE:
    default:
      bv_invitation_row_show_mail (row, BV_INVITATION_ROW_MAIL_NONE, NULL, NULL, FALSE);
      break;
    }
}

/* After a change that outdates what was sent (renewed links). */
void
_bv_invite_window_show_rows_mail (BvInviteWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->participants_list));
       child;
       child = gtk_widget_get_next_sibling (child))
    if (BV_IS_INVITATION_ROW (child))
      _bv_invite_window_show_row_mail (self, BV_INVITATION_ROW (child));
}

/* Updated in place, so that the focus stays where it is. */
static void
participant_mailed_cb (BvInvitationMailer *mailer,
                       const char         *participant_id,
                       BvInviteWindow     *self)
{
  BvInvitationRow *row = find_row (self, participant_id);

  if (row)
    _bv_invite_window_show_row_mail (self, row);
}

static BvInvitationMailer *
get_mailer (BvInviteWindow *self)
{
  if (!self->mailer)
    {
      self->mailer = bv_invitation_mailer_new (self->manager, self->meeting);
      bv_invitation_mailer_set_settings (self->mailer, get_settings (self));
      g_signal_connect_object (self->mailer, "participant-changed",
                               G_CALLBACK (participant_mailed_cb), self, 0);
    }
  return self->mailer;
}

/* sending by e-mail */

/* @only_id: nullable; the one person chosen in a row's menu. */
static void
open_send_dialog (BvInviteWindow *self,
                  const char     *only_id)
{
  BvSendInvitationsDialog *dialog;

  dialog = bv_send_invitations_dialog_new (GTK_WINDOW (self), get_mailer (self), get_settings (self),
                                           self->manager, self->participants);
  /* She asked for one person's e-mail: once the account is set up, the
   * dialog must not send to everyone not sent yet. */
  if (only_id)
    {
      gtk_widget_activate_action (GTK_WIDGET (dialog), "send.scope", "s", "selected");
      gtk_widget_activate_action (GTK_WIDGET (dialog), "send.choose", "(sb)", only_id, TRUE);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_bv_invite_window_send_invitations_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);

  if (!may_hand_out (self, action_name, parameter))
    return;
  open_send_dialog (self, NULL);
}

static void
mailed_one_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BvInviteWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  BvInvitationRow *row;
  guint n_sent = 0, n_failed = 0, n_skipped = 0;

  bv_invitation_mailer_send_finish (BV_INVITATION_MAILER (object), result, &n_sent, &n_failed, &n_skipped, &error);
  if (!self->cancellable || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  id = g_steal_pointer (&self->mailing_id);
  show_status (self, STATUS_NONE, NULL);
  update_actions (self);
  if ((row = find_row (self, id)))
    _bv_invite_window_show_row_mail (self, row);

  /* A refused recipient shows in the row; what stopped the sending as a
   * whole (login, encryption, server) is said here. */
  if (error)
    show_error (self, _("Invitation Not Sent"), error->message);
  else if (n_sent > 0 && row)
    /* Translators: %s is a person's name. */
    toast (self, bv_ui_toast_new_format (_("Invitation sent to “%s”"),
                                         bv_participant_get_name (bv_invitation_row_get_participant (row))));
}

/* From a row's menu, or "Send Again" after a failure: that person only. */
void
_bv_invite_window_mail_one_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);
  BvParticipant *participant = find_participant (self, g_variant_get_string (parameter, NULL));
  g_autoptr(BvMailAccount) account = NULL;
  g_autofree char *text = NULL;
  const char *ids[2] = { NULL, NULL };
  BvInvitationRow *row;

  if (!participant || self->mailing_id)
    return;
  if (!may_hand_out (self, action_name, parameter))
    return;

  account = bv_mail_account_load (get_settings (self));
  if (!account)
    {
      /* It leads to Einstellungen → E-Mail. */
      open_send_dialog (self, bv_participant_get_id (participant));
      return;
    }

  self->mailing_id = g_strdup (bv_participant_get_id (participant));
  ids[0] = self->mailing_id;
  if ((row = find_row (self, self->mailing_id)))
    _bv_invite_window_show_row_mail (self, row);
  /* Translators: %s is a person's name. */
  text = g_strdup_printf (_("Sending the invitation to “%s”…"), bv_participant_get_name (participant));
  show_status (self, STATUS_WORKING, text);
  update_actions (self);
  bv_invitation_mailer_send_async (get_mailer (self), BV_MAIL_SCOPE_SELECTED, ids, self->cancellable,
                                   mailed_one_cb, g_object_ref (self));
}
