/* test-invitation-proof-window.c
 *
 * The "Proof of Invitation" window on a real SQLite file and a real GTK
 * window: the e-mail from the sending record, a letter marked with its
 * day through the row's menu and dialog, a wrong date refused in German
 * words without a mark, the mark removed again, and the minutes'
 * sentence following along.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "bv-database.h"
#include "bv-invitation-mark.h"
#include "bv-invitation-proof-window.h"
#include "bv-mail-record.h"
#include "bv-test-utils.h"

static char *dir;

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *part)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), part))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, part);

      if (found)
        return found;
    }
  return NULL;
}

static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ACTION_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      AdwActionRow *found = find_row (child, title);

      if (found)
        return found;
    }
  return NULL;
}

static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
answer (const char *heading,
        const char *date,
        const char *response)
{
  AdwMessageDialog *dialog;

  bv_test_spin (50);
  dialog = find_dialog (heading);
  g_assert_nonnull (dialog);
  if (date)
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), date);
  adw_message_dialog_response (dialog, response);
  bv_test_spin (50);
}

static void
test_mark (void)
{
  g_autofree char *path = g_build_filename (dir, "proof.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BvDatabase) db = NULL;
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_ASSEMBLY);
  g_autoptr(BvMember) anna = bv_member_new ();
  g_autoptr(BvMember) bernd = bv_member_new ();
  g_autoptr(BvParticipant) anna_p = NULL;
  g_autoptr(BvParticipant) bernd_p = NULL;
  g_autoptr(GDateTime) sent = g_date_time_new_from_iso8601 ("2027-03-01T09:00:00Z", NULL);
  g_autofree char *version = NULL;
  BvInvitationProofWindow *window;
  const char *bernd_id;
  GDate day;

  db = bv_database_open (path, &error);
  g_assert_no_error (error);
  bv_meeting_set_title (meeting, "Mitgliederversammlung 2027");
  bv_meeting_set_start (meeting, "2027-03-17T19:00:00", "Europe/Berlin");
  g_assert_true (bv_database_save_meeting (db, meeting, &error));
  bv_member_set_name (anna, "Anna Albers");
  bv_member_set_email (anna, "anna@example.org");
  bv_member_set_name (bernd, "Bernd Bauer");
  g_assert_true (bv_database_save_member (db, anna, &error));
  g_assert_true (bv_database_save_member (db, bernd, &error));
  anna_p = bv_participant_new_member (bv_meeting_get_id (meeting), bv_member_get_id (anna),
                                      BV_PARTICIPANT_ROLE_PARTICIPANT);
  bernd_p = bv_participant_new_member (bv_meeting_get_id (meeting), bv_member_get_id (bernd),
                                       BV_PARTICIPANT_ROLE_PARTICIPANT);
  g_assert_true (bv_database_add_participant (db, anna_p, &error));
  g_assert_true (bv_database_add_participant (db, bernd_p, &error));
  g_assert_no_error (error);
  version = bv_database_get_invitation_version (db, bv_participant_get_id (anna_p));
  g_assert_true (bv_database_record_mail_sent (db, bv_participant_get_id (anna_p), version,
                                               "anna@example.org", "<a@example.org>", sent, &error));
  g_assert_no_error (error);
  bernd_id = bv_participant_get_id (bernd_p);

  window = bv_invitation_proof_window_new (NULL, db, meeting, 14);
  gtk_window_present (GTK_WINDOW (window));
  bv_test_spin (50);

  g_assert_cmpstr (adw_action_row_get_subtitle (find_row (GTK_WIDGET (window), "Anna Albers")), ==,
                   "E-mail sent on 01.03.2027, 10:00");
  g_assert_cmpstr (adw_action_row_get_subtitle (find_row (GTK_WIDGET (window), "Bernd Bauer")), ==,
                   "No invitation recorded");
  g_assert_nonnull (find_label (GTK_WIDGET (window),
                                "1 of 2 members were invited in time: 1 by e-mail by 1 March. "
                                "Not invited in time: Bernd Bauer (no invitation recorded)."));

  /* A date that does not exist: refused, nothing marked. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "proof.mark-letter", "s", bernd_id));
  answer ("Invitation Sent by Letter", "31.02.2027", "save");
  g_assert_nonnull (find_dialog ("Invitation Not Marked"));
  answer ("Invitation Not Marked", NULL, "close");
  g_assert_cmpint (bv_database_get_invitation_mark (db, bernd_id, NULL), ==, BV_INVITATION_MARK_NONE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "proof.mark-letter", "s", bernd_id));
  answer ("Invitation Sent by Letter", "2.3.2027", "save");
  g_assert_cmpint (bv_database_get_invitation_mark (db, bernd_id, &day), ==, BV_INVITATION_MARK_LETTER);
  g_assert_cmpint (g_date_get_day (&day), ==, 2);
  g_assert_cmpstr (adw_action_row_get_subtitle (find_row (GTK_WIDGET (window), "Bernd Bauer")), ==,
                   "By letter on 02.03.2027");
  g_assert_nonnull (find_label (GTK_WIDGET (window),
                                "All 2 members were invited in time: 1 by e-mail by 1 March and "
                                "1 by letter by 2 March."));

  /* Handed over after the deadline (3 March): shown as late. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "proof.mark-person", "s", bernd_id));
  answer ("Invitation Handed Over in Person", "5.3.2027", "save");
  g_assert_cmpstr (adw_action_row_get_subtitle (find_row (GTK_WIDGET (window), "Bernd Bauer")), ==,
                   "In person on 05.03.2027 – after the deadline");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "proof.unmark", "s", bernd_id));
  bv_test_spin (50);
  g_assert_cmpint (bv_database_get_invitation_mark (db, bernd_id, NULL), ==, BV_INVITATION_MARK_NONE);
  g_assert_cmpstr (adw_action_row_get_subtitle (find_row (GTK_WIDGET (window), "Bernd Bauer")), ==,
                   "No invitation recorded");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  dir = g_dir_make_tmp ("bv-test-proof-window-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/invitation-proof-window/mark", test_mark);

  status = g_test_run ();
  bv_test_remove_tree (dir);
  g_free (dir);
  return status;
}
