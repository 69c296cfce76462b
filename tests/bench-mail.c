/* bench-mail.c
 *
 * N invitations sent through the real SMTP server on loopback
 * (tests/smtp-server.py, STARTTLS, AUTH): the time until the last one
 * is accepted, the connections used, and the process's resident memory
 * after 100 messages, after half and after all (it must not grow with
 * the number sent). bench-mail [N] sends N (default 500). Needs the test
 * session's keyring (build-aux/dev bench). Prints one line:
 *   messages=N accepted=N seconds=S connections=C server_connections=C
 *   rss_after_100_kib=A rss_after_half_kib=B rss_after_all_kib=C
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bv-invitation-mailer.h"
#include "bv-invitation-mailer-private.h"
#include "bv-mail-secret.h"
#include "bv-practice-server.h"
#include "bv-secret-store.h"
#include "bv-test-utils.h"
#include "mail-fixture.h"

#define SECRET "bench-mail-secret-0123456789abcdef"
static guint   n_people = 500;
static guint64 rss_100;
static guint64 rss_half;

static guint64
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line ? g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10) : 0;
}

static void
progress_cb (BvInvitationMailer *mailer,
             guint               done,
             guint               total)
{
  if (done == 100)
    rss_100 = rss_kib ();
  else if (done == n_people / 2)
    rss_half = rss_kib ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvPracticeServer) practice = NULL;
  g_autoptr(MailServer) smtp = NULL;
  g_autoptr(BvDatabase) db = NULL;
  g_autoptr(BvContext) context = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(BvMailAccount) account = NULL;
  g_autoptr(BvInvitationMailer) mailer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *server_id = bv_server_generate_id ();
  guint sent = 0, failed = 0, skipped = 0;
  gint64 start;
  double seconds;

  g_test_init (&argc, &argv, NULL);
  if (argc > 1)
    n_people = (guint) g_ascii_strtoull (argv[1], NULL, 10);
  g_assert_cmpuint (n_people, >=, 200);
  mail_fixture_trust_test_ca ();

  practice = bv_practice_server_new (SECRET);
  bv_practice_server_start (practice, &error);
  g_assert_no_error (error);
  smtp = mail_server_start (NULL, NULL);

  dir = g_dir_make_tmp ("bv-bench-mail-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.sqlite", NULL);
  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  context = bv_context_new (db);

  server = bv_server_new (server_id, "Übungsserver", bv_practice_server_get_api_url (practice), "sha256");
  bv_server_set_connection_info (server, "sha256", "2.0", "2.7.0", FALSE, g_get_real_time () / G_USEC_PER_SEC);
  bv_database_save_server (db, server, &error);
  g_assert_no_error (error);
  bv_secret_store_save_async (server_id, "Übungsserver", SECRET, NULL, bv_test_result_cb, &result);
  bv_secret_store_save_finish (bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  meeting = bv_meeting_new (BV_MEETING_KIND_ASSEMBLY);
  bv_meeting_set_title (meeting, "Mitgliederversammlung Grün-Weiß");
  bv_meeting_set_start (meeting, "2027-04-20T19:00:00", "Europe/Berlin");
  bv_meeting_set_duration (meeting, 120);
  bv_meeting_set_server_id (meeting, server_id);
  bv_database_save_meeting (db, meeting, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_people; i++)
    {
      g_autoptr(BvMember) member = bv_member_new ();
      g_autoptr(BvParticipant) participant = NULL;
      g_autofree char *name = g_strdup_printf ("Mitglied Nummer %u Müller", i + 1);
      g_autofree char *email = g_strdup_printf ("mitglied%03u@example.org", i + 1);

      bv_member_set_name (member, name);
      bv_member_set_email (member, email);
      bv_database_save_member (db, member, &error);
      g_assert_no_error (error);
      participant = bv_participant_new_member (bv_meeting_get_id (meeting), bv_member_get_id (member),
                                               BV_PARTICIPANT_ROLE_PARTICIPANT);
      bv_database_add_participant (db, participant, &error);
      g_assert_no_error (error);
    }

  settings = g_settings_new (APP_ID);
  account = mail_server_account (smtp);
  bv_mail_account_save (account, settings);
  bv_mail_secret_save_async (MAIL_USER, MAIL_PASSWORD, NULL, bv_test_result_cb, &result);
  bv_mail_secret_save_finish (bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  mailer = bv_invitation_mailer_new (context, meeting);
  bv_invitation_mailer_set_settings (mailer, settings);
  g_signal_connect (mailer, "progress", G_CALLBACK (progress_cb), NULL);

  start = g_get_monotonic_time ();
  bv_invitation_mailer_send_async (mailer, BV_MAIL_SCOPE_ALL, NULL, NULL, bv_test_result_cb, &result);
  bv_invitation_mailer_send_finish (mailer, bv_test_wait_for (&result), &sent, &failed, &skipped, &error);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_no_error (error);

  printf ("messages=%u accepted=%u seconds=%.2f connections=%u server_connections=%u "
          "rss_after_100_kib=%" G_GUINT64_FORMAT " rss_after_half_kib=%" G_GUINT64_FORMAT
          " rss_after_all_kib=%" G_GUINT64_FORMAT "\n",
          sent, mail_server_count_messages (smtp), seconds,
          _bv_invitation_mailer_get_n_connections (mailer), mail_server_count (smtp, "CONNECT"),
          rss_100, rss_half, rss_kib ());

  g_clear_object (&mailer);
  g_clear_object (&context);
  g_clear_object (&db);
  bv_test_remove_tree (dir);
  return sent == n_people && failed == 0 ? 0 : 1;
}
