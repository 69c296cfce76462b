/* bv-invite-window-links.c
 *
 * The invite window's renewal of the links: every link sent so far stops
 * working, and the stored meeting is read again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-invitation.h"
#include "bv-invite-window-private.h"

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
  _bv_invite_window_show_rows_mail (self);
  show_error (self, _("New Links Made"),
              _("The old links no longer work. Send everyone their new invitation."));
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

void
_bv_invite_window_renew_links_action (GtkWidget  *widget,
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
