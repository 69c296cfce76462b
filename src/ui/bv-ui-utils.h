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

/* Whether anybody can see @widget: it is mapped (a page is unmapped when
 * another page is shown or the window is hidden) and its window is not
 * minimised (a minimised window keeps its widgets mapped). Pages that poll
 * a server ask this first: nothing is asked while nobody can see it. */
gboolean bv_ui_widget_is_on_screen (GtkWidget *widget);

/* Toasts whose title is plain text. In libadwaita 1.2 a toast's title is
 * Pango markup: a name like "Vorstand & Beirat" would empty it, and
 * "<a href=…>" would become a link. The _format variant escapes every
 * string argument (g_markup_printf_escaped), the format itself is ours. */
AdwToast *bv_ui_toast_new        (const char *text);
AdwToast *bv_ui_toast_new_format (const char *format,
                                  ...) G_GNUC_PRINTF (1, 2);

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

/* A form's message under its rows: @text (NULL or empty hides the label)
 * styled as @css_class ("error", "warning" or NULL). */
void bv_ui_show_message  (GtkLabel   *label,
                          const char *text,
                          const char *css_class);
/* Marks a row (any widget) as holding a wrong value, or not. */
void bv_ui_mark_error    (gpointer    widget,
                          gboolean    error);
/* libadwaita 1.2 does not name a row's suffix controls after the row. */
void bv_ui_name_from_row (GtkWidget  *widget,
                          gpointer    row);

/* The day chosen in a date row's calendar popover, written into the row
 * as the form shows dates; closes @button's popover. */
void bv_ui_take_calendar_day (GtkCalendar   *calendar,
                              AdwEntryRow   *row,
                              GtkMenuButton *button);
/* Shows @toast in @overlay, with the accessible names its button needs. */
void bv_ui_add_toast  (AdwToastOverlay *overlay,
                       AdwToast        *toast);
/* Shows @toast next, for an undo that cannot wait behind confirmations:
 * the toasts before it are dismissed (the one on show once it has been
 * fully shown). ADW_TOAST_PRIORITY_HIGH would do this, but libadwaita 1.2
 * aborts (show_toast: assertion !info->widget) when the toast it pushed
 * aside comes back while it is still fading out. All toasts of an overlay
 * must go through these two functions. */
void bv_ui_add_toast_now (AdwToastOverlay *overlay,
                          AdwToast        *toast);

/* A message over @parent with only a "Close" button. */
void bv_ui_show_error (GtkWindow       *parent,
                       const char      *heading,
                       const char      *body);
/* The same over @widget's window. For anything that says what to do: it
 * stays until it is closed. Toasts are for short confirmations only
 * (a toast's title is cut off after a few words). */
void bv_ui_show_notice (GtkWidget      *widget,
                        const char     *heading,
                        const char     *body);

G_END_DECLS
