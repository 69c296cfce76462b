/* bv-bbb-parser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-bbb"

#include "config.h"

#include "bv-bbb-parser.h"

#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <string.h>

#include "bv-bbb-error.h"
#include "bv-bbb-models-private.h"

/* No network, no DTD loading, no entity substitution (NOENT and DTDLOAD are
 * left out on purpose, and so is HUGE, which would lift libxml2's own
 * limits). NOCDATA turns CDATA into plain text, COMPACT keeps short text in
 * the node itself: fewer allocations for ten thousand recordings. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOCDATA | \
                       XML_PARSE_COMPACT | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

typedef struct
{
  gboolean   saw_doctype;
  gboolean   doctype_is_html;
  GPtrArray *recordings;   /* when set, see take_recording_cb () */
} ParseState;

/* A borrowed, trimmed piece of text inside the document. */
typedef struct
{
  const char *str;
  gsize       len;
} Span;

#define NAME_IS(node, literal) (strcmp ((const char *) (node)->name, (literal)) == 0)

static void
ensure_libxml (void)
{
  static gsize initialized = 0;

  /* xmlInitParser() must not race, and callers may parse in worker threads. */
  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

/* libxml2 2.12 made the error const. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *BvXmlErrorPtr;
#else
typedef xmlError *BvXmlErrorPtr;
#endif

static void
ignore_error_cb (void          *user_data,
                 BvXmlErrorPtr  xml_error)
{
  /* libxml2 would print to stderr; the caller gets a GError instead. */
}

/* No BigBlueButton answer has a DOCTYPE. Stopping at the declaration means
 * no entity is ever declared, so none can be expanded (billion laughs) or
 * fetched (external entities), whatever libxml2's defaults are. */
static void
reject_doctype_cb (void          *ctx,
                   const xmlChar *name,
                   const xmlChar *external_id,
                   const xmlChar *system_id)
{
  xmlParserCtxt *ctxt = ctx;
  ParseState *guard = ctxt->_private;

  guard->saw_doctype = TRUE;
  guard->doctype_is_html = name && g_ascii_strcasecmp ((const char *) name, "html") == 0;
  xmlStopParser (ctxt);
}

static gboolean
set_error (GError     **error,
           BvBbbError   code)
{
  g_propagate_error (error, bv_bbb_error_new (code));
  return FALSE;
}

static BvBbbRecording *recording_from_node (xmlNode *node);

/* A Scalelite answers getRecordings with every recording at once (tens of
 * megabytes for a big club): each <recording> becomes its object as soon
 * as it is complete and leaves the tree, so the document never holds more
 * than one of them. */
static void
take_recording_cb (void          *ctx,
                   const xmlChar *localname,
                   const xmlChar *prefix,
                   const xmlChar *uri)
{
  xmlParserCtxt *ctxt = ctx;
  ParseState *guard = ctxt->_private;
  xmlNode *parent;
  xmlNode *done;

  xmlSAX2EndElementNs (ctx, localname, prefix, uri);

  parent = ctxt->node;
  done = parent ? parent->last : NULL;
  /* Only <response><recordings><recording>; the document node above a
   * root element has no name. */
  if (!done || done->type != XML_ELEMENT_NODE || !NAME_IS (done, "recording") ||
      parent->type != XML_ELEMENT_NODE || !NAME_IS (parent, "recordings") ||
      !parent->parent || parent->parent->type != XML_ELEMENT_NODE ||
      !NAME_IS (parent->parent, "response"))
    return;

  g_ptr_array_add (guard->recordings, recording_from_node (done));
  xmlUnlinkNode (done);
  xmlFreeNode (done);
  /* libxml2 appends the next text straight into the last text node it
   * made, by its remembered length (nodelen/nodemem); that node may no
   * longer be the last child now. 0 makes it concatenate safely. */
  ctxt->nodemem = 0;
}

static xmlDoc *
read_document (const char  *data,
               gsize        length,
               GPtrArray   *recordings,
               GError     **error)
{
  ParseState guard = { FALSE, FALSE, recordings };
  xmlParserCtxt *ctxt;
  g_autoptr(xmlDoc) doc = NULL;
  gboolean well_formed;
  xmlNode *root;

  if (length > BV_BBB_MAX_RESPONSE_SIZE)
    {
      g_debug ("Refusing an answer of %" G_GSIZE_FORMAT " bytes", length);
      set_error (error, BV_BBB_ERROR_TOO_LARGE);
      return NULL;
    }

  if (!data || length == 0)
    {
      set_error (error, BV_BBB_ERROR_NOT_XML);
      return NULL;
    }

  ensure_libxml ();

  ctxt = xmlCreateMemoryParserCtxt (data, (int) length);
  if (!ctxt)
    {
      set_error (error, BV_BBB_ERROR_NOT_XML);
      return NULL;
    }

  xmlCtxtUseOptions (ctxt, PARSE_OPTIONS);
  ctxt->_private = &guard;
  ctxt->sax->internalSubset = reject_doctype_cb;
  ctxt->sax->serror = ignore_error_cb;
  if (recordings)
    ctxt->sax->endElementNs = take_recording_cb;

  xmlParseDocument (ctxt);

  doc = ctxt->myDoc;
  ctxt->myDoc = NULL;
  well_formed = ctxt->wellFormed;
  xmlFreeParserCtxt (ctxt);

  if (guard.saw_doctype)
    {
      g_debug ("Refusing an answer with a document type declaration");
      set_error (error, guard.doctype_is_html ? BV_BBB_ERROR_NOT_XML : BV_BBB_ERROR_NOT_BBB);
      return NULL;
    }

  root = doc ? xmlDocGetRootElement (doc) : NULL;
  if (!well_formed || !root)
    {
      set_error (error, BV_BBB_ERROR_NOT_XML);
      return NULL;
    }

  /* An error page of a proxy can be well-formed XHTML. */
  if (g_ascii_strcasecmp ((const char *) root->name, "html") == 0)
    {
      set_error (error, BV_BBB_ERROR_NOT_XML);
      return NULL;
    }

  return g_steal_pointer (&doc);
}

/* Only text directly inside the element counts (CDATA is text here, see
 * PARSE_OPTIONS). Nearly every leaf has exactly one text child, which is
 * used in place; *owned receives a copy only for split content. */
static Span
leaf_span (xmlNode  *node,
           char    **owned)
{
  Span span = { "", 0 };
  xmlNode *child = node->children;
  const char *end;

  *owned = NULL;

  if (!child)
    return span;

  if (!child->next && child->type == XML_TEXT_NODE)
    {
      span.str = (const char *) child->content;
    }
  else
    {
      GString *text = g_string_new (NULL);

      for (; child; child = child->next)
        if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
          g_string_append (text, (const char *) child->content);

      *owned = g_string_free (text, FALSE);
      span.str = *owned;
    }

  if (!span.str)
    {
      span.str = "";
      return span;
    }

  while (g_ascii_isspace (*span.str))
    span.str++;
  end = span.str + strlen (span.str);
  while (end > span.str && g_ascii_isspace (end[-1]))
    end--;
  span.len = end - span.str;

  return span;
}

/* NULL for an empty element: "Fields an answer lacks are NULL". */
static char *
leaf_text (xmlNode *node)
{
  g_autofree char *owned = NULL;
  Span span = leaf_span (node, &owned);

  return span.len ? g_strndup (span.str, span.len) : NULL;
}

static void
set_text (char    **field,
          xmlNode  *node)
{
  g_free (*field);
  *field = leaf_text (node);
}

/* Booleans are the literal lower-case "true"; anything else is false. */
static gboolean
leaf_bool (xmlNode *node)
{
  g_autofree char *owned = NULL;
  Span span = leaf_span (node, &owned);

  return span.len == 4 && memcmp (span.str, "true", 4) == 0;
}

static gint64
leaf_int64 (xmlNode *node)
{
  g_autofree char *owned = NULL;
  Span span = leaf_span (node, &owned);

  /* The span is followed only by whitespace or the end of the string. */
  return g_ascii_strtoll (span.str, NULL, 10);
}

static guint
leaf_uint (xmlNode *node)
{
  return (guint) CLAMP (leaf_int64 (node), 0, (gint64) G_MAXUINT);
}

static xmlNode *
find_child (xmlNode    *parent,
            const char *name)
{
  for (xmlNode *child = parent->children; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE && NAME_IS (child, name))
      return child;
  return NULL;
}

/* Metadata names are chosen by whoever created the meeting (lower-cased by
 * the server), so every child counts. */
static GPtrArray *
read_metadata (xmlNode *metadata)
{
  GPtrArray *pairs = NULL;

  for (xmlNode *child = metadata->children; child; child = child->next)
    {
      g_autofree char *owned = NULL;
      Span span;

      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (!pairs)
        pairs = _bv_bbb_metadata_pairs_new ();

      span = leaf_span (child, &owned);
      g_ptr_array_add (pairs, g_strdup ((const char *) child->name));
      g_ptr_array_add (pairs, g_strndup (span.str, span.len));
    }

  return pairs;
}

static void
set_metadata (GPtrArray **field,
              xmlNode    *node)
{
  g_clear_pointer (field, g_ptr_array_unref);
  *field = read_metadata (node);
}

static const char *
lookup_pair (GPtrArray  *pairs,
             const char *name)
{
  for (guint i = 0; pairs && i + 1 < pairs->len; i += 2)
    if (g_ascii_strcasecmp (g_ptr_array_index (pairs, i), name) == 0)
      return g_ptr_array_index (pairs, i + 1);
  return NULL;
}

/* Texts of all children called element_name, as a NULL-terminated vector;
 * NULL when there are none. */
static char **
read_text_list (xmlNode    *parent,
                const char *element_name)
{
  GPtrArray *list = NULL;

  for (xmlNode *child = parent->children; child; child = child->next)
    {
      char *text;

      if (child->type != XML_ELEMENT_NODE || !NAME_IS (child, element_name))
        continue;

      text = leaf_text (child);
      if (!text)
        continue;

      if (!list)
        list = g_ptr_array_new ();
      g_ptr_array_add (list, text);
    }

  if (!list)
    return NULL;

  g_ptr_array_add (list, NULL);
  return (char **) g_ptr_array_free (list, FALSE);
}

/* The answer's envelope: root <response> with <returncode>. FAILED becomes
 * the error for its messageKey. */
static xmlDoc *
open_answer_full (const char  *data,
                  gsize        length,
                  GPtrArray   *recordings,
                  xmlNode    **root_out,
                  char       **message_key_out,
                  GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *returncode = NULL;
  g_autofree char *message_key = NULL;
  g_autofree char *message = NULL;
  gboolean have_returncode = FALSE;
  xmlNode *root;

  doc = read_document (data, length, recordings, error);
  if (!doc)
    return NULL;

  root = xmlDocGetRootElement (doc);
  if (!NAME_IS (root, "response"))
    {
      g_debug ("Answer has root element <%s>, not <response>", (const char *) root->name);
      set_error (error, BV_BBB_ERROR_NOT_BBB);
      return NULL;
    }

  for (xmlNode *child = root->children; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (NAME_IS (child, "returncode"))
        {
          have_returncode = TRUE;
          set_text (&returncode, child);
        }
      else if (NAME_IS (child, "messageKey"))
        set_text (&message_key, child);
      else if (NAME_IS (child, "message"))
        set_text (&message, child);
    }

  if (!have_returncode)
    {
      set_error (error, BV_BBB_ERROR_NOT_BBB);
      return NULL;
    }

  if (g_strcmp0 (returncode, "FAILED") == 0)
    {
      /* The server's English text is for logs only, never shown. */
      g_debug ("Server answered FAILED: %s (%s)",
               message_key ? message_key : "(no messageKey)",
               message ? message : "");
      if (message_key)
        g_propagate_error (error, bv_bbb_error_new_for_key (message_key));
      else
        set_error (error, BV_BBB_ERROR_FAILED);
      return NULL;
    }

  if (g_strcmp0 (returncode, "SUCCESS") != 0)
    {
      g_debug ("Answer has an unknown returncode");
      set_error (error, BV_BBB_ERROR_NOT_BBB);
      return NULL;
    }

  *root_out = root;
  if (message_key_out)
    *message_key_out = g_steal_pointer (&message_key);

  return g_steal_pointer (&doc);
}

static xmlDoc *
open_answer (const char  *data,
             gsize        length,
             xmlNode    **root_out,
             char       **message_key_out,
             GError     **error)
{
  return open_answer_full (data, length, NULL, root_out, message_key_out, error);
}

static BvBbbAttendee *
attendee_from_node (xmlNode *node)
{
  BvBbbAttendee *self = g_object_new (BV_TYPE_BBB_ATTENDEE, NULL);

  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (NAME_IS (child, "userID"))
        set_text (&self->user_id, child);
      else if (NAME_IS (child, "fullName"))
        set_text (&self->full_name, child);
      else if (NAME_IS (child, "role"))
        {
          g_autofree char *role = leaf_text (child);
          self->is_moderator = g_strcmp0 (role, "MODERATOR") == 0;
        }
      else if (NAME_IS (child, "isPresenter"))
        self->is_presenter = leaf_bool (child);
      else if (NAME_IS (child, "isListeningOnly"))
        self->is_listening_only = leaf_bool (child);
      else if (NAME_IS (child, "hasJoinedVoice"))
        self->has_joined_voice = leaf_bool (child);
      else if (NAME_IS (child, "hasVideo"))
        self->has_video = leaf_bool (child);
      else if (NAME_IS (child, "clientType"))
        set_text (&self->client_type, child);
    }

  return self;
}

static void
read_attendees (BvBbbMeeting *self,
                xmlNode      *attendees)
{
  g_clear_pointer (&self->attendee_array, g_ptr_array_unref);
  g_clear_object (&self->attendees);

  for (xmlNode *child = attendees->children; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE || !NAME_IS (child, "attendee"))
        continue;

      if (!self->attendee_array)
        self->attendee_array = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (self->attendee_array, attendee_from_node (child));
    }
}

static void
read_breakout_fields (BvBbbMeeting *self,
                      xmlNode      *node)
{
  if (NAME_IS (node, "parentMeetingID"))
    set_text (&self->parent_meeting_id, node);
  else if (NAME_IS (node, "sequence"))
    self->sequence = leaf_uint (node);
  else if (NAME_IS (node, "freeJoin"))
    self->is_free_join = leaf_bool (node);
}

/* create and getMeetingInfo put the fields into <response>, getMeetings
 * into each <meeting>. */
static BvBbbMeeting *
meeting_from_node (xmlNode *node)
{
  BvBbbMeeting *self = g_object_new (BV_TYPE_BBB_MEETING, NULL);

  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (NAME_IS (child, "meetingID"))
        set_text (&self->meeting_id, child);
      else if (NAME_IS (child, "internalMeetingID"))
        set_text (&self->internal_meeting_id, child);
      else if (NAME_IS (child, "meetingName"))
        set_text (&self->name, child);
      else if (NAME_IS (child, "createTime"))
        self->create_time = leaf_int64 (child);
      else if (NAME_IS (child, "startTime"))
        self->start_time = leaf_int64 (child);
      else if (NAME_IS (child, "endTime"))
        self->end_time = leaf_int64 (child);
      else if (NAME_IS (child, "voiceBridge"))
        set_text (&self->voice_bridge, child);
      else if (NAME_IS (child, "dialNumber"))
        set_text (&self->dial_number, child);
      else if (NAME_IS (child, "attendeePW"))
        set_text (&self->attendee_password, child);
      else if (NAME_IS (child, "moderatorPW"))
        set_text (&self->moderator_password, child);
      else if (NAME_IS (child, "running"))
        self->is_running = leaf_bool (child);
      else if (NAME_IS (child, "recording"))
        self->is_recording = leaf_bool (child);
      else if (NAME_IS (child, "hasUserJoined"))
        self->has_user_joined = leaf_bool (child);
      else if (NAME_IS (child, "hasBeenForciblyEnded"))
        self->has_been_forcibly_ended = leaf_bool (child);
      else if (NAME_IS (child, "participantCount"))
        self->participant_count = leaf_uint (child);
      else if (NAME_IS (child, "listenerCount"))
        self->listener_count = leaf_uint (child);
      else if (NAME_IS (child, "voiceParticipantCount"))
        self->voice_participant_count = leaf_uint (child);
      else if (NAME_IS (child, "videoCount"))
        self->video_count = leaf_uint (child);
      else if (NAME_IS (child, "moderatorCount"))
        self->moderator_count = leaf_uint (child);
      else if (NAME_IS (child, "maxUsers"))
        self->max_users = leaf_uint (child);
      else if (NAME_IS (child, "isBreakout"))
        self->is_breakout = leaf_bool (child);
      else if (NAME_IS (child, "attendees"))
        read_attendees (self, child);
      else if (NAME_IS (child, "metadata"))
        set_metadata (&self->metadata_pairs, child);
      else if (NAME_IS (child, "breakoutRooms"))
        {
          g_strfreev (self->breakout_rooms);
          self->breakout_rooms = read_text_list (child, "breakout");
        }
      else if (NAME_IS (child, "breakout"))
        {
          /* The documented form wraps the parent's data in <breakout>;
           * bbb-web's templates put it directly into the meeting. */
          for (xmlNode *field = child->children; field; field = field->next)
            if (field->type == XML_ELEMENT_NODE)
              read_breakout_fields (self, field);
        }
      else
        read_breakout_fields (self, child);
    }

  /* create answers parentMeetingID "bbb-none" for ordinary meetings. */
  if (g_strcmp0 (self->parent_meeting_id, "bbb-none") == 0)
    g_clear_pointer (&self->parent_meeting_id, g_free);

  return self;
}

static BvBbbRecordingFormat *
format_from_node (xmlNode *node)
{
  BvBbbRecordingFormat *self = g_object_new (BV_TYPE_BBB_RECORDING_FORMAT, NULL);

  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (NAME_IS (child, "type"))
        set_text (&self->format_type, child);
      else if (NAME_IS (child, "url"))
        set_text (&self->url, child);
      else if (NAME_IS (child, "link") && !self->url)
        set_text (&self->url, child);   /* servers before 0.9 */
      else if (NAME_IS (child, "length"))
        self->length = leaf_uint (child);
      else if (NAME_IS (child, "processingTime"))
        self->processing_time = leaf_uint (child);
      else if (NAME_IS (child, "preview"))
        {
          xmlNode *images = find_child (child, "images");

          g_strfreev (self->previews);
          self->previews = images ? read_text_list (images, "image") : NULL;
        }
    }

  return self;
}

static void
read_playback (BvBbbRecording *self,
               xmlNode        *playback)
{
  g_clear_pointer (&self->format_array, g_ptr_array_unref);
  g_clear_object (&self->formats);

  for (xmlNode *child = playback->children; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE || !NAME_IS (child, "format"))
        continue;

      if (!self->format_array)
        self->format_array = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (self->format_array, format_from_node (child));
    }
}

static BvBbbRecording *
recording_from_node (xmlNode *node)
{
  BvBbbRecording *self = g_object_new (BV_TYPE_BBB_RECORDING, NULL);
  gboolean have_published = FALSE;

  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (NAME_IS (child, "recordID"))
        set_text (&self->record_id, child);
      else if (NAME_IS (child, "meetingID"))
        set_text (&self->meeting_id, child);
      else if (NAME_IS (child, "internalMeetingID"))
        set_text (&self->internal_meeting_id, child);
      else if (NAME_IS (child, "name"))
        set_text (&self->name, child);
      else if (NAME_IS (child, "state"))
        set_text (&self->state, child);
      else if (NAME_IS (child, "published"))
        {
          have_published = TRUE;
          self->is_published = leaf_bool (child);
        }
      else if (NAME_IS (child, "isBreakout"))
        self->is_breakout = leaf_bool (child);
      else if (NAME_IS (child, "protected"))
        self->is_protected = leaf_bool (child);
      else if (NAME_IS (child, "startTime"))
        self->start_time = leaf_int64 (child);
      else if (NAME_IS (child, "endTime"))
        self->end_time = leaf_int64 (child);
      else if (NAME_IS (child, "participants"))
        self->participants = leaf_uint (child);
      else if (NAME_IS (child, "metadata") ||
               (NAME_IS (child, "meta") && !self->metadata_pairs))
        set_metadata (&self->metadata_pairs, child);
      else if (NAME_IS (child, "playback"))
        read_playback (self, child);
    }

  /* Servers before 0.9 had neither <name> nor <state>. */
  if (!self->name)
    self->name = g_strdup (lookup_pair (self->metadata_pairs, "meetingName"));
  if (!self->state && have_published)
    self->state = g_strdup (self->is_published ? "published" : "unpublished");

  return self;
}

static GListModel *
list_from_array (GType      item_type,
                 GPtrArray *items)
{
  GListStore *store = g_list_store_new (item_type);

  g_list_store_splice (store, 0, 0, items->pdata, items->len);

  return G_LIST_MODEL (store);
}

BvBbbVersion *
bv_bbb_parse_version (const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *version = NULL;
  g_autofree char *bbb_version = NULL;
  g_autofree char *build = NULL;
  gboolean have_version = FALSE;
  gboolean have_api_version = FALSE;
  gboolean have_bbb_version = FALSE;
  BvBbbVersion *result;
  xmlNode *root = NULL;

  g_return_val_if_fail (data || length == 0, NULL);
  g_return_val_if_fail (!error || !*error, NULL);

  doc = open_answer (data, length, &root, NULL, error);
  if (!doc)
    return NULL;

  for (xmlNode *child = root->children; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (NAME_IS (child, "version"))
        {
          have_version = TRUE;
          set_text (&version, child);
        }
      else if (NAME_IS (child, "apiVersion"))
        have_api_version = TRUE;
      else if (NAME_IS (child, "bbbVersion"))
        {
          have_bbb_version = TRUE;
          set_text (&bbb_version, child);
        }
      else if (NAME_IS (child, "build"))
        set_text (&build, child);
    }

  /* Every server since 0.7 names its API version here. */
  if (!have_version)
    {
      set_error (error, BV_BBB_ERROR_NOT_BBB);
      return NULL;
    }

  result = _bv_bbb_version_new (version, bbb_version, build);
  /* An empty <bbbVersion> still tells a BigBlueButton server, not a
   * load balancer. */
  _bv_bbb_version_set_has_api_version (result, have_api_version || have_bbb_version);

  return result;
}

BvBbbMeeting *
bv_bbb_parse_meeting (const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *message_key = NULL;
  g_autoptr(BvBbbMeeting) meeting = NULL;
  xmlNode *root = NULL;

  g_return_val_if_fail (data || length == 0, NULL);
  g_return_val_if_fail (!error || !*error, NULL);

  doc = open_answer (data, length, &root, &message_key, error);
  if (!doc)
    return NULL;

  meeting = meeting_from_node (root);
  if (!meeting->meeting_id && !meeting->internal_meeting_id)
    {
      set_error (error, BV_BBB_ERROR_NOT_BBB);
      return NULL;
    }

  meeting->is_duplicate = g_strcmp0 (message_key, "duplicateWarning") == 0;

  return g_steal_pointer (&meeting);
}

GListModel *
bv_bbb_parse_meetings (const char  *data,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *message_key = NULL;
  g_autoptr(GPtrArray) items = NULL;
  xmlNode *root = NULL;
  xmlNode *meetings;

  g_return_val_if_fail (data || length == 0, NULL);
  g_return_val_if_fail (!error || !*error, NULL);

  doc = open_answer (data, length, &root, &message_key, error);
  if (!doc)
    return NULL;

  items = g_ptr_array_new_with_free_func (g_object_unref);
  meetings = find_child (root, "meetings");
  if (!meetings && g_strcmp0 (message_key, "noMeetings") != 0)
    {
      set_error (error, BV_BBB_ERROR_NOT_BBB);
      return NULL;
    }

  for (xmlNode *child = meetings ? meetings->children : NULL; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE && NAME_IS (child, "meeting"))
      g_ptr_array_add (items, meeting_from_node (child));

  return list_from_array (BV_TYPE_BBB_MEETING, items);
}

GListModel *
bv_bbb_parse_recordings (const char  *data,
                         gsize        length,
                         gint64      *total_count,
                         GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *message_key = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gint64 total = -1;
  xmlNode *root = NULL;
  xmlNode *recordings = NULL;

  g_return_val_if_fail (data || length == 0, NULL);
  g_return_val_if_fail (!error || !*error, NULL);

  if (total_count)
    *total_count = -1;

  items = g_ptr_array_new_with_free_func (g_object_unref);
  doc = open_answer_full (data, length, items, &root, &message_key, error);
  if (!doc)
    return NULL;

  for (xmlNode *child = root->children; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (NAME_IS (child, "recordings"))
        recordings = child;
      else if (NAME_IS (child, "totalElements"))
        total = leaf_int64 (child);
    }

  if (!recordings && g_strcmp0 (message_key, "noRecordings") != 0)
    {
      set_error (error, BV_BBB_ERROR_NOT_BBB);
      return NULL;
    }

  /* Taken out while parsing; anything else left in <recordings> below. */
  for (xmlNode *child = recordings ? recordings->children : NULL; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (NAME_IS (child, "recording"))
        g_ptr_array_add (items, recording_from_node (child));
      else if (NAME_IS (child, "totalElements"))
        total = leaf_int64 (child);
    }

  if (total_count)
    *total_count = total;

  return list_from_array (BV_TYPE_BBB_RECORDING, items);
}

gboolean
bv_bbb_parse_running (const char  *data,
                      gsize        length,
                      gboolean    *running,
                      GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *root = NULL;
  xmlNode *node;

  g_return_val_if_fail (data || length == 0, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (running)
    *running = FALSE;

  doc = open_answer (data, length, &root, NULL, error);
  if (!doc)
    return FALSE;

  node = find_child (root, "running");
  if (!node)
    return set_error (error, BV_BBB_ERROR_NOT_BBB);

  if (running)
    *running = leaf_bool (node);

  return TRUE;
}

gboolean
bv_bbb_parse_success (const char  *data,
                      gsize        length,
                      char       **message_key,
                      GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *key = NULL;
  xmlNode *root = NULL;

  g_return_val_if_fail (data || length == 0, FALSE);
  g_return_val_if_fail (!error || !*error, FALSE);

  if (message_key)
    *message_key = NULL;

  doc = open_answer (data, length, &root, &key, error);
  if (!doc)
    return FALSE;

  if (message_key)
    *message_key = g_steal_pointer (&key);

  return TRUE;
}

/* The value of errors= is URL-encoded JSON written by bbb-web's own
 * template; only the keys matter, so a small scan is enough and no JSON
 * library is needed. */
static char *
first_error_key (const char *json)
{
  const char *p = strstr (json, "\"key\"");
  const char *start;
  const char *end;

  if (!p)
    return NULL;
  p += 5;
  while (*p == ' ' || *p == ':')
    p++;
  if (*p != '"')
    return NULL;
  start = ++p;
  end = strchr (start, '"');
  if (!end || end == start)
    return NULL;
  return g_strndup (start, end - start);
}

gboolean
bv_bbb_parse_join_redirect (const char  *location,
                            GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *query;
  const char *errors;
  g_autofree char *key = NULL;

  g_return_val_if_fail (location, FALSE);

  uri = g_uri_parse (location, G_URI_FLAGS_ENCODED, NULL);
  if (!uri)
    {
      g_propagate_error (error, bv_bbb_error_new (BV_BBB_ERROR_NOT_BBB));
      return FALSE;
    }

  query = g_uri_get_query (uri);
  if (!query)
    return TRUE;

  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  errors = params ? g_hash_table_lookup (params, "errors") : NULL;
  if (!errors)
    return TRUE;

  key = first_error_key (errors);
  g_propagate_error (error, key ? bv_bbb_error_new_for_key (key) : bv_bbb_error_new (BV_BBB_ERROR_FAILED));
  return FALSE;
}
