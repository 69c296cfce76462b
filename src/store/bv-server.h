/* bv-server.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BV_TYPE_SERVER (bv_server_get_type ())
G_DECLARE_FINAL_TYPE (BvServer, bv_server, BV, SERVER, GObject)

/* A configured BigBlueButton server as the store keeps it. The shared secret
 * is deliberately not a property: it lives only in the Secret Service. */
BvServer   *bv_server_new              (const char *id,
                                        const char *name,
                                        const char *url,
                                        const char *checksum);
char       *bv_server_generate_id      (void);
const char *bv_server_get_id           (BvServer   *self);
const char *bv_server_get_name         (BvServer   *self);
void        bv_server_set_name         (BvServer   *self,
                                        const char *name);
const char *bv_server_get_url          (BvServer   *self);
void        bv_server_set_url          (BvServer   *self,
                                        const char *url);
/* "auto", "sha1", "sha256", "sha384" or "sha512" */
const char *bv_server_get_checksum     (BvServer   *self);
void        bv_server_set_checksum     (BvServer   *self,
                                        const char *checksum);
gboolean    bv_server_checksum_is_valid (const char *checksum);

/* What the last successful connection test found out: the checksum
 * algorithm that worked ("sha1" … "sha512", NULL before any test) and the
 * server's version (bbbVersion, may be NULL), the API version, whether it
 * answered like a load balancer, and when (seconds since the epoch, 0 =
 * never). The join flow needs them without asking the server again. */
const char *bv_server_get_detected_checksum (BvServer   *self);
const char *bv_server_get_bbb_version       (BvServer   *self);
const char *bv_server_get_api_version       (BvServer   *self);
gboolean    bv_server_get_load_balancer     (BvServer   *self);
gint64      bv_server_get_checked_at        (BvServer   *self);
void        bv_server_set_connection_info   (BvServer   *self,
                                             const char *detected_checksum,
                                             const char *api_version,
                                             const char *bbb_version,
                                             gboolean    load_balancer,
                                             gint64      checked_at);

/* The server's telephone dial-in number as its answers last named it
 * (NULL = none known). The database stores every change. */
const char *bv_server_get_dial_number       (BvServer   *self);
void        bv_server_set_dial_number       (BvServer   *self,
                                             const char *dial_number);

G_END_DECLS
