/* fuzz-parser.c — libFuzzer target for the BigBlueButton answer parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built and run by tests/run-fuzz.sh (clang -fsanitize=fuzzer,address,undefined).
 * Every input goes through every parser, and every result through every
 * getter, so the lazily built lists and tables are exercised too.
 */

#include "config.h"

#include <stdint.h>

#include "bv-bbb-parser.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
touch_strv (const char * const *strv)
{
  g_assert_nonnull (strv);
  for (guint i = 0; strv[i]; i++)
    g_assert_true (g_utf8_validate (strv[i], -1, NULL));
}

static void
touch_string (const char *text)
{
  /* whatever the server sent, the UI gets valid UTF-8 or NULL */
  if (text)
    g_assert_true (g_utf8_validate (text, -1, NULL));
}

static void
touch_metadata (GHashTable *metadata)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_assert_nonnull (metadata);
  g_hash_table_iter_init (&iter, metadata);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      touch_string (key);
      g_assert_nonnull (value);
      touch_string (value);
    }
}

static void
touch_meeting (BvBbbMeeting *meeting)
{
  GListModel *attendees = bv_bbb_meeting_get_attendees (meeting);
  g_autofree char *name = NULL;

  touch_string (bv_bbb_meeting_get_meeting_id (meeting));
  touch_string (bv_bbb_meeting_get_internal_meeting_id (meeting));
  touch_string (bv_bbb_meeting_get_name (meeting));
  touch_string (bv_bbb_meeting_get_voice_bridge (meeting));
  touch_string (bv_bbb_meeting_get_dial_number (meeting));
  touch_string (bv_bbb_meeting_get_attendee_password (meeting));
  touch_string (bv_bbb_meeting_get_moderator_password (meeting));
  touch_string (bv_bbb_meeting_get_parent_meeting_id (meeting));
  (void) bv_bbb_meeting_get_create_time (meeting);
  (void) bv_bbb_meeting_get_start_time (meeting);
  (void) bv_bbb_meeting_get_end_time (meeting);
  (void) bv_bbb_meeting_is_running (meeting);
  (void) bv_bbb_meeting_get_participant_count (meeting);
  (void) bv_bbb_meeting_get_sequence (meeting);
  (void) bv_bbb_meeting_is_free_join (meeting);
  (void) bv_bbb_meeting_is_duplicate (meeting);
  touch_strv (bv_bbb_meeting_get_breakout_rooms (meeting));
  touch_metadata (bv_bbb_meeting_get_metadata (meeting));

  for (guint i = 0; i < g_list_model_get_n_items (attendees); i++)
    {
      g_autoptr(BvBbbAttendee) attendee = g_list_model_get_item (attendees, i);

      touch_string (bv_bbb_attendee_get_user_id (attendee));
      touch_string (bv_bbb_attendee_get_full_name (attendee));
      touch_string (bv_bbb_attendee_get_client_type (attendee));
      (void) bv_bbb_attendee_is_moderator (attendee);
    }

  g_object_get (meeting, "name", &name, NULL);
}

static void
touch_recording (BvBbbRecording *recording)
{
  GListModel *formats = bv_bbb_recording_get_formats (recording);
  g_autofree char *state = NULL;

  touch_string (bv_bbb_recording_get_record_id (recording));
  touch_string (bv_bbb_recording_get_meeting_id (recording));
  touch_string (bv_bbb_recording_get_internal_meeting_id (recording));
  touch_string (bv_bbb_recording_get_name (recording));
  touch_string (bv_bbb_recording_get_state (recording));
  (void) bv_bbb_recording_is_published (recording);
  (void) bv_bbb_recording_is_protected (recording);
  (void) bv_bbb_recording_get_start_time (recording);
  (void) bv_bbb_recording_get_participants (recording);
  touch_metadata (bv_bbb_recording_get_metadata (recording));

  for (guint i = 0; i < g_list_model_get_n_items (formats); i++)
    {
      g_autoptr(BvBbbRecordingFormat) format = g_list_model_get_item (formats, i);

      touch_string (bv_bbb_recording_format_get_format_type (format));
      touch_string (bv_bbb_recording_format_get_url (format));
      (void) bv_bbb_recording_format_get_length (format);
      touch_strv (bv_bbb_recording_format_get_previews (format));
    }

  g_object_get (recording, "state", &state, NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BvBbbVersion) version = bv_bbb_parse_version (text, size, &error);

    g_assert_true (!version == !!error);
    if (version)
      {
        g_autofree char *description = bv_bbb_version_describe (version);

        touch_string (description);
        touch_string (bv_bbb_version_get_api_version (version));
        touch_string (bv_bbb_version_get_bbb_version (version));
        touch_string (bv_bbb_version_get_build (version));
        (void) bv_bbb_version_supports_role (version);
        (void) bv_bbb_version_supports_pagination (version);
        (void) bv_bbb_version_supports_expiry (version);
      }
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BvBbbMeeting) meeting = bv_bbb_parse_meeting (text, size, &error);

    g_assert_true (!meeting == !!error);
    if (meeting)
      touch_meeting (meeting);
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GListModel) meetings = bv_bbb_parse_meetings (text, size, &error);

    g_assert_true (!meetings == !!error);
    for (guint i = 0; meetings && i < g_list_model_get_n_items (meetings); i++)
      {
        g_autoptr(BvBbbMeeting) meeting = g_list_model_get_item (meetings, i);
        touch_meeting (meeting);
      }
  }

  {
    g_autoptr(GError) error = NULL;
    gint64 total = 0;
    g_autoptr(GListModel) recordings = bv_bbb_parse_recordings (text, size, &total, &error);

    g_assert_true (!recordings == !!error);
    for (guint i = 0; recordings && i < g_list_model_get_n_items (recordings); i++)
      {
        g_autoptr(BvBbbRecording) recording = g_list_model_get_item (recordings, i);
        touch_recording (recording);
      }
  }

  {
    g_autoptr(GError) error = NULL;
    gboolean running = FALSE;
    gboolean ok = bv_bbb_parse_running (text, size, &running, &error);

    g_assert_true (!ok == !!error);
  }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *message_key = NULL;
    gboolean ok = bv_bbb_parse_success (text, size, &message_key, &error);

    g_assert_true (!ok == !!error);
    if (ok)
      touch_string (message_key);
    else
      g_assert_null (message_key);
  }

  return 0;
}
