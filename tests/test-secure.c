/* test-secure.c
 *
 * The helpers every layer uses for secrets and unguessable values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bv-secure.h"

static void
test_equal (void)
{
  g_assert_true (bv_secure_equal_ascii_nocase ("", ""));
  g_assert_true (bv_secure_equal_ascii_nocase ("0a1b2c", "0a1b2c"));
  /* checksums arrive in either case */
  g_assert_true (bv_secure_equal_ascii_nocase ("0a1b2c", "0A1B2C"));
  g_assert_false (bv_secure_equal_ascii_nocase ("0a1b2c", "0a1b2d"));
  g_assert_false (bv_secure_equal_ascii_nocase ("1a1b2c", "0a1b2c"));
  g_assert_false (bv_secure_equal_ascii_nocase ("0a1b2c", "0a1b2"));
  g_assert_false (bv_secure_equal_ascii_nocase ("0a1b2", "0a1b2c"));
  g_assert_false (bv_secure_equal_ascii_nocase ("0a1b2c", ""));
}

static void
test_random_range (void)
{
  guint seen[10] = { 0 };

  for (guint i = 0; i < 10000; i++)
    {
      guint32 value = bv_secure_random_range (10000, 10010);

      g_assert_cmpuint (value, >=, 10000);
      g_assert_cmpuint (value, <, 10010);
      seen[value - 10000]++;
    }
  /* every value comes up (1000 expected each; missing one by chance is
   * less likely than 10 × 0.999^10000 ≈ 5e-4 % of runs) */
  for (guint i = 0; i < G_N_ELEMENTS (seen); i++)
    g_assert_cmpuint (seen[i], >, 0);
  g_assert_cmpuint (bv_secure_random_range (7, 8), ==, 7);
}

static void
test_random_token (void)
{
  g_autoptr(GHashTable) tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 1000; i++)
    {
      char *token = bv_secure_random_token (16, "abc123");

      g_assert_cmpuint (strlen (token), ==, 16);
      g_assert_cmpuint (strspn (token, "abc123"), ==, 16);
      /* 6^16 possibilities: a repeat means the generator is broken */
      g_assert_true (g_hash_table_add (tokens, token));
    }
}

static void
test_random_bytes (void)
{
  guint8 a[32] = { 0 };
  guint8 b[32] = { 0 };
  guint8 zero[32] = { 0 };

  bv_secure_random_bytes (a, sizeof a);
  bv_secure_random_bytes (b, sizeof b);
  g_assert_true (memcmp (a, zero, sizeof a) != 0);
  g_assert_true (memcmp (a, b, sizeof a) != 0);
}

static void
test_wipe (void)
{
  char buffer[] = "practice-secret";

  bv_secure_wipe (buffer, strlen (buffer));
  for (gsize i = 0; i < sizeof buffer; i++)
    g_assert_cmpint (buffer[i], ==, 0);
  bv_secure_wipe (NULL, 12);
  bv_secure_free_string (NULL);
  bv_secure_free_string (g_strdup ("geheim"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/base/secure/equal", test_equal);
  g_test_add_func ("/base/secure/random-range", test_random_range);
  g_test_add_func ("/base/secure/random-token", test_random_token);
  g_test_add_func ("/base/secure/random-bytes", test_random_bytes);
  g_test_add_func ("/base/secure/wipe", test_wipe);

  return g_test_run ();
}
