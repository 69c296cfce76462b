/* bv-secret-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-secret-store.h"
#include "bv-secret-store-private.h"

#include <glib/gi18n-lib.h>

#define ATTRIBUTE_SERVER_ID "server-id"

G_DEFINE_QUARK (bv-secret-error-quark, bv_secret_error)

const SecretSchema *
bv_secret_store_get_schema (void)
{
  static const SecretSchema schema = {
    .name = "org.herzlich.BbbVereine.Server",
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { .name = ATTRIBUTE_SERVER_ID, .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = NULL, .type = 0 },
    },
  };

  return &schema;
}

static GError *
new_no_service_error (void)
{
  return g_error_new_literal (BV_SECRET_ERROR, BV_SECRET_ERROR_NO_SERVICE,
                              _("No keyring (Secret Service) is available. Install and start GNOME Keyring, or log in to a desktop session; you can still plan meetings offline."));
}

static GError *
new_locked_error (void)
{
  return g_error_new_literal (BV_SECRET_ERROR, BV_SECRET_ERROR_LOCKED,
                              _("The keyring is locked. Unlock it, for example in the “Passwords and Keys” app, and try again."));
}

/* Turns what libsecret and GDBus report into the few cases the UI can
 * explain. The original message never contains the secret (libsecret does
 * not put values into errors), so it may go to the debug log. */
static GError *
translate_error (GError       *error,
                 GCancellable *cancellable)
{
  g_autoptr(GError) original = error;

  g_debug ("Secret Service: %s (%s %d)",
           original->message, g_quark_to_string (original->domain), original->code);

  if (g_error_matches (original, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The caller's own cancellation stays a cancellation; otherwise the
       * user dismissed the unlock prompt. */
      if (g_cancellable_is_cancelled (cancellable))
        return g_steal_pointer (&original);

      return new_locked_error ();
    }

  if (original->domain == SECRET_ERROR)
    {
      switch (original->code)
        {
        case SECRET_ERROR_IS_LOCKED:
        /* The default collection does not exist and could not be created
         * (no prompt possible): the user has to set up the keyring. */
        case SECRET_ERROR_NO_SUCH_OBJECT:
          return new_locked_error ();

        default:
          break;
        }
    }
  else if (original->domain == G_DBUS_ERROR)
    {
      switch (original->code)
        {
        case G_DBUS_ERROR_SERVICE_UNKNOWN:
        case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
        case G_DBUS_ERROR_NO_SERVER:
        case G_DBUS_ERROR_DISCONNECTED:
        case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
        case G_DBUS_ERROR_SPAWN_FORK_FAILED:
        case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
        case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
        case G_DBUS_ERROR_SPAWN_FAILED:
        case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
        case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
        case G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID:
        case G_DBUS_ERROR_SPAWN_FILE_INVALID:
        case G_DBUS_ERROR_SPAWN_CONFIG_INVALID:
          return new_no_service_error ();

        /* A D-Bus-activated gnome-keyring without a login keyring and
         * without a way to prompt answers "Object does not exist". */
        case G_DBUS_ERROR_UNKNOWN_METHOD:
        case G_DBUS_ERROR_UNKNOWN_OBJECT:
          return new_locked_error ();

        default:
          break;
        }
    }
  else if (original->domain == G_IO_ERROR)
    {
      /* Apart from remote errors GDBus could not map, every G_IO_ERROR here
       * comes from reaching the bus: no session bus, "Cannot autolaunch
       * D-Bus without X11 $DISPLAY", a dead socket, a timeout. */
      if (original->code != G_IO_ERROR_DBUS_ERROR)
        return new_no_service_error ();
    }
  else if (original->domain == G_SPAWN_ERROR)
    {
      /* dbus-launch for autolaunching could not be run */
      return new_no_service_error ();
    }

  return g_error_new_literal (BV_SECRET_ERROR, BV_SECRET_ERROR_FAILED,
                              _("The keyring could not store or read the shared secret. Check in the “Passwords and Keys” app that the login keyring exists and is unlocked, then try again."));
}

GError *
_bv_secret_store_translate_error (GError       *error,
                                  GCancellable *cancellable)
{
  return translate_error (error, cancellable);
}

static void
password_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  g_assert (G_IS_TASK (task));

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, translate_error (g_steal_pointer (&error),
                                                g_task_get_cancellable (task)));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * bv_secret_store_save_async:
 * @server_id: the id of the server the secret belongs to
 * @server_name: the server's name, shown in the keyring item's label
 * @secret: the shared secret
 *
 * Stores @secret in the default keyring, replacing one stored before for
 * the same server.
 */
void
bv_secret_store_save_async (const char          *server_id,
                            const char          *server_name,
                            const char          *secret,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (server_id && *server_id);
  g_return_if_fail (server_name);
  g_return_if_fail (secret && *secret);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_secret_store_save_async);

  g_debug ("Storing the secret of server %s", server_id);

  /* Translators: label of the keyring item holding a server's shared
   * secret, as the user sees it in “Passwords and Keys” (Seahorse).
   * %s is the name the user gave the server. */
  label = g_strdup_printf (_("BigBlueButton-Server »%s«"), server_name);

  /* Storing with the same attributes replaces the existing item, so there
   * is never more than one secret per server. */
  secret_password_store (BV_SECRET_SCHEMA, SECRET_COLLECTION_DEFAULT,
                         label, secret, cancellable,
                         password_stored_cb, g_steal_pointer (&task),
                         ATTRIBUTE_SERVER_ID, server_id,
                         NULL);
}

gboolean
bv_secret_store_save_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        bv_secret_store_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
password_looked_up_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;

  g_assert (G_IS_TASK (task));

  secret = secret_password_lookup_finish (result, &error);

  if (error)
    g_task_return_error (task, translate_error (g_steal_pointer (&error),
                                                g_task_get_cancellable (task)));
  else if (!secret)
    g_task_return_new_error (task, BV_SECRET_ERROR, BV_SECRET_ERROR_NOT_FOUND,
                             "%s", _("No shared secret is stored for this server. Enter it again in the main menu "
                                     "under Preferences → Conference Servers."));
  else
    g_task_return_pointer (task, secret, (GDestroyNotify)secret_password_free);
}

void
bv_secret_store_lookup_async (const char          *server_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (server_id && *server_id);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_secret_store_lookup_async);

  secret_password_lookup (BV_SECRET_SCHEMA, cancellable,
                          password_looked_up_cb, g_steal_pointer (&task),
                          ATTRIBUTE_SERVER_ID, server_id,
                          NULL);
}

char *
bv_secret_store_lookup_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        bv_secret_store_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
password_cleared_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  g_assert (G_IS_TASK (task));

  /* FALSE without an error only means there was nothing to delete. */
  secret_password_clear_finish (result, &error);

  if (error)
    g_task_return_error (task, translate_error (g_steal_pointer (&error),
                                                g_task_get_cancellable (task)));
  else
    g_task_return_boolean (task, TRUE);
}

void
bv_secret_store_delete_async (const char          *server_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (server_id && *server_id);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_secret_store_delete_async);

  g_debug ("Deleting the secret of server %s", server_id);

  secret_password_clear (BV_SECRET_SCHEMA, cancellable,
                         password_cleared_cb, g_steal_pointer (&task),
                         ATTRIBUTE_SERVER_ID, server_id,
                         NULL);
}

gboolean
bv_secret_store_delete_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        bv_secret_store_delete_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * bv_secret_store_free_secret:
 * @secret: (nullable): a secret from bv_secret_store_lookup_finish()
 *
 * Overwrites the secret's memory before freeing it.
 */
void
bv_secret_store_free_secret (char *secret)
{
  secret_password_free (secret);
}
