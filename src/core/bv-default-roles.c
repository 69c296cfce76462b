/* bv-default-roles.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-default-roles.h"
#include "bv-group.h"

#include <string.h>

#include <glib/gi18n-lib.h>

gboolean
bv_default_roles_is_board_group (const char *group_name)
{
  g_autofree char *name = NULL;
  g_autofree char *board = NULL;

  g_return_val_if_fail (group_name, FALSE);

  name = g_utf8_casefold (group_name, -1);
  /* Translators: the usual name of a club's board as a group of members;
   * members of a group of this name moderate general assemblies. */
  board = g_utf8_casefold (_("Board"), -1);

  return g_str_equal (name, board) || g_str_equal (name, "vorstand") || g_str_equal (name, "board");
}

gboolean
bv_default_roles_is_leader_group (const char *group_name)
{
  static const char * const parts[] = { "leiter", "leitung", "trainer", "leader", NULL };
  g_autofree char *name = NULL;
  g_autofree char *leader = NULL;

  g_return_val_if_fail (group_name, FALSE);

  name = g_utf8_casefold (group_name, -1);
  /* Translators: part of the name of a group of course or group leaders
   * ("Übungsleiter", "Kursleitung"); members of such a group moderate
   * courses, workshops and group meetings. Lower case. */
  leader = g_utf8_casefold (_("leader"), -1);

  if (*leader && strstr (name, leader))
    return TRUE;
  for (guint i = 0; parts[i]; i++)
    if (strstr (name, parts[i]))
      return TRUE;
  return FALSE;
}

guint
bv_default_roles_suggest_group (BvMeetingKind  kind,
                                GListModel    *groups)
{
  gboolean (*matches) (const char *group_name) = NULL;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (groups), BV_DEFAULT_ROLES_ALL_MEMBERS);

  n = g_list_model_get_n_items (groups);
  switch (kind)
    {
    case BV_MEETING_KIND_ASSEMBLY:
      return BV_DEFAULT_ROLES_ALL_MEMBERS;
    case BV_MEETING_KIND_BOARD:
      matches = bv_default_roles_is_board_group;
      break;
    case BV_MEETING_KIND_COURSE:
    case BV_MEETING_KIND_WORKSHOP:
    case BV_MEETING_KIND_GROUP:
    default:
      matches = bv_default_roles_is_leader_group;
      break;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BvGroup) group = g_list_model_get_item (groups, i);

      if (matches (bv_group_get_name (group)))
        return i;
    }
  return n > 0 ? 0 : BV_DEFAULT_ROLES_ALL_MEMBERS;
}

static gboolean
any_group (const char * const *group_names,
           gboolean          (*matches) (const char *group_name))
{
  for (guint i = 0; group_names && group_names[i]; i++)
    if (matches (group_names[i]))
      return TRUE;
  return FALSE;
}

BvParticipantRole
bv_default_roles_for_groups (BvMeetingKind       kind,
                             const char * const *group_names)
{
  switch (kind)
    {
    case BV_MEETING_KIND_BOARD:
      /* Everyone invited to a board meeting is on the board. */
      return BV_PARTICIPANT_ROLE_MODERATOR;

    case BV_MEETING_KIND_ASSEMBLY:
      return any_group (group_names, bv_default_roles_is_board_group)
             ? BV_PARTICIPANT_ROLE_MODERATOR : BV_PARTICIPANT_ROLE_PARTICIPANT;

    /* The course or group leader moderates; the leader who plans the
     * meeting joins as moderator anyway. */
    case BV_MEETING_KIND_COURSE:
    case BV_MEETING_KIND_WORKSHOP:
    case BV_MEETING_KIND_GROUP:
      return any_group (group_names, bv_default_roles_is_leader_group)
             ? BV_PARTICIPANT_ROLE_MODERATOR : BV_PARTICIPANT_ROLE_PARTICIPANT;

    default:
      return BV_PARTICIPANT_ROLE_PARTICIPANT;
    }
}

BvParticipantRole
bv_default_roles_for_member (BvDatabase    *database,
                             BvMeetingKind  kind,
                             BvMember      *member)
{
  const char * const *group_ids;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) names = NULL;

  g_return_val_if_fail (BV_IS_DATABASE (database), BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_return_val_if_fail (!member || BV_IS_MEMBER (member), BV_PARTICIPANT_ROLE_PARTICIPANT);

  if (!member)
    return BV_PARTICIPANT_ROLE_PARTICIPANT;   /* guests */

  builder = g_strv_builder_new ();
  group_ids = bv_member_get_group_ids (member);
  for (guint i = 0; group_ids && group_ids[i]; i++)
    {
      g_autoptr(BvGroup) group = bv_database_find_group (database, group_ids[i]);

      /* A group deleted meanwhile no longer counts. */
      if (group)
        g_strv_builder_add (builder, bv_group_get_name (group));
    }
  names = g_strv_builder_end (builder);

  return bv_default_roles_for_groups (kind, (const char * const *) names);
}

static gboolean
is_invited (GPtrArray  *participants,
            const char *member_id)
{
  for (guint i = 0; i < participants->len; i++)
    if (g_strcmp0 (bv_participant_get_member_id (g_ptr_array_index (participants, i)), member_id) == 0)
      return TRUE;
  return FALSE;
}

guint
bv_default_roles_invite_members (BvDatabase  *database,
                                 BvMeeting   *meeting,
                                 GPtrArray   *participants,
                                 GPtrArray   *members,
                                 GError     **error)
{
  guint added = 0;

  g_return_val_if_fail (BV_IS_DATABASE (database), 0);
  g_return_val_if_fail (BV_IS_MEETING (meeting), 0);
  g_return_val_if_fail (participants && members, 0);

  for (guint i = 0; i < members->len; i++)
    {
      BvMember *member = g_ptr_array_index (members, i);
      g_autoptr(BvParticipant) participant = NULL;

      if (is_invited (participants, bv_member_get_id (member)))
        continue;
      participant = bv_participant_new_member (bv_meeting_get_id (meeting), bv_member_get_id (member),
                                               bv_default_roles_for_member (database,
                                                                            bv_meeting_get_kind (meeting),
                                                                            member));
      if (!bv_database_add_participant (database, participant, error))
        break;
      /* Counted as invited at once, should a member appear twice. */
      g_ptr_array_add (participants, g_steal_pointer (&participant));
      added++;
    }

  return added;
}
