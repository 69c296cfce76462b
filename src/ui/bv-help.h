/* bv-help.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Opens the user help at @page_id (a Mallard page id such as
 * "invite-people"; NULL for the start page) in the help viewer, and,
 * where no viewer handles help: URIs or showing it fails, the same page
 * of the HTML help in the web browser, in the user's language when it is
 * translated. @parent (nullable) is any widget of the window it belongs
 * to. Every "Hilfe", F1 and "?" in the app goes through here. */
void  bv_show_help_page     (GtkWidget  *parent,
                             const char *page_id);

/* The HTML help's file for @page_id (NULL: the start page) in the first of
 * the user's languages that has it, else in C: a file:// URI, or NULL if
 * the HTML help is not installed. BBB_VEREINE_HELP_HTML_DIR overrides the
 * installed folder (uninstalled runs, tests). */
char *bv_help_html_uri      (const char *page_id);

G_END_DECLS
