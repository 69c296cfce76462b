/* ics-calendars.c — every calendar the app writes, for the zone check
 * (tests/check-ics-zones.py)
 *
 * Usage: ics-calendars DIR
 *
 * Writes into DIR, for a series in Europe/Berlin with a cancelled and a
 * moved date, a single meeting in America/New_York and one in UTC, the
 * calendars of every path that makes them: one person's file as the
 * Invite window saves it (bv_invitation_build_ics_full), the folder of
 * files the Invite window exports (bv_invitation_export_write_calendar)
 * and the e-mail's iMIP part (bv_mail_message_build_calendar: the
 * invitation, the whole meeting cancelled, one date cancelled). Prints
 * the files' paths, one a line. Exits 1 with the error on stderr.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "bv-invitation-export.h"
#include "bv-mail-message.h"

#define LINK "https://bbb.example.org/bigbluebutton/api/join?fullName=Erika&meetingID=abc&role=VIEWER&checksum=0f"

static void
fail (const char *what,
      GError     *error)
{
  fprintf (stderr, "%s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

static void
write_text (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (!text)
    fail (name, NULL);
  if (!g_file_set_contents (path, text, -1, &error))
    fail (path, error);
  printf ("%s\n", path);
}

static void
write_exported (GFile *folder)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NONE,
                                        NULL, &error);
  if (!children)
    fail ("export", error);
  while ((info = g_file_enumerator_next_file (children, NULL, &error)))
    {
      g_autoptr(GFile) child = g_file_get_child (folder, g_file_info_get_name (info));
      g_autofree char *path = g_file_get_path (child);

      printf ("%s\n", path);
      g_object_unref (info);
    }
  if (error)
    fail ("export", error);
}

static void
write_meeting (const char *dir,
               const char *name,
               const char *start,
               const char *tzid,
               const char *rrule,
               GPtrArray  *exceptions)
{
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);
  g_autoptr(BvInvitationExport) export = NULL;
  g_autoptr(BvParticipant) erika = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *sub = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;
  BvInvitationContext context = { "TV Musterstadt 1881", NULL, NULL, NULL };

  g_mkdir_with_parents (sub, 0700);
  bv_meeting_set_title (meeting, "Vorstandssitzung");
  bv_meeting_set_start (meeting, start, tzid);
  bv_meeting_set_duration (meeting, 90);
  bv_meeting_set_rrule (meeting, rrule);

  text = bv_invitation_build_ics_full (meeting, exceptions, LINK, "Liebe Erika,", &error);
  if (!text)
    fail ("build_ics_full", error);
  write_text (sub, "save-one.ics", text);
  g_clear_pointer (&text, g_free);

  export = bv_invitation_export_new (meeting, NULL, &context);
  bv_invitation_export_set_exceptions (export, exceptions);
  erika = bv_participant_new_guest (bv_meeting_get_id (meeting), "Erika Musterfrau", "erika@example.org",
                                    BV_PARTICIPANT_ROLE_PARTICIPANT);
  bv_invitation_export_add (export, erika, LINK);
  parent = g_file_new_for_path (sub);
  folder = bv_invitation_export_write_calendar (export, parent, NULL, NULL, &error);
  if (!folder)
    fail ("write_calendar", error);
  write_exported (folder);

  text = bv_mail_message_build_calendar (meeting, exceptions, LINK, "TV Musterstadt", "verein@example.de",
                                         "Erika Musterfrau", "erika@example.org", 1, FALSE, NULL, &error);
  if (!text)
    fail ("mail request", error);
  write_text (sub, "mail-request.ics", text);
  g_clear_pointer (&text, g_free);

  text = bv_mail_message_build_calendar (meeting, NULL, NULL, "TV Musterstadt", "verein@example.de",
                                         "Erika Musterfrau", "erika@example.org", 2, TRUE, NULL, &error);
  if (!text)
    fail ("mail cancel", error);
  write_text (sub, "mail-cancel.ics", text);
  g_clear_pointer (&text, g_free);

  if (rrule)
    {
      text = bv_mail_message_build_calendar (meeting, NULL, NULL, "TV Musterstadt", "verein@example.de",
                                             "Erika Musterfrau", "erika@example.org", 3, TRUE, start, &error);
      if (!text)
        fail ("mail cancel one date", error);
      write_text (sub, "mail-cancel-one.ics", text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) exceptions = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_meeting_exception_free);

  if (argc != 2)
    {
      fprintf (stderr, "Usage: %s DIR\n", argv[0]);
      return 2;
    }

  /* Summer and winter dates in one series: a cancelled one in winter,
   * one moved across the change to summer time. */
  g_ptr_array_add (exceptions, bv_meeting_exception_new ("2027-01-19T19:30:00", TRUE, NULL, 0));
  g_ptr_array_add (exceptions, bv_meeting_exception_new ("2027-03-23T19:30:00", FALSE,
                                                         "2027-03-30T18:00:00", 0));
  write_meeting (argv[1], "berlin", "2027-01-12T19:30:00", "Europe/Berlin", "FREQ=WEEKLY;BYDAY=TU;COUNT=30",
                 exceptions);
  write_meeting (argv[1], "new-york", "2027-07-15T12:00:00", "America/New_York", NULL, NULL);
  write_meeting (argv[1], "utc", "2027-07-15T12:00:00", "UTC", "FREQ=MONTHLY;COUNT=3", NULL);
  return 0;
}
