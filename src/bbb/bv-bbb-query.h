/* bv-bbb-query.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* src/ui reaches this header only through core/bv-server-api.h: a UI
 * file that includes it itself does not compile (HACKING.md, "Layers"). */
#if defined (BV_LAYER_UI) && !defined (BV_SERVER_API_INSIDE)
#error "src/ui must not include src/bbb headers: use what core offers"
#endif

#ifndef BV_BBB_QUERY_H
#define BV_BBB_QUERY_H

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  BV_CHECKSUM_SHA1,
  BV_CHECKSUM_SHA256,
  BV_CHECKSUM_SHA384,
  BV_CHECKSUM_SHA512,
} BvChecksumAlgorithm;

/* "sha1", "sha256", "sha384", "sha512" (as the store keeps them) */
const char *bv_checksum_algorithm_to_string   (BvChecksumAlgorithm  algorithm);
gboolean    bv_checksum_algorithm_from_string (const char          *string,
                                               BvChecksumAlgorithm *algorithm);
/* "SHA-1", "SHA-256", … (for people) */
const char *bv_checksum_algorithm_get_label   (BvChecksumAlgorithm  algorithm);

/* Encodes like Java's URLEncoder.encode (s, "UTF-8"): keeps A-Z a-z 0-9 . - _ *,
 * space becomes +, every other byte %XX with upper-case hex. */
char       *bv_bbb_encode                     (const char          *value);

/* lower-case hex of H (call + query + secret) */
char       *bv_bbb_checksum                   (BvChecksumAlgorithm  algorithm,
                                               const char          *call,
                                               const char          *query,
                                               const char          *secret);

/* Server side (practice server): removes the checksum pair from a raw query
 * exactly as bbb-web does, picks the algorithm from the checksum's length
 * and compares case-insensitively. */
gboolean    bv_bbb_verify_checksum            (const char          *call,
                                               const char          *raw_query,
                                               const char          *secret,
                                               BvChecksumAlgorithm *algorithm);

/* An ordered list of parameters; the order is kept in the URL and in the
 * hashed string. */
typedef struct _BvBbbQuery BvBbbQuery;

BvBbbQuery *bv_bbb_query_new                  (void);
BvBbbQuery *bv_bbb_query_copy                 (const BvBbbQuery    *self);
void        bv_bbb_query_free                 (BvBbbQuery          *self);
void        bv_bbb_query_add                  (BvBbbQuery          *self,
                                               const char          *name,
                                               const char          *value);
void        bv_bbb_query_add_int              (BvBbbQuery          *self,
                                               const char          *name,
                                               gint64               value);
void        bv_bbb_query_add_boolean          (BvBbbQuery          *self,
                                               const char          *name,
                                               gboolean             value);
/* NULL when the parameter is not there; the last value wins. */
const char *bv_bbb_query_get                  (const BvBbbQuery    *self,
                                               const char          *name);
guint       bv_bbb_query_remove               (BvBbbQuery          *self,
                                               const char          *name);
guint       bv_bbb_query_get_length           (const BvBbbQuery    *self);
/* "name=value&…", each value encoded with bv_bbb_encode () */
char       *bv_bbb_query_to_string            (const BvBbbQuery    *self);
/* api_base + call + "?" + query + "checksum=…" (api_base ends in "/api/") */
char       *bv_bbb_query_build_url            (const BvBbbQuery    *self,
                                               const char          *api_base,
                                               const char          *call,
                                               BvChecksumAlgorithm  algorithm,
                                               const char          *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BvBbbQuery, bv_bbb_query_free)

G_END_DECLS

#endif /* BV_BBB_QUERY_H */
