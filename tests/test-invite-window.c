/* test-invite-window.c
 *
 * The invitation window in a real GTK window (Xvfb), on a real SQLite
 * file, with the secret in the real keyring and the practice server on
 * loopback for the link renewal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "bv-invitation-row.h"
#include "bv-invite-window.h"
#include "bv-member-chooser.h"
#include "bv-practice-server-private.h"
#include "bv-secret-store.h"
#include "bv-test-utils.h"

#define SECRET "invite-window-test-secret-0123456789"

static char *mailed_path;  /* what the stand-in mail program was asked to open */
static BvPracticeServer *practice;
static char *dir;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
window_is_ready (gpointer data)
{
  return bv_invite_window_is_ready (BV_INVITE_WINDOW (data));
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* Written to the end: a file appears before its contents. */
static gboolean
file_complete (gpointer data)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (data, &contents, NULL, NULL) && strstr (contents, "END:VCALENDAR");
}

/* The calendar files go into a new folder inside the chosen one: the
 * path of @name in the one subfolder of @dir that has it, or NULL. */
static char *
exported_file (const char *parent,
               const char *name)
{
  g_autoptr(GDir) folder = g_dir_open (parent, 0, NULL);
  const char *entry;

  while (folder && (entry = g_dir_read_name (folder)))
    {
      g_autofree char *path = g_build_filename (parent, entry, name, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
  return NULL;
}

typedef struct
{
  const char *parent;
  const char *name;
} Exported;

static gboolean
file_exported (gpointer data)
{
  Exported *exported = data;
  g_autofree char *path = exported_file (exported->parent, exported->name);

  return path != NULL;
}

static void
store_secret (BvServer *server)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bv_secret_store_save_async (bv_server_get_id (server), bv_server_get_name (server), SECRET,
                              NULL, result_cb, &result);
  bv_secret_store_save_finish (bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
}

static BvServer *
add_server (BvDatabase *db,
            const char *name,
            gboolean    with_secret)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = bv_server_generate_id ();
  BvServer *server = bv_server_new (id, name, bv_practice_server_get_api_url (practice), "sha256");

  g_assert_true (bv_database_save_server (db, server, &error));
  g_assert_no_error (error);
  if (with_secret)
    store_secret (server);
  return server;
}

static BvGroup *
add_group (BvDatabase *db,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  BvGroup *group = bv_group_new (name);

  g_assert_true (bv_database_save_group (db, group, &error));
  g_assert_no_error (error);
  return group;
}

static void
add_member (BvDatabase *db,
            const char *name,
            const char *email,
            BvGroup    *group_a,
            BvGroup    *group_b)
{
  g_autoptr(BvMember) member = bv_member_new ();
  g_autoptr(GError) error = NULL;
  const char *groups[3] = { NULL, NULL, NULL };
  guint n = 0;

  if (group_a)
    groups[n++] = bv_group_get_id (group_a);
  if (group_b)
    groups[n++] = bv_group_get_id (group_b);
  bv_member_set_name (member, name);
  bv_member_set_email (member, email);
  bv_member_set_group_ids (member, groups);
  g_assert_true (bv_database_save_member (db, member, &error));
  g_assert_no_error (error);
}

static BvMeeting *
add_meeting (BvDatabase    *db,
             BvServer      *server,
             BvMeetingKind  kind,
             const char    *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *local = g_date_time_format (tomorrow, "%Y-%m-%dT19:00:00");
  BvMeeting *meeting = bv_meeting_new (kind);

  bv_meeting_set_title (meeting, title);
  bv_meeting_set_start (meeting, local, "Europe/Berlin");
  bv_meeting_set_server_id (meeting, bv_server_get_id (server));
  g_assert_true (bv_database_save_meeting (db, meeting, &error));
  g_assert_no_error (error);
  return meeting;
}

/* What the store says: "Name=role, …", in the store's order. */
static char *
describe_participants (BvDatabase *db,
                       BvMeeting  *meeting)
{
  g_autoptr(GPtrArray) participants = bv_database_list_participants (db, bv_meeting_get_id (meeting));
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < participants->len; i++)
    {
      BvParticipant *participant = g_ptr_array_index (participants, i);

      g_string_append_printf (text, "%s%s=%s%s", i ? ", " : "",
                              bv_participant_get_name (participant),
                              bv_participant_role_to_string (bv_participant_get_role (participant)),
                              bv_participant_is_guest (participant) ? " (guest)" : "");
    }
  return g_string_free (text, FALSE);
}

static BvParticipant *
find_participant (BvDatabase *db,
                  BvMeeting  *meeting,
                  const char *name)
{
  g_autoptr(GPtrArray) participants = bv_database_list_participants (db, bv_meeting_get_id (meeting));

  for (guint i = 0; i < participants->len; i++)
    if (g_str_equal (bv_participant_get_name (g_ptr_array_index (participants, i)), name))
      return g_object_ref (g_ptr_array_index (participants, i));
  return NULL;
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

/* The titles of the rows the window shows, in order. */
static char *
describe_rows (BvInviteWindow *window)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), BV_TYPE_INVITE_WINDOW,
                                                               "participants_list"));
  GString *text = g_string_new (NULL);

  for (GtkWidget *w = root; w; w = next_widget (w, root))
    if (ADW_IS_ACTION_ROW (w))
      g_string_append_printf (text, "%s%s", text->len ? ", " : "",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)));
  return g_string_free (text, FALSE);
}

static GtkWidget *
find_row (BvInviteWindow *window,
          const char     *title)
{
  GtkWidget *root = GTK_WIDGET (window);

  for (GtkWidget *w = root; w; w = next_widget (w, root))
    if (ADW_IS_ACTION_ROW (w) && g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), title))
      return w;
  return NULL;
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  for (GtkWidget *w = root; w; w = next_widget (w, root))
    if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
      return w;
  return NULL;
}

/* Whether @menu (or one of its sections) has an item for @action with
 * the target @id. */
static gboolean
menu_has_item (GMenuModel *menu,
               const char *action,
               const char *id)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *name = NULL;
      g_autoptr(GVariant) target = NULL;

      if (section && menu_has_item (section, action, id))
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action) &&
          (target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                           G_VARIANT_TYPE_STRING)) &&
          g_str_equal (g_variant_get_string (target, NULL), id))
        return TRUE;
    }
  return FALSE;
}

/* Chooses @action in the row's "Send" menu, as a click on the item
 * would: the action with the item's own target, from the row. */
static gboolean
activate_menu_item (GtkWidget  *row,
                    const char *action)
{
  BvParticipant *participant = bv_invitation_row_get_participant (BV_INVITATION_ROW (row));
  const char *id = bv_participant_get_id (participant);

  if (!menu_has_item (bv_invitation_row_get_menu (BV_INVITATION_ROW (row)), action, id))
    return FALSE;
  return gtk_widget_activate_action (row, action, "s", id);
}

/* The buttons with words a person sees in @row (issue 19: at most one),
 * and how many buttons show only an icon. */
static guint
count_text_buttons (GtkWidget *row,
                    guint     *n_icon_only)
{
  guint n = 0;

  *n_icon_only = 0;
  for (GtkWidget *w = row; w; w = next_widget (w, row))
    {
      if (!gtk_widget_is_visible (w))
        continue;
      if (GTK_IS_MENU_BUTTON (w) && gtk_menu_button_get_label (GTK_MENU_BUTTON (w)) &&
          !ADW_IS_SPLIT_BUTTON (gtk_widget_get_parent (w)))
        n++;
      else if (ADW_IS_SPLIT_BUTTON (w))
        n++;
      else if (GTK_IS_BUTTON (w) && !GTK_IS_TOGGLE_BUTTON (w) && !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (w)) &&
               !ADW_IS_SPLIT_BUTTON (gtk_widget_get_parent (w)) && gtk_button_get_icon_name (GTK_BUTTON (w)))
        (*n_icon_only)++;
    }
  return n;
}

typedef struct
{
  GtkWindow  *parent;
  const char *heading;
} DialogWait;

static AdwMessageDialog *
find_dialog (DialogWait *wait)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == wait->parent &&
        strstr (adw_message_dialog_get_heading (l->data), wait->heading))
      return l->data;
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog (data) != NULL;
}

static AdwMessageDialog *
wait_for_dialog (BvInviteWindow *window,
                 const char     *heading)
{
  DialogWait wait = { GTK_WINDOW (window), heading };

  bv_test_wait_until (dialog_shown, &wait);
  return find_dialog (&wait);
}

static GtkWindow *
find_print_dialog (void)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      /* GtkPrintUnixDialog; its header is in gtk4-unix-print. */
      if (g_str_equal (G_OBJECT_TYPE_NAME (toplevel), "GtkPrintUnixDialog") &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

static gboolean
print_dialog_shown (gpointer data)
{
  GtkWindow **dialog = data;

  return (*dialog = find_print_dialog ()) != NULL;
}

static gboolean
no_print_dialog (gpointer data)
{
  return find_print_dialog () == NULL;
}

/* The undo button of the toast on show, as a person would press it. */
static GtkButton *
find_undo_button (BvInviteWindow *window)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), BV_TYPE_INVITE_WINDOW,
                                                               "toast_overlay"));

  /* A toast that is fading out cannot be clicked any more. */
  for (GtkWidget *w = root; w; w = next_widget (w, root))
    if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), "_Undo") == 0 &&
        gtk_widget_get_can_target (gtk_widget_get_ancestor (w, g_type_from_name ("AdwToastWidget"))))
      return GTK_BUTTON (w);
  return NULL;
}

typedef struct
{
  BvInviteWindow *window;
  const char     *text;
} ToastWait;

/* Whether a toast with exactly @text is on show. */
static gboolean
toast_shown (gpointer data)
{
  ToastWait *wait = data;
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (wait->window), BV_TYPE_INVITE_WINDOW,
                                                               "toast_overlay"));

  for (GtkWidget *w = root; w; w = next_widget (w, root))
    if (GTK_IS_LABEL (w) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)), wait->text) == 0)
      return TRUE;
  return FALSE;
}

static char *
read_clipboard (GtkWidget *widget)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *text;

  gdk_clipboard_read_text_async (clipboard, NULL, result_cb, &result);
  text = gdk_clipboard_read_text_finish (clipboard, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  return text;
}

typedef struct
{
  BvDatabase *db;
  const char *meeting_id;
  const char *old_bbb_id;
} RenewWait;

static gboolean
bbb_id_changed (gpointer data)
{
  RenewWait *wait = data;
  g_autoptr(BvMeeting) stored = bv_database_find_meeting (wait->db, wait->meeting_id);

  return stored && !g_str_equal (bv_meeting_get_bbb_meeting_id (stored), wait->old_bbb_id);
}

static gboolean
removed_notice_shown (BvInviteWindow *window)
{
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (window), BV_TYPE_INVITE_WINDOW,
                                                                       "removed_revealer"));

  return gtk_revealer_get_reveal_child (revealer);
}

static void
test_invite_and_send (void)
{
  g_autofree char *path = g_build_filename (dir, "invite.db", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "merge.csv", NULL);
  g_autofree char *ics_dir = g_build_filename (dir, "ics", NULL);
  Exported erika_ics = { ics_dir, "Erika Musterfrau.ics" };
  Exported meeting_ics = { ics_dir, "Mitgliederversammlung 2026.ics" };
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) db = NULL;
  g_autoptr(BvContext) manager = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(BvGroup) board = NULL;
  g_autoptr(BvGroup) course = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(BvParticipant) erika = NULL;
  g_autoptr(BvParticipant) lena = NULL;
  g_autoptr(BvParticipant) lena_again = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *link = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *old_bbb_id = NULL;
  GListModel *groups;
  AdwMessageDialog *dialog;
  GtkWidget *extra, *drop_down, *row, *name_row, *email_row;
  GtkButton *undo;
  GtkStack *stack;
  BvInviteWindow *window;
  RenewWait renew_wait;
  guint board_position = G_MAXUINT;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  server = add_server (db, "Vereinsserver", TRUE);
  manager = bv_context_new (db);
  board = add_group (db, "Vorstand");
  course = add_group (db, "Kursgruppe");
  add_member (db, "Erika Musterfrau", "erika@example.org", board, NULL);
  add_member (db, "Max Müller", "max@example.org", board, course);
  add_member (db, "Lena Schmidt", "lena@example.org", course, NULL);
  meeting = add_meeting (db, server, BV_MEETING_KIND_ASSEMBLY, "Mitgliederversammlung 2026");

  window = bv_invite_window_new (NULL, manager, NULL, meeting);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Invite to “Mitgliederversammlung 2026”");
  gtk_window_present (GTK_WINDOW (window));
  bv_test_wait_until (widget_is_mapped, window);
  bv_test_wait_until (window_is_ready, window);
  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), BV_TYPE_INVITE_WINDOW, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  /* The board through the group dialog: at a general assembly, the board
   * moderates. The dialog starts on "All Members" for an assembly. */
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.add-group", NULL);
  dialog = wait_for_dialog (window, "Invite a Group");
  extra = adw_message_dialog_get_extra_child (dialog);
  drop_down = find_descendant (extra, GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (drop_down);
  groups = gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down)), ==, 0);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (groups), 0), ==, "All Members");
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (groups), i), "Vorstand"))
      board_position = i;
  g_assert_cmpuint (board_position, !=, G_MAXUINT);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), board_position);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "invite"));
  adw_message_dialog_response (dialog, "invite");
  gtk_window_destroy (GTK_WINDOW (dialog));
  shown = describe_participants (db, meeting);
  g_assert_cmpstr (shown, ==, "Max Müller=moderator, Erika Musterfrau=moderator");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  g_clear_pointer (&shown, g_free);
  shown = describe_rows (window);
  g_assert_cmpstr (shown, ==, "Max Müller, Erika Musterfrau");

  /* Issue 19: one button with words per row ("Send" with its menu), and
   * remove as the only icon. */
  {
    guint n_icons = 0;

    row = find_row (window, "Erika Musterfrau");
    g_assert_cmpuint (count_text_buttons (row, &n_icons), ==, 1);
    g_assert_cmpuint (n_icons, ==, 1);
  }

  /* The course group: Max is invited already and stays moderator. */
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.add-group-id", "s", bv_group_get_id (course));
  g_clear_pointer (&shown, g_free);
  shown = describe_participants (db, meeting);
  g_assert_cmpstr (shown, ==, "Max Müller=moderator, Erika Musterfrau=moderator, Lena Schmidt=participant");

  /* A role changed in the row is stored. */
  row = find_row (window, "Lena Schmidt");
  g_assert_nonnull (row);
  drop_down = find_descendant (row, GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (drop_down);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down)), ==, 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), 0);
  g_clear_pointer (&shown, g_free);
  shown = describe_participants (db, meeting);
  g_assert_cmpstr (shown, ==, "Max Müller=moderator, Erika Musterfrau=moderator, Lena Schmidt=moderator");
  /* A toast confirms it in a few words; whether an e-mail must go out
   * again is the row's subtitle, not an instruction in a toast. */
  {
    ToastWait wait = { window, "“Lena Schmidt” leads the meeting now" };

    bv_test_wait_until (toast_shown, &wait);
  }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), 1);

  /* A guest through the guest dialog; a wrong address keeps "Invite" off. */
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.add-guest", NULL);
  dialog = wait_for_dialog (window, "Invite a Guest");
  extra = adw_message_dialog_get_extra_child (dialog);
  name_row = find_descendant (extra, ADW_TYPE_ENTRY_ROW);
  email_row = gtk_widget_get_next_sibling (name_row);
  g_assert_true (ADW_IS_ENTRY_ROW (email_row));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "invite"));
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Gustav Gast");
  gtk_editable_set_text (GTK_EDITABLE (email_row), "gustav@");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "invite"));
  /* Why "Invite" is grey, in a sentence under the fields. */
  {
    GtkWidget *hint = gtk_widget_get_next_sibling (gtk_widget_get_parent (name_row));

    g_assert_true (GTK_IS_LABEL (hint));
    g_assert_true (gtk_widget_get_visible (hint));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (hint)), ==,
                     "The part after the @ is incomplete. It needs a dot, as “example.org” in anna@example.org.");
    gtk_editable_set_text (GTK_EDITABLE (email_row), "gustav@example.org");
    g_assert_false (gtk_widget_get_visible (hint));
  }
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "invite"));
  adw_message_dialog_response (dialog, "invite");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_pointer (&shown, g_free);
  shown = describe_participants (db, meeting);
  g_assert_cmpstr (shown, ==, "Max Müller=moderator, Erika Musterfrau=moderator, "
                              "Gustav Gast=participant (guest), Lena Schmidt=participant");

  /* Removed, then back with the same link key through the toast's undo. */
  lena = find_participant (db, meeting, "Lena Schmidt");
  g_assert_false (removed_notice_shown (window));
  /* With a toast on show, the undo toast comes at once and can be used at
   * once. (libadwaita 1.2 aborted here when it pushed the other toast aside
   * with ADW_TOAST_PRIORITY_HIGH and brought it back while it was fading.) */
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.copy-link", "s", bv_participant_get_id (lena));
  {
    ToastWait copied = { window, "Personal link of “Lena Schmidt” copied" };

    bv_test_wait_until (toast_shown, &copied);
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.remove", "s", bv_participant_get_id (lena));
  /* A link Lena was sent still works: the window says so. */
  g_assert_true (removed_notice_shown (window));
  g_clear_pointer (&shown, g_free);
  shown = describe_participants (db, meeting);
  g_assert_cmpstr (shown, ==, "Max Müller=moderator, Erika Musterfrau=moderator, Gustav Gast=participant (guest)");
  bv_test_wait_until (find_undo_button, window);
  bv_test_let_toast_settle ();
  undo = find_undo_button (window);
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  /* The confirmation the undo toast replaced does not come back. */
  bv_test_spin (1000);
  {
    ToastWait copied = { window, "Personal link of “Lena Schmidt” copied" };

    g_assert_false (toast_shown (&copied));
  }
  lena_again = find_participant (db, meeting, "Lena Schmidt");
  g_assert_nonnull (lena_again);
  g_assert_cmpstr (bv_participant_get_link_key (lena_again), ==, bv_participant_get_link_key (lena));
  g_assert_false (removed_notice_shown (window));

  /* Copy Link puts the personal link, with the person's name, on the
   * clipboard. */
  erika = find_participant (db, meeting, "Erika Musterfrau");
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.copy-link", "s", bv_participant_get_id (erika));
  link = read_clipboard (GTK_WIDGET (window));
  g_assert_nonnull (link);
  g_assert_true (g_str_has_prefix (link, bv_practice_server_get_api_url (practice)));
  g_assert_nonnull (strstr (link, "join?"));
  g_assert_nonnull (strstr (link, "fullName=Erika"));
  g_assert_nonnull (strstr (link, bv_meeting_get_bbb_meeting_id (meeting)));

  /* The preview shows the text as Erika gets it; Copy puts it on the
   * clipboard. */
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.preview", "s", bv_participant_get_id (erika));
  dialog = wait_for_dialog (window, "Invitation for Erika Musterfrau");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "Invitation: Mitgliederversammlung 2026");
  g_assert_true (adw_message_dialog_has_response (dialog, "mail"));
  {
    GtkWidget *view = find_descendant (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_TEXT_VIEW);
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
    GtkTextIter start, end;
    g_autofree char *shown_text = NULL;
    g_autofree char *copied = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown_text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_true (g_str_has_prefix (shown_text, "Hello Erika Musterfrau,"));
    g_assert_nonnull (strstr (shown_text, link));
    adw_message_dialog_response (dialog, "copy");
    gtk_window_destroy (GTK_WINDOW (dialog));
    copied = read_clipboard (GTK_WIDGET (window));
    g_assert_cmpstr (copied, ==, shown_text);
  }

  /* The row's "Send" menu's "Write in E-Mail Program" hands the default
   * mail program exactly one mailto: URI with Erika's address, the
   * subject and her link. */
  {
    GtkWidget *erika_row = find_row (window, "Erika Musterfrau");
    g_auto(GStrv) uris = NULL;
    g_autoptr(GUri) uri = NULL;
    g_autoptr(GHashTable) params = NULL;

    g_assert_nonnull (erika_row);
    g_assert_true (menu_has_item (bv_invitation_row_get_menu (BV_INVITATION_ROW (erika_row)),
                                  "invite.send-mail", bv_participant_get_id (erika)));
    g_assert_true (activate_menu_item (erika_row, "invite.send-mail"));
    bv_test_assert_exactly (bv_test_count_lines, mailed_path, 1);
    uris = bv_test_read_lines (mailed_path);
    uri = g_uri_parse (uris[0], G_URI_FLAGS_ENCODED_QUERY, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (g_uri_get_scheme (uri), ==, "mailto");
    g_assert_cmpstr (g_uri_get_path (uri), ==, "erika@example.org");
    params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (g_hash_table_lookup (params, "subject"), ==, "Invitation: Mitgliederversammlung 2026");
    g_assert_true (g_str_has_prefix (g_hash_table_lookup (params, "body"), "Hello Erika Musterfrau,"));
    g_assert_nonnull (strstr (g_hash_table_lookup (params, "body"), link));
  }

  /* The mail-merge file and the calendar files, written in the background. */
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.export-merge-to", "s", csv_path);
  bv_test_wait_until (file_exists, csv_path);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (csv, "Erika Musterfrau"));
  g_assert_nonnull (strstr (csv, "Gustav Gast"));
  g_assert_nonnull (strstr (csv, "fullName=Erika"));

  /* Letters are for those without an e-mail address: here everybody has
   * one, so none are written and the window says why. (The letters
   * themselves: test-invitation-export's /core/invitation-export/letters.) */
  {
    g_autofree char *letters_path = g_build_filename (dir, "briefe.pdf", NULL);
    AdwMessageDialog *none;

    gtk_widget_activate_action (GTK_WIDGET (window), "invite.export-letters-to", "s", letters_path);
    none = wait_for_dialog (window, "No Letters Needed");
    g_assert_cmpstr (adw_message_dialog_get_body (none), ==,
                     "Everybody invited has an e-mail address. Letters are made for those without one.");
    gtk_window_destroy (GTK_WINDOW (none));
    g_assert_false (g_file_test (letters_path, G_FILE_TEST_EXISTS));
  }

  g_assert_cmpint (g_mkdir (ics_dir, 0700), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.export-calendar-to", "s", ics_dir);
  bv_test_wait_until (file_exported, &erika_ics);
  bv_test_wait_until (file_exported, &meeting_ics);

  /* One person's calendar file, with her link, readable only by the user. */
  {
    g_autofree char *ics_path = g_build_filename (dir, "erika.ics", NULL);
    g_autofree char *ics = NULL;
    GStatBuf st;

    gtk_widget_activate_action (GTK_WIDGET (window), "invite.save-calendar-to", "(ss)",
                                bv_participant_get_id (erika), ics_path);
    bv_test_wait_until (file_complete, ics_path);
    g_assert_true (g_file_get_contents (ics_path, &ics, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (ics, "BEGIN:VCALENDAR"));
    g_assert_nonnull (strstr (ics, "fullName=Erika"));
    g_assert_cmpint (g_stat (ics_path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* Without an address, the ways that need one are not offered (rather
   * than greyed out); the others are. */
  {
    g_autoptr(BvParticipant) greta = NULL;
    GtkWidget *greta_row;

    gtk_widget_activate_action (GTK_WIDGET (window), "invite.add-guest-entry", "(ss)", "Greta Gast", "");
    greta = find_participant (db, meeting, "Greta Gast");
    g_assert_nonnull (greta);
    greta_row = find_row (window, "Greta Gast");
    g_assert_nonnull (greta_row);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (greta_row)), ==, "No e-mail address · Guest");
    g_assert_false (menu_has_item (bv_invitation_row_get_menu (BV_INVITATION_ROW (greta_row)),
                                   "invite.send-mail", bv_participant_get_id (greta)));
    g_assert_false (menu_has_item (bv_invitation_row_get_menu (BV_INVITATION_ROW (greta_row)),
                                   "invite.mail-one", bv_participant_get_id (greta)));
    g_assert_true (menu_has_item (bv_invitation_row_get_menu (BV_INVITATION_ROW (greta_row)),
                                  "invite.copy-link", bv_participant_get_id (greta)));

    /* Greta has no address: "Print Letters" runs the print operation
     * with the letters' pages; exported to a PDF instead of the printer,
     * her letter with her link is on it, and nobody else's. */
    {
      g_autofree char *printed_path = g_build_filename (dir, "gedruckt.pdf", NULL);
      g_autofree char *printed = NULL;
      const char *argv[] = { "pdftotext", printed_path, "-", NULL };
      int status;

      gtk_widget_activate_action (GTK_WIDGET (window), "invite.print-letters-to", "s", printed_path);
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                   NULL, NULL, &printed, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (printed, "Greta Gast"));
      g_assert_nonnull (strstr (printed, "Mitgliederversammlung 2026"));
      g_assert_null (strstr (printed, "Erika Musterfrau"));
      g_assert_cmpint (g_unlink (printed_path), ==, 0);
    }

    /* The print dialog does not hold up the app: the action returns with
     * the dialog open over the window, and closing it prints nothing. */
    {
      GtkWindow *print_dialog = NULL;

      gtk_widget_activate_action (GTK_WIDGET (window), "invite.print-letters", NULL);
      bv_test_wait_until (print_dialog_shown, &print_dialog);
      g_assert_true (gtk_window_get_transient_for (print_dialog) == GTK_WINDOW (window));
      gtk_dialog_response (GTK_DIALOG (print_dialog), GTK_RESPONSE_CANCEL);
      bv_test_wait_until (no_print_dialog, NULL);
    }
    gtk_widget_activate_action (GTK_WIDGET (window), "invite.remove", "s", bv_participant_get_id (greta));
  }

  /* Removing Gustav for good: the notice stays until the links are renewed. */
  {
    g_autoptr(BvParticipant) gustav = find_participant (db, meeting, "Gustav Gast");

    gtk_widget_activate_action (GTK_WIDGET (window), "invite.remove", "s", bv_participant_get_id (gustav));
    g_assert_true (removed_notice_shown (window));
  }

  /* Renewing asks first, then gives the meeting a new BBB id. */
  old_bbb_id = g_strdup (bv_meeting_get_bbb_meeting_id (meeting));
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.renew-links", NULL);
  dialog = wait_for_dialog (window, "Renew the Links of “Mitgliederversammlung 2026”?");
  adw_message_dialog_response (dialog, "renew");
  gtk_window_destroy (GTK_WINDOW (dialog));
  renew_wait.db = db;
  renew_wait.meeting_id = bv_meeting_get_id (meeting);
  renew_wait.old_bbb_id = old_bbb_id;
  bv_test_wait_until (bbb_id_changed, &renew_wait);
  bv_test_wait_until (window_is_ready, window);
  g_assert_false (removed_notice_shown (window));
  g_clear_pointer (&link, g_free);
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.copy-link", "s", bv_participant_get_id (erika));
  link = read_clipboard (GTK_WIDGET (window));
  g_assert_null (strstr (link, old_bbb_id));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
retry_shown (gpointer data)
{
  BvInviteWindow *window = data;
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (window), BV_TYPE_INVITE_WINDOW,
                                                                       "status_revealer"));
  GtkWidget *retry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), BV_TYPE_INVITE_WINDOW,
                                                                "retry_button"));

  return gtk_revealer_get_reveal_child (revealer) && gtk_widget_get_visible (retry);
}

static void
test_no_secret (void)
{
  g_autofree char *path = g_build_filename (dir, "nosecret.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) db = NULL;
  g_autoptr(BvContext) manager = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(BvParticipant) guest = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *link = NULL;
  GtkWidget *row;
  GtkLabel *label;
  BvInviteWindow *window;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  server = add_server (db, "Ohne Schlüssel", FALSE);
  manager = bv_context_new (db);
  meeting = add_meeting (db, server, BV_MEETING_KIND_BOARD, "Vorstandssitzung");

  window = bv_invite_window_new (NULL, manager, NULL, meeting);
  gtk_window_present (GTK_WINDOW (window));
  bv_test_wait_until (retry_shown, window);
  g_assert_false (bv_invite_window_is_ready (window));
  label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window), BV_TYPE_INVITE_WINDOW, "status_label"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (label), "The personal links cannot be made at the moment: "));

  /* Guests can be invited meanwhile; links wait for the secret. */
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.add-guest-entry", "(ss)", "Gustav Gast", "");
  shown = describe_rows (window);
  g_assert_cmpstr (shown, ==, "Gustav Gast");
  guest = find_participant (db, meeting, "Gustav Gast");
  /* "Copy Link" in his row's menu does nothing until the links can be
   * made. */
  row = find_row (window, "Gustav Gast");
  g_assert_true (menu_has_item (bv_invitation_row_get_menu (BV_INVITATION_ROW (row)),
                                "invite.copy-link", bv_participant_get_id (guest)));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), "before");
  activate_menu_item (row, "invite.copy-link");
  link = read_clipboard (GTK_WIDGET (window));
  g_assert_cmpstr (link, ==, "before");
  g_clear_pointer (&link, g_free);

  store_secret (server);
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.retry", NULL);
  bv_test_wait_until (window_is_ready, window);
  g_assert_true (activate_menu_item (row, "invite.copy-link"));
  link = read_clipboard (GTK_WIDGET (window));
  g_assert_nonnull (strstr (link, "fullName=Gustav"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A weekly course: the leaders' group moderates, the rest take part; the
 * calendar files carry the series with its cancelled date and are
 * private, since every link lets its person in. */
static void
test_course (void)
{
  g_autofree char *path = g_build_filename (dir, "course.db", NULL);
  g_autofree char *ics_dir = g_build_filename (dir, "course-ics", NULL);
  Exported anna_exported = { ics_dir, "Anna Trainer.ics" };
  g_autofree char *anna_ics = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *merge_path = g_build_filename (dir, "course.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) db = NULL;
  g_autoptr(BvContext) manager = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(BvGroup) leaders = NULL;
  g_autoptr(BvGroup) course = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *cancelled = NULL;
  g_autofree char *exdate = NULL;
  g_autofree char *guest_link = NULL;
  GStatBuf st;
  BvInviteWindow *window;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  server = add_server (db, "Kursserver", TRUE);
  manager = bv_context_new (db);
  leaders = add_group (db, "Übungsleiterinnen");
  course = add_group (db, "Yoga Montag");
  add_member (db, "Anna Trainer", "anna@example.org", leaders, course);
  add_member (db, "Bert Bauer", "bert@example.org", course, NULL);
  meeting = add_meeting (db, server, BV_MEETING_KIND_COURSE, "Yoga am Abend");
  bv_meeting_set_rrule (meeting, "FREQ=WEEKLY;COUNT=6");
  g_assert_true (bv_database_save_meeting (db, meeting, &error));
  g_assert_no_error (error);
  /* The second date is called off. */
  {
    g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
    g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (bv_meeting_get_start_local (meeting), berlin);
    g_autoptr(GDateTime) second = g_date_time_add_weeks (start, 1);

    cancelled = g_date_time_format (second, "%Y-%m-%dT%H:%M:%S");
    exdate = g_date_time_format (second, "%Y%m%dT%H%M%S");
  }
  g_assert_true (bv_database_set_exception (db, bv_meeting_get_id (meeting), cancelled, TRUE, NULL, 0, &error));
  g_assert_no_error (error);

  window = bv_invite_window_new (NULL, manager, NULL, meeting);
  gtk_window_present (GTK_WINDOW (window));
  bv_test_wait_until (window_is_ready, window);
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.add-group-id", "s", bv_group_get_id (course));
  shown = describe_participants (db, meeting);
  g_assert_cmpstr (shown, ==, "Anna Trainer=moderator, Bert Bauer=participant");

  g_assert_cmpint (g_mkdir (ics_dir, 0700), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.export-calendar-to", "s", ics_dir);
  bv_test_wait_until (file_exported, &anna_exported);
  anna_ics = exported_file (ics_dir, "Anna Trainer.ics");
  folder = g_path_get_dirname (anna_ics);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_true (g_file_get_contents (anna_ics, &ics, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (ics, "RRULE:FREQ=WEEKLY;COUNT=6"));
  g_assert_nonnull (strstr (ics, "EXDATE"));
  g_assert_nonnull (strstr (ics, exdate));
  g_assert_cmpint (g_stat (anna_ics, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  gtk_widget_activate_action (GTK_WIDGET (window), "invite.export-merge-to", "s", merge_path);
  bv_test_wait_until (file_exists, merge_path);
  g_assert_cmpint (g_stat (merge_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The guest link: guest=true where guests may come, nothing where the
   * meeting lets in only invited people. */
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.copy-guest-link", NULL);
  guest_link = read_clipboard (GTK_WIDGET (window));
  g_assert_nonnull (strstr (guest_link, "guest=true"));
  bv_meeting_set_guest_policy (meeting, "ALWAYS_DENY");
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), "vorher");
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.copy-guest-link", NULL);
  g_clear_pointer (&guest_link, g_free);
  guest_link = read_clipboard (GTK_WIDGET (window));
  g_assert_cmpstr (guest_link, ==, "vorher");

  gtk_window_destroy (GTK_WINDOW (window));
}

static BvMemberChooser *
find_chooser (BvInviteWindow *window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (BV_IS_MEMBER_CHOOSER (l->data) && gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      return l->data;
  return NULL;
}

/* The titles of the rows the member chooser shows after its search. */
static char *
describe_chooser (BvMemberChooser *chooser)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (chooser), BV_TYPE_MEMBER_CHOOSER,
                                                               "list_box"));
  GString *text = g_string_new (NULL);

  for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w))
    if (ADW_IS_ACTION_ROW (w) && gtk_widget_get_child_visible (w))
      g_string_append_printf (text, "%s%s", text->len ? ", " : "",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)));
  return g_string_free (text, FALSE);
}

static gboolean
chooser_shows_one (gpointer data)
{
  g_autofree char *shown = describe_chooser (data);

  return g_str_equal (shown, "Konrad Kassenwart");
}

static gboolean
chooser_closed (gpointer data)
{
  return find_chooser (data) == NULL;
}

/* Add → Members…: only those not invited yet, found by name or address,
 * invited with the role their groups give them. */
static void
test_members_chooser (void)
{
  g_autofree char *path = g_build_filename (dir, "chooser.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) db = NULL;
  g_autoptr(BvContext) manager = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(BvGroup) board = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(BvParticipant) erika = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *offered = NULL;
  BvInviteWindow *window;
  BvMemberChooser *chooser;
  GtkWidget *invite, *search, *check;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  server = add_server (db, "Vereinsserver", TRUE);
  manager = bv_context_new (db);
  board = add_group (db, "Vorstand");
  add_member (db, "Erika Musterfrau", "erika@example.org", board, NULL);
  add_member (db, "Konrad Kassenwart", "kasse@example.org", board, NULL);
  add_member (db, "Lena Schmidt", "lena@example.org", NULL, NULL);
  add_member (db, "Max Mustermann", NULL, NULL, NULL);
  meeting = add_meeting (db, server, BV_MEETING_KIND_ASSEMBLY, "Jahresversammlung");

  /* Erika is invited already, so she is not offered again. */
  members = bv_database_list_group_members (db, bv_group_get_id (board));
  /* By last name: Kassenwart, Musterfrau. */
  g_assert_cmpstr (bv_member_get_name (g_ptr_array_index (members, 1)), ==, "Erika Musterfrau");
  erika = bv_participant_new_member (bv_meeting_get_id (meeting),
                                     bv_member_get_id (g_ptr_array_index (members, 1)),
                                     BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_assert_true (bv_database_add_participant (db, erika, &error));
  g_assert_no_error (error);

  window = bv_invite_window_new (NULL, manager, NULL, meeting);
  gtk_window_present (GTK_WINDOW (window));
  bv_test_wait_until (window_is_ready, window);

  gtk_widget_activate_action (GTK_WIDGET (window), "invite.add-members", NULL);
  chooser = find_chooser (window);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (chooser)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, "Invite Members");
  offered = describe_chooser (chooser);
  g_assert_cmpstr (offered, ==, "Konrad Kassenwart, Max Mustermann, Lena Schmidt");

  invite = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (chooser), BV_TYPE_MEMBER_CHOOSER,
                                                      "invite_button"));
  g_assert_false (gtk_widget_get_sensitive (invite));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (invite)), ==, "_Invite");

  /* By part of the address, in any case. */
  search = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (chooser), BV_TYPE_MEMBER_CHOOSER,
                                                      "search_entry"));
  gtk_editable_set_text (GTK_EDITABLE (search), "KASSE@");
  bv_test_wait_until (chooser_shows_one, chooser);

  check = find_descendant (GTK_WIDGET (chooser), GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (check);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_ancestor (check, ADW_TYPE_ACTION_ROW))),
                   ==, "Konrad Kassenwart");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_true (gtk_widget_get_sensitive (invite));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (invite)), ==, "_Invite 1 Member");

  /* The board moderates an assembly; Erika keeps the role she has. */
  g_signal_emit_by_name (invite, "clicked");
  bv_test_wait_until (chooser_closed, window);
  shown = describe_participants (db, meeting);
  g_assert_cmpstr (shown, ==, "Konrad Kassenwart=moderator, Erika Musterfrau=participant");
  g_clear_pointer (&shown, g_free);
  shown = describe_rows (window);
  g_assert_cmpstr (shown, ==, "Konrad Kassenwart, Erika Musterfrau");

  /* Cancel invites nobody; the invited are no longer offered. */
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.add-members", NULL);
  chooser = find_chooser (window);
  g_clear_pointer (&offered, g_free);
  offered = describe_chooser (chooser);
  g_assert_cmpstr (offered, ==, "Max Mustermann, Lena Schmidt");
  for (GtkWidget *w = GTK_WIDGET (chooser); w; w = next_widget (w, GTK_WIDGET (chooser)))
    if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), "_Cancel") == 0)
      {
        g_signal_emit_by_name (w, "clicked");
        break;
      }
  bv_test_wait_until (chooser_closed, window);
  g_clear_pointer (&shown, g_free);
  shown = describe_participants (db, meeting);
  g_assert_cmpstr (shown, ==, "Konrad Kassenwart=moderator, Erika Musterfrau=participant");

  /* "Select All" checks everyone offered, and then offers the opposite. */
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.add-members", NULL);
  chooser = find_chooser (window);
  invite = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (chooser), BV_TYPE_MEMBER_CHOOSER,
                                                      "invite_button"));
  {
    GtkButton *all = GTK_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (chooser), BV_TYPE_MEMBER_CHOOSER,
                                                                "select_all_button"));

    g_assert_cmpstr (gtk_button_get_label (all), ==, "Select _All");
    g_signal_emit_by_name (all, "clicked");
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (invite)), ==, "_Invite 2 Members");
    g_assert_cmpstr (gtk_button_get_label (all), ==, "Select _None");
    g_signal_emit_by_name (all, "clicked");
    g_assert_false (gtk_widget_get_sensitive (invite));
    g_signal_emit_by_name (all, "clicked");
  }
  g_signal_emit_by_name (invite, "clicked");
  bv_test_wait_until (chooser_closed, window);
  g_clear_pointer (&shown, g_free);
  shown = describe_participants (db, meeting);
  /* The store lists the invited by last name: Mustermann before Schmidt. */
  g_assert_cmpstr (shown, ==, "Konrad Kassenwart=moderator, Erika Musterfrau=participant, "
                              "Max Mustermann=participant, Lena Schmidt=participant");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Invitations of a meeting on the practice server carry 127.0.0.1 links:
 * nothing is copied, mailed or exported before a warning, which offers to
 * move the meeting to a real server. The board is preselected for a
 * board meeting; "All Members" is one choice. */
static void
test_practice_warning (void)
{
  g_autofree char *path = g_build_filename (dir, "practice.db", NULL);
  g_autofree char *merge_path = g_build_filename (dir, "practice.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) db = NULL;
  g_autoptr(BvContext) manager = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(BvServer) practice_server = NULL;
  g_autoptr(BvServer) club_server = NULL;
  g_autoptr(BvGroup) board = NULL;
  g_autoptr(BvGroup) everyone = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(BvMeeting) stored = NULL;
  g_autoptr(BvParticipant) erika = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *clip = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *drop_down;
  GListModel *choices;
  BvInviteWindow *window;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  practice_server = add_server (db, "Übungsserver", TRUE);
  manager = bv_context_new (db);
  g_settings_set_string (settings, "practice-server", bv_server_get_id (practice_server));
  everyone = add_group (db, "Mitglieder");
  board = add_group (db, "Vorstand");
  add_member (db, "Erika Musterfrau", "erika@example.org", board, everyone);
  add_member (db, "Lena Schmidt", "lena@example.org", everyone, NULL);
  add_member (db, "Max Müller", "max@example.org", everyone, NULL);
  meeting = add_meeting (db, practice_server, BV_MEETING_KIND_BOARD, "Vorstandssitzung");

  window = bv_invite_window_new (NULL, manager, settings, meeting);
  gtk_window_present (GTK_WINDOW (window));
  bv_test_wait_until (window_is_ready, window);

  /* The meeting and when it is stand above the list, wrapped in full;
   * the header bar has no room for a long title or a series with its
   * first date. */
  {
    GtkWidget *when = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), BV_TYPE_INVITE_WINDOW,
                                                                 "when_label"));
    AdwWindowTitle *title = ADW_WINDOW_TITLE (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                             BV_TYPE_INVITE_WINDOW,
                                                                             "window_title"));

    g_assert_nonnull (when);
    g_assert_true (gtk_widget_get_visible (when));
    g_assert_true (gtk_label_get_wrap (GTK_LABEL (when)));
    g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (when)), "When: "));
    g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "");
    g_assert_cmpstr (adw_window_title_get_title (title), ==, "");
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                                    BV_TYPE_INVITE_WINDOW,
                                                                                    "heading_label"))), ==,
                     "Invite to “Vorstandssitzung”");
  }

  /* A board meeting: the dialog starts on the board, not on everyone. */
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.add-group", NULL);
  dialog = wait_for_dialog (window, "Invite a Group");
  drop_down = find_descendant (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_DROP_DOWN);
  choices = gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices),
                                               gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down))), ==,
                   "Vorstand");
  adw_message_dialog_response (dialog, "invite");
  gtk_window_destroy (GTK_WINDOW (dialog));
  shown = describe_participants (db, meeting);
  g_assert_cmpstr (shown, ==, "Erika Musterfrau=moderator");

  /* "All Members" invites the rest in one choice. */
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.add-group", NULL);
  dialog = wait_for_dialog (window, "Invite a Group");
  drop_down = find_descendant (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_DROP_DOWN);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), 0);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "invite"));
  adw_message_dialog_response (dialog, "invite");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_pointer (&shown, g_free);
  shown = describe_participants (db, meeting);
  g_assert_cmpstr (shown, ==, "Max Müller=moderator, Erika Musterfrau=moderator, Lena Schmidt=moderator");
  erika = find_participant (db, meeting, "Erika Musterfrau");

  /* Copying a link: a warning first, the clipboard untouched. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), "untouched");
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.copy-link", "s", bv_participant_get_id (erika));
  dialog = wait_for_dialog (window, "This Meeting Is on the Practice Server");
  /* No real server yet: the text says how to add one, nothing to move to. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Preferences → Conference Servers"));
  g_assert_false (adw_message_dialog_has_response (dialog, "move"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  clip = read_clipboard (GTK_WIDGET (window));
  g_assert_cmpstr (clip, ==, "untouched");

  /* Exporting: the same warning, and no file. */
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.export-merge-to", "s", merge_path);
  dialog = wait_for_dialog (window, "This Meeting Is on the Practice Server");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  bv_test_drain ();
  g_assert_false (g_file_test (merge_path, G_FILE_TEST_EXISTS));

  /* Going on anyway copies the link, and the window asks no more. */
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.copy-link", "s", bv_participant_get_id (erika));
  dialog = wait_for_dialog (window, "This Meeting Is on the Practice Server");
  adw_message_dialog_response (dialog, "continue");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_pointer (&clip, g_free);
  clip = read_clipboard (GTK_WIDGET (window));
  g_assert_true (g_str_has_prefix (clip, "http://127.0.0.1:"));
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.copy-text", "s", bv_participant_get_id (erika));
  g_clear_pointer (&clip, g_free);
  clip = read_clipboard (GTK_WIDGET (window));
  g_assert_true (g_str_has_prefix (clip, "Hello Erika Musterfrau"));
  gtk_window_destroy (GTK_WINDOW (window));

  /* With a real server the warning offers to move the meeting there. */
  club_server = add_server (db, "Vereinsserver", TRUE);
  window = bv_invite_window_new (NULL, manager, settings, meeting);
  gtk_window_present (GTK_WINDOW (window));
  bv_test_wait_until (window_is_ready, window);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), "untouched");
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.copy-link", "s", bv_participant_get_id (erika));
  dialog = wait_for_dialog (window, "This Meeting Is on the Practice Server");
  g_assert_true (adw_message_dialog_has_response (dialog, "move"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "move"), ==, "_Move to “Vereinsserver”");
  adw_message_dialog_response (dialog, "move");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (bv_meeting_get_server_id (meeting), ==, bv_server_get_id (club_server));
  stored = bv_database_find_meeting (db, bv_meeting_get_id (meeting));
  g_assert_cmpstr (bv_meeting_get_server_id (stored), ==, bv_server_get_id (club_server));
  g_clear_pointer (&clip, g_free);
  clip = read_clipboard (GTK_WIDGET (window));
  g_assert_cmpstr (clip, ==, "untouched");

  /* Moved: the links lead to the club's server, with no more warning. */
  bv_test_wait_until (window_is_ready, window);
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.copy-link", "s", bv_participant_get_id (erika));
  g_clear_pointer (&clip, g_free);
  clip = read_clipboard (GTK_WIDGET (window));
  g_assert_true (g_str_has_prefix (clip, "http://127.0.0.1:"));
  g_assert_nonnull (strstr (clip, "fullName=Erika"));
  gtk_widget_activate_action (GTK_WIDGET (window), "invite.export-merge-to", "s", merge_path);
  bv_test_wait_until (file_exists, merge_path);
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "practice-server");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = bv_test_isolate_dirs ("bv-test-invite-window");
  int status;

  /* English source strings, whatever the machine's language. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  dir = g_dir_make_tmp ("bv-test-invite-XXXXXX", &error);
  g_assert_no_error (error);
  practice = bv_test_practice_server_new (SECRET);
  mailed_path = bv_test_install_stand_in ("mail", (const char *[]) { "x-scheme-handler/mailto", NULL });

  g_test_add_func ("/ui/invite-window/invite-and-send", test_invite_and_send);
  g_test_add_func ("/ui/invite-window/no-secret", test_no_secret);
  g_test_add_func ("/ui/invite-window/course", test_course);
  g_test_add_func ("/ui/invite-window/members-chooser", test_members_chooser);
  g_test_add_func ("/ui/invite-window/practice-warning", test_practice_warning);

  status = g_test_run ();

  g_clear_object (&practice);
  {
    const char *dirs[] = { "ics", "course-ics", NULL };
    const char *names[] = { "invite.db", "nosecret.db", "course.db", "merge.csv", "course.csv", "chooser.db",
                            "erika.ics", NULL };

    for (guint i = 0; dirs[i]; i++)
      {
        g_autofree char *ics_dir = g_build_filename (dir, dirs[i], NULL);
        g_autoptr(GDir) listing = g_dir_open (ics_dir, 0, NULL);
        const char *name;

        while (listing && (name = g_dir_read_name (listing)))
          {
            g_autofree char *file = g_build_filename (ics_dir, name, NULL);

            g_unlink (file);
          }
        g_rmdir (ics_dir);
      }
    for (guint i = 0; names[i]; i++)
      {
        g_autofree char *file = g_build_filename (dir, names[i], NULL);
        g_autofree char *wal = g_strconcat (file, "-wal", NULL);
        g_autofree char *shm = g_strconcat (file, "-shm", NULL);

        g_unlink (file);
        g_unlink (wal);
        g_unlink (shm);
      }
    g_rmdir (dir);
  }
  g_free (dir);
  g_free (mailed_path);
  if (root)
    bv_test_remove_tree (root);
  return status;
}
