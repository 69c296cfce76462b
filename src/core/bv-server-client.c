/* bv-server-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-server-client.h"

#include "bv-bbb-error.h"
#include "bv-bbb-version.h"
#include "bv-secret-store.h"
#include "bv-server-url.h"

BvChecksumAlgorithm
bv_server_client_algorithm (BvServer *server)
{
  BvChecksumAlgorithm algorithm;

  g_return_val_if_fail (BV_IS_SERVER (server), BV_CHECKSUM_SHA256);

  if (bv_checksum_algorithm_from_string (bv_server_get_detected_checksum (server), &algorithm))
    return algorithm;
  if (bv_checksum_algorithm_from_string (bv_server_get_checksum (server), &algorithm))
    return algorithm;
  return BV_CHECKSUM_SHA256;
}

static void
secret_looked_up_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BvServer *server = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *api_url = NULL;
  char *secret;

  secret = bv_secret_store_lookup_finish (result, &error);
  if (!secret)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The store keeps normalised addresses; normalising again is cheap and
   * keeps the https rule even for a hand-edited database. */
  api_url = bv_server_url_normalize (bv_server_get_url (server), &error);
  if (!api_url)
    {
      bv_secret_store_free_secret (secret);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task,
                         bv_bbb_client_new (api_url, secret, bv_server_client_algorithm (server)),
                         g_object_unref);
  bv_secret_store_free_secret (secret);
}

void
bv_server_client_open_async (BvServer            *server,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BV_IS_SERVER (server));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_server_client_open_async);
  g_task_set_task_data (task, g_object_ref (server), g_object_unref);

  bv_secret_store_lookup_async (bv_server_get_id (server), cancellable,
                                secret_looked_up_cb, g_steal_pointer (&task));
}

BvBbbClient *
bv_server_client_open_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_server_client_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
bv_server_client_is_unreachable (const GError *error)
{
  g_return_val_if_fail (error, FALSE);

  if (error->domain != BV_BBB_ERROR)
    return FALSE;

  return error->code == BV_BBB_ERROR_HOST_NOT_FOUND ||
         error->code == BV_BBB_ERROR_CONNECTION_REFUSED ||
         error->code == BV_BBB_ERROR_TIMEOUT ||
         error->code == BV_BBB_ERROR_NETWORK;
}

static BvBbbVersion *
tested_version (BvServer *server)
{
  return _bv_bbb_version_new (bv_server_get_api_version (server),
                              bv_server_get_bbb_version (server),
                              NULL);
}

char *
bv_server_client_describe_version (BvServer *server)
{
  g_autoptr(BvBbbVersion) version = NULL;

  g_return_val_if_fail (BV_IS_SERVER (server), NULL);

  version = tested_version (server);
  return bv_bbb_version_describe (version);
}

gboolean
bv_server_client_supports_pagination (BvServer *server)
{
  g_autoptr(BvBbbVersion) version = NULL;

  g_return_val_if_fail (BV_IS_SERVER (server), FALSE);

  if (bv_server_get_load_balancer (server))
    return FALSE;

  version = tested_version (server);
  return bv_bbb_version_supports_pagination (version);
}
