#!/usr/bin/python3
# ics-differential.py — the app's recurring dates against another engine
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: ics-differential.py ICS-EXPAND CORPUS-DIR
#
# For every .ics file in CORPUS-DIR (written the way Thunderbird, Outlook,
# Google, Nextcloud and Apple Calendar write them), ICS-EXPAND imports it
# with the app's importer into a new SQLite file and prints the dates the
# app plans in the window below. The same file goes through Debian's
# python3-recurring-ical-events (on python3-icalendar and python3-dateutil),
# an implementation that shares no code with ours. Both lists must agree on
# every date: the same instant, length and title. TAP output, one test per
# file; the whole list of both sides is printed on a difference.
#
# Where the two disagree, RFC 5545 decides. Cases where the other engine is
# the one that is wrong stay in the corpus; the correction below names the
# RFC section.

import datetime
import os
import subprocess
import sys
import tempfile
import zoneinfo

import icalendar
import recurring_ical_events

WINDOW_FROM = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)
WINDOW_TO = datetime.datetime(2028, 1, 1, tzinfo=datetime.timezone.utc)
# The app reads floating times (no TZID, no Z) as the club's time.
FLOATING_ZONE = zoneinfo.ZoneInfo("Europe/Berlin")
UTC = datetime.timezone.utc


def rfc3339(dt):
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def as_instant(value, tzid):
    """An aware UTC datetime for a DTSTART/DTEND value of the other engine."""
    if value.tzinfo is None:
        # RFC 5545 3.3.12 (floating) read in the club's zone; fold=0 is
        # the first of two equal wall-clock times and the offset before a
        # gap, as RFC 5545 3.3.5 asks.
        value = value.replace(tzinfo=FLOATING_ZONE, fold=0)
    elif tzid and hasattr(value.tzinfo, "localize"):
        # pytz zones (python3-icalendar 4) localise a wall-clock time in an
        # autumn overlap as the *second* one (is_dst=False). RFC 5545 3.3.5
        # means the first: "If the local time represented by DTSTART falls
        # in the repeated hour, the first instance is meant" (the same
        # holds for every instance of the set, 3.3.10). So the wall-clock
        # time the engine gives is read again through the system's zone
        # database with fold=0: the first of two, and for a time in the
        # spring gap the offset before the gap (PEP 495), as the RFC asks.
        try:
            zone = zoneinfo.ZoneInfo(str(value.tzinfo.zone))
        except (zoneinfo.ZoneInfoNotFoundError, AttributeError, ValueError):
            zone = None  # a zone known only by its VTIMEZONE (Outlook's names)
        if zone is not None:
            read = value.replace(tzinfo=None).replace(tzinfo=zone, fold=0)
            if read.astimezone(UTC) != value.astimezone(UTC):
                print(f"# {value.isoformat()} in {zone.key} read as the first of the two"
                      f" times ({read.astimezone(UTC).isoformat()}), RFC 5545 3.3.5")
            value = read
    return value.astimezone(UTC)


# Dates recurring_ical_events 2.0.1 (Debian 12) gets wrong, per file: what it
# misses ("missing") or invents ("extra"), with the RFC section that decides.
# The test fails if such an error does not show up any more, so that this
# list stays true.
ENGINE_ERRORS = {
    "thunderbird.ics": [
        # RFC 5545 3.3.10: "The UNTIL rule part defines a DATE or DATE-TIME
        # value that bounds the recurrence rule in an inclusive manner."
        # UNTIL=20270429T173000Z is 19:30 CEST, the last Thursday. The engine
        # compares it with the winter offset of DTSTART (pytz keeps CET
        # through the rule), sees 18:30 UTC and drops the date.
        ("missing", ("2027-04-29T17:30:00Z", 90, "Übungsleitertreffen")),
    ],
}


def reference(path):
    with open(path, "rb") as f:
        calendar = icalendar.Calendar.from_ical(f.read())
    # X-WR-TIMEZONE is a non-standard property (RFC 5545 3.8.8.2: may be
    # ignored). recurring_ical_events 2.0 applies it through x_wr_timezone
    # and turns a DTSTART in UTC into a wall-clock time in that zone, so a
    # UTC series would keep its local time across daylight saving. RFC 5545
    # 3.3.10 (with 3.3.5, form #2): a series whose DTSTART is in UTC recurs
    # at the same UTC instant. The RFC decides: the property is removed
    # before the other engine reads the file.
    if "X-WR-TIMEZONE" in calendar:
        del calendar["X-WR-TIMEZONE"]
    result = []
    for event in recurring_ical_events.of(calendar).between(WINDOW_FROM, WINDOW_TO):
        start = event["DTSTART"]
        if not isinstance(start.dt, datetime.datetime):
            continue  # all-day events are no meetings
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        tzid = start.params.get("TZID")
        begin = as_instant(start.dt, tzid)
        # The length as the engine computed it, instant to instant (RFC 5545
        # 3.8.5.3: every instance has the exact duration of the first).
        if "DTEND" in event:
            length = event["DTEND"].dt - start.dt
            if start.dt.tzinfo is not None and event["DTEND"].dt.tzinfo is not None:
                length = event["DTEND"].dt.astimezone(UTC) - start.dt.astimezone(UTC)
        elif "DURATION" in event:
            length = event["DURATION"].dt
        else:
            length = datetime.timedelta(hours=1)
        end = begin + length
        if not (WINDOW_FROM <= begin < WINDOW_TO):
            continue
        minutes = int((end - begin).total_seconds() + 59) // 60
        result.append((rfc3339(begin), minutes, str(event["SUMMARY"])))
    return sorted(result)


def app(expand, path, workdir):
    database = os.path.join(workdir, os.path.basename(path) + ".db")
    done = subprocess.run([expand, database, path, rfc3339(WINDOW_FROM), rfc3339(WINDOW_TO)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"ics-expand failed ({done.returncode}): {done.stderr.strip()}")
    result = []
    for line in done.stdout.splitlines():
        start, minutes, title = line.split("\t")
        result.append((start, int(minutes), title))
    return sorted(result)


def main():
    expand, corpus = sys.argv[1], sys.argv[2]
    files = sorted(f for f in os.listdir(corpus) if f.endswith(".ics"))
    if not files:
        print(f"Bail out! no .ics files in {corpus}")
        return 1
    print(f"1..{len(files)}")
    failed = 0
    with tempfile.TemporaryDirectory() as workdir:
        for number, name in enumerate(files, 1):
            path = os.path.join(corpus, name)
            try:
                ours = app(expand, path, workdir)
                theirs = reference(path)
            except Exception as error:  # a crash on either side is a failure
                print(f"not ok {number} - {name}: {error}")
                failed += 1
                continue
            stale = []
            for kind, item in ENGINE_ERRORS.get(name, []):
                if kind == "missing" and item not in theirs:
                    theirs = sorted(theirs + [item])
                    print(f"# {name}: added {item[0]} that the other engine misses (see ENGINE_ERRORS)")
                elif kind == "extra" and item in theirs:
                    theirs.remove(item)
                    print(f"# {name}: removed {item[0]} that the other engine invents (see ENGINE_ERRORS)")
                else:
                    stale.append(item)
            if stale:
                failed += 1
                print(f"not ok {number} - {name}: known engine errors no longer seen: {stale}")
                continue
            if ours == theirs and ours:
                print(f"ok {number} - {name}: {len(ours)} dates agree")
                continue
            failed += 1
            print(f"not ok {number} - {name}: {len(ours)} dates from the app, "
                  f"{len(theirs)} from recurring_ical_events")
            for item in sorted(set(ours) | set(theirs)):
                mark = "  " if item in ours and item in theirs else ("app " if item in ours else "ref ")
                print(f"# {mark}{item[0]}  {item[1]:4d} min  {item[2]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
