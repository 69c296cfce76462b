/* bv-member-import-private.h
 *
 * What the parts of the member import share: the CSV reader
 * (bv-member-import-csv.c) and the vCard reader (bv-member-import-vcard.c)
 * turn the decoded text into rows; bv-member-import.c decodes the file,
 * compares the rows with the store and applies them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bv-member-import.h"

G_BEGIN_DECLS

/* One member as the file gives it, before comparing with the store. */
typedef struct
{
  guint      line;
  char      *name;
  /* Set when the file names them apart (first and last name columns, a
   * vCard's N); otherwise the name is split by bv_member_split_name (). */
  char      *first_name;
  char      *last_name;
  /* A BvMemberSalutation from an "Anrede" column ("Frau", "Herr"), or -1
   * when the file says nothing the app knows. */
  int        salutation;
  char      *email;
  char      *phone;
  char      *notes;
  GPtrArray *groups;   /* of char * */
  char      *problem;  /* a complete reason if the row cannot be used */
} BvMemberImportRow;

typedef enum {
  FILE_EMPTY,
  FILE_SPREADSHEET,
  FILE_UNREADABLE,
  FILE_NO_HEADER,
  FILE_TOO_LARGE,
  FILE_TOO_MANY_ROWS,
} BvMemberImportProblem;

BvMemberImportRow *bv_member_import_row_new        (guint                   line);
void               bv_member_import_row_free       (BvMemberImportRow      *row);
char              *bv_member_import_take_stripped  (char                   *text);
char              *bv_member_import_dup_stripped   (const char             *text);
void               bv_member_import_set_file_error (GError                **error,
                                                    const char             *name,
                                                    BvMemberImportProblem   problem);

/* The rows of CSV @text (decoded), NULL with @error when it has no header
 * row. */
GPtrArray         *bv_member_import_parse_csv      (const char             *text,
                                                    const char             *name,
                                                    GError                **error);
/* The rows of the vCards in @text (decoded). */
GPtrArray         *bv_member_import_parse_vcard    (const char             *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BvMemberImportRow, bv_member_import_row_free)

G_END_DECLS
