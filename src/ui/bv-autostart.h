/* bv-autostart.h
 *
 * The reminders' autostart entry (--background at login): a file in the
 * user's autostart folder, or in a sandbox the Background portal's
 * request. Used by bv-application.c alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes or removes the entry as @wanted says; in a sandbox asks the
 * portal, but only when something @changed (the portal may ask the user). */
void bv_autostart_apply (GApplication *application,
                         gboolean      wanted,
                         gboolean      changed,
                         GCancellable *cancellable);

G_END_DECLS
