/* bv-member-chooser.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BV_TYPE_MEMBER_CHOOSER (bv_member_chooser_get_type ())
G_DECLARE_FINAL_TYPE (BvMemberChooser, bv_member_chooser, BV, MEMBER_CHOOSER, AdwWindow)

/* "Invite Members": the club's @members (of BvMember) that are not in
 * @invited (member ids; nullable), each with a check box, and a search
 * by name or address. "_Invite" emits ::members-chosen with the checked
 * members (a GPtrArray of BvMember); the handler closes the window. */
BvMemberChooser *bv_member_chooser_new (GtkWindow  *parent,
                                        GListModel *members,
                                        GHashTable *invited);

G_END_DECLS
