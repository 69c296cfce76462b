/* bv-invitation-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-core"

#include "config.h"

#include "bv-invitation-export.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bv-invitation-files.h"

struct _BvInvitationExport
{
  GObject              parent_instance;

  BvMeeting           *meeting;
  GPtrArray           *exceptions;    /* BvMeetingException, nullable */
  GPtrArray           *participants;  /* BvParticipant */
  GPtrArray           *links;         /* char *, one per participant */
  char                *template_text;
  /* Owned copies of what the caller's context pointed to. */
  char                *club_name;
  char                *privacy_contact;
  char                *dial_number;
  char                *voice_bridge;
  BvInvitationContext  context;
};

G_DEFINE_FINAL_TYPE (BvInvitationExport, bv_invitation_export, G_TYPE_OBJECT)

static void
bv_invitation_export_finalize (GObject *object)
{
  BvInvitationExport *self = BV_INVITATION_EXPORT (object);

  g_clear_object (&self->meeting);
  g_clear_pointer (&self->exceptions, g_ptr_array_unref);
  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_pointer (&self->links, g_ptr_array_unref);
  g_free (self->template_text);
  g_free (self->club_name);
  g_free (self->privacy_contact);
  g_free (self->dial_number);
  g_free (self->voice_bridge);

  G_OBJECT_CLASS (bv_invitation_export_parent_class)->finalize (object);
}

static void
bv_invitation_export_class_init (BvInvitationExportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bv_invitation_export_finalize;
}

static void
bv_invitation_export_init (BvInvitationExport *self)
{
  self->participants = g_ptr_array_new_with_free_func (g_object_unref);
  self->links = g_ptr_array_new_with_free_func (g_free);
}

BvInvitationExport *
bv_invitation_export_new (BvMeeting                 *meeting,
                          const char                *template_text,
                          const BvInvitationContext *context)
{
  BvInvitationExport *self;

  g_return_val_if_fail (BV_IS_MEETING (meeting), NULL);

  self = g_object_new (BV_TYPE_INVITATION_EXPORT, NULL);
  self->meeting = g_object_ref (meeting);
  self->template_text = g_strdup (template_text);
  if (context)
    {
      self->club_name = g_strdup (context->club_name);
      self->privacy_contact = g_strdup (context->privacy_contact);
      self->dial_number = g_strdup (context->dial_number);
      self->voice_bridge = g_strdup (context->voice_bridge);
    }
  self->context.club_name = self->club_name;
  self->context.privacy_contact = self->privacy_contact;
  self->context.dial_number = self->dial_number;
  self->context.voice_bridge = self->voice_bridge;
  return self;
}

void
bv_invitation_export_set_exceptions (BvInvitationExport *self,
                                     GPtrArray          *exceptions)
{
  g_return_if_fail (BV_IS_INVITATION_EXPORT (self));

  g_clear_pointer (&self->exceptions, g_ptr_array_unref);
  self->exceptions = exceptions ? g_ptr_array_ref (exceptions) : NULL;
}

void
bv_invitation_export_add (BvInvitationExport *self,
                          BvParticipant      *participant,
                          const char         *link)
{
  g_return_if_fail (BV_IS_INVITATION_EXPORT (self));
  g_return_if_fail (BV_IS_PARTICIPANT (participant));

  g_ptr_array_add (self->participants, g_object_ref (participant));
  g_ptr_array_add (self->links, g_strdup (link));
}

void
bv_invitation_export_add_signed (BvInvitationExport *self,
                                 BvBbbClient        *client,
                                 BvServer           *server,
                                 GPtrArray          *participants)
{
  g_return_if_fail (BV_IS_INVITATION_EXPORT (self));
  g_return_if_fail (participants);

  for (guint i = 0; i < participants->len; i++)
    {
      BvParticipant *participant = g_ptr_array_index (participants, i);

      g_ptr_array_add (self->participants, g_object_ref (participant));
      g_ptr_array_add (self->links, bv_invitation_build_link (client, server, self->meeting, participant));
    }
}

guint
bv_invitation_export_get_n_people (BvInvitationExport *self)
{
  g_return_val_if_fail (BV_IS_INVITATION_EXPORT (self), 0);

  return self->participants->len;
}

/**
 * bv_invitation_export_letters:
 *
 * Returns: (transfer full) (nullable): the letters
 */
BvPrintDocument *
bv_invitation_export_letters (BvInvitationExport *self,
                              guint              *n_letters)
{
  g_autoptr(BvPrintDocument) letters = NULL;
  guint n = 0;

  g_return_val_if_fail (BV_IS_INVITATION_EXPORT (self), NULL);

  {
    /* Translators: the title of the printed letters; %s is a meeting's title. */
    g_autofree char *title = g_strdup_printf (_("Invitations by letter: %s"), bv_meeting_get_title (self->meeting));

    letters = bv_print_document_new (title);
  }
  for (guint i = 0; i < self->participants->len; i++)
    {
      BvParticipant *participant = g_ptr_array_index (self->participants, i);
      const char *email = bv_participant_get_email (participant);
      const char *link = g_ptr_array_index (self->links, i);
      g_autofree char *text = NULL;

      if (email && *email)
        continue;
      if (n++ > 0)
        bv_print_document_add_page_break (letters);
      if (self->context.club_name && *self->context.club_name)
        bv_print_document_add_subheading (letters, self->context.club_name);
      bv_print_document_add_paragraph (letters, bv_participant_get_name (participant));
      bv_print_document_add_heading (letters, bv_meeting_get_title (self->meeting));
      text = bv_invitation_render_for (self->template_text, self->meeting, participant, link, &self->context);
      bv_print_document_add_paragraph (letters, text);
      bv_print_document_add_subheading (letters, _("Your personal link"));
      bv_print_document_add_paragraph (letters, _("Scan the code with a smartphone or tablet camera, "
                                                  "or type the link into a web browser. It is meant for "
                                                  "you alone: please do not pass it on."));
      bv_print_document_add_qr_code (letters, link, 150);
      if (self->context.dial_number && self->context.voice_bridge)
        {
          /* Translators: a telephone number, then the PIN of the room. */
          g_autofree char *dial = g_strdup_printf (_("By telephone: call %s and enter the PIN %s."),
                                                   self->context.dial_number, self->context.voice_bridge);

          bv_print_document_add_subheading (letters, _("Without a computer"));
          bv_print_document_add_paragraph (letters, dial);
        }
    }
  if (n_letters)
    *n_letters = n;
  return n > 0 ? g_steal_pointer (&letters) : NULL;
}

char *
bv_invitation_export_merge_csv (BvInvitationExport *self)
{
  g_return_val_if_fail (BV_IS_INVITATION_EXPORT (self), NULL);

  return bv_invitation_merge_csv (self->meeting, self->participants, self->links,
                                  self->template_text, &self->context);
}

gboolean
bv_invitation_export_write_merge (BvInvitationExport  *self,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GError             **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (BV_IS_INVITATION_EXPORT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  csv = bv_invitation_export_merge_csv (self);
  /* Private: every link lets its person into the room. */
  return g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE,
                                  G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, cancellable, error);
}

static void
merge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (bv_invitation_export_write_merge (source_object, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
bv_invitation_export_write_merge_async (BvInvitationExport  *self,
                                        GFile               *file,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BV_IS_INVITATION_EXPORT (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_invitation_export_write_merge_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, merge_thread);
}

gboolean
bv_invitation_export_write_merge_finish (BvInvitationExport  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Into a new folder, so that no file there is replaced and names that a
 * USB stick or a network share would take for one ("Anna", "anna") stay
 * two files: nobody gets another person's link. */
GFile *
bv_invitation_export_write_calendar (BvInvitationExport  *self,
                                     GFile               *parent,
                                     guint               *n_files,
                                     GCancellable        *cancellable,
                                     GError             **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folder_name = NULL;
  GFile *folder;
  char *ics;

  g_return_val_if_fail (BV_IS_INVITATION_EXPORT (self), NULL);
  g_return_val_if_fail (G_IS_FILE (parent), NULL);

  /* The whole meeting first, so that it keeps the plain title. */
  ics = bv_invitation_build_ics_full (self->meeting, self->exceptions, NULL, NULL, error);
  if (!ics)
    return NULL;
  g_ptr_array_add (names, (gpointer) bv_meeting_get_title (self->meeting));
  g_ptr_array_add (contents, ics);

  for (guint i = 0; i < self->participants->len; i++)
    {
      BvParticipant *participant = g_ptr_array_index (self->participants, i);
      const char *link = g_ptr_array_index (self->links, i);
      g_autofree char *text = NULL;

      text = bv_invitation_render_for (self->template_text, self->meeting,
                                       participant, link, &self->context);
      ics = bv_invitation_build_ics_full (self->meeting, self->exceptions, link, text, error);
      if (!ics)
        return NULL;
      g_ptr_array_add (names, (gpointer) bv_participant_get_name (participant));
      g_ptr_array_add (contents, ics);
    }

  folder_name = bv_invitation_files_folder_name (self->meeting);
  folder = bv_invitation_files_write (parent, folder_name, names, contents, cancellable, error);
  if (folder && n_files)
    *n_files = contents->len;
  return folder;
}

typedef struct
{
  GFile *parent;
  guint  n_files;
} CalendarWrite;

static void
calendar_write_free (CalendarWrite *write)
{
  g_object_unref (write->parent);
  g_free (write);
}

static void
calendar_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  CalendarWrite *write = task_data;
  GError *error = NULL;
  GFile *folder;

  folder = bv_invitation_export_write_calendar (source_object, write->parent, &write->n_files,
                                                cancellable, &error);
  if (folder)
    g_task_return_pointer (task, folder, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
bv_invitation_export_write_calendar_async (BvInvitationExport  *self,
                                           GFile               *parent,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CalendarWrite *write;

  g_return_if_fail (BV_IS_INVITATION_EXPORT (self));
  g_return_if_fail (G_IS_FILE (parent));

  write = g_new0 (CalendarWrite, 1);
  write->parent = g_object_ref (parent);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bv_invitation_export_write_calendar_async);
  g_task_set_task_data (task, write, (GDestroyNotify) calendar_write_free);
  g_task_run_in_thread (task, calendar_thread);
}

GFile *
bv_invitation_export_write_calendar_finish (BvInvitationExport  *self,
                                            GAsyncResult        *result,
                                            guint               *n_files,
                                            GError             **error)
{
  GFile *folder;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  folder = g_task_propagate_pointer (G_TASK (result), error);
  if (folder && n_files)
    *n_files = ((CalendarWrite *) g_task_get_task_data (G_TASK (result)))->n_files;
  return folder;
}
