/* bv-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-server.h"

struct _BvServer
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  char    *url;
  char    *checksum;

  char    *detected_checksum;
  char    *api_version;
  char    *bbb_version;
  gboolean load_balancer;
  gint64   checked_at;
  char    *dial_number;
};

G_DEFINE_FINAL_TYPE (BvServer, bv_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_URL,
  PROP_CHECKSUM,
  PROP_DIAL_NUMBER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const checksums[] = {
  "auto", "sha1", "sha256", "sha384", "sha512", NULL
};

/* Returns TRUE when *field changed, so callers notify only on a real change
 * and bound widgets do not loop. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
bv_server_finalize (GObject *object)
{
  BvServer *self = (BvServer *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->checksum, g_free);
  g_clear_pointer (&self->detected_checksum, g_free);
  g_clear_pointer (&self->api_version, g_free);
  g_clear_pointer (&self->bbb_version, g_free);
  g_clear_pointer (&self->dial_number, g_free);

  G_OBJECT_CLASS (bv_server_parent_class)->finalize (object);
}

static void
bv_server_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BvServer *self = BV_SERVER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_CHECKSUM:
      g_value_set_string (value, self->checksum);
      break;

    case PROP_DIAL_NUMBER:
      g_value_set_string (value, self->dial_number);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_server_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  BvServer *self = BV_SERVER (object);

  switch (prop_id)
    {
    case PROP_ID:
      /* Construct-only: a server keeps its id for life, because the keyring
       * item and (later) meetings refer to it. */
      g_assert (!self->id);
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      bv_server_set_name (self, g_value_get_string (value));
      break;

    case PROP_URL:
      bv_server_set_url (self, g_value_get_string (value));
      break;

    case PROP_CHECKSUM:
      bv_server_set_checksum (self, g_value_get_string (value));
      break;

    case PROP_DIAL_NUMBER:
      bv_server_set_dial_number (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_server_constructed (GObject *object)
{
  BvServer *self = (BvServer *)object;

  G_OBJECT_CLASS (bv_server_parent_class)->constructed (object);

  if (!self->id || !*self->id)
    {
      g_free (self->id);
      self->id = bv_server_generate_id ();
    }
}

static void
bv_server_class_init (BvServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = bv_server_constructed;
  object_class->finalize = bv_server_finalize;
  object_class->get_property = bv_server_get_property;
  object_class->set_property = bv_server_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CHECKSUM] =
    g_param_spec_string ("checksum", NULL, NULL,
                         "auto",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_DIAL_NUMBER] =
    g_param_spec_string ("dial-number", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bv_server_init (BvServer *self)
{
  self->name = g_strdup ("");
  self->url = g_strdup ("");
  self->checksum = g_strdup ("auto");
}

/**
 * bv_server_new:
 * @id: (nullable): the id, or %NULL to generate a new one
 * @name: (nullable): the name the user gave the server
 * @url: (nullable): the API URL
 * @checksum: (nullable): one of the names bv_server_checksum_is_valid()
 *   accepts, or %NULL for "auto"
 */
BvServer *
bv_server_new (const char *id,
               const char *name,
               const char *url,
               const char *checksum)
{
  g_return_val_if_fail (!checksum || bv_server_checksum_is_valid (checksum), NULL);

  return g_object_new (BV_TYPE_SERVER,
                       "id", id,
                       "name", name ? name : "",
                       "url", url ? url : "",
                       "checksum", checksum ? checksum : "auto",
                       NULL);
}

char *
bv_server_generate_id (void)
{
  return g_uuid_string_random ();
}

const char *
bv_server_get_id (BvServer *self)
{
  g_return_val_if_fail (BV_IS_SERVER (self), NULL);

  return self->id;
}

const char *
bv_server_get_name (BvServer *self)
{
  g_return_val_if_fail (BV_IS_SERVER (self), NULL);

  return self->name;
}

void
bv_server_set_name (BvServer   *self,
                    const char *name)
{
  g_return_if_fail (BV_IS_SERVER (self));

  if (replace_string (&self->name, name ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
bv_server_get_url (BvServer *self)
{
  g_return_val_if_fail (BV_IS_SERVER (self), NULL);

  return self->url;
}

void
bv_server_set_url (BvServer   *self,
                   const char *url)
{
  g_return_if_fail (BV_IS_SERVER (self));

  if (replace_string (&self->url, url ? url : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
}

const char *
bv_server_get_checksum (BvServer *self)
{
  g_return_val_if_fail (BV_IS_SERVER (self), NULL);

  return self->checksum;
}

void
bv_server_set_checksum (BvServer   *self,
                        const char *checksum)
{
  g_return_if_fail (BV_IS_SERVER (self));

  if (!checksum)
    checksum = "auto";

  g_return_if_fail (bv_server_checksum_is_valid (checksum));

  if (replace_string (&self->checksum, checksum))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKSUM]);
}

gboolean
bv_server_checksum_is_valid (const char *checksum)
{
  return checksum && g_strv_contains (checksums, checksum);
}

const char *
bv_server_get_detected_checksum (BvServer *self)
{
  g_return_val_if_fail (BV_IS_SERVER (self), NULL);

  return self->detected_checksum;
}

const char *
bv_server_get_bbb_version (BvServer *self)
{
  g_return_val_if_fail (BV_IS_SERVER (self), NULL);

  return self->bbb_version;
}

const char *
bv_server_get_api_version (BvServer *self)
{
  g_return_val_if_fail (BV_IS_SERVER (self), NULL);

  return self->api_version;
}

gboolean
bv_server_get_load_balancer (BvServer *self)
{
  g_return_val_if_fail (BV_IS_SERVER (self), FALSE);

  return self->load_balancer;
}

gint64
bv_server_get_checked_at (BvServer *self)
{
  g_return_val_if_fail (BV_IS_SERVER (self), 0);

  return self->checked_at;
}

void
bv_server_set_connection_info (BvServer   *self,
                               const char *detected_checksum,
                               const char *api_version,
                               const char *bbb_version,
                               gboolean    load_balancer,
                               gint64      checked_at)
{
  g_return_if_fail (BV_IS_SERVER (self));
  g_return_if_fail (!detected_checksum ||
                    (bv_server_checksum_is_valid (detected_checksum) &&
                     !g_str_equal (detected_checksum, "auto")));

  replace_string (&self->detected_checksum, detected_checksum);
  replace_string (&self->api_version, api_version && *api_version ? api_version : NULL);
  replace_string (&self->bbb_version, bbb_version && *bbb_version ? bbb_version : NULL);
  self->load_balancer = !!load_balancer;
  self->checked_at = checked_at;
}

/* The telephone number of the server's dial-in, as the server's answers
 * name it (dialNumber); NULL when unknown. The PIN is per room. */
const char *
bv_server_get_dial_number (BvServer *self)
{
  g_return_val_if_fail (BV_IS_SERVER (self), NULL);

  return self->dial_number;
}

void
bv_server_set_dial_number (BvServer   *self,
                           const char *dial_number)
{
  g_return_if_fail (BV_IS_SERVER (self));

  if (replace_string (&self->dial_number, dial_number && *dial_number ? dial_number : NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIAL_NUMBER]);
}
