/* bv-practice-tap-stream.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Never for src/ui (HACKING.md, "Layers"). */
#ifdef BV_LAYER_UI
#error "src/ui must not include src/practice headers: use what core offers"
#endif

#ifndef BV_PRACTICE_TAP_STREAM_H
#define BV_PRACTICE_TAP_STREAM_H

#include <gio/gio.h>

G_BEGIN_DECLS

#define BV_TYPE_PRACTICE_TAP_STREAM (bv_practice_tap_stream_get_type ())
G_DECLARE_FINAL_TYPE (BvPracticeTapStream, bv_practice_tap_stream, BV, PRACTICE_TAP_STREAM, GFilterInputStream)

/* Passes the bytes of base (the client side of an HTTP/1.1 connection)
 * through unchanged and notes the request target of every request exactly
 * as it came over the wire. base must be pollable. owner, if set, is the
 * connection base belongs to; it is closed together with this stream. */
BvPracticeTapStream *bv_practice_tap_stream_new        (GInputStream        *base,
                                                        GIOStream           *owner);
/* The oldest noted request target ("/path?query") not yet taken, or NULL. */
char                *bv_practice_tap_stream_pop_target (BvPracticeTapStream *self);

G_END_DECLS

#endif /* BV_PRACTICE_TAP_STREAM_H */
