/* bv-bbb-models-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Never for src/ui (HACKING.md, "Layers"). */
#ifdef BV_LAYER_UI
#error "src/ui must not include src/bbb headers: use what core offers"
#endif

#ifndef BV_BBB_MODELS_PRIVATE_H
#define BV_BBB_MODELS_PRIVATE_H

#include "bv-bbb-attendee.h"
#include "bv-bbb-meeting.h"
#include "bv-bbb-recording-format.h"
#include "bv-bbb-recording.h"
#include "bv-bbb-version.h"

G_BEGIN_DECLS

/* The parser fills the result objects field by field: a getRecordings
 * answer can hold ten thousand recordings, and g_object_set() per field
 * would cost more than the parsing itself. Strings are owned (g_free),
 * empty strings are stored as NULL. Only the parser and the model files
 * include this header. */

struct _BvBbbAttendee
{
  GObject   parent_instance;

  char     *user_id;
  char     *full_name;
  char     *client_type;
  guint     is_moderator : 1;
  guint     is_presenter : 1;
  guint     is_listening_only : 1;
  guint     has_joined_voice : 1;
  guint     has_video : 1;
};

struct _BvBbbRecordingFormat
{
  GObject   parent_instance;

  char     *format_type;
  char     *url;
  guint     length;
  guint     processing_time;
  char    **previews;           /* NULL stands for none */
};

/* Metadata arrives as (name, value) pairs and becomes a GHashTable only when
 * somebody asks: most recordings in a long list are never opened. */
struct _BvBbbRecording
{
  GObject     parent_instance;

  char       *record_id;
  char       *meeting_id;
  char       *internal_meeting_id;
  char       *name;
  char       *state;
  gint64      start_time;
  gint64      end_time;
  guint       participants;
  guint       is_published : 1;
  guint       is_breakout : 1;
  guint       is_protected : 1;

  GPtrArray  *metadata_pairs;   /* char*, name and value alternating; or NULL */
  GHashTable *metadata;         /* built on first get */
  GPtrArray  *format_array;     /* BvBbbRecordingFormat; or NULL */
  GListStore *formats;          /* built on first get */
};

struct _BvBbbMeeting
{
  GObject     parent_instance;

  char       *meeting_id;
  char       *internal_meeting_id;
  char       *name;
  char       *voice_bridge;
  char       *dial_number;
  char       *attendee_password;
  char       *moderator_password;
  char       *parent_meeting_id;
  gint64      create_time;
  gint64      start_time;
  gint64      end_time;
  guint       participant_count;
  guint       listener_count;
  guint       voice_participant_count;
  guint       video_count;
  guint       moderator_count;
  guint       max_users;
  guint       sequence;
  guint       is_running : 1;
  guint       is_recording : 1;
  guint       has_user_joined : 1;
  guint       has_been_forcibly_ended : 1;
  guint       is_breakout : 1;
  guint       is_free_join : 1;
  guint       is_duplicate : 1;

  char      **breakout_rooms;   /* NULL stands for none */
  GPtrArray  *metadata_pairs;   /* as in BvBbbRecording */
  GHashTable *metadata;
  GPtrArray  *attendee_array;   /* BvBbbAttendee; or NULL */
  GListStore *attendees;        /* built on first get */
};

/* A GPtrArray that frees its strings, for metadata_pairs. */
GPtrArray *_bv_bbb_metadata_pairs_new     (void);
/* Builds the table for the getters; pairs may be NULL. */
GHashTable *_bv_bbb_metadata_table_new    (GPtrArray *pairs);

/* Empty NULL-terminated vector returned for absent lists. */
extern const char * const _bv_bbb_empty_strv[];

void       _bv_bbb_version_set_has_api_version (BvBbbVersion *self,
                                                gboolean      has_api_version);

G_END_DECLS

#endif /* BV_BBB_MODELS_PRIVATE_H */
