/* test-server.c
 *
 * The server object (store/bv-server).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib-unix.h>
#include <sqlite3.h>

#include "store-fixture.h"

static void
test_server_object (void)
{
  g_autoptr(BvServer) server = bv_server_new (NULL, NULL, NULL, NULL);
  g_autoptr(BvServer) other = bv_server_new (NULL, NULL, NULL, NULL);
  g_autoptr(GString) notifications = g_string_new (NULL);
  g_autofree char *id = bv_server_generate_id ();

  g_assert_true (g_uuid_string_is_valid (id));
  g_assert_true (g_uuid_string_is_valid (bv_server_get_id (server)));
  g_assert_cmpstr (bv_server_get_id (server), !=, bv_server_get_id (other));
  g_assert_cmpstr (bv_server_get_name (server), ==, "");
  g_assert_cmpstr (bv_server_get_url (server), ==, "");
  g_assert_cmpstr (bv_server_get_checksum (server), ==, "auto");

  g_signal_connect (server, "notify", G_CALLBACK (notify_cb), notifications);
  bv_server_set_name (server, "A");
  bv_server_set_name (server, "A");
  bv_server_set_url (server, "https://a.example.org/");
  bv_server_set_checksum (server, "sha384");
  bv_server_set_checksum (server, "sha384");
  g_object_set (server, "name", "A", "checksum", "sha384", NULL);
  g_assert_cmpstr (notifications->str, ==, "name;url;checksum;");

  g_assert_true (bv_server_checksum_is_valid ("sha1"));
  g_assert_true (bv_server_checksum_is_valid ("auto"));
  g_assert_false (bv_server_checksum_is_valid ("md5"));
  g_assert_false (bv_server_checksum_is_valid ("SHA1"));
  g_assert_false (bv_server_checksum_is_valid (NULL));

  /* No property may ever carry the secret. */
  g_assert_null (g_object_class_find_property (G_OBJECT_GET_CLASS (server), "secret"));
  g_assert_null (g_object_class_find_property (G_OBJECT_GET_CLASS (server), "shared-secret"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = NULL;
  int ret;

  root = bv_test_isolate_dirs ("bv-test-server");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/server/object", test_server_object);

  ret = g_test_run ();

  if (root)
    bv_test_remove_tree (root);

  return ret;
}
