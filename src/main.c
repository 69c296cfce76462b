/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "bv-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BvApplication) app = NULL;
  const char *localedir = g_getenv ("BBB_VEREINE_LOCALEDIR");
  int status;

  /* BBB_VEREINE_LOCALEDIR lets the test suite run the uninstalled binary
   * with the translations just built. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  bv_application_prefer_cairo ();
  app = bv_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  return status ? status : bv_application_get_job_status (app);
}
