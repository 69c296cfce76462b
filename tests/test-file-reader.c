/* test-file-reader.c
 *
 * The size-capped file reader that the calendar and member imports and
 * the slides share: real files and real pipes in a temporary directory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bv-file-reader.h"

#define LIMIT 100000

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("bv-file-reader-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* @length bytes that differ from chunk to chunk, so that a chunk read
 * twice or left out shows. */
static char *
pattern (gsize length)
{
  char *data = g_malloc (length + 1);

  for (gsize i = 0; i < length; i++)
    data[i] = (char) ('a' + (i / 1000 + i) % 26);
  data[length] = '\0';
  return data;
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *data,
            gsize       length)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
assert_reads (GFile      *file,
              gsize       max_bytes,
              const char *expected,
              gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = bv_file_reader_read (file, max_bytes, NULL, &error);
  gsize size = 0;
  const char *data;

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpuint (size, ==, length);
  if (length > 0)
    g_assert_true (memcmp (data, expected, length) == 0);
}

static void
test_small (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GFile) file = write_file (fixture, "small.ics", "BEGIN:VCALENDAR\r\n", 17);

  assert_reads (file, LIMIT, "BEGIN:VCALENDAR\r\n", 17);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GFile) file = write_file (fixture, "empty.csv", "", 0);

  assert_reads (file, LIMIT, "", 0);
  /* Nothing is not more than nothing. */
  assert_reads (file, 0, "", 0);
}

/* Several buffers' worth, read back whole and in order. */
static void
test_many_chunks (Fixture       *fixture,
                  gconstpointer  user_data)
{
  gsize length = 3 * 64 * 1024 + 17;
  g_autofree char *data = pattern (length);
  g_autoptr(GFile) file = write_file (fixture, "long.csv", data, length);

  assert_reads (file, length + 1000, data, length);
}

/* The limit itself is allowed, one byte more is not. */
static void
test_limit (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *data = pattern (LIMIT + 1);
  g_autoptr(GFile) exact = write_file (fixture, "exact.ics", data, LIMIT);
  g_autoptr(GFile) over = write_file (fixture, "over.ics", data, LIMIT + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  assert_reads (exact, LIMIT, data, LIMIT);

  bytes = bv_file_reader_read (over, LIMIT, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_null (bytes);
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "gone.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = bv_file_reader_read (file, LIMIT, NULL, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (bytes);
}

static void
test_directory (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = bv_file_reader_read (file, LIMIT, NULL, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_null (bytes);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GFile) file = write_file (fixture, "small.ics", "BEGIN:VCALENDAR\r\n", 17);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_cancellable_cancel (cancellable);
  bytes = bv_file_reader_read (file, LIMIT, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (bytes);
}

/* Pipes: no size to ask for, so what comes is counted. */

typedef struct
{
  char  *path;
  gsize  offered;   /* bytes the writer tries to write */
  gsize  written;   /* until the reader closed its end */
} Writer;

static gpointer
writer_thread (gpointer user_data)
{
  Writer *writer = user_data;
  g_autofree char *chunk = pattern (4096);
  int fd = open (writer->path, O_WRONLY);

  g_assert_cmpint (fd, >=, 0);
  while (writer->written < writer->offered)
    {
      gsize n = MIN (4096, writer->offered - writer->written);
      ssize_t r = write (fd, chunk, n);

      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        {
          /* The reader has gone. */
          g_assert_cmpint (errno, ==, EPIPE);
          break;
        }
      writer->written += (gsize) r;
    }
  close (fd);
  return NULL;
}

static GFile *
make_fifo (Fixture    *fixture,
           Writer     *writer,
           GThread   **thread)
{
  writer->path = g_build_filename (fixture->dir, "pipe.ics", NULL);
  g_assert_cmpint (mkfifo (writer->path, 0600), ==, 0);
  *thread = g_thread_new ("writer", writer_thread, writer);
  return g_file_new_for_path (writer->path);
}

static void
test_pipe_small (Fixture       *fixture,
                 gconstpointer  user_data)
{
  Writer writer = { .offered = LIMIT };
  GThread *thread = NULL;
  g_autoptr(GFile) file = make_fifo (fixture, &writer, &thread);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = bv_file_reader_read (file, LIMIT, NULL, &error);

  g_thread_join (thread);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, LIMIT);
  g_assert_cmpuint (writer.written, ==, LIMIT);
  g_free (writer.path);
}

/* A pipe that would go on for far longer is refused once the limit is
 * passed, without reading the rest. */
static void
test_pipe_endless (Fixture       *fixture,
                   gconstpointer  user_data)
{
  Writer writer = { .offered = 64 * 1024 * 1024 };
  GThread *thread = NULL;
  g_autoptr(GFile) file = make_fifo (fixture, &writer, &thread);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = bv_file_reader_read (file, LIMIT, NULL, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_null (bytes);
  g_thread_join (thread);
  /* The limit, one buffer of the reader and what the pipe holds. */
  g_assert_cmpuint (writer.written, >, LIMIT);
  g_assert_cmpuint (writer.written, <, 1024 * 1024);
  g_free (writer.path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The writer learns that the reader has gone from EPIPE. */
  signal (SIGPIPE, SIG_IGN);

#define ADD(path, func) \
  g_test_add ("/core/file-reader/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("small", test_small);
  ADD ("empty", test_empty);
  ADD ("many-chunks", test_many_chunks);
  ADD ("limit", test_limit);
  ADD ("missing", test_missing);
  ADD ("directory", test_directory);
  ADD ("cancelled", test_cancelled);
  ADD ("pipe-small", test_pipe_small);
  ADD ("pipe-endless", test_pipe_endless);
#undef ADD

  return g_test_run ();
}
