/* bv-live-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-context.h"

G_BEGIN_DECLS

#define BV_TYPE_LIVE_PAGE (bv_live_page_get_type ())
G_DECLARE_FINAL_TYPE (BvLivePage, bv_live_page, BV, LIVE_PAGE, AdwBin)

/* The meetings running on one conference server right now (a drop-down
 * chooses the server when there are several; "default-server" first),
 * asked every 30 s while the page is on screen; the people in the
 * selected one, asked every 10 s; joining it as moderator and ending it.
 * Ctrl+R and F5 inside the page refresh. */
void bv_live_page_setup   (BvLivePage      *self,
                           BvContext *manager,
                           GSettings       *settings);
/* Asks the server now instead of at the next 30 s tick (only while the
 * page is on screen). */
void bv_live_page_refresh (BvLivePage      *self);

G_END_DECLS
