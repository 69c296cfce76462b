/* bv-mail-connection-test.h
 *
 * "Verbindung testen": connect, TLS, login, QUIT. Sends nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-mail-account.h"

G_BEGIN_DECLS

/* Runs in a worker thread (libcurl). @password is copied and wiped after
 * use. Errors are BV_MAIL_ERROR (AUTH_FAILED, TLS_FAILED, UNREACHABLE,
 * NO_STARTTLS, …) or G_IO_ERROR_CANCELLED. */
void     bv_mail_connection_test_async  (BvMailAccount       *account,
                                         const char          *password,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean bv_mail_connection_test_finish (GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
