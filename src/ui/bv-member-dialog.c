/* bv-member-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-email-text.h"
#include "bv-member-dialog.h"
#include "bv-invitation-text.h"
#include "bv-ui-utils.h"

struct _BvMemberDialog
{
  AdwWindow         parent_instance;

  AdwWindowTitle   *window_title;
  GtkRevealer      *error_revealer;
  GtkLabel         *error_label;
  AdwEntryRow      *first_name_row;
  AdwEntryRow      *last_name_row;
  AdwComboRow      *salutation_row;
  GtkLabel         *hint_label;
  AdwEntryRow      *email_row;
  AdwEntryRow      *phone_row;
  GtkFlowBox       *groups_box;
  GtkTextView      *notes_view;

  BvDatabase       *database;
  BvMember         *member;     /* the list's object, or NULL for a new one */
  GHashTable       *checked;    /* group id → GtkCheckButton, as shown */
  gboolean          focused;    /* the first field got the keyboard once */
};

G_DEFINE_FINAL_TYPE (BvMemberDialog, bv_member_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (BvMemberDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static char *
stripped_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* The greeting row says how the invitation will begin, with the names as
 * typed, so that "Formal" needs no explanation. */
static void
update_greeting (BvMemberDialog *self)
{
  g_autofree char *first_name = stripped_text (self->first_name_row);
  g_autofree char *last_name = stripped_text (self->last_name_row);
  g_autofree char *greeting = NULL;
  g_autofree char *subtitle = NULL;

  greeting = bv_invitation_text_greeting (adw_combo_row_get_selected (self->salutation_row),
                                          first_name, last_name);
  /* Translators: %s is how an invitation begins, "Liebe Frau Schäfer". */
  subtitle = g_strdup_printf (_("Invitations begin “%s,”"), greeting);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->salutation_row), subtitle);
}

/* Name required, address loosely checked, as the user types. */
static void
validate (BvMemberDialog *self)
{
  g_autofree char *first_name = stripped_text (self->first_name_row);
  g_autofree char *last_name = stripped_text (self->last_name_row);
  g_autofree char *email = stripped_text (self->email_row);
  g_autofree char *email_problem = bv_email_text_problem (email);
  gboolean email_ok = email_problem == NULL;

  if (email_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->email_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->email_row), "error");

  update_greeting (self);

  /* Why Save is grey, in words. */
  if (email_problem)
    bv_ui_show_message (self->hint_label, email_problem, "error");
  else if (!*first_name && !*last_name)
    bv_ui_show_message (self->hint_label, _("Enter a name to save the member."), "dim-label");
  else
    bv_ui_show_message (self->hint_label, NULL, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "member.save", (*first_name || *last_name) && email_ok);
}

static void
add_group_check (BvMemberDialog *self,
                 BvGroup        *group,
                 gboolean        active)
{
  GtkWidget *check = gtk_check_button_new_with_label (bv_group_get_name (group));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_flow_box_append (self->groups_box, check);
  g_hash_table_insert (self->checked, g_strdup (bv_group_get_id (group)), check);
}

static void
fill_groups (BvMemberDialog *self)
{
  GListModel *groups = bv_database_get_groups (self->database);
  guint n_items = g_list_model_get_n_items (groups);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BvGroup) group = g_list_model_get_item (groups, i);

      add_group_check (self, group,
                       self->member && bv_member_has_group (self->member, bv_group_get_id (group)));
    }
}

static void
changed_cb (BvMemberDialog *self)
{
  show_error (self, NULL);
  validate (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BvMemberDialog *self = BV_MEMBER_DIALOG (widget);
  g_autoptr(BvMember) edited = self->member ? bv_member_copy (self->member) : bv_member_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMember) saved = NULL;
  g_autofree char *first_name = stripped_text (self->first_name_row);
  g_autofree char *last_name = stripped_text (self->last_name_row);
  g_autofree char *email = stripped_text (self->email_row);
  g_autofree char *phone = stripped_text (self->phone_row);
  g_autofree char *notes = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  GHashTableIter iter;
  gpointer key, value;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  g_hash_table_iter_init (&iter, self->checked);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (gtk_check_button_get_active (value))
      g_ptr_array_add (ids, key);
  g_ptr_array_add (ids, NULL);

  bv_member_set_names (edited, first_name, last_name);
  bv_member_set_salutation (edited, adw_combo_row_get_selected (self->salutation_row));
  bv_member_set_email (edited, email);
  bv_member_set_phone (edited, phone);
  bv_member_set_notes (edited, notes);
  bv_member_set_group_ids (edited, (const char * const *)ids->pdata);

  if (!bv_database_save_member (self->database, edited, &error))
    {
      show_error (self, error->message);
      return;
    }

  saved = bv_database_find_member (self->database, bv_member_get_id (edited));
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, saved ? saved : edited);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
new_group_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       BvMemberDialog   *self)
{
  g_autofree char *name = NULL;
  g_autoptr(BvGroup) group = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "save"))
    return;

  name = bv_ui_name_dialog_get_name (dialog);
  group = bv_group_new (name);
  if (!bv_database_save_group (self->database, group, &error))
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  add_group_check (self, group, TRUE);
}

static void
new_group_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BvMemberDialog *self = BV_MEMBER_DIALOG (widget);
  AdwMessageDialog *dialog;

  dialog = bv_ui_name_dialog_new (GTK_WINDOW (self), _("New Group"),
                                  _("For example “Vorstand” or “Kursgruppe Montag”. The member is put into it."),
                                  _("Name of the group"), NULL, _("C_reate"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_group_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (adw_message_dialog_get_extra_child (dialog));
}

/* The first field takes the keyboard once the window is on screen: a
 * focus grabbed before that makes GTK 4.8 announce the whole window to
 * assistive technology as a nameless filler, never showing, so a screen
 * reader does not see the dialog open (tests/a11y-tasks-test.py). */
static void
bv_member_dialog_map (GtkWidget *widget)
{
  BvMemberDialog *self = BV_MEMBER_DIALOG (widget);

  GTK_WIDGET_CLASS (bv_member_dialog_parent_class)->map (widget);
  if (!self->focused)
    {
      self->focused = TRUE;
      gtk_widget_grab_focus (GTK_WIDGET (self->first_name_row));
    }
}

static void
bv_member_dialog_dispose (GObject *object)
{
  BvMemberDialog *self = (BvMemberDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BV_TYPE_MEMBER_DIALOG);
  g_clear_object (&self->database);
  g_clear_object (&self->member);
  g_clear_pointer (&self->checked, g_hash_table_unref);

  G_OBJECT_CLASS (bv_member_dialog_parent_class)->dispose (object);
}

static void
bv_member_dialog_class_init (BvMemberDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bv_member_dialog_dispose;
  widget_class->map = bv_member_dialog_map;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bv-member-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BvMemberDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, BvMemberDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, BvMemberDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, BvMemberDialog, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, BvMemberDialog, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, BvMemberDialog, salutation_row);
  gtk_widget_class_bind_template_child (widget_class, BvMemberDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, BvMemberDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, BvMemberDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, BvMemberDialog, groups_box);
  gtk_widget_class_bind_template_child (widget_class, BvMemberDialog, notes_view);

  gtk_widget_class_install_action (widget_class, "member.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "member.new-group", NULL, new_group_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "member.save", NULL);

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BV_TYPE_MEMBER);
}

static void
bv_member_dialog_init (BvMemberDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_signal_connect_swapped (self->first_name_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->last_name_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->salutation_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->email_row, "changed", G_CALLBACK (changed_cb), self);
}

BvMemberDialog *
bv_member_dialog_new (GtkWindow  *parent,
                      BvDatabase *database,
                      BvMember   *member)
{
  BvMemberDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BV_IS_DATABASE (database), NULL);
  g_return_val_if_fail (!member || BV_IS_MEMBER (member), NULL);

  self = g_object_new (BV_TYPE_MEMBER_DIALOG,
                       "transient-for", parent,
                       "title", member ? _("Edit Member") : _("Add Member"),
                       NULL);
  self->database = g_object_ref (database);
  self->member = member ? g_object_ref (member) : NULL;

  adw_window_title_set_title (self->window_title, member ? _("Edit Member") : _("Add Member"));
  if (member)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->first_name_row), bv_member_get_first_name (member));
      gtk_editable_set_text (GTK_EDITABLE (self->last_name_row), bv_member_get_last_name (member));
      adw_combo_row_set_selected (self->salutation_row, bv_member_get_salutation (member));
      gtk_editable_set_text (GTK_EDITABLE (self->email_row),
                             bv_member_get_email (member) ? bv_member_get_email (member) : "");
      gtk_editable_set_text (GTK_EDITABLE (self->phone_row),
                             bv_member_get_phone (member) ? bv_member_get_phone (member) : "");
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                                bv_member_get_notes (member) ? bv_member_get_notes (member) : "", -1);
    }
  fill_groups (self);
  validate (self);
  show_error (self, NULL);
  bv_ui_fix_accessible_names (GTK_WIDGET (self));

  return self;
}
