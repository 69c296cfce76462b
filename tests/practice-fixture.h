/* practice-fixture.h
 *
 * The server is driven with plain HTTP; URLs are signed here with a tiny
 * checksum routine of the test's own (bbb-api.md §2.1), never with the
 * app's client, so that a bug there cannot hide one here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "bv-practice-server-private.h"
#include "bv-test-utils.h"

#define SECRET     "practice-secret"
#define START_TIME G_GINT64_CONSTANT (1715261728123)
#define MINUTE     (G_GINT64_CONSTANT (60) * 1000)

typedef struct
{
  BvPracticeServer *server;
  SoupSession      *session;
  gint64            now;
} Fixture;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

#define assert_root_text(doc, name, expected) \
  G_STMT_START { \
    g_autofree char *value_ = root_text ((doc), (name)); \
    g_assert_cmpstr (value_, ==, (expected)); \
  } G_STMT_END

#define assert_answer(doc, returncode, key) \
  G_STMT_START { \
    assert_root_text ((doc), "returncode", (returncode)); \
    assert_root_text ((doc), "messageKey", (key)); \
  } G_STMT_END

/* A test case /practice/practice-UNIT/NAME (the unit bv-practice-UNIT)
 * with a fresh server of its own. */
#define PRACTICE_ADD(unit, name, func) \
  g_test_add ("/practice/practice-" unit "/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

/* g_test_init () with a fixed zone and no proxy. */
void        practice_fixture_init (int           *argc,
                                   char        ***argv);

/* A started server whose clock stands at f->now (START_TIME at first). */
void        fixture_set_up        (Fixture       *f,
                                   gconstpointer  data);
void        fixture_tear_down     (Fixture       *f,
                                   gconstpointer  data);

/* ---- HTTP ---- */
GBytes     *send_message          (SoupSession   *session,
                                   SoupMessage   *msg);
GBytes     *fetch                 (SoupSession   *session,
                                   const char    *url,
                                   guint         *status);
GBytes     *fetch_typed           (Fixture       *f,
                                   const char    *method,
                                   const char    *url,
                                   const char    *content_type,
                                   const char    *request_body,
                                   guint         *status,
                                   char         **response_type);
char       *sign_with             (Fixture       *f,
                                   const char    *call,
                                   const char    *query,
                                   GChecksumType  type,
                                   const char    *secret);
char       *sign                  (Fixture       *f,
                                   const char    *call,
                                   const char    *query);

/* ---- XML ---- */
xmlDocPtr   parse                 (GBytes        *body);
xmlNodePtr  child                 (xmlNodePtr     parent,
                                   const char    *name);
guint       count_children        (xmlNodePtr     parent,
                                   const char    *name);
/* The text of a direct child, or NULL when there is no such child. */
char       *text                  (xmlNodePtr     parent,
                                   const char    *name);
char       *root_text             (xmlDocPtr      doc,
                                   const char    *name);

/* ---- calls ---- */
xmlDocPtr   api_url               (Fixture       *f,
                                   const char    *url);
xmlDocPtr   api                   (Fixture       *f,
                                   const char    *call,
                                   const char    *query);
char       *join_page             (Fixture       *f,
                                   const char    *query,
                                   guint         *status);
void        create_room           (Fixture       *f,
                                   const char    *query);
void        join_as               (Fixture       *f,
                                   const char    *meeting_id,
                                   const char    *user_id,
                                   const char    *role);
xmlNodePtr  meeting_info          (Fixture       *f,
                                   const char    *meeting_id,
                                   xmlDocPtr     *doc);
void        assert_meeting_gone   (Fixture       *f,
                                   const char    *meeting_id);
