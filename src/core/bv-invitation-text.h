/* bv-invitation-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-meeting.h"
#include "bv-member.h"
#include "bv-occurrences.h"

G_BEGIN_DECLS

/* The short text "Copy Invitation" in a reminder puts on the clipboard,
 * until personal invitations exist: the meeting's title, the occurrence's
 * date and time in the meeting's zone, and a sentence that the personal
 * link follows. Nothing secret: no link, no password, no meeting id.
 * Translated; ends with a line break. */
char *bv_invitation_text_build (BvMeeting    *meeting,
                                BvOccurrence *occurrence);

/* The opening of a personal invitation, without punctuation, translated:
 * "Liebe Frau Schäfer", "Lieber Herr Schäfer" (formal, by last name),
 * "Hallo Brigitte" (informal, by first name) or "Guten Tag Brigitte
 * Schäfer" (neutral, for guests and whoever has no choice stored). A
 * formal greeting without a last name, or an informal one without a first
 * name, falls back to the neutral one. */
char *bv_invitation_text_greeting (BvMemberSalutation  salutation,
                                   const char         *first_name,
                                   const char         *last_name);

G_END_DECLS
