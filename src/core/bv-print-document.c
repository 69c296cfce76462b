/* bv-print-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-print-document.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#define MARGIN_SIDE   56.7   /* 2 cm */
#define MARGIN_TOP    56.7
#define MARGIN_BOTTOM 70.0   /* room for the footer */
#define FONT          "Sans"

typedef enum {
  BLOCK_HEADING,
  BLOCK_SUBHEADING,
  BLOCK_PARAGRAPH,
  BLOCK_ROW,
  BLOCK_SIGNATURES,
  BLOCK_QR,
  BLOCK_PAGE_BREAK,
} BlockKind;

typedef struct
{
  BlockKind  kind;
  GStrv      texts;
  double    *shares;
  gboolean   header;
  /* QR: modules × modules, row by row, TRUE for dark */
  guint      modules;
  guint8    *dots;
  double     size;
  /* from the last pagination */
  guint      page;
  double     y;
  double     height;
} Block;

struct _BvPrintDocument
{
  GObject    parent_instance;

  char      *title;
  GPtrArray *blocks;
  guint      pages;
  double     width;
  double     height;
};

G_DEFINE_FINAL_TYPE (BvPrintDocument, bv_print_document, G_TYPE_OBJECT)

static void
block_free (Block *block)
{
  g_strfreev (block->texts);
  g_free (block->shares);
  g_free (block->dots);
  g_free (block);
}

static void
bv_print_document_finalize (GObject *object)
{
  BvPrintDocument *self = BV_PRINT_DOCUMENT (object);

  g_free (self->title);
  g_ptr_array_unref (self->blocks);
  G_OBJECT_CLASS (bv_print_document_parent_class)->finalize (object);
}

static void
bv_print_document_class_init (BvPrintDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bv_print_document_finalize;
}

static void
bv_print_document_init (BvPrintDocument *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->width = BV_PRINT_PAGE_WIDTH;
  self->height = BV_PRINT_PAGE_HEIGHT;
}

BvPrintDocument *
bv_print_document_new (const char *title)
{
  BvPrintDocument *self = g_object_new (BV_TYPE_PRINT_DOCUMENT, NULL);

  self->title = g_strdup (title ? title : "");
  return self;
}

const char *
bv_print_document_get_title (BvPrintDocument *self)
{
  g_return_val_if_fail (BV_IS_PRINT_DOCUMENT (self), NULL);
  return self->title;
}

static Block *
add_block (BvPrintDocument *self,
           BlockKind        kind,
           const char      *text)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  if (text)
    {
      block->texts = g_new0 (char *, 2);
      block->texts[0] = g_strdup (text);
    }
  g_ptr_array_add (self->blocks, block);
  self->pages = 0;
  return block;
}

void
bv_print_document_add_heading (BvPrintDocument *self,
                               const char      *text)
{
  g_return_if_fail (BV_IS_PRINT_DOCUMENT (self));
  add_block (self, BLOCK_HEADING, text ? text : "");
}

void
bv_print_document_add_subheading (BvPrintDocument *self,
                                  const char      *text)
{
  g_return_if_fail (BV_IS_PRINT_DOCUMENT (self));
  add_block (self, BLOCK_SUBHEADING, text ? text : "");
}

void
bv_print_document_add_paragraph (BvPrintDocument *self,
                                 const char      *text)
{
  g_return_if_fail (BV_IS_PRINT_DOCUMENT (self));
  add_block (self, BLOCK_PARAGRAPH, text ? text : "");
}

void
bv_print_document_add_row (BvPrintDocument   *self,
                           const char *const *cells,
                           const double      *shares,
                           guint              n_cells,
                           gboolean           header)
{
  Block *block;

  g_return_if_fail (BV_IS_PRINT_DOCUMENT (self));
  g_return_if_fail (n_cells > 0 && cells && shares);

  block = add_block (self, BLOCK_ROW, NULL);
  block->texts = g_new0 (char *, n_cells + 1);
  block->shares = g_new0 (double, n_cells);
  for (guint i = 0; i < n_cells; i++)
    {
      block->texts[i] = g_strdup (cells[i] ? cells[i] : "");
      block->shares[i] = shares[i];
    }
  block->header = header;
}

void
bv_print_document_add_signatures (BvPrintDocument   *self,
                                  const char *const *captions,
                                  guint              n_captions)
{
  Block *block;

  g_return_if_fail (BV_IS_PRINT_DOCUMENT (self));
  g_return_if_fail (n_captions > 0 && captions);

  block = add_block (self, BLOCK_SIGNATURES, NULL);
  block->texts = g_new0 (char *, n_captions + 1);
  for (guint i = 0; i < n_captions; i++)
    block->texts[i] = g_strdup (captions[i] ? captions[i] : "");
}

gboolean
bv_print_document_add_qr_code (BvPrintDocument *self,
                               const char      *text,
                               double           size)
{
  QRcode *code;
  Block *block;

  g_return_val_if_fail (BV_IS_PRINT_DOCUMENT (self), FALSE);
  g_return_val_if_fail (text, FALSE);

  /* Level M survives a crease or a stain on a letter. */
  code = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  if (!code)
    return FALSE;
  block = add_block (self, BLOCK_QR, NULL);
  block->modules = code->width;
  block->dots = g_new0 (guint8, (gsize) code->width * code->width);
  for (int i = 0; i < code->width * code->width; i++)
    block->dots[i] = code->data[i] & 1;
  block->size = size;
  QRcode_free (code);
  return TRUE;
}

void
bv_print_document_add_page_break (BvPrintDocument *self)
{
  g_return_if_fail (BV_IS_PRINT_DOCUMENT (self));
  add_block (self, BLOCK_PAGE_BREAK, NULL);
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoContext *context = pango_cairo_create_context (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT);
  PangoLayout *layout;

  /* Sizes in points whatever the surface's resolution. */
  pango_cairo_context_set_resolution (context, 72.0);
  layout = pango_layout_new (context);
  g_object_unref (context);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static double text_size[] = {
  [BLOCK_HEADING] = 16, [BLOCK_SUBHEADING] = 12.5, [BLOCK_PARAGRAPH] = 10.5,
  [BLOCK_ROW] = 9.5, [BLOCK_SIGNATURES] = 9.5,
};
/* Room after a block */
static double spacing[] = {
  [BLOCK_HEADING] = 12, [BLOCK_SUBHEADING] = 6, [BLOCK_PARAGRAPH] = 8,
  [BLOCK_ROW] = 3, [BLOCK_SIGNATURES] = 12, [BLOCK_QR] = 10,
};

#define SIGNATURE_ROOM 40.0  /* above the line, to sign */
#define CELL_GAP 6.0

/* Draws @block at @y (or only measures it with @draw FALSE); its height. */
static double
render_block (Block   *block,
              cairo_t *cr,
              double   width,
              double   y,
              gboolean draw)
{
  switch (block->kind)
    {
    case BLOCK_HEADING:
    case BLOCK_SUBHEADING:
    case BLOCK_PARAGRAPH:
      {
        g_autoptr(PangoLayout) layout = make_layout (cr, block->texts[0], text_size[block->kind],
                                                     block->kind != BLOCK_PARAGRAPH, width);
        if (draw)
          {
            cairo_move_to (cr, MARGIN_SIDE, y);
            pango_cairo_show_layout (cr, layout);
          }
        return layout_height (layout);
      }

    case BLOCK_ROW:
      {
        double x = MARGIN_SIDE;
        double height = 0;

        for (guint i = 0; block->texts[i]; i++)
          {
            double cell = block->shares[i] * width;
            g_autoptr(PangoLayout) layout = make_layout (cr, block->texts[i], text_size[BLOCK_ROW],
                                                         block->header, MAX (cell - CELL_GAP, 10));

            height = MAX (height, layout_height (layout));
            if (draw)
              {
                cairo_move_to (cr, x, y);
                pango_cairo_show_layout (cr, layout);
              }
            x += cell;
          }
        if (draw && block->header)
          {
            cairo_set_line_width (cr, 0.6);
            cairo_move_to (cr, MARGIN_SIDE, y + height + 1);
            cairo_line_to (cr, MARGIN_SIDE + width, y + height + 1);
            cairo_stroke (cr);
          }
        return height + (block->header ? 2 : 0);
      }

    case BLOCK_SIGNATURES:
      {
        guint n = g_strv_length (block->texts);
        double slot = width / n;
        double height = 0;

        for (guint i = 0; i < n; i++)
          {
            double x = MARGIN_SIDE + i * slot;
            g_autoptr(PangoLayout) layout = make_layout (cr, block->texts[i], text_size[BLOCK_SIGNATURES],
                                                         FALSE, slot - 2 * CELL_GAP);

            height = MAX (height, layout_height (layout));
            if (draw)
              {
                cairo_set_line_width (cr, 0.6);
                cairo_move_to (cr, x, y + SIGNATURE_ROOM);
                cairo_line_to (cr, x + slot - 2 * CELL_GAP, y + SIGNATURE_ROOM);
                cairo_stroke (cr);
                cairo_move_to (cr, x, y + SIGNATURE_ROOM + 3);
                pango_cairo_show_layout (cr, layout);
              }
          }
        return SIGNATURE_ROOM + 3 + height;
      }

    case BLOCK_QR:
      if (draw)
        {
          /* A quiet zone of four modules around the code, as the
           * standard asks, so that scanners find it on any paper. */
          double module = block->size / (block->modules + 8);

          cairo_save (cr);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_rectangle (cr, MARGIN_SIDE, y, block->size, block->size);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, 0, 0, 0);
          for (guint row = 0; row < block->modules; row++)
            for (guint col = 0; col < block->modules; col++)
              if (block->dots[row * block->modules + col])
                cairo_rectangle (cr, MARGIN_SIDE + (col + 4) * module, y + (row + 4) * module,
                                 module, module);
          cairo_fill (cr);
          cairo_restore (cr);
        }
      return block->size;

    case BLOCK_PAGE_BREAK:
    default:
      return 0;
    }
}

guint
bv_print_document_paginate (BvPrintDocument *self,
                            cairo_t         *cr,
                            double           width,
                            double           height)
{
  double content = width - 2 * MARGIN_SIDE;
  double bottom = height - MARGIN_BOTTOM;
  double y = MARGIN_TOP;
  guint page = 0;

  g_return_val_if_fail (BV_IS_PRINT_DOCUMENT (self), 0);
  g_return_val_if_fail (cr, 0);

  self->width = width;
  self->height = height;
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      if (block->kind == BLOCK_PAGE_BREAK)
        {
          if (y > MARGIN_TOP)
            {
              page++;
              y = MARGIN_TOP;
            }
          continue;
        }
      block->height = render_block (block, cr, content, y, FALSE);
      /* A heading stays with what follows: it moves on when the next
       * block would not fit under it. */
      if (y > MARGIN_TOP &&
          (y + block->height > bottom ||
           ((block->kind == BLOCK_HEADING || block->kind == BLOCK_SUBHEADING) &&
            y + block->height + 3 * text_size[BLOCK_PARAGRAPH] > bottom)))
        {
          page++;
          y = MARGIN_TOP;
        }
      block->page = page;
      block->y = y;
      y += block->height + spacing[block->kind];
    }
  self->pages = page + 1;
  return self->pages;
}

static void
draw_footer (BvPrintDocument *self,
             cairo_t         *cr,
             guint            page)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  /* Translators: the footer of a printed page: a document's title, the
   * page's number and the number of pages. */
  text = g_strdup_printf (_("%s – page %u of %u"), self->title, page + 1, self->pages);
  layout = make_layout (cr, text, 8, FALSE, self->width - 2 * MARGIN_SIDE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  cairo_move_to (cr, MARGIN_SIDE, self->height - MARGIN_BOTTOM + 24);
  pango_cairo_show_layout (cr, layout);
}

void
bv_print_document_draw_page (BvPrintDocument *self,
                             cairo_t         *cr,
                             guint            page)
{
  double content;

  g_return_if_fail (BV_IS_PRINT_DOCUMENT (self));
  g_return_if_fail (self->pages > 0 && page < self->pages);

  content = self->width - 2 * MARGIN_SIDE;
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      if (block->kind != BLOCK_PAGE_BREAK && block->page == page)
        render_block (block, cr, content, block->y, TRUE);
    }
  draw_footer (self, cr, page);
  cairo_restore (cr);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * bv_print_document_to_pdf:
 *
 * Returns: (transfer full): the PDF's bytes
 */
GBytes *
bv_print_document_to_pdf (BvPrintDocument *self)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  guint pages;

  g_return_val_if_fail (BV_IS_PRINT_DOCUMENT (self), NULL);

  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes,
                                                 BV_PRINT_PAGE_WIDTH, BV_PRINT_PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "BBB für Vereine");
  cr = cairo_create (surface);
  pages = bv_print_document_paginate (self, cr, BV_PRINT_PAGE_WIDTH, BV_PRINT_PAGE_HEIGHT);
  for (guint page = 0; page < pages; page++)
    {
      bv_print_document_draw_page (self, cr, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    g_warning ("Writing a PDF failed: %s", cairo_status_to_string (cairo_surface_status (surface)));
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
