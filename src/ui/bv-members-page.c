/* bv-members-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-groups-window.h"
#include "bv-mail-record.h"
#include "bv-member-dialog.h"
#include "bv-member-import.h"
#include "bv-member-import-dialog.h"
#include "bv-members-page.h"
#include "bv-ui-utils.h"

struct _BvMembersPage
{
  AdwBin              parent_instance;

  GtkStack           *stack;
  GtkStack           *results_stack;
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;

  BvContext    *manager;
  GSettings          *settings;
  BvDatabase         *database;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSelectionModel  *selection;
  char              **words;           /* the search, folded */
  gulong              members_changed_id;
  gulong              groups_changed_id;
  GCancellable       *cancellable;
  GtkNativeDialog    *chooser;         /* while a file chooser is open */
};

/* What a delete needs to be undone. */
typedef struct
{
  BvMember  *member;
  GPtrArray *participations;
  GPtrArray *mail_records;      /* so that "only unsent" stays right */
} DeletedMember;

G_DEFINE_FINAL_TYPE (BvMembersPage, bv_members_page, ADW_TYPE_BIN)

enum {
  SIGNAL_SHOW_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
deleted_free (DeletedMember *deleted)
{
  g_clear_object (&deleted->member);
  g_clear_pointer (&deleted->participations, g_ptr_array_unref);
  g_clear_pointer (&deleted->mail_records, g_ptr_array_unref);
  g_free (deleted);
}

static void
show_toast (BvMembersPage *self,
            AdwToast      *toast)
{
  g_signal_emit (self, signals[SIGNAL_SHOW_TOAST], 0, toast);
}

static GtkWindow *
get_window (BvMembersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_failure (BvMembersPage *self,
              const char    *heading,
              const char    *message)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self), heading, message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  bv_ui_fix_accessible_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "Müller" is found with "muller", "MÜLLER" and "Muller": accents and
 * case do not count, as people type names without them. */
static char *
fold (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_DEFAULT);
  g_autoptr(GString) base = g_string_new (NULL);

  for (const char *p = decomposed ? decomposed : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (base, c);
    }

  return g_utf8_casefold (base->str, -1);
}

static char *
describe_groups (BvMembersPage *self,
                 BvMember      *member)
{
  const char * const *ids = bv_member_get_group_ids (member);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; ids[i]; i++)
    {
      g_autoptr(BvGroup) group = bv_database_find_group (self->database, ids[i]);

      if (group)
        g_ptr_array_add (names, g_strdup (bv_group_get_name (group)));
    }
  g_ptr_array_add (names, NULL);

  /* Translators: the separator between group names, "Vorstand, Kasse" */
  return g_strjoinv (_(", "), (char **)names->pdata);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  BvMembersPage *self = user_data;
  BvMember *member = item;
  g_autofree char *groups = NULL;
  g_autofree char *haystack = NULL;
  g_autofree char *folded = NULL;

  if (!self->words || !self->words[0])
    return TRUE;

  groups = describe_groups (self, member);
  haystack = g_strjoin ("\n", bv_member_get_name (member),
                        bv_member_get_email (member) ? bv_member_get_email (member) : "",
                        groups, NULL);
  folded = fold (haystack);

  /* Every word somewhere: "vorstand müller" finds Müller in the board. */
  for (guint i = 0; self->words[i]; i++)
    if (!strstr (folded, self->words[i]))
      return FALSE;

  return TRUE;
}

static void
update_stack (BvMembersPage *self)
{
  guint total = self->database ? g_list_model_get_n_items (bv_database_get_members (self->database)) : 0;
  guint shown = self->filtered ? g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) : 0;

  gtk_stack_set_visible_child_name (self->stack, total > 0 ? "list" : "empty");
  gtk_stack_set_visible_child_name (self->results_stack, shown > 0 ? "results" : "no-results");
}

static void
search_changed_cb (BvMembersPage *self)
{
  g_autofree char *folded = fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  g_auto(GStrv) parts = g_strsplit_set (folded, " \t", -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i]; i++)
    if (*parts[i])
      g_ptr_array_add (words, g_strdup (parts[i]));
  g_ptr_array_add (words, NULL);

  g_strfreev (self->words);
  self->words = (char **)g_ptr_array_free (g_steal_pointer (&words), FALSE);

  if (self->filter)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_stack (self);
}

static void
stop_search_cb (BvMembersPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              BvMembersPage            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *menu = gtk_menu_button_new ();

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "view-more-symbolic");
  gtk_widget_set_valign (menu, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu, "flat");

  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), detail);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), menu);

  g_object_set_data (G_OBJECT (box), "name", name);
  g_object_set_data (G_OBJECT (box), "detail", detail);
  g_object_set_data (G_OBJECT (box), "menu", menu);
  gtk_list_item_set_child (list_item, box);
}

static void
append_item (GMenu      *menu,
             const char *label,
             const char *action,
             const char *id)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (id));
  g_menu_append_item (menu, item);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             BvMembersPage            *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  BvMember *member = gtk_list_item_get_item (list_item);
  GtkLabel *name = g_object_get_data (G_OBJECT (box), "name");
  GtkLabel *detail = g_object_get_data (G_OBJECT (box), "detail");
  GtkWidget *menu_button = g_object_get_data (G_OBJECT (box), "menu");
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) danger = g_menu_new ();
  g_autofree char *groups = describe_groups (self, member);
  g_autofree char *text = NULL;
  g_autofree char *actions_label = NULL;
  const char *email = bv_member_get_email (member);
  const char *id = bv_member_get_id (member);

  if (*groups)
    /* Translators: a member's e-mail address and groups, "a@b.de · Vorstand, Kasse" */
    text = g_strdup_printf (_("%s · %s"), email ? email : _("No e-mail address"), groups);
  else
    text = g_strdup (email ? email : _("No e-mail address"));

  gtk_label_set_text (name, bv_member_get_name (member));
  gtk_label_set_text (detail, text);

  append_item (menu, _("_Edit…"), "members.edit", id);
  append_item (menu, _("E_xport Data…"), "members.export", id);
  /* Two kinds of deleting: the menu says which is which. */
  append_item (danger, _("_Delete from the List"), "members.delete", id);
  append_item (danger, _("Delete All Data for _Good…"), "members.erase", id);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (danger));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));

  /* Translators: the accessible name of a member's menu button */
  actions_label = g_strdup_printf (_("Actions for %s"), bv_member_get_name (member));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, actions_label,
                                  -1);
  gtk_widget_set_tooltip_text (menu_button, actions_label);
}

/* Store changes */

static void
members_changed_cb (BvMembersPage *self)
{
  update_stack (self);
}

static void
groups_changed_cb (BvMembersPage *self)
{
  /* A renamed or deleted group changes the text of rows that stay where
   * they are: bind them again, and search again. */
  gtk_list_view_set_model (self->list_view, NULL);
  gtk_list_view_set_model (self->list_view, self->selection);
  if (self->filter)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_stack (self);
}

/* Actions */

static BvMember *
member_for (BvMembersPage *self,
            GVariant      *parameter)
{
  BvMember *member = self->database ? bv_database_find_member (self->database, g_variant_get_string (parameter, NULL)) : NULL;

  if (!member)
    show_toast (self, bv_ui_toast_new (_("The member was not found. It may have been deleted already.")));
  return member;
}

static void
saved_cb (BvMemberDialog *dialog,
          BvMember       *member,
          BvMembersPage  *self)
{
  /* Translators: %s is a member's name */
  show_toast (self, bv_ui_toast_new_format (_("“%s” saved"), bv_member_get_name (member)));
}

static void
open_dialog (BvMembersPage *self,
             BvMember      *member)
{
  BvMemberDialog *dialog;

  if (!self->database)
    return;

  dialog = bv_member_dialog_new (get_window (self), self->database, member);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_dialog (BV_MEMBERS_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BvMembersPage *self = BV_MEMBERS_PAGE (widget);
  g_autoptr(BvMember) member = member_for (self, parameter);

  if (member)
    open_dialog (self, member);
}

static void
activate_cb (GtkListView   *list_view,
             guint          position,
             BvMembersPage *self)
{
  g_autoptr(BvMember) member = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (member)
    open_dialog (self, member);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  bv_members_page_search (BV_MEMBERS_PAGE (widget));
}

static void
undo_delete_cb (AdwToast      *toast,
                BvMembersPage *self)
{
  DeletedMember *deleted = g_object_get_data (G_OBJECT (toast), "deleted");
  g_autoptr(GError) error = NULL;

  if (!self->database)
    return;

  if (!bv_database_restore_member (self->database, deleted->member, deleted->participations,
                                   deleted->mail_records, &error))
    bv_ui_show_notice (GTK_WIDGET (self), _("The Member Was Not Restored"), error->message);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BvMembersPage *self = BV_MEMBERS_PAGE (widget);
  g_autoptr(BvMember) member = member_for (self, parameter);
  g_autoptr(GError) error = NULL;
  DeletedMember *deleted;
  AdwToast *toast;

  if (!member)
    return;

  deleted = g_new0 (DeletedMember, 1);
  deleted->member = bv_member_copy (member);
  deleted->participations = bv_database_list_member_participations (self->database, bv_member_get_id (member));
  deleted->mail_records = bv_database_list_member_mail_records (self->database, bv_member_get_id (member));

  if (!bv_database_delete_member (self->database, bv_member_get_id (member), &error))
    {
      deleted_free (deleted);
      bv_ui_show_notice (GTK_WIDGET (self), _("The Member Was Not Deleted"), error->message);
      return;
    }

  /* Translators: %s is a member's name */
  toast = bv_ui_toast_new_format (_("“%s” deleted from the list"), bv_member_get_name (member));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, 10);
  g_object_set_data_full (G_OBJECT (toast), "deleted", deleted, (GDestroyNotify)deleted_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete_cb), self, 0);
  show_toast (self, toast);
}

static void
erase_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   BvMembersPage    *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "member-id");
  const char *name = g_object_get_data (G_OBJECT (dialog), "member-name");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "erase") || !self->database)
    return;

  if (!bv_database_erase_member (self->database, id, &error))
    {
      show_failure (self, _("The Member Could Not Be Deleted"), error->message);
      return;
    }

  /* Translators: %s is a member's name */
  show_toast (self, bv_ui_toast_new_format (_("All data of “%s” deleted"), name));
}

static void
erase_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BvMembersPage *self = BV_MEMBERS_PAGE (widget);
  g_autoptr(BvMember) member = member_for (self, parameter);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  guint meetings;

  if (!member)
    return;

  meetings = bv_database_count_member_meetings (self->database, bv_member_get_id (member));
  /* Translators: %s is a member's name */
  heading = g_strdup_printf (_("Delete All Data of “%s” for Good?"), bv_member_get_name (member));
  if (meetings > 0)
    body = g_strdup_printf (ngettext ("Everything stored about %s is deleted for good: address, phone, notes, groups and the invitation to %u meeting, also from the app’s files. Use this when someone asks for their data to be deleted. A link already sent keeps working until you renew the meeting’s links under “Invite”. This cannot be undone; to take someone off the list only, choose “Delete from the List”, which can be undone.",
                                      "Everything stored about %s is deleted for good: address, phone, notes, groups and the invitations to %u meetings, also from the app’s files. Use this when someone asks for their data to be deleted. A link already sent keeps working until you renew the meeting’s links under “Invite”. This cannot be undone; to take someone off the list only, choose “Delete from the List”, which can be undone.",
                                      meetings),
                            bv_member_get_name (member), meetings);
  else
    body = g_strdup_printf (_("Everything stored about %s is deleted for good: address, phone, notes and groups, also from the app’s files. Use this when someone asks for their data to be deleted. %s is not invited to any meeting. This cannot be undone; to take someone off the list only, choose “Delete from the List”, which can be undone."),
                            bv_member_get_name (member), bv_member_get_name (member));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "erase", _("_Delete for Good"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "erase", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "member-id", g_strdup (bv_member_get_id (member)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "member-name", g_strdup (bv_member_get_name (member)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (erase_response_cb), self, 0);
  bv_ui_fix_accessible_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Export */

static void
export_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BvMembersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: the first %s is a file name, the second what went wrong */
      message = g_strdup_printf (_("“%s” could not be written: %s. Choose another folder and try again."),
                                 name, error->message);
      show_failure (self, _("The Data Could Not Be Saved"), message);
      return;
    }

  /* Translators: %s is a file name */
  show_toast (self, bv_ui_toast_new_format (_("Saved as “%s”"), name));
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    BvMembersPage   *self)
{
  const char *id = g_object_get_data (G_OBJECT (chooser), "member-id");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *json;

  if (response == GTK_RESPONSE_ACCEPT && self->database)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file)
    {
      json = bv_database_export_member (self->database, id, &error);
      if (!json)
        show_failure (self, _("The Data Could Not Be Exported"), error->message);
      else
        {
          bytes = g_bytes_new_take (json, strlen (json));
          /* Private: the file holds one person's data. */
          g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                               G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                               self->cancellable, export_written_cb, g_object_ref (self));
        }
    }

  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BvMembersPage *self = BV_MEMBERS_PAGE (widget);
  g_autoptr(BvMember) member = member_for (self, parameter);
  g_autofree char *title = NULL;
  g_autofree char *file_name = NULL;
  GtkFileChooserNative *chooser;

  if (!member)
    return;

  /* Translators: %s is a member's name */
  title = g_strdup_printf (_("Export the Data of %s"), bv_member_get_name (member));
  chooser = gtk_file_chooser_native_new (title, get_window (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  /* Translators: the suggested file name of a member's data; %s is the name */
  file_name = g_strdup_printf (_("Data of %s.json"), bv_member_get_name (member));
  g_strdelimit (file_name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data_full (G_OBJECT (chooser), "member-id", g_strdup (bv_member_get_id (member)), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);

  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* Import */

static void
imported_cb (BvMemberImportDialog *dialog,
             guint                 added,
             guint                 updated,
             guint                 skipped,
             BvMembersPage        *self)
{
  /* Translators: the numbers of members added, updated and skipped */
  show_toast (self, bv_ui_toast_new_format (_("Members: %u added, %u updated, %u skipped"),
                                            added, updated, skipped));
}

static void
preview_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BvMembersPage) self = user_data;
  g_autoptr(BvMemberImport) import = NULL;
  g_autoptr(GError) error = NULL;
  BvMemberImportDialog *dialog;

  import = bv_member_import_file_finish (result, &error);
  if (!import)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_failure (self, _("The Members Could Not Be Imported"), error->message);
      return;
    }
  if (!self->database)
    return;

  dialog = bv_member_import_dialog_new (get_window (self), self->database, import);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    BvMembersPage   *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->database)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file)
    bv_member_import_file_async (self->database, file, self->cancellable,
                                 preview_ready_cb, g_object_ref (self));

  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
}

static void
groups_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BvMembersPage *self = BV_MEMBERS_PAGE (widget);

  if (!self->database)
    return;
  gtk_window_present (GTK_WINDOW (bv_groups_window_new (get_window (self), self->database)));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BvMembersPage *self = BV_MEMBERS_PAGE (widget);
  g_autoptr(GtkFileFilter) lists = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (!self->database)
    return;

  chooser = gtk_file_chooser_native_new (_("Import Members"), get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (lists, _("Member lists (CSV, vCard)"));
  gtk_file_filter_add_mime_type (lists, "text/csv");
  gtk_file_filter_add_mime_type (lists, "text/vcard");
  gtk_file_filter_add_mime_type (lists, "text/x-vcard");
  gtk_file_filter_add_mime_type (lists, "text/tab-separated-values");
  gtk_file_filter_add_suffix (lists, "csv");
  gtk_file_filter_add_suffix (lists, "txt");
  gtk_file_filter_add_suffix (lists, "vcf");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), lists);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_response_cb), self, 0);

  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* GObject */

static void
bv_members_page_dispose (GObject *object)
{
  BvMembersPage *self = (BvMembersPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->database)
    {
      g_clear_signal_handler (&self->members_changed_id, bv_database_get_members (self->database));
      g_clear_signal_handler (&self->groups_changed_id, bv_database_get_groups (self->database));
    }
  if (self->list_view)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->database);
  g_clear_object (&self->manager);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bv_members_page_parent_class)->dispose (object);
}

static void
bv_members_page_finalize (GObject *object)
{
  BvMembersPage *self = (BvMembersPage *)object;

  g_strfreev (self->words);

  G_OBJECT_CLASS (bv_members_page_parent_class)->finalize (object);
}

static void
bv_members_page_class_init (BvMembersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bv_members_page_dispose;
  object_class->finalize = bv_members_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bv-members-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BvMembersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BvMembersPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, BvMembersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BvMembersPage, list_view);
  gtk_widget_class_bind_template_child_full (widget_class, "members_empty", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "members.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "members.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "members.groups", NULL, groups_action);
  gtk_widget_class_install_action (widget_class, "members.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "members.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "members.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "members.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "members.erase", "s", erase_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "members.search", NULL);

  /* A toast for the window to show (with its undo button, if any). */
  signals[SIGNAL_SHOW_TOAST] =
    g_signal_new ("show-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);
}

static void
bv_members_page_init (BvMembersPage *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (activate_cb), self);

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb), self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  /* Nothing to act on before setup (). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.add", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.groups", FALSE);
  update_stack (self);
}

/* Public API */

void
bv_members_page_setup (BvMembersPage   *self,
                       BvContext *manager,
                       GSettings       *settings)
{
  GListModel *members;

  g_return_if_fail (BV_IS_MEMBERS_PAGE (self));
  g_return_if_fail (BV_IS_CONTEXT (manager));
  g_return_if_fail (!settings || G_IS_SETTINGS (settings));
  g_return_if_fail (!self->manager);

  self->manager = g_object_ref (manager);
  self->settings = settings ? g_object_ref (settings) : NULL;
  self->database = g_object_ref (bv_context_get_database (manager));
  members = bv_database_get_members (self->database);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (members),
                                              GTK_FILTER (g_object_ref (self->filter)));
  self->selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered))));
  gtk_list_view_set_model (self->list_view, self->selection);

  self->members_changed_id = g_signal_connect_object (members, "items-changed",
                                                      G_CALLBACK (members_changed_cb), self,
                                                      G_CONNECT_SWAPPED);
  self->groups_changed_id = g_signal_connect_object (bv_database_get_groups (self->database), "items-changed",
                                                     G_CALLBACK (groups_changed_cb), self,
                                                     G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (members_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.add", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.import", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.groups", TRUE);
  update_stack (self);
  bv_ui_fix_accessible_names (GTK_WIDGET (self));
}

void
bv_members_page_search (BvMembersPage *self)
{
  g_return_if_fail (BV_IS_MEMBERS_PAGE (self));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") != 0)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
