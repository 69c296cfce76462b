/* bv-upcoming-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-context.h"

G_BEGIN_DECLS

#define BV_TYPE_UPCOMING_PAGE (bv_upcoming_page_get_type ())
G_DECLARE_FINAL_TYPE (BvUpcomingPage, bv_upcoming_page, BV, UPCOMING_PAGE, AdwBin)

/* The planned meetings of the store, grouped Today / This week / Later,
 * with the live state of their rooms asked of the servers every 30 s
 * while the page is on screen. */
void     bv_upcoming_page_setup        (BvUpcomingPage  *self,
                                        BvContext *manager,
                                        GSettings       *settings);
/* Re-reads the store, e.g. after a date of a meeting was cancelled. */
void     bv_upcoming_page_reload       (BvUpcomingPage  *self);
/* Asks the servers now instead of at the next 30 s tick. */
void     bv_upcoming_page_refresh_live (BvUpcomingPage  *self);

G_END_DECLS
