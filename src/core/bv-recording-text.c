/* bv-recording-text.c
 *
 * What the Aufzeichnungen page says about a recording: its name, when and
 * how long, who took part, its state and formats, and which format plays.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-recording-text.h"

#include <glib/gi18n-lib.h>

const char *
bv_recording_text_name (BvBbbRecording *recording)
{
  const char *name = bv_bbb_recording_get_name (recording);

  return name && *name ? name : _("Untitled recording");
}

/* The meeting's name as the server recorded it; a room's recordings all
 * carry it, whatever each one was called. */
const char *
bv_recording_text_meeting_name (BvBbbRecording *recording)
{
  const char *name = g_hash_table_lookup (bv_bbb_recording_get_metadata (recording), "meetingName");

  return name && *name ? name : bv_recording_text_name (recording);
}

BvBbbRecordingFormat *
bv_recording_text_playback_format (BvBbbRecording *recording)
{
  GListModel *formats = bv_bbb_recording_get_formats (recording);
  guint n = g_list_model_get_n_items (formats);
  BvBbbRecordingFormat *first = NULL;

  /* The presentation format is what BigBlueButton plays by default. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BvBbbRecordingFormat) format = g_list_model_get_item (formats, i);

      if (!bv_bbb_recording_format_get_url (format))
        continue;
      if (g_strcmp0 (bv_bbb_recording_format_get_format_type (format), "presentation") == 0)
        return format;
      if (!first)
        first = format;
    }
  return first;
}

const char *
bv_recording_text_format (const char *type)
{
  if (g_strcmp0 (type, "presentation") == 0)
    return _("Presentation");
  if (g_strcmp0 (type, "video") == 0)
    return _("Video");
  if (g_strcmp0 (type, "podcast") == 0)
    return _("Audio");
  if (g_strcmp0 (type, "screenshare") == 0)
    return _("Screen recording");
  if (g_strcmp0 (type, "notes") == 0)
    return _("Notes");
  if (g_strcmp0 (type, "statistics") == 0)
    return _("Statistics");
  return type;
}

char *
bv_recording_text_details (BvBbbRecording *recording)
{
  gint64 start = bv_bbb_recording_get_start_time (recording);
  gint64 end = bv_bbb_recording_get_end_time (recording);
  guint participants = bv_bbb_recording_get_participants (recording);
  g_autoptr(GString) text = g_string_new (NULL);

  if (start > 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (start / 1000);
      g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
      /* Translators: the start of a recording as strftime () format, e.g.
       * "Tue, 1 December 2024, 19:30"; German: "%a, %-d. %B %Y, %H:%M". */
      g_autofree char *date = local ? g_date_time_format (local, _("%a, %-d %B %Y, %H:%M")) : NULL;

      if (date)
        g_string_append (text, date);
    }

  if (start > 0 && end > start)
    {
      guint minutes = (guint) MAX ((end - start + 30000) / 60000, 1);

      if (text->len > 0)
        g_string_append (text, " · ");
      if (minutes >= 60)
        /* Translators: the length of a recording, e.g. "1 h 14 min". */
        g_string_append_printf (text, _("%u h %u min"), minutes / 60, minutes % 60);
      else
        /* Translators: the length of a recording, e.g. "42 min". */
        g_string_append_printf (text, _("%u min"), minutes);
    }

  if (participants > 0)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: how many people took part in a recorded meeting. */
      g_string_append_printf (text, ngettext ("%u participant", "%u participants", participants),
                              participants);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
bv_recording_text_state (BvBbbRecording *recording,
                         const char     *state)
{
  GListModel *formats = bv_bbb_recording_get_formats (recording);
  g_autoptr(GString) text = g_string_new (NULL);

  if (g_strcmp0 (state, "published") == 0)
    /* Who can watch says what publishing means. */
    g_string_append (text, _("Published: anyone with the link can watch it"));
  else if (g_strcmp0 (state, "unpublished") == 0)
    g_string_append (text, _("Not published: nobody can watch it"));
  else if (g_strcmp0 (state, "deleted") == 0)
    g_string_append (text, _("Deleted"));
  else
    /* processing, processed: the server is still making the formats. */
    g_string_append (text, _("Being processed"));

  for (guint i = 0; i < g_list_model_get_n_items (formats); i++)
    {
      g_autoptr(BvBbbRecordingFormat) format = g_list_model_get_item (formats, i);

      g_string_append (text, i == 0 ? " · " : ", ");
      g_string_append (text, bv_recording_text_format (bv_bbb_recording_format_get_format_type (format)));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

