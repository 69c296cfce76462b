/* bv-ics-import.c
 *
 * Planned meetings from the .ics files calendar programs export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-ics-import.h"
#include "bv-ics-import-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bv-file-reader.h"

/* One bv_ics_import_file_async (): the file read and parsed in a worker
 * thread, the events saved in the caller's context. */
typedef struct
{
  BvDatabase        *database;
  GFile             *file;
  char              *name;
  char              *server_id;
  GPtrArray         *events;
  guint              skipped;
  BvIcsImportCounts  counts;
} IcsFileImport;

G_DEFINE_QUARK (bv-ics-import-error-quark, bv_ics_import_error)

static void
ics_file_import_free (IcsFileImport *data)
{
  g_clear_object (&data->database);
  g_clear_object (&data->file);
  g_free (data->name);
  g_free (data->server_id);
  g_clear_pointer (&data->events, g_ptr_array_unref);
  bv_ics_import_counts_clear (&data->counts);
  g_free (data);
}

/* Parsing */

static int
compare_exceptions (gconstpointer a,
                    gconstpointer b)
{
  const BvMeetingException *ea = *(const BvMeetingException * const *) a;
  const BvMeetingException *eb = *(const BvMeetingException * const *) b;

  return strcmp (ea->recurrence_id, eb->recurrence_id);
}

static GPtrArray *
parse_internal (const char    *data,
                gsize          length,
                const char    *name,
                guint         *skipped,
                GCancellable  *cancellable,
                GError       **error)
{
  BvIcsParser p = { 0 };
  g_autofree char *text = NULL;
  const char *start;
  const char *invalid = NULL;
  g_autoptr(GPtrArray) all_fields = NULL;
  g_autoptr(GPtrArray) masters = NULL;
  g_autoptr(GHashTable) by_uid = NULL;
  g_autoptr(GHashTable) skipped_uids = NULL;
  g_autoptr(GPtrArray) result = NULL;
  gboolean ok = FALSE;
  gsize n_attendees = 0;
  gsize n_exdates = 0;

  *skipped = 0;

  if (length > BV_ICS_IMPORT_MAX_BYTES)
    {
      bv_ics_set_file_error (error, name, FILE_TOO_LARGE, 0);
      return NULL;
    }
  if (!g_utf8_validate (data, length, &invalid))
    {
      bv_ics_set_file_error (error, name, FILE_NOT_UTF8, 0);
      return NULL;
    }

  text = g_strndup (data, length);
  start = text;
  if (g_str_has_prefix (start, "\xef\xbb\xbf"))
    start += 3;

  bv_ics_parser_init (&p, name, cancellable);

  if (!bv_ics_scan (&p, start, error))
    goto out;

  if (p.events->len == 0)
    {
      bv_ics_set_file_error (error, name, FILE_NO_EVENTS, 0);
      goto out;
    }
  /* Each one is a row written in the main context: a whole calendar's
   * history would keep the window busy for many seconds. */
  if (p.events->len > BV_ICS_IMPORT_MAX_EVENTS)
    {
      bv_ics_set_file_error (error, name, FILE_TOO_MANY_EVENTS, 0);
      goto out;
    }

  all_fields = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_ics_fields_free);
  masters = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_ics_master_free);
  by_uid = g_hash_table_new (g_str_hash, g_str_equal);
  skipped_uids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < p.events->len; i++)
    {
      BvIcsFields *fields;

      if (i % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      fields = bv_ics_read_fields (g_ptr_array_index (p.events, i));
      g_ptr_array_add (all_fields, fields);
      n_attendees += fields->attendees->len;
      for (guint j = 0; j < fields->exdates->len; j++)
        {
          const BvIcsLine *line = g_ptr_array_index (fields->exdates, j);

          /* One more than the commas: an upper bound of the values. */
          n_exdates++;
          for (const char *c = line->text; *c; c++)
            n_exdates += *c == ',';
        }
    }
  if (n_attendees > MAX_FILE_ATTENDEES)
    {
      bv_ics_set_file_error (error, name, FILE_TOO_MANY_ATTENDEES, 0);
      goto out;
    }
  if (n_exdates > MAX_FILE_EXDATES)
    {
      bv_ics_set_file_error (error, name, FILE_TOO_MANY_EXDATES, 0);
      goto out;
    }

  for (guint i = 0; i < all_fields->len; i++)
    {
      BvIcsFields *fields = g_ptr_array_index (all_fields, i);
      BvIcsMaster *master;
      BvIcsMaster *earlier;
      g_autoptr(GError) local_error = NULL;

      if (i % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (fields->recurrence_id)
        continue;

      master = bv_ics_read_master (&p, fields, &local_error);
      if (local_error)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto out;
        }
      if (!master)
        {
          (*skipped)++;
          if (fields->uid)
            g_hash_table_add (skipped_uids, fields->uid);
          continue;
        }

      earlier = fields->uid ? g_hash_table_lookup (by_uid, fields->uid) : NULL;
      if (earlier)
        {
          /* The same event twice: the later revision wins. */
          (*skipped)++;
          if (earlier->fields->sequence > fields->sequence)
            {
              bv_ics_master_free (master);
              continue;
            }
          g_ptr_array_remove (masters, earlier);
        }
      g_ptr_array_add (masters, master);
      if (fields->uid)
        g_hash_table_replace (by_uid, fields->uid, master);
    }

  for (guint i = 0; i < all_fields->len; i++)
    {
      BvIcsFields *fields = g_ptr_array_index (all_fields, i);
      BvIcsMaster *master;

      if (i % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (!fields->recurrence_id)
        continue;

      master = fields->uid ? g_hash_table_lookup (by_uid, fields->uid) : NULL;
      if (!master)
        {
          /* Changes of a skipped event go with it. */
          if (!fields->uid || !g_hash_table_contains (skipped_uids, fields->uid))
            (*skipped)++;
          continue;
        }
      if (!bv_ics_read_override (&p, master, fields, error))
        goto out;
    }

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_ics_event_free);
  for (guint i = 0; i < masters->len; i++)
    {
      BvIcsMaster *master = g_ptr_array_index (masters, i);
      BvIcsEvent *event = g_steal_pointer (&master->event);

      /* Without repetition there is nothing to cancel or move. */
      if (bv_meeting_get_rrule (event->meeting))
        {
          GHashTableIter iter;
          gpointer value;

          g_hash_table_iter_init (&iter, master->exceptions);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            {
              g_ptr_array_add (event->exceptions, value);
              g_hash_table_iter_steal (&iter);
            }
          g_ptr_array_sort (event->exceptions, compare_exceptions);
        }
      g_ptr_array_add (result, event);
    }
  ok = TRUE;

out:
  g_clear_pointer (&masters, g_ptr_array_unref);
  bv_ics_parser_clear (&p);
  return ok ? g_steal_pointer (&result) : NULL;
}

/* Saving */

/* The stored members by address key, built once per import: looking
 * each attendee up in the whole list made large files quadratic. */
static GHashTable *
members_by_email (BvDatabase *database)
{
  GListModel *members = bv_database_get_members (database);
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  guint n_items = g_list_model_get_n_items (members);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BvMember) member = g_list_model_get_item (members, i);
      char *key = bv_member_email_key (bv_member_get_email (member));

      if (key && !g_hash_table_contains (table, key))
        g_hash_table_insert (table, key, g_steal_pointer (&member));
      else
        g_free (key);
    }
  return table;
}

/* Whom a meeting's invitations hold: "m:" + member id, "@" + address key. */
static void
note_invited (GHashTable    *invited,
              BvParticipant *participant)
{
  const char *member_id = bv_participant_get_member_id (participant);
  g_autofree char *key = bv_member_email_key (bv_participant_get_email (participant));

  if (member_id)
    g_hash_table_add (invited, g_strconcat ("m:", member_id, NULL));
  if (key)
    g_hash_table_add (invited, g_strconcat ("@", key, NULL));
}

static gboolean
is_invited (GHashTable *invited,
            const char *member_id,
            const char *email_key)
{
  g_autofree char *member_key = member_id ? g_strconcat ("m:", member_id, NULL) : NULL;
  g_autofree char *address_key = email_key ? g_strconcat ("@", email_key, NULL) : NULL;

  return (member_key && g_hash_table_contains (invited, member_key))
         || (address_key && g_hash_table_contains (invited, address_key));
}

/* The events' attendees as the meetings' participants: members when the
 * address is a member's (named as the member when the calendar gives no
 * name), else guests named by CN or by the address before the "@".
 * People already invited stay as they are, so a second import adds
 * nobody twice. */
static GPtrArray *
collect_attendees (BvDatabase *database,
                   GPtrArray  *events,
                   GPtrArray  *meetings)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) members = NULL;

  for (guint i = 0; i < events->len; i++)
    {
      BvIcsEvent *event = g_ptr_array_index (events, i);
      BvMeeting *meeting = g_ptr_array_index (meetings, i);
      const char *meeting_id = bv_meeting_get_id (meeting);
      g_autoptr(GPtrArray) present = NULL;
      g_autoptr(GHashTable) invited = NULL;

      if (!event->attendees || event->attendees->len == 0)
        continue;

      if (!members)
        members = members_by_email (database);
      invited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      present = bv_database_list_participants (database, meeting_id);
      for (guint j = 0; j < present->len; j++)
        note_invited (invited, g_ptr_array_index (present, j));

      for (guint j = 0; j < event->attendees->len; j++)
        {
          BvIcsAttendee *attendee = g_ptr_array_index (event->attendees, j);
          g_autofree char *key = bv_member_email_key (attendee->email);
          BvMember *member = key ? g_hash_table_lookup (members, key) : NULL;
          g_autoptr(BvParticipant) participant = NULL;
          g_autofree char *local_part = NULL;
          BvParticipantRole role = attendee->moderator ? BV_PARTICIPANT_ROLE_MODERATOR
                                                       : BV_PARTICIPANT_ROLE_PARTICIPANT;
          const char *name = attendee->name;

          if (is_invited (invited, member ? bv_member_get_id (member) : NULL, key))
            continue;
          /* Checked when read; the guest constructor insists. */
          if (!bv_member_email_is_valid (attendee->email))
            continue;

          if (member)
            participant = bv_participant_new_member (meeting_id, bv_member_get_id (member), role);
          else
            {
              if (!name)
                name = local_part = g_strndup (attendee->email,
                                               strcspn (attendee->email, "@"));
              if (!*name)
                continue;
              participant = bv_participant_new_guest (meeting_id, name, attendee->email, role);
            }

          g_ptr_array_add (added, g_object_ref (participant));
          if (member)
            g_hash_table_add (invited, g_strconcat ("m:", bv_member_get_id (member), NULL));
          if (key)
            g_hash_table_add (invited, g_strconcat ("@", key, NULL));
        }
    }

  return g_steal_pointer (&added);
}

/* The refused addresses of all events, each once, for the report. */
static char **
collect_refused (GPtrArray *events,
                 guint     *n_refused)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  *n_refused = 0;
  for (guint i = 0; i < events->len; i++)
    {
      BvIcsEvent *event = g_ptr_array_index (events, i);

      for (guint j = 0; event->refused_attendees && j < event->refused_attendees->len; j++)
        {
          char *address = g_ptr_array_index (event->refused_attendees, j);

          (*n_refused)++;
          if (g_hash_table_add (seen, address))
            g_ptr_array_add (all, g_strdup (address));
        }
    }

  if (all->len == 0)
    return NULL;
  g_ptr_array_add (all, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&all), FALSE);
}

/* The stored meetings by UID, as bv_database_find_meeting_by_ical_uid ()
 * would find them (the first), built once: per event it was quadratic. */
static GHashTable *
meetings_by_uid (BvDatabase *database)
{
  GListModel *meetings = bv_database_get_meetings (database);
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  guint n_items = g_list_model_get_n_items (meetings);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(BvMeeting) meeting = g_list_model_get_item (meetings, i);
      const char *uid = bv_meeting_get_ical_uid (meeting);

      if (uid && !g_hash_table_contains (table, uid))
        g_hash_table_insert (table, g_strdup (uid), g_steal_pointer (&meeting));
    }
  return table;
}

static gboolean
store_events (BvDatabase         *database,
              GPtrArray          *events,
              const char         *server_id,
              BvIcsImportCounts  *counts,
              GError            **error)
{
  g_autoptr(GPtrArray) meetings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) exceptions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) by_uid = meetings_by_uid (database);
  guint added = 0;
  guint updated = 0;
  guint participants = 0;

  for (guint i = 0; i < events->len; i++)
    {
      BvIcsEvent *event = g_ptr_array_index (events, i);
      BvMeeting *parsed = event->meeting;
      const char *uid = bv_meeting_get_ical_uid (parsed);
      g_autoptr(BvMeeting) existing = uid ? g_hash_table_lookup (by_uid, uid) : NULL;

      if (existing)
        g_object_ref (existing);

      if (existing)
        {
          /* The store restores the list's object if the save fails. */
          bv_meeting_set_title (existing, bv_meeting_get_title (parsed));
          bv_meeting_set_start (existing, bv_meeting_get_start_local (parsed),
                                bv_meeting_get_tzid (parsed));
          bv_meeting_set_duration (existing, bv_meeting_get_duration (parsed));
          bv_meeting_set_rrule (existing, bv_meeting_get_rrule (parsed));
          bv_meeting_set_welcome (existing, bv_meeting_get_welcome (parsed));
          if (!bv_meeting_get_server_id (existing) && server_id)
            bv_meeting_set_server_id (existing, server_id);
          g_ptr_array_add (meetings, g_steal_pointer (&existing));
          updated++;
        }
      else
        {
          if (server_id)
            bv_meeting_set_server_id (parsed, server_id);
          g_ptr_array_add (meetings, g_object_ref (parsed));
          added++;
        }
      g_ptr_array_add (exceptions, g_ptr_array_ref (event->exceptions));
    }

  /* Attendees are worked out before anything is written, so that the
   * meetings and their invitations go into one transaction: a failure
   * keeps neither. */
  attendees = collect_attendees (database, events, meetings);
  if (meetings->len > 0
      && !bv_database_save_meetings_with_participants (database, meetings, exceptions, attendees, &local_error))
    {
      g_set_error_literal (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_STORE,
                           local_error->message);
      return FALSE;
    }
  participants = attendees->len;

  if (counts)
    {
      counts->added = added;
      counts->updated = updated;
      counts->participants = participants;
      counts->refused_attendees = collect_refused (events, &counts->attendees_refused);
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

  bytes = bv_file_reader_read (file, BV_ICS_IMPORT_MAX_BYTES, cancellable, &local_error);
  if (bytes)
    return bytes;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    bv_ics_set_file_error (error, name, FILE_TOO_LARGE, 0);
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    /* Translators: the first %s is a file name, the second what went wrong. */
    g_set_error (error, BV_ICS_IMPORT_ERROR, BV_ICS_IMPORT_ERROR_READ,
                 _("The calendar file “%s” could not be read: %s"),
                 name, local_error->message);
  return NULL;
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  IcsFileImport *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
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
  data->events = parse_internal (contents ? contents : "", size, data->name, &data->skipped,
                                 cancellable, &error);
  if (!data->events)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
parsed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  IcsFileImport *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  if (!store_events (data->database, data->events, data->server_id, &data->counts, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data->counts.skipped = data->skipped;
  g_task_return_boolean (task, TRUE);
}

/* Public API */

BvMeeting *
bv_ics_event_get_meeting (BvIcsEvent *event)
{
  g_return_val_if_fail (event, NULL);

  return event->meeting;
}

GPtrArray *
bv_ics_event_get_exceptions (BvIcsEvent *event)
{
  g_return_val_if_fail (event, NULL);

  return event->exceptions;
}

GPtrArray *
bv_ics_event_get_attendees (BvIcsEvent *event)
{
  g_return_val_if_fail (event, NULL);

  return event->attendees;
}

GPtrArray *
bv_ics_event_get_refused_attendees (BvIcsEvent *event)
{
  g_return_val_if_fail (event, NULL);

  return event->refused_attendees;
}

void
bv_ics_import_counts_clear (BvIcsImportCounts *counts)
{
  if (!counts)
    return;
  g_clear_pointer (&counts->refused_attendees, g_strfreev);
}

void
bv_ics_event_free (BvIcsEvent *event)
{
  if (!event)
    return;
  g_clear_object (&event->meeting);
  g_clear_pointer (&event->exceptions, g_ptr_array_unref);
  g_clear_pointer (&event->attendees, g_ptr_array_unref);
  g_clear_pointer (&event->refused_attendees, g_ptr_array_unref);
  g_free (event);
}

GPtrArray *
bv_ics_parse (const char  *data,
              gsize        length,
              GError     **error)
{
  guint skipped;

  g_return_val_if_fail (data || length == 0, NULL);
  g_return_val_if_fail (!error || !*error, NULL);

  return parse_internal (data ? data : "", length, NULL, &skipped, NULL, error);
}

gboolean
bv_ics_import_data (BvDatabase         *database,
                    const char         *data,
                    gsize               length,
                    const char         *server_id,
                    BvIcsImportCounts  *counts,
                    GError            **error)
{
  g_autoptr(GPtrArray) events = NULL;
  guint skipped = 0;

  g_return_val_if_fail (BV_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (data || length == 0, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  events = parse_internal (data ? data : "", length, NULL, &skipped, NULL, error);
  if (!events)
    return FALSE;
  if (!store_events (database, events, server_id, counts, error))
    return FALSE;
  if (counts)
    counts->skipped = skipped;
  return TRUE;
}

void
bv_ics_import_file_async (BvDatabase          *database,
                          GFile               *file,
                          const char          *server_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) parse_task = NULL;
  g_autofree char *basename = NULL;
  IcsFileImport *data;

  g_return_if_fail (BV_IS_DATABASE (database));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  basename = g_file_get_basename (file);
  data = g_new0 (IcsFileImport, 1);
  data->database = g_object_ref (database);
  data->file = g_object_ref (file);
  data->name = basename ? g_filename_display_name (basename) : g_file_get_parse_name (file);
  data->server_id = g_strdup (server_id);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_ics_import_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) ics_file_import_free);

  /* The file is read and parsed in a thread; the database is written
   * here, in the caller's main context. */
  parse_task = g_task_new (NULL, cancellable, parsed_cb, g_object_ref (task));
  g_task_set_source_tag (parse_task, parse_thread);
  g_task_set_task_data (parse_task, data, NULL);
  g_task_run_in_thread (parse_task, parse_thread);
}

gboolean
bv_ics_import_file_finish (GAsyncResult       *result,
                           BvIcsImportCounts  *counts,
                           GError            **error)
{
  IcsFileImport *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_ics_import_file_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  if (counts)
    {
      *counts = data->counts;
      data->counts.refused_attendees = NULL;
    }
  return TRUE;
}
