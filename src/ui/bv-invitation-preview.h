/* bv-invitation-preview.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BV_TYPE_INVITATION_PREVIEW (bv_invitation_preview_get_type ())
G_DECLARE_FINAL_TYPE (BvInvitationPreview, bv_invitation_preview, BV, INVITATION_PREVIEW, AdwMessageDialog)

/* One person's invitation exactly as they get it: "Invitation for
 * @name", the @subject line and the @text, read-only. Responses "close",
 * "copy" and, when @can_mail, "mail". */
BvInvitationPreview *bv_invitation_preview_new (GtkWindow  *parent,
                                                const char *name,
                                                const char *subject,
                                                const char *text,
                                                gboolean    can_mail);

G_END_DECLS
