/* bv-help.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bv-ui"

#include "config.h"

#include "bv-help.h"

#include <glib/gi18n.h>

#include "bv-ui-utils.h"

typedef struct
{
  GtkWindow *window;  /* weak */
  char      *page_id;
} HelpRequest;

static void
help_request_free (HelpRequest *request)
{
  g_clear_weak_pointer (&request->window);
  g_free (request->page_id);
  g_free (request);
}

static GtkWindow *
window_of (GtkWidget *parent)
{
  GtkRoot *root = parent ? gtk_widget_get_root (parent) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static const char *
html_dir (void)
{
  const char *dir = g_getenv ("BBB_VEREINE_HELP_HTML_DIR");

  return dir && *dir ? dir : HELP_HTML_DIR;
}

char *
bv_help_html_uri (const char *page_id)
{
  const char * const *languages = g_get_language_names ();
  g_autofree char *file_name = g_strconcat (page_id ? page_id : "index", ".html", NULL);

  /* "de_DE.UTF-8", "de_DE", "de", "C": the first folder that has the page. */
  for (guint i = 0; languages[i]; i++)
    {
      g_autofree char *path = g_build_filename (html_dir (), languages[i], file_name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_filename_to_uri (path, NULL, NULL);
    }

  return NULL;
}

static void
say_failed (GtkWindow *window)
{
  bv_ui_show_error (window, _("The help could not be opened"),
                    _("Neither a help viewer nor a web browser could show it. Install the help viewer (the package “yelp”) or a web browser, then try again."));
}

static void
browser_shown_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  HelpRequest *request = user_data;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    {
      g_warning ("Could not open the HTML help: %s", error->message);
      say_failed (request->window);
    }
  help_request_free (request);
}

static void
browser_launched_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  HelpRequest *request = user_data;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_warning ("Could not open the HTML help: %s", error->message);
      say_failed (request->window);
    }
  help_request_free (request);
}

/* The web browser with the HTML help: the desktop without the help
 * viewer still has one. */
static void
show_html (HelpRequest *request)
{
  g_autofree char *uri = bv_help_html_uri (request->page_id);

  if (!uri)
    {
      bv_ui_show_error (request->window, _("The help could not be opened"),
                        _("The help is not installed. Install the app again, then try again."));
      help_request_free (request);
      return;
    }

  if (request->window)
    {
      gtk_show_uri_full (request->window, uri, GDK_CURRENT_TIME, NULL, browser_shown_cb, request);
    }
  else
    {
      g_autoptr(GdkAppLaunchContext) context =
        gdk_display_get_app_launch_context (gdk_display_get_default ());

      g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                               browser_launched_cb, request);
    }
}

static void
viewer_shown_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  HelpRequest *request = user_data;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    {
      help_request_free (request);
      return;
    }

  g_debug ("The help viewer could not show the help (%s); trying the web browser", error->message);
  show_html (request);
}

static void
viewer_launched_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  HelpRequest *request = user_data;

  if (g_app_info_launch_default_for_uri_finish (result, &error))
    {
      help_request_free (request);
      return;
    }

  g_debug ("The help viewer could not show the help (%s); trying the web browser", error->message);
  show_html (request);
}

void
bv_show_help_page (GtkWidget  *parent,
                   const char *page_id)
{
  g_autoptr(GAppInfo) viewer = NULL;
  g_autofree char *uri = NULL;
  HelpRequest *request;

  g_return_if_fail (!parent || GTK_IS_WIDGET (parent));

  request = g_new0 (HelpRequest, 1);
  g_set_weak_pointer (&request->window, window_of (parent));
  request->page_id = g_strdup (page_id);

  /* Without a handler, GTK would only say "Operation not supported". */
  viewer = g_app_info_get_default_for_uri_scheme ("help");
  if (!viewer)
    {
      show_html (request);
      return;
    }

  uri = page_id ? g_strconcat ("help:" HELP_ID "/", page_id, NULL) : g_strdup ("help:" HELP_ID);
  if (request->window)
    {
      gtk_show_uri_full (request->window, uri, GDK_CURRENT_TIME, NULL, viewer_shown_cb, request);
    }
  else
    {
      g_autoptr(GdkAppLaunchContext) context =
        gdk_display_get_app_launch_context (gdk_display_get_default ());

      g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                               viewer_launched_cb, request);
    }
}
