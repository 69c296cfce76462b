/* bv-file-reader.c
 *
 * Reading a file whole, with a size limit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-file-reader.h"

#include <glib/gi18n-lib.h>

#define CHUNK_SIZE (64 * 1024)

static void
set_too_large (GError **error,
               gsize    max_bytes)
{
  g_autofree char *limit = g_format_size (max_bytes);

  /* Translators: %s is a size such as "10.5 MB". */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
               _("The file is larger than %s."), limit);
}

GBytes *
bv_file_reader_read (GFile         *file,
                     gsize          max_bytes,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  g_autofree guint8 *buffer = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  /* A GByteArray counts in guint. */
  g_return_val_if_fail (max_bytes <= G_MAXUINT - CHUNK_SIZE, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (!error || !*error, NULL);

  /* Only a hint: when the size cannot be asked, opening the file reports
   * why, and what is read is counted anyway. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (info && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR
      && g_file_info_get_size (info) > (goffset) max_bytes)
    {
      set_too_large (error, max_bytes);
      return NULL;
    }

  input = g_file_read (file, cancellable, error);
  if (!input)
    return NULL;

  bytes = g_byte_array_new ();
  buffer = g_malloc (CHUNK_SIZE);
  for (;;)
    {
      gsize n = 0;

      if (!g_input_stream_read_all (G_INPUT_STREAM (input), buffer, CHUNK_SIZE, &n,
                                    cancellable, error))
        return NULL;
      if (n == 0)
        break;
      if (n > max_bytes - bytes->len)
        {
          set_too_large (error, max_bytes);
          return NULL;
        }
      g_byte_array_append (bytes, buffer, n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
