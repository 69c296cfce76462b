/* bv-bbb-attendee.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* src/ui reaches this header only through core/bv-server-api.h: a UI
 * file that includes it itself does not compile (HACKING.md, "Layers"). */
#if defined (BV_LAYER_UI) && !defined (BV_SERVER_API_INSIDE)
#error "src/ui must not include src/bbb headers: use what core offers"
#endif

#ifndef BV_BBB_ATTENDEE_H
#define BV_BBB_ATTENDEE_H

#include <glib-object.h>

G_BEGIN_DECLS

#define BV_TYPE_BBB_ATTENDEE (bv_bbb_attendee_get_type ())
G_DECLARE_FINAL_TYPE (BvBbbAttendee, bv_bbb_attendee, BV, BBB_ATTENDEE, GObject)

const char *bv_bbb_attendee_get_user_id          (BvBbbAttendee *self);
const char *bv_bbb_attendee_get_full_name        (BvBbbAttendee *self);
gboolean    bv_bbb_attendee_is_moderator         (BvBbbAttendee *self); /* role MODERATOR */
gboolean    bv_bbb_attendee_is_presenter         (BvBbbAttendee *self);
gboolean    bv_bbb_attendee_is_listening_only    (BvBbbAttendee *self);
gboolean    bv_bbb_attendee_has_joined_voice     (BvBbbAttendee *self);
gboolean    bv_bbb_attendee_has_video            (BvBbbAttendee *self);
const char *bv_bbb_attendee_get_client_type      (BvBbbAttendee *self);

G_END_DECLS

#endif /* BV_BBB_ATTENDEE_H */
