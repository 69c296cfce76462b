/* bv-quorum.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bv-quorum.h"

#include <glib/gi18n-lib.h>
#include <string.h>

guint
bv_quorum_required (const BvQuorumRule *rule,
                    guint               entitled)
{
  guint64 scaled;

  g_return_val_if_fail (rule, 0);

  switch (rule->kind)
    {
    case BV_QUORUM_NUMBER:
      return rule->number;

    case BV_QUORUM_FRACTION:
      if (rule->denominator == 0)
        return 0;
      /* At least the fraction: rounded up, in 64 bits so that nothing
       * overflows. */
      scaled = (guint64) entitled * rule->numerator;
      return (guint) MIN ((scaled + rule->denominator - 1) / rule->denominator, G_MAXUINT);

    case BV_QUORUM_ANY:
    default:
      return 0;
    }
}

void
bv_quorum_evaluate (BvDatabase         *database,
                    const BvQuorumRule *rule,
                    GPtrArray          *people,
                    BvQuorumState      *state)
{
  GListModel *members;
  g_autoptr(GHashTable) electorate = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_if_fail (BV_IS_DATABASE (database));
  g_return_if_fail (rule && people && state);

  members = bv_database_get_members (database);
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(BvMember) member = g_list_model_get_item (members, i);

      if (rule->group_id &&
          !g_strv_contains (bv_member_get_group_ids (member), rule->group_id))
        continue;
      g_hash_table_add (electorate, g_strdup (bv_member_get_id (member)));
    }

  state->entitled = g_hash_table_size (electorate);
  state->present = 0;
  for (guint i = 0; i < people->len; i++)
    {
      BvAttendancePerson *person = g_ptr_array_index (people, i);

      if (person->state == BV_ATTENDANCE_STATE_PRESENT && person->invited && person->member_id &&
          g_hash_table_contains (electorate, person->member_id))
        state->present++;
    }
  state->required = bv_quorum_required (rule, state->entitled);
  state->met = state->present >= state->required;
}

static gboolean
has_key (GSettings  *settings,
         const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (!settings)
    return FALSE;
  g_object_get (settings, "settings-schema", &schema, NULL);
  return schema && g_settings_schema_has_key (schema, key);
}

void
bv_quorum_rule_read (GSettings     *settings,
                     BvQuorumRule  *rule,
                     char         **group_id)
{
  g_autofree char *kind = NULL;

  g_return_if_fail (!settings || G_IS_SETTINGS (settings));
  g_return_if_fail (rule && group_id);

  memset (rule, 0, sizeof *rule);
  *group_id = NULL;
  rule->kind = BV_QUORUM_ANY;
  if (!has_key (settings, "quorum-kind") || !has_key (settings, "quorum-group"))
    return;

  kind = g_settings_get_string (settings, "quorum-kind");
  if (g_str_equal (kind, "number"))
    rule->kind = BV_QUORUM_NUMBER;
  else if (g_str_equal (kind, "fraction"))
    rule->kind = BV_QUORUM_FRACTION;
  rule->number = g_settings_get_uint (settings, "quorum-number");
  rule->numerator = g_settings_get_uint (settings, "quorum-numerator");
  rule->denominator = g_settings_get_uint (settings, "quorum-denominator");
  *group_id = g_settings_get_string (settings, "quorum-group");
  if (!**group_id)
    g_clear_pointer (group_id, g_free);
  rule->group_id = *group_id;
}

char *
bv_quorum_describe (const BvQuorumState *state)
{
  g_return_val_if_fail (state, NULL);

  if (state->required == 0)
    /* Translators: %1$u present, %2$u entitled to vote */
    return g_strdup_printf (_("Quorate (every properly called assembly): %1$u of %2$u entitled voters present"),
                            state->present, state->entitled);

  if (state->met)
    /* Translators: %1$u present, %2$u entitled to vote, %3$u required */
    return g_strdup_printf (_("Quorate: %1$u of %2$u entitled voters present (required: %3$u)"),
                            state->present, state->entitled, state->required);
  /* Translators: %1$u present, %2$u entitled to vote, %3$u required */
  return g_strdup_printf (_("Not quorate: %1$u of %2$u entitled voters present (required: %3$u)"),
                          state->present, state->entitled, state->required);
}
