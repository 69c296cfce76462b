/* bv-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-application.h"

G_BEGIN_DECLS

#define BV_TYPE_WINDOW (bv_window_get_type ())
G_DECLARE_FINAL_TYPE (BvWindow, bv_window, BV, WINDOW, AdwApplicationWindow)

BvWindow   *bv_window_new              (BvApplication *application);
void        bv_window_show_preferences (BvWindow      *self);
void        bv_window_add_toast        (BvWindow      *self,
                                        AdwToast      *toast);
/* "welcome", "main" or "error" */
const char *bv_window_get_mode         (BvWindow      *self);
GtkWidget  *bv_window_get_page         (BvWindow      *self,
                                        const char    *name);

G_END_DECLS
