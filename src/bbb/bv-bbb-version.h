/* bv-bbb-version.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* src/ui reaches this header only through core/bv-server-api.h: a UI
 * file that includes it itself does not compile (HACKING.md, "Layers"). */
#if defined (BV_LAYER_UI) && !defined (BV_SERVER_API_INSIDE)
#error "src/ui must not include src/bbb headers: use what core offers"
#endif

#ifndef BV_BBB_VERSION_H
#define BV_BBB_VERSION_H

#include <glib-object.h>

G_BEGIN_DECLS

#define BV_TYPE_BBB_VERSION (bv_bbb_version_get_type ())
G_DECLARE_FINAL_TYPE (BvBbbVersion, bv_bbb_version, BV, BBB_VERSION, GObject)

/* What the version probe (GET on the API base) tells about a server. */
const char *bv_bbb_version_get_api_version       (BvBbbVersion *self); /* <version>, "2.0" */
const char *bv_bbb_version_get_bbb_version       (BvBbbVersion *self); /* <bbbVersion> or NULL */
const char *bv_bbb_version_get_build             (BvBbbVersion *self); /* Scalelite <build> or NULL */
/* No apiVersion and no bbbVersion, as Scalelite and compatible load balancers answer. */
gboolean    bv_bbb_version_is_load_balancer      (BvBbbVersion *self);
/* Compares bbbVersion (major.minor); unknown versions count as old. */
gboolean    bv_bbb_version_at_least              (BvBbbVersion *self,
                                                  guint         major,
                                                  guint         minor);
gboolean    bv_bbb_version_supports_role         (BvBbbVersion *self); /* join role=, 2.4+ */
gboolean    bv_bbb_version_supports_pagination   (BvBbbVersion *self); /* getRecordings offset/limit, 2.6+, not Scalelite */
gboolean    bv_bbb_version_supports_expiry       (BvBbbVersion *self); /* meetingExpire*, 2.5+ */
/* A person-readable name: "BigBlueButton 3.0.19", or "BigBlueButton (Lastverteiler)"… */
char       *bv_bbb_version_describe              (BvBbbVersion *self);

BvBbbVersion *_bv_bbb_version_new                (const char   *api_version,
                                                  const char   *bbb_version,
                                                  const char   *build);

G_END_DECLS

#endif /* BV_BBB_VERSION_H */
