/* bv-member.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BV_TYPE_MEMBER (bv_member_get_type ())
G_DECLARE_FINAL_TYPE (BvMember, bv_member, BV, MEMBER, GObject)

/* A person of the club's address list as the store keeps it. Optional
 * texts are NULL when empty. The group ids are the store's view of the
 * member_groups rows: sorted, never NULL. */
BvMember   *bv_member_new            (void);
const char *bv_member_get_id         (BvMember   *self);
const char *bv_member_get_name       (BvMember   *self);
void        bv_member_set_name       (BvMember   *self,
                                      const char *name);
const char *bv_member_get_email      (BvMember   *self);
void        bv_member_set_email      (BvMember   *self,
                                      const char *email);
const char *bv_member_get_phone      (BvMember   *self);
void        bv_member_set_phone      (BvMember   *self,
                                      const char *phone);
const char *bv_member_get_notes      (BvMember   *self);
void        bv_member_set_notes      (BvMember   *self,
                                      const char *notes);
const char * const *bv_member_get_group_ids (BvMember *self);
void        bv_member_set_group_ids  (BvMember   *self,
                                      const char * const *group_ids);
gboolean    bv_member_has_group      (BvMember   *self,
                                      const char *group_id);
/* Seconds since the epoch; 0 for a member not stored yet. */
gint64      bv_member_get_created    (BvMember   *self);
gint64      bv_member_get_updated    (BvMember   *self);

/* A new object with the same id and values, e.g. to edit without touching
 * the list's object until the save succeeded. */
BvMember   *bv_member_copy           (BvMember   *self);
/* Copies every field but the id from @source, notifying only what changed. */
void        bv_member_update_from    (BvMember   *self,
                                      BvMember   *source);


/* For the store: the times of the stored row. */
void        _bv_member_set_times     (BvMember   *self,
                                      gint64      created,
                                      gint64      updated);

/* The one check of an e-mail address for members, guests and calendar
 * attendees: one "@", something before it, a dot in the part after it, at
 * most BV_MEMBER_EMAIL_MAX_BYTES, no blanks, control characters or
 * characters that separate, quote or encode recipients (, ; < > " ( ) [ ]
 * \\ : %). Catches typing slips and addresses that hide a second
 * recipient, not every address RFC 5322 forbids. */
#define BV_MEMBER_EMAIL_MAX_BYTES 254

gboolean    bv_member_email_is_valid (const char *email);
/* The key two addresses that differ only in case share; NULL for NULL. */
char       *bv_member_email_key      (const char *email);

G_END_DECLS
