/* bv-meeting-kind-title.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bv-meeting-kind-title.h"

typedef struct
{
  const char    *key; /* case-folded */
  BvMeetingKind  kind;
} TitleKey;

/* In order: the first key found decides, so that "Mitgliederversammlung
 * mit Vorstandswahl" is the assembly, not the board. "hauptversammlung" also
 * covers "Jahreshauptversammlung". */
static const TitleKey title_keys[] = {
  { "mitgliederversammlung", BV_MEETING_KIND_ASSEMBLY },
  { "hauptversammlung",      BV_MEETING_KIND_ASSEMBLY },
  { "vorstand",              BV_MEETING_KIND_BOARD },
  { "kurs",                  BV_MEETING_KIND_COURSE },
  { "workshop",              BV_MEETING_KIND_WORKSHOP },
};

static gboolean
word_has_key (const char *word,
              const char *key)
{
  gsize word_len = strlen (word);
  gsize key_len = strlen (key);

  if (word_len < key_len)
    return FALSE;
  return strncmp (word, key, key_len) == 0 ||
         strcmp (word + word_len - key_len, key) == 0;
}

BvMeetingKind
bv_meeting_kind_from_title (const char *title)
{
  g_autofree char *normalized = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GPtrArray) words = NULL;
  GString *word;

  if (!title || !g_utf8_validate (title, -1, NULL))
    return BV_MEETING_KIND_GROUP;

  normalized = g_utf8_normalize (title, -1, G_NORMALIZE_NFKC);
  folded = g_utf8_casefold (normalized, -1);

  /* Words are runs of letters and digits: "Yoga-Kurs" has the word "kurs". */
  words = g_ptr_array_new_with_free_func (g_free);
  word = g_string_new (NULL);
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (word, c);
      else if (word->len > 0)
        {
          g_ptr_array_add (words, g_strdup (word->str));
          g_string_truncate (word, 0);
        }
    }
  if (word->len > 0)
    g_ptr_array_add (words, g_strdup (word->str));
  g_string_free (word, TRUE);

  for (guint k = 0; k < G_N_ELEMENTS (title_keys); k++)
    for (guint w = 0; w < words->len; w++)
      if (word_has_key (g_ptr_array_index (words, w), title_keys[k].key))
        return title_keys[k].kind;

  return BV_MEETING_KIND_GROUP;
}
