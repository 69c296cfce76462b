/* bv-invitation-export.h
 *
 * The invitations of one meeting as files: the mail-merge CSV and the
 * calendar files, one implementation for the Invite window and for
 * --export-invitations. The links are signed when people are added (on
 * the thread that owns the signing client); the files are written in a
 * worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-invitation.h"
#include "bv-print-document.h"

G_BEGIN_DECLS

#define BV_TYPE_INVITATION_EXPORT (bv_invitation_export_get_type ())

G_DECLARE_FINAL_TYPE (BvInvitationExport, bv_invitation_export, BV, INVITATION_EXPORT, GObject)

/* @template_text NULL or "" is the default text; @context (nullable) is
 * copied. */
BvInvitationExport *bv_invitation_export_new        (BvMeeting                 *meeting,
                                                     const char                *template_text,
                                                     const BvInvitationContext *context);

/* The series' cancelled and moved dates for the calendar files, as
 * bv_database_list_exceptions() gives them (nullable). */
void      bv_invitation_export_set_exceptions       (BvInvitationExport  *self,
                                                     GPtrArray           *exceptions);

/* One person and their personal link. */
void      bv_invitation_export_add                  (BvInvitationExport  *self,
                                                     BvParticipant       *participant,
                                                     const char          *link);

/* Everyone of @participants, each with the link @client signs for them. */
void      bv_invitation_export_add_signed           (BvInvitationExport  *self,
                                                     BvBbbClient         *client,
                                                     BvServer            *server,
                                                     GPtrArray           *participants);

guint     bv_invitation_export_get_n_people         (BvInvitationExport  *self);

/* Printable letters (issue 17) for everyone without an e-mail address, one
 * page each: the invitation text for them, their personal link as a QR
 * code, and the telephone dial-in with the PIN when the server has one.
 * @n_letters receives how many; NULL when nobody lacks an address. */
BvPrintDocument *bv_invitation_export_letters        (BvInvitationExport  *self,
                                                      guint               *n_letters);

/* The mail-merge file's text (bv_invitation_merge_csv()). */
char     *bv_invitation_export_merge_csv            (BvInvitationExport  *self);

/* Writes the mail-merge file to @file, replacing it, private (0600):
 * every link lets its person into the room. Blocking. */
gboolean  bv_invitation_export_write_merge          (BvInvitationExport  *self,
                                                     GFile               *file,
                                                     GCancellable        *cancellable,
                                                     GError             **error);
void      bv_invitation_export_write_merge_async    (BvInvitationExport  *self,
                                                     GFile               *file,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean  bv_invitation_export_write_merge_finish   (BvInvitationExport  *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Writes the calendar files into a new folder in @parent
 * (bv_invitation_files_write()): first the whole meeting without links
 * under its title, then one personal file per person with their link
 * and invitation text. Blocking.
 *
 * Returns: (transfer full): the folder, or NULL with @error set;
 * @n_files (nullable) receives how many files it holds */
GFile    *bv_invitation_export_write_calendar       (BvInvitationExport  *self,
                                                     GFile               *parent,
                                                     guint               *n_files,
                                                     GCancellable        *cancellable,
                                                     GError             **error);
void      bv_invitation_export_write_calendar_async (BvInvitationExport  *self,
                                                     GFile               *parent,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GFile    *bv_invitation_export_write_calendar_finish (BvInvitationExport *self,
                                                      GAsyncResult       *result,
                                                      guint              *n_files,
                                                      GError            **error);

G_END_DECLS
