/* bv-participant.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-participant.h"

#include "bv-member.h"
#include "bv-secure.h"

#include <string.h>

#include <glib/gstdio.h>

/* 160 bits, as the meeting's room id: far above the 128 that make a
 * personal link unguessable. */
#define LINK_KEY_BYTES 20

struct _BvParticipant
{
  GObject            parent_instance;

  char              *id;
  char              *meeting_id;
  char              *member_id;
  char              *name;
  char              *email;
  char              *first_name;
  char              *last_name;
  BvMemberSalutation salutation;
  BvParticipantRole  role;
  char              *link_key;
};

G_DEFINE_FINAL_TYPE (BvParticipant, bv_participant, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
generate_link_key (void)
{
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[LINK_KEY_BYTES];
  char *key = g_malloc (2 * sizeof bytes + 1);

  bv_secure_random_bytes (bytes, sizeof bytes);
  for (gsize i = 0; i < sizeof bytes; i++)
    {
      key[2 * i] = hex[bytes[i] >> 4];
      key[2 * i + 1] = hex[bytes[i] & 0xf];
    }
  key[2 * sizeof bytes] = '\0';

  memset (bytes, 0, sizeof bytes);
  return key;
}

static void
bv_participant_finalize (GObject *object)
{
  BvParticipant *self = (BvParticipant *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->meeting_id, g_free);
  g_clear_pointer (&self->member_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->first_name, g_free);
  g_clear_pointer (&self->last_name, g_free);
  g_clear_pointer (&self->link_key, g_free);

  G_OBJECT_CLASS (bv_participant_parent_class)->finalize (object);
}

static void
bv_participant_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BvParticipant *self = BV_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      g_value_set_int (value, self->role);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_participant_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BvParticipant *self = BV_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      bv_participant_set_role (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_participant_class_init (BvParticipantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bv_participant_finalize;
  object_class->get_property = bv_participant_get_property;
  object_class->set_property = bv_participant_set_property;

  properties[PROP_ROLE] =
    g_param_spec_int ("role", NULL, NULL,
                      BV_PARTICIPANT_ROLE_PARTICIPANT, BV_PARTICIPANT_ROLE_MODERATOR,
                      BV_PARTICIPANT_ROLE_PARTICIPANT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bv_participant_init (BvParticipant *self)
{
}

const char *
bv_participant_role_to_string (BvParticipantRole role)
{
  switch (role)
    {
    case BV_PARTICIPANT_ROLE_MODERATOR:
      return "moderator";

    case BV_PARTICIPANT_ROLE_PARTICIPANT:
    default:
      return "participant";
    }
}

gboolean
bv_participant_role_from_string (const char        *string,
                                 BvParticipantRole *role)
{
  g_return_val_if_fail (role, FALSE);

  if (g_strcmp0 (string, "moderator") == 0)
    *role = BV_PARTICIPANT_ROLE_MODERATOR;
  else if (g_strcmp0 (string, "participant") == 0)
    *role = BV_PARTICIPANT_ROLE_PARTICIPANT;
  else
    return FALSE;

  return TRUE;
}

BvParticipant *
_bv_participant_new_full (const char        *id,
                          const char        *meeting_id,
                          const char        *member_id,
                          const char        *name,
                          const char        *email,
                          BvParticipantRole  role,
                          const char        *link_key)
{
  BvParticipant *self;

  g_return_val_if_fail (meeting_id, NULL);

  self = g_object_new (BV_TYPE_PARTICIPANT, NULL);
  self->id = id ? g_strdup (id) : g_uuid_string_random ();
  self->meeting_id = g_strdup (meeting_id);
  self->member_id = g_strdup (member_id);
  self->name = g_strdup (name);
  self->email = email && *email ? g_strdup (email) : NULL;
  bv_member_split_name (name, &self->first_name, &self->last_name);
  self->role = role == BV_PARTICIPANT_ROLE_MODERATOR ? role : BV_PARTICIPANT_ROLE_PARTICIPANT;
  self->link_key = link_key && *link_key ? g_strdup (link_key) : generate_link_key ();

  return self;
}

/**
 * bv_participant_new_member:
 *
 * Returns: (transfer full): an invitation of a member, not stored yet,
 *   with a new link key
 */
BvParticipant *
bv_participant_new_member (const char        *meeting_id,
                           const char        *member_id,
                           BvParticipantRole  role)
{
  g_return_val_if_fail (meeting_id, NULL);
  g_return_val_if_fail (member_id, NULL);

  return _bv_participant_new_full (NULL, meeting_id, member_id, NULL, NULL, role, NULL);
}

/**
 * bv_participant_new_guest:
 * @name: the guest's name, not empty
 * @email: (nullable): the guest's e-mail address, valid as
 *   bv_member_email_is_valid() says
 *
 * Returns: (transfer full): an invitation of an external guest, not
 *   stored yet, with a new link key
 */
BvParticipant *
bv_participant_new_guest (const char        *meeting_id,
                          const char        *name,
                          const char        *email,
                          BvParticipantRole  role)
{
  g_return_val_if_fail (meeting_id, NULL);
  g_return_val_if_fail (name && *name, NULL);
  /* One invitation, one recipient: callers check what people typed or
   * files said first (bv_member_email_is_valid ()). */
  g_return_val_if_fail (!email || !*email || bv_member_email_is_valid (email), NULL);

  return _bv_participant_new_full (NULL, meeting_id, NULL, name, email, role, NULL);
}

const char *
bv_participant_get_id (BvParticipant *self)
{
  g_return_val_if_fail (BV_IS_PARTICIPANT (self), NULL);

  return self->id;
}

const char *
bv_participant_get_meeting_id (BvParticipant *self)
{
  g_return_val_if_fail (BV_IS_PARTICIPANT (self), NULL);

  return self->meeting_id;
}

const char *
bv_participant_get_member_id (BvParticipant *self)
{
  g_return_val_if_fail (BV_IS_PARTICIPANT (self), NULL);

  return self->member_id;
}

gboolean
bv_participant_is_guest (BvParticipant *self)
{
  g_return_val_if_fail (BV_IS_PARTICIPANT (self), FALSE);

  return !self->member_id;
}

const char *
bv_participant_get_name (BvParticipant *self)
{
  g_return_val_if_fail (BV_IS_PARTICIPANT (self), NULL);

  return self->name;
}

const char *
bv_participant_get_email (BvParticipant *self)
{
  g_return_val_if_fail (BV_IS_PARTICIPANT (self), NULL);

  return self->email;
}

BvParticipantRole
bv_participant_get_role (BvParticipant *self)
{
  g_return_val_if_fail (BV_IS_PARTICIPANT (self), BV_PARTICIPANT_ROLE_PARTICIPANT);

  return self->role;
}

void
bv_participant_set_role (BvParticipant     *self,
                         BvParticipantRole  role)
{
  g_return_if_fail (BV_IS_PARTICIPANT (self));
  g_return_if_fail (role == BV_PARTICIPANT_ROLE_PARTICIPANT || role == BV_PARTICIPANT_ROLE_MODERATOR);

  if (self->role == role)
    return;

  self->role = role;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

const char *
bv_participant_get_link_key (BvParticipant *self)
{
  g_return_val_if_fail (BV_IS_PARTICIPANT (self), NULL);

  return self->link_key;
}

const char *
bv_participant_get_first_name (BvParticipant *self)
{
  g_return_val_if_fail (BV_IS_PARTICIPANT (self), NULL);

  return self->first_name;
}

const char *
bv_participant_get_last_name (BvParticipant *self)
{
  g_return_val_if_fail (BV_IS_PARTICIPANT (self), NULL);

  return self->last_name;
}

BvMemberSalutation
bv_participant_get_salutation (BvParticipant *self)
{
  g_return_val_if_fail (BV_IS_PARTICIPANT (self), BV_MEMBER_SALUTATION_NEUTRAL);

  return self->member_id ? self->salutation : BV_MEMBER_SALUTATION_NEUTRAL;
}

void
_bv_participant_set_member_names (BvParticipant      *self,
                                  const char         *first_name,
                                  const char         *last_name,
                                  BvMemberSalutation  salutation)
{
  g_return_if_fail (BV_IS_PARTICIPANT (self));

  g_free (self->first_name);
  self->first_name = g_strdup (first_name ? first_name : "");
  g_free (self->last_name);
  self->last_name = g_strdup (last_name ? last_name : "");
  self->salutation = salutation;
}
