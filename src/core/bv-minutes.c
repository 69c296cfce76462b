/* bv-minutes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-invitation-proof.h"
#include "bv-minutes.h"

#include <glib/gi18n-lib.h>

#include "bv-attendance-summary.h"
#include "bv-mail-record.h"

static char *
format_local (gint64      seconds,
              GTimeZone  *tz,
              const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (local, format);
}

static const char *
time_format (void)
{
  /* Translators: a time of day in the minutes of an assembly. */
  return C_("time of day in the minutes", "%H:%M");
}

char *
bv_minutes_invitation_statement (BvDatabase *database,
                                 BvMeeting  *meeting,
                                 guint       period_days)
{
  g_return_val_if_fail (BV_IS_DATABASE (database), NULL);
  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  return bv_invitation_proof_statement (database, meeting, period_days);
}

gboolean
bv_minutes_has_attendance (BvDatabase *database,
                           BvMeeting  *meeting)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (BV_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (BV_IS_MEETING (meeting), FALSE);

  entries = bv_database_list_attendance (database, bv_meeting_get_id (meeting));
  return entries->len > 0;
}

typedef struct
{
  gint64 at;
  int    change;
} Step;

static int
compare_steps (gconstpointer a,
               gconstpointer b)
{
  const Step *x = a, *y = b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  /* Leaves before joins at the same time: nobody counts twice. */
  return x->change - y->change;
}

/* When the most people were in the room: the moment the quorum is stated
 * for when no result was entered. */
static gint64
fullest_moment (GPtrArray *entries,
                gint64     now)
{
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (Step));
  gint64 best_at = 0;
  int inside = 0, best = -1;

  for (guint i = 0; i < entries->len; i++)
    {
      BvAttendanceEntry *entry = g_ptr_array_index (entries, i);
      Step join = { entry->joined_at, +1 };
      Step leave = { entry->left_at ? entry->left_at : now, -1 };

      g_array_append_val (steps, join);
      g_array_append_val (steps, leave);
    }
  g_array_sort (steps, compare_steps);
  for (guint i = 0; i < steps->len; i++)
    {
      Step *step = &g_array_index (steps, Step, i);

      inside += step->change;
      if (inside > best)
        {
          best = inside;
          best_at = step->at;
        }
    }
  return best_at;
}

/* @people as they were at @at: present who had a stay around it. The
 * summary knows only the state at its own time. Returns (element-type
 * BvAttendancePerson) copies. */
static GPtrArray *
people_at (GPtrArray *people,
           GPtrArray *entries,
           gint64     at)
{
  g_autoptr(GHashTable) inside = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *then = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_attendance_person_free);

  for (guint i = 0; i < entries->len; i++)
    {
      BvAttendanceEntry *entry = g_ptr_array_index (entries, i);

      if (entry->member_id && entry->invited && entry->joined_at <= at &&
          (!entry->left_at || entry->left_at > at))
        g_hash_table_add (inside, entry->member_id);
    }
  for (guint i = 0; i < people->len; i++)
    {
      BvAttendancePerson *person = g_ptr_array_index (people, i);
      BvAttendancePerson *copy = g_new0 (BvAttendancePerson, 1);

      /* Only what bv_quorum_evaluate () reads. */
      copy->member_id = g_strdup (person->member_id);
      copy->invited = person->invited;
      copy->state = person->member_id && g_hash_table_contains (inside, person->member_id)
                    ? BV_ATTENDANCE_STATE_PRESENT : BV_ATTENDANCE_STATE_LEFT;
      g_ptr_array_add (then, copy);
    }
  return then;
}

static BvAgendaResult *
find_result (GPtrArray  *results,
             const char *item_id)
{
  for (guint i = 0; i < results->len; i++)
    {
      BvAgendaResult *result = g_ptr_array_index (results, i);

      if (g_strcmp0 (result->item_id, item_id) == 0)
        return result;
    }
  return NULL;
}

static const char *
or_blank (const char *text)
{
  return text && *text ? text : "_______________________";
}

BvPrintDocument *
bv_minutes_build (BvDatabase         *database,
                  BvMeeting          *meeting,
                  const char         *club,
                  const BvQuorumRule *rule,
                  guint               period_days,
                  gint64              now)
{
  g_autoptr(BvPrintDocument) document = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) gaps = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) at_quorum = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *title = NULL;
  g_autofree char *line = NULL;
  g_autofree char *invitation = NULL;
  g_autofree char *quorum_line = NULL;
  g_autofree char *quorum_time = NULL;
  BvMinutesFacts facts = { 0 };
  BvQuorumState state;
  GPtrArray *agenda;
  const char *id;
  const char *venue;
  gint64 start = 0, end = 0, quorum_at = 0;
  const double columns[] = { 0.36, 0.2, 0.22, 0.22 };

  g_return_val_if_fail (BV_IS_DATABASE (database), NULL);
  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (rule, NULL);

  id = bv_meeting_get_id (meeting);
  tz = g_time_zone_new_identifier (bv_meeting_get_tzid (meeting));
  if (!tz)
    tz = g_time_zone_new_utc ();
  bv_database_get_minutes_facts (database, id, &facts);
  entries = bv_database_list_attendance (database, id);
  gaps = bv_database_list_attendance_gaps (database, id);
  results = bv_database_list_agenda_results (database, id);
  people = bv_attendance_summarize (database, meeting, now);

  for (guint i = 0; i < entries->len; i++)
    {
      BvAttendanceEntry *entry = g_ptr_array_index (entries, i);
      gint64 until = entry->left_at ? entry->left_at : entry->last_seen;

      if (!start || entry->joined_at < start)
        start = entry->joined_at;
      end = MAX (end, until);
    }

  title = g_strdup (facts.extraordinary ? _("Minutes of the extraordinary general assembly")
                                        : _("Minutes of the ordinary general assembly"));
  document = bv_print_document_new (title);
  bv_print_document_add_heading (document, title);
  if (club && *club)
    bv_print_document_add_subheading (document, club);
  bv_print_document_add_paragraph (document, bv_meeting_get_title (meeting));

  venue = bv_meeting_get_venue (meeting);
  if (venue && *venue)
    /* Translators: %s is the place where members meet in person. */
    line = g_strdup_printf (_("Form: hybrid (online and at %s)"), venue);
  else
    line = g_strdup (_("Form: online"));
  bv_print_document_add_paragraph (document, line);
  g_clear_pointer (&line, g_free);

  if (start)
    {
      g_autofree char *day = format_local (start, tz, _("%A, %-d %B %Y"));
      g_autofree char *from = format_local (start, tz, time_format ());
      g_autofree char *to = format_local (end, tz, time_format ());

      /* Translators: a date, then the times of the first join and the
       * last leave of the meeting's room. */
      line = g_strdup_printf (_("Date: %s; start: %s, end: %s (from the attendance record)"),
                              day, from, to);
      bv_print_document_add_paragraph (document, line);
      g_clear_pointer (&line, g_free);
    }

  /* Translators: %s is a person's name, or a line to write it on. */
  line = g_strdup_printf (_("Chair: %s"), or_blank (facts.chair));
  bv_print_document_add_paragraph (document, line);
  g_clear_pointer (&line, g_free);
  /* Translators: %s is a person's name, or a line to write it on. */
  line = g_strdup_printf (_("Recorder: %s"), or_blank (facts.recorder));
  bv_print_document_add_paragraph (document, line);
  g_clear_pointer (&line, g_free);

  bv_print_document_add_subheading (document, _("Invitation"));
  invitation = bv_minutes_invitation_statement (database, meeting, period_days);
  bv_print_document_add_paragraph (document, invitation);

  /* The quorum as it was when the first result was entered, else when the
   * room was fullest. */
  for (guint i = 0; i < results->len; i++)
    {
      BvAgendaResult *result = g_ptr_array_index (results, i);

      if (result->recorded_at && (!quorum_at || result->recorded_at < quorum_at))
        quorum_at = result->recorded_at;
    }
  if (!quorum_at)
    quorum_at = fullest_moment (entries, now);
  at_quorum = people_at (people, entries, quorum_at);
  bv_quorum_evaluate (database, rule, at_quorum, &state);
  quorum_line = bv_quorum_describe (&state);
  quorum_time = format_local (quorum_at, tz, time_format ());
  bv_print_document_add_subheading (document, _("Quorum"));
  /* Translators: a time of day, then the quorum line, e.g. "Quorate: 23
   * of 112 entitled voters present (required: 12)". */
  line = g_strdup_printf (_("At %s: %s."), quorum_time, quorum_line);
  bv_print_document_add_paragraph (document, line);
  g_clear_pointer (&line, g_free);

  bv_print_document_add_subheading (document, _("Agenda and results"));
  agenda = bv_meeting_get_agenda (meeting);
  if (!agenda || agenda->len == 0)
    bv_print_document_add_paragraph (document, _("The meeting had no agenda."));
  for (guint i = 0; agenda && i < agenda->len; i++)
    {
      BvAgendaItem *item = g_ptr_array_index (agenda, i);
      BvAgendaResult *result = find_result (results, item->id);

      /* Translators: an agenda item (Tagesordnungspunkt): its number and title. */
      line = g_strdup_printf (_("Item %u: %s"), i + 1, item->title);
      bv_print_document_add_paragraph (document, line);
      g_clear_pointer (&line, g_free);
      if (item->motion)
        {
          /* Translators: %s is the wording of a motion. */
          line = g_strdup_printf (_("Motion: %s"), item->motion);
          bv_print_document_add_paragraph (document, line);
          g_clear_pointer (&line, g_free);
        }
      if (result)
        {
          g_autofree char *said = bv_agenda_result_describe (result);

          if (result->present)
            /* Translators: a result, then a number of people. */
            line = g_strdup_printf (_("%s Entitled voters present: %u."), said, result->present);
          else
            line = g_steal_pointer (&said);
        }
      else
        line = g_strdup (_("No result recorded."));
      bv_print_document_add_paragraph (document, line);
      g_clear_pointer (&line, g_free);
    }

  {
    g_autofree char *chair = g_strdup_printf (_("Chair: %s"), facts.chair ? facts.chair : "");
    g_autofree char *recorder = g_strdup_printf (_("Recorder: %s"), facts.recorder ? facts.recorder : "");
    const char *captions[] = { _("Place, date"), chair, recorder };

    bv_print_document_add_signatures (document, captions, G_N_ELEMENTS (captions));
  }

  bv_print_document_add_page_break (document);
  bv_print_document_add_subheading (document, _("Appendix: attendance list"));
  {
    const char *header[] = { _("Name"), _("First join"), _("Last leave"), _("Minutes present") };

    bv_print_document_add_row (document, header, columns, G_N_ELEMENTS (header), TRUE);
  }
  for (guint i = 0; i < people->len; i++)
    {
      BvAttendancePerson *person = g_ptr_array_index (people, i);
      g_autofree char *name = NULL;
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;
      g_autofree char *minutes = NULL;
      const char *cells[4];

      if (person->state == BV_ATTENDANCE_STATE_NEVER_CAME)
        continue;
      name = person->invited || person->host ? g_strdup (person->name)
                             /* Translators: a name in the attendance list. */
                             : g_strdup_printf (_("%s (not invited)"), person->name);
      first = format_local (person->first_join, tz, time_format ());
      last = person->state == BV_ATTENDANCE_STATE_LEFT ? format_local (person->last_leave, tz, time_format ())
                                                       : g_strdup ("–");
      minutes = g_strdup_printf ("%u", person->minutes);
      cells[0] = name;
      cells[1] = first;
      cells[2] = last;
      cells[3] = minutes;
      bv_print_document_add_row (document, cells, columns, G_N_ELEMENTS (cells), FALSE);
    }
  for (guint i = 0; i < gaps->len; i++)
    {
      BvAttendanceGap *gap = g_ptr_array_index (gaps, i);
      g_autofree char *from = format_local (gap->started_at, tz, time_format ());
      g_autofree char *to = gap->ended_at ? format_local (gap->ended_at, tz, time_format ()) : g_strdup ("–");

      /* Translators: two times of day. */
      line = g_strdup_printf (_("The server could not be asked from %s to %s; nothing is known of that time."),
                              from, to);
      bv_print_document_add_paragraph (document, line);
      g_clear_pointer (&line, g_free);
    }

  bv_minutes_facts_clear (&facts);
  return g_steal_pointer (&document);
}
