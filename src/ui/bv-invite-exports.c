/* bv-invite-exports.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bv-invitation-files.h"
#include "bv-invite-exports.h"
#include "bv-ui-print.h"
#include "bv-ui-utils.h"

/* choosing */

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     GtkWindow       *parent)
{
  BvInviteExportsChosen chosen = g_object_get_data (G_OBJECT (chooser), "chosen");
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file)
    chosen (parent, file);
  g_object_unref (chooser);
}

static void
show_chooser (GtkFileChooserNative  *chooser,
              GtkWindow             *parent,
              BvInviteExportsChosen  chosen)
{
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "chosen", chosen);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), parent, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
bv_invite_exports_choose_merge_file (GtkWindow             *parent,
                                     const char            *title,
                                     BvInviteExportsChosen  chosen)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export for Mail Merge"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Spreadsheet (CSV)"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the suggested file name of the mail-merge file; %s is the meeting's title. */
  name = g_strdup_printf (_("Invitations %s.csv"), title);
  g_strdelimit (name, "/\\:", '_');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  show_chooser (chooser, parent, chosen);
}

void
bv_invite_exports_choose_calendar_folder (GtkWindow             *parent,
                                          BvInviteExportsChosen  chosen)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose a Folder for the Calendar Files"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Save Here"), _("_Cancel"));
  show_chooser (chooser, parent, chosen);
}

void
bv_invite_exports_choose_calendar_file (GtkWindow             *parent,
                                        const char            *person_name,
                                        BvInviteExportsChosen  chosen)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = bv_invitation_files_safe_name (person_name, "ics");
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save Calendar File"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Calendar File (ICS)"));
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  show_chooser (chooser, parent, chosen);
}

/* writing, in a thread */

/* Who waits for an export, and where it goes (for the messages). */
typedef struct
{
  GtkWindow       *parent;
  AdwToastOverlay *overlay;
  GFile           *target;
  GCancellable    *cancellable;
} ExportWait;

static ExportWait *
export_wait_new (GtkWindow       *parent,
                 AdwToastOverlay *overlay,
                 GFile           *target,
                 GCancellable    *cancellable)
{
  ExportWait *wait = g_new0 (ExportWait, 1);

  wait->parent = g_object_ref (parent);
  wait->overlay = g_object_ref (overlay);
  wait->target = g_object_ref (target);
  wait->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  return wait;
}

static void
export_wait_free (ExportWait *wait)
{
  g_object_unref (wait->parent);
  g_object_unref (wait->overlay);
  g_object_unref (wait->target);
  g_clear_object (&wait->cancellable);
  g_free (wait);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportWait, export_wait_free)

static gboolean
gone (ExportWait   *wait,
      const GError *error)
{
  return g_cancellable_is_cancelled (wait->cancellable)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
merge_written_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ExportWait) wait = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (wait->target);

  if (!bv_invitation_export_write_merge_finish (BV_INVITATION_EXPORT (object), result, &error))
    {
      g_autofree char *body = NULL;

      if (gone (wait, error))
        return;
      /* Translators: %1$s is a file name, %2$s why it could not be written. */
      body = g_strdup_printf (_("“%1$s” could not be written: %2$s Choose another folder, "
                                "for example your documents."), name, error->message);
      bv_ui_show_error (wait->parent, _("Mail-Merge File Not Saved"), body);
      return;
    }

  if (gone (wait, NULL))
    return;
  /* What to do with the file is an instruction: a dialog, not a toast. */
  {
    g_autofree char *body = NULL;

    /* Translators: %s is a file name. */
    body = g_strdup_printf (_("“%s” is saved. Open it as the data source of a mail merge in your word "
                              "processor or e-mail program."), name);
    bv_ui_show_notice (GTK_WIDGET (wait->overlay), _("Mail-Merge File Saved"), body);
  }
}

void
bv_invite_exports_write_merge (BvInvitationExport *export,
                               GFile              *file,
                               GtkWindow          *parent,
                               AdwToastOverlay    *overlay,
                               GCancellable       *cancellable)
{
  g_return_if_fail (BV_IS_INVITATION_EXPORT (export));
  g_return_if_fail (G_IS_FILE (file));

  bv_invitation_export_write_merge_async (export, file, cancellable, merge_written_cb,
                                          export_wait_new (parent, overlay, file, cancellable));
}

static void
calendar_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ExportWait) wait = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) written_folder = NULL;
  g_autofree char *written_name = NULL;
  guint written = 0;

  written_folder = bv_invitation_export_write_calendar_finish (BV_INVITATION_EXPORT (object), result,
                                                               &written, &error);
  if (!written_folder)
    {
      g_autofree char *body = NULL;
      g_autofree char *folder = NULL;

      if (gone (wait, error))
        return;
      folder = g_file_get_basename (wait->target);
      /* Translators: %1$s is a folder name, %2$s why the files could not be written. */
      body = g_strdup_printf (_("The calendar files could not be written to “%1$s”: %2$s "
                                "Choose another folder, for example your documents."),
                              folder, error->message);
      bv_ui_show_error (wait->parent, _("Calendar Files Not Saved"), body);
      return;
    }

  if (gone (wait, NULL))
    return;
  written_name = g_file_get_basename (written_folder);
  /* Translators: %1$u is a number of files, %2$s a folder name. */
  bv_ui_add_toast (wait->overlay,
                   bv_ui_toast_new_format (ngettext ("%1$u calendar file saved in “%2$s”",
                                                     "%1$u calendar files saved in “%2$s”", (gulong)written),
                                           written, written_name));
}

void
bv_invite_exports_write_calendar (BvInvitationExport *export,
                                  GFile              *folder,
                                  GtkWindow          *parent,
                                  AdwToastOverlay    *overlay,
                                  GCancellable       *cancellable)
{
  g_return_if_fail (BV_IS_INVITATION_EXPORT (export));
  g_return_if_fail (G_IS_FILE (folder));

  bv_invitation_export_write_calendar_async (export, folder, cancellable, calendar_written_cb,
                                             export_wait_new (parent, overlay, folder, cancellable));
}

static void
person_calendar_written_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(ExportWait) wait = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (wait->target);

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *body = NULL;

      if (gone (wait, error))
        return;
      /* Translators: %1$s is a file name, %2$s why it could not be written. */
      body = g_strdup_printf (_("“%1$s” could not be written: %2$s Choose another folder, "
                                "for example your documents."), name, error->message);
      bv_ui_show_error (wait->parent, _("Calendar File Not Saved"), body);
      return;
    }

  if (gone (wait, NULL))
    return;
  /* Translators: %s is a file name. */
  bv_ui_add_toast (wait->overlay, bv_ui_toast_new_format (_("“%s” saved"), name));
}

void
bv_invite_exports_write_person_calendar (const char      *ics,
                                         GFile           *file,
                                         GtkWindow       *parent,
                                         AdwToastOverlay *overlay,
                                         GCancellable    *cancellable)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (ics);
  g_return_if_fail (G_IS_FILE (file));

  bytes = g_bytes_new (ics, strlen (ics));
  /* Private: the file holds a personal link. */
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, person_calendar_written_cb,
                                       export_wait_new (parent, overlay, file, cancellable));
}

/* e-mail */

static void
mail_opened_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;

  /* A cancelled @cancellable (the window went away) reports
   * G_IO_ERROR_CANCELLED here, whatever else happened. */
  if (!g_app_info_launch_default_for_uri_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    bv_ui_show_error (parent, _("No E-Mail Program Opened"),
                      _("No e-mail program is set up on this computer. Copy the invitation instead "
                        "and paste it into your e-mail, or set up an e-mail program as the default in the "
                        "system settings."));
}

void
bv_invite_exports_send_mail (GtkWindow    *parent,
                             const char   *uri,
                             GCancellable *cancellable)
{
  g_autoptr(GdkAppLaunchContext) context = NULL;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (uri);

  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (parent)));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), cancellable,
                                           mail_opened_cb, g_object_ref (parent));
}

void
bv_invite_exports_choose_letters_file (GtkWindow             *parent,
                                       const char            *title,
                                       BvInviteExportsChosen  chosen)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save Letters"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF Document"));
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the suggested file name of the letters; %s is the meeting's title. */
  name = g_strdup_printf (_("Letters %s.pdf"), title);
  g_strdelimit (name, "/\\:", '_');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  show_chooser (chooser, parent, chosen);
}

static void
letters_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ExportWait) wait = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (wait->target);
  g_autofree char *body = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      if (gone (wait, error))
        return;
      /* Translators: %1$s is a file name, %2$s why it could not be written. */
      body = g_strdup_printf (_("“%1$s” could not be written: %2$s Choose another folder, "
                                "for example your documents."), name, error->message);
      bv_ui_show_error (wait->parent, _("Letters Not Saved"), body);
      return;
    }
  if (gone (wait, NULL))
    return;
  /* Translators: %s is a file name. */
  body = g_strdup_printf (_("“%s” is saved: one page per person, to print and send by post."), name);
  bv_ui_show_notice (GTK_WIDGET (wait->overlay), _("Letters Saved"), body);
}

void
bv_invite_exports_write_letters (BvInvitationExport *export,
                                 GFile              *file,
                                 GtkWindow          *parent,
                                 AdwToastOverlay    *overlay,
                                 GCancellable       *cancellable)
{
  g_autoptr(BvPrintDocument) letters = NULL;
  g_autoptr(GBytes) pdf = NULL;

  g_return_if_fail (BV_IS_INVITATION_EXPORT (export));
  g_return_if_fail (G_IS_FILE (file));

  letters = bv_invitation_export_letters (export, NULL);
  if (!letters)
    {
      bv_ui_show_error (parent, _("No Letters Needed"),
                        _("Everybody invited has an e-mail address. Letters are made for those without one."));
      return;
    }
  pdf = bv_print_document_to_pdf (letters);
  g_file_replace_contents_bytes_async (file, pdf, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, letters_written_cb,
                                       export_wait_new (parent, overlay, file, cancellable));
}

void
bv_invite_exports_print_letters (BvInvitationExport *export,
                                 GtkWindow          *parent,
                                 const char         *export_path)
{
  g_autoptr(BvPrintDocument) letters = NULL;

  g_return_if_fail (BV_IS_INVITATION_EXPORT (export));

  letters = bv_invitation_export_letters (export, NULL);
  if (!letters)
    {
      bv_ui_show_error (parent, _("No Letters Needed"),
                        _("Everybody invited has an e-mail address. Letters are made for those without one."));
      return;
    }
  bv_ui_print_document (parent, letters, export_path, _("Letters Not Printed"));
}
