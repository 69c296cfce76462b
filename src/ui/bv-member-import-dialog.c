/* bv-member-import-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "bv-member-import-dialog.h"
#include "bv-ui-utils.h"

/* Rows shown per list: a preference group is a GtkListBox, and a whole
 * association's list would make the dialog slow to open. The counts
 * always cover everything. */
#define MAX_ROWS 200

struct _BvMemberImportDialog
{
  AdwWindow            parent_instance;

  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  AdwWindowTitle      *window_title;
  GtkLabel            *summary_label;
  AdwPreferencesGroup *added_group;
  AdwPreferencesGroup *updated_group;
  AdwPreferencesGroup *skipped_group;

  BvDatabase          *database;
  BvMemberImport      *import;
};

G_DEFINE_FINAL_TYPE (BvMemberImportDialog, bv_member_import_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
describe_added (BvMemberImportItem *item)
{
  g_autofree char *groups = g_strjoinv (_(", "), item->groups);
  const char *email = bv_member_get_email (item->member);

  if (*groups && email)
    /* Translators: an e-mail address and the groups of a member, "a@b.de · Vorstand, Kasse" */
    return g_strdup_printf (_("%s · %s"), email, groups);
  if (*groups)
    return g_steal_pointer (&groups);
  return g_strdup (email ? email : _("No e-mail address"));
}

static void
fill_group (AdwPreferencesGroup *group,
            GPtrArray           *items,
            const char          *heading,
            const char          *empty)
{
  guint shown = MIN (items->len, MAX_ROWS);

  adw_preferences_group_set_title (group, heading);

  if (items->len == 0)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), empty);
      adw_preferences_group_add (group, GTK_WIDGET (row));
      return;
    }

  for (guint i = 0; i < shown; i++)
    {
      BvMemberImportItem *item = g_ptr_array_index (items, i);
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      g_autofree char *subtitle = NULL;
      g_autofree char *title = NULL;

      switch (item->action)
        {
        case BV_MEMBER_IMPORT_ADD:
          title = g_strdup (item->label);
          subtitle = describe_added (item);
          break;

        case BV_MEMBER_IMPORT_UPDATE:
          title = g_strdup (item->label);
          /* Translators: the fields an import changes, "Changes: phone, groups" */
          subtitle = g_strdup_printf (_("Changes: %s"), item->details);
          break;

        case BV_MEMBER_IMPORT_SKIP:
        default:
          title = g_strdup (item->details);
          subtitle = g_strdup (item->label);
          break;
        }

      /* Names come from a file: never let them be read as markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
      if (subtitle)
        adw_action_row_set_subtitle (row, subtitle);
      adw_action_row_set_title_lines (row, 2);
      adw_preferences_group_add (group, GTK_WIDGET (row));
    }

  if (items->len > shown)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      g_autofree char *more = g_strdup_printf (ngettext ("And %u more", "And %u more",
                                                         items->len - shown),
                                               items->len - shown);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      adw_preferences_group_add (group, GTK_WIDGET (row));
    }
}

static void
fill (BvMemberImportDialog *self)
{
  GPtrArray *added = bv_member_import_get_added (self->import);
  GPtrArray *updated = bv_member_import_get_updated (self->import);
  GPtrArray *skipped = bv_member_import_get_skipped (self->import);
  g_autofree char *added_title = NULL;
  g_autofree char *updated_title = NULL;
  g_autofree char *skipped_title = NULL;
  g_autofree char *summary = NULL;

  if (bv_member_import_get_name (self->import))
    adw_window_title_set_subtitle (self->window_title, bv_member_import_get_name (self->import));

  /* Translators: a heading in the import preview with the number of members */
  added_title = g_strdup_printf (_("New (%u)"), added->len);
  /* Translators: a heading in the import preview with the number of members */
  updated_title = g_strdup_printf (_("Updated (%u)"), updated->len);
  /* Translators: a heading in the import preview with the number of rows */
  skipped_title = g_strdup_printf (_("Skipped (%u)"), skipped->len);
  fill_group (self->added_group, added, added_title, _("Nobody new"));
  fill_group (self->updated_group, updated, updated_title, _("Nobody to update"));
  fill_group (self->skipped_group, skipped, skipped_title, _("Every row can be imported"));

  if (added->len + updated->len == 0)
    summary = g_strdup (_("There is nothing to import: every row is skipped. The reasons are listed below."));
  else
    summary = g_strdup (_("Check the list, then import it. Empty fields in the file leave what is stored, and groups are only added, never removed."));

  /* Said before importing, so that nobody is surprised that some of the
   * club can only be invited on paper. */
  {
    guint without_email = 0;

    for (guint i = 0; i < added->len + updated->len; i++)
      {
        BvMemberImportItem *item = g_ptr_array_index (i < added->len ? added : updated,
                                                      i < added->len ? i : i - added->len);

        if (item->member && !bv_member_get_email (item->member))
          without_email++;
      }
    if (without_email > 0)
      {
        g_autofree char *warning = NULL;
        char *both;

        warning = g_strdup_printf (ngettext ("%u without an e-mail address: they get their invitation by letter.",
                                             "%u without an e-mail address: they get their invitation by letter.",
                                             without_email),
                                   without_email);
        both = g_strconcat (summary, "\n\n", warning, NULL);
        g_free (summary);
        summary = both;
      }
  }
  gtk_label_set_text (self->summary_label, summary);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.apply", added->len + updated->len > 0);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BvMemberImportDialog *self = BV_MEMBER_IMPORT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  BvMemberImportCounts counts = { 0 };

  if (!bv_member_import_apply (self->import, self->database, &counts, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, counts.added, counts.updated, counts.skipped);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
bv_member_import_dialog_dispose (GObject *object)
{
  BvMemberImportDialog *self = (BvMemberImportDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BV_TYPE_MEMBER_IMPORT_DIALOG);
  g_clear_object (&self->database);
  g_clear_object (&self->import);

  G_OBJECT_CLASS (bv_member_import_dialog_parent_class)->dispose (object);
}

static void
bv_member_import_dialog_class_init (BvMemberImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bv_member_import_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bv-member-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BvMemberImportDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, BvMemberImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, BvMemberImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, BvMemberImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BvMemberImportDialog, added_group);
  gtk_widget_class_bind_template_child (widget_class, BvMemberImportDialog, updated_group);
  gtk_widget_class_bind_template_child (widget_class, BvMemberImportDialog, skipped_group);

  gtk_widget_class_install_action (widget_class, "import.apply", NULL, apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  signals[SIGNAL_IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
}

static void
bv_member_import_dialog_init (BvMemberImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BvMemberImportDialog *
bv_member_import_dialog_new (GtkWindow      *parent,
                             BvDatabase     *database,
                             BvMemberImport *import)
{
  BvMemberImportDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BV_IS_DATABASE (database), NULL);
  g_return_val_if_fail (BV_IS_MEMBER_IMPORT (import), NULL);

  self = g_object_new (BV_TYPE_MEMBER_IMPORT_DIALOG,
                       "transient-for", parent,
                       "title", _("Import Members"),
                       NULL);
  self->database = g_object_ref (database);
  self->import = g_object_ref (import);
  fill (self);
  bv_ui_fix_accessible_names (GTK_WIDGET (self));

  return self;
}
