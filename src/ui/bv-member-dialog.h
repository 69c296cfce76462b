/* bv-member-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-database.h"

G_BEGIN_DECLS

#define BV_TYPE_MEMBER_DIALOG (bv_member_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BvMemberDialog, bv_member_dialog, BV, MEMBER_DIALOG, AdwWindow)

/* Adds (@member NULL) or edits a member: name (required), e-mail address
 * (checked loosely while typing), phone, notes and groups, with "New
 * Group…". Saves to @database itself, emits "saved" (BvMember, the
 * list's object) and closes; a refused save is shown in the dialog. */
BvMemberDialog *bv_member_dialog_new (GtkWindow  *parent,
                                      BvDatabase *database,
                                      BvMember   *member);

G_END_DECLS
