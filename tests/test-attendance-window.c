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

/* "Group: Row (subtitle), …" for every group after the summary. */
static void
collect (GtkWidget *root,
         GString   *text)
{
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
  g_test_add_func ("/ui/attendance-window/practice", test_practice);

  status = g_test_run ();
  bv_test_remove_tree (dir);
  g_free (dir);
  return status;
}
