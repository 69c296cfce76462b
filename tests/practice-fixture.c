/* practice-fixture.c
 *
 * What the practice server's tests share: a started server on a fake clock,
 * plain HTTP, signing, and reading the XML answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "practice-fixture.h"

static gint64
fake_now (gpointer data)
{
  return ((Fixture *) data)->now;
}

void
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

void
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

GBytes *
send_message (SoupSession *session,
              SoupMessage *msg)
{
  GBytes *body = NULL;

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &body);
  bv_test_wait_until (body_arrived, &body);
  return body;
}

GBytes *
fetch (SoupSession *session,
       const char  *url,
       guint       *status)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  GBytes *body = send_message (session, msg);

  *status = soup_message_get_status (msg);
  return body;
}

GBytes *
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

char *
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

char *
sign (Fixture    *f,
      const char *call,
      const char *query)
{
  return sign_with (f, call, query, G_CHECKSUM_SHA256, SECRET);
}

/* ---- XML ----------------------------------------------------------------- */

xmlDocPtr
parse (GBytes *body)
{
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  xmlDocPtr doc = xmlReadMemory (data, (int) size, "answer.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);

  g_assert_nonnull (doc);
  g_assert_cmpstr ((const char *) xmlDocGetRootElement (doc)->name, ==, "response");
  return doc;
}

xmlNodePtr
child (xmlNodePtr  parent,
       const char *name)
{
  for (xmlNodePtr n = parent ? parent->children : NULL; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE && g_str_equal ((const char *) n->name, name))
      return n;
  return NULL;
}

guint
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
char *
text (xmlNodePtr  parent,
      const char *name)
{
  xmlNodePtr node = child (parent, name);

  return node ? (char *) xmlNodeGetContent (node) : NULL;
}

char *
root_text (xmlDocPtr   doc,
           const char *name)
{
  return text (xmlDocGetRootElement (doc), name);
}

xmlDocPtr
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

xmlDocPtr
api (Fixture    *f,
     const char *call,
     const char *query)
{
  g_autofree char *url = sign (f, call, query);

  return api_url (f, url);
}

char *
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

void
create_room (Fixture    *f,
             const char *query)
{
  g_autoptr(xmlDoc) doc = api (f, "create", query);

  assert_root_text (doc, "returncode", "SUCCESS");
}

void
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

xmlNodePtr
meeting_info (Fixture    *f,
              const char *meeting_id,
              xmlDocPtr  *doc)
{
  g_autofree char *query = g_strdup_printf ("meetingID=%s", meeting_id);

  *doc = api (f, "getMeetingInfo", query);
  return xmlDocGetRootElement (*doc);
}

void
assert_meeting_gone (Fixture    *f,
                     const char *meeting_id)
{
  g_autoptr(xmlDoc) doc = NULL;

  meeting_info (f, meeting_id, &doc);
  assert_answer (doc, "FAILED", "notFound");
}

void
practice_fixture_init (int    *argc,
                       char ***argv)
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  /* German dates and sorting must not depend on the machine. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (argc, argv, NULL);
}
