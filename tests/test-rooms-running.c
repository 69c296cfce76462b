/* test-rooms-running.c
 *
 * The live state on the list of planned meetings, asked of a real
 * practice server over loopback HTTP.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "bv-bbb-error.h"
#include "bv-rooms-running.h"
#include "bv-practice-server-private.h"
#include "bv-test-utils.h"

#define SECRET "live-state-test-secret-0123456789"

static BvPracticeServer *practice;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static BvBbbClient *
new_client (const char *secret)
{
  return bv_bbb_client_new (bv_practice_server_get_api_url (practice), secret, BV_CHECKSUM_SHA256);
}

static GHashTable *
fetch (BvBbbClient         *client,
       gboolean             load_balancer,
       const char * const  *ids,
       GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bv_rooms_running_fetch_async (client, load_balancer, ids, NULL, result_cb, &result);
  return bv_rooms_running_fetch_finish (bv_test_wait_for (&result), error);
}

static void
test_running_rooms (void)
{
  g_autoptr(BvBbbClient) client = new_client (SECRET);
  g_autoptr(GHashTable) running = NULL;
  g_autoptr(GHashTable) balanced = NULL;
  g_autoptr(GHashTable) none = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "live-a", "live-b", "live-never", NULL };
  const char *no_ids[] = { NULL };
  BvBbbMeeting *a;

  bv_test_create_room (client, "live-a", "live-a");
  bv_test_create_room (client, "live-b", "live-b");
  bv_test_create_room (client, "someone-elses", "someone-elses");
  bv_test_enter_room (client, "live-a", "Anna", "VIEWER");
  bv_test_enter_room (client, "live-a", "Bernd", "VIEWER");
  bv_test_enter_room (client, "someone-elses", "Carla", "VIEWER");

  /* One request for all rooms; only the open ones of ours come back. */
  bv_practice_server_reset_log (practice);
  running = fetch (client, FALSE, ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, 1);
  g_assert_cmpuint (g_hash_table_size (running), ==, 1);
  a = g_hash_table_lookup (running, "live-a");
  g_assert_nonnull (a);
  g_assert_cmpuint (bv_bbb_meeting_get_participant_count (a), ==, 2);
  g_assert_cmpint (bv_bbb_meeting_get_start_time (a), >, 0);

  /* Behind a load balancer: one getMeetingInfo per room, same answer;
   * rooms that never existed are simply not running. */
  bv_practice_server_reset_log (practice);
  balanced = fetch (client, TRUE, ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, 3);
  g_assert_cmpuint (g_hash_table_size (balanced), ==, 1);
  g_assert_cmpuint (bv_bbb_meeting_get_participant_count (g_hash_table_lookup (balanced, "live-a")), ==, 2);

  /* Nothing to ask: no request at all. */
  bv_practice_server_reset_log (practice);
  none = fetch (client, FALSE, no_ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (none), ==, 0);
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, 0);
}

static void
test_errors (void)
{
  g_autoptr(BvBbbClient) wrong = new_client ("not-the-secret-at-all-0123456789");
  g_autoptr(BvBbbClient) nowhere = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GHashTable) running = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  const char *ids[] = { "live-a", NULL };

  running = fetch (wrong, FALSE, ids, &error);
  g_assert_null (running);
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_CHECKSUM);
  g_clear_error (&error);

  running = fetch (wrong, TRUE, ids, &error);
  g_assert_null (running);
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_CHECKSUM);
  g_clear_error (&error);

  /* A port nobody listens on: bound, then closed. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/bigbluebutton/api/",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_assert_true (g_socket_close (socket, &error));
  nowhere = bv_bbb_client_new (url, SECRET, BV_CHECKSUM_SHA256);
  running = fetch (nowhere, FALSE, ids, &error);
  g_assert_null (running);
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_CONNECTION_REFUSED);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  practice = bv_practice_server_new (SECRET);
  g_assert_true (bv_practice_server_start (practice, &error));
  g_assert_no_error (error);

  g_test_add_func ("/core/rooms-running/running-rooms", test_running_rooms);
  g_test_add_func ("/core/rooms-running/errors", test_errors);

  status = g_test_run ();
  g_object_unref (practice);
  return status;
}
