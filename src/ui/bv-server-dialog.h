/* bv-server-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-context.h"

G_BEGIN_DECLS

#define BV_TYPE_SERVER_DIALOG (bv_server_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BvServerDialog, bv_server_dialog, BV, SERVER_DIALOG, AdwWindow)

/* With a server the dialog edits it; without, it adds a new one. */
BvServerDialog *bv_server_dialog_new (GtkWindow       *parent,
                                      BvContext *manager,
                                      BvServer        *server);

G_END_DECLS
