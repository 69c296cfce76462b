/* bv-practice-pages.c
 *
 * What a browser sees: the practice room and waiting room behind a join
 * link, and the playback page and thumbnails of a recording.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-practice"

#include "config.h"

#include "bv-practice-internal.h"

#include "bv-practice-resources.h"

/* A small preview picture for the sample recordings (176×136). */
#define THUMBNAIL_PATH "/org/herzlich/BbbVereine/practice/thumbnail.png"

static char *
german_date (gint64 ms)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (ms / 1000);

  if (!date)
    return g_strdup ("");
  return g_date_time_format (date, "%d.%m.%Y, %H:%M Uhr");
}

void
bv_practice_send_page (SoupServerMessage *msg,
                       guint              status,
                       const char        *title,
                       const char        *body_html)
{
  GString *s = g_string_new ("<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\">"
                             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                             "<title>");
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  g_string_append (s, escaped);
  g_string_append (s, "</title><style>"
                      "body{font-family:Cantarell,sans-serif;max-width:40em;margin:3em auto;"
                      "padding:0 1em;line-height:1.5;color:#241f31}"
                      "h1{font-size:1.6em}.hint{color:#5e5c64}"
                      "</style></head><body><h1>");
  g_string_append (s, escaped);
  g_string_append (s, "</h1>");
  g_string_append (s, body_html);
  g_string_append (s, "</body></html>\n");
  bv_practice_send_body (msg, status, "text/html;charset=utf-8", s);
}

char *
bv_practice_room_page_html (BvPracticeRoom *room,
                            const char     *full_name,
                            gboolean        moderator,
                            gboolean        waiting)
{
  g_autofree char *room_name = g_markup_escape_text (room->name, -1);
  g_autofree char *person = g_markup_escape_text (full_name, -1);
  GString *s = g_string_new (NULL);

  if (waiting)
    {
      g_string_append_printf (s, "<p>Sie warten vor dem Übungsraum „%s“, %s.</p>", room_name, person);
      g_string_append (s, "<p>In diesem Raum lässt die Moderation Gäste einzeln herein. Auf dem "
                          "Übungsserver ist niemand, der Sie hereinlässt – so sieht es aus, wenn Gäste "
                          "im Warteraum auf Einlass warten.</p>");
    }
  else
    {
      g_string_append_printf (s, "<p>Sie sind jetzt im Übungsraum „%s“.</p>", room_name);
      g_string_append_printf (s, "<p>Sie nehmen %s teil: %s.</p>",
                              moderator ? "als Moderator/in" : "als Teilnehmer/in", person);
      if (room->welcome)
        {
          g_autofree char *welcome = g_markup_escape_text (room->welcome, -1);

          g_string_append_printf (s, "<p>Begrüßung: %s</p>", welcome);
        }
      if (room->mute_on_start)
        g_string_append (s, "<p>Beim Betreten sind die Mikrofone stummgeschaltet.</p>");
      if (room->webcams_only_for_moderator)
        g_string_append (s, "<p>Nur die Moderation sieht alle Kameras.</p>");
      if (room->record)
        g_string_append (s, "<p>Dieser Raum darf aufgezeichnet werden.</p>");
    }
  g_string_append (s, "<p class=\"hint\">Dies ist der Übungsserver von BBB für Vereine. Hier findet "
                      "keine echte Videokonferenz statt: Sie können in Ruhe ausprobieren, wie Planen, "
                      "Einladen, Beitreten und Beenden funktionieren. Dieses Fenster können Sie "
                      "jetzt schließen.</p>");
  return g_string_free (s, FALSE);
}

void
bv_practice_html5client_cb (SoupServer        *server,
                            SoupServerMessage *msg,
                            const char        *path,
                            GHashTable        *query,
                            gpointer           user_data)
{
  BvPracticeServer *self = user_data;
  g_autofree char *raw_query = bv_practice_server_take_raw_query (self, msg);
  const char *token = query ? g_hash_table_lookup (query, "sessionToken") : NULL;
  BvPracticeSession *session = token ? g_hash_table_lookup (self->sessions, token) : NULL;
  BvPracticeRoom *room;
  g_autofree char *html = NULL;

  bv_practice_expire_rooms (self);
  room = session ? bv_practice_find_room_by_internal_id (self, session->internal_id) : NULL;
  if (!room)
    {
      bv_practice_send_page (msg, SOUP_STATUS_NOT_FOUND, "Übungsraum beendet",
                             "<p>Diesen Übungsraum gibt es nicht mehr: Er wurde beendet, oder niemand war "
                             "mehr darin. Auf dem Übungsserver findet keine echte Videokonferenz statt.</p>");
      return;
    }

  html = bv_practice_room_page_html (room, session->full_name, session->moderator, session->waiting);
  bv_practice_send_page (msg, SOUP_STATUS_OK, session->waiting ? "Warteraum" : "Übungsraum", html);
}

void
bv_practice_playback_cb (SoupServer        *server,
                         SoupServerMessage *msg,
                         const char        *path,
                         GHashTable        *query,
                         gpointer           user_data)
{
  BvPracticeServer *self = user_data;
  g_autofree char *raw_query = bv_practice_server_take_raw_query (self, msg);
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  BvPracticeRecording *recording = NULL;
  guint n = g_strv_length (parts);

  /* "/presentation/ID/thumbnails/thumb-N.png" */
  if (n == 5 && g_str_equal (parts[1], "presentation") && g_str_equal (parts[3], "thumbnails") &&
      g_str_has_prefix (parts[4], "thumb-") && g_str_has_suffix (parts[4], ".png") &&
      bv_practice_find_recording (self, parts[2]))
    {
      g_autoptr(GBytes) thumbnail = g_resource_lookup_data (bv_practice_get_resource (), THUMBNAIL_PATH,
                                                            G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

      g_assert (thumbnail);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (thumbnail, NULL),
                                        g_bytes_get_size (thumbnail));
      return;
    }

  /* "/playback/presentation/2.3/ID" and "/playback/video/ID/" */
  if (n >= 4 && g_str_equal (parts[1], "playback"))
    {
      if (g_str_equal (parts[2], "presentation") && n >= 5)
        recording = bv_practice_find_recording (self, parts[4]);
      else if (g_str_equal (parts[2], "video"))
        recording = bv_practice_find_recording (self, parts[3]);
    }

  if (recording && g_str_equal (recording->state, "published"))
    {
      g_autofree char *name = g_markup_escape_text (recording->name, -1);
      g_autofree char *date = german_date (recording->start_time);
      g_autofree char *html = g_strdup_printf (
        "<p>Aufzeichnung „%s“ vom %s.</p>"
        "<p class=\"hint\">Dies ist der Übungsserver von BBB für Vereine. Er zeigt, wie sich eine "
        "Aufzeichnung öffnet; eine echte Aufzeichnung mit Bild und Ton gibt es hier nicht. "
        "Dieses Fenster können Sie jetzt schließen.</p>", name, date);

      bv_practice_send_page (msg, SOUP_STATUS_OK, "Aufzeichnung", html);
      return;
    }

  bv_practice_send_page (msg, SOUP_STATUS_NOT_FOUND, "Aufzeichnung nicht gefunden",
                         "<p>Diese Aufzeichnung gibt es nicht, oder sie ist nicht veröffentlicht.</p>");
}
