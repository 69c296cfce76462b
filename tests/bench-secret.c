/* bench-secret.c
 *
 * How long the keyring wrapper takes to say "no keyring" when the session
 * bus has no Secret Service: the user waits this long for the German
 * notice. test-secret checks what the answer is; the time is measured
 * here, because a timed assertion in a unit test fails on a busy machine
 * and passes on a fast one regardless of the code. Starts its own private
 * bus (GTestDBus). Prints one line:
 *   runs=N median_ms=X max_ms=Y
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "bv-secret-store.h"

#define RUNS 5

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (!*slot)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GTestDBus) bus = NULL;
  double ms[RUNS];

  g_unsetenv ("DISPLAY");
  g_unsetenv ("SECRET_BACKEND");
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GAsyncResult) lookup = NULL;
      g_autoptr(GAsyncResult) save = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *id = g_strdup_printf ("bench-secret-%u", i);
      gint64 start = g_get_monotonic_time ();
      char *secret;

      bv_secret_store_lookup_async (id, NULL, result_cb, &lookup);
      secret = bv_secret_store_lookup_finish (wait_for (&lookup), &error);
      if (secret || !g_error_matches (error, BV_SECRET_ERROR, BV_SECRET_ERROR_NO_SERVICE))
        g_error ("expected “no keyring”, got %s", error ? error->message : "a secret");
      g_clear_error (&error);
      bv_secret_store_save_async (id, "Bench", "not-stored", NULL, result_cb, &save);
      if (bv_secret_store_save_finish (wait_for (&save), &error))
        g_error ("saved without a keyring");
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  qsort (ms, RUNS, sizeof ms[0], compare_doubles);
  printf ("no-service runs=%d median_ms=%.1f max_ms=%.1f\n", RUNS, ms[RUNS / 2], ms[RUNS - 1]);

  g_test_dbus_down (bus);
  return 0;
}
