/* test-members-page.c
 *
 * The Mitglieder page in a real GTK window (Xvfb) on a real SQLite file:
 * add through the dialog, search, delete with undo (sending records too),
 * groups, and importing a file through the chooser and the preview.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "bv-groups-window.h"
#include "bv-mail-record.h"
#include "bv-member-dialog.h"
#include "bv-member-import-dialog.h"
#include "bv-members-page.h"
#include "bv-test-utils.h"

static char *dir;

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static BvMemberDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (BV_IS_MEMBER_DIALOG (window))
        return BV_MEMBER_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_open (gpointer data)
{
  BvMemberDialog *dialog = find_dialog ();

  return dialog && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog () == NULL;
}

static GObject *
child (GtkWidget  *widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (widget, type, name);

  g_assert_nonnull (object);
  return object;
}

static const char *
visible_page (BvMembersPage *page)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child (GTK_WIDGET (page), BV_TYPE_MEMBERS_PAGE, "stack")));
}

static guint
shown_rows (BvMembersPage *page)
{
  GtkListView *list = GTK_LIST_VIEW (child (GTK_WIDGET (page), BV_TYPE_MEMBERS_PAGE, "list_view"));

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
}

static void
search (BvMembersPage *page,
        const char    *text)
{
  GtkEditable *entry = GTK_EDITABLE (child (GTK_WIDGET (page), BV_TYPE_MEMBERS_PAGE, "search_entry"));

  /* The entry waits before it reports a change; the test does not. */
  gtk_editable_set_text (entry, text);
  g_signal_emit_by_name (entry, "search-changed");
}

static void
toast_cb (BvMembersPage  *page,
          AdwToast       *toast,
          AdwToast      **last)
{
  g_clear_object (last);
  *last = g_object_ref_sink (toast);
}

static void
add_through_dialog (BvMembersPage *page,
                    const char    *name,
                    const char    *email)
{
  BvMemberDialog *dialog;
  GtkWidget *w;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "members.add", NULL));
  bv_test_wait_until (dialog_open, NULL);
  dialog = find_dialog ();
  w = GTK_WIDGET (dialog);

  /* A name is required and the address is checked while typing: Save
   * does nothing until both are right. */
  gtk_widget_activate_action (w, "member.save", NULL);
  g_assert_true (find_dialog () == dialog);
  /* Not refused by the store: the disabled action never tried. */
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (child (w, BV_TYPE_MEMBER_DIALOG, "error_revealer"))));
  /* Save is grey, and the dialog says why. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (w, BV_TYPE_MEMBER_DIALOG, "hint_label"))));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (w, BV_TYPE_MEMBER_DIALOG, "hint_label"))), ==,
                   "Enter a name to save the member.");
  {
    g_autofree char *first_name = NULL;
    g_autofree char *last_name = NULL;

    bv_member_split_name (name, &first_name, &last_name);
    gtk_editable_set_text (GTK_EDITABLE (child (w, BV_TYPE_MEMBER_DIALOG, "first_name_row")), first_name);
    gtk_editable_set_text (GTK_EDITABLE (child (w, BV_TYPE_MEMBER_DIALOG, "last_name_row")), last_name);
    /* The greeting row shows how the invitation begins with these names. */
    {
      AdwComboRow *salutation = ADW_COMBO_ROW (child (w, BV_TYPE_MEMBER_DIALOG, "salutation_row"));
      g_autofree char *expected = g_strdup_printf ("Invitations begin “Dear Ms %s,”", last_name);

      adw_combo_row_set_selected (salutation, BV_MEMBER_SALUTATION_FEMALE);
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (salutation)), ==, expected);
    }
  }
  gtk_editable_set_text (GTK_EDITABLE (child (w, BV_TYPE_MEMBER_DIALOG, "email_row")), "not-an-address");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (child (w, BV_TYPE_MEMBER_DIALOG, "email_row")), "error"));
  /* Red alone says nothing: a sentence says what is wrong. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (w, BV_TYPE_MEMBER_DIALOG, "hint_label"))), ==,
                   "An e-mail address needs an @, as in anna@example.org.");
  gtk_widget_activate_action (w, "member.save", NULL);
  g_assert_true (find_dialog () == dialog);
  /* Not refused by the store: the disabled action never tried. */
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (child (w, BV_TYPE_MEMBER_DIALOG, "error_revealer"))));
  gtk_editable_set_text (GTK_EDITABLE (child (w, BV_TYPE_MEMBER_DIALOG, "email_row")), email);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (w, BV_TYPE_MEMBER_DIALOG, "hint_label"))));
  g_assert_true (gtk_widget_activate_action (w, "member.save", NULL));
  bv_test_wait_until (dialog_gone, NULL);
}

static void
test_add_search_delete_undo (void)
{
  g_autofree char *path = g_build_filename (dir, "members-page.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) db = bv_database_open (path, &error);
  g_autoptr(BvContext) manager = NULL;
  g_autoptr(BvMember) anna = NULL;
  g_autoptr(BvGroup) board = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(BvParticipant) invitation = NULL;
  g_autoptr(GPtrArray) back = NULL;
  BvMembersPage *page;
  GtkWindow *window;

  g_assert_no_error (error);
  manager = bv_context_new (db);

  window = GTK_WINDOW (gtk_window_new ());
  page = g_object_new (BV_TYPE_MEMBERS_PAGE, NULL);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_set_default_size (window, 800, 700);
  bv_members_page_setup (page, manager, NULL);
  g_signal_connect (page, "show-toast", G_CALLBACK (toast_cb), &toast);
  gtk_window_present (window);
  bv_test_wait_until (widget_is_mapped, page);

  /* Empty state with its two ways forward. */
  g_assert_cmpstr (visible_page (page), ==, "empty");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (child (GTK_WIDGET (page), BV_TYPE_MEMBERS_PAGE, "members_empty"))));

  add_through_dialog (page, "Jürgen Müller", "juergen@example.de");
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "“Jürgen Müller” saved");
  g_assert_cmpstr (visible_page (page), ==, "list");
  g_assert_cmpuint (shown_rows (page), ==, 1);

  /* Another one, put into a group from the store. */
  board = bv_group_new ("Vorstand");
  g_assert_true (bv_database_save_group (db, board, &error));
  add_through_dialog (page, "Anna Becker", "anna@example.org");
  anna = bv_database_find_member_by_email (db, "anna@example.org");
  g_assert_nonnull (anna);
  g_assert_true (bv_database_set_member_groups (db, bv_member_get_id (anna),
                                                (const char *[]) { bv_group_get_id (board), NULL }, &error));
  g_assert_no_error (error);
  meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);
  bv_meeting_set_title (meeting, "Vorstandssitzung");
  g_assert_true (bv_database_save_meeting (db, meeting, &error));
  invitation = bv_participant_new_member (bv_meeting_get_id (meeting), bv_member_get_id (anna),
                                          BV_PARTICIPANT_ROLE_MODERATOR);
  g_assert_true (bv_database_add_participant (db, invitation, &error));
  g_assert_no_error (error);
  {
    g_autofree char *version = bv_database_get_invitation_version (db, bv_participant_get_id (invitation));
    g_autoptr(GDateTime) sent = g_date_time_new_utc (2027, 1, 20, 10, 15, 0);

    g_assert_true (bv_database_record_mail_sent (db, bv_participant_get_id (invitation), version,
                                                 "anna@example.org", "einladung@verein.example", sent, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (shown_rows (page), ==, 2);

  /* Search over names (without accents), addresses and groups. */
  search (page, "muller");
  g_assert_cmpuint (shown_rows (page), ==, 1);
  search (page, "EXAMPLE.ORG");
  g_assert_cmpuint (shown_rows (page), ==, 1);
  search (page, "vorstand becker");
  g_assert_cmpuint (shown_rows (page), ==, 1);
  search (page, "niemand");
  g_assert_cmpuint (shown_rows (page), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (GTK_WIDGET (page), BV_TYPE_MEMBERS_PAGE, "results_stack"))),
                   ==, "no-results");
  search (page, "");
  g_assert_cmpuint (shown_rows (page), ==, 2);

  /* Delete, then undo: the member is back with groups and invitation. */
  g_clear_object (&toast);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "members.delete", "s", bv_member_get_id (anna)));
  g_assert_cmpuint (shown_rows (page), ==, 1);
  g_assert_null (bv_database_find_member_by_email (db, "anna@example.org"));
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "“Anna Becker” deleted from the list");
  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_cmpuint (shown_rows (page), ==, 2);
  g_clear_object (&anna);
  anna = bv_database_find_member_by_email (db, "anna@example.org");
  g_assert_nonnull (anna);
  g_assert_true (bv_member_has_group (anna, bv_group_get_id (board)));
  back = bv_database_list_member_participations (db, bv_member_get_id (anna));
  g_assert_cmpuint (back->len, ==, 1);
  g_assert_cmpstr (bv_participant_get_link_key (g_ptr_array_index (back, 0)), ==,
                   bv_participant_get_link_key (invitation));
  /* And what was sent to her, so that "only unsent" leaves her out. */
  {
    g_autoptr(BvMailRecord) record = bv_database_get_mail_record (db, bv_participant_get_id (invitation));

    g_assert_cmpint (bv_mail_record_get_state (record), ==, BV_MAIL_STATE_SENT);
    g_assert_true (bv_mail_record_is_current (record));
    g_assert_cmpstr (bv_mail_record_get_message_id (record), ==, "einladung@verein.example");
  }

  gtk_window_destroy (window);
  g_clear_object (&toast);
}

/* the groups window */

static AdwMessageDialog *
find_message_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
message_dialog_open (gpointer data)
{
  return find_message_dialog (data) != NULL;
}

static BvGroupsWindow *
find_groups_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (BV_IS_GROUPS_WINDOW (window))
        return BV_GROUPS_WINDOW (window);
    }
  return NULL;
}

static gboolean
groups_window_open (gpointer data)
{
  BvGroupsWindow *window = find_groups_window ();

  return window && gtk_widget_get_mapped (GTK_WIDGET (window));
}

/* "Name — subtitle" of every row, in order. */
static char *
describe_group_rows (BvGroupsWindow *window)
{
  GtkWidget *list = GTK_WIDGET (child (GTK_WIDGET (window), BV_TYPE_GROUPS_WINDOW, "list_box"));
  g_autoptr(GString) text = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    {
      if (!ADW_IS_ACTION_ROW (row))
        continue;
      if (text->len)
        g_string_append (text, "; ");
      g_string_append_printf (text, "%s — %s",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
answer_name_dialog (const char *heading,
                    const char *name,
                    const char *response)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  bv_test_wait_until (message_dialog_open, (gpointer) heading);
  dialog = find_message_dialog (heading);
  entry = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (entry), "  ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_groups (void)
{
  g_autofree char *path = g_build_filename (dir, "groups.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) db = bv_database_open (path, &error);
  g_autoptr(BvContext) manager = NULL;
  g_autoptr(BvGroup) board = bv_group_new ("Vorstand");
  g_autoptr(BvGroup) course = bv_group_new ("Kursgruppe Montag");
  g_autoptr(BvMember) anna = NULL;
  g_autoptr(BvGroup) renamed = NULL;
  g_autofree char *rows = NULL;
  AdwMessageDialog *dialog;
  BvGroupsWindow *groups;
  BvMembersPage *page;
  GtkWindow *window;

  g_assert_no_error (error);
  manager = bv_context_new (db);
  g_assert_true (bv_database_save_group (db, board, &error));
  g_assert_true (bv_database_save_group (db, course, &error));

  window = GTK_WINDOW (gtk_window_new ());
  page = g_object_new (BV_TYPE_MEMBERS_PAGE, NULL);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_set_default_size (window, 800, 700);
  bv_members_page_setup (page, manager, NULL);
  gtk_window_present (window);
  bv_test_wait_until (widget_is_mapped, page);
  add_through_dialog (page, "Anna Becker", "anna@example.org");
  anna = bv_database_find_member_by_email (db, "anna@example.org");
  g_assert_true (bv_database_set_member_groups (db, bv_member_get_id (anna),
                                                (const char *[]) { bv_group_get_id (board), bv_group_get_id (course), NULL },
                                                &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "members.groups", NULL));
  bv_test_wait_until (groups_window_open, NULL);
  groups = find_groups_window ();
  rows = describe_group_rows (groups);
  g_assert_cmpstr (rows, ==, "Kursgruppe Montag — 1 member; Vorstand — 1 member");

  /* New, then renamed; a name that is taken is refused and nothing changes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (groups), "groups.new", NULL));
  answer_name_dialog ("New Group", "Übungsleiter", "save");
  g_clear_pointer (&rows, g_free);
  rows = describe_group_rows (groups);
  g_assert_cmpstr (rows, ==, "Kursgruppe Montag — 1 member; Übungsleiter — No members; Vorstand — 1 member");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (groups), "groups.rename", "s", bv_group_get_id (course)));
  answer_name_dialog ("Rename Group", "vorstand", "save");
  renamed = bv_database_find_group (db, bv_group_get_id (course));
  g_assert_cmpstr (bv_group_get_name (renamed), ==, "Kursgruppe Montag");
  g_clear_object (&renamed);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (groups), "groups.rename", "s", bv_group_get_id (course)));
  answer_name_dialog ("Rename Group", "Yoga Montag", "save");
  renamed = bv_database_find_group (db, bv_group_get_id (course));
  g_assert_cmpstr (bv_group_get_name (renamed), ==, "Yoga Montag");
  g_clear_pointer (&rows, g_free);
  rows = describe_group_rows (groups);
  g_assert_cmpstr (rows, ==, "Übungsleiter — No members; Vorstand — 1 member; Yoga Montag — 1 member");

  /* Deleting asks first; the member stays, without the group. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (groups), "groups.delete", "s", bv_group_get_id (board)));
  bv_test_wait_until (message_dialog_open, (gpointer) "Delete the Group “Vorstand”?");
  dialog = find_message_dialog ("Delete the Group “Vorstand”?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Its 1 member stays in the member list and keeps every invitation; only the group goes. "
                   "This cannot be undone.");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_nonnull (bv_database_find_group (db, bv_group_get_id (board)));
  g_object_unref (bv_database_find_group (db, bv_group_get_id (board)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (groups), "groups.delete", "s", bv_group_get_id (board)));
  bv_test_wait_until (message_dialog_open, (gpointer) "Delete the Group “Vorstand”?");
  dialog = find_message_dialog ("Delete the Group “Vorstand”?");
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (bv_database_find_group (db, bv_group_get_id (board)));
  g_clear_object (&anna);
  anna = bv_database_find_member_by_email (db, "anna@example.org");
  g_assert_nonnull (anna);
  g_assert_false (bv_member_has_group (anna, bv_group_get_id (board)));
  g_assert_true (bv_member_has_group (anna, bv_group_get_id (course)));
  g_clear_pointer (&rows, g_free);
  rows = describe_group_rows (groups);
  g_assert_cmpstr (rows, ==, "Übungsleiter — No members; Yoga Montag — 1 member");

  gtk_window_destroy (GTK_WINDOW (groups));
  gtk_window_destroy (window);
}

static GtkWindow *
visible_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }
  return NULL;
}

static gboolean
chooser_open (gpointer data)
{
  return visible_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static gboolean
preview_open (gpointer data)
{
  return visible_toplevel (BV_TYPE_MEMBER_IMPORT_DIALOG) != NULL;
}

static gboolean
preview_gone (gpointer data)
{
  return visible_toplevel (BV_TYPE_MEMBER_IMPORT_DIALOG) == NULL;
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

static GtkWidget *
apply_button (BvMemberImportDialog *dialog)
{
  for (GtkWidget *w = GTK_WIDGET (dialog); w; w = next_widget (w, GTK_WIDGET (dialog)))
    if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), "import.apply") == 0)
      return w;
  g_assert_not_reached ();
}

/* A preview list as "Title (n): row title — subtitle; …". */
static char *
describe_group (BvMemberImportDialog *dialog,
                const char           *name)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (child (GTK_WIDGET (dialog), BV_TYPE_MEMBER_IMPORT_DIALOG, name));
  GString *s = g_string_new (adw_preferences_group_get_title (group));
  const char *separator = ": ";

  for (GtkWidget *w = GTK_WIDGET (group); w; w = next_widget (w, GTK_WIDGET (group)))
    if (ADW_IS_ACTION_ROW (w))
      {
        const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (w));

        g_string_append_printf (s, "%s%s", separator, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)));
        if (subtitle && *subtitle)
          g_string_append_printf (s, " — %s", subtitle);
        separator = "; ";
      }
  return g_string_free (s, FALSE);
}

static gboolean
file_chosen (gpointer chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);

  return file != NULL;
}

/* Import through the page as a person does it: the file chooser, then the
 * preview, then Import. */
static BvMemberImportDialog *
open_preview (BvMembersPage *page,
              const char    *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GtkWindow *chooser;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "members.import", NULL));
  bv_test_wait_until (chooser_open, NULL);
  chooser = visible_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, &error));
  g_assert_no_error (error);
  /* The chooser selects the file once it has loaded the folder. */
  bv_test_wait_until (file_chosen, chooser);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  bv_test_wait_until (preview_open, NULL);
  return BV_MEMBER_IMPORT_DIALOG (visible_toplevel (BV_TYPE_MEMBER_IMPORT_DIALOG));
}

static void
test_import_preview (void)
{
  g_autofree char *path = g_build_filename (dir, "import-page.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "mitglieder.csv", NULL);
  g_autofree char *skipped_csv = g_build_filename (dir, "nur-unbrauchbar.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) db = bv_database_open (path, &error);
  g_autoptr(BvContext) manager = NULL;
  g_autoptr(BvMember) anna = bv_member_new ();
  g_autoptr(BvMember) anna_after = NULL;
  g_autoptr(BvMember) neu = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *text = NULL;
  BvMemberImportDialog *dialog;
  BvMembersPage *page;
  GtkWindow *window;

  g_assert_no_error (error);
  manager = bv_context_new (db);
  bv_member_set_name (anna, "Anna Becker");
  bv_member_set_email (anna, "anna@example.org");
  g_assert_true (bv_database_save_member (db, anna, &error));
  g_assert_no_error (error);
  g_file_set_contents (csv,
                       "Name;E-Mail;Telefon\r\n"
                       "Anna Becker;anna@example.org;0631 123456\r\n"
                       "Neu Mitglied;neu@example.org;\r\n"
                       ";;0631 999999\r\n"
                       "Kaputt;kein-at-zeichen;\r\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (skipped_csv, "Name;E-Mail;Telefon\r\n;;0631 1\r\n", -1, &error);
  g_assert_no_error (error);

  window = GTK_WINDOW (gtk_window_new ());
  page = g_object_new (BV_TYPE_MEMBERS_PAGE, NULL);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_set_default_size (window, 800, 700);
  bv_members_page_setup (page, manager, NULL);
  g_signal_connect (page, "show-toast", G_CALLBACK (toast_cb), &toast);
  gtk_window_present (window);
  bv_test_wait_until (widget_is_mapped, page);

  /* The preview says who is new, who changes how, and what is skipped;
   * nothing is stored yet. */
  dialog = open_preview (page, csv);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == window);
  text = describe_group (dialog, "added_group");
  g_assert_cmpstr (text, ==, "New (1): Neu Mitglied — neu@example.org");
  g_clear_pointer (&text, g_free);
  text = describe_group (dialog, "updated_group");
  g_assert_cmpstr (text, ==, "Updated (1): Anna Becker — Changes: phone");
  g_clear_pointer (&text, g_free);
  text = describe_group (dialog, "skipped_group");
  g_assert_true (g_str_has_prefix (text, "Skipped (2): "));
  g_assert_nonnull (strstr (text, "kein-at-zeichen"));
  g_assert_null (bv_database_find_member_by_email (db, "neu@example.org"));
  g_assert_true (gtk_widget_get_sensitive (apply_button (dialog)));
  g_signal_emit_by_name (apply_button (dialog), "clicked");
  bv_test_wait_until (preview_gone, NULL);

  /* Import stored it, and the page says so. */
  neu = bv_database_find_member_by_email (db, "neu@example.org");
  g_assert_nonnull (neu);
  g_assert_cmpstr (bv_member_get_name (neu), ==, "Neu Mitglied");
  anna_after = bv_database_find_member_by_email (db, "anna@example.org");
  g_assert_cmpstr (bv_member_get_phone (anna_after), ==, "0631 123456");
  g_assert_cmpstr (bv_member_get_id (anna_after), ==, bv_member_get_id (anna));
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Members: 1 added, 1 updated, 2 skipped");
  g_assert_cmpuint (shown_rows (page), ==, 2);

  /* Members who can only be invited on paper are counted before the
   * import. */
  {
    g_autofree char *paper_csv = g_build_filename (dir, "paper.csv", NULL);
    const char *summary;

    g_file_set_contents (paper_csv, "Vorname;Nachname;E-Mail\r\nPia;Papier;\r\nOtto;Ohne;\r\n"
                         "Eva;Mail;eva@example.org\r\n", -1, &error);
    g_assert_no_error (error);
    dialog = open_preview (page, paper_csv);
    summary = gtk_label_get_text (GTK_LABEL (child (GTK_WIDGET (dialog), BV_TYPE_MEMBER_IMPORT_DIALOG,
                                                    "summary_label")));
    g_assert_nonnull (strstr (summary, "2 without an e-mail address: they get their invitation by letter."));
    gtk_window_destroy (GTK_WINDOW (dialog));
    bv_test_wait_until (preview_gone, NULL);
  }

  /* A file with nothing usable: the preview says so and Import is off. */
  dialog = open_preview (page, skipped_csv);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child (GTK_WIDGET (dialog), BV_TYPE_MEMBER_IMPORT_DIALOG,
                                                                   "summary_label"))),
                            "nothing to import"));
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (child (GTK_WIDGET (dialog), BV_TYPE_MEMBER_IMPORT_DIALOG,
                                                                "summary_label"))),
                         "without an e-mail address"));
  g_assert_false (gtk_widget_get_sensitive (apply_button (dialog)));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL);
  g_assert_true (visible_toplevel (BV_TYPE_MEMBER_IMPORT_DIALOG) == GTK_WINDOW (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  bv_test_wait_until (preview_gone, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_members (db)), ==, 2);

  gtk_window_destroy (window);
}

/* A name as a calendar or CSV import may bring it. */
#define MARKUP_NAME "Vorstand & Beirat <b>fett</b> <a href=\"https://evil.example/\">Link</a> 1<2"

/* What a markup label shows: the text after Pango has read the markup.
 * NULL if it is not valid markup (the label would show nothing). */
static char *
shown_text (const char *markup)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  if (!pango_parse_markup (markup, -1, 0, NULL, &text, NULL, &error))
    return NULL;
  return text;
}

/* Whether a label somewhere below @widget shows exactly @text. */
static gboolean
has_label_showing (GtkWidget  *widget,
                   const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (has_label_showing (c, text))
      return TRUE;
  return FALSE;
}

/* Names are text, never markup: in the toast (markup in libadwaita 1.2),
 * in the member list and in the groups window's rows. */
static void
test_markup_names (void)
{
  g_autofree char *path = g_build_filename (dir, "markup.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) db = bv_database_open (path, &error);
  g_autoptr(BvContext) manager = NULL;
  g_autoptr(BvGroup) group = bv_group_new (MARKUP_NAME);
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *toast_text = NULL;
  GtkWidget *list;
  BvGroupsWindow *groups;
  BvMembersPage *page;
  GtkWindow *window;
  gboolean found = FALSE;

  g_assert_no_error (error);
  manager = bv_context_new (db);
  g_assert_true (bv_database_save_group (db, group, &error));
  g_assert_no_error (error);

  window = GTK_WINDOW (gtk_window_new ());
  page = g_object_new (BV_TYPE_MEMBERS_PAGE, NULL);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_set_default_size (window, 800, 700);
  bv_members_page_setup (page, manager, NULL);
  g_signal_connect (page, "show-toast", G_CALLBACK (toast_cb), &toast);
  gtk_window_present (window);
  bv_test_wait_until (widget_is_mapped, page);

  add_through_dialog (page, MARKUP_NAME, "beirat@example.org");
  g_assert_nonnull (toast);
  toast_text = shown_text (adw_toast_get_title (toast));
  g_assert_cmpstr (toast_text, ==, "“" MARKUP_NAME "” saved");
  g_assert_true (has_label_showing (GTK_WIDGET (page), MARKUP_NAME));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "members.groups", NULL));
  bv_test_wait_until (groups_window_open, NULL);
  groups = find_groups_window ();
  list = GTK_WIDGET (child (GTK_WIDGET (groups), BV_TYPE_GROUPS_WINDOW, "list_box"));
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row) && has_label_showing (row, MARKUP_NAME))
      found = TRUE;
  g_assert_true (found);

  gtk_window_destroy (GTK_WINDOW (groups));
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* English source strings, whatever the machine's language. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  dir = g_dir_make_tmp ("bv-test-members-page-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/members-page/add-search-delete-undo", test_add_search_delete_undo);
  g_test_add_func ("/ui/members-page/groups", test_groups);
  g_test_add_func ("/ui/members-page/import-preview", test_import_preview);
  g_test_add_func ("/ui/members-page/markup-names", test_markup_names);

  status = g_test_run ();

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name (d)))
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_unlink (file);
      }
    g_rmdir (dir);
  }
  g_free (dir);
  return status;
}
