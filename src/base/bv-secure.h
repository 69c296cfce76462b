/* bv-secure.h
 *
 * Secrets and unguessable values, shared by every layer: the kernel's
 * random numbers, wiping before free, comparing without a timing leak.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void      bv_secure_random_bytes (guint8     *buffer,
                                  gsize       length);
guint32   bv_secure_random_range (guint32     begin,
                                  guint32     end);
char     *bv_secure_random_token (guint       length,
                                  const char *alphabet);
void      bv_secure_wipe         (gpointer    data,
                                  gsize       length);
void      bv_secure_free_string  (char       *string);
gboolean  bv_secure_equal_ascii_nocase (const char *a,
                                        const char *b);

G_END_DECLS
