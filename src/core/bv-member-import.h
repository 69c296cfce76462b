/* bv-member-import.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-database.h"

G_BEGIN_DECLS

/* Members from the files club software, Excel, Google Contacts,
 * Thunderbird and Nextcloud export.
 *
 * CSV: the separator (";", "," or tab, or Excel's "sep=" line) is taken
 * from the header row; UTF-8 with or without byte order mark, UTF-16 with
 * one (Excel's "Unicode text"), else Windows-1252. Quoted fields may
 * contain separators, doubled quotes and line breaks (RFC 4180). Columns
 * are found by their header: Name (or Vorname and Nachname, or Vorname
 * and Name), E-Mail, Telefon/Handy, Gruppen (several separated by "," or
 * ";") and Bemerkung, in German or English and in the spellings those
 * programs use.
 *
 * vCard 2.1, 3.0 and 4.0: FN (or N), EMAIL and TEL (the preferred one),
 * CATEGORIES as groups, NOTE; folded lines; quoted-printable with its
 * CHARSET.
 *
 * The file is read into a preview first: members to add, members to
 * update (the same e-mail address, ignoring case; without an address the
 * same name among members without one) with the fields that change, and
 * rows skipped with a reason naming the line (also an address that is
 * none by bv_member_email_is_valid (), or a name longer than 200
 * characters). Names, phone numbers and groups are kept as plain one-line
 * text (control characters become blanks). Empty fields never erase
 * stored values and groups are only added. Applying the preview stores
 * all of it in one transaction. */

#define BV_MEMBER_IMPORT_ERROR (bv_member_import_error_quark ())

typedef enum {
  BV_MEMBER_IMPORT_ERROR_READ,     /* cannot read the file, larger than 10 MiB, or more
                                    * than BV_MEMBER_IMPORT_MAX_ROWS rows */
  BV_MEMBER_IMPORT_ERROR_INVALID,  /* empty, binary, no usable header row */
  BV_MEMBER_IMPORT_ERROR_STORE,    /* the database refused the members */
} BvMemberImportError;

#define BV_MEMBER_IMPORT_MAX_BYTES (10 * 1024 * 1024)
/* The most rows (cards) one file may have. */
#define BV_MEMBER_IMPORT_MAX_ROWS 20000

typedef enum {
  BV_MEMBER_IMPORT_ADD,
  BV_MEMBER_IMPORT_UPDATE,
  BV_MEMBER_IMPORT_SKIP,
} BvMemberImportAction;

/* One row of the file (a card of a vCard file). */
typedef struct {
  BvMemberImportAction  action;
  guint                 line;     /* where the row or card starts, from 1 */
  /* ADD: the new member; UPDATE: a copy of the stored one with the
   * changes (groups are added on apply); SKIP: NULL */
  BvMember             *member;
  /* who it is (name, else e-mail address); may be NULL for SKIP */
  char                 *label;
  /* UPDATE: the changed fields ("phone, groups"); SKIP: the reason
   * ("Line 7: no e-mail address and no name"); ADD: NULL */
  char                 *details;
  /* names of the groups the row names; never NULL */
  char                **groups;
} BvMemberImportItem;

typedef struct {
  guint added;
  guint updated;
  guint skipped;
} BvMemberImportCounts;

#define BV_TYPE_MEMBER_IMPORT (bv_member_import_get_type ())
G_DECLARE_FINAL_TYPE (BvMemberImport, bv_member_import, BV, MEMBER_IMPORT, GObject)

GQuark          bv_member_import_error_quark   (void);

/* (element-type BvMemberImportItem) (transfer none), in file order */
GPtrArray      *bv_member_import_get_added     (BvMemberImport       *self);
GPtrArray      *bv_member_import_get_updated   (BvMemberImport       *self);
GPtrArray      *bv_member_import_get_skipped   (BvMemberImport       *self);
/* The file's display name, or NULL for data. */
const char     *bv_member_import_get_name      (BvMemberImport       *self);

/* Parses @data and compares it with the members of @database (main
 * context only). @name (nullable) is the file's name for the errors. */
BvMemberImport *bv_member_import_new_from_data (BvDatabase           *database,
                                                const char           *data,
                                                gsize                 length,
                                                const char           *name,
                                                GError              **error);

/* The same for @file, read, parsed and compared in a worker thread,
 * against a copy of the members and groups taken (in one pass) when
 * called; @cancellable is looked at as it goes. */
void            bv_member_import_file_async    (BvDatabase           *database,
                                                GFile                *file,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
BvMemberImport *bv_member_import_file_finish   (GAsyncResult         *result,
                                                GError              **error);

/* Stores the preview in one transaction: new groups, added and updated
 * members. On error nothing is stored. Main context only. */
gboolean        bv_member_import_apply         (BvMemberImport       *self,
                                                BvDatabase           *database,
                                                BvMemberImportCounts *counts,
                                                GError              **error);

G_END_DECLS
