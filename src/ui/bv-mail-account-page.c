/* bv-mail-account-page.c
 *
 * The server fields follow the address until the user changes one of
 * them by hand: typing "vorstand@gmx.de" fills mail.gmx.net at once from
 * the table; an unknown domain asks the provider's own autoconfig file
 * after a short pause in typing, so that not every keystroke becomes a
 * request to a half-typed domain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-mail-account-page.h"
#include "bv-mail-account.h"
#include "bv-mail-connection-test.h"
#include "bv-mail-error.h"
#include "bv-mail-providers.h"
#include "bv-mail-secret.h"
#include "bv-ui-utils.h"

/* How long typing must pause before the provider's autoconfig is asked. */
#define LOOKUP_DELAY_MS 700

struct _BvMailAccountPage
{
  AdwPreferencesPage   parent_instance;

  AdwEntryRow         *sender_name_row;
  AdwEntryRow         *address_row;
  AdwPreferencesGroup *advice_group;
  GtkLabel            *advice_label;
  AdwPreferencesGroup *server_group;
  AdwEntryRow         *host_row;
  AdwComboRow         *security_row;
  AdwEntryRow         *port_row;
  AdwEntryRow         *user_row;
  AdwPreferencesGroup *password_group;
  AdwPasswordEntryRow *password_row;
  GtkSpinner          *spinner;
  GtkWidget           *test_button;
  GtkWidget           *save_button;
  GtkWidget           *remove_button;
  GtkLabel            *missing_label;
  GtkLabel            *status_label;

  GSettings           *settings;
  GCancellable        *cancellable;         /* everything, cancelled on dispose */
  GCancellable        *lookup_cancellable;  /* the autoconfig request under way */
  guint                lookup_source;
  char                *filled_domain;       /* the domain the server fields are for */
  char                *last_address;        /* to see whether the user name followed it */
  char                *saved_address;       /* the stored account's, or NULL */
  gboolean             saved_password;      /* the keyring has one for saved_address */
  gboolean             filling;             /* the page writes the fields itself */
  gboolean             server_edited;       /* the user changed a server field */
  gboolean             looking_up;
  gboolean             busy;                /* testing or saving */
};

G_DEFINE_FINAL_TYPE (BvMailAccountPage, bv_mail_account_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_state (BvMailAccountPage *self);

/* the fields */

static char *
field_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static BvMailSecurity
get_security (BvMailAccountPage *self)
{
  return adw_combo_row_get_selected (self->security_row) == 1 ? BV_MAIL_SECURITY_STARTTLS
                                                               : BV_MAIL_SECURITY_SSL;
}

/* The port typed, 0 when it is no number from 1 to 65535. */
static guint
get_port (BvMailAccountPage *self)
{
  g_autofree char *text = field_text (self->port_row);
  guint64 port = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, 65535, &port, NULL))
    return 0;
  return (guint) port;
}

static void
set_port (BvMailAccountPage *self,
          guint              port)
{
  g_autofree char *text = g_strdup_printf ("%u", port);

  gtk_editable_set_text (GTK_EDITABLE (self->port_row), text);
}

static BvMailAccount *
read_account (BvMailAccountPage *self)
{
  g_autofree char *address = field_text (self->address_row);
  g_autofree char *sender = field_text (self->sender_name_row);
  g_autofree char *host = field_text (self->host_row);
  g_autofree char *user = field_text (self->user_row);
  BvMailAccount *account = bv_mail_account_new (address);

  bv_mail_account_set_sender_name (account, sender);
  bv_mail_account_set_host (account, host);
  bv_mail_account_set_security (account, get_security (self));
  bv_mail_account_set_port (account, get_port (self));
  bv_mail_account_set_username (account, user);
  return account;
}

/* Writes the server fields (not the address or sender) from @account. */
static void
show_server (BvMailAccountPage *self,
             BvMailAccount     *account)
{
  const char *user = bv_mail_account_get_username (account);

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->host_row),
                         bv_mail_account_get_host (account) ? bv_mail_account_get_host (account) : "");
  adw_combo_row_set_selected (self->security_row,
                              bv_mail_account_get_security (account) == BV_MAIL_SECURITY_STARTTLS ? 1 : 0);
  set_port (self, bv_mail_account_get_port (account));
  gtk_editable_set_text (GTK_EDITABLE (self->user_row),
                         user && *user ? user : bv_mail_account_get_address (account));
  self->filling = FALSE;
}

static void
show_status (BvMailAccountPage *self,
             const char        *text,
             const char        *css_class)
{
  bv_ui_show_message (self->status_label, text, css_class);
}

static void
show_advice (BvMailAccountPage *self,
             const char        *address)
{
  const char *text = bv_mail_advice_get_text (bv_mail_providers_get_advice (address));

  gtk_label_set_text (self->advice_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->advice_group), text != NULL);
}

static void
update_password_group (BvMailAccountPage *self)
{
  g_autofree char *address = field_text (self->address_row);
  gboolean stored = self->saved_password && g_strcmp0 (address, self->saved_address) == 0;

  adw_preferences_group_set_description (self->password_group,
                                         stored
                                         ? _("A password is kept in your keyring. Type a new one only "
                                             "to change it.")
                                         : _("The password of this e-mail account. It is kept only in "
                                             "your keyring, never in a file."));
}

/* What still keeps "Test Connection" from working, in words; NULL when
 * nothing does. */
static char *
describe_missing (BvMailAccountPage *self)
{
  g_autofree char *address = field_text (self->address_row);
  g_autofree char *host = field_text (self->host_row);
  g_autofree char *user = field_text (self->user_row);
  g_autofree char *password = field_text (self->password_row);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *list = NULL;

  if (*address && !bv_mail_address_is_valid (address))
    return g_strdup (_("The e-mail address is not complete: it needs a name, an @ and the "
                       "provider’s domain, for example vorstand@gmx.de."));

  if (!*address)
    g_ptr_array_add (missing, (gpointer) _("E-Mail Address"));
  if (!*host)
    g_ptr_array_add (missing, (gpointer) _("Server"));
  if (get_port (self) == 0)
    return g_strdup (_("The port is a number from 1 to 65535, usually 465 for SSL/TLS and 587 for "
                       "STARTTLS."));
  if (!*user)
    g_ptr_array_add (missing, (gpointer) _("User Name"));
  if (!*password && !(self->saved_password && g_strcmp0 (address, self->saved_address) == 0))
    g_ptr_array_add (missing, (gpointer) _("Password"));
  if (missing->len == 0)
    return NULL;

  g_ptr_array_add (missing, NULL);
  list = g_strjoinv (", ", (char **) missing->pdata);
  /* Translators: %s lists the fields, e.g. "Server, Password". */
  return g_strdup_printf (_("To test the connection, fill in: %s."), list);
}

static void
update_state (BvMailAccountPage *self)
{
  g_autofree char *missing = describe_missing (self);
  g_autofree char *address = field_text (self->address_row);
  gboolean ready = !missing && !self->busy;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mail.test", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mail.save", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mail.remove", self->saved_address && !self->busy);
  gtk_widget_set_visible (self->remove_button, self->saved_address != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy || self->looking_up);
  gtk_spinner_set_spinning (self->spinner, self->busy || self->looking_up);
  bv_ui_mark_error (self->address_row, *address && !bv_mail_address_is_valid (address));
  bv_ui_mark_error (self->port_row, get_port (self) == 0);
  bv_ui_show_message (self->missing_label, self->busy ? NULL : missing, NULL);
  update_password_group (self);
}

/* filling from the address */

static void
stop_lookup (BvMailAccountPage *self)
{
  g_clear_handle_id (&self->lookup_source, g_source_remove);
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  self->looking_up = FALSE;
}

static void
autoconfig_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BvMailAccountPage) self = user_data;
  g_autoptr(BvMailAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  BvMailAdvice advice = BV_MAIL_ADVICE_NONE;
  const char *domain;

  account = bv_mail_autoconfig_finish (result, &advice, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->looking_up)
    return;

  self->looking_up = FALSE;
  g_clear_object (&self->lookup_cancellable);
  domain = self->filled_domain ? self->filled_domain : "";
  if (account && !self->server_edited)
    {
      show_server (self, account);
      /* Translators: %s is a domain such as "example.de". */
      text = g_strdup_printf (_("Filled in from the settings that %s publishes. Change them only if "
                                "your provider tells you otherwise."), domain);
    }
  else if (!account)
    /* Translators: %s is a domain such as "example.de". */
    text = g_strdup_printf (_("No settings are known for %s. Enter the outgoing mail server that your "
                              "provider names, for example on its help pages."), domain);
  if (text)
    adw_preferences_group_set_description (self->server_group, text);
  update_state (self);
}

static gboolean
lookup_timeout_cb (gpointer user_data)
{
  BvMailAccountPage *self = user_data;
  g_autofree char *address = field_text (self->address_row);

  self->lookup_source = 0;
  self->lookup_cancellable = g_cancellable_new ();
  bv_mail_autoconfig_async (address, self->lookup_cancellable, autoconfig_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
fill_from_address (BvMailAccountPage *self,
                   const char        *address,
                   const char        *domain)
{
  g_autoptr(BvMailAccount) account = bv_mail_account_new (address);
  g_autofree char *text = NULL;
  BvMailAdvice advice;

  stop_lookup (self);
  g_free (self->filled_domain);
  self->filled_domain = g_strdup (domain);

  if (bv_mail_providers_fill (account, &advice))
    {
      const char *provider = bv_mail_providers_get_name (address);

      show_server (self, account);
      /* Translators: %s is a provider such as "GMX" or a domain. */
      text = g_strdup_printf (_("Filled in from the known settings of %s. Change them only if your "
                                "provider tells you otherwise."), provider ? provider : domain);
      adw_preferences_group_set_description (self->server_group, text);
      return;
    }

  /* Translators: %s is a domain such as "example.de". */
  text = g_strdup_printf (_("Looking up the settings that %s publishes…"), domain);
  adw_preferences_group_set_description (self->server_group, text);
  self->looking_up = TRUE;
  self->lookup_source = g_timeout_add (LOOKUP_DELAY_MS, lookup_timeout_cb, self);
}

static void
address_changed_cb (BvMailAccountPage *self)
{
  g_autofree char *address = field_text (self->address_row);
  g_autofree char *domain = NULL;
  g_autofree char *user = field_text (self->user_row);

  if (self->filling)
    return;

  show_status (self, NULL, NULL);
  show_advice (self, address);

  /* A user name that was the address follows it. */
  if (!*user || g_strcmp0 (user, self->last_address) == 0)
    {
      self->filling = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->user_row), address);
      self->filling = FALSE;
    }
  g_free (self->last_address);
  self->last_address = g_strdup (address);

  if (bv_mail_address_is_valid (address) && (domain = bv_mail_address_get_domain (address)) &&
      g_strcmp0 (domain, self->filled_domain) != 0 && !self->server_edited)
    fill_from_address (self, address, domain);
  else if (!bv_mail_address_is_valid (address))
    stop_lookup (self);

  update_state (self);
}

static void
server_changed_cb (BvMailAccountPage *self)
{
  if (self->filling)
    return;

  /* From now on the user's values win over any lookup. */
  self->server_edited = TRUE;
  stop_lookup (self);
  show_status (self, NULL, NULL);
  update_state (self);
}

static void
security_changed_cb (BvMailAccountPage *self)
{
  BvMailSecurity security = get_security (self);
  BvMailSecurity other = security == BV_MAIL_SECURITY_SSL ? BV_MAIL_SECURITY_STARTTLS : BV_MAIL_SECURITY_SSL;

  if (self->filling)
    return;

  /* The usual port goes with the security, unless another was typed. */
  if (get_port (self) == bv_mail_security_default_port (other))
    {
      self->filling = TRUE;
      set_port (self, bv_mail_security_default_port (security));
      self->filling = FALSE;
    }
  server_changed_cb (self);
}

static void
field_changed_cb (BvMailAccountPage *self)
{
  if (self->filling)
    return;

  show_status (self, NULL, NULL);
  update_state (self);
}

/* testing and saving */

typedef struct
{
  BvMailAccountPage *page;
  BvMailAccount     *account;
  char              *password;   /* typed; NULL to keep the stored one */
  gboolean           test;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->page);
  g_clear_object (&job->account);
  if (job->password)
    bv_secret_store_free_secret (job->password);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static void
set_busy (BvMailAccountPage *self,
          gboolean           busy)
{
  self->busy = busy;
  update_state (self);
}

static gboolean
gone (BvMailAccountPage *self,
      const GError      *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         !self->cancellable || g_cancellable_is_cancelled (self->cancellable);
}

static void
finish_saving (Job *job)
{
  BvMailAccountPage *self = job->page;
  const char *address = bv_mail_account_get_address (job->account);
  g_autofree char *text = NULL;

  bv_mail_account_save (job->account, self->settings);
  g_free (self->saved_address);
  self->saved_address = g_strdup (address);
  self->saved_password = TRUE;
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  self->filling = FALSE;
  set_busy (self, FALSE);

  if (job->test)
    /* Translators: %s is a mail server such as "mail.gmx.net". */
    text = g_strdup_printf (_("The connection works: the app logged in to %s with encryption and sent "
                              "nothing. The account is saved, and invitations can now be sent by "
                              "e-mail."), bv_mail_account_get_host (job->account));
  else
    text = g_strdup (_("Saved without a test. If sending fails, come back here and test the "
                       "connection."));
  show_status (self, text, NULL);
  g_signal_emit (self, signals[SAVED], 0);
}

static void
password_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!bv_mail_secret_save_finish (result, &error))
    {
      if (gone (job->page, error))
        return;
      set_busy (job->page, FALSE);
      /* Translators: %s says why, e.g. that the keyring is locked. */
      text = g_strdup_printf (_("The account was not saved: the password could not be put into the "
                                "keyring. %s"), error->message);
      show_status (job->page, text, "error");
      return;
    }
  if (!gone (job->page, NULL))
    finish_saving (job);
}

/* Takes @job. */
static void
save (Job *job)
{
  if (job->password)
    {
      bv_mail_secret_save_async (bv_mail_account_get_address (job->account), job->password,
                                 job->page->cancellable, password_saved_cb, job);
      return;
    }
  finish_saving (job);
  job_free (job);
}

static void
tested_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!bv_mail_connection_test_finish (result, &error))
    {
      if (gone (job->page, error))
        return;
      set_busy (job->page, FALSE);
      /* Translators: %s is the German reason with what to do. */
      text = g_strdup_printf (_("The test failed and nothing was saved. %s"), error->message);
      show_status (job->page, text, "error");
      return;
    }
  if (gone (job->page, NULL))
    return;

  save (g_steal_pointer (&job));
}

/* Takes @job. */
static void
run_test (Job        *job,
          const char *password)
{
  show_status (job->page, _("Connecting to the server…"), NULL);
  bv_mail_connection_test_async (job->account, password, job->page->cancellable, tested_cb, job);
}

static void
stored_password_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  BvMailAccountPage *self = job->page;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  char *password;

  password = bv_mail_secret_lookup_finish (result, &error);
  if (!password)
    {
      if (gone (self, error))
        return;
      set_busy (self, FALSE);
      if (g_error_matches (error, BV_SECRET_ERROR, BV_SECRET_ERROR_NOT_FOUND))
        {
          self->saved_password = FALSE;
          update_state (self);
          show_status (self, _("No password is kept for this address. Type the password."), "error");
          return;
        }
      /* Translators: %s says why, e.g. that the keyring is locked. */
      text = g_strdup_printf (_("The saved password could not be read from the keyring. %s"), error->message);
      show_status (self, text, "error");
      return;
    }

  /* The test copies it. */
  run_test (g_steal_pointer (&job), password);
  bv_secret_store_free_secret (password);
}

static void
start (BvMailAccountPage *self,
       gboolean           test)
{
  g_autofree char *missing = describe_missing (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(Job) job = NULL;
  const char *typed;

  if (self->busy || missing)
    return;

  job = g_new0 (Job, 1);
  job->page = g_object_ref (self);
  job->account = read_account (self);
  job->test = test;
  if (!bv_mail_account_check (job->account, &error))
    {
      show_status (self, error->message, "error");
      return;
    }

  stop_lookup (self);
  typed = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  if (*typed)
    job->password = g_strdup (typed);
  set_busy (self, TRUE);

  if (!test)
    save (g_steal_pointer (&job));
  else if (job->password)
    {
      Job *owned = g_steal_pointer (&job);

      run_test (owned, owned->password);
    }
  else
    {
      Job *owned = g_steal_pointer (&job);

      show_status (self, _("Reading the saved password…"), NULL);
      bv_mail_secret_lookup_async (bv_mail_account_get_address (owned->account), self->cancellable,
                                   stored_password_cb, owned);
    }
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  start (BV_MAIL_ACCOUNT_PAGE (widget), TRUE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  start (BV_MAIL_ACCOUNT_PAGE (widget), FALSE);
}

static void
password_activated_cb (BvMailAccountPage *self)
{
  start (self, TRUE);
}

/* removing */

static void
password_deleted_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(BvMailAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bv_mail_secret_delete_finish (result, &error) && !gone (self, error))
    {
      g_autofree char *text = NULL;

      /* Translators: %s says why, e.g. that the keyring is locked. */
      text = g_strdup_printf (_("The account is removed, but its password is still in the keyring. %s"),
                              error->message);
      show_status (self, text, "warning");
    }
}

static void
remove_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    BvMailAccountPage *self)
{
  g_autofree char *address = NULL;

  if (!g_str_equal (response, "remove") || !self->saved_address)
    return;

  address = g_steal_pointer (&self->saved_address);
  bv_mail_account_forget (self->settings);
  self->saved_password = FALSE;
  bv_mail_secret_delete_async (address, self->cancellable, password_deleted_cb, g_object_ref (self));

  stop_lookup (self);
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  self->filling = FALSE;
  g_clear_pointer (&self->filled_domain, g_free);
  g_clear_pointer (&self->last_address, g_free);
  self->server_edited = FALSE;
  adw_preferences_group_set_description (self->server_group, NULL);
  show_advice (self, "");
  show_status (self, _("The e-mail account is removed. Invitations can no longer be sent from the app "
                       "until you set one up again."), NULL);
  update_state (self);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BvMailAccountPage *self = BV_MAIL_ACCOUNT_PAGE (widget);
  AdwMessageDialog *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Remove the E-Mail Account?"),
                                                       _("Invitations can then no longer be sent from the "
                                                         "app. The password is taken out of the keyring. "
                                                         "Nothing changes in the mailbox itself.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove Account"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  bv_ui_fix_accessible_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* libadwaita 1.2's password row has a button that shows the text, with
 * only an icon ("view-reveal-symbolic") and a tooltip: screen readers
 * hear "GtkImage". */
static void
name_peek_button (GtkWidget *root)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *image = gtk_widget_get_first_child (w);

      if (GTK_IS_BUTTON (w) && GTK_IS_IMAGE (image) &&
          g_str_has_prefix (gtk_image_get_icon_name (GTK_IMAGE (image)) ?: "", "view-"))
        gtk_accessible_update_property (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Show or Hide the Password"), -1);
      name_peek_button (w);
    }
}

/* loading */

static void
saved_password_found_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(BvMailAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;
  char *password = bv_mail_secret_lookup_finish (result, &error);

  if (gone (self, error))
    {
      if (password)
        bv_secret_store_free_secret (password);
      return;
    }
  self->saved_password = password != NULL;
  if (password)
    bv_secret_store_free_secret (password);
  update_state (self);
}

static void
load (BvMailAccountPage *self)
{
  g_autoptr(BvMailAccount) account = bv_mail_account_load (self->settings);
  const char *address;

  if (!account)
    {
      self->filling = TRUE;
      set_port (self, bv_mail_security_default_port (BV_MAIL_SECURITY_SSL));
      self->filling = FALSE;
      update_state (self);
      return;
    }

  address = bv_mail_account_get_address (account);
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->sender_name_row),
                         bv_mail_account_get_sender_name (account) ? bv_mail_account_get_sender_name (account) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), address);
  self->filling = FALSE;
  show_server (self, account);
  show_advice (self, address);
  self->saved_address = g_strdup (address);
  self->filled_domain = bv_mail_address_get_domain (address);
  self->last_address = g_strdup (address);
  update_state (self);

  /* Whether the password is there decides whether it must be typed. */
  bv_mail_secret_lookup_async (address, self->cancellable, saved_password_found_cb, g_object_ref (self));
}

/* object */

static void
bv_mail_account_page_constructed (GObject *object)
{
  BvMailAccountPage *self = BV_MAIL_ACCOUNT_PAGE (object);

  G_OBJECT_CLASS (bv_mail_account_page_parent_class)->constructed (object);

  load (self);
}

static void
bv_mail_account_page_dispose (GObject *object)
{
  BvMailAccountPage *self = BV_MAIL_ACCOUNT_PAGE (object);

  stop_lookup (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bv_mail_account_page_parent_class)->dispose (object);
}

static void
bv_mail_account_page_finalize (GObject *object)
{
  BvMailAccountPage *self = BV_MAIL_ACCOUNT_PAGE (object);

  g_free (self->filled_domain);
  g_free (self->last_address);
  g_free (self->saved_address);

  G_OBJECT_CLASS (bv_mail_account_page_parent_class)->finalize (object);
}

static void
bv_mail_account_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  BvMailAccountPage *self = BV_MAIL_ACCOUNT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_mail_account_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BvMailAccountPage *self = BV_MAIL_ACCOUNT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_mail_account_page_class_init (BvMailAccountPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bv_mail_account_page_constructed;
  object_class->dispose = bv_mail_account_page_dispose;
  object_class->finalize = bv_mail_account_page_finalize;
  object_class->set_property = bv_mail_account_page_set_property;
  object_class->get_property = bv_mail_account_page_get_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BvMailAccountPage::saved:
   *
   * The account is stored in the settings, its password in the keyring.
   */
  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bv-mail-account-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BvMailAccountPage, sender_name_row);
  gtk_widget_class_bind_template_child (widget_class, BvMailAccountPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, BvMailAccountPage, advice_group);
  gtk_widget_class_bind_template_child (widget_class, BvMailAccountPage, advice_label);
  gtk_widget_class_bind_template_child (widget_class, BvMailAccountPage, server_group);
  gtk_widget_class_bind_template_child (widget_class, BvMailAccountPage, host_row);
  gtk_widget_class_bind_template_child (widget_class, BvMailAccountPage, security_row);
  gtk_widget_class_bind_template_child (widget_class, BvMailAccountPage, port_row);
  gtk_widget_class_bind_template_child (widget_class, BvMailAccountPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, BvMailAccountPage, password_group);
  gtk_widget_class_bind_template_child (widget_class, BvMailAccountPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, BvMailAccountPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, BvMailAccountPage, test_button);
  gtk_widget_class_bind_template_child (widget_class, BvMailAccountPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, BvMailAccountPage, remove_button);
  gtk_widget_class_bind_template_child (widget_class, BvMailAccountPage, missing_label);
  gtk_widget_class_bind_template_child (widget_class, BvMailAccountPage, status_label);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, address_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, security_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_activated_cb);

  gtk_widget_class_install_action (widget_class, "mail.test", NULL, test_action);
  gtk_widget_class_install_action (widget_class, "mail.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "mail.remove", NULL, remove_action);
}

static void
bv_mail_account_page_init (BvMailAccountPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  bv_ui_fix_accessible_names (GTK_WIDGET (self));
  name_peek_button (GTK_WIDGET (self->password_row));
}

BvMailAccountPage *
bv_mail_account_page_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (BV_TYPE_MAIL_ACCOUNT_PAGE,
                       "settings", settings,
                       NULL);
}

gboolean
bv_mail_account_page_is_busy (BvMailAccountPage *self)
{
  g_return_val_if_fail (BV_IS_MAIL_ACCOUNT_PAGE (self), FALSE);

  return self->busy || self->looking_up;
}
