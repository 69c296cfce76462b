/* test-attendance-window.c
 *
 * The attendance window over a real database file: the groups and rows a
 * secretary sees while an assembly runs, the warning about people without
 * an invitation and about a gap, and the update after a poll.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "bv-attendance-window.h"
#include "bv-attendance-window-private.h"
#include "bv-result-dialog-private.h"
#include "bv-bbb-client.h"
#include "bv-test-utils.h"

static char *dir;

static GtkWidget *
template_child (gpointer    window,
                const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), BV_TYPE_ATTENDANCE_WINDOW, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static const char *
label_text (gpointer    window,
            const char *name)
{
  GtkWidget *label = template_child (window, name);

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* "Group: Row (subtitle), …" for every group after the summary and the
 * minutes' facts. */
static void
collect (GtkWidget *root,
         GString   *text)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), "minutes_group") == 0)
    return;
  if (ADW_IS_PREFERENCES_GROUP (root) && adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (root)) &&
      *adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (root)))
    g_string_append_printf (text, "%s%s:", text->len ? " | " : "",
                            adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (root)));
  if (ADW_IS_ACTION_ROW (root))
    {
      g_string_append_printf (text, " %s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)));
      return;
    }
  for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w))
    collect (w, text);
}

static char *
describe (gpointer window)
{
  GString *text = g_string_new (NULL);

  collect (template_child (window, "page"), text);
  return g_string_free (text, FALSE);
}

static BvParticipant *
invite (BvDatabase *database,
        BvMeeting  *meeting,
        const char *name)
{
  g_autoptr(BvMember) member = bv_member_new ();
  g_autoptr(GError) error = NULL;
  BvParticipant *participant;

  bv_member_set_name (member, name);
  g_assert_true (bv_database_save_member (database, member, &error));
  g_assert_no_error (error);
  participant = bv_participant_new_member (bv_meeting_get_id (meeting), bv_member_get_id (member),
                                           BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_assert_true (bv_database_add_participant (database, participant, &error));
  g_assert_no_error (error);
  return participant;
}

static void
test_live (void)
{
  g_autofree char *path = g_build_filename (dir, "attendance.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) database = bv_database_open (path, &error);
  g_autoptr(BvContext) context = NULL;
  g_autoptr(BvAttendanceWatch) watch = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_ASSEMBLY);
  g_autoptr(BvParticipant) anna = NULL;
  g_autoptr(BvParticipant) bernd = NULL;
  g_autoptr(BvParticipant) clara = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_autofree char *shown = NULL;
  g_autofree char *anna_id = NULL;
  g_autofree char *bernd_id = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  BvAttendanceWindow *window;
  BvAttendanceSeen a = { NULL, "egal", NULL, NULL, TRUE };
  BvAttendanceSeen b = { NULL, "egal", NULL, NULL, TRUE };
  BvAttendanceSeen guest = { "w_gast", "Zaungast", NULL, NULL, FALSE };

  g_assert_no_error (error);
  context = bv_context_new (database);
  watch = bv_attendance_watch_new (context);
  bv_meeting_set_title (meeting, "Mitgliederversammlung");
  bv_meeting_set_start (meeting, "2027-03-20T15:00:00", "Europe/Berlin");
  g_assert_true (bv_database_save_meeting (database, meeting, &error));
  g_assert_no_error (error);
  anna = invite (database, meeting, "Anna Albers");
  bernd = invite (database, meeting, "Bernd Brandt");
  clara = invite (database, meeting, "Clara Castillo");

  anna_id = g_strconcat ("bv-", bv_participant_get_link_key (anna), NULL);
  bernd_id = g_strconcat ("bv-", bv_participant_get_link_key (bernd), NULL);
  a.user_id = anna_id;
  a.participant_id = bv_participant_get_id (anna);
  a.member_id = bv_participant_get_member_id (anna);
  b.user_id = bernd_id;
  b.participant_id = bv_participant_get_id (bernd);
  b.member_id = bv_participant_get_member_id (bernd);

  g_ptr_array_add (seen, &a);
  g_ptr_array_add (seen, &b);
  g_ptr_array_add (seen, &guest);
  g_assert_true (bv_database_record_attendance (database, bv_meeting_get_id (meeting), now - 600, seen, &error));
  g_assert_no_error (error);

  /* The quorum: half of all members (three), rounded up: 2. */
  g_settings_set_string (settings, "quorum-kind", "fraction");
  g_settings_set_uint (settings, "quorum-numerator", 1);
  g_settings_set_uint (settings, "quorum-denominator", 2);
  g_settings_reset (settings, "quorum-group");
  window = bv_attendance_window_new (NULL, context, settings, watch, meeting);
  gtk_window_present (GTK_WINDOW (window));
  /* Screen readers and window lists name the window by its title. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Attendance");
  shown = describe (window);
  g_assert_cmpstr (shown, ==, "In the Room (3): Anna Albers Bernd Brandt Zaungast | Left (0): | "
                              "Never Came (1): Clara Castillo");
  g_assert_cmpstr (label_text (window, "summary_label"), ==, "In the room: 3 · left: 0 · never came: 1");
  g_assert_cmpstr (label_text (window, "uninvited_label"), ==,
                   "1 person came without an invitation. Check who it is: only members may vote.");
  g_assert_null (label_text (window, "gaps_label"));
  g_assert_cmpstr (label_text (window, "quorum_label"), ==,
                   "Quorate: 2 of 3 entitled voters present (required: 2)");
  g_assert_false (gtk_widget_has_css_class (template_child (window, "quorum_label"), "warning"));

  /* Bernd leaves; the server then stops answering; the window follows
   * each poll. */
  g_ptr_array_remove (seen, &b);
  g_assert_true (bv_database_record_attendance (database, bv_meeting_get_id (meeting), now - 300, seen, &error));
  g_assert_true (bv_database_note_attendance_gap (database, bv_meeting_get_id (meeting), now - 300, &error));
  g_assert_no_error (error);
  g_signal_emit_by_name (watch, "recorded", bv_meeting_get_id (meeting));
  g_clear_pointer (&shown, g_free);
  shown = describe (window);
  g_assert_cmpstr (shown, ==, "In the Room (2): Anna Albers Zaungast | Left (1): Bernd Brandt | "
                              "Never Came (1): Clara Castillo");
  g_assert_true (g_str_has_prefix (label_text (window, "gaps_label"), "The server has not answered since "));
  /* One short: the line turns into a warning. */
  g_assert_cmpstr (label_text (window, "quorum_label"), ==,
                   "Not quorate: 1 of 3 entitled voters present (required: 2)");
  g_assert_true (gtk_widget_has_css_class (template_child (window, "quorum_label"), "warning"));

  /* A fixed number from Preferences shows at once. */
  g_settings_set_string (settings, "quorum-kind", "number");
  g_settings_set_uint (settings, "quorum-number", 1);
  g_assert_cmpstr (label_text (window, "quorum_label"), ==,
                   "Quorate: 1 of 3 entitled voters present (required: 1)");

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "quorum-kind");
  g_settings_reset (settings, "quorum-number");
  g_settings_reset (settings, "quorum-numerator");
  g_settings_reset (settings, "quorum-denominator");
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found = find_button (w, tooltip);

      if (found)
        return found;
    }
  return NULL;
}

typedef struct
{
  gpointer    window;
  const char *expected;
} Shows;

static gboolean
window_shows (gpointer data)
{
  Shows *shows = data;
  g_autofree char *text = describe (shows->window);

  return g_str_equal (text, shows->expected);
}

/* Training on the practice server: the trainer lets an invited member
 * join the running practice assembly and leave again; the window follows
 * through the real recorder. */
static void
test_practice (void)
{
  g_autofree char *path = g_build_filename (dir, "practice.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) database = bv_database_open (path, &error);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(BvContext) context = NULL;
  g_autoptr(BvAttendanceWatch) watch = NULL;
  g_autoptr(BvPracticeHost) host = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_ASSEMBLY);
  g_autoptr(BvParticipant) anna = NULL;
  g_autoptr(BvBbbClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  BvAttendanceWindow *window;
  Shows shows;

  g_assert_no_error (error);
  g_settings_reset (settings, "practice-server");
  context = bv_context_new (database);
  watch = bv_attendance_watch_new (context);
  host = bv_practice_host_new (context, settings);
  bv_practice_host_ensure_async (host, NULL, result_cb, &result);
  server = bv_practice_host_ensure_finish (host, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  bv_meeting_set_title (meeting, "Übungsversammlung");
  bv_meeting_set_start (meeting, "2027-03-20T15:00:00", "Europe/Berlin");
  bv_meeting_set_server_id (meeting, bv_server_get_id (server));
  g_assert_true (bv_database_save_meeting (database, meeting, &error));
  g_assert_no_error (error);
  anna = invite (database, meeting, "Anna Albers");

  bv_context_get_client_async (context, server, NULL, result_cb, &result);
  client = bv_context_get_client_finish (context, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  bv_test_create_room (client, bv_meeting_get_bbb_meeting_id (meeting), "Übungsversammlung");

  window = bv_attendance_window_new (NULL, context, settings, watch, meeting);
  bv_attendance_window_set_practice_host (window, host);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_nonnull (label_text (window, "practice_label"));

  g_signal_emit_by_name (find_button (GTK_WIDGET (window), "Let Anna Albers join the practice room"), "clicked");
  shows.window = window;
  shows.expected = "In the Room (1): Anna Albers | Left (0): | Never Came (0):";
  bv_test_wait_until (window_shows, &shows);

  g_signal_emit_by_name (find_button (GTK_WIDGET (window), "Let Anna Albers leave the practice room"), "clicked");
  shows.expected = "In the Room (0): | Left (1): Anna Albers | Never Came (0):";
  bv_test_wait_until (window_shows, &shows);

  gtk_window_destroy (GTK_WINDOW (window));
  bv_attendance_watch_stop (watch);
  g_settings_reset (settings, "practice-server");
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (root) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found = find_row (w, title);

      if (found)
        return found;
    }
  return NULL;
}

/* Through the item's button, named for screen readers after the item. */
static BvResultDialog *
open_result_dialog (BvAttendanceWindow *window,
                    const char         *item_title,
                    const char         *button_label)
{
  g_autofree char *tooltip = g_strdup_printf ("Enter the result of item %s", item_title + strlen ("Item "));
  GtkWidget *button = find_button (template_child (window, "page"), tooltip);
  GListModel *toplevels;  /* (transfer none) */

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, button_label);
  g_signal_emit_by_name (button, "clicked");
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (BV_IS_RESULT_DIALOG (toplevel))
        return BV_RESULT_DIALOG (toplevel);
    }
  g_assert_not_reached ();
}

static const char *
visible_text (GtkWidget *label)
{
  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* Results entered per agenda item from the attendance window, checked
 * against the two entitled voters in the room; chair and recorder kept
 * for the minutes. */
static void
test_results (void)
{
  g_autofree char *path = g_build_filename (dir, "results.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) database = bv_database_open (path, &error);
  g_autoptr(BvContext) context = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_ASSEMBLY);
  g_autoptr(GPtrArray) agenda = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_agenda_item_free);
  g_autoptr(BvParticipant) anna = NULL;
  g_autoptr(BvParticipant) bernd = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_autoptr(BvAgendaResult) stored = NULL;
  g_autofree char *anna_id = NULL;
  g_autofree char *bernd_id = NULL;
  BvMinutesFacts facts = { 0 };
  BvAttendanceSeen a = { NULL, "egal", NULL, NULL, TRUE };
  BvAttendanceSeen b = { NULL, "egal", NULL, NULL, TRUE };
  BvAttendanceWindow *window;
  BvResultDialog *dialog;
  GtkWidget *message;

  g_assert_no_error (error);
  context = bv_context_new (database);
  g_ptr_array_add (agenda, bv_agenda_item_new_full ("top-1", "Satzungsänderung", "§ 5 wird neu gefasst."));
  g_ptr_array_add (agenda, bv_agenda_item_new_full ("top-2", "Wahl des Kassenwarts", NULL));
  bv_meeting_set_title (meeting, "Mitgliederversammlung");
  bv_meeting_set_start (meeting, "2027-03-20T15:00:00", "Europe/Berlin");
  bv_meeting_set_agenda (meeting, agenda);
  g_assert_true (bv_database_save_meeting (database, meeting, &error));
  g_assert_no_error (error);
  anna = invite (database, meeting, "Anna Albers");
  bernd = invite (database, meeting, "Bernd Brandt");
  anna_id = g_strconcat ("bv-", bv_participant_get_link_key (anna), NULL);
  bernd_id = g_strconcat ("bv-", bv_participant_get_link_key (bernd), NULL);
  a.user_id = anna_id;
  a.participant_id = bv_participant_get_id (anna);
  a.member_id = bv_participant_get_member_id (anna);
  b.user_id = bernd_id;
  b.participant_id = bv_participant_get_id (bernd);
  b.member_id = bv_participant_get_member_id (bernd);
  g_ptr_array_add (seen, &a);
  g_ptr_array_add (seen, &b);
  g_assert_true (bv_database_record_attendance (database, bv_meeting_get_id (meeting),
                                                g_get_real_time () / G_USEC_PER_SEC - 60, seen, &error));
  g_assert_no_error (error);
  g_settings_reset (settings, "quorum-kind");
  g_settings_reset (settings, "quorum-group");

  window = bv_attendance_window_new (NULL, context, settings, NULL, meeting);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_nonnull (find_row (template_child (window, "page"), "Item 1: Satzungsänderung"));

  /* A vote: three counted with two voters present is flagged, two are not. */
  dialog = open_result_dialog (window, "Item 1: Satzungsänderung", "Enter Result…");
  message = _bv_result_dialog_get_field (dialog, BV_RESULT_FIELD_MESSAGE);
  g_assert_null (visible_text (message));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (_bv_result_dialog_get_field (dialog, BV_RESULT_FIELD_YES)), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (_bv_result_dialog_get_field (dialog, BV_RESULT_FIELD_NO)), 1);
  g_assert_cmpstr (visible_text (message), ==,
                   "3 votes were counted, but only 2 entitled voters were present. Please check the numbers.");
  g_assert_true (gtk_widget_has_css_class (message, "warning"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (_bv_result_dialog_get_field (dialog, BV_RESULT_FIELD_NO)), 0);
  g_assert_null (visible_text (message));
  g_signal_emit_by_name (_bv_result_dialog_get_field (dialog, BV_RESULT_FIELD_SAVE), "clicked");
  bv_test_drain ();

  stored = bv_database_get_agenda_result (database, bv_meeting_get_id (meeting), "top-1");
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->kind, ==, BV_AGENDA_RESULT_VOTE);
  g_assert_cmpstr (stored->vote_kind, ==, "open");
  g_assert_cmpuint (stored->yes, ==, 2);
  g_assert_cmpuint (stored->present, ==, 2);
  g_clear_pointer (&stored, bv_agenda_result_free);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (template_child (window, "page"),
                                                                          "Item 1: Satzungsänderung"))),
                   ==, "Vote (open): 2 yes, 0 no, 0 abstentions, 0 invalid – carried.");

  /* An election without an office is refused in the dialog, which stays. */
  dialog = open_result_dialog (window, "Item 2: Wahl des Kassenwarts", "Enter Result…");
  message = _bv_result_dialog_get_field (dialog, BV_RESULT_FIELD_MESSAGE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (_bv_result_dialog_get_field (dialog, BV_RESULT_FIELD_KIND)), 1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (_bv_result_dialog_get_field (dialog, BV_RESULT_FIELD_ELECTED))),
                            "Clara Castillo: 2\nDora Dietz: 3\n", -1);
  g_assert_cmpstr (visible_text (message), ==,
                   "Dora Dietz has 3 votes, but only 2 entitled voters were present. Please check the numbers.");
  g_signal_emit_by_name (_bv_result_dialog_get_field (dialog, BV_RESULT_FIELD_SAVE), "clicked");
  g_assert_cmpstr (visible_text (message), ==, "An election needs the office the persons were elected to.");
  g_assert_true (gtk_widget_has_css_class (message, "error"));
  g_assert_null (bv_database_get_agenda_result (database, bv_meeting_get_id (meeting), "top-2"));
  gtk_editable_set_text (GTK_EDITABLE (_bv_result_dialog_get_field (dialog, BV_RESULT_FIELD_OFFICE)), "Kassenwart");
  gtk_switch_set_active (GTK_SWITCH (_bv_result_dialog_get_field (dialog, BV_RESULT_FIELD_ACCEPTED)), TRUE);
  g_signal_emit_by_name (_bv_result_dialog_get_field (dialog, BV_RESULT_FIELD_SAVE), "clicked");
  bv_test_drain ();
  stored = bv_database_get_agenda_result (database, bv_meeting_get_id (meeting), "top-2");
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->office, ==, "Kassenwart");
  g_assert_cmpuint (stored->elected->len, ==, 2);
  g_assert_cmpstr (((BvElected *) g_ptr_array_index (stored->elected, 1))->name, ==, "Dora Dietz");
  g_assert_cmpuint (((BvElected *) g_ptr_array_index (stored->elected, 1))->votes, ==, 3);
  g_assert_true (stored->accepted);

  /* Opened again, the dialog shows what is stored. */
  dialog = open_result_dialog (window, "Item 2: Wahl des Kassenwarts", "Change Result…");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (_bv_result_dialog_get_field (dialog, BV_RESULT_FIELD_KIND))), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_bv_result_dialog_get_field (dialog, BV_RESULT_FIELD_OFFICE))), ==, "Kassenwart");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Chair and recorder are kept as they are typed. */
  gtk_editable_set_text (GTK_EDITABLE (template_child (window, "chair_row")), "Anna Albers");
  gtk_editable_set_text (GTK_EDITABLE (template_child (window, "recorder_row")), " Bernd Brandt ");
  gtk_switch_set_active (GTK_SWITCH (template_child (window, "extraordinary_switch")), TRUE);
  bv_database_get_minutes_facts (database, bv_meeting_get_id (meeting), &facts);
  g_assert_cmpstr (facts.chair, ==, "Anna Albers");
  g_assert_cmpstr (facts.recorder, ==, "Bernd Brandt");
  g_assert_true (facts.extraordinary);
  bv_minutes_facts_clear (&facts);

  /* Printed through GtkPrintOperation (exported to a file instead of the
   * dialog): the same minutes as the PDF export, read back by pdftotext. */
  {
    g_autofree char *pdf_path = g_build_filename (dir, "printed.pdf", NULL);
    g_autofree char *printed = NULL;
    const char *argv[] = { "pdftotext", pdf_path, "-", NULL };
    int status;

    _bv_attendance_window_print_to_file (window, pdf_path);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &printed, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (printed, "Minutes of the extraordinary general assembly"));
    g_assert_nonnull (strstr (printed, "Chair: Anna Albers"));
    g_assert_nonnull (strstr (printed, "Item 2: Wahl des Kassenwarts"));
    g_assert_nonnull (strstr (printed, "Appendix: attendance list"));
    g_assert_nonnull (strstr (printed, "Bernd Brandt"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  bv_test_drain ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  dir = g_dir_make_tmp ("bv-test-attendance-window-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/attendance-window/live", test_live);
  g_test_add_func ("/ui/attendance-window/results", test_results);
  g_test_add_func ("/ui/attendance-window/practice", test_practice);

  status = g_test_run ();
  bv_test_remove_tree (dir);
  g_free (dir);
  return status;
}
