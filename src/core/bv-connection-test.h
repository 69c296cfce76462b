/* bv-connection-test.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-server-api.h"

G_BEGIN_DECLS

#define BV_TYPE_CONNECTION_TEST (bv_connection_test_get_type ())
G_DECLARE_FINAL_TYPE (BvConnectionTest, bv_connection_test, BV, CONNECTION_TEST, GObject)

/* Tests a server the way "Verbindung testen" and --add-server do: the
 * version probe (is this a BigBlueButton server?), then one signed call to
 * check the secret. With checksum "auto" it tries SHA-256, SHA-512 and
 * SHA-1 in turn and reports the one that worked. */
BvConnectionTest   *bv_connection_test_new            (const char           *api_url,
                                                       const char           *secret,
                                                       const char           *checksum);
/* For tests: trust this database as well (self-signed test servers). */
void                bv_connection_test_set_tls_database (BvConnectionTest   *self,
                                                         GTlsDatabase       *database);
void                bv_connection_test_run_async      (BvConnectionTest     *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean            bv_connection_test_run_finish     (BvConnectionTest     *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
/* After success: */
BvBbbVersion       *bv_connection_test_get_version    (BvConnectionTest     *self);
BvChecksumAlgorithm bv_connection_test_get_algorithm  (BvConnectionTest     *self);
/* "Connected to BigBlueButton 3.0.19 (SHA-256)" */
char               *bv_connection_test_describe       (BvConnectionTest     *self);

G_END_DECLS
