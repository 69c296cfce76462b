/* bv-practice-params.c
 *
 * Reading what a request asks: the query string and form bodies as bbb-web
 * decodes them, typed values, and the <modules> XML of create and
 * insertDocument.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-practice"

#include "config.h"

#include "bv-practice-internal.h"

#include <string.h>

void
bv_practice_pair_free (gpointer data)
{
  BvPracticePair *pair = data;

  g_free (pair->name);
  g_free (pair->value);
  g_free (pair);
}

void
bv_practice_pairs_set (GPtrArray  *pairs,
                       const char *name,
                       const char *value)
{
  BvPracticePair *pair;

  for (guint i = 0; i < pairs->len; i++)
    {
      pair = g_ptr_array_index (pairs, i);
      if (g_str_equal (pair->name, name))
        {
          g_free (pair->value);
          pair->value = g_strdup (value);
          return;
        }
    }

  pair = g_new0 (BvPracticePair, 1);
  pair->name = g_strdup (name);
  pair->value = g_strdup (value);
  g_ptr_array_add (pairs, pair);
}

void
bv_practice_pairs_remove (GPtrArray  *pairs,
                          const char *name)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      BvPracticePair *pair = g_ptr_array_index (pairs, i);

      if (g_str_equal (pair->name, name))
        {
          g_ptr_array_remove_index (pairs, i);
          return;
        }
    }
}

const char *
bv_practice_pairs_get (GPtrArray  *pairs,
                       const char *name)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      BvPracticePair *pair = g_ptr_array_index (pairs, i);

      if (g_str_equal (pair->name, name))
        return pair->value;
    }
  return NULL;
}

BvPracticeParams *
bv_practice_params_new (void)
{
  BvPracticeParams *params = g_new0 (BvPracticeParams, 1);

  params->pairs = g_ptr_array_new_with_free_func (bv_practice_pair_free);
  return params;
}

void
bv_practice_params_free (BvPracticeParams *params)
{
  g_ptr_array_unref (params->pairs);
  g_free (params);
}

const char *
bv_practice_params_get (BvPracticeParams *params,
                        const char       *name)
{
  return bv_practice_pairs_get (params->pairs, name);
}

gboolean
bv_practice_params_has (BvPracticeParams *params,
                        const char       *name)
{
  return bv_practice_params_get (params, name) != NULL;
}

void
bv_practice_params_append (BvPracticeParams *params,
                           char             *name,
                           char             *value)
{
  BvPracticePair *pair = g_new0 (BvPracticePair, 1);

  pair->name = name;
  pair->value = value;
  g_ptr_array_add (params->pairs, pair);
}

/* application/x-www-form-urlencoded, strictly: "+" is a space, "%" must be
 * followed by two hex digits, the result must be UTF-8. Control characters
 * are dropped, as bbb-web does. */
static char *
form_decode (const char *text,
             gsize       length)
{
  g_autoptr(GString) out = g_string_sized_new (length);
  gsize j = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '+')
        c = ' ';
      else if (c == '%')
        {
          if (i + 2 >= length || !g_ascii_isxdigit (text[i + 1]) || !g_ascii_isxdigit (text[i + 2]))
            return NULL;
          c = (char) (g_ascii_xdigit_value (text[i + 1]) * 16 + g_ascii_xdigit_value (text[i + 2]));
          i += 2;
        }
      g_string_append_c (out, c);
    }

  if (!g_utf8_validate_len (out->str, out->len, NULL))
    return NULL;

  for (gsize i = 0; i < out->len; i++)
    if ((guchar) out->str[i] >= 0x20 && out->str[i] != 0x7f)
      out->str[j++] = out->str[i];
  g_string_truncate (out, j);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
bv_practice_params_parse (BvPracticeParams *params,
                          const char       *text,
                          gsize             length)
{
  gsize start = 0;

  while (start < length)
    {
      const char *piece = text + start;
      const char *amp = memchr (piece, '&', length - start);
      gsize piece_len = amp ? (gsize) (amp - piece) : length - start;
      const char *eq = memchr (piece, '=', piece_len);
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      start += piece_len + 1;
      if (piece_len == 0)
        continue;

      if (eq)
        {
          name = form_decode (piece, eq - piece);
          value = form_decode (eq + 1, piece_len - (eq - piece) - 1);
        }
      else
        {
          name = form_decode (piece, piece_len);
          value = g_strdup ("");
        }
      if (!name || !value)
        return FALSE;

      bv_practice_params_append (params, g_steal_pointer (&name), g_steal_pointer (&value));
    }
  return TRUE;
}

gboolean
bv_practice_parse_boolean (const char *value,
                           gboolean   *result)
{
  if (g_ascii_strcasecmp (value, "true") == 0)
    *result = TRUE;
  else if (g_ascii_strcasecmp (value, "false") == 0)
    *result = FALSE;
  else
    return FALSE;
  return TRUE;
}

gboolean
bv_practice_parse_number (const char *value,
                          guint       max,
                          guint      *result)
{
  guint64 number;

  if (!g_ascii_string_to_unsigned (value, 10, 0, max, &number, NULL))
    return FALSE;
  *result = (guint) number;
  return TRUE;
}

/* Metadata names become element names; anything else would break the XML. */
gboolean
bv_practice_is_element_name (const char *name)
{
  if (!g_ascii_isalpha (*name) && *name != '_')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && !strchr ("_-.", *p))
      return FALSE;
  return g_ascii_strncasecmp (name, "xml", 3) != 0;
}

/* The metadata key of a meta_* parameter, lower-cased as bbb-web keeps it;
 * NULL for any other parameter. */
char *
bv_practice_meta_key (const BvPracticePair *pair)
{
  if (!g_str_has_prefix (pair->name, "meta_"))
    return NULL;
  return g_ascii_strdown (pair->name + 5, -1);
}

GStrv
bv_practice_split_list (const char *value)
{
  g_auto(GStrv) parts = g_strsplit (value, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i])
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static void
modules_start_element (GMarkupParseContext  *context,
                       const char           *element,
                       const char          **names,
                       const char          **values,
                       gpointer              user_data,
                       GError              **error)
{
  GPtrArray *documents = user_data;
  const char *filename = NULL;
  const char *name = NULL;
  const char *url = NULL;

  if (!g_markup_parse_context_get_element_stack (context)->next)
    {
      if (!g_str_equal (element, "modules"))
        g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
                     "The body is not a <modules> document");
      return;
    }
  if (!g_str_equal (element, "document"))
    return;

  for (guint i = 0; names[i]; i++)
    {
      if (g_str_equal (names[i], "filename"))
        filename = values[i];
      else if (g_str_equal (names[i], "name"))
        name = values[i];
      else if (g_str_equal (names[i], "url"))
        url = values[i];
    }

  if (filename && *filename)
    g_ptr_array_add (documents, g_strdup (filename));
  else if (name && *name)
    g_ptr_array_add (documents, g_strdup (name));
  else if (url && *url)
    {
      g_autofree char *path = g_strndup (url, strcspn (url, "?#"));
      const char *slash = strrchr (path, '/');
      const char *base = slash ? slash + 1 : path;

      g_ptr_array_add (documents, g_strdup (*base ? base : "document"));
    }
  else
    g_ptr_array_add (documents, g_strdup ("document"));
}

static GPtrArray *
parse_modules (const char *data,
               gsize       size)
{
  static const GMarkupParser parser = { modules_start_element, NULL, NULL, NULL, NULL };
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GMarkupParseContext) context = NULL;

  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, documents, NULL);
  if (!g_markup_parse_context_parse (context, data, size, NULL) ||
      !g_markup_parse_context_end_parse (context, NULL))
    return NULL;
  return g_steal_pointer (&documents);
}

/* bbb-api.md §1: since 2.6.18 a POST body needs a fitting Content-Type;
 * the checksum covers the URL query only, so a parameter must not come
 * in both. FALSE when an answer has been sent. */
gboolean
bv_practice_take_body (SoupServerMessage     *msg,
                       const BvPracticeCall  *call,
                       BvPracticeParams      *params,
                       GPtrArray            **documents)
{
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *type;
  g_autoptr(GBytes) body = NULL;
  const char *data;
  gsize size;

  if (g_str_equal (method, "GET"))
    {
      if (call->needs_modules)
        {
          bv_practice_xml_send_failed (msg, "unsupportedContentType",
                                       "This call needs a POST with an XML body (Content-Type application/xml)");
          return FALSE;
        }
      return TRUE;
    }
  if (!g_str_equal (method, "POST") || call->get_only)
    {
      bv_practice_xml_send_failed (msg, "unsupportedRequest",
                                   "This request method is not supported for this call");
      return FALSE;
    }

  type = soup_message_headers_get_content_type (headers, NULL);
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  data = g_bytes_get_data (body, &size);

  if (!type && size == 0 && !call->needs_modules)
    return TRUE;

  if (type && (g_ascii_strcasecmp (type, "application/xml") == 0 ||
               g_ascii_strcasecmp (type, "text/xml") == 0) && call->accepts_modules)
    {
      *documents = parse_modules (data ? data : "", size);
      if (!*documents)
        {
          bv_practice_xml_send_failed (msg, "validationError",
                                       "The request body is not a valid <modules> document");
          return FALSE;
        }
      return TRUE;
    }

  if (type && g_ascii_strcasecmp (type, "application/x-www-form-urlencoded") == 0 &&
      !call->needs_modules)
    {
      g_autoptr(BvPracticeParams) form = bv_practice_params_new ();

      if (!bv_practice_params_parse (form, data ? data : "", size))
        {
          bv_practice_xml_send_failed (msg, "validationError", "The request body is not correctly encoded");
          return FALSE;
        }
      for (guint i = 0; i < form->pairs->len; i++)
        {
          BvPracticePair *pair = g_ptr_array_index (form->pairs, i);

          if (bv_practice_params_has (params, pair->name))
            {
              bv_practice_xml_send_failed (msg, "checksumError", "Checksums do not match");
              return FALSE;
            }
        }
      for (guint i = 0; i < form->pairs->len; i++)
        {
          BvPracticePair *pair = g_ptr_array_index (form->pairs, i);

          bv_practice_params_append (params, g_steal_pointer (&pair->name), g_steal_pointer (&pair->value));
        }
      return TRUE;
    }

  bv_practice_xml_send_failed (msg, "unsupportedContentType",
                               "POST request Content-Type is missing or unsupported");
  return FALSE;
}
