/* bv-member-import-csv.c
 *
 * Members from CSV files (RFC 4180 as Excel, club software and Google
 * Contacts write it): separator, header names, one row per record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-member-import-private.h"

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
  FIELD_SALUTATION,
  N_FIELDS
} Field;

static void
add_group_names (BvMemberImportRow *row,
                 const char        *text)
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
      char *name = bv_member_import_dup_stripped (parts[i]);

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

typedef struct
{
  const char *pos;
  const char *end;
  guint       line;
} Cursor;

/* Reads one record (RFC 4180, also with bare \n or \r line ends).
 * Returns FALSE at the end of the text. */
static gboolean
csv_next_record (Cursor    *cursor,
                 char       separator,
                 GPtrArray *fields,
                 guint     *start_line,
                 gboolean  *unterminated)
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
    { "anrede", FIELD_SALUTATION }, { "salutation", FIELD_SALUTATION },
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

/* "Frau", "Herr" (and their short and English forms) as the greeting;
 * anything else ("Familie", "Divers", "Dr.") says nothing. */
static int
parse_salutation (const char *text)
{
  static const char * const female[] = { "frau", "fr", "ms", "mrs", NULL };
  static const char * const male[] = { "herr", "hr", "mr", NULL };
  g_autofree char *key = NULL;
  gsize length;

  if (!text)
    return -1;
  key = g_strstrip (g_utf8_casefold (text, -1));
  length = strlen (key);
  if (length > 0 && key[length - 1] == '.')
    key[length - 1] = '\0';
  if (g_strv_contains (female, key))
    return BV_MEMBER_SALUTATION_FEMALE;
  if (g_strv_contains (male, key))
    return BV_MEMBER_SALUTATION_MALE;
  return -1;
}

/* Stripped, with runs of blanks as one ("Anna  Becker" from a stray
 * blank); NULL for nothing. */
static char *
collapse_blanks (const char *text)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  if (!text)
    return NULL;

  words = g_strsplit_set (text, " \t", -1);
  for (guint i = 0; words[i]; i++)
    if (*words[i])
      g_ptr_array_add (kept, words[i]);
  g_ptr_array_add (kept, NULL);
  joined = g_strjoinv (" ", (char **)kept->pdata);
  return *joined ? g_steal_pointer (&joined) : NULL;
}

/* The first non-empty field of the columns for @field. */
static const char *
pick (GPtrArray *fields,
      GArray    *columns,
      Field      field)
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

GPtrArray *
bv_member_import_parse_csv (const char  *text,
                            const char  *name,
                            GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)bv_member_import_row_free);
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
      bv_member_import_set_file_error (error, name, FILE_NO_HEADER);
      return NULL;
    }

  /* "Vorname;Name": Name is the family name there. */
  name_is_last = has_field (columns, FIELD_FIRST) && !has_field (columns, FIELD_LAST);

  while (csv_next_record (&cursor, separator, fields, &line, &unterminated))
    {
      g_autoptr(BvMemberImportRow) row = bv_member_import_row_new (line);
      gboolean empty = TRUE;
      guint extra = 0;
      const char *full;
      const char *first;
      const char *last;

      for (guint i = 0; i < fields->len; i++)
        {
          g_autofree char *value = bv_member_import_dup_stripped (g_ptr_array_index (fields, i));

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

      row->salutation = parse_salutation (pick (fields, columns, FIELD_SALUTATION));
      if (first || last)
        {
          row->first_name = collapse_blanks (first);
          row->last_name = collapse_blanks (last);
        }
      if (full)
        row->name = collapse_blanks (full);
      else if (first || last)
        row->name = bv_member_import_take_stripped (g_strjoin (" ", row->first_name ? row->first_name : "",
                                                               row->last_name ? row->last_name : "", NULL));

      row->email = bv_member_import_dup_stripped (pick (fields, columns, FIELD_EMAIL));
      row->phone = bv_member_import_dup_stripped (pick (fields, columns, FIELD_PHONE));
      row->notes = bv_member_import_dup_stripped (pick (fields, columns, FIELD_NOTES));
      add_group_names (row, pick (fields, columns, FIELD_GROUPS));

      /* A mailto: link, as some exports write addresses. */
      if (row->email && g_ascii_strncasecmp (row->email, "mailto:", 7) == 0)
        {
          char *address = bv_member_import_dup_stripped (row->email + 7);
          g_free (row->email);
          row->email = address;
        }

      g_ptr_array_add (rows, g_steal_pointer (&row));
    }

  return g_steal_pointer (&rows);
}
