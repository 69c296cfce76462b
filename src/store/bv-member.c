/* bv-member.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-store"

#include "config.h"

#include "bv-member.h"

#include <string.h>

struct _BvMember
{
  GObject   parent_instance;

  char     *id;
  char     *name;
  char     *first_name;
  char     *last_name;
  BvMemberSalutation salutation;
  char     *email;
  char     *phone;
  char     *notes;
  char    **group_ids;
  gint64    created;
  gint64    updated;
};

G_DEFINE_FINAL_TYPE (BvMember, bv_member, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_SALUTATION,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_NOTES,
  PROP_GROUP_IDS,
  PROP_CREATED,
  PROP_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Optional texts have one way of being absent, so that what the dialog
 * clears compares equal to what the database loads. */
static gboolean
replace_optional (char       **field,
                  const char  *value)
{
  if (value && !*value)
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static const char * const salutation_names[] = { "neutral", "female", "male", "informal" };

const char *
bv_member_salutation_to_string (BvMemberSalutation salutation)
{
  g_return_val_if_fail ((guint) salutation < G_N_ELEMENTS (salutation_names), "neutral");

  return salutation_names[salutation];
}

gboolean
bv_member_salutation_from_string (const char         *string,
                                  BvMemberSalutation *salutation)
{
  for (guint i = 0; i < G_N_ELEMENTS (salutation_names); i++)
    if (g_strcmp0 (string, salutation_names[i]) == 0)
      {
        *salutation = (BvMemberSalutation) i;
        return TRUE;
      }
  return FALSE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static void
bv_member_finalize (GObject *object)
{
  BvMember *self = (BvMember *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->first_name, g_free);
  g_clear_pointer (&self->last_name, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->group_ids, g_strfreev);

  G_OBJECT_CLASS (bv_member_parent_class)->finalize (object);
}

static void
bv_member_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BvMember *self = BV_MEMBER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_FIRST_NAME:
      g_value_set_string (value, self->first_name);
      break;

    case PROP_LAST_NAME:
      g_value_set_string (value, self->last_name);
      break;

    case PROP_SALUTATION:
      g_value_set_uint (value, self->salutation);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_GROUP_IDS:
      g_value_set_boxed (value, self->group_ids);
      break;

    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;

    case PROP_UPDATED:
      g_value_set_int64 (value, self->updated);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_member_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  BvMember *self = BV_MEMBER (object);

  switch (prop_id)
    {
    /* Construct-only: invitations refer to a member by id for life. */
    case PROP_ID:
      g_assert (!self->id);
      self->id = g_strdup (g_value_get_string (value));
      if (self->id && !*self->id)
        g_clear_pointer (&self->id, g_free);
      break;

    case PROP_NAME:
      bv_member_set_name (self, g_value_get_string (value));
      break;

    case PROP_FIRST_NAME:
      bv_member_set_names (self, g_value_get_string (value), self->last_name);
      break;

    case PROP_LAST_NAME:
      bv_member_set_names (self, self->first_name, g_value_get_string (value));
      break;

    case PROP_SALUTATION:
      bv_member_set_salutation (self, g_value_get_uint (value));
      break;

    case PROP_EMAIL:
      bv_member_set_email (self, g_value_get_string (value));
      break;

    case PROP_PHONE:
      bv_member_set_phone (self, g_value_get_string (value));
      break;

    case PROP_NOTES:
      bv_member_set_notes (self, g_value_get_string (value));
      break;

    case PROP_GROUP_IDS:
      bv_member_set_group_ids (self, g_value_get_boxed (value));
      break;

    case PROP_CREATED:
    case PROP_UPDATED:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_member_constructed (GObject *object)
{
  BvMember *self = (BvMember *)object;

  G_OBJECT_CLASS (bv_member_parent_class)->constructed (object);

  if (!self->id)
    self->id = g_uuid_string_random ();
  if (!self->name)
    self->name = g_strdup ("");
  if (!self->first_name)
    self->first_name = g_strdup ("");
  if (!self->last_name)
    self->last_name = g_strdup ("");
  if (!self->group_ids)
    self->group_ids = g_new0 (char *, 1);
}

static void
bv_member_class_init (BvMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bv_member_finalize;
  object_class->get_property = bv_member_get_property;
  object_class->set_property = bv_member_set_property;
  object_class->constructed = bv_member_constructed;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIRST_NAME] =
    g_param_spec_string ("first-name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_NAME] =
    g_param_spec_string ("last-name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SALUTATION] =
    g_param_spec_uint ("salutation", NULL, NULL,
                       BV_MEMBER_SALUTATION_NEUTRAL, BV_MEMBER_SALUTATION_INFORMAL,
                       BV_MEMBER_SALUTATION_NEUTRAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP_IDS] =
    g_param_spec_boxed ("group-ids", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED] =
    g_param_spec_int64 ("updated", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bv_member_init (BvMember *self)
{
}

BvMember *
bv_member_new (void)
{
  return g_object_new (BV_TYPE_MEMBER, NULL);
}

const char *
bv_member_get_id (BvMember *self)
{
  g_return_val_if_fail (BV_IS_MEMBER (self), NULL);

  return self->id;
}

const char *
bv_member_get_name (BvMember *self)
{
  g_return_val_if_fail (BV_IS_MEMBER (self), NULL);

  return self->name;
}

void
bv_member_set_name (BvMember   *self,
                    const char *name)
{
  g_autofree char *first_name = NULL;
  g_autofree char *last_name = NULL;

  g_return_if_fail (BV_IS_MEMBER (self));

  /* The same full name keeps the split the user chose ("Anna Maria" as
   * first name stays, even if the rule would split otherwise). */
  if (name && g_str_equal (self->name ? self->name : "", name))
    return;

  bv_member_split_name (name, &first_name, &last_name);
  bv_member_set_names (self, first_name, last_name);
}

const char *
bv_member_get_first_name (BvMember *self)
{
  g_return_val_if_fail (BV_IS_MEMBER (self), NULL);

  return self->first_name ? self->first_name : "";
}

const char *
bv_member_get_last_name (BvMember *self)
{
  g_return_val_if_fail (BV_IS_MEMBER (self), NULL);

  return self->last_name ? self->last_name : "";
}

static gboolean
replace_name_part (char       **field,
                   const char  *value)
{
  g_autofree char *stripped = g_strstrip (g_strdup (value ? value : ""));

  if (g_strcmp0 (*field, stripped) == 0)
    return FALSE;

  g_free (*field);
  *field = g_steal_pointer (&stripped);
  return TRUE;
}

void
bv_member_set_names (BvMember   *self,
                     const char *first_name,
                     const char *last_name)
{
  g_autofree char *name = NULL;
  gboolean first_changed;
  gboolean last_changed;

  g_return_if_fail (BV_IS_MEMBER (self));

  g_object_freeze_notify (G_OBJECT (self));
  first_changed = replace_name_part (&self->first_name, first_name);
  last_changed = replace_name_part (&self->last_name, last_name);
  if (first_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_NAME]);
  if (last_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_NAME]);

  name = bv_member_join_name (self->first_name, self->last_name);
  if (g_strcmp0 (self->name, name) != 0)
    {
      g_free (self->name);
      self->name = g_steal_pointer (&name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

BvMemberSalutation
bv_member_get_salutation (BvMember *self)
{
  g_return_val_if_fail (BV_IS_MEMBER (self), BV_MEMBER_SALUTATION_NEUTRAL);

  return self->salutation;
}

void
bv_member_set_salutation (BvMember           *self,
                          BvMemberSalutation  salutation)
{
  g_return_if_fail (BV_IS_MEMBER (self));
  g_return_if_fail ((guint) salutation <= BV_MEMBER_SALUTATION_INFORMAL);

  if (self->salutation == salutation)
    return;

  self->salutation = salutation;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SALUTATION]);
}

const char *
bv_member_get_email (BvMember *self)
{
  g_return_val_if_fail (BV_IS_MEMBER (self), NULL);

  return self->email;
}

void
bv_member_set_email (BvMember   *self,
                     const char *email)
{
  g_return_if_fail (BV_IS_MEMBER (self));

  if (replace_optional (&self->email, email))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
}

const char *
bv_member_get_phone (BvMember *self)
{
  g_return_val_if_fail (BV_IS_MEMBER (self), NULL);

  return self->phone;
}

void
bv_member_set_phone (BvMember   *self,
                     const char *phone)
{
  g_return_if_fail (BV_IS_MEMBER (self));

  if (replace_optional (&self->phone, phone))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE]);
}

const char *
bv_member_get_notes (BvMember *self)
{
  g_return_val_if_fail (BV_IS_MEMBER (self), NULL);

  return self->notes;
}

void
bv_member_set_notes (BvMember   *self,
                     const char *notes)
{
  g_return_if_fail (BV_IS_MEMBER (self));

  if (replace_optional (&self->notes, notes))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

const char * const *
bv_member_get_group_ids (BvMember *self)
{
  g_return_val_if_fail (BV_IS_MEMBER (self), NULL);

  return (const char * const *)self->group_ids;
}

/**
 * bv_member_set_group_ids:
 * @group_ids: (nullable): ids of groups, in any order, duplicates allowed
 *
 * Kept sorted and without duplicates, so that two lists of the same groups
 * compare equal.
 */
void
bv_member_set_group_ids (BvMember           *self,
                         const char * const *group_ids)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_free);
  gboolean same;

  g_return_if_fail (BV_IS_MEMBER (self));

  for (guint i = 0; group_ids && group_ids[i]; i++)
    if (*group_ids[i])
      g_ptr_array_add (sorted, g_strdup (group_ids[i]));
  g_ptr_array_sort (sorted, compare_strings);
  for (guint i = 1; i < sorted->len; )
    {
      if (g_str_equal (g_ptr_array_index (sorted, i - 1), g_ptr_array_index (sorted, i)))
        g_ptr_array_remove_index (sorted, i);
      else
        i++;
    }
  g_ptr_array_add (sorted, NULL);

  same = self->group_ids && g_strv_equal ((const char * const *)self->group_ids,
                                          (const char * const *)sorted->pdata);
  if (same)
    return;

  g_strfreev (self->group_ids);
  self->group_ids = (char **)g_ptr_array_free (g_steal_pointer (&sorted), FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP_IDS]);
}

gboolean
bv_member_has_group (BvMember   *self,
                     const char *group_id)
{
  g_return_val_if_fail (BV_IS_MEMBER (self), FALSE);
  g_return_val_if_fail (group_id, FALSE);

  return g_strv_contains ((const char * const *)self->group_ids, group_id);
}

gint64
bv_member_get_created (BvMember *self)
{
  g_return_val_if_fail (BV_IS_MEMBER (self), 0);

  return self->created;
}

gint64
bv_member_get_updated (BvMember *self)
{
  g_return_val_if_fail (BV_IS_MEMBER (self), 0);

  return self->updated;
}

void
_bv_member_set_times (BvMember *self,
                      gint64    created,
                      gint64    updated)
{
  g_return_if_fail (BV_IS_MEMBER (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->created != created)
    {
      self->created = created;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
    }
  if (self->updated != updated)
    {
      self->updated = updated;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

BvMember *
bv_member_copy (BvMember *self)
{
  BvMember *copy;

  g_return_val_if_fail (BV_IS_MEMBER (self), NULL);

  copy = g_object_new (BV_TYPE_MEMBER, "id", self->id, NULL);
  bv_member_update_from (copy, self);
  return copy;
}

void
bv_member_update_from (BvMember *self,
                       BvMember *source)
{
  g_return_if_fail (BV_IS_MEMBER (self));
  g_return_if_fail (BV_IS_MEMBER (source));

  g_object_freeze_notify (G_OBJECT (self));
  bv_member_set_names (self, source->first_name, source->last_name);
  bv_member_set_salutation (self, source->salutation);
  bv_member_set_email (self, source->email);
  bv_member_set_phone (self, source->phone);
  bv_member_set_notes (self, source->notes);
  bv_member_set_group_ids (self, (const char * const *)source->group_ids);
  _bv_member_set_times (self, source->created, source->updated);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
bv_member_email_is_valid (const char *email)
{
  const char *at;
  const char *dot;
  gsize length;

  if (!email || !g_utf8_validate (email, -1, NULL))
    return FALSE;

  /* RFC 5321's limit; longer values are no address but padding. */
  length = strlen (email);
  if (length > BV_MEMBER_EMAIL_MAX_BYTES)
    return FALSE;

  at = strchr (email, '@');
  if (!at || at == email || strchr (at + 1, '@'))
    return FALSE;

  /* Separators would make one address several recipients in a mailto:
   * link, a mail-merge row or a mail header ("anna@x.org,boss@evil.org");
   * quotes, brackets and backslashes would quote or comment parts away;
   * "%" is what such tricks are percent-encoded with. Control, format
   * and separator characters (line breaks, bidi overrides) hide what an
   * address really says. */
  for (const char *p = email; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        {
          if (c <= 0x20 || c == 0x7f || strchr (",;<>\"()[]\\:%", (int) c))
            return FALSE;
          continue;
        }

      {
        GUnicodeType type = g_unichar_type (c);

        if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT
            || type == G_UNICODE_UNASSIGNED || type == G_UNICODE_PRIVATE_USE
            || type == G_UNICODE_SURROGATE || type == G_UNICODE_LINE_SEPARATOR
            || type == G_UNICODE_PARAGRAPH_SEPARATOR || type == G_UNICODE_SPACE_SEPARATOR)
          return FALSE;
      }
    }

  /* "verein@localhost" is no address a member reads mail at. */
  dot = strrchr (at + 1, '.');
  return dot && dot > at + 1 && dot[1] != '\0';
}

char *
bv_member_email_key (const char *email)
{
  g_autofree char *stripped = NULL;

  if (!email)
    return NULL;

  stripped = g_strstrip (g_strdup (email));
  if (!*stripped)
    return NULL;

  return g_utf8_casefold (stripped, -1);
}

void
bv_member_split_name (const char  *name,
                      char       **first_name,
                      char       **last_name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name ? name : ""));
  char *blank = NULL;

  g_return_if_fail (first_name && last_name);

  for (char *p = stripped; *p; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      blank = p;

  if (!blank)
    {
      *first_name = g_strdup ("");
      *last_name = g_steal_pointer (&stripped);
      return;
    }

  *last_name = g_strdup (g_utf8_next_char (blank));
  *blank = '\0';
  *first_name = g_strdup (g_strchomp (stripped));
}

char *
bv_member_join_name (const char *first_name,
                     const char *last_name)
{
  g_autofree char *joined = g_strjoin (" ", first_name ? first_name : "",
                                       last_name ? last_name : "", NULL);

  return g_strdup (g_strstrip (joined));
}
