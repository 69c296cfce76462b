/* bv-join-tracker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-join-tracker.h"

struct _BvJoinTracker
{
  GObject     parent_instance;
  GHashTable *running;  /* key → number of joins, as a pointer */
};

G_DEFINE_FINAL_TYPE (BvJoinTracker, bv_join_tracker, G_TYPE_OBJECT)

enum {
  STARTED,
  ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
bv_join_tracker_finalize (GObject *object)
{
  BvJoinTracker *self = BV_JOIN_TRACKER (object);

  g_clear_pointer (&self->running, g_hash_table_unref);

  G_OBJECT_CLASS (bv_join_tracker_parent_class)->finalize (object);
}

static void
bv_join_tracker_class_init (BvJoinTrackerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bv_join_tracker_finalize;

  /* ::started (key): a join of @key began. */
  signals[STARTED] = g_signal_new ("started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* ::ended (key, error or NULL) → whether the handler told the user about
   * the error; the first handler that returns TRUE stops the emission. */
  signals[ENDED] = g_signal_new ("ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, g_signal_accumulator_true_handled, NULL, NULL,
                                 G_TYPE_BOOLEAN, 2, G_TYPE_STRING, G_TYPE_ERROR);
}

static void
bv_join_tracker_init (BvJoinTracker *self)
{
  self->running = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

BvJoinTracker *
bv_join_tracker_new (void)
{
  return g_object_new (BV_TYPE_JOIN_TRACKER, NULL);
}

char *
bv_join_tracker_room_key (const char *server_id,
                          const char *bbb_meeting_id)
{
  g_return_val_if_fail (server_id, NULL);
  g_return_val_if_fail (bbb_meeting_id, NULL);

  /* Meeting ids are UUIDs, so a key with a space cannot be one. */
  return g_strdup_printf ("room %s %s", server_id, bbb_meeting_id);
}

gboolean
bv_join_tracker_is_joining (BvJoinTracker *self,
                            const char    *key)
{
  g_return_val_if_fail (BV_IS_JOIN_TRACKER (self), FALSE);
  g_return_val_if_fail (key, FALSE);

  return g_hash_table_contains (self->running, key);
}

void
bv_join_tracker_begin (BvJoinTracker *self,
                       const char    *key)
{
  guint count;

  g_return_if_fail (BV_IS_JOIN_TRACKER (self));
  g_return_if_fail (key);

  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->running, key));
  g_hash_table_replace (self->running, g_strdup (key), GUINT_TO_POINTER (count + 1));
  g_signal_emit (self, signals[STARTED], 0, key);
}

gboolean
bv_join_tracker_end (BvJoinTracker *self,
                     const char    *key,
                     const GError  *error)
{
  gboolean handled = FALSE;
  guint count;

  g_return_val_if_fail (BV_IS_JOIN_TRACKER (self), FALSE);
  g_return_val_if_fail (key, FALSE);

  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->running, key));
  g_return_val_if_fail (count > 0, FALSE);

  if (count > 1)
    g_hash_table_replace (self->running, g_strdup (key), GUINT_TO_POINTER (count - 1));
  else
    g_hash_table_remove (self->running, key);
  g_signal_emit (self, signals[ENDED], 0, key, error, &handled);
  return handled;
}
