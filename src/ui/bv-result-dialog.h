/* bv-result-dialog.h
 *
 * Entering the result of one agenda item of a general assembly (issue 17):
 * a vote (how it was taken; yes, no, abstentions, invalid) or an election
 * (office, persons elected with their votes, accepted). The counts are
 * checked against the entitled voters present when the dialog opened.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-context.h"

G_BEGIN_DECLS

#define BV_TYPE_RESULT_DIALOG (bv_result_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BvResultDialog, bv_result_dialog, BV, RESULT_DIALOG, AdwWindow)

/* @present: entitled voters in the room now (0: not known); the item's
 * stored result, if any, fills the form. Emits "saved" after storing. */
BvResultDialog *bv_result_dialog_new (GtkWindow    *parent,
                                      BvContext    *context,
                                      BvMeeting    *meeting,
                                      BvAgendaItem *item,
                                      guint         number,
                                      guint         present);

G_END_DECLS
