/* bv-group.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BV_TYPE_GROUP (bv_group_get_type ())
G_DECLARE_FINAL_TYPE (BvGroup, bv_group, BV, GROUP, GObject)

/* A group of members ("Vorstand", "Kursgruppe Montag"), used to invite
 * many at once. Names are unique regardless of case. */
BvGroup    *bv_group_new      (const char *name);
const char *bv_group_get_id   (BvGroup    *self);
const char *bv_group_get_name (BvGroup    *self);
void        bv_group_set_name (BvGroup    *self,
                               const char *name);

G_END_DECLS
