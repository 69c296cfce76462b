/* test-practice-params.c
 *
 * Request bodies: <modules> XML and form parameters, and how they meet
 * the query string.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "practice-fixture.h"

static const char modules_body[] =
  "<?xml version=\"1.0\" ?>"
  "<modules><module name=\"presentation\">"
  "<document current=\"true\" downloadable=\"false\" url=\"https://example.org/files/tagesordnung.pdf?x=1\"/>"
  "<document name=\"einladung.pdf\">JVBERi0xLjQK</document>"
  "</module></modules>";

static void
test_post_bodies (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *url = NULL;
  guint status = 0;

#define POST(call_, query_, type_, body_) \
  G_STMT_START { \
    g_autofree char *url_ = sign (f, (call_), (query_)); \
    g_autoptr(GBytes) answer_ = fetch_typed (f, "POST", url_, (type_), (body_), &status, NULL); \
    g_assert_cmpuint (status, ==, 200); \
    g_clear_pointer (&doc, xmlFreeDoc); \
    doc = parse (answer_); \
  } G_STMT_END

  /* create with slides. */
  POST ("create", "meetingID=mit-folien&name=Mit+Folien", "application/xml", modules_body);
  assert_answer (doc, "SUCCESS", "");

  POST ("create", "meetingID=falsch&name=Falsch", "text/plain", "hallo");
  assert_answer (doc, "FAILED", "unsupportedContentType");

  POST ("create", "meetingID=kaputt&name=Kaputt", "application/xml", "<modules><module>");
  assert_answer (doc, "FAILED", "validationError");

  POST ("create", "meetingID=kaputt&name=Kaputt", "application/xml", "<html></html>");
  assert_answer (doc, "FAILED", "validationError");

  /* Form bodies: the checksum covers the URL query only. */
  POST ("create", "", "application/x-www-form-urlencoded", "meetingID=formular&name=Aus+dem+Formular");
  assert_answer (doc, "SUCCESS", "");
  assert_root_text (doc, "meetingID", "formular");

  POST ("create", "meetingID=doppelt", "application/x-www-form-urlencoded", "meetingID=doppelt&name=Zweimal");
  assert_answer (doc, "FAILED", "checksumError");

  POST ("getMeetingInfo", "", "application/x-www-form-urlencoded", "meetingID=formular");
  assert_root_text (doc, "meetingName", "Aus dem Formular");

  /* insertDocument needs a running room and an XML body. */
  POST ("insertDocument", "meetingID=mit-folien", "application/xml", modules_body);
  assert_answer (doc, "FAILED", "notFound");

  join_as (f, "mit-folien", "anna", "MODERATOR");
  POST ("insertDocument", "meetingID=mit-folien", "application/xml", modules_body);
  assert_root_text (doc, "returncode", "SUCCESS");
  assert_root_text (doc, "message", "Presentation is being uploaded");

  POST ("insertDocument", "meetingID=mit-folien", "text/xml", modules_body);
  assert_root_text (doc, "returncode", "SUCCESS");

  POST ("insertDocument", "meetingID=mit-folien", "application/x-www-form-urlencoded", "a=b");
  assert_answer (doc, "FAILED", "unsupportedContentType");

  POST ("insertDocument", "meetingID=gibt-es-nicht", "application/xml", modules_body);
  assert_answer (doc, "FAILED", "notFound");

  POST ("insertDocument", "", "application/xml", modules_body);
  assert_answer (doc, "FAILED", "missingParamMeetingID");

  g_clear_pointer (&doc, xmlFreeDoc);
  doc = api (f, "insertDocument", "meetingID=mit-folien");
  assert_answer (doc, "FAILED", "unsupportedContentType");

#undef POST
}

int
main (int   argc,
      char *argv[])
{
  practice_fixture_init (&argc, &argv);

  PRACTICE_ADD ("params", "post-bodies", test_post_bodies);

  return g_test_run ();
}
