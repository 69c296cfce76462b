/* bv-live-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-live-rows.h"

/* The rows of the Live page. They are updated in place, never rebuilt:
 * selection, keyboard focus and a screen reader's position survive the
 * refresh every 30 s (the list) and every 10 s (the people). */

typedef struct
{
  char          *id;       /* BBB meetingID */
  BvBbbMeeting  *meeting;
  GtkListBoxRow *row;
  GtkLabel      *title;
  GtkLabel      *summary;
} BvLiveMeetingRow;

struct _BvLiveMeetingRows
{
  GtkListBox *box;         /* unowned: the page's */
  GPtrArray  *rows;        /* of BvLiveMeetingRow, in list order */
};

typedef struct
{
  char         *id;        /* userID, else the name */
  AdwActionRow *row;
  GtkImage     *audio;
  GtkImage     *video;
} BvLiveAttendeeRow;

struct _BvLiveAttendeeRows
{
  GtkListBox *box;         /* unowned: the page's */
  GPtrArray  *rows;        /* of BvLiveAttendeeRow, in list order */
};

static void
meeting_row_free (BvLiveMeetingRow *row)
{
  g_free (row->id);
  g_clear_object (&row->meeting);
  g_free (row);
}

static void
attendee_row_free (BvLiveAttendeeRow *row)
{
  g_free (row->id);
  g_free (row);
}

/* texts */

static char *
format_since (gint64 start_ms)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *time = NULL;

  if (start_ms <= 0)
    return NULL;
  utc = g_date_time_new_from_unix_utc (start_ms / 1000);
  local = utc ? g_date_time_to_local (utc) : NULL;
  if (!local)
    return NULL;

  time = g_date_time_format (local, "%H:%M");
  now = g_date_time_new_now_local ();
  if (g_date_time_get_year (now) == g_date_time_get_year (local) &&
      g_date_time_get_day_of_year (now) == g_date_time_get_day_of_year (local))
    /* Translators: when a running meeting started, e.g. "since 19:02". */
    return g_strdup_printf (_("since %s"), time);

  {
    /* Translators: a date as strftime () format, e.g. "Tue, 1 December";
     * German: "%a, %-d. %B". */
    g_autofree char *day = g_date_time_format (local, _("%a, %-d %B"));

    /* Translators: when a running meeting started, e.g. "since Tue, 1 December, 19:02". */
    return g_strdup_printf (_("since %s, %s"), day, time);
  }
}

/* "since 19:02 · 7 participants · 2 moderators · 1 listener · 3 videos ·
 * recording"; zero listeners or videos are left out. */
char *
bv_live_describe_meeting (BvBbbMeeting *meeting)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *since = format_since (bv_bbb_meeting_get_start_time (meeting));
  guint participants = bv_bbb_meeting_get_participant_count (meeting);
  guint moderators = bv_bbb_meeting_get_moderator_count (meeting);
  guint listeners = bv_bbb_meeting_get_listener_count (meeting);
  guint videos = bv_bbb_meeting_get_video_count (meeting);

  if (since)
    g_string_append_printf (text, "%s · ", since);
  /* Translators: the number of people in a running meeting. */
  g_string_append_printf (text, ngettext ("%u participant", "%u participants", participants), participants);
  g_string_append (text, " · ");
  /* Translators: how many of the people in a running meeting moderate it. */
  g_string_append_printf (text, ngettext ("%u moderator", "%u moderators", moderators), moderators);
  /* "0 listeners · 0 videos" is noise in a short line; say only what is. */
  if (listeners > 0)
    {
      g_string_append (text, " · ");
      /* Translators: how many people in a running meeting only listen (no microphone). */
      g_string_append_printf (text, ngettext ("%u listener", "%u listeners", listeners), listeners);
    }
  if (videos > 0)
    {
      g_string_append (text, " · ");
      /* Translators: how many cameras are on in a running meeting. */
      g_string_append_printf (text, ngettext ("%u video", "%u videos", videos), videos);
    }
  if (bv_bbb_meeting_is_recording (meeting))
    {
      g_string_append (text, " · ");
      /* Translators: a running meeting is being recorded. */
      g_string_append (text, _("recording"));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

const char *
bv_live_meeting_name (BvBbbMeeting *meeting)
{
  const char *name = bv_bbb_meeting_get_name (meeting);

  return name && *name ? name : bv_bbb_meeting_get_meeting_id (meeting);
}

/* the running meetings */

static BvLiveMeetingRow *
new_meeting_row (const char *id)
{
  BvLiveMeetingRow *row = g_new0 (BvLiveMeetingRow, 1);
  GtkWidget *box;

  row->id = g_strdup (id);
  row->row = GTK_LIST_BOX_ROW (gtk_list_box_row_new ());

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  row->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->title, 0);
  gtk_label_set_wrap (row->title, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row->title), "heading");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->title));
  row->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->summary, 0);
  gtk_label_set_wrap (row->summary, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row->summary), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (row->summary), "caption");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->summary));
  gtk_list_box_row_set_child (row->row, box);

  return row;
}

static void
update_meeting_row (BvLiveMeetingRow   *row,
                    BvBbbMeeting *meeting)
{
  g_autofree char *summary = bv_live_describe_meeting (meeting);
  g_autofree char *label = NULL;

  g_set_object (&row->meeting, meeting);
  gtk_label_set_text (row->title, bv_live_meeting_name (meeting));
  gtk_label_set_text (row->summary, summary);
  label = g_strdup_printf ("%s, %s", bv_live_meeting_name (meeting), summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

BvLiveMeetingRows *
bv_live_meeting_rows_new (GtkListBox *box)
{
  BvLiveMeetingRows *self = g_new0 (BvLiveMeetingRows, 1);

  self->box = box;
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)meeting_row_free);
  return self;
}

void
bv_live_meeting_rows_free (BvLiveMeetingRows *self)
{
  g_ptr_array_unref (self->rows);
  g_free (self);
}

/* The list is sorted by start, so rows that stay keep their order. */
void
bv_live_meeting_rows_update (BvLiveMeetingRows *self,
                             GListModel        *meetings)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)meeting_row_free);
  guint n = g_list_model_get_n_items (meetings);

  for (guint i = self->rows->len; i > 0; i--)
    {
      BvLiveMeetingRow *old = g_ptr_array_index (self->rows, i - 1);
      gboolean kept = FALSE;

      for (guint j = 0; j < n && !kept; j++)
        {
          g_autoptr(BvBbbMeeting) meeting = g_list_model_get_item (meetings, j);

          kept = g_strcmp0 (bv_bbb_meeting_get_meeting_id (meeting), old->id) == 0;
        }
      if (!kept)
        {
          gtk_list_box_remove (self->box, GTK_WIDGET (old->row));
          g_ptr_array_remove_index (self->rows, i - 1);
        }
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BvBbbMeeting) meeting = g_list_model_get_item (meetings, i);
      const char *id = bv_bbb_meeting_get_meeting_id (meeting);
      BvLiveMeetingRow *row = NULL;

      for (guint j = 0; j < self->rows->len; j++)
        if (g_strcmp0 (((BvLiveMeetingRow *)g_ptr_array_index (self->rows, j))->id, id) == 0)
          {
            row = g_ptr_array_steal_index (self->rows, j);
            break;
          }
      if (!row)
        {
          row = new_meeting_row (id);
          gtk_list_box_insert (self->box, GTK_WIDGET (row->row), i);
        }
      update_meeting_row (row, meeting);
      g_ptr_array_add (rows, row);
    }

  g_ptr_array_unref (self->rows);
  self->rows = g_steal_pointer (&rows);
}

GtkListBoxRow *
bv_live_meeting_rows_find (BvLiveMeetingRows *self,
                           const char        *meeting_id)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      BvLiveMeetingRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (row->id, meeting_id) == 0)
        return row->row;
    }
  return NULL;
}

BvBbbMeeting *
bv_live_meeting_rows_get_meeting (BvLiveMeetingRows *self,
                                  GtkListBoxRow     *list_row)
{
  for (guint i = 0; list_row && i < self->rows->len; i++)
    {
      BvLiveMeetingRow *row = g_ptr_array_index (self->rows, i);

      if (row->row == list_row)
        return row->meeting;
    }
  return NULL;
}

/* the people in the selected meeting */

static char *
describe_attendee (BvBbbAttendee *attendee)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append (text, bv_bbb_attendee_is_moderator (attendee) ? _("Leads") : _("Takes part"));
  g_string_append (text, ", ");
  if (bv_bbb_attendee_is_listening_only (attendee))
    g_string_append (text, _("listening only"));
  else if (bv_bbb_attendee_has_joined_voice (attendee))
    g_string_append (text, _("with microphone"));
  else
    g_string_append (text, _("no audio"));
  g_string_append (text, ", ");
  g_string_append (text, bv_bbb_attendee_has_video (attendee) ? _("camera on") : _("camera off"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_attendee_row (BvLiveAttendeeRow   *row,
                     BvBbbAttendee *attendee)
{
  const char *name = bv_bbb_attendee_get_full_name (attendee);
  g_autofree char *title = g_markup_escape_text (name ? name : "", -1);
  g_autofree char *description = describe_attendee (attendee);
  const char *audio_icon = NULL;
  const char *audio_text = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
  adw_action_row_set_subtitle (row->row, bv_bbb_attendee_is_moderator (attendee) ? _("Leads") : _("Takes part"));

  if (bv_bbb_attendee_is_listening_only (attendee))
    {
      audio_icon = "audio-headphones-symbolic";
      audio_text = _("Listening only");
    }
  else if (bv_bbb_attendee_has_joined_voice (attendee))
    {
      audio_icon = "audio-input-microphone-symbolic";
      audio_text = _("With microphone");
    }
  gtk_widget_set_visible (GTK_WIDGET (row->audio), audio_icon != NULL);
  if (audio_icon)
    {
      gtk_image_set_from_icon_name (row->audio, audio_icon);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row->audio), audio_text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->audio),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, audio_text,
                                      -1);
    }
  gtk_widget_set_visible (GTK_WIDGET (row->video), bv_bbb_attendee_has_video (attendee));

  /* The icons say it at a glance; a screen reader hears it with the name. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static BvLiveAttendeeRow *
new_attendee_row (const char *id)
{
  BvLiveAttendeeRow *row = g_new0 (BvLiveAttendeeRow, 1);

  row->id = g_strdup (id);
  row->row = ADW_ACTION_ROW (adw_action_row_new ());

  row->audio = GTK_IMAGE (gtk_image_new ());
  adw_action_row_add_suffix (row->row, GTK_WIDGET (row->audio));

  row->video = GTK_IMAGE (gtk_image_new_from_icon_name ("camera-web-symbolic"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->video), _("Camera on"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->video),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Camera on"),
                                  -1);
  adw_action_row_add_suffix (row->row, GTK_WIDGET (row->video));

  return row;
}

static char *
attendee_key (BvBbbAttendee *attendee)
{
  const char *user_id = bv_bbb_attendee_get_user_id (attendee);

  if (user_id && *user_id)
    return g_strconcat ("u:", user_id, NULL);
  return g_strconcat ("n:", bv_bbb_attendee_get_full_name (attendee), NULL);
}

/* Rows are updated in place, not rebuilt: keyboard focus and a screen
 * reader's position survive the refresh every 10 s. */
void
bv_live_attendee_rows_update (BvLiveAttendeeRows *self,
                              GListModel         *attendees)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)attendee_row_free);
  guint n = attendees ? g_list_model_get_n_items (attendees) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BvBbbAttendee) attendee = g_list_model_get_item (attendees, i);
      g_autofree char *key = attendee_key (attendee);
      BvLiveAttendeeRow *row = NULL;

      for (guint j = 0; j < self->rows->len; j++)
        {
          BvLiveAttendeeRow *old = g_ptr_array_index (self->rows, j);

          if (g_strcmp0 (old->id, key) == 0)
            {
              row = g_ptr_array_steal_index (self->rows, j);
              break;
            }
        }
      if (!row)
        {
          row = new_attendee_row (key);
          gtk_list_box_insert (self->box, GTK_WIDGET (row->row), -1);
        }
      update_attendee_row (row, attendee);
      g_ptr_array_add (rows, row);
    }

  for (guint j = 0; j < self->rows->len; j++)
    {
      BvLiveAttendeeRow *old = g_ptr_array_index (self->rows, j);

      gtk_list_box_remove (self->box, GTK_WIDGET (old->row));
    }

  /* New people go to the end; keep the server's order otherwise. */
  for (guint i = 0; i < rows->len; i++)
    {
      BvLiveAttendeeRow *row = g_ptr_array_index (rows, i);

      if (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row->row)) != (int)i)
        {
          g_object_ref (row->row);
          gtk_list_box_remove (self->box, GTK_WIDGET (row->row));
          gtk_list_box_insert (self->box, GTK_WIDGET (row->row), i);
          g_object_unref (row->row);
        }
    }

  g_ptr_array_unref (self->rows);
  self->rows = g_steal_pointer (&rows);
}

BvLiveAttendeeRows *
bv_live_attendee_rows_new (GtkListBox *box)
{
  BvLiveAttendeeRows *self = g_new0 (BvLiveAttendeeRows, 1);

  self->box = box;
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)attendee_row_free);
  return self;
}

void
bv_live_attendee_rows_free (BvLiveAttendeeRows *self)
{
  g_ptr_array_unref (self->rows);
  g_free (self);
}
