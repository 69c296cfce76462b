/* bv-practice-links.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-practice-links.h"

gboolean
bv_practice_links_server_is_practice (GSettings  *settings,
                                      const char *server_id)
{
  g_autofree char *practice_id = NULL;

  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), FALSE);

  if (!settings || !server_id || !*server_id)
    return FALSE;
  practice_id = g_settings_get_string (settings, "practice-server");
  return g_str_equal (practice_id, server_id);
}

gboolean
bv_practice_links_meeting_is_practice (GSettings *settings,
                                       BvMeeting *meeting)
{
  g_return_val_if_fail (BV_IS_MEETING (meeting), FALSE);

  return bv_practice_links_server_is_practice (settings, bv_meeting_get_server_id (meeting));
}

BvServer *
bv_practice_links_find_real_server (BvContext *context,
                                    GSettings *settings)
{
  GListModel *servers;

  g_return_val_if_fail (BV_IS_CONTEXT (context), NULL);

  servers = bv_context_get_servers (context);
  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(BvServer) server = g_list_model_get_item (servers, i);

      if (!bv_practice_links_server_is_practice (settings, bv_server_get_id (server)))
        return g_steal_pointer (&server);
    }
  return NULL;
}
