/* bv-names-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The two names the app asks for where they are needed: the user's own
 * (GSettings "display-name": what the others see in a meeting) and the
 * club's ("club-name": invitations are signed with it). */
typedef enum {
  BV_NAMES_USER = 1 << 0,
  BV_NAMES_CLUB = 1 << 1,
} BvNames;

typedef void (*BvNamesDone) (gpointer user_data);

/* Which of @wanted are empty in @settings and were not skipped in this
 * session where they were needed. */
BvNames  bv_names_missing     (GSettings   *settings,
                               BvNames      wanted);

/* Asks for @names over @parent; what is typed is stored in @settings.
 * @done runs once the dialog is closed, saved or skipped ("Later"), and
 * so the step that needed the name goes on; a skip is remembered for the
 * session, so that the question does not come back at every click.
 * @destroy frees @user_data afterwards. */
void     bv_names_dialog_ask  (GtkWindow     *parent,
                               GSettings     *settings,
                               BvNames        names,
                               BvNamesDone    done,
                               gpointer       user_data,
                               GDestroyNotify destroy);

G_END_DECLS
