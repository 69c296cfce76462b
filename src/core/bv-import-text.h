/* bv-import-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the calendar and member imports both need of the text of a file. */

/* @text (valid UTF-8) as plain one-line text: control and format
 * characters (escape sequences, backspaces, line breaks, bidi overrides)
 * become blanks, and of at most @max_chars characters (counted before
 * the blanks at the ends are stripped) what is left; NULL when nothing
 * is. */
char       *bv_import_text_plain       (const char *text,
                                        guint       max_chars);

/* The colon that ends the name and parameters of a content line, in
 * iCalendar (RFC 5545 3.1) and vCard (RFC 6350 3.3) alike: the first one
 * outside quoted parameter values (TZID="a:b"). NULL when there is
 * none. */
const char *bv_import_text_value_colon (const char *line);

G_END_DECLS
