/* bv-mail-transport.h
 *
 * SMTP submission with libcurl, for the worker threads of the connection
 * test and the mailer only (blocking). One easy handle keeps one
 * connection open across the messages of a batch. TLS always: implicit
 * (smtps://) or STARTTLS required (CURLUSESSL_ALL), so a password never
 * goes over an unencrypted connection; certificates are verified.
 *
 * Nothing here logs a password or a message's text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-mail-account.h"

G_BEGIN_DECLS

typedef struct _BvMailTransport BvMailTransport;

/* @password is copied and wiped when the transport is freed. */
BvMailTransport *bv_mail_transport_new       (BvMailAccount    *account,
                                              const char       *password);
void             bv_mail_transport_free      (BvMailTransport  *self);

/* Connect, TLS, login, NOOP and QUIT: the connection test. */
gboolean         bv_mail_transport_check     (BvMailTransport  *self,
                                              GCancellable     *cancellable,
                                              GError          **error);

/* Sends one message (@data, CRLF line ends) to @recipient alone, over the
 * open connection or a new one. FALSE with BV_MAIL_ERROR_RECIPIENT_REFUSED
 * (5xx: this message failed, the next may go), _TEMPORARY (4xx: try again
 * later), _CONNECTION_LOST, _AUTH_FAILED, _TLS_FAILED, _UNREACHABLE,
 * _NO_STARTTLS, _FAILED or G_IO_ERROR_CANCELLED. A cancel while the
 * message is on its way waits up to 10 s for the server's answer, so that
 * an accepted message is known as accepted. @reply_code (nullable) gets
 * the server's last reply code (0 when none). */
gboolean         bv_mail_transport_send      (BvMailTransport  *self,
                                              const char       *recipient,
                                              const char       *data,
                                              gsize             length,
                                              guint            *reply_code,
                                              GCancellable     *cancellable,
                                              GError          **error);

/* How many connections were opened so far (the benchmark's number). */
guint            bv_mail_transport_get_n_connections (BvMailTransport *self);

/* Tests: trust only the certificates in @path (PEM) instead of the
 * system's; NULL restores the system's. */
void             _bv_mail_transport_set_ca_file (const char *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BvMailTransport, bv_mail_transport_free)

G_END_DECLS
