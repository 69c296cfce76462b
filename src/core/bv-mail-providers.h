/* bv-mail-providers.h
 *
 * Server settings from the address's domain: a built-in table made from
 * Thunderbird's provider database (ISPDB) for the providers German clubs
 * use, then the provider's own autoconfig file and nobody else's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-mail-account.h"

G_BEGIN_DECLS

typedef enum {
  BV_MAIL_ADVICE_NONE,
  BV_MAIL_ADVICE_ENABLE_EXTERNAL,    /* GMX, WEB.DE: allow other programs in the settings */
  BV_MAIL_ADVICE_SEPARATE_PASSWORD,  /* T-Online: the separate e-mail password */
  BV_MAIL_ADVICE_APP_PASSWORD,       /* Gmail, Apple iCloud: an app password */
  BV_MAIL_ADVICE_NO_PASSWORD_LOGIN,  /* Microsoft personal accounts: OAuth2 only */
} BvMailAdvice;

/* Fills host, port, security and username of @account from the built-in
 * table for its address's domain. Returns FALSE (and leaves @account as
 * it was) when the domain is not in the table. @advice (nullable) gets
 * the provider's advice, NONE for unknown domains. */
gboolean     bv_mail_providers_fill      (BvMailAccount *account,
                                          BvMailAdvice  *advice);
/* The advice for a domain alone (nullable result-free lookup). */
BvMailAdvice bv_mail_providers_get_advice (const char   *address);
/* The provider's name as users know it ("GMX", "WEB.DE"), or NULL. */
const char  *bv_mail_providers_get_name  (const char    *address);

/* The German advice (translated), NULL for NONE. */
const char  *bv_mail_advice_get_text     (BvMailAdvice   advice);

/* Asks only the provider's own autoconfig addresses:
 * https://autoconfig.<domain>/mail/config-v1.1.xml?emailaddress=<address>
 * and https://<domain>/.well-known/autoconfig/mail/config-v1.1.xml.
 * The result is a new account with the address, its SMTP server, port,
 * security and user name (%EMAILADDRESS% / %EMAILLOCALPART% resolved).
 * A server offering only plain SMTP does not count. Errors:
 * BV_MAIL_ERROR_NO_CONFIG when nothing usable was found. */
void           bv_mail_autoconfig_async  (const char          *address,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
BvMailAccount *bv_mail_autoconfig_finish (GAsyncResult        *result,
                                          BvMailAdvice        *advice,
                                          GError             **error);

/* The table first, then the autoconfig file: what the command line and
 * the settings page do with a typed address. The account returned keeps
 * @account's sender name. */
void           bv_mail_providers_lookup_async  (BvMailAccount       *account,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
BvMailAccount *bv_mail_providers_lookup_finish (GAsyncResult        *result,
                                                BvMailAdvice        *advice,
                                                GError             **error);

G_END_DECLS
