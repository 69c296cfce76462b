/* test-invitation-settings.c
 *
 * core/bv-invitation-settings: what Preferences holds for invitations
 * becomes one BvInvitationContext, the same for the Invite window, the
 * preview and --export-invitations. Needs no display: the settings are
 * GSettings' memory backend with the app's compiled schema.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bv-invitation-settings.h"
#include "bv-join.h"

#include <string.h>

/* The test environment sets GSETTINGS_BACKEND=memory. */
static GSettings *
new_settings (void)
{
  return g_settings_new (APP_ID);
}

/* The saved texts, an empty field as "not set" (NULL). */
static void
test_read (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  g_autoptr(BvInvitationSettings) read = NULL;

  g_settings_set_string (settings, "invitation-template", "Hallo {name}");
  g_settings_set_string (settings, "club-name", "TV Musterstadt");
  g_settings_set_string (settings, "privacy-contact", "");

  read = bv_invitation_settings_read (settings, NULL, NULL);
  g_assert_cmpstr (read->template_text, ==, "Hallo {name}");
  g_assert_cmpstr (read->context.club_name, ==, "TV Musterstadt");
  g_assert_null (read->context.privacy_contact);
  g_assert_null (read->context.dial_number);
  g_assert_null (read->context.voice_bridge);

  g_clear_pointer (&read, bv_invitation_settings_free);
  g_settings_set_string (settings, "club-name", "");
  g_settings_set_string (settings, "privacy-contact", "datenschutz@example.org");
  read = bv_invitation_settings_read (settings, NULL, NULL);
  g_assert_null (read->context.club_name);
  g_assert_cmpstr (read->context.privacy_contact, ==, "datenschutz@example.org");
}

/* An assembly gets the assembly's template, the built-in one until the
 * club writes its own, and the club's § 32 statement; other kinds keep
 * the general template. */
static void
test_assembly (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  g_autoptr(BvMeeting) assembly = bv_meeting_new (BV_MEETING_KIND_ASSEMBLY);
  g_autoptr(BvMeeting) board = bv_meeting_new (BV_MEETING_KIND_BOARD);
  g_autoptr(BvInvitationSettings) read = NULL;

  g_settings_set_string (settings, "invitation-template", "Hallo {name}");
  g_settings_reset (settings, "assembly-invitation-template");
  g_settings_reset (settings, "assembly-participation");

  read = bv_invitation_settings_read (settings, NULL, assembly);
  g_assert_cmpstr (read->template_text, ==, bv_invitation_assembly_template ());
  g_assert_nonnull (strstr (read->template_text, "{agenda}"));
  g_assert_null (read->context.participation);
  g_clear_pointer (&read, bv_invitation_settings_free);

  g_settings_set_string (settings, "assembly-invitation-template", "Tagesordnung:\n{agenda}");
  g_settings_set_string (settings, "assembly-participation", "Online per Link.");
  g_settings_set_uint (settings, "attendance-retention-months", 24);
  read = bv_invitation_settings_read (settings, NULL, assembly);
  g_assert_cmpuint (read->context.attendance_months, ==, 24);
  g_settings_reset (settings, "attendance-retention-months");
  g_assert_cmpstr (read->template_text, ==, "Tagesordnung:\n{agenda}");
  g_assert_cmpstr (read->context.participation, ==, "Online per Link.");
  g_clear_pointer (&read, bv_invitation_settings_free);

  read = bv_invitation_settings_read (settings, NULL, board);
  g_assert_cmpstr (read->template_text, ==, "Hallo {name}");
}

/* No settings at all (a window made without them): empty, no crash. */
static void
test_without_settings (void)
{
  g_autoptr(BvInvitationSettings) read = bv_invitation_settings_read (NULL, NULL, NULL);

  g_assert_cmpstr (read->template_text, ==, "");
  g_assert_null (read->context.club_name);
  g_assert_null (read->context.privacy_contact);
}

/* A server with telephone dial-in adds its number and the room's PIN. */
static void
test_dial_in (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  g_autoptr(BvServer) server = bv_server_new ("s1", "Verein", "https://bbb.example.org/bigbluebutton/api/", "sha256");
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);
  g_autoptr(BvInvitationSettings) read = NULL;
  g_autofree char *pin = NULL;

  bv_meeting_set_title (meeting, "Vorstandssitzung");
  read = bv_invitation_settings_read (settings, server, meeting);
  g_assert_null (read->context.dial_number);
  g_assert_null (read->context.voice_bridge);
  g_clear_pointer (&read, bv_invitation_settings_free);

  bv_server_set_dial_number (server, "+49 631 555-1234");
  read = bv_invitation_settings_read (settings, server, meeting);
  pin = g_strdup_printf ("%u", bv_join_voice_bridge (meeting));
  g_assert_cmpstr (read->context.dial_number, ==, "+49 631 555-1234");
  g_assert_cmpstr (read->context.voice_bridge, ==, pin);
  /* The PIN lives in the struct, as long as the context. */
  g_assert_true (read->context.voice_bridge == read->pin);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/invitation-settings/assembly", test_assembly);
  g_test_add_func ("/core/invitation-settings/read", test_read);
  g_test_add_func ("/core/invitation-settings/without-settings", test_without_settings);
  g_test_add_func ("/core/invitation-settings/dial-in", test_dial_in);

  return g_test_run ();
}
