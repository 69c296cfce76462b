/* bv-autostart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include "bv-autostart.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#define AUTOSTART_FILE APP_ID ".desktop"

static char *
autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", AUTOSTART_FILE, NULL);
}

static void
write_autostart_file (gboolean wanted)
{
  g_autofree char *path = autostart_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  if (!wanted)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        g_warning ("Cannot remove the autostart entry: %s", g_strerror (errno));
      return;
    }

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  contents = g_strdup_printf ("[Desktop Entry]\n"
                              "Type=Application\n"
                              "Name=BBB für Vereine\n"
                              "Comment=%s\n"
                              "Icon=" APP_ID "\n"
                              /* Once the app is uninstalled (apt purge leaves the
                               * user's files alone), the session skips the entry. */
                              "TryExec=bbb-vereine\n"
                              "Exec=bbb-vereine --background\n"
                              "Terminal=false\n"
                              "NoDisplay=true\n"
                              "X-GNOME-Autostart-enabled=true\n",
                              _("Reminds of meetings and opens their rooms on time"));
  if (g_mkdir_with_parents (dir, 0700) != 0)
    g_warning ("Cannot create the autostart folder: %s", g_strerror (errno));
  else if (!g_file_set_contents (path, contents, -1, &error))
    g_warning ("Cannot write the autostart entry: %s", error->message);
}

static void
portal_answered_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (!reply)
    g_message ("The background portal did not take the autostart request: %s", error->message);
}

/* A sandbox cannot write the host's autostart folder, and the portal only
 * serves sandboxed apps (it cannot tell who an unsandboxed caller is):
 * the portal there, the file everywhere else. */
void
bv_autostart_apply (GApplication *application,
                    gboolean      wanted,
                    gboolean      changed,
                    GCancellable *cancellable)
{
  GDBusConnection *connection = g_application_get_dbus_connection (application);
  GVariantBuilder options;
  const char *command[] = { "bbb-vereine", "--background", NULL };

  if (!g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) || !connection)
    {
      write_autostart_file (wanted);
      return;
    }

  /* The portal may ask the user; only when something changed. */
  if (!changed)
    return;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Reminds of meetings and opens their rooms on time")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (wanted));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (command, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));
  g_dbus_connection_call (connection, "org.freedesktop.portal.Desktop",
                          "/org/freedesktop/portal/desktop", "org.freedesktop.portal.Background",
                          "RequestBackground", g_variant_new ("(sa{sv})", "", &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          cancellable, portal_answered_cb, NULL);
}
