/* bv-invite-window-exports.c
 *
 * The invite window's exports: the mail-merge file, the calendar files, the
 * letters for people without an e-mail address (as a PDF or printed) and
 * the proof of invitation. The files are written in a thread
 * (ui/bv-invite-exports.c); this part gathers what they need.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-invitation-deadline.h"
#include "bv-invitation-proof-window.h"
#include "bv-invitation-settings.h"
#include "bv-invitation.h"
#include "bv-invite-exports.h"
#include "bv-invite-window-private.h"

/* NULL while there is nothing to export or no client to sign the links. */
static BvInvitationExport *
export_new (BvInviteWindow *self)
{
  g_autoptr(BvInvitationSettings) text = NULL;
  g_autoptr(GPtrArray) exceptions = NULL;
  BvInvitationExport *export;

  if (!self->client || self->renewing || self->participants->len == 0)
    return NULL;

  text = read_text_settings (self);
  export = bv_invitation_export_new (self->meeting, text->template_text, &text->context);
  exceptions = bv_database_list_exceptions (get_database (self), bv_meeting_get_id (self->meeting));
  bv_invitation_export_set_exceptions (export, exceptions);
  /* Signed here: the client belongs to the main thread. */
  bv_invitation_export_add_signed (export, self->client, self->server, self->participants);
  return export;
}

static void
export_merge_to (GtkWindow *window,
                 GFile     *file)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (window);
  g_autoptr(BvInvitationExport) export = NULL;

  if (!(export = export_new (self)))
    return;
  bv_invite_exports_write_merge (export, file, window, self->toast_overlay, self->cancellable);
}

static void
export_calendar_to (GtkWindow *window,
                    GFile     *folder)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (window);
  g_autoptr(BvInvitationExport) export = NULL;

  if (!(export = export_new (self)))
    return;
  bv_invite_exports_write_calendar (export, folder, window, self->toast_overlay, self->cancellable);
}

/* Who was invited how and when (issue 17): letters and hand-overs are
 * marked there. */
void
_bv_invite_window_proof_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);
  g_autoptr(GSettingsSchema) schema = NULL;
  guint period = BV_INVITATION_PERIOD_DEFAULT_DAYS;

  if (self->settings)
    g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (schema && g_settings_schema_has_key (schema, "invitation-period-days"))
    period = g_settings_get_uint (self->settings, "invitation-period-days");
  gtk_window_present (GTK_WINDOW (bv_invitation_proof_window_new (GTK_WINDOW (self), get_database (self),
                                                                  self->meeting, period)));
}

static void
export_letters_to (GtkWindow *window,
                   GFile     *file)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (window);
  g_autoptr(BvInvitationExport) export = NULL;

  if (!(export = export_new (self)))
    return;
  bv_invite_exports_write_letters (export, file, window, self->toast_overlay, self->cancellable);
}

void
_bv_invite_window_export_letters_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);

  if (!may_hand_out (self, action_name, parameter))
    return;
  bv_invite_exports_choose_letters_file (GTK_WINDOW (self), bv_meeting_get_title (self->meeting),
                                         export_letters_to);
}

void
_bv_invite_window_export_letters_to_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  if (!may_hand_out (BV_INVITE_WINDOW (widget), action_name, parameter))
    return;
  export_letters_to (GTK_WINDOW (widget), file);
}

/* @export_path: NULL for the print dialog. */
static void
print_letters (BvInviteWindow *self,
               const char     *export_path)
{
  g_autoptr(BvInvitationExport) export = NULL;

  if (!(export = export_new (self)))
    return;
  bv_invite_exports_print_letters (export, GTK_WINDOW (self), export_path);
}

/* invite.print-letters, and invite.print-letters-to with a PDF's path. */
void
_bv_invite_window_print_letters_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  if (!may_hand_out (BV_INVITE_WINDOW (widget), action_name, parameter))
    return;
  print_letters (BV_INVITE_WINDOW (widget), parameter ? g_variant_get_string (parameter, NULL) : NULL);
}

void
_bv_invite_window_export_merge_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  BvInviteWindow *self = BV_INVITE_WINDOW (widget);

  if (!may_hand_out (self, action_name, parameter))
    return;
  bv_invite_exports_choose_merge_file (GTK_WINDOW (self), bv_meeting_get_title (self->meeting),
                                       export_merge_to);
}

void
_bv_invite_window_export_calendar_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  if (!may_hand_out (BV_INVITE_WINDOW (widget), action_name, parameter))
    return;
  bv_invite_exports_choose_calendar_folder (GTK_WINDOW (widget), export_calendar_to);
}

void
_bv_invite_window_export_merge_to_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  if (!may_hand_out (BV_INVITE_WINDOW (widget), action_name, parameter))
    return;
  export_merge_to (GTK_WINDOW (widget), file);
}

void
_bv_invite_window_export_calendar_to_action (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *parameter)
{
  g_autoptr(GFile) folder = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  if (!may_hand_out (BV_INVITE_WINDOW (widget), action_name, parameter))
    return;
  export_calendar_to (GTK_WINDOW (widget), folder);
}
