/* bv-member-import-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-member-import.h"

G_BEGIN_DECLS

#define BV_TYPE_MEMBER_IMPORT_DIALOG (bv_member_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BvMemberImportDialog, bv_member_import_dialog, BV, MEMBER_IMPORT_DIALOG, AdwWindow)

/* The preview of an import: who is added, who is updated with which
 * fields, and which rows are skipped and why. "Import" stores it in one
 * transaction, emits "imported" (added, updated, skipped) and closes. */
BvMemberImportDialog *bv_member_import_dialog_new (GtkWindow      *parent,
                                                   BvDatabase     *database,
                                                   BvMemberImport *import);

G_END_DECLS
