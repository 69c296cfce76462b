/* bv-agenda-item.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One item of a meeting's agenda (Tagesordnung). Resolutions can only be
 * taken on items announced in the invitation, so a motion (the wording
 * members vote on, e.g. a change of the statutes) belongs to its item. */
typedef struct
{
  char *id;      /* stable across edits, so that later results can refer to it */
  char *title;   /* never NULL or empty */
  char *motion;  /* NULL when the item has none */
} BvAgendaItem;

#define BV_TYPE_AGENDA_ITEM (bv_agenda_item_get_type ())
GType         bv_agenda_item_get_type (void) G_GNUC_CONST;

/* A new item with a fresh id; an empty @motion counts as none. */
BvAgendaItem *bv_agenda_item_new      (const char         *title,
                                       const char         *motion);
BvAgendaItem *bv_agenda_item_new_full (const char         *id,
                                       const char         *title,
                                       const char         *motion);
BvAgendaItem *bv_agenda_item_copy     (const BvAgendaItem *item);
void          bv_agenda_item_free     (BvAgendaItem       *item);
gboolean      bv_agenda_item_equal    (const BvAgendaItem *a,
                                       const BvAgendaItem *b);

/* A new array (element-type BvAgendaItem, freeing them) holding copies of
 * @items, which may be NULL. */
GPtrArray    *bv_agenda_copy          (GPtrArray          *items);
gboolean      bv_agenda_equal         (GPtrArray          *a,
                                       GPtrArray          *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BvAgendaItem, bv_agenda_item_free)

G_END_DECLS
