/* bv-bbb-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-bbb"

#include "config.h"

#include "bv-bbb-query.h"

#include "bv-secure.h"

#include <string.h>

typedef struct
{
  char *name;
  char *value;
} Param;

struct _BvBbbQuery
{
  GPtrArray *params;  /* of Param, in the order they were added */
};

static void
param_free (gpointer data)
{
  Param *param = data;

  g_free (param->name);
  g_free (param->value);
  g_free (param);
}

static Param *
param_new (const char *name,
           const char *value)
{
  Param *param = g_new0 (Param, 1);

  param->name = g_strdup (name);
  param->value = g_strdup (value);
  return param;
}

static GChecksumType
checksum_type (BvChecksumAlgorithm algorithm)
{
  switch (algorithm)
    {
    case BV_CHECKSUM_SHA1:
      return G_CHECKSUM_SHA1;
    case BV_CHECKSUM_SHA256:
      return G_CHECKSUM_SHA256;
    case BV_CHECKSUM_SHA384:
      return G_CHECKSUM_SHA384;
    case BV_CHECKSUM_SHA512:
      return G_CHECKSUM_SHA512;
    default:
      g_return_val_if_reached (G_CHECKSUM_SHA256);
    }
}

/* The server recognises the algorithm only by the length of the hex string. */
static gboolean
algorithm_for_hex_length (gsize                length,
                          BvChecksumAlgorithm *algorithm)
{
  switch (length)
    {
    case 40:
      *algorithm = BV_CHECKSUM_SHA1;
      return TRUE;
    case 64:
      *algorithm = BV_CHECKSUM_SHA256;
      return TRUE;
    case 96:
      *algorithm = BV_CHECKSUM_SHA384;
      return TRUE;
    case 128:
      *algorithm = BV_CHECKSUM_SHA512;
      return TRUE;
    default:
      return FALSE;
    }
}

/* Java's String.replace: every occurrence, left to right, no rescanning of
 * what was inserted (nothing is, here). */
static void
remove_all (GString    *string,
            const char *needle)
{
  gsize needle_len = strlen (needle);
  gsize pos = 0;

  if (needle_len == 0)
    return;

  while (pos + needle_len <= string->len)
    {
      const char *hit = strstr (string->str + pos, needle);

      if (!hit)
        break;

      pos = hit - string->str;
      g_string_erase (string, pos, needle_len);
    }
}

const char *
bv_checksum_algorithm_to_string (BvChecksumAlgorithm algorithm)
{
  switch (algorithm)
    {
    case BV_CHECKSUM_SHA1:
      return "sha1";
    case BV_CHECKSUM_SHA256:
      return "sha256";
    case BV_CHECKSUM_SHA384:
      return "sha384";
    case BV_CHECKSUM_SHA512:
      return "sha512";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
bv_checksum_algorithm_from_string (const char          *string,
                                   BvChecksumAlgorithm *algorithm)
{
  static const BvChecksumAlgorithm all[] = {
    BV_CHECKSUM_SHA1, BV_CHECKSUM_SHA256, BV_CHECKSUM_SHA384, BV_CHECKSUM_SHA512,
  };

  g_return_val_if_fail (algorithm, FALSE);

  if (!string)
    return FALSE;

  /* Accept the label too, so that what people read can be typed back. */
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      if (g_ascii_strcasecmp (string, bv_checksum_algorithm_to_string (all[i])) == 0 ||
          g_ascii_strcasecmp (string, bv_checksum_algorithm_get_label (all[i])) == 0)
        {
          *algorithm = all[i];
          return TRUE;
        }
    }

  return FALSE;
}

const char *
bv_checksum_algorithm_get_label (BvChecksumAlgorithm algorithm)
{
  switch (algorithm)
    {
    case BV_CHECKSUM_SHA1:
      return "SHA-1";
    case BV_CHECKSUM_SHA256:
      return "SHA-256";
    case BV_CHECKSUM_SHA384:
      return "SHA-384";
    case BV_CHECKSUM_SHA512:
      return "SHA-512";
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
bv_bbb_encode (const char *value)
{
  static const char hex[] = "0123456789ABCDEF";
  GString *out;

  g_return_val_if_fail (value, NULL);

  out = g_string_sized_new (strlen (value) * 3 + 1);

  /* Byte-wise on purpose: UTF-8 sequences become one %XX per byte, as in
   * URLEncoder.encode (s, "UTF-8"). */
  for (const guchar *p = (const guchar *) value; *p; p++)
    {
      guchar c = *p;

      if (g_ascii_isalnum (c) || c == '.' || c == '-' || c == '_' || c == '*')
        g_string_append_c (out, (char) c);
      else if (c == ' ')
        g_string_append_c (out, '+');
      else
        {
          g_string_append_c (out, '%');
          g_string_append_c (out, hex[c >> 4]);
          g_string_append_c (out, hex[c & 0x0f]);
        }
    }

  return g_string_free (out, FALSE);
}

char *
bv_bbb_checksum (BvChecksumAlgorithm  algorithm,
                 const char          *call,
                 const char          *query,
                 const char          *secret)
{
  g_autoptr(GChecksum) checksum = NULL;

  g_return_val_if_fail (call, NULL);
  g_return_val_if_fail (query, NULL);
  g_return_val_if_fail (secret, NULL);

  /* Fed piece by piece, which hashes the same bytes as the concatenation
   * without leaving a copy of the secret in a heap buffer. */
  checksum = g_checksum_new (checksum_type (algorithm));
  g_checksum_update (checksum, (const guchar *) call, -1);
  g_checksum_update (checksum, (const guchar *) query, -1);
  g_checksum_update (checksum, (const guchar *) secret, -1);

  return g_strdup (g_checksum_get_string (checksum));
}

gboolean
bv_bbb_verify_checksum (const char          *call,
                        const char          *raw_query,
                        const char          *secret,
                        BvChecksumAlgorithm *algorithm)
{
  g_auto(GStrv) pairs = NULL;
  g_autoptr(GString) rest = NULL;
  g_autofree char *given = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *expected = NULL;
  BvChecksumAlgorithm found;
  gsize given_len;

  g_return_val_if_fail (call, FALSE);
  g_return_val_if_fail (secret, FALSE);

  if (!raw_query)
    raw_query = "";

  /* Like the servlet's getParameter ("checksum"): the first pair wins. */
  pairs = g_strsplit (raw_query, "&", -1);
  for (guint i = 0; pairs[i]; i++)
    {
      if (g_str_has_prefix (pairs[i], "checksum="))
        {
          given = g_strdup (pairs[i] + strlen ("checksum="));
          break;
        }
    }

  if (!given || *given == '\0')
    return FALSE;

  given_len = strlen (given);
  if (!algorithm_for_hex_length (given_len, &found))
    return FALSE;
  for (gsize i = 0; i < given_len; i++)
    if (!g_ascii_isxdigit (given[i]))
      return FALSE;

  /* The same three literal replacements as bbb-web's GetChecksum, in the
   * same order, so odd positions behave as they do on a real server. */
  rest = g_string_new (raw_query);
  needle = g_strconcat ("&checksum=", given, NULL);
  remove_all (rest, needle);
  g_clear_pointer (&needle, g_free);
  needle = g_strconcat ("checksum=", given, "&", NULL);
  remove_all (rest, needle);
  g_clear_pointer (&needle, g_free);
  needle = g_strconcat ("checksum=", given, NULL);
  remove_all (rest, needle);

  expected = bv_bbb_checksum (found, call, rest->str, secret);
  if (!bv_secure_equal_ascii_nocase (expected, given))
    return FALSE;

  if (algorithm)
    *algorithm = found;
  return TRUE;
}

BvBbbQuery *
bv_bbb_query_new (void)
{
  BvBbbQuery *self = g_new0 (BvBbbQuery, 1);

  self->params = g_ptr_array_new_with_free_func (param_free);
  return self;
}

BvBbbQuery *
bv_bbb_query_copy (const BvBbbQuery *self)
{
  BvBbbQuery *copy;

  g_return_val_if_fail (self, NULL);

  copy = bv_bbb_query_new ();
  for (guint i = 0; i < self->params->len; i++)
    {
      const Param *param = g_ptr_array_index (self->params, i);

      g_ptr_array_add (copy->params, param_new (param->name, param->value));
    }

  return copy;
}

void
bv_bbb_query_free (BvBbbQuery *self)
{
  if (!self)
    return;

  g_ptr_array_unref (self->params);
  g_free (self);
}

void
bv_bbb_query_add (BvBbbQuery *self,
                  const char *name,
                  const char *value)
{
  g_return_if_fail (self);
  g_return_if_fail (name && *name);
  g_return_if_fail (value);

  g_ptr_array_add (self->params, param_new (name, value));
}

void
bv_bbb_query_add_int (BvBbbQuery *self,
                      const char *name,
                      gint64      value)
{
  g_autofree char *text = NULL;

  g_return_if_fail (self);
  g_return_if_fail (name && *name);

  text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  bv_bbb_query_add (self, name, text);
}

void
bv_bbb_query_add_boolean (BvBbbQuery *self,
                          const char *name,
                          gboolean    value)
{
  g_return_if_fail (self);
  g_return_if_fail (name && *name);

  /* The server accepts only the lower-case literals. */
  bv_bbb_query_add (self, name, value ? "true" : "false");
}

const char *
bv_bbb_query_get (const BvBbbQuery *self,
                  const char       *name)
{
  g_return_val_if_fail (self, NULL);
  g_return_val_if_fail (name, NULL);

  for (guint i = self->params->len; i > 0; i--)
    {
      const Param *param = g_ptr_array_index (self->params, i - 1);

      if (g_str_equal (param->name, name))
        return param->value;
    }

  return NULL;
}

/* Removes every parameter called @name; returns how many there were. */
guint
bv_bbb_query_remove (BvBbbQuery *self,
                     const char *name)
{
  guint removed = 0;

  g_return_val_if_fail (self, 0);
  g_return_val_if_fail (name, 0);

  for (guint i = self->params->len; i > 0; i--)
    {
      const Param *param = g_ptr_array_index (self->params, i - 1);

      if (g_str_equal (param->name, name))
        {
          g_ptr_array_remove_index (self->params, i - 1);
          removed++;
        }
    }

  return removed;
}

guint
bv_bbb_query_get_length (const BvBbbQuery *self)
{
  g_return_val_if_fail (self, 0);

  return self->params->len;
}

char *
bv_bbb_query_to_string (const BvBbbQuery *self)
{
  GString *out;

  g_return_val_if_fail (self, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < self->params->len; i++)
    {
      const Param *param = g_ptr_array_index (self->params, i);
      g_autofree char *name = bv_bbb_encode (param->name);
      g_autofree char *value = bv_bbb_encode (param->value);

      if (i > 0)
        g_string_append_c (out, '&');
      g_string_append (out, name);
      g_string_append_c (out, '=');
      g_string_append (out, value);
    }

  return g_string_free (out, FALSE);
}

char *
bv_bbb_query_build_url (const BvBbbQuery    *self,
                        const char          *api_base,
                        const char          *call,
                        BvChecksumAlgorithm  algorithm,
                        const char          *secret)
{
  g_autofree char *query = NULL;
  g_autofree char *checksum = NULL;

  g_return_val_if_fail (self, NULL);
  g_return_val_if_fail (api_base, NULL);
  g_return_val_if_fail (call && *call, NULL);
  g_return_val_if_fail (secret, NULL);

  /* The hash covers exactly the bytes that go into the URL. */
  query = bv_bbb_query_to_string (self);
  checksum = bv_bbb_checksum (algorithm, call, query, secret);

  return g_strconcat (api_base, call, "?",
                      query, *query ? "&" : "",
                      "checksum=", checksum,
                      NULL);
}
