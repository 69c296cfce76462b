#!/usr/bin/python3
"""The secretary's tasks (issue 19), in German, using only visible texts.

A person who has never used the app finds every control she needs by the
words on screen. So each control this test uses is looked up by its name
on the accessibility bus AND must show that name as visible text (a label
inside or next to it); a control that only has a tooltip or an accessible
name, such as an icon button, fails the test.

The tasks:
  1. set up with her name and the club          task_set_up()
     (the welcome page's two fields)
  2. plan a monthly board meeting and an assembly task_plan_meetings()
  3. import a member list and add one member      task_members()
     (the import goes through --import-members, the same import as the
     page's button: the file chooser is GTK's own; the one member through
     the dialog with its two name fields)
  4. invite the board (preselected) and all
     members (one choice)                         task_invite()
  5. open an invitation and send it               task_open_invitation(),
                                                  task_send_invitation()
     (through the row's "Senden ▾": "Einladung ansehen", then "Per E-Mail
     senden"; the practice-server warning is confirmed in words, the
     e-mail account is set up from the sending dialog's "E-Mail-Konto
     einrichten …" as she would, against the loopback SMTP server of
     a11y-test.py, which must receive exactly her message)

Uses the helpers of a11y-test.py. Runs inside build-aux/dev test.
"""

import datetime
import re
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time

import pyatspi

_spec = importlib.util.spec_from_file_location(
    "a11y_common", os.path.join(os.path.dirname(os.path.abspath(__file__)), "a11y-test.py"))
a11y = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(a11y)

fail, ok, find, find_in, walk, click, type_into, shot = (
    a11y.fail, a11y.ok, a11y.find, a11y.find_in, a11y.walk, a11y.click,
    a11y.type_into, a11y.shot)

TIMEOUT = a11y.TIMEOUT
PAGE_ROLES = {pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_PUSH_BUTTON,
              pyatspi.ROLE_PAGE_TAB}
BUTTON = {pyatspi.ROLE_PUSH_BUTTON}
ENTRY = {pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT}

# Each invitation row has one button in words, "Senden ▾", whose menu
# holds what the icons did (issue 19).
ROW_BUTTONS_HAVE_TEXT = True


def sized(node):
    try:
        return node.queryComponent().getExtents(pyatspi.WINDOW_COORDS).width > 0
    except Exception:
        return False


def shows_text(node, text, levels=3):
    """Whether @text is on screen as a label in @node or close around it
    (an entry row shows its title next to the entry, not inside it)."""
    scope = node
    for _ in range(levels + 1):
        if scope is None:
            break
        for candidate in walk(scope):
            try:
                if candidate.getRole() == pyatspi.ROLE_LABEL and candidate.name == text and sized(candidate):
                    return True
            except Exception:
                continue
        scope = scope.parent
    return False


def visible(root, text, roles, what, timeout=TIMEOUT):
    """The control named @text, which must also show @text."""
    node = find(root, text, roles, timeout=timeout) if root is not None else None
    if node is None:
        # Dialogs are never SHOWING in GTK 4.8: look by size there.
        for role in roles or ():
            node = find_in(root, text, role, timeout=2) if root is not None else None
            if node is not None:
                break
    if node is None:
        fail(f"{what} “{text}” not found")
        return None
    if not shows_text(node, text):
        fail(f"{what} “{text}” shows no text: a person cannot find it by its words")
    else:
        ok(f"{what} “{text}” is there in words")
    return node


def press(root, text, what="button"):
    node = visible(root, text, BUTTON, what)
    if node is not None:
        deadline = time.time() + TIMEOUT
        while time.time() < deadline and not node.getState().contains(pyatspi.STATE_SENSITIVE):
            time.sleep(0.2)
        if not node.getState().contains(pyatspi.STATE_SENSITIVE):
            fail(f"{what} “{text}” stays grey")
            return None
        click(node)
    return node


def text_of(node):
    try:
        t = node.queryText()
        return t.getText(0, t.characterCount)
    except Exception:
        return None


def entry_text(root, name):
    node = find(root, name, ENTRY)
    if node is None:
        return None
    for candidate in walk(node):
        text = text_of(candidate)
        if text is not None and candidate.getRole() in ENTRY:
            return text
    return text_of(node)


def choose(app, root, combo_name, current, item):
    """Picks @item in the combo row @combo_name: opens its list and
    activates the item, through the list's selection as assistive
    technology does."""
    combo = visible(root, combo_name, {pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_PUSH_BUTTON,
                                       pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_PANEL}, "choice")
    if combo is None:
        return False
    # Below the window's edge, a person scrolls down to it first.
    scroll_into_view(root, combo)
    # A combo row offers no AT-SPI action: a pointer click on it, where
    # a person would click.
    if not pointer_click(root, combo):
        return False
    deadline = time.time() + TIMEOUT
    label = None
    while label is None and time.time() < deadline:
        for node in walk(app):
            try:
                if node.getRole() == pyatspi.ROLE_LABEL and node.name == item and sized(node):
                    # the one in the open list, not the row's own current value
                    if any(p.getRole() in (pyatspi.ROLE_LIST, pyatspi.ROLE_LIST_BOX)
                           for p in ancestors(node, 6)):
                        label = node
                        break
            except Exception:
                continue
        if label is None:
            time.sleep(0.2)
    if label is None:
        fail(f"“{item}” is not offered in “{combo_name}”")
        return False
    ok(f"“{combo_name}” offers “{item}” in full")
    # The open list has the keyboard, on the current choice: arrows and
    # Enter choose, as a person would with the keyboard.
    items = []
    lst = next((p for p in ancestors(label, 6) if p.getRole() in (pyatspi.ROLE_LIST, pyatspi.ROLE_LIST_BOX)), None)
    if lst is not None:
        items = [n.name for n in walk(lst) if n.getRole() == pyatspi.ROLE_LABEL and n.name]
    if item not in items or current not in items:
        fail(f"the list of “{combo_name}” is not readable: {items}")
        return False
    steps = items.index(item) - items.index(current)
    key = "Down" if steps >= 0 else "Up"
    keys = [key] * abs(steps) + ["Return"]
    subprocess.run(["xdotool", "key", "--delay", "150"] + keys, check=False)
    return True


def scroll_into_view(frame, node):
    """Turns the mouse wheel over @frame until @node is inside it."""
    for _ in range(10):
        try:
            ext = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            height = frame.queryComponent().getExtents(pyatspi.WINDOW_COORDS).height
        except Exception:
            return
        if ext.y + ext.height <= height - 10:
            return
        ids = subprocess.run(["xdotool", "search", "--name", f"^{re.escape(frame.name)}$"],
                             capture_output=True, text=True).stdout.split()
        if not ids:
            return
        geometry = dict(line.split("=", 1) for line in subprocess.run(
            ["xdotool", "getwindowgeometry", "--shell", ids[-1]], capture_output=True, text=True).stdout.split())
        x = int(geometry["X"]) + int(geometry["WIDTH"]) // 2
        y = int(geometry["Y"]) + int(geometry["HEIGHT"]) // 2
        subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "--repeat", "3", "5"], check=False)
        time.sleep(0.5)


def pointer_click(frame, node):
    """Clicks the middle of @node with the X pointer (xdotool), in the
    window @frame (found by its title)."""
    try:
        ext = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    except Exception as e:
        fail(f"“{node.name}” has no place on screen: {e}")
        return False
    ids = subprocess.run(["xdotool", "search", "--name", f"^{re.escape(frame.name)}$"],
                         capture_output=True, text=True).stdout.split()
    for wid in reversed(ids):
        geometry = dict(line.split("=", 1) for line in subprocess.run(
            ["xdotool", "getwindowgeometry", "--shell", wid], capture_output=True, text=True).stdout.split())
        if int(geometry.get("WIDTH", "0")) < 50:
            continue
        x = int(geometry["X"]) + ext.x + ext.width // 2
        y = int(geometry["Y"]) + ext.y + ext.height // 2
        subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], check=False)
        return True
    fail(f"the window “{frame.name}” was not found on the X display")
    return False


def ancestors(node, n):
    out = []
    while node is not None and len(out) < n:
        try:
            node = node.parent
        except Exception:
            break
        if node is not None:
            out.append(node)
    return out


def frame_names(app):
    """The names of the app's windows. A window closing while they are
    read makes AT-SPI say "The application no longer exists" for it:
    read them again."""
    for _ in range(10):
        try:
            names = []
            for c in app:
                if c is not None and c.getRole() in (pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG, pyatspi.ROLE_WINDOW):
                    names.append(c.name)
            return names
        except Exception:
            time.sleep(0.2)
    return []


def find_frame(app, name, timeout=TIMEOUT):
    deadline = time.time() + timeout
    while True:
        try:
            return a11y.find_frame(app, name, timeout=max(0.1, deadline - time.time()))
        except Exception:
            if time.time() >= deadline:
                return None
            time.sleep(0.2)


def wait_closed(app, name):
    deadline = time.time() + TIMEOUT
    while time.time() < deadline and name in frame_names(app):
        time.sleep(0.2)
    if name in frame_names(app):
        fail(f"the window “{name}” did not close")


def go_to_page(app, name):
    switch = find(app, name, PAGE_ROLES)
    if switch is None:
        fail(f"page switch “{name}” not found")
        return
    click(switch)


# Task 1 --------------------------------------------------------------

def task_set_up(app):
    """The first start asks for her name and the club's on the welcome
    page; the invitation of task 5 shows that both arrived."""
    for label, text in (("Ihr Name", "Brigitte Schäfer"), ("Name des Vereins", "TSV Musterstadt")):
        entry = visible(app, label, ENTRY, "welcome page field")
        if entry is not None:
            type_into(entry, text)
    shot("tasks-welcome")
    practice = press(app, "Übungsserver ausprobieren")
    if practice is None:
        return False
    if find(app, "Keine Treffen geplant") is None:
        fail("the practice server did not get ready")
        return False
    return True


# Task 2 --------------------------------------------------------------

def next_first_monday():
    day = datetime.date.today() + datetime.timedelta(days=1)
    while not (day.weekday() == 0 and day.day <= 7):
        day += datetime.timedelta(days=1)
    return day


def wait_for_text(root, entry_name, text):
    deadline = time.time() + TIMEOUT
    while time.time() < deadline and entry_text(root, entry_name) != text:
        time.sleep(0.2)


def find_prefix_in(root, prefix, timeout=TIMEOUT):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for node in walk(root):
            try:
                if node.name and node.name.startswith(prefix) and sized(node):
                    return node
            except Exception:
                continue
        time.sleep(0.2)
    return None


def plan(app, kind, date, repeat):
    go_to_page(app, "Anstehend")
    if press(app, "Neues Treffen") is None:
        return None
    editor = find_frame(app, "Neues Treffen")
    if editor is None:
        fail("no window “Neues Treffen”")
        return None
    if kind != "Vorstandssitzung":
        choose(app, editor, "Art", "Vorstandssitzung", kind)
        wait_for_text(editor, "Titel (Pflichtfeld)", kind)
    # The title comes from the kind: nothing to type, Save is not grey.
    title = entry_text(editor, "Titel (Pflichtfeld)")
    if title == kind:
        ok(f"the title is “{kind}” from the kind")
    else:
        fail(f"the title is {title!r}, not the kind “{kind}”")
    if date is not None:
        field = visible(editor, "Datum", ENTRY, "field")
        if field is not None:
            type_into(field, date.strftime("%d.%m.%Y"))
    if repeat is not None:
        choose(app, editor, "Wiederholung", "Keine Wiederholung", repeat)
        # the group says what was chosen, in a sentence
        if find_prefix_in(editor, "Jeden ersten Montag im Monat") is None:
            fail(f"choosing “{repeat}” did not make a monthly series")
        else:
            ok(f"“{repeat}” makes the series “Jeden ersten Montag im Monat”")
    shot(f"tasks-editor-{kind}")
    if press(editor, "Speichern") is None:
        return None
    wait_closed(app, "Neues Treffen")
    return kind


def task_plan_meetings(app):
    first = next_first_monday()
    board = plan(app, "Vorstandssitzung", first, "Monatlich am ersten Montag")
    assembly = plan(app, "Mitgliederversammlung", None, None)
    for title in (board, assembly):
        if title is not None and find(app, title) is None:
            fail(f"“{title}” is not on Anstehend")
    # Each planned meeting is changed through a button in words, not a
    # pencil to hover over.
    if board is not None:
        edit = meeting_button(app, board, "Bearbeiten")
        if edit is not None and shows_text(edit, "Bearbeiten", levels=0):
            ok(f"“{board}” has “Bearbeiten” in words")
        else:
            fail(f"“{board}” has no button “Bearbeiten” in words on Anstehend")
    shot("tasks-upcoming")
    return first


# Task 3 --------------------------------------------------------------

def import_member_list(data_home):
    """The list comes in through --import-members, the same import as the
    page's button; the file chooser is GTK's own."""
    members = os.path.join(data_home, "mitgliederliste.csv")
    with open(members, "w", encoding="utf-8") as f:
        f.write("Name;E-Mail;Gruppe\r\n"
                "Erika Musterfrau;erika@example.org;Vorstand\r\n"
                "Hans Kassenwart;hans@example.org;Vorstand\r\n"
                "Lena Schmidt;lena@example.org;\r\n")
    result = subprocess.run([a11y.APP, f"--import-members={members}"], env=a11y.german_env(data_home),
                            capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        fail(f"--import-members failed: {result.stderr.strip()}")
    else:
        ok(f"imported the member list: {result.stdout.strip()}")


def add_member_in_dialog(app, first_name, last_name, email):
    go_to_page(app, "Mitglieder")
    # The empty state's button of the same name stays in the tree (a
    # hidden stack page still looks visible): the list's own one counts,
    # the one next to the search field.
    search = find(app, "Mitglieder suchen", ENTRY)
    if search is None:
        fail("the member list with its search field is not shown")
        return
    shot("tasks-members-page")
    toolbar = search.parent
    button = next((n for n in walk(toolbar) if n.name == "Mitglied hinzufügen"
                   and n.getRole() == pyatspi.ROLE_PUSH_BUTTON), None)
    if button is None:
        fail("button “Mitglied hinzufügen” not found next to the search field")
        return
    if not shows_text(button, "Mitglied hinzufügen", levels=0):
        fail("button “Mitglied hinzufügen” shows no text")
    click(button)
    dialog = find_frame(app, "Mitglied hinzufügen")
    if dialog is None:
        fail("no window “Mitglied hinzufügen”; windows: " + ", ".join(repr(n) for n in frame_names(app)))
        return
    ok("button “Mitglied hinzufügen” is there in words and opens its window")
    for label, text in (("Vorname", first_name), ("Nachname", last_name)):
        field = visible(dialog, label, ENTRY, "field")
        if field is not None:
            type_into(field, text)
    field = visible(dialog, "E-Mail-Adresse", ENTRY, "field")
    if field is not None:
        type_into(field, "max.example.org")
        # A wrong address says in words what is wrong.
        if find(dialog, "Einer E-Mail-Adresse fehlt das @, wie in anna@example.org.", timeout=5) is None:
            fail("a wrong e-mail address is not explained in words")
        else:
            ok("a wrong e-mail address is explained in words")
        type_into(field, email)
    shot("tasks-member-dialog")
    press(dialog, "Speichern")
    wait_closed(app, "Mitglied hinzufügen")
    name = f"{first_name} {last_name}"
    if find(app, name) is None:
        fail(f"“{name}” is not on Mitglieder")
    else:
        ok(f"“{name}” is on Mitglieder")


def task_members(app, data_home):
    import_member_list(data_home)
    add_member_in_dialog(app, "Max", "Mustermann", "max@example.org")


# Task 4 --------------------------------------------------------------

def meeting_button(app, title, name):
    """The button @name in the row of the meeting @title on Anstehend."""
    go_to_page(app, "Anstehend")
    # Anstehend builds its rows anew when it is shown: a row found while
    # that happens may be on its way out, so look again until it settles.
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        scope = find(app, title, timeout=2)
        try:
            for _ in range(6):
                if scope is None:
                    break
                button = next((n for n in walk(scope) if n.name == name and n.getRole() == pyatspi.ROLE_PUSH_BUTTON
                               and a11y.showing(n)), None)
                if button is not None:
                    return button
                scope = scope.parent
        except Exception:
            pass
        time.sleep(0.3)
    return None


def invite_window(app, title):
    """Opens the Invite window through the meeting's own "Einladen" on
    Anstehend. Anstehend builds its rows anew when it is shown and when
    the server's state of a meeting changes: a button found a moment ago
    may be gone (AT-SPI then says "The application no longer exists"),
    and the one there now is looked up again."""
    name = f"Einladen zu „{title}“"
    for _ in range(5):
        button = meeting_button(app, title, "Einladen")
        if button is None:
            fail(f"no “Einladen” for “{title}”")
            return None
        try:
            if not shows_text(button, "Einladen", levels=0):
                button.queryComponent().getExtents(pyatspi.WINDOW_COORDS)  # still there?
                fail(f"“Einladen” of “{title}” shows no text")
                return None
            click(button)
        except Exception:
            time.sleep(0.5)
            continue
        window = find_frame(app, name, timeout=5)
        if window is not None:
            return window
    fail(f"no window “{name}”")
    return None


def invite_group(app, window, expected_choice):
    if press(window, "Eine Gruppe einladen …") is None:
        return
    dialog = find_frame(app, "Gruppe einladen")
    if dialog is None:
        fail("no window “Gruppe einladen”")
        return
    # The choice that suits the meeting is made already: one click.
    deadline = time.time() + TIMEOUT
    while time.time() < deadline and not shows_text(dialog, expected_choice, levels=0):
        time.sleep(0.2)
    if shows_text(dialog, expected_choice, levels=0):
        ok(f"“Gruppe einladen” starts on “{expected_choice}”")
    else:
        fail(f"“Gruppe einladen” does not start on “{expected_choice}”")
    shot(f"tasks-group-dialog-{expected_choice}")
    confirm = find_in(dialog, "Einladen", pyatspi.ROLE_PUSH_BUTTON)
    if confirm is None:
        fail("button “Einladen” not found in “Gruppe einladen”")
        return
    click(confirm)


def task_invite(app):
    board = invite_window(app, "Vorstandssitzung")
    if board is not None:
        invite_group(app, board, "Vorstand")
        for name in ("Erika Musterfrau", "Hans Kassenwart"):
            if find(board, name) is None:
                fail(f"“{name}” of the board is not invited")
        if find(board, "Lena Schmidt", timeout=2) is not None:
            fail("a member outside the board was invited to the board meeting")
        shot("tasks-invite-board")
    assembly = invite_window(app, "Mitgliederversammlung")
    if assembly is not None:
        invite_group(app, assembly, "Alle Mitglieder")
        for name in ("Erika Musterfrau", "Hans Kassenwart", "Lena Schmidt"):
            if find(assembly, name) is None:
                fail(f"“{name}” is not invited to the assembly")
        close = find_in(assembly, "Schließen", pyatspi.ROLE_PUSH_BUTTON, timeout=5)
        if close is not None:
            click(close)
    return board


# Task 5 --------------------------------------------------------------

def row_of(window, name):
    """The invitation row of @name: the smallest subtree that holds the
    name and its own "Senden" button."""
    row = find(window, name)
    scope = row
    for _ in range(6):
        if scope is None:
            return None
        if any(n.name == "Senden" and n.getRole() in (pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON)
               for n in walk(scope)):
            return scope
        scope = scope.parent
    return None


def row_menu_item(window, name, item):
    """Opens the “Senden ▾” menu of @name's row and clicks @item in it;
    both must show their words."""
    row = row_of(window, name)
    if row is None:
        fail(f"the row of “{name}” has no button “Senden”")
        return False
    send = next(n for n in walk(row) if n.name == "Senden"
                and n.getRole() in (pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON))
    if ROW_BUTTONS_HAVE_TEXT and not shows_text(send, "Senden", levels=0):
        fail(f"“Senden” in the row of “{name}” shows no text")
        return False
    click(send)
    node = None
    deadline = time.time() + TIMEOUT
    while node is None and time.time() < deadline:
        node = next((n for n in walk(row) if n.name == item and sized(n)
                     and n.getRole() in (pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_PUSH_BUTTON)), None)
        if node is None:
            time.sleep(0.2)
    if node is None:
        fail(f"the menu “Senden” of “{name}” offers no “{item}”")
        return False
    if not shows_text(node, item, levels=1):
        fail(f"“{item}” in the menu “Senden” shows no text")
        return False
    ok(f"“Senden ▾” of “{name}” offers “{item}” in words")
    shot(f"tasks-row-menu")
    deadline = time.time() + TIMEOUT
    while time.time() < deadline and not node.getState().contains(pyatspi.STATE_SENSITIVE):
        time.sleep(0.2)
    click(node)
    return True


def task_open_invitation(app, window, first):
    name = "Erika Musterfrau"
    if not row_menu_item(window, name, "Einladung ansehen"):
        return
    dialog = find_frame(app, f"Einladung für {name}")
    if dialog is None:
        fail(f"the invitation of {name} did not open")
        return
    text = " ".join(filter(None, (text_of(n) or n.name for n in walk(dialog))))
    months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
              "Oktober", "November", "Dezember"]
    first_text = f"zuerst am {first.day}. {months[first.month - 1]} {first.year}"
    if "jeden ersten Montag im Monat" in text and first_text in text:
        ok(f"the invitation gives the series and its first date: “{first_text}”")
    else:
        fail(f"the invitation lacks the series or “{first_text}”")
    if "Ihr persönlicher Zugang (bitte nicht weitergeben):" in text:
        ok("the personal link is introduced on a line of its own")
    else:
        fail("the personal link has no introduction")
    # Her name and the club's name of task 1, and the person's own name.
    for what, value in (("the club's name", "TSV Musterstadt"), ("the person's name", "Musterfrau"),
                        ("her own name as the sender", "Brigitte Schäfer")):
        if value in text:
            ok(f"the invitation carries {what}, “{value}”")
        else:
            fail(f"the invitation lacks {what}, “{value}”")
    shot("tasks-invitation")
    close = find_in(dialog, "Schließen", pyatspi.ROLE_PUSH_BUTTON, timeout=5)
    if close is not None:
        click(close)
    wait_closed(app, f"Einladung für {name}")


def confirm_practice_warning(app):
    """Before anything of a practice-server meeting leaves the app, a
    warning says so in words; she goes on."""
    heading = "Dieses Treffen liegt auf dem Übungsserver"
    dialog = find_frame(app, heading)
    if dialog is None:
        fail(f"no warning “{heading}” before sending a practice-server invitation")
        return False
    ok(f"the warning “{heading}” comes first")
    shot("tasks-practice-warning")
    go_on = find_in(dialog, "Trotzdem fortfahren", pyatspi.ROLE_PUSH_BUTTON)
    if go_on is None or not shows_text(go_on, "Trotzdem fortfahren", levels=0):
        fail("button “Trotzdem fortfahren” not found in words in the practice-server warning")
        return False
    click(go_on)
    wait_closed(app, heading)
    return True


def set_up_mail_account(app, port):
    """From the sending dialog's "E-Mail-Konto einrichten …", as she
    would: Einstellungen opens on E-Mail; "Verbindung testen" saves the
    account when it works."""
    dialog = find_frame(app, "Einladungen senden")
    if dialog is None:
        fail("“Per E-Mail senden” without an account opened no window “Einladungen senden”")
        return None
    if find_in(dialog, "Noch kein E-Mail-Konto", pyatspi.ROLE_LABEL, timeout=5) is None:
        fail("the window “Einladungen senden” does not say that there is no e-mail account yet")
    shot("tasks-send-no-account")
    button = find_in(dialog, "E-Mail-Konto einrichten …", pyatspi.ROLE_PUSH_BUTTON)
    if button is None or not shows_text(button, "E-Mail-Konto einrichten …", levels=0):
        fail("button “E-Mail-Konto einrichten …” not found in words")
        return None
    click(button)
    prefs = find_frame(app, "Einstellungen")
    if prefs is None:
        fail("“E-Mail-Konto einrichten …” opened no window “Einstellungen”")
        return None
    # The server first: typed by hand, it is not looked up for the
    # address's domain (which would ask example.de's autoconfig).
    fields = (
        ("Absendername", "Brigitte Schäfer, TSV Musterstadt"),
        ("Server (Pflichtfeld)", "127.0.0.1"),
        ("Port", str(port)),
        ("E-Mail-Adresse (Pflichtfeld)", a11y.MAIL_USER),
    )
    for label, text in fields:
        field = visible(prefs, label, ENTRY, "e-mail field")
        if field is None:
            return None
        type_into(field, text)
    field = visible(prefs, "Passwort (Pflichtfeld)", ENTRY | {pyatspi.ROLE_PASSWORD_TEXT}, "e-mail field")
    if field is None:
        return None
    type_into(field, a11y.MAIL_PASSWORD)
    shot("tasks-preferences-mail")
    if press(prefs, "Verbindung testen") is None:
        return None
    works = find_prefix_in(prefs, "Die Verbindung funktioniert")
    if works is None:
        problem = find_prefix_in(prefs, "Der Test ist fehlgeschlagen", timeout=1)
        fail("“Verbindung testen” did not succeed" + (f": {problem.name}" if problem else ""))
        return None
    ok(f"“Verbindung testen”: {works.name[:60]}…")
    shot("tasks-preferences-mail-tested")
    # The window's own close button in its title bar, as in every window.
    close = find_in(prefs, "Schließen", pyatspi.ROLE_PUSH_BUTTON, timeout=5)
    if close is not None:
        click(close)
    wait_closed(app, "Einstellungen")
    return dialog


def task_send_invitation(app, window, outdir, port):
    name, email = "Erika Musterfrau", "erika@example.org"
    if not row_menu_item(window, name, "Per E-Mail senden"):
        return
    if not confirm_practice_warning(app):
        return
    # No account yet: the sending dialog leads to it, and stays for
    # her, with only the person she chose ticked.
    dialog = set_up_mail_account(app, port)
    if dialog is None:
        return
    chosen = find_in(dialog, "Nur die unten ausgewählten Personen", pyatspi.ROLE_RADIO_BUTTON, timeout=5) \
        or find_in(dialog, "Nur die unten ausgewählten Personen", pyatspi.ROLE_CHECK_BOX, timeout=1)
    if chosen is None or not chosen.getState().contains(pyatspi.STATE_CHECKED):
        fail(f"after “Per E-Mail senden” for {name}, the sending dialog does not start on her alone")
    else:
        ok(f"the sending dialog starts on the person chosen, {name}")
    summary = find_prefix_in(dialog, "1 Einladung an 1 Person", timeout=5)
    if summary is None:
        fail("the sending dialog does not say “1 Einladung an 1 Person …”")
    else:
        ok(f"the sending dialog says “{summary.name}”")
    shot("tasks-send-dialog")
    send = find_in(dialog, "Senden", pyatspi.ROLE_PUSH_BUTTON)
    if send is None or not shows_text(send, "Senden", levels=0):
        fail("button “Senden” not found in words in “Einladungen senden”")
        return
    click(send)
    if find_in(dialog, "Einladungen gesendet", pyatspi.ROLE_LABEL) is None:
        fail("sending did not end with “Einladungen gesendet”")
    shot("tasks-send-done")
    close = find_in(dialog, "Schließen", pyatspi.ROLE_PUSH_BUTTON, timeout=5)
    if close is not None:
        click(close)
    wait_closed(app, "Einladungen senden")

    deadline = time.time() + TIMEOUT
    while time.time() < deadline and not a11y.received(outdir):
        time.sleep(0.1)
    time.sleep(a11y.QUIET)
    envelopes = a11y.received(outdir)
    recipients = [r for e in envelopes for r in e["rcpt_tos"]]
    if recipients == [email]:
        ok(f"the SMTP server received exactly one message, for {email}")
    else:
        fail(f"the SMTP server received {len(envelopes)} message(s) for {recipients}, not one for {email}")
    if find_prefix_in(window, f"{email}\nGesendet am") is None:
        fail(f"the row of {name} does not say that it was sent")
    else:
        ok(f"the row of {name} says “Gesendet am …”")
    shot("tasks-invite-sent")


def run_tasks(app, data_home, outdir, port):
    if not task_set_up(app):
        return
    first = task_plan_meetings(app)
    task_members(app, data_home)
    board = task_invite(app)
    if board is not None:
        task_open_invitation(app, board, first)
        task_send_invitation(app, board, outdir, port)


def main():
    data_home = tempfile.mkdtemp(prefix="bv-a11y-tasks-")
    a11y.set_up_browser(data_home)
    proc = None
    smtp = None
    try:
        smtp, port, outdir = a11y.start_smtp(data_home)
        if port is not None:
            proc, app = a11y.start(data_home)
            run_tasks(app, data_home, outdir, port)
    finally:
        if proc is not None:
            a11y.stop(proc)
        if smtp is not None:
            smtp.stdin.close()
            smtp.wait(10)
        shutil.rmtree(data_home, ignore_errors=True)

    if a11y.failures:
        print(f"{len(a11y.failures)} check(s) failed", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
