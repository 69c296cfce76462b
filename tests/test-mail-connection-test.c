/* test-mail-connection-test.c
 *
 * "Verbindung testen" against a real SMTP server on loopback
 * (tests/smtp-server.py): it connects, encrypts, logs in and sends
 * nothing; each failure is the right German-explained error, and the
 * password never goes over an unencrypted connection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "bv-mail-connection-test.h"
#include "bv-mail-error.h"
#include "bv-test-utils.h"
#include "mail-fixture.h"

static gboolean
run_test (BvMailAccount *account,
          const char    *password,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bv_mail_connection_test_async (account, password, cancellable, bv_test_result_cb, &result);
  return bv_mail_connection_test_finish (bv_test_wait_for (&result), error);
}

static gboolean
quit_seen (gpointer data)
{
  return mail_server_count (data, "QUIT") == 1;
}

static void
test_starttls (void)
{
  g_autoptr(MailServer) server = mail_server_start (NULL, NULL);
  g_autoptr(BvMailAccount) account = mail_server_account (server);
  g_autoptr(GError) error = NULL;

  g_assert_true (run_test (account, MAIL_PASSWORD, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mail_server_count (server, "STARTTLS"), ==, 1);
  g_assert_cmpuint (mail_server_count (server, "AUTH-OK"), ==, 1);
  /* Nothing sent; the connection closed politely. */
  g_assert_cmpuint (mail_server_count (server, "MAIL"), ==, 0);
  bv_test_wait_until (quit_seen, server);
  g_assert_cmpuint (mail_server_count_messages (server), ==, 0);
}

static void
test_ssl (void)
{
  g_autoptr(MailServer) server = mail_server_start ("--mode", "ssl", NULL);
  g_autoptr(BvMailAccount) account = mail_server_account (server);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (bv_mail_account_get_security (account), ==, BV_MAIL_SECURITY_SSL);
  g_assert_true (run_test (account, MAIL_PASSWORD, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mail_server_count (server, "STARTTLS"), ==, 0);
  g_assert_cmpuint (mail_server_count (server, "AUTH-OK"), ==, 1);
  bv_test_wait_until (quit_seen, server);
  g_assert_cmpuint (mail_server_count (server, "MAIL"), ==, 0);
}

static void
test_login_refused (void)
{
  g_autoptr(MailServer) server = mail_server_start (NULL, NULL);
  g_autoptr(BvMailAccount) account = mail_server_account (server);
  g_autoptr(GError) error = NULL;

  g_assert_false (run_test (account, "falsch", NULL, &error));
  g_assert_error (error, BV_MAIL_ERROR, BV_MAIL_ERROR_AUTH_FAILED);
  g_assert_cmpuint (mail_server_count (server, "AUTH-FAILED"), ==, 1);
}

static void
test_user_name (void)
{
  g_autoptr(MailServer) server = mail_server_start (NULL, NULL);
  g_autoptr(BvMailAccount) account = mail_server_account (server);
  g_autoptr(GError) error = NULL;

  /* The login name is the account's user name, not the address. */
  bv_mail_account_set_username (account, "jemand-anders");
  g_assert_false (run_test (account, MAIL_PASSWORD, NULL, &error));
  g_assert_error (error, BV_MAIL_ERROR, BV_MAIL_ERROR_AUTH_FAILED);
}

static void
test_no_starttls (void)
{
  g_autoptr(MailServer) server = mail_server_start ("--mode", "plain", NULL);
  g_autoptr(BvMailAccount) account = mail_server_account (server);
  g_autoptr(GError) error = NULL;

  g_assert_false (run_test (account, MAIL_PASSWORD, NULL, &error));
  g_assert_error (error, BV_MAIL_ERROR, BV_MAIL_ERROR_NO_STARTTLS);
  g_assert_cmpuint (mail_server_count (server, "EHLO"), >=, 1);
  g_assert_cmpuint (mail_server_count (server, "AUTH"), ==, 0);
}

/* SSL/TLS chosen, but the server speaks plain SMTP on that port. */
static void
test_ssl_to_plain (void)
{
  g_autoptr(MailServer) server = mail_server_start ("--mode", "plain", NULL);
  g_autoptr(BvMailAccount) account = mail_server_account (server);
  g_autoptr(GError) error = NULL;

  bv_mail_account_set_security (account, BV_MAIL_SECURITY_SSL);
  g_assert_false (run_test (account, MAIL_PASSWORD, NULL, &error));
  g_assert_error (error, BV_MAIL_ERROR, BV_MAIL_ERROR_TLS_FAILED);
  g_assert_cmpuint (mail_server_count (server, "AUTH"), ==, 0);
}

static void
test_wrong_certificate (void)
{
  g_autofree char *wrong = mail_fixture_data_path ("test-wrong-host.pem");
  g_autoptr(MailServer) server = mail_server_start ("--cert", wrong, NULL);
  g_autoptr(BvMailAccount) account = mail_server_account (server);
  g_autoptr(GError) error = NULL;

  g_assert_false (run_test (account, MAIL_PASSWORD, NULL, &error));
  g_assert_error (error, BV_MAIL_ERROR, BV_MAIL_ERROR_TLS_FAILED);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_cmpuint (mail_server_count (server, "AUTH"), ==, 0);
}

static void
test_unreachable (void)
{
  g_autoptr(BvMailAccount) account = bv_mail_account_new ("verein@example.de");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetSocketAddress) bound = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  guint port;

  /* A port that was just free: nobody listens there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  bound = G_INET_SOCKET_ADDRESS (g_inet_socket_address_new_from_string ("127.0.0.1", 0));
  g_socket_bind (socket, G_SOCKET_ADDRESS (bound), FALSE, &error);
  g_assert_no_error (error);
  local = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  g_socket_close (socket, NULL);

  bv_mail_account_set_host (account, "127.0.0.1");
  bv_mail_account_set_port (account, port);
  bv_mail_account_set_security (account, BV_MAIL_SECURITY_STARTTLS);
  g_assert_false (run_test (account, MAIL_PASSWORD, NULL, &error));
  g_assert_error (error, BV_MAIL_ERROR, BV_MAIL_ERROR_UNREACHABLE);
}

static void
test_cancelled (void)
{
  g_autoptr(MailServer) server = mail_server_start (NULL, NULL);
  g_autoptr(BvMailAccount) account = mail_server_account (server);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (run_test (account, MAIL_PASSWORD, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (mail_server_count (server, "AUTH"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  mail_fixture_trust_test_ca ();

  g_test_add_func ("/core/mail-connection-test/starttls", test_starttls);
  g_test_add_func ("/core/mail-connection-test/ssl", test_ssl);
  g_test_add_func ("/core/mail-connection-test/login-refused", test_login_refused);
  g_test_add_func ("/core/mail-connection-test/user-name", test_user_name);
  g_test_add_func ("/core/mail-connection-test/no-starttls", test_no_starttls);
  g_test_add_func ("/core/mail-connection-test/ssl-to-plain", test_ssl_to_plain);
  g_test_add_func ("/core/mail-connection-test/wrong-certificate", test_wrong_certificate);
  g_test_add_func ("/core/mail-connection-test/unreachable", test_unreachable);
  g_test_add_func ("/core/mail-connection-test/cancelled", test_cancelled);

  return g_test_run ();
}
