/* test-server-url.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "bv-bbb-error.h"
#include "bv-server-url.h"

typedef struct
{
  const char *input;
  const char *expected;
} Case;

static void
test_normalize_forms (void)
{
  /* The forms people paste, from provider e-mails, bbb-conf and browsers. */
  static const Case cases[] = {
    { "https://bbb.example.org/bigbluebutton/", "https://bbb.example.org/bigbluebutton/api/" },
    { "https://bbb.example.org/bigbluebutton", "https://bbb.example.org/bigbluebutton/api/" },
    { "https://bbb.example.org/bigbluebutton/api", "https://bbb.example.org/bigbluebutton/api/" },
    { "https://bbb.example.org/bigbluebutton/api/", "https://bbb.example.org/bigbluebutton/api/" },
    { "https://bbb.example.org/bigbluebutton/api//", "https://bbb.example.org/bigbluebutton/api/" },
    { "  https://bbb.example.org/bigbluebutton/ \n", "https://bbb.example.org/bigbluebutton/api/" },
    { "URL: https://bbb.example.org/bigbluebutton/", "https://bbb.example.org/bigbluebutton/api/" },
    { "<https://bbb.example.org/bigbluebutton/>", "https://bbb.example.org/bigbluebutton/api/" },
    { "\"https://bbb.example.org/bigbluebutton/\"", "https://bbb.example.org/bigbluebutton/api/" },
    { "bbb.example.org/bigbluebutton", "https://bbb.example.org/bigbluebutton/api/" },
    { "bbb.example.org", "https://bbb.example.org/bigbluebutton/api/" },
    { "https://bbb.example.org", "https://bbb.example.org/bigbluebutton/api/" },
    { "HTTPS://BBB.Example.ORG/bigbluebutton/", "https://bbb.example.org/bigbluebutton/api/" },
    { "https://bbb.example.org:8443/bigbluebutton/", "https://bbb.example.org:8443/bigbluebutton/api/" },
    { "https://bbb.example.org/bigbluebutton/api/getMeetings?checksum=abc", "https://bbb.example.org/bigbluebutton/api/" },
    { "https://bbb.example.org/bigbluebutton/#top", "https://bbb.example.org/bigbluebutton/api/" },
    { "https://scalelite.example.org/bigbluebutton/api", "https://scalelite.example.org/bigbluebutton/api/" },
    { "https://lb.example.org/custom/path/api/", "https://lb.example.org/custom/path/api/" },
    { "https://vereinsheim-müller.de/bigbluebutton/", "https://xn--vereinsheim-mller-f3b.de/bigbluebutton/api/" },
    { "http://localhost:8090/bigbluebutton/", "http://localhost:8090/bigbluebutton/api/" },
    { "http://127.0.0.1:41234/bigbluebutton/api", "http://127.0.0.1:41234/bigbluebutton/api/" },
    { "http://[::1]:8080/bigbluebutton/", "http://[::1]:8080/bigbluebutton/api/" },
    { "localhost:8090", "http://localhost:8090/bigbluebutton/api/" },
    { "https://10.0.0.5/bigbluebutton/", "https://10.0.0.5/bigbluebutton/api/" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *result = bv_server_url_normalize (cases[i].input, &error);

      g_test_message ("input: %s", cases[i].input);
      g_assert_no_error (error);
      g_assert_cmpstr (result, ==, cases[i].expected);
    }
}

static void
test_normalize_is_idempotent (void)
{
  static const char *inputs[] = {
    "bbb.example.org", "https://x.example.org:444/a/b/api", "http://127.0.0.1:1/bigbluebutton",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *once = bv_server_url_normalize (inputs[i], NULL);
      g_autofree char *twice = bv_server_url_normalize (once, NULL);

      g_assert_nonnull (once);
      g_assert_cmpstr (once, ==, twice);
    }
}

static void
test_normalize_refuses_plain_http (void)
{
  static const char *inputs[] = {
    "http://bbb.example.org/bigbluebutton/",
    "http://10.0.0.5/bigbluebutton/",
    "http://localhost.example.org/bigbluebutton/",
    /* glibc may ask DNS for these, and DNS can name any address */
    "http://bbb.localhost/bigbluebutton/",
    "http://localhost.localhost:8090/bigbluebutton/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *result = bv_server_url_normalize (inputs[i], &error);

      g_assert_null (result);
      g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_INSECURE_URL);
      g_assert_nonnull (strstr (error->message, "https://"));
    }
}

static void
test_normalize_refuses_garbage (void)
{
  static const char *inputs[] = {
    "", "   ", "ftp://bbb.example.org/", "https://", "https:///bigbluebutton",
    "not a url at all", "https://user:pw@bbb.example.org/bigbluebutton/",
    "https://bad_host!.example.org/", "mailto:vorstand@example.org",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *result = bv_server_url_normalize (inputs[i], &error);

      g_test_message ("input: %s", inputs[i]);
      g_assert_null (result);
      g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_INVALID_URL);
      g_assert_cmpuint (strlen (error->message), >, 20);
    }
}

static void
test_loopback (void)
{
  g_assert_true (bv_server_url_is_loopback ("localhost"));
  g_assert_true (bv_server_url_is_loopback ("127.0.0.1"));
  g_assert_true (bv_server_url_is_loopback ("127.4.5.6"));
  g_assert_true (bv_server_url_is_loopback ("::1"));
  g_assert_true (bv_server_url_is_loopback ("[::1]"));
  g_assert_false (bv_server_url_is_loopback ("10.0.0.1"));
  g_assert_false (bv_server_url_is_loopback ("example.org"));
  g_assert_false (bv_server_url_is_loopback ("localhost.example.org"));
  g_assert_false (bv_server_url_is_loopback ("bbb.localhost"));
  g_assert_false (bv_server_url_is_loopback (".localhost"));
  g_assert_false (bv_server_url_is_loopback ("localhost."));
  g_assert_false (bv_server_url_is_loopback ("::ffff:10.0.0.1"));
  g_assert_false (bv_server_url_is_loopback ("128.0.0.1"));
  g_assert_true (bv_server_url_is_loopback ("LOCALHOST"));
}

/* What a server names as a recording's playback is opened by the
 * desktop: only web pages, and plain http only on this computer. */
static void
test_check_link (void)
{
  static const char *safe[] = {
    "https://bbb.example.org/playback/presentation/2.3/abc",
    "HTTPS://bbb.example.org/playback",
    "http://127.0.0.1:8090/playback/presentation/2.3/abc",
    "http://localhost:8090/playback",
    "http://[::1]:8090/playback",
  };
  static const char *unsafe[] = {
    "file:///etc/passwd",
    "smb://server/share/film.mp4",
    "ftp://bbb.example.org/recording",
    "javascript:alert(1)",
    "ms-officecmd:whatever",
    "http://bbb.example.org/playback",
    "http://bbb.localhost/playback",
    "http://10.0.0.1/playback",
    "https:///no-host",
    "/playback/presentation/2.3/abc",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (safe); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("safe: %s", safe[i]);
      g_assert_true (bv_server_url_check_link (safe[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("unsafe: %s", unsafe[i]);
      g_assert_false (bv_server_url_check_link (unsafe[i], &error));
      g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_INSECURE_URL);
      g_assert_nonnull (strstr (error->message, "https://"));
    }
}

static void
test_split_pasted (void)
{
  /* What bbb-conf --secret prints, indented as on the terminal. */
  const char *bbb_conf =
    "\n    URL: https://bbb.example.org/bigbluebutton/\n"
    "    Secret: 8cd8ef52e8e101574e400365b55e11a6\n\n"
    "    Link to the API-Mate:\n"
    "    https://mconf.github.io/api-mate/#server=https://bbb.example.org/bigbluebutton/\n";
  g_autofree char *url = NULL;
  g_autofree char *secret = NULL;

  g_assert_true (bv_server_url_split_pasted (bbb_conf, &url, &secret));
  g_assert_cmpstr (url, ==, "https://bbb.example.org/bigbluebutton/");
  g_assert_cmpstr (secret, ==, "8cd8ef52e8e101574e400365b55e11a6");
  g_clear_pointer (&url, g_free);
  g_clear_pointer (&secret, g_free);

  /* Pasted into a one-line field the line break may become a space. */
  g_assert_true (bv_server_url_split_pasted ("URL: https://a.example.org/bigbluebutton/ Secret: abc123",
                                             &url, &secret));
  g_assert_cmpstr (url, ==, "https://a.example.org/bigbluebutton/");
  g_assert_cmpstr (secret, ==, "abc123");

  g_assert_false (bv_server_url_split_pasted ("https://bbb.example.org/bigbluebutton/", NULL, NULL));
  g_assert_false (bv_server_url_split_pasted ("URL: https://bbb.example.org/", NULL, NULL));
  g_assert_false (bv_server_url_split_pasted ("Secret: abc", NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bbb/server-url/normalize-forms", test_normalize_forms);
  g_test_add_func ("/bbb/server-url/idempotent", test_normalize_is_idempotent);
  g_test_add_func ("/bbb/server-url/plain-http", test_normalize_refuses_plain_http);
  g_test_add_func ("/bbb/server-url/garbage", test_normalize_refuses_garbage);
  g_test_add_func ("/bbb/server-url/loopback", test_loopback);
  g_test_add_func ("/bbb/server-url/check-link", test_check_link);
  g_test_add_func ("/bbb/server-url/split-pasted", test_split_pasted);

  return g_test_run ();
}
