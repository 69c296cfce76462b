/* test-secret-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a private session bus with an unlocked gnome-keyring-daemon, e.g.
 *
 *   export HOME=$(mktemp -d)
 *   dbus-run-session -- bash -c 'eval "$(printf pw | gnome-keyring-daemon \
 *       --unlock --components=secrets)"; ./_build/tests/test-secret --tap'
 *
 * Without one, the keyring tests fail without touching anything: they must
 * never use the keyring of the person running them, and a skipped test
 * would hide a broken harness. The no-service tests always run.
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#ifdef __SANITIZE_ADDRESS__
# include <sanitizer/lsan_interface.h>
#endif

#include "bv-secret-store.h"
#include "bv-test-utils.h"

/* How fast the answers come is measured by bench-secret, not here:
 * hangs are stopped by bv_test_wait_for's deadline and the trap's timeout. */

static char *original_home;
static const char *refuse_reason;
static guint id_counter;
static GPid bus_daemon_pid;

/* Helpers */

static void
kill_bus_daemon (void)
{
  if (bus_daemon_pid > 0)
    {
      kill (bus_daemon_pid, SIGTERM);
      waitpid (bus_daemon_pid, NULL, 0);
      g_spawn_close_pid (bus_daemon_pid);
      bus_daemon_pid = 0;
    }
}

static void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **pending)
{
  bv_test_wait_for (pending);
  return g_steal_pointer (pending);
}

static gboolean
save_secret (const char  *server_id,
             const char  *server_name,
             const char  *secret,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  bv_secret_store_save_async (server_id, server_name, secret, NULL, got_result_cb, &pending);
  result = wait_for (&pending);

  return bv_secret_store_save_finish (result, error);
}

static char *
lookup_secret (const char    *server_id,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  bv_secret_store_lookup_async (server_id, cancellable, got_result_cb, &pending);
  result = wait_for (&pending);

  return bv_secret_store_lookup_finish (result, error);
}

static gboolean
delete_secret (const char  *server_id,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  bv_secret_store_delete_async (server_id, NULL, got_result_cb, &pending);
  result = wait_for (&pending);

  return bv_secret_store_delete_finish (result, error);
}

/* All items of our schema for @server_id, straight from libsecret. */
static GList *
search_items (const char *server_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;
  GList *items;

  secret_password_search (BV_SECRET_SCHEMA, SECRET_SEARCH_ALL, NULL,
                          got_result_cb, &pending,
                          "server-id", server_id,
                          NULL);
  result = wait_for (&pending);
  items = secret_password_search_finish (result, &error);
  g_assert_no_error (error);

  return items;
}

static char *
new_server_id (void)
{
  /* Unique per process and test, so parallel runs never share an item. */
  return g_strdup_printf ("bv-test-%d-%u", (int)getpid (), ++id_counter);
}

static char *
new_secret (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strdup_printf ("Zq%s%dxK", uuid, (int)getpid ());
}

static void
assert_secret_equals (char       *secret,
                      const char *expected)
{
  /* Not g_assert_cmpstr: a failure would print the secret into the log. */
  g_assert_nonnull (secret);
  g_assert_true (g_strcmp0 (secret, expected) == 0);
  bv_secret_store_free_secret (secret);
}

static gboolean
require_keyring (void)
{
  if (refuse_reason)
    {
      g_test_fail_printf ("%s", refuse_reason);
      return FALSE;
    }

  return TRUE;
}

static gboolean
contains_bytes (const char *haystack,
                gsize       haystack_len,
                const char *needle)
{
  gsize needle_len = strlen (needle);

  if (needle_len == 0 || haystack_len < needle_len)
    return FALSE;

  for (const char *p = haystack; p <= haystack + haystack_len - needle_len; p++)
    {
      p = memchr (p, needle[0], haystack + haystack_len - needle_len + 1 - p);
      if (!p)
        return FALSE;
      if (memcmp (p, needle, needle_len) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Recursively reads every regular file below @dir (symlinks are not
 * followed) and records those that contain @needle. */
static void
scan_tree (const char *dir,
           const char *needle,
           guint      *n_files,
           GPtrArray  *hits)
{
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  const char *name;

  if (!gdir)
    return;

  while ((name = g_dir_read_name (gdir)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;
      GStatBuf st;

      if (g_lstat (path, &st) != 0)
        continue;

      if (S_ISDIR (st.st_mode))
        {
          scan_tree (path, needle, n_files, hits);
          continue;
        }

      if (!S_ISREG (st.st_mode) || st.st_size > 64 * 1024 * 1024)
        continue;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;

      (*n_files)++;
      if (contains_bytes (contents, length, needle))
        g_ptr_array_add (hits, g_steal_pointer (&path));
    }
}

/* Tests */

static void
test_schema (void)
{
  const SecretSchema *schema = bv_secret_store_get_schema ();

  g_assert_true (schema == BV_SECRET_SCHEMA);
  g_assert_cmpstr (schema->name, ==, "org.herzlich.BbbVereine.Server");
  g_assert_cmpint (schema->flags, ==, SECRET_SCHEMA_NONE);
  g_assert_cmpstr (schema->attributes[0].name, ==, "server-id");
  g_assert_cmpint (schema->attributes[0].type, ==, SECRET_SCHEMA_ATTRIBUTE_STRING);
  g_assert_null (schema->attributes[1].name);

  /* Freeing nothing is fine. */
  bv_secret_store_free_secret (NULL);
}

static void
test_store_lookup (void)
{
  g_autofree char *server_id = new_server_id ();
  g_autofree char *secret = new_secret ();
  g_autoptr(GError) error = NULL;

  if (!require_keyring ())
    return;

  g_assert_true (save_secret (server_id, "KL.digital", secret, &error));
  g_assert_no_error (error);

  assert_secret_equals (lookup_secret (server_id, NULL, &error), secret);
  g_assert_no_error (error);

  g_assert_true (delete_secret (server_id, &error));
  g_assert_no_error (error);
}

static void
test_replace (void)
{
  g_autofree char *server_id = new_server_id ();
  g_autofree char *first = new_secret ();
  g_autofree char *second = new_secret ();
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  GList *items;

  if (!require_keyring ())
    return;

  g_assert_true (save_secret (server_id, "Alt", first, &error));
  g_assert_no_error (error);
  g_assert_true (save_secret (server_id, "Neu", second, &error));
  g_assert_no_error (error);

  assert_secret_equals (lookup_secret (server_id, NULL, &error), second);
  g_assert_no_error (error);

  items = search_items (server_id);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  label = secret_retrievable_get_label (items->data);
  g_assert_cmpstr (label, ==, "BigBlueButton-Server »Neu«");
  g_list_free_full (items, g_object_unref);

  g_assert_true (delete_secret (server_id, &error));
  g_assert_no_error (error);
}

static void
test_delete (void)
{
  g_autofree char *server_id = new_server_id ();
  g_autofree char *secret = new_secret ();
  g_autoptr(GError) error = NULL;
  char *missing;
  GList *items;

  if (!require_keyring ())
    return;

  g_assert_true (save_secret (server_id, "Weg", secret, &error));
  g_assert_no_error (error);

  g_assert_true (delete_secret (server_id, &error));
  g_assert_no_error (error);

  missing = lookup_secret (server_id, NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, BV_SECRET_ERROR, BV_SECRET_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  items = search_items (server_id);
  g_assert_null (items);

  /* Deleting what is not there is not an error. */
  g_assert_true (delete_secret (server_id, &error));
  g_assert_no_error (error);
}

static void
test_label (void)
{
  g_autofree char *server_id = new_server_id ();
  g_autofree char *secret = new_secret ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GList *items;

  if (!require_keyring ())
    return;

  g_assert_true (save_secret (server_id, "KL.digital", secret, &error));
  g_assert_no_error (error);

  items = search_items (server_id);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  label = secret_retrievable_get_label (items->data);
  g_assert_cmpstr (label, ==, "BigBlueButton-Server »KL.digital«");

  /* The label is for people; the secret must not be in it or in the
   * attributes. */
  g_assert_null (strstr (label, secret));
  attributes = secret_retrievable_get_attributes (items->data);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "server-id"), ==, server_id);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "xdg:schema"), ==, "org.herzlich.BbbVereine.Server");
  g_assert_false (g_hash_table_contains (attributes, "secret"));
  g_list_free_full (items, g_object_unref);

  g_assert_true (delete_secret (server_id, &error));
  g_assert_no_error (error);
}

static void
test_cancelled (void)
{
  g_autofree char *server_id = new_server_id ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  char *secret;

  if (!require_keyring ())
    return;

  /* The caller's own cancellation must not turn into "locked". */
  g_cancellable_cancel (cancellable);
  secret = lookup_secret (server_id, cancellable, &error);
  g_assert_null (secret);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_no_plaintext (void)
{
  g_autofree char *server_id = new_server_id ();
  g_autofree char *secret = new_secret ();
  g_autofree char *keyrings = NULL;
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *dirs[] = {
    g_get_home_dir (),
    g_get_user_data_dir (),
    g_get_user_config_dir (),
    g_get_user_cache_dir (),
    g_get_user_state_dir (),
    g_get_user_runtime_dir (),
  };
  guint n_keyring_files = 0;
  guint n_files = 0;

  if (!require_keyring ())
    return;

  g_assert_true (save_secret (server_id, "Geheim", secret, &error));
  g_assert_no_error (error);
  /* A round trip makes sure the daemon has handled the store. */
  assert_secret_equals (lookup_secret (server_id, NULL, &error), secret);
  g_assert_no_error (error);

  /* The scanner itself must find what is there. */
  {
    g_autofree char *canary = new_secret ();
    g_autofree char *canary_path = g_build_filename (g_get_user_cache_dir (), "canary.txt", NULL);
    g_autofree char *contents = g_strdup_printf ("binary\n%c%s%c", 0, canary, 0);

    g_assert_no_errno (g_mkdir_with_parents (g_get_user_cache_dir (), 0700));
    g_file_set_contents (canary_path, contents, strlen (canary) + 9, &error);
    g_assert_no_error (error);
    scan_tree (g_get_user_cache_dir (), canary, &n_files, hits);
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (hits, 0), ==, canary_path);
    g_assert_no_errno (g_unlink (canary_path));
    g_ptr_array_set_size (hits, 0);
    n_files = 0;
  }

  /* The keyring files are encrypted; the secret must not be readable in
   * them either. Checked on their own so that we know they were there. */
  keyrings = g_build_filename (original_home, ".local", "share", "keyrings", NULL);
  scan_tree (keyrings, secret, &n_keyring_files, hits);
  g_test_message ("%u keyring files scanned", n_keyring_files);
  g_assert_cmpuint (n_keyring_files, >, 0);

  /* Everything else the daemon or we could have written: the real $HOME
   * (which holds the keyrings too) and this test's own XDG dirs. */
  scan_tree (original_home, secret, &n_files, hits);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    scan_tree (dirs[i], secret, &n_files, hits);
  g_test_message ("%u files scanned", n_files);

  for (guint i = 0; i < hits->len; i++)
    g_test_message ("secret found in %s", (const char *)g_ptr_array_index (hits, i));
  g_assert_cmpuint (hits->len, ==, 0);

  g_assert_true (delete_secret (server_id, &error));
  g_assert_no_error (error);
}

/* A trap subprocess ends with _exit(), so LeakSanitizer's exit-time check
 * never runs there; do it by hand. */
static void
check_subprocess_leaks (void)
{
#ifdef __SANITIZE_ADDRESS__
  g_assert_cmpint (__lsan_do_recoverable_leak_check (), ==, 0);
#endif
}

static void
die_with_parent (gpointer user_data)
{
  /* If the test child aborts, the bus daemon must not outlive it. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Starts a private bus on which nobody provides org.freedesktop.secrets
 * and nothing can be activated. */
static char *
start_bus_without_secrets (void)
{
  static const char config_template[] =
    "<busconfig>\n"
    "  <type>session</type>\n"
    "  <listen>unix:tmpdir=%s</listen>\n"
    "  <auth>EXTERNAL</auth>\n"
    "  <policy context=\"default\">\n"
    "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
    "    <allow eavesdrop=\"true\"/>\n"
    "    <allow own=\"*\"/>\n"
    "  </policy>\n"
    "</busconfig>\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *config = NULL;
  g_autofree char *config_arg = NULL;
  gint64 deadline = g_get_monotonic_time () + BV_TEST_WAIT_S * G_USEC_PER_SEC;
  char address[512] = { 0 };
  gsize have = 0;
  int out_fd;

  dir = g_build_filename (g_get_user_runtime_dir (), "private-bus-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp_full (dir, 0700));
  config_path = g_build_filename (dir, "session.conf", NULL);
  config = g_strdup_printf (config_template, dir);
  g_file_set_contents (config_path, config, -1, &error);
  g_assert_no_error (error);
  config_arg = g_strconcat ("--config-file=", config_path, NULL);

  {
    const char *argv[] = { "dbus-daemon", config_arg, "--print-address", "--nofork", NULL };

    g_spawn_async_with_pipes (NULL, (char **)argv, NULL,
                              G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                              die_with_parent, NULL,
                              &bus_daemon_pid, NULL, &out_fd, NULL, &error);
    g_assert_no_error (error);
  }

  while (!strchr (address, '\n'))
    {
      struct pollfd pfd = { .fd = out_fd, .events = POLLIN };
      gint64 remaining = (deadline - g_get_monotonic_time ()) / 1000;
      ssize_t n;

      if (remaining <= 0)
        {
          kill_bus_daemon ();
          g_error ("dbus-daemon printed no address within %d s", BV_TEST_WAIT_S);
        }

      if (poll (&pfd, 1, (int)remaining) <= 0)
        continue;

      n = read (out_fd, address + have, sizeof address - 1 - have);
      if (n <= 0)
        {
          kill_bus_daemon ();
          g_error ("dbus-daemon exited without printing its address");
        }
      have += n;
    }

  g_close (out_fd, NULL);
  return g_strdup (g_strstrip (address));
}

static void
assert_no_service (void)
{
  g_autofree char *server_id = new_server_id ();
  g_autoptr(GError) lookup_error = NULL;
  g_autoptr(GError) save_error = NULL;
  g_autoptr(GError) delete_error = NULL;
  char *secret;
  gboolean saved;
  gboolean deleted;

  secret = lookup_secret (server_id, NULL, &lookup_error);
  saved = save_secret (server_id, "Nirgends", "not-stored", &save_error);
  deleted = delete_secret (server_id, &delete_error);

  /* Stop the daemon before asserting, so that a failure leaves no stray
   * process behind. */
  kill_bus_daemon ();

  g_assert_null (secret);
  g_assert_error (lookup_error, BV_SECRET_ERROR, BV_SECRET_ERROR_NO_SERVICE);
  g_assert_false (saved);
  g_assert_error (save_error, BV_SECRET_ERROR, BV_SECRET_ERROR_NO_SERVICE);
  g_assert_false (deleted);
  g_assert_error (delete_error, BV_SECRET_ERROR, BV_SECRET_ERROR_NO_SERVICE);
  g_test_message ("%s", lookup_error->message);
}

static void
test_no_service (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *address = start_bus_without_secrets ();

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      g_unsetenv ("DISPLAY");
      g_unsetenv ("SECRET_BACKEND");
      assert_no_service ();
      check_subprocess_leaks ();
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, 0);
  g_test_trap_assert_passed ();
}

static void
test_no_bus (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *runtime_bus = g_build_filename (g_get_user_runtime_dir (), "bus", NULL);

      /* No session bus at all and no display to autolaunch one: GDBus says
       * "Cannot autolaunch D-Bus without X11 $DISPLAY". Our temporary
       * XDG_RUNTIME_DIR has no "bus" socket either. */
      g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
      g_unsetenv ("DISPLAY");
      g_unsetenv ("SECRET_BACKEND");
      g_assert_false (g_file_test (runtime_bus, G_FILE_TEST_EXISTS));
      assert_no_service ();
      check_subprocess_leaks ();
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, 0);
  g_test_trap_assert_passed ();
}

/* Decides once, with the HOME the keyring daemon was started with, whether
 * this process may use the keyring on the session bus. */
static const char *
check_keyring_environment (void)
{
  const char *address = g_getenv ("DBUS_SESSION_BUS_ADDRESS");
  struct passwd *pw = getpwuid (getuid ());

  if (!address || !*address)
    return "no session bus (run under dbus-run-session with an unlocked gnome-keyring-daemon)";

  if (!original_home || (pw && g_strcmp0 (original_home, pw->pw_dir) == 0) ||
      strstr (address, "/run/user/"))
    return "refusing to touch a real keyring (use dbus-run-session and a temporary HOME)";

  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = NULL;
  int ret;

  /* A trap subprocess inherits the parent's temporary HOME; the keyring's
   * HOME is passed down separately. */
  original_home = g_strdup (g_getenv ("BV_TEST_KEYRING_HOME"));
  if (!original_home)
    {
      original_home = g_strdup (g_getenv ("HOME"));
      if (original_home)
        g_setenv ("BV_TEST_KEYRING_HOME", original_home, TRUE);
    }

  root = bv_test_isolate_dirs ("bv-test-secret");
  g_test_init (&argc, &argv, NULL);

  refuse_reason = check_keyring_environment ();

  g_test_add_func ("/store/secret-store/schema", test_schema);
  g_test_add_func ("/store/secret-store/store-lookup", test_store_lookup);
  g_test_add_func ("/store/secret-store/replace", test_replace);
  g_test_add_func ("/store/secret-store/delete", test_delete);
  g_test_add_func ("/store/secret-store/label", test_label);
  g_test_add_func ("/store/secret-store/cancelled", test_cancelled);
  g_test_add_func ("/store/secret-store/no-plaintext", test_no_plaintext);
  g_test_add_func ("/store/secret-store/no-service", test_no_service);
  g_test_add_func ("/store/secret-store/no-bus", test_no_bus);

  ret = g_test_run ();

  if (root)
    bv_test_remove_tree (root);
  g_free (original_home);

  return ret;
}
