/* bv-ui-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include "bv-ui-utils.h"

/* GTK 4.8 names a button with a mnemonic from both its label property and
 * the label child, so screen readers hear "_Speichern Speichern". Without
 * the property the name comes from the child label alone. Buttons created
 * inside libadwaita widgets (message dialog responses) have the same
 * problem, hence a walk over the whole tree. */
void
bv_ui_fix_accessible_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root)))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child;
       child = gtk_widget_get_next_sibling (child))
    bv_ui_fix_accessible_names (child);
}
