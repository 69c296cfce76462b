/* bv-ui-print.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-print-document.h"

G_BEGIN_DECLS

/* Prints @document through GTK's print dialog over @parent, or, with
 * @export_path, writes it there as a PDF the way the dialog's "Print to
 * File" would (for tests and scripts). The dialog does not block: GTK
 * runs it on its own, and an error shows in a message headed
 * @error_heading when it is over. */
void bv_ui_print_document (GtkWindow       *parent,
                           BvPrintDocument *document,
                           const char      *export_path,
                           const char      *error_heading);

G_END_DECLS
