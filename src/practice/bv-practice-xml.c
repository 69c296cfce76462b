/* bv-practice-xml.c
 *
 * The XML answers of the API: bbb-web 3.0 writes them without a declaration
 * and without whitespace, and answers HTTP 200 even for FAILED.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-practice"

#include "config.h"

#include "bv-practice-internal.h"

void
bv_practice_xml_append_text (GString    *s,
                             const char *element,
                             const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append_printf (s, "<%s>%s</%s>", element, escaped, element);
}

void
bv_practice_xml_append_int (GString    *s,
                            const char *element,
                            gint64      value)
{
  g_string_append_printf (s, "<%s>%" G_GINT64_FORMAT "</%s>", element, value, element);
}

void
bv_practice_xml_append_bool (GString    *s,
                             const char *element,
                             gboolean    value)
{
  g_string_append_printf (s, "<%s>%s</%s>", element, value ? "true" : "false", element);
}

void
bv_practice_xml_append_pairs (GString    *s,
                              const char *element,
                              GPtrArray  *pairs)
{
  if (pairs->len == 0)
    {
      g_string_append_printf (s, "<%s/>", element);
      return;
    }

  g_string_append_printf (s, "<%s>", element);
  for (guint i = 0; i < pairs->len; i++)
    {
      BvPracticePair *pair = g_ptr_array_index (pairs, i);

      bv_practice_xml_append_text (s, pair->name, pair->value);
    }
  g_string_append_printf (s, "</%s>", element);
}

GString *
bv_practice_xml_response_new (gboolean success)
{
  GString *s = g_string_new ("<response><returncode>");

  g_string_append (s, success ? "SUCCESS" : "FAILED");
  g_string_append (s, "</returncode>");
  return s;
}

void
bv_practice_xml_append_message (GString    *s,
                                const char *key,
                                const char *message)
{
  bv_practice_xml_append_text (s, "messageKey", key);
  bv_practice_xml_append_text (s, "message", message);
}

void
bv_practice_send_body (SoupServerMessage *msg,
                       guint              status,
                       const char        *content_type,
                       GString           *body)
{
  gsize length = body->len;

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE,
                                    g_string_free (body, FALSE), length);
}

void
bv_practice_xml_send (SoupServerMessage *msg,
                      GString           *s)
{
  g_string_append (s, "</response>");
  bv_practice_send_body (msg, SOUP_STATUS_OK, "text/xml;charset=utf-8", s);
}

void
bv_practice_xml_send_failed (SoupServerMessage *msg,
                             const char        *key,
                             const char        *message)
{
  GString *s = bv_practice_xml_response_new (FALSE);

  g_debug ("Answering FAILED %s", key);
  bv_practice_xml_append_message (s, key, message);
  bv_practice_xml_send (msg, s);
}

void
bv_practice_xml_send_success_with (SoupServerMessage *msg,
                                   const char        *element,
                                   const char        *value)
{
  GString *s = bv_practice_xml_response_new (TRUE);

  g_string_append_printf (s, "<%s>%s</%s>", element, value, element);
  bv_practice_xml_send (msg, s);
}
