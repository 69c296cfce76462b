/* bv-mail-error.h
 *
 * What can go wrong while sending invitations by e-mail (issue 16). Every
 * message is German (translated), says what happened and what to do next,
 * and never contains a password or a message's text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BV_MAIL_ERROR (bv_mail_error_quark ())

/* A cancellation is G_IO_ERROR_CANCELLED, as everywhere in GIO. */
typedef enum {
  BV_MAIL_ERROR_AUTH_FAILED,       /* 535: user name or password refused */
  BV_MAIL_ERROR_TLS_FAILED,        /* handshake failed, certificate not trusted */
  BV_MAIL_ERROR_UNREACHABLE,       /* name not found, connection refused, timeout */
  BV_MAIL_ERROR_NO_STARTTLS,       /* the server offers no encryption */
  BV_MAIL_ERROR_RECIPIENT_REFUSED, /* 5xx for one recipient: that person failed */
  BV_MAIL_ERROR_TEMPORARY,         /* 421/450/451/452 still after the retries */
  BV_MAIL_ERROR_CONNECTION_LOST,   /* the server went away in the middle */
  BV_MAIL_ERROR_INVALID_ADDRESS,   /* an address that cannot be sent to */
  BV_MAIL_ERROR_NO_ACCOUNT,        /* no e-mail account set up, or no password */
  BV_MAIL_ERROR_NO_CONFIG,         /* autoconfig: the provider publishes nothing usable */
  BV_MAIL_ERROR_FAILED,            /* anything else the server said */
} BvMailError;

GQuark bv_mail_error_quark (void);

G_END_DECLS
