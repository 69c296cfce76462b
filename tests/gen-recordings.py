#!/usr/bin/python3
# gen-recordings.py — writes a getRecordings answer with N recordings
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: gen-recordings.py [N] [PATH]   (N defaults to 10000, PATH to stdout)
#
# The answer looks like bbb-web's: no XML declaration, no whitespace between
# elements (FreeMarker <#compress>), 2–3 playback formats per recording with
# preview images, greenlight-style metadata, German and Cyrillic names. The
# output is the same for the same N (fixed seed), so runs compare.

import hashlib
import random
import sys
from xml.sax.saxutils import escape

HOST = "https://bbb.verein-beispiel.de"
TOPICS = ["Vorstandssitzung", "Mitgliederversammlung", "Übungsabend", "Jugendtraining",
          "Kassenprüfung", "Chorprobe", "Schachkurs für Anfänger", "Gemeindefest-Planung",
          "Встреча клуба", "Fußball-AG", "Öffentlichkeitsarbeit", "Spieleabend & Quiz"]
PEOPLE = ["Jürgen Müller", "Anna Schäfer", "Björn Weiß", "Zoë Kraus", "Grüne Gruppe",
          "Петрова", "Hans-Peter Öztürk", "Team \"Nord\""]
SLIDE_TITLES = ["Willkommen", "Tagesordnung", "Haushalt 2024", "Fragen?", "Termine"]


def recording(rng, index):
    start = 1_600_000_000_000 + index * 3_600_000 + rng.randrange(600_000)
    length_min = rng.randrange(5, 180)
    end = start + length_min * 60_000 + rng.randrange(60_000)
    meeting_id = "raum-%04d" % (index % 700)
    internal = hashlib.sha1(meeting_id.encode()).hexdigest() + "-%d" % start
    name = "%s %s (%d)" % (rng.choice(TOPICS), rng.choice(PEOPLE), index)
    published = rng.random() > 0.15
    state = "published" if published else "unpublished"
    participants = rng.randrange(1, 60)

    out = []
    add = out.append
    add("<recording><recordID>%s</recordID><meetingID>%s</meetingID>" % (internal, meeting_id))
    add("<internalMeetingID>%s</internalMeetingID><name>%s</name>" % (internal, escape(name)))
    add("<isBreakout>false</isBreakout><published>%s</published><state>%s</state>"
        % ("true" if published else "false", state))
    add("<startTime>%d</startTime><endTime>%d</endTime><participants>%d</participants>"
        % (start, end, participants))
    add("<rawSize>%d</rawSize>" % rng.randrange(10_000_000, 900_000_000))
    add("<metadata><isBreakout>false</isBreakout><meetingName>%s</meetingName>"
        "<gl-listed>%s</gl-listed><bbb-origin>greenlight</bbb-origin>"
        "<bbb-origin-version>v3</bbb-origin-version>"
        "<bbb-origin-server-name>verein-beispiel.de</bbb-origin-server-name>"
        "<meetingId>%s</meetingId></metadata>"
        % (escape(name), "true" if rng.random() > 0.5 else "false", meeting_id))
    add("<size>%d</size><playback>" % rng.randrange(1_000_000, 90_000_000))

    # presentation, always, with previews
    add("<format><type>presentation</type><url>%s/playback/presentation/2.3/%s</url>"
        "<processingTime>%d</processingTime><length>%d</length><size>%d</size><preview><images>"
        % (HOST, internal, rng.randrange(5_000, 900_000), length_min, rng.randrange(100_000, 9_000_000)))
    for slide in range(1, 4):
        add('<image alt="%s" height="136" width="176">%s/presentation/%s/presentation/%s/thumbnails/thumb-%d.png</image>'
            % (escape(rng.choice(SLIDE_TITLES)), HOST, internal,
               hashlib.sha1(b"%d-%d" % (index, slide)).hexdigest(), slide))
    add("</images></preview></format>")

    add("<format><type>video</type><url>%s/playback/video/%s/</url>"
        "<processingTime>%d</processingTime><length>%d</length><size>%d</size></format>"
        % (HOST, internal, rng.randrange(5_000, 2_000_000), length_min, rng.randrange(1_000_000, 90_000_000)))

    if rng.random() < 0.5:
        add("<format><type>podcast</type><url>%s/podcast/%s/audio.ogg</url>"
            "<processingTime>%d</processingTime><length>%d</length><size>%d</size></format>"
            % (HOST, internal, rng.randrange(1_000, 90_000), length_min, rng.randrange(100_000, 9_000_000)))

    add("</playback><data></data></recording>")
    return "".join(out)


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    rng = random.Random(20240509)
    body = ["<response><returncode>SUCCESS</returncode><recordings>"]
    body.extend(recording(rng, i) for i in range(count))
    body.append("</recordings></response>")
    data = "".join(body).encode("utf-8")

    if len(sys.argv) > 2 and sys.argv[2] != "-":
        with open(sys.argv[2], "wb") as f:
            f.write(data)
    else:
        sys.stdout.buffer.write(data)


if __name__ == "__main__":
    main()
