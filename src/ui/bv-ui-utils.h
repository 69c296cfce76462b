/* bv-ui-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void bv_ui_fix_accessible_names (GtkWidget *root);

G_END_DECLS
