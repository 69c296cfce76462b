/* bv-mail-account.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-mail-account.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bv-mail-error.h"

struct _BvMailAccount
{
  GObject         parent_instance;

  char           *sender_name;
  char           *address;
  char           *host;
  guint           port;
  BvMailSecurity  security;
  char           *username;
};

G_DEFINE_FINAL_TYPE (BvMailAccount, bv_mail_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SENDER_NAME,
  PROP_ADDRESS,
  PROP_HOST,
  PROP_PORT,
  PROP_SECURITY,
  PROP_USERNAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
bv_mail_security_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { BV_MAIL_SECURITY_SSL, "BV_MAIL_SECURITY_SSL", "ssl" },
        { BV_MAIL_SECURITY_STARTTLS, "BV_MAIL_SECURITY_STARTTLS", "starttls" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static ("BvMailSecurity", values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

const char *
bv_mail_security_to_string (BvMailSecurity security)
{
  return security == BV_MAIL_SECURITY_SSL ? "ssl" : "starttls";
}

gboolean
bv_mail_security_from_string (const char     *string,
                              BvMailSecurity *security)
{
  if (g_strcmp0 (string, "ssl") == 0 || g_strcmp0 (string, "tls") == 0)
    *security = BV_MAIL_SECURITY_SSL;
  else if (g_strcmp0 (string, "starttls") == 0)
    *security = BV_MAIL_SECURITY_STARTTLS;
  else
    return FALSE;
  return TRUE;
}

guint
bv_mail_security_default_port (BvMailSecurity security)
{
  return security == BV_MAIL_SECURITY_SSL ? 465 : 587;
}

static void
bv_mail_account_finalize (GObject *object)
{
  BvMailAccount *self = BV_MAIL_ACCOUNT (object);

  g_free (self->sender_name);
  g_free (self->address);
  g_free (self->host);
  g_free (self->username);

  G_OBJECT_CLASS (bv_mail_account_parent_class)->finalize (object);
}

static void
bv_mail_account_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BvMailAccount *self = BV_MAIL_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_SENDER_NAME:
      g_value_set_string (value, self->sender_name);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_SECURITY:
      g_value_set_enum (value, self->security);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_mail_account_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BvMailAccount *self = BV_MAIL_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_SENDER_NAME:
      bv_mail_account_set_sender_name (self, g_value_get_string (value));
      break;
    case PROP_ADDRESS:
      bv_mail_account_set_address (self, g_value_get_string (value));
      break;
    case PROP_HOST:
      bv_mail_account_set_host (self, g_value_get_string (value));
      break;
    case PROP_PORT:
      bv_mail_account_set_port (self, g_value_get_uint (value));
      break;
    case PROP_SECURITY:
      bv_mail_account_set_security (self, g_value_get_enum (value));
      break;
    case PROP_USERNAME:
      bv_mail_account_set_username (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bv_mail_account_class_init (BvMailAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bv_mail_account_finalize;
  object_class->get_property = bv_mail_account_get_property;
  object_class->set_property = bv_mail_account_set_property;

  properties[PROP_SENDER_NAME] = g_param_spec_string ("sender-name", NULL, NULL, "", flags);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, "", flags);
  properties[PROP_HOST] = g_param_spec_string ("host", NULL, NULL, "", flags);
  properties[PROP_PORT] = g_param_spec_uint ("port", NULL, NULL, 0, 65535, 0, flags);
  properties[PROP_SECURITY] = g_param_spec_enum ("security", NULL, NULL, BV_TYPE_MAIL_SECURITY,
                                                 BV_MAIL_SECURITY_SSL, flags);
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, "", flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bv_mail_account_init (BvMailAccount *self)
{
  self->sender_name = g_strdup ("");
  self->address = g_strdup ("");
  self->host = g_strdup ("");
  self->username = g_strdup ("");
  self->security = BV_MAIL_SECURITY_SSL;
}

BvMailAccount *
bv_mail_account_new (const char *address)
{
  return g_object_new (BV_TYPE_MAIL_ACCOUNT, "address", address ? address : "", NULL);
}

static char *
get_string (GSettings  *settings,
            const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  if (!schema || !g_settings_schema_has_key (schema, key))
    return g_strdup ("");
  return g_settings_get_string (settings, key);
}

BvMailAccount *
bv_mail_account_load (GSettings *settings)
{
  g_autofree char *address = NULL;
  g_autofree char *security = NULL;
  g_autofree char *sender_name = NULL;
  g_autofree char *host = NULL;
  g_autofree char *username = NULL;
  BvMailAccount *self;
  BvMailSecurity value = BV_MAIL_SECURITY_SSL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  address = get_string (settings, "mail-address");
  if (!*g_strstrip (address))
    return NULL;

  sender_name = get_string (settings, "mail-sender-name");
  host = get_string (settings, "mail-smtp-host");
  username = get_string (settings, "mail-smtp-user");
  security = get_string (settings, "mail-smtp-security");
  bv_mail_security_from_string (security, &value);

  self = bv_mail_account_new (address);
  bv_mail_account_set_sender_name (self, sender_name);
  bv_mail_account_set_host (self, host);
  bv_mail_account_set_username (self, username);
  bv_mail_account_set_security (self, value);
  bv_mail_account_set_port (self, g_settings_get_uint (settings, "mail-smtp-port"));
  return self;
}

void
bv_mail_account_save (BvMailAccount *self,
                      GSettings     *settings)
{
  g_return_if_fail (BV_IS_MAIL_ACCOUNT (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  /* One change signal set for the page that shows the account. */
  g_settings_delay (settings);
  g_settings_set_string (settings, "mail-sender-name", self->sender_name);
  g_settings_set_string (settings, "mail-smtp-host", self->host);
  g_settings_set_uint (settings, "mail-smtp-port", self->port);
  g_settings_set_string (settings, "mail-smtp-security", bv_mail_security_to_string (self->security));
  g_settings_set_string (settings, "mail-smtp-user", self->username);
  g_settings_set_string (settings, "mail-address", self->address);
  g_settings_apply (settings);
}

void
bv_mail_account_forget (GSettings *settings)
{
  const char *keys[] = { "mail-sender-name", "mail-address", "mail-smtp-host", "mail-smtp-port",
                         "mail-smtp-security", "mail-smtp-user" };

  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_delay (settings);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
  g_settings_apply (settings);
}

BvMailAccount *
bv_mail_account_copy (BvMailAccount *self)
{
  BvMailAccount *copy;

  g_return_val_if_fail (BV_IS_MAIL_ACCOUNT (self), NULL);

  copy = bv_mail_account_new (self->address);
  bv_mail_account_set_sender_name (copy, self->sender_name);
  bv_mail_account_set_host (copy, self->host);
  bv_mail_account_set_port (copy, self->port);
  bv_mail_account_set_security (copy, self->security);
  bv_mail_account_set_username (copy, self->username);
  return copy;
}

static void
set_text (BvMailAccount  *self,
          char          **field,
          const char     *value,
          int             prop)
{
  g_autofree char *copy = g_strstrip (g_strdup (value ? value : ""));

  if (g_strcmp0 (*field, copy) == 0)
    return;
  g_free (*field);
  *field = g_steal_pointer (&copy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

const char *
bv_mail_account_get_sender_name (BvMailAccount *self)
{
  g_return_val_if_fail (BV_IS_MAIL_ACCOUNT (self), NULL);
  return self->sender_name;
}

void
bv_mail_account_set_sender_name (BvMailAccount *self,
                                 const char    *sender_name)
{
  g_return_if_fail (BV_IS_MAIL_ACCOUNT (self));
  set_text (self, &self->sender_name, sender_name, PROP_SENDER_NAME);
}

const char *
bv_mail_account_get_address (BvMailAccount *self)
{
  g_return_val_if_fail (BV_IS_MAIL_ACCOUNT (self), NULL);
  return self->address;
}

void
bv_mail_account_set_address (BvMailAccount *self,
                             const char    *address)
{
  g_return_if_fail (BV_IS_MAIL_ACCOUNT (self));
  set_text (self, &self->address, address, PROP_ADDRESS);
}

const char *
bv_mail_account_get_host (BvMailAccount *self)
{
  g_return_val_if_fail (BV_IS_MAIL_ACCOUNT (self), NULL);
  return self->host;
}

void
bv_mail_account_set_host (BvMailAccount *self,
                          const char    *host)
{
  g_return_if_fail (BV_IS_MAIL_ACCOUNT (self));
  set_text (self, &self->host, host, PROP_HOST);
}

guint
bv_mail_account_get_port (BvMailAccount *self)
{
  g_return_val_if_fail (BV_IS_MAIL_ACCOUNT (self), 0);
  return self->port ? self->port : bv_mail_security_default_port (self->security);
}

void
bv_mail_account_set_port (BvMailAccount *self,
                          guint          port)
{
  g_return_if_fail (BV_IS_MAIL_ACCOUNT (self));
  if (self->port == port)
    return;
  self->port = port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
}

BvMailSecurity
bv_mail_account_get_security (BvMailAccount *self)
{
  g_return_val_if_fail (BV_IS_MAIL_ACCOUNT (self), BV_MAIL_SECURITY_SSL);
  return self->security;
}

void
bv_mail_account_set_security (BvMailAccount  *self,
                              BvMailSecurity  security)
{
  g_return_if_fail (BV_IS_MAIL_ACCOUNT (self));
  if (self->security == security)
    return;
  self->security = security;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECURITY]);
  /* The effective port follows when none is set. */
  if (self->port == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
}

const char *
bv_mail_account_get_username (BvMailAccount *self)
{
  g_return_val_if_fail (BV_IS_MAIL_ACCOUNT (self), NULL);
  return *self->username ? self->username : self->address;
}

void
bv_mail_account_set_username (BvMailAccount *self,
                              const char    *username)
{
  g_return_if_fail (BV_IS_MAIL_ACCOUNT (self));
  set_text (self, &self->username, username, PROP_USERNAME);
}

/* Deliberately simpler than RFC 5322: what submission servers accept as a
 * recipient without SMTPUTF8, which is what providers offer. Quoted local
 * parts and address literals are refused; nobody's member list has them.
 * The domain may be internationalised (it goes out as punycode). */
gboolean
bv_mail_address_is_valid (const char *address)
{
  g_autofree char *ascii_domain = NULL;
  const char *at;
  const char *domain;
  gsize length;

  if (!address || !g_utf8_validate (address, -1, NULL))
    return FALSE;
  length = strlen (address);
  if (length < 3 || length > 254)
    return FALSE;

  at = strchr (address, '@');
  if (!at || at == address || strchr (at + 1, '@') || at - address > 64)
    return FALSE;

  for (const char *p = address; p < at; p++)
    {
      guchar c = (guchar) *p;

      if (c <= ' ' || c >= 0x7f || strchr ("<>()[]\\,;:\"%", c))
        return FALSE;
    }
  if (address[0] == '.' || at[-1] == '.' || g_strstr_len (address, at - address, ".."))
    return FALSE;

  domain = at + 1;
  ascii_domain = g_hostname_to_ascii (domain);
  if (!ascii_domain || !strchr (ascii_domain, '.') || *ascii_domain == '.' ||
      *ascii_domain == '-' || g_str_has_suffix (ascii_domain, ".") || strstr (ascii_domain, "..") ||
      g_hostname_is_ip_address (ascii_domain))
    return FALSE;
  for (const char *p = ascii_domain; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
      return FALSE;

  return TRUE;
}

/* The address as it goes into the envelope: the domain as punycode. */
char *
bv_mail_address_to_ascii (const char *address)
{
  const char *at = address ? strrchr (address, '@') : NULL;
  g_autofree char *domain = NULL;

  if (!at)
    return g_strdup (address);
  domain = g_hostname_to_ascii (at + 1);
  if (!domain)
    return g_strdup (address);
  return g_strdup_printf ("%.*s@%s", (int) (at - address), address, domain);
}

char *
bv_mail_address_get_domain (const char *address)
{
  const char *at = address ? strrchr (address, '@') : NULL;

  if (!at || !at[1])
    return NULL;
  return g_utf8_strdown (at + 1, -1);
}

gboolean
bv_mail_account_check (BvMailAccount  *self,
                       GError        **error)
{
  g_return_val_if_fail (BV_IS_MAIL_ACCOUNT (self), FALSE);

  if (!bv_mail_address_is_valid (self->address))
    {
      g_set_error (error, BV_MAIL_ERROR, BV_MAIL_ERROR_INVALID_ADDRESS,
                   /* Translators: %s is the sender address the user typed. */
                   _("“%s” is not a valid e-mail address. Type the club’s address in the form "
                     "name@example.de."), self->address);
      return FALSE;
    }
  if (!*self->host || strpbrk (self->host, " /:@\t\r\n"))
    {
      g_set_error_literal (error, BV_MAIL_ERROR, BV_MAIL_ERROR_INVALID_ADDRESS,
                           _("The outgoing mail server (SMTP) is missing or not valid. Type its "
                             "name as your provider gives it, for example smtp.example.de."));
      return FALSE;
    }
  if (strpbrk (self->sender_name, "\r\n"))
    {
      g_set_error_literal (error, BV_MAIL_ERROR, BV_MAIL_ERROR_INVALID_ADDRESS,
                           _("The sender name must fit on one line."));
      return FALSE;
    }
  return TRUE;
}
