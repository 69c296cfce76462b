#!/usr/bin/python3
# check-ics-zones.py — every zone a calendar of the app names is defined in it
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-ics-zones.py ICS-CALENDARS
#
# ICS-CALENDARS (tests/ics-calendars.c) writes the calendars of every path
# that makes them (the Invite window's files, its folder export, the
# e-mail's iMIP part). Each is read with Debian's python3-icalendar, which
# shares no code with libical, and every TZID a DTSTART, DTEND, EXDATE,
# RDATE or RECURRENCE-ID refers to must name a VTIMEZONE of that calendar
# exactly: Outlook and others find the zone's rules only under the same
# name (libical calls its zones "/freeassociation.sourceforge.net/…").
# TAP output, one test per file. libical's reading of the rules (the
# offsets in summer and winter) is tests/test-invitation-ics.c.

import re
import subprocess
import sys
import tempfile

import icalendar

TIMED = ("DTSTART", "DTEND", "EXDATE", "RDATE", "RECURRENCE-ID")


def values(component, name):
    value = component.get(name)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def problems(path):
    found = []
    with open(path, "rb") as f:
        text = f.read()
    zone = "VTIMEZONE"
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except Exception as e:  # noqa: BLE001 - any failure is reported
        # python3-icalendar 4 turns a VTIMEZONE whose TZID is no Olson name
        # into a tzinfo of its own and fails on libical's rules (UNTIL in
        # local time). The zones are read again as plain components, to
        # say which names do not match.
        found.append("python3-icalendar cannot read it: %s: %s" % (type(e).__name__, e))
        zone = "X-BV-VTIMEZONE"
        text = re.sub(rb"(BEGIN|END):VTIMEZONE", rb"\1:X-BV-VTIMEZONE", text)
        calendar = icalendar.Calendar.from_ical(text)
    zones = [str(z.get("TZID")) for z in calendar.walk(zone)]
    if len(zones) != len(set(zones)):
        found.append("the same VTIMEZONE twice: %r" % zones)
    events = calendar.walk("VEVENT")
    if not events:
        found.append("no VEVENT")
    used = set()
    for event in events:
        for name in TIMED:
            for value in values(event, name):
                tzid = value.params.get("TZID")
                if tzid is not None:
                    used.add(str(tzid))
    for tzid in sorted(used):
        if tzid not in zones:
            found.append("TZID=%s has no VTIMEZONE (there are: %s)" % (tzid, ", ".join(zones) or "none"))
    # A zone that no time uses is what the defect looked like from the
    # other side.
    for tzid in zones:
        if tzid not in used:
            found.append("VTIMEZONE %s that no time refers to" % tzid)
    return found, used


def main():
    with tempfile.TemporaryDirectory() as tmp:
        run = subprocess.run([sys.argv[1], tmp], capture_output=True, text=True)
        if run.returncode != 0:
            print("1..0 # the calendars were not written: %s" % run.stderr.strip())
            return 1
        paths = run.stdout.splitlines()
        print("1..%d" % (len(paths) + 1))
        failed = 0
        zones_seen = set()
        for n, path in enumerate(paths, 1):
            name = path[len(tmp) + 1:]
            found, used = problems(path)
            zones_seen |= used
            if found:
                failed += 1
                print("not ok %d - %s" % (n, name))
                for problem in found:
                    print("# " + problem)
            else:
                print("ok %d - %s (%s)" % (n, name, ", ".join(sorted(used)) or "UTC"))
        # The check must have seen what it checks: both named zones.
        n = len(paths) + 1
        if {"Europe/Berlin", "America/New_York"} <= zones_seen and len(paths) >= 14:
            print("ok %d - %d calendars refer to %s" % (n, len(paths), ", ".join(sorted(zones_seen))))
        else:
            failed += 1
            print("not ok %d - only %d calendars, zones %r" % (n, len(paths), sorted(zones_seen)))
        return 1 if failed else 0


sys.exit(main())
