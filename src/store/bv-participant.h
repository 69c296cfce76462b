/* bv-participant.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-member.h"

G_BEGIN_DECLS

typedef enum {
  BV_PARTICIPANT_ROLE_PARTICIPANT,
  BV_PARTICIPANT_ROLE_MODERATOR,
} BvParticipantRole;

/* "participant" / "moderator", as stored */
const char *bv_participant_role_to_string   (BvParticipantRole  role);
gboolean    bv_participant_role_from_string (const char        *string,
                                             BvParticipantRole *role);

#define BV_TYPE_PARTICIPANT (bv_participant_get_type ())
G_DECLARE_FINAL_TYPE (BvParticipant, bv_participant, BV, PARTICIPANT, GObject)

/* One invitation: a member, or an external guest with a name and an
 * e-mail address of their own, invited to one meeting with a role.
 *
 * The link key (≥ 128 random bits, hex) is made once and kept for life:
 * it becomes the personal userID of the invitation's join link, so a
 * participant is recognised in every occurrence of a recurring meeting. */
BvParticipant *bv_participant_new_member  (const char        *meeting_id,
                                           const char        *member_id,
                                           BvParticipantRole  role);
BvParticipant *bv_participant_new_guest   (const char        *meeting_id,
                                           const char        *name,
                                           const char        *email,
                                           BvParticipantRole  role);
const char    *bv_participant_get_id         (BvParticipant *self);
const char    *bv_participant_get_meeting_id (BvParticipant *self);
/* NULL for a guest */
const char    *bv_participant_get_member_id  (BvParticipant *self);
gboolean       bv_participant_is_guest       (BvParticipant *self);
/* For a guest their own; for a member the member's, as the store read
 * them (NULL if the participant was not read from the store). */
const char    *bv_participant_get_name       (BvParticipant *self);
const char    *bv_participant_get_email      (BvParticipant *self);
/* For a member the stored parts; for a guest the name split as
 * bv_member_split_name () does. Never NULL. */
const char    *bv_participant_get_first_name (BvParticipant *self);
const char    *bv_participant_get_last_name  (BvParticipant *self);
/* A member's choice; guests are greeted neutrally. */
BvMemberSalutation bv_participant_get_salutation (BvParticipant *self);
BvParticipantRole bv_participant_get_role    (BvParticipant *self);
void           bv_participant_set_role       (BvParticipant *self,
                                              BvParticipantRole role);
const char    *bv_participant_get_link_key   (BvParticipant *self);

/* For the store: an object as loaded from a row. */
BvParticipant *_bv_participant_new_full      (const char        *id,
                                              const char        *meeting_id,
                                              const char        *member_id,
                                              const char        *name,
                                              const char        *email,
                                              BvParticipantRole  role,
                                              const char        *link_key);
/* For the store: a member's name parts and salutation as stored. */
void           _bv_participant_set_member_names (BvParticipant      *self,
                                                 const char         *first_name,
                                                 const char         *last_name,
                                                 BvMemberSalutation  salutation);

G_END_DECLS
