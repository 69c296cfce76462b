/* bv-secret-store-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bv-secret-store.h"

G_BEGIN_DECLS

/* What libsecret and GDBus report, as the few BV_SECRET_ERROR cases the
 * UI can explain; shared with the mail account's password
 * (bv-mail-secret.c). Takes @error over. */
GError *_bv_secret_store_translate_error (GError       *error,
                                          GCancellable *cancellable);

G_END_DECLS
