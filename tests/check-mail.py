#!/usr/bin/python3
# Reads back every message the test SMTP server (smtp-server.py) stored
# in DIR, with Python's own email package and python3-icalendar, and
# checks it against EXPECT.json, independently of the app's code:
#   exactly one recipient (envelope, To; no Cc, no Bcc);
#   From, To, Reply-To and Subject decode to the expected (German) names
#   and the raw headers are 7-bit (RFC 2047);
#   the text is the person's invitation, rendered from the template here;
#   the link's checksum is valid, recomputed from the shared secret;
#   the text/calendar part has method=REQUEST (or CANCEL) in its type and
#   in the object, ORGANIZER the sender, ATTENDEE only that person, URL
#   and LOCATION their link, the RRULE, SEQUENCE and UID.
# Prints "ADDRESS MESSAGE-ID" per message, exits 1 with the reason on the
# first mismatch.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import email
import email.policy
import glob
import hashlib
import json
import os
import re
import sys
import urllib.parse

import icalendar

directory, expect_path = sys.argv[1], sys.argv[2]
with open(expect_path, encoding="utf-8") as f:
    expect = json.load(f)
people = {p["address"]: p for p in expect["people"]}


def fail(message, path):
    print("%s: %s" % (os.path.basename(path), message), file=sys.stderr)
    sys.exit(1)


def check_link(link, person, path):
    parsed = urllib.parse.urlsplit(link)
    query, _, checksum = parsed.query.rpartition("&checksum=")
    if not query or not parsed.path.endswith("/api/join"):
        fail("not a join link: " + link, path)
    wanted = hashlib.sha256(("join" + query + expect["secret"]).encode()).hexdigest()
    if checksum != wanted:
        fail("the link's checksum is wrong: " + link, path)
    params = dict(urllib.parse.parse_qsl(query))
    if params.get("fullName") != person["name"]:
        fail("link for %r, not %r" % (params.get("fullName"), person["name"]), path)
    if params.get("meetingID") != person["meeting_id"]:
        fail("link to another room", path)
    if params.get("role") != person["role"]:
        fail("link with role %r" % params.get("role"), path)
    if params.get("userID") != person["user_id"]:
        fail("link with another userID", path)


seen = {}
files = sorted(glob.glob(os.path.join(directory, "*.eml")))
if "count" in expect and len(files) != expect["count"]:
    print("%d messages, expected %d" % (len(files), expect["count"]), file=sys.stderr)
    sys.exit(1)

for path in files:
    with open(path[:-4] + ".json", encoding="utf-8") as f:
        envelope = json.load(f)
    with open(path, "rb") as f:
        raw = f.read()
    message = email.message_from_bytes(raw, policy=email.policy.default)

    rcpts = envelope["rcpt_tos"]
    if len(rcpts) != 1:
        fail("%d recipients in the envelope" % len(rcpts), path)
    address = rcpts[0]
    person = people.get(address)
    if person is None:
        fail("sent to someone not expected: " + address, path)
    if address in seen and not expect.get("repeat", False):
        fail("sent twice to " + address, path)
    if envelope["mail_from"] != expect["from_address"]:
        fail("envelope sender " + envelope["mail_from"], path)

    head = raw.split(b"\r\n\r\n", 1)[0]
    try:
        head.decode("ascii")
    except UnicodeDecodeError:
        fail("header with raw 8-bit text (not RFC 2047)", path)
    for name in ("Cc", "Bcc"):
        if message[name] is not None:
            fail("has a %s header" % name, path)
    to = message["To"].addresses
    if len(to) != 1 or to[0].addr_spec != address or to[0].display_name != person["name"]:
        fail("To is %r" % str(message["To"]), path)
    sender = message["From"].addresses
    if (len(sender) != 1 or sender[0].addr_spec != expect["from_address"]
            or sender[0].display_name != expect["from_name"]):
        fail("From is %r" % str(message["From"]), path)
    if expect.get("reply_to"):
        if message["Reply-To"] is None or message["Reply-To"].addresses[0].addr_spec != expect["reply_to"]:
            fail("Reply-To is %r" % message["Reply-To"], path)
    elif message["Reply-To"] is not None:
        fail("unexpected Reply-To", path)
    if str(message["Subject"]) != expect["subject"]:
        fail("Subject is %r" % str(message["Subject"]), path)
    if message["Message-ID"] is None or message["Date"] is None:
        fail("no Message-ID or Date", path)

    text_part = message.get_body(preferencelist=("plain",))
    calendar_parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    if text_part is None or len(calendar_parts) != 1:
        fail("not a text part and one calendar part", path)
    body = text_part.get_content()

    link = None
    if expect["method"] == "REQUEST":
        links = [w for w in body.split() if "/api/join?" in w]
        if len(links) != 1:
            fail("%d links in the text" % len(links), path)
        link = links[0]
        check_link(link, person, path)
        wanted = (expect["template"].replace("{name}", person["name"])
                  .replace("{title}", expect["title"]).replace("{when}", expect["when"])
                  .replace("{club}", expect["club"]).replace("{link}", link))
        if body.replace("\r\n", "\n").rstrip("\n") != wanted.rstrip("\n"):
            fail("text is %r, expected %r" % (body, wanted), path)
    elif person["name"] not in body or expect["title"] not in body:
        fail("cancel text without name or title: %r" % body, path)

    part = calendar_parts[0]
    if part.get_param("method") != expect["method"]:
        fail("calendar part's method is %r" % part.get_param("method"), path)
    ics = part.get_content()
    # For the C side, which parses it with libical as well.
    with open(path[:-4] + ".ics", "w", encoding="utf-8") as f:
        f.write(ics)
    # Every zone a time refers to is defined in the object (Outlook needs
    # the rules under the same name).
    for tzid in set(re.findall(r";TZID=([^:;]+)[:;]", ics)):
        if not re.search(r"BEGIN:VTIMEZONE\r?\nTZID:" + re.escape(tzid) + r"\r?\n", ics):
            fail("no VTIMEZONE for TZID " + tzid, path)
    # python3-icalendar 4.0 cannot turn libical's zone rules into a tzinfo
    # (dateutil refuses their RRULE); the zone is libical's own and checked
    # there, so it is left out here.
    ics = re.sub(r"BEGIN:VTIMEZONE\r?\n.*?END:VTIMEZONE\r?\n", "", ics, flags=re.S)
    calendar = icalendar.Calendar.from_ical(ics)
    if str(calendar.get("METHOD")) != expect["method"]:
        fail("METHOD is %r" % calendar.get("METHOD"), path)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    if not events:
        fail("no VEVENT", path)
    for event in events:
        attendees = event.get("ATTENDEE")
        if isinstance(attendees, list):
            fail("several ATTENDEEs", path)
        if str(attendees).lower() != "mailto:" + address.lower():
            fail("ATTENDEE is %r" % str(attendees), path)
        if str(event.get("ORGANIZER")).lower() != "mailto:" + expect["from_address"].lower():
            fail("ORGANIZER is %r" % str(event.get("ORGANIZER")), path)
        if int(event.get("SEQUENCE")) != expect["sequence"]:
            fail("SEQUENCE is %r" % event.get("SEQUENCE"), path)
        if str(event.get("UID")) != expect["uid"]:
            fail("UID is %r" % event.get("UID"), path)
        if link is not None:
            if str(event.get("URL")) != link or str(event.get("LOCATION")) != link:
                fail("URL/LOCATION is not the person's link", path)
    master = events[0]
    if expect.get("rrule"):
        rrule = master.get("RRULE").to_ical().decode()
        if rrule != expect["rrule"]:
            fail("RRULE is %r" % rrule, path)
    if expect.get("recurrence_id"):
        rid = master.get("RECURRENCE-ID")
        if rid is None or rid.dt.strftime("%Y%m%dT%H%M%S") != expect["recurrence_id"]:
            fail("RECURRENCE-ID is %r" % rid, path)
        if master.get("RRULE") is not None:
            fail("a cancelled date with RRULE", path)
    if expect["method"] == "CANCEL" and str(master.get("STATUS")) != "CANCELLED":
        fail("STATUS is %r" % master.get("STATUS"), path)

    seen[address] = True
    print(address, str(message["Message-ID"]).strip("<>"))
