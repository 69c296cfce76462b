/* bv-agenda-result.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-agenda-result.h"
#include "bv-database.h"

#include <glib/gi18n-lib.h>

G_DEFINE_BOXED_TYPE (BvAgendaResult, bv_agenda_result, bv_agenda_result_copy, bv_agenda_result_free)

static void
elected_free (BvElected *elected)
{
  g_free (elected->name);
  g_free (elected);
}

BvAgendaResult *
bv_agenda_result_new (const char         *item_id,
                      BvAgendaResultKind  kind)
{
  BvAgendaResult *result = g_new0 (BvAgendaResult, 1);

  g_return_val_if_fail (item_id, NULL);

  result->item_id = g_strdup (item_id);
  result->kind = kind;
  result->elected = g_ptr_array_new_with_free_func ((GDestroyNotify) elected_free);
  return result;
}

void
bv_agenda_result_add_elected (BvAgendaResult *result,
                              const char     *name,
                              guint           votes)
{
  BvElected *elected = g_new0 (BvElected, 1);

  elected->name = g_strdup (name ? name : "");
  elected->votes = votes;
  g_ptr_array_add (result->elected, elected);
}

BvAgendaResult *
bv_agenda_result_copy (const BvAgendaResult *result)
{
  BvAgendaResult *copy = g_memdup2 (result, sizeof *result);

  copy->item_id = g_strdup (result->item_id);
  copy->vote_kind = g_strdup (result->vote_kind);
  copy->office = g_strdup (result->office);
  copy->elected = g_ptr_array_new_with_free_func ((GDestroyNotify) elected_free);
  for (guint i = 0; i < result->elected->len; i++)
    {
      const BvElected *elected = g_ptr_array_index (result->elected, i);

      bv_agenda_result_add_elected (copy, elected->name, elected->votes);
    }
  return copy;
}

void
bv_agenda_result_free (BvAgendaResult *result)
{
  if (!result)
    return;
  g_free (result->item_id);
  g_free (result->vote_kind);
  g_free (result->office);
  g_ptr_array_unref (result->elected);
  g_free (result);
}

static gboolean
is_blank (const char *text)
{
  if (!text)
    return TRUE;
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

gboolean
bv_agenda_result_validate (const BvAgendaResult  *result,
                           GError               **error)
{
  g_return_val_if_fail (result, FALSE);

  if (result->kind != BV_AGENDA_RESULT_ELECTION)
    return TRUE;

  if (is_blank (result->office))
    {
      g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                           _("An election needs the office the persons were elected to."));
      return FALSE;
    }
  if (result->elected->len == 0)
    {
      g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                           _("An election needs at least one person elected."));
      return FALSE;
    }
  for (guint i = 0; i < result->elected->len; i++)
    {
      const BvElected *elected = g_ptr_array_index (result->elected, i);

      if (is_blank (elected->name))
        {
          g_set_error_literal (error, BV_DATABASE_ERROR, BV_DATABASE_ERROR_FAILED,
                               _("Every person elected needs a name."));
          return FALSE;
        }
    }
  return TRUE;
}

char *
bv_agenda_result_check_present (const BvAgendaResult *result)
{
  g_return_val_if_fail (result, NULL);

  if (result->present == 0)
    return NULL;

  if (result->kind == BV_AGENDA_RESULT_VOTE)
    {
      guint64 sum = (guint64) result->yes + result->no + result->abstentions + result->invalid;

      if (sum > result->present)
        /* Translators: both are numbers of people. */
        return g_strdup_printf (_("%u votes were counted, but only %u entitled "
                                  "voters were present. Please check the numbers."),
                                (guint) MIN (sum, G_MAXUINT), result->present);
      return NULL;
    }

  for (guint i = 0; i < result->elected->len; i++)
    {
      const BvElected *elected = g_ptr_array_index (result->elected, i);

      if (elected->votes > result->present)
        /* Translators: %s is a name, the numbers are numbers of people. */
        return g_strdup_printf (_("%s has %u votes, but only %u entitled voters were present. "
                                  "Please check the numbers."),
                                elected->name, elected->votes, result->present);
    }
  return NULL;
}

char *
bv_agenda_result_describe (const BvAgendaResult *result)
{
  GString *text;

  g_return_val_if_fail (result, NULL);

  text = g_string_new (NULL);
  if (result->kind == BV_AGENDA_RESULT_VOTE)
    {
      const char *kind = result->vote_kind && *result->vote_kind ? result->vote_kind : NULL;

      /* By § 32 Abs. 1 BGB a resolution needs the majority of the votes
       * cast; abstentions and invalid votes are not cast (BGH II ZR
       * 28/81). Statutes may say otherwise; the counts are written
       * either way. */
      if (kind)
        /* Translators: %s is how the vote was taken, e.g. "offen". */
        g_string_append_printf (text, _("Vote (%s): "), kind);
      else
        g_string_append (text, _("Vote: "));
      /* Translators: the numbers of yes, no, abstentions and invalid votes. */
      g_string_append_printf (text, _("%u yes, %u no, %u abstentions, %u invalid"),
                              result->yes, result->no, result->abstentions, result->invalid);
      g_string_append (text, " – ");
      g_string_append (text, result->yes > result->no ? _("carried.") : _("not carried."));
      return g_string_free (text, FALSE);
    }

  /* Translators: %s is an office, e.g. "Kassenwart". */
  g_string_append_printf (text, _("Election to %s: "), result->office ? result->office : "");
  for (guint i = 0; i < result->elected->len; i++)
    {
      const BvElected *elected = g_ptr_array_index (result->elected, i);

      if (i > 0)
        g_string_append (text, ", ");
      /* Translators: a person elected and their votes. */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s (%u vote)", "%s (%u votes)",
                                                 elected->votes),
                              elected->name, elected->votes);
    }
  g_string_append (text, " – ");
  g_string_append (text, result->accepted ? _("election accepted.") : _("acceptance not yet declared."));
  return g_string_free (text, FALSE);
}
