/* bv-result-dialog-private.h
 *
 * The dialog's controls, for its tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bv-result-dialog.h"

G_BEGIN_DECLS

typedef enum {
  BV_RESULT_FIELD_KIND,        /* AdwComboRow: 0 vote, 1 election */
  BV_RESULT_FIELD_VOTE_KIND,   /* AdwEntryRow */
  BV_RESULT_FIELD_YES,         /* GtkSpinButton … */
  BV_RESULT_FIELD_NO,
  BV_RESULT_FIELD_ABSTENTIONS,
  BV_RESULT_FIELD_INVALID,
  BV_RESULT_FIELD_OFFICE,      /* AdwEntryRow */
  BV_RESULT_FIELD_ELECTED,     /* GtkTextView: "Name: votes" per line */
  BV_RESULT_FIELD_ACCEPTED,    /* GtkSwitch */
  BV_RESULT_FIELD_MESSAGE,     /* GtkLabel: the warning or error */
  BV_RESULT_FIELD_SAVE,        /* GtkButton */
  BV_RESULT_N_FIELDS
} BvResultField;

GtkWidget *_bv_result_dialog_get_field (BvResultDialog *self,
                                        BvResultField   field);

G_END_DECLS
