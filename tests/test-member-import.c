/* test-member-import.c
 *
 * Importing members from CSV and vCard files into a real SQLite file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bv-member-import.h"
#include "bv-test-utils.h"

static char *dir;
static guint db_counter;

static BvDatabase *
new_db (void)
{
  g_autofree char *name = g_strdup_printf ("import-%u.db", ++db_counter);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  BvDatabase *db = bv_database_open (path, &error);

  g_assert_no_error (error);
  return db;
}

static char *
fixture (const char *name,
         gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "members", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static BvMemberImport *
preview (BvDatabase *db,
         const char *data,
         gssize      length)
{
  g_autoptr(GError) error = NULL;
  BvMemberImport *import = bv_member_import_new_from_data (db, data, length < 0 ? strlen (data) : (gsize)length,
                                                           NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

static BvMemberImport *
preview_fixture (BvDatabase *db,
                 const char *name)
{
  gsize length = 0;
  g_autofree char *data = fixture (name, &length);

  return preview (db, data, length);
}

static void
apply (BvMemberImport *import,
       BvDatabase     *db,
       guint           added,
       guint           updated,
       guint           skipped)
{
  g_autoptr(GError) error = NULL;
  BvMemberImportCounts counts = { 99, 99, 99 };

  g_assert_true (bv_member_import_apply (import, db, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, added);
  g_assert_cmpuint (counts.updated, ==, updated);
  g_assert_cmpuint (counts.skipped, ==, skipped);
}

static BvMemberImportItem *
item (GPtrArray *list,
      guint      index)
{
  g_assert_cmpuint (index, <, list->len);
  return g_ptr_array_index (list, index);
}

/* All skip reasons, one per line, to compare at once. */
static char *
reasons (BvMemberImport *import)
{
  GPtrArray *skipped = bv_member_import_get_skipped (import);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < skipped->len; i++)
    g_string_append_printf (text, "%s\n", item (skipped, i)->details);
  return g_string_free (text, FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static char *
group_names (BvDatabase *db,
             BvMember   *member)
{
  const char * const *ids = bv_member_get_group_ids (member);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; ids[i]; i++)
    {
      g_autoptr(BvGroup) group = bv_database_find_group (db, ids[i]);
      g_ptr_array_add (names, g_strdup (bv_group_get_name (group)));
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("|", (char **)names->pdata);
}

static void
assert_member (BvDatabase *db,
               const char *email_or_name,
               const char *name,
               const char *phone,
               const char *notes,
               const char *groups)
{
  g_autoptr(BvMember) member = NULL;
  g_autofree char *names = NULL;
  GListModel *members = bv_database_get_members (db);

  member = strchr (email_or_name, '@') ? bv_database_find_member_by_email (db, email_or_name) : NULL;
  for (guint i = 0; !member && i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(BvMember) candidate = g_list_model_get_item (members, i);
      if (g_str_equal (bv_member_get_name (candidate), email_or_name))
        member = g_steal_pointer (&candidate);
    }
  if (!member)
    g_error ("No member %s", email_or_name);

  g_assert_cmpstr (bv_member_get_name (member), ==, name);
  g_assert_cmpstr (bv_member_get_phone (member), ==, phone);
  g_assert_cmpstr (bv_member_get_notes (member), ==, notes);
  names = group_names (db, member);
  g_assert_cmpstr (names, ==, groups);
}

/* Fixtures */

/* The first and last name as stored, found by address. */
static void
assert_parts (BvDatabase *db,
              const char *email,
              const char *first_name,
              const char *last_name)
{
  g_autoptr(BvMember) member = bv_database_find_member_by_email (db, email);

  g_assert_nonnull (member);
  g_assert_cmpstr (bv_member_get_first_name (member), ==, first_name);
  g_assert_cmpstr (bv_member_get_last_name (member), ==, last_name);
}

static void
test_club_software_cp1252 (void)
{
  g_autoptr(BvMemberImport) import = NULL;
  g_autofree char *why = NULL;
  BvDatabase *db = new_db ();

  import = preview_fixture (db, "vereinsverwaltung-cp1252.csv");
  g_assert_cmpuint (bv_member_import_get_added (import)->len, ==, 3);
  g_assert_cmpuint (bv_member_import_get_updated (import)->len, ==, 0);
  why = reasons (import);
  g_assert_cmpstr (why, ==,
                   "Line 5: no e-mail address and no name\n"
                   "Line 6: no e-mail address and no name\n"
                   "Line 7: “renee.weiss(at)example.de” is not an e-mail address\n");
  g_assert_cmpuint (item (bv_member_import_get_added (import), 1)->line, ==, 3);

  apply (import, db, 3, 0, 3);
  assert_member (db, "juergen.mueller@example.de", "Jürgen Müller", "0631 123456",
                 "Kassenwart, Beitrag 12 € monatlich", "Vorstand");
  assert_member (db, "anna.gross@example.de", "Anna-Lena Groß", NULL,
                 "Übungsleiterin; Schlüssel für die Halle", "Turnen|Vorstand");
  assert_member (db, "Özgür Demir", "Özgür Demir", "0176 5550101", NULL, "Fußball");
  /* Vorname and Nachname stay apart. */
  assert_parts (db, "juergen.mueller@example.de", "Jürgen", "Müller");
  assert_parts (db, "anna.gross@example.de", "Anna-Lena", "Groß");
  /* The Anrede column chooses the greeting. */
  {
    g_autoptr(BvMember) juergen = bv_database_find_member_by_email (db, "juergen.mueller@example.de");
    g_autoptr(BvMember) anna = bv_database_find_member_by_email (db, "anna.gross@example.de");

    g_assert_cmpint (bv_member_get_salutation (juergen), ==, BV_MEMBER_SALUTATION_MALE);
    g_assert_cmpint (bv_member_get_salutation (anna), ==, BV_MEMBER_SALUTATION_FEMALE);
  }
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_groups (db)), ==, 3);
  g_assert_finalize_object (db);
}

static void
test_excel_utf8_bom (void)
{
  g_autoptr(BvMemberImport) import = NULL;
  BvDatabase *db = new_db ();

  import = preview_fixture (db, "excel-utf8-bom.csv");
  g_assert_cmpuint (bv_member_import_get_skipped (import)->len, ==, 0);
  g_assert_cmpuint (item (bv_member_import_get_added (import), 2)->line, ==, 5);
  apply (import, db, 3, 0, 0);
  /* The BOM does not end up in the first header ("Name"). */
  assert_member (db, "brigitte.schaefer@example.org", "Brigitte Schäfer", "0151 2345678",
                 "Sagt: \"bitte nur abends\"", "Kursgruppe Montag|Vorstand");
  /* One Name column: the last word is the last name. */
  assert_parts (db, "kd.wagner@example.org", "Klaus Dieter", "Wagner");
  assert_member (db, "kd.wagner@example.org", "Klaus Dieter Wagner", NULL,
                 "Zwei Zeilen:\r\nzweite Zeile", "Kursgruppe Montag");
  assert_member (db, "zoe.fischer@example.org", "Zoë Fischer", NULL, NULL, "");
  g_assert_finalize_object (db);
}

static void
test_google_contacts (void)
{
  g_autoptr(BvMemberImport) import = NULL;
  g_autofree char *why = NULL;
  BvDatabase *db = new_db ();

  import = preview_fixture (db, "google-contacts.csv");
  why = reasons (import);
  g_assert_cmpstr (why, ==, "Line 4: no e-mail address and no name\n");
  apply (import, db, 2, 0, 1);
  assert_member (db, "heike.becker@example.com", "Heike Becker", "+49 171 1112223",
                 "Trainerin, Jugend", "Übungsleiter");
  assert_member (db, "t.schneider@example.com", "Thomas Schneider", NULL, NULL, "");
  assert_parts (db, "heike.becker@example.com", "Heike", "Becker");
  /* Google's "Name Prefix" is no greeting: neutral. */
  {
    g_autoptr(BvMember) heike = bv_database_find_member_by_email (db, "heike.becker@example.com");

    g_assert_cmpint (bv_member_get_salutation (heike), ==, BV_MEMBER_SALUTATION_NEUTRAL);
  }
  g_assert_finalize_object (db);
}

static void
test_vcard3 (void)
{
  g_autoptr(BvMemberImport) import = NULL;
  g_autofree char *why = NULL;
  BvDatabase *db = new_db ();

  import = preview_fixture (db, "nextcloud-v3.vcf");
  why = reasons (import);
  g_assert_cmpstr (why, ==, "Line 23: no e-mail address and no name\n");
  g_assert_cmpuint (item (bv_member_import_get_added (import), 1)->line, ==, 15);
  apply (import, db, 2, 0, 1);
  /* The preferred address, not the first. */
  assert_member (db, "juergen.mueller@example.de", "Jürgen Müller", "0631 123456",
                 "Kassenwart seit 2019, zuständig für Beiträge.\nBitte nur per E-Mail kontaktieren.",
                 "Kursgruppe Montag|Vorstand");
  assert_member (db, "sabine.kraemer@example.org", "Sabine Krämer", NULL, NULL, "Selbsthilfegruppe Mittwoch");
  g_assert_finalize_object (db);
}

static void
test_vcard4 (void)
{
  g_autoptr(BvMemberImport) import = NULL;
  BvDatabase *db = new_db ();

  import = preview_fixture (db, "contacts-v4.vcf");
  apply (import, db, 2, 0, 0);
  /* N names the parts ("von Stein" is the last name, which no rule on
   * FN would find); the name shown is made of them, without the title. */
  assert_parts (db, "friederike@example.net", "Friederike", "von Stein");
  assert_parts (db, "greta.schoen@example.net", "Gréta", "Schön");
  assert_member (db, "friederike@example.net", "Friederike von Stein", "+49-151-9876543",
                 "Sehr lange Notiz, die beim Export in mehrere Zeilen gefaltet wurde, weil sie länger als fünfundsiebzig Zeichen ist.",
                 "Vorstand|Workshop-Team");
  /* vCard 2.1: quoted-printable in UTF-8 and in ISO-8859-1 with a soft break. */
  assert_member (db, "greta.schoen@example.net", "Gréta Schön", NULL,
                 "Erste Zeile\r\nZweite Zeile mit ü", "");
  g_assert_finalize_object (db);
}

/* Import the same people again from another program: the same e-mail
 * address (in other case) updates, with the changed fields named; a
 * second import of the same file changes nothing. */
static void
test_same_email_updates (void)
{
  g_autoptr(BvMemberImport) first = NULL;
  g_autoptr(BvMemberImport) second = NULL;
  g_autoptr(BvMemberImport) third = NULL;
  g_autofree char *why = NULL;
  BvMemberImportItem *update;
  BvDatabase *db = new_db ();

  first = preview_fixture (db, "vereinsverwaltung-cp1252.csv");
  apply (first, db, 3, 0, 3);

  second = preview_fixture (db, "nextcloud-v3.vcf");
  g_assert_cmpuint (bv_member_import_get_added (second)->len, ==, 1);
  g_assert_cmpuint (bv_member_import_get_updated (second)->len, ==, 1);
  update = item (bv_member_import_get_updated (second), 0);
  g_assert_cmpstr (update->label, ==, "Jürgen Müller");
  g_assert_cmpstr (update->details, ==, "notes, groups");
  g_assert_cmpuint (update->line, ==, 1);
  apply (second, db, 1, 1, 1);
  /* Groups are added, never taken away; the id stays. */
  assert_member (db, "juergen.mueller@example.de", "Jürgen Müller", "0631 123456",
                 "Kassenwart seit 2019, zuständig für Beiträge.\nBitte nur per E-Mail kontaktieren.",
                 "Kursgruppe Montag|Vorstand");
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_members (db)), ==, 4);

  third = preview_fixture (db, "vereinsverwaltung-cp1252.csv");
  g_assert_cmpuint (bv_member_import_get_added (third)->len, ==, 0);
  g_assert_cmpuint (bv_member_import_get_updated (third)->len, ==, 1);
  g_assert_cmpstr (item (bv_member_import_get_updated (third), 0)->details, ==, "notes");
  why = reasons (third);
  /* Özgür has no address and is recognised by the name. */
  g_assert_nonnull (strstr (why, "Line 3: “Anna-Lena Groß” is already up to date\n"));
  g_assert_nonnull (strstr (why, "Line 4: “Özgür Demir” is already up to date\n"));

  /* A list of addresses only (a mailing list export) adds groups and
   * keeps the stored names; a new address gets itself as the name. */
  {
    static const char list[] = "E-Mail;Gruppe\njuergen.mueller@example.de;Newsletter\nneu@example.org;Newsletter\n";
    g_autoptr(BvMemberImport) fourth = preview (db, list, -1);

    g_assert_cmpuint (bv_member_import_get_updated (fourth)->len, ==, 1);
    g_assert_cmpstr (item (bv_member_import_get_updated (fourth), 0)->label, ==, "Jürgen Müller");
    g_assert_cmpstr (item (bv_member_import_get_updated (fourth), 0)->details, ==, "groups");
    apply (fourth, db, 1, 1, 0);
    assert_member (db, "juergen.mueller@example.de", "Jürgen Müller", "0631 123456",
                   "Kassenwart seit 2019, zuständig für Beiträge.\nBitte nur per E-Mail kontaktieren.",
                   "Kursgruppe Montag|Newsletter|Vorstand");
    assert_member (db, "neu@example.org", "neu@example.org", NULL, NULL, "Newsletter");
  }
  g_assert_finalize_object (db);
}

/* The matrix: separators, quoting, header spellings, encodings. */

static void
test_separators_and_quoting (void)
{
  static const struct {
    const char *data;
    const char *name;
    const char *email;
    const char *phone;
    const char *notes;
    const char *groups;
  } cases[] = {
    /* comma, quoted separators and doubled quotes */
    { "Name,Email,Groups,Notes\n\"Becker, Heike\",heike@example.com,\"Vorstand, Kasse\",\"Sie sagt \"\"Hallo\"\"\"\n",
      "Becker, Heike", "heike@example.com", NULL, "Sie sagt \"Hallo\"", "Kasse|Vorstand" },
    /* tab; "Vorname" + "Name" is first and family name */
    { "Vorname\tName\tMail\tTel.\n Jürgen \tMüller\tj@example.de\t0631 1\n",
      "Jürgen Müller", "j@example.de", "0631 1", NULL, "" },
    /* semicolon with a quoted line break and separators in a field */
    { "Nachname;Vorname;E-Mail-Adresse;Mobil;Gruppe;Bemerkung\r\nGroß;Anna;a@example.de;;\"A;B\";\"x;\r\ny\"\r\n",
      "Anna Groß", "a@example.de", NULL, "x;\r\ny", "A|B" },
    /* Excel's sep= line, mailto: addresses */
    { "sep=,\r\nE-Mail;Adresse,Name\r\nmailto:m@example.de,Maria\r\n",
      "Maria", "m@example.de", NULL, NULL, "" },
    /* header spellings: Email, Handy, Gruppen, Notiz */
    { "Email;Vollständiger Name;Handy;Gruppen;Notiz\nk@example.de;Karl Klein;0170 1;Vorstand;Hallo\n",
      "Karl Klein", "k@example.de", "0170 1", "Hallo", "Vorstand" },
    /* only an address: the name is the address */
    { "E-Mail\nnur.adresse@example.de\n",
      "nur.adresse@example.de", "nur.adresse@example.de", NULL, NULL, "" },
    /* no line end at the end, extra empty columns */
    { "Name;E-Mail;;\nOhne Ende;o@example.de;;",
      "Ohne Ende", "o@example.de", NULL, NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BvMemberImport) import = NULL;
      BvDatabase *db = new_db ();

      g_test_message ("case %u", i);
      import = preview (db, cases[i].data, -1);
      g_assert_cmpuint (bv_member_import_get_skipped (import)->len, ==, 0);
      apply (import, db, 1, 0, 0);
      assert_member (db, cases[i].email, cases[i].name, cases[i].phone, cases[i].notes, cases[i].groups);
      g_assert_finalize_object (db);
    }
}

static void
test_encodings (void)
{
  /* The same list in four encodings. */
  const char *utf8 = "Name;E-Mail;Bemerkung\r\nJürgen Weiß;jw@example.de;Beitrag 12 €\r\n";
  g_autofree char *cp1252 = NULL;
  g_autofree char *utf16 = NULL;
  g_autofree char *bom = g_strconcat ("\xef\xbb\xbf", utf8, NULL);
  gsize cp1252_length = 0;
  gsize utf16_length = 0;
  g_autoptr(GError) error = NULL;
  struct { const char *data; gsize length; } cases[4];

  cp1252 = g_convert (utf8, -1, "WINDOWS-1252", "UTF-8", NULL, &cp1252_length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (memchr (cp1252, 0x80, cp1252_length));  /* € in CP1252 */
  {
    g_autofree char *body = g_convert (utf8, -1, "UTF-16LE", "UTF-8", NULL, &utf16_length, &error);
    g_assert_no_error (error);
    utf16 = g_malloc (utf16_length + 2);
    utf16[0] = (char)0xff;
    utf16[1] = (char)0xfe;
    memcpy (utf16 + 2, body, utf16_length);
    utf16_length += 2;
  }

  cases[0].data = utf8;
  cases[0].length = strlen (utf8);
  cases[1].data = bom;
  cases[1].length = strlen (bom);
  cases[2].data = cp1252;
  cases[2].length = cp1252_length;
  cases[3].data = utf16;
  cases[3].length = utf16_length;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BvMemberImport) import = NULL;
      BvDatabase *db = new_db ();

      g_test_message ("encoding case %u", i);
      import = preview (db, cases[i].data, cases[i].length);
      apply (import, db, 1, 0, 0);
      assert_member (db, "jw@example.de", "Jürgen Weiß", NULL, "Beitrag 12 €", "");
      g_assert_finalize_object (db);
    }
}

/* Broken rows are reported with their line; the rest imports. */
static void
test_broken_rows (void)
{
  const char *data =
    "Name;E-Mail;Gruppen\n"                      /* 1 */
    "Gut Eins;eins@example.de;A\n"               /* 2 */
    "Zu viele;zwei@example.de;B;C;D\n"           /* 3 */
    "Doppelt;EINS@example.de;\n"                 /* 4 */
    ";;Nur Gruppe\n"                             /* 5 */
    "Kaputt;kaputt@;\n"                          /* 6 */
    "\n"                                         /* 7 */
    "Gut Zwei;\"zwei.b@example.de\";\"A\n"       /* 8: never closed */
    "B\n";
  g_autoptr(BvMemberImport) import = NULL;
  g_autofree char *why = NULL;
  BvDatabase *db = new_db ();

  import = preview (db, data, -1);
  why = reasons (import);
  g_assert_cmpstr (why, ==,
                   "Line 3: more columns than the header row (5 instead of 3); check the separators in this line\n"
                   "Line 4: the same e-mail address as line 2\n"
                   "Line 5: no e-mail address and no name\n"
                   "Line 6: “kaputt@” is not an e-mail address\n"
                   "Line 8: a quotation mark is not closed, so the rest of the file could not be read\n");
  g_assert_cmpstr (item (bv_member_import_get_skipped (import), 0)->label, ==, "Zu viele");
  apply (import, db, 1, 0, 5);
  assert_member (db, "eins@example.de", "Gut Eins", NULL, NULL, "A");
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_members (db)), ==, 1);
  g_assert_finalize_object (db);
}

static void
test_unusable_files (void)
{
  static const struct { const char *data; gsize length; const char *fragment; } cases[] = {
    { "", 0, "empty" },
    { "Mitgliedsnr;Straße;Ort\n1;Hauptstr. 1;Kaiserslautern\n", 0, "header row" },
    { "PK\x03\x04\x14\x00\x06\x00", 8, "spreadsheet" },
    { "Name\0E-Mail", 11, "text file" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BvMemberImport) import = NULL;
      BvDatabase *db = new_db ();
      gsize length = cases[i].length ? cases[i].length : strlen (cases[i].data);

      import = bv_member_import_new_from_data (db, cases[i].data, length, "mitglieder.csv", &error);
      g_assert_null (import);
      g_assert_error (error, BV_MEMBER_IMPORT_ERROR, BV_MEMBER_IMPORT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "mitglieder.csv"));
      g_assert_nonnull (strstr (error->message, cases[i].fragment));
      g_assert_finalize_object (db);
    }
}

/* Applying is one transaction: when the store refuses one member, none
 * of the others nor the new groups are stored. */
static void
test_apply_all_or_nothing (void)
{
  const char *data = "Name;E-Mail;Gruppen\nA;a@example.de;Neu\nB;b@example.de;Neu\nC;c@example.de;\n";
  g_autoptr(BvMemberImport) import = NULL;
  g_autoptr(BvMember) sneaked = bv_member_new ();
  g_autoptr(GError) error = NULL;
  BvDatabase *db = new_db ();

  import = preview (db, data, -1);
  g_assert_cmpuint (bv_member_import_get_added (import)->len, ==, 3);

  /* Someone else stores "c@" between the preview and the import. */
  bv_member_set_name (sneaked, "Schon da");
  bv_member_set_email (sneaked, "C@example.de");
  g_assert_true (bv_database_save_member (db, sneaked, &error));
  g_assert_no_error (error);

  g_assert_false (bv_member_import_apply (import, db, NULL, &error));
  g_assert_error (error, BV_MEMBER_IMPORT_ERROR, BV_MEMBER_IMPORT_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "Schon da"));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_members (db)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_groups (db)), ==, 0);

  /* After removing the clash the same preview imports. */
  g_assert_true (bv_database_delete_member (db, bv_member_get_id (sneaked), &error));
  apply (import, db, 3, 0, 0);
  g_assert_cmpuint (g_list_model_get_n_items (bv_database_get_groups (db)), ==, 1);
  g_assert_finalize_object (db);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static void
test_file_async (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "members", "google-contacts.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "gibt-es-nicht.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autofree char *large = g_build_filename (dir, "gross.csv", NULL);
  g_autoptr(GFile) large_file = g_file_new_for_path (large);
  g_autofree char *padding = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) failed = NULL;
  g_autoptr(GAsyncResult) refused = NULL;
  g_autoptr(BvMemberImport) import = NULL;
  g_autoptr(GError) error = NULL;
  BvDatabase *db = new_db ();

  bv_member_import_file_async (db, file, NULL, result_cb, &result);
  import = bv_member_import_file_finish (bv_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bv_member_import_get_name (import), ==, "google-contacts.csv");
  g_assert_cmpuint (bv_member_import_get_added (import)->len, ==, 2);

  bv_member_import_file_async (db, missing_file, NULL, result_cb, &failed);
  g_assert_null (bv_member_import_file_finish (bv_test_wait_for (&failed), &error));
  g_assert_error (error, BV_MEMBER_IMPORT_ERROR, BV_MEMBER_IMPORT_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "gibt-es-nicht.csv"));
  g_clear_error (&error);

  /* One byte over the limit: refused as a whole, naming the file. */
  padding = g_malloc (BV_MEMBER_IMPORT_MAX_BYTES + 1);
  memset (padding, '\n', BV_MEMBER_IMPORT_MAX_BYTES + 1);
  g_file_set_contents (large, padding, BV_MEMBER_IMPORT_MAX_BYTES + 1, &error);
  g_assert_no_error (error);
  bv_member_import_file_async (db, large_file, NULL, result_cb, &refused);
  g_assert_null (bv_member_import_file_finish (bv_test_wait_for (&refused), &error));
  g_assert_error (error, BV_MEMBER_IMPORT_ERROR, BV_MEMBER_IMPORT_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "“gross.csv” is larger than 10 MB"));
  g_unlink (large);

  g_clear_object (&import);
  /* The results keep the task and with it the database. */
  g_clear_object (&result);
  g_clear_object (&failed);
  g_clear_object (&refused);
  g_assert_finalize_object (db);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* English source strings, whatever the machine's language. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("bv-test-member-import-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/core/member-import/club-software-cp1252", test_club_software_cp1252);
  g_test_add_func ("/core/member-import/excel-utf8-bom", test_excel_utf8_bom);
  g_test_add_func ("/core/member-import/google-contacts", test_google_contacts);
  g_test_add_func ("/core/member-import/vcard3", test_vcard3);
  g_test_add_func ("/core/member-import/vcard4", test_vcard4);
  g_test_add_func ("/core/member-import/same-email-updates", test_same_email_updates);
  g_test_add_func ("/core/member-import/separators-and-quoting", test_separators_and_quoting);
  g_test_add_func ("/core/member-import/encodings", test_encodings);
  g_test_add_func ("/core/member-import/broken-rows", test_broken_rows);
  g_test_add_func ("/core/member-import/unusable-files", test_unusable_files);
  g_test_add_func ("/core/member-import/apply-all-or-nothing", test_apply_all_or_nothing);
  g_test_add_func ("/core/member-import/file-async", test_file_async);

  status = g_test_run ();

  remove_dir (dir);
  g_free (dir);
  return status;
}
