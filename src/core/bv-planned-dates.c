/* bv-planned-dates.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-planned-dates.h"

void
bv_planned_occurrence_free (BvPlannedOccurrence *self)
{
  if (!self)
    return;
  g_clear_object (&self->meeting);
  g_clear_pointer (&self->occurrence, bv_occurrence_free);
  g_free (self);
}

static BvPlannedOccurrence *
planned_new (BvMeeting    *meeting,
             BvOccurrence *occurrence)
{
  BvPlannedOccurrence *self = g_new0 (BvPlannedOccurrence, 1);

  self->meeting = g_object_ref (meeting);
  self->occurrence = occurrence;
  return self;
}

/* The store's exceptions as the plain array the expansion takes; the
 * strings stay owned by stored. */
static BvOccurrenceException *
exceptions_for (BvDatabase  *database,
                BvMeeting   *meeting,
                GPtrArray  **stored,
                guint       *n)
{
  BvOccurrenceException *out;

  *stored = bv_database_list_exceptions (database, bv_meeting_get_id (meeting));
  *n = *stored ? (*stored)->len : 0;
  out = g_new0 (BvOccurrenceException, MAX (*n, 1));
  for (guint i = 0; i < *n; i++)
    {
      BvMeetingException *e = g_ptr_array_index (*stored, i);

      out[i].recurrence_id = e->recurrence_id;
      out[i].cancelled = e->cancelled;
      out[i].new_start_local = e->new_start_local;
      out[i].new_duration = e->new_duration;
    }
  return out;
}

static gint
compare_planned (gconstpointer a,
                 gconstpointer b)
{
  const BvPlannedOccurrence *pa = *(BvPlannedOccurrence * const *) a;
  const BvPlannedOccurrence *pb = *(BvPlannedOccurrence * const *) b;
  gint result = g_date_time_compare (pa->occurrence->start, pb->occurrence->start);

  return result ? result : g_strcmp0 (bv_meeting_get_title (pa->meeting),
                                      bv_meeting_get_title (pb->meeting));
}

/* The dates of one meeting in [from, to), at most max_count; NULL (and a
 * warning) for a meeting whose dates cannot be computed, so that it does
 * not hide all others. */
static GPtrArray *
expand_meeting (BvDatabase *database,
                BvMeeting  *meeting,
                GDateTime  *from,
                GDateTime  *to,
                guint       max_count)
{
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree BvOccurrenceException *exceptions = NULL;
  GPtrArray *dates;
  guint n = 0;

  if (!bv_meeting_get_start_local (meeting))
    return NULL;

  exceptions = exceptions_for (database, meeting, &stored, &n);
  dates = bv_occurrences_expand (bv_meeting_get_start_local (meeting),
                                 bv_meeting_get_tzid (meeting),
                                 bv_meeting_get_duration (meeting),
                                 bv_meeting_get_rrule (meeting),
                                 exceptions, n, from, to, max_count, &error);
  if (!dates)
    g_warning ("Cannot compute the dates of meeting %s: %s",
               bv_meeting_get_id (meeting), error->message);
  return dates;
}

GPtrArray *
bv_planned_dates_list (BvDatabase *database,
                       GDateTime  *from,
                       GDateTime  *to)
{
  GListModel *meetings;
  GPtrArray *result;

  g_return_val_if_fail (BV_IS_DATABASE (database), NULL);

  meetings = bv_database_get_meetings (database);
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_planned_occurrence_free);

  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(BvMeeting) meeting = g_list_model_get_item (meetings, i);
      /* A cap keeps a daily rule from filling memory. */
      g_autoptr(GPtrArray) dates = expand_meeting (database, meeting, from, to, 1000);

      if (!dates)
        continue;

      for (guint j = 0; j < dates->len; j++)
        g_ptr_array_add (result, planned_new (meeting, bv_occurrence_copy (g_ptr_array_index (dates, j))));
    }

  g_ptr_array_sort (result, compare_planned);
  return result;
}

GPtrArray *
bv_planned_dates_list_first (BvDatabase *database,
                             GDateTime  *from,
                             GDateTime  *to)
{
  GListModel *meetings;
  GPtrArray *result;

  g_return_val_if_fail (BV_IS_DATABASE (database), NULL);
  g_return_val_if_fail (from, NULL);

  meetings = bv_database_get_meetings (database);
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_planned_occurrence_free);

  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(BvMeeting) meeting = g_list_model_get_item (meetings, i);
      g_autoptr(GPtrArray) dates = expand_meeting (database, meeting, from, to, 1);

      if (!dates)
        continue;

      if (dates->len > 0)
        g_ptr_array_add (result, planned_new (meeting, bv_occurrence_copy (g_ptr_array_index (dates, 0))));
    }

  g_ptr_array_sort (result, compare_planned);
  return result;
}

BvPlannedOccurrence *
bv_planned_dates_find_next (BvDatabase *database,
                            GDateTime  *now)
{
  GListModel *meetings;
  BvPlannedOccurrence *best = NULL;

  g_return_val_if_fail (BV_IS_DATABASE (database), NULL);
  g_return_val_if_fail (now, NULL);

  meetings = bv_database_get_meetings (database);
  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(BvMeeting) meeting = g_list_model_get_item (meetings, i);
      g_autoptr(GPtrArray) stored = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree BvOccurrenceException *exceptions = NULL;
      BvOccurrence *next;
      gboolean running, best_running;
      guint n = 0;

      if (!bv_meeting_get_start_local (meeting))
        continue;

      exceptions = exceptions_for (database, meeting, &stored, &n);
      next = bv_occurrences_next (bv_meeting_get_start_local (meeting),
                                  bv_meeting_get_tzid (meeting),
                                  bv_meeting_get_duration (meeting),
                                  bv_meeting_get_rrule (meeting),
                                  exceptions, n, now, &error);
      if (!next)
        {
          if (error)
            g_warning ("Cannot compute the dates of meeting %s: %s",
                       bv_meeting_get_id (meeting), error->message);
          continue;
        }

      /* One in progress beats any future one; among equals the earlier. */
      running = g_date_time_compare (next->start, now) <= 0;
      best_running = best && g_date_time_compare (best->occurrence->start, now) <= 0;
      if (!best || (running && !best_running) ||
          (running == best_running && g_date_time_compare (next->start, best->occurrence->start) < 0))
        {
          bv_planned_occurrence_free (best);
          best = planned_new (meeting, next);
        }
      else
        bv_occurrence_free (next);
    }

  return best;
}
