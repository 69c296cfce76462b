/* bv-server-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-server-api.h"
#include "bv-server.h"

G_BEGIN_DECLS

/* The algorithm the last connection test found working, else the one the
 * user chose, else SHA-256 (bbb-api.md §2.2). */
BvChecksumAlgorithm bv_server_client_algorithm    (BvServer            *server);

/* An API client for a stored server: looks its secret up in the keyring
 * (the only place it lives) and hands it to the client, which keeps it
 * only to sign requests. Errors: BV_SECRET_ERROR, BV_BBB_ERROR for an
 * address that is not (or no longer) acceptable. */
void                bv_server_client_open_async   (BvServer            *server,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
BvBbbClient        *bv_server_client_open_finish  (GAsyncResult        *result,
                                                   GError             **error);

/* Reaching the server failed (no such host, refused, timed out, network),
 * as opposed to an answer we did not like. */
gboolean            bv_server_client_is_unreachable (const GError      *error);

/* What the last connection test found, without asking the server again:
 * the version for people ("BigBlueButton 3.0.19"), and whether
 * getRecordings may be asked page by page (never behind a load balancer,
 * as the join flow decides). */
char               *bv_server_client_describe_version     (BvServer *server);
gboolean            bv_server_client_supports_pagination  (BvServer *server);

G_END_DECLS
