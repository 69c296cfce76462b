/* bv-invitation.c
 *
 * Personal invitations: links signed here, the invitation text, mailto:
 * URIs, the mail-merge CSV and the renewal of all links; the calendar
 * files are in bv-invitation-ics.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-invitation.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "bv-bbb-error.h"
#include "bv-invitation-text.h"
#include "bv-join.h"
#include "bv-occurrences.h"
#include "bv-repetition-text.h"
#include "bv-server-client.h"

#define USER_ID_PREFIX "bv-"

/* Links */

static void
add_role (BvBbbQuery *query,
          BvServer   *server,
          BvMeeting  *meeting,
          gboolean    moderator)
{
  const char *password;

  if (bv_join_server_supports_role (server))
    {
      bv_bbb_query_add (query, "role", moderator ? "MODERATOR" : "VIEWER");
      return;
    }

  /* Servers before 2.4 tell the role by the room's password; create sends
   * the meeting's stable ones, so they are known before the room opens. */
  password = moderator ? bv_meeting_get_moderator_password (meeting)
                       : bv_meeting_get_attendee_password (meeting);
  bv_bbb_query_add (query, "password", password ? password : "");
}

char *
bv_invitation_build_link (BvBbbClient   *client,
                          BvServer      *server,
                          BvMeeting     *meeting,
                          BvParticipant *participant)
{
  g_autoptr(BvBbbQuery) query = NULL;
  g_autofree char *user_id = NULL;
  const char *name;

  g_return_val_if_fail (BV_IS_BBB_CLIENT (client), NULL);
  g_return_val_if_fail (BV_IS_SERVER (server), NULL);
  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (BV_IS_PARTICIPANT (participant), NULL);

  name = bv_participant_get_name (participant);
  if (!name || !*name)
    name = bv_participant_get_email (participant);
  if (!name || !*name)
    /* Translators: the name in a personal link when the person has
     * neither a name nor an e-mail address. */
    name = C_("name in a join link", "Participant");

  query = bv_bbb_query_new ();
  bv_bbb_query_add (query, "fullName", name);
  bv_bbb_query_add (query, "meetingID", bv_meeting_get_bbb_meeting_id (meeting));
  add_role (query, server, meeting,
            bv_participant_get_role (participant) == BV_PARTICIPANT_ROLE_MODERATOR);
  /* The link key, not the participant's row id: it is random, and stays
   * when the meeting's links are renewed. */
  user_id = g_strconcat (USER_ID_PREFIX, bv_participant_get_link_key (participant), NULL);
  bv_bbb_query_add (query, "userID", user_id);
  /* No createTime: one link serves every date of a series. No guest flag:
   * invited people skip the waiting room. */

  return bv_bbb_client_build_url (client, "join", query);
}

char *
bv_invitation_build_guest_link (BvBbbClient *client,
                                BvServer    *server,
                                BvMeeting   *meeting)
{
  g_autoptr(BvBbbQuery) query = NULL;

  g_return_val_if_fail (BV_IS_BBB_CLIENT (client), NULL);
  g_return_val_if_fail (BV_IS_SERVER (server), NULL);
  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  query = bv_bbb_query_new ();
  /* Translators: the name in the generic guest link; the moderators see
   * it when they let the guest in. */
  bv_bbb_query_add (query, "fullName", _("Guest"));
  bv_bbb_query_add (query, "meetingID", bv_meeting_get_bbb_meeting_id (meeting));
  add_role (query, server, meeting, FALSE);
  bv_bbb_query_add (query, "guest", "true");

  return bv_bbb_client_build_url (client, "join", query);
}

/* The text */

const char *
bv_invitation_default_template (void)
{
  /* Translators: the default invitation text. Keep the placeholders in
   * braces as they are: {greeting} the salutation chosen for the person
   * ("Liebe Frau Schäfer", "Hallo Brigitte"), {name} the person, {title}
   * the meeting, {when}
   * date and time or the series in words, {link} the personal link,
   * {dial_in} the telephone dial-in, {recording} the recording notice,
   * {privacy} the privacy notice, {sender} the name of whoever sends the
   * invitations, {club} the club's name. Lines whose placeholders are
   * empty are left out. */
  return _("{greeting},\n"
           "\n"
           "you are invited to the online meeting “{title}”.\n"
           "\n"
           "When: {when}\n"
           "\n"
           "Your personal access (please do not pass it on):\n"
           "{link}\n"
           "\n"
           "{dial_in}\n"
           "\n"
           "The link is meant for you alone and lets you in with your name, without "
           "installing anything. Open it shortly before the start in your web browser.\n"
           "\n"
           "{recording}\n"
           "\n"
           "{privacy}\n"
           "\n"
           "Kind regards\n"
           "{sender}\n"
           "{club}\n");
}

const char *
bv_invitation_assembly_template (void)
{
  /* Translators: the default invitation to a general assembly. Keep the
   * placeholders in braces as they are: besides those of the general text,
   * {venue} says hybrid with the venue or online only, {agenda} is the
   * agenda with its heading, {participation} how members take part and
   * vote online (§ 32 Abs. 2 BGB), {attendance} what the app records of
   * who attended. */
  return _("{greeting},\n"
           "\n"
           "you are invited to the general assembly “{title}”.\n"
           "\n"
           "When: {when}\n"
           "{venue}\n"
           "\n"
           "{agenda}\n"
           "\n"
           "{participation}\n"
           "\n"
           "Your personal link: {link}\n"
           "{dial_in}\n"
           "\n"
           "The link is meant for you alone and lets you in with your name. Please do not "
           "pass it on: only members may take part in the assembly.\n"
           "\n"
           "{recording}\n"
           "\n"
           "{attendance}\n"
           "\n"
           "{privacy}\n"
           "\n"
           "Kind regards\n"
           "{sender}\n"
           "on behalf of the board\n"
           "{club}\n");
}

static char *
attendance_notice (const BvInvitationContext *context)
{
  guint months = context && context->attendance_months ? context->attendance_months : 12;

  /* Translators: %u is a number of months. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Attendance: when you enter and leave the conference room, the "
                                       "club records it with your name, so that the minutes can show who "
                                       "took part and that the assembly had a quorum. The record is deleted "
                                       "after %u month.",
                                       "Attendance: when you enter and leave the conference room, the "
                                       "club records it with your name, so that the minutes can show who "
                                       "took part and that the assembly had a quorum. The record is deleted "
                                       "after %u months.",
                                       months),
                          months);
}

const char *
bv_invitation_default_participation (void)
{
  return _("How to take part online: the board has decided that members can take part in "
           "the assembly and exercise their rights without being at the venue, by electronic "
           "communication (§ 32 Abs. 2 BGB). Open your personal link below in a web browser "
           "shortly before the start; nothing needs to be installed. You enter with your name, "
           "speak through your microphone or in the chat, and vote in the polls the chair "
           "opens in the conference room. If you take part by telephone, you vote by saying "
           "so when the chair calls for the vote.");
}

char *
bv_invitation_format_agenda (BvMeeting *meeting)
{
  GPtrArray *items;
  GString *out;

  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  items = bv_meeting_get_agenda (meeting);
  if (items->len == 0)
    return g_strdup ("");

  out = g_string_new (_("Agenda:"));
  for (guint i = 0; i < items->len; i++)
    {
      const BvAgendaItem *item = g_ptr_array_index (items, i);

      g_string_append_printf (out, "\n%u. %s", i + 1, item->title);
      if (item->motion)
        {
          g_auto(GStrv) lines = g_strsplit (item->motion, "\n", -1);

          /* Translators: before the wording of a motion on the agenda. */
          g_string_append_printf (out, "\n   %s", _("Motion:"));
          for (guint j = 0; lines[j]; j++)
            g_string_append_printf (out, "%s%s", j == 0 ? " " : "\n   ", g_strchomp (lines[j]));
        }
    }
  return g_string_free (out, FALSE);
}

char *
bv_invitation_describe_venue (BvMeeting *meeting)
{
  const char *venue;

  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  venue = bv_meeting_get_venue (meeting);
  if (venue)
    /* Translators: %s is the venue of a hybrid meeting. */
    return g_strdup_printf (_("Where: hybrid, at %s or online"), venue);
  return g_strdup (_("Where: online only"));
}

static GDateTime *
meeting_start (BvMeeting *meeting)
{
  g_autoptr(GTimeZone) tz = NULL;
  const char *start = bv_meeting_get_start_local (meeting);
  const char *tzid = bv_meeting_get_tzid (meeting);
  int year, month, day, hour, minute, second = 0;

  if (!start || sscanf (start, "%d-%d-%dT%d:%d:%d", &year, &month, &day, &hour, &minute, &second) < 5)
    return NULL;
  if (tzid)
    tz = g_time_zone_new_identifier (tzid);
  if (!tz)
    tz = g_time_zone_new_local ();
  return g_date_time_new (tz, year, month, day, hour, minute, second);
}

static char *
format_date_time (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;

  /* The same formats as the reminder's invitation text and the series
   * description; in the user's zone like every date the app shows. */
  day = g_date_time_format (local, _("%A, %-d %B %Y"));
  time = g_date_time_format (local, C_("time of day in a repetition", "%H:%M"));
  /* Translators: a date and a time of day, "Tuesday, 1 December 2026, 19:30" */
  return g_strdup_printf (C_("date and time of day", "%1$s, %2$s"), day, time);
}

/* What describe_rrule says when it cannot put a rule in words. */
static gboolean
is_custom_description (const char *description)
{
  const char *custom = _("repeating on a custom schedule");

  return g_str_has_prefix (description, custom);
}

char *
bv_invitation_describe_when (BvMeeting *meeting)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(BvOccurrence) next = NULL;
  g_autofree char *series = NULL;
  g_autofree char *date = NULL;
  const char *rrule;

  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  start = meeting_start (meeting);
  if (!start)
    return g_strdup ("");

  rrule = bv_meeting_get_rrule (meeting);
  if (!rrule || !*rrule)
    return format_date_time (start);

  series = bv_repetition_text_describe_in_zone (rrule, bv_meeting_get_start_local (meeting),
                                                  bv_meeting_get_tzid (meeting));
  now = g_date_time_new_now_utc ();
  next = bv_occurrences_next (bv_meeting_get_start_local (meeting), bv_meeting_get_tzid (meeting),
                              bv_meeting_get_duration (meeting), rrule, NULL, 0, now, NULL);
  if (series && !is_custom_description (series))
    {
      g_autoptr(GDateTime) local = NULL;
      g_autofree char *first = NULL;

      /* "every first Monday" alone leaves the reader to work out which
       * Monday comes first; a series that has begun says its next date. */
      if (g_date_time_compare (start, now) >= 0 || !next)
        {
          local = g_date_time_to_local (start);
          first = g_date_time_format (local, C_("date in a series", "%-d %B %Y"));
          /* Translators: %1$s is a series in words, %2$s its first date
           * ("4 January 2027"); German "%1$s, zuerst am %2$s" */
          return g_strdup_printf (_("%1$s, first on %2$s"), series, first);
        }
      local = g_date_time_to_local (next->start);
      first = g_date_time_format (local, C_("date in a series", "%-d %B %Y"));
      /* Translators: %1$s is a series in words, %2$s its next date
       * ("4 January 2027"); German "%1$s, nächstes Mal am %2$s" */
      return g_strdup_printf (_("%1$s, next on %2$s"), series, first);
    }

  /* A rule too unusual to put in words: the next date tells more. */
  date = format_date_time (next ? next->start : start);
  /* Translators: %s is a date and time, "Tuesday, 1 December 2026, 19:30" */
  return g_strdup_printf (_("%s and further dates"), date);
}

static char *
privacy_notice (const BvInvitationContext *context)
{
  const char *club = context ? context->club_name : NULL;
  const char *contact = context ? context->privacy_contact : NULL;
  gboolean have_club = club && *club;
  gboolean have_contact = contact && *contact;

  if (have_club && have_contact)
    /* Translators: %1$s is the club's name, %2$s who to ask about data protection. */
    return g_strdup_printf (_("Privacy: %1$s uses your name and e-mail address only to invite "
                              "you to its meetings. If you have questions about your data or want "
                              "it deleted, please contact %2$s."), club, contact);
  if (have_contact)
    /* Translators: %s is who to ask about data protection. */
    return g_strdup_printf (_("Privacy: we use your name and e-mail address only to invite you "
                              "to our meetings. If you have questions about your data or want it "
                              "deleted, please contact %s."), contact);
  if (have_club)
    /* Translators: %s is the club's name. */
    return g_strdup_printf (_("Privacy: %s uses your name and e-mail address only to invite you "
                              "to its meetings. If you have questions about your data or want it "
                              "deleted, please reply to this message."), club);
  return g_strdup (_("Privacy: we use your name and e-mail address only to invite you to our "
                     "meetings. If you have questions about your data or want it deleted, "
                     "please reply to this message."));
}

static char *
dial_in_sentence (const BvInvitationContext *context)
{
  if (!context || !context->dial_number || !*context->dial_number)
    return g_strdup ("");
  if (context->voice_bridge && *context->voice_bridge)
    /* Translators: %1$s is a telephone number, %2$s the PIN of the room. */
    return g_strdup_printf (_("By telephone: call %1$s and enter the PIN %2$s."),
                            context->dial_number, context->voice_bridge);
  /* Translators: %s is a telephone number. */
  return g_strdup_printf (_("By telephone: call %s."), context->dial_number);
}

static const char *
lookup (const char * const *names,
        const char * const *values,
        const char         *name,
        gsize               length)
{
  for (guint i = 0; names[i]; i++)
    if (strlen (names[i]) == length && strncmp (names[i], name, length) == 0)
      return values[i];
  return NULL;
}

static gboolean
is_blank (const char *text)
{
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* One line with its placeholders filled; *had_placeholder says whether
 * it named one at all. Unknown names stay as they are. */
static char *
fill_line (const char         *line,
           const char * const *names,
           const char * const *values,
           gboolean           *had_placeholder)
{
  GString *out = g_string_new (NULL);
  const char *p = line;

  *had_placeholder = FALSE;
  while (*p)
    {
      const char *close;
      const char *value;

      if (*p != '{' || !(close = strchr (p + 1, '}')))
        {
          g_string_append_c (out, *p++);
          continue;
        }
      value = lookup (names, values, p + 1, close - p - 1);
      if (!value)
        {
          g_string_append_c (out, *p++);
          continue;
        }
      *had_placeholder = TRUE;
      g_string_append (out, value);
      p = close + 1;
    }

  return g_string_free (out, FALSE);
}

static char *
render (const char                *template_text,
        BvMeeting                 *meeting,
        const char                *name,
        const char                *first_name,
        const char                *last_name,
        BvMemberSalutation         salutation,
        const char                *link,
        const BvInvitationContext *context)
{
  g_autofree char *greeting = NULL;
  g_autofree char *when = NULL;
  g_autofree char *privacy = NULL;
  g_autofree char *dial_in = NULL;
  g_autofree char *agenda = NULL;
  g_autofree char *venue = NULL;
  g_autofree char *attendance = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = NULL;
  const char *recording = "";
  const char *names[] = { "name", "title", "when", "link", "dial_in", "privacy", "recording",
                          "club", "greeting", "first_name", "last_name", "agenda", "venue",
                          "participation", "attendance", "sender", NULL };
  const char *values[G_N_ELEMENTS (names)];
  gboolean previous_blank = TRUE;
  gboolean skip_blank = FALSE;

  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  if (!template_text || !*template_text)
    template_text = bv_invitation_default_template ();

  when = bv_invitation_describe_when (meeting);
  privacy = privacy_notice (context);
  dial_in = dial_in_sentence (context);
  if (bv_meeting_get_record (meeting))
    recording = _("Recording: this meeting may be recorded. Those who lead it say so before the "
                  "recording starts; if you do not want to be recorded, leave your camera and "
                  "microphone off.");

  values[0] = name ? name : "";
  values[1] = bv_meeting_get_title (meeting) ? bv_meeting_get_title (meeting) : "";
  values[2] = when;
  values[3] = link ? link : "";
  values[4] = dial_in;
  values[5] = privacy;
  values[6] = recording;
  values[7] = context && context->club_name ? context->club_name : "";
  greeting = bv_invitation_text_greeting (salutation, first_name, last_name);
  values[8] = greeting;
  values[9] = first_name ? first_name : "";
  values[10] = last_name ? last_name : "";
  agenda = bv_invitation_format_agenda (meeting);
  values[11] = agenda;
  venue = bv_invitation_describe_venue (meeting);
  values[12] = venue;
  values[13] = context && context->participation && *context->participation
               ? context->participation : bv_invitation_default_participation ();
  attendance = attendance_notice (context);
  values[14] = attendance;
  values[15] = context && context->sender_name ? context->sender_name : "";
  values[16] = NULL;

  /* Line by line: a line that a placeholder left empty goes, and so does
   * the blank line after it when one came before, so that paragraphs stay
   * one blank line apart. */
  lines = g_strsplit (template_text, "\n", -1);
  out = g_string_new (NULL);
  for (guint i = 0; lines[i]; i++)
    {
      g_autofree char *filled = NULL;
      gboolean had_placeholder;
      gsize len = strlen (lines[i]);

      if (len > 0 && lines[i][len - 1] == '\r')
        lines[i][len - 1] = '\0';
      filled = fill_line (lines[i], names, values, &had_placeholder);

      if (had_placeholder && is_blank (filled))
        {
          skip_blank = previous_blank;
          continue;
        }
      if (skip_blank && is_blank (filled) && lines[i + 1])
        {
          skip_blank = FALSE;
          continue;
        }
      skip_blank = FALSE;

      g_string_append (out, filled);
      if (lines[i + 1])
        g_string_append_c (out, '\n');
      previous_blank = is_blank (filled);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
bv_invitation_render_for (const char                *template_text,
                          BvMeeting                 *meeting,
                          BvParticipant             *participant,
                          const char                *link,
                          const BvInvitationContext *context)
{
  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (BV_IS_PARTICIPANT (participant), NULL);

  return render (template_text, meeting, bv_participant_get_name (participant),
                 bv_participant_get_first_name (participant),
                 bv_participant_get_last_name (participant),
                 bv_participant_get_salutation (participant), link, context);
}

char *
bv_invitation_render (const char                *template_text,
                      BvMeeting                 *meeting,
                      const char                *name,
                      const char                *link,
                      const BvInvitationContext *context)
{
  g_autofree char *first_name = NULL;
  g_autofree char *last_name = NULL;

  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  bv_member_split_name (name, &first_name, &last_name);
  return render (template_text, meeting, name, first_name, last_name,
                 BV_MEMBER_SALUTATION_NEUTRAL, link, context);
}

char *
bv_invitation_subject (BvMeeting *meeting)
{
  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  /* Translators: the e-mail subject; %s is the meeting's title. */
  return g_strdup_printf (_("Invitation: %s"), bv_meeting_get_title (meeting));
}

/* CR, LF and CRLF as CRLF (RFC 6068 section 5). */
static char *
crlf (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '\r')
        {
          if (p[1] == '\n')
            p++;
          g_string_append (out, "\r\n");
        }
      else if (*p == '\n')
        g_string_append (out, "\r\n");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

char *
bv_invitation_mailto_uri (const char *to,
                          const char *subject,
                          const char *body)
{
  g_autoptr(GString) uri = g_string_new ("mailto:");
  char separator = '?';

  /* Only unreserved characters stay as they are (and the address's "@"):
   * "&", "?", "#", "+", "%" and everything beyond ASCII (as UTF-8) are
   * percent-encoded, so no mail program can misread them. */
  if (to && *to)
    {
      g_autofree char *escaped = g_uri_escape_string (to, "@", FALSE);

      g_string_append (uri, escaped);
    }
  if (subject && *subject)
    {
      g_autofree char *normal = crlf (subject);
      g_autofree char *escaped = g_uri_escape_string (normal, NULL, FALSE);

      g_string_append_printf (uri, "%csubject=%s", separator, escaped);
      separator = '&';
    }
  if (body && *body)
    {
      g_autofree char *normal = crlf (body);
      g_autofree char *escaped = g_uri_escape_string (normal, NULL, FALSE);

      g_string_append_printf (uri, "%cbody=%s", separator, escaped);
    }

  return g_string_free (g_steal_pointer (&uri), FALSE);
}

void
bv_invitation_context_set_dial_in (BvInvitationContext *context,
                                   BvServer            *server,
                                   BvMeeting           *meeting,
                                   char                 pin[BV_INVITATION_PIN_SIZE])
{
  g_return_if_fail (context);
  g_return_if_fail (!server || BV_IS_SERVER (server));
  g_return_if_fail (BV_IS_MEETING (meeting));
  g_return_if_fail (pin);

  context->dial_number = NULL;
  context->voice_bridge = NULL;
  pin[0] = '\0';
  if (!server || !bv_server_get_dial_number (server))
    return;

  g_snprintf (pin, BV_INVITATION_PIN_SIZE, "%u", bv_join_voice_bridge (meeting));
  context->dial_number = bv_server_get_dial_number (server);
  context->voice_bridge = pin;
}

/* Mail merge */

static void
append_field (GString    *csv,
              const char *value)
{
  gboolean formula;

  if (!value)
    value = "";

  /* Names come from imported member lists; one starting like a formula
   * ("=HYPERLINK(…)") would be run by Calc or Excel when the secretary
   * opens the file, so it is kept as text with a leading apostrophe
   * (OWASP "CSV injection"). */
  formula = value[0] && strchr ("=+-@\t\r", value[0]) != NULL;

  if (!formula && !strpbrk (value, ";\"\r\n") && value[0] != ' ' && !g_str_has_suffix (value, " "))
    {
      g_string_append (csv, value);
      return;
    }

  g_string_append_c (csv, '"');
  if (formula)
    g_string_append_c (csv, '\'');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append (csv, "\"\"");
      else if (*p == '\r' && p[1] == '\n')
        continue;
      else if (*p == '\r')
        g_string_append_c (csv, '\n');
      else
        g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

static const char *
role_label (BvParticipantRole role)
{
  switch (role)
    {
    case BV_PARTICIPANT_ROLE_MODERATOR:
      return C_("role in the mail-merge file", "Leads");
    case BV_PARTICIPANT_ROLE_PARTICIPANT:
    default:
      return C_("role in the mail-merge file", "Takes part");
    }
}

char *
bv_invitation_merge_csv (BvMeeting                 *meeting,
                         GPtrArray                 *participants,
                         GPtrArray                 *links,
                         const char                *template_text,
                         const BvInvitationContext *context)
{
  g_autoptr(GString) csv = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subject = NULL;
  const char *header[] = {
    C_("mail-merge column", "Name"),
    C_("mail-merge column", "E-mail"),
    C_("mail-merge column", "Role"),
    C_("mail-merge column", "Link"),
    C_("mail-merge column", "Date"),
    C_("mail-merge column", "Title"),
    C_("mail-merge column", "Subject"),
    C_("mail-merge column", "Text"),
  };

  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (participants, NULL);
  g_return_val_if_fail (links && links->len == participants->len, NULL);

  when = bv_invitation_describe_when (meeting);
  subject = bv_invitation_subject (meeting);

  /* The BOM makes Excel and Word read UTF-8 instead of Windows-1252. */
  csv = g_string_new ("\xef\xbb\xbf");
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      if (i > 0)
        g_string_append_c (csv, ';');
      append_field (csv, header[i]);
    }
  g_string_append (csv, "\r\n");

  for (guint i = 0; i < participants->len; i++)
    {
      BvParticipant *participant = g_ptr_array_index (participants, i);
      const char *link = g_ptr_array_index (links, i);
      const char *name = bv_participant_get_name (participant);
      g_autofree char *text = bv_invitation_render_for (template_text, meeting, participant, link, context);

      append_field (csv, name);
      g_string_append_c (csv, ';');
      append_field (csv, bv_participant_get_email (participant));
      g_string_append_c (csv, ';');
      append_field (csv, role_label (bv_participant_get_role (participant)));
      g_string_append_c (csv, ';');
      append_field (csv, link);
      g_string_append_c (csv, ';');
      append_field (csv, when);
      g_string_append_c (csv, ';');
      append_field (csv, bv_meeting_get_title (meeting));
      g_string_append_c (csv, ';');
      append_field (csv, subject);
      g_string_append_c (csv, ';');
      append_field (csv, text);
      g_string_append (csv, "\r\n");
    }

  return g_string_free (g_steal_pointer (&csv), FALSE);
}

/* Renewal */

typedef struct
{
  BvDatabase  *database;
  BvServer    *server;
  BvMeeting   *meeting;
  BvBbbClient *client;
  char        *bbb_meeting_id;
} RenewData;

static void
renew_data_free (RenewData *data)
{
  g_clear_object (&data->database);
  g_clear_object (&data->server);
  g_clear_object (&data->meeting);
  g_clear_object (&data->client);
  g_free (data->bbb_meeting_id);
  g_free (data);
}

static void
renew_failed (GTask  *task,
              GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_error_copy (error));
      return;
    }
  /* Translators: %s is a sentence that says what went wrong and what to do. */
  g_task_return_new_error (task, error->domain, error->code,
                           _("The links were not renewed; the old links still work. %s"),
                           error->message);
}

static void
save_new_id (GTask *task)
{
  RenewData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* The store puts the old id back into the object when saving fails. */
  bv_meeting_renew_bbb_meeting_id (data->meeting);
  if (!bv_database_save_meeting (data->database, data->meeting, &error))
    {
      g_task_return_new_error (task, error->domain, error->code,
                               /* Translators: %s says why the database refused. */
                               _("The new links could not be saved, so the old links are kept. "
                                 "The room was ended if it was open; nobody is in it now. %s"),
                               error->message);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
ended_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RenewData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!bv_bbb_client_end_finish (data->client, result, &error) &&
      !g_error_matches (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_FOUND) &&
      !g_error_matches (error, BV_BBB_ERROR, BV_BBB_ERROR_INVALID_MEETING) &&
      !g_error_matches (error, BV_BBB_ERROR, BV_BBB_ERROR_MEETING_ENDED))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* Renewing now would leave people in the room with the old links,
       * and nobody could end it from here any more. */
      g_task_return_new_error (task, error->domain, error->code,
                               /* Translators: %s says what went wrong. */
                               _("The meeting is running and could not be ended, so the links "
                                 "were not renewed; the old links still work. End the meeting "
                                 "in the room (“End meeting”) and then renew the links again. %s"),
                               error->message);
      return;
    }

  save_new_id (task);
}

static void
meeting_info_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RenewData *data = g_task_get_task_data (task);
  g_autoptr(BvBbbMeeting) room = NULL;
  g_autoptr(GError) error = NULL;

  room = bv_bbb_client_get_meeting_info_finish (data->client, result, &error);
  if (!room)
    {
      if (bv_bbb_error_is_room_gone (error))
        {
          /* No room: nobody can be in it. */
          save_new_id (task);
          return;
        }
      renew_failed (task, error);
      return;
    }

  /* Also a room that is open but empty: old links would still get in
   * until it expires. */
  bv_bbb_client_end_async (data->client, data->bbb_meeting_id, g_task_get_cancellable (task),
                           ended_cb, g_object_ref (task));
}

static void
renew_client_opened_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RenewData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->client = bv_server_client_open_finish (result, &error);
  if (!data->client)
    {
      renew_failed (task, error);
      return;
    }

  bv_bbb_client_get_meeting_info_async (data->client, data->bbb_meeting_id,
                                        g_task_get_cancellable (task),
                                        meeting_info_cb, g_object_ref (task));
}

void
bv_invitation_renew_links_async (BvDatabase          *database,
                                 BvServer            *server,
                                 BvMeeting           *meeting,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RenewData *data;

  g_return_if_fail (BV_IS_DATABASE (database));
  g_return_if_fail (!server || BV_IS_SERVER (server));
  g_return_if_fail (BV_IS_MEETING (meeting));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_invitation_renew_links_async);

  data = g_new0 (RenewData, 1);
  data->database = g_object_ref (database);
  data->meeting = g_object_ref (meeting);
  data->bbb_meeting_id = g_strdup (bv_meeting_get_bbb_meeting_id (meeting));
  g_task_set_task_data (task, data, (GDestroyNotify) renew_data_free);

  if (!server)
    {
      /* No server, no room: nothing to end. */
      save_new_id (task);
      return;
    }
  data->server = g_object_ref (server);

  bv_server_client_open_async (server, cancellable, renew_client_opened_cb, g_object_ref (task));
}

gboolean
bv_invitation_renew_links_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bv_invitation_renew_links_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
