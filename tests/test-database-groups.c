/* test-database-groups.c
 *
 * Groups in the database (store/bv-database-groups) and who belongs to them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "store-fixture.h"

static void
test_groups (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvGroup) board = NULL;
  g_autoptr(BvGroup) course = NULL;
  g_autoptr(BvGroup) again = bv_group_new ("  übungsleiter ");
  g_autoptr(BvGroup) trainers = NULL;
  g_autoptr(BvGroup) found = NULL;
  g_autoptr(BvMember) anna = NULL;
  g_autoptr(BvMember) bernd = NULL;
  g_autoptr(GPtrArray) in_board = NULL;
  g_autofree char *names = NULL;
  const char *both[3];
  BvDatabase *db = open_db ("groups.db");

  board = add_group (db, "Vorstand");
  course = add_group (db, "Kursgruppe Montag");
  trainers = add_group (db, "Übungsleiter");
  names = names_of (bv_database_get_groups (db));
  g_assert_cmpstr (names, ==, "Kursgruppe Montag,Übungsleiter,Vorstand");

  /* Unique regardless of case, also beyond ASCII. */
  g_assert_false (bv_database_save_group (db, again, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "übungsleiter"));
  g_clear_error (&error);
  found = bv_database_find_group_by_name (db, "ÜBUNGSLEITER");
  g_assert_true (found == trainers);

  anna = add_member (db, "Anna", "anna@example.org");
  bernd = add_member (db, "Bernd", "bernd@example.org");
  both[0] = bv_group_get_id (board);
  both[1] = bv_group_get_id (course);
  both[2] = NULL;
  g_assert_true (bv_database_set_member_groups (db, bv_member_get_id (anna), both, &error));
  g_assert_no_error (error);
  bv_member_set_group_ids (bernd, (const char *[]) { bv_group_get_id (board), NULL });
  g_assert_true (bv_database_save_member (db, bernd, &error));
  g_assert_no_error (error);
  g_assert_true (bv_member_has_group (anna, bv_group_get_id (course)));

  in_board = bv_database_list_group_members (db, bv_group_get_id (board));
  g_assert_cmpuint (in_board->len, ==, 2);
  g_assert_true (g_ptr_array_index (in_board, 0) == anna);

  /* A group that does not exist is refused as a whole. */
  g_assert_false (bv_database_set_member_groups (db, bv_member_get_id (bernd),
                                                 (const char *[]) { "no-such-group", NULL }, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_true (bv_member_has_group (bernd, bv_group_get_id (board)));

  /* Renaming sorts anew; deleting leaves the members without it. */
  bv_group_set_name (course, "Aerobic Montag");
  g_assert_true (bv_database_save_group (db, course, &error));
  g_assert_no_error (error);
  g_clear_pointer (&names, g_free);
  names = names_of (bv_database_get_groups (db));
  g_assert_cmpstr (names, ==, "Aerobic Montag,Übungsleiter,Vorstand");

  g_assert_true (bv_database_delete_group (db, bv_group_get_id (board), &error));
  g_assert_no_error (error);
  g_assert_false (bv_member_has_group (anna, bv_group_get_id (board)));
  g_assert_true (bv_member_has_group (anna, bv_group_get_id (course)));
  g_assert_cmpuint (g_strv_length ((char **)bv_member_get_group_ids (bernd)), ==, 0);

  g_clear_object (&anna);
  g_clear_object (&bernd);
  g_clear_object (&found);
  g_clear_pointer (&in_board, g_ptr_array_unref);
  g_assert_finalize_object (db);

  db = open_db ("groups.db");
  anna = bv_database_find_member_by_email (db, "anna@example.org");
  g_assert_cmpuint (g_strv_length ((char **)bv_member_get_group_ids (anna)), ==, 1);
  g_assert_true (bv_member_has_group (anna, bv_group_get_id (course)));
  g_clear_object (&anna);
  g_assert_finalize_object (db);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = bv_test_isolate_dirs ("bv-test-database-groups");
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/database-groups/groups", test_groups);

  status = g_test_run ();

  if (root)
    bv_test_remove_tree (root);
  return status;
}
