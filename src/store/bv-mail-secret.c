/* bv-mail-secret.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-mail-secret.h"
#include "bv-secret-store-private.h"

#include <glib/gi18n-lib.h>

#define ATTRIBUTE_ADDRESS "address"

const SecretSchema *
bv_mail_secret_get_schema (void)
{
  static const SecretSchema schema = {
    .name = "org.herzlich.BbbVereine.MailAccount",
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { .name = ATTRIBUTE_ADDRESS, .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = NULL, .type = 0 },
    },
  };

  return &schema;
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, _bv_secret_store_translate_error (g_steal_pointer (&error),
                                                                 g_task_get_cancellable (task)));
  else
    g_task_return_boolean (task, TRUE);
}

/* Storing with the same address replaces the password stored before. */
void
bv_mail_secret_save_async (const char          *address,
                           const char          *password,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (address && *address);
  g_return_if_fail (password && *password);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_mail_secret_save_async);

  /* Translators: label of the keyring item holding the e-mail account's
   * password, as “Passwords and Keys” shows it; %s is the address. */
  label = g_strdup_printf (_("E-mail account »%s«"), address);
  secret_password_store (BV_MAIL_SECRET_SCHEMA, SECRET_COLLECTION_DEFAULT,
                         label, password, cancellable,
                         stored_cb, g_steal_pointer (&task),
                         ATTRIBUTE_ADDRESS, address,
                         NULL);
}

gboolean
bv_mail_secret_save_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *password;

  password = secret_password_lookup_finish (result, &error);
  if (error)
    g_task_return_error (task, _bv_secret_store_translate_error (g_steal_pointer (&error),
                                                                 g_task_get_cancellable (task)));
  else if (!password)
    g_task_return_new_error (task, BV_SECRET_ERROR, BV_SECRET_ERROR_NOT_FOUND, "%s",
                             _("No password is stored for the e-mail account. Enter it again "
                               "under Preferences → E-Mail."));
  else
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

void
bv_mail_secret_lookup_async (const char          *address,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (address && *address);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_mail_secret_lookup_async);
  secret_password_lookup (BV_MAIL_SECRET_SCHEMA, cancellable,
                          looked_up_cb, g_steal_pointer (&task),
                          ATTRIBUTE_ADDRESS, address,
                          NULL);
}

char *
bv_mail_secret_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cleared_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without an error only means there was nothing to delete. */
  secret_password_clear_finish (result, &error);
  if (error)
    g_task_return_error (task, _bv_secret_store_translate_error (g_steal_pointer (&error),
                                                                 g_task_get_cancellable (task)));
  else
    g_task_return_boolean (task, TRUE);
}

void
bv_mail_secret_delete_async (const char          *address,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (address && *address);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_mail_secret_delete_async);
  secret_password_clear (BV_MAIL_SECRET_SCHEMA, cancellable,
                         cleared_cb, g_steal_pointer (&task),
                         ATTRIBUTE_ADDRESS, address,
                         NULL);
}

gboolean
bv_mail_secret_delete_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
