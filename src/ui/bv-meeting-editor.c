/* bv-meeting-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "bv-join.h"
#include "bv-meeting-editor.h"
#include "bv-meeting-editor-private.h"
#include "bv-occurrences.h"
#include "bv-ui-utils.h"

/* BigBlueButton's default upload limit (bbb-web maxFileSizeUpload); the
 * slides travel together in the create request, so the sum counts too. */
/* Translators: %1$s is a file name, %2$s its size and %3$s the limit,
 * sizes such as "1.4 MB". */
#define TOO_BIG_MESSAGE _("“%1$s” is %2$s; a meeting can take at most %3$s of slides. Save it smaller, " \
                          "e.g. as PDF with compressed pictures, or upload it in the meeting itself.")

/* They travel inside the create request, whose body a default server
 * limits (bv-join.h). */
#define SLIDES_MAX_BYTES  BV_JOIN_SLIDES_MAX_BYTES
#define TITLE_MIN_CHARS   2
#define TITLE_MAX_CHARS   64
#define DEFAULT_START_HOUR 19

typedef enum {
  REPEAT_NONE,
  REPEAT_WEEKLY,
  REPEAT_BIWEEKLY,
  REPEAT_MONTHLY_DAY,
  REPEAT_MONTHLY_WEEKDAY,
  REPEAT_MONTHLY_LAST,
  REPEAT_CUSTOM,
} RepeatOption;

typedef enum {
  END_NEVER,
  END_UNTIL,
  END_COUNT,
} EndOption;

typedef struct
{
  char      *path;
  goffset    size;       /* -1 while unknown */
  gboolean   missing;
  gboolean   added;      /* added in this editor, not loaded */
  GtkWidget *row;
} Slide;

struct _BvMeetingEditor
{
  AdwWindow          parent_instance;

  AdwWindowTitle    *window_title;
  GtkWidget         *save_button;
  AdwToastOverlay   *toast_overlay;
  AdwComboRow       *kind_row;
  AdwEntryRow       *title_row;
  AdwComboRow       *server_row;
  GtkLabel          *title_error;
  GtkLabel          *server_error;
  AdwEntryRow       *date_row;
  GtkMenuButton     *date_button;
  GtkCalendar       *date_calendar;
  AdwEntryRow       *time_row;
  AdwActionRow      *duration_row;
  GtkSpinButton     *duration_spin;
  AdwActionRow      *timezone_row;
  GtkLabel          *date_error;
  AdwPreferencesGroup *repeat_group;
  AdwComboRow       *repeat_row;
  AdwActionRow      *weekdays_row;
  GtkBox            *weekdays_box;
  AdwComboRow       *end_row;
  AdwEntryRow       *until_row;
  GtkMenuButton     *until_button;
  GtkCalendar       *until_calendar;
  AdwActionRow      *count_row;
  GtkSpinButton     *count_spin;
  GtkLabel          *repeat_error;
  GtkTextView       *welcome_view;
  AdwComboRow       *waiting_row;
  AdwActionRow      *mute_row;
  GtkSwitch         *mute_switch;
  AdwActionRow      *webcams_row;
  GtkSwitch         *webcams_switch;
  AdwActionRow      *max_row;
  GtkSpinButton     *max_spin;
  AdwExpanderRow    *recording_row;
  GtkTextView       *notice_view;
  AdwExpanderRow    *locks_row;
  GtkSwitch         *lock_switches[6];
  AdwPreferencesGroup *slides_group;
  GtkLabel          *slides_error;
  GtkWidget         *delete_group;
  GtkToggleButton   *weekday_buttons[7];

  BvDatabase        *database;
  BvMeeting         *stored;          /* NULL for a new meeting */
  BvMeeting         *draft;
  char              *default_server_id;
  GCancellable      *cancellable;
  GtkFileChooserNative *chooser;

  GArray            *repeat_options;  /* RepeatOption, in combo order */
  char              *custom_rrule;    /* a rule the form cannot show */
  guint              weekdays;        /* bit 0 = Monday */
  GDate              start_date;      /* last readable start date */
  GPtrArray         *slides;          /* Slide */
  guint              n_pending;
  char              *slides_refusal;
  char              *problem;

  guint              filling : 1;
  guint              title_touched : 1;
  guint              repeat_dirty : 1;
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_MEETING,
  PROP_DEFAULT_SERVER_ID,
  N_PROPS
};

enum {
  SAVED,
  DELETE_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BvMeetingEditor, bv_meeting_editor, ADW_TYPE_WINDOW)

static const char * const guest_policies[] = { "ALWAYS_ACCEPT", "ASK_MODERATOR", "ALWAYS_DENY" };
static const char * const weekday_codes[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
static const BvMeetingLocks lock_bits[] = {
  BV_MEETING_LOCK_WEBCAM,
  BV_MEETING_LOCK_MICROPHONE,
  BV_MEETING_LOCK_PRIVATE_CHAT,
  BV_MEETING_LOCK_PUBLIC_CHAT,
  BV_MEETING_LOCK_SHARED_NOTES,
  BV_MEETING_LOCK_USER_LIST,
};

static void validate (BvMeetingEditor *self);

static void
slide_free (gpointer data)
{
  Slide *slide = data;

  g_free (slide->path);
  g_free (slide);
}

/* Parsing */

static gboolean
all_digits (const char *text)
{
  if (!*text)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* "5.1.2027", "05.01.27", "05.01.2027" and "2027-01-05". */
static gboolean
parse_date (const char *text,
            GDate      *date)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  g_auto(GStrv) parts = NULL;
  guint day, month, year;

  if (strchr (copy, '-'))
    {
      parts = g_strsplit (copy, "-", -1);
      if (g_strv_length (parts) != 3 || strlen (parts[0]) != 4 ||
          strlen (parts[1]) > 2 || strlen (parts[2]) > 2 ||
          !all_digits (parts[0]) || !all_digits (parts[1]) || !all_digits (parts[2]))
        return FALSE;
      year = atoi (parts[0]);
      month = atoi (parts[1]);
      day = atoi (parts[2]);
    }
  else
    {
      parts = g_strsplit (copy, ".", -1);
      if (g_strv_length (parts) != 3 ||
          strlen (parts[0]) > 2 || strlen (parts[1]) > 2 ||
          (strlen (parts[2]) != 2 && strlen (parts[2]) != 4) ||
          !all_digits (parts[0]) || !all_digits (parts[1]) || !all_digits (parts[2]))
        return FALSE;
      day = atoi (parts[0]);
      month = atoi (parts[1]);
      year = atoi (parts[2]);
      if (strlen (parts[2]) == 2)
        year += 2000;
    }

  if (year < 1900 || year > 9999 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/* "19:30", "19.30", "1930", "930", "19". */
static gboolean
parse_time (const char *text,
            guint      *hour,
            guint      *minute)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  char *separator = strpbrk (copy, ":.");

  if (separator)
    {
      const char *minutes = separator + 1;

      *separator = '\0';
      if (strlen (copy) < 1 || strlen (copy) > 2 || strlen (minutes) != 2 ||
          !all_digits (copy) || !all_digits (minutes))
        return FALSE;
      *hour = atoi (copy);
      *minute = atoi (minutes);
    }
  else
    {
      gsize length = strlen (copy);

      if (length < 1 || length > 4 || !all_digits (copy))
        return FALSE;
      if (length <= 2)
        {
          *hour = atoi (copy);
          *minute = 0;
        }
      else
        {
          *minute = atoi (copy + length - 2);
          copy[length - 2] = '\0';
          *hour = atoi (copy);
        }
    }

  return *hour < 24 && *minute < 60;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%02u.%02u.%04u", g_date_get_day (date),
                          (guint) g_date_get_month (date), g_date_get_year (date));
}

static GTimeZone *
meeting_time_zone (BvMeetingEditor *self)
{
  GTimeZone *tz = g_time_zone_new_identifier (bv_meeting_get_tzid (self->draft));

  return tz ? tz : g_time_zone_new_local ();
}

/* The wall-clock start in the meeting's time zone, from the stored
 * "YYYY-MM-DDTHH:MM:SS". */
static gboolean
split_start (const char *start_local,
             GDate      *date,
             guint      *hour,
             guint      *minute)
{
  guint year, month, day, second;

  if (!start_local ||
      sscanf (start_local, "%4u-%2u-%2uT%2u:%2u:%2u", &year, &month, &day, hour, minute, &second) != 6 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/* Weekday 0 = Monday. */
static guint
date_weekday (const GDate *date)
{
  return g_date_get_weekday (date) - 1;
}

/* 1–5: which such weekday of its month the date is. */
static int
date_week_of_month (const GDate *date)
{
  return (g_date_get_day (date) - 1) / 7 + 1;
}

static gboolean
date_in_last_week (const GDate *date)
{
  return g_date_get_day (date) + 7 > g_date_get_days_in_month (g_date_get_month (date),
                                                               g_date_get_year (date));
}

/* "20270105", "20270105T235959" or "20270105T225959Z" as a date in @tz. */
static gboolean
parse_until (const char *value,
             GTimeZone  *tz,
             GDate      *date)
{
  guint year, month, day, hour = 0, minute = 0, second = 0;
  gsize length = strlen (value);

  if ((length != 8 && length != 15 && length != 16) ||
      sscanf (value, "%4u%2u%2u", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;
  if (length > 8 &&
      (value[8] != 'T' || sscanf (value + 9, "%2u%2u%2u", &hour, &minute, &second) != 3 ||
       (length == 16 && value[15] != 'Z')))
    return FALSE;

  if (length == 16)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_utc (year, month, day, hour, minute, second);
      g_autoptr(GDateTime) local = utc ? g_date_time_to_timezone (utc, tz) : NULL;

      if (!local)
        return FALSE;
      year = g_date_time_get_year (local);
      month = g_date_time_get_month (local);
      day = g_date_time_get_day_of_month (local);
    }

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/* Form state */

static BvServer *
selected_server (BvMeetingEditor *self)
{
  GListModel *servers = bv_database_get_servers (self->database);
  guint selected = adw_combo_row_get_selected (self->server_row);
  g_autoptr(BvServer) server = NULL;

  if (selected == GTK_INVALID_LIST_POSITION || selected >= g_list_model_get_n_items (servers))
    return NULL;
  server = g_list_model_get_item (servers, selected);
  return server;  /* the database keeps it alive */
}

static RepeatOption
selected_repeat (BvMeetingEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->repeat_row);

  if (selected >= self->repeat_options->len)
    return REPEAT_NONE;
  return g_array_index (self->repeat_options, RepeatOption, selected);
}

static gboolean
read_start (BvMeetingEditor *self,
            GDate           *date,
            guint           *hour,
            guint           *minute)
{
  return parse_date (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), date) &&
         parse_time (gtk_editable_get_text (GTK_EDITABLE (self->time_row)), hour, minute);
}

static char *
build_rrule (BvMeetingEditor *self)
{
  g_autoptr(GString) rule = g_string_new (NULL);
  RepeatOption option = selected_repeat (self);
  const GDate *start = &self->start_date;

  switch (option)
    {
    case REPEAT_NONE:
      return NULL;

    case REPEAT_CUSTOM:
      return g_strdup (self->custom_rrule);

    case REPEAT_WEEKLY:
    case REPEAT_BIWEEKLY:
      g_string_append (rule, "FREQ=WEEKLY");
      if (option == REPEAT_BIWEEKLY)
        g_string_append (rule, ";INTERVAL=2");
      g_string_append (rule, ";BYDAY=");
      for (guint i = 0, n = 0; i < 7; i++)
        if (self->weekdays & (1u << i))
          g_string_append_printf (rule, "%s%s", n++ ? "," : "", weekday_codes[i]);
      break;

    case REPEAT_MONTHLY_DAY:
      g_string_append_printf (rule, "FREQ=MONTHLY;BYMONTHDAY=%u", g_date_get_day (start));
      break;

    case REPEAT_MONTHLY_WEEKDAY:
      {
        int n = date_week_of_month (start);

        /* Not every month has a fifth Tuesday, but every one has a last. */
        g_string_append_printf (rule, "FREQ=MONTHLY;BYDAY=%d%s", n == 5 ? -1 : n,
                                weekday_codes[date_weekday (start)]);
      }
      break;

    case REPEAT_MONTHLY_LAST:
      g_string_append_printf (rule, "FREQ=MONTHLY;BYDAY=-1%s", weekday_codes[date_weekday (start)]);
      break;

    default:
      g_assert_not_reached ();
    }

  switch ((EndOption) adw_combo_row_get_selected (self->end_row))
    {
    case END_UNTIL:
      {
        GDate until;

        if (parse_date (gtk_editable_get_text (GTK_EDITABLE (self->until_row)), &until))
          {
            g_autoptr(GTimeZone) tz = meeting_time_zone (self);
            g_autoptr(GDateTime) end = g_date_time_new (tz, g_date_get_year (&until),
                                                        g_date_get_month (&until),
                                                        g_date_get_day (&until), 23, 59, 59);
            g_autoptr(GDateTime) utc = g_date_time_to_utc (end);
            g_autofree char *value = g_date_time_format (utc, "%Y%m%dT%H%M%SZ");

            /* RFC 5545: with a zoned start, UNTIL is given in UTC; the
             * end of the chosen day there includes that day's meeting. */
            g_string_append_printf (rule, ";UNTIL=%s", value);
          }
      }
      break;

    case END_COUNT:
      g_string_append_printf (rule, ";COUNT=%d", gtk_spin_button_get_value_as_int (self->count_spin));
      break;

    case END_NEVER:
    default:
      break;
    }

  return g_string_free (g_steal_pointer (&rule), FALSE);
}

static void
rebuild_repeat_model (BvMeetingEditor *self,
                      RepeatOption     select)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  gboolean was_filling = self->filling;
  /* Only a date in the last week of its month is also "the last
   * Tuesday"; otherwise the first meeting would not be one of the rule's. */
  gboolean have_last = (g_date_valid (&self->start_date) &&
                        date_in_last_week (&self->start_date) &&
                        date_week_of_month (&self->start_date) < 5);
  guint position = 0;

  if (select == REPEAT_MONTHLY_LAST && !have_last)
    select = REPEAT_MONTHLY_WEEKDAY;

  g_array_set_size (self->repeat_options, 0);

#define ADD_OPTION(option, label) G_STMT_START { \
    RepeatOption o_ = (option); \
    if (o_ == select) position = self->repeat_options->len; \
    g_array_append_val (self->repeat_options, o_); \
    gtk_string_list_append (list, (label)); \
  } G_STMT_END

  ADD_OPTION (REPEAT_NONE, _("Does not repeat"));
  ADD_OPTION (REPEAT_WEEKLY, _("Weekly"));
  ADD_OPTION (REPEAT_BIWEEKLY, _("Every two weeks"));
  ADD_OPTION (REPEAT_MONTHLY_DAY, _("Monthly on the same day"));
  ADD_OPTION (REPEAT_MONTHLY_WEEKDAY, _("Monthly on the same weekday"));
  if (have_last)
    ADD_OPTION (REPEAT_MONTHLY_LAST, _("Monthly on the last such weekday"));
  if (self->custom_rrule)
    {
      g_autofree char *description = NULL;
      g_autofree char *label = NULL;

      description = bv_occurrences_describe_rrule_in_zone (self->custom_rrule,
                                                           bv_meeting_get_start_local (self->draft),
                                                           bv_meeting_get_tzid (self->draft));
      /* Translators: %s describes a repetition, e.g. "every year on 3 October, 19:30" */
      label = g_strdup_printf (_("Custom: %s"), description ? description : self->custom_rrule);
      ADD_OPTION (REPEAT_CUSTOM, label);
    }

#undef ADD_OPTION

  self->filling = TRUE;
  adw_combo_row_set_model (self->repeat_row, G_LIST_MODEL (list));
  adw_combo_row_set_selected (self->repeat_row, position);
  self->filling = was_filling;
}

static void
set_weekdays (BvMeetingEditor *self,
              guint            weekdays)
{
  gboolean was_filling = self->filling;

  self->weekdays = weekdays;
  self->filling = TRUE;
  for (guint i = 0; i < 7; i++)
    gtk_toggle_button_set_active (self->weekday_buttons[i], (weekdays & (1u << i)) != 0);
  self->filling = was_filling;
}

/* Shows the draft's rule in the form when it is one the form can build;
 * anything else is kept as it is, as a "custom" choice. */
static void
fill_repeat (BvMeetingEditor *self)
{
  const char *rrule = bv_meeting_get_rrule (self->draft);
  g_autoptr(GHashTable) parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) items = NULL;
  g_autoptr(GTimeZone) tz = meeting_time_zone (self);
  const GDate *start = &self->start_date;
  RepeatOption option = REPEAT_CUSTOM;
  EndOption end = END_NEVER;
  const char *freq = NULL, *interval = NULL, *byday = NULL;
  const char *bymonthday = NULL, *until = NULL, *count = NULL;
  guint weekdays = 0;
  GDate until_date;
  guint n_known = 0;

  g_clear_pointer (&self->custom_rrule, g_free);
  g_date_clear (&until_date, 1);

  if (!rrule)
    {
      option = REPEAT_NONE;
      goto done;
    }
  if (!g_date_valid (start))
    goto custom;

  items = g_strsplit (rrule, ";", -1);
  for (guint i = 0; items[i]; i++)
    {
      char *eq = strchr (items[i], '=');

      if (!eq || g_hash_table_contains (parts, items[i]))
        goto custom;
      g_hash_table_insert (parts, g_ascii_strup (items[i], eq - items[i]), g_strdup (eq + 1));
    }

  freq = g_hash_table_lookup (parts, "FREQ");
  interval = g_hash_table_lookup (parts, "INTERVAL");
  byday = g_hash_table_lookup (parts, "BYDAY");
  bymonthday = g_hash_table_lookup (parts, "BYMONTHDAY");
  until = g_hash_table_lookup (parts, "UNTIL");
  count = g_hash_table_lookup (parts, "COUNT");
  n_known = !!freq + !!interval + !!byday + !!bymonthday + !!until + !!count;
  if (!freq || n_known != g_hash_table_size (parts) || (until && count))
    goto custom;

  if (until)
    {
      if (!parse_until (until, tz, &until_date))
        goto custom;
      end = END_UNTIL;
    }
  else if (count)
    {
      if (!all_digits (count) || atoi (count) < 1 || atoi (count) > 999)
        goto custom;
      end = END_COUNT;
    }

  if (g_str_equal (freq, "WEEKLY"))
    {
      if (bymonthday)
        goto custom;
      if (!interval || g_str_equal (interval, "1"))
        option = REPEAT_WEEKLY;
      else if (g_str_equal (interval, "2"))
        option = REPEAT_BIWEEKLY;
      else
        goto custom;

      if (byday)
        {
          g_auto(GStrv) days = g_strsplit (byday, ",", -1);

          for (guint i = 0; days[i]; i++)
            {
              guint j;

              for (j = 0; j < 7; j++)
                if (g_str_equal (days[i], weekday_codes[j]))
                  break;
              if (j == 7)
                goto custom;
              weekdays |= 1u << j;
            }
        }
      else
        weekdays = 1u << date_weekday (start);
    }
  else if (g_str_equal (freq, "MONTHLY"))
    {
      if (interval && !g_str_equal (interval, "1"))
        goto custom;
      if (!byday && (!bymonthday || (guint) atoi (bymonthday) == g_date_get_day (start)) &&
          (!bymonthday || all_digits (bymonthday)))
        option = REPEAT_MONTHLY_DAY;
      else if (byday && !bymonthday)
        {
          g_autofree char *same = NULL;
          g_autofree char *last = NULL;
          int n = date_week_of_month (start);
          const char *code = weekday_codes[date_weekday (start)];

          same = g_strdup_printf ("%d%s", n == 5 ? -1 : n, code);
          last = g_strdup_printf ("-1%s", code);
          if (g_str_equal (byday, same))
            option = REPEAT_MONTHLY_WEEKDAY;
          else if (g_str_equal (byday, last) && date_in_last_week (start))
            option = REPEAT_MONTHLY_LAST;
          else
            goto custom;
        }
      else
        goto custom;
    }
  else
    goto custom;

  goto done;

custom:
  option = REPEAT_CUSTOM;
  end = END_NEVER;
  self->custom_rrule = g_strdup (rrule);

done:
  if (weekdays == 0 && g_date_valid (start))
    weekdays = 1u << date_weekday (start);
  set_weekdays (self, weekdays);

  self->filling = TRUE;
  adw_combo_row_set_selected (self->end_row, end);
  if (end == END_UNTIL)
    {
      g_autofree char *text = format_date (&until_date);

      gtk_editable_set_text (GTK_EDITABLE (self->until_row), text);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->until_row), "");
  if (end == END_COUNT)
    gtk_spin_button_set_value (self->count_spin, atoi (count));
  self->filling = FALSE;

  rebuild_repeat_model (self, option);
}

/* Brings the draft's rule and the repeat rows in step with the form. */
static void
update_repeat (BvMeetingEditor *self)
{
  RepeatOption option = selected_repeat (self);
  gboolean weekly = option == REPEAT_WEEKLY || option == REPEAT_BIWEEKLY;
  gboolean ends = option != REPEAT_NONE && option != REPEAT_CUSTOM;
  EndOption end = adw_combo_row_get_selected (self->end_row);
  g_autofree char *description = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->weekdays_row), weekly);
  gtk_widget_set_visible (GTK_WIDGET (self->end_row), ends);
  gtk_widget_set_visible (GTK_WIDGET (self->until_row), ends && end == END_UNTIL);
  gtk_widget_set_visible (GTK_WIDGET (self->count_row), ends && end == END_COUNT);

  /* An existing meeting keeps its rule word for word until the user
   * changes something about it. */
  if (self->repeat_dirty || !self->stored)
    {
      g_autofree char *rrule = build_rrule (self);

      bv_meeting_set_rrule (self->draft, rrule);
    }

  description = bv_occurrences_describe_rrule_in_zone (bv_meeting_get_rrule (self->draft),
                                                       bv_meeting_get_start_local (self->draft),
                                                       bv_meeting_get_tzid (self->draft));
  if (description)
    {
      const char *rest = g_utf8_next_char (description);
      g_autofree char *first = g_utf8_strup (description, rest - description);
      g_autofree char *capital = g_strconcat (first, rest, NULL);
      g_autofree char *escaped = g_markup_escape_text (capital, -1);

      /* markup; the description names the time zone, which a calendar file chose */
      adw_preferences_group_set_description (self->repeat_group, escaped);
    }
  else if (!bv_meeting_get_rrule (self->draft))
    adw_preferences_group_set_description (self->repeat_group, _("The meeting takes place once."));
  else
    adw_preferences_group_set_description (self->repeat_group, NULL);
}

static void
update_max_subtitle (BvMeetingEditor *self)
{
  adw_action_row_set_subtitle (self->max_row,
                               gtk_spin_button_get_value_as_int (self->max_spin) == 0 ?
                               _("No limit") : "");
}

static char *
text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
select_calendar_day (GtkCalendar *calendar,
                     const GDate *date)
{
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                    g_date_get_day (date), 12, 0, 0);

  if (day)
    gtk_calendar_select_day (calendar, day);
}

static void
fill_form (BvMeetingEditor *self)
{
  GListModel *servers = bv_database_get_servers (self->database);
  const char *server_id = bv_meeting_get_server_id (self->draft);
  const char *policy = bv_meeting_get_guest_policy (self->draft);
  BvMeetingLocks locks = bv_meeting_get_locks (self->draft);
  const char *notice = bv_meeting_get_recording_notice (self->draft);
  guint hour = 0, minute = 0;
  guint server_position = GTK_INVALID_LIST_POSITION;

  self->filling = TRUE;

  adw_combo_row_set_selected (self->kind_row, bv_meeting_get_kind (self->draft));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), bv_meeting_get_title (self->draft));

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(BvServer) server = g_list_model_get_item (servers, i);

      if (g_strcmp0 (bv_server_get_id (server), server_id) == 0)
        server_position = i;
    }
  adw_combo_row_set_selected (self->server_row, server_position);

  g_date_clear (&self->start_date, 1);
  if (split_start (bv_meeting_get_start_local (self->draft), &self->start_date, &hour, &minute))
    {
      g_autofree char *date = format_date (&self->start_date);
      g_autofree char *time = g_strdup_printf ("%02u:%02u", hour, minute);

      gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
      gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
      select_calendar_day (self->date_calendar, &self->start_date);
    }

  /* Imported meetings may last longer than the form's usual range. */
  gtk_spin_button_set_range (self->duration_spin, 15, MAX (720, bv_meeting_get_duration (self->draft)));
  gtk_spin_button_set_value (self->duration_spin, bv_meeting_get_duration (self->draft));
  /* A calendar file chose the zone's name: plain text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->timezone_row), FALSE);
  adw_action_row_set_subtitle (self->timezone_row, bv_meeting_get_tzid (self->draft));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->welcome_view),
                            bv_meeting_get_welcome (self->draft) ? bv_meeting_get_welcome (self->draft) : "",
                            -1);
  for (guint i = 0; i < G_N_ELEMENTS (guest_policies); i++)
    if (g_strcmp0 (policy, guest_policies[i]) == 0)
      adw_combo_row_set_selected (self->waiting_row, i);
  gtk_switch_set_active (self->mute_switch, bv_meeting_get_mute_on_start (self->draft));
  gtk_switch_set_active (self->webcams_switch, bv_meeting_get_webcams_only_for_moderator (self->draft));
  gtk_spin_button_set_value (self->max_spin, bv_meeting_get_max_participants (self->draft));
  update_max_subtitle (self);

  adw_expander_row_set_enable_expansion (self->recording_row, bv_meeting_get_record (self->draft));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notice_view),
                            notice ? notice :
                            bv_meeting_get_record (self->draft) ? bv_meeting_default_recording_notice () : "",
                            -1);

  for (guint i = 0; i < G_N_ELEMENTS (lock_bits); i++)
    gtk_switch_set_active (self->lock_switches[i], (locks & lock_bits[i]) != 0);

  self->filling = FALSE;

  fill_repeat (self);
  update_repeat (self);
}

/* Slides */

static goffset
slides_total (BvMeetingEditor *self)
{
  goffset total = 0;

  for (guint i = 0; i < self->slides->len; i++)
    {
      Slide *slide = g_ptr_array_index (self->slides, i);

      if (slide->size > 0)
        total += slide->size;
    }
  return total;
}

static char *
display_name (const char *path)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_strdelimit (name, "\n\r", ' ');
  return g_steal_pointer (&name);
}

static void
update_slide_row (BvMeetingEditor *self,
                  Slide           *slide)
{
  g_autofree char *size = NULL;
  g_autofree char *subtitle = NULL;

  gtk_widget_remove_css_class (slide->row, "error");
  gtk_widget_remove_css_class (slide->row, "warning");

  if (slide->missing)
    {
      subtitle = g_strdup (_("This file no longer exists. Remove it, or add it again from its new place."));
      gtk_widget_add_css_class (slide->row, "warning");
    }
  else if (slide->size < 0)
    subtitle = g_strdup (_("Reading the file size…"));
  else if (slide->size > SLIDES_MAX_BYTES)
    {
      g_autofree char *limit = g_format_size (SLIDES_MAX_BYTES);

      size = g_format_size (slide->size);
      /* Translators: %1$s is a file size such as "41.2 MB", %2$s the limit such as "1.4 MB" */
      subtitle = g_strdup_printf (_("%1$s: too big, a meeting can take at most %2$s of slides"), size, limit);
      gtk_widget_add_css_class (slide->row, "error");
    }
  else
    subtitle = g_format_size (slide->size);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (slide->row), subtitle);
}

static Slide *
find_slide (BvMeetingEditor *self,
            const char      *path,
            guint           *index)
{
  for (guint i = 0; i < self->slides->len; i++)
    {
      Slide *slide = g_ptr_array_index (self->slides, i);

      if (g_str_equal (slide->path, path))
        {
          if (index)
            *index = i;
          return slide;
        }
    }
  return NULL;
}

static void
sync_slides (BvMeetingEditor *self)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();

  for (guint i = 0; i < self->slides->len; i++)
    g_ptr_array_add (paths, ((Slide *) g_ptr_array_index (self->slides, i))->path);
  g_ptr_array_add (paths, NULL);
  bv_meeting_set_slides (self->draft, (const char * const *) paths->pdata);
}

static void
remove_slide (BvMeetingEditor *self,
              const char      *path)
{
  guint index;
  Slide *slide = find_slide (self, path, &index);

  if (!slide)
    return;
  adw_preferences_group_remove (self->slides_group, slide->row);
  g_ptr_array_remove_index (self->slides, index);
  sync_slides (self);
}

static void
set_slides_refusal (BvMeetingEditor *self,
                    char            *message)
{
  g_free (self->slides_refusal);
  self->slides_refusal = message;
}

static void
remove_slide_clicked_cb (GtkButton       *button,
                         BvMeetingEditor *self)
{
  g_autofree char *path = g_strdup (g_object_get_data (G_OBJECT (button), "bv-path"));

  set_slides_refusal (self, NULL);
  remove_slide (self, path);
  validate (self);
}

typedef struct
{
  BvMeetingEditor *self;
  char            *path;
} SizeQuery;

static void
size_query_free (SizeQuery *query)
{
  g_object_unref (query->self);
  g_free (query->path);
  g_free (query);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SizeQuery, size_query_free)

static void
slide_info_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SizeQuery) query = user_data;
  BvMeetingEditor *self = query->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;
  Slide *slide;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->n_pending--;
  slide = find_slide (self, query->path, NULL);
  if (!slide)
    {
      validate (self);
      return;
    }

  name = display_name (slide->path);
  if (!info && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) && !slide->added)
    slide->missing = TRUE;
  else if (!info)
    {
      /* Translators: %s is a file name */
      set_slides_refusal (self, g_strdup_printf (_("“%s” cannot be read. Check that the file is still there and that you may open it."),
                                                 name));
      remove_slide (self, query->path);
      validate (self);
      return;
    }
  else if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      set_slides_refusal (self, g_strdup_printf (_("“%s” is not a file. Choose a document or a picture."), name));
      remove_slide (self, query->path);
      validate (self);
      return;
    }
  else
    slide->size = g_file_info_get_size (info);

  if (slide->added && slide->size > SLIDES_MAX_BYTES)
    {
      g_autofree char *size = g_format_size (slide->size);
      g_autofree char *limit = g_format_size (SLIDES_MAX_BYTES);

      set_slides_refusal (self, g_strdup_printf (TOO_BIG_MESSAGE, name, size, limit));
      remove_slide (self, query->path);
    }
  else if (slide->added && slides_total (self) > SLIDES_MAX_BYTES)
    {
      g_autofree char *total = g_format_size (slides_total (self));
      g_autofree char *limit = g_format_size (SLIDES_MAX_BYTES);

      /* Translators: %1$s is a file name, %2$s and %3$s sizes such as "1.4 MB" */
      set_slides_refusal (self, g_strdup_printf (_("“%1$s” was not added: together the slides would have %2$s, "
                                                   "and a meeting can take at most %3$s. Remove a file "
                                                   "or upload it in the meeting itself."),
                                                 name, total, limit));
      remove_slide (self, query->path);
    }
  else
    update_slide_row (self, slide);

  validate (self);
}

static void
append_slide (BvMeetingEditor *self,
              const char      *path,
              gboolean         added)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *name = display_name (path);
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  g_autofree char *remove_label = NULL;
  SizeQuery *query;
  Slide *slide;
  GtkWidget *button;

  slide = g_new0 (Slide, 1);
  slide->path = g_strdup (path);
  slide->size = -1;
  slide->added = added;
  slide->row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (slide->row), escaped);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* Translators: %s is a file name */
  remove_label = g_strdup_printf (_("Remove %s"), name);
  gtk_widget_set_tooltip_text (button, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_object_set_data_full (G_OBJECT (button), "bv-path", g_strdup (path), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_slide_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (slide->row), button);

  g_ptr_array_add (self->slides, slide);
  update_slide_row (self, slide);
  adw_preferences_group_add (self->slides_group, slide->row);
  sync_slides (self);

  query = g_new0 (SizeQuery, 1);
  query->self = g_object_ref (self);
  query->path = g_strdup (path);
  self->n_pending++;
  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, self->cancellable,
                           slide_info_cb, query);
}

static void
fill_slides (BvMeetingEditor *self)
{
  const char * const *paths = bv_meeting_get_slides (self->draft);

  for (guint i = 0; paths[i]; i++)
    append_slide (self, paths[i], FALSE);
}

/* Validation */

static void
show_label (GtkLabel   *label,
            const char *text,
            const char *css_class)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text && *text);
  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
  if (css_class)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
}

static void
mark_row (gpointer row,
          gboolean error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
note_problem (BvMeetingEditor *self,
              const char      *problem)
{
  if (!self->problem && problem)
    self->problem = g_strdup (problem);
}

static char *
check_title (BvMeetingEditor *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  glong length = g_utf8_strlen (title, -1);

  if (length == 0)
    return g_strdup (_("Enter a title for the meeting."));
  if (length < TITLE_MIN_CHARS)
    return g_strdup_printf (_("The title is only one character long; BigBlueButton needs at least %d. "
                              "Use a few words, such as “Board meeting in March”."), TITLE_MIN_CHARS);
  if (length > TITLE_MAX_CHARS)
    return g_strdup_printf (_("The title is %ld characters long; BigBlueButton accepts at most %d. "
                              "Shorten it, for example by leaving out the date."), length, TITLE_MAX_CHARS);
  return NULL;
}

static char *
check_server (BvMeetingEditor *self)
{
  if (g_list_model_get_n_items (bv_database_get_servers (self->database)) == 0)
    return g_strdup (_("There is no conference server yet. Add one in the preferences, then plan the meeting."));
  if (!selected_server (self))
    return g_strdup (_("Choose a server."));
  return NULL;
}

static void
check_start (BvMeetingEditor  *self,
             char            **error,
             char            **warning)
{
  const char *date_text = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  const char *time_text = gtk_editable_get_text (GTK_EDITABLE (self->time_row));
  g_autofree char *date_stripped = g_strstrip (g_strdup (date_text));
  g_autofree char *time_stripped = g_strstrip (g_strdup (time_text));
  GDate date;
  guint hour, minute;
  gboolean date_ok = parse_date (date_text, &date);
  gboolean time_ok = parse_time (time_text, &hour, &minute);

  mark_row (self->date_row, !date_ok);
  mark_row (self->time_row, !time_ok);

  if (!date_ok && !*date_stripped)
    *error = g_strdup (_("Enter the date of the meeting, like 05.01.2027."));
  else if (!date_ok)
    /* Translators: %s is what the user typed */
    *error = g_strdup_printf (_("“%s” is not a date the app can read. Enter it like 05.01.2027."), date_stripped);
  else if (!time_ok && !*time_stripped)
    *error = g_strdup (_("Enter the start time, like 19:30."));
  else if (!time_ok)
    /* Translators: %s is what the user typed */
    *error = g_strdup_printf (_("“%s” is not a time the app can read. Enter it like 19:30."), time_stripped);
  else if (!self->stored)
    {
      g_autoptr(GTimeZone) tz = meeting_time_zone (self);
      g_autoptr(GDateTime) start = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                                                    g_date_get_day (&date), hour, minute, 0);
      g_autoptr(GDateTime) now = g_date_time_new_now (tz);

      if (start && g_date_time_compare (start, now) < 0)
        *warning = g_strdup (_("This date is in the past. Check the date; you can still save the meeting."));
    }
}

static char *
check_repeat (BvMeetingEditor *self)
{
  RepeatOption option = selected_repeat (self);
  g_autoptr(GError) error = NULL;

  mark_row (self->until_row, FALSE);
  if (option != REPEAT_NONE && option != REPEAT_CUSTOM &&
      adw_combo_row_get_selected (self->end_row) == END_UNTIL)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->until_row));
      g_autofree char *stripped = g_strstrip (g_strdup (text));
      GDate until;

      if (!parse_date (text, &until))
        {
          mark_row (self->until_row, TRUE);
          if (!*stripped)
            return g_strdup (_("Enter the date of the last meeting, like 05.01.2027."));
          /* Translators: %s is what the user typed */
          return g_strdup_printf (_("“%s” is not a date the app can read. Enter it like 05.01.2027."), stripped);
        }
      if (g_date_valid (&self->start_date) && g_date_compare (&until, &self->start_date) < 0)
        {
          mark_row (self->until_row, TRUE);
          return g_strdup (_("The repetition would end before the first meeting. Choose a later last date."));
        }
    }

  if (!bv_occurrences_validate_rrule (bv_meeting_get_rrule (self->draft), &error))
    return g_strdup (error->message);
  return NULL;
}

static char *
check_slides (BvMeetingEditor *self)
{
  for (guint i = 0; i < self->slides->len; i++)
    {
      Slide *slide = g_ptr_array_index (self->slides, i);

      if (slide->size > SLIDES_MAX_BYTES)
        {
          g_autofree char *name = display_name (slide->path);
          g_autofree char *size = g_format_size (slide->size);
          g_autofree char *limit = g_format_size (SLIDES_MAX_BYTES);

          return g_strdup_printf (TOO_BIG_MESSAGE, name, size, limit);
        }
    }
  if (slides_total (self) > SLIDES_MAX_BYTES)
    {
      g_autofree char *total = g_format_size (slides_total (self));
      g_autofree char *limit = g_format_size (SLIDES_MAX_BYTES);

      /* Translators: %1$s and %2$s are sizes such as "1.4 MB" */
      return g_strdup_printf (_("Together the slides have %1$s; a meeting can take at most %2$s. "
                                "Remove a file or upload it in the meeting itself."), total, limit);
    }
  return NULL;
}

static void
validate (BvMeetingEditor *self)
{
  g_autofree char *title_problem = check_title (self);
  g_autofree char *server_problem = check_server (self);
  g_autofree char *start_problem = NULL;
  g_autofree char *start_warning = NULL;
  g_autofree char *repeat_problem = NULL;
  g_autofree char *slides_problem = check_slides (self);
  gboolean show_title;

  check_start (self, &start_problem, &start_warning);
  repeat_problem = check_repeat (self);

  g_clear_pointer (&self->problem, g_free);
  note_problem (self, title_problem);
  note_problem (self, server_problem);
  note_problem (self, start_problem);
  note_problem (self, repeat_problem);
  note_problem (self, slides_problem);
  if (self->n_pending > 0)
    note_problem (self, _("The sizes of the slides are still being read."));

  /* An empty new form does not shout before the user has been there. */
  show_title = title_problem && (self->title_touched || self->stored);
  show_label (self->title_error, show_title ? title_problem : NULL, "error");
  mark_row (self->title_row, show_title);
  show_label (self->server_error, server_problem, "error");
  mark_row (self->server_row, server_problem != NULL);
  if (start_problem)
    show_label (self->date_error, start_problem, "error");
  else
    show_label (self->date_error, start_warning, "warning");
  show_label (self->repeat_error, repeat_problem, "error");
  show_label (self->slides_error, self->slides_refusal ? self->slides_refusal : slides_problem, "error");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", !self->problem);
  gtk_widget_set_tooltip_text (self->save_button, self->problem);
}

/* Callbacks */

static void
kind_changed_cb (BvMeetingEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  if (self->filling || selected > BV_MEETING_KIND_GROUP)
    return;

  bv_meeting_set_kind (self->draft, (BvMeetingKind) selected);
  if (!self->stored)
    {
      bv_meeting_apply_kind_defaults (self->draft);
      fill_form (self);
    }
  validate (self);
}

static void
title_changed_cb (BvMeetingEditor *self)
{
  g_autofree char *title = NULL;

  if (self->filling)
    return;

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  self->title_touched = TRUE;
  bv_meeting_set_title (self->draft, title);
  validate (self);
}

static void
server_changed_cb (BvMeetingEditor *self)
{
  BvServer *server;

  if (self->filling)
    return;

  server = selected_server (self);
  if (server)
    bv_meeting_set_server_id (self->draft, bv_server_get_id (server));
  validate (self);
}

static void
start_changed_cb (BvMeetingEditor *self)
{
  GDate date;
  guint hour, minute;

  if (self->filling)
    return;

  if (read_start (self, &date, &hour, &minute))
    {
      g_autofree char *start = g_strdup_printf ("%04u-%02u-%02uT%02u:%02u:00",
                                                g_date_get_year (&date), g_date_get_month (&date),
                                                g_date_get_day (&date), hour, minute);
      gboolean moved = !g_date_valid (&self->start_date) || g_date_compare (&date, &self->start_date) != 0;
      RepeatOption option = selected_repeat (self);

      /* Also while the rule is not weekly, so that choosing "Weekly"
       * later starts from the start's day. */
      if (moved && g_date_valid (&self->start_date) &&
          self->weekdays == 1u << date_weekday (&self->start_date))
        set_weekdays (self, 1u << date_weekday (&date));

      self->start_date = date;
      bv_meeting_set_start (self->draft, start, bv_meeting_get_tzid (self->draft));

      if (moved)
        {
          /* A monthly rule follows the new day; a custom one stays. */
          if (option != REPEAT_NONE && option != REPEAT_CUSTOM)
            self->repeat_dirty = TRUE;
          rebuild_repeat_model (self, option);
          self->filling = TRUE;
          select_calendar_day (self->date_calendar, &date);
          self->filling = FALSE;
        }
      update_repeat (self);
    }

  validate (self);
}

static void
normalize_entry (BvMeetingEditor *self,
                 AdwEntryRow     *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *normal = NULL;
  GDate date;
  guint hour, minute;

  if (row == self->time_row)
    {
      if (parse_time (text, &hour, &minute))
        normal = g_strdup_printf ("%02u:%02u", hour, minute);
    }
  else if (parse_date (text, &date))
    normal = format_date (&date);

  if (normal && !g_str_equal (normal, text))
    gtk_editable_set_text (GTK_EDITABLE (row), normal);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                BvMeetingEditor         *self)
{
  normalize_entry (self, ADW_ENTRY_ROW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static void
entry_activated_cb (BvMeetingEditor *self,
                    AdwEntryRow     *row)
{
  if (row == self->date_row || row == self->time_row || row == self->until_row)
    normalize_entry (self, row);
}

static void
calendar_day_selected_cb (BvMeetingEditor *self,
                          GtkCalendar     *calendar)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *text = NULL;
  AdwEntryRow *row = calendar == self->date_calendar ? self->date_row : self->until_row;
  GtkMenuButton *button = calendar == self->date_calendar ? self->date_button : self->until_button;

  if (self->filling)
    return;

  day = gtk_calendar_get_date (calendar);
  text = g_date_time_format (day, "%d.%m.%Y");
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_menu_button_popdown (button);
}

static void
duration_changed_cb (BvMeetingEditor *self)
{
  if (self->filling)
    return;
  bv_meeting_set_duration (self->draft, gtk_spin_button_get_value_as_int (self->duration_spin));
  validate (self);
}

static void
repeat_changed_cb (BvMeetingEditor *self)
{
  if (self->filling)
    return;
  self->repeat_dirty = TRUE;
  update_repeat (self);
  validate (self);
}

static void
weekday_toggled_cb (GtkToggleButton *button,
                    BvMeetingEditor *self)
{
  guint weekdays = 0;

  if (self->filling)
    return;

  for (guint i = 0; i < 7; i++)
    if (gtk_toggle_button_get_active (self->weekday_buttons[i]))
      weekdays |= 1u << i;

  /* A weekly meeting needs a day; the last one cannot be switched off. */
  if (weekdays == 0)
    {
      set_weekdays (self, self->weekdays);
      return;
    }

  self->weekdays = weekdays;
  repeat_changed_cb (self);
}

static void
room_changed_cb (BvMeetingEditor *self)
{
  BvMeetingLocks locks = BV_MEETING_LOCK_NONE;
  guint policy = adw_combo_row_get_selected (self->waiting_row);

  if (self->filling)
    return;

  if (policy < G_N_ELEMENTS (guest_policies))
    bv_meeting_set_guest_policy (self->draft, guest_policies[policy]);
  bv_meeting_set_mute_on_start (self->draft, gtk_switch_get_active (self->mute_switch));
  bv_meeting_set_webcams_only_for_moderator (self->draft, gtk_switch_get_active (self->webcams_switch));
  bv_meeting_set_max_participants (self->draft, gtk_spin_button_get_value_as_int (self->max_spin));
  for (guint i = 0; i < G_N_ELEMENTS (lock_bits); i++)
    if (gtk_switch_get_active (self->lock_switches[i]))
      locks |= lock_bits[i];
  bv_meeting_set_locks (self->draft, locks);
  update_max_subtitle (self);
  validate (self);
}

static void
welcome_changed_cb (BvMeetingEditor *self)
{
  g_autofree char *text = NULL;

  if (self->filling)
    return;
  text = text_view_get_text (self->welcome_view);
  bv_meeting_set_welcome (self->draft, text);
}

static void
notice_changed_cb (BvMeetingEditor *self)
{
  g_autofree char *text = NULL;

  if (self->filling)
    return;
  text = text_view_get_text (self->notice_view);
  /* The default text stays unset, so that it follows the language. */
  bv_meeting_set_recording_notice (self->draft,
                                   g_str_equal (text, bv_meeting_default_recording_notice ()) ? NULL : text);
}

static void
recording_changed_cb (BvMeetingEditor *self)
{
  gboolean record = adw_expander_row_get_enable_expansion (self->recording_row);
  g_autofree char *notice = NULL;

  if (self->filling)
    return;

  bv_meeting_set_record (self->draft, record);
  notice = text_view_get_text (self->notice_view);
  if (record && !*notice)
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notice_view),
                                bv_meeting_default_recording_notice (), -1);
      adw_expander_row_set_expanded (self->recording_row, TRUE);
    }
  validate (self);
}

/* Actions */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BvMeetingEditor *self = BV_MEETING_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  BvMeeting *target;

  self->title_touched = TRUE;
  validate (self);
  if (self->problem)
    return;

  if (self->stored)
    {
      bv_meeting_update_from (self->stored, self->draft);
      target = self->stored;
    }
  else
    target = self->draft;

  /* On failure the database puts the stored values back. */
  if (!bv_database_save_meeting (self->database, target, &error))
    {
      AdwToast *toast = bv_ui_toast_new (error->message);

      g_warning ("Could not save meeting %s: %s", bv_meeting_get_id (target), error->message);
      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      bv_ui_fix_accessible_names (GTK_WIDGET (self->toast_overlay));
      return;
    }

  g_object_ref (target);
  g_signal_emit (self, signals[SAVED], 0, target);
  g_object_unref (target);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BvMeetingEditor *self = BV_MEETING_EDITOR (widget);
  g_autoptr(BvMeeting) stored = NULL;

  if (!self->stored)
    return;

  stored = g_object_ref (self->stored);
  g_signal_emit (self, signals[DELETE_REQUESTED], 0, stored);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     BvMeetingEditor *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      _bv_meeting_editor_add_slide_files (self, files);
    }
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
add_slides_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BvMeetingEditor *self = BV_MEETING_EDITOR (widget);
  static const char * const patterns[] = {
    "*.pdf", "*.odp", "*.ppt", "*.pptx", "*.odt", "*.doc", "*.docx", "*.odg", "*.txt", "*.jpg", "*.jpeg", "*.png",
  };
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser)
    return;

  gtk_file_filter_set_name (filter, _("Documents and Pictures"));
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      g_autofree char *upper = g_ascii_strup (patterns[i], -1);

      gtk_file_filter_add_pattern (filter, patterns[i]);
      gtk_file_filter_add_pattern (filter, upper);
    }

  self->chooser = gtk_file_chooser_native_new (_("Add Slides"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* GObject */

static void
name_from_row (GtkWidget *widget,
               gpointer   row)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);
}

static void
bv_meeting_editor_constructed (GObject *object)
{
  BvMeetingEditor *self = BV_MEETING_EDITOR (object);
  GListModel *servers;

  G_OBJECT_CLASS (bv_meeting_editor_parent_class)->constructed (object);

  servers = bv_database_get_servers (self->database);
  adw_combo_row_set_expression (self->server_row,
                                gtk_property_expression_new (BV_TYPE_SERVER, NULL, "name"));
  adw_combo_row_set_model (self->server_row, servers);

  if (self->stored)
    {
      self->draft = g_object_new (BV_TYPE_MEETING, "id", bv_meeting_get_id (self->stored), NULL);
      bv_meeting_update_from (self->draft, self->stored);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Meeting"));
      gtk_widget_set_visible (self->delete_group, TRUE);
    }
  else
    {
      g_autoptr(GTimeZone) tz = NULL;
      g_autoptr(GDateTime) now = NULL;
      g_autoptr(GDateTime) tomorrow = NULL;
      g_autofree char *start = NULL;
      g_autoptr(BvServer) server = NULL;

      self->draft = bv_meeting_new (BV_MEETING_KIND_BOARD);
      tz = meeting_time_zone (self);
      now = g_date_time_new_now (tz);
      tomorrow = g_date_time_add_days (now, 1);
      start = g_strdup_printf ("%04d-%02d-%02dT%02d:00:00", g_date_time_get_year (tomorrow),
                               g_date_time_get_month (tomorrow), g_date_time_get_day_of_month (tomorrow),
                               DEFAULT_START_HOUR);
      bv_meeting_set_start (self->draft, start, bv_meeting_get_tzid (self->draft));

      if (self->default_server_id)
        server = bv_database_find_server (self->database, self->default_server_id);
      if (!server && g_list_model_get_n_items (servers) > 0)
        server = g_list_model_get_item (servers, 0);
      if (server)
        bv_meeting_set_server_id (self->draft, bv_server_get_id (server));
      gtk_window_set_title (GTK_WINDOW (self), _("New Meeting"));
    }

  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
  fill_form (self);
  fill_slides (self);
  validate (self);
}

static void
bv_meeting_editor_dispose (GObject *object)
{
  BvMeetingEditor *self = BV_MEETING_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_clear_object (&self->stored);
  g_clear_object (&self->draft);

  G_OBJECT_CLASS (bv_meeting_editor_parent_class)->dispose (object);
}

static void
bv_meeting_editor_finalize (GObject *object)
{
  BvMeetingEditor *self = BV_MEETING_EDITOR (object);

  g_clear_pointer (&self->slides, g_ptr_array_unref);
  g_clear_pointer (&self->repeat_options, g_array_unref);
  g_free (self->default_server_id);
  g_free (self->custom_rrule);
  g_free (self->slides_refusal);
  g_free (self->problem);

  G_OBJECT_CLASS (bv_meeting_editor_parent_class)->finalize (object);
}

static void
bv_meeting_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BvMeetingEditor *self = BV_MEETING_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    case PROP_MEETING:
      self->stored = g_value_dup_object (value);
      break;

    case PROP_DEFAULT_SERVER_ID:
      self->default_server_id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_meeting_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BvMeetingEditor *self = BV_MEETING_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_MEETING:
      g_value_set_object (value, self->stored);
      break;

    case PROP_DEFAULT_SERVER_ID:
      g_value_set_string (value, self->default_server_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_meeting_editor_class_init (BvMeetingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bv_meeting_editor_constructed;
  object_class->dispose = bv_meeting_editor_dispose;
  object_class->finalize = bv_meeting_editor_finalize;
  object_class->set_property = bv_meeting_editor_set_property;
  object_class->get_property = bv_meeting_editor_get_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, BV_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEETING] =
    g_param_spec_object ("meeting", NULL, NULL, BV_TYPE_MEETING,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEFAULT_SERVER_ID] =
    g_param_spec_string ("default-server-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, BV_TYPE_MEETING);
  signals[DELETE_REQUESTED] = g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, BV_TYPE_MEETING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bv-meeting-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, server_row);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, title_error);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, server_error);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, date_button);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, date_calendar);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, time_row);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, duration_row);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, timezone_row);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, date_error);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, repeat_group);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, weekdays_row);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, weekdays_box);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, until_row);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, until_button);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, until_calendar);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, count_row);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, count_spin);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, repeat_error);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, welcome_view);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, waiting_row);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, mute_row);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, mute_switch);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, webcams_row);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, webcams_switch);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, max_row);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, max_spin);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, recording_row);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, notice_view);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, locks_row);
  gtk_widget_class_bind_template_child_full (widget_class, "lock_webcam_switch", FALSE,
                                             G_STRUCT_OFFSET (BvMeetingEditor, lock_switches[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "lock_microphone_switch", FALSE,
                                             G_STRUCT_OFFSET (BvMeetingEditor, lock_switches[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "lock_private_chat_switch", FALSE,
                                             G_STRUCT_OFFSET (BvMeetingEditor, lock_switches[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "lock_public_chat_switch", FALSE,
                                             G_STRUCT_OFFSET (BvMeetingEditor, lock_switches[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "lock_shared_notes_switch", FALSE,
                                             G_STRUCT_OFFSET (BvMeetingEditor, lock_switches[4]));
  gtk_widget_class_bind_template_child_full (widget_class, "lock_user_list_switch", FALSE,
                                             G_STRUCT_OFFSET (BvMeetingEditor, lock_switches[5]));
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, slides_group);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, slides_error);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, delete_group);
  gtk_widget_class_bind_template_child_full (widget_class, "cancel_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "add_slides_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "delete_button", FALSE, 0);

  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, duration_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, repeat_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, room_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, recording_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.add-slides", NULL, add_slides_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
bv_meeting_editor_init (BvMeetingEditor *self)
{
  const char *abbreviations[] = {
    C_("weekday abbreviation", "Mo"), C_("weekday abbreviation", "Tu"),
    C_("weekday abbreviation", "We"), C_("weekday abbreviation", "Th"),
    C_("weekday abbreviation", "Fr"), C_("weekday abbreviation", "Sa"),
    C_("weekday abbreviation", "Su"),
  };
  const char *names[] = {
    _("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday"),
  };
  AdwEntryRow *entries[] = { NULL, NULL, NULL };

  /* Nothing reaches the draft before constructed () has made it. */
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->slides = g_ptr_array_new_with_free_func (slide_free);
  self->repeat_options = g_array_new (FALSE, FALSE, sizeof (RepeatOption));
  g_date_clear (&self->start_date, 1);

  for (guint i = 0; i < 7; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (abbreviations[i]);

      gtk_widget_set_tooltip_text (button, names[i]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, names[i], -1);
      g_signal_connect_object (button, "toggled", G_CALLBACK (weekday_toggled_cb), self, 0);
      gtk_box_append (self->weekdays_box, button);
      self->weekday_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }

  /* The dates and times show their tidy form once the user moves on. */
  entries[0] = self->date_row;
  entries[1] = self->time_row;
  entries[2] = self->until_row;
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), self, 0);
      gtk_widget_add_controller (GTK_WIDGET (entries[i]), focus);
    }

  g_signal_connect_object (gtk_text_view_get_buffer (self->welcome_view), "changed",
                           G_CALLBACK (welcome_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->notice_view), "changed",
                           G_CALLBACK (notice_changed_cb), self, G_CONNECT_SWAPPED);

  /* libadwaita 1.2 does not name a row's suffix controls after the row. */
  name_from_row (GTK_WIDGET (self->duration_spin), self->duration_row);
  name_from_row (GTK_WIDGET (self->count_spin), self->count_row);
  name_from_row (GTK_WIDGET (self->max_spin), self->max_row);
  name_from_row (GTK_WIDGET (self->mute_switch), self->mute_row);
  name_from_row (GTK_WIDGET (self->webcams_switch), self->webcams_row);
  for (guint i = 0; i < G_N_ELEMENTS (self->lock_switches); i++)
    name_from_row (GTK_WIDGET (self->lock_switches[i]),
                   gtk_widget_get_ancestor (GTK_WIDGET (self->lock_switches[i]), ADW_TYPE_ACTION_ROW));

  bv_ui_fix_accessible_names (GTK_WIDGET (self));
}

/* Private API for tests */

void
_bv_meeting_editor_add_slide_files (BvMeetingEditor *self,
                                    GListModel      *files)
{
  g_return_if_fail (BV_IS_MEETING_EDITOR (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  set_slides_refusal (self, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *path = g_file_get_path (file);

      if (!path)
        {
          g_autofree char *name = g_file_get_parse_name (file);

          /* Translators: %s is a file name or address */
          set_slides_refusal (self, g_strdup_printf (_("“%s” is not on this computer. Copy it into a folder "
                                                       "here and add it from there."), name));
          continue;
        }
      if (strpbrk (path, "\n\r"))
        {
          g_autofree char *name = display_name (path);

          /* Translators: %s is a file name */
          set_slides_refusal (self, g_strdup_printf (_("The name of “%s” contains a line break, which "
                                                       "the server cannot take. Rename the file and add "
                                                       "it again."), name));
          continue;
        }
      if (find_slide (self, path, NULL))
        continue;
      append_slide (self, path, TRUE);
    }
  validate (self);
}

gboolean
_bv_meeting_editor_is_busy (BvMeetingEditor *self)
{
  g_return_val_if_fail (BV_IS_MEETING_EDITOR (self), FALSE);

  return self->n_pending > 0;
}

BvMeeting *
_bv_meeting_editor_get_draft (BvMeetingEditor *self)
{
  g_return_val_if_fail (BV_IS_MEETING_EDITOR (self), NULL);

  return self->draft;
}

const char *
_bv_meeting_editor_get_problem (BvMeetingEditor *self)
{
  g_return_val_if_fail (BV_IS_MEETING_EDITOR (self), NULL);

  return self->problem;
}

/* Public API */

BvMeetingEditor *
bv_meeting_editor_new (GtkWindow  *parent,
                       BvDatabase *database,
                       BvMeeting  *meeting,
                       const char *default_server_id)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BV_IS_DATABASE (database), NULL);
  g_return_val_if_fail (!meeting || BV_IS_MEETING (meeting), NULL);

  return g_object_new (BV_TYPE_MEETING_EDITOR,
                       "transient-for", parent,
                       "database", database,
                       "meeting", meeting,
                       "default-server-id", default_server_id,
                       NULL);
}
