/* bv-practice-rooms.c
 *
 * The meetings: create, join, end and expiry, the attendees in a room,
 * and the calls that report on rooms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-practice"

#include "config.h"

#include "bv-practice-internal.h"

#include <string.h>

#include "bv-secure.h"

/* German subscriber numbers never start with 0, so nobody owns this one. */
#define PRACTICE_DIAL_NUMBER "+49 631 00000000"
#define ALNUM                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
#define LOWER_ALNUM          "abcdefghijklmnopqrstuvwxyz0123456789"

static void
attendee_free (gpointer data)
{
  BvPracticeAttendee *attendee = data;

  g_free (attendee->user_id);
  g_free (attendee->full_name);
  g_ptr_array_unref (attendee->custom_data);
  g_free (attendee);
}

void
bv_practice_room_free (gpointer data)
{
  BvPracticeRoom *room = data;

  g_free (room->meeting_id);
  g_free (room->internal_id);
  g_free (room->name);
  g_free (room->attendee_pw);
  g_free (room->moderator_pw);
  g_free (room->welcome);
  g_free (room->guest_policy);
  g_free (room->create_date);
  g_ptr_array_unref (room->metadata);
  g_ptr_array_unref (room->attendees);
  g_ptr_array_unref (room->documents);
  g_free (room);
}

void
bv_practice_session_free (gpointer data)
{
  BvPracticeSession *session = data;

  g_free (session->meeting_id);
  g_free (session->internal_id);
  g_free (session->user_id);
  g_free (session->full_name);
  g_free (session);
}

/* Java's Date.toString () in UTC, as bbb-web shows createDate. */
static char *
java_date (gint64 ms)
{
  static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (ms / 1000);

  if (!date)
    return g_strdup ("");
  return g_strdup_printf ("%s %s %02d %02d:%02d:%02d UTC %d",
                          days[g_date_time_get_day_of_week (date) - 1],
                          months[g_date_time_get_month (date) - 1],
                          g_date_time_get_day_of_month (date),
                          g_date_time_get_hour (date),
                          g_date_time_get_minute (date),
                          g_date_time_get_second (date),
                          g_date_time_get_year (date));
}

char *
bv_practice_internal_id_for (const char *meeting_id,
                             gint64      time)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, meeting_id, -1);

  return g_strdup_printf ("%s-%" G_GINT64_FORMAT, hash, time);
}

BvPracticeRoom *
bv_practice_find_room (BvPracticeServer *self,
                       const char       *meeting_id)
{
  for (guint i = 0; i < self->rooms->len; i++)
    {
      BvPracticeRoom *room = g_ptr_array_index (self->rooms, i);

      if (g_str_equal (room->meeting_id, meeting_id))
        return room;
    }
  return NULL;
}

BvPracticeRoom *
bv_practice_find_room_by_internal_id (BvPracticeServer *self,
                                      const char       *internal_id)
{
  for (guint i = 0; i < self->rooms->len; i++)
    {
      BvPracticeRoom *room = g_ptr_array_index (self->rooms, i);

      if (g_str_equal (room->internal_id, internal_id))
        return room;
    }
  return NULL;
}

static gboolean
room_is_running (BvPracticeRoom *room)
{
  return room->attendees->len > 0;
}

static void
end_room (BvPracticeServer *self,
          BvPracticeRoom   *room)
{
  g_hash_table_add (self->ended, g_strdup (room->meeting_id));
  g_ptr_array_remove (self->rooms, room);
}

/* bbb-api.md §5: nobody joined within meetingExpireIfNoUserJoinedInMinutes,
 * the last one left meetingExpireWhenLastUserLeftInMinutes ago (0: never),
 * or duration is over. */
void
bv_practice_expire_rooms (BvPracticeServer *self)
{
  gint64 now = bv_practice_server_now_ms (self);

  for (guint i = self->rooms->len; i > 0; i--)
    {
      BvPracticeRoom *room = g_ptr_array_index (self->rooms, i - 1);

      if (room->duration > 0 && now - room->create_time >= room->duration * MINUTE_MS)
        {
          g_debug ("A practice room reached its duration");
          end_room (self, room);
        }
      else if (!room->has_user_joined &&
               now - room->create_time >= room->expire_no_join_min * MINUTE_MS)
        {
          g_debug ("A practice room expired: nobody joined");
          g_ptr_array_remove_index (self->rooms, i - 1);
        }
      else if (room->has_user_joined && !room_is_running (room) &&
               room->expire_last_left_min > 0 &&
               now - room->last_left_time >= room->expire_last_left_min * MINUTE_MS)
        {
          g_debug ("A practice room expired: everybody left");
          g_ptr_array_remove_index (self->rooms, i - 1);
        }
    }
}

static guint
new_voice_bridge (BvPracticeServer *self)
{
  for (;;)
    {
      guint bridge = bv_secure_random_range (10000, 100000);
      gboolean taken = FALSE;

      for (guint i = 0; i < self->rooms->len && !taken; i++)
        taken = ((BvPracticeRoom *) g_ptr_array_index (self->rooms, i))->voice_bridge == bridge;
      if (!taken)
        return bridge;
    }
}

static void
append_create_fields (GString        *s,
                      BvPracticeRoom *room)
{
  bv_practice_xml_append_text (s, "meetingID", room->meeting_id);
  bv_practice_xml_append_text (s, "internalMeetingID", room->internal_id);
  bv_practice_xml_append_text (s, "parentMeetingID", "bbb-none");
  bv_practice_xml_append_text (s, "attendeePW", room->attendee_pw);
  bv_practice_xml_append_text (s, "moderatorPW", room->moderator_pw);
  bv_practice_xml_append_int (s, "createTime", room->create_time);
  bv_practice_xml_append_int (s, "voiceBridge", room->voice_bridge);
  bv_practice_xml_append_text (s, "dialNumber", PRACTICE_DIAL_NUMBER);
  bv_practice_xml_append_text (s, "createDate", room->create_date);
  bv_practice_xml_append_bool (s, "hasUserJoined", room->has_user_joined);
  bv_practice_xml_append_int (s, "duration", room->duration);
  bv_practice_xml_append_bool (s, "hasBeenForciblyEnded", FALSE);
}

static void
append_room (GString        *s,
             BvPracticeRoom *room)
{
  guint moderators = 0;

  for (guint i = 0; i < room->attendees->len; i++)
    if (((BvPracticeAttendee *) g_ptr_array_index (room->attendees, i))->moderator)
      moderators++;

  bv_practice_xml_append_text (s, "meetingName", room->name);
  bv_practice_xml_append_text (s, "meetingID", room->meeting_id);
  bv_practice_xml_append_text (s, "internalMeetingID", room->internal_id);
  bv_practice_xml_append_int (s, "createTime", room->create_time);
  bv_practice_xml_append_text (s, "createDate", room->create_date);
  bv_practice_xml_append_int (s, "voiceBridge", room->voice_bridge);
  bv_practice_xml_append_text (s, "dialNumber", PRACTICE_DIAL_NUMBER);
  bv_practice_xml_append_text (s, "attendeePW", room->attendee_pw);
  bv_practice_xml_append_text (s, "moderatorPW", room->moderator_pw);
  bv_practice_xml_append_bool (s, "running", room_is_running (room));
  bv_practice_xml_append_int (s, "duration", room->duration);
  bv_practice_xml_append_bool (s, "hasUserJoined", room->has_user_joined);
  bv_practice_xml_append_bool (s, "recording", room->record);
  bv_practice_xml_append_bool (s, "hasBeenForciblyEnded", FALSE);
  bv_practice_xml_append_int (s, "startTime", room->start_time);
  bv_practice_xml_append_int (s, "endTime", 0);
  bv_practice_xml_append_int (s, "participantCount", room->attendees->len);
  bv_practice_xml_append_int (s, "listenerCount", 0);
  bv_practice_xml_append_int (s, "voiceParticipantCount", room->attendees->len);
  bv_practice_xml_append_int (s, "videoCount", 0);
  bv_practice_xml_append_int (s, "maxUsers", room->max_participants);
  bv_practice_xml_append_int (s, "moderatorCount", moderators);

  g_string_append (s, room->attendees->len ? "<attendees>" : "<attendees/>");
  for (guint i = 0; i < room->attendees->len; i++)
    {
      BvPracticeAttendee *attendee = g_ptr_array_index (room->attendees, i);

      g_string_append (s, "<attendee>");
      bv_practice_xml_append_text (s, "userID", attendee->user_id);
      bv_practice_xml_append_text (s, "fullName", attendee->full_name);
      bv_practice_xml_append_text (s, "role", attendee->moderator ? "MODERATOR" : "VIEWER");
      bv_practice_xml_append_bool (s, "isPresenter", FALSE);
      bv_practice_xml_append_bool (s, "isListeningOnly", FALSE);
      bv_practice_xml_append_bool (s, "hasJoinedVoice", TRUE);
      bv_practice_xml_append_bool (s, "hasVideo", FALSE);
      bv_practice_xml_append_text (s, "clientType", "HTML5");
      bv_practice_xml_append_pairs (s, "customdata", attendee->custom_data);
      g_string_append (s, "</attendee>");
    }
  if (room->attendees->len)
    g_string_append (s, "</attendees>");

  bv_practice_xml_append_pairs (s, "metadata", room->metadata);
  bv_practice_xml_append_bool (s, "isBreakout", FALSE);
}

/* bbb-web's answer to a call without a meetingID; FALSE when it was sent. */
static gboolean
has_meeting_id (SoupServerMessage *msg,
                const char        *meeting_id)
{
  if (meeting_id && *meeting_id)
    return TRUE;
  bv_practice_xml_send_failed (msg, "missingParamMeetingID", "You must specify a meeting ID for the meeting.");
  return FALSE;
}

/* The room a call names; NULL (and an answer sent) when it names none, or,
 * with @must_run, none that anybody is in. */
static BvPracticeRoom *
named_room (BvPracticeServer  *self,
            SoupServerMessage *msg,
            BvPracticeParams  *params,
            gboolean           must_run)
{
  const char *meeting_id = bv_practice_params_get (params, "meetingID");
  BvPracticeRoom *room;

  if (!has_meeting_id (msg, meeting_id))
    return NULL;
  room = bv_practice_find_room (self, meeting_id);
  if (!room || (must_run && !room_is_running (room)))
    {
      bv_practice_xml_send_failed (msg, "notFound", "A meeting with that ID does not exist");
      return NULL;
    }
  return room;
}

static const char *const create_booleans[] = {
  "record", "autoStartRecording", "allowStartStopRecording", "recordFullDurationMedia",
  "muteOnStart", "allowModsToUnmuteUsers", "allowModsToEjectCameras", "webcamsOnlyForModerator",
  "endWhenNoModerator", "meetingKeepEvents", "notifyRecordingIsOn",
  "lockSettingsDisableCam", "lockSettingsDisableMic", "lockSettingsDisablePrivateChat",
  "lockSettingsDisablePublicChat", "lockSettingsDisableNotes", "lockSettingsDisableNote",
  "lockSettingsHideUserList", "lockSettingsLockOnJoin", "lockSettingsLockOnJoinConfigurable",
  "lockSettingsHideViewersCursor", "preUploadedPresentationOverrideDefault",
};

static const char *const create_numbers[] = {
  "duration", "maxParticipants", "meetingExpireIfNoUserJoinedInMinutes",
  "meetingExpireWhenLastUserLeftInMinutes", "endWhenNoModeratorDelayInMinutes",
  "userCameraCap", "meetingCameraCap", "voiceBridge",
};

static gboolean
length_between (const char *text,
                glong       min,
                glong       max)
{
  glong length = g_utf8_strlen (text, -1);

  return length >= min && length <= max;
}

static void
send_created (SoupServerMessage *msg,
              BvPracticeRoom    *room,
              gboolean           duplicate)
{
  GString *s = bv_practice_xml_response_new (TRUE);

  append_create_fields (s, room);
  if (duplicate)
    bv_practice_xml_append_message (s, "duplicateWarning",
                                    "This conference was already in existence and may currently be in progress.");
  else
    bv_practice_xml_append_message (s, "", "");
  bv_practice_xml_send (msg, s);
}

static char *
expand_welcome (const char     *welcome,
                BvPracticeRoom *room)
{
  g_autofree char *bridge = g_strdup_printf ("%u", room->voice_bridge);
  g_auto(GStrv) by_name = g_strsplit (welcome, "%%CONFNAME%%", -1);
  g_autofree char *named = g_strjoinv (room->name, by_name);
  g_auto(GStrv) by_dial = g_strsplit (named, "%%DIALNUM%%", -1);
  g_autofree char *dialed = g_strjoinv (PRACTICE_DIAL_NUMBER, by_dial);
  g_auto(GStrv) by_conf = g_strsplit (dialed, "%%CONFNUM%%", -1);

  return g_strjoinv (bridge, by_conf);
}

void
bv_practice_handle_create (BvPracticeServer  *self,
                           SoupServerMessage *msg,
                           BvPracticeParams  *params,
                           GPtrArray         *documents)
{
  const char *meeting_id = bv_practice_params_get (params, "meetingID");
  const char *name = bv_practice_params_get (params, "name");
  const char *attendee_pw = bv_practice_params_get (params, "attendeePW");
  const char *moderator_pw = bv_practice_params_get (params, "moderatorPW");
  const char *guest_policy = bv_practice_params_get (params, "guestPolicy");
  const char *welcome = bv_practice_params_get (params, "welcome");
  guint numbers[G_N_ELEMENTS (create_numbers)] = { 0 };
  gboolean booleans[G_N_ELEMENTS (create_booleans)] = { FALSE };
  BvPracticeRoom *room;

  if (!has_meeting_id (msg, meeting_id))
    return;
  if (!length_between (meeting_id, 2, 256) || strchr (meeting_id, ','))
    {
      bv_practice_xml_send_failed (msg, "validationError",
                                   "Meeting ID must be between 2 and 256 characters and cannot contain ','");
      return;
    }
  if (!name || !*name)
    {
      bv_practice_xml_send_failed (msg, "missingParamName", "You must provide a meeting name");
      return;
    }
  if (!length_between (name, 2, 64))
    {
      bv_practice_xml_send_failed (msg, "validationError", "Meeting name must be between 2 and 64 characters");
      return;
    }
  if ((attendee_pw && !length_between (attendee_pw, 2, 64)) ||
      (moderator_pw && !length_between (moderator_pw, 2, 64)))
    {
      bv_practice_xml_send_failed (msg, "validationError", "Password must be between 2 and 64 characters");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (create_booleans); i++)
    {
      const char *value = bv_practice_params_get (params, create_booleans[i]);

      if (value && !bv_practice_parse_boolean (value, &booleans[i]))
        {
          bv_practice_xml_send_failed (msg, "validationError",
                                       "A parameter must be a boolean value (true or false)");
          return;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (create_numbers); i++)
    {
      const char *value = bv_practice_params_get (params, create_numbers[i]);

      if (value && !bv_practice_parse_number (value, 1000000, &numbers[i]))
        {
          bv_practice_xml_send_failed (msg, "validationError", "A parameter must be a whole number");
          return;
        }
    }
  if (guest_policy &&
      !g_strv_contains ((const char *const[]) { "ALWAYS_ACCEPT", "ALWAYS_DENY", "ASK_MODERATOR",
                                                "ALWAYS_ACCEPT_AUTH", NULL }, guest_policy))
    {
      bv_practice_xml_send_failed (msg, "validationError", "Unknown guest policy");
      return;
    }

  room = bv_practice_find_room (self, meeting_id);
  if (room)
    {
      if ((attendee_pw && !g_str_equal (attendee_pw, room->attendee_pw)) ||
          (moderator_pw && !g_str_equal (moderator_pw, room->moderator_pw)))
        {
          bv_practice_xml_send_failed (msg, "idNotUnique",
                                       "A meeting already exists with that meeting ID.  "
                                       "Please use a different meeting ID.");
          return;
        }
      send_created (msg, room, TRUE);
      return;
    }

  room = g_new0 (BvPracticeRoom, 1);
  room->metadata = g_ptr_array_new_with_free_func (bv_practice_pair_free);
  room->attendees = g_ptr_array_new_with_free_func (attendee_free);
  room->documents = documents ? g_ptr_array_ref (documents) : g_ptr_array_new_with_free_func (g_free);

  room->meeting_id = g_strdup (meeting_id);
  room->name = g_strdup (name);
  room->create_time = bv_practice_server_now_ms (self);
  room->create_date = java_date (room->create_time);
  room->internal_id = bv_practice_internal_id_for (meeting_id, room->create_time);
  room->attendee_pw = attendee_pw ? g_strdup (attendee_pw) : bv_secure_random_token (8, ALNUM);
  room->moderator_pw = moderator_pw ? g_strdup (moderator_pw) : bv_secure_random_token (8, ALNUM);
  room->guest_policy = g_strdup (guest_policy ? guest_policy : "ALWAYS_ACCEPT");
  room->expire_no_join_min = 5;
  room->expire_last_left_min = 1;

  for (guint i = 0; i < G_N_ELEMENTS (create_numbers); i++)
    {
      const char *option = create_numbers[i];

      if (!bv_practice_params_has (params, option))
        continue;
      if (g_str_equal (option, "duration"))
        room->duration = numbers[i];
      else if (g_str_equal (option, "maxParticipants"))
        room->max_participants = numbers[i];
      else if (g_str_equal (option, "meetingExpireIfNoUserJoinedInMinutes"))
        room->expire_no_join_min = MAX (numbers[i], 1);
      else if (g_str_equal (option, "meetingExpireWhenLastUserLeftInMinutes"))
        room->expire_last_left_min = numbers[i];
      else if (g_str_equal (option, "voiceBridge"))
        room->voice_bridge = numbers[i];
    }
  for (guint i = 0; i < G_N_ELEMENTS (create_booleans); i++)
    {
      if (g_str_equal (create_booleans[i], "record"))
        room->record = booleans[i];
      else if (g_str_equal (create_booleans[i], "muteOnStart"))
        room->mute_on_start = booleans[i];
      else if (g_str_equal (create_booleans[i], "webcamsOnlyForModerator"))
        room->webcams_only_for_moderator = booleans[i];
    }

  if (room->voice_bridge)
    {
      for (guint i = 0; i < self->rooms->len; i++)
        if (((BvPracticeRoom *) g_ptr_array_index (self->rooms, i))->voice_bridge == room->voice_bridge)
          {
            bv_practice_room_free (room);
            bv_practice_xml_send_failed (msg, "nonUniqueVoiceBridge",
                                         "The selected voice bridge is already in use.");
            return;
          }
    }
  else
    room->voice_bridge = new_voice_bridge (self);

  if (welcome)
    room->welcome = expand_welcome (welcome, room);

  for (guint i = 0; i < params->pairs->len; i++)
    {
      BvPracticePair *pair = g_ptr_array_index (params->pairs, i);
      g_autofree char *key = bv_practice_meta_key (pair);

      if (!key)
        continue;
      if (bv_practice_is_element_name (key) && !bv_practice_pairs_get (room->metadata, key))
        bv_practice_pairs_set (room->metadata, key, pair->value);
    }

  g_hash_table_remove (self->ended, meeting_id);
  g_ptr_array_add (self->rooms, room);
  g_debug ("Practice room created (%u documents)", room->documents->len);
  send_created (msg, room, FALSE);
}

void
bv_practice_handle_join (BvPracticeServer  *self,
                         SoupServerMessage *msg,
                         BvPracticeParams  *params,
                         GPtrArray         *documents)
{
  const char *meeting_id = bv_practice_params_get (params, "meetingID");
  const char *full_name = bv_practice_params_get (params, "fullName");
  const char *role = bv_practice_params_get (params, "role");
  const char *password = bv_practice_params_get (params, "password");
  const char *create_time = bv_practice_params_get (params, "createTime");
  const char *user_id = bv_practice_params_get (params, "userID");
  const char *guest = bv_practice_params_get (params, "guest");
  const char *redirect = bv_practice_params_get (params, "redirect");
  gboolean moderator;
  gboolean as_guest = FALSE;
  gboolean waiting = FALSE;
  gboolean as_xml = redirect && g_ascii_strcasecmp (redirect, "false") == 0;
  g_autofree char *new_user_id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  BvPracticeSession *session;
  BvPracticeRoom *room;

  if (!has_meeting_id (msg, meeting_id))
    return;
  if (!full_name || !*full_name)
    {
      bv_practice_xml_send_failed (msg, "missingParamFullName",
                                   "You must specify a name for the attendee who will be joining the meeting.");
      return;
    }

  room = bv_practice_find_room (self, meeting_id);
  if (!room)
    {
      if (g_hash_table_contains (self->ended, meeting_id))
        bv_practice_xml_send_failed (msg, "meetingForciblyEnded",
                                     "You can not re-join a meeting that has already been forcibly ended.");
      else
        bv_practice_xml_send_failed (msg, "invalidMeetingIdentifier",
                                     "The meeting ID that you supplied did not match any existing meetings");
      return;
    }

  if (role && g_ascii_strcasecmp (role, "MODERATOR") == 0)
    moderator = TRUE;
  else if (role && g_ascii_strcasecmp (role, "VIEWER") == 0)
    moderator = FALSE;
  else if (password && *password)
    {
      if (g_str_equal (password, room->moderator_pw))
        moderator = TRUE;
      else if (g_str_equal (password, room->attendee_pw))
        moderator = FALSE;
      else
        {
          bv_practice_xml_send_failed (msg, "invalidPassword",
                                       "The password you submitted is neither the "
                                       "attendee nor the moderator password.");
          return;
        }
    }
  else
    {
      bv_practice_xml_send_failed (msg, "Params required", "You must either supply a password or a role");
      return;
    }

  if (create_time && !g_str_equal (create_time, "") &&
      g_ascii_strtoll (create_time, NULL, 10) != room->create_time)
    {
      bv_practice_xml_send_failed (msg, "mismatchCreateTimeParam",
                                   "The createTime parameter submitted mismatches with the current meeting.");
      return;
    }
  if (guest && !bv_practice_parse_boolean (guest, &as_guest))
    {
      bv_practice_xml_send_failed (msg, "validationError", "Guest must be a boolean value (true or false)");
      return;
    }

  if (as_guest && !moderator)
    {
      if (g_str_equal (room->guest_policy, "ALWAYS_DENY"))
        {
          bv_practice_xml_send_failed (msg, "guestDeniedAccess",
                                       "You have been denied access to this meeting "
                                       "based on the meeting's guest policy");
          return;
        }
      waiting = g_str_equal (room->guest_policy, "ASK_MODERATOR") ||
                g_str_equal (room->guest_policy, "ALWAYS_ACCEPT_AUTH");
    }

  if (!user_id || !*user_id)
    {
      g_autofree char *random = bv_secure_random_token (12, LOWER_ALNUM);

      user_id = new_user_id = g_strconcat ("w_", random, NULL);
    }

  if (!waiting)
    {
      BvPracticeAttendee *attendee = NULL;

      for (guint i = 0; i < room->attendees->len; i++)
        {
          BvPracticeAttendee *present = g_ptr_array_index (room->attendees, i);

          if (g_str_equal (present->user_id, user_id))
            attendee = present;
        }

      if (!attendee && room->max_participants > 0 && room->attendees->len >= room->max_participants)
        {
          bv_practice_xml_send_failed (msg, "maxParticipantsReached",
                                       "The maximum number of participants allowed for "
                                       "this meeting has been reached.");
          return;
        }

      if (!attendee)
        {
          attendee = g_new0 (BvPracticeAttendee, 1);
          attendee->user_id = g_strdup (user_id);
          attendee->custom_data = g_ptr_array_new_with_free_func (bv_practice_pair_free);
          g_ptr_array_add (room->attendees, attendee);
        }
      g_free (attendee->full_name);
      attendee->full_name = g_strdup (full_name);
      attendee->moderator = moderator;
      for (guint i = 0; i < params->pairs->len; i++)
        {
          BvPracticePair *pair = g_ptr_array_index (params->pairs, i);

          if (g_str_has_prefix (pair->name, "userdata-") && bv_practice_is_element_name (pair->name + 9))
            bv_practice_pairs_set (attendee->custom_data, pair->name + 9, pair->value);
        }

      room->has_user_joined = TRUE;
      if (room->start_time == 0)
        room->start_time = bv_practice_server_now_ms (self);
    }

  token = bv_secure_random_token (16, LOWER_ALNUM);
  session = g_new0 (BvPracticeSession, 1);
  session->meeting_id = g_strdup (room->meeting_id);
  session->internal_id = g_strdup (room->internal_id);
  session->user_id = g_strdup (user_id);
  session->full_name = g_strdup (full_name);
  session->moderator = moderator;
  session->waiting = waiting;
  g_hash_table_insert (self->sessions, g_strdup (token), session);

  if (as_xml)
    {
      GString *s = bv_practice_xml_response_new (TRUE);
      g_autofree char *auth_token = bv_secure_random_token (12, LOWER_ALNUM);

      url = g_strdup_printf ("%s/html5client/%s?sessionToken=%s", self->base_url,
                             waiting ? "guestWait" : "join", token);
      if (waiting)
        bv_practice_xml_append_message (s, "guestWait", "Guest waiting for approval to join meeting.");
      else
        bv_practice_xml_append_message (s, "successfullyJoined", "You have joined successfully.");
      bv_practice_xml_append_text (s, "meeting_id", room->internal_id);
      bv_practice_xml_append_text (s, "user_id", user_id);
      bv_practice_xml_append_text (s, "auth_token", auth_token);
      bv_practice_xml_append_text (s, "session_token", token);
      bv_practice_xml_append_text (s, "guestStatus", waiting ? "WAIT" : "ALLOW");
      bv_practice_xml_append_text (s, "url", url);
      bv_practice_xml_send (msg, s);
    }
  else
    {
      g_autofree char *html = bv_practice_room_page_html (room, full_name, moderator, waiting);

      bv_practice_send_page (msg, SOUP_STATUS_OK, waiting ? "Warteraum" : "Übungsraum", html);
    }
}

void
bv_practice_handle_is_meeting_running (BvPracticeServer  *self,
                                       SoupServerMessage *msg,
                                       BvPracticeParams  *params,
                                       GPtrArray         *documents)
{
  const char *meeting_id = bv_practice_params_get (params, "meetingID");
  BvPracticeRoom *room;

  if (!has_meeting_id (msg, meeting_id))
    return;

  room = bv_practice_find_room (self, meeting_id);
  bv_practice_xml_send_success_with (msg, "running", room && room_is_running (room) ? "true" : "false");
}

void
bv_practice_handle_get_meeting_info (BvPracticeServer  *self,
                                     SoupServerMessage *msg,
                                     BvPracticeParams  *params,
                                     GPtrArray         *documents)
{
  BvPracticeRoom *room = named_room (self, msg, params, FALSE);
  GString *s;

  if (!room)
    return;

  s = bv_practice_xml_response_new (TRUE);
  append_room (s, room);
  bv_practice_xml_send (msg, s);
}

void
bv_practice_handle_get_meetings (BvPracticeServer  *self,
                                 SoupServerMessage *msg,
                                 BvPracticeParams  *params,
                                 GPtrArray         *documents)
{
  GString *s = bv_practice_xml_response_new (TRUE);

  if (self->rooms->len == 0)
    {
      g_string_append (s, "<meetings/>");
      bv_practice_xml_append_message (s, "noMeetings", "no meetings were found on this server");
      bv_practice_xml_send (msg, s);
      return;
    }

  g_string_append (s, "<meetings>");
  for (guint i = 0; i < self->rooms->len; i++)
    {
      g_string_append (s, "<meeting>");
      append_room (s, g_ptr_array_index (self->rooms, i));
      g_string_append (s, "</meeting>");
    }
  g_string_append (s, "</meetings>");
  bv_practice_xml_send (msg, s);
}

void
bv_practice_handle_end (BvPracticeServer  *self,
                        SoupServerMessage *msg,
                        BvPracticeParams  *params,
                        GPtrArray         *documents)
{
  BvPracticeRoom *room = named_room (self, msg, params, FALSE);
  GString *s;

  if (!room)
    return;

  end_room (self, room);
  s = bv_practice_xml_response_new (TRUE);
  bv_practice_xml_append_message (s, "sentEndMeetingRequest",
                                  "A request to end the meeting was sent.  "
                                  "Please wait a few seconds, and then use "
                                  "the getMeetingInfo or isMeetingRunning API calls to verify that it was ended.");
  bv_practice_xml_send (msg, s);
}

void
bv_practice_handle_insert_document (BvPracticeServer  *self,
                                    SoupServerMessage *msg,
                                    BvPracticeParams  *params,
                                    GPtrArray         *documents)
{
  BvPracticeRoom *room = named_room (self, msg, params, TRUE);
  GString *s;

  if (!room)
    return;

  for (guint i = 0; documents && i < documents->len; i++)
    g_ptr_array_add (room->documents, g_strdup (g_ptr_array_index (documents, i)));

  s = bv_practice_xml_response_new (TRUE);
  bv_practice_xml_append_text (s, "message", "Presentation is being uploaded");
  bv_practice_xml_send (msg, s);
}

gboolean
bv_practice_server_leave (BvPracticeServer *self,
                          const char       *meeting_id,
                          const char       *user_id)
{
  BvPracticeRoom *room;

  g_return_val_if_fail (BV_IS_PRACTICE_SERVER (self), FALSE);
  g_return_val_if_fail (meeting_id, FALSE);
  g_return_val_if_fail (user_id, FALSE);

  room = bv_practice_find_room (self, meeting_id);
  if (!room)
    return FALSE;

  for (guint i = 0; i < room->attendees->len; i++)
    {
      BvPracticeAttendee *attendee = g_ptr_array_index (room->attendees, i);

      if (g_str_equal (attendee->user_id, user_id))
        {
          g_ptr_array_remove_index (room->attendees, i);
          if (room->attendees->len == 0)
            room->last_left_time = bv_practice_server_now_ms (self);
          return TRUE;
        }
    }
  return FALSE;
}

GStrv
bv_practice_server_dup_documents (BvPracticeServer *self,
                                  const char       *meeting_id)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  BvPracticeRoom *room;

  g_return_val_if_fail (BV_IS_PRACTICE_SERVER (self), NULL);
  g_return_val_if_fail (meeting_id, NULL);

  room = bv_practice_find_room (self, meeting_id);
  if (!room)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < room->documents->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (room->documents, i));

  return g_strv_builder_end (builder);
}
