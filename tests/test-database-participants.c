/* test-database-participants.c
 *
 * Invitations in the database (store/bv-database-participants): members
 * and guests, and meetings saved together with their participants.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "store-fixture.h"

static void
test_participants (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(BvMember) anna = NULL;
  g_autoptr(BvMember) bernd = NULL;
  g_autoptr(BvParticipant) moderator = NULL;
  g_autoptr(BvParticipant) participant = NULL;
  g_autoptr(BvParticipant) twice = NULL;
  g_autoptr(BvParticipant) guest = NULL;
  g_autoptr(GPtrArray) list = NULL;
  BvParticipant *first;
  BvDatabase *db = open_db ("participants.db");

  meeting = add_meeting (db, "Vorstandssitzung");
  anna = add_member (db, "Anna", "anna@example.org");
  bernd = add_member (db, "Bernd", "bernd@example.org");

  participant = invite (db, meeting, anna, BV_PARTICIPANT_ROLE_PARTICIPANT);
  moderator = invite (db, meeting, bernd, BV_PARTICIPANT_ROLE_MODERATOR);
  guest = bv_participant_new_guest (bv_meeting_get_id (meeting), "Gast Referentin", "referentin@example.com",
                                    BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_assert_true (bv_database_add_participant (db, guest, &error));
  g_assert_no_error (error);

  /* Personal link keys: ≥ 128 bits of hex, all different. */
  g_assert_cmpuint (strlen (bv_participant_get_link_key (participant)), >=, 32);
  for (const char *p = bv_participant_get_link_key (participant); *p; p++)
    g_assert_true (g_ascii_isxdigit (*p));
  g_assert_cmpstr (bv_participant_get_link_key (participant), !=, bv_participant_get_link_key (moderator));

  twice = bv_participant_new_member (bv_meeting_get_id (meeting), bv_member_get_id (anna),
                                     BV_PARTICIPANT_ROLE_MODERATOR);
  g_assert_false (bv_database_add_participant (db, twice, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED);
  g_clear_error (&error);
  g_clear_object (&twice);
  twice = bv_participant_new_member ("no-such-meeting", bv_member_get_id (anna), BV_PARTICIPANT_ROLE_MODERATOR);
  g_assert_false (bv_database_add_participant (db, twice, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  list = bv_database_list_participants (db, bv_meeting_get_id (meeting));
  g_assert_cmpuint (list->len, ==, 3);
  first = g_ptr_array_index (list, 0);
  g_assert_cmpstr (bv_participant_get_name (first), ==, "Bernd");
  g_assert_cmpint (bv_participant_get_role (first), ==, BV_PARTICIPANT_ROLE_MODERATOR);
  g_assert_cmpstr (bv_participant_get_email (first), ==, "bernd@example.org");
  g_assert_cmpstr (bv_participant_get_link_key (first), ==, bv_participant_get_link_key (moderator));
  g_assert_true (bv_participant_is_guest (g_ptr_array_index (list, 2)));
  g_assert_cmpstr (bv_participant_get_name (g_ptr_array_index (list, 2)), ==, "Gast Referentin");
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (bv_database_set_participant_role (db, bv_participant_get_id (participant),
                                                   BV_PARTICIPANT_ROLE_MODERATOR, &error));
  g_assert_no_error (error);
  g_assert_true (bv_database_remove_participant (db, bv_participant_get_id (guest), &error));
  g_assert_no_error (error);
  g_assert_false (bv_database_remove_participant (db, bv_participant_get_id (guest), &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  list = bv_database_list_participants (db, bv_meeting_get_id (meeting));
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (bv_participant_get_name (g_ptr_array_index (list, 0)), ==, "Anna");
  g_assert_cmpint (bv_participant_get_role (g_ptr_array_index (list, 0)), ==, BV_PARTICIPANT_ROLE_MODERATOR);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_cmpuint (bv_database_count_member_meetings (db, bv_member_get_id (anna)), ==, 1);

  /* Deleting the meeting takes its invitations along. */
  g_assert_true (bv_database_delete_meeting (db, bv_meeting_get_id (meeting), &error));
  g_assert_no_error (error);
  list = bv_database_list_member_participations (db, bv_member_get_id (anna));
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_true (bv_database_check_integrity (db, &error));
  g_assert_no_error (error);

  g_clear_object (&anna);
  g_clear_object (&bernd);
  g_clear_object (&meeting);
  g_assert_finalize_object (db);
}

/* A calendar import saves its meetings and their attendees together: when
 * one invitation cannot be written, none of the meetings stays either. */
static void
test_meetings_with_participants (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);
  g_autoptr(BvMember) anna = NULL;
  g_autoptr(GPtrArray) meetings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) participants = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(BvMeeting) found = NULL;
  BvDatabase *db = open_db ("meetings-with-participants.db");

  anna = add_member (db, "Anna", "anna@example.org");
  bv_meeting_set_title (meeting, "Mitgliederversammlung");
  bv_meeting_set_start (meeting, "2027-03-03T19:00:00", "Europe/Berlin");
  g_ptr_array_add (meetings, g_object_ref (meeting));
  g_ptr_array_add (participants,
                   bv_participant_new_member (bv_meeting_get_id (meeting), bv_member_get_id (anna),
                                              BV_PARTICIPANT_ROLE_MODERATOR));
  g_ptr_array_add (participants,
                   bv_participant_new_guest ("no-such-meeting", "Gast", "gast@example.com",
                                             BV_PARTICIPANT_ROLE_PARTICIPANT));

  g_assert_false (bv_database_save_meetings_with_participants (db, meetings, NULL, participants, &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  found = bv_database_find_meeting (db, bv_meeting_get_id (meeting));
  g_assert_null (found);
  list = bv_database_list_participants (db, bv_meeting_get_id (meeting));
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_ptr_array_remove_index (participants, 1);
  g_assert_true (bv_database_save_meetings_with_participants (db, meetings, NULL, participants, &error));
  g_assert_no_error (error);
  found = bv_database_find_meeting (db, bv_meeting_get_id (meeting));
  g_assert_nonnull (found);
  list = bv_database_list_participants (db, bv_meeting_get_id (meeting));
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (bv_participant_get_name (g_ptr_array_index (list, 0)), ==, "Anna");
  g_assert_cmpint (bv_participant_get_role (g_ptr_array_index (list, 0)), ==, BV_PARTICIPANT_ROLE_MODERATOR);

  g_object_unref (db);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = bv_test_isolate_dirs ("bv-test-database-participants");
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/database-participants/participants", test_participants);
  g_test_add_func ("/store/database-participants/meetings-with-participants", test_meetings_with_participants);

  status = g_test_run ();

  if (root)
    bv_test_remove_tree (root);
  return status;
}
