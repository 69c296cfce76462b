/* bv-practice-internal.h
 *
 * What the files of the practice server share among themselves: the
 * server's struct, the rooms and recordings it keeps, and the helpers of
 * each concern. Nothing outside src/practice includes this; tests use
 * bv-practice-server-private.h.
 *
 *   bv-practice-server.c      socket, Host and body limits, dispatch, request log
 *   bv-practice-params.c      query and body parsing
 *   bv-practice-xml.c         XML answers
 *   bv-practice-rooms.c       create, join, end, expiry, attendees
 *   bv-practice-recordings.c  sample recordings, get/publish/delete/update
 *   bv-practice-pages.c       the HTML pages a browser sees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Never for src/ui (HACKING.md, "Layers"). */
#ifdef BV_LAYER_UI
#error "src/ui must not include src/practice headers: use what core offers"
#endif

#ifndef BV_PRACTICE_INTERNAL_H
#define BV_PRACTICE_INTERNAL_H

#include "bv-practice-server-private.h"

G_BEGIN_DECLS

#define MINUTE_MS (G_GINT64_CONSTANT (60) * 1000)

typedef struct
{
  char *name;
  char *value;
} BvPracticePair;

typedef struct
{
  char      *user_id;
  char      *full_name;
  gboolean   moderator;
  GPtrArray *custom_data;  /* BvPracticePair, from userdata-* */
} BvPracticeAttendee;

typedef struct
{
  char      *meeting_id;
  char      *internal_id;
  char      *name;
  char      *attendee_pw;
  char      *moderator_pw;
  char      *welcome;
  char      *guest_policy;
  char      *create_date;
  gint64     create_time;
  gint64     start_time;
  gint64     last_left_time;
  guint      voice_bridge;
  guint      duration;
  guint      max_participants;
  guint      expire_no_join_min;
  guint      expire_last_left_min;
  gboolean   record;
  gboolean   mute_on_start;
  gboolean   webcams_only_for_moderator;
  gboolean   has_user_joined;
  GPtrArray *metadata;   /* BvPracticePair, names lower-cased */
  GPtrArray *attendees;  /* BvPracticeAttendee */
  GPtrArray *documents;  /* file names from <modules> bodies */
} BvPracticeRoom;

typedef struct
{
  char      *record_id;
  char      *meeting_id;
  char      *name;
  char      *state;
  gint64     start_time;
  gint64     end_time;
  guint      participants;
  GPtrArray *metadata;  /* BvPracticePair */
} BvPracticeRecording;

typedef struct
{
  char     *meeting_id;
  char     *internal_id;
  char     *user_id;
  char     *full_name;
  gboolean  moderator;
  gboolean  waiting;
} BvPracticeSession;

/* Query or form parameters in the order they came; the first of several
 * with the same name counts, as in bbb-web. */
typedef struct
{
  GPtrArray *pairs;  /* BvPracticePair */
} BvPracticeParams;

typedef void (*BvPracticeCallFunc) (BvPracticeServer  *self,
                                    SoupServerMessage *msg,
                                    BvPracticeParams  *params,
                                    GPtrArray         *documents);

typedef struct
{
  const char         *name;
  BvPracticeCallFunc  func;
  gboolean            accepts_modules;  /* POST with an XML <modules> body */
  gboolean            needs_modules;
  gboolean            get_only;
} BvPracticeCall;

struct _BvPracticeServer
{
  GObject              parent_instance;
  SoupServer          *server;
  GSocketService      *service;
  GHashTable          *taps;  /* remote port → BvPracticeTapStream, weak */
  char                *base_url;
  char                *port;  /* as text, for comparing with Host */
  char                *api_url;
  char                *secret;
  BvPracticeClockFunc  now_ms;
  gpointer             clock_data;
  GPtrArray           *rooms;  /* BvPracticeRoom, oldest first */
  GHashTable          *ended;  /* meetingIDs ended by "end" and not created again */
  GPtrArray           *recordings;
  GHashTable          *sessions;  /* session token → BvPracticeSession */
  GPtrArray           *raw_queries;  /* the queries of requests, in step with it */
  GPtrArray           *requests;     /* BvPracticeRequest, the newest BV_PRACTICE_LOG_SIZE */
  guint                request_count;
  BvPracticeRequestFunc request_func;
  gpointer             request_data;
  guint                delay_ms;  /* simulated network latency, for benchmarks */
  gboolean             unavailable;  /* every API request gets 503 (tests) */
  guint                accepted_algorithms;  /* BV_PRACTICE_ALGORITHM bits, 0 for all */
};

/* bv-practice-server.c */
gint64               bv_practice_server_now_ms            (BvPracticeServer  *self);
char                *bv_practice_server_take_raw_query    (BvPracticeServer  *self,
                                                           SoupServerMessage *msg);

/* bv-practice-params.c */
void                 bv_practice_pair_free                (gpointer           data);
void                 bv_practice_pairs_set                (GPtrArray         *pairs,
                                                           const char        *name,
                                                           const char        *value);
void                 bv_practice_pairs_remove             (GPtrArray         *pairs,
                                                           const char        *name);
const char          *bv_practice_pairs_get                (GPtrArray         *pairs,
                                                           const char        *name);
BvPracticeParams    *bv_practice_params_new               (void);
void                 bv_practice_params_free              (BvPracticeParams  *params);
const char          *bv_practice_params_get               (BvPracticeParams  *params,
                                                           const char        *name);
gboolean             bv_practice_params_has               (BvPracticeParams  *params,
                                                           const char        *name);
void                 bv_practice_params_append            (BvPracticeParams  *params,
                                                           char              *name,
                                                           char              *value);
gboolean             bv_practice_params_parse             (BvPracticeParams  *params,
                                                           const char        *text,
                                                           gsize              length);
gboolean             bv_practice_parse_boolean            (const char        *value,
                                                           gboolean          *result);
gboolean             bv_practice_parse_number             (const char        *value,
                                                           guint              max,
                                                           guint             *result);
gboolean             bv_practice_is_element_name          (const char        *name);
char                *bv_practice_meta_key                 (const BvPracticePair *pair);
GStrv                bv_practice_split_list               (const char        *value);
gboolean             bv_practice_take_body                (SoupServerMessage  *msg,
                                                           const BvPracticeCall *call,
                                                           BvPracticeParams   *params,
                                                           GPtrArray         **documents);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BvPracticeParams, bv_practice_params_free)

/* bv-practice-xml.c */
void                 bv_practice_xml_append_text          (GString           *s,
                                                           const char        *element,
                                                           const char        *text);
void                 bv_practice_xml_append_int           (GString           *s,
                                                           const char        *element,
                                                           gint64             value);
void                 bv_practice_xml_append_bool          (GString           *s,
                                                           const char        *element,
                                                           gboolean           value);
void                 bv_practice_xml_append_pairs         (GString           *s,
                                                           const char        *element,
                                                           GPtrArray         *pairs);
void                 bv_practice_xml_append_message       (GString           *s,
                                                           const char        *key,
                                                           const char        *message);
GString             *bv_practice_xml_response_new         (gboolean           success);
void                 bv_practice_send_body                (SoupServerMessage *msg,
                                                           guint              status,
                                                           const char        *content_type,
                                                           GString           *body);
void                 bv_practice_xml_send                 (SoupServerMessage *msg,
                                                           GString           *s);
void                 bv_practice_xml_send_failed          (SoupServerMessage *msg,
                                                           const char        *key,
                                                           const char        *message);
void                 bv_practice_xml_send_success_with    (SoupServerMessage *msg,
                                                           const char        *element,
                                                           const char        *value);

/* bv-practice-rooms.c */
void                 bv_practice_room_free                (gpointer           data);
void                 bv_practice_session_free             (gpointer           data);
char                *bv_practice_internal_id_for          (const char        *meeting_id,
                                                           gint64             time);
BvPracticeRoom      *bv_practice_find_room                (BvPracticeServer  *self,
                                                           const char        *meeting_id);
BvPracticeRoom      *bv_practice_find_room_by_internal_id (BvPracticeServer  *self,
                                                           const char        *internal_id);
void                 bv_practice_expire_rooms             (BvPracticeServer  *self);
void                 bv_practice_handle_create            (BvPracticeServer  *self,
                                                           SoupServerMessage *msg,
                                                           BvPracticeParams  *params,
                                                           GPtrArray         *documents);
void                 bv_practice_handle_join              (BvPracticeServer  *self,
                                                           SoupServerMessage *msg,
                                                           BvPracticeParams  *params,
                                                           GPtrArray         *documents);
void                 bv_practice_handle_is_meeting_running (BvPracticeServer *self,
                                                           SoupServerMessage *msg,
                                                           BvPracticeParams  *params,
                                                           GPtrArray         *documents);
void                 bv_practice_handle_get_meeting_info  (BvPracticeServer  *self,
                                                           SoupServerMessage *msg,
                                                           BvPracticeParams  *params,
                                                           GPtrArray         *documents);
void                 bv_practice_handle_get_meetings      (BvPracticeServer  *self,
                                                           SoupServerMessage *msg,
                                                           BvPracticeParams  *params,
                                                           GPtrArray         *documents);
void                 bv_practice_handle_end               (BvPracticeServer  *self,
                                                           SoupServerMessage *msg,
                                                           BvPracticeParams  *params,
                                                           GPtrArray         *documents);
void                 bv_practice_handle_insert_document   (BvPracticeServer  *self,
                                                           SoupServerMessage *msg,
                                                           BvPracticeParams  *params,
                                                           GPtrArray         *documents);

/* bv-practice-recordings.c */
void                 bv_practice_recording_free           (gpointer           data);
void                 bv_practice_add_sample_recordings    (BvPracticeServer  *self);
BvPracticeRecording *bv_practice_find_recording           (BvPracticeServer  *self,
                                                           const char        *record_id);
void                 bv_practice_handle_get_recordings    (BvPracticeServer  *self,
                                                           SoupServerMessage *msg,
                                                           BvPracticeParams  *params,
                                                           GPtrArray         *documents);
void                 bv_practice_handle_publish_recordings (BvPracticeServer *self,
                                                           SoupServerMessage *msg,
                                                           BvPracticeParams  *params,
                                                           GPtrArray         *documents);
void                 bv_practice_handle_delete_recordings (BvPracticeServer  *self,
                                                           SoupServerMessage *msg,
                                                           BvPracticeParams  *params,
                                                           GPtrArray         *documents);
void                 bv_practice_handle_update_recordings (BvPracticeServer  *self,
                                                           SoupServerMessage *msg,
                                                           BvPracticeParams  *params,
                                                           GPtrArray         *documents);

/* bv-practice-pages.c */
void                 bv_practice_send_page                (SoupServerMessage *msg,
                                                           guint              status,
                                                           const char        *title,
                                                           const char        *body_html);
char                *bv_practice_room_page_html           (BvPracticeRoom    *room,
                                                           const char        *full_name,
                                                           gboolean           moderator,
                                                           gboolean           waiting);
void                 bv_practice_html5client_cb           (SoupServer        *server,
                                                           SoupServerMessage *msg,
                                                           const char        *path,
                                                           GHashTable        *query,
                                                           gpointer           user_data);
void                 bv_practice_playback_cb              (SoupServer        *server,
                                                           SoupServerMessage *msg,
                                                           const char        *path,
                                                           GHashTable        *query,
                                                           gpointer           user_data);

G_END_DECLS

#endif /* BV_PRACTICE_INTERNAL_H */
