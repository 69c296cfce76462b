/* bv-invitation-mailer.c
 *
 * The order of a batch: on the main thread the account, the server's
 * signing client (for the links), the password and the list of people;
 * then a worker thread renders, builds and sends one message after the
 * other over one connection. After each person the worker hands the
 * outcome to the main thread, which stores it and tells the windows,
 * and waits until it is stored: what the server accepted is on disk
 * before the next message goes out, so a crash or a lost connection
 * never makes anyone get the same invitation twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-invitation-mailer.h"
#include "bv-invitation-mailer-private.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "bv-invitation.h"
#include "bv-invitation-settings.h"
#include "bv-mail-error.h"
#include "bv-mail-message.h"
#include "bv-mail-secret.h"
#include "bv-mail-transport.h"
#include "bv-secure.h"

struct _BvInvitationMailer
{
  GObject     parent_instance;

  BvContext  *context;
  BvMeeting  *meeting;
  GSettings  *settings;
  guint       n_connections;
};

G_DEFINE_FINAL_TYPE (BvInvitationMailer, bv_invitation_mailer, G_TYPE_OBJECT)

enum {
  PROGRESS,
  PARTICIPANT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint max_retries = 3;
static guint first_delay_ms = 20000;

void
_bv_invitation_mailer_set_retries (guint retries,
                                   guint delay_ms)
{
  max_retries = retries;
  first_delay_ms = delay_ms;
}

guint
_bv_invitation_mailer_get_n_connections (BvInvitationMailer *self)
{
  return self->n_connections;
}

static void
bv_invitation_mailer_dispose (GObject *object)
{
  BvInvitationMailer *self = BV_INVITATION_MAILER (object);

  g_clear_object (&self->context);
  g_clear_object (&self->meeting);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bv_invitation_mailer_parent_class)->dispose (object);
}

static void
bv_invitation_mailer_class_init (BvInvitationMailerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = bv_invitation_mailer_dispose;

  /**
   * BvInvitationMailer::progress:
   * @done: people handled so far
   * @total: people in the batch
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /**
   * BvInvitationMailer::participant-changed:
   * @participant_id: whose sending record was just stored
   */
  signals[PARTICIPANT_CHANGED] = g_signal_new ("participant-changed", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, G_TYPE_STRING);
  bv_mail_message_init ();
}

static void
bv_invitation_mailer_init (BvInvitationMailer *self)
{
}

BvInvitationMailer *
bv_invitation_mailer_new (BvContext *context,
                          BvMeeting *meeting)
{
  BvInvitationMailer *self;

  g_return_val_if_fail (BV_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  self = g_object_new (BV_TYPE_INVITATION_MAILER, NULL);
  self->context = g_object_ref (context);
  self->meeting = g_object_ref (meeting);
  return self;
}

void
bv_invitation_mailer_set_settings (BvInvitationMailer *self,
                                   GSettings          *settings)
{
  g_return_if_fail (BV_IS_INVITATION_MAILER (self));
  g_return_if_fail (!settings || G_IS_SETTINGS (settings));

  g_set_object (&self->settings, settings);
}

static GSettings *
get_settings (BvInvitationMailer *self)
{
  if (!self->settings)
    self->settings = g_settings_new (APP_ID);
  return self->settings;
}

static BvDatabase *
get_database (BvInvitationMailer *self)
{
  return bv_context_get_database (self->context);
}

/* Choosing the people */

static gboolean
has_address (BvParticipant *participant)
{
  const char *email = bv_participant_get_email (participant);

  return email && *email;
}

static gboolean
in_scope (BvInvitationMailer *self,
          BvParticipant      *participant,
          BvMailScope         scope,
          const char * const *selected_ids)
{
  g_autoptr(BvMailRecord) record = NULL;

  switch (scope)
    {
    case BV_MAIL_SCOPE_ALL:
      return TRUE;
    case BV_MAIL_SCOPE_SELECTED:
      return selected_ids && g_strv_contains (selected_ids, bv_participant_get_id (participant));
    case BV_MAIL_SCOPE_UNSENT:
      record = bv_database_get_mail_record (get_database (self), bv_participant_get_id (participant));
      return !record || bv_mail_record_get_state (record) != BV_MAIL_STATE_SENT;
    case BV_MAIL_SCOPE_CHANGED:
      record = bv_database_get_mail_record (get_database (self), bv_participant_get_id (participant));
      return record && bv_mail_record_get_state (record) == BV_MAIL_STATE_SENT &&
             bv_mail_record_is_outdated (record);
    default:
      return FALSE;
    }
}

/* The people of @scope with an address, in the store's order. */
static GPtrArray *
select_people (BvInvitationMailer *self,
               BvMailScope         scope,
               const char * const *selected_ids,
               guint              *n_skipped)
{
  g_autoptr(GPtrArray) participants = NULL;
  GPtrArray *people = g_ptr_array_new_with_free_func (g_object_unref);
  guint skipped = 0;

  participants = bv_database_list_participants (get_database (self), bv_meeting_get_id (self->meeting));
  for (guint i = 0; participants && i < participants->len; i++)
    {
      BvParticipant *participant = g_ptr_array_index (participants, i);

      if (!in_scope (self, participant, scope, selected_ids))
        continue;
      if (!has_address (participant))
        skipped++;
      else
        g_ptr_array_add (people, g_object_ref (participant));
    }
  if (n_skipped)
    *n_skipped = skipped;
  return people;
}

guint
bv_invitation_mailer_count (BvInvitationMailer *self,
                            BvMailScope         scope,
                            const char * const *selected_ids,
                            guint              *n_skipped)
{
  g_autoptr(GPtrArray) people = NULL;

  g_return_val_if_fail (BV_IS_INVITATION_MAILER (self), 0);

  people = select_people (self, scope, selected_ids, n_skipped);
  return people->len;
}

char *
bv_invitation_mailer_describe (BvInvitationMailer *self,
                               BvMailScope         scope,
                               const char * const *selected_ids)
{
  guint skipped = 0;
  guint n;
  g_autofree char *messages = NULL;

  g_return_val_if_fail (BV_IS_INVITATION_MAILER (self), NULL);

  n = bv_invitation_mailer_count (self, scope, selected_ids, &skipped);
  /* One message per person: the two numbers are the same, and both are
   * said so that nobody fears one mail to everyone. */
  if (n == 0)
    messages = g_strdup (_("No invitations to send"));
  else
    /* Translators: both %u are the same number: one message per person. */
    messages = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u invitation to %u person",
                                             "%u invitations to %u people", n), n, n);
  if (skipped == 0)
    return g_steal_pointer (&messages);

  /* Translators: the first %s is e.g. "23 Einladungen an 23 Personen",
   * %u the number of people without an address. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s · %u without an e-mail address is skipped",
                                       "%s · %u without an e-mail address are skipped", skipped),
                          messages, skipped);
}

guint
bv_invitation_mailer_count_cancel (BvInvitationMailer *self)
{
  g_autoptr(GPtrArray) participants = NULL;
  guint n = 0;

  g_return_val_if_fail (BV_IS_INVITATION_MAILER (self), 0);

  participants = bv_database_list_participants (get_database (self), bv_meeting_get_id (self->meeting));
  for (guint i = 0; participants && i < participants->len; i++)
    {
      BvParticipant *participant = g_ptr_array_index (participants, i);
      g_autoptr(BvMailRecord) record = bv_database_get_mail_record (get_database (self),
                                                                    bv_participant_get_id (participant));

      if (record && bv_mail_record_get_sent_at (record) && has_address (participant))
        n++;
    }
  return n;
}

/* The batch */

typedef struct
{
  char *participant_id;
  char *name;
  char *address;
  char *link;
  char *version;
} Person;

static void
person_free (Person *person)
{
  g_free (person->participant_id);
  g_free (person->name);
  g_free (person->address);
  if (person->link)
    bv_secure_free_string (person->link);
  g_free (person->version);
  g_free (person);
}

typedef struct
{
  BvMailScope            scope;
  GStrv                  selected_ids;
  gboolean               cancel;
  char                  *recurrence_id;

  BvMailAccount         *account;
  char                  *password;
  BvServer              *server;
  GPtrArray             *participants;  /* BvParticipant, the people with an address */
  GPtrArray             *people;        /* Person */
  BvMeeting             *meeting;
  GPtrArray             *exceptions;
  BvInvitationSettings  *texts;
  char                  *reply_to;
  int                    sequence;

  guint                  n_sent;
  guint                  n_failed;
  guint                  n_skipped;
  guint                  n_connections;
} SendJob;

static void
send_job_free (SendJob *job)
{
  g_strfreev (job->selected_ids);
  g_free (job->recurrence_id);
  g_clear_object (&job->account);
  if (job->password)
    bv_secure_free_string (job->password);
  g_clear_object (&job->server);
  g_clear_pointer (&job->participants, g_ptr_array_unref);
  g_clear_pointer (&job->people, g_ptr_array_unref);
  g_clear_object (&job->meeting);
  g_clear_pointer (&job->exceptions, g_ptr_array_unref);
  g_clear_pointer (&job->texts, bv_invitation_settings_free);
  g_free (job->reply_to);
  g_free (job);
}

/* The outcome of one person, from the worker to the main thread. */
typedef struct
{
  GTask     *task;
  Person    *person;
  gboolean   sent;
  char      *message_id;
  char      *error_text;  /* nullable: nothing to store (a cancel message) */
  guint      done;
  guint      total;
  GMutex     mutex;
  GCond      cond;
  gboolean   stored;
} Outcome;

static gboolean
store_outcome_cb (gpointer user_data)
{
  Outcome *outcome = user_data;
  BvInvitationMailer *self = g_task_get_source_object (outcome->task);
  SendJob *job = g_task_get_task_data (outcome->task);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  gboolean stored = TRUE;

  if (!job->cancel && outcome->person)
    {
      if (outcome->sent)
        stored = bv_database_record_mail_sent (get_database (self), outcome->person->participant_id,
                                               outcome->person->version, outcome->person->address,
                                               outcome->message_id, now, &error);
      else if (outcome->error_text)
        stored = bv_database_record_mail_failed (get_database (self), outcome->person->participant_id,
                                                 outcome->person->version, outcome->error_text,
                                                 now, &error);
      /* Removed from the meeting while the batch ran, or a full disk: the
       * message went (or not) all the same. */
      if (!stored)
        g_warning ("Storing the sending record failed: %s", error->message);
      g_signal_emit (self, signals[PARTICIPANT_CHANGED], 0, outcome->person->participant_id);
    }
  g_signal_emit (self, signals[PROGRESS], 0, outcome->done, outcome->total);

  g_mutex_lock (&outcome->mutex);
  outcome->stored = TRUE;
  g_cond_signal (&outcome->cond);
  g_mutex_unlock (&outcome->mutex);
  return G_SOURCE_REMOVE;
}

/* Worker thread: hands the outcome over and waits until it is stored. */
static void
report (GTask      *task,
        Person     *person,
        gboolean    sent,
        const char *message_id,
        const char *error_text,
        guint       done,
        guint       total)
{
  Outcome outcome = {
    .task = task,
    .person = person,
    .sent = sent,
    .message_id = (char *) message_id,
    .error_text = (char *) error_text,
    .done = done,
    .total = total,
  };

  g_mutex_init (&outcome.mutex);
  g_cond_init (&outcome.cond);
  g_main_context_invoke (g_task_get_context (task), store_outcome_cb, &outcome);
  g_mutex_lock (&outcome.mutex);
  while (!outcome.stored)
    g_cond_wait (&outcome.cond, &outcome.mutex);
  g_mutex_unlock (&outcome.mutex);
  g_mutex_clear (&outcome.mutex);
  g_cond_clear (&outcome.cond);
}

static void
wake_cb (GCancellable *cancellable,
         gpointer      user_data)
{
  GMutex *mutex = ((gpointer *) user_data)[0];
  GCond *cond = ((gpointer *) user_data)[1];

  g_mutex_lock (mutex);
  g_cond_signal (cond);
  g_mutex_unlock (mutex);
}

/* Waits @ms, or less when cancelled. */
static void
pause_cancellable (guint         ms,
                   GCancellable *cancellable)
{
  GMutex mutex;
  GCond cond;
  gpointer both[] = { &mutex, &cond };
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;
  gulong handler = 0;

  g_mutex_init (&mutex);
  g_cond_init (&cond);
  g_mutex_lock (&mutex);
  if (cancellable)
    {
      g_mutex_unlock (&mutex);
      handler = g_cancellable_connect (cancellable, G_CALLBACK (wake_cb), both, NULL);
      g_mutex_lock (&mutex);
    }
  while (!g_cancellable_is_cancelled (cancellable) && g_cond_wait_until (&cond, &mutex, until))
    ;
  g_mutex_unlock (&mutex);
  if (handler)
    g_cancellable_disconnect (cancellable, handler);
  g_mutex_clear (&mutex);
  g_cond_clear (&cond);
}

static char *
cancel_body (SendJob    *job,
             const char *name)
{
  const char *title = bv_meeting_get_title (job->meeting);
  g_autofree char *greeting = NULL;
  g_autofree char *what = NULL;

  /* Translators: %s is the person's name. */
  greeting = g_strdup_printf (_("Hello %s,"), name && *name ? name : "");
  if (job->recurrence_id)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (bv_meeting_get_tzid (job->meeting));
      g_autoptr(GDateTime) local = NULL;
      g_autofree char *date = NULL;
      int y, mo, d, h, mi, s = 0;

      if (tz && sscanf (job->recurrence_id, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) >= 5)
        local = g_date_time_new (tz, y, mo, d, h, mi, s);
      /* Translators: a date and time, e.g. "11.01.2027, 18:00". */
      date = local ? g_date_time_format (local, _("%d.%m.%Y, %H:%M")) : g_strdup (job->recurrence_id);
      /* Translators: the first %s is the meeting's title, the second its date. */
      what = g_strdup_printf (_("the meeting “%s” on %s is called off. The other dates stay as "
                                "they are; your personal link stays valid."), title, date);
    }
  else
    /* Translators: %s is the meeting's title. */
    what = g_strdup_printf (_("the meeting “%s” does not take place; all its dates are called "
                              "off. Your personal link no longer works."), title);
  return g_strdup_printf ("%s\n\n%s\n", greeting, what);
}

static GBytes *
build_message (SendJob     *job,
               Person      *person,
               char       **message_id,
               GError     **error)
{
  g_autofree char *body = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *calendar = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *sender_name = bv_mail_account_get_sender_name (job->account);
  BvMailMessageSpec spec = { 0 };

  if (job->cancel)
    {
      body = cancel_body (job, person->name);
      /* Translators: the e-mail subject of a cancellation; %s is the title. */
      subject = g_strdup_printf (_("Called off: %s"), bv_meeting_get_title (job->meeting));
    }
  else
    {
      body = bv_invitation_render (job->texts->template_text, job->meeting, person->name,
                                   person->link, &job->texts->context);
      subject = bv_invitation_subject (job->meeting);
    }
  calendar = bv_mail_message_build_calendar (job->meeting, job->exceptions, person->link,
                                             sender_name, bv_mail_account_get_address (job->account),
                                             person->name, person->address, job->sequence,
                                             job->cancel, job->recurrence_id, error);
  if (!calendar)
    return NULL;

  spec.from_name = sender_name;
  spec.from_address = bv_mail_account_get_address (job->account);
  spec.reply_to_address = job->reply_to;
  spec.to_name = person->name;
  spec.to_address = person->address;
  spec.subject = subject;
  spec.body = body;
  spec.calendar = calendar;
  spec.method = job->cancel ? "CANCEL" : "REQUEST";
  return bv_mail_message_build (&spec, now, message_id);
}

static GError *
stop_error (GError *cause,
            guint   n_sent,
            guint   n_left)
{
  g_autoptr(GError) owned = cause;
  g_autofree char *counts = NULL;

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: %u is how many messages went out before the cancel. */
      counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Sending was cancelled after %u message.",
                                             "Sending was cancelled after %u messages.", n_sent),
                                n_sent);
      return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, counts);
    }

  if (n_sent == 0 && n_left == 0)
    return g_steal_pointer (&owned);

  /* Translators: %u sent so far, %u still to send; both counts of messages. */
  counts = g_strdup_printf (_("%u sent, %u not yet sent; send the rest later with “Only those "
                              "not yet sent”."), n_sent, n_left);
  return g_error_new (cause->domain, cause->code, "%s %s", cause->message, counts);
}

static void
send_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SendJob *job = task_data;
  g_autoptr(BvMailTransport) transport = bv_mail_transport_new (job->account, job->password);
  GPtrArray *valid = g_ptr_array_new ();
  guint total = job->people->len;
  guint done = 0;
  GError *stop = NULL;

  /* Invalid addresses first, before anything goes out. */
  for (guint i = 0; i < job->people->len; i++)
    {
      Person *person = g_ptr_array_index (job->people, i);
      g_autofree char *text = NULL;

      if (bv_mail_address_is_valid (person->address))
        {
          g_ptr_array_add (valid, person);
          continue;
        }
      /* Translators: %s is what is stored as the person's address. */
      text = g_strdup_printf (_("“%s” is not a valid e-mail address. Correct it in the member’s "
                                "details and send again."), person->address);
      job->n_failed++;
      report (task, person, FALSE, NULL, text, ++done, total);
    }

  for (guint i = 0; i < valid->len && !stop; i++)
    {
      Person *person = g_ptr_array_index (valid, i);
      g_autoptr(GBytes) message = NULL;
      g_autofree char *message_id = NULL;
      g_autoptr(GError) error = NULL;
      guint attempt = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, &stop))
        break;

      message = build_message (job, person, &message_id, &error);
      if (!message)
        {
          stop = g_steal_pointer (&error);
          break;
        }

      for (;;)
        {
          gsize length;
          const char *data = g_bytes_get_data (message, &length);

          g_clear_error (&error);
          if (bv_mail_transport_send (transport, person->address, data, length, NULL,
                                      cancellable, &error))
            {
              job->n_sent++;
              report (task, person, TRUE, message_id, NULL, ++done, total);
              break;
            }

          if (g_error_matches (error, BV_MAIL_ERROR, BV_MAIL_ERROR_RECIPIENT_REFUSED))
            {
              job->n_failed++;
              report (task, person, FALSE, NULL, error->message, ++done, total);
              break;
            }

          if (g_error_matches (error, BV_MAIL_ERROR, BV_MAIL_ERROR_TEMPORARY) && attempt < max_retries)
            {
              /* Providers limit how much one account sends per hour: slow down. */
              pause_cancellable (first_delay_ms << attempt, cancellable);
              attempt++;
              if (g_cancellable_set_error_if_cancelled (cancellable, &stop))
                break;
              continue;
            }

          /* Everything else stops the batch. The person in flight fails
           * when the connection or the server's patience ended on them;
           * a refused login or TLS is not their fault. */
          if (g_error_matches (error, BV_MAIL_ERROR, BV_MAIL_ERROR_TEMPORARY) ||
              g_error_matches (error, BV_MAIL_ERROR, BV_MAIL_ERROR_CONNECTION_LOST))
            {
              job->n_failed++;
              report (task, person, FALSE, NULL, error->message, ++done, total);
              stop = stop_error (g_steal_pointer (&error), job->n_sent, valid->len - i - 1);
            }
          else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            stop = g_steal_pointer (&error);
          else if (job->n_sent == 0)
            /* Nothing went out: the reason alone says it all. */
            stop = g_steal_pointer (&error);
          else
            stop = stop_error (g_steal_pointer (&error), job->n_sent, valid->len - i);
          break;
        }
    }

  if (stop && g_error_matches (stop, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    stop = stop_error (stop, job->n_sent, 0);

  job->n_connections = bv_mail_transport_get_n_connections (transport);
  g_ptr_array_unref (valid);
  if (stop)
    g_task_return_error (task, stop);
  else
    g_task_return_boolean (task, TRUE);
}

static void
start_worker (GTask *task)
{
  BvInvitationMailer *self = g_task_get_source_object (task);
  SendJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!bv_database_next_mail_sequence (get_database (self), bv_meeting_get_id (self->meeting),
                                       job->cancel, &job->sequence, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  job->meeting = g_object_ref (self->meeting);
  job->exceptions = bv_database_list_exceptions (get_database (self), bv_meeting_get_id (self->meeting));
  job->texts = bv_invitation_settings_read (get_settings (self), job->server, self->meeting);
  g_task_run_in_thread (task, send_thread);
  g_object_unref (task);
}

static Person *
new_person (BvInvitationMailer *self,
            BvParticipant      *participant,
            char               *link)
{
  Person *person = g_new0 (Person, 1);

  person->participant_id = g_strdup (bv_participant_get_id (participant));
  person->name = g_strdup (bv_participant_get_name (participant));
  person->address = g_strstrip (g_strdup (bv_participant_get_email (participant)));
  person->link = link;
  person->version = bv_database_get_invitation_version (get_database (self), person->participant_id);
  if (!person->version)
    person->version = g_strdup ("");
  return person;
}

static void
client_ready_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  BvInvitationMailer *self = g_task_get_source_object (task);
  SendJob *job = g_task_get_task_data (task);
  g_autoptr(BvBbbClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = bv_context_get_client_finish (BV_CONTEXT (object), result, &error);
  if (!client)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* Signed here: the client belongs to this thread. */
  for (guint i = 0; i < job->participants->len; i++)
    {
      BvParticipant *participant = g_ptr_array_index (job->participants, i);
      char *link = bv_invitation_build_link (client, job->server, self->meeting, participant);

      g_ptr_array_add (job->people, new_person (self, participant, link));
    }
  start_worker (task);
}

static void
password_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  BvInvitationMailer *self = g_task_get_source_object (task);
  SendJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  job->password = bv_mail_secret_lookup_finish (result, &error);
  if (!job->password)
    {
      if (g_error_matches (error, BV_SECRET_ERROR, BV_SECRET_ERROR_NOT_FOUND))
        g_task_return_new_error (task, BV_MAIL_ERROR, BV_MAIL_ERROR_NO_ACCOUNT, "%s",
                                 _("No password is stored for the e-mail account. Enter it again "
                                   "under Preferences → E-Mail."));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if (job->cancel)
    {
      for (guint i = 0; i < job->participants->len; i++)
        g_ptr_array_add (job->people, new_person (self, g_ptr_array_index (job->participants, i), NULL));
      start_worker (task);
      return;
    }

  bv_context_get_client_async (self->context, job->server, g_task_get_cancellable (task),
                               client_ready_cb, task);
}

static char *
find_reply_to (BvInvitationMailer *self)
{
  GSettings *settings = get_settings (self);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *reply_to = NULL;
  g_autofree char *contact = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  if (g_settings_schema_has_key (schema, "mail-reply-to"))
    reply_to = g_strstrip (g_settings_get_string (settings, "mail-reply-to"));
  if (reply_to && bv_mail_address_is_valid (reply_to))
    return g_steal_pointer (&reply_to);
  if (g_settings_schema_has_key (schema, "privacy-contact"))
    contact = g_settings_get_string (settings, "privacy-contact");
  return bv_mail_message_find_address (contact);
}

static void
start (BvInvitationMailer *self,
       GTask              *task)
{
  SendJob *job = g_task_get_task_data (task);
  const char *server_id;

  job->account = bv_mail_account_load (get_settings (self));
  if (!job->account)
    {
      g_task_return_new_error (task, BV_MAIL_ERROR, BV_MAIL_ERROR_NO_ACCOUNT, "%s",
                               _("No e-mail account is set up yet. Set it up under Preferences → "
                                 "E-Mail, then send again."));
      g_object_unref (task);
      return;
    }
  job->reply_to = find_reply_to (self);

  if (job->cancel)
    {
      g_autoptr(GPtrArray) all = bv_database_list_participants (get_database (self),
                                                                bv_meeting_get_id (self->meeting));

      job->participants = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; all && i < all->len; i++)
        {
          BvParticipant *participant = g_ptr_array_index (all, i);
          g_autoptr(BvMailRecord) record =
            bv_database_get_mail_record (get_database (self), bv_participant_get_id (participant));

          if (record && bv_mail_record_get_sent_at (record) && has_address (participant))
            g_ptr_array_add (job->participants, g_object_ref (participant));
        }
    }
  else
    {
      job->participants = select_people (self, job->scope, (const char * const *) job->selected_ids,
                                         &job->n_skipped);
      server_id = bv_meeting_get_server_id (self->meeting);
      job->server = server_id ? bv_context_find_server (self->context, server_id) : NULL;
      if (!job->server)
        {
          g_task_return_new_error (task, BV_MAIL_ERROR, BV_MAIL_ERROR_FAILED, "%s",
                                   _("This meeting has no conference server. Choose one in the "
                                     "meeting’s settings."));
          g_object_unref (task);
          return;
        }
    }
  job->people = g_ptr_array_new_with_free_func ((GDestroyNotify) person_free);

  if (job->participants->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  bv_mail_secret_lookup_async (bv_mail_account_get_address (job->account),
                               g_task_get_cancellable (task), password_cb, task);
}

void
bv_invitation_mailer_send_async (BvInvitationMailer  *self,
                                 BvMailScope          scope,
                                 const char * const  *selected_ids,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  SendJob *job;

  g_return_if_fail (BV_IS_INVITATION_MAILER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_invitation_mailer_send_async);
  /* The outcome of each person must reach the store even while the
   * caller's cancel is being handled. */
  g_task_set_return_on_cancel (task, FALSE);
  job = g_new0 (SendJob, 1);
  job->scope = scope;
  job->selected_ids = g_strdupv ((char **) selected_ids);
  g_task_set_task_data (task, job, (GDestroyNotify) send_job_free);
  start (self, task);
}

void
bv_invitation_mailer_send_cancel_async (BvInvitationMailer  *self,
                                        const char          *recurrence_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;
  SendJob *job;

  g_return_if_fail (BV_IS_INVITATION_MAILER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_invitation_mailer_send_async);
  job = g_new0 (SendJob, 1);
  job->cancel = TRUE;
  job->recurrence_id = g_strdup (recurrence_id);
  g_task_set_task_data (task, job, (GDestroyNotify) send_job_free);
  start (self, task);
}

gboolean
bv_invitation_mailer_send_finish (BvInvitationMailer  *self,
                                  GAsyncResult        *result,
                                  guint               *n_sent,
                                  guint               *n_failed,
                                  guint               *n_skipped,
                                  GError             **error)
{
  SendJob *job;

  g_return_val_if_fail (BV_IS_INVITATION_MAILER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  self->n_connections = job->n_connections;
  if (n_sent)
    *n_sent = job->n_sent;
  if (n_failed)
    *n_failed = job->n_failed;
  if (n_skipped)
    *n_skipped = job->n_skipped;
  return g_task_propagate_boolean (G_TASK (result), error);
}
