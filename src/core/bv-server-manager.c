/* bv-server-manager.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bv-secret-store.h"
#include "bv-server-manager.h"
#include "bv-server-url.h"

/* Keeps a server's two halves together: the row in the database and its
 * shared secret in the keyring. The command line and the UI both save
 * servers through here so their rules cannot drift apart. */

struct _BvServerManager
{
  GObject     parent_instance;
  BvDatabase *database;
};

G_DEFINE_FINAL_TYPE (BvServerManager, bv_server_manager, G_TYPE_OBJECT)
G_DEFINE_QUARK (bv-server-manager-error-quark, bv_server_manager_error)

typedef struct
{
  BvServer *server;     /* what will be written, not yet in the list */
  char     *secret;
  GError   *db_error;   /* kept while a new server's secret is rolled back */
  gboolean  is_new;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->server);
  g_clear_error (&data->db_error);
  if (data->secret)
    bv_secret_store_free_secret (g_steal_pointer (&data->secret));
  g_free (data);
}

static void
bv_server_manager_finalize (GObject *object)
{
  BvServerManager *self = (BvServerManager *)object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (bv_server_manager_parent_class)->finalize (object);
}

static void
bv_server_manager_class_init (BvServerManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bv_server_manager_finalize;
}

static void
bv_server_manager_init (BvServerManager *self)
{
}

BvServerManager *
bv_server_manager_new (BvDatabase *database)
{
  BvServerManager *self;

  g_return_val_if_fail (BV_IS_DATABASE (database), NULL);

  self = g_object_new (BV_TYPE_SERVER_MANAGER, NULL);
  self->database = g_object_ref (database);
  return self;
}

GListModel *
bv_server_manager_get_servers (BvServerManager *self)
{
  g_return_val_if_fail (BV_IS_SERVER_MANAGER (self), NULL);

  return bv_database_get_servers (self->database);
}

/* The form validates as the user types, so this must stay cheap: no I/O
 * beyond the in-memory server list. */
gboolean
bv_server_manager_check (BvServerManager  *self,
                         BvServer         *existing,
                         const char       *name,
                         const char       *url,
                         const char       *checksum,
                         const char       *secret,
                         char            **normalized_url,
                         GError          **error)
{
  g_autofree char *normalized = NULL;
  g_autofree char *stripped_name = NULL;
  g_autoptr(BvServer) same_name = NULL;

  g_return_val_if_fail (BV_IS_SERVER_MANAGER (self), FALSE);
  g_return_val_if_fail (!existing || BV_IS_SERVER (existing), FALSE);

  stripped_name = g_strstrip (g_strdup (name ? name : ""));
  if (*stripped_name == '\0')
    {
      g_set_error_literal (error, BV_SERVER_MANAGER_ERROR, BV_SERVER_MANAGER_ERROR_MISSING_NAME,
                           _("Give the server a name that you will recognise, for example the name of your provider."));
      return FALSE;
    }

  same_name = bv_database_find_server (self->database, stripped_name);
  if (same_name && (!existing || g_strcmp0 (bv_server_get_id (same_name), bv_server_get_id (existing)) != 0))
    {
      g_set_error (error, BV_SERVER_MANAGER_ERROR, BV_SERVER_MANAGER_ERROR_NAME_TAKEN,
                   _("A server named “%s” already exists. Choose another name."), stripped_name);
      return FALSE;
    }

  normalized = bv_server_url_normalize (url ? url : "", error);
  if (!normalized)
    return FALSE;

  if (!bv_server_checksum_is_valid (checksum))
    {
      g_set_error_literal (error, BV_SERVER_MANAGER_ERROR, BV_SERVER_MANAGER_ERROR_INVALID_CHECKSUM,
                           _("Choose a checksum algorithm: SHA-1, SHA-256, SHA-384, SHA-512 or automatic."));
      return FALSE;
    }

  /* When editing, an empty secret keeps the stored one. */
  if (!existing && (!secret || *secret == '\0'))
    {
      g_set_error_literal (error, BV_SERVER_MANAGER_ERROR, BV_SERVER_MANAGER_ERROR_MISSING_SECRET,
                           _("Enter the shared secret that your provider gave you."));
      return FALSE;
    }

  if (normalized_url)
    *normalized_url = g_steal_pointer (&normalized);
  return TRUE;
}

static void
save_secret_deleted_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);

  /* Rolling back the secret is best effort; the database error is what
   * the user needs to read. */
  bv_secret_store_delete_finish (result, NULL);
  g_task_return_error (task, g_steal_pointer (&data->db_error));
}

static void
save_secret_stored_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  BvServerManager *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(BvServer) stored = NULL;

  if (!bv_secret_store_save_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!bv_database_save_server (self->database, data->server, &error))
    {
      if (data->is_new)
        {
          data->db_error = g_steal_pointer (&error);
          bv_secret_store_delete_async (bv_server_get_id (data->server),
                                        NULL, save_secret_deleted_cb, g_steal_pointer (&task));
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  stored = bv_database_find_server (self->database, bv_server_get_id (data->server));
  g_task_return_pointer (task, g_steal_pointer (&stored), g_object_unref);
}

void
bv_server_manager_save_async (BvServerManager     *self,
                              BvServer            *existing,
                              const char          *name,
                              const char          *url,
                              const char          *checksum,
                              const char          *secret,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *stripped_name = NULL;
  g_autofree char *id = NULL;
  SaveData *data;

  g_return_if_fail (BV_IS_SERVER_MANAGER (self));
  g_return_if_fail (!existing || BV_IS_SERVER (existing));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_server_manager_save_async);

  if (!bv_server_manager_check (self, existing, name, url, checksum, secret, &normalized, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  stripped_name = g_strstrip (g_strdup (name));
  id = existing ? g_strdup (bv_server_get_id (existing)) : bv_server_generate_id ();

  data = g_new0 (SaveData, 1);
  data->is_new = !existing;
  data->server = bv_server_new (id, stripped_name, normalized, checksum);
  data->secret = (secret && *secret) ? g_strdup (secret) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  if (data->secret)
    {
      /* Secret first: a server row without its secret would be useless. */
      bv_secret_store_save_async (id, stripped_name, data->secret, cancellable,
                                  save_secret_stored_cb, g_steal_pointer (&task));
      return;
    }

  if (!bv_database_save_server (self->database, data->server, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, bv_database_find_server (self->database, id), g_object_unref);
}

BvServer *
bv_server_manager_save_finish (BvServerManager  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (BV_IS_SERVER_MANAGER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
remove_secret_deleted_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  BvServerManager *self = g_task_get_source_object (task);
  BvServer *server = g_task_get_task_data (task);

  /* Without a keyring there is no secret to remove; the server itself
   * must still be removable. */
  if (!bv_secret_store_delete_finish (result, &error) &&
      !g_error_matches (error, BV_SECRET_ERROR, BV_SECRET_ERROR_NO_SERVICE))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);

  if (!bv_database_delete_server (self->database, bv_server_get_id (server), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
bv_server_manager_remove_async (BvServerManager     *self,
                                BvServer            *server,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BV_IS_SERVER_MANAGER (self));
  g_return_if_fail (BV_IS_SERVER (server));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_server_manager_remove_async);
  g_task_set_task_data (task, g_object_ref (server), g_object_unref);

  bv_secret_store_delete_async (bv_server_get_id (server), cancellable,
                                remove_secret_deleted_cb, g_steal_pointer (&task));
}

gboolean
bv_server_manager_remove_finish (BvServerManager  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (BV_IS_SERVER_MANAGER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
