/* bv-bbb-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-bbb"

#include "config.h"

#include "bv-bbb-error.h"

G_DEFINE_QUARK (bv-bbb-error-quark, bv_bbb_error)
