/* bv-secure.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-secure"

#include "config.h"

#include "bv-secure.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include <glib/gstdio.h>

/* The kernel's CSPRNG: room ids, passwords, link keys and the practice
 * server's secret are the only protection against strangers, so GLib's
 * predictable g_random is not enough. */
void
bv_secure_random_bytes (guint8 *buffer,
                        gsize   length)
{
  gsize have = 0;
  int fd;

  g_return_if_fail (buffer || length == 0);

  while (have < length)
    {
      ssize_t n = getrandom (buffer + have, length - have, 0);

      if (n > 0)
        have += n;
      else if (n < 0 && errno != EINTR)
        break;
    }

  if (have == length)
    return;

  /* Only for kernels without getrandom(2). */
  fd = g_open ("/dev/urandom", O_RDONLY | O_CLOEXEC, 0);
  while (fd >= 0 && have < length)
    {
      ssize_t n = read (fd, buffer + have, length - have);

      if (n > 0)
        have += n;
      else if (n == 0 || errno != EINTR)
        break;
    }
  if (fd >= 0)
    g_close (fd, NULL);

  /* A predictable value would be a silent security hole; stop instead. */
  if (have < length)
    g_error ("No source of secure random numbers is available");
}

/* Uniform in [begin, end), without the modulo bias. */
guint32
bv_secure_random_range (guint32 begin,
                        guint32 end)
{
  guint32 span;
  guint32 limit;
  guint32 value;

  g_return_val_if_fail (begin < end, begin);

  span = end - begin;
  limit = G_MAXUINT32 - (G_MAXUINT32 % span);
  do
    bv_secure_random_bytes ((guint8 *) &value, sizeof value);
  while (value >= limit);

  return begin + value % span;
}

char *
bv_secure_random_token (guint       length,
                        const char *alphabet)
{
  gsize n;
  char *token;

  g_return_val_if_fail (alphabet && *alphabet, NULL);

  n = strlen (alphabet);
  token = g_new0 (char, length + 1);
  for (guint i = 0; i < length; i++)
    token[i] = alphabet[bv_secure_random_range (0, (guint32) n)];
  return token;
}

void
bv_secure_wipe (gpointer data,
                gsize    length)
{
  if (data)
    explicit_bzero (data, length);
}

/* For secrets: the freed block must not keep the secret for whoever
 * gets that memory next (or a core dump). */
void
bv_secure_free_string (char *string)
{
  if (!string)
    return;
  bv_secure_wipe (string, strlen (string));
  g_free (string);
}

/* For checksums: takes as long for a near miss as for a far one, so that
 * a stranger cannot find a valid checksum byte by byte from the answer
 * times. Only the lengths may leak, and they are public. */
gboolean
bv_secure_equal_ascii_nocase (const char *a,
                              const char *b)
{
  gsize length;
  guint8 difference = 0;

  g_return_val_if_fail (a, FALSE);
  g_return_val_if_fail (b, FALSE);

  length = strlen (a);
  if (length != strlen (b))
    return FALSE;

  for (gsize i = 0; i < length; i++)
    difference |= (guint8) (g_ascii_tolower (a[i]) ^ g_ascii_tolower (b[i]));
  return difference == 0;
}
