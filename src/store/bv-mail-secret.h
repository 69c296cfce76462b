/* bv-mail-secret.h
 *
 * The e-mail account's password, only in the keyring: its own libsecret
 * schema (org.herzlich.BbbVereine.MailAccount, attribute "address"),
 * labelled "E-Mail-Konto »name@example.de«". Errors are BV_SECRET_ERROR
 * as for the servers' secrets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "bv-secret-store.h"

G_BEGIN_DECLS

#define BV_MAIL_SECRET_SCHEMA (bv_mail_secret_get_schema ())

const SecretSchema *bv_mail_secret_get_schema    (void);

void      bv_mail_secret_save_async     (const char           *address,
                                         const char           *password,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean  bv_mail_secret_save_finish    (GAsyncResult         *result,
                                         GError              **error);
void      bv_mail_secret_lookup_async   (const char           *address,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* The password (free with bv_secret_store_free_secret ()) or NULL with
 * BV_SECRET_ERROR_NOT_FOUND. */
char     *bv_mail_secret_lookup_finish  (GAsyncResult         *result,
                                         GError              **error);
void      bv_mail_secret_delete_async   (const char           *address,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* Deleting a password that is not there is not an error. */
gboolean  bv_mail_secret_delete_finish  (GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
