/* test-minutes.c
 *
 * core/bv-minutes over core/bv-print-document: the minutes of an
 * assembly from a real database, written as PDF and read back with
 * pdftotext (poppler-utils): every part the statutes' practice asks for,
 * in German; a long attendance list runs over several pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "bv-join.h"
#include "bv-minutes.h"
#include "bv-test-utils.h"

static char *dir;

/* The PDF's text, blanks and line breaks squeezed into one space. */
static char *
pdf_text (GBytes *pdf)
{
  g_autofree char *path = g_build_filename (dir, "minutes.pdf", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) blanks = g_regex_new ("[ \\t\\n]+", 0, 0, NULL);
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  int status;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_regex_replace_literal (blanks, out, -1, 0, " ", 0, NULL);
}

static guint
count_pages (const char *text)
{
  guint pages = 1;

  for (const char *p = text; *p; p++)
    if (*p == '\f' && p[1])
      pages++;
  return pages;
}

static BvMember *
add_member (BvDatabase *database,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  BvMember *member = bv_member_new ();

  bv_member_set_name (member, name);
  g_assert_true (bv_database_save_member (database, member, &error));
  g_assert_no_error (error);
  return member;
}

/* @n members invited; the first @present of them join at @start and stay
 * an hour; a guest without invitation looks in. */
static BvMeeting *
prepare (BvDatabase *database,
         guint       n,
         guint       present,
         gint64      start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) agenda = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_agenda_item_free);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_autoptr(GArray) entries = g_array_sized_new (FALSE, TRUE, sizeof (BvAttendanceSeen), n);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  BvAttendanceSeen guest = { "w_gast", "Zaungast", NULL, NULL, FALSE };
  /* The secretary, in through the app's own Beitreten. */
  g_autofree char *own_user_id = bv_join_get_user_id ();
  BvAttendanceSeen host = { own_user_id, "Eva Roth", NULL, NULL, FALSE };
  BvMeeting *meeting = bv_meeting_new (BV_MEETING_KIND_ASSEMBLY);

  g_ptr_array_add (agenda, bv_agenda_item_new_full ("top-1", "Bericht des Vorstands", NULL));
  g_ptr_array_add (agenda, bv_agenda_item_new_full ("top-2", "Wahl des Kassenwarts", NULL));
  g_ptr_array_add (agenda, bv_agenda_item_new_full ("top-3", "Satzungsänderung", "§ 5 wird neu gefasst."));
  bv_meeting_set_title (meeting, "Mitgliederversammlung 2027");
  bv_meeting_set_start (meeting, "2027-03-20T15:00:00", "Europe/Berlin");
  bv_meeting_set_venue (meeting, "Vereinsheim, Lindenstraße 3");
  bv_meeting_set_agenda (meeting, agenda);
  g_assert_true (bv_database_save_meeting (database, meeting, &error));
  g_assert_no_error (error);

  g_array_set_size (entries, n);
  for (guint i = 0; i < n; i++)
    {
      char *name = g_strdup_printf ("Mitglied Nummer %03u", i + 1);
      BvMember *member = add_member (database, name);
      BvParticipant *participant = bv_participant_new_member (bv_meeting_get_id (meeting), bv_member_get_id (member),
                                                              BV_PARTICIPANT_ROLE_PARTICIPANT);
      BvAttendanceSeen *entry = &g_array_index (entries, BvAttendanceSeen, i);

      g_assert_true (bv_database_add_participant (database, participant, &error));
      g_assert_no_error (error);
      entry->user_id = bv_participant_get_link_key (participant);
      entry->full_name = name;
      entry->participant_id = bv_participant_get_id (participant);
      entry->member_id = bv_member_get_id (member);
      entry->invited = TRUE;
      if (i < present)
        g_ptr_array_add (seen, entry);
      g_ptr_array_add (keep, member);
      g_ptr_array_add (keep, participant);
      g_ptr_array_add (names, name);
    }
  g_ptr_array_add (seen, &guest);
  g_ptr_array_add (seen, &host);
  g_assert_true (bv_database_record_attendance (database, bv_meeting_get_id (meeting), start, seen, &error));
  g_ptr_array_remove (seen, &guest);
  g_ptr_array_remove (seen, &host);
  g_assert_true (bv_database_record_attendance (database, bv_meeting_get_id (meeting), start + 120, seen, &error));
  /* The server silent for ten minutes, then everybody leaves at the end. */
  g_assert_true (bv_database_note_attendance_gap (database, bv_meeting_get_id (meeting), start + 1200, &error));
  g_assert_true (bv_database_record_attendance (database, bv_meeting_get_id (meeting), start + 1800, seen, &error));
  g_ptr_array_set_size (seen, 0);
  g_assert_true (bv_database_record_attendance (database, bv_meeting_get_id (meeting), start + 3600, seen, &error));
  g_assert_no_error (error);
  return meeting;
}

static void
test_parts (void)
{
  g_autofree char *path = g_build_filename (dir, "parts.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) database = bv_database_open (path, &error);
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(BvAgendaResult) vote = bv_agenda_result_new ("top-3", BV_AGENDA_RESULT_VOTE);
  g_autoptr(BvAgendaResult) election = bv_agenda_result_new ("top-2", BV_AGENDA_RESULT_ELECTION);
  g_autoptr(BvPrintDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  BvMinutesFacts facts = { FALSE, g_strdup ("Anna Becker"), g_strdup ("Bernd Krause") };
  BvQuorumRule tenth = { BV_QUORUM_FRACTION, 0, 1, 10, NULL };
  /* 2027-03-20 15:00 in Berlin */
  gint64 start = 1805551200;
  const char *parts[] = {
    "Protokoll der ordentlichen Mitgliederversammlung",
    "Turnverein Beispielstadt e. V.",
    "Mitgliederversammlung 2027",
    "Form: hybrid (online und vor Ort: Vereinsheim, Lindenstraße 3)",
    "Datum: Samstag, 20. März 2027; Beginn: 15:00 Uhr, Ende: 16:00 Uhr (laut Anwesenheitsaufzeichnung)",
    "Versammlungsleitung: Anna Becker",
    "Protokollführung: Bernd Krause",
    "Einladung",
    "Beschlussfähigkeit",
    "Um 15:10 Uhr: Beschlussfähig: 9 von 12 Stimmberechtigten anwesend (erforderlich: 2).",
    "Tagesordnung und Ergebnisse",
    "TOP 1: Bericht des Vorstands",
    "Kein Ergebnis festgehalten.",
    "TOP 2: Wahl des Kassenwarts",
    "Wahl zum Amt Kassenwart: Jürgen Weiß (8 Stimmen) – Wahl angenommen. Anwesende Stimmberechtigte: 9.",
    "TOP 3: Satzungsänderung",
    "Antrag: § 5 wird neu gefasst.",
    "Abstimmung (geheim): 7 ja, 1 nein, 1 Enthaltungen, 0 ungültig – angenommen. Anwesende Stimmberechtigte: 9.",
    "Ort, Datum",
    "Anlage: Anwesenheitsliste",
    "Name Erster Beitritt Letztes Verlassen Minuten anwesend",
    "Mitglied Nummer 001 15:00 Uhr 16:00 Uhr 60",
    "Mitglied Nummer 009 15:00 Uhr 16:00 Uhr 60",
    "Zaungast (nicht eingeladen) 15:00 Uhr 15:02 Uhr 2",
    "Eva Roth (Leitung, diese App) 15:00 Uhr 15:02 Uhr 2",
    "Der Server war von 15:20 Uhr bis 15:30 Uhr nicht erreichbar",
    "Seite 1 von 2",
  };

  g_assert_no_error (error);
  meeting = prepare (database, 12, 9, start);
  g_assert_true (bv_minutes_has_attendance (database, meeting));
  g_assert_true (bv_database_set_minutes_facts (database, bv_meeting_get_id (meeting), &facts, &error));
  vote->vote_kind = g_strdup ("geheim");
  vote->yes = 7;
  vote->no = 1;
  vote->abstentions = 1;
  vote->present = 9;
  vote->recorded_at = start + 1500;
  g_assert_true (bv_database_set_agenda_result (database, bv_meeting_get_id (meeting), vote, &error));
  election->office = g_strdup ("Kassenwart");
  bv_agenda_result_add_elected (election, "Jürgen Weiß", 8);
  election->accepted = TRUE;
  election->present = 9;
  election->recorded_at = start + 600;
  g_assert_true (bv_database_set_agenda_result (database, bv_meeting_get_id (meeting), election, &error));
  g_assert_no_error (error);

  g_assert_nonnull (setlocale (LC_ALL, "de_DE.UTF-8"));
  g_setenv ("LANGUAGE", "de", TRUE);
  document = bv_minutes_build (database, meeting, "Turnverein Beispielstadt e. V.", &tenth, 14, start + 7200);
  pdf = bv_print_document_to_pdf (document);
  text = pdf_text (pdf);
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, saved);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (!strstr (text, parts[i]))
      g_error ("“%s” is not in the minutes:\n%s", parts[i], text);
  /* The invitation paragraph is the proof of proper invitation (its
   * wording is tested in test-invitation-proof): nobody was marked or
   * sent an e-mail here, so it names who was not invited in time. */
  g_assert_nonnull (strstr (text, "Kein Mitglied wurde fristgerecht eingeladen."));
  g_assert_nonnull (strstr (text, "Nicht fristgerecht eingeladen: Mitglied Nummer 001"));
  /* Those who never came are not in the attendance list (the invitation
   * paragraph names everyone not invited in time). */
  g_assert_nonnull (strstr (text, "Anlage: Anwesenheitsliste"));
  g_assert_null (strstr (strstr (text, "Anlage: Anwesenheitsliste"), "Mitglied Nummer 010"));
  g_assert_cmpuint (count_pages (text), ==, 2);
  /* Only the stranger is "not invited"; the one running the meeting is not. */
  g_assert_nonnull (strstr (text, "(nicht eingeladen)"));
  g_assert_null (strstr (strstr (text, "(nicht eingeladen)") + 1, "(nicht eingeladen)"));

  bv_minutes_facts_clear (&facts);
}

/* 300 present of 500: the list runs over pages, every name on one. */
static void
test_long_list (void)
{
  g_autofree char *path = g_build_filename (dir, "long.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) database = bv_database_open (path, &error);
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(BvPrintDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  BvQuorumRule any = { BV_QUORUM_ANY, 0, 0, 0, NULL };

  g_assert_no_error (error);
  meeting = prepare (database, 500, 300, 1805551200);
  document = bv_minutes_build (database, meeting, "", &any, 14, 1805551200 + 7200);
  pdf = bv_print_document_to_pdf (document);
  text = pdf_text (pdf);
  for (guint i = 1; i <= 300; i++)
    {
      g_autofree char *row = g_strdup_printf ("Mitglied Nummer %03u 15:00 16:00 60", i);

      if (!strstr (text, row))
        g_error ("“%s” is not in the attendance list", row);
    }
  g_assert_null (strstr (text, "Mitglied Nummer 301"));
  g_assert_cmpuint (count_pages (text), >=, 6);
  g_assert_nonnull (strstr (text, "Minutes of the ordinary general assembly – page 1 of "));
}

/* The attendance list is in the member list's order: by last name with
 * the German collation ("Ä" with "A"), not by the full name and not with
 * the moderator first, in the summary the window shows, the CSV and the
 * minutes' appendix alike. */
static void
test_order (void)
{
  const char *names[][2] = { { "Anna", "Zimmer" }, { "Zoe", "Ärger" }, { "Bernd", "Becker" }, { "Max", "Ohm" } };
  const char *sorted[] = { "Zoe Ärger", "Bernd Becker", "Max Ohm", "Anna Zimmer" };
  g_autofree char *path = g_build_filename (dir, "order.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) database = bv_database_open (path, &error);
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_ASSEMBLY);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_autoptr(GArray) entries = g_array_sized_new (FALSE, TRUE, sizeof (BvAttendanceSeen), G_N_ELEMENTS (names));
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(BvPrintDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  char *full_names[G_N_ELEMENTS (names)] = { NULL };
  const char *appendix;
  const char *previous_csv;
  const char *previous_pdf;
  BvQuorumRule any = { BV_QUORUM_ANY, 0, 0, 0, NULL };
  gint64 start = 1805551200;

  g_assert_no_error (error);
  bv_meeting_set_title (meeting, "Mitgliederversammlung 2027");
  bv_meeting_set_start (meeting, "2027-03-20T15:00:00", "Europe/Berlin");
  g_assert_true (bv_database_save_meeting (database, meeting, &error));
  g_assert_no_error (error);
  g_array_set_size (entries, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      BvMember *member = bv_member_new ();
      BvParticipant *participant;
      BvAttendanceSeen *entry = &g_array_index (entries, BvAttendanceSeen, i);

      bv_member_set_names (member, names[i][0], names[i][1]);
      g_assert_true (bv_database_save_member (database, member, &error));
      g_assert_no_error (error);
      /* Max Ohm chairs: the invitation lists moderators first. */
      participant = bv_participant_new_member (bv_meeting_get_id (meeting), bv_member_get_id (member),
                                               i == 3 ? BV_PARTICIPANT_ROLE_MODERATOR
                                                      : BV_PARTICIPANT_ROLE_PARTICIPANT);
      g_assert_true (bv_database_add_participant (database, participant, &error));
      g_assert_no_error (error);
      full_names[i] = g_strdup_printf ("%s %s", names[i][0], names[i][1]);
      entry->user_id = bv_participant_get_link_key (participant);
      entry->full_name = full_names[i];
      entry->participant_id = bv_participant_get_id (participant);
      entry->member_id = bv_member_get_id (member);
      entry->invited = TRUE;
      g_ptr_array_add (seen, entry);
      g_ptr_array_add (keep, member);
      g_ptr_array_add (keep, participant);
    }
  g_assert_true (bv_database_record_attendance (database, bv_meeting_get_id (meeting), start, seen, &error));
  g_ptr_array_set_size (seen, 0);
  g_assert_true (bv_database_record_attendance (database, bv_meeting_get_id (meeting), start + 3600, seen, &error));
  g_assert_no_error (error);

  people = bv_attendance_summarize (database, meeting, start + 7200);
  g_assert_cmpuint (people->len, ==, G_N_ELEMENTS (sorted));
  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    g_assert_cmpstr (((BvAttendancePerson *) g_ptr_array_index (people, i))->name, ==, sorted[i]);

  csv = bv_attendance_csv (people, meeting);
  document = bv_minutes_build (database, meeting, "TSV Musterstadt", &any, 14, start + 7200);
  pdf = bv_print_document_to_pdf (document);
  text = pdf_text (pdf);
  appendix = strstr (text, "Appendix: attendance list");
  g_assert_nonnull (appendix);
  previous_csv = csv;
  previous_pdf = appendix;
  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    {
      g_autofree char *row = g_strdup_printf ("\r\n%s;", sorted[i]);
      const char *in_csv = strstr (previous_csv, row);
      const char *in_pdf = strstr (previous_pdf, sorted[i]);

      if (!in_csv)
        g_error ("“%s” is not after the row before in the CSV:\n%s", sorted[i], csv);
      if (!in_pdf)
        g_error ("“%s” is not after the row before in the minutes' appendix:\n%s", sorted[i], appendix);
      previous_csv = in_csv + 1;
      previous_pdf = in_pdf + 1;
    }
  for (guint i = 0; i < G_N_ELEMENTS (full_names); i++)
    g_free (full_names[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("bv-test-minutes-XXXXXX", NULL);

  g_test_add_func ("/core/minutes/parts", test_parts);
  g_test_add_func ("/core/minutes/long-list", test_long_list);
  g_test_add_func ("/core/minutes/order", test_order);

  status = g_test_run ();
  bv_test_remove_tree (dir);
  g_free (dir);
  return status;
}
