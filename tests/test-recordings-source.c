/* test-recordings-source.c
 *
 * The recordings list model against the practice server (its sample
 * recordings, publishing and deleting) and a scripted SoupServer on
 * loopback that pages ten thousand recordings, ignores offset/limit like
 * Scalelite, or misbehaves half-way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "bv-bbb-error.h"
#include "bv-practice-server-private.h"
#include "bv-recordings-source.h"
#include "bv-test-utils.h"

#define SECRET "recordings-source-test-secret-0123"

static BvPracticeServer *practice;

/* helpers */

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
not_loading (gpointer data)
{
  return !bv_recordings_source_get_loading (data);
}

static gboolean
has_300_items (gpointer data)
{
  return g_list_model_get_n_items (data) >= 300;
}

static void
wait_loaded (BvRecordingsSource *source)
{
  bv_test_wait_until (not_loading, source);
}

static BvBbbRecording *
item (BvRecordingsSource *source,
      guint               position)
{
  BvBbbRecording *recording = g_list_model_get_item (G_LIST_MODEL (source), position);

  g_assert_nonnull (recording);
  /* The model keeps its own reference. */
  g_object_unref (recording);
  return recording;
}

static BvBbbRecording *
find_by_name (BvRecordingsSource *source,
              const char         *name,
              guint              *position)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (source)); i++)
    {
      BvBbbRecording *recording = item (source, i);

      if (g_strcmp0 (bv_bbb_recording_get_name (recording), name) == 0)
        {
          if (position)
            *position = i;
          return recording;
        }
    }
  return NULL;
}

typedef struct
{
  guint signals;
  guint first_n_items;          /* the model's size at the first signal */
  guint last_position;
  guint last_removed;
  guint last_added;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  if (changes->signals++ == 0)
    changes->first_n_items = g_list_model_get_n_items (model);
  changes->last_position = position;
  changes->last_removed = removed;
  changes->last_added = added;
}

/* The scripted server: behaviour by first path segment, as in
 * test-bbb-client.c; "http://127.0.0.1:PORT/B/api/getRecordings". */

typedef struct
{
  SoupServer *server;
  char       *base;
  GPtrArray  *queries;          /* of getRecordings, as received */
  guint       fail_at;          /* offset whose page fails … */
  guint       failures_left;    /* … this many times */
} Scripted;

/* getRecordings requests the scripted server received. */
static guint
count_queries (gpointer data)
{
  Scripted *s = data;

  return s->queries->len;
}

static void
append_recording (GString *s,
                  guint    i)
{
  gint64 start = G_GINT64_CONSTANT (1700000000000) + (gint64) i * 3600000;

  g_string_append_printf (s,
                          "<recording><recordID>rec-%05u</recordID><meetingID>raum-%u</meetingID>"
                          "<internalMeetingID>rec-%05u</internalMeetingID><name>Aufzeichnung %05u</name>"
                          "<isBreakout>false</isBreakout><published>%s</published><state>%s</state>"
                          "<startTime>%" G_GINT64_FORMAT "</startTime><endTime>%" G_GINT64_FORMAT "</endTime>"
                          "<participants>%u</participants><metadata><meetingName>Raum %u</meetingName></metadata>"
                          "<playback><format><type>presentation</type>"
                          "<url>http://127.0.0.1/playback/presentation/2.3/rec-%05u</url>"
                          "<processingTime>100</processingTime><length>42</length></format></playback>"
                          "</recording>",
                          i, i % 7, i, i,
                          i % 5 ? "true" : "false", i % 5 ? "published" : "unpublished",
                          start, start + 42 * 60000, i % 30 + 1, i % 7, i);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
respond_recordings (SoupServerMessage *msg,
                    GHashTable        *query,
                    guint              count,
                    gboolean           paginate)
{
  const char *offset_param = query ? g_hash_table_lookup (query, "offset") : NULL;
  const char *limit_param = query ? g_hash_table_lookup (query, "limit") : NULL;
  guint offset = paginate && offset_param ? (guint) g_ascii_strtoull (offset_param, NULL, 10) : 0;
  guint limit = paginate && limit_param ? (guint) g_ascii_strtoull (limit_param, NULL, 10) : G_MAXUINT;
  g_autoptr(GString) s = g_string_new ("<response><returncode>SUCCESS</returncode><recordings>");

  for (guint i = offset; i < count && i - offset < limit; i++)
    append_recording (s, i);
  g_string_append (s, "</recordings>");
  /* As bbb-web 2.6+ does; Scalelite gives no count. */
  if (paginate)
    g_string_append_printf (s, "<totalElements>%u</totalElements>", count);
  g_string_append (s, "</response>");
  respond (msg, SOUP_STATUS_OK, "text/xml", s->str);
}

static void
scripted_handler_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  Scripted *s = user_data;
  g_auto(GStrv) parts = g_strsplit (path + 1, "/", 3);
  const char *behaviour = parts[0] ? parts[0] : "";
  const char *call = parts[0] && parts[1] && parts[2] ? parts[2] : "";
  GUri *uri = soup_server_message_get_uri (msg);
  const char *offset = query ? g_hash_table_lookup (query, "offset") : NULL;

  if (g_str_equal (call, "getRecordings"))
    g_ptr_array_add (s->queries, g_strdup (g_uri_get_query (uri) ? g_uri_get_query (uri) : ""));

  if (!g_str_equal (call, "getRecordings"))
    /* publishRecordings, deleteRecordings: the server is down. */
    respond (msg, SOUP_STATUS_BAD_GATEWAY, "text/html",
             "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>");
  else if (g_str_equal (behaviour, "paged"))
    respond_recordings (msg, query, 10000, TRUE);
  else if (g_str_equal (behaviour, "scalelite"))
    respond_recordings (msg, query, 2500, FALSE);
  else if (g_str_equal (behaviour, "hundred"))
    respond_recordings (msg, query, BV_RECORDINGS_SOURCE_PAGE_SIZE, FALSE);
  else if ((g_str_equal (behaviour, "fail502") || g_str_equal (behaviour, "htmlpage")) &&
           offset && (guint) g_ascii_strtoull (offset, NULL, 10) == s->fail_at && s->failures_left > 0)
    {
      s->failures_left--;
      if (g_str_equal (behaviour, "fail502"))
        respond (msg, SOUP_STATUS_BAD_GATEWAY, "text/html",
                 "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>");
      else
        respond (msg, SOUP_STATUS_OK, "text/html",
                 "<!DOCTYPE html><html><head><title>Wartungsarbeiten</title></head>"
                 "<body><p>Der Server wird gewartet.</p></body></html>");
    }
  else if (g_str_equal (behaviour, "fail502") || g_str_equal (behaviour, "htmlpage"))
    respond_recordings (msg, query, 1000, TRUE);
  else if (g_str_equal (behaviour, "emptyelement"))
    respond (msg, SOUP_STATUS_OK, "text/xml",
             "<response><returncode>SUCCESS</returncode><recordings/></response>");
  else if (g_str_equal (behaviour, "norecordings"))
    respond (msg, SOUP_STATUS_OK, "text/xml",
             "<response><returncode>SUCCESS</returncode><recordings/>"
             "<messageKey>noRecordings</messageKey>"
             "<message>There are no recordings for the meeting(s).</message></response>");
  else
    respond (msg, SOUP_STATUS_NOT_FOUND, "text/plain", "not found");
}

static Scripted *
scripted_new (void)
{
  Scripted *s = g_new0 (Scripted, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  s->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (s->server, NULL, scripted_handler_cb, s, NULL);
  soup_server_listen (s->server, address, 0, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (s->server);
  g_assert_nonnull (uris);
  s->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  s->queries = g_ptr_array_new_with_free_func (g_free);

  return s;
}

static void
scripted_free (Scripted *s)
{
  soup_server_disconnect (s->server);
  g_clear_object (&s->server);
  g_ptr_array_unref (s->queries);
  g_free (s->base);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Scripted, scripted_free)

static BvBbbClient *
scripted_client (Scripted   *s,
                 const char *behaviour)
{
  g_autofree char *api_url = g_strdup_printf ("%s/%s/api/", s->base, behaviour);
  BvBbbClient *client = bv_bbb_client_new (api_url, SECRET, BV_CHECKSUM_SHA256);

  bv_bbb_client_set_timeouts (client, 5, 10);
  return client;
}

static void
assert_in_order (BvRecordingsSource *source,
                 guint               count)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (source)), ==, count);
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *expected = g_strdup_printf ("rec-%05u", i);

      g_assert_cmpstr (bv_bbb_recording_get_record_id (item (source, i)), ==, expected);
    }
}

/* practice server */

static BvRecordingsSource *
practice_source (gboolean paged)
{
  g_autoptr(BvBbbClient) client = bv_bbb_client_new (bv_practice_server_get_api_url (practice),
                                                     SECRET, BV_CHECKSUM_SHA256);

  BvRecordingsSource *source = bv_recordings_source_new (client, paged);

  g_object_set_data (G_OBJECT (source), "practice", GINT_TO_POINTER (TRUE));
  return source;
}

static void
test_practice_samples (void)
{
  for (guint paged = 0; paged < 2; paged++)
    {
      g_autoptr(BvRecordingsSource) source = practice_source (paged);
      BvBbbRecording *recording;

      g_assert_true (bv_recordings_source_get_paged (source) == (gboolean) paged);
      g_assert_false (bv_recordings_source_get_loading (source));
      g_assert_cmpint (bv_recordings_source_get_total (source), ==, -1);

      bv_recordings_source_start (source);
      g_assert_true (bv_recordings_source_get_loading (source));
      wait_loaded (source);

      g_assert_no_error ((GError *) bv_recordings_source_get_error (source));
      g_assert_true (bv_recordings_source_get_complete (source));
      g_assert_cmpint (bv_recordings_source_get_total (source), ==, 3);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (source)), ==, 3);
      g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (source)) == BV_TYPE_BBB_RECORDING);
      g_assert_null (g_list_model_get_item (G_LIST_MODEL (source), 3));

      recording = find_by_name (source, "Mitgliederversammlung 2024", NULL);
      g_assert_nonnull (recording);
      g_assert_cmpstr (bv_recordings_source_get_state (source, recording), ==, "unpublished");
      g_assert_false (bv_recordings_source_is_published (source, recording));
      g_assert_cmpuint (bv_bbb_recording_get_participants (recording), ==, 23);
      g_assert_cmpuint (g_list_model_get_n_items (bv_bbb_recording_get_formats (recording)), ==, 2);
    }

  /* Paged asks with offset and limit, unpaged without. */
  {
    g_autoptr(BvRecordingsSource) source = practice_source (TRUE);
    GPtrArray *queries;

    bv_practice_server_reset_log (practice);
    bv_recordings_source_start (source);
    wait_loaded (source);
    bv_test_assert_exactly (bv_test_count_requests, practice, 1);
    queries = bv_practice_server_get_raw_queries (practice);
    g_assert_cmpuint (queries->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (queries, 0), "offset=0"));
    g_assert_nonnull (strstr (g_ptr_array_index (queries, 0), "limit=100"));
  }
  {
    g_autoptr(BvRecordingsSource) source = practice_source (FALSE);
    GPtrArray *queries;

    bv_practice_server_reset_log (practice);
    bv_recordings_source_start (source);
    wait_loaded (source);
    bv_test_assert_exactly (bv_test_count_requests, practice, 1);
    queries = bv_practice_server_get_raw_queries (practice);
    g_assert_cmpuint (queries->len, ==, 1);
    g_assert_null (strstr (g_ptr_array_index (queries, 0), "offset="));
    g_assert_null (strstr (g_ptr_array_index (queries, 0), "limit="));
  }
}

static guint
requests_since (gpointer before)
{
  return bv_practice_server_get_request_count (practice) - GPOINTER_TO_UINT (before);
}

static gboolean
publish (BvRecordingsSource  *source,
         BvBbbRecording      *recording,
         gboolean             value,
         GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  guint before = bv_practice_server_get_request_count (practice);
  gboolean ok;

  bv_recordings_source_publish_async (source, recording, value, NULL, result_cb, &result);
  ok = bv_recordings_source_publish_finish (source, bv_test_wait_for (&result), error);
  /* Against the practice server: one publishRecordings, no retry, no
   * reload behind it. */
  if (g_object_get_data (G_OBJECT (source), "practice"))
    bv_test_assert_exactly (requests_since, GUINT_TO_POINTER (before), 1);
  return ok;
}

static gboolean
delete (BvRecordingsSource  *source,
        BvBbbRecording      *recording,
        GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  guint before = bv_practice_server_get_request_count (practice);
  gboolean ok;

  bv_recordings_source_delete_async (source, recording, NULL, result_cb, &result);
  ok = bv_recordings_source_delete_finish (source, bv_test_wait_for (&result), error);
  if (g_object_get_data (G_OBJECT (source), "practice"))
    bv_test_assert_exactly (requests_since, GUINT_TO_POINTER (before), 1);
  return ok;
}

static void
test_practice_publish_and_delete (void)
{
  g_autoptr(BvRecordingsSource) source = practice_source (TRUE);
  g_autoptr(BvRecordingsSource) check = NULL;
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };
  BvBbbRecording *recording;
  guint position;

  bv_recordings_source_start (source);
  wait_loaded (source);
  g_signal_connect (source, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* Publish: the row's item is replaced by itself with the new state. */
  recording = find_by_name (source, "Mitgliederversammlung 2024", &position);
  g_assert_true (publish (source, recording, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.signals, ==, 1);
  g_assert_cmpuint (changes.last_position, ==, position);
  g_assert_cmpuint (changes.last_removed, ==, 1);
  g_assert_cmpuint (changes.last_added, ==, 1);
  g_assert_true (item (source, position) == recording);
  g_assert_cmpstr (bv_recordings_source_get_state (source, recording), ==, "published");
  g_assert_true (bv_recordings_source_is_published (source, recording));

  /* … and the server agrees. */
  check = practice_source (FALSE);
  bv_recordings_source_start (check);
  wait_loaded (check);
  g_assert_cmpstr (bv_bbb_recording_get_state (find_by_name (check, "Mitgliederversammlung 2024", NULL)),
                   ==, "published");

  g_assert_true (publish (source, recording, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (bv_recordings_source_get_state (source, recording), ==, "unpublished");
  g_assert_false (bv_recordings_source_is_published (source, recording));

  /* Delete: removed from the model and from the server. */
  changes.signals = 0;
  recording = find_by_name (source, "Kurs Rückenfit – Woche 3", &position);
  g_assert_true (delete (source, recording, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.signals, ==, 1);
  g_assert_cmpuint (changes.last_position, ==, position);
  g_assert_cmpuint (changes.last_removed, ==, 1);
  g_assert_cmpuint (changes.last_added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (source)), ==, 2);
  g_assert_cmpint (bv_recordings_source_get_total (source), ==, 2);
  g_assert_null (find_by_name (source, "Kurs Rückenfit – Woche 3", NULL));

  bv_recordings_source_start (check);
  wait_loaded (check);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (check)), ==, 2);

  changes.signals = 0;

  /* A recording the list shows but someone else deleted meanwhile:
   * publishing fails and the item stays as it was. */
  recording = find_by_name (source, "Vorstandssitzung im Frühjahr", &position);
  g_assert_true (delete (check, find_by_name (check, "Vorstandssitzung im Frühjahr", NULL), &error));
  g_assert_no_error (error);
  g_assert_false (publish (source, recording, FALSE, &error));
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (changes.signals, ==, 0);
  g_assert_true (item (source, position) == recording);
  g_assert_cmpstr (bv_recordings_source_get_state (source, recording), ==, "published");
  g_assert_true (bv_recordings_source_is_published (source, recording));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (source)), ==, 2);
}

/* scripted servers */

static void
test_ten_thousand_paged (void)
{
  g_autoptr(Scripted) s = scripted_new ();
  g_autoptr(BvBbbClient) client = scripted_client (s, "paged");
  g_autoptr(BvRecordingsSource) source = bv_recordings_source_new (client, TRUE);
  Changes changes = { 0 };

  g_signal_connect (source, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  bv_recordings_source_start (source);
  wait_loaded (source);

  g_assert_no_error ((GError *) bv_recordings_source_get_error (source));
  g_assert_true (bv_recordings_source_get_complete (source));
  g_assert_cmpint (bv_recordings_source_get_total (source), ==, 10000);
  assert_in_order (source, 10000);

  /* One request and one append per page, the first page shown on its own. */
  bv_test_assert_exactly (count_queries, s, 100);
  g_assert_cmpuint (changes.signals, ==, 100);
  g_assert_cmpuint (changes.first_n_items, ==, 100);
  for (guint i = 0; i < s->queries->len; i++)
    {
      g_autofree char *offset = g_strdup_printf ("offset=%u", i * 100);

      g_assert_nonnull (strstr (g_ptr_array_index (s->queries, i), offset));
      g_assert_nonnull (strstr (g_ptr_array_index (s->queries, i), "limit=100"));
    }

  /* Starting again empties the list first. */
  bv_recordings_source_start (source);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (source)), ==, 0);
  g_assert_cmpint (bv_recordings_source_get_total (source), ==, -1);
  g_assert_false (bv_recordings_source_get_complete (source));
  wait_loaded (source);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (source)), ==, 10000);
}

static void
test_without_pagination (void)
{
  g_autoptr(Scripted) s = scripted_new ();
  g_autoptr(BvBbbClient) client = scripted_client (s, "scalelite");
  g_autoptr(BvRecordingsSource) source = bv_recordings_source_new (client, FALSE);
  Changes changes = { 0 };

  g_signal_connect (source, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  bv_recordings_source_start (source);
  wait_loaded (source);

  g_assert_no_error ((GError *) bv_recordings_source_get_error (source));
  g_assert_true (bv_recordings_source_get_complete (source));
  g_assert_cmpint (bv_recordings_source_get_total (source), ==, 2500);
  assert_in_order (source, 2500);

  /* One request, appended in chunks: the first rows before the rest. */
  bv_test_assert_exactly (count_queries, s, 1);
  g_assert_null (strstr (g_ptr_array_index (s->queries, 0), "offset"));
  g_assert_null (strstr (g_ptr_array_index (s->queries, 0), "limit"));
  g_assert_cmpuint (changes.signals, >, 1);
  g_assert_cmpuint (changes.first_n_items, <, 2500);
}

static void
test_server_ignores_pagination (void)
{
  g_autoptr(Scripted) s = scripted_new ();

  /* Thought to paginate, but answers everything each time (a balancer
   * that was not recognised): the list is not repeated. */
  {
    g_autoptr(BvBbbClient) client = scripted_client (s, "scalelite");
    g_autoptr(BvRecordingsSource) source = bv_recordings_source_new (client, TRUE);

    bv_recordings_source_start (source);
    wait_loaded (source);
    g_assert_true (bv_recordings_source_get_complete (source));
    assert_in_order (source, 2500);
    g_assert_cmpint (bv_recordings_source_get_total (source), ==, 2500);
    bv_test_assert_exactly (count_queries, s, 1);
  }

  /* Exactly one page's worth: the second answer brings nothing new. */
  g_ptr_array_set_size (s->queries, 0);
  {
    g_autoptr(BvBbbClient) client = scripted_client (s, "hundred");
    g_autoptr(BvRecordingsSource) source = bv_recordings_source_new (client, TRUE);

    bv_recordings_source_start (source);
    wait_loaded (source);
    g_assert_true (bv_recordings_source_get_complete (source));
    assert_in_order (source, BV_RECORDINGS_SOURCE_PAGE_SIZE);
    bv_test_assert_exactly (count_queries, s, 2);
  }
}

static void
check_failure_then_retry (const char *behaviour,
                          BvBbbError  expected)
{
  g_autoptr(Scripted) s = scripted_new ();
  g_autoptr(BvBbbClient) client = scripted_client (s, behaviour);
  g_autoptr(BvRecordingsSource) source = bv_recordings_source_new (client, TRUE);
  const GError *error;

  /* Page 7 fails twice. */
  s->fail_at = 600;
  s->failures_left = 2;

  bv_recordings_source_start (source);
  wait_loaded (source);
  error = bv_recordings_source_get_error (source);
  g_assert_error ((GError *) error, BV_BBB_ERROR, (int) expected);
  /* Pages 1–6 stay, and the count says how many there are in all. */
  assert_in_order (source, 600);
  g_assert_false (bv_recordings_source_get_complete (source));
  g_assert_cmpint (bv_recordings_source_get_total (source), ==, 1000);
  bv_test_assert_exactly (count_queries, s, 7);

  bv_recordings_source_retry (source);
  g_assert_true (bv_recordings_source_get_loading (source));
  g_assert_null (bv_recordings_source_get_error (source));
  wait_loaded (source);
  g_assert_error ((GError *) bv_recordings_source_get_error (source), BV_BBB_ERROR, (int) expected);
  assert_in_order (source, 600);

  /* The third time it works and continues from page 7, not page 1. */
  bv_recordings_source_retry (source);
  wait_loaded (source);
  g_assert_no_error ((GError *) bv_recordings_source_get_error (source));
  g_assert_true (bv_recordings_source_get_complete (source));
  assert_in_order (source, 1000);
  bv_test_assert_exactly (count_queries, s, 7 + 1 + 4);
  g_assert_nonnull (strstr (g_ptr_array_index (s->queries, 8), "offset=600"));

  /* Retrying a complete list does nothing. */
  bv_recordings_source_retry (source);
  g_assert_false (bv_recordings_source_get_loading (source));
}

static void
test_error_on_page_then_retry (void)
{
  check_failure_then_retry ("fail502", BV_BBB_ERROR_HTTP_STATUS);
}

static void
test_html_page_in_the_middle (void)
{
  check_failure_then_retry ("htmlpage", BV_BBB_ERROR_NOT_XML);
}

static void
test_empty_answers (void)
{
  static const char *behaviours[] = { "emptyelement", "norecordings" };
  g_autoptr(Scripted) s = scripted_new ();

  for (guint i = 0; i < G_N_ELEMENTS (behaviours); i++)
    for (guint paged = 0; paged < 2; paged++)
      {
        g_autoptr(BvBbbClient) client = scripted_client (s, behaviours[i]);
        g_autoptr(BvRecordingsSource) source = bv_recordings_source_new (client, paged);

        bv_recordings_source_start (source);
        wait_loaded (source);
        g_assert_no_error ((GError *) bv_recordings_source_get_error (source));
        g_assert_true (bv_recordings_source_get_complete (source));
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (source)), ==, 0);
        g_assert_cmpint (bv_recordings_source_get_total (source), ==, 0);
      }
}

static void
test_publish_and_delete_fail (void)
{
  g_autoptr(Scripted) s = scripted_new ();
  g_autoptr(BvBbbClient) client = scripted_client (s, "paged");
  g_autoptr(BvRecordingsSource) source = bv_recordings_source_new (client, TRUE);
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };
  BvBbbRecording *published, *unpublished;

  bv_recordings_source_start (source);
  wait_loaded (source);
  g_signal_connect (source, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* rec-00000 is unpublished, rec-00001 published. */
  unpublished = item (source, 0);
  published = item (source, 1);

  g_assert_false (publish (source, unpublished, TRUE, &error));
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_HTTP_STATUS);
  g_clear_error (&error);
  g_assert_false (bv_recordings_source_is_published (source, unpublished));
  g_assert_cmpstr (bv_recordings_source_get_state (source, unpublished), ==, "unpublished");

  g_assert_false (publish (source, published, FALSE, &error));
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_HTTP_STATUS);
  g_clear_error (&error);
  g_assert_true (bv_recordings_source_is_published (source, published));

  g_assert_false (delete (source, published, &error));
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_HTTP_STATUS);
  g_clear_error (&error);

  g_assert_cmpuint (changes.signals, ==, 0);
  g_assert_cmpint (bv_recordings_source_get_total (source), ==, 10000);
  assert_in_order (source, 10000);
}

static void
test_cancel_keeps_what_arrived (void)
{
  g_autoptr(Scripted) s = scripted_new ();
  g_autoptr(BvBbbClient) client = scripted_client (s, "paged");
  g_autoptr(BvRecordingsSource) source = bv_recordings_source_new (client, TRUE);
  guint n;

  bv_recordings_source_start (source);
  bv_test_wait_until (has_300_items, source);
  bv_recordings_source_cancel (source);
  g_assert_false (bv_recordings_source_get_loading (source));
  g_assert_null (bv_recordings_source_get_error (source));
  n = g_list_model_get_n_items (G_LIST_MODEL (source));

  /* The answer in flight is dropped. */
  bv_test_spin (300);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (source)), ==, n);

  /* … and continuing picks up behind it. */
  bv_recordings_source_retry (source);
  wait_loaded (source);
  assert_in_order (source, 10000);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  practice = bv_practice_server_new (SECRET);
  g_assert_true (bv_practice_server_start (practice, &error));
  g_assert_no_error (error);

  g_test_add_func ("/core/recordings-source/practice/samples", test_practice_samples);
  g_test_add_func ("/core/recordings-source/practice/publish-delete", test_practice_publish_and_delete);
  g_test_add_func ("/core/recordings-source/paged-10000", test_ten_thousand_paged);
  g_test_add_func ("/core/recordings-source/without-pagination", test_without_pagination);
  g_test_add_func ("/core/recordings-source/ignores-pagination", test_server_ignores_pagination);
  g_test_add_func ("/core/recordings-source/error-then-retry", test_error_on_page_then_retry);
  g_test_add_func ("/core/recordings-source/html-page", test_html_page_in_the_middle);
  g_test_add_func ("/core/recordings-source/empty", test_empty_answers);
  g_test_add_func ("/core/recordings-source/change-fails", test_publish_and_delete_fail);
  g_test_add_func ("/core/recordings-source/cancel", test_cancel_keeps_what_arrived);

  status = g_test_run ();

  g_clear_object (&practice);
  return status;
}
