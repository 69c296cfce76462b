/* test-default-roles.c
 *
 * Who moderates by default: the group-name rules and the role per
 * meeting kind, with a member's groups from a real database file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>

#include "bv-default-roles.h"
#include "bv-test-utils.h"

#define MODERATOR BV_PARTICIPANT_ROLE_MODERATOR
#define PARTICIPANT BV_PARTICIPANT_ROLE_PARTICIPANT

static void
test_board_group (void)
{
  g_assert_true (bv_default_roles_is_board_group ("Vorstand"));
  g_assert_true (bv_default_roles_is_board_group ("VORSTAND"));
  g_assert_true (bv_default_roles_is_board_group ("board"));
  g_assert_true (bv_default_roles_is_board_group ("Board"));

  /* The whole name, not a part of it. */
  g_assert_false (bv_default_roles_is_board_group ("Erweiterter Vorstand"));
  g_assert_false (bv_default_roles_is_board_group ("Vorstandssitzung"));
  g_assert_false (bv_default_roles_is_board_group ("Mitglieder"));
  g_assert_false (bv_default_roles_is_board_group (""));
}

static void
test_leader_group (void)
{
  const char *leaders[] = { "Übungsleiter", "ÜBUNGSLEITERINNEN", "Kursleitung", "Gruppenleitung",
                            "Trainerinnen", "Team Leaders", NULL };
  const char *others[] = { "Vorstand", "Mitglieder", "Jugend", "Leiste", "", NULL };

  for (guint i = 0; leaders[i]; i++)
    g_assert_true (bv_default_roles_is_leader_group (leaders[i]));
  for (guint i = 0; others[i]; i++)
    g_assert_false (bv_default_roles_is_leader_group (others[i]));
}

static void
test_for_groups (void)
{
  const char *none[] = { NULL };
  const char *board[] = { "Jugend", "Vorstand", NULL };
  const char *leaders[] = { "Übungsleiter", NULL };

  /* Everyone invited to a board meeting is on the board. */
  g_assert_cmpint (bv_default_roles_for_groups (BV_MEETING_KIND_BOARD, NULL), ==, MODERATOR);
  g_assert_cmpint (bv_default_roles_for_groups (BV_MEETING_KIND_BOARD, none), ==, MODERATOR);

  g_assert_cmpint (bv_default_roles_for_groups (BV_MEETING_KIND_ASSEMBLY, board), ==, MODERATOR);
  g_assert_cmpint (bv_default_roles_for_groups (BV_MEETING_KIND_ASSEMBLY, leaders), ==, PARTICIPANT);
  g_assert_cmpint (bv_default_roles_for_groups (BV_MEETING_KIND_ASSEMBLY, NULL), ==, PARTICIPANT);

  for (BvMeetingKind kind = BV_MEETING_KIND_COURSE; kind <= BV_MEETING_KIND_GROUP; kind++)
    {
      g_assert_cmpint (bv_default_roles_for_groups (kind, leaders), ==, MODERATOR);
      g_assert_cmpint (bv_default_roles_for_groups (kind, board), ==, PARTICIPANT);
      g_assert_cmpint (bv_default_roles_for_groups (kind, none), ==, PARTICIPANT);
    }
}

static char *
save_group (BvDatabase *database,
            const char *name)
{
  g_autoptr(BvGroup) group = bv_group_new (name);
  g_autoptr(GError) error = NULL;

  bv_database_save_group (database, group, &error);
  g_assert_no_error (error);
  return g_strdup (bv_group_get_id (group));
}

static BvMember *
save_member (BvDatabase         *database,
             const char         *name,
             const char * const *group_ids)
{
  g_autoptr(BvMember) member = bv_member_new ();
  g_autoptr(GError) error = NULL;

  bv_member_set_name (member, name);
  bv_database_save_member (database, member, &error);
  g_assert_no_error (error);
  bv_database_set_member_groups (database, bv_member_get_id (member), group_ids, &error);
  g_assert_no_error (error);
  return bv_database_find_member (database, bv_member_get_id (member));
}

static void
test_for_member (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bv-default-roles-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) database = bv_database_open (path, &error);
  g_autofree char *board = NULL;
  g_autofree char *leaders = NULL;
  g_autofree char *youth = NULL;
  g_autoptr(BvMember) erika = NULL;
  g_autoptr(BvMember) lena = NULL;
  g_autoptr(BvMember) max = NULL;

  g_assert_no_error (error);
  board = save_group (database, "Vorstand");
  leaders = save_group (database, "Kursleitung");
  youth = save_group (database, "Jugend");
  erika = save_member (database, "Erika Musterfrau", (const char *[]) { board, youth, NULL });
  lena = save_member (database, "Lena Schmidt", (const char *[]) { leaders, NULL });
  max = save_member (database, "Max Mustermann", (const char *[]) { youth, NULL });

  g_assert_cmpint (bv_default_roles_for_member (database, BV_MEETING_KIND_ASSEMBLY, erika), ==, MODERATOR);
  g_assert_cmpint (bv_default_roles_for_member (database, BV_MEETING_KIND_ASSEMBLY, lena), ==, PARTICIPANT);
  g_assert_cmpint (bv_default_roles_for_member (database, BV_MEETING_KIND_COURSE, lena), ==, MODERATOR);
  g_assert_cmpint (bv_default_roles_for_member (database, BV_MEETING_KIND_COURSE, erika), ==, PARTICIPANT);
  g_assert_cmpint (bv_default_roles_for_member (database, BV_MEETING_KIND_BOARD, max), ==, MODERATOR);
  g_assert_cmpint (bv_default_roles_for_member (database, BV_MEETING_KIND_GROUP, max), ==, PARTICIPANT);

  /* Guests never moderate, not even a board meeting. */
  g_assert_cmpint (bv_default_roles_for_member (database, BV_MEETING_KIND_BOARD, NULL), ==, PARTICIPANT);
  g_assert_cmpint (bv_default_roles_for_member (database, BV_MEETING_KIND_COURSE, NULL), ==, PARTICIPANT);

  /* A renamed group counts by its new name. */
  {
    g_autoptr(BvGroup) group = bv_database_find_group (database, leaders);

    bv_group_set_name (group, "Jugendgruppe");
    bv_database_save_group (database, group, &error);
    g_assert_no_error (error);
    g_assert_cmpint (bv_default_roles_for_member (database, BV_MEETING_KIND_COURSE, lena), ==, PARTICIPANT);
  }

  g_clear_object (&database);
  bv_test_remove_tree (dir);
}

/* Those not invited yet, once each, with their default roles; the
 * caller's list grows with them. */
static void
test_invite_members (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bv-default-roles-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) database = bv_database_open (path, &error);
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_ASSEMBLY);
  g_autoptr(BvMeeting) unsaved = bv_meeting_new (BV_MEETING_KIND_BOARD);
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) just_max = g_ptr_array_new ();
  g_autofree char *board = NULL;
  BvMember *erika, *max, *lena;

  g_assert_no_error (error);
  board = save_group (database, "Vorstand");
  erika = save_member (database, "Erika Musterfrau", (const char *[]) { board, NULL });
  max = save_member (database, "Max Mustermann", NULL);
  lena = save_member (database, "Lena Schmidt", NULL);
  bv_meeting_set_title (meeting, "Mitgliederversammlung");
  bv_meeting_set_start (meeting, "2026-12-01T19:30:00", "Europe/Berlin");
  g_assert_true (bv_database_save_meeting (database, meeting, &error));
  g_assert_no_error (error);

  /* Max is invited already. */
  participants = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (just_max, max);
  g_assert_cmpuint (bv_default_roles_invite_members (database, meeting, participants, just_max, &error), ==, 1);
  g_assert_no_error (error);

  g_ptr_array_add (members, erika);
  g_ptr_array_add (members, g_object_ref (max));
  g_ptr_array_add (members, g_object_ref (erika));
  g_ptr_array_add (members, lena);
  g_assert_cmpuint (bv_default_roles_invite_members (database, meeting, participants, members, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (participants->len, ==, 3);

  stored = bv_database_list_participants (database, bv_meeting_get_id (meeting));
  g_assert_cmpuint (stored->len, ==, 3);
  for (guint i = 0; i < stored->len; i++)
    {
      BvParticipant *participant = g_ptr_array_index (stored, i);
      gboolean is_erika = g_str_equal (bv_participant_get_name (participant), "Erika Musterfrau");

      g_assert_cmpint (bv_participant_get_role (participant), ==, is_erika ? MODERATOR : PARTICIPANT);
    }

  /* The store refuses a meeting it does not know: nobody counted. */
  g_assert_cmpuint (bv_default_roles_invite_members (database, unsaved, none, members, &error), ==, 0);
  g_assert_nonnull (error);
  g_assert_cmpuint (none->len, ==, 0);

  g_clear_object (&max);
  g_clear_object (&database);
  bv_test_remove_tree (dir);
}

/* "Invite a Group" starts on the group the kind suggests: one careless
 * click must not invite the whole club to a board meeting. */
static void
test_suggest_group (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bv-default-roles-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) database = bv_database_open (path, &error);
  GListModel *groups;
  g_autofree char *members = NULL;
  g_autofree char *board = NULL;
  g_autofree char *leaders = NULL;
  guint members_at = G_MAXUINT - 1, board_at = G_MAXUINT - 1, leaders_at = G_MAXUINT - 1;

  g_assert_no_error (error);
  groups = bv_database_get_groups (database);

  /* No groups at all: everyone. */
  g_assert_cmpuint (bv_default_roles_suggest_group (BV_MEETING_KIND_BOARD, groups), ==,
                    BV_DEFAULT_ROLES_ALL_MEMBERS);

  members = save_group (database, "Mitglieder");
  /* Only a big group: it is all there is, but an assembly still invites everyone. */
  g_assert_cmpuint (bv_default_roles_suggest_group (BV_MEETING_KIND_BOARD, groups), ==, 0);
  g_assert_cmpuint (bv_default_roles_suggest_group (BV_MEETING_KIND_ASSEMBLY, groups), ==,
                    BV_DEFAULT_ROLES_ALL_MEMBERS);

  board = save_group (database, "Vorstand");
  leaders = save_group (database, "Übungsleiter");
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(BvGroup) group = g_list_model_get_item (groups, i);

      if (g_str_equal (bv_group_get_id (group), members))
        members_at = i;
      else if (g_str_equal (bv_group_get_id (group), board))
        board_at = i;
      else if (g_str_equal (bv_group_get_id (group), leaders))
        leaders_at = i;
    }
  g_assert_cmpuint (members_at, <, 3);
  g_assert_cmpuint (board_at, <, 3);
  g_assert_cmpuint (leaders_at, <, 3);

  g_assert_cmpuint (bv_default_roles_suggest_group (BV_MEETING_KIND_BOARD, groups), ==, board_at);
  g_assert_cmpuint (bv_default_roles_suggest_group (BV_MEETING_KIND_COURSE, groups), ==, leaders_at);
  g_assert_cmpuint (bv_default_roles_suggest_group (BV_MEETING_KIND_WORKSHOP, groups), ==, leaders_at);
  g_assert_cmpuint (bv_default_roles_suggest_group (BV_MEETING_KIND_GROUP, groups), ==, leaders_at);
  g_assert_cmpuint (bv_default_roles_suggest_group (BV_MEETING_KIND_ASSEMBLY, groups), ==,
                    BV_DEFAULT_ROLES_ALL_MEMBERS);

  g_clear_object (&database);
  bv_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/default-roles/board-group", test_board_group);
  g_test_add_func ("/core/default-roles/leader-group", test_leader_group);
  g_test_add_func ("/core/default-roles/for-groups", test_for_groups);
  g_test_add_func ("/core/default-roles/for-member", test_for_member);
  g_test_add_func ("/core/default-roles/invite-members", test_invite_members);
  g_test_add_func ("/core/default-roles/suggest-group", test_suggest_group);

  return g_test_run ();
}
