/* bv-cancel-offer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-cancel-offer.h"
#include "bv-mail-account.h"
#include "bv-ui-utils.h"

BvInvitationMailer *
bv_cancel_offer_mailer_new (BvContext *context,
                            GSettings *settings,
                            BvMeeting *meeting,
                            guint     *n_people)
{
  g_autoptr(BvMailAccount) account = NULL;
  g_autoptr(BvInvitationMailer) mailer = NULL;
  guint n;

  g_return_val_if_fail (!context || BV_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  *n_people = 0;
  if (!context || !settings || !(account = bv_mail_account_load (settings)))
    return NULL;

  mailer = bv_invitation_mailer_new (context, meeting);
  bv_invitation_mailer_set_settings (mailer, settings);
  n = bv_invitation_mailer_count_cancel (mailer);
  if (n == 0)
    return NULL;

  *n_people = n;
  return g_steal_pointer (&mailer);
}

AdwMessageDialog *
bv_cancel_offer_dialog_new (GtkWindow  *parent,
                            BvMeeting  *meeting,
                            const char *recurrence_id,
                            guint       n_people)
{
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  if (recurrence_id)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (bv_meeting_get_tzid (meeting));
      g_autoptr(GDateTime) original = zone ? g_date_time_new_from_iso8601 (recurrence_id, zone) : NULL;
      g_autofree char *day = original ? g_date_time_format (original, _("%a, %-d %B"))
                                      : g_strdup (recurrence_id);

      /* Translators: "Call Off “Yoga” on Tue, 1 December?" */
      heading = g_strdup_printf (_("Call Off “%s” on %s?"), bv_meeting_get_title (meeting), day);
      body = g_strdup_printf (ngettext ("%u person was sent the invitation by e-mail. A cancellation "
                                        "takes this date out of their calendar.",
                                        "%u people were sent the invitation by e-mail. A cancellation "
                                        "takes this date out of their calendars.", n_people), n_people);
    }
  else
    {
      /* Translators: %s is the title of a meeting. */
      heading = g_strdup_printf (_("Delete “%s”?"), bv_meeting_get_title (meeting));
      body = g_strdup_printf (ngettext ("%u person was sent the invitation by e-mail. A cancellation "
                                        "takes the meeting out of their calendar.",
                                        "%u people were sent the invitation by e-mail. A cancellation "
                                        "takes the meeting out of their calendars.", n_people), n_people);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "only", recurrence_id ? _("_Only Call Off") : _("_Only Delete"),
                                    "send", recurrence_id ? _("Call Off and _Send Cancellation")
                                                          : _("Delete and _Send Cancellation"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "send");
  adw_message_dialog_set_close_response (dialog, "cancel");
  bv_ui_fix_accessible_names (GTK_WIDGET (dialog));
  return dialog;
}
