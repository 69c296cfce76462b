/* test-bbb-parser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "bv-bbb-error.h"
#include "bv-bbb-parser.h"

/* ------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------ */

/* The answers live in tests/data/bbb (see SOURCES.md there); meson points
 * G_TEST_SRCDIR at tests/, so this works from any build directory. */
static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "bbb", name, NULL);
}

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("Fixture %s is missing: %s", path, error->message);

  return g_bytes_new_take (contents, length);
}

#define BYTES_ARGS(b) g_bytes_get_data ((b), NULL), g_bytes_get_size ((b))
#define STR_ARGS(s) (s), strlen (s)

/* bbb-web sends what FreeMarker's <#compress> leaves: no whitespace between
 * tags. The fixtures are pretty-printed, so squeeze them the same way. */
static char *
compress_xml (GBytes *bytes)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  GString *out = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      g_string_append_c (out, data[i]);
      if (data[i] == '>')
        {
          gsize j = i + 1;

          while (j < length && g_ascii_isspace (data[j]))
            j++;
          if (j == length || data[j] == '<')
            i = j - 1;
        }
    }

  return g_string_free (out, FALSE);
}

static gpointer
model_item (GListModel *model,
            guint       position)
{
  gpointer item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  /* The model holds another reference; returning a borrowed pointer keeps
   * the checks short. */
  g_object_unref (item);
  return item;
}

static const char *
meta (GHashTable *table,
      const char *key)
{
  g_assert_true (g_hash_table_contains (table, key));
  return g_hash_table_lookup (table, key);
}

/* Every parser must refuse the body with the same code. */
static void
assert_all_parsers_fail (const char *data,
                         gsize       length,
                         BvBbbError  code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbVersion) version = NULL;
  g_autoptr(BvBbbMeeting) meeting = NULL;
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(GListModel) recordings = NULL;
  g_autofree char *key = NULL;
  gint64 total = 42;
  gboolean running = TRUE;

  version = bv_bbb_parse_version (data, length, &error);
  g_assert_error (error, BV_BBB_ERROR, (gint) code);
  g_assert_null (version);
  g_clear_error (&error);

  meeting = bv_bbb_parse_meeting (data, length, &error);
  g_assert_error (error, BV_BBB_ERROR, (gint) code);
  g_assert_null (meeting);
  g_clear_error (&error);

  meetings = bv_bbb_parse_meetings (data, length, &error);
  g_assert_error (error, BV_BBB_ERROR, (gint) code);
  g_assert_null (meetings);
  g_clear_error (&error);

  recordings = bv_bbb_parse_recordings (data, length, &total, &error);
  g_assert_error (error, BV_BBB_ERROR, (gint) code);
  g_assert_null (recordings);
  g_assert_cmpint (total, ==, -1);
  g_clear_error (&error);

  g_assert_false (bv_bbb_parse_running (data, length, &running, &error));
  g_assert_error (error, BV_BBB_ERROR, (gint) code);
  g_assert_false (running);
  g_clear_error (&error);

  g_assert_false (bv_bbb_parse_success (data, length, &key, &error));
  g_assert_error (error, BV_BBB_ERROR, (gint) code);
  g_assert_null (key);
}

/* ------------------------------------------------------------------------
 * Every fixture is accounted for
 * ------------------------------------------------------------------------ */

typedef enum {
  KIND_VERSION,
  KIND_MEETING,
  KIND_MEETINGS,
  KIND_RECORDINGS,
  KIND_RUNNING,
  KIND_SUCCESS,
  KIND_REQUEST,       /* a request body, not an answer */
} FixtureKind;

static const struct {
  const char  *name;
  FixtureKind  kind;
  const char  *message_key;  /* SUCCESS answers */
  int          failure;      /* BvBbbError of a FAILED answer, or -1 */
} fixtures[] = {
  { "create_duplicateWarning.xml", KIND_MEETING, "duplicateWarning", -1 },
  { "create_idNotUnique_error.xml", KIND_MEETING, NULL, BV_BBB_ERROR_ID_NOT_UNIQUE },
  { "deleteRecordings_notFound.xml", KIND_SUCCESS, NULL, BV_BBB_ERROR_NOT_FOUND },
  { "deleteRecordings_success.xml", KIND_SUCCESS, NULL, -1 },
  { "end_sentEndMeetingRequest.xml", KIND_SUCCESS, "sentEndMeetingRequest", -1 },
  { "getMeetingInfo_is_breakout_room.xml", KIND_MEETING, NULL, -1 },
  { "getMeetingInfo_parent_with_breakoutRooms.xml", KIND_MEETING, NULL, -1 },
  { "getMeetingInfo_with_attendees.xml", KIND_MEETING, NULL, -1 },
  { "getMeetings_legacy_2018.xml", KIND_MEETINGS, NULL, -1 },
  { "getMeetings_three_incl_breakout_and_metadata.xml", KIND_MEETINGS, NULL, -1 },
  { "getRecordings_empty_noRecordings.xml", KIND_RECORDINGS, "noRecordings", -1 },
  { "getRecordings_multiple_formats.xml", KIND_RECORDINGS, NULL, -1 },
  { "hooks_create_duplicateWarning.xml", KIND_SUCCESS, "duplicateWarning", -1 },
  { "hooks_create_success.xml", KIND_SUCCESS, NULL, -1 },
  { "hooks_destroy_destroyMissingHook.xml", KIND_SUCCESS, NULL, BV_BBB_ERROR_HOOK },
  { "hooks_list.xml", KIND_SUCCESS, NULL, -1 },
  { "insertDocument_success.xml", KIND_SUCCESS, NULL, -1 },
  { "isMeetingRunning_true.xml", KIND_RUNNING, NULL, -1 },
  { "join_redirect_false_success.xml", KIND_SUCCESS, "successfullyJoined", -1 },
  { "publishRecordings_notFound.xml", KIND_SUCCESS, NULL, BV_BBB_ERROR_NOT_FOUND },
  { "publishRecordings_success.xml", KIND_SUCCESS, NULL, -1 },
  { "recordings_notFound_error.xml", KIND_RECORDINGS, NULL, BV_BBB_ERROR_NOT_FOUND },
  { "request_create_clientSettingsOverride.xml", KIND_REQUEST, NULL, -1 },
  { "request_insertDocument_modules_with_options.xml", KIND_REQUEST, NULL, -1 },
  { "request_modules_presentation_url.xml", KIND_REQUEST, NULL, -1 },
  { "sendChatMessage_meetingNotFound.xml", KIND_SUCCESS, NULL, BV_BBB_ERROR_MEETING_NOT_RUNNING },
  { "sendChatMessage_success.xml", KIND_SUCCESS, NULL, -1 },
  { "setConfigXML_token_legacy.xml", KIND_SUCCESS, NULL, -1 },
  { "signOut_success_legacy.xml", KIND_SUCCESS, NULL, -1 },
  { "updateRecordings_notFound.xml", KIND_SUCCESS, NULL, BV_BBB_ERROR_NOT_FOUND },
  { "updateRecordings_success.xml", KIND_SUCCESS, NULL, -1 },
  { "version_bbb24.xml", KIND_VERSION, NULL, -1 },
  { "version_bbb30.xml", KIND_VERSION, NULL, -1 },
  { "version_legacy_no_apiVersion.xml", KIND_VERSION, NULL, -1 },
};

/* A fixture added to tests/data/bbb later must be added here, too. */
static void
test_fixtures_all_listed (void)
{
  g_autofree char *path = fixture_path (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  const char *name;
  guint seen = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)))
    {
      gboolean listed = FALSE;

      if (!g_str_has_suffix (name, ".xml"))
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
        listed = listed || g_str_equal (fixtures[i].name, name);
      if (!listed)
        g_error ("Fixture %s is not covered by test-bbb-parser.c", name);
      seen++;
    }

  g_assert_cmpuint (seen, ==, G_N_ELEMENTS (fixtures));
}

/* Each answer through the parser for its call, and through
 * bv_bbb_parse_success(), which every answer must pass or fail the same
 * way. */
static void
test_fixtures_envelope (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(GBytes) bytes = load_fixture (fixtures[i].name);
      g_autoptr(GError) error = NULL;
      g_autofree char *key = NULL;
      gboolean ok;

      g_test_message ("fixture %s", fixtures[i].name);

      if (fixtures[i].kind == KIND_REQUEST)
        {
          assert_all_parsers_fail (BYTES_ARGS (bytes), BV_BBB_ERROR_NOT_BBB);
          continue;
        }

      ok = bv_bbb_parse_success (BYTES_ARGS (bytes), &key, &error);
      if (fixtures[i].failure >= 0)
        {
          g_assert_false (ok);
          g_assert_error (error, BV_BBB_ERROR, fixtures[i].failure);
          g_assert_null (key);
          /* the advice, not the server's English text */
          g_assert_null (strstr (error->message, "Could not find"));
          g_assert_null (strstr (error->message, "We could not"));
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (key, ==, fixtures[i].message_key);
        }
      g_clear_error (&error);

      switch (fixtures[i].kind)
        {
        case KIND_VERSION:
          {
            g_autoptr(BvBbbVersion) v = bv_bbb_parse_version (BYTES_ARGS (bytes), &error);
            g_assert_no_error (error);
            g_assert_nonnull (v);
          }
          break;

        case KIND_MEETING:
          {
            g_autoptr(BvBbbMeeting) m = bv_bbb_parse_meeting (BYTES_ARGS (bytes), &error);
            if (fixtures[i].failure >= 0)
              {
                g_assert_error (error, BV_BBB_ERROR, fixtures[i].failure);
                g_assert_null (m);
              }
            else
              {
                g_assert_no_error (error);
                g_assert_nonnull (m);
              }
          }
          break;

        case KIND_MEETINGS:
          {
            g_autoptr(GListModel) list = bv_bbb_parse_meetings (BYTES_ARGS (bytes), &error);
            g_assert_no_error (error);
            g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
          }
          break;

        case KIND_RECORDINGS:
          {
            gint64 total = 0;
            g_autoptr(GListModel) list = bv_bbb_parse_recordings (BYTES_ARGS (bytes), &total, &error);
            if (fixtures[i].failure >= 0)
              {
                g_assert_error (error, BV_BBB_ERROR, fixtures[i].failure);
                g_assert_null (list);
              }
            else
              {
                g_assert_no_error (error);
                g_assert_nonnull (list);
              }
            g_assert_cmpint (total, ==, -1);
          }
          break;

        case KIND_RUNNING:
          {
            gboolean running = FALSE;
            g_assert_true (bv_bbb_parse_running (BYTES_ARGS (bytes), &running, &error));
            g_assert_no_error (error);
            g_assert_true (running);
          }
          break;

        case KIND_SUCCESS:
        case KIND_REQUEST:
        default:
          break;
        }
    }
}

/* ------------------------------------------------------------------------
 * Version probe
 * ------------------------------------------------------------------------ */

static void
test_version_bbb30 (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("version_bbb30.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbVersion) v = bv_bbb_parse_version (BYTES_ARGS (bytes), &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (bv_bbb_version_get_api_version (v), ==, "2.0");
  g_assert_cmpstr (bv_bbb_version_get_bbb_version (v), ==, "3.0.19");
  g_assert_null (bv_bbb_version_get_build (v));
  g_assert_false (bv_bbb_version_is_load_balancer (v));
  g_assert_true (bv_bbb_version_at_least (v, 3, 0));
  g_assert_true (bv_bbb_version_at_least (v, 2, 7));
  g_assert_true (bv_bbb_version_at_least (v, 2, 99));
  g_assert_false (bv_bbb_version_at_least (v, 3, 1));
  g_assert_false (bv_bbb_version_at_least (v, 4, 0));
  g_assert_true (bv_bbb_version_supports_role (v));
  g_assert_true (bv_bbb_version_supports_pagination (v));
  g_assert_true (bv_bbb_version_supports_expiry (v));

  text = bv_bbb_version_describe (v);
  g_assert_cmpstr (text, ==, "BigBlueButton 3.0.19");
}

static void
test_version_bbb24 (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("version_bbb24.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbVersion) v = bv_bbb_parse_version (BYTES_ARGS (bytes), &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (bv_bbb_version_get_bbb_version (v), ==, "2.4-rc-7");
  g_assert_false (bv_bbb_version_is_load_balancer (v));
  g_assert_true (bv_bbb_version_at_least (v, 2, 4));
  g_assert_false (bv_bbb_version_at_least (v, 2, 5));
  g_assert_true (bv_bbb_version_supports_role (v));
  g_assert_false (bv_bbb_version_supports_expiry (v));
  g_assert_false (bv_bbb_version_supports_pagination (v));

  text = bv_bbb_version_describe (v);
  g_assert_cmpstr (text, ==, "BigBlueButton 2.4-rc-7");
}

static void
test_version_legacy (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("version_legacy_no_apiVersion.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbVersion) v = bv_bbb_parse_version (BYTES_ARGS (bytes), &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (bv_bbb_version_get_api_version (v), ==, "2.0");
  g_assert_null (bv_bbb_version_get_bbb_version (v));
  g_assert_true (bv_bbb_version_is_load_balancer (v));
  g_assert_false (bv_bbb_version_at_least (v, 0, 0));
  g_assert_false (bv_bbb_version_supports_role (v));
  g_assert_false (bv_bbb_version_supports_pagination (v));
  g_assert_false (bv_bbb_version_supports_expiry (v));

  text = bv_bbb_version_describe (v);
  g_assert_cmpstr (text, ==, "BigBlueButton (load balancer)");
}

static void
test_version_variants (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  {
    /* Scalelite */
    const char *xml = "<response><returncode>SUCCESS</returncode><version>2.0</version>"
                      "<build>v1.5.1</build></response>";
    g_autoptr(BvBbbVersion) v = bv_bbb_parse_version (STR_ARGS (xml), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (bv_bbb_version_get_build (v), ==, "v1.5.1");
    g_assert_true (bv_bbb_version_is_load_balancer (v));
    g_assert_false (bv_bbb_version_supports_pagination (v));
  }

  {
    /* bbbVersion not configured on the server */
    const char *xml = "<response><returncode>SUCCESS</returncode><version>2.0</version>"
                      "<apiVersion>2.0</apiVersion><bbbVersion></bbbVersion></response>";
    g_autoptr(BvBbbVersion) v = bv_bbb_parse_version (STR_ARGS (xml), &error);
    g_assert_no_error (error);
    g_assert_null (bv_bbb_version_get_bbb_version (v));
    g_assert_false (bv_bbb_version_is_load_balancer (v));
    g_assert_false (bv_bbb_version_supports_role (v));
    text = bv_bbb_version_describe (v);
    g_assert_cmpstr (text, ==, "BigBlueButton (API 2.0)");
    g_clear_pointer (&text, g_free);
  }

  {
    /* pre-release suffix; field order and whitespace do not matter */
    const char *xml = "<response>\n  <bbbVersion> 2.7.0-beta </bbbVersion>\n"
                      "  <apiVersion>2.0</apiVersion><version>2.0</version>\n"
                      "  <returncode>SUCCESS</returncode><graphqlApiUrl/></response>";
    g_autoptr(BvBbbVersion) v = bv_bbb_parse_version (STR_ARGS (xml), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (bv_bbb_version_get_bbb_version (v), ==, "2.7.0-beta");
    g_assert_true (bv_bbb_version_at_least (v, 2, 7));
    g_assert_true (bv_bbb_version_supports_pagination (v));
  }

  {
    /* two-digit minor: 2.10 is newer than 2.9 */
    g_autoptr(BvBbbVersion) v = _bv_bbb_version_new ("2.0", "2.10.1", NULL);
    g_assert_true (bv_bbb_version_at_least (v, 2, 9));
    g_assert_false (bv_bbb_version_is_load_balancer (v));
  }

  {
    /* something that is not a version number counts as old */
    g_autoptr(BvBbbVersion) v = _bv_bbb_version_new ("2.0", "unknown", NULL);
    g_assert_false (bv_bbb_version_at_least (v, 2, 0));
  }

  {
    /* a SUCCESS without <version> is no version answer */
    const char *xml = "<response><returncode>SUCCESS</returncode></response>";
    g_autoptr(BvBbbVersion) v = bv_bbb_parse_version (STR_ARGS (xml), &error);
    g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_BBB);
    g_assert_null (v);
  }
}

/* ------------------------------------------------------------------------
 * Meetings
 * ------------------------------------------------------------------------ */

static void
test_meeting_create_duplicate (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("create_duplicateWarning.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbMeeting) m = bv_bbb_parse_meeting (BYTES_ARGS (bytes), &error);

  g_assert_no_error (error);
  g_assert_true (bv_bbb_meeting_is_duplicate (m));
  g_assert_cmpstr (bv_bbb_meeting_get_meeting_id (m), ==, "random-1665177");
  g_assert_cmpstr (bv_bbb_meeting_get_internal_meeting_id (m), ==,
                   "1a6938c707cdf5d052958672d66c219c30690c47-1524212045514");
  g_assert_null (bv_bbb_meeting_get_name (m));
  /* "bbb-none" marks an ordinary meeting */
  g_assert_null (bv_bbb_meeting_get_parent_meeting_id (m));
  g_assert_cmpstr (bv_bbb_meeting_get_attendee_password (m), ==, "tK6J5cJv3hMLNx5IBePa");
  g_assert_cmpstr (bv_bbb_meeting_get_moderator_password (m), ==, "34Heu0uiZYqCZXX9C4m2");
  g_assert_cmpint (bv_bbb_meeting_get_create_time (m), ==, G_GINT64_CONSTANT (1453283819419));
  g_assert_cmpstr (bv_bbb_meeting_get_voice_bridge (m), ==, "76286");
  g_assert_cmpstr (bv_bbb_meeting_get_dial_number (m), ==, "613-555-1234");
  g_assert_false (bv_bbb_meeting_has_user_joined (m));
  g_assert_false (bv_bbb_meeting_has_been_forcibly_ended (m));
  g_assert_false (bv_bbb_meeting_is_running (m));
  g_assert_false (bv_bbb_meeting_is_breakout (m));
  g_assert_cmpuint (g_list_model_get_n_items (bv_bbb_meeting_get_attendees (m)), ==, 0);
  g_assert_cmpuint (g_hash_table_size (bv_bbb_meeting_get_metadata (m)), ==, 0);
  g_assert_null (bv_bbb_meeting_get_breakout_rooms (m)[0]);
}

static void
test_meeting_create_plain (void)
{
  /* as bbb-web sends it: one line, no declaration */
  const char *xml =
    "<response><returncode>SUCCESS</returncode><meetingID>vorstand</meetingID>"
    "<internalMeetingID>640ab2bae07bedc4c163f679a746f7ab7fb5d1fa-1531155809613</internalMeetingID>"
    "<parentMeetingID>bbb-none</parentMeetingID><attendeePW>ap</attendeePW><moderatorPW>mp</moderatorPW>"
    "<createTime>1531155809613</createTime><voiceBridge>70757</voiceBridge>"
    "<dialNumber>613-555-1234</dialNumber><createDate>Mon Jul 09 17:03:29 UTC 2018</createDate>"
    "<hasUserJoined>false</hasUserJoined><duration>0</duration>"
    "<hasBeenForciblyEnded>false</hasBeenForciblyEnded><messageKey></messageKey><message></message>"
    "</response>";
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbMeeting) m = bv_bbb_parse_meeting (STR_ARGS (xml), &error);

  g_assert_no_error (error);
  g_assert_false (bv_bbb_meeting_is_duplicate (m));
  g_assert_cmpstr (bv_bbb_meeting_get_meeting_id (m), ==, "vorstand");
  g_assert_cmpint (bv_bbb_meeting_get_create_time (m), ==, G_GINT64_CONSTANT (1531155809613));
}

static void
test_meeting_id_not_unique (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("create_idNotUnique_error.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbMeeting) m = bv_bbb_parse_meeting (BYTES_ARGS (bytes), &error);

  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_ID_NOT_UNIQUE);
  g_assert_null (m);
  g_assert_null (strstr (error->message, "meeting ID.  Please"));
}

static void
test_meeting_with_attendees (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("getMeetingInfo_with_attendees.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbMeeting) m = bv_bbb_parse_meeting (BYTES_ARGS (bytes), &error);
  g_autofree char *prop_name = NULL;
  gboolean prop_running = FALSE;
  guint prop_count = 0;
  gint64 prop_start = 0;
  GListModel *attendees;
  GHashTable *metadata;
  BvBbbAttendee *a;

  g_assert_no_error (error);
  g_assert_false (bv_bbb_meeting_is_duplicate (m));
  g_assert_cmpstr (bv_bbb_meeting_get_name (m), ==, "Mock meeting for testing getMeetingInfo API method");
  g_assert_cmpstr (bv_bbb_meeting_get_meeting_id (m), ==, "117b12ae2656972d330b6bad58878541-28-15");
  g_assert_cmpstr (bv_bbb_meeting_get_internal_meeting_id (m), ==,
                   "178757fcedd9449054536162cdfe861ddebc70ba-1453206317376");
  g_assert_cmpint (bv_bbb_meeting_get_create_time (m), ==, G_GINT64_CONSTANT (1453206317376));
  g_assert_cmpint (bv_bbb_meeting_get_start_time (m), ==, G_GINT64_CONSTANT (1453206317380));
  g_assert_cmpint (bv_bbb_meeting_get_end_time (m), ==, G_GINT64_CONSTANT (1453206325002));
  g_assert_cmpstr (bv_bbb_meeting_get_voice_bridge (m), ==, "70100");
  g_assert_cmpstr (bv_bbb_meeting_get_attendee_password (m), ==, "dbfc7207321527bbb870c82028");
  g_assert_cmpstr (bv_bbb_meeting_get_moderator_password (m), ==, "4bfbbeeb4a65cacaefe3676633");
  g_assert_true (bv_bbb_meeting_is_running (m));
  g_assert_true (bv_bbb_meeting_is_recording (m));
  g_assert_true (bv_bbb_meeting_has_user_joined (m));
  g_assert_false (bv_bbb_meeting_has_been_forcibly_ended (m));
  g_assert_cmpuint (bv_bbb_meeting_get_participant_count (m), ==, 2);
  g_assert_cmpuint (bv_bbb_meeting_get_listener_count (m), ==, 1);
  g_assert_cmpuint (bv_bbb_meeting_get_voice_participant_count (m), ==, 2);
  g_assert_cmpuint (bv_bbb_meeting_get_video_count (m), ==, 1);
  g_assert_cmpuint (bv_bbb_meeting_get_max_users (m), ==, 20);
  g_assert_cmpuint (bv_bbb_meeting_get_moderator_count (m), ==, 2);
  g_assert_false (bv_bbb_meeting_is_breakout (m));
  g_assert_null (bv_bbb_meeting_get_parent_meeting_id (m));
  g_assert_cmpuint (bv_bbb_meeting_get_sequence (m), ==, 0);

  attendees = bv_bbb_meeting_get_attendees (m);
  g_assert_true (g_list_model_get_item_type (attendees) == BV_TYPE_BBB_ATTENDEE);
  g_assert_cmpuint (g_list_model_get_n_items (attendees), ==, 4);
  /* the same model on every call */
  g_assert_true (attendees == bv_bbb_meeting_get_attendees (m));

  a = model_item (attendees, 0);
  g_assert_cmpstr (bv_bbb_attendee_get_user_id (a), ==, "amslzbgzzddp");
  g_assert_cmpstr (bv_bbb_attendee_get_full_name (a), ==, "Ernie Abernathy");
  g_assert_true (bv_bbb_attendee_is_moderator (a));
  g_assert_true (bv_bbb_attendee_is_presenter (a));
  g_assert_false (bv_bbb_attendee_is_listening_only (a));
  g_assert_true (bv_bbb_attendee_has_joined_voice (a));
  g_assert_true (bv_bbb_attendee_has_video (a));
  g_assert_cmpstr (bv_bbb_attendee_get_client_type (a), ==, "HTML5");

  a = model_item (attendees, 1);
  g_assert_cmpstr (bv_bbb_attendee_get_full_name (a), ==, "Barrett Kutch");
  g_assert_true (bv_bbb_attendee_is_moderator (a));
  g_assert_false (bv_bbb_attendee_is_presenter (a));
  g_assert_false (bv_bbb_attendee_has_video (a));
  g_assert_cmpstr (bv_bbb_attendee_get_client_type (a), ==, "FLASH");

  a = model_item (attendees, 2);
  g_assert_cmpstr (bv_bbb_attendee_get_user_id (a), ==, "srfd2uad4x9s");
  g_assert_cmpstr (bv_bbb_attendee_get_full_name (a), ==, "Peter Parker");
  g_assert_false (bv_bbb_attendee_is_moderator (a));

  a = model_item (attendees, 3);
  g_assert_cmpstr (bv_bbb_attendee_get_full_name (a), ==, "Bruce Wayne");
  g_assert_false (bv_bbb_attendee_is_moderator (a));
  g_assert_true (bv_bbb_attendee_is_listening_only (a));
  g_assert_false (bv_bbb_attendee_has_joined_voice (a));
  g_assert_false (bv_bbb_attendee_has_video (a));

  metadata = bv_bbb_meeting_get_metadata (m);
  g_assert_cmpuint (g_hash_table_size (metadata), ==, 10);
  g_assert_true (metadata == bv_bbb_meeting_get_metadata (m));
  g_assert_cmpstr (meta (metadata, "bbb-context"), ==, "Best BBB Developers Club");
  g_assert_cmpstr (meta (metadata, "bn-origin"), ==, "Moodle");
  g_assert_cmpstr (meta (metadata, "bn-recording-ready-url"), ==,
                   "http://bigbluebutton.org/moodle/mod/bigbluebuttonbn/bbb_broker.php?action=recording_ready");
  g_assert_cmpstr (meta (metadata, "bbb-recording-name"), ==,
                   "Bigbluebutton \"Mock meeting for testing getMeetingInfo\"");
  g_assert_cmpstr (meta (metadata, "bbb-origin-version"), ==, "3.0.2 (Build: 20160111)");
  g_assert_cmpstr (meta (metadata, "bbb-recording-tags"), ==, "");

  /* what a list row binds to */
  g_object_get (m,
                "name", &prop_name,
                "running", &prop_running,
                "participant-count", &prop_count,
                "start-time", &prop_start,
                NULL);
  g_assert_cmpstr (prop_name, ==, "Mock meeting for testing getMeetingInfo API method");
  g_assert_true (prop_running);
  g_assert_cmpuint (prop_count, ==, 2);
  g_assert_cmpint (prop_start, ==, G_GINT64_CONSTANT (1453206317380));
}

static void
test_meeting_breakout_flat (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("getMeetingInfo_is_breakout_room.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbMeeting) m = bv_bbb_parse_meeting (BYTES_ARGS (bytes), &error);

  g_assert_no_error (error);
  g_assert_true (bv_bbb_meeting_is_breakout (m));
  g_assert_cmpstr (bv_bbb_meeting_get_parent_meeting_id (m), ==, "ParentMeetingId");
  g_assert_cmpuint (bv_bbb_meeting_get_sequence (m), ==, 1);
  g_assert_false (bv_bbb_meeting_is_free_join (m));
  g_assert_null (bv_bbb_meeting_get_breakout_rooms (m)[0]);
  g_assert_cmpuint (g_list_model_get_n_items (bv_bbb_meeting_get_attendees (m)), ==, 4);
  g_assert_cmpstr (meta (bv_bbb_meeting_get_metadata (m), "bbb-context"), ==, "Best BBB Developers Club");
}

static void
test_meeting_breakout_wrapped (void)
{
  /* the form the official documentation shows */
  const char *xml =
    "<response><returncode>SUCCESS</returncode><meetingName>Gruppe 2</meetingName>"
    "<meetingID>8f1c-2</meetingID><internalMeetingID>5e2d-1700000000002</internalMeetingID>"
    "<isBreakout>true</isBreakout><breakout><parentMeetingID>5e2d-1700000000000</parentMeetingID>"
    "<sequence>2</sequence><freeJoin>true</freeJoin></breakout><running>true</running></response>";
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbMeeting) m = bv_bbb_parse_meeting (STR_ARGS (xml), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (bv_bbb_meeting_get_name (m), ==, "Gruppe 2");
  g_assert_true (bv_bbb_meeting_is_breakout (m));
  g_assert_cmpstr (bv_bbb_meeting_get_parent_meeting_id (m), ==, "5e2d-1700000000000");
  g_assert_cmpuint (bv_bbb_meeting_get_sequence (m), ==, 2);
  g_assert_true (bv_bbb_meeting_is_free_join (m));
  g_assert_true (bv_bbb_meeting_is_running (m));
}

static void
test_meeting_breakout_parent (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("getMeetingInfo_parent_with_breakoutRooms.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbMeeting) m = bv_bbb_parse_meeting (BYTES_ARGS (bytes), &error);
  const char * const *rooms;

  g_assert_no_error (error);
  g_assert_false (bv_bbb_meeting_is_breakout (m));
  g_assert_null (bv_bbb_meeting_get_parent_meeting_id (m));
  rooms = bv_bbb_meeting_get_breakout_rooms (m);
  g_assert_cmpuint (g_strv_length ((char **) rooms), ==, 3);
  g_assert_cmpstr (rooms[0], ==, "breakout-room-id-1");
  g_assert_cmpstr (rooms[2], ==, "breakout-room-id-3");
  g_assert_cmpstr (meta (bv_bbb_meeting_get_metadata (m), "presenter"), ==, "Prof. Maud Corkery II");
}

static void
check_three_meetings (GListModel *list)
{
  BvBbbMeeting *m;
  GHashTable *metadata;
  const char * const *rooms;

  g_assert_true (g_list_model_get_item_type (list) == BV_TYPE_BBB_MEETING);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);

  m = model_item (list, 0);
  g_assert_cmpstr (bv_bbb_meeting_get_name (m), ==, "Prof. Josie Reichert IV");
  g_assert_cmpstr (bv_bbb_meeting_get_meeting_id (m), ==, "5cf490a7-2c9a-3571-a48c-134ef58d47c2");
  g_assert_cmpstr (bv_bbb_meeting_get_attendee_password (m), ==, "=g.TrpDM=xB.oOW5h|m");
  g_assert_cmpstr (bv_bbb_meeting_get_moderator_password (m), ==, "$is=CM}xF;108o!Jqd");
  g_assert_cmpstr (bv_bbb_meeting_get_dial_number (m), ==, "(985) 807-9923");
  g_assert_false (bv_bbb_meeting_is_running (m));
  g_assert_true (bv_bbb_meeting_is_recording (m));
  g_assert_cmpint (bv_bbb_meeting_get_start_time (m), ==, G_GINT64_CONSTANT (1554729625807));
  g_assert_cmpint (bv_bbb_meeting_get_end_time (m), ==, 0);
  g_assert_cmpuint (bv_bbb_meeting_get_max_users (m), ==, 14);
  g_assert_cmpuint (g_list_model_get_n_items (bv_bbb_meeting_get_attendees (m)), ==, 0);
  metadata = bv_bbb_meeting_get_metadata (m);
  g_assert_cmpuint (g_hash_table_size (metadata), ==, 2);
  g_assert_cmpstr (meta (metadata, "presenter"), ==, "Alessandra Funk");
  g_assert_false (bv_bbb_meeting_is_breakout (m));

  m = model_item (list, 1);
  g_assert_cmpstr (bv_bbb_meeting_get_name (m), ==, "Barbara Schiller");
  g_assert_cmpstr (bv_bbb_meeting_get_moderator_password (m), ==, "03_bF+p+Fjm|M3");
  g_assert_true (bv_bbb_meeting_is_breakout (m));
  g_assert_cmpstr (bv_bbb_meeting_get_parent_meeting_id (m), ==, "ParentMeetingId");
  g_assert_cmpuint (bv_bbb_meeting_get_sequence (m), ==, 1);
  g_assert_false (bv_bbb_meeting_is_free_join (m));

  m = model_item (list, 2);
  g_assert_cmpstr (bv_bbb_meeting_get_name (m), ==, "Marty Lueilwitz");
  g_assert_cmpstr (bv_bbb_meeting_get_moderator_password (m), ==, "n:\"zWc##Bi.y,d^s,mMF");
  g_assert_true (bv_bbb_meeting_is_running (m));
  g_assert_cmpuint (bv_bbb_meeting_get_participant_count (m), ==, 5);
  g_assert_cmpuint (bv_bbb_meeting_get_listener_count (m), ==, 2);
  g_assert_cmpuint (bv_bbb_meeting_get_video_count (m), ==, 3);
  rooms = bv_bbb_meeting_get_breakout_rooms (m);
  g_assert_cmpuint (g_strv_length ((char **) rooms), ==, 3);
  g_assert_cmpstr (rooms[1], ==, "breakout-room-id-2");
}

static void
test_meetings_three (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("getMeetings_three_incl_breakout_and_metadata.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = bv_bbb_parse_meetings (BYTES_ARGS (bytes), &error);
  g_autofree char *compressed = compress_xml (bytes);
  g_autoptr(GListModel) list2 = NULL;

  g_assert_no_error (error);
  check_three_meetings (list);

  g_assert_null (strchr (compressed, '\n'));
  list2 = bv_bbb_parse_meetings (STR_ARGS (compressed), &error);
  g_assert_no_error (error);
  check_three_meetings (list2);
}

static void
test_meetings_legacy (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("getMeetings_legacy_2018.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = bv_bbb_parse_meetings (BYTES_ARGS (bytes), &error);
  BvBbbMeeting *m;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);

  m = model_item (list, 0);
  g_assert_cmpstr (bv_bbb_meeting_get_meeting_id (m), ==, "Demo Meeting");
  g_assert_cmpstr (bv_bbb_meeting_get_name (m), ==, "Demo Meeting");
  g_assert_cmpint (bv_bbb_meeting_get_create_time (m), ==, G_GINT64_CONSTANT (1453177310703));
  g_assert_true (bv_bbb_meeting_is_running (m));
  g_assert_cmpuint (bv_bbb_meeting_get_moderator_count (m), ==, 1);
  /* not sent by 2.0-era servers */
  g_assert_cmpuint (bv_bbb_meeting_get_max_users (m), ==, 0);
  g_assert_cmpuint (g_hash_table_size (bv_bbb_meeting_get_metadata (m)), ==, 0);

  m = model_item (list, 1);
  g_assert_cmpstr (bv_bbb_meeting_get_meeting_id (m), ==, "Test Meeting");
  g_assert_false (bv_bbb_meeting_is_running (m));
  g_assert_true (bv_bbb_meeting_has_user_joined (m));

  m = model_item (list, 2);
  g_assert_cmpuint (bv_bbb_meeting_get_participant_count (m), ==, 5);
}

static void
test_meetings_none (void)
{
  g_autoptr(GError) error = NULL;

  {
    const char *xml = "<response><returncode>SUCCESS</returncode><meetings/>"
                      "<messageKey>noMeetings</messageKey>"
                      "<message>no meetings were found on this server</message></response>";
    g_autoptr(GListModel) list = bv_bbb_parse_meetings (STR_ARGS (xml), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  }

  {
    /* noMeetings without the empty element */
    const char *xml = "<response><returncode>SUCCESS</returncode>"
                      "<messageKey>noMeetings</messageKey></response>";
    g_autoptr(GListModel) list = bv_bbb_parse_meetings (STR_ARGS (xml), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  }

  {
    /* a SUCCESS without meetings and without noMeetings is another call's answer */
    const char *xml = "<response><returncode>SUCCESS</returncode><running>true</running></response>";
    g_autoptr(GListModel) list = bv_bbb_parse_meetings (STR_ARGS (xml), &error);
    g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_BBB);
    g_assert_null (list);
  }
}

static void
test_meeting_names (void)
{
  /* CDATA, Cyrillic, umlauts, entities and characters that need escaping */
  const char *xml =
    "<response><returncode>SUCCESS</returncode>"
    "<meetingName><![CDATA[Vorstandssitzung <Grün> & Söhne]]></meetingName>"
    "<meetingID>Встреча-1</meetingID><attendeePW>a&amp;b&lt;c&#x27;</attendeePW>"
    "<attendees><attendee><userID>w_1</userID><fullName>Jürgen Müller</fullName><role>MODERATOR</role></attendee>"
    "<attendee><userID>w_2</userID><fullName><![CDATA[Анна Петрова]]></fullName><role>VIEWER</role></attendee>"
    "<attendee><fullName>ohne Rolle</fullName></attendee></attendees>"
    "<metadata><bbb-origin>greenlight</bbb-origin><gl-listed>false</gl-listed>"
    "<beschreibung><![CDATA[Übung für Ärzte]]></beschreibung></metadata></response>";
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbMeeting) m = bv_bbb_parse_meeting (STR_ARGS (xml), &error);
  GListModel *attendees;
  GHashTable *metadata;
  BvBbbAttendee *a;

  g_assert_no_error (error);
  g_assert_cmpstr (bv_bbb_meeting_get_name (m), ==, "Vorstandssitzung <Grün> & Söhne");
  g_assert_cmpstr (bv_bbb_meeting_get_meeting_id (m), ==, "Встреча-1");
  g_assert_cmpstr (bv_bbb_meeting_get_attendee_password (m), ==, "a&b<c'");
  /* missing optional fields */
  g_assert_null (bv_bbb_meeting_get_internal_meeting_id (m));
  g_assert_null (bv_bbb_meeting_get_moderator_password (m));
  g_assert_cmpint (bv_bbb_meeting_get_create_time (m), ==, 0);
  g_assert_false (bv_bbb_meeting_is_running (m));

  attendees = bv_bbb_meeting_get_attendees (m);
  g_assert_cmpuint (g_list_model_get_n_items (attendees), ==, 3);
  a = model_item (attendees, 0);
  g_assert_cmpstr (bv_bbb_attendee_get_full_name (a), ==, "Jürgen Müller");
  g_assert_true (bv_bbb_attendee_is_moderator (a));
  a = model_item (attendees, 1);
  g_assert_cmpstr (bv_bbb_attendee_get_full_name (a), ==, "Анна Петрова");
  g_assert_false (bv_bbb_attendee_is_moderator (a));
  a = model_item (attendees, 2);
  g_assert_null (bv_bbb_attendee_get_user_id (a));
  g_assert_null (bv_bbb_attendee_get_client_type (a));
  g_assert_false (bv_bbb_attendee_is_moderator (a));

  metadata = bv_bbb_meeting_get_metadata (m);
  g_assert_cmpuint (g_hash_table_size (metadata), ==, 3);
  g_assert_cmpstr (meta (metadata, "bbb-origin"), ==, "greenlight");
  g_assert_cmpstr (meta (metadata, "gl-listed"), ==, "false");
  g_assert_cmpstr (meta (metadata, "beschreibung"), ==, "Übung für Ärzte");
}

static void
test_meeting_latin1 (void)
{
  /* declared encodings are converted to UTF-8 */
  const char xml[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
                     "<response><returncode>SUCCESS</returncode><meetingID>m</meetingID>"
                     "<meetingName>M\xfcller</meetingName></response>";
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbMeeting) m = bv_bbb_parse_meeting (xml, sizeof xml - 1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (bv_bbb_meeting_get_name (m), ==, "Müller");
}

static void
test_meeting_bad_utf8 (void)
{
  /* what the UI is given must be valid UTF-8 */
  const char xml[] = "<response><returncode>SUCCESS</returncode><meetingID>m</meetingID>"
                     "<meetingName>M\xfcller</meetingName></response>";

  assert_all_parsers_fail (xml, sizeof xml - 1, BV_BBB_ERROR_NOT_XML);
}

static void
test_meeting_unknown_elements (void)
{
  /* newer servers add fields; order does not matter */
  const char *xml =
    "<response><futureFlag>yes</futureFlag><meetingID>m-1</meetingID>"
    "<nested><meetingID>not this one</meetingID><deep><x/></deep></nested>"
    "<running>true</running><returncode>SUCCESS</returncode>"
    "<participantCount>-3</participantCount><videoCount>99999999999</videoCount>"
    "<createTime>abc</createTime><running2>false</running2>"
    "<attendees><attendee><userID>u</userID><role>MODERATOR</role><extra><a>b</a></extra></attendee>"
    "<somethingElse/></attendees></response>";
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbMeeting) m = bv_bbb_parse_meeting (STR_ARGS (xml), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (bv_bbb_meeting_get_meeting_id (m), ==, "m-1");
  g_assert_true (bv_bbb_meeting_is_running (m));
  g_assert_cmpuint (bv_bbb_meeting_get_participant_count (m), ==, 0);
  g_assert_cmpuint (bv_bbb_meeting_get_video_count (m), ==, G_MAXUINT);
  g_assert_cmpint (bv_bbb_meeting_get_create_time (m), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (bv_bbb_meeting_get_attendees (m)), ==, 1);
}

static void
test_meeting_not_a_meeting (void)
{
  /* isMeetingRunning's answer handed to the meeting parser */
  g_autoptr(GBytes) bytes = load_fixture ("isMeetingRunning_true.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbMeeting) m = bv_bbb_parse_meeting (BYTES_ARGS (bytes), &error);

  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_BBB);
  g_assert_null (m);
}

/* ------------------------------------------------------------------------
 * Recordings
 * ------------------------------------------------------------------------ */

static void
check_multiple_formats (GListModel *list)
{
  BvBbbRecording *r;
  BvBbbRecordingFormat *f;
  GListModel *formats;
  GHashTable *metadata;
  const char * const *previews;
  g_autofree char *prop_name = NULL;
  g_autofree char *prop_state = NULL;
  guint prop_participants = 0;
  gint64 prop_start = 0;

  g_assert_true (g_list_model_get_item_type (list) == BV_TYPE_BBB_RECORDING);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 6);

  r = model_item (list, 0);
  g_assert_cmpstr (bv_bbb_recording_get_record_id (r), ==,
                   "f71d810b6e90a4a34ae02b8c7143e8733178578e-1462807897120");
  g_assert_cmpstr (bv_bbb_recording_get_meeting_id (r), ==,
                   "9d287cf50490ca856ca5273bd303a7e321df6051-4-119[0]");
  g_assert_null (bv_bbb_recording_get_internal_meeting_id (r));
  g_assert_cmpstr (bv_bbb_recording_get_name (r), ==, "SAT- Writing-Humanities (All participants)");
  g_assert_cmpstr (bv_bbb_recording_get_state (r), ==, "published");
  g_assert_true (bv_bbb_recording_is_published (r));
  g_assert_false (bv_bbb_recording_is_breakout (r));
  g_assert_false (bv_bbb_recording_is_protected (r));
  g_assert_cmpint (bv_bbb_recording_get_start_time (r), ==, G_GINT64_CONSTANT (1462807897120));
  g_assert_cmpint (bv_bbb_recording_get_end_time (r), ==, G_GINT64_CONSTANT (1462812873004));
  g_assert_cmpuint (bv_bbb_recording_get_participants (r), ==, 0);

  metadata = bv_bbb_recording_get_metadata (r);
  g_assert_cmpuint (g_hash_table_size (metadata), ==, 9);
  g_assert_cmpstr (meta (metadata, "bbb-context"), ==, "SAT Score Booster Program-Main");
  g_assert_cmpstr (meta (metadata, "bbb-origin-version"), ==, "2.7.7+ (Build: 20150319)");
  g_assert_cmpstr (meta (metadata, "bbb-origin-server-name"), ==, "planetinteractive.us");
  g_assert_cmpstr (meta (metadata, "bbb-recording-description"), ==, "");

  formats = bv_bbb_recording_get_formats (r);
  g_assert_true (g_list_model_get_item_type (formats) == BV_TYPE_BBB_RECORDING_FORMAT);
  g_assert_cmpuint (g_list_model_get_n_items (formats), ==, 2);
  g_assert_true (formats == bv_bbb_recording_get_formats (r));

  f = model_item (formats, 0);
  g_assert_cmpstr (bv_bbb_recording_format_get_format_type (f), ==, "podcast");
  g_assert_cmpstr (bv_bbb_recording_format_get_url (f), ==,
                   "https://test-install.blindsidenetworks.com/podcast/"
                   "f71d810b6e90a4a34ae02b8c7143e8733178578e-1462807897120/audio.ogg");
  g_assert_cmpuint (bv_bbb_recording_format_get_processing_time (f), ==, 111);
  g_assert_cmpuint (bv_bbb_recording_format_get_length (f), ==, 632);
  g_assert_null (bv_bbb_recording_format_get_previews (f)[0]);

  f = model_item (formats, 1);
  g_assert_cmpstr (bv_bbb_recording_format_get_format_type (f), ==, "presentation");
  g_assert_true (g_str_has_suffix (bv_bbb_recording_format_get_url (f),
                                   "playback.html?meetingId=f71d810b6e90a4a34ae02b8c7143e8733178578e-1462807897120"));
  g_assert_cmpuint (bv_bbb_recording_format_get_processing_time (f), ==, 2973);
  g_assert_cmpuint (bv_bbb_recording_format_get_length (f), ==, 532);
  previews = bv_bbb_recording_format_get_previews (f);
  g_assert_cmpuint (g_strv_length ((char **) previews), ==, 2);
  g_assert_true (g_str_has_prefix (previews[0], "https://test-install.blindsidenetworks.com/presentation/"));
  g_assert_true (g_str_has_suffix (previews[0], "/thumbnails/thumb-1.png"));
  g_assert_true (g_str_has_suffix (previews[1], "/thumbnails/thumb-2.png"));

  r = model_item (list, 1);
  g_assert_cmpstr (bv_bbb_recording_get_name (r), ==, "SAT- Quadratic Equations (All participants)");
  formats = bv_bbb_recording_get_formats (r);
  g_assert_cmpuint (g_list_model_get_n_items (formats), ==, 1);
  f = model_item (formats, 0);
  g_assert_cmpuint (bv_bbb_recording_format_get_length (f), ==, 126);
  g_assert_cmpuint (bv_bbb_recording_format_get_processing_time (f), ==, 0);

  /* CDATA after whitespace inside the element */
  r = model_item (list, 2);
  g_assert_cmpstr (meta (bv_bbb_recording_get_metadata (r), "bbb-recording-name"), ==,
                   "SAT- Polynomials and Inequalities (All participants)");

  r = model_item (list, 4);
  g_assert_cmpstr (bv_bbb_recording_get_internal_meeting_id (r), ==,
                   "f71d810b6e90a4a34ae02b8c7143e8733178578e-1462980100026");
  g_assert_cmpuint (bv_bbb_recording_get_participants (r), ==, 6);
  g_object_get (r,
                "name", &prop_name,
                "state", &prop_state,
                "participants", &prop_participants,
                "start-time", &prop_start,
                NULL);
  g_assert_cmpstr (prop_name, ==, "SAT- Writing Section- Social Science and History (All participants)");
  g_assert_cmpstr (prop_state, ==, "published");
  g_assert_cmpuint (prop_participants, ==, 6);
  g_assert_cmpint (prop_start, ==, G_GINT64_CONSTANT (1462980100026));

  r = model_item (list, 5);
  g_assert_cmpstr (bv_bbb_recording_get_record_id (r), ==,
                   "f71d810b6e90a4a34ae02b8c7143e8733178578e-1462894360422");
  g_assert_cmpint (bv_bbb_recording_get_end_time (r), ==, G_GINT64_CONSTANT (1462899112563));
}

static void
test_recordings_multiple_formats (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("getRecordings_multiple_formats.xml");
  g_autoptr(GError) error = NULL;
  gint64 total = 0;
  g_autoptr(GListModel) list = bv_bbb_parse_recordings (BYTES_ARGS (bytes), &total, &error);
  g_autofree char *compressed = compress_xml (bytes);
  g_autoptr(GListModel) list2 = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (total, ==, -1);
  check_multiple_formats (list);

  /* the same answer as bbb-web really sends it */
  g_assert_null (strchr (compressed, '\n'));
  list2 = bv_bbb_parse_recordings (STR_ARGS (compressed), NULL, &error);
  g_assert_no_error (error);
  check_multiple_formats (list2);
}

static void
test_recordings_empty (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("getRecordings_empty_noRecordings.xml");
  g_autoptr(GError) error = NULL;
  gint64 total = 0;
  g_autoptr(GListModel) list = bv_bbb_parse_recordings (BYTES_ARGS (bytes), &total, &error);

  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (list) == BV_TYPE_BBB_RECORDING);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_cmpint (total, ==, -1);
}

static void
test_recordings_not_found (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("recordings_notFound_error.xml");
  g_autoptr(GError) error = NULL;
  gint64 total = 0;
  g_autoptr(GListModel) list = bv_bbb_parse_recordings (BYTES_ARGS (bytes), &total, &error);

  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_FOUND);
  g_assert_null (list);
  g_assert_cmpint (total, ==, -1);
}

static void
test_recordings_variants (void)
{
  /* one line; Cyrillic and umlaut names; Scalelite's <protected>; a
   * paginating server's <totalElements>; unknown elements; a recording
   * without optional fields; a pre-0.9 recording with <meta> and <link> */
  const char *xml =
    "<response><returncode>SUCCESS</returncode><recordings>"
    "<recording><recordID>r-1</recordID><meetingID>m-1</meetingID>"
    "<internalMeetingID>r-1</internalMeetingID><name><![CDATA[Встреча клуба]]></name>"
    "<isBreakout>false</isBreakout><published>false</published><state>unpublished</state>"
    "<startTime>1700000000000</startTime><endTime>1700003600000</endTime><participants>12</participants>"
    "<rawSize>123</rawSize><protected>true</protected><newThing><a>b</a></newThing>"
    "<metadata><meetingName>Встреча клуба</meetingName><gl-listed>true</gl-listed></metadata>"
    "<playback><format><type>video</type><url>https://lb.example.org/recording/r-1/video</url>"
    "<processingTime>4500</processingTime><length>60</length><size>1</size></format>"
    "<format><type>presentation</type><url>https://lb.example.org/playback/presentation/2.3/r-1</url>"
    "<length>59</length><preview><images><image alt=\"Start\" height=\"136\" width=\"176\">https://lb.example.org/p/1.png</image>"
    "<image>https://lb.example.org/p/2.png</image><image>https://lb.example.org/p/3.png</image>"
    "</images></preview></format>"
    "<format><type>notes</type><url>https://lb.example.org/notes/r-1/notes.pdf</url></format>"
    "<unknownFormatChild/></playback></recording>"
    "<recording><recordID>r-2</recordID><name>Übungsabend Müller &amp; Söhne</name></recording>"
    "<recording><recordID>r-3</recordID><published>true</published>"
    "<meta><meetingName>Alte Aufzeichnung</meetingName></meta>"
    "<playback><format><type>slides</type><link>http://old.example.org/playback/slides/r-3</link>"
    "<length>5</length></format></playback></recording>"
    "</recordings><totalElements>1234</totalElements></response>";
  g_autoptr(GError) error = NULL;
  gint64 total = 0;
  g_autoptr(GListModel) list = bv_bbb_parse_recordings (STR_ARGS (xml), &total, &error);
  BvBbbRecording *r;
  BvBbbRecordingFormat *f;
  GListModel *formats;

  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 1234);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);

  r = model_item (list, 0);
  g_assert_cmpstr (bv_bbb_recording_get_name (r), ==, "Встреча клуба");
  g_assert_cmpstr (bv_bbb_recording_get_state (r), ==, "unpublished");
  g_assert_false (bv_bbb_recording_is_published (r));
  g_assert_true (bv_bbb_recording_is_protected (r));
  g_assert_cmpint (bv_bbb_recording_get_end_time (r) - bv_bbb_recording_get_start_time (r), ==, 3600000);
  g_assert_cmpuint (bv_bbb_recording_get_participants (r), ==, 12);
  g_assert_cmpstr (meta (bv_bbb_recording_get_metadata (r), "meetingName"), ==, "Встреча клуба");
  formats = bv_bbb_recording_get_formats (r);
  g_assert_cmpuint (g_list_model_get_n_items (formats), ==, 3);
  f = model_item (formats, 0);
  g_assert_cmpstr (bv_bbb_recording_format_get_format_type (f), ==, "video");
  g_assert_cmpuint (bv_bbb_recording_format_get_processing_time (f), ==, 4500);
  g_assert_null (bv_bbb_recording_format_get_previews (f)[0]);
  f = model_item (formats, 1);
  g_assert_cmpuint (g_strv_length ((char **) bv_bbb_recording_format_get_previews (f)), ==, 3);
  g_assert_cmpstr (bv_bbb_recording_format_get_previews (f)[2], ==, "https://lb.example.org/p/3.png");
  f = model_item (formats, 2);
  g_assert_cmpstr (bv_bbb_recording_format_get_format_type (f), ==, "notes");
  g_assert_cmpuint (bv_bbb_recording_format_get_length (f), ==, 0);

  r = model_item (list, 1);
  g_assert_cmpstr (bv_bbb_recording_get_name (r), ==, "Übungsabend Müller & Söhne");
  g_assert_null (bv_bbb_recording_get_meeting_id (r));
  g_assert_null (bv_bbb_recording_get_state (r));
  g_assert_false (bv_bbb_recording_is_published (r));
  g_assert_cmpint (bv_bbb_recording_get_start_time (r), ==, 0);
  g_assert_cmpuint (g_hash_table_size (bv_bbb_recording_get_metadata (r)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (bv_bbb_recording_get_formats (r)), ==, 0);

  r = model_item (list, 2);
  g_assert_cmpstr (bv_bbb_recording_get_name (r), ==, "Alte Aufzeichnung");
  g_assert_cmpstr (bv_bbb_recording_get_state (r), ==, "published");
  f = model_item (bv_bbb_recording_get_formats (r), 0);
  g_assert_cmpstr (bv_bbb_recording_format_get_format_type (f), ==, "slides");
  g_assert_cmpstr (bv_bbb_recording_format_get_url (f), ==, "http://old.example.org/playback/slides/r-3");
}

static void
test_recordings_double_escaped (void)
{
  /* bbb-web escapes some names twice; the text is shown as sent */
  const char *xml = "<response><returncode>SUCCESS</returncode><recordings><recording>"
                    "<recordID>r</recordID><name>Let&amp;#39;s talk</name></recording></recordings></response>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = bv_bbb_parse_recordings (STR_ARGS (xml), NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (bv_bbb_recording_get_name (model_item (list, 0)), ==, "Let&#39;s talk");
}

/* ------------------------------------------------------------------------
 * isMeetingRunning and plain SUCCESS
 * ------------------------------------------------------------------------ */

static void
test_running (void)
{
  g_autoptr(GError) error = NULL;
  gboolean running = TRUE;

  {
    const char *xml = "<response><returncode>SUCCESS</returncode><running>false</running></response>";
    g_assert_true (bv_bbb_parse_running (STR_ARGS (xml), &running, &error));
    g_assert_no_error (error);
    g_assert_false (running);
  }

  {
    /* only the literal lower-case true counts */
    const char *xml = "<response><returncode>SUCCESS</returncode><running>TRUE</running></response>";
    running = TRUE;
    g_assert_true (bv_bbb_parse_running (STR_ARGS (xml), &running, &error));
    g_assert_false (running);
  }

  {
    const char *xml = "<response><returncode>SUCCESS</returncode></response>";
    g_assert_false (bv_bbb_parse_running (STR_ARGS (xml), &running, &error));
    g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_BBB);
    g_clear_error (&error);
  }

  {
    const char *xml = "<response><returncode>FAILED</returncode>"
                      "<messageKey>checksumError</messageKey>"
                      "<message>Checksums do not match</message></response>";
    g_assert_false (bv_bbb_parse_running (STR_ARGS (xml), &running, &error));
    g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_CHECKSUM);
    g_assert_null (strstr (error->message, "Checksums do not match"));
  }
}

static void
test_success_envelope (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  {
    /* FAILED without a key, and with one nobody knows */
    const char *xml = "<response><returncode>FAILED</returncode></response>";
    g_assert_false (bv_bbb_parse_success (STR_ARGS (xml), &key, &error));
    g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_FAILED);
    g_clear_error (&error);
  }

  {
    const char *xml = "<response><returncode>FAILED</returncode><messageKey>brandNewKey</messageKey></response>";
    g_assert_false (bv_bbb_parse_success (STR_ARGS (xml), &key, &error));
    g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_FAILED);
    g_clear_error (&error);
  }

  {
    const char *xml = "<response><returncode>MAYBE</returncode></response>";
    g_assert_false (bv_bbb_parse_success (STR_ARGS (xml), &key, &error));
    g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_BBB);
    g_clear_error (&error);
  }

  {
    const char *xml = "<response><messageKey>x</messageKey></response>";
    assert_all_parsers_fail (STR_ARGS (xml), BV_BBB_ERROR_NOT_BBB);
  }

  {
    /* guest waiting room: a SUCCESS with a key */
    const char *xml = "<response><returncode>SUCCESS</returncode><messageKey>guestWait</messageKey>"
                      "<guestStatus>WAIT</guestStatus></response>";
    g_assert_true (bv_bbb_parse_success (STR_ARGS (xml), &key, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (key, ==, "guestWait");
    /* message_key may be NULL */
    g_assert_true (bv_bbb_parse_success (STR_ARGS (xml), NULL, &error));
  }
}

/* ------------------------------------------------------------------------
 * Bodies that are no answer at all
 * ------------------------------------------------------------------------ */

static void
test_html_pages (void)
{
  /* nginx's own page is well-formed XML */
  const char *nginx =
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n";
  const char *nginx_fixed =
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr/><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n";
  const char *html5 =
    "<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\">"
    "<title>Wartung</title></head><body><p>Wir sind gleich zurück.</body></html>";
  const char *xhtml =
    "<?xml version=\"1.0\"?><!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
    "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">"
    "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>";
  const char *upper = "<HTML><BODY>Service Unavailable</BODY></HTML>";

  assert_all_parsers_fail (STR_ARGS (nginx), BV_BBB_ERROR_NOT_XML);
  assert_all_parsers_fail (STR_ARGS (nginx_fixed), BV_BBB_ERROR_NOT_XML);
  assert_all_parsers_fail (STR_ARGS (html5), BV_BBB_ERROR_NOT_XML);
  assert_all_parsers_fail (STR_ARGS (xhtml), BV_BBB_ERROR_NOT_XML);
  assert_all_parsers_fail (STR_ARGS (upper), BV_BBB_ERROR_NOT_XML);
}

static void
test_empty_and_garbage (void)
{
  assert_all_parsers_fail (NULL, 0, BV_BBB_ERROR_NOT_XML);
  assert_all_parsers_fail ("", 0, BV_BBB_ERROR_NOT_XML);
  assert_all_parsers_fail (STR_ARGS ("   \r\n"), BV_BBB_ERROR_NOT_XML);
  assert_all_parsers_fail (STR_ARGS ("{\"response\":{\"returncode\":\"SUCCESS\"}}"), BV_BBB_ERROR_NOT_XML);
  assert_all_parsers_fail (STR_ARGS ("SUCCESS"), BV_BBB_ERROR_NOT_XML);
  /* a NUL byte inside the body */
  {
    static const char with_nul[] = "<response><returncode>SUCCESS\0</returncode></response>";
    assert_all_parsers_fail (with_nul, sizeof with_nul - 1, BV_BBB_ERROR_NOT_XML);
  }
  /* two roots */
  assert_all_parsers_fail (STR_ARGS ("<response><returncode>SUCCESS</returncode></response><response/>"),
                           BV_BBB_ERROR_NOT_XML);
}

static void
test_truncated (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("getRecordings_multiple_formats.xml");
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  /* a connection that broke off, at several points */
  assert_all_parsers_fail (data, length / 2, BV_BBB_ERROR_NOT_XML);
  assert_all_parsers_fail (data, 20, BV_BBB_ERROR_NOT_XML);
  assert_all_parsers_fail (data, length - 3, BV_BBB_ERROR_NOT_XML);
  assert_all_parsers_fail (STR_ARGS ("<response><returncode>SUCCESS</returncode><running>true</running>"),
                           BV_BBB_ERROR_NOT_XML);
}

static void
test_wrong_root (void)
{
  assert_all_parsers_fail (STR_ARGS ("<error><code>500</code><message>Internal error</message></error>"),
                           BV_BBB_ERROR_NOT_BBB);
  assert_all_parsers_fail (STR_ARGS ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>"),
                           BV_BBB_ERROR_NOT_BBB);
  /* element names are case-sensitive */
  assert_all_parsers_fail (STR_ARGS ("<Response><returncode>SUCCESS</returncode></Response>"),
                           BV_BBB_ERROR_NOT_BBB);
}

/* A listening socket on loopback that nobody should connect to. */
static GSocket *
trap_socket_new (guint16 *port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  g_assert_true (g_socket_listen (socket, &error));
  g_assert_no_error (error);
  g_socket_set_blocking (socket, FALSE);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  return g_steal_pointer (&socket);
}

static void
assert_trap_untouched (GSocket *trap)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) client = g_socket_accept (trap, NULL, &error);

  /* the parser runs synchronously: a fetch would have connected by now */
  g_assert_null (client);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
}

static void
test_external_entity (void)
{
  const char *marker = "SECRET-MARKER-7f3a91";
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = g_dir_make_tmp ("bv-parser-XXXXXX", &error);
  g_autofree char *marker_path = NULL;
  g_autofree char *marker_uri = NULL;
  g_autoptr(GSocket) trap = NULL;
  guint16 port = 0;
  const char *bodies[] = { NULL, NULL, NULL, NULL };

  g_assert_no_error (error);
  marker_path = g_build_filename (tmpdir, "marker.txt", NULL);
  g_assert_true (g_file_set_contents (marker_path, marker, -1, &error));
  marker_uri = g_filename_to_uri (marker_path, NULL, &error);
  g_assert_no_error (error);
  trap = trap_socket_new (&port);

  {
    g_autofree char *file_entity = g_strdup_printf (
      "<?xml version=\"1.0\"?><!DOCTYPE response [<!ENTITY xxe SYSTEM \"%s\">]>"
      "<response><returncode>SUCCESS</returncode><version>&xxe;</version>"
      "<meetingID>&xxe;</meetingID><meetingName>&xxe;</meetingName><running>true</running>"
      "<meetings><meeting><meetingName>&xxe;</meetingName></meeting></meetings>"
      "<recordings><recording><name>&xxe;</name></recording></recordings>"
      "<messageKey>&xxe;</messageKey></response>", marker_uri);
    g_autofree char *net_entity = g_strdup_printf (
      "<!DOCTYPE response [<!ENTITY xxe SYSTEM \"http://127.0.0.1:%u/entity\">]>"
      "<response><returncode>SUCCESS</returncode><version>&xxe;</version>"
      "<meetingID>&xxe;</meetingID><running>true</running><meetings/><recordings/></response>", port);
    g_autofree char *net_dtd = g_strdup_printf (
      "<!DOCTYPE response SYSTEM \"http://127.0.0.1:%u/evil.dtd\">"
      "<response><returncode>SUCCESS</returncode><version>&xxe;</version>"
      "<meetingID>&xxe;</meetingID><running>true</running><meetings/><recordings/></response>", port);
    g_autofree char *param_entity = g_strdup_printf (
      "<!DOCTYPE response [<!ENTITY %% remote SYSTEM \"http://127.0.0.1:%u/p.dtd\"> %%remote;]>"
      "<response><returncode>SUCCESS</returncode><version>2.0</version>"
      "<meetingID>m</meetingID><running>true</running><meetings/><recordings/></response>", port);

    bodies[0] = file_entity;
    bodies[1] = net_entity;
    bodies[2] = net_dtd;
    bodies[3] = param_entity;

    for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
      {
        g_autoptr(BvBbbVersion) v = NULL;
        g_autoptr(BvBbbMeeting) m = NULL;
        g_autoptr(GListModel) meetings = NULL;
        g_autoptr(GListModel) recordings = NULL;
        g_autofree char *key = NULL;
        gboolean running = FALSE;

        g_test_message ("body %u", i);

        /* No BigBlueButton answer has a DOCTYPE: refused before any
         * entity is declared. */
        v = bv_bbb_parse_version (STR_ARGS (bodies[i]), &error);
        g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_BBB);
        g_assert_null (strstr (error->message, marker));
        g_clear_error (&error);

        m = bv_bbb_parse_meeting (STR_ARGS (bodies[i]), &error);
        g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_BBB);
        g_clear_error (&error);

        meetings = bv_bbb_parse_meetings (STR_ARGS (bodies[i]), &error);
        g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_BBB);
        g_clear_error (&error);

        recordings = bv_bbb_parse_recordings (STR_ARGS (bodies[i]), NULL, &error);
        g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_BBB);
        g_clear_error (&error);

        g_assert_false (bv_bbb_parse_running (STR_ARGS (bodies[i]), &running, &error));
        g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_BBB);
        g_clear_error (&error);

        g_assert_false (bv_bbb_parse_success (STR_ARGS (bodies[i]), &key, &error));
        g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_BBB);
        g_assert_null (key);
        g_clear_error (&error);
      }

    assert_trap_untouched (trap);
  }

  {
    /* Without any DOCTYPE an entity reference is undeclared: not
     * well-formed, and nothing is looked up. */
    const char *xml = "<response><returncode>SUCCESS</returncode><version>&xxe;</version></response>";
    assert_all_parsers_fail (STR_ARGS (xml), BV_BBB_ERROR_NOT_XML);
  }

  g_assert_cmpint (g_remove (marker_path), ==, 0);
  g_assert_cmpint (g_rmdir (tmpdir), ==, 0);
}

static void
test_billion_laughs (void)
{
  /* ten levels of ten: 10^9 "lol" if anything expanded it */
  GString *xml = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE response [\n"
                               "<!ENTITY lol0 \"lol\">\n");
  g_autofree char *body = NULL;

  for (guint level = 1; level <= 9; level++)
    {
      g_string_append_printf (xml, "<!ENTITY lol%u \"", level);
      for (guint i = 0; i < 10; i++)
        g_string_append_printf (xml, "&lol%u;", level - 1);
      g_string_append (xml, "\">\n");
    }
  g_string_append (xml, "]>\n<response><returncode>SUCCESS</returncode><version>&lol9;</version>"
                        "<meetingID>&lol9;</meetingID><running>&lol9;</running>"
                        "<meetings><meeting><meetingName>&lol9;</meetingName></meeting></meetings>"
                        "<recordings><recording><name>&lol9;</name></recording></recordings></response>");
  body = g_string_free (xml, FALSE);

  assert_all_parsers_fail (STR_ARGS (body), BV_BBB_ERROR_NOT_BBB);

  {
    /* the same declarations with an HTML document type */
    g_autofree char *html = g_strdup (body);
    memcpy (strstr (html, "response ["), "html     [", 10);
    assert_all_parsers_fail (STR_ARGS (html), BV_BBB_ERROR_NOT_XML);
  }
}

static void
test_too_large (void)
{
  /* calloc'ed pages stay untouched unless the parser reads them, which it
   * must not: the size is checked first. */
  gsize size = BV_BBB_MAX_RESPONSE_SIZE + 1;
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 (size), size);

  assert_all_parsers_fail (BYTES_ARGS (bytes), BV_BBB_ERROR_TOO_LARGE);
}

static void
test_at_size_limit (void)
{
  /* Exactly at the limit is parsed: a valid answer padded with ignored
   * elements (libxml2 limits a single text node to 10 MB). */
  const char *head = "<response><returncode>SUCCESS</returncode><running>true</running>";
  const char *tail = "</response>";
  gsize size = BV_BBB_MAX_RESPONSE_SIZE;
  GString *text = g_string_sized_new (size);
  g_autofree char *pad = g_strnfill (4000, 'x');
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean running = FALSE;

  g_string_append (text, head);
  while (text->len + strlen (tail) + 4000 + 7 < size)
    g_string_append_printf (text, "<p>%s</p>", pad);
  while (text->len + strlen (tail) < size)
    g_string_append_c (text, ' ');
  g_string_append (text, tail);
  g_assert_cmpuint (text->len, ==, size);
  bytes = g_string_free_to_bytes (text);

  g_assert_true (bv_bbb_parse_running (BYTES_ARGS (bytes), &running, &error));
  g_assert_no_error (error);
  g_assert_true (running);
}

/* What bbb-web 2.4–2.6 appends to the logout URL when a join fails. */
static void
test_join_redirect (void)
{
  static const struct { const char *location; int code; } failures[] = {
    { "https://bbb.example.org/?errors=%5B%7B%22key%22%3A%22invalidMeetingIdentifier%22%2C%22message%22%3A%22The+meeting+ID+that+you+supplied+did+not+match+any+existing+meetings%22%7D%5D",
      BV_BBB_ERROR_INVALID_MEETING },
    { "https://verein.example.org/logout?foo=1&errors=%5B%7B%22key%22%3A%22mismatchCreateTimeParam%22%2C%22message%22%3A%22x%22%7D%5D",
      BV_BBB_ERROR_CREATE_TIME_MISMATCH },
    { "https://bbb.example.org/?errors=%5B%7B%22key%22%3A%22maxParticipantsReached%22%2C%22message%22%3A%22full%22%7D%2C%7B%22key%22%3A%22checksumError%22%2C%22message%22%3A%22y%22%7D%5D",
      BV_BBB_ERROR_MAX_PARTICIPANTS },
    { "https://bbb.example.org/?errors=%5B%7B%22key%22%3A%20%22guestDeniedAccess%22%7D%5D",
      BV_BBB_ERROR_GUEST_DENIED },
    { "https://bbb.example.org/?errors=%5B%5D", BV_BBB_ERROR_FAILED },
    { "https://bbb.example.org/?errors=%5B%7B%22key%22%3A%22somethingNew%22%7D%5D", BV_BBB_ERROR_FAILED },
  };
  static const char *joins[] = {
    "https://bbb.example.org/html5client/join?sessionToken=ai1wqj8wb6s7rnk0",
    "https://bbb.example.org/client/BigBlueButton.html",
    "https://bbb.example.org/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (bv_bbb_parse_join_redirect (failures[i].location, &error));
      g_assert_error (error, BV_BBB_ERROR, failures[i].code);
    }

  for (guint i = 0; i < G_N_ELEMENTS (joins); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (bv_bbb_parse_join_redirect (joins[i], &error));
      g_assert_no_error (error);
    }
}

/* Recordings leave the tree while parsing (Scalelite's one big answer);
 * text around them must still be handled safely (found by the fuzzer:
 * libxml2 appended to a stale text node). */
static void
test_recordings_mixed_content (void)
{
  static const char xml[] =
    "<response><returncode>SUCCESS</returncode><recordings>x"
    "<recording><recordID>a1</recordID>"
    "<name>Eine Aufzeichnung mit einem langen Namen, länger als jeder Text zwischen den Aufzeichnungen</name>"
    "</recording>ab"
    "<recording><recordID>b2</recordID><name>Zwei</name></recording>"
    "cd</recordings><totalElements>2</totalElements></response>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(BvBbbRecording) first = NULL;
  g_autoptr(BvBbbRecording) second = NULL;
  gint64 total = 0;

  list = bv_bbb_parse_recordings (xml, strlen (xml), &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_assert_cmpint (total, ==, 2);
  first = g_list_model_get_item (list, 0);
  second = g_list_model_get_item (list, 1);
  g_assert_cmpstr (bv_bbb_recording_get_record_id (first), ==, "a1");
  g_assert_cmpstr (bv_bbb_recording_get_record_id (second), ==, "b2");

  /* <recordings> as the root (found by the fuzzer): no envelope, no crash. */
  {
    static const char rootless[] = "<recordings><recording><recordID>c3</recordID></recording></recordings>";
    g_autoptr(GListModel) none = bv_bbb_parse_recordings (rootless, strlen (rootless), &total, &error);

    g_assert_null (none);
    g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_BBB);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bbb/bbb-parser/fixtures/all-listed", test_fixtures_all_listed);
  g_test_add_func ("/bbb/bbb-parser/fixtures/envelope", test_fixtures_envelope);

  g_test_add_func ("/bbb/bbb-parser/version/bbb30", test_version_bbb30);
  g_test_add_func ("/bbb/bbb-parser/version/bbb24", test_version_bbb24);
  g_test_add_func ("/bbb/bbb-parser/version/legacy", test_version_legacy);
  g_test_add_func ("/bbb/bbb-parser/version/variants", test_version_variants);

  g_test_add_func ("/bbb/bbb-parser/meeting/create-duplicate", test_meeting_create_duplicate);
  g_test_add_func ("/bbb/bbb-parser/meeting/create-plain", test_meeting_create_plain);
  g_test_add_func ("/bbb/bbb-parser/meeting/id-not-unique", test_meeting_id_not_unique);
  g_test_add_func ("/bbb/bbb-parser/meeting/attendees", test_meeting_with_attendees);
  g_test_add_func ("/bbb/bbb-parser/meeting/breakout-flat", test_meeting_breakout_flat);
  g_test_add_func ("/bbb/bbb-parser/meeting/breakout-wrapped", test_meeting_breakout_wrapped);
  g_test_add_func ("/bbb/bbb-parser/meeting/breakout-parent", test_meeting_breakout_parent);
  g_test_add_func ("/bbb/bbb-parser/meeting/names", test_meeting_names);
  g_test_add_func ("/bbb/bbb-parser/meeting/latin1", test_meeting_latin1);
  g_test_add_func ("/bbb/bbb-parser/meeting/bad-utf8", test_meeting_bad_utf8);
  g_test_add_func ("/bbb/bbb-parser/meeting/unknown-elements", test_meeting_unknown_elements);
  g_test_add_func ("/bbb/bbb-parser/meeting/not-a-meeting", test_meeting_not_a_meeting);
  g_test_add_func ("/bbb/bbb-parser/meetings/three", test_meetings_three);
  g_test_add_func ("/bbb/bbb-parser/meetings/legacy", test_meetings_legacy);
  g_test_add_func ("/bbb/bbb-parser/meetings/none", test_meetings_none);

  g_test_add_func ("/bbb/bbb-parser/recordings/multiple-formats", test_recordings_multiple_formats);
  g_test_add_func ("/bbb/bbb-parser/recordings/empty", test_recordings_empty);
  g_test_add_func ("/bbb/bbb-parser/recordings/not-found", test_recordings_not_found);
  g_test_add_func ("/bbb/bbb-parser/recordings/variants", test_recordings_variants);
  g_test_add_func ("/bbb/bbb-parser/recordings/double-escaped", test_recordings_double_escaped);
  g_test_add_func ("/bbb/bbb-parser/recordings/mixed-content", test_recordings_mixed_content);

  g_test_add_func ("/bbb/bbb-parser/running", test_running);
  g_test_add_func ("/bbb/bbb-parser/success", test_success_envelope);

  g_test_add_func ("/bbb/bbb-parser/refuse/html", test_html_pages);
  g_test_add_func ("/bbb/bbb-parser/refuse/empty", test_empty_and_garbage);
  g_test_add_func ("/bbb/bbb-parser/refuse/truncated", test_truncated);
  g_test_add_func ("/bbb/bbb-parser/refuse/wrong-root", test_wrong_root);
  g_test_add_func ("/bbb/bbb-parser/refuse/external-entity", test_external_entity);
  g_test_add_func ("/bbb/bbb-parser/refuse/billion-laughs", test_billion_laughs);
  g_test_add_func ("/bbb/bbb-parser/refuse/too-large", test_too_large);
  g_test_add_func ("/bbb/bbb-parser/size-limit", test_at_size_limit);

  g_test_add_func ("/bbb/bbb-parser/join-redirect", test_join_redirect);

  return g_test_run ();
}
