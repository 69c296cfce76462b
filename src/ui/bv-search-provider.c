/* bv-search-provider.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include "bv-search-provider.h"

#include "bv-application-private.h"
#include "bv-meeting-search.h"
#include "bv-schedule.h"

struct _BvSearchProvider
{
  GObject          parent_instance;

  BvApplication   *application;  /* unowned: the application owns us */
  GDBusConnection *connection;
  guint            registration_id;
};

G_DEFINE_FINAL_TYPE (BvSearchProvider, bv_search_provider, G_TYPE_OBJECT)

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.gnome.Shell.SearchProvider2'>"
  "    <method name='GetInitialResultSet'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetSubsearchResultSet'>"
  "      <arg type='as' name='previous_results' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetResultMetas'>"
  "      <arg type='as' name='identifiers' direction='in'/>"
  "      <arg type='aa{sv}' name='metas' direction='out'/>"
  "    </method>"
  "    <method name='ActivateResult'>"
  "      <arg type='s' name='identifier' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "    <method name='LaunchSearch'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static BvDatabase *
get_database (BvSearchProvider *self)
{
  BvServerManager *manager = bv_application_get_server_manager (self->application);

  return manager ? bv_server_manager_get_database (manager) : NULL;
}

/* Meeting ids of the matches, the soonest first; only those in @previous
 * when it is set (a narrower search). */
static GVariant *
search (BvSearchProvider   *self,
        const char * const *terms,
        const char * const *previous)
{
  BvDatabase *database = get_database (self);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("as"));
  if (database)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GPtrArray) found = bv_meeting_search (database, terms, now);

      for (guint i = 0; i < found->len; i++)
        {
          BvPlannedOccurrence *p = g_ptr_array_index (found, i);
          const char *id = bv_meeting_get_id (p->meeting);

          if (!previous || g_strv_contains (previous, id))
            g_variant_builder_add (&builder, "s", id);
        }
    }

  return g_variant_new ("(as)", &builder);
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
    return g_variant_new ("(aa{sv})", &builder);

  /* The same dates as the search: cancelled and moved ones included. */
  first = bv_schedule_list_first (database, now, NULL);
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

  return g_variant_new ("(aa{sv})", &builder);
}

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  BvSearchProvider *self = user_data;
  GApplication *app = G_APPLICATION (self->application);

  /* A service started for the search lives as long as it is asked. */
  g_application_hold (app);

  if (g_str_equal (method_name, "GetInitialResultSet"))
    {
      g_autofree const char **terms = NULL;

      g_variant_get (parameters, "(^a&s)", &terms);
      g_dbus_method_invocation_return_value (invocation, search (self, terms, NULL));
    }
  else if (g_str_equal (method_name, "GetSubsearchResultSet"))
    {
      g_autofree const char **previous = NULL;
      g_autofree const char **terms = NULL;

      g_variant_get (parameters, "(^a&s^a&s)", &previous, &terms);
      g_dbus_method_invocation_return_value (invocation, search (self, terms, previous));
    }
  else if (g_str_equal (method_name, "GetResultMetas"))
    {
      g_autofree const char **ids = NULL;

      g_variant_get (parameters, "(^a&s)", &ids);
      g_dbus_method_invocation_return_value (invocation, result_metas (self, ids));
    }
  else if (g_str_equal (method_name, "ActivateResult"))
    {
      const char *id = NULL;

      g_variant_get (parameters, "(&s@asu)", &id, NULL, NULL);
      _bv_application_join (self->application, NULL, id);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "LaunchSearch"))
    {
      g_application_activate (app);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                           "Unknown method %s", method_name);

  g_application_release (app);
}

static const GDBusInterfaceVTable vtable = {
  method_call_cb, NULL, NULL, { 0 }
};

static void
bv_search_provider_dispose (GObject *object)
{
  bv_search_provider_unexport (BV_SEARCH_PROVIDER (object));

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
  g_autoptr(GDBusNodeInfo) info = NULL;

  g_return_val_if_fail (BV_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);

  if (self->registration_id)
    return TRUE;

  info = g_dbus_node_info_new_for_xml (introspection_xml, error);
  if (!info)
    return FALSE;

  self->registration_id = g_dbus_connection_register_object (connection, BV_SEARCH_PROVIDER_PATH,
                                                             info->interfaces[0], &vtable,
                                                             self, NULL, error);
  if (!self->registration_id)
    return FALSE;
  self->connection = g_object_ref (connection);
  return TRUE;
}

void
bv_search_provider_unexport (BvSearchProvider *self)
{
  g_return_if_fail (BV_IS_SEARCH_PROVIDER (self));

  if (self->registration_id)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);
  self->registration_id = 0;
  g_clear_object (&self->connection);
}
