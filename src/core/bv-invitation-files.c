/* bv-invitation-files.c
 *
 * Calendar files for each invited person, into a folder of their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-invitation-files.h"

#include <string.h>

#include <glib/gi18n-lib.h>

/* Far below the 255 bytes of a name on every file system, with room for
 * " (999).ics". */
#define MAX_NAME_BYTES 120

/* More folders or files of one name than anyone makes by hand: a sign of
 * a folder that refuses every name. */
#define MAX_NUMBER 1000

/* Names Windows (and so FAT and SMB) keep for devices, with any
 * extension. */
static gboolean
is_device_name (const char *name)
{
  static const char * const devices[] = { "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$" };
  gsize stem = strcspn (name, ".");

  for (guint i = 0; i < G_N_ELEMENTS (devices); i++)
    if (stem == strlen (devices[i]) && g_ascii_strncasecmp (name, devices[i], stem) == 0)
      return TRUE;

  /* COM1 … COM9, LPT1 … LPT9 */
  return stem == 4
         && (g_ascii_strncasecmp (name, "COM", 3) == 0 || g_ascii_strncasecmp (name, "LPT", 3) == 0)
         && name[3] >= '1' && name[3] <= '9';
}

static char *
safe_stem (const char *name)
{
  g_autofree char *normal = NULL;
  g_autoptr(GString) base = g_string_new (NULL);

  normal = name && g_utf8_validate (name, -1, NULL)
           ? g_utf8_normalize (name, -1, G_NORMALIZE_DEFAULT_COMPOSE)
           : NULL;

  for (const char *p = normal ? normal : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);
      gsize before = base->len;

      if (c < 0x20 || c == 0x7f || strchr ("/\\:*?\"<>|", (int) c)
          || type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT
          || type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        g_string_append_c (base, '_');
      else
        g_string_append_unichar (base, c);

      if (base->len > MAX_NAME_BYTES)
        {
          g_string_truncate (base, before);
          break;
        }
    }

  /* Hidden files start with a dot; Windows drops trailing dots and
   * blanks, which would make "Anna." and "Anna" one file. */
  g_strstrip (base->str);
  g_string_set_size (base, strlen (base->str));
  while (base->len > 0 && base->str[0] == '.')
    g_string_erase (base, 0, 1);
  while (base->len > 0 && (base->str[base->len - 1] == '.' || base->str[base->len - 1] == ' '))
    g_string_truncate (base, base->len - 1);

  if (base->len == 0)
    g_string_assign (base, _("Invitation"));
  if (is_device_name (base->str))
    g_string_prepend_c (base, '_');

  return g_string_free (g_steal_pointer (&base), FALSE);
}

char *
bv_invitation_files_safe_name (const char *name,
                               const char *extension)
{
  g_autofree char *stem = safe_stem (name);

  return extension ? g_strconcat (stem, ".", extension, NULL) : g_steal_pointer (&stem);
}

char *
bv_invitation_files_name_key (const char *file_name)
{
  g_autofree char *normal = NULL;

  g_return_val_if_fail (file_name, NULL);

  normal = g_utf8_normalize (file_name, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  return g_utf8_casefold (normal ? normal : file_name, -1);
}

char *
bv_invitation_files_folder_name (BvMeeting *meeting)
{
  const char *start;
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  start = bv_meeting_get_start_local (meeting);
  date = start ? g_strndup (start, strcspn (start, "T")) : g_strdup ("");
  /* Translators: the folder for a meeting's calendar files; %1$s is the
   * meeting's title, %2$s its first date (2026-12-01). */
  name = g_strdup_printf (_("Invitations %1$s %2$s"), bv_meeting_get_title (meeting), date);
  return safe_stem (name);
}

static GFile *
make_folder (GFile         *parent,
             const char    *folder_name,
             GCancellable  *cancellable,
             GError       **error)
{
  for (guint n = 1; n <= MAX_NUMBER; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup (folder_name)
                                     : g_strdup_printf ("%s (%u)", folder_name, n);
      g_autoptr(GFile) folder = g_file_get_child (parent, name);
      g_autoptr(GError) local_error = NULL;

      if (g_file_make_directory (folder, cancellable, &local_error))
        {
          /* Every link in there lets its person into the room. */
          g_file_set_attribute_uint32 (folder, G_FILE_ATTRIBUTE_UNIX_MODE, 0700,
                                       G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
          return g_steal_pointer (&folder);
        }
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("There are too many folders of this name already."));
  return NULL;
}

/* Creates (never replaces) the file for @name: the first free of "Name",
 * "Name (2)" … by @taken's keys and by what the folder says exists. */
static GFile *
create_file (GFile         *folder,
             const char    *name,
             const char    *contents,
             GHashTable    *taken,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *stem = safe_stem (name);

  for (guint n = 1; n <= MAX_NUMBER; n++)
    {
      g_autofree char *file_name = n == 1 ? g_strdup_printf ("%s.ics", stem)
                                          : g_strdup_printf ("%s (%u).ics", stem, n);
      g_autofree char *key = bv_invitation_files_name_key (file_name);
      g_autoptr(GFile) file = NULL;
      g_autoptr(GFileOutputStream) output = NULL;
      g_autoptr(GError) local_error = NULL;

      if (g_hash_table_contains (taken, key))
        continue;

      file = g_file_get_child (folder, file_name);
      output = g_file_create (file, G_FILE_CREATE_PRIVATE, cancellable, &local_error);
      if (!output && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          /* The folder knows a clash we did not foresee. */
          g_hash_table_add (taken, g_steal_pointer (&key));
          continue;
        }
      if (!output)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      g_hash_table_add (taken, g_steal_pointer (&key));
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (output), contents, strlen (contents), NULL,
                                      cancellable, error)
          || !g_output_stream_close (G_OUTPUT_STREAM (output), cancellable, error))
        {
          g_file_delete (file, NULL, NULL);
          return NULL;
        }
      return g_steal_pointer (&file);
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("There are too many files of this name already."));
  return NULL;
}

GFile *
bv_invitation_files_write (GFile         *parent,
                           const char    *folder_name,
                           GPtrArray     *names,
                           GPtrArray     *contents,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *safe_folder = NULL;

  g_return_val_if_fail (G_IS_FILE (parent), NULL);
  g_return_val_if_fail (folder_name, NULL);
  g_return_val_if_fail (names && contents && names->len == contents->len, NULL);
  g_return_val_if_fail (!error || !*error, NULL);

  safe_folder = safe_stem (folder_name);
  folder = make_folder (parent, safe_folder, cancellable, error);
  if (!folder)
    return NULL;

  for (guint i = 0; i < names->len; i++)
    {
      GFile *file = create_file (folder, g_ptr_array_index (names, i),
                                 g_ptr_array_index (contents, i), taken, cancellable, error);

      if (!file)
        {
          /* Half a set of invitations helps nobody. */
          for (guint j = 0; j < written->len; j++)
            g_file_delete (g_ptr_array_index (written, j), NULL, NULL);
          g_file_delete (folder, NULL, NULL);
          return NULL;
        }
      g_ptr_array_add (written, file);
    }

  return g_steal_pointer (&folder);
}
