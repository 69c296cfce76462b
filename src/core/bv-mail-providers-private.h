/* bv-mail-providers-private.h
 *
 * For the tests only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bv-mail-providers.h"

G_BEGIN_DECLS

/* Asks @base_uri (e.g. "https://127.0.0.1:4711") instead of the
 * provider's autoconfig and domain addresses, trusting @database; NULL
 * restores the real addresses. */
void           _bv_mail_autoconfig_set_test_server (const char   *base_uri,
                                                    GTlsDatabase *database);
BvMailAccount *_bv_mail_autoconfig_parse           (const char   *xml,
                                                    gsize         length,
                                                    const char   *address);

G_END_DECLS
