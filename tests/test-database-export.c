/* test-database-export.c
 *
 * Everything about one member as JSON (store/bv-database-export, DSGVO
 * Art. 15 and 20).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "store-fixture.h"

static void
test_export_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMeeting) meeting = NULL;
  g_autoptr(BvMeeting) other = NULL;
  g_autoptr(BvMember) member = NULL;
  g_autoptr(BvGroup) group = NULL;
  g_autoptr(BvParticipant) participant = NULL;
  g_autoptr(BvParticipant) guest = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_path = test_path ("export.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;
  BvDatabase *db = open_db ("export.db");
  const char *argv[] = {
    "/usr/bin/python3", "-c",
    "import datetime, json, re, sys\n"
    /* RFC 3339 section 5.6 (date-time), strictly: a reader that is not
     * ours. ISO 8601's "+01" is refused; fromisoformat checks the values. */
    "RFC3339 = re.compile (r'\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})\\Z')\n"
    "def rfc3339 (text):\n"
    "    assert RFC3339.match (text), text\n"
    "    return datetime.datetime.fromisoformat (text.replace ('Z', '+00:00'))\n"
    "d = json.load (open (sys.argv[1], encoding='utf-8'))\n"
    "m = d['member']\n"
    "assert d['version'] == 1, d\n"
    "assert m['name'] == 'Jürgen \"Jogi\" Müller', m\n"
    "assert m['first_name'] == 'Jürgen \"Jogi\"', m\n"
    "assert m['last_name'] == 'Müller', m\n"
    "assert m['salutation'] == 'informal', m\n"
    "assert m['email'] == 'jogi@example.de', m\n"
    "assert m['phone'] is None, m\n"
    "assert m['notes'] == 'Zeile 1\\nZeile 2\\t€ \\\\ Ende\\u0001', repr (m['notes'])\n"
    "assert m['created'].endswith ('Z'), m\n"
    "for t in (d['exported'], m['created'], m['updated']) + tuple (i['invited'] for i in d['invitations']):\n"
    "    rfc3339 (t)\n"
    "assert [g['name'] for g in d['groups']] == ['Vorstand'], d['groups']\n"
    "inv = d['invitations']\n"
    "assert len (inv) == 2, inv\n"
    "assert inv[0]['meeting_title'] == 'Vorstandssitzung', inv\n"
    "assert inv[0]['meeting_start'] == '2027-02-03T19:30:00+01:00', inv\n"
    "assert rfc3339 (inv[1]['meeting_start']) == datetime.datetime (2027, 5, 1, 8, 0, tzinfo=datetime.timezone.utc), inv\n"
    "assert inv[0]['role'] == 'moderator' and inv[0]['as_guest'] is False, inv\n"
    "assert len (inv[0]['personal_link_key']) >= 32, inv\n"
    "assert inv[1]['as_guest'] is True and inv[1]['guest_name'] == 'Jogi', inv\n"
    "print ('ok')\n",
    json_path, NULL
  };

  group = add_group (db, "Vorstand");
  member = add_member (db, "Jürgen \"Jogi\" Müller", "jogi@example.de");
  bv_member_set_notes (member, "Zeile 1\nZeile 2\t€ \\ Ende\001");
  bv_member_set_salutation (member, BV_MEMBER_SALUTATION_INFORMAL);
  bv_member_set_group_ids (member, (const char *[]) { bv_group_get_id (group), NULL });
  g_assert_true (bv_database_save_member (db, member, &error));
  g_assert_no_error (error);
  meeting = add_meeting (db, "Vorstandssitzung");
  other = add_meeting (db, "Zukunftswerkstatt");
  bv_meeting_set_start (other, "2027-05-01T10:00:00", "Europe/Berlin");
  g_assert_true (bv_database_save_meeting (db, other, &error));
  participant = invite (db, meeting, member, BV_PARTICIPANT_ROLE_MODERATOR);
  guest = bv_participant_new_guest (bv_meeting_get_id (other), "Jogi", "JOGI@example.de",
                                    BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_assert_true (bv_database_add_participant (db, guest, &error));
  g_assert_no_error (error);

  json = bv_database_export_member (db, bv_member_get_id (member), &error);
  g_assert_no_error (error);
  g_assert_nonnull (json);
  g_assert_true (g_utf8_validate (json, -1, NULL));
  g_assert_true (g_file_set_contents (json_path, json, -1, &error));
  g_assert_no_error (error);

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("The export is not the expected JSON:\n%s\n%s", json, err);
  g_assert_cmpstr (out, ==, "ok\n");

  g_assert_null (bv_database_export_member (db, "no-such-member", &error));
  g_assert_error (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_unlink (json_path);
  g_assert_finalize_object (db);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = bv_test_isolate_dirs ("bv-test-database-export");
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/database-export/export-json", test_export_json);

  status = g_test_run ();

  if (root)
    bv_test_remove_tree (root);
  return status;
}
