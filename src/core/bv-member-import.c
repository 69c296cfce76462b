/* bv-member-import.c
 *
 * Members from CSV files and vCards: the file read and decoded, its rows
 * (bv-member-import-csv.c, bv-member-import-vcard.c) compared with the
 * store in a worker thread, then applied in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-member-import.h"
#include "bv-member-import-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bv-file-reader.h"
#include "bv-import-text.h"

/* A name longer than this is no member's: the row is skipped. */
#define MAX_NAME_CHARS 200

/* How often the loops look at the GCancellable. */
#define CANCEL_CHECK_INTERVAL 1024

/* What the comparison needs of the store, taken once in the main context
 * (where the store lives) and then read by the worker thread: copies of
 * the members by address and, for those without one, by name, and the
 * groups' ids by name. Looking each row up in the whole list instead
 * made large files quadratic on the main thread. */
typedef struct
{
  GHashTable *by_email;  /* address key → BvMember (a copy) */
  GHashTable *by_name;   /* name key → BvMember (a copy), members without address */
  GHashTable *groups;    /* name key → group id */
} Lookup;

typedef struct
{
  GFile      *file;
  char       *name;
  Lookup     *lookup;
} MemberFileImport;

struct _BvMemberImport
{
  GObject    parent_instance;

  char      *name;
  GPtrArray *added;
  GPtrArray *updated;
  GPtrArray *skipped;
};

G_DEFINE_FINAL_TYPE (BvMemberImport, bv_member_import, G_TYPE_OBJECT)
G_DEFINE_QUARK (bv-member-import-error-quark, bv_member_import_error)

void
bv_member_import_row_free (BvMemberImportRow *row)
{
  g_free (row->name);
  g_free (row->first_name);
  g_free (row->last_name);
  g_free (row->email);
  g_free (row->phone);
  g_free (row->notes);
  g_clear_pointer (&row->groups, g_ptr_array_unref);
  g_free (row->problem);
  g_free (row);
}

BvMemberImportRow *
bv_member_import_row_new (guint line)
{
  BvMemberImportRow *row = g_new0 (BvMemberImportRow, 1);

  row->line = line;
  row->salutation = -1;
  row->groups = g_ptr_array_new_with_free_func (g_free);
  return row;
}

static void
item_free (BvMemberImportItem *item)
{
  g_clear_object (&item->member);
  g_free (item->label);
  g_free (item->details);
  g_strfreev (item->groups);
  g_free (item);
}

static void
lookup_free (Lookup *lookup)
{
  g_clear_pointer (&lookup->by_email, g_hash_table_unref);
  g_clear_pointer (&lookup->by_name, g_hash_table_unref);
  g_clear_pointer (&lookup->groups, g_hash_table_unref);
  g_free (lookup);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Lookup, lookup_free)

/* Main context: O(members + groups). */
static Lookup *
lookup_new (BvDatabase *database)
{
  Lookup *lookup = g_new0 (Lookup, 1);
  GListModel *members = bv_database_get_members (database);
  GListModel *groups = bv_database_get_groups (database);
  guint n_members = g_list_model_get_n_items (members);
  guint n_groups = g_list_model_get_n_items (groups);

  lookup->by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  lookup->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  lookup->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < n_members; i++)
    {
      g_autoptr(BvMember) member = g_list_model_get_item (members, i);
      const char *email = bv_member_get_email (member);
      GHashTable *table = email ? lookup->by_email : lookup->by_name;
      char *key = email ? bv_member_email_key (email) : bv_database_name_key (bv_member_get_name (member));

      /* The first in the list wins, as the scans did. */
      if (key && !g_hash_table_contains (table, key))
        g_hash_table_insert (table, key, bv_member_copy (member));
      else
        g_free (key);
    }

  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(BvGroup) group = g_list_model_get_item (groups, i);
      char *key = bv_database_name_key (bv_group_get_name (group));

      if (!g_hash_table_contains (lookup->groups, key))
        g_hash_table_insert (lookup->groups, key, g_strdup (bv_group_get_id (group)));
      else
        g_free (key);
    }

  return lookup;
}

static void
member_file_import_free (MemberFileImport *data)
{
  g_clear_object (&data->file);
  g_free (data->name);
  g_clear_pointer (&data->lookup, lookup_free);
  g_free (data);
}

/* Text helpers */

/* NULL for NULL or blank, else @text stripped (taking ownership). */
char *
bv_member_import_take_stripped (char *text)
{
  if (!text)
    return NULL;

  g_strstrip (text);
  if (!*text)
    {
      g_free (text);
      return NULL;
    }
  return text;
}

char *
bv_member_import_dup_stripped (const char *text)
{
  return bv_member_import_take_stripped (g_strdup (text));
}

/* @text (taken) as plain one-line text: control and format characters
 * (escape sequences, backspaces, line breaks, bidi overrides) become
 * blanks; NULL when nothing is left. */
static char *
take_plain (char *text)
{
  g_autofree char *taken = text;

  return taken ? bv_import_text_plain (taken, G_MAXUINT) : NULL;
}

/* The parts as the file gives them, else the one name split. A list
 * with addresses only (no name at all) leaves a stored name alone. */
static void
set_names (BvMember          *member,
           BvMemberImportRow *row)
{
  if (row->first_name || row->last_name)
    bv_member_set_names (member, row->first_name, row->last_name);
  else
    bv_member_set_name (member, row->name);
}

/* Decoding */

/* The problems of the file as a whole, naming it when its name is known. */
void
bv_member_import_set_file_error (GError                **error,
                                 const char             *name,
                                 BvMemberImportProblem   problem)
{
  switch (problem)
    {
    case FILE_EMPTY:
      if (name)
        /* Translators: %s is a file name. */
        g_set_error (error, BV_MEMBER_IMPORT_ERROR, BV_MEMBER_IMPORT_ERROR_INVALID,
                     _("“%s” is empty. Export the member list again and import that file."), name);
      else
        g_set_error_literal (error, BV_MEMBER_IMPORT_ERROR, BV_MEMBER_IMPORT_ERROR_INVALID,
                             _("The file is empty. Export the member list again and import that file."));
      break;

    case FILE_SPREADSHEET:
      if (name)
        /* Translators: %s is a file name. */
        g_set_error (error, BV_MEMBER_IMPORT_ERROR, BV_MEMBER_IMPORT_ERROR_INVALID,
                     _("“%s” is a spreadsheet, not a CSV file. Save the list from Excel or LibreOffice as “CSV” and import that file."), name);
      else
        g_set_error_literal (error, BV_MEMBER_IMPORT_ERROR, BV_MEMBER_IMPORT_ERROR_INVALID,
                             _("The file is a spreadsheet, not a CSV file. Save the list from Excel or LibreOffice as “CSV” and import that file."));
      break;

    case FILE_UNREADABLE:
      if (name)
        /* Translators: %s is a file name. */
        g_set_error (error, BV_MEMBER_IMPORT_ERROR, BV_MEMBER_IMPORT_ERROR_INVALID,
                     _("“%s” is not a text file that can be read. Export the member list as CSV (UTF-8 or Windows) or as vCard and try again."), name);
      else
        g_set_error_literal (error, BV_MEMBER_IMPORT_ERROR, BV_MEMBER_IMPORT_ERROR_INVALID,
                             _("The file is not a text file that can be read. Export the member list as CSV (UTF-8 or Windows) or as vCard and try again."));
      break;

    case FILE_NO_HEADER:
      if (name)
        /* Translators: %s is a file name. The column names are examples of
         * what the import understands; use the usual ones of your language. */
        g_set_error (error, BV_MEMBER_IMPORT_ERROR, BV_MEMBER_IMPORT_ERROR_INVALID,
                     _("“%s” has no header row that names the columns. Its first line must name them, for example Name, First Name, Last Name, E-Mail, Phone, Groups."), name);
      else
        g_set_error_literal (error, BV_MEMBER_IMPORT_ERROR, BV_MEMBER_IMPORT_ERROR_INVALID,
                             _("The file has no header row that names the columns. Its first line must name them, for example Name, First Name, Last Name, E-Mail, Phone, Groups."));
      break;

    case FILE_TOO_LARGE:
      if (name)
        /* Translators: %s is a file name. */
        g_set_error (error, BV_MEMBER_IMPORT_ERROR, BV_MEMBER_IMPORT_ERROR_READ,
                     _("“%s” is larger than 10 MB, which is far more than a member list. Check that you chose the right file."), name);
      else
        g_set_error_literal (error, BV_MEMBER_IMPORT_ERROR, BV_MEMBER_IMPORT_ERROR_READ,
                             _("The file is larger than 10 MB, which is far more than a member list. Check that you chose the right file."));
      break;

    case FILE_TOO_MANY_ROWS:
      if (name)
        /* Translators: %s is a file name, %u a number (20000). */
        g_set_error (error, BV_MEMBER_IMPORT_ERROR, BV_MEMBER_IMPORT_ERROR_READ,
                     _("“%s” lists more than %u people. Import the list in parts."),
                     name, BV_MEMBER_IMPORT_MAX_ROWS);
      else
        /* Translators: %u is a number (20000). */
        g_set_error (error, BV_MEMBER_IMPORT_ERROR, BV_MEMBER_IMPORT_ERROR_READ,
                     _("The file lists more than %u people. Import the list in parts."),
                     BV_MEMBER_IMPORT_MAX_ROWS);
      break;

    default:
      g_assert_not_reached ();
    }
}

static char *
decode (const char  *data,
        gsize        length,
        const char  *name,
        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *text;

  if (length == 0)
    {
      bv_member_import_set_file_error (error, name, FILE_EMPTY);
      return NULL;
    }

  /* Excel's "Unicode text" is UTF-16 with a byte order mark. */
  if (length >= 2 && (guchar)data[0] == 0xff && (guchar)data[1] == 0xfe)
    text = g_convert (data + 2, length - 2, "UTF-8", "UTF-16LE", NULL, NULL, &local_error);
  else if (length >= 2 && (guchar)data[0] == 0xfe && (guchar)data[1] == 0xff)
    text = g_convert (data + 2, length - 2, "UTF-8", "UTF-16BE", NULL, NULL, &local_error);
  else if (length >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    {
      bv_member_import_set_file_error (error, name, FILE_SPREADSHEET);
      return NULL;
    }
  else if (memchr (data, '\0', length))
    text = NULL;
  else
    {
      if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
        {
          data += 3;
          length -= 3;
        }
      /* Valid UTF-8 is taken as such: Windows-1252 text with umlauts is
       * practically never valid UTF-8. */
      if (g_utf8_validate_len (data, length, NULL))
        text = g_strndup (data, length);
      else
        text = g_convert (data, length, "UTF-8", "WINDOWS-1252", NULL, NULL, &local_error);
    }

  if (!text || strlen (text) == 0)
    {
      g_free (text);
      bv_member_import_set_file_error (error, name, FILE_UNREADABLE);
      return NULL;
    }

  return text;
}

static GPtrArray *
parse_rows (const char  *data,
            gsize        length,
            const char  *name,
            GError     **error)
{
  g_autofree char *text = decode (data, length, name, error);
  g_autoptr(GPtrArray) rows = NULL;
  const char *start;

  if (!text)
    return NULL;

  start = text;
  while (g_ascii_isspace (*start))
    start++;

  if (g_ascii_strncasecmp (start, "BEGIN:VCARD", strlen ("BEGIN:VCARD")) == 0)
    rows = bv_member_import_parse_vcard (start);
  else
    rows = bv_member_import_parse_csv (text, name, error);

  /* Applying stores every row in the main context. */
  if (rows && rows->len > BV_MEMBER_IMPORT_MAX_ROWS)
    {
      bv_member_import_set_file_error (error, name, FILE_TOO_MANY_ROWS);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Comparing with the store (main context) */

static void
add_item (GPtrArray            *list,
          BvMemberImportAction  action,
          BvMemberImportRow    *row,
          BvMember             *member,
          const char           *label,
          char                 *details)
{
  BvMemberImportItem *item = g_new0 (BvMemberImportItem, 1);

  g_ptr_array_add (row->groups, NULL);
  item->action = action;
  item->line = row->line;
  item->member = member;
  item->label = g_strdup (label);
  item->details = details;
  item->groups = g_strdupv ((char **)row->groups->pdata);
  g_ptr_array_remove_index (row->groups, row->groups->len - 1);
  g_ptr_array_add (list, item);
}

/* The groups named in @row that @member is not in yet. */
static gboolean
adds_groups (Lookup            *lookup,
             BvMember          *member,
             BvMemberImportRow *row)
{
  for (guint i = 0; i < row->groups->len; i++)
    {
      g_autofree char *key = bv_database_name_key (g_ptr_array_index (row->groups, i));
      const char *group_id = g_hash_table_lookup (lookup->groups, key);

      if (!group_id || !bv_member_has_group (member, group_id))
        return TRUE;
    }
  return FALSE;
}

/* Compares @rows with @lookup: O(rows), any thread. FALSE when
 * @cancellable was cancelled. */
static gboolean
classify (BvMemberImport  *self,
          Lookup          *lookup,
          GPtrArray       *rows,
          GCancellable    *cancellable,
          GError         **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      BvMemberImportRow *row = g_ptr_array_index (rows, i);
      g_autofree char *key = NULL;
      g_autofree char *folded = NULL;
      g_autoptr(BvMember) existing = NULL;
      const char *label;
      guint other;

      if (i % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      /* Names are shown and written as plain text, one line. */
      row->name = take_plain (row->name);
      row->first_name = take_plain (row->first_name);
      row->last_name = take_plain (row->last_name);
      row->phone = take_plain (row->phone);
      for (guint j = row->groups->len; j > 0; j--)
        {
          char *group = take_plain (g_ptr_array_index (row->groups, j - 1));

          row->groups->pdata[j - 1] = group;
          if (!group)
            g_ptr_array_remove_index (row->groups, j - 1);
        }
      label = row->name ? row->name : row->email;

      if (!row->problem && row->name && g_utf8_strlen (row->name, -1) > MAX_NAME_CHARS)
        row->problem = g_strdup_printf (_("Line %u: the name is longer than %u characters"),
                                        row->line, MAX_NAME_CHARS);
      if (row->problem)
        {
          add_item (self->skipped, BV_MEMBER_IMPORT_SKIP, row, NULL, label, g_strdup (row->problem));
          continue;
        }
      if (!row->name && !row->email)
        {
          add_item (self->skipped, BV_MEMBER_IMPORT_SKIP, row, NULL, NULL,
                    g_strdup_printf (_("Line %u: no e-mail address and no name"), row->line));
          continue;
        }
      if (row->email && !bv_member_email_is_valid (row->email))
        {
          add_item (self->skipped, BV_MEMBER_IMPORT_SKIP, row, NULL, label,
                    /* Translators: %s is what the file has in the e-mail column. */
                    g_strdup_printf (_("Line %u: “%s” is not an e-mail address"), row->line, row->email));
          continue;
        }

      /* Without an address, the name is what recognises a member again. */
      folded = row->email ? bv_member_email_key (row->email) : bv_database_name_key (row->name);
      key = g_strconcat (row->email ? "@" : "#", folded, NULL);
      other = GPOINTER_TO_UINT (g_hash_table_lookup (seen, key));
      if (other)
        {
          add_item (self->skipped, BV_MEMBER_IMPORT_SKIP, row, NULL, label,
                    row->email
                    ? g_strdup_printf (_("Line %u: the same e-mail address as line %u"), row->line, other)
                    : g_strdup_printf (_("Line %u: the same name as line %u, and no e-mail address"), row->line, other));
          continue;
        }
      g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (row->line));

      existing = g_hash_table_lookup (row->email ? lookup->by_email : lookup->by_name, folded);
      if (existing)
        g_object_ref (existing);

      /* A list with addresses only keeps the names already stored; a new
       * member needs some name, and the address is the best there is. */
      if (!row->name)
        row->name = g_strdup (existing ? bv_member_get_name (existing) : row->email);

      if (existing)
        {
          g_autoptr(BvMember) changed = bv_member_copy (existing);
          g_autoptr(GPtrArray) fields = g_ptr_array_new ();

          set_names (changed, row);
          if (!g_str_equal (bv_member_get_first_name (existing), bv_member_get_first_name (changed)) ||
              !g_str_equal (bv_member_get_last_name (existing), bv_member_get_last_name (changed)))
            g_ptr_array_add (fields, _("name"));
          if (row->salutation >= 0 && (int) bv_member_get_salutation (existing) != row->salutation)
            {
              bv_member_set_salutation (changed, row->salutation);
              g_ptr_array_add (fields, _("greeting"));
            }
          if (row->phone && g_strcmp0 (bv_member_get_phone (existing), row->phone) != 0)
            {
              bv_member_set_phone (changed, row->phone);
              g_ptr_array_add (fields, _("phone"));
            }
          if (row->notes && g_strcmp0 (bv_member_get_notes (existing), row->notes) != 0)
            {
              bv_member_set_notes (changed, row->notes);
              g_ptr_array_add (fields, _("notes"));
            }
          if (adds_groups (lookup, existing, row))
            g_ptr_array_add (fields, _("groups"));

          if (fields->len == 0)
            {
              add_item (self->skipped, BV_MEMBER_IMPORT_SKIP, row, NULL, row->name,
                        /* Translators: %s is a member's name. */
                        g_strdup_printf (_("Line %u: “%s” is already up to date"), row->line, row->name));
              continue;
            }

          g_ptr_array_add (fields, NULL);
          add_item (self->updated, BV_MEMBER_IMPORT_UPDATE, row, g_steal_pointer (&changed), row->name,
                    /* Translators: the separator between changed fields, "phone, groups" */
                    g_strjoinv (_(", "), (char **)fields->pdata));
        }
      else
        {
          BvMember *member = bv_member_new ();

          set_names (member, row);
          if (row->salutation >= 0)
            bv_member_set_salutation (member, row->salutation);
          bv_member_set_email (member, row->email);
          bv_member_set_phone (member, row->phone);
          bv_member_set_notes (member, row->notes);
          add_item (self->added, BV_MEMBER_IMPORT_ADD, row, member, row->name, NULL);
        }
    }

  return TRUE;
}

/* Reading the file (worker thread) */

static GBytes *
read_file (GFile         *file,
           const char    *name,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  bytes = bv_file_reader_read (file, BV_MEMBER_IMPORT_MAX_BYTES, cancellable, &local_error);
  if (bytes)
    return bytes;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    bv_member_import_set_file_error (error, name, FILE_TOO_LARGE);
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    /* Translators: the first %s is a file name, the second what went wrong. */
    g_set_error (error, BV_MEMBER_IMPORT_ERROR, BV_MEMBER_IMPORT_ERROR_READ,
                 _("The file “%s” could not be read: %s"), name, local_error->message);
  return NULL;
}

static BvMemberImport *
import_new (const char *name)
{
  BvMemberImport *self = g_object_new (BV_TYPE_MEMBER_IMPORT, NULL);

  self->name = g_strdup (name);
  return self;
}

/* Reading, parsing and comparing: all in the worker thread, against the
 * lookup taken when the import started. */
static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  MemberFileImport *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(BvMemberImport) self = NULL;
  GError *error = NULL;
  gsize size = 0;
  const char *contents;

  bytes = read_file (data->file, data->name, cancellable, &error);
  if (!bytes)
    {
      g_task_return_error (task, error);
      return;
    }

  contents = g_bytes_get_data (bytes, &size);
  rows = parse_rows (contents ? contents : "", size, data->name, &error);
  if (!rows)
    {
      g_task_return_error (task, error);
      return;
    }

  self = import_new (data->name);
  if (!classify (self, data->lookup, rows, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&self), g_object_unref);
}

/* GObject */

static void
bv_member_import_finalize (GObject *object)
{
  BvMemberImport *self = (BvMemberImport *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->added, g_ptr_array_unref);
  g_clear_pointer (&self->updated, g_ptr_array_unref);
  g_clear_pointer (&self->skipped, g_ptr_array_unref);

  G_OBJECT_CLASS (bv_member_import_parent_class)->finalize (object);
}

static void
bv_member_import_class_init (BvMemberImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bv_member_import_finalize;
}

static void
bv_member_import_init (BvMemberImport *self)
{
  self->added = g_ptr_array_new_with_free_func ((GDestroyNotify)item_free);
  self->updated = g_ptr_array_new_with_free_func ((GDestroyNotify)item_free);
  self->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify)item_free);
}

/* Public API */

GPtrArray *
bv_member_import_get_added (BvMemberImport *self)
{
  g_return_val_if_fail (BV_IS_MEMBER_IMPORT (self), NULL);

  return self->added;
}

GPtrArray *
bv_member_import_get_updated (BvMemberImport *self)
{
  g_return_val_if_fail (BV_IS_MEMBER_IMPORT (self), NULL);

  return self->updated;
}

GPtrArray *
bv_member_import_get_skipped (BvMemberImport *self)
{
  g_return_val_if_fail (BV_IS_MEMBER_IMPORT (self), NULL);

  return self->skipped;
}

const char *
bv_member_import_get_name (BvMemberImport *self)
{
  g_return_val_if_fail (BV_IS_MEMBER_IMPORT (self), NULL);

  return self->name;
}

BvMemberImport *
bv_member_import_new_from_data (BvDatabase  *database,
                                const char  *data,
                                gsize        length,
                                const char  *name,
                                GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(Lookup) lookup = NULL;
  BvMemberImport *self;

  g_return_val_if_fail (BV_IS_DATABASE (database), NULL);
  g_return_val_if_fail (data || length == 0, NULL);
  g_return_val_if_fail (!error || !*error, NULL);

  if (length > BV_MEMBER_IMPORT_MAX_BYTES)
    {
      bv_member_import_set_file_error (error, name, FILE_TOO_LARGE);
      return NULL;
    }

  rows = parse_rows (data ? data : "", length, name, error);
  if (!rows)
    return NULL;

  lookup = lookup_new (database);
  self = import_new (name);
  classify (self, lookup, rows, NULL, NULL);
  return self;
}

void
bv_member_import_file_async (BvDatabase          *database,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *basename = NULL;
  MemberFileImport *data;

  g_return_if_fail (BV_IS_DATABASE (database));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  basename = g_file_get_basename (file);
  data = g_new0 (MemberFileImport, 1);
  data->file = g_object_ref (file);
  data->name = basename ? g_filename_display_name (basename) : g_file_get_parse_name (file);
  /* The store lives in this context: what the comparison needs of it is
   * copied here, in one pass, and read in the thread. */
  data->lookup = lookup_new (database);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_member_import_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify)member_file_import_free);
  g_task_run_in_thread (task, import_thread);
}

BvMemberImport *
bv_member_import_file_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_member_import_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
bv_member_import_apply (BvMemberImport        *self,
                        BvDatabase            *database,
                        BvMemberImportCounts  *counts,
                        GError               **error)
{
  g_autoptr(GPtrArray) new_groups = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) groups_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GError) local_error = NULL;
  GPtrArray *lists[] = { self->added, self->updated };

  g_return_val_if_fail (BV_IS_MEMBER_IMPORT (self), FALSE);
  g_return_val_if_fail (BV_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        BvMemberImportItem *item = g_ptr_array_index (lists[l], i);
        /* A copy, so that a failed transaction leaves the preview as it
         * was and it can be applied again. */
        g_autoptr(BvMember) member = bv_member_copy (item->member);
        g_autoptr(GPtrArray) ids = g_ptr_array_new ();
        const char * const *old_ids = bv_member_get_group_ids (member);

        for (guint j = 0; old_ids[j]; j++)
          g_ptr_array_add (ids, (gpointer)old_ids[j]);

        for (guint j = 0; item->groups[j]; j++)
          {
            g_autofree char *key = bv_database_name_key (item->groups[j]);
            BvGroup *group = g_hash_table_lookup (groups_by_key, key);

            if (!group)
              {
                group = bv_database_find_group_by_name (database, item->groups[j]);
                if (!group)
                  {
                    group = bv_group_new (item->groups[j]);
                    g_ptr_array_add (new_groups, g_object_ref (group));
                  }
                g_hash_table_insert (groups_by_key, g_steal_pointer (&key), group);
              }
            g_ptr_array_add (ids, (gpointer)bv_group_get_id (group));
          }

        g_ptr_array_add (ids, NULL);
        {
          g_auto(GStrv) copy = g_strdupv ((char **)ids->pdata);
          bv_member_set_group_ids (member, (const char * const *)copy);
        }
        g_ptr_array_add (members, g_steal_pointer (&member));
      }

  if ((members->len > 0 || new_groups->len > 0) &&
      !bv_database_save_members (database, new_groups, members, &local_error))
    {
      g_set_error_literal (error, BV_MEMBER_IMPORT_ERROR, BV_MEMBER_IMPORT_ERROR_STORE,
                           local_error->message);
      return FALSE;
    }

  if (counts)
    {
      counts->added = self->added->len;
      counts->updated = self->updated->len;
      counts->skipped = self->skipped->len;
    }
  return TRUE;
}
