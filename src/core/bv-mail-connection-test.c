/* bv-mail-connection-test.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-mail-connection-test.h"

#include "bv-mail-transport.h"

static void
test_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  BvMailTransport *transport = task_data;
  GError *error = NULL;

  if (bv_mail_transport_check (transport, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
bv_mail_connection_test_async (BvMailAccount       *account,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BV_IS_MAIL_ACCOUNT (account));
  g_return_if_fail (password);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_mail_connection_test_async);
  g_task_set_task_data (task, bv_mail_transport_new (account, password),
                        (GDestroyNotify) bv_mail_transport_free);
  g_task_run_in_thread (task, test_thread);
}

gboolean
bv_mail_connection_test_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
