/* test-recording-text.c
 *
 * What the Aufzeichnungen page says about a recording, read from a real
 * getRecordings answer (tests/data/bbb). Runs as a German laptop would
 * (TZ=Europe/Berlin from meson), with English source strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "bv-bbb-parser.h"
#include "bv-recording-text.h"

static GListModel *
load_recordings (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bbb",
                                                 "getRecordings_multiple_formats.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *list;
  gsize length = 0;
  gint64 total = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  list = bv_bbb_parse_recordings (contents, length, &total, &error);
  g_assert_no_error (error);
  return list;
}

static void
test_first_recording (void)
{
  g_autoptr(GListModel) list = load_recordings ();
  g_autoptr(BvBbbRecording) recording = g_list_model_get_item (list, 0);
  g_autofree char *details = bv_recording_text_details (recording);
  g_autofree char *state = bv_recording_text_state (recording, "published");
  BvBbbRecordingFormat *format = bv_recording_text_playback_format (recording);

  g_assert_cmpstr (bv_recording_text_name (recording), ==, "SAT- Writing-Humanities (All participants)");
  /* No meetingName in its metadata: the recording's own name. */
  g_assert_cmpstr (bv_recording_text_meeting_name (recording), ==, "SAT- Writing-Humanities (All participants)");
  /* 2016-05-09 15:31:37 UTC is 17:31 in Berlin (summer time); 82.9
   * minutes round to 83. */
  g_assert_cmpstr (details, ==, "Mon, 9 May 2016, 17:31 · 1 h 23 min");
  /* Podcast comes first in the answer, but the presentation plays. */
  g_assert_nonnull (format);
  g_assert_cmpstr (bv_bbb_recording_format_get_format_type (format), ==, "presentation");
  g_assert_cmpstr (state, ==, "Published: anyone with the link can watch it · Audio, Presentation");
}

static void
test_states_and_formats (void)
{
  g_autoptr(GListModel) list = load_recordings ();
  g_autoptr(BvBbbRecording) recording = g_list_model_get_item (list, 0);
  g_autofree char *unpublished = bv_recording_text_state (recording, "unpublished");
  g_autofree char *deleted = bv_recording_text_state (recording, "deleted");
  g_autofree char *processing = bv_recording_text_state (recording, "processing");

  g_assert_true (g_str_has_prefix (unpublished, "Not published: nobody can watch it · "));
  g_assert_true (g_str_has_prefix (deleted, "Deleted · "));
  g_assert_true (g_str_has_prefix (processing, "Being processed · "));

  g_assert_cmpstr (bv_recording_text_format ("video"), ==, "Video");
  g_assert_cmpstr (bv_recording_text_format ("screenshare"), ==, "Screen recording");
  g_assert_cmpstr (bv_recording_text_format ("notes"), ==, "Notes");
  /* A format we do not know keeps the server's word. */
  g_assert_cmpstr (bv_recording_text_format ("vr-replay"), ==, "vr-replay");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/recording-text/first-recording", test_first_recording);
  g_test_add_func ("/core/recording-text/states-and-formats", test_states_and_formats);

  return g_test_run ();
}
