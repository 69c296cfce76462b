/* test-meeting.c
 *
 * The meeting object (store/bv-meeting): kinds and their defaults, ids,
 * properties and notifications.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib-unix.h>
#include <sqlite3.h>

#include "store-fixture.h"

static void
test_meeting_kind_defaults (void)
{
  static const struct {
    BvMeetingKind kind;
    const char   *name;
    guint         duration;
    const char   *rrule;
    const char   *guest_policy;
    gboolean      mute_on_start;
  } kinds[] = {
    { BV_MEETING_KIND_BOARD,    "board",    120, NULL,          "ALWAYS_ACCEPT", FALSE },
    { BV_MEETING_KIND_ASSEMBLY, "assembly", 180, NULL,          "ALWAYS_DENY",   TRUE },
    { BV_MEETING_KIND_COURSE,   "course",    90, "FREQ=WEEKLY", "ALWAYS_ACCEPT", TRUE },
    { BV_MEETING_KIND_WORKSHOP, "workshop", 180, NULL,          "ALWAYS_ACCEPT", TRUE },
    { BV_MEETING_KIND_GROUP,    "group",     90, "FREQ=WEEKLY", "ASK_MODERATOR", FALSE },
  };
  BvMeetingKind parsed;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(BvMeeting) meeting = bv_meeting_new (kinds[i].kind);
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (BV_TYPE_MEETING_KIND);
      GEnumValue *value = g_enum_get_value (enum_class, kinds[i].kind);

      g_test_message ("kind %s", kinds[i].name);
      g_assert_cmpint (bv_meeting_get_kind (meeting), ==, kinds[i].kind);
      g_assert_cmpstr (bv_meeting_kind_to_string (kinds[i].kind), ==, kinds[i].name);
      g_assert_true (bv_meeting_kind_from_string (kinds[i].name, &parsed));
      g_assert_cmpint (parsed, ==, kinds[i].kind);
      g_assert_nonnull (value);
      g_assert_cmpstr (value->value_nick, ==, kinds[i].name);

      g_assert_cmpuint (bv_meeting_get_duration (meeting), ==, kinds[i].duration);
      g_assert_cmpstr (bv_meeting_get_rrule (meeting), ==, kinds[i].rrule);
      /* Never on by default: BBB keeps raw media whenever record=true. */
      g_assert_false (bv_meeting_get_record (meeting));
      g_assert_cmpstr (bv_meeting_get_guest_policy (meeting), ==, kinds[i].guest_policy);
      g_assert_cmpint (bv_meeting_get_mute_on_start (meeting), ==, kinds[i].mute_on_start);
      g_assert_false (bv_meeting_get_webcams_only_for_moderator (meeting));
      g_assert_cmpuint (bv_meeting_get_max_participants (meeting), ==, 0);

      g_assert_cmpstr (bv_meeting_get_tzid (meeting), ==, "Europe/Berlin");
      g_assert_null (bv_meeting_get_start_local (meeting));
      g_assert_cmpstr (bv_meeting_get_title (meeting), ==, "");
      g_assert_null (bv_meeting_get_server_id (meeting));
      g_assert_null (bv_meeting_get_welcome (meeting));
      g_assert_null (bv_meeting_get_ical_uid (meeting));

      g_assert_true (g_uuid_string_is_valid (bv_meeting_get_id (meeting)));
      g_assert_cmpuint (strlen (bv_meeting_get_attendee_password (meeting)), ==, 12);
      g_assert_cmpuint (strlen (bv_meeting_get_moderator_password (meeting)), ==, 12);
      g_assert_true (is_alphanumeric (bv_meeting_get_attendee_password (meeting)));
      g_assert_true (is_alphanumeric (bv_meeting_get_moderator_password (meeting)));
      g_assert_cmpstr (bv_meeting_get_attendee_password (meeting), !=,
                       bv_meeting_get_moderator_password (meeting));
    }

  g_assert_false (bv_meeting_kind_from_string ("Board", &parsed));
  g_assert_false (bv_meeting_kind_from_string ("", &parsed));
  g_assert_false (bv_meeting_kind_from_string (NULL, &parsed));

  /* Switching the kind keeps the values until the template is applied;
   * title, start and server survive that. */
  {
    g_autoptr(BvMeeting) meeting = new_meeting (BV_MEETING_KIND_BOARD, "Vorstand", "2026-05-04T19:00");

    bv_meeting_set_server_id (meeting, "server-1");
    bv_meeting_set_record (meeting, TRUE);
    bv_meeting_set_kind (meeting, BV_MEETING_KIND_GROUP);
    g_assert_cmpuint (bv_meeting_get_duration (meeting), ==, 120);
    bv_meeting_apply_kind_defaults (meeting);
    g_assert_cmpuint (bv_meeting_get_duration (meeting), ==, 90);
    g_assert_cmpstr (bv_meeting_get_rrule (meeting), ==, "FREQ=WEEKLY");
    g_assert_cmpstr (bv_meeting_get_guest_policy (meeting), ==, "ASK_MODERATOR");
    g_assert_false (bv_meeting_get_record (meeting));
    g_assert_cmpstr (bv_meeting_get_title (meeting), ==, "Vorstand");
    g_assert_cmpstr (bv_meeting_get_start_local (meeting), ==, "2026-05-04T19:00:00");
    g_assert_cmpstr (bv_meeting_get_server_id (meeting), ==, "server-1");
  }
}

static void
test_meeting_ids (void)
{
  g_autoptr(GHashTable) bbb_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) notifications = g_string_new (NULL);
  g_autoptr(BvMeeting) renewed = bv_meeting_new (BV_MEETING_KIND_COURSE);
  g_autofree char *old_id = NULL;
  guint counts[16] = { 0 };
  const guint n = 1000;
  gsize total = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BvMeeting) meeting = bv_meeting_new (i % 5);
      const char *bbb_id = bv_meeting_get_bbb_meeting_id (meeting);
      gsize length = strlen (bbb_id);

      /* Lower-case hex: URL-safe, no comma, 4 bits a character, so 32
       * characters or more carry at least 128 random bits. */
      g_assert_cmpuint (length, >=, 32);
      g_assert_cmpuint (length, <=, 256);
      for (gsize j = 0; j < length; j++)
        {
          const char *digit = strchr ("0123456789abcdef", bbb_id[j]);

          g_assert_true (bbb_id[j] && digit);
          counts[digit - "0123456789abcdef"]++;
        }
      total += length;

      g_assert_true (g_hash_table_add (bbb_ids, g_strdup (bbb_id)));
      g_assert_true (g_hash_table_add (ids, g_strdup (bv_meeting_get_id (meeting))));
      g_assert_true (g_hash_table_add (passwords, g_strdup (bv_meeting_get_attendee_password (meeting))));
      g_assert_true (g_hash_table_add (passwords, g_strdup (bv_meeting_get_moderator_password (meeting))));
      g_assert_cmpstr (bbb_id, !=, bv_meeting_get_id (meeting));
    }

  g_assert_cmpuint (g_hash_table_size (bbb_ids), ==, n);
  g_assert_cmpuint (g_hash_table_size (ids), ==, n);
  g_assert_cmpuint (g_hash_table_size (passwords), ==, 2 * n);

  /* Every digit about equally often: catches a constant or a badly biased
   * encoding. The bounds are more than ten standard deviations wide. */
  for (guint d = 0; d < G_N_ELEMENTS (counts); d++)
    {
      g_assert_cmpuint (counts[d], >, total / 16 - total / 80);
      g_assert_cmpuint (counts[d], <, total / 16 + total / 80);
    }

  old_id = g_strdup (bv_meeting_get_bbb_meeting_id (renewed));
  g_signal_connect (renewed, "notify", G_CALLBACK (notify_cb), notifications);
  bv_meeting_renew_bbb_meeting_id (renewed);
  g_assert_cmpstr (bv_meeting_get_bbb_meeting_id (renewed), !=, old_id);
  g_assert_cmpuint (strlen (bv_meeting_get_bbb_meeting_id (renewed)), ==, strlen (old_id));
  g_assert_cmpstr (notifications->str, ==, "bbb-meeting-id;");
}

static void
test_meeting_object (void)
{
  static const struct {
    const char *input;
    const char *expected;
  } times[] = {
    { "2026-12-01T19:30", "2026-12-01T19:30:00" },
    { "2026-12-01T19:30:15", "2026-12-01T19:30:15" },
    { "2028-02-29T00:00", "2028-02-29T00:00:00" },
    /* Local wall-clock time that does not exist in Berlin is still a
     * valid local time; recurrence decides what to do with it. */
    { "2026-03-29T02:30", "2026-03-29T02:30:00" },
    { "2026-02-29T10:00", NULL },
    { "2026-13-01T10:00", NULL },
    { "2026-12-01T24:00", NULL },
    { "2026-12-01T19:60", NULL },
    { "2026-12-01 19:30", NULL },
    { "2026-12-01T19:30Z", NULL },
    { "2026-12-01T19:30:00+01:00", NULL },
    { "2026-12-1T19:30", NULL },
    { "2026-12-01", NULL },
    { "", NULL },
  };
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_WORKSHOP);
  g_autoptr(GString) notifications = g_string_new (NULL);
  g_autofree char *start = NULL;
  BvMeetingKind kind;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autofree char *normal = bv_meeting_normalize_local_time (times[i].input);

      g_assert_cmpstr (normal, ==, times[i].expected);
    }
  g_assert_null (bv_meeting_normalize_local_time (NULL));

  g_signal_connect (meeting, "notify", G_CALLBACK (notify_cb), notifications);

  /* Notifications only on a real change */
  bv_meeting_set_title (meeting, "Satzungsworkshop");
  bv_meeting_set_title (meeting, "Satzungsworkshop");
  bv_meeting_set_start (meeting, "2026-06-13T10:00", "Europe/Berlin");
  bv_meeting_set_start (meeting, "2026-06-13T10:00:00", "Europe/Berlin");
  bv_meeting_set_duration (meeting, 180);
  bv_meeting_set_duration (meeting, 240);
  bv_meeting_set_rrule (meeting, NULL);
  bv_meeting_set_rrule (meeting, "");
  bv_meeting_set_server_id (meeting, "");
  bv_meeting_set_kind (meeting, BV_MEETING_KIND_WORKSHOP);
  bv_meeting_set_kind (meeting, BV_MEETING_KIND_BOARD);
  g_assert_cmpstr (notifications->str, ==, "title;start-local;duration;kind;");
  g_string_truncate (notifications, 0);

  /* The time zone alone, and through properties as a UI binds them */
  bv_meeting_set_start (meeting, "2026-06-13T10:00", "Europe/Vienna");
  g_object_set (meeting,
                "start-local", "2026-06-13T11:00",
                "tzid", "Europe/Vienna",
                "kind", BV_MEETING_KIND_COURSE,
                "server-id", "s1",
                "rrule", "FREQ=WEEKLY;BYDAY=SA",
                "title", "Satzungsworkshop",
                NULL);
  /* GObject emits queued notifications in no promised order */
  assert_notified (notifications, "kind;rrule;server-id;start-local;tzid;");
  g_object_get (meeting, "start-local", &start, "kind", &kind, NULL);
  g_assert_cmpstr (start, ==, "2026-06-13T11:00:00");
  g_assert_cmpint (kind, ==, BV_MEETING_KIND_COURSE);
  g_string_truncate (notifications, 0);

  /* Bad values are programming errors and change nothing */
  g_test_expect_message ("bv-store", G_LOG_LEVEL_CRITICAL, "*normal*");
  bv_meeting_set_start (meeting, "2026-06-13 12:00", "Europe/Vienna");
  g_test_assert_expected_messages ();
  g_test_expect_message ("bv-store", G_LOG_LEVEL_CRITICAL, "*tzid*");
  bv_meeting_set_start (meeting, "2026-06-13T12:00", "");
  g_test_assert_expected_messages ();
  g_test_expect_message ("bv-store", G_LOG_LEVEL_CRITICAL, "*kind_is_valid*");
  bv_meeting_set_kind (meeting, (BvMeetingKind)5);
  g_test_assert_expected_messages ();
  g_test_expect_message ("bv-store", G_LOG_LEVEL_CRITICAL, "*minutes > 0*");
  bv_meeting_set_duration (meeting, 0);
  g_test_assert_expected_messages ();
  g_test_expect_message ("bv-store", G_LOG_LEVEL_CRITICAL, "*guest_policy_is_valid*");
  bv_meeting_set_guest_policy (meeting, "always_accept");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (bv_meeting_get_start_local (meeting), ==, "2026-06-13T11:00:00");
  g_assert_cmpstr (bv_meeting_get_tzid (meeting), ==, "Europe/Vienna");
  g_assert_cmpint (bv_meeting_get_kind (meeting), ==, BV_MEETING_KIND_COURSE);
  g_assert_cmpuint (bv_meeting_get_duration (meeting), ==, 240);
  g_assert_cmpstr (notifications->str, ==, "");

  /* BBB refuses commas in a meetingID: such a room is replaced */
  {
    g_autoptr(BvMeeting) bad = NULL;

    g_test_expect_message ("bv-store", G_LOG_LEVEL_CRITICAL, "*meetingID*");
    bad = g_object_new (BV_TYPE_MEETING, "bbb-meeting-id", "room,1", NULL);
    g_test_assert_expected_messages ();
    g_assert_cmpuint (strlen (bv_meeting_get_bbb_meeting_id (bad)), ==, 40);
  }

  /* A start can be taken back */
  bv_meeting_set_start (meeting, NULL, "Europe/Vienna");
  g_assert_null (bv_meeting_get_start_local (meeting));
  g_assert_cmpstr (notifications->str, ==, "start-local;");

  /* The passwords are per meeting, never the server's secret */
  g_assert_null (g_object_class_find_property (G_OBJECT_GET_CLASS (meeting), "secret"));
  g_assert_null (g_object_class_find_property (G_OBJECT_GET_CLASS (meeting), "shared-secret"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = NULL;
  int ret;

  root = bv_test_isolate_dirs ("bv-test-meeting");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/meeting/kind-defaults", test_meeting_kind_defaults);
  g_test_add_func ("/store/meeting/ids", test_meeting_ids);
  g_test_add_func ("/store/meeting/object", test_meeting_object);

  ret = g_test_run ();

  if (root)
    bv_test_remove_tree (root);

  return ret;
}
