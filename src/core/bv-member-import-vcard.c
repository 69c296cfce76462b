/* bv-member-import-vcard.c
 *
 * Members from vCards (3.0 and 4.0, RFC 6350): unfolding, properties,
 * quoted-printable, one row per card.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-member-import-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bv-import-text.h"

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

static gboolean
is_quoted_printable (const char *text)
{
  const char *colon = bv_import_text_value_colon (text);
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
  const char *colon = bv_import_text_value_colon (text);
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
finish_card (BvMemberImportRow *row,
             char              *n_name,
             char              *n_given,
             char              *n_family,
             GPtrArray         *rows)
{
  if (!row->name && n_name)
    row->name = g_strdup (n_name);
  /* N names the parts; FN is only how the card shows the whole. */
  if (n_given || n_family)
    {
      row->first_name = g_strdup (n_given);
      row->last_name = g_strdup (n_family);
    }
  g_ptr_array_add (rows, row);
}

GPtrArray *
bv_member_import_parse_vcard (const char *text)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)bv_member_import_row_free);
  g_autoptr(GPtrArray) lines = unfold (text);
  g_autofree char *n_name = NULL;
  g_autofree char *n_given = NULL;
  g_autofree char *n_family = NULL;
  gboolean email_preferred = FALSE;
  gboolean phone_preferred = FALSE;
  BvMemberImportRow *row = NULL;

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
              finish_card (row, n_name, n_given, n_family, rows);
            }
          row = bv_member_import_row_new (vline->line);
          g_clear_pointer (&n_name, g_free);
          g_clear_pointer (&n_given, g_free);
          g_clear_pointer (&n_family, g_free);
          email_preferred = phone_preferred = FALSE;
        }
      else if (!row)
        ;
      else if (g_str_equal (property.property, "END"))
        {
          finish_card (row, n_name, n_given, n_family, rows);
          row = NULL;
        }
      else if (g_str_equal (property.property, "FN"))
        {
          g_free (row->name);
          row->name = bv_member_import_take_stripped (unescape_value (property.value));
        }
      else if (g_str_equal (property.property, "N"))
        {
          g_autoptr(GPtrArray) parts = split_value (property.value, ';');
          const char *family = g_ptr_array_index (parts, 0);
          const char *given = parts->len > 1 ? g_ptr_array_index (parts, 1) : "";

          g_free (n_given);
          n_given = bv_member_import_dup_stripped (given);
          g_free (n_family);
          n_family = bv_member_import_dup_stripped (family);
          g_free (n_name);
          n_name = bv_member_import_take_stripped (g_strjoin (" ", given, family, NULL));
          if (n_name && (!*given || !*family))
            {
              char *single = bv_member_import_dup_stripped (*given ? given : family);
              g_free (n_name);
              n_name = single;
            }
        }
      else if (g_str_equal (property.property, "EMAIL"))
        {
          if (!row->email || (property.preferred && !email_preferred))
            {
              char *email = bv_member_import_take_stripped (unescape_value (property.value));

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
              char *phone = bv_member_import_take_stripped (unescape_value (property.value));

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
              char *group = bv_member_import_dup_stripped (g_ptr_array_index (parts, j));

              if (group)
                g_ptr_array_add (row->groups, group);
            }
        }
      else if (g_str_equal (property.property, "NOTE"))
        {
          g_free (row->notes);
          row->notes = bv_member_import_take_stripped (unescape_value (property.value));
        }

      vproperty_clear (&property);
    }

  if (row)
    {
      row->problem = g_strdup_printf (_("Line %u: the contact card is not complete"), row->line);
      finish_card (row, n_name, n_given, n_family, rows);
    }

  return g_steal_pointer (&rows);
}
