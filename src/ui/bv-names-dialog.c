/* bv-names-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include "bv-names-dialog.h"

#include <glib/gi18n.h>

#include "bv-ui-utils.h"

/* Skipped where needed, in this session: asked again after a restart. */
static BvNames skipped;

typedef struct
{
  GSettings      *settings;
  BvNames         names;
  AdwEntryRow    *user_row;
  AdwEntryRow    *club_row;
  BvNamesDone     done;
  gpointer        user_data;
  GDestroyNotify  destroy;
} Ask;

static void
ask_free (Ask *ask)
{
  g_clear_object (&ask->settings);
  if (ask->destroy)
    ask->destroy (ask->user_data);
  g_free (ask);
}

static gboolean
is_empty (GSettings  *settings,
          const char *key)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  return !*g_strstrip (value);
}

BvNames
bv_names_missing (GSettings *settings,
                  BvNames    wanted)
{
  BvNames missing = 0;

  g_return_val_if_fail (G_IS_SETTINGS (settings), 0);

  if ((wanted & BV_NAMES_USER) && !(skipped & BV_NAMES_USER) && is_empty (settings, "display-name"))
    missing |= BV_NAMES_USER;
  if ((wanted & BV_NAMES_CLUB) && !(skipped & BV_NAMES_CLUB) && is_empty (settings, "club-name"))
    missing |= BV_NAMES_CLUB;
  return missing;
}

static void
store (GSettings   *settings,
       const char  *key,
       AdwEntryRow *row)
{
  g_autofree char *text = NULL;

  if (!row)
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  if (*text)
    g_settings_set_string (settings, key, text);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Ask              *ask)
{
  if (g_str_equal (response, "save"))
    {
      store (ask->settings, "display-name", ask->user_row);
      store (ask->settings, "club-name", ask->club_row);
    }
  /* Whatever stays empty was skipped, also by closing with Escape. */
  skipped |= bv_names_missing (ask->settings, ask->names);

  if (ask->done)
    ask->done (ask->user_data);
  ask_free (ask);
}

static AdwEntryRow *
add_row (GtkListBox *list,
         const char *title)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_append (list, GTK_WIDGET (row));
  return row;
}

void
bv_names_dialog_ask (GtkWindow      *parent,
                     GSettings      *settings,
                     BvNames         names,
                     BvNamesDone     done,
                     gpointer        user_data,
                     GDestroyNotify  destroy)
{
  AdwMessageDialog *dialog;
  GtkListBox *list;
  Ask *ask;
  const char *heading;
  const char *body;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (names != 0);

  ask = g_new0 (Ask, 1);
  ask->settings = g_object_ref (settings);
  ask->names = names;
  ask->done = done;
  ask->user_data = user_data;
  ask->destroy = destroy;

  if (names == BV_NAMES_USER)
    {
      heading = _("What Is Your Name?");
      body = _("The others in the meeting see this name. Without it, you join with the name of your computer account.");
    }
  else if (names == BV_NAMES_CLUB)
    {
      heading = _("What Is Your Club Called?");
      body = _("Invitations name the club and are signed with its name. Without it, they only say “we”.");
    }
  else
    {
      heading = _("Your Name and Your Club");
      body = _("The others in a meeting see your name, and invitations are signed with the club’s name. You can change both later in the preferences.");
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");
  if (names & BV_NAMES_USER)
    ask->user_row = add_row (list, _("Your Name"));
  if (names & BV_NAMES_CLUB)
    ask->club_row = add_row (list, _("Club Name"));
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (list));

  adw_message_dialog_add_responses (dialog,
                                    "skip", _("_Later"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "skip");
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), ask);

  bv_ui_fix_accessible_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (ask->user_row ? ask->user_row : ask->club_row));
}
