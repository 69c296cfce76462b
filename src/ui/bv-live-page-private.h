/* bv-live-page-private.h
 *
 * For tests: the clock behind the page's periodic refresh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bv-live-page.h"

G_BEGIN_DECLS

/* Arms a repeating timer like g_timeout_add_seconds (the default) and
 * returns a GSource id of the default main context, which the page
 * removes with g_source_remove when it stops refreshing. A test passes a
 * clock it advances by hand, so that "every 30 s" and "not while hidden"
 * are checked without waiting and without timing. */
typedef guint (*BvLivePageTimerFunc) (guint       seconds,
                                      GSourceFunc callback,
                                      gpointer    data);

void _bv_live_page_set_timer_func (BvLivePage          *self,
                                   BvLivePageTimerFunc  add_timer);

G_END_DECLS
