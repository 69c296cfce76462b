/* bv-bbb-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BV_BBB_ERROR (bv_bbb_error_quark ())

/* Every code carries a message that tells a non-technical user what to do;
 * the API client adds the server's messageKeys here. */
typedef enum {
  BV_BBB_ERROR_INVALID_URL,
  BV_BBB_ERROR_INSECURE_URL,
} BvBbbError;

GQuark bv_bbb_error_quark (void);

G_END_DECLS
