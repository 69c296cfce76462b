/* bv-mail-account.h
 *
 * The club's own mailbox that invitations are sent through (issue 16):
 * sender name and address, the SMTP server, its security and the user
 * name. Kept in GSettings (mail-* keys); the password is only in the
 * keyring (bv-mail-secret.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* There is deliberately no "none": a password never goes over an
 * unencrypted connection. */
typedef enum {
  BV_MAIL_SECURITY_SSL,       /* implicit TLS, port 465 (RFC 8314) */
  BV_MAIL_SECURITY_STARTTLS,  /* STARTTLS required, port 587 (RFC 6409) */
} BvMailSecurity;

#define BV_TYPE_MAIL_SECURITY (bv_mail_security_get_type ())
GType           bv_mail_security_get_type        (void);
/* "ssl" / "starttls", as stored in GSettings and given on the command line */
const char     *bv_mail_security_to_string       (BvMailSecurity  security);
gboolean        bv_mail_security_from_string     (const char     *string,
                                                  BvMailSecurity *security);
guint           bv_mail_security_default_port    (BvMailSecurity  security);

#define BV_TYPE_MAIL_ACCOUNT (bv_mail_account_get_type ())
G_DECLARE_FINAL_TYPE (BvMailAccount, bv_mail_account, BV, MAIL_ACCOUNT, GObject)

/* Properties: sender-name, address, host, port (0 = the security's
 * default), security, username; all read-write. */
BvMailAccount  *bv_mail_account_new              (const char     *address);
/* NULL when @settings has an empty mail-address (no account set up). */
BvMailAccount  *bv_mail_account_load             (GSettings      *settings);
void            bv_mail_account_save             (BvMailAccount  *self,
                                                  GSettings      *settings);
/* Empties mail-address (and the other keys): no account any more. The
 * password is removed separately (bv_mail_secret_delete_async ()). */
void            bv_mail_account_forget           (GSettings      *settings);
BvMailAccount  *bv_mail_account_copy             (BvMailAccount  *self);

const char     *bv_mail_account_get_sender_name  (BvMailAccount  *self);
void            bv_mail_account_set_sender_name  (BvMailAccount  *self,
                                                  const char     *sender_name);
const char     *bv_mail_account_get_address      (BvMailAccount  *self);
void            bv_mail_account_set_address      (BvMailAccount  *self,
                                                  const char     *address);
const char     *bv_mail_account_get_host         (BvMailAccount  *self);
void            bv_mail_account_set_host         (BvMailAccount  *self,
                                                  const char     *host);
/* The effective port: the stored one, or 465 / 587 when 0 is stored. */
guint           bv_mail_account_get_port         (BvMailAccount  *self);
void            bv_mail_account_set_port         (BvMailAccount  *self,
                                                  guint           port);
BvMailSecurity  bv_mail_account_get_security     (BvMailAccount  *self);
void            bv_mail_account_set_security     (BvMailAccount  *self,
                                                  BvMailSecurity  security);
/* The login name; empty or NULL means the address. */
const char     *bv_mail_account_get_username     (BvMailAccount  *self);
void            bv_mail_account_set_username     (BvMailAccount  *self,
                                                  const char     *username);

/* Whether @address looks like something a mail server accepts as a
 * recipient: an ASCII local part, one @, a domain with a dot (may be
 * internationalised), no spaces or control characters, at most 254
 * octets. */
gboolean        bv_mail_address_is_valid         (const char     *address);
/* The domain as punycode, for the SMTP envelope. */
char           *bv_mail_address_to_ascii         (const char     *address);
/* The part after the @, lower-case; NULL when there is none. */
char           *bv_mail_address_get_domain       (const char     *address);

/* Checks that host, address and sender are usable; a German error
 * (BV_MAIL_ERROR_INVALID_ADDRESS) says which field is wrong. */
gboolean        bv_mail_account_check            (BvMailAccount  *self,
                                                  GError        **error);

G_END_DECLS
