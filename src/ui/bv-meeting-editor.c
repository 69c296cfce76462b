/* bv-meeting-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-date-input.h"
#include "bv-meeting-editor.h"
#include "bv-meeting-editor-private.h"
#include "bv-agenda-section.h"
#include "bv-invitation-deadline.h"
#include "bv-repetition-section.h"
#include "bv-slides-section.h"
#include "bv-ui-utils.h"

#define TITLE_MIN_CHARS   2
#define TITLE_MAX_CHARS   64
#define DEFAULT_START_HOUR 19

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
  BvRepetitionSection *repeat_group;
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
  BvSlidesSection   *slides_group;
  BvAgendaSection   *agenda_group;
  AdwEntryRow       *venue_row;
  GtkLabel          *deadline_label;
  GtkLabel          *guests_warning;
  guint              invitation_period;
  GtkWidget         *delete_group;

  BvDatabase        *database;
  BvMeeting         *stored;          /* NULL for a new meeting */
  BvMeeting         *draft;
  char              *default_server_id;
  char              *problem;

  guint              filling : 1;
  guint              title_touched : 1;
  guint              title_from_kind : 1;  /* a new meeting's title is the kind's name */
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
static const BvMeetingLocks lock_bits[] = {
  BV_MEETING_LOCK_WEBCAM,
  BV_MEETING_LOCK_MICROPHONE,
  BV_MEETING_LOCK_PRIVATE_CHAT,
  BV_MEETING_LOCK_PUBLIC_CHAT,
  BV_MEETING_LOCK_SHARED_NOTES,
  BV_MEETING_LOCK_USER_LIST,
};

static GTimeZone *
meeting_time_zone (BvMeetingEditor *self)
{
  GTimeZone *tz = g_time_zone_new_identifier (bv_meeting_get_tzid (self->draft));

  return tz ? tz : g_time_zone_new_local ();
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

static void
update_max_subtitle (BvMeetingEditor *self)
{
  adw_action_row_set_subtitle (self->max_row,
                               gtk_spin_button_get_value_as_int (self->max_spin) == 0 ?
                               _("No limit") : "");
}

/* What the waiting room means, for the choice made: the word alone says
 * nothing to someone who has not used BigBlueButton. */
static void
update_waiting_subtitle (BvMeetingEditor *self)
{
  const char *text;

  switch (adw_combo_row_get_selected (self->waiting_row))
    {
    case 0:
      text = _("Everyone with a link comes straight into the meeting.");
      break;
    case 1:
      text = _("Guests wait in a waiting room until someone who leads the meeting lets them in. "
               "People with a personal invitation come straight in.");
      break;
    case 2:
      text = _("Only people with a personal invitation get in; a guest link does not work.");
      break;
    default:
      text = NULL;
      break;
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->waiting_row), text);
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
  GDate start_date;

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

  if (bv_date_input_split_local (bv_meeting_get_start_local (self->draft), &start_date, &hour, &minute))
    {
      g_autofree char *date = bv_date_input_format_date (&start_date);
      g_autofree char *time = bv_date_input_format_time (hour, minute);

      gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
      gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
      select_calendar_day (self->date_calendar, &start_date);
    }

  /* Imported meetings may last longer than the form's usual range. */
  gtk_spin_button_set_range (self->duration_spin, 15, MAX (720, bv_meeting_get_duration (self->draft)));
  gtk_spin_button_set_value (self->duration_spin, bv_meeting_get_duration (self->draft));
  /* A calendar file chose the zone's name: plain text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->timezone_row), FALSE);
  adw_action_row_set_subtitle (self->timezone_row, bv_meeting_get_tzid (self->draft));
  gtk_editable_set_text (GTK_EDITABLE (self->venue_row),
                         bv_meeting_get_venue (self->draft) ? bv_meeting_get_venue (self->draft) : "");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->welcome_view),
                            bv_meeting_get_welcome (self->draft) ? bv_meeting_get_welcome (self->draft) : "",
                            -1);
  for (guint i = 0; i < G_N_ELEMENTS (guest_policies); i++)
    if (g_strcmp0 (policy, guest_policies[i]) == 0)
      adw_combo_row_set_selected (self->waiting_row, i);
  update_waiting_subtitle (self);
  gtk_switch_set_active (self->mute_switch, bv_meeting_get_mute_on_start (self->draft));
  gtk_switch_set_active (self->webcams_switch, bv_meeting_get_webcams_only_for_moderator (self->draft));
  gtk_spin_button_set_value (self->max_spin, bv_meeting_get_max_participants (self->draft));
  update_max_subtitle (self);

  adw_expander_row_set_enable_expansion (self->recording_row, bv_meeting_get_record (self->draft));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notice_view),
                            notice ? notice :
                            bv_meeting_get_record (self->draft) ? bv_meeting_default_recording_notice () : "",
                            -1);

  /* The switches say what is allowed; the meeting stores what is locked. */
  for (guint i = 0; i < G_N_ELEMENTS (lock_bits); i++)
    gtk_switch_set_active (self->lock_switches[i], (locks & lock_bits[i]) == 0);

  self->filling = FALSE;

  bv_repetition_section_set_meeting (self->repeat_group, self->draft, self->stored != NULL);
}

/* Validation */

/* For an assembly with a date: by when the invitations must go out, as a
 * warning once that day is near or past. */
static void
update_deadline (BvMeetingEditor *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = NULL;
  GDate deadline, today;

  if (bv_meeting_get_kind (self->draft) != BV_MEETING_KIND_ASSEMBLY ||
      !bv_invitation_deadline_for_meeting (self->draft, self->invitation_period, &deadline))
    {
      bv_ui_show_message (self->deadline_label, NULL, NULL);
      return;
    }

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  text = bv_invitation_deadline_describe (&deadline, &today);
  gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_label), "dim-label");
  bv_ui_show_message (self->deadline_label, text,
                      g_date_days_between (&today, &deadline) <= BV_INVITATION_DEADLINE_WARN_DAYS
                      ? "warning" : "dim-label");
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
  g_autoptr(GError) date_error = NULL;
  g_autoptr(GError) time_error = NULL;
  GDate date;
  guint hour, minute;
  gboolean date_ok = bv_date_input_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->date_row)),
                                               &date, &date_error);
  gboolean time_ok = bv_date_input_parse_time (gtk_editable_get_text (GTK_EDITABLE (self->time_row)),
                                               &hour, &minute, &time_error);

  bv_ui_mark_error (self->date_row, !date_ok);
  bv_ui_mark_error (self->time_row, !time_ok);

  if (!date_ok)
    *error = g_strdup (date_error->message);
  else if (!time_ok)
    *error = g_strdup (time_error->message);
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

static void
validate (BvMeetingEditor *self)
{
  g_autofree char *title_problem = check_title (self);
  g_autofree char *server_problem = check_server (self);
  g_autofree char *start_problem = NULL;
  g_autofree char *start_warning = NULL;
  g_autofree char *repeat_problem = NULL;
  g_autofree char *slides_problem = bv_slides_section_check (self->slides_group);
  g_autofree char *agenda_problem = bv_agenda_section_check (self->agenda_group);
  gboolean show_title;

  check_start (self, &start_problem, &start_warning);
  repeat_problem = bv_repetition_section_check (self->repeat_group);

  g_clear_pointer (&self->problem, g_free);
  note_problem (self, title_problem);
  note_problem (self, server_problem);
  note_problem (self, start_problem);
  note_problem (self, repeat_problem);
  note_problem (self, agenda_problem);
  note_problem (self, slides_problem);
  if (bv_slides_section_is_busy (self->slides_group))
    note_problem (self, _("The sizes of the slides are still being read."));

  /* An empty new form does not shout before the user has been there. */
  show_title = title_problem && (self->title_touched || self->stored);
  bv_ui_show_message (self->title_error, show_title ? title_problem : NULL, "error");
  bv_ui_mark_error (self->title_row, show_title);
  bv_ui_show_message (self->server_error, server_problem, "error");
  bv_ui_mark_error (self->server_row, server_problem != NULL);
  if (start_problem)
    bv_ui_show_message (self->date_error, start_problem, "error");
  else
    bv_ui_show_message (self->date_error, start_warning, "warning");

  update_deadline (self);
  /* Editable, but not without saying what it risks. */
  bv_ui_show_message (self->guests_warning,
                      bv_meeting_get_kind (self->draft) == BV_MEETING_KIND_ASSEMBLY &&
                      g_strcmp0 (bv_meeting_get_guest_policy (self->draft), "ALWAYS_DENY") != 0
                      ? _("Only members may take part in a general assembly. With this waiting room people "
                          "without a personal link can get in, which can make the resolutions contestable. "
                          "Choose “Only invited people” unless your statutes allow guests.")
                      : NULL,
                      "warning");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", !self->problem);
  gtk_widget_set_tooltip_text (self->save_button, self->problem);
}

/* Callbacks */

/* Until the user types a title, a new meeting is called after its kind
 * ("Board meeting"), so that Save is not grey for a title nobody asked for. */
static void
set_title_from_kind (BvMeetingEditor *self)
{
  GListModel *kinds = adw_combo_row_get_model (self->kind_row);
  guint kind = (guint) bv_meeting_get_kind (self->draft);

  if (GTK_IS_STRING_LIST (kinds) && kind < g_list_model_get_n_items (kinds))
    bv_meeting_set_title (self->draft, gtk_string_list_get_string (GTK_STRING_LIST (kinds), kind));
}

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
      if (self->title_from_kind)
        set_title_from_kind (self);
      fill_form (self);
    }
  validate (self);
}

static void
venue_changed_cb (BvMeetingEditor *self)
{
  if (self->filling)
    return;

  bv_meeting_set_venue (self->draft, gtk_editable_get_text (GTK_EDITABLE (self->venue_row)));
}

static void
title_changed_cb (BvMeetingEditor *self)
{
  g_autofree char *title = NULL;

  if (self->filling)
    return;

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  self->title_touched = TRUE;
  self->title_from_kind = FALSE;
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

  if (bv_date_input_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), &date, NULL) &&
      bv_date_input_parse_time (gtk_editable_get_text (GTK_EDITABLE (self->time_row)), &hour, &minute, NULL))
    {
      g_autofree char *start = bv_date_input_join_local (&date, hour, minute);

      bv_meeting_set_start (self->draft, start, bv_meeting_get_tzid (self->draft));
      /* The repetition follows the new day (and describes the new time). */
      if (bv_repetition_section_start_changed (self->repeat_group))
        {
          self->filling = TRUE;
          select_calendar_day (self->date_calendar, &date);
          self->filling = FALSE;
        }
    }

  validate (self);
}

static void
normalize_entry (BvMeetingEditor *self,
                 AdwEntryRow     *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *normal = row == self->time_row ? bv_date_input_tidy_time (text) : bv_date_input_tidy_date (text);

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
  if (row == self->date_row || row == self->time_row)
    normalize_entry (self, row);
}

static void
calendar_day_selected_cb (BvMeetingEditor *self)
{
  if (self->filling)
    return;

  bv_ui_take_calendar_day (self->date_calendar, self->date_row, self->date_button);
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
    if (!gtk_switch_get_active (self->lock_switches[i]))
      locks |= lock_bits[i];
  bv_meeting_set_locks (self->draft, locks);
  update_max_subtitle (self);
  update_waiting_subtitle (self);
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
      bv_ui_add_toast (self->toast_overlay, toast);
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

/* GObject */

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
      self->title_from_kind = TRUE;
      set_title_from_kind (self);
    }

  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
  fill_form (self);
  bv_slides_section_set_meeting (self->slides_group, self->draft);
  bv_agenda_section_set_meeting (self->agenda_group, self->draft);
  validate (self);
}

static void
bv_meeting_editor_dispose (GObject *object)
{
  BvMeetingEditor *self = BV_MEETING_EDITOR (object);

  g_clear_object (&self->database);
  g_clear_object (&self->stored);
  g_clear_object (&self->draft);

  G_OBJECT_CLASS (bv_meeting_editor_parent_class)->dispose (object);
}

static void
bv_meeting_editor_finalize (GObject *object)
{
  BvMeetingEditor *self = BV_MEETING_EDITOR (object);

  g_free (self->default_server_id);
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

  g_type_ensure (BV_TYPE_REPETITION_SECTION);
  g_type_ensure (BV_TYPE_SLIDES_SECTION);
  g_type_ensure (BV_TYPE_AGENDA_SECTION);

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
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, agenda_group);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, venue_row);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, guests_warning);
  gtk_widget_class_bind_template_child (widget_class, BvMeetingEditor, delete_group);
  gtk_widget_class_bind_template_child_full (widget_class, "cancel_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "delete_button", FALSE, 0);

  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, venue_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, duration_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, room_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, recording_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
bv_meeting_editor_init (BvMeetingEditor *self)
{
  AdwEntryRow *entries[] = { NULL, NULL };

  /* Nothing reaches the draft before constructed () has made it. */
  self->filling = TRUE;
  self->invitation_period = BV_INVITATION_PERIOD_DEFAULT_DAYS;
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The dates and times show their tidy form once the user moves on. */
  entries[0] = self->date_row;
  entries[1] = self->time_row;
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

  g_signal_connect_object (self->repeat_group, "changed", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->slides_group, "changed", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->agenda_group, "changed", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);

  bv_ui_name_from_row (GTK_WIDGET (self->duration_spin), self->duration_row);
  bv_ui_name_from_row (GTK_WIDGET (self->max_spin), self->max_row);
  bv_ui_name_from_row (GTK_WIDGET (self->mute_switch), self->mute_row);
  bv_ui_name_from_row (GTK_WIDGET (self->webcams_switch), self->webcams_row);
  for (guint i = 0; i < G_N_ELEMENTS (self->lock_switches); i++)
    bv_ui_name_from_row (GTK_WIDGET (self->lock_switches[i]),
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

  bv_slides_section_add_files (self->slides_group, files);
}

gboolean
_bv_meeting_editor_is_busy (BvMeetingEditor *self)
{
  g_return_val_if_fail (BV_IS_MEETING_EDITOR (self), FALSE);

  return bv_slides_section_is_busy (self->slides_group);
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

void
bv_meeting_editor_set_invitation_period (BvMeetingEditor *self,
                                         guint            days)
{
  g_return_if_fail (BV_IS_MEETING_EDITOR (self));

  self->invitation_period = days;
  if (self->draft)
    validate (self);
}
