/* test-join-tracker.c
 *
 * Which joins run and how they ended: what Anstehend and Live learn from
 * the joins the application runs for them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "bv-join-tracker.h"

typedef struct
{
  GPtrArray *events;   /* "started KEY", "ended KEY", "ended KEY: message" */
  gboolean   take;     /* what the ended handler answers */
} Listener;

static void
started_cb (BvJoinTracker *tracker,
            const char    *key,
            Listener      *listener)
{
  g_ptr_array_add (listener->events, g_strdup_printf ("started %s", key));
}

static gboolean
ended_cb (BvJoinTracker *tracker,
          const char    *key,
          const GError  *error,
          Listener      *listener)
{
  g_ptr_array_add (listener->events, error ? g_strdup_printf ("ended %s: %s", key, error->message)
                                           : g_strdup_printf ("ended %s", key));
  /* The tracker has counted the join out before it tells. */
  g_assert_false (bv_join_tracker_is_joining (tracker, key) && g_str_equal (key, "solo"));
  return listener->take;
}

static void
test_begin_end (void)
{
  g_autoptr(BvJoinTracker) tracker = bv_join_tracker_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "Kein Browser");
  Listener listener = { events, FALSE };

  g_signal_connect (tracker, "started", G_CALLBACK (started_cb), &listener);
  g_signal_connect (tracker, "ended", G_CALLBACK (ended_cb), &listener);

  g_assert_false (bv_join_tracker_is_joining (tracker, "solo"));
  bv_join_tracker_begin (tracker, "solo");
  g_assert_true (bv_join_tracker_is_joining (tracker, "solo"));
  g_assert_false (bv_join_tracker_is_joining (tracker, "other"));

  /* Nobody took the failure: the caller must tell the user. */
  g_assert_false (bv_join_tracker_end (tracker, "solo", error));
  g_assert_false (bv_join_tracker_is_joining (tracker, "solo"));

  /* A page that asked takes it. */
  listener.take = TRUE;
  bv_join_tracker_begin (tracker, "solo");
  g_assert_true (bv_join_tracker_end (tracker, "solo", error));
  bv_join_tracker_begin (tracker, "solo");
  g_assert_true (bv_join_tracker_end (tracker, "solo", NULL));

  g_assert_cmpuint (events->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (events, 0), ==, "started solo");
  g_assert_cmpstr (g_ptr_array_index (events, 1), ==, "ended solo: Kein Browser");
  g_assert_cmpstr (g_ptr_array_index (events, 2), ==, "started solo");
  g_assert_cmpstr (g_ptr_array_index (events, 3), ==, "ended solo: Kein Browser");
  g_assert_cmpstr (g_ptr_array_index (events, 4), ==, "started solo");
  g_assert_cmpstr (g_ptr_array_index (events, 5), ==, "ended solo");
}

/* A notification's Join and the page's Beitreten for the same meeting:
 * the meeting counts as joining until both have ended. */
static void
test_overlapping (void)
{
  g_autoptr(BvJoinTracker) tracker = bv_join_tracker_new ();

  bv_join_tracker_begin (tracker, "m");
  bv_join_tracker_begin (tracker, "m");
  bv_join_tracker_end (tracker, "m", NULL);
  g_assert_true (bv_join_tracker_is_joining (tracker, "m"));
  bv_join_tracker_end (tracker, "m", NULL);
  g_assert_false (bv_join_tracker_is_joining (tracker, "m"));
}

/* A room we did not plan has a key of its own per server, which no
 * meeting id (a UUID) can equal. */
static void
test_room_key (void)
{
  g_autofree char *a = bv_join_tracker_room_key ("server-a", "room-1");
  g_autofree char *b = bv_join_tracker_room_key ("server-b", "room-1");
  g_autofree char *uuid = g_uuid_string_random ();

  g_assert_cmpstr (a, !=, b);
  g_assert_cmpstr (a, !=, "room-1");
  g_assert_nonnull (strchr (a, ' '));
  g_assert_null (strchr (uuid, ' '));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/join-tracker/begin-end", test_begin_end);
  g_test_add_func ("/core/join-tracker/overlapping", test_overlapping);
  g_test_add_func ("/core/join-tracker/room-key", test_room_key);

  return g_test_run ();
}
