/* test-window.c
 *
 * The main window (ui/bv-window) under Xvfb, in the real application with
 * the real store and keyring of the test session: one scenario from the
 * welcome page through what the window opens (the server dialog, the
 * preferences, the editor, the file chooser, help).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "bv-application.h"
#include "bv-practice-server-private.h"
#include "bv-invitation.h"
#include "bv-preferences-window.h"
#include "bv-server-dialog.h"
#include "bv-live-page.h"
#include "bv-meeting-editor.h"
#include "bv-members-page.h"
#include "bv-recordings-page.h"
#include "bv-upcoming-page.h"
#include "bv-window.h"
#include "bv-test-utils.h"

#define PRACTICE_SECRET "0123456789abcdef"

static BvApplication *app;
static BvPracticeServer *practice;
static char *opened_file;
static char *browser_file;

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static BvWindow *
main_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (BV_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gpointer
find_window (GType type)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return l->data;

  /* Transient dialogs need not be registered with the application. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

        if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
          return window;
      }
  }
  return NULL;
}

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

static void
test_window_opens_on_welcome (void)
{
  BvWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = main_window ();
  g_assert_nonnull (window);
  bv_test_wait_until (widget_is_mapped, window);

  /* A fresh installation has no server yet. */
  g_assert_cmpstr (bv_window_get_mode (window), ==, "welcome");
  g_assert_cmpstr (adw_status_page_get_title (child (window, BV_TYPE_WINDOW, "welcome_page")),
                   ==, "Welcome to BBB für Vereine");
  g_assert_true (gtk_widget_get_mapped (child (window, BV_TYPE_WINDOW, "connect_button")));
}

static gboolean
server_dialog_open (gpointer data)
{
  return find_window (BV_TYPE_SERVER_DIALOG) != NULL;
}

static gboolean
window_is_main (gpointer data)
{
  return g_strcmp0 (bv_window_get_mode (main_window ()), "main") == 0;
}

static gboolean
save_enabled (BvServerDialog *dialog)
{
  GtkWidget *button = child (dialog, BV_TYPE_SERVER_DIALOG, "save_button");

  return gtk_widget_get_sensitive (button);
}

static void
type_into (gpointer    row,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_main_context_iteration (NULL, FALSE);
}

/* A test or save has finished when the form is no longer busy. */
static gboolean
status_settled (gpointer data)
{
  GtkWidget *spinner = child (data, BV_TYPE_SERVER_DIALOG, "spinner");

  return !gtk_widget_get_visible (spinner);
}

static void
test_server_form_validates_and_saves (void)
{
  BvWindow *window = main_window ();
  BvServerDialog *dialog;
  GtkWidget *url_row;
  GtkLabel *status;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-server", NULL);
  bv_test_wait_until (server_dialog_open, NULL);
  dialog = find_window (BV_TYPE_SERVER_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Add Server");

  url_row = child (dialog, BV_TYPE_SERVER_DIALOG, "url_row");
  status = child (dialog, BV_TYPE_SERVER_DIALOG, "status_label");

  /* An empty form cannot be saved but does not shout at the user either;
   * it says why the buttons are grey. */
  g_assert_false (save_enabled (dialog));
  g_assert_false (gtk_widget_has_css_class (url_row, "error"));
  g_assert_cmpstr (gtk_label_get_text (status), ==,
                   "Give the server a name that you will recognise, for example the name of your provider.");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (status), "error"));
  /* The algorithm and the bbb-conf hint wait under "Advanced". */
  g_assert_true (gtk_widget_get_ancestor (GTK_WIDGET (child (dialog, BV_TYPE_SERVER_DIALOG, "checksum_row")),
                                          ADW_TYPE_EXPANDER_ROW) ==
                 GTK_WIDGET (child (dialog, BV_TYPE_SERVER_DIALOG, "advanced_row")));
  g_assert_false (adw_expander_row_get_expanded (child (dialog, BV_TYPE_SERVER_DIALOG, "advanced_row")));

  type_into (child (dialog, BV_TYPE_SERVER_DIALOG, "name_row"), "Vereinsserver");
  type_into (url_row, "http://bbb.example.org/bigbluebutton/");
  g_assert_false (save_enabled (dialog));
  g_assert_true (gtk_widget_has_css_class (url_row, "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (status), "https://"));

  /* Pasting what bbb-conf --secret prints fills both fields. */
  {
    g_autofree char *pasted = g_strdup_printf ("URL: %s Secret: %s",
                                               bv_practice_server_get_api_url (practice),
                                               "not-the-secret");

    type_into (url_row, pasted);
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==,
                   bv_practice_server_get_api_url (practice));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, BV_TYPE_SERVER_DIALOG, "secret_row"))),
                   ==, "not-the-secret");
  g_assert_false (gtk_widget_has_css_class (url_row, "error"));
  g_assert_true (save_enabled (dialog));
  g_assert_nonnull (strstr (gtk_label_get_text (status), bv_practice_server_get_api_url (practice)));

  /* A wrong secret: the test says so, and saving is refused. The message
   * says what to do here, in the form, not "in the server settings". */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "server.test", NULL);
  bv_test_wait_until (status_settled, dialog);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (status), "error"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (status),
                                   "The server does not accept the shared secret. Enter it again above"));
  g_assert_null (strstr (gtk_label_get_text (status), "server settings"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (child (dialog, BV_TYPE_SERVER_DIALOG, "secret_row")),
                                           "error"));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "server.save", NULL);
  bv_test_wait_until (status_settled, dialog);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (status), "error"));
  g_assert_nonnull (find_window (BV_TYPE_SERVER_DIALOG));
  g_assert_cmpstr (bv_window_get_mode (window), ==, "welcome");

  /* The right secret: the test reports the server and the algorithm. */
  type_into (child (dialog, BV_TYPE_SERVER_DIALOG, "secret_row"), PRACTICE_SECRET);
  adw_combo_row_set_selected (child (dialog, BV_TYPE_SERVER_DIALOG, "checksum_row"), 2);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "server.test", NULL);
  bv_test_wait_until (status_settled, dialog);
  g_assert_cmpstr (gtk_label_get_text (status), ==, "Connected to BigBlueButton 3.0.19 (SHA-256)");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (status), "error"));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "server.save", NULL);
  bv_test_wait_until (window_is_main, NULL);
  g_assert_null (find_window (BV_TYPE_SERVER_DIALOG));

  {
    GListModel *servers = bv_context_get_servers (bv_application_get_context (app));
    g_autoptr(BvServer) server = g_list_model_get_item (servers, 0);

    g_assert_cmpuint (g_list_model_get_n_items (servers), ==, 1);
    g_assert_cmpstr (bv_server_get_name (server), ==, "Vereinsserver");
    g_assert_cmpstr (bv_server_get_checksum (server), ==, "sha256");
  }
}

static void
test_pages_switch_with_empty_states (void)
{
  /* The practice server has sample recordings, so that page shows them
   * instead of its empty state; the empty state must still be real. */
  static const struct { const char *name; const char *title; GType (*type) (void); const char *empty; gboolean shown; } pages[] = {
    { "upcoming", "Upcoming", bv_upcoming_page_get_type, "upcoming_empty", TRUE },
    { "live", "Live", bv_live_page_get_type, "live_empty", TRUE },
    { "recordings", "Recordings", bv_recordings_page_get_type, "recordings_empty", FALSE },
    { "members", "Members", bv_members_page_get_type, "members_empty", TRUE },
  };
  BvWindow *window = main_window ();
  AdwViewStack *stack = child (window, BV_TYPE_WINDOW, "view_stack");

  g_assert_cmpstr (bv_window_get_mode (window), ==, "main");

  /* Only the page on show has been built; the others wait until they are
   * first shown, which keeps the start quick. */
  g_assert_nonnull (bv_window_get_page (window, "upcoming"));
  g_assert_null (bv_window_get_page (window, "live"));
  g_assert_null (bv_window_get_page (window, "recordings"));
  g_assert_null (bv_window_get_page (window, "members"));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page_widget;
      AdwStatusPage *empty;
      AdwViewStackPage *page;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", pages[i].name);
      page_widget = bv_window_get_page (window, pages[i].name);
      g_assert_nonnull (page_widget);
      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (page_widget, pages[i].type ()));
      empty = child (page_widget, pages[i].type (), pages[i].empty);
      bv_test_wait_until (widget_is_mapped, page_widget);
      if (pages[i].shown)
        bv_test_wait_until (widget_is_mapped, empty);
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, pages[i].name);

      page = adw_view_stack_get_page (stack, adw_view_stack_get_visible_child (stack));
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, pages[i].title);

      /* A real empty state: what will appear here, and what to do. */
      g_assert_cmpuint (strlen (adw_status_page_get_title (empty)), >, 5);
      g_assert_cmpuint (strlen (adw_status_page_get_description (empty)), >, 60);
    }
}

static guint
count_shortcuts_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      count += GTK_IS_SHORTCUTS_WINDOW (window);
    }
  return count;
}

static gboolean
shortcuts_open (gpointer data)
{
  return find_window (GTK_TYPE_SHORTCUTS_WINDOW) != NULL;
}

static void
test_shortcuts_window_built_when_asked (void)
{
  BvWindow *window = main_window ();
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  GtkWindow *shortcuts;

  /* Not built with the main window (that cost the first frame 6 ms). */
  g_assert_cmpuint (count_shortcuts_windows (), ==, 0);
  g_assert_cmpstrv (accels, ((const char *[]) { "<Control>question", NULL }));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  bv_test_wait_until (shortcuts_open, NULL);
  shortcuts = find_window (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (shortcuts));

  /* Closing hides it; asking again shows the same window. */
  gtk_window_close (shortcuts);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  bv_test_wait_until (shortcuts_open, NULL);
  g_assert_true (find_window (GTK_TYPE_SHORTCUTS_WINDOW) == (gpointer) shortcuts);
  g_assert_cmpuint (count_shortcuts_windows (), ==, 1);
  gtk_window_close (shortcuts);
}

static gboolean
bar_has_stack (gpointer data)
{
  return adw_view_switcher_bar_get_stack (data) != NULL;
}

/* The primary menu's popover and the bottom view switcher are made when
 * first needed, not for the first frame. */
static void
test_menu_and_narrow_switcher (void)
{
  BvWindow *window = main_window ();
  GtkMenuButton *menu_button = child (window, BV_TYPE_WINDOW, "main_menu_button");
  AdwViewSwitcherBar *bar = child (window, BV_TYPE_WINDOW, "switcher_bar");
  GMenuModel *model;
  int width, height;

  g_assert_null (gtk_menu_button_get_menu_model (menu_button));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (menu_button)));
  g_assert_true (gtk_menu_button_get_primary (menu_button));
  gtk_menu_button_popup (menu_button);
  model = gtk_menu_button_get_menu_model (menu_button);
  g_assert_nonnull (model);
  g_assert_true (model == child (window, BV_TYPE_WINDOW, "primary_menu"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (menu_button))));
  gtk_menu_button_popdown (menu_button);

  /* Wide: the switcher sits in the header bar. Narrow: at the bottom. */
  g_assert_null (adw_view_switcher_bar_get_stack (bar));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, height);
  bv_test_wait_until (bar_has_stack, bar);
  g_assert_true (adw_view_switcher_bar_get_stack (bar) == child (window, BV_TYPE_WINDOW, "view_stack"));
  g_assert_true (adw_view_switcher_bar_get_reveal (bar));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
}

static gboolean
preferences_open (gpointer data)
{
  return find_window (BV_TYPE_PREFERENCES_WINDOW) != NULL;
}

static void
test_preferences_list_servers (void)
{
  BvPreferencesWindow *preferences;
  GtkListBox *list;
  GtkListBoxRow *row;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  bv_test_wait_until (preferences_open, NULL);
  preferences = find_window (BV_TYPE_PREFERENCES_WINDOW);

  list = child (preferences, BV_TYPE_PREFERENCES_WINDOW, "servers_list");
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Vereinsserver");
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));

  /* Editing opens the form without the secret. */
  g_signal_emit_by_name (list, "row-activated", row);
  bv_test_wait_until (server_dialog_open, NULL);
  {
    BvServerDialog *dialog = find_window (BV_TYPE_SERVER_DIALOG);

    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit Server");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, BV_TYPE_SERVER_DIALOG, "secret_row"))),
                     ==, "");
    g_assert_true (save_enabled (dialog));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* The general assembly: the invitation period and the § 32 statement
   * reach the settings; the built-in statement stays the default. */
  {
    GSettings *settings = bv_application_get_settings (app);
    GtkSpinButton *period = child (preferences, BV_TYPE_PREFERENCES_WINDOW, "period_spin");
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (child (preferences, BV_TYPE_PREFERENCES_WINDOW,
                                                             "participation_view"));
    g_autofree char *stored = NULL;
    GtkTextIter start, end;
    g_autofree char *shown = NULL;

    g_assert_cmpint (gtk_spin_button_get_value_as_int (period), ==, 14);
    gtk_spin_button_set_value (period, 28);
    g_assert_cmpuint (g_settings_get_uint (settings, "invitation-period-days"), ==, 28);
    g_assert_cmpint (gtk_spin_button_get_value_as_int (child (preferences, BV_TYPE_PREFERENCES_WINDOW,
                                                              "retention_spin")), ==, 12);
    gtk_spin_button_set_value (child (preferences, BV_TYPE_PREFERENCES_WINDOW, "retention_spin"), 6);
    g_assert_cmpuint (g_settings_get_uint (settings, "attendance-retention-months"), ==, 6);
    g_settings_reset (settings, "attendance-retention-months");

    /* The quorum: a share of all members, shown only when chosen. */
    g_assert_cmpuint (adw_combo_row_get_selected (child (preferences, BV_TYPE_PREFERENCES_WINDOW, "quorum_kind_row")),
                      ==, 0);
    g_assert_false (gtk_widget_get_visible (child (preferences, BV_TYPE_PREFERENCES_WINDOW, "quorum_share_row")));
    adw_combo_row_set_selected (child (preferences, BV_TYPE_PREFERENCES_WINDOW, "quorum_kind_row"), 2);
    {
      g_autofree char *kind = g_settings_get_string (settings, "quorum-kind");

      g_assert_cmpstr (kind, ==, "fraction");
    }
    g_assert_true (gtk_widget_get_visible (child (preferences, BV_TYPE_PREFERENCES_WINDOW, "quorum_share_row")));
    gtk_spin_button_set_value (child (preferences, BV_TYPE_PREFERENCES_WINDOW, "quorum_denominator_spin"), 3);
    g_assert_cmpuint (g_settings_get_uint (settings, "quorum-denominator"), ==, 3);
    g_assert_cmpuint (adw_combo_row_get_selected (child (preferences, BV_TYPE_PREFERENCES_WINDOW, "electorate_row")),
                      ==, 0);
    g_settings_reset (settings, "quorum-kind");
    g_settings_reset (settings, "quorum-denominator");

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (shown, ==, bv_invitation_default_participation ());
    gtk_text_buffer_set_text (buffer, "Teilnahme online über den persönlichen Link.", -1);
    stored = g_settings_get_string (settings, "assembly-participation");
    g_assert_cmpstr (stored, ==, "Teilnahme online über den persönlichen Link.");
    gtk_text_buffer_set_text (buffer, bv_invitation_default_participation (), -1);
    g_clear_pointer (&stored, g_free);
    stored = g_settings_get_string (settings, "assembly-participation");
    g_assert_cmpstr (stored, ==, "");
    g_settings_reset (settings, "invitation-period-days");

    /* "Restore Default" brings the built-in § 32 statement back. */
    gtk_text_buffer_set_text (buffer, "Eigener Text.", -1);
    g_signal_emit_by_name (child (preferences, BV_TYPE_PREFERENCES_WINDOW, "restore_participation_button"), "clicked");
    g_clear_pointer (&stored, g_free);
    stored = g_settings_get_string (settings, "assembly-participation");
    g_assert_cmpstr (stored, ==, "");
    g_clear_pointer (&shown, g_free);
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (shown, ==, bv_invitation_default_participation ());
  }

  /* The assembly's own invitation text: edited here, shown in the preview
   * of an assembly (with the sample agenda), restored to the built-in. */
  {
    GSettings *settings = bv_application_get_settings (app);
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (child (preferences, BV_TYPE_PREFERENCES_WINDOW,
                                                             "assembly_template_view"));
    GtkDropDown *kind = child (preferences, BV_TYPE_PREFERENCES_WINDOW, "preview_kind_dropdown");
    GtkLabel *preview = child (preferences, BV_TYPE_PREFERENCES_WINDOW, "preview_label");
    g_autofree char *stored = NULL;
    g_autofree char *shown = NULL;
    GtkTextIter start, end;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (shown, ==, bv_invitation_assembly_template ());
    g_assert_cmpuint (gtk_drop_down_get_selected (kind), ==, 0);
    g_assert_null (strstr (gtk_label_get_text (preview), "Discharge of the board"));

    gtk_text_buffer_set_text (buffer, "Einladung zur {title}\n{agenda}\n{participation}", -1);
    stored = g_settings_get_string (settings, "assembly-invitation-template");
    g_assert_cmpstr (stored, ==, "Einladung zur {title}\n{agenda}\n{participation}");
    g_assert_cmpuint (gtk_drop_down_get_selected (kind), ==, 1);
    g_test_message ("%s", gtk_label_get_text (preview));
    g_assert_true (g_str_has_prefix (gtk_label_get_text (preview), "Einladung zur General Meeting\n"));
    g_assert_nonnull (strstr (gtk_label_get_text (preview), "Discharge of the board"));
    g_assert_nonnull (strstr (gtk_label_get_text (preview), bv_invitation_default_participation ()));

    gtk_drop_down_set_selected (kind, 0);
    g_assert_null (strstr (gtk_label_get_text (preview), "Discharge of the board"));

    g_signal_emit_by_name (child (preferences, BV_TYPE_PREFERENCES_WINDOW, "restore_assembly_template_button"), "clicked");
    g_clear_pointer (&stored, g_free);
    stored = g_settings_get_string (settings, "assembly-invitation-template");
    g_assert_cmpstr (stored, ==, "");
    g_clear_pointer (&shown, g_free);
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (shown, ==, bv_invitation_assembly_template ());
  }

  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
test_window_size_is_remembered (void)
{
  BvWindow *window = main_window ();
  GSettings *settings = bv_application_get_settings (app);
  BvWindow *second;
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (window), 777, 555);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 777);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 555);

  second = bv_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 777);
  g_assert_cmpint (height, ==, 555);
  gtk_window_destroy (GTK_WINDOW (second));
}

static GtkWidget *
next_widget (GtkWidget *w,
             GtkWidget *root)
{
  if (gtk_widget_get_first_child (w))
    return gtk_widget_get_first_child (w);
  while (w != root && !gtk_widget_get_next_sibling (w))
    w = gtk_widget_get_parent (w);
  return w == root ? NULL : gtk_widget_get_next_sibling (w);
}

static GtkButton *
find_button_labelled (GtkWidget  *root,
                      const char *label)
{
  for (GtkWidget *w = root; w; w = next_widget (w, root))
    if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), label) == 0)
      return GTK_BUTTON (w);
  return NULL;
}

static GtkLabel *
find_label_with (GtkWidget  *root,
                 const char *text)
{
  for (GtkWidget *w = root; w; w = next_widget (w, root))
    if (GTK_IS_LABEL (w) && strstr (gtk_label_get_label (GTK_LABEL (w)), text) &&
        gtk_widget_get_mapped (w))
      return GTK_LABEL (w);
  return NULL;
}

static gboolean
editor_open (gpointer data)
{
  return find_window (BV_TYPE_MEETING_EDITOR) != NULL;
}

static gboolean
shown_on_upcoming (gpointer title)
{
  return find_label_with (bv_window_get_page (main_window (), "upcoming"), title) != NULL;
}

static gboolean
gone_from_upcoming (gpointer title)
{
  return !shown_on_upcoming (title);
}

static gboolean
undo_offered (gpointer data)
{
  return find_button_labelled (child (main_window (), BV_TYPE_WINDOW, "toast_overlay"), "_Undo") != NULL;
}

/* Delete in the editor removes the meeting at once; the toast's Undo
 * brings it back with the same id, room and exceptions, so links sent out
 * before keep working. */
static void
test_delete_meeting_and_undo (void)
{
  BvWindow *window = main_window ();
  BvContext *manager = bv_application_get_context (app);
  BvDatabase *db = bv_context_get_database (manager);
  g_autoptr(BvServer) server = g_list_model_get_item (bv_context_get_servers (manager), 0);
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);
  g_autoptr(BvMeeting) back = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) week_after = g_date_time_add_days (now, 8);
  g_autofree char *start = g_date_time_format (tomorrow, "%Y-%m-%dT19:00:00");
  g_autofree char *cancelled = g_date_time_format (week_after, "%Y-%m-%dT19:00");
  g_autoptr(GPtrArray) exceptions = NULL;
  g_autoptr(GError) error = NULL;
  const char *title = "Löschprobe Vorstand";
  BvMeetingEditor *editor;

  bv_meeting_set_title (meeting, title);
  bv_meeting_set_start (meeting, start, "Europe/Berlin");
  bv_meeting_set_rrule (meeting, "FREQ=WEEKLY");
  bv_meeting_set_server_id (meeting, bv_server_get_id (server));
  g_assert_true (bv_database_save_meeting (db, meeting, &error));
  g_assert_no_error (error);
  g_assert_true (bv_database_set_exception (db, bv_meeting_get_id (meeting), cancelled, TRUE, NULL, 0, &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "upcoming");
  bv_upcoming_page_reload (BV_UPCOMING_PAGE (bv_window_get_page (window, "upcoming")));
  bv_test_wait_until (shown_on_upcoming, (gpointer) title);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-meeting", "s", bv_meeting_get_id (meeting));
  bv_test_wait_until (editor_open, NULL);
  editor = find_window (BV_TYPE_MEETING_EDITOR);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL));

  /* Gone from the database and the page at once. */
  g_assert_null (bv_database_find_meeting (db, bv_meeting_get_id (meeting)));
  bv_test_wait_until (gone_from_upcoming, (gpointer) title);
  bv_test_wait_until (undo_offered, NULL);
  g_assert_nonnull (find_label_with (child (window, BV_TYPE_WINDOW, "toast_overlay"),
                                     "“Löschprobe Vorstand” deleted"));

  bv_test_let_toast_settle ();
  g_signal_emit_by_name (find_button_labelled (child (window, BV_TYPE_WINDOW, "toast_overlay"), "_Undo"),
                         "clicked");
  back = bv_database_find_meeting (db, bv_meeting_get_id (meeting));
  g_assert_nonnull (back);
  g_assert_cmpstr (bv_meeting_get_title (back), ==, title);
  g_assert_cmpstr (bv_meeting_get_bbb_meeting_id (back), ==, bv_meeting_get_bbb_meeting_id (meeting));
  g_assert_cmpstr (bv_meeting_get_rrule (back), ==, "FREQ=WEEKLY");
  exceptions = bv_database_list_exceptions (db, bv_meeting_get_id (meeting));
  g_assert_cmpuint (exceptions->len, ==, 1);
  bv_test_wait_until (shown_on_upcoming, (gpointer) title);
  g_assert_true (bv_database_delete_meeting (db, bv_meeting_get_id (meeting), &error));
  g_assert_no_error (error);
}

/* Beitreten on Anstehend asks the application (app.join-meeting) and shows
 * what the context's join tracker says: while the join runs the button
 * cannot be pressed again; then exactly one create and one URL for the
 * browser, and the button is back. A join that fails ends in the page's
 * own dialog. */
static GtkButton *
upcoming_join_button (void)
{
  GtkWidget *page = bv_window_get_page (main_window (), "upcoming");

  /* The row's Join button holds a stack: its label, or a spinner. */
  for (GtkWidget *w = page; w; w = next_widget (w, page))
    if (GTK_IS_BUTTON (w) && GTK_IS_STACK (gtk_button_get_child (GTK_BUTTON (w))) &&
        gtk_widget_get_mapped (w))
      return GTK_BUTTON (w);
  return NULL;
}

static gboolean
join_button_usable (gpointer data)
{
  GtkButton *button = upcoming_join_button ();

  return button && gtk_widget_get_sensitive (GTK_WIDGET (button));
}

static AdwMessageDialog *
could_not_join_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (w) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)), "Could Not Join") == 0)
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
could_not_join_shown (gpointer data)
{
  return could_not_join_dialog () != NULL;
}

static void
test_join_through_action (void)
{
  BvWindow *window = main_window ();
  BvContext *manager = bv_application_get_context (app);
  BvDatabase *db = bv_context_get_database (manager);
  BvJoinTracker *joins = bv_context_get_join_tracker (manager);
  g_autoptr(BvServer) server = g_list_model_get_item (bv_context_get_servers (manager), 0);
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *start = g_date_time_format (tomorrow, "%Y-%m-%dT19:00:00");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) urls = NULL;
  const char *title = "Beitrittsprobe Vorstand";
  GtkButton *button;
  guint creates;

  bv_meeting_set_title (meeting, title);
  bv_meeting_set_start (meeting, start, "Europe/Berlin");
  bv_meeting_set_server_id (meeting, bv_server_get_id (server));
  g_assert_true (bv_database_save_meeting (db, meeting, &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "upcoming");
  bv_upcoming_page_reload (BV_UPCOMING_PAGE (bv_window_get_page (window, "upcoming")));
  bv_test_wait_until (shown_on_upcoming, (gpointer) title);
  button = upcoming_join_button ();
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));

  /* With her name set, Beitreten joins at once instead of asking. */
  g_settings_set_string (bv_application_get_settings (app), "display-name", "Brigitte Schäfer");
  creates = bv_practice_server_count_calls (practice, "create");
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (bv_join_tracker_is_joining (joins, bv_meeting_get_id (meeting)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  bv_test_assert_exactly (bv_test_count_lines, browser_file, 1);
  urls = bv_test_read_lines (browser_file);
  g_assert_nonnull (strstr (urls[0], "/join?"));
  bv_test_wait_until (join_button_usable, NULL);
  g_assert_false (bv_join_tracker_is_joining (joins, bv_meeting_get_id (meeting)));
  g_assert_cmpuint (bv_practice_server_count_calls (practice, "create"), ==, creates + 1);
  g_assert_null (could_not_join_dialog ());

  /* Without a server the join fails: the page says it. */
  bv_meeting_set_server_id (meeting, NULL);
  g_assert_true (bv_database_save_meeting (db, meeting, &error));
  g_assert_no_error (error);
  bv_upcoming_page_reload (BV_UPCOMING_PAGE (bv_window_get_page (window, "upcoming")));
  bv_test_wait_until (join_button_usable, NULL);
  g_signal_emit_by_name (upcoming_join_button (), "clicked");
  bv_test_wait_until (could_not_join_shown, NULL);
  bv_test_wait_until (join_button_usable, NULL);
  gtk_window_destroy (GTK_WINDOW (could_not_join_dialog ()));
  bv_test_assert_exactly (bv_test_count_lines, browser_file, 1);

  g_assert_true (bv_database_delete_meeting (db, bv_meeting_get_id (meeting), &error));
  g_assert_no_error (error);
}

static GtkFileChooser *
visible_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_FILE_CHOOSER (window);
    }
  return NULL;
}

static gboolean
file_chooser_open (gpointer data)
{
  return visible_file_chooser () != NULL;
}

static gboolean
file_chooser_closed (gpointer data)
{
  return visible_file_chooser () == NULL;
}

/* Strg+I is bound on the main window to the calendar import, and pressing
 * it opens the file chooser for calendar files. The shortcut is taken from
 * what the window itself reports for its key bindings and activated as a
 * key press would activate it. */
static void
test_control_i_imports_calendar (void)
{
  BvWindow *window = main_window ();
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_autoptr(GtkShortcutTrigger) control_i = gtk_shortcut_trigger_parse_string ("<Control>i");
  GtkShortcut *found = NULL;
  GtkFileChooser *chooser;

  /* The class's key bindings are a shortcut controller's list. */
  for (guint c = 0; c < g_list_model_get_n_items (controllers) && !found; c++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, c);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !found; i++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), control_i))
            found = shortcut;
        }
    }
  g_assert_nonnull (found);
  g_assert_true (GTK_IS_NAMED_ACTION (gtk_shortcut_get_action (found)));
  g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (gtk_shortcut_get_action (found))),
                   ==, "win.import-calendar");

  g_assert_null (visible_file_chooser ());
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (found), 0, GTK_WIDGET (window),
                                               gtk_shortcut_get_arguments (found)));
  bv_test_wait_until (file_chooser_open, NULL);
  chooser = visible_file_chooser ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, "Import Calendar File");
  g_assert_cmpstr (gtk_file_filter_get_name (gtk_file_chooser_get_filter (chooser)), ==, "Calendar files (.ics)");

  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  bv_test_wait_until (file_chooser_closed, NULL);
}

static void
test_help_opens_user_help (void)
{
  g_auto(GStrv) opened = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  bv_test_assert_exactly (bv_test_count_lines, opened_file, 1);
  opened = bv_test_read_lines (opened_file);
  g_assert_cmpstr (opened[0], ==, "help:bbb-vereine");
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

  /* Fresh data directories: the app must start from nothing. The
   * default handler for help: URIs is a stand-in. */
  root = bv_test_isolate_dirs ("bv-test-ui");
  opened_file = bv_test_install_stand_in ("help", (const char *[]) { "x-scheme-handler/help", NULL });
  browser_file = bv_test_install_stand_in ("browser", (const char *[]) {
                                             "x-scheme-handler/http", "x-scheme-handler/https", NULL });

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  practice = bv_practice_server_new (PRACTICE_SECRET);
  g_assert_true (bv_practice_server_start (practice, &error));

  app = bv_application_new ();
  /* Other test processes may run at the same time. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_null (bv_application_get_database_error (app));

  g_test_add_func ("/ui/window/welcome", test_window_opens_on_welcome);
  g_test_add_func ("/ui/window/server-form", test_server_form_validates_and_saves);
  g_test_add_func ("/ui/window/pages", test_pages_switch_with_empty_states);
  g_test_add_func ("/ui/window/delete-meeting-undo", test_delete_meeting_and_undo);
  g_test_add_func ("/ui/window/join-through-action", test_join_through_action);
  g_test_add_func ("/ui/window/control-i-imports-calendar", test_control_i_imports_calendar);
  g_test_add_func ("/ui/window/shortcuts", test_shortcuts_window_built_when_asked);
  g_test_add_func ("/ui/window/menu-and-narrow-switcher", test_menu_and_narrow_switcher);
  g_test_add_func ("/ui/window/preferences", test_preferences_list_servers);
  g_test_add_func ("/ui/window/help", test_help_opens_user_help);
  g_test_add_func ("/ui/window/window-size", test_window_size_is_remembered);

  /* The cases build on each other, in this order: all are direct children
   * of /ui/window so GLib runs them as added. */
  status = g_test_run ();

  g_clear_object (&app);
  g_clear_object (&practice);
  g_free (opened_file);
  g_free (browser_file);
  if (root)
    bv_test_remove_tree (root);
  return status;
}
