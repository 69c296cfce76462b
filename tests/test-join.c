/* test-join.c
 *
 * The join flow against the practice server, with the real (throw-away)
 * keyring and a stand-in default browser registered through a temporary
 * mimeapps.list: exactly one request, the join URL's parameters, and
 * exactly one URL handed to the browser. Runs in the secret suite's
 * environment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include "bv-bbb-error.h"
#include "bv-bbb-parser.h"
#include "bv-bbb-query.h"
#include "bv-join.h"
#include "bv-practice-server-private.h"
#include "bv-secret-store.h"
#include "bv-test-utils.h"

#define SECRET       "test-join-3f1c2a9b7d6e4c5a8b0f1e2d3c4b5a69"
#define WRONG_SECRET "test-join-wrong-00000000000000000000000000"
#define DISPLAY_NAME "Jürgen Müller"
#define TITLE        "Vorstandssitzung März"

static char             *urls_path;
static char             *browser_path;
static BvPracticeServer *practice;
static BvDatabase       *database;
static BvContext        *context;

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

  bv_secret_store_save_async (server_id, "Join test", secret, NULL, result_cb, &result);
  bv_secret_store_save_finish (bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
}

static void
delete_secret (const char *server_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bv_secret_store_delete_async (server_id, NULL, result_cb, &result);
  bv_secret_store_delete_finish (bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
}

static BvServer *
new_server (const char *checksum,
            const char *detected,
            const char *bbb_version,
            gboolean    load_balancer)
{
  g_autofree char *id = bv_server_generate_id ();
  BvServer *server;

  server = bv_server_new (id, "Join test", bv_practice_server_get_api_url (practice), checksum);
  if (detected || bbb_version || load_balancer)
    bv_server_set_connection_info (server, detected, "2.0", bbb_version, load_balancer,
                                   g_get_real_time () / G_USEC_PER_SEC);
  return server;
}

static BvMeeting *
new_meeting (BvServer *server)
{
  BvMeeting *meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);

  bv_meeting_set_title (meeting, TITLE);
  if (server)
    bv_meeting_set_server_id (meeting, bv_server_get_id (server));
  return meeting;
}

static gboolean
join (BvServer      *server,
      BvMeeting     *meeting,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *user_id = bv_join_get_user_id ();

  bv_join_run_async (context, server, meeting, DISPLAY_NAME, user_id, NULL, cancellable,
                     result_cb, &result);
  return bv_join_run_finish (bv_test_wait_for (&result), error);
}

static void
clear_urls (void)
{
  g_assert_true (g_unlink (urls_path) == 0 || !g_file_test (urls_path, G_FILE_TEST_EXISTS));
}

/* Waits for the browser to get a URL, then for the quiet period: exactly
 * one, never a second. */
static char *
wait_for_one_url (void)
{
  g_auto(GStrv) urls = NULL;

  bv_test_assert_exactly (bv_test_count_lines, urls_path, 1);
  urls = bv_test_read_lines (urls_path);
  return g_strdup (urls[0]);
}

static void
assert_no_url (void)
{
  bv_test_assert_exactly (bv_test_count_lines, urls_path, 0);
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

/* getMeetingInfo signed here with SHA-256. */
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
  char *body = http_get (url, &status);

  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (body, "<returncode>SUCCESS</returncode>"));
  return body;
}

static char *
element_text (const char *xml,
              const char *name)
{
  g_autofree char *open = g_strdup_printf ("<%s>", name);
  g_autofree char *close = g_strdup_printf ("</%s>", name);
  const char *start = strstr (xml, open);
  const char *end;

  g_assert_nonnull (start);
  start += strlen (open);
  end = strstr (start, close);
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

typedef struct
{
  char       *path;
  char       *query;      /* raw, without the checksum pair */
  char       *checksum;
  GHashTable *params;     /* decoded */
} JoinUrl;

static void
join_url_free (JoinUrl *url)
{
  g_free (url->path);
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
  JoinUrl *url = g_new0 (JoinUrl, 1);
  const char *raw_query;
  const char *pair;

  uri = g_uri_parse (text, G_URI_FLAGS_ENCODED, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_scheme (uri), ==, "http");
  g_assert_cmpstr (g_uri_get_host (uri), ==, "127.0.0.1");
  url->path = g_strdup (g_uri_get_path (uri));
  raw_query = g_uri_get_query (uri);
  g_assert_nonnull (raw_query);

  /* The checksum is the last pair and covers everything before it. */
  pair = strstr (raw_query, "&checksum=");
  g_assert_nonnull (pair);
  url->query = g_strndup (raw_query, pair - raw_query);
  url->checksum = g_strdup (pair + strlen ("&checksum="));
  g_assert_null (strchr (url->checksum, '&'));

  url->params = g_uri_parse_params (raw_query, -1, "&", G_URI_PARAMS_WWW_FORM, &error);
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
assert_checksum (JoinUrl             *url,
                 GChecksumType        type,
                 const char          *secret)
{
  g_autofree char *hashed = g_strconcat ("join", url->query, secret, NULL);
  g_autofree char *expected = g_compute_checksum_for_string (type, hashed, -1);

  g_assert_cmpstr (url->checksum, ==, expected);
}

/* The only request was create, signed over exactly the meeting's create
 * query. */
static void
assert_only_create (BvMeeting *meeting)
{
  g_autoptr(BvBbbQuery) query = bv_join_build_create_query (meeting);
  g_autofree char *expected_query = bv_bbb_query_to_string (query);
  g_autofree char *hashed = g_strconcat ("create", expected_query, SECRET, NULL);
  g_autofree char *checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, hashed, -1);
  g_autofree char *expected = g_strconcat (expected_query, "&checksum=", checksum, NULL);
  GPtrArray *queries;

  /* After the join finished and a quiet period: no second create. */
  bv_test_assert_exactly (bv_test_count_requests, practice, 1);
  queries = bv_practice_server_get_raw_queries (practice);
  g_assert_cmpuint (queries->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (queries, 0), ==, expected);
}

/* The browser's part: opening the URL gets into the room (the practice
 * server answers FAILED XML otherwise). */
static void
open_in_stand_in_browser (const char *url)
{
  guint status = 0;
  g_autofree char *body = http_get (url, &status);

  g_assert_cmpuint (status, ==, 200);
  g_assert_null (strstr (body, "FAILED"));
}

static gboolean
join_room (BvServer      *server,
           const char    *bbb_meeting_id,
           const char    *display_name,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bv_join_run_room_async (context, server, bbb_meeting_id, display_name, NULL, NULL, NULL,
                          result_cb, &result);
  return bv_join_run_room_finish (bv_test_wait_for (&result), error);
}

/* The only request was getMeetingInfo for @bbb_id: joining a running
 * room never creates one. */
static void
assert_only_meeting_info (const char *bbb_id)
{
  g_autofree char *encoded = g_uri_escape_string (bbb_id, NULL, FALSE);
  g_autofree char *prefix = g_strconcat ("meetingID=", encoded, "&checksum=", NULL);
  GPtrArray *queries;

  bv_test_assert_exactly (bv_test_count_requests, practice, 1);
  queries = bv_practice_server_get_raw_queries (practice);
  g_assert_cmpuint (queries->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (queries, 0), prefix));
}

/* tests */

static void
test_join_moderator_role (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = new_server ("sha256", "sha256", "3.0.19", FALSE);
  g_autoptr(BvMeeting) meeting = new_meeting (server);
  g_autofree char *user_id = bv_join_get_user_id ();
  g_autofree char *text = NULL;
  g_autofree char *again_text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *create_time = NULL;
  g_autofree char *pin = NULL;
  g_autoptr(JoinUrl) url = NULL;
  g_autoptr(JoinUrl) again = NULL;
  const char *bbb_id = bv_meeting_get_bbb_meeting_id (meeting);

  save_secret (bv_server_get_id (server), SECRET);
  clear_urls ();
  bv_practice_server_reset_log (practice);

  g_assert_true (join (server, meeting, NULL, &error));
  g_assert_no_error (error);
  assert_only_create (meeting);
  text = wait_for_one_url ();

  url = parse_join_url (text);
  g_assert_true (g_str_has_suffix (url->path, "/join"));
  g_assert_true (g_str_has_prefix (text, bv_practice_server_get_api_url (practice)));
  g_assert_cmpstr (param (url, "fullName"), ==, DISPLAY_NAME);
  g_assert_cmpstr (param (url, "meetingID"), ==, bbb_id);
  g_assert_cmpstr (param (url, "role"), ==, "MODERATOR");
  g_assert_null (param (url, "password"));
  g_assert_cmpstr (param (url, "userID"), ==, user_id);
  /* The umlauts as UTF-8, spaces as + (bbb-api.md §2.3). */
  g_assert_true (g_str_has_prefix (url->query, "fullName=J%C3%BCrgen+M%C3%BCller&"));
  assert_checksum (url, G_CHECKSUM_SHA256, SECRET);

  info = get_meeting_info (bbb_id);
  create_time = element_text (info, "createTime");
  g_assert_cmpstr (param (url, "createTime"), ==, create_time);
  /* The room's PIN is the meeting's own, and the server's dial-in number
   * is remembered for invitations. */
  pin = element_text (info, "voiceBridge");
  g_assert_cmpuint ((guint) g_ascii_strtoull (pin, NULL, 10), ==, bv_join_voice_bridge (meeting));
  g_assert_cmpstr (bv_server_get_dial_number (server), ==, "+49 631 00000000");
  g_clear_pointer (&info, g_free);

  open_in_stand_in_browser (text);
  info = get_meeting_info (bbb_id);
  g_assert_nonnull (strstr (info, user_id));
  g_assert_nonnull (strstr (info, "<role>MODERATOR</role>"));
  g_assert_nonnull (strstr (info, DISPLAY_NAME));
  g_assert_null (strstr (info, SECRET));

  /* The room is open now (create answers duplicateWarning): joining again
   * works and keeps the room's createTime. */
  clear_urls ();
  bv_practice_server_reset_log (practice);
  g_assert_true (join (server, meeting, NULL, &error));
  g_assert_no_error (error);
  assert_only_create (meeting);
  again_text = wait_for_one_url ();
  again = parse_join_url (again_text);
  g_assert_cmpstr (param (again, "createTime"), ==, create_time);
  g_assert_cmpstr (param (again, "role"), ==, "MODERATOR");
  assert_checksum (again, G_CHECKSUM_SHA256, SECRET);
  open_in_stand_in_browser (again_text);

  delete_secret (bv_server_get_id (server));
}

/* The Live page joins a room someone else started: getMeetingInfo, no
 * create, the moderator role and the room's createTime in the link. */
static void
test_join_running_room (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = new_server ("sha256", "sha256", "3.0.19", FALSE);
  g_autoptr(BvServer) old_server = NULL;
  g_autoptr(BvMeeting) meeting = new_meeting (server);
  g_autofree char *first = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *create_time = NULL;
  g_autoptr(JoinUrl) url = NULL;
  g_autoptr(JoinUrl) old_url = NULL;
  const char *bbb_id = bv_meeting_get_bbb_meeting_id (meeting);

  save_secret (bv_server_get_id (server), SECRET);

  /* Someone starts the room. */
  clear_urls ();
  g_assert_true (join (server, meeting, NULL, &error));
  g_assert_no_error (error);
  first = wait_for_one_url ();
  open_in_stand_in_browser (first);
  info = get_meeting_info (bbb_id);
  create_time = element_text (info, "createTime");

  clear_urls ();
  bv_practice_server_reset_log (practice);
  g_assert_true (join_room (server, bbb_id, "Kassenwartin", &error));
  g_assert_no_error (error);
  assert_only_meeting_info (bbb_id);
  text = wait_for_one_url ();
  url = parse_join_url (text);
  g_assert_true (g_str_has_suffix (url->path, "/join"));
  g_assert_cmpstr (param (url, "fullName"), ==, "Kassenwartin");
  g_assert_cmpstr (param (url, "meetingID"), ==, bbb_id);
  g_assert_cmpstr (param (url, "role"), ==, "MODERATOR");
  g_assert_null (param (url, "password"));
  g_assert_cmpstr (param (url, "createTime"), ==, create_time);
  assert_checksum (url, G_CHECKSUM_SHA256, SECRET);
  open_in_stand_in_browser (text);
  g_clear_pointer (&info, g_free);
  info = get_meeting_info (bbb_id);
  g_assert_nonnull (strstr (info, "Kassenwartin"));

  /* Before 2.4 the room's moderator password, as getMeetingInfo tells it. */
  old_server = new_server ("auto", "sha256", "2.3", FALSE);
  save_secret (bv_server_get_id (old_server), SECRET);
  clear_urls ();
  bv_practice_server_reset_log (practice);
  g_assert_true (join_room (old_server, bbb_id, NULL, &error));
  g_assert_no_error (error);
  assert_only_meeting_info (bbb_id);
  g_clear_pointer (&text, g_free);
  text = wait_for_one_url ();
  old_url = parse_join_url (text);
  g_assert_null (param (old_url, "role"));
  g_assert_cmpstr (param (old_url, "password"), ==, bv_meeting_get_moderator_password (meeting));
  /* No name given: the user's own. */
  g_assert_nonnull (param (old_url, "fullName"));
  g_assert_cmpstr (param (old_url, "fullName"), !=, "");
  open_in_stand_in_browser (text);

  delete_secret (bv_server_get_id (old_server));
  delete_secret (bv_server_get_id (server));
}

/* The room ended between the list and the click: advice, no browser. */
static void
test_join_ended_room (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = new_server ("sha256", "sha256", "3.0.19", FALSE);

  save_secret (bv_server_get_id (server), SECRET);
  clear_urls ();
  bv_practice_server_reset_log (practice);
  g_assert_false (join_room (server, "not-running-any-more", NULL, &error));
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "This meeting has ended in the meantime. Refresh the list to see what is "
                   "running now.");
  assert_no_url ();
  delete_secret (bv_server_get_id (server));
}

static void
test_join_old_server_password (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = new_server ("auto", "sha256", "2.3", FALSE);
  g_autoptr(BvMeeting) meeting = new_meeting (server);
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autoptr(JoinUrl) url = NULL;

  g_assert_nonnull (bv_meeting_get_moderator_password (meeting));
  save_secret (bv_server_get_id (server), SECRET);
  clear_urls ();
  bv_practice_server_reset_log (practice);

  g_assert_true (join (server, meeting, NULL, &error));
  g_assert_no_error (error);
  assert_only_create (meeting);
  text = wait_for_one_url ();
  url = parse_join_url (text);
  g_assert_cmpstr (param (url, "password"), ==, bv_meeting_get_moderator_password (meeting));
  g_assert_null (param (url, "role"));
  g_assert_nonnull (param (url, "createTime"));
  assert_checksum (url, G_CHECKSUM_SHA256, SECRET);

  open_in_stand_in_browser (text);
  info = get_meeting_info (bv_meeting_get_bbb_meeting_id (meeting));
  g_assert_nonnull (strstr (info, "<role>MODERATOR</role>"));

  delete_secret (bv_server_get_id (server));
}

static void
test_join_load_balancer_role (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = new_server ("sha256", "sha256", NULL, TRUE);
  g_autoptr(BvMeeting) meeting = new_meeting (server);
  g_autofree char *text = NULL;
  g_autoptr(JoinUrl) url = NULL;

  save_secret (bv_server_get_id (server), SECRET);
  clear_urls ();

  g_assert_true (join (server, meeting, NULL, &error));
  g_assert_no_error (error);
  text = wait_for_one_url ();
  url = parse_join_url (text);
  g_assert_cmpstr (param (url, "role"), ==, "MODERATOR");
  g_assert_null (param (url, "password"));

  delete_secret (bv_server_get_id (server));
}

/* Never tested: the chosen algorithm signs, and the unknown version gets
 * the password that works everywhere. */
static void
test_join_chosen_algorithm (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = new_server ("sha512", NULL, NULL, FALSE);
  g_autoptr(BvMeeting) meeting = new_meeting (server);
  g_autofree char *text = NULL;
  g_autoptr(JoinUrl) url = NULL;

  save_secret (bv_server_get_id (server), SECRET);
  clear_urls ();

  g_assert_true (join (server, meeting, NULL, &error));
  g_assert_no_error (error);
  text = wait_for_one_url ();
  url = parse_join_url (text);
  g_assert_cmpuint (strlen (url->checksum), ==, 128);
  assert_checksum (url, G_CHECKSUM_SHA512, SECRET);
  g_assert_cmpstr (param (url, "password"), ==, bv_meeting_get_moderator_password (meeting));
  open_in_stand_in_browser (text);

  delete_secret (bv_server_get_id (server));
}

static void
test_join_wrong_secret (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = new_server ("sha256", "sha256", "3.0.19", FALSE);
  g_autoptr(BvMeeting) meeting = new_meeting (server);

  save_secret (bv_server_get_id (server), WRONG_SECRET);
  clear_urls ();
  bv_practice_server_reset_log (practice);

  g_assert_false (join (server, meeting, NULL, &error));
  g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_CHECKSUM);
  g_assert_null (strstr (error->message, WRONG_SECRET));
  bv_test_assert_exactly (bv_test_count_requests, practice, 1);
  assert_no_url ();

  delete_secret (bv_server_get_id (server));
}

static void
test_join_no_secret (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = new_server ("sha256", "sha256", "3.0.19", FALSE);
  g_autoptr(BvMeeting) meeting = new_meeting (server);

  clear_urls ();
  bv_practice_server_reset_log (practice);

  g_assert_false (join (server, meeting, NULL, &error));
  g_assert_error (error, BV_SECRET_ERROR, BV_SECRET_ERROR_NOT_FOUND);
  assert_no_url ();
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, 0);
}

static void
test_join_no_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = new_server ("sha256", "sha256", "3.0.19", FALSE);
  g_autoptr(BvMeeting) meeting = new_meeting (NULL);
  g_autoptr(BvMeeting) orphan = new_meeting (server);

  clear_urls ();
  bv_practice_server_reset_log (practice);

  g_assert_false (join (server, meeting, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "This meeting has no conference server. Choose one in the meeting’s settings.");
  g_clear_error (&error);

  /* The meeting's server was removed. */
  g_assert_false (join (NULL, orphan, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  assert_no_url ();
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, 0);
}

static void
test_join_cancelled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = new_server ("sha256", "sha256", "3.0.19", FALSE);
  g_autoptr(BvMeeting) meeting = new_meeting (server);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  save_secret (bv_server_get_id (server), SECRET);
  clear_urls ();
  bv_practice_server_reset_log (practice);

  g_cancellable_cancel (cancellable);
  g_assert_false (join (server, meeting, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_no_url ();
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, 0);

  delete_secret (bv_server_get_id (server));
}

/* The browser cannot start: a sentence that says what to do, and nothing
 * is retried. */
static void
test_join_no_browser (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = new_server ("sha256", "sha256", "3.0.19", FALSE);
  g_autoptr(BvMeeting) meeting = new_meeting (server);

  save_secret (bv_server_get_id (server), SECRET);
  clear_urls ();
  bv_practice_server_reset_log (practice);
  g_assert_cmpint (g_chmod (browser_path, 0600), ==, 0);

  g_assert_false (join (server, meeting, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "No web browser could be opened."));
  g_assert_null (strstr (error->message, "checksum"));
  assert_only_create (meeting);
  assert_no_url ();

  g_assert_cmpint (g_chmod (browser_path, 0700), ==, 0);
  delete_secret (bv_server_get_id (server));
}

static void
test_user_id (void)
{
  g_autofree char *first = bv_join_get_user_id ();
  g_autofree char *second = bv_join_get_user_id ();
  g_autofree char *machine_id = NULL;

  g_assert_nonnull (first);
  g_assert_cmpstr (first, ==, second);
  g_assert_true (first != second);
  g_assert_true (g_str_has_prefix (first, "bv-"));
  g_assert_cmpuint (strlen (first), ==, 3 + 32);
  for (const char *p = first + 3; *p; p++)
    g_assert_true (g_ascii_isxdigit (*p) && !g_ascii_isupper (*p));
  g_assert_null (strstr (first, g_get_user_name ()));
  if (g_file_get_contents ("/etc/machine-id", &machine_id, NULL, NULL))
    {
      g_strstrip (machine_id);
      if (strlen (machine_id) >= 8)
        {
          machine_id[8] = '\0';
          g_assert_null (strstr (first, machine_id));
        }
    }
}

static void
test_create_query (void)
{
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_COURSE);
  g_autoptr(BvBbbQuery) query = NULL;
  g_autoptr(BvBbbQuery) plain = NULL;
  g_autofree char *string = NULL;
  g_autofree char *password_pair = NULL;
  g_autofree char *encoded_password = NULL;
  g_autofree char *expected_welcome = NULL;
  g_autoptr(BvBbbQuery) locked = NULL;
  g_autoptr(BvBbbQuery) notice_only = NULL;

  bv_meeting_set_title (meeting, "Yoga & Rücken: Kurs für Anfänger");
  bv_meeting_set_welcome (meeting, "Willkommen!\r\nBitte <Mikro> aus & \"Kamera\" an.\n\tDanke");
  bv_meeting_set_record (meeting, TRUE);
  bv_meeting_set_guest_policy (meeting, "ASK_MODERATOR");
  bv_meeting_set_mute_on_start (meeting, TRUE);
  bv_meeting_set_webcams_only_for_moderator (meeting, TRUE);
  bv_meeting_set_max_participants (meeting, 25);

  query = bv_join_build_create_query (meeting);
  g_assert_cmpstr (bv_bbb_query_get (query, "meetingID"), ==, bv_meeting_get_bbb_meeting_id (meeting));
  g_assert_cmpstr (bv_bbb_query_get (query, "name"), ==, "Yoga & Rücken: Kurs für Anfänger");
  g_assert_cmpstr (bv_bbb_query_get (query, "attendeePW"), ==, bv_meeting_get_attendee_password (meeting));
  g_assert_cmpstr (bv_bbb_query_get (query, "moderatorPW"), ==, bv_meeting_get_moderator_password (meeting));
  g_assert_cmpstr (bv_bbb_query_get (query, "attendeePW"), !=, bv_bbb_query_get (query, "moderatorPW"));
  g_assert_cmpstr (bv_bbb_query_get (query, "record"), ==, "true");
  /* Recording is on, so everyone reads the default notice after the
   * welcome text. */
  expected_welcome = g_strconcat ("Willkommen!<br>Bitte &lt;Mikro&gt; aus &amp; &quot;Kamera&quot; an.<br> Danke<br><br>",
                                  bv_meeting_default_recording_notice (), NULL);
  g_assert_cmpstr (bv_bbb_query_get (query, "welcome"), ==, expected_welcome);
  g_assert_null (bv_bbb_query_get (query, "lockSettingsDisableCam"));
  g_assert_cmpstr (bv_bbb_query_get (query, "guestPolicy"), ==, "ASK_MODERATOR");
  g_assert_cmpstr (bv_bbb_query_get (query, "muteOnStart"), ==, "true");
  g_assert_cmpstr (bv_bbb_query_get (query, "webcamsOnlyForModerator"), ==, "true");
  g_assert_cmpstr (bv_bbb_query_get (query, "maxParticipants"), ==, "25");
  g_assert_cmpstr (bv_bbb_query_get (query, "meta_bbb-origin"), ==, "bbb-vereine");
  g_assert_cmpstr (bv_bbb_query_get (query, "meta_bbb-origin-version"), ==, PACKAGE_VERSION);
  g_assert_null (bv_bbb_query_get (query, "duration"));

  /* What goes over the wire: Java URLEncoder rules, no control characters. */
  string = bv_bbb_query_to_string (query);
  g_assert_true (g_str_has_prefix (string, "meetingID="));
  g_assert_nonnull (strstr (string, "&name=Yoga+%26+R%C3%BCcken%3A+Kurs+f%C3%BCr+Anf%C3%A4nger&"));
  g_assert_nonnull (strstr (string, "&welcome=Willkommen%21%3Cbr%3EBitte+%26lt%3BMikro%26gt%3B+aus+"
                                    "%26amp%3B+%26quot%3BKamera%26quot%3B+an.%3Cbr%3E+Danke%3Cbr%3E%3Cbr%3E"));
  g_assert_nonnull (strstr (string, "&record=true&"));
  g_assert_nonnull (strstr (string, "&guestPolicy=ASK_MODERATOR&"));
  g_assert_nonnull (strstr (string, "&maxParticipants=25&"));
  g_assert_nonnull (strstr (string, "&meta_bbb-origin=bbb-vereine&"));
  encoded_password = bv_bbb_encode (bv_meeting_get_moderator_password (meeting));
  password_pair = g_strconcat ("&moderatorPW=", encoded_password, "&", NULL);
  g_assert_nonnull (strstr (string, password_pair));
  for (const char *p = string; *p; p++)
    g_assert_true ((guchar)*p > 0x20 && (guchar)*p < 0x7f);

  /* Privacy-safe defaults are sent explicitly; no limit means no limit. */
  bv_meeting_set_record (meeting, FALSE);
  bv_meeting_set_max_participants (meeting, 0);
  bv_meeting_set_welcome (meeting, NULL);
  plain = bv_join_build_create_query (meeting);
  g_assert_cmpstr (bv_bbb_query_get (plain, "record"), ==, "false");
  g_assert_null (bv_bbb_query_get (plain, "maxParticipants"));
  g_assert_null (bv_bbb_query_get (plain, "welcome"));

  /* A notice of the meeting's own replaces the default, also without a
   * welcome text. */
  bv_meeting_set_record (meeting, TRUE);
  bv_meeting_set_recording_notice (meeting, "Wir zeichnen auf & veröffentlichen nichts.");
  notice_only = bv_join_build_create_query (meeting);
  g_assert_cmpstr (bv_bbb_query_get (notice_only, "welcome"), ==, "Wir zeichnen auf &amp; veröffentlichen nichts.");

  /* Restrictions: each bit its own parameter, locked from the first join. */
  bv_meeting_set_locks (meeting, BV_MEETING_LOCK_WEBCAM | BV_MEETING_LOCK_SHARED_NOTES | BV_MEETING_LOCK_USER_LIST);
  locked = bv_join_build_create_query (meeting);
  g_assert_cmpstr (bv_bbb_query_get (locked, "lockSettingsDisableCam"), ==, "true");
  g_assert_cmpstr (bv_bbb_query_get (locked, "lockSettingsDisableMic"), ==, "false");
  g_assert_cmpstr (bv_bbb_query_get (locked, "lockSettingsDisablePrivateChat"), ==, "false");
  g_assert_cmpstr (bv_bbb_query_get (locked, "lockSettingsDisablePublicChat"), ==, "false");
  g_assert_cmpstr (bv_bbb_query_get (locked, "lockSettingsDisableNote"), ==, "true");
  g_assert_cmpstr (bv_bbb_query_get (locked, "lockSettingsDisableNotes"), ==, "true");
  g_assert_cmpstr (bv_bbb_query_get (locked, "lockSettingsHideUserList"), ==, "true");
  g_assert_cmpstr (bv_bbb_query_get (locked, "lockSettingsLockOnJoin"), ==, "true");
}

static char *
write_file (const char *dir,
            const char *name,
            gsize       size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = g_malloc (size);
  char *path = g_build_filename (dir, name, NULL);

  for (gsize i = 0; i < size; i++)
    contents[i] = (char)(i * 7 + 3);
  g_assert_true (g_file_set_contents (path, contents, size, &error));
  g_assert_no_error (error);
  return path;
}

/* Slides travel inside the one create request; the server gets them in
 * order under their names. */
static void
test_join_slides (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = new_server ("sha256", "sha256", "3.0.19", FALSE);
  g_autoptr(BvMeeting) meeting = new_meeting (server);
  g_autofree char *dir = g_dir_make_tmp ("bv-slides-XXXXXX", &error);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;
  g_auto(GStrv) documents = NULL;
  const char *paths[3] = { NULL, };

  g_assert_no_error (error);
  first = write_file (dir, "Tagesordnung & Bericht.pdf", 20000);
  second = write_file (dir, "Kassenbericht 2026.odp", 3000);
  paths[0] = first;
  paths[1] = second;
  bv_meeting_set_slides (meeting, paths);

  /* The body on its own: names escaped, contents base64. */
  body = bv_join_build_slides_body (paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (body, "<module name=\"presentation\"><document name=\"Tagesordnung &amp; Bericht.pdf\">AwoRGB8mLTQ7"));
  g_assert_nonnull (strstr (body, "<document name=\"Kassenbericht 2026.odp\">"));
  g_assert_null (bv_join_build_slides_body ((const char *[]) { NULL }, NULL, &error));
  g_assert_no_error (error);

  save_secret (bv_server_get_id (server), SECRET);
  clear_urls ();
  bv_practice_server_reset_log (practice);
  g_assert_true (join (server, meeting, NULL, &error));
  g_assert_no_error (error);
  /* Still exactly one request; the checksum covers the query only. */
  assert_only_create (meeting);
  text = wait_for_one_url ();
  documents = bv_practice_server_dup_documents (practice, bv_meeting_get_bbb_meeting_id (meeting));
  g_assert_nonnull (documents);
  g_assert_cmpuint (g_strv_length (documents), ==, 2);
  g_assert_cmpstr (documents[0], ==, "Tagesordnung & Bericht.pdf");
  g_assert_cmpstr (documents[1], ==, "Kassenbericht 2026.odp");

  delete_secret (bv_server_get_id (server));
  g_assert_no_errno (g_unlink (first));
  g_assert_no_errno (g_unlink (second));
  g_assert_no_errno (g_rmdir (dir));
}

/* Too large or missing slides stop the join before any request, with a
 * sentence naming the file. */
static void
test_join_slides_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = new_server ("sha256", "sha256", "3.0.19", FALSE);
  g_autoptr(BvMeeting) meeting = new_meeting (server);
  g_autofree char *dir = g_dir_make_tmp ("bv-slides-XXXXXX", &error);
  g_autofree char *small = NULL;
  g_autofree char *big = NULL;
  g_autofree char *missing = NULL;
  const char *paths[3] = { NULL, };

  g_assert_no_error (error);
  small = write_file (dir, "klein.pdf", 1000);
  big = write_file (dir, "Jahresbericht.pdf", BV_JOIN_SLIDES_MAX_BYTES);
  missing = g_build_filename (dir, "weg.pdf", NULL);
  save_secret (bv_server_get_id (server), SECRET);

  /* Each alone fits; together they are 1000 bytes over. */
  paths[0] = small;
  paths[1] = big;
  bv_meeting_set_slides (meeting, paths);
  clear_urls ();
  bv_practice_server_reset_log (practice);
  g_assert_false (join (server, meeting, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "Jahresbericht.pdf"));
  g_clear_error (&error);
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, 0);

  paths[0] = missing;
  paths[1] = NULL;
  bv_meeting_set_slides (meeting, paths);
  g_assert_false (join (server, meeting, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "weg.pdf"));
  g_clear_error (&error);
  assert_no_url ();
  g_assert_cmpuint (bv_practice_server_get_request_count (practice), ==, 0);

  delete_secret (bv_server_get_id (server));
  g_assert_no_errno (g_unlink (small));
  g_assert_no_errno (g_unlink (big));
  g_assert_no_errno (g_rmdir (dir));
}

/* Another room on the server holds the meeting's PIN: create is sent once
 * more without it, and the join still works. */
static void
test_join_pin_taken (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = new_server ("sha256", "sha256", "3.0.19", FALSE);
  g_autoptr(BvMeeting) meeting = new_meeting (server);
  g_autoptr(BvMeeting) other = new_meeting (server);
  g_autoptr(BvBbbQuery) query = bv_join_build_create_query (other);
  g_autofree char *query_text = NULL;
  g_autofree char *hashed = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *url = NULL;
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *pin = NULL;
  GPtrArray *queries;
  guint status = 0;

  /* The other room, created by hand with our meeting's PIN. */
  g_assert_cmpuint (bv_bbb_query_remove (query, "voiceBridge"), ==, 1);
  bv_bbb_query_add_int (query, "voiceBridge", bv_join_voice_bridge (meeting));
  query_text = bv_bbb_query_to_string (query);
  hashed = g_strconcat ("create", query_text, SECRET, NULL);
  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, hashed, -1);
  url = g_strdup_printf ("%screate?%s&checksum=%s", bv_practice_server_get_api_url (practice),
                         query_text, checksum);
  body = http_get (url, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (body, "<returncode>SUCCESS</returncode>"));

  save_secret (bv_server_get_id (server), SECRET);
  clear_urls ();
  bv_practice_server_reset_log (practice);
  g_assert_true (join (server, meeting, NULL, &error));
  g_assert_no_error (error);

  bv_test_assert_exactly (bv_test_count_requests, practice, 2);
  queries = bv_practice_server_get_raw_queries (practice);
  g_assert_cmpuint (queries->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (queries, 0), "voiceBridge="));
  g_assert_null (strstr (g_ptr_array_index (queries, 1), "voiceBridge="));
  text = wait_for_one_url ();
  open_in_stand_in_browser (text);
  info = get_meeting_info (bv_meeting_get_bbb_meeting_id (meeting));
  pin = element_text (info, "voiceBridge");
  g_assert_cmpuint ((guint) g_ascii_strtoull (pin, NULL, 10), !=, bv_join_voice_bridge (meeting));

  delete_secret (bv_server_get_id (server));
}

/* PINs: five digits, stable for a meeting, different between meetings;
 * the placeholder number of servers without dial-in is no number. */
static void
test_voice_bridge (void)
{
  g_autoptr(BvServer) server = new_server ("sha256", "sha256", "3.0.19", FALSE);
  g_autoptr(BvMeeting) meeting = new_meeting (server);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autofree char *fixture = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BvBbbMeeting) room = NULL;
  gsize length = 0;
  guint pin = bv_join_voice_bridge (meeting);

  g_assert_cmpuint (pin, >=, 10000);
  g_assert_cmpuint (pin, <=, 99999);
  g_assert_cmpuint (bv_join_voice_bridge (meeting), ==, pin);
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(BvMeeting) another = new_meeting (server);
      guint value = bv_join_voice_bridge (another);

      g_assert_cmpuint (value, >=, 10000);
      g_assert_cmpuint (value, <=, 99999);
      g_hash_table_add (seen, GUINT_TO_POINTER (value));
    }
  /* 200 random rooms in 90 000 PINs: a handful of collisions at most. */
  g_assert_cmpuint (g_hash_table_size (seen), >=, 190);

  fixture = g_test_build_filename (G_TEST_DIST, "data", "bbb",
                                   "create_duplicateWarning.xml", NULL);
  g_assert_true (g_file_get_contents (fixture, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "613-555-1234"));
  room = bv_bbb_parse_meeting (contents, length, &error);
  g_assert_no_error (error);
  bv_server_set_dial_number (server, "+49 30 1234567");
  bv_join_note_dial_number (server, room);
  g_assert_null (bv_server_get_dial_number (server));
}

/* The join takes the context's one client for the server (opened on the
 * first join, kept for the next), so after the server's address is edited
 * through the context the next join's one request goes to the new
 * address and the old one hears nothing. */
static BvServer *
save_through_context (BvServer    *existing,
                      const char  *url,
                      const char  *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BvServer *server;

  bv_context_save_async (context, existing, "Verein", url, "auto", secret, NULL, result_cb, &result);
  server = bv_context_save_finish (context, bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  return server;
}

static void
test_join_follows_edited_address (void)
{
  g_autoptr(BvPracticeServer) moved = bv_test_practice_server_new (SECRET);
  g_autoptr(BvServer) server = NULL;
  g_autoptr(BvServer) edited = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_url = NULL;
  g_autofree char *second_url = NULL;
  const char *moved_api = bv_practice_server_get_api_url (moved);
  guint old_creates;

  server = save_through_context (NULL, bv_practice_server_get_api_url (practice), SECRET);
  meeting = new_meeting (server);
  g_assert_null (bv_context_peek_client (context, bv_server_get_id (server)));

  clear_urls ();
  old_creates = bv_practice_server_count_calls (practice, "create");
  g_assert_true (join (server, meeting, NULL, &error));
  g_assert_no_error (error);
  first_url = wait_for_one_url ();
  g_assert_true (g_str_has_prefix (first_url, bv_practice_server_get_api_url (practice)));
  g_assert_cmpuint (bv_practice_server_count_calls (practice, "create"), ==, old_creates + 1);
  /* The join opened the context's client, not one of its own. */
  g_assert_nonnull (bv_context_peek_client (context, bv_server_get_id (server)));

  /* The server moves; the edit's connection test talks to the new address. */
  edited = save_through_context (server, moved_api, "");
  g_assert_null (bv_context_peek_client (context, bv_server_get_id (server)));

  clear_urls ();
  old_creates = bv_practice_server_count_calls (practice, "create");
  g_assert_true (join (edited, meeting, NULL, &error));
  g_assert_no_error (error);
  second_url = wait_for_one_url ();
  g_assert_true (g_str_has_prefix (second_url, moved_api));
  g_assert_cmpuint (bv_practice_server_count_calls (moved, "create"), ==, 1);
  g_assert_cmpuint (bv_practice_server_count_calls (practice, "create"), ==, old_creates);
  g_assert_nonnull (bv_context_peek_client (context, bv_server_get_id (edited)));

  delete_secret (bv_server_get_id (edited));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = bv_test_isolate_dirs ("bv-test-join");
  int status;

  /* A stand-in default browser that writes down what it is asked to open. */
  urls_path = bv_test_install_stand_in ("browser", (const char *[]) {
                                          "x-scheme-handler/http", "x-scheme-handler/https", NULL });
  browser_path = g_build_filename (g_get_user_data_dir (), "browser", NULL);

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  practice = bv_test_practice_server_new (SECRET);
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = g_build_filename (g_get_user_data_dir (), "test-join.db", NULL);

    database = bv_database_open (path, &error);
    g_assert_no_error (error);
    context = bv_context_new (database);
  }

  g_test_add_func ("/core/join/moderator-role", test_join_moderator_role);
  g_test_add_func ("/core/join/old-server-password", test_join_old_server_password);
  g_test_add_func ("/core/join/load-balancer-role", test_join_load_balancer_role);
  g_test_add_func ("/core/join/chosen-algorithm", test_join_chosen_algorithm);
  g_test_add_func ("/core/join/wrong-secret", test_join_wrong_secret);
  g_test_add_func ("/core/join/no-secret", test_join_no_secret);
  g_test_add_func ("/core/join/no-server", test_join_no_server);
  g_test_add_func ("/core/join/cancelled", test_join_cancelled);
  g_test_add_func ("/core/join/no-browser", test_join_no_browser);
  g_test_add_func ("/core/join/user-id", test_user_id);
  g_test_add_func ("/core/join/create-query", test_create_query);
  g_test_add_func ("/core/join/slides", test_join_slides);
  g_test_add_func ("/core/join/slides-refused", test_join_slides_refused);
  g_test_add_func ("/core/join/running-room", test_join_running_room);
  g_test_add_func ("/core/join/ended-room", test_join_ended_room);
  g_test_add_func ("/core/join/pin-taken", test_join_pin_taken);
  g_test_add_func ("/core/join/voice-bridge", test_voice_bridge);
  g_test_add_func ("/core/join/follows-edited-address", test_join_follows_edited_address);

  status = g_test_run ();

  g_clear_object (&context);
  g_clear_object (&database);
  g_clear_object (&practice);
  if (root)
    bv_test_remove_tree (root);
  g_clear_pointer (&urls_path, g_free);
  g_clear_pointer (&browser_path, g_free);
  return status;
}
