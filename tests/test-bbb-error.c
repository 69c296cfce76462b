/* test-bbb-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <string.h>

#include "bv-bbb-enums.h"
#include "bv-bbb-error.h"

/* Every FAILED messageKey of bbb-api.md §3. */
static const struct {
  const char *key;
  BvBbbError  code;
} key_table[] = {
  { "checksumError", BV_BBB_ERROR_CHECKSUM },
  { "missingParamMeetingID", BV_BBB_ERROR_MISSING_PARAMETER },
  { "missingParamFullName", BV_BBB_ERROR_MISSING_PARAMETER },
  { "missingParamRecordID", BV_BBB_ERROR_MISSING_PARAMETER },
  { "missingParamPublish", BV_BBB_ERROR_MISSING_PARAMETER },
  { "missingParameter", BV_BBB_ERROR_MISSING_PARAMETER },
  { "missingParameters", BV_BBB_ERROR_MISSING_PARAMETER },
  { "paramError", BV_BBB_ERROR_VALIDATION },
  { "validationError", BV_BBB_ERROR_VALIDATION },
  { "idNotUnique", BV_BBB_ERROR_ID_NOT_UNIQUE },
  { "nonUniqueVoiceBridge", BV_BBB_ERROR_VOICE_BRIDGE_IN_USE },
  { "parentMeetingIdMissing", BV_BBB_ERROR_PARENT_MEETING_MISSING },
  { "notFound", BV_BBB_ERROR_NOT_FOUND },
  { "noRecordings", BV_BBB_ERROR_NOT_FOUND },
  { "invalidMeetingIdentifier", BV_BBB_ERROR_INVALID_MEETING },
  { "meetingForciblyEnded", BV_BBB_ERROR_MEETING_ENDED },
  { "mismatchCreateTimeParam", BV_BBB_ERROR_CREATE_TIME_MISMATCH },
  { "invalidPassword", BV_BBB_ERROR_INVALID_PASSWORD },
  { "Params required", BV_BBB_ERROR_INVALID_PASSWORD },
  { "maxParticipantsReached", BV_BBB_ERROR_MAX_PARTICIPANTS },
  { "guestDeniedAccess", BV_BBB_ERROR_GUEST_DENIED },
  { "meetingNotFound", BV_BBB_ERROR_MEETING_NOT_RUNNING },
  { "unsupportedContentType", BV_BBB_ERROR_UNSUPPORTED_CONTENT_TYPE },
  { "noConfigFound", BV_BBB_ERROR_NO_CONFIG },
  { "createHookError", BV_BBB_ERROR_HOOK },
  { "destroyHookError", BV_BBB_ERROR_HOOK },
  { "destroyMissingHook", BV_BBB_ERROR_HOOK },
  { "missingParamHookID", BV_BBB_ERROR_HOOK },
  { "serverUnavailable", BV_BBB_ERROR_SERVER_UNAVAILABLE },
  { "serverTagUnavailable", BV_BBB_ERROR_SERVER_UNAVAILABLE },
  { "internalError", BV_BBB_ERROR_INTERNAL },
  { "unsupportedRequest", BV_BBB_ERROR_UNSUPPORTED_REQUEST },
};

/* Every value of BvBbbError, read from its GEnum type (generated from the
 * header by glib-mkenums), so that a new code without advice fails here
 * without anyone remembering to list it. */
static GEnumClass *
error_enum (void)
{
  static GEnumClass *klass;

  if (!klass)
    klass = g_type_class_ref (BV_TYPE_BBB_ERROR);
  g_assert_cmpuint (klass->n_values, >, 0);
  return klass;
}

#define N_CODES (error_enum ()->n_values)
#define CODE(i) ((BvBbbError) error_enum ()->values[(i)].value)

static void
test_key_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (key_table); i++)
    {
      g_test_message ("key: %s", key_table[i].key);
      g_assert_cmpint (bv_bbb_error_code_for_key (key_table[i].key), ==, key_table[i].code);
    }
}

static void
test_unknown_keys (void)
{
  static const char *unknown[] = {
    "",
    "somethingNew",
    "CHECKSUMERROR",
    "checksumerror",
    " checksumError",
    "checksumError ",
    "params required",
    "notfound",
    /* SUCCESS keys are not errors at all; asked anyway they are generic */
    "duplicateWarning",
    "noMeetings",
    "sentEndMeetingRequest",
  };

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_test_message ("key: “%s”", unknown[i]);
      g_assert_cmpint (bv_bbb_error_code_for_key (unknown[i]), ==, BV_BBB_ERROR_FAILED);
    }

  g_assert_cmpint (bv_bbb_error_code_for_key (NULL), ==, BV_BBB_ERROR_FAILED);
}

static gboolean
contains_word_casefold (const char *text,
                        const char *word)
{
  g_autofree char *folded_text = g_utf8_casefold (text, -1);
  g_autofree char *folded_word = g_utf8_casefold (word, -1);

  return strstr (folded_text, folded_word) != NULL;
}

static void
test_advice_everywhere (void)
{
  /* Words that mean nothing to a club secretary. Upper-case ones are
   * matched exactly so that "rapid" or "capital" would not trip them. */
  static const char *exact[] = { "API", "XML", "HTTP", "SHA", "URL" };
  static const char *folded[] = { "checksum", "messageKey", "meetingID", "FAILED", "salt" };

  for (guint i = 0; i < N_CODES; i++)
    {
      const char *advice = bv_bbb_error_get_advice (CODE (i));
      gsize len;

      g_test_message ("code %d: %s", CODE (i), advice);
      g_assert_nonnull (advice);
      g_assert_true (g_utf8_validate (advice, -1, NULL));
      len = strlen (advice);
      g_assert_cmpuint (len, >, 20);
      g_assert_cmpuint (g_utf8_strlen (advice, -1), <=, 200);
      g_assert_true (g_str_has_suffix (advice, "."));
      g_assert_true (g_unichar_isupper (g_utf8_get_char (advice)));
      /* what went wrong, then what to do: at least two sentences */
      g_assert_nonnull (strstr (advice, ". ") ? strstr (advice, ". ") : strstr (advice, "; "));

      for (guint j = 0; j < G_N_ELEMENTS (exact); j++)
        g_assert_null (strstr (advice, exact[j]));
      for (guint j = 0; j < G_N_ELEMENTS (folded); j++)
        g_assert_false (contains_word_casefold (advice, folded[j]));

      /* Each code says something of its own. */
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (advice, !=, bv_bbb_error_get_advice (CODE (j)));
    }
}

/* A code that is not in the enum gets the generic advice; every code in it
 * must have its own (a code that falls through to the generic text has
 * none), in English and in German. */
static void
test_advice_per_code (void)
{
  g_autofree char *generic = g_strdup (bv_bbb_error_get_advice ((BvBbbError) (N_CODES + 100)));
  g_autoptr(GPtrArray) english = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *localedir = NULL;
  const char *german_generic;

  for (guint i = 0; i < N_CODES; i++)
    {
      const char *advice = bv_bbb_error_get_advice (CODE (i));

      g_test_message ("%s: %s", error_enum ()->values[i].value_nick, advice);
      g_assert_cmpstr (advice, !=, generic);
      g_ptr_array_add (english, g_strdup (advice));
    }

  /* German from the translations just built. */
  localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  g_assert_nonnull (bindtextdomain (GETTEXT_PACKAGE, localedir));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("LANGUAGE", "de", TRUE);
  g_assert_nonnull (setlocale (LC_ALL, "de_DE.UTF-8"));

  german_generic = bv_bbb_error_get_advice ((BvBbbError) (N_CODES + 100));
  g_assert_cmpstr (german_generic, !=, generic);
  for (guint i = 0; i < N_CODES; i++)
    {
      const char *advice = bv_bbb_error_get_advice (CODE (i));

      g_test_message ("de %s: %s", error_enum ()->values[i].value_nick, advice);
      /* Translated, and not the German generic text either. */
      g_assert_cmpstr (advice, !=, g_ptr_array_index (english, i));
      g_assert_cmpstr (advice, !=, german_generic);
    }

  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  g_assert_cmpstr (bv_bbb_error_get_advice (CODE (0)), ==, g_ptr_array_index (english, 0));
}

static void
test_new_for_key (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (key_table); i++)
    {
      g_autoptr(GError) error = bv_bbb_error_new_for_key (key_table[i].key);

      g_assert_error (error, BV_BBB_ERROR, (gint) key_table[i].code);
      g_assert_cmpstr (error->message, ==, bv_bbb_error_get_advice (key_table[i].code));
    }

  {
    g_autoptr(GError) error = bv_bbb_error_new_for_key ("brandNewKey");

    g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_FAILED);
    g_assert_cmpstr (error->message, ==, bv_bbb_error_get_advice (BV_BBB_ERROR_FAILED));
  }

  {
    g_autoptr(GError) error = bv_bbb_error_new_for_key (NULL);

    g_assert_error (error, BV_BBB_ERROR, BV_BBB_ERROR_FAILED);
  }
}

static void
test_new (void)
{
  for (guint i = 0; i < N_CODES; i++)
    {
      g_autoptr(GError) error = bv_bbb_error_new (CODE (i));

      g_assert_error (error, BV_BBB_ERROR, (gint) CODE (i));
      g_assert_cmpstr (error->message, ==, bv_bbb_error_get_advice (CODE (i)));
    }
}

static void
test_examples (void)
{
  /* The sentences the product description promises, word for word; where
   * to check the address says how to get there (issue 19: not "in the
   * server settings", which the server form itself is). */
  g_assert_cmpstr (bv_bbb_error_get_advice (BV_BBB_ERROR_HOST_NOT_FOUND), ==,
                   "The server’s address could not be found. Check the address in the main menu "
                   "under Preferences → Conference Servers, and your internet connection.");
  g_assert_cmpstr (bv_bbb_error_get_advice (BV_BBB_ERROR_NOT_BBB), ==,
                   "The address does not lead to a BigBlueButton server. Check the address; it "
                   "usually ends in /bigbluebutton/.");
  g_assert_true (g_str_has_prefix (bv_bbb_error_get_advice (BV_BBB_ERROR_CHECKSUM),
                                   "The server does not accept the shared secret."));
}

static void
test_quark (void)
{
  g_assert_cmpstr (g_quark_to_string (BV_BBB_ERROR), ==, "bv-bbb-error-quark");
}

/* The answers that mean "no such room (any more)", and only those. */
static void
test_room_gone (void)
{
  g_autoptr(GEnumClass) codes = g_type_class_ref (BV_TYPE_BBB_ERROR);
  g_autoptr(GError) other = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_NOENT, "");

  g_assert_false (bv_bbb_error_is_room_gone (NULL));
  g_assert_false (bv_bbb_error_is_room_gone (other));

  for (guint i = 0; i < codes->n_values; i++)
    {
      int code = codes->values[i].value;
      g_autoptr(GError) error = bv_bbb_error_new (code);
      gboolean gone = code == BV_BBB_ERROR_NOT_FOUND ||
                      code == BV_BBB_ERROR_INVALID_MEETING ||
                      code == BV_BBB_ERROR_MEETING_NOT_RUNNING;

      g_assert_cmpint (bv_bbb_error_is_room_gone (error), ==, gone);
    }
}

int
main (int argc, char *argv[])
{
  /* The advice is checked in its English source form. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bbb/bbb-error/key-table", test_key_table);
  g_test_add_func ("/bbb/bbb-error/unknown-keys", test_unknown_keys);
  g_test_add_func ("/bbb/bbb-error/advice", test_advice_everywhere);
  g_test_add_func ("/bbb/bbb-error/advice-per-code", test_advice_per_code);
  g_test_add_func ("/bbb/bbb-error/new-for-key", test_new_for_key);
  g_test_add_func ("/bbb/bbb-error/new", test_new);
  g_test_add_func ("/bbb/bbb-error/examples", test_examples);
  g_test_add_func ("/bbb/bbb-error/quark", test_quark);
  g_test_add_func ("/bbb/bbb-error/room-gone", test_room_gone);

  return g_test_run ();
}
