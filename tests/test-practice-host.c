/* test-practice-host.c
 *
 * The practice server inside the app: set up once with a random secret in
 * the (real, throw-away) keyring, registered like any server, and started
 * again after a restart. Runs in the secret suite's environment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <locale.h>

#include "bv-bbb-attendee.h"
#include "bv-bbb-client.h"
#include "bv-practice-host.h"
#include "bv-secret-store.h"
#include "bv-test-utils.h"

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static BvServer *
ensure (BvPracticeHost  *host,
        GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bv_practice_host_ensure_async (host, NULL, result_cb, &result);
  return bv_practice_host_ensure_finish (host, bv_test_wait_for (&result), error);
}

static BvConnectionTest *
check (BvContext       *manager,
       BvServer        *server)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BvConnectionTest *test;

  bv_context_check_server_async (manager, server, NULL, result_cb, &result);
  test = bv_context_check_server_finish (manager, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  return test;
}

static void
test_set_up_and_resume (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bv-practice-host-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bbb-vereine.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(BvDatabase) database = NULL;
  g_autoptr(BvContext) manager = NULL;
  g_autoptr(BvPracticeHost) host = NULL;
  g_autoptr(BvServer) first = NULL;
  g_autoptr(BvServer) again = NULL;
  g_autoptr(BvServer) resumed = NULL;
  g_autoptr(BvConnectionTest) test = NULL;
  g_autofree char *first_url = NULL;
  g_autofree char *id = NULL;

  g_settings_reset (settings, "practice-server");
  database = bv_database_open (path, &error);
  g_assert_no_error (error);
  manager = bv_context_new (database);
  host = bv_practice_host_new (manager, settings);

  g_assert_null (bv_practice_host_get_server (host));
  g_assert_false (bv_practice_host_is_running (host));

  first = ensure (host, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  id = g_strdup (bv_server_get_id (first));
  first_url = g_strdup (bv_server_get_url (first));
  g_assert_true (g_str_has_prefix (first_url, "http://127.0.0.1:"));
  g_assert_cmpstr (bv_server_get_name (first), ==, "Practice Server");
  g_assert_cmpstr (bv_server_get_detected_checksum (first), ==, "sha256");
  g_assert_true (bv_practice_host_is_running (host));
  {
    g_autofree char *stored = g_settings_get_string (settings, "practice-server");
    g_assert_cmpstr (stored, ==, id);
  }

  /* Asking again changes nothing. */
  again = ensure (host, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bv_server_get_id (again), ==, id);
  g_assert_cmpuint (g_list_model_get_n_items (bv_context_get_servers (manager)), ==, 1);

  /* 160 bits from the kernel, as bbb-conf makes them: 40 hex digits. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) lookup_error = NULL;
    char *secret;

    bv_secret_store_lookup_async (id, NULL, result_cb, &result);
    secret = bv_secret_store_lookup_finish (bv_test_wait_for (&result), &lookup_error);
    g_assert_no_error (lookup_error);
    g_assert_cmpuint (strlen (secret), ==, 40);
    g_assert_cmpuint (strspn (secret, "0123456789abcdef"), ==, 40);
    bv_secret_store_free_secret (secret);
  }

  /* The stored secret signs real requests. */
  test = check (manager, first);
  g_assert_cmpstr (bv_bbb_version_get_bbb_version (bv_connection_test_get_version (test)), ==, "3.0.19");
  g_clear_object (&test);

  /* A restart of the app: a new host finds the server and starts it again. */
  g_clear_object (&host);
  g_clear_object (&again);
  host = bv_practice_host_new (manager, settings);
  resumed = ensure (host, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bv_server_get_id (resumed), ==, id);
  g_assert_true (g_str_has_prefix (bv_server_get_url (resumed), "http://127.0.0.1:"));
  g_assert_cmpuint (g_list_model_get_n_items (bv_context_get_servers (manager)), ==, 1);
  test = check (manager, resumed);
  g_assert_nonnull (test);

  g_clear_object (&host);
  g_clear_object (&manager);
  g_clear_object (&database);
  g_settings_reset (settings, "practice-server");
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

static gboolean
let_in (BvPracticeHost  *host,
        BvMeeting       *meeting,
        BvParticipant   *participant,
        GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bv_practice_host_let_in_async (host, meeting, participant, NULL, result_cb, &result);
  return bv_practice_host_let_in_finish (host, bv_test_wait_for (&result), error);
}

/* The room's attendees as "userID=name" lines. */
static char *
attendees (BvBbbClient *client,
           BvMeeting   *meeting)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbMeeting) room = NULL;
  GString *text = g_string_new (NULL);
  GListModel *list;

  bv_bbb_client_get_meeting_info_async (client, bv_meeting_get_bbb_meeting_id (meeting), NULL, result_cb, &result);
  room = bv_bbb_client_get_meeting_info_finish (client, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  list = bv_bbb_meeting_get_attendees (room);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(BvBbbAttendee) attendee = g_list_model_get_item (list, i);

      g_string_append_printf (text, "%s=%s;", bv_bbb_attendee_get_user_id (attendee),
                              bv_bbb_attendee_get_full_name (attendee));
    }
  return g_string_free (text, FALSE);
}

/* Training: an invited member "joins" a running practice assembly with
 * their personal link and leaves again; nothing of the kind on another
 * server, nor before the room is open. */
static void
test_simulated_attendees (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bv-practice-host-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bbb-vereine.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(BvDatabase) database = NULL;
  g_autoptr(BvContext) manager = NULL;
  g_autoptr(BvPracticeHost) host = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_ASSEMBLY);
  g_autoptr(BvMeeting) elsewhere = bv_meeting_new (BV_MEETING_KIND_ASSEMBLY);
  g_autoptr(BvMember) member = bv_member_new ();
  g_autoptr(BvParticipant) invited = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BvBbbClient) client = NULL;
  g_autofree char *inside = NULL;
  g_autofree char *left = NULL;
  g_autofree char *expected = NULL;
  BvParticipant *participant;

  g_settings_reset (settings, "practice-server");
  database = bv_database_open (path, &error);
  g_assert_no_error (error);
  manager = bv_context_new (database);
  host = bv_practice_host_new (manager, settings);
  server = ensure (host, &error);
  g_assert_no_error (error);

  bv_meeting_set_title (meeting, "Übungsversammlung");
  bv_meeting_set_start (meeting, "2027-03-20T15:00:00", "Europe/Berlin");
  bv_meeting_set_server_id (meeting, bv_server_get_id (server));
  g_assert_true (bv_database_save_meeting (database, meeting, &error));
  bv_member_set_name (member, "Anna Albers");
  g_assert_true (bv_database_save_member (database, member, &error));
  g_assert_no_error (error);
  invited = bv_participant_new_member (bv_meeting_get_id (meeting), bv_member_get_id (member),
                                       BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_assert_true (bv_database_add_participant (database, invited, &error));
  g_assert_no_error (error);
  stored = bv_database_list_participants (database, bv_meeting_get_id (meeting));
  participant = g_ptr_array_index (stored, 0);

  g_assert_true (bv_practice_host_is_practice_meeting (host, meeting));
  g_assert_false (bv_practice_host_is_practice_meeting (host, elsewhere));
  g_assert_false (let_in (host, elsewhere, participant, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  /* Not open yet. */
  g_assert_false (let_in (host, meeting, participant, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  bv_context_get_client_async (manager, server, NULL, result_cb, &result);
  client = bv_context_get_client_finish (manager, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  bv_test_create_room (client, bv_meeting_get_bbb_meeting_id (meeting), "Übungsversammlung");

  g_assert_true (let_in (host, meeting, participant, &error));
  g_assert_no_error (error);
  inside = attendees (client, meeting);
  expected = g_strdup_printf ("bv-%s=Anna Albers;", bv_participant_get_link_key (participant));
  g_assert_cmpstr (inside, ==, expected);

  g_assert_true (bv_practice_host_let_out (host, meeting, participant, &error));
  g_assert_no_error (error);
  left = attendees (client, meeting);
  g_assert_cmpstr (left, ==, "");
  g_assert_false (bv_practice_host_let_out (host, meeting, participant, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_object (&host);
  g_clear_object (&manager);
  g_clear_object (&database);
  g_settings_reset (settings, "practice-server");
  bv_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/practice-host/set-up-and-resume", test_set_up_and_resume);
  g_test_add_func ("/core/practice-host/simulated-attendees", test_simulated_attendees);

  return g_test_run ();
}
