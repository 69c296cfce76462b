/* bv-invite-exports.h
 *
 * How invitations leave the Invite window: the file exports around the
 * core's BvInvitationExport (asking where with a native file or folder
 * chooser, writing in a worker thread, telling how it went) and handing
 * one invitation to the e-mail program.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-invitation-export.h"

G_BEGIN_DECLS

/* Called with the file or folder chosen (never on Cancel). */
typedef void (*BvInviteExportsChosen) (GtkWindow *parent,
                                       GFile     *chosen);

/* "Export for Mail Merge": a modal save dialog over @parent suggesting
 * "Invitations <@title>.csv". */
void bv_invite_exports_choose_merge_file       (GtkWindow             *parent,
                                                const char            *title,
                                                BvInviteExportsChosen  chosen);

/* "Save Letters": a modal save dialog suggesting a PDF named after the
 * meeting. */
void bv_invite_exports_choose_letters_file     (GtkWindow             *parent,
                                                const char            *title,
                                                BvInviteExportsChosen  chosen);
/* Writes the letters for those without an e-mail address to @file as PDF
 * (private: personal links); a notice when done, an error dialog when it
 * fails or when everybody has an address. */
void bv_invite_exports_write_letters           (BvInvitationExport    *export,
                                                GFile                 *file,
                                                GtkWindow             *parent,
                                                AdwToastOverlay       *overlay,
                                                GCancellable          *cancellable);

/* "Print Letters": the same letters through the print dialog, or with
 * @export_path straight into that PDF without asking (tests); an error
 * dialog when everybody has an address. */
void bv_invite_exports_print_letters           (BvInvitationExport    *export,
                                                GtkWindow             *parent,
                                                const char            *export_path);

/* "Choose a Folder for the Calendar Files": a modal folder dialog. */
void bv_invite_exports_choose_calendar_folder  (GtkWindow             *parent,
                                                BvInviteExportsChosen  chosen);

/* "Save Calendar File" for one person: a modal save dialog suggesting
 * "<@person_name>.ics". */
void bv_invite_exports_choose_calendar_file    (GtkWindow             *parent,
                                                const char            *person_name,
                                                BvInviteExportsChosen  chosen);

/* Writes one person's calendar file @ics to @file (private: it holds
 * their link), then says so in a toast in @overlay or explains the
 * failure over @parent, as the writers below. */
void bv_invite_exports_write_person_calendar   (const char            *ics,
                                                GFile                 *file,
                                                GtkWindow             *parent,
                                                AdwToastOverlay       *overlay,
                                                GCancellable          *cancellable);

/* Write @export's mail-merge file to @file / its calendar files into a
 * new folder in @folder, then say so in a toast in @overlay or explain
 * the failure in a message over @parent. Nothing is said once
 * @cancellable is cancelled (the window went away). */
void bv_invite_exports_write_merge             (BvInvitationExport    *export,
                                                GFile                 *file,
                                                GtkWindow             *parent,
                                                AdwToastOverlay       *overlay,
                                                GCancellable          *cancellable);
void bv_invite_exports_write_calendar          (BvInvitationExport    *export,
                                                GFile                 *folder,
                                                GtkWindow             *parent,
                                                AdwToastOverlay       *overlay,
                                                GCancellable          *cancellable);

/* Opens @uri (mailto:) in the default e-mail program; says what to do
 * instead over @parent when there is none, unless @cancellable was
 * cancelled meanwhile. */
void bv_invite_exports_send_mail               (GtkWindow             *parent,
                                                const char            *uri,
                                                GCancellable          *cancellable);

G_END_DECLS
