/* bv-search-provider.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include "bv-search-provider.h"

#include "bv-meeting-search.h"
#include "bv-planned-dates.h"
#include "bv-shell-search-provider2.h"

struct _BvSearchProvider
{
  GObject                 parent_instance;

  BvApplication          *application;  /* unowned: the application owns us */
  BvShellSearchProvider2 *skeleton;
};

G_DEFINE_FINAL_TYPE (BvSearchProvider, bv_search_provider, G_TYPE_OBJECT)

static BvDatabase *
get_database (BvSearchProvider *self)
{
  BvContext *manager = bv_application_get_context (self->application);

  return manager ? bv_context_get_database (manager) : NULL;
}

/* Meeting ids of the matches, the soonest first; only those in @previous
 * when it is set (a narrower search). */
static GStrv
search (BvSearchProvider   *self,
        const char * const *terms,
        const char * const *previous)
{
  BvDatabase *database = get_database (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (database)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GPtrArray) found = bv_meeting_search (database, terms, now);

      for (guint i = 0; i < found->len; i++)
        {
          BvPlannedOccurrence *p = g_ptr_array_index (found, i);
          const char *id = bv_meeting_get_id (p->meeting);

          if (!previous || g_strv_contains (previous, id))
            g_strv_builder_add (builder, id);
        }
    }

  return g_strv_builder_end (builder);
}

static GVariant *
result_metas (BvSearchProvider   *self,
              const char * const *ids)
{
  BvDatabase *database = get_database (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GIcon) icon = g_themed_icon_new (APP_ID);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GHashTable) next = g_hash_table_new (g_str_hash, g_str_equal);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  if (!database)
    return g_variant_builder_end (&builder);

  /* The same dates as the search: cancelled and moved ones included. */
  first = bv_planned_dates_list_first (database, now, NULL);
  for (guint i = 0; i < first->len; i++)
    {
      BvPlannedOccurrence *p = g_ptr_array_index (first, i);

      g_hash_table_insert (next, (gpointer) bv_meeting_get_id (p->meeting), p);
    }

  for (guint i = 0; ids[i]; i++)
    {
      BvPlannedOccurrence *p = g_hash_table_lookup (next, ids[i]);
      g_autofree char *description = NULL;
      GVariantBuilder meta;

      if (!p)
        continue;

      description = bv_meeting_search_describe (p->occurrence);
      g_variant_builder_init (&meta, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (ids[i]));
      g_variant_builder_add (&meta, "{sv}", "name",
                             g_variant_new_string (bv_meeting_get_title (p->meeting)));
      g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
      g_variant_builder_add (&meta, "{sv}", "gicon", g_icon_serialize (icon));
      g_variant_builder_add_value (&builder, g_variant_builder_end (&meta));
    }

  return g_variant_builder_end (&builder);
}

/* A service started for the search lives as long as it is asked. */
static void
hold (BvSearchProvider *self)
{
  g_application_hold (G_APPLICATION (self->application));
}

static gboolean
release (BvSearchProvider *self)
{
  g_application_release (G_APPLICATION (self->application));
  return TRUE;  /* the invocation is handled */
}

static gboolean
handle_get_initial_result_set_cb (BvShellSearchProvider2 *skeleton,
                                  GDBusMethodInvocation  *invocation,
                                  const char * const     *terms,
                                  BvSearchProvider       *self)
{
  g_auto(GStrv) results = NULL;

  hold (self);
  results = search (self, terms, NULL);
  bv_shell_search_provider2_complete_get_initial_result_set (skeleton, invocation,
                                                             (const char * const *) results);
  return release (self);
}

static gboolean
handle_get_subsearch_result_set_cb (BvShellSearchProvider2 *skeleton,
                                    GDBusMethodInvocation  *invocation,
                                    const char * const     *previous,
                                    const char * const     *terms,
                                    BvSearchProvider       *self)
{
  g_auto(GStrv) results = NULL;

  hold (self);
  results = search (self, terms, previous);
  bv_shell_search_provider2_complete_get_subsearch_result_set (skeleton, invocation,
                                                               (const char * const *) results);
  return release (self);
}

static gboolean
handle_get_result_metas_cb (BvShellSearchProvider2 *skeleton,
                            GDBusMethodInvocation  *invocation,
                            const char * const     *ids,
                            BvSearchProvider       *self)
{
  hold (self);
  bv_shell_search_provider2_complete_get_result_metas (skeleton, invocation,
                                                       result_metas (self, ids));
  return release (self);
}

/* The same join as a notification's Join button. */
static gboolean
handle_activate_result_cb (BvShellSearchProvider2 *skeleton,
                           GDBusMethodInvocation  *invocation,
                           const char             *id,
                           const char * const     *terms,
                           guint                   timestamp,
                           BvSearchProvider       *self)
{
  hold (self);
  g_action_group_activate_action (G_ACTION_GROUP (self->application), "join-meeting",
                                  g_variant_new_string (id));
  bv_shell_search_provider2_complete_activate_result (skeleton, invocation);
  return release (self);
}

static gboolean
handle_launch_search_cb (BvShellSearchProvider2 *skeleton,
                         GDBusMethodInvocation  *invocation,
                         const char * const     *terms,
                         guint                   timestamp,
                         BvSearchProvider       *self)
{
  hold (self);
  g_application_activate (G_APPLICATION (self->application));
  bv_shell_search_provider2_complete_launch_search (skeleton, invocation);
  return release (self);
}

static void
bv_search_provider_dispose (GObject *object)
{
  BvSearchProvider *self = BV_SEARCH_PROVIDER (object);

  if (self->skeleton)
    bv_search_provider_unexport (self);
  g_clear_object (&self->skeleton);

  G_OBJECT_CLASS (bv_search_provider_parent_class)->dispose (object);
}

static void
bv_search_provider_class_init (BvSearchProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = bv_search_provider_dispose;
}

static void
bv_search_provider_init (BvSearchProvider *self)
{
  self->skeleton = bv_shell_search_provider2_skeleton_new ();
  g_signal_connect_object (self->skeleton, "handle-get-initial-result-set",
                           G_CALLBACK (handle_get_initial_result_set_cb), self, 0);
  g_signal_connect_object (self->skeleton, "handle-get-subsearch-result-set",
                           G_CALLBACK (handle_get_subsearch_result_set_cb), self, 0);
  g_signal_connect_object (self->skeleton, "handle-get-result-metas",
                           G_CALLBACK (handle_get_result_metas_cb), self, 0);
  g_signal_connect_object (self->skeleton, "handle-activate-result",
                           G_CALLBACK (handle_activate_result_cb), self, 0);
  g_signal_connect_object (self->skeleton, "handle-launch-search",
                           G_CALLBACK (handle_launch_search_cb), self, 0);
}

BvSearchProvider *
bv_search_provider_new (BvApplication *application)
{
  BvSearchProvider *self;

  g_return_val_if_fail (BV_IS_APPLICATION (application), NULL);

  self = g_object_new (BV_TYPE_SEARCH_PROVIDER, NULL);
  self->application = application;
  return self;
}

gboolean
bv_search_provider_export (BvSearchProvider  *self,
                           GDBusConnection   *connection,
                           GError           **error)
{
  GDBusInterfaceSkeleton *skeleton;

  g_return_val_if_fail (BV_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);

  skeleton = G_DBUS_INTERFACE_SKELETON (self->skeleton);
  if (g_dbus_interface_skeleton_get_connection (skeleton))
    return TRUE;

  return g_dbus_interface_skeleton_export (skeleton, connection, BV_SEARCH_PROVIDER_PATH, error);
}

void
bv_search_provider_unexport (BvSearchProvider *self)
{
  g_return_if_fail (BV_IS_SEARCH_PROVIDER (self));

  if (g_dbus_interface_skeleton_get_connection (G_DBUS_INTERFACE_SKELETON (self->skeleton)))
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->skeleton));
}
