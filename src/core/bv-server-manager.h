/* bv-server-manager.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "../bbb/bv-bbb-client.h"
#include "bv-connection-test.h"
#include "bv-database.h"
#include "bv-server.h"

G_BEGIN_DECLS

#define BV_SERVER_MANAGER_ERROR (bv_server_manager_error_quark ())

typedef enum {
  BV_SERVER_MANAGER_ERROR_MISSING_NAME,
  BV_SERVER_MANAGER_ERROR_NAME_TAKEN,
  BV_SERVER_MANAGER_ERROR_MISSING_SECRET,
  BV_SERVER_MANAGER_ERROR_INVALID_CHECKSUM,
} BvServerManagerError;

#define BV_TYPE_SERVER_MANAGER (bv_server_manager_get_type ())
G_DECLARE_FINAL_TYPE (BvServerManager, bv_server_manager, BV, SERVER_MANAGER, GObject)

GQuark           bv_server_manager_error_quark (void);
BvServerManager *bv_server_manager_new         (BvDatabase        *database);
GListModel      *bv_server_manager_get_servers (BvServerManager   *self);
BvDatabase      *bv_server_manager_get_database (BvServerManager  *self);
/* by id, else by name (case-insensitive); a new reference or NULL */
BvServer        *bv_server_manager_find_server (BvServerManager   *self,
                                                const char        *id_or_name);
gboolean         bv_server_manager_check       (BvServerManager   *self,
                                                BvServer          *existing,
                                                const char        *name,
                                                const char        *url,
                                                const char        *checksum,
                                                const char        *secret,
                                                char             **normalized_url,
                                                GError           **error);
void             bv_server_manager_save_async  (BvServerManager   *self,
                                                BvServer          *existing,
                                                const char        *name,
                                                const char        *url,
                                                const char        *checksum,
                                                const char        *secret,
                                                GCancellable      *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer           user_data);
BvServer        *bv_server_manager_save_finish (BvServerManager   *self,
                                                GAsyncResult      *result,
                                                GError           **error);
void             bv_server_manager_test_async  (BvServerManager   *self,
                                                BvServer          *existing,
                                                const char        *name,
                                                const char        *url,
                                                const char        *checksum,
                                                const char        *secret,
                                                GCancellable      *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer           user_data);
BvConnectionTest *bv_server_manager_test_finish (BvServerManager  *self,
                                                 GAsyncResult     *result,
                                                 GError          **error);
void             bv_server_manager_check_server_async  (BvServerManager *self,
                                                        BvServer        *server,
                                                        GCancellable    *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer         user_data);
BvConnectionTest *bv_server_manager_check_server_finish (BvServerManager *self,
                                                         GAsyncResult    *result,
                                                         GError         **error);
void             bv_server_manager_remove_async (BvServerManager  *self,
                                                 BvServer         *server,
                                                 GCancellable     *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer          user_data);
gboolean         bv_server_manager_remove_finish (BvServerManager *self,
                                                  GAsyncResult    *result,
                                                  GError         **error);

/* One API client per server, shared by everything that talks to it, and
 * rebuilt after the server is edited or removed. */
void             bv_server_manager_get_client_async  (BvServerManager    *self,
                                                      BvServer           *server,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
BvBbbClient     *bv_server_manager_get_client_finish (BvServerManager    *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);
BvBbbClient     *bv_server_manager_peek_client       (BvServerManager    *self,
                                                      const char         *server_id);
/* After a failed request: the next one opens a new client (the keyring's
 * secret or the address may have changed behind our back). */
void             bv_server_manager_drop_client       (BvServerManager    *self,
                                                      const char         *server_id);

G_END_DECLS
