/* bv-mail-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-mail-record.h"
#include "bv-mail-record-private.h"

struct _BvMailRecord
{
  GObject    parent_instance;

  char      *participant_id;
  GDateTime *sent_at;
  char      *message_id;
  char      *address;
  char      *sent_version;
  GDateTime *failed_at;
  char      *error_text;
  char      *failed_version;
  char      *current_version;
};

G_DEFINE_FINAL_TYPE (BvMailRecord, bv_mail_record, G_TYPE_OBJECT)

static void
bv_mail_record_finalize (GObject *object)
{
  BvMailRecord *self = BV_MAIL_RECORD (object);

  g_free (self->participant_id);
  g_clear_pointer (&self->sent_at, g_date_time_unref);
  g_free (self->message_id);
  g_free (self->address);
  g_free (self->sent_version);
  g_clear_pointer (&self->failed_at, g_date_time_unref);
  g_free (self->error_text);
  g_free (self->failed_version);
  g_free (self->current_version);

  G_OBJECT_CLASS (bv_mail_record_parent_class)->finalize (object);
}

static void
bv_mail_record_class_init (BvMailRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bv_mail_record_finalize;
}

static void
bv_mail_record_init (BvMailRecord *self)
{
}

BvMailRecord *
_bv_mail_record_new (const char *participant_id,
                     gint64      sent_at,
                     const char *message_id,
                     const char *address,
                     const char *sent_version,
                     gint64      failed_at,
                     const char *error_text,
                     const char *failed_version,
                     const char *current_version)
{
  BvMailRecord *self = g_object_new (BV_TYPE_MAIL_RECORD, NULL);

  self->participant_id = g_strdup (participant_id);
  if (sent_at > 0)
    self->sent_at = g_date_time_new_from_unix_local (sent_at);
  self->message_id = g_strdup (message_id);
  self->address = g_strdup (address);
  self->sent_version = g_strdup (sent_version);
  if (failed_at > 0)
    self->failed_at = g_date_time_new_from_unix_local (failed_at);
  self->error_text = g_strdup (error_text);
  self->failed_version = g_strdup (failed_version);
  self->current_version = g_strdup (current_version);
  return self;
}

const char *
_bv_mail_record_get_failed_version (BvMailRecord *self)
{
  g_return_val_if_fail (BV_IS_MAIL_RECORD (self), NULL);
  return self->failed_version;
}

const char *
bv_mail_record_get_participant_id (BvMailRecord *self)
{
  g_return_val_if_fail (BV_IS_MAIL_RECORD (self), NULL);
  return self->participant_id;
}

BvMailState
bv_mail_record_get_state (BvMailRecord *self)
{
  g_return_val_if_fail (BV_IS_MAIL_RECORD (self), BV_MAIL_STATE_NONE);

  /* A failure is kept only until the next success. */
  if (self->failed_at)
    return BV_MAIL_STATE_FAILED;
  if (self->sent_at)
    return BV_MAIL_STATE_SENT;
  return BV_MAIL_STATE_NONE;
}

GDateTime *
bv_mail_record_get_sent_at (BvMailRecord *self)
{
  g_return_val_if_fail (BV_IS_MAIL_RECORD (self), NULL);
  return self->sent_at;
}

const char *
bv_mail_record_get_message_id (BvMailRecord *self)
{
  g_return_val_if_fail (BV_IS_MAIL_RECORD (self), NULL);
  return self->message_id;
}

const char *
bv_mail_record_get_address (BvMailRecord *self)
{
  g_return_val_if_fail (BV_IS_MAIL_RECORD (self), NULL);
  return self->address;
}

const char *
bv_mail_record_get_sent_version (BvMailRecord *self)
{
  g_return_val_if_fail (BV_IS_MAIL_RECORD (self), NULL);
  return self->sent_version;
}

GDateTime *
bv_mail_record_get_failed_at (BvMailRecord *self)
{
  g_return_val_if_fail (BV_IS_MAIL_RECORD (self), NULL);
  return self->failed_at;
}

const char *
bv_mail_record_get_error_text (BvMailRecord *self)
{
  g_return_val_if_fail (BV_IS_MAIL_RECORD (self), NULL);
  return self->error_text;
}

gboolean
bv_mail_record_is_outdated (BvMailRecord *self)
{
  g_return_val_if_fail (BV_IS_MAIL_RECORD (self), FALSE);
  return self->sent_version && g_strcmp0 (self->sent_version, self->current_version) != 0;
}

gboolean
bv_mail_record_is_current (BvMailRecord *self)
{
  g_return_val_if_fail (BV_IS_MAIL_RECORD (self), FALSE);
  return self->sent_version && g_strcmp0 (self->sent_version, self->current_version) == 0;
}
