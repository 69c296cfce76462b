/* practice-server-tool.c
 *
 * Runs the practice server for command-line tests: prints its API URL on
 * the first line of standard output, then serves until it is killed or
 * standard input closes. The secret is the first argument; with a second,
 * each API request is appended to that file as a line "CALL<TAB>valid" or
 * "CALL<TAB>invalid" (the checksum), so that shell tests can count them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gunixinputstream.h>
#include <errno.h>
#include <stdio.h>

#include "bv-practice-server-private.h"

static void
stdin_closed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, NULL);

  g_main_loop_quit (user_data);
}

static void
request_cb (const BvPracticeRequest *request,
            gpointer                 data)
{
  FILE *log = data;

  fprintf (log, "%s\t%s\n", request->call, request->checksum_valid ? "valid" : "invalid");
  fflush (log);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BvPracticeServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GInputStream) input = g_unix_input_stream_new (0, FALSE);

  FILE *log = NULL;

  if (argc != 2 && argc != 3)
    {
      g_printerr ("usage: %s SECRET [REQUEST-LOG]\n", argv[0]);
      return 2;
    }

  server = bv_practice_server_new (argv[1]);
  if (argc == 3)
    {
      log = fopen (argv[2], "a");
      if (!log)
        {
          g_printerr ("%s: %s\n", argv[2], g_strerror (errno));
          return 1;
        }
      bv_practice_server_set_request_func (server, request_cb, log);
    }
  if (!bv_practice_server_start (server, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  printf ("%s\n", bv_practice_server_get_api_url (server));
  fflush (stdout);

  g_input_stream_read_bytes_async (input, 1, G_PRIORITY_DEFAULT, NULL, stdin_closed_cb, loop);
  g_main_loop_run (loop);
  return 0;
}
