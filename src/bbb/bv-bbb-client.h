/* bv-bbb-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* src/ui reaches this header only through core/bv-server-api.h: a UI
 * file that includes it itself does not compile (HACKING.md, "Layers"). */
#if defined (BV_LAYER_UI) && !defined (BV_SERVER_API_INSIDE)
#error "src/ui must not include src/bbb headers: use what core offers"
#endif

#ifndef BV_BBB_CLIENT_H
#define BV_BBB_CLIENT_H

#include <gio/gio.h>

#include "bv-bbb-parser.h"
#include "bv-bbb-query.h"

G_BEGIN_DECLS

#define BV_BBB_CONNECT_TIMEOUT_S 10
#define BV_BBB_CALL_TIMEOUT_S    30

#define BV_TYPE_BBB_CLIENT (bv_bbb_client_get_type ())
G_DECLARE_FINAL_TYPE (BvBbbClient, bv_bbb_client, BV, BBB_CLIENT, GObject)

/* One client (and one SoupSession) per server. api_url is a normalised API
 * base ("https://host/bigbluebutton/api/"). The secret is used only to
 * compute checksums; it is never sent, logged or put in an error. */
BvBbbClient *bv_bbb_client_new                 (const char           *api_url,
                                                const char           *secret,
                                                BvChecksumAlgorithm   algorithm);
const char  *bv_bbb_client_get_api_url         (BvBbbClient          *self);
BvChecksumAlgorithm bv_bbb_client_get_algorithm (BvBbbClient         *self);
void         bv_bbb_client_set_algorithm       (BvBbbClient          *self,
                                                BvChecksumAlgorithm   algorithm);
/* For tests: accept this certificate authority (a PEM file) in addition to
 * the system's; never used by the app. */
void         bv_bbb_client_set_tls_database    (BvBbbClient          *self,
                                                GTlsDatabase         *database);
/* For tests: connect_s limits connecting and each read or write,
 * call_s a whole call (defaults BV_BBB_CONNECT_TIMEOUT_S and
 * BV_BBB_CALL_TIMEOUT_S); both must be at least 1. */
void         bv_bbb_client_set_timeouts        (BvBbbClient          *self,
                                                guint                 connect_s,
                                                guint                 call_s);

/* The signed URL of a call, without sending anything (join links). */
char        *bv_bbb_client_build_url           (BvBbbClient          *self,
                                                const char           *call,
                                                const BvBbbQuery     *query);

/* GET on the API base, no checksum. */
void          bv_bbb_client_get_version_async  (BvBbbClient          *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
BvBbbVersion *bv_bbb_client_get_version_finish (BvBbbClient          *self,
                                                GAsyncResult         *result,
                                                GError              **error);

/* create: GET, or POST with body (a <modules> document) when body is set.
 * duplicateWarning is success (bv_bbb_meeting_is_duplicate ()). */
void          bv_bbb_client_create_async       (BvBbbClient          *self,
                                                const BvBbbQuery     *query,
                                                GBytes               *body,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
BvBbbMeeting *bv_bbb_client_create_finish      (BvBbbClient          *self,
                                                GAsyncResult         *result,
                                                GError              **error);

void          bv_bbb_client_is_meeting_running_async  (BvBbbClient   *self,
                                                       const char    *meeting_id,
                                                       GCancellable  *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer       user_data);
gboolean      bv_bbb_client_is_meeting_running_finish (BvBbbClient   *self,
                                                       GAsyncResult  *result,
                                                       gboolean      *running,
                                                       GError       **error);

void          bv_bbb_client_end_async          (BvBbbClient          *self,
                                                const char           *meeting_id,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean      bv_bbb_client_end_finish         (BvBbbClient          *self,
                                                GAsyncResult         *result,
                                                GError              **error);

void          bv_bbb_client_get_meeting_info_async  (BvBbbClient     *self,
                                                     const char      *meeting_id,
                                                     GCancellable    *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer         user_data);
BvBbbMeeting *bv_bbb_client_get_meeting_info_finish (BvBbbClient     *self,
                                                     GAsyncResult    *result,
                                                     GError         **error);

/* of BvBbbMeeting */
void          bv_bbb_client_get_meetings_async  (BvBbbClient         *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GListModel   *bv_bbb_client_get_meetings_finish (BvBbbClient         *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* query may hold meetingID, recordID, state, meta_* and, on servers that
 * support it, offset and limit. Of BvBbbRecording. */
void          bv_bbb_client_get_recordings_async  (BvBbbClient       *self,
                                                   const BvBbbQuery  *query,
                                                   GCancellable      *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer           user_data);
GListModel   *bv_bbb_client_get_recordings_finish (BvBbbClient       *self,
                                                   GAsyncResult      *result,
                                                   gint64            *total_count,
                                                   GError           **error);

/* publishRecordings, deleteRecordings, updateRecordings and any other
 * call whose answer is only SUCCESS or an error. */
void          bv_bbb_client_call_async         (BvBbbClient          *self,
                                                const char           *call,
                                                const BvBbbQuery     *query,
                                                GBytes               *body,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean      bv_bbb_client_call_finish        (BvBbbClient          *self,
                                                GAsyncResult         *result,
                                                char                **message_key,
                                                GError              **error);

void          bv_bbb_client_insert_document_async  (BvBbbClient      *self,
                                                    const char       *meeting_id,
                                                    GBytes           *modules,
                                                    GCancellable     *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer          user_data);
gboolean      bv_bbb_client_insert_document_finish (BvBbbClient      *self,
                                                    GAsyncResult     *result,
                                                    GError          **error);

G_END_DECLS

#endif /* BV_BBB_CLIENT_H */
