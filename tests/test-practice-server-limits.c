/* test-practice-server-limits.c
 *
 * The practice server against whoever can reach its port without the
 * secret: a flood of unsigned requests (memory read from /proc), bodies
 * over the limit, chunked or announced, and requests for another host
 * (DNS rebinding). Plain sockets in a thread, so that the bytes on the wire
 * are exactly the test's; the server runs on the main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bv-bbb-query.h"
#include "bv-practice-server-private.h"

#define SECRET "practice-secret"

#ifdef __SANITIZE_ADDRESS__
/* from libasan (sanitizer/allocator_interface.h, which GCC does not ship) */
size_t __sanitizer_get_current_allocated_bytes (void);
#endif

typedef GBytes *(*MakeRequest) (const char *host,
                                guint       i);

typedef struct
{
  guint16     port;
  GPtrArray  *requests;   /* of GBytes, sent one per connection */
  MakeRequest make;       /* or made as they are sent, so as not to count them */
  char       *host;
  guint       count;
  GPtrArray *responses;  /* of char *, the status lines */
  gboolean   done;
} Exchange;

static char *
exchange_one (GSocketClient *client,
              guint16        port,
              GBytes        *request)
{
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) response = g_string_new (NULL);
  GInputStream *in;
  char buffer[4096];
  gssize n;
  char *eol;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  g_assert_no_error (error);
  /* A server that refuses early may close while the body is still on its
   * way; what it answered is what counts. */
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             g_bytes_get_data (request, NULL), g_bytes_get_size (request),
                             NULL, NULL, NULL);
  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (response, buffer, n);

  eol = strstr (response->str, "\r\n");
  return eol ? g_strndup (response->str, eol - response->str) : g_strdup (response->str);
}

static gpointer
exchange_thread (gpointer data)
{
  Exchange *exchange = data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();

  g_socket_client_set_timeout (client, 30);
  for (guint i = 0; i < exchange->count; i++)
    {
      g_autoptr(GBytes) request = exchange->make ? exchange->make (exchange->host, i)
                                                 : g_bytes_ref (g_ptr_array_index (exchange->requests, i));

      g_ptr_array_add (exchange->responses, exchange_one (client, exchange->port, request));
    }
  g_atomic_int_set (&exchange->done, TRUE);
  g_main_context_wakeup (NULL);
  return NULL;
}

static char *host_of (BvPracticeServer *server);

/* Sends each request on its own connection; returns the status lines. */
static GPtrArray *
exchange_made (BvPracticeServer *server,
               GPtrArray        *requests,
               MakeRequest       make,
               guint             count)
{
  g_autoptr(GUri) base = g_uri_parse (bv_practice_server_get_api_url (server), G_URI_FLAGS_NONE, NULL);
  g_autofree char *host = host_of (server);
  Exchange ex = { 0 };
  GThread *thread;

  ex.port = (guint16) g_uri_get_port (base);
  ex.requests = requests;
  ex.make = make;
  ex.host = host;
  ex.count = requests ? requests->len : count;
  ex.responses = g_ptr_array_new_with_free_func (g_free);
  thread = g_thread_new ("exchange", exchange_thread, &ex);
  while (!g_atomic_int_get (&ex.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  /* whatever the last answer left to do */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return ex.responses;
}

static GPtrArray *
exchange (BvPracticeServer *server,
          GPtrArray        *requests)
{
  return exchange_made (server, requests, NULL, 0);
}

static GBytes *
text_bytes (char *text)
{
  return g_bytes_new_take (text, strlen (text));
}

static char *
host_of (BvPracticeServer *server)
{
  g_autoptr(GUri) base = g_uri_parse (bv_practice_server_get_api_url (server), G_URI_FLAGS_NONE, NULL);

  return g_strdup_printf ("127.0.0.1:%d", g_uri_get_port (base));
}

static BvPracticeServer *
start_server (void)
{
  BvPracticeServer *server = bv_practice_server_new (SECRET);
  g_autoptr(GError) error = NULL;

  g_assert_true (bv_practice_server_start (server, &error));
  g_assert_no_error (error);
  return server;
}

/* kB of resident memory, as the kernel counts it. Under AddressSanitizer
 * freed blocks wait in a quarantine of up to 256 MiB, so resident memory
 * grows whatever the server keeps: there the live heap is counted. */
static guint64
memory_kb (void)
{
#ifdef __SANITIZE_ADDRESS__
  return __sanitizer_get_current_allocated_bytes () / 1024;
#else
  g_autofree char *status = NULL;
  g_autoptr(GError) error = NULL;
  const char *line;

  g_file_get_contents ("/proc/self/status", &status, NULL, &error);
  g_assert_no_error (error);
  line = strstr (status, "\nVmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("\nVmRSS:"), NULL, 10);
#endif
}

/* Unsigned, 8 KB each: half with the 8 KB in the query, half in a form
 * body, as a web page or a local process could send them. */
static GBytes *
flood_request (const char *host,
               guint       i)
{
  g_autofree char *filler = g_strnfill (8 * 1024, 'x');

  if (i % 2 == 0)
    return text_bytes (g_strdup_printf (
      "GET /bigbluebutton/api/create?meetingID=flood%u&name=%s&checksum=0000000000000000000000000000000000000000 HTTP/1.1\r\n"
      "Host: %s\r\n\r\n", i, filler, host));
  return text_bytes (g_strdup_printf (
    "POST /bigbluebutton/api/create?meetingID=flood%u HTTP/1.1\r\n"
    "Host: %s\r\nContent-Type: application/x-www-form-urlencoded\r\n"
    "Content-Length: %zu\r\n\r\nname=%s", i, host, strlen ("name=") + strlen (filler), filler));
}

static void
test_flood (void)
{
  g_autoptr(BvPracticeServer) server = start_server ();
  g_autoptr(GPtrArray) responses = NULL;
  guint64 before;
  guint64 after;

  /* The first requests allocate what every later one reuses (sockets,
   * libsoup's and GLib's caches, the log's ring): count from after them. */
  responses = exchange_made (server, NULL, flood_request, 500);
  g_clear_pointer (&responses, g_ptr_array_unref);
  before = memory_kb ();

  responses = exchange_made (server, NULL, flood_request, 20000);
  after = memory_kb ();

  g_assert_cmpuint (responses->len, ==, 20000);
  for (guint i = 0; i < responses->len; i++)
    g_assert_cmpstr (g_ptr_array_index (responses, i), ==, "HTTP/1.1 200 OK");
  g_assert_cmpuint (bv_practice_server_get_request_count (server), ==, 20500);
  g_assert_cmpuint (bv_practice_server_count_calls (server, "create"), ==, 0);
  g_test_message ("20,000 unsigned 8 KB requests: memory %" G_GUINT64_FORMAT " kB, then %"
                  G_GUINT64_FORMAT " kB", before, after);
  /* The target; an unbounded log alone would be 160 MB. */
  g_assert_cmpuint (after, <, before + 20 * 1024);
}

static char *
signed_create (const char *query)
{
  g_autofree char *checksum = bv_bbb_checksum (BV_CHECKSUM_SHA1, "create", query, SECRET);

  return g_strdup_printf ("/bigbluebutton/api/create?%s&checksum=%s", query, checksum);
}

/* What bv-join sends: the slides, base64 in the <modules> document. */
static char *
slides_body (gsize size)
{
  g_autofree guchar *slide = g_malloc (size);
  g_autofree char *encoded = NULL;

  for (gsize i = 0; i < size; i++)
    slide[i] = (guchar) (i * 7 + i / 251);
  encoded = g_base64_encode (slide, size);
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<modules><module name=\"presentation\">"
                          "<document name=\"folien.pdf\">%s</document>"
                          "</module></modules>\n", encoded);
}

static GBytes *
post_request (BvPracticeServer *server,
              const char       *target,
              const char       *body,
              gsize             body_length,
              gboolean          chunked)
{
  g_autofree char *host = host_of (server);
  GString *request = g_string_new (NULL);

  g_string_append_printf (request, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/xml\r\n",
                          target, host);
  if (!chunked)
    {
      g_string_append_printf (request, "Content-Length: %zu\r\n\r\n", body_length);
      g_string_append_len (request, body, body_length);
    }
  else
    {
      g_string_append (request, "Transfer-Encoding: chunked\r\n\r\n");
      for (gsize at = 0; at < body_length; at += 64 * 1024)
        {
          gsize piece = MIN (64 * 1024, body_length - at);

          g_string_append_printf (request, "%zx\r\n", piece);
          g_string_append_len (request, body + at, piece);
          g_string_append (request, "\r\n");
        }
      g_string_append (request, "0\r\n\r\n");
    }
  return g_string_free_to_bytes (request);
}

static void
test_body_limit (void)
{
  g_autoptr(BvPracticeServer) server = start_server ();
  /* 1,400,000 bytes of slides, the app's limit (BV_JOIN_SLIDES_MAX_BYTES) */
  g_autofree char *slides = slides_body (1400000);
  g_autofree char *big = g_strnfill (BV_PRACTICE_BODY_MAX + 1, 'a');
  g_autofree char *fits = signed_create ("meetingID=folien&name=Folien");
  g_autofree char *fits_chunked = signed_create ("meetingID=folien-stueckweise&name=Folien");
  g_autofree char *too_big = signed_create ("meetingID=zu-gross&name=Zu+gross");
  g_autofree char *too_big_chunked = signed_create ("meetingID=zu-gross-stueckweise&name=Zu+gross");
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) responses = NULL;
  g_auto(GStrv) documents = NULL;

  g_assert_cmpuint (strlen (slides), <, BV_PRACTICE_BODY_MAX);
  g_ptr_array_add (requests, post_request (server, fits, slides, strlen (slides), FALSE));
  g_ptr_array_add (requests, post_request (server, fits_chunked, slides, strlen (slides), TRUE));
  g_ptr_array_add (requests, post_request (server, too_big, big, strlen (big), FALSE));
  g_ptr_array_add (requests, post_request (server, too_big_chunked, big, strlen (big), TRUE));
  responses = exchange (server, requests);

  g_assert_cmpstr (g_ptr_array_index (responses, 0), ==, "HTTP/1.1 200 OK");
  g_assert_cmpstr (g_ptr_array_index (responses, 1), ==, "HTTP/1.1 200 OK");
  g_assert_cmpstr (g_ptr_array_index (responses, 2), ==, "HTTP/1.1 413 Request Entity Too Large");
  g_assert_cmpstr (g_ptr_array_index (responses, 3), ==, "HTTP/1.1 413 Request Entity Too Large");

  documents = bv_practice_server_dup_documents (server, "folien");
  g_assert_nonnull (documents);
  g_assert_cmpstr (documents[0], ==, "folien.pdf");
  g_clear_pointer (&documents, g_strfreev);
  documents = bv_practice_server_dup_documents (server, "folien-stueckweise");
  g_assert_nonnull (documents);
  /* refused before any handler: no room, nothing logged */
  g_assert_null (bv_practice_server_dup_documents (server, "zu-gross"));
  g_assert_null (bv_practice_server_dup_documents (server, "zu-gross-stueckweise"));
  g_assert_cmpuint (bv_practice_server_get_request_count (server), ==, 2);
}

static char *
with_port (const char *pattern,
           int         port)
{
  g_autofree char *number = g_strdup_printf ("%d", port);
  g_autoptr(GString) text = g_string_new (pattern);

  g_string_replace (text, "PORT", number, 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A browser sends the name it looked up as Host: a hostile page whose
 * name resolves to 127.0.0.1 gives itself away. */
static void
test_host (void)
{
  g_autoptr(BvPracticeServer) server = start_server ();
  g_autoptr(GUri) base = g_uri_parse (bv_practice_server_get_api_url (server), G_URI_FLAGS_NONE, NULL);
  int port = g_uri_get_port (base);
  g_autofree char *target = signed_create ("meetingID=rebinding&name=Rebinding");
  const char *refused[] = { "evil.example:PORT", "evil.example", "127.0.0.1", "localhost",
                            "127.0.0.1:PORT0", "localhost.evil.example:PORT", "127.0.0.2:PORT",
                            "x.localhost:PORT", "[::1]:PORT", NULL };
  const char *accepted[] = { "127.0.0.1:PORT", "localhost:PORT", "LocalHost:PORT", NULL };
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) responses = NULL;
  guint n_refused = g_strv_length ((GStrv) refused);

  for (guint i = 0; refused[i]; i++)
    {
      g_autofree char *host = with_port (refused[i], port);

      g_ptr_array_add (requests, text_bytes (g_strdup_printf ("GET %s HTTP/1.1\r\nHost: %s\r\n\r\n",
                                                              target, host)));
    }
  /* HTTP/1.0 needs no Host; we do */
  g_ptr_array_add (requests, text_bytes (g_strdup_printf ("GET %s HTTP/1.0\r\n\r\n", target)));
  for (guint i = 0; accepted[i]; i++)
    {
      g_autofree char *host = with_port (accepted[i], port);

      g_ptr_array_add (requests, text_bytes (g_strdup_printf ("GET /bigbluebutton/api HTTP/1.1\r\nHost: %s\r\n\r\n",
                                                              host)));
    }
  responses = exchange (server, requests);

  for (guint i = 0; i <= n_refused; i++)
    {
      const char *status = g_ptr_array_index (responses, i);

      /* 421, or 400 where libsoup itself cannot make a URI of the Host */
      g_test_message ("refused %u: %s", i, status);
      g_assert_true (g_str_has_prefix (status, "HTTP/1.1 421") || g_str_has_prefix (status, "HTTP/1.0 421") ||
                     g_str_has_prefix (status, "HTTP/1.1 400"));
    }
  for (guint i = n_refused + 1; i < responses->len; i++)
    g_assert_cmpstr (g_ptr_array_index (responses, i), ==, "HTTP/1.1 200 OK");
  /* the refused never reached the API: no room, not logged */
  g_assert_null (bv_practice_server_dup_documents (server, "rebinding"));
  g_assert_cmpuint (bv_practice_server_get_request_count (server), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/practice/practice-server/limits/host", test_host);
  g_test_add_func ("/practice/practice-server/limits/body", test_body_limit);
  g_test_add_func ("/practice/practice-server/limits/flood", test_flood);

  return g_test_run ();
}
