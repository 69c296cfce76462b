/* bv-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-test"

#include "config.h"

#include "bv-test-utils.h"

#include "bv-practice-server-private.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

/* How often a wait looks at its condition when nothing in the main context
 * wakes it (files written by another process, other threads). */
#define TICK_MS 10

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
fail (const char *file,
      int         line,
      const char *message)
{
  g_assertion_message (G_LOG_DOMAIN, file, line, "bv_test_wait", message);
}

void
bv_test_wait_until_full (BvTestCondition  condition,
                         gpointer         data,
                         const char      *what,
                         const char      *file,
                         int              line)
{
  gint64 deadline = g_get_monotonic_time () + BV_TEST_WAIT_S * G_USEC_PER_SEC;
  guint tick = g_timeout_add (TICK_MS, tick_cb, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_autofree char *message = g_strdup_printf ("%s did not become true within %d s",
                                                      what, BV_TEST_WAIT_S);

          g_source_remove (tick);
          fail (file, line, message);
          return;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

static gboolean
slot_is_set (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

GAsyncResult *
bv_test_wait_for_full (GAsyncResult **slot,
                       const char    *what,
                       const char    *file,
                       int            line)
{
  g_autofree char *name = g_strdup_printf ("a result in %s", what);

  bv_test_wait_until_full (slot_is_set, slot, name, file, line);
  return *slot;
}

void
bv_test_result_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

void
bv_test_spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;
  guint tick = g_timeout_add (MIN (ms, TICK_MS), tick_cb, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

void
bv_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
bv_test_quiet (void)
{
  bv_test_spin (BV_TEST_QUIET_MS);
}

void
bv_test_let_toast_settle (void)
{
  bv_test_spin (600);
}

typedef struct
{
  BvTestCounter counter;
  gpointer      data;
  guint         expected;
} CountWait;

static gboolean
count_reached (gpointer data)
{
  CountWait *wait = data;

  return wait->counter (wait->data) >= wait->expected;
}

void
bv_test_assert_exactly_full (BvTestCounter  counter,
                             gpointer       data,
                             guint          expected,
                             const char    *what,
                             const char    *file,
                             int            line)
{
  CountWait wait = { counter, data, expected };
  g_autofree char *name = g_strdup_printf ("%s >= %u", what, expected);
  guint count;

  bv_test_wait_until_full (count_reached, &wait, name, file, line);
  bv_test_quiet ();
  count = counter (data);
  if (count != expected)
    {
      g_autofree char *message = g_strdup_printf ("%s is %u after a quiet %d ms, expected exactly %u",
                                                  what, count, BV_TEST_QUIET_MS, expected);

      g_assertion_message (G_LOG_DOMAIN, file, line, "bv_test_assert_exactly", message);
    }
}

GStrv
bv_test_read_lines (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return g_strv_builder_end (builder);

  lines = g_strsplit (contents, "\n", -1);
  /* The last piece is "" or a line still being written. */
  for (guint i = 0; lines[i] && lines[i + 1]; i++)
    g_strv_builder_add (builder, lines[i]);
  return g_strv_builder_end (builder);
}

guint
bv_test_count_lines (const char *path)
{
  g_auto(GStrv) lines = bv_test_read_lines (path);

  return g_strv_length (lines);
}

guint
bv_test_count_requests (BvPracticeServer *server)
{
  return bv_practice_server_get_request_count (server);
}

char *
bv_test_install_stand_in (const char         *name,
                          const char * const *mime_types)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) mimeapps = g_key_file_new ();
  g_autofree char *apps = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *desktop_id = g_strdup_printf ("bv-stand-in-%s.desktop", name);
  g_autofree char *desktop = g_build_filename (apps, desktop_id, NULL);
  g_autofree char *script = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autofree char *log = g_strdup_printf ("%s.log", script);
  g_autofree char *mimeapps_path = g_build_filename (g_get_user_config_dir (), "mimeapps.list", NULL);
  g_autofree char *script_text = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *entry = NULL;

  /* Never the real dirs of the person running the tests. */
  g_assert_nonnull (g_getenv ("BV_TEST_ROOT"));
  g_assert_true (g_str_has_prefix (g_get_user_data_dir (), g_getenv ("BV_TEST_ROOT")));

  g_assert_no_errno (g_mkdir_with_parents (apps, 0700));
  g_assert_no_errno (g_mkdir_with_parents (g_get_user_config_dir (), 0700));
  script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s\\n' \"$1\" >> '%s'\n", log);
  g_file_set_contents (script, script_text, -1, &error);
  g_assert_no_error (error);
  g_assert_no_errno (g_chmod (script, 0700));

  joined = g_strjoinv (";", (char **) mime_types);
  entry = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Stand-in %s\n"
                           "Exec=%s %%u\nMimeType=%s;\n", name, script, joined);
  g_file_set_contents (desktop, entry, -1, &error);
  g_assert_no_error (error);

  /* Desktop-specific lists (gnome-mimeapps.list) elsewhere must not win. */
  g_unsetenv ("XDG_CURRENT_DESKTOP");
  g_key_file_load_from_file (mimeapps, mimeapps_path, G_KEY_FILE_NONE, NULL);
  for (guint i = 0; mime_types[i]; i++)
    g_key_file_set_string (mimeapps, "Default Applications", mime_types[i], desktop_id);
  g_key_file_save_to_file (mimeapps, mimeapps_path, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&log);
}

BvPracticeServer *
bv_test_practice_server_new (const char *secret)
{
  g_autoptr(GError) error = NULL;
  BvPracticeServer *server = bv_practice_server_new (secret);

  bv_practice_server_start (server, &error);
  g_assert_no_error (error);
  return server;
}

char *
bv_test_isolate_dirs (const char *prefix)
{
  static const char * const variables[] = {
    "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
    "XDG_STATE_HOME", "XDG_RUNTIME_DIR",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", prefix);
  char *root;

  if (g_getenv ("BV_TEST_ROOT"))
    return NULL;

  root = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  g_setenv ("BV_TEST_ROOT", root, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      g_autofree char *dir = g_build_filename (root, variables[i], NULL);

      g_assert_no_errno (g_mkdir (dir, 0700));
      g_setenv (variables[i], dir, TRUE);
    }

  return root;
}

void
bv_test_remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          bv_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

/* the clock advanced by hand */

typedef struct
{
  guint        seconds;
  GSourceFunc  callback;
  gpointer     data;
  GSource     *source;
  gint64       due;
} BvTestTimer;

static GPtrArray *test_timers;
static gint64     test_now;

static void
test_timer_free (BvTestTimer *timer)
{
  g_source_destroy (timer->source);
  g_source_unref (timer->source);
  g_free (timer);
}

static gboolean
never_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

guint
bv_test_clock_add_timer (guint       seconds,
                         GSourceFunc callback,
                         gpointer    data)
{
  BvTestTimer *timer = g_new0 (BvTestTimer, 1);

  if (!test_timers)
    test_timers = g_ptr_array_new_with_free_func ((GDestroyNotify) test_timer_free);
  timer->seconds = seconds;
  timer->callback = callback;
  timer->data = data;
  timer->due = test_now + seconds;
  timer->source = g_timeout_source_new_seconds (24 * 60 * 60);
  g_source_set_callback (timer->source, never_cb, NULL, NULL);
  g_ptr_array_add (test_timers, timer);
  return g_source_attach (timer->source, NULL);
}

guint
bv_test_clock_armed (void)
{
  guint n = 0;

  for (guint i = 0; test_timers && i < test_timers->len; i++)
    n += !g_source_is_destroyed (((BvTestTimer *) g_ptr_array_index (test_timers, i))->source);
  return n;
}

void
bv_test_clock_advance (guint seconds)
{
  for (gint64 until = test_now + seconds; test_now < until;)
    {
      guint n = test_timers ? test_timers->len : 0;

      test_now++;
      for (guint i = 0; i < n; i++)
        {
          BvTestTimer *timer = g_ptr_array_index (test_timers, i);

          if (g_source_is_destroyed (timer->source) || timer->due > test_now)
            continue;
          timer->due += timer->seconds;
          if (timer->callback (timer->data) == G_SOURCE_REMOVE)
            g_source_destroy (timer->source);
        }
    }
}

void
bv_test_clock_reset (void)
{
  g_clear_pointer (&test_timers, g_ptr_array_unref);
}

/* rooms on the practice server */

static void
room_result_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

void
bv_test_create_room (BvBbbClient *client,
                     const char  *meeting_id,
                     const char  *name)
{
  g_autoptr(BvBbbQuery) query = bv_bbb_query_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BvBbbMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;

  bv_bbb_query_add (query, "meetingID", meeting_id);
  bv_bbb_query_add (query, "name", name);
  bv_bbb_client_create_async (client, query, NULL, NULL, room_result_cb, &result);
  meeting = bv_bbb_client_create_finish (client, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
}

void
bv_test_enter_room (BvBbbClient *client,
                    const char  *meeting_id,
                    const char  *full_name,
                    const char  *role)
{
  g_autoptr(BvBbbQuery) query = bv_bbb_query_new ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = NULL;

  bv_bbb_query_add (query, "fullName", full_name);
  bv_bbb_query_add (query, "meetingID", meeting_id);
  bv_bbb_query_add (query, "role", role);
  url = bv_bbb_client_build_url (client, "join", query);
  msg = soup_message_new ("GET", url);
  /* The practice server answers in this thread's main context. */
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, room_result_cb, &result);
  body = soup_session_send_and_read_finish (session, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), <, 400);
}
