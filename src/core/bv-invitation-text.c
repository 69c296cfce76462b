/* bv-invitation-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-invitation-text.h"

#include <glib/gi18n-lib.h>

char *
bv_invitation_text_build (BvMeeting    *meeting,
                          BvOccurrence *occurrence)
{
  g_autofree char *heading = NULL;
  g_autofree char *day = NULL;
  g_autoptr(GDateTime) local_start = NULL;
  g_autoptr(GDateTime) local_end = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (occurrence, NULL);

  /* Occurrences come in the meeting's zone; the text says the time here. */
  local_start = g_date_time_to_local (occurrence->start);
  local_end = g_date_time_to_local (occurrence->end);

  /* Translators: %s is the meeting's title. */
  heading = g_strdup_printf (_("Invitation to “%s”"), bv_meeting_get_title (meeting));
  /* Translators: a long date, a g_date_time_format() format; German:
   * "%A, %-d. %B %Y". */
  day = g_date_time_format (local_start, _("%A, %-d %B %Y"));
  start = g_date_time_format (local_start, "%H:%M");
  end = g_date_time_format (local_end, "%H:%M");
  /* Translators: %1$s is a date, %2$s and %3$s are times of day;
   * German: "%1$s, %2$s bis %3$s Uhr". */
  when = g_strdup_printf (_("%1$s, %2$s to %3$s"), day, start, end);

  return g_strdup_printf ("%s\n%s\n\n%s\n", heading, when,
                          _("You will receive your personal link to the meeting in a separate message."));
}

char *
bv_invitation_text_greeting (BvMemberSalutation  salutation,
                             const char         *first_name,
                             const char         *last_name)
{
  g_autofree char *full = bv_member_join_name (first_name, last_name);
  gboolean have_first = first_name && *first_name;
  gboolean have_last = last_name && *last_name;

  switch (salutation)
    {
    case BV_MEMBER_SALUTATION_FEMALE:
      if (have_last)
        /* Translators: a formal greeting of a woman by her last name;
         * German: "Liebe Frau %s". */
        return g_strdup_printf (_("Dear Ms %s"), last_name);
      break;

    case BV_MEMBER_SALUTATION_MALE:
      if (have_last)
        /* Translators: a formal greeting of a man by his last name;
         * German: "Lieber Herr %s". */
        return g_strdup_printf (_("Dear Mr %s"), last_name);
      break;

    case BV_MEMBER_SALUTATION_INFORMAL:
      if (have_first)
        /* Translators: an informal greeting by first name; German: "Hallo %s". */
        return g_strdup_printf (C_("informal greeting", "Hi %s"), first_name);
      break;

    case BV_MEMBER_SALUTATION_NEUTRAL:
    default:
      break;
    }

  if (!*full)
    /* Translators: a greeting when no name is known; German: "Guten Tag". */
    return g_strdup (C_("neutral greeting", "Hello"));
  /* Translators: a polite greeting that fits anybody, with the full name;
   * German: "Guten Tag %s". */
  return g_strdup_printf (C_("neutral greeting", "Hello %s"), full);
}
