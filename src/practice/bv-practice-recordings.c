/* bv-practice-recordings.c
 *
 * The sample recordings every practice server starts with, and the calls
 * that list, publish, delete and update them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-practice"

#include "config.h"

#include "bv-practice-internal.h"

#define DAY_MS (24 * 60 * MINUTE_MS)

void
bv_practice_recording_free (gpointer data)
{
  BvPracticeRecording *recording = data;

  g_free (recording->record_id);
  g_free (recording->meeting_id);
  g_free (recording->name);
  g_free (recording->state);
  g_ptr_array_unref (recording->metadata);
  g_free (recording);
}

static void
append_recording (BvPracticeServer    *self,
                  GString             *s,
                  BvPracticeRecording *recording)
{
  guint minutes = (guint) ((recording->end_time - recording->start_time) / MINUTE_MS);
  g_autofree char *internal_id = bv_practice_internal_id_for (recording->meeting_id, recording->start_time);

  g_string_append (s, "<recording>");
  bv_practice_xml_append_text (s, "recordID", recording->record_id);
  bv_practice_xml_append_text (s, "meetingID", recording->meeting_id);
  bv_practice_xml_append_text (s, "internalMeetingID", recording->record_id);
  bv_practice_xml_append_text (s, "name", recording->name);
  bv_practice_xml_append_bool (s, "isBreakout", FALSE);
  bv_practice_xml_append_bool (s, "published", g_str_equal (recording->state, "published"));
  bv_practice_xml_append_text (s, "state", recording->state);
  bv_practice_xml_append_int (s, "startTime", recording->start_time);
  bv_practice_xml_append_int (s, "endTime", recording->end_time);
  bv_practice_xml_append_int (s, "participants", recording->participants);
  bv_practice_xml_append_int (s, "rawSize", (gint64) minutes * 2400000);
  bv_practice_xml_append_pairs (s, "metadata", recording->metadata);

  g_string_append (s, "<playback><format>");
  bv_practice_xml_append_text (s, "type", "presentation");
  g_string_append_printf (s, "<url>%s/playback/presentation/2.3/%s</url>",
                          self->base_url, recording->record_id);
  bv_practice_xml_append_int (s, "processingTime", 7177);
  bv_practice_xml_append_int (s, "length", minutes);
  bv_practice_xml_append_int (s, "size", (gint64) minutes * 41000);
  g_string_append (s, "<preview><images>");
  for (guint i = 1; i <= 3; i++)
    g_string_append_printf (s, "<image alt=\"%s\" height=\"136\" width=\"176\">"
                               "%s/presentation/%s/thumbnails/thumb-%u.png</image>",
                            i == 1 ? "Willkommen" : i == 2 ? "Tagesordnung" : "Fragen",
                            self->base_url, recording->record_id, i);
  g_string_append (s, "</images></preview></format><format>");
  bv_practice_xml_append_text (s, "type", "video");
  g_string_append_printf (s, "<url>%s/playback/video/%s/</url>", self->base_url, recording->record_id);
  bv_practice_xml_append_int (s, "processingTime", 95000);
  bv_practice_xml_append_int (s, "length", minutes);
  bv_practice_xml_append_int (s, "size", (gint64) minutes * 1900000);
  g_string_append (s, "</format></playback></recording>");
}

void
bv_practice_add_sample_recordings (BvPracticeServer *self)
{
  static const struct
  {
    const char *meeting_id;
    const char *name;
    guint       days_ago;
    guint       minutes;
    guint       participants;
    const char *state;
  } samples[] = {
    { "uebung-vorstandssitzung", "Vorstandssitzung im Frühjahr", 12, 74, 6, "published" },
    { "uebung-kurs-montag", "Kurs Rückenfit – Woche 3", 5, 88, 11, "published" },
    { "uebung-mitgliederversammlung", "Mitgliederversammlung 2024", 2, 131, 23, "unpublished" },
  };
  /* Whole minutes, so the sample times look like real meeting starts. */
  gint64 now = bv_practice_server_now_ms (self) / MINUTE_MS * MINUTE_MS;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      BvPracticeRecording *recording = g_new0 (BvPracticeRecording, 1);

      recording->meeting_id = g_strdup (samples[i].meeting_id);
      recording->name = g_strdup (samples[i].name);
      recording->state = g_strdup (samples[i].state);
      recording->start_time = now - samples[i].days_ago * DAY_MS;
      recording->end_time = recording->start_time + samples[i].minutes * MINUTE_MS;
      recording->participants = samples[i].participants;
      recording->record_id = bv_practice_internal_id_for (recording->meeting_id, recording->start_time);
      recording->metadata = g_ptr_array_new_with_free_func (bv_practice_pair_free);
      bv_practice_pairs_set (recording->metadata, "isBreakout", "false");
      bv_practice_pairs_set (recording->metadata, "meetingId", recording->meeting_id);
      bv_practice_pairs_set (recording->metadata, "meetingName", recording->name);
      bv_practice_pairs_set (recording->metadata, "bbb-origin", "BBB für Vereine");
      g_ptr_array_add (self->recordings, recording);
    }
}

BvPracticeRecording *
bv_practice_find_recording (BvPracticeServer *self,
                            const char       *record_id)
{
  for (guint i = 0; i < self->recordings->len; i++)
    {
      BvPracticeRecording *recording = g_ptr_array_index (self->recordings, i);

      if (g_str_equal (recording->record_id, record_id))
        return recording;
    }
  return NULL;
}

static gboolean
recording_matches (BvPracticeRecording *recording,
                   BvPracticeParams    *params,
                   GStrv                record_ids,
                   GStrv                meeting_ids,
                   GStrv                states)
{
  gboolean found;

  if (record_ids)
    {
      found = FALSE;
      for (guint i = 0; record_ids[i] && !found; i++)
        found = g_str_has_prefix (recording->record_id, record_ids[i]);
      if (!found)
        return FALSE;
    }
  else if (meeting_ids && !g_strv_contains ((const char *const *) meeting_ids, recording->meeting_id))
    return FALSE;

  if (!g_strv_contains ((const char *const *) states, "any") &&
      !g_strv_contains ((const char *const *) states, recording->state))
    return FALSE;

  for (guint i = 0; i < params->pairs->len; i++)
    {
      BvPracticePair *pair = g_ptr_array_index (params->pairs, i);
      g_autofree char *key = bv_practice_meta_key (pair);

      if (!key)
        continue;
      found = FALSE;
      for (guint j = 0; j < recording->metadata->len && !found; j++)
        {
          BvPracticePair *meta = g_ptr_array_index (recording->metadata, j);

          found = g_ascii_strcasecmp (meta->name, key) == 0 && g_str_equal (meta->value, pair->value);
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

void
bv_practice_handle_get_recordings (BvPracticeServer  *self,
                                   SoupServerMessage *msg,
                                   BvPracticeParams  *params,
                                   GPtrArray         *documents)
{
  const char *record_id = bv_practice_params_get (params, "recordID");
  const char *meeting_id = bv_practice_params_get (params, "meetingID");
  const char *state = bv_practice_params_get (params, "state");
  const char *offset_param = bv_practice_params_get (params, "offset");
  const char *limit_param = bv_practice_params_get (params, "limit");
  g_auto(GStrv) record_ids = record_id && *record_id ? bv_practice_split_list (record_id) : NULL;
  g_auto(GStrv) meeting_ids = meeting_id && *meeting_id ? bv_practice_split_list (meeting_id) : NULL;
  g_auto(GStrv) states = state && *state ? bv_practice_split_list (state) : g_strsplit ("published,unpublished", ",", -1);
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  guint offset = 0;
  guint limit = G_MAXUINT;
  GString *s;

  if (offset_param && !bv_practice_parse_number (offset_param, G_MAXINT, &offset))
    {
      bv_practice_xml_send_failed (msg, "validationError", "offset must be a whole number of at least 0");
      return;
    }
  if (limit_param && (!bv_practice_parse_number (limit_param, 100, &limit) || limit < 1))
    {
      bv_practice_xml_send_failed (msg, "validationError", "limit must be a whole number between 1 and 100");
      return;
    }

  for (guint i = 0; i < self->recordings->len; i++)
    {
      BvPracticeRecording *recording = g_ptr_array_index (self->recordings, i);

      if (recording_matches (recording, params, record_ids, meeting_ids, states))
        g_ptr_array_add (matches, recording);
    }

  s = bv_practice_xml_response_new (TRUE);
  if (matches->len == 0)
    {
      bv_practice_xml_append_message (s, "noRecordings", "There are no recordings for the meeting(s).");
      g_string_append (s, "<recordings/>");
    }
  else
    {
      g_string_append (s, "<recordings>");
      for (guint i = offset; i < matches->len && i - offset < limit; i++)
        append_recording (self, s, g_ptr_array_index (matches, i));
      g_string_append (s, "</recordings>");
    }
  bv_practice_xml_append_int (s, "totalElements", matches->len);
  bv_practice_xml_send (msg, s);
}

/* The recordings a publish/delete/update call names; NULL (and an answer
 * sent) when it names none that exist. */
static GPtrArray *
named_recordings (BvPracticeServer  *self,
                  SoupServerMessage *msg,
                  BvPracticeParams  *params,
                  gboolean           include_deleted)
{
  const char *record_id = bv_practice_params_get (params, "recordID");
  g_auto(GStrv) ids = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  if (!record_id || !*record_id)
    {
      bv_practice_xml_send_failed (msg, "missingParamRecordID", "You must specify a recordID.");
      return NULL;
    }

  ids = bv_practice_split_list (record_id);
  for (guint i = 0; ids[i]; i++)
    {
      BvPracticeRecording *recording = bv_practice_find_recording (self, ids[i]);

      if (recording && (include_deleted || !g_str_equal (recording->state, "deleted")))
        g_ptr_array_add (found, recording);
    }
  if (found->len == 0)
    {
      bv_practice_xml_send_failed (msg, "notFound", "We could not find recordings");
      return NULL;
    }
  return g_steal_pointer (&found);
}

static void
set_state (GPtrArray  *recordings,
           const char *state)
{
  for (guint i = 0; i < recordings->len; i++)
    {
      BvPracticeRecording *recording = g_ptr_array_index (recordings, i);

      g_free (recording->state);
      recording->state = g_strdup (state);
    }
}

void
bv_practice_handle_publish_recordings (BvPracticeServer  *self,
                                       SoupServerMessage *msg,
                                       BvPracticeParams  *params,
                                       GPtrArray         *documents)
{
  const char *publish_param = bv_practice_params_get (params, "publish");
  g_autoptr(GPtrArray) found = NULL;
  gboolean publish = FALSE;

  if (bv_practice_params_has (params, "recordID") && (!publish_param || !*publish_param))
    {
      bv_practice_xml_send_failed (msg, "missingParamPublish", "You must specify a publish value true or false.");
      return;
    }
  if (publish_param && !bv_practice_parse_boolean (publish_param, &publish))
    {
      bv_practice_xml_send_failed (msg, "validationError", "publish must be a boolean value (true or false)");
      return;
    }
  found = named_recordings (self, msg, params, FALSE);
  if (!found)
    return;

  set_state (found, publish ? "published" : "unpublished");
  bv_practice_xml_send_success_with (msg, "published", publish ? "true" : "false");
}

void
bv_practice_handle_delete_recordings (BvPracticeServer  *self,
                                      SoupServerMessage *msg,
                                      BvPracticeParams  *params,
                                      GPtrArray         *documents)
{
  g_autoptr(GPtrArray) found = named_recordings (self, msg, params, TRUE);

  if (!found)
    return;

  set_state (found, "deleted");
  bv_practice_xml_send_success_with (msg, "deleted", "true");
}

void
bv_practice_handle_update_recordings (BvPracticeServer  *self,
                                      SoupServerMessage *msg,
                                      BvPracticeParams  *params,
                                      GPtrArray         *documents)
{
  g_autoptr(GPtrArray) found = named_recordings (self, msg, params, TRUE);

  if (!found)
    return;

  for (guint i = 0; i < found->len; i++)
    {
      BvPracticeRecording *recording = g_ptr_array_index (found, i);

      for (guint j = 0; j < params->pairs->len; j++)
        {
          BvPracticePair *pair = g_ptr_array_index (params->pairs, j);
          g_autofree char *key = bv_practice_meta_key (pair);

          if (!key)
            continue;
          if (!bv_practice_is_element_name (key))
            continue;
          /* An empty value removes the key (bbb-api.md §4.8). */
          if (*pair->value)
            bv_practice_pairs_set (recording->metadata, key, pair->value);
          else
            bv_practice_pairs_remove (recording->metadata, key);
        }
    }
  bv_practice_xml_send_success_with (msg, "updated", "true");
}
