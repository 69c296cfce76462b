/* test-recordings-page.c
 *
 * The Aufzeichnungen page in a real GTK window (Xvfb), on a real SQLite
 * file, with the practice server's sample recordings over loopback HTTP
 * and the secrets in the real keyring: rows, search, meeting filter,
 * publish, play (a stand-in browser), delete with its question, and a
 * server that is down.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "bv-practice-server-private.h"
#include "bv-recordings-page.h"
#include "bv-secret-store.h"
#include "bv-test-utils.h"

#define SECRET "recordings-page-test-secret-0123456789"

static BvPracticeServer *practice;
static char *dir;
static char *opened_path;  /* what the stand-in browser was asked to open */

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gpointer
child (gpointer    page,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (page), BV_TYPE_RECORDINGS_PAGE, name);

  g_assert_nonnull (object);
  return object;
}

static BvServer *
add_server (BvDatabase *db,
            const char *name,
            const char *url)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = bv_server_generate_id ();
  BvServer *server = bv_server_new (id, name, url, "sha256");

  /* As the connection test found it: a BigBlueButton that pages. */
  bv_server_set_connection_info (server, "sha256", "2.0", "3.0.19", FALSE,
                                 g_get_real_time () / G_USEC_PER_SEC);
  g_assert_true (bv_database_save_server (db, server, &error));
  g_assert_no_error (error);
  bv_secret_store_save_async (id, name, SECRET, NULL, result_cb, &result);
  bv_secret_store_save_finish (bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  return server;
}

/* conditions */

typedef struct
{
  BvRecordingsPage *page;
  guint             count;
  const char       *text;
  GtkWidget        *found;
} Wait;

static guint
shown_count (BvRecordingsPage *page)
{
  GtkListView *list = child (page, "list_view");

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
}

static const char *
stack_page (BvRecordingsPage *page)
{
  return gtk_stack_get_visible_child_name (child (page, "stack"));
}

static gboolean
count_is (gpointer data)
{
  Wait *wait = data;

  return g_str_equal (stack_page (wait->page), "list") && shown_count (wait->page) == wait->count;
}

static gboolean
stack_is (gpointer data)
{
  Wait *wait = data;

  return g_str_equal (stack_page (wait->page), wait->text);
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found = find_label (w, text);

      if (found)
        return found;
    }
  return NULL;
}

static gboolean
row_shown (gpointer data)
{
  Wait *wait = data;

  wait->found = find_label (child (wait->page, "list_view"), wait->text);
  return wait->found != NULL;
}

static gboolean
row_gone (gpointer data)
{
  return !row_shown (data);
}

/* The row's buttons: play, publish, delete (after the spinner); NULL
 * while the row is not on screen. */
static GtkButton *
find_row_button (BvRecordingsPage *page,
                 const char       *title,
                 guint             index)
{
  GtkWidget *label = find_label (child (page, "list_view"), title);
  GtkWidget *box, *w;

  if (!label)
    return NULL;
  box = gtk_widget_get_parent (gtk_widget_get_parent (label));
  w = gtk_widget_get_first_child (gtk_widget_get_last_child (box));
  for (guint i = 0; i <= index && w; i++)
    w = gtk_widget_get_next_sibling (w);
  return GTK_IS_BUTTON (w) ? GTK_BUTTON (w) : NULL;
}

static GtkButton *
row_button (BvRecordingsPage *page,
            const char       *title,
            guint             index)
{
  Wait wait = { page, 0, title, NULL };
  GtkButton *button;

  bv_test_wait_until (row_shown, &wait);
  button = find_row_button (page, title, index);
  g_assert_nonnull (button);
  return button;
}

static GtkLabel *
row_state (BvRecordingsPage *page,
           const char       *title)
{
  Wait wait = { page, 0, title, NULL };

  bv_test_wait_until (row_shown, &wait);
  return GTK_LABEL (gtk_widget_get_last_child (gtk_widget_get_parent (wait.found)));
}

/* The list may build the row anew when its item changes. */
typedef struct
{
  BvRecordingsPage *page;
  const char       *title;
  const char       *label;
} ButtonWait;

static gboolean
button_label_is (gpointer data)
{
  ButtonWait *wait = data;
  GtkButton *button = find_row_button (wait->page, wait->title, 1);

  return button && g_strcmp0 (gtk_button_get_label (button), wait->label) == 0 &&
         gtk_widget_get_sensitive (GTK_WIDGET (button));
}

static AdwMessageDialog *
visible_dialog (void)
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
  return visible_dialog () != NULL;
}

static gboolean
dialog_closed (gpointer data)
{
  return visible_dialog () == NULL;
}

/* What a click on a response button does: respond, then close. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found = find_button (w, label);

      if (found)
        return found;
    }
  return NULL;
}

static void
click_response (AdwMessageDialog *dialog,
                const char       *label)
{
  GtkWidget *button = find_button (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static void
set_search (BvRecordingsPage *page,
            const char       *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (page, "search_entry")), text);
  /* GtkSearchEntry waits a little before it says the text changed. */
  g_signal_emit_by_name (child (page, "search_entry"), "search-changed");
}

static gboolean
requested (gpointer data)
{
  return bv_practice_server_get_request_count (practice) > 0;
}

/* A plain GET, as the browser would make it. */
static char *
http_get (const char *url,
          guint      *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, result_cb, &result);
  body = soup_session_send_and_read_finish (session, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* Play: the browser gets exactly one URL, and it plays that recording. */
static void
play (BvRecordingsPage *page,
      const char       *title)
{
  g_autofree char *expected = g_strdup_printf ("Aufzeichnung „%s“", title);
  g_autofree char *body = NULL;
  g_auto(GStrv) urls = NULL;
  guint status = 0;

  g_assert_true (g_unlink (opened_path) == 0 || !g_file_test (opened_path, G_FILE_TEST_EXISTS));
  g_signal_emit_by_name (row_button (page, title, 0), "clicked");
  bv_test_assert_exactly (bv_test_count_lines, opened_path, 1);
  urls = bv_test_read_lines (opened_path);
  g_test_message ("played %s", urls[0]);
  g_assert_true (g_str_has_prefix (urls[0], "http://127.0.0.1:"));
  body = http_get (urls[0], &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (body, expected));
}

static void
test_rows_search_publish_delete (void)
{
  g_autofree char *path = g_build_filename (dir, "recordings.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) db = NULL;
  g_autoptr(BvContext) manager = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(BvServer) down = NULL;
  BvRecordingsPage *page;
  GtkWindow *window;
  GtkDropDown *meetings;
  GtkDropDown *servers;
  AdwMessageDialog *dialog;
  GtkButton *publish;
  Wait wait = { NULL, 0, NULL, NULL };
  ButtonWait button_wait;
  guint index = G_MAXUINT;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  server = add_server (db, "Vereinsserver", bv_practice_server_get_api_url (practice));
  /* Port 1 on loopback: connection refused. */
  down = add_server (db, "Zweitserver", "http://127.0.0.1:1/bigbluebutton/api/");
  manager = bv_context_new (db);

  window = GTK_WINDOW (gtk_window_new ());
  page = g_object_new (BV_TYPE_RECORDINGS_PAGE, NULL);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_set_default_size (window, 900, 700);

  /* Nothing is asked before the page is shown. */
  bv_practice_server_reset_log (practice);
  bv_recordings_page_setup (page, manager, NULL);
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, 0);

  gtk_window_present (window);
  wait.page = page;
  wait.count = 3;
  bv_test_wait_until (count_is, &wait);
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, 1);

  /* Two servers: the first is shown, and there is a choice. */
  servers = child (page, "server_dropdown");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (servers)));
  g_assert_cmpuint (gtk_drop_down_get_selected (servers), ==, 0);

  wait.text = "Mitgliederversammlung 2024";
  bv_test_wait_until (row_shown, &wait);
  g_assert_nonnull (strstr (gtk_label_get_text (row_state (page, "Mitgliederversammlung 2024")), "Not published"));
  g_assert_nonnull (strstr (gtk_label_get_text (row_state (page, "Mitgliederversammlung 2024")), "Presentation"));

  /* Search, by any part of the name, whatever the case. */
  set_search (page, "rückenFIT");
  wait.count = 1;
  bv_test_wait_until (count_is, &wait);
  set_search (page, "Jahreshauptversammlung");
  wait.text = "no-matches";
  bv_test_wait_until (stack_is, &wait);
  set_search (page, "");
  wait.count = 3;
  bv_test_wait_until (count_is, &wait);

  /* Filter by meeting: "All meetings" and one entry per meeting. */
  meetings = child (page, "meeting_dropdown");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (meetings)), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GtkStringObject) name = g_list_model_get_item (gtk_drop_down_get_model (meetings), i);

      if (g_str_equal (gtk_string_object_get_string (name), "Vorstandssitzung im Frühjahr"))
        index = i;
    }
  g_assert_cmpuint (index, <, 4);
  gtk_drop_down_set_selected (meetings, index);
  wait.count = 1;
  bv_test_wait_until (count_is, &wait);
  wait.text = "Vorstandssitzung im Frühjahr";
  bv_test_wait_until (row_shown, &wait);
  gtk_drop_down_set_selected (meetings, 0);
  wait.count = 3;
  bv_test_wait_until (count_is, &wait);

  /* Publish toggles the state, and back. */
  publish = row_button (page, "Mitgliederversammlung 2024", 1);
  g_assert_cmpstr (gtk_button_get_label (publish), ==, "Publish");
  g_signal_emit_by_name (publish, "clicked");
  button_wait.page = page;
  button_wait.title = "Mitgliederversammlung 2024";
  button_wait.label = "Unpublish";
  bv_test_wait_until (button_label_is, &button_wait);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (row_state (page, "Mitgliederversammlung 2024")), "Published"));
  g_signal_emit_by_name (row_button (page, "Mitgliederversammlung 2024", 1), "clicked");
  button_wait.label = "Publish";
  bv_test_wait_until (button_label_is, &button_wait);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (row_state (page, "Mitgliederversammlung 2024")), "Not published"));

  /* Playing a published recording opens its playback page. */
  play (page, "Vorstandssitzung im Frühjahr");

  /* Delete asks first, naming the recording; Cancel keeps it. */
  g_signal_emit_by_name (row_button (page, "Kurs Rückenfit – Woche 3", 2), "clicked");
  bv_test_wait_until (dialog_open, NULL);
  dialog = visible_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete “Kurs Rückenfit – Woche 3”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "cannot be undone"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  click_response (dialog, "_Cancel");
  bv_test_wait_until (dialog_closed, NULL);
  wait.count = 3;
  bv_test_wait_until (count_is, &wait);

  g_signal_emit_by_name (row_button (page, "Kurs Rückenfit – Woche 3", 2), "clicked");
  bv_test_wait_until (dialog_open, NULL);
  click_response (visible_dialog (), "_Delete");
  bv_test_wait_until (dialog_closed, NULL);
  wait.count = 2;
  bv_test_wait_until (count_is, &wait);
  wait.text = "Kurs Rückenfit – Woche 3";
  bv_test_wait_until (row_gone, &wait);

  /* Another server that is down: the error says what to do, and Try
   * Again asks again. */
  bv_practice_server_reset_log (practice);
  gtk_drop_down_set_selected (servers, 1);
  wait.text = "error";
  bv_test_wait_until (stack_is, &wait);
  g_assert_cmpuint (strlen (adw_status_page_get_description (child (page, "error_page"))), >, 40);
  gtk_widget_activate_action (GTK_WIDGET (page), "recordings.retry", NULL);
  bv_test_wait_until (stack_is, &wait);
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, 0);

  /* Back to the first: what the server has now. */
  gtk_drop_down_set_selected (servers, 0);
  wait.count = 2;
  bv_test_wait_until (count_is, &wait);

  /* Refresh asks the server again and shows what it has. */
  bv_practice_server_reset_log (practice);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "recordings.refresh", NULL));
  bv_test_wait_until (requested, NULL);
  wait.count = 2;
  bv_test_wait_until (count_is, &wait);

  gtk_window_destroy (window);
}

/* A server that names a file: URL as a recording's playback. */
static const char hostile_recordings[] =
  "<response><returncode>SUCCESS</returncode><recordings><recording>"
  "<recordID>fremd-1</recordID><meetingID>fremd</meetingID><internalMeetingID>fremd-1</internalMeetingID>"
  "<name>Fremde Aufzeichnung</name><isBreakout>false</isBreakout><published>true</published>"
  "<state>published</state><startTime>1715000000000</startTime><endTime>1715003600000</endTime>"
  "<participants>3</participants><metadata><meetingName>Fremde Aufzeichnung</meetingName></metadata>"
  "<playback><format><type>presentation</type><url>file:///etc/passwd</url><length>60</length>"
  "</format></playback></recording></recordings></response>";

static void
hostile_handler_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  const char *body = g_str_has_suffix (path, "/getRecordings") ? hostile_recordings
                                                               : "<response><returncode>SUCCESS</returncode>"
                                                                 "<version>2.0</version></response>";

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/xml", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
test_hostile_playback (void)
{
  g_autofree char *path = g_build_filename (dir, "hostile.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) db = NULL;
  g_autoptr(BvContext) manager = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(SoupServer) hostile = soup_server_new (NULL, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autofree char *url = NULL;
  AdwMessageDialog *dialog;
  BvRecordingsPage *page;
  GtkWindow *window;
  GSList *uris;
  Wait wait = { NULL, 0, NULL, NULL };

  soup_server_add_handler (hostile, "/bigbluebutton/api", hostile_handler_cb, NULL, NULL);
  g_assert_true (soup_server_listen (hostile, address, 0, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (hostile);
  url = g_strdup_printf ("http://127.0.0.1:%d/bigbluebutton/api/", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  server = add_server (db, "Fremder Server", url);
  manager = bv_context_new (db);

  window = GTK_WINDOW (gtk_window_new ());
  page = g_object_new (BV_TYPE_RECORDINGS_PAGE, NULL);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_set_default_size (window, 900, 700);
  bv_recordings_page_setup (page, manager, NULL);
  gtk_window_present (window);

  wait.page = page;
  wait.text = "Fremde Aufzeichnung";
  bv_test_wait_until (row_shown, &wait);
  g_signal_emit_by_name (row_button (page, "Fremde Aufzeichnung", 0), "clicked");

  /* Refused before anything is launched, saying why. */
  bv_test_wait_until (dialog_open, NULL);
  dialog = visible_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Play the Recording");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "https://"));
  click_response (dialog, "_Close");
  bv_test_wait_until (dialog_closed, NULL);

  gtk_window_destroy (window);
  soup_server_disconnect (hostile);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = bv_test_isolate_dirs ("bv-test-recordings-page");
  int status;

  /* English source strings, whatever the machine's language. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  dir = g_dir_make_tmp ("bv-test-recordings-XXXXXX", &error);
  g_assert_no_error (error);
  practice = bv_test_practice_server_new (SECRET);
  opened_path = bv_test_install_stand_in ("browser", (const char *[]) {
                                            "x-scheme-handler/http", "x-scheme-handler/https", NULL });

  g_test_add_func ("/ui/recordings-page/rows-search-publish-delete", test_rows_search_publish_delete);
  g_test_add_func ("/ui/recordings-page/hostile-playback", test_hostile_playback);

  status = g_test_run ();

  g_clear_object (&practice);
  {
    g_autofree char *db = g_build_filename (dir, "recordings.db", NULL);
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (db);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  g_free (opened_path);
  if (root)
    bv_test_remove_tree (root);
  return status;
}
