/* test-meeting-kind-title.c
 *
 * The kind an imported meeting takes from its title.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bv-meeting-kind-title.h"

static void
test_titles (void)
{
  struct {
    const char    *title;
    BvMeetingKind  kind;
  } cases[] = {
    { "Mitgliederversammlung", BV_MEETING_KIND_ASSEMBLY },
    { "Ordentliche Mitgliederversammlung 2027", BV_MEETING_KIND_ASSEMBLY },
    { "Jahreshauptversammlung der Feuerwehr", BV_MEETING_KIND_ASSEMBLY },
    { "HAUPTVERSAMMLUNG", BV_MEETING_KIND_ASSEMBLY },
    { "außerordentliche mitgliederversammlung", BV_MEETING_KIND_ASSEMBLY },
    /* The first key decides: an assembly that elects the board. */
    { "Mitgliederversammlung mit Vorstandswahl", BV_MEETING_KIND_ASSEMBLY },
    { "Vorstand", BV_MEETING_KIND_BOARD },
    { "Vorstandssitzung März", BV_MEETING_KIND_BOARD },
    { "Erweiterter Gesamtvorstand", BV_MEETING_KIND_BOARD },
    { "Kurs", BV_MEETING_KIND_COURSE },
    { "Yoga-Kurs für Anfänger", BV_MEETING_KIND_COURSE },
    { "Erste-Hilfe-Kurse", BV_MEETING_KIND_COURSE },
    { "Workshop Vereinsrecht", BV_MEETING_KIND_WORKSHOP },
    { "Schreibworkshop", BV_MEETING_KIND_WORKSHOP },
    { "WORKSHOPS am Samstag", BV_MEETING_KIND_WORKSHOP },
    /* The key inside a word is another word. */
    { "Exkursion ins Moor", BV_MEETING_KIND_GROUP },
    { "Versammlung", BV_MEETING_KIND_GROUP },
    { "Selbsthilfegruppe am Dienstag", BV_MEETING_KIND_GROUP },
    { "", BV_MEETING_KIND_GROUP },
    { NULL, BV_MEETING_KIND_GROUP },
    { "\xff\xfe", BV_MEETING_KIND_GROUP },
    /* Compatibility forms (full-width letters) fold as well. */
    { "ＫＵＲＳ", BV_MEETING_KIND_COURSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = cases[i].title ? g_strescape (cases[i].title, NULL) : g_strdup ("(null)");

      /* Escaped: invalid UTF-8 would break the TAP output. */
      g_test_message ("%s", shown);
      g_assert_cmpint (bv_meeting_kind_from_title (cases[i].title), ==, cases[i].kind);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/meeting-kind-title/titles", test_titles);

  return g_test_run ();
}
