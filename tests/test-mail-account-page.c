/* test-mail-account-page.c
 *
 * Einstellungen → E-Mail in a real window (Xvfb): the server fields from
 * the provider table, the provider's advice, what keeps the buttons
 * insensitive, and "Test Connection" against a real SMTP server on
 * loopback (tests/smtp-server.py, STARTTLS with the suite's test
 * certificate, AUTH required), with the password in the real keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "bv-mail-account-page.h"
#include "bv-mail-providers-private.h"
#include "bv-mail-secret.h"
#include "bv-test-utils.h"
#include "mail-fixture.h"

static gpointer
child (BvMailAccountPage *page,
       const char        *name)
{
  gpointer widget = gtk_widget_get_template_child (GTK_WIDGET (page), BV_TYPE_MAIL_ACCOUNT_PAGE, name);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
text_of (BvMailAccountPage *page,
         const char        *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (child (page, row)));
}

static void
type_into (BvMailAccountPage *page,
           const char        *row,
           const char        *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (page, row)), text);
}

static const char *
label_text (BvMailAccountPage *page,
            const char        *name)
{
  GtkWidget *label = child (page, name);

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
page_is_idle (gpointer data)
{
  return !bv_mail_account_page_is_busy (BV_MAIL_ACCOUNT_PAGE (data));
}

static gboolean
test_button_sensitive (gpointer data)
{
  return gtk_widget_is_sensitive (child (data, "test_button"));
}

static GSettings *
fresh_settings (void)
{
  GSettings *settings = g_settings_new (APP_ID);

  bv_mail_account_forget (settings);
  return settings;
}

static BvMailAccountPage *
show_page (GSettings  *settings,
           GtkWidget **window)
{
  BvMailAccountPage *page = bv_mail_account_page_new (settings);

  *window = adw_preferences_window_new ();
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (*window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (*window));
  bv_test_wait_until (widget_is_mapped, page);
  return page;
}

/* The advice the page shows, NULL when its group is hidden. */
static const char *
shown_advice (BvMailAccountPage *page)
{
  if (!gtk_widget_get_visible (child (page, "advice_group")))
    return NULL;
  return label_text (page, "advice_label");
}

/* Typing a GMX address fills the server as the provider table says, shows
 * GMX's advice and says that only the password is missing; other
 * providers get theirs; a server typed by hand stays; a broken address
 * is explained in a sentence. */
static void
test_fill (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(BvMailAccount) expected = bv_mail_account_new ("vorstand@gmx.de");
  BvMailAdvice advice = BV_MAIL_ADVICE_NONE;
  BvMailAccountPage *page;
  GtkWidget *window;
  const char *missing;

  page = show_page (settings, &window);

  /* Nothing typed: the buttons are off, and the page says why. */
  g_assert_false (gtk_widget_is_sensitive (child (page, "test_button")));
  g_assert_false (gtk_widget_is_sensitive (child (page, "save_button")));
  missing = label_text (page, "missing_label");
  g_assert_cmpstr (missing, ==, "To test the connection, fill in: E-Mail Address, Server, User Name, Password.");
  g_assert_null (shown_advice (page));

  type_into (page, "address_row", "vorstand@gmx.de");
  g_assert_true (bv_mail_providers_fill (expected, &advice));
  g_assert_cmpstr (text_of (page, "host_row"), ==, "mail.gmx.net");
  g_assert_cmpstr (text_of (page, "host_row"), ==, bv_mail_account_get_host (expected));
  g_assert_cmpuint (g_ascii_strtoull (text_of (page, "port_row"), NULL, 10), ==,
                    bv_mail_account_get_port (expected));
  g_assert_cmpuint (adw_combo_row_get_selected (child (page, "security_row")), ==,
                    bv_mail_account_get_security (expected) == BV_MAIL_SECURITY_STARTTLS ? 1 : 0);
  g_assert_cmpstr (text_of (page, "user_row"), ==, "vorstand@gmx.de");
  g_assert_cmpint (advice, ==, BV_MAIL_ADVICE_ENABLE_EXTERNAL);
  g_assert_nonnull (shown_advice (page));
  g_assert_cmpstr (shown_advice (page), ==, bv_mail_advice_get_text (BV_MAIL_ADVICE_ENABLE_EXTERNAL));
  g_assert_cmpstr (label_text (page, "missing_label"), ==, "To test the connection, fill in: Password.");
  g_assert_false (gtk_widget_is_sensitive (child (page, "test_button")));

  /* The user name follows the address it was filled from. */
  type_into (page, "address_row", "kasse@gmx.de");
  g_assert_cmpstr (text_of (page, "user_row"), ==, "kasse@gmx.de");

  type_into (page, "password_row", "geheim");
  g_assert_null (label_text (page, "missing_label"));
  g_assert_true (gtk_widget_is_sensitive (child (page, "test_button")));
  g_assert_true (gtk_widget_is_sensitive (child (page, "save_button")));

  type_into (page, "address_row", "kassenwart@t-online.de");
  g_assert_cmpstr (text_of (page, "host_row"), ==, "securesmtp.t-online.de");
  g_assert_cmpstr (shown_advice (page), ==, bv_mail_advice_get_text (BV_MAIL_ADVICE_SEPARATE_PASSWORD));
  type_into (page, "address_row", "verein@gmail.com");
  g_assert_cmpstr (text_of (page, "host_row"), ==, "smtp.gmail.com");
  g_assert_cmpstr (shown_advice (page), ==, bv_mail_advice_get_text (BV_MAIL_ADVICE_APP_PASSWORD));
  type_into (page, "address_row", "verein@outlook.com");
  g_assert_cmpstr (shown_advice (page), ==, bv_mail_advice_get_text (BV_MAIL_ADVICE_NO_PASSWORD_LOGIN));

  /* A server typed by hand wins over the table from then on. */
  type_into (page, "host_row", "smtp.example.org");
  type_into (page, "address_row", "schriftfuehrer@web.de");
  g_assert_cmpstr (text_of (page, "host_row"), ==, "smtp.example.org");
  g_assert_cmpstr (shown_advice (page), ==, bv_mail_advice_get_text (BV_MAIL_ADVICE_ENABLE_EXTERNAL));

  /* Switching the security moves the usual port along. */
  adw_combo_row_set_selected (child (page, "security_row"), 0);
  type_into (page, "port_row", "465");
  adw_combo_row_set_selected (child (page, "security_row"), 1);
  g_assert_cmpstr (text_of (page, "port_row"), ==, "587");
  adw_combo_row_set_selected (child (page, "security_row"), 0);
  g_assert_cmpstr (text_of (page, "port_row"), ==, "465");
  /* A port typed by hand stays. */
  type_into (page, "port_row", "2525");
  adw_combo_row_set_selected (child (page, "security_row"), 1);
  g_assert_cmpstr (text_of (page, "port_row"), ==, "2525");
  /* A port that is no port is explained. */
  type_into (page, "port_row", "70000");
  g_assert_true (gtk_widget_has_css_class (child (page, "port_row"), "error"));
  g_assert_true (g_str_has_prefix (label_text (page, "missing_label"), "The port is a number from 1 to 65535"));
  type_into (page, "port_row", "587");

  /* A half-typed address: red, and a sentence says what is wrong. */
  type_into (page, "address_row", "vorstand@");
  g_assert_true (gtk_widget_has_css_class (child (page, "address_row"), "error"));
  g_assert_true (g_str_has_prefix (label_text (page, "missing_label"), "The e-mail address is not complete"));
  g_assert_false (gtk_widget_is_sensitive (child (page, "test_button")));

  /* Nothing is stored without a test or "Save Without Test". */
  {
    g_autofree char *stored = g_settings_get_string (settings, "mail-address");

    g_assert_cmpstr (stored, ==, "");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static char *
lookup_password (const char *address)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  bv_mail_secret_lookup_async (address, NULL, bv_test_result_cb, &result);
  password = bv_mail_secret_lookup_finish (bv_test_wait_for (&result), &error);
  if (!password)
    g_assert_error (error, BV_SECRET_ERROR, BV_SECRET_ERROR_NOT_FOUND);
  return password;
}

/* A wrong password: the test says so and saves nothing. The right one:
 * connected, logged in, nothing sent, the account in GSettings and the
 * password in the keyring; the page opened again needs no password. */
static void
test_connection (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(MailServer) server = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *password = NULL;
  g_autofree char *port = NULL;
  BvMailAccountPage *page;
  GtkWidget *window;
  const char *status;

  mail_fixture_trust_test_ca ();
  server = mail_server_start ("--mode", "starttls", NULL);
  port = g_strdup_printf ("%u", server->port);
  g_assert_null (lookup_password (MAIL_USER));

  page = show_page (settings, &window);
  type_into (page, "sender_name_row", MAIL_SENDER);
  type_into (page, "address_row", MAIL_USER);
  /* Typed by hand before the provider would be asked. */
  type_into (page, "host_row", "127.0.0.1");
  adw_combo_row_set_selected (child (page, "security_row"), 1);
  type_into (page, "port_row", port);
  g_assert_cmpstr (text_of (page, "user_row"), ==, MAIL_USER);

  type_into (page, "password_row", "falsch");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "mail.test", NULL));
  g_assert_true (bv_mail_account_page_is_busy (page));
  bv_test_wait_until (page_is_idle, page);
  status = label_text (page, "status_label");
  g_assert_nonnull (status);
  g_assert_true (g_str_has_prefix (status, "The test failed and nothing was saved. "));
  g_assert_true (gtk_widget_has_css_class (child (page, "status_label"), "error"));
  g_assert_cmpuint (mail_server_count (server, "AUTH-FAILED"), ==, 1);
  stored = g_settings_get_string (settings, "mail-address");
  g_assert_cmpstr (stored, ==, "");
  g_assert_null (lookup_password (MAIL_USER));

  type_into (page, "password_row", MAIL_PASSWORD);
  g_assert_null (label_text (page, "status_label"));
  gtk_widget_activate_action (GTK_WIDGET (page), "mail.test", NULL);
  bv_test_wait_until (page_is_idle, page);
  status = label_text (page, "status_label");
  g_assert_nonnull (status);
  g_assert_true (g_str_has_prefix (status, "The connection works: the app logged in to 127.0.0.1"));
  g_assert_cmpuint (mail_server_count (server, "AUTH-OK"), ==, 1);
  /* The test sends nothing. */
  g_assert_cmpuint (mail_server_count (server, "MAIL"), ==, 0);
  g_assert_cmpuint (mail_server_count_messages (server), ==, 0);
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (settings, "mail-address");
  g_assert_cmpstr (stored, ==, MAIL_USER);
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (settings, "mail-smtp-host");
  g_assert_cmpstr (stored, ==, "127.0.0.1");
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (settings, "mail-smtp-security");
  g_assert_cmpstr (stored, ==, "starttls");
  g_assert_cmpuint (g_settings_get_uint (settings, "mail-smtp-port"), ==, server->port);
  password = lookup_password (MAIL_USER);
  g_assert_cmpstr (password, ==, MAIL_PASSWORD);
  /* The password field is emptied: it is in the keyring now. */
  g_assert_cmpstr (text_of (page, "password_row"), ==, "");
  gtk_window_destroy (GTK_WINDOW (window));

  /* Opened again: the account is there, and the stored password will do. */
  page = show_page (settings, &window);
  g_assert_cmpstr (text_of (page, "address_row"), ==, MAIL_USER);
  g_assert_cmpstr (text_of (page, "sender_name_row"), ==, MAIL_SENDER);
  g_assert_cmpstr (text_of (page, "host_row"), ==, "127.0.0.1");
  bv_test_wait_until (test_button_sensitive, page);
  g_assert_true (gtk_widget_get_visible (child (page, "remove_button")));
  gtk_widget_activate_action (GTK_WIDGET (page), "mail.test", NULL);
  bv_test_wait_until (page_is_idle, page);
  g_assert_true (g_str_has_prefix (label_text (page, "status_label"), "The connection works"));
  g_assert_cmpuint (mail_server_count (server, "AUTH-OK"), ==, 2);
  gtk_window_destroy (GTK_WINDOW (window));

  bv_mail_account_forget (settings);
  {
    g_autoptr(GAsyncResult) result = NULL;

    bv_mail_secret_delete_async (MAIL_USER, NULL, bv_test_result_cb, &result);
    g_assert_true (bv_mail_secret_delete_finish (bv_test_wait_for (&result), NULL));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = bv_test_isolate_dirs ("bv-test-mail-account-page");
  int status;

  /* English source strings, whatever the machine's language. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  /* Any autoconfig request goes to a closed port on loopback, never out. */
  _bv_mail_autoconfig_set_test_server ("https://127.0.0.1:9", NULL);

  g_test_add_func ("/ui/mail-account-page/fill", test_fill);
  g_test_add_func ("/ui/mail-account-page/connection", test_connection);

  status = g_test_run ();
  if (root)
    bv_test_remove_tree (root);
  return status;
}
