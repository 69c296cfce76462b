#!/usr/bin/python3
"""The general assembly's flow (issue 17), in German, over the
accessibility bus, on the practice server:

  1. set up with her name and the club
  2. plan a Mitgliederversammlung with an agenda item
  3. import the member list and invite all members
  4. open the Proof of Invitation: nobody's invitation recorded yet
  5. join the room (Beitreten), open Anwesenheit
  6. let two simulated members join ("… den Übungsraum betreten lassen")
     and see the quorum line change from 0 to 1 to 2 present

  7. enter a vote's result for the agenda item (Ergebnis eintragen …)
     and see it in the item's row
  8. save the minutes with the header's button through GTK's file
     chooser and read the PDF back with pdftotext: the club, the item and
     its result

Uses the helpers of a11y-test.py and a11y-tasks-test.py. Runs inside
build-aux/dev test.
"""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import pyatspi


def _load(name, path):
    spec = importlib.util.spec_from_file_location(
        name, os.path.join(os.path.dirname(os.path.abspath(__file__)), path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


a11y = _load("a11y_common", "a11y-test.py")
tasks = _load("a11y_tasks", "a11y-tasks-test.py")

fail, ok, find, find_in, find_frame, walk, click, type_into, shot = (
    a11y.fail, a11y.ok, a11y.find, a11y.find_in, a11y.find_frame, a11y.walk, a11y.click,
    a11y.type_into, a11y.shot)

TIMEOUT = a11y.TIMEOUT
BUTTON = {pyatspi.ROLE_PUSH_BUTTON}
ENTRY = {pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT}
TITLE = "Mitgliederversammlung"
MEMBERS = ("Erika Musterfrau", "Hans Kassenwart", "Lena Schmidt")
AGENDA_ITEM = "Bericht des Vorstands"


def plan_assembly(app):
    tasks.go_to_page(app, "Anstehend")
    if tasks.press(app, "Neues Treffen") is None:
        return False
    editor = find_frame(app, "Neues Treffen")
    if editor is None:
        fail("no window “Neues Treffen”")
        return False
    tasks.choose(app, editor, "Art", "Vorstandssitzung", TITLE)
    tasks.wait_for_text(editor, "Titel (Pflichtfeld)", TITLE)
    if tasks.press(editor, "Punkt hinzufügen") is None:
        return False
    # The new item's title field; the meeting's own is "Titel (Pflichtfeld)".
    field = find(editor, "Titel", ENTRY)
    if field is None:
        fail("the new agenda item has no field “Titel”")
        return False
    type_into(field, AGENDA_ITEM)
    shot("assembly-editor")
    if tasks.press(editor, "Speichern") is None:
        return False
    tasks.wait_closed(app, "Neues Treffen")
    if find(app, TITLE) is None:
        fail(f"“{TITLE}” is not on Anstehend")
        return False
    ok("planned the assembly with an agenda item")
    return True


def invite_all(app):
    window = tasks.invite_window(app, TITLE)
    if window is None:
        return False
    tasks.invite_group(app, window, "Alle Mitglieder")
    for name in MEMBERS:
        if find(window, name) is None:
            fail(f"“{name}” is not invited to the assembly")
            return False
    ok("all members are invited")
    check_proof(app, window)
    close = find_in(window, "Schließen", pyatspi.ROLE_PUSH_BUTTON, timeout=5)
    if close is not None:
        click(close)
    return True


def check_proof(app, window):
    """The proof of invitation says who is not invited yet."""
    menu = find(window, "Exportieren und Links", None, timeout=5)
    item = None
    if menu is not None:
        click(menu)
        item = find(app, "Nachweis der Einladung …", None, timeout=5)
    if item is None:
        fail("no menu item “Nachweis der Einladung …” in the invite window")
        return
    click(item)
    proof = find_frame(app, "Nachweis der Einladung")
    if proof is None:
        fail("no window “Nachweis der Einladung”")
        return
    # Tomorrow's assembly: the invitation period has passed already.
    statement = tasks.find_prefix_in(proof, "Kein Mitglied wurde fristgerecht eingeladen.")
    if statement is None:
        fail("the proof does not say that nobody is invited in time yet")
    else:
        ok("the proof says: " + statement.name)
    if find(proof, "Keine Einladung vermerkt", timeout=5) is None:
        fail("the proof's rows do not say “Keine Einladung vermerkt”")
    a11y.check_all_named(proof, "proof of invitation")
    shot("assembly-proof")
    close = find_in(proof, "Schließen", pyatspi.ROLE_PUSH_BUTTON, timeout=5)
    if close is not None:
        click(close)


def row_button(app, title, name):
    row = find(app, title)
    scope = row
    for _ in range(6):
        if scope is None:
            return None
        button = next((n for n in walk(scope) if n.name == name and n.getRole() == pyatspi.ROLE_PUSH_BUTTON
                       and a11y.showing(n)), None)
        if button is not None:
            return button
        scope = scope.parent
    return None


def quorum_line(window, present, timeout=60):
    """Waits until the quorum line says @present of 3 are there."""
    pattern = re.compile(rf"Beschlussfähig.*: {present} von 3 Stimmberechtigten anwesend")
    deadline = time.time() + timeout
    while time.time() < deadline:
        for node in walk(window):
            try:
                if node.name and pattern.search(node.name):
                    return node.name
            except Exception:
                continue
        time.sleep(0.5)
    return None


def attendance(app, urls_path):
    tasks.go_to_page(app, "Anstehend")
    join = row_button(app, TITLE, "Beitreten")
    if join is None:
        fail(f"no “Beitreten” for “{TITLE}”")
        return
    click(join)
    a11y.read_urls(urls_path)
    attendance_button = row_button(app, TITLE, "Anwesenheit")
    if attendance_button is None:
        fail(f"no “Anwesenheit” for “{TITLE}”")
        return
    click(attendance_button)
    window = find_frame(app, "Anwesenheit")
    if window is None:
        fail("no window “Anwesenheit”")
        return
    line = quorum_line(window, 0)
    if line is None:
        fail("the quorum line does not say that nobody is present")
        return
    ok(f"quorum line before: {line}")
    for count, name in enumerate(MEMBERS[:2], start=1):
        button = find(window, f"{name} den Übungsraum betreten lassen", BUTTON)
        if button is None:
            fail(f"no button to let {name} join")
            return
        click(button)
        line = quorum_line(window, count)
        if line is None:
            fail(f"the quorum line did not change to {count} present after {name} joined")
            return
        ok(f"after {name} joined: {line}")
    a11y.check_all_named(window, "attendance")
    shot("assembly-attendance")
    if enter_result(app, window):
        save_minutes(app, window, os.path.dirname(urls_path))


RESULT = "2 ja, 0 nein, 1 Enthaltungen, 0 ungültig"


def enter_result(app, window):
    """A vote on the agenda item through “Ergebnis eintragen …”; the item's
    row then says it."""
    button = find(window, f"Ergebnis zu TOP 1 eintragen: {AGENDA_ITEM}", BUTTON)
    if button is None:
        fail("no button “Ergebnis eintragen …” for the agenda item")
        return False
    click(button)
    dialog = find_frame(app, f"Ergebnis zu TOP 1: {AGENDA_ITEM}")
    if dialog is None:
        fail("no window for the agenda item's result")
        return False
    for name, count in (("Ja", "2"), ("Nein", "0"), ("Enthaltungen", "1")):
        field = find(dialog, name, {pyatspi.ROLE_SPIN_BUTTON})
        if field is None:
            fail(f"the result has no field “{name}”")
            return False
        type_into(field, count)
    a11y.check_all_named(dialog, "result")
    shot("assembly-result")
    if tasks.press(dialog, "Speichern") is None:
        return False
    tasks.wait_closed(app, dialog.name)
    line = tasks.find_prefix_in(window, "Abstimmung")
    if line is None or RESULT not in line.name:
        fail("the agenda item's row does not show the vote: "
             + (line.name if line is not None else "nothing"))
        return False
    ok("entered the result: " + line.name)
    return True


def save_minutes(app, window, directory):
    """The header's “Protokoll als PDF speichern …” with GTK's own file
    chooser: the whole path typed into its name field."""
    path = os.path.join(directory, "protokoll.pdf")
    # An icon in the header bar, named and with the same tooltip.
    button = find(window, "Protokoll als PDF speichern …", BUTTON)
    if button is None:
        fail("no button “Protokoll als PDF speichern …” in the attendance window")
        return
    click(button)
    # GTK 4.8 gives its file chooser dialog the role "filler", not "dialog".
    chooser = None
    deadline = time.time() + TIMEOUT
    while chooser is None and time.time() < deadline:
        try:
            chooser = next((c for c in app if c is not None and c.name == "Protokoll als PDF speichern"), None)
        except Exception:
            pass
        time.sleep(0.2)
    if chooser is None:
        fail("no file chooser “Protokoll als PDF speichern”")
        return
    suggested = f"Protokoll {TITLE}.pdf"
    name = None
    deadline = time.time() + TIMEOUT
    while name is None and time.time() < deadline:
        name = next((n for n in walk(chooser) if n.getRole() in ENTRY
                     and tasks.text_of(n) == suggested), None)
        time.sleep(0.2)
    if name is None:
        fail(f"the file chooser does not offer the name “{suggested}”")
        return
    type_into(name, path)
    # GTK's own dialog: its mnemonic buttons may say "_Speichern Speichern".
    save = next((n for n in walk(chooser) if n.getRole() == pyatspi.ROLE_PUSH_BUTTON
                 and n.name and "Speichern" in n.name.replace("_", "").split()), None)
    if save is None:
        fail("the file chooser has no button “Speichern”")
        return
    click(save)
    deadline = time.time() + TIMEOUT
    while not os.path.exists(path) and time.time() < deadline:
        time.sleep(0.2)
    time.sleep(0.5)
    if not os.path.exists(path):
        fail(f"the minutes were not written to {path}")
        return
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True,
                          timeout=60).stdout
    text = " ".join(text.split())
    for part in ("TSV Musterstadt", AGENDA_ITEM, RESULT):
        if part not in text:
            fail(f"the minutes lack “{part}”")
            return
    ok("saved the minutes with the club and the result")


def run(app, data_home, urls_path):
    practice = find(app, "Übungsserver ausprobieren", BUTTON)
    if practice is None:
        fail("button “Übungsserver ausprobieren” not found")
        return
    click(practice)
    if find(app, "Keine Treffen geplant") is None:
        fail("the practice server did not get ready")
        return
    tasks.task_set_up(app)
    if not plan_assembly(app):
        return
    tasks.import_member_list(data_home)
    if not invite_all(app):
        return
    attendance(app, urls_path)


def main():
    data_home = tempfile.mkdtemp(prefix="bv-a11y-assembly-")
    urls_path = a11y.set_up_browser(data_home)
    proc = None
    try:
        proc, app = a11y.start(data_home)
        run(app, data_home, urls_path)
    finally:
        if proc is not None:
            a11y.stop(proc)
        shutil.rmtree(data_home, ignore_errors=True)

    if a11y.failures:
        print(f"{len(a11y.failures)} check(s) failed", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
