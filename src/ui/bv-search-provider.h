/* bv-search-provider.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bv-application.h"

G_BEGIN_DECLS

#define BV_SEARCH_PROVIDER_PATH "/org/herzlich/BbbVereine/SearchProvider"

#define BV_TYPE_SEARCH_PROVIDER (bv_search_provider_get_type ())
G_DECLARE_FINAL_TYPE (BvSearchProvider, bv_search_provider, BV, SEARCH_PROVIDER, GObject)

/* GNOME Shell's search (org.gnome.Shell.SearchProvider2, the skeleton
 * generated from org.gnome.Shell.SearchProvider2.xml) over the planned
 * meetings: a part of a title finds the meeting's next date; activating a
 * result activates app.join-meeting, "more results" opens the window. The
 * matching itself is core/bv-meeting-search. */
BvSearchProvider *bv_search_provider_new      (BvApplication     *application);
gboolean          bv_search_provider_export   (BvSearchProvider  *self,
                                               GDBusConnection   *connection,
                                               GError           **error);
void              bv_search_provider_unexport (BvSearchProvider  *self);

G_END_DECLS
