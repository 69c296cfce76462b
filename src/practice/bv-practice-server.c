/* bv-practice-server.c
 *
 * The socket and the dispatch: connections come in through the tap, Host
 * and body size are checked before any handler runs, API calls are logged
 * and handed to the call table. The calls themselves live in
 * bv-practice-rooms.c and bv-practice-recordings.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-practice"

#include "config.h"

#include "bv-practice-internal.h"

#include <string.h>

#include "bv-bbb-query.h"
#include "bv-practice-tap-stream.h"
#include "bv-secure.h"

/* The practice server speaks the BigBlueButton API on loopback so that
 * people can try everything offline, and it is the server of the test
 * suite. Its answers imitate bbb-web 3.0 (bbb-api.md §1–§6): XML without a
 * declaration and without whitespace, HTTP 200 even for FAILED. Rooms live
 * in memory; their expiry is evaluated on every request, so nothing runs
 * while nobody asks. */

#define PRACTICE_BBB_VERSION "3.0.19"

G_DEFINE_FINAL_TYPE (BvPracticeServer, bv_practice_server, G_TYPE_OBJECT)

gint64
bv_practice_server_now_ms (BvPracticeServer *self)
{
  if (self->now_ms)
    return self->now_ms (self->clock_data);
  return g_get_real_time () / 1000;
}

static const BvPracticeCall calls[] = {
  { "create", bv_practice_handle_create, TRUE, FALSE, FALSE },
  { "join", bv_practice_handle_join, FALSE, FALSE, TRUE },
  { "isMeetingRunning", bv_practice_handle_is_meeting_running, FALSE, FALSE, FALSE },
  { "getMeetingInfo", bv_practice_handle_get_meeting_info, FALSE, FALSE, FALSE },
  { "getMeetings", bv_practice_handle_get_meetings, FALSE, FALSE, FALSE },
  { "end", bv_practice_handle_end, FALSE, FALSE, FALSE },
  { "insertDocument", bv_practice_handle_insert_document, TRUE, TRUE, FALSE },
  { "getRecordings", bv_practice_handle_get_recordings, FALSE, FALSE, FALSE },
  { "publishRecordings", bv_practice_handle_publish_recordings, FALSE, FALSE, FALSE },
  { "deleteRecordings", bv_practice_handle_delete_recordings, FALSE, FALSE, FALSE },
  { "updateRecordings", bv_practice_handle_update_recordings, FALSE, FALSE, FALSE },
};

/* ---- HTTP -------------------------------------------------------------- */

static gboolean
target_matches (const char *target,
                GUri       *uri)
{
  g_autofree char *full = NULL;
  g_autoptr(GUri) parsed = NULL;

  full = target[0] == '/' ? g_strconcat ("http://127.0.0.1", target, NULL) : g_strdup (target);
  parsed = g_uri_parse (full, SOUP_HTTP_URI_FLAGS, NULL);
  return parsed &&
         g_strcmp0 (g_uri_get_path (parsed), g_uri_get_path (uri)) == 0 &&
         g_strcmp0 (g_uri_get_query (parsed), g_uri_get_query (uri)) == 0;
}

/* The query string exactly as it came over the wire: the request target
 * the tap on this connection noted for this request. Targets before it
 * belong to requests that never reached a handler. */
char *
bv_practice_server_take_raw_query (BvPracticeServer  *self,
                                   SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);
  BvPracticeTapStream *tap = NULL;

  if (G_IS_INET_SOCKET_ADDRESS (remote))
    tap = g_hash_table_lookup (self->taps,
                               GUINT_TO_POINTER (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote))));
  if (tap)
    {
      char *target;

      while ((target = bv_practice_tap_stream_pop_target (tap)))
        {
          g_autofree char *owned = target;

          if (target_matches (target, uri))
            {
              const char *question = strchr (target, '?');

              return g_strdup (question ? question + 1 : "");
            }
        }
    }

  g_warning ("A request did not come through the tap; its query string may be normalised");
  return g_strdup (g_uri_get_query (uri) ? g_uri_get_query (uri) : "");
}

static void answer_api (SoupServer *server, SoupServerMessage *msg, const char *path,
                        GHashTable *query, gpointer user_data);

static gboolean
delay_elapsed_cb (gpointer data)
{
  SoupServerMessage *msg = data;

  soup_server_message_unpause (msg);
  g_object_unref (msg);
  return G_SOURCE_REMOVE;
}

static void
api_handler_cb (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  BvPracticeServer *self = user_data;

  /* A server that is down behind its proxy: nothing gets through. */
  if (self->unavailable)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      return;
    }

  answer_api (server, msg, path, query, user_data);

  /* The answer is ready; holding it back imitates a distant server. */
  if (self->delay_ms > 0)
    {
      soup_server_message_pause (msg);
      g_timeout_add (self->delay_ms, delay_elapsed_cb, g_object_ref (msg));
    }
}

static void
practice_request_free (gpointer data)
{
  BvPracticeRequest *request = data;

  g_free (request->call);
  g_free (request->raw_query);
  g_free (request);
}

/* Bounded, because anyone who can reach the port writes into it. */
static void
log_request (BvPracticeServer *self,
             const char       *call,
             const char       *raw_query,
             gboolean          checksum_valid)
{
  BvPracticeRequest *request = g_new0 (BvPracticeRequest, 1);

  self->request_count++;
  request->call = g_strndup (call, 64);
  request->raw_query = g_strndup (raw_query, BV_PRACTICE_LOG_QUERY_MAX);
  request->checksum_valid = checksum_valid;
  if (self->requests->len == BV_PRACTICE_LOG_SIZE)
    {
      g_ptr_array_remove_index (self->requests, 0);
      g_ptr_array_remove_index (self->raw_queries, 0);
    }
  g_ptr_array_add (self->requests, request);
  g_ptr_array_add (self->raw_queries, request->raw_query);
  if (self->request_func)
    self->request_func (request, self->request_data);
}

static void
answer_api (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  BvPracticeServer *self = user_data;
  g_autofree char *raw_query = bv_practice_server_take_raw_query (self, msg);
  g_autoptr(BvPracticeParams) params = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  const BvPracticeCall *call = NULL;
  const char *name;
  BvChecksumAlgorithm algorithm;
  gboolean checksum_valid;

  if (!g_str_equal (path, "/bigbluebutton/api") && !g_str_has_prefix (path, "/bigbluebutton/api/"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  bv_practice_expire_rooms (self);

  name = path + strlen ("/bigbluebutton/api");
  if (*name == '/')
    name++;
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    if (g_str_equal (calls[i].name, name))
      call = &calls[i];
  checksum_valid = call && bv_bbb_verify_checksum (call->name, raw_query, self->secret, &algorithm);
  if (checksum_valid && self->accepted_algorithms &&
      !(self->accepted_algorithms & BV_PRACTICE_ALGORITHM (algorithm)))
    checksum_valid = FALSE;
  log_request (self, name, raw_query, checksum_valid);

  if (!*name)
    {
      bv_practice_xml_send (msg, g_string_append (bv_practice_xml_response_new (TRUE),
                                                  "<version>2.0</version><apiVersion>2.0</apiVersion>"
                                                  "<bbbVersion>" PRACTICE_BBB_VERSION "</bbbVersion>"));
      return;
    }

  if (!call)
    {
      bv_practice_xml_send_failed (msg, "unsupportedRequest", "This request is not supported.");
      return;
    }

  g_debug ("Practice call %s", call->name);
  if (!checksum_valid)
    {
      bv_practice_xml_send_failed (msg, "checksumError", "Checksums do not match");
      return;
    }

  params = bv_practice_params_new ();
  if (!bv_practice_params_parse (params, raw_query, strlen (raw_query)))
    {
      bv_practice_xml_send_failed (msg, "validationError", "The query string is not correctly encoded");
      return;
    }
  if (!bv_practice_take_body (msg, call, params, &documents))
    return;

  call->func (self, msg, params, documents);
}

/* A refused request's body is still read (the connection stays in step)
 * but no longer kept. With a status set, libsoup calls no handler. */
static void
refuse (SoupServerMessage *msg,
        guint              status)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (soup_server_message_get_status (msg) == 0)
    soup_server_message_set_status (msg, status, NULL);
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);
}

/* Against DNS rebinding: a web page whose name a hostile DNS server points
 * at 127.0.0.1 sends its own name as Host, and may not talk to us. */
static gboolean
host_is_ours (BvPracticeServer  *self,
              SoupServerMessage *msg)
{
  const char *host = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Host");
  g_autofree char *name = NULL;
  const char *colon;

  if (!host || !self->port)
    return FALSE;
  colon = strrchr (host, ':');
  if (!colon || !g_str_equal (colon + 1, self->port))
    return FALSE;
  name = g_strndup (host, colon - host);
  return g_str_equal (name, "127.0.0.1") || g_ascii_strcasecmp (name, "localhost") == 0;
}

static void
got_headers_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  BvPracticeServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (!host_is_ours (self, msg))
    {
      g_debug ("Refused a request for another host");
      refuse (msg, SOUP_STATUS_MISDIRECTED_REQUEST);
    }
  else if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
           soup_message_headers_get_content_length (headers) > BV_PRACTICE_BODY_MAX)
    refuse (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
}

/* Chunked bodies announce no length: count as they arrive. */
static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (soup_server_message_get_status (msg) == 0 && body->length > BV_PRACTICE_BODY_MAX)
    refuse (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
}

/* libsoup keeps a connection open only when it accepted it itself, and
 * ours come through the tap: say so, or a client would send its next
 * request into a connection that is about to close. */
static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
  g_signal_connect_object (msg, "got-headers", G_CALLBACK (got_headers_cb), user_data, 0);
  g_signal_connect_object (msg, "got-chunk", G_CALLBACK (got_chunk_cb), user_data, 0);
}

static void
tap_gone_cb (gpointer  user_data,
             GObject  *where_the_object_was)
{
  BvPracticeServer *self = user_data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->taps);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer) where_the_object_was)
      g_hash_table_iter_remove (&iter);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  BvPracticeServer *self = user_data;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocketAddress) remote = NULL;
  g_autoptr(BvPracticeTapStream) tap = NULL;
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  gpointer port;
  gpointer old_tap;

  local = g_socket_connection_get_local_address (connection, &error);
  if (local)
    remote = g_socket_connection_get_remote_address (connection, &error);
  if (!remote)
    {
      g_debug ("Could not accept a connection: %s", error->message);
      return TRUE;
    }

  tap = bv_practice_tap_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                                    G_IO_STREAM (connection));
  stream = g_simple_io_stream_new (G_INPUT_STREAM (tap),
                                   g_io_stream_get_output_stream (G_IO_STREAM (connection)));

  port = GUINT_TO_POINTER (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote)));
  old_tap = g_hash_table_lookup (self->taps, port);
  if (old_tap)
    g_object_weak_unref (old_tap, tap_gone_cb, self);
  g_hash_table_insert (self->taps, port, tap);
  g_object_weak_ref (G_OBJECT (tap), tap_gone_cb, self);

  if (!soup_server_accept_iostream (self->server, stream, local, remote, &error))
    g_warning ("Could not accept a connection: %s", error->message);
  return TRUE;
}

/* ---- GObject ----------------------------------------------------------- */

static void
bv_practice_server_dispose (GObject *object)
{
  BvPracticeServer *self = (BvPracticeServer *)object;
  GHashTableIter iter;
  gpointer tap;

  if (self->service)
    {
      g_signal_handlers_disconnect_by_data (self->service, self);
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
      g_clear_object (&self->service);
    }
  if (self->server)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  g_hash_table_iter_init (&iter, self->taps);
  while (g_hash_table_iter_next (&iter, NULL, &tap))
    g_object_weak_unref (tap, tap_gone_cb, self);
  g_hash_table_remove_all (self->taps);

  G_OBJECT_CLASS (bv_practice_server_parent_class)->dispose (object);
}

static void
bv_practice_server_finalize (GObject *object)
{
  BvPracticeServer *self = (BvPracticeServer *)object;

  g_clear_pointer (&self->taps, g_hash_table_unref);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->port, g_free);
  g_clear_pointer (&self->api_url, g_free);
  g_clear_pointer (&self->secret, bv_secure_free_string);
  g_clear_pointer (&self->rooms, g_ptr_array_unref);
  g_clear_pointer (&self->ended, g_hash_table_unref);
  g_clear_pointer (&self->recordings, g_ptr_array_unref);
  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->raw_queries, g_ptr_array_unref);
  g_clear_pointer (&self->requests, g_ptr_array_unref);

  G_OBJECT_CLASS (bv_practice_server_parent_class)->finalize (object);
}

static void
bv_practice_server_class_init (BvPracticeServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bv_practice_server_dispose;
  object_class->finalize = bv_practice_server_finalize;
}

static void
bv_practice_server_init (BvPracticeServer *self)
{
  self->taps = g_hash_table_new (NULL, NULL);
  self->rooms = g_ptr_array_new_with_free_func (bv_practice_room_free);
  self->ended = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->recordings = g_ptr_array_new_with_free_func (bv_practice_recording_free);
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, bv_practice_session_free);
  self->raw_queries = g_ptr_array_new ();
  self->requests = g_ptr_array_new_with_free_func (practice_request_free);
}

/* ---- public API -------------------------------------------------------- */

BvPracticeServer *
bv_practice_server_new (const char *secret)
{
  BvPracticeServer *self;

  g_return_val_if_fail (secret, NULL);

  self = g_object_new (BV_TYPE_PRACTICE_SERVER, NULL);
  self->secret = g_strdup (secret);
  return self;
}

gboolean
bv_practice_server_start (BvPracticeServer  *self,
                          GError           **error)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GSocketService) service = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) effective = NULL;
  guint port;

  g_return_val_if_fail (BV_IS_PRACTICE_SERVER (self), FALSE);
  g_return_val_if_fail (!self->server, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  server = soup_server_new ("server-header", "bbb-vereine-practice", NULL);
  soup_server_add_handler (server, "/bigbluebutton/api", api_handler_cb, self, NULL);
  soup_server_add_handler (server, "/html5client", bv_practice_html5client_cb, self, NULL);
  soup_server_add_handler (server, "/playback", bv_practice_playback_cb, self, NULL);
  soup_server_add_handler (server, "/presentation", bv_practice_playback_cb, self, NULL);
  g_signal_connect (server, "request-started", G_CALLBACK (request_started_cb), self);

  /* Only this computer may reach it: bind to 127.0.0.1, never 0.0.0.0.
   * Connections are accepted here, not by SoupServer, so that the tap can
   * see the request bytes before libsoup normalises them. */
  service = g_socket_service_new ();
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (service), address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                      NULL, &effective, error))
    return FALSE;
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));

  self->server = g_steal_pointer (&server);
  self->service = g_steal_pointer (&service);
  g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);
  g_socket_service_start (self->service);

  self->port = g_strdup_printf ("%u", port);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u", port);
  self->api_url = g_strconcat (self->base_url, "/bigbluebutton/api/", NULL);
  bv_practice_add_sample_recordings (self);
  return TRUE;
}

const char *
bv_practice_server_get_api_url (BvPracticeServer *self)
{
  g_return_val_if_fail (BV_IS_PRACTICE_SERVER (self), NULL);

  return self->api_url;
}

const char *
bv_practice_server_get_secret (BvPracticeServer *self)
{
  g_return_val_if_fail (BV_IS_PRACTICE_SERVER (self), NULL);

  return self->secret;
}

void
bv_practice_server_set_clock (BvPracticeServer    *self,
                              BvPracticeClockFunc  now_ms_func,
                              gpointer             data)
{
  g_return_if_fail (BV_IS_PRACTICE_SERVER (self));

  self->now_ms = now_ms_func;
  self->clock_data = now_ms_func ? data : NULL;
}

guint
bv_practice_server_get_request_count (BvPracticeServer *self)
{
  g_return_val_if_fail (BV_IS_PRACTICE_SERVER (self), 0);

  return self->request_count;
}

GPtrArray *
bv_practice_server_get_raw_queries (BvPracticeServer *self)
{
  g_return_val_if_fail (BV_IS_PRACTICE_SERVER (self), NULL);

  return self->raw_queries;
}

void
bv_practice_server_reset_log (BvPracticeServer *self)
{
  g_return_if_fail (BV_IS_PRACTICE_SERVER (self));

  self->request_count = 0;
  g_ptr_array_set_size (self->raw_queries, 0);
  g_ptr_array_set_size (self->requests, 0);
}

GPtrArray *
bv_practice_server_get_requests (BvPracticeServer *self)
{
  g_return_val_if_fail (BV_IS_PRACTICE_SERVER (self), NULL);

  return self->requests;
}

guint
bv_practice_server_count_calls (BvPracticeServer *self,
                                const char       *call)
{
  guint count = 0;

  g_return_val_if_fail (BV_IS_PRACTICE_SERVER (self), 0);
  g_return_val_if_fail (call, 0);

  for (guint i = 0; i < self->requests->len; i++)
    {
      BvPracticeRequest *request = g_ptr_array_index (self->requests, i);

      if (request->checksum_valid && g_str_equal (request->call, call))
        count++;
    }
  return count;
}

void
bv_practice_server_set_request_func (BvPracticeServer     *self,
                                     BvPracticeRequestFunc func,
                                     gpointer              data)
{
  g_return_if_fail (BV_IS_PRACTICE_SERVER (self));

  self->request_func = func;
  self->request_data = data;
}

void
bv_practice_server_set_accepted_algorithms (BvPracticeServer *self,
                                            guint             algorithms)
{
  g_return_if_fail (BV_IS_PRACTICE_SERVER (self));

  self->accepted_algorithms = algorithms;
}

void
bv_practice_server_set_unavailable (BvPracticeServer *self,
                                    gboolean          unavailable)
{
  g_return_if_fail (BV_IS_PRACTICE_SERVER (self));

  self->unavailable = unavailable;
}

void
bv_practice_server_set_delay (BvPracticeServer *self,
                              guint             delay_ms)
{
  g_return_if_fail (BV_IS_PRACTICE_SERVER (self));

  self->delay_ms = delay_ms;
}
