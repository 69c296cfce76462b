/* test-agenda-result.c
 *
 * store/bv-agenda-result and its table (bv-database-results.c): the
 * checks of a result, the warning when more votes are counted than
 * entitled voters were present, the sentence for the minutes, and the
 * results in a real database file, kept when the meeting is saved again
 * and gone with the meeting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "bv-database.h"
#include "bv-test-utils.h"

static void
test_validate (void)
{
  g_autoptr(BvAgendaResult) vote = bv_agenda_result_new ("item-1", BV_AGENDA_RESULT_VOTE);
  g_autoptr(BvAgendaResult) election = bv_agenda_result_new ("item-2", BV_AGENDA_RESULT_ELECTION);
  g_autoptr(GError) error = NULL;

  /* A vote with no counts at all is a valid (empty) result. */
  g_assert_true (bv_agenda_result_validate (vote, &error));
  g_assert_no_error (error);

  g_assert_false (bv_agenda_result_validate (election, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "An election needs the office the persons were elected to.");
  g_clear_error (&error);

  election->office = g_strdup ("  \t ");
  g_assert_false (bv_agenda_result_validate (election, &error));
  g_clear_error (&error);

  g_free (election->office);
  election->office = g_strdup ("Kassenwart");
  g_assert_false (bv_agenda_result_validate (election, &error));
  g_assert_cmpstr (error->message, ==, "An election needs at least one person elected.");
  g_clear_error (&error);

  bv_agenda_result_add_elected (election, " ", 12);
  g_assert_false (bv_agenda_result_validate (election, &error));
  g_assert_cmpstr (error->message, ==, "Every person elected needs a name.");
  g_clear_error (&error);

  g_free (((BvElected *) g_ptr_array_index (election->elected, 0))->name);
  ((BvElected *) g_ptr_array_index (election->elected, 0))->name = g_strdup ("Jürgen Weiß");
  g_assert_true (bv_agenda_result_validate (election, &error));
  g_assert_no_error (error);
}

static void
test_check_present (void)
{
  g_autoptr(BvAgendaResult) vote = bv_agenda_result_new ("item-1", BV_AGENDA_RESULT_VOTE);
  g_autoptr(BvAgendaResult) election = bv_agenda_result_new ("item-2", BV_AGENDA_RESULT_ELECTION);
  g_autofree char *over = NULL;
  g_autofree char *german = NULL;
  g_autofree char *too_many = NULL;
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  vote->yes = 20;
  vote->no = 3;
  vote->abstentions = 1;
  vote->invalid = 1;

  /* Nobody's presence known: nothing to check against. */
  g_assert_null (bv_agenda_result_check_present (vote));

  /* Exactly as many votes as voters present is fine … */
  vote->present = 25;
  g_assert_null (bv_agenda_result_check_present (vote));
  /* … one more is not. */
  vote->present = 24;
  over = bv_agenda_result_check_present (vote);
  g_assert_cmpstr (over, ==, "25 votes were counted, but only 24 entitled voters were present. "
                             "Please check the numbers.");

  g_assert_nonnull (setlocale (LC_ALL, "de_DE.UTF-8"));
  g_setenv ("LANGUAGE", "de", TRUE);
  german = bv_agenda_result_check_present (vote);
  g_assert_cmpstr (german, ==, "Es wurden 25 Stimmen gezählt, aber nur 24 Stimmberechtigte waren "
                               "anwesend. Bitte prüfen Sie die Zahlen.");
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, saved);

  election->office = g_strdup ("Vorsitz");
  election->present = 10;
  bv_agenda_result_add_elected (election, "Anna", 10);
  g_assert_null (bv_agenda_result_check_present (election));
  bv_agenda_result_add_elected (election, "Bernd", 11);
  too_many = bv_agenda_result_check_present (election);
  g_assert_cmpstr (too_many, ==, "Bernd has 11 votes, but only 10 entitled voters were present. "
                                 "Please check the numbers.");
}

static void
test_describe (void)
{
  g_autoptr(BvAgendaResult) vote = bv_agenda_result_new ("item-1", BV_AGENDA_RESULT_VOTE);
  g_autoptr(BvAgendaResult) election = bv_agenda_result_new ("item-2", BV_AGENDA_RESULT_ELECTION);
  g_autofree char *carried = NULL;
  g_autofree char *tied = NULL;
  g_autofree char *elected = NULL;

  vote->vote_kind = g_strdup ("offen");
  vote->yes = 20;
  vote->no = 3;
  vote->abstentions = 30;
  carried = bv_agenda_result_describe (vote);
  /* Abstentions are not votes cast: 20 to 3 carries. */
  g_assert_cmpstr (carried, ==, "Vote (offen): 20 yes, 3 no, 30 abstentions, 0 invalid – carried.");
  vote->no = 20;
  tied = bv_agenda_result_describe (vote);
  g_assert_cmpstr (tied, ==, "Vote (offen): 20 yes, 20 no, 30 abstentions, 0 invalid – not carried.");

  election->office = g_strdup ("Kassenwart");
  bv_agenda_result_add_elected (election, "Jürgen Weiß", 1);
  bv_agenda_result_add_elected (election, "Anna Becker", 17);
  election->accepted = TRUE;
  elected = bv_agenda_result_describe (election);
  g_assert_cmpstr (elected, ==, "Election to Kassenwart: Jürgen Weiß (1 vote), Anna Becker (17 votes) – election accepted.");
}

static BvMeeting *
saved_meeting (BvDatabase *database)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) agenda = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_agenda_item_free);
  BvMeeting *meeting = bv_meeting_new (BV_MEETING_KIND_ASSEMBLY);

  g_ptr_array_add (agenda, bv_agenda_item_new_full ("top-1", "Bericht des Vorstands", NULL));
  g_ptr_array_add (agenda, bv_agenda_item_new_full ("top-2", "Wahl des Kassenwarts", NULL));
  g_ptr_array_add (agenda, bv_agenda_item_new_full ("top-3", "Satzungsänderung", "§ 5 wird neu gefasst."));
  bv_meeting_set_title (meeting, "Mitgliederversammlung");
  bv_meeting_set_start (meeting, "2027-03-20T15:00:00", "Europe/Berlin");
  bv_meeting_set_agenda (meeting, agenda);
  g_assert_true (bv_database_save_meeting (database, meeting, &error));
  g_assert_no_error (error);
  return meeting;
}

static void
test_store (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bv-test-agenda-result-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "results.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) database = bv_database_open (path, &error);
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(BvAgendaResult) vote = bv_agenda_result_new ("top-3", BV_AGENDA_RESULT_VOTE);
  g_autoptr(BvAgendaResult) election = bv_agenda_result_new ("top-2", BV_AGENDA_RESULT_ELECTION);
  g_autoptr(BvAgendaResult) bad = bv_agenda_result_new ("top-1", BV_AGENDA_RESULT_ELECTION);
  g_autoptr(BvAgendaResult) read = NULL;
  g_autoptr(GPtrArray) results = NULL;
  BvMinutesFacts facts = { TRUE, g_strdup ("Anna Becker"), g_strdup ("Bernd Krause") };
  BvMinutesFacts back = { 0 };
  const char *id;

  g_assert_no_error (error);
  meeting = saved_meeting (database);
  id = bv_meeting_get_id (meeting);

  /* Nothing stored: an ordinary assembly, nobody named. */
  bv_database_get_minutes_facts (database, id, &back);
  g_assert_false (back.extraordinary);
  g_assert_null (back.chair);
  g_assert_true (bv_database_set_minutes_facts (database, id, &facts, &error));
  g_assert_no_error (error);
  g_assert_false (bv_database_set_minutes_facts (database, "no-such-meeting", &facts, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  vote->vote_kind = g_strdup ("geheim");
  vote->yes = 30;
  vote->no = 2;
  vote->abstentions = 1;
  vote->invalid = 1;
  vote->present = 34;
  vote->recorded_at = 1000;
  g_assert_true (bv_database_set_agenda_result (database, id, vote, &error));
  g_assert_no_error (error);

  election->office = g_strdup (" Kassenwart ");
  bv_agenda_result_add_elected (election, "Jürgen Weiß", 25);
  bv_agenda_result_add_elected (election, "Clara Ölmann", 9);
  election->accepted = TRUE;
  election->present = 34;
  election->recorded_at = 900;
  g_assert_true (bv_database_set_agenda_result (database, id, election, &error));
  g_assert_no_error (error);

  /* An invalid result is refused and leaves nothing behind. */
  g_assert_false (bv_database_set_agenda_result (database, id, bad, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_null (bv_database_get_agenda_result (database, id, "top-1"));

  /* The meeting saved again (its agenda rewritten) keeps its results. */
  bv_meeting_set_title (meeting, "Ordentliche Mitgliederversammlung");
  g_assert_true (bv_database_save_meeting (database, meeting, &error));
  g_assert_no_error (error);

  /* And they are in the file. */
  g_clear_object (&database);
  database = bv_database_open (path, &error);
  g_assert_no_error (error);

  bv_database_get_minutes_facts (database, id, &back);
  g_assert_true (back.extraordinary);
  g_assert_cmpstr (back.chair, ==, "Anna Becker");
  g_assert_cmpstr (back.recorder, ==, "Bernd Krause");
  bv_minutes_facts_clear (&back);

  results = bv_database_list_agenda_results (database, id);
  g_assert_cmpuint (results->len, ==, 2);
  read = bv_agenda_result_copy (g_ptr_array_index (results, 0));
  g_assert_cmpstr (read->item_id, ==, "top-2");
  g_assert_cmpint (read->kind, ==, BV_AGENDA_RESULT_ELECTION);
  g_assert_cmpstr (read->office, ==, "Kassenwart");
  g_assert_cmpuint (read->elected->len, ==, 2);
  g_assert_cmpstr (((BvElected *) g_ptr_array_index (read->elected, 1))->name, ==, "Clara Ölmann");
  g_assert_cmpuint (((BvElected *) g_ptr_array_index (read->elected, 1))->votes, ==, 9);
  g_assert_true (read->accepted);
  g_assert_cmpuint (read->present, ==, 34);
  g_clear_pointer (&read, bv_agenda_result_free);

  read = bv_database_get_agenda_result (database, id, "top-3");
  g_assert_nonnull (read);
  g_assert_cmpint (read->kind, ==, BV_AGENDA_RESULT_VOTE);
  g_assert_cmpstr (read->vote_kind, ==, "geheim");
  g_assert_cmpuint (read->yes, ==, 30);
  g_assert_cmpuint (read->no, ==, 2);
  g_assert_cmpuint (read->abstentions, ==, 1);
  g_assert_cmpuint (read->invalid, ==, 1);
  g_assert_cmpint (read->recorded_at, ==, 1000);
  g_clear_pointer (&read, bv_agenda_result_free);

  /* An election changed into a vote loses its persons. */
  election->kind = BV_AGENDA_RESULT_VOTE;
  election->yes = 3;
  g_assert_true (bv_database_set_agenda_result (database, id, election, &error));
  read = bv_database_get_agenda_result (database, id, "top-2");
  g_assert_cmpuint (read->elected->len, ==, 0);
  g_assert_null (read->office);
  g_clear_pointer (&read, bv_agenda_result_free);

  g_assert_true (bv_database_delete_agenda_result (database, id, "top-2", &error));
  g_assert_null (bv_database_get_agenda_result (database, id, "top-2"));

  /* Gone with the meeting. */
  g_assert_true (bv_database_delete_meeting (database, id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&results, g_ptr_array_unref);
  results = bv_database_list_agenda_results (database, id);
  g_assert_cmpuint (results->len, ==, 0);
  bv_database_get_minutes_facts (database, id, &back);
  g_assert_null (back.chair);

  bv_minutes_facts_clear (&facts);
  g_clear_object (&database);
  bv_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/agenda-result/validate", test_validate);
  g_test_add_func ("/store/agenda-result/check-present", test_check_present);
  g_test_add_func ("/store/agenda-result/describe", test_describe);
  g_test_add_func ("/store/agenda-result/store", test_store);

  return g_test_run ();
}
