/* bv-ui-print.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include "bv-ui-print.h"

#include "bv-ui-utils.h"

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                BvPrintDocument   *document)
{
  guint pages = bv_print_document_paginate (document, gtk_print_context_get_cairo_context (context),
                                            gtk_print_context_get_width (context),
                                            gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, pages);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              BvPrintDocument   *document)
{
  bv_print_document_draw_page (document, gtk_print_context_get_cairo_context (context), page);
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         GtkWindow               *parent)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR &&
      !g_object_get_data (G_OBJECT (operation), "bv-error-shown"))
    {
      gtk_print_operation_get_error (operation, &error);
      bv_ui_show_error (parent, g_object_get_data (G_OBJECT (operation), "bv-error-heading"),
                        error ? error->message : "");
    }
}

void
bv_ui_print_document (GtkWindow       *parent,
                      BvPrintDocument *document,
                      const char      *export_path,
                      const char      *error_heading)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (BV_IS_PRINT_DOCUMENT (document));

  /* Laid out in points on the full page, as for the PDF. */
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_job_name (operation, bv_print_document_get_title (document));
  /* With the dialog, a nested main loop would run the rest of the app
   * (toasts, polls) inside this call; GTK keeps the operation alive until
   * "done". A PDF for a script is written before this returns. */
  gtk_print_operation_set_allow_async (operation, export_path == NULL);
  g_object_set_data_full (G_OBJECT (operation), "bv-error-heading", g_strdup (error_heading), g_free);
  g_signal_connect_data (operation, "begin-print", G_CALLBACK (begin_print_cb),
                         g_object_ref (document), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb),
                         g_object_ref (document), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  g_signal_connect_object (operation, "done", G_CALLBACK (done_cb), parent, 0);
  if (export_path)
    gtk_print_operation_set_export_filename (operation, export_path);
  if (gtk_print_operation_run (operation,
                               export_path ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                           : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               parent, &error) == GTK_PRINT_OPERATION_RESULT_ERROR && error)
    {
      /* "done" may bring the same error again. */
      g_object_set_data (G_OBJECT (operation), "bv-error-shown", GINT_TO_POINTER (TRUE));
      bv_ui_show_error (parent, error_heading, error->message);
    }
}
