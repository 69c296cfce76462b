/* test-practice-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "bv-practice-server.h"

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

static GBytes *
fetch (SoupSession *session,
       const char  *url,
       guint       *status)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  GBytes *body = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &body);
  while (!body && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (body);
  *status = soup_message_get_status (msg);
  return body;
}

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
    }
  xmlFreeDoc (doc);

  /* The base without the trailing slash answers the same way. */
  g_clear_pointer (&body, g_bytes_unref);
  without_slash = g_strndup (url, strlen (url) - 1);
  body = fetch (session, without_slash, &status);
  g_assert_cmpuint (status, ==, 200);
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

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/practice/server/version-probe", test_version_probe);
  g_test_add_func ("/practice/server/unknown-path", test_unknown_path);

  return g_test_run ();
}
