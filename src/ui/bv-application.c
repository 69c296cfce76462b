/* bv-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-application-private.h"
#include "bv-preferences-window.h"
#include "bv-window.h"

struct _BvApplication
{
  AdwApplication   parent_instance;
  GSettings       *settings;
  BvServerManager *server_manager;
  BvPracticeHost  *practice_host;
  GCancellable    *cancellable;
  GError          *database_error;
  int              job_status;
};

G_DEFINE_FINAL_TYPE (BvApplication, bv_application, ADW_TYPE_APPLICATION)

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
    N_("Test the connection to the named (or the default) server"), N_("[=NAME]") },
  { "list-meetings", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the planned meetings of the next 30 days"), NULL },
  { "join", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Join a meeting as moderator: the next one, or the one with this identifier"), N_("next|ID") },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import planned meetings from a calendar file (.ics) onto the default server"), N_("FILE") },
  { NULL }
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

static void
bv_application_activate (GApplication *app)
{
  gtk_window_present (ensure_main_window (BV_APPLICATION (app)));
}

static int
bv_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

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

  if (_bv_application_run_job (self, command_line, options))
    return 0;

  g_application_activate (app);
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
      self->server_manager = bv_server_manager_new (database);
      self->practice_host = bv_practice_host_new (self->server_manager, self->settings);
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
                         adw_toast_new (_("The practice server is ready. Try everything without risk.")));
  else
    bv_window_add_toast (BV_WINDOW (window), adw_toast_new (error->message));
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

static void
bv_application_startup (GApplication *app)
{
  BvApplication *self = BV_APPLICATION (app);

  G_APPLICATION_CLASS (bv_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APP_ID);
  self->settings = g_settings_new (APP_ID);
  open_database (self);

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
bv_application_dispose (GObject *object)
{
  BvApplication *self = (BvApplication *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->practice_host);
  g_clear_object (&self->server_manager);
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
  gtk_show_uri (get_main_window (user_data), "help:" HELP_ID, GDK_CURRENT_TIME);
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

static const GActionEntry app_actions[] = {
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

  object_class->dispose = bv_application_dispose;
  app_class->activate = bv_application_activate;
  app_class->startup = bv_application_startup;
  app_class->command_line = bv_application_command_line;
  app_class->local_command_line = bv_application_local_command_line;
  app_class->handle_local_options = bv_application_handle_local_options;
}

static void
bv_application_init (BvApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_accels[] = { "F1", NULL };

  self->cancellable = g_cancellable_new ();

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);
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

BvServerManager *
bv_application_get_server_manager (BvApplication *self)
{
  g_return_val_if_fail (BV_IS_APPLICATION (self), NULL);

  return self->server_manager;
}

const GError *
bv_application_get_database_error (BvApplication *self)
{
  g_return_val_if_fail (BV_IS_APPLICATION (self), NULL);

  return self->database_error;
}

void
_bv_application_set_job_status (BvApplication *self,
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
