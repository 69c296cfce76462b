/* test-meeting-editor.c
 *
 * The meeting editor under Xvfb: its real widgets, a real SQLite file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "bv-database.h"
#include "bv-join.h"
#include "bv-meeting-editor.h"
#include "bv-agenda-section.h"
#include "bv-invitation-deadline.h"
#include "bv-meeting-editor-private.h"
#include "bv-repetition-section.h"
#include "bv-slides-section.h"
#include "bv-test-utils.h"

static char *data_dir;
static char *db_path;
static BvDatabase *db;

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
not_busy (gpointer data)
{
  return !_bv_meeting_editor_is_busy (data);
}

static gpointer
child (gpointer    editor,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (editor), BV_TYPE_MEETING_EDITOR, name);

  /* The repetition and slides sections are templates of their own. */
  if (!object)
    object = gtk_widget_get_template_child (GTK_WIDGET (child (editor, "repeat_group")),
                                            BV_TYPE_REPETITION_SECTION, name);
  if (!object)
    object = gtk_widget_get_template_child (GTK_WIDGET (child (editor, "slides_group")),
                                            BV_TYPE_SLIDES_SECTION, name);
  if (!object)
    object = gtk_widget_get_template_child (GTK_WIDGET (child (editor, "agenda_group")),
                                            BV_TYPE_AGENDA_SECTION, name);
  g_assert_nonnull (object);
  return object;
}

static const char *
text_of (gpointer editor,
         const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (child (editor, name)));
}

static void
type_into (gpointer    editor,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (editor, name)), text);
  bv_test_drain ();
}

static void
select_in (gpointer    editor,
           const char *name,
           guint       position)
{
  adw_combo_row_set_selected (child (editor, name), position);
  bv_test_drain ();
}

static gboolean
save_enabled (gpointer editor)
{
  return gtk_widget_get_sensitive (child (editor, "save_button"));
}

static const char *
label_text (gpointer    editor,
            const char *name)
{
  GtkWidget *label = child (editor, name);

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static BvMeetingEditor *
open_editor (BvMeeting  *meeting,
             const char *default_server_id)
{
  BvMeetingEditor *editor = bv_meeting_editor_new (NULL, db, meeting, default_server_id);

  gtk_window_present (GTK_WINDOW (editor));
  bv_test_wait_until (widget_is_mapped, editor);
  bv_test_wait_until (not_busy, editor);
  return editor;
}

static void
close_editor (BvMeetingEditor *editor)
{
  gtk_window_destroy (GTK_WINDOW (editor));
  bv_test_drain ();
}

static GtkToggleButton *
weekday_button (gpointer editor,
                guint    monday_based)
{
  GtkWidget *box = child (editor, "weekdays_box");
  GtkWidget *button = gtk_widget_get_first_child (box);

  for (guint i = 0; i < monday_based; i++)
    button = gtk_widget_get_next_sibling (button);
  return GTK_TOGGLE_BUTTON (button);
}

static char *
repeat_label (gpointer editor)
{
  AdwComboRow *row = child (editor, "repeat_row");
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return g_strdup (gtk_string_object_get_string (item));
}

static const char *
draft_rrule (gpointer editor)
{
  return bv_meeting_get_rrule (_bv_meeting_editor_get_draft (editor));
}

static const char * const lock_switch_names[] = {
  "lock_webcam_switch", "lock_microphone_switch", "lock_private_chat_switch",
  "lock_public_chat_switch", "lock_shared_notes_switch", "lock_user_list_switch",
};

static void
test_new_meeting_defaults (void)
{
  BvMeetingEditor *editor = open_editor (NULL, "srv-b");
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *date = g_date_time_format (tomorrow, "%d.%m.%Y");
  g_autofree char *label = NULL;
  BvMeeting *draft = _bv_meeting_editor_get_draft (editor);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Meeting");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  g_assert_false (gtk_widget_get_visible (child (editor, "delete_group")));

  /* A board meeting tomorrow at 19:00 on the default server. */
  g_assert_cmpuint (adw_combo_row_get_selected (child (editor, "kind_row")), ==, 0);
  g_assert_cmpstr (text_of (editor, "date_row"), ==, date);
  g_assert_cmpstr (text_of (editor, "time_row"), ==, "19:00");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (child (editor, "duration_spin")), ==, 120);
  g_assert_cmpuint (adw_combo_row_get_selected (child (editor, "server_row")), ==, 1);
  g_assert_cmpstr (bv_meeting_get_server_id (draft), ==, "srv-b");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (editor, "timezone_row")), ==, "Europe/Berlin");
  label = repeat_label (editor);
  g_assert_cmpstr (label, ==, "Does not repeat");
  g_assert_null (draft_rrule (editor));
  g_assert_false (adw_expander_row_get_enable_expansion (child (editor, "recording_row")));
  g_assert_cmpstr (adw_action_row_get_subtitle (child (editor, "max_row")), ==, "No limit");

  /* The title is the kind's name until the user types one: Save is not
   * grey for a field nobody asked her to fill. */
  g_assert_cmpstr (text_of (editor, "title_row"), ==, "Board meeting");
  g_assert_cmpstr (bv_meeting_get_title (draft), ==, "Board meeting");
  g_assert_true (save_enabled (editor));
  g_assert_null (label_text (editor, "title_error"));
  g_assert_cmpstr (adw_preferences_row_get_title (child (editor, "title_row")), ==, "Title (required)");

  /* Switching the kind of a new meeting takes over its template. */
  select_in (editor, "kind_row", 2);
  g_assert_cmpint (bv_meeting_get_kind (draft), ==, BV_MEETING_KIND_COURSE);
  g_assert_cmpstr (text_of (editor, "title_row"), ==, "Course or training");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (child (editor, "duration_spin")), ==, 90);
  g_clear_pointer (&label, g_free);
  label = repeat_label (editor);
  g_assert_cmpstr (label, ==, "Weekly");
  {
    const char *codes[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
    g_autofree char *expected = g_strdup_printf ("FREQ=WEEKLY;BYDAY=%s",
                                                 codes[g_date_time_get_day_of_week (tomorrow) - 1]);

    g_assert_cmpstr (draft_rrule (editor), ==, expected);
    g_assert_true (gtk_toggle_button_get_active (weekday_button (editor, g_date_time_get_day_of_week (tomorrow) - 1)));
  }
  g_assert_true (gtk_widget_get_visible (child (editor, "weekdays_row")));
  g_assert_true (gtk_switch_get_active (child (editor, "mute_switch")));
  g_assert_nonnull (adw_preferences_group_get_description (child (editor, "repeat_group")));
  g_assert_true (g_str_has_prefix (adw_preferences_group_get_description (child (editor, "repeat_group")), "Every "));

  select_in (editor, "kind_row", 4);
  g_assert_cmpuint (adw_combo_row_get_selected (child (editor, "waiting_row")), ==, 1);
  g_assert_false (gtk_switch_get_active (child (editor, "mute_switch")));
  g_assert_cmpstr (bv_meeting_get_guest_policy (draft), ==, "ASK_MODERATOR");

  select_in (editor, "kind_row", 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (child (editor, "duration_spin")), ==, 180);
  /* Only members inside an assembly: nobody without a personal link. */
  g_assert_cmpuint (adw_combo_row_get_selected (child (editor, "waiting_row")), ==, 2);
  g_assert_cmpstr (bv_meeting_get_guest_policy (draft), ==, "ALWAYS_DENY");
  g_assert_null (label_text (editor, "guests_warning"));
  select_in (editor, "waiting_row", 1);
  g_assert_cmpstr (bv_meeting_get_guest_policy (draft), ==, "ASK_MODERATOR");
  g_assert_nonnull (label_text (editor, "guests_warning"));
  g_assert_true (g_str_has_prefix (label_text (editor, "guests_warning"),
                                   "Only members may take part in a general assembly."));
  g_assert_true (save_enabled (editor) || _bv_meeting_editor_get_problem (editor) != NULL);
  select_in (editor, "waiting_row", 2);
  g_assert_null (label_text (editor, "guests_warning"));
  g_assert_null (draft_rrule (editor));
  g_assert_false (gtk_widget_get_visible (child (editor, "weekdays_row")));
  g_assert_cmpstr (bv_meeting_get_title (draft), ==, "General assembly");

  /* An emptied title: Save waits and says why. */
  type_into (editor, "title_row", "");
  g_assert_false (save_enabled (editor));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (editor, "save_button")), ==,
                   "Enter a title for the meeting.");
  g_assert_cmpstr (label_text (editor, "title_error"), ==, "Enter a title for the meeting.");

  /* A typed title stays when the kind changes. */
  type_into (editor, "title_row", "Mitgliederversammlung");
  select_in (editor, "kind_row", 0);
  select_in (editor, "kind_row", 1);
  g_assert_cmpstr (text_of (editor, "title_row"), ==, "Mitgliederversammlung");

  /* A new meeting in the past is a warning, not an error. */
  type_into (editor, "date_row", "01.02.2020");
  g_assert_true (save_enabled (editor));
  g_assert_nonnull (label_text (editor, "date_error"));
  g_assert_true (gtk_widget_has_css_class (child (editor, "date_error"), "warning"));

  close_editor (editor);
}

static void
test_title_length (void)
{
  BvMeetingEditor *editor = open_editor (NULL, NULL);
  g_autofree char *long_title = g_strnfill (71, 'x');

  /* Without a default server the first one is chosen. */
  g_assert_cmpuint (adw_combo_row_get_selected (child (editor, "server_row")), ==, 0);

  type_into (editor, "title_row", "A");
  g_assert_false (save_enabled (editor));
  g_assert_nonnull (label_text (editor, "title_error"));
  g_assert_nonnull (strstr (label_text (editor, "title_error"), "at least 2"));
  g_assert_true (gtk_widget_has_css_class (child (editor, "title_row"), "error"));

  type_into (editor, "title_row", long_title);
  g_assert_false (save_enabled (editor));
  g_assert_nonnull (strstr (label_text (editor, "title_error"),
                            "The title is 71 characters long; BigBlueButton accepts at most 64. Shorten it"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (editor, "save_button")), ==,
                   label_text (editor, "title_error"));

  /* Characters, not bytes: 64 umlauts are fine. */
  {
    GString *umlauts = g_string_new (NULL);

    for (guint i = 0; i < 64; i++)
      g_string_append (umlauts, "ä");
    type_into (editor, "title_row", umlauts->str);
    g_string_free (umlauts, TRUE);
  }
  g_assert_true (save_enabled (editor));
  g_assert_null (label_text (editor, "title_error"));

  type_into (editor, "title_row", "  Vorstand  ");
  g_assert_true (save_enabled (editor));
  g_assert_cmpstr (bv_meeting_get_title (_bv_meeting_editor_get_draft (editor)), ==, "Vorstand");
  g_assert_null (gtk_widget_get_tooltip_text (child (editor, "save_button")));

  close_editor (editor);
}

static void
leave_field (gpointer    editor,
             const char *name)
{
  gtk_widget_grab_focus (child (editor, name));
  bv_test_drain ();
  gtk_widget_grab_focus (child (editor, "title_row"));
  bv_test_drain ();
}

static void
test_date_time_parsing (void)
{
  static const struct { const char *input; const char *shown; const char *start; } dates[] = {
    { "5.1.2027", "05.01.2027", "2027-01-05" },
    { "05.01.27", "05.01.2027", "2027-01-05" },
    { "05.01.2027", "05.01.2027", "2027-01-05" },
    { "2027-01-05", "05.01.2027", "2027-01-05" },
    { " 29.2.2028 ", "29.02.2028", "2028-02-29" },
    { "29.02.2027", NULL, NULL },
    { "32.1.2027", NULL, NULL },
    { "5.1.", NULL, NULL },
    { "morgen", NULL, NULL },
    { "2027-1-5x", NULL, NULL },
    { "", NULL, NULL },
  };
  static const struct { const char *input; const char *shown; const char *time; } times[] = {
    { "19:30", "19:30", "19:30:00" },
    { "19.30", "19:30", "19:30:00" },
    { "1930", "19:30", "19:30:00" },
    { "19", "19:00", "19:00:00" },
    { "9:05", "09:05", "09:05:00" },
    { "930", "09:30", "09:30:00" },
    { "24:00", NULL, NULL },
    { "19:60", NULL, NULL },
    { "19:3", NULL, NULL },
    { "abends", NULL, NULL },
    { "", NULL, NULL },
  };
  BvMeetingEditor *editor = open_editor (NULL, NULL);
  BvMeeting *draft = _bv_meeting_editor_get_draft (editor);

  type_into (editor, "title_row", "Kursabend");
  type_into (editor, "time_row", "18:00");

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_test_message ("date “%s”", dates[i].input);
      type_into (editor, "date_row", dates[i].input);
      leave_field (editor, "date_row");
      if (dates[i].shown)
        {
          g_autofree char *start = g_strdup_printf ("%sT18:00:00", dates[i].start);

          g_assert_cmpstr (text_of (editor, "date_row"), ==, dates[i].shown);
          g_assert_cmpstr (bv_meeting_get_start_local (draft), ==, start);
          g_assert_true (save_enabled (editor));
          g_assert_false (gtk_widget_has_css_class (child (editor, "date_row"), "error"));
        }
      else
        {
          g_assert_cmpstr (text_of (editor, "date_row"), ==, dates[i].input);
          g_assert_false (save_enabled (editor));
          g_assert_true (gtk_widget_has_css_class (child (editor, "date_row"), "error"));
          g_assert_true (gtk_widget_has_css_class (child (editor, "date_error"), "error"));
          g_assert_nonnull (strstr (label_text (editor, "date_error"), "05.01.2027"));
        }
    }

  type_into (editor, "date_row", "05.01.2027");
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_test_message ("time “%s”", times[i].input);
      type_into (editor, "time_row", times[i].input);
      leave_field (editor, "time_row");
      if (times[i].shown)
        {
          g_autofree char *start = g_strdup_printf ("2027-01-05T%s", times[i].time);

          g_assert_cmpstr (text_of (editor, "time_row"), ==, times[i].shown);
          g_assert_cmpstr (bv_meeting_get_start_local (draft), ==, start);
          g_assert_true (save_enabled (editor));
        }
      else
        {
          g_assert_cmpstr (text_of (editor, "time_row"), ==, times[i].input);
          g_assert_false (save_enabled (editor));
          g_assert_nonnull (strstr (label_text (editor, "date_error"), "19:30"));
        }
    }

  close_editor (editor);
}

static void
test_weekly_rule (void)
{
  BvMeetingEditor *editor = open_editor (NULL, NULL);
  g_autofree char *label = NULL;

  type_into (editor, "title_row", "Kurs");
  type_into (editor, "date_row", "05.01.2027");   /* a Tuesday */
  type_into (editor, "time_row", "19:30");
  select_in (editor, "repeat_row", 1);
  g_assert_cmpstr (draft_rrule (editor), ==, "FREQ=WEEKLY;BYDAY=TU");
  g_assert_cmpstr (adw_preferences_group_get_description (child (editor, "repeat_group")), ==,
                   "Every Tuesday, 19:30");

  /* Moving the start moves a single weekday along. */
  type_into (editor, "date_row", "06.01.2027");
  g_assert_cmpstr (draft_rrule (editor), ==, "FREQ=WEEKLY;BYDAY=WE");
  type_into (editor, "date_row", "05.01.2027");
  g_assert_cmpstr (draft_rrule (editor), ==, "FREQ=WEEKLY;BYDAY=TU");

  gtk_toggle_button_set_active (weekday_button (editor, 3), TRUE);
  bv_test_drain ();
  g_assert_cmpstr (draft_rrule (editor), ==, "FREQ=WEEKLY;BYDAY=TU,TH");

  /* Two days stay when the start moves. */
  type_into (editor, "date_row", "07.01.2027");
  g_assert_cmpstr (draft_rrule (editor), ==, "FREQ=WEEKLY;BYDAY=TU,TH");
  type_into (editor, "date_row", "05.01.2027");

  /* The last day cannot be switched off. */
  gtk_toggle_button_set_active (weekday_button (editor, 1), FALSE);
  gtk_toggle_button_set_active (weekday_button (editor, 3), FALSE);
  bv_test_drain ();
  g_assert_true (gtk_toggle_button_get_active (weekday_button (editor, 3)));
  g_assert_cmpstr (draft_rrule (editor), ==, "FREQ=WEEKLY;BYDAY=TH");
  gtk_toggle_button_set_active (weekday_button (editor, 1), TRUE);
  bv_test_drain ();

  /* Every two weeks, with an end. */
  select_in (editor, "repeat_row", 2);
  g_assert_cmpstr (draft_rrule (editor), ==, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH");
  select_in (editor, "end_row", 2);
  g_assert_true (gtk_widget_get_visible (child (editor, "count_row")));
  gtk_spin_button_set_value (child (editor, "count_spin"), 5);
  bv_test_drain ();
  g_assert_cmpstr (draft_rrule (editor), ==, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=5");

  select_in (editor, "repeat_row", 1);
  select_in (editor, "end_row", 1);
  g_assert_true (gtk_widget_get_visible (child (editor, "until_row")));
  g_assert_false (gtk_widget_get_visible (child (editor, "count_row")));
  g_assert_false (save_enabled (editor));
  type_into (editor, "until_row", "1.1.2027");
  g_assert_false (save_enabled (editor));
  g_assert_nonnull (label_text (editor, "repeat_error"));
  /* The end of that day in Berlin (summer time from 28 March) in UTC. */
  type_into (editor, "until_row", "31.3.2027");
  g_assert_true (save_enabled (editor));
  g_assert_null (label_text (editor, "repeat_error"));
  g_assert_cmpstr (draft_rrule (editor), ==, "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270331T215959Z");
  type_into (editor, "until_row", "15.1.2027");
  g_assert_cmpstr (draft_rrule (editor), ==, "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270115T225959Z");
  g_assert_nonnull (strstr (adw_preferences_group_get_description (child (editor, "repeat_group")), "15 January 2027"));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  bv_test_drain ();

  {
    g_autoptr(BvDatabase) reopened = bv_database_open (db_path, NULL);
    GListModel *meetings = bv_database_get_meetings (reopened);
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
      {
        g_autoptr(BvMeeting) meeting = g_list_model_get_item (meetings, i);

        if (g_strcmp0 (bv_meeting_get_title (meeting), "Kurs") == 0)
          {
            g_assert_cmpstr (bv_meeting_get_rrule (meeting), ==,
                             "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270115T225959Z");
            found = TRUE;
          }
      }
    g_assert_true (found);
  }

  /* Opening it again shows the same choice. */
  {
    g_autoptr(BvMeeting) meeting = NULL;
    GListModel *meetings = bv_database_get_meetings (db);
    BvMeetingEditor *again;

    for (guint i = 0; i < g_list_model_get_n_items (meetings) && !meeting; i++)
      {
        g_autoptr(BvMeeting) candidate = g_list_model_get_item (meetings, i);

        if (g_strcmp0 (bv_meeting_get_title (candidate), "Kurs") == 0)
          meeting = g_steal_pointer (&candidate);
      }
    g_assert_nonnull (meeting);
    again = open_editor (meeting, NULL);
    label = repeat_label (again);
    g_assert_cmpstr (label, ==, "Weekly");
    g_assert_cmpuint (adw_combo_row_get_selected (child (again, "end_row")), ==, 1);
    g_assert_cmpstr (text_of (again, "until_row"), ==, "15.01.2027");
    g_assert_true (gtk_toggle_button_get_active (weekday_button (again, 1)));
    g_assert_true (gtk_toggle_button_get_active (weekday_button (again, 3)));
    g_assert_false (gtk_toggle_button_get_active (weekday_button (again, 2)));
    close_editor (again);
  }
}

static void
test_monthly_rules (void)
{
  BvMeetingEditor *editor = open_editor (NULL, NULL);
  g_autofree char *label = NULL;
  GListModel *options;

  type_into (editor, "title_row", "Stammtisch");
  type_into (editor, "time_row", "19:30");
  type_into (editor, "date_row", "12.01.2027");   /* the second Tuesday */

  select_in (editor, "repeat_row", 3);
  g_assert_cmpstr (draft_rrule (editor), ==, "FREQ=MONTHLY;BYMONTHDAY=12");
  select_in (editor, "repeat_row", 4);
  g_assert_cmpstr (draft_rrule (editor), ==, "FREQ=MONTHLY;BYDAY=2TU");
  g_assert_cmpstr (adw_preferences_group_get_description (child (editor, "repeat_group")), ==,
                   "Every second Tuesday of the month, 19:30");
  options = adw_combo_row_get_model (child (editor, "repeat_row"));
  g_assert_cmpuint (g_list_model_get_n_items (options), ==, 5);
  /* The choices say what they mean for this day. */
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (options), 3), ==, "Monthly on day 12");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (options), 4), ==, "Monthly on the second Tuesday");

  /* The fourth Tuesday is also the last one: both can be meant. */
  type_into (editor, "date_row", "26.01.2027");
  g_assert_cmpstr (draft_rrule (editor), ==, "FREQ=MONTHLY;BYDAY=4TU");
  options = adw_combo_row_get_model (child (editor, "repeat_row"));
  g_assert_cmpuint (g_list_model_get_n_items (options), ==, 6);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (options), 4), ==, "Monthly on the fourth Tuesday");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (options), 5), ==, "Monthly on the last Tuesday");
  select_in (editor, "repeat_row", 5);
  g_assert_cmpstr (draft_rrule (editor), ==, "FREQ=MONTHLY;BYDAY=-1TU");
  g_assert_cmpstr (adw_preferences_group_get_description (child (editor, "repeat_group")), ==,
                   "Every last Tuesday of the month, 19:30");

  /* A fifth Tuesday is always the last. */
  type_into (editor, "date_row", "30.03.2027");
  label = repeat_label (editor);
  g_assert_cmpstr (label, ==, "Monthly on the last Tuesday");
  g_assert_cmpstr (draft_rrule (editor), ==, "FREQ=MONTHLY;BYDAY=-1TU");

  /* The day of the month follows the start. */
  select_in (editor, "repeat_row", 3);
  g_assert_cmpstr (draft_rrule (editor), ==, "FREQ=MONTHLY;BYMONTHDAY=30");
  type_into (editor, "date_row", "15.04.2027");
  g_assert_cmpstr (draft_rrule (editor), ==, "FREQ=MONTHLY;BYMONTHDAY=15");

  select_in (editor, "repeat_row", 0);
  g_assert_null (draft_rrule (editor));
  g_assert_false (gtk_widget_get_visible (child (editor, "end_row")));

  close_editor (editor);
}

static BvMeeting *
save_meeting (const char *title,
              const char *start,
              const char *rrule)
{
  g_autoptr(GError) error = NULL;
  BvMeeting *meeting = bv_meeting_new (BV_MEETING_KIND_GROUP);

  bv_meeting_set_title (meeting, title);
  bv_meeting_set_start (meeting, start, "Europe/Berlin");
  bv_meeting_set_rrule (meeting, rrule);
  bv_meeting_set_server_id (meeting, "srv-a");
  g_assert_true (bv_database_save_meeting (db, meeting, &error));
  g_assert_no_error (error);
  return meeting;
}

static void
test_custom_rule_kept (void)
{
  g_autoptr(BvMeeting) yearly = save_meeting ("Jahresfeier", "2027-10-03T18:00:00",
                                              "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=3");
  g_autoptr(BvMeeting) plain = save_meeting ("Gruppe", "2027-01-05T18:00:00", "FREQ=WEEKLY");
  BvMeetingEditor *editor;
  g_autofree char *label = NULL;

  editor = open_editor (yearly, NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit Meeting");
  label = repeat_label (editor);
  g_assert_cmpstr (label, ==, "Custom: every year on 3 October, 18:00");
  g_assert_false (gtk_widget_get_visible (child (editor, "end_row")));
  type_into (editor, "title_row", "Jahresfeier des Vereins");
  /* A custom rule stays as it is when the date moves, too. */
  type_into (editor, "time_row", "18:30");
  g_assert_true (save_enabled (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  bv_test_drain ();
  g_assert_cmpstr (bv_meeting_get_title (yearly), ==, "Jahresfeier des Vereins");
  g_assert_cmpstr (bv_meeting_get_rrule (yearly), ==, "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=3");
  g_assert_cmpstr (bv_meeting_get_start_local (yearly), ==, "2027-10-03T18:30:00");

  /* A rule the form can show is kept word for word until it is changed. */
  editor = open_editor (plain, NULL);
  g_clear_pointer (&label, g_free);
  label = repeat_label (editor);
  g_assert_cmpstr (label, ==, "Weekly");
  type_into (editor, "title_row", "Gruppe Dienstag");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  bv_test_drain ();
  g_assert_cmpstr (bv_meeting_get_rrule (plain), ==, "FREQ=WEEKLY");

  editor = open_editor (plain, NULL);
  select_in (editor, "end_row", 2);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  bv_test_drain ();
  g_assert_cmpstr (bv_meeting_get_rrule (plain), ==, "FREQ=WEEKLY;BYDAY=TU;COUNT=10");
}

/* A stored monthly rule is kept word for word, but when the user moves
 * the date it follows the new day, as for a new meeting. */
static void
test_stored_rule_follows_date (void)
{
  g_autoptr(BvMeeting) monthly = save_meeting ("Stammtisch", "2027-01-12T19:00:00", "FREQ=MONTHLY;BYDAY=2TU");
  BvMeetingEditor *editor = open_editor (monthly, NULL);
  g_autofree char *label = repeat_label (editor);

  g_assert_cmpstr (label, ==, "Monthly on the second Tuesday");
  type_into (editor, "time_row", "19:30");
  g_assert_cmpstr (draft_rrule (editor), ==, "FREQ=MONTHLY;BYDAY=2TU");
  type_into (editor, "date_row", "19.01.2027");
  g_assert_cmpstr (draft_rrule (editor), ==, "FREQ=MONTHLY;BYDAY=3TU");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  bv_test_drain ();
  g_assert_cmpstr (bv_meeting_get_rrule (monthly), ==, "FREQ=MONTHLY;BYDAY=3TU");
  g_assert_cmpstr (bv_meeting_get_start_local (monthly), ==, "2027-01-19T19:30:00");
}

static void
saved_cb (BvMeetingEditor  *editor,
          BvMeeting        *meeting,
          BvMeeting       **out)
{
  g_set_object (out, meeting);
}

static char *
write_file (const char *name,
            goffset     size)
{
  char *path = g_build_filename (data_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "%PDF-1.4\n", -1, &error);
  g_assert_no_error (error);
  /* Sparse: the size is what matters, not the disk space. */
  g_assert_cmpint (truncate (path, size), ==, 0);
  return path;
}

static GListModel *
files_of (const char *first,
          ...)
{
  GListStore *store = g_list_store_new (G_TYPE_FILE);
  va_list args;

  va_start (args, first);
  for (const char *path = first; path; path = va_arg (args, const char *))
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_list_store_append (store, file);
    }
  va_end (args);
  return G_LIST_MODEL (store);
}

static void
test_save_round_trip (void)
{
  BvMeetingEditor *editor = open_editor (NULL, "srv-a");
  g_autofree char *report = write_file ("Jahresbericht.pdf", 900 * 1000);
  g_autofree char *photo = write_file ("Foto Sommerfest.jpg", 400 * 1000);
  g_autoptr(GListModel) files = files_of (report, photo, NULL);
  g_autoptr(BvMeeting) saved = NULL;
  g_autoptr(BvDatabase) reopened = NULL;
  g_autoptr(BvMeeting) loaded = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *notice;
  const char * const *slides;

  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved);

  select_in (editor, "kind_row", 3);
  type_into (editor, "title_row", "Workshop Vereinsrecht");
  type_into (editor, "date_row", "2.3.2027");
  type_into (editor, "time_row", "1800");
  gtk_spin_button_set_value (child (editor, "duration_spin"), 105);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (child (editor, "welcome_view")),
                            "Willkommen!\nBitte Mikrofon aus.", -1);
  select_in (editor, "waiting_row", 2);
  gtk_switch_set_active (child (editor, "mute_switch"), FALSE);
  gtk_switch_set_active (child (editor, "webcams_switch"), TRUE);
  gtk_spin_button_set_value (child (editor, "max_spin"), 25);
  bv_test_drain ();
  g_assert_cmpstr (adw_action_row_get_subtitle (child (editor, "max_row")), ==, "");

  /* Allowing recording fills in the consent notice. */
  notice = gtk_text_view_get_buffer (child (editor, "notice_view"));
  adw_expander_row_set_enable_expansion (child (editor, "recording_row"), TRUE);
  bv_test_drain ();
  {
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (notice, &start, &end);
    text = gtk_text_buffer_get_text (notice, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, bv_meeting_default_recording_notice ());
  }
  gtk_text_buffer_set_text (notice, "Wir zeichnen den Vortrag auf.", -1);

  /* The switches say what participants may use: on = allowed. A new
   * meeting allows everything; switched off is what is locked. */
  for (guint i = 0; i < G_N_ELEMENTS (lock_switch_names); i++)
    g_assert_true (gtk_switch_get_active (child (editor, lock_switch_names[i])));
  gtk_switch_set_active (child (editor, "lock_webcam_switch"), FALSE);
  gtk_switch_set_active (child (editor, "lock_public_chat_switch"), FALSE);
  gtk_switch_set_active (child (editor, "lock_user_list_switch"), FALSE);
  bv_test_drain ();

  _bv_meeting_editor_add_slide_files (editor, files);
  g_assert_false (save_enabled (editor));   /* sizes still unknown */
  bv_test_wait_until (not_busy, editor);
  bv_test_drain ();
  g_assert_true (save_enabled (editor));
  g_assert_null (label_text (editor, "slides_error"));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  bv_test_drain ();
  g_assert_nonnull (saved);

  reopened = bv_database_open (db_path, &error);
  g_assert_no_error (error);
  loaded = bv_database_find_meeting (reopened, bv_meeting_get_id (saved));
  g_assert_nonnull (loaded);
  g_assert_cmpstr (bv_meeting_get_title (loaded), ==, "Workshop Vereinsrecht");
  g_assert_cmpint (bv_meeting_get_kind (loaded), ==, BV_MEETING_KIND_WORKSHOP);
  g_assert_cmpstr (bv_meeting_get_start_local (loaded), ==, "2027-03-02T18:00:00");
  g_assert_cmpstr (bv_meeting_get_tzid (loaded), ==, "Europe/Berlin");
  g_assert_cmpuint (bv_meeting_get_duration (loaded), ==, 105);
  g_assert_null (bv_meeting_get_rrule (loaded));
  g_assert_cmpstr (bv_meeting_get_server_id (loaded), ==, "srv-a");
  g_assert_cmpstr (bv_meeting_get_welcome (loaded), ==, "Willkommen!\nBitte Mikrofon aus.");
  g_assert_cmpstr (bv_meeting_get_guest_policy (loaded), ==, "ALWAYS_DENY");
  g_assert_false (bv_meeting_get_mute_on_start (loaded));
  g_assert_true (bv_meeting_get_webcams_only_for_moderator (loaded));
  g_assert_cmpuint (bv_meeting_get_max_participants (loaded), ==, 25);
  g_assert_true (bv_meeting_get_record (loaded));
  g_assert_cmpstr (bv_meeting_get_recording_notice (loaded), ==, "Wir zeichnen den Vortrag auf.");
  g_assert_cmpuint (bv_meeting_get_locks (loaded), ==,
                    BV_MEETING_LOCK_WEBCAM | BV_MEETING_LOCK_PUBLIC_CHAT | BV_MEETING_LOCK_USER_LIST);
  slides = bv_meeting_get_slides (loaded);
  g_assert_cmpuint (g_strv_length ((char **) slides), ==, 2);
  g_assert_cmpstr (slides[0], ==, report);
  g_assert_cmpstr (slides[1], ==, photo);
  g_assert_cmpstr (bv_meeting_get_bbb_meeting_id (loaded), ==, bv_meeting_get_bbb_meeting_id (saved));

  /* The stored meeting comes back into the form as it was saved. */
  editor = open_editor (saved, NULL);
  g_assert_cmpuint (adw_combo_row_get_selected (child (editor, "kind_row")), ==, 3);
  g_assert_cmpstr (text_of (editor, "date_row"), ==, "02.03.2027");
  g_assert_cmpstr (text_of (editor, "time_row"), ==, "18:00");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (child (editor, "duration_spin")), ==, 105);
  g_assert_true (adw_expander_row_get_enable_expansion (child (editor, "recording_row")));
  g_assert_false (gtk_switch_get_active (child (editor, "lock_public_chat_switch")));
  g_assert_false (gtk_switch_get_active (child (editor, "lock_webcam_switch")));
  g_assert_false (gtk_switch_get_active (child (editor, "lock_user_list_switch")));
  g_assert_true (gtk_switch_get_active (child (editor, "lock_microphone_switch")));
  g_assert_true (gtk_switch_get_active (child (editor, "lock_private_chat_switch")));
  g_assert_true (gtk_switch_get_active (child (editor, "lock_shared_notes_switch")));
  g_assert_true (save_enabled (editor));
  close_editor (editor);
}

/* Widgets of @type under @root in order, as a screen reader walks them. */
static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);
  for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w))
    collect (w, type, found);
}

static GtkWidget *
agenda_widget (gpointer editor,
               GType    type,
               guint    index)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (child (editor, "agenda_group"), type, found);
  g_assert_cmpuint (index, <, found->len);
  return g_ptr_array_index (found, index);
}

static GtkWidget *
agenda_button (gpointer    editor,
               const char *tooltip)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (child (editor, "agenda_group"), GTK_TYPE_BUTTON, found);
  for (guint i = 0; i < found->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (found, i)), tooltip) == 0)
      return g_ptr_array_index (found, i);
  g_error ("no button “%s”", tooltip);
}

static void
assert_draft_agenda (gpointer    editor,
                     const char *expected)
{
  GPtrArray *items = bv_meeting_get_agenda (_bv_meeting_editor_get_draft (editor));
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      const BvAgendaItem *item = g_ptr_array_index (items, i);

      g_string_append_printf (text, "%s%s[%s]", i ? "|" : "", item->title, item->motion ? item->motion : "");
    }
  g_assert_cmpstr (text->str, ==, expected);
}

/* The agenda is typed, ordered and saved with the meeting; an item
 * without a title keeps Save disabled and says why; the venue makes the
 * meeting hybrid. */
static void
test_agenda (void)
{
  BvMeetingEditor *editor = open_editor (NULL, "srv-a");
  g_autoptr(BvMeeting) saved = NULL;
  g_autoptr(BvDatabase) reopened = NULL;
  g_autoptr(BvMeeting) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved);
  /* Not an assembly: no deadline. */
  type_into (editor, "date_row", "20.3.2027");
  g_assert_null (label_text (editor, "deadline_label"));
  select_in (editor, "kind_row", BV_MEETING_KIND_ASSEMBLY);
  type_into (editor, "title_row", "Mitgliederversammlung 2027");
  type_into (editor, "date_row", "20.3.2027");
  type_into (editor, "time_row", "15");
  /* The club's period, counted back from the date, as it falls. */
  bv_meeting_editor_set_invitation_period (editor, 21);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *expected = NULL;
    GDate deadline, today;

    g_date_clear (&deadline, 1);
    g_date_set_dmy (&deadline, 27, G_DATE_FEBRUARY, 2027);
    g_date_clear (&today, 1);
    g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                    g_date_time_get_year (now));
    expected = bv_invitation_deadline_describe (&deadline, &today);
    g_assert_true (g_str_has_prefix (expected, "Send the invitations by Saturday, 27 February"));
    g_assert_cmpstr (label_text (editor, "deadline_label"), ==, expected);
  }
  type_into (editor, "venue_row", " Vereinsheim, Am Sportplatz 3 ");
  g_assert_true (save_enabled (editor));

  gtk_widget_activate_action (GTK_WIDGET (child (editor, "agenda_group")), "agenda.add", NULL);
  bv_test_drain ();
  /* The new item is open with the focus on its title. */
  g_assert_true (gtk_widget_has_focus (agenda_widget (editor, ADW_TYPE_ENTRY_ROW, 0)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (editor)),
                                         agenda_widget (editor, ADW_TYPE_ENTRY_ROW, 0)));
  g_assert_false (save_enabled (editor));
  g_assert_cmpstr (label_text (editor, "agenda_error"), ==,
                   "Item 1 of the agenda has no title. Enter one or remove the item.");

  gtk_editable_set_text (GTK_EDITABLE (agenda_widget (editor, ADW_TYPE_ENTRY_ROW, 0)), "Begrüßung ");
  bv_test_drain ();
  g_assert_true (save_enabled (editor));
  g_assert_null (label_text (editor, "agenda_error"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (agenda_widget (editor, ADW_TYPE_EXPANDER_ROW, 0))),
                   ==, "1. Begrüßung");

  gtk_widget_activate_action (GTK_WIDGET (child (editor, "agenda_group")), "agenda.add", NULL);
  bv_test_drain ();
  gtk_editable_set_text (GTK_EDITABLE (agenda_widget (editor, ADW_TYPE_ENTRY_ROW, 1)), "Satzungsänderung");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (agenda_widget (editor, GTK_TYPE_TEXT_VIEW, 1))),
                            "§ 4 erhält folgende Fassung:\n„…“\n", -1);
  bv_test_drain ();
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (agenda_widget (editor, ADW_TYPE_EXPANDER_ROW, 1))),
                   ==, "Motion: § 4 erhält folgende Fassung:");
  assert_draft_agenda (editor, "Begrüßung[]|Satzungsänderung[§ 4 erhält folgende Fassung:\n„…“]");

  gtk_widget_activate_action (GTK_WIDGET (child (editor, "agenda_group")), "agenda.add", NULL);
  bv_test_drain ();
  gtk_editable_set_text (GTK_EDITABLE (agenda_widget (editor, ADW_TYPE_ENTRY_ROW, 2)), "Verschiedenes");
  bv_test_drain ();

  /* The first item cannot move up, the last not down. */
  g_assert_false (gtk_widget_get_sensitive (agenda_button (editor, "Move Item 1 Up")));
  g_assert_false (gtk_widget_get_sensitive (agenda_button (editor, "Move Item 3 Down")));

  /* Moving keeps the focus on the button used. */
  g_signal_emit_by_name (agenda_button (editor, "Move Item 2 Up"), "clicked");
  bv_test_drain ();
  assert_draft_agenda (editor, "Satzungsänderung[§ 4 erhält folgende Fassung:\n„…“]|Begrüßung[]|Verschiedenes[]");
  g_assert_true (gtk_widget_has_focus (agenda_button (editor, "Move Item 1 Down")));
  g_signal_emit_by_name (agenda_button (editor, "Remove Item 3"), "clicked");
  bv_test_drain ();
  assert_draft_agenda (editor, "Satzungsänderung[§ 4 erhält folgende Fassung:\n„…“]|Begrüßung[]");

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  bv_test_drain ();
  g_assert_nonnull (saved);

  reopened = bv_database_open (db_path, &error);
  g_assert_no_error (error);
  loaded = bv_database_find_meeting (reopened, bv_meeting_get_id (saved));
  g_assert_nonnull (loaded);
  g_assert_cmpstr (bv_meeting_get_venue (loaded), ==, "Vereinsheim, Am Sportplatz 3");
  g_assert_cmpuint (bv_meeting_get_agenda (loaded)->len, ==, 2);
  g_assert_cmpstr (((BvAgendaItem *) g_ptr_array_index (bv_meeting_get_agenda (loaded), 0))->title, ==,
                   "Satzungsänderung");
  g_assert_cmpstr (((BvAgendaItem *) g_ptr_array_index (bv_meeting_get_agenda (loaded), 0))->motion, ==,
                   "§ 4 erhält folgende Fassung:\n„…“");

  /* Back in the form as saved. */
  editor = open_editor (saved, NULL);
  g_assert_cmpstr (text_of (editor, "venue_row"), ==, "Vereinsheim, Am Sportplatz 3");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (agenda_widget (editor, ADW_TYPE_EXPANDER_ROW, 1))),
                   ==, "2. Begrüßung");
  g_assert_true (save_enabled (editor));
  close_editor (editor);
}

static void
test_draft_and_cancel (void)
{
  g_autoptr(BvMeeting) stored = save_meeting ("Vorstand", "2027-02-01T19:00:00", NULL);
  g_autoptr(BvMeeting) saved = NULL;
  BvMeetingEditor *editor = open_editor (stored, NULL);
  BvMeetingEditor *watch = editor;

  g_object_add_weak_pointer (G_OBJECT (watch), (gpointer *) &watch);
  type_into (editor, "title_row", "Vorstand neu");
  gtk_spin_button_set_value (child (editor, "duration_spin"), 60);
  gtk_switch_set_active (child (editor, "lock_microphone_switch"), FALSE);
  bv_test_drain ();
  g_assert_cmpuint (bv_meeting_get_locks (_bv_meeting_editor_get_draft (editor)), ==, BV_MEETING_LOCK_MICROPHONE);
  g_assert_cmpstr (bv_meeting_get_title (stored), ==, "Vorstand");
  g_assert_cmpuint (bv_meeting_get_duration (stored), ==, 90);
  g_assert_cmpuint (bv_meeting_get_locks (stored), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  bv_test_drain ();
  g_assert_null (watch);
  g_assert_cmpstr (bv_meeting_get_title (stored), ==, "Vorstand");
  {
    g_autoptr(BvDatabase) reopened = bv_database_open (db_path, NULL);
    g_autoptr(BvMeeting) loaded = bv_database_find_meeting (reopened, bv_meeting_get_id (stored));

    g_assert_cmpstr (bv_meeting_get_title (loaded), ==, "Vorstand");
  }

  /* Save changes the very object the caller holds. */
  editor = open_editor (stored, NULL);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved);
  type_into (editor, "title_row", "Vorstand neu");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  bv_test_drain ();
  g_assert_true (saved == stored);
  g_assert_cmpstr (bv_meeting_get_title (stored), ==, "Vorstand neu");
}

static AdwActionRow *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return ADW_ACTION_ROW (root);

  for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w))
    {
      AdwActionRow *found = find_row (w, title);

      if (found)
        return found;
    }
  return NULL;
}

static void
test_slide_limits (void)
{
  g_autofree char *big = write_file ("Jahresbericht.pdf", 41 * 1000 * 1000);
  g_autofree char *half1 = write_file ("Teil 1.pdf", BV_JOIN_SLIDES_MAX_BYTES / 2 + 1000);
  g_autofree char *half2 = write_file ("Teil 2.pdf", BV_JOIN_SLIDES_MAX_BYTES / 2 + 1000);
  g_autofree char *newline = write_file ("Zwei\nZeilen.pdf", 1000);
  g_autofree char *gone = g_build_filename (data_dir, "weg.pdf", NULL);
  g_autoptr(BvMeeting) stored = save_meeting ("Folien", "2027-02-01T19:00:00", NULL);
  BvMeetingEditor *editor;
  const char *message;

  {
    const char *paths[] = { gone, NULL };

    bv_meeting_set_slides (stored, paths);
  }
  editor = open_editor (stored, NULL);

  /* A slide that is gone is a warning, not a reason to refuse saving. */
  {
    AdwActionRow *row = find_row (child (editor, "slides_group"), "weg.pdf");

    g_assert_nonnull (row);
    g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "This file no longer exists."));
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "warning"));
  }
  g_assert_true (save_enabled (editor));

  {
    g_autoptr(GListModel) files = files_of (big, NULL);

    _bv_meeting_editor_add_slide_files (editor, files);
    bv_test_wait_until (not_busy, editor);
    bv_test_drain ();
  }
  message = label_text (editor, "slides_error");
  g_assert_nonnull (message);
  g_assert_cmpstr (message, ==, "“Jahresbericht.pdf” is 41.0\u00a0MB; a meeting can take at most 1.4\u00a0MB of slides. "
                   "Save it smaller, e.g. as PDF with compressed pictures, or upload it in the meeting itself.");
  g_assert_cmpuint (g_strv_length ((char **) bv_meeting_get_slides (_bv_meeting_editor_get_draft (editor))), ==, 1);

  {
    g_autoptr(GListModel) files = files_of (newline, NULL);

    _bv_meeting_editor_add_slide_files (editor, files);
    bv_test_drain ();
  }
  message = label_text (editor, "slides_error");
  g_assert_nonnull (strstr (message, "line break"));
  g_assert_cmpuint (g_strv_length ((char **) bv_meeting_get_slides (_bv_meeting_editor_get_draft (editor))), ==, 1);

  {
    g_autoptr(GListModel) files = files_of (half1, half2, NULL);

    _bv_meeting_editor_add_slide_files (editor, files);
    bv_test_wait_until (not_busy, editor);
    bv_test_drain ();
  }
  message = label_text (editor, "slides_error");
  g_assert_nonnull (strstr (message, "“Teil 2.pdf” was not added"));
  {
    const char * const *slides = bv_meeting_get_slides (_bv_meeting_editor_get_draft (editor));

    g_assert_cmpuint (g_strv_length ((char **) slides), ==, 2);
    g_assert_cmpstr (slides[0], ==, gone);
    g_assert_cmpstr (slides[1], ==, half1);
  }
  g_assert_true (save_enabled (editor));
  g_assert_cmpuint (g_strv_length ((char **) bv_meeting_get_slides (stored)), ==, 1);

  close_editor (editor);
}

static void
delete_requested_cb (BvMeetingEditor  *editor,
                     BvMeeting        *meeting,
                     BvMeeting       **out)
{
  g_set_object (out, meeting);
}

static void
test_delete_and_missing_server (void)
{
  g_autoptr(BvMeeting) stored = save_meeting ("Altes Treffen", "2027-02-01T19:00:00", NULL);
  g_autoptr(BvMeeting) requested = NULL;
  BvMeetingEditor *editor;
  BvMeetingEditor *watch;

  /* The meeting's server was deleted meanwhile. */
  bv_meeting_set_server_id (stored, "srv-gone");
  editor = open_editor (stored, NULL);
  g_assert_cmpstr (label_text (editor, "server_error"), ==, "Choose a server.");
  g_assert_false (save_enabled (editor));
  select_in (editor, "server_row", 0);
  g_assert_null (label_text (editor, "server_error"));
  g_assert_true (save_enabled (editor));
  g_assert_cmpstr (bv_meeting_get_server_id (stored), ==, "srv-gone");

  g_assert_true (gtk_widget_get_visible (child (editor, "delete_group")));
  watch = editor;
  g_object_add_weak_pointer (G_OBJECT (watch), (gpointer *) &watch);
  g_signal_connect (editor, "delete-requested", G_CALLBACK (delete_requested_cb), &requested);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL);
  bv_test_drain ();
  g_assert_true (requested == stored);
  g_assert_null (watch);
  /* Deleting is the main window's job. */
  {
    g_autoptr(BvMeeting) still = bv_database_find_meeting (db, bv_meeting_get_id (stored));

    g_assert_nonnull (still);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server_a = NULL;
  g_autoptr(BvServer) server_b = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);

  data_dir = g_dir_make_tmp ("bv-test-editor-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (data_dir, "meetings.db", NULL);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  db = bv_database_open (db_path, &error);
  g_assert_no_error (error);
  server_a = bv_server_new ("srv-a", "Vereinsserver", "https://bbb.example.org/bigbluebutton/api/", "sha256");
  server_b = bv_server_new ("srv-b", "Übungsserver", "http://127.0.0.1:1/bigbluebutton/api/", "sha256");
  g_assert_true (bv_database_save_server (db, server_a, &error));
  g_assert_true (bv_database_save_server (db, server_b, &error));
  g_assert_no_error (error);

  g_test_add_func ("/ui/meeting-editor/new-defaults", test_new_meeting_defaults);
  g_test_add_func ("/ui/meeting-editor/title-length", test_title_length);
  g_test_add_func ("/ui/meeting-editor/date-time", test_date_time_parsing);
  g_test_add_func ("/ui/meeting-editor/weekly", test_weekly_rule);
  g_test_add_func ("/ui/meeting-editor/monthly", test_monthly_rules);
  g_test_add_func ("/ui/meeting-editor/custom-rule", test_custom_rule_kept);
  g_test_add_func ("/ui/meeting-editor/stored-rule-follows-date", test_stored_rule_follows_date);
  g_test_add_func ("/ui/meeting-editor/save", test_save_round_trip);
  g_test_add_func ("/ui/meeting-editor/agenda", test_agenda);
  g_test_add_func ("/ui/meeting-editor/draft-cancel", test_draft_and_cancel);
  g_test_add_func ("/ui/meeting-editor/slide-limits", test_slide_limits);
  g_test_add_func ("/ui/meeting-editor/delete", test_delete_and_missing_server);

  status = g_test_run ();

  g_clear_object (&db);
  {
    g_autoptr(GDir) dir = g_dir_open (data_dir, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name (dir)))
      {
        g_autofree char *path = g_build_filename (data_dir, name, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (data_dir);
  g_free (db_path);
  g_free (data_dir);
  return status;
}
