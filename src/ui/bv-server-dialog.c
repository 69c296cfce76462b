/* bv-server-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bv-help.h"
#include "bv-secure.h"
#include "bv-server-client.h"
#include "bv-server-dialog.h"
#include "bv-ui-utils.h"

struct _BvServerDialog
{
  AdwWindow        parent_instance;

  AdwWindowTitle  *window_title;
  GtkWidget       *save_button;
  GtkWidget       *cancel_button;
  GtkSpinner      *spinner;
  GtkWidget       *form_group;
  AdwEntryRow     *name_row;
  AdwEntryRow     *url_row;
  AdwEntryRow     *secret_row;
  AdwComboRow     *checksum_row;
  AdwExpanderRow  *advanced_row;
  GtkLabel        *status_label;
  GtkLabel        *secret_hint;
  GtkWidget       *remove_group;

  BvContext *manager;
  BvServer        *server;
  GCancellable    *cancellable;

  guint            name_touched : 1;
  guint            url_touched : 1;
  guint            secret_touched : 1;
  guint            busy : 1;
  guint            tested : 1;   /* status_label shows a test result */
  guint            filling : 1;
};

enum {
  PROP_0,
  PROP_MANAGER,
  PROP_SERVER,
  N_PROPS
};

enum {
  SAVED,
  REMOVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BvServerDialog, bv_server_dialog, ADW_TYPE_WINDOW)

static const char *checksum_ids[] = { "auto", "sha1", "sha256", "sha384", "sha512" };

static const char *
selected_checksum (BvServerDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->checksum_row);

  return selected < G_N_ELEMENTS (checksum_ids) ? checksum_ids[selected] : "auto";
}

static void
show_status (BvServerDialog *self,
             const char     *text,
             gboolean        is_error)
{
  gtk_label_set_text (self->status_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text && *text);
  if (is_error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }
}

static GtkWidget *
row_for_error (BvServerDialog *self,
               const GError   *error,
               gboolean       *touched)
{
  if (error->domain == BV_BBB_ERROR)
    {
      *touched = self->url_touched;
      return GTK_WIDGET (self->url_row);
    }
  if (g_error_matches (error, BV_CONTEXT_ERROR, BV_CONTEXT_ERROR_MISSING_SECRET))
    {
      *touched = self->secret_touched;
      return GTK_WIDGET (self->secret_row);
    }
  if (g_error_matches (error, BV_CONTEXT_ERROR, BV_CONTEXT_ERROR_MISSING_NAME) ||
      g_error_matches (error, BV_CONTEXT_ERROR, BV_CONTEXT_ERROR_NAME_TAKEN))
    {
      *touched = self->name_touched;
      return GTK_WIDGET (self->name_row);
    }
  *touched = TRUE;
  return NULL;
}

/* Validates as the user types, but only complains about a field once the
 * user has been there: an empty new form shows no red. */
static gboolean
validate (BvServerDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  GtkWidget *rows[] = { GTK_WIDGET (self->name_row), GTK_WIDGET (self->url_row), GTK_WIDGET (self->secret_row) };
  gboolean valid;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (rows[i], "error");

  valid = bv_context_check (self->manager, self->server,
                            gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                            gtk_editable_get_text (GTK_EDITABLE (self->url_row)),
                            selected_checksum (self),
                            gtk_editable_get_text (GTK_EDITABLE (self->secret_row)),
                            &normalized, &error);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "server.save", valid && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "server.test", valid && !self->busy);

  /* A test result stays until the user changes something. */
  if (valid && self->tested)
    return valid;

  if (valid)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is a web address such as https://bbb.example.org/bigbluebutton/api/ */
      text = g_strdup_printf (_("The app will use the address %s."), normalized);
      show_status (self, text, FALSE);
    }
  else
    {
      gboolean touched = FALSE;
      GtkWidget *row = row_for_error (self, error, &touched);

      if (touched)
        {
          if (row)
            gtk_widget_add_css_class (row, "error");
          show_status (self, error->message, TRUE);
        }
      else
        /* Not red before the user has been there, but the reason why
         * Save and Test Connection are grey. */
        show_status (self, error->message, FALSE);
    }

  return valid;
}

/* The BigBlueButton errors that tell the user to look "in the server
 * settings" (written for the other windows), said from inside them. */
static const char *
advice_in_form (const GError *error)
{
  if (error->domain != BV_BBB_ERROR)
    return error->message;

  switch (error->code)
    {
    case BV_BBB_ERROR_CHECKSUM:
      return _("The server does not accept the shared secret. Enter it again above, exactly as your "
               "provider gave it (best copied and pasted), and test again. If it is right, ask your "
               "provider which checksum algorithm the server uses and choose it under “Advanced”.");
    case BV_BBB_ERROR_HOST_NOT_FOUND:
      return _("The server’s address could not be found. Check the address above and your internet "
               "connection, then test again.");
    case BV_BBB_ERROR_CONNECTION_REFUSED:
      return _("The server refused the connection. Check the address above; if it is right, ask "
               "your provider whether the server is running.");
    case BV_BBB_ERROR_HTTP_STATUS:
      return _("The server reported a problem instead of answering. Check the address above; if "
               "it is right, try again later or ask your provider.");
    case BV_BBB_ERROR_TOO_LARGE:
      return _("The server’s answer was far too large, so the app stopped reading it. Check the "
               "address above or ask your provider.");
    default:
      return error->message;
    }
}

/* A failed test or save: the words for this form, and the field to fix. */
static void
show_form_error (BvServerDialog *self,
                 const GError   *error)
{
  GtkWidget *row = NULL;

  if (g_error_matches (error, BV_BBB_ERROR, BV_BBB_ERROR_CHECKSUM))
    row = GTK_WIDGET (self->secret_row);
  else if (error->domain == BV_BBB_ERROR)
    row = GTK_WIDGET (self->url_row);
  if (row)
    gtk_widget_add_css_class (row, "error");
  show_status (self, advice_in_form (error), TRUE);
}

static void
field_changed_cb (BvServerDialog *self,
                  gpointer        sender)
{
  if (self->filling)
    return;

  self->tested = FALSE;
  if (sender == (gpointer) self->name_row)
    self->name_touched = TRUE;
  else if (sender == (gpointer) self->secret_row)
    self->secret_touched = TRUE;

  validate (self);
}

static void
url_changed_cb (BvServerDialog *self,
                AdwEntryRow    *row)
{
  g_autofree char *url = NULL;
  g_autofree char *secret = NULL;

  if (self->filling)
    return;

  self->tested = FALSE;
  self->url_touched = TRUE;

  if (bv_server_url_split_pasted (gtk_editable_get_text (GTK_EDITABLE (row)), &url, &secret))
    {
      /* The pasted text contained both lines; put each where it belongs. */
      self->filling = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
      gtk_editable_set_text (GTK_EDITABLE (self->secret_row), secret);
      self->filling = FALSE;
      self->secret_touched = TRUE;
      bv_secure_wipe (secret, strlen (secret));
    }

  validate (self);
}

static void
set_busy (BvServerDialog *self,
          gboolean        busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (self->form_group, !busy);
  gtk_widget_set_sensitive (self->remove_group, !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "server.remove", !busy);
  if (busy)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "server.save", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "server.test", FALSE);
      self->tested = FALSE;
      show_status (self, _("Testing the connection to the server…"), FALSE);
    }
  else
    validate (self);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(BvServerDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BvServer) server = NULL;

  server = bv_context_save_finish (BV_CONTEXT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (!server)
    {
      self->tested = TRUE;
      show_form_error (self, error);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, server);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BvServerDialog *self = BV_SERVER_DIALOG (widget);

  self->name_touched = self->url_touched = self->secret_touched = TRUE;
  if (self->busy || !validate (self))
    return;

  set_busy (self, TRUE);
  bv_context_save_async (self->manager, self->server,
                         gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                         gtk_editable_get_text (GTK_EDITABLE (self->url_row)),
                         selected_checksum (self),
                         gtk_editable_get_text (GTK_EDITABLE (self->secret_row)),
                         self->cancellable, saved_cb, g_object_ref (self));
}

static void
tested_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BvServerDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BvConnectionTest) test = NULL;
  g_autofree char *description = NULL;

  test = bv_context_test_finish (BV_CONTEXT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  self->tested = TRUE;
  if (!test)
    {
      show_form_error (self, error);
      return;
    }

  description = bv_connection_test_describe (test);
  show_status (self, description, FALSE);
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BvServerDialog *self = BV_SERVER_DIALOG (widget);

  self->name_touched = self->url_touched = self->secret_touched = TRUE;
  if (self->busy || !validate (self))
    return;

  set_busy (self, TRUE);
  bv_context_test_async (self->manager, self->server,
                         gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                         gtk_editable_get_text (GTK_EDITABLE (self->url_row)),
                         selected_checksum (self),
                         gtk_editable_get_text (GTK_EDITABLE (self->secret_row)),
                         self->cancellable, tested_cb, g_object_ref (self));
}

static void
entry_activated_cb (BvServerDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "server.save", NULL);
}

static void
removed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BvServerDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bv_context_remove_finish (BV_CONTEXT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_status (self, error->message, TRUE);
      return;
    }

  g_signal_emit (self, signals[REMOVED], 0, self->server);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    BvServerDialog   *self)
{
  if (!g_str_equal (response, "remove"))
    return;

  set_busy (self, TRUE);
  bv_context_remove_async (self->manager, self->server, self->cancellable,
                           removed_cb, g_object_ref (self));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BvServerDialog *self = BV_SERVER_DIALOG (widget);
  GtkWidget *dialog;

  if (!self->server || self->busy)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  /* Translators: %s is the name of a conference server. */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove “%s”?"),
                                     bv_server_get_name (self->server));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("The server’s settings and its shared secret are removed from "
                                 "this computer. To use the server again you need the secret "
                                 "from your provider."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  bv_ui_fix_accessible_names (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
fill_form (BvServerDialog *self)
{
  self->filling = TRUE;

  if (self->server)
    {
      const char *checksum = bv_server_get_checksum (self->server);

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Server"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), bv_server_get_name (self->server));
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), bv_server_get_url (self->server));
      for (guint i = 0; i < G_N_ELEMENTS (checksum_ids); i++)
        if (g_strcmp0 (checksum, checksum_ids[i]) == 0)
          adw_combo_row_set_selected (self->checksum_row, i);
      gtk_label_set_text (self->secret_hint,
                          _("The shared secret is kept in your keyring and is not shown. "
                            "Leave the field empty to keep it."));
      gtk_widget_set_visible (self->remove_group, TRUE);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Add Server"));
      gtk_label_set_text (self->secret_hint,
                          _("The shared secret is kept in your keyring and is not shown again "
                            "after saving."));
    }

  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
  self->filling = FALSE;
  validate (self);
}

/* libadwaita 1.2 leaves the show-secret toggle of AdwPasswordEntryRow
 * (an icon-only button) without an accessible name. */
static void
name_peek_icon (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child;
       child = gtk_widget_get_next_sibling (child))
    {
      if ((GTK_IS_BUTTON (child) && !gtk_button_get_label (GTK_BUTTON (child))) ||
          (GTK_IS_IMAGE (child) &&
           gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (child)) == GTK_ACCESSIBLE_ROLE_BUTTON))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show or Hide the Secret"),
                                        -1);
      name_peek_icon (child);
    }
}

static void
bv_server_dialog_constructed (GObject *object)
{
  BvServerDialog *self = BV_SERVER_DIALOG (object);

  G_OBJECT_CLASS (bv_server_dialog_parent_class)->constructed (object);

  fill_form (self);
}

static void
bv_server_dialog_dispose (GObject *object)
{
  BvServerDialog *self = BV_SERVER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->manager);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (bv_server_dialog_parent_class)->dispose (object);
}

static void
bv_server_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BvServerDialog *self = BV_SERVER_DIALOG (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      self->manager = g_value_dup_object (value);
      break;

    case PROP_SERVER:
      self->server = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_server_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BvServerDialog *self = BV_SERVER_DIALOG (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      g_value_set_object (value, self->manager);
      break;

    case PROP_SERVER:
      g_value_set_object (value, self->server);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
help_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  bv_show_help_page (widget, "connect-server");
}

static void
bv_server_dialog_class_init (BvServerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bv_server_dialog_constructed;
  object_class->dispose = bv_server_dialog_dispose;
  object_class->set_property = bv_server_dialog_set_property;
  object_class->get_property = bv_server_dialog_get_property;

  properties[PROP_MANAGER] =
    g_param_spec_object ("manager", NULL, NULL, BV_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER] =
    g_param_spec_object ("server", NULL, NULL, BV_TYPE_SERVER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, BV_TYPE_SERVER);
  signals[REMOVED] = g_signal_new ("removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, BV_TYPE_SERVER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bv-server-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BvServerDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, BvServerDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, BvServerDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, BvServerDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, BvServerDialog, form_group);
  gtk_widget_class_bind_template_child (widget_class, BvServerDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, BvServerDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, BvServerDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, BvServerDialog, checksum_row);
  gtk_widget_class_bind_template_child (widget_class, BvServerDialog, advanced_row);
  gtk_widget_class_bind_template_child (widget_class, BvServerDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, BvServerDialog, secret_hint);
  gtk_widget_class_bind_template_child (widget_class, BvServerDialog, remove_group);
  gtk_widget_class_bind_template_child_full (widget_class, "test_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "server.help", NULL, help_action);
  gtk_widget_class_install_action (widget_class, "server.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "server.test", NULL, test_action);
  gtk_widget_class_install_action (widget_class, "server.remove", NULL, remove_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "server.save", NULL);
}

static void
bv_server_dialog_init (BvServerDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  bv_ui_fix_accessible_names (GTK_WIDGET (self));
  name_peek_icon (GTK_WIDGET (self->secret_row));
  self->cancellable = g_cancellable_new ();
}

BvServerDialog *
bv_server_dialog_new (GtkWindow       *parent,
                      BvContext *manager,
                      BvServer        *server)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BV_IS_CONTEXT (manager), NULL);
  g_return_val_if_fail (!server || BV_IS_SERVER (server), NULL);

  return g_object_new (BV_TYPE_SERVER_DIALOG,
                       "transient-for", parent,
                       "manager", manager,
                       "server", server,
                       NULL);
}
