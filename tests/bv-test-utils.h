/* bv-test-utils.h
 *
 * What every test needs and must do the same way: waiting for something
 * with one deadline rule, counting "exactly N" only after a quiet period,
 * a temporary HOME and XDG tree, a started practice server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-bbb-client.h"
#include "bv-practice-server.h"

G_BEGIN_DECLS

/* The one deadline rule: every wait gives up after BV_TEST_WAIT_S and
 * fails the test, naming what it waited for. Only a hang reaches it (the
 * slowest wait, the app starting under the sanitizers, takes a few
 * seconds), so it is a guard, not a timed assertion; meson's test timeout
 * stands behind it. */
#define BV_TEST_WAIT_S 60

/* "Exactly N" is counted only after the flow has finished and then
 * nothing more happened for BV_TEST_QUIET_MS: a duplicate request or a
 * second browser launch comes from the same main-loop turn or a spawned
 * process's first milliseconds, well inside this second. */
#define BV_TEST_QUIET_MS 1000

typedef gboolean (*BvTestCondition) (gpointer data);
typedef guint    (*BvTestCounter)   (gpointer data);

void          bv_test_wait_until_full     (BvTestCondition  condition,
                                           gpointer         data,
                                           const char      *what,
                                           const char      *file,
                                           int              line);
#define bv_test_wait_until(condition, data) \
  bv_test_wait_until_full ((BvTestCondition) (condition), (data), #condition, __FILE__, __LINE__)

/* Waits for an async callback to fill *slot (see bv_test_result_cb). */
GAsyncResult *bv_test_wait_for_full       (GAsyncResult   **slot,
                                           const char      *what,
                                           const char      *file,
                                           int              line);
#define bv_test_wait_for(slot) \
  bv_test_wait_for_full ((slot), #slot, __FILE__, __LINE__)

/* A GAsyncReadyCallback storing a reference to the result in
 * *(GAsyncResult **) user_data. */
void          bv_test_result_cb           (GObject         *object,
                                           GAsyncResult    *result,
                                           gpointer         user_data);

/* Runs the default main context for @ms, also when nothing is pending. */
void          bv_test_spin                (guint            ms);
/* Dispatches whatever is pending now, without waiting. */
void          bv_test_drain               (void);
/* bv_test_spin (BV_TEST_QUIET_MS). */
void          bv_test_quiet               (void);
/* Lets a toast that just came on show finish coming in, as it has before a
 * person can click it: libadwaita 1.2 frees a toast hidden within its
 * show animation (up to 500 ms) and then crashes when that animation ends. */
void          bv_test_let_toast_settle    (void);

/* Waits until @counter reaches @expected, then for the quiet period, then
 * asserts it is still exactly @expected. Call it once the flow that should
 * cause exactly @expected events has finished. For @expected 0 it only
 * waits for the quiet period. */
void          bv_test_assert_exactly_full (BvTestCounter    counter,
                                           gpointer         data,
                                           guint            expected,
                                           const char      *what,
                                           const char      *file,
                                           int              line);
#define bv_test_assert_exactly(counter, data, expected) \
  bv_test_assert_exactly_full ((BvTestCounter) (counter), (data), (expected), #counter, __FILE__, __LINE__)

/* Counters for bv_test_assert_exactly. */
guint         bv_test_count_lines         (const char      *path);       /* complete lines of a file, 0 if missing */
guint         bv_test_count_requests      (BvPracticeServer *server);    /* every API request */

/* The complete lines of @path (the last, unterminated one is still being
 * written); empty if the file does not exist. */
GStrv         bv_test_read_lines          (const char      *path);

/* Points HOME, XDG_{DATA,CONFIG,CACHE,STATE}_HOME and XDG_RUNTIME_DIR at a
 * fresh temporary tree. Call it first in main(), before anything reads
 * them (GLib caches them). Trap subprocesses inherit and reuse the
 * parent's tree. Returns the tree for bv_test_remove_tree() at the end,
 * or NULL if it is inherited. This is G_TEST_OPTION_ISOLATE_DIRS minus its
 * deliberate per-test leak in g_set_user_dirs(), which LeakSanitizer can
 * only be told about with slow unwinding. */
char         *bv_test_isolate_dirs        (const char      *prefix);
void          bv_test_remove_tree         (const char      *path);

/* Makes a stand-in the default handler for @mime_types (such as
 * "x-scheme-handler/https" or "x-scheme-handler/mailto") in the user's
 * XDG dirs, which must be temporary (bv_test_isolate_dirs) and set before
 * GIO first looks at them. The stand-in, the script <XDG_DATA_HOME>/@name,
 * appends every URI it is asked to open as a line to the returned file
 * (count with bv_test_count_lines). */
char         *bv_test_install_stand_in    (const char         *name,
                                           const char * const *mime_types);

/* A practice server with @secret, started on loopback; the test fails if it
 * cannot start. */
BvPracticeServer *bv_test_practice_server_new (const char  *secret);

/* A room on the server @client talks to, and someone in it (what the
 * browser does with a join link; rooms nobody entered are not listed).
 * The test fails if the server refuses. */
void          bv_test_create_room         (BvBbbClient     *client,
                                           const char      *meeting_id,
                                           const char      *name);
void          bv_test_enter_room          (BvBbbClient     *client,
                                           const char      *meeting_id,
                                           const char      *full_name,
                                           const char      *role);

/* A clock the test advances by hand, injected as the timer function of
 * code that takes one like g_timeout_add_seconds (the live monitor, the
 * Live page). Its timers are real sources of the default context (so that
 * the code can remove them) that would fire only after a day; the test
 * fires them when it moves the clock past their time. bv_test_clock_reset
 * forgets every timer (call it at the start and end of a test). */
guint         bv_test_clock_add_timer     (guint            seconds,
                                           GSourceFunc      callback,
                                           gpointer         data);
guint         bv_test_clock_armed         (void);
void          bv_test_clock_advance       (guint            seconds);
void          bv_test_clock_reset         (void);

G_END_DECLS
