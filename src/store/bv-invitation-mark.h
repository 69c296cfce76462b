/* bv-invitation-mark.h
 *
 * Proof of proper invitation (issue 17, point 3): an invitation that did
 * not go out by e-mail is marked by hand as sent "per Brief" or handed
 * over "persönlich", with the day. The mark goes with the participation,
 * and so with the member.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-database.h"

G_BEGIN_DECLS

typedef enum {
  BV_INVITATION_MARK_NONE,    /* nothing marked */
  BV_INVITATION_MARK_LETTER,  /* sent by post */
  BV_INVITATION_MARK_PERSON,  /* handed over in person */
} BvInvitationMarkHow;

/* "letter" / "person" as stored; NULL for NONE. */
const char *bv_invitation_mark_how_to_string   (BvInvitationMarkHow  how);
gboolean    bv_invitation_mark_how_from_string (const char          *string,
                                                BvInvitationMarkHow *how);

/* Marks @participant_id's invitation as sent @how on @day; NONE (with
 * @day NULL) removes the mark. An error BV_DATABASE_ERROR_NOT_FOUND when
 * the participant does not exist. */
gboolean bv_database_set_invitation_mark (BvDatabase          *self,
                                          const char          *participant_id,
                                          BvInvitationMarkHow  how,
                                          const GDate         *day,
                                          GError             **error);
/* The mark of @participant_id: NONE (and @day left cleared) when none. */
BvInvitationMarkHow bv_database_get_invitation_mark (BvDatabase *self,
                                                     const char *participant_id,
                                                     GDate      *day);

/* For an undone member delete: the marks of a member's invitations, kept
 * before bv_database_delete_member () and written back after
 * bv_database_restore_member (). */
typedef struct {
  char                *participant_id;
  BvInvitationMarkHow  how;
  GDate                day;
} BvInvitationMark;

void       bv_invitation_mark_free                    (BvInvitationMark *mark);
/* (element-type BvInvitationMark) */
GPtrArray *bv_database_list_member_invitation_marks   (BvDatabase *self,
                                                       const char *member_id);
/* Writes @marks back; a mark whose invitation is gone (its meeting was
 * deleted in between) is left out. */
gboolean   bv_database_restore_invitation_marks       (BvDatabase *self,
                                                       GPtrArray  *marks,
                                                       GError    **error);

G_END_DECLS
