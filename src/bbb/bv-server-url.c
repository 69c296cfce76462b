/* bv-server-url.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-bbb"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "bv-bbb-error.h"
#include "bv-secure.h"
#include "bv-server-url.h"

/* Users paste what their provider gave them; bbb-conf --secret prints
 * "URL: https://host/bigbluebutton/" — accept the label too. */
static char *
strip_decoration (const char *input)
{
  g_autofree char *text = g_strstrip (g_strdup (input));
  const char *p = text;
  gsize len;

  if (g_ascii_strncasecmp (p, "url:", 4) == 0)
    p += 4;
  while (g_ascii_isspace (*p))
    p++;

  len = strlen (p);
  while (len >= 2 &&
         ((p[0] == '<' && p[len - 1] == '>') ||
          (p[0] == '"' && p[len - 1] == '"') ||
          (p[0] == '\'' && p[len - 1] == '\'')))
    {
      p++;
      len -= 2;
    }

  return g_strstrip (g_strndup (p, len));
}

gboolean
bv_server_url_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  g_return_val_if_fail (host, FALSE);

  /* Exactly "localhost" (glibc answers it from /etc/hosts), and literal
   * loopback addresses: a name like "x.localhost" may go to DNS, which can
   * answer with any address at all. */
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  if (host[0] == '[' && host[strlen (host) - 1] == ']')
    bare = g_strndup (host + 1, strlen (host) - 2);
  else
    bare = g_strdup (host);

  address = g_inet_address_new_from_string (bare);
  return address && g_inet_address_get_is_loopback (address);
}

gboolean
bv_server_url_check_link (const char  *url,
                          GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (url, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  /* What a server sends is opened by the desktop's handler for its scheme:
   * file:, smb: or a custom one would reach far beyond a web browser. */
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  host = uri ? g_uri_get_host (uri) : NULL;
  if (scheme && host && *host &&
      (g_ascii_strcasecmp (scheme, "https") == 0 ||
       (g_ascii_strcasecmp (scheme, "http") == 0 && bv_server_url_is_loopback (host))))
    return TRUE;

  g_set_error_literal (error, BV_BBB_ERROR, BV_BBB_ERROR_INSECURE_URL,
                       _("The server gave an address that is not safe to open. Only web "
                         "addresses beginning with https:// are opened."));
  return FALSE;
}

static gboolean
set_invalid (const char  *shown,
             GError     **error)
{
  g_set_error (error, BV_BBB_ERROR, BV_BBB_ERROR_INVALID_URL,
               _("“%s” is not a web address. Enter the address as your provider gave it, "
                 "for example https://bbb.example.org/bigbluebutton/."),
               shown);
  return FALSE;
}

/* Returns the API base that every call is appended to:
 * "https://host[:port]/path/api/". */
char *
bv_server_url_normalize (const char  *input,
                         GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *with_scheme = NULL;
  g_autofree char *ascii_host = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GString) result = NULL;
  const char *scheme;
  const char *host;
  gboolean had_scheme;
  char *api;
  gsize len;

  g_return_val_if_fail (input, NULL);

  text = strip_decoration (input);
  if (*text == '\0')
    {
      g_set_error_literal (error, BV_BBB_ERROR, BV_BBB_ERROR_INVALID_URL,
                           _("Enter the address of your BigBlueButton server, "
                             "for example https://bbb.example.org/bigbluebutton/."));
      return NULL;
    }

  if (strchr (text, ' ') || strchr (text, '\n') || strchr (text, '\t'))
    {
      set_invalid (text, error);
      return NULL;
    }

  had_scheme = strstr (text, "://") != NULL;
  if (had_scheme)
    with_scheme = g_strdup (text);
  else
    with_scheme = g_strconcat ("https://", text, NULL);

  uri = g_uri_parse (with_scheme, G_URI_FLAGS_ENCODED, NULL);
  if (!uri)
    {
      set_invalid (text, error);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (!host || *host == '\0' || g_uri_get_userinfo (uri) ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      set_invalid (text, error);
      return NULL;
    }

  /* GUri already turned umlaut domains (common in clubs' addresses) into
   * their ASCII form. */
  ascii_host = g_ascii_strdown (host, -1);
  if (!g_hostname_is_ip_address (ascii_host) &&
      (strspn (ascii_host, "abcdefghijklmnopqrstuvwxyz0123456789-.") != strlen (ascii_host) ||
       ascii_host[0] == '.' || ascii_host[0] == '-'))
    {
      set_invalid (text, error);
      return NULL;
    }

  /* The practice server and local test servers speak plain http. */
  if (!had_scheme && bv_server_url_is_loopback (ascii_host))
    scheme = "http";

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !bv_server_url_is_loopback (ascii_host))
    {
      g_set_error_literal (error, BV_BBB_ERROR, BV_BBB_ERROR_INSECURE_URL,
                           _("The address must begin with https:// so that the connection is "
                             "encrypted. Plain http:// is only allowed for this computer."));
      return NULL;
    }

  /* A pasted API call ("…/api/getMeetings?checksum=…") still names the base. */
  path = g_strdup (g_uri_get_path (uri));
  api = strstr (path, "/api/");
  if (api)
    api[4] = '\0';
  len = strlen (path);
  while (len > 0 && path[len - 1] == '/')
    path[--len] = '\0';
  if (g_str_has_suffix (path, "/api"))
    path[len - 4] = '\0';
  if (*path == '\0')
    {
      g_free (path);
      path = g_strdup ("/bigbluebutton");
    }

  result = g_string_new (g_ascii_strcasecmp (scheme, "http") == 0 ? "http://" : "https://");
  if (strchr (ascii_host, ':'))
    g_string_append_printf (result, "[%s]", ascii_host);
  else
    g_string_append (result, ascii_host);
  if (g_uri_get_port (uri) > 0)
    g_string_append_printf (result, ":%d", g_uri_get_port (uri));
  g_string_append (result, path);
  g_string_append (result, "/api/");

  return g_string_free (g_steal_pointer (&result), FALSE);
}

/* Recognises the two lines that bbb-conf --secret prints, so that pasting
 * them into the address field fills in the secret too. A one-line entry
 * may have turned the line break into a space, so look for the labels
 * anywhere. */
static char *
find_labelled (const char *text,
               const char *pattern)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match (regex, text, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 1);
}

gboolean
bv_server_url_split_pasted (const char  *text,
                            char       **url,
                            char       **secret)
{
  g_autofree char *found_url = NULL;
  g_autofree char *found_secret = NULL;

  g_return_val_if_fail (text, FALSE);

  found_url = find_labelled (text, "(?:^|\\s)URL:\\s*(\\S+)");
  found_secret = find_labelled (text, "(?:^|\\s)Secret:\\s*(\\S+)");
  if (!found_url || !found_secret)
    {
      if (found_secret)
        bv_secure_wipe (found_secret, strlen (found_secret));
      return FALSE;
    }

  if (url)
    *url = g_steal_pointer (&found_url);
  if (secret)
    *secret = g_steal_pointer (&found_secret);
  return TRUE;
}
