/* bv-practice-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-practice"

#include "config.h"

#include <string.h>

#include "bv-practice-server.h"

/* The practice server speaks the BigBlueButton API on loopback so that
 * people can try everything offline. It starts with the version probe
 * (GET on the API base, no checksum); the calls follow with the API client. */

#define PRACTICE_BBB_VERSION "3.0.19"

struct _BvPracticeServer
{
  GObject     parent_instance;
  SoupServer *server;
  char       *api_url;
  char       *secret;
};

G_DEFINE_FINAL_TYPE (BvPracticeServer, bv_practice_server, G_TYPE_OBJECT)

static void
send_xml (SoupServerMessage *msg,
          const char        *body)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/xml;charset=utf-8", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static void
api_handler_cb (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  if (g_str_equal (path, "/bigbluebutton/api") || g_str_equal (path, "/bigbluebutton/api/"))
    {
      send_xml (msg,
                "<response><returncode>SUCCESS</returncode><version>2.0</version>"
                "<apiVersion>2.0</apiVersion><bbbVersion>" PRACTICE_BBB_VERSION "</bbbVersion>"
                "</response>");
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
bv_practice_server_finalize (GObject *object)
{
  BvPracticeServer *self = (BvPracticeServer *)object;

  if (self->server)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->api_url, g_free);
  g_clear_pointer (&self->secret, g_free);

  G_OBJECT_CLASS (bv_practice_server_parent_class)->finalize (object);
}

static void
bv_practice_server_class_init (BvPracticeServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bv_practice_server_finalize;
}

static void
bv_practice_server_init (BvPracticeServer *self)
{
}

BvPracticeServer *
bv_practice_server_new (const char *secret)
{
  BvPracticeServer *self = g_object_new (BV_TYPE_PRACTICE_SERVER, NULL);

  self->secret = g_strdup (secret);
  return self;
}

gboolean
bv_practice_server_start (BvPracticeServer  *self,
                          GError           **error)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  GSList *uris;

  g_return_val_if_fail (BV_IS_PRACTICE_SERVER (self), FALSE);
  g_return_val_if_fail (!self->server, FALSE);

  server = soup_server_new ("server-header", "bbb-vereine-practice", NULL);
  soup_server_add_handler (server, "/bigbluebutton/api", api_handler_cb, self, NULL);

  /* Only this computer may reach it: bind to 127.0.0.1, never 0.0.0.0. */
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  if (!soup_server_listen (server, address, 0, error))
    return FALSE;

  uris = soup_server_get_uris (server);
  if (uris)
    self->api_url = g_strdup_printf ("http://127.0.0.1:%d/bigbluebutton/api/",
                                     g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  self->server = g_steal_pointer (&server);
  return TRUE;
}

const char *
bv_practice_server_get_api_url (BvPracticeServer *self)
{
  g_return_val_if_fail (BV_IS_PRACTICE_SERVER (self), NULL);

  return self->api_url;
}
