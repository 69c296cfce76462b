/* practice-server-tool.c
 *
 * Runs the practice server for command-line tests: prints its API URL on
 * the first line of standard output, then serves until it is killed or
 * standard input closes. The secret is the first argument.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gunixinputstream.h>
#include <stdio.h>

#include "bv-practice-server.h"

static void
stdin_closed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, NULL);

  g_main_loop_quit (user_data);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BvPracticeServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GInputStream) input = g_unix_input_stream_new (0, FALSE);

  if (argc != 2)
    {
      g_printerr ("usage: %s SECRET\n", argv[0]);
      return 2;
    }

  server = bv_practice_server_new (argv[1]);
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
