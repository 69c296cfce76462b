/* test-email-text.c
 *
 * A malformed e-mail address gets a sentence that says what is wrong;
 * a valid or empty one none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "bv-email-text.h"
#include "bv-member.h"

static void
test_problems (void)
{
  struct {
    const char *email;
    const char *problem;   /* NULL: no problem */
  } cases[] = {
    { "", NULL },
    { "   ", NULL },
    { "anna@example.org", NULL },
    { " anna@example.org ", NULL },
    { "anna.example.org", "An e-mail address needs an @, as in anna@example.org." },
    { "anna@exa@mple.org", "The address has more than one @. Enter one address, such as anna@example.org." },
    { "@example.org", "The name before the @ is missing, as “anna” in anna@example.org." },
    { "anna@example", "The part after the @ is incomplete. It needs a dot, as “example.org” in anna@example.org." },
    { "anna@example.", "The part after the @ is incomplete. It needs a dot, as “example.org” in anna@example.org." },
    { "anna@.org", "The part after the @ is incomplete. It needs a dot, as “example.org” in anna@example.org." },
    { "anna @example.org", "An e-mail address has no spaces. Remove the space." },
    { "anna@example.org, bert@example.org", "Enter only one e-mail address here, without commas or semicolons." },
    { "anna@example.org;bert@example.org", "Enter only one e-mail address here, without commas or semicolons." },
    { "<anna@example.org>", "The address contains a character that e-mail addresses cannot have, such as "
                            "brackets, quotes or a colon. Check it; it should look like anna@example.org." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *problem = bv_email_text_problem (cases[i].email);
      g_autofree char *stripped = g_strstrip (g_strdup (cases[i].email));

      g_test_message ("%s", cases[i].email);
      g_assert_cmpstr (problem, ==, cases[i].problem);
      /* The sentence and the check agree. */
      g_assert_true ((problem == NULL) == (!*stripped || bv_member_email_is_valid (stripped)));
    }
}

/* Far too long: the first sentence says so. */
static void
test_too_long (void)
{
  g_autoptr(GString) email = g_string_new ("anna@");
  g_autofree char *problem = NULL;

  while (email->len <= BV_MEMBER_EMAIL_MAX_BYTES)
    g_string_append (email, "example.");
  g_string_append (email, "org");
  problem = bv_email_text_problem (email->str);
  g_assert_cmpstr (problem, ==, "This is too long for an e-mail address. Enter one address, such as anna@example.org.");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/email-text/problems", test_problems);
  g_test_add_func ("/core/email-text/too-long", test_too_long);

  return g_test_run ();
}
