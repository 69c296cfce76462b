/* test-help.c
 *
 * The help opens on a desktop without a help viewer: F1, the server
 * form's and the invite window's "?" open the HTML help's page in the web
 * browser (a stand-in registered for HTML files), in the user's language.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "bv-application.h"
#include "bv-context.h"
#include "bv-help.h"
#include "bv-invite-window.h"
#include "bv-server-dialog.h"
#include "bv-test-utils.h"

static BvApplication *app;
static char *opened_file;
static char *db_dir;

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* What the browser stand-in was given as its @n-th URI (from 1), after
 * exactly @n launches in all; and that the page is there to be read. */
static char *
assert_opened (guint       n,
               const char *lang,
               const char *page)
{
  g_auto(GStrv) opened = NULL;
  g_autofree char *expected_path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *file_name = g_strconcat (page, ".html", NULL);
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  bv_test_assert_exactly (bv_test_count_lines, opened_file, n);
  opened = bv_test_read_lines (opened_file);

  /* Built independently of the code under test: the folder meson builds. */
  expected_path = g_build_filename (g_getenv ("BBB_VEREINE_HELP_HTML_DIR"), lang, file_name, NULL);
  expected = g_filename_to_uri (expected_path, NULL, NULL);
  /* GIO hands a file:// URI to "%u" as the path when it can. */
  file = g_file_new_for_commandline_arg (opened[n - 1]);
  g_assert_cmpstr (uri = g_file_get_uri (file), ==, expected);
  g_assert_true (g_file_query_exists (file, NULL));
  return g_steal_pointer (&uri);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *action_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action_name) == 0)
        return child;
      if ((found = find_button (child, action_name)))
        return found;
    }
  return NULL;
}

static void
click_help (GtkWidget  *window,
            const char *action_name,
            const char *tooltip)
{
  GtkWidget *button = find_button (window, action_name);

  g_assert_nonnull (button);
  /* A "?" that says what it helps with. */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "?");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, tooltip);
  g_signal_emit_by_name (button, "clicked");
}

static void
test_f1_without_viewer (void)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  g_autoptr(GAppInfo) viewer = g_app_info_get_default_for_uri_scheme ("help");
  g_autofree char *uri = NULL;

  /* The situation of the bug: nothing handles help: URIs. */
  g_assert_null (viewer);
  g_assert_true (g_strv_contains ((const char * const *) accels, "F1"));

  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  uri = assert_opened (1, "C", "index");
}

static void
test_server_form (void)
{
  g_autofree char *path = g_build_filename (db_dir, "server-form.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) db = bv_database_open (path, &error);
  g_autoptr(BvContext) context = NULL;
  g_autofree char *uri = NULL;
  BvServerDialog *dialog;

  g_assert_no_error (error);
  context = bv_context_new (db);
  dialog = bv_server_dialog_new (NULL, context, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  bv_test_wait_until (widget_is_mapped, dialog);

  click_help (GTK_WIDGET (dialog), "server.help", "Help on Connecting a Server");
  uri = assert_opened (2, "C", "connect-server");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_invite_window (void)
{
  g_autofree char *path = g_build_filename (db_dir, "invite.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) db = bv_database_open (path, &error);
  g_autoptr(BvContext) context = NULL;
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);
  g_autofree char *uri = NULL;
  BvInviteWindow *window;

  g_assert_no_error (error);
  bv_meeting_set_title (meeting, "Vorstandssitzung");
  g_assert_true (bv_database_save_meeting (db, meeting, &error));
  g_assert_no_error (error);
  context = bv_context_new (db);
  window = bv_invite_window_new (NULL, context, NULL, meeting);
  gtk_window_present (GTK_WINDOW (window));
  bv_test_wait_until (widget_is_mapped, window);

  click_help (GTK_WIDGET (window), "invite.help", "Help on Inviting");
  uri = assert_opened (3, "C", "invite-people");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* In German, the German pages. */
static void
test_language (void)
{
  g_autofree char *uri = NULL;

  g_setenv ("LANGUAGE", "de", TRUE);
  bv_show_help_page (NULL, "members");
  uri = assert_opened (4, "de", "members");
  g_setenv ("LANGUAGE", "C", TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) mimeapps = g_key_file_new ();
  g_autofree char *mimeapps_path = NULL;
  g_autofree char *root = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);

  root = bv_test_isolate_dirs ("bv-test-help");
  db_dir = g_build_filename (root, "db", NULL);
  g_assert_no_errno (g_mkdir_with_parents (db_dir, 0700));
  /* The web browser: whatever opens HTML files. */
  opened_file = bv_test_install_stand_in ("browser", (const char *[]) { "text/html", NULL });
  /* A desktop without the help viewer, even where yelp is installed. */
  mimeapps_path = g_build_filename (g_get_user_config_dir (), "mimeapps.list", NULL);
  g_assert_true (g_key_file_load_from_file (mimeapps, mimeapps_path, G_KEY_FILE_NONE, &error));
  g_key_file_set_string (mimeapps, "Removed Associations", "x-scheme-handler/help",
                         "yelp.desktop;org.gnome.Yelp.desktop;");
  g_assert_true (g_key_file_save_to_file (mimeapps, mimeapps_path, &error));
  g_assert_no_error (error);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = bv_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  /* In this order: each counts the launches before it. */
  g_test_add_func ("/ui/help/f1-without-viewer", test_f1_without_viewer);
  g_test_add_func ("/ui/help/server-form", test_server_form);
  g_test_add_func ("/ui/help/invite-window", test_invite_window);
  g_test_add_func ("/ui/help/language", test_language);

  status = g_test_run ();

  g_clear_object (&app);
  g_free (opened_file);
  g_free (db_dir);
  bv_test_remove_tree (root);
  return status;
}
