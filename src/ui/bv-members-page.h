/* bv-members-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-context.h"

G_BEGIN_DECLS

#define BV_TYPE_MEMBERS_PAGE (bv_members_page_get_type ())
G_DECLARE_FINAL_TYPE (BvMembersPage, bv_members_page, BV, MEMBERS_PAGE, AdwBin)

/* The club's address list (Mitglieder): a searchable list of members
 * with their groups; add, edit, delete with undo, import from CSV or
 * vCard, and per person "Export Data…" (DSGVO Art. 15) and "Delete
 * Everywhere…" (Art. 17). Emits "show-toast" (AdwToast) for the window.
 *
 * Actions, for the window's menus and shortcuts: members.add,
 * members.import, members.search (Ctrl+F inside the page), and with the
 * member id as "s": members.edit, members.export, members.delete,
 * members.erase. */
void     bv_members_page_setup  (BvMembersPage   *self,
                                 BvContext *manager,
                                 GSettings       *settings);
/* Shows the search entry and puts the focus into it. */
void     bv_members_page_search (BvMembersPage   *self);

G_END_DECLS
