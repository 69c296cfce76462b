/* bv-member-import.c
 *
 * Members from CSV files and vCards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-member-import.h"

#include <string.h>

#include <glib/gi18n-lib.h>

typedef enum {
  FIELD_NONE,
  FIELD_NAME,
  FIELD_FIRST,
  FIELD_LAST,
  FIELD_EMAIL,
  FIELD_PHONE,
  FIELD_GROUPS,
  FIELD_NOTES,
  N_FIELDS
} Field;

/* One member as the file gives it, before comparing with the store. */
typedef struct
{
  guint      line;
  char      *name;
  char      *email;
  char      *phone;
  char      *notes;
  GPtrArray *groups;   /* of char * */
  char      *problem;  /* a complete reason if the row cannot be used */
} MemberRow;

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
} ImportData;

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

static void
row_free (MemberRow *row)
{
  g_free (row->name);
  g_free (row->email);
  g_free (row->phone);
  g_free (row->notes);
  g_clear_pointer (&row->groups, g_ptr_array_unref);
  g_free (row->problem);
  g_free (row);
}

static MemberRow *
row_new (guint line)
{
  MemberRow *row = g_new0 (MemberRow, 1);

  row->line = line;
  row->groups = g_ptr_array_new_with_free_func (g_free);
  return row;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MemberRow, row_free)

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
import_data_free (ImportData *data)
{
  g_clear_object (&data->file);
  g_free (data->name);
  g_clear_pointer (&data->lookup, lookup_free);
  g_free (data);
}

/* Text helpers */

/* NULL for NULL or blank, else @text stripped (taking ownership). */
static char *
take_stripped (char *text)
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

static char *
dup_stripped (const char *text)
{
  return take_stripped (g_strdup (text));
}

/* @text (taken) as plain one-line text: control and format characters
 * (escape sequences, backspaces, line breaks, bidi overrides) become
 * blanks; NULL when nothing is left. */
static char *
take_plain (char *text)
{
  g_autoptr(GString) plain = NULL;

  if (!text)
    return NULL;

  plain = g_string_sized_new (strlen (text));
  for (const char *c = text; *c; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);
      GUnicodeType type = g_unichar_type (u);

      if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT
          || type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        g_string_append_c (plain, ' ');
      else
        g_string_append_unichar (plain, u);
    }
  g_free (text);
  return take_stripped (g_string_free (g_steal_pointer (&plain), FALSE));
}

static void
add_group_names (MemberRow  *row,
                 const char *text)
{
  g_autofree char *unified = NULL;
  g_auto(GStrv) parts = NULL;

  if (!text)
    return;

  /* Google Contacts joins groups with " ::: ", club software with ","
   * or ";" (the field is quoted then). */
  unified = g_strdup (text);
  for (char *p = unified; *p; p++)
    if (*p == ';' || *p == '\n' || *p == '\r')
      *p = ',';
  {
    g_auto(GStrv) colons = g_strsplit (unified, ":::", -1);
    g_free (unified);
    unified = g_strjoinv (",", colons);
  }

  parts = g_strsplit (unified, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      char *name = dup_stripped (parts[i]);

      /* Google's own groups ("* myContacts", "* starred") are not the
       * club's. */
      if (!name || g_str_has_prefix (name, "* "))
        {
          g_free (name);
          continue;
        }
      g_ptr_array_add (row->groups, name);
    }
}

/* Decoding */

typedef enum {
  FILE_EMPTY,
  FILE_SPREADSHEET,
  FILE_UNREADABLE,
  FILE_NO_HEADER,
  FILE_TOO_LARGE,
  FILE_TOO_MANY_ROWS,
} FileProblem;

/* The problems of the file as a whole, naming it when its name is known. */
static void
set_file_error (GError      **error,
                const char   *name,
                FileProblem   problem)
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
      set_file_error (error, name, FILE_EMPTY);
      return NULL;
    }

  /* Excel's "Unicode text" is UTF-16 with a byte order mark. */
  if (length >= 2 && (guchar)data[0] == 0xff && (guchar)data[1] == 0xfe)
    text = g_convert (data + 2, length - 2, "UTF-8", "UTF-16LE", NULL, NULL, &local_error);
  else if (length >= 2 && (guchar)data[0] == 0xfe && (guchar)data[1] == 0xff)
    text = g_convert (data + 2, length - 2, "UTF-8", "UTF-16BE", NULL, NULL, &local_error);
  else if (length >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    {
      set_file_error (error, name, FILE_SPREADSHEET);
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
      set_file_error (error, name, FILE_UNREADABLE);
      return NULL;
    }

  return text;
}

/* CSV */

typedef struct
{
  const char *pos;
  const char *end;
  guint       line;
} Cursor;

/* Reads one record (RFC 4180, also with bare \n or \r line ends).
 * Returns FALSE at the end of the text. */
static gboolean
csv_next_record (Cursor     *cursor,
                 char        separator,
                 GPtrArray  *fields,
                 guint      *start_line,
                 gboolean   *unterminated)
{
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean in_quotes = FALSE;
  gboolean quoted = FALSE;

  g_ptr_array_set_size (fields, 0);
  *unterminated = FALSE;
  *start_line = cursor->line;

  if (cursor->pos >= cursor->end)
    return FALSE;

  while (cursor->pos < cursor->end)
    {
      char c = *cursor->pos++;

      if (in_quotes)
        {
          if (c == '"')
            {
              if (cursor->pos < cursor->end && *cursor->pos == '"')
                {
                  g_string_append_c (field, '"');
                  cursor->pos++;
                }
              else
                in_quotes = FALSE;
            }
          else
            {
              if (c == '\n' || (c == '\r' && (cursor->pos >= cursor->end || *cursor->pos != '\n')))
                cursor->line++;
              g_string_append_c (field, c);
            }
          continue;
        }

      if (c == '"' && !quoted && field->len == 0)
        {
          in_quotes = quoted = TRUE;
          continue;
        }

      if (c == separator)
        {
          g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);
          quoted = FALSE;
          continue;
        }

      if (c == '\r' || c == '\n')
        {
          if (c == '\r' && cursor->pos < cursor->end && *cursor->pos == '\n')
            cursor->pos++;
          cursor->line++;
          g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
          return TRUE;
        }

      /* After a closing quote anything up to the separator is kept, as
       * spreadsheets read it. */
      g_string_append_c (field, c);
    }

  *unterminated = in_quotes;
  g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
  return TRUE;
}

/* The separator the header line uses most, outside quotes. */
static char
detect_separator (const char *text)
{
  guint semicolons = 0;
  guint commas = 0;
  guint tabs = 0;
  gboolean in_quotes = FALSE;

  for (const char *p = text; *p && (in_quotes || (*p != '\n' && *p != '\r')); p++)
    {
      if (*p == '"')
        in_quotes = !in_quotes;
      else if (in_quotes)
        continue;
      else if (*p == ';')
        semicolons++;
      else if (*p == ',')
        commas++;
      else if (*p == '\t')
        tabs++;
    }

  if (semicolons >= commas && semicolons >= tabs && semicolons > 0)
    return ';';
  if (tabs >= commas && tabs > 0)
    return '\t';
  return ',';
}

/* Letters and digits of a header, folded: "E-Mail-Adresse" → "emailadresse". */
static char *
normalize_header (const char *header)
{
  g_autofree char *folded = g_utf8_casefold (header, -1);
  GString *key = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, c);
    }

  return g_string_free (key, FALSE);
}

static Field
classify_header (const char *header)
{
  static const struct { const char *key; Field field; } exact[] = {
    { "name", FIELD_NAME }, { "vollständigername", FIELD_NAME }, { "vollername", FIELD_NAME },
    { "anzeigename", FIELD_NAME }, { "displayname", FIELD_NAME }, { "fullname", FIELD_NAME },
    { "mitglied", FIELD_NAME }, { "mitgliedsname", FIELD_NAME }, { "formattedname", FIELD_NAME },
    { "vorname", FIELD_FIRST }, { "firstname", FIELD_FIRST }, { "givenname", FIELD_FIRST },
    { "rufname", FIELD_FIRST },
    { "nachname", FIELD_LAST }, { "lastname", FIELD_LAST }, { "familyname", FIELD_LAST },
    { "surname", FIELD_LAST }, { "familienname", FIELD_LAST }, { "zuname", FIELD_LAST },
    { "gruppe", FIELD_GROUPS }, { "gruppen", FIELD_GROUPS }, { "group", FIELD_GROUPS },
    { "groups", FIELD_GROUPS }, { "groupmembership", FIELD_GROUPS }, { "abteilung", FIELD_GROUPS },
    { "abteilungen", FIELD_GROUPS }, { "sparte", FIELD_GROUPS }, { "sparten", FIELD_GROUPS },
    { "kategorie", FIELD_GROUPS }, { "kategorien", FIELD_GROUPS }, { "categories", FIELD_GROUPS },
    { "labels", FIELD_GROUPS },
    { "notiz", FIELD_NOTES }, { "notizen", FIELD_NOTES }, { "bemerkung", FIELD_NOTES },
    { "bemerkungen", FIELD_NOTES }, { "notes", FIELD_NOTES }, { "note", FIELD_NOTES },
    { "kommentar", FIELD_NOTES }, { "anmerkung", FIELD_NOTES }, { "anmerkungen", FIELD_NOTES },
    { "hinweis", FIELD_NOTES },
  };
  static const struct { const char *prefix; Field field; } prefixes[] = {
    { "email", FIELD_EMAIL }, { "mail", FIELD_EMAIL },
    { "telefon", FIELD_PHONE }, { "tel", FIELD_PHONE }, { "handy", FIELD_PHONE },
    { "mobil", FIELD_PHONE }, { "phone", FIELD_PHONE }, { "festnetz", FIELD_PHONE },
  };
  g_autofree char *key = normalize_header (header);

  /* Google's "E-mail 1 - Label" says what kind of address the next
   * column holds ("* Home"), not the address. */
  if (g_str_has_suffix (key, "label") || g_str_has_suffix (key, "type") ||
      g_str_has_suffix (key, "typ"))
    return FIELD_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (exact); i++)
    if (g_str_equal (key, exact[i].key))
      return exact[i].field;

  /* "Phonetic First Name" is no phone number. */
  if (g_str_has_suffix (key, "name"))
    return FIELD_NONE;

  /* "E-Mail 1 - Value", "E-Mail privat", "Telefon (privat)", "Tel.",
   * "Mobile Phone", "Phone 1 - Value" */
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (key, prefixes[i].prefix))
      return prefixes[i].field;
  if (g_str_has_suffix (key, "phone") || g_str_has_suffix (key, "telefon"))
    return FIELD_PHONE;

  return FIELD_NONE;
}

/* The first non-empty field of the columns for @field. */
static const char *
pick (GPtrArray  *fields,
      GArray     *columns,
      Field       field)
{
  for (guint i = 0; i < columns->len; i++)
    {
      guint column = g_array_index (columns, guint, i);
      Field which = column >> 16;
      guint index = column & 0xffff;

      if (which != field || index >= fields->len)
        continue;

      {
        const char *value = g_ptr_array_index (fields, index);
        const char *p = value;

        while (g_ascii_isspace (*p))
          p++;
        if (*p)
          return value;
      }
    }

  return NULL;
}

static gboolean
has_field (GArray *columns,
           Field   field)
{
  for (guint i = 0; i < columns->len; i++)
    if ((Field)(g_array_index (columns, guint, i) >> 16) == field)
      return TRUE;
  return FALSE;
}

static GPtrArray *
parse_csv (const char  *text,
           const char  *name,
           GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (guint));
  Cursor cursor = { text, text + strlen (text), 1 };
  gboolean name_is_last;
  gboolean unterminated;
  guint n_header;
  guint line;
  char separator;

  /* Excel writes "sep=;" above the header when asked to. */
  if (g_ascii_strncasecmp (text, "sep=", 4) == 0 && text[4] && text[4] != '\n' && text[4] != '\r')
    {
      separator = text[4];
      while (cursor.pos < cursor.end && *cursor.pos != '\n' && *cursor.pos != '\r')
        cursor.pos++;
      if (cursor.pos < cursor.end && *cursor.pos == '\r')
        cursor.pos++;
      if (cursor.pos < cursor.end && *cursor.pos == '\n')
        cursor.pos++;
      cursor.line++;
    }
  else
    separator = detect_separator (text);

  /* The header: the first line that is not empty. */
  do
    {
      if (!csv_next_record (&cursor, separator, fields, &line, &unterminated))
        break;
    }
  while (fields->len == 1 && !*(const char *)g_ptr_array_index (fields, 0));

  for (guint i = 0; i < fields->len && i < 0xffff; i++)
    {
      Field field = classify_header (g_ptr_array_index (fields, i));

      if (field != FIELD_NONE)
        {
          guint column = (field << 16) | i;
          g_array_append_val (columns, column);
        }
    }
  n_header = fields->len;

  if (!has_field (columns, FIELD_NAME) && !has_field (columns, FIELD_FIRST) &&
      !has_field (columns, FIELD_LAST) && !has_field (columns, FIELD_EMAIL))
    {
      set_file_error (error, name, FILE_NO_HEADER);
      return NULL;
    }

  /* "Vorname;Name": Name is the family name there. */
  name_is_last = has_field (columns, FIELD_FIRST) && !has_field (columns, FIELD_LAST);

  while (csv_next_record (&cursor, separator, fields, &line, &unterminated))
    {
      g_autoptr(MemberRow) row = row_new (line);
      gboolean empty = TRUE;
      guint extra = 0;
      const char *full;
      const char *first;
      const char *last;

      for (guint i = 0; i < fields->len; i++)
        {
          g_autofree char *value = dup_stripped (g_ptr_array_index (fields, i));

          if (value)
            {
              empty = FALSE;
              if (i >= n_header)
                extra = i + 1;
            }
        }
      if (empty && !unterminated)
        continue;

      if (unterminated)
        row->problem = g_strdup_printf (_("Line %u: a quotation mark is not closed, so the rest of the file could not be read"), line);
      else if (extra > 0)
        row->problem = g_strdup_printf (_("Line %u: more columns than the header row (%u instead of %u); check the separators in this line"),
                                        line, extra, n_header);

      full = pick (fields, columns, FIELD_NAME);
      first = pick (fields, columns, FIELD_FIRST);
      last = pick (fields, columns, FIELD_LAST);

      if (name_is_last)
        {
          last = full;
          full = NULL;
        }

      if (full)
        row->name = dup_stripped (full);
      else if (first || last)
        row->name = take_stripped (g_strjoin (" ", first ? first : "", last ? last : "", NULL));
      if (row->name)
        {
          /* "Anna  Becker" from a stray blank in one of the two columns. */
          g_auto(GStrv) words = g_strsplit_set (row->name, " \t", -1);
          g_autoptr(GPtrArray) kept = g_ptr_array_new ();

          for (guint i = 0; words[i]; i++)
            if (*words[i])
              g_ptr_array_add (kept, words[i]);
          g_ptr_array_add (kept, NULL);
          g_free (row->name);
          row->name = g_strjoinv (" ", (char **)kept->pdata);
        }

      row->email = dup_stripped (pick (fields, columns, FIELD_EMAIL));
      row->phone = dup_stripped (pick (fields, columns, FIELD_PHONE));
      row->notes = dup_stripped (pick (fields, columns, FIELD_NOTES));
      add_group_names (row, pick (fields, columns, FIELD_GROUPS));

      /* A mailto: link, as some exports write addresses. */
      if (row->email && g_ascii_strncasecmp (row->email, "mailto:", 7) == 0)
        {
          char *address = dup_stripped (row->email + 7);
          g_free (row->email);
          row->email = address;
        }

      g_ptr_array_add (rows, g_steal_pointer (&row));
    }

  return g_steal_pointer (&rows);
}

/* vCard */

typedef struct
{
  guint  line;
  char  *text;
} VLine;

static void
vline_free (VLine *vline)
{
  g_free (vline->text);
  g_free (vline);
}

/* The part before the value: "item1.EMAIL;TYPE=pref" of
 * "item1.EMAIL;TYPE=pref:a@b.de". Returns the offset of the colon. */
static const char *
find_value_colon (const char *text)
{
  gboolean in_quotes = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        in_quotes = !in_quotes;
      else if (*p == ':' && !in_quotes)
        return p;
    }
  return NULL;
}

static gboolean
is_quoted_printable (const char *text)
{
  const char *colon = find_value_colon (text);
  g_autofree char *head = colon ? g_ascii_strup (text, colon - text) : NULL;

  return head && strstr (head, "QUOTED-PRINTABLE");
}

/* Physical lines joined into content lines: folding (a line starting
 * with a blank continues the one before) and vCard 2.1's quoted-printable
 * soft line breaks ("=" at the end). */
static GPtrArray *
unfold (const char *text)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify)vline_free);
  const char *p = text;
  guint number = 0;
  VLine *current = NULL;

  while (*p)
    {
      const char *end = p + strcspn (p, "\r\n");
      g_autofree char *physical = g_strndup (p, end - p);

      number++;
      p = end;
      if (*p == '\r' && p[1] == '\n')
        p += 2;
      else if (*p)
        p++;

      if (current && (physical[0] == ' ' || physical[0] == '\t'))
        {
          char *joined = g_strconcat (current->text, physical + 1, NULL);
          g_free (current->text);
          current->text = joined;
          continue;
        }

      if (current && g_str_has_suffix (current->text, "=") && is_quoted_printable (current->text))
        {
          char *joined;

          current->text[strlen (current->text) - 1] = '\0';
          joined = g_strconcat (current->text, physical, NULL);
          g_free (current->text);
          current->text = joined;
          continue;
        }

      if (!*physical)
        {
          current = NULL;
          continue;
        }

      current = g_new0 (VLine, 1);
      current->line = number;
      current->text = g_steal_pointer (&physical);
      g_ptr_array_add (lines, current);
    }

  return lines;
}

/* Splits at unescaped @separator and resolves \n \, \; \\ (RFC 6350 3.4). */
static GPtrArray *
split_value (const char *value,
             char        separator)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  GString *part = g_string_new (NULL);

  for (const char *p = value; *p; p++)
    {
      if (*p == '\\' && p[1])
        {
          p++;
          if (*p == 'n' || *p == 'N')
            g_string_append_c (part, '\n');
          else
            g_string_append_c (part, *p);
        }
      else if (separator && *p == separator)
        {
          g_ptr_array_add (parts, g_string_free (part, FALSE));
          part = g_string_new (NULL);
        }
      else
        g_string_append_c (part, *p);
    }
  g_ptr_array_add (parts, g_string_free (part, FALSE));

  return parts;
}

static char *
unescape_value (const char *value)
{
  g_autoptr(GPtrArray) parts = split_value (value, 0);

  return g_strdup (g_ptr_array_index (parts, 0));
}

static char *
decode_quoted_printable (const char *value,
                         const char *charset)
{
  g_autoptr(GString) bytes = g_string_new (NULL);
  char *text;

  for (const char *p = value; *p; p++)
    {
      if (*p == '=' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          g_string_append_c (bytes, (char)(g_ascii_xdigit_value (p[1]) * 16 + g_ascii_xdigit_value (p[2])));
          p += 2;
        }
      else
        g_string_append_c (bytes, *p);
    }

  if (charset && g_ascii_strcasecmp (charset, "UTF-8") != 0)
    {
      text = g_convert (bytes->str, bytes->len, "UTF-8", charset, NULL, NULL, NULL);
      if (text)
        return text;
    }
  if (g_utf8_validate_len (bytes->str, bytes->len, NULL))
    return g_strndup (bytes->str, bytes->len);

  text = g_convert (bytes->str, bytes->len, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  return text ? text : g_utf8_make_valid (bytes->str, bytes->len);
}

typedef struct
{
  char     *property;  /* upper case, without group */
  gboolean  preferred;
  char     *value;     /* raw, after quoted-printable decoding */
} VProperty;

static void
vproperty_clear (VProperty *property)
{
  g_clear_pointer (&property->property, g_free);
  g_clear_pointer (&property->value, g_free);
}

static gboolean
parse_property (const char *text,
                VProperty  *property)
{
  const char *colon = find_value_colon (text);
  g_autofree char *head = NULL;
  g_auto(GStrv) params = NULL;
  const char *charset = NULL;
  gboolean quoted_printable = FALSE;
  char *dot;

  if (!colon)
    return FALSE;

  head = g_strndup (text, colon - text);
  params = g_strsplit (head, ";", -1);
  /* ":value" has no name at all (g_strsplit gives no parts). */
  if (!params[0])
    return FALSE;
  dot = strchr (params[0], '.');
  property->property = g_ascii_strup (dot ? dot + 1 : params[0], -1);
  property->preferred = FALSE;

  for (guint i = 1; params[i]; i++)
    {
      g_autofree char *upper = g_ascii_strup (params[i], -1);

      if (g_str_equal (upper, "QUOTED-PRINTABLE") || g_str_equal (upper, "ENCODING=QUOTED-PRINTABLE"))
        quoted_printable = TRUE;
      else if (g_str_has_prefix (upper, "CHARSET="))
        charset = params[i] + strlen ("CHARSET=");
      else if (g_str_equal (upper, "PREF") || g_str_equal (upper, "PREF=1") ||
               (g_str_has_prefix (upper, "TYPE=") && strstr (upper, "PREF")))
        property->preferred = TRUE;
    }

  if (quoted_printable)
    property->value = decode_quoted_printable (colon + 1, charset);
  else
    property->value = g_strdup (colon + 1);

  return TRUE;
}

static void
finish_card (MemberRow *row,
             char      *n_name,
             GPtrArray *rows)
{
  if (!row->name && n_name)
    row->name = g_strdup (n_name);
  g_ptr_array_add (rows, row);
}

static GPtrArray *
parse_vcard (const char *text)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  g_autoptr(GPtrArray) lines = unfold (text);
  g_autofree char *n_name = NULL;
  gboolean email_preferred = FALSE;
  gboolean phone_preferred = FALSE;
  MemberRow *row = NULL;

  for (guint i = 0; i < lines->len; i++)
    {
      VLine *vline = g_ptr_array_index (lines, i);
      VProperty property = { 0 };

      if (!parse_property (vline->text, &property))
        continue;

      if (g_str_equal (property.property, "BEGIN") && g_ascii_strcasecmp (property.value, "VCARD") == 0)
        {
          if (row)
            {
              row->problem = g_strdup_printf (_("Line %u: the contact card is not complete"), row->line);
              finish_card (row, n_name, rows);
            }
          row = row_new (vline->line);
          g_clear_pointer (&n_name, g_free);
          email_preferred = phone_preferred = FALSE;
        }
      else if (!row)
        ;
      else if (g_str_equal (property.property, "END"))
        {
          finish_card (row, n_name, rows);
          row = NULL;
        }
      else if (g_str_equal (property.property, "FN"))
        {
          g_free (row->name);
          row->name = take_stripped (unescape_value (property.value));
        }
      else if (g_str_equal (property.property, "N"))
        {
          g_autoptr(GPtrArray) parts = split_value (property.value, ';');
          const char *family = g_ptr_array_index (parts, 0);
          const char *given = parts->len > 1 ? g_ptr_array_index (parts, 1) : "";

          g_free (n_name);
          n_name = take_stripped (g_strjoin (" ", given, family, NULL));
          if (n_name && (!*given || !*family))
            {
              char *single = dup_stripped (*given ? given : family);
              g_free (n_name);
              n_name = single;
            }
        }
      else if (g_str_equal (property.property, "EMAIL"))
        {
          if (!row->email || (property.preferred && !email_preferred))
            {
              char *email = take_stripped (unescape_value (property.value));

              if (email && g_ascii_strncasecmp (email, "mailto:", 7) == 0)
                memmove (email, email + 7, strlen (email + 7) + 1);
              if (email)
                {
                  g_free (row->email);
                  row->email = email;
                  email_preferred = property.preferred;
                }
            }
        }
      else if (g_str_equal (property.property, "TEL"))
        {
          if (!row->phone || (property.preferred && !phone_preferred))
            {
              char *phone = take_stripped (unescape_value (property.value));

              if (phone && g_ascii_strncasecmp (phone, "tel:", 4) == 0)
                memmove (phone, phone + 4, strlen (phone + 4) + 1);
              if (phone)
                {
                  g_free (row->phone);
                  row->phone = phone;
                  phone_preferred = property.preferred;
                }
            }
        }
      else if (g_str_equal (property.property, "CATEGORIES"))
        {
          g_autoptr(GPtrArray) parts = split_value (property.value, ',');

          for (guint j = 0; j < parts->len; j++)
            {
              char *group = dup_stripped (g_ptr_array_index (parts, j));

              if (group)
                g_ptr_array_add (row->groups, group);
            }
        }
      else if (g_str_equal (property.property, "NOTE"))
        {
          g_free (row->notes);
          row->notes = take_stripped (unescape_value (property.value));
        }

      vproperty_clear (&property);
    }

  if (row)
    {
      row->problem = g_strdup_printf (_("Line %u: the contact card is not complete"), row->line);
      finish_card (row, n_name, rows);
    }

  return g_steal_pointer (&rows);
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
    rows = parse_vcard (start);
  else
    rows = parse_csv (text, name, error);

  /* Applying stores every row in the main context. */
  if (rows && rows->len > BV_MEMBER_IMPORT_MAX_ROWS)
    {
      set_file_error (error, name, FILE_TOO_MANY_ROWS);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Comparing with the store (main context) */

static void
add_item (GPtrArray            *list,
          BvMemberImportAction  action,
          MemberRow            *row,
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
adds_groups (Lookup    *lookup,
             BvMember  *member,
             MemberRow *row)
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
      MemberRow *row = g_ptr_array_index (rows, i);
      g_autofree char *key = NULL;
      g_autofree char *folded = NULL;
      g_autoptr(BvMember) existing = NULL;
      const char *label;
      guint other;

      if (i % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      /* Names are shown and written as plain text, one line. */
      row->name = take_plain (row->name);
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

          if (!g_str_equal (bv_member_get_name (existing), row->name))
            {
              bv_member_set_name (changed, row->name);
              g_ptr_array_add (fields, _("name"));
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

          bv_member_set_name (member, row->name);
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
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  guint8 buffer[64 * 1024];

  input = g_file_read (file, cancellable, &local_error);
  while (input && !local_error)
    {
      gsize n = 0;

      if (!g_input_stream_read_all (G_INPUT_STREAM (input), buffer, sizeof buffer, &n,
                                    cancellable, &local_error))
        break;
      if (n == 0)
        break;
      g_byte_array_append (bytes, buffer, n);
      if (bytes->len > BV_MEMBER_IMPORT_MAX_BYTES)
        {
          set_file_error (error, name, FILE_TOO_LARGE);
          return NULL;
        }
    }

  if (local_error)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        /* Translators: the first %s is a file name, the second what went wrong. */
        g_set_error (error, BV_MEMBER_IMPORT_ERROR, BV_MEMBER_IMPORT_ERROR_READ,
                     _("The file “%s” could not be read: %s"), name, local_error->message);
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
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
  ImportData *data = task_data;
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
      set_file_error (error, name, FILE_TOO_LARGE);
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
  ImportData *data;

  g_return_if_fail (BV_IS_DATABASE (database));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  basename = g_file_get_basename (file);
  data = g_new0 (ImportData, 1);
  data->file = g_object_ref (file);
  data->name = basename ? g_filename_display_name (basename) : g_file_get_parse_name (file);
  /* The store lives in this context: what the comparison needs of it is
   * copied here, in one pass, and read in the thread. */
  data->lookup = lookup_new (database);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_member_import_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify)import_data_free);
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
