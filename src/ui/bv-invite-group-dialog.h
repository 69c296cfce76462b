/* bv-invite-group-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-database.h"

G_BEGIN_DECLS

#define BV_TYPE_INVITE_GROUP_DIALOG (bv_invite_group_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BvInviteGroupDialog, bv_invite_group_dialog, BV, INVITE_GROUP_DIALOG, AdwMessageDialog)

/* "Invite a Group": a drop-down of "All Members" and @database's groups,
 * starting on the one that suits a meeting of @kind
 * (bv_default_roles_suggest_group()), and how many of the chosen group's members are not in @invited
 * (member ids; copied) yet. The "invite" response is enabled while
 * someone is missing; "cancel" closes. */
BvInviteGroupDialog *bv_invite_group_dialog_new          (GtkWindow           *parent,
                                                          BvDatabase          *database,
                                                          GHashTable          *invited,
                                                          BvMeetingKind        kind);

/* The chosen group's id, or NULL (also for "All Members"). */
const char          *bv_invite_group_dialog_get_group_id (BvInviteGroupDialog *self);
/* Whether "All Members" is chosen. */
gboolean             bv_invite_group_dialog_get_all_members (BvInviteGroupDialog *self);

G_END_DECLS
