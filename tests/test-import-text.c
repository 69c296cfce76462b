/* test-import-text.c
 *
 * The text helpers that the calendar and member imports share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bv-import-text.h"

static void
assert_plain (const char *text,
              guint       max_chars,
              const char *expected)
{
  g_autofree char *plain = bv_import_text_plain (text, max_chars);

  g_assert_cmpstr (plain, ==, expected);
}

static void
test_plain (void)
{
  assert_plain ("Vorstandssitzung", G_MAXUINT, "Vorstandssitzung");
  /* Blanks at the ends go, inside they stay. */
  assert_plain ("  Anna  Müller \t", G_MAXUINT, "Anna  Müller");
  /* Line breaks, escape sequences and backspaces become blanks. */
  assert_plain ("Jahres-\r\nversammlung", G_MAXUINT, "Jahres-  versammlung");
  assert_plain ("Anna\x1b[31mRot\b", G_MAXUINT, "Anna [31mRot");
  /* Bidi overrides (format characters) and the Unicode line and paragraph
   * separators, too. */
  assert_plain ("evil\u202Egnp.exe", G_MAXUINT, "evil gnp.exe");
  assert_plain ("a\u2028b\u2029c", G_MAXUINT, "a b c");
  /* Nothing left. */
  assert_plain ("", G_MAXUINT, NULL);
  assert_plain (" \n\t\x1b ", G_MAXUINT, NULL);
}

/* Characters, not bytes, counted before the ends are stripped. */
static void
test_plain_max_chars (void)
{
  assert_plain ("Ärger über Öl", 5, "Ärger");
  assert_plain ("Ärger über Öl", 7, "Ärger ü");
  assert_plain ("  abc", 3, "a");
  assert_plain ("  abc", 2, NULL);
  assert_plain ("abc", 0, NULL);
}

static void
assert_colon (const char *line,
              int         offset)
{
  const char *colon = bv_import_text_value_colon (line);

  if (offset < 0)
    g_assert_null (colon);
  else
    g_assert_cmpint (colon - line, ==, offset);
}

static void
test_value_colon (void)
{
  assert_colon ("SUMMARY:Treffen: Vorstand", 7);
  assert_colon ("item1.EMAIL;TYPE=pref:a@b.de", 21);
  /* A colon in a quoted parameter value is part of the value. */
  assert_colon ("DTSTART;TZID=\"GMT+01:00\":20261201T190000", 24);
  assert_colon ("ATTENDEE;CN=\"Müller: Anna\":mailto:anna@example.org", 27);
  assert_colon ("NOCOLON", -1);
  assert_colon ("X;P=\"never closed:value", -1);
  assert_colon (":value", 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/import-text/plain", test_plain);
  g_test_add_func ("/core/import-text/plain-max-chars", test_plain_max_chars);
  g_test_add_func ("/core/import-text/value-colon", test_value_colon);

  return g_test_run ();
}
