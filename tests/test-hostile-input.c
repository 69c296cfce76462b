/* test-hostile-input.c
 *
 * The hostile-input corpus (tests/data/hostile/{ics,csv,vcf}) through the
 * real importers into a real SQLite file, in German: each file is either
 * refused with a German reason and nothing stored, or imported sanely
 * (names plain one-line text, no address that is none). Zone bombs that
 * kept a core busy for minutes are refused quickly; the suite's timeout,
 * not a timed assertion, catches a hang. Also the address rule where
 * guests are made and stored, cancelling, and re-importing 5,000 members
 * without addresses.
 *
 * A group of tests, not a unit: each case's path names the unit it goes
 * through, /<layer>/<unit>/hostile-input/… (HACKING.md, "Tests").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "bv-database.h"
#include "bv-ics-import.h"
#include "bv-join.h"
#include "bv-member-import.h"
#include "bv-test-utils.h"

typedef struct
{
  char       *dir;
  char       *path;
  BvDatabase *database;
} Fixture;

typedef enum {
  EXPECT_REFUSED,
  EXPECT_IMPORTED,
} Outcome;

typedef struct
{
  const char *kind;     /* "ics", "csv" or "vcf" */
  const char *file;
  Outcome     outcome;
  /* REFUSED: part of the German message; IMPORTED: how many meetings
   * (ics) or members (csv, vcf) are stored afterwards */
  const char *german;
  guint       n_stored;
} Case;

static const Case cases[] = {
  /* Zone bombs: refused at once, nothing stored. */
  { "ics", "zone-minutely.ics", EXPECT_REFUSED, "Zeitzone, deren Regeln nicht verwendet werden können", 0 },
  { "ics", "zone-secondly.ics", EXPECT_REFUSED, "Zeitzone, deren Regeln nicht verwendet werden können", 0 },
  { "ics", "zone-hourly.ics", EXPECT_REFUSED, "Zeitzone, deren Regeln nicht verwendet werden können", 0 },
  { "ics", "zone-yearly-byminute.ics", EXPECT_REFUSED, "Zeitzone, deren Regeln nicht verwendet werden können", 0 },
  { "ics", "zone-monthly-every-day.ics", EXPECT_REFUSED, "Zeitzone, deren Regeln nicht verwendet werden können", 0 },
  { "ics", "zone-rdates.ics", EXPECT_REFUSED, "Zeitzone, deren Regeln nicht verwendet werden können", 0 },
  { "ics", "zone-many-parts.ics", EXPECT_REFUSED, "Zeitzone, deren Regeln nicht verwendet werden können", 0 },
  { "ics", "zone-impossible-rules.ics", EXPECT_REFUSED, "Zeitzone, deren Regeln nicht verwendet werden können", 0 },
  { "ics", "zone-slow-within-limits.ics", EXPECT_IMPORTED, NULL, 1 },
  { "ics", "zone-outlook-sane.ics", EXPECT_IMPORTED, NULL, 1 },
  { "ics", "attendee-tricks.ics", EXPECT_IMPORTED, NULL, 1 },
  { "ics", "markup-names.ics", EXPECT_IMPORTED, NULL, 1 },
  { "ics", "control-characters.ics", EXPECT_IMPORTED, NULL, 1 },
  { "ics", "nul-bytes.ics", EXPECT_REFUSED, "enthält Zeichen, die nicht gelesen werden können", 0 },
  { "ics", "invalid-utf8.ics", EXPECT_REFUSED, "enthält Zeichen, die nicht gelesen werden können", 0 },
  { "ics", "long-line.ics", EXPECT_IMPORTED, NULL, 1 },
  { "ics", "deep-nesting.ics", EXPECT_IMPORTED, NULL, 1 },
  { "ics", "max-events.ics", EXPECT_IMPORTED, NULL, 5000 },
  { "ics", "too-many-attendees.ics", EXPECT_REFUSED, "lädt mehr als 1000 Personen ein", 0 },
  { "ics", "too-many-attendees-in-all.ics", EXPECT_REFUSED, "laden zusammen mehr als 10000 Personen ein", 0 },
  { "ics", "too-many-exdates.ics", EXPECT_REFUSED, "sind zusammen mehr als 10000 Termine abgesagt", 0 },
  { "ics", "too-many-events.ics", EXPECT_REFUSED, "enthält mehr als 5000 Termine", 0 },

  { "csv", "address-tricks.csv", EXPECT_IMPORTED, NULL, 2 },
  { "csv", "markup-names.csv", EXPECT_IMPORTED, NULL, 3 },
  { "csv", "control-characters.csv", EXPECT_IMPORTED, NULL, 3 },
  { "csv", "nul-bytes.csv", EXPECT_REFUSED, "ist keine lesbare Textdatei", 0 },
  { "csv", "invalid-utf8.csv", EXPECT_REFUSED, "ist keine lesbare Textdatei", 0 },
  { "csv", "long-line.csv", EXPECT_IMPORTED, NULL, 2 },
  { "csv", "no-addresses-same-names.csv", EXPECT_IMPORTED, NULL, 50 },
  { "csv", "too-many-rows.csv", EXPECT_REFUSED, "nennt mehr als 20000 Personen", 0 },

  { "vcf", "address-tricks.vcf", EXPECT_IMPORTED, NULL, 2 },
  { "vcf", "markup-names.vcf", EXPECT_IMPORTED, NULL, 2 },
  { "vcf", "control-characters.vcf", EXPECT_IMPORTED, NULL, 2 },
  { "vcf", "nul-bytes.vcf", EXPECT_REFUSED, "ist keine lesbare Textdatei", 0 },
  { "vcf", "invalid-utf8.vcf", EXPECT_REFUSED, "ist keine lesbare Textdatei", 0 },
  { "vcf", "long-line.vcf", EXPECT_IMPORTED, NULL, 2 },
  { "vcf", "quoted-printable-tricks.vcf", EXPECT_IMPORTED, NULL, 1 },
  { "vcf", "nameless-property.vcf", EXPECT_IMPORTED, NULL, 1 },
};

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bv-test-hostile-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "bbb-vereine.db", NULL);
  fixture->database = bv_database_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_clear_object (&fixture->database);
  bv_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static GFile *
corpus_file (const char *kind,
             const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "hostile", kind, name, NULL);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return g_file_new_for_path (path);
}

/* What is stored */

static gboolean
is_plain (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *c = text; *c; c = g_utf8_next_char (c))
    {
      GUnicodeType type = g_unichar_type (g_utf8_get_char (c));

      if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT
          || type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        return FALSE;
    }
  return TRUE;
}

static guint
n_participants (Fixture *fixture)
{
  GListModel *meetings = bv_database_get_meetings (fixture->database);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(BvMeeting) meeting = g_list_model_get_item (meetings, i);
      g_autoptr(GPtrArray) participants = bv_database_list_participants (fixture->database,
                                                                         bv_meeting_get_id (meeting));

      n += participants->len;
    }
  return n;
}

static void
assert_nothing_stored (Fixture *fixture)
{
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_meetings (fixture->database)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_members (fixture->database)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_groups (fixture->database)), ==, 0);
}

/* Every stored text is plain one-line text, every address valid. */
static void
assert_sane (Fixture *fixture)
{
  GListModel *meetings = bv_database_get_meetings (fixture->database);
  GListModel *members = bv_database_get_members (fixture->database);
  GListModel *groups = bv_database_get_groups (fixture->database);

  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(BvMeeting) meeting = g_list_model_get_item (meetings, i);
      g_autoptr(GPtrArray) participants = bv_database_list_participants (fixture->database,
                                                                         bv_meeting_get_id (meeting));

      g_assert_true (is_plain (bv_meeting_get_title (meeting)));
      g_assert_cmpuint (g_utf8_strlen (bv_meeting_get_title (meeting), -1), <=, 64);
      for (guint j = 0; j < participants->len; j++)
        {
          BvParticipant *participant = g_ptr_array_index (participants, j);
          const char *email = bv_participant_get_email (participant);

          g_assert_true (!email || bv_member_email_is_valid (email));
          g_assert_true (is_plain (bv_participant_get_name (participant)));
          g_assert_cmpuint (g_utf8_strlen (bv_participant_get_name (participant), -1), <=, 128);
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(BvMember) member = g_list_model_get_item (members, i);
      const char *email = bv_member_get_email (member);

      g_assert_true (!email || bv_member_email_is_valid (email));
      g_assert_true (is_plain (bv_member_get_name (member)));
      g_assert_cmpuint (g_utf8_strlen (bv_member_get_name (member), -1), <=, 200);
      if (bv_member_get_phone (member))
        g_assert_true (is_plain (bv_member_get_phone (member)));
    }

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(BvGroup) group = g_list_model_get_item (groups, i);

      g_assert_true (is_plain (bv_group_get_name (group)));
    }
}

static BvMember *
find_member (Fixture    *fixture,
             const char *name)
{
  GListModel *members = bv_database_get_members (fixture->database);

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(BvMember) member = g_list_model_get_item (members, i);

      if (g_str_equal (bv_member_get_name (member), name))
        return g_steal_pointer (&member);
    }
  return NULL;
}

/* Importing through the file API, as the window and --import do */

typedef struct
{
  gboolean            done;
  gboolean            ok;
  BvIcsImportCounts   counts;
  BvMemberImport     *import;
  GError             *error;
} Result;

static void
result_clear (Result *r)
{
  bv_ics_import_counts_clear (&r->counts);
  g_clear_object (&r->import);
  g_clear_error (&r->error);
  memset (r, 0, sizeof *r);
}

static void
ics_imported_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Result *r = user_data;

  r->ok = bv_ics_import_file_finish (result, &r->counts, &r->error);
  r->done = TRUE;
}

static void
members_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Result *r = user_data;

  r->import = bv_member_import_file_finish (result, &r->error);
  r->ok = r->import != NULL;
  r->done = TRUE;
}

static void
wait_for (Result *r)
{
  /* A hang is caught by the test's timeout (meson), not timed here. */
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
import_ics (Fixture      *fixture,
            GFile        *file,
            GCancellable *cancellable,
            Result       *r)
{
  bv_ics_import_file_async (fixture->database, file, NULL, cancellable, ics_imported_cb, r);
  wait_for (r);
}

static void
import_members (Fixture      *fixture,
                GFile        *file,
                GCancellable *cancellable,
                Result       *r)
{
  g_autoptr(GError) error = NULL;
  BvMemberImportCounts counts = { 0 };

  bv_member_import_file_async (fixture->database, file, cancellable, members_read_cb, r);
  wait_for (r);
  if (r->ok)
    {
      g_assert_true (bv_member_import_apply (r->import, fixture->database, &counts, &error));
      g_assert_no_error (error);
    }
}

static void
test_corpus_file (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const Case *c = user_data;
  g_autoptr(GFile) file = corpus_file (c->kind, c->file);
  Result r = { 0 };

  if (g_str_equal (c->kind, "ics"))
    import_ics (fixture, file, NULL, &r);
  else
    import_members (fixture, file, NULL, &r);

  if (c->outcome == EXPECT_REFUSED)
    {
      g_assert_false (r.ok);
      g_assert_nonnull (r.error);
      g_assert_true (r.error->domain == BV_ICS_IMPORT_ERROR
                     || r.error->domain == BV_MEMBER_IMPORT_ERROR);
      g_test_message ("%s: %s", c->file, r.error->message);
      /* German, and naming the file (a zone's event, by its title) */
      g_assert_nonnull (strstr (r.error->message, c->german));
      if (g_str_has_prefix (c->file, "zone-"))
        g_assert_nonnull (strstr (r.error->message, "„Vorstand“"));
      else if (g_str_equal (c->file, "too-many-attendees.ics"))
        g_assert_nonnull (strstr (r.error->message, "„Rundschreiben“"));
      else
        g_assert_nonnull (strstr (r.error->message, c->file));
      assert_nothing_stored (fixture);
      result_clear (&r);
      return;
    }

  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  if (g_str_equal (c->kind, "ics"))
    g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_meetings (fixture->database)), ==, c->n_stored);
  else
    g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_members (fixture->database)), ==, c->n_stored);
  assert_sane (fixture);
  result_clear (&r);
}

/* What the particular files must come out as */

static void
test_attendee_tricks (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GFile) file = corpus_file ("ics", "attendee-tricks.ics");
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autofree char *emails = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  Result r = { 0 };

  import_ics (fixture, file, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.counts.added, ==, 1);

  /* Only the two real addresses became invitations ... */
  meeting = g_list_model_get_item (bv_database_get_meetings (fixture->database), 0);
  participants = bv_database_list_participants (fixture->database, bv_meeting_get_id (meeting));
  g_assert_cmpuint (participants->len, ==, 2);
  g_assert_cmpuint (r.counts.participants, ==, 2);
  for (guint i = 0; i < participants->len; i++)
    g_string_append_printf (all, "%s;", bv_participant_get_email (g_ptr_array_index (participants, i)));
  g_assert_nonnull (strstr (all->str, "marie@example.org;"));
  g_assert_nonnull (strstr (all->str, "nils@example.org;"));
  g_assert_null (strstr (all->str, "evil"));

  /* ... and the others are reported, decoded, as the user would see them. */
  g_assert_cmpuint (r.counts.attendees_refused, >=, 10);
  g_assert_nonnull (r.counts.refused_attendees);
  g_assert_true (g_strv_contains ((const char * const *) r.counts.refused_attendees,
                                  "anna@x.org,boss@evil.org"));
  g_assert_true (g_strv_contains ((const char * const *) r.counts.refused_attendees,
                                  "bert@x.org,boss@evil.org"));
  for (guint i = 0; r.counts.refused_attendees[i]; i++)
    g_assert_true (is_plain (r.counts.refused_attendees[i]));
  result_clear (&r);

  /* A second import reports them again and adds nobody. */
  import_ics (fixture, file, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.counts.updated, ==, 1);
  g_assert_cmpuint (r.counts.participants, ==, 0);
  g_assert_cmpuint (n_participants (fixture), ==, 2);
  result_clear (&r);
}

static void
test_markup_kept_as_text (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GFile) ics = corpus_file ("ics", "markup-names.ics");
  g_autoptr(GFile) csv = corpus_file ("csv", "markup-names.csv");
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(BvMember) anna = NULL;
  g_autoptr(BvMember) formula = NULL;
  gboolean found = FALSE;
  Result r = { 0 };

  import_ics (fixture, ics, NULL, &r);
  g_assert_no_error (r.error);
  result_clear (&r);

  /* Stored as the file says: escaping is the display's business. */
  meeting = g_list_model_get_item (bv_database_get_meetings (fixture->database), 0);
  g_assert_cmpstr (bv_meeting_get_title (meeting), ==,
                   "<a href=\"https://evil.example/\">Vorstand</a> & <b>Beirat</b>");
  participants = bv_database_list_participants (fixture->database, bv_meeting_get_id (meeting));
  for (guint i = 0; i < participants->len; i++)
    if (g_strcmp0 (bv_participant_get_name (g_ptr_array_index (participants, i)),
                   "<a href='https://evil.example/'>Anna</a> & Co") == 0)
      found = TRUE;
  g_assert_true (found);

  import_members (fixture, csv, NULL, &r);
  g_assert_no_error (r.error);
  result_clear (&r);
  anna = find_member (fixture, "<a href=\"https://evil.example/\">Anna</a> & Co");
  g_assert_nonnull (anna);
  g_assert_cmpstr (bv_member_get_notes (anna), ==, "<script>x</script>");
  formula = find_member (fixture, "=HYPERLINK(\"https://evil.example/\";\"Klick\")");
  g_assert_nonnull (formula);
}

static void
test_control_characters (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GFile) ics = corpus_file ("ics", "control-characters.ics");
  g_autoptr(GFile) csv = corpus_file ("csv", "control-characters.csv");
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(BvMember) anna = NULL;
  Result r = { 0 };

  import_ics (fixture, ics, NULL, &r);
  g_assert_no_error (r.error);
  result_clear (&r);
  meeting = g_list_model_get_item (bv_database_get_meetings (fixture->database), 0);
  g_assert_cmpstr (bv_meeting_get_title (meeting), ==, "Vor stand [31m rot   TIEB");

  import_members (fixture, csv, NULL, &r);
  g_assert_no_error (r.error);
  result_clear (&r);
  anna = find_member (fixture, "An na");
  g_assert_nonnull (anna);
  assert_sane (fixture);
}

static void
test_address_tricks_members (Fixture       *fixture,
                             gconstpointer  user_data)
{
  const char *files[][2] = { { "csv", "address-tricks.csv" }, { "vcf", "address-tricks.vcf" } };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(GFile) file = corpus_file (files[f][0], files[f][1]);
      GPtrArray *skipped;
      guint refused = 0;
      Result r = { 0 };

      import_members (fixture, file, NULL, &r);
      g_assert_no_error (r.error);
      skipped = bv_member_import_get_skipped (r.import);
      for (guint i = 0; i < skipped->len; i++)
        {
          BvMemberImportItem *item = g_ptr_array_index (skipped, i);

          g_test_message ("%s: %s", files[f][1], item->details);
          if (strstr (item->details, "ist keine E-Mail-Adresse"))
            refused++;
        }
      g_assert_cmpuint (refused, >=, 5);
      result_clear (&r);
    }

  /* Marie and Nils from both files: the same two members. */
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_members (fixture->database)), ==, 2);
  assert_sane (fixture);
}

/* The one address rule */

static void
test_address_rule (void)
{
  const char *valid[] = {
    "anna@example.org", "Anna.Becker+verein@sub.example.de", "jürgen@müller-verein.de",
    "o'neil@example.ie",
  };
  const char *invalid[] = {
    "anna@x.org,boss@evil.org", "anna@x.org;boss@evil.org", "anna@x.org boss@evil.org",
    "anna@x.org\r\nBcc: boss@evil.org", "<anna@x.org>", "\"anna\"@x.org", "anna@x.org%2Cboss@evil.org",
    "anna(boss@evil.org)@x.org", "anna@[127.0.0.1]", "anna\\@x.org@evil.org", "anna@evil.org\u202egro.x",
    "an\u200bna@x.org", "anna@x.org\x7f", "anna@x.org\t", "mailto:anna@x.org", "anna@localhost",
    "@x.org", "anna@", "anna@x.org@evil.org", "",
  };
  g_autofree char *a_253 = g_strnfill (BV_MEMBER_EMAIL_MAX_BYTES - 6, 'a');
  g_autofree char *a_254 = g_strnfill (BV_MEMBER_EMAIL_MAX_BYTES - 5, 'a');
  g_autofree char *longest = g_strdup_printf ("%s@x.org", a_253);
  g_autofree char *too_long = g_strdup_printf ("%s@x.org", a_254);

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (bv_member_email_is_valid (valid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_test_message ("%s", invalid[i]);
      g_assert_false (bv_member_email_is_valid (invalid[i]));
    }

  g_assert_true (bv_member_email_is_valid (longest));
  g_assert_false (bv_member_email_is_valid (too_long));
}

/* Guests: checked when made, when written, and dropped when read from an
 * older database. */
static void
test_guest_addresses (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_GROUP);
  g_autoptr(BvParticipant) smuggled = NULL;
  g_autoptr(BvParticipant) refused = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  bv_meeting_set_title (meeting, "Vorstand");
  bv_meeting_set_start (meeting, "2026-12-01T19:00:00", "Europe/Berlin");
  g_assert_true (bv_database_save_meeting (fixture->database, meeting, &error));
  g_assert_no_error (error);

  g_test_expect_message ("bv-store", G_LOG_LEVEL_CRITICAL, "*bv_member_email_is_valid*");
  refused = bv_participant_new_guest (bv_meeting_get_id (meeting), "Anna", "anna@x.org,boss@evil.org",
                                      BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_test_assert_expected_messages ();
  g_assert_null (refused);

  /* Past the constructor (as the store's loader makes them): the write
   * refuses it, in German. */
  smuggled = _bv_participant_new_full (NULL, bv_meeting_get_id (meeting), NULL, "Anna",
                                       "anna@x.org,boss@evil.org", BV_PARTICIPANT_ROLE_PARTICIPANT, NULL);
  g_assert_false (bv_database_add_participant (fixture->database, smuggled, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "„anna@x.org,boss@evil.org“ ist keine E-Mail-Adresse. "
                   "Korrigieren Sie sie oder lassen Sie das Feld leer.");
  g_clear_error (&error);
  g_assert_cmpuint (n_participants (fixture), ==, 0);

  /* What an older version stored is not handed out again. */
  g_clear_object (&fixture->database);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("INSERT INTO meeting_participants"
                         " (id, meeting_id, guest_name, guest_email, role, link_key, created)"
                         " VALUES ('p1', '%s', 'Anna', 'anna@x.org,boss@evil.org', 'participant',"
                         " '00112233445566778899aabbccddeeff', 0)",
                         bv_meeting_get_id (meeting));
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, &message), ==, SQLITE_OK);
  sqlite3_close (db);
  fixture->database = bv_database_open (fixture->path, &error);
  g_assert_no_error (error);
  participants = bv_database_list_participants (fixture->database, bv_meeting_get_id (meeting));
  g_assert_cmpuint (participants->len, ==, 1);
  g_assert_cmpstr (bv_participant_get_name (g_ptr_array_index (participants, 0)), ==, "Anna");
  g_assert_null (bv_participant_get_email (g_ptr_array_index (participants, 0)));
}

/* Cancelling */

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GFile) ics = corpus_file ("ics", "long-line.ics");
  g_autoptr(GFile) csv = corpus_file ("csv", "no-addresses-same-names.csv");
  Result r = { 0 };

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();

      /* Before the thread looks, and while it works. */
      if (round == 0)
        g_cancellable_cancel (cancellable);
      else
        g_idle_add_full (G_PRIORITY_HIGH, cancel_cb, g_object_ref (cancellable), g_object_unref);

      import_ics (fixture, ics, cancellable, &r);
      g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      result_clear (&r);

      if (round == 1)
        {
          g_cancellable_reset (cancellable);
          g_idle_add_full (G_PRIORITY_HIGH, cancel_cb, g_object_ref (cancellable), g_object_unref);
        }
      import_members (fixture, csv, cancellable, &r);
      g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      result_clear (&r);
    }

  assert_nothing_stored (fixture);
}

/* Re-importing many members without addresses: hash lookups in the
 * worker thread, not every row against every member on the main thread.
 * With the old scan (20,000 rows against 40,000 members) this took
 * minutes; the suite's timeout catches that. */
#define STORED_MEMBERS 40000
#define IMPORTED_ROWS BV_MEMBER_IMPORT_MAX_ROWS

static void
test_many_without_address (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) csv = g_string_new ("Name;Telefon;Gruppen\r\n");
  g_autofree char *path = g_build_filename (fixture->dir, "mitglieder.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  Result r = { 0 };

  for (guint i = 0; i < STORED_MEMBERS; i++)
    {
      BvMember *member = bv_member_new ();
      g_autofree char *name = g_strdup_printf ("Mitglied Nummer %u", i);

      bv_member_set_name (member, name);
      g_ptr_array_add (members, member);
    }
  g_assert_true (bv_database_save_members (fixture->database, groups, members, &error));
  g_assert_no_error (error);

  /* As many rows as a file may have: half of them stored members (in
   * other case, with a phone number now), half new ones. */
  for (guint i = 0; i < IMPORTED_ROWS; i++)
    g_string_append_printf (csv, "%s %u;0621 1234;Jugend\r\n",
                            i % 2 ? "MITGLIED NUMMER" : "Mitglied Nummer",
                            i % 2 ? i : STORED_MEMBERS + i);
  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);

  import_members (fixture, file, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (bv_member_import_get_updated (r.import)->len, ==, IMPORTED_ROWS / 2);
  g_assert_cmpuint (bv_member_import_get_added (r.import)->len, ==, IMPORTED_ROWS / 2);
  g_assert_cmpuint (bv_member_import_get_skipped (r.import)->len, ==, 0);
  result_clear (&r);
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_members (fixture->database)), ==,
                    STORED_MEMBERS + IMPORTED_ROWS / 2);
}

/* Slides: the size is checked before anything is read. A sparse file of
 * 64 GiB (reading it took the whole test's time and memory) and a named
 * pipe (reading it never ends) are refused at once; a file within the
 * limit is embedded. */
static void
test_slides_size_first (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *huge = g_build_filename (fixture->dir, "riesig.pdf", NULL);
  g_autofree char *pipe = g_build_filename (fixture->dir, "rohr.pdf", NULL);
  g_autofree char *small = g_build_filename (fixture->dir, "klein.pdf", NULL);
  const char *huge_paths[] = { huge, NULL };
  const char *pipe_paths[] = { pipe, NULL };
  const char *small_paths[] = { small, small, NULL };
  const char *too_many[] = { small, small, small, NULL };
  g_autofree char *padding = g_strnfill (BV_JOIN_SLIDES_MAX_BYTES / 2 - 10, 'x');
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  fd = g_open (huge, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 64 * 1024 * 1024 * 1024), ==, 0);
  close (fd);
  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);
  g_file_set_contents (small, padding, -1, &error);
  g_assert_no_error (error);

  body = bv_join_build_slides_body (huge_paths, NULL, &error);
  g_assert_null (body);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "„riesig.pdf“"));
  g_clear_error (&error);

  body = bv_join_build_slides_body (pipe_paths, NULL, &error);
  g_assert_null (body);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "„rohr.pdf“ konnte nicht gelesen werden"));
  g_clear_error (&error);

  body = bv_join_build_slides_body (small_paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (body, "<document name=\"klein.pdf\">"));
  g_clear_pointer (&body, g_free);

  /* The third would pass the limit: refused, whatever it is. */
  body = bv_join_build_slides_body (too_many, NULL, &error);
  g_assert_null (body);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("BBB_VEREINE_LOCALEDIR");

  g_test_init (&argc, &argv, NULL);

  /* The reasons the user reads are German. */
  g_unsetenv ("LANGUAGE");
  if (!setlocale (LC_ALL, "de_DE.UTF-8") || !localedir)
    g_error ("needs the de_DE.UTF-8 locale and BBB_VEREINE_LOCALEDIR (meson test sets it)");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* Each file under the importer it goes through. */
      g_autofree char *name = g_str_equal (cases[i].kind, "ics")
        ? g_strdup_printf ("/core/ics-import/hostile-input/%s", cases[i].file)
        : g_strdup_printf ("/core/member-import/hostile-input/%s/%s", cases[i].kind, cases[i].file);

      g_test_add (name, Fixture, &cases[i], fixture_setup, test_corpus_file, fixture_teardown);
    }
  g_test_add ("/core/ics-import/hostile-input/attendee-tricks-reported", Fixture, NULL, fixture_setup,
              test_attendee_tricks, fixture_teardown);
  g_test_add ("/core/import-text/hostile-input/markup-kept-as-text", Fixture, NULL, fixture_setup,
              test_markup_kept_as_text, fixture_teardown);
  g_test_add ("/core/import-text/hostile-input/control-characters", Fixture, NULL, fixture_setup,
              test_control_characters, fixture_teardown);
  g_test_add ("/core/member-import/hostile-input/address-tricks", Fixture, NULL, fixture_setup,
              test_address_tricks_members, fixture_teardown);
  g_test_add_func ("/store/member/hostile-input/address-rule", test_address_rule);
  g_test_add ("/store/participant/hostile-input/guest-addresses", Fixture, NULL, fixture_setup,
              test_guest_addresses, fixture_teardown);
  g_test_add ("/core/ics-import/hostile-input/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/core/member-import/hostile-input/many-without-address", Fixture, NULL, fixture_setup,
              test_many_without_address, fixture_teardown);
  g_test_add ("/core/join/hostile-input/slides-size-first", Fixture, NULL, fixture_setup,
              test_slides_size_first, fixture_teardown);

  return g_test_run ();
}
