/* test-server-meetings.c
 *
 * The Live page's core: what runs on a server and ending a meeting,
 * against the real practice server over loopback HTTP and a scripted
 * SoupServer for Scalelite's shapes and servers that misbehave mid-way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "bv-bbb-error.h"
#include "bv-server-meetings.h"
#include "bv-practice-server-private.h"
#include "bv-test-utils.h"

#define SECRET "live-meetings-test-secret-0123456789"

static BvPracticeServer *practice;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static BvBbbClient *
practice_client (void)
{
  return bv_bbb_client_new (bv_practice_server_get_api_url (practice), SECRET, BV_CHECKSUM_SHA256);
}

static void
create_room (BvBbbClient *client,
             const char  *meeting_id,
             const char  *name)
{
  g_autoptr(BvBbbQuery) query = bv_bbb_query_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BvBbbMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;

  bv_bbb_query_add (query, "meetingID", meeting_id);
  bv_bbb_query_add (query, "name", name);
  bv_bbb_query_add (query, "record", "true");
  bv_bbb_client_create_async (client, query, NULL, NULL, result_cb, &result);
  meeting = bv_bbb_client_create_finish (client, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
}

/* Whether the last fetch () fell back to the planned meetings. */
static gboolean last_planned_only;

static GListModel *
fetch (BvBbbClient         *client,
       gboolean             load_balancer,
       const char * const  *planned,
       GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GListModel *meetings;

  bv_server_meetings_fetch_async (client, load_balancer, planned, NULL, result_cb, &result);
  meetings = bv_server_meetings_fetch_finish (bv_test_wait_for (&result), error);
  last_planned_only = bv_server_meetings_fetch_is_planned_only (result);
  return meetings;
}

static gboolean
end_meeting (BvBbbClient  *client,
             const char   *meeting_id,
             guint         timeout_ms,
             GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bv_server_meetings_end_full_async (client, meeting_id, 10, timeout_ms, NULL, result_cb, &result);
  return bv_server_meetings_end_finish (bv_test_wait_for (&result), error);
}

static BvBbbMeeting *
find (GListModel *meetings,
      const char *meeting_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(BvBbbMeeting) meeting = g_list_model_get_item (meetings, i);

      if (g_strcmp0 (bv_bbb_meeting_get_meeting_id (meeting), meeting_id) == 0)
        return meeting;
    }
  return NULL;
}

static void
test_practice_server (void)
{
  g_autoptr(BvBbbClient) client = practice_client ();
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(GError) error = NULL;
  BvBbbMeeting *board;
  GListModel *attendees;
  guint moderators = 0;

  create_room (client, "lm-board", "Vorstand");
  create_room (client, "lm-choir", "Chorprobe");
  create_room (client, "lm-nobody", "Leer");
  bv_test_enter_room (client, "lm-board", "Anna", "MODERATOR");
  bv_test_enter_room (client, "lm-board", "Bernd", "VIEWER");
  bv_test_enter_room (client, "lm-board", "Carla", "VIEWER");
  bv_test_enter_room (client, "lm-choir", "Dora", "VIEWER");

  bv_practice_server_reset_log (practice);
  meetings = fetch (client, FALSE, NULL, &error);
  g_assert_no_error (error);
  /* One request; a room nobody has entered does not run. */
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, 2);
  g_assert_null (find (meetings, "lm-nobody"));

  board = find (meetings, "lm-board");
  g_assert_nonnull (board);
  g_assert_cmpstr (bv_bbb_meeting_get_name (board), ==, "Vorstand");
  g_assert_cmpuint (bv_bbb_meeting_get_participant_count (board), ==, 3);
  g_assert_cmpuint (bv_bbb_meeting_get_moderator_count (board), ==, 1);
  g_assert_cmpint (bv_bbb_meeting_get_start_time (board), >, 0);
  g_assert_true (bv_bbb_meeting_is_recording (board));
  attendees = bv_bbb_meeting_get_attendees (board);
  g_assert_cmpuint (g_list_model_get_n_items (attendees), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(BvBbbAttendee) attendee = g_list_model_get_item (attendees, i);

      if (bv_bbb_attendee_is_moderator (attendee))
        {
          moderators++;
          g_assert_cmpstr (bv_bbb_attendee_get_full_name (attendee), ==, "Anna");
        }
      /* The practice server has no listen-only people. */
      g_assert_false (bv_bbb_attendee_is_listening_only (attendee));
    }
  g_assert_cmpuint (moderators, ==, 1);

  /* End, then getMeetingInfo until it is gone. */
  bv_practice_server_reset_log (practice);
  g_assert_true (end_meeting (client, "lm-board", 5000, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), >=, 2);

  after = fetch (client, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 1);
  g_assert_nonnull (find (after, "lm-choir"));

  /* Gone already: ended all the same. */
  g_assert_true (end_meeting (client, "lm-board", 5000, &error));
  g_assert_no_error (error);
  g_assert_true (end_meeting (client, "lm-choir", 5000, &error));
  g_assert_no_error (error);
}

static void
test_wrong_secret (void)
{
  g_autoptr(BvBbbClient) wrong = bv_bbb_client_new (bv_practice_server_get_api_url (practice),
                                                    "not-the-secret-0123456789abcdef",
                                                    BV_CHECKSUM_SHA256);
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(GError) error = NULL;
  const char *planned[] = { "lm-board", NULL };

  /* Not a refusal to fall back from, even behind a load balancer. */
  meetings = fetch (wrong, TRUE, planned, &error);
  g_assert_null (meetings);
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_CHECKSUM);
  g_clear_error (&error);

  g_assert_false (end_meeting (wrong, "lm-board", 1000, &error));
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_CHECKSUM);
}

/* scripted servers */

typedef struct
{
  SoupServer *server;
  char       *api_url;
  GPtrArray  *calls;       /* "call" or "call:meetingID" as asked */
  /* what to answer */
  const char *meetings;    /* getMeetings: "list", "empty", "nomeetings", "unsupported", "failed", "html", "close" */
  const char *info_fail;   /* getMeetingInfo of this id: */
  const char *info_how;    /*   "failed", "html", "close" */
  guint       running_polls; /* getMeetingInfo of "ending" answers running this often */
} Scripted;

#define MEETING_XML(id, name, participants) \
  "<meeting><meetingName>" name "</meetingName><meetingID>" id "</meetingID>" \
  "<createTime>1715261728123</createTime><running>true</running><recording>false</recording>" \
  "<hasBeenForciblyEnded>false</hasBeenForciblyEnded><startTime>1715261728142</startTime>" \
  "<participantCount>" participants "</participantCount><listenerCount>1</listenerCount>" \
  "<videoCount>0</videoCount><moderatorCount>1</moderatorCount><attendees>" \
  "<attendee><userID>w_1</userID><fullName>Eva</fullName><role>MODERATOR</role>" \
  "<isListeningOnly>false</isListeningOnly><hasJoinedVoice>true</hasJoinedVoice><hasVideo>false</hasVideo></attendee>" \
  "<attendee><userID>w_2</userID><fullName>Fritz</fullName><role>VIEWER</role>" \
  "<isListeningOnly>true</isListeningOnly><hasJoinedVoice>false</hasJoinedVoice><hasVideo>false</hasVideo></attendee>" \
  "</attendees><isBreakout>false</isBreakout></meeting>"

#define INFO_XML(id, name) \
  "<response><returncode>SUCCESS</returncode><meetingName>" name "</meetingName>" \
  "<meetingID>" id "</meetingID><createTime>1715261728123</createTime><running>true</running>" \
  "<hasBeenForciblyEnded>false</hasBeenForciblyEnded><startTime>1715261728142</startTime>" \
  "<participantCount>2</participantCount><moderatorCount>1</moderatorCount><attendees/>" \
  "<isBreakout>false</isBreakout></response>"

#define NOT_FOUND_XML \
  "<response><returncode>FAILED</returncode><messageKey>notFound</messageKey>" \
  "<message>We could not find a meeting with that meeting ID - perhaps the meeting is not yet running?</message></response>"

#define HTML_PAGE \
  "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"

static void
respond (SoupServerMessage *msg,
         const char        *content_type,
         const char        *body)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
misbehave (SoupServerMessage *msg,
           const char        *how)
{
  if (g_str_equal (how, "html"))
    respond (msg, "text/html", HTML_PAGE);
  else if (g_str_equal (how, "close"))
    {
      GIOStream *stream = soup_server_message_steal_connection (msg);

      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
    }
  else if (g_str_equal (how, "unsupported"))
    respond (msg, "text/xml",
             "<response><returncode>FAILED</returncode><messageKey>unsupportedRequest</messageKey>"
             "<message>This request is not supported.</message></response>");
  else
    respond (msg, "text/xml",
             "<response><returncode>FAILED</returncode><messageKey>somethingNew</messageKey>"
             "<message>No.</message></response>");
}

static void
scripted_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Scripted *s = user_data;
  const char *call = strrchr (path, '/') + 1;
  const char *meeting_id = query ? g_hash_table_lookup (query, "meetingID") : NULL;

  g_ptr_array_add (s->calls, meeting_id ? g_strconcat (call, ":", meeting_id, NULL) : g_strdup (call));

  if (g_str_equal (call, "getMeetings"))
    {
      if (g_str_equal (s->meetings, "list"))
        respond (msg, "text/xml",
                 "<response><returncode>SUCCESS</returncode><meetings>"
                 MEETING_XML ("m-late", "Spät", "2")
                 "<meeting><meetingName>Gruppe 1</meetingName><meetingID>m-breakout</meetingID>"
                 "<running>true</running><isBreakout>true</isBreakout></meeting>"
                 "</meetings></response>");
      else if (g_str_equal (s->meetings, "empty"))
        respond (msg, "text/xml", "<response><returncode>SUCCESS</returncode><meetings/></response>");
      else if (g_str_equal (s->meetings, "nomeetings"))
        respond (msg, "text/xml",
                 "<response><returncode>SUCCESS</returncode><meetings/><messageKey>noMeetings</messageKey>"
                 "<message>no meetings were found on this server</message></response>");
      else if (g_str_equal (s->meetings, "nomeetings-bare"))
        respond (msg, "text/xml",
                 "<response><returncode>SUCCESS</returncode><messageKey>noMeetings</messageKey>"
                 "<message>no meetings were found on this server</message></response>");
      else
        misbehave (msg, s->meetings);
      return;
    }

  if (g_str_equal (call, "getMeetingInfo"))
    {
      if (s->info_fail && g_strcmp0 (meeting_id, s->info_fail) == 0)
        misbehave (msg, s->info_how);
      else if (g_strcmp0 (meeting_id, "planned-1") == 0)
        respond (msg, "text/xml", INFO_XML ("planned-1", "Vorstand"));
      else if (g_strcmp0 (meeting_id, "planned-3") == 0)
        respond (msg, "text/xml", INFO_XML ("planned-3", "Kasse"));
      else if (g_strcmp0 (meeting_id, "ending") == 0 && s->running_polls > 0)
        {
          s->running_polls--;
          respond (msg, "text/xml", INFO_XML ("ending", "Ende"));
        }
      else
        respond (msg, "text/xml", NOT_FOUND_XML);
      return;
    }

  if (g_str_equal (call, "end"))
    {
      respond (msg, "text/xml",
               "<response><returncode>SUCCESS</returncode><messageKey>sentEndMeetingRequest</messageKey>"
               "<message>A request to end the meeting was sent.</message></response>");
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static Scripted *
scripted_new (void)
{
  Scripted *s = g_new0 (Scripted, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  s->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (s->server, "/bigbluebutton/api", scripted_cb, s, NULL);
  soup_server_listen (s->server, address, 0, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (s->server);
  s->api_url = g_strdup_printf ("http://127.0.0.1:%d/bigbluebutton/api/", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  s->calls = g_ptr_array_new_with_free_func (g_free);
  s->meetings = "list";
  return s;
}

static void
scripted_free (Scripted *s)
{
  soup_server_disconnect (s->server);
  g_object_unref (s->server);
  g_free (s->api_url);
  g_ptr_array_unref (s->calls);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Scripted, scripted_free)

static BvBbbClient *
scripted_client (Scripted *s)
{
  BvBbbClient *client = bv_bbb_client_new (s->api_url, SECRET, BV_CHECKSUM_SHA256);

  bv_bbb_client_set_timeouts (client, 2, 5);
  return client;
}

static char *
calls (Scripted *s)
{
  g_ptr_array_add (s->calls, NULL);
  {
    char *joined = g_strjoinv (" ", (char **)s->calls->pdata);

    g_ptr_array_set_size (s->calls, 0);
    return joined;
  }
}

static void
test_scalelite (void)
{
  g_autoptr(Scripted) s = scripted_new ();
  g_autoptr(BvBbbClient) client = scripted_client (s);
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *asked = NULL;
  const char *planned[] = { "planned-1", "planned-2", "planned-3", NULL };

  /* getMeetings switched off: our rooms of today one by one. */
  s->meetings = "unsupported";
  meetings = fetch (client, FALSE, planned, &error);
  g_assert_no_error (error);
  asked = calls (s);
  g_assert_cmpstr (asked, ==, "getMeetings getMeetingInfo:planned-1 getMeetingInfo:planned-2 "
                              "getMeetingInfo:planned-3");
  g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, 2);
  g_assert_nonnull (find (meetings, "planned-1"));
  g_assert_nonnull (find (meetings, "planned-3"));
  g_assert_true (last_planned_only);
  g_clear_object (&meetings);
  g_clear_pointer (&asked, g_free);

  /* Scalelite's other way to switch it off: "no meetings", always. */
  s->meetings = "nomeetings";
  meetings = fetch (client, TRUE, planned, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, 2);
  g_assert_true (last_planned_only);
  g_clear_object (&meetings);
  asked = calls (s);
  g_assert_cmpstr (asked, ==, "getMeetings getMeetingInfo:planned-1 getMeetingInfo:planned-2 "
                              "getMeetingInfo:planned-3");
  g_clear_pointer (&asked, g_free);

  /* A load balancer that refuses otherwise. */
  s->meetings = "failed";
  meetings = fetch (client, TRUE, planned, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, 2);
  g_clear_object (&meetings);

  /* A plain server that refuses: an error, not a guess. */
  meetings = fetch (client, FALSE, planned, &error);
  g_assert_null (meetings);
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_FAILED);
  g_clear_error (&error);

  /* Nothing planned today: nothing to ask, nothing running as far as we
   * can tell. */
  s->meetings = "unsupported";
  meetings = fetch (client, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, 0);
}

static void
test_lists (void)
{
  g_autoptr(Scripted) s = scripted_new ();
  g_autoptr(BvBbbClient) client = scripted_client (s);
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *asked = NULL;
  const char *shapes[] = { "empty", "nomeetings", "nomeetings-bare" };
  const char *planned[] = { "planned-2", NULL };
  BvBbbMeeting *late;

  meetings = fetch (client, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (last_planned_only);
  /* Breakout rooms belong to their main room. */
  g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, 1);
  late = find (meetings, "m-late");
  g_assert_nonnull (late);
  g_assert_cmpuint (bv_bbb_meeting_get_listener_count (late), ==, 1);
  {
    g_autoptr(BvBbbAttendee) listener = g_list_model_get_item (bv_bbb_meeting_get_attendees (late), 1);

    g_assert_true (bv_bbb_attendee_is_listening_only (listener));
  }
  g_clear_object (&meetings);
  g_ptr_array_set_size (s->calls, 0);

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      s->meetings = shapes[i];
      meetings = fetch (client, FALSE, planned, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, 0);
      g_clear_object (&meetings);
      /* A plain server's "no meetings" is the truth: nothing more asked. */
      asked = calls (s);
      g_assert_cmpstr (asked, ==, "getMeetings");
      g_clear_pointer (&asked, g_free);
    }
}

static void
test_errors_mid_way (void)
{
  g_autoptr(Scripted) s = scripted_new ();
  g_autoptr(BvBbbClient) client = scripted_client (s);
  g_autoptr(GError) error = NULL;
  const char *planned[] = { "planned-1", "planned-3", NULL };
  struct {
    const char *how;
    BvBbbError  code;
  } cases[] = {
    { "failed", BV_BBB_ERROR_FAILED },
    { "html", BV_BBB_ERROR_NOT_XML },
    { "close", BV_BBB_ERROR_NETWORK },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GListModel) good = NULL;
      g_autoptr(GListModel) bad = NULL;
      g_autoptr(GListModel) again = NULL;

      /* getMeetings itself fails after a good answer. */
      s->meetings = "list";
      good = fetch (client, FALSE, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (good), ==, 1);

      s->meetings = cases[i].how;
      bad = fetch (client, FALSE, NULL, &error);
      g_assert_null (bad);
      g_assert_nonnull (error);
      g_assert_true (error->domain == BV_BBB_ERROR);
      if (cases[i].code != BV_BBB_ERROR_NETWORK)
        g_assert_cmpint (error->code, ==, cases[i].code);
      g_assert_cmpstr (error->message, !=, "");
      g_clear_error (&error);

      /* The second of two rooms fails: never half a list. */
      s->meetings = "unsupported";
      s->info_fail = "planned-3";
      s->info_how = cases[i].how;
      bad = fetch (client, FALSE, planned, &error);
      g_assert_null (bad);
      g_assert_nonnull (error);
      g_clear_error (&error);
      s->info_fail = NULL;

      /* And the next question works again. */
      again = fetch (client, FALSE, planned, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (again), ==, 2);
      g_ptr_array_set_size (s->calls, 0);
    }
}

static void
test_end_polling (void)
{
  g_autoptr(Scripted) s = scripted_new ();
  g_autoptr(BvBbbClient) client = scripted_client (s);
  g_autoptr(GError) error = NULL;
  g_autofree char *asked = NULL;

  /* Still running twice after end, then gone. */
  s->running_polls = 2;
  g_assert_true (end_meeting (client, "ending", 5000, &error));
  g_assert_no_error (error);
  asked = calls (s);
  g_assert_cmpstr (asked, ==, "end:ending getMeetingInfo:ending getMeetingInfo:ending "
                              "getMeetingInfo:ending");
  g_clear_pointer (&asked, g_free);

  /* Never gone: the deadline ends the waiting. */
  s->running_polls = G_MAXUINT;
  g_assert_false (end_meeting (client, "ending", 200, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_clear_error (&error);

  /* The server breaks down while we wait. */
  s->running_polls = 1;
  s->info_fail = "ending";
  s->info_how = "html";
  g_assert_false (end_meeting (client, "ending", 5000, &error));
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_XML);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  practice = bv_practice_server_new (SECRET);
  g_assert_true (bv_practice_server_start (practice, &error));
  g_assert_no_error (error);

  g_test_add_func ("/core/server-meetings/practice-server", test_practice_server);
  g_test_add_func ("/core/server-meetings/wrong-secret", test_wrong_secret);
  g_test_add_func ("/core/server-meetings/scalelite", test_scalelite);
  g_test_add_func ("/core/server-meetings/lists", test_lists);
  g_test_add_func ("/core/server-meetings/errors-mid-way", test_errors_mid_way);
  g_test_add_func ("/core/server-meetings/end-polling", test_end_polling);

  status = g_test_run ();
  g_object_unref (practice);
  return status;
}
