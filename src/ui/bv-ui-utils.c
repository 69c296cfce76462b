/* bv-ui-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "bv-ui-utils.h"

/* GTK 4.8 names a button with a mnemonic from both its label property and
 * the label child, so screen readers hear "_Speichern Speichern". Without
 * the property the name comes from the child label alone. Buttons created
 * inside libadwaita widgets (message dialog responses) have the same
 * problem, hence a walk over the whole tree; call it again after adding
 * widgets that libadwaita builds (toasts). */
void
bv_ui_fix_accessible_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root)))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL);

  /* libadwaita 1.2 gives a toast's dismiss button only an icon. */
  if (GTK_IS_BUTTON (root) && !gtk_button_get_label (GTK_BUTTON (root)) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), "window-close-symbolic") == 0)
    gtk_accessible_update_property (GTK_ACCESSIBLE (root),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close"),
                                    -1);

  /* GTK 4.8 leaves the button inside a drop-down unnamed; its tooltip
   * says what the drop-down chooses. */
  if (GTK_IS_DROP_DOWN (root) && gtk_widget_get_tooltip_text (root))
    {
      for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w))
        if (GTK_IS_BUTTON (w))
          gtk_accessible_update_property (GTK_ACCESSIBLE (w),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_widget_get_tooltip_text (root),
                                          -1);
    }

  /* libadwaita 1.2's expander row leaves its enable switch unnamed; it
   * switches what the row's title says. */
  if (ADW_IS_EXPANDER_ROW (root))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root));

      for (GtkWidget *w = gtk_widget_get_first_child (root); w; )
        {
          if (GTK_IS_SWITCH (w))
            {
              gtk_accessible_update_property (GTK_ACCESSIBLE (w),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                              -1);
              break;
            }
          /* Depth first, but not into the rows the expander reveals. */
          if (gtk_widget_get_first_child (w) && !GTK_IS_REVEALER (w))
            w = gtk_widget_get_first_child (w);
          else
            {
              while (w != root && !gtk_widget_get_next_sibling (w))
                w = gtk_widget_get_parent (w);
              w = w == root ? NULL : gtk_widget_get_next_sibling (w);
            }
        }
    }

  /* libadwaita 1.2 points a row's switch at the title label, and GTK 4.8
   * then reads the title twice ("Kamera Kamera"). */
  if (ADW_IS_ACTION_ROW (root) && GTK_IS_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (root))))
    {
      GtkWidget *widget = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (root));

      gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)),
                                      -1);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child;
       child = gtk_widget_get_next_sibling (child))
    bv_ui_fix_accessible_names (child);
}

static void
name_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

AdwMessageDialog *
bv_ui_name_dialog_new (GtkWindow  *parent,
                       const char *heading,
                       const char *body,
                       const char *entry_label,
                       const char *text,
                       const char *save_label)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (heading && entry_label && save_label, NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, entry_label,
                                  -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "save", save_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (name_changed_cb), dialog);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  name_changed_cb (GTK_EDITABLE (entry), dialog);
  bv_ui_fix_accessible_names (GTK_WIDGET (dialog));
  return dialog;
}

char *
bv_ui_name_dialog_get_name (AdwMessageDialog *dialog)
{
  GtkWidget *entry;

  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), NULL);

  entry = adw_message_dialog_get_extra_child (dialog);
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

/* gtk_widget_set_tooltip_text () on a visible widget asks the display
 * where the pointer is, in case the tooltip should show at once: on X11
 * one round trip per call, which added up to 2 ms of the first frame on
 * Anstehend. A widget not yet in a window cannot be under the pointer, so
 * its tooltip is set while it is briefly hidden. */
void
bv_ui_set_tooltip (GtkWidget  *widget,
                   const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (gtk_widget_get_parent (widget) || !gtk_widget_get_visible (widget))
    {
      gtk_widget_set_tooltip_text (widget, text);
      return;
    }
  gtk_widget_set_visible (widget, FALSE);
  gtk_widget_set_tooltip_text (widget, text);
  gtk_widget_set_visible (widget, TRUE);
}

AdwToast *
bv_ui_toast_new (const char *text)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (text, NULL);

  escaped = g_markup_escape_text (text, -1);
  return adw_toast_new (escaped);
}

AdwToast *
bv_ui_toast_new_format (const char *format,
                        ...)
{
  g_autofree char *markup = NULL;
  va_list args;

  g_return_val_if_fail (format, NULL);

  va_start (args, format);
  markup = g_markup_vprintf_escaped (format, args);
  va_end (args);
  return adw_toast_new (markup);
}

void
bv_ui_show_message (GtkLabel   *label,
                    const char *text,
                    const char *css_class)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text && *text);
  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  if (css_class)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
}

void
bv_ui_mark_error (gpointer widget,
                  gboolean error)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (widget), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (widget), "error");
}

void
bv_ui_name_from_row (GtkWidget *widget,
                     gpointer   row)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_PREFERENCES_ROW (row));

  /* A row's activatable widget is also labelled by the row's title, and
   * GTK 4.8 then reads the title twice ("Alle Alle"). */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);
}

void
bv_ui_take_calendar_day (GtkCalendar   *calendar,
                         AdwEntryRow   *row,
                         GtkMenuButton *button)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (GTK_IS_CALENDAR (calendar));
  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  day = gtk_calendar_get_date (calendar);
  text = g_date_time_format (day, "%d.%m.%Y");
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  if (button)
    gtk_menu_button_popdown (button);
}

#define TOASTS_KEY "bv-ui-toasts"
#define SHOWN_AT_KEY "bv-ui-shown-at"
/* libadwaita 1.2 shows a toast in up to 500 ms and hides it in 300 ms;
 * a toast hidden before it is fully shown is freed while its show
 * animation still runs, and that crashes. */
#define TOAST_SHOW_MS 600

static void
mark_shown (AdwToast *toast)
{
  g_object_set_data (G_OBJECT (toast), SHOWN_AT_KEY, GSIZE_TO_POINTER ((gsize) (g_get_monotonic_time () / 1000)));
}

/* Runs after the overlay's own handler, which brings the next toast on
 * show: its widget exists now. */
static void
toast_dismissed_cb (AdwToast        *toast,
                    AdwToastOverlay *overlay)
{
  GPtrArray *toasts = g_object_get_data (G_OBJECT (overlay), TOASTS_KEY);
  guint index;

  if (!toasts || !g_ptr_array_find (toasts, toast, &index))
    return;
  g_ptr_array_remove_index (toasts, index);
  /* All our toasts queue in order: the next one is on show now. */
  if (index == 0 && toasts->len > 0)
    {
      mark_shown (g_ptr_array_index (toasts, 0));
      bv_ui_fix_accessible_names (GTK_WIDGET (overlay));
    }
}

/* The toasts @overlay has not dismissed yet, oldest (the one on show) first. */
static GPtrArray *
overlay_toasts (AdwToastOverlay *overlay)
{
  GPtrArray *toasts = g_object_get_data (G_OBJECT (overlay), TOASTS_KEY);

  if (!toasts)
    {
      toasts = g_ptr_array_new ();
      g_object_set_data_full (G_OBJECT (overlay), TOASTS_KEY, toasts, (GDestroyNotify) g_ptr_array_unref);
    }
  return toasts;
}

void
bv_ui_add_toast (AdwToastOverlay *overlay,
                 AdwToast        *toast)
{
  GPtrArray *toasts = overlay_toasts (overlay);

  if (toasts->len == 0)
    mark_shown (toast);
  g_ptr_array_add (toasts, toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), overlay, G_CONNECT_AFTER);
  adw_toast_overlay_add_toast (overlay, toast);
  bv_ui_fix_accessible_names (GTK_WIDGET (overlay));
}

static gboolean
dismiss_later_cb (gpointer toast)
{
  adw_toast_dismiss (toast);
  return G_SOURCE_REMOVE;
}

void
bv_ui_add_toast_now (AdwToastOverlay *overlay,
                     AdwToast        *toast)
{
  GPtrArray *toasts = overlay_toasts (overlay);
  AdwToast *shown;
  gint64 age;

  /* Queued ones have no widget yet and go at once, newest first, so that
   * the one on show has nothing behind it but @toast. */
  for (guint i = toasts->len; i > 1; i--)
    adw_toast_dismiss (g_ptr_array_index (toasts, i - 1));
  shown = toasts->len > 0 ? g_ptr_array_index (toasts, 0) : NULL;
  bv_ui_add_toast (overlay, toast);
  if (!shown)
    return;

  age = g_get_monotonic_time () / 1000 - GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (shown), SHOWN_AT_KEY));
  if (age >= TOAST_SHOW_MS)
    adw_toast_dismiss (shown);
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, TOAST_SHOW_MS - age, dismiss_later_cb,
                        g_object_ref (shown), g_object_unref);
}

void
bv_ui_show_error (GtkWindow  *parent,
                  const char *heading,
                  const char *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  bv_ui_fix_accessible_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
bv_ui_show_notice (GtkWidget  *widget,
                   const char *heading,
                   const char *body)
{
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  root = gtk_widget_get_root (widget);
  bv_ui_show_error (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
}

gboolean
bv_ui_widget_is_on_screen (GtkWidget *widget)
{
  GtkNative *native;
  GdkSurface *surface;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  if (!gtk_widget_get_mapped (widget))
    return FALSE;

  native = gtk_widget_get_native (widget);
  surface = native ? gtk_native_get_surface (native) : NULL;
  if (surface && GDK_IS_TOPLEVEL (surface) &&
      (gdk_toplevel_get_state (GDK_TOPLEVEL (surface)) & GDK_TOPLEVEL_STATE_MINIMIZED))
    return FALSE;

  return TRUE;
}
