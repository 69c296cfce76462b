/* test-meeting-search.c
 *
 * Matching meeting titles for GNOME Shell's search, the description of a
 * result, and the invitation text a reminder copies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "bv-invitation-text.h"
#include "bv-meeting-search.h"

static gboolean
matches (const char *title,
         const char *term1,
         const char *term2)
{
  const char *terms[] = { term1, term2, NULL };

  return bv_meeting_search_matches (title, terms);
}

static void
test_matches (void)
{
  g_assert_true (matches ("Vorstandssitzung Jürgen", "vorstand", NULL));
  g_assert_true (matches ("Vorstandssitzung Jürgen", "VORSTAND", NULL));
  /* inside a word */
  g_assert_true (matches ("Vorstandssitzung Jürgen", "sitzung", NULL));
  /* accents: typed with or without */
  g_assert_true (matches ("Vorstandssitzung Jürgen", "jürg", NULL));
  g_assert_true (matches ("Vorstandssitzung Jürgen", "jurg", NULL));
  g_assert_true (matches ("Übungsleiter-Treffen", "ubungs", NULL));
  g_assert_true (matches ("Kassenprüfung Straße", "strasse", NULL));
  /* every term must be found */
  g_assert_true (matches ("Vorstandssitzung Jürgen", "sitz", "jür"));
  g_assert_false (matches ("Vorstandssitzung Jürgen", "sitz", "kasse"));
  g_assert_false (matches ("Vorstandssitzung", "vorstandssitzungen", NULL));
  /* nothing typed finds nothing */
  g_assert_false (matches ("Vorstandssitzung", NULL, NULL));
  g_assert_false (matches ("Vorstandssitzung", "", NULL));
  g_assert_false (matches (NULL, "vorstand", NULL));
}

static BvOccurrence *
occurrence_at (const char *start_local,
               guint       minutes)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-01-01T00:00:00Z", NULL);
  g_autoptr(GError) error = NULL;
  BvOccurrence *occurrence;

  occurrence = bv_occurrences_next (start_local, "Europe/Berlin", minutes, NULL, NULL, 0, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (occurrence);
  return occurrence;
}

static void
test_describe (void)
{
  g_autoptr(BvOccurrence) occurrence = occurrence_at ("2026-12-01T19:30:00", 90);
  g_autofree char *text = bv_meeting_search_describe (occurrence);

  g_assert_cmpstr (text, ==, "Tue, 1 December, 19:30");
}

static void
test_invitation_text (void)
{
  g_autoptr(BvOccurrence) occurrence = occurrence_at ("2026-12-01T19:30:00", 90);
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);
  g_autofree char *text = NULL;

  bv_meeting_set_title (meeting, "Vorstandssitzung");
  text = bv_invitation_text_build (meeting, occurrence);

  g_assert_cmpstr (text, ==,
                   "Invitation to “Vorstandssitzung”\n"
                   "Tuesday, 1 December 2026, 19:30 to 21:00\n"
                   "\n"
                   "You will receive your personal link to the meeting in a separate message.\n");
  /* Nothing that lets anyone in. */
  g_assert_null (strstr (text, bv_meeting_get_bbb_meeting_id (meeting)));
  if (bv_meeting_get_moderator_password (meeting))
    g_assert_null (strstr (text, bv_meeting_get_moderator_password (meeting)));
  if (bv_meeting_get_attendee_password (meeting))
    g_assert_null (strstr (text, bv_meeting_get_attendee_password (meeting)));
}

/* RFC 5545: a series with a TZID recurs at that zone's wall-clock time and
 * is then shown in the user's zone. New York changes its clocks two weeks
 * before Berlin: in those weeks its 12:00 is 17:00 here, otherwise 18:00. */
static void
test_describe_foreign_zone (void)
{
  static const char * const expected[] = {
    "Tue, 2 March, 18:00", "Tue, 9 March, 18:00", "Tue, 16 March, 17:00",
    "Tue, 23 March, 17:00", "Tue, 30 March, 18:00", "Tue, 6 April, 18:00",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) dates = NULL;
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_GROUP);
  g_autofree char *text = NULL;

  dates = bv_occurrences_expand ("2027-03-02T12:00:00", "America/New_York", 60,
                                 "FREQ=WEEKLY;COUNT=6", NULL, 0, NULL, NULL, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dates->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < dates->len; i++)
    {
      g_autofree char *described = bv_meeting_search_describe (g_ptr_array_index (dates, i));

      g_assert_cmpstr (described, ==, expected[i]);
    }

  bv_meeting_set_title (meeting, "Partnerverein");
  text = bv_invitation_text_build (meeting, g_ptr_array_index (dates, 2));
  g_assert_nonnull (strstr (text, "Tuesday, 16 March 2027, 17:00 to 18:00\n"));
}

int
main (int   argc,
      char *argv[])
{
  /* A club's laptop in Germany: dates are shown in the user's zone. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/meeting-search/matches", test_matches);
  g_test_add_func ("/core/meeting-search/describe", test_describe);
  g_test_add_func ("/core/meeting-search/invitation-text", test_invitation_text);
  g_test_add_func ("/core/meeting-search/describe-foreign-zone", test_describe_foreign_zone);

  return g_test_run ();
}
