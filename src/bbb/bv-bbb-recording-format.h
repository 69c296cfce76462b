/* bv-bbb-recording-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* src/ui reaches this header only through core/bv-server-api.h: a UI
 * file that includes it itself does not compile (HACKING.md, "Layers"). */
#if defined (BV_LAYER_UI) && !defined (BV_SERVER_API_INSIDE)
#error "src/ui must not include src/bbb headers: use what core offers"
#endif

#ifndef BV_BBB_RECORDING_FORMAT_H
#define BV_BBB_RECORDING_FORMAT_H

#include <glib-object.h>

G_BEGIN_DECLS

#define BV_TYPE_BBB_RECORDING_FORMAT (bv_bbb_recording_format_get_type ())
G_DECLARE_FINAL_TYPE (BvBbbRecordingFormat, bv_bbb_recording_format, BV, BBB_RECORDING_FORMAT, GObject)

const char *bv_bbb_recording_format_get_format_type     (BvBbbRecordingFormat *self); /* presentation, podcast, video … */
const char *bv_bbb_recording_format_get_url             (BvBbbRecordingFormat *self);
guint       bv_bbb_recording_format_get_length          (BvBbbRecordingFormat *self); /* minutes */
guint       bv_bbb_recording_format_get_processing_time (BvBbbRecordingFormat *self); /* ms */
/* preview image URLs; NULL-terminated, never NULL */
const char * const *bv_bbb_recording_format_get_previews (BvBbbRecordingFormat *self);

G_END_DECLS

#endif /* BV_BBB_RECORDING_FORMAT_H */
