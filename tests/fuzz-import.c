/* fuzz-import.c — libFuzzer target for the calendar and member importers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built and run by tests/run-fuzz-import.sh (clang
 * -fsanitize=fuzzer,address,undefined), seeded with the hostile-input
 * corpus (tests/data/hostile) and the importers' fixtures. Every input
 * goes through the calendar parser and through the member import's
 * parsing and comparison with a real database (a few members and a
 * group, in a temporary folder), and what comes out is checked: valid
 * UTF-8, plain one-line names, no address that is none. A zone bomb that
 * hangs shows as libFuzzer's timeout.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "bv-database.h"
#include "bv-ics-import.h"
#include "bv-member-import.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static BvDatabase *database;

static gboolean
is_plain (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *c = text; *c; c = g_utf8_next_char (c))
    {
      GUnicodeType type = g_unichar_type (g_utf8_get_char (c));

      if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT
          || type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        return FALSE;
    }
  return TRUE;
}

static void
check_events (GPtrArray *events)
{
  for (guint i = 0; i < events->len; i++)
    {
      BvIcsEvent *event = g_ptr_array_index (events, i);
      BvMeeting *meeting = bv_ics_event_get_meeting (event);
      GPtrArray *attendees = bv_ics_event_get_attendees (event);
      GPtrArray *refused = bv_ics_event_get_refused_attendees (event);

      g_assert_true (is_plain (bv_meeting_get_title (meeting)));
      g_assert_cmpuint (g_utf8_strlen (bv_meeting_get_title (meeting), -1), <=, 64);
      for (guint j = 0; j < attendees->len; j++)
        {
          BvIcsAttendee *attendee = g_ptr_array_index (attendees, j);

          g_assert_true (bv_member_email_is_valid (attendee->email));
          if (attendee->name)
            g_assert_true (is_plain (attendee->name));
        }
      for (guint j = 0; j < refused->len; j++)
        g_assert_true (is_plain (g_ptr_array_index (refused, j)));
    }
}

static void
check_items (GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      BvMemberImportItem *item = g_ptr_array_index (items, i);

      if (item->label)
        g_assert_true (g_utf8_validate (item->label, -1, NULL));
      if (item->details)
        g_assert_true (g_utf8_validate (item->details, -1, NULL));
      for (guint j = 0; item->groups[j]; j++)
        g_assert_true (is_plain (item->groups[j]));
      if (item->member)
        {
          const char *email = bv_member_get_email (item->member);

          g_assert_true (is_plain (bv_member_get_name (item->member)));
          g_assert_true (!email || bv_member_email_is_valid (email));
        }
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *dir = g_dir_make_tmp ("bv-fuzz-import-XXXXXX", &error);
  g_autofree char *path = NULL;
  BvGroup *board;
  BvMember *member;

  g_assert_no_error (error);
  path = g_build_filename (dir, "bbb-vereine.db", NULL);
  database = bv_database_open (path, &error);
  g_assert_no_error (error);

  board = bv_group_new ("Vorstand");
  g_ptr_array_add (groups, board);
  member = bv_member_new ();
  bv_member_set_name (member, "Anna Becker");
  bv_member_set_email (member, "anna@example.org");
  g_ptr_array_add (members, member);
  member = bv_member_new ();
  bv_member_set_name (member, "Mitglied ohne Adresse");
  g_ptr_array_add (members, member);
  bv_database_save_members (database, groups, members, &error);
  g_assert_no_error (error);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(BvMemberImport) import = NULL;
  g_autoptr(GError) error = NULL;

  events = bv_ics_parse ((const char *) data, size, &error);
  if (events)
    check_events (events);
  else
    g_assert_true (error && g_utf8_validate (error->message, -1, NULL));
  g_clear_error (&error);

  import = bv_member_import_new_from_data (database, (const char *) data, size, NULL, &error);
  if (import)
    {
      check_items (bv_member_import_get_added (import));
      check_items (bv_member_import_get_updated (import));
      check_items (bv_member_import_get_skipped (import));
    }
  else
    g_assert_true (error && g_utf8_validate (error->message, -1, NULL));
  return 0;
}
