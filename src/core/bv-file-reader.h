/* bv-file-reader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The whole of @file, refusing one larger than @max_bytes: a regular file
 * by its size before a byte of it is read, anything else (a pipe that
 * never ends, a file that grew since it was measured) as soon as more
 * than @max_bytes came, so that memory stays bounded by @max_bytes and
 * one buffer. Shared by the calendar and member imports and the slides.
 *
 * Blocking: call it in a worker thread. Errors:
 * G_IO_ERROR_MESSAGE_TOO_LARGE when the file is larger, G_IO_ERROR_CANCELLED,
 * else the errors of opening and reading the file as GIO sets them. The
 * callers put their own words around these. */
GBytes *bv_file_reader_read (GFile         *file,
                             gsize          max_bytes,
                             GCancellable  *cancellable,
                             GError       **error);

G_END_DECLS
