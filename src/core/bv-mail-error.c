/* bv-mail-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bv-mail-error.h"

G_DEFINE_QUARK (bv-mail-error-quark, bv_mail_error)
