/* bv-meeting.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-meeting.h"

#include "bv-secure.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

/* 160 bits: comfortably above the 128 that make a room unguessable, and 40
 * hex digits stay far below BBB's 256-character limit. */
#define BBB_MEETING_ID_BYTES 20
#define PASSWORD_LENGTH      12
#define DEFAULT_TZID         "Europe/Berlin"

struct _BvMeeting
{
  GObject        parent_instance;

  char          *id;
  char          *bbb_meeting_id;
  char          *title;
  BvMeetingKind  kind;
  char          *start_local;
  char          *tzid;
  guint          duration;
  char          *rrule;
  char          *server_id;
  char          *welcome;
  gboolean       record;
  char          *guest_policy;
  gboolean       mute_on_start;
  gboolean       webcams_only_for_moderator;
  guint          max_participants;
  char          *attendee_password;
  char          *moderator_password;
  char          *ical_uid;
  BvMeetingLocks locks;
  char         **slides;
  char          *recording_notice;
  GPtrArray     *agenda;
  char          *venue;
};

G_DEFINE_FINAL_TYPE (BvMeeting, bv_meeting, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_BBB_MEETING_ID,
  PROP_TITLE,
  PROP_KIND,
  PROP_START_LOCAL,
  PROP_TZID,
  PROP_DURATION,
  PROP_RRULE,
  PROP_SERVER_ID,
  PROP_WELCOME,
  PROP_RECORD,
  PROP_GUEST_POLICY,
  PROP_MUTE_ON_START,
  PROP_WEBCAMS_ONLY_FOR_MODERATOR,
  PROP_MAX_PARTICIPANTS,
  PROP_ATTENDEE_PASSWORD,
  PROP_MODERATOR_PASSWORD,
  PROP_ICAL_UID,
  PROP_LOCKS,
  PROP_SLIDES,
  PROP_RECORDING_NOTICE,
  PROP_AGENDA,
  PROP_VENUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  const char *name;
  guint       duration;
  const char *rrule;
  const char *guest_policy;
  gboolean    mute_on_start;
} KindDefaults;

/* product.md, "Meeting kinds and their defaults". Recording is off for
 * every kind: BBB keeps raw media whenever record=true. Only members may
 * take part in a general assembly (issue 17): people without a signed
 * personal link stay out (ALWAYS_DENY), so nobody unauthorised makes its
 * resolutions contestable. */
static const KindDefaults kind_defaults[] = {
  [BV_MEETING_KIND_BOARD]    = { "board",    120, NULL,          "ALWAYS_ACCEPT", FALSE },
  [BV_MEETING_KIND_ASSEMBLY] = { "assembly", 180, NULL,          "ALWAYS_DENY",   TRUE },
  [BV_MEETING_KIND_COURSE]   = { "course",    90, "FREQ=WEEKLY", "ALWAYS_ACCEPT", TRUE },
  [BV_MEETING_KIND_WORKSHOP] = { "workshop", 180, NULL,          "ALWAYS_ACCEPT", TRUE },
  [BV_MEETING_KIND_GROUP]    = { "group",     90, "FREQ=WEEKLY", "ASK_MODERATOR", FALSE },
};

static const char * const guest_policies[] = {
  "ALWAYS_ACCEPT", "ASK_MODERATOR", "ALWAYS_DENY", NULL
};

static gboolean
kind_is_valid (BvMeetingKind kind)
{
  return (guint)kind < G_N_ELEMENTS (kind_defaults);
}

static gboolean
guest_policy_is_valid (const char *policy)
{
  return policy && g_strv_contains (guest_policies, policy);
}

/* Returns TRUE when *field changed, so callers notify only on a real change
 * and bound widgets do not loop. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Optional texts have one way of being absent, so that what the editor
 * clears compares equal to what the database loads. */
static const char *
empty_to_null (const char *value)
{
  return value && *value ? value : NULL;
}

static char *
generate_bbb_meeting_id (void)
{
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[BBB_MEETING_ID_BYTES];
  char *id = g_malloc (2 * sizeof bytes + 1);

  bv_secure_random_bytes (bytes, sizeof bytes);
  for (gsize i = 0; i < sizeof bytes; i++)
    {
      id[2 * i] = hex[bytes[i] >> 4];
      id[2 * i + 1] = hex[bytes[i] & 0xf];
    }
  id[2 * sizeof bytes] = '\0';

  memset (bytes, 0, sizeof bytes);
  return id;
}

static char *
generate_password (void)
{
  static const char alphabet[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  /* The largest multiple of 62 below 256: bytes at or above it are
   * dropped, so every character is equally likely. */
  const guint limit = 256 - 256 % (sizeof alphabet - 1);
  char *password = g_malloc (PASSWORD_LENGTH + 1);
  guint have = 0;

  while (have < PASSWORD_LENGTH)
    {
      guint8 bytes[32];

      bv_secure_random_bytes (bytes, sizeof bytes);
      for (gsize i = 0; i < sizeof bytes && have < PASSWORD_LENGTH; i++)
        if (bytes[i] < limit)
          password[have++] = alphabet[bytes[i] % (sizeof alphabet - 1)];
      memset (bytes, 0, sizeof bytes);
    }
  password[PASSWORD_LENGTH] = '\0';

  return password;
}

static gboolean
parse_digits (const char *text,
              guint       n_digits,
              guint      *value)
{
  *value = 0;

  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (text[i] - '0');
    }

  return TRUE;
}

static void
apply_kind_defaults (BvMeeting *self)
{
  const KindDefaults *defaults = &kind_defaults[self->kind];

  bv_meeting_set_duration (self, defaults->duration);
  bv_meeting_set_rrule (self, defaults->rrule);
  bv_meeting_set_record (self, FALSE);
  bv_meeting_set_guest_policy (self, defaults->guest_policy);
  bv_meeting_set_mute_on_start (self, defaults->mute_on_start);
  bv_meeting_set_webcams_only_for_moderator (self, FALSE);
  bv_meeting_set_max_participants (self, 0);
  bv_meeting_set_locks (self, BV_MEETING_LOCK_NONE);
}

static void
bv_meeting_finalize (GObject *object)
{
  BvMeeting *self = (BvMeeting *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->bbb_meeting_id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->start_local, g_free);
  g_clear_pointer (&self->tzid, g_free);
  g_clear_pointer (&self->rrule, g_free);
  g_clear_pointer (&self->server_id, g_free);
  g_clear_pointer (&self->welcome, g_free);
  g_clear_pointer (&self->guest_policy, g_free);
  g_clear_pointer (&self->attendee_password, g_free);
  g_clear_pointer (&self->moderator_password, g_free);
  g_clear_pointer (&self->ical_uid, g_free);
  g_clear_pointer (&self->slides, g_strfreev);
  g_clear_pointer (&self->recording_notice, g_free);
  g_clear_pointer (&self->agenda, g_ptr_array_unref);
  g_clear_pointer (&self->venue, g_free);

  G_OBJECT_CLASS (bv_meeting_parent_class)->finalize (object);
}

static void
bv_meeting_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BvMeeting *self = BV_MEETING (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_BBB_MEETING_ID:
      g_value_set_string (value, self->bbb_meeting_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_START_LOCAL:
      g_value_set_string (value, self->start_local);
      break;

    case PROP_TZID:
      g_value_set_string (value, self->tzid);
      break;

    case PROP_DURATION:
      g_value_set_uint (value, self->duration);
      break;

    case PROP_RRULE:
      g_value_set_string (value, self->rrule);
      break;

    case PROP_SERVER_ID:
      g_value_set_string (value, self->server_id);
      break;

    case PROP_WELCOME:
      g_value_set_string (value, self->welcome);
      break;

    case PROP_RECORD:
      g_value_set_boolean (value, self->record);
      break;

    case PROP_GUEST_POLICY:
      g_value_set_string (value, self->guest_policy);
      break;

    case PROP_MUTE_ON_START:
      g_value_set_boolean (value, self->mute_on_start);
      break;

    case PROP_WEBCAMS_ONLY_FOR_MODERATOR:
      g_value_set_boolean (value, self->webcams_only_for_moderator);
      break;

    case PROP_MAX_PARTICIPANTS:
      g_value_set_uint (value, self->max_participants);
      break;

    case PROP_LOCKS:
      g_value_set_uint (value, self->locks);
      break;

    case PROP_SLIDES:
      g_value_set_boxed (value, self->slides);
      break;

    case PROP_RECORDING_NOTICE:
      g_value_set_string (value, self->recording_notice);
      break;

    case PROP_AGENDA:
      g_value_set_boxed (value, self->agenda);
      break;

    case PROP_VENUE:
      g_value_set_string (value, self->venue);
      break;

    case PROP_ATTENDEE_PASSWORD:
      g_value_set_string (value, self->attendee_password);
      break;

    case PROP_MODERATOR_PASSWORD:
      g_value_set_string (value, self->moderator_password);
      break;

    case PROP_ICAL_UID:
      g_value_set_string (value, self->ical_uid);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_meeting_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  BvMeeting *self = BV_MEETING (object);

  switch (prop_id)
    {
    /* Construct-only: the store passes what it loaded; a new meeting gets
     * fresh values in constructed (). A meeting keeps its id for life,
     * because invitations and exceptions refer to it. */
    case PROP_ID:
      g_assert (!self->id);
      self->id = g_strdup (empty_to_null (g_value_get_string (value)));
      break;

    case PROP_BBB_MEETING_ID:
      g_assert (!self->bbb_meeting_id);
      self->bbb_meeting_id = g_strdup (empty_to_null (g_value_get_string (value)));
      break;

    case PROP_ATTENDEE_PASSWORD:
      g_assert (!self->attendee_password);
      self->attendee_password = g_strdup (empty_to_null (g_value_get_string (value)));
      break;

    case PROP_MODERATOR_PASSWORD:
      g_assert (!self->moderator_password);
      self->moderator_password = g_strdup (empty_to_null (g_value_get_string (value)));
      break;

    case PROP_TITLE:
      bv_meeting_set_title (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      bv_meeting_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_START_LOCAL:
      bv_meeting_set_start (self, g_value_get_string (value), self->tzid);
      break;

    case PROP_TZID:
      bv_meeting_set_start (self, self->start_local, g_value_get_string (value));
      break;

    case PROP_DURATION:
      bv_meeting_set_duration (self, g_value_get_uint (value));
      break;

    case PROP_RRULE:
      bv_meeting_set_rrule (self, g_value_get_string (value));
      break;

    case PROP_SERVER_ID:
      bv_meeting_set_server_id (self, g_value_get_string (value));
      break;

    case PROP_WELCOME:
      bv_meeting_set_welcome (self, g_value_get_string (value));
      break;

    case PROP_RECORD:
      bv_meeting_set_record (self, g_value_get_boolean (value));
      break;

    case PROP_GUEST_POLICY:
      bv_meeting_set_guest_policy (self, g_value_get_string (value));
      break;

    case PROP_MUTE_ON_START:
      bv_meeting_set_mute_on_start (self, g_value_get_boolean (value));
      break;

    case PROP_WEBCAMS_ONLY_FOR_MODERATOR:
      bv_meeting_set_webcams_only_for_moderator (self, g_value_get_boolean (value));
      break;

    case PROP_MAX_PARTICIPANTS:
      bv_meeting_set_max_participants (self, g_value_get_uint (value));
      break;

    case PROP_LOCKS:
      bv_meeting_set_locks (self, g_value_get_uint (value));
      break;

    case PROP_SLIDES:
      bv_meeting_set_slides (self, g_value_get_boxed (value));
      break;

    case PROP_RECORDING_NOTICE:
      bv_meeting_set_recording_notice (self, g_value_get_string (value));
      break;

    case PROP_AGENDA:
      bv_meeting_set_agenda (self, g_value_get_boxed (value));
      break;

    case PROP_VENUE:
      bv_meeting_set_venue (self, g_value_get_string (value));
      break;

    case PROP_ICAL_UID:
      bv_meeting_set_ical_uid (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_meeting_constructed (GObject *object)
{
  BvMeeting *self = (BvMeeting *)object;

  G_OBJECT_CLASS (bv_meeting_parent_class)->constructed (object);

  if (!self->id)
    self->id = g_uuid_string_random ();

  /* BBB refuses these, and the database's CHECK would only give a
   * puzzling error later. */
  if (self->bbb_meeting_id &&
      (strlen (self->bbb_meeting_id) < 2 || strlen (self->bbb_meeting_id) > 256 ||
       strchr (self->bbb_meeting_id, ',')))
    {
      g_critical ("Invalid BBB meetingID given; using a new random one");
      g_clear_pointer (&self->bbb_meeting_id, g_free);
    }

  if (!self->bbb_meeting_id)
    self->bbb_meeting_id = generate_bbb_meeting_id ();
  if (!self->attendee_password)
    self->attendee_password = generate_password ();
  if (!self->moderator_password)
    self->moderator_password = generate_password ();
}

static void
bv_meeting_class_init (BvMeetingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags construct_only = (G_PARAM_READWRITE |
                                      G_PARAM_CONSTRUCT_ONLY |
                                      G_PARAM_STATIC_STRINGS);
  const GParamFlags flags = (G_PARAM_READWRITE |
                             G_PARAM_EXPLICIT_NOTIFY |
                             G_PARAM_STATIC_STRINGS);

  object_class->constructed = bv_meeting_constructed;
  object_class->finalize = bv_meeting_finalize;
  object_class->get_property = bv_meeting_get_property;
  object_class->set_property = bv_meeting_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, construct_only);
  properties[PROP_BBB_MEETING_ID] =
    g_param_spec_string ("bbb-meeting-id", NULL, NULL, NULL, construct_only);
  properties[PROP_ATTENDEE_PASSWORD] =
    g_param_spec_string ("attendee-password", NULL, NULL, NULL, construct_only);
  properties[PROP_MODERATOR_PASSWORD] =
    g_param_spec_string ("moderator-password", NULL, NULL, NULL, construct_only);

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "", flags);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       BV_TYPE_MEETING_KIND, BV_MEETING_KIND_BOARD, flags);
  properties[PROP_START_LOCAL] =
    g_param_spec_string ("start-local", NULL, NULL, NULL, flags);
  properties[PROP_TZID] =
    g_param_spec_string ("tzid", NULL, NULL, DEFAULT_TZID, flags);
  properties[PROP_DURATION] =
    g_param_spec_uint ("duration", NULL, NULL,
                       1, G_MAXINT, kind_defaults[BV_MEETING_KIND_BOARD].duration, flags);
  properties[PROP_RRULE] =
    g_param_spec_string ("rrule", NULL, NULL, NULL, flags);
  properties[PROP_SERVER_ID] =
    g_param_spec_string ("server-id", NULL, NULL, NULL, flags);
  properties[PROP_WELCOME] =
    g_param_spec_string ("welcome", NULL, NULL, NULL, flags);
  properties[PROP_RECORD] =
    g_param_spec_boolean ("record", NULL, NULL, FALSE, flags);
  properties[PROP_GUEST_POLICY] =
    g_param_spec_string ("guest-policy", NULL, NULL, "ALWAYS_ACCEPT", flags);
  properties[PROP_MUTE_ON_START] =
    g_param_spec_boolean ("mute-on-start", NULL, NULL, FALSE, flags);
  properties[PROP_WEBCAMS_ONLY_FOR_MODERATOR] =
    g_param_spec_boolean ("webcams-only-for-moderator", NULL, NULL, FALSE, flags);
  properties[PROP_MAX_PARTICIPANTS] =
    g_param_spec_uint ("max-participants", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_ICAL_UID] =
    g_param_spec_string ("ical-uid", NULL, NULL, NULL, flags);
  properties[PROP_LOCKS] =
    g_param_spec_uint ("locks", NULL, NULL, 0, BV_MEETING_LOCK_ALL, 0, flags);
  properties[PROP_SLIDES] =
    g_param_spec_boxed ("slides", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_RECORDING_NOTICE] =
    g_param_spec_string ("recording-notice", NULL, NULL, NULL, flags);
  properties[PROP_AGENDA] =
    g_param_spec_boxed ("agenda", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  properties[PROP_VENUE] =
    g_param_spec_string ("venue", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bv_meeting_init (BvMeeting *self)
{
  const KindDefaults *defaults = &kind_defaults[BV_MEETING_KIND_BOARD];

  /* Matches the pspec defaults, so g_object_new () alone gives a valid
   * board meeting. */
  self->title = g_strdup ("");
  self->kind = BV_MEETING_KIND_BOARD;
  self->tzid = g_strdup (DEFAULT_TZID);
  self->duration = defaults->duration;
  self->guest_policy = g_strdup (defaults->guest_policy);
  self->mute_on_start = defaults->mute_on_start;
  self->slides = g_new0 (char *, 1);
  self->agenda = bv_agenda_copy (NULL);
}

/* Public API */

GType
bv_meeting_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { BV_MEETING_KIND_BOARD, "BV_MEETING_KIND_BOARD", "board" },
        { BV_MEETING_KIND_ASSEMBLY, "BV_MEETING_KIND_ASSEMBLY", "assembly" },
        { BV_MEETING_KIND_COURSE, "BV_MEETING_KIND_COURSE", "course" },
        { BV_MEETING_KIND_WORKSHOP, "BV_MEETING_KIND_WORKSHOP", "workshop" },
        { BV_MEETING_KIND_GROUP, "BV_MEETING_KIND_GROUP", "group" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static (g_intern_static_string ("BvMeetingKind"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

/**
 * bv_meeting_kind_to_string:
 *
 * Returns: (nullable): "board", "assembly", "course", "workshop" or
 *   "group", as the database stores it; %NULL for an invalid kind
 */
const char *
bv_meeting_kind_to_string (BvMeetingKind kind)
{
  g_return_val_if_fail (kind_is_valid (kind), NULL);

  return kind_defaults[kind].name;
}

gboolean
bv_meeting_kind_from_string (const char    *string,
                             BvMeetingKind *kind)
{
  g_return_val_if_fail (kind, FALSE);

  if (!string)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (kind_defaults); i++)
    if (strcmp (kind_defaults[i].name, string) == 0)
      {
        *kind = (BvMeetingKind)i;
        return TRUE;
      }

  return FALSE;
}

/**
 * bv_meeting_normalize_local_time:
 * @text: (nullable): "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS"
 *
 * Returns: (transfer full) (nullable): @text with seconds, or %NULL if it is
 *   not a valid local date-time of that form (no offset, no "Z")
 */
char *
bv_meeting_normalize_local_time (const char *text)
{
  guint year, month, day, hour, minute, second = 0;
  gsize length;

  if (!text)
    return NULL;

  length = strlen (text);
  if (length != 16 && length != 19)
    return NULL;

  if (!parse_digits (text, 4, &year) || text[4] != '-' ||
      !parse_digits (text + 5, 2, &month) || text[7] != '-' ||
      !parse_digits (text + 8, 2, &day) || text[10] != 'T' ||
      !parse_digits (text + 11, 2, &hour) || text[13] != ':' ||
      !parse_digits (text + 14, 2, &minute))
    return NULL;

  if (length == 19 && (text[16] != ':' || !parse_digits (text + 17, 2, &second)))
    return NULL;

  if (year < 1 || !g_date_valid_dmy (day, month, year) ||
      hour > 23 || minute > 59 || second > 59)
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02uT%02u:%02u:%02u",
                          year, month, day, hour, minute, second);
}

/**
 * bv_meeting_new:
 * @kind: the template
 *
 * Creates a meeting with the kind's defaults, a new id, a new random
 * BBB meetingID and new random passwords. It has no start yet.
 */
BvMeeting *
bv_meeting_new (BvMeetingKind kind)
{
  BvMeeting *self;

  g_return_val_if_fail (kind_is_valid (kind), NULL);

  self = g_object_new (BV_TYPE_MEETING, "kind", kind, NULL);
  apply_kind_defaults (self);

  return self;
}

void
bv_meeting_apply_kind_defaults (BvMeeting *self)
{
  g_return_if_fail (BV_IS_MEETING (self));

  g_object_freeze_notify (G_OBJECT (self));
  apply_kind_defaults (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * bv_meeting_update_from:
 * @source: another meeting, usually a copy with the same id
 *
 * Takes over every value of @source except the id, including the BBB
 * meetingID and the passwords, notifying each property that changed once.
 */
void
bv_meeting_update_from (BvMeeting *self,
                        BvMeeting *source)
{
  g_return_if_fail (BV_IS_MEETING (self));
  g_return_if_fail (BV_IS_MEETING (source));

  if (self == source)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  if (replace_string (&self->bbb_meeting_id, source->bbb_meeting_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BBB_MEETING_ID]);
  if (replace_string (&self->attendee_password, source->attendee_password))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTENDEE_PASSWORD]);
  if (replace_string (&self->moderator_password, source->moderator_password))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODERATOR_PASSWORD]);

  bv_meeting_set_title (self, source->title);
  bv_meeting_set_kind (self, source->kind);
  bv_meeting_set_start (self, source->start_local, source->tzid);
  bv_meeting_set_duration (self, source->duration);
  bv_meeting_set_rrule (self, source->rrule);
  bv_meeting_set_server_id (self, source->server_id);
  bv_meeting_set_welcome (self, source->welcome);
  bv_meeting_set_record (self, source->record);
  bv_meeting_set_guest_policy (self, source->guest_policy);
  bv_meeting_set_mute_on_start (self, source->mute_on_start);
  bv_meeting_set_webcams_only_for_moderator (self, source->webcams_only_for_moderator);
  bv_meeting_set_max_participants (self, source->max_participants);
  bv_meeting_set_ical_uid (self, source->ical_uid);
  bv_meeting_set_locks (self, source->locks);
  bv_meeting_set_slides (self, (const char * const *)source->slides);
  bv_meeting_set_recording_notice (self, source->recording_notice);
  bv_meeting_set_agenda (self, source->agenda);
  bv_meeting_set_venue (self, source->venue);

  g_object_thaw_notify (G_OBJECT (self));
}

const char *
bv_meeting_get_id (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), NULL);

  return self->id;
}

/**
 * bv_meeting_get_bbb_meeting_id:
 *
 * Returns: the meetingID sent to BigBlueButton: 40 lower-case hex digits
 *   (160 random bits) for meetings created by this app
 */
const char *
bv_meeting_get_bbb_meeting_id (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), NULL);

  return self->bbb_meeting_id;
}

/**
 * bv_meeting_renew_bbb_meeting_id:
 *
 * Gives the meeting a new room, e.g. when a link to the old one leaked.
 * Links sent out before stop working once this is saved.
 */
void
bv_meeting_renew_bbb_meeting_id (BvMeeting *self)
{
  g_autofree char *id = NULL;

  g_return_if_fail (BV_IS_MEETING (self));

  id = generate_bbb_meeting_id ();
  if (replace_string (&self->bbb_meeting_id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BBB_MEETING_ID]);
}

const char *
bv_meeting_get_title (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), NULL);

  return self->title;
}

void
bv_meeting_set_title (BvMeeting  *self,
                      const char *title)
{
  g_return_if_fail (BV_IS_MEETING (self));

  if (replace_string (&self->title, title ? title : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

BvMeetingKind
bv_meeting_get_kind (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), BV_MEETING_KIND_BOARD);

  return self->kind;
}

/**
 * bv_meeting_set_kind:
 *
 * Changes only the kind; see bv_meeting_apply_kind_defaults() for taking
 * over its template values as well.
 */
void
bv_meeting_set_kind (BvMeeting     *self,
                     BvMeetingKind  kind)
{
  g_return_if_fail (BV_IS_MEETING (self));
  g_return_if_fail (kind_is_valid (kind));

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

/**
 * bv_meeting_get_start_local:
 *
 * Returns: (nullable): "YYYY-MM-DDTHH:MM:SS" in the meeting's time zone, or
 *   %NULL if no date was set yet
 */
const char *
bv_meeting_get_start_local (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), NULL);

  return self->start_local;
}

const char *
bv_meeting_get_tzid (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), NULL);

  return self->tzid;
}

/**
 * bv_meeting_set_start:
 * @start_local: (nullable): "YYYY-MM-DDTHH:MM[:SS]", without offset; it is
 *   kept with seconds
 * @tzid: an Olson time zone name, e.g. "Europe/Berlin"
 */
void
bv_meeting_set_start (BvMeeting  *self,
                      const char *start_local,
                      const char *tzid)
{
  g_autofree char *normal = NULL;

  g_return_if_fail (BV_IS_MEETING (self));
  g_return_if_fail (tzid && *tzid);

  if (start_local)
    {
      normal = bv_meeting_normalize_local_time (start_local);
      g_return_if_fail (normal);
    }

  g_object_freeze_notify (G_OBJECT (self));
  if (replace_string (&self->start_local, normal))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_LOCAL]);
  if (replace_string (&self->tzid, tzid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TZID]);
  g_object_thaw_notify (G_OBJECT (self));
}

guint
bv_meeting_get_duration (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), 0);

  return self->duration;
}

void
bv_meeting_set_duration (BvMeeting *self,
                         guint      minutes)
{
  g_return_if_fail (BV_IS_MEETING (self));
  g_return_if_fail (minutes > 0 && minutes <= G_MAXINT);

  if (self->duration == minutes)
    return;

  self->duration = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
}

const char *
bv_meeting_get_rrule (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), NULL);

  return self->rrule;
}

/**
 * bv_meeting_set_rrule:
 * @rrule: (nullable): e.g. "FREQ=WEEKLY;BYDAY=TU"; %NULL or "" for a
 *   single meeting
 */
void
bv_meeting_set_rrule (BvMeeting  *self,
                      const char *rrule)
{
  g_return_if_fail (BV_IS_MEETING (self));
  g_return_if_fail (!rrule || !g_str_has_prefix (rrule, "RRULE:"));

  if (replace_string (&self->rrule, empty_to_null (rrule)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RRULE]);
}

const char *
bv_meeting_get_server_id (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), NULL);

  return self->server_id;
}

void
bv_meeting_set_server_id (BvMeeting  *self,
                          const char *server_id)
{
  g_return_if_fail (BV_IS_MEETING (self));

  if (replace_string (&self->server_id, empty_to_null (server_id)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_ID]);
}

const char *
bv_meeting_get_welcome (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), NULL);

  return self->welcome;
}

void
bv_meeting_set_welcome (BvMeeting  *self,
                        const char *welcome)
{
  g_return_if_fail (BV_IS_MEETING (self));

  if (replace_string (&self->welcome, empty_to_null (welcome)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WELCOME]);
}

gboolean
bv_meeting_get_record (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), FALSE);

  return self->record;
}

void
bv_meeting_set_record (BvMeeting *self,
                       gboolean   record)
{
  g_return_if_fail (BV_IS_MEETING (self));

  record = !!record;
  if (self->record == record)
    return;

  self->record = record;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

const char *
bv_meeting_get_guest_policy (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), NULL);

  return self->guest_policy;
}

void
bv_meeting_set_guest_policy (BvMeeting  *self,
                             const char *policy)
{
  g_return_if_fail (BV_IS_MEETING (self));
  g_return_if_fail (guest_policy_is_valid (policy));

  if (replace_string (&self->guest_policy, policy))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GUEST_POLICY]);
}

gboolean
bv_meeting_get_mute_on_start (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), FALSE);

  return self->mute_on_start;
}

void
bv_meeting_set_mute_on_start (BvMeeting *self,
                              gboolean   mute)
{
  g_return_if_fail (BV_IS_MEETING (self));

  mute = !!mute;
  if (self->mute_on_start == mute)
    return;

  self->mute_on_start = mute;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUTE_ON_START]);
}

gboolean
bv_meeting_get_webcams_only_for_moderator (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), FALSE);

  return self->webcams_only_for_moderator;
}

void
bv_meeting_set_webcams_only_for_moderator (BvMeeting *self,
                                           gboolean   only)
{
  g_return_if_fail (BV_IS_MEETING (self));

  only = !!only;
  if (self->webcams_only_for_moderator == only)
    return;

  self->webcams_only_for_moderator = only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEBCAMS_ONLY_FOR_MODERATOR]);
}

guint
bv_meeting_get_max_participants (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), 0);

  return self->max_participants;
}

void
bv_meeting_set_max_participants (BvMeeting *self,
                                 guint      max)
{
  g_return_if_fail (BV_IS_MEETING (self));
  g_return_if_fail (max <= G_MAXINT);

  if (self->max_participants == max)
    return;

  self->max_participants = max;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_PARTICIPANTS]);
}

BvMeetingLocks
bv_meeting_get_locks (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), 0);

  return self->locks;
}

void
bv_meeting_set_locks (BvMeeting      *self,
                      BvMeetingLocks  locks)
{
  g_return_if_fail (BV_IS_MEETING (self));
  g_return_if_fail ((locks & ~BV_MEETING_LOCK_ALL) == 0);

  if (self->locks == locks)
    return;

  self->locks = locks;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKS]);
}

const char * const *
bv_meeting_get_slides (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), NULL);

  return (const char * const *)self->slides;
}

void
bv_meeting_set_slides (BvMeeting          *self,
                       const char * const *paths)
{
  static const char * const none[] = { NULL };

  g_return_if_fail (BV_IS_MEETING (self));

  if (!paths)
    paths = none;

  if (g_strv_equal ((const char * const *)self->slides, paths))
    return;

  g_strfreev (self->slides);
  self->slides = g_strdupv ((char **)paths);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLIDES]);
}

const char *
bv_meeting_get_recording_notice (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), NULL);

  return self->recording_notice;
}

void
bv_meeting_set_recording_notice (BvMeeting  *self,
                                 const char *notice)
{
  g_return_if_fail (BV_IS_MEETING (self));

  if (replace_string (&self->recording_notice, empty_to_null (notice)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDING_NOTICE]);
}

const char *
bv_meeting_default_recording_notice (void)
{
  return _("This meeting may be recorded. Once the recording is switched on, your voice, "
           "your camera picture, the chat and the slides are stored on the server. If you "
           "do not agree, leave your camera and microphone off or leave the meeting.");
}

const char *
bv_meeting_get_attendee_password (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), NULL);

  return self->attendee_password;
}

const char *
bv_meeting_get_moderator_password (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), NULL);

  return self->moderator_password;
}

const char *
bv_meeting_get_ical_uid (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), NULL);

  return self->ical_uid;
}

void
bv_meeting_set_ical_uid (BvMeeting  *self,
                         const char *uid)
{
  g_return_if_fail (BV_IS_MEETING (self));

  if (replace_string (&self->ical_uid, empty_to_null (uid)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICAL_UID]);
}

GPtrArray *
bv_meeting_get_agenda (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), NULL);

  return self->agenda;
}

void
bv_meeting_set_agenda (BvMeeting *self,
                       GPtrArray *items)
{
  g_return_if_fail (BV_IS_MEETING (self));

  if (bv_agenda_equal (self->agenda, items))
    return;

  g_ptr_array_unref (self->agenda);
  self->agenda = bv_agenda_copy (items);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENDA]);
}

const char *
bv_meeting_get_venue (BvMeeting *self)
{
  g_return_val_if_fail (BV_IS_MEETING (self), NULL);

  return self->venue;
}

void
bv_meeting_set_venue (BvMeeting  *self,
                      const char *venue)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (BV_IS_MEETING (self));

  if (venue)
    stripped = g_strstrip (g_strdup (venue));
  if (replace_string (&self->venue, empty_to_null (stripped)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VENUE]);
}
