/* test-invitation-proof.c
 *
 * Proof of proper invitation (issue 17, point 3) on a real SQLite file:
 * e-mails from the sending record, letters and hand-overs marked by hand,
 * the invitation period as the measure, the minutes' sentence in German,
 * the CSV, the printable PDF (read back with pdftotext), the hook behind
 * Anstehend's deadline warning, and the marks erased with the member.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "bv-database.h"
#include "bv-invitation-deadline.h"
#include "bv-invitation-mark.h"
#include "bv-invitation-proof.h"
#include "bv-mail-record.h"

static char *dir;

typedef struct
{
  char          *path;
  BvDatabase    *db;
  BvMeeting     *meeting;
  BvMember      *members[3];
  BvParticipant *participants[3];
  BvParticipant *guest;
} Fixture;

static const char *names[] = { "Anna Albers", "Bernd Bauer", "Carla Conrad" };

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static guint n;

  f->path = g_strdup_printf ("%s/proof-%u.sqlite", dir, n++);
  f->db = bv_database_open (f->path, &error);
  g_assert_no_error (error);

  /* 17 March 2027 with 14 days: the invitations are due by 3 March. */
  f->meeting = bv_meeting_new (BV_MEETING_KIND_ASSEMBLY);
  bv_meeting_set_title (f->meeting, "Mitgliederversammlung 2027");
  bv_meeting_set_start (f->meeting, "2027-03-17T19:00:00", "Europe/Berlin");
  g_assert_true (bv_database_save_meeting (f->db, f->meeting, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *email = g_strdup_printf ("m%u@example.org", i);

      f->members[i] = bv_member_new ();
      bv_member_set_name (f->members[i], names[i]);
      bv_member_set_email (f->members[i], email);
      g_assert_true (bv_database_save_member (f->db, f->members[i], &error));
      g_assert_no_error (error);
    }
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_clear_object (&f->participants[i]);
      g_clear_object (&f->members[i]);
    }
  g_clear_object (&f->guest);
  g_clear_object (&f->meeting);
  g_clear_object (&f->db);
  g_unlink (f->path);
  g_free (f->path);
}

static void
invite (Fixture *f,
        guint    count)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < count; i++)
    {
      f->participants[i] = bv_participant_new_member (bv_meeting_get_id (f->meeting),
                                                      bv_member_get_id (f->members[i]),
                                                      BV_PARTICIPANT_ROLE_PARTICIPANT);
      g_assert_true (bv_database_add_participant (f->db, f->participants[i], &error));
      g_assert_no_error (error);
    }
}

static const char *
pid (Fixture *f,
     guint    i)
{
  return bv_participant_get_id (f->participants[i]);
}

static void
mail_sent (Fixture    *f,
           guint       i,
           const char *utc_time)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (utc_time, NULL);
  g_autofree char *version = bv_database_get_invitation_version (f->db, pid (f, i));
  g_autofree char *message_id = g_strdup_printf ("<proof-%u@example.org>", i);

  g_assert_nonnull (at);
  g_assert_true (bv_database_record_mail_sent (f->db, pid (f, i), version, "m@example.org",
                                               message_id, at, &error));
  g_assert_no_error (error);
}

static void
mark (Fixture             *f,
      guint                i,
      BvInvitationMarkHow  how,
      int                  day,
      int                  month)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  g_date_clear (&date, 1);
  if (how != BV_INVITATION_MARK_NONE)
    g_date_set_dmy (&date, day, month, 2027);
  g_assert_true (bv_database_set_invitation_mark (f->db, pid (f, i), how,
                                                  how != BV_INVITATION_MARK_NONE ? &date : NULL,
                                                  &error));
  g_assert_no_error (error);
}

/* Anstehend's warning goes away only when every invited member has an
 * invitation sent or marked; links made are not enough. Guests do not
 * count. */
static void
test_sent_hook (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (bv_invitation_deadline_invitations_sent (f->db, f->meeting));
  invite (f, 2);
  f->guest = bv_participant_new_guest (bv_meeting_get_id (f->meeting), "Gast Gerda",
                                       "gerda@example.org", BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_assert_true (bv_database_add_participant (f->db, f->guest, &error));
  g_assert_no_error (error);
  g_assert_false (bv_invitation_deadline_invitations_sent (f->db, f->meeting));

  mail_sent (f, 0, "2027-03-01T09:00:00Z");
  g_assert_false (bv_invitation_deadline_invitations_sent (f->db, f->meeting));

  mark (f, 1, BV_INVITATION_MARK_LETTER, 2, 3);
  g_assert_true (bv_invitation_deadline_invitations_sent (f->db, f->meeting));

  mark (f, 1, BV_INVITATION_MARK_NONE, 0, 0);
  g_assert_false (bv_invitation_deadline_invitations_sent (f->db, f->meeting));
  mark (f, 1, BV_INVITATION_MARK_PERSON, 28, 2);
  g_assert_true (bv_invitation_deadline_invitations_sent (f->db, f->meeting));
}

static gboolean
use_german (void)
{
  if (!setlocale (LC_ALL, "de_DE.UTF-8"))
    return FALSE;
  g_setenv ("LANGUAGE", "de", TRUE);
  return TRUE;
}

static void
use_english (void)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
}

/* The minutes' sentence, in German as the minutes are: all in time, then
 * one late and one never invited. */
static void
test_statement (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *all = NULL;
  g_autofree char *late = NULL;
  g_autofree char *none = NULL;

  if (!use_german ())
    {
      g_test_fail_printf ("the locale de_DE.UTF-8 is missing; run build-aux/dev once");
      return;
    }

  none = bv_invitation_proof_statement (f->db, f->meeting, 14);
  g_assert_cmpstr (none, ==, "Es wurden keine Mitglieder eingeladen.");

  invite (f, 2);
  mail_sent (f, 0, "2027-03-01T09:00:00Z");
  mark (f, 1, BV_INVITATION_MARK_LETTER, 2, 3);
  all = bv_invitation_proof_statement (f->db, f->meeting, 14);
  g_assert_cmpstr (all, ==,
                   "Alle 2 Mitglieder wurden fristgerecht eingeladen: 1 per E-Mail bis 1. März "
                   "und 1 per Brief bis 2. März.");

  f->participants[2] = bv_participant_new_member (bv_meeting_get_id (f->meeting),
                                                  bv_member_get_id (f->members[2]),
                                                  BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_assert_true (bv_database_add_participant (f->db, f->participants[2], NULL));
  /* Sent again at 23:30 UTC on 3 March, which is 00:30 on 4 March in
   * Berlin: the day in the meeting's zone counts, so it is late. */
  mail_sent (f, 0, "2027-03-03T23:30:00Z");
  late = bv_invitation_proof_statement (f->db, f->meeting, 14);
  g_assert_cmpstr (late, ==,
                   "1 von 3 Mitgliedern wurden fristgerecht eingeladen: 1 per Brief bis 2. März. "
                   "Nicht fristgerecht eingeladen: Anna Albers (per E-Mail am 4. März) und "
                   "Carla Conrad (keine Einladung vermerkt).");
  use_english ();
}

/* The proof lists members by last name, as the member list does: not by
 * first name, not in the order they were invited, and the one who leads
 * the meeting (listed first in the invite window) in place too. */
static void
test_order (Fixture       *f,
            gconstpointer  data)
{
  const char *people[][2] = { { "Zoe", "Zander" }, { "Max", "Adler" }, { "Erika", "Müller" } };
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *statement = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(BvMember) member = bv_member_new ();
      g_autoptr(BvParticipant) participant = NULL;

      bv_member_set_names (member, people[i][0], people[i][1]);
      g_assert_true (bv_database_save_member (f->db, member, &error));
      g_assert_no_error (error);
      participant = bv_participant_new_member (bv_meeting_get_id (f->meeting), bv_member_get_id (member),
                                               i == 0 ? BV_PARTICIPANT_ROLE_MODERATOR
                                                      : BV_PARTICIPANT_ROLE_PARTICIPANT);
      g_assert_true (bv_database_add_participant (f->db, participant, &error));
      g_assert_no_error (error);
    }

  entries = bv_invitation_proof_list (f->db, f->meeting, NULL);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpstr (((BvInvitationProofEntry *) g_ptr_array_index (entries, 0))->name, ==, "Max Adler");
  g_assert_cmpstr (((BvInvitationProofEntry *) g_ptr_array_index (entries, 1))->name, ==, "Erika Müller");
  g_assert_cmpstr (((BvInvitationProofEntry *) g_ptr_array_index (entries, 2))->name, ==, "Zoe Zander");

  statement = bv_invitation_proof_statement (f->db, f->meeting, 14);
  g_assert_nonnull (strstr (statement, "Max Adler (no invitation recorded), Erika Müller (no invitation recorded) "
                                       "and Zoe Zander (no invitation recorded)"));
}

/* The CSV: BOM, header, one row per member with RFC 3339 time or day, how,
 * in time, Message-ID. */
static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *csv = NULL;
  GDate deadline;

  invite (f, 3);
  mail_sent (f, 0, "2027-03-01T09:00:00Z");
  mark (f, 1, BV_INVITATION_MARK_PERSON, 5, 3);

  g_date_clear (&deadline, 1);
  g_assert_true (bv_invitation_deadline_for_meeting (f->meeting, 14, &deadline));
  entries = bv_invitation_proof_list (f->db, f->meeting, &deadline);
  g_assert_cmpuint (entries->len, ==, 3);
  csv = bv_invitation_proof_csv (entries);
  g_assert_cmpstr (csv, ==,
                   "\xef\xbb\xbf" "Name;E-Mail;Eingeladen am;Wie;Fristgerecht;Message-ID\r\n"
                   "Anna Albers;m0@example.org;2027-03-01T10:00:00+01:00;E-Mail gesendet;ja;<proof-0@example.org>\r\n"
                   "Bernd Bauer;m1@example.org;2027-03-05;persönlich;nein;\r\n"
                   "Carla Conrad;m2@example.org;;nicht eingeladen;nein;\r\n");
}

/* The printable page, read back as text. */
static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (dir, "proof.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status;

  invite (f, 3);
  mail_sent (f, 0, "2027-03-01T09:00:00Z");
  mark (f, 1, BV_INVITATION_MARK_LETTER, 2, 3);

  g_assert_true (bv_invitation_proof_write_pdf (f->db, f->meeting, 14, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_test_message ("%s", out);
  /* The statement wraps; its words are what counts. */
  g_strdelimit (out, "\n", ' ');
  g_assert_nonnull (strstr (out, "Proof of invitation"));
  g_assert_nonnull (strstr (out, "Mitgliederversammlung 2027"));
  g_assert_nonnull (strstr (out, "Invitation period: 14 days, invitations due by 3 March."));
  g_assert_nonnull (strstr (out, "Anna Albers"));
  g_assert_nonnull (strstr (out, "01.03.2027 10:00"));
  g_assert_nonnull (strstr (out, "E-mail sent"));
  g_assert_nonnull (strstr (out, "Bernd Bauer"));
  g_assert_nonnull (strstr (out, "02.03.2027"));
  g_assert_nonnull (strstr (out, "by letter"));
  g_assert_nonnull (strstr (out, "Carla Conrad"));
  g_assert_nonnull (strstr (out, "not invited"));
  g_assert_nonnull (strstr (out, "Not invited in time: Carla Conrad (no invitation recorded)."));
  g_unlink (pdf);

  /* A folder that does not exist: a clear error, no crash. */
  g_clear_pointer (&pdf, g_free);
  pdf = g_build_filename (dir, "gibt-es-nicht", "proof.pdf", NULL);
  g_assert_false (bv_invitation_proof_write_pdf (f->db, f->meeting, 14, pdf, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "gibt-es-nicht"));
}

/* Personal data: the mark is in the member's export and goes with the
 * member; a mark for an invitation that does not exist is refused. */
static void
test_erased_with_member (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autoptr(GPtrArray) participations = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) marks = NULL;
  JsonObject *invitation;
  JsonObject *marked;
  g_autofree char *id = NULL;
  GDate day;

  invite (f, 1);
  mark (f, 0, BV_INVITATION_MARK_LETTER, 2, 3);
  g_assert_cmpint (bv_database_get_invitation_mark (f->db, pid (f, 0), &day), ==, BV_INVITATION_MARK_LETTER);
  g_assert_cmpint (g_date_get_day (&day), ==, 2);

  json = bv_database_export_member (f->db, bv_member_get_id (f->members[0]), &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  invitation = json_array_get_object_element (json_object_get_array_member (
                 json_node_get_object (json_parser_get_root (parser)), "invitations"), 0);
  marked = json_object_get_object_member (invitation, "marked_sent");
  g_assert_nonnull (marked);
  g_assert_cmpstr (json_object_get_string_member (marked, "how"), ==, "letter");
  g_assert_cmpstr (json_object_get_string_member (marked, "day"), ==, "2027-03-02");

  id = g_strdup (pid (f, 0));
  participations = bv_database_list_member_participations (f->db, bv_member_get_id (f->members[0]));
  records = bv_database_list_member_mail_records (f->db, bv_member_get_id (f->members[0]));
  marks = bv_database_list_member_invitation_marks (f->db, bv_member_get_id (f->members[0]));
  g_assert_cmpuint (marks->len, ==, 1);
  g_assert_true (bv_database_delete_member (f->db, bv_member_get_id (f->members[0]), &error));
  g_assert_no_error (error);
  g_assert_cmpint (bv_database_get_invitation_mark (f->db, id, &day), ==, BV_INVITATION_MARK_NONE);

  /* Undo (the members page's toast): the mark comes back with the member. */
  g_assert_true (bv_database_restore_member (f->db, f->members[0], participations, records, &error));
  g_assert_no_error (error);
  g_assert_true (bv_database_restore_invitation_marks (f->db, marks, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bv_database_get_invitation_mark (f->db, id, &day), ==, BV_INVITATION_MARK_LETTER);
  g_assert_cmpint (g_date_get_day (&day), ==, 2);
  g_assert_true (bv_database_delete_member (f->db, bv_member_get_id (f->members[0]), &error));
  g_assert_no_error (error);

  g_date_set_dmy (&day, 2, 3, 2027);
  g_assert_false (bv_database_set_invitation_mark (f->db, id, BV_INVITATION_MARK_LETTER, &day, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;
  int result;

  use_english ();
  localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("bv-proof-XXXXXX", NULL);

  g_test_add ("/core/invitation-proof/sent-hook", Fixture, NULL, set_up, test_sent_hook, tear_down);
  g_test_add ("/core/invitation-proof/statement", Fixture, NULL, set_up, test_statement, tear_down);
  g_test_add ("/core/invitation-proof/order", Fixture, NULL, set_up, test_order, tear_down);
  g_test_add ("/core/invitation-proof/csv", Fixture, NULL, set_up, test_csv, tear_down);
  g_test_add ("/core/invitation-proof/pdf", Fixture, NULL, set_up, test_pdf, tear_down);
  g_test_add ("/core/invitation-proof/erased-with-member", Fixture, NULL, set_up, test_erased_with_member, tear_down);

  result = g_test_run ();
  g_rmdir (dir);
  return result;
}
