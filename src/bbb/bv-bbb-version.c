/* bv-bbb-version.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-bbb"

#include "config.h"

#include "bv-bbb-version.h"

#include <glib/gi18n-lib.h>

#include "bv-bbb-models-private.h"

struct _BvBbbVersion
{
  GObject   parent_instance;

  char     *api_version;
  char     *bbb_version;
  char     *build;
  gboolean  has_api_version;
};

G_DEFINE_FINAL_TYPE (BvBbbVersion, bv_bbb_version, G_TYPE_OBJECT)

/* "3.0.19" → 3, 0; "2.4-rc-7" → 2, 4; "3" → 3, 0. Anything that does not
 * start with a number is unknown. */
static gboolean
parse_major_minor (const char *text,
                   guint64    *major,
                   guint64    *minor)
{
  char *end = NULL;

  if (!text || !g_ascii_isdigit (text[0]))
    return FALSE;

  *major = g_ascii_strtoull (text, &end, 10);
  *minor = 0;
  if (*end == '.' && g_ascii_isdigit (end[1]))
    *minor = g_ascii_strtoull (end + 1, NULL, 10);

  return TRUE;
}

static void
bv_bbb_version_finalize (GObject *object)
{
  BvBbbVersion *self = (BvBbbVersion *) object;

  g_free (self->api_version);
  g_free (self->bbb_version);
  g_free (self->build);

  G_OBJECT_CLASS (bv_bbb_version_parent_class)->finalize (object);
}

static void
bv_bbb_version_class_init (BvBbbVersionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bv_bbb_version_finalize;
}

static void
bv_bbb_version_init (BvBbbVersion *self)
{
}

static char *
dup_non_empty (const char *text)
{
  return text && *text ? g_strdup (text) : NULL;
}

BvBbbVersion *
_bv_bbb_version_new (const char *api_version,
                     const char *bbb_version,
                     const char *build)
{
  BvBbbVersion *self = g_object_new (BV_TYPE_BBB_VERSION, NULL);

  self->api_version = dup_non_empty (api_version);
  self->bbb_version = dup_non_empty (bbb_version);
  self->build = dup_non_empty (build);

  return self;
}

/* The parser knows whether <apiVersion> was there; the constructor only
 * gets the values. */
void
_bv_bbb_version_set_has_api_version (BvBbbVersion *self,
                                     gboolean      has_api_version)
{
  g_return_if_fail (BV_IS_BBB_VERSION (self));

  self->has_api_version = !!has_api_version;
}

const char *
bv_bbb_version_get_api_version (BvBbbVersion *self)
{
  g_return_val_if_fail (BV_IS_BBB_VERSION (self), NULL);

  return self->api_version;
}

const char *
bv_bbb_version_get_bbb_version (BvBbbVersion *self)
{
  g_return_val_if_fail (BV_IS_BBB_VERSION (self), NULL);

  return self->bbb_version;
}

const char *
bv_bbb_version_get_build (BvBbbVersion *self)
{
  g_return_val_if_fail (BV_IS_BBB_VERSION (self), NULL);

  return self->build;
}

gboolean
bv_bbb_version_is_load_balancer (BvBbbVersion *self)
{
  g_return_val_if_fail (BV_IS_BBB_VERSION (self), FALSE);

  return !self->has_api_version && !self->bbb_version;
}

gboolean
bv_bbb_version_at_least (BvBbbVersion *self,
                         guint         major,
                         guint         minor)
{
  guint64 have_major;
  guint64 have_minor;

  g_return_val_if_fail (BV_IS_BBB_VERSION (self), FALSE);

  if (!parse_major_minor (self->bbb_version, &have_major, &have_minor))
    return FALSE;

  if (have_major != major)
    return have_major > major;
  return have_minor >= minor;
}

gboolean
bv_bbb_version_supports_role (BvBbbVersion *self)
{
  g_return_val_if_fail (BV_IS_BBB_VERSION (self), FALSE);

  return bv_bbb_version_at_least (self, 2, 4);
}

gboolean
bv_bbb_version_supports_pagination (BvBbbVersion *self)
{
  g_return_val_if_fail (BV_IS_BBB_VERSION (self), FALSE);

  /* Scalelite answers every getRecordings in full and ignores offset/limit. */
  return bv_bbb_version_at_least (self, 2, 6) &&
         !bv_bbb_version_is_load_balancer (self);
}

gboolean
bv_bbb_version_supports_expiry (BvBbbVersion *self)
{
  g_return_val_if_fail (BV_IS_BBB_VERSION (self), FALSE);

  return bv_bbb_version_at_least (self, 2, 5);
}

char *
bv_bbb_version_describe (BvBbbVersion *self)
{
  g_return_val_if_fail (BV_IS_BBB_VERSION (self), NULL);

  if (self->bbb_version)
    /* Translators: %s is a version number such as 3.0.19 */
    return g_strdup_printf (_("BigBlueButton %s"), self->bbb_version);

  if (bv_bbb_version_is_load_balancer (self))
    return g_strdup (_("BigBlueButton (load balancer)"));

  if (self->api_version)
    /* Translators: %s is the version of the server interface, such as 2.0 */
    return g_strdup_printf (_("BigBlueButton (API %s)"), self->api_version);

  return g_strdup ("BigBlueButton");
}
