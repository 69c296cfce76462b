/* test-practice-recordings.c
 *
 * The sample recordings, their playback pages and thumbnails, and
 * publish, delete and update.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "practice-fixture.h"

static xmlNodePtr
recordings_of (Fixture    *f,
               const char *query,
               xmlDocPtr  *doc)
{
  *doc = api (f, "getRecordings", query);
  return child (xmlDocGetRootElement (*doc), "recordings");
}

static char *
first_record_id (Fixture    *f,
                 const char *query)
{
  g_autoptr(xmlDoc) doc = NULL;
  xmlNodePtr recordings = recordings_of (f, query, &doc);

  return text (child (recordings, "recording"), "recordID");
}

static void
test_recordings (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *record_id = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *query = NULL;
  g_autofree char *play = NULL;
  g_autofree char *video = NULL;
  g_autofree char *thumb = NULL;
  g_autofree char *type = NULL;
  xmlNodePtr recordings;
  xmlNodePtr recording;
  xmlNodePtr format;
  guint status = 0;
  const char *base = bv_practice_server_get_api_url (f->server);
  g_autofree char *host = g_strndup (base, strstr (base, "/bigbluebutton") - base);

  recordings = recordings_of (f, "", &doc);
  assert_root_text (doc, "returncode", "SUCCESS");
  assert_root_text (doc, "totalElements", "3");
  g_assert_cmpuint (count_children (recordings, "recording"), ==, 3);
  recording = child (recordings, "recording");
  {
    g_autofree char *name = text (recording, "name");
    g_autofree char *state = text (recording, "state");
    g_autofree char *published = text (recording, "published");
    g_autofree char *meeting_id = text (recording, "meetingID");
    g_autofree char *start = text (recording, "startTime");
    g_autofree char *meeting_name = text (child (recording, "metadata"), "meetingName");
    g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, meeting_id, -1);
    g_autofree char *expected_id = g_strdup_printf ("%s-%s", hash, start);

    g_assert_cmpstr (name, ==, "Vorstandssitzung im Frühjahr");
    g_assert_cmpstr (meeting_name, ==, name);
    g_assert_cmpstr (state, ==, "published");
    g_assert_cmpstr (published, ==, "true");
    record_id = text (recording, "recordID");
    g_assert_cmpstr (record_id, ==, expected_id);
  }

  /* Two formats, the presentation with previews; all on this server. */
  g_assert_cmpuint (count_children (child (recording, "playback"), "format"), ==, 2);
  format = child (child (recording, "playback"), "format");
  {
    g_autofree char *format_type = text (format, "type");
    xmlNodePtr images = child (child (format, "preview"), "images");
    g_autofree char *alt = (char *) xmlGetProp (child (images, "image"), (const xmlChar *) "alt");

    g_assert_cmpstr (format_type, ==, "presentation");
    play = text (format, "url");
    g_assert_cmpuint (count_children (images, "image"), ==, 3);
    thumb = text (images, "image");
    g_assert_cmpstr (alt, ==, "Willkommen");
    video = text (format->next, "url");
  }
  query = g_strdup_printf ("%s/playback/presentation/2.3/%s", host, record_id);
  g_assert_cmpstr (play, ==, query);
  g_clear_pointer (&query, g_free);
  g_assert_true (g_str_has_prefix (thumb, host));
  g_assert_true (g_str_has_prefix (video, host));
  g_clear_pointer (&doc, xmlFreeDoc);

  body = fetch_typed (f, "GET", play, NULL, NULL, &status, &type);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (type, ==, "text/html;charset=utf-8");
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "<html lang=\"de\">"));
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "„Vorstandssitzung im Frühjahr“"));
  g_clear_pointer (&body, g_bytes_unref);
  g_clear_pointer (&type, g_free);
  body = fetch_typed (f, "GET", video, NULL, NULL, &status, NULL);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&body, g_bytes_unref);
  body = fetch_typed (f, "GET", thumb, NULL, NULL, &status, &type);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (type, ==, "image/png");
  g_assert_cmpmem (g_bytes_get_data (body, NULL), 8, "\x89PNG\r\n\x1a\n", 8);
  /* The whole picture (it comes from the practice layer's GResource):
   * 176×136 in the header chunk, and the end chunk last. */
  {
    gsize size;
    const guint8 *png = g_bytes_get_data (body, &size);

    g_assert_cmpuint (size, >, 33);
    g_assert_cmpmem (png + 12, 4, "IHDR", 4);
    /* Width and height, big-endian: 176 = 0xb0, 136 = 0x88. */
    g_assert_cmpmem (png + 16, 8, "\0\0\0\xb0\0\0\0\x88", 8);
    g_assert_cmpmem (png + size - 12, 12, "\0\0\0\0IEND\xae\x42\x60\x82", 12);
  }
  g_clear_pointer (&body, g_bytes_unref);

  /* Filters. */
  recordings_of (f, "state=published", &doc);
  assert_root_text (doc, "totalElements", "2");
  g_clear_pointer (&doc, xmlFreeDoc);
  recordings_of (f, "state=unpublished", &doc);
  assert_root_text (doc, "totalElements", "1");
  g_clear_pointer (&doc, xmlFreeDoc);
  recordings_of (f, "state=any", &doc);
  assert_root_text (doc, "totalElements", "3");
  g_clear_pointer (&doc, xmlFreeDoc);
  recordings_of (f, "meetingID=uebung-kurs-montag%2Cuebung-mitgliederversammlung", &doc);
  assert_root_text (doc, "totalElements", "2");
  g_clear_pointer (&doc, xmlFreeDoc);
  recordings_of (f, "meta_meetingName=Kurs+R%C3%BCckenfit+%E2%80%93+Woche+3", &doc);
  assert_root_text (doc, "totalElements", "1");
  g_clear_pointer (&doc, xmlFreeDoc);

  /* recordID: a prefix is enough, and it wins over meetingID. */
  prefix = g_strndup (record_id, 20);
  query = g_strdup_printf ("recordID=%s&meetingID=uebung-kurs-montag", prefix);
  recordings = recordings_of (f, query, &doc);
  assert_root_text (doc, "totalElements", "1");
  {
    g_autofree char *found = text (child (recordings, "recording"), "recordID");

    g_assert_cmpstr (found, ==, record_id);
  }
  g_clear_pointer (&doc, xmlFreeDoc);
  g_clear_pointer (&query, g_free);

  /* Pagination counts everything that matched. */
  recordings = recordings_of (f, "offset=1&limit=1", &doc);
  assert_root_text (doc, "totalElements", "3");
  g_assert_cmpuint (count_children (recordings, "recording"), ==, 1);
  {
    g_autofree char *name = text (child (recordings, "recording"), "name");

    g_assert_cmpstr (name, ==, "Kurs Rückenfit – Woche 3");
  }
  g_clear_pointer (&doc, xmlFreeDoc);
  recordings = recordings_of (f, "offset=5&limit=100", &doc);
  assert_root_text (doc, "totalElements", "3");
  g_assert_cmpuint (count_children (recordings, "recording"), ==, 0);
  g_clear_pointer (&doc, xmlFreeDoc);

  doc = api (f, "getRecordings", "limit=0");
  assert_answer (doc, "FAILED", "validationError");
  g_clear_pointer (&doc, xmlFreeDoc);
  doc = api (f, "getRecordings", "limit=101");
  assert_answer (doc, "FAILED", "validationError");
  g_clear_pointer (&doc, xmlFreeDoc);
  doc = api (f, "getRecordings", "offset=-1");
  assert_answer (doc, "FAILED", "validationError");
  g_clear_pointer (&doc, xmlFreeDoc);

  recordings = recordings_of (f, "meetingID=gibt-es-nicht", &doc);
  assert_answer (doc, "SUCCESS", "noRecordings");
  assert_root_text (doc, "totalElements", "0");
  g_assert_nonnull (recordings);
  g_assert_null (recordings->children);
}

static void
test_recording_changes (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *record_id = first_record_id (f, "meetingID=uebung-kurs-montag");
  g_autofree char *other_id = first_record_id (f, "meetingID=uebung-vorstandssitzung");
  g_autofree char *query = NULL;
  g_autofree char *play = NULL;
  guint status = 0;

  doc = api (f, "publishRecordings", "publish=true");
  assert_answer (doc, "FAILED", "missingParamRecordID");
  g_clear_pointer (&doc, xmlFreeDoc);

  query = g_strdup_printf ("recordID=%s", record_id);
  doc = api (f, "publishRecordings", query);
  assert_answer (doc, "FAILED", "missingParamPublish");
  g_clear_pointer (&doc, xmlFreeDoc);
  g_clear_pointer (&query, g_free);

  doc = api (f, "publishRecordings", "recordID=gibt-es-nicht&publish=false");
  assert_answer (doc, "FAILED", "notFound");
  g_clear_pointer (&doc, xmlFreeDoc);

  query = g_strdup_printf ("recordID=%s&publish=false", record_id);
  doc = api (f, "publishRecordings", query);
  assert_root_text (doc, "returncode", "SUCCESS");
  assert_root_text (doc, "published", "false");
  g_clear_pointer (&doc, xmlFreeDoc);
  g_clear_pointer (&query, g_free);

  query = g_strdup_printf ("recordID=%s", record_id);
  {
    xmlNodePtr recording = child (recordings_of (f, query, &doc), "recording");
    g_autofree char *state = text (recording, "state");
    g_autofree char *published = text (recording, "published");

    g_assert_cmpstr (state, ==, "unpublished");
    g_assert_cmpstr (published, ==, "false");
    play = text (child (child (recording, "playback"), "format"), "url");
    g_clear_pointer (&doc, xmlFreeDoc);
    g_clear_pointer (&query, g_free);
  }

  /* An unpublished recording cannot be played. */
  body = fetch (f->session, play, &status);
  g_assert_cmpuint (status, ==, 404);
  g_clear_pointer (&body, g_bytes_unref);

  query = g_strdup_printf ("recordID=%s%%2C%s&publish=true", record_id, other_id);
  doc = api (f, "publishRecordings", query);
  assert_root_text (doc, "published", "true");
  g_clear_pointer (&doc, xmlFreeDoc);
  g_clear_pointer (&query, g_free);
  body = fetch (f->session, play, &status);
  g_assert_cmpuint (status, ==, 200);

  /* updateRecordings sets and removes metadata. */
  query = g_strdup_printf ("recordID=%s&meta_Thema=R%%C3%%BCcken&meta_bbb-origin=", record_id);
  doc = api (f, "updateRecordings", query);
  assert_root_text (doc, "returncode", "SUCCESS");
  assert_root_text (doc, "updated", "true");
  g_clear_pointer (&doc, xmlFreeDoc);
  g_clear_pointer (&query, g_free);
  query = g_strdup_printf ("recordID=%s", record_id);
  {
    xmlNodePtr metadata = child (child (recordings_of (f, query, &doc), "recording"), "metadata");
    g_autofree char *topic = text (metadata, "thema");

    g_assert_cmpstr (topic, ==, "Rücken");
    g_assert_null (child (metadata, "bbb-origin"));
    g_clear_pointer (&doc, xmlFreeDoc);
    g_clear_pointer (&query, g_free);
  }
  doc = api (f, "updateRecordings", "recordID=gibt-es-nicht&meta_a=b");
  assert_answer (doc, "FAILED", "notFound");
  g_clear_pointer (&doc, xmlFreeDoc);
  doc = api (f, "updateRecordings", "meta_a=b");
  assert_answer (doc, "FAILED", "missingParamRecordID");
  g_clear_pointer (&doc, xmlFreeDoc);

  /* deleteRecordings. */
  doc = api (f, "deleteRecordings", "recordID=gibt-es-nicht");
  assert_answer (doc, "FAILED", "notFound");
  g_clear_pointer (&doc, xmlFreeDoc);
  doc = api (f, "deleteRecordings", "");
  assert_answer (doc, "FAILED", "missingParamRecordID");
  g_clear_pointer (&doc, xmlFreeDoc);

  query = g_strdup_printf ("recordID=%s", record_id);
  doc = api (f, "deleteRecordings", query);
  assert_root_text (doc, "returncode", "SUCCESS");
  assert_root_text (doc, "deleted", "true");
  g_clear_pointer (&doc, xmlFreeDoc);

  recordings_of (f, query, &doc);
  assert_answer (doc, "SUCCESS", "noRecordings");
  g_clear_pointer (&doc, xmlFreeDoc);
  recordings_of (f, "", &doc);
  assert_root_text (doc, "totalElements", "2");
  g_clear_pointer (&doc, xmlFreeDoc);
  g_clear_pointer (&query, g_free);
  query = g_strdup_printf ("recordID=%s&state=deleted", record_id);
  recordings_of (f, query, &doc);
  assert_root_text (doc, "totalElements", "1");
  g_clear_pointer (&doc, xmlFreeDoc);
  g_clear_pointer (&query, g_free);

  query = g_strdup_printf ("recordID=%s&publish=true", record_id);
  doc = api (f, "publishRecordings", query);
  assert_answer (doc, "FAILED", "notFound");
}

int
main (int   argc,
      char *argv[])
{
  practice_fixture_init (&argc, &argv);

  PRACTICE_ADD ("recordings", "recordings", test_recordings);
  PRACTICE_ADD ("recordings", "recording-changes", test_recording_changes);

  return g_test_run ();
}
