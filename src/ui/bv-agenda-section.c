/* bv-agenda-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include "bv-agenda-section.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bv-ui-utils.h"

/* The widgets of one item; index i of self->rows belongs to index i of
 * self->items. */
typedef struct
{
  AdwExpanderRow *expander;
  AdwEntryRow    *title_row;
  GtkTextView    *motion_view;
  GtkWidget      *up_button;
  GtkWidget      *down_button;
  GtkWidget      *remove_button;
} BvAgendaRow;

struct _BvAgendaSection
{
  AdwPreferencesGroup parent_instance;

  GtkLabel           *agenda_error;

  BvMeeting          *draft;
  GPtrArray          *items;  /* BvAgendaItem, as typed (titles not yet stripped) */
  GPtrArray          *rows;   /* BvAgendaRow */
  gboolean            filling;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BvAgendaSection, bv_agenda_section, ADW_TYPE_PREFERENCES_GROUP)

static void rebuild_rows (BvAgendaSection *self);

/* What the draft gets: titles without the blanks at the ends. */
static void
sync_draft (BvAgendaSection *self)
{
  g_autoptr(GPtrArray) items = bv_agenda_copy (self->items);

  for (guint i = 0; i < items->len; i++)
    {
      BvAgendaItem *item = g_ptr_array_index (items, i);

      g_strstrip (item->title);
      if (item->motion)
        {
          g_strstrip (item->motion);
          if (!*item->motion)
            g_clear_pointer (&item->motion, g_free);
        }
    }
  if (self->draft)
    bv_meeting_set_agenda (self->draft, items);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
update_row_texts (BvAgendaSection *self,
                  guint            index)
{
  BvAgendaItem *item = g_ptr_array_index (self->items, index);
  BvAgendaRow *row = g_ptr_array_index (self->rows, index);
  g_autofree char *title = g_strstrip (g_strdup (item->title));
  g_autofree char *heading = NULL;
  g_autofree char *subtitle = NULL;

  if (*title)
    /* Translators: an agenda item in the editor, "2. Satzungsänderung" */
    heading = g_strdup_printf (_("%u. %s"), index + 1, title);
  else
    /* Translators: an agenda item without a title yet */
    heading = g_strdup_printf (_("%u. (no title yet)"), index + 1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->expander), heading);

  if (item->motion && *g_strstrip (g_strdup (item->motion)))
    {
      g_autofree char *first = g_strdup (item->motion);
      char *newline = strchr (first, '\n');

      if (newline)
        *newline = '\0';
      /* Translators: %s is the first line of a motion */
      subtitle = g_strdup_printf (_("Motion: %s"), first);
    }
  else
    subtitle = g_strdup (_("No motion"));
  adw_expander_row_set_subtitle (row->expander, subtitle);
}

static guint
row_index (BvAgendaSection *self,
           GtkWidget       *widget)
{
  BvAgendaRow *row = g_object_get_data (G_OBJECT (widget), "bv-agenda-row");

  for (guint i = 0; i < self->rows->len; i++)
    if (g_ptr_array_index (self->rows, i) == row)
      return i;
  return G_MAXUINT;
}

static void
title_changed_cb (GtkEditable     *editable,
                  BvAgendaSection *self)
{
  guint index = row_index (self, GTK_WIDGET (editable));
  BvAgendaItem *item;

  if (self->filling || index == G_MAXUINT)
    return;
  item = g_ptr_array_index (self->items, index);
  g_free (item->title);
  item->title = g_strdup (gtk_editable_get_text (editable));
  update_row_texts (self, index);
  sync_draft (self);
}

static void
motion_changed_cb (GtkTextBuffer   *buffer,
                   BvAgendaSection *self)
{
  GtkTextView *view = g_object_get_data (G_OBJECT (buffer), "bv-view");
  guint index = row_index (self, GTK_WIDGET (view));
  BvAgendaItem *item;
  GtkTextIter start, end;

  if (self->filling || index == G_MAXUINT)
    return;
  item = g_ptr_array_index (self->items, index);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_free (item->motion);
  item->motion = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  update_row_texts (self, index);
  sync_draft (self);
}

/* After rows are rebuilt: the item that moved stays open with the focus
 * on the button used, so that pressing it again moves it further. */
static void
focus_after_rebuild (BvAgendaSection *self,
                     guint            index,
                     const char      *which)
{
  BvAgendaRow *row;
  GtkWidget *target;

  if (index >= self->rows->len)
    return;
  row = g_ptr_array_index (self->rows, index);
  adw_expander_row_set_expanded (row->expander, TRUE);
  if (g_str_equal (which, "up"))
    target = gtk_widget_get_sensitive (row->up_button) ? row->up_button : row->down_button;
  else if (g_str_equal (which, "down"))
    target = gtk_widget_get_sensitive (row->down_button) ? row->down_button : row->up_button;
  else
    target = GTK_WIDGET (row->title_row);
  gtk_widget_grab_focus (target);
}

static void
move_clicked_cb (GtkButton       *button,
                 BvAgendaSection *self)
{
  guint index = row_index (self, GTK_WIDGET (button));
  gboolean up = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "bv-up"));
  guint target;
  gpointer item;

  if (index == G_MAXUINT)
    return;
  if (up ? index == 0 : index + 1 >= self->items->len)
    return;
  target = up ? index - 1 : index + 1;
  item = g_ptr_array_steal_index (self->items, index);
  g_ptr_array_insert (self->items, target, item);
  rebuild_rows (self);
  focus_after_rebuild (self, target, up ? "up" : "down");
  sync_draft (self);
}

static void
remove_clicked_cb (GtkButton       *button,
                   BvAgendaSection *self)
{
  guint index = row_index (self, GTK_WIDGET (button));

  if (index == G_MAXUINT)
    return;
  g_ptr_array_remove_index (self->items, index);
  rebuild_rows (self);
  if (self->rows->len > 0)
    gtk_widget_grab_focus (GTK_WIDGET (((BvAgendaRow *) g_ptr_array_index (self->rows,
                                                                           MIN (index, self->rows->len - 1)))->expander));
  else
    gtk_widget_grab_focus (gtk_widget_get_first_child (GTK_WIDGET (self)));
  sync_draft (self);
}

static GtkWidget *
new_button (BvAgendaSection *self,
            BvAgendaRow     *row,
            const char      *icon_name,
            const char      *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (button), "bv-agenda-row", row);
  return button;
}

static BvAgendaRow *
add_row (BvAgendaSection *self,
         BvAgendaItem    *item,
         guint            index)
{
  BvAgendaRow *row = g_new0 (BvAgendaRow, 1);
  GtkWidget *motion_box;
  GtkWidget *motion_label;
  GtkWidget *frame;
  GtkWidget *motion_row;
  GtkWidget *actions_row;
  GtkTextBuffer *buffer;
  g_autofree char *up_label = NULL;
  g_autofree char *down_label = NULL;
  g_autofree char *remove_label = NULL;

  row->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->expander), FALSE);
  g_object_set_data (G_OBJECT (row->expander), "bv-agenda-row", row);

  row->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->title_row), _("Title"));
  gtk_editable_set_text (GTK_EDITABLE (row->title_row), item->title);
  g_object_set_data (G_OBJECT (row->title_row), "bv-agenda-row", row);
  g_signal_connect_object (row->title_row, "changed", G_CALLBACK (title_changed_cb), self, 0);
  adw_expander_row_add_row (row->expander, GTK_WIDGET (row->title_row));

  motion_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (motion_box, 12);
  gtk_widget_set_margin_bottom (motion_box, 12);
  gtk_widget_set_margin_start (motion_box, 12);
  gtk_widget_set_margin_end (motion_box, 12);
  motion_label = gtk_label_new (_("Motion (optional): the wording members vote on, e.g. the new text of a clause of the statutes"));
  gtk_label_set_wrap (GTK_LABEL (motion_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (motion_label), 0);
  gtk_box_append (GTK_BOX (motion_box), motion_label);
  frame = gtk_frame_new (NULL);
  row->motion_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (row->motion_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (row->motion_view, FALSE);
  gtk_text_view_set_top_margin (row->motion_view, 6);
  gtk_text_view_set_bottom_margin (row->motion_view, 6);
  gtk_text_view_set_left_margin (row->motion_view, 6);
  gtk_text_view_set_right_margin (row->motion_view, 6);
  gtk_widget_set_size_request (GTK_WIDGET (row->motion_view), -1, 72);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->motion_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Motion"), -1);
  g_object_set_data (G_OBJECT (row->motion_view), "bv-agenda-row", row);
  buffer = gtk_text_view_get_buffer (row->motion_view);
  gtk_text_buffer_set_text (buffer, item->motion ? item->motion : "", -1);
  g_object_set_data (G_OBJECT (buffer), "bv-view", row->motion_view);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (motion_changed_cb), self, 0);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (row->motion_view));
  gtk_box_append (GTK_BOX (motion_box), frame);
  motion_row = adw_preferences_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (motion_row), _("Motion"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (motion_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (motion_row), motion_box);
  adw_expander_row_add_row (row->expander, motion_row);

  /* Translators: %u is the number of an agenda item */
  up_label = g_strdup_printf (_("Move Item %u Up"), index + 1);
  down_label = g_strdup_printf (_("Move Item %u Down"), index + 1);
  remove_label = g_strdup_printf (_("Remove Item %u"), index + 1);
  row->up_button = new_button (self, row, "go-up-symbolic", up_label);
  g_object_set_data (G_OBJECT (row->up_button), "bv-up", GINT_TO_POINTER (TRUE));
  gtk_widget_set_sensitive (row->up_button, index > 0);
  g_signal_connect_object (row->up_button, "clicked", G_CALLBACK (move_clicked_cb), self, 0);
  row->down_button = new_button (self, row, "go-down-symbolic", down_label);
  gtk_widget_set_sensitive (row->down_button, index + 1 < self->items->len);
  g_signal_connect_object (row->down_button, "clicked", G_CALLBACK (move_clicked_cb), self, 0);
  row->remove_button = new_button (self, row, "user-trash-symbolic", remove_label);
  gtk_widget_add_css_class (row->remove_button, "destructive-action");
  g_signal_connect_object (row->remove_button, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);

  actions_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (actions_row), _("Order"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions_row), row->up_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions_row), row->down_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions_row), row->remove_button);
  adw_expander_row_add_row (row->expander, actions_row);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (row->expander));
  return row;
}

static void
rebuild_rows (BvAgendaSection *self)
{
  self->filling = TRUE;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self),
                                  GTK_WIDGET (((BvAgendaRow *) g_ptr_array_index (self->rows, i))->expander));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < self->items->len; i++)
    {
      g_ptr_array_add (self->rows, add_row (self, g_ptr_array_index (self->items, i), i));
      update_row_texts (self, i);
    }

  self->filling = FALSE;
}

void
bv_agenda_section_set_meeting (BvAgendaSection *self,
                               BvMeeting       *draft)
{
  g_return_if_fail (BV_IS_AGENDA_SECTION (self));
  g_return_if_fail (BV_IS_MEETING (draft));

  g_set_object (&self->draft, draft);
  g_ptr_array_unref (self->items);
  self->items = bv_agenda_copy (bv_meeting_get_agenda (draft));
  rebuild_rows (self);
  bv_ui_show_message (self->agenda_error, NULL, "error");
}

void
bv_agenda_section_add_item (BvAgendaSection *self)
{
  g_return_if_fail (BV_IS_AGENDA_SECTION (self));

  g_ptr_array_add (self->items, bv_agenda_item_new ("", NULL));
  rebuild_rows (self);
  focus_after_rebuild (self, self->items->len - 1, "title");
  sync_draft (self);
}

char *
bv_agenda_section_check (BvAgendaSection *self)
{
  char *problem = NULL;

  g_return_val_if_fail (BV_IS_AGENDA_SECTION (self), NULL);

  for (guint i = 0; i < self->items->len && !problem; i++)
    {
      BvAgendaItem *item = g_ptr_array_index (self->items, i);
      g_autofree char *title = g_strstrip (g_strdup (item->title));

      if (!*title)
        problem = g_strdup_printf (_("Item %u of the agenda has no title. Enter one or remove the item."),
                                   i + 1);
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      BvAgendaRow *row = g_ptr_array_index (self->rows, i);
      BvAgendaItem *item = g_ptr_array_index (self->items, i);
      g_autofree char *title = g_strstrip (g_strdup (item->title));

      bv_ui_mark_error (row->title_row, !*title);
    }
  bv_ui_show_message (self->agenda_error, problem, "error");
  return problem;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  bv_agenda_section_add_item (BV_AGENDA_SECTION (widget));
}

static void
bv_agenda_section_dispose (GObject *object)
{
  BvAgendaSection *self = BV_AGENDA_SECTION (object);

  g_clear_object (&self->draft);

  G_OBJECT_CLASS (bv_agenda_section_parent_class)->dispose (object);
}

static void
bv_agenda_section_finalize (GObject *object)
{
  BvAgendaSection *self = BV_AGENDA_SECTION (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (bv_agenda_section_parent_class)->finalize (object);
}

static void
bv_agenda_section_class_init (BvAgendaSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bv_agenda_section_dispose;
  object_class->finalize = bv_agenda_section_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bv-agenda-section.ui");
  gtk_widget_class_bind_template_child (widget_class, BvAgendaSection, agenda_error);
  gtk_widget_class_bind_template_child_full (widget_class, "add_item_button", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "agenda.add", NULL, add_action);
}

static void
bv_agenda_section_init (BvAgendaSection *self)
{
  self->items = bv_agenda_copy (NULL);
  self->rows = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}
