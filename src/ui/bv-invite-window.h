/* bv-invite-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-context.h"

G_BEGIN_DECLS

#define BV_TYPE_INVITE_WINDOW (bv_invite_window_get_type ())
G_DECLARE_FINAL_TYPE (BvInviteWindow, bv_invite_window, BV, INVITE_WINDOW, AdwWindow)

/* The participants of @meeting and their personal invitations: add
 * members, groups and guests, set roles, copy links and texts, send the
 * invitations by e-mail (or hand one to the e-mail program), export the
 * mail-merge file and calendar files, renew the links.
 *
 * Actions (group "invite"), besides the buttons' own:
 *   invite.export-merge-to (s)    writes the mail-merge CSV to a path
 *   invite.export-calendar-to (s) writes the .ics files into a folder
 *   invite.add-group-id (s)       invites every member of a group
 *   invite.add-guest-entry ((ss)) invites a guest (name, e-mail)
 *   invite.save-calendar-to ((ss)) writes one person's calendar file
 *                                  (participant id, path)
 *   invite.export-letters-to (s)  writes the letters (PDF) to a path
 *   invite.print-letters-to (s)   prints the letters into a PDF at a path
 *                                 (the print operation, without its dialog)
 * They do what the file choosers and dialogs end with, so tests and the
 * command line need no native dialog.
 *
 * Sending by e-mail: invite.send-invitations opens the send dialog;
 * invite.mail-one (s) sends one person's invitation (the row's "Send by
 * E-Mail" and "Send Again"). Each row shows what was sent, updated from
 * the mailer's ::participant-changed. */
BvInviteWindow *bv_invite_window_new      (GtkWindow       *parent,
                                           BvContext *manager,
                                           GSettings       *settings,
                                           BvMeeting       *meeting);

/* TRUE once the signing client is open and links can be made. */
gboolean        bv_invite_window_is_ready (BvInviteWindow  *self);

G_END_DECLS
