/* test-practice-server.c
 *
 * The server as a whole: start, the API root, checksums, unknown calls,
 * the raw query off the wire and the request log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "practice-fixture.h"

static void
test_version_probe (void)
{
  g_autoptr(BvPracticeServer) server = bv_practice_server_new ("practice-secret");
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *without_slash = NULL;
  const char *url;
  xmlDocPtr doc;
  xmlNodePtr root;
  gsize size;
  const char *data;
  guint status = 0;

  g_assert_null (bv_practice_server_get_api_url (server));
  g_assert_true (bv_practice_server_start (server, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (bv_practice_server_get_secret (server), ==, "practice-secret");

  url = bv_practice_server_get_api_url (server);
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (url, "/bigbluebutton/api/"));

  body = fetch (session, url, &status);
  g_assert_cmpuint (status, ==, 200);
  data = g_bytes_get_data (body, &size);
  doc = xmlReadMemory (data, (int) size, "version.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_cmpstr ((const char *) root->name, ==, "response");
  for (xmlNodePtr n = root->children; n; n = n->next)
    {
      g_autofree char *content = (char *) xmlNodeGetContent (n);

      if (g_str_equal ((const char *) n->name, "returncode"))
        g_assert_cmpstr (content, ==, "SUCCESS");
      else if (g_str_equal ((const char *) n->name, "bbbVersion"))
        g_assert_cmpstr (content, ==, "3.0.19");
      else if (g_str_equal ((const char *) n->name, "apiVersion"))
        g_assert_cmpstr (content, ==, "2.0");
    }
  xmlFreeDoc (doc);

  /* The base without the trailing slash answers the same way. */
  g_clear_pointer (&body, g_bytes_unref);
  without_slash = g_strndup (url, strlen (url) - 1);
  body = fetch (session, without_slash, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (bv_practice_server_get_request_count (server), ==, 2);
}

static void
test_unknown_path (void)
{
  g_autoptr(BvPracticeServer) server = bv_practice_server_new ("practice-secret");
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  guint status = 0;

  g_assert_true (bv_practice_server_start (server, NULL));
  url = g_strconcat (bv_practice_server_get_api_url (server), "../../elsewhere", NULL);
  body = fetch (session, url, &status);
  g_assert_cmpuint (status, ==, 404);
}

static void
test_checksum (Fixture       *f,
               gconstpointer  data)
{
  static const GChecksumType types[] = { G_CHECKSUM_SHA1, G_CHECKSUM_SHA256,
                                         G_CHECKSUM_SHA384, G_CHECKSUM_SHA512 };
  g_autofree char *wrong_secret = NULL;
  g_autofree char *tampered = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *upper = NULL;
  char *at;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *url = sign_with (f, "getMeetings", "", types[i], SECRET);
      g_autofree char *with_query = sign_with (f, "isMeetingRunning", "meetingID=abc", types[i], SECRET);
      g_autoptr(xmlDoc) doc = api_url (f, url);
      g_autoptr(xmlDoc) doc2 = api_url (f, with_query);

      assert_answer (doc, "SUCCESS", "noMeetings");
      assert_root_text (doc2, "returncode", "SUCCESS");
    }

  wrong_secret = sign_with (f, "getMeetings", "", G_CHECKSUM_SHA256, "another-secret");
  {
    g_autoptr(xmlDoc) doc = api_url (f, wrong_secret);

    assert_answer (doc, "FAILED", "checksumError");
  }

  /* One byte of the query changed after signing. */
  tampered = sign (f, "isMeetingRunning", "meetingID=abc");
  at = strstr (tampered, "=abc");
  at[1] = 'x';
  {
    g_autoptr(xmlDoc) doc = api_url (f, tampered);

    assert_answer (doc, "FAILED", "checksumError");
  }

  /* Signed for another call. */
  {
    g_autofree char *url = sign (f, "getMeetings", "");
    g_autofree char *other = NULL;
    g_autoptr(xmlDoc) doc = NULL;

    at = strstr (url, "getMeetings");
    other = g_strdup_printf ("%.*sgetRecordings%s", (int) (at - url), url, at + strlen ("getMeetings"));
    doc = api_url (f, other);
    assert_answer (doc, "FAILED", "checksumError");
  }

  missing = g_strconcat (bv_practice_server_get_api_url (f->server), "getMeetings", NULL);
  {
    g_autoptr(xmlDoc) doc = api_url (f, missing);

    assert_answer (doc, "FAILED", "checksumError");
  }

  /* The comparison ignores the case of the hex digits. */
  upper = sign (f, "getMeetings", "");
  at = strstr (upper, "checksum=") + strlen ("checksum=");
  for (char *p = at; *p; p++)
    *p = g_ascii_toupper (*p);
  {
    g_autoptr(xmlDoc) doc = api_url (f, upper);

    assert_root_text (doc, "returncode", "SUCCESS");
  }
}

static void
test_unsupported (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(xmlDoc) doc = NULL;

  doc = api (f, "sendChatMessage", "meetingID=a&message=b");
  assert_answer (doc, "FAILED", "unsupportedRequest");
  g_clear_pointer (&doc, xmlFreeDoc);

  doc = api (f, "hooks/list", "");
  assert_answer (doc, "FAILED", "unsupportedRequest");
}

typedef struct
{
  char   *host;
  guint16 port;
  char   *request;
  char   *response;
  gboolean done;
} RawExchange;

/* Plain sockets, so that nothing between the test and the server can
 * touch the bytes. Runs in a thread: the server needs the main loop. */
static gpointer
raw_exchange_thread (gpointer data)
{
  RawExchange *exchange = data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) response = g_string_new (NULL);
  char buffer[4096];
  gssize n;

  g_socket_client_set_timeout (client, 10);
  connection = g_socket_client_connect_to_host (client, exchange->host, exchange->port, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                            exchange->request, strlen (exchange->request),
                                            NULL, NULL, &error));
  g_assert_no_error (error);
  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                                   buffer, sizeof buffer, NULL, &error)) > 0)
    g_string_append_len (response, buffer, n);
  g_assert_no_error (error);

  exchange->response = g_string_free (g_steal_pointer (&response), FALSE);
  g_atomic_int_set (&exchange->done, TRUE);
  return NULL;
}

static gboolean
exchange_done (gpointer data)
{
  return g_atomic_int_get ((int *) data);
}

static char *
raw_get (Fixture    *f,
         const char *target)
{
  RawExchange exchange = { 0 };
  g_autoptr(GUri) base = g_uri_parse (bv_practice_server_get_api_url (f->server), G_URI_FLAGS_NONE, NULL);
  GThread *thread;

  exchange.host = g_strdup ("127.0.0.1");
  exchange.port = (guint16) g_uri_get_port (base);
  exchange.request = g_strdup_printf ("GET %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n\r\n", target, exchange.port);
  thread = g_thread_new ("raw-http", raw_exchange_thread, &exchange);
  bv_test_wait_until (exchange_done, &exchange.done);
  g_thread_join (thread);

  g_free (exchange.host);
  g_free (exchange.request);
  return exchange.response;
}

static const char *
last_raw_query (Fixture *f)
{
  GPtrArray *queries = bv_practice_server_get_raw_queries (f->server);

  g_assert_cmpuint (queries->len, >, 0);
  return g_ptr_array_index (queries, queries->len - 1);
}

static void
test_raw_queries (Fixture       *f,
                  gconstpointer  data)
{
  /* Each of these changes under URL normalisation: %7E and %7e become "~",
   * %2b becomes %2B, %41 becomes "A". bbb-web hashes what arrives. */
  static const char query[] =
    "meetingID=raw-test&name=A%2BB%20C+D%7E%7e%2b%41&welcome=J%C3%BCrgen%27s+R%c3%a4ume";
  g_autofree char *material = g_strconcat ("create", query, SECRET, NULL);
  g_autofree char *checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, material, -1);
  g_autofree char *target = g_strdup_printf ("/bigbluebutton/api/create?%s&checksum=%s", query, checksum);
  g_autofree char *response = NULL;
  g_autofree char *expected = g_strdup_printf ("%s&checksum=%s", query, checksum);
  g_autoptr(xmlDoc) doc = NULL;
  GPtrArray *queries;

  bv_practice_server_reset_log (f->server);
  response = raw_get (f, target);
  g_assert_true (g_str_has_prefix (response, "HTTP/1.1 200"));
  g_assert_nonnull (strstr (response, "<returncode>SUCCESS</returncode><meetingID>raw-test</meetingID>"));

  queries = bv_practice_server_get_raw_queries (f->server);
  /* Every answer ends its connection (see request_started_cb ()). */
  g_assert_nonnull (strstr (response, "\r\nConnection: close\r\n"));
  g_assert_cmpuint (bv_practice_server_get_request_count (f->server), ==, 1);
  g_assert_cmpuint (queries->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (queries, 0), ==, expected);

  /* The values were decoded once, strictly. */
  meeting_info (f, "raw-test", &doc);
  assert_root_text (doc, "meetingName", "A+B C D~~+A");
  g_clear_pointer (&doc, xmlFreeDoc);

  /* libsoup keeps the bytes too if the URI is built with its own flags
   * (soup_message_new () would normalise them). */
  {
    g_autoptr(GUri) base = g_uri_parse (bv_practice_server_get_api_url (f->server), G_URI_FLAGS_NONE, NULL);
    static const char join_query[] = "meetingID=raw-test&fullName=J%c3%bcrgen%7E&role=MODERATOR&redirect=false";
    g_autofree char *join_material = g_strconcat ("join", join_query, SECRET, NULL);
    g_autofree char *join_checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA512, join_material, -1);
    g_autofree char *full_query = g_strdup_printf ("%s&checksum=%s", join_query, join_checksum);
    g_autoptr(GUri) uri = g_uri_build (SOUP_HTTP_URI_FLAGS, "http", NULL, "127.0.0.1", g_uri_get_port (base),
                                       "/bigbluebutton/api/join", full_query, NULL);
    g_autoptr(SoupMessage) msg = soup_message_new_from_uri ("GET", uri);
    g_autoptr(GBytes) body = send_message (f->session, msg);

    doc = parse (body);
    assert_answer (doc, "SUCCESS", "successfullyJoined");
    g_assert_cmpstr (last_raw_query (f), ==, full_query);
    g_clear_pointer (&doc, xmlFreeDoc);
  }

  meeting_info (f, "raw-test", &doc);
  {
    g_autofree char *name = text (child (child (xmlDocGetRootElement (doc), "attendees"), "attendee"),
                                  "fullName");

    g_assert_cmpstr (name, ==, "Jürgen~");
  }

  bv_practice_server_reset_log (f->server);
  g_assert_cmpuint (bv_practice_server_get_request_count (f->server), ==, 0);
  g_assert_cmpuint (bv_practice_server_get_raw_queries (f->server)->len, ==, 0);
}

/* The log says which call each request was and whether it was signed, and
 * keeps only the newest requests, whatever arrives. */
static void
test_request_log (Fixture       *f,
                  gconstpointer  data)
{
  static const char query[] = "meetingID=log-test&name=Log";
  g_autofree char *material = g_strconcat ("create", query, SECRET, NULL);
  g_autofree char *checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, material, -1);
  g_autofree char *signed_target = g_strdup_printf ("/bigbluebutton/api/create?%s&checksum=%s", query, checksum);
  g_autofree char *long_value = g_strnfill (BV_PRACTICE_LOG_QUERY_MAX * 2, 'x');
  g_autofree char *long_target = g_strdup_printf ("/bigbluebutton/api/create?name=%s&checksum=0", long_value);
  GPtrArray *requests;
  BvPracticeRequest *request;

  bv_practice_server_reset_log (f->server);
  g_free (raw_get (f, signed_target));
  g_free (raw_get (f, "/bigbluebutton/api/create?meetingID=log-test&checksum=00"));
  g_free (raw_get (f, "/bigbluebutton/api/noSuchCall?a=b"));

  requests = bv_practice_server_get_requests (f->server);
  g_assert_cmpuint (requests->len, ==, 3);
  request = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (request->call, ==, "create");
  g_assert_true (request->checksum_valid);
  request = g_ptr_array_index (requests, 1);
  g_assert_cmpstr (request->call, ==, "create");
  g_assert_false (request->checksum_valid);
  request = g_ptr_array_index (requests, 2);
  g_assert_cmpstr (request->call, ==, "noSuchCall");
  g_assert_false (request->checksum_valid);
  g_assert_cmpuint (bv_practice_server_count_calls (f->server, "create"), ==, 1);

  /* A long query is kept cut, and the log does not grow past its size. */
  g_free (raw_get (f, long_target));
  request = g_ptr_array_index (requests, requests->len - 1);
  g_assert_cmpuint (strlen (request->raw_query), ==, BV_PRACTICE_LOG_QUERY_MAX);
  for (guint i = 0; i < BV_PRACTICE_LOG_SIZE + 10; i++)
    g_free (raw_get (f, "/bigbluebutton/api/getMeetings?checksum=0"));
  g_assert_cmpuint (requests->len, ==, BV_PRACTICE_LOG_SIZE);
  g_assert_cmpuint (bv_practice_server_get_raw_queries (f->server)->len, ==, BV_PRACTICE_LOG_SIZE);
  g_assert_cmpuint (bv_practice_server_get_request_count (f->server), ==, BV_PRACTICE_LOG_SIZE + 14);
  g_assert_cmpuint (bv_practice_server_count_calls (f->server, "create"), ==, 0);
  g_assert_cmpstr (g_ptr_array_index (bv_practice_server_get_raw_queries (f->server), 0), ==, "checksum=0");
}

int
main (int   argc,
      char *argv[])
{
  practice_fixture_init (&argc, &argv);

  g_test_add_func ("/practice/practice-server/version-probe", test_version_probe);
  g_test_add_func ("/practice/practice-server/unknown-path", test_unknown_path);

  PRACTICE_ADD ("server", "checksum", test_checksum);
  PRACTICE_ADD ("server", "unsupported", test_unsupported);
  PRACTICE_ADD ("server", "raw-queries", test_raw_queries);
  PRACTICE_ADD ("server", "request-log", test_request_log);

  return g_test_run ();
}
