/* bv-repetition-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include "bv-repetition-section.h"

#include <glib/gi18n.h>

#include "bv-date-input.h"
#include "bv-occurrences.h"
#include "bv-repetition-text.h"
#include "bv-repetition.h"
#include "bv-ui-utils.h"

struct _BvRepetitionSection
{
  AdwPreferencesGroup parent_instance;

  AdwComboRow       *repeat_row;
  AdwActionRow      *weekdays_row;
  GtkBox            *weekdays_box;
  AdwComboRow       *end_row;
  AdwEntryRow       *until_row;
  GtkMenuButton     *until_button;
  GtkCalendar       *until_calendar;
  AdwActionRow      *count_row;
  GtkSpinButton     *count_spin;
  GtkLabel          *repeat_error;
  GtkToggleButton   *weekday_buttons[7];

  BvMeeting         *draft;
  GArray            *repeat_options;  /* BvRepetitionKind, in combo order */
  char              *custom_rrule;    /* a rule the form cannot show */
  guint              weekdays;        /* bit 0 = Monday */
  GDate              start_date;      /* last readable start date */

  guint              filling : 1;
  guint              keep_rule : 1;
  guint              repeat_dirty : 1;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BvRepetitionSection, bv_repetition_section, ADW_TYPE_PREFERENCES_GROUP)

static BvRepetitionKind
selected_repeat (BvRepetitionSection *self)
{
  guint selected = adw_combo_row_get_selected (self->repeat_row);

  if (selected >= self->repeat_options->len)
    return BV_REPETITION_NONE;
  return g_array_index (self->repeat_options, BvRepetitionKind, selected);
}

static char *
build_rrule (BvRepetitionSection *self)
{
  BvRepetition repetition = { 0 };

  repetition.kind = selected_repeat (self);
  if (repetition.kind == BV_REPETITION_CUSTOM)
    return g_strdup (self->custom_rrule);

  repetition.weekdays = self->weekdays;
  repetition.end = adw_combo_row_get_selected (self->end_row);
  repetition.count = gtk_spin_button_get_value_as_int (self->count_spin);
  /* An unreadable last date is shown as a problem; the rule has no end meanwhile. */
  if (!bv_date_input_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->until_row)),
                                 &repetition.until, NULL))
    g_date_clear (&repetition.until, 1);

  return bv_repetition_to_rrule (&repetition, &self->start_date, bv_meeting_get_tzid (self->draft));
}

static void
rebuild_repeat_model (BvRepetitionSection *self,
                      BvRepetitionKind     select)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  gboolean was_filling = self->filling;
  gboolean have_last = bv_repetition_can_be_last (&self->start_date);
  guint position = 0;

  if (select == BV_REPETITION_MONTHLY_LAST && !have_last)
    select = BV_REPETITION_MONTHLY_WEEKDAY;

  g_array_set_size (self->repeat_options, 0);

#define ADD_OPTION(option, label) G_STMT_START { \
    BvRepetitionKind o_ = (option); \
    if (o_ == select) position = self->repeat_options->len; \
    g_array_append_val (self->repeat_options, o_); \
    gtk_string_list_append (list, (label)); \
  } G_STMT_END

  for (BvRepetitionKind kind = BV_REPETITION_NONE; kind < BV_REPETITION_CUSTOM; kind++)
    {
      g_autofree char *label = NULL;

      if (kind == BV_REPETITION_MONTHLY_LAST && !have_last)
        continue;
      label = bv_repetition_text_option_label (kind, &self->start_date);
      ADD_OPTION (kind, label);
    }
  if (self->custom_rrule)
    {
      g_autofree char *description = NULL;
      g_autofree char *label = NULL;

      description = bv_repetition_text_describe_in_zone (self->custom_rrule,
                                                           bv_meeting_get_start_local (self->draft),
                                                           bv_meeting_get_tzid (self->draft));
      /* Translators: %s describes a repetition, e.g. "every year on 3 October, 19:30" */
      label = g_strdup_printf (_("Custom: %s"), description ? description : self->custom_rrule);
      ADD_OPTION (BV_REPETITION_CUSTOM, label);
    }

#undef ADD_OPTION

  self->filling = TRUE;
  adw_combo_row_set_model (self->repeat_row, G_LIST_MODEL (list));
  adw_combo_row_set_selected (self->repeat_row, position);
  self->filling = was_filling;
}

static void
set_weekdays (BvRepetitionSection *self,
              guint                weekdays)
{
  gboolean was_filling = self->filling;

  self->weekdays = weekdays;
  self->filling = TRUE;
  for (guint i = 0; i < 7; i++)
    gtk_toggle_button_set_active (self->weekday_buttons[i], (weekdays & (1u << i)) != 0);
  self->filling = was_filling;
}

/* Shows the draft's rule in the form when it is one the form can build;
 * anything else is kept as it is, as a "custom" choice. */
static void
fill_repeat (BvRepetitionSection *self)
{
  const char *rrule = bv_meeting_get_rrule (self->draft);
  BvRepetition repetition;

  g_clear_pointer (&self->custom_rrule, g_free);
  bv_repetition_from_rrule (&repetition, rrule, &self->start_date, bv_meeting_get_tzid (self->draft));
  if (repetition.kind == BV_REPETITION_CUSTOM)
    self->custom_rrule = g_strdup (rrule);

  set_weekdays (self, repetition.weekdays);

  self->filling = TRUE;
  adw_combo_row_set_selected (self->end_row, repetition.end);
  if (repetition.end == BV_REPETITION_END_UNTIL)
    {
      g_autofree char *text = bv_date_input_format_date (&repetition.until);

      gtk_editable_set_text (GTK_EDITABLE (self->until_row), text);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->until_row), "");
  if (repetition.end == BV_REPETITION_END_COUNT)
    gtk_spin_button_set_value (self->count_spin, repetition.count);
  self->filling = FALSE;

  rebuild_repeat_model (self, repetition.kind);
}

/* Brings the draft's rule and the repeat rows in step with the form. */
static void
update_repeat (BvRepetitionSection *self)
{
  BvRepetitionKind option = selected_repeat (self);
  gboolean weekly = option == BV_REPETITION_WEEKLY || option == BV_REPETITION_BIWEEKLY;
  gboolean ends = option != BV_REPETITION_NONE && option != BV_REPETITION_CUSTOM;
  BvRepetitionEnd end = adw_combo_row_get_selected (self->end_row);
  g_autofree char *description = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->weekdays_row), weekly);
  gtk_widget_set_visible (GTK_WIDGET (self->end_row), ends);
  gtk_widget_set_visible (GTK_WIDGET (self->until_row), ends && end == BV_REPETITION_END_UNTIL);
  gtk_widget_set_visible (GTK_WIDGET (self->count_row), ends && end == BV_REPETITION_END_COUNT);

  /* An existing meeting keeps its rule word for word until the user
   * changes something about it. */
  if (self->repeat_dirty || !self->keep_rule)
    {
      g_autofree char *rrule = build_rrule (self);

      bv_meeting_set_rrule (self->draft, rrule);
    }

  description = bv_repetition_text_describe_in_zone (bv_meeting_get_rrule (self->draft),
                                                       bv_meeting_get_start_local (self->draft),
                                                       bv_meeting_get_tzid (self->draft));
  if (description)
    {
      const char *rest = g_utf8_next_char (description);
      g_autofree char *first = g_utf8_strup (description, rest - description);
      g_autofree char *capital = g_strconcat (first, rest, NULL);
      g_autofree char *escaped = g_markup_escape_text (capital, -1);

      /* markup; the description names the time zone, which a calendar file chose */
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), escaped);
    }
  else if (!bv_meeting_get_rrule (self->draft))
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), _("The meeting takes place once."));
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), NULL);
}

static void
tidy_until (BvRepetitionSection *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->until_row));
  g_autofree char *tidy = bv_date_input_tidy_date (text);

  if (tidy && !g_str_equal (tidy, text))
    gtk_editable_set_text (GTK_EDITABLE (self->until_row), tidy);
}

static void
repeat_changed_cb (BvRepetitionSection *self)
{
  if (self->filling || !self->draft)
    return;
  self->repeat_dirty = TRUE;
  update_repeat (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
weekday_toggled_cb (GtkToggleButton     *button,
                    BvRepetitionSection *self)
{
  guint weekdays = 0;

  if (self->filling)
    return;

  for (guint i = 0; i < 7; i++)
    if (gtk_toggle_button_get_active (self->weekday_buttons[i]))
      weekdays |= 1u << i;

  /* A weekly meeting needs a day; the last one cannot be switched off. */
  if (weekdays == 0)
    {
      set_weekdays (self, self->weekdays);
      return;
    }

  self->weekdays = weekdays;
  repeat_changed_cb (self);
}

static void
until_activated_cb (BvRepetitionSection *self)
{
  tidy_until (self);
}

/* The date shows its tidy form once the user moves on. */
static void
until_focus_leave_cb (BvRepetitionSection *self)
{
  tidy_until (self);
}

static void
until_day_selected_cb (BvRepetitionSection *self)
{
  if (self->filling)
    return;

  bv_ui_take_calendar_day (self->until_calendar, self->until_row, self->until_button);
}

static void
bv_repetition_section_dispose (GObject *object)
{
  BvRepetitionSection *self = BV_REPETITION_SECTION (object);

  g_clear_object (&self->draft);

  G_OBJECT_CLASS (bv_repetition_section_parent_class)->dispose (object);
}

static void
bv_repetition_section_finalize (GObject *object)
{
  BvRepetitionSection *self = BV_REPETITION_SECTION (object);

  g_clear_pointer (&self->repeat_options, g_array_unref);
  g_free (self->custom_rrule);

  G_OBJECT_CLASS (bv_repetition_section_parent_class)->finalize (object);
}

static void
bv_repetition_section_class_init (BvRepetitionSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bv_repetition_section_dispose;
  object_class->finalize = bv_repetition_section_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bv-repetition-section.ui");
  gtk_widget_class_bind_template_child (widget_class, BvRepetitionSection, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, BvRepetitionSection, weekdays_row);
  gtk_widget_class_bind_template_child (widget_class, BvRepetitionSection, weekdays_box);
  gtk_widget_class_bind_template_child (widget_class, BvRepetitionSection, end_row);
  gtk_widget_class_bind_template_child (widget_class, BvRepetitionSection, until_row);
  gtk_widget_class_bind_template_child (widget_class, BvRepetitionSection, until_button);
  gtk_widget_class_bind_template_child (widget_class, BvRepetitionSection, until_calendar);
  gtk_widget_class_bind_template_child (widget_class, BvRepetitionSection, count_row);
  gtk_widget_class_bind_template_child (widget_class, BvRepetitionSection, count_spin);
  gtk_widget_class_bind_template_child (widget_class, BvRepetitionSection, repeat_error);

  gtk_widget_class_bind_template_callback (widget_class, repeat_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, until_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, until_day_selected_cb);
}

static void
bv_repetition_section_init (BvRepetitionSection *self)
{
  const char *abbreviations[] = {
    C_("weekday abbreviation", "Mo"), C_("weekday abbreviation", "Tu"),
    C_("weekday abbreviation", "We"), C_("weekday abbreviation", "Th"),
    C_("weekday abbreviation", "Fr"), C_("weekday abbreviation", "Sa"),
    C_("weekday abbreviation", "Su"),
  };
  const char *names[] = {
    _("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday"),
  };
  GtkEventController *focus;

  /* Nothing reaches a draft before set_meeting () has one. */
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  self->repeat_options = g_array_new (FALSE, FALSE, sizeof (BvRepetitionKind));
  g_date_clear (&self->start_date, 1);

  for (guint i = 0; i < 7; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (abbreviations[i]);

      gtk_widget_set_tooltip_text (button, names[i]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, names[i], -1);
      g_signal_connect_object (button, "toggled", G_CALLBACK (weekday_toggled_cb), self, 0);
      gtk_box_append (self->weekdays_box, button);
      self->weekday_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (until_focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->until_row), focus);

  bv_ui_name_from_row (GTK_WIDGET (self->count_spin), self->count_row);
}

void
bv_repetition_section_set_meeting (BvRepetitionSection *self,
                                   BvMeeting           *draft,
                                   gboolean             keep_rule)
{
  g_return_if_fail (BV_IS_REPETITION_SECTION (self));
  g_return_if_fail (BV_IS_MEETING (draft));

  g_set_object (&self->draft, draft);
  self->keep_rule = keep_rule;
  if (!bv_date_input_split_local (bv_meeting_get_start_local (draft), &self->start_date, NULL, NULL))
    g_date_clear (&self->start_date, 1);

  fill_repeat (self);
  update_repeat (self);
}

gboolean
bv_repetition_section_start_changed (BvRepetitionSection *self)
{
  BvRepetitionKind option;
  gboolean moved;
  GDate date;

  g_return_val_if_fail (BV_IS_REPETITION_SECTION (self), FALSE);
  g_return_val_if_fail (self->draft, FALSE);

  if (!bv_date_input_split_local (bv_meeting_get_start_local (self->draft), &date, NULL, NULL))
    return FALSE;

  option = selected_repeat (self);
  moved = !g_date_valid (&self->start_date) || g_date_compare (&date, &self->start_date) != 0;

  /* Also while the rule is not weekly, so that choosing "Weekly"
   * later starts from the start's day. */
  if (moved && g_date_valid (&self->start_date) &&
      self->weekdays == 1u << bv_repetition_weekday (&self->start_date))
    set_weekdays (self, 1u << bv_repetition_weekday (&date));

  self->start_date = date;
  if (moved)
    {
      /* A monthly rule follows the new day; a custom one stays. */
      if (option != BV_REPETITION_NONE && option != BV_REPETITION_CUSTOM)
        self->repeat_dirty = TRUE;
      rebuild_repeat_model (self, option);
    }
  update_repeat (self);
  return moved;
}

char *
bv_repetition_section_check (BvRepetitionSection *self)
{
  BvRepetitionKind option;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;

  g_return_val_if_fail (BV_IS_REPETITION_SECTION (self), NULL);

  option = selected_repeat (self);
  bv_ui_mark_error (self->until_row, FALSE);
  if (option != BV_REPETITION_NONE && option != BV_REPETITION_CUSTOM &&
      adw_combo_row_get_selected (self->end_row) == BV_REPETITION_END_UNTIL)
    {
      GDate until;

      if (!bv_date_input_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->until_row)), &until, &error))
        {
          bv_ui_mark_error (self->until_row, TRUE);
          if (g_error_matches (error, BV_DATE_INPUT_ERROR, BV_DATE_INPUT_ERROR_EMPTY))
            problem = g_strdup (_("Enter the date of the last meeting, like 05.01.2027."));
          else
            problem = g_strdup (error->message);
        }
      else if (g_date_valid (&self->start_date) && g_date_compare (&until, &self->start_date) < 0)
        {
          bv_ui_mark_error (self->until_row, TRUE);
          problem = g_strdup (_("The repetition would end before the first meeting. Choose a later last date."));
        }
    }

  if (!problem && self->draft &&
      !bv_occurrences_validate_rrule (bv_meeting_get_rrule (self->draft), &error))
    problem = g_strdup (error->message);

  bv_ui_show_message (self->repeat_error, problem, "error");
  return g_steal_pointer (&problem);
}
