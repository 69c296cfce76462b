/* bv-bbb-parser.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* src/ui reaches this header only through core/bv-server-api.h: a UI
 * file that includes it itself does not compile (HACKING.md, "Layers"). */
#if defined (BV_LAYER_UI) && !defined (BV_SERVER_API_INSIDE)
#error "src/ui must not include src/bbb headers: use what core offers"
#endif

#ifndef BV_BBB_PARSER_H
#define BV_BBB_PARSER_H

#include <gio/gio.h>

#include "bv-bbb-meeting.h"
#include "bv-bbb-recording.h"
#include "bv-bbb-version.h"

G_BEGIN_DECLS

/* Answers larger than this are refused (BV_BBB_ERROR_TOO_LARGE). */
#define BV_BBB_MAX_RESPONSE_SIZE (48 * 1024 * 1024)

/* Every parser: libxml2 without network access, entities or DTD loading;
 * root must be <response>; returncode FAILED becomes the GError for its
 * messageKey; HTML, empty or truncated bodies give BV_BBB_ERROR_NOT_XML and
 * well-formed XML that is no BigBlueButton answer BV_BBB_ERROR_NOT_BBB.
 * message_key (may be NULL) receives the messageKey of a SUCCESS answer
 * (duplicateWarning, noMeetings, …) or NULL. */
BvBbbVersion *bv_bbb_parse_version        (const char  *data,
                                           gsize        length,
                                           GError     **error);
/* create, getMeetingInfo */
BvBbbMeeting *bv_bbb_parse_meeting        (const char  *data,
                                           gsize        length,
                                           GError     **error);
/* getMeetings: of BvBbbMeeting, empty for noMeetings */
GListModel   *bv_bbb_parse_meetings       (const char  *data,
                                           gsize        length,
                                           GError     **error);
/* getRecordings: of BvBbbRecording, empty for noRecordings; total_count
 * receives <totalElements> where the server paginates, else -1 */
GListModel   *bv_bbb_parse_recordings     (const char  *data,
                                           gsize        length,
                                           gint64      *total_count,
                                           GError     **error);
/* isMeetingRunning: <running> */
gboolean      bv_bbb_parse_running        (const char  *data,
                                           gsize        length,
                                           gboolean    *running,
                                           GError     **error);
/* end, publishRecordings, deleteRecordings, updateRecordings,
 * insertDocument, join with redirect=false: TRUE on SUCCESS */
gboolean      bv_bbb_parse_success        (const char  *data,
                                           gsize        length,
                                           char       **message_key,
                                           GError     **error);

/* bbb-web 2.4+ answers a failed join with a redirect to the logout (or
 * errorRedirectUrl) address carrying errors=[{"key":…,"message":…}]. TRUE
 * when location carries no errors (a real join), else the GError for the
 * first key. */
gboolean      bv_bbb_parse_join_redirect  (const char  *location,
                                           GError     **error);

G_END_DECLS

#endif /* BV_BBB_PARSER_H */
