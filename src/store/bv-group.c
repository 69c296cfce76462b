/* bv-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-group.h"

struct _BvGroup
{
  GObject  parent_instance;

  char    *id;
  char    *name;
};

G_DEFINE_FINAL_TYPE (BvGroup, bv_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bv_group_finalize (GObject *object)
{
  BvGroup *self = (BvGroup *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (bv_group_parent_class)->finalize (object);
}

static void
bv_group_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  BvGroup *self = BV_GROUP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_group_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  BvGroup *self = BV_GROUP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_assert (!self->id);
      self->id = g_strdup (g_value_get_string (value));
      if (self->id && !*self->id)
        g_clear_pointer (&self->id, g_free);
      break;

    case PROP_NAME:
      bv_group_set_name (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_group_constructed (GObject *object)
{
  BvGroup *self = (BvGroup *)object;

  G_OBJECT_CLASS (bv_group_parent_class)->constructed (object);

  if (!self->id)
    self->id = g_uuid_string_random ();
  if (!self->name)
    self->name = g_strdup ("");
}

static void
bv_group_class_init (BvGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bv_group_finalize;
  object_class->get_property = bv_group_get_property;
  object_class->set_property = bv_group_set_property;
  object_class->constructed = bv_group_constructed;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bv_group_init (BvGroup *self)
{
}

/**
 * bv_group_new:
 * @name: (nullable): the group's name
 *
 * Returns: (transfer full): a group with a new random id, not stored yet
 */
BvGroup *
bv_group_new (const char *name)
{
  return g_object_new (BV_TYPE_GROUP, "name", name, NULL);
}

const char *
bv_group_get_id (BvGroup *self)
{
  g_return_val_if_fail (BV_IS_GROUP (self), NULL);

  return self->id;
}

const char *
bv_group_get_name (BvGroup *self)
{
  g_return_val_if_fail (BV_IS_GROUP (self), NULL);

  return self->name;
}

void
bv_group_set_name (BvGroup    *self,
                   const char *name)
{
  g_return_if_fail (BV_IS_GROUP (self));

  if (!name)
    name = "";
  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}
