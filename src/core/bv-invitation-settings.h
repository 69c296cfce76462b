/* bv-invitation-settings.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-invitation.h"

G_BEGIN_DECLS

/* What the user set in Preferences for invitations (the template, the
 * club's name and who to ask about data protection) and the room's
 * dial-in, as one BvInvitationContext. Read in one place, so the Invite
 * window, the preview and --export-invitations say the same. */
typedef struct
{
  char                *template_text;
  char                *club_name;
  char                *sender_name;  /* display-name: who sends, for {sender} */
  char                *privacy_contact;
  char                *participation;
  BvInvitationContext  context;  /* points into this struct */
  char                 pin[BV_INVITATION_PIN_SIZE];
} BvInvitationSettings;

/* @settings (nullable; keys its schema lacks count as empty), @server and
 * @meeting are nullable: without them there is no dial-in. For a general
 * assembly the template is the assembly's (its key, or the built-in
 * bv_invitation_assembly_template ()), with the club's § 32 statement. */
BvInvitationSettings *bv_invitation_settings_read (GSettings            *settings,
                                                   BvServer             *server,
                                                   BvMeeting            *meeting);
void                  bv_invitation_settings_free (BvInvitationSettings *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BvInvitationSettings, bv_invitation_settings_free)

G_END_DECLS
