/* bench-first-frame.c
 *
 * Starts a program and prints three numbers: milliseconds from the fork
 * until its first top-level window is mapped, milliseconds until the
 * program first draws into that window (its first frame, seen through the
 * X DAMAGE extension), and its RSS in KiB two seconds later. The program
 * is then terminated. bench-startup.sh measures every program with it, so
 * the numbers compare; the program's own code is not involved.
 *
 * Usage: bench-first-frame PROGRAM [ARGUMENT…]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <X11/Xlib.h>
#include <X11/extensions/Xdamage.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static long
rss_kib (pid_t pid)
{
  char path[64], line[256];
  long kib = 0;
  FILE *f;

  snprintf (path, sizeof path, "/proc/%d/status", (int) pid);
  f = fopen (path, "r");
  if (!f)
    return 0;
  while (fgets (line, sizeof line, f))
    if (sscanf (line, "VmRSS: %ld", &kib) == 1)
      break;
  fclose (f);
  return kib;
}

int
main (int   argc,
      char *argv[])
{
  Display *display;
  Window root, window = None;
  int damage_event, damage_error, status;
  double start, deadline, map_ms = -1, frame_ms = -1;
  char map_text[32], frame_text[32];
  pid_t pid;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-first-frame PROGRAM [ARGUMENT…]\n");
      return 2;
    }
  display = XOpenDisplay (NULL);
  if (!display || !XDamageQueryExtension (display, &damage_event, &damage_error))
    {
      fprintf (stderr, "bench-first-frame: no X display with the DAMAGE extension\n");
      return 2;
    }
  root = DefaultRootWindow (display);
  /* Without a window manager top-level windows are children of the root,
   * so their MapNotify arrives here. */
  XSelectInput (display, root, SubstructureNotifyMask);
  XSync (display, False);

  start = now_ms ();
  pid = fork ();
  if (pid == 0)
    {
      int null = open ("/dev/null", O_RDWR);

      dup2 (null, STDOUT_FILENO);
      dup2 (null, STDERR_FILENO);
      execvp (argv[1], argv + 1);
      _exit (127);
    }

  deadline = start + 20000;
  while (frame_ms < 0 && now_ms () < deadline)
    {
      struct pollfd pfd = { ConnectionNumber (display), POLLIN, 0 };
      XEvent event;

      if (!XPending (display) && poll (&pfd, 1, 50) <= 0)
        continue;
      XNextEvent (display, &event);
      if (event.type == MapNotify && window == None && !event.xmap.override_redirect)
        {
          map_ms = now_ms () - start;
          window = event.xmap.window;
          /* Created after the map: the server's own painting of the
           * background on mapping is not counted, only the program's. */
          XDamageCreate (display, window, XDamageReportNonEmpty);
          XSync (display, False);
        }
      else if (event.type == damage_event + XDamageNotify &&
               ((XDamageNotifyEvent *) &event)->drawable == window)
        frame_ms = now_ms () - start;
    }

  sleep (2);
  snprintf (map_text, sizeof map_text, "%.0f", map_ms);
  snprintf (frame_text, sizeof frame_text, "%.0f", frame_ms);
  printf ("%s %s %ld\n", map_ms < 0 ? "timeout" : map_text, frame_ms < 0 ? "timeout" : frame_text,
          rss_kib (pid));
  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  XCloseDisplay (display);
  return 0;
}
