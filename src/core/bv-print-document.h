/* bv-print-document.h
 *
 * A small printable document (issue 17: the minutes of an assembly, the
 * letters with QR codes): headings, paragraphs, table rows, signature
 * lines, QR codes and page breaks, laid out on pages with Pango and drawn
 * with cairo. The same drawing serves a PDF file and GtkPrintOperation:
 * paginate with the cairo context of either, then draw page by page.
 * Sizes are in points.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

#define BV_TYPE_PRINT_DOCUMENT (bv_print_document_get_type ())
G_DECLARE_FINAL_TYPE (BvPrintDocument, bv_print_document, BV, PRINT_DOCUMENT, GObject)

/* A4 */
#define BV_PRINT_PAGE_WIDTH  595.276
#define BV_PRINT_PAGE_HEIGHT 841.890

BvPrintDocument *bv_print_document_new            (const char       *title);
const char      *bv_print_document_get_title      (BvPrintDocument  *self);

void             bv_print_document_add_heading    (BvPrintDocument  *self,
                                                   const char       *text);
void             bv_print_document_add_subheading (BvPrintDocument  *self,
                                                   const char       *text);
void             bv_print_document_add_paragraph  (BvPrintDocument  *self,
                                                   const char       *text);
/* One row of a table whose columns take the given shares of the width
 * (@shares sums to 1); @header rows are bold. */
void             bv_print_document_add_row        (BvPrintDocument  *self,
                                                   const char *const *cells,
                                                   const double     *shares,
                                                   guint             n_cells,
                                                   gboolean          header);
/* Lines to sign on, side by side, each with its caption below. */
void             bv_print_document_add_signatures (BvPrintDocument  *self,
                                                   const char *const *captions,
                                                   guint             n_captions);
/* @text as a QR code, @size points wide; FALSE if it cannot be encoded. */
gboolean         bv_print_document_add_qr_code    (BvPrintDocument  *self,
                                                   const char       *text,
                                                   double            size);
void             bv_print_document_add_page_break (BvPrintDocument  *self);

/* Lays the document out for pages of @width × @height drawn through @cr
 * (for GtkPrintOperation: in points, its context's cairo context); the
 * number of pages. */
guint            bv_print_document_paginate       (BvPrintDocument  *self,
                                                   cairo_t          *cr,
                                                   double            width,
                                                   double            height);
/* Draws page @page (from 0) of the last pagination. */
void             bv_print_document_draw_page      (BvPrintDocument  *self,
                                                   cairo_t          *cr,
                                                   guint             page);

/* The document as an A4 PDF, to be written where the caller likes (the
 * minutes and letters are personal data: with G_FILE_CREATE_PRIVATE). */
GBytes          *bv_print_document_to_pdf         (BvPrintDocument  *self);

G_END_DECLS
