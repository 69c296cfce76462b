/* test-mail-account.c
 *
 * The e-mail account in GSettings (the mail-* keys, memory backend) and
 * what counts as an address the mailer sends to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bv-mail-account.h"
#include "bv-mail-error.h"

static void
test_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(BvMailAccount) account = bv_mail_account_new ("  kasse@web.de ");
  g_autoptr(BvMailAccount) loaded = NULL;
  g_autoptr(BvMailAccount) copy = NULL;
  g_autofree char *stored = NULL;

  bv_mail_account_forget (settings);
  g_assert_null (bv_mail_account_load (settings));

  bv_mail_account_set_sender_name (account, "TSV Grün-Weiß");
  bv_mail_account_set_host (account, "smtp.web.de");
  bv_mail_account_set_security (account, BV_MAIL_SECURITY_STARTTLS);
  bv_mail_account_set_username (account, "kasse");
  g_assert_cmpstr (bv_mail_account_get_address (account), ==, "kasse@web.de");
  /* 0 stored: the security's port. */
  g_assert_cmpuint (bv_mail_account_get_port (account), ==, 587);
  bv_mail_account_save (account, settings);

  stored = g_settings_get_string (settings, "mail-smtp-security");
  g_assert_cmpstr (stored, ==, "starttls");
  g_assert_cmpuint (g_settings_get_uint (settings, "mail-smtp-port"), ==, 0);

  loaded = bv_mail_account_load (settings);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (bv_mail_account_get_sender_name (loaded), ==, "TSV Grün-Weiß");
  g_assert_cmpstr (bv_mail_account_get_address (loaded), ==, "kasse@web.de");
  g_assert_cmpstr (bv_mail_account_get_host (loaded), ==, "smtp.web.de");
  g_assert_cmpint (bv_mail_account_get_security (loaded), ==, BV_MAIL_SECURITY_STARTTLS);
  g_assert_cmpuint (bv_mail_account_get_port (loaded), ==, 587);
  g_assert_cmpstr (bv_mail_account_get_username (loaded), ==, "kasse");

  bv_mail_account_set_security (loaded, BV_MAIL_SECURITY_SSL);
  g_assert_cmpuint (bv_mail_account_get_port (loaded), ==, 465);
  bv_mail_account_set_port (loaded, 2525);
  bv_mail_account_set_username (loaded, "");
  /* An empty user name logs in with the address. */
  g_assert_cmpstr (bv_mail_account_get_username (loaded), ==, "kasse@web.de");
  copy = bv_mail_account_copy (loaded);
  g_assert_cmpuint (bv_mail_account_get_port (copy), ==, 2525);
  g_assert_cmpint (bv_mail_account_get_security (copy), ==, BV_MAIL_SECURITY_SSL);

  bv_mail_account_forget (settings);
  g_assert_null (bv_mail_account_load (settings));
}

static void
test_security_strings (void)
{
  BvMailSecurity security = BV_MAIL_SECURITY_STARTTLS;

  g_assert_true (bv_mail_security_from_string ("ssl", &security));
  g_assert_cmpint (security, ==, BV_MAIL_SECURITY_SSL);
  g_assert_true (bv_mail_security_from_string ("starttls", &security));
  g_assert_cmpint (security, ==, BV_MAIL_SECURITY_STARTTLS);
  /* There is no "none": a password never goes out unencrypted. */
  g_assert_false (bv_mail_security_from_string ("none", &security));
  g_assert_false (bv_mail_security_from_string ("plain", &security));
  g_assert_false (bv_mail_security_from_string (NULL, &security));
  g_assert_cmpstr (bv_mail_security_to_string (BV_MAIL_SECURITY_SSL), ==, "ssl");
  g_assert_cmpstr (bv_mail_security_to_string (BV_MAIL_SECURITY_STARTTLS), ==, "starttls");
}

static void
test_addresses (void)
{
  const char *valid[] = {
    "a@b.de", "juergen.mueller@example.org", "kasse+verein@gmx.de", "x@müller.de",
    "o'neil@example.ie", NULL
  };
  const char *invalid[] = {
    "", "kein-at.de", "@example.de", "x@", "x@localhost", "x@@example.de", "a b@example.de",
    "jürgen@example.de", "x..y@example.de", ".x@example.de", "x.@example.de", "x@example..de",
    "x@.example.de", "x@example.de.", "anna@x.org,boss@evil.org", "<x@example.de>",
    "x@example.de\r\nBcc: y@example.de", "x@127.0.0.1", "x@exa_mple.de", NULL
  };
  g_autofree char *ascii = NULL;
  g_autofree char *domain = NULL;

  for (guint i = 0; valid[i]; i++)
    {
      g_test_message ("%s", valid[i]);
      g_assert_true (bv_mail_address_is_valid (valid[i]));
    }
  for (guint i = 0; invalid[i]; i++)
    {
      g_test_message ("%s", invalid[i]);
      g_assert_false (bv_mail_address_is_valid (invalid[i]));
    }
  g_assert_false (bv_mail_address_is_valid (NULL));

  ascii = bv_mail_address_to_ascii ("x@müller.de");
  g_assert_cmpstr (ascii, ==, "x@xn--mller-kva.de");
  domain = bv_mail_address_get_domain ("Kasse@GMX.De");
  g_assert_cmpstr (domain, ==, "gmx.de");
}

static void
test_check (void)
{
  g_autoptr(BvMailAccount) account = bv_mail_account_new ("kasse@web.de");
  g_autoptr(GError) error = NULL;

  g_assert_false (bv_mail_account_check (account, &error));
  g_assert_error (error, BV_MAIL_ERROR, BV_MAIL_ERROR_INVALID_ADDRESS);
  g_clear_error (&error);

  bv_mail_account_set_host (account, "smtp.web.de");
  g_assert_true (bv_mail_account_check (account, &error));
  g_assert_no_error (error);

  bv_mail_account_set_host (account, "https://smtp.web.de/");
  g_assert_false (bv_mail_account_check (account, &error));
  g_clear_error (&error);

  bv_mail_account_set_host (account, "smtp.web.de");
  bv_mail_account_set_sender_name (account, "Verein\r\nBcc: alle@example.de");
  g_assert_false (bv_mail_account_check (account, &error));
  g_clear_error (&error);

  bv_mail_account_set_sender_name (account, "Verein");
  bv_mail_account_set_address (account, "kein-at");
  g_assert_false (bv_mail_account_check (account, &error));
  g_assert_error (error, BV_MAIL_ERROR, BV_MAIL_ERROR_INVALID_ADDRESS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/mail-account/settings", test_settings);
  g_test_add_func ("/core/mail-account/security-strings", test_security_strings);
  g_test_add_func ("/core/mail-account/addresses", test_addresses);
  g_test_add_func ("/core/mail-account/check", test_check);

  return g_test_run ();
}
