/* bv-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-application-private.h"
#include "bv-autostart.h"
#include "bv-help.h"
#include "bv-invitation-text.h"
#include "bv-join.h"
#include "bv-preferences-window.h"
#include "bv-planned-dates.h"
#include "bv-reminder-scheduler.h"
#include "bv-attendance-watch.h"
#include "bv-search-provider.h"
#include "bv-ui-utils.h"
#include "bv-window.h"

struct _BvApplication
{
  AdwApplication   parent_instance;
  GSettings       *settings;
  BvContext *context;
  BvPracticeHost  *practice_host;
  GCancellable    *cancellable;
  GError          *database_error;
  int              job_status;

  BvReminderScheduler      *scheduler;
  BvAttendanceWatch        *attendance;
  BvSearchProvider *search_provider;
  GListModel       *servers;
  gulong            servers_changed_id;
  gboolean          had_servers;
  /* Running without a window holds the application (--background). */
  gboolean          background;
  /* An option other than the window's was given: a job that prints and exits. */
  gboolean          job_requested;
  /* A job where no display could be opened: GTK was not started. */
  gboolean          headless;
};

G_DEFINE_FINAL_TYPE (BvApplication, bv_application, ADW_TYPE_APPLICATION)

/* TRUE while GDK_DEBUG holds what bv_application_prefer_cairo () put there. */
static gboolean gl_disabled_by_us;

/* The app draws forms and lists, which GTK's cairo renderer does well.
 * GTK 4.8 sets up OpenGL while opening the display even when it will
 * render with cairo in the end: under Xvfb with Mesa's llvmpipe that was
 * 40 ms and 60 MiB of every start, and the background process kept the
 * memory for hours. So unless someone asks for a GL renderer
 * (GSK_RENDERER=gl/ngl/vulkan) or sets GDK_DEBUG themselves, GDK is told
 * not to set up GL at all; GSK then falls back to cairo. Must run before
 * GTK is initialised, that is before g_application_run (). */
void
bv_application_prefer_cairo (void)
{
  const char *renderer = g_getenv ("GSK_RENDERER");

  if (g_getenv ("GDK_DEBUG") || (renderer && *renderer && !g_str_equal (renderer, "cairo")))
    return;
  gl_disabled_by_us = g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
}

/* GDK has read GDK_DEBUG by now; programs we start (a GTK browser, the
 * help viewer) must not inherit it. */
static void
forget_gl_setting (void)
{
  if (!gl_disabled_by_us)
    return;
  g_unsetenv ("GDK_DEBUG");
  gl_disabled_by_us = FALSE;
}

/* Every command-line option is declared here and handled in
 * bv_application_command_line () / handle_local_options (). */
static const GOptionEntry main_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { "add-server", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Test and add a conference server; the shared secret is read from standard input"), N_("URL") },
  { "server-name", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Name of the server added with --add-server"), N_("NAME") },
  { "checksum", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Checksum algorithm for --add-server: sha1, sha256, sha384 or sha512 (default: detect)"), N_("ALGORITHM") },
  { "check-server", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Test the connection to the default server, or with =NAME to the named one"), NULL },
  { "list-meetings", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the planned meetings of the next 30 days"), NULL },
  { "join", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Join a meeting as moderator: the next one, or the one with this identifier"), N_("next|ID") },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import planned meetings from a calendar file (.ics) onto the default server"), N_("FILE") },
  { "import-members", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import members from a CSV file or vCard; print how many were added, updated and skipped"), N_("FILE") },
  { "export-invitations", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Write a meeting’s invitations with personal links as a mail-merge CSV file"), N_("ID") },
  { "export-attendance", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Write the attendance recorded in a meeting’s room as a CSV file"), N_("ID") },
  { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("File that --export-invitations or --export-attendance writes instead of standard output"), N_("FILE") },
  { "add-mail-account", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Test and set up the e-mail account invitations are sent from; the password is read from standard input"), N_("ADDRESS") },
  { "sender-name", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Sender name for --add-mail-account"), N_("NAME") },
  { "smtp-server", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Outgoing mail server for --add-mail-account (default: from the provider)"), N_("HOST[:PORT]") },
  { "smtp-security", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Encryption for --add-mail-account: ssl or starttls"), N_("SECURITY") },
  { "smtp-user", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("User name for --add-mail-account (default: the address)"), N_("USER") },
  { "send-invitations", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Send a meeting’s invitations by e-mail, one message per person"), N_("ID") },
  { "only-unsent", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --send-invitations: only to people not sent the invitation yet"), NULL },
  { "new-meeting", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the window with the editor for a new meeting"), NULL },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run without a window to remind of meetings and open their rooms on time"), NULL },
  { NULL }
};

/* The options that are about the window. Every other option is a
 * command-line job (or belongs to one), which also runs where no display
 * can be opened (over SSH, in a set-up script): a job option added to
 * main_entries needs nothing more for that. */
static const char * const window_options[] = { "new-meeting", "background", NULL };

/* The actions that open or need a window: off when GTK was not started,
 * in case a running job is asked for them over D-Bus. */
static const char * const window_actions[] = {
  "preferences", "help", "about", "try-practice", "copy-invitation", "join-meeting", NULL
};

static GtkWindow *
get_main_window (BvApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (GList *l = windows; l; l = l->next)
    if (BV_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static GtkWindow *
ensure_main_window (BvApplication *self)
{
  GtkWindow *window = get_main_window (self);

  if (!window)
    window = GTK_WINDOW (bv_window_new (self));
  return window;
}

/* Reminders and rooms on time */

static char *
format_time (GDateTime *time)
{
  return g_date_time_format (time, "%H:%M");
}

static void
reminder_cb (BvReminderScheduler *scheduler,
             BvMeeting           *meeting,
             BvOccurrence        *occurrence,
             BvApplication       *self)
{
  g_autoptr(GNotification) notification = NULL;
  /* In the user's zone, as everywhere the app shows a date. */
  g_autoptr(GDateTime) start = g_date_time_to_local (occurrence->start);
  g_autofree char *time = format_time (start);
  g_autofree char *title = NULL;
  g_autofree char *day = NULL;
  g_autofree char *id = g_strconcat ("reminder-", bv_meeting_get_id (meeting), NULL);

  /* Translators: %1$s is a meeting's title, %2$s its start time, as in
   * "Vorstandssitzung um 19:30". */
  title = g_strdup_printf (_("%1$s at %2$s"), bv_meeting_get_title (meeting), time);
  /* Translators: a weekday and date, a g_date_time_format() format;
   * German: "%a, %-d. %B". */
  day = g_date_time_format (start, _("%a, %-d %B"));

  notification = g_notification_new (title);
  g_notification_set_body (notification, day);
  g_notification_add_button_with_target (notification, _("Join"), "app.join-meeting",
                                         "s", bv_meeting_get_id (meeting));
  g_notification_add_button_with_target (notification, _("Copy Invitation"), "app.copy-invitation",
                                         "s", bv_meeting_get_id (meeting));
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static void
someone_waiting_cb (BvReminderScheduler *scheduler,
                    BvMeeting           *meeting,
                    BvOccurrence        *occurrence,
                    guint                participants,
                    BvApplication       *self)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = g_strconcat ("waiting-", bv_meeting_get_id (meeting), NULL);

  /* The meeting's title goes into the notification's title, which every
   * notification server shows as plain text; a body may be read as markup
   * (org.freedesktop.Notifications "body-markup") or not (GNOME Shell), so
   * no user text goes there. */
  /* Translators: %s is a meeting's title. */
  title = g_strdup_printf (_("Someone is already waiting in “%s”"), bv_meeting_get_title (meeting));
  /* Translators: %u is the number of people in a meeting's room. */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u participant is in the room.",
                                       "%u participants are in the room.",
                                       participants),
                          participants);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_add_button_with_target (notification, _("Join"), "app.join-meeting",
                                         "s", bv_meeting_get_id (meeting));
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static void
lead_time_changed_cb (BvApplication *self)
{
  if (self->scheduler)
    bv_reminder_scheduler_set_lead_minutes (self->scheduler,
                                            g_settings_get_uint (self->settings, "reminder-lead-minutes"));
}

/* Only while the window is open or in background mode, never for a
 * command-line job: those must not open rooms or remind. */
static void
start_scheduler (BvApplication *self)
{
  if (!self->context)
    return;

  if (!self->scheduler)
    {
      self->scheduler = bv_reminder_scheduler_new (self->context);
      g_signal_connect_object (self->scheduler, "reminder", G_CALLBACK (reminder_cb), self, 0);
      g_signal_connect_object (self->scheduler, "someone-waiting",
                               G_CALLBACK (someone_waiting_cb), self, 0);
      lead_time_changed_cb (self);
    }
  bv_reminder_scheduler_start (self->scheduler);

  /* The attendance of an assembly is recorded by the same rule: the
   * window is open or the app runs in the background. */
  if (!self->attendance)
    {
      g_autoptr(GSettingsSchema) schema = NULL;

      self->attendance = bv_attendance_watch_new (self->context);
      g_object_get (self->settings, "settings-schema", &schema, NULL);
      if (schema && g_settings_schema_has_key (schema, "attendance-retention-months"))
        bv_attendance_watch_set_retention (self->attendance,
                                           g_settings_get_uint (self->settings, "attendance-retention-months"));
    }
  bv_attendance_watch_start (self->attendance);
}

/* Background mode and autostart */

static gboolean
background_wanted (BvApplication *self)
{
  return self->servers &&
         g_list_model_get_n_items (self->servers) > 0 &&
         g_settings_get_boolean (self->settings, "background-reminders");
}

/* Keeps the autostart entry in step with whether background mode is wanted;
 * the portal may ask the user, so only when something @changed. */
static void
apply_autostart (BvApplication *self,
                 gboolean       changed)
{
  bv_autostart_apply (G_APPLICATION (self), background_wanted (self), changed, self->cancellable);
}

static void
enter_background (BvApplication *self)
{
  if (!self->background)
    {
      self->background = TRUE;
      g_application_hold (G_APPLICATION (self));
    }
  start_scheduler (self);
}

static void
leave_background (BvApplication *self)
{
  if (!self->background)
    return;
  self->background = FALSE;
  g_application_release (G_APPLICATION (self));
}

static void
background_setting_changed_cb (BvApplication *self)
{
  apply_autostart (self, TRUE);
  /* Switched off while running without a window: nothing left to do. */
  if (!background_wanted (self) && !get_main_window (self))
    leave_background (self);
}

static void
servers_changed_cb (BvApplication *self)
{
  gboolean has_servers = g_list_model_get_n_items (self->servers) > 0;

  if (has_servers == self->had_servers)
    return;
  self->had_servers = has_servers;
  apply_autostart (self, TRUE);
}

static void
bv_application_activate (GApplication *app)
{
  BvApplication *self = BV_APPLICATION (app);

  if (self->headless)
    return;

  gtk_window_present (ensure_main_window (self));
  start_scheduler (self);
}

/* Closing the last window keeps reminding while background mode is on. */
static void
bv_application_window_removed (GtkApplication *app,
                               GtkWindow      *window)
{
  BvApplication *self = BV_APPLICATION (app);
  GList *windows = gtk_application_get_windows (app);

  if (windows && !windows->next && windows->data == window && background_wanted (self))
    enter_background (self);

  GTK_APPLICATION_CLASS (bv_application_parent_class)->window_removed (app, window);
}

static gboolean
bv_application_dbus_register (GApplication     *app,
                              GDBusConnection  *connection,
                              const char       *object_path,
                              GError          **error)
{
  BvApplication *self = BV_APPLICATION (app);

  if (!G_APPLICATION_CLASS (bv_application_parent_class)->dbus_register (app, connection,
                                                                        object_path, error))
    return FALSE;

  if (!self->search_provider)
    self->search_provider = bv_search_provider_new (self);
  return bv_search_provider_export (self->search_provider, connection, error);
}

static void
bv_application_dbus_unregister (GApplication    *app,
                                GDBusConnection *connection,
                                const char      *object_path)
{
  BvApplication *self = BV_APPLICATION (app);

  if (self->search_provider)
    bv_search_provider_unexport (self->search_provider);

  G_APPLICATION_CLASS (bv_application_parent_class)->dbus_unregister (app, connection, object_path);
}

static gboolean
options_ask_for_job (GVariantDict *options)
{
  for (const GOptionEntry *entry = main_entries; entry->long_name; entry++)
    if (!g_strv_contains (window_options, entry->long_name) &&
        g_variant_dict_contains (options, entry->long_name))
      return TRUE;
  return FALSE;
}

static gboolean
display_in_environment (void)
{
  const char *x11 = g_getenv ("DISPLAY");
  const char *wayland = g_getenv ("WAYLAND_DISPLAY");

  return (x11 && *x11) || (wayland && *wayland);
}

/* A job without a display needs the session bus (the running instance,
 * the keyring): said at once, before anything is opened. Only without a
 * display, because with one GDBus may start a bus through X11 as before. */
static gboolean
check_session_bus (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  const char *address = g_getenv ("DBUS_SESSION_BUS_ADDRESS");

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus)
    return TRUE;

  g_debug ("No session bus: %s", error->message);
  if (address && *address)
    g_printerr ("%s\n", _("The session bus named in DBUS_SESSION_BUS_ADDRESS cannot be reached. "
                          "Check that the login session still runs, or start the command "
                          "with dbus-run-session."));
  else
    g_printerr ("%s\n", _("There is no session bus: DBUS_SESSION_BUS_ADDRESS is not set. Without "
                          "a display the command-line jobs still need the session bus and the "
                          "keyring; start them in a login session or with dbus-run-session."));
  return FALSE;
}

static int
bv_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  BvApplication *self = BV_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  self->job_requested = options_ask_for_job (options);
  if (self->job_requested && !display_in_environment () && !check_session_bus ())
    return 1;

  return -1;
}

/* --check-server takes an optional value, which GOption cannot express:
 * a bare --check-server becomes --check-server= (the default server). */
static gboolean
bv_application_local_command_line (GApplication   *app,
                                   char         ***arguments,
                                   int            *exit_status)
{
  char **argv = *arguments;

  for (guint i = 1; argv[i]; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], "--check-server"))
        {
          g_free (argv[i]);
          argv[i] = g_strdup ("--check-server=");
        }
    }

  return G_APPLICATION_CLASS (bv_application_parent_class)->local_command_line (app, arguments, exit_status);
}

static int
bv_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  BvApplication *self = BV_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);

  if (self->headless && !g_application_get_dbus_connection (app))
    {
      g_application_command_line_printerr (command_line, "%s\n",
                                           _("There is neither a display nor a session bus. The "
                                             "command-line jobs need the session bus and the "
                                             "keyring; start them in a login session or with "
                                             "dbus-run-session."));
      g_application_command_line_set_exit_status (command_line, 1);
      bv_application_set_job_status (self, 1);
      return 1;
    }

  if (_bv_application_run_job (self, command_line, options))
    return 0;

  /* The window from another process while this one runs a job without GTK. */
  if (self->headless)
    {
      g_application_command_line_printerr (command_line, "%s\n",
                                           _("BBB für Vereine is running a command-line job "
                                             "without a display right now. Try again when it "
                                             "has finished."));
      g_application_command_line_set_exit_status (command_line, 1);
      return 1;
    }

  if (g_variant_dict_contains (options, "background"))
    {
      enter_background (self);
      return 0;
    }

  g_application_activate (app);
  if (g_variant_dict_contains (options, "new-meeting"))
    gtk_widget_activate_action (GTK_WIDGET (get_main_window (self)), "win.new-meeting", NULL);
  return 0;
}

static void
open_database (BvApplication *self)
{
  g_autoptr(BvDatabase) database = NULL;
  g_autofree char *path = bv_database_default_path ();

  database = bv_database_open (path, &self->database_error);
  if (database)
    {
      self->context = bv_context_new (database);
      self->practice_host = bv_practice_host_new (self->context, self->settings);
    }
  else
    g_warning ("Cannot open the database: %s", self->database_error->message);
}

static void
practice_resumed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = NULL;

  server = bv_practice_host_ensure_finish (BV_PRACTICE_HOST (object), result, &error);
  if (!server && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The practice server could not be started: %s", error->message);
}

static void
practice_ready_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BvApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = NULL;
  GtkWindow *window;

  server = bv_practice_host_ensure_finish (BV_PRACTICE_HOST (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  window = get_main_window (self);
  if (!window)
    return;

  if (server)
    bv_window_add_toast (BV_WINDOW (window),
                         bv_ui_toast_new (_("Practice server ready")));
  else
    bv_ui_show_notice (GTK_WIDGET (window), _("The Practice Server Could Not Be Set Up"), error->message);
}

static void
try_practice_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  BvApplication *self = user_data;

  if (!self->practice_host)
    return;

  gtk_window_present (ensure_main_window (self));
  bv_practice_host_ensure_async (self->practice_host, self->cancellable,
                                 practice_ready_cb, g_object_ref (self));
}

/* GApplication's own class, to pass over GtkApplication and
 * AdwApplication, which open the display, when GTK is not started. */
static GApplicationClass *
plain_application_class (void)
{
  return g_type_class_peek (G_TYPE_APPLICATION);
}

/* A job (and only a job) goes on without GTK when no display can be
 * opened; the window's way is unchanged, GTK says what is missing. */
static gboolean
start_gtk (BvApplication *self)
{
  if (!self->job_requested || gtk_init_check ())
    return TRUE;

  self->headless = TRUE;
  for (guint i = 0; window_actions[i]; i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                              window_actions[i])),
                                 FALSE);
  return FALSE;
}

static void
bv_application_startup (GApplication *app)
{
  BvApplication *self = BV_APPLICATION (app);

  if (start_gtk (self))
    {
      G_APPLICATION_CLASS (bv_application_parent_class)->startup (app);
      gtk_window_set_default_icon_name (APP_ID);
    }
  else
    plain_application_class ()->startup (app);
  forget_gl_setting ();

  /* Started by D-Bus for the Shell's search (--gapplication-service): its
   * calls come one after another, so stay a little between them. */
  if (g_application_get_flags (app) & G_APPLICATION_IS_SERVICE)
    g_application_set_inactivity_timeout (app, 10000);
  self->settings = g_settings_new (APP_ID);
  open_database (self);

  g_signal_connect_object (self->settings, "changed::reminder-lead-minutes",
                           G_CALLBACK (lead_time_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::background-reminders",
                           G_CALLBACK (background_setting_changed_cb), self, G_CONNECT_SWAPPED);
  if (self->context)
    {
      self->servers = g_object_ref (bv_context_get_servers (self->context));
      self->had_servers = g_list_model_get_n_items (self->servers) > 0;
      self->servers_changed_id = g_signal_connect_swapped (self->servers, "items-changed",
                                                           G_CALLBACK (servers_changed_cb), self);
    }
  /* Keeps the entry in step with the setting, also after a reset of the
   * settings or a removed file. */
  apply_autostart (self, FALSE);

  /* A practice server set up earlier runs again, so its rooms and links
   * work; nothing is waited for. */
  if (self->practice_host)
    {
      g_autoptr(BvServer) practice = bv_practice_host_get_server (self->practice_host);

      if (practice)
        bv_practice_host_ensure_async (self->practice_host, self->cancellable,
                                       practice_resumed_cb, NULL);
    }
}

static void
bv_application_shutdown (GApplication *app)
{
  if (BV_APPLICATION (app)->headless)
    plain_application_class ()->shutdown (app);
  else
    G_APPLICATION_CLASS (bv_application_parent_class)->shutdown (app);
}

/* GtkApplication prepares the display around every emission. */
static void
bv_application_before_emit (GApplication *app,
                            GVariant     *platform_data)
{
  if (BV_APPLICATION (app)->headless)
    plain_application_class ()->before_emit (app, platform_data);
  else
    G_APPLICATION_CLASS (bv_application_parent_class)->before_emit (app, platform_data);
}

static void
bv_application_after_emit (GApplication *app,
                           GVariant     *platform_data)
{
  if (BV_APPLICATION (app)->headless)
    plain_application_class ()->after_emit (app, platform_data);
  else
    G_APPLICATION_CLASS (bv_application_parent_class)->after_emit (app, platform_data);
}

static void
bv_application_dispose (GObject *object)
{
  BvApplication *self = (BvApplication *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->scheduler)
    bv_reminder_scheduler_stop (self->scheduler);
  g_clear_object (&self->scheduler);
  if (self->attendance)
    bv_attendance_watch_stop (self->attendance);
  g_clear_object (&self->attendance);
  g_clear_object (&self->search_provider);
  g_clear_signal_handler (&self->servers_changed_id, self->servers);
  g_clear_object (&self->servers);
  g_clear_object (&self->practice_host);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  g_clear_error (&self->database_error);

  G_OBJECT_CLASS (bv_application_parent_class)->dispose (object);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  BvApplication *self = user_data;
  GtkWindow *window = ensure_main_window (self);

  bv_window_show_preferences (BV_WINDOW (window));
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  bv_show_help_page (GTK_WIDGET (get_main_window (user_data)), NULL);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "herzlich digital", NULL };

  adw_show_about_window (get_main_window (user_data),
                         "application-name", "BBB für Vereine",
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", "herzlich digital",
                         "developers", developers,
                         "comments", _("Plan your club’s BigBlueButton meetings, invite members "
                                       "personally and join with one click."),
                         "copyright", "© 2026 herzlich digital",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: put your names here, one per line. */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/* Joining
 *
 * Every join the UI asks for runs here: the pages activate app.join-meeting
 * or app.join-room and follow the join through the context's
 * BvJoinTracker, which also tells whether a page showed a failure. */

typedef struct
{
  BvApplication *app;  /* held while the join runs */
  char          *title;
  char          *meeting_id;
  char          *key;  /* the tracker's, once the join is tracked */
  char          *link;  /* without a display: the link not opened */
} MeetingJoin;

static void
meeting_join_free (MeetingJoin *join)
{
  g_free (join->title);
  g_free (join->meeting_id);
  g_free (join->key);
  g_free (join->link);
  g_application_release (G_APPLICATION (join->app));
  g_object_unref (join->app);
  g_free (join);
}

static MeetingJoin *
meeting_join_new (GTask         *task,
                  BvApplication *self)
{
  MeetingJoin *join = g_new0 (MeetingJoin, 1);

  join->app = g_object_ref (self);
  /* Keeps a locally started app alive until the browser is open. */
  g_application_hold (G_APPLICATION (self));
  g_task_set_task_data (task, join, (GDestroyNotify) meeting_join_free);
  return join;
}

static void
track_join (BvApplication *self,
            MeetingJoin   *join,
            const char    *key)
{
  if (!self->context || join->key)
    return;
  join->key = g_strdup (key);
  bv_join_tracker_begin (bv_context_get_join_tracker (self->context), key);
}

/* Whether a page that asked for the join has said how it ended. */
static gboolean
end_tracked_join (BvApplication *self,
                  MeetingJoin   *join,
                  const GError  *error)
{
  g_autofree char *key = g_steal_pointer (&join->key);

  if (!key)
    return FALSE;
  return bv_join_tracker_end (bv_context_get_join_tracker (self->context), key, error);
}

static void
join_failed (GTask  *task,
             GError *error)
{
  BvApplication *self = g_task_get_source_object (task);
  g_autoptr(GNotification) notification = NULL;

  /* Without a display the one who asked reads the terminal. */
  if (self->headless)
    {
      end_tracked_join (self, g_task_get_task_data (task), error);
      g_task_return_error (task, error);
      return;
    }

  if (!end_tracked_join (self, g_task_get_task_data (task), error))
    {
      /* Launchers have no terminal: say it where the user looks. */
      notification = g_notification_new (_("Joining the meeting failed"));
      g_notification_set_body (notification, error->message);
      g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
      g_application_send_notification (G_APPLICATION (self), "join-failed", notification);
    }
  g_task_return_error (task, error);
}

static void
meeting_joined_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BvApplication *self = g_task_get_source_object (task);
  MeetingJoin *join = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean done;

  if (self->headless)
    done = (join->link = bv_join_get_link_finish (result, &error)) != NULL;
  else
    done = bv_join_run_finish (result, &error);
  if (!done)
    {
      join_failed (task, error);
      return;
    }

  /* The scheduler then does not open the room once more. */
  if (self->scheduler)
    bv_reminder_scheduler_mark_joined (self->scheduler, join->meeting_id);
  end_tracked_join (self, join, NULL);
  g_task_return_pointer (task, g_strdup (join->title), g_free);
}

/* The launch context of the display, if there is one, so that the
 * browser starts where the user clicked (startup notification). */
static GAppLaunchContext *
new_launch_context (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  return display ? G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (display)) : NULL;
}

static void
join_meeting (BvApplication       *self,
              const char          *which,
              GAppLaunchContext   *launch_context,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autofree char *display_name = NULL;
  BvDatabase *database;
  MeetingJoin *join;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_application_join_meeting_async);
  join = meeting_join_new (task, self);

  /* A page that asked for this meeting hears of every outcome, also of a
   * meeting deleted meanwhile. */
  if (!g_str_equal (which, "next"))
    track_join (self, join, which);

  if (self->database_error)
    {
      join_failed (task, g_error_copy (self->database_error));
      return;
    }

  database = bv_context_get_database (self->context);
  if (g_str_equal (which, "next"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(BvPlannedOccurrence) next = bv_planned_dates_find_next (database, now);

      if (next)
        meeting = g_object_ref (next->meeting);
    }
  else
    meeting = bv_database_find_meeting (database, which);

  if (!meeting)
    {
      if (g_str_equal (which, "next"))
        join_failed (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                                _("No meeting is planned. Plan one in the app first.")));
      else
        /* Translators: %s is what the user passed to --join. */
        join_failed (task, g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                        _("There is no meeting “%s”. bbb-vereine --list-meetings shows "
                                          "the meetings and their identifiers."), which));
      return;
    }

  if (bv_meeting_get_server_id (meeting))
    server = bv_context_find_server (self->context, bv_meeting_get_server_id (meeting));

  join->title = g_strdup (bv_meeting_get_title (meeting));
  join->meeting_id = g_strdup (bv_meeting_get_id (meeting));
  track_join (self, join, join->meeting_id);
  display_name = g_settings_get_string (self->settings, "display-name");
  if (self->headless)
    bv_join_get_link_async (self->context, server, meeting, display_name, NULL, cancellable,
                            meeting_joined_cb, g_steal_pointer (&task));
  else
    bv_join_run_async (self->context, server, meeting, display_name, NULL, launch_context,
                       cancellable, meeting_joined_cb, g_steal_pointer (&task));
}

void
bv_application_join_meeting_async (BvApplication       *self,
                                   const char          *which,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (BV_IS_APPLICATION (self));
  g_return_if_fail (which);

  join_meeting (self, which, NULL, cancellable, callback, user_data);
}

char *
bv_application_join_meeting_finish (BvApplication  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
bv_application_join_meeting_dup_link (BvApplication *self,
                                      GAsyncResult  *result)
{
  MeetingJoin *join;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  join = g_task_get_task_data (G_TASK (result));
  return g_strdup (join->link);
}

static void
join_meeting_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  BvApplication *self = user_data;
  const char *meeting_id = g_variant_get_string (parameter, NULL);
  g_autofree char *reminder = g_strconcat ("reminder-", meeting_id, NULL);
  g_autofree char *waiting = g_strconcat ("waiting-", meeting_id, NULL);
  g_autoptr(GAppLaunchContext) launch_context = new_launch_context ();

  g_application_withdraw_notification (G_APPLICATION (self), reminder);
  g_application_withdraw_notification (G_APPLICATION (self), waiting);
  /* A failure is a page's dialog or a notification already; nobody else
   * waits for it. */
  join_meeting (self, meeting_id, launch_context, self->cancellable, NULL, NULL);
}

static void
room_joined_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BvApplication *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!bv_join_run_room_finish (result, &error))
    {
      join_failed (task, error);
      return;
    }

  end_tracked_join (self, g_task_get_task_data (task), NULL);
  g_task_return_boolean (task, TRUE);
}

/* A room that runs on a server but is none of our planned meetings (Live):
 * the parameter is the server's id and the room's BBB meetingID. */
static void
join_room_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  BvApplication *self = user_data;
  g_autoptr(GTask) task = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(GAppLaunchContext) launch_context = NULL;
  g_autofree char *key = NULL;
  g_autofree char *display_name = NULL;
  const char *server_id, *bbb_meeting_id;
  MeetingJoin *join;

  g_variant_get (parameter, "(&s&s)", &server_id, &bbb_meeting_id);
  if (!*bbb_meeting_id)
    return;

  task = g_task_new (self, self->cancellable, NULL, NULL);
  g_task_set_source_tag (task, join_room_action);
  join = meeting_join_new (task, self);
  key = bv_join_tracker_room_key (server_id, bbb_meeting_id);
  track_join (self, join, key);

  if (self->database_error)
    {
      join_failed (task, g_error_copy (self->database_error));
      return;
    }

  server = bv_context_find_server (self->context, server_id);
  if (!server)
    {
      join_failed (task,
                   g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                        _("The server of this meeting no longer exists.")));
      return;
    }

  launch_context = new_launch_context ();
  display_name = g_settings_get_string (self->settings, "display-name");
  bv_join_run_room_async (self->context, server, bbb_meeting_id, display_name, NULL,
                          launch_context, self->cancellable, room_joined_cb,
                          g_steal_pointer (&task));
}

static void
copy_invitation_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  BvApplication *self = user_data;
  const char *meeting_id = g_variant_get_string (parameter, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) first = NULL;
  g_autofree char *text = NULL;
  GtkWindow *window;

  if (!self->context)
    return;

  /* The date in progress or the next one, as the reminder said. */
  first = bv_planned_dates_list_first (bv_context_get_database (self->context), now, NULL);
  for (guint i = 0; i < first->len && !text; i++)
    {
      BvPlannedOccurrence *p = g_ptr_array_index (first, i);

      if (g_str_equal (bv_meeting_get_id (p->meeting), meeting_id))
        text = bv_invitation_text_build (p->meeting, p->occurrence);
    }
  if (!text)
    return;

  gdk_clipboard_set_text (gdk_display_get_clipboard (gdk_display_get_default ()), text);
  window = get_main_window (self);
  if (window)
    bv_window_add_toast (BV_WINDOW (window), bv_ui_toast_new (_("Invitation copied")));
}

static const GActionEntry app_actions[] = {
  { "join-meeting", join_meeting_action, "s" },
  { "join-room", join_room_action, "(ss)" },
  { "copy-invitation", copy_invitation_action, "s" },
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "help", help_action },
  { "about", about_action },
  { "try-practice", try_practice_action },
};

static void
bv_application_class_init (BvApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = bv_application_dispose;
  app_class->activate = bv_application_activate;
  app_class->startup = bv_application_startup;
  app_class->shutdown = bv_application_shutdown;
  app_class->before_emit = bv_application_before_emit;
  app_class->after_emit = bv_application_after_emit;
  app_class->command_line = bv_application_command_line;
  app_class->local_command_line = bv_application_local_command_line;
  app_class->handle_local_options = bv_application_handle_local_options;
  app_class->dbus_register = bv_application_dbus_register;
  app_class->dbus_unregister = bv_application_dbus_unregister;
  gtk_app_class->window_removed = bv_application_window_removed;
}

static void
bv_application_init (BvApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_accels[] = { "F1", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  self->cancellable = g_cancellable_new ();

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  /* What --help prints around the options; man/bbb-vereine.1.scd says the same at length. */
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Plan your club’s BigBlueButton meetings, invite members "
                                              "personally and join with one click. Without options the "
                                              "window opens; an option that does a job does it without "
                                              "a window and exits."));
  g_application_set_option_context_description (G_APPLICATION (self),
                                                _("Examples:\n"
                                                  "  bbb-vereine --add-server=https://bbb.example.org/bigbluebutton/ --server-name=Verein < secret.txt\n"
                                                  "  bbb-vereine --check-server\n"
                                                  "  bbb-vereine --import=Vorstand.ics\n"
                                                  "  bbb-vereine --list-meetings\n"
                                                  "  bbb-vereine --join=next\n"
                                                  "\n"
                                                  "The manual page bbb-vereine(1) describes every option and its exit status."));
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", shortcuts_accels);
}

BvApplication *
bv_application_new (void)
{
  return g_object_new (BV_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

GSettings *
bv_application_get_settings (BvApplication *self)
{
  g_return_val_if_fail (BV_IS_APPLICATION (self), NULL);

  return self->settings;
}

BvContext *
bv_application_get_context (BvApplication *self)
{
  g_return_val_if_fail (BV_IS_APPLICATION (self), NULL);

  return self->context;
}

/* NULL until the window opens or background mode starts. */
BvAttendanceWatch *
bv_application_get_attendance_watch (BvApplication *self)
{
  g_return_val_if_fail (BV_IS_APPLICATION (self), NULL);

  return self->attendance;
}

const GError *
bv_application_get_database_error (BvApplication *self)
{
  g_return_val_if_fail (BV_IS_APPLICATION (self), NULL);

  return self->database_error;
}

void
bv_application_set_job_status (BvApplication *self,
                               int            status)
{
  g_return_if_fail (BV_IS_APPLICATION (self));

  self->job_status = status;
}

/* GApplication reports 0 for a job that finished asynchronously in this
 * process; main () returns this instead. */
int
bv_application_get_job_status (BvApplication *self)
{
  g_return_val_if_fail (BV_IS_APPLICATION (self), 0);

  return self->job_status;
}

BvPracticeHost *
bv_application_get_practice_host (BvApplication *self)
{
  g_return_val_if_fail (BV_IS_APPLICATION (self), NULL);

  return self->practice_host;
}
