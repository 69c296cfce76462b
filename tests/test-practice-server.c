/* test-practice-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "bv-practice-server-private.h"
#include "bv-test-utils.h"

/* The server is driven with plain HTTP; URLs are signed here with a tiny
 * checksum routine of the test's own (bbb-api.md §2.1), never with the
 * app's client, so that a bug there cannot hide one here. */

#define SECRET     "practice-secret"
#define START_TIME G_GINT64_CONSTANT (1715261728123)
#define MINUTE     (G_GINT64_CONSTANT (60) * 1000)

typedef struct
{
  BvPracticeServer *server;
  SoupSession      *session;
  gint64            now;
} Fixture;

static gint64
fake_now (gpointer data)
{
  return ((Fixture *) data)->now;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->now = START_TIME;
  f->server = bv_practice_server_new (SECRET);
  bv_practice_server_set_clock (f->server, fake_now, f);
  g_assert_true (bv_practice_server_start (f->server, &error));
  g_assert_no_error (error);
  f->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->server);
}

/* ---- HTTP ---------------------------------------------------------------- */

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GBytes **body = user_data;
  g_autoptr(GError) error = NULL;

  *body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
body_arrived (gpointer data)
{
  return *(GBytes **) data != NULL;
}

static gboolean
exchange_done (gpointer data)
{
  return g_atomic_int_get ((int *) data);
}

static GBytes *
send_message (SoupSession *session,
              SoupMessage *msg)
{
  GBytes *body = NULL;

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &body);
  bv_test_wait_until (body_arrived, &body);
  return body;
}

static GBytes *
fetch (SoupSession *session,
       const char  *url,
       guint       *status)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  GBytes *body = send_message (session, msg);

  *status = soup_message_get_status (msg);
  return body;
}

static GBytes *
fetch_typed (Fixture    *f,
             const char *method,
             const char *url,
             const char *content_type,
             const char *request_body,
             guint      *status,
             char      **response_type)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  GBytes *body;

  g_assert_nonnull (msg);
  if (request_body)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (request_body, strlen (request_body));

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  body = send_message (f->session, msg);
  *status = soup_message_get_status (msg);
  if (response_type)
    *response_type = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                             "Content-Type"));
  return body;
}

static char *
sign_with (Fixture       *f,
           const char    *call,
           const char    *query,
           GChecksumType  type,
           const char    *secret)
{
  g_autofree char *material = g_strconcat (call, query, secret, NULL);
  g_autofree char *checksum = g_compute_checksum_for_string (type, material, -1);

  return g_strdup_printf ("%s%s?%s%schecksum=%s", bv_practice_server_get_api_url (f->server),
                          call, query, *query ? "&" : "", checksum);
}

static char *
sign (Fixture    *f,
      const char *call,
      const char *query)
{
  return sign_with (f, call, query, G_CHECKSUM_SHA256, SECRET);
}

/* ---- XML ----------------------------------------------------------------- */

static xmlDocPtr
parse (GBytes *body)
{
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  xmlDocPtr doc = xmlReadMemory (data, (int) size, "answer.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);

  g_assert_nonnull (doc);
  g_assert_cmpstr ((const char *) xmlDocGetRootElement (doc)->name, ==, "response");
  return doc;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

static xmlNodePtr
child (xmlNodePtr  parent,
       const char *name)
{
  for (xmlNodePtr n = parent ? parent->children : NULL; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE && g_str_equal ((const char *) n->name, name))
      return n;
  return NULL;
}

static guint
count_children (xmlNodePtr  parent,
                const char *name)
{
  guint n = 0;

  for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && g_str_equal ((const char *) c->name, name))
      n++;
  return n;
}

/* The text of a direct child, or NULL when there is no such child. */
static char *
text (xmlNodePtr  parent,
      const char *name)
{
  xmlNodePtr node = child (parent, name);

  return node ? (char *) xmlNodeGetContent (node) : NULL;
}

static char *
root_text (xmlDocPtr   doc,
           const char *name)
{
  return text (xmlDocGetRootElement (doc), name);
}

#define assert_root_text(doc, name, expected) \
  G_STMT_START { \
    g_autofree char *value_ = root_text ((doc), (name)); \
    g_assert_cmpstr (value_, ==, (expected)); \
  } G_STMT_END

#define assert_answer(doc, returncode, key) \
  G_STMT_START { \
    assert_root_text ((doc), "returncode", (returncode)); \
    assert_root_text ((doc), "messageKey", (key)); \
  } G_STMT_END

static xmlDocPtr
api_url (Fixture    *f,
         const char *url)
{
  g_autoptr(GBytes) body = NULL;
  g_autofree char *type = NULL;
  guint status = 0;

  body = fetch_typed (f, "GET", url, NULL, NULL, &status, &type);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (type, ==, "text/xml;charset=utf-8");
  /* bbb-web 3.0 writes neither a declaration nor whitespace between elements. */
  g_assert_false (g_str_has_prefix (g_bytes_get_data (body, NULL), "<?xml"));
  g_assert_null (memchr (g_bytes_get_data (body, NULL), '\n', g_bytes_get_size (body)));
  return parse (body);
}

static xmlDocPtr
api (Fixture    *f,
     const char *call,
     const char *query)
{
  g_autofree char *url = sign (f, call, query);

  return api_url (f, url);
}

static char *
join_page (Fixture    *f,
           const char *query,
           guint      *status)
{
  g_autofree char *url = sign (f, "join", query);
  g_autofree char *type = NULL;
  g_autoptr(GBytes) body = fetch_typed (f, "GET", url, NULL, NULL, status, &type);

  if (*status == 200 && g_str_has_prefix (type, "text/html"))
    g_assert_cmpstr (type, ==, "text/html;charset=utf-8");
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
create_room (Fixture    *f,
             const char *query)
{
  g_autoptr(xmlDoc) doc = api (f, "create", query);

  assert_root_text (doc, "returncode", "SUCCESS");
}

static void
join_as (Fixture    *f,
         const char *meeting_id,
         const char *user_id,
         const char *role)
{
  g_autofree char *query = g_strdup_printf ("meetingID=%s&fullName=Person+%s&role=%s&userID=%s&redirect=false",
                                            meeting_id, user_id, role, user_id);
  g_autoptr(xmlDoc) doc = api (f, "join", query);

  assert_answer (doc, "SUCCESS", "successfullyJoined");
}

static xmlNodePtr
meeting_info (Fixture    *f,
              const char *meeting_id,
              xmlDocPtr  *doc)
{
  g_autofree char *query = g_strdup_printf ("meetingID=%s", meeting_id);

  *doc = api (f, "getMeetingInfo", query);
  return xmlDocGetRootElement (*doc);
}

static void
assert_meeting_gone (Fixture    *f,
                     const char *meeting_id)
{
  g_autoptr(xmlDoc) doc = NULL;

  meeting_info (f, meeting_id, &doc);
  assert_answer (doc, "FAILED", "notFound");
}

/* ---- tests ----------------------------------------------------------------- */

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
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, "vorstand-7", -1);
  g_autofree char *internal = g_strdup_printf ("%s-%" G_GINT64_FORMAT, hash, START_TIME);
  g_autofree char *attendee_pw = NULL;
  g_autofree char *voice_bridge = NULL;
  g_autofree char *create_date = NULL;

  doc = api (f, "create", "meetingID=vorstand-7&name=Vorstandssitzung+M%C3%A4rz&record=false");
  assert_answer (doc, "SUCCESS", "");
  assert_root_text (doc, "meetingID", "vorstand-7");
  assert_root_text (doc, "internalMeetingID", internal);
  assert_root_text (doc, "parentMeetingID", "bbb-none");
  assert_root_text (doc, "createTime", "1715261728123");
  assert_root_text (doc, "hasUserJoined", "false");
  assert_root_text (doc, "duration", "0");
  assert_root_text (doc, "hasBeenForciblyEnded", "false");
  assert_root_text (doc, "dialNumber", "+49 631 00000000");
  create_date = root_text (doc, "createDate");
  g_assert_cmpstr (create_date, ==, "Thu May 09 13:35:28 UTC 2024");
  attendee_pw = root_text (doc, "attendeePW");
  g_assert_cmpuint (strlen (attendee_pw), ==, 8);
  voice_bridge = root_text (doc, "voiceBridge");
  g_assert_cmpuint (strlen (voice_bridge), ==, 5);
  g_clear_pointer (&doc, xmlFreeDoc);

  /* Idempotent: the same room again, with its original data. */
  f->now += 1000;
  doc = api (f, "create", "meetingID=vorstand-7&name=Anderer+Name");
  assert_answer (doc, "SUCCESS", "duplicateWarning");
  assert_root_text (doc, "createTime", "1715261728123");
  assert_root_text (doc, "attendeePW", attendee_pw);
  g_clear_pointer (&doc, xmlFreeDoc);

  {
    g_autofree char *query = g_strdup_printf ("meetingID=vorstand-7&name=Vorstand&attendeePW=%s", attendee_pw);

    doc = api (f, "create", query);
    assert_answer (doc, "SUCCESS", "duplicateWarning");
    g_clear_pointer (&doc, xmlFreeDoc);
  }

  doc = api (f, "create", "meetingID=vorstand-7&name=Vorstand&moderatorPW=anders");
  assert_answer (doc, "FAILED", "idNotUnique");
  g_clear_pointer (&doc, xmlFreeDoc);

  /* Explicit passwords are kept. */
  doc = api (f, "create", "meetingID=kurs-1&name=Kurs&attendeePW=ap12&moderatorPW=mp34");
  assert_root_text (doc, "attendeePW", "ap12");
  assert_root_text (doc, "moderatorPW", "mp34");
  g_clear_pointer (&doc, xmlFreeDoc);

  doc = api (f, "create", "name=Ohne+Kennung");
  assert_answer (doc, "FAILED", "missingParamMeetingID");
  g_clear_pointer (&doc, xmlFreeDoc);

  doc = api (f, "create", "meetingID=a%2Cb&name=Komma");
  assert_answer (doc, "FAILED", "validationError");
  g_clear_pointer (&doc, xmlFreeDoc);

  doc = api (f, "create", "meetingID=x&name=Kurz");
  assert_answer (doc, "FAILED", "validationError");
  g_clear_pointer (&doc, xmlFreeDoc);

  doc = api (f, "create", "meetingID=ohne-name");
  assert_answer (doc, "FAILED", "missingParamName");
  g_clear_pointer (&doc, xmlFreeDoc);

  doc = api (f, "create", "meetingID=lang&name="
             "0123456789012345678901234567890123456789012345678901234567890123456789");
  assert_answer (doc, "FAILED", "validationError");
  g_clear_pointer (&doc, xmlFreeDoc);

  doc = api (f, "create", "meetingID=bool&name=Bool&muteOnStart=vielleicht");
  assert_answer (doc, "FAILED", "validationError");
  g_clear_pointer (&doc, xmlFreeDoc);

  doc = api (f, "create", "meetingID=bad%FF&name=Kodierung");
  assert_answer (doc, "FAILED", "validationError");
}

static void
test_join_page (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *page = NULL;
  xmlNodePtr root;
  xmlNodePtr attendee;
  guint status = 0;

  create_room (f, "meetingID=mv-2024&name=Vorstand+%26+Co+%3C3%3E&meta_bbb-origin=BBB+f%C3%BCr+Vereine"
                  "&meta_endCallbackUrl=https%3A%2F%2Fexample.org%2Fcb&muteOnStart=true");

  doc = api (f, "isMeetingRunning", "meetingID=mv-2024");
  assert_root_text (doc, "running", "false");
  g_clear_pointer (&doc, xmlFreeDoc);

  page = join_page (f, "meetingID=mv-2024&fullName=J%C3%BCrgen+M%C3%BCller&role=MODERATOR&userID=member-17", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (page, "<html lang=\"de\">"));
  g_assert_nonnull (strstr (page, "<title>Übungsraum</title>"));
  g_assert_nonnull (strstr (page, "Sie sind jetzt im Übungsraum „Vorstand &amp; Co &lt;3&gt;“."));
  g_assert_nonnull (strstr (page, "als Moderator/in"));
  g_assert_nonnull (strstr (page, "Jürgen Müller"));
  g_assert_nonnull (strstr (page, "Übungsserver von BBB für Vereine"));
  g_assert_null (strstr (page, "<3>"));

  doc = api (f, "isMeetingRunning", "meetingID=mv-2024");
  assert_answer (doc, "SUCCESS", NULL);
  assert_root_text (doc, "running", "true");
  g_clear_pointer (&doc, xmlFreeDoc);

  root = meeting_info (f, "mv-2024", &doc);
  assert_root_text (doc, "returncode", "SUCCESS");
  assert_root_text (doc, "meetingName", "Vorstand & Co <3>");
  assert_root_text (doc, "running", "true");
  assert_root_text (doc, "hasUserJoined", "true");
  assert_root_text (doc, "participantCount", "1");
  assert_root_text (doc, "moderatorCount", "1");
  assert_root_text (doc, "voiceParticipantCount", "1");
  assert_root_text (doc, "listenerCount", "0");
  assert_root_text (doc, "videoCount", "0");
  assert_root_text (doc, "startTime", "1715261728123");
  assert_root_text (doc, "endTime", "0");
  assert_root_text (doc, "isBreakout", "false");
  g_assert_cmpuint (count_children (child (root, "attendees"), "attendee"), ==, 1);
  attendee = child (child (root, "attendees"), "attendee");
  {
    g_autofree char *user_id = text (attendee, "userID");
    g_autofree char *full_name = text (attendee, "fullName");
    g_autofree char *role = text (attendee, "role");
    g_autofree char *presenter = text (attendee, "isPresenter");
    g_autofree char *voice = text (attendee, "hasJoinedVoice");
    g_autofree char *client = text (attendee, "clientType");
    g_autofree char *origin = text (child (root, "metadata"), "bbb-origin");
    g_autofree char *callback = text (child (root, "metadata"), "endcallbackurl");

    g_assert_cmpstr (user_id, ==, "member-17");
    g_assert_cmpstr (full_name, ==, "Jürgen Müller");
    g_assert_cmpstr (role, ==, "MODERATOR");
    g_assert_cmpstr (presenter, ==, "false");
    g_assert_cmpstr (voice, ==, "true");
    g_assert_cmpstr (client, ==, "HTML5");
    g_assert_cmpstr (origin, ==, "BBB für Vereine");
    g_assert_cmpstr (callback, ==, "https://example.org/cb");
  }
  g_clear_pointer (&doc, xmlFreeDoc);
  g_clear_pointer (&page, g_free);

  /* A viewer by role, lower case. */
  page = join_page (f, "meetingID=mv-2024&fullName=Eva&role=viewer", &status);
  g_assert_nonnull (strstr (page, "als Teilnehmer/in"));
  root = meeting_info (f, "mv-2024", &doc);
  assert_root_text (doc, "participantCount", "2");
  assert_root_text (doc, "moderatorCount", "1");
}

static void
test_join_xml (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, "kurs-montag", -1);
  g_autofree char *internal = g_strdup_printf ("%s-%" G_GINT64_FORMAT, hash, START_TIME);
  guint status = 0;

  create_room (f, "meetingID=kurs-montag&name=Kurs+Montag&attendeePW=ap12&moderatorPW=mp34");

  doc = api (f, "join", "meetingID=kurs-montag&fullName=Anna&password=ap12&userID=anna&redirect=false"
                        "&createTime=1715261728123&userdata-bbb_auto_join_audio=true");
  assert_answer (doc, "SUCCESS", "successfullyJoined");
  assert_root_text (doc, "meeting_id", internal);
  assert_root_text (doc, "user_id", "anna");
  assert_root_text (doc, "guestStatus", "ALLOW");
  url = root_text (doc, "url");
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  g_assert_nonnull (strstr (url, "/html5client/join?sessionToken="));
  {
    g_autofree char *session = root_text (doc, "session_token");
    g_autofree char *auth = root_text (doc, "auth_token");

    g_assert_true (g_str_has_suffix (url, session));
    g_assert_cmpuint (strlen (auth), >, 0);
  }
  g_clear_pointer (&doc, xmlFreeDoc);

  /* The URL the app would open in the browser shows the room. */
  body = fetch (f->session, url, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "„Kurs Montag“"));
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "als Teilnehmer/in"));

  {
    xmlNodePtr root = meeting_info (f, "kurs-montag", &doc);
    xmlNodePtr custom = child (child (child (root, "attendees"), "attendee"), "customdata");
    g_autofree char *audio = text (custom, "bbb_auto_join_audio");

    g_assert_cmpstr (audio, ==, "true");
    g_clear_pointer (&doc, xmlFreeDoc);
  }

  doc = api (f, "join", "meetingID=kurs-montag&fullName=Leiterin&password=mp34&redirect=false");
  assert_answer (doc, "SUCCESS", "successfullyJoined");
  g_clear_pointer (&doc, xmlFreeDoc);
  meeting_info (f, "kurs-montag", &doc);
  assert_root_text (doc, "moderatorCount", "1");
  assert_root_text (doc, "participantCount", "2");
  g_clear_pointer (&doc, xmlFreeDoc);

  doc = api (f, "join", "meetingID=kurs-montag&fullName=Falsch&password=nope&redirect=false");
  assert_answer (doc, "FAILED", "invalidPassword");
  g_clear_pointer (&doc, xmlFreeDoc);

  doc = api (f, "join", "meetingID=kurs-montag&fullName=Niemand&redirect=false");
  assert_answer (doc, "FAILED", "Params required");
  g_clear_pointer (&doc, xmlFreeDoc);

  doc = api (f, "join", "meetingID=kurs-montag&role=VIEWER&redirect=false");
  assert_answer (doc, "FAILED", "missingParamFullName");
  g_clear_pointer (&doc, xmlFreeDoc);

  doc = api (f, "join", "meetingID=gibt-es-nicht&fullName=Anna&role=VIEWER&redirect=false");
  assert_answer (doc, "FAILED", "invalidMeetingIdentifier");
  g_clear_pointer (&doc, xmlFreeDoc);

  /* An old link from an earlier incarnation of the room. */
  doc = api (f, "join", "meetingID=kurs-montag&fullName=Anna&role=VIEWER&createTime=1715000000000&redirect=false");
  assert_answer (doc, "FAILED", "mismatchCreateTimeParam");
  g_clear_pointer (&doc, xmlFreeDoc);

  /* join accepts GET only (3.0). */
  {
    g_autofree char *post_url = sign (f, "join", "meetingID=kurs-montag&fullName=Anna&role=VIEWER");
    g_autoptr(GBytes) answer = fetch_typed (f, "POST", post_url, "application/x-www-form-urlencoded", "",
                                            &status, NULL);

    doc = parse (answer);
    assert_answer (doc, "FAILED", "unsupportedRequest");
  }
}

static void
test_guests (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  g_autofree char *page = NULL;
  guint status = 0;

  create_room (f, "meetingID=selbsthilfe&name=Gruppentreffen&guestPolicy=ASK_MODERATOR");

  doc = api (f, "join", "meetingID=selbsthilfe&fullName=Gast&role=VIEWER&guest=true&redirect=false");
  assert_answer (doc, "SUCCESS", "guestWait");
  assert_root_text (doc, "guestStatus", "WAIT");
  url = root_text (doc, "url");
  g_assert_nonnull (strstr (url, "/html5client/guestWait?sessionToken="));
  g_clear_pointer (&doc, xmlFreeDoc);

  body = fetch (f->session, url, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "<title>Warteraum</title>"));

  /* A waiting guest is not in the room yet. */
  meeting_info (f, "selbsthilfe", &doc);
  assert_root_text (doc, "participantCount", "0");
  assert_root_text (doc, "running", "false");
  g_clear_pointer (&doc, xmlFreeDoc);

  page = join_page (f, "meetingID=selbsthilfe&fullName=Gast&role=VIEWER&guest=true", &status);
  g_assert_nonnull (strstr (page, "Sie warten vor dem Übungsraum „Gruppentreffen“"));

  /* Moderators never wait; members without guest=true neither. */
  doc = api (f, "join", "meetingID=selbsthilfe&fullName=Leitung&role=MODERATOR&guest=true&redirect=false");
  assert_answer (doc, "SUCCESS", "successfullyJoined");
  g_clear_pointer (&doc, xmlFreeDoc);
  doc = api (f, "join", "meetingID=selbsthilfe&fullName=Mitglied&role=VIEWER&redirect=false");
  assert_answer (doc, "SUCCESS", "successfullyJoined");
  g_clear_pointer (&doc, xmlFreeDoc);

  create_room (f, "meetingID=geschlossen&name=Geschlossen&guestPolicy=ALWAYS_DENY");
  doc = api (f, "join", "meetingID=geschlossen&fullName=Gast&role=VIEWER&guest=true&redirect=false");
  assert_answer (doc, "FAILED", "guestDeniedAccess");
}

static void
test_max_participants (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(xmlDoc) doc = NULL;

  create_room (f, "meetingID=klein&name=Kleiner+Raum&maxParticipants=2");
  join_as (f, "klein", "eins", "MODERATOR");
  join_as (f, "klein", "zwei", "VIEWER");

  doc = api (f, "join", "meetingID=klein&fullName=Drei&role=VIEWER&userID=drei&redirect=false");
  assert_answer (doc, "FAILED", "maxParticipantsReached");
  g_clear_pointer (&doc, xmlFreeDoc);

  /* Someone already inside may come back (a second tab). */
  join_as (f, "klein", "zwei", "VIEWER");

  meeting_info (f, "klein", &doc);
  assert_root_text (doc, "maxUsers", "2");
  assert_root_text (doc, "participantCount", "2");
  g_clear_pointer (&doc, xmlFreeDoc);

  g_assert_true (bv_practice_server_leave (f->server, "klein", "zwei"));
  g_assert_false (bv_practice_server_leave (f->server, "klein", "zwei"));
  g_assert_false (bv_practice_server_leave (f->server, "gibt-es-nicht", "eins"));
  join_as (f, "klein", "drei", "VIEWER");
}

static void
test_expiry (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(xmlDoc) doc = NULL;

  /* Nobody joined: gone after 5 minutes (the default). */
  create_room (f, "meetingID=leer&name=Leerer+Raum");
  f->now += 5 * MINUTE - 1;
  meeting_info (f, "leer", &doc);
  assert_root_text (doc, "returncode", "SUCCESS");
  g_clear_pointer (&doc, xmlFreeDoc);
  f->now += 1;
  assert_meeting_gone (f, "leer");

  /* The per-room setting is honoured. */
  create_room (f, "meetingID=geduldig&name=Geduldig&meetingExpireIfNoUserJoinedInMinutes=10");
  f->now += 9 * MINUTE;
  meeting_info (f, "geduldig", &doc);
  assert_root_text (doc, "returncode", "SUCCESS");
  g_clear_pointer (&doc, xmlFreeDoc);
  f->now += MINUTE;
  assert_meeting_gone (f, "geduldig");

  /* Last one left: gone after 1 minute (the default). */
  create_room (f, "meetingID=abend&name=Abendrunde");
  join_as (f, "abend", "anna", "MODERATOR");
  join_as (f, "abend", "ben", "VIEWER");
  f->now += 30 * MINUTE;
  g_assert_true (bv_practice_server_leave (f->server, "abend", "anna"));
  f->now += 10 * MINUTE;
  meeting_info (f, "abend", &doc);
  assert_root_text (doc, "running", "true");
  g_clear_pointer (&doc, xmlFreeDoc);
  g_assert_true (bv_practice_server_leave (f->server, "abend", "ben"));
  f->now += MINUTE - 1;
  meeting_info (f, "abend", &doc);
  assert_root_text (doc, "running", "false");
  assert_root_text (doc, "hasUserJoined", "true");
  g_clear_pointer (&doc, xmlFreeDoc);
  f->now += 1;
  assert_meeting_gone (f, "abend");

  /* 0 keeps an empty room until it is ended. */
  create_room (f, "meetingID=bleibt&name=Bleibt&meetingExpireWhenLastUserLeftInMinutes=0");
  join_as (f, "bleibt", "anna", "MODERATOR");
  g_assert_true (bv_practice_server_leave (f->server, "bleibt", "anna"));
  f->now += 60 * MINUTE;
  meeting_info (f, "bleibt", &doc);
  assert_root_text (doc, "returncode", "SUCCESS");
  g_clear_pointer (&doc, xmlFreeDoc);

  /* duration ends the room hard. */
  create_room (f, "meetingID=kurz&name=Kurz&duration=2");
  join_as (f, "kurz", "anna", "MODERATOR");
  f->now += 2 * MINUTE;
  assert_meeting_gone (f, "kurz");
  doc = api (f, "join", "meetingID=kurz&fullName=Anna&role=VIEWER&redirect=false");
  assert_answer (doc, "FAILED", "meetingForciblyEnded");
}

static void
test_end (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  guint status = 0;

  doc = api (f, "end", "meetingID=gibt-es-nicht");
  assert_answer (doc, "FAILED", "notFound");
  g_clear_pointer (&doc, xmlFreeDoc);

  doc = api (f, "end", "");
  assert_answer (doc, "FAILED", "missingParamMeetingID");
  g_clear_pointer (&doc, xmlFreeDoc);

  create_room (f, "meetingID=workshop&name=Workshop");
  doc = api (f, "join", "meetingID=workshop&fullName=Anna&role=MODERATOR&redirect=false");
  url = root_text (doc, "url");
  g_clear_pointer (&doc, xmlFreeDoc);

  doc = api (f, "end", "meetingID=workshop");
  assert_answer (doc, "SUCCESS", "sentEndMeetingRequest");
  g_clear_pointer (&doc, xmlFreeDoc);

  assert_meeting_gone (f, "workshop");
  doc = api (f, "isMeetingRunning", "meetingID=workshop");
  assert_root_text (doc, "running", "false");
  g_clear_pointer (&doc, xmlFreeDoc);
  doc = api (f, "join", "meetingID=workshop&fullName=Anna&role=VIEWER&redirect=false");
  assert_answer (doc, "FAILED", "meetingForciblyEnded");
  g_clear_pointer (&doc, xmlFreeDoc);
  doc = api (f, "end", "meetingID=workshop");
  assert_answer (doc, "FAILED", "notFound");
  g_clear_pointer (&doc, xmlFreeDoc);

  /* The page of the ended room says so. */
  body = fetch (f->session, url, &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "Übungsraum"));

  /* The same meetingID makes a new room. */
  f->now += 1000;
  doc = api (f, "create", "meetingID=workshop&name=Workshop");
  assert_answer (doc, "SUCCESS", "");
  assert_root_text (doc, "createTime", "1715261729123");
  g_clear_pointer (&doc, xmlFreeDoc);
  join_as (f, "workshop", "anna", "MODERATOR");
}

static void
test_get_meetings (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(xmlDoc) doc = NULL;
  xmlNodePtr meetings;

  doc = api (f, "getMeetings", "");
  assert_answer (doc, "SUCCESS", "noMeetings");
  meetings = child (xmlDocGetRootElement (doc), "meetings");
  g_assert_nonnull (meetings);
  g_assert_null (meetings->children);
  g_clear_pointer (&doc, xmlFreeDoc);

  create_room (f, "meetingID=eins&name=Erster+Raum");
  create_room (f, "meetingID=zwei&name=Zweiter+Raum");
  join_as (f, "zwei", "anna", "MODERATOR");

  doc = api (f, "getMeetings", "");
  assert_root_text (doc, "returncode", "SUCCESS");
  meetings = child (xmlDocGetRootElement (doc), "meetings");
  g_assert_cmpuint (count_children (meetings, "meeting"), ==, 2);
  {
    xmlNodePtr first = child (meetings, "meeting");
    xmlNodePtr second = first->next;
    g_autofree char *name = text (first, "meetingName");
    g_autofree char *running = text (second, "running");
    g_autofree char *count = text (second, "participantCount");

    g_assert_cmpstr (name, ==, "Erster Raum");
    g_assert_cmpstr (running, ==, "true");
    g_assert_cmpstr (count, ==, "1");
  }
}

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

static const char modules_body[] =
  "<?xml version=\"1.0\" ?>"
  "<modules><module name=\"presentation\">"
  "<document current=\"true\" downloadable=\"false\" url=\"https://example.org/files/tagesordnung.pdf?x=1\"/>"
  "<document name=\"einladung.pdf\">JVBERi0xLjQK</document>"
  "</module></modules>";

static void
test_post_bodies (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *url = NULL;
  guint status = 0;

#define POST(call_, query_, type_, body_) \
  G_STMT_START { \
    g_autofree char *url_ = sign (f, (call_), (query_)); \
    g_autoptr(GBytes) answer_ = fetch_typed (f, "POST", url_, (type_), (body_), &status, NULL); \
    g_assert_cmpuint (status, ==, 200); \
    g_clear_pointer (&doc, xmlFreeDoc); \
    doc = parse (answer_); \
  } G_STMT_END

  /* create with slides. */
  POST ("create", "meetingID=mit-folien&name=Mit+Folien", "application/xml", modules_body);
  assert_answer (doc, "SUCCESS", "");

  POST ("create", "meetingID=falsch&name=Falsch", "text/plain", "hallo");
  assert_answer (doc, "FAILED", "unsupportedContentType");

  POST ("create", "meetingID=kaputt&name=Kaputt", "application/xml", "<modules><module>");
  assert_answer (doc, "FAILED", "validationError");

  POST ("create", "meetingID=kaputt&name=Kaputt", "application/xml", "<html></html>");
  assert_answer (doc, "FAILED", "validationError");

  /* Form bodies: the checksum covers the URL query only. */
  POST ("create", "", "application/x-www-form-urlencoded", "meetingID=formular&name=Aus+dem+Formular");
  assert_answer (doc, "SUCCESS", "");
  assert_root_text (doc, "meetingID", "formular");

  POST ("create", "meetingID=doppelt", "application/x-www-form-urlencoded", "meetingID=doppelt&name=Zweimal");
  assert_answer (doc, "FAILED", "checksumError");

  POST ("getMeetingInfo", "", "application/x-www-form-urlencoded", "meetingID=formular");
  assert_root_text (doc, "meetingName", "Aus dem Formular");

  /* insertDocument needs a running room and an XML body. */
  POST ("insertDocument", "meetingID=mit-folien", "application/xml", modules_body);
  assert_answer (doc, "FAILED", "notFound");

  join_as (f, "mit-folien", "anna", "MODERATOR");
  POST ("insertDocument", "meetingID=mit-folien", "application/xml", modules_body);
  assert_root_text (doc, "returncode", "SUCCESS");
  assert_root_text (doc, "message", "Presentation is being uploaded");

  POST ("insertDocument", "meetingID=mit-folien", "text/xml", modules_body);
  assert_root_text (doc, "returncode", "SUCCESS");

  POST ("insertDocument", "meetingID=mit-folien", "application/x-www-form-urlencoded", "a=b");
  assert_answer (doc, "FAILED", "unsupportedContentType");

  POST ("insertDocument", "meetingID=gibt-es-nicht", "application/xml", modules_body);
  assert_answer (doc, "FAILED", "notFound");

  POST ("insertDocument", "", "application/xml", modules_body);
  assert_answer (doc, "FAILED", "missingParamMeetingID");

  g_clear_pointer (&doc, xmlFreeDoc);
  doc = api (f, "insertDocument", "meetingID=mit-folien");
  assert_answer (doc, "FAILED", "unsupportedContentType");

#undef POST
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
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  /* German dates and sorting must not depend on the machine. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/practice/server/version-probe", test_version_probe);
  g_test_add_func ("/practice/server/unknown-path", test_unknown_path);

#define ADD(path, func) \
  g_test_add ("/practice/server/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("checksum", test_checksum);
  ADD ("create", test_create);
  ADD ("join-page", test_join_page);
  ADD ("join-xml", test_join_xml);
  ADD ("guests", test_guests);
  ADD ("max-participants", test_max_participants);
  ADD ("expiry", test_expiry);
  ADD ("end", test_end);
  ADD ("get-meetings", test_get_meetings);
  ADD ("recordings", test_recordings);
  ADD ("recording-changes", test_recording_changes);
  ADD ("post-bodies", test_post_bodies);
  ADD ("unsupported", test_unsupported);
  ADD ("raw-queries", test_raw_queries);
  ADD ("request-log", test_request_log);

#undef ADD

  return g_test_run ();
}
