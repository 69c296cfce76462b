/* test-database-members.c
 *
 * Members in the database (store/bv-database-members): saving, the
 * sorted list, delete and undo, erasing everywhere (DSGVO Art. 17),
 * edits in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "store-fixture.h"

static void
test_members_crud (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMember) anna = NULL;
  g_autoptr(BvMember) zoe = NULL;
  g_autoptr(BvMember) found = NULL;
  g_autoptr(BvMember) copy = NULL;
  g_autoptr(BvMember) clash = NULL;
  g_autoptr(BvMember) nameless = bv_member_new ();
  g_autofree char *names = NULL;
  BvDatabase *db = open_db ("crud.db");
  GListModel *members = bv_database_get_members (db);

  zoe = add_member (db, "Zoë Fischer", "zoe@example.org");
  anna = add_member (db, "  Änne Becker ", "Anne.Becker@Example.ORG");
  add_member (db, "bernd Groß", NULL);
  g_object_unref (g_list_model_get_item (members, 0));
  names = names_of (members);
  /* Sorted by last name, ignoring case and accents (German collation). */
  g_assert_cmpstr (names, ==, "Änne Becker,Zoë Fischer,bernd Groß");
  g_assert_cmpstr (bv_member_get_name (anna), ==, "Änne Becker");
  g_assert_cmpint (bv_member_get_created (anna), >, 0);

  found = bv_database_find_member_by_email (db, " anne.becker@EXAMPLE.org");
  g_assert_true (found == anna);
  g_clear_object (&found);
  g_assert_null (bv_database_find_member_by_email (db, "nobody@example.org"));

  /* Edit a copy: the list's object follows only after the save. */
  copy = bv_member_copy (anna);
  bv_member_set_phone (copy, "0631 1234");
  bv_member_set_name (copy, "Anne Becker");
  g_assert_null (bv_member_get_phone (anna));
  g_assert_true (bv_database_save_member (db, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (bv_member_get_phone (anna), ==, "0631 1234");
  g_assert_cmpstr (bv_member_get_name (anna), ==, "Anne Becker");

  /* Refused: no name, a bad address, an address another member has. */
  g_assert_false (bv_database_save_member (db, nameless, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_clear_error (&error);
  bv_member_set_name (nameless, "Ohne Adresse");
  bv_member_set_email (nameless, "kein-at-zeichen");
  g_assert_false (bv_database_save_member (db, nameless, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_clear_error (&error);
  clash = bv_member_new ();
  bv_member_set_name (clash, "Zweite Zoë");
  bv_member_set_email (clash, "ZOE@example.org");
  g_assert_false (bv_database_save_member (db, clash, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Zoë Fischer"));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 3);

  /* A failed save of the list's object puts the stored values back. */
  bv_member_set_email (zoe, "anne.becker@example.org");
  g_assert_false (bv_database_save_member (db, zoe, &error));
  g_clear_error (&error);
  g_assert_cmpstr (bv_member_get_email (zoe), ==, "zoe@example.org");

  g_clear_object (&anna);
  g_clear_object (&zoe);
  g_clear_object (&copy);
  g_assert_finalize_object (db);

  /* And it is all on disk. */
  db = open_db ("crud.db");
  members = bv_database_get_members (db);
  g_clear_pointer (&names, g_free);
  names = names_of (members);
  g_assert_cmpstr (names, ==, "Anne Becker,Zoë Fischer,bernd Groß");
  found = bv_database_find_member_by_email (db, "anne.becker@example.org");
  g_assert_cmpstr (bv_member_get_phone (found), ==, "0631 1234");
  g_assert_true (bv_database_delete_member (db, bv_member_get_id (found), &error));
  g_assert_no_error (error);
  g_assert_false (bv_database_delete_member (db, bv_member_get_id (found), &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 2);
  g_clear_object (&found);
  g_assert_finalize_object (db);
}

/* Delete keeps nothing; restore (the undo) brings back the member with the
 * same id, groups and link keys. */
static void
test_delete_and_restore (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) board_meeting = NULL;
  g_autoptr(BvMeeting) course_meeting = NULL;
  g_autoptr(BvMember) anna = NULL;
  g_autoptr(BvMember) kept = NULL;
  g_autoptr(BvMember) back = NULL;
  g_autoptr(BvGroup) board = NULL;
  g_autoptr(BvParticipant) p1 = NULL;
  g_autoptr(BvParticipant) p2 = NULL;
  g_autoptr(GPtrArray) participations = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *path = test_path ("restore.db");
  g_autoptr(sqlite3) raw = NULL;
  BvDatabase *db = open_db ("restore.db");

  board = add_group (db, "Vorstand");
  anna = add_member (db, "Anna", "anna@example.org");
  bv_member_set_group_ids (anna, (const char *[]) { bv_group_get_id (board), NULL });
  g_assert_true (bv_database_save_member (db, anna, &error));
  board_meeting = add_meeting (db, "Vorstandssitzung");
  course_meeting = add_meeting (db, "Kurs");
  p1 = invite (db, board_meeting, anna, BV_PARTICIPANT_ROLE_MODERATOR);
  p2 = invite (db, course_meeting, anna, BV_PARTICIPANT_ROLE_PARTICIPANT);

  kept = bv_member_copy (anna);
  participations = bv_database_list_member_participations (db, bv_member_get_id (anna));
  g_assert_cmpuint (participations->len, ==, 2);
  g_assert_true (bv_database_delete_member (db, bv_member_get_id (anna), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_members (db)), ==, 0);

  raw = raw_open (path, TRUE);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meeting_participants"), ==, 0);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM member_groups"), ==, 0);
  g_clear_pointer (&raw, sqlite3_close);

  /* In between, one of the meetings goes away: the restore leaves it out. */
  g_assert_true (bv_database_delete_meeting (db, bv_meeting_get_id (course_meeting), &error));
  g_assert_true (bv_database_restore_member (db, kept, participations, NULL, &error));
  g_assert_no_error (error);

  back = bv_database_find_member (db, bv_member_get_id (anna));
  g_assert_nonnull (back);
  g_assert_cmpstr (bv_member_get_email (back), ==, "anna@example.org");
  g_assert_cmpint (bv_member_get_created (back), ==, bv_member_get_created (anna));
  g_assert_true (bv_member_has_group (back, bv_group_get_id (board)));
  again = bv_database_list_member_participations (db, bv_member_get_id (anna));
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_cmpstr (bv_participant_get_link_key (g_ptr_array_index (again, 0)), ==,
                   bv_participant_get_link_key (p1));
  g_assert_true (bv_database_check_integrity (db, &error));
  g_assert_no_error (error);

  g_clear_object (&back);
  g_assert_finalize_object (db);
}

/* Art. 17: the person is gone from every table and from the files. */
static void
test_erase_everywhere (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(BvMeeting) other = NULL;
  g_autoptr(BvMember) erased = NULL;
  g_autoptr(BvMember) stays = NULL;
  g_autoptr(BvGroup) group = NULL;
  g_autoptr(BvParticipant) p1 = NULL;
  g_autoptr(BvParticipant) p2 = NULL;
  g_autoptr(BvParticipant) guest = NULL;
  g_autoptr(BvParticipant) other_guest = NULL;
  g_autofree char *path = test_path ("erase.db");
  g_autoptr(sqlite3) raw = NULL;
  BvDatabase *db = open_db ("erase.db");
  /* Unusual enough to appear nowhere else in the file. */
  const char *name = "Hildegard Quastenbergerin";
  const char *note = "Zugangscode-Notiz-7f3a9c";

  group = add_group (db, "Selbsthilfegruppe");
  erased = add_member (db, name, "hildegard.q@example.org");
  bv_member_set_notes (erased, note);
  bv_member_set_group_ids (erased, (const char *[]) { bv_group_get_id (group), NULL });
  g_assert_true (bv_database_save_member (db, erased, &error));
  stays = add_member (db, "Bleibt Hier", "bleibt@example.org");
  meeting = add_meeting (db, "Gruppentreffen");
  other = add_meeting (db, "Workshop");
  p1 = invite (db, meeting, erased, BV_PARTICIPANT_ROLE_PARTICIPANT);
  p2 = invite (db, meeting, stays, BV_PARTICIPANT_ROLE_MODERATOR);
  /* The same person once invited as a guest with the same address. */
  guest = bv_participant_new_guest (bv_meeting_get_id (other), "H. Q.", "Hildegard.Q@example.org",
                                    BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_assert_true (bv_database_add_participant (db, guest, &error));
  other_guest = bv_participant_new_guest (bv_meeting_get_id (other), "Andere", "andere@example.org",
                                          BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_assert_true (bv_database_add_participant (db, other_guest, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (bv_database_count_member_meetings (db, bv_member_get_id (erased)), ==, 2);

  /* Positive control: the probe finds the person before the erasure. */
  g_assert_true (database_files_contain (path, name));
  g_assert_true (database_files_contain (path, note));
  g_assert_true (database_files_contain (path, "hildegard.q@example.org"));
  g_assert_true (database_files_contain (path, "Hildegard.Q@example.org"));
  g_assert_true (database_files_contain (path, "Bleibt Hier"));

  g_assert_true (bv_database_erase_member (db, bv_member_get_id (erased), &error));
  g_assert_no_error (error);
  g_assert_null (bv_database_find_member (db, bv_member_get_id (erased)));
  g_assert_false (bv_database_erase_member (db, bv_member_get_id (erased), &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  raw = raw_open (path, TRUE);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM members"), ==, 1);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM member_groups"), ==, 0);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meeting_participants"), ==, 2);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM meeting_participants WHERE guest_email LIKE 'hildegard%'"), ==, 0);
  g_assert_cmpint (raw_int (raw, "SELECT count(*) FROM groups"), ==, 1);
  g_clear_pointer (&raw, sqlite3_close);

  /* secure_delete and the emptied log: not even the free pages keep it. */
  g_assert_false (database_files_contain (path, name));
  g_assert_false (database_files_contain (path, note));
  g_assert_false (database_files_contain (path, "hildegard.q@example.org"));
  g_assert_false (database_files_contain (path, "Hildegard.Q@example.org"));
  /* … while the one who stays is still found by the same probe. */
  g_assert_true (database_files_contain (path, "Bleibt Hier"));

  g_assert_true (bv_database_check_integrity (db, &error));
  g_assert_no_error (error);
  g_clear_object (&stays);
  g_assert_finalize_object (db);
}

/* Rows of members and groups show text that is not bound to the item's
 * properties, so an edit that keeps the item's place must still tell the
 * views (items-changed 1 → 1 at its position); one that moves it removes
 * and inserts it. */
static void
test_edit_in_place (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (ItemsChange));
  g_autoptr(BvMember) anna = NULL;
  g_autoptr(BvMember) bernd = NULL;
  g_autoptr(BvGroup) chor = NULL;
  g_autoptr(BvGroup) vorstand = NULL;
  GListModel *members;
  GListModel *groups;
  ItemsChange *change;
  BvDatabase *db = open_db ("in-place.db");

  anna = add_member (db, "Anna", NULL);
  bernd = add_member (db, "Bernd", NULL);
  chor = add_group (db, "Chor");
  vorstand = add_group (db, "Vorstand");
  members = bv_database_get_members (db);
  groups = bv_database_get_groups (db);
  g_signal_connect (members, "items-changed", G_CALLBACK (items_changed_cb), changes);
  g_signal_connect (groups, "items-changed", G_CALLBACK (items_changed_cb), changes);

  bv_member_set_notes (bernd, "Kassenwart");
  g_assert_true (bv_database_save_member (db, bernd, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, ItemsChange, 0);
  g_assert_cmpuint (change->position, ==, 1);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 1);

  g_array_set_size (changes, 0);
  bv_group_set_name (vorstand, "Vorstand (neu)");
  g_assert_true (bv_database_save_group (db, vorstand, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, ItemsChange, 0);
  g_assert_cmpuint (change->position, ==, 1);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 1);

  /* Moving: removed at the old place, inserted at the new one. */
  g_array_set_size (changes, 0);
  bv_member_set_name (anna, "Zora");
  g_assert_true (bv_database_save_member (db, anna, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpuint (g_array_index (changes, ItemsChange, 0).position, ==, 0);
  g_assert_cmpuint (g_array_index (changes, ItemsChange, 0).removed, ==, 1);
  g_assert_cmpuint (g_array_index (changes, ItemsChange, 1).position, ==, 1);
  g_assert_cmpuint (g_array_index (changes, ItemsChange, 1).added, ==, 1);
  {
    g_autoptr(BvMember) second = g_list_model_get_item (members, 1);

    g_assert_true (second == anna);
  }

  g_signal_handlers_disconnect_by_data (members, changes);
  g_signal_handlers_disconnect_by_data (groups, changes);
  g_assert_finalize_object (db);
}

/* Club lists go by last name in German dictionary order (DIN 5007-1, ICU
 * collation "de"): Ä with A, Ö with O, ß as ss; first names decide
 * between equal last names; the choice of salutation survives a reload. */
static void
test_sort_by_last_name (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  g_autofree char *reloaded_names = NULL;
  g_autoptr(BvMember) last = NULL;
  g_autoptr(BvMember) found = NULL;
  BvDatabase *db = open_db ("sort.db");
  BvDatabase *reloaded;
  const char *people[][2] = {
    { "Zoe", "Zander" }, { "Ute", "Ärger" }, { "Bernd", "Abel" }, { "Olga", "Oz" },
    { "Otto", "Öffner" }, { "Ida", "Ofen" }, { "Sepp", "Strauß" }, { "Sara", "Strausz" },
    { "Paul", "Straus" }, { "Anton", "Abel" }, { "", "Vorstand" }, { "Änne", "Meyer" },
    { "Anne", "Meyer" }, { "Bea", "Meyer" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(BvMember) member = bv_member_new ();

      bv_member_set_names (member, people[i][0], people[i][1]);
      if (i == 1)
        bv_member_set_salutation (member, BV_MEMBER_SALUTATION_FEMALE);
      g_assert_true (bv_database_save_member (db, member, &error));
      g_assert_no_error (error);
      if (i == 1)
        last = g_object_ref (member);
    }

  names = names_of (bv_database_get_members (db));
  g_assert_cmpstr (names, ==,
                   "Anton Abel,Bernd Abel,Ute Ärger,Anne Meyer,Änne Meyer,Bea Meyer,"
                   "Ida Ofen,Otto Öffner,Olga Oz,Paul Straus,Sepp Strauß,Sara Strausz,"
                   "Vorstand,Zoe Zander");

  /* Renaming moves the member to where the new last name sorts. */
  bv_member_set_names (last, "Ute", "Zweig");
  g_assert_true (bv_database_save_member (db, last, &error));
  g_assert_no_error (error);
  g_clear_pointer (&names, g_free);
  names = names_of (bv_database_get_members (db));
  g_assert_true (g_str_has_suffix (names, "Zoe Zander,Ute Zweig"));

  /* The same order and the parts after a new start. */
  g_object_unref (db);
  reloaded = open_db ("sort.db");
  reloaded_names = names_of (bv_database_get_members (reloaded));
  g_assert_cmpstr (reloaded_names, ==, names);
  found = bv_database_find_member (reloaded, bv_member_get_id (last));
  g_assert_cmpstr (bv_member_get_first_name (found), ==, "Ute");
  g_assert_cmpstr (bv_member_get_last_name (found), ==, "Zweig");
  g_assert_cmpint (bv_member_get_salutation (found), ==, BV_MEMBER_SALUTATION_FEMALE);
  g_object_unref (reloaded);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = bv_test_isolate_dirs ("bv-test-database-members");
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/database-members/crud", test_members_crud);
  g_test_add_func ("/store/database-members/sort-by-last-name", test_sort_by_last_name);
  g_test_add_func ("/store/database-members/delete-and-restore", test_delete_and_restore);
  g_test_add_func ("/store/database-members/erase-everywhere", test_erase_everywhere);
  g_test_add_func ("/store/database-members/edit-in-place", test_edit_in_place);

  status = g_test_run ();

  if (root)
    bv_test_remove_tree (root);
  return status;
}
