/* test-invitation.c
 *
 * Personal invitations: links checked independently of the code that
 * made them (checksum recomputed from the secret, every parameter), the
 * links used against the practice server, link renewal, the invitation
 * text, mailto: URIs, the mail-merge CSV read by Python's csv module and
 * calendar files re-read by libical. Runs in the secret suite's
 * environment (the throw-away keyring).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libical/ical.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "bv-bbb-error.h"
#include "bv-invitation.h"
#include "bv-join.h"
#include "bv-practice-server-private.h"
#include "bv-secret-store.h"
#include "bv-server-client.h"
#include "bv-test-utils.h"

#define SECRET       "test-invitation-5e2b8c1d9a7f4e3b6c0d1a2f3e4b5c6d"
#define WRONG_SECRET "test-invitation-wrong-000000000000000000000000"
#define TITLE        "Mitgliederversammlung Süd"
#define NAME         "Jürgen Müller-Lüdenscheidt"

static BvPracticeServer *practice;
static char             *tmp_dir;

/* helpers */

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
save_secret (const char *server_id,
             const char *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bv_secret_store_save_async (server_id, "Invitation test", secret, NULL, result_cb, &result);
  bv_secret_store_save_finish (bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
}

static BvServer *
new_server (const char *bbb_version)
{
  g_autofree char *id = bv_server_generate_id ();
  BvServer *server;

  server = bv_server_new (id, "Einladungstest", bv_practice_server_get_api_url (practice), "sha256");
  bv_server_set_connection_info (server, "sha256", "2.0", bbb_version, FALSE,
                                 g_get_real_time () / G_USEC_PER_SEC);
  save_secret (id, SECRET);
  return server;
}

static BvMeeting *
new_meeting (BvServer *server)
{
  BvMeeting *meeting = bv_meeting_new (BV_MEETING_KIND_ASSEMBLY);

  bv_meeting_set_title (meeting, TITLE);
  bv_meeting_set_start (meeting, "2026-12-01T19:30:00", "Europe/Berlin");
  bv_meeting_set_duration (meeting, 90);
  bv_meeting_set_record (meeting, FALSE);
  if (server)
    bv_meeting_set_server_id (meeting, bv_server_get_id (server));
  return meeting;
}

static BvBbbClient *
open_client (BvServer *server)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BvBbbClient *client;

  bv_server_client_open_async (server, NULL, result_cb, &result);
  client = bv_server_client_open_finish (bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  return client;
}

/* The room opens as the app opens it, through the practice server. */
static void
create_room (BvBbbClient *client,
             BvMeeting   *meeting)
{
  g_autoptr(BvBbbQuery) query = bv_join_build_create_query (meeting);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbMeeting) room = NULL;

  bv_bbb_client_create_async (client, query, NULL, NULL, result_cb, &result);
  room = bv_bbb_client_create_finish (client, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (room);
}

/* A plain GET, not through the app's client. */
static char *
http_get (const char *url,
          guint      *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (msg);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, result_cb, &result);
  body = soup_session_send_and_read_finish (session, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* What a browser does with the link: the practice server answers a room
 * page, or FAILED XML when the link does not get in. */
static gboolean
link_enters (const char *url)
{
  guint status = 0;
  g_autofree char *body = http_get (url, &status);

  return status == 200 && !strstr (body, "FAILED");
}

/* getMeetingInfo signed here; NULL when the server says FAILED. */
static char *
get_meeting_info (const char *meeting_id)
{
  g_autofree char *encoded = g_uri_escape_string (meeting_id, NULL, FALSE);
  g_autofree char *query = g_strconcat ("meetingID=", encoded, NULL);
  g_autofree char *hashed = g_strconcat ("getMeetingInfo", query, SECRET, NULL);
  g_autofree char *checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, hashed, -1);
  g_autofree char *url = g_strdup_printf ("%sgetMeetingInfo?%s&checksum=%s",
                                          bv_practice_server_get_api_url (practice),
                                          query, checksum);
  guint status = 0;
  g_autofree char *body = http_get (url, &status);

  g_assert_cmpuint (status, ==, 200);
  if (!strstr (body, "<returncode>SUCCESS</returncode>"))
    return NULL;
  return g_steal_pointer (&body);
}

/* The <attendee> element of @user_id in a getMeetingInfo answer. */
static char *
attendee_of (const char *info,
             const char *user_id)
{
  g_autofree char *needle = g_strdup_printf ("<userID>%s</userID>", user_id);
  const char *at = strstr (info, needle);
  const char *start;
  const char *end;

  g_assert_nonnull (at);
  start = g_strrstr_len (info, at - info, "<attendee>");
  end = strstr (at, "</attendee>");
  g_assert_nonnull (start);
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

typedef struct
{
  char       *query;      /* raw, without the checksum pair */
  char       *checksum;
  GHashTable *params;     /* decoded */
} JoinUrl;

static void
join_url_free (JoinUrl *url)
{
  g_free (url->query);
  g_free (url->checksum);
  g_clear_pointer (&url->params, g_hash_table_unref);
  g_free (url);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JoinUrl, join_url_free)

static JoinUrl *
parse_join_url (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_path = NULL;
  JoinUrl *url = g_new0 (JoinUrl, 1);
  const char *raw_query;
  const char *pair;

  uri = g_uri_parse (text, G_URI_FLAGS_ENCODED, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_scheme (uri), ==, "http");
  g_assert_cmpstr (g_uri_get_host (uri), ==, "127.0.0.1");
  g_assert_true (g_str_has_suffix (g_uri_get_path (uri), "/bigbluebutton/api/join"));
  raw_query = g_uri_get_query (uri);
  g_assert_nonnull (raw_query);

  /* The checksum is the last pair and covers everything before it. */
  pair = strstr (raw_query, "&checksum=");
  g_assert_nonnull (pair);
  url->query = g_strndup (raw_query, pair - raw_query);
  url->checksum = g_strdup (pair + strlen ("&checksum="));
  g_assert_null (strchr (url->checksum, '&'));

  url->params = g_uri_parse_params (url->query, -1, "&", G_URI_PARAMS_WWW_FORM, &error);
  g_assert_no_error (error);
  return url;
}

static const char *
param (JoinUrl    *url,
       const char *name)
{
  return g_hash_table_lookup (url->params, name);
}

static void
assert_checksum (JoinUrl    *url,
                 const char *secret)
{
  g_autofree char *hashed = g_strconcat ("join", url->query, secret, NULL);
  g_autofree char *expected = NULL;
  GChecksum *checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (checksum, (const guchar *) hashed, strlen (hashed));
  expected = g_strdup (g_checksum_get_string (checksum));
  g_checksum_free (checksum);
  g_assert_cmpstr (url->checksum, ==, expected);
}

/* Exactly these parameter names, in any order. */
static void
assert_param_names (JoinUrl            *url,
                    const char * const *names)
{
  g_assert_cmpuint (g_hash_table_size (url->params), ==, g_strv_length ((char **) names));
  for (guint i = 0; names[i]; i++)
    g_assert_true (g_hash_table_contains (url->params, names[i]));
}

static BvDatabase *
open_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("db-%u.sqlite", g_random_int ());
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  BvDatabase *database = bv_database_open (path, &error);

  g_assert_no_error (error);
  return database;
}

/* tests: links */

static void
test_link_role (void)
{
  g_autoptr(BvServer) server = new_server ("3.0.19");
  g_autoptr(BvMeeting) meeting = new_meeting (server);
  g_autoptr(BvBbbClient) client = open_client (server);
  g_autoptr(BvParticipant) chair = bv_participant_new_guest (bv_meeting_get_id (meeting), NAME,
                                                            "juergen@example.org",
                                                            BV_PARTICIPANT_ROLE_MODERATOR);
  g_autoptr(BvParticipant) member = bv_participant_new_guest (bv_meeting_get_id (meeting),
                                                             "Ängelika Öztürk", NULL,
                                                             BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_autofree char *chair_link = bv_invitation_build_link (client, server, meeting, chair);
  g_autofree char *member_link = bv_invitation_build_link (client, server, meeting, member);
  g_autofree char *again = bv_invitation_build_link (client, server, meeting, chair);
  g_autofree char *chair_id = g_strconcat ("bv-", bv_participant_get_link_key (chair), NULL);
  g_autofree char *member_id = g_strconcat ("bv-", bv_participant_get_link_key (member), NULL);
  g_autofree char *info = NULL;
  g_autofree char *chair_entry = NULL;
  g_autofree char *member_entry = NULL;
  g_autoptr(JoinUrl) url = parse_join_url (chair_link);
  g_autoptr(JoinUrl) url2 = parse_join_url (member_link);
  const char *names[] = { "fullName", "meetingID", "role", "userID", NULL };

  /* Signing is local and stable: the same link every time. */
  g_assert_cmpstr (chair_link, ==, again);

  assert_checksum (url, SECRET);
  assert_param_names (url, names);
  g_assert_cmpstr (param (url, "fullName"), ==, NAME);
  g_assert_cmpstr (param (url, "meetingID"), ==, bv_meeting_get_bbb_meeting_id (meeting));
  g_assert_cmpstr (param (url, "role"), ==, "MODERATOR");
  g_assert_cmpstr (param (url, "userID"), ==, chair_id);
  g_assert_cmpuint (strlen (bv_participant_get_link_key (chair)), >=, 32);
  g_assert_null (param (url, "createTime"));
  g_assert_null (param (url, "guest"));
  g_assert_null (param (url, "password"));
  g_assert_null (strstr (chair_link, SECRET));

  assert_checksum (url2, SECRET);
  assert_param_names (url2, names);
  g_assert_cmpstr (param (url2, "fullName"), ==, "Ängelika Öztürk");
  g_assert_cmpstr (param (url2, "role"), ==, "VIEWER");
  g_assert_cmpstr (param (url2, "userID"), ==, member_id);

  /* Not before the room is open (product.md: links work once it is). */
  g_assert_false (link_enters (chair_link));

  create_room (client, meeting);
  g_assert_true (link_enters (chair_link));
  g_assert_true (link_enters (member_link));
  info = get_meeting_info (bv_meeting_get_bbb_meeting_id (meeting));
  g_assert_nonnull (info);
  chair_entry = attendee_of (info, chair_id);
  g_assert_nonnull (strstr (chair_entry, "<fullName>" NAME "</fullName>"));
  g_assert_nonnull (strstr (chair_entry, "<role>MODERATOR</role>"));
  member_entry = attendee_of (info, member_id);
  g_assert_nonnull (strstr (member_entry, "<fullName>Ängelika Öztürk</fullName>"));
  g_assert_nonnull (strstr (member_entry, "<role>VIEWER</role>"));
}

static void
test_link_old_server_password (void)
{
  g_autoptr(BvServer) server = new_server ("2.3");
  g_autoptr(BvMeeting) meeting = new_meeting (server);
  g_autoptr(BvBbbClient) client = open_client (server);
  g_autoptr(BvParticipant) chair = bv_participant_new_guest (bv_meeting_get_id (meeting), NAME, NULL,
                                                            BV_PARTICIPANT_ROLE_MODERATOR);
  g_autoptr(BvParticipant) member = bv_participant_new_guest (bv_meeting_get_id (meeting),
                                                             "Björn Weiß", NULL,
                                                             BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_autofree char *chair_link = bv_invitation_build_link (client, server, meeting, chair);
  g_autofree char *member_link = bv_invitation_build_link (client, server, meeting, member);
  g_autofree char *chair_id = g_strconcat ("bv-", bv_participant_get_link_key (chair), NULL);
  g_autofree char *member_id = g_strconcat ("bv-", bv_participant_get_link_key (member), NULL);
  g_autofree char *info = NULL;
  g_autofree char *chair_entry = NULL;
  g_autofree char *member_entry = NULL;
  g_autoptr(JoinUrl) url = parse_join_url (chair_link);
  g_autoptr(JoinUrl) url2 = parse_join_url (member_link);
  const char *names[] = { "fullName", "meetingID", "password", "userID", NULL };

  assert_checksum (url, SECRET);
  assert_param_names (url, names);
  g_assert_cmpstr (param (url, "password"), ==, bv_meeting_get_moderator_password (meeting));
  g_assert_cmpstr (param (url, "fullName"), ==, NAME);
  g_assert_cmpstr (param (url, "userID"), ==, chair_id);
  assert_checksum (url2, SECRET);
  assert_param_names (url2, names);
  g_assert_cmpstr (param (url2, "password"), ==, bv_meeting_get_attendee_password (meeting));
  g_assert_cmpstr (param (url2, "password"), !=, param (url, "password"));

  create_room (client, meeting);
  g_assert_true (link_enters (chair_link));
  g_assert_true (link_enters (member_link));
  info = get_meeting_info (bv_meeting_get_bbb_meeting_id (meeting));
  chair_entry = attendee_of (info, chair_id);
  g_assert_nonnull (strstr (chair_entry, "<role>MODERATOR</role>"));
  member_entry = attendee_of (info, member_id);
  g_assert_nonnull (strstr (member_entry, "<role>VIEWER</role>"));
  g_assert_nonnull (strstr (member_entry, "<fullName>Björn Weiß</fullName>"));
}

static void
test_guest_link (void)
{
  g_autoptr(BvServer) server = new_server ("3.0.19");
  g_autoptr(BvMeeting) meeting = new_meeting (server);
  g_autoptr(BvBbbClient) client = open_client (server);
  g_autofree char *link = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JoinUrl) url = NULL;
  const char *names[] = { "fullName", "meetingID", "role", "guest", NULL };
  guint status = 0;

  bv_meeting_set_guest_policy (meeting, "ASK_MODERATOR");
  link = bv_invitation_build_guest_link (client, server, meeting);
  url = parse_join_url (link);
  assert_checksum (url, SECRET);
  assert_param_names (url, names);
  g_assert_cmpstr (param (url, "guest"), ==, "true");
  g_assert_cmpstr (param (url, "role"), ==, "VIEWER");
  g_assert_cmpstr (param (url, "meetingID"), ==, bv_meeting_get_bbb_meeting_id (meeting));
  g_assert_cmpstr (param (url, "fullName"), !=, "");

  /* The guest waits for a moderator; an invited person does not. */
  create_room (client, meeting);
  body = http_get (link, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_null (strstr (body, "FAILED"));
  g_assert_nonnull (strstr (body, "Warteraum"));
}

/* An assembly's room is created with guestPolicy=ALWAYS_DENY: a member's
 * personal link enters, a guest link is refused by the server. */
static void
test_assembly_members_only (void)
{
  g_autoptr(BvServer) server = new_server ("3.0.19");
  g_autoptr(BvMeeting) meeting = new_meeting (server);
  g_autoptr(BvBbbClient) client = open_client (server);
  g_autoptr(BvBbbQuery) query = bv_join_build_create_query (meeting);
  g_autoptr(BvParticipant) member = bv_participant_new_guest (bv_meeting_get_id (meeting), NAME, NULL,
                                                             BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_autofree char *member_link = bv_invitation_build_link (client, server, meeting, member);
  g_autofree char *guest_link = bv_invitation_build_guest_link (client, server, meeting);
  g_autofree char *member_body = NULL;
  g_autofree char *guest_body = NULL;
  guint status = 0;

  g_assert_cmpint (bv_meeting_get_kind (meeting), ==, BV_MEETING_KIND_ASSEMBLY);
  g_assert_cmpstr (bv_meeting_get_guest_policy (meeting), ==, "ALWAYS_DENY");
  g_assert_cmpstr (bv_bbb_query_get (query, "guestPolicy"), ==, "ALWAYS_DENY");

  create_room (client, meeting);
  member_body = http_get (member_link, &status);
  g_assert_null (strstr (member_body, "FAILED"));
  guest_body = http_get (guest_link, &status);
  g_assert_nonnull (strstr (guest_body, "guestDeniedAccess"));
}

/* tests: renewal */

static gboolean
renew (BvDatabase *database,
       BvServer   *server,
       BvMeeting  *meeting,
       GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bv_invitation_renew_links_async (database, server, meeting, NULL, result_cb, &result);
  return bv_invitation_renew_links_finish (bv_test_wait_for (&result), error);
}

static void
test_renew_links (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) database = open_database ();
  g_autoptr(BvServer) server = new_server ("3.0.19");
  g_autoptr(BvMeeting) meeting = new_meeting (server);
  g_autoptr(BvMeeting) stored = NULL;
  g_autoptr(BvBbbClient) client = open_client (server);
  g_autoptr(BvParticipant) person = NULL;
  g_autofree char *old_bbb_id = NULL;
  g_autofree char *old_link = NULL;
  g_autofree char *new_link = NULL;
  g_autofree char *info = NULL;
  g_autofree char *old_info = NULL;
  g_autofree char *link_key = NULL;

  g_assert_true (bv_database_save_server (database, server, &error));
  g_assert_no_error (error);
  g_assert_true (bv_database_save_meeting (database, meeting, &error));
  g_assert_no_error (error);
  person = bv_participant_new_guest (bv_meeting_get_id (meeting), NAME, "j@example.org",
                                     BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_assert_true (bv_database_add_participant (database, person, &error));
  g_assert_no_error (error);
  link_key = g_strdup (bv_participant_get_link_key (person));

  /* Someone is in the room with the old link. */
  old_bbb_id = g_strdup (bv_meeting_get_bbb_meeting_id (meeting));
  old_link = bv_invitation_build_link (client, server, meeting, person);
  create_room (client, meeting);
  g_assert_true (link_enters (old_link));
  info = get_meeting_info (old_bbb_id);
  g_assert_nonnull (strstr (info, "<running>true</running>"));

  g_assert_true (renew (database, server, meeting, &error));
  g_assert_no_error (error);

  /* The running room was ended, and the old link gets nowhere, also
   * after the room is opened again. */
  old_info = get_meeting_info (old_bbb_id);
  g_assert_null (old_info);
  g_assert_false (link_enters (old_link));
  g_assert_cmpstr (bv_meeting_get_bbb_meeting_id (meeting), !=, old_bbb_id);
  create_room (client, meeting);
  g_assert_false (link_enters (old_link));

  /* Stored: a fresh database sees the new id; the person keeps their key. */
  {
    g_autoptr(BvDatabase) reopened = bv_database_open (bv_database_get_path (database), &error);
    g_autoptr(GPtrArray) participants = NULL;

    g_assert_no_error (error);
    stored = bv_database_find_meeting (reopened, bv_meeting_get_id (meeting));
    g_assert_nonnull (stored);
    g_assert_cmpstr (bv_meeting_get_bbb_meeting_id (stored), ==, bv_meeting_get_bbb_meeting_id (meeting));
    participants = bv_database_list_participants (reopened, bv_meeting_get_id (meeting));
    g_assert_cmpuint (participants->len, ==, 1);
    g_assert_cmpstr (bv_participant_get_link_key (g_ptr_array_index (participants, 0)), ==, link_key);
  }

  new_link = bv_invitation_build_link (client, server, meeting, person);
  g_assert_cmpstr (new_link, !=, old_link);
  g_assert_true (link_enters (new_link));
}

static void
test_renew_links_not_open (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) database = open_database ();
  g_autoptr(BvServer) server = new_server ("3.0.19");
  g_autoptr(BvMeeting) meeting = new_meeting (server);
  g_autofree char *old_bbb_id = NULL;

  g_assert_true (bv_database_save_server (database, server, &error));
  g_assert_true (bv_database_save_meeting (database, meeting, &error));
  old_bbb_id = g_strdup (bv_meeting_get_bbb_meeting_id (meeting));

  bv_practice_server_reset_log (practice);
  g_assert_true (renew (database, server, meeting, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (bv_meeting_get_bbb_meeting_id (meeting), !=, old_bbb_id);
  /* Only asked; there was nothing to end. */
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, 1);
}

/* The server refuses (here: the keyring holds another secret): nothing
 * is renewed, in the object or in the store, and the message says the old
 * links still work. */
static void
test_renew_links_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) database = open_database ();
  g_autoptr(BvServer) server = new_server ("3.0.19");
  g_autoptr(BvMeeting) meeting = new_meeting (server);
  g_autoptr(BvBbbClient) client = open_client (server);
  g_autoptr(BvMeeting) stored = NULL;
  g_autofree char *old_bbb_id = NULL;
  g_autofree char *info = NULL;

  g_assert_true (bv_database_save_server (database, server, &error));
  g_assert_true (bv_database_save_meeting (database, meeting, &error));
  old_bbb_id = g_strdup (bv_meeting_get_bbb_meeting_id (meeting));
  create_room (client, meeting);

  save_secret (bv_server_get_id (server), WRONG_SECRET);
  g_assert_false (renew (database, server, meeting, &error));
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_CHECKSUM);
  g_assert_nonnull (strstr (error->message, "old links still work"));
  g_assert_cmpstr (bv_meeting_get_bbb_meeting_id (meeting), ==, old_bbb_id);
  stored = bv_database_find_meeting (database, bv_meeting_get_id (meeting));
  g_assert_cmpstr (bv_meeting_get_bbb_meeting_id (stored), ==, old_bbb_id);
  info = get_meeting_info (old_bbb_id);
  g_assert_nonnull (info);
  g_clear_error (&error);

  /* Without a secret at all. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    bv_secret_store_delete_async (bv_server_get_id (server), NULL, result_cb, &result);
    bv_secret_store_delete_finish (bv_test_wait_for (&result), &error);
    g_assert_no_error (error);
  }
  g_assert_false (renew (database, server, meeting, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (bv_meeting_get_bbb_meeting_id (meeting), ==, old_bbb_id);
}

/* tests: text */

static const BvInvitationContext full_context = {
  .club_name = "TSV Kaiserslautern-Süd",
  .privacy_contact = "Erika Musterfrau, datenschutz@example.org",
  .dial_number = "+49 631 555-1234",
  .voice_bridge = "70757",
};

static void
test_render (void)
{
  g_autoptr(BvMeeting) meeting = new_meeting (NULL);
  g_autofree char *text = NULL;
  g_autofree char *bare = NULL;
  g_autofree char *custom = NULL;
  g_autofree char *recorded = NULL;

  text = bv_invitation_render (NULL, meeting, NAME, "https://bbb.example.org/j?x=1", &full_context);
  g_assert_nonnull (strstr (text, "Hello " NAME ",\n"));
  g_assert_nonnull (strstr (text, "“" TITLE "”"));
  g_assert_nonnull (strstr (text, "https://bbb.example.org/j?x=1"));
  g_assert_nonnull (strstr (text, "2026"));
  g_assert_nonnull (strstr (text, "19:30"));
  g_assert_nonnull (strstr (text, "+49 631 555-1234"));
  g_assert_nonnull (strstr (text, "70757"));
  g_assert_nonnull (strstr (text, "Erika Musterfrau, datenschutz@example.org"));
  g_assert_nonnull (strstr (text, "TSV Kaiserslautern-Süd"));
  g_assert_null (strstr (text, "record"));
  g_assert_null (strchr (text, '{'));
  g_assert_null (strstr (text, "\n\n\n"));

  /* Without dial-in and recording, their lines go, and no paragraph gap
   * doubles. */
  bare = bv_invitation_render ("", meeting, "Erika", "L", NULL);
  g_test_message ("%s", text);
  g_assert_null (strstr (bare, "telephone"));
  g_assert_null (strstr (bare, "\n\n\n"));
  g_assert_nonnull (strstr (bare, "Your personal access (please do not pass it on):\nL\n\nThe link"));
  /* The privacy notice is always there, also without a contact. */
  g_assert_nonnull (strstr (bare, "Privacy:"));

  bv_meeting_set_record (meeting, TRUE);
  recorded = bv_invitation_render (NULL, meeting, "Erika", "L", &full_context);
  g_assert_nonnull (strstr (recorded, "recorded"));

  /* A template of one's own: known placeholders filled, unknown ones kept,
   * a line with only an empty placeholder dropped, other blank lines kept. */
  custom = bv_invitation_render ("Liebe/r {name}\n{dial_in}\n\n{title} am {when}\n{unbekannt}\n{recording}\nEnde",
                                 meeting, "Ümit", "L", NULL);
  g_assert_true (g_str_has_prefix (custom, "Liebe/r Ümit\n\n" TITLE " am "));
  g_assert_true (g_str_has_suffix (custom, "\n{unbekannt}\nRecording: this meeting may be recorded. Those "
                                   "who lead it say so before the recording starts; if you do not want "
                                   "to be recorded, leave your camera and microphone off.\nEnde"));
  bv_meeting_set_record (meeting, FALSE);
  g_clear_pointer (&custom, g_free);
  custom = bv_invitation_render ("A\n{recording}\nB", meeting, "x", "L", NULL);
  g_assert_cmpstr (custom, ==, "A\nB");
}

/* The assembly's text: the agenda with its motions, hybrid with the venue
 * or online only, and the § 32 Abs. 2 statement, the club's own when it
 * wrote one. */
static void
test_render_assembly (void)
{
  g_autoptr(BvMeeting) meeting = new_meeting (NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_agenda_item_free);
  g_autofree char *agenda = NULL;
  g_autofree char *text = NULL;
  g_autofree char *hybrid = NULL;
  g_autofree char *empty = NULL;
  BvInvitationContext context = full_context;

  g_ptr_array_add (items, bv_agenda_item_new ("Begrüßung", NULL));
  g_ptr_array_add (items, bv_agenda_item_new ("Satzungsänderung", "§ 4 erhält folgende Fassung:\n„Der Beitrag …“"));
  g_ptr_array_add (items, bv_agenda_item_new ("Verschiedenes", ""));
  bv_meeting_set_agenda (meeting, items);

  agenda = bv_invitation_format_agenda (meeting);
  g_assert_cmpstr (agenda, ==,
                   "Agenda:\n"
                   "1. Begrüßung\n"
                   "2. Satzungsänderung\n"
                   "   Motion: § 4 erhält folgende Fassung:\n"
                   "   „Der Beitrag …“\n"
                   "3. Verschiedenes");

  text = bv_invitation_render (bv_invitation_assembly_template (), meeting, NAME, "L", &context);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "general assembly “" TITLE "”"));
  g_assert_nonnull (strstr (text, "\nWhere: online only\n"));
  g_assert_nonnull (strstr (text, "\n\n" "Agenda:\n1. Begrüßung\n"));
  g_assert_nonnull (strstr (text, bv_invitation_default_participation ()));
  g_assert_nonnull (strstr (text, "§ 32 Abs. 2 BGB"));
  g_assert_nonnull (strstr (text, "Your personal link: L\n"));
  g_assert_nonnull (strstr (text, "on behalf of the board\nTSV Kaiserslautern-Süd\n"));
  /* What is recorded, why, and for how long. */
  g_assert_nonnull (strstr (text, "\n\nAttendance: when you enter and leave the conference room, the club "
                                  "records it with your name, so that the minutes can show who took part "
                                  "and that the assembly had a quorum. The record is deleted after 12 "
                                  "months.\n\n"));
  g_assert_null (strchr (text, '{'));
  g_assert_null (strstr (text, "\n\n\n"));

  bv_meeting_set_venue (meeting, "Vereinsheim, Am Sportplatz 3");
  context.participation = "Abstimmung per Umfrage im Konferenzraum.";
  context.attendance_months = 6;
  hybrid = bv_invitation_render (bv_invitation_assembly_template (), meeting, NAME, "L", &context);
  g_assert_nonnull (strstr (hybrid, "\nWhere: hybrid, at Vereinsheim, Am Sportplatz 3 or online\n"));
  g_assert_nonnull (strstr (hybrid, "\n\nAbstimmung per Umfrage im Konferenzraum.\n\n"));
  g_assert_null (strstr (hybrid, "§ 32 Abs. 2 BGB"));
  g_assert_nonnull (strstr (hybrid, "The record is deleted after 6 months."));

  /* Without items the agenda's paragraph goes, with no gap left. */
  bv_meeting_set_agenda (meeting, NULL);
  empty = bv_invitation_render (bv_invitation_assembly_template (), meeting, NAME, "L", &context);
  g_assert_null (strstr (empty, "Agenda"));
  g_assert_null (strstr (empty, "\n\n\n"));
  g_assert_nonnull (strstr (empty, "or online\n\nAbstimmung"));
}

/* The PIN printed in an invitation is the one the room really gets, and
 * the number is the one the server names; without a known number the
 * text has no telephone line. */
/* Each member is greeted as chosen in the member dialog, formally by the
 * last name or informally by the first; guests and members without a
 * choice neutrally with the full name. {first_name} and {last_name} fill
 * a template of one's own. */
static void
test_greeting (void)
{
  g_autoptr(BvDatabase) database = open_database ();
  g_autoptr(BvMeeting) meeting = new_meeting (NULL);
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GError) error = NULL;
  struct {
    const char *first, *last;
    BvMemberSalutation salutation;
    const char *greeting;
  } people[] = {
    { "Brigitte", "Schäfer", BV_MEMBER_SALUTATION_FEMALE, "Dear Ms Schäfer,\n" },
    { "Klaus Dieter", "Wagner", BV_MEMBER_SALUTATION_MALE, "Dear Mr Wagner,\n" },
    { "Anna", "Becker", BV_MEMBER_SALUTATION_INFORMAL, "Hi Anna,\n" },
    { "Zoë", "Fischer", BV_MEMBER_SALUTATION_NEUTRAL, "Hello Zoë Fischer,\n" },
    /* Nothing to greet formally or informally with: neutral. */
    { "Cher", "", BV_MEMBER_SALUTATION_FEMALE, "Hello Cher,\n" },
  };
  guint checked = 0;

  g_assert_true (bv_database_save_meeting (database, meeting, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(BvMember) member = bv_member_new ();
      g_autoptr(BvParticipant) participant = NULL;

      bv_member_set_names (member, people[i].first, people[i].last);
      bv_member_set_salutation (member, people[i].salutation);
      g_assert_true (bv_database_save_member (database, member, &error));
      g_assert_no_error (error);
      participant = bv_participant_new_member (bv_meeting_get_id (meeting), bv_member_get_id (member),
                                               BV_PARTICIPANT_ROLE_PARTICIPANT);
      g_assert_true (bv_database_add_participant (database, participant, &error));
      g_assert_no_error (error);
    }
  {
    g_autoptr(BvParticipant) guest = bv_participant_new_guest (bv_meeting_get_id (meeting), "Heinz Gast",
                                                               NULL, BV_PARTICIPANT_ROLE_PARTICIPANT);

    g_assert_true (bv_database_add_participant (database, guest, &error));
    g_assert_no_error (error);
  }

  participants = bv_database_list_participants (database, bv_meeting_get_id (meeting));
  g_assert_cmpuint (participants->len, ==, G_N_ELEMENTS (people) + 1);
  for (guint i = 0; i < participants->len; i++)
    {
      BvParticipant *participant = g_ptr_array_index (participants, i);
      g_autofree char *text = bv_invitation_render_for (NULL, meeting, participant, "L", &full_context);
      g_autofree char *own = bv_invitation_render_for ("{first_name}|{last_name}|{greeting}", meeting,
                                                       participant, "L", NULL);
      const char *expected = NULL;
      g_autofree char *expected_own = NULL;

      if (bv_participant_is_guest (participant))
        expected = "Hello Heinz Gast,\n";
      for (guint j = 0; !expected && j < G_N_ELEMENTS (people); j++)
        if (g_str_equal (bv_participant_get_last_name (participant), people[j].last)
            && g_str_equal (bv_participant_get_first_name (participant), people[j].first))
          expected = people[j].greeting;
      g_assert_nonnull (expected);
      g_assert_true (g_str_has_prefix (text, expected));
      g_assert_cmpuint (bv_participant_get_salutation (participant), ==,
                        bv_participant_is_guest (participant) ? BV_MEMBER_SALUTATION_NEUTRAL
                        : bv_participant_get_salutation (participant));

      expected_own = g_strdup_printf ("%s|%s|%.*s", bv_participant_get_first_name (participant),
                                      bv_participant_get_last_name (participant),
                                      (int) strlen (expected) - 2, expected);
      g_assert_cmpstr (own, ==, expected_own);
      checked++;
    }
  g_assert_cmpuint (checked, ==, G_N_ELEMENTS (people) + 1);

  /* Only a name: neutral, with the name split for the template. */
  {
    g_autofree char *text = bv_invitation_render ("{greeting}|{first_name}|{last_name}", meeting,
                                                  "Anna Maria Becker", "L", NULL);

    g_assert_cmpstr (text, ==, "Hello Anna Maria Becker|Anna Maria|Becker");
  }
}

static void
test_dial_in (void)
{
  g_autoptr(BvServer) server = new_server ("3.0.19");
  g_autoptr(BvMeeting) meeting = new_meeting (server);
  g_autoptr(BvBbbClient) client = open_client (server);
  g_autoptr(BvBbbQuery) query = bv_join_build_create_query (meeting);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbMeeting) room = NULL;
  g_autofree char *info = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autofree char *bare = NULL;
  BvInvitationContext context = full_context;
  char pin[BV_INVITATION_PIN_SIZE];
  const char *at;

  bv_invitation_context_set_dial_in (&context, server, meeting, pin);
  g_assert_null (context.dial_number);
  g_assert_null (context.voice_bridge);
  bare = bv_invitation_render (NULL, meeting, NAME, "L", &context);
  g_assert_null (strstr (bare, "telephone"));

  bv_bbb_client_create_async (client, query, NULL, NULL, result_cb, &result);
  room = bv_bbb_client_create_finish (client, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  bv_join_note_dial_number (server, room);
  g_assert_cmpstr (bv_server_get_dial_number (server), ==, "+49 631 00000000");

  bv_invitation_context_set_dial_in (&context, server, meeting, pin);
  g_assert_cmpstr (context.dial_number, ==, "+49 631 00000000");
  info = get_meeting_info (bv_meeting_get_bbb_meeting_id (meeting));
  g_assert_nonnull (info);
  expected = g_strdup_printf ("<voiceBridge>%s</voiceBridge>", context.voice_bridge);
  g_assert_nonnull (strstr (info, expected));

  text = bv_invitation_render (NULL, meeting, NAME, "L", &context);
  at = strstr (text, "By telephone: call +49 631 00000000 and enter the PIN ");
  g_assert_nonnull (at);
  g_assert_nonnull (strstr (at, pin));
}

static void
test_describe_when (void)
{
  g_autoptr(BvMeeting) meeting = new_meeting (NULL);
  g_autofree char *once = NULL;
  g_autofree char *weekly = NULL;
  g_autofree char *biweekly = NULL;
  g_autofree char *monthly = NULL;
  g_autofree char *monthly_day = NULL;
  g_autofree char *custom = NULL;
  g_autofree char *text = NULL;

  once = bv_invitation_describe_when (meeting);
  g_assert_cmpstr (once, ==, "Tuesday, 1 December 2026, 19:30");

  bv_meeting_set_rrule (meeting, "FREQ=WEEKLY;BYDAY=TU");
  weekly = bv_invitation_describe_when (meeting);
  /* The series began before today: its next date follows. */
  g_assert_true (g_str_has_prefix (weekly, "every Tuesday, 19:30, next on "));
  text = bv_invitation_render (NULL, meeting, "x", "L", NULL);
  g_assert_nonnull (strstr (text, "When: every Tuesday, 19:30, next on "));

  bv_meeting_set_rrule (meeting, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU");
  biweekly = bv_invitation_describe_when (meeting);
  g_assert_nonnull (strstr (biweekly, "Tuesday"));
  g_assert_nonnull (strstr (biweekly, "19:30"));
  g_assert_true (strstr (biweekly, "2 weeks") || strstr (biweekly, "other"));

  bv_meeting_set_rrule (meeting, "FREQ=MONTHLY;BYDAY=1TU");
  monthly = bv_invitation_describe_when (meeting);
  g_assert_nonnull (strstr (monthly, "first Tuesday"));
  g_assert_nonnull (strstr (monthly, "19:30"));

  bv_meeting_set_rrule (meeting, "FREQ=MONTHLY;BYMONTHDAY=1");
  monthly_day = bv_invitation_describe_when (meeting);
  g_assert_nonnull (strstr (monthly_day, "1"));
  g_assert_nonnull (strstr (monthly_day, "month"));
  g_assert_nonnull (strstr (monthly_day, "19:30"));

  /* A rule too unusual for words: the next date. */
  bv_meeting_set_start (meeting, "2030-01-01T19:30:00", "Europe/Berlin");
  bv_meeting_set_rrule (meeting, "FREQ=YEARLY;BYWEEKNO=1,20;BYDAY=TU");
  custom = bv_invitation_describe_when (meeting);
  g_assert_nonnull (strstr (custom, "19:30"));
  g_assert_null (strstr (custom, "custom"));
  g_test_message ("biweekly: %s; monthly: %s; by day: %s; custom: %s",
                  biweekly, monthly, monthly_day, custom);
}

/* A series says when it starts ("every first Monday …, first on 2
 * January 2090"), or when it next meets once it has begun; the link
 * stands on a line of its own under its introduction. */
static void
test_series_first_date (void)
{
  g_autoptr(BvMeeting) meeting = new_meeting (NULL);
  g_autofree char *when = NULL;
  g_autofree char *past = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) next = NULL;
  g_autofree char *next_text = NULL;
  int year, month, day;
  const char *at;

  bv_meeting_set_start (meeting, "2090-01-02T19:30:00", "Europe/Berlin");
  bv_meeting_set_rrule (meeting, "FREQ=MONTHLY;BYDAY=1MO");
  when = bv_invitation_describe_when (meeting);
  g_assert_cmpstr (when, ==, "every first Monday of the month, 19:30, first on 2 January 2090");

  text = bv_invitation_render (NULL, meeting, "Anna", "https://bbb.example.org/join?x=1", NULL);
  g_assert_nonnull (strstr (text, "When: every first Monday of the month, 19:30, first on 2 January 2090\n"));
  g_assert_nonnull (strstr (text, "\nYour personal access (please do not pass it on):\n"
                                  "https://bbb.example.org/join?x=1\n"));

  /* Begun in 2020: the next Monday that is the first of its month, after now. */
  bv_meeting_set_start (meeting, "2020-06-01T19:30:00", "Europe/Berlin");
  past = bv_invitation_describe_when (meeting);
  g_assert_true (g_str_has_prefix (past, "every first Monday of the month, 19:30, next on "));
  at = past + strlen ("every first Monday of the month, 19:30, next on ");
  next_text = g_strdup (at);
  g_assert_cmpint (sscanf (next_text, "%d", &day), ==, 1);
  g_assert_cmpint (day, >=, 1);
  g_assert_cmpint (day, <=, 7);
  year = atoi (strrchr (next_text, ' ') + 1);
  month = 0;
  for (int m = 1; m <= 12; m++)
    {
      g_autoptr(GDateTime) probe = g_date_time_new_local (2000, m, 1, 0, 0, 0);
      g_autofree char *name = g_date_time_format (probe, "%B");

      if (strstr (next_text, name))
        month = m;
    }
  g_assert_cmpint (month, >, 0);
  next = g_date_time_new_local (year, month, day, 19, 30, 0);
  g_assert_cmpint (g_date_time_get_day_of_week (next), ==, 1);
  g_assert_cmpint (g_date_time_compare (next, now), >, 0);
  g_assert_cmpint (g_date_time_difference (next, now), <, (GTimeSpan) 40 * G_TIME_SPAN_DAY);
}

/* tests: mailto */

static void
test_mailto (void)
{
  const char *subject = "Einladung: Übung & Spaß? 50% + #1";
  const char *body = "Hallo Jürgen,\nLink: https://x.example/join?a=1&b=2+3#frag\r\nGrüße\n";
  const char *crlf_body = "Hallo Jürgen,\r\nLink: https://x.example/join?a=1&b=2+3#frag\r\nGrüße\r\n";
  g_autofree char *uri = bv_invitation_mailto_uri ("jürgen.müller@example.org", subject, body);
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *to = NULL;
  g_autofree char *subject_back = NULL;
  g_autofree char *body_back = NULL;
  const char *query;
  g_auto(GStrv) pairs = NULL;

  g_assert_true (g_str_has_prefix (uri, "mailto:j%C3%BCrgen.m%C3%BCller@example.org?subject="));
  /* Nothing unencoded that a mail program could misread. */
  query = strchr (uri, '?') + 1;
  for (const char *c = query; *c; c++)
    g_assert_true (g_ascii_isalnum (*c) || strchr ("%-._~=&", *c));
  g_assert_nonnull (strstr (uri, "%C3%9C"));   /* Ü */
  g_assert_nonnull (strstr (uri, "%0D%0A"));
  g_assert_null (strstr (uri, "%0A%0D"));
  g_assert_nonnull (strstr (uri, "%26"));
  g_assert_nonnull (strstr (uri, "%3F"));
  g_assert_nonnull (strstr (uri, "%2B"));
  g_assert_nonnull (strstr (uri, "%23"));
  g_assert_nonnull (strstr (uri, "%25"));
  g_assert_nonnull (strstr (uri, "%20"));
  g_assert_null (strchr (query, '+'));
  g_assert_null (strchr (uri, ' '));

  pairs = g_strsplit (query, "&", -1);
  g_assert_cmpuint (g_strv_length (pairs), ==, 2);
  g_assert_true (g_str_has_prefix (pairs[0], "subject="));
  g_assert_true (g_str_has_prefix (pairs[1], "body="));
  subject_back = g_uri_unescape_string (pairs[0] + strlen ("subject="), NULL);
  body_back = g_uri_unescape_string (pairs[1] + strlen ("body="), NULL);
  g_assert_cmpstr (subject_back, ==, subject);
  g_assert_cmpstr (body_back, ==, crlf_body);

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_scheme (parsed), ==, "mailto");
  to = g_uri_unescape_string (g_uri_get_path (parsed), NULL);
  g_assert_cmpstr (to, ==, "jürgen.müller@example.org");
}

/* tests: mail merge */

/* Python's csv module reads the file; each row comes back as one line of
 * its fields' UTF-8 bytes in hex, so nothing is lost on the way. */
static GPtrArray *
python_read_csv (const char *path)
{
  const char *argv[] = {
    "/usr/bin/python3", "-c",
    "import csv, sys\n"
    "with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n"
    "    for row in csv.reader(f, delimiter=';', strict=True):\n"
    "        print(' '.join(field.encode('utf-8').hex() for field in row))\n",
    path, NULL
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] && *lines[i]; i++)
    {
      g_auto(GStrv) hex = g_strsplit (lines[i], " ", -1);
      GStrvBuilder *builder = g_strv_builder_new ();

      for (guint j = 0; hex[j]; j++)
        {
          gsize len = strlen (hex[j]) / 2;
          g_autofree char *field = g_malloc0 (len + 1);

          for (gsize k = 0; k < len; k++)
            field[k] = (char) (g_ascii_xdigit_value (hex[j][2 * k]) * 16
                               + g_ascii_xdigit_value (hex[j][2 * k + 1]));
          g_strv_builder_add (builder, field);
        }
      g_ptr_array_add (rows, g_strv_builder_end (builder));
      g_strv_builder_unref (builder);
    }
  return rows;
}

static void
test_merge_csv (void)
{
  g_autoptr(BvMeeting) meeting = new_meeting (NULL);
  g_autoptr(GPtrArray) participants = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "merge.csv", NULL);
  const char *names[] = { "Müller; Jürgen", "Erika \"Eri\" Musterfrau", "Zeilen\numbruch",
                          "=HYPERLINK(\"https://evil.example/\";\"Klick\")", "@SUM(1+1)",
                          "+49 631 1234", "-1+1", NULL };
  const char *header[] = { "Name", "E-mail", "Role", "Link", "Date", "Title", "Subject", "Text", NULL };

  bv_meeting_set_rrule (meeting, "FREQ=WEEKLY;BYDAY=TU");
  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *email = g_strdup_printf ("p%u@example.org", i);

      g_ptr_array_add (participants,
                       bv_participant_new_guest (bv_meeting_get_id (meeting), names[i], email,
                                                 i == 0 ? BV_PARTICIPANT_ROLE_MODERATOR
                                                        : BV_PARTICIPANT_ROLE_PARTICIPANT));
      g_ptr_array_add (links, g_strdup_printf ("https://bbb.example.org/join?n=%u&a=b;c\"d", i));
    }

  csv = bv_invitation_merge_csv (meeting, participants, links, NULL, &full_context);
  g_assert_true (g_str_has_prefix (csv, "\xef\xbb\xbf" "Name;E-mail;Role;Link;Date;Title;Subject;Text\r\n"));
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  g_assert_true (g_utf8_validate (csv, -1, NULL));
  g_assert_true (g_file_set_contents (path, csv, -1, &error));
  g_assert_no_error (error);

  rows = python_read_csv (path);
  g_assert_cmpuint (rows->len, ==, 1 + participants->len);
  g_assert_true (g_strv_equal ((const char * const *) g_ptr_array_index (rows, 0), header));

  for (guint i = 0; names[i]; i++)
    {
      char **row = g_ptr_array_index (rows, i + 1);
      g_autofree char *email = g_strdup_printf ("p%u@example.org", i);
      g_autofree char *text = bv_invitation_render (NULL, meeting, names[i],
                                                    g_ptr_array_index (links, i), &full_context);

      g_assert_cmpuint (g_strv_length (row), ==, 8);
      if (strchr ("=@+-", names[i][0]))
        {
          /* A formula stays text for spreadsheets: a leading apostrophe. */
          g_autofree char *quoted = g_strconcat ("'", names[i], NULL);

          g_assert_cmpstr (row[0], ==, quoted);
        }
      else
        g_assert_cmpstr (row[0], ==, names[i]);
      g_assert_cmpstr (row[1], ==, email);
      g_assert_cmpstr (row[2], ==, i == 0 ? "Leads" : "Takes part");
      g_assert_cmpstr (row[3], ==, g_ptr_array_index (links, i));
      g_assert_true (g_str_has_prefix (row[4], "every Tuesday, 19:30, "));
      g_assert_cmpstr (row[5], ==, TITLE);
      g_assert_cmpstr (row[6], ==, "Invitation: " TITLE);
      g_assert_cmpstr (row[7], ==, text);
      g_assert_nonnull (strchr (row[7], '\n'));
    }
}

/* tests: calendar files */

static icalcomponent *
parse_calendar (const char *text)
{
  icalcomponent *calendar;

  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\n"));
  g_assert_nonnull (strstr (text, "\r\nEND:VCALENDAR\r\n"));
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  g_assert_nonnull (icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT));
  return calendar;
}

static const char *
text_property (icalcomponent     *event,
               icalproperty_kind  kind)
{
  icalproperty *prop = icalcomponent_get_first_property (event, kind);

  if (!prop)
    return NULL;
  return icalvalue_as_ical_string (icalproperty_get_value (prop)) ? icalproperty_get_value_as_string (prop) : NULL;
}

static void
assert_event (icalcomponent *event,
              BvMeeting     *meeting)
{
  icalproperty *dtstart = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
  icalproperty *dtend = icalcomponent_get_first_property (event, ICAL_DTEND_PROPERTY);
  icalproperty *rrule = icalcomponent_get_first_property (event, ICAL_RRULE_PROPERTY);
  icalparameter *tzid;
  struct icaltimetype start;
  struct icaltimetype end;

  g_assert_cmpint (icalcomponent_isa (event), ==, ICAL_VEVENT_COMPONENT);
  g_assert_nonnull (icalcomponent_get_uid (event));
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, TITLE);

  g_assert_nonnull (dtstart);
  tzid = icalproperty_get_first_parameter (dtstart, ICAL_TZID_PARAMETER);
  g_assert_nonnull (tzid);
  g_assert_cmpstr (icalparameter_get_tzid (tzid), ==, "Europe/Berlin");
  start = icalproperty_get_dtstart (dtstart);
  g_assert_false (icaltime_is_utc (start));
  g_assert_cmpint (start.year, ==, 2026);
  g_assert_cmpint (start.month, ==, 12);
  g_assert_cmpint (start.day, ==, 1);
  g_assert_cmpint (start.hour, ==, 19);
  g_assert_cmpint (start.minute, ==, 30);
  g_assert_nonnull (dtend);
  end = icalproperty_get_dtend (dtend);
  g_assert_cmpint (end.hour, ==, 21);
  g_assert_cmpint (end.minute, ==, 0);

  if (bv_meeting_get_rrule (meeting))
    {
      struct icalrecurrencetype expected = icalrecurrencetype_from_string (bv_meeting_get_rrule (meeting));
      g_autofree char *expected_text = icalrecurrencetype_as_string_r (&expected);
      struct icalrecurrencetype got;
      g_autofree char *got_text = NULL;

      g_assert_nonnull (rrule);
      got = icalproperty_get_rrule (rrule);
      got_text = icalrecurrencetype_as_string_r (&got);
      g_assert_cmpstr (got_text, ==, expected_text);
    }
  else
    g_assert_null (rrule);
}

static void
test_ics (void)
{
  g_autoptr(BvMeeting) meeting = new_meeting (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) exceptions = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_meeting_exception_free);
  const char *link = "https://bbb.example.org/bigbluebutton/api/join?fullName=J%C3%BCrgen&meetingID=abc&role=VIEWER&userID=bv-0123456789abcdef0123456789abcdef&checksum=0f";
  const char *rules[] = { NULL, "FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270601T000000Z",
                          "FREQ=MONTHLY;BYDAY=1TU;COUNT=10" };

  for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
    {
      g_autofree char *personal = NULL;
      g_autofree char *whole = NULL;
      g_autofree char *description = NULL;
      icalcomponent *calendar;
      icalcomponent *event;
      const char *value;

      bv_meeting_set_rrule (meeting, rules[r]);
      description = bv_invitation_render (NULL, meeting, NAME, link, &full_context);

      personal = bv_invitation_build_ics (meeting, link, description, &error);
      g_assert_no_error (error);
      calendar = parse_calendar (personal);
      event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
      g_assert_nonnull (event);
      g_assert_null (icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT));
      assert_event (event, meeting);
      value = text_property (event, ICAL_URL_PROPERTY);
      g_assert_cmpstr (value, ==, link);
      g_assert_cmpstr (icalcomponent_get_location (event), ==, link);
      g_assert_nonnull (strstr (icalcomponent_get_description (event), link));
      g_assert_nonnull (strstr (icalcomponent_get_description (event), NAME));
      icalcomponent_free (calendar);

      whole = bv_invitation_build_ics (meeting, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_null (strstr (whole, "join"));
      g_assert_null (strstr (whole, "bbb.example.org"));
      calendar = parse_calendar (whole);
      event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
      assert_event (event, meeting);
      g_assert_null (icalcomponent_get_first_property (event, ICAL_URL_PROPERTY));
      g_assert_null (icalcomponent_get_first_property (event, ICAL_LOCATION_PROPERTY));
      g_assert_null (icalcomponent_get_first_property (event, ICAL_DESCRIPTION_PROPERTY));
      icalcomponent_free (calendar);
    }

  /* The series' cancelled and moved dates. */
  {
    g_autofree char *text = NULL;
    icalcomponent *calendar;
    icalcomponent *event;
    icalcomponent *moved;
    icalproperty *exdate;
    struct icaltimetype t;

    bv_meeting_set_rrule (meeting, "FREQ=WEEKLY;BYDAY=TU");
    g_ptr_array_add (exceptions, bv_meeting_exception_new ("2026-12-08T19:30:00", TRUE, NULL, 0));
    g_ptr_array_add (exceptions, bv_meeting_exception_new ("2026-12-15T19:30:00", FALSE,
                                                           "2026-12-16T18:00:00", 0));
    text = bv_invitation_build_ics_full (meeting, exceptions, link, NULL, &error);
    g_assert_no_error (error);
    calendar = parse_calendar (text);
    event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
    moved = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT);
    assert_event (event, meeting);
    exdate = icalcomponent_get_first_property (event, ICAL_EXDATE_PROPERTY);
    g_assert_nonnull (exdate);
    t = icalproperty_get_exdate (exdate);
    g_assert_cmpint (t.day, ==, 8);
    g_assert_cmpstr (icalparameter_get_tzid (icalproperty_get_first_parameter (exdate, ICAL_TZID_PARAMETER)),
                     ==, "Europe/Berlin");
    g_assert_nonnull (moved);
    g_assert_cmpstr (icalcomponent_get_uid (moved), ==, icalcomponent_get_uid (event));
    t = icalcomponent_get_recurrenceid (moved);
    g_assert_cmpint (t.day, ==, 15);
    t = icalcomponent_get_dtstart (moved);
    g_assert_cmpint (t.day, ==, 16);
    g_assert_cmpint (t.hour, ==, 18);
    g_assert_cmpstr (icalcomponent_get_location (moved), ==, link);
    icalcomponent_free (calendar);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("bv-invitation-XXXXXX", &error);
  g_assert_no_error (error);
  practice = bv_practice_server_new (SECRET);
  bv_practice_server_start (practice, &error);
  g_assert_no_error (error);

  g_test_add_func ("/core/invitation/link-role", test_link_role);
  g_test_add_func ("/core/invitation/link-old-server-password", test_link_old_server_password);
  g_test_add_func ("/core/invitation/guest-link", test_guest_link);
  g_test_add_func ("/core/invitation/assembly-members-only", test_assembly_members_only);
  g_test_add_func ("/core/invitation/renew", test_renew_links);
  g_test_add_func ("/core/invitation/renew-not-open", test_renew_links_not_open);
  g_test_add_func ("/core/invitation/renew-refused", test_renew_links_refused);
  g_test_add_func ("/core/invitation/render", test_render);
  g_test_add_func ("/core/invitation/greeting", test_greeting);
  g_test_add_func ("/core/invitation/render-assembly", test_render_assembly);
  g_test_add_func ("/core/invitation/dial-in", test_dial_in);
  g_test_add_func ("/core/invitation/describe-when", test_describe_when);
  g_test_add_func ("/core/invitation/series-first-date", test_series_first_date);
  g_test_add_func ("/core/invitation/mailto", test_mailto);
  g_test_add_func ("/core/invitation/merge-csv", test_merge_csv);
  g_test_add_func ("/core/invitation/ics", test_ics);

  status = g_test_run ();

  g_clear_object (&practice);
  bv_test_remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
  return status;
}
