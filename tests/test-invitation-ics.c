/* test-invitation-ics.c
 *
 * The zone of every calendar the app writes, read back with libical: the
 * one VTIMEZONE carries the name the events' times use (not libical's
 * "/freeassociation.sourceforge.net/…"), and its rules give Berlin's
 * summer and winter offsets. Every path that writes a calendar: one
 * person's file, the Invite window's folder export and the e-mail's iMIP
 * part. python3-icalendar reads the same paths in tests/check-ics-zones.py.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libical/ical.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bv-invitation-export.h"
#include "bv-mail-message.h"

#define TZID "Europe/Berlin"
#define LINK "https://bbb.example.org/bigbluebutton/api/join?fullName=Erika&meetingID=abc&role=VIEWER&checksum=0f"

static char *tmp_dir;

/* Local wall-clock time in Berlin to its offset from UTC, by @zone's rules. */
static int
offset_at (icaltimezone *zone,
           int           year,
           int           month,
           int           day,
           int           hour,
           int          *is_daylight)
{
  struct icaltimetype t = icaltime_null_time ();

  t.year = year;
  t.month = month;
  t.day = day;
  t.hour = hour;
  return icaltimezone_get_utc_offset (zone, &t, is_daylight);
}

static void
assert_times_use_zone (icalcomponent *event)
{
  guint n = 0;

  for (icalproperty *p = icalcomponent_get_first_property (event, ICAL_ANY_PROPERTY); p;
       p = icalcomponent_get_next_property (event, ICAL_ANY_PROPERTY))
    {
      icalparameter *tzid = icalproperty_get_first_parameter (p, ICAL_TZID_PARAMETER);

      if (tzid)
        {
          g_assert_cmpstr (icalparameter_get_tzid (tzid), ==, TZID);
          n++;
        }
    }
  /* At least DTSTART and DTEND. */
  g_assert_cmpuint (n, >=, 2);
}

static void
assert_zone (const char *what,
             const char *text)
{
  icalcomponent *calendar;
  icalcomponent *vtimezone;
  icaltimezone *zone;
  int daylight = -1;

  g_test_message ("%s", what);
  g_assert_nonnull (text);
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);

  vtimezone = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
  g_assert_nonnull (vtimezone);
  g_assert_null (icalcomponent_get_next_component (calendar, ICAL_VTIMEZONE_COMPONENT));
  g_assert_cmpstr (icalproperty_get_tzid (icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY)),
                   ==, TZID);

  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT); event;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    assert_times_use_zone (event);
  g_assert_nonnull (icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT));

  /* The rules that go with the file, not libical's own copy of them. */
  zone = icaltimezone_new ();
  g_assert_true (icaltimezone_set_component (zone, icalcomponent_new_clone (vtimezone)));
  g_assert_cmpstr (icaltimezone_get_tzid (zone), ==, TZID);
  g_assert_cmpint (offset_at (zone, 2027, 7, 15, 12, &daylight), ==, 2 * 3600);   /* CEST */
  g_assert_cmpint (daylight, ==, 1);
  g_assert_cmpint (offset_at (zone, 2027, 1, 15, 12, &daylight), ==, 1 * 3600);   /* CET */
  g_assert_cmpint (daylight, ==, 0);
  /* Beyond the last dated transition the rules go on. */
  g_assert_cmpint (offset_at (zone, 2041, 8, 1, 12, &daylight), ==, 2 * 3600);
  g_assert_cmpint (offset_at (zone, 2041, 12, 1, 12, &daylight), ==, 1 * 3600);
  icaltimezone_free (zone, 1);
  icalcomponent_free (calendar);
}

static char *
read_child (GFile      *folder,
            const char *name)
{
  g_autoptr(GFile) file = g_file_get_child (folder, name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_load_contents (file, NULL, &contents, NULL, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_zone (void)
{
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);
  g_autoptr(GPtrArray) exceptions = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_meeting_exception_free);
  g_autoptr(BvInvitationExport) export = NULL;
  g_autoptr(BvParticipant) erika = NULL;
  g_autoptr(GFile) parent = g_file_new_for_path (tmp_dir);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  BvInvitationContext context = { "TV Musterstadt 1881", NULL, NULL, NULL };
  char *text;

  bv_meeting_set_title (meeting, "Vorstandssitzung");
  bv_meeting_set_start (meeting, "2027-01-12T19:30:00", TZID);
  bv_meeting_set_duration (meeting, 90);
  bv_meeting_set_rrule (meeting, "FREQ=WEEKLY;BYDAY=TU;COUNT=30");
  g_ptr_array_add (exceptions, bv_meeting_exception_new ("2027-01-19T19:30:00", TRUE, NULL, 0));
  g_ptr_array_add (exceptions, bv_meeting_exception_new ("2027-03-23T19:30:00", FALSE, "2027-03-30T18:00:00", 0));

  /* One person's file (the Invite window's "save calendar"). */
  text = bv_invitation_build_ics_full (meeting, exceptions, LINK, "Liebe Erika,", &error);
  g_assert_no_error (error);
  assert_zone ("one person's file", text);
  g_free (text);

  /* The Invite window's folder of files. */
  export = bv_invitation_export_new (meeting, NULL, &context);
  bv_invitation_export_set_exceptions (export, exceptions);
  erika = bv_participant_new_guest (bv_meeting_get_id (meeting), "Erika Musterfrau", "erika@example.org",
                                    BV_PARTICIPANT_ROLE_PARTICIPANT);
  bv_invitation_export_add (export, erika, LINK);
  folder = bv_invitation_export_write_calendar (export, parent, NULL, NULL, &error);
  g_assert_no_error (error);
  text = read_child (folder, "Vorstandssitzung.ics");
  assert_zone ("the whole meeting's file", text);
  g_free (text);
  text = read_child (folder, "Erika Musterfrau.ics");
  assert_zone ("Erika's file of the folder", text);
  g_free (text);

  /* The e-mail's calendar part: invitation, cancelled, one date cancelled. */
  text = bv_mail_message_build_calendar (meeting, exceptions, LINK, "TV Musterstadt", "verein@example.de",
                                         "Erika Musterfrau", "erika@example.org", 1, FALSE, NULL, &error);
  g_assert_no_error (error);
  assert_zone ("the e-mail's invitation", text);
  g_free (text);
  text = bv_mail_message_build_calendar (meeting, NULL, NULL, "TV Musterstadt", "verein@example.de",
                                         "Erika Musterfrau", "erika@example.org", 2, TRUE, NULL, &error);
  g_assert_no_error (error);
  assert_zone ("the e-mail's cancellation", text);
  g_free (text);
  text = bv_mail_message_build_calendar (meeting, NULL, NULL, "TV Musterstadt", "verein@example.de",
                                         "Erika Musterfrau", "erika@example.org", 3, TRUE,
                                         "2027-07-13T19:30:00", &error);
  g_assert_no_error (error);
  assert_zone ("the e-mail's cancellation of one date", text);
  g_free (text);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("bv-test-invitation-ics-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/core/invitation-ics/zone", test_zone);

  status = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
