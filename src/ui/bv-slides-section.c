/* bv-slides-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include "bv-slides-section.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bv-join.h"
#include "bv-ui-utils.h"

/* BigBlueButton's default upload limit (bbb-web maxFileSizeUpload); the
 * slides travel together in the create request, so the sum counts too. */
/* Translators: %1$s is a file name, %2$s its size and %3$s the limit,
 * sizes such as "1.4 MB". */
#define TOO_BIG_MESSAGE _("“%1$s” is %2$s; a meeting can take at most %3$s of slides. Save it smaller, " \
                          "e.g. as PDF with compressed pictures, or upload it in the meeting itself.")

/* They travel inside the create request, whose body a default server
 * limits (bv-join.h). */
#define SLIDES_MAX_BYTES BV_JOIN_SLIDES_MAX_BYTES

typedef struct
{
  char      *path;
  goffset    size;       /* -1 while unknown */
  gboolean   missing;
  gboolean   added;      /* added in this editor, not loaded */
  GtkWidget *row;
} BvSlide;

struct _BvSlidesSection
{
  AdwPreferencesGroup   parent_instance;

  GtkLabel             *slides_error;

  BvMeeting            *draft;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  GPtrArray            *slides;          /* BvSlide */
  guint                 n_pending;
  char                 *refusal;         /* why the last added file was not taken */
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BvSlidesSection, bv_slides_section, ADW_TYPE_PREFERENCES_GROUP)

static void
slide_free (gpointer data)
{
  BvSlide *slide = data;

  g_free (slide->path);
  g_free (slide);
}

static goffset
slides_total (BvSlidesSection *self)
{
  goffset total = 0;

  for (guint i = 0; i < self->slides->len; i++)
    {
      BvSlide *slide = g_ptr_array_index (self->slides, i);

      if (slide->size > 0)
        total += slide->size;
    }
  return total;
}

static char *
display_name (const char *path)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_strdelimit (name, "\n\r", ' ');
  return g_steal_pointer (&name);
}

static void
update_slide_row (BvSlide *slide)
{
  g_autofree char *size = NULL;
  g_autofree char *subtitle = NULL;

  gtk_widget_remove_css_class (slide->row, "error");
  gtk_widget_remove_css_class (slide->row, "warning");

  if (slide->missing)
    {
      subtitle = g_strdup (_("This file no longer exists. Remove it, or add it again from its new place."));
      gtk_widget_add_css_class (slide->row, "warning");
    }
  else if (slide->size < 0)
    subtitle = g_strdup (_("Reading the file size…"));
  else if (slide->size > SLIDES_MAX_BYTES)
    {
      g_autofree char *limit = g_format_size (SLIDES_MAX_BYTES);

      size = g_format_size (slide->size);
      /* Translators: %1$s is a file size such as "41.2 MB", %2$s the limit such as "1.4 MB" */
      subtitle = g_strdup_printf (_("%1$s: too big, a meeting can take at most %2$s of slides"), size, limit);
      gtk_widget_add_css_class (slide->row, "error");
    }
  else
    subtitle = g_format_size (slide->size);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (slide->row), subtitle);
}

static BvSlide *
find_slide (BvSlidesSection *self,
            const char      *path,
            guint           *index)
{
  for (guint i = 0; i < self->slides->len; i++)
    {
      BvSlide *slide = g_ptr_array_index (self->slides, i);

      if (g_str_equal (slide->path, path))
        {
          if (index)
            *index = i;
          return slide;
        }
    }
  return NULL;
}

static void
sync_slides (BvSlidesSection *self)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();

  for (guint i = 0; i < self->slides->len; i++)
    g_ptr_array_add (paths, ((BvSlide *) g_ptr_array_index (self->slides, i))->path);
  g_ptr_array_add (paths, NULL);
  bv_meeting_set_slides (self->draft, (const char * const *) paths->pdata);
}

static void
remove_slide (BvSlidesSection *self,
              const char      *path)
{
  guint index;
  BvSlide *slide = find_slide (self, path, &index);

  if (!slide)
    return;
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), slide->row);
  g_ptr_array_remove_index (self->slides, index);
  sync_slides (self);
}

static void
set_refusal (BvSlidesSection *self,
             char            *message)
{
  g_free (self->refusal);
  self->refusal = message;
}

static void
remove_slide_clicked_cb (GtkButton       *button,
                         BvSlidesSection *self)
{
  g_autofree char *path = g_strdup (g_object_get_data (G_OBJECT (button), "bv-path"));

  set_refusal (self, NULL);
  remove_slide (self, path);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* No reference on the section: its dispose cancels the query, and the
 * callback then touches nothing but the query. */
typedef struct
{
  BvSlidesSection *self;
  char            *path;
} BvSlideSizeQuery;

static void
size_query_free (BvSlideSizeQuery *query)
{
  g_free (query->path);
  g_free (query);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BvSlideSizeQuery, size_query_free)

/* Whether the slide read may stay; otherwise the refusal says why. */
static gboolean
take_slide_info (BvSlidesSection *self,
                 BvSlide         *slide,
                 GFileInfo       *info,
                 const GError    *error)
{
  g_autofree char *name = display_name (slide->path);

  if (!info && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) && !slide->added)
    slide->missing = TRUE;
  else if (!info)
    {
      /* Translators: %s is a file name */
      set_refusal (self, g_strdup_printf (_("“%s” cannot be read. Check that the file is still there and that you may open it."),
                                          name));
      return FALSE;
    }
  else if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      set_refusal (self, g_strdup_printf (_("“%s” is not a file. Choose a document or a picture."), name));
      return FALSE;
    }
  else
    slide->size = g_file_info_get_size (info);

  if (slide->added && slide->size > SLIDES_MAX_BYTES)
    {
      g_autofree char *size = g_format_size (slide->size);
      g_autofree char *limit = g_format_size (SLIDES_MAX_BYTES);

      set_refusal (self, g_strdup_printf (TOO_BIG_MESSAGE, name, size, limit));
      return FALSE;
    }
  if (slide->added && slides_total (self) > SLIDES_MAX_BYTES)
    {
      g_autofree char *total = g_format_size (slides_total (self));
      g_autofree char *limit = g_format_size (SLIDES_MAX_BYTES);

      /* Translators: %1$s is a file name, %2$s and %3$s sizes such as "1.4 MB" */
      set_refusal (self, g_strdup_printf (_("“%1$s” was not added: together the slides would have %2$s, "
                                            "and a meeting can take at most %3$s. Remove a file "
                                            "or upload it in the meeting itself."),
                                          name, total, limit));
      return FALSE;
    }
  return TRUE;
}

static void
slide_info_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BvSlideSizeQuery) query = user_data;
  BvSlidesSection *self = query->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  BvSlide *slide;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->n_pending--;
  slide = find_slide (self, query->path, NULL);
  if (slide && take_slide_info (self, slide, info, error))
    update_slide_row (slide);
  else if (slide)
    remove_slide (self, query->path);

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
append_slide (BvSlidesSection *self,
              const char      *path,
              gboolean         added)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *name = display_name (path);
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  g_autofree char *remove_label = NULL;
  BvSlideSizeQuery *query;
  BvSlide *slide;
  GtkWidget *button;

  slide = g_new0 (BvSlide, 1);
  slide->path = g_strdup (path);
  slide->size = -1;
  slide->added = added;
  slide->row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (slide->row), escaped);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* Translators: %s is a file name */
  remove_label = g_strdup_printf (_("Remove %s"), name);
  gtk_widget_set_tooltip_text (button, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_object_set_data_full (G_OBJECT (button), "bv-path", g_strdup (path), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_slide_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (slide->row), button);

  g_ptr_array_add (self->slides, slide);
  update_slide_row (slide);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), slide->row);
  sync_slides (self);

  query = g_new0 (BvSlideSizeQuery, 1);
  query->self = self;
  query->path = g_strdup (path);
  self->n_pending++;
  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, self->cancellable,
                           slide_info_cb, query);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     BvSlidesSection *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      bv_slides_section_add_files (self, files);
    }
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  BvSlidesSection *self = BV_SLIDES_SECTION (widget);
  static const char * const patterns[] = {
    "*.pdf", "*.odp", "*.ppt", "*.pptx", "*.odt", "*.doc", "*.docx", "*.odg", "*.txt", "*.jpg", "*.jpeg", "*.png",
  };
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser)
    return;

  gtk_file_filter_set_name (filter, _("Documents and Pictures"));
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      g_autofree char *upper = g_ascii_strup (patterns[i], -1);

      gtk_file_filter_add_pattern (filter, patterns[i]);
      gtk_file_filter_add_pattern (filter, upper);
    }

  self->chooser = gtk_file_chooser_native_new (_("Add Slides"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
bv_slides_section_dispose (GObject *object)
{
  BvSlidesSection *self = BV_SLIDES_SECTION (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->draft);

  G_OBJECT_CLASS (bv_slides_section_parent_class)->dispose (object);
}

static void
bv_slides_section_finalize (GObject *object)
{
  BvSlidesSection *self = BV_SLIDES_SECTION (object);

  g_clear_pointer (&self->slides, g_ptr_array_unref);
  g_free (self->refusal);

  G_OBJECT_CLASS (bv_slides_section_parent_class)->finalize (object);
}

static void
bv_slides_section_class_init (BvSlidesSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bv_slides_section_dispose;
  object_class->finalize = bv_slides_section_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/bv-slides-section.ui");
  gtk_widget_class_bind_template_child (widget_class, BvSlidesSection, slides_error);
  gtk_widget_class_bind_template_child_full (widget_class, "add_slides_button", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "slides.add", NULL, add_action);
}

static void
bv_slides_section_init (BvSlidesSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->slides = g_ptr_array_new_with_free_func (slide_free);
}

void
bv_slides_section_set_meeting (BvSlidesSection *self,
                               BvMeeting       *draft)
{
  const char * const *paths;

  g_return_if_fail (BV_IS_SLIDES_SECTION (self));
  g_return_if_fail (BV_IS_MEETING (draft));
  g_return_if_fail (self->draft == NULL);

  self->draft = g_object_ref (draft);
  paths = bv_meeting_get_slides (draft);
  for (guint i = 0; paths[i]; i++)
    append_slide (self, paths[i], FALSE);
}

void
bv_slides_section_add_files (BvSlidesSection *self,
                             GListModel      *files)
{
  g_return_if_fail (BV_IS_SLIDES_SECTION (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));
  g_return_if_fail (self->draft != NULL);

  set_refusal (self, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *path = g_file_get_path (file);

      if (!path)
        {
          g_autofree char *name = g_file_get_parse_name (file);

          /* Translators: %s is a file name or address */
          set_refusal (self, g_strdup_printf (_("“%s” is not on this computer. Copy it into a folder "
                                                "here and add it from there."), name));
          continue;
        }
      if (strpbrk (path, "\n\r"))
        {
          g_autofree char *name = display_name (path);

          /* Translators: %s is a file name */
          set_refusal (self, g_strdup_printf (_("The name of “%s” contains a line break, which "
                                                "the server cannot take. Rename the file and add "
                                                "it again."), name));
          continue;
        }
      if (find_slide (self, path, NULL))
        continue;
      append_slide (self, path, TRUE);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
bv_slides_section_is_busy (BvSlidesSection *self)
{
  g_return_val_if_fail (BV_IS_SLIDES_SECTION (self), FALSE);

  return self->n_pending > 0;
}

char *
bv_slides_section_check (BvSlidesSection *self)
{
  g_autofree char *problem = NULL;

  g_return_val_if_fail (BV_IS_SLIDES_SECTION (self), NULL);

  for (guint i = 0; i < self->slides->len && !problem; i++)
    {
      BvSlide *slide = g_ptr_array_index (self->slides, i);

      if (slide->size > SLIDES_MAX_BYTES)
        {
          g_autofree char *name = display_name (slide->path);
          g_autofree char *size = g_format_size (slide->size);
          g_autofree char *limit = g_format_size (SLIDES_MAX_BYTES);

          problem = g_strdup_printf (TOO_BIG_MESSAGE, name, size, limit);
        }
    }
  if (!problem && slides_total (self) > SLIDES_MAX_BYTES)
    {
      g_autofree char *total = g_format_size (slides_total (self));
      g_autofree char *limit = g_format_size (SLIDES_MAX_BYTES);

      /* Translators: %1$s and %2$s are sizes such as "1.4 MB" */
      problem = g_strdup_printf (_("Together the slides have %1$s; a meeting can take at most %2$s. "
                                   "Remove a file or upload it in the meeting itself."), total, limit);
    }

  bv_ui_show_message (self->slides_error, self->refusal ? self->refusal : problem, "error");
  return g_steal_pointer (&problem);
}
