/* bv-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-context.h"

G_BEGIN_DECLS

#define BV_TYPE_PREFERENCES_WINDOW (bv_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (BvPreferencesWindow, bv_preferences_window, BV, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* manager may be NULL when the database could not be opened. */
BvPreferencesWindow *bv_preferences_window_new (GtkWindow       *parent,
                                                GSettings       *settings,
                                                BvContext *manager);

G_END_DECLS
