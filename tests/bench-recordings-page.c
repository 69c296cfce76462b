/* bench-recordings-page.c
 *
 * The Aufzeichnungen page with 10 000 recordings from a scripted loopback
 * server (the answer of gen-recordings.py): the time from setup and
 * showing the page until the first rows are on screen and until all are
 * loaded, paged (BBB 2.6+, 100 per request) and in one answer (Scalelite),
 * then the time per frame while scrolling through the list, and the peak
 * RSS. Needs a display and the test session's keyring (build-aux/dev
 * bench). Prints one line per mode:
 *   mode=M first_rows_ms=X all_loaded_ms=Y scroll_screen_ms_median=… scroll_screen_ms_max=…
 *   scroll_jump_ms_median=… scroll_jump_ms_max=… peak_rss_mib=R
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "bv-recordings-page.h"
#include "bv-secret-store.h"

#define SECRET "bench-recordings-page-secret"
#define SCROLL_STEPS 60

static GPtrArray *recordings;   /* of char*, one <recording> element each */

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

static void
split_recordings (const char *xml)
{
  const char *p = strstr (xml, "<recording>");

  recordings = g_ptr_array_new_with_free_func (g_free);
  while (p)
    {
      const char *end = strstr (p, "</recording>");

      if (!end)
        g_error ("unfinished <recording> in the answer");
      end += strlen ("</recording>");
      g_ptr_array_add (recordings, g_strndup (p, end - p));
      p = strstr (end, "<recording>");
    }
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  gboolean paged = g_str_has_prefix (path, "/paged/");
  const char *offset_param = query ? g_hash_table_lookup (query, "offset") : NULL;
  const char *limit_param = query ? g_hash_table_lookup (query, "limit") : NULL;
  guint offset = paged && offset_param ? (guint) g_ascii_strtoull (offset_param, NULL, 10) : 0;
  guint limit = paged && limit_param ? (guint) g_ascii_strtoull (limit_param, NULL, 10) : G_MAXUINT;
  GString *s = g_string_new ("<response><returncode>SUCCESS</returncode><recordings>");
  gsize length;

  for (guint i = offset; i < recordings->len && i - offset < limit; i++)
    g_string_append (s, g_ptr_array_index (recordings, i));
  g_string_append (s, "</recordings>");
  if (paged)
    g_string_append_printf (s, "<totalElements>%u</totalElements>", recordings->len);
  g_string_append (s, "</response>");

  length = s->len;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/xml", SOUP_MEMORY_TAKE, g_string_free (s, FALSE), length);
}

static guint
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line ? (guint) g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10) : 0;
}

static gpointer
child (gpointer    page,
       const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (page), BV_TYPE_RECORDINGS_PAGE, name);
}

static gboolean
has_mapped_row (GtkWidget *widget)
{
  for (GtkWidget *w = gtk_widget_get_first_child (widget); w; w = gtk_widget_get_next_sibling (w))
    if (gtk_widget_get_mapped (w) && gtk_widget_get_first_child (w))
      return TRUE;
  return FALSE;
}

typedef struct
{
  gint64 last;
  GArray *frames;               /* of double, ms */
} Frames;

static void
after_paint_cb (GdkFrameClock *clock,
                Frames        *frames)
{
  gint64 now = g_get_monotonic_time ();

  if (frames->last)
    {
      double ms = (now - frames->last) / 1000.0;

      g_array_append_val (frames->frames, ms);
    }
  frames->last = now;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
scroll_pass (GtkWindow     *window,
             GtkAdjustment *adjustment,
             gboolean       jump,
             double        *median,
             double        *max)
{
  g_autoptr(GArray) frame_times = g_array_new (FALSE, FALSE, sizeof (double));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  Frames frames = { 0, frame_times };
  gulong paint_id;

  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &frames);
  for (guint i = 1; i <= SCROLL_STEPS; i++)
    {
      double upper = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
      gint64 painted = frames.last;

      gtk_adjustment_set_value (adjustment,
                                jump ? upper * i / SCROLL_STEPS
                                     : gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment));
      while (frames.last == painted)
        g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handler_disconnect (clock, paint_id);

  *median = *max = 0;
  if (frame_times->len > 0)
    {
      g_array_sort (frame_times, compare_doubles);
      *median = g_array_index (frame_times, double, frame_times->len / 2);
      *max = g_array_index (frame_times, double, frame_times->len - 1);
    }
}

static void
run (const char *mode,
     const char *base,
     gboolean    load_balancer,
     const char *dir)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.db", dir, mode);
  g_autofree char *url = g_strdup_printf ("%s/%s/bigbluebutton/api/", base, mode);
  g_autofree char *id = bv_server_generate_id ();
  g_autoptr(BvDatabase) db = NULL;
  g_autoptr(BvContext) manager = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GError) error = NULL;
  BvRecordingsPage *page;
  GtkWindow *window;
  GtkListView *list;
  GtkAdjustment *adjustment;
  gint64 start, first_rows = 0, all_loaded = 0;
  double screen_median, screen_max, jump_median, jump_max;

  db = bv_database_open (path, &error);
  if (!db)
    g_error ("database: %s", error->message);
  server = bv_server_new (id, "Bench", url, "sha256");
  bv_server_set_connection_info (server, "sha256", load_balancer ? NULL : "2.0",
                                 load_balancer ? NULL : "3.0.19", load_balancer,
                                 g_get_real_time () / G_USEC_PER_SEC);
  if (!bv_database_save_server (db, server, &error))
    g_error ("server: %s", error->message);
  bv_secret_store_save_async (id, "Bench", SECRET, NULL, result_cb, &stored);
  if (!bv_secret_store_save_finish (wait_for (&stored), &error))
    g_error ("keyring: %s", error->message);
  manager = bv_context_new (db);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 900, 700);
  page = g_object_new (BV_TYPE_RECORDINGS_PAGE, NULL);
  gtk_window_set_child (window, GTK_WIDGET (page));
  list = child (page, "list_view");

  start = g_get_monotonic_time ();
  bv_recordings_page_setup (page, manager, NULL);
  gtk_window_present (window);

  while (!all_loaded)
    {
      g_main_context_iteration (NULL, TRUE);
      if (!first_rows && has_mapped_row (GTK_WIDGET (list)))
        first_rows = g_get_monotonic_time ();
      if (first_rows &&
          g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))) == recordings->len &&
          !gtk_revealer_get_reveal_child (child (page, "progress_revealer")))
        all_loaded = g_get_monotonic_time ();
      if (g_get_monotonic_time () - start > 120 * G_USEC_PER_SEC)
        g_error ("%s: not loaded after 120 s", mode);
    }

  /* Scrolling as the wheel or the keyboard does (a screenful per frame),
   * then as dragging the scroll bar does (through the whole list in 60
   * frames). */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  scroll_pass (window, adjustment, FALSE, &screen_median, &screen_max);
  gtk_adjustment_set_value (adjustment, 0);
  scroll_pass (window, adjustment, TRUE, &jump_median, &jump_max);

  printf ("mode=%s first_rows_ms=%.0f all_loaded_ms=%.0f scroll_screen_ms_median=%.1f "
          "scroll_screen_ms_max=%.1f scroll_jump_ms_median=%.1f scroll_jump_ms_max=%.1f "
          "peak_rss_mib=%.1f\n",
          mode, (first_rows - start) / 1000.0, (all_loaded - start) / 1000.0,
          screen_median, screen_max, jump_median, jump_max, peak_rss_kib () / 1024.0);
  fflush (stdout);

  gtk_window_destroy (window);
  {
    g_autoptr(GAsyncResult) deleted = NULL;

    bv_secret_store_delete_async (id, NULL, result_cb, &deleted);
    bv_secret_store_delete_finish (wait_for (&deleted), NULL);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autofree char *xml = NULL;
  g_autofree char *base = NULL;
  g_autofree char *dir = NULL;
  GSList *uris;

  if (argc < 2 || argc > 3 ||
      (argc == 3 && !g_str_equal (argv[2], "paged") && !g_str_equal (argv[2], "unpaged")))
    {
      g_printerr ("Usage: %s RECORDINGS.xml [paged|unpaged]\n", argv[0]);
      return 2;
    }

  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  gtk_init ();
  adw_init ();

  if (!g_file_get_contents (argv[1], &xml, NULL, &error))
    g_error ("%s", error->message);
  split_recordings (xml);
  g_clear_pointer (&xml, g_free);

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handler_cb, NULL, NULL);
  if (!soup_server_listen (server, address, 0, &error))
    g_error ("%s", error->message);
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  dir = g_dir_make_tmp ("bv-bench-recordings-XXXXXX", &error);
  if (!dir)
    g_error ("%s", error->message);

  printf ("recordings=%u\n", recordings->len);
  /* Peak RSS only grows: one mode per process measures it alone. */
  if (argc < 3 || g_str_equal (argv[2], "paged"))
    run ("paged", base, FALSE, dir);
  if (argc < 3 || g_str_equal (argv[2], "unpaged"))
    run ("unpaged", base, TRUE, dir);

  {
    const char *names[] = { "paged.db", "unpaged.db", NULL };

    for (guint i = 0; names[i]; i++)
      {
        g_autofree char *db = g_build_filename (dir, names[i], NULL);
        g_autofree char *wal = g_strconcat (db, "-wal", NULL);
        g_autofree char *shm = g_strconcat (db, "-shm", NULL);

        g_unlink (db);
        g_unlink (wal);
        g_unlink (shm);
      }
    g_rmdir (dir);
  }
  g_ptr_array_unref (recordings);
  return 0;
}
