/* bv-recordings-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bv-recording-text.h"
#include "bv-recordings-page.h"
#include "bv-recordings-source.h"
#include "bv-server-client.h"
#include "bv-ui-utils.h"

typedef struct
{
  BvRecordingsPage *page;       /* unowned */
  BvBbbRecording   *recording;  /* bound item, unowned */
  GtkLabel         *title;
  GtkLabel         *details;
  GtkLabel         *state;
  GtkSpinner       *spinner;
  GtkButton        *play;
  GtkButton        *publish;
  GtkButton        *delete;
} RecordingRow;

/* A publish or delete in flight; it belongs to the source it started on,
 * which may have been replaced (other server, reload) by the time it ends. */
typedef struct
{
  BvRecordingsPage   *page;     /* unowned; the cancellable guards it */
  BvRecordingsSource *source;
  BvBbbRecording     *recording;
  gboolean            publish;
} RecordingChange;

struct _BvRecordingsPage
{
  AdwBin              parent_instance;

  AdwToastOverlay    *toast_overlay;
  GtkWidget          *toolbar;
  GtkDropDown        *server_dropdown;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *meeting_dropdown;
  GtkRevealer        *offline_revealer;
  GtkLabel           *offline_label;
  GtkRevealer        *progress_revealer;
  GtkLabel           *progress_label;
  GtkSpinner         *progress_spinner;
  GtkStack           *stack;
  AdwStatusPage      *error_page;
  GtkSpinner         *loading_spinner;
  GtkListView        *list_view;

  BvContext    *manager;
  GSettings          *settings;
  GListModel         *servers;
  gulong              servers_changed_id;
  BvServer           *server;
  gboolean            needs_load;
  gboolean            opening;
  GError             *open_error;
  GCancellable       *open_cancellable;
  GCancellable       *cancellable;      /* plays and changes; cancelled in dispose */

  BvRecordingsSource *source;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  char               *search;           /* casefolded, NULL for none */
  char               *meeting_filter;   /* BBB meetingID, NULL for all */

  GtkStringList      *meeting_names;    /* "All meetings", then one per meeting */
  GPtrArray          *meeting_ids;      /* of char*, parallel from index 1 */
  GHashTable         *meeting_index;    /* meetingID → known */

  GHashTable         *busy;             /* BvBbbRecording → RecordingChange in flight */
  GHashTable         *rows;             /* BvBbbRecording → bound RecordingRow */
};

G_DEFINE_FINAL_TYPE (BvRecordingsPage, bv_recordings_page, ADW_TYPE_BIN)

static void update_status (BvRecordingsPage *self);

static void
change_free (RecordingChange *change)
{
  g_clear_object (&change->source);
  g_clear_object (&change->recording);
  g_free (change);
}

static void
show_dialog (BvRecordingsPage *self,
             const char       *heading,
             const char       *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  bv_ui_fix_accessible_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_toast (BvRecordingsPage *self,
           char             *text)
{
  bv_ui_add_toast (self->toast_overlay, bv_ui_toast_new (text));
  g_free (text);
}

static void
set_button_names (GtkButton  *button,
                  const char *tooltip,
                  char       *name)
{
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_free (name);
}

static void
update_row (BvRecordingsPage *self,
            RecordingRow     *row)
{
  BvBbbRecording *recording = row->recording;
  const char *name;
  const char *state;
  gboolean busy, published, publishable;
  g_autofree char *details = NULL;
  g_autofree char *state_text = NULL;

  if (!recording || !self->source)
    return;

  name = bv_recording_text_name (recording);
  state = bv_recordings_source_get_state (self->source, recording);
  busy = g_hash_table_contains (self->busy, recording);
  published = bv_recordings_source_is_published (self->source, recording);
  publishable = g_strcmp0 (state, "published") == 0 || g_strcmp0 (state, "unpublished") == 0;
  details = bv_recording_text_details (recording);
  state_text = bv_recording_text_state (recording, state);

  gtk_label_set_text (row->title, name);
  gtk_label_set_text (row->details, details);
  gtk_widget_set_visible (GTK_WIDGET (row->details), *details != '\0');
  gtk_label_set_text (row->state, state_text);

  gtk_widget_set_visible (GTK_WIDGET (row->spinner), busy);
  gtk_spinner_set_spinning (row->spinner, busy);

  gtk_widget_set_sensitive (GTK_WIDGET (row->play), !busy && bv_recording_text_playback_format (recording));
  /* Translators: %s is the name of a recording. */
  set_button_names (row->play, _("Play in the web browser"), g_strdup_printf (_("Play “%s”"), name));

  gtk_button_set_label (row->publish, published ? _("Unpublish") : _("Publish"));
  gtk_widget_set_visible (GTK_WIDGET (row->publish), publishable);
  gtk_widget_set_sensitive (GTK_WIDGET (row->publish), !busy);
  if (published)
    set_button_names (row->publish, _("Participants can no longer watch it"),
                      /* Translators: %s is the name of a recording. */
                      g_strdup_printf (_("Unpublish “%s”"), name));
  else
    set_button_names (row->publish, _("Everyone with the link can watch it"),
                      /* Translators: %s is the name of a recording. */
                      g_strdup_printf (_("Publish “%s”"), name));

  gtk_widget_set_sensitive (GTK_WIDGET (row->delete), !busy);
  set_button_names (row->delete, _("Delete from the server"),
                    /* Translators: %s is the name of a recording. */
                    g_strdup_printf (_("Delete “%s”"), name));
}

static void
update_bound_row (BvRecordingsPage *self,
                  BvBbbRecording   *recording)
{
  RecordingRow *row = g_hash_table_lookup (self->rows, recording);

  if (row)
    update_row (self, row);
}

/* playing */

static void
launched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error))
    return;
  /* Only dispose cancels, and the page may be gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_warning ("Could not open a recording: %s", error->message);
  show_dialog (BV_RECORDINGS_PAGE (user_data), _("Could Not Play the Recording"),
               _("No web browser could be opened for the recording. Check that a web browser is "
                 "installed and chosen as the default one in the system settings."));
}

static void
play_clicked_cb (GtkButton    *button,
                 RecordingRow *row)
{
  BvRecordingsPage *self = row->page;
  g_autoptr(GdkAppLaunchContext) context = NULL;
  g_autoptr(GError) error = NULL;
  BvBbbRecordingFormat *format;

  if (!row->recording)
    return;
  format = bv_recording_text_playback_format (row->recording);
  if (!format)
    return;

  /* The address comes from the server, and the desktop opens any scheme. */
  if (!bv_server_url_check_link (bv_bbb_recording_format_get_url (format), &error))
    {
      show_dialog (self, _("Could Not Play the Recording"), error->message);
      return;
    }

  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  g_app_info_launch_default_for_uri_async (bv_bbb_recording_format_get_url (format),
                                           G_APP_LAUNCH_CONTEXT (context), self->cancellable,
                                           launched_cb, self);
}

/* publishing and deleting */

static RecordingChange *
begin_change (BvRecordingsPage *self,
              BvBbbRecording   *recording,
              gboolean          publish)
{
  RecordingChange *change = g_new0 (RecordingChange, 1);

  change->page = self;
  change->source = g_object_ref (self->source);
  change->recording = g_object_ref (recording);
  change->publish = publish;
  g_hash_table_insert (self->busy, g_object_ref (recording), change);
  update_bound_row (self, recording);
  return change;
}

/* FALSE when the page is gone. */
static gboolean
end_change (RecordingChange *change,
            const GError    *error)
{
  BvRecordingsPage *self = change->page;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      change_free (change);
      return FALSE;
    }

  g_hash_table_remove (self->busy, change->recording);
  /* On failure this puts the row back as it was. */
  update_bound_row (self, change->recording);
  return TRUE;
}

static void
published_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  RecordingChange *change = user_data;
  g_autoptr(GError) error = NULL;
  BvRecordingsPage *self = change->page;
  const char *name = bv_recording_text_name (change->recording);

  bv_recordings_source_publish_finish (BV_RECORDINGS_SOURCE (object), result, &error);
  if (!end_change (change, error))
    return;

  if (error)
    show_dialog (self,
                 change->publish ? _("Could Not Publish the Recording") : _("Could Not Unpublish the Recording"),
                 error->message);
  else if (change->publish)
    /* Translators: %s is the name of a recording. */
    add_toast (self, g_strdup_printf (_("“%s” is published"), name));
  else
    /* Translators: %s is the name of a recording. */
    add_toast (self, g_strdup_printf (_("“%s” is no longer published"), name));

  change_free (change);
}

static void
publish_clicked_cb (GtkButton    *button,
                    RecordingRow *row)
{
  BvRecordingsPage *self = row->page;
  gboolean publish;
  RecordingChange *change;

  if (!row->recording || !self->source || g_hash_table_contains (self->busy, row->recording))
    return;

  publish = !bv_recordings_source_is_published (self->source, row->recording);
  change = begin_change (self, row->recording, publish);
  bv_recordings_source_publish_async (self->source, row->recording, publish, self->cancellable,
                                      published_cb, change);
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  RecordingChange *change = user_data;
  g_autoptr(GError) error = NULL;
  BvRecordingsPage *self = change->page;

  bv_recordings_source_delete_finish (BV_RECORDINGS_SOURCE (object), result, &error);
  if (!end_change (change, error))
    return;

  if (error)
    show_dialog (self, _("Could Not Delete the Recording"), error->message);
  else
    /* Translators: %s is the name of a recording. */
    add_toast (self, g_strdup_printf (_("“%s” deleted"), bv_recording_text_name (change->recording)));

  change_free (change);
  update_status (self);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    BvRecordingsPage *self)
{
  BvBbbRecording *recording = g_object_get_data (G_OBJECT (dialog), "bv-recording");
  BvRecordingsSource *source = g_object_get_data (G_OBJECT (dialog), "bv-source");
  RecordingChange *change;

  /* The list may have moved on to another server meanwhile. */
  if (g_strcmp0 (response, "delete") != 0 || source != self->source ||
      g_hash_table_contains (self->busy, recording))
    return;

  change = begin_change (self, recording, FALSE);
  bv_recordings_source_delete_async (self->source, recording, self->cancellable, deleted_cb, change);
}

static void
delete_clicked_cb (GtkButton    *button,
                   RecordingRow *row)
{
  BvRecordingsPage *self = row->page;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (!row->recording || !self->source || g_hash_table_contains (self->busy, row->recording))
    return;

  /* Translators: %s is the name of a recording. */
  heading = g_strdup_printf (_("Delete “%s”?"), bv_recording_text_name (row->recording));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading,
                                                       _("The recording is deleted from the server with "
                                                         "all its formats, for everyone. This cannot be "
                                                         "undone.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "bv-recording", g_object_ref (row->recording), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "bv-source", g_object_ref (self->source), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  bv_ui_fix_accessible_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* the list rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              BvRecordingsPage         *self)
{
  RecordingRow *row = g_new0 (RecordingRow, 1);
  GtkWidget *box, *labels, *buttons;

  row->page = self;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  row->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->title, 0);
  gtk_label_set_wrap (row->title, TRUE);
  gtk_label_set_wrap_mode (row->title, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (row->title), "heading");
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (row->title));
  row->details = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->details, 0);
  gtk_label_set_wrap (row->details, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row->details), "dim-label");
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (row->details));
  row->state = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->state, 0);
  gtk_label_set_wrap (row->state, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row->state), "caption");
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (row->state));
  gtk_box_append (GTK_BOX (box), labels);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  row->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (row->spinner), FALSE);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (row->spinner));

  row->play = GTK_BUTTON (gtk_button_new_from_icon_name ("media-playback-start-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (row->play), "flat");
  g_signal_connect (row->play, "clicked", G_CALLBACK (play_clicked_cb), row);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (row->play));

  row->publish = GTK_BUTTON (gtk_button_new_with_label (_("Publish")));
  g_signal_connect (row->publish, "clicked", G_CALLBACK (publish_clicked_cb), row);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (row->publish));

  row->delete = GTK_BUTTON (gtk_button_new_from_icon_name ("user-trash-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (row->delete), "flat");
  gtk_widget_add_css_class (GTK_WIDGET (row->delete), "error");
  g_signal_connect (row->delete, "clicked", G_CALLBACK (delete_clicked_cb), row);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (row->delete));
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_list_item_set_child (list_item, box);
  g_object_set_data_full (G_OBJECT (list_item), "bv-row", row, g_free);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             BvRecordingsPage         *self)
{
  RecordingRow *row = g_object_get_data (G_OBJECT (list_item), "bv-row");

  row->recording = gtk_list_item_get_item (list_item);
  if (self->rows)
    g_hash_table_insert (self->rows, row->recording, row);
  update_row (self, row);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               BvRecordingsPage         *self)
{
  RecordingRow *row = g_object_get_data (G_OBJECT (list_item), "bv-row");

  if (self->rows && row->recording && g_hash_table_lookup (self->rows, row->recording) == row)
    g_hash_table_remove (self->rows, row->recording);
  row->recording = NULL;
}

/* filtering */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  BvRecordingsPage *self = user_data;
  BvBbbRecording *recording = item;
  g_autofree char *name = NULL;

  if (self->meeting_filter &&
      g_strcmp0 (bv_bbb_recording_get_meeting_id (recording), self->meeting_filter) != 0)
    return FALSE;
  if (!self->search)
    return TRUE;

  name = g_utf8_casefold (bv_recording_text_name (recording), -1);
  return strstr (name, self->search) != NULL;
}

static gboolean
filter_active (BvRecordingsPage *self)
{
  return self->search || self->meeting_filter;
}

static void
search_changed_cb (GtkSearchEntry   *entry,
                   BvRecordingsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search, g_free);
  if (*stripped)
    self->search = g_utf8_casefold (stripped, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_status (self);
}

static void
stop_search_cb (GtkSearchEntry   *entry,
                BvRecordingsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
meeting_selected_cb (GtkDropDown      *dropdown,
                     GParamSpec       *pspec,
                     BvRecordingsPage *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  g_clear_pointer (&self->meeting_filter, g_free);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->meeting_ids->len)
    self->meeting_filter = g_strdup (g_ptr_array_index (self->meeting_ids, selected - 1));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_status (self);
}

static void
reset_meetings (BvRecordingsPage *self)
{
  const char *all[] = { _("All meetings"), NULL };

  g_hash_table_remove_all (self->meeting_index);
  g_ptr_array_set_size (self->meeting_ids, 0);
  gtk_string_list_splice (self->meeting_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->meeting_names)), all);
  gtk_drop_down_set_selected (self->meeting_dropdown, 0);
}

/* status */

static char *
format_count (gint64 value)
{
  /* Digit grouping as the locale has it: "10.000" in German. */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, value);
}

static void
update_status (BvRecordingsPage *self)
{
  guint n = self->source ? g_list_model_get_n_items (G_LIST_MODEL (self->source)) : 0;
  gboolean loading = self->opening || (self->source && bv_recordings_source_get_loading (self->source));
  const GError *error = self->open_error;
  gint64 total = self->source ? bv_recordings_source_get_total (self->source) : -1;
  const char *page;

  if (!error && self->source)
    error = bv_recordings_source_get_error (self->source);

  if (n == 0)
    {
      if (loading)
        page = "loading";
      else if (error)
        page = "error";
      else
        page = "empty";
    }
  else if (filter_active (self) &&
           g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0 &&
           gtk_filter_list_model_get_pending (self->filtered) == 0)
    page = "no-matches";
  else
    page = "list";

  if (g_strcmp0 (page, "error") == 0)
    {
      /* markup, and the message may name the server */
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);
      adw_status_page_set_description (self->error_page, escaped);
    }
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->loading_spinner, g_strcmp0 (page, "loading") == 0);

  /* Search and meeting make sense only with something to search. */
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), n > 0 || filter_active (self));
  gtk_widget_set_visible (GTK_WIDGET (self->meeting_dropdown), n > 0 || filter_active (self));

  if (loading && n > 0)
    {
      g_autofree char *loaded = format_count (n);
      g_autofree char *text = NULL;

      if (total >= 0)
        {
          g_autofree char *all = format_count (total);

          /* Translators: "1.200 of 10.000 recordings loaded"; the plural is
           * chosen by the second number. */
          text = g_strdup_printf (ngettext ("%1$s of %2$s recording loaded", "%1$s of %2$s recordings loaded",
                                            (gulong) total),
                                  loaded, all);
        }
      else
        /* Translators: "1.200 recordings loaded", while more arrive. */
        text = g_strdup_printf (ngettext ("%s recording loaded", "%s recordings loaded", n), loaded);
      gtk_label_set_text (self->progress_label, text);
    }
  gtk_revealer_set_reveal_child (self->progress_revealer, loading && n > 0);
  gtk_spinner_set_spinning (self->progress_spinner, loading && n > 0);

  if (error && n > 0)
    {
      g_autofree char *loaded = format_count (n);
      g_autofree char *text = NULL;

      if (total > (gint64) n)
        {
          g_autofree char *all = format_count (total);

          /* Translators: %1$s and %2$s are numbers, %3$s says what went
           * wrong and what to do. */
          text = g_strdup_printf (_("Only %1$s of %2$s recordings could be loaded. %3$s"),
                                  loaded, all, error->message);
        }
      else
        /* Translators: %1$s is a number, %2$s says what went wrong and what to do. */
        text = g_strdup_printf (_("Only %1$s recordings could be loaded. %2$s"), loaded, error->message);
      gtk_label_set_text (self->offline_label, text);
    }
  gtk_revealer_set_reveal_child (self->offline_revealer, error && n > 0);
}

static void
source_items_changed_cb (GListModel       *model,
                         guint             position,
                         guint             removed,
                         guint             added,
                         BvRecordingsPage *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  /* New meetings for the drop-down; one splice per page. */
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(BvBbbRecording) recording = g_list_model_get_item (model, i);
      const char *id = bv_bbb_recording_get_meeting_id (recording);

      if (!id || g_hash_table_contains (self->meeting_index, id))
        continue;
      g_ptr_array_add (self->meeting_ids, g_strdup (id));
      g_hash_table_add (self->meeting_index, g_ptr_array_index (self->meeting_ids, self->meeting_ids->len - 1));
      g_ptr_array_add (names, (gpointer) bv_recording_text_meeting_name (recording));
    }
  if (names->len > 0)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->meeting_names));

      g_ptr_array_add (names, NULL);
      gtk_string_list_splice (self->meeting_names, n, 0, (const char * const *) names->pdata);
    }

  /* A publish replaces the item by itself; a row the view reuses
   * without binding again must still show the new state. */
  if (removed == 1 && added == 1)
    {
      g_autoptr(BvBbbRecording) recording = g_list_model_get_item (model, position);

      update_bound_row (self, recording);
    }

  update_status (self);
}

static void
source_notify_cb (GObject          *object,
                  GParamSpec       *pspec,
                  BvRecordingsPage *self)
{
  update_status (self);
}

static void
filtered_changed_cb (BvRecordingsPage *self)
{
  update_status (self);
}

/* loading */

static void
drop_source (BvRecordingsPage *self)
{
  if (!self->source)
    return;

  g_signal_handlers_disconnect_by_data (self->source, self);
  bv_recordings_source_cancel (self->source);
  gtk_filter_list_model_set_model (self->filtered, NULL);
  g_clear_object (&self->source);
}

/* As the join flow decides: only what the last connection test found. */
static gboolean
server_paginates (BvServer *server)
{
  return bv_server_client_supports_pagination (server);
}

static void
client_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  BvRecordingsPage *self = user_data;
  g_autoptr(BvBbbClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = bv_server_client_open_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->opening = FALSE;
  if (!client)
    {
      self->open_error = g_steal_pointer (&error);
      update_status (self);
      return;
    }

  self->source = bv_recordings_source_new (client, server_paginates (self->server));
  g_signal_connect (self->source, "items-changed", G_CALLBACK (source_items_changed_cb), self);
  g_signal_connect (self->source, "notify::loading", G_CALLBACK (source_notify_cb), self);
  g_signal_connect (self->source, "notify::error", G_CALLBACK (source_notify_cb), self);
  g_signal_connect (self->source, "notify::total", G_CALLBACK (source_notify_cb), self);
  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (self->source));
  bv_recordings_source_start (self->source);
  update_status (self);
}

static void
load (BvRecordingsPage *self)
{
  self->needs_load = FALSE;

  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  drop_source (self);
  g_clear_error (&self->open_error);
  self->opening = FALSE;
  reset_meetings (self);

  if (self->server)
    {
      self->opening = TRUE;
      self->open_cancellable = g_cancellable_new ();
      bv_server_client_open_async (self->server, self->open_cancellable, client_opened_cb, self);
    }
  update_status (self);
}

static void
load_when_shown (BvRecordingsPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
  else
    {
      /* Nothing is asked of a server while nobody looks. */
      g_cancellable_cancel (self->open_cancellable);
      g_clear_object (&self->open_cancellable);
      self->opening = FALSE;
      drop_source (self);
      self->needs_load = TRUE;
    }
}

/* servers */

static guint
default_server_position (BvRecordingsPage *self)
{
  g_autofree char *wanted = self->settings ? g_settings_get_string (self->settings, "default-server") : NULL;
  guint n = g_list_model_get_n_items (self->servers);

  for (guint i = 0; wanted && *wanted && i < n; i++)
    {
      g_autoptr(BvServer) server = g_list_model_get_item (self->servers, i);

      if (g_strcmp0 (bv_server_get_id (server), wanted) == 0)
        return i;
    }
  return n > 0 ? 0 : GTK_INVALID_LIST_POSITION;
}

static void
server_selected_cb (GtkDropDown      *dropdown,
                    GParamSpec       *pspec,
                    BvRecordingsPage *self)
{
  BvServer *server = gtk_drop_down_get_selected_item (dropdown);

  if (server == self->server)
    return;

  g_set_object (&self->server, server);
  load_when_shown (self);
}

static void
servers_changed_cb (GListModel       *servers,
                    guint             position,
                    guint             removed,
                    guint             added,
                    BvRecordingsPage *self)
{
  guint n = g_list_model_get_n_items (servers);

  gtk_widget_set_visible (GTK_WIDGET (self->server_dropdown), n > 1);

  /* The drop-down has already moved its selection with the model; a
   * server replaced in place changes the item but not the position. */
  if (!gtk_drop_down_get_selected_item (self->server_dropdown) && n > 0)
    gtk_drop_down_set_selected (self->server_dropdown, default_server_position (self));
  server_selected_cb (self->server_dropdown, NULL, self);
}

/* actions */

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BvRecordingsPage *self = BV_RECORDINGS_PAGE (widget);

  if (self->source && bv_recordings_source_get_error (self->source))
    bv_recordings_source_retry (self->source);
  else if (!self->opening && (!self->source || self->open_error))
    load (self);
  update_status (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BvRecordingsPage *self = BV_RECORDINGS_PAGE (widget);

  /* Recordings appear some minutes after a meeting ends (processing), so
   * a coordinator waiting for one asks again. */
  if (self->server)
    load (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BvRecordingsPage *self = BV_RECORDINGS_PAGE (widget);

  if (gtk_widget_get_visible (GTK_WIDGET (self->search_entry)))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* GtkWidget */

static void
bv_recordings_page_map (GtkWidget *widget)
{
  BvRecordingsPage *self = BV_RECORDINGS_PAGE (widget);

  GTK_WIDGET_CLASS (bv_recordings_page_parent_class)->map (widget);

  if (self->needs_load)
    load (self);
}

static void
bv_recordings_page_dispose (GObject *object)
{
  BvRecordingsPage *self = BV_RECORDINGS_PAGE (object);

  /* Their callbacks must not touch the page any more. */
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  if (self->list_view)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  if (self->filtered)
    drop_source (self);
  g_clear_signal_handler (&self->servers_changed_id, self->servers);
  g_clear_object (&self->servers);
  g_clear_object (&self->server);
  g_clear_object (&self->manager);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bv_recordings_page_parent_class)->dispose (object);

  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->meeting_names);
}

static void
bv_recordings_page_finalize (GObject *object)
{
  BvRecordingsPage *self = BV_RECORDINGS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_error (&self->open_error);
  g_clear_pointer (&self->busy, g_hash_table_unref);
  g_clear_pointer (&self->meeting_index, g_hash_table_unref);
  g_clear_pointer (&self->meeting_ids, g_ptr_array_unref);
  g_free (self->search);
  g_free (self->meeting_filter);

  G_OBJECT_CLASS (bv_recordings_page_parent_class)->finalize (object);
}

static void
bv_recordings_page_class_init (BvRecordingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bv_recordings_page_dispose;
  object_class->finalize = bv_recordings_page_finalize;
  widget_class->map = bv_recordings_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bv-recordings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BvRecordingsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BvRecordingsPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, BvRecordingsPage, server_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BvRecordingsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BvRecordingsPage, meeting_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BvRecordingsPage, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, BvRecordingsPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, BvRecordingsPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, BvRecordingsPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, BvRecordingsPage, progress_spinner);
  gtk_widget_class_bind_template_child (widget_class, BvRecordingsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BvRecordingsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, BvRecordingsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, BvRecordingsPage, list_view);
  gtk_widget_class_bind_template_child_full (widget_class, "recordings_empty", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "no_matches_page", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "recordings.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "recordings.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "recordings.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "recordings.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "recordings.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "recordings.search", NULL);
}

static void
bv_recordings_page_init (BvRecordingsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSingleSelection) selection = NULL;
  GtkExpression *expression;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->needs_load = TRUE;
  self->busy = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, NULL);
  self->rows = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->meeting_ids = g_ptr_array_new_with_free_func (g_free);
  self->meeting_index = g_hash_table_new (g_str_hash, g_str_equal);

  /* Filtering 10 000 rows in one go would stall typing. */
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  gtk_filter_list_model_set_incremental (self->filtered, TRUE);
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (filtered_changed_cb), self);
  g_signal_connect_swapped (self->filtered, "notify::pending", G_CALLBACK (filtered_changed_cb), self);

  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  self->meeting_names = gtk_string_list_new (NULL);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->meeting_dropdown, expression);
  gtk_expression_unref (expression);
  gtk_drop_down_set_model (self->meeting_dropdown, G_LIST_MODEL (self->meeting_names));
  reset_meetings (self);
  g_signal_connect (self->meeting_dropdown, "notify::selected", G_CALLBACK (meeting_selected_cb), self);

  expression = gtk_property_expression_new (BV_TYPE_SERVER, NULL, "name");
  gtk_drop_down_set_expression (self->server_dropdown, expression);
  gtk_expression_unref (expression);

  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb), self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));

  bv_ui_fix_accessible_names (GTK_WIDGET (self));
  update_status (self);
}

void
bv_recordings_page_setup (BvRecordingsPage *self,
                          BvContext  *manager,
                          GSettings        *settings)
{
  guint position;

  g_return_if_fail (BV_IS_RECORDINGS_PAGE (self));
  g_return_if_fail (!manager || BV_IS_CONTEXT (manager));
  g_return_if_fail (!settings || G_IS_SETTINGS (settings));

  g_set_object (&self->manager, manager);
  g_set_object (&self->settings, settings);
  g_clear_signal_handler (&self->servers_changed_id, self->servers);
  g_clear_object (&self->servers);
  g_signal_handlers_disconnect_by_func (self->server_dropdown, server_selected_cb, self);

  if (!manager)
    {
      gtk_drop_down_set_model (self->server_dropdown, NULL);
      g_clear_object (&self->server);
      load_when_shown (self);
      return;
    }

  self->servers = g_object_ref (bv_context_get_servers (manager));
  gtk_drop_down_set_model (self->server_dropdown, self->servers);
  position = default_server_position (self);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->server_dropdown, position);
  gtk_widget_set_visible (GTK_WIDGET (self->server_dropdown), g_list_model_get_n_items (self->servers) > 1);
  g_set_object (&self->server, gtk_drop_down_get_selected_item (self->server_dropdown));

  g_signal_connect (self->server_dropdown, "notify::selected", G_CALLBACK (server_selected_cb), self);
  /* After the drop-down's own handler, which moves the selection. */
  self->servers_changed_id = g_signal_connect_after (self->servers, "items-changed",
                                                     G_CALLBACK (servers_changed_cb), self);
  load_when_shown (self);
}

void
bv_recordings_page_reload (BvRecordingsPage *self)
{
  g_return_if_fail (BV_IS_RECORDINGS_PAGE (self));

  load_when_shown (self);
}
