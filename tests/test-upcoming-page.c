/* test-upcoming-page.c
 *
 * The Anstehend page in a real GTK window (Xvfb), on a real SQLite file,
 * with the live state asked of the practice server over loopback HTTP and
 * the secret in the real keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include "bv-invitation-mark.h"
#include "bv-practice-server-private.h"
#include "bv-secret-store.h"
#include "bv-server-client.h"
#include "bv-upcoming-page.h"
#include "bv-test-utils.h"

#define SECRET "upcoming-page-test-secret-0123456789"

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

static BvServer *
add_server (BvDatabase *db,
            const char *name,
            const char *url)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = bv_server_generate_id ();
  BvServer *server = bv_server_new (id, name, url, "sha256");

  g_assert_true (bv_database_save_server (db, server, &error));
  g_assert_no_error (error);
  bv_secret_store_save_async (id, name, SECRET, NULL, result_cb, &result);
  bv_secret_store_save_finish (bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  return server;
}

static BvMeeting *
add_meeting (BvDatabase *db,
             BvServer   *server,
             const char *title,
             GDateTime  *start,
             guint       minutes,
             const char *rrule)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *local = g_date_time_format (start, "%Y-%m-%dT%H:%M:00");
  BvMeeting *meeting = bv_meeting_new (BV_MEETING_KIND_GROUP);

  bv_meeting_set_title (meeting, title);
  bv_meeting_set_start (meeting, local, "Etc/UTC");
  bv_meeting_set_duration (meeting, minutes);
  bv_meeting_set_rrule (meeting, rrule);
  bv_meeting_set_server_id (meeting, bv_server_get_id (server));
  g_assert_true (bv_database_save_meeting (db, meeting, &error));
  g_assert_no_error (error);
  return meeting;
}

/* The groups and rows as the user sees them: "Today: A | Later: B". */
static char *
describe_page (BvUpcomingPage *page)
{
  GtkWidget *box = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), BV_TYPE_UPCOMING_PAGE, "groups_box"));
  GString *text = g_string_new (NULL);

  for (GtkWidget *group = gtk_widget_get_first_child (box); group; group = gtk_widget_get_next_sibling (group))
    {
      GtkWidget *w = group;

      if (text->len > 0)
        g_string_append (text, " | ");
      g_string_append_printf (text, "%s:", adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)));

      /* Depth-first over the group's widgets, picking the rows. */
      while (w)
        {
          if (ADW_IS_ACTION_ROW (w))
            g_string_append_printf (text, " %s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)));
          if (gtk_widget_get_first_child (w) && !ADW_IS_ACTION_ROW (w))
            w = gtk_widget_get_first_child (w);
          else
            {
              while (w != group && !gtk_widget_get_next_sibling (w))
                w = gtk_widget_get_parent (w);
              w = w == group ? NULL : gtk_widget_get_next_sibling (w);
            }
        }
    }

  return g_string_free (text, FALSE);
}

static const char *
row_subtitle (BvUpcomingPage *page,
              const char     *title)
{
  GtkWidget *w = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), BV_TYPE_UPCOMING_PAGE, "groups_box"));
  GtkWidget *root = w;

  while (w)
    {
      if (ADW_IS_ACTION_ROW (w) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), title) == 0)
        return adw_action_row_get_subtitle (ADW_ACTION_ROW (w));
      if (gtk_widget_get_first_child (w))
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != root && !gtk_widget_get_next_sibling (w))
            w = gtk_widget_get_parent (w);
          w = w == root ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  return NULL;
}

typedef struct
{
  BvUpcomingPage *page;
  const char     *prefix;
} LabelWait;

/* A visible label of the page whose text starts with prefix. */
static gboolean
has_visible_label (gpointer data)
{
  LabelWait *wait = data;
  GtkWidget *root = GTK_WIDGET (wait->page);
  GtkWidget *w = root;

  while (w)
    {
      if (GTK_IS_LABEL (w) && gtk_widget_is_visible (w) &&
          g_str_has_prefix (gtk_label_get_text (GTK_LABEL (w)), wait->prefix))
        return TRUE;
      if (gtk_widget_get_first_child (w))
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != root && !gtk_widget_get_next_sibling (w))
            w = gtk_widget_get_parent (w);
          w = w == root ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  return FALSE;
}

static gboolean
notice_shown (gpointer data)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (data));
}

static void
enter_room (BvServer   *server,
            BvMeeting  *meeting)
{
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) created = NULL;
  g_autoptr(GAsyncResult) sent = NULL;
  g_autoptr(BvBbbClient) client = NULL;
  g_autoptr(BvBbbQuery) create = bv_bbb_query_new ();
  g_autoptr(BvBbbQuery) join = bv_bbb_query_new ();
  g_autoptr(BvBbbMeeting) room = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  bv_server_client_open_async (server, NULL, result_cb, &opened);
  client = bv_server_client_open_finish (bv_test_wait_for (&opened), &error);
  g_assert_no_error (error);

  bv_bbb_query_add (create, "meetingID", bv_meeting_get_bbb_meeting_id (meeting));
  bv_bbb_query_add (create, "name", bv_meeting_get_title (meeting));
  bv_bbb_client_create_async (client, create, NULL, NULL, result_cb, &created);
  room = bv_bbb_client_create_finish (client, bv_test_wait_for (&created), &error);
  g_assert_no_error (error);

  bv_bbb_query_add (join, "fullName", "Anna");
  bv_bbb_query_add (join, "meetingID", bv_meeting_get_bbb_meeting_id (meeting));
  bv_bbb_query_add (join, "role", "VIEWER");
  url = bv_bbb_client_build_url (client, "join", join);
  msg = soup_message_new ("GET", url);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, result_cb, &sent);
  body = soup_session_send_and_read_finish (session, bv_test_wait_for (&sent), &error);
  g_assert_no_error (error);
}

static void
show_toast_cb (BvUpcomingPage  *page,
               AdwToast        *toast,
               AdwToast       **out)
{
  g_set_object (out, toast);
  /* Nobody shows it here; the window would take it over. */
  g_object_unref (toast);
}

static GtkWindow *
show_page (BvContext        *manager,
           BvUpcomingPage  **page)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  *page = g_object_new (BV_TYPE_UPCOMING_PAGE, NULL);
  gtk_window_set_child (window, GTK_WIDGET (*page));
  gtk_window_set_default_size (window, 800, 700);
  bv_upcoming_page_setup (*page, manager, NULL);
  gtk_window_present (window);
  bv_test_wait_until (widget_is_mapped, *page);
  return window;
}

static guint
count_tooltips (GtkWidget  *widget,
                const char *text)
{
  guint count = g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0 &&
                gtk_widget_get_visible (widget) && gtk_widget_get_has_tooltip (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    count += count_tooltips (child, text);
  return count;
}

static guint
count_button_labels (GtkWidget  *widget,
                     const char *text)
{
  guint count = GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
                g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), text) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    count += count_button_labels (child, text);
  return count;
}

static GtkMenuButton *
find_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_menu_button (child);

      if (found)
        return found;
    }
  return NULL;
}

static void
test_groups_live_and_cancel (void)
{
  g_autofree char *path = g_build_filename (dir, "upcoming.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) db = NULL;
  g_autoptr(BvContext) manager = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(BvMeeting) now_meeting = NULL;
  g_autoptr(BvMeeting) series = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new_now (utc);
  g_autoptr(GDateTime) started = g_date_time_add_minutes (now, -1);
  g_autoptr(GDateTime) in_ten_days = g_date_time_add_days (now, 10);
  g_autoptr(GDateTime) first_date = NULL;
  g_autoptr(GDateTime) second_date = NULL;
  g_autoptr(GPtrArray) exceptions = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *recurrence_id = NULL;
  g_autofree char *first_day = NULL;
  g_autofree char *second_day = NULL;
  LabelWait running = { NULL, "Running since " };
  BvUpcomingPage *page;
  GtkWindow *window;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  server = add_server (db, "Vereinsserver", bv_practice_server_get_api_url (practice));
  manager = bv_context_new (db);

  /* In progress (so "today" whatever the hour), and a weekly series whose
   * first date is later. */
  now_meeting = add_meeting (db, server, "Vorstand jetzt", started, 180, NULL);
  first_date = g_date_time_new (utc, g_date_time_get_year (in_ten_days), g_date_time_get_month (in_ten_days),
                                g_date_time_get_day_of_month (in_ten_days), 18, 0, 0);
  series = add_meeting (db, server, "Yoga", first_date, 90, "FREQ=WEEKLY");
  second_date = g_date_time_add_weeks (first_date, 1);

  window = show_page (manager, &page);
  g_signal_connect (page, "show-toast", G_CALLBACK (show_toast_cb), &toast);
  shown = describe_page (page);
  g_assert_cmpstr (shown, ==, "Today: Vorstand jetzt | Later: Yoga");
  first_day = g_date_time_format (first_date, "%a, %-d %B");
  g_assert_true (g_str_has_prefix (row_subtitle (page, "Yoga"), first_day));
  {
    /* The date in the user's zone (Berlin, from the test environment), the
     * series' time of day in its own zone, named. */
    g_autoptr(GDateTime) local = g_date_time_to_local (first_date);
    g_autofree char *local_time = g_date_time_format (local, " · %H:%M–");
    const char *subtitle = row_subtitle (page, "Yoga");

    g_assert_cmpint (g_date_time_get_utc_offset (local), !=, 0);
    g_assert_nonnull (strstr (subtitle, local_time));
    g_assert_nonnull (strstr (subtitle, ", 18:00 (time in Etc/UTC)"));
  }

  /* Someone is in the room: the row says so after the next round. */
  enter_room (server, now_meeting);
  bv_upcoming_page_refresh_live (page);
  running.page = page;
  bv_test_wait_until (has_visible_label, &running);

  /* The series' row has a menu to call off one date; its popover is made
   * when the menu is first opened. */
  {
    GtkMenuButton *more = find_menu_button (GTK_WIDGET (page));
    GMenuModel *model;
    g_autofree char *label = NULL;

    g_assert_nonnull (more);
    g_assert_null (gtk_menu_button_get_menu_model (more));
    g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (more)));
    gtk_menu_button_popup (more);
    model = gtk_menu_button_get_menu_model (more);
    g_assert_nonnull (model);
    g_assert_cmpint (g_menu_model_get_n_items (model), ==, 1);
    g_assert_true (g_menu_model_get_item_attribute (model, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
    g_assert_cmpstr (label, ==, "_Cancel This Date");
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (more))));
    gtk_menu_button_popdown (more);
  }

  /* Calling off the series' next date shows the one after, with undo. */
  recurrence_id = g_date_time_format (first_date, "%Y-%m-%dT%H:%M:%S");
  gtk_widget_activate_action (GTK_WIDGET (page), "upcoming.cancel-date", "(ss)",
                              bv_meeting_get_id (series), recurrence_id);
  exceptions = bv_database_list_exceptions (db, bv_meeting_get_id (series));
  g_assert_cmpuint (exceptions->len, ==, 1);
  g_assert_true (((BvMeetingException *)exceptions->pdata[0])->cancelled);
  second_day = g_date_time_format (second_date, "%a, %-d %B");
  g_assert_true (g_str_has_prefix (row_subtitle (page, "Yoga"), second_day));
  g_assert_nonnull (toast);
  g_assert_nonnull (strstr (adw_toast_get_title (toast), "Yoga"));
  g_signal_emit_by_name (toast, "button-clicked");
  g_clear_pointer (&exceptions, g_ptr_array_unref);
  exceptions = bv_database_list_exceptions (db, bv_meeting_get_id (series));
  g_assert_cmpuint (exceptions->len, ==, 0);
  g_assert_true (g_str_has_prefix (row_subtitle (page, "Yoga"), first_day));

  /* A deleted meeting leaves the page at once. */
  g_assert_true (bv_database_delete_meeting (db, bv_meeting_get_id (series), &error));
  g_assert_no_error (error);
  g_clear_pointer (&shown, g_free);
  shown = describe_page (page);
  g_assert_cmpstr (shown, ==, "Today: Vorstand jetzt");

  gtk_window_destroy (window);
  g_assert_true (bv_database_delete_meeting (db, bv_meeting_get_id (now_meeting), &error));
}

static GtkWidget *
first_group (BvUpcomingPage *page)
{
  return gtk_widget_get_first_child (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                                BV_TYPE_UPCOMING_PAGE,
                                                                                "groups_box")));
}

/* The list is built once for the window's first frame, and again when the
 * page is shown after being hidden (dates may have ended meanwhile). */
static void
test_built_once_then_on_show (void)
{
  g_autofree char *path = g_build_filename (dir, "built-once.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) db = NULL;
  g_autoptr(BvContext) manager = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new_now (utc);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *built, *shown;
  BvUpcomingPage *page;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  server = add_server (db, "Vereinsserver", bv_practice_server_get_api_url (practice));
  manager = bv_context_new (db);
  meeting = add_meeting (db, server, "Kassenprüfung", tomorrow, 60, NULL);

  page = g_object_new (BV_TYPE_UPCOMING_PAGE, NULL);
  gtk_window_set_child (window, GTK_WIDGET (page));
  bv_upcoming_page_setup (page, manager, NULL);
  built = first_group (page);
  g_assert_nonnull (built);

  gtk_window_present (window);
  bv_test_wait_until (widget_is_mapped, page);
  g_assert_true (first_group (page) == built);
  /* bv_ui_set_tooltip () sets them while the buttons are briefly hidden. */
  /* Editing shows its word, not a pencil. */
  g_assert_cmpuint (count_button_labels (built, "Edit"), ==, 1);
  g_assert_cmpuint (count_tooltips (built, "Invite people to “Kassenprüfung” with personal links"), ==, 1);
  g_assert_cmpuint (count_tooltips (built, "Open “Kassenprüfung” in the web browser as moderator"), ==, 1);

  gtk_widget_set_visible (GTK_WIDGET (page), FALSE);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  gtk_widget_set_visible (GTK_WIDGET (page), TRUE);
  bv_test_wait_until (widget_is_mapped, page);
  shown = first_group (page);
  g_assert_nonnull (shown);
  g_assert_true (shown != built);

  gtk_window_destroy (window);
}

static void
test_offline_notice (void)
{
  g_autofree char *path = g_build_filename (dir, "offline.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) db = NULL;
  g_autoptr(BvContext) manager = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new_now (utc);
  g_autoptr(GDateTime) started = g_date_time_add_minutes (now, -1);
  g_autofree char *url = NULL;
  g_autofree char *shown = NULL;
  GtkRevealer *revealer;
  GtkLabel *label;
  BvUpcomingPage *page;
  GtkWindow *window;

  /* A port nobody listens on. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/bigbluebutton/api/",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_assert_true (g_socket_close (socket, &error));

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  server = add_server (db, "Kaputt", url);
  manager = bv_context_new (db);
  meeting = add_meeting (db, server, "Kassenprüfung", started, 60, NULL);

  window = show_page (manager, &page);
  revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (page), BV_TYPE_UPCOMING_PAGE, "offline_revealer"));
  label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (page), BV_TYPE_UPCOMING_PAGE, "offline_label"));
  bv_test_wait_until (notice_shown, revealer);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (label), "No connection to “Kaputt”."));
  /* The plan is still there. */
  shown = describe_page (page);
  g_assert_cmpstr (shown, ==, "Today: Kassenprüfung");

  gtk_window_destroy (window);
}

static BvMeeting *
add_assembly (BvDatabase    *db,
              BvServer      *server,
              const char    *title,
              int            days_ahead,
              BvMeetingKind  kind)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new_now (utc);
  g_autoptr(GDateTime) start = g_date_time_add_days (now, days_ahead);
  g_autoptr(GError) error = NULL;
  BvMeeting *meeting = add_meeting (db, server, title, start, 120, NULL);

  bv_meeting_set_kind (meeting, kind);
  g_assert_true (bv_database_save_meeting (db, meeting, &error));
  g_assert_no_error (error);
  return meeting;
}

/* An assembly whose invitations are not sent warns when the day they must
 * go out (the period from Preferences) is a week away or past; not once
 * the invitations are sent, not for other kinds, not while it is far. */
static void
test_invitation_warning (void)
{
  g_autofree char *path = g_build_filename (dir, "deadline.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) db = NULL;
  g_autoptr(BvContext) manager = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(BvMeeting) soon = NULL;
  g_autoptr(BvMeeting) far = NULL;
  g_autoptr(BvMeeting) invited = NULL;
  g_autoptr(BvMeeting) board = NULL;
  g_autoptr(BvMember) member = bv_member_new ();
  g_autoptr(BvParticipant) participant = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  BvUpcomingPage *page;
  const char *subtitle;
  GDate sent_day;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  server = add_server (db, "Vereinsserver", bv_practice_server_get_api_url (practice));
  manager = bv_context_new (db);
  soon = add_assembly (db, server, "Mitgliederversammlung", 10, BV_MEETING_KIND_ASSEMBLY);
  far = add_assembly (db, server, "Außerordentliche MV", 40, BV_MEETING_KIND_ASSEMBLY);
  invited = add_assembly (db, server, "Jahreshauptversammlung", 10, BV_MEETING_KIND_ASSEMBLY);
  board = add_assembly (db, server, "Vorstandssitzung", 10, BV_MEETING_KIND_BOARD);

  bv_member_set_name (member, "Erika Musterfrau");
  g_assert_true (bv_database_save_member (db, member, &error));
  g_assert_no_error (error);
  participant = bv_participant_new_member (bv_meeting_get_id (invited), bv_member_get_id (member),
                                           BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_assert_true (bv_database_add_participant (db, participant, &error));
  g_assert_no_error (error);
  /* Sent: the member's invitation marked as a letter (a link alone is not
   * a sent invitation). */
  g_date_clear (&sent_day, 1);
  g_date_set_time_t (&sent_day, time (NULL));
  g_assert_true (bv_database_set_invitation_mark (db, bv_participant_get_id (participant),
                                                  BV_INVITATION_MARK_LETTER, &sent_day, &error));
  g_assert_no_error (error);

  g_settings_reset (settings, "invitation-period-days");
  page = g_object_new (BV_TYPE_UPCOMING_PAGE, NULL);
  gtk_window_set_child (window, GTK_WIDGET (page));
  bv_upcoming_page_setup (page, manager, settings);

  /* Fourteen days: the deadline of the one in ten days has passed. */
  subtitle = row_subtitle (page, "Mitgliederversammlung");
  g_test_message ("%s", subtitle);
  g_assert_nonnull (strstr (subtitle, "\nInvitations not sent: the invitation period ended on "));
  g_assert_null (strstr (row_subtitle (page, "Außerordentliche MV"), "Invitations"));
  g_assert_null (strstr (row_subtitle (page, "Jahreshauptversammlung"), "Invitations"));
  g_assert_null (strstr (row_subtitle (page, "Vorstandssitzung"), "Invitations"));

  /* Seven days: three days are left. */
  g_settings_set_uint (settings, "invitation-period-days", 7);
  bv_upcoming_page_reload (page);
  subtitle = row_subtitle (page, "Mitgliederversammlung");
  g_assert_nonnull (strstr (subtitle, ", in 3 days."));
  g_assert_null (strstr (row_subtitle (page, "Außerordentliche MV"), "Invitations"));

  /* Thirty-five days: the far one's deadline is five days away. */
  g_settings_set_uint (settings, "invitation-period-days", 35);
  bv_upcoming_page_reload (page);
  g_assert_nonnull (strstr (row_subtitle (page, "Außerordentliche MV"), ", in 5 days."));

  g_settings_reset (settings, "invitation-period-days");
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

  dir = g_dir_make_tmp ("bv-test-upcoming-XXXXXX", &error);
  g_assert_no_error (error);
  practice = bv_practice_server_new (SECRET);
  g_assert_true (bv_practice_server_start (practice, &error));
  g_assert_no_error (error);

  g_test_add_func ("/ui/upcoming-page/groups-live-and-cancel", test_groups_live_and_cancel);
  g_test_add_func ("/ui/upcoming-page/offline-notice", test_offline_notice);
  g_test_add_func ("/ui/upcoming-page/built-once-then-on-show", test_built_once_then_on_show);
  g_test_add_func ("/ui/upcoming-page/invitation-warning", test_invitation_warning);

  status = g_test_run ();

  g_clear_object (&practice);
  {
    const char *names[] = { "upcoming.db", "offline.db", "deadline.db", NULL };

    for (guint i = 0; names[i]; i++)
      {
        g_autofree char *db = g_build_filename (dir, names[i], NULL);
        g_autofree char *wal = g_strconcat (db, "-wal", NULL);
        g_autofree char *shm = g_strconcat (db, "-shm", NULL);

        g_unlink (db);
        g_unlink (wal);
        g_unlink (shm);
      }
    g_rmdir (dir);
  }
  g_free (dir);
  return status;
}
