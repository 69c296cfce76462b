/* bv-invitation-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bv-invitation-settings.h"

/* The keys came with the invitation texts; an older compiled schema (a
 * test's, a half-updated install) simply has no club details. */
static char *
get_string (GSettings  *settings,
            const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (!settings)
    return g_strdup ("");
  g_object_get (settings, "settings-schema", &schema, NULL);
  if (!schema || !g_settings_schema_has_key (schema, key))
    return g_strdup ("");
  return g_settings_get_string (settings, key);
}

static guint
get_uint (GSettings  *settings,
          const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (!settings)
    return 0;
  g_object_get (settings, "settings-schema", &schema, NULL);
  if (!schema || !g_settings_schema_has_key (schema, key))
    return 0;
  return g_settings_get_uint (settings, key);
}

BvInvitationSettings *
bv_invitation_settings_read (GSettings *settings,
                             BvServer  *server,
                             BvMeeting *meeting)
{
  BvInvitationSettings *self;

  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  self = g_new0 (BvInvitationSettings, 1);
  self->template_text = get_string (settings, "invitation-template");
  self->club_name = get_string (settings, "club-name");
  self->sender_name = get_string (settings, "display-name");
  self->privacy_contact = get_string (settings, "privacy-contact");
  self->participation = get_string (settings, "assembly-participation");
  if (meeting && bv_meeting_get_kind (meeting) == BV_MEETING_KIND_ASSEMBLY)
    {
      g_free (self->template_text);
      self->template_text = get_string (settings, "assembly-invitation-template");
      if (!*self->template_text)
        {
          g_free (self->template_text);
          self->template_text = g_strdup (bv_invitation_assembly_template ());
        }
    }
  /* An empty field means "not set": the texts leave the sentence out. */
  self->context.club_name = *self->club_name ? self->club_name : NULL;
  self->context.sender_name = *self->sender_name ? self->sender_name : NULL;
  self->context.privacy_contact = *self->privacy_contact ? self->privacy_contact : NULL;
  self->context.participation = *self->participation ? self->participation : NULL;
  self->context.attendance_months = get_uint (settings, "attendance-retention-months");
  if (meeting)
    bv_invitation_context_set_dial_in (&self->context, server, meeting, self->pin);
  return self;
}

void
bv_invitation_settings_free (BvInvitationSettings *self)
{
  if (!self)
    return;

  g_free (self->template_text);
  g_free (self->club_name);
  g_free (self->sender_name);
  g_free (self->privacy_contact);
  g_free (self->participation);
  g_free (self);
}
