/* bv-mail-providers.c
 *
 * The built-in table below is copied from Thunderbird's ISP database
 * (ISPDB, https://github.com/thunderbird/autoconfig, commit c6ad796 of
 * 2026-03-12, Mozilla Public License 2.0): the <outgoingServer> entries of
 * 1und1.de.xml, gmx.net.xml, gmx.com.xml, web.de.xml, t-online.de.xml,
 * googlemail.com.xml, hotmail.com.xml, me.com.xml, posteo.de.xml,
 * strato.de.xml, vodafonemail.de.xml, aol.com.xml and yahoo.com.xml.
 * Where a provider offers both, the table takes SSL on 465 (RFC 8314
 * prefers implicit TLS). freenet, mailbox.org and IONOS's own domains are
 * not in that copy; they are found through their autoconfig files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-mail-providers.h"
#include "bv-mail-providers-private.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "bv-mail-error.h"

typedef enum {
  USER_ADDRESS,    /* %EMAILADDRESS% */
  USER_LOCALPART,  /* %EMAILLOCALPART% */
} UserPattern;

typedef struct
{
  const char         *name;
  BvMailAdvice        advice;
  const char         *host;
  guint               port;
  BvMailSecurity      security;
  UserPattern         user;
  const char * const *domains;
} Provider;

static const char * const gmx_domains[] = {
  "gmx.net", "gmx.de", "gmx.at", "gmx.ch", "gmx.eu", "gmx.biz", "gmx.org", "gmx.info",
  "mein.gmx", "mail.gmx", "email.gmx", NULL
};
static const char * const gmx_com_domains[] = {
  "gmx.com", "gmx.tm", "gmx.us", "gmx.co.uk", "gmx.es", "gmx.fr", "gmx.ca", "gmx.cn",
  "gmx.co.in", "gmx.com.br", "gmx.com.my", "gmx.hk", "gmx.ie", "gmx.ph", "gmx.pt", "gmx.ru",
  "gmx.se", "gmx.sg", "gmx.tw", "gmx.com.tr", "gmx.it", "gmx.li", NULL
};
static const char * const webde_domains[] = { "web.de", NULL };
static const char * const tonline_domains[] = { "t-online.de", "magenta.de", NULL };
static const char * const google_domains[] = { "gmail.com", "googlemail.com", "google.com", NULL };
static const char * const apple_domains[] = { "mac.com", "me.com", "icloud.com", NULL };
static const char * const microsoft_domains[] = {
  "hotmail.com", "live.com", "msn.com", "outlook.com", "windowslive.com", "outlook.at",
  "outlook.be", "outlook.de", "outlook.dk", "outlook.es", "outlook.fr", "outlook.it",
  "outlook.ie", "outlook.co.uk", "outlook.com.tr", "hotmail.de", "hotmail.be", "hotmail.dk",
  "hotmail.es", "hotmail.fr", "hotmail.it", "hotmail.nl", "hotmail.se", "hotmail.co.uk",
  "hotmail.com.tr", "live.at", "live.be", "live.de", "live.dk", "live.fr", "live.it", "live.nl",
  "live.se", "live.co.uk", NULL
};
static const char * const oneandone_domains[] = {
  "online.de", "onlinehome.de", "sofortstart.de", "sofort-start.de", "sofortsurf.de",
  "sofort-surf.de", "go4more.de", "kundenserver.de", "schlund.de", NULL
};
static const char * const posteo_domains[] = {
  "posteo.de", "posteo.at", "posteo.ch", "posteo.eu", "posteo.net", "posteo.org", "posteo.com",
  "posteo.be", "posteo.nl", "posteo.li", "posteo.lu", "posteo.dk", NULL
};
static const char * const strato_domains[] = { "strato.de", "rzone.de", NULL };
static const char * const vodafone_domains[] = { "vodafonemail.de", "arcor.de", "kabelmail.de", NULL };
static const char * const aol_domains[] = { "aol.com", "aol.de", "aim.com", "compuserve.com", NULL };
static const char * const yahoo_domains[] = { "yahoo.com", "yahoo.de", "ymail.com", "rocketmail.com", NULL };

static const Provider providers[] = {
  { "GMX", BV_MAIL_ADVICE_ENABLE_EXTERNAL, "mail.gmx.net", 465, BV_MAIL_SECURITY_SSL, USER_ADDRESS, gmx_domains },
  { "GMX", BV_MAIL_ADVICE_ENABLE_EXTERNAL, "mail.gmx.com", 465, BV_MAIL_SECURITY_SSL, USER_ADDRESS, gmx_com_domains },
  { "WEB.DE", BV_MAIL_ADVICE_ENABLE_EXTERNAL, "smtp.web.de", 465, BV_MAIL_SECURITY_SSL, USER_LOCALPART, webde_domains },
  { "T-Online", BV_MAIL_ADVICE_SEPARATE_PASSWORD, "securesmtp.t-online.de", 465, BV_MAIL_SECURITY_SSL, USER_ADDRESS, tonline_domains },
  { "Gmail", BV_MAIL_ADVICE_APP_PASSWORD, "smtp.gmail.com", 465, BV_MAIL_SECURITY_SSL, USER_ADDRESS, google_domains },
  { "iCloud", BV_MAIL_ADVICE_APP_PASSWORD, "smtp.mail.me.com", 587, BV_MAIL_SECURITY_STARTTLS, USER_ADDRESS, apple_domains },
  { "Outlook.com", BV_MAIL_ADVICE_NO_PASSWORD_LOGIN, "smtp-mail.outlook.com", 587, BV_MAIL_SECURITY_STARTTLS, USER_ADDRESS, microsoft_domains },
  { "1&1", BV_MAIL_ADVICE_NONE, "smtp.1und1.de", 465, BV_MAIL_SECURITY_SSL, USER_ADDRESS, oneandone_domains },
  { "Posteo", BV_MAIL_ADVICE_NONE, "posteo.de", 465, BV_MAIL_SECURITY_SSL, USER_ADDRESS, posteo_domains },
  { "Strato", BV_MAIL_ADVICE_NONE, "smtp.strato.de", 465, BV_MAIL_SECURITY_SSL, USER_ADDRESS, strato_domains },
  { "Vodafone", BV_MAIL_ADVICE_NONE, "smtp.vodafonemail.de", 465, BV_MAIL_SECURITY_SSL, USER_ADDRESS, vodafone_domains },
  /* AOL and Yahoo accept a password only as an app password. */
  { "AOL", BV_MAIL_ADVICE_APP_PASSWORD, "smtp.aol.com", 465, BV_MAIL_SECURITY_SSL, USER_ADDRESS, aol_domains },
  { "Yahoo", BV_MAIL_ADVICE_APP_PASSWORD, "smtp.mail.yahoo.com", 465, BV_MAIL_SECURITY_SSL, USER_ADDRESS, yahoo_domains },
};

static const Provider *
find_provider (const char *address)
{
  g_autofree char *domain = bv_mail_address_get_domain (address);

  if (!domain)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    if (g_strv_contains (providers[i].domains, domain))
      return &providers[i];
  return NULL;
}

static char *
expand_user (const char *pattern,
             const char *address)
{
  const char *at = strrchr (address, '@');
  g_autofree char *local = at ? g_strndup (address, at - address) : g_strdup (address);
  g_autofree char *domain = at ? g_strdup (at + 1) : g_strdup ("");
  GString *out = g_string_new (pattern);

  g_string_replace (out, "%EMAILADDRESS%", address, 0);
  g_string_replace (out, "%EMAILLOCALPART%", local, 0);
  g_string_replace (out, "%EMAILDOMAIN%", domain, 0);
  return g_string_free (out, FALSE);
}

gboolean
bv_mail_providers_fill (BvMailAccount *account,
                        BvMailAdvice  *advice)
{
  const Provider *provider;
  g_autofree char *user = NULL;

  g_return_val_if_fail (BV_IS_MAIL_ACCOUNT (account), FALSE);

  provider = find_provider (bv_mail_account_get_address (account));
  if (advice)
    *advice = provider ? provider->advice : BV_MAIL_ADVICE_NONE;
  if (!provider)
    return FALSE;

  user = expand_user (provider->user == USER_LOCALPART ? "%EMAILLOCALPART%" : "%EMAILADDRESS%",
                      bv_mail_account_get_address (account));
  g_object_freeze_notify (G_OBJECT (account));
  bv_mail_account_set_host (account, provider->host);
  bv_mail_account_set_security (account, provider->security);
  bv_mail_account_set_port (account, provider->port);
  bv_mail_account_set_username (account, user);
  g_object_thaw_notify (G_OBJECT (account));
  return TRUE;
}

BvMailAdvice
bv_mail_providers_get_advice (const char *address)
{
  const Provider *provider = find_provider (address);

  return provider ? provider->advice : BV_MAIL_ADVICE_NONE;
}

const char *
bv_mail_providers_get_name (const char *address)
{
  const Provider *provider = find_provider (address);

  return provider ? provider->name : NULL;
}

const char *
bv_mail_advice_get_text (BvMailAdvice advice)
{
  switch (advice)
    {
    case BV_MAIL_ADVICE_ENABLE_EXTERNAL:
      return _("Sending through other programs must be switched on once in your mailbox’s "
               "settings on the provider’s website (at GMX and WEB.DE under E-Mail-Einstellungen → "
               "POP3/IMAP Abruf: “Zugriff über externe Programme erlauben”).");
    case BV_MAIL_ADVICE_SEPARATE_PASSWORD:
      return _("T-Online needs the separate e-mail password here, not the password of your "
               "Telekom login. You set it in the Telekom Kundencenter under E-Mail-Passwort.");
    case BV_MAIL_ADVICE_APP_PASSWORD:
      return _("This provider accepts other programs only with an app password. Switch on "
               "two-step verification in your account, create an app password there and type "
               "it here instead of your usual password.");
    case BV_MAIL_ADVICE_NO_PASSWORD_LOGIN:
      return _("Microsoft’s personal accounts (Outlook.com, Hotmail, Live) no longer let "
               "programs send with a password. Send the invitations through your mail program "
               "instead (“Open in Mail Program”), or use another mailbox of the club.");
    case BV_MAIL_ADVICE_NONE:
    default:
      return NULL;
    }
}

/* Autoconfig */

static char *test_base_uri;
static GTlsDatabase *test_tls_database;

void
_bv_mail_autoconfig_set_test_server (const char   *base_uri,
                                     GTlsDatabase *database)
{
  g_free (test_base_uri);
  test_base_uri = g_strdup (base_uri);
  g_set_object (&test_tls_database, database);
}

typedef struct
{
  char          *address;
  GPtrArray     *uris;
  guint          next;
  SoupSession   *session;
  BvMailAdvice   advice;
} Autoconfig;

static void
autoconfig_free (Autoconfig *data)
{
  g_free (data->address);
  g_ptr_array_unref (data->uris);
  g_clear_object (&data->session);
  g_free (data);
}

static gboolean
node_is (xmlNode    *node,
         const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_strcmp0 ((const char *) node->name, name) == 0;
}

static char *
child_text (xmlNode    *parent,
            const char *name)
{
  for (xmlNode *n = parent->children; n; n = n->next)
    if (node_is (n, name))
      {
        xmlChar *content = xmlNodeGetContent (n);
        char *text = g_strstrip (g_strdup ((const char *) content));

        xmlFree (content);
        return text;
      }
  return NULL;
}

/* The first <outgoingServer type="smtp"> with SSL or STARTTLS; a server
 * that offers only plain text is never used. */
BvMailAccount *
_bv_mail_autoconfig_parse (const char *xml,
                           gsize       length,
                           const char *address)
{
  xmlDoc *doc;
  xmlNode *root;
  BvMailAccount *found = NULL;

  doc = xmlReadMemory (xml, (int) MIN (length, G_MAXINT), "config-v1.1.xml", NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc)
    return NULL;
  root = xmlDocGetRootElement (doc);
  if (!root || !node_is (root, "clientConfig"))
    goto out;

  for (xmlNode *provider = root->children; provider && !found; provider = provider->next)
    {
      if (!node_is (provider, "emailProvider"))
        continue;
      for (xmlNode *server = provider->children; server && !found; server = server->next)
        {
          g_autofree char *host = NULL;
          g_autofree char *port = NULL;
          g_autofree char *socket = NULL;
          g_autofree char *user = NULL;
          xmlChar *type;
          gboolean smtp;
          BvMailSecurity security;
          guint64 number = 0;

          if (!node_is (server, "outgoingServer"))
            continue;
          type = xmlGetProp (server, (const xmlChar *) "type");
          smtp = g_strcmp0 ((const char *) type, "smtp") == 0;
          xmlFree (type);
          if (!smtp)
            continue;

          host = child_text (server, "hostname");
          port = child_text (server, "port");
          socket = child_text (server, "socketType");
          user = child_text (server, "username");
          if (g_strcmp0 (socket, "SSL") == 0)
            security = BV_MAIL_SECURITY_SSL;
          else if (g_strcmp0 (socket, "STARTTLS") == 0)
            security = BV_MAIL_SECURITY_STARTTLS;
          else
            continue;
          if (!host || !*host || strpbrk (host, " /:@%"))
            continue;
          if (port && (!g_ascii_string_to_unsigned (port, 10, 1, 65535, &number, NULL)))
            continue;

          found = bv_mail_account_new (address);
          bv_mail_account_set_host (found, host);
          bv_mail_account_set_security (found, security);
          bv_mail_account_set_port (found, (guint) number);
          if (user && *user)
            {
              g_autofree char *expanded = expand_user (user, address);

              bv_mail_account_set_username (found, expanded);
            }
        }
    }

out:
  xmlFreeDoc (doc);
  return found;
}

static void try_next (GTask *task);

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Autoconfig *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  BvMailAccount *account = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (body && soup_message_get_status (message) == SOUP_STATUS_OK)
    {
      gsize size;
      const char *xml = g_bytes_get_data (body, &size);

      account = _bv_mail_autoconfig_parse (xml, size, data->address);
    }
  else
    g_debug ("Autoconfig: %s", error ? error->message : soup_message_get_reason_phrase (message));

  if (account)
    {
      g_task_return_pointer (task, account, g_object_unref);
      return;
    }
  try_next (g_steal_pointer (&task));
}

static void
try_next (GTask *task)
{
  Autoconfig *data = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *domain = NULL;

  if (data->next >= data->uris->len)
    {
      domain = bv_mail_address_get_domain (data->address);
      g_task_return_new_error (task, BV_MAIL_ERROR, BV_MAIL_ERROR_NO_CONFIG,
                               /* Translators: %s is the domain of the address, e.g. example.de. */
                               _("The server settings for “%s” are not known. Type the outgoing "
                                 "mail server (SMTP), its port and security as your provider "
                                 "gives them."), domain ? domain : data->address);
      g_object_unref (task);
      return;
    }

  message = soup_message_new (SOUP_METHOD_GET, g_ptr_array_index (data->uris, data->next++));
  if (!message)
    {
      try_next (task);
      return;
    }
  soup_session_send_and_read_async (data->session, message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), fetched_cb, task);
}

void
bv_mail_autoconfig_async (const char          *address,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  Autoconfig *data;
  g_autofree char *domain = NULL;
  g_autofree char *escaped = NULL;
  const char *base;
  g_autofree char *autoconfig_base = NULL;
  g_autofree char *domain_base = NULL;

  g_return_if_fail (address);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_mail_autoconfig_async);

  data = g_new0 (Autoconfig, 1);
  data->address = g_strdup (address);
  data->uris = g_ptr_array_new_with_free_func (g_free);
  data->advice = bv_mail_providers_get_advice (address);
  g_task_set_task_data (task, data, (GDestroyNotify) autoconfig_free);

  domain = bv_mail_address_get_domain (address);
  if (!bv_mail_address_is_valid (address) || !domain)
    {
      g_task_return_new_error (task, BV_MAIL_ERROR, BV_MAIL_ERROR_INVALID_ADDRESS,
                               /* Translators: %s is what the user typed as the address. */
                               _("“%s” is not a valid e-mail address. Type the club’s address in "
                                 "the form name@example.de."), address);
      g_object_unref (task);
      return;
    }

  /* Only the provider's own addresses, over https: asking any other party
   * would tell it who the club's mailbox is. */
  escaped = g_uri_escape_string (address, NULL, FALSE);
  base = test_base_uri;
  autoconfig_base = base ? g_strdup (base) : g_strdup_printf ("https://autoconfig.%s", domain);
  domain_base = base ? g_strdup (base) : g_strdup_printf ("https://%s", domain);
  g_ptr_array_add (data->uris, g_strdup_printf ("%s/mail/config-v1.1.xml?emailaddress=%s",
                                                autoconfig_base, escaped));
  g_ptr_array_add (data->uris, g_strdup_printf ("%s/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=%s",
                                                domain_base, escaped));

  data->session = soup_session_new_with_options ("timeout", 15, "max-conns-per-host", 1, NULL);
  if (test_tls_database)
    soup_session_set_tls_database (data->session, test_tls_database);
  try_next (task);
}

BvMailAccount *
bv_mail_autoconfig_finish (GAsyncResult  *result,
                           BvMailAdvice  *advice,
                           GError       **error)
{
  Autoconfig *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (advice)
    *advice = data->advice;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The table, then autoconfig */

static void
autoconfigured_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BvMailAccount *wanted = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  BvMailAccount *account;

  account = bv_mail_autoconfig_finish (result, NULL, &error);
  if (!account)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  bv_mail_account_set_sender_name (account, bv_mail_account_get_sender_name (wanted));
  g_task_return_pointer (task, account, g_object_unref);
}

void
bv_mail_providers_lookup_async (BvMailAccount       *account,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(BvMailAccount) copy = NULL;

  g_return_if_fail (BV_IS_MAIL_ACCOUNT (account));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_mail_providers_lookup_async);
  g_task_set_task_data (task, g_object_ref (account), g_object_unref);

  copy = bv_mail_account_copy (account);
  if (bv_mail_providers_fill (copy, NULL))
    {
      g_task_return_pointer (task, g_steal_pointer (&copy), g_object_unref);
      return;
    }
  bv_mail_autoconfig_async (bv_mail_account_get_address (account), cancellable,
                            autoconfigured_cb, g_steal_pointer (&task));
}

BvMailAccount *
bv_mail_providers_lookup_finish (GAsyncResult  *result,
                                 BvMailAdvice  *advice,
                                 GError       **error)
{
  BvMailAccount *account;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  account = g_task_propagate_pointer (G_TASK (result), error);
  if (advice)
    *advice = account ? bv_mail_providers_get_advice (bv_mail_account_get_address (account))
                      : BV_MAIL_ADVICE_NONE;
  return account;
}
