/* bv-date-input.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-date-input.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (bv-date-input-error-quark, bv_date_input_error)

static gboolean
all_digits (const char *text)
{
  if (!*text)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
read_date (const char *copy,
           GDate      *date)
{
  g_auto(GStrv) parts = NULL;
  guint day, month, year;

  if (strchr (copy, '-'))
    {
      parts = g_strsplit (copy, "-", -1);
      if (g_strv_length (parts) != 3 || strlen (parts[0]) != 4 ||
          strlen (parts[1]) > 2 || strlen (parts[2]) > 2 ||
          !all_digits (parts[0]) || !all_digits (parts[1]) || !all_digits (parts[2]))
        return FALSE;
      year = atoi (parts[0]);
      month = atoi (parts[1]);
      day = atoi (parts[2]);
    }
  else
    {
      parts = g_strsplit (copy, ".", -1);
      if (g_strv_length (parts) != 3 ||
          strlen (parts[0]) > 2 || strlen (parts[1]) > 2 ||
          (strlen (parts[2]) != 2 && strlen (parts[2]) != 4) ||
          !all_digits (parts[0]) || !all_digits (parts[1]) || !all_digits (parts[2]))
        return FALSE;
      day = atoi (parts[0]);
      month = atoi (parts[1]);
      year = atoi (parts[2]);
      if (strlen (parts[2]) == 2)
        year += 2000;
    }

  if (year < 1900 || year > 9999 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static gboolean
read_time (char  *copy,
           guint *hour,
           guint *minute)
{
  char *separator = strpbrk (copy, ":.");

  if (separator)
    {
      const char *minutes = separator + 1;

      *separator = '\0';
      if (strlen (copy) < 1 || strlen (copy) > 2 || strlen (minutes) != 2 ||
          !all_digits (copy) || !all_digits (minutes))
        return FALSE;
      *hour = atoi (copy);
      *minute = atoi (minutes);
    }
  else
    {
      gsize length = strlen (copy);

      if (length < 1 || length > 4 || !all_digits (copy))
        return FALSE;
      if (length <= 2)
        {
          *hour = atoi (copy);
          *minute = 0;
        }
      else
        {
          *minute = atoi (copy + length - 2);
          copy[length - 2] = '\0';
          *hour = atoi (copy);
        }
    }

  return *hour < 24 && *minute < 60;
}

gboolean
bv_date_input_parse_date (const char  *text,
                          GDate       *date,
                          GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));

  g_return_val_if_fail (date != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (read_date (copy, date))
    return TRUE;

  if (!*copy)
    g_set_error_literal (error, BV_DATE_INPUT_ERROR, BV_DATE_INPUT_ERROR_EMPTY,
                         _("Enter the date of the meeting, like 05.01.2027."));
  else
    /* Translators: %s is what the user typed */
    g_set_error (error, BV_DATE_INPUT_ERROR, BV_DATE_INPUT_ERROR_INVALID,
                 _("“%s” is not a date the app can read. Enter it like 05.01.2027."), copy);
  return FALSE;
}

gboolean
bv_date_input_parse_time (const char  *text,
                          guint       *hour,
                          guint       *minute,
                          GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *shown = g_strdup (copy);
  guint h = 0, m = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (read_time (copy, &h, &m))
    {
      if (hour)
        *hour = h;
      if (minute)
        *minute = m;
      return TRUE;
    }

  if (!*shown)
    g_set_error_literal (error, BV_DATE_INPUT_ERROR, BV_DATE_INPUT_ERROR_EMPTY,
                         _("Enter the start time, like 19:30."));
  else
    /* Translators: %s is what the user typed */
    g_set_error (error, BV_DATE_INPUT_ERROR, BV_DATE_INPUT_ERROR_INVALID,
                 _("“%s” is not a time the app can read. Enter it like 19:30."), shown);
  return FALSE;
}

char *
bv_date_input_format_date (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%02u.%02u.%04u", g_date_get_day (date),
                          (guint) g_date_get_month (date), g_date_get_year (date));
}

char *
bv_date_input_format_time (guint hour,
                           guint minute)
{
  return g_strdup_printf ("%02u:%02u", hour, minute);
}

char *
bv_date_input_tidy_date (const char *text)
{
  GDate date;

  if (!bv_date_input_parse_date (text, &date, NULL))
    return NULL;
  return bv_date_input_format_date (&date);
}

char *
bv_date_input_tidy_time (const char *text)
{
  guint hour, minute;

  if (!bv_date_input_parse_time (text, &hour, &minute, NULL))
    return NULL;
  return bv_date_input_format_time (hour, minute);
}

gboolean
bv_date_input_split_local (const char *start_local,
                           GDate      *date,
                           guint      *hour,
                           guint      *minute)
{
  guint year, month, day, h, m, second;

  g_return_val_if_fail (date != NULL, FALSE);

  if (!start_local ||
      sscanf (start_local, "%4u-%2u-%2uT%2u:%2u:%2u", &year, &month, &day, &h, &m, &second) != 6 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  if (hour)
    *hour = h;
  if (minute)
    *minute = m;
  return TRUE;
}

char *
bv_date_input_join_local (const GDate *date,
                          guint        hour,
                          guint        minute)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02uT%02u:%02u:00", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date), hour, minute);
}
