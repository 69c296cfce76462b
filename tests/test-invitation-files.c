/* test-invitation-files.c
 *
 * The calendar files for each person: into a new folder, never replacing
 * a file, and never two people in one file, not even on a USB stick or a
 * network share that ignores case and Unicode composition. Real files in
 * a temporary folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bv-invitation-files.h"
#include "bv-test-utils.h"

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("bv-test-invitation-files-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* The names in @dir. */
static GPtrArray *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  return names;
}

static char *
read_text (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_safe_names (void)
{
  const char *cases[][2] = {
    { "Anna Becker", "Anna Becker.ics" },
    { "A/B\\C:D*E?F\"G<H>I|J", "A_B_C_D_E_F_G_H_I_J.ics" },
    { "Anna.", "Anna.ics" },
    { "Anna . . ", "Anna.ics" },
    { "..versteckt", "versteckt.ics" },
    { "CON", "_CON.ics" },
    { "con.txt", "_con.txt.ics" },
    { "Lpt1", "_Lpt1.ics" },
    { "COM10", "COM10.ics" },
    { "Be\x1brt\x07", "Be_rt_.ics" },
    { "Zeile\nZwei", "Zeile_Zwei.ics" },
    { "Ju\xcc\x88rgen", "J\xc3\xbcrgen.ics" },   /* decomposed ü → composed */
    { "Ann\xe2\x80\xae" "aB", "Ann_aB.ics" },       /* bidi override */
    { "", "Invitation.ics" },
    { "...", "Invitation.ics" },
    { "\xff\xfe", "Invitation.ics" },
  };
  g_autofree char *long_name = g_strnfill (300, 'x');
  g_autofree char *long_umlauts = NULL;
  g_autofree char *safe = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = bv_invitation_files_safe_name (cases[i][0], "ics");

      g_assert_cmpstr (name, ==, cases[i][1]);
    }

  safe = bv_invitation_files_safe_name (long_name, "ics");
  g_assert_cmpuint (strlen (safe), <=, 124);
  g_clear_pointer (&safe, g_free);

  /* Cut between characters, never inside one. */
  {
    g_autoptr(GString) umlauts = g_string_new (NULL);

    for (guint i = 0; i < 100; i++)
      g_string_append (umlauts, "ä");
    long_umlauts = g_string_free (g_steal_pointer (&umlauts), FALSE);
  }
  safe = bv_invitation_files_safe_name (long_umlauts, NULL);
  g_assert_true (g_utf8_validate (safe, -1, NULL));
  g_assert_cmpuint (strlen (safe), ==, 120);
}

static void
test_name_keys (void)
{
  g_autofree char *a = bv_invitation_files_name_key ("Anna.ics");
  g_autofree char *b = bv_invitation_files_name_key ("anna.ICS");
  g_autofree char *c = bv_invitation_files_name_key ("J\xc3\xbcrgen.ics");
  g_autofree char *d = bv_invitation_files_name_key ("JU\xcc\x88RGEN.ics");
  g_autofree char *e = bv_invitation_files_name_key ("Jurgen.ics");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (c, ==, d);
  g_assert_cmpstr (c, !=, e);
}

static void
test_folder_name (void)
{
  g_autoptr(BvMeeting) meeting = bv_meeting_new (BV_MEETING_KIND_GROUP);
  g_autofree char *name = NULL;

  bv_meeting_set_title (meeting, "Vorstand/Beirat: Haushalt");
  bv_meeting_set_start (meeting, "2026-12-01T19:00:00", "Europe/Berlin");
  name = bv_invitation_files_folder_name (meeting);
  g_assert_cmpstr (name, ==, "Invitations Vorstand_Beirat_ Haushalt 2026-12-01");
}

/* People whose names a FAT stick or SMB share would make one file: each
 * gets a file of their own, with their own contents. */
static void
test_clashing_names (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(GFile) parent = g_file_new_for_path (dir);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder_path = NULL;
  const char *people[] = {
    "Vorstand",                   /* the meeting's own file */
    "Anna", "anna", "ANNA", "Anna.",
    "J\xc3\xbcrgen M\xc3\xbcller",          /* composed */
    "Ju\xcc\x88rgen Mu\xcc\x88ller",        /* decomposed */
    "JU\xcc\x88RGEN MU\xcc\x88LLER",
    "A/B", "A_B", "A:B",
    "", "Invitation",
    "Anna (2)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_ptr_array_add (names, (gpointer) people[i]);
      g_ptr_array_add (contents, g_strdup_printf ("BEGIN:VCALENDAR\r\nX-PERSON:%u\r\nEND:VCALENDAR\r\n", i));
    }

  folder = bv_invitation_files_write (parent, "Einladungen Vorstand 2026-12-01", names, contents,
                                      NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (folder);
  folder_path = g_file_get_path (folder);
  g_assert_cmpstr (folder_path + strlen (dir), ==, "/Einladungen Vorstand 2026-12-01");

  written = list_dir (folder_path);
  g_assert_cmpuint (written->len, ==, G_N_ELEMENTS (people));
  for (guint i = 0; i < written->len; i++)
    {
      const char *name = g_ptr_array_index (written, i);
      g_autofree char *text = read_text (folder_path, name);
      const char *person = strstr (text, "X-PERSON:");
      GStatBuf st;
      g_autofree char *path = g_build_filename (folder_path, name, NULL);

      g_test_message ("%s", name);
      /* No two files that such a folder would take for one ... */
      g_assert_true (g_hash_table_add (keys, bv_invitation_files_name_key (name)));
      /* ... and every person in exactly one of them. */
      g_assert_nonnull (person);
      g_assert_true (g_hash_table_add (seen, g_strdup (person)));
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }

  bv_test_remove_tree (dir);
}

/* An existing folder or file is never replaced: the second export goes
 * into "… (2)", and what was there stays as it was. */
static void
test_never_replaces (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *old_folder = g_build_filename (dir, "Einladungen Vorstand 2026-12-01", NULL);
  g_autofree char *old_file = g_build_filename (old_folder, "Anna.ics", NULL);
  g_autoptr(GFile) parent = g_file_new_for_path (dir);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  GStatBuf st;

  g_assert_cmpint (g_mkdir (old_folder, 0700), ==, 0);
  g_file_set_contents (old_file, "Annas alter Link", -1, &error);
  g_assert_no_error (error);

  g_ptr_array_add (names, (gpointer) "Anna");
  g_ptr_array_add (contents, g_strdup ("neu"));

  for (guint round = 2; round <= 3; round++)
    {
      g_autoptr(GFile) folder = bv_invitation_files_write (parent, "Einladungen Vorstand 2026-12-01",
                                                           names, contents, NULL, &error);
      g_autofree char *basename = NULL;
      g_autofree char *expected = g_strdup_printf ("Einladungen Vorstand 2026-12-01 (%u)", round);
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      basename = g_file_get_basename (folder);
      g_assert_cmpstr (basename, ==, expected);
      path = g_file_get_path (folder);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0700);
      text = read_text (path, "Anna.ics");
      g_assert_cmpstr (text, ==, "neu");
    }

  g_file_get_contents (old_file, &kept, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, "Annas alter Link");

  bv_test_remove_tree (dir);
}

/* A folder that cannot be written leaves nothing behind. */
static void
test_failure_leaves_nothing (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *missing = g_build_filename (dir, "gibt-es-nicht", NULL);
  g_autoptr(GFile) parent = g_file_new_for_path (missing);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (names, (gpointer) "Anna");
  g_ptr_array_add (contents, g_strdup ("x"));
  folder = bv_invitation_files_write (parent, "Einladungen", names, contents, NULL, &error);
  g_assert_null (folder);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  bv_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The untranslated names ("Invitation"). */
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);

  g_test_add_func ("/core/invitation-files/safe-names", test_safe_names);
  g_test_add_func ("/core/invitation-files/name-keys", test_name_keys);
  g_test_add_func ("/core/invitation-files/folder-name", test_folder_name);
  g_test_add_func ("/core/invitation-files/clashing-names", test_clashing_names);
  g_test_add_func ("/core/invitation-files/never-replaces", test_never_replaces);
  g_test_add_func ("/core/invitation-files/failure-leaves-nothing", test_failure_leaves_nothing);

  return g_test_run ();
}
