/* bv-recordings-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-context.h"

G_BEGIN_DECLS

#define BV_TYPE_RECORDINGS_PAGE (bv_recordings_page_get_type ())
G_DECLARE_FINAL_TYPE (BvRecordingsPage, bv_recordings_page, BV, RECORDINGS_PAGE, AdwBin)

/* The recordings of one server (the default one, else the first; a drop-down
 * chooses when there are several), loaded when the page is first shown:
 * search, filter by meeting, play, publish, unpublish, delete. */
void     bv_recordings_page_setup  (BvRecordingsPage *self,
                                    BvContext  *manager,
                                    GSettings        *settings);
/* Loads the list again from the server, e.g. after the server's settings
 * changed; only while the page is shown, otherwise the next time it is. */
void     bv_recordings_page_reload (BvRecordingsPage *self);

G_END_DECLS
