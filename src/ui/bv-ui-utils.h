/* bv-ui-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void bv_ui_fix_accessible_names (GtkWidget *root);
void bv_ui_set_tooltip          (GtkWidget  *widget,
                                 const char *text);

/* A message dialog that asks for a name (of a group): an entry named
 * @entry_label holding @text, "cancel" and "save" (@save_label, usable
 * only while the name is not blank). The entry is the extra child. */
AdwMessageDialog *bv_ui_name_dialog_new (GtkWindow  *parent,
                                         const char *heading,
                                         const char *body,
                                         const char *entry_label,
                                         const char *text,
                                         const char *save_label);

/* The name typed into a dialog from bv_ui_name_dialog_new (), without
 * surrounding blanks. */
char *bv_ui_name_dialog_get_name (AdwMessageDialog *dialog);

G_END_DECLS
