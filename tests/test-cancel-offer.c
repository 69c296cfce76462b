/* test-cancel-offer.c
 *
 * Calling off a date of a series whose invitations went out by e-mail:
 * Anstehend asks first and, on "Call Off and Send Cancellation", sends a
 * METHOD:CANCEL message to each person through a real SMTP server on
 * loopback (tests/smtp-server.py); "Only Call Off" sends nothing. Real
 * SQLite file, real keyring, real window (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "bv-cancel-offer.h"
#include "bv-mail-secret.h"
#include "bv-secret-store.h"
#include "bv-test-utils.h"
#include "bv-upcoming-page.h"
#include "mail-fixture.h"

#define SECRET "cancel-offer-test-secret-0123456789"

static BvPracticeServer *practice;
static char *dir;

typedef struct
{
  const char *heading;
} DialogWait;

static AdwMessageDialog *
find_dialog (const char *heading)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_str_has_prefix (adw_message_dialog_get_heading (l->data), heading))
      return l->data;
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog (data) != NULL;
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
store_secrets (BvServer *server)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) mail_result = NULL;
  g_autoptr(GError) error = NULL;

  bv_secret_store_save_async (bv_server_get_id (server), bv_server_get_name (server), SECRET,
                              NULL, bv_test_result_cb, &result);
  bv_secret_store_save_finish (bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  bv_mail_secret_save_async (MAIL_USER, MAIL_PASSWORD, NULL, bv_test_result_cb, &mail_result);
  bv_mail_secret_save_finish (bv_test_wait_for (&mail_result), &error);
  g_assert_no_error (error);
}

/* Messages the server accepted whose text says METHOD:CANCEL. */
static guint
count_cancellations (gpointer data)
{
  MailServer *server = data;
  g_autoptr(GDir) folder = g_dir_open (server->outdir, 0, NULL);
  const char *name;
  guint n = 0;

  while (folder && (name = g_dir_read_name (folder)))
    {
      g_autofree char *path = g_build_filename (server->outdir, name, NULL);
      g_autofree char *text = NULL;

      if (g_str_has_suffix (name, ".eml") && g_file_get_contents (path, &text, NULL, NULL) &&
          strstr (text, "method=CANCEL"))
        n++;
    }
  return n;
}

static void
test_call_off (void)
{
  g_autofree char *path = g_build_filename (dir, "cancel.db", NULL);
  g_autofree char *id = bv_server_generate_id ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(MailServer) mail = NULL;
  g_autoptr(BvDatabase) db = NULL;
  g_autoptr(BvContext) context = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(BvMeeting) series = NULL;
  g_autoptr(BvMeeting) other = NULL;
  g_autoptr(BvInvitationMailer) mailer = NULL;
  g_autoptr(BvInvitationMailer) offer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) week_later = g_date_time_add_days (now, 8);
  g_autofree char *start = g_date_time_format (tomorrow, "%Y-%m-%dT19:00:00");
  g_autofree char *second = g_date_time_format (week_later, "%Y-%m-%dT19:00:00");
  g_autoptr(GPtrArray) exceptions = NULL;
  const char *names[][2] = { { "Erika Musterfrau", "erika@example.org" }, { "Bernd Böhm", "bernd@example.org" } };
  guint n_sent = 0, n_failed = 0, n_skipped = 0, n = 0;
  AdwMessageDialog *dialog;
  BvUpcomingPage *page;
  GtkWidget *window;

  mail_fixture_trust_test_ca ();
  mail = mail_server_start ("--mode", "starttls", NULL);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  server = bv_server_new (id, "Vereinsserver", bv_practice_server_get_api_url (practice), "sha256");
  g_assert_true (bv_database_save_server (db, server, &error));
  store_secrets (server);
  context = bv_context_new (db);
  series = bv_meeting_new (BV_MEETING_KIND_COURSE);
  bv_meeting_set_title (series, "Yoga");
  bv_meeting_set_start (series, start, "Europe/Berlin");
  bv_meeting_set_rrule (series, "FREQ=WEEKLY");
  bv_meeting_set_server_id (series, id);
  g_assert_true (bv_database_save_meeting (db, series, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(BvParticipant) participant = bv_participant_new_guest (bv_meeting_get_id (series), names[i][0],
                                                                        names[i][1], BV_PARTICIPANT_ROLE_PARTICIPANT);

      g_assert_true (bv_database_add_participant (db, participant, &error));
      g_assert_no_error (error);
    }

  /* No account: nothing to offer. */
  bv_mail_account_forget (settings);
  g_assert_null (bv_cancel_offer_mailer_new (context, settings, series, &n));
  g_assert_null (bv_cancel_offer_mailer_new (context, NULL, series, &n));

  /* An account, but nobody was sent anything yet: nothing to offer. */
  {
    g_autoptr(BvMailAccount) account = mail_server_account (mail);

    bv_mail_account_save (account, settings);
  }
  g_assert_null (bv_cancel_offer_mailer_new (context, settings, series, &n));

  mailer = bv_invitation_mailer_new (context, series);
  bv_invitation_mailer_set_settings (mailer, settings);
  bv_invitation_mailer_send_async (mailer, BV_MAIL_SCOPE_ALL, NULL, NULL, bv_test_result_cb, &result);
  g_assert_true (bv_invitation_mailer_send_finish (mailer, bv_test_wait_for (&result), &n_sent, &n_failed,
                                                   &n_skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 2);
  g_assert_cmpuint (count_cancellations (mail), ==, 0);

  offer = bv_cancel_offer_mailer_new (context, settings, series, &n);
  g_assert_nonnull (offer);
  g_assert_cmpuint (n, ==, 2);
  {
    AdwMessageDialog *question = bv_cancel_offer_dialog_new (NULL, series, NULL, n);

    g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Delete “Yoga”?");
    g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (question),
                                     "2 people were sent the invitation by e-mail."));
    g_assert_true (adw_message_dialog_has_response (question, "only"));
    g_assert_true (adw_message_dialog_has_response (question, "send"));
    gtk_window_destroy (GTK_WINDOW (question));
  }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  page = g_object_new (BV_TYPE_UPCOMING_PAGE, NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  bv_upcoming_page_setup (page, context, settings);
  gtk_window_present (GTK_WINDOW (window));
  bv_test_wait_until (widget_is_mapped, page);

  /* "Call Off and Send Cancellation": the date is off, and both get a
   * cancellation. */
  gtk_widget_activate_action (GTK_WIDGET (page), "upcoming.cancel-date", "(ss)", bv_meeting_get_id (series), start);
  bv_test_wait_until (dialog_shown, (gpointer) "Call Off “Yoga” on ");
  dialog = find_dialog ("Call Off “Yoga” on ");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   "2 people were sent the invitation by e-mail."));
  exceptions = bv_database_list_exceptions (db, bv_meeting_get_id (series));
  g_assert_cmpuint (exceptions->len, ==, 0);
  adw_message_dialog_response (dialog, "send");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_pointer (&exceptions, g_ptr_array_unref);
  exceptions = bv_database_list_exceptions (db, bv_meeting_get_id (series));
  g_assert_cmpuint (exceptions->len, ==, 1);
  bv_test_assert_exactly (count_cancellations, mail, 2);

  /* "Only Call Off": the next date is off, nobody is told. */
  gtk_widget_activate_action (GTK_WIDGET (page), "upcoming.cancel-date", "(ss)", bv_meeting_get_id (series), second);
  bv_test_wait_until (dialog_shown, (gpointer) "Call Off “Yoga” on ");
  dialog = find_dialog ("Call Off “Yoga” on ");
  adw_message_dialog_response (dialog, "only");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_pointer (&exceptions, g_ptr_array_unref);
  exceptions = bv_database_list_exceptions (db, bv_meeting_get_id (series));
  g_assert_cmpuint (exceptions->len, ==, 2);
  bv_test_assert_exactly (count_cancellations, mail, 2);

  /* A meeting nobody was sent anything for is called off without asking. */
  other = bv_meeting_new (BV_MEETING_KIND_COURSE);
  bv_meeting_set_title (other, "Pilates");
  bv_meeting_set_start (other, start, "Europe/Berlin");
  bv_meeting_set_rrule (other, "FREQ=WEEKLY");
  bv_meeting_set_server_id (other, id);
  g_assert_true (bv_database_save_meeting (db, other, &error));
  gtk_widget_activate_action (GTK_WIDGET (page), "upcoming.cancel-date", "(ss)", bv_meeting_get_id (other), start);
  g_assert_null (find_dialog ("Call Off “Pilates”"));
  g_clear_pointer (&exceptions, g_ptr_array_unref);
  exceptions = bv_database_list_exceptions (db, bv_meeting_get_id (other));
  g_assert_cmpuint (exceptions->len, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  bv_mail_account_forget (settings);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = bv_test_isolate_dirs ("bv-test-cancel-offer");
  int status;

  /* English source strings, whatever the machine's language. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  dir = g_dir_make_tmp ("bv-test-cancel-XXXXXX", &error);
  g_assert_no_error (error);
  practice = bv_test_practice_server_new (SECRET);

  g_test_add_func ("/ui/cancel-offer/call-off", test_call_off);

  status = g_test_run ();

  g_clear_object (&practice);
  bv_test_remove_tree (dir);
  g_free (dir);
  if (root)
    bv_test_remove_tree (root);
  return status;
}
