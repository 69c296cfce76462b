/* bv-secret-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

#define BV_SECRET_ERROR (bv_secret_error_quark ())

typedef enum {
  BV_SECRET_ERROR_NO_SERVICE, /* no Secret Service on the session bus */
  BV_SECRET_ERROR_LOCKED,     /* keyring locked and unlocking was refused */
  BV_SECRET_ERROR_NOT_FOUND,  /* no secret stored for this server */
  BV_SECRET_ERROR_FAILED,
} BvSecretError;

#define BV_SECRET_SCHEMA (bv_secret_store_get_schema ())

GQuark              bv_secret_error_quark           (void);
const SecretSchema *bv_secret_store_get_schema      (void);

void      bv_secret_store_save_async    (const char           *server_id,
                                         const char           *server_name,
                                         const char           *secret,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean  bv_secret_store_save_finish   (GAsyncResult         *result,
                                         GError              **error);
void      bv_secret_store_lookup_async  (const char           *server_id,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* Returns the secret (free with bv_secret_store_free_secret ()) or NULL with
 * BV_SECRET_ERROR_NOT_FOUND. */
char     *bv_secret_store_lookup_finish (GAsyncResult         *result,
                                         GError              **error);
void      bv_secret_store_delete_async  (const char           *server_id,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* Deleting a secret that is not there is not an error. */
gboolean  bv_secret_store_delete_finish (GAsyncResult         *result,
                                         GError              **error);
void      bv_secret_store_free_secret   (char                 *secret);


G_END_DECLS
