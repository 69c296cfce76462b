/* test-live-page.c
 *
 * The Live page in a real window under Xvfb, with a real store, the real
 * (throw-away) keyring and the practice server on loopback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include "bv-bbb-client.h"
#include "bv-database.h"
#include "bv-live-page.h"
#include "bv-live-page-private.h"
#include "bv-meeting.h"
#include "bv-practice-server-private.h"
#include "bv-secret-store.h"
#include "bv-context.h"
#include "bv-test-utils.h"

#define SECRET "live-page-test-secret-0123456789abcdef"

static BvPracticeServer *practice;
static char             *data_dir;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static gpointer
child (gpointer    page,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (page), BV_TYPE_LIVE_PAGE, name);

  g_assert_nonnull (object);
  return object;
}

static guint
count_rows (GtkListBox *box)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (box, n))
    n++;
  return n;
}

typedef struct
{
  GtkWindow       *window;
  BvLivePage      *page;
  BvContext *manager;
  BvDatabase      *database;
  char            *server_id;
} Fixture;

static void
save_secret (const char *server_id,
             const char *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bv_secret_store_save_async (server_id, "Live page test", secret, NULL, result_cb, &result);
  bv_secret_store_save_finish (bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void fixture_open (Fixture *f, const char *name, const char *url);
static void fixture_show (Fixture *f);

/* A window with the page, a store of its own and one server at @url. */
static void
fixture_set_up (Fixture    *f,
                const char *name,
                const char *url)
{
  fixture_open (f, name, url);
  fixture_show (f);
}

static void
fixture_open (Fixture    *f,
              const char *name,
              const char *url)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.sqlite", data_dir, name);
  g_autoptr(BvServer) server = NULL;
  g_autoptr(GError) error = NULL;

  f->database = bv_database_open (path, &error);
  g_assert_no_error (error);
  f->server_id = bv_server_generate_id ();
  server = bv_server_new (f->server_id, name, url, "sha256");
  bv_server_set_connection_info (server, "sha256", "2.0", "2.7.0", FALSE,
                                 g_get_real_time () / G_USEC_PER_SEC);
  g_assert_true (bv_database_save_server (f->database, server, &error));
  g_assert_no_error (error);
  save_secret (f->server_id, SECRET);
  f->manager = bv_context_new (f->database);
}

static void
fixture_show (Fixture *f)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 700);
  f->page = g_object_new (BV_TYPE_LIVE_PAGE, NULL);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  bv_live_page_setup (f->page, f->manager, NULL);
  gtk_window_present (f->window);
  bv_test_wait_until (is_mapped, f->page);
}

static void
fixture_tear_down (Fixture *f)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->manager);
  g_clear_object (&f->database);
  g_free (f->server_id);
}

static BvBbbClient *
practice_client (void)
{
  return bv_bbb_client_new (bv_practice_server_get_api_url (practice), SECRET, BV_CHECKSUM_SHA256);
}

static gboolean
has_one_meeting (gpointer data)
{
  return count_rows (child (data, "meetings_list")) == 1;
}

static gboolean
has_two_attendees (gpointer data)
{
  return count_rows (child (data, "attendees_list")) == 2;
}

static gboolean
shows_empty (gpointer data)
{
  return count_rows (child (data, "meetings_list")) == 0 &&
         g_strcmp0 (gtk_stack_get_visible_child_name (child (data, "stack")), "empty") == 0;
}

static gboolean
shows_offline (gpointer data)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (child (data, "stack")), "offline") == 0;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_open (gpointer data)
{
  return find_message_dialog () != NULL;
}

static void
test_rooms_attendees_end (void)
{
  Fixture f = { 0 };
  g_autoptr(BvBbbClient) client = practice_client ();
  GtkListBox *list;
  AdwMessageDialog *dialog;
  g_autofree char *title = NULL;
  const char *label;

  fixture_set_up (&f, "Übungsserver", bv_practice_server_get_api_url (practice));
  /* Nothing runs yet. */
  bv_test_wait_until (shows_empty, f.page);
  g_assert_cmpstr (adw_status_page_get_title (child (f.page, "live_empty")), ==, "No Meeting Running");
  /* One server: no choice to make. */
  g_assert_false (gtk_widget_get_visible (child (f.page, "server_dropdown")));

  bv_test_create_room (client, "lp-board", "Vorstandssitzung");
  bv_test_enter_room (client, "lp-board", "Anna", "MODERATOR");
  bv_test_enter_room (client, "lp-board", "Bernd", "VIEWER");

  /* F5 inside the page. */
  gtk_widget_activate_action (GTK_WIDGET (f.page), "live.refresh", NULL);
  bv_test_wait_until (has_one_meeting, f.page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f.page, "stack")), ==, "list");
  list = child (f.page, "meetings_list");
  g_assert_cmpint (gtk_list_box_get_selection_mode (list), ==, GTK_SELECTION_SINGLE);

  /* Nothing selected, nothing to join or end. */
  g_assert_false (gtk_widget_get_sensitive (child (f.page, "end_button")));

  /* Selecting (mouse, keyboard and screen readers all select) shows the people. */
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 0));
  bv_test_wait_until (has_two_attendees, f.page);
  g_assert_cmpstr (gtk_label_get_text (child (f.page, "detail_title")), ==, "Vorstandssitzung");
  label = gtk_label_get_text (child (f.page, "detail_summary"));
  g_assert_nonnull (strstr (label, "2 participants"));
  g_assert_nonnull (strstr (label, "1 moderator"));
  g_assert_null (strstr (label, "· 0 "));
  g_assert_true (gtk_widget_get_sensitive (child (f.page, "end_button")));
  {
    GtkListBox *attendees = child (f.page, "attendees_list");
    AdwActionRow *first = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (attendees, 0));
    AdwActionRow *second = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (attendees, 1));

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "Anna");
    g_assert_cmpstr (adw_action_row_get_subtitle (first), ==, "Leads");
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (second)), ==, "Bernd");
    g_assert_cmpstr (adw_action_row_get_subtitle (second), ==, "Takes part");
  }

  /* End asks first, naming the meeting and how many are in it. */
  gtk_widget_activate_action (GTK_WIDGET (f.page), "live.end", NULL);
  bv_test_wait_until (dialog_open, NULL);
  dialog = find_message_dialog ();
  title = g_strdup (adw_message_dialog_get_heading (dialog));
  g_assert_nonnull (strstr (title, "Vorstandssitzung"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2 people"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "end"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");

  /* Cancel leaves it running. */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (count_rows (list), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (f.page), "live.end", NULL);
  bv_test_wait_until (dialog_open, NULL);
  dialog = find_message_dialog ();
  adw_message_dialog_response (dialog, "end");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The room is gone, from the server and the page. */
  bv_test_wait_until (shows_empty, f.page);
  g_assert_null (find_message_dialog ());

  fixture_tear_down (&f);
}

static void
test_unreachable_server (void)
{
  Fixture f = { 0 };
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  const char *description;

  /* A port nobody listens on: bound, then closed. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/bigbluebutton/api/",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_assert_true (g_socket_close (socket, &error));

  fixture_set_up (&f, "Vereinsserver", url);
  bv_test_wait_until (shows_offline, f.page);
  description = adw_status_page_get_description (child (f.page, "offline_page"));
  g_assert_nonnull (strstr (description, "Vereinsserver"));
  g_assert_nonnull (strstr (description, "cannot be reached"));

  /* Try Again asks again, and says the same. */
  gtk_widget_activate_action (GTK_WIDGET (f.page), "live.refresh", NULL);
  bv_test_wait_until (shows_offline, f.page);

  fixture_tear_down (&f);
}

/* A load balancer (Scalelite) that will not list its meetings: getMeetings
 * is refused, getMeetingInfo answers for one room only. */
typedef struct
{
  SoupServer *server;
  char       *api_url;
  char       *running_id;   /* the room getMeetingInfo says is running, or NULL */
  GPtrArray  *calls;        /* "getMeetings", "getMeetingInfo:ID" */
} Balancer;

static void
balancer_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Balancer *b = user_data;
  const char *call = strrchr (path, '/') + 1;
  const char *meeting_id = query ? g_hash_table_lookup (query, "meetingID") : NULL;
  g_autofree char *body = NULL;

  g_ptr_array_add (b->calls, meeting_id ? g_strdup_printf ("%s:%s", call, meeting_id) : g_strdup (call));
  if (g_str_equal (call, "getMeetingInfo") && meeting_id && g_strcmp0 (meeting_id, b->running_id) == 0)
    body = g_strdup_printf ("<response><returncode>SUCCESS</returncode><meetingName>Vorstandssitzung</meetingName>"
                            "<meetingID>%s</meetingID><createTime>1715261728123</createTime>"
                            "<running>true</running><hasBeenForciblyEnded>false</hasBeenForciblyEnded>"
                            "<startTime>1715261728142</startTime><participantCount>1</participantCount>"
                            "<moderatorCount>1</moderatorCount><attendees><attendee><userID>w_1</userID>"
                            "<fullName>Erika Musterfrau</fullName><role>MODERATOR</role><isPresenter>true</isPresenter>"
                            "</attendee></attendees><isBreakout>false</isBreakout></response>", meeting_id);
  else if (g_str_equal (call, "getMeetingInfo"))
    body = g_strdup ("<response><returncode>FAILED</returncode><messageKey>notFound</messageKey>"
                     "<message>We could not find a meeting with that meeting ID</message></response>");
  else
    body = g_strdup ("<response><returncode>FAILED</returncode><messageKey>unsupportedRequest</messageKey>"
                     "<message>This request is not supported.</message></response>");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/xml", SOUP_MEMORY_COPY, body, strlen (body));
}

static gboolean
asked_for (Balancer   *b,
           const char *call)
{
  for (guint i = 0; i < b->calls->len; i++)
    if (g_str_equal (g_ptr_array_index (b->calls, i), call))
      return TRUE;
  return FALSE;
}

static gboolean
updated_for_planned (gpointer data)
{
  return strstr (gtk_label_get_text (child (data, "updated_label")), "your meetings of today") != NULL;
}

static void
test_load_balancer (void)
{
  Fixture f = { 0 };
  Balancer b = { 0 };
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new_now (utc);
  g_autoptr(GDateTime) started = g_date_time_add_minutes (now, -1);
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *start_local = NULL;
  g_autofree char *info_call = NULL;
  GSList *uris;

  b.server = soup_server_new (NULL, NULL);
  b.calls = g_ptr_array_new_with_free_func (g_free);
  soup_server_add_handler (b.server, "/bigbluebutton/api", balancer_cb, &b, NULL);
  soup_server_listen (b.server, address, 0, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (b.server);
  b.api_url = g_strdup_printf ("http://127.0.0.1:%d/bigbluebutton/api/", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  /* One of our meetings is on today (in progress, so "today" at any hour). */
  fixture_open (&f, "Scalelite", b.api_url);
  start_local = g_date_time_format (started, "%Y-%m-%dT%H:%M:00");
  meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);
  bv_meeting_set_title (meeting, "Vorstandssitzung");
  bv_meeting_set_start (meeting, start_local, "Etc/UTC");
  bv_meeting_set_duration (meeting, 180);
  bv_meeting_set_server_id (meeting, f.server_id);
  g_assert_true (bv_database_save_meeting (f.database, meeting, &error));
  g_assert_no_error (error);
  b.running_id = g_strdup (bv_meeting_get_bbb_meeting_id (meeting));
  info_call = g_strdup_printf ("getMeetingInfo:%s", b.running_id);

  /* getMeetings is refused, so the page asks for our room and shows it,
   * saying the list is limited to our meetings of today. */
  fixture_show (&f);
  bv_test_wait_until (has_one_meeting, f.page);
  bv_test_wait_until (updated_for_planned, f.page);
  g_assert_true (asked_for (&b, "getMeetings"));
  g_assert_true (asked_for (&b, info_call));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (child (f.page, "updated_label"))),
                            "Rooms others started are missing"));

  /* The room ended: the empty state explains why others' rooms are absent. */
  g_clear_pointer (&b.running_id, g_free);
  gtk_widget_activate_action (GTK_WIDGET (f.page), "live.refresh", NULL);
  bv_test_wait_until (shows_empty, f.page);
  g_assert_nonnull (strstr (adw_status_page_get_description (child (f.page, "live_empty")),
                            "does not list other meetings"));

  fixture_tear_down (&f);
  soup_server_disconnect (b.server);
  g_object_unref (b.server);
  g_ptr_array_unref (b.calls);
  g_free (b.api_url);
}

static guint
count_get_meetings (gpointer unused)
{
  return bv_practice_server_count_calls (practice, "getMeetings");
}

static guint
count_get_meeting_info (gpointer unused)
{
  return bv_practice_server_count_calls (practice, "getMeetingInfo");
}

/* The list is asked every 30 s and the selected meeting every 10 s while
 * the page is on screen; once another page is shown, the timers are gone
 * and nothing is asked however much time passes; shown again, it asks at
 * once and goes on. */
static void
test_refresh_only_while_shown (void)
{
  g_autoptr(BvBbbClient) client = practice_client ();
  GtkStack *pages;
  GtkListBox *list;
  Fixture f = { 0 };

  bv_test_clock_reset ();
  bv_test_create_room (client, "lp-timer", "Kassenprüfung");
  bv_test_enter_room (client, "lp-timer", "Anna", "MODERATOR");

  /* The page among others, as in the window's view stack. */
  fixture_open (&f, "Zeitgeber", bv_practice_server_get_api_url (practice));
  f.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f.window, 1000, 700);
  pages = GTK_STACK (gtk_stack_new ());
  f.page = g_object_new (BV_TYPE_LIVE_PAGE, NULL);
  _bv_live_page_set_timer_func (f.page, bv_test_clock_add_timer);
  gtk_stack_add_named (pages, GTK_WIDGET (f.page), "live");
  gtk_stack_add_named (pages, gtk_label_new ("Anstehend"), "other");
  gtk_stack_set_visible_child_name (pages, "live");
  gtk_window_set_child (f.window, GTK_WIDGET (pages));
  bv_practice_server_reset_log (practice);
  bv_live_page_setup (f.page, f.manager, NULL);
  gtk_window_present (f.window);
  bv_test_wait_until (is_mapped, f.page);
  bv_test_wait_until (has_one_meeting, f.page);

  /* Shown: asked once, then every 30 s by the clock. */
  bv_test_assert_exactly (count_get_meetings, NULL, 1);
  g_assert_cmpuint (bv_test_clock_armed (), ==, 1);
  bv_test_clock_advance (29);
  bv_test_assert_exactly (count_get_meetings, NULL, 1);
  bv_test_clock_advance (1);
  bv_test_assert_exactly (count_get_meetings, NULL, 2);

  /* A selected meeting's people every 10 s as well (at first from the
   * list's answer). */
  list = child (f.page, "meetings_list");
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpuint (bv_test_clock_armed (), ==, 2);
  bv_test_clock_advance (9);
  bv_test_assert_exactly (count_get_meeting_info, NULL, 0);
  bv_test_clock_advance (1);
  bv_test_assert_exactly (count_get_meeting_info, NULL, 1);

  /* Another page shown: no timer left, nothing asked for two minutes. */
  gtk_stack_set_visible_child_name (pages, "other");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (f.page)));
  g_assert_cmpuint (bv_test_clock_armed (), ==, 0);
  bv_practice_server_reset_log (practice);
  bv_test_clock_advance (120);
  bv_test_assert_exactly (bv_test_count_requests, practice, 0);

  /* Back: asked at once, and the clock drives it again. */
  gtk_stack_set_visible_child_name (pages, "live");
  bv_test_wait_until (is_mapped, f.page);
  bv_test_assert_exactly (count_get_meetings, NULL, 1);
  g_assert_cmpuint (bv_test_clock_armed (), ==, 2);
  bv_test_clock_advance (30);
  bv_test_assert_exactly (count_get_meetings, NULL, 2);

  fixture_tear_down (&f);
  g_assert_cmpuint (bv_test_clock_armed (), ==, 0);
  bv_test_clock_reset ();
}

static gboolean
has_answer (gpointer data)
{
  const char *name = gtk_stack_get_visible_child_name (child (data, "stack"));

  return g_strcmp0 (name, "list") == 0 || g_strcmp0 (name, "empty") == 0;
}

/* The row titled @name, if any. */
static GtkListBoxRow *
find_meeting_row (gpointer    page,
                  const char *name)
{
  GtkListBox *list = child (page, "meetings_list");
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)); i++)
    {
      GtkWidget *box = gtk_list_box_row_get_child (row);
      GtkWidget *title = gtk_widget_get_first_child (box);

      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (title)), name) == 0)
        return row;
    }
  return NULL;
}

static gboolean
shows_moved_room (gpointer data)
{
  return find_meeting_row (data, "Umgezogen") != NULL && count_rows (child (data, "meetings_list")) == 1;
}

static guint
count_get_meetings_on (gpointer server)
{
  return bv_practice_server_count_calls (server, "getMeetings");
}

/* The server's address is edited while Live is open: the next request
 * goes to the new address, never again to the old one (the manager
 * rebuilds the server's client). */
static void
test_edited_address (void)
{
  g_autoptr(BvPracticeServer) moved = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(BvServer) edited = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbClient) client = NULL;
  Fixture f = { 0 };

  moved = bv_practice_server_new (SECRET);
  g_assert_true (bv_practice_server_start (moved, &error));
  client = bv_bbb_client_new (bv_practice_server_get_api_url (moved), SECRET, BV_CHECKSUM_SHA256);
  bv_test_create_room (client, "lp-moved", "Umgezogen");
  bv_test_enter_room (client, "lp-moved", "Anna", "MODERATOR");

  fixture_set_up (&f, "Umzug", bv_practice_server_get_api_url (practice));
  bv_test_wait_until (has_answer, f.page);
  g_assert_null (find_meeting_row (f.page, "Umgezogen"));
  g_assert_cmpuint (count_get_meetings_on (moved), ==, 0);

  server = bv_context_find_server (f.manager, f.server_id);
  bv_context_save_async (f.manager, server, "Umzug", bv_practice_server_get_api_url (moved),
                         "sha256", "", NULL, result_cb, &result);
  edited = bv_context_save_finish (f.manager, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);

  bv_practice_server_reset_log (practice);
  bv_practice_server_reset_log (moved);
  bv_live_page_refresh (f.page);
  bv_test_wait_until (shows_moved_room, f.page);
  bv_test_assert_exactly (count_get_meetings_on, moved, 1);
  bv_test_assert_exactly (bv_test_count_requests, practice, 0);

  fixture_tear_down (&f);
}


int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);

  data_dir = g_dir_make_tmp ("bv-test-live-page-XXXXXX", &error);
  g_assert_no_error (error);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  practice = bv_practice_server_new (SECRET);
  g_assert_true (bv_practice_server_start (practice, &error));
  g_assert_no_error (error);

  g_test_add_func ("/ui/live-page/rooms-attendees-end", test_rooms_attendees_end);
  g_test_add_func ("/ui/live-page/unreachable-server", test_unreachable_server);
  g_test_add_func ("/ui/live-page/load-balancer", test_load_balancer);
  g_test_add_func ("/ui/live-page/refresh-only-while-shown", test_refresh_only_while_shown);
  g_test_add_func ("/ui/live-page/edited-address", test_edited_address);

  status = g_test_run ();

  g_clear_object (&practice);
  return status;
}
