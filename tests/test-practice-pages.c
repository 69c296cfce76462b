/* test-practice-pages.c
 *
 * The pages a browser sees behind a join link.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "practice-fixture.h"

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

int
main (int   argc,
      char *argv[])
{
  practice_fixture_init (&argc, &argv);

  PRACTICE_ADD ("pages", "join-page", test_join_page);

  return g_test_run ();
}
