/* test-names-dialog.c
 *
 * Her own name and the club's: the welcome page asks for both (stored in
 * GSettings as typed), and where one is needed but empty a dialog asks
 * before going on: joining without her name, inviting without the club's.
 * "Later" goes on without it and is not asked again in the session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <adwaita.h>

#include "bv-application.h"
#include "bv-context.h"
#include "bv-invite-window.h"
#include "bv-practice-server.h"
#include "bv-secret-store.h"
#include "bv-test-utils.h"
#include "bv-upcoming-page.h"
#include "bv-window.h"

#define SECRET "names-test-secret-0123456789abcdef"

static BvApplication *app;
static BvPracticeServer *practice;
static char *browser_log;
static char *db_dir;

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gpointer
visible_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static gboolean
message_dialog_open (gpointer data)
{
  return visible_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
message_dialog_gone (gpointer data)
{
  return visible_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

static gboolean
invite_window_open (gpointer data)
{
  return visible_toplevel (BV_TYPE_INVITE_WINDOW) != NULL;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type,
             const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type)
          && (!css_class || gtk_widget_has_css_class (child, css_class))
          && gtk_widget_get_mapped (child) && gtk_widget_get_sensitive (child))
        return child;
      if ((found = find_widget (child, type, css_class)))
        return found;
    }
  return NULL;
}

/* The row's Beitreten, once shown and not busy with a join. */
static gboolean
join_shown (gpointer data)
{
  return find_widget (data, GTK_TYPE_BUTTON, "suggested-action") != NULL;
}

static void
click_join (BvUpcomingPage *page)
{
  bv_test_wait_until (join_shown, page);
  g_signal_emit_by_name (find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, "suggested-action"), "clicked");
}

/* Answers the open dialog, after checking its heading, with @text typed
 * into its (first) row. */
static void
answer_dialog (const char *heading,
               const char *text,
               const char *response)
{
  AdwMessageDialog *dialog;

  bv_test_wait_until (message_dialog_open, NULL);
  dialog = visible_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  if (text)
    gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL)), text);
  /* As a click on the button does: the response, then closing. */
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  bv_test_wait_until (message_dialog_gone, NULL);
}

/* The fullName of the @n-th join URL the browser was given (from 1). */
static char *
joined_as (guint n)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GError) error = NULL;

  bv_test_assert_exactly (bv_test_count_lines, browser_log, n);
  lines = bv_test_read_lines (browser_log);
  uri = g_uri_parse (lines[n - 1], G_URI_FLAGS_ENCODED_QUERY, &error);
  g_assert_no_error (error);
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_WWW_FORM, &error);
  g_assert_no_error (error);
  return g_strdup (g_hash_table_lookup (params, "fullName"));
}

static void
test_welcome_asks (void)
{
  GSettings *settings = bv_application_get_settings (app);
  BvWindow *window = bv_window_new (app);
  GtkWidget *name_row, *club_row;

  gtk_window_present (GTK_WINDOW (window));
  bv_test_wait_until (widget_is_mapped, window);
  name_row = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (window), BV_TYPE_WINDOW, "welcome_name_row");
  club_row = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (window), BV_TYPE_WINDOW, "welcome_club_row");
  /* On the welcome page, where the first start begins. */
  g_assert_true (gtk_widget_get_mapped (name_row));
  g_assert_true (gtk_widget_get_mapped (club_row));

  gtk_editable_set_text (GTK_EDITABLE (name_row), "Brigitte Schäfer");
  gtk_editable_set_text (GTK_EDITABLE (club_row), "TSV Musterstadt");
  {
    g_autofree char *name = g_settings_get_string (settings, "display-name");
    g_autofree char *club = g_settings_get_string (settings, "club-name");

    g_assert_cmpstr (name, ==, "Brigitte Schäfer");
    g_assert_cmpstr (club, ==, "TSV Musterstadt");
  }

  /* Skipped: nothing typed, nothing stored. */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (club_row), "");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_join_asks_for_name (void)
{
  g_autofree char *id = bv_server_generate_id ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  BvContext *context = bv_application_get_context (app);
  BvDatabase *db = bv_context_get_database (context);
  g_autoptr(BvServer) server = NULL;
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) started = g_date_time_add_minutes (now, -1);
  g_autofree char *start = g_date_time_format (started, "%Y-%m-%dT%H:%M:00");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  GSettings *settings = bv_application_get_settings (app);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  BvUpcomingPage *page;

  /* The page asks app.join-meeting, so it lives in a window of the app,
   * and the meeting in the app's own store. */
  gtk_window_set_application (window, GTK_APPLICATION (app));
  server = bv_server_new (id, "Vereinsserver", bv_practice_server_get_api_url (practice), "sha256");
  g_assert_true (bv_database_save_server (db, server, &error));
  g_assert_no_error (error);
  bv_secret_store_save_async (id, "Vereinsserver", SECRET, NULL, bv_test_result_cb, &result);
  bv_secret_store_save_finish (bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  bv_meeting_set_title (meeting, "Vorstandssitzung");
  bv_meeting_set_start (meeting, start, "Etc/UTC");
  bv_meeting_set_server_id (meeting, id);
  g_assert_true (bv_database_save_meeting (db, meeting, &error));
  g_assert_no_error (error);

  g_settings_set_string (settings, "display-name", "");
  page = g_object_new (BV_TYPE_UPCOMING_PAGE, NULL);
  gtk_window_set_child (window, GTK_WIDGET (page));
  bv_upcoming_page_setup (page, context, settings);
  gtk_window_present (window);
  bv_test_wait_until (widget_is_mapped, page);

  /* Without her name: asked first; what she types is stored and used. */
  click_join (page);
  answer_dialog ("What Is Your Name?", "  Brigitte Schäfer ", "save");
  first = joined_as (1);
  g_assert_cmpstr (first, ==, "Brigitte Schäfer");
  {
    g_autofree char *stored = g_settings_get_string (settings, "display-name");

    g_assert_cmpstr (stored, ==, "Brigitte Schäfer");
  }

  /* With the name, no question. */
  click_join (page);
  second = joined_as (2);
  g_assert_cmpstr (second, ==, "Brigitte Schäfer");
  g_assert_null (visible_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* "Later": joins with the computer account's name, and the question
   * does not come back in this session. */
  g_settings_set_string (settings, "display-name", "");
  click_join (page);
  answer_dialog ("What Is Your Name?", NULL, "skip");
  third = joined_as (3);
  g_assert_cmpstr (third, !=, "Brigitte Schäfer");
  g_assert_cmpstr (third, !=, "");
  click_join (page);
  {
    g_autofree char *fourth = joined_as (4);

    g_assert_cmpstr (fourth, ==, third);
  }
  g_assert_null (visible_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  gtk_window_destroy (window);
}

static void
test_invite_asks_for_club (void)
{
  GSettings *settings = bv_application_get_settings (app);
  BvContext *context = bv_application_get_context (app);
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);
  g_autoptr(GError) error = NULL;
  BvWindow *window = bv_window_new (app);

  bv_meeting_set_title (meeting, "Vorstandssitzung");
  g_assert_true (bv_database_save_meeting (bv_context_get_database (context), meeting, &error));
  g_assert_no_error (error);
  g_settings_set_string (settings, "club-name", "");
  gtk_window_present (GTK_WINDOW (window));
  bv_test_wait_until (widget_is_mapped, window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.invite-meeting", "s",
                                             bv_meeting_get_id (meeting)));
  /* Asked before the invitations are made; then the window opens. */
  g_assert_null (visible_toplevel (BV_TYPE_INVITE_WINDOW));
  answer_dialog ("What Is Your Club Called?", "TSV Musterstadt", "save");
  bv_test_wait_until (invite_window_open, NULL);
  {
    g_autofree char *club = g_settings_get_string (settings, "club-name");

    g_assert_cmpstr (club, ==, "TSV Musterstadt");
  }
  gtk_window_destroy (GTK_WINDOW (visible_toplevel (BV_TYPE_INVITE_WINDOW)));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);

  root = bv_test_isolate_dirs ("bv-test-names");
  db_dir = g_build_filename (root, "db", NULL);
  g_assert_no_errno (g_mkdir_with_parents (db_dir, 0700));
  browser_log = bv_test_install_stand_in ("browser", (const char *[]) { "x-scheme-handler/http",
                                                                        "x-scheme-handler/https", NULL });

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  practice = bv_test_practice_server_new (SECRET);
  app = bv_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/ui/names-dialog/welcome-asks", test_welcome_asks);
  g_test_add_func ("/ui/names-dialog/join-asks-for-name", test_join_asks_for_name);
  g_test_add_func ("/ui/names-dialog/invite-asks-for-club", test_invite_asks_for_club);

  status = g_test_run ();

  g_clear_object (&app);
  g_clear_object (&practice);
  g_free (browser_log);
  g_free (db_dir);
  bv_test_remove_tree (root);
  return status;
}
