/* test-application.c
 *
 * The application's desktop integration (ui/bv-application and the search
 * provider it exports) through the real executable (BV_APP): a
 * server added with --add-server installs the autostart entry; in
 * --background the app opens the room of a meeting that is due (create,
 * never join) and sends a reminder with "Join" and "Copy Invitation"
 * to a stand-in notification server owned by this test; the reminder's
 * Join button and GNOME Shell's search (org.gnome.Shell.SearchProvider2)
 * each open exactly one join link in a stand-in browser.
 *
 * Runs in the ui suite's environment (private session bus, keyring). The
 * meeting starts 15 minutes (the default lead time) and a few seconds from
 * now, so the reminder is due within seconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "bv-database.h"
#include "bv-practice-server-private.h"
#include "bv-test-utils.h"

#define SECRET        "test-desktop-8c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f"
/* With "&", "<" and a link, which a markup reader would take apart: the
 * title must reach every place as the text it is. */
#define TITLE         "Vorstandssitzung & Beirat <a href=\"x.org\">Jürgen</a> 1<2"
#define PROVIDER_PATH "/org/herzlich/BbbVereine/SearchProvider"
#define APP_ID_BUS    "org.herzlich.BbbVereine"

static BvPracticeServer *practice;
static GDBusConnection  *bus;
static GSubprocess      *app;
static char             *work_dir;
static char             *urls_path;
static char             *meeting_id;
static GDateTime        *meeting_start;

/* What the stand-in notification server was told. */
typedef struct
{
  guint32  id;
  char    *summary;
  char    *body;
  GStrv    actions;
} Notified;

static GPtrArray *notified;

static void
notified_free (Notified *n)
{
  g_free (n->summary);
  g_free (n->body);
  g_strfreev (n->actions);
  g_free (n);
}

/* helpers */

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Waits for the browser's n-th URL, then for the quiet period: no other
 * one follows. */
static char *
wait_for_url (guint n)
{
  g_auto(GStrv) urls = NULL;

  bv_test_assert_exactly (bv_test_count_lines, urls_path, n);
  urls = bv_test_read_lines (urls_path);
  return g_strdup (urls[n - 1]);
}

static guint
count_queries (const char *needle)
{
  GPtrArray *queries = bv_practice_server_get_raw_queries (practice);
  guint count = 0;

  for (guint i = 0; i < queries->len; i++)
    if (strstr (g_ptr_array_index (queries, i), needle))
      count++;
  return count;
}

static guint
count_creates (gpointer unused)
{
  return bv_practice_server_count_calls (practice, "create");
}

static GVariant *
call_provider (const char *method,
               GVariant   *parameters,
               const char *reply_type)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  g_dbus_connection_call (bus, APP_ID_BUS, PROVIDER_PATH, "org.gnome.Shell.SearchProvider2",
                          method, parameters, G_VARIANT_TYPE (reply_type),
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, 10000, NULL, result_cb, &result);
  reply = g_dbus_connection_call_finish (bus, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  return reply;
}

static GStrv
search (const char * const *terms)
{
  g_autoptr(GVariant) reply = call_provider ("GetInitialResultSet",
                                             g_variant_new ("(^as)", terms), "(as)");
  GStrv ids = NULL;

  g_variant_get (reply, "(^as)", &ids);
  return ids;
}

/* The stand-in notification server (org.freedesktop.Notifications). */

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "    <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "    <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "  </interface>"
  "</node>";

static void
notifications_method_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *object_path,
                         const char            *interface_name,
                         const char            *method_name,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  if (g_str_equal (method_name, "Notify"))
    {
      Notified *n = g_new0 (Notified, 1);

      g_variant_get (parameters, "(&su&sss^as@a{sv}i)", NULL, NULL, NULL,
                     &n->summary, &n->body, &n->actions, NULL, NULL);
      n->id = notified->len + 1;
      g_ptr_array_add (notified, n);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", n->id));
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      /* As GNOME Shell and most servers: bodies may carry markup, so no
       * text of the user's belongs there unescaped. */
      const char *caps[] = { "actions", "body", "body-markup", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method_name, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(ssss)", "stand-in", "test", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable notifications_vtable = { notifications_method_cb, NULL, NULL, { 0 } };

static void
own_notifications (void)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  guint flags;

  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                     &notifications_vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &flags);
  g_assert_cmpuint (flags, ==, 1);  /* primary owner */
}

static Notified *
find_notification (const char *summary_prefix)
{
  for (guint i = 0; i < notified->len; i++)
    {
      Notified *n = g_ptr_array_index (notified, i);

      if (g_str_has_prefix (n->summary, summary_prefix))
        return n;
    }
  return NULL;
}

static gboolean
notification_shown (gpointer summary_prefix)
{
  return find_notification (summary_prefix) != NULL;
}

static Notified *
wait_for_notification (const char *summary_prefix)
{
  bv_test_wait_until (notification_shown, (gpointer) summary_prefix);
  return find_notification (summary_prefix);
}

/* set-up */

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
run_app (const char *stdin_text,
         const char *arg1,
         const char *arg2)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                              G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              g_getenv ("BV_APP"), arg1, arg2, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, stdin_text, NULL, result_cb, &result);
  g_subprocess_communicate_utf8_finish (process, bv_test_wait_for (&result), &out, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (process) != 0)
    g_error ("%s %s failed: %s%s", arg1, arg2 ? arg2 : "", out, err);
}

static void
set_up_browser (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *apps = g_build_filename (work_dir, "data", "applications", NULL);
  g_autofree char *config = g_build_filename (work_dir, "config", NULL);
  g_autofree char *browser = g_build_filename (work_dir, "browser.sh", NULL);
  g_autofree char *desktop = g_build_filename (apps, "bv-browser.desktop", NULL);
  g_autofree char *mimeapps = g_build_filename (config, "mimeapps.list", NULL);
  g_autofree char *script = NULL;
  g_autofree char *entry = NULL;

  g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  urls_path = g_build_filename (work_dir, "urls.txt", NULL);
  script = g_strdup_printf ("#!/bin/sh\nprintf '%%s\\n' \"$1\" >> '%s'\n", urls_path);
  g_file_set_contents (browser, script, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (browser, 0700), ==, 0);
  entry = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Stand-in Browser\n"
                           "Exec=%s %%u\nMimeType=x-scheme-handler/http;x-scheme-handler/https;\n",
                           browser);
  g_file_set_contents (desktop, entry, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (mimeapps, "[Default Applications]\n"
                                 "x-scheme-handler/http=bv-browser.desktop\n"
                                 "x-scheme-handler/https=bv-browser.desktop\n", -1, &error);
  g_assert_no_error (error);

  g_setenv ("XDG_DATA_HOME", g_build_filename (work_dir, "data", NULL), TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_unsetenv ("XDG_CURRENT_DESKTOP");
}

/* A meeting on the server the app knows, starting lead time + 8 s from
 * now, written into the app's database while the app is not running. */
static void
plan_meeting (void)
{
  g_autofree char *path = g_build_filename (work_dir, "data", "bbb-vereine", "bbb-vereine.db", NULL);
  g_autoptr(BvDatabase) database = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autofree char *start_local = NULL;
  g_autoptr(GError) error = NULL;

  database = bv_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_servers (database)), ==, 1);
  server = g_list_model_get_item (bv_database_get_servers (database), 0);

  meeting_start = g_date_time_add_seconds (now, 15 * 60 + 8);
  start_local = g_date_time_format (meeting_start, "%Y-%m-%dT%H:%M:%S");
  bv_meeting_set_title (meeting, TITLE);
  bv_meeting_set_start (meeting, start_local, "Europe/Berlin");
  bv_meeting_set_duration (meeting, 60);
  bv_meeting_set_server_id (meeting, bv_server_get_id (server));
  g_assert_true (bv_database_save_meeting (database, meeting, &error));
  g_assert_no_error (error);
  meeting_id = g_strdup (bv_meeting_get_id (meeting));
}

/* tests, in order: they share the running app */

static void
test_autostart (void)
{
  g_autofree char *path = g_build_filename (work_dir, "config", "autostart",
                                            "org.herzlich.BbbVereine.desktop", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  /* --add-server ran in set-up: with a server, background mode is on by
   * default and the entry is there. */
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "\nExec=bbb-vereine --background\n"));
  /* After uninstalling, the entry the user keeps must not start anything. */
  g_assert_nonnull (strstr (contents, "\nTryExec=bbb-vereine\n"));
  g_assert_nonnull (strstr (contents, "\nX-GNOME-Autostart-enabled=true\n"));
}

static void
test_background_reminder (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *time = g_date_time_format (meeting_start, "%H:%M");
  g_autofree char *expected = g_strdup_printf ("%s at %s", TITLE, time);
  g_autoptr(GVariant) target = g_variant_ref_sink (g_variant_new_string (meeting_id));
  g_autofree char *join_target = g_action_print_detailed_name ("app.join-meeting", target);
  g_autofree char *copy_target = g_action_print_detailed_name ("app.copy-invitation", target);
  Notified *reminder;

  bv_practice_server_reset_log (practice);
  g_subprocess_launcher_setenv (launcher, "GNOTIFICATION_BACKEND", "freedesktop", TRUE);
  /* A failed assertion here must not leave the app running. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  app = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("BV_APP"), "--background", NULL);
  g_assert_no_error (error);

  reminder = wait_for_notification (TITLE);
  /* The summary is plain text by the specification, so it carries the
   * title as it is; the body is markup and carries none of it. */
  g_assert_cmpstr (reminder->summary, ==, expected);
  g_assert_null (strstr (reminder->body, "Beirat"));
  g_assert_null (strstr (reminder->body, "<a"));
  g_assert_cmpuint (g_strv_length (reminder->actions), ==, 4);
  g_assert_cmpstr (reminder->actions[0], ==, join_target);
  g_assert_cmpstr (reminder->actions[1], ==, "Join");
  g_assert_cmpstr (reminder->actions[2], ==, copy_target);
  g_assert_cmpstr (reminder->actions[3], ==, "Copy Invitation");

  /* The room opens with the reminder: create, and nobody joined. */
  bv_test_assert_exactly (count_creates, NULL, 1);
  g_assert_cmpuint (count_queries ("&name="), ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (bv_practice_server_get_raw_queries (practice), 0),
                            "meetingExpireIfNoUserJoinedInMinutes="));
  g_assert_cmpuint (count_queries ("fullName="), ==, 0);
  g_assert_false (g_file_test (urls_path, G_FILE_TEST_EXISTS));
  /* Still running without a window. */
  g_assert_nonnull (g_subprocess_get_identifier (app));
}

/* What the X clipboard holds, read by a separate GTK process as another
 * program would paste it. */
static char *
read_clipboard (void)
{
  static const char reader[] =
    "import gi\n"
    "gi.require_version('Gdk', '4.0')\n"
    "gi.require_version('Gtk', '4.0')\n"
    "from gi.repository import GLib, Gtk\n"
    "Gtk.init()\n"
    "clipboard = Gtk.Window().get_display().get_clipboard()\n"
    "loop = GLib.MainLoop()\n"
    "def done(source, result):\n"
    "    try:\n"
    "        print(source.read_text_finish(result) or '', end='')\n"
    "    except GLib.Error:\n"
    "        pass  # nothing on the clipboard\n"
    "    loop.quit()\n"
    "clipboard.read_text_async(None, done)\n"
    "loop.run()\n";
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              "/usr/bin/python3", "-c", reader, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, result_cb, &result);
  g_subprocess_communicate_utf8_finish (process, bv_test_wait_for (&result), &out, NULL, &error);
  g_assert_no_error (error);
  return out;
}

/* The notification's "Copy Invitation" button: the invitation text is on
 * the clipboard, and nothing joins. */
static void
test_reminder_copy_invitation (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *time = g_date_time_format (meeting_start, "%H:%M");
  g_autofree char *before = read_clipboard ();
  g_autofree char *text = NULL;
  Notified *reminder = wait_for_notification (TITLE);
  guint requests = bv_practice_server_get_request_count (practice);
  g_autofree char *action = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autoptr(GVariant) reply = NULL;

  /* Positive control for the reader below: the clipboard starts without
   * the invitation. */
  g_assert_null (strstr (before, TITLE));

  /* As GNOME Shell activates a notification's button: the action named
   * in the reminder, through org.freedesktop.Application. (The
   * freedesktop backend's ActionInvoked would close the reminder, which
   * the Join test after this one still needs.) */
  g_assert_true (g_action_parse_detailed_name (reminder->actions[2], &action, &target, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (action, "app."));
  reply = g_dbus_connection_call_sync (bus, APP_ID_BUS, "/org/herzlich/BbbVereine",
                                       "org.freedesktop.Application", "ActivateAction",
                                       g_variant_new ("(s@av@a{sv})", action + strlen ("app."),
                                                      g_variant_new_array (G_VARIANT_TYPE_VARIANT,
                                                                           (GVariant *[]) { g_variant_new_variant (target) }, 1),
                                                      g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);

  for (guint attempt = 0; ; attempt++)
    {
      g_free (text);
      text = read_clipboard ();
      if (strstr (text, TITLE) || attempt == 50)
        break;
      bv_test_spin (100);
    }
  g_test_message ("clipboard: %s", text);
  g_assert_nonnull (strstr (text, TITLE));
  g_assert_nonnull (strstr (text, time));
  /* The text names the room's address but carries no signed link. */
  g_assert_null (strstr (text, "checksum="));

  bv_test_quiet ();
  g_assert_false (g_file_test (urls_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, requests);
}

/* The notification's Join button: the server says which was pressed. */
static void
test_reminder_join (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  Notified *reminder = wait_for_notification (TITLE);

  g_dbus_connection_emit_signal (bus, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "ActionInvoked",
                                 g_variant_new ("(us)", reminder->id, reminder->actions[0]), &error);
  g_assert_no_error (error);

  url = wait_for_url (1);
  g_assert_nonnull (strstr (url, "/join?"));
  g_assert_nonnull (strstr (url, "role=MODERATOR"));
}

static void
test_search_provider (void)
{
  const char *terms_prefix[] = { "vorstand", NULL };
  const char *terms_accent[] = { "jurgen", NULL };
  const char *terms_both[] = { "SITZUNG", "jür", NULL };
  const char *terms_none[] = { "kassenprüfung", NULL };
  const char *narrower[] = { "vorstandssitzung", NULL };
  g_auto(GStrv) found = NULL;
  g_auto(GStrv) sub = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) metas = NULL;
  g_autoptr(GVariant) meta = NULL;
  g_autofree char *day = g_date_time_format (meeting_start, "%a, %-d %B, %H:%M");
  const char *name = NULL;
  const char *description = NULL;
  const char *ids[2] = { NULL, NULL };

  found = search (terms_prefix);
  g_assert_cmpuint (g_strv_length (found), ==, 1);
  g_assert_cmpstr (found[0], ==, meeting_id);
  g_clear_pointer (&found, g_strfreev);
  found = search (terms_accent);
  g_assert_cmpuint (g_strv_length (found), ==, 1);
  g_clear_pointer (&found, g_strfreev);
  found = search (terms_both);
  g_assert_cmpuint (g_strv_length (found), ==, 1);
  g_clear_pointer (&found, g_strfreev);
  found = search (terms_none);
  g_assert_cmpuint (g_strv_length (found), ==, 0);

  ids[0] = meeting_id;
  reply = call_provider ("GetSubsearchResultSet", g_variant_new ("(^as^as)", ids, narrower), "(as)");
  g_variant_get (reply, "(^as)", &sub);
  g_assert_cmpstrv (sub, ids);
  g_clear_pointer (&reply, g_variant_unref);

  reply = call_provider ("GetResultMetas", g_variant_new ("(^as)", ids), "(aa{sv})");
  metas = g_variant_get_child_value (reply, 0);
  g_assert_cmpuint (g_variant_n_children (metas), ==, 1);
  meta = g_variant_get_child_value (metas, 0);
  g_assert_true (g_variant_lookup (meta, "name", "&s", &name));
  g_assert_cmpstr (name, ==, TITLE);
  /* In the meeting's zone, the C locale's names. */
  g_assert_true (g_variant_lookup (meta, "description", "&s", &description));
  g_assert_cmpstr (description, ==, day);
  g_clear_pointer (&reply, g_variant_unref);

  /* Activating joins: exactly one more link for the browser. */
  reply = call_provider ("ActivateResult", g_variant_new ("(s^asu)", meeting_id, terms_prefix, 0), "()");
  g_free (wait_for_url (2));
}

static void
test_quit (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (bus, APP_ID_BUS, "/org/herzlich/BbbVereine", "org.gtk.Actions",
                                       "Activate",
                                       g_variant_new ("(sava{sv})", "quit", NULL, NULL),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (app, NULL, result_cb, &result);
  g_subprocess_wait_finish (app, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (app));
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret_line = g_strconcat (SECRET, "\n", NULL);
  g_autofree char *add = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  /* The app's texts in English, whatever the machine's language. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!g_getenv ("BV_APP"))
    {
      g_test_skip ("BV_APP is not set");
      return g_test_run ();
    }

  work_dir = g_dir_make_tmp ("bv-desktop-XXXXXX", &error);
  g_assert_no_error (error);
  set_up_browser ();
  notified = g_ptr_array_new_with_free_func ((GDestroyNotify) notified_free);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  own_notifications ();

  practice = bv_practice_server_new (SECRET);
  bv_practice_server_start (practice, &error);
  g_assert_no_error (error);

  /* The practice server answers from this process's main loop, so the
   * app is run asynchronously. */
  add = g_strconcat ("--add-server=", bv_practice_server_get_api_url (practice), NULL);
  run_app (secret_line, add, "--server-name=Übungsserver");
  plan_meeting ();

  g_test_add_func ("/ui/application/autostart", test_autostart);
  g_test_add_func ("/ui/application/background-reminder", test_background_reminder);
  g_test_add_func ("/ui/application/reminder-copy-invitation", test_reminder_copy_invitation);
  g_test_add_func ("/ui/application/reminder-join", test_reminder_join);
  g_test_add_func ("/ui/application/search-provider", test_search_provider);
  g_test_add_func ("/ui/application/quit", test_quit);

  status = g_test_run ();

  if (app && g_subprocess_get_identifier (app))
    g_subprocess_force_exit (app);
  g_clear_object (&app);
  g_clear_object (&practice);
  g_clear_object (&bus);
  g_clear_pointer (&notified, g_ptr_array_unref);
  bv_test_remove_tree (work_dir);
  g_free (work_dir);
  g_free (urls_path);
  g_free (meeting_id);
  g_clear_pointer (&meeting_start, g_date_time_unref);
  return status;
}
