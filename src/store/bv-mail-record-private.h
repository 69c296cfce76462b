/* bv-mail-record-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bv-mail-record.h"

G_BEGIN_DECLS

/* For the store: a record as read from its row; times in Unix seconds,
 * 0 for none. */
BvMailRecord *_bv_mail_record_new (const char *participant_id,
                                   gint64      sent_at,
                                   const char *message_id,
                                   const char *address,
                                   const char *sent_version,
                                   gint64      failed_at,
                                   const char *error_text,
                                   const char *failed_version,
                                   const char *current_version);
/* The version a failed attempt was for; only the store keeps it, to
 * write the row back as it was (bv_database_restore_member ()). */
const char   *_bv_mail_record_get_failed_version (BvMailRecord *self);

gboolean      bv_database_write_mail_record      (BvDatabase    *self,
                                                  BvMailRecord  *record,
                                                  GError       **error);

G_END_DECLS
