/* bv-invitation-files.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-meeting.h"

G_BEGIN_DECLS

/* The calendar files of an invitation, one per person, written so that
 * nothing is replaced and nobody gets another's file: into a new folder
 * (numbered " (2)", " (3)" … when the name is taken), with file names
 * that FAT/exFAT USB sticks and SMB shares accept and that differ even
 * where such a folder ignores case and Unicode composition ("Anna" and
 * "anna", a composed and a decomposed "Jürgen" get two files). */

/* "Invitations <title> <first date>" (translated; German "Einladungen
 * …"), as a file name. */
char     *bv_invitation_files_folder_name (BvMeeting     *meeting);

/* A file name from @name (a person's name or a title): control
 * characters and / \ : * ? " < > | become "_", leading dots and trailing
 * dots and blanks go, device names such as "CON" get a "_", at most 120
 * bytes, NFC; "Invitation" when nothing is left. @extension ("ics") is
 * added. */
char     *bv_invitation_files_safe_name   (const char    *name,
                                           const char    *extension);

/* The key two file names share when a folder that ignores case and
 * composition would make them one file. */
char     *bv_invitation_files_name_key    (const char    *file_name);

/* Writes @contents[i] (UTF-8 text) as "<@names[i]>.ics" into a new folder
 * @folder_name inside @parent, the folder private (0700) and the files
 * too (0600) where the file system has modes. Names that clash get " (2)"
 * and so on; a file is only ever created, never replaced. On error what
 * was written is removed again. Blocking: call it in a worker thread.
 *
 * Returns: (transfer full): the folder, or NULL with @error set */
GFile    *bv_invitation_files_write       (GFile         *parent,
                                           const char    *folder_name,
                                           GPtrArray     *names,
                                           GPtrArray     *contents,
                                           GCancellable  *cancellable,
                                           GError       **error);

G_END_DECLS
