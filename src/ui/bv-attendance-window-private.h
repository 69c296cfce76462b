/* bv-attendance-window-private.h
 *
 * For the window's tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bv-attendance-window.h"

G_BEGIN_DECLS

/* Prints the minutes through the same GtkPrintOperation as "Print the
 * Minutes…", exported to the PDF @path instead of asking. */
void _bv_attendance_window_print_to_file (BvAttendanceWindow *self,
                                          const char         *path);

G_END_DECLS
