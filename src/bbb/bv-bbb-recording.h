/* bv-bbb-recording.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* src/ui reaches this header only through core/bv-server-api.h: a UI
 * file that includes it itself does not compile (HACKING.md, "Layers"). */
#if defined (BV_LAYER_UI) && !defined (BV_SERVER_API_INSIDE)
#error "src/ui must not include src/bbb headers: use what core offers"
#endif

#ifndef BV_BBB_RECORDING_H
#define BV_BBB_RECORDING_H

#include <gio/gio.h>

#include "bv-bbb-recording-format.h"

G_BEGIN_DECLS

#define BV_TYPE_BBB_RECORDING (bv_bbb_recording_get_type ())
G_DECLARE_FINAL_TYPE (BvBbbRecording, bv_bbb_recording, BV, BBB_RECORDING, GObject)

const char *bv_bbb_recording_get_record_id           (BvBbbRecording *self);
const char *bv_bbb_recording_get_meeting_id          (BvBbbRecording *self);
const char *bv_bbb_recording_get_internal_meeting_id (BvBbbRecording *self);
const char *bv_bbb_recording_get_name                (BvBbbRecording *self);
/* processing, processed, published, unpublished, deleted */
const char *bv_bbb_recording_get_state               (BvBbbRecording *self);
gboolean    bv_bbb_recording_is_published            (BvBbbRecording *self);
gboolean    bv_bbb_recording_is_breakout             (BvBbbRecording *self);
gboolean    bv_bbb_recording_is_protected            (BvBbbRecording *self); /* Scalelite */
gint64      bv_bbb_recording_get_start_time          (BvBbbRecording *self); /* ms */
gint64      bv_bbb_recording_get_end_time            (BvBbbRecording *self); /* ms */
guint       bv_bbb_recording_get_participants        (BvBbbRecording *self);
GHashTable *bv_bbb_recording_get_metadata            (BvBbbRecording *self);
/* of BvBbbRecordingFormat */
GListModel *bv_bbb_recording_get_formats             (BvBbbRecording *self);

G_END_DECLS

#endif /* BV_BBB_RECORDING_H */
