/* bv-bbb-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-bbb"

#include "config.h"

#include "bv-bbb-client.h"

#include <libsoup/soup.h>
#include <string.h>

#include "bv-bbb-error.h"
#include "bv-secure.h"
#include "bv-server-url.h"

/* BigBlueButton answers API calls directly; only a misconfigured proxy or
 * a moved server redirects, and never more than a couple of times. */
#define MAX_REDIRECTS    5
#define READ_CHUNK_SIZE  (64 * 1024)
#define IDLE_TIMEOUT_S   15
#define MAX_CONNECTIONS  4

typedef enum {
  ANSWER_VERSION,
  ANSWER_MEETING,
  ANSWER_MEETINGS,
  ANSWER_RECORDINGS,
  ANSWER_RUNNING,
  ANSWER_SUCCESS,
} AnswerKind;

/* One call, from the first byte sent to the parsed answer. It is the
 * GTask's data, so it lives as long as the task. */
typedef struct
{
  AnswerKind    kind;
  char         *call;              /* for log lines: never the URL */
  char         *method;
  GUri         *uri;
  GBytes       *body;
  guint         redirects;

  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *data;
  guint8       *buffer;

  /* Everything of the call runs on this one; the caller's cancellable,
   * the client's (cancelled in dispose) and the call timeout cancel it. */
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong        caller_handler;
  GCancellable *client_cancellable;
  gulong        client_handler;
  GSource      *timeout_source;
  gboolean      timed_out;

  gint64        total_count;
  gboolean      running;
  char         *message_key;
} Request;

struct _BvBbbClient
{
  GObject              parent_instance;

  char                *api_url;
  char                *secret;
  BvChecksumAlgorithm  algorithm;
  SoupSession         *session;
  GCancellable        *cancellable;
  guint                call_timeout_s;
};

G_DEFINE_FINAL_TYPE (BvBbbClient, bv_bbb_client, G_TYPE_OBJECT)

static void send_next (GTask *task);

static void
request_disconnect (Request *req)
{
  if (req->caller_handler)
    g_signal_handler_disconnect (req->caller_cancellable, req->caller_handler);
  req->caller_handler = 0;
  if (req->client_handler)
    g_signal_handler_disconnect (req->client_cancellable, req->client_handler);
  req->client_handler = 0;

  if (req->timeout_source)
    {
      g_source_destroy (req->timeout_source);
      g_clear_pointer (&req->timeout_source, g_source_unref);
    }
}

/* Closing a libsoup body stream reads the rest of the body first; with
 * the call's cancellable cancelled it drops the connection instead. */
static void
request_drop_stream (Request *req)
{
  if (!req->stream)
    return;

  g_cancellable_cancel (req->cancellable);
  g_input_stream_close (req->stream, req->cancellable, NULL);
  g_clear_object (&req->stream);
}

static void
request_free (gpointer data)
{
  Request *req = data;

  request_disconnect (req);
  request_drop_stream (req);
  g_clear_object (&req->message);
  g_clear_pointer (&req->data, g_byte_array_unref);
  g_clear_pointer (&req->buffer, g_free);
  g_clear_pointer (&req->uri, g_uri_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_object (&req->cancellable);
  g_clear_object (&req->caller_cancellable);
  g_clear_object (&req->client_cancellable);
  g_clear_pointer (&req->call, g_free);
  g_clear_pointer (&req->method, g_free);
  g_clear_pointer (&req->message_key, g_free);
  g_free (req);
}

static gboolean
uri_is_http (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);

  return g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0;
}

/* Plain HTTP would let anyone on the way read and change the answers; it
 * is fine only on this computer (the practice server). */
static gboolean
uri_is_insecure (GUri *uri)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0 &&
         !bv_server_url_is_loopback (g_uri_get_host (uri));
}

/* soup_message_new () normalises the query (%7E becomes ~), and bbb-web
 * hashes the query exactly as it arrives: so only the part before "?" is
 * parsed and the query is put into the GUri as it was hashed. */
static GUri *
request_uri_new (const char  *url,
                 GError     **error)
{
  const char *question = strchr (url, '?');
  g_autofree char *base = question ? g_strndup (url, question - url) : g_strdup (url);
  g_autoptr(GUri) parsed = g_uri_parse (base, SOUP_HTTP_URI_FLAGS, NULL);

  if (!parsed || !uri_is_http (parsed) || !g_uri_get_host (parsed) || !*g_uri_get_host (parsed))
    {
      g_propagate_error (error, bv_bbb_error_new (BV_BBB_ERROR_INVALID_URL));
      return NULL;
    }

  if (uri_is_insecure (parsed))
    {
      g_propagate_error (error, bv_bbb_error_new (BV_BBB_ERROR_INSECURE_URL));
      return NULL;
    }

  return g_uri_build (SOUP_HTTP_URI_FLAGS,
                      g_uri_get_scheme (parsed),
                      NULL,
                      g_uri_get_host (parsed),
                      g_uri_get_port (parsed),
                      g_uri_get_path (parsed),
                      question ? question + 1 : NULL,
                      NULL);
}

static GError *
transport_error_new (Request      *req,
                     const GError *error)
{
  BvBbbError code;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (!req->timed_out)
        return g_error_copy (error);
      code = BV_BBB_ERROR_TIMEOUT;
    }
  else if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    code = BV_BBB_ERROR_HOST_NOT_FOUND;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    code = BV_BBB_ERROR_CONNECTION_REFUSED;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    code = BV_BBB_ERROR_TIMEOUT;
  else if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) ||
           (error->domain == G_TLS_ERROR && req->message &&
            soup_message_get_tls_peer_certificate_errors (req->message) != 0))
    code = BV_BBB_ERROR_TLS_CERTIFICATE;
  else if (error->domain == G_TLS_ERROR)
    code = BV_BBB_ERROR_TLS;
  else if (error->domain == SOUP_SESSION_ERROR &&
           (error->code == SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS ||
            error->code == SOUP_SESSION_ERROR_REDIRECT_NO_LOCATION ||
            error->code == SOUP_SESSION_ERROR_REDIRECT_BAD_URI))
    code = BV_BBB_ERROR_HTTP_STATUS;
  else
    code = BV_BBB_ERROR_NETWORK;

  g_debug ("%s: %s (%s %d)", req->call, error->message,
           g_quark_to_string (error->domain), error->code);
  return bv_bbb_error_new (code);
}

static void
request_fail (GTask  *task,
              GError *error)
{
  Request *req = g_task_get_task_data (task);

  request_disconnect (req);
  request_drop_stream (req);
  g_task_return_error (task, error);
}

static void
request_fail_code (GTask      *task,
                   BvBbbError  code)
{
  request_fail (task, bv_bbb_error_new (code));
}

static void
request_parse (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  const char *data = (const char *) req->data->data;
  gsize length = req->data->len;
  GError *error = NULL;

  switch (req->kind)
    {
    case ANSWER_VERSION:
      {
        BvBbbVersion *version = bv_bbb_parse_version (data, length, &error);

        if (version)
          g_task_return_pointer (task, version, g_object_unref);
        else
          g_task_return_error (task, error);
      }
      break;

    case ANSWER_MEETING:
      {
        BvBbbMeeting *meeting = bv_bbb_parse_meeting (data, length, &error);

        if (meeting)
          g_task_return_pointer (task, meeting, g_object_unref);
        else
          g_task_return_error (task, error);
      }
      break;

    case ANSWER_MEETINGS:
      {
        GListModel *meetings = bv_bbb_parse_meetings (data, length, &error);

        if (meetings)
          g_task_return_pointer (task, meetings, g_object_unref);
        else
          g_task_return_error (task, error);
      }
      break;

    case ANSWER_RECORDINGS:
      {
        GListModel *recordings = bv_bbb_parse_recordings (data, length, &req->total_count, &error);

        if (recordings)
          g_task_return_pointer (task, recordings, g_object_unref);
        else
          g_task_return_error (task, error);
      }
      break;

    case ANSWER_RUNNING:
      if (bv_bbb_parse_running (data, length, &req->running, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      break;

    case ANSWER_SUCCESS:
      if (bv_bbb_parse_success (data, length, &req->message_key, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n < 0)
    {
      request_fail (task, transport_error_new (req, error));
      return;
    }

  if (n == 0)
    {
      g_input_stream_close (req->stream, NULL, NULL);
      g_clear_object (&req->stream);
      request_disconnect (req);
      request_parse (task);
      return;
    }

  /* Stop at the limit without reading (or keeping) the rest. */
  if (req->data->len + (gsize) n > BV_BBB_MAX_RESPONSE_SIZE)
    {
      g_debug ("%s: answer larger than %d bytes", req->call, BV_BBB_MAX_RESPONSE_SIZE);
      request_fail_code (task, BV_BBB_ERROR_TOO_LARGE);
      return;
    }

  g_byte_array_append (req->data, req->buffer, n);
  g_input_stream_read_async (req->stream, req->buffer, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                             req->cancellable, read_cb, g_steal_pointer (&task));
}

static void
redirect_closed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_input_stream_close_finish (G_INPUT_STREAM (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      request_fail (task, transport_error_new (req, error));
      return;
    }

  send_next (g_steal_pointer (&task));
}

/* Follows a redirect ourselves rather than letting libsoup do it, so that
 * an https server cannot send the call on to plain http elsewhere. */
static void
follow_redirect (GTask        *task,
                 GInputStream *stream)
{
  Request *req = g_task_get_task_data (task);
  guint status = soup_message_get_status (req->message);
  const char *location;
  g_autoptr(GUri) target = NULL;

  location = soup_message_headers_get_one (soup_message_get_response_headers (req->message),
                                           "Location");
  if (!location || ++req->redirects > MAX_REDIRECTS)
    {
      g_debug ("%s: %s", req->call, location ? "too many redirects" : "redirect without location");
      req->stream = g_object_ref (stream);
      request_fail_code (task, BV_BBB_ERROR_HTTP_STATUS);
      return;
    }

  target = g_uri_parse_relative (req->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (!target || !uri_is_http (target) || !g_uri_get_host (target))
    {
      g_debug ("%s: redirect to an unusable address", req->call);
      req->stream = g_object_ref (stream);
      request_fail_code (task, BV_BBB_ERROR_HTTP_STATUS);
      return;
    }

  /* From https only to https: otherwise a server could send the call to a
   * plain-http service on this computer (or in the club's network). */
  if (uri_is_insecure (target) ||
      (g_ascii_strcasecmp (g_uri_get_scheme (req->uri), "https") == 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (target), "https") != 0))
    {
      g_debug ("%s: redirect to plain http refused", req->call);
      req->stream = g_object_ref (stream);
      request_fail_code (task, BV_BBB_ERROR_INSECURE_URL);
      return;
    }

  /* As browsers do: 307 and 308 repeat the request, the others fetch. */
  if (status != SOUP_STATUS_TEMPORARY_REDIRECT && status != SOUP_STATUS_PERMANENT_REDIRECT &&
      g_strcmp0 (req->method, SOUP_METHOD_GET) != 0)
    {
      g_free (req->method);
      req->method = g_strdup (SOUP_METHOD_GET);
      g_clear_pointer (&req->body, g_bytes_unref);
    }

  g_uri_unref (req->uri);
  req->uri = g_steal_pointer (&target);
  g_clear_object (&req->message);

  g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, req->cancellable,
                              redirect_closed_cb, g_steal_pointer (&task));
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  goffset length = -1;
  guint status;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (!stream)
    {
      request_fail (task, transport_error_new (req, error));
      return;
    }

  status = soup_message_get_status (req->message);
  switch (status)
    {
    case SOUP_STATUS_MOVED_PERMANENTLY:
    case SOUP_STATUS_FOUND:
    case SOUP_STATUS_SEE_OTHER:
    case SOUP_STATUS_TEMPORARY_REDIRECT:
    case SOUP_STATUS_PERMANENT_REDIRECT:
      follow_redirect (g_steal_pointer (&task), stream);
      return;

    default:
      break;
    }

  req->stream = g_steal_pointer (&stream);

  /* bbb-web answers FAILED with status 200; anything else is a proxy's
   * or web server's error page, never an API answer. */
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_debug ("%s: HTTP status %u", req->call, status);
      request_fail_code (task, BV_BBB_ERROR_HTTP_STATUS);
      return;
    }

  headers = soup_message_get_response_headers (req->message);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    length = soup_message_headers_get_content_length (headers);
  if (length > BV_BBB_MAX_RESPONSE_SIZE)
    {
      g_debug ("%s: announced %" G_GOFFSET_FORMAT " bytes", req->call, length);
      request_fail_code (task, BV_BBB_ERROR_TOO_LARGE);
      return;
    }

  g_clear_pointer (&req->data, g_byte_array_unref);
  req->data = g_byte_array_sized_new (length > 0 ? (guint) length : READ_CHUNK_SIZE);
  if (!req->buffer)
    req->buffer = g_malloc (READ_CHUNK_SIZE);

  g_input_stream_read_async (req->stream, req->buffer, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                             req->cancellable, read_cb, g_steal_pointer (&task));
}

static void
send_next (GTask *task)
{
  BvBbbClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);

  req->message = soup_message_new_from_uri (req->method, req->uri);
  soup_message_add_flags (req->message, SOUP_MESSAGE_NO_REDIRECT);
  if (req->body)
    soup_message_set_request_body_from_bytes (req->message, "application/xml", req->body);

  soup_session_send_async (self->session, req->message, G_PRIORITY_DEFAULT, req->cancellable,
                           send_cb, task);
}

static void
chained_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  Request *req = user_data;

  g_cancellable_cancel (req->cancellable);
}

static gboolean
call_timeout_cb (gpointer user_data)
{
  Request *req = user_data;

  req->timed_out = TRUE;
  g_clear_pointer (&req->timeout_source, g_source_unref);
  g_cancellable_cancel (req->cancellable);

  return G_SOURCE_REMOVE;
}

/* url: the whole signed URL (or the API base for the version probe). */
static void
request_start (BvBbbClient         *self,
               AnswerKind           kind,
               const char          *call,
               const char          *url,
               GBytes              *body,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               gpointer             source_tag)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Request *req;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, call);

  req = g_new0 (Request, 1);
  req->kind = kind;
  req->call = g_strdup (call);
  req->method = g_strdup (body ? SOUP_METHOD_POST : SOUP_METHOD_GET);
  req->body = body ? g_bytes_ref (body) : NULL;
  req->total_count = -1;
  req->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, req, request_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The client was disposed");
      return;
    }

  /* Checked at call time, before anything leaves this computer. */
  req->uri = request_uri_new (url, &error);
  if (!req->uri)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  req->client_cancellable = g_object_ref (self->cancellable);
  req->client_handler = g_signal_connect (req->client_cancellable, "cancelled",
                                          G_CALLBACK (chained_cancelled_cb), req);
  if (cancellable)
    {
      req->caller_cancellable = g_object_ref (cancellable);
      req->caller_handler = g_signal_connect (req->caller_cancellable, "cancelled",
                                              G_CALLBACK (chained_cancelled_cb), req);
    }

  req->timeout_source = g_timeout_source_new (self->call_timeout_s * 1000);
  g_source_set_callback (req->timeout_source, call_timeout_cb, req, NULL);
  g_source_set_static_name (req->timeout_source, "[bv-bbb] call timeout");
  g_source_attach (req->timeout_source, g_task_get_context (task));

  send_next (g_steal_pointer (&task));
}

static void
request_start_call (BvBbbClient         *self,
                    AnswerKind           kind,
                    const char          *call,
                    const BvBbbQuery    *query,
                    GBytes              *body,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data,
                    gpointer             source_tag)
{
  g_autofree char *url = bv_bbb_client_build_url (self, call, query);

  request_start (self, kind, call, url, body, cancellable, callback, user_data, source_tag);
}

static void
request_start_meeting_call (BvBbbClient         *self,
                            AnswerKind           kind,
                            const char          *call,
                            const char          *meeting_id,
                            GBytes              *body,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data,
                            gpointer             source_tag)
{
  g_autoptr(BvBbbQuery) query = bv_bbb_query_new ();

  bv_bbb_query_add (query, "meetingID", meeting_id);
  request_start_call (self, kind, call, query, body, cancellable, callback, user_data, source_tag);
}

static void
bv_bbb_client_dispose (GObject *object)
{
  BvBbbClient *self = (BvBbbClient *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->session)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (bv_bbb_client_parent_class)->dispose (object);
}

static void
bv_bbb_client_finalize (GObject *object)
{
  BvBbbClient *self = (BvBbbClient *)object;

  g_clear_pointer (&self->secret, bv_secure_free_string);
  g_clear_pointer (&self->api_url, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (bv_bbb_client_parent_class)->finalize (object);
}

static void
bv_bbb_client_class_init (BvBbbClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bv_bbb_client_dispose;
  object_class->finalize = bv_bbb_client_finalize;
}

static void
bv_bbb_client_init (BvBbbClient *self)
{
  self->cancellable = g_cancellable_new ();
  self->call_timeout_s = BV_BBB_CALL_TIMEOUT_S;
  self->session = soup_session_new_with_options ("timeout", BV_BBB_CONNECT_TIMEOUT_S,
                                                 "idle-timeout", IDLE_TIMEOUT_S,
                                                 "user-agent", "bbb-vereine/" PACKAGE_VERSION,
                                                 "max-conns", MAX_CONNECTIONS,
                                                 "max-conns-per-host", MAX_CONNECTIONS,
                                                 NULL);
}

BvBbbClient *
bv_bbb_client_new (const char          *api_url,
                   const char          *secret,
                   BvChecksumAlgorithm  algorithm)
{
  BvBbbClient *self;

  g_return_val_if_fail (api_url, NULL);
  g_return_val_if_fail (secret, NULL);

  self = g_object_new (BV_TYPE_BBB_CLIENT, NULL);
  self->api_url = g_strdup (api_url);
  self->secret = g_strdup (secret);
  self->algorithm = algorithm;

  return self;
}

const char *
bv_bbb_client_get_api_url (BvBbbClient *self)
{
  g_return_val_if_fail (BV_IS_BBB_CLIENT (self), NULL);

  return self->api_url;
}

BvChecksumAlgorithm
bv_bbb_client_get_algorithm (BvBbbClient *self)
{
  g_return_val_if_fail (BV_IS_BBB_CLIENT (self), BV_CHECKSUM_SHA256);

  return self->algorithm;
}

void
bv_bbb_client_set_algorithm (BvBbbClient         *self,
                             BvChecksumAlgorithm  algorithm)
{
  g_return_if_fail (BV_IS_BBB_CLIENT (self));

  self->algorithm = algorithm;
}

void
bv_bbb_client_set_tls_database (BvBbbClient  *self,
                                GTlsDatabase *database)
{
  g_return_if_fail (BV_IS_BBB_CLIENT (self));
  g_return_if_fail (!database || G_IS_TLS_DATABASE (database));
  g_return_if_fail (self->session);

  soup_session_set_tls_database (self->session, database);
}

void
bv_bbb_client_set_timeouts (BvBbbClient *self,
                            guint        connect_s,
                            guint        call_s)
{
  g_return_if_fail (BV_IS_BBB_CLIENT (self));
  g_return_if_fail (connect_s > 0);
  g_return_if_fail (call_s > 0);
  g_return_if_fail (self->session);

  soup_session_set_timeout (self->session, connect_s);
  self->call_timeout_s = call_s;
}

char *
bv_bbb_client_build_url (BvBbbClient      *self,
                         const char       *call,
                         const BvBbbQuery *query)
{
  g_autoptr(BvBbbQuery) empty = NULL;

  g_return_val_if_fail (BV_IS_BBB_CLIENT (self), NULL);
  g_return_val_if_fail (call && *call, NULL);

  if (!query)
    query = empty = bv_bbb_query_new ();

  return bv_bbb_query_build_url (query, self->api_url, call, self->algorithm, self->secret);
}

void
bv_bbb_client_get_version_async (BvBbbClient         *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (BV_IS_BBB_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  request_start (self, ANSWER_VERSION, "version", self->api_url, NULL,
                 cancellable, callback, user_data, bv_bbb_client_get_version_async);
}

BvBbbVersion *
bv_bbb_client_get_version_finish (BvBbbClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (BV_IS_BBB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_bbb_client_get_version_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
bv_bbb_client_create_async (BvBbbClient         *self,
                            const BvBbbQuery    *query,
                            GBytes              *body,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (BV_IS_BBB_CLIENT (self));
  g_return_if_fail (query);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  request_start_call (self, ANSWER_MEETING, "create", query, body,
                      cancellable, callback, user_data, bv_bbb_client_create_async);
}

BvBbbMeeting *
bv_bbb_client_create_finish (BvBbbClient   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (BV_IS_BBB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_bbb_client_create_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
bv_bbb_client_is_meeting_running_async (BvBbbClient         *self,
                                        const char          *meeting_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (BV_IS_BBB_CLIENT (self));
  g_return_if_fail (meeting_id);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  request_start_meeting_call (self, ANSWER_RUNNING, "isMeetingRunning", meeting_id, NULL,
                              cancellable, callback, user_data,
                              bv_bbb_client_is_meeting_running_async);
}

gboolean
bv_bbb_client_is_meeting_running_finish (BvBbbClient   *self,
                                         GAsyncResult  *result,
                                         gboolean      *running,
                                         GError       **error)
{
  Request *req;

  g_return_val_if_fail (BV_IS_BBB_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_bbb_client_is_meeting_running_async, FALSE);

  req = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (running)
    *running = req->running;
  return TRUE;
}

void
bv_bbb_client_end_async (BvBbbClient         *self,
                         const char          *meeting_id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (BV_IS_BBB_CLIENT (self));
  g_return_if_fail (meeting_id);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  request_start_meeting_call (self, ANSWER_SUCCESS, "end", meeting_id, NULL,
                              cancellable, callback, user_data, bv_bbb_client_end_async);
}

gboolean
bv_bbb_client_end_finish (BvBbbClient   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (BV_IS_BBB_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_bbb_client_end_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
bv_bbb_client_get_meeting_info_async (BvBbbClient         *self,
                                      const char          *meeting_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (BV_IS_BBB_CLIENT (self));
  g_return_if_fail (meeting_id);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  request_start_meeting_call (self, ANSWER_MEETING, "getMeetingInfo", meeting_id, NULL,
                              cancellable, callback, user_data,
                              bv_bbb_client_get_meeting_info_async);
}

BvBbbMeeting *
bv_bbb_client_get_meeting_info_finish (BvBbbClient   *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (BV_IS_BBB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_bbb_client_get_meeting_info_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
bv_bbb_client_get_meetings_async (BvBbbClient         *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (BV_IS_BBB_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  request_start_call (self, ANSWER_MEETINGS, "getMeetings", NULL, NULL,
                      cancellable, callback, user_data, bv_bbb_client_get_meetings_async);
}

GListModel *
bv_bbb_client_get_meetings_finish (BvBbbClient   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (BV_IS_BBB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_bbb_client_get_meetings_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
bv_bbb_client_get_recordings_async (BvBbbClient         *self,
                                    const BvBbbQuery    *query,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (BV_IS_BBB_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  /* offset and limit go through as given: the caller knows from the
   * version probe whether the server paginates. */
  request_start_call (self, ANSWER_RECORDINGS, "getRecordings", query, NULL,
                      cancellable, callback, user_data, bv_bbb_client_get_recordings_async);
}

GListModel *
bv_bbb_client_get_recordings_finish (BvBbbClient   *self,
                                     GAsyncResult  *result,
                                     gint64        *total_count,
                                     GError       **error)
{
  Request *req;
  GListModel *recordings;

  g_return_val_if_fail (BV_IS_BBB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_bbb_client_get_recordings_async, NULL);

  req = g_task_get_task_data (G_TASK (result));
  recordings = g_task_propagate_pointer (G_TASK (result), error);
  if (total_count)
    *total_count = recordings ? req->total_count : -1;

  return recordings;
}

void
bv_bbb_client_call_async (BvBbbClient         *self,
                          const char          *call,
                          const BvBbbQuery    *query,
                          GBytes              *body,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (BV_IS_BBB_CLIENT (self));
  g_return_if_fail (call && *call);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  request_start_call (self, ANSWER_SUCCESS, call, query, body,
                      cancellable, callback, user_data, bv_bbb_client_call_async);
}

gboolean
bv_bbb_client_call_finish (BvBbbClient   *self,
                           GAsyncResult  *result,
                           char         **message_key,
                           GError       **error)
{
  Request *req;

  g_return_val_if_fail (BV_IS_BBB_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_bbb_client_call_async, FALSE);

  req = g_task_get_task_data (G_TASK (result));
  if (message_key)
    *message_key = NULL;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (message_key)
    *message_key = g_steal_pointer (&req->message_key);
  return TRUE;
}

void
bv_bbb_client_insert_document_async (BvBbbClient         *self,
                                     const char          *meeting_id,
                                     GBytes              *modules,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (BV_IS_BBB_CLIENT (self));
  g_return_if_fail (meeting_id);
  g_return_if_fail (modules);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  request_start_meeting_call (self, ANSWER_SUCCESS, "insertDocument", meeting_id, modules,
                              cancellable, callback, user_data,
                              bv_bbb_client_insert_document_async);
}

gboolean
bv_bbb_client_insert_document_finish (BvBbbClient   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (BV_IS_BBB_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_bbb_client_insert_document_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
