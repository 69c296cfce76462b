/* bv-email-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-email-text.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bv-member.h"

char *
bv_email_text_problem (const char *email)
{
  g_autofree char *text = NULL;
  const char *at;

  if (!email)
    return NULL;
  text = g_strstrip (g_strdup (email));
  if (!*text || bv_member_email_is_valid (text))
    return NULL;

  /* The most telling fault first; the last sentence fits any. */
  if (!g_utf8_validate (text, -1, NULL) || strlen (text) > BV_MEMBER_EMAIL_MAX_BYTES)
    return g_strdup (_("This is too long for an e-mail address. Enter one address, such as anna@example.org."));
  if (strchr (text, ',') || strchr (text, ';'))
    return g_strdup (_("Enter only one e-mail address here, without commas or semicolons."));
  if (strpbrk (text, " \t"))
    return g_strdup (_("An e-mail address has no spaces. Remove the space."));
  at = strchr (text, '@');
  if (!at)
    return g_strdup (_("An e-mail address needs an @, as in anna@example.org."));
  if (strchr (at + 1, '@'))
    return g_strdup (_("The address has more than one @. Enter one address, such as anna@example.org."));
  if (at == text)
    return g_strdup (_("The name before the @ is missing, as “anna” in anna@example.org."));
  if (!strchr (at + 1, '.') || g_str_has_suffix (text, ".") || at[1] == '.')
    return g_strdup (_("The part after the @ is incomplete. It needs a dot, as “example.org” in anna@example.org."));
  return g_strdup (_("The address contains a character that e-mail addresses cannot have, such as "
                     "brackets, quotes or a colon. Check it; it should look like anna@example.org."));
}
