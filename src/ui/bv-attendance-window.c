/* bv-attendance-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include "bv-attendance-window-private.h"

#include <glib/gi18n.h>

#include "bv-attendance-summary.h"
#include "bv-minutes.h"
#include "bv-quorum.h"
#include "bv-result-dialog.h"
#include "bv-ui-print.h"
#include "bv-ui-utils.h"

struct _BvAttendanceWindow
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  AdwPreferencesPage  *page;
  GtkLabel            *quorum_label;
  GtkLabel            *summary_label;
  GtkLabel            *uninvited_label;
  GtkLabel            *gaps_label;
  GtkLabel            *practice_label;
  AdwEntryRow         *chair_row;
  AdwEntryRow         *recorder_row;
  GtkSwitch           *extraordinary_switch;

  BvContext           *context;
  GSettings           *settings;
  BvAttendanceWatch   *watch;
  BvMeeting           *meeting;
  GPtrArray           *groups;   /* AdwPreferencesGroup of the people, rebuilt */
  BvPracticeHost      *practice;  /* set on the practice server only */
  GCancellable        *cancellable;
  guint                present;   /* entitled voters in the room, last refresh */
  gboolean             filling;   /* the minutes' facts being read in */
};

G_DEFINE_FINAL_TYPE (BvAttendanceWindow, bv_attendance_window, ADW_TYPE_WINDOW)

static char *
clock_time (gint64 seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, C_("time of day in a repetition", "%H:%M"));
}

static char *
describe_person (BvAttendancePerson *person)
{
  g_autofree char *first = person->first_join ? clock_time (person->first_join) : NULL;
  g_autofree char *last = person->last_leave ? clock_time (person->last_leave) : NULL;
  g_autofree char *text = NULL;

  switch (person->state)
    {
    case BV_ATTENDANCE_STATE_PRESENT:
      /* Translators: %1$s is a time of day, %2$u minutes */
      text = g_strdup_printf (_("in the room since %1$s · %2$u min"), first, person->minutes);
      break;
    case BV_ATTENDANCE_STATE_LEFT:
      /* Translators: %1$s and %2$s are times of day, %3$u minutes */
      text = g_strdup_printf (_("%1$s to %2$s · %3$u min"), first, last, person->minutes);
      break;
    case BV_ATTENDANCE_STATE_NEVER_CAME:
    default:
      text = g_strdup (_("invited, not in the room so far"));
      break;
    }
  if (!person->invited && !person->host)
    {
      g_autofree char *marked = g_strdup_printf ("%s · %s", _("not invited"), text);

      return g_steal_pointer (&marked);
    }
  return g_steal_pointer (&text);
}

static BvParticipant *
find_participant (BvAttendanceWindow *self,
                  const char         *participant_id)
{
  g_autoptr(GPtrArray) participants = bv_database_list_participants (bv_context_get_database (self->context),
                                                                     bv_meeting_get_id (self->meeting));

  for (guint i = 0; participants && i < participants->len; i++)
    if (g_strcmp0 (bv_participant_get_id (g_ptr_array_index (participants, i)), participant_id) == 0)
      return g_object_ref (g_ptr_array_index (participants, i));
  return NULL;
}

/* After a simulated join or leave: poll now, so the lists follow. */
static void
poll_now (BvAttendanceWindow *self)
{
  if (self->watch)
    bv_attendance_watch_record_now (self->watch, self->meeting);
}

static void
let_in_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BvAttendanceWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bv_practice_host_let_in_finish (BV_PRACTICE_HOST (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bv_ui_show_message (self->practice_label, error->message, "error");
      return;
    }
  poll_now (self);
}

static void
practice_clicked_cb (GtkButton          *button,
                     BvAttendanceWindow *self)
{
  g_autoptr(BvParticipant) participant = find_participant (self, g_object_get_data (G_OBJECT (button),
                                                                                    "bv-participant-id"));
  g_autoptr(GError) error = NULL;

  if (!participant || !self->practice)
    return;
  if (g_object_get_data (G_OBJECT (button), "bv-inside"))
    {
      if (!bv_practice_host_let_out (self->practice, self->meeting, participant, &error))
        bv_ui_show_message (self->practice_label, error->message, "error");
      else
        poll_now (self);
      return;
    }
  bv_practice_host_let_in_async (self->practice, self->meeting, participant, self->cancellable,
                                 let_in_cb, g_object_ref (self));
}

static AdwPreferencesGroup *
add_group (BvAttendanceWindow *self,
           const char         *title)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, title);
  adw_preferences_page_add (self->page, group);
  g_ptr_array_add (self->groups, group);
  return group;
}

static void
result_saved_cb (BvAttendanceWindow *self)
{
  bv_attendance_window_refresh (self);
}

static void
enter_result_clicked_cb (GtkButton          *button,
                         BvAttendanceWindow *self)
{
  GPtrArray *agenda = bv_meeting_get_agenda (self->meeting);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "bv-item-index"));
  BvResultDialog *dialog;

  if (!agenda || index >= agenda->len)
    return;
  dialog = bv_result_dialog_new (GTK_WINDOW (self), self->context, self->meeting,
                                 g_ptr_array_index (agenda, index), index + 1, self->present);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (result_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_agenda_group (BvAttendanceWindow *self)
{
  BvDatabase *database = bv_context_get_database (self->context);
  GPtrArray *agenda = bv_meeting_get_agenda (self->meeting);
  AdwPreferencesGroup *group;

  if (!agenda || agenda->len == 0)
    return;
  group = add_group (self, _("Agenda and Results"));
  for (guint i = 0; i < agenda->len; i++)
    {
      BvAgendaItem *item = g_ptr_array_index (agenda, i);
      g_autoptr(BvAgendaResult) result = bv_database_get_agenda_result (database, bv_meeting_get_id (self->meeting),
                                                                        item->id);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = result ? bv_agenda_result_describe (result) : g_strdup (_("No result recorded."));
      g_autofree char *label = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_label (result ? _("Change Result…") : _("Enter Result…"));

      /* Translators: an agenda item (Tagesordnungspunkt): its number and title. */
      title = g_strdup_printf (_("Item %u: %s"), i + 1, item->title);
      /* Translators: %u is the number of an agenda item, %s its title. */
      label = g_strdup_printf (_("Enter the result of item %u: %s"), i + 1, item->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data (G_OBJECT (button), "bv-item-index", GUINT_TO_POINTER (i));
      g_signal_connect_object (button, "clicked", G_CALLBACK (enter_result_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (group, row);
    }
}

void
bv_attendance_window_refresh (BvAttendanceWindow *self)
{
  BvDatabase *database = bv_context_get_database (self->context);
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) gaps = NULL;
  AdwPreferencesGroup *groups[3];
  guint counts[3] = { 0, 0, 0 };
  guint uninvited = 0;
  const char *titles[3];

  g_return_if_fail (BV_IS_ATTENDANCE_WINDOW (self));

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);

  people = bv_attendance_summarize (database, self->meeting, g_get_real_time () / G_USEC_PER_SEC);
  for (guint i = 0; i < people->len; i++)
    counts[((BvAttendancePerson *) g_ptr_array_index (people, i))->state]++;

  add_agenda_group (self);

  titles[BV_ATTENDANCE_STATE_PRESENT] = _("In the Room");
  titles[BV_ATTENDANCE_STATE_LEFT] = _("Left");
  titles[BV_ATTENDANCE_STATE_NEVER_CAME] = _("Never Came");
  for (guint state = 0; state < 3; state++)
    {
      /* Translators: a heading and how many people it has, "In the Room (23)" */
      g_autofree char *title = g_strdup_printf (_("%1$s (%2$u)"), titles[state], counts[state]);

      groups[state] = add_group (self, title);
    }

  for (guint i = 0; i < people->len; i++)
    {
      BvAttendancePerson *person = g_ptr_array_index (people, i);
      g_autofree char *subtitle = describe_person (person);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), person->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (!person->invited && !person->host)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_add_css_class (icon, "warning");
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("not invited"), -1);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
          uninvited++;
        }
      if (self->practice && person->invited && person->participant_id)
        {
          gboolean inside = person->state == BV_ATTENDANCE_STATE_PRESENT;
          /* Translators: training on the practice server: a simulated member joins or leaves */
          GtkWidget *button = gtk_button_new_with_label (inside ? _("Let Leave") : _("Let Join"));
          /* Translators: %s is a member's name */
          g_autofree char *label = g_strdup_printf (inside ? _("Let %s leave the practice room")
                                                           : _("Let %s join the practice room"),
                                                    person->name);

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
          g_object_set_data_full (G_OBJECT (button), "bv-participant-id", g_strdup (person->participant_id), g_free);
          g_object_set_data (G_OBJECT (button), "bv-inside", GINT_TO_POINTER (inside));
          g_signal_connect_object (button, "clicked", G_CALLBACK (practice_clicked_cb), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      adw_preferences_group_add (groups[person->state], row);
    }

  {
    g_autofree char *group_id = NULL;
    g_autofree char *line = NULL;
    BvQuorumRule rule;
    BvQuorumState state;

    bv_quorum_rule_read (self->settings, &rule, &group_id);
    bv_quorum_evaluate (database, &rule, people, &state);
    self->present = state.present;
    line = bv_quorum_describe (&state);
    /* Below the number required it turns into a warning. */
    bv_ui_show_message (self->quorum_label, line, state.met ? NULL : "warning");
  }

  {
    /* Translators: %1$u people in the room, %2$u left, %3$u never came */
    g_autofree char *summary = g_strdup_printf (_("In the room: %1$u · left: %2$u · never came: %3$u"),
                                                counts[0], counts[1], counts[2]);
    gtk_label_set_text (self->summary_label, summary);
  }

  if (uninvited > 0)
    {
      g_autofree char *warning = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u person came without an invitation. Check who it is: only members may vote.",
                                                               "%u people came without an invitation. Check who they are: only members may vote.",
                                                               uninvited),
                                                  uninvited);
      bv_ui_show_message (self->uninvited_label, warning, "warning");
    }
  else
    bv_ui_show_message (self->uninvited_label, NULL, NULL);

  gaps = bv_database_list_attendance_gaps (database, bv_meeting_get_id (self->meeting));
  if (gaps->len > 0)
    {
      BvAttendanceGap *gap = g_ptr_array_index (gaps, gaps->len - 1);
      g_autofree char *from = clock_time (gap->started_at);
      g_autofree char *to = gap->ended_at ? clock_time (gap->ended_at) : NULL;
      g_autofree char *text = NULL;

      if (to)
        /* Translators: %1$s and %2$s are times of day */
        text = g_strdup_printf (_("The server did not answer from %1$s to %2$s: who came or left in "
                                  "between is known only to the minute it answered again."), from, to);
      else
        /* Translators: %s is a time of day */
        text = g_strdup_printf (_("The server has not answered since %s. Recording goes on as soon as "
                                  "it answers; nothing recorded so far is lost."), from);
      bv_ui_show_message (self->gaps_label, text, "warning");
    }
  else
    bv_ui_show_message (self->gaps_label, NULL, NULL);
}

static void
facts_changed_cb (BvAttendanceWindow *self)
{
  BvMinutesFacts facts = { 0 };
  g_autoptr(GError) error = NULL;

  if (self->filling)
    return;
  facts.extraordinary = gtk_switch_get_active (self->extraordinary_switch);
  facts.chair = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->chair_row))));
  facts.recorder = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->recorder_row))));
  if (!bv_database_set_minutes_facts (bv_context_get_database (self->context),
                                      bv_meeting_get_id (self->meeting), &facts, &error))
    g_warning ("The minutes' chair and recorder could not be saved: %s", error->message);
  bv_minutes_facts_clear (&facts);
}

static void
fill_facts (BvAttendanceWindow *self)
{
  BvMinutesFacts facts = { 0 };

  bv_database_get_minutes_facts (bv_context_get_database (self->context), bv_meeting_get_id (self->meeting), &facts);
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->chair_row), facts.chair ? facts.chair : "");
  gtk_editable_set_text (GTK_EDITABLE (self->recorder_row), facts.recorder ? facts.recorder : "");
  gtk_switch_set_active (self->extraordinary_switch, facts.extraordinary);
  self->filling = FALSE;
  bv_minutes_facts_clear (&facts);
}

/* The minutes as they stand now, from the record. */
static BvPrintDocument *
build_minutes (BvAttendanceWindow *self)
{
  g_autofree char *group_id = NULL;
  g_autofree char *club = NULL;
  BvQuorumRule rule;

  bv_quorum_rule_read (self->settings, &rule, &group_id);
  if (self->settings)
    club = g_settings_get_string (self->settings, "club-name");
  return bv_minutes_build (bv_context_get_database (self->context), self->meeting, club, &rule,
                           self->settings ? g_settings_get_uint (self->settings, "invitation-period-days") : 14,
                           g_get_real_time () / G_USEC_PER_SEC);
}

/* @export_path: NULL for the print dialog, else the PDF GTK writes
 * without asking (the same operation; tests). */
static void
run_print (BvAttendanceWindow *self,
           const char         *export_path)
{
  g_autoptr(BvPrintDocument) minutes = build_minutes (self);

  bv_ui_print_document (GTK_WINDOW (self), minutes, export_path, _("Minutes Not Printed"));
}

static void
print_clicked_cb (BvAttendanceWindow *self)
{
  run_print (self, NULL);
}

void
_bv_attendance_window_print_to_file (BvAttendanceWindow *self,
                                     const char         *path)
{
  g_return_if_fail (BV_IS_ATTENDANCE_WINDOW (self));
  g_return_if_fail (path);

  run_print (self, path);
}

static void
pdf_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BvAttendanceWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (G_FILE (object));
      /* Translators: the first %s is a file name, the second what went wrong. */
      g_autofree char *message = g_strdup_printf (_("The minutes could not be written to “%s”: %s"),
                                                  name, error->message);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bv_ui_show_message (self->practice_label, message, "error");
    }
}

static void
pdf_chosen_cb (GtkNativeDialog    *chooser,
               int                 response,
               BvAttendanceWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(BvPrintDocument) minutes = NULL;
  g_autoptr(GBytes) pdf = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (!file)
    return;
  minutes = build_minutes (self);
  pdf = bv_print_document_to_pdf (minutes);
  /* Personal data: only the user may read the file. */
  g_file_replace_contents_bytes_async (file, pdf, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, pdf_written_cb, g_object_ref (self));
}

static void
pdf_clicked_cb (BvAttendanceWindow *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Save the Minutes as PDF"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  /* Translators: the file name offered for the minutes */
  g_autofree char *name = g_strdup_printf (_("Minutes %s.pdf"), bv_meeting_get_title (self->meeting));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (pdf_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
recorded_cb (BvAttendanceWatch  *watch,
             const char         *meeting_id,
             BvAttendanceWindow *self)
{
  if (g_strcmp0 (meeting_id, bv_meeting_get_id (self->meeting)) == 0)
    bv_attendance_window_refresh (self);
}

static void
bv_attendance_window_dispose (GObject *object)
{
  BvAttendanceWindow *self = BV_ATTENDANCE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->practice);
  g_clear_object (&self->watch);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_object (&self->meeting);

  G_OBJECT_CLASS (bv_attendance_window_parent_class)->dispose (object);
}

static void
bv_attendance_window_finalize (GObject *object)
{
  BvAttendanceWindow *self = BV_ATTENDANCE_WINDOW (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (bv_attendance_window_parent_class)->finalize (object);
}

static void
bv_attendance_window_class_init (BvAttendanceWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bv_attendance_window_dispose;
  object_class->finalize = bv_attendance_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bv-attendance-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BvAttendanceWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BvAttendanceWindow, page);
  gtk_widget_class_bind_template_child (widget_class, BvAttendanceWindow, quorum_label);
  gtk_widget_class_bind_template_child (widget_class, BvAttendanceWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BvAttendanceWindow, uninvited_label);
  gtk_widget_class_bind_template_child (widget_class, BvAttendanceWindow, gaps_label);
  gtk_widget_class_bind_template_child (widget_class, BvAttendanceWindow, practice_label);
  gtk_widget_class_bind_template_child (widget_class, BvAttendanceWindow, chair_row);
  gtk_widget_class_bind_template_child (widget_class, BvAttendanceWindow, recorder_row);
  gtk_widget_class_bind_template_child (widget_class, BvAttendanceWindow, extraordinary_switch);
  gtk_widget_class_bind_template_callback (widget_class, facts_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, pdf_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bv_attendance_window_init (BvAttendanceWindow *self)
{
  self->groups = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

BvAttendanceWindow *
bv_attendance_window_new (GtkWindow         *parent,
                          BvContext         *context,
                          GSettings         *settings,
                          BvAttendanceWatch *watch,
                          BvMeeting         *meeting)
{
  BvAttendanceWindow *self;

  g_return_val_if_fail (BV_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (!watch || BV_IS_ATTENDANCE_WATCH (watch), NULL);
  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  self = g_object_new (BV_TYPE_ATTENDANCE_WINDOW, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  self->meeting = g_object_ref (meeting);
  if (settings)
    {
      self->settings = g_object_ref (settings);
      g_signal_connect_object (settings, "changed", G_CALLBACK (bv_attendance_window_refresh),
                               self, G_CONNECT_SWAPPED);
    }
  adw_window_title_set_subtitle (self->window_title, bv_meeting_get_title (meeting));
  if (watch)
    {
      self->watch = g_object_ref (watch);
      g_signal_connect_object (watch, "recorded", G_CALLBACK (recorded_cb), self, 0);
    }
  fill_facts (self);
  bv_attendance_window_refresh (self);
  return self;
}

void
bv_attendance_window_set_practice_host (BvAttendanceWindow *self,
                                        BvPracticeHost     *host)
{
  g_return_if_fail (BV_IS_ATTENDANCE_WINDOW (self));
  g_return_if_fail (!host || BV_IS_PRACTICE_HOST (host));

  if (!host || !bv_practice_host_is_practice_meeting (host, self->meeting))
    return;
  g_set_object (&self->practice, host);
  bv_ui_show_message (self->practice_label,
                      _("Training on the practice server: let invited members join and leave to show "
                        "attendance and quorum without real people. Open the room with Join first."),
                      NULL);
  poll_now (self);
  bv_attendance_window_refresh (self);
}
