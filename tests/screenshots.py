#!/usr/bin/python3
"""Takes the help's screenshots from the real app: build-aux/dev screenshots.

Starts the installed bbb-vereine with a fresh home in one language, fills it
with made-up club data (the practice server, then calendar and member files
through the command line into the running app), walks through the screens
the help explains over the accessibility bus (the helpers of a11y-test.py)
and saves each window on its own (import -window with its X window id) as
NAME.png in the output folder.

    screenshots.py --lang de|C --out DIR [--only NAME,...]

The names the script clicks are the English ones from the source; in German
they come from the app's own catalogue, so a changed translation does not
break the script. Needs /usr/bin/python3 with pyatspi, xdotool and
ImageMagick's import, inside build-aux/dev's headless session (Xvfb, private
session bus, unlocked keyring).
"""

import argparse
import datetime
import gettext
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import pyatspi

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("a11y", os.path.join(HERE, "a11y-test.py"))
a11y = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(a11y)

APP = os.environ.get("BV_APP", "bbb-vereine")
LOCALEDIR = os.environ.get("BV_LOCALEDIR", "/usr/share/locale")
# The main window's size in every shot (GSettings window-width/-height).
WIDTH, HEIGHT = 1000, 700
CLUB = "TSV Musterstadt"

BUTTON_ROLES = {pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON}
PAGE_ROLES = {pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_RADIO_BUTTON,
              pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_PAGE_TAB}

MEMBERS_CSV = (
    "Vorname;Nachname;E-Mail;Gruppen\r\n"
    "Petra;Schmidt;petra.schmidt@tsv-musterstadt.example;Vorstand,Mitglieder\r\n"
    "Jürgen;Becker;juergen.becker@tsv-musterstadt.example;Vorstand,Mitglieder\r\n"
    "Aylin;Demir;aylin.demir@tsv-musterstadt.example;Vorstand,Mitglieder\r\n"
    "Thomas;Wagner;thomas.wagner@tsv-musterstadt.example;Mitglieder\r\n"
    "Sabine;Keller;sabine.keller@tsv-musterstadt.example;Mitglieder\r\n"
    "Lukas;Hoffmann;lukas.hoffmann@tsv-musterstadt.example;Mitglieder\r\n"
    "Mia;Schulz;mia.schulz@tsv-musterstadt.example;Mitglieder\r\n"
    "Ole;Jansen;ole.jansen@tsv-musterstadt.example;Mitglieder\r\n"
)
# The second list, for the import preview: two new members, one changed.
MORE_MEMBERS_CSV = (
    "Vorname;Nachname;E-Mail;Gruppen\r\n"
    "Fatma;Yıldız;fatma.yildiz@tsv-musterstadt.example;Mitglieder\r\n"
    "Karl-Heinz;Braun;karl-heinz.braun@tsv-musterstadt.example;Mitglieder\r\n"
    "Sabine;Keller;sabine.keller@tsv-musterstadt.example;Mitglieder,Übungsleitung\r\n"
    "Renate;Weiß;renate.weiss(at)tsv-musterstadt.example;Mitglieder\r\n"
)

BOARD = "Vorstandssitzung"
COURSE = "Yoga für Einsteiger"
ASSEMBLY = "Mitgliederversammlung"
MAIL_ADDRESS = "vorstand@tsv-musterstadt.example"
OFFICE = "Geschäftsstelle"


def calendar(now):
    """The board's monthly meeting starting in an hour (so it is on "Today"
    and can be joined), a weekly course from tomorrow and the assembly in
    three weeks, in Berlin time."""
    start = (now + datetime.timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    course = (now + datetime.timedelta(days=1)).replace(hour=18, minute=0, second=0, microsecond=0)
    assembly = (now + datetime.timedelta(days=21)).replace(hour=19, minute=30, second=0, microsecond=0)
    fmt = "%Y%m%dT%H%M%S"

    def event(uid, title, begin, minutes, rrule=None, description=None):
        lines = ["BEGIN:VEVENT", f"UID:{uid}@tsv-musterstadt.example", f"SUMMARY:{title}",
                 f"DTSTART;TZID=Europe/Berlin:{begin.strftime(fmt)}",
                 f"DTEND;TZID=Europe/Berlin:{(begin + datetime.timedelta(minutes=minutes)).strftime(fmt)}"]
        if rrule:
            lines.append(f"RRULE:{rrule}")
        if description:
            lines.append(f"DESCRIPTION:{description}")
        return lines + ["END:VEVENT"]

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//TSV Musterstadt//Termine//DE"]
    lines += event("vorstand", BOARD, start, 90, "FREQ=MONTHLY;COUNT=12")
    lines += event("yoga", COURSE, course, 60, "FREQ=WEEKLY;COUNT=8")
    lines += event("mv", ASSEMBLY, assembly, 120)
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


class Shooter:
    def __init__(self, lang, out, only):
        self.lang = lang
        self.out = out
        self.only = only
        self.taken = []
        self.home = tempfile.mkdtemp(prefix="bv-shots-")
        if lang == "C":
            self.tr = lambda s: s
            self.trn = lambda s, p, n: s if n == 1 else p
        else:
            catalogue = gettext.translation("bbb-vereine", LOCALEDIR, languages=[lang])
            self.tr = catalogue.gettext
            self.trn = catalogue.ngettext
        self.proc = None
        self.app = None

    def name(self, msgid):
        """The accessible name of a control whose label is @msgid."""
        return self.tr(msgid).replace("_", "")

    def env(self):
        env = dict(os.environ)
        if self.lang == "C":
            env["LANG"] = "C.UTF-8"
            env.pop("LANGUAGE", None)
        else:
            env["LANG"] = "de_DE.UTF-8"
            env["LANGUAGE"] = "de"
        env["LC_ALL"] = ""
        env["TZ"] = "Europe/Berlin"
        env["XDG_DATA_HOME"] = self.home
        env["XDG_CONFIG_HOME"] = os.path.join(self.home, "config")
        env["GSETTINGS_BACKEND"] = "keyfile"
        env["GTK_A11Y"] = "atspi"
        env.pop("NO_AT_BRIDGE", None)
        env.pop("XDG_CURRENT_DESKTOP", None)
        return env

    def settings(self):
        folder = os.path.join(self.home, "config", "glib-2.0", "settings")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "keyfile"), "w", encoding="utf-8") as f:
            f.write("[org/herzlich/BbbVereine]\n"
                    f"window-width={WIDTH}\nwindow-height={HEIGHT}\nwindow-maximized=false\n"
                    f"club-name='{CLUB}'\ndisplay-name='Petra Schmidt'\n"
                    "privacy-contact='datenschutz@tsv-musterstadt.example'\n")

    def run_job(self, *args):
        result = subprocess.run([APP, *args], env=self.env(), capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            raise SystemExit(f"bbb-vereine {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout.strip()

    # Windows

    def window_id(self, title):
        """The X window of the top-level window called @title."""
        deadline = time.time() + a11y.TIMEOUT
        while time.time() < deadline:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", f"^{re.escape(title)}$"],
                                   capture_output=True, text=True).stdout.split()
            if found:
                return found[-1]
            time.sleep(0.2)
        tree = subprocess.run(["xwininfo", "-root", "-children"], capture_output=True, text=True).stdout
        raise SystemExit(f"no window “{title}” on the X display; there are:\n{tree}")

    def resize(self, title, width, height):
        """Gives the window @title the size its picture needs, so that no
        text is cut off (its default size is the app's, for smaller screens)."""
        wid = self.window_id(title)
        subprocess.run(["xdotool", "windowsize", "--sync", wid, str(width), str(height)], check=False)
        time.sleep(0.5)

    def shot(self, name, title):
        """Saves the window called @title as NAME.png once it has settled."""
        if self.only and name not in self.only:
            return
        wid = self.window_id(title)
        self.dismiss_toasts()
        # Animations (stack transitions, spinners) end, the list fills.
        time.sleep(1.5)
        path = os.path.join(self.out, f"{name}.png")
        subprocess.run(["import", "-window", wid, path], check=True)
        self.taken.append(path)
        print(f"ok: {name}.png ({title})", flush=True)

    def toasts(self):
        """The toasts on screen: libadwaita 1.2's toast has no role of its
        own, its accessible name is its type's."""
        found = []
        for node in a11y.walk(self.app):
            try:
                if node.name == "AdwToastWidget" and a11y.showing(node):
                    found.append(node)
            except Exception:
                continue
        return found

    def dismiss_toasts(self):
        """Closes the toasts with their own button: whatever they say (the
        words change), they are no part of a picture."""
        deadline = time.time() + 10
        while time.time() < deadline:
            toasts = self.toasts()
            if not toasts:
                return
            for toast in toasts:
                for node in a11y.walk(toast):
                    try:
                        if node.getRole() == pyatspi.ROLE_PUSH_BUTTON:
                            a11y.click(node)
                            break
                    except Exception:
                        continue
            time.sleep(0.5)
        a11y.fail("a toast stayed on screen")

    def wait_frame(self, title):
        frame = a11y.find_frame(self.app, title)
        if frame is None:
            subprocess.run(["import", "-window", "root", os.path.join(self.out, "failed-screen.png")], check=False)
            raise SystemExit(f"no window “{title}”; the screen is in failed-screen.png "
                             f"(windows: {[f.name for f in a11y.frames(self.app)]})")
        return frame

    def click_name(self, root, msgid, roles=BUTTON_ROLES):
        node = a11y.find(root, self.name(msgid), roles)
        if node is None:
            raise SystemExit(f"no “{self.name(msgid)}” ({msgid})")
        deadline = time.time() + a11y.TIMEOUT
        while time.time() < deadline and not node.getState().contains(pyatspi.STATE_SENSITIVE):
            time.sleep(0.2)
        a11y.click(node)
        return node

    def page(self, msgid):
        self.click_name(self.app, msgid, PAGE_ROLES)

    def close(self, frame):
        """Closes a window with its own Cancel or Close button, or Escape."""
        for msgid in ("_Cancel", "_Close", "Close"):
            node = a11y.find_in(frame, self.name(msgid), pyatspi.ROLE_PUSH_BUTTON, timeout=2)
            if node is not None:
                a11y.click(node)
                break
        else:
            subprocess.run(["xdotool", "key", "Escape"], check=False)
        title = frame.name
        deadline = time.time() + a11y.TIMEOUT
        while time.time() < deadline and any(c.name == title for c in a11y.frames(self.app)):
            time.sleep(0.2)

    def button_in_row(self, row_title, msgid):
        """The button @msgid in the main window's list row that shows
        @row_title: the one beside the title. (The accessible tree does not
        keep a row's buttons under the node that has its title, and the
        title's words may name other things too, such as a meeting kind.)
        Anstehend rebuilds its rows now and then, so a node can vanish
        while it is looked at: then look again."""
        wanted = self.name(msgid)
        deadline = time.time() + a11y.TIMEOUT
        buttons = []
        while time.time() < deadline:
            found = self.find_button_in_row(row_title, wanted)
            if found is not None:
                return found
            time.sleep(0.3)
        raise SystemExit(f"no “{wanted}” in the row “{row_title}”")

    def find_button_in_row(self, row_title, wanted):
        main = self.wait_frame(self.MAIN)
        labels = []
        buttons = []
        for node in a11y.walk(main):
            try:
                if node.name == row_title and a11y.showing(node):
                    labels.append(node)
                elif node.name == wanted and node.getRole() in BUTTON_ROLES and a11y.showing(node):
                    buttons.append((node, node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)))
            except Exception:
                continue
        best = None
        for label in labels:
            try:
                # The row around the title: a long subtitle can put the
                # title above the row's buttons.
                row = label
                for _ in range(6):
                    if row is None or row.getRole() in (pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TABLE_ROW):
                        break
                    row = row.parent
                if row is None or row.getRole() not in (pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TABLE_ROW):
                    row = label
                box = row.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            except Exception:
                continue
            middle = box.y + box.height / 2
            for candidate, there in buttons:
                # Rows differ in height (a warning line, a button with
                # words): the button whose middle is nearest the row's.
                distance = abs(there.y + there.height / 2 - middle)
                if there.y < box.y + box.height and box.y < there.y + there.height and \
                   (best is None or distance < best[0]):
                    best = (distance, candidate)
        return best[1] if best is not None else None

    # The walk: one method per picture, in this order (each starts where
    # the one before left the app; the main window has no dialog open).
    # To add a picture, add a method that gets there and calls self.shot ()
    # and put it into steps ().

    MAIN = "BBB für Vereine"

    def steps(self):
        return [
            self.welcome,
            self.fill,
            self.upcoming,
            self.meeting_editor,
            self.invite_window,
            self.mail_account,
            self.send_invitations,
            self.live,
            self.attendance,
            self.recordings,
            self.members,
            self.member_import,
            self.preferences,
        ]

    def run(self):
        self.settings()
        # set_up_browser writes into HOME/config, which is XDG_CONFIG_HOME here.
        self.urls = a11y.set_up_browser(self.home)
        self.proc = subprocess.Popen([APP], env=self.env())
        self.app = a11y.find_app(self.proc)
        for step in self.steps():
            step()

    def welcome(self):
        a11y.expect(self.app, self.name("Welcome to BBB für Vereine"), what="welcome page")
        self.shot("welcome", self.MAIN)

    def fill(self):
        """The practice server, then the club's dates and members through
        the command line into the running app."""
        self.click_name(self.app, "_Try the Practice Server")
        a11y.expect(self.app, self.name("No Meetings Planned"), what="empty Upcoming page")
        now = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=1)))
        ics = os.path.join(self.home, "termine.ics")
        with open(ics, "w", encoding="utf-8", newline="") as f:
            f.write(calendar(now))
        print("fixture:", self.run_job(f"--import={ics}"), flush=True)
        members = os.path.join(self.home, "mitglieder.csv")
        with open(members, "w", encoding="utf-8", newline="") as f:
            f.write(MEMBERS_CSV)
        print("fixture:", self.run_job(f"--import-members={members}"), flush=True)

    def upcoming(self):
        self.page("Upcoming")

        self.wait_gone(self.tr("The practice server is ready. Try everything without risk."))
        a11y.expect(self.app, BOARD, what="the board meeting on Upcoming")
        a11y.expect(self.app, COURSE, what="the course on Upcoming")
        self.shot("upcoming", self.MAIN)

    def meeting_editor(self):
        """The editor with the board's monthly series."""
        a11y.click(self.button_in_row(BOARD, "Edit"))
        editor = self.wait_frame(self.name("Edit Meeting"))
        # Down to the end of the repetition, so that no row is cut in half.
        self.resize(editor.name, 600, 870)
        self.shot("meeting-editor", editor.name)
        self.close(editor)

    def invite_window(self):
        """The invite window with the board invited."""
        a11y.click(self.button_in_row(BOARD, "Invite"))
        invite_title = self.tr("Invite to “%s”") % BOARD
        invite = self.wait_frame(invite_title)
        self.click_name(invite, "Invite a _Group…")
        dialog = self.wait_frame(self.name("Invite a Group"))
        self.choose_group(dialog, "Vorstand")
        confirm = a11y.find_in(dialog, self.name("_Invite"), pyatspi.ROLE_PUSH_BUTTON)
        if confirm is None:
            raise SystemExit("no Invite button in the group dialog")
        a11y.click(confirm)
        a11y.expect(invite, "Petra Schmidt", what="invited board member")
        self.wait_gone(self.trn("%u member of “%s” invited", "%u members of “%s” invited", 3)
                       .replace("%u", "3").replace("%s", "Vorstand"))
        # The subtitle (the dates) fits between the header's buttons, in
        # German too.
        self.resize(invite_title, 1160, HEIGHT)
        self.shot("invite-window", invite_title)
        self.close(invite)

    def mail_account(self):
        """Einstellungen → E-Mail filled in as a person would, the server
        first (typed by hand, nothing is looked up for the address's
        domain), then saved without a test: the club's mail server is as
        made up as the club, and the send dialog only needs an account."""
        prefs = self.open_preferences()
        self.click_name(prefs, "E-Mail", PAGE_ROLES)
        a11y.expect(prefs, self.name("Outgoing Mail Server"), what="e-mail page")
        fields = [
            ("Server (required)", "mail.tsv-musterstadt.example"),
            ("Sender Name", CLUB),
            ("E-Mail Address (required)", MAIL_ADDRESS),
            ("Password (required)", "Vereinsheim-2027"),
        ]
        for msgid, text in fields:
            node = a11y.find(prefs, self.name(msgid), {pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT,
                                                       pyatspi.ROLE_PASSWORD_TEXT})
            if node is None:
                raise SystemExit(f"no field “{self.name(msgid)}” on the e-mail page")
            a11y.type_into(node, text)
        # The list of missing fields goes once everything is there.
        self.wait_gone(self.tr("To test the connection, fill in: %s.").split("%s")[0], prefix=True)
        # Tall enough for the password and the buttons below it.
        self.resize(prefs.name, 640, 960)
        self.shot("preferences-mail", prefs.name)
        self.click_name(prefs, "Save _Without Test", {pyatspi.ROLE_PUSH_BUTTON})
        saved = self.tr("Saved without a test. If sending fails, come back here and test the connection.")
        if a11y.find(prefs, saved) is None:
            raise SystemExit("the e-mail account was not saved")
        self.close(prefs)

    def send_invitations(self):
        """The send dialog of the board meeting (not sent: the window says
        what it is about to do and whom it would send to)."""
        a11y.click(self.button_in_row(BOARD, "Invite"))
        invite_title = self.tr("Invite to “%s”") % BOARD
        invite = self.wait_frame(invite_title)
        a11y.expect(invite, "Petra Schmidt", what="invited board member")
        self.click_name(invite, "Send _Invitations…")
        # A practice-server meeting: the warning comes first.
        warning = a11y.find_frame(self.app, self.tr("This Meeting Is on the Practice Server"), timeout=10)
        if warning is not None:
            go_on = a11y.find_in(warning, self.name("Continue _Anyway"), pyatspi.ROLE_PUSH_BUTTON)
            if go_on is None:
                raise SystemExit("no “Continue Anyway” in the practice-server warning")
            a11y.click(go_on)
        dialog = self.wait_frame(self.name("Send Invitations"))
        a11y.expect(dialog, self.name("Only Those Not Sent Yet"), what="a choice in the send dialog")
        self.shot("send-invitations", dialog.name)
        self.close(dialog)
        self.close(invite)

    def live(self):
        """The stand-in browser enters the board's room; Live shows it."""
        a11y.click(self.button_in_row(BOARD, "Join"))
        a11y.read_urls(self.urls)
        self.page("Live")
        running = a11y.find(self.app, self.name("Running meetings"), {pyatspi.ROLE_LIST, pyatspi.ROLE_LIST_BOX})
        if running is None:
            raise SystemExit("no list of running meetings")
        deadline = time.time() + a11y.TIMEOUT
        while time.time() < deadline and running.childCount == 0:
            time.sleep(0.3)
        if running.childCount:
            running.querySelection().selectChild(0)
        time.sleep(1)
        self.shot("live", self.MAIN)

    def attendance(self):
        """A training assembly: the members invited, its room opened, some
        of them let in and one let out again from the attendance window."""
        self.page("Upcoming")
        a11y.click(self.button_in_row(ASSEMBLY, "Invite"))
        invite_title = self.tr("Invite to “%s”") % ASSEMBLY
        invite = self.wait_frame(invite_title)
        self.click_name(invite, "Invite a _Group…")
        dialog = self.wait_frame(self.name("Invite a Group"))
        self.choose_group(dialog, "Mitglieder", downs=0)
        confirm = a11y.find_in(dialog, self.name("_Invite"), pyatspi.ROLE_PUSH_BUTTON)
        if confirm is None:
            raise SystemExit("no Invite button in the group dialog")
        a11y.click(confirm)
        a11y.expect(invite, "Ole Jansen", what="invited member")
        self.close(invite)

        # The room is opened from the club office's laptop: whoever opens
        # it is in the room too, and counts as not invited unless they come
        # with a member's personal link (Petra would be in the list twice).
        subprocess.run(["gsettings", "set", "org.herzlich.BbbVereine", "display-name", OFFICE],
                       check=True, env=self.env())
        a11y.click(self.button_in_row(ASSEMBLY, "Join"))
        a11y.read_urls(self.urls, expected=2)
        a11y.click(self.button_in_row(ASSEMBLY, "Attendance"))
        window = self.wait_frame(self.name("Attendance"))
        a11y.expect(window, OFFICE, what="the office in the room")
        people = ["Petra Schmidt", "Jürgen Becker", "Aylin Demir", "Thomas Wagner", "Sabine Keller"]
        for person in people:
            self.let(window, "Let %s join the practice room", person)
        self.let(window, "Let %s leave the practice room", "Thomas Wagner")
        subprocess.run(["gsettings", "set", "org.herzlich.BbbVereine", "display-name", "Petra Schmidt"],
                       check=True, env=self.env())
        self.resize(window.name, 560, 1000)
        self.shot("attendance", window.name)
        self.close(window)

    def let(self, window, msgid, person):
        """Clicks a training button of the attendance window and waits
        until the row has turned around (the window rebuilds its rows)."""
        label = self.tr(msgid) % person
        node = a11y.find(window, label, BUTTON_ROLES)
        if node is None:
            raise SystemExit(f"no button “{label}” in the attendance window")
        a11y.click(node)
        deadline = time.time() + a11y.TIMEOUT
        while time.time() < deadline and a11y.find(window, label, BUTTON_ROLES, timeout=0.1) is not None:
            time.sleep(0.3)

    def recordings(self):
        """The practice server's own recordings."""
        self.page("Recordings")
        time.sleep(1)
        self.shot("recordings", self.MAIN)

    def members(self):
        self.page("Members")
        a11y.expect(self.app, "Petra Schmidt", what="a member on Members")
        self.shot("members", self.MAIN)

    def member_import(self):
        """The import preview, through the file chooser."""
        more = os.path.join(self.home, "neue-mitglieder.csv")
        with open(more, "w", encoding="utf-8", newline="") as f:
            f.write(MORE_MEMBERS_CSV)
        self.click_name(self.app, "_Import…")
        # GTK's file chooser is no frame on the accessibility bus: found by its title.
        chooser = self.name("Import Members")
        self.type_path(chooser, more)
        # The preview has the chooser's title; the chooser is gone by then.
        preview = self.wait_new_frame({self.MAIN})
        self.shot("member-import", preview.name)
        self.close(preview)

    def open_preferences(self):
        """Through the application's action; the window's title comes from
        libadwaita's own catalogue."""
        subprocess.run(["gdbus", "call", "--session", "--dest", "org.herzlich.BbbVereine",
                        "--object-path", "/org/herzlich/BbbVereine", "--method",
                        "org.gtk.Actions.Activate", "preferences", "[]", "{}"],
                       check=True, capture_output=True, env=self.env())
        return self.wait_new_frame({self.MAIN})

    def preferences(self):
        prefs = self.open_preferences()
        a11y.expect(prefs, self.name("Conference Servers"), what="preferences page")
        self.shot("preferences", prefs.name)
        self.close(prefs)

    def choose_group(self, dialog, group, downs=1):
        """Picks @group in the dialog's drop-down: GTK 4.8's drop-down list
        offers nothing to select over the accessibility bus, so the popover
        is opened with a click and the entry chosen with the keyboard (the
        groups are sorted; @group is @downs entries after the first)."""
        # GTK 4.8 does not mark a message dialog SHOWING: the one with a size.
        drop = None
        deadline = time.time() + a11y.TIMEOUT
        while drop is None and time.time() < deadline:
            for node in a11y.walk(dialog):
                try:
                    if (node.name == self.name("Group")
                            and node.queryComponent().getExtents(pyatspi.WINDOW_COORDS).width > 0):
                        drop = node
                        break
                except Exception:
                    continue
            else:
                time.sleep(0.2)
        if drop is None:
            raise SystemExit("no group drop-down in the dialog")
        def shown():
            return [n.name for n in a11y.walk(drop) if n.name]

        # Where the keyboard focus starts in the open list is not always
        # the selected entry: one more Down each time (the last group stays
        # chosen when there are more Downs than groups).
        for presses in range(downs, downs + 3):
            if any(group in name for name in shown()):
                return
            a11y.click(drop)
            time.sleep(1)
            for _ in range(presses):
                subprocess.run(["xdotool", "key", "Down"], check=True)
                time.sleep(0.3)
            subprocess.run(["xdotool", "key", "Return"], check=True)
            time.sleep(1)
        if not any(group in name for name in shown()):
            a11y.fail(f"the group drop-down shows {shown()}, not “{group}”")

    def type_path(self, title, path):
        """Types @path into GTK's file chooser (Ctrl+L, the path, Enter)."""
        wid = self.window_id(title)
        subprocess.run(["xdotool", "windowfocus", "--sync", wid], check=False)
        time.sleep(0.5)
        subprocess.run(["xdotool", "key", "--window", wid, "ctrl+l"], check=True)
        time.sleep(0.5)
        subprocess.run(["xdotool", "type", "--delay", "20", path], check=True)
        time.sleep(0.5)
        subprocess.run(["xdotool", "key", "Return"], check=True)

    def wait_gone(self, text, timeout=30, prefix=False):
        """Waits until a toast saying @text (or starting with it) has gone
        (they time out)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if prefix:
                there = a11y.find_prefix(self.app, text, timeout=0.1)
            else:
                there = a11y.find(self.app, text, timeout=0.1)
            if there is None:
                return
            time.sleep(0.5)

    def wait_new_frame(self, known):
        deadline = time.time() + a11y.TIMEOUT
        while time.time() < deadline:
            for frame in a11y.frames(self.app):
                if frame.name and frame.name not in known:
                    return frame
            time.sleep(0.2)
        # For whoever looks into it: the whole screen as it was.
        subprocess.run(["import", "-window", "root", os.path.join(self.out, "failed-screen.png")], check=False)
        raise SystemExit("no new window appeared; the screen is in failed-screen.png "
                         f"(windows: {[f.name for f in a11y.frames(self.app)]})")

    def stop(self):
        if self.proc is not None:
            a11y.stop(self.proc)
        shutil.rmtree(self.home, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", choices=["C", "de"], required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    shooter = Shooter(args.lang, args.out, {n for n in args.only.split(",") if n})
    try:
        shooter.run()
    finally:
        shooter.stop()
    if a11y.failures:
        print(f"{len(a11y.failures)} step(s) failed", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
