/* test-practice-rooms.c
 *
 * Rooms: create, join, guests, limits, expiry, end and the calls that
 * report on them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "practice-fixture.h"

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

/* Every call about one meeting wants its meetingID, and those that need an
 * open room say when there is none. */
static void
test_meeting_id (Fixture       *f,
                 gconstpointer  data)
{
  static const char *const calls[] = { "create", "join", "isMeetingRunning", "getMeetingInfo", "end" };
  static const char *const need_room[] = { "getMeetingInfo", "end" };

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autoptr(xmlDoc) doc = api (f, calls[i], "");
      g_autoptr(xmlDoc) empty = api (f, calls[i], "meetingID=&name=Leer&fullName=Leer&role=VIEWER");

      assert_answer (doc, "FAILED", "missingParamMeetingID");
      assert_answer (empty, "FAILED", "missingParamMeetingID");
    }
  for (guint i = 0; i < G_N_ELEMENTS (need_room); i++)
    {
      g_autoptr(xmlDoc) doc = api (f, need_room[i], "meetingID=gibt-es-nicht");

      assert_answer (doc, "FAILED", "notFound");
    }
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

int
main (int   argc,
      char *argv[])
{
  practice_fixture_init (&argc, &argv);

  PRACTICE_ADD ("rooms", "create", test_create);
  PRACTICE_ADD ("rooms", "join-xml", test_join_xml);
  PRACTICE_ADD ("rooms", "guests", test_guests);
  PRACTICE_ADD ("rooms", "max-participants", test_max_participants);
  PRACTICE_ADD ("rooms", "expiry", test_expiry);
  PRACTICE_ADD ("rooms", "meeting-id", test_meeting_id);
  PRACTICE_ADD ("rooms", "end", test_end);
  PRACTICE_ADD ("rooms", "get-meetings", test_get_meetings);

  return g_test_run ();
}
