/* bv-attendance-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bv-attendance-summary.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bv-join.h"

void
bv_attendance_person_free (BvAttendancePerson *person)
{
  if (!person)
    return;
  g_free (person->name);
  g_free (person->email);
  g_free (person->member_id);
  g_free (person->participant_id);
  g_free (person);
}

static void
add_stay (BvAttendancePerson      *person,
          const BvAttendanceEntry *entry,
          gint64                   now,
          gint64                  *seconds)
{
  gint64 end = entry->left_at ? entry->left_at : MAX (now, entry->joined_at);

  if (!person->first_join || entry->joined_at < person->first_join)
    person->first_join = entry->joined_at;
  if (!entry->left_at)
    person->state = BV_ATTENDANCE_STATE_PRESENT;
  else if (person->state != BV_ATTENDANCE_STATE_PRESENT)
    {
      person->state = BV_ATTENDANCE_STATE_LEFT;
      person->last_leave = MAX (person->last_leave, entry->left_at);
    }
  *seconds += end - entry->joined_at;
}

GPtrArray *
bv_attendance_summarize (BvDatabase *database,
                         BvMeeting  *meeting,
                         gint64      now)
{
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) by_participant = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) uninvited = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seconds = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr(GPtrArray) invited = g_ptr_array_new ();
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  g_autofree char *own_user_id = bv_join_get_user_id ();
  GPtrArray *people;

  g_return_val_if_fail (BV_IS_DATABASE (database), NULL);
  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  people = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_attendance_person_free);
  participants = bv_database_list_participants (database, bv_meeting_get_id (meeting));
  /* As the member list: by last name (the store's lists put moderators
   * first; the attendance list does not). */
  g_ptr_array_sort (participants, bv_database_compare_participant_names);
  for (guint i = 0; i < participants->len; i++)
    {
      BvParticipant *participant = g_ptr_array_index (participants, i);
      BvAttendancePerson *person = g_new0 (BvAttendancePerson, 1);

      person->name = g_strdup (bv_participant_get_name (participant) ? bv_participant_get_name (participant) : "");
      person->email = g_strdup (bv_participant_get_email (participant));
      person->member_id = g_strdup (bv_participant_get_member_id (participant));
      person->participant_id = g_strdup (bv_participant_get_id (participant));
      person->invited = TRUE;
      person->state = BV_ATTENDANCE_STATE_NEVER_CAME;
      g_hash_table_insert (by_participant, (gpointer) bv_participant_get_id (participant), person);
      g_hash_table_insert (seconds, person, g_new0 (gint64, 1));
      g_ptr_array_add (invited, person);
    }

  entries = bv_database_list_attendance (database, bv_meeting_get_id (meeting));
  for (guint i = 0; i < entries->len; i++)
    {
      BvAttendanceEntry *entry = g_ptr_array_index (entries, i);
      BvAttendancePerson *person = entry->participant_id
                                   ? g_hash_table_lookup (by_participant, entry->participant_id) : NULL;

      if (!person)
        {
          /* Not (or no longer) invited: one person per userID. */
          person = g_hash_table_lookup (uninvited, entry->user_id);
          if (!person)
            {
              person = g_new0 (BvAttendancePerson, 1);
              person->host = g_strcmp0 (entry->user_id, own_user_id) == 0;
              if (person->host && entry->full_name && *entry->full_name)
                /* TRANSLATORS: the name of the one who joined the meeting
                 * through this app and runs it, in the attendance list */
                person->name = g_strdup_printf (_("%s (chair, this app)"), entry->full_name);
              else if (person->host)
                person->name = g_strdup (_("Chair (this app)"));
              else
                person->name = g_strdup (entry->full_name);
              person->member_id = g_strdup (entry->member_id);
              person->invited = FALSE;
              person->state = BV_ATTENDANCE_STATE_NEVER_CAME;
              g_hash_table_insert (uninvited, entry->user_id, person);
              g_hash_table_insert (seconds, person, g_new0 (gint64, 1));
              g_ptr_array_add (others, person);
            }
        }
      add_stay (person, entry, now, g_hash_table_lookup (seconds, person));
    }

  for (guint i = 0; i < invited->len; i++)
    g_ptr_array_add (people, g_ptr_array_index (invited, i));
  for (guint i = 0; i < others->len; i++)
    g_ptr_array_add (people, g_ptr_array_index (others, i));
  for (guint i = 0; i < people->len; i++)
    {
      BvAttendancePerson *person = g_ptr_array_index (people, i);
      gint64 total = *(gint64 *) g_hash_table_lookup (seconds, person);

      person->minutes = (guint) MIN (total / 60, G_MAXUINT);
    }
  return people;
}

static void
append_field (GString    *out,
              const char *value)
{
  if (!value)
    return;
  if (strpbrk (value, ";\"\r\n"))
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, value);
}

static char *
format_time (gint64     seconds,
             GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (!seconds)
    return NULL;
  utc = g_date_time_new_from_unix_utc (seconds);
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

char *
bv_attendance_csv (GPtrArray *people,
                   BvMeeting *meeting)
{
  g_autoptr(GTimeZone) tz = NULL;
  GString *out;

  g_return_val_if_fail (people, NULL);
  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  tz = g_time_zone_new_identifier (bv_meeting_get_tzid (meeting));
  if (!tz)
    tz = g_time_zone_new_utc ();

  out = g_string_new ("Name;E-Mail;Eingeladen;Erster Beitritt;Letztes Verlassen;Minuten\r\n");
  for (guint i = 0; i < people->len; i++)
    {
      BvAttendancePerson *person = g_ptr_array_index (people, i);
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;

      if (person->state == BV_ATTENDANCE_STATE_NEVER_CAME)
        continue;
      first = format_time (person->first_join, tz);
      last = person->state == BV_ATTENDANCE_STATE_LEFT ? format_time (person->last_leave, tz) : NULL;

      append_field (out, person->name);
      g_string_append_c (out, ';');
      append_field (out, person->email);
      g_string_append_c (out, ';');
      g_string_append (out, person->invited ? "ja" : "nein");
      g_string_append_c (out, ';');
      append_field (out, first);
      g_string_append_c (out, ';');
      append_field (out, last);
      g_string_append_printf (out, ";%u\r\n", person->minutes);
    }
  return g_string_free (out, FALSE);
}
