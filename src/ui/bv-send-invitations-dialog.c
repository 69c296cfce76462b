/* bv-send-invitations-dialog.c
 *
 * What is about to happen is said before anything is sent, in the
 * mailer's own words (computed from the store, no network). The per
 * person outcome is not shown here: the Invite window's rows show it,
 * from the mailer's ::participant-changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-mail-account.h"
#include "bv-preferences-window.h"
#include "bv-send-invitations-dialog.h"
#include "bv-ui-utils.h"

struct _BvSendInvitationsDialog
{
  AdwWindow           parent_instance;

  GtkButton          *cancel_button;
  GtkButton          *send_button;
  GtkButton          *close_button;
  GtkStack           *stack;
  GtkLabel           *summary_label;
  AdwActionRow       *all_row;
  AdwActionRow       *unsent_row;
  AdwActionRow       *changed_row;
  AdwActionRow       *selected_row;
  GtkCheckButton     *all_check;
  GtkCheckButton     *unsent_check;
  GtkCheckButton     *changed_check;
  GtkCheckButton     *selected_check;
  GtkLabel           *reason_label;
  AdwPreferencesGroup *people_group;
  GtkListBox         *people_list;
  GtkLabel           *progress_label;
  GtkProgressBar     *progress_bar;
  AdwStatusPage      *done_page;

  BvInvitationMailer *mailer;
  GSettings          *settings;
  BvContext          *context;
  GPtrArray          *participants;
  GHashTable         *chosen;        /* participant ids ticked */
  GCancellable       *cancellable;   /* the sending; NULL when not sending */
  gulong              progress_handler;
};

G_DEFINE_FINAL_TYPE (BvSendInvitationsDialog, bv_send_invitations_dialog, ADW_TYPE_WINDOW)

static BvMailScope
get_scope (BvSendInvitationsDialog *self)
{
  if (gtk_check_button_get_active (self->unsent_check))
    return BV_MAIL_SCOPE_UNSENT;
  if (gtk_check_button_get_active (self->changed_check))
    return BV_MAIL_SCOPE_CHANGED;
  if (gtk_check_button_get_active (self->selected_check))
    return BV_MAIL_SCOPE_SELECTED;
  return BV_MAIL_SCOPE_ALL;
}

/* The ticked ids, NULL-terminated, in the list's order. */
static GStrv
chosen_ids (BvSendInvitationsDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->participants->len; i++)
    {
      const char *id = bv_participant_get_id (g_ptr_array_index (self->participants, i));

      if (g_hash_table_contains (self->chosen, id))
        g_strv_builder_add (builder, id);
    }
  return g_strv_builder_end (builder);
}

static char *
describe_count (BvSendInvitationsDialog *self,
                BvMailScope              scope)
{
  guint n = bv_invitation_mailer_count (self->mailer, scope, NULL, NULL);

  /* Translators: how many people an e-mail goes to with this choice. */
  return g_strdup_printf (ngettext ("%u person", "%u people", n), n);
}

/* Why "Send" cannot be used with this choice; NULL when it can. */
static const char *
describe_nothing (BvSendInvitationsDialog *self,
                  BvMailScope              scope,
                  guint                    n_skipped)
{
  switch (scope)
    {
    case BV_MAIL_SCOPE_UNSENT:
      return _("Everyone with an e-mail address has been sent this invitation already.");
    case BV_MAIL_SCOPE_CHANGED:
      return _("No invitation has changed since it was sent.");
    case BV_MAIL_SCOPE_SELECTED:
      if (g_hash_table_size (self->chosen) == 0)
        return _("Tick the people who are to get an e-mail in the list below.");
      return _("Nobody ticked has an e-mail address. Add addresses on the page Members.");
    case BV_MAIL_SCOPE_ALL:
    default:
      if (self->participants->len == 0)
        return _("Nobody is invited yet.");
      return _("Nobody invited has an e-mail address. Add addresses on the page Members, or give "
               "the invitations out in another way.");
    }
}

static void
update (BvSendInvitationsDialog *self)
{
  BvMailScope scope = get_scope (self);
  g_auto(GStrv) ids = chosen_ids (self);
  const char * const *selected = scope == BV_MAIL_SCOPE_SELECTED ? (const char * const *) ids : NULL;
  g_autofree char *summary = NULL;
  g_autofree char *all = describe_count (self, BV_MAIL_SCOPE_ALL);
  g_autofree char *unsent = describe_count (self, BV_MAIL_SCOPE_UNSENT);
  g_autofree char *changed = describe_count (self, BV_MAIL_SCOPE_CHANGED);
  guint n_skipped = 0;
  guint n;

  n = bv_invitation_mailer_count (self->mailer, scope, selected, &n_skipped);
  summary = bv_invitation_mailer_describe (self->mailer, scope, selected);
  gtk_label_set_text (self->summary_label, summary);
  adw_action_row_set_subtitle (self->all_row, all);
  adw_action_row_set_subtitle (self->unsent_row, unsent);
  adw_action_row_set_subtitle (self->changed_row, changed);

  gtk_widget_set_visible (GTK_WIDGET (self->people_group), scope == BV_MAIL_SCOPE_SELECTED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "send.send", n > 0 && !self->cancellable);
  bv_ui_show_message (self->reason_label, n > 0 ? NULL : describe_nothing (self, scope, n_skipped), NULL);
}

static void
scope_toggled_cb (BvSendInvitationsDialog *self,
                  GtkCheckButton          *check)
{
  /* Each radio toggles twice (off, then the other on). */
  if (gtk_check_button_get_active (check))
    update (self);
}

static void
person_toggled_cb (GtkCheckButton          *check,
                   BvSendInvitationsDialog *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "participant-id");

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->chosen, g_strdup (id));
  else
    g_hash_table_remove (self->chosen, id);
  update (self);
}

static void
build_people (BvSendInvitationsDialog *self)
{
  for (guint i = 0; i < self->participants->len; i++)
    {
      BvParticipant *participant = g_ptr_array_index (self->participants, i);
      const char *email = bv_participant_get_email (participant);
      gboolean has_email = email && *email;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bv_participant_get_name (participant));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), has_email ? email : _("No e-mail address: gets no e-mail"));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "participant-id",
                              g_strdup (bv_participant_get_id (participant)), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (person_toggled_cb), self, 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      bv_ui_name_from_row (check, row);
      gtk_list_box_append (self->people_list, row);
    }
}

/* sending */

static void
show_page (BvSendInvitationsDialog *self,
           const char              *name)
{
  gboolean done = g_str_equal (name, "done");

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (GTK_WIDGET (self->send_button), g_str_equal (name, "choose"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !done);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), done);
  if (done)
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->close_button));
}

static void
progress_cb (BvInvitationMailer      *mailer,
             guint                    done,
             guint                    total,
             BvSendInvitationsDialog *self)
{
  g_autofree char *text = NULL;

  /* Translators: progress while sending, "12 of 23". */
  text = g_strdup_printf (_("%u of %u"), done, total);
  gtk_progress_bar_set_fraction (self->progress_bar, total ? (double) done / total : 0.0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BvSendInvitationsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *escaped = NULL;
  guint n_sent = 0, n_failed = 0, n_skipped = 0;
  gboolean ok;
  gboolean cancelled;

  ok = bv_invitation_mailer_send_finish (BV_INVITATION_MAILER (object), result,
                                         &n_sent, &n_failed, &n_skipped, &error);
  cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&self->cancellable);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  /* Translators: what sending came to; the three numbers are messages. */
  g_string_append_printf (text, _("Sent: %u · failed: %u · skipped (no e-mail address): %u."),
                          n_sent, n_failed, n_skipped);
  if (n_failed > 0)
    g_string_append_printf (text, " %s",
                            _("The people it failed for are marked in the list, with the reason. Once "
                              "it is fixed, use “Send Again” in their line."));
  if (error && !cancelled)
    g_string_append_printf (text, "\n\n%s", error->message);
  else if (cancelled)
    g_string_append_printf (text, " %s",
                            _("To send the rest later, choose “Only Those Not Sent Yet”: nobody gets "
                              "the invitation twice."));

  if (ok && n_failed == 0)
    adw_status_page_set_title (self->done_page, _("Invitations Sent"));
  else if (ok)
    adw_status_page_set_title (self->done_page, _("Not Every Invitation Was Sent"));
  else if (cancelled)
    adw_status_page_set_title (self->done_page, _("Sending Cancelled"));
  else
    adw_status_page_set_title (self->done_page, _("Sending Stopped"));
  adw_status_page_set_icon_name (self->done_page, ok && n_failed == 0 ? "emblem-ok-symbolic"
                                                                      : "dialog-warning-symbolic");
  /* The description is markup; the reason may hold names and addresses. */
  escaped = g_markup_escape_text (text->str, -1);
  adw_status_page_set_description (self->done_page, escaped);
  show_page (self, "done");
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BvSendInvitationsDialog *self = BV_SEND_INVITATIONS_DIALOG (widget);
  BvMailScope scope = get_scope (self);
  g_auto(GStrv) ids = chosen_ids (self);
  guint total;

  if (self->cancellable)
    return;

  total = bv_invitation_mailer_count (self->mailer, scope, (const char * const *) ids, NULL);
  progress_cb (self->mailer, 0, total, self);
  self->cancellable = g_cancellable_new ();
  show_page (self, "progress");
  update (self);
  bv_invitation_mailer_send_async (self->mailer, scope,
                                   scope == BV_MAIL_SCOPE_SELECTED ? (const char * const *) ids : NULL,
                                   self->cancellable, sent_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BvSendInvitationsDialog *self = BV_SEND_INVITATIONS_DIALOG (widget);

  if (self->cancellable)
    {
      gtk_label_set_text (self->progress_label, _("Stopping after the message on its way…"));
      g_cancellable_cancel (self->cancellable);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
bv_send_invitations_dialog_close_request (GtkWindow *window)
{
  BvSendInvitationsDialog *self = BV_SEND_INVITATIONS_DIALOG (window);

  /* Closing while sending stops it; what was accepted stays sent. */
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (bv_send_invitations_dialog_parent_class)->close_request (window);
}

/* no account yet */

static void
account_saved_cb (GSettings               *settings,
                  const char              *key,
                  BvSendInvitationsDialog *self)
{
  g_autoptr(BvMailAccount) account = bv_mail_account_load (self->settings);

  if (account && g_str_equal (gtk_stack_get_visible_child_name (self->stack), "no-account"))
    {
      show_page (self, "choose");
      update (self);
    }
}

static void
set_up_account_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BvSendInvitationsDialog *self = BV_SEND_INVITATIONS_DIALOG (widget);
  BvPreferencesWindow *preferences;

  preferences = bv_preferences_window_new (GTK_WINDOW (self), self->settings, self->context);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "mail");
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
scope_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BvSendInvitationsDialog *self = BV_SEND_INVITATIONS_DIALOG (widget);
  const char *scope = g_variant_get_string (parameter, NULL);

  if (g_str_equal (scope, "unsent"))
    gtk_check_button_set_active (self->unsent_check, TRUE);
  else if (g_str_equal (scope, "changed"))
    gtk_check_button_set_active (self->changed_check, TRUE);
  else if (g_str_equal (scope, "selected"))
    gtk_check_button_set_active (self->selected_check, TRUE);
  else
    gtk_check_button_set_active (self->all_check, TRUE);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BvSendInvitationsDialog *self = BV_SEND_INVITATIONS_DIALOG (widget);
  const char *id;
  gboolean active;

  g_variant_get (parameter, "(&sb)", &id, &active);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->people_list));
       row;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

      if (check && g_strcmp0 (g_object_get_data (G_OBJECT (check), "participant-id"), id) == 0)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
    }
}

/* object */

static void
bv_send_invitations_dialog_dispose (GObject *object)
{
  BvSendInvitationsDialog *self = BV_SEND_INVITATIONS_DIALOG (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_signal_handler (&self->progress_handler, self->mailer);
  g_clear_object (&self->mailer);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_pointer (&self->chosen, g_hash_table_unref);

  G_OBJECT_CLASS (bv_send_invitations_dialog_parent_class)->dispose (object);
}

static void
bv_send_invitations_dialog_class_init (BvSendInvitationsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bv_send_invitations_dialog_dispose;
  window_class->close_request = bv_send_invitations_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bv-send-invitations-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BvSendInvitationsDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, BvSendInvitationsDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, BvSendInvitationsDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, BvSendInvitationsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, BvSendInvitationsDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BvSendInvitationsDialog, all_row);
  gtk_widget_class_bind_template_child (widget_class, BvSendInvitationsDialog, unsent_row);
  gtk_widget_class_bind_template_child (widget_class, BvSendInvitationsDialog, changed_row);
  gtk_widget_class_bind_template_child (widget_class, BvSendInvitationsDialog, selected_row);
  gtk_widget_class_bind_template_child (widget_class, BvSendInvitationsDialog, all_check);
  gtk_widget_class_bind_template_child (widget_class, BvSendInvitationsDialog, unsent_check);
  gtk_widget_class_bind_template_child (widget_class, BvSendInvitationsDialog, changed_check);
  gtk_widget_class_bind_template_child (widget_class, BvSendInvitationsDialog, selected_check);
  gtk_widget_class_bind_template_child (widget_class, BvSendInvitationsDialog, reason_label);
  gtk_widget_class_bind_template_child (widget_class, BvSendInvitationsDialog, people_group);
  gtk_widget_class_bind_template_child (widget_class, BvSendInvitationsDialog, people_list);
  gtk_widget_class_bind_template_child (widget_class, BvSendInvitationsDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, BvSendInvitationsDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, BvSendInvitationsDialog, done_page);
  gtk_widget_class_bind_template_callback (widget_class, scope_toggled_cb);

  gtk_widget_class_install_action (widget_class, "send.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "send.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "send.set-up-account", NULL, set_up_account_action);
  gtk_widget_class_install_action (widget_class, "send.scope", "s", scope_action);
  gtk_widget_class_install_action (widget_class, "send.choose", "(sb)", choose_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "send.cancel", NULL);
}

static void
bv_send_invitations_dialog_init (BvSendInvitationsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  bv_ui_name_from_row (GTK_WIDGET (self->all_check), self->all_row);
  bv_ui_name_from_row (GTK_WIDGET (self->unsent_check), self->unsent_row);
  bv_ui_name_from_row (GTK_WIDGET (self->changed_check), self->changed_row);
  bv_ui_name_from_row (GTK_WIDGET (self->selected_check), self->selected_row);
}

BvSendInvitationsDialog *
bv_send_invitations_dialog_new (GtkWindow          *parent,
                                BvInvitationMailer *mailer,
                                GSettings          *settings,
                                BvContext          *context,
                                GPtrArray          *participants)
{
  BvSendInvitationsDialog *self;
  g_autoptr(BvMailAccount) account = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BV_IS_INVITATION_MAILER (mailer), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (BV_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (participants, NULL);

  self = g_object_new (BV_TYPE_SEND_INVITATIONS_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->mailer = g_object_ref (mailer);
  self->settings = g_object_ref (settings);
  self->context = g_object_ref (context);
  self->participants = g_ptr_array_ref (participants);
  self->progress_handler = g_signal_connect (mailer, "progress", G_CALLBACK (progress_cb), self);
  g_signal_connect_object (settings, "changed::mail-address", G_CALLBACK (account_saved_cb), self, 0);

  build_people (self);

  /* Those not sent yet, when there are any: sending everything again is
   * what nobody should get by accident. */
  if (bv_invitation_mailer_count (mailer, BV_MAIL_SCOPE_UNSENT, NULL, NULL) > 0 ||
      bv_invitation_mailer_count (mailer, BV_MAIL_SCOPE_ALL, NULL, NULL) == 0)
    gtk_check_button_set_active (self->unsent_check, TRUE);
  else if (bv_invitation_mailer_count (mailer, BV_MAIL_SCOPE_CHANGED, NULL, NULL) > 0)
    gtk_check_button_set_active (self->changed_check, TRUE);
  else
    gtk_check_button_set_active (self->all_check, TRUE);
  update (self);

  account = bv_mail_account_load (settings);
  show_page (self, account ? "choose" : "no-account");
  bv_ui_fix_accessible_names (GTK_WIDGET (self));
  return self;
}

gboolean
bv_send_invitations_dialog_is_sending (BvSendInvitationsDialog *self)
{
  g_return_val_if_fail (BV_IS_SEND_INVITATIONS_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}
