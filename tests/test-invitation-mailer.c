/* test-invitation-mailer.c
 *
 * Sending a meeting's invitations by e-mail (issue 16) through a real
 * SMTP server on loopback (tests/smtp-server.py: aiosmtpd, STARTTLS with
 * the suite's test certificate, AUTH required). Every received message
 * is read back by tests/check-mail.py with Python's email package and
 * python3-icalendar; the links' checksums are recomputed there from the
 * secret. Runs in the secret suite's environment (the throw-away
 * keyring holds the server's secret and the mail password).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libical/ical.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "bv-invitation.h"
#include "bv-invitation-mailer.h"
#include "bv-invitation-mailer-private.h"
#include "bv-mail-error.h"
#include "bv-mail-secret.h"
#include "bv-practice-server.h"
#include "bv-secret-store.h"
#include "bv-test-utils.h"
#include "mail-fixture.h"

#define SECRET   "test-mailer-7c1e4b2a9d8f4e3b6c0d1a2f3e4b5c6d"
#define TITLE    "Vorstandssitzung Grün-Weiß"
#define CLUB     "SF Grün-Weiß Söhlde e. V."
#define REPLY_TO "vorstand@gruen-weiss.example"
#define TEMPLATE "Hallo {name},\n{club} lädt ein: {title}\n{when}\nIhr persönlicher Link: {link}\n"
#define RRULE    "FREQ=WEEKLY;COUNT=10"

static BvPracticeServer *practice;
static char             *tmp_dir;

static const char * const names[] = {
  "Jürgen Müller-Lüdenscheidt", "Anna Schäfer", "Zoë Łukasiewicz", "Bärbel Groß", "Ömer Yılmaz",
  "Hans-Peter Weiß", "Renée Dubois", "Søren Kierkegård", "Maria Höß", "Uwe Krüger",
};

typedef struct
{
  BvDatabase         *db;
  BvContext          *context;
  BvServer           *server;
  BvMeeting          *meeting;
  GSettings          *settings;
  GPtrArray          *participants;
  BvInvitationMailer *mailer;
  MailServer         *smtp;
  guint               n_changed;
  guint               cancel_after;
  GCancellable       *cancellable;
} Fixture;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
save_password (const char *address,
               const char *password)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bv_mail_secret_save_async (address, password, NULL, result_cb, &result);
  bv_mail_secret_save_finish (bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* The cancel comes a little later, while the next message is on its
 * way (the server takes its time with each). */
static void
participant_changed_cb (BvInvitationMailer *mailer,
                        const char         *participant_id,
                        Fixture            *f)
{
  f->n_changed++;
  if (f->cancel_after && f->n_changed == f->cancel_after)
    g_timeout_add_full (G_PRIORITY_DEFAULT, 200, cancel_cb, g_object_ref (f->cancellable), g_object_unref);
}

static char *
address_for (guint i)
{
  return g_strdup_printf ("mitglied%02u@example.org", i + 1);
}

/* @n people; the first is a moderator; one more without an address. */
static void
set_up (Fixture *f,
        guint    n,
        const char *first_arg,
        ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *path = NULL;
  g_autofree char *server_id = bv_server_generate_id ();
  g_autoptr(BvMailAccount) account = NULL;
  g_autoptr(BvMember) nobody = NULL;
  g_autoptr(BvParticipant) nobody_invited = NULL;
  const char *args[8] = { NULL };
  va_list va;
  guint n_args = 0;

  va_start (va, first_arg);
  for (const char *arg = first_arg; arg && n_args < G_N_ELEMENTS (args) - 1; arg = va_arg (va, const char *))
    args[n_args++] = arg;
  va_end (va);
  f->smtp = mail_server_start (args[0], args[1], args[2], args[3], args[4], args[5], args[6], NULL);

  path = g_strdup_printf ("%s/mailer-%s.sqlite", tmp_dir, server_id);
  f->db = bv_database_open (path, &error);
  g_assert_no_error (error);
  f->context = bv_context_new (f->db);

  f->server = bv_server_new (server_id, "Übungsserver", bv_practice_server_get_api_url (practice), "sha256");
  bv_server_set_connection_info (f->server, "sha256", "2.0", "2.7.0", FALSE, g_get_real_time () / G_USEC_PER_SEC);
  bv_database_save_server (f->db, f->server, &error);
  g_assert_no_error (error);
  bv_secret_store_save_async (server_id, "Übungsserver", SECRET, NULL, result_cb, &result);
  bv_secret_store_save_finish (bv_test_wait_for (&result), &error);
  g_assert_no_error (error);

  f->meeting = bv_meeting_new (BV_MEETING_KIND_BOARD);
  bv_meeting_set_title (f->meeting, TITLE);
  bv_meeting_set_start (f->meeting, "2027-01-05T19:30:00", "Europe/Berlin");
  bv_meeting_set_duration (f->meeting, 90);
  bv_meeting_set_rrule (f->meeting, RRULE);
  bv_meeting_set_server_id (f->meeting, server_id);
  bv_database_save_meeting (f->db, f->meeting, &error);
  g_assert_no_error (error);

  f->participants = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BvMember) member = bv_member_new ();
      g_autofree char *address = address_for (i);
      BvParticipant *participant;

      bv_member_set_name (member, names[i % G_N_ELEMENTS (names)]);
      bv_member_set_email (member, address);
      bv_database_save_member (f->db, member, &error);
      g_assert_no_error (error);
      participant = bv_participant_new_member (bv_meeting_get_id (f->meeting), bv_member_get_id (member),
                                               i == 0 ? BV_PARTICIPANT_ROLE_MODERATOR
                                                      : BV_PARTICIPANT_ROLE_PARTICIPANT);
      bv_database_add_participant (f->db, participant, &error);
      g_assert_no_error (error);
      g_ptr_array_add (f->participants, participant);
    }
  nobody = bv_member_new ();
  bv_member_set_name (nobody, "Ohne Adresse");
  bv_database_save_member (f->db, nobody, &error);
  g_assert_no_error (error);
  nobody_invited = bv_participant_new_member (bv_meeting_get_id (f->meeting), bv_member_get_id (nobody),
                                              BV_PARTICIPANT_ROLE_PARTICIPANT);
  bv_database_add_participant (f->db, nobody_invited, &error);
  g_assert_no_error (error);

  f->settings = g_settings_new (APP_ID);
  account = mail_server_account (f->smtp);
  bv_mail_account_save (account, f->settings);
  g_settings_set_string (f->settings, "invitation-template", TEMPLATE);
  g_settings_set_string (f->settings, "club-name", CLUB);
  g_settings_set_string (f->settings, "privacy-contact", "Erika Musterfrau, " REPLY_TO);
  g_settings_set_string (f->settings, "mail-reply-to", "");
  save_password (MAIL_USER, MAIL_PASSWORD);

  f->mailer = bv_invitation_mailer_new (f->context, f->meeting);
  bv_invitation_mailer_set_settings (f->mailer, f->settings);
  g_signal_connect (f->mailer, "participant-changed", G_CALLBACK (participant_changed_cb), f);
  f->cancellable = g_cancellable_new ();
}

static void
tear_down (Fixture *f)
{
  g_clear_object (&f->mailer);
  g_clear_pointer (&f->smtp, mail_server_stop);
  g_clear_pointer (&f->participants, g_ptr_array_unref);
  g_clear_object (&f->meeting);
  g_clear_object (&f->server);
  g_clear_object (&f->context);
  g_clear_object (&f->db);
  g_clear_object (&f->settings);
  g_clear_object (&f->cancellable);
}

typedef struct
{
  guint     sent;
  guint     failed;
  guint     skipped;
  gboolean  ok;
  GError   *error;
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_clear_error (&o->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outcome, outcome_clear)

static void
send (Fixture            *f,
      BvMailScope         scope,
      const char * const *selected,
      Outcome            *o)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_clear_error (&o->error);
  bv_invitation_mailer_send_async (f->mailer, scope, selected, f->cancellable, result_cb, &result);
  o->ok = bv_invitation_mailer_send_finish (f->mailer, bv_test_wait_for (&result),
                                            &o->sent, &o->failed, &o->skipped, &o->error);
}

/* What check-mail.py compares the messages with. */
static char *
expectations (Fixture    *f,
              guint       sequence,
              const char *method,
              const char *recurrence_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *when = bv_invitation_describe_when (f->meeting);
  g_autofree char *uid = g_strdup_printf ("%s@bbb-vereine", bv_meeting_get_id (f->meeting));
  g_autofree char *subject = NULL;

  if (g_str_equal (method, "CANCEL"))
    subject = g_strdup_printf ("Called off: %s", TITLE);
  else
    subject = g_strdup_printf ("Invitation: %s", TITLE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "secret");
  json_builder_add_string_value (builder, SECRET);
  json_builder_set_member_name (builder, "from_name");
  json_builder_add_string_value (builder, MAIL_SENDER);
  json_builder_set_member_name (builder, "from_address");
  json_builder_add_string_value (builder, MAIL_USER);
  json_builder_set_member_name (builder, "reply_to");
  json_builder_add_string_value (builder, REPLY_TO);
  json_builder_set_member_name (builder, "subject");
  json_builder_add_string_value (builder, subject);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, method);
  json_builder_set_member_name (builder, "sequence");
  json_builder_add_int_value (builder, sequence);
  json_builder_set_member_name (builder, "rrule");
  json_builder_add_string_value (builder, recurrence_id ? NULL : RRULE);
  json_builder_set_member_name (builder, "recurrence_id");
  json_builder_add_string_value (builder, recurrence_id);
  json_builder_set_member_name (builder, "uid");
  json_builder_add_string_value (builder, uid);
  json_builder_set_member_name (builder, "template");
  json_builder_add_string_value (builder, TEMPLATE);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, TITLE);
  json_builder_set_member_name (builder, "when");
  json_builder_add_string_value (builder, when);
  json_builder_set_member_name (builder, "club");
  json_builder_add_string_value (builder, CLUB);
  json_builder_set_member_name (builder, "people");
  json_builder_begin_array (builder);
  for (guint i = 0; i < f->participants->len; i++)
    {
      BvParticipant *p = g_ptr_array_index (f->participants, i);
      g_autofree char *address = address_for (i);
      g_autofree char *user_id = g_strconcat ("bv-", bv_participant_get_link_key (p), NULL);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "address");
      json_builder_add_string_value (builder, address);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, names[i % G_N_ELEMENTS (names)]);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, i == 0 ? "MODERATOR" : "VIEWER");
      json_builder_set_member_name (builder, "user_id");
      json_builder_add_string_value (builder, user_id);
      json_builder_set_member_name (builder, "meeting_id");
      json_builder_add_string_value (builder, bv_meeting_get_bbb_meeting_id (f->meeting));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static BvMailRecord *
record_of (Fixture *f,
           guint    i)
{
  BvParticipant *p = g_ptr_array_index (f->participants, i);

  return bv_database_get_mail_record (f->db, bv_participant_get_id (p));
}

static guint
count_state (Fixture     *f,
             BvMailState  state)
{
  guint n = 0;

  for (guint i = 0; i < f->participants->len; i++)
    {
      g_autoptr(BvMailRecord) record = record_of (f, i);

      if (bv_mail_record_get_state (record) == state)
        n++;
    }
  return n;
}

/* The calendar parts (check-mail.py saved each as NNNN.ics) parse with
 * libical as well: the method, one ATTENDEE per event, the rule. */
static void
check_calendars_with_libical (Fixture    *f,
                              const char *method,
                              const char *recurrence_id)
{
  g_autoptr(GDir) dir = g_dir_open (f->smtp->outdir, 0, NULL);
  const char *name;
  guint n = 0;
  guint n_messages = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      icalcomponent *calendar;
      icalcomponent *event;
      icalproperty *rrule;

      if (g_str_has_suffix (name, ".eml"))
        n_messages++;
      if (!g_str_has_suffix (name, ".ics"))
        continue;
      path = g_build_filename (f->smtp->outdir, name, NULL);
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      calendar = icalparser_parse_string (text);
      g_assert_nonnull (calendar);
      g_assert_cmpint (icalcomponent_get_method (calendar), ==,
                       g_str_equal (method, "CANCEL") ? ICAL_METHOD_CANCEL : ICAL_METHOD_REQUEST);
      event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
      g_assert_nonnull (event);
      g_assert_cmpint (icalcomponent_count_properties (event, ICAL_ATTENDEE_PROPERTY), ==, 1);
      g_assert_cmpint (icalcomponent_count_properties (event, ICAL_ORGANIZER_PROPERTY), ==, 1);
      rrule = icalcomponent_get_first_property (event, ICAL_RRULE_PROPERTY);
      if (recurrence_id)
        g_assert_null (rrule);
      else
        {
          g_assert_nonnull (rrule);
          g_assert_nonnull (strstr (icalproperty_as_ical_string (rrule), RRULE));
        }
      icalcomponent_free (calendar);
      n++;
    }
  g_assert_cmpuint (n, ==, n_messages);
}

/* Each message checked independently; the stored Message-IDs are the
 * ones that arrived. */
static void
check_messages (Fixture    *f,
                guint       sequence,
                const char *method,
                const char *recurrence_id,
                gboolean    compare_records)
{
  g_autofree char *expect = expectations (f, sequence, method, recurrence_id);
  g_autofree char *seen = mail_server_check (f->smtp, expect);
  g_auto(GStrv) lines = g_strsplit (seen, "\n", -1);

  check_calendars_with_libical (f, method, recurrence_id);
  if (!compare_records)
    return;
  for (guint i = 0; lines[i] && *lines[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], " ", 2);
      gboolean found = FALSE;

      for (guint j = 0; j < f->participants->len; j++)
        {
          g_autofree char *address = address_for (j);
          g_autoptr(BvMailRecord) record = NULL;

          if (!g_str_equal (address, parts[0]))
            continue;
          record = record_of (f, j);
          g_assert_cmpint (bv_mail_record_get_state (record), ==, BV_MAIL_STATE_SENT);
          g_assert_cmpstr (bv_mail_record_get_message_id (record), ==, parts[1]);
          g_assert_cmpstr (bv_mail_record_get_address (record), ==, address);
          found = TRUE;
        }
      g_assert_true (found);
    }
}

/* Tests */

static void
test_send_all (void)
{
  Fixture f = { 0 };
  g_auto(Outcome) o = { 0 };
  g_autofree char *summary = NULL;
  guint skipped = 0;

  set_up (&f, 3, NULL);
  summary = bv_invitation_mailer_describe (f.mailer, BV_MAIL_SCOPE_ALL, NULL);
  g_assert_cmpstr (summary, ==, "3 invitations to 3 people · 1 without an e-mail address is skipped");
  g_assert_cmpuint (bv_invitation_mailer_count (f.mailer, BV_MAIL_SCOPE_UNSENT, NULL, &skipped), ==, 3);
  g_assert_cmpuint (skipped, ==, 1);

  send (&f, BV_MAIL_SCOPE_ALL, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_true (o.ok);
  g_assert_cmpuint (o.sent, ==, 3);
  g_assert_cmpuint (o.failed, ==, 0);
  g_assert_cmpuint (o.skipped, ==, 1);
  g_assert_cmpuint (f.n_changed, ==, 3);

  check_messages (&f, 0, "REQUEST", NULL, TRUE);
  g_assert_cmpuint (mail_server_count_messages (f.smtp), ==, 3);
  /* One connection and one login for the batch. */
  g_assert_cmpuint (mail_server_count (f.smtp, "CONNECT"), ==, 1);
  g_assert_cmpuint (mail_server_count (f.smtp, "AUTH-OK"), ==, 1);
  g_assert_cmpuint (_bv_invitation_mailer_get_n_connections (f.mailer), ==, 1);
  g_assert_cmpuint (count_state (&f, BV_MAIL_STATE_SENT), ==, 3);

  /* Nothing is left for "only unsent" or "changed". */
  g_assert_cmpuint (bv_invitation_mailer_count (f.mailer, BV_MAIL_SCOPE_UNSENT, NULL, &skipped), ==, 0);
  g_assert_cmpuint (bv_invitation_mailer_count (f.mailer, BV_MAIL_SCOPE_CHANGED, NULL, NULL), ==, 0);
  tear_down (&f);
}

/* A moved date makes every invitation outdated; "changed" sends them
 * again with SEQUENCE raised. */
static void
test_changed_sequence (void)
{
  Fixture f = { 0 };
  g_auto(Outcome) o = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMailRecord) record = NULL;
  const char *selected[2] = { NULL, NULL };

  set_up (&f, 2, NULL);
  send (&f, BV_MAIL_SCOPE_ALL, NULL, &o);
  g_assert_no_error (o.error);

  /* The role of one person: only theirs changes. */
  bv_database_set_participant_role (f.db, bv_participant_get_id (g_ptr_array_index (f.participants, 1)),
                                    BV_PARTICIPANT_ROLE_MODERATOR, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bv_invitation_mailer_count (f.mailer, BV_MAIL_SCOPE_CHANGED, NULL, NULL), ==, 1);
  record = record_of (&f, 1);
  g_assert_true (bv_mail_record_is_outdated (record));
  g_clear_object (&record);
  bv_database_set_participant_role (f.db, bv_participant_get_id (g_ptr_array_index (f.participants, 1)),
                                    BV_PARTICIPANT_ROLE_PARTICIPANT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bv_invitation_mailer_count (f.mailer, BV_MAIL_SCOPE_CHANGED, NULL, NULL), ==, 0);

  bv_meeting_set_start (f.meeting, "2027-01-06T19:30:00", "Europe/Berlin");
  bv_database_save_meeting (f.db, f.meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bv_invitation_mailer_count (f.mailer, BV_MAIL_SCOPE_CHANGED, NULL, NULL), ==, 2);
  g_assert_cmpuint (bv_invitation_mailer_count (f.mailer, BV_MAIL_SCOPE_UNSENT, NULL, NULL), ==, 0);

  bv_test_remove_tree (f.smtp->outdir);
  send (&f, BV_MAIL_SCOPE_CHANGED, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.sent, ==, 2);
  check_messages (&f, 1, "REQUEST", NULL, TRUE);

  /* The selected one alone; nothing changed, so the same SEQUENCE. */
  bv_test_remove_tree (f.smtp->outdir);
  selected[0] = bv_participant_get_id (g_ptr_array_index (f.participants, 0));
  send (&f, BV_MAIL_SCOPE_SELECTED, selected, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.sent, ==, 1);
  check_messages (&f, 1, "REQUEST", NULL, TRUE);
  tear_down (&f);
}

static void
test_refused_recipient (void)
{
  Fixture f = { 0 };
  g_auto(Outcome) o = { 0 };
  g_autoptr(BvMailRecord) record = NULL;
  g_autofree char *refused = address_for (1);

  set_up (&f, 4, "--refuse", refused, NULL);
  send (&f, BV_MAIL_SCOPE_ALL, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_true (o.ok);
  g_assert_cmpuint (o.sent, ==, 3);
  g_assert_cmpuint (o.failed, ==, 1);
  g_assert_cmpuint (mail_server_count (f.smtp, "REFUSED "), ==, 1);
  g_assert_cmpuint (mail_server_count_messages (f.smtp), ==, 3);
  check_messages (&f, 0, "REQUEST", NULL, TRUE);

  record = record_of (&f, 1);
  g_assert_cmpint (bv_mail_record_get_state (record), ==, BV_MAIL_STATE_FAILED);
  g_assert_nonnull (strstr (bv_mail_record_get_error_text (record), "550"));
  g_assert_nonnull (bv_mail_record_get_failed_at (record));
  /* The failed one is what "only unsent" would send again. */
  g_assert_cmpuint (bv_invitation_mailer_count (f.mailer, BV_MAIL_SCOPE_UNSENT, NULL, NULL), ==, 1);
  tear_down (&f);
}

static void
test_temporary_then_accepted (void)
{
  Fixture f = { 0 };
  g_auto(Outcome) o = { 0 };

  set_up (&f, 3, "--temporary", "1", NULL);
  send (&f, BV_MAIL_SCOPE_ALL, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.sent, ==, 3);
  g_assert_cmpuint (o.failed, ==, 0);
  g_assert_cmpuint (mail_server_count (f.smtp, "TEMPORARY"), ==, 1);
  check_messages (&f, 0, "REQUEST", NULL, TRUE);
  g_assert_cmpuint (count_state (&f, BV_MAIL_STATE_SENT), ==, 3);
  tear_down (&f);
}

static void
test_temporary_limit (void)
{
  Fixture f = { 0 };
  g_auto(Outcome) o = { 0 };

  set_up (&f, 3, "--temporary", "1000", NULL);
  send (&f, BV_MAIL_SCOPE_ALL, NULL, &o);
  g_assert_error (o.error, BV_MAIL_ERROR, BV_MAIL_ERROR_TEMPORARY);
  g_assert_false (o.ok);
  /* The first try and three more, then it stops and says what is left. */
  g_assert_cmpuint (mail_server_count (f.smtp, "TEMPORARY"), ==, 4);
  g_assert_nonnull (strstr (o.error->message, "0 sent, 2 not yet sent"));
  g_assert_cmpuint (o.sent, ==, 0);
  g_assert_cmpuint (mail_server_count_messages (f.smtp), ==, 0);
  tear_down (&f);
}

static void
test_login_refused (void)
{
  Fixture f = { 0 };
  g_auto(Outcome) o = { 0 };

  set_up (&f, 3, NULL);
  save_password (MAIL_USER, "falsch");
  send (&f, BV_MAIL_SCOPE_ALL, NULL, &o);
  g_assert_error (o.error, BV_MAIL_ERROR, BV_MAIL_ERROR_AUTH_FAILED);
  /* Nothing went out: no "send the rest later". */
  g_assert_null (strstr (o.error->message, "not yet sent"));
  g_assert_cmpuint (o.sent, ==, 0);
  g_assert_cmpuint (mail_server_count (f.smtp, "AUTH-FAILED"), >=, 1);
  g_assert_cmpuint (mail_server_count (f.smtp, "MAIL"), ==, 0);
  g_assert_cmpuint (count_state (&f, BV_MAIL_STATE_NONE), ==, 3);
  tear_down (&f);
}

/* The server offers AUTH but no STARTTLS: the password never goes out. */
static void
test_no_starttls (void)
{
  Fixture f = { 0 };
  g_auto(Outcome) o = { 0 };

  set_up (&f, 2, "--mode", "plain", NULL);
  send (&f, BV_MAIL_SCOPE_ALL, NULL, &o);
  g_assert_error (o.error, BV_MAIL_ERROR, BV_MAIL_ERROR_NO_STARTTLS);
  g_assert_cmpuint (mail_server_count (f.smtp, "EHLO"), >=, 1);
  g_assert_cmpuint (mail_server_count (f.smtp, "AUTH"), ==, 0);
  g_assert_cmpuint (mail_server_count (f.smtp, "MAIL"), ==, 0);
  tear_down (&f);
}

static void
test_wrong_certificate (void)
{
  Fixture f = { 0 };
  g_auto(Outcome) o = { 0 };
  g_autofree char *wrong = mail_fixture_data_path ("test-wrong-host.pem");

  set_up (&f, 2, "--cert", wrong, NULL);
  send (&f, BV_MAIL_SCOPE_ALL, NULL, &o);
  g_assert_error (o.error, BV_MAIL_ERROR, BV_MAIL_ERROR_TLS_FAILED);
  g_assert_cmpuint (mail_server_count (f.smtp, "AUTH"), ==, 0);
  g_assert_cmpuint (mail_server_count (f.smtp, "MAIL"), ==, 0);
  tear_down (&f);
}

/* Cut after 5 of 20: the 5 are stored as sent; "only unsent" then sends
 * exactly the other 15; nobody gets two. */
static void
test_connection_cut (void)
{
  Fixture f = { 0 };
  g_auto(Outcome) o = { 0 };

  set_up (&f, 20, "--cut-after", "5", NULL);
  send (&f, BV_MAIL_SCOPE_ALL, NULL, &o);
  g_assert_error (o.error, BV_MAIL_ERROR, BV_MAIL_ERROR_CONNECTION_LOST);
  g_assert_cmpuint (o.sent, ==, 5);
  g_assert_nonnull (strstr (o.error->message, "5 sent, 14 not yet sent"));
  g_assert_cmpuint (mail_server_count_messages (f.smtp), ==, 5);
  g_assert_cmpuint (count_state (&f, BV_MAIL_STATE_SENT), ==, 5);
  check_messages (&f, 0, "REQUEST", NULL, TRUE);

  g_assert_cmpuint (bv_invitation_mailer_count (f.mailer, BV_MAIL_SCOPE_UNSENT, NULL, NULL), ==, 15);
  send (&f, BV_MAIL_SCOPE_UNSENT, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.sent, ==, 15);
  g_assert_cmpuint (mail_server_count_messages (f.smtp), ==, 20);
  /* check-mail.py refuses a second message to anyone. */
  check_messages (&f, 0, "REQUEST", NULL, TRUE);
  g_assert_cmpuint (count_state (&f, BV_MAIL_STATE_SENT), ==, 20);
  tear_down (&f);
}

/* Cancel in the middle, while a message is on its way: that one is let
 * finish and stored, nothing after it goes out; "only unsent" sends the
 * rest, and nobody gets two. */
static void
test_cancel (void)
{
  Fixture f = { 0 };
  g_auto(Outcome) o = { 0 };
  guint first;

  set_up (&f, 8, "--delay-ms", "700", NULL);
  f.cancel_after = 3;
  send (&f, BV_MAIL_SCOPE_ALL, NULL, &o);
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  first = o.sent;
  g_assert_cmpuint (first, >=, 3);
  g_assert_cmpuint (first, <, 8);
  g_assert_cmpuint (mail_server_count_messages (f.smtp), ==, first);
  g_assert_cmpuint (count_state (&f, BV_MAIL_STATE_SENT), ==, first);
  check_messages (&f, 0, "REQUEST", NULL, TRUE);

  g_clear_object (&f.cancellable);
  f.cancellable = g_cancellable_new ();
  f.cancel_after = 0;
  send (&f, BV_MAIL_SCOPE_UNSENT, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.sent, ==, 8 - first);
  g_assert_cmpuint (mail_server_count_messages (f.smtp), ==, 8);
  check_messages (&f, 0, "REQUEST", NULL, TRUE);
  tear_down (&f);
}

/* Addresses the member list accepts but no submission server does fail
 * before anything is sent. */
static void
test_invalid_address (void)
{
  Fixture f = { 0 };
  g_auto(Outcome) o = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMember) member = NULL;
  g_autoptr(BvParticipant) participant = NULL;
  g_autoptr(BvMailRecord) record = NULL;

  set_up (&f, 2, NULL);
  member = bv_member_new ();
  bv_member_set_name (member, "Jörg Punkt");
  bv_member_set_email (member, "joerg..punkt@example.org");
  bv_database_save_member (f.db, member, &error);
  g_assert_no_error (error);
  participant = bv_participant_new_member (bv_meeting_get_id (f.meeting), bv_member_get_id (member),
                                           BV_PARTICIPANT_ROLE_PARTICIPANT);
  bv_database_add_participant (f.db, participant, &error);
  g_assert_no_error (error);

  send (&f, BV_MAIL_SCOPE_ALL, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.sent, ==, 2);
  g_assert_cmpuint (o.failed, ==, 1);
  record = bv_database_get_mail_record (f.db, bv_participant_get_id (participant));
  g_assert_cmpint (bv_mail_record_get_state (record), ==, BV_MAIL_STATE_FAILED);
  g_assert_nonnull (strstr (bv_mail_record_get_error_text (record), "joerg..punkt@example.org"));
  g_assert_cmpuint (mail_server_count (f.smtp, "RCPT"), ==, 2);
  check_messages (&f, 0, "REQUEST", NULL, TRUE);
  tear_down (&f);
}

static void
test_no_account (void)
{
  Fixture f = { 0 };
  g_auto(Outcome) o = { 0 };

  set_up (&f, 1, NULL);
  bv_mail_account_forget (f.settings);
  send (&f, BV_MAIL_SCOPE_ALL, NULL, &o);
  g_assert_error (o.error, BV_MAIL_ERROR, BV_MAIL_ERROR_NO_ACCOUNT);
  g_assert_cmpuint (mail_server_count (f.smtp, "CONNECT"), ==, 0);
  tear_down (&f);
}

/* The summary before sending, as the issue words it, from the German
 * translations just built. */
static void
test_summary_german (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(BvMember) member = bv_member_new ();
  g_autoptr(BvParticipant) participant = NULL;
  g_autofree char *localedir = NULL;
  g_autofree char *all = NULL;
  g_autofree char *one = NULL;
  g_autofree char *none = NULL;
  const char *selected[2] = { NULL, NULL };

  set_up (&f, 23, NULL);
  bv_member_set_name (member, "Auch ohne Adresse");
  bv_database_save_member (f.db, member, &error);
  g_assert_no_error (error);
  participant = bv_participant_new_member (bv_meeting_get_id (f.meeting), bv_member_get_id (member),
                                           BV_PARTICIPANT_ROLE_PARTICIPANT);
  bv_database_add_participant (f.db, participant, &error);
  g_assert_no_error (error);

  localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  g_assert_nonnull (bindtextdomain (GETTEXT_PACKAGE, localedir));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("LANGUAGE", "de", TRUE);
  g_assert_nonnull (setlocale (LC_ALL, "de_DE.UTF-8"));

  all = bv_invitation_mailer_describe (f.mailer, BV_MAIL_SCOPE_ALL, NULL);
  selected[0] = bv_participant_get_id (g_ptr_array_index (f.participants, 4));
  one = bv_invitation_mailer_describe (f.mailer, BV_MAIL_SCOPE_SELECTED, selected);
  none = bv_invitation_mailer_describe (f.mailer, BV_MAIL_SCOPE_CHANGED, NULL);

  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");

  g_assert_cmpstr (all, ==, "23 Einladungen an 23 Personen · 2 ohne E-Mail-Adresse werden übersprungen");
  g_assert_cmpstr (one, ==, "1 Einladung an 1 Person");
  g_assert_cmpstr (none, ==, "Keine Einladungen zu senden");
  tear_down (&f);
}

static void
cancel_sent (Fixture    *f,
             const char *recurrence_id,
             Outcome    *o)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_clear_error (&o->error);
  bv_invitation_mailer_send_cancel_async (f->mailer, recurrence_id, NULL, result_cb, &result);
  o->ok = bv_invitation_mailer_send_finish (f->mailer, bv_test_wait_for (&result),
                                            &o->sent, &o->failed, &o->skipped, &o->error);
}

/* METHOD:CANCEL to those who were sent the invitation: one date, then
 * the whole meeting; the same UID, SEQUENCE raised each time. */
static void
test_cancel_messages (void)
{
  Fixture f = { 0 };
  g_auto(Outcome) o = { 0 };
  const char *selected[3] = { NULL };

  set_up (&f, 3, NULL);
  selected[0] = bv_participant_get_id (g_ptr_array_index (f.participants, 0));
  selected[1] = bv_participant_get_id (g_ptr_array_index (f.participants, 2));
  send (&f, BV_MAIL_SCOPE_SELECTED, selected, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.sent, ==, 2);
  g_assert_cmpuint (bv_invitation_mailer_count_cancel (f.mailer), ==, 2);

  bv_test_remove_tree (f.smtp->outdir);
  cancel_sent (&f, "2027-01-12T19:30:00", &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.sent, ==, 2);
  check_messages (&f, 1, "CANCEL", "20270112T193000", FALSE);

  bv_test_remove_tree (f.smtp->outdir);
  cancel_sent (&f, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.sent, ==, 2);
  check_messages (&f, 2, "CANCEL", NULL, FALSE);
  /* A cancellation is no invitation: the records stay as they were. */
  g_assert_cmpuint (count_state (&f, BV_MAIL_STATE_SENT), ==, 2);
  tear_down (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("bv-mailer-XXXXXX", &error);
  g_assert_no_error (error);
  practice = bv_practice_server_new (SECRET);
  bv_practice_server_start (practice, &error);
  g_assert_no_error (error);
  mail_fixture_trust_test_ca ();
  _bv_invitation_mailer_set_retries (3, 20);

  g_test_add_func ("/core/invitation-mailer/send-all", test_send_all);
  g_test_add_func ("/core/invitation-mailer/changed-sequence", test_changed_sequence);
  g_test_add_func ("/core/invitation-mailer/refused-recipient", test_refused_recipient);
  g_test_add_func ("/core/invitation-mailer/temporary-then-accepted", test_temporary_then_accepted);
  g_test_add_func ("/core/invitation-mailer/temporary-limit", test_temporary_limit);
  g_test_add_func ("/core/invitation-mailer/login-refused", test_login_refused);
  g_test_add_func ("/core/invitation-mailer/no-starttls", test_no_starttls);
  g_test_add_func ("/core/invitation-mailer/wrong-certificate", test_wrong_certificate);
  g_test_add_func ("/core/invitation-mailer/connection-cut", test_connection_cut);
  g_test_add_func ("/core/invitation-mailer/cancel", test_cancel);
  g_test_add_func ("/core/invitation-mailer/invalid-address", test_invalid_address);
  g_test_add_func ("/core/invitation-mailer/no-account", test_no_account);
  g_test_add_func ("/core/invitation-mailer/cancel-messages", test_cancel_messages);
  g_test_add_func ("/core/invitation-mailer/summary-german", test_summary_german);

  status = g_test_run ();

  g_clear_object (&practice);
  bv_test_remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
  return status;
}
