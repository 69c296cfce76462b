/* bv-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bv-bbb-version.h"
#include "bv-secret-store.h"
#include "bv-server-client.h"
#include "bv-context.h"
#include "bv-server-url.h"

/* Keeps a server's two halves together: the row in the database and its
 * shared secret in the keyring. The command line and the UI both save
 * servers through here so their rules cannot drift apart. */

struct _BvContext
{
  GObject     parent_instance;
  BvDatabase *database;
  GHashTable *clients;     /* server id → ClientEntry */
  BvJoinTracker *joins;
};

/* The one API client of a server, with what it was built from: a client
 * whose server now has another address or checksum is stale even if the
 * edit did not go through this manager (a hand-edited database, or the
 * checksum a connection test found). */
typedef struct
{
  BvBbbClient        *client;      /* NULL while none is open */
  char               *url;
  BvChecksumAlgorithm algorithm;
  guint               generation;  /* raised on every drop */
} ClientEntry;

G_DEFINE_FINAL_TYPE (BvContext, bv_context, G_TYPE_OBJECT)
G_DEFINE_QUARK (bv-context-error-quark, bv_context_error)

/* One add, edit or check of a server: (look up the stored secret,) test
 * the connection, then store secret and row. */
typedef struct
{
  BvServer         *existing;   /* NULL when adding */
  char             *id;
  char             *name;
  char             *url;        /* normalised */
  char             *checksum;
  char             *secret;     /* new secret, or the stored one once looked up */
  gboolean          secret_is_new;
  gboolean          save;
  BvConnectionTest *test;
  BvServer         *server;     /* what will be written, not yet in the list */
  GError           *db_error;   /* kept while a new server's secret is rolled back */
} Operation;

static void
operation_free (Operation *op)
{
  g_clear_object (&op->existing);
  g_clear_pointer (&op->id, g_free);
  g_clear_pointer (&op->name, g_free);
  g_clear_pointer (&op->url, g_free);
  g_clear_pointer (&op->checksum, g_free);
  if (op->secret)
    bv_secret_store_free_secret (g_steal_pointer (&op->secret));
  g_clear_object (&op->test);
  g_clear_object (&op->server);
  g_clear_error (&op->db_error);
  g_free (op);
}

static void
client_entry_free (ClientEntry *entry)
{
  g_clear_object (&entry->client);
  g_clear_pointer (&entry->url, g_free);
  g_free (entry);
}

static ClientEntry *
lookup_entry (BvContext       *self,
              const char      *server_id)
{
  ClientEntry *entry = g_hash_table_lookup (self->clients, server_id);

  if (!entry)
    {
      entry = g_new0 (ClientEntry, 1);
      g_hash_table_insert (self->clients, g_strdup (server_id), entry);
    }
  return entry;
}

static void
bv_context_finalize (GObject *object)
{
  BvContext *self = (BvContext *)object;

  g_clear_pointer (&self->clients, g_hash_table_unref);
  g_clear_object (&self->joins);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (bv_context_parent_class)->finalize (object);
}

static void
bv_context_class_init (BvContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bv_context_finalize;
}

static void
bv_context_init (BvContext *self)
{
  self->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)client_entry_free);
  self->joins = bv_join_tracker_new ();
}

BvContext *
bv_context_new (BvDatabase *database)
{
  BvContext *self;

  g_return_val_if_fail (BV_IS_DATABASE (database), NULL);

  self = g_object_new (BV_TYPE_CONTEXT, NULL);
  self->database = g_object_ref (database);
  return self;
}

/* The joins that run, for the pages that show them: the application runs
 * them (app.join-meeting), so the pages need not know it. */
BvJoinTracker *
bv_context_get_join_tracker (BvContext *self)
{
  g_return_val_if_fail (BV_IS_CONTEXT (self), NULL);

  return self->joins;
}

GListModel *
bv_context_get_servers (BvContext *self)
{
  g_return_val_if_fail (BV_IS_CONTEXT (self), NULL);

  return bv_database_get_servers (self->database);
}

BvDatabase *
bv_context_get_database (BvContext *self)
{
  g_return_val_if_fail (BV_IS_CONTEXT (self), NULL);

  return self->database;
}

BvServer *
bv_context_find_server (BvContext       *self,
                        const char      *id_or_name)
{
  g_return_val_if_fail (BV_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (id_or_name, NULL);

  return bv_database_find_server (self->database, id_or_name);
}

/* The form validates as the user types, so this must stay cheap: no I/O
 * beyond the in-memory server list. */
gboolean
bv_context_check (BvContext        *self,
                  BvServer         *existing,
                  const char       *name,
                  const char       *url,
                  const char       *checksum,
                  const char       *secret,
                  char            **normalized_url,
                  GError          **error)
{
  g_autofree char *normalized = NULL;
  g_autofree char *stripped_name = NULL;
  g_autoptr(BvServer) same_name = NULL;

  g_return_val_if_fail (BV_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (!existing || BV_IS_SERVER (existing), FALSE);

  stripped_name = g_strstrip (g_strdup (name ? name : ""));
  if (*stripped_name == '\0')
    {
      g_set_error_literal (error, BV_CONTEXT_ERROR, BV_CONTEXT_ERROR_MISSING_NAME,
                           _("Give the server a name that you will recognise, for example the name of your provider."));
      return FALSE;
    }

  same_name = bv_database_find_server (self->database, stripped_name);
  if (same_name && (!existing || g_strcmp0 (bv_server_get_id (same_name), bv_server_get_id (existing)) != 0))
    {
      g_set_error (error, BV_CONTEXT_ERROR, BV_CONTEXT_ERROR_NAME_TAKEN,
                   _("A server named “%s” already exists. Choose another name."), stripped_name);
      return FALSE;
    }

  normalized = bv_server_url_normalize (url ? url : "", error);
  if (!normalized)
    return FALSE;

  if (!bv_server_checksum_is_valid (checksum))
    {
      g_set_error_literal (error, BV_CONTEXT_ERROR, BV_CONTEXT_ERROR_INVALID_CHECKSUM,
                           _("Choose a checksum algorithm: SHA-1, SHA-256, SHA-384, SHA-512 or automatic."));
      return FALSE;
    }

  /* When editing, an empty secret keeps the stored one. */
  if (!existing && (!secret || *secret == '\0'))
    {
      g_set_error_literal (error, BV_CONTEXT_ERROR, BV_CONTEXT_ERROR_MISSING_SECRET,
                           _("Enter the shared secret that your provider gave you."));
      return FALSE;
    }

  if (normalized_url)
    *normalized_url = g_steal_pointer (&normalized);
  return TRUE;
}

static void
save_secret_deleted_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Operation *op = g_task_get_task_data (task);

  /* Rolling back the secret is best effort; the database error is what
   * the user needs to read. */
  bv_secret_store_delete_finish (result, NULL);
  g_task_return_error (task, g_steal_pointer (&op->db_error));
}

static void
write_row (GTask *task)
{
  BvContext *self = g_task_get_source_object (task);
  Operation *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!bv_database_save_server (self->database, op->server, &error))
    {
      if (!op->existing && op->secret_is_new)
        {
          op->db_error = g_steal_pointer (&error);
          bv_secret_store_delete_async (op->id, NULL, save_secret_deleted_cb, task);
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* The secret may have changed with the row, so even a client for the
   * same address must not be used again. */
  bv_context_drop_client (self, op->id);
  g_task_return_pointer (task, bv_database_find_server (self->database, op->id), g_object_unref);
  g_object_unref (task);
}

static void
secret_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  if (!bv_secret_store_save_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  write_row (task);
}

static void
connection_tested_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  Operation *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  BvBbbVersion *version;

  if (!bv_connection_test_run_finish (op->test, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  version = bv_connection_test_get_version (op->test);
  op->server = bv_server_new (op->id, op->name, op->url, op->checksum);
  bv_server_set_connection_info (op->server,
                                 bv_checksum_algorithm_to_string (bv_connection_test_get_algorithm (op->test)),
                                 bv_bbb_version_get_api_version (version),
                                 bv_bbb_version_get_bbb_version (version),
                                 bv_bbb_version_is_load_balancer (version),
                                 g_get_real_time () / G_USEC_PER_SEC);

  if (!op->save)
    {
      g_task_return_pointer (task, g_object_ref (op->test), g_object_unref);
      g_object_unref (task);
      return;
    }

  /* Secret first: a server row without its secret would be useless. */
  if (op->secret_is_new)
    bv_secret_store_save_async (op->id, op->name, op->secret, g_task_get_cancellable (task),
                                secret_stored_cb, task);
  else
    write_row (task);
}

static void
run_test (GTask *task)
{
  Operation *op = g_task_get_task_data (task);

  op->test = bv_connection_test_new (op->url, op->secret, op->checksum);
  bv_connection_test_run_async (op->test, g_task_get_cancellable (task),
                                connection_tested_cb, task);
}

static void
stored_secret_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Operation *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  op->secret = bv_secret_store_lookup_finish (result, &error);
  if (!op->secret)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  run_test (task);
}

static void
start_operation (BvContext           *self,
                 BvServer            *existing,
                 const char          *name,
                 const char          *url,
                 const char          *checksum,
                 const char          *secret,
                 gboolean             save,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  Operation *op;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  if (!bv_context_check (self, existing, name, url, checksum, secret, &normalized, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  op = g_new0 (Operation, 1);
  op->existing = existing ? g_object_ref (existing) : NULL;
  op->id = existing ? g_strdup (bv_server_get_id (existing)) : bv_server_generate_id ();
  op->name = g_strstrip (g_strdup (name));
  op->url = g_steal_pointer (&normalized);
  op->checksum = g_strdup (checksum);
  op->secret_is_new = secret && *secret;
  op->secret = op->secret_is_new ? g_strdup (secret) : NULL;
  op->save = save;
  g_task_set_task_data (task, op, (GDestroyNotify) operation_free);

  /* Editing without a new secret tests with the stored one. */
  if (!op->secret)
    bv_secret_store_lookup_async (op->id, cancellable, stored_secret_cb, g_steal_pointer (&task));
  else
    run_test (g_steal_pointer (&task));
}

/* Tests the connection and only then stores the server: a server that
 * cannot be reached or refuses the secret is never saved. */
void
bv_context_save_async (BvContext           *self,
                       BvServer            *existing,
                       const char          *name,
                       const char          *url,
                       const char          *checksum,
                       const char          *secret,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (BV_IS_CONTEXT (self));
  g_return_if_fail (!existing || BV_IS_SERVER (existing));

  start_operation (self, existing, name, url, checksum, secret, TRUE,
                   bv_context_save_async, cancellable, callback, user_data);
}

BvServer *
bv_context_save_finish (BvContext        *self,
                        GAsyncResult     *result,
                        GError          **error)
{
  g_return_val_if_fail (BV_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Tests the form's values without saving anything ("Verbindung testen"). */
void
bv_context_test_async (BvContext           *self,
                       BvServer            *existing,
                       const char          *name,
                       const char          *url,
                       const char          *checksum,
                       const char          *secret,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (BV_IS_CONTEXT (self));
  g_return_if_fail (!existing || BV_IS_SERVER (existing));

  start_operation (self, existing, name, url, checksum, secret, FALSE,
                   bv_context_test_async, cancellable, callback, user_data);
}

BvConnectionTest *
bv_context_test_finish (BvContext        *self,
                        GAsyncResult     *result,
                        GError          **error)
{
  g_return_val_if_fail (BV_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
stored_server_tested_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BvContext *self = g_task_get_source_object (task);
  BvServer *server = g_task_get_task_data (task);
  g_autoptr(BvConnectionTest) test = NULL;
  g_autoptr(GError) error = NULL;
  BvBbbVersion *version;

  test = bv_context_test_finish (self, result, &error);
  if (!test)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Remember what worked, for joining without asking again. */
  version = bv_connection_test_get_version (test);
  {
    g_autoptr(BvServer) updated = bv_server_new (bv_server_get_id (server),
                                                 bv_server_get_name (server),
                                                 bv_server_get_url (server),
                                                 bv_server_get_checksum (server));

    bv_server_set_connection_info (updated,
                                   bv_checksum_algorithm_to_string (bv_connection_test_get_algorithm (test)),
                                   bv_bbb_version_get_api_version (version),
                                   bv_bbb_version_get_bbb_version (version),
                                   bv_bbb_version_is_load_balancer (version),
                                   g_get_real_time () / G_USEC_PER_SEC);
    if (!bv_database_save_server (self->database, updated, &error))
      g_warning ("Cannot remember the connection test's result: %s", error->message);
  }

  g_task_return_pointer (task, g_steal_pointer (&test), g_object_unref);
}

/* Tests a stored server with its stored secret (--check-server). */
void
bv_context_check_server_async (BvContext           *self,
                               BvServer            *server,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BV_IS_CONTEXT (self));
  g_return_if_fail (BV_IS_SERVER (server));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_context_check_server_async);
  g_task_set_task_data (task, g_object_ref (server), g_object_unref);

  bv_context_test_async (self, server, bv_server_get_name (server),
                         bv_server_get_url (server), bv_server_get_checksum (server),
                         NULL, cancellable, stored_server_tested_cb,
                         g_steal_pointer (&task));
}

BvConnectionTest *
bv_context_check_server_finish (BvContext        *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (BV_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
remove_secret_deleted_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  BvContext *self = g_task_get_source_object (task);
  BvServer *server = g_task_get_task_data (task);

  /* An unreachable keyring may still hold the secret: removing the row
   * now would leave it there with nothing left that knows of it. */
  if (!bv_secret_store_delete_finish (result, &error))
    {
      if (g_error_matches (error, BV_SECRET_ERROR, BV_SECRET_ERROR_NO_SERVICE))
        {
          g_task_return_new_error (task, BV_SECRET_ERROR, BV_SECRET_ERROR_NO_SERVICE,
                                   _("The server was not removed: the keyring is not available, "
                                     "and the server’s shared secret would stay in it. Start the "
                                     "keyring, for example by logging in to the desktop, and try "
                                     "again."));
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!bv_database_delete_server (self->database, bv_server_get_id (server), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bv_context_drop_client (self, bv_server_get_id (server));
  g_task_return_boolean (task, TRUE);
}

void
bv_context_remove_async (BvContext           *self,
                         BvServer            *server,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BV_IS_CONTEXT (self));
  g_return_if_fail (BV_IS_SERVER (server));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_context_remove_async);
  g_task_set_task_data (task, g_object_ref (server), g_object_unref);

  bv_secret_store_delete_async (bv_server_get_id (server), cancellable,
                                remove_secret_deleted_cb, g_steal_pointer (&task));
}

gboolean
bv_context_remove_finish (BvContext        *self,
                          GAsyncResult     *result,
                          GError          **error)
{
  g_return_val_if_fail (BV_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* the one client per server */

typedef struct
{
  char  *server_id;
  char  *url;
  BvChecksumAlgorithm algorithm;
  guint  generation;
} ClientOpening;

static void
client_opening_free (ClientOpening *opening)
{
  g_free (opening->server_id);
  g_free (opening->url);
  g_free (opening);
}

static gboolean
entry_is_current (ClientEntry *entry,
                  BvServer    *server)
{
  return entry->client &&
         g_strcmp0 (entry->url, bv_server_get_url (server)) == 0 &&
         entry->algorithm == bv_server_client_algorithm (server);
}

static void
client_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BvContext *self = g_task_get_source_object (task);
  ClientOpening *opening = g_task_get_task_data (task);
  g_autoptr(BvBbbClient) client = NULL;
  g_autoptr(GError) error = NULL;
  ClientEntry *entry;

  client = bv_server_client_open_finish (result, &error);
  if (!client)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Another caller may have opened one meanwhile: keep that one, so that
   * there is one client per server. A client opened before the server was
   * edited or removed is handed out once (the caller asked before the
   * edit) but never kept. */
  entry = lookup_entry (self, opening->server_id);
  if (entry->generation == opening->generation)
    {
      if (entry->client && g_strcmp0 (entry->url, opening->url) == 0 &&
          entry->algorithm == opening->algorithm)
        g_set_object (&client, entry->client);
      else
        {
          g_set_object (&entry->client, client);
          g_free (entry->url);
          entry->url = g_strdup (opening->url);
          entry->algorithm = opening->algorithm;
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&client), g_object_unref);
}

/* The API client of @server, opened on first use with the secret from the
 * keyring (core/bv-server-client) and kept until the server is edited or
 * removed, or a request fails (bv_context_drop_client). Errors:
 * BV_SECRET_ERROR, BV_BBB_ERROR for an address that is not acceptable. */
void
bv_context_get_client_async (BvContext           *self,
                             BvServer            *server,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ClientEntry *entry;
  ClientOpening *opening;

  g_return_if_fail (BV_IS_CONTEXT (self));
  g_return_if_fail (BV_IS_SERVER (server));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_context_get_client_async);

  entry = lookup_entry (self, bv_server_get_id (server));
  if (entry_is_current (entry, server))
    {
      g_task_return_pointer (task, g_object_ref (entry->client), g_object_unref);
      return;
    }

  opening = g_new0 (ClientOpening, 1);
  opening->server_id = g_strdup (bv_server_get_id (server));
  opening->url = g_strdup (bv_server_get_url (server));
  opening->algorithm = bv_server_client_algorithm (server);
  opening->generation = entry->generation;
  g_task_set_task_data (task, opening, (GDestroyNotify)client_opening_free);

  bv_server_client_open_async (server, cancellable, client_opened_cb, g_steal_pointer (&task));
}

BvBbbClient *
bv_context_get_client_finish (BvContext        *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (BV_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The client kept for @server_id, if any; for tests and for code that
 * only wants to ask when the server is already known to answer. */
BvBbbClient *
bv_context_peek_client (BvContext       *self,
                        const char      *server_id)
{
  g_autoptr(BvServer) server = NULL;
  ClientEntry *entry;

  g_return_val_if_fail (BV_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (server_id, NULL);

  entry = g_hash_table_lookup (self->clients, server_id);
  server = bv_database_find_server (self->database, server_id);
  return entry && server && entry_is_current (entry, server) ? entry->client : NULL;
}

void
bv_context_drop_client (BvContext       *self,
                        const char      *server_id)
{
  ClientEntry *entry;

  g_return_if_fail (BV_IS_CONTEXT (self));
  g_return_if_fail (server_id);

  entry = lookup_entry (self, server_id);
  g_clear_object (&entry->client);
  g_clear_pointer (&entry->url, g_free);
  entry->generation++;
}
