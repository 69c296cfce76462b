/* test-bbb-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The API client against real HTTP on loopback: the practice server (a
 * complete BigBlueButton stand-in), a scripted SoupServer that misbehaves
 * on purpose, a raw socket that shows the bytes on the wire, and a TLS
 * server with the test-only certificates in tests/data.
 */

#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include "bv-bbb-client.h"
#include "bv-bbb-error.h"
#include "bv-practice-server-private.h"
#include "bv-test-utils.h"

#define SECRET        "some-secret-0123456789abcdefXYZ"
#define VERSION_XML   "<response><returncode>SUCCESS</returncode><version>2.0</version>" \
                      "<apiVersion>2.0</apiVersion><bbbVersion>2.7.3</bbbVersion></response>"
#define SUCCESS_XML   "<response><returncode>SUCCESS</returncode><published>true</published>" \
                      "<messageKey>published</messageKey></response>"
#define MEETINGS_XML  "<response><returncode>SUCCESS</returncode><meetings/>" \
                      "<messageKey>noMeetings</messageKey><message>none</message></response>"
#define BIG_BODY_SIZE (50 * 1024 * 1024)
#define STREAM_CHUNK  (64 * 1024)

/* A resolver that knows no names, so that a lookup fails at once and
 * without network; the tests use IP literals everywhere else. */

#define TEST_TYPE_RESOLVER (test_resolver_get_type ())
G_DECLARE_FINAL_TYPE (TestResolver, test_resolver, TEST, RESOLVER, GResolver)

struct _TestResolver
{
  GResolver parent_instance;
  guint     lookups;
};

G_DEFINE_FINAL_TYPE (TestResolver, test_resolver, G_TYPE_RESOLVER)

static TestResolver *test_resolver;

static GList *
test_resolver_lookup_by_name (GResolver     *resolver,
                              const char    *hostname,
                              GCancellable  *cancellable,
                              GError       **error)
{
  TEST_RESOLVER (resolver)->lookups++;
  g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "no such name: %s", hostname);
  return NULL;
}

static void
test_resolver_lookup_by_name_async (GResolver           *resolver,
                                    const char          *hostname,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  TEST_RESOLVER (resolver)->lookups++;
  g_task_report_new_error (resolver, callback, user_data, test_resolver_lookup_by_name_async,
                           G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "no such name: %s", hostname);
}

static GList *
test_resolver_lookup_by_name_finish (GResolver     *resolver,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GList *
test_resolver_lookup_by_name_with_flags (GResolver                 *resolver,
                                         const char                *hostname,
                                         GResolverNameLookupFlags   flags,
                                         GCancellable              *cancellable,
                                         GError                   **error)
{
  return test_resolver_lookup_by_name (resolver, hostname, cancellable, error);
}

static void
test_resolver_lookup_by_name_with_flags_async (GResolver                *resolver,
                                               const char               *hostname,
                                               GResolverNameLookupFlags  flags,
                                               GCancellable             *cancellable,
                                               GAsyncReadyCallback       callback,
                                               gpointer                  user_data)
{
  test_resolver_lookup_by_name_async (resolver, hostname, cancellable, callback, user_data);
}

static void
test_resolver_class_init (TestResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  resolver_class->lookup_by_name = test_resolver_lookup_by_name;
  resolver_class->lookup_by_name_async = test_resolver_lookup_by_name_async;
  resolver_class->lookup_by_name_finish = test_resolver_lookup_by_name_finish;
  resolver_class->lookup_by_name_with_flags = test_resolver_lookup_by_name_with_flags;
  resolver_class->lookup_by_name_with_flags_async = test_resolver_lookup_by_name_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish = test_resolver_lookup_by_name_finish;
}

static void
test_resolver_init (TestResolver *self)
{
}

/* Waiting, always with a deadline */

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

#define wait_result bv_test_wait_for

/* Checksums, computed here without the code under test */

static GChecksumType
checksum_type_for_length (gsize length)
{
  switch (length)
    {
    case 40:
      return G_CHECKSUM_SHA1;
    case 64:
      return G_CHECKSUM_SHA256;
    case 96:
      return G_CHECKSUM_SHA384;
    case 128:
      return G_CHECKSUM_SHA512;
    default:
      g_error ("checksum of unexpected length %" G_GSIZE_FORMAT, length);
    }
  return G_CHECKSUM_SHA1;
}

/* raw_query must end in "checksum=<hex>" over call + the rest + secret. */
static void
assert_signed (const char *call,
               const char *raw_query,
               const char *secret)
{
  const char *hex;
  g_autofree char *rest = NULL;
  g_autofree char *hashed = NULL;
  g_autofree char *expected = NULL;

  if (g_str_has_prefix (raw_query, "checksum="))
    {
      hex = raw_query + strlen ("checksum=");
      rest = g_strdup ("");
    }
  else
    {
      const char *pair = g_strrstr (raw_query, "&checksum=");

      g_assert_nonnull (pair);
      hex = pair + strlen ("&checksum=");
      rest = g_strndup (raw_query, pair - raw_query);
    }

  hashed = g_strconcat (call, rest, secret, NULL);
  expected = g_compute_checksum_for_string (checksum_type_for_length (strlen (hex)), hashed, -1);
  g_assert_cmpstr (hex, ==, expected);
}

static char *
query_of_url (const char *url)
{
  const char *question = strchr (url, '?');

  g_assert_nonnull (question);
  return g_strdup (question + 1);
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* The scripted server: one handler, behaving according to the first path
 * segment; a client for behaviour B uses "http://127.0.0.1:PORT/B/api/". */

typedef struct
{
  SoupServer *server;
  char       *base;
  GPtrArray  *paths;
  GPtrArray  *queries;
  GPtrArray  *headers;
  GPtrArray  *methods;
  GPtrArray  *content_types;
  GPtrArray  *bodies;
  GPtrArray  *paused;
  guint64     stream_limit;
  guint64     streamed;
  char       *location;  /* where "redirectto" sends calls: another server's base */
  gboolean    stream_finished;
} Scripted;

static guint8 filler[STREAM_CHUNK];

static void
write_next_chunk_cb (SoupServerMessage *msg,
                     gpointer           user_data)
{
  Scripted *s = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize length = MIN ((guint64) STREAM_CHUNK, s->stream_limit - s->streamed);

  if (length == 0)
    {
      soup_message_body_complete (body);
      return;
    }

  soup_message_body_append (body, SOUP_MEMORY_STATIC, filler, length);
  s->streamed += length;
}

static void
stream_finished_cb (SoupServerMessage *msg,
                    gpointer           user_data)
{
  Scripted *s = user_data;

  s->stream_finished = TRUE;
}

static void
start_stream (Scripted          *s,
              SoupServerMessage *msg,
              guint64            size,
              SoupEncoding       encoding)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  s->stream_limit = size;
  s->streamed = 0;
  s->stream_finished = FALSE;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "text/xml", NULL);
  soup_message_headers_set_encoding (headers, encoding);
  if (encoding == SOUP_ENCODING_CONTENT_LENGTH)
    soup_message_headers_set_content_length (headers, size);

  g_signal_connect (msg, "wrote-headers", G_CALLBACK (write_next_chunk_cb), s);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (write_next_chunk_cb), s);
  g_signal_connect (msg, "finished", G_CALLBACK (stream_finished_cb), s);
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
record_request (Scripted          *s,
                SoupServerMessage *msg,
                const char        *path)
{
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (request_body);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  GString *dump = g_string_new (NULL);

  soup_message_headers_iter_init (&iter, request_headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_string_append_printf (dump, "%s: %s\n", name, value);

  g_ptr_array_add (s->paths, g_strdup (path));
  g_ptr_array_add (s->queries, g_strdup (g_uri_get_query (uri) ? g_uri_get_query (uri) : ""));
  g_ptr_array_add (s->headers, g_string_free (dump, FALSE));
  g_ptr_array_add (s->methods, g_strdup (soup_server_message_get_method (msg)));
  g_ptr_array_add (s->content_types,
                   g_strdup (soup_message_headers_get_content_type (request_headers, NULL)));
  g_ptr_array_add (s->bodies, g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body)));
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
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);

  record_request (s, msg, path);

  if (g_str_equal (behaviour, "ok"))
    {
      if (!*call)
        respond (msg, SOUP_STATUS_OK, "text/xml", VERSION_XML);
      else if (g_str_equal (call, "getMeetings"))
        respond (msg, SOUP_STATUS_OK, "text/xml", MEETINGS_XML);
      else
        respond (msg, SOUP_STATUS_OK, "text/xml", SUCCESS_XML);
    }
  else if (g_str_equal (behaviour, "html502"))
    respond (msg, SOUP_STATUS_BAD_GATEWAY, "text/html",
             "<html><head><title>502 Bad Gateway</title></head><body>"
             "<center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>");
  else if (g_str_equal (behaviour, "html200"))
    respond (msg, SOUP_STATUS_OK, "text/html",
             "<!DOCTYPE html><html><head><title>Welcome</title></head>"
             "<body><p>Welcome to nginx!</p></body></html>");
  else if (g_str_equal (behaviour, "empty"))
    respond (msg, SOUP_STATUS_OK, "text/xml", "");
  else if (g_str_equal (behaviour, "truncated"))
    respond (msg, SOUP_STATUS_OK, "text/xml",
             "<response><returncode>SUCCESS</returncode><version>2.0</version><apiVers");
  else if (g_str_equal (behaviour, "wrongtype"))
    respond (msg, SOUP_STATUS_OK, "application/octet-stream", VERSION_XML);
  else if (g_str_equal (behaviour, "notbbb"))
    respond (msg, SOUP_STATUS_OK, "text/xml",
             "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title></channel></rss>");
  else if (g_str_equal (behaviour, "stall"))
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (s->paused, g_object_ref (msg));
    }
  else if (g_str_equal (behaviour, "redirectloop"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_FOUND, NULL);
      soup_message_headers_replace (response_headers, "Location", path);
    }
  else if (g_str_equal (behaviour, "redirectonce"))
    {
      g_autofree char *target = g_strconcat ("/ok/api/", call, NULL);

      soup_server_message_set_status (msg, SOUP_STATUS_MOVED_PERMANENTLY, NULL);
      soup_message_headers_replace (response_headers, "Location", target);
    }
  else if (g_str_equal (behaviour, "redirectinsecure"))
    {
      /* TEST-NET-1: never reached, the client must refuse before. */
      soup_server_message_set_status (msg, SOUP_STATUS_FOUND, NULL);
      soup_message_headers_replace (response_headers, "Location",
                                    "http://192.0.2.1/bigbluebutton/api/");
    }
  else if (g_str_equal (behaviour, "redirectto"))
    {
      g_autofree char *target = g_strconcat (s->location, "/ok/api/", call, NULL);

      soup_server_message_set_status (msg, SOUP_STATUS_FOUND, NULL);
      soup_message_headers_replace (response_headers, "Location", target);
    }
  else if (g_str_equal (behaviour, "huge"))
    start_stream (s, msg, BIG_BODY_SIZE, SOUP_ENCODING_CHUNKED);
  else if (g_str_equal (behaviour, "endless"))
    start_stream (s, msg, G_GUINT64_CONSTANT (1) << 32, SOUP_ENCODING_CHUNKED);
  else if (g_str_equal (behaviour, "announced"))
    start_stream (s, msg, 60 * 1024 * 1024, SOUP_ENCODING_CONTENT_LENGTH);
  else
    respond (msg, SOUP_STATUS_NOT_FOUND, "text/plain", "not found");
}

static Scripted *
scripted_new (GTlsCertificate *certificate)
{
  Scripted *s = g_new0 (Scripted, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  s->server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (s->server, NULL, scripted_handler_cb, s, NULL);
  soup_server_listen (s->server, address, certificate ? SOUP_SERVER_LISTEN_HTTPS : 0, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (s->server);
  g_assert_nonnull (uris);
  s->base = g_strdup_printf ("%s://127.0.0.1:%d", certificate ? "https" : "http",
                             g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  s->paths = g_ptr_array_new_with_free_func (g_free);
  s->queries = g_ptr_array_new_with_free_func (g_free);
  s->headers = g_ptr_array_new_with_free_func (g_free);
  s->methods = g_ptr_array_new_with_free_func (g_free);
  s->content_types = g_ptr_array_new_with_free_func (g_free);
  s->bodies = g_ptr_array_new_with_free_func (g_free);
  s->paused = g_ptr_array_new_with_free_func (g_object_unref);

  return s;
}

static void
scripted_release_paused (Scripted *s)
{
  for (guint i = 0; i < s->paused->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (s->paused, i);

      respond (msg, SOUP_STATUS_OK, "text/xml", VERSION_XML);
      soup_server_message_unpause (msg);
    }
  bv_test_spin (100);
  g_ptr_array_set_size (s->paused, 0);
}

static void
scripted_free (Scripted *s)
{
  scripted_release_paused (s);
  soup_server_disconnect (s->server);
  g_clear_object (&s->server);
  g_ptr_array_unref (s->paths);
  g_ptr_array_unref (s->queries);
  g_ptr_array_unref (s->headers);
  g_ptr_array_unref (s->methods);
  g_ptr_array_unref (s->content_types);
  g_ptr_array_unref (s->bodies);
  g_ptr_array_unref (s->paused);
  g_free (s->base);
  g_free (s->location);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Scripted, scripted_free)

static BvBbbClient *
scripted_client (Scripted   *s,
                 const char *behaviour)
{
  g_autofree char *api_url = g_strdup_printf ("%s/%s/api/", s->base, behaviour);
  BvBbbClient *client = bv_bbb_client_new (api_url, SECRET, BV_CHECKSUM_SHA256);

  /* Short, so that a test never waits long even when something hangs. */
  bv_bbb_client_set_timeouts (client, 5, 10);
  return client;
}

/* Calls, waited for */

static BvBbbVersion *
get_version (BvBbbClient  *client,
             GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bv_bbb_client_get_version_async (client, NULL, result_cb, &result);
  return bv_bbb_client_get_version_finish (client, wait_result (&result), error);
}

static GListModel *
get_meetings (BvBbbClient  *client,
              GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bv_bbb_client_get_meetings_async (client, NULL, result_cb, &result);
  return bv_bbb_client_get_meetings_finish (client, wait_result (&result), error);
}

static BvBbbMeeting *
create_meeting (BvBbbClient       *client,
                const BvBbbQuery  *query,
                GBytes            *body,
                GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bv_bbb_client_create_async (client, query, body, NULL, result_cb, &result);
  return bv_bbb_client_create_finish (client, wait_result (&result), error);
}

static gboolean
is_running (BvBbbClient  *client,
            const char   *meeting_id,
            gboolean     *running,
            GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bv_bbb_client_is_meeting_running_async (client, meeting_id, NULL, result_cb, &result);
  return bv_bbb_client_is_meeting_running_finish (client, wait_result (&result), running, error);
}

static BvBbbMeeting *
get_meeting_info (BvBbbClient  *client,
                  const char   *meeting_id,
                  GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bv_bbb_client_get_meeting_info_async (client, meeting_id, NULL, result_cb, &result);
  return bv_bbb_client_get_meeting_info_finish (client, wait_result (&result), error);
}

static gboolean
end_meeting (BvBbbClient  *client,
             const char   *meeting_id,
             GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bv_bbb_client_end_async (client, meeting_id, NULL, result_cb, &result);
  return bv_bbb_client_end_finish (client, wait_result (&result), error);
}

static GListModel *
get_recordings (BvBbbClient       *client,
                const BvBbbQuery  *query,
                gint64            *total,
                GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bv_bbb_client_get_recordings_async (client, query, NULL, result_cb, &result);
  return bv_bbb_client_get_recordings_finish (client, wait_result (&result), total, error);
}

static gboolean
call (BvBbbClient       *client,
      const char        *name,
      const BvBbbQuery  *query,
      GBytes            *body,
      char             **message_key,
      GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bv_bbb_client_call_async (client, name, query, body, NULL, result_cb, &result);
  return bv_bbb_client_call_finish (client, wait_result (&result), message_key, error);
}

static gboolean
insert_document (BvBbbClient  *client,
                 const char   *meeting_id,
                 GBytes       *modules,
                 GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bv_bbb_client_insert_document_async (client, meeting_id, modules, NULL, result_cb, &result);
  return bv_bbb_client_insert_document_finish (client, wait_result (&result), error);
}

static void
assert_version_error (BvBbbClient *client,
                      BvBbbError   code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbVersion) version = get_version (client, &error);

  g_assert_error (error, BV_BBB_ERROR, (gint) code);
  g_assert_null (version);
  /* the advice for people, never a URL */
  g_assert_null (strstr (error->message, "checksum="));
  g_assert_null (strstr (error->message, "/api/"));
  g_assert_null (strstr (error->message, SECRET));
}

static GBytes *
modules_body (void)
{
  static const char modules[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><modules><module name=\"presentation\">"
    "<document url=\"https://example.org/slides.pdf\" filename=\"slides.pdf\"/>"
    "</module></modules>";

  return g_bytes_new_static (modules, strlen (modules));
}

/* What a browser does with an invitation link; asynchronous, because the
 * practice server answers on this thread's main loop. */
static char *
fetch_page (const char *url,
            guint      *status)
{
  g_autoptr(SoupSession) browser = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GError) error = NULL;

  soup_session_send_and_read_async (browser, message, G_PRIORITY_DEFAULT, NULL, result_cb, &result);
  page = soup_session_send_and_read_finish (browser, wait_result (&result), &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (message);
  return g_strndup (g_bytes_get_data (page, NULL), g_bytes_get_size (page));
}

/* Against the practice server */

typedef struct
{
  BvPracticeServer *server;
  BvBbbClient      *client;
} Practice;

static void
practice_setup (Practice      *p,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  p->server = bv_practice_server_new (SECRET);
  bv_practice_server_start (p->server, &error);
  g_assert_no_error (error);
  p->client = bv_bbb_client_new (bv_practice_server_get_api_url (p->server), SECRET,
                                 BV_CHECKSUM_SHA256);
  bv_bbb_client_set_timeouts (p->client, 5, 15);
}

static void
practice_teardown (Practice      *p,
                   gconstpointer  data)
{
  g_clear_object (&p->client);
  g_clear_object (&p->server);
}

static BvBbbQuery *
create_query (const char *meeting_id,
              const char *name)
{
  BvBbbQuery *query = bv_bbb_query_new ();

  bv_bbb_query_add (query, "name", name);
  bv_bbb_query_add (query, "meetingID", meeting_id);
  bv_bbb_query_add_boolean (query, "record", FALSE);
  return query;
}

/* Every request the practice server saw was signed over exactly the bytes
 * it received, and none carried the secret. */
static void
assert_practice_log_signed (Practice *p)
{
  GPtrArray *queries = bv_practice_server_get_raw_queries (p->server);

  g_assert_cmpuint (queries->len, ==, bv_practice_server_get_request_count (p->server));
  g_assert_cmpuint (queries->len, >, 0);
  for (guint i = 0; i < queries->len; i++)
    {
      const char *raw = g_ptr_array_index (queries, i);

      g_assert_null (strstr (raw, SECRET));
    }
}

static void
test_practice_version (Practice      *p,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbVersion) version = get_version (p->client, &error);

  g_assert_no_error (error);
  g_assert_nonnull (version);
  g_assert_cmpstr (bv_bbb_version_get_api_version (version), ==, "2.0");
  g_assert_true (bv_bbb_version_supports_role (version));
}

static void
test_practice_create (Practice      *p,
                      gconstpointer  data)
{
  g_autoptr(BvBbbQuery) query = create_query ("vorstand-2024", "Vorstandssitzung März");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbMeeting) first = NULL;
  g_autoptr(BvBbbMeeting) again = NULL;

  first = create_meeting (p->client, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bv_bbb_meeting_get_meeting_id (first), ==, "vorstand-2024");
  g_assert_false (bv_bbb_meeting_is_duplicate (first));
  g_assert_cmpint (bv_bbb_meeting_get_create_time (first), >, 0);

  /* create is idempotent: the second answer is duplicateWarning, a success */
  again = create_meeting (p->client, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bv_bbb_meeting_is_duplicate (again));
  g_assert_cmpint (bv_bbb_meeting_get_create_time (again), ==,
                   bv_bbb_meeting_get_create_time (first));

  assert_practice_log_signed (p);
}

static void
test_practice_create_with_modules (Practice      *p,
                                   gconstpointer  data)
{
  g_autoptr(BvBbbQuery) query = create_query ("kurs-montag", "Kurs Montag");
  g_autoptr(GBytes) body = modules_body ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbMeeting) meeting = NULL;

  meeting = create_meeting (p->client, query, body, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bv_bbb_meeting_get_meeting_id (meeting), ==, "kurs-montag");
  assert_practice_log_signed (p);
}

static void
test_practice_running_after_join (Practice      *p,
                                  gconstpointer  data)
{
  g_autoptr(BvBbbQuery) query = create_query ("gruppe", "Gruppentreffen");
  g_autoptr(BvBbbQuery) join = bv_bbb_query_new ();
  g_autoptr(BvBbbMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *join_url = NULL;
  g_autofree char *create_time = NULL;
  g_autofree char *text = NULL;
  gboolean running = TRUE;
  guint status = 0;

  g_assert_true (is_running (p->client, "gruppe", &running, &error));
  g_assert_no_error (error);
  g_assert_false (running);

  meeting = create_meeting (p->client, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (is_running (p->client, "gruppe", &running, &error));
  g_assert_no_error (error);
  g_assert_false (running);

  create_time = g_strdup_printf ("%" G_GINT64_FORMAT, bv_bbb_meeting_get_create_time (meeting));
  bv_bbb_query_add (join, "fullName", "Jürgen Müller");
  bv_bbb_query_add (join, "meetingID", "gruppe");
  bv_bbb_query_add (join, "role", "MODERATOR");
  bv_bbb_query_add (join, "createTime", create_time);
  bv_bbb_query_add (join, "userID", "member-7");
  join_url = bv_bbb_client_build_url (p->client, "join", join);
  assert_signed ("join", strchr (join_url, '?') + 1, SECRET);

  text = fetch_page (join_url, &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_nonnull (strstr (text, "lang=\"de\""));
  g_assert_nonnull (strstr (text, "Jürgen Müller"));

  g_assert_true (is_running (p->client, "gruppe", &running, &error));
  g_assert_no_error (error);
  g_assert_true (running);
}

static void
test_practice_info_meetings_end (Practice      *p,
                                 gconstpointer  data)
{
  g_autoptr(BvBbbQuery) first = create_query ("raum-a", "Raum A");
  g_autoptr(BvBbbQuery) second = create_query ("raum-b", "Raum B");
  g_autoptr(BvBbbMeeting) created = NULL;
  g_autoptr(BvBbbMeeting) info = NULL;
  g_autoptr(BvBbbMeeting) gone = NULL;
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found_a = FALSE, found_b = FALSE;

  meetings = get_meetings (p->client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, 0);
  g_clear_object (&meetings);

  created = create_meeting (p->client, first, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&created);
  created = create_meeting (p->client, second, NULL, &error);
  g_assert_no_error (error);

  info = get_meeting_info (p->client, "raum-a", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bv_bbb_meeting_get_meeting_id (info), ==, "raum-a");
  g_assert_cmpstr (bv_bbb_meeting_get_name (info), ==, "Raum A");

  meetings = get_meetings (p->client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(BvBbbMeeting) m = g_list_model_get_item (meetings, i);

      found_a |= g_strcmp0 (bv_bbb_meeting_get_meeting_id (m), "raum-a") == 0;
      found_b |= g_strcmp0 (bv_bbb_meeting_get_meeting_id (m), "raum-b") == 0;
    }
  g_assert_true (found_a && found_b);

  g_assert_true (end_meeting (p->client, "raum-a", &error));
  g_assert_no_error (error);

  gone = get_meeting_info (p->client, "raum-a", &error);
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_FOUND);
  g_assert_null (gone);
  g_clear_error (&error);

  g_assert_false (end_meeting (p->client, "raum-a", &error));
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  after = get_meetings (p->client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 1);

  assert_practice_log_signed (p);
}

static BvBbbRecording *
first_recording (BvBbbClient *client)
{
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total = 0;

  all = get_recordings (client, NULL, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), >, 0);
  return g_list_model_get_item (all, 0);
}

static void
test_practice_recordings (Practice      *p,
                          gconstpointer  data)
{
  g_autoptr(BvBbbRecording) sample = first_recording (p->client);
  g_autoptr(BvBbbQuery) by_meeting = bv_bbb_query_new ();
  g_autoptr(BvBbbQuery) by_record = bv_bbb_query_new ();
  g_autoptr(BvBbbQuery) nothing = bv_bbb_query_new ();
  g_autoptr(BvBbbQuery) paged = bv_bbb_query_new ();
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *queries;
  gint64 total = 0;

  bv_bbb_query_add (by_meeting, "meetingID", bv_bbb_recording_get_meeting_id (sample));
  list = get_recordings (p->client, by_meeting, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(BvBbbRecording) r = g_list_model_get_item (list, i);

      g_assert_cmpstr (bv_bbb_recording_get_meeting_id (r), ==,
                       bv_bbb_recording_get_meeting_id (sample));
    }
  g_clear_object (&list);

  bv_bbb_query_add (by_record, "recordID", bv_bbb_recording_get_record_id (sample));
  list = get_recordings (p->client, by_record, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_clear_object (&list);

  bv_bbb_query_add (nothing, "meetingID", "no-such-meeting");
  list = get_recordings (p->client, nothing, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_clear_object (&list);

  /* offset and limit go to the server as they are */
  bv_bbb_query_add_int (paged, "offset", 0);
  bv_bbb_query_add_int (paged, "limit", 1);
  list = get_recordings (p->client, paged, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), <=, 1);
  queries = bv_practice_server_get_raw_queries (p->server);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (queries, queries->len - 1),
                                   "offset=0&limit=1&checksum="));

  assert_practice_log_signed (p);
}

static void
test_practice_publish_delete (Practice      *p,
                              gconstpointer  data)
{
  g_autoptr(BvBbbRecording) sample = first_recording (p->client);
  const char *record_id = bv_bbb_recording_get_record_id (sample);
  g_autoptr(BvBbbQuery) unpublish = bv_bbb_query_new ();
  g_autoptr(BvBbbQuery) remove = bv_bbb_query_new ();
  g_autoptr(BvBbbQuery) unknown = bv_bbb_query_new ();
  g_autoptr(BvBbbQuery) by_record = bv_bbb_query_new ();
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message_key = NULL;

  bv_bbb_query_add (unpublish, "recordID", record_id);
  bv_bbb_query_add_boolean (unpublish, "publish", FALSE);
  g_assert_true (call (p->client, "publishRecordings", unpublish, NULL, &message_key, &error));
  g_assert_no_error (error);

  bv_bbb_query_add (by_record, "recordID", record_id);
  bv_bbb_query_add (by_record, "state", "any");
  list = get_recordings (p->client, by_record, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  {
    g_autoptr(BvBbbRecording) r = g_list_model_get_item (list, 0);

    g_assert_false (bv_bbb_recording_is_published (r));
  }
  g_clear_object (&list);

  bv_bbb_query_add (remove, "recordID", record_id);
  g_assert_true (call (p->client, "deleteRecordings", remove, NULL, NULL, &error));
  g_assert_no_error (error);

  bv_bbb_query_add (unknown, "recordID", "no-such-recording");
  g_assert_false (call (p->client, "deleteRecordings", unknown, NULL, NULL, &error));
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_FOUND);

  assert_practice_log_signed (p);
}

static void
test_practice_insert_document (Practice      *p,
                               gconstpointer  data)
{
  g_autoptr(BvBbbQuery) query = create_query ("workshop", "Workshop");
  g_autoptr(BvBbbQuery) join = bv_bbb_query_new ();
  g_autoptr(BvBbbMeeting) meeting = NULL;
  g_autoptr(GBytes) body = modules_body ();
  g_autoptr(GError) error = NULL;
  g_autofree char *join_url = NULL;
  g_autofree char *page = NULL;
  guint status = 0;

  meeting = create_meeting (p->client, query, NULL, &error);
  g_assert_no_error (error);

  /* insertDocument needs a running meeting */
  bv_bbb_query_add (join, "fullName", "Orga");
  bv_bbb_query_add (join, "meetingID", "workshop");
  bv_bbb_query_add (join, "role", "MODERATOR");
  join_url = bv_bbb_client_build_url (p->client, "join", join);
  page = fetch_page (join_url, &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);

  g_assert_true (insert_document (p->client, "workshop", body, &error));
  g_assert_no_error (error);

  assert_practice_log_signed (p);
}

static void
test_practice_wrong_secret (Practice      *p,
                            gconstpointer  data)
{
  g_autoptr(BvBbbClient) wrong = NULL;
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(GError) error = NULL;

  wrong = bv_bbb_client_new (bv_practice_server_get_api_url (p->server), "not-the-secret",
                             BV_CHECKSUM_SHA256);
  meetings = get_meetings (wrong, &error);
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_CHECKSUM);
  g_assert_null (meetings);
  g_assert_null (strstr (error->message, "not-the-secret"));
}

static void
test_practice_algorithms (Practice      *p,
                          gconstpointer  data)
{
  static const struct
  {
    BvChecksumAlgorithm algorithm;
    gsize               length;
  } cases[] = {
    { BV_CHECKSUM_SHA1, 40 },
    { BV_CHECKSUM_SHA256, 64 },
    { BV_CHECKSUM_SHA384, 96 },
    { BV_CHECKSUM_SHA512, 128 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GListModel) meetings = NULL;
      g_autoptr(GError) error = NULL;
      GPtrArray *queries;
      const char *raw;

      bv_bbb_client_set_algorithm (p->client, cases[i].algorithm);
      g_assert_cmpint (bv_bbb_client_get_algorithm (p->client), ==, cases[i].algorithm);
      meetings = get_meetings (p->client, &error);
      g_assert_no_error (error);
      g_assert_nonnull (meetings);

      queries = bv_practice_server_get_raw_queries (p->server);
      raw = g_ptr_array_index (queries, queries->len - 1);
      g_assert_cmpuint (strlen (raw), ==, strlen ("checksum=") + cases[i].length);
      assert_signed ("getMeetings", raw, SECRET);
    }
}

/* What arrives is what was hashed, byte for byte, including characters
 * that URL libraries like to "repair" (~, ', *, (, non-ASCII). */
static void
test_practice_raw_queries (Practice      *p,
                           gconstpointer  data)
{
  static const char *names[] = {
    "Jürgen's Raum (A*B) ~x!",
    "100% Vereinsarbeit & mehr",
    "Mitgliederversammlung 2024/25 – Ü30",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *meeting_id = g_strdup_printf ("raw-%u", i);
      g_autoptr(BvBbbQuery) query = create_query (meeting_id, names[i]);
      g_autoptr(BvBbbMeeting) meeting = NULL;
      g_autoptr(BvBbbMeeting) info = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *url = bv_bbb_client_build_url (p->client, "create", query);
      g_autofree char *expected = query_of_url (url);
      GPtrArray *queries;
      const char *raw;

      bv_practice_server_reset_log (p->server);
      meeting = create_meeting (p->client, query, NULL, &error);
      g_assert_no_error (error);

      queries = bv_practice_server_get_raw_queries (p->server);
      g_assert_cmpuint (queries->len, ==, 1);
      raw = g_ptr_array_index (queries, 0);
      g_assert_cmpstr (raw, ==, expected);
      assert_signed ("create", raw, SECRET);
      g_assert_null (strstr (raw, SECRET));

      /* and the server decoded the very bytes the client encoded */
      info = get_meeting_info (p->client, meeting_id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (bv_bbb_meeting_get_name (info), ==, names[i]);
      assert_practice_log_signed (p);
    }
}

/* Against the scripted server */

static void
test_scripted_http_status (void)
{
  g_autoptr(Scripted) s = scripted_new (NULL);
  g_autoptr(BvBbbClient) client = scripted_client (s, "html502");

  assert_version_error (client, BV_BBB_ERROR_HTTP_STATUS);
}

static void
test_scripted_html_page (void)
{
  g_autoptr(Scripted) s = scripted_new (NULL);
  g_autoptr(BvBbbClient) client = scripted_client (s, "html200");

  assert_version_error (client, BV_BBB_ERROR_NOT_XML);
}

static void
test_scripted_empty (void)
{
  g_autoptr(Scripted) s = scripted_new (NULL);
  g_autoptr(BvBbbClient) client = scripted_client (s, "empty");

  assert_version_error (client, BV_BBB_ERROR_NOT_XML);
}

static void
test_scripted_truncated (void)
{
  g_autoptr(Scripted) s = scripted_new (NULL);
  g_autoptr(BvBbbClient) client = scripted_client (s, "truncated");

  assert_version_error (client, BV_BBB_ERROR_NOT_XML);
}

static void
test_scripted_not_bbb (void)
{
  g_autoptr(Scripted) s = scripted_new (NULL);
  g_autoptr(BvBbbClient) client = scripted_client (s, "notbbb");

  assert_version_error (client, BV_BBB_ERROR_NOT_BBB);
}

static void
test_scripted_wrong_content_type (void)
{
  g_autoptr(Scripted) s = scripted_new (NULL);
  g_autoptr(BvBbbClient) client = scripted_client (s, "wrongtype");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbVersion) version = get_version (client, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (bv_bbb_version_get_bbb_version (version), ==, "2.7.3");
}

static void
test_scripted_stall (void)
{
  g_autoptr(Scripted) s = scripted_new (NULL);
  g_autoptr(BvBbbClient) client = scripted_client (s, "stall");
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  /* the whole call is limited, even while the connection itself is alive */
  bv_bbb_client_set_timeouts (client, 10, 1);
  assert_version_error (client, BV_BBB_ERROR_TIMEOUT);
  elapsed = g_get_monotonic_time () - start;
  g_assert_cmpint (elapsed, >=, G_USEC_PER_SEC * 9 / 10);
  g_assert_cmpuint (s->paused->len, ==, 1);
}

static void
test_scripted_io_timeout (void)
{
  g_autoptr(Scripted) s = scripted_new (NULL);
  g_autoptr(BvBbbClient) client = scripted_client (s, "stall");

  /* libsoup's own I/O timeout fires before the call timeout */
  bv_bbb_client_set_timeouts (client, 1, 20);
  assert_version_error (client, BV_BBB_ERROR_TIMEOUT);
}

static void
test_scripted_redirect_loop (void)
{
  g_autoptr(Scripted) s = scripted_new (NULL);
  g_autoptr(BvBbbClient) client = scripted_client (s, "redirectloop");

  assert_version_error (client, BV_BBB_ERROR_HTTP_STATUS);
  /* a few hops, not libsoup's twenty */
  g_assert_cmpuint (s->paths->len, <=, 6);
}

static void
test_scripted_redirect_once (void)
{
  g_autoptr(Scripted) s = scripted_new (NULL);
  g_autoptr(BvBbbClient) client = scripted_client (s, "redirectonce");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) meetings = get_meetings (client, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, 0);
  g_assert_cmpuint (s->paths->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (s->paths, 1), ==, "/ok/api/getMeetings");
}

static void
test_scripted_redirect_insecure (void)
{
  g_autoptr(Scripted) s = scripted_new (NULL);
  g_autoptr(BvBbbClient) client = scripted_client (s, "redirectinsecure");

  assert_version_error (client, BV_BBB_ERROR_INSECURE_URL);
}

static void
test_scripted_too_large (void)
{
  g_autoptr(Scripted) s = scripted_new (NULL);
  g_autoptr(BvBbbClient) client = scripted_client (s, "huge");

  assert_version_error (client, BV_BBB_ERROR_TOO_LARGE);
  g_assert_cmpuint (s->streamed, >, BV_BBB_MAX_RESPONSE_SIZE);
}

static void
test_scripted_too_large_endless (void)
{
  g_autoptr(Scripted) s = scripted_new (NULL);
  g_autoptr(BvBbbClient) client = scripted_client (s, "endless");

  assert_version_error (client, BV_BBB_ERROR_TOO_LARGE);

  /* The client dropped the connection rather than reading on: the server
   * notices and stops well before its 4 GiB. */
  bv_test_wait_until (flag_is_set, &s->stream_finished);
  g_assert_cmpuint (s->streamed, <, BV_BBB_MAX_RESPONSE_SIZE + 32 * 1024 * 1024);
}

static void
test_scripted_too_large_announced (void)
{
  g_autoptr(Scripted) s = scripted_new (NULL);
  g_autoptr(BvBbbClient) client = scripted_client (s, "announced");

  assert_version_error (client, BV_BBB_ERROR_TOO_LARGE);
  bv_test_wait_until (flag_is_set, &s->stream_finished);
  g_assert_cmpuint (s->streamed, <, 32 * 1024 * 1024);
}

static void
test_scripted_requests (void)
{
  g_autoptr(Scripted) s = scripted_new (NULL);
  g_autoptr(BvBbbClient) client = scripted_client (s, "ok");
  g_autoptr(BvBbbQuery) query = bv_bbb_query_new ();
  g_autoptr(BvBbbQuery) insert = bv_bbb_query_new ();
  g_autoptr(GBytes) body = modules_body ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message_key = NULL;
  g_autofree char *url = NULL;
  g_autofree char *insert_url = NULL;
  g_autofree char *expected_query = NULL;
  g_autofree char *expected_insert = NULL;

  bv_bbb_query_add (query, "recordID", "a1,b2");
  bv_bbb_query_add_boolean (query, "publish", TRUE);
  url = bv_bbb_client_build_url (client, "publishRecordings", query);
  expected_query = query_of_url (url);
  g_assert_true (call (client, "publishRecordings", query, NULL, &message_key, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (message_key, ==, "published");

  g_assert_true (insert_document (client, "room 1", body, &error));
  g_assert_no_error (error);
  bv_bbb_query_add (insert, "meetingID", "room 1");
  insert_url = bv_bbb_client_build_url (client, "insertDocument", insert);
  expected_insert = query_of_url (insert_url);

  g_assert_cmpuint (s->paths->len, ==, 2);

  g_assert_cmpstr (g_ptr_array_index (s->methods, 0), ==, "GET");
  g_assert_cmpstr (g_ptr_array_index (s->paths, 0), ==, "/ok/api/publishRecordings");
  g_assert_cmpstr (g_ptr_array_index (s->queries, 0), ==, expected_query);
  assert_signed ("publishRecordings", g_ptr_array_index (s->queries, 0), SECRET);

  /* POST: parameters stay in the URL, the checksum covers only them */
  g_assert_cmpstr (g_ptr_array_index (s->methods, 1), ==, "POST");
  g_assert_cmpstr (g_ptr_array_index (s->paths, 1), ==, "/ok/api/insertDocument");
  g_assert_cmpstr (g_ptr_array_index (s->queries, 1), ==, expected_insert);
  assert_signed ("insertDocument", g_ptr_array_index (s->queries, 1), SECRET);
  g_assert_cmpstr (g_ptr_array_index (s->content_types, 1), ==, "application/xml");
  g_assert_cmpstr (g_ptr_array_index (s->bodies, 1), ==, g_bytes_get_data (body, NULL));

  for (guint i = 0; i < s->paths->len; i++)
    {
      const char *headers = g_ptr_array_index (s->headers, i);

      g_assert_nonnull (strstr (headers, "User-Agent: bbb-vereine/" PACKAGE_VERSION));
      g_assert_null (strstr (headers, SECRET));
      g_assert_null (strstr (g_ptr_array_index (s->paths, i), SECRET));
      g_assert_null (strstr (g_ptr_array_index (s->queries, i), SECRET));
      g_assert_null (strstr (g_ptr_array_index (s->bodies, i), SECRET));
    }
}

static void
test_scripted_create_body (void)
{
  g_autoptr(Scripted) s = scripted_new (NULL);
  g_autoptr(BvBbbClient) client = scripted_client (s, "ok");
  g_autoptr(BvBbbQuery) query = create_query ("m1", "Kurs");
  g_autoptr(GBytes) body = modules_body ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BvBbbMeeting) meeting = NULL;

  /* the scripted "ok" answers create with a bare SUCCESS: no meeting in
   * it, which the parser refuses; what matters here is the request */
  bv_bbb_client_create_async (client, query, body, NULL, result_cb, &result);
  meeting = bv_bbb_client_create_finish (client, wait_result (&result), &error);
  g_clear_error (&error);

  g_assert_cmpuint (s->paths->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (s->methods, 0), ==, "POST");
  g_assert_cmpstr (g_ptr_array_index (s->content_types, 0), ==, "application/xml");
  g_assert_cmpstr (g_ptr_array_index (s->bodies, 0), ==, g_bytes_get_data (body, NULL));
  assert_signed ("create", g_ptr_array_index (s->queries, 0), SECRET);
}

static void
test_scripted_caller_cancel (void)
{
  g_autoptr(Scripted) s = scripted_new (NULL);
  g_autoptr(BvBbbClient) client = scripted_client (s, "stall");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BvBbbVersion) version = NULL;
  g_autoptr(GError) error = NULL;

  bv_bbb_client_get_version_async (client, cancellable, result_cb, &result);
  while (s->paused->len == 0)
    bv_test_spin (10);
  g_cancellable_cancel (cancellable);

  version = bv_bbb_client_get_version_finish (client, wait_result (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (version);
}

static void
test_scripted_cancelled_before (void)
{
  g_autoptr(Scripted) s = scripted_new (NULL);
  g_autoptr(BvBbbClient) client = scripted_client (s, "ok");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BvBbbVersion) version = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  bv_bbb_client_get_version_async (client, cancellable, result_cb, &result);
  /* never synchronously */
  g_assert_null (result);
  version = bv_bbb_client_get_version_finish (client, wait_result (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  bv_test_spin (50);
  g_assert_cmpuint (s->paths->len, ==, 0);
}

static void
test_scripted_dispose_cancels (void)
{
  g_autoptr(Scripted) s = scripted_new (NULL);
  g_autoptr(BvBbbClient) client = scripted_client (s, "stall");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BvBbbVersion) version = NULL;
  g_autoptr(GError) error = NULL;

  bv_bbb_client_get_version_async (client, NULL, result_cb, &result);
  while (s->paused->len == 0)
    bv_test_spin (10);
  g_object_run_dispose (G_OBJECT (client));

  version = bv_bbb_client_get_version_finish (client, wait_result (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A raw socket shows the request exactly as it went over the wire:
 * SoupServer would hand over an already normalised URI. */

typedef struct
{
  GMutex     lock;
  GPtrArray *requests;
} Wire;

static gboolean
wire_run_cb (GThreadedSocketService *service,
             GSocketConnection      *connection,
             GObject                *source_object,
             gpointer                user_data)
{
  static const char answer[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nConnection: close\r\nContent-Length: %u\r\n\r\n%s";
  Wire *wire = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GString) request = g_string_new (NULL);
  g_autofree char *reply = NULL;
  char buffer[4096];

  g_socket_set_timeout (g_socket_connection_get_socket (connection), 10);
  while (!strstr (request->str, "\r\n\r\n") && request->len < 64 * 1024)
    {
      gssize n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        break;
      g_string_append_len (request, buffer, n);
    }

  g_mutex_lock (&wire->lock);
  g_ptr_array_add (wire->requests, g_strdup (request->str));
  g_mutex_unlock (&wire->lock);

  reply = g_strdup_printf (answer, (guint) strlen (MEETINGS_XML), MEETINGS_XML);
  g_output_stream_write_all (out, reply, strlen (reply), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return TRUE;
}

static gboolean
wire_has_request (gpointer data)
{
  Wire *wire = data;
  gboolean has;

  g_mutex_lock (&wire->lock);
  has = wire->requests->len > 0;
  g_mutex_unlock (&wire->lock);

  return has;
}

static void
test_wire_bytes (void)
{
  g_autoptr(GSocketService) service = g_threaded_socket_service_new (2);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(BvBbbClient) client = NULL;
  g_autoptr(BvBbbQuery) query = bv_bbb_query_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *api_url = NULL;
  g_autofree char *url = NULL;
  g_autofree char *request_line = NULL;
  const char *request;
  Wire wire;

  g_mutex_init (&wire.lock);
  wire.requests = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (service, "run", G_CALLBACK (wire_run_cb), &wire);
  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_socket_service_start (service);

  api_url = g_strdup_printf ("http://127.0.0.1:%u/bigbluebutton/api/",
                             g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  client = bv_bbb_client_new (api_url, SECRET, BV_CHECKSUM_SHA1);
  bv_bbb_client_set_timeouts (client, 5, 10);

  /* ~ is encoded as %7E by the Java rules and "unreserved" for GUri */
  bv_bbb_query_add (query, "fullName", "Jürgen's ~Raum~ (A*B) 100% [x]");
  bv_bbb_query_add (query, "meetingID", "abc~123");
  url = bv_bbb_client_build_url (client, "getRecordings", query);
  g_assert_nonnull (strstr (url, "%7E"));

  bv_bbb_client_get_recordings_async (client, query, NULL, result_cb, &result);
  {
    g_autoptr(GListModel) list = bv_bbb_client_get_recordings_finish (client, wait_result (&result),
                                                                      NULL, &error);
    /* the canned answer is about meetings, so the parser may object;
     * what counts is what was sent */
    g_clear_error (&error);
  }
  bv_test_wait_until (wire_has_request, &wire);

  g_mutex_lock (&wire.lock);
  request = g_ptr_array_index (wire.requests, 0);
  request_line = g_strdup_printf ("GET /bigbluebutton/api/getRecordings?%s HTTP/1.1\r\n",
                                  strchr (url, '?') + 1);
  g_assert_true (g_str_has_prefix (request, request_line));
  g_assert_null (strstr (request, SECRET));
  g_mutex_unlock (&wire.lock);

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  g_ptr_array_unref (wire.requests);
  g_mutex_clear (&wire.lock);
}

/* Transport failures */

static void
test_connection_refused (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbClient) client = NULL;
  g_autofree char *api_url = NULL;

  /* a port that was just free and is closed again */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  api_url = g_strdup_printf ("http://127.0.0.1:%u/bigbluebutton/api/",
                             g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, &error);
  g_assert_no_error (error);

  client = bv_bbb_client_new (api_url, SECRET, BV_CHECKSUM_SHA256);
  bv_bbb_client_set_timeouts (client, 5, 10);
  assert_version_error (client, BV_BBB_ERROR_CONNECTION_REFUSED);
}

static void
test_host_not_found (void)
{
  g_autoptr(BvBbbClient) client = bv_bbb_client_new ("https://bbb.example.invalid/bigbluebutton/api/",
                                                     SECRET, BV_CHECKSUM_SHA256);
  guint before = test_resolver->lookups;

  bv_bbb_client_set_timeouts (client, 5, 10);
  assert_version_error (client, BV_BBB_ERROR_HOST_NOT_FOUND);
  g_assert_cmpuint (test_resolver->lookups, >, before);
}

static void
test_insecure_url (void)
{
  g_autoptr(BvBbbClient) client = bv_bbb_client_new ("http://bbb.example.org/bigbluebutton/api/",
                                                     SECRET, BV_CHECKSUM_SHA256);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) meetings = NULL;
  guint before = test_resolver->lookups;

  assert_version_error (client, BV_BBB_ERROR_INSECURE_URL);
  meetings = get_meetings (client, &error);
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_INSECURE_URL);

  /* refused before even looking the name up */
  g_assert_cmpuint (test_resolver->lookups, ==, before);
}

static GTlsCertificate *
load_certificate (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate = g_tls_certificate_new_from_file (path, &error);

  g_assert_no_error (error);
  return certificate;
}

static GTlsDatabase *
test_ca_database (void)
{
  g_autofree char *path = data_path ("test-ca.pem");
  g_autoptr(GError) error = NULL;
  GTlsDatabase *database = g_tls_file_database_new (path, &error);

  g_assert_no_error (error);
  return database;
}

static void
test_tls_untrusted (void)
{
  g_autoptr(GTlsCertificate) certificate = load_certificate ("test-server.pem");
  g_autoptr(Scripted) s = scripted_new (certificate);
  g_autoptr(BvBbbClient) client = scripted_client (s, "ok");

  /* glib-networking must be there, or every TLS test fails for that */
  g_assert_true (g_tls_backend_supports_tls (g_tls_backend_get_default ()));
  assert_version_error (client, BV_BBB_ERROR_TLS_CERTIFICATE);
  g_assert_cmpuint (s->paths->len, ==, 0);
}

static void
test_tls_trusted (void)
{
  g_autoptr(GTlsCertificate) certificate = load_certificate ("test-server.pem");
  g_autoptr(GTlsDatabase) database = test_ca_database ();
  g_autoptr(Scripted) s = scripted_new (certificate);
  g_autoptr(BvBbbClient) client = scripted_client (s, "ok");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbVersion) version = NULL;
  g_autoptr(GListModel) meetings = NULL;

  g_assert_true (g_str_has_prefix (s->base, "https://"));
  bv_bbb_client_set_tls_database (client, database);
  version = get_version (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bv_bbb_version_get_api_version (version), ==, "2.0");

  meetings = get_meetings (client, &error);
  g_assert_no_error (error);
  assert_signed ("getMeetings", g_ptr_array_index (s->queries, 1), SECRET);
}

static void
test_tls_wrong_host (void)
{
  g_autoptr(GTlsCertificate) certificate = load_certificate ("test-wrong-host.pem");
  g_autoptr(GTlsDatabase) database = test_ca_database ();
  g_autoptr(Scripted) s = scripted_new (certificate);
  g_autoptr(BvBbbClient) client = scripted_client (s, "ok");

  /* trusted issuer, but issued for another name */
  bv_bbb_client_set_tls_database (client, database);
  assert_version_error (client, BV_BBB_ERROR_TLS_CERTIFICATE);
  g_assert_cmpuint (s->paths->len, ==, 0);
}

/* An https server may not send a call on to plain http, not even on this
 * computer, where it would reach services that trust local requests. */
static void
test_tls_redirect_to_plain_local (void)
{
  g_autoptr(GTlsCertificate) certificate = load_certificate ("test-server.pem");
  g_autoptr(GTlsDatabase) database = test_ca_database ();
  g_autoptr(Scripted) secure = scripted_new (certificate);
  g_autoptr(Scripted) plain = scripted_new (NULL);
  g_autoptr(BvBbbClient) client = scripted_client (secure, "redirectto");

  g_assert_true (g_str_has_prefix (plain->base, "http://127.0.0.1:"));
  secure->location = g_strdup (plain->base);
  bv_bbb_client_set_tls_database (client, database);
  assert_version_error (client, BV_BBB_ERROR_INSECURE_URL);
  g_assert_cmpuint (secure->paths->len, ==, 1);
  g_assert_cmpuint (plain->paths->len, ==, 0);
}

/* From https to https elsewhere is what a moved server does. */
static void
test_tls_redirect_to_tls (void)
{
  g_autoptr(GTlsCertificate) certificate = load_certificate ("test-server.pem");
  g_autoptr(GTlsDatabase) database = test_ca_database ();
  g_autoptr(Scripted) old_home = scripted_new (certificate);
  g_autoptr(Scripted) new_home = scripted_new (certificate);
  g_autoptr(BvBbbClient) client = scripted_client (old_home, "redirectto");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbVersion) version = NULL;

  old_home->location = g_strdup (new_home->base);
  bv_bbb_client_set_tls_database (client, database);
  version = get_version (client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (version);
  g_assert_cmpuint (new_home->paths->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (new_home->paths, 0), ==, "/ok/api/");
}

/* Plain http to plain http on this computer stays allowed: the practice
 * server and local test servers. */
static void
test_scripted_redirect_plain_local (void)
{
  g_autoptr(Scripted) first = scripted_new (NULL);
  g_autoptr(Scripted) second = scripted_new (NULL);
  g_autoptr(BvBbbClient) client = scripted_client (first, "redirectto");
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbVersion) version = NULL;

  first->location = g_strdup (second->base);
  version = get_version (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->paths->len, ==, 1);
}

static gboolean
plain_http_run_cb (GThreadedSocketService *service,
                   GSocketConnection      *connection,
                   GObject                *source_object,
                   gpointer                user_data)
{
  static const char answer[] =
    "HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nConnection: close\r\n"
    "Content-Length: 11\r\n\r\nBad Request";
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  /* what nginx says to a TLS hello on its plain port */
  g_socket_set_timeout (g_socket_connection_get_socket (connection), 10);
  g_output_stream_write_all (out, answer, strlen (answer), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return TRUE;
}

static void
test_tls_not_tls (void)
{
  g_autoptr(GSocketService) service = g_threaded_socket_service_new (2);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbClient) client = NULL;
  g_autofree char *api_url = NULL;

  g_signal_connect (service, "run", G_CALLBACK (plain_http_run_cb), NULL);
  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_socket_service_start (service);

  /* https:// to a plain-HTTP port */
  api_url = g_strdup_printf ("https://127.0.0.1:%u/bigbluebutton/api/",
                             g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  client = bv_bbb_client_new (api_url, SECRET, BV_CHECKSUM_SHA256);
  bv_bbb_client_set_timeouts (client, 5, 10);
  assert_version_error (client, BV_BBB_ERROR_TLS);

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
}

static void
test_build_url (void)
{
  g_autoptr(BvBbbClient) client = bv_bbb_client_new ("https://bbb.example.org/bigbluebutton/api/",
                                                     "639259d4-9dd8-4b25-bf01-95f9567eaf4b",
                                                     BV_CHECKSUM_SHA1);
  g_autoptr(BvBbbQuery) query = bv_bbb_query_new ();
  g_autofree char *url = NULL;
  g_autofree char *empty = NULL;

  /* the example of the official documentation */
  bv_bbb_query_add (query, "name", "Test Meeting");
  bv_bbb_query_add (query, "meetingID", "abc123");
  bv_bbb_query_add (query, "attendeePW", "111222");
  bv_bbb_query_add (query, "moderatorPW", "333444");
  url = bv_bbb_client_build_url (client, "create", query);
  g_assert_cmpstr (url, ==,
                   "https://bbb.example.org/bigbluebutton/api/create?name=Test+Meeting&meetingID=abc123"
                   "&attendeePW=111222&moderatorPW=333444&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17");

  empty = bv_bbb_client_build_url (client, "getMeetings", NULL);
  g_assert_cmpstr (empty, ==,
                   "https://bbb.example.org/bigbluebutton/api/getMeetings"
                   "?checksum=2027baa7771026e9e93392f55031535d1444c41f");
  g_assert_cmpstr (bv_bbb_client_get_api_url (client), ==,
                   "https://bbb.example.org/bigbluebutton/api/");
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  memset (filler, 'x', sizeof filler);
  test_resolver = g_object_new (TEST_TYPE_RESOLVER, NULL);
  g_resolver_set_default (G_RESOLVER (test_resolver));

  /* The TLS cases are built into their own executable (see
   * tests/meson.build): LeakSanitizer cannot run them. */
#ifdef BV_TEST_TLS_ONLY
  if (TRUE)
#else
  if (FALSE)
#endif
    {
      g_test_add_func ("/bbb/bbb-client/tls/untrusted", test_tls_untrusted);
      g_test_add_func ("/bbb/bbb-client/tls/trusted", test_tls_trusted);
      g_test_add_func ("/bbb/bbb-client/tls/wrong-host", test_tls_wrong_host);
      g_test_add_func ("/bbb/bbb-client/tls/not-tls", test_tls_not_tls);
      g_test_add_func ("/bbb/bbb-client/tls/redirect-to-plain-local", test_tls_redirect_to_plain_local);
      g_test_add_func ("/bbb/bbb-client/tls/redirect-to-tls", test_tls_redirect_to_tls);
      return g_test_run ();
    }

  g_test_add_func ("/bbb/bbb-client/build-url", test_build_url);

#define PRACTICE_TEST(path, func) \
  g_test_add ("/bbb/bbb-client/practice/" path, Practice, NULL, practice_setup, func, practice_teardown)
  PRACTICE_TEST ("version", test_practice_version);
  PRACTICE_TEST ("create", test_practice_create);
  PRACTICE_TEST ("create-with-modules", test_practice_create_with_modules);
  PRACTICE_TEST ("running-after-join", test_practice_running_after_join);
  PRACTICE_TEST ("info-meetings-end", test_practice_info_meetings_end);
  PRACTICE_TEST ("recordings", test_practice_recordings);
  PRACTICE_TEST ("publish-delete", test_practice_publish_delete);
  PRACTICE_TEST ("insert-document", test_practice_insert_document);
  PRACTICE_TEST ("wrong-secret", test_practice_wrong_secret);
  PRACTICE_TEST ("algorithms", test_practice_algorithms);
  PRACTICE_TEST ("raw-queries", test_practice_raw_queries);
#undef PRACTICE_TEST

  g_test_add_func ("/bbb/bbb-client/scripted/http-status", test_scripted_http_status);
  g_test_add_func ("/bbb/bbb-client/scripted/html-page", test_scripted_html_page);
  g_test_add_func ("/bbb/bbb-client/scripted/empty", test_scripted_empty);
  g_test_add_func ("/bbb/bbb-client/scripted/truncated", test_scripted_truncated);
  g_test_add_func ("/bbb/bbb-client/scripted/not-bbb", test_scripted_not_bbb);
  g_test_add_func ("/bbb/bbb-client/scripted/wrong-content-type", test_scripted_wrong_content_type);
  g_test_add_func ("/bbb/bbb-client/scripted/stall", test_scripted_stall);
  g_test_add_func ("/bbb/bbb-client/scripted/io-timeout", test_scripted_io_timeout);
  g_test_add_func ("/bbb/bbb-client/scripted/redirect-loop", test_scripted_redirect_loop);
  g_test_add_func ("/bbb/bbb-client/scripted/redirect-once", test_scripted_redirect_once);
  g_test_add_func ("/bbb/bbb-client/scripted/redirect-insecure", test_scripted_redirect_insecure);
  g_test_add_func ("/bbb/bbb-client/scripted/redirect-plain-local", test_scripted_redirect_plain_local);
  g_test_add_func ("/bbb/bbb-client/scripted/too-large", test_scripted_too_large);
  g_test_add_func ("/bbb/bbb-client/scripted/too-large-endless", test_scripted_too_large_endless);
  g_test_add_func ("/bbb/bbb-client/scripted/too-large-announced", test_scripted_too_large_announced);
  g_test_add_func ("/bbb/bbb-client/scripted/requests", test_scripted_requests);
  g_test_add_func ("/bbb/bbb-client/scripted/create-body", test_scripted_create_body);
  g_test_add_func ("/bbb/bbb-client/scripted/caller-cancel", test_scripted_caller_cancel);
  g_test_add_func ("/bbb/bbb-client/scripted/cancelled-before", test_scripted_cancelled_before);
  g_test_add_func ("/bbb/bbb-client/scripted/dispose-cancels", test_scripted_dispose_cancels);
  g_test_add_func ("/bbb/bbb-client/wire-bytes", test_wire_bytes);
  g_test_add_func ("/bbb/bbb-client/connection-refused", test_connection_refused);
  g_test_add_func ("/bbb/bbb-client/host-not-found", test_host_not_found);
  g_test_add_func ("/bbb/bbb-client/insecure-url", test_insecure_url);
  return g_test_run ();
}
