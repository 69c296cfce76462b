/* bv-practice-host.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bv-practice-host.h"

#include <libsoup/soup.h>

#include "bv-invitation.h"
#include "bv-practice-server.h"
#include "bv-secret-store.h"
#include "bv-secure.h"

struct _BvPracticeHost
{
  GObject           parent_instance;

  BvContext  *manager;
  GSettings        *settings;
  BvPracticeServer *server;
};

G_DEFINE_FINAL_TYPE (BvPracticeHost, bv_practice_host, G_TYPE_OBJECT)

static char *
random_secret (void)
{
  /* 160 bits, as bbb-conf generates them: whoever guesses it can use the
   * practice server as the app does. */
  return bv_secure_random_token (40, "0123456789abcdef");
}

static gboolean
start_server (BvPracticeHost  *self,
              const char      *secret,
              GError         **error)
{
  g_autoptr(BvPracticeServer) server = bv_practice_server_new (secret);

  if (!bv_practice_server_start (server, error))
    return FALSE;

  g_set_object (&self->server, server);
  return TRUE;
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BvPracticeHost *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = NULL;

  server = bv_context_save_finish (self->manager, result, &error);
  if (!server)
    {
      g_clear_object (&self->server);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_settings_set_string (self->settings, "practice-server", bv_server_get_id (server));
  g_task_return_pointer (task, g_steal_pointer (&server), g_object_unref);
}

static void
create (GTask *task)
{
  BvPracticeHost *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = random_secret ();
  g_autofree char *name = NULL;
  g_autoptr(BvServer) clash = NULL;

  if (!start_server (self, secret, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Translators: the name of the practice server in the list of servers. */
  name = g_strdup (_("Practice Server"));
  clash = bv_context_find_server (self->manager, name);
  if (clash)
    {
      g_free (name);
      name = g_strdup_printf ("%s (%s)", _("Practice Server"), g_get_host_name ());
    }

  bv_context_save_async (self->manager, NULL, name,
                         bv_practice_server_get_api_url (self->server),
                         "auto", secret, g_task_get_cancellable (task),
                         created_cb, g_object_ref (task));
  bv_secure_wipe (secret, strlen (secret));
}

static void
resumed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BvPracticeHost *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = NULL;

  server = bv_context_save_finish (self->manager, result, &error);
  if (!server)
    {
      g_clear_object (&self->server);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&server), g_object_unref);
}

static void
secret_found_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BvPracticeHost *self = g_task_get_source_object (task);
  BvServer *stored = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;
  char *secret;

  secret = bv_secret_store_lookup_finish (result, &error);
  if (!secret)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!start_server (self, secret, &error))
    {
      bv_secret_store_free_secret (secret);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  bv_secret_store_free_secret (secret);

  /* The port is new after every start, so the stored address follows it;
   * saving tests the connection as for any server. */
  cancellable = g_task_get_cancellable (task);
  bv_context_save_async (self->manager, stored, bv_server_get_name (stored),
                         bv_practice_server_get_api_url (self->server),
                         bv_server_get_checksum (stored), NULL,
                         cancellable, resumed_cb, g_steal_pointer (&task));
}

static void
bv_practice_host_dispose (GObject *object)
{
  BvPracticeHost *self = (BvPracticeHost *)object;

  g_clear_object (&self->server);
  g_clear_object (&self->manager);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bv_practice_host_parent_class)->dispose (object);
}

static void
bv_practice_host_class_init (BvPracticeHostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bv_practice_host_dispose;
}

static void
bv_practice_host_init (BvPracticeHost *self)
{
}

BvPracticeHost *
bv_practice_host_new (BvContext       *manager,
                      GSettings       *settings)
{
  BvPracticeHost *self;

  g_return_val_if_fail (BV_IS_CONTEXT (manager), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (BV_TYPE_PRACTICE_HOST, NULL);
  self->manager = g_object_ref (manager);
  self->settings = g_object_ref (settings);
  return self;
}

BvServer *
bv_practice_host_get_server (BvPracticeHost *self)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (BV_IS_PRACTICE_HOST (self), NULL);

  id = g_settings_get_string (self->settings, "practice-server");
  return *id ? bv_context_find_server (self->manager, id) : NULL;
}

gboolean
bv_practice_host_is_running (BvPracticeHost *self)
{
  g_return_val_if_fail (BV_IS_PRACTICE_HOST (self), FALSE);

  return self->server != NULL;
}

void
bv_practice_host_ensure_async (BvPracticeHost      *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(BvServer) stored = NULL;

  g_return_if_fail (BV_IS_PRACTICE_HOST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_practice_host_ensure_async);

  stored = bv_practice_host_get_server (self);
  if (stored && self->server &&
      g_strcmp0 (bv_server_get_url (stored), bv_practice_server_get_api_url (self->server)) == 0)
    {
      g_task_return_pointer (task, g_steal_pointer (&stored), g_object_unref);
      return;
    }

  if (!stored)
    {
      create (task);
      return;
    }

  g_task_set_task_data (task, g_object_ref (stored), g_object_unref);
  bv_secret_store_lookup_async (bv_server_get_id (stored), cancellable,
                                secret_found_cb, g_steal_pointer (&task));
}

BvServer *
bv_practice_host_ensure_finish (BvPracticeHost  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (BV_IS_PRACTICE_HOST (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Training: simulated attendees */

gboolean
bv_practice_host_is_practice_meeting (BvPracticeHost *self,
                                      BvMeeting      *meeting)
{
  g_autoptr(BvServer) server = NULL;

  g_return_val_if_fail (BV_IS_PRACTICE_HOST (self), FALSE);
  g_return_val_if_fail (BV_IS_MEETING (meeting), FALSE);

  if (!self->server)
    return FALSE;
  server = bv_practice_host_get_server (self);
  return server && g_strcmp0 (bv_server_get_id (server), bv_meeting_get_server_id (meeting)) == 0;
}

static gboolean
not_practice (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("Simulated members can only join meetings on the practice server while it runs."));
  return FALSE;
}

static void
joined_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *msg = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (!body)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The practice room's page, or an XML FAILED answer: the room is not open. */
  if (soup_message_get_status (msg) >= 400 ||
      g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "<returncode>FAILED"))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _("The practice room is not open. Open it with Join first, then let members in."));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
client_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BvPracticeHost *self = g_task_get_source_object (task);
  BvParticipant *participant = g_object_get_data (G_OBJECT (task), "bv-participant");
  BvMeeting *meeting = g_object_get_data (G_OBJECT (task), "bv-meeting");
  g_autoptr(BvBbbClient) client = NULL;
  g_autoptr(BvServer) server = bv_practice_host_get_server (self);
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;
  SoupMessage *msg;

  client = bv_context_get_client_finish (BV_CONTEXT (object), result, &error);
  if (!client)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  link = bv_invitation_build_link (client, server, meeting, participant);
  msg = soup_message_new (SOUP_METHOD_GET, link);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  g_task_set_task_data (task, msg, g_object_unref);
  session = soup_session_new ();
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                    joined_cb, g_object_ref (task));
}

void
bv_practice_host_let_in_async (BvPracticeHost      *self,
                               BvMeeting           *meeting,
                               BvParticipant       *participant,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(BvServer) server = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (BV_IS_PRACTICE_HOST (self));
  g_return_if_fail (BV_IS_MEETING (meeting));
  g_return_if_fail (BV_IS_PARTICIPANT (participant));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_practice_host_let_in_async);
  if (!bv_practice_host_is_practice_meeting (self, meeting))
    {
      not_practice (&error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_object_set_data_full (G_OBJECT (task), "bv-meeting", g_object_ref (meeting), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "bv-participant", g_object_ref (participant), g_object_unref);
  server = bv_practice_host_get_server (self);
  bv_context_get_client_async (self->manager, server, cancellable, client_cb, g_steal_pointer (&task));
}

gboolean
bv_practice_host_let_in_finish (BvPracticeHost  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
bv_practice_host_let_out (BvPracticeHost  *self,
                          BvMeeting       *meeting,
                          BvParticipant   *participant,
                          GError         **error)
{
  g_autofree char *user_id = NULL;

  g_return_val_if_fail (BV_IS_PRACTICE_HOST (self), FALSE);
  g_return_val_if_fail (BV_IS_MEETING (meeting), FALSE);
  g_return_val_if_fail (BV_IS_PARTICIPANT (participant), FALSE);

  if (!bv_practice_host_is_practice_meeting (self, meeting))
    return not_practice (error);

  /* The personal link's userID (bv-invitation). */
  user_id = g_strconcat ("bv-", bv_participant_get_link_key (participant), NULL);
  if (!bv_practice_server_leave (self->server, bv_meeting_get_bbb_meeting_id (meeting), user_id))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("This member is not in the practice room."));
      return FALSE;
    }
  return TRUE;
}
