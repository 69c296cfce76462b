/* bv-join.c
 *
 * The join flow (product.md, "Join flow"): keyring, one create, a join URL
 * signed here, the browser once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-join.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bv-bbb-client.h"
#include "bv-bbb-error.h"
#include "bv-bbb-version.h"
#include "bv-context.h"
#include "bv-file-reader.h"
#include "bv-practice-server.h"

/* The practice server must take the largest slides we send, base64-encoded
 * (4/3) with some room for the XML around them. */
G_STATIC_ASSERT ((BV_JOIN_SLIDES_MAX_BYTES + 2) / 3 * 4 + 64 * 1024 <= BV_PRACTICE_BODY_MAX);

/* Goes into the HMAC so the userID says nothing about the machine id that
 * other programs might derive from it. */
#define USER_ID_PURPOSE "org.herzlich.BbbVereine userID:"

typedef struct
{
  BvContext         *context;
  BvServer          *server;
  BvMeeting         *meeting;
  char              *display_name;
  char              *user_id;
  GAppLaunchContext *launch_context;
  BvBbbClient       *client;
  char             **slides;
  GBytes            *slides_body;
  BvBbbQuery        *create_query;
  /* bv_join_get_link_async (): hand the URL back instead of opening it. */
  gboolean           link_only;
} JoinData;

static void
join_data_free (JoinData *data)
{
  g_clear_object (&data->context);
  g_clear_object (&data->server);
  g_clear_object (&data->meeting);
  g_clear_pointer (&data->display_name, g_free);
  g_clear_pointer (&data->user_id, g_free);
  g_clear_object (&data->launch_context);
  g_clear_object (&data->client);
  g_clear_pointer (&data->slides, g_strfreev);
  g_clear_pointer (&data->slides_body, g_bytes_unref);
  g_clear_pointer (&data->create_query, bv_bbb_query_free);
  g_free (data);
}

/* BigBlueButton shows the welcome text as limited HTML, and its API forbids
 * control characters; the editor and calendar imports give plain text. */
static char *
welcome_to_html (const char *text)
{
  GString *html = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      switch (*p)
        {
        case '&':
          g_string_append (html, "&amp;");
          break;
        case '<':
          g_string_append (html, "&lt;");
          break;
        case '>':
          g_string_append (html, "&gt;");
          break;
        case '"':
          g_string_append (html, "&quot;");
          break;
        case '\r':
          if (p[1] != '\n')
            g_string_append (html, "<br>");
          break;
        case '\n':
          g_string_append (html, "<br>");
          break;
        case '\t':
          g_string_append_c (html, ' ');
          break;
        default:
          if ((guchar)*p >= 0x20 && *p != 0x7f)
            g_string_append_c (html, *p);
          break;
        }
    }

  return g_string_free (html, FALSE);
}

/* Unknown versions count as old: a stable password works everywhere, a
 * role only from 2.4 on. Load balancers give no version but speak 2.4+. */
gboolean
bv_join_server_supports_role (BvServer *server)
{
  g_autoptr(BvBbbVersion) version = NULL;

  g_return_val_if_fail (BV_IS_SERVER (server), FALSE);

  if (bv_server_get_load_balancer (server))
    return TRUE;

  version = _bv_bbb_version_new (bv_server_get_api_version (server),
                                 bv_server_get_bbb_version (server),
                                 NULL);
  return bv_bbb_version_supports_role (version);
}

static char *
read_machine_id (void)
{
  static const char *const paths[] = { "/etc/machine-id", "/var/lib/dbus/machine-id" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *contents = NULL;

      if (g_file_get_contents (paths[i], &contents, NULL, NULL))
        {
          g_strstrip (contents);
          if (*contents)
            return g_steal_pointer (&contents);
        }
    }

  /* Containers without a machine id: the host name is the best stable
   * stand-in there is. */
  return g_strdup (g_get_host_name ());
}

static const char *
default_display_name (void)
{
  const char *real_name = g_get_real_name ();

  /* g_get_real_name () answers "Unknown" when the system does not know. */
  if (real_name && *real_name && g_strcmp0 (real_name, "Unknown") != 0)
    return real_name;
  return g_get_user_name ();
}

/* As everywhere the context's client is used: a client whose request
 * failed may hold a stale connection or secret, so the next join opens a
 * new one. A room that is gone says nothing about the client. */
static void
drop_client_after (BvContext    *context,
                   BvServer     *server,
                   const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || bv_bbb_error_is_room_gone (error))
    return;
  bv_context_drop_client (context, bv_server_get_id (server));
}

static void
launched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      /* Only domain and code: the message could quote the URL, and the
       * signed URL is a moderator's key to the room. */
      g_debug ("Opening the join link failed (%s %d)",
               g_quark_to_string (error->domain), error->code);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                               _("No web browser could be opened. Please install a web browser "
                                 "or choose one as the default in the system settings."));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void send_create (GTask *task);

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  JoinData *data = g_task_get_task_data (task);
  g_autoptr(BvBbbMeeting) room = NULL;
  g_autoptr(BvBbbQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GCancellable *cancellable;
  const char *moderator_password;

  room = bv_bbb_client_create_finish (data->client, result, &error);
  if (!room && bv_join_retry_without_voice_bridge (data->create_query, error))
    {
      send_create (g_steal_pointer (&task));
      return;
    }
  if (!room)
    {
      drop_client_after (data->context, data->server, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  bv_join_note_dial_number (data->server, room);

  query = bv_bbb_query_new ();
  bv_bbb_query_add (query, "fullName", data->display_name);
  bv_bbb_query_add (query, "meetingID", bv_meeting_get_bbb_meeting_id (data->meeting));
  if (bv_join_server_supports_role (data->server))
    {
      bv_bbb_query_add (query, "role", "MODERATOR");
    }
  else
    {
      /* The room's own answer is authoritative; it equals the meeting's
       * password unless a load balancer made one up. */
      moderator_password = bv_bbb_meeting_get_moderator_password (room);
      if (!moderator_password || !*moderator_password)
        moderator_password = bv_meeting_get_moderator_password (data->meeting);
      if (moderator_password)
        bv_bbb_query_add (query, "password", moderator_password);
    }
  bv_bbb_query_add (query, "userID", data->user_id);
  /* Pins the link to this incarnation of the room (bbb-api.md §5). */
  if (bv_bbb_meeting_get_create_time (room) > 0)
    bv_bbb_query_add_int (query, "createTime", bv_bbb_meeting_get_create_time (room));

  url = bv_bbb_client_build_url (data->client, "join", query);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (data->link_only)
    {
      g_task_return_pointer (task, g_steal_pointer (&url), g_free);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  g_app_info_launch_default_for_uri_async (url, data->launch_context, cancellable,
                                           launched_cb, g_steal_pointer (&task));
}

static void
read_slides_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  char *body;

  body = bv_join_build_slides_body ((const char * const *)task_data, cancellable, &error);
  if (!body)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, body, g_free);
}

static void
slides_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  JoinData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *body;

  body = g_task_propagate_pointer (G_TASK (result), &error);
  if (!body)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->slides_body = g_bytes_new_take (body, strlen (body));
  send_create (g_steal_pointer (&task));
}

static void
send_create (GTask *task)
{
  JoinData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (!data->create_query)
    data->create_query = bv_join_build_create_query (data->meeting);
  bv_bbb_client_create_async (data->client, data->create_query, data->slides_body, cancellable,
                              created_cb, task);
}

static void
client_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  JoinData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  data->client = bv_context_get_client_finish (data->context, result, &error);
  if (!data->client)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->slides[0])
    {
      g_autoptr(GTask) read_task = NULL;

      cancellable = g_task_get_cancellable (task);
      read_task = g_task_new (NULL, cancellable, slides_read_cb, g_steal_pointer (&task));
      g_task_set_source_tag (read_task, client_opened_cb);
      g_task_set_task_data (read_task, g_strdupv (data->slides), (GDestroyNotify)g_strfreev);
      g_task_run_in_thread (read_task, read_slides_thread);
      return;
    }

  send_create (g_steal_pointer (&task));
}

BvBbbQuery *
bv_join_build_create_query (BvMeeting *meeting)
{
  g_autoptr(BvBbbQuery) query = NULL;
  const char *title;
  const char *password;
  const char *welcome;
  const char *guest_policy;
  g_autofree char *with_notice = NULL;
  BvMeetingLocks locks;

  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  query = bv_bbb_query_new ();
  bv_bbb_query_add (query, "meetingID", bv_meeting_get_bbb_meeting_id (meeting));
  /* As is: the editor keeps titles within BigBlueButton's 2–64 characters. */
  title = bv_meeting_get_title (meeting);
  bv_bbb_query_add (query, "name", title ? title : "");
  /* Servers before 2.4 know only passwords; every create must send the
   * same ones or an open room answers idNotUnique. */
  password = bv_meeting_get_attendee_password (meeting);
  if (password && *password)
    bv_bbb_query_add (query, "attendeePW", password);
  password = bv_meeting_get_moderator_password (meeting);
  if (password && *password)
    bv_bbb_query_add (query, "moderatorPW", password);
  /* Always explicit: with record=true the server keeps raw media even if
   * nobody presses the button. */
  bv_bbb_query_add_boolean (query, "record", bv_meeting_get_record (meeting));
  welcome = bv_meeting_get_welcome (meeting);
  if (bv_meeting_get_record (meeting))
    {
      const char *notice = bv_meeting_get_recording_notice (meeting);

      /* Nobody may be recorded without being told (DSGVO): the notice is
       * the first thing everyone reads in the room's chat. */
      if (!notice)
        notice = bv_meeting_default_recording_notice ();
      with_notice = welcome && *welcome ? g_strconcat (welcome, "\n\n", notice, NULL)
                                        : g_strdup (notice);
      welcome = with_notice;
    }
  if (welcome && *welcome)
    {
      g_autofree char *html = welcome_to_html (welcome);

      bv_bbb_query_add (query, "welcome", html);
    }
  guest_policy = bv_meeting_get_guest_policy (meeting);
  if (guest_policy && *guest_policy)
    bv_bbb_query_add (query, "guestPolicy", guest_policy);
  bv_bbb_query_add_boolean (query, "muteOnStart", bv_meeting_get_mute_on_start (meeting));
  bv_bbb_query_add_boolean (query, "webcamsOnlyForModerator",
                            bv_meeting_get_webcams_only_for_moderator (meeting));
  if (bv_meeting_get_max_participants (meeting) > 0)
    bv_bbb_query_add_int (query, "maxParticipants", bv_meeting_get_max_participants (meeting));
  locks = bv_meeting_get_locks (meeting);
  if (locks != BV_MEETING_LOCK_NONE)
    {
      bv_bbb_query_add_boolean (query, "lockSettingsDisableCam", locks & BV_MEETING_LOCK_WEBCAM);
      bv_bbb_query_add_boolean (query, "lockSettingsDisableMic", locks & BV_MEETING_LOCK_MICROPHONE);
      bv_bbb_query_add_boolean (query, "lockSettingsDisablePrivateChat", locks & BV_MEETING_LOCK_PRIVATE_CHAT);
      bv_bbb_query_add_boolean (query, "lockSettingsDisablePublicChat", locks & BV_MEETING_LOCK_PUBLIC_CHAT);
      /* Both spellings: servers before 2.5 know only the singular, newer
       * ones only the plural; each ignores the other. */
      bv_bbb_query_add_boolean (query, "lockSettingsDisableNote", locks & BV_MEETING_LOCK_SHARED_NOTES);
      bv_bbb_query_add_boolean (query, "lockSettingsDisableNotes", locks & BV_MEETING_LOCK_SHARED_NOTES);
      bv_bbb_query_add_boolean (query, "lockSettingsHideUserList", locks & BV_MEETING_LOCK_USER_LIST);
      /* Also for people who join before a moderator. */
      bv_bbb_query_add_boolean (query, "lockSettingsLockOnJoin", TRUE);
    }
  bv_bbb_query_add_int (query, "voiceBridge", bv_join_voice_bridge (meeting));
  bv_bbb_query_add (query, "meta_bbb-origin", "bbb-vereine");
  bv_bbb_query_add (query, "meta_bbb-origin-version", PACKAGE_VERSION);

  return g_steal_pointer (&query);
}

guint
bv_join_voice_bridge (BvMeeting *meeting)
{
  g_autofree char *digest = NULL;
  guint64 value = 0;

  g_return_val_if_fail (BV_IS_MEETING (meeting), 0);

  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                          bv_meeting_get_bbb_meeting_id (meeting), -1);
  for (guint i = 0; i < 12; i++)
    value = value * 16 + (guint64) g_ascii_xdigit_value (digest[i]);
  return 10000 + (guint) (value % 90000);
}

gboolean
bv_join_retry_without_voice_bridge (BvBbbQuery   *query,
                                    const GError *error)
{
  g_return_val_if_fail (query, FALSE);

  if (!g_error_matches (error, BV_BBB_ERROR, BV_BBB_ERROR_VOICE_BRIDGE_IN_USE))
    return FALSE;
  return bv_bbb_query_remove (query, "voiceBridge") > 0;
}

/* What a server without telephone dial-in still names: the default of
 * bigbluebutton.properties (defaultDialAccessNumber). */
#define PLACEHOLDER_DIAL_NUMBER "613-555-1234"

void
bv_join_note_dial_number (BvServer     *server,
                          BvBbbMeeting *room)
{
  const char *number;

  g_return_if_fail (BV_IS_SERVER (server));
  g_return_if_fail (room);

  number = bv_bbb_meeting_get_dial_number (room);
  if (number)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (number));

      if (*stripped && !g_str_equal (stripped, PLACEHOLDER_DIAL_NUMBER))
        {
          bv_server_set_dial_number (server, stripped);
          return;
        }
    }
  bv_server_set_dial_number (server, NULL);
}

char *
bv_join_build_slides_body (const char * const *paths,
                           GCancellable        *cancellable,
                           GError             **error)
{
  g_autoptr(GString) body = NULL;
  goffset total = 0;

  g_return_val_if_fail (paths, NULL);
  g_return_val_if_fail (!error || !*error, NULL);

  if (!paths[0])
    return NULL;

  body = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<modules><module name=\"presentation\">");

  for (guint i = 0; paths[i]; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (basename);
      g_autofree char *escaped = NULL;
      g_autofree char *encoded = NULL;
      g_autoptr(GBytes) contents = NULL;
      g_autoptr(GFileInfo) info = NULL;
      goffset remaining = BV_JOIN_SLIDES_MAX_BYTES - total;
      gboolean too_large = FALSE;
      gsize length = 0;

      /* A pipe never ends: only files are slides. */
      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
      if (info && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
        g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, "not a file");
      if (!local_error)
        {
          /* At most what is left: a large file is refused by its size
           * before a byte of it is read. */
          contents = bv_file_reader_read (file, (gsize) remaining, cancellable, &local_error);
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
            {
              too_large = TRUE;
              g_clear_error (&local_error);
            }
          else if (contents)
            length = g_bytes_get_size (contents);
        }

      if (local_error)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          g_set_error (error, G_IO_ERROR,
                       local_error->domain == G_IO_ERROR ? local_error->code : G_IO_ERROR_FAILED,
                       /* Translators: %s is a file name. */
                       _("The slides “%s” could not be read. Add the file to the meeting again "
                         "or remove it from the meeting’s slides."),
                       display);
          return NULL;
        }

      total += length;
      if (too_large || total > BV_JOIN_SLIDES_MAX_BYTES)
        {
          g_autofree char *limit = g_format_size (BV_JOIN_SLIDES_MAX_BYTES);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       /* Translators: %1$s is a file name, %2$s a size such as "1.4 MB". */
                       _("With “%1$s” the slides are too large: together they may be at most %2$s. "
                         "Remove files from the meeting’s slides and upload them in the meeting instead."),
                       display, limit);
          return NULL;
        }

      /* Display names are UTF-8; the document name only labels the slides. */
      escaped = g_markup_escape_text (display, -1);
      encoded = g_base64_encode (g_bytes_get_data (contents, NULL), length);
      g_string_append_printf (body, "<document name=\"%s\">%s</document>", escaped, encoded);
    }

  g_string_append (body, "</module></modules>\n");
  return g_string_free (g_steal_pointer (&body), FALSE);
}

char *
bv_join_get_user_id (void)
{
  static gsize user_id = 0;

  if (g_once_init_enter (&user_id))
    {
      g_autofree char *machine_id = read_machine_id ();
      g_autofree char *message = g_strconcat (USER_ID_PURPOSE, g_get_user_name (), NULL);
      g_autofree char *hmac = g_compute_hmac_for_string (G_CHECKSUM_SHA256,
                                                         (const guchar *)machine_id,
                                                         strlen (machine_id),
                                                         message, -1);

      /* 128 bits are plenty to tell people apart in a room. */
      g_once_init_leave (&user_id, (gsize)g_strdup_printf ("bv-%.32s", hmac));
    }

  return g_strdup ((const char *)user_id);
}

static void
join_start (GTask             *task,
            BvContext         *context,
            BvServer          *server,
            BvMeeting         *meeting,
            const char        *display_name,
            const char        *user_id,
            GAppLaunchContext *launch_context,
            gboolean           link_only)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  const char *server_id;
  JoinData *data;

  server_id = bv_meeting_get_server_id (meeting);
  if (!server || !server_id || !*server_id)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _("This meeting has no conference server. "
                                 "Choose one in the meeting’s settings."));
      return;
    }

  data = g_new0 (JoinData, 1);
  data->context = g_object_ref (context);
  data->server = g_object_ref (server);
  data->meeting = g_object_ref (meeting);
  data->display_name = g_strdup (display_name && *display_name ? display_name
                                                               : default_display_name ());
  data->user_id = user_id && *user_id ? g_strdup (user_id) : bv_join_get_user_id ();
  data->launch_context = launch_context ? g_object_ref (launch_context) : NULL;
  data->slides = g_strdupv ((char **)bv_meeting_get_slides (meeting));
  data->link_only = link_only;
  g_task_set_task_data (task, data, (GDestroyNotify)join_data_free);

  bv_context_get_client_async (context, server, cancellable,
                               client_opened_cb, g_object_ref (task));
}

void
bv_join_run_async (BvContext           *context,
                   BvServer            *server,
                   BvMeeting           *meeting,
                   const char          *display_name,
                   const char          *user_id,
                   GAppLaunchContext   *launch_context,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BV_IS_CONTEXT (context));
  g_return_if_fail (!server || BV_IS_SERVER (server));
  g_return_if_fail (BV_IS_MEETING (meeting));
  g_return_if_fail (!launch_context || G_IS_APP_LAUNCH_CONTEXT (launch_context));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_join_run_async);
  join_start (task, context, server, meeting, display_name, user_id, launch_context, FALSE);
}

gboolean
bv_join_run_finish (GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_join_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
bv_join_get_link_async (BvContext           *context,
                        BvServer            *server,
                        BvMeeting           *meeting,
                        const char          *display_name,
                        const char          *user_id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BV_IS_CONTEXT (context));
  g_return_if_fail (!server || BV_IS_SERVER (server));
  g_return_if_fail (BV_IS_MEETING (meeting));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_join_get_link_async);
  join_start (task, context, server, meeting, display_name, user_id, NULL, TRUE);
}

char *
bv_join_get_link_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_join_get_link_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Joining a running room that we did not plan (the Live page): no
 * create, a join URL signed here, the browser once. */

typedef struct
{
  BvContext         *context;
  BvServer          *server;
  char              *meeting_id;
  char              *display_name;
  char              *user_id;
  GAppLaunchContext *launch_context;
  BvBbbClient       *client;
} JoinRoomData;

static void
join_room_data_free (JoinRoomData *data)
{
  g_clear_object (&data->context);
  g_clear_object (&data->server);
  g_clear_pointer (&data->meeting_id, g_free);
  g_clear_pointer (&data->display_name, g_free);
  g_clear_pointer (&data->user_id, g_free);
  g_clear_object (&data->launch_context);
  g_clear_object (&data->client);
  g_free (data);
}

static void
meeting_info_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  JoinRoomData *data = g_task_get_task_data (task);
  g_autoptr(BvBbbMeeting) room = NULL;
  g_autoptr(BvBbbQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GCancellable *cancellable;
  const char *password;

  room = bv_bbb_client_get_meeting_info_finish (data->client, result, &error);
  if (!room)
    {
      drop_client_after (data->context, data->server, error);
      if (g_error_matches (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_FOUND) ||
          g_error_matches (error, BV_BBB_ERROR, BV_BBB_ERROR_INVALID_MEETING))
        g_task_return_new_error (task, BV_BBB_ERROR, BV_BBB_ERROR_NOT_FOUND, "%s",
                                 _("This meeting has ended in the meantime. Refresh the list "
                                   "to see what is running now."));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!bv_bbb_meeting_is_running (room) || bv_bbb_meeting_has_been_forcibly_ended (room))
    {
      g_task_return_new_error (task, BV_BBB_ERROR, BV_BBB_ERROR_NOT_FOUND, "%s",
                               _("This meeting has ended in the meantime. Refresh the list "
                                 "to see what is running now."));
      return;
    }

  query = bv_bbb_query_new ();
  bv_bbb_query_add (query, "fullName", data->display_name);
  bv_bbb_query_add (query, "meetingID", data->meeting_id);
  if (bv_join_server_supports_role (data->server))
    {
      bv_bbb_query_add (query, "role", "MODERATOR");
    }
  else
    {
      password = bv_bbb_meeting_get_moderator_password (room);
      if (!password || !*password)
        {
          g_task_return_new_error (task, BV_BBB_ERROR, BV_BBB_ERROR_INVALID_PASSWORD, "%s",
                                   _("The server did not tell the moderator access code of this "
                                     "meeting, so the app cannot let you in as moderator. Join "
                                     "it through the link its organisers sent."));
          return;
        }
      bv_bbb_query_add (query, "password", password);
    }
  bv_bbb_query_add (query, "userID", data->user_id);
  /* Pins the link to this incarnation of the room (bbb-api.md §5). */
  if (bv_bbb_meeting_get_create_time (room) > 0)
    bv_bbb_query_add_int (query, "createTime", bv_bbb_meeting_get_create_time (room));

  url = bv_bbb_client_build_url (data->client, "join", query);

  if (g_task_return_error_if_cancelled (task))
    return;

  /* The cancellable first: argument order is unspecified in C, and the
   * steal must not come before it. */
  cancellable = g_task_get_cancellable (task);
  g_app_info_launch_default_for_uri_async (url, data->launch_context, cancellable,
                                           launched_cb, g_steal_pointer (&task));
}

static void
room_client_opened_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  JoinRoomData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  data->client = bv_context_get_client_finish (data->context, result, &error);
  if (!data->client)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  bv_bbb_client_get_meeting_info_async (data->client, data->meeting_id, cancellable,
                                        meeting_info_cb, g_steal_pointer (&task));
}

void
bv_join_run_room_async (BvContext           *context,
                        BvServer            *server,
                        const char          *bbb_meeting_id,
                        const char          *display_name,
                        const char          *user_id,
                        GAppLaunchContext   *launch_context,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  JoinRoomData *data;

  g_return_if_fail (BV_IS_CONTEXT (context));
  g_return_if_fail (BV_IS_SERVER (server));
  g_return_if_fail (bbb_meeting_id && *bbb_meeting_id);
  g_return_if_fail (!launch_context || G_IS_APP_LAUNCH_CONTEXT (launch_context));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_join_run_room_async);

  data = g_new0 (JoinRoomData, 1);
  data->context = g_object_ref (context);
  data->server = g_object_ref (server);
  data->meeting_id = g_strdup (bbb_meeting_id);
  data->display_name = g_strdup (display_name && *display_name ? display_name
                                                               : default_display_name ());
  data->user_id = user_id && *user_id ? g_strdup (user_id) : bv_join_get_user_id ();
  data->launch_context = launch_context ? g_object_ref (launch_context) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify)join_room_data_free);

  bv_context_get_client_async (context, server, cancellable, room_client_opened_cb,
                               g_steal_pointer (&task));
}

gboolean
bv_join_run_room_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_join_run_room_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
