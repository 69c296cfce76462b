/* test-mail-secret.c
 *
 * The e-mail password in the real (throw-away) keyring, under its own
 * schema: saved, replaced, read, deleted; never in the server secrets'
 * schema. Runs in the secret suite's environment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bv-mail-secret.h"
#include "bv-test-utils.h"

static char *
lookup (const char  *address,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bv_mail_secret_lookup_async (address, NULL, bv_test_result_cb, &result);
  return bv_mail_secret_lookup_finish (bv_test_wait_for (&result), error);
}

static void
save (const char *address,
      const char *password)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bv_mail_secret_save_async (address, password, NULL, bv_test_result_cb, &result);
  g_assert_true (bv_mail_secret_save_finish (bv_test_wait_for (&result), &error));
  g_assert_no_error (error);
}

static void
delete (const char *address)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bv_mail_secret_delete_async (address, NULL, bv_test_result_cb, &result);
  g_assert_true (bv_mail_secret_delete_finish (bv_test_wait_for (&result), &error));
  g_assert_no_error (error);
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  char *password;

  save ("kasse@gmx.de", "erstes Passwort ä");
  save ("kasse@gmx.de", "zweites Passwort ö");
  save ("vorstand@web.de", "anderes");

  password = lookup ("kasse@gmx.de", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "zweites Passwort ö");
  bv_secret_store_free_secret (password);

  /* One item per address, under the mail schema, with a label that says
   * what it is. Asked with secret-tool: libsecret's own search leaks
   * under LeakSanitizer (secret_item_new_for_dbus_path). */
  {
    const char *argv[] = { "secret-tool", "search", "--all", "address", "kasse@gmx.de", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *both = NULL;
    int status = -1;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    /* secret-tool prints the secret with its attributes on stderr or stdout
     * depending on the version: look at both. */
    both = g_strconcat (out, err, NULL);
    g_assert_nonnull (strstr (both, "label = E-mail account »kasse@gmx.de«"));
    g_assert_nonnull (strstr (both, "schema = org.herzlich.BbbVereine.MailAccount"));
    g_assert_nonnull (strstr (both, "secret = zweites Passwort ö"));
    /* Exactly one item. */
    g_assert_null (strstr (strstr (both, "label = ") + 1, "label = "));
  }

  delete ("kasse@gmx.de");
  delete ("kasse@gmx.de");
  password = lookup ("kasse@gmx.de", &error);
  g_assert_null (password);
  g_assert_error (error, BV_SECRET_ERROR, BV_SECRET_ERROR_NOT_FOUND);
  g_clear_error (&error);

  password = lookup ("vorstand@web.de", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "anderes");
  bv_secret_store_free_secret (password);
  delete ("vorstand@web.de");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/mail-secret/round-trip", test_round_trip);

  return g_test_run ();
}
