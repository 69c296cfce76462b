/* bv-connection-test.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bv-bbb-client.h"
#include "bv-bbb-error.h"
#include "bv-connection-test.h"
#include "bv-secure.h"

/* The order of the automatic detection: SHA-256 works on every BigBlueButton
 * since 2.2 and on Scalelite; SHA-512 on servers restricted to it; SHA-1 on
 * very old ones. SHA-384 is never guessed (Scalelite lacks it). */
static const BvChecksumAlgorithm auto_order[] = {
  BV_CHECKSUM_SHA256, BV_CHECKSUM_SHA512, BV_CHECKSUM_SHA1,
};

struct _BvConnectionTest
{
  GObject              parent_instance;

  char                *api_url;
  char                *secret;
  gboolean             automatic;
  BvChecksumAlgorithm  algorithm;
  GTlsDatabase        *tls_database;

  BvBbbClient         *client;
  BvBbbVersion        *version;
  guint                attempt;
  gboolean             running;
};

G_DEFINE_FINAL_TYPE (BvConnectionTest, bv_connection_test, G_TYPE_OBJECT)

static void probe_secret (GTask *task);

static void
secret_probed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BvConnectionTest *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  gboolean running = FALSE;

  if (bv_bbb_client_is_meeting_running_finish (self->client, result, &running, &error))
    {
      self->algorithm = bv_bbb_client_get_algorithm (self->client);
      self->running = FALSE;
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* A wrong checksum means a wrong secret or an algorithm the server does
   * not accept; only the latter is worth another try. */
  if (self->automatic &&
      g_error_matches (error, BV_BBB_ERROR, BV_BBB_ERROR_CHECKSUM) &&
      self->attempt + 1 < G_N_ELEMENTS (auto_order))
    {
      self->attempt++;
      bv_bbb_client_set_algorithm (self->client, auto_order[self->attempt]);
      probe_secret (g_steal_pointer (&task));
      return;
    }

  self->running = FALSE;
  g_task_return_error (task, g_steal_pointer (&error));
}

/* isMeetingRunning is cheap, signed, and offered by bbb-web and every
 * load balancer (getMeetings may be switched off on Scalelite). */
static void
probe_secret (GTask *task)
{
  BvConnectionTest *self = g_task_get_source_object (task);

  bv_bbb_client_is_meeting_running_async (self->client, "bbb-vereine-connection-test",
                                          g_task_get_cancellable (task),
                                          secret_probed_cb, task);
}

static void
version_probed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BvConnectionTest *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  self->version = bv_bbb_client_get_version_finish (self->client, result, &error);
  if (!self->version)
    {
      self->running = FALSE;
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  probe_secret (g_steal_pointer (&task));
}

static void
bv_connection_test_finalize (GObject *object)
{
  BvConnectionTest *self = (BvConnectionTest *)object;

  g_clear_pointer (&self->api_url, g_free);
  g_clear_pointer (&self->secret, bv_secure_free_string);
  g_clear_object (&self->tls_database);
  g_clear_object (&self->client);
  g_clear_object (&self->version);

  G_OBJECT_CLASS (bv_connection_test_parent_class)->finalize (object);
}

static void
bv_connection_test_class_init (BvConnectionTestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bv_connection_test_finalize;
}

static void
bv_connection_test_init (BvConnectionTest *self)
{
  self->algorithm = BV_CHECKSUM_SHA256;
  self->automatic = TRUE;
}

/* checksum: "auto", "sha1", "sha256", "sha384" or "sha512" */
BvConnectionTest *
bv_connection_test_new (const char *api_url,
                        const char *secret,
                        const char *checksum)
{
  BvConnectionTest *self;

  g_return_val_if_fail (api_url, NULL);
  g_return_val_if_fail (secret, NULL);

  self = g_object_new (BV_TYPE_CONNECTION_TEST, NULL);
  self->api_url = g_strdup (api_url);
  self->secret = g_strdup (secret);
  if (checksum && bv_checksum_algorithm_from_string (checksum, &self->algorithm))
    self->automatic = FALSE;
  else
    self->algorithm = auto_order[0];

  return self;
}

void
bv_connection_test_set_tls_database (BvConnectionTest *self,
                                     GTlsDatabase     *database)
{
  g_return_if_fail (BV_IS_CONNECTION_TEST (self));

  g_set_object (&self->tls_database, database);
}

void
bv_connection_test_run_async (BvConnectionTest    *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BV_IS_CONNECTION_TEST (self));
  g_return_if_fail (!self->running);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_connection_test_run_async);

  self->running = TRUE;
  self->attempt = 0;
  g_clear_object (&self->version);
  g_clear_object (&self->client);
  self->client = bv_bbb_client_new (self->api_url, self->secret, self->algorithm);
  if (self->tls_database)
    bv_bbb_client_set_tls_database (self->client, self->tls_database);

  bv_bbb_client_get_version_async (self->client, cancellable,
                                   version_probed_cb, g_steal_pointer (&task));
}

gboolean
bv_connection_test_run_finish (BvConnectionTest  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (BV_IS_CONNECTION_TEST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

BvBbbVersion *
bv_connection_test_get_version (BvConnectionTest *self)
{
  g_return_val_if_fail (BV_IS_CONNECTION_TEST (self), NULL);

  return self->version;
}

BvChecksumAlgorithm
bv_connection_test_get_algorithm (BvConnectionTest *self)
{
  g_return_val_if_fail (BV_IS_CONNECTION_TEST (self), BV_CHECKSUM_SHA256);

  return self->algorithm;
}

char *
bv_connection_test_describe (BvConnectionTest *self)
{
  g_autofree char *server = NULL;

  g_return_val_if_fail (BV_IS_CONNECTION_TEST (self), NULL);
  g_return_val_if_fail (self->version, NULL);

  server = bv_bbb_version_describe (self->version);
  /* Translators: the first %s is a server such as "BigBlueButton 3.0.19",
   * the second a checksum algorithm such as "SHA-256". */
  return g_strdup_printf (_("Connected to %s (%s)"), server,
                          bv_checksum_algorithm_get_label (self->algorithm));
}
