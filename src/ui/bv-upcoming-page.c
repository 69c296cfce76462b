/* bv-upcoming-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-cancel-offer.h"
#include "bv-invitation-deadline.h"
#include "bv-live-monitor.h"
#include "bv-names-dialog.h"
#include "bv-planned-dates.h"
#include "bv-repetition-text.h"
#include "bv-server-client.h"
#include "bv-ui-utils.h"
#include "bv-upcoming-page.h"

/* product.md: live state every 30 s while visible; the list itself moves
 * on (today → ended, this week → today) once a minute. */
#define LIVE_INTERVAL_SECONDS  30
#define CLOCK_INTERVAL_SECONDS 60

typedef struct
{
  BvUpcomingPage      *page;        /* unowned */
  BvMeeting           *meeting;
  BvOccurrence        *occurrence;
  AdwActionRow        *row;
  GtkLabel            *live_label;
  GtkButton           *join_button;
  GtkStack            *join_stack;
} UpcomingRow;

struct _BvUpcomingPage
{
  AdwBin           parent_instance;

  GtkStack        *stack;
  GtkRevealer     *offline_revealer;
  GtkLabel        *offline_label;
  GtkBox          *groups_box;

  BvContext *manager;
  GSettings       *settings;
  GListModel      *meetings;
  gulong           meetings_changed_id;

  GPtrArray       *rows;            /* of UpcomingRow */
  GPtrArray       *groups;          /* of GtkWidget, in groups_box */

  guint            clock_id;
  guint            live_id;
  /* When the list was last built while the page was not hidden since
   * (monotonic time), else 0. */
  gint64           built_at;
  gboolean         painted;      /* the window has drawn this page once */
  GCancellable    *live_cancellable; /* while a round runs */
  BvJoinTracker   *joins;           /* the application runs them */
  GHashTable      *asked;           /* ids of the meetings this page asked to join */
  GHashTable      *live;            /* BBB meetingID → BvBbbMeeting (last answer) */
  BvLiveMonitor   *monitor;
  GString         *live_problems;
};

G_DEFINE_FINAL_TYPE (BvUpcomingPage, bv_upcoming_page, ADW_TYPE_BIN)

enum {
  SIGNAL_SHOW_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
row_free (UpcomingRow *row)
{
  g_clear_object (&row->meeting);
  g_clear_pointer (&row->occurrence, bv_occurrence_free);
  g_free (row);
}

static BvDatabase *
get_database (BvUpcomingPage *self)
{
  return self->manager ? bv_context_get_database (self->manager) : NULL;
}

static char *
format_time (GDateTime *time)
{
  return g_date_time_format (time, "%H:%M");
}

static gboolean
is_local_zone (const char *tzid)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  return g_strcmp0 (g_time_zone_get_identifier (local), tzid) == 0;
}

static char *
describe_date (BvOccurrence *occurrence,
               gboolean      with_day)
{
  /* In the user's zone: occurrences come in the meeting's zone, and a
   * series in UTC or in New York time must show when it takes place here
   * (RFC 5545 recurs it in its own zone; calendar programs then convert). */
  g_autoptr(GDateTime) start = g_date_time_to_local (occurrence->start);
  g_autoptr(GDateTime) end = g_date_time_to_local (occurrence->end);
  g_autofree char *from = format_time (start);
  g_autofree char *to = format_time (end);
  g_autofree char *day = NULL;

  if (!with_day)
    /* Translators: a meeting's time today, e.g. "19:30–21:00". */
    return g_strdup_printf (_("%s–%s"), from, to);

  /* Translators: a date as strftime () format, e.g. "Tue, 1 December";
   * German: "%a, %-d. %B". */
  day = g_date_time_format (start, _("%a, %-d %B"));
  /* Translators: date and time of a meeting, e.g. "Tue, 1 December · 19:30–21:00". */
  return g_strdup_printf (_("%s · %s–%s"), day, from, to);
}

static char *
describe_live (BvBbbMeeting *room)
{
  gint64 start_ms = bv_bbb_meeting_get_start_time (room);
  guint count = bv_bbb_meeting_get_participant_count (room);
  g_autofree char *people = NULL;

  /* Translators: the number of people in a running meeting. */
  people = g_strdup_printf (ngettext ("%u participant", "%u participants", count), count);

  if (start_ms > 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (start_ms / 1000);
      g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
      g_autofree char *since = local ? format_time (local) : NULL;

      if (since)
        /* Translators: "Running since 19:02 · 7 participants". */
        return g_strdup_printf (_("Running since %s · %s"), since, people);
    }

  /* Translators: "Running · 7 participants". */
  return g_strdup_printf (_("Running · %s"), people);
}

static void
update_row_live (BvUpcomingPage *self,
                 UpcomingRow    *row)
{
  BvBbbMeeting *room = self->live ? g_hash_table_lookup (self->live, bv_meeting_get_bbb_meeting_id (row->meeting)) : NULL;
  g_autofree char *text = NULL;

  if (!room)
    {
      gtk_widget_set_visible (GTK_WIDGET (row->live_label), FALSE);
      return;
    }

  text = describe_live (room);
  gtk_label_set_text (row->live_label, text);
  gtk_widget_set_visible (GTK_WIDGET (row->live_label), TRUE);
}

/* join
 *
 * The application runs the join (app.join-meeting) and the context's
 * tracker says which meetings are being joined. A join outlives the rows:
 * the list is rebuilt every minute and whenever the store changes, so rows
 * only show the tracker's state. */

static void
show_join_state (BvUpcomingPage *self,
                 UpcomingRow    *row)
{
  gboolean joining = self->joins && bv_join_tracker_is_joining (self->joins, bv_meeting_get_id (row->meeting));

  gtk_stack_set_visible_child_name (row->join_stack, joining ? "spinner" : "label");
  gtk_widget_set_sensitive (GTK_WIDGET (row->join_button), !joining);
}

static void
show_join_states (BvUpcomingPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    show_join_state (self, g_ptr_array_index (self->rows, i));
}

static void
join_started_cb (BvJoinTracker  *tracker,
                 const char     *key,
                 BvUpcomingPage *self)
{
  show_join_states (self);
}

/* Says how a join this page asked for ended; the others are the
 * application's to tell. */
static gboolean
join_ended_cb (BvJoinTracker  *tracker,
               const char     *key,
               const GError   *error,
               BvUpcomingPage *self)
{
  AdwMessageDialog *dialog;
  GtkRoot *root;

  show_join_states (self);
  if (!g_hash_table_remove (self->asked, key))
    return FALSE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return TRUE;

  if (error)
    {
      root = gtk_widget_get_root (GTK_WIDGET (self));
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                           _("Could Not Join"), error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  /* The room is open now; show it as running. */
  bv_upcoming_page_refresh_live (self);
  return TRUE;
}

static void
join_meeting (BvUpcomingPage *self,
              BvMeeting      *meeting)
{
  const char *meeting_id = bv_meeting_get_id (meeting);

  if (!self->joins || bv_join_tracker_is_joining (self->joins, meeting_id))
    return;

  g_hash_table_add (self->asked, g_strdup (meeting_id));
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "app.join-meeting", "s", meeting_id))
    {
      g_warning ("The page is not in the application’s window; nobody joins");
      g_hash_table_remove (self->asked, meeting_id);
    }
}

typedef struct
{
  GWeakRef   page;
  BvMeeting *meeting;
} NamedJoin;

static void
named_join_free (gpointer data)
{
  NamedJoin *join = data;

  g_weak_ref_clear (&join->page);
  g_object_unref (join->meeting);
  g_free (join);
}

static void
name_asked_cb (gpointer data)
{
  NamedJoin *join = data;
  g_autoptr(BvUpcomingPage) self = g_weak_ref_get (&join->page);

  if (self)
    join_meeting (self, join->meeting);
}

static void
join_clicked_cb (GtkButton   *button,
                 UpcomingRow *row)
{
  BvUpcomingPage *self = row->page;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  NamedJoin *join;

  /* Without a name of her own, she would join as her computer account
   * ("root"): ask first, once per session. */
  if (!self->settings || !bv_names_missing (self->settings, BV_NAMES_USER))
    {
      join_meeting (self, row->meeting);
      return;
    }

  join = g_new0 (NamedJoin, 1);
  g_weak_ref_init (&join->page, self);
  join->meeting = g_object_ref (row->meeting);
  bv_names_dialog_ask (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->settings, BV_NAMES_USER,
                       name_asked_cb, join, named_join_free);
}

/* building the list */

/* An assembly whose invitations are not sent while the day they must go
 * out comes near: what to say, or NULL. */
static char *
invitation_warning (BvUpcomingPage      *self,
                    BvPlannedOccurrence *planned)
{
  BvDatabase *database = get_database (self);
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint period = BV_INVITATION_PERIOD_DEFAULT_DAYS;
  GDate meeting_day, deadline, today;

  if (!database || bv_meeting_get_kind (planned->meeting) != BV_MEETING_KIND_ASSEMBLY)
    return NULL;
  if (bv_invitation_deadline_invitations_sent (database, planned->meeting))
    return NULL;

  if (self->settings)
    {
      g_autoptr(GSettingsSchema) schema = NULL;

      g_object_get (self->settings, "settings-schema", &schema, NULL);
      if (schema && g_settings_schema_has_key (schema, "invitation-period-days"))
        period = g_settings_get_uint (self->settings, "invitation-period-days");
    }

  /* The statutes count days where the meeting is. */
  tz = g_time_zone_new_identifier (bv_meeting_get_tzid (planned->meeting));
  if (!tz)
    tz = g_time_zone_new_local ();
  start = g_date_time_to_timezone (planned->occurrence->start, tz);
  g_date_clear (&meeting_day, 1);
  g_date_set_dmy (&meeting_day, g_date_time_get_day_of_month (start), g_date_time_get_month (start),
                  g_date_time_get_year (start));
  bv_invitation_deadline_for_day (&meeting_day, period, &deadline);

  now = g_date_time_new_now (tz);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  return bv_invitation_deadline_warning (&deadline, &today);
}

/* The menu's popover is made when first opened: made for every row of a
 * series it cost the first frame about a millisecond. */
static void
create_more_popup (GtkMenuButton *button,
                   gpointer       menu)
{
  if (!gtk_menu_button_get_menu_model (button))
    gtk_menu_button_set_menu_model (button, menu);
}

static GtkWidget *
new_row (BvUpcomingPage      *self,
         BvPlannedOccurrence *planned,
         gboolean             with_day,
         gboolean             with_server)
{
  UpcomingRow *row = g_new0 (UpcomingRow, 1);
  g_autofree char *title = g_markup_escape_text (bv_meeting_get_title (planned->meeting), -1);
  g_autofree char *when = describe_date (planned->occurrence, with_day);
  g_autofree char *rule = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *edit_target = NULL;
  g_autofree char *warning = NULL;
  GtkWidget *box, *label, *spinner, *invite, *edit;

  row->page = self;
  row->meeting = g_object_ref (planned->meeting);
  row->occurrence = bv_occurrence_copy (planned->occurrence);

  g_string_append (subtitle, when);
  rule = bv_repetition_text_describe_in_zone (bv_meeting_get_rrule (planned->meeting),
                                                bv_meeting_get_start_local (planned->meeting),
                                                bv_meeting_get_tzid (planned->meeting));
  if (rule && !is_local_zone (bv_meeting_get_tzid (planned->meeting)))
    {
      g_autofree char *zoned = NULL;

      /* The dates are in the user's zone, the rule's time of day is the
       * series' own: say which. Translators: a repetition and the time zone
       * of its time of day, "every Tuesday, 12:00 (time in America/New_York)" */
      zoned = g_strdup_printf (_("%1$s (time in %2$s)"), rule, bv_meeting_get_tzid (planned->meeting));
      g_free (rule);
      rule = g_steal_pointer (&zoned);
    }
  if (rule)
    g_string_append_printf (subtitle, " · %s", rule);
  if (planned->occurrence->moved)
    g_string_append_printf (subtitle, " · %s", _("moved"));
  if (with_server)
    {
      g_autoptr(BvServer) server = NULL;

      if (bv_meeting_get_server_id (planned->meeting))
        server = bv_context_find_server (self->manager, bv_meeting_get_server_id (planned->meeting));
      g_string_append_printf (subtitle, " · %s", server ? bv_server_get_name (server) : _("no server"));
    }

  warning = invitation_warning (self, planned);
  if (warning)
    g_string_append_printf (subtitle, "\n%s", warning);

  row->row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
  if (warning)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, warning);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, warning, -1);
      adw_action_row_add_prefix (row->row, icon);
    }
  {
    g_autofree char *escaped = g_markup_escape_text (subtitle->str, -1);
    adw_action_row_set_subtitle (row->row, escaped);
  }

  row->live_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (row->live_label), "live-badge");
  gtk_widget_set_valign (GTK_WIDGET (row->live_label), GTK_ALIGN_CENTER);
  /* One line: AdwActionRow gives a wrapping suffix only its minimum width,
   * which broke "Läuft seit 19:02 · 7 Teilnehmende" into a tall column
   * even with room to spare. */
  gtk_label_set_wrap (row->live_label, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (row->live_label), FALSE);
  adw_action_row_add_suffix (row->row, GTK_WIDGET (row->live_label));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  row->join_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_hhomogeneous (row->join_stack, TRUE);
  label = gtk_label_new_with_mnemonic (_("_Join"));
  gtk_stack_add_named (row->join_stack, label, "label");
  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_stack_add_named (row->join_stack, spinner, "spinner");
  row->join_button = GTK_BUTTON (gtk_button_new ());
  gtk_button_set_child (row->join_button, GTK_WIDGET (row->join_stack));
  gtk_widget_add_css_class (GTK_WIDGET (row->join_button), "suggested-action");
  {
    g_autofree char *tooltip = g_strdup_printf (_("Open “%s” in the web browser as moderator"),
                                                bv_meeting_get_title (planned->meeting));
    bv_ui_set_tooltip (GTK_WIDGET (row->join_button), tooltip);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->join_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Join"),
                                  -1);
  g_signal_connect (row->join_button, "clicked", G_CALLBACK (join_clicked_cb), row);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->join_button));

  /* A single date of a series can be called off here; a one-off meeting
   * is deleted in the editor. */
  if (bv_meeting_get_rrule (planned->meeting))
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenuItem) item = NULL;
      GtkWidget *more;

      item = g_menu_item_new (_("_Cancel This Date"), NULL);
      g_menu_item_set_action_and_target_value (item, "upcoming.cancel-date",
                                               g_variant_new ("(ss)",
                                                              bv_meeting_get_id (planned->meeting),
                                                              planned->occurrence->recurrence_id));
      g_menu_append_item (menu, item);

      more = gtk_menu_button_new ();
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
      gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (more), create_more_popup,
                                             g_object_ref (menu), g_object_unref);
      gtk_widget_add_css_class (more, "flat");
      bv_ui_set_tooltip (more, _("More Actions"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (more),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("More Actions"),
                                      -1);
      gtk_box_append (GTK_BOX (box), more);
    }

  /* In words: the way to the invitations must not hide behind an icon. */
  invite = gtk_button_new_with_label (_("Invite"));
  gtk_widget_add_css_class (invite, "flat");
  {
    /* Translators: %s is the title of a meeting. */
    g_autofree char *tooltip = g_strdup_printf (_("Invite people to “%s” with personal links"),
                                                bv_meeting_get_title (planned->meeting));
    bv_ui_set_tooltip (invite, tooltip);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (invite),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Invite"),
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (invite), "win.invite-meeting");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (invite), "s", bv_meeting_get_id (planned->meeting));
  gtk_box_append (GTK_BOX (box), invite);

  /* An assembly's attendance is recorded while its room runs. */
  if (bv_meeting_get_kind (planned->meeting) == BV_MEETING_KIND_ASSEMBLY)
    {
      GtkWidget *attendance = gtk_button_new_from_icon_name ("view-list-symbolic");
      /* Translators: %s is the title of a meeting. */
      g_autofree char *tooltip = g_strdup_printf (_("Who is in the room of “%s”, who left, who never came"),
                                                  bv_meeting_get_title (planned->meeting));

      gtk_widget_add_css_class (attendance, "flat");
      bv_ui_set_tooltip (attendance, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (attendance),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Attendance"),
                                      -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (attendance), "win.attendance-meeting");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (attendance), "s", bv_meeting_get_id (planned->meeting));
      gtk_box_append (GTK_BOX (box), attendance);
    }

  /* In words too: a pencil alone had to be hovered over (issue 19). */
  edit = gtk_button_new_with_label (_("Edit"));
  gtk_widget_add_css_class (edit, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "win.edit-meeting");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "s", bv_meeting_get_id (planned->meeting));
  gtk_box_append (GTK_BOX (box), edit);

  adw_action_row_add_suffix (row->row, box);

  g_ptr_array_add (self->rows, row);
  update_row_live (self, row);
  show_join_state (self, row);

  return GTK_WIDGET (row->row);
}

static void
add_group (BvUpcomingPage *self,
           const char     *title,
           GPtrArray      *planned,
           gboolean        with_day,
           gboolean        with_server)
{
  GtkWidget *group;

  if (planned->len == 0)
    return;

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  for (guint i = 0; i < planned->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               new_row (self, g_ptr_array_index (planned, i), with_day, with_server));

  gtk_box_append (self->groups_box, group);
  g_ptr_array_add (self->groups, group);
}

static void
rebuild (BvUpcomingPage *self)
{
  BvDatabase *database = get_database (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autoptr(GDateTime) week_end = NULL;
  g_autoptr(GPtrArray) this_week = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(GPtrArray) today_list = g_ptr_array_new ();
  g_autoptr(GPtrArray) week_list = g_ptr_array_new ();
  gboolean with_server;

  for (guint i = 0; i < self->groups->len; i++)
    gtk_box_remove (self->groups_box, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  g_ptr_array_set_size (self->rows, 0);

  if (!database)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now), 0, 0, 0);
  tomorrow = g_date_time_add_days (today, 1);
  /* The week ends on Sunday night (ISO weeks, as German calendars). */
  week_end = g_date_time_add_days (today, 8 - g_date_time_get_day_of_week (today));

  /* From now: what has ended today is no longer upcoming. */
  this_week = bv_planned_dates_list (database, now, week_end);
  for (guint i = 0; i < this_week->len; i++)
    {
      BvPlannedOccurrence *planned = g_ptr_array_index (this_week, i);

      if (g_date_time_compare (planned->occurrence->start, tomorrow) < 0)
        g_ptr_array_add (today_list, planned);
      else
        g_ptr_array_add (week_list, planned);
    }
  /* Later: one line for each meeting not already shown this week. */
  later = bv_planned_dates_list_first (database, week_end, NULL);
  for (guint i = later->len; i > 0; i--)
    {
      BvPlannedOccurrence *planned = g_ptr_array_index (later, i - 1);

      for (guint j = 0; j < this_week->len; j++)
        {
          BvPlannedOccurrence *shown = g_ptr_array_index (this_week, j);

          if (shown->meeting == planned->meeting)
            {
              g_ptr_array_remove_index (later, i - 1);
              break;
            }
        }
    }

  with_server = g_list_model_get_n_items (bv_context_get_servers (self->manager)) > 1;
  add_group (self, _("Today"), today_list, FALSE, with_server);
  add_group (self, _("This Week"), week_list, TRUE, with_server);
  add_group (self, _("Later"), later, TRUE, with_server);

  gtk_stack_set_visible_child_name (self->stack, self->rows->len > 0 ? "list" : "empty");
  self->built_at = g_get_monotonic_time ();
  if (self->rows->len == 0)
    gtk_revealer_set_reveal_child (self->offline_revealer, FALSE);
  bv_ui_fix_accessible_names (GTK_WIDGET (self->groups_box));
}

/* live state */

static void
note_problem (BvUpcomingPage *self,
              const char     *server_id,
              const GError   *error);

static void
live_fetched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  BvUpcomingPage *self = user_data;
  g_autoptr(GHashTable) running = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  running = bv_live_monitor_fetch_rooms_finish (BV_LIVE_MONITOR (object), result, &problems, &error);
  if (!running)
    return;   /* only when cancelled: the page may be gone */

  g_clear_object (&self->live_cancellable);
  g_string_truncate (self->live_problems, 0);
  for (guint i = 0; i < problems->len; i++)
    {
      BvLiveServerProblem *problem = g_ptr_array_index (problems, i);

      note_problem (self, problem->server_id, problem->error);
    }

  g_clear_pointer (&self->live, g_hash_table_unref);
  self->live = g_steal_pointer (&running);

  for (guint i = 0; i < self->rows->len; i++)
    update_row_live (self, g_ptr_array_index (self->rows, i));

  if (self->live_problems->len > 0)
    gtk_label_set_text (self->offline_label, self->live_problems->str);
  gtk_revealer_set_reveal_child (self->offline_revealer, self->live_problems->len > 0);
}

static void
note_problem (BvUpcomingPage *self,
              const char     *server_id,
              const GError   *error)
{
  g_autoptr(BvServer) server = bv_context_find_server (self->manager, server_id);
  const char *name = server ? bv_server_get_name (server) : "";
  g_autofree char *text = NULL;

  if (bv_server_client_is_unreachable (error))
    /* Translators: %s is the name of a conference server. */
    text = g_strdup_printf (_("No connection to “%s”. Check the internet connection; your planned "
                              "meetings are shown anyway, but not whether they are running."), name);
  else
    /* Translators: %1$s is the name of a conference server, %2$s what went wrong. */
    text = g_strdup_printf (_("“%1$s” could not say which meetings are running: %2$s"), name, error->message);

  if (self->live_problems->len > 0)
    g_string_append_c (self->live_problems, '\n');
  g_string_append (self->live_problems, text);
}

static void
start_live_round (BvUpcomingPage *self)
{
  g_autoptr(GPtrArray) meetings = NULL;

  if (!self->monitor || !bv_ui_widget_is_on_screen (GTK_WIDGET (self)) || self->rows->len == 0)
    return;

  /* A round still running answers for now. */
  if (self->live_cancellable)
    return;

  meetings = g_ptr_array_new ();
  for (guint i = 0; i < self->rows->len; i++)
    {
      UpcomingRow *row = g_ptr_array_index (self->rows, i);

      if (bv_meeting_get_server_id (row->meeting))
        g_ptr_array_add (meetings, row->meeting);
    }
  if (meetings->len == 0)
    return;

  self->live_cancellable = g_cancellable_new ();
  bv_live_monitor_fetch_rooms_async (self->monitor, meetings, self->live_cancellable,
                                     live_fetched_cb, self);
}

static gboolean
live_tick_cb (gpointer data)
{
  start_live_round (BV_UPCOMING_PAGE (data));
  return G_SOURCE_CONTINUE;
}

static gboolean
clock_tick_cb (gpointer data)
{
  BvUpcomingPage *self = BV_UPCOMING_PAGE (data);

  rebuild (self);
  return G_SOURCE_CONTINUE;
}

static void
stop_live (BvUpcomingPage *self)
{
  g_cancellable_cancel (self->live_cancellable);
  g_clear_object (&self->live_cancellable);
}

static void
meetings_changed_cb (GListModel     *model,
                     guint           position,
                     guint           removed,
                     guint           added,
                     BvUpcomingPage *self)
{
  rebuild (self);
  bv_upcoming_page_refresh_live (self);
}

static void
undo_cancel_cb (AdwToast       *toast,
                BvUpcomingPage *self)
{
  const char *meeting_id = g_object_get_data (G_OBJECT (toast), "meeting-id");
  const char *recurrence_id = g_object_get_data (G_OBJECT (toast), "recurrence-id");
  BvDatabase *database = get_database (self);
  g_autoptr(GError) error = NULL;

  if (!database)
    return;

  if (!bv_database_clear_exception (database, meeting_id, recurrence_id, &error))
    bv_ui_show_notice (GTK_WIDGET (self), _("The Date Was Not Restored"), error->message);
  rebuild (self);
}

static void
cancellation_sent_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(BvUpcomingPage) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n_sent = 0, n_failed = 0, n_skipped = 0;
  GtkRoot *root;

  if (!bv_invitation_mailer_send_finish (BV_INVITATION_MAILER (object), result,
                                         &n_sent, &n_failed, &n_skipped, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!self->manager)
    return;   /* disposed */

  if (error || n_failed > 0)
    {
      root = gtk_widget_get_root (GTK_WIDGET (self));
      bv_ui_show_error (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Cancellation Not Sent to Everyone"),
                        error ? error->message
                              : _("The mail server refused some of the addresses. Tell those people in "
                                  "another way."));
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SHOW_TOAST], 0,
                 bv_ui_toast_new_format (ngettext ("Cancellation sent to %u person",
                                                   "Cancellation sent to %u people", n_sent), n_sent));
}

static void
call_off (BvUpcomingPage     *self,
          BvMeeting          *meeting,
          const char         *recurrence_id,
          BvInvitationMailer *mailer)
{
  BvDatabase *database = get_database (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) original = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *day = NULL;
  const char *meeting_id = bv_meeting_get_id (meeting);
  AdwToast *toast;

  if (!database)
    return;

  if (!bv_database_set_exception (database, meeting_id, recurrence_id, TRUE, NULL, 0, &error))
    {
      bv_ui_show_notice (GTK_WIDGET (self), _("The Date Was Not Called Off"), error->message);
      return;
    }
  rebuild (self);

  /* Told only once the date is off in the store: the message says so. */
  if (mailer)
    bv_invitation_mailer_send_cancel_async (mailer, recurrence_id, NULL, cancellation_sent_cb,
                                            g_object_ref (self));

  zone = g_time_zone_new_identifier (bv_meeting_get_tzid (meeting));
  original = zone ? g_date_time_new_from_iso8601 (recurrence_id, zone) : NULL;
  day = original ? g_date_time_format (original, _("%a, %-d %B")) : g_strdup (recurrence_id);
  /* Translators: "“Yoga” on Tue, 1 December called off". */
  toast = bv_ui_toast_new_format (_("“%s” on %s called off"), bv_meeting_get_title (meeting), day);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, 10);
  g_object_set_data_full (G_OBJECT (toast), "meeting-id", g_strdup (meeting_id), g_free);
  g_object_set_data_full (G_OBJECT (toast), "recurrence-id", g_strdup (recurrence_id), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_cancel_cb), self, 0);
  g_signal_emit (self, signals[SIGNAL_SHOW_TOAST], 0, toast);
}

static void
call_off_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      BvUpcomingPage   *self)
{
  BvMeeting *meeting = g_object_get_data (G_OBJECT (dialog), "meeting");
  BvInvitationMailer *mailer = g_object_get_data (G_OBJECT (dialog), "mailer");
  const char *recurrence_id = g_object_get_data (G_OBJECT (dialog), "recurrence-id");

  if (g_str_equal (response, "only"))
    call_off (self, meeting, recurrence_id, NULL);
  else if (g_str_equal (response, "send"))
    call_off (self, meeting, recurrence_id, mailer);
}

static void
cancel_date_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BvUpcomingPage *self = BV_UPCOMING_PAGE (widget);
  BvDatabase *database = get_database (self);
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(BvInvitationMailer) mailer = NULL;
  const char *meeting_id, *recurrence_id;
  AdwMessageDialog *dialog;
  GtkRoot *root;
  guint n;

  g_variant_get (parameter, "(&s&s)", &meeting_id, &recurrence_id);
  if (!database || !(meeting = bv_database_find_meeting (database, meeting_id)))
    return;

  /* Those who were sent the invitation by e-mail have the date in their
   * calendar: offer to take it out again. */
  mailer = bv_cancel_offer_mailer_new (self->manager, self->settings, meeting, &n);
  if (!mailer)
    {
      call_off (self, meeting, recurrence_id, NULL);
      return;
    }

  root = gtk_widget_get_root (widget);
  dialog = bv_cancel_offer_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, meeting, recurrence_id, n);
  g_object_set_data_full (G_OBJECT (dialog), "meeting", g_object_ref (meeting), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "mailer", g_steal_pointer (&mailer), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "recurrence-id", g_strdup (recurrence_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (call_off_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  bv_upcoming_page_refresh_live (BV_UPCOMING_PAGE (widget));
}

static void
first_paint_cb (GdkFrameClock  *clock,
                BvUpcomingPage *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, self);
  self->painted = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_live_round (self);
}

static void
bv_upcoming_page_map (GtkWidget *widget)
{
  BvUpcomingPage *self = BV_UPCOMING_PAGE (widget);

  GTK_WIDGET_CLASS (bv_upcoming_page_parent_class)->map (widget);

  /* Shown again after a while: dates may have ended meanwhile. Not when
   * the list was just built (the window's first frame waited for a second
   * build of every row). */
  if (self->built_at == 0 || g_get_monotonic_time () - self->built_at > 30 * G_USEC_PER_SEC)
    rebuild (self);
  if (!self->live_id)
    self->live_id = g_timeout_add_seconds (LIVE_INTERVAL_SECONDS, live_tick_cb, self);
  if (!self->clock_id)
    self->clock_id = g_timeout_add_seconds (CLOCK_INTERVAL_SECONDS, clock_tick_cb, self);
  /* At start-up the keyring and the server's answer would compete with the
   * window's first frame (measured: a tenth of the day-to-day start); the
   * list is there at once, whether a date is running follows right after. */
  if (!self->painted && gtk_widget_get_frame_clock (widget))
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (first_paint_cb), self, 0);
  else
    start_live_round (self);
}

static void
bv_upcoming_page_unmap (GtkWidget *widget)
{
  BvUpcomingPage *self = BV_UPCOMING_PAGE (widget);

  g_clear_handle_id (&self->live_id, g_source_remove);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  stop_live (self);
  self->built_at = 0;

  GTK_WIDGET_CLASS (bv_upcoming_page_parent_class)->unmap (widget);
}

static void
bv_upcoming_page_dispose (GObject *object)
{
  BvUpcomingPage *self = BV_UPCOMING_PAGE (object);

  g_clear_handle_id (&self->live_id, g_source_remove);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  stop_live (self);
  g_clear_signal_handler (&self->meetings_changed_id, self->meetings);
  g_clear_object (&self->meetings);
  /* A join may end after dispose and before finalize: the rows are gone. */
  if (self->joins)
    g_signal_handlers_disconnect_by_data (self->joins, self);
  g_clear_object (&self->joins);
  g_clear_pointer (&self->asked, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->live, g_hash_table_unref);
  g_clear_object (&self->monitor);
  g_clear_object (&self->manager);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bv_upcoming_page_parent_class)->dispose (object);
}

static void
bv_upcoming_page_finalize (GObject *object)
{
  BvUpcomingPage *self = BV_UPCOMING_PAGE (object);

  g_string_free (self->live_problems, TRUE);

  G_OBJECT_CLASS (bv_upcoming_page_parent_class)->finalize (object);
}

static void
bv_upcoming_page_class_init (BvUpcomingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bv_upcoming_page_dispose;
  object_class->finalize = bv_upcoming_page_finalize;
  widget_class->map = bv_upcoming_page_map;
  widget_class->unmap = bv_upcoming_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bv-upcoming-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BvUpcomingPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BvUpcomingPage, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, BvUpcomingPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, BvUpcomingPage, groups_box);
  gtk_widget_class_bind_template_child_full (widget_class, "upcoming_empty", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "upcoming.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "upcoming.cancel-date", "(ss)", cancel_date_action);

  /* A toast for the window to show (with its undo button, if any). */
  signals[SIGNAL_SHOW_TOAST] =
    g_signal_new ("show-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);
}

static void
bv_upcoming_page_init (BvUpcomingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  self->groups = g_ptr_array_new ();
  self->asked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->live_problems = g_string_new (NULL);
}

void
bv_upcoming_page_setup (BvUpcomingPage  *self,
                        BvContext *manager,
                        GSettings       *settings)
{
  g_return_if_fail (BV_IS_UPCOMING_PAGE (self));
  g_return_if_fail (!manager || BV_IS_CONTEXT (manager));
  g_return_if_fail (!settings || G_IS_SETTINGS (settings));

  g_set_object (&self->manager, manager);
  g_set_object (&self->settings, settings);
  g_clear_object (&self->monitor);
  if (self->joins)
    g_signal_handlers_disconnect_by_data (self->joins, self);
  g_clear_object (&self->joins);

  if (manager)
    {
      /* Anstehend asks the monitor only for rounds over the rooms on
       * screen; it watches no server, so it polls nothing by itself. */
      self->monitor = bv_live_monitor_new (manager);
      self->joins = g_object_ref (bv_context_get_join_tracker (manager));
      g_signal_connect_object (self->joins, "started", G_CALLBACK (join_started_cb), self, 0);
      g_signal_connect_object (self->joins, "ended", G_CALLBACK (join_ended_cb), self, 0);
      self->meetings = g_object_ref (bv_database_get_meetings (bv_context_get_database (manager)));
      self->meetings_changed_id = g_signal_connect (self->meetings, "items-changed",
                                                    G_CALLBACK (meetings_changed_cb), self);
    }

  rebuild (self);
}

void
bv_upcoming_page_reload (BvUpcomingPage *self)
{
  g_return_if_fail (BV_IS_UPCOMING_PAGE (self));

  rebuild (self);
  bv_upcoming_page_refresh_live (self);
}

void
bv_upcoming_page_refresh_live (BvUpcomingPage *self)
{
  g_return_if_fail (BV_IS_UPCOMING_PAGE (self));

  if (self->live_cancellable)
    stop_live (self);
  start_live_round (self);
}
