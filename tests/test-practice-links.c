/* test-practice-links.c
 *
 * Which meetings are on the practice server (whose links work on this
 * computer only), and where such a meeting can move to: with the
 * practice server's id in real GSettings (memory backend) and the
 * servers in a real database file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "bv-practice-links.h"
#include "bv-test-utils.h"

static BvServer *
add_server (BvDatabase *database,
            const char *name,
            const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = bv_server_generate_id ();
  BvServer *server = bv_server_new (id, name, url, "sha256");

  g_assert_true (bv_database_save_server (database, server, &error));
  g_assert_no_error (error);
  return server;
}

static void
test_meeting (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bv-practice-links-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) database = bv_database_open (path, &error);
  g_autoptr(BvContext) context = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(BvServer) practice = NULL;
  g_autoptr(BvServer) club = NULL;
  g_autoptr(BvServer) found = NULL;
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);

  g_assert_no_error (error);
  context = bv_context_new (database);
  g_settings_set_string (settings, "practice-server", "");

  practice = add_server (database, "Übungsserver", "http://127.0.0.1:8090/bigbluebutton/api/");

  /* Without a server, or before a practice server is set up: nothing to warn about. */
  g_assert_false (bv_practice_links_meeting_is_practice (settings, meeting));
  bv_meeting_set_server_id (meeting, bv_server_get_id (practice));
  g_assert_false (bv_practice_links_meeting_is_practice (settings, meeting));
  g_assert_false (bv_practice_links_meeting_is_practice (NULL, meeting));

  g_settings_set_string (settings, "practice-server", bv_server_get_id (practice));
  g_assert_true (bv_practice_links_server_is_practice (settings, bv_server_get_id (practice)));
  g_assert_true (bv_practice_links_meeting_is_practice (settings, meeting));
  g_assert_false (bv_practice_links_server_is_practice (settings, NULL));
  g_assert_false (bv_practice_links_server_is_practice (settings, ""));

  /* Nowhere to move to yet. */
  g_assert_null (bv_practice_links_find_real_server (context, settings));

  club = add_server (database, "Vereinsserver", "https://bbb.example.org/bigbluebutton/api/");
  found = bv_practice_links_find_real_server (context, settings);
  g_assert_nonnull (found);
  g_assert_cmpstr (bv_server_get_id (found), ==, bv_server_get_id (club));

  bv_meeting_set_server_id (meeting, bv_server_get_id (club));
  g_assert_false (bv_practice_links_meeting_is_practice (settings, meeting));

  g_clear_object (&context);
  g_clear_object (&database);
  bv_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/practice-links/meeting", test_meeting);

  return g_test_run ();
}
