/* bv-mail-record.h
 *
 * The sending record (issue 16): per participant, when their invitation
 * was last sent (and as which version, with which Message-ID, to which
 * address), or why the last attempt failed. Part of the member's data
 * export; erased with the member (the rows go with the participation).
 *
 * The "version" of an invitation is a fingerprint of what makes a sent
 * invitation outdated: the role, the room (renewed links) and the dates
 * (start, zone, duration, repetition, cancelled and moved dates).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-database.h"

G_BEGIN_DECLS

typedef enum {
  BV_MAIL_STATE_NONE,    /* never sent */
  BV_MAIL_STATE_SENT,    /* the last attempt was accepted by the server */
  BV_MAIL_STATE_FAILED,  /* the last attempt failed (error text says why) */
} BvMailState;

#define BV_TYPE_MAIL_RECORD (bv_mail_record_get_type ())
G_DECLARE_FINAL_TYPE (BvMailRecord, bv_mail_record, BV, MAIL_RECORD, GObject)

const char  *bv_mail_record_get_participant_id (BvMailRecord *self);
BvMailState  bv_mail_record_get_state          (BvMailRecord *self);
/* The last time a message was accepted (also when a later attempt
 * failed); NULL when never. */
GDateTime   *bv_mail_record_get_sent_at        (BvMailRecord *self);
const char  *bv_mail_record_get_message_id     (BvMailRecord *self);
/* The address the last accepted message went to. */
const char  *bv_mail_record_get_address        (BvMailRecord *self);
const char  *bv_mail_record_get_sent_version   (BvMailRecord *self);
/* The last failure (NULL after a later success). */
GDateTime   *bv_mail_record_get_failed_at      (BvMailRecord *self);
const char  *bv_mail_record_get_error_text     (BvMailRecord *self);
/* Sent, but the invitation changed since (role, links, date). */
gboolean     bv_mail_record_is_outdated        (BvMailRecord *self);
/* Sent, and the invitation is the same as the one that went out. */
gboolean     bv_mail_record_is_current         (BvMailRecord *self);

/* The record of one participant; one with state NONE when nothing was
 * ever sent, NULL only when the participant does not exist. */
BvMailRecord *bv_database_get_mail_record       (BvDatabase  *self,
                                                 const char  *participant_id);
/* The records of every participant of a meeting (state NONE included),
 * in the order of bv_database_list_participants (). */
GPtrArray    *bv_database_list_mail_records     (BvDatabase  *self,
                                                 const char  *meeting_id);
/* The stored records of a member's invitations, for an undone delete
 * (bv_database_restore_member ()). */
GPtrArray    *bv_database_list_member_mail_records (BvDatabase *self,
                                                   const char *member_id);
/* The current version of a participant's invitation (see above), NULL
 * when the participant does not exist. */
char         *bv_database_get_invitation_version (BvDatabase *self,
                                                  const char *participant_id);
gboolean      bv_database_record_mail_sent      (BvDatabase  *self,
                                                 const char  *participant_id,
                                                 const char  *version,
                                                 const char  *address,
                                                 const char  *message_id,
                                                 GDateTime   *at,
                                                 GError     **error);
gboolean      bv_database_record_mail_failed    (BvDatabase  *self,
                                                 const char  *participant_id,
                                                 const char  *version,
                                                 const char  *error_text,
                                                 GDateTime   *at,
                                                 GError     **error);
/* The iCalendar SEQUENCE for the meeting's next message: raised by one
 * whenever the dates or the room changed since the last message (and
 * always when @cancel is TRUE), stored, and returned. */
gboolean      bv_database_next_mail_sequence    (BvDatabase  *self,
                                                 const char  *meeting_id,
                                                 gboolean     cancel,
                                                 int         *sequence,
                                                 GError     **error);

G_END_DECLS
