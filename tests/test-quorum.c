/* test-quorum.c
 *
 * core/bv-quorum: the arithmetic at its edges, and the electorate (all
 * members or one group) counted from a real database's attendance.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "bv-quorum.h"
#include "bv-test-utils.h"

static void
test_required (void)
{
  BvQuorumRule any = { BV_QUORUM_ANY, 0, 0, 0, NULL };
  BvQuorumRule twelve = { BV_QUORUM_NUMBER, 12, 0, 0, NULL };
  BvQuorumRule tenth = { BV_QUORUM_FRACTION, 0, 1, 10, NULL };
  BvQuorumRule two_thirds = { BV_QUORUM_FRACTION, 0, 2, 3, NULL };
  BvQuorumRule broken = { BV_QUORUM_FRACTION, 0, 1, 0, NULL };

  g_assert_cmpuint (bv_quorum_required (&any, 112), ==, 0);
  g_assert_cmpuint (bv_quorum_required (&twelve, 112), ==, 12);
  g_assert_cmpuint (bv_quorum_required (&twelve, 5), ==, 12);
  /* One tenth, rounded up: exactly 11 of 110, but 12 of 111 and of 112. */
  g_assert_cmpuint (bv_quorum_required (&tenth, 110), ==, 11);
  g_assert_cmpuint (bv_quorum_required (&tenth, 111), ==, 12);
  g_assert_cmpuint (bv_quorum_required (&tenth, 112), ==, 12);
  g_assert_cmpuint (bv_quorum_required (&tenth, 0), ==, 0);
  g_assert_cmpuint (bv_quorum_required (&tenth, 1), ==, 1);
  g_assert_cmpuint (bv_quorum_required (&two_thirds, 99), ==, 66);
  g_assert_cmpuint (bv_quorum_required (&two_thirds, 100), ==, 67);
  g_assert_cmpuint (bv_quorum_required (&broken, 100), ==, 0);
  /* No overflow on the way. */
  g_assert_cmpuint (bv_quorum_required (&two_thirds, G_MAXUINT), ==, 2863311530u);
}

static void
test_describe (void)
{
  BvQuorumState met = { 112, 23, 12, TRUE };
  BvQuorumState below = { 112, 11, 12, FALSE };
  g_autofree char *yes = bv_quorum_describe (&met);
  g_autofree char *no = bv_quorum_describe (&below);
  g_autofree char *german = NULL;
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  g_assert_cmpstr (yes, ==, "Quorate: 23 of 112 entitled voters present (required: 12)");
  g_assert_cmpstr (no, ==, "Not quorate: 11 of 112 entitled voters present (required: 12)");

  g_assert_nonnull (setlocale (LC_ALL, "de_DE.UTF-8"));
  g_setenv ("LANGUAGE", "de", TRUE);
  german = bv_quorum_describe (&met);
  g_assert_cmpstr (german, ==, "Beschlussfähig: 23 von 112 Stimmberechtigten anwesend (erforderlich: 12)");
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, saved);
}

static BvMember *
add_member (BvDatabase *database,
            const char *name,
            const char *group_id)
{
  g_autoptr(GError) error = NULL;
  BvMember *member = bv_member_new ();
  const char *groups[] = { group_id, NULL };

  bv_member_set_name (member, name);
  g_assert_true (bv_database_save_member (database, member, &error));
  g_assert_no_error (error);
  if (group_id)
    {
      g_assert_true (bv_database_set_member_groups (database, bv_member_get_id (member), groups, &error));
      g_assert_no_error (error);
    }
  return member;
}

/* Five members, three of them in "Mitglieder" (entitled to vote by the
 * statutes), two supporting members; somebody without an invitation is
 * in the room too and never counts. */
static void
test_electorate (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bv-test-quorum-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "quorum.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) database = bv_database_open (path, &error);
  g_autoptr(BvGroup) group = NULL;
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_ASSEMBLY);
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) participants = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GArray) entries = g_array_sized_new (FALSE, TRUE, sizeof (BvAttendanceSeen), 5);
  g_autofree char *line = NULL;
  const char *names[] = { "Anna", "Bernd", "Clara", "Dora", "Emil" };
  BvAttendanceSeen guest = { "w_gast", "Zaungast", NULL, NULL, FALSE };
  BvQuorumRule half_of_group = { BV_QUORUM_FRACTION, 0, 1, 2, NULL };
  BvQuorumRule half_of_all = { BV_QUORUM_FRACTION, 0, 1, 2, NULL };
  BvQuorumState state;

  g_assert_no_error (error);
  group = bv_group_new ("Mitglieder");
  g_assert_true (bv_database_save_group (database, group, &error));
  g_assert_no_error (error);
  half_of_group.group_id = bv_group_get_id (group);

  bv_meeting_set_title (meeting, "Mitgliederversammlung");
  bv_meeting_set_start (meeting, "2027-03-20T15:00:00", "Europe/Berlin");
  g_assert_true (bv_database_save_meeting (database, meeting, &error));
  g_assert_no_error (error);

  g_array_set_size (entries, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      BvMember *member = add_member (database, names[i], i < 3 ? bv_group_get_id (group) : NULL);
      BvParticipant *participant = bv_participant_new_member (bv_meeting_get_id (meeting), bv_member_get_id (member),
                                                              BV_PARTICIPANT_ROLE_PARTICIPANT);
      BvAttendanceSeen *entry = &g_array_index (entries, BvAttendanceSeen, i);

      g_assert_true (bv_database_add_participant (database, participant, &error));
      g_assert_no_error (error);
      g_ptr_array_add (members, member);
      g_ptr_array_add (participants, participant);
      entry->user_id = bv_participant_get_link_key (participant);
      entry->full_name = names[i];
      entry->participant_id = bv_participant_get_id (participant);
      entry->member_id = bv_member_get_id (member);
      entry->invited = TRUE;
    }

  /* Anna and Bernd of the group, Dora outside it, and the guest. */
  g_ptr_array_add (seen, &g_array_index (entries, BvAttendanceSeen, 0));
  g_ptr_array_add (seen, &g_array_index (entries, BvAttendanceSeen, 1));
  g_ptr_array_add (seen, &g_array_index (entries, BvAttendanceSeen, 3));
  g_ptr_array_add (seen, &guest);
  g_assert_true (bv_database_record_attendance (database, bv_meeting_get_id (meeting), 1000, seen, &error));
  g_assert_no_error (error);
  people = bv_attendance_summarize (database, meeting, 1000);

  /* Half of the group's three: 2 required, exactly 2 there. */
  bv_quorum_evaluate (database, &half_of_group, people, &state);
  g_assert_cmpuint (state.entitled, ==, 3);
  g_assert_cmpuint (state.present, ==, 2);
  g_assert_cmpuint (state.required, ==, 2);
  g_assert_true (state.met);

  /* Half of all five: 3 required (2.5 rounded up); Dora counts now, the
   * guest never. */
  bv_quorum_evaluate (database, &half_of_all, people, &state);
  g_assert_cmpuint (state.entitled, ==, 5);
  g_assert_cmpuint (state.present, ==, 3);
  g_assert_cmpuint (state.required, ==, 3);
  g_assert_true (state.met);

  /* Bernd leaves: one short of the group's quorum. */
  g_ptr_array_remove_index (seen, 1);
  g_assert_true (bv_database_record_attendance (database, bv_meeting_get_id (meeting), 1020, seen, &error));
  g_clear_pointer (&people, g_ptr_array_unref);
  people = bv_attendance_summarize (database, meeting, 1020);
  bv_quorum_evaluate (database, &half_of_group, people, &state);
  g_assert_false (state.met);
  line = bv_quorum_describe (&state);
  g_assert_cmpstr (line, ==, "Not quorate: 1 of 3 entitled voters present (required: 2)");

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

  g_test_add_func ("/core/quorum/required", test_required);
  g_test_add_func ("/core/quorum/describe", test_describe);
  g_test_add_func ("/core/quorum/electorate", test_electorate);

  return g_test_run ();
}
