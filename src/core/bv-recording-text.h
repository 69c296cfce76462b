/* bv-recording-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bv-server-api.h"

G_BEGIN_DECLS

/* The recording's name, or "Untitled recording". */
const char           *bv_recording_text_name            (BvBbbRecording *recording);
/* The meeting's name as the server recorded it (all of a room's
 * recordings carry it), else the recording's name. */
const char           *bv_recording_text_meeting_name    (BvBbbRecording *recording);
/* The format the browser should play: presentation, else the first with
 * a URL; NULL if none can be played. (transfer none) */
BvBbbRecordingFormat *bv_recording_text_playback_format (BvBbbRecording *recording);
/* A playback format's type in words ("presentation" → "Presentation"). */
const char           *bv_recording_text_format          (const char     *type);
/* "Tue, 1 December 2026, 19:30 · 1 h 14 min · 7 participants", in the
 * user's zone; "" when the server said none of it. */
char                 *bv_recording_text_details         (BvBbbRecording *recording);
/* @state as the source reports it ("published", "unpublished",
 * "deleted", else being processed) and the formats: "Published ·
 * Presentation, Video". */
char                 *bv_recording_text_state           (BvBbbRecording *recording,
                                                         const char     *state);

G_END_DECLS
