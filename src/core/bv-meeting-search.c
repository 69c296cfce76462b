/* bv-meeting-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-meeting-search.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bv-planned-dates.h"

static gboolean
word_found (const char  *word,
            char       **tokens,
            char       **alternates)
{
  for (guint i = 0; tokens && tokens[i]; i++)
    if (strstr (tokens[i], word))
      return TRUE;
  for (guint i = 0; alternates && alternates[i]; i++)
    if (strstr (alternates[i], word))
      return TRUE;
  return FALSE;
}

gboolean
bv_meeting_search_matches (const char         *title,
                           const char * const *terms)
{
  g_auto(GStrv) tokens = NULL;
  g_auto(GStrv) alternates = NULL;
  gboolean any = FALSE;

  if (!title || !terms)
    return FALSE;

  /* Folding removes case and, through the ASCII alternates, accents:
   * "Jürgen" gives "jürgen" and "jurgen". */
  tokens = g_str_tokenize_and_fold (title, NULL, &alternates);

  for (guint i = 0; terms[i]; i++)
    {
      g_auto(GStrv) words = g_str_tokenize_and_fold (terms[i], NULL, NULL);

      for (guint j = 0; words[j]; j++)
        {
          if (!word_found (words[j], tokens, alternates))
            return FALSE;
          any = TRUE;
        }
    }

  return any;
}

GPtrArray *
bv_meeting_search (BvDatabase         *database,
                   const char * const *terms,
                   GDateTime          *now)
{
  g_autoptr(GPtrArray) first = NULL;
  GPtrArray *found;

  g_return_val_if_fail (BV_IS_DATABASE (database), NULL);
  g_return_val_if_fail (now, NULL);

  found = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_planned_occurrence_free);
  if (!terms || !terms[0])
    return found;

  /* Each meeting's first date that has not ended, soonest first. */
  first = bv_planned_dates_list_first (database, now, NULL);
  for (guint i = 0; i < first->len; i++)
    {
      BvPlannedOccurrence *p = g_ptr_array_index (first, i);

      if (bv_meeting_search_matches (bv_meeting_get_title (p->meeting), terms))
        g_ptr_array_add (found, g_steal_pointer (&first->pdata[i]));
    }

  return found;
}

char *
bv_meeting_search_describe (BvOccurrence *occurrence)
{
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (occurrence, NULL);

  /* In the user's zone: a series in UTC or New York time shows when it
   * takes place here. */
  start = g_date_time_to_local (occurrence->start);
  /* Translators: a weekday and date, a g_date_time_format() format;
   * German: "%a, %-d. %B". */
  day = g_date_time_format (start, _("%a, %-d %B"));
  time = g_date_time_format (start, "%H:%M");
  return g_strdup_printf ("%s, %s", day, time);
}
