/* bv-invitation-preview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-invitation-preview.h"
#include "bv-ui-utils.h"

struct _BvInvitationPreview
{
  AdwMessageDialog parent_instance;
};

G_DEFINE_FINAL_TYPE (BvInvitationPreview, bv_invitation_preview, ADW_TYPE_MESSAGE_DIALOG)

static void
bv_invitation_preview_class_init (BvInvitationPreviewClass *klass)
{
}

static void
bv_invitation_preview_init (BvInvitationPreview *self)
{
}

BvInvitationPreview *
bv_invitation_preview_new (GtkWindow  *parent,
                           const char *name,
                           const char *subject,
                           const char *text,
                           gboolean    can_mail)
{
  BvInvitationPreview *self;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  GtkWidget *scrolled, *view;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (text, NULL);

  /* Translators: %s is a person's name. */
  heading = g_strdup_printf (_("Invitation for %s"), name);
  self = g_object_new (BV_TYPE_INVITATION_PREVIEW,
                       "transient-for", parent,
                       "heading", heading,
                       "body", subject,
                       NULL);
  dialog = ADW_MESSAGE_DIALOG (self);

  view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Invitation text"),
                                  -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_widget_add_css_class (scrolled, "card");
  adw_message_dialog_set_extra_child (dialog, scrolled);

  adw_message_dialog_add_responses (dialog,
                                    "close", _("_Close"),
                                    "copy", _("C_opy"),
                                    NULL);
  if (can_mail)
    {
      adw_message_dialog_add_response (dialog, "mail", _("_Write E-Mail"));
      adw_message_dialog_set_response_appearance (dialog, "mail", ADW_RESPONSE_SUGGESTED);
    }
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  bv_ui_fix_accessible_names (GTK_WIDGET (self));
  return self;
}
