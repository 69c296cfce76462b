/* bv-invitation-deadline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bv-invitation-deadline.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

void
bv_invitation_deadline_for_day (const GDate *meeting_day,
                                guint        period_days,
                                GDate       *deadline)
{
  g_return_if_fail (meeting_day && g_date_valid (meeting_day));
  g_return_if_fail (deadline);

  /* GDate counts days, not seconds: 14 days before 00:30 on the day after
   * the clocks went forward is still 14 calendar days. */
  *deadline = *meeting_day;
  g_date_subtract_days (deadline, period_days);
}

gboolean
bv_invitation_deadline_for_meeting (BvMeeting *meeting,
                                    guint      period_days,
                                    GDate     *deadline)
{
  const char *start;
  int year, month, day;
  GDate meeting_day;

  g_return_val_if_fail (BV_IS_MEETING (meeting), FALSE);
  g_return_val_if_fail (deadline, FALSE);

  start = bv_meeting_get_start_local (meeting);
  if (!start || sscanf (start, "%d-%d-%d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (&meeting_day, 1);
  g_date_set_dmy (&meeting_day, day, month, year);
  bv_invitation_deadline_for_day (&meeting_day, period_days, deadline);
  return TRUE;
}

static char *
format_day (const GDate *day,
            gboolean     with_year)
{
  g_autoptr(GDateTime) noon = g_date_time_new_utc (g_date_get_year (day), g_date_get_month (day),
                                                   g_date_get_day (day), 12, 0, 0);

  /* Translators: a weekday and date, "Tuesday, 3 March" (strftime format) */
  return g_date_time_format (noon, with_year ? _("%A, %-d %B %Y") : _("%A, %-d %B"));
}

char *
bv_invitation_deadline_describe (const GDate *deadline,
                                 const GDate *today)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (deadline && g_date_valid (deadline), NULL);

  day = format_day (deadline, !today || g_date_get_year (today) != g_date_get_year (deadline));
  /* Translators: %s is a weekday and date, "Tuesday, 3 March" */
  return g_strdup_printf (_("Send the invitations by %s"), day);
}

char *
bv_invitation_deadline_warning (const GDate *deadline,
                                const GDate *today)
{
  g_autofree char *day = NULL;
  int days_left;

  g_return_val_if_fail (deadline && g_date_valid (deadline), NULL);
  g_return_val_if_fail (today && g_date_valid (today), NULL);

  days_left = g_date_days_between (today, deadline);
  if (days_left > BV_INVITATION_DEADLINE_WARN_DAYS)
    return NULL;

  day = format_day (deadline, g_date_get_year (today) != g_date_get_year (deadline));
  if (days_left < 0)
    /* Translators: %s is a weekday and date, "Tuesday, 3 March" */
    return g_strdup_printf (_("Invitations not sent: the invitation period ended on %s. Check the statutes before holding the assembly."),
                            day);
  if (days_left == 0)
    return g_strdup (_("Invitations not sent: today is the last day to send them."));
  /* Translators: %s is a weekday and date, %d the number of days left */
  return g_strdup_printf (ngettext ("Invitations not sent: send them by %s, in %d day.",
                                    "Invitations not sent: send them by %s, in %d days.",
                                    days_left),
                          day, days_left);
}

gboolean
bv_invitation_deadline_invitations_sent (BvDatabase *database,
                                         BvMeeting  *meeting)
{
  g_autoptr(GPtrArray) participants = NULL;

  g_return_val_if_fail (BV_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (BV_IS_MEETING (meeting), FALSE);

  /* The hook for the sending record of the e-mail issue (#16). */
  participants = bv_database_list_participants (database, bv_meeting_get_id (meeting));
  return participants && participants->len > 0;
}
