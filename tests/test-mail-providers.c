/* test-mail-providers.c
 *
 * Server settings from the address: the built-in table (facts from
 * Thunderbird's ISPDB) with the providers' advice, and the provider's
 * own autoconfig file, served here over https by a SoupServer on
 * loopback with the suite's test certificate. Only the two addresses
 * Thunderbird asks are requested, and nothing else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include "bv-mail-error.h"
#include "bv-mail-providers.h"
#include "bv-mail-providers-private.h"
#include "bv-test-utils.h"

typedef struct
{
  const char     *address;
  const char     *host;
  guint           port;
  BvMailSecurity  security;
  const char     *username;
  BvMailAdvice    advice;
} Expected;

static void
test_table (void)
{
  const Expected cases[] = {
    { "kassenwart@gmx.de", "mail.gmx.net", 465, BV_MAIL_SECURITY_SSL, "kassenwart@gmx.de", BV_MAIL_ADVICE_ENABLE_EXTERNAL },
    { "Verein@GMX.NET", "mail.gmx.net", 465, BV_MAIL_SECURITY_SSL, "Verein@GMX.NET", BV_MAIL_ADVICE_ENABLE_EXTERNAL },
    { "x@gmx.at", "mail.gmx.net", 465, BV_MAIL_SECURITY_SSL, "x@gmx.at", BV_MAIL_ADVICE_ENABLE_EXTERNAL },
    { "x@gmx.com", "mail.gmx.com", 465, BV_MAIL_SECURITY_SSL, "x@gmx.com", BV_MAIL_ADVICE_ENABLE_EXTERNAL },
    /* WEB.DE logs in with the part before the @. */
    { "schriftfuehrer@web.de", "smtp.web.de", 465, BV_MAIL_SECURITY_SSL, "schriftfuehrer", BV_MAIL_ADVICE_ENABLE_EXTERNAL },
    { "x@t-online.de", "securesmtp.t-online.de", 465, BV_MAIL_SECURITY_SSL, "x@t-online.de", BV_MAIL_ADVICE_SEPARATE_PASSWORD },
    { "x@magenta.de", "securesmtp.t-online.de", 465, BV_MAIL_SECURITY_SSL, "x@magenta.de", BV_MAIL_ADVICE_SEPARATE_PASSWORD },
    { "x@gmail.com", "smtp.gmail.com", 465, BV_MAIL_SECURITY_SSL, "x@gmail.com", BV_MAIL_ADVICE_APP_PASSWORD },
    { "x@googlemail.com", "smtp.gmail.com", 465, BV_MAIL_SECURITY_SSL, "x@googlemail.com", BV_MAIL_ADVICE_APP_PASSWORD },
    { "x@icloud.com", "smtp.mail.me.com", 587, BV_MAIL_SECURITY_STARTTLS, "x@icloud.com", BV_MAIL_ADVICE_APP_PASSWORD },
    { "x@outlook.de", "smtp-mail.outlook.com", 587, BV_MAIL_SECURITY_STARTTLS, "x@outlook.de", BV_MAIL_ADVICE_NO_PASSWORD_LOGIN },
    { "x@hotmail.de", "smtp-mail.outlook.com", 587, BV_MAIL_SECURITY_STARTTLS, "x@hotmail.de", BV_MAIL_ADVICE_NO_PASSWORD_LOGIN },
    { "x@live.de", "smtp-mail.outlook.com", 587, BV_MAIL_SECURITY_STARTTLS, "x@live.de", BV_MAIL_ADVICE_NO_PASSWORD_LOGIN },
    { "x@online.de", "smtp.1und1.de", 465, BV_MAIL_SECURITY_SSL, "x@online.de", BV_MAIL_ADVICE_NONE },
    { "x@posteo.de", "posteo.de", 465, BV_MAIL_SECURITY_SSL, "x@posteo.de", BV_MAIL_ADVICE_NONE },
    { "x@strato.de", "smtp.strato.de", 465, BV_MAIL_SECURITY_SSL, "x@strato.de", BV_MAIL_ADVICE_NONE },
    { "x@arcor.de", "smtp.vodafonemail.de", 465, BV_MAIL_SECURITY_SSL, "x@arcor.de", BV_MAIL_ADVICE_NONE },
    { "x@vodafonemail.de", "smtp.vodafonemail.de", 465, BV_MAIL_SECURITY_SSL, "x@vodafonemail.de", BV_MAIL_ADVICE_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BvMailAccount) account = bv_mail_account_new (cases[i].address);
      BvMailAdvice advice = 99;

      g_test_message ("%s", cases[i].address);
      g_assert_true (bv_mail_providers_fill (account, &advice));
      g_assert_cmpstr (bv_mail_account_get_host (account), ==, cases[i].host);
      g_assert_cmpuint (bv_mail_account_get_port (account), ==, cases[i].port);
      g_assert_cmpint (bv_mail_account_get_security (account), ==, cases[i].security);
      g_assert_cmpstr (bv_mail_account_get_username (account), ==, cases[i].username);
      g_assert_cmpint (advice, ==, cases[i].advice);
      g_assert_cmpint (bv_mail_providers_get_advice (cases[i].address), ==, cases[i].advice);
      if (cases[i].advice != BV_MAIL_ADVICE_NONE)
        g_assert_nonnull (bv_mail_advice_get_text (cases[i].advice));
    }
}

static void
test_table_unknown (void)
{
  g_autoptr(BvMailAccount) account = bv_mail_account_new ("vorstand@sv-musterdorf.de");
  BvMailAdvice advice = 99;

  bv_mail_account_set_host (account, "bleibt.example");
  g_assert_false (bv_mail_providers_fill (account, &advice));
  g_assert_cmpint (advice, ==, BV_MAIL_ADVICE_NONE);
  g_assert_cmpstr (bv_mail_account_get_host (account), ==, "bleibt.example");
  g_assert_null (bv_mail_advice_get_text (BV_MAIL_ADVICE_NONE));
  /* A look-alike is not the provider. */
  g_assert_cmpint (bv_mail_providers_get_advice ("x@notgmx.de"), ==, BV_MAIL_ADVICE_NONE);
  g_assert_cmpint (bv_mail_providers_get_advice ("x@gmx.de.evil.example"), ==, BV_MAIL_ADVICE_NONE);
}

/* An https server on loopback playing the provider. */

typedef struct
{
  SoupServer *server;
  char       *base;
  GPtrArray  *requests;   /* "PATH?QUERY" */
  const char *autoconfig; /* body at /mail/config-v1.1.xml, NULL = 404 */
  const char *well_known; /* body at /.well-known/…, NULL = 404 */
} Provider;

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Provider *p = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  const char *body = NULL;

  g_ptr_array_add (p->requests, g_strdup_printf ("%s?%s", path, g_uri_get_query (uri) ? g_uri_get_query (uri) : ""));
  if (g_str_equal (path, "/mail/config-v1.1.xml"))
    body = p->autoconfig;
  else if (g_str_equal (path, "/.well-known/autoconfig/mail/config-v1.1.xml"))
    body = p->well_known;

  if (!body)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/xml", SOUP_MEMORY_COPY, body, strlen (body));
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static Provider *
provider_new (const char *autoconfig,
              const char *well_known)
{
  Provider *p = g_new0 (Provider, 1);
  g_autofree char *pem = data_path ("test-server.pem");
  g_autofree char *ca = data_path ("test-ca.pem");
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  certificate = g_tls_certificate_new_from_file (pem, &error);
  g_assert_no_error (error);
  database = g_tls_file_database_new (ca, &error);
  g_assert_no_error (error);

  p->autoconfig = autoconfig;
  p->well_known = well_known;
  p->requests = g_ptr_array_new_with_free_func (g_free);
  p->server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (p->server, NULL, handler_cb, p, NULL);
  soup_server_listen (p->server, address, SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (p->server);
  p->base = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  _bv_mail_autoconfig_set_test_server (p->base, database);
  return p;
}

static void
provider_free (Provider *p)
{
  _bv_mail_autoconfig_set_test_server (NULL, NULL);
  g_clear_object (&p->server);
  g_ptr_array_unref (p->requests);
  g_free (p->base);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Provider, provider_free)

static BvMailAccount *
autoconfig (const char   *address,
            GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bv_mail_autoconfig_async (address, NULL, bv_test_result_cb, &result);
  return bv_mail_autoconfig_finish (bv_test_wait_for (&result), NULL, error);
}

#define CONFIG(servers) \
  "<?xml version=\"1.0\"?>\n<clientConfig version=\"1.1\">\n" \
  " <emailProvider id=\"sv-musterdorf.de\">\n  <domain>sv-musterdorf.de</domain>\n" \
  "  <incomingServer type=\"imap\"><hostname>imap.example.net</hostname><port>993</port>" \
  "<socketType>SSL</socketType><username>%EMAILADDRESS%</username></incomingServer>\n" \
  servers " </emailProvider>\n</clientConfig>\n"

static void
test_autoconfig (void)
{
  g_autoptr(Provider) p = provider_new (CONFIG (
    /* A plain-text server first: never used. */
    "  <outgoingServer type=\"smtp\"><hostname>plain.example.net</hostname><port>25</port>"
    "<socketType>plain</socketType><username>%EMAILADDRESS%</username></outgoingServer>\n"
    "  <outgoingServer type=\"smtp\"><hostname>smtp.example.net</hostname><port>587</port>"
    "<socketType>STARTTLS</socketType><username>%EMAILLOCALPART%</username>"
    "<authentication>password-cleartext</authentication></outgoingServer>\n"), NULL);
  g_autoptr(BvMailAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = autoconfig ("vorstand@sv-musterdorf.de", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bv_mail_account_get_host (account), ==, "smtp.example.net");
  g_assert_cmpuint (bv_mail_account_get_port (account), ==, 587);
  g_assert_cmpint (bv_mail_account_get_security (account), ==, BV_MAIL_SECURITY_STARTTLS);
  g_assert_cmpstr (bv_mail_account_get_username (account), ==, "vorstand");
  g_assert_cmpstr (bv_mail_account_get_address (account), ==, "vorstand@sv-musterdorf.de");
  /* One request, to the provider's own autoconfig address. */
  g_assert_cmpuint (p->requests->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (p->requests, 0), ==,
                   "/mail/config-v1.1.xml?emailaddress=vorstand%40sv-musterdorf.de");
}

static void
test_autoconfig_well_known (void)
{
  g_autoptr(Provider) p = provider_new (NULL, CONFIG (
    "  <outgoingServer type=\"smtp\"><hostname>mail.example.net</hostname><port>465</port>"
    "<socketType>SSL</socketType><username>%EMAILADDRESS%</username></outgoingServer>\n"));
  g_autoptr(BvMailAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = autoconfig ("vorstand@sv-musterdorf.de", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bv_mail_account_get_host (account), ==, "mail.example.net");
  g_assert_cmpuint (bv_mail_account_get_port (account), ==, 465);
  g_assert_cmpint (bv_mail_account_get_security (account), ==, BV_MAIL_SECURITY_SSL);
  g_assert_cmpstr (bv_mail_account_get_username (account), ==, "vorstand@sv-musterdorf.de");
  g_assert_cmpuint (p->requests->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (p->requests, 1),
                                   "/.well-known/autoconfig/mail/config-v1.1.xml?"));
}

static void
test_autoconfig_nothing_usable (void)
{
  g_autoptr(Provider) p = provider_new (CONFIG (
    "  <outgoingServer type=\"smtp\"><hostname>plain.example.net</hostname><port>25</port>"
    "<socketType>plain</socketType></outgoingServer>\n"), "kein XML <<<");
  g_autoptr(BvMailAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = autoconfig ("vorstand@sv-musterdorf.de", &error);
  g_assert_null (account);
  g_assert_error (error, BV_MAIL_ERROR, BV_MAIL_ERROR_NO_CONFIG);
  g_assert_nonnull (strstr (error->message, "sv-musterdorf.de"));
  g_assert_cmpuint (p->requests->len, ==, 2);
}

/* The table first; the network only for domains it does not know. */
static void
test_lookup (void)
{
  g_autoptr(Provider) p = provider_new (CONFIG (
    "  <outgoingServer type=\"smtp\"><hostname>smtp.example.net</hostname><port>465</port>"
    "<socketType>SSL</socketType><username>%EMAILADDRESS%</username></outgoingServer>\n"), NULL);
  g_autoptr(BvMailAccount) wanted = bv_mail_account_new ("kasse@web.de");
  g_autoptr(BvMailAccount) found = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BvMailAdvice advice = BV_MAIL_ADVICE_NONE;

  bv_mail_account_set_sender_name (wanted, "TSV Süd");
  bv_mail_providers_lookup_async (wanted, NULL, bv_test_result_cb, &result);
  found = bv_mail_providers_lookup_finish (bv_test_wait_for (&result), &advice, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bv_mail_account_get_host (found), ==, "smtp.web.de");
  g_assert_cmpstr (bv_mail_account_get_sender_name (found), ==, "TSV Süd");
  g_assert_cmpint (advice, ==, BV_MAIL_ADVICE_ENABLE_EXTERNAL);
  g_assert_cmpuint (p->requests->len, ==, 0);

  g_clear_object (&result);
  g_clear_object (&found);
  bv_mail_account_set_address (wanted, "kasse@sv-musterdorf.de");
  bv_mail_providers_lookup_async (wanted, NULL, bv_test_result_cb, &result);
  found = bv_mail_providers_lookup_finish (bv_test_wait_for (&result), &advice, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bv_mail_account_get_host (found), ==, "smtp.example.net");
  g_assert_cmpstr (bv_mail_account_get_sender_name (found), ==, "TSV Süd");
  g_assert_cmpint (advice, ==, BV_MAIL_ADVICE_NONE);
  g_assert_cmpuint (p->requests->len, ==, 1);
}

static void
test_autoconfig_invalid_address (void)
{
  g_autoptr(Provider) p = provider_new (NULL, NULL);
  g_autoptr(BvMailAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = autoconfig ("kein-at-zeichen", &error);
  g_assert_error (error, BV_MAIL_ERROR, BV_MAIL_ERROR_INVALID_ADDRESS);
  g_assert_cmpuint (p->requests->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/mail-providers/table", test_table);
  g_test_add_func ("/core/mail-providers/table-unknown", test_table_unknown);
  g_test_add_func ("/core/mail-providers/autoconfig", test_autoconfig);
  g_test_add_func ("/core/mail-providers/autoconfig-well-known", test_autoconfig_well_known);
  g_test_add_func ("/core/mail-providers/autoconfig-nothing-usable", test_autoconfig_nothing_usable);
  g_test_add_func ("/core/mail-providers/autoconfig-invalid-address", test_autoconfig_invalid_address);
  g_test_add_func ("/core/mail-providers/lookup", test_lookup);

  return g_test_run ();
}
