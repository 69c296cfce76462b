/* test-bbb-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "bv-bbb-query.h"

/* bbb-api.md §2.4: the official docs example and our own vectors, all
 * checked there with coreutils. */
#define DOCS_SECRET "639259d4-9dd8-4b25-bf01-95f9567eaf4b"
#define DOCS_QUERY  "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444"
#define DOCS_SHA1   "1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17"
#define DOCS_SHA256 "da9185f7f333cfdfcd6eeac32dca3777510c4c436020d8b887ba5515bd1d189e"
#define DOCS_SHA384 "891ac633df39d0a1b4f8d597f3e190833216c4b29c4fb51ea3ca72757eeb958d" \
                    "6e7b49a845cf29f5c6019c7d29d029d1"
#define DOCS_SHA512 "de73ad61d11a5c801b68d4bd6ec5248546085cefb0b25c85f3c46249ea93a3a4" \
                    "b120f92c0a8a58d7512cb77821884951a3b01245f3435dbbef49fff3cc3988b4"
#define API_BASE    "https://bbb.example.com/bigbluebutton/api/"

static BvBbbQuery *
docs_query (void)
{
  BvBbbQuery *query = bv_bbb_query_new ();

  bv_bbb_query_add (query, "name", "Test Meeting");
  bv_bbb_query_add (query, "meetingID", "abc123");
  bv_bbb_query_add (query, "attendeePW", "111222");
  bv_bbb_query_add (query, "moderatorPW", "333444");
  return query;
}

static void
test_algorithm_names (void)
{
  static const struct {
    BvChecksumAlgorithm algorithm;
    const char *name;
    const char *label;
  } cases[] = {
    { BV_CHECKSUM_SHA1, "sha1", "SHA-1" },
    { BV_CHECKSUM_SHA256, "sha256", "SHA-256" },
    { BV_CHECKSUM_SHA384, "sha384", "SHA-384" },
    { BV_CHECKSUM_SHA512, "sha512", "SHA-512" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      BvChecksumAlgorithm parsed = cases[(i + 1) % G_N_ELEMENTS (cases)].algorithm;

      g_assert_cmpstr (bv_checksum_algorithm_to_string (cases[i].algorithm), ==, cases[i].name);
      g_assert_cmpstr (bv_checksum_algorithm_get_label (cases[i].algorithm), ==, cases[i].label);
      g_assert_true (bv_checksum_algorithm_from_string (cases[i].name, &parsed));
      g_assert_cmpint (parsed, ==, cases[i].algorithm);

      parsed = cases[(i + 1) % G_N_ELEMENTS (cases)].algorithm;
      g_assert_true (bv_checksum_algorithm_from_string (cases[i].label, &parsed));
      g_assert_cmpint (parsed, ==, cases[i].algorithm);
    }

  {
    BvChecksumAlgorithm untouched = BV_CHECKSUM_SHA384;

    g_assert_false (bv_checksum_algorithm_from_string ("md5", &untouched));
    g_assert_false (bv_checksum_algorithm_from_string ("", &untouched));
    g_assert_false (bv_checksum_algorithm_from_string ("auto", &untouched));
    g_assert_false (bv_checksum_algorithm_from_string (NULL, &untouched));
    g_assert_cmpint (untouched, ==, BV_CHECKSUM_SHA384);
  }
}

static void
test_docs_vectors (void)
{
  static const struct {
    BvChecksumAlgorithm algorithm;
    const char *hex;
  } cases[] = {
    { BV_CHECKSUM_SHA1, DOCS_SHA1 },
    { BV_CHECKSUM_SHA256, DOCS_SHA256 },
    { BV_CHECKSUM_SHA384, DOCS_SHA384 },
    { BV_CHECKSUM_SHA512, DOCS_SHA512 },
  };
  g_autoptr(BvBbbQuery) query = docs_query ();
  g_autofree char *string = bv_bbb_query_to_string (query);

  g_assert_cmpstr (string, ==, DOCS_QUERY);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *hex = bv_bbb_checksum (cases[i].algorithm, "create", DOCS_QUERY, DOCS_SECRET);
      g_autofree char *url = bv_bbb_query_build_url (query, API_BASE, "create",
                                                     cases[i].algorithm, DOCS_SECRET);
      g_autofree char *expected = g_strconcat (API_BASE, "create?", DOCS_QUERY,
                                               "&checksum=", cases[i].hex, NULL);

      g_assert_cmpstr (hex, ==, cases[i].hex);
      g_assert_cmpstr (url, ==, expected);
    }
}

static void
test_build_url_docs (void)
{
  g_autoptr(BvBbbQuery) query = docs_query ();
  g_autofree char *url = bv_bbb_query_build_url (query, API_BASE, "create",
                                                 BV_CHECKSUM_SHA1, DOCS_SECRET);

  g_assert_cmpstr (url, ==,
                   "https://bbb.example.com/bigbluebutton/api/create?name=Test+Meeting"
                   "&meetingID=abc123&attendeePW=111222&moderatorPW=333444"
                   "&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17");
  g_assert_null (strstr (url, DOCS_SECRET));
}

static void
test_percent20_vector (void)
{
  g_autofree char *hex = NULL;

  /* Only the bytes in the URL count: %20 instead of + changes the hash. */
  hex = bv_bbb_checksum (BV_CHECKSUM_SHA1, "create",
                         "name=Test%20Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444",
                         DOCS_SECRET);
  g_assert_cmpstr (hex, ==, "f1ae295e2cb9a9225152334d12c9db97d2bfee5b");
  g_assert_cmpstr (hex, !=, DOCS_SHA1);
}

static void
test_get_meetings_empty (void)
{
  g_autoptr(BvBbbQuery) query = bv_bbb_query_new ();
  g_autofree char *string = bv_bbb_query_to_string (query);
  g_autofree char *hex = bv_bbb_checksum (BV_CHECKSUM_SHA1, "getMeetings", "", DOCS_SECRET);
  g_autofree char *url = bv_bbb_query_build_url (query, API_BASE, "getMeetings",
                                                 BV_CHECKSUM_SHA1, DOCS_SECRET);

  g_assert_cmpstr (string, ==, "");
  g_assert_cmpuint (bv_bbb_query_get_length (query), ==, 0);
  g_assert_cmpstr (hex, ==, "2027baa7771026e9e93392f55031535d1444c41f");
  g_assert_cmpstr (url, ==, API_BASE "getMeetings?checksum=2027baa7771026e9e93392f55031535d1444c41f");
}

static void
test_join_vector (void)
{
  g_autoptr(BvBbbQuery) query = bv_bbb_query_new ();
  g_autofree char *string = NULL;
  g_autofree char *url = NULL;

  bv_bbb_query_add (query, "fullName", "Jürgen Müller");
  bv_bbb_query_add (query, "meetingID", "abc123");
  bv_bbb_query_add (query, "role", "VIEWER");
  string = bv_bbb_query_to_string (query);
  url = bv_bbb_query_build_url (query, API_BASE, "join", BV_CHECKSUM_SHA256, DOCS_SECRET);

  g_assert_cmpstr (string, ==, "fullName=J%C3%BCrgen+M%C3%BCller&meetingID=abc123&role=VIEWER");
  g_assert_cmpstr (url, ==,
                   API_BASE "join?fullName=J%C3%BCrgen+M%C3%BCller&meetingID=abc123&role=VIEWER"
                   "&checksum=49d8600829476fd26ccde361e359c797e16539c0eb1c9ae0f38f74caa3fb5a1e");
}

static void
test_encode_cases (void)
{
  static const struct {
    const char *input;
    const char *expected;
  } cases[] = {
    { "Jürgen's room (A*B) ~x!", "J%C3%BCrgen%27s+room+%28A*B%29+%7Ex%21" },
    { "", "" },
    { "abcXYZ019", "abcXYZ019" },
    { ".-_*", ".-_*" },
    { "äöüÄÖÜ", "%C3%A4%C3%B6%C3%BC%C3%84%C3%96%C3%9C" },
    { "Straße", "Stra%C3%9Fe" },
    { "*", "*" },
    { "~", "%7E" },
    { "'", "%27" },
    { "+", "%2B" },
    { "a+b", "a%2Bb" },
    { "&", "%26" },
    { "=", "%3D" },
    { "%", "%25" },
    { "%20", "%2520" },
    { " ", "+" },
    { "  two  spaces ", "++two++spaces+" },
    { "\t", "%09" },
    { "line\nbreak\r\n", "line%0Abreak%0D%0A" },
    { "😀", "%F0%9F%98%80" },
    { "Treffen 🎉!", "Treffen+%F0%9F%8E%89%21" },
    { "€", "%E2%82%AC" },
    { "https://app/cb?id=1", "https%3A%2F%2Fapp%2Fcb%3Fid%3D1" },
    { "a,b;c/d?e#f", "a%2Cb%3Bc%2Fd%3Fe%23f" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *encoded = bv_bbb_encode (cases[i].input);

      g_assert_cmpstr (encoded, ==, cases[i].expected);
    }
}

/* Written from the rule in bbb-api.md §2.3, deliberately without the
 * character-class helpers the encoder uses. */
static char *
expected_for_byte (guint byte)
{
  if ((byte >= 'A' && byte <= 'Z') ||
      (byte >= 'a' && byte <= 'z') ||
      (byte >= '0' && byte <= '9') ||
      byte == '.' || byte == '-' || byte == '_' || byte == '*')
    return g_strdup_printf ("%c", (char) byte);
  if (byte == ' ')
    return g_strdup ("+");
  return g_strdup_printf ("%%%02X", byte);
}

static void
test_encode_every_byte (void)
{
  g_autoptr(GString) all_input = g_string_new (NULL);
  g_autoptr(GString) all_expected = g_string_new (NULL);
  g_autofree char *all_encoded = NULL;
  guint kept = 0;

  /* NUL ends a C string and cannot be a value; every other byte, including
   * the ones that are never valid UTF-8 on their own. */
  for (guint byte = 1; byte < 256; byte++)
    {
      char input[2] = { (char) byte, '\0' };
      g_autofree char *expected = expected_for_byte (byte);
      g_autofree char *encoded = bv_bbb_encode (input);

      g_assert_cmpstr (encoded, ==, expected);
      if (strlen (expected) == 1 && byte != ' ')
        kept++;
      if (byte < 128)
        {
          g_string_append_c (all_input, (char) byte);
          g_string_append (all_expected, expected);
        }
    }

  /* 26 + 26 + 10 + 4 bytes survive unchanged, no more. */
  g_assert_cmpuint (kept, ==, 66);

  all_encoded = bv_bbb_encode (all_input->str);
  g_assert_cmpstr (all_encoded, ==, all_expected->str);
}

static void
test_query_basics (void)
{
  g_autoptr(BvBbbQuery) query = bv_bbb_query_new ();
  g_autoptr(BvBbbQuery) copy = NULL;
  g_autofree char *string = NULL;
  g_autofree char *copy_string = NULL;

  bv_bbb_query_add (query, "zeta", "1");
  bv_bbb_query_add (query, "alpha", "2");
  bv_bbb_query_add_boolean (query, "record", TRUE);
  bv_bbb_query_add_boolean (query, "muteOnStart", FALSE);
  bv_bbb_query_add_int (query, "duration", 90);
  bv_bbb_query_add_int (query, "createTime", G_GINT64_CONSTANT (1700000000123));
  bv_bbb_query_add_int (query, "offset", -5);
  bv_bbb_query_add (query, "welcome", "");
  bv_bbb_query_add (query, "meta_bbb-origin", "BBB für Vereine");
  bv_bbb_query_add (query, "alpha", "3");

  g_assert_cmpuint (bv_bbb_query_get_length (query), ==, 10);
  g_assert_cmpstr (bv_bbb_query_get (query, "alpha"), ==, "3");
  g_assert_cmpstr (bv_bbb_query_get (query, "zeta"), ==, "1");
  g_assert_cmpstr (bv_bbb_query_get (query, "record"), ==, "true");
  g_assert_cmpstr (bv_bbb_query_get (query, "muteOnStart"), ==, "false");
  g_assert_cmpstr (bv_bbb_query_get (query, "createTime"), ==, "1700000000123");
  g_assert_cmpstr (bv_bbb_query_get (query, "welcome"), ==, "");
  g_assert_null (bv_bbb_query_get (query, "missing"));
  g_assert_null (bv_bbb_query_get (query, "Alpha"));

  /* Order as added, duplicates kept: the server sees what we hashed. */
  string = bv_bbb_query_to_string (query);
  g_assert_cmpstr (string, ==,
                   "zeta=1&alpha=2&record=true&muteOnStart=false&duration=90"
                   "&createTime=1700000000123&offset=-5&welcome=&meta_bbb-origin=BBB+f%C3%BCr+Vereine"
                   "&alpha=3");

  copy = bv_bbb_query_copy (query);
  bv_bbb_query_add (copy, "extra", "x");
  g_assert_cmpuint (bv_bbb_query_get_length (copy), ==, 11);
  g_assert_cmpuint (bv_bbb_query_get_length (query), ==, 10);
  g_assert_null (bv_bbb_query_get (query, "extra"));
  copy_string = bv_bbb_query_to_string (copy);
  g_assert_true (g_str_has_prefix (copy_string, string));
  g_assert_cmpstr (copy_string + strlen (string), ==, "&extra=x");
}

static void
test_query_int_limits (void)
{
  g_autoptr(BvBbbQuery) query = bv_bbb_query_new ();

  bv_bbb_query_add_int (query, "max", G_MAXINT64);
  bv_bbb_query_add_int (query, "min", G_MININT64);
  bv_bbb_query_add_int (query, "zero", 0);

  g_assert_cmpstr (bv_bbb_query_get (query, "max"), ==, "9223372036854775807");
  g_assert_cmpstr (bv_bbb_query_get (query, "min"), ==, "-9223372036854775808");
  g_assert_cmpstr (bv_bbb_query_get (query, "zero"), ==, "0");
}

static void
test_query_names_encoded (void)
{
  g_autoptr(BvBbbQuery) query = bv_bbb_query_new ();
  g_autofree char *string = NULL;

  bv_bbb_query_add (query, "a b&c=d", "v");
  string = bv_bbb_query_to_string (query);
  g_assert_cmpstr (string, ==, "a+b%26c%3Dd=v");
}

static void
test_verify_each_algorithm (void)
{
  static const struct {
    const char *hex;
    BvChecksumAlgorithm algorithm;
  } cases[] = {
    { DOCS_SHA1, BV_CHECKSUM_SHA1 },
    { DOCS_SHA256, BV_CHECKSUM_SHA256 },
    { DOCS_SHA384, BV_CHECKSUM_SHA384 },
    { DOCS_SHA512, BV_CHECKSUM_SHA512 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *last = g_strconcat (DOCS_QUERY, "&checksum=", cases[i].hex, NULL);
      g_autofree char *upper_hex = g_ascii_strup (cases[i].hex, -1);
      g_autofree char *upper = g_strconcat (DOCS_QUERY, "&checksum=", upper_hex, NULL);
      g_autofree char *first = g_strconcat ("checksum=", cases[i].hex, "&", DOCS_QUERY, NULL);
      g_autofree char *middle = g_strconcat ("name=Test+Meeting&checksum=", cases[i].hex,
                                             "&meetingID=abc123&attendeePW=111222&moderatorPW=333444",
                                             NULL);
      const char *accepted[] = { last, upper, first, middle };

      for (guint j = 0; j < G_N_ELEMENTS (accepted); j++)
        {
          BvChecksumAlgorithm algorithm = cases[(i + 1) % G_N_ELEMENTS (cases)].algorithm;

          g_test_message ("case %u/%u", i, j);
          g_assert_true (bv_bbb_verify_checksum ("create", accepted[j], DOCS_SECRET, &algorithm));
          g_assert_cmpint (algorithm, ==, cases[i].algorithm);
        }

      g_assert_true (bv_bbb_verify_checksum ("create", last, DOCS_SECRET, NULL));
      /* The call name is part of the hash. */
      g_assert_false (bv_bbb_verify_checksum ("join", last, DOCS_SECRET, NULL));
    }
}

static void
test_verify_get_meetings (void)
{
  BvChecksumAlgorithm algorithm = BV_CHECKSUM_SHA512;

  g_assert_true (bv_bbb_verify_checksum ("getMeetings",
                                         "checksum=2027baa7771026e9e93392f55031535d1444c41f",
                                         DOCS_SECRET, &algorithm));
  g_assert_cmpint (algorithm, ==, BV_CHECKSUM_SHA1);
}

static void
test_verify_rejects (void)
{
  static const char *rejected[] = {
    /* wrong secret is tested below; here the query itself is wrong */
    "name=Test+Meeting&meetingID=abc124&attendeePW=111222&moderatorPW=333444&checksum=" DOCS_SHA1,
    "name=Test%20Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444&checksum=" DOCS_SHA1,
    "meetingID=abc123&name=Test+Meeting&attendeePW=111222&moderatorPW=333444&checksum=" DOCS_SHA1,
    DOCS_QUERY,
    DOCS_QUERY "&checksum=",
    DOCS_QUERY "&checksum",
    DOCS_QUERY "&Checksum=" DOCS_SHA1,
    /* odd and unknown lengths */
    DOCS_QUERY "&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f1",
    DOCS_QUERY "&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f170",
    DOCS_QUERY "&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba",
    /* right length, not hex */
    DOCS_QUERY "&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f1g",
    DOCS_QUERY "&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f1%",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      BvChecksumAlgorithm algorithm = BV_CHECKSUM_SHA384;

      g_test_message ("case %u", i);
      g_assert_false (bv_bbb_verify_checksum ("create", rejected[i], DOCS_SECRET, &algorithm));
      g_assert_cmpint (algorithm, ==, BV_CHECKSUM_SHA384);
    }

  g_assert_false (bv_bbb_verify_checksum ("create", NULL, DOCS_SECRET, NULL));
  g_assert_false (bv_bbb_verify_checksum ("create", DOCS_QUERY "&checksum=" DOCS_SHA1,
                                          "639259d4-9dd8-4b25-bf01-95f9567eaf4c", NULL));
  g_assert_false (bv_bbb_verify_checksum ("create", DOCS_QUERY "&checksum=" DOCS_SHA1, "", NULL));
}

static void
test_verify_changed_byte (void)
{
  g_autofree char *url = NULL;
  g_autoptr(BvBbbQuery) query = docs_query ();
  const char *raw;
  const char *checksum_pair;

  url = bv_bbb_query_build_url (query, API_BASE, "create", BV_CHECKSUM_SHA256, DOCS_SECRET);
  raw = strchr (url, '?') + 1;
  checksum_pair = strstr (raw, "&checksum=");
  g_assert_nonnull (checksum_pair);
  g_assert_true (bv_bbb_verify_checksum ("create", raw, DOCS_SECRET, NULL));

  /* Every single byte of the signed part matters. */
  for (const char *p = raw; p < checksum_pair; p++)
    {
      g_autofree char *changed = g_strdup (raw);

      changed[p - raw] ^= 0x01;
      if (bv_bbb_verify_checksum ("create", changed, DOCS_SECRET, NULL))
        {
          g_test_fail_printf ("accepted with byte %d changed: %s", (int) (p - raw), changed);
          return;
        }
    }
}

static char *
random_text (gboolean identifier)
{
  /* Pieces that stress the encoder: reserved characters, spaces, multi-byte
   * UTF-8, and text that looks like a checksum pair. */
  static const char *pieces[] = {
    "a", "Z", "7", ".", "-", "_", "*", " ", "+", "&", "=", "%", "%20", "~", "'", "!",
    "(", ")", "/", "?", "#", ",", ";", ":", "ä", "ß", "€", "😀", "\t", "\n",
    "checksum", "checksum=", "&checksum=",
  };
  static const char identifier_chars[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
  GString *text = g_string_new (NULL);
  guint length = g_test_rand_int_range (identifier ? 1 : 0, 12);

  for (guint i = 0; i < length; i++)
    {
      if (identifier)
        g_string_append_c (text,
                           identifier_chars[g_test_rand_int_range (0, sizeof identifier_chars - 1)]);
      else
        g_string_append (text, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
    }

  return g_string_free (text, FALSE);
}

static void
test_round_trip_random (void)
{
  static const BvChecksumAlgorithm algorithms[] = {
    BV_CHECKSUM_SHA1, BV_CHECKSUM_SHA256, BV_CHECKSUM_SHA384, BV_CHECKSUM_SHA512,
  };
  static const char *calls[] = { "create", "join", "getMeetingInfo", "getMeetings", "hooks/create" };

  for (guint round = 0; round < 500; round++)
    {
      g_autoptr(BvBbbQuery) query = bv_bbb_query_new ();
      g_autofree char *url = NULL;
      g_autofree char *secret = NULL;
      g_autofree char *prefix = NULL;
      BvChecksumAlgorithm algorithm = algorithms[g_test_rand_int_range (0, G_N_ELEMENTS (algorithms))];
      BvChecksumAlgorithm found = algorithm == BV_CHECKSUM_SHA1 ? BV_CHECKSUM_SHA512 : BV_CHECKSUM_SHA1;
      const char *call = calls[g_test_rand_int_range (0, G_N_ELEMENTS (calls))];
      guint n_params = g_test_rand_int_range (0, 8);
      const char *raw;

      for (guint i = 0; i < n_params; i++)
        {
          g_autofree char *name = random_text (TRUE);
          g_autofree char *value = random_text (FALSE);

          /* A parameter called "checksum" is not something we ever send. */
          if (g_str_equal (name, "checksum"))
            continue;
          bv_bbb_query_add (query, name, value);
        }

      secret = g_strdup_printf ("secret-%08x", g_test_rand_int ());
      url = bv_bbb_query_build_url (query, API_BASE, call, algorithm, secret);
      prefix = g_strconcat (API_BASE, call, "?", NULL);
      g_assert_true (g_str_has_prefix (url, prefix));
      g_assert_null (strstr (url, secret));

      raw = url + strlen (prefix);
      /* Only the characters a URL query can carry unescaped. */
      for (const char *p = raw; *p; p++)
        g_assert_true (g_ascii_isalnum (*p) || strchr (".-_*+%&=", *p));

      g_assert_true (bv_bbb_verify_checksum (call, raw, secret, &found));
      g_assert_cmpint (found, ==, algorithm);
      g_assert_false (bv_bbb_verify_checksum (call, raw, "another secret", NULL));
    }
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bbb/bbb-query/algorithm-names", test_algorithm_names);
  g_test_add_func ("/bbb/bbb-query/vectors/docs", test_docs_vectors);
  g_test_add_func ("/bbb/bbb-query/vectors/build-url", test_build_url_docs);
  g_test_add_func ("/bbb/bbb-query/vectors/percent20", test_percent20_vector);
  g_test_add_func ("/bbb/bbb-query/vectors/get-meetings", test_get_meetings_empty);
  g_test_add_func ("/bbb/bbb-query/vectors/join", test_join_vector);
  g_test_add_func ("/bbb/bbb-query/encode/cases", test_encode_cases);
  g_test_add_func ("/bbb/bbb-query/encode/every-byte", test_encode_every_byte);
  g_test_add_func ("/bbb/bbb-query/basics", test_query_basics);
  g_test_add_func ("/bbb/bbb-query/int-limits", test_query_int_limits);
  g_test_add_func ("/bbb/bbb-query/names-encoded", test_query_names_encoded);
  g_test_add_func ("/bbb/bbb-query/verify/each-algorithm", test_verify_each_algorithm);
  g_test_add_func ("/bbb/bbb-query/verify/get-meetings", test_verify_get_meetings);
  g_test_add_func ("/bbb/bbb-query/verify/rejects", test_verify_rejects);
  g_test_add_func ("/bbb/bbb-query/verify/changed-byte", test_verify_changed_byte);
  g_test_add_func ("/bbb/bbb-query/verify/round-trip", test_round_trip_random);

  return g_test_run ();
}
