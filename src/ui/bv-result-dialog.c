/* bv-result-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "bv-result-dialog-private.h"
#include "bv-ui-utils.h"

struct _BvResultDialog
{
  AdwWindow       parent_instance;

  BvContext      *context;
  BvMeeting      *meeting;
  BvAgendaItem   *item;
  guint           present;

  GtkWidget      *fields[BV_RESULT_N_FIELDS];
  GtkWidget      *vote_group;
  GtkWidget      *election_group;
};

G_DEFINE_FINAL_TYPE (BvResultDialog, bv_result_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

GtkWidget *
_bv_result_dialog_get_field (BvResultDialog *self,
                             BvResultField   field)
{
  g_return_val_if_fail (BV_IS_RESULT_DIALOG (self), NULL);
  g_return_val_if_fail (field < BV_RESULT_N_FIELDS, NULL);
  return self->fields[field];
}

static gboolean
is_election (BvResultDialog *self)
{
  return adw_combo_row_get_selected (ADW_COMBO_ROW (self->fields[BV_RESULT_FIELD_KIND])) == 1;
}

static guint
count (BvResultDialog *self,
       BvResultField   field)
{
  return (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->fields[field]));
}

/* "Name: votes" per line; a line without a number counts 0 votes. */
static void
read_elected (BvResultDialog *self,
              BvAgendaResult *result)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->fields[BV_RESULT_FIELD_ELECTED]));
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *colon = strrchr (line, ':');
      guint votes = 0;

      if (!*line)
        continue;
      if (colon)
        {
          *colon = '\0';
          votes = (guint) MAX (0, atoi (colon + 1));
        }
      bv_agenda_result_add_elected (result, g_strstrip (line), votes);
    }
}

static BvAgendaResult *
read_form (BvResultDialog *self)
{
  BvAgendaResult *result = bv_agenda_result_new (self->item->id,
                                                 is_election (self) ? BV_AGENDA_RESULT_ELECTION
                                                                    : BV_AGENDA_RESULT_VOTE);

  result->present = self->present;
  result->recorded_at = g_get_real_time () / G_USEC_PER_SEC;
  if (result->kind == BV_AGENDA_RESULT_VOTE)
    {
      result->vote_kind = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->fields[BV_RESULT_FIELD_VOTE_KIND])));
      result->yes = count (self, BV_RESULT_FIELD_YES);
      result->no = count (self, BV_RESULT_FIELD_NO);
      result->abstentions = count (self, BV_RESULT_FIELD_ABSTENTIONS);
      result->invalid = count (self, BV_RESULT_FIELD_INVALID);
    }
  else
    {
      result->office = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->fields[BV_RESULT_FIELD_OFFICE])));
      read_elected (self, result);
      result->accepted = gtk_switch_get_active (GTK_SWITCH (self->fields[BV_RESULT_FIELD_ACCEPTED]));
    }
  return result;
}

static void
update (BvResultDialog *self)
{
  g_autoptr(BvAgendaResult) result = read_form (self);
  g_autofree char *warning = bv_agenda_result_check_present (result);
  gboolean election = result->kind == BV_AGENDA_RESULT_ELECTION;

  gtk_widget_set_visible (self->vote_group, !election);
  gtk_widget_set_visible (self->election_group, election);
  bv_ui_show_message (GTK_LABEL (self->fields[BV_RESULT_FIELD_MESSAGE]), warning, "warning");
}

static void
save_clicked_cb (BvResultDialog *self)
{
  g_autoptr(BvAgendaResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* A number typed but not yet confirmed (no Enter, no focus change, as
   * with a screen reader's Save) counts as typed. */
  for (guint i = 0; i < G_N_ELEMENTS (self->fields); i++)
    if (GTK_IS_SPIN_BUTTON (self->fields[i]))
      gtk_spin_button_update (GTK_SPIN_BUTTON (self->fields[i]));
  result = read_form (self);

  if (!bv_database_set_agenda_result (bv_context_get_database (self->context),
                                      bv_meeting_get_id (self->meeting), result, &error))
    {
      bv_ui_show_message (GTK_LABEL (self->fields[BV_RESULT_FIELD_MESSAGE]), error->message, "error");
      return;
    }
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static GtkWidget *
add_count_row (BvResultDialog      *self,
               AdwPreferencesGroup *group,
               BvResultField        field,
               const char          *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 100000, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  bv_ui_name_from_row (spin, row);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (group, row);
  self->fields[field] = spin;
  return spin;
}

static void
bv_result_dialog_dispose (GObject *object)
{
  BvResultDialog *self = BV_RESULT_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_object (&self->meeting);
  g_clear_pointer (&self->item, bv_agenda_item_free);
  G_OBJECT_CLASS (bv_result_dialog_parent_class)->dispose (object);
}

static void
bv_result_dialog_class_init (BvResultDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = bv_result_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bv_result_dialog_init (BvResultDialog *self)
{
}

static void
build (BvResultDialog *self,
       guint           number)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *votes;
  AdwPreferencesGroup *election;
  GtkWidget *kind = adw_combo_row_new ();
  GtkWidget *row;
  GtkWidget *scroller;
  GtkWidget *label;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *present = NULL;

  /* Translators: %u is the number of an agenda item, %s its title. */
  title = g_strdup_printf (_("Result of Item %u: %s"), number, self->item->title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_window_set_default_size (GTK_WINDOW (self), 460, 620);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  g_signal_connect_object (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (save, "clicked", G_CALLBACK (save_clicked_cb), self, G_CONNECT_SWAPPED);
  self->fields[BV_RESULT_FIELD_SAVE] = save;
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_group_set_title (group, self->item->title);
  if (self->item->motion)
    adw_preferences_group_set_description (group, self->item->motion);
  gtk_string_list_append (kinds, _("Vote"));
  gtk_string_list_append (kinds, _("Election"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind), _("Kind of Result"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind), G_LIST_MODEL (kinds));
  g_signal_connect_object (kind, "notify::selected", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (group, kind);
  self->fields[BV_RESULT_FIELD_KIND] = kind;
  if (self->present)
    {
      /* Translators: %u is a number of people. */
      present = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u entitled voter present now.",
                                              "%u entitled voters present now.",
                                              self->present),
                                 self->present);
      label = gtk_label_new (present);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_top (label, 6);
      adw_preferences_group_add (group, label);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  votes = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (votes, _("Vote"));
  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("How the Vote Was Taken (e.g. open, secret)"));
  gtk_editable_set_text (GTK_EDITABLE (row), _("open"));
  adw_preferences_group_add (votes, row);
  self->fields[BV_RESULT_FIELD_VOTE_KIND] = row;
  add_count_row (self, votes, BV_RESULT_FIELD_YES, _("Yes"));
  add_count_row (self, votes, BV_RESULT_FIELD_NO, _("No"));
  add_count_row (self, votes, BV_RESULT_FIELD_ABSTENTIONS, _("Abstentions"));
  add_count_row (self, votes, BV_RESULT_FIELD_INVALID, _("Invalid"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), votes);
  self->vote_group = GTK_WIDGET (votes);

  election = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (election, _("Election"));
  adw_preferences_group_set_description (election, _("One person per line with their votes, e.g. “Anna Becker: 17”."));
  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Office"));
  g_signal_connect_object (row, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (election, row);
  self->fields[BV_RESULT_FIELD_OFFICE] = row;
  self->fields[BV_RESULT_FIELD_ELECTED] = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->fields[BV_RESULT_FIELD_ELECTED]), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->fields[BV_RESULT_FIELD_ELECTED]), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->fields[BV_RESULT_FIELD_ELECTED]), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->fields[BV_RESULT_FIELD_ELECTED]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Persons elected and their votes"), -1);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->fields[BV_RESULT_FIELD_ELECTED])),
                           "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->fields[BV_RESULT_FIELD_ELECTED]);
  gtk_widget_set_size_request (scroller, -1, 90);
  gtk_widget_set_margin_top (scroller, 6);
  gtk_widget_add_css_class (scroller, "card");
  adw_preferences_group_add (election, scroller);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Election Accepted"));
  self->fields[BV_RESULT_FIELD_ACCEPTED] = gtk_switch_new ();
  gtk_widget_set_valign (self->fields[BV_RESULT_FIELD_ACCEPTED], GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->fields[BV_RESULT_FIELD_ACCEPTED]);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), self->fields[BV_RESULT_FIELD_ACCEPTED]);
  bv_ui_name_from_row (self->fields[BV_RESULT_FIELD_ACCEPTED], row);
  gtk_widget_set_margin_top (row, 6);
  adw_preferences_group_add (election, row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), election);
  self->election_group = GTK_WIDGET (election);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_visible (label, FALSE);
  adw_preferences_group_add (group, label);
  self->fields[BV_RESULT_FIELD_MESSAGE] = label;
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
  bv_ui_fix_accessible_names (GTK_WIDGET (self));
}

static void
fill (BvResultDialog *self)
{
  g_autoptr(BvAgendaResult) result = bv_database_get_agenda_result (bv_context_get_database (self->context),
                                                                    bv_meeting_get_id (self->meeting),
                                                                    self->item->id);
  if (!result)
    return;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->fields[BV_RESULT_FIELD_KIND]),
                              result->kind == BV_AGENDA_RESULT_ELECTION ? 1 : 0);
  if (result->kind == BV_AGENDA_RESULT_VOTE)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->fields[BV_RESULT_FIELD_VOTE_KIND]),
                             result->vote_kind ? result->vote_kind : "");
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->fields[BV_RESULT_FIELD_YES]), result->yes);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->fields[BV_RESULT_FIELD_NO]), result->no);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->fields[BV_RESULT_FIELD_ABSTENTIONS]), result->abstentions);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->fields[BV_RESULT_FIELD_INVALID]), result->invalid);
    }
  else
    {
      GString *text = g_string_new (NULL);

      gtk_editable_set_text (GTK_EDITABLE (self->fields[BV_RESULT_FIELD_OFFICE]),
                             result->office ? result->office : "");
      for (guint i = 0; i < result->elected->len; i++)
        {
          BvElected *elected = g_ptr_array_index (result->elected, i);

          g_string_append_printf (text, "%s: %u\n", elected->name, elected->votes);
        }
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->fields[BV_RESULT_FIELD_ELECTED])),
                                text->str, -1);
      g_string_free (text, TRUE);
      gtk_switch_set_active (GTK_SWITCH (self->fields[BV_RESULT_FIELD_ACCEPTED]), result->accepted);
    }
}

BvResultDialog *
bv_result_dialog_new (GtkWindow    *parent,
                      BvContext    *context,
                      BvMeeting    *meeting,
                      BvAgendaItem *item,
                      guint         number,
                      guint         present)
{
  BvResultDialog *self;

  g_return_val_if_fail (BV_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (item, NULL);

  self = g_object_new (BV_TYPE_RESULT_DIALOG, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  self->meeting = g_object_ref (meeting);
  self->item = bv_agenda_item_copy (item);
  self->present = present;
  build (self, number);
  fill (self);
  update (self);
  return self;
}
