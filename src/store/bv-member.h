/* bv-member.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How an invitation greets the member (stored as "neutral", "female",
 * "male", "informal"): "Guten Tag Brigitte Schäfer", "Liebe Frau Schäfer",
 * "Lieber Herr Schäfer", "Hallo Brigitte". */
typedef enum {
  BV_MEMBER_SALUTATION_NEUTRAL,
  BV_MEMBER_SALUTATION_FEMALE,
  BV_MEMBER_SALUTATION_MALE,
  BV_MEMBER_SALUTATION_INFORMAL,
} BvMemberSalutation;

const char *bv_member_salutation_to_string   (BvMemberSalutation  salutation);
gboolean    bv_member_salutation_from_string (const char         *string,
                                              BvMemberSalutation *salutation);

#define BV_TYPE_MEMBER (bv_member_get_type ())
G_DECLARE_FINAL_TYPE (BvMember, bv_member, BV, MEMBER, GObject)

/* A person of the club's address list as the store keeps it. Optional
 * texts are NULL when empty. The group ids are the store's view of the
 * member_groups rows: sorted, never NULL. */
BvMember   *bv_member_new            (void);
const char *bv_member_get_id         (BvMember   *self);
/* The full name, "first last" (either may be empty); never NULL. */
const char *bv_member_get_name       (BvMember   *self);
/* Splits @name as bv_member_split_name () does, for callers that have only
 * the full name (a list with one name column, the command line). */
void        bv_member_set_name       (BvMember   *self,
                                      const char *name);
/* Never NULL; "" when not known. */
const char *bv_member_get_first_name (BvMember   *self);
const char *bv_member_get_last_name  (BvMember   *self);
void        bv_member_set_names      (BvMember   *self,
                                      const char *first_name,
                                      const char *last_name);
BvMemberSalutation bv_member_get_salutation (BvMember *self);
void        bv_member_set_salutation (BvMember           *self,
                                      BvMemberSalutation  salutation);
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

/* The rule for a name that comes in one piece ("Anna Maria Becker"): the
 * last word is the last name, the rest the first name; one word is a last
 * name. Blanks around are dropped. Both out values are never NULL. */
void        bv_member_split_name     (const char  *name,
                                      char       **first_name,
                                      char       **last_name);
/* "first last", either part may be empty; stripped. */
char       *bv_member_join_name      (const char  *first_name,
                                      const char  *last_name);
/* The key two addresses that differ only in case share; NULL for NULL. */
char       *bv_member_email_key      (const char *email);

G_END_DECLS
