/* bv-invite-window-private.h
 *
 * What the invite window's files share: the instance struct and the small
 * helpers (static inline, so that each file calls them by the same short
 * name). The window is bv-invite-window.c (the list, adding people, the
 * per-person actions, the exports); sending by e-mail is in
 * bv-invite-window-mail.c, renewing the links in bv-invite-window-links.c.
 * Only those three files include this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bv-invitation-mailer.h"
#include "bv-invitation-row.h"
#include "bv-invitation-settings.h"
#include "bv-invite-window.h"
#include "bv-practice-warning.h"
#include "bv-server-client.h"
#include "bv-ui-utils.h"

G_BEGIN_DECLS

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
  GtkLabel        *heading_label;
  GtkLabel        *when_label;
  GtkLabel        *summary_label;
  GtkListBox      *participants_list;

  BvContext *manager;
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
  char            *calendar_participant_id; /* whose calendar file is being saved */
  BvInvitationMailer *mailer;   /* made when first needed */
  char            *mailing_id;  /* the one person being sent to from their row */
};

static inline BvDatabase *
get_database (BvInviteWindow *self)
{
  return bv_context_get_database (self->manager);
}

static inline BvInvitationSettings *
read_text_settings (BvInviteWindow *self)
{
  return bv_invitation_settings_read (self->settings, self->server, self->meeting);
}

/* Whether @action_name may hand out this meeting's links now: not before
 * the user has seen that practice-server links work nowhere else. */
static inline gboolean
may_hand_out (BvInviteWindow *self,
              const char     *action_name,
              GVariant       *parameter)
{
  return bv_practice_warning_check (GTK_WIDGET (self), self->manager, self->settings, self->meeting,
                                    action_name, parameter);
}

static inline void
toast (BvInviteWindow *self,
       AdwToast       *toast_)
{
  bv_ui_add_toast (self->toast_overlay, toast_);
}

static inline void
show_error (BvInviteWindow *self,
            const char     *heading,
            const char     *body)
{
  bv_ui_show_error (GTK_WINDOW (self), heading, body);
}

static inline BvParticipant *
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

static inline BvInvitationRow *
find_row (BvInviteWindow *self,
          const char     *participant_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->participants_list));
       child;
       child = gtk_widget_get_next_sibling (child))
    if (BV_IS_INVITATION_ROW (child) &&
        g_strcmp0 (bv_participant_get_id (bv_invitation_row_get_participant (BV_INVITATION_ROW (child))),
                   participant_id) == 0)
      return BV_INVITATION_ROW (child);
  return NULL;
}

static inline GSettings *
get_settings (BvInviteWindow *self)
{
  if (!self->settings)
    self->settings = g_settings_new (APP_ID);
  return self->settings;
}

/* status bar and action states */

typedef enum {
  STATUS_NONE,
  STATUS_WORKING,
  STATUS_ERROR,
  STATUS_PROBLEM,   /* an error that trying again does not fix */
} BvInviteWindowStatus;

static inline void
show_status (BvInviteWindow       *self,
             BvInviteWindowStatus  status,
             const char           *text)
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

static inline void
update_actions (BvInviteWindow *self)
{
  gboolean ready = self->client && !self->renewing;
  gboolean anyone = self->participants->len > 0;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "invite.copy-link", ready);
  gtk_widget_action_set_enabled (widget, "invite.copy-text", ready);
  gtk_widget_action_set_enabled (widget, "invite.preview", ready);
  gtk_widget_action_set_enabled (widget, "invite.send-mail", ready);
  gtk_widget_action_set_enabled (widget, "invite.save-calendar", ready);
  /* While one person's invitation is on its way, the status bar says so. */
  gtk_widget_action_set_enabled (widget, "invite.mail-one", !self->mailing_id && !self->renewing);
  gtk_widget_action_set_enabled (widget, "invite.send-invitations", !self->mailing_id && !self->renewing);
  gtk_widget_action_set_enabled (widget, "invite.save-calendar-to", ready);
  gtk_widget_action_set_enabled (widget, "invite.copy-guest-link", ready);
  gtk_widget_action_set_enabled (widget, "invite.export-merge", ready && anyone);
  gtk_widget_action_set_enabled (widget, "invite.export-merge-to", ready && anyone);
  gtk_widget_action_set_enabled (widget, "invite.export-calendar", ready && anyone);
  gtk_widget_action_set_enabled (widget, "invite.export-calendar-to", ready && anyone);
  gtk_widget_action_set_enabled (widget, "invite.export-letters", ready && anyone);
  gtk_widget_action_set_enabled (widget, "invite.export-letters-to", ready && anyone);
  gtk_widget_action_set_enabled (widget, "invite.print-letters", ready && anyone);
  gtk_widget_action_set_enabled (widget, "invite.print-letters-to", ready && anyone);
  gtk_widget_action_set_enabled (widget, "invite.renew-links", self->server && !self->renewing);
  gtk_widget_action_set_enabled (widget, "invite.retry", self->server && !self->client && !self->renewing);
}

/* e-mail (bv-invite-window-mail.c) */
void _bv_invite_window_show_row_mail           (BvInviteWindow  *self,
                                                BvInvitationRow *row);
void _bv_invite_window_show_rows_mail          (BvInviteWindow  *self);
void _bv_invite_window_send_invitations_action (GtkWidget       *widget,
                                                const char      *action_name,
                                                GVariant        *parameter);
void _bv_invite_window_mail_one_action         (GtkWidget       *widget,
                                                const char      *action_name,
                                                GVariant        *parameter);

/* renewing the links (bv-invite-window-links.c) */
void _bv_invite_window_renew_links_action      (GtkWidget       *widget,
                                                const char      *action_name,
                                                GVariant        *parameter);

/* exports (bv-invite-window-exports.c) */
void _bv_invite_window_proof_action               (GtkWidget       *widget,
                                                   const char      *action_name,
                                                   GVariant        *parameter);
void _bv_invite_window_export_letters_action      (GtkWidget       *widget,
                                                   const char      *action_name,
                                                   GVariant        *parameter);
void _bv_invite_window_export_letters_to_action   (GtkWidget       *widget,
                                                   const char      *action_name,
                                                   GVariant        *parameter);
void _bv_invite_window_print_letters_action       (GtkWidget       *widget,
                                                   const char      *action_name,
                                                   GVariant        *parameter);
void _bv_invite_window_export_merge_action        (GtkWidget       *widget,
                                                   const char      *action_name,
                                                   GVariant        *parameter);
void _bv_invite_window_export_calendar_action     (GtkWidget       *widget,
                                                   const char      *action_name,
                                                   GVariant        *parameter);
void _bv_invite_window_export_merge_to_action     (GtkWidget       *widget,
                                                   const char      *action_name,
                                                   GVariant        *parameter);
void _bv_invite_window_export_calendar_to_action  (GtkWidget       *widget,
                                                   const char      *action_name,
                                                   GVariant        *parameter);

G_END_DECLS
