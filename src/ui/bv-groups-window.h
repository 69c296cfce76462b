/* bv-groups-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-database.h"

G_BEGIN_DECLS

#define BV_TYPE_GROUPS_WINDOW (bv_groups_window_get_type ())
G_DECLARE_FINAL_TYPE (BvGroupsWindow, bv_groups_window, BV, GROUPS_WINDOW, AdwPreferencesWindow)

/* The club's groups with how many members each has: create, rename and
 * delete them (after a confirmation; the members stay). Works on
 * @database directly and follows its group list. */
BvGroupsWindow *bv_groups_window_new (GtkWindow  *parent,
                                      BvDatabase *database);

G_END_DECLS
