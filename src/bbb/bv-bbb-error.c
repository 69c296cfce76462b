/* bv-bbb-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-bbb"

#include "config.h"

#include "bv-bbb-error.h"

#include <glib/gi18n-lib.h>

typedef struct
{
  const char *key;
  BvBbbError  code;
} KeyCode;

/* bbb-api.md §3. Keys are compared exactly: the server spells them
 * consistently, and "Params required" really contains a space. */
static const KeyCode key_codes[] = {
  { "checksumError", BV_BBB_ERROR_CHECKSUM },
  { "missingParamMeetingID", BV_BBB_ERROR_MISSING_PARAMETER },
  { "missingParamFullName", BV_BBB_ERROR_MISSING_PARAMETER },
  { "missingParamRecordID", BV_BBB_ERROR_MISSING_PARAMETER },
  { "missingParamPublish", BV_BBB_ERROR_MISSING_PARAMETER },
  { "missingParameter", BV_BBB_ERROR_MISSING_PARAMETER },
  { "missingParameters", BV_BBB_ERROR_MISSING_PARAMETER },
  { "paramError", BV_BBB_ERROR_VALIDATION },
  { "validationError", BV_BBB_ERROR_VALIDATION },
  { "idNotUnique", BV_BBB_ERROR_ID_NOT_UNIQUE },
  { "nonUniqueVoiceBridge", BV_BBB_ERROR_VOICE_BRIDGE_IN_USE },
  { "parentMeetingIdMissing", BV_BBB_ERROR_PARENT_MEETING_MISSING },
  { "notFound", BV_BBB_ERROR_NOT_FOUND },
  /* FAILED only from the text-track calls; getRecordings says SUCCESS. */
  { "noRecordings", BV_BBB_ERROR_NOT_FOUND },
  { "invalidMeetingIdentifier", BV_BBB_ERROR_INVALID_MEETING },
  { "meetingForciblyEnded", BV_BBB_ERROR_MEETING_ENDED },
  { "mismatchCreateTimeParam", BV_BBB_ERROR_CREATE_TIME_MISMATCH },
  { "invalidPassword", BV_BBB_ERROR_INVALID_PASSWORD },
  { "Params required", BV_BBB_ERROR_INVALID_PASSWORD },
  { "maxParticipantsReached", BV_BBB_ERROR_MAX_PARTICIPANTS },
  { "guestDeniedAccess", BV_BBB_ERROR_GUEST_DENIED },
  { "meetingNotFound", BV_BBB_ERROR_MEETING_NOT_RUNNING },
  { "unsupportedContentType", BV_BBB_ERROR_UNSUPPORTED_CONTENT_TYPE },
  { "noConfigFound", BV_BBB_ERROR_NO_CONFIG },
  { "createHookError", BV_BBB_ERROR_HOOK },
  { "destroyHookError", BV_BBB_ERROR_HOOK },
  { "destroyMissingHook", BV_BBB_ERROR_HOOK },
  { "missingParamHookID", BV_BBB_ERROR_HOOK },
  { "serverUnavailable", BV_BBB_ERROR_SERVER_UNAVAILABLE },
  { "serverTagUnavailable", BV_BBB_ERROR_SERVER_UNAVAILABLE },
  { "internalError", BV_BBB_ERROR_INTERNAL },
  { "unsupportedRequest", BV_BBB_ERROR_UNSUPPORTED_REQUEST },
};

G_DEFINE_QUARK (bv-bbb-error-quark, bv_bbb_error)

BvBbbError
bv_bbb_error_code_for_key (const char *message_key)
{
  if (!message_key)
    return BV_BBB_ERROR_FAILED;

  for (guint i = 0; i < G_N_ELEMENTS (key_codes); i++)
    {
      if (g_str_equal (key_codes[i].key, message_key))
        return key_codes[i].code;
    }

  return BV_BBB_ERROR_FAILED;
}

GError *
bv_bbb_error_new_for_key (const char *message_key)
{
  return bv_bbb_error_new (bv_bbb_error_code_for_key (message_key));
}

/* Written for a club secretary: what happened, then what to do. The
 * server's own English message is never shown. */
const char *
bv_bbb_error_get_advice (BvBbbError code)
{
  switch (code)
    {
    case BV_BBB_ERROR_INVALID_URL:
      return _("This is not a valid server address. Enter the address exactly as your provider "
               "gave it, for example https://bbb.example.org/bigbluebutton/.");
    case BV_BBB_ERROR_INSECURE_URL:
      return _("The address does not use a secure connection. Use the address that starts with "
               "https:// from your provider.");
    case BV_BBB_ERROR_CHECKSUM:
      return _("The server does not accept the shared secret. Check the secret in the main menu "
               "under Preferences → Conference Servers; if it is right, ask your provider which "
               "algorithm the server uses.");
    case BV_BBB_ERROR_MISSING_PARAMETER:
      return _("The server expected more information than the app sent. Try again; if it keeps "
               "happening, please report it to the makers of this app.");
    case BV_BBB_ERROR_VALIDATION:
      return _("The server did not accept one of the meeting’s settings. Check the title and "
               "the settings of the meeting and try again.");
    case BV_BBB_ERROR_ID_NOT_UNIQUE:
      return _("The server already has a room for this meeting with other access codes. Wait "
               "until that room has ended, or renew the meeting’s links.");
    case BV_BBB_ERROR_VOICE_BRIDGE_IN_USE:
      return _("The dial-in number for this meeting is already used by another room. Try again "
               "in a moment.");
    case BV_BBB_ERROR_PARENT_MEETING_MISSING:
      return _("The server could not find the main room this room belongs to. Open the main "
               "room again and try once more.");
    case BV_BBB_ERROR_NOT_FOUND:
      return _("The server does not know this meeting or recording. It may have ended or been "
               "deleted; refresh the view.");
    case BV_BBB_ERROR_INVALID_MEETING:
      return _("The room is not open on the server. Open the room for the meeting first, then "
               "join it.");
    case BV_BBB_ERROR_MEETING_ENDED:
      return _("This room has just been ended. Wait a minute, then open the meeting again.");
    case BV_BBB_ERROR_CREATE_TIME_MISMATCH:
      return _("The room was reopened in the meantime. Join the meeting again to get into the "
               "current room.");
    case BV_BBB_ERROR_INVALID_PASSWORD:
      return _("The server did not accept the access details for this room. Renew the "
               "meeting’s links and try again; if it keeps happening, ask your provider.");
    case BV_BBB_ERROR_MAX_PARTICIPANTS:
      return _("The room is full. Raise the maximum number of participants in the meeting’s "
               "settings, or wait until someone has left.");
    case BV_BBB_ERROR_GUEST_DENIED:
      return _("This room does not admit guests. Change the waiting room setting of the "
               "meeting, or invite the person as a participant.");
    case BV_BBB_ERROR_MEETING_NOT_RUNNING:
      return _("The room is not open at the moment. Open the meeting first, then try again.");
    case BV_BBB_ERROR_UNSUPPORTED_CONTENT_TYPE:
      return _("The server refused the way the app sent its request. Your server may be newer "
               "than this app; look for an update of the app.");
    case BV_BBB_ERROR_NO_CONFIG:
      return _("The server is missing a setting for this room. Ask your provider to check the "
               "server’s setup.");
    case BV_BBB_ERROR_HOOK:
      return _("The server could not set up notifications for this room. Try again later or "
               "ask your provider.");
    case BV_BBB_ERROR_SERVER_UNAVAILABLE:
      return _("No conference server is free at the moment. Try again in a few minutes; if it "
               "keeps happening, ask your provider.");
    case BV_BBB_ERROR_INTERNAL:
      return _("The server ran into a problem of its own. Try again later; if it keeps "
               "happening, ask your provider.");
    case BV_BBB_ERROR_UNSUPPORTED_REQUEST:
      return _("The server does not offer this function. Your provider may have switched it "
               "off.");
    case BV_BBB_ERROR_FAILED:
      return _("The server turned down the request. Try again later; if it keeps happening, "
               "ask your provider.");
    case BV_BBB_ERROR_HOST_NOT_FOUND:
      return _("The server’s address could not be found. Check the address in the main menu "
               "under Preferences → Conference Servers, and your internet connection.");
    case BV_BBB_ERROR_CONNECTION_REFUSED:
      return _("The server refused the connection. Check the address in the main menu under "
               "Preferences → Conference Servers; if it is right, ask your provider whether the "
               "server is running.");
    case BV_BBB_ERROR_TIMEOUT:
      return _("The server did not answer in time. Try again later; if it keeps happening, ask "
               "your provider whether the server is running.");
    case BV_BBB_ERROR_TLS_CERTIFICATE:
      return _("The server’s security certificate is not valid, so the app does not connect to "
               "it. Ask your provider to renew the certificate; check that the address is "
               "spelled exactly as they gave it.");
    case BV_BBB_ERROR_TLS:
      return _("A secure connection to the server could not be set up. Check your internet "
               "connection and try again; if it keeps happening, ask your provider.");
    case BV_BBB_ERROR_HTTP_STATUS:
      return _("The server reported a problem instead of answering. Check the address in the "
               "main menu under Preferences → Conference Servers; if it is right, try again "
               "later or ask your provider.");
    case BV_BBB_ERROR_NOT_XML:
      return _("The server answered with something the app does not understand, for example an "
               "error page. Try again later or ask your provider.");
    case BV_BBB_ERROR_NOT_BBB:
      return _("The address does not lead to a BigBlueButton server. Check the address; it "
               "usually ends in /bigbluebutton/.");
    case BV_BBB_ERROR_TOO_LARGE:
      return _("The server’s answer was far too large, so the app stopped reading it. Check the "
               "address in the main menu under Preferences → Conference Servers, or ask your "
               "provider.");
    case BV_BBB_ERROR_NETWORK:
      return _("The server could not be reached. Check your internet connection and try "
               "again.");
    default:
      return _("Something went wrong while talking to the server. Try again later; if it keeps "
               "happening, ask your provider.");
    }
}

GError *
bv_bbb_error_new (BvBbbError code)
{
  return g_error_new_literal (BV_BBB_ERROR, code, bv_bbb_error_get_advice (code));
}

gboolean
bv_bbb_error_is_room_gone (const GError *error)
{
  return g_error_matches (error, BV_BBB_ERROR, BV_BBB_ERROR_NOT_FOUND) ||
         g_error_matches (error, BV_BBB_ERROR, BV_BBB_ERROR_INVALID_MEETING) ||
         g_error_matches (error, BV_BBB_ERROR, BV_BBB_ERROR_MEETING_NOT_RUNNING);
}
