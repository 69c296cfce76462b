/* bv-bbb-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* src/ui reaches this header only through core/bv-server-api.h: a UI
 * file that includes it itself does not compile (HACKING.md, "Layers"). */
#if defined (BV_LAYER_UI) && !defined (BV_SERVER_API_INSIDE)
#error "src/ui must not include src/bbb headers: use what core offers"
#endif

#ifndef BV_BBB_ERROR_H
#define BV_BBB_ERROR_H

#include <glib.h>

G_BEGIN_DECLS

#define BV_BBB_ERROR (bv_bbb_error_quark ())

/* Every code carries a message that tells a non-technical user what to do
 * (English source, translated). Server answers map by messageKey, never by
 * the server's English message. */
typedef enum {
  /* the address the user typed */
  BV_BBB_ERROR_INVALID_URL,
  BV_BBB_ERROR_INSECURE_URL,

  /* messageKeys of FAILED answers (bbb-api.md §3) */
  BV_BBB_ERROR_CHECKSUM,                 /* checksumError */
  BV_BBB_ERROR_MISSING_PARAMETER,        /* missingParam*, missingParameter(s) */
  BV_BBB_ERROR_VALIDATION,               /* paramError, validationError */
  BV_BBB_ERROR_ID_NOT_UNIQUE,            /* idNotUnique */
  BV_BBB_ERROR_VOICE_BRIDGE_IN_USE,      /* nonUniqueVoiceBridge */
  BV_BBB_ERROR_PARENT_MEETING_MISSING,   /* parentMeetingIdMissing */
  BV_BBB_ERROR_NOT_FOUND,                /* notFound */
  BV_BBB_ERROR_INVALID_MEETING,          /* invalidMeetingIdentifier */
  BV_BBB_ERROR_MEETING_ENDED,            /* meetingForciblyEnded */
  BV_BBB_ERROR_CREATE_TIME_MISMATCH,     /* mismatchCreateTimeParam */
  BV_BBB_ERROR_INVALID_PASSWORD,         /* invalidPassword, "Params required" */
  BV_BBB_ERROR_MAX_PARTICIPANTS,         /* maxParticipantsReached */
  BV_BBB_ERROR_GUEST_DENIED,             /* guestDeniedAccess */
  BV_BBB_ERROR_MEETING_NOT_RUNNING,      /* meetingNotFound */
  BV_BBB_ERROR_UNSUPPORTED_CONTENT_TYPE, /* unsupportedContentType */
  BV_BBB_ERROR_NO_CONFIG,                /* noConfigFound */
  BV_BBB_ERROR_HOOK,                     /* createHookError, destroyHookError, destroyMissingHook, missingParamHookID */
  BV_BBB_ERROR_SERVER_UNAVAILABLE,       /* serverUnavailable, serverTagUnavailable (Scalelite) */
  BV_BBB_ERROR_INTERNAL,                 /* internalError (Scalelite) */
  BV_BBB_ERROR_UNSUPPORTED_REQUEST,      /* unsupportedRequest (Scalelite, e.g. getMeetings disabled) */
  BV_BBB_ERROR_FAILED,                   /* any other FAILED answer */

  /* transport */
  BV_BBB_ERROR_HOST_NOT_FOUND,           /* DNS */
  BV_BBB_ERROR_CONNECTION_REFUSED,
  BV_BBB_ERROR_TIMEOUT,
  BV_BBB_ERROR_TLS_CERTIFICATE,          /* untrusted, expired, wrong host */
  BV_BBB_ERROR_TLS,                      /* other TLS failure */
  BV_BBB_ERROR_HTTP_STATUS,              /* 4xx/5xx, redirect loop */
  BV_BBB_ERROR_NOT_XML,                  /* HTML page, empty or truncated body */
  BV_BBB_ERROR_NOT_BBB,                  /* XML, but not a BigBlueButton answer */
  BV_BBB_ERROR_TOO_LARGE,                /* body over the size limit */
  BV_BBB_ERROR_NETWORK,                  /* any other network failure */
} BvBbbError;

GQuark      bv_bbb_error_quark              (void);
/* The code for a messageKey of a FAILED answer (BV_BBB_ERROR_FAILED for
 * unknown keys). */
BvBbbError  bv_bbb_error_code_for_key       (const char  *message_key);
/* A new error for a FAILED answer, with the translated advice for its
 * code; the server's own message is kept only for logs (never shown). */
GError     *bv_bbb_error_new_for_key        (const char  *message_key);
/* The translated advice for a code. */
const char *bv_bbb_error_get_advice         (BvBbbError   code);
/* A new error with the translated advice for code. */
GError     *bv_bbb_error_new                (BvBbbError   code);
/* TRUE when @error (nullable) says the room is not, or no longer, on the
 * server: never created, ended, or not running. For a question about a
 * room that is an answer, not a failure. */
gboolean    bv_bbb_error_is_room_gone       (const GError *error);

G_END_DECLS

#endif /* BV_BBB_ERROR_H */
