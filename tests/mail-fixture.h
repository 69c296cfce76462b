/* mail-fixture.h
 *
 * A real SMTP server for the mail tests: tests/smtp-server.py
 * (python3-aiosmtpd) on 127.0.0.1 with the suite's test certificate,
 * STARTTLS or implicit TLS, AUTH required, scripted refusals. It writes
 * each accepted message to a folder and each command to a log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-mail-account.h"

G_BEGIN_DECLS

#define MAIL_USER     "verein@example.de"
#define MAIL_PASSWORD "geheim-Passwort-ä"
#define MAIL_SENDER   "Sportfreunde Grün-Weiß Söhlde"

typedef struct
{
  GSubprocess *process;
  char        *dir;
  char        *outdir;
  char        *log;
  guint        port;
  gboolean     ssl;
} MailServer;

/* Starts the server with @first_arg, … (NULL-terminated) added to its
 * command line, e.g. "--refuse", "b@example.org", NULL. */
MailServer    *mail_server_start         (const char  *first_arg,
                                          ...) G_GNUC_NULL_TERMINATED;
void           mail_server_stop          (MailServer  *server);
/* Lines of the command log equal to @line (e.g. "AUTH", "CONNECT") or,
 * when @line ends with a space, starting with it. */
guint          mail_server_count         (MailServer  *server,
                                          const char  *line);
/* Messages accepted so far. */
guint          mail_server_count_messages (MailServer *server);
/* An account pointing at the server (STARTTLS or SSL as started). */
BvMailAccount *mail_server_account       (MailServer  *server);
/* Trusts the suite's test CA for SMTP (and autoconfig). */
void           mail_fixture_trust_test_ca (void);
char          *mail_fixture_data_path    (const char  *name);

/* Runs tests/check-mail.py on the server's messages with @expect (JSON);
 * returns its output ("ADDRESS MESSAGE-ID" lines) or fails the test. */
char          *mail_server_check         (MailServer  *server,
                                          const char  *expect_json);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MailServer, mail_server_stop)

G_END_DECLS
