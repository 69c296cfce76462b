/* bv-mail-transport.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-mail-transport.h"

#include <curl/curl.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "bv-mail-error.h"
#include "bv-secure.h"

struct _BvMailTransport
{
  CURL         *curl;
  char         *url;
  char         *host;
  char         *username;
  char         *password;
  char         *from;
  BvMailSecurity security;
  guint         port;
  guint         n_connections;

  /* The message being uploaded. */
  const char   *data;
  gsize         length;
  gsize         offset;
  GCancellable *cancellable;
  /* While a message is on its way, a cancel waits this long for the
   * server's answer (0 = abort at once), and when it was first seen. */
  gint64        cancel_grace_us;
  gint64        cancelled_at;
  char          error_buffer[CURL_ERROR_SIZE];
};

static char *test_ca_file;

void
_bv_mail_transport_set_ca_file (const char *path)
{
  g_free (test_ca_file);
  test_ca_file = g_strdup (path);
}

static gpointer
init_curl (gpointer data)
{
  curl_global_init (CURL_GLOBAL_DEFAULT);
  return NULL;
}

BvMailTransport *
bv_mail_transport_new (BvMailAccount *account,
                       const char    *password)
{
  static GOnce once = G_ONCE_INIT;
  BvMailTransport *self;
  g_autofree char *host = NULL;
  g_autofree char *ascii = NULL;

  g_return_val_if_fail (BV_IS_MAIL_ACCOUNT (account), NULL);
  g_return_val_if_fail (password, NULL);

  g_once (&once, init_curl, NULL);

  self = g_new0 (BvMailTransport, 1);
  self->security = bv_mail_account_get_security (account);
  self->port = bv_mail_account_get_port (account);
  self->host = g_strdup (bv_mail_account_get_host (account));
  self->username = g_strdup (bv_mail_account_get_username (account));
  self->password = g_strdup (password);
  ascii = bv_mail_address_to_ascii (bv_mail_account_get_address (account));
  self->from = g_strdup_printf ("<%s>", ascii);
  /* An IPv6 literal needs its brackets in the URL. */
  host = strchr (self->host, ':') ? g_strdup_printf ("[%s]", self->host) : g_strdup (self->host);
  self->url = g_strdup_printf ("%s://%s:%u",
                               self->security == BV_MAIL_SECURITY_SSL ? "smtps" : "smtp",
                               host, self->port);
  return self;
}

void
bv_mail_transport_free (BvMailTransport *self)
{
  if (!self)
    return;
  /* Sends QUIT on the open connection. */
  g_clear_pointer (&self->curl, curl_easy_cleanup);
  g_free (self->url);
  g_free (self->host);
  g_free (self->username);
  if (self->password)
    bv_secure_free_string (self->password);
  g_free (self->from);
  g_free (self);
}

guint
bv_mail_transport_get_n_connections (BvMailTransport *self)
{
  return self->n_connections;
}

/* What the server answers to NOOP goes nowhere. */
static size_t
discard_cb (char   *buffer,
            size_t  size,
            size_t  n,
            void   *user_data)
{
  return size * n;
}

static size_t
read_cb (char   *buffer,
         size_t  size,
         size_t  n,
         void   *user_data)
{
  BvMailTransport *self = user_data;
  size_t wanted = size * n;
  size_t left = self->length - self->offset;
  size_t chunk = MIN (wanted, left);

  memcpy (buffer, self->data + self->offset, chunk);
  self->offset += chunk;
  return chunk;
}

/* Called about once a second and whenever data moves, also while
 * connecting and waiting for a reply: the place to notice a cancel. */
static int
progress_cb (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  BvMailTransport *self = user_data;
  gint64 now;

  if (!g_cancellable_is_cancelled (self->cancellable))
    return 0;
  /* A message the server may already have accepted is let finish, so
   * that what it accepted is known and stored: stopping then would make
   * "only unsent" send it twice. A server that does not answer within
   * the grace is left. */
  now = g_get_monotonic_time ();
  if (self->cancelled_at == 0)
    self->cancelled_at = now;
  return now - self->cancelled_at >= self->cancel_grace_us ? 1 : 0;
}

static CURL *
get_handle (BvMailTransport *self)
{
  const char *ca_file;

  if (self->curl)
    return self->curl;

  self->curl = curl_easy_init ();
  if (!self->curl)
    return NULL;

  curl_easy_setopt (self->curl, CURLOPT_URL, self->url);
  /* Never without TLS: smtps:// is TLS from the start; for smtp:// the
   * server must offer STARTTLS, else nothing is sent, the login neither. */
  curl_easy_setopt (self->curl, CURLOPT_USE_SSL, (long) CURLUSESSL_ALL);
  curl_easy_setopt (self->curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (self->curl, CURLOPT_SSL_VERIFYHOST, 2L);
  /* SSL_CERT_FILE as OpenSSL-based programs read it: another trust
   * store, never less checking. */
  ca_file = test_ca_file ? test_ca_file : g_getenv ("SSL_CERT_FILE");
  if (ca_file && *ca_file)
    {
      curl_easy_setopt (self->curl, CURLOPT_CAINFO, ca_file);
      curl_easy_setopt (self->curl, CURLOPT_CAPATH, NULL);
    }
  curl_easy_setopt (self->curl, CURLOPT_USERNAME, self->username);
  curl_easy_setopt (self->curl, CURLOPT_PASSWORD, self->password);
  curl_easy_setopt (self->curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  /* Worker threads must not get signals from libcurl's resolver. */
  curl_easy_setopt (self->curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (self->curl, CURLOPT_CONNECTTIMEOUT, 30L);
  /* A server that stops answering for a minute is gone. */
  curl_easy_setopt (self->curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (self->curl, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt (self->curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (self->curl, CURLOPT_XFERINFOFUNCTION, progress_cb);
  curl_easy_setopt (self->curl, CURLOPT_XFERINFODATA, self);
  curl_easy_setopt (self->curl, CURLOPT_READFUNCTION, read_cb);
  curl_easy_setopt (self->curl, CURLOPT_READDATA, self);
  curl_easy_setopt (self->curl, CURLOPT_WRITEFUNCTION, discard_cb);
  curl_easy_setopt (self->curl, CURLOPT_ERRORBUFFER, self->error_buffer);
  /* CURLOPT_VERBOSE stays off: it would print the login. */
  return self->curl;
}

static GError *
translate (BvMailTransport *self,
           CURLcode         code,
           long             reply,
           gboolean         sending)
{
  /* The host and libcurl's short reason only; never the login or text. */
  g_debug ("SMTP %s: curl %d (%s), reply %ld", self->host, code,
           curl_easy_strerror (code), reply);

  switch ((int) code)
    {
    case CURLE_ABORTED_BY_CALLBACK:
      return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                  _("Sending was cancelled."));

    case CURLE_LOGIN_DENIED:
      return g_error_new_literal (BV_MAIL_ERROR, BV_MAIL_ERROR_AUTH_FAILED,
                                  _("The mail server refused the login. Check the user name and "
                                    "the password under Preferences → E-Mail; some providers need "
                                    "sending through other programs switched on, or an app "
                                    "password."));

    case CURLE_USE_SSL_FAILED:
      return g_error_new_literal (BV_MAIL_ERROR, BV_MAIL_ERROR_NO_STARTTLS,
                                  _("The mail server offers no encryption (STARTTLS), so the "
                                    "password was not sent. Choose “SSL/TLS” with port 465 under "
                                    "Preferences → E-Mail, or ask your provider for the right "
                                    "settings."));

    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      return g_error_new (BV_MAIL_ERROR, BV_MAIL_ERROR_TLS_FAILED,
                          /* Translators: %s is the mail server's name. */
                          _("The encrypted connection to “%s” could not be set up or its "
                            "certificate is not trusted. Check the server’s name, port and "
                            "security under Preferences → E-Mail; nothing was sent."),
                          self->host);

    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
      return g_error_new (BV_MAIL_ERROR, BV_MAIL_ERROR_UNREACHABLE,
                          _("The mail server “%s” cannot be reached. Check the internet "
                            "connection and the server’s name and port under Preferences → "
                            "E-Mail."),
                          self->host);

    case CURLE_OPERATION_TIMEDOUT:
      if (!sending)
        return g_error_new (BV_MAIL_ERROR, BV_MAIL_ERROR_UNREACHABLE,
                            _("The mail server “%s” cannot be reached. Check the internet "
                              "connection and the server’s name and port under Preferences → "
                              "E-Mail."),
                            self->host);
      break;

    default:
      break;
    }

  if (reply == 421 || reply == 450 || reply == 451 || reply == 452)
    return g_error_new (BV_MAIL_ERROR, BV_MAIL_ERROR_TEMPORARY,
                        /* Translators: %ld is the server's reply code, e.g. 421. */
                        _("The mail server is not accepting messages at the moment (%ld). Try "
                          "again later."), reply);
  if (reply >= 500 && reply < 600)
    return g_error_new (BV_MAIL_ERROR, BV_MAIL_ERROR_RECIPIENT_REFUSED,
                        /* Translators: %ld is the server's reply code, e.g. 550. */
                        _("The mail server refused this message (%ld). Check the address; the "
                          "mailbox may not exist."), reply);
  if (reply >= 400 && reply < 500)
    return g_error_new (BV_MAIL_ERROR, BV_MAIL_ERROR_TEMPORARY,
                        _("The mail server is not accepting messages at the moment (%ld). Try "
                          "again later."), reply);

  switch ((int) code)
    {
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE:
    case CURLE_WEIRD_SERVER_REPLY:
      return g_error_new_literal (BV_MAIL_ERROR, BV_MAIL_ERROR_CONNECTION_LOST,
                                  _("The connection to the mail server was lost."));
    default:
      return g_error_new (BV_MAIL_ERROR, BV_MAIL_ERROR_FAILED,
                          /* Translators: %s is libcurl's short English reason. */
                          _("Sending failed (%s). Check the settings under Preferences → E-Mail "
                            "and try again."), curl_easy_strerror (code));
    }
}

static CURLcode
perform (BvMailTransport *self,
         long            *reply)
{
  CURLcode code;
  long connects = 0;

  code = curl_easy_perform (self->curl);
  curl_easy_getinfo (self->curl, CURLINFO_RESPONSE_CODE, reply);
  if (curl_easy_getinfo (self->curl, CURLINFO_NUM_CONNECTS, &connects) == CURLE_OK)
    self->n_connections += (guint) connects;
  return code;
}

gboolean
bv_mail_transport_check (BvMailTransport  *self,
                         GCancellable     *cancellable,
                         GError          **error)
{
  CURLcode code;
  long reply = 0;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!get_handle (self))
    {
      g_set_error_literal (error, BV_MAIL_ERROR, BV_MAIL_ERROR_FAILED,
                           _("Sending is not possible: libcurl could not be started."));
      return FALSE;
    }

  self->cancellable = cancellable;
  self->cancel_grace_us = 0;
  self->cancelled_at = 0;
  /* Greeting, EHLO, STARTTLS, AUTH, then a harmless NOOP instead of a
   * message; freeing the handle says QUIT. */
  curl_easy_setopt (self->curl, CURLOPT_CUSTOMREQUEST, "NOOP");
  curl_easy_setopt (self->curl, CURLOPT_UPLOAD, 0L);
  curl_easy_setopt (self->curl, CURLOPT_MAIL_RCPT, NULL);
  code = perform (self, &reply);
  curl_easy_setopt (self->curl, CURLOPT_CUSTOMREQUEST, NULL);
  self->cancellable = NULL;
  if (code != CURLE_OK)
    {
      g_propagate_error (error, translate (self, code, reply, FALSE));
      return FALSE;
    }
  /* The QUIT, now. */
  g_clear_pointer (&self->curl, curl_easy_cleanup);
  return TRUE;
}

gboolean
bv_mail_transport_send (BvMailTransport  *self,
                        const char       *recipient,
                        const char       *data,
                        gsize             length,
                        guint            *reply_code,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autofree char *rcpt = NULL;
  g_autofree char *ascii = NULL;
  struct curl_slist *recipients = NULL;
  CURLcode code;
  long reply = 0;

  if (reply_code)
    *reply_code = 0;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!get_handle (self))
    {
      g_set_error_literal (error, BV_MAIL_ERROR, BV_MAIL_ERROR_FAILED,
                           _("Sending is not possible: libcurl could not be started."));
      return FALSE;
    }

  /* One recipient per message: members never see each other's address. */
  ascii = bv_mail_address_to_ascii (recipient);
  rcpt = g_strdup_printf ("<%s>", ascii);
  recipients = curl_slist_append (NULL, rcpt);
  curl_easy_setopt (self->curl, CURLOPT_MAIL_FROM, self->from);
  curl_easy_setopt (self->curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt (self->curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (self->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t) length);
  self->data = data;
  self->length = length;
  self->offset = 0;
  self->cancellable = cancellable;
  self->cancel_grace_us = 10 * G_USEC_PER_SEC;
  self->cancelled_at = 0;
  self->error_buffer[0] = '\0';

  code = perform (self, &reply);

  curl_easy_setopt (self->curl, CURLOPT_MAIL_RCPT, NULL);
  curl_slist_free_all (recipients);
  self->data = NULL;
  self->cancellable = NULL;
  if (reply_code)
    *reply_code = (guint) reply;

  if (code != CURLE_OK)
    {
      g_propagate_error (error, translate (self, code, reply, TRUE));
      return FALSE;
    }
  return TRUE;
}
