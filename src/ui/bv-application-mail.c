/* bv-application-mail.c
 *
 * The e-mail jobs of the command line (issue 16), as --add-server works:
 *
 *   --add-mail-account=ADDRESS [--sender-name=NAME] [--smtp-server=HOST[:PORT]]
 *                              [--smtp-security=ssl|starttls] [--smtp-user=USER]
 *     reads the password from the first line of standard input, fills
 *     what is not given from the provider table or the provider's
 *     autoconfig file, tests the connection and saves the account (and
 *     the password, in the keyring) only when the test succeeds. Prints
 *     "OK: HOST:PORT, SECURITY" or one line on standard error.
 *
 *   --send-invitations=ID [--only-unsent]
 *     sends a meeting's invitations through that account and prints
 *     "Invitations: 23 sent, 0 failed, 2 skipped".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "bv-application-private.h"
#include "bv-command-line-job.h"
#include "bv-invitation-mailer.h"
#include "bv-mail-connection-test.h"
#include "bv-mail-error.h"
#include "bv-mail-providers.h"
#include "bv-mail-secret.h"
#include "bv-secure.h"

/* --add-mail-account */

typedef struct
{
  BvMailAccount  *wanted;      /* what the command line gave */
  char           *host;        /* nullable: from the table or autoconfig */
  guint           port;
  gboolean        has_security;
  BvMailSecurity  security;
  char           *user;
  BvMailAccount  *account;     /* the one tested and saved */
  BvMailAdvice    advice;
  char           *password;
} MailAccountToAdd;

static void
mail_account_to_add_free (MailAccountToAdd *add)
{
  g_clear_object (&add->wanted);
  g_clear_object (&add->account);
  g_free (add->host);
  g_free (add->user);
  if (add->password)
    bv_secure_free_string (add->password);
  g_free (add);
}

static const char *
security_label (BvMailSecurity security)
{
  return security == BV_MAIL_SECURITY_SSL ? "SSL/TLS" : "STARTTLS";
}

static void
password_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BvCommandLineJob) job = user_data;
  MailAccountToAdd *add = job->data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  if (!bv_mail_secret_save_finish (result, &error))
    {
      bv_command_line_job_finish (job, 1, error->message);
      return;
    }

  /* The settings last: an account without its password is never seen. */
  bv_mail_account_save (add->account, bv_application_get_settings (job->application));
  line = g_strdup_printf ("OK: %s:%u, %s, %s", bv_mail_account_get_host (add->account),
                          bv_mail_account_get_port (add->account),
                          security_label (bv_mail_account_get_security (add->account)),
                          bv_mail_account_get_username (add->account));
  bv_command_line_job_finish (job, 0, line);
}

static void
tested_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BvCommandLineJob) job = user_data;
  MailAccountToAdd *add = job->data;
  g_autoptr(GError) error = NULL;

  if (!bv_mail_connection_test_finish (result, &error))
    {
      const char *advice = bv_mail_advice_get_text (add->advice);
      g_autofree char *line = NULL;

      /* The provider's advice is what helps after a refused login. */
      if (advice && g_error_matches (error, BV_MAIL_ERROR, BV_MAIL_ERROR_AUTH_FAILED))
        line = g_strconcat (error->message, " ", advice, NULL);
      bv_command_line_job_finish (job, 1, line ? line : error->message);
      return;
    }

  bv_mail_secret_save_async (bv_mail_account_get_address (add->account), add->password, NULL,
                             password_saved_cb, g_steal_pointer (&job));
}

static void
test_account (BvCommandLineJob *job)
{
  MailAccountToAdd *add = job->data;
  g_autoptr(GError) error = NULL;

  /* What the command line says wins over the table and autoconfig. */
  if (add->has_security)
    bv_mail_account_set_security (add->account, add->security);
  if (add->host)
    {
      bv_mail_account_set_host (add->account, add->host);
      if (!add->has_security)
        bv_mail_account_set_security (add->account, add->port == 465 ? BV_MAIL_SECURITY_SSL
                                                                     : BV_MAIL_SECURITY_STARTTLS);
      bv_mail_account_set_port (add->account, add->port);
    }
  else if (add->port)
    bv_mail_account_set_port (add->account, add->port);
  if (add->user)
    bv_mail_account_set_username (add->account, add->user);

  if (!bv_mail_account_check (add->account, &error))
    {
      bv_command_line_job_finish (job, 1, error->message);
      bv_command_line_job_free (job);
      return;
    }
  bv_mail_connection_test_async (add->account, add->password, job->cancellable, tested_cb, job);
}

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  BvCommandLineJob *job = user_data;
  MailAccountToAdd *add = job->data;
  g_autoptr(GError) error = NULL;

  add->account = bv_mail_providers_lookup_finish (result, &add->advice, &error);
  if (!add->account)
    {
      bv_command_line_job_finish (job, 1, error->message);
      bv_command_line_job_free (job);
      return;
    }
  test_account (job);
}

static void
start_lookup (BvCommandLineJob *job)
{
  MailAccountToAdd *add = job->data;

  add->advice = bv_mail_providers_get_advice (bv_mail_account_get_address (add->wanted));
  if (add->host)
    {
      add->account = bv_mail_account_copy (add->wanted);
      test_account (job);
      return;
    }
  bv_mail_providers_lookup_async (add->wanted, job->cancellable, looked_up_cb, job);
}

static const char *
no_password_text (void)
{
  return _("No password on standard input. Pass it as the first line, for example: "
           "bbb-vereine --add-mail-account=ADDRESS < password-file");
}

static void
password_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  BvCommandLineJob *job = user_data;
  MailAccountToAdd *add = job->data;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  char *password;

  password = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                        &length, &error);
  bv_command_line_job_echo_on (job);
  /* A password may begin or end with a space; only the line end goes. */
  if (password && length > 0 && password[length - 1] == '\r')
    password[length - 1] = '\0';
  if (!password || !*password)
    {
      if (password)
        bv_secure_free_string (password);
      bv_command_line_job_finish (job, 1, no_password_text ());
      bv_command_line_job_free (job);
      return;
    }
  add->password = password;
  start_lookup (job);
}

/* HOST, HOST:PORT or [IPv6]:PORT */
static gboolean
parse_server (const char  *text,
              char       **host,
              guint       *port)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  const char *colon;
  guint64 number = 0;

  *port = 0;
  if (copy[0] == '[')
    {
      const char *close = strchr (copy, ']');

      if (!close)
        return FALSE;
      *host = g_strndup (copy + 1, close - copy - 1);
      colon = close[1] == ':' ? close + 1 : NULL;
      if (close[1] && !colon)
        return FALSE;
    }
  else
    {
      colon = strrchr (copy, ':');
      *host = colon ? g_strndup (copy, colon - copy) : g_strdup (copy);
    }
  if (colon && !g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &number, NULL))
    return FALSE;
  *port = (guint) number;
  return **host != '\0';
}

static void
add_mail_account (BvCommandLineJob *job,
                  GVariantDict     *options,
                  const char       *address)
{
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  const char *sender_name = NULL;
  const char *server = NULL;
  const char *security = NULL;
  const char *user = NULL;
  MailAccountToAdd *add;
  g_autofree char *message = NULL;

  g_variant_dict_lookup (options, "sender-name", "&s", &sender_name);
  g_variant_dict_lookup (options, "smtp-server", "&s", &server);
  g_variant_dict_lookup (options, "smtp-security", "&s", &security);
  g_variant_dict_lookup (options, "smtp-user", "&s", &user);

  add = g_new0 (MailAccountToAdd, 1);
  bv_command_line_job_set_data (job, add, (GDestroyNotify) mail_account_to_add_free);

  if (!bv_mail_address_is_valid (address))
    {
      /* Translators: %s is what was given after --add-mail-account=. */
      message = g_strdup_printf (_("“%s” is not a valid e-mail address. Give the club’s address "
                                   "in the form name@example.de."), address);
      bv_command_line_job_finish (job, 1, message);
      bv_command_line_job_free (job);
      return;
    }
  if (security && !bv_mail_security_from_string (security, &add->security))
    {
      /* Translators: %s is what was given after --smtp-security=. */
      message = g_strdup_printf (_("Unknown security “%s”. Use ssl or starttls; a password is "
                                   "never sent unencrypted."), security);
      bv_command_line_job_finish (job, 1, message);
      bv_command_line_job_free (job);
      return;
    }
  add->has_security = security != NULL;
  if (server && !parse_server (server, &add->host, &add->port))
    {
      /* Translators: %s is what was given after --smtp-server=. */
      message = g_strdup_printf (_("“%s” is not a mail server. Give it as HOST or HOST:PORT, for "
                                   "example mail.gmx.net:465."), server);
      bv_command_line_job_finish (job, 1, message);
      bv_command_line_job_free (job);
      return;
    }
  add->user = g_strdup (user);
  add->wanted = bv_mail_account_new (address);
  if (sender_name)
    bv_mail_account_set_sender_name (add->wanted, sender_name);
  else
    {
      g_autofree char *club = g_settings_get_string (bv_application_get_settings (job->application),
                                                     "club-name");

      bv_mail_account_set_sender_name (add->wanted, club);
    }

  input = g_application_command_line_get_stdin (job->command_line);
  if (!input)
    {
      bv_command_line_job_finish (job, 1, no_password_text ());
      bv_command_line_job_free (job);
      return;
    }
  if (G_IS_UNIX_INPUT_STREAM (input))
    bv_command_line_job_echo_off (job, g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (input)),
                                  _("E-mail password (the input is not shown): "));
  lines = g_data_input_stream_new (input);
  g_data_input_stream_set_newline_type (lines, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, job->cancellable,
                                       password_read_cb, job);
}

/* --send-invitations */

typedef struct
{
  BvInvitationMailer *mailer;
  BvMeeting          *meeting;
} InvitationsToSend;

static void
invitations_to_send_free (InvitationsToSend *send)
{
  g_clear_object (&send->mailer);
  g_clear_object (&send->meeting);
  g_free (send);
}

static void
participant_changed_cb (BvInvitationMailer *mailer,
                        const char         *participant_id,
                        BvCommandLineJob   *job)
{
  BvDatabase *database = bv_context_get_database (bv_application_get_context (job->application));
  g_autoptr(BvMailRecord) record = bv_database_get_mail_record (database, participant_id);

  /* Who failed and why, for the one who runs the script. */
  if (record && bv_mail_record_get_state (record) == BV_MAIL_STATE_FAILED)
    {
      g_autoptr(GPtrArray) participants = NULL;
      const char *name = NULL;

      participants = bv_database_list_participants (database,
                                                    bv_meeting_get_id (((InvitationsToSend *) job->data)->meeting));
      for (guint i = 0; participants && i < participants->len; i++)
        if (g_str_equal (bv_participant_get_id (g_ptr_array_index (participants, i)), participant_id))
          name = bv_participant_get_name (g_ptr_array_index (participants, i));
      g_application_command_line_printerr (job->command_line, "%s: %s\n", name ? name : participant_id,
                                           bv_mail_record_get_error_text (record));
    }
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BvCommandLineJob) job = user_data;
  InvitationsToSend *send = job->data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  guint sent = 0, failed = 0, skipped = 0;
  gboolean ok;

  ok = bv_invitation_mailer_send_finish (BV_INVITATION_MAILER (object), result,
                                         &sent, &failed, &skipped, &error);
  g_signal_handlers_disconnect_by_data (send->mailer, job);

  /* Translators: the numbers of invitations sent, failed and skipped
   * (people without an e-mail address). */
  line = g_strdup_printf (_("Invitations: %u sent, %u failed, %u skipped"), sent, failed, skipped);
  if (!ok)
    {
      g_application_command_line_print (job->command_line, "%s\n", line);
      bv_command_line_job_finish (job, 1, error->message);
      return;
    }
  if (sent == 0 && (failed > 0 ||
                    (skipped > 0 && bv_invitation_mailer_count (send->mailer, BV_MAIL_SCOPE_ALL,
                                                                NULL, NULL) == 0)))
    {
      g_autofree char *reason = NULL;

      g_application_command_line_print (job->command_line, "%s\n", line);
      if (failed > 0)
        reason = g_strdup (_("No invitation could be sent; the reasons are above."));
      else
        /* Translators: %s is a meeting's title. */
        reason = g_strdup_printf (_("Nobody invited to “%s” has an e-mail address. Add the "
                                    "addresses in Mitglieder first."),
                                  bv_meeting_get_title (send->meeting));
      bv_command_line_job_finish (job, 1, reason);
      return;
    }
  bv_command_line_job_finish (job, 0, line);
}

static BvMeeting *
find_meeting (BvDatabase *database,
              const char *which)
{
  GListModel *meetings = bv_database_get_meetings (database);
  BvMeeting *found = bv_database_find_meeting (database, which);
  guint matches = 0;

  if (found)
    return found;
  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(BvMeeting) meeting = g_list_model_get_item (meetings, i);

      if (g_strcmp0 (bv_meeting_get_title (meeting), which) == 0 && matches++ == 0)
        found = g_object_ref (meeting);
    }
  if (matches > 1)
    g_clear_object (&found);
  return found;
}

static void
send_invitations (BvCommandLineJob *job,
                  const char       *which,
                  gboolean          only_unsent)
{
  BvContext *context = bv_application_get_context (job->application);
  InvitationsToSend *send = g_new0 (InvitationsToSend, 1);
  BvInvitationMailer *mailer;
  g_autofree char *message = NULL;

  bv_command_line_job_set_data (job, send, (GDestroyNotify) invitations_to_send_free);
  send->meeting = find_meeting (bv_context_get_database (context), which);
  if (!send->meeting)
    {
      /* Translators: %s is what was given after --send-invitations=. */
      message = g_strdup_printf (_("There is no meeting “%s”. Give the meeting’s identifier or its "
                                   "exact title; --list-meetings shows them."), which);
      bv_command_line_job_finish (job, 1, message);
      bv_command_line_job_free (job);
      return;
    }

  send->mailer = bv_invitation_mailer_new (context, send->meeting);
  bv_invitation_mailer_set_settings (send->mailer, bv_application_get_settings (job->application));
  g_signal_connect (send->mailer, "participant-changed", G_CALLBACK (participant_changed_cb), job);
  /* Ctrl+C stops after the message in flight; what went out is stored. */
  bv_command_line_job_cancel_on_signals (job);
  mailer = send->mailer;
  bv_invitation_mailer_send_async (mailer, only_unsent ? BV_MAIL_SCOPE_UNSENT : BV_MAIL_SCOPE_ALL,
                                   NULL, job->cancellable, sent_cb, job);
}

gboolean
_bv_application_run_mail_job (BvApplication           *self,
                              GApplicationCommandLine *command_line,
                              GVariantDict            *options)
{
  const char *address = NULL;
  const char *which = NULL;
  gboolean only_unsent = FALSE;
  const GError *database_error;
  BvCommandLineJob *job;

  g_variant_dict_lookup (options, "add-mail-account", "&s", &address);
  g_variant_dict_lookup (options, "send-invitations", "&s", &which);
  g_variant_dict_lookup (options, "only-unsent", "b", &only_unsent);

  if (!address && !which)
    {
      const char *stray = NULL;

      if (g_variant_dict_contains (options, "sender-name") ||
          g_variant_dict_contains (options, "smtp-server") ||
          g_variant_dict_contains (options, "smtp-security") ||
          g_variant_dict_contains (options, "smtp-user"))
        stray = _("--sender-name, --smtp-server, --smtp-security and --smtp-user belong to "
                  "--add-mail-account.");
      else if (only_unsent)
        stray = _("--only-unsent belongs to --send-invitations.");
      if (!stray)
        return FALSE;
      g_application_command_line_printerr (command_line, "%s\n", stray);
      g_application_command_line_set_exit_status (command_line, 1);
      bv_application_set_job_status (self, 1);
      return TRUE;
    }

  job = bv_command_line_job_new (self, command_line);
  if (address)
    {
      /* The account lives in GSettings and the keyring, not the database. */
      add_mail_account (job, options, address);
      return TRUE;
    }

  database_error = bv_application_get_database_error (self);
  if (database_error)
    {
      bv_command_line_job_finish (job, 1, database_error->message);
      bv_command_line_job_free (job);
      return TRUE;
    }
  send_invitations (job, which, only_unsent);
  return TRUE;
}
