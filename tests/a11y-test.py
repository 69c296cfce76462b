#!/usr/bin/python3
"""Drives the real bbb-vereine over the accessibility bus, in German.

Finds every page and button by its German name, and fails on any control
without an accessible name. Runs inside build-aux/dev test (Xvfb, private
session bus, unlocked keyring). Needs /usr/bin/python3 with pyatspi.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pyatspi

APP = os.environ.get("BV_APP", "_build/src/bbb-vereine")
TIMEOUT = 20

# Roles a person operates; each must carry a name.
CONTROL_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON,
    pyatspi.ROLE_TOGGLE_BUTTON,
    pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_PASSWORD_TEXT,
    pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_LINK,
    pyatspi.ROLE_MENU_ITEM,
    pyatspi.ROLE_PAGE_TAB,
    pyatspi.ROLE_LIST_BOX,
    pyatspi.ROLE_TEXT,
}

failures = []


def fail(message):
    failures.append(message)
    print("not ok:", message, flush=True)


def ok(message):
    print("ok:", message, flush=True)


def shot(name):
    """With BV_SCREENSHOT_DIR set (by hand, not in the suite), saves the
    screen for a human to look at."""
    directory = os.environ.get("BV_SCREENSHOT_DIR")
    if not directory or not shutil.which("import"):
        return
    time.sleep(1)
    subprocess.run(["import", "-window", "root", os.path.join(directory, f"{name}.png")],
                   check=False)


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    try:
        count = node.childCount
    except Exception:
        return
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1)


def showing(node):
    """GTK 4.8 sets SHOWING only on toplevels, and a hidden stack page stays
    VISIBLE: a widget is on screen when it has a size, it and all its
    ancestors are VISIBLE and its toplevel is SHOWING."""
    try:
        extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        if extents.width <= 0 or extents.height <= 0:
            return False
    except Exception:
        pass
    try:
        while node is not None and node.getRole() != pyatspi.ROLE_APPLICATION:
            state = node.getState()
            if node.getRole() in (pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG, pyatspi.ROLE_WINDOW):
                return state.contains(pyatspi.STATE_SHOWING)
            if not state.contains(pyatspi.STATE_VISIBLE):
                return False
            node = node.parent
    except Exception:
        return False
    return False


def find_app(proc):
    pid = proc.pid
    deadline = time.time() + 2 * TIMEOUT
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"bbb-vereine exited early with status {proc.returncode}")
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except Exception:
                continue
        time.sleep(0.2)
    raise SystemExit("bbb-vereine never appeared on the accessibility bus")


def find(root, name, roles=None, timeout=TIMEOUT):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for node in walk(root):
            try:
                if node.name == name and showing(node) and (roles is None or node.getRole() in roles):
                    return node
            except Exception:
                continue
        time.sleep(0.2)
    return None


def expect(root, name, roles=None, what=None):
    node = find(root, name, roles)
    if node is None:
        fail(f"{what or 'element'} “{name}” not found")
    else:
        ok(f"found {what or node.getRoleName()} “{name}”")
    return node


def click(node):
    """Clicks through AT-SPI actions (no screen coordinates). A
    GtkMenuButton exposes its action on the inner button, so look down."""
    for candidate in walk(node):
        try:
            action = candidate.queryAction()
        except NotImplementedError:
            continue
        for i in range(action.nActions):
            if action.getName(i) in ("click", "press", "activate", "toggle"):
                try:
                    action.doAction(i)
                except Exception as e:  # gi GLib.Error
                    # A busy app (a loaded CI machine) may answer after
                    # AT-SPI's reply timeout although the click happened.
                    # Clicking again could click twice; what the click
                    # should show is checked by the caller anyway.
                    if "Did not receive a reply" not in str(e):
                        raise
                    print(f"# note: “{node.name}”: no reply in time; going on", flush=True)
                return
    fail(f"“{node.name}” offers no click action")


def lacks_name(name):
    """Empty, a raw mnemonic ("_Speichern Speichern") or a GType fallback
    ("GtkImage") is no name a person can use."""
    name = name.strip()
    if not name or "_" in name:
        return True
    return re.fullmatch(r"(Gtk|Adw)[A-Z][A-Za-z]+", name) is not None


def strict_walk(node, errors, depth=0):
    """Like walk(), but an AT-SPI error is recorded, not skipped: a subtree
    we could not read is a subtree nobody checked."""
    if node is None or depth > 60:
        return
    yield node
    try:
        count = node.childCount
    except Exception as e:
        errors.append(f"children of {describe(node)}: {e}")
        return
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception as e:
            errors.append(f"child {i} of {describe(node)}: {e}")
            continue
        yield from strict_walk(child, errors, depth + 1)


def describe(node):
    try:
        return f"“{node.name}” ({node.getRoleName()})"
    except Exception:
        return "an element that went away"


def check_all_named(root, where):
    """Every control on screen has a usable name. Fails when no control was
    inspected at all (the check would prove nothing) and on any AT-SPI
    error while inspecting. A walk that meets an element the app has just
    destroyed (a removed row; AT-SPI then says "The application no longer
    exists") is walked again after a moment; an error that is still there
    on the third walk is a failure."""
    for attempt in range(3):
        unnamed = []
        errors = []
        inspected = 0
        for node in strict_walk(root, errors):
            try:
                if node.getRole() in CONTROL_ROLES and showing(node):
                    inspected += 1
                    if lacks_name(node.name):
                        unnamed.append(f"{node.getRoleName()} under “{node.parent.name}” ({node.parent.getRoleName()})")
            except Exception as e:
                errors.append(f"{describe(node)}: {e}")
        if not errors:
            break
        time.sleep(0.5)
    if errors:
        fail(f"{where}: AT-SPI errors while checking names: " + "; ".join(errors))
    if inspected == 0:
        fail(f"{where}: no control was inspected")
    elif unnamed:
        fail(f"{where}: controls without an accessible name: " + "; ".join(unnamed))
    elif not errors:
        ok(f"{where}: every control has an accessible name ({inspected} inspected)")


def set_up_browser(data_home):
    """A stand-in default browser (through mimeapps.list) that notes each URL
    and opens it the way a browser would, so the practice server sees the
    join."""
    apps = os.path.join(data_home, "applications")
    config = os.path.join(data_home, "config")
    os.makedirs(apps, exist_ok=True)
    os.makedirs(config, exist_ok=True)
    urls = os.path.join(data_home, "urls.txt")
    script = os.path.join(data_home, "browser.py")
    with open(script, "w") as f:
        f.write("import sys, urllib.request\n"
                f"open({urls!r}, 'a').write(sys.argv[1] + '\\n')\n"
                "urllib.request.urlopen(sys.argv[1], timeout=10).read()\n")
    with open(os.path.join(apps, "bv-browser.desktop"), "w") as f:
        f.write("[Desktop Entry]\nType=Application\nName=Stand-in Browser\n"
                f"Exec=/usr/bin/python3 {script} %u\n"
                "MimeType=x-scheme-handler/http;x-scheme-handler/https;\n")
    with open(os.path.join(config, "mimeapps.list"), "w") as f:
        f.write("[Default Applications]\n"
                "x-scheme-handler/http=bv-browser.desktop\n"
                "x-scheme-handler/https=bv-browser.desktop\n")
    return urls


# A second launch would come within this after the first (see
# BV_TEST_QUIET_MS in tests/bv-test-utils.h).
QUIET = 1.0


def read_lines(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [line for line in f.read().split("\n") if line]


def read_urls(path, expected=1, timeout=TIMEOUT):
    """Waits until the browser got @expected URLs, then for a quiet period
    in which a duplicate would show up, and returns all it got."""
    deadline = time.time() + timeout
    while time.time() < deadline and len(read_lines(path)) < expected:
        time.sleep(0.1)
    time.sleep(QUIET)
    return read_lines(path)


def type_into(node, text):
    try:
        editable = node.queryEditableText()
    except NotImplementedError:
        for candidate in walk(node):
            try:
                editable = candidate.queryEditableText()
                break
            except NotImplementedError:
                continue
        else:
            fail(f"“{node.name}” takes no text")
            return
    editable.setTextContents(text)


def find_prefix(root, prefix, timeout=TIMEOUT):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for node in walk(root):
            try:
                if node.name and node.name.startswith(prefix) and showing(node):
                    return node
            except Exception:
                continue
        time.sleep(0.2)
    return None


def german_env(data_home):
    env = dict(os.environ)
    # The German locale exists after build-aux/dev's set-up; LANGUAGE also
    # works with C.UTF-8 should it be missing.
    env["LANG"] = "de_DE.UTF-8"
    env["LANGUAGE"] = "de"
    env["LC_ALL"] = ""
    env["XDG_DATA_HOME"] = data_home
    env["XDG_CONFIG_HOME"] = os.path.join(data_home, "config")
    env.pop("XDG_CURRENT_DESKTOP", None)
    env["GTK_A11Y"] = "atspi"
    # The SMTP server of the e-mail test uses the suite's test certificate.
    env["SSL_CERT_FILE"] = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "test-ca.pem")
    env.pop("NO_AT_BRIDGE", None)
    locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    if "de_de.utf8" not in locales:
        env["LANG"] = "C.UTF-8"
    return env


def start(data_home):
    proc = subprocess.Popen([APP], env=german_env(data_home))
    return proc, find_app(proc)


def stop(proc):
    # A crash would otherwise only show as the next check not finding
    # its window.
    if proc.poll() is not None:
        fail(f"the app ended by itself during the test (exit status {proc.returncode})")
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def frames(app):
    return [c for c in app if c is not None and c.getRole() in (pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG, pyatspi.ROLE_WINDOW)]


def plan_meeting(app, urls_path, data_home):
    """Plans a meeting through the editor, finds it on Anstehend, joins it
    with one click and sees it running."""
    title = "Vorstandssitzung Dezember"
    upcoming = find(app, "Anstehend", {pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_RADIO_BUTTON,
                                       pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_PAGE_TAB})
    if upcoming is not None:
        click(upcoming)
    new = expect(app, "Neues Treffen", {pyatspi.ROLE_PUSH_BUTTON}, "button")
    if new is None:
        return
    click(new)
    expect(app, "Neues Treffen", {pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG, pyatspi.ROLE_WINDOW}, "editor window")
    for name in ("Art", "Titel (Pflichtfeld)", "Server", "Datum", "Uhrzeit", "Wiederholung", "Begrüßungstext",
                 "Warteraum", "Folien hinzufügen …", "Abbrechen", "Speichern"):
        expect(app, name, what="editor control")
    check_all_named(app, "meeting editor")

    title_entry = expect(app, "Titel (Pflichtfeld)", {pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT}, "title entry")
    if title_entry is None:
        return
    type_into(title_entry, title)
    save = expect(app, "Speichern", {pyatspi.ROLE_PUSH_BUTTON}, "button")
    if save is None:
        return
    deadline = time.time() + TIMEOUT
    while time.time() < deadline and not save.getState().contains(pyatspi.STATE_SENSITIVE):
        time.sleep(0.2)
    click(save)

    # Tomorrow at 19:00: this week, or later when today is Sunday.
    row = expect(app, title, None, "planned meeting on Anstehend")
    if find(app, "Diese Woche", timeout=2) is None and find(app, "Später", timeout=2) is None:
        fail("the planned meeting is in no group")
    check_all_named(app, "Anstehend with a meeting")
    if row is None:
        return

    join = expect(app, "Beitreten", {pyatspi.ROLE_PUSH_BUTTON}, "button")
    if join is None:
        return
    click(join)
    urls = read_urls(urls_path)
    if len(urls) != 1:
        fail(f"the browser received {len(urls)} URLs instead of one")
    elif "/join?" not in urls[0] or "role=MODERATOR" not in urls[0]:
        fail("the browser did not receive a moderator's join URL")
    else:
        ok("one click on Beitreten opened one moderator join URL in the browser")

    # The stand-in browser entered the room; showing the page again asks
    # the server at once.
    live = find(app, "Live", {pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_RADIO_BUTTON,
                              pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_PAGE_TAB})
    upcoming = find(app, "Anstehend", {pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_RADIO_BUTTON,
                                       pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_PAGE_TAB})
    if live is not None and upcoming is not None:
        time.sleep(1)
        click(live)
        time.sleep(0.5)
        click(upcoming)
    state = find_prefix(app, "Läuft seit")
    if state is None:
        fail("the running meeting shows no live state on Anstehend")
    else:
        ok(f"live state “{state.name}”")
    shot("upcoming")

    invite_group(app, title, data_home)
    end_on_live_page(app, title, urls_path)
    manage_groups(app)


CLIPBOARD_READER = """
import gi
gi.require_version("Gdk", "4.0")
gi.require_version("Gtk", "4.0")
from gi.repository import GLib, Gtk
Gtk.init()
clipboard = Gtk.Window().get_display().get_clipboard()
loop = GLib.MainLoop()
text = []
def done(source, result):
    try:
        text.append(source.read_text_finish(result) or "")
    except Exception:
        pass
    loop.quit()
clipboard.read_text_async(None, done)
GLib.timeout_add_seconds(10, loop.quit)
loop.run()
print(text[0] if text else "", end="")
"""


def read_clipboard(data_home):
    env = german_env(data_home)
    env["GTK_A11Y"] = "none"
    env["NO_AT_BRIDGE"] = "1"
    result = subprocess.run(["/usr/bin/python3", "-c", CLIPBOARD_READER], env=env,
                            capture_output=True, text=True, timeout=30)
    return result.stdout


def find_in(frame, name, role, timeout=TIMEOUT):
    """A button inside a dialog; GTK 4.8 does not mark a message dialog's
    toplevel SHOWING, so the one with a size is the one on screen."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for node in walk(frame):
            try:
                if (node.name == name and node.getRole() == role
                        and node.queryComponent().getExtents(pyatspi.WINDOW_COORDS).width > 0):
                    return node
            except Exception:
                continue
        time.sleep(0.2)
    return None


def defunct(node):
    """Whether @node's widget is gone (AT-SPI answers for it no more)."""
    try:
        node.parent
        return node.getState().contains(pyatspi.STATE_DEFUNCT)
    except Exception:
        return True


def find_frame(app, name, timeout=TIMEOUT):
    deadline = time.time() + timeout
    while time.time() < deadline:
        frame = next((c for c in frames(app) if c.name == name), None)
        if frame is not None:
            return frame
        time.sleep(0.2)
    return None


def open_window(app, root, button_name, window_name):
    """Clicks the button @button_name under @root and returns the window
    or dialog @window_name it opens, or None after saying what failed."""
    button = expect(root, button_name, {pyatspi.ROLE_PUSH_BUTTON}, "button")
    if button is None:
        return None
    click(button)
    window = find_frame(app, window_name, timeout=TIMEOUT / 2)
    if window is None and defunct(button):
        # A page that rebuilds its rows when shown (Anstehend) can replace
        # the button between finding and clicking it; the click on the old
        # one did nothing, so click the new one.
        print(f"# note: “{button_name}” was replaced before the click; clicking the new one", flush=True)
        button = find(root, button_name, {pyatspi.ROLE_PUSH_BUTTON})
        if button is not None:
            click(button)
    if window is None:
        window = find_frame(app, window_name)
    if window is None:
        fail(f"no window “{window_name}”")
        # What was clicked and what is open, for the log.
        path, node = [], button
        try:
            while node is not None and len(path) < 12:
                path.append(f"{node.getRoleName()} “{node.name}”")
                node = node.parent
        except Exception as e:
            path.append(f"? {e}")
        print("# clicked: " + " < ".join(path), flush=True)
        print("# open: " + ", ".join(f"“{f.name}”" for f in frames(app)), flush=True)
        return None
    ok(f"found window “{window_name}”")
    return window


def invite_group(app, title, data_home):
    """Imports a member of the board from the command line (into the running
    app), invites the board to the planned meeting from its row on Anstehend
    and copies one personal link."""
    members = os.path.join(data_home, "mitglieder.csv")
    with open(members, "w", encoding="utf-8") as f:
        f.write("Name;E-Mail;Gruppe\r\nErika Musterfrau;erika@example.org;Vorstand\r\n"
                "Max Müller;max@example.org;Vorstand\r\n")
    result = subprocess.run([APP, f"--import-members={members}"], env=german_env(data_home),
                            capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        fail(f"--import-members failed: {result.stderr.strip()}")
        return
    ok(f"imported a board member: {result.stdout.strip()}")

    window = open_window(app, app, "Einladen", f"Einladen zu „{title}“")
    if window is None:
        return
    expect(window, "Noch niemand eingeladen", what="empty state")
    check_all_named(window, "invitation window")
    shot("invite-window-empty")

    dialog = open_window(app, window, "Eine Gruppe einladen …", "Gruppe einladen")
    if dialog is None:
        return
    confirm = find_in(dialog, "Einladen", pyatspi.ROLE_PUSH_BUTTON)
    if confirm is None:
        fail("button “Einladen” not found in “Gruppe einladen”")
        return
    click(confirm)

    expect(window, "Erika Musterfrau", None, "invited board member")
    expect(window, "Einladungen senden …", {pyatspi.ROLE_PUSH_BUTTON}, "header button")
    expect(window, "Exportieren und Links", {pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON}, "header button")
    check_all_named(window, "invitation window with a participant")
    shot("invite-window")
    # Issue 19: each row has one button with words, "Senden", whose menu
    # holds what the icons did; by last name, Max Müller's row comes first.
    send = expect(window, "Senden", {pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON}, "row button")
    if send is None:
        return
    click(send)
    for item in ("Per E-Mail senden", "Einladung ansehen", "Link kopieren", "Einladungstext kopieren",
                 "Im E-Mail-Programm schreiben", "Kalenderdatei speichern …"):
        expect(window, item, {pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_PUSH_BUTTON}, "item of the row’s menu")
    check_all_named(window, "the row’s menu “Senden”")
    shot("invite-row-menu")
    copy = expect(window, "Link kopieren", {pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_PUSH_BUTTON}, "menu item")
    if copy is None:
        return
    # Usable once the secret came from the keyring.
    deadline = time.time() + TIMEOUT
    while time.time() < deadline and not copy.getState().contains(pyatspi.STATE_SENSITIVE):
        time.sleep(0.2)
    click(copy)
    # The meeting is on the practice server: its links work on this
    # computer only, so the app warns before the link is copied.
    confirm_practice_warning(app, window)
    text = ""
    deadline = time.time() + TIMEOUT
    while time.time() < deadline and "/join?" not in text:
        text = read_clipboard(data_home)
        time.sleep(0.2)
    if "/join?" in text and "fullName=Max+M%C3%BCller&" in text:
        ok("“Link kopieren” put Max Müller’s personal join link on the clipboard")
    else:
        fail(f"the clipboard holds no personal join link: {text[:80]!r}")

    # Taking Max off the list: the window says that a link he was sent
    # still works, and offers to renew the links.
    remove = expect(window, "Entfernen", {pyatspi.ROLE_PUSH_BUTTON}, "button")
    if remove is not None:
        click(remove)
        expect(window, "Ein Link, den eine entfernte Person schon bekommen hat, funktioniert weiter, "
               "bis Sie die Links erneuern.", None, "notice about links already sent")
        expect(window, "Links erneuern …", {pyatspi.ROLE_PUSH_BUTTON}, "button in the notice")
        check_all_named(window, "invitation window after removing someone")
        shot("invite-window-removed")

    close = find_in(window, "Schließen", pyatspi.ROLE_PUSH_BUTTON, timeout=5)
    if close is not None:
        click(close)


HERE = os.path.dirname(os.path.abspath(__file__))
MAIL_USER = "verein@example.de"
MAIL_PASSWORD = "geheim-Passwort-ä"


def start_smtp(data_home):
    """tests/smtp-server.py on loopback with implicit TLS (the app's
    default security), the suite's test certificate (trusted by the app
    through SSL_CERT_FILE, see german_env) and AUTH required."""
    outdir = os.path.join(data_home, "smtp")
    proc = subprocess.Popen(["/usr/bin/python3", os.path.join(HERE, "smtp-server.py"), "--mode", "ssl",
                             "--cert", os.path.join(HERE, "data", "test-server.pem"),
                             "--outdir", outdir, "--log", os.path.join(data_home, "smtp.log"),
                             "--user", MAIL_USER, "--password", MAIL_PASSWORD],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if not line.startswith("PORT "):
        fail(f"the SMTP server did not start: {line!r}")
        return proc, None, outdir
    return proc, int(line.split()[1]), outdir


def received(outdir):
    """The envelopes of the messages the SMTP server accepted."""
    if not os.path.isdir(outdir):
        return []
    envelopes = []
    for name in sorted(os.listdir(outdir)):
        if name.endswith(".json"):
            with open(os.path.join(outdir, name), encoding="utf-8") as f:
                envelopes.append(json.load(f))
    return envelopes


def set_up_mail_account(app, prefs_root, port):
    """Einstellungen → E-Mail, filled in as a person would, then
    "Verbindung testen", which saves the account when it works."""
    page = expect(prefs_root, "E-Mail", {pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_RADIO_BUTTON,
                                          pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_PAGE_TAB}, "preferences page switch")
    if page is None:
        return False
    click(page)
    expect(prefs_root, "Um die Verbindung zu testen, füllen Sie noch aus: E-Mail-Adresse, Server, Benutzername, "
           "Passwort.", None, "reason why the test cannot run yet")
    # The server first: typed by hand, it is not looked up for the
    # address's domain (which would ask example.de's autoconfig).
    fields = {
        "Absendername": "Sportfreunde Söhlde",
        "Server (Pflichtfeld)": "127.0.0.1",
        "Port": str(port),
        "E-Mail-Adresse (Pflichtfeld)": MAIL_USER,
    }
    for name, text in fields.items():
        node = expect(prefs_root, name, {pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT}, "e-mail account field")
        if node is None:
            return False
        type_into(node, text)
    password = expect(prefs_root, "Passwort (Pflichtfeld)", {pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_ENTRY,
                                                             pyatspi.ROLE_TEXT}, "password field")
    if password is None:
        return False
    type_into(password, MAIL_PASSWORD)
    check_all_named(prefs_root, "e-mail preferences")
    shot("preferences-mail")
    test = expect(prefs_root, "Verbindung testen", {pyatspi.ROLE_PUSH_BUTTON}, "button")
    if test is None:
        return False
    deadline = time.time() + TIMEOUT
    while time.time() < deadline and not test.getState().contains(pyatspi.STATE_SENSITIVE):
        time.sleep(0.2)
    click(test)
    works = find_prefix(prefs_root, "Die Verbindung funktioniert")
    if works is None:
        problem = find_prefix(prefs_root, "Der Test ist fehlgeschlagen", timeout=1)
        fail("“Verbindung testen” did not succeed" + (f": {problem.name}" if problem else ""))
        return False
    ok(f"“Verbindung testen”: {works.name[:60]}…")
    shot("preferences-mail-tested")
    return True


def send_by_mail(app, title, outdir):
    """Invites the board (again) and sends its invitations from the
    Invite window; the loopback server gets one message per person, each
    addressed to that person alone, and each row says it was sent."""
    upcoming = find(app, "Anstehend", {pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_RADIO_BUTTON,
                                       pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_PAGE_TAB})
    if upcoming is not None:
        click(upcoming)
    window = open_window(app, app, "Einladen", f"Einladen zu „{title}“")
    if window is None:
        return
    # Max was taken off the list before: the board again, through
    # "Hinzufügen".
    add = expect(window, "Hinzufügen", {pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON}, "header button")
    if add is None:
        return
    click(add)
    group = expect(window, "Gruppe …", {pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_PUSH_BUTTON}, "menu item")
    if group is None:
        return
    click(group)
    dialog = find_frame(app, "Gruppe einladen")
    confirm = find_in(dialog, "Einladen", pyatspi.ROLE_PUSH_BUTTON) if dialog is not None else None
    if confirm is None:
        fail("button “Einladen” not found in “Gruppe einladen”")
        return
    click(confirm)
    expect(window, "Erika Musterfrau", None, "invited board member")
    expect(window, "Max Müller", None, "invited board member")

    button = expect(window, "Einladungen senden …", {pyatspi.ROLE_PUSH_BUTTON}, "header button")
    if button is None:
        return
    click(button)
    # A new window for a practice-server meeting: the warning comes first.
    confirm_practice_warning(app, window)
    dialog = find_frame(app, "Einladungen senden")
    if dialog is None:
        fail("no window “Einladungen senden”")
        return
    ok("found window “Einladungen senden”")
    summary = find_prefix(dialog, "2 Einladungen an 2 Personen")
    if summary is None:
        fail("the send dialog does not start with the summary “2 Einladungen an 2 Personen”")
    else:
        ok(f"summary “{summary.name}”")
    for name in ("Alle", "Nur noch nicht gesendete", "Nur die, deren Einladung sich geändert hat",
                 "Nur die unten ausgewählten Personen"):
        expect(dialog, name, {pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_CHECK_BOX}, "choice")
    check_all_named(dialog, "send dialog")
    shot("send-dialog")
    send = find_in(dialog, "Senden", pyatspi.ROLE_PUSH_BUTTON)
    if send is None:
        fail("button “Senden” not found in “Einladungen senden”")
        return
    click(send)
    if find(dialog, "Einladungen gesendet") is None:
        fail("sending did not end with “Einladungen gesendet”")
    else:
        ok("“Einladungen gesendet”")
    shot("send-dialog-done")
    close = find_in(dialog, "Schließen", pyatspi.ROLE_PUSH_BUTTON, timeout=5)
    if close is not None:
        click(close)

    deadline = time.time() + TIMEOUT
    while time.time() < deadline and len(received(outdir)) < 2:
        time.sleep(0.1)
    time.sleep(QUIET)
    envelopes = received(outdir)
    recipients = sorted(r for e in envelopes for r in e["rcpt_tos"])
    if len(envelopes) != 2 or any(len(e["rcpt_tos"]) != 1 for e in envelopes):
        fail(f"the SMTP server received {len(envelopes)} messages for {recipients} instead of one per person")
    elif recipients != ["erika@example.org", "max@example.org"]:
        fail(f"the messages went to {recipients}")
    else:
        ok("the SMTP server received one message for each board member, each addressed to them alone")
    for email in ("erika@example.org", "max@example.org"):
        if find_prefix(window, f"{email}\nGesendet am") is None:
            fail(f"the row of {email} does not say that it was sent")
        else:
            ok(f"the row of {email} says “Gesendet am …”")
    check_all_named(window, "invitation window after sending")
    shot("invite-window-sent")
    close = find_in(window, "Schließen", pyatspi.ROLE_PUSH_BUTTON, timeout=5)
    if close is not None:
        click(close)
def confirm_practice_warning(app, window):
    """The warning before a practice-server link leaves the window; goes on
    with “Trotzdem fortfahren”."""
    heading = "Dieses Treffen liegt auf dem Übungsserver"
    dialog = find_frame(app, heading)
    if dialog is None:
        fail(f"no warning “{heading}” before copying a practice-server link")
        return
    ok(f"found warning “{heading}”")
    shot("practice-warning")
    go_on = find_in(dialog, "Trotzdem fortfahren", pyatspi.ROLE_PUSH_BUTTON)
    if go_on is None:
        fail("button “Trotzdem fortfahren” not found in the practice-server warning")
        for node in walk(dialog):
            try:
                print("  #", repr(node.name), node.getRoleName(),
                      node.queryComponent().getExtents(pyatspi.WINDOW_COORDS).width, flush=True)
            except Exception as e:
                print("  # ?", e)
        return
    click(go_on)


def manage_groups(app):
    """Mitglieder lists the imported member; "Gruppen …" shows the groups
    with their member counts, every control named."""
    members = expect(app, "Mitglieder", {pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_RADIO_BUTTON,
                                         pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_PAGE_TAB}, "page switch")
    if members is None:
        return
    click(members)
    expect(app, "Erika Musterfrau", None, "member on Mitglieder")
    shot("members-page")
    window = open_window(app, app, "Gruppen …", "Gruppen")
    if window is None:
        return
    expect(window, "Vorstand", None, "group row")
    expect(window, "2 Mitglieder", None, "member count of “Vorstand”")
    expect(window, "„Vorstand“ umbenennen", {pyatspi.ROLE_PUSH_BUTTON}, "button")
    expect(window, "„Vorstand“ löschen", {pyatspi.ROLE_PUSH_BUTTON}, "button")
    expect(window, "Neue Gruppe …", {pyatspi.ROLE_PUSH_BUTTON}, "button")
    check_all_named(window, "groups window")
    shot("groups-window")
    close = find_in(window, "Schließen", pyatspi.ROLE_PUSH_BUTTON, timeout=5)
    if close is None:
        fail("button “Schließen” not found in “Gruppen”")
        return
    click(close)
    # The main window takes clicks again once the modal window is gone.
    deadline = time.time() + TIMEOUT
    while time.time() < deadline and any(c.name == "Gruppen" for c in frames(app)):
        time.sleep(0.2)
    if any(c.name == "Gruppen" for c in frames(app)):
        fail("“Schließen” left the window “Gruppen” open")
    else:
        ok("“Schließen” closed the window “Gruppen”")


def end_on_live_page(app, title, urls_path):
    """Live lists the running meeting; selecting it (the way assistive
    technology does: through the list's selection) shows who is in it, and
    Beenden asks first, then ends it."""
    live = expect(app, "Live", {pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_RADIO_BUTTON,
                                pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_PAGE_TAB}, "page switch")
    if live is None:
        return
    click(live)
    lst = expect(app, "Laufende Treffen", {pyatspi.ROLE_LIST, pyatspi.ROLE_LIST_BOX}, "list of running meetings")
    if lst is None:
        return
    deadline = time.time() + TIMEOUT
    index = None
    while index is None and time.time() < deadline:
        for i in range(lst.childCount):
            child = lst.getChildAtIndex(i)
            if child is not None and any(title in (n.name or "") for n in walk(child)):
                index = i
                break
        else:
            time.sleep(0.3)
    if index is None:
        fail(f"“{title}” is not among the running meetings")
        return
    ok(f"“{title}” is listed on Live")
    lst.querySelection().selectChild(index)
    check_all_named(app, "Live with a running meeting")
    shot("live")

    # Beitreten on Live: exactly one more join URL for the browser (the
    # first came from Anstehend).
    # Anstehend has Beitreten buttons too, and a hidden stack page still
    # looks "showing": look only inside the Live page, the smallest subtree
    # that holds both its list and its End button.
    join = None
    page = lst.parent
    while page is not None and not any(
            n.name == "Treffen beenden …" and n.getRole() == pyatspi.ROLE_PUSH_BUTTON for n in walk(page)):
        page = page.parent
    if page is None:
        fail("the Live page's subtree was not found")
    else:
        join = find(page, "Beitreten", {pyatspi.ROLE_PUSH_BUTTON})
        if join is None:
            fail("Live page button “Beitreten” not found")
    if join is not None:
        deadline = time.time() + TIMEOUT
        while time.time() < deadline and not join.getState().contains(pyatspi.STATE_SENSITIVE):
            time.sleep(0.2)
        click(join)
        urls = read_urls(urls_path, expected=2)
        if len(urls) != 2:
            fail(f"Beitreten on Live: the browser has {len(urls)} URLs instead of two")
        elif "/join?" not in urls[1] or "role=MODERATOR" not in urls[1]:
            fail("Beitreten on Live did not hand the browser a moderator's join URL")
        else:
            ok("one click on Beitreten on Live opened exactly one more join URL")

    end = expect(app, "Treffen beenden …", {pyatspi.ROLE_PUSH_BUTTON}, "button")
    if end is None:
        return
    # The button turns sensitive once the meeting's details have arrived.
    deadline = time.time() + TIMEOUT
    while time.time() < deadline and not end.getState().contains(pyatspi.STATE_SENSITIVE):
        time.sleep(0.2)
    if not end.getState().contains(pyatspi.STATE_SENSITIVE):
        fail("“Treffen beenden …” never became usable")
        return
    click(end)
    # GTK 4.8 does not mark a message dialog's toplevel SHOWING, so look
    # for the dialog by its heading and for the button inside it by size.
    heading = f"„{title}“ beenden?"
    dialog = None
    confirm = None
    deadline = time.time() + TIMEOUT
    while confirm is None and time.time() < deadline:
        dialog = next((c for c in frames(app) if c.name == heading), None)
        for node in walk(dialog) if dialog is not None else []:
            try:
                if (node.name == "Treffen beenden" and node.getRole() == pyatspi.ROLE_PUSH_BUTTON
                        and node.queryComponent().getExtents(pyatspi.WINDOW_COORDS).width > 0):
                    confirm = node
                    break
            except Exception:
                continue
        else:
            time.sleep(0.2)
    if dialog is None:
        fail(f"no confirmation “{heading}”")
        return
    ok(f"found confirmation naming the meeting “{heading}”")
    if confirm is None:
        fail("confirmation button “Treffen beenden” not found")
        return
    ok("found confirmation button “Treffen beenden”")
    click(confirm)
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        names = [n.name for c in range(lst.childCount) for n in walk(lst.getChildAtIndex(c)) if n is not None]
        if not any(title in (name or "") for name in names):
            ok("the ended meeting left the Live page")
            return
        time.sleep(0.3)
    fail("the ended meeting is still listed on Live")


def main():
    data_home = tempfile.mkdtemp(prefix="bv-a11y-")
    urls_path = set_up_browser(data_home)
    proc = None
    try:
        # First start: the welcome page.
        proc, app = start(data_home)
        expect(app, "Willkommen bei BBB für Vereine", what="welcome page title")
        connect = expect(app, "Eigenen Server verbinden", {pyatspi.ROLE_PUSH_BUTTON}, "button")
        practice = expect(app, "Übungsserver ausprobieren", {pyatspi.ROLE_PUSH_BUTTON}, "button")
        expect(app, "Hauptmenü", None, "menu button")
        check_all_named(app, "welcome page")
        shot("welcome")

        # Her name and the club's, asked on the welcome page; with them,
        # joining and inviting ask nothing more.
        for label, text in (("Ihr Name", "Brigitte Schäfer"), ("Name des Vereins", "TSV Musterstadt")):
            row = expect(app, label, None, "welcome page field")
            if row is not None:
                type_into(row, text)

        if connect is not None:
            click(connect)
            for name in ("Name", "Adresse", "Geheimer Schlüssel", "Erweitert",
                         "Verbindung testen", "Abbrechen", "Speichern"):
                expect(app, name, what="server form control")
            check_all_named(app, "server form")
            shot("server-form")
            cancel = find(app, "Abbrechen", {pyatspi.ROLE_PUSH_BUTTON})
            if cancel is not None:
                click(cancel)

        # The practice server needs no access data: one click and the
        # pages are there.
        if practice is not None:
            practice = find(app, "Übungsserver ausprobieren", {pyatspi.ROLE_PUSH_BUTTON})
            if practice is not None:
                click(practice)

        pages = {
            "Anstehend": "Keine Treffen geplant",
            "Live": "Gerade läuft kein Treffen",
            # The practice server comes with sample recordings.
            "Aufzeichnungen": "Vorstandssitzung im Frühjahr",
            "Mitglieder": "Noch keine Mitglieder",
        }
        for page, empty_title in pages.items():
            switch = expect(app, page, {pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_RADIO_BUTTON,
                                        pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_PAGE_TAB}, "page switch")
            if switch is not None:
                click(switch)
                expect(app, empty_title, what=f"empty state of {page}")
                shot(f"first-{page}")
        check_all_named(app, "main window")

        plan_meeting(app, urls_path, data_home)

        menu = expect(app, "Hauptmenü", None, "menu button")
        if menu is not None:
            click(menu)
            for item in ("Einstellungen", "Tastenkürzel", "Hilfe", "Über BBB für Vereine"):
                expect(app, item, what="menu item")
            prefs = find(app, "Einstellungen")
            if prefs is not None:
                click(prefs)
                expect(app, "Konferenzserver", what="preferences page")
                expect(app, "Server hinzufügen", what="button")
                expect(app, "Eingerichtet; er startet zusammen mit der App.", what="practice server state")
                row = expect(app, "Übungsserver", what="server row")
                check_all_named(app, "preferences")
                invitations = expect(app, "Einladungen", {pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_RADIO_BUTTON,
                                                          pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_PAGE_TAB},
                                     "preferences page switch")
                if invitations is not None:
                    click(invitations)
                    for name in ("Name des Vereins", "Ansprechperson für den Datenschutz (Name oder E-Mail-Adresse)",
                                 "Einladungstext", "Standard wiederherstellen"):
                        expect(app, name, what="invitation setting")
                    check_all_named(app, "invitation preferences")
                    shot("preferences-invitations")
                smtp, port, outdir = start_smtp(data_home)
                try:
                    if port is not None and set_up_mail_account(app, app, port):
                        prefs_window = find_frame(app, "Einstellungen", timeout=5)
                        close = find_in(prefs_window, "Schließen", pyatspi.ROLE_PUSH_BUTTON, timeout=5) \
                            if prefs_window is not None else None
                        if close is not None:
                            click(close)
                        send_by_mail(app, "Vorstandssitzung Dezember", outdir)
                finally:
                    smtp.stdin.close()
                    smtp.wait(10)
    finally:
        if proc is not None:
            stop(proc)
        shutil.rmtree(data_home, ignore_errors=True)

    if failures:
        print(f"{len(failures)} accessibility check(s) failed", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
