/* bv-recordings-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-server-api.h"

G_BEGIN_DECLS

/* The most getRecordings accepts as limit (bbb-api.md §4.7). */
#define BV_RECORDINGS_SOURCE_PAGE_SIZE 100

#define BV_TYPE_RECORDINGS_SOURCE (bv_recordings_source_get_type ())
G_DECLARE_FINAL_TYPE (BvRecordingsSource, bv_recordings_source, BV, RECORDINGS_SOURCE, GObject)

/* The recordings of one server as a GListModel of BvBbbRecording, in the
 * server's order, filled while they arrive: with @paged (BBB 2.6 and later,
 * never Scalelite) a page of BV_RECORDINGS_SOURCE_PAGE_SIZE per request,
 * otherwise one request whose answer is appended in chunks from an idle,
 * so the first rows show at once either way.
 *
 * A failed request keeps what arrived before it: "loading" turns FALSE,
 * "error" holds the BV_BBB_ERROR, and _retry () continues with the
 * request that failed. "total" is the server's count (totalElements) or
 * -1 while unknown. */
BvRecordingsSource *bv_recordings_source_new          (BvBbbClient        *client,
                                                       gboolean            paged);
BvBbbClient        *bv_recordings_source_get_client   (BvRecordingsSource *self);
gboolean            bv_recordings_source_get_paged    (BvRecordingsSource *self);
gboolean            bv_recordings_source_get_loading  (BvRecordingsSource *self);
/* TRUE once every recording arrived. */
gboolean            bv_recordings_source_get_complete (BvRecordingsSource *self);
const GError       *bv_recordings_source_get_error    (BvRecordingsSource *self);
gint64              bv_recordings_source_get_total    (BvRecordingsSource *self);

/* Empties the list and loads from the start. */
void                bv_recordings_source_start        (BvRecordingsSource *self);
/* After an error: continues where it stopped. */
void                bv_recordings_source_retry        (BvRecordingsSource *self);
/* Stops loading and keeps what arrived; no error. */
void                bv_recordings_source_cancel       (BvRecordingsSource *self);

/* The recordings are the parser's immutable objects, so the outcome of
 * publishing lives here: use these instead of bv_bbb_recording_get_state ()
 * and bv_bbb_recording_is_published () for an item of this model. */
const char         *bv_recordings_source_get_state    (BvRecordingsSource *self,
                                                       BvBbbRecording     *recording);
gboolean            bv_recordings_source_is_published (BvRecordingsSource *self,
                                                       BvBbbRecording     *recording);

/* publishRecordings; on success the item's state changes (items-changed
 * at its position), on failure nothing changes. */
void                bv_recordings_source_publish_async  (BvRecordingsSource  *self,
                                                         BvBbbRecording      *recording,
                                                         gboolean             publish,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            bv_recordings_source_publish_finish (BvRecordingsSource  *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
/* deleteRecordings; on success the item is removed (and "total" lowered),
 * on failure nothing changes. */
void                bv_recordings_source_delete_async   (BvRecordingsSource  *self,
                                                         BvBbbRecording      *recording,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            bv_recordings_source_delete_finish  (BvRecordingsSource  *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
