/* bv-practice-warning.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include "bv-practice-warning.h"

#include <glib/gi18n.h>

#include "bv-practice-links.h"
#include "bv-ui-utils.h"

#define CONFIRMED_KEY "bv-practice-confirmed"

typedef struct
{
  GtkWidget *widget;
  BvContext *context;
  BvMeeting *meeting;
  BvServer  *real_server;  /* nullable */
  char      *action_name;
  GVariant  *parameter;    /* nullable */
} Warning;

static void
warning_free (gpointer data)
{
  Warning *warning = data;

  g_clear_object (&warning->widget);
  g_clear_object (&warning->context);
  g_clear_object (&warning->meeting);
  g_clear_object (&warning->real_server);
  g_free (warning->action_name);
  g_clear_pointer (&warning->parameter, g_variant_unref);
  g_free (warning);
}

static void
move_meeting (Warning *warning)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old_server = g_strdup (bv_meeting_get_server_id (warning->meeting));

  bv_meeting_set_server_id (warning->meeting, bv_server_get_id (warning->real_server));
  if (!bv_database_save_meeting (bv_context_get_database (warning->context), warning->meeting, &error))
    {
      bv_meeting_set_server_id (warning->meeting, old_server);
      bv_ui_show_notice (warning->widget, _("The Meeting Was Not Moved"), error->message);
    }
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  Warning *warning = user_data;

  if (g_str_equal (response, "continue"))
    {
      g_object_set_data_full (G_OBJECT (warning->widget), CONFIRMED_KEY,
                              g_strdup (bv_meeting_get_id (warning->meeting)), g_free);
      gtk_widget_activate_action_variant (warning->widget, warning->action_name, warning->parameter);
    }
  else if (g_str_equal (response, "move") && warning->real_server)
    move_meeting (warning);
}

gboolean
bv_practice_warning_check (GtkWidget  *widget,
                           BvContext  *context,
                           GSettings  *settings,
                           BvMeeting  *meeting,
                           const char *action_name,
                           GVariant   *parameter)
{
  AdwMessageDialog *dialog;
  GtkRoot *root;
  Warning *warning;
  g_autofree char *move_label = NULL;
  const char *confirmed;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (BV_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (BV_IS_MEETING (meeting), FALSE);
  g_return_val_if_fail (action_name, FALSE);

  if (!bv_practice_links_meeting_is_practice (settings, meeting))
    return TRUE;
  confirmed = g_object_get_data (G_OBJECT (widget), CONFIRMED_KEY);
  if (g_strcmp0 (confirmed, bv_meeting_get_id (meeting)) == 0)
    return TRUE;

  warning = g_new0 (Warning, 1);
  warning->widget = g_object_ref (widget);
  warning->context = g_object_ref (context);
  warning->meeting = g_object_ref (meeting);
  warning->real_server = bv_practice_links_find_real_server (context, settings);
  warning->action_name = g_strdup (action_name);
  warning->parameter = parameter ? g_variant_ref_sink (parameter) : NULL;

  root = gtk_widget_get_root (widget);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("This Meeting Is on the Practice Server"),
                                                       NULL));
  if (warning->real_server)
    {
      adw_message_dialog_format_body (dialog,
                                      _("Its links start with http://127.0.0.1 and work only on this "
                                        "computer: nobody you send them to can join. Move the meeting "
                                        "to “%s” first; the links then lead there."),
                                      bv_server_get_name (warning->real_server));
      /* Translators: %s is the name of a conference server. */
      move_label = g_strdup_printf (_("_Move to “%s”"), bv_server_get_name (warning->real_server));
    }
  else
    adw_message_dialog_set_body (dialog,
                                 _("Its links start with http://127.0.0.1 and work only on this "
                                   "computer: nobody you send them to can join. Add your club’s "
                                   "conference server in the main menu under Preferences → Conference "
                                   "Servers, then choose it as the meeting’s server."));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (move_label)
    adw_message_dialog_add_response (dialog, "move", move_label);
  adw_message_dialog_add_response (dialog, "continue", _("Continue _Anyway"));
  adw_message_dialog_set_response_appearance (dialog, "continue", ADW_RESPONSE_DESTRUCTIVE);
  if (move_label)
    {
      adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "move");
    }
  else
    adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), warning,
                         (GClosureNotify) (void (*) (void)) warning_free, 0);
  bv_ui_fix_accessible_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}
