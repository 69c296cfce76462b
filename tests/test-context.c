/* test-context.c
 *
 * Runs against a real SQLite file and the real (throw-away, unlocked)
 * keyring that build-aux/dev test starts on a private session bus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "bv-bbb-error.h"
#include "bv-connection-test.h"
#include "bv-practice-server-private.h"
#include "bv-secret-store.h"
#include "bv-context.h"
#include "bv-test-utils.h"

#define PRACTICE_SECRET "first-secret-value"

typedef struct
{
  char             *dir;
  BvDatabase       *database;
  BvContext  *manager;
  BvPracticeServer *practice;
  const char       *url;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("bv-context-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "bbb-vereine.db", NULL);
  f->database = bv_database_open (path, &error);
  g_assert_no_error (error);
  f->manager = bv_context_new (f->database);

  /* A real BigBlueButton-compatible server on loopback to test against. */
  f->practice = bv_practice_server_new (PRACTICE_SECRET);
  g_assert_true (bv_practice_server_start (f->practice, &error));
  f->url = bv_practice_server_get_api_url (f->practice);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->manager);
  g_clear_object (&f->database);
  g_clear_object (&f->practice);
  bv_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static BvServer *
save (Fixture     *f,
      BvServer    *existing,
      const char  *name,
      const char  *url,
      const char  *checksum,
      const char  *secret,
      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bv_context_save_async (f->manager, existing, name, url, checksum, secret, NULL,
                         result_cb, &result);
  return bv_context_save_finish (f->manager, bv_test_wait_for (&result), error);
}

static char *
lookup_secret (const char  *id,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bv_secret_store_lookup_async (id, NULL, result_cb, &result);
  return bv_secret_store_lookup_finish (bv_test_wait_for (&result), error);
}

static gboolean
remove_server (Fixture   *f,
               BvServer  *server,
               GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bv_context_remove_async (f->manager, server, NULL, result_cb, &result);
  return bv_context_remove_finish (f->manager, bv_test_wait_for (&result), error);
}

static void
test_add_edit_remove (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(BvServer) edited = NULL;
  g_autoptr(BvServer) reread = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *path = NULL;
  g_autofree char *id = NULL;
  g_autofree char *pasted = NULL;
  GListModel *servers = bv_context_get_servers (f->manager);

  pasted = g_strconcat ("URL: ", f->url, NULL);
  server = save (f, NULL, "  KL.digital ", pasted, "auto", PRACTICE_SECRET, &error);
  g_assert_no_error (error);
  g_assert_nonnull (server);
  id = g_strdup (bv_server_get_id (server));
  g_assert_cmpstr (bv_server_get_name (server), ==, "KL.digital");
  g_assert_cmpstr (bv_server_get_url (server), ==, f->url);
  g_assert_cmpuint (g_list_model_get_n_items (servers), ==, 1);
  /* What the connection test found out is remembered. */
  g_assert_cmpstr (bv_server_get_detected_checksum (server), ==, "sha256");
  g_assert_cmpstr (bv_server_get_bbb_version (server), ==, "3.0.19");
  g_assert_cmpint (bv_server_get_checked_at (server), >, 0);

  secret = lookup_secret (id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, PRACTICE_SECRET);
  g_clear_pointer (&secret, g_free);

  /* Editing without a secret tests with, and keeps, the stored one. */
  edited = save (f, server, "KL.digital Verein", f->url, "sha512", "", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bv_server_get_id (edited), ==, id);
  g_assert_cmpstr (bv_server_get_checksum (edited), ==, "sha512");
  g_assert_cmpstr (bv_server_get_detected_checksum (edited), ==, "sha512");
  secret = lookup_secret (id, &error);
  g_assert_cmpstr (secret, ==, PRACTICE_SECRET);
  g_clear_pointer (&secret, g_free);

  /* A wrong new secret is refused and changes nothing. */
  g_clear_object (&edited);
  edited = save (f, server, "KL.digital Verein", f->url, "sha256", "second-secret", &error);
  g_assert_null (edited);
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_CHECKSUM);
  g_clear_error (&error);
  secret = lookup_secret (id, &error);
  g_assert_cmpstr (secret, ==, PRACTICE_SECRET);
  g_clear_pointer (&secret, g_free);
  g_assert_cmpuint (g_list_model_get_n_items (servers), ==, 1);

  /* What was saved survives reopening the database file. */
  path = g_strdup (bv_database_get_path (f->database));
  g_clear_object (&f->manager);
  g_clear_object (&f->database);
  f->database = bv_database_open (path, &error);
  g_assert_no_error (error);
  f->manager = bv_context_new (f->database);
  reread = bv_database_find_server (f->database, id);
  g_assert_nonnull (reread);
  g_assert_cmpstr (bv_server_get_name (reread), ==, "KL.digital Verein");
  g_assert_cmpstr (bv_server_get_checksum (reread), ==, "sha512");
  g_assert_cmpstr (bv_server_get_detected_checksum (reread), ==, "sha512");

  g_assert_true (remove_server (f, reread, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (bv_context_get_servers (f->manager)), ==, 0);
  secret = lookup_secret (id, &error);
  g_assert_null (secret);
  g_assert_error (error, BV_SECRET_ERROR, BV_SECRET_ERROR_NOT_FOUND);
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) first = NULL;
  g_autoptr(BvServer) second = NULL;
  g_autofree char *normalized = NULL;

  g_assert_false (bv_context_check (f->manager, NULL, " ", "bbb.example.org", "auto", "s", NULL, &error));
  g_assert_error (error, BV_CONTEXT_ERROR, BV_CONTEXT_ERROR_MISSING_NAME);
  g_clear_error (&error);

  g_assert_false (bv_context_check (f->manager, NULL, "A", "http://bbb.example.org", "auto", "s", NULL, &error));
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_INSECURE_URL);
  g_clear_error (&error);

  g_assert_false (bv_context_check (f->manager, NULL, "A", "bbb.example.org", "md5", "s", NULL, &error));
  g_assert_error (error, BV_CONTEXT_ERROR, BV_CONTEXT_ERROR_INVALID_CHECKSUM);
  g_clear_error (&error);

  g_assert_false (bv_context_check (f->manager, NULL, "A", "bbb.example.org", "auto", "", NULL, &error));
  g_assert_error (error, BV_CONTEXT_ERROR, BV_CONTEXT_ERROR_MISSING_SECRET);
  g_clear_error (&error);

  g_assert_true (bv_context_check (f->manager, NULL, "A", "bbb.example.org/bigbluebutton/api",
                                   "sha512", "s", &normalized, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (normalized, ==, "https://bbb.example.org/bigbluebutton/api/");

  first = save (f, NULL, "Vereinsserver", f->url, "auto", PRACTICE_SECRET, &error);
  g_assert_no_error (error);

  /* Names address servers on the command line, so they must be unique. */
  second = save (f, NULL, "vereinsserver", f->url, "auto", PRACTICE_SECRET, &error);
  g_assert_null (second);
  g_assert_error (error, BV_CONTEXT_ERROR, BV_CONTEXT_ERROR_NAME_TAKEN);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (bv_context_get_servers (f->manager)), ==, 1);

  /* Keeping one's own name while editing is fine. */
  g_assert_true (bv_context_check (f->manager, first, "Vereinsserver", f->url,
                                   "auto", NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (remove_server (f, first, &error));
  g_assert_no_error (error);
}

static void
test_refused_servers_are_not_saved (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autofree char *closed_url = NULL;
  guint16 port;

  /* Wrong secret: every algorithm is tried, then the checksum advice. */
  server = save (f, NULL, "Falsch", f->url, "auto", "not-the-secret", &error);
  g_assert_null (server);
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_CHECKSUM);
  g_clear_error (&error);

  /* Nobody listens: a port that was just free. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  closed_url = g_strdup_printf ("http://127.0.0.1:%u/bigbluebutton/api/", port);
  server = save (f, NULL, "Weg", closed_url, "auto", PRACTICE_SECRET, &error);
  g_assert_null (server);
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_CONNECTION_REFUSED);
  g_clear_error (&error);

  g_assert_cmpuint (g_list_model_get_n_items (bv_context_get_servers (f->manager)), ==, 0);
}

static void
test_connection_test_describes (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BvConnectionTest) test = NULL;
  g_autofree char *description = NULL;

  bv_context_test_async (f->manager, NULL, "Probe", f->url, "sha1", PRACTICE_SECRET,
                         NULL, result_cb, &result);
  test = bv_context_test_finish (f->manager, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  description = bv_connection_test_describe (test);
  g_assert_cmpstr (description, ==, "Connected to BigBlueButton 3.0.19 (SHA-1)");
  /* Testing stores nothing. */
  g_assert_cmpuint (g_list_model_get_n_items (bv_context_get_servers (f->manager)), ==, 0);
}

static void
remove_without_keyring_subprocess (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) database = NULL;
  g_autoptr(BvContext) manager = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gboolean removed;

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", g_getenv ("BV_TEST_BUS"), TRUE);
  g_unsetenv ("DISPLAY");
  g_unsetenv ("SECRET_BACKEND");

  database = bv_database_open (g_getenv ("BV_TEST_DATABASE"), &error);
  g_assert_no_error (error);
  manager = bv_context_new (database);
  server = bv_context_find_server (manager, g_getenv ("BV_TEST_SERVER_ID"));
  g_assert_nonnull (server);

  bv_context_remove_async (manager, server, NULL, result_cb, &result);
  removed = bv_context_remove_finish (manager, bv_test_wait_for (&result), &error);
  g_assert_false (removed);
  g_assert_error (error, BV_SECRET_ERROR, BV_SECRET_ERROR_NO_SERVICE);
  g_print ("%s\n", error->message);
  g_assert_cmpuint (g_list_model_get_n_items (bv_context_get_servers (manager)), ==, 1);
}

/* With the keyring out of reach, removing would leave the secret behind
 * in it: refused, with the reason, and the server stays. The removal runs
 * in a subprocess whose session bus address leads nowhere. */
static void
test_remove_without_keyring (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(BvDatabase) reopened = NULL;
  g_autofree char *path = g_build_filename (f->dir, "bbb-vereine.db", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "no-bus", NULL);
  g_autofree char *address = g_strconcat ("unix:path=", nowhere, NULL);
  g_autofree char *secret = NULL;

  if (g_test_subprocess ())
    {
      remove_without_keyring_subprocess ();
      return;
    }

  server = save (f, NULL, "Verein", f->url, "auto", PRACTICE_SECRET, &error);
  g_assert_no_error (error);

  g_setenv ("BV_TEST_DATABASE", path, TRUE);
  g_setenv ("BV_TEST_SERVER_ID", bv_server_get_id (server), TRUE);
  g_setenv ("BV_TEST_BUS", address, TRUE);
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, 0);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*keyring is not available*");

  /* Still there, both the row and the secret, and removable later. */
  reopened = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_servers (reopened)), ==, 1);
  secret = lookup_secret (bv_server_get_id (server), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, PRACTICE_SECRET);
  g_assert_true (remove_server (f, server, &error));
  g_assert_no_error (error);
}


/* The length of the hex checksum at the end of @query: tells the
 * algorithm apart (SHA-1 40, SHA-256 64, SHA-512 128). */
static gsize
checksum_length (const char *query)
{
  const char *checksum = g_strrstr (query, "checksum=");

  g_assert_nonnull (checksum);
  return strlen (checksum + strlen ("checksum="));
}

typedef struct
{
  guint                accepted;       /* BV_PRACTICE_ALGORITHM bits */
  gboolean             succeeds;
  BvChecksumAlgorithm  found;
  gsize                tried[3];       /* checksum lengths in the order sent, 0 ends */
} DetectionCase;

/* Automatic detection tries SHA-256, then SHA-512, then SHA-1, one signed
 * call each, and stops at the first the server accepts: a server that
 * refuses the first algorithms (supportedChecksumAlgorithms) sees exactly
 * the version probe plus one call per algorithm tried, in that order. */
static void
test_checksum_detection (Fixture       *f,
                         gconstpointer  data)
{
  static const DetectionCase cases[] = {
    { BV_PRACTICE_ALGORITHM (BV_CHECKSUM_SHA256), TRUE, BV_CHECKSUM_SHA256, { 64 } },
    { BV_PRACTICE_ALGORITHM (BV_CHECKSUM_SHA512), TRUE, BV_CHECKSUM_SHA512, { 64, 128 } },
    { BV_PRACTICE_ALGORITHM (BV_CHECKSUM_SHA1), TRUE, BV_CHECKSUM_SHA1, { 64, 128, 40 } },
    { BV_PRACTICE_ALGORITHM (BV_CHECKSUM_SHA512) | BV_PRACTICE_ALGORITHM (BV_CHECKSUM_SHA1),
      TRUE, BV_CHECKSUM_SHA512, { 64, 128 } },
    /* SHA-384 is never guessed: all three refused, then the error. */
    { BV_PRACTICE_ALGORITHM (BV_CHECKSUM_SHA384), FALSE, 0, { 64, 128, 40 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const DetectionCase *c = &cases[i];
      g_autoptr(BvConnectionTest) test = bv_connection_test_new (f->url, PRACTICE_SECRET, "auto");
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      GPtrArray *requests;
      guint n_tried = 0;
      gboolean ok;

      while (n_tried < G_N_ELEMENTS (c->tried) && c->tried[n_tried])
        n_tried++;

      g_test_message ("case %u", i);
      bv_practice_server_set_accepted_algorithms (f->practice, c->accepted);
      bv_practice_server_reset_log (f->practice);
      bv_connection_test_run_async (test, NULL, result_cb, &result);
      ok = bv_connection_test_run_finish (test, bv_test_wait_for (&result), &error);

      /* The version probe, then one isMeetingRunning per algorithm. */
      bv_test_assert_exactly (bv_test_count_requests, f->practice, 1 + n_tried);
      requests = bv_practice_server_get_requests (f->practice);
      g_assert_cmpstr (((BvPracticeRequest *) g_ptr_array_index (requests, 0))->call, ==, "");
      for (guint k = 0; k < n_tried; k++)
        {
          BvPracticeRequest *request = g_ptr_array_index (requests, 1 + k);

          g_assert_cmpstr (request->call, ==, "isMeetingRunning");
          g_assert_cmpuint (checksum_length (request->raw_query), ==, c->tried[k]);
          /* Only the last one tried may have been accepted. */
          g_assert_cmpint (request->checksum_valid, ==, c->succeeds && k == n_tried - 1);
        }

      if (c->succeeds)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (bv_connection_test_get_algorithm (test), ==, c->found);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_CHECKSUM);
        }
    }
  bv_practice_server_set_accepted_algorithms (f->practice, 0);
}

static BvBbbClient *
get_client (Fixture  *f,
            BvServer *server)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BvBbbClient *client;

  bv_context_get_client_async (f->manager, server, NULL, result_cb, &result);
  client = bv_context_get_client_finish (f->manager, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (client);
  return client;
}

static void
ask_meetings (BvBbbClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(GError) error = NULL;

  bv_bbb_client_get_meetings_async (client, NULL, result_cb, &result);
  meetings = bv_bbb_client_get_meetings_finish (client, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
}

/* One client per server, and after the server's address is edited the
 * next request goes to the new address, not through a kept client. */
static void
test_client_follows_edits (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvPracticeServer) moved = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(BvServer) edited = NULL;
  g_autoptr(BvBbbClient) first = NULL;
  g_autoptr(BvBbbClient) again = NULL;
  g_autoptr(BvBbbClient) after_edit = NULL;
  guint old_calls, new_calls;

  moved = bv_practice_server_new (PRACTICE_SECRET);
  g_assert_true (bv_practice_server_start (moved, &error));

  server = save (f, NULL, "KL.digital", f->url, "auto", PRACTICE_SECRET, &error);
  g_assert_no_error (error);

  first = get_client (f, server);
  again = get_client (f, server);
  g_assert_true (first == again);
  g_assert_true (bv_context_peek_client (f->manager, bv_server_get_id (server)) == first);

  old_calls = bv_practice_server_count_calls (f->practice, "getMeetings");
  ask_meetings (first);
  g_assert_cmpuint (bv_practice_server_count_calls (f->practice, "getMeetings"), ==, old_calls + 1);

  /* The server moves; the edit's connection test talks to the new address. */
  edited = save (f, server, "KL.digital", bv_practice_server_get_api_url (moved), "auto", "", &error);
  g_assert_no_error (error);
  g_assert_null (bv_context_peek_client (f->manager, bv_server_get_id (server)));

  old_calls = bv_practice_server_count_calls (f->practice, "getMeetings");
  new_calls = bv_practice_server_count_calls (moved, "getMeetings");
  after_edit = get_client (f, edited);
  g_assert_true (after_edit != first);
  ask_meetings (after_edit);
  g_assert_cmpuint (bv_practice_server_count_calls (moved, "getMeetings"), ==, new_calls + 1);
  g_assert_cmpuint (bv_practice_server_count_calls (f->practice, "getMeetings"), ==, old_calls);

  /* A removed server keeps no client. */
  g_assert_true (remove_server (f, edited, &error));
  g_assert_no_error (error);
  g_assert_null (bv_context_peek_client (f->manager, bv_server_get_id (server)));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/context/client-follows-edits", Fixture, NULL,
              fixture_setup, test_client_follows_edits, fixture_teardown);
  g_test_add ("/core/context/add-edit-remove", Fixture, NULL,
              fixture_setup, test_add_edit_remove, fixture_teardown);
  g_test_add ("/core/context/validation", Fixture, NULL,
              fixture_setup, test_validation, fixture_teardown);
  g_test_add ("/core/context/refused-not-saved", Fixture, NULL,
              fixture_setup, test_refused_servers_are_not_saved, fixture_teardown);
  g_test_add ("/core/context/connection-test", Fixture, NULL,
              fixture_setup, test_connection_test_describes, fixture_teardown);
  g_test_add ("/core/context/remove-without-keyring", Fixture, NULL,
              fixture_setup, test_remove_without_keyring, fixture_teardown);

  g_test_add ("/core/context/checksum-detection", Fixture, NULL,
              fixture_setup, test_checksum_detection, fixture_teardown);

  return g_test_run ();
}
