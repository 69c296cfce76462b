/* test-live-monitor.c
 *
 * The live monitor without a display: a real store, the real (throw-away)
 * keyring and practice servers on loopback, and a clock the test advances
 * by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "bv-bbb-client.h"
#include "bv-live-monitor.h"
#include "bv-practice-server-private.h"
#include "bv-secret-store.h"
#include "bv-server-client.h"
#include "bv-context.h"
#include "bv-test-utils.h"

#define SECRET "live-monitor-test-secret-0123456789"

typedef struct
{
  char             *dir;
  BvDatabase       *database;
  BvContext  *manager;
  BvPracticeServer *practice;
  BvServer         *server;
  BvLiveMonitor    *monitor;
  gboolean          shown;
  guint             updated;
  guint             failed;
  guint             ended;
  guint             detail_updated;
  guint             missing;
} Fixture;

/* fixture */

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
shown_cb (gpointer data)
{
  return ((Fixture *) data)->shown;
}

static void
count_cb (BvLiveMonitor *monitor,
          guint         *counter)
{
  (*counter)++;
}

static void
failed_cb (BvLiveMonitor *monitor,
           const GError  *error,
           Fixture       *f)
{
  g_assert_nonnull (error);
  f->failed++;
}

static BvServer *
save (Fixture    *f,
      BvServer   *existing,
      const char *url,
      const char *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BvServer *server;

  bv_context_save_async (f->manager, existing, "Vereinsserver", url, "auto", secret, NULL,
                         result_cb, &result);
  server = bv_context_save_finish (f->manager, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  return server;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  bv_test_clock_reset ();
  f->dir = g_dir_make_tmp ("bv-live-monitor-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "bbb-vereine.db", NULL);
  f->database = bv_database_open (path, &error);
  g_assert_no_error (error);
  f->manager = bv_context_new (f->database);

  f->practice = bv_practice_server_new (SECRET);
  g_assert_true (bv_practice_server_start (f->practice, &error));
  f->server = save (f, NULL, bv_practice_server_get_api_url (f->practice), SECRET);

  f->monitor = bv_live_monitor_new (f->manager);
  bv_live_monitor_set_timer_func (f->monitor, bv_test_clock_add_timer);
  bv_live_monitor_set_server_id (f->monitor, bv_server_get_id (f->server));
  g_signal_connect (f->monitor, "list-updated", G_CALLBACK (count_cb), &f->updated);
  g_signal_connect (f->monitor, "list-failed", G_CALLBACK (failed_cb), f);
  g_signal_connect (f->monitor, "detail-ended", G_CALLBACK (count_cb), &f->ended);
  g_signal_connect (f->monitor, "detail-updated", G_CALLBACK (count_cb), &f->detail_updated);
  g_signal_connect (f->monitor, "server-missing", G_CALLBACK (count_cb), &f->missing);
  f->shown = TRUE;
  bv_practice_server_reset_log (f->practice);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->monitor);
  g_assert_cmpuint (bv_test_clock_armed (), ==, 0);
  bv_test_clock_reset ();
  g_clear_object (&f->server);
  g_clear_object (&f->manager);
  g_clear_object (&f->database);
  g_clear_object (&f->practice);
  bv_test_remove_tree (f->dir);
  g_free (f->dir);
}

static BvBbbClient *
practice_client (BvPracticeServer *practice)
{
  return bv_bbb_client_new (bv_practice_server_get_api_url (practice), SECRET, BV_CHECKSUM_SHA256);
}

static void
create_room (BvPracticeServer *practice,
             const char       *meeting_id)
{
  g_autoptr(BvBbbClient) client = practice_client (practice);

  bv_test_create_room (client, meeting_id, "Vorstandssitzung");
  bv_test_enter_room (client, meeting_id, "Anna", "MODERATOR");
}

static guint
get_meetings_calls (gpointer practice)
{
  return bv_practice_server_count_calls (practice, "getMeetings");
}

static guint
get_meeting_info_calls (gpointer practice)
{
  return bv_practice_server_count_calls (practice, "getMeetingInfo");
}

static guint
updated_count (gpointer data)
{
  return ((Fixture *) data)->updated;
}

static guint
ended_count (gpointer data)
{
  return ((Fixture *) data)->ended;
}

/* Nothing is asked unless watched and shown; watched, every 30 s. */
static void
test_polls_only_while_watched (Fixture       *f,
                               gconstpointer  data)
{
  create_room (f->practice, "lm-poll");
  bv_practice_server_reset_log (f->practice);

  bv_live_monitor_refresh (f->monitor, TRUE);
  bv_test_clock_advance (120);
  bv_test_assert_exactly (bv_test_count_requests, f->practice, 0);
  g_assert_cmpuint (bv_test_clock_armed (), ==, 0);

  bv_live_monitor_watch (f->monitor, shown_cb, f);
  g_assert_cmpuint (bv_test_clock_armed (), ==, 1);
  bv_live_monitor_refresh (f->monitor, FALSE);
  bv_test_assert_exactly (updated_count, f, 1);
  bv_test_assert_exactly (get_meetings_calls, f->practice, 1);
  g_assert_true (bv_live_monitor_get_have_list (f->monitor));
  g_assert_false (bv_live_monitor_get_fetching (f->monitor));
  g_assert_cmpuint (g_list_model_get_n_items (bv_live_monitor_get_meetings (f->monitor)), ==, 1);

  bv_test_clock_advance (29);
  bv_test_assert_exactly (get_meetings_calls, f->practice, 1);
  bv_test_clock_advance (1);
  bv_test_assert_exactly (get_meetings_calls, f->practice, 2);

  /* Watched but not shown (a minimised window): the ticks ask nothing. */
  f->shown = FALSE;
  bv_test_clock_advance (60);
  bv_test_assert_exactly (get_meetings_calls, f->practice, 2);
  f->shown = TRUE;

  bv_live_monitor_unwatch (f->monitor);
  g_assert_cmpuint (bv_test_clock_armed (), ==, 0);
  bv_practice_server_reset_log (f->practice);
  bv_test_clock_advance (120);
  bv_test_assert_exactly (bv_test_count_requests, f->practice, 0);
  g_assert_cmpuint (f->failed, ==, 0);
}

/* The selected meeting's people every 10 s; once it is gone the monitor
 * says it ended and asks for the list again. */
static void
test_selected_meeting_ends (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(BvBbbMeeting) first = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  create_room (f->practice, "lm-end");
  bv_live_monitor_watch (f->monitor, shown_cb, f);
  bv_live_monitor_refresh (f->monitor, FALSE);
  bv_test_assert_exactly (updated_count, f, 1);

  first = g_list_model_get_item (bv_live_monitor_get_meetings (f->monitor), 0);
  g_assert_true (bv_live_monitor_select (f->monitor, "lm-end", first));
  g_assert_false (bv_live_monitor_select (f->monitor, "lm-end", first));
  g_assert_cmpuint (bv_test_clock_armed (), ==, 2);
  bv_practice_server_reset_log (f->practice);
  bv_test_clock_advance (10);
  bv_test_assert_exactly (get_meeting_info_calls, f->practice, 1);
  g_assert_cmpuint (f->detail_updated, ==, 1);
  g_assert_nonnull (bv_live_monitor_get_detail (f->monitor));

  bv_live_monitor_end_async (f->monitor, "lm-end", NULL, result_cb, &result);
  g_assert_true (bv_live_monitor_end_finish (f->monitor, bv_test_wait_for (&result), &error));
  g_assert_no_error (error);

  bv_practice_server_reset_log (f->practice);
  bv_live_monitor_refresh_detail (f->monitor);
  bv_test_assert_exactly (ended_count, f, 1);
  /* ... and the list is asked for again at once, now empty. */
  bv_test_assert_exactly (get_meetings_calls, f->practice, 1);
  bv_test_assert_exactly (updated_count, f, 2);
  g_assert_cmpuint (g_list_model_get_n_items (bv_live_monitor_get_meetings (f->monitor)), ==, 0);

  bv_live_monitor_select (f->monitor, NULL, NULL);
  g_assert_cmpuint (bv_test_clock_armed (), ==, 1);
}

/* While the monitor is watched, the server's address is edited: the next
 * request goes to the new address, the old one hears nothing more. */
static void
test_edited_address (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(BvPracticeServer) moved = NULL;
  g_autoptr(BvServer) edited = NULL;
  g_autoptr(GError) error = NULL;

  moved = bv_practice_server_new (SECRET);
  g_assert_true (bv_practice_server_start (moved, &error));

  bv_live_monitor_watch (f->monitor, shown_cb, f);
  bv_live_monitor_refresh (f->monitor, FALSE);
  bv_test_assert_exactly (updated_count, f, 1);
  bv_test_assert_exactly (get_meetings_calls, f->practice, 1);

  edited = save (f, f->server, bv_practice_server_get_api_url (moved), "");
  bv_practice_server_reset_log (f->practice);
  bv_practice_server_reset_log (moved);

  bv_test_clock_advance (30);
  bv_test_assert_exactly (updated_count, f, 2);
  bv_test_assert_exactly (get_meetings_calls, moved, 1);
  bv_test_assert_exactly (bv_test_count_requests, f->practice, 0);
  g_assert_cmpuint (f->failed, ==, 0);

  bv_live_monitor_unwatch (f->monitor);
}

/* A removed server: the monitor says so instead of asking. */
static void
test_removed_server (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bv_context_remove_async (f->manager, f->server, NULL, result_cb, &result);
  g_assert_true (bv_context_remove_finish (f->manager, bv_test_wait_for (&result), &error));
  g_assert_no_error (error);

  bv_live_monitor_watch (f->monitor, shown_cb, f);
  bv_live_monitor_refresh (f->monitor, TRUE);
  g_assert_cmpuint (f->missing, ==, 1);
  g_assert_false (bv_live_monitor_get_fetching (f->monitor));

  /* Ending a meeting there says why it cannot. */
  g_clear_object (&result);
  bv_live_monitor_end_async (f->monitor, "lm-gone", NULL, result_cb, &result);
  g_assert_false (bv_live_monitor_end_finish (f->monitor, bv_test_wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, !=, "");
  bv_test_assert_exactly (bv_test_count_requests, f->practice, 0);
}

/* A server stored with its secret whose address no longer answers. */
static BvServer *
add_gone_server (Fixture *f)
{
  g_autoptr(BvPracticeServer) gone = bv_practice_server_new (SECRET);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = bv_server_generate_id ();
  BvServer *server;

  g_assert_true (bv_practice_server_start (gone, &error));
  server = bv_server_new (id, "Abgeschaltet", bv_practice_server_get_api_url (gone), "sha256");
  g_clear_object (&gone);
  g_assert_true (bv_database_save_server (f->database, server, &error));
  g_assert_no_error (error);
  bv_secret_store_save_async (id, "Abgeschaltet", SECRET, NULL, result_cb, &result);
  g_assert_true (bv_secret_store_save_finish (bv_test_wait_for (&result), &error));
  g_assert_no_error (error);
  return server;
}

static BvMeeting *
planned_on (BvServer *server)
{
  BvMeeting *meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);

  bv_meeting_set_server_id (meeting, bv_server_get_id (server));
  return meeting;
}

/* Anstehend's round: the running rooms of every server on screen; a
 * server that cannot be reached is one problem, the others still count. */
static void
test_rooms_round (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(BvServer) gone = add_gone_server (f);
  g_autoptr(BvMeeting) running = planned_on (f->server);
  g_autoptr(BvMeeting) idle = planned_on (f->server);
  g_autoptr(BvMeeting) elsewhere = planned_on (gone);
  g_autoptr(GPtrArray) meetings = g_ptr_array_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GHashTable) rooms = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BvLiveServerProblem *problem;

  create_room (f->practice, bv_meeting_get_bbb_meeting_id (running));
  g_ptr_array_add (meetings, running);
  g_ptr_array_add (meetings, idle);
  g_ptr_array_add (meetings, elsewhere);
  bv_practice_server_reset_log (f->practice);

  /* Not watched: a round is asked for, not polled. */
  bv_live_monitor_fetch_rooms_async (f->monitor, meetings, NULL, result_cb, &result);
  rooms = bv_live_monitor_fetch_rooms_finish (f->monitor, bv_test_wait_for (&result), &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rooms);
  g_assert_cmpuint (g_hash_table_size (rooms), ==, 1);
  g_assert_true (g_hash_table_contains (rooms, bv_meeting_get_bbb_meeting_id (running)));
  g_assert_cmpuint (bv_practice_server_count_calls (f->practice, "getMeetings"), ==, 1);

  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->server_id, ==, bv_server_get_id (gone));
  g_assert_true (bv_server_client_is_unreachable (problem->error));
  g_assert_cmpuint (bv_test_clock_armed (), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/live-monitor/polls-only-while-watched", Fixture, NULL,
              fixture_setup, test_polls_only_while_watched, fixture_teardown);
  g_test_add ("/core/live-monitor/selected-meeting-ends", Fixture, NULL,
              fixture_setup, test_selected_meeting_ends, fixture_teardown);
  g_test_add ("/core/live-monitor/edited-address", Fixture, NULL,
              fixture_setup, test_edited_address, fixture_teardown);
  g_test_add ("/core/live-monitor/removed-server", Fixture, NULL,
              fixture_setup, test_removed_server, fixture_teardown);

  g_test_add ("/core/live-monitor/rooms-round", Fixture, NULL,
              fixture_setup, test_rooms_round, fixture_teardown);

  return g_test_run ();
}
