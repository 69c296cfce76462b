/* bv-import-text.c
 *
 * Text helpers the calendar and member imports share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-import-text.h"

char *
bv_import_text_plain (const char *text,
                      guint       max_chars)
{
  g_autoptr(GString) plain = NULL;
  guint n = 0;

  g_return_val_if_fail (text, NULL);

  plain = g_string_new (NULL);
  for (const char *c = text; *c && n < max_chars; c = g_utf8_next_char (c), n++)
    {
      gunichar u = g_utf8_get_char (c);
      GUnicodeType type = g_unichar_type (u);

      if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT
          || type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        g_string_append_c (plain, ' ');
      else
        g_string_append_unichar (plain, u);
    }
  g_strstrip (plain->str);
  if (!plain->str[0])
    return NULL;
  return g_strdup (plain->str);
}

const char *
bv_import_text_value_colon (const char *line)
{
  gboolean quoted = FALSE;

  g_return_val_if_fail (line, NULL);

  for (const char *c = line; *c; c++)
    {
      if (*c == '"')
        quoted = !quoted;
      else if (*c == ':' && !quoted)
        return c;
    }
  return NULL;
}
