/* bv-invitation-proof-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include "bv-invitation-proof-window.h"

#include "bv-date-input.h"
#include "bv-invitation-deadline.h"
#include "bv-invitation-mark.h"
#include "bv-invitation-proof.h"
#include "bv-ui-utils.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

struct _BvInvitationProofWindow
{
  AdwWindow        parent_instance;

  AdwToastOverlay *overlay;
  GtkLabel        *statement_label;
  GtkListBox      *list;

  BvDatabase      *database;
  BvMeeting       *meeting;
  guint            period_days;
};

G_DEFINE_FINAL_TYPE (BvInvitationProofWindow, bv_invitation_proof_window, ADW_TYPE_WINDOW)

static char *
describe_entry (BvInvitationProofEntry *entry)
{
  g_autofree char *when = NULL;
  g_autofree char *how = NULL;

  switch (entry->how)
    {
    case BV_INVITATION_PROOF_EMAIL:
      when = g_date_time_format (entry->sent_at, "%d.%m.%Y, %H:%M");
      /* Translators: how and when a member was invited; %s is a date and time */
      how = g_strdup_printf (_("E-mail sent on %s"), when);
      break;
    case BV_INVITATION_PROOF_LETTER:
      when = bv_date_input_format_date (&entry->day);
      /* Translators: %s is a date */
      how = g_strdup_printf (_("By letter on %s"), when);
      break;
    case BV_INVITATION_PROOF_PERSON:
      when = bv_date_input_format_date (&entry->day);
      /* Translators: %s is a date */
      how = g_strdup_printf (_("In person on %s"), when);
      break;
    case BV_INVITATION_PROOF_NONE:
    default:
      return g_strdup (_("No invitation recorded"));
    }
  if (!entry->in_time)
    /* Translators: %s says how and when, e.g. "By letter on 05.03.2027" */
    return g_strdup_printf (_("%s – after the deadline"), how);
  return g_steal_pointer (&how);
}

static GtkWidget *
make_row (BvInvitationProofEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *subtitle = describe_entry (entry);
  GtkWidget *button;
  struct { const char *label; const char *action; } items[] = {
    { N_("Sent by _Letter…"), "proof.mark-letter" },
    { N_("Handed Over in _Person…"), "proof.mark-person" },
    { N_("_Remove Mark"), "proof.unmark" },
  };

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (!entry->in_time)
    gtk_widget_add_css_class (row, "warning");

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, items[i].action,
                                               g_variant_new_string (entry->participant_id));
      g_menu_append_item (menu, item);
    }
  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  bv_ui_set_tooltip (button, _("Mark Invitation"));
  bv_ui_name_from_row (button, row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
reload (BvInvitationProofWindow *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *statement = NULL;
  GtkWidget *child;
  GDate deadline;
  gboolean has_deadline;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);

  g_date_clear (&deadline, 1);
  has_deadline = bv_invitation_deadline_for_meeting (self->meeting, self->period_days, &deadline);
  entries = bv_invitation_proof_list (self->database, self->meeting, has_deadline ? &deadline : NULL);
  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->list, make_row (g_ptr_array_index (entries, i)));

  statement = bv_invitation_proof_statement (self->database, self->meeting, self->period_days);
  gtk_label_set_text (self->statement_label, statement);
}

typedef struct {
  BvInvitationProofWindow *self;
  char                    *participant_id;
  BvInvitationMarkHow      how;
} MarkRequest;

static void
mark_request_free (MarkRequest *request)
{
  g_object_unref (request->self);
  g_free (request->participant_id);
  g_free (request);
}

static void
mark_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  MarkRequest      *request)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GDate day;

  if (g_strcmp0 (response, "save") != 0)
    return;
  text = bv_ui_name_dialog_get_name (dialog);
  g_date_clear (&day, 1);
  if (!bv_date_input_parse_date (text, &day, &error) ||
      !bv_database_set_invitation_mark (request->self->database, request->participant_id,
                                        request->how, &day, &error))
    {
      bv_ui_show_error (GTK_WINDOW (request->self), _("Invitation Not Marked"), error->message);
      return;
    }
  reload (request->self);
}

static void
ask_mark (BvInvitationProofWindow *self,
          const char              *participant_id,
          BvInvitationMarkHow      how)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = NULL;
  MarkRequest *request;
  AdwMessageDialog *dialog;
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  today = bv_date_input_format_date (&day);
  dialog = bv_ui_name_dialog_new (GTK_WINDOW (self),
                                  how == BV_INVITATION_MARK_LETTER ? _("Invitation Sent by Letter")
                                                                   : _("Invitation Handed Over in Person"),
                                  _("The day is kept as proof that the member was invited in time."),
                                  _("Date"), today, _("_Mark"));
  request = g_new0 (MarkRequest, 1);
  request->self = g_object_ref (self);
  request->participant_id = g_strdup (participant_id);
  request->how = how;
  g_signal_connect_data (dialog, "response", G_CALLBACK (mark_response_cb), request,
                         (GClosureNotify) (void (*) (void)) mark_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mark_letter_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ask_mark (BV_INVITATION_PROOF_WINDOW (widget), g_variant_get_string (parameter, NULL),
            BV_INVITATION_MARK_LETTER);
}

static void
mark_person_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ask_mark (BV_INVITATION_PROOF_WINDOW (widget), g_variant_get_string (parameter, NULL),
            BV_INVITATION_MARK_PERSON);
}

static void
unmark_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BvInvitationProofWindow *self = BV_INVITATION_PROOF_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!bv_database_set_invitation_mark (self->database, g_variant_get_string (parameter, NULL),
                                        BV_INVITATION_MARK_NONE, NULL, &error))
    bv_ui_show_error (GTK_WINDOW (self), _("Mark Not Removed"), error->message);
  reload (self);
}

/* exports */

static void
file_written_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BvInvitationProofWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      bv_ui_show_error (GTK_WINDOW (self), _("Proof Not Saved"), error->message);
      return;
    }
  bv_ui_add_toast (self->overlay, bv_ui_toast_new (_("Proof of invitation saved")));
}

static void
save_chosen (BvInvitationProofWindow *self,
             GFile                   *file,
             gboolean                 pdf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (pdf)
    {
      g_autofree char *tmp = NULL;
      g_autofree char *data = NULL;
      gsize length;
      int fd = g_file_open_tmp ("bv-proof-XXXXXX.pdf", &tmp, &error);

      /* A page or two of text: written in a moment, then copied
       * without blocking like the CSV. */
      if (fd < 0 ||
          (close (fd), !bv_invitation_proof_write_pdf (self->database, self->meeting, self->period_days,
                                                        tmp, &error)) ||
          !g_file_get_contents (tmp, &data, &length, &error))
        {
          if (tmp)
            g_unlink (tmp);
          bv_ui_show_error (GTK_WINDOW (self), _("Proof Not Saved"), error->message);
          return;
        }
      g_unlink (tmp);
      bytes = g_bytes_new_take (g_steal_pointer (&data), length);
    }
  else
    {
      g_autoptr(GPtrArray) entries = NULL;
      GDate deadline;
      gboolean has_deadline;
      char *csv;

      g_date_clear (&deadline, 1);
      has_deadline = bv_invitation_deadline_for_meeting (self->meeting, self->period_days, &deadline);
      entries = bv_invitation_proof_list (self->database, self->meeting, has_deadline ? &deadline : NULL);
      csv = bv_invitation_proof_csv (entries);
      bytes = g_bytes_new_take (csv, strlen (csv));
    }
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, file_written_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog         *chooser,
                     int                      response,
                     BvInvitationProofWindow *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file)
    save_chosen (self, file, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "pdf")));
  g_object_unref (chooser);
}

static void
choose_file (BvInvitationProofWindow *self,
             gboolean                 pdf)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save Proof of Invitation"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, pdf ? _("PDF document") : _("Spreadsheet (CSV)"));
  gtk_file_filter_add_suffix (filter, pdf ? "pdf" : "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the suggested file name; %s is the meeting's title, %s the suffix */
  name = g_strdup_printf (_("Proof of invitation %s.%s"), bv_meeting_get_title (self->meeting),
                          pdf ? "pdf" : "csv");
  g_strdelimit (name, "/\\:", '_');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "pdf", GINT_TO_POINTER (pdf));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  choose_file (BV_INVITATION_PROOF_WINDOW (widget), FALSE);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  choose_file (BV_INVITATION_PROOF_WINDOW (widget), TRUE);
}

static void
bv_invitation_proof_window_dispose (GObject *object)
{
  BvInvitationProofWindow *self = BV_INVITATION_PROOF_WINDOW (object);

  g_clear_object (&self->database);
  g_clear_object (&self->meeting);

  G_OBJECT_CLASS (bv_invitation_proof_window_parent_class)->dispose (object);
}

static void
bv_invitation_proof_window_class_init (BvInvitationProofWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bv_invitation_proof_window_dispose;

  gtk_widget_class_install_action (widget_class, "proof.mark-letter", "s", mark_letter_action);
  gtk_widget_class_install_action (widget_class, "proof.mark-person", "s", mark_person_action);
  gtk_widget_class_install_action (widget_class, "proof.unmark", "s", unmark_action);
  gtk_widget_class_install_action (widget_class, "proof.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "proof.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bv_invitation_proof_window_init (BvInvitationProofWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *csv = gtk_button_new_with_mnemonic (_("Export _CSV…"));
  GtkWidget *pdf = gtk_button_new_with_mnemonic (_("Save _PDF…"));

  gtk_window_set_title (GTK_WINDOW (self), _("Proof of Invitation"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 560);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (csv), "proof.export-csv");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (pdf), "proof.export-pdf");
  bv_ui_set_tooltip (csv, _("Save the list as a spreadsheet"));
  bv_ui_set_tooltip (pdf, _("Save a printable page"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), pdf);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), csv);
  gtk_box_append (GTK_BOX (box), header);

  self->statement_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->statement_label, TRUE);
  gtk_label_set_xalign (self->statement_label, 0);
  gtk_label_set_selectable (self->statement_label, TRUE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->statement_label));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Invited members"), -1);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->list));

  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);

  self->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->overlay, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->overlay));
}

BvInvitationProofWindow *
bv_invitation_proof_window_new (GtkWindow  *parent,
                                BvDatabase *database,
                                BvMeeting  *meeting,
                                guint       period_days)
{
  BvInvitationProofWindow *self;

  g_return_val_if_fail (BV_IS_DATABASE (database), NULL);
  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  self = g_object_new (BV_TYPE_INVITATION_PROOF_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->database = g_object_ref (database);
  self->meeting = g_object_ref (meeting);
  self->period_days = period_days;
  reload (self);
  bv_ui_fix_accessible_names (GTK_WIDGET (self));
  return self;
}
