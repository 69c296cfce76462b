/* mail-fixture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mail-fixture.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bv-mail-transport.h"
#include "bv-test-utils.h"

char *
mail_fixture_data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

void
mail_fixture_trust_test_ca (void)
{
  g_autofree char *ca = mail_fixture_data_path ("test-ca.pem");

  _bv_mail_transport_set_ca_file (ca);
}

MailServer *
mail_server_start (const char *first_arg,
                   ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "smtp-server.py", NULL);
  g_autofree char *line = NULL;
  MailServer *server = g_new0 (MailServer, 1);
  const char *arg;
  va_list args;

  server->dir = g_dir_make_tmp ("bv-smtp-XXXXXX", &error);
  g_assert_no_error (error);
  server->outdir = g_build_filename (server->dir, "messages", NULL);
  server->log = g_build_filename (server->dir, "commands.log", NULL);

  g_ptr_array_add (argv, g_strdup ("/usr/bin/python3"));
  g_ptr_array_add (argv, g_strdup (script));
  g_ptr_array_add (argv, g_strdup ("--cert"));
  g_ptr_array_add (argv, mail_fixture_data_path ("test-server.pem"));
  g_ptr_array_add (argv, g_strdup ("--outdir"));
  g_ptr_array_add (argv, g_strdup (server->outdir));
  g_ptr_array_add (argv, g_strdup ("--log"));
  g_ptr_array_add (argv, g_strdup (server->log));
  g_ptr_array_add (argv, g_strdup ("--user"));
  g_ptr_array_add (argv, g_strdup (MAIL_USER));
  g_ptr_array_add (argv, g_strdup ("--password"));
  g_ptr_array_add (argv, g_strdup (MAIL_PASSWORD));
  va_start (args, first_arg);
  for (arg = first_arg; arg; arg = va_arg (args, const char *))
    {
      if (g_str_equal (arg, "ssl"))
        server->ssl = TRUE;
      g_ptr_array_add (argv, g_strdup (arg));
    }
  va_end (args);
  g_ptr_array_add (argv, NULL);

  server->process = g_subprocess_newv ((const char * const *) argv->pdata,
                                       G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                       &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "PORT "));
  server->port = (guint) g_ascii_strtoull (line + 5, NULL, 10);
  g_assert_cmpuint (server->port, >, 0);
  return server;
}

void
mail_server_stop (MailServer *server)
{
  if (!server)
    return;
  /* Closing its standard input ends it. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (server->process), NULL, NULL);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
  bv_test_remove_tree (server->dir);
  g_free (server->dir);
  g_free (server->outdir);
  g_free (server->log);
  g_free (server);
}

guint
mail_server_count (MailServer *server,
                   const char *line)
{
  g_auto(GStrv) lines = bv_test_read_lines (server->log);
  gboolean prefix = g_str_has_suffix (line, " ");
  guint n = 0;

  for (guint i = 0; lines[i]; i++)
    if (prefix ? g_str_has_prefix (lines[i], line) : g_str_equal (lines[i], line))
      n++;
  return n;
}

guint
mail_server_count_messages (MailServer *server)
{
  return mail_server_count (server, "ACCEPTED ");
}

BvMailAccount *
mail_server_account (MailServer *server)
{
  BvMailAccount *account = bv_mail_account_new (MAIL_USER);

  bv_mail_account_set_sender_name (account, MAIL_SENDER);
  bv_mail_account_set_host (account, "127.0.0.1");
  bv_mail_account_set_security (account, server->ssl ? BV_MAIL_SECURITY_SSL : BV_MAIL_SECURITY_STARTTLS);
  bv_mail_account_set_port (account, server->port);
  return account;
}

char *
mail_server_check (MailServer *server,
                   const char *expect_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) check = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "check-mail.py", NULL);
  g_autofree char *expect = g_build_filename (server->dir, "expect.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_file_set_contents (expect, expect_json, -1, &error);
  g_assert_no_error (error);
  check = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                            "/usr/bin/python3", script, server->outdir, expect, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (check, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (check) || g_subprocess_get_exit_status (check) != 0)
    g_error ("check-mail.py: %s", err);
  return g_steal_pointer (&out);
}
