/* bv-invitation-proof.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-invitation-proof.h"

#include "bv-invitation-deadline.h"
#include "bv-mail-record.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

void
bv_invitation_proof_entry_free (BvInvitationProofEntry *entry)
{
  if (!entry)
    return;
  g_free (entry->participant_id);
  g_free (entry->name);
  g_free (entry->email);
  g_clear_pointer (&entry->sent_at, g_date_time_unref);
  g_free (entry->message_id);
  g_free (entry);
}

static GTimeZone *
meeting_zone (BvMeeting *meeting)
{
  GTimeZone *tz = NULL;

  if (bv_meeting_get_tzid (meeting))
    tz = g_time_zone_new_identifier (bv_meeting_get_tzid (meeting));
  return tz ? tz : g_time_zone_new_local ();
}

GPtrArray *
bv_invitation_proof_list (BvDatabase  *database,
                          BvMeeting   *meeting,
                          const GDate *deadline)
{
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  GPtrArray *entries;

  g_return_val_if_fail (BV_IS_DATABASE (database), NULL);
  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  tz = meeting_zone (meeting);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) bv_invitation_proof_entry_free);
  participants = bv_database_list_participants (database, bv_meeting_get_id (meeting));
  /* By last name, as the member list and the attendance list: the proof,
   * its CSV and the sentence naming late invitations read in that order. */
  if (participants)
    g_ptr_array_sort (participants, bv_database_compare_participant_names);
  for (guint i = 0; participants && i < participants->len; i++)
    {
      BvParticipant *participant = g_ptr_array_index (participants, i);
      g_autoptr(BvMailRecord) record = NULL;
      BvInvitationProofEntry *entry;
      BvInvitationMarkHow mark;
      GDate mark_day;
      GDateTime *sent_at;

      /* Guests are not members: the statutes' invitation is not theirs. */
      if (bv_participant_is_guest (participant))
        continue;

      entry = g_new0 (BvInvitationProofEntry, 1);
      entry->participant_id = g_strdup (bv_participant_get_id (participant));
      entry->name = g_strdup (bv_participant_get_name (participant));
      entry->email = g_strdup (bv_participant_get_email (participant));
      g_date_clear (&entry->day, 1);

      record = bv_database_get_mail_record (database, entry->participant_id);
      sent_at = record ? bv_mail_record_get_sent_at (record) : NULL;
      if (sent_at)
        {
          entry->how = BV_INVITATION_PROOF_EMAIL;
          entry->sent_at = g_date_time_to_timezone (sent_at, tz);
          entry->message_id = g_strdup (bv_mail_record_get_message_id (record));
          g_date_set_dmy (&entry->day, g_date_time_get_day_of_month (entry->sent_at),
                          g_date_time_get_month (entry->sent_at),
                          g_date_time_get_year (entry->sent_at));
        }

      mark = bv_database_get_invitation_mark (database, entry->participant_id, &mark_day);
      /* Both recorded: the earlier one is the proof. */
      if (mark != BV_INVITATION_MARK_NONE &&
          (entry->how == BV_INVITATION_PROOF_NONE || g_date_compare (&mark_day, &entry->day) < 0))
        {
          entry->how = mark == BV_INVITATION_MARK_LETTER ? BV_INVITATION_PROOF_LETTER
                                                         : BV_INVITATION_PROOF_PERSON;
          g_clear_pointer (&entry->sent_at, g_date_time_unref);
          g_clear_pointer (&entry->message_id, g_free);
          entry->day = mark_day;
        }

      entry->in_time = entry->how != BV_INVITATION_PROOF_NONE &&
                       (!deadline || !g_date_valid (deadline) ||
                        g_date_compare (&entry->day, deadline) <= 0);
      g_ptr_array_add (entries, entry);
    }
  return entries;
}

gboolean
bv_invitation_proof_all_invited (BvDatabase *database,
                                 BvMeeting  *meeting)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (BV_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (BV_IS_MEETING (meeting), FALSE);

  entries = bv_invitation_proof_list (database, meeting, NULL);
  if (entries->len == 0)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    if (((BvInvitationProofEntry *) g_ptr_array_index (entries, i))->how == BV_INVITATION_PROOF_NONE)
      return FALSE;
  return TRUE;
}

static void
append_field (GString    *out,
              const char *value)
{
  if (!value)
    return;
  if (strpbrk (value, ";\"\r\n"))
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    {
      g_string_append (out, value);
    }
}

/* The CSV is a German document (its header is fixed), whatever the
 * user's language. */
static const char *
how_csv (BvInvitationProofHow how)
{
  switch (how)
    {
    case BV_INVITATION_PROOF_EMAIL:
      return "E-Mail gesendet";
    case BV_INVITATION_PROOF_LETTER:
      return "per Brief";
    case BV_INVITATION_PROOF_PERSON:
      return "persönlich";
    case BV_INVITATION_PROOF_NONE:
    default:
      return "nicht eingeladen";
    }
}

static const char *
how_label (BvInvitationProofHow how)
{
  switch (how)
    {
    case BV_INVITATION_PROOF_EMAIL:
      return _("E-mail sent");
    case BV_INVITATION_PROOF_LETTER:
      return _("by letter");
    case BV_INVITATION_PROOF_PERSON:
      return _("in person");
    case BV_INVITATION_PROOF_NONE:
    default:
      return _("not invited");
    }
}

static char *
entry_when_iso (BvInvitationProofEntry *entry)
{
  if (entry->sent_at)
    return g_date_time_format (entry->sent_at, "%Y-%m-%dT%H:%M:%S%:z");
  if (g_date_valid (&entry->day))
    return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&entry->day),
                            g_date_get_month (&entry->day), g_date_get_day (&entry->day));
  return NULL;
}

char *
bv_invitation_proof_csv (GPtrArray *entries)
{
  GString *out;

  g_return_val_if_fail (entries, NULL);

  /* The BOM makes Excel read UTF-8 instead of Windows-1252. */
  out = g_string_new ("\xef\xbb\xbf" "Name;E-Mail;Eingeladen am;Wie;Fristgerecht;Message-ID\r\n");
  for (guint i = 0; i < entries->len; i++)
    {
      BvInvitationProofEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *when = entry_when_iso (entry);

      append_field (out, entry->name);
      g_string_append_c (out, ';');
      append_field (out, entry->email);
      g_string_append_c (out, ';');
      append_field (out, when);
      g_string_append_c (out, ';');
      g_string_append (out, how_csv (entry->how));
      g_string_append_c (out, ';');
      g_string_append (out, entry->in_time ? "ja" : "nein");
      g_string_append_c (out, ';');
      append_field (out, entry->message_id);
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

static char *
format_day (const GDate *day)
{
  g_autoptr(GDateTime) noon = g_date_time_new_utc (g_date_get_year (day), g_date_get_month (day),
                                                   g_date_get_day (day), 12, 0, 0);

  /* Translators: a date in a sentence, "3 March" (strftime format) */
  return g_date_time_format (noon, _("%-d %B"));
}

/* "98 by e-mail by 3 March" for the entries in time of one kind. */
static char *
describe_part (GPtrArray            *entries,
               BvInvitationProofHow  how)
{
  g_autofree char *day = NULL;
  const GDate *latest = NULL;
  guint count = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      BvInvitationProofEntry *entry = g_ptr_array_index (entries, i);

      if (entry->how != how || !entry->in_time)
        continue;
      count++;
      if (!latest || g_date_compare (&entry->day, latest) > 0)
        latest = &entry->day;
    }
  if (count == 0)
    return NULL;
  day = format_day (latest);
  switch (how)
    {
    case BV_INVITATION_PROOF_EMAIL:
      /* Translators: "98 by e-mail by 3 March" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u by e-mail by %s", "%u by e-mail by %s", count), count, day);
    case BV_INVITATION_PROOF_LETTER:
      /* Translators: "14 by letter by 2 March" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u by letter by %s", "%u by letter by %s", count), count, day);
    case BV_INVITATION_PROOF_PERSON:
    case BV_INVITATION_PROOF_NONE:
    default:
      /* Translators: "3 in person by 2 March" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u in person by %s", "%u in person by %s", count), count, day);
    }
}

static char *
describe_late (BvInvitationProofEntry *entry)
{
  g_autofree char *day = NULL;

  if (entry->how == BV_INVITATION_PROOF_NONE)
    /* Translators: a member not invited in time: "Anna Beispiel (no invitation recorded)" */
    return g_strdup_printf (_("%s (no invitation recorded)"), entry->name);
  day = format_day (&entry->day);
  switch (entry->how)
    {
    case BV_INVITATION_PROOF_EMAIL:
      /* Translators: "Anna Beispiel (by e-mail on 5 March)" */
      return g_strdup_printf (_("%s (by e-mail on %s)"), entry->name, day);
    case BV_INVITATION_PROOF_LETTER:
      /* Translators: "Anna Beispiel (by letter on 5 March)" */
      return g_strdup_printf (_("%s (by letter on %s)"), entry->name, day);
    case BV_INVITATION_PROOF_PERSON:
    case BV_INVITATION_PROOF_NONE:
    default:
      /* Translators: "Anna Beispiel (in person on 5 March)" */
      return g_strdup_printf (_("%s (in person on %s)"), entry->name, day);
    }
}

/* "a, b and c" */
static char *
join_list (GPtrArray *parts)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        /* Translators: the separators of a list "a, b and c" */
        g_string_append (out, i + 1 == parts->len ? _(" and ") : ", ");
      g_string_append (out, g_ptr_array_index (parts, i));
    }
  return g_string_free (out, FALSE);
}

static char *
statement_for (GPtrArray *entries)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) late = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *how = NULL;
  g_autofree char *who = NULL;
  guint in_time = 0;

  if (entries->len == 0)
    return g_strdup (_("No members were invited."));

  for (BvInvitationProofHow h = BV_INVITATION_PROOF_EMAIL; h <= BV_INVITATION_PROOF_PERSON; h++)
    {
      char *part = describe_part (entries, h);

      if (part)
        g_ptr_array_add (parts, part);
    }
  for (guint i = 0; i < entries->len; i++)
    {
      BvInvitationProofEntry *entry = g_ptr_array_index (entries, i);

      if (entry->in_time)
        in_time++;
      else
        g_ptr_array_add (late, describe_late (entry));
    }
  how = join_list (parts);
  who = join_list (late);

  if (late->len == 0)
    /* Translators: "All 112 members were invited in time: 98 by e-mail by 3 March and 14 by letter by 2 March." */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member was invited in time: %s.",
                                      "All %u members were invited in time: %s.",
                                      entries->len),
                            entries->len, how);
  if (in_time == 0)
    /* Translators: %s lists the members with how and when, or "no invitation recorded" */
    return g_strdup_printf (_("No member was invited in time. Not invited in time: %s."), who);
  /* Translators: "110 of 112 members were invited in time: 98 by e-mail by 3 March and 12 by letter by 2 March. Not invited in time: …" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u member was invited in time: %s. Not invited in time: %s.",
                                    "%u of %u members were invited in time: %s. Not invited in time: %s.",
                                    entries->len),
                          in_time, entries->len, how, who);
}

char *
bv_invitation_proof_statement (BvDatabase *database,
                               BvMeeting  *meeting,
                               guint       period_days)
{
  g_autoptr(GPtrArray) entries = NULL;
  GDate deadline;
  gboolean has_deadline;

  g_return_val_if_fail (BV_IS_DATABASE (database), NULL);
  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  g_date_clear (&deadline, 1);
  has_deadline = bv_invitation_deadline_for_meeting (meeting, period_days, &deadline);
  entries = bv_invitation_proof_list (database, meeting, has_deadline ? &deadline : NULL);
  return statement_for (entries);
}

/* The printable page: A4 in points. */
#define PAGE_WIDTH  595.0
#define PAGE_HEIGHT 842.0
#define MARGIN      56.0

typedef struct {
  cairo_t *cr;
  double   y;
} Printer;

static double
show_text (Printer    *printer,
           const char *text,
           const char *font,
           double      x,
           double      width)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (printer->cr);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);
  int height;

  /* Points on paper, not pixels on a 96 dpi screen. */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_context_changed (layout);
  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text ? text : "", -1);
  cairo_move_to (printer->cr, x, printer->y);
  pango_cairo_show_layout (printer->cr, layout);
  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static void
paragraph (Printer    *printer,
           const char *text,
           const char *font,
           double      space_after)
{
  printer->y += show_text (printer, text, font, MARGIN, PAGE_WIDTH - 2 * MARGIN) + space_after;
}

static const double column_x[] = { 0, 135, 285, 390 };
static const double column_width[] = { 130, 145, 100, 93 };

static void
table_row (Printer     *printer,
           const char **cells,
           const char  *font)
{
  double height = 0;

  if (printer->y > PAGE_HEIGHT - MARGIN - 30)
    {
      cairo_show_page (printer->cr);
      printer->y = MARGIN;
    }
  for (guint i = 0; i < G_N_ELEMENTS (column_x); i++)
    height = MAX (height, show_text (printer, cells[i], font, MARGIN + column_x[i], column_width[i]));
  printer->y += height + 4;
}

gboolean
bv_invitation_proof_write_pdf (BvDatabase  *database,
                               BvMeeting   *meeting,
                               guint        period_days,
                               const char  *path,
                               GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *statement = NULL;
  g_autofree char *heading = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  Printer printer = { NULL, MARGIN };
  GDate deadline;
  gboolean has_deadline;
  const char *header[4];

  g_return_val_if_fail (BV_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (BV_IS_MEETING (meeting), FALSE);
  g_return_val_if_fail (path, FALSE);

  g_date_clear (&deadline, 1);
  has_deadline = bv_invitation_deadline_for_meeting (meeting, period_days, &deadline);
  entries = bv_invitation_proof_list (database, meeting, has_deadline ? &deadline : NULL);
  statement = statement_for (entries);

  surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  printer.cr = cairo_create (surface);
  cairo_set_source_rgb (printer.cr, 0, 0, 0);

  paragraph (&printer, _("Proof of invitation"), "Sans Bold 16", 8);
  paragraph (&printer, bv_meeting_get_title (meeting), "Sans Bold 11", 4);
  if (has_deadline)
    {
      g_autofree char *day = format_day (&deadline);
      g_autofree char *line = NULL;

      /* Translators: %u is the invitation period in days, %s a date, "3 March" */
      line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Invitation period: %u day, invitations due by %s.",
                                        "Invitation period: %u days, invitations due by %s.",
                                        period_days),
                              period_days, day);
      paragraph (&printer, line, "Sans 10", 4);
    }
  paragraph (&printer, statement, "Sans 10", 14);

  header[0] = C_("proof column", "Name");
  header[1] = C_("proof column", "E-mail");
  header[2] = C_("proof column", "Invited on");
  header[3] = C_("proof column", "How");
  table_row (&printer, header, "Sans Bold 9");
  for (guint i = 0; i < entries->len; i++)
    {
      BvInvitationProofEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *when = NULL;
      g_autofree char *how = NULL;
      const char *cells[4];

      if (entry->sent_at)
        when = g_date_time_format (entry->sent_at, "%d.%m.%Y %H:%M");
      else if (g_date_valid (&entry->day))
        when = g_strdup_printf ("%02d.%02d.%04d", g_date_get_day (&entry->day),
                                g_date_get_month (&entry->day), g_date_get_year (&entry->day));
      how = entry->how != BV_INVITATION_PROOF_NONE && !entry->in_time
            /* Translators: how a member was invited, after the deadline: "by letter (late)" */
            ? g_strdup_printf (_("%s (late)"), how_label (entry->how))
            : g_strdup (how_label (entry->how));
      cells[0] = entry->name;
      cells[1] = entry->email;
      cells[2] = when;
      cells[3] = how;
      table_row (&printer, cells, "Sans 9");
    }

  cairo_show_page (printer.cr);
  cairo_destroy (printer.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The file “%s” could not be written (%s)."), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
