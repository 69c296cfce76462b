/* bv-context.h
 *
 * The application's context, as gnome-calendar's GcalContext: it owns the
 * database, the servers (their secrets through the keyring) and one
 * BigBlueButton client per server, dropped and rebuilt when the server is
 * edited or removed. The window, the command line and the background
 * reminders share one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-server-api.h"
#include "bv-connection-test.h"
#include "bv-database.h"
#include "bv-join-tracker.h"
#include "bv-server.h"

G_BEGIN_DECLS

#define BV_CONTEXT_ERROR (bv_context_error_quark ())

typedef enum {
  BV_CONTEXT_ERROR_MISSING_NAME,
  BV_CONTEXT_ERROR_NAME_TAKEN,
  BV_CONTEXT_ERROR_MISSING_SECRET,
  BV_CONTEXT_ERROR_INVALID_CHECKSUM,
} BvContextError;

#define BV_TYPE_CONTEXT (bv_context_get_type ())
G_DECLARE_FINAL_TYPE (BvContext, bv_context, BV, CONTEXT, GObject)

GQuark           bv_context_error_quark (void);
BvContext *bv_context_new         (BvDatabase        *database);
GListModel      *bv_context_get_servers (BvContext   *self);
BvDatabase      *bv_context_get_database (BvContext  *self);
BvJoinTracker   *bv_context_get_join_tracker (BvContext *self);
/* by id, else by name (case-insensitive); a new reference or NULL */
BvServer        *bv_context_find_server (BvContext         *self,
                                         const char        *id_or_name);
gboolean         bv_context_check       (BvContext         *self,
                                         BvServer          *existing,
                                         const char        *name,
                                         const char        *url,
                                         const char        *checksum,
                                         const char        *secret,
                                         char             **normalized_url,
                                         GError           **error);
void             bv_context_save_async  (BvContext         *self,
                                         BvServer          *existing,
                                         const char        *name,
                                         const char        *url,
                                         const char        *checksum,
                                         const char        *secret,
                                         GCancellable      *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer           user_data);
BvServer        *bv_context_save_finish (BvContext         *self,
                                         GAsyncResult      *result,
                                         GError           **error);
void             bv_context_test_async  (BvContext         *self,
                                         BvServer          *existing,
                                         const char        *name,
                                         const char        *url,
                                         const char        *checksum,
                                         const char        *secret,
                                         GCancellable      *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer           user_data);
BvConnectionTest *bv_context_test_finish (BvContext        *self,
                                          GAsyncResult     *result,
                                          GError          **error);
void             bv_context_check_server_async  (BvContext       *self,
                                                 BvServer        *server,
                                                 GCancellable    *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer         user_data);
BvConnectionTest *bv_context_check_server_finish (BvContext       *self,
                                                  GAsyncResult    *result,
                                                  GError         **error);
void             bv_context_remove_async (BvContext        *self,
                                          BvServer         *server,
                                          GCancellable     *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer          user_data);
gboolean         bv_context_remove_finish (BvContext       *self,
                                           GAsyncResult    *result,
                                           GError         **error);

/* One API client per server, shared by everything that talks to it, and
 * rebuilt after the server is edited or removed. */
void             bv_context_get_client_async  (BvContext          *self,
                                               BvServer           *server,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
BvBbbClient     *bv_context_get_client_finish (BvContext          *self,
                                               GAsyncResult       *result,
                                               GError            **error);
BvBbbClient     *bv_context_peek_client       (BvContext          *self,
                                               const char         *server_id);
/* After a failed request: the next one opens a new client (the keyring's
 * secret or the address may have changed behind our back). */
void             bv_context_drop_client       (BvContext          *self,
                                               const char         *server_id);

G_END_DECLS
