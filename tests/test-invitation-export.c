/* test-invitation-export.c
 *
 * The one implementation of the mail-merge and calendar exports that the
 * Invite window and --export-invitations share: real files in a
 * temporary folder, blocking and in a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bv-invitation-export.h"
#include "../src/bbb/bv-bbb-client.h"
#include "bv-test-utils.h"

#define TITLE "Mitgliederversammlung 2026"

static char *tmp_dir;

static BvMeeting *
new_meeting (void)
{
  BvMeeting *meeting = bv_meeting_new (BV_MEETING_KIND_ASSEMBLY);

  bv_meeting_set_title (meeting, TITLE);
  bv_meeting_set_start (meeting, "2026-12-01T19:30:00", "Europe/Berlin");
  bv_meeting_set_duration (meeting, 90);
  bv_meeting_set_rrule (meeting, "FREQ=WEEKLY;BYDAY=TU");
  return meeting;
}

/* Two guests with made-up links; a club name and a dial-in that the
 * caller's buffers no longer hold once the export is made. */
static BvInvitationExport *
new_export (BvMeeting *meeting)
{
  const char *names[] = { "Erika Musterfrau", "Jürgen Müller", NULL };
  char club[] = "TV Musterstadt 1881";
  char number[] = "+49 631 1234";
  char pin[] = "12345";
  BvInvitationContext context = { club, NULL, number, pin };
  BvInvitationExport *export = bv_invitation_export_new (meeting, NULL, &context);

  for (guint i = 0; names[i]; i++)
    {
      g_autoptr(BvParticipant) participant = NULL;
      g_autofree char *link = g_strdup_printf ("https://bbb.example.org/join?person=%u", i);

      participant = bv_participant_new_guest (bv_meeting_get_id (meeting), names[i], NULL,
                                              BV_PARTICIPANT_ROLE_PARTICIPANT);
      bv_invitation_export_add (export, participant, link);
    }

  /* The copies are the export's own. */
  memset (club, 'X', sizeof club - 1);
  memset (number, 'X', sizeof number - 1);
  memset (pin, 'X', sizeof pin - 1);
  return export;
}

static char *
read_file (GFile *file)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_load_contents (file, NULL, &contents, NULL, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
assert_private (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_UNIX_MODE, G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_MODE) & 0777, ==, 0600);
}

static void
test_merge (void)
{
  g_autoptr(BvMeeting) meeting = new_meeting ();
  g_autoptr(BvInvitationExport) export = new_export (meeting);
  g_autofree char *path = g_build_filename (tmp_dir, "merge.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *written = NULL;

  g_assert_cmpuint (bv_invitation_export_get_n_people (export), ==, 2);
  csv = bv_invitation_export_merge_csv (export);
  g_assert_nonnull (strstr (csv, "Jürgen Müller"));
  g_assert_nonnull (strstr (csv, "https://bbb.example.org/join?person=1"));
  g_assert_nonnull (strstr (csv, "TV Musterstadt 1881"));
  g_assert_nonnull (strstr (csv, "+49 631 1234"));
  g_assert_null (strstr (csv, "XXX"));

  /* An older file of that name is replaced, and the new one is private. */
  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);
  g_chmod (path, 0644);
  g_assert_true (bv_invitation_export_write_merge (export, file, NULL, &error));
  g_assert_no_error (error);
  written = read_file (file);
  g_assert_cmpstr (written, ==, csv);
  assert_private (file);

  /* The same from a worker thread. */
  g_unlink (path);
  g_clear_pointer (&written, g_free);
  bv_invitation_export_write_merge_async (export, file, NULL, bv_test_result_cb, &result);
  g_assert_true (bv_invitation_export_write_merge_finish (export, bv_test_wait_for (&result), &error));
  g_assert_no_error (error);
  written = read_file (file);
  g_assert_cmpstr (written, ==, csv);
  assert_private (file);
}

static void
test_merge_fails (void)
{
  g_autoptr(BvMeeting) meeting = new_meeting ();
  g_autoptr(BvInvitationExport) export = new_export (meeting);
  g_autofree char *path = g_build_filename (tmp_dir, "no such folder", "merge.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bv_invitation_export_write_merge_async (export, file, NULL, bv_test_result_cb, &result);
  g_assert_false (bv_invitation_export_write_merge_finish (export, bv_test_wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_query_exists (file, NULL));
}

static void
test_calendar (void)
{
  g_autoptr(BvMeeting) meeting = new_meeting ();
  g_autoptr(BvInvitationExport) export = new_export (meeting);
  g_autoptr(GFile) parent = g_file_new_for_path (tmp_dir);
  g_autoptr(GPtrArray) exceptions = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_meeting_exception_free);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) again = NULL;
  g_autoptr(GFile) whole = NULL;
  g_autoptr(GFile) juergen = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder_name = NULL;
  g_autofree char *whole_text = NULL;
  g_autofree char *juergen_text = NULL;
  g_autofree char *unfolded = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_files = 0;

  g_ptr_array_add (exceptions, bv_meeting_exception_new ("2026-12-08T19:30:00", TRUE, NULL, 0));
  bv_invitation_export_set_exceptions (export, exceptions);

  folder = bv_invitation_export_write_calendar (export, parent, &n_files, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_files, ==, 3);
  folder_name = g_file_get_basename (folder);
  g_assert_cmpstr (folder_name, ==, "Invitations " TITLE " 2026-12-01");

  /* The whole meeting, without anyone's link. */
  whole = g_file_get_child (folder, TITLE ".ics");
  whole_text = read_file (whole);
  g_assert_nonnull (strstr (whole_text, "RRULE:FREQ=WEEKLY;BYDAY=TU"));
  g_assert_nonnull (strstr (whole_text, "EXDATE"));
  g_assert_null (strstr (whole_text, "person="));
  assert_private (whole);

  /* Each person's file: their link and their text. */
  juergen = g_file_get_child (folder, "Jürgen Müller.ics");
  juergen_text = read_file (juergen);
  lines = g_strsplit (juergen_text, "\r\n ", -1);
  unfolded = g_strjoinv ("", lines);
  g_assert_nonnull (strstr (unfolded, "URL:https://bbb.example.org/join?person=1"));
  g_assert_nonnull (strstr (unfolded, "Jürgen Müller"));
  g_assert_nonnull (strstr (unfolded, "TV Musterstadt 1881"));
  g_assert_null (strstr (unfolded, "person=0"));
  g_assert_nonnull (strstr (unfolded, "EXDATE"));

  /* Again from a worker thread: a second folder, the first untouched. */
  n_files = 0;
  bv_invitation_export_write_calendar_async (export, parent, NULL, bv_test_result_cb, &result);
  again = bv_invitation_export_write_calendar_finish (export, bv_test_wait_for (&result), &n_files, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_files, ==, 3);
  g_clear_pointer (&folder_name, g_free);
  folder_name = g_file_get_basename (again);
  g_assert_cmpstr (folder_name, ==, "Invitations " TITLE " 2026-12-01 (2)");
  g_assert_true (g_file_query_exists (juergen, NULL));
}

static void
test_calendar_fails (void)
{
  g_autoptr(BvMeeting) meeting = new_meeting ();
  g_autoptr(BvInvitationExport) export = new_export (meeting);
  g_autofree char *path = g_build_filename (tmp_dir, "missing", NULL);
  g_autoptr(GFile) parent = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = NULL;
  guint n_files = 42;

  bv_invitation_export_write_calendar_async (export, parent, NULL, bv_test_result_cb, &result);
  folder = bv_invitation_export_write_calendar_finish (export, bv_test_wait_for (&result), &n_files, &error);
  g_assert_null (folder);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (n_files, ==, 42);
  g_assert_false (g_file_query_exists (parent, NULL));
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The letters for those without an e-mail address: one page each, with
 * the invitation text, the dial-in, and a QR code that zbarimg reads back
 * as the person's own link, signed with the server's secret (the checksum
 * recomputed by Python's hashlib, not by our code). */
static void
test_letters (void)
{
  const char *secret = "Br13fp0st-Geheimnis-0123456789abcdef";
  g_autoptr(BvMeeting) meeting = new_meeting ();
  g_autoptr(BvServer) server = bv_server_new ("srv", "Vereinsserver", "https://bbb.example.org/bigbluebutton/", "sha256");
  g_autoptr(BvBbbClient) client = bv_bbb_client_new ("https://bbb.example.org/bigbluebutton/api/", secret,
                                                     BV_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) participants = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(BvInvitationExport) export = NULL;
  g_autoptr(BvPrintDocument) letters = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf_path = g_build_filename (tmp_dir, "briefe.pdf", NULL);
  g_autofree char *png_prefix = g_build_filename (tmp_dir, "seite", NULL);
  g_autofree char *png_path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *link = NULL;
  g_autofree char *verdict = NULL;
  char club[] = "TV Musterstadt 1881";
  char number[] = "+49 631 1234";
  char pin[] = "12345";
  BvInvitationContext context = { club, NULL, number, pin };
  const char *names[] = { "Erika Musterfrau", "Jürgen Müller", "Hannelore Ölmann" };
  const char *emails[] = { NULL, "juergen@example.org", NULL };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (participants, bv_participant_new_guest (bv_meeting_get_id (meeting), names[i], emails[i],
                                                             BV_PARTICIPANT_ROLE_PARTICIPANT));
  export = bv_invitation_export_new (meeting, "{greeting},\n\nwe invite you to {title}: {when}.\n{link}\n{dial_in}",
                                     &context);
  bv_invitation_export_add_signed (export, client, server, participants);
  letters = bv_invitation_export_letters (export, &n);
  g_assert_nonnull (letters);
  g_assert_cmpuint (n, ==, 2);
  pdf = bv_print_document_to_pdf (letters);
  g_assert_true (g_file_set_contents (pdf_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error));
  g_assert_no_error (error);

  {
    const char *argv[] = { "pdftotext", "-layout", pdf_path, "-", NULL };
    g_auto(GStrv) pages = NULL;

    text = run (argv);
    pages = g_strsplit (text, "\f", -1);
    /* Two letters on two pages (and what follows the last form feed). */
    g_assert_cmpuint (g_strv_length (pages), ==, 3);
    g_assert_nonnull (strstr (pages[0], "Erika Musterfrau"));
    g_assert_nonnull (strstr (pages[0], "TV Musterstadt 1881"));
    g_assert_nonnull (strstr (pages[0], "we invite you to " TITLE));
    g_assert_nonnull (strstr (pages[0], "By telephone: call +49 631 1234 and enter the PIN 12345."));
    g_assert_nonnull (strstr (pages[0], "Your personal link"));
    g_assert_null (strstr (pages[0], "Hannelore"));
    g_assert_nonnull (strstr (pages[1], "Hannelore Ölmann"));
    /* Who has an address gets e-mail, no letter. */
    g_assert_null (strstr (text, "Jürgen"));
  }

  {
    const char *argv[] = { "pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile", pdf_path, png_prefix, NULL };
    g_autofree char *ignored = run (argv);
  }
  png_path = g_strconcat (png_prefix, ".png", NULL);
  {
    const char *argv[] = { "zbarimg", "--quiet", "--raw", png_path, NULL };

    decoded = run (argv);
  }
  link = g_strstrip (g_strdup (decoded));
  g_assert_true (g_str_has_prefix (link, "https://bbb.example.org/bigbluebutton/api/join?"));
  g_assert_nonnull (strstr (link, "fullName=Erika"));
  g_assert_nonnull (strstr (link, "userID=bv-"));
  g_assert_nonnull (strstr (link, bv_participant_get_link_key (g_ptr_array_index (participants, 0))));
  {
    const char *argv[] = {
      "python3", "-c",
      "import hashlib, sys, urllib.parse\n"
      "url = urllib.parse.urlsplit(sys.argv[1])\n"
      "query, checksum = url.query.rsplit('&checksum=', 1)\n"
      "print('valid' if hashlib.sha256(('join' + query + sys.argv[2]).encode()).hexdigest() == checksum else 'invalid')\n",
      link, secret, NULL
    };

    verdict = run (argv);
  }
  g_assert_cmpstr (verdict, ==, "valid\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("bv-invitation-export-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/core/invitation-export/merge", test_merge);
  g_test_add_func ("/core/invitation-export/merge-fails", test_merge_fails);
  g_test_add_func ("/core/invitation-export/calendar", test_calendar);
  g_test_add_func ("/core/invitation-export/calendar-fails", test_calendar_fails);
  g_test_add_func ("/core/invitation-export/letters", test_letters);

  status = g_test_run ();
  bv_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
