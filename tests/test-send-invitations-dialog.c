/* test-send-invitations-dialog.c
 *
 * "Einladungen senden" from the Invite window, in real windows (Xvfb), on
 * a real SQLite file, with the secrets in the real keyring, the practice
 * server for the links and a real SMTP server on loopback
 * (tests/smtp-server.py): the summary, the scopes, the progress, what
 * each row says afterwards, and "Send Again" for a refused recipient.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "bv-invitation-mailer-private.h"
#include "bv-invitation-row.h"
#include "bv-invite-window.h"
#include "bv-mail-secret.h"
#include "bv-preferences-window.h"
#include "bv-secret-store.h"
#include "bv-send-invitations-dialog.h"
#include "bv-test-utils.h"
#include "mail-fixture.h"

#define SECRET "send-dialog-test-secret-0123456789"

static BvPracticeServer *practice;
static char *dir;

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
window_is_ready (gpointer data)
{
  return bv_invite_window_is_ready (BV_INVITE_WINDOW (data));
}

static GtkWidget *
next_widget (GtkWidget *w,
             GtkWidget *root)
{
  if (gtk_widget_get_first_child (w))
    return gtk_widget_get_first_child (w);
  while (w != root && !gtk_widget_get_next_sibling (w))
    w = gtk_widget_get_parent (w);
  return w == root ? NULL : gtk_widget_get_next_sibling (w);
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  for (GtkWidget *w = root; w; w = next_widget (w, root))
    if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
      return w;
  return NULL;
}

static BvInvitationRow *
find_row (BvInviteWindow *window,
          const char     *title)
{
  GtkWidget *root = GTK_WIDGET (window);

  for (GtkWidget *w = root; w; w = next_widget (w, root))
    if (BV_IS_INVITATION_ROW (w) && g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), title))
      return BV_INVITATION_ROW (w);
  return NULL;
}

static const char *
subtitle (BvInviteWindow *window,
          const char     *title)
{
  BvInvitationRow *row = find_row (window, title);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static gpointer
dialog_child (BvSendInvitationsDialog *dialog,
              const char              *name)
{
  gpointer widget = gtk_widget_get_template_child (GTK_WIDGET (dialog), BV_TYPE_SEND_INVITATIONS_DIALOG, name);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
dialog_page (BvSendInvitationsDialog *dialog)
{
  return gtk_stack_get_visible_child_name (dialog_child (dialog, "stack"));
}

static gboolean
dialog_done (gpointer data)
{
  return g_str_equal (dialog_page (data), "done");
}

static gpointer
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_toplevel (BV_TYPE_SEND_INVITATIONS_DIALOG) != NULL;
}

static gboolean
preferences_shown (gpointer data)
{
  return find_toplevel (BV_TYPE_PREFERENCES_WINDOW) != NULL;
}

static BvSendInvitationsDialog *
open_dialog (BvInviteWindow *window)
{
  BvSendInvitationsDialog *dialog;

  g_assert_null (find_toplevel (BV_TYPE_SEND_INVITATIONS_DIALOG));
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.send-invitations", NULL);
  bv_test_wait_until (dialog_shown, NULL);
  dialog = find_toplevel (BV_TYPE_SEND_INVITATIONS_DIALOG);
  bv_test_wait_until (widget_is_mapped, dialog);
  return dialog;
}

static void
close_dialog (BvSendInvitationsDialog *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  bv_test_drain ();
}

static gboolean
can_send (BvSendInvitationsDialog *dialog)
{
  return gtk_widget_is_sensitive (dialog_child (dialog, "send_button"));
}

static const char *
reason (BvSendInvitationsDialog *dialog)
{
  GtkWidget *label = dialog_child (dialog, "reason_label");

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static void
store_secret (BvServer *server)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bv_secret_store_save_async (bv_server_get_id (server), bv_server_get_name (server), SECRET,
                              NULL, bv_test_result_cb, &result);
  bv_secret_store_save_finish (bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
}

static void
store_mail_password (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bv_mail_secret_save_async (MAIL_USER, MAIL_PASSWORD, NULL, bv_test_result_cb, &result);
  bv_mail_secret_save_finish (bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
}

static void
use_server (GSettings  *settings,
            MailServer *mail)
{
  g_autoptr(BvMailAccount) account = mail_server_account (mail);

  bv_mail_account_save (account, settings);
}

typedef struct
{
  BvDatabase *db;
  BvContext  *context;
  BvMeeting  *meeting;
} Club;

static void
club_clear (Club *club)
{
  g_clear_object (&club->meeting);
  g_clear_object (&club->context);
  g_clear_object (&club->db);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Club, club_clear)

static void
add_member (BvDatabase *db,
            const char *name,
            const char *email,
            BvGroup    *group)
{
  g_autoptr(BvMember) member = bv_member_new ();
  g_autoptr(GError) error = NULL;
  const char *groups[] = { bv_group_get_id (group), NULL };

  bv_member_set_name (member, name);
  bv_member_set_email (member, email);
  bv_member_set_group_ids (member, groups);
  g_assert_true (bv_database_save_member (db, member, &error));
  g_assert_no_error (error);
}

/* A board of three, Greta without an address, invited to a board
 * meeting on the practice server. */
static void
club_init (Club       *club,
           const char *file)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = bv_server_generate_id ();
  g_autoptr(BvServer) server = bv_server_new (id, "Vereinsserver", bv_practice_server_get_api_url (practice), "sha256");
  g_autoptr(BvGroup) board = bv_group_new ("Vorstand");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *local = g_date_time_format (tomorrow, "%Y-%m-%dT19:00:00");

  club->db = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (bv_database_save_server (club->db, server, &error));
  store_secret (server);
  club->context = bv_context_new (club->db);
  g_assert_true (bv_database_save_group (club->db, board, &error));
  g_assert_no_error (error);
  add_member (club->db, "Erika Musterfrau", "erika@example.org", board);
  add_member (club->db, "Bernd Böhm", "bernd@example.org", board);
  add_member (club->db, "Greta Graf", NULL, board);

  club->meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);
  bv_meeting_set_title (club->meeting, "Vorstandssitzung");
  bv_meeting_set_start (club->meeting, local, "Europe/Berlin");
  bv_meeting_set_server_id (club->meeting, bv_server_get_id (server));
  g_assert_true (bv_database_save_meeting (club->db, club->meeting, &error));
  g_assert_no_error (error);
}

static BvInviteWindow *
open_window (Club      *club,
             GSettings *settings)
{
  BvInviteWindow *window = bv_invite_window_new (NULL, club->context, settings, club->meeting);
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(BvGroup) board = NULL;

  gtk_window_present (GTK_WINDOW (window));
  bv_test_wait_until (widget_is_mapped, window);
  bv_test_wait_until (window_is_ready, window);
  board = g_list_model_get_item (bv_database_get_groups (club->db), 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.add-group-id", "s", bv_group_get_id (board));
  return window;
}

typedef struct
{
  BvInviteWindow *window;
  const char     *title;
  const char     *prefix;
} RowWait;

static gboolean
row_says (gpointer data)
{
  RowWait *wait = data;
  const char *text = subtitle (wait->window, wait->title);
  const char *line = strchr (text, '\n');

  return line && g_str_has_prefix (line + 1, wait->prefix);
}

static AdwSplitButton *
again_button (BvInvitationRow *row)
{
  AdwSplitButton *button = ADW_SPLIT_BUTTON (find_descendant (GTK_WIDGET (row), ADW_TYPE_SPLIT_BUTTON));

  g_assert_nonnull (button);
  return button;
}

/* The summary comes first and follows the choice; a choice that sends
 * nothing says why "Send" is off; sending shows progress and then the
 * outcome; each row says what happened to that person: sent, failed with
 * the reason and "Send Again", or no address. "Send Again" sends to that
 * person only, once the server takes the address. */
static void
test_send (void)
{
  g_auto(Club) club = { NULL, };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(MailServer) mail = NULL;
  g_autoptr(MailServer) second = NULL;
  g_autoptr(BvInvitationMailer) mailer = NULL;
  g_autofree char *expected = NULL;
  BvSendInvitationsDialog *dialog;
  BvInviteWindow *window;
  BvInvitationRow *bernd;
  RowWait wait;
  const char *erika_id;
  const char *text;

  mail_fixture_trust_test_ca ();
  mail = mail_server_start ("--mode", "starttls", "--refuse", "bernd@example.org", NULL);
  use_server (settings, mail);
  store_mail_password ();
  club_init (&club, "send.db");
  window = open_window (&club, settings);
  g_assert_nonnull (find_row (window, "Bernd Böhm"));

  /* Nothing sent yet: the rows say only the address. */
  g_assert_cmpstr (subtitle (window, "Erika Musterfrau"), ==, "erika@example.org");
  g_assert_cmpstr (subtitle (window, "Greta Graf"), ==, "No e-mail address");

  dialog = open_dialog (window);
  g_assert_cmpstr (dialog_page (dialog), ==, "choose");
  g_assert_true (gtk_check_button_get_active (dialog_child (dialog, "unsent_check")));
  mailer = bv_invitation_mailer_new (club.context, club.meeting);
  bv_invitation_mailer_set_settings (mailer, settings);
  expected = bv_invitation_mailer_describe (mailer, BV_MAIL_SCOPE_UNSENT, NULL);
  text = gtk_label_get_text (dialog_child (dialog, "summary_label"));
  g_assert_cmpstr (text, ==, expected);
  g_assert_nonnull (strstr (text, "2 invitations to 2 people"));
  g_assert_nonnull (strstr (text, "1 without an e-mail address"));
  g_assert_cmpstr (adw_action_row_get_subtitle (dialog_child (dialog, "all_row")), ==, "2 people");
  g_assert_cmpstr (adw_action_row_get_subtitle (dialog_child (dialog, "changed_row")), ==, "0 people");
  g_assert_true (can_send (dialog));
  g_assert_null (reason (dialog));

  /* Nothing changed since it was sent: "Send" is off, and it says why. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "send.scope", "s", "changed");
  g_assert_false (can_send (dialog));
  g_assert_cmpstr (reason (dialog), ==, "No invitation has changed since it was sent.");

  /* The people chosen: none yet, then Erika. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "send.scope", "s", "selected");
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "people_group")));
  g_assert_false (can_send (dialog));
  g_assert_cmpstr (reason (dialog), ==, "Tick the people who are to get an e-mail in the list below.");
  erika_id = bv_participant_get_id (bv_invitation_row_get_participant (find_row (window, "Erika Musterfrau")));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "send.choose", "(sb)", erika_id, TRUE);
  g_assert_true (can_send (dialog));
  {
    const char *ids[] = { erika_id, NULL };
    g_autofree char *one = bv_invitation_mailer_describe (mailer, BV_MAIL_SCOPE_SELECTED, ids);

    g_assert_cmpstr (gtk_label_get_text (dialog_child (dialog, "summary_label")), ==, one);
  }

  /* Everyone: Erika is accepted, Bernd refused (550), Greta skipped. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "send.scope", "s", "all");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "send.send", NULL);
  g_assert_cmpstr (dialog_page (dialog), ==, "progress");
  g_assert_true (bv_send_invitations_dialog_is_sending (dialog));
  bv_test_wait_until (dialog_done, dialog);
  g_assert_cmpstr (gtk_progress_bar_get_text (dialog_child (dialog, "progress_bar")), ==, "2 of 2");
  g_assert_cmpstr (adw_status_page_get_title (dialog_child (dialog, "done_page")), ==,
                   "Not Every Invitation Was Sent");
  g_assert_true (g_str_has_prefix (adw_status_page_get_description (dialog_child (dialog, "done_page")),
                                   "Sent: 1 · failed: 1 · skipped (no e-mail address): 1."));
  close_dialog (dialog);
  g_assert_cmpuint (mail_server_count_messages (mail), ==, 1);
  g_assert_cmpuint (mail_server_count (mail, "REFUSED bernd@example.org"), ==, 1);

  wait = (RowWait) { window, "Erika Musterfrau", "Sent on " };
  bv_test_wait_until (row_says, &wait);
  wait = (RowWait) { window, "Bernd Böhm", "Failed: " };
  bv_test_wait_until (row_says, &wait);
  g_assert_cmpstr (subtitle (window, "Greta Graf"), ==, "No e-mail address");
  bernd = find_row (window, "Bernd Böhm");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (again_button (bernd))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (again_button (find_row (window, "Erika Musterfrau")))));

  /* Bernd's address works again (a server that takes it): "Send Again"
   * sends to him alone; Erika does not get hers twice. */
  second = mail_server_start ("--mode", "starttls", NULL);
  use_server (settings, second);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (again_button (bernd))), ==, "invite.mail-one");
  /* A click on its button half, as a person would. */
  g_assert_true (GTK_IS_BUTTON (gtk_widget_get_first_child (GTK_WIDGET (again_button (bernd)))));
  g_signal_emit_by_name (gtk_widget_get_first_child (GTK_WIDGET (again_button (bernd))), "clicked");
  wait = (RowWait) { window, "Bernd Böhm", "Sent on " };
  bv_test_wait_until (row_says, &wait);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (again_button (bernd))));
  bv_test_assert_exactly ((BvTestCounter) mail_server_count_messages, second, 1);
  g_assert_cmpuint (mail_server_count (second, "ACCEPTED bernd@example.org"), ==, 1);
  g_assert_cmpuint (mail_server_count_messages (mail), ==, 1);

  /* Everyone has it now: "Only Those Not Sent Yet" sends nothing, and
   * says so. */
  dialog = open_dialog (window);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "send.scope", "s", "unsent");
  g_assert_false (can_send (dialog));
  g_assert_cmpstr (reason (dialog), ==, "Everyone with an e-mail address has been sent this invitation already.");
  close_dialog (dialog);

  /* A new role outdates Erika's invitation: her row says so. */
  {
    BvInvitationRow *erika = find_row (window, "Erika Musterfrau");
    GtkDropDown *role = GTK_DROP_DOWN (find_descendant (GTK_WIDGET (erika), GTK_TYPE_DROP_DOWN));

    gtk_drop_down_set_selected (role, 1);
    wait = (RowWait) { window, "Erika Musterfrau", "Sent on " };
    g_assert_true (row_says (&wait));
    g_assert_nonnull (strstr (subtitle (window, "Erika Musterfrau"), "changed since, send it again"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  bv_mail_account_forget (settings);
}

/* Without an account the dialog leads to Einstellungen → E-Mail, and
 * goes on to the choice once an account is saved. */
static void
test_no_account (void)
{
  g_auto(Club) club = { NULL, };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(MailServer) mail = NULL;
  BvSendInvitationsDialog *dialog;
  BvInviteWindow *window;
  GtkWindow *preferences;

  bv_mail_account_forget (settings);
  club_init (&club, "noaccount.db");
  window = open_window (&club, settings);

  dialog = open_dialog (window);
  g_assert_cmpstr (dialog_page (dialog), ==, "no-account");
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "send_button")));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "send.set-up-account", NULL);
  bv_test_wait_until (preferences_shown, NULL);
  preferences = find_toplevel (BV_TYPE_PREFERENCES_WINDOW);
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (preferences)), ==, "mail");
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (dialog));

  mail = mail_server_start ("--mode", "starttls", NULL);
  use_server (settings, mail);
  g_assert_cmpstr (dialog_page (dialog), ==, "choose");
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "send_button")));
  gtk_window_destroy (preferences);
  close_dialog (dialog);

  /* "Send by E-Mail" in a row without an account leads there too. */
  bv_mail_account_forget (settings);
  {
    BvParticipant *erika = bv_invitation_row_get_participant (find_row (window, "Erika Musterfrau"));

    gtk_widget_activate_action (GTK_WIDGET (window), "invite.mail-one", "s", bv_participant_get_id (erika));
    bv_test_wait_until (dialog_shown, NULL);
    dialog = find_toplevel (BV_TYPE_SEND_INVITATIONS_DIALOG);
    g_assert_cmpstr (dialog_page (dialog), ==, "no-account");
    /* Once the account is there, it sends to her alone, not to everyone
     * not sent yet. */
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (dialog_child (dialog, "selected_check"))));
    g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (dialog_child (dialog, "summary_label"))),
                                     "1 invitation to 1 person"));
    close_dialog (dialog);
  }
  g_assert_cmpuint (mail_server_count (mail, "CONNECT"), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = bv_test_isolate_dirs ("bv-test-send-invitations-dialog");
  int status;

  /* English source strings, whatever the machine's language. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  dir = g_dir_make_tmp ("bv-test-send-XXXXXX", &error);
  g_assert_no_error (error);
  practice = bv_test_practice_server_new (SECRET);

  g_test_add_func ("/ui/send-invitations-dialog/send", test_send);
  g_test_add_func ("/ui/send-invitations-dialog/no-account", test_no_account);

  status = g_test_run ();

  g_clear_object (&practice);
  bv_test_remove_tree (dir);
  g_free (dir);
  if (root)
    bv_test_remove_tree (root);
  return status;
}
