/* bv-practice-tap-stream.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-practice"

#include "config.h"

#include "bv-practice-tap-stream.h"

#include <string.h>

/* bbb-web hashes the query string exactly as it arrived. libsoup hands the
 * server a GUri that has already been normalised (%7E becomes "~", "%2b"
 * becomes "%2B", a raw "ü" becomes "%C3%BC"), so the practice server reads
 * the request targets from the bytes on the wire instead. Only the framing
 * of HTTP/1.1 requests is followed: request line, headers, then a body of
 * Content-Length bytes or in chunks. */

#define MAX_LINE    (64 * 1024)
#define MAX_PENDING 64

typedef enum
{
  TAP_REQUEST_LINE,
  TAP_HEADERS,
  TAP_BODY,
  TAP_CHUNK_SIZE,
  TAP_CHUNK_DATA,
  TAP_CHUNK_END,
  TAP_TRAILERS,
  /* Framing we do not understand; stay out of the way from here on. */
  TAP_LOST,
} TapState;

struct _BvPracticeTapStream
{
  GFilterInputStream  parent_instance;
  GIOStream          *owner;
  TapState            state;
  GString            *line;
  guint64             remaining;
  guint64             content_length;
  gboolean            chunked;
  GQueue              targets;
};

static void bv_practice_tap_stream_pollable_iface_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BvPracticeTapStream, bv_practice_tap_stream, G_TYPE_FILTER_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      bv_practice_tap_stream_pollable_iface_init))

static void
lose_track (BvPracticeTapStream *self)
{
  self->state = TAP_LOST;
  g_string_truncate (self->line, 0);
}

static void
note_request_line (BvPracticeTapStream *self,
                   const char          *line)
{
  const char *target;
  const char *end;

  target = strchr (line, ' ');
  if (!target)
    {
      lose_track (self);
      return;
    }
  target++;
  end = strchr (target, ' ');
  if (!end || end == target)
    {
      lose_track (self);
      return;
    }

  g_queue_push_tail (&self->targets, g_strndup (target, end - target));
  while (self->targets.length > MAX_PENDING)
    g_free (g_queue_pop_head (&self->targets));

  self->content_length = 0;
  self->chunked = FALSE;
  self->state = TAP_HEADERS;
}

static void
note_header (BvPracticeTapStream *self,
             const char          *line)
{
  if (g_ascii_strncasecmp (line, "Content-Length:", 15) == 0)
    {
      g_autofree char *value = g_strstrip (g_strdup (line + 15));
      guint64 length = 0;

      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &length, NULL))
        {
          lose_track (self);
          return;
        }
      self->content_length = length;
    }
  else if (g_ascii_strncasecmp (line, "Transfer-Encoding:", 18) == 0)
    {
      g_autofree char *value = g_ascii_strdown (line + 18, -1);

      if (strstr (value, "chunked"))
        self->chunked = TRUE;
    }
}

static void
handle_line (BvPracticeTapStream *self,
             const char          *line)
{
  switch (self->state)
    {
    case TAP_REQUEST_LINE:
      /* RFC 9112 §2.2: empty lines before a request line are ignored. */
      if (*line)
        note_request_line (self, line);
      break;

    case TAP_HEADERS:
      if (*line)
        note_header (self, line);
      else if (self->chunked)
        self->state = TAP_CHUNK_SIZE;
      else if (self->content_length > 0)
        {
          self->remaining = self->content_length;
          self->state = TAP_BODY;
        }
      else
        self->state = TAP_REQUEST_LINE;
      break;

    case TAP_CHUNK_SIZE:
      {
        guint64 size;
        char *end = NULL;

        size = g_ascii_strtoull (line, &end, 16);
        if (end == line || (*end && *end != ';' && *end != ' ' && *end != '\t'))
          lose_track (self);
        else if (size == 0)
          self->state = TAP_TRAILERS;
        else
          {
            self->remaining = size;
            self->state = TAP_CHUNK_DATA;
          }
      }
      break;

    case TAP_CHUNK_END:
      if (*line)
        lose_track (self);
      else
        self->state = TAP_CHUNK_SIZE;
      break;

    case TAP_TRAILERS:
      if (!*line)
        self->state = TAP_REQUEST_LINE;
      break;

    case TAP_BODY:
    case TAP_CHUNK_DATA:
    case TAP_LOST:
    default:
      g_assert_not_reached ();
    }
}

static void
feed (BvPracticeTapStream *self,
      const guint8        *data,
      gsize                length)
{
  gsize i = 0;

  while (i < length)
    {
      switch (self->state)
        {
        case TAP_LOST:
          return;

        case TAP_BODY:
        case TAP_CHUNK_DATA:
          {
            guint64 take = MIN (self->remaining, (guint64) (length - i));

            i += take;
            self->remaining -= take;
            if (self->remaining == 0)
              self->state = self->state == TAP_BODY ? TAP_REQUEST_LINE : TAP_CHUNK_END;
          }
          break;

        case TAP_REQUEST_LINE:
        case TAP_HEADERS:
        case TAP_CHUNK_SIZE:
        case TAP_CHUNK_END:
        case TAP_TRAILERS:
        default:
          {
            const guint8 *newline = memchr (data + i, '\n', length - i);
            gsize stop = newline ? (gsize) (newline - data) : length;

            if (self->line->len + (stop - i) > MAX_LINE)
              {
                lose_track (self);
                return;
              }
            g_string_append_len (self->line, (const char *) data + i, stop - i);
            if (!newline)
              return;
            i = stop + 1;

            if (self->line->len > 0 && self->line->str[self->line->len - 1] == '\r')
              g_string_truncate (self->line, self->line->len - 1);
            handle_line (self, self->line->str);
            g_string_truncate (self->line, 0);
          }
          break;
        }
    }
}

static GInputStream *
get_base (BvPracticeTapStream *self)
{
  return g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (self));
}

static gssize
bv_practice_tap_stream_read (GInputStream  *stream,
                             void          *buffer,
                             gsize          count,
                             GCancellable  *cancellable,
                             GError       **error)
{
  BvPracticeTapStream *self = BV_PRACTICE_TAP_STREAM (stream);
  gssize n;

  n = g_input_stream_read (get_base (self), buffer, count, cancellable, error);
  if (n > 0)
    feed (self, buffer, n);
  return n;
}

static gboolean
bv_practice_tap_stream_close (GInputStream  *stream,
                              GCancellable  *cancellable,
                              GError       **error)
{
  BvPracticeTapStream *self = BV_PRACTICE_TAP_STREAM (stream);
  gboolean ok;

  ok = G_INPUT_STREAM_CLASS (bv_practice_tap_stream_parent_class)->close_fn (stream, cancellable, error);

  /* Closing a socket's input stream leaves the socket open; the client
   * waits for the connection to end, so close all of it. */
  if (self->owner)
    ok = g_io_stream_close (self->owner, cancellable, ok ? error : NULL) && ok;
  return ok;
}

static gboolean
bv_practice_tap_stream_can_poll (GPollableInputStream *stream)
{
  GInputStream *base = get_base (BV_PRACTICE_TAP_STREAM (stream));

  return G_IS_POLLABLE_INPUT_STREAM (base) &&
         g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (base));
}

static gboolean
bv_practice_tap_stream_is_readable (GPollableInputStream *stream)
{
  GInputStream *base = get_base (BV_PRACTICE_TAP_STREAM (stream));

  return g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (base));
}

static GSource *
bv_practice_tap_stream_create_source (GPollableInputStream *stream,
                                      GCancellable         *cancellable)
{
  GInputStream *base = get_base (BV_PRACTICE_TAP_STREAM (stream));
  g_autoptr(GSource) base_source = NULL;

  base_source = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (base), NULL);
  return g_pollable_source_new_full (stream, base_source, cancellable);
}

static gssize
bv_practice_tap_stream_read_nonblocking (GPollableInputStream  *stream,
                                         void                  *buffer,
                                         gsize                  count,
                                         GError               **error)
{
  BvPracticeTapStream *self = BV_PRACTICE_TAP_STREAM (stream);
  gssize n;

  n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (get_base (self)),
                                                buffer, count, NULL, error);
  if (n > 0)
    feed (self, buffer, n);
  return n;
}

static void
bv_practice_tap_stream_pollable_iface_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = bv_practice_tap_stream_can_poll;
  iface->is_readable = bv_practice_tap_stream_is_readable;
  iface->create_source = bv_practice_tap_stream_create_source;
  iface->read_nonblocking = bv_practice_tap_stream_read_nonblocking;
}

static void
bv_practice_tap_stream_finalize (GObject *object)
{
  BvPracticeTapStream *self = (BvPracticeTapStream *)object;

  g_queue_clear_full (&self->targets, g_free);
  g_string_free (self->line, TRUE);
  g_clear_object (&self->owner);

  G_OBJECT_CLASS (bv_practice_tap_stream_parent_class)->finalize (object);
}

static void
bv_practice_tap_stream_class_init (BvPracticeTapStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = bv_practice_tap_stream_finalize;
  stream_class->read_fn = bv_practice_tap_stream_read;
  stream_class->close_fn = bv_practice_tap_stream_close;
}

static void
bv_practice_tap_stream_init (BvPracticeTapStream *self)
{
  self->line = g_string_new (NULL);
  self->state = TAP_REQUEST_LINE;
  g_queue_init (&self->targets);
}

BvPracticeTapStream *
bv_practice_tap_stream_new (GInputStream *base,
                            GIOStream    *owner)
{
  BvPracticeTapStream *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (base), NULL);
  g_return_val_if_fail (!owner || G_IS_IO_STREAM (owner), NULL);

  self = g_object_new (BV_TYPE_PRACTICE_TAP_STREAM, "base-stream", base, NULL);
  if (owner)
    self->owner = g_object_ref (owner);
  return self;
}

char *
bv_practice_tap_stream_pop_target (BvPracticeTapStream *self)
{
  g_return_val_if_fail (BV_IS_PRACTICE_TAP_STREAM (self), NULL);

  return g_queue_pop_head (&self->targets);
}
