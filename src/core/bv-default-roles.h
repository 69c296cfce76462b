/* bv-default-roles.h
 *
 * The role someone gets when they are invited (product.md, "Meeting
 * kinds"): who moderates follows from the meeting's kind and, for
 * members, from the names of their groups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bv-database.h"
#include "bv-meeting.h"
#include "bv-member.h"
#include "bv-participant.h"

G_BEGIN_DECLS

/* "Vorstand", "Board" or the translation of "Board", in any case. */
gboolean          bv_default_roles_is_board_group  (const char          *group_name);

/* Übungsleiter, Kursleitung, Gruppenleitung, Trainer, … leader (or the
 * translation of "leader") anywhere in the name, in any case. */
gboolean          bv_default_roles_is_leader_group (const char          *group_name);

/* bv_default_roles_suggest_group(): invite all members. */
#define BV_DEFAULT_ROLES_ALL_MEMBERS G_MAXUINT

/* Which of @groups (of BvGroup) "Invite a Group" starts on for a meeting
 * of @kind, so that one careless click invites the right people: the
 * board for a board meeting, the leaders for a course, workshop or group
 * meeting (the first group of that kind), everyone for an assembly
 * (BV_DEFAULT_ROLES_ALL_MEMBERS). Without such a group, the first group;
 * without any group, BV_DEFAULT_ROLES_ALL_MEMBERS. */
guint             bv_default_roles_suggest_group   (BvMeetingKind        kind,
                                                    GListModel          *groups);

/* A member's role in a meeting of @kind when they are in the groups
 * named @group_names (nullable): everyone moderates a board meeting, the
 * board an assembly, leaders their courses, workshops and groups. */
BvParticipantRole bv_default_roles_for_groups      (BvMeetingKind        kind,
                                                    const char * const  *group_names);

/* As bv_default_roles_for_groups(), with @member's groups from
 * @database; @member NULL is a guest, who never moderates. */
BvParticipantRole bv_default_roles_for_member      (BvDatabase          *database,
                                                    BvMeetingKind        kind,
                                                    BvMember            *member);

/* Invites those of @members (of BvMember) to @meeting who are not in
 * @participants (of BvParticipant) yet, each with their default role,
 * and appends them to @participants (so a member given twice is invited
 * once). Stops at the first error.
 *
 * Returns: how many were invited, also when @error is set */
guint             bv_default_roles_invite_members  (BvDatabase          *database,
                                                    BvMeeting           *meeting,
                                                    GPtrArray           *participants,
                                                    GPtrArray           *members,
                                                    GError             **error);

G_END_DECLS
