/* bv-practice-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-practice"

#include "config.h"

#include "bv-practice-server-private.h"

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
/* German subscriber numbers never start with 0, so nobody owns this one. */
#define PRACTICE_DIAL_NUMBER "+49 631 00000000"
#define MINUTE_MS            (G_GINT64_CONSTANT (60) * 1000)
#define DAY_MS               (24 * 60 * MINUTE_MS)
#define ALNUM                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
#define LOWER_ALNUM          "abcdefghijklmnopqrstuvwxyz0123456789"

typedef struct
{
  char *name;
  char *value;
} PracticePair;

typedef struct
{
  char      *user_id;
  char      *full_name;
  gboolean   moderator;
  GPtrArray *custom_data;  /* PracticePair, from userdata-* */
} PracticeAttendee;

typedef struct
{
  char      *meeting_id;
  char      *internal_id;
  char      *name;
  char      *attendee_pw;
  char      *moderator_pw;
  char      *welcome;
  char      *guest_policy;
  char      *create_date;
  gint64     create_time;
  gint64     start_time;
  gint64     last_left_time;
  guint      voice_bridge;
  guint      duration;
  guint      max_participants;
  guint      expire_no_join_min;
  guint      expire_last_left_min;
  gboolean   record;
  gboolean   mute_on_start;
  gboolean   webcams_only_for_moderator;
  gboolean   has_user_joined;
  GPtrArray *metadata;   /* PracticePair, names lower-cased */
  GPtrArray *attendees;  /* PracticeAttendee */
  GPtrArray *documents;  /* file names from <modules> bodies */
} PracticeRoom;

typedef struct
{
  char      *record_id;
  char      *meeting_id;
  char      *name;
  char      *state;
  gint64     start_time;
  gint64     end_time;
  guint      participants;
  GPtrArray *metadata;  /* PracticePair */
} PracticeRecording;

typedef struct
{
  char     *meeting_id;
  char     *internal_id;
  char     *user_id;
  char     *full_name;
  gboolean  moderator;
  gboolean  waiting;
} PracticeSession;

/* Query or form parameters in the order they came; the first of several
 * with the same name counts, as in bbb-web. */
typedef struct
{
  GPtrArray *pairs;  /* PracticePair */
} PracticeParams;

typedef struct _Call Call;
typedef void (*CallFunc) (BvPracticeServer  *self,
                          SoupServerMessage *msg,
                          PracticeParams    *params,
                          GPtrArray         *documents);

struct _Call
{
  const char *name;
  CallFunc    func;
  gboolean    accepts_modules;  /* POST with an XML <modules> body */
  gboolean    needs_modules;
  gboolean    get_only;
};

struct _BvPracticeServer
{
  GObject              parent_instance;
  SoupServer          *server;
  GSocketService      *service;
  GHashTable          *taps;  /* remote port → BvPracticeTapStream, weak */
  char                *base_url;
  char                *port;  /* as text, for comparing with Host */
  char                *api_url;
  char                *secret;
  BvPracticeClockFunc  now_ms;
  gpointer             clock_data;
  GPtrArray           *rooms;  /* PracticeRoom, oldest first */
  GHashTable          *ended;  /* meetingIDs ended by "end" and not created again */
  GPtrArray           *recordings;
  GHashTable          *sessions;  /* session token → PracticeSession */
  GPtrArray           *raw_queries;  /* the queries of requests, in step with it */
  GPtrArray           *requests;     /* BvPracticeRequest, the newest BV_PRACTICE_LOG_SIZE */
  guint                request_count;
  BvPracticeRequestFunc request_func;
  gpointer             request_data;
  guint                delay_ms;  /* simulated network latency, for benchmarks */
  guint                accepted_algorithms;  /* BV_PRACTICE_ALGORITHM bits, 0 for all */
};

G_DEFINE_FINAL_TYPE (BvPracticeServer, bv_practice_server, G_TYPE_OBJECT)

/* A small preview picture for the sample recordings (176×136, PNG). */
static const char thumbnail_png[] =
  "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00"
  "\x00\xb0\x00\x00\x00\x88\x08\x02\x00\x00\x00\xc8\xfc\xf6\xc9\x00\x00\x01"
  "\x35\x49\x44\x41\x54\x78\xda\xed\xdb\x3b\x0d\xc0\x20\x00\x45\x51\x84\x60"
  "\xb2\x66\x9a\x80\xb2\x0a\x69\x3b\xb3\xb1\xc3\xc2\xef\x24\x57\x01\x9c\xe9"
  "\x05\xc2\xff\xbd\x52\x2d\x38\x02\x01\x21\x20\x04\x84\x80\x10\x10\x02\x42"
  "\x40\x08\x08\x01\x21\x20\x04\x84\x80\x10\x10\x02\x42\x07\x82\x88\xd7\xa3"
  "\x85\x02\x42\x40\x08\x08\x01\x21\x20\x04\x84\x80\x10\x10\x02\x42\x40\x08"
  "\x08\x01\x21\x20\x04\x04\x10\x40\x00\x01\x04\x10\x40\x00\x01\x04\x10\x40"
  "\x00\x01\x04\x10\x02\x42\x40\x08\x08\xcd\x03\x42\x3e\xea\x08\x08\x01\x21"
  "\x01\x21\x20\x04\x84\x80\x10\x10\x02\x42\x40\x08\x08\x01\x21\x20\x04\x84"
  "\x80\xd0\x6e\x20\x72\xba\xd5\x11\x10\x02\x42\x40\x08\x08\xb7\x0b\x04\x10"
  "\x40\x00\x01\x04\x10\x40\x18\xa6\x04\x84\x80\x10\x10\x02\x42\x40\x08\x08"
  "\x01\x21\xc3\x94\xc6\x8c\x5a\x40\x00\x01\x04\x10\x40\x00\x01\x04\x10\x40"
  "\x00\x01\x04\x10\x40\x00\x61\x98\x12\x10\x02\x42\x40\x08\x08\x01\x21\x20"
  "\x04\x84\xbc\x87\x30\x10\x01\x01\x04\x10\x40\x00\x01\x04\x10\x40\x00\x01"
  "\x04\x10\x40\x00\x01\x04\x10\x86\x29\x01\x21\x20\x04\x84\x80\x10\x10\x02"
  "\x42\x40\x08\x08\x01\x21\x20\x04\x84\x80\x10\x10\x02\x42\x40\x08\x08\x09"
  "\x08\x01\x21\x20\x04\x84\x80\x10\x10\x02\x42\x40\x08\x08\x01\x21\x20\x04"
  "\x84\x80\x10\x10\x02\x42\x40\x08\x08\x01\x21\x20\x04\x84\x04\x84\x80\x10"
  "\x10\x6a\xaa\x00\xa6\x85\xfa\xe4\x1b\xa8\x6f\x7b\x00\x00\x00\x00\x49\x45"
  "\x4e\x44\xae\x42\x60\x82"
  ;

/* ---- small data helpers ------------------------------------------------ */

static void
practice_pair_free (gpointer data)
{
  PracticePair *pair = data;

  g_free (pair->name);
  g_free (pair->value);
  g_free (pair);
}

static void
pairs_set (GPtrArray  *pairs,
           const char *name,
           const char *value)
{
  PracticePair *pair;

  for (guint i = 0; i < pairs->len; i++)
    {
      pair = g_ptr_array_index (pairs, i);
      if (g_str_equal (pair->name, name))
        {
          g_free (pair->value);
          pair->value = g_strdup (value);
          return;
        }
    }

  pair = g_new0 (PracticePair, 1);
  pair->name = g_strdup (name);
  pair->value = g_strdup (value);
  g_ptr_array_add (pairs, pair);
}

static void
pairs_remove (GPtrArray  *pairs,
              const char *name)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      PracticePair *pair = g_ptr_array_index (pairs, i);

      if (g_str_equal (pair->name, name))
        {
          g_ptr_array_remove_index (pairs, i);
          return;
        }
    }
}

static const char *
pairs_get (GPtrArray  *pairs,
           const char *name)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      PracticePair *pair = g_ptr_array_index (pairs, i);

      if (g_str_equal (pair->name, name))
        return pair->value;
    }
  return NULL;
}

static void
practice_attendee_free (gpointer data)
{
  PracticeAttendee *attendee = data;

  g_free (attendee->user_id);
  g_free (attendee->full_name);
  g_ptr_array_unref (attendee->custom_data);
  g_free (attendee);
}

static void
practice_room_free (gpointer data)
{
  PracticeRoom *room = data;

  g_free (room->meeting_id);
  g_free (room->internal_id);
  g_free (room->name);
  g_free (room->attendee_pw);
  g_free (room->moderator_pw);
  g_free (room->welcome);
  g_free (room->guest_policy);
  g_free (room->create_date);
  g_ptr_array_unref (room->metadata);
  g_ptr_array_unref (room->attendees);
  g_ptr_array_unref (room->documents);
  g_free (room);
}

static void
practice_recording_free (gpointer data)
{
  PracticeRecording *recording = data;

  g_free (recording->record_id);
  g_free (recording->meeting_id);
  g_free (recording->name);
  g_free (recording->state);
  g_ptr_array_unref (recording->metadata);
  g_free (recording);
}

static void
practice_session_free (gpointer data)
{
  PracticeSession *session = data;

  g_free (session->meeting_id);
  g_free (session->internal_id);
  g_free (session->user_id);
  g_free (session->full_name);
  g_free (session);
}

static PracticeParams *
practice_params_new (void)
{
  PracticeParams *params = g_new0 (PracticeParams, 1);

  params->pairs = g_ptr_array_new_with_free_func (practice_pair_free);
  return params;
}

static void
practice_params_free (PracticeParams *params)
{
  g_ptr_array_unref (params->pairs);
  g_free (params);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PracticeParams, practice_params_free)

static const char *
params_get (PracticeParams *params,
            const char     *name)
{
  return pairs_get (params->pairs, name);
}

static gboolean
params_has (PracticeParams *params,
            const char     *name)
{
  return params_get (params, name) != NULL;
}

static void
params_append (PracticeParams *params,
               char           *name,
               char           *value)
{
  PracticePair *pair = g_new0 (PracticePair, 1);

  pair->name = name;
  pair->value = value;
  g_ptr_array_add (params->pairs, pair);
}

/* application/x-www-form-urlencoded, strictly: "+" is a space, "%" must be
 * followed by two hex digits, the result must be UTF-8. Control characters
 * are dropped, as bbb-web does. */
static char *
form_decode (const char *text,
             gsize       length)
{
  g_autoptr(GString) out = g_string_sized_new (length);
  gsize j = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '+')
        c = ' ';
      else if (c == '%')
        {
          if (i + 2 >= length || !g_ascii_isxdigit (text[i + 1]) || !g_ascii_isxdigit (text[i + 2]))
            return NULL;
          c = (char) (g_ascii_xdigit_value (text[i + 1]) * 16 + g_ascii_xdigit_value (text[i + 2]));
          i += 2;
        }
      g_string_append_c (out, c);
    }

  if (!g_utf8_validate_len (out->str, out->len, NULL))
    return NULL;

  for (gsize i = 0; i < out->len; i++)
    if ((guchar) out->str[i] >= 0x20 && out->str[i] != 0x7f)
      out->str[j++] = out->str[i];
  g_string_truncate (out, j);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
params_parse (PracticeParams *params,
              const char     *text,
              gsize           length)
{
  gsize start = 0;

  while (start < length)
    {
      const char *piece = text + start;
      const char *amp = memchr (piece, '&', length - start);
      gsize piece_len = amp ? (gsize) (amp - piece) : length - start;
      const char *eq = memchr (piece, '=', piece_len);
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      start += piece_len + 1;
      if (piece_len == 0)
        continue;

      if (eq)
        {
          name = form_decode (piece, eq - piece);
          value = form_decode (eq + 1, piece_len - (eq - piece) - 1);
        }
      else
        {
          name = form_decode (piece, piece_len);
          value = g_strdup ("");
        }
      if (!name || !value)
        return FALSE;

      params_append (params, g_steal_pointer (&name), g_steal_pointer (&value));
    }
  return TRUE;
}

static gboolean
parse_boolean (const char *value,
               gboolean   *result)
{
  if (g_ascii_strcasecmp (value, "true") == 0)
    *result = TRUE;
  else if (g_ascii_strcasecmp (value, "false") == 0)
    *result = FALSE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_number (const char *value,
              guint       max,
              guint      *result)
{
  guint64 number;

  if (!g_ascii_string_to_unsigned (value, 10, 0, max, &number, NULL))
    return FALSE;
  *result = (guint) number;
  return TRUE;
}

/* Metadata names become element names; anything else would break the XML. */
static gboolean
is_element_name (const char *name)
{
  if (!g_ascii_isalpha (*name) && *name != '_')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && !strchr ("_-.", *p))
      return FALSE;
  return g_ascii_strncasecmp (name, "xml", 3) != 0;
}

/* Java's Date.toString () in UTC, as bbb-web shows createDate. */
static char *
java_date (gint64 ms)
{
  static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (ms / 1000);

  if (!date)
    return g_strdup ("");
  return g_strdup_printf ("%s %s %02d %02d:%02d:%02d UTC %d",
                          days[g_date_time_get_day_of_week (date) - 1],
                          months[g_date_time_get_month (date) - 1],
                          g_date_time_get_day_of_month (date),
                          g_date_time_get_hour (date),
                          g_date_time_get_minute (date),
                          g_date_time_get_second (date),
                          g_date_time_get_year (date));
}

static char *
german_date (gint64 ms)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (ms / 1000);

  if (!date)
    return g_strdup ("");
  return g_date_time_format (date, "%d.%m.%Y, %H:%M Uhr");
}

static char *
internal_id_for (const char *meeting_id,
                 gint64      time)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, meeting_id, -1);

  return g_strdup_printf ("%s-%" G_GINT64_FORMAT, hash, time);
}

/* ---- answers ----------------------------------------------------------- */

static void
append_text (GString    *s,
             const char *element,
             const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append_printf (s, "<%s>%s</%s>", element, escaped, element);
}

static void
append_int (GString    *s,
            const char *element,
            gint64      value)
{
  g_string_append_printf (s, "<%s>%" G_GINT64_FORMAT "</%s>", element, value, element);
}

static void
append_bool (GString    *s,
             const char *element,
             gboolean    value)
{
  g_string_append_printf (s, "<%s>%s</%s>", element, value ? "true" : "false", element);
}

static void
append_pairs (GString    *s,
              const char *element,
              GPtrArray  *pairs)
{
  if (pairs->len == 0)
    {
      g_string_append_printf (s, "<%s/>", element);
      return;
    }

  g_string_append_printf (s, "<%s>", element);
  for (guint i = 0; i < pairs->len; i++)
    {
      PracticePair *pair = g_ptr_array_index (pairs, i);

      append_text (s, pair->name, pair->value);
    }
  g_string_append_printf (s, "</%s>", element);
}

static GString *
response_new (gboolean success)
{
  GString *s = g_string_new ("<response><returncode>");

  g_string_append (s, success ? "SUCCESS" : "FAILED");
  g_string_append (s, "</returncode>");
  return s;
}

static void
append_message (GString    *s,
                const char *key,
                const char *message)
{
  append_text (s, "messageKey", key);
  append_text (s, "message", message);
}

static void
send_body (SoupServerMessage *msg,
           guint              status,
           const char        *content_type,
           GString           *body)
{
  gsize length = body->len;

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE,
                                    g_string_free (body, FALSE), length);
}

static void
send_response (SoupServerMessage *msg,
               GString           *s)
{
  g_string_append (s, "</response>");
  send_body (msg, SOUP_STATUS_OK, "text/xml;charset=utf-8", s);
}

static void
send_failed (SoupServerMessage *msg,
             const char        *key,
             const char        *message)
{
  GString *s = response_new (FALSE);

  g_debug ("Answering FAILED %s", key);
  append_message (s, key, message);
  send_response (msg, s);
}

static void
send_success_with (SoupServerMessage *msg,
                   const char        *element,
                   const char        *value)
{
  GString *s = response_new (TRUE);

  g_string_append_printf (s, "<%s>%s</%s>", element, value, element);
  send_response (msg, s);
}

static void
send_page (SoupServerMessage *msg,
           guint              status,
           const char        *title,
           const char        *body_html)
{
  GString *s = g_string_new ("<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\">"
                             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                             "<title>");
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  g_string_append (s, escaped);
  g_string_append (s, "</title><style>"
                      "body{font-family:Cantarell,sans-serif;max-width:40em;margin:3em auto;"
                      "padding:0 1em;line-height:1.5;color:#241f31}"
                      "h1{font-size:1.6em}.hint{color:#5e5c64}"
                      "</style></head><body><h1>");
  g_string_append (s, escaped);
  g_string_append (s, "</h1>");
  g_string_append (s, body_html);
  g_string_append (s, "</body></html>\n");
  send_body (msg, status, "text/html;charset=utf-8", s);
}

/* ---- rooms ------------------------------------------------------------- */

static gint64
now_ms (BvPracticeServer *self)
{
  if (self->now_ms)
    return self->now_ms (self->clock_data);
  return g_get_real_time () / 1000;
}

static PracticeRoom *
find_room (BvPracticeServer *self,
           const char       *meeting_id)
{
  for (guint i = 0; i < self->rooms->len; i++)
    {
      PracticeRoom *room = g_ptr_array_index (self->rooms, i);

      if (g_str_equal (room->meeting_id, meeting_id))
        return room;
    }
  return NULL;
}

static PracticeRoom *
find_room_by_internal_id (BvPracticeServer *self,
                          const char       *internal_id)
{
  for (guint i = 0; i < self->rooms->len; i++)
    {
      PracticeRoom *room = g_ptr_array_index (self->rooms, i);

      if (g_str_equal (room->internal_id, internal_id))
        return room;
    }
  return NULL;
}

static gboolean
room_is_running (PracticeRoom *room)
{
  return room->attendees->len > 0;
}

static void
end_room (BvPracticeServer *self,
          PracticeRoom     *room)
{
  g_hash_table_add (self->ended, g_strdup (room->meeting_id));
  g_ptr_array_remove (self->rooms, room);
}

/* bbb-api.md §5: nobody joined within meetingExpireIfNoUserJoinedInMinutes,
 * the last one left meetingExpireWhenLastUserLeftInMinutes ago (0: never),
 * or duration is over. */
static void
expire_rooms (BvPracticeServer *self)
{
  gint64 now = now_ms (self);

  for (guint i = self->rooms->len; i > 0; i--)
    {
      PracticeRoom *room = g_ptr_array_index (self->rooms, i - 1);

      if (room->duration > 0 && now - room->create_time >= room->duration * MINUTE_MS)
        {
          g_debug ("A practice room reached its duration");
          end_room (self, room);
        }
      else if (!room->has_user_joined &&
               now - room->create_time >= room->expire_no_join_min * MINUTE_MS)
        {
          g_debug ("A practice room expired: nobody joined");
          g_ptr_array_remove_index (self->rooms, i - 1);
        }
      else if (room->has_user_joined && !room_is_running (room) &&
               room->expire_last_left_min > 0 &&
               now - room->last_left_time >= room->expire_last_left_min * MINUTE_MS)
        {
          g_debug ("A practice room expired: everybody left");
          g_ptr_array_remove_index (self->rooms, i - 1);
        }
    }
}

static guint
new_voice_bridge (BvPracticeServer *self)
{
  for (;;)
    {
      guint bridge = bv_secure_random_range (10000, 100000);
      gboolean taken = FALSE;

      for (guint i = 0; i < self->rooms->len && !taken; i++)
        taken = ((PracticeRoom *) g_ptr_array_index (self->rooms, i))->voice_bridge == bridge;
      if (!taken)
        return bridge;
    }
}

static void
append_create_fields (GString      *s,
                      PracticeRoom *room)
{
  append_text (s, "meetingID", room->meeting_id);
  append_text (s, "internalMeetingID", room->internal_id);
  append_text (s, "parentMeetingID", "bbb-none");
  append_text (s, "attendeePW", room->attendee_pw);
  append_text (s, "moderatorPW", room->moderator_pw);
  append_int (s, "createTime", room->create_time);
  append_int (s, "voiceBridge", room->voice_bridge);
  append_text (s, "dialNumber", PRACTICE_DIAL_NUMBER);
  append_text (s, "createDate", room->create_date);
  append_bool (s, "hasUserJoined", room->has_user_joined);
  append_int (s, "duration", room->duration);
  append_bool (s, "hasBeenForciblyEnded", FALSE);
}

static void
append_room (GString      *s,
             PracticeRoom *room)
{
  guint moderators = 0;

  for (guint i = 0; i < room->attendees->len; i++)
    if (((PracticeAttendee *) g_ptr_array_index (room->attendees, i))->moderator)
      moderators++;

  append_text (s, "meetingName", room->name);
  append_text (s, "meetingID", room->meeting_id);
  append_text (s, "internalMeetingID", room->internal_id);
  append_int (s, "createTime", room->create_time);
  append_text (s, "createDate", room->create_date);
  append_int (s, "voiceBridge", room->voice_bridge);
  append_text (s, "dialNumber", PRACTICE_DIAL_NUMBER);
  append_text (s, "attendeePW", room->attendee_pw);
  append_text (s, "moderatorPW", room->moderator_pw);
  append_bool (s, "running", room_is_running (room));
  append_int (s, "duration", room->duration);
  append_bool (s, "hasUserJoined", room->has_user_joined);
  append_bool (s, "recording", room->record);
  append_bool (s, "hasBeenForciblyEnded", FALSE);
  append_int (s, "startTime", room->start_time);
  append_int (s, "endTime", 0);
  append_int (s, "participantCount", room->attendees->len);
  append_int (s, "listenerCount", 0);
  append_int (s, "voiceParticipantCount", room->attendees->len);
  append_int (s, "videoCount", 0);
  append_int (s, "maxUsers", room->max_participants);
  append_int (s, "moderatorCount", moderators);

  g_string_append (s, room->attendees->len ? "<attendees>" : "<attendees/>");
  for (guint i = 0; i < room->attendees->len; i++)
    {
      PracticeAttendee *attendee = g_ptr_array_index (room->attendees, i);

      g_string_append (s, "<attendee>");
      append_text (s, "userID", attendee->user_id);
      append_text (s, "fullName", attendee->full_name);
      append_text (s, "role", attendee->moderator ? "MODERATOR" : "VIEWER");
      append_bool (s, "isPresenter", FALSE);
      append_bool (s, "isListeningOnly", FALSE);
      append_bool (s, "hasJoinedVoice", TRUE);
      append_bool (s, "hasVideo", FALSE);
      append_text (s, "clientType", "HTML5");
      append_pairs (s, "customdata", attendee->custom_data);
      g_string_append (s, "</attendee>");
    }
  if (room->attendees->len)
    g_string_append (s, "</attendees>");

  append_pairs (s, "metadata", room->metadata);
  append_bool (s, "isBreakout", FALSE);
}

/* ---- request bodies ---------------------------------------------------- */

static void
modules_start_element (GMarkupParseContext  *context,
                       const char           *element,
                       const char          **names,
                       const char          **values,
                       gpointer              user_data,
                       GError              **error)
{
  GPtrArray *documents = user_data;
  const char *filename = NULL;
  const char *name = NULL;
  const char *url = NULL;

  if (!g_markup_parse_context_get_element_stack (context)->next)
    {
      if (!g_str_equal (element, "modules"))
        g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
                     "The body is not a <modules> document");
      return;
    }
  if (!g_str_equal (element, "document"))
    return;

  for (guint i = 0; names[i]; i++)
    {
      if (g_str_equal (names[i], "filename"))
        filename = values[i];
      else if (g_str_equal (names[i], "name"))
        name = values[i];
      else if (g_str_equal (names[i], "url"))
        url = values[i];
    }

  if (filename && *filename)
    g_ptr_array_add (documents, g_strdup (filename));
  else if (name && *name)
    g_ptr_array_add (documents, g_strdup (name));
  else if (url && *url)
    {
      g_autofree char *path = g_strndup (url, strcspn (url, "?#"));
      const char *slash = strrchr (path, '/');
      const char *base = slash ? slash + 1 : path;

      g_ptr_array_add (documents, g_strdup (*base ? base : "document"));
    }
  else
    g_ptr_array_add (documents, g_strdup ("document"));
}

static GPtrArray *
parse_modules (const char *data,
               gsize       size)
{
  static const GMarkupParser parser = { modules_start_element, NULL, NULL, NULL, NULL };
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GMarkupParseContext) context = NULL;

  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, documents, NULL);
  if (!g_markup_parse_context_parse (context, data, size, NULL) ||
      !g_markup_parse_context_end_parse (context, NULL))
    return NULL;
  return g_steal_pointer (&documents);
}

/* bbb-api.md §1: since 2.6.18 a POST body needs a fitting Content-Type;
 * the checksum covers the URL query only, so a parameter must not come
 * in both. FALSE when an answer has been sent. */
static gboolean
take_body (SoupServerMessage  *msg,
           const Call         *call,
           PracticeParams     *params,
           GPtrArray         **documents)
{
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *type;
  g_autoptr(GBytes) body = NULL;
  const char *data;
  gsize size;

  if (g_str_equal (method, "GET"))
    {
      if (call->needs_modules)
        {
          send_failed (msg, "unsupportedContentType",
                       "This call needs a POST with an XML body (Content-Type application/xml)");
          return FALSE;
        }
      return TRUE;
    }
  if (!g_str_equal (method, "POST") || call->get_only)
    {
      send_failed (msg, "unsupportedRequest", "This request method is not supported for this call");
      return FALSE;
    }

  type = soup_message_headers_get_content_type (headers, NULL);
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  data = g_bytes_get_data (body, &size);

  if (!type && size == 0 && !call->needs_modules)
    return TRUE;

  if (type && (g_ascii_strcasecmp (type, "application/xml") == 0 ||
               g_ascii_strcasecmp (type, "text/xml") == 0) && call->accepts_modules)
    {
      *documents = parse_modules (data ? data : "", size);
      if (!*documents)
        {
          send_failed (msg, "validationError", "The request body is not a valid <modules> document");
          return FALSE;
        }
      return TRUE;
    }

  if (type && g_ascii_strcasecmp (type, "application/x-www-form-urlencoded") == 0 &&
      !call->needs_modules)
    {
      g_autoptr(PracticeParams) form = practice_params_new ();

      if (!params_parse (form, data ? data : "", size))
        {
          send_failed (msg, "validationError", "The request body is not correctly encoded");
          return FALSE;
        }
      for (guint i = 0; i < form->pairs->len; i++)
        {
          PracticePair *pair = g_ptr_array_index (form->pairs, i);

          if (params_has (params, pair->name))
            {
              send_failed (msg, "checksumError", "Checksums do not match");
              return FALSE;
            }
        }
      for (guint i = 0; i < form->pairs->len; i++)
        {
          PracticePair *pair = g_ptr_array_index (form->pairs, i);

          params_append (params, g_steal_pointer (&pair->name), g_steal_pointer (&pair->value));
        }
      return TRUE;
    }

  send_failed (msg, "unsupportedContentType", "POST request Content-Type is missing or unsupported");
  return FALSE;
}

/* ---- calls ------------------------------------------------------------- */

static const char *const create_booleans[] = {
  "record", "autoStartRecording", "allowStartStopRecording", "recordFullDurationMedia",
  "muteOnStart", "allowModsToUnmuteUsers", "allowModsToEjectCameras", "webcamsOnlyForModerator",
  "endWhenNoModerator", "meetingKeepEvents", "notifyRecordingIsOn",
  "lockSettingsDisableCam", "lockSettingsDisableMic", "lockSettingsDisablePrivateChat",
  "lockSettingsDisablePublicChat", "lockSettingsDisableNotes", "lockSettingsDisableNote",
  "lockSettingsHideUserList", "lockSettingsLockOnJoin", "lockSettingsLockOnJoinConfigurable",
  "lockSettingsHideViewersCursor", "preUploadedPresentationOverrideDefault",
};

static const char *const create_numbers[] = {
  "duration", "maxParticipants", "meetingExpireIfNoUserJoinedInMinutes",
  "meetingExpireWhenLastUserLeftInMinutes", "endWhenNoModeratorDelayInMinutes",
  "userCameraCap", "meetingCameraCap", "voiceBridge",
};

static gboolean
length_between (const char *text,
                glong       min,
                glong       max)
{
  glong length = g_utf8_strlen (text, -1);

  return length >= min && length <= max;
}

static void
send_created (SoupServerMessage *msg,
              PracticeRoom      *room,
              gboolean           duplicate)
{
  GString *s = response_new (TRUE);

  append_create_fields (s, room);
  if (duplicate)
    append_message (s, "duplicateWarning",
                    "This conference was already in existence and may currently be in progress.");
  else
    append_message (s, "", "");
  send_response (msg, s);
}

static char *
expand_welcome (const char   *welcome,
                PracticeRoom *room)
{
  g_autofree char *bridge = g_strdup_printf ("%u", room->voice_bridge);
  g_auto(GStrv) by_name = g_strsplit (welcome, "%%CONFNAME%%", -1);
  g_autofree char *named = g_strjoinv (room->name, by_name);
  g_auto(GStrv) by_dial = g_strsplit (named, "%%DIALNUM%%", -1);
  g_autofree char *dialed = g_strjoinv (PRACTICE_DIAL_NUMBER, by_dial);
  g_auto(GStrv) by_conf = g_strsplit (dialed, "%%CONFNUM%%", -1);

  return g_strjoinv (bridge, by_conf);
}

static void
handle_create (BvPracticeServer  *self,
               SoupServerMessage *msg,
               PracticeParams    *params,
               GPtrArray         *documents)
{
  const char *meeting_id = params_get (params, "meetingID");
  const char *name = params_get (params, "name");
  const char *attendee_pw = params_get (params, "attendeePW");
  const char *moderator_pw = params_get (params, "moderatorPW");
  const char *guest_policy = params_get (params, "guestPolicy");
  const char *welcome = params_get (params, "welcome");
  guint numbers[G_N_ELEMENTS (create_numbers)] = { 0 };
  gboolean booleans[G_N_ELEMENTS (create_booleans)] = { FALSE };
  PracticeRoom *room;

  if (!meeting_id || !*meeting_id)
    {
      send_failed (msg, "missingParamMeetingID", "You must specify a meeting ID for the meeting.");
      return;
    }
  if (!length_between (meeting_id, 2, 256) || strchr (meeting_id, ','))
    {
      send_failed (msg, "validationError",
                   "Meeting ID must be between 2 and 256 characters and cannot contain ','");
      return;
    }
  if (!name || !*name)
    {
      send_failed (msg, "missingParamName", "You must provide a meeting name");
      return;
    }
  if (!length_between (name, 2, 64))
    {
      send_failed (msg, "validationError", "Meeting name must be between 2 and 64 characters");
      return;
    }
  if ((attendee_pw && !length_between (attendee_pw, 2, 64)) ||
      (moderator_pw && !length_between (moderator_pw, 2, 64)))
    {
      send_failed (msg, "validationError", "Password must be between 2 and 64 characters");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (create_booleans); i++)
    {
      const char *value = params_get (params, create_booleans[i]);

      if (value && !parse_boolean (value, &booleans[i]))
        {
          send_failed (msg, "validationError", "A parameter must be a boolean value (true or false)");
          return;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (create_numbers); i++)
    {
      const char *value = params_get (params, create_numbers[i]);

      if (value && !parse_number (value, 1000000, &numbers[i]))
        {
          send_failed (msg, "validationError", "A parameter must be a whole number");
          return;
        }
    }
  if (guest_policy &&
      !g_strv_contains ((const char *const[]) { "ALWAYS_ACCEPT", "ALWAYS_DENY", "ASK_MODERATOR",
                                                "ALWAYS_ACCEPT_AUTH", NULL }, guest_policy))
    {
      send_failed (msg, "validationError", "Unknown guest policy");
      return;
    }

  room = find_room (self, meeting_id);
  if (room)
    {
      if ((attendee_pw && !g_str_equal (attendee_pw, room->attendee_pw)) ||
          (moderator_pw && !g_str_equal (moderator_pw, room->moderator_pw)))
        {
          send_failed (msg, "idNotUnique",
                       "A meeting already exists with that meeting ID.  Please use a different meeting ID.");
          return;
        }
      send_created (msg, room, TRUE);
      return;
    }

  room = g_new0 (PracticeRoom, 1);
  room->metadata = g_ptr_array_new_with_free_func (practice_pair_free);
  room->attendees = g_ptr_array_new_with_free_func (practice_attendee_free);
  room->documents = documents ? g_ptr_array_ref (documents) : g_ptr_array_new_with_free_func (g_free);

  room->meeting_id = g_strdup (meeting_id);
  room->name = g_strdup (name);
  room->create_time = now_ms (self);
  room->create_date = java_date (room->create_time);
  room->internal_id = internal_id_for (meeting_id, room->create_time);
  room->attendee_pw = attendee_pw ? g_strdup (attendee_pw) : bv_secure_random_token (8, ALNUM);
  room->moderator_pw = moderator_pw ? g_strdup (moderator_pw) : bv_secure_random_token (8, ALNUM);
  room->guest_policy = g_strdup (guest_policy ? guest_policy : "ALWAYS_ACCEPT");
  room->expire_no_join_min = 5;
  room->expire_last_left_min = 1;

  for (guint i = 0; i < G_N_ELEMENTS (create_numbers); i++)
    {
      const char *option = create_numbers[i];

      if (!params_has (params, option))
        continue;
      if (g_str_equal (option, "duration"))
        room->duration = numbers[i];
      else if (g_str_equal (option, "maxParticipants"))
        room->max_participants = numbers[i];
      else if (g_str_equal (option, "meetingExpireIfNoUserJoinedInMinutes"))
        room->expire_no_join_min = MAX (numbers[i], 1);
      else if (g_str_equal (option, "meetingExpireWhenLastUserLeftInMinutes"))
        room->expire_last_left_min = numbers[i];
      else if (g_str_equal (option, "voiceBridge"))
        room->voice_bridge = numbers[i];
    }
  for (guint i = 0; i < G_N_ELEMENTS (create_booleans); i++)
    {
      if (g_str_equal (create_booleans[i], "record"))
        room->record = booleans[i];
      else if (g_str_equal (create_booleans[i], "muteOnStart"))
        room->mute_on_start = booleans[i];
      else if (g_str_equal (create_booleans[i], "webcamsOnlyForModerator"))
        room->webcams_only_for_moderator = booleans[i];
    }

  if (room->voice_bridge)
    {
      for (guint i = 0; i < self->rooms->len; i++)
        if (((PracticeRoom *) g_ptr_array_index (self->rooms, i))->voice_bridge == room->voice_bridge)
          {
            practice_room_free (room);
            send_failed (msg, "nonUniqueVoiceBridge", "The selected voice bridge is already in use.");
            return;
          }
    }
  else
    room->voice_bridge = new_voice_bridge (self);

  if (welcome)
    room->welcome = expand_welcome (welcome, room);

  for (guint i = 0; i < params->pairs->len; i++)
    {
      PracticePair *pair = g_ptr_array_index (params->pairs, i);
      g_autofree char *key = NULL;

      if (!g_str_has_prefix (pair->name, "meta_"))
        continue;
      key = g_ascii_strdown (pair->name + 5, -1);
      if (is_element_name (key) && !pairs_get (room->metadata, key))
        pairs_set (room->metadata, key, pair->value);
    }

  g_hash_table_remove (self->ended, meeting_id);
  g_ptr_array_add (self->rooms, room);
  g_debug ("Practice room created (%u documents)", room->documents->len);
  send_created (msg, room, FALSE);
}

static char *
room_page_html (PracticeRoom *room,
                const char   *full_name,
                gboolean      moderator,
                gboolean      waiting)
{
  g_autofree char *room_name = g_markup_escape_text (room->name, -1);
  g_autofree char *person = g_markup_escape_text (full_name, -1);
  GString *s = g_string_new (NULL);

  if (waiting)
    {
      g_string_append_printf (s, "<p>Sie warten vor dem Übungsraum „%s“, %s.</p>", room_name, person);
      g_string_append (s, "<p>In diesem Raum lässt die Moderation Gäste einzeln herein. Auf dem "
                          "Übungsserver ist niemand, der Sie hereinlässt – so sieht es aus, wenn Gäste "
                          "im Warteraum auf Einlass warten.</p>");
    }
  else
    {
      g_string_append_printf (s, "<p>Sie sind jetzt im Übungsraum „%s“.</p>", room_name);
      g_string_append_printf (s, "<p>Sie nehmen %s teil: %s.</p>",
                              moderator ? "als Moderator/in" : "als Teilnehmer/in", person);
      if (room->welcome)
        {
          g_autofree char *welcome = g_markup_escape_text (room->welcome, -1);

          g_string_append_printf (s, "<p>Begrüßung: %s</p>", welcome);
        }
      if (room->mute_on_start)
        g_string_append (s, "<p>Beim Betreten sind die Mikrofone stummgeschaltet.</p>");
      if (room->webcams_only_for_moderator)
        g_string_append (s, "<p>Nur die Moderation sieht alle Kameras.</p>");
      if (room->record)
        g_string_append (s, "<p>Dieser Raum darf aufgezeichnet werden.</p>");
    }
  g_string_append (s, "<p class=\"hint\">Dies ist der Übungsserver von BBB für Vereine. Hier findet "
                      "keine echte Videokonferenz statt: Sie können in Ruhe ausprobieren, wie Planen, "
                      "Einladen, Beitreten und Beenden funktionieren. Dieses Fenster können Sie "
                      "jetzt schließen.</p>");
  return g_string_free (s, FALSE);
}

static void
handle_join (BvPracticeServer  *self,
             SoupServerMessage *msg,
             PracticeParams    *params,
             GPtrArray         *documents)
{
  const char *meeting_id = params_get (params, "meetingID");
  const char *full_name = params_get (params, "fullName");
  const char *role = params_get (params, "role");
  const char *password = params_get (params, "password");
  const char *create_time = params_get (params, "createTime");
  const char *user_id = params_get (params, "userID");
  const char *guest = params_get (params, "guest");
  const char *redirect = params_get (params, "redirect");
  gboolean moderator;
  gboolean as_guest = FALSE;
  gboolean waiting = FALSE;
  gboolean as_xml = redirect && g_ascii_strcasecmp (redirect, "false") == 0;
  g_autofree char *new_user_id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  PracticeSession *session;
  PracticeRoom *room;

  if (!meeting_id || !*meeting_id)
    {
      send_failed (msg, "missingParamMeetingID", "You must specify a meeting ID for the meeting.");
      return;
    }
  if (!full_name || !*full_name)
    {
      send_failed (msg, "missingParamFullName",
                   "You must specify a name for the attendee who will be joining the meeting.");
      return;
    }

  room = find_room (self, meeting_id);
  if (!room)
    {
      if (g_hash_table_contains (self->ended, meeting_id))
        send_failed (msg, "meetingForciblyEnded",
                     "You can not re-join a meeting that has already been forcibly ended.");
      else
        send_failed (msg, "invalidMeetingIdentifier",
                     "The meeting ID that you supplied did not match any existing meetings");
      return;
    }

  if (role && g_ascii_strcasecmp (role, "MODERATOR") == 0)
    moderator = TRUE;
  else if (role && g_ascii_strcasecmp (role, "VIEWER") == 0)
    moderator = FALSE;
  else if (password && *password)
    {
      if (g_str_equal (password, room->moderator_pw))
        moderator = TRUE;
      else if (g_str_equal (password, room->attendee_pw))
        moderator = FALSE;
      else
        {
          send_failed (msg, "invalidPassword",
                       "The password you submitted is neither the attendee nor the moderator password.");
          return;
        }
    }
  else
    {
      send_failed (msg, "Params required", "You must either supply a password or a role");
      return;
    }

  if (create_time && !g_str_equal (create_time, "") &&
      g_ascii_strtoll (create_time, NULL, 10) != room->create_time)
    {
      send_failed (msg, "mismatchCreateTimeParam",
                   "The createTime parameter submitted mismatches with the current meeting.");
      return;
    }
  if (guest && !parse_boolean (guest, &as_guest))
    {
      send_failed (msg, "validationError", "Guest must be a boolean value (true or false)");
      return;
    }

  if (as_guest && !moderator)
    {
      if (g_str_equal (room->guest_policy, "ALWAYS_DENY"))
        {
          send_failed (msg, "guestDeniedAccess",
                       "You have been denied access to this meeting based on the meeting's guest policy");
          return;
        }
      waiting = g_str_equal (room->guest_policy, "ASK_MODERATOR") ||
                g_str_equal (room->guest_policy, "ALWAYS_ACCEPT_AUTH");
    }

  if (!user_id || !*user_id)
    {
      g_autofree char *random = bv_secure_random_token (12, LOWER_ALNUM);

      user_id = new_user_id = g_strconcat ("w_", random, NULL);
    }

  if (!waiting)
    {
      PracticeAttendee *attendee = NULL;

      for (guint i = 0; i < room->attendees->len; i++)
        {
          PracticeAttendee *present = g_ptr_array_index (room->attendees, i);

          if (g_str_equal (present->user_id, user_id))
            attendee = present;
        }

      if (!attendee && room->max_participants > 0 && room->attendees->len >= room->max_participants)
        {
          send_failed (msg, "maxParticipantsReached",
                       "The maximum number of participants allowed for this meeting has been reached.");
          return;
        }

      if (!attendee)
        {
          attendee = g_new0 (PracticeAttendee, 1);
          attendee->user_id = g_strdup (user_id);
          attendee->custom_data = g_ptr_array_new_with_free_func (practice_pair_free);
          g_ptr_array_add (room->attendees, attendee);
        }
      g_free (attendee->full_name);
      attendee->full_name = g_strdup (full_name);
      attendee->moderator = moderator;
      for (guint i = 0; i < params->pairs->len; i++)
        {
          PracticePair *pair = g_ptr_array_index (params->pairs, i);

          if (g_str_has_prefix (pair->name, "userdata-") && is_element_name (pair->name + 9))
            pairs_set (attendee->custom_data, pair->name + 9, pair->value);
        }

      room->has_user_joined = TRUE;
      if (room->start_time == 0)
        room->start_time = now_ms (self);
    }

  token = bv_secure_random_token (16, LOWER_ALNUM);
  session = g_new0 (PracticeSession, 1);
  session->meeting_id = g_strdup (room->meeting_id);
  session->internal_id = g_strdup (room->internal_id);
  session->user_id = g_strdup (user_id);
  session->full_name = g_strdup (full_name);
  session->moderator = moderator;
  session->waiting = waiting;
  g_hash_table_insert (self->sessions, g_strdup (token), session);

  if (as_xml)
    {
      GString *s = response_new (TRUE);
      g_autofree char *auth_token = bv_secure_random_token (12, LOWER_ALNUM);

      url = g_strdup_printf ("%s/html5client/%s?sessionToken=%s", self->base_url,
                             waiting ? "guestWait" : "join", token);
      if (waiting)
        append_message (s, "guestWait", "Guest waiting for approval to join meeting.");
      else
        append_message (s, "successfullyJoined", "You have joined successfully.");
      append_text (s, "meeting_id", room->internal_id);
      append_text (s, "user_id", user_id);
      append_text (s, "auth_token", auth_token);
      append_text (s, "session_token", token);
      append_text (s, "guestStatus", waiting ? "WAIT" : "ALLOW");
      append_text (s, "url", url);
      send_response (msg, s);
    }
  else
    {
      g_autofree char *html = room_page_html (room, full_name, moderator, waiting);

      send_page (msg, SOUP_STATUS_OK, waiting ? "Warteraum" : "Übungsraum", html);
    }
}

static void
handle_is_meeting_running (BvPracticeServer  *self,
                           SoupServerMessage *msg,
                           PracticeParams    *params,
                           GPtrArray         *documents)
{
  const char *meeting_id = params_get (params, "meetingID");
  PracticeRoom *room;

  if (!meeting_id || !*meeting_id)
    {
      send_failed (msg, "missingParamMeetingID", "You must specify a meeting ID for the meeting.");
      return;
    }

  room = find_room (self, meeting_id);
  send_success_with (msg, "running", room && room_is_running (room) ? "true" : "false");
}

static void
handle_get_meeting_info (BvPracticeServer  *self,
                         SoupServerMessage *msg,
                         PracticeParams    *params,
                         GPtrArray         *documents)
{
  const char *meeting_id = params_get (params, "meetingID");
  PracticeRoom *room;
  GString *s;

  if (!meeting_id || !*meeting_id)
    {
      send_failed (msg, "missingParamMeetingID", "You must specify a meeting ID for the meeting.");
      return;
    }

  room = find_room (self, meeting_id);
  if (!room)
    {
      send_failed (msg, "notFound", "A meeting with that ID does not exist");
      return;
    }

  s = response_new (TRUE);
  append_room (s, room);
  send_response (msg, s);
}

static void
handle_get_meetings (BvPracticeServer  *self,
                     SoupServerMessage *msg,
                     PracticeParams    *params,
                     GPtrArray         *documents)
{
  GString *s = response_new (TRUE);

  if (self->rooms->len == 0)
    {
      g_string_append (s, "<meetings/>");
      append_message (s, "noMeetings", "no meetings were found on this server");
      send_response (msg, s);
      return;
    }

  g_string_append (s, "<meetings>");
  for (guint i = 0; i < self->rooms->len; i++)
    {
      g_string_append (s, "<meeting>");
      append_room (s, g_ptr_array_index (self->rooms, i));
      g_string_append (s, "</meeting>");
    }
  g_string_append (s, "</meetings>");
  send_response (msg, s);
}

static void
handle_end (BvPracticeServer  *self,
            SoupServerMessage *msg,
            PracticeParams    *params,
            GPtrArray         *documents)
{
  const char *meeting_id = params_get (params, "meetingID");
  PracticeRoom *room;
  GString *s;

  if (!meeting_id || !*meeting_id)
    {
      send_failed (msg, "missingParamMeetingID", "You must specify a meeting ID for the meeting.");
      return;
    }

  room = find_room (self, meeting_id);
  if (!room)
    {
      send_failed (msg, "notFound", "A meeting with that ID does not exist");
      return;
    }

  end_room (self, room);
  s = response_new (TRUE);
  append_message (s, "sentEndMeetingRequest",
                  "A request to end the meeting was sent.  Please wait a few seconds, and then use "
                  "the getMeetingInfo or isMeetingRunning API calls to verify that it was ended.");
  send_response (msg, s);
}

static void
handle_insert_document (BvPracticeServer  *self,
                        SoupServerMessage *msg,
                        PracticeParams    *params,
                        GPtrArray         *documents)
{
  const char *meeting_id = params_get (params, "meetingID");
  PracticeRoom *room;
  GString *s;

  if (!meeting_id || !*meeting_id)
    {
      send_failed (msg, "missingParamMeetingID", "You must specify a meeting ID for the meeting.");
      return;
    }

  room = find_room (self, meeting_id);
  if (!room || !room_is_running (room))
    {
      send_failed (msg, "notFound", "A meeting with that ID does not exist");
      return;
    }

  for (guint i = 0; documents && i < documents->len; i++)
    g_ptr_array_add (room->documents, g_strdup (g_ptr_array_index (documents, i)));

  s = response_new (TRUE);
  append_text (s, "message", "Presentation is being uploaded");
  send_response (msg, s);
}

/* ---- recordings -------------------------------------------------------- */

static void
append_recording (BvPracticeServer  *self,
                  GString           *s,
                  PracticeRecording *recording)
{
  guint minutes = (guint) ((recording->end_time - recording->start_time) / MINUTE_MS);
  g_autofree char *internal_id = internal_id_for (recording->meeting_id, recording->start_time);

  g_string_append (s, "<recording>");
  append_text (s, "recordID", recording->record_id);
  append_text (s, "meetingID", recording->meeting_id);
  append_text (s, "internalMeetingID", recording->record_id);
  append_text (s, "name", recording->name);
  append_bool (s, "isBreakout", FALSE);
  append_bool (s, "published", g_str_equal (recording->state, "published"));
  append_text (s, "state", recording->state);
  append_int (s, "startTime", recording->start_time);
  append_int (s, "endTime", recording->end_time);
  append_int (s, "participants", recording->participants);
  append_int (s, "rawSize", (gint64) minutes * 2400000);
  append_pairs (s, "metadata", recording->metadata);

  g_string_append (s, "<playback><format>");
  append_text (s, "type", "presentation");
  g_string_append_printf (s, "<url>%s/playback/presentation/2.3/%s</url>",
                          self->base_url, recording->record_id);
  append_int (s, "processingTime", 7177);
  append_int (s, "length", minutes);
  append_int (s, "size", (gint64) minutes * 41000);
  g_string_append (s, "<preview><images>");
  for (guint i = 1; i <= 3; i++)
    g_string_append_printf (s, "<image alt=\"%s\" height=\"136\" width=\"176\">"
                               "%s/presentation/%s/thumbnails/thumb-%u.png</image>",
                            i == 1 ? "Willkommen" : i == 2 ? "Tagesordnung" : "Fragen",
                            self->base_url, recording->record_id, i);
  g_string_append (s, "</images></preview></format><format>");
  append_text (s, "type", "video");
  g_string_append_printf (s, "<url>%s/playback/video/%s/</url>", self->base_url, recording->record_id);
  append_int (s, "processingTime", 95000);
  append_int (s, "length", minutes);
  append_int (s, "size", (gint64) minutes * 1900000);
  g_string_append (s, "</format></playback></recording>");
}

static void
add_sample_recordings (BvPracticeServer *self)
{
  static const struct
  {
    const char *meeting_id;
    const char *name;
    guint       days_ago;
    guint       minutes;
    guint       participants;
    const char *state;
  } samples[] = {
    { "uebung-vorstandssitzung", "Vorstandssitzung im Frühjahr", 12, 74, 6, "published" },
    { "uebung-kurs-montag", "Kurs Rückenfit – Woche 3", 5, 88, 11, "published" },
    { "uebung-mitgliederversammlung", "Mitgliederversammlung 2024", 2, 131, 23, "unpublished" },
  };
  /* Whole minutes, so the sample times look like real meeting starts. */
  gint64 now = now_ms (self) / MINUTE_MS * MINUTE_MS;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      PracticeRecording *recording = g_new0 (PracticeRecording, 1);

      recording->meeting_id = g_strdup (samples[i].meeting_id);
      recording->name = g_strdup (samples[i].name);
      recording->state = g_strdup (samples[i].state);
      recording->start_time = now - samples[i].days_ago * DAY_MS;
      recording->end_time = recording->start_time + samples[i].minutes * MINUTE_MS;
      recording->participants = samples[i].participants;
      recording->record_id = internal_id_for (recording->meeting_id, recording->start_time);
      recording->metadata = g_ptr_array_new_with_free_func (practice_pair_free);
      pairs_set (recording->metadata, "isBreakout", "false");
      pairs_set (recording->metadata, "meetingId", recording->meeting_id);
      pairs_set (recording->metadata, "meetingName", recording->name);
      pairs_set (recording->metadata, "bbb-origin", "BBB für Vereine");
      g_ptr_array_add (self->recordings, recording);
    }
}

static PracticeRecording *
find_recording (BvPracticeServer *self,
                const char       *record_id)
{
  for (guint i = 0; i < self->recordings->len; i++)
    {
      PracticeRecording *recording = g_ptr_array_index (self->recordings, i);

      if (g_str_equal (recording->record_id, record_id))
        return recording;
    }
  return NULL;
}

static GStrv
split_list (const char *value)
{
  g_auto(GStrv) parts = g_strsplit (value, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i])
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static gboolean
recording_matches (PracticeRecording *recording,
                   PracticeParams    *params,
                   GStrv              record_ids,
                   GStrv              meeting_ids,
                   GStrv              states)
{
  gboolean found;

  if (record_ids)
    {
      found = FALSE;
      for (guint i = 0; record_ids[i] && !found; i++)
        found = g_str_has_prefix (recording->record_id, record_ids[i]);
      if (!found)
        return FALSE;
    }
  else if (meeting_ids && !g_strv_contains ((const char *const *) meeting_ids, recording->meeting_id))
    return FALSE;

  if (!g_strv_contains ((const char *const *) states, "any") &&
      !g_strv_contains ((const char *const *) states, recording->state))
    return FALSE;

  for (guint i = 0; i < params->pairs->len; i++)
    {
      PracticePair *pair = g_ptr_array_index (params->pairs, i);
      g_autofree char *key = NULL;

      if (!g_str_has_prefix (pair->name, "meta_"))
        continue;
      key = g_ascii_strdown (pair->name + 5, -1);
      found = FALSE;
      for (guint j = 0; j < recording->metadata->len && !found; j++)
        {
          PracticePair *meta = g_ptr_array_index (recording->metadata, j);

          found = g_ascii_strcasecmp (meta->name, key) == 0 && g_str_equal (meta->value, pair->value);
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static void
handle_get_recordings (BvPracticeServer  *self,
                       SoupServerMessage *msg,
                       PracticeParams    *params,
                       GPtrArray         *documents)
{
  const char *record_id = params_get (params, "recordID");
  const char *meeting_id = params_get (params, "meetingID");
  const char *state = params_get (params, "state");
  const char *offset_param = params_get (params, "offset");
  const char *limit_param = params_get (params, "limit");
  g_auto(GStrv) record_ids = record_id && *record_id ? split_list (record_id) : NULL;
  g_auto(GStrv) meeting_ids = meeting_id && *meeting_id ? split_list (meeting_id) : NULL;
  g_auto(GStrv) states = state && *state ? split_list (state) : g_strsplit ("published,unpublished", ",", -1);
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  guint offset = 0;
  guint limit = G_MAXUINT;
  GString *s;

  if (offset_param && !parse_number (offset_param, G_MAXINT, &offset))
    {
      send_failed (msg, "validationError", "offset must be a whole number of at least 0");
      return;
    }
  if (limit_param && (!parse_number (limit_param, 100, &limit) || limit < 1))
    {
      send_failed (msg, "validationError", "limit must be a whole number between 1 and 100");
      return;
    }

  for (guint i = 0; i < self->recordings->len; i++)
    {
      PracticeRecording *recording = g_ptr_array_index (self->recordings, i);

      if (recording_matches (recording, params, record_ids, meeting_ids, states))
        g_ptr_array_add (matches, recording);
    }

  s = response_new (TRUE);
  if (matches->len == 0)
    {
      append_message (s, "noRecordings", "There are no recordings for the meeting(s).");
      g_string_append (s, "<recordings/>");
    }
  else
    {
      g_string_append (s, "<recordings>");
      for (guint i = offset; i < matches->len && i - offset < limit; i++)
        append_recording (self, s, g_ptr_array_index (matches, i));
      g_string_append (s, "</recordings>");
    }
  append_int (s, "totalElements", matches->len);
  send_response (msg, s);
}

/* The recordings a publish/delete/update call names; NULL (and an answer
 * sent) when it names none that exist. */
static GPtrArray *
named_recordings (BvPracticeServer  *self,
                  SoupServerMessage *msg,
                  PracticeParams    *params,
                  gboolean           include_deleted)
{
  const char *record_id = params_get (params, "recordID");
  g_auto(GStrv) ids = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  if (!record_id || !*record_id)
    {
      send_failed (msg, "missingParamRecordID", "You must specify a recordID.");
      return NULL;
    }

  ids = split_list (record_id);
  for (guint i = 0; ids[i]; i++)
    {
      PracticeRecording *recording = find_recording (self, ids[i]);

      if (recording && (include_deleted || !g_str_equal (recording->state, "deleted")))
        g_ptr_array_add (found, recording);
    }
  if (found->len == 0)
    {
      send_failed (msg, "notFound", "We could not find recordings");
      return NULL;
    }
  return g_steal_pointer (&found);
}

static void
handle_publish_recordings (BvPracticeServer  *self,
                           SoupServerMessage *msg,
                           PracticeParams    *params,
                           GPtrArray         *documents)
{
  const char *publish_param = params_get (params, "publish");
  g_autoptr(GPtrArray) found = NULL;
  gboolean publish = FALSE;

  if (params_has (params, "recordID") && (!publish_param || !*publish_param))
    {
      send_failed (msg, "missingParamPublish", "You must specify a publish value true or false.");
      return;
    }
  if (publish_param && !parse_boolean (publish_param, &publish))
    {
      send_failed (msg, "validationError", "publish must be a boolean value (true or false)");
      return;
    }
  found = named_recordings (self, msg, params, FALSE);
  if (!found)
    return;

  for (guint i = 0; i < found->len; i++)
    {
      PracticeRecording *recording = g_ptr_array_index (found, i);

      g_free (recording->state);
      recording->state = g_strdup (publish ? "published" : "unpublished");
    }
  send_success_with (msg, "published", publish ? "true" : "false");
}

static void
handle_delete_recordings (BvPracticeServer  *self,
                          SoupServerMessage *msg,
                          PracticeParams    *params,
                          GPtrArray         *documents)
{
  g_autoptr(GPtrArray) found = named_recordings (self, msg, params, TRUE);

  if (!found)
    return;

  for (guint i = 0; i < found->len; i++)
    {
      PracticeRecording *recording = g_ptr_array_index (found, i);

      g_free (recording->state);
      recording->state = g_strdup ("deleted");
    }
  send_success_with (msg, "deleted", "true");
}

static void
handle_update_recordings (BvPracticeServer  *self,
                          SoupServerMessage *msg,
                          PracticeParams    *params,
                          GPtrArray         *documents)
{
  g_autoptr(GPtrArray) found = named_recordings (self, msg, params, TRUE);

  if (!found)
    return;

  for (guint i = 0; i < found->len; i++)
    {
      PracticeRecording *recording = g_ptr_array_index (found, i);

      for (guint j = 0; j < params->pairs->len; j++)
        {
          PracticePair *pair = g_ptr_array_index (params->pairs, j);
          g_autofree char *key = NULL;

          if (!g_str_has_prefix (pair->name, "meta_"))
            continue;
          key = g_ascii_strdown (pair->name + 5, -1);
          if (!is_element_name (key))
            continue;
          /* An empty value removes the key (bbb-api.md §4.8). */
          if (*pair->value)
            pairs_set (recording->metadata, key, pair->value);
          else
            pairs_remove (recording->metadata, key);
        }
    }
  send_success_with (msg, "updated", "true");
}

static const Call calls[] = {
  { "create", handle_create, TRUE, FALSE, FALSE },
  { "join", handle_join, FALSE, FALSE, TRUE },
  { "isMeetingRunning", handle_is_meeting_running, FALSE, FALSE, FALSE },
  { "getMeetingInfo", handle_get_meeting_info, FALSE, FALSE, FALSE },
  { "getMeetings", handle_get_meetings, FALSE, FALSE, FALSE },
  { "end", handle_end, FALSE, FALSE, FALSE },
  { "insertDocument", handle_insert_document, TRUE, TRUE, FALSE },
  { "getRecordings", handle_get_recordings, FALSE, FALSE, FALSE },
  { "publishRecordings", handle_publish_recordings, FALSE, FALSE, FALSE },
  { "deleteRecordings", handle_delete_recordings, FALSE, FALSE, FALSE },
  { "updateRecordings", handle_update_recordings, FALSE, FALSE, FALSE },
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
static char *
take_raw_query (BvPracticeServer  *self,
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
  g_autofree char *raw_query = take_raw_query (self, msg);
  g_autoptr(PracticeParams) params = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  const Call *call = NULL;
  const char *name;
  BvChecksumAlgorithm algorithm;
  gboolean checksum_valid;

  if (!g_str_equal (path, "/bigbluebutton/api") && !g_str_has_prefix (path, "/bigbluebutton/api/"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  expire_rooms (self);

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
      send_response (msg, g_string_append (response_new (TRUE),
                                           "<version>2.0</version><apiVersion>2.0</apiVersion>"
                                           "<bbbVersion>" PRACTICE_BBB_VERSION "</bbbVersion>"));
      return;
    }

  if (!call)
    {
      send_failed (msg, "unsupportedRequest", "This request is not supported.");
      return;
    }

  g_debug ("Practice call %s", call->name);
  if (!checksum_valid)
    {
      send_failed (msg, "checksumError", "Checksums do not match");
      return;
    }

  params = practice_params_new ();
  if (!params_parse (params, raw_query, strlen (raw_query)))
    {
      send_failed (msg, "validationError", "The query string is not correctly encoded");
      return;
    }
  if (!take_body (msg, call, params, &documents))
    return;

  call->func (self, msg, params, documents);
}

static void
html5client_handler_cb (SoupServer        *server,
                        SoupServerMessage *msg,
                        const char        *path,
                        GHashTable        *query,
                        gpointer           user_data)
{
  BvPracticeServer *self = user_data;
  g_autofree char *raw_query = take_raw_query (self, msg);
  const char *token = query ? g_hash_table_lookup (query, "sessionToken") : NULL;
  PracticeSession *session = token ? g_hash_table_lookup (self->sessions, token) : NULL;
  PracticeRoom *room;
  g_autofree char *html = NULL;

  expire_rooms (self);
  room = session ? find_room_by_internal_id (self, session->internal_id) : NULL;
  if (!room)
    {
      send_page (msg, SOUP_STATUS_NOT_FOUND, "Übungsraum beendet",
                 "<p>Diesen Übungsraum gibt es nicht mehr: Er wurde beendet, oder niemand war "
                 "mehr darin. Auf dem Übungsserver findet keine echte Videokonferenz statt.</p>");
      return;
    }

  html = room_page_html (room, session->full_name, session->moderator, session->waiting);
  send_page (msg, SOUP_STATUS_OK, session->waiting ? "Warteraum" : "Übungsraum", html);
}

static void
playback_handler_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  BvPracticeServer *self = user_data;
  g_autofree char *raw_query = take_raw_query (self, msg);
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  PracticeRecording *recording = NULL;
  guint n = g_strv_length (parts);

  /* "/presentation/ID/thumbnails/thumb-N.png" */
  if (n == 5 && g_str_equal (parts[1], "presentation") && g_str_equal (parts[3], "thumbnails") &&
      g_str_has_prefix (parts[4], "thumb-") && g_str_has_suffix (parts[4], ".png") &&
      find_recording (self, parts[2]))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC,
                                        thumbnail_png, sizeof thumbnail_png - 1);
      return;
    }

  /* "/playback/presentation/2.3/ID" and "/playback/video/ID/" */
  if (n >= 4 && g_str_equal (parts[1], "playback"))
    {
      if (g_str_equal (parts[2], "presentation") && n >= 5)
        recording = find_recording (self, parts[4]);
      else if (g_str_equal (parts[2], "video"))
        recording = find_recording (self, parts[3]);
    }

  if (recording && g_str_equal (recording->state, "published"))
    {
      g_autofree char *name = g_markup_escape_text (recording->name, -1);
      g_autofree char *date = german_date (recording->start_time);
      g_autofree char *html = g_strdup_printf (
        "<p>Aufzeichnung „%s“ vom %s.</p>"
        "<p class=\"hint\">Dies ist der Übungsserver von BBB für Vereine. Er zeigt, wie sich eine "
        "Aufzeichnung öffnet; eine echte Aufzeichnung mit Bild und Ton gibt es hier nicht. "
        "Dieses Fenster können Sie jetzt schließen.</p>", name, date);

      send_page (msg, SOUP_STATUS_OK, "Aufzeichnung", html);
      return;
    }

  send_page (msg, SOUP_STATUS_NOT_FOUND, "Aufzeichnung nicht gefunden",
             "<p>Diese Aufzeichnung gibt es nicht, oder sie ist nicht veröffentlicht.</p>");
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
  self->rooms = g_ptr_array_new_with_free_func (practice_room_free);
  self->ended = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->recordings = g_ptr_array_new_with_free_func (practice_recording_free);
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, practice_session_free);
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
  soup_server_add_handler (server, "/html5client", html5client_handler_cb, self, NULL);
  soup_server_add_handler (server, "/playback", playback_handler_cb, self, NULL);
  soup_server_add_handler (server, "/presentation", playback_handler_cb, self, NULL);
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
  add_sample_recordings (self);
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

gboolean
bv_practice_server_leave (BvPracticeServer *self,
                          const char       *meeting_id,
                          const char       *user_id)
{
  PracticeRoom *room;

  g_return_val_if_fail (BV_IS_PRACTICE_SERVER (self), FALSE);
  g_return_val_if_fail (meeting_id, FALSE);
  g_return_val_if_fail (user_id, FALSE);

  room = find_room (self, meeting_id);
  if (!room)
    return FALSE;

  for (guint i = 0; i < room->attendees->len; i++)
    {
      PracticeAttendee *attendee = g_ptr_array_index (room->attendees, i);

      if (g_str_equal (attendee->user_id, user_id))
        {
          g_ptr_array_remove_index (room->attendees, i);
          if (room->attendees->len == 0)
            room->last_left_time = now_ms (self);
          return TRUE;
        }
    }
  return FALSE;
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
bv_practice_server_set_delay (BvPracticeServer *self,
                              guint             delay_ms)
{
  g_return_if_fail (BV_IS_PRACTICE_SERVER (self));

  self->delay_ms = delay_ms;
}

GStrv
bv_practice_server_dup_documents (BvPracticeServer *self,
                                  const char       *meeting_id)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  PracticeRoom *room;

  g_return_val_if_fail (BV_IS_PRACTICE_SERVER (self), NULL);
  g_return_val_if_fail (meeting_id, NULL);

  room = find_room (self, meeting_id);
  if (!room)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < room->documents->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (room->documents, i));

  return g_strv_builder_end (builder);
}
