/* bv-agenda-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bv-agenda-item.h"

G_DEFINE_BOXED_TYPE (BvAgendaItem, bv_agenda_item, bv_agenda_item_copy, bv_agenda_item_free)

static char *
dup_or_null (const char *text)
{
  return text && *text ? g_strdup (text) : NULL;
}

BvAgendaItem *
bv_agenda_item_new_full (const char *id,
                         const char *title,
                         const char *motion)
{
  BvAgendaItem *item = g_new0 (BvAgendaItem, 1);

  item->id = id && *id ? g_strdup (id) : g_uuid_string_random ();
  item->title = g_strdup (title ? title : "");
  item->motion = dup_or_null (motion);
  return item;
}

BvAgendaItem *
bv_agenda_item_new (const char *title,
                    const char *motion)
{
  return bv_agenda_item_new_full (NULL, title, motion);
}

BvAgendaItem *
bv_agenda_item_copy (const BvAgendaItem *item)
{
  g_return_val_if_fail (item, NULL);

  return bv_agenda_item_new_full (item->id, item->title, item->motion);
}

void
bv_agenda_item_free (BvAgendaItem *item)
{
  if (!item)
    return;
  g_free (item->id);
  g_free (item->title);
  g_free (item->motion);
  g_free (item);
}

gboolean
bv_agenda_item_equal (const BvAgendaItem *a,
                      const BvAgendaItem *b)
{
  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->motion, b->motion) == 0;
}

GPtrArray *
bv_agenda_copy (GPtrArray *items)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_agenda_item_free);

  for (guint i = 0; items && i < items->len; i++)
    g_ptr_array_add (copy, bv_agenda_item_copy (g_ptr_array_index (items, i)));
  return copy;
}

gboolean
bv_agenda_equal (GPtrArray *a,
                 GPtrArray *b)
{
  guint len_a = a ? a->len : 0;
  guint len_b = b ? b->len : 0;

  if (len_a != len_b)
    return FALSE;
  for (guint i = 0; i < len_a; i++)
    if (!bv_agenda_item_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}
