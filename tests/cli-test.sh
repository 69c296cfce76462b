#!/usr/bin/env bash
# The command line and the launcher's actions against the practice server,
# through the real executable, the real keyring and a real database file.
# Runs inside build-aux/dev test (Xvfb, private session bus, unlocked
# keyring).
set -uo pipefail

app="${BV_APP:?}"
tool="${BV_PRACTICE_TOOL:?}"
work="$(mktemp -d)"
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" LANGUAGE=C LC_ALL=C.UTF-8
secret="cli-test-secret-$$-$RANDOM$RANDOM"
passed=0
failed=0

coproc PRACTICE { exec "$tool" "$secret" "$work/requests"; }
read -r url <&"${PRACTICE[0]}"
cleanup() { kill "$PRACTICE_PID" 2>/dev/null; wait "$PRACTICE_PID" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

check() {  # check NAME EXPECTED_STATUS EXPECTED_STDOUT_REGEX EXPECTED_STDERR_REGEX -- command…
  local name=$1 want=$2 out_re=$3 err_re=$4; shift 5
  local out err status
  out="$("$@" 2>"$work/stderr")"; status=$?
  err="$(cat "$work/stderr")"
  if [ "$status" -eq "$want" ] && [[ "$out" =~ $out_re ]] && [[ "$err" =~ $err_re ]]; then
    echo "ok - $name"; passed=$((passed + 1))
  else
    echo "not ok - $name (status $status, stdout '$out', stderr '$err')"; failed=$((failed + 1))
  fi
}

check "version" 0 '^bbb-vereine [0-9]+\.[0-9]+\.[0-9]+$' '^$' -- "$app" --version

check "add-server with detection" 0 '^OK: BigBlueButton 3\.0\.19, SHA-256$' '^$' -- \
  bash -c "printf '%s\n' '$secret' | '$app' --add-server='$url' --server-name=Übungsserver"
check "add-server refuses a wrong secret" 1 '^$' 'shared secret' -- \
  bash -c "printf 'wrong-secret\n' | '$app' --add-server='$url' --server-name=Falsch"
check "add-server refuses plain http to another host" 1 '^$' 'https://' -- \
  bash -c "printf '%s\n' '$secret' | '$app' --add-server=http://bbb.example.org/bigbluebutton/ --server-name=Unsicher"
check "add-server refuses an unreachable server" 1 '^$' '.' -- \
  bash -c "printf '%s\n' '$secret' | '$app' --add-server=http://127.0.0.1:9/bigbluebutton/ --server-name=Weg"
check "add-server without a secret" 1 '^$' 'standard input' -- \
  bash -c "'$app' --add-server='$url' --server-name=Leer </dev/null"
check "add-server with a forced algorithm" 0 '^OK: BigBlueButton 3\.0\.19, SHA-512$' '^$' -- \
  bash -c "printf '%s\n' '$secret' | '$app' --add-server='$url' --server-name=Zweiter --checksum=sha512"
check "add-server refuses an unknown algorithm" 1 '^$' 'sha256' -- \
  bash -c "printf '%s\n' '$secret' | '$app' --add-server='$url' --server-name=Dritter --checksum=md5"
check "check-server by name" 0 '^OK: BigBlueButton 3\.0\.19, SHA-512$' '^$' -- "$app" --check-server=zweiter
check "check-server default" 0 '^OK: BigBlueButton 3\.0\.19, SHA-' '^$' -- "$app" --check-server
check "check-server unknown name" 1 '^$' 'Nirgendwo' -- "$app" --check-server=Nirgendwo
# Every debug message while the keyring is read and a signed call made,
# and still not the secret.
G_MESSAGES_DEBUG=all "$app" --check-server=zweiter >"$work/debug.log" 2>&1
if grep -q -- '-DEBUG: ' "$work/debug.log" && ! grep -qaF -- "$secret" "$work/debug.log"; then
  echo "ok - the secret appears in no log message"; passed=$((passed + 1))
else echo "not ok - the secret appears in no log message ($(wc -l < "$work/debug.log") lines)"; failed=$((failed + 1)); fi

# A planned meeting two hours from now on the second server (written as a
# later version of the app would have stored it from the editor).
meeting_id="$(/usr/bin/python3 - "$XDG_DATA_HOME/bbb-vereine/bbb-vereine.db" <<'PY'
import sqlite3, sys, uuid, datetime, time
from zoneinfo import ZoneInfo
db = sqlite3.connect(sys.argv[1])
server = db.execute("select id from servers where name_key='zweiter'").fetchone()[0]
start = (datetime.datetime.now(ZoneInfo("Europe/Berlin")) + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:00")
mid = str(uuid.uuid4())
db.execute("""insert into meetings (id, bbb_meeting_id, title, kind, start_local, tzid, duration, rrule,
  server_id, welcome, record, guest_policy, mute_on_start, webcams_only_for_moderator, max_participants,
  attendee_pw, moderator_pw, ical_uid, created, updated) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
  (mid, uuid.uuid4().hex + "abcd", "Vorstandssitzung Jürgen", "board", start, "Europe/Berlin", 120, None,
   server, None, 0, "ALWAYS_ACCEPT", 0, 0, 0, "att12345abcd", "mod12345abcd", None, int(time.time()), int(time.time())))
db.commit()
print(mid)
PY
)"
check "list-meetings shows the meeting" 0 "^[0-9-]+T[0-9:]+[+-][0-9:]+	120	$meeting_id	Vorstandssitzung Jürgen	Zweiter\$" '^$' -- "$app" --list-meetings
# The start must be RFC 3339 (section 5.6: the offset with a colon), read by a
# strict reader that is not ours; in Berlin so that the offset is not zero,
# which GLib's ISO 8601 would write as "Z" and hide the short "+01" form.
check "list-meetings writes RFC 3339 times" 0 '^ok$' '^$' -- bash -c "TZ=Europe/Berlin '$app' --list-meetings | /usr/bin/python3 -c '
import datetime, re, sys
rfc3339 = re.compile(r\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})\\Z\")
lines = sys.stdin.read().splitlines()
assert lines, \"nothing listed\"
for line in lines:
    start = line.split(\"\\t\")[0]
    assert rfc3339.match(start), start
    assert datetime.datetime.fromisoformat(start).utcoffset() in (datetime.timedelta(hours=1), datetime.timedelta(hours=2)), start
print(\"ok\")
'"

# A stand-in default browser that writes down what it is asked to open.
mkdir -p "$XDG_DATA_HOME/applications" "$XDG_CONFIG_HOME"
printf '#!/bin/sh\nprintf "%%s\\n" "$1" >> "%s"\nenv > "%s"\n' "$work/opened" "$work/browser-env" > "$work/browser.sh"; chmod +x "$work/browser.sh"
printf '[Desktop Entry]\nType=Application\nName=Browser stand-in\nExec=%s %%u\nMimeType=x-scheme-handler/http;x-scheme-handler/https;\n' "$work/browser.sh" \
  > "$XDG_DATA_HOME/applications/bv-browser.desktop"
printf '[Default Applications]\nx-scheme-handler/http=bv-browser.desktop\nx-scheme-handler/https=bv-browser.desktop\n' \
  > "$XDG_CONFIG_HOME/mimeapps.list"

# expect_one_join WHAT: counted once the command has finished and the
# browser has been asked, after a quiet second in which a second launch or
# request would have shown up (BV_TEST_QUIET_MS in tests/bv-test-utils.h).
expect_one_join() {
  local what=$1
  for _ in $(seq 1 200); do [ -s "$work/opened" ] && break; sleep 0.1; done
  sleep 1
  if [ "$(wc -l < "$work/opened" 2>/dev/null)" = 1 ] && grep -q '/join?.*role=MODERATOR' "$work/opened"; then
    echo "ok - $what: the browser got exactly one join link"; passed=$((passed + 1))
  else
    echo "not ok - $what: the browser got exactly one join link ($(cat "$work/opened" 2>/dev/null | wc -l) lines)"; failed=$((failed + 1))
  fi
  if [ "$(cat "$work/requests")" = "$(printf 'create\tvalid')" ]; then
    echo "ok - $what: exactly one request, a signed create"; passed=$((passed + 1))
  else
    echo "not ok - $what: exactly one request, a signed create ($(tr '\n\t' ', ' < "$work/requests"))"; failed=$((failed + 1))
  fi
}
reset_join() { : > "$work/requests"; rm -f "$work/opened" "$work/browser-env"; }

reset_join
check "join the next meeting" 0 '^OK: Vorstandssitzung Jürgen$' '^$' -- "$app" --join=next
expect_one_join "join the next meeting"
# The browser's command line carries the signed link, never the secret.
if [ -s "$work/opened" ] && ! grep -qaF -- "$secret" "$work/opened"; then
  echo "ok - the secret is not in the browser's command line"; passed=$((passed + 1))
else echo "not ok - the secret is not in the browser's command line"; failed=$((failed + 1)); fi
# GDK_DEBUG=gl-disable is for the app's own start only (bv_application_prefer_cairo).
if [ -s "$work/browser-env" ] && ! grep -q '^GDK_DEBUG=' "$work/browser-env"; then
  echo "ok - the browser does not inherit the app's GDK_DEBUG"; passed=$((passed + 1))
else
  echo "not ok - the browser does not inherit the app's GDK_DEBUG ($(grep '^GDK_DEBUG=' "$work/browser-env" 2>/dev/null))"; failed=$((failed + 1))
fi
reset_join
check "join a meeting by its id" 0 '^OK: Vorstandssitzung Jürgen$' '^$' -- "$app" --join="$meeting_id"
expect_one_join "join by id"
reset_join
check "join an unknown meeting" 1 '^$' 'list-meetings' -- "$app" --join=gibt-es-nicht
sleep 1
if [ ! -e "$work/opened" ] && [ ! -s "$work/requests" ]; then
  echo "ok - an unknown meeting opens nothing and asks no server"; passed=$((passed + 1))
else
  echo "not ok - an unknown meeting opens nothing and asks no server"; failed=$((failed + 1))
fi

# The launcher's actions, from the installed desktop file's own Exec lines
# (GDesktopAppInfo runs them as a launcher does; "bbb-vereine" is found
# on PATH).
mkdir -p "$work/bin"; ln -s "$app" "$work/bin/bbb-vereine"
launch_action() {  # launch_action ACTION
  PATH="$work/bin:$PATH" /usr/bin/python3 - "${BV_DESKTOP_FILE:?}" "$1" <<'PY'
import sys
import gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio
info = Gio.DesktopAppInfo.new_from_filename(sys.argv[1])
assert sys.argv[2] in info.list_actions(), info.list_actions()
info.launch_action(sys.argv[2], None)
PY
}
app_bus_name=org.herzlich.BbbVereine
app_running() {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner "$app_bus_name" 2>/dev/null | grep -q true
}
# window_shown TITLE: waits up to 30 s for a top-level window called TITLE.
window_shown() {
  for _ in $(seq 1 300); do
    xwininfo -root -tree 2>/dev/null | grep -qF "\"$1\"" && return 0
    sleep 0.1
  done
  return 1
}
quit_app() {
  gdbus call --session --dest "$app_bus_name" --object-path /org/herzlich/BbbVereine \
    --method org.gtk.Actions.Activate quit '[]' '{}' >/dev/null 2>&1
  for _ in $(seq 1 100); do app_running || return 0; sleep 0.1; done
  return 1
}

reset_join
launch_action join-next
expect_one_join "launcher action “Join Next Meeting”"

launch_action new-meeting
if window_shown "New Meeting"; then
  echo "ok - launcher action “New Meeting” opens the meeting editor"; passed=$((passed + 1))
else
  echo "not ok - launcher action “New Meeting” opens the meeting editor"; failed=$((failed + 1))
fi
if quit_app; then echo "ok - the app quits after the launcher action"; passed=$((passed + 1));
else echo "not ok - the app quits after the launcher action"; failed=$((failed + 1)); fi

"$app" --new-meeting >/dev/null 2>&1 &
gui_pid=$!
if window_shown "New Meeting"; then
  echo "ok - --new-meeting opens the meeting editor"; passed=$((passed + 1))
else
  echo "not ok - --new-meeting opens the meeting editor"; failed=$((failed + 1))
fi
quit_app || kill "$gui_pid" 2>/dev/null
wait "$gui_pid" 2>/dev/null

# --import: a calendar file written like Thunderbird's, one meeting three
# days from now and an all-day event; again with a changed title (same UID);
# then a broken file. New meetings go onto the default server, so the
# listed server name must not be empty.
meetings_count() {
  /usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from meetings').fetchone()[0])" \
    "$XDG_DATA_HOME/bbb-vereine/bbb-vereine.db"
}
write_ics() {  # write_ics FILE TITLE
  /usr/bin/python3 - "$1" "$2" <<'PY'
import sys, datetime
from zoneinfo import ZoneInfo
day = datetime.datetime.now(ZoneInfo("Europe/Berlin")).date() + datetime.timedelta(days=3)
start = day.strftime("%Y%m%d") + "T193000"
end = day.strftime("%Y%m%d") + "T211500"
lines = ["BEGIN:VCALENDAR", "PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN", "VERSION:2.0",
         "BEGIN:VTIMEZONE", "TZID:Europe/Berlin",
         "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
         "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT",
         "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
         "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
         "END:VTIMEZONE",
         "BEGIN:VEVENT", "UID:cli-test-0001@bbb-vereine.example", "SUMMARY:" + sys.argv[2],
         "DTSTART;TZID=Europe/Berlin:" + start, "DTEND;TZID=Europe/Berlin:" + end,
         "X-MOZ-GENERATION:1", "END:VEVENT",
         "BEGIN:VEVENT", "UID:cli-test-0002@bbb-vereine.example", "SUMMARY:Vereinsausflug",
         "DTSTART;VALUE=DATE:" + day.strftime("%Y%m%d"), "END:VEVENT",
         "END:VCALENDAR"]
open(sys.argv[1], "w", newline="").write("\r\n".join(lines) + "\r\n")
PY
}
write_ics "$work/termine.ics" "Übungsleitertreffen"
before="$(meetings_count)"
check "import a calendar file" 0 '^Imported: 1 added, 0 updated, 1 skipped$' '^$' -- \
  bash -c "cd '$work' && '$app' --import=termine.ics"
check "list-meetings shows the imported meeting" 0 "	105	[^	]+	Übungsleitertreffen	[^	]+$" '^$' -- "$app" --list-meetings
write_ics "$work/termine.ics" "Übungsleitertreffen (neuer Titel)"
check "import again updates" 0 '^Imported: 0 added, 1 updated, 1 skipped$' '^$' -- "$app" --import="$work/termine.ics"
listed="$("$app" --list-meetings)"
if [ "$(grep -c 'Übungsleitertreffen' <<<"$listed")" = 1 ] && grep -q 'Übungsleitertreffen (neuer Titel)' <<<"$listed" \
   && [ "$(meetings_count)" = $((before + 1)) ]; then
  echo "ok - import again adds no duplicate"; passed=$((passed + 1))
else
  echo "not ok - import again adds no duplicate ($listed)"; failed=$((failed + 1))
fi
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:cli-test-0003@bbb-vereine.example\r\nSUMMARY:Gut\r\nDTSTART:20270105T190000\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:cli-test-0004@bbb-vereine.example\r\nSUMMARY:Vorstand\r\nDTSTART;TZID=Europe/Berlin:morgen\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' \
  > "$work/kaputt.ics"
check "import refuses a broken file" 1 '^$' 'Vorstand.*line 11' -- "$app" --import="$work/kaputt.ics"
check "import of a missing file" 1 '^$' 'gibt-es-nicht\.ics' -- "$app" --import="$work/gibt-es-nicht.ics"
# A zone whose rules libical would expand minute by minute: refused at once
# (a hang is caught by the test's timeout), nothing stored.
hostile="${BV_SOURCE_ROOT:?}/tests/data/hostile/ics"
check "import refuses a zone bomb" 1 '^$' 'time zone whose rules cannot be used.*Nothing was imported' -- \
  "$app" --import="$hostile/zone-minutely.ics"
if [ "$(meetings_count)" = $((before + 1)) ]; then
  echo "ok - a broken file imports nothing"; passed=$((passed + 1))
else
  echo "not ok - a broken file imports nothing ($(meetings_count) meetings)"; failed=$((failed + 1))
fi

# Addresses that hide a second recipient are left out and named; the rest
# of the file imports.
check "import leaves out addresses that are none" 0 '^Imported: 1 added, 0 updated, 0 skipped$' \
  '^Not invited, because these are no valid e-mail addresses: .*anna@x\.org,boss@evil\.org' -- \
  "$app" --import="$hostile/attendee-tricks.ics"
invited="$(/usr/bin/python3 -c "import sqlite3,sys; print(','.join(sorted(r[0] for r in sqlite3.connect(sys.argv[1]).execute(\"select p.guest_email from meeting_participants p join meetings m on m.id = p.meeting_id where m.ical_uid = 'hostile-zone@example.org'\"))))" \
  "$XDG_DATA_HOME/bbb-vereine/bbb-vereine.db")"
if [ "$invited" = "marie@example.org,nils@example.org" ]; then
  echo "ok - only the valid attendees were invited"; passed=$((passed + 1))
else
  echo "not ok - only the valid attendees were invited ($invited)"; failed=$((failed + 1))
fi

# Only the two good servers were stored, and the secret is in no file.
db="$XDG_DATA_HOME/bbb-vereine/bbb-vereine.db"
count="$(/usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from servers').fetchone()[0])" "$db")"
if [ "$count" = 2 ]; then echo "ok - only tested servers stored"; passed=$((passed + 1));
else echo "not ok - only tested servers stored ($count rows)"; failed=$((failed + 1)); fi
if grep -rqaF -- "$secret" "$work" "$HOME" --exclude-dir=keyrings 2>/dev/null; then
  echo "not ok - the secret appears in a file"; failed=$((failed + 1))
else echo "ok - the secret appears in no file"; passed=$((passed + 1)); fi

# --import-members: the club software's CP1252 export, then the same
# people from a vCard (one updated), then files that cannot be read.
members_dir="$(dirname "$0")/data/members"
members_count() {
  /usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from members').fetchone()[0])" \
    "$XDG_DATA_HOME/bbb-vereine/bbb-vereine.db"
}
check "import-members from club software" 0 '^Members: 3 added, 0 updated, 3 skipped$' \
  'Line 5: no e-mail address and no name.*Line 7: .renee\.weiss\(at\)example\.de. is not an e-mail address' -- \
  "$app" --import-members="$members_dir/vereinsverwaltung-cp1252.csv"
check "import-members from a vCard updates by address" 0 '^Members: 1 added, 1 updated, 1 skipped$' '^Line 23: ' -- \
  bash -c "cd '$members_dir' && '$app' --import-members=nextcloud-v3.vcf"
check "import-members of a missing file" 1 '^$' 'gibt-es-nicht\.csv' -- "$app" --import-members="$work/gibt-es-nicht.csv"
printf 'Mitgliedsnr;Ort\n1;Kaiserslautern\n' > "$work/ohne-kopf.csv"
check "import-members without a header row" 1 '^$' 'ohne-kopf\.csv.*header row' -- "$app" --import-members="$work/ohne-kopf.csv"
if [ "$(members_count)" = 4 ]; then
  echo "ok - import-members stored four members"; passed=$((passed + 1))
else
  echo "not ok - import-members stored four members ($(members_count))"; failed=$((failed + 1))
fi

# --export-invitations: the mail-merge CSV of a meeting's invitations, by
# id to standard output and by title into a file; the links are signed
# with the server's secret (SHA-512 on "Zweiter") and read back by a real
# CSV reader. Then a meeting that is not there, one without participants
# and one whose server has no secret in the keyring.
/usr/bin/python3 - "$XDG_DATA_HOME/bbb-vereine/bbb-vereine.db" "$meeting_id" <<'PY'
import sqlite3, sys, uuid, time, secrets
db = sqlite3.connect(sys.argv[1])
member = db.execute("select id from members order by name limit 1").fetchone()[0]
now = int(time.time())
db.execute("insert into meeting_participants (id, meeting_id, member_id, guest_name, guest_email, role, link_key, created) values (?,?,?,?,?,?,?,?)",
           (str(uuid.uuid4()), sys.argv[2], member, None, None, "participant", secrets.token_hex(16), now))
db.execute("insert into meeting_participants (id, meeting_id, member_id, guest_name, guest_email, role, link_key, created) values (?,?,?,?,?,?,?,?)",
           (str(uuid.uuid4()), sys.argv[2], None, 'Müller; "Jupp"', "jupp@example.org", "moderator", secrets.token_hex(16), now))
db.commit()
PY
check "export-invitations by id" 0 '^.Name;E-mail;Role;Link;Date;Title;Subject;Text' '^$' -- \
  "$app" --export-invitations="$meeting_id"
"$app" --export-invitations="$meeting_id" > "$work/invitations.csv" 2>/dev/null
if /usr/bin/python3 - "$work/invitations.csv" "$secret" <<'PY'
import csv, hashlib, sys, urllib.parse
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "no BOM"
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig"), delimiter=";", strict=True))
assert rows[0] == ["Name", "E-mail", "Role", "Link", "Date", "Title", "Subject", "Text"], rows[0]
assert len(rows) == 3, rows
jupp = [r for r in rows[1:] if r[0] == 'Müller; "Jupp"'][0]
assert jupp[1] == "jupp@example.org" and jupp[2] == "Leads" and jupp[5] == "Vorstandssitzung Jürgen", jupp
for row in rows[1:]:
    url = urllib.parse.urlsplit(row[3])
    query, checksum = url.query.rsplit("&checksum=", 1)
    assert hashlib.sha512(("join" + query + sys.argv[2]).encode()).hexdigest() == checksum, row[3]
    params = dict(urllib.parse.parse_qsl(query))
    assert set(params) == {"fullName", "meetingID", "role", "userID"}, params
    assert params["fullName"] == row[0] and params["userID"].startswith("bv-"), params
    assert params["role"] == ("MODERATOR" if row[2] == "Leads" else "VIEWER"), params
    # the text greets by the last name (or the whole name of a guest)
    assert row[3] in row[7] and row[0].split()[-1] in row[7], row[7]
PY
then echo "ok - export-invitations CSV read back with signed links"; passed=$((passed + 1))
else echo "not ok - export-invitations CSV read back with signed links"; failed=$((failed + 1)); fi
check "export-invitations by title into a file" 0 '^Invitations: 2 people written to .*einladungen\.csv$' '^$' -- \
  bash -c "cd '$work' && '$app' --export-invitations='Vorstandssitzung Jürgen' --output=einladungen.csv"
if [ "$(stat -c %a "$work/einladungen.csv" 2>/dev/null)" = 600 ] && cmp -s "$work/einladungen.csv" "$work/invitations.csv"; then
  echo "ok - export-invitations file is private and the same as standard output"; passed=$((passed + 1))
else echo "not ok - export-invitations file is private and the same as standard output"; failed=$((failed + 1)); fi
check "export-invitations of an unknown meeting" 1 '^$' 'no meeting .Gibt es nicht.' -- \
  "$app" --export-invitations='Gibt es nicht'
check "output without export-invitations" 1 '^$' 'output belongs to --export-invitations' -- \
  "$app" --output="$work/nichts.csv"
other_ids="$(/usr/bin/python3 - "$XDG_DATA_HOME/bbb-vereine/bbb-vereine.db" <<'PY'
import sqlite3, sys, uuid, time, secrets
db = sqlite3.connect(sys.argv[1])
row = db.execute("select * from meetings where title='Vorstandssitzung Jürgen'").fetchone()
cols = [c[1] for c in db.execute("pragma table_info(meetings)")]
def copy(title, server):
    m = dict(zip(cols, row)); m["id"] = str(uuid.uuid4()); m["bbb_meeting_id"] = uuid.uuid4().hex + "efgh"
    m["title"] = title; m["server_id"] = server
    db.execute("insert into meetings (%s) values (%s)" % (",".join(m), ",".join("?" * len(m))), list(m.values()))
    return m["id"]
empty = copy("Leere Runde", row[cols.index("server_id")])
scols = [c[1] for c in db.execute("pragma table_info(servers)")]
srow = dict(zip(scols, db.execute("select * from servers where name_key='zweiter'").fetchone()))
srow["id"] = str(uuid.uuid4()); srow["name"] = "Ohne Schlüssel"; srow["name_key"] = "ohne schlüssel"
db.execute("insert into servers (%s) values (%s)" % (",".join(srow), ",".join("?" * len(srow))), list(srow.values()))
nokey = copy("Ohne Schlüssel", srow["id"])
db.execute("insert into meeting_participants (id, meeting_id, member_id, guest_name, guest_email, role, link_key, created) values (?,?,?,?,?,?,?,?)",
           (str(uuid.uuid4()), nokey, None, "Gast", None, "participant", secrets.token_hex(16), int(time.time())))
db.commit()
print(empty, nokey)
PY
)"
read -r empty_id nokey_id <<<"$other_ids"
check "export-invitations of a meeting without participants" 1 '^$' 'Nobody is invited to .Leere Runde.' -- \
  "$app" --export-invitations="$empty_id"
check "export-invitations without a secret in the keyring" 1 '^$' 'No shared secret is stored' -- \
  "$app" --export-invitations="$nokey_id"

# --export-attendance: nothing recorded yet, an unknown meeting, then two
# stays of an invited member and one of somebody not invited (as the
# recorder stores them) as CSV, on standard output and into a file.
check "export-attendance of an unknown meeting" 1 '^$' 'no meeting .Gibt es nicht.' -- \
  "$app" --export-attendance='Gibt es nicht'
check "export-attendance with nothing recorded" 1 '^$' 'No attendance is recorded for .Vorstandssitzung Jürgen.' -- \
  "$app" --export-attendance="$meeting_id"
/usr/bin/python3 - "$XDG_DATA_HOME/bbb-vereine/bbb-vereine.db" "$meeting_id" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
pid, mid, key = db.execute("select id, member_id, link_key from meeting_participants where meeting_id=? and member_id is not null", (sys.argv[2],)).fetchone()
ins = "insert into attendance (meeting_id, participant_id, member_id, user_id, full_name, invited, joined_at, last_seen, left_at) values (?,?,?,?,?,?,?,?,?)"
db.execute("update meetings set tzid='Europe/Berlin' where id=?", (sys.argv[2],))
db.execute(ins, (sys.argv[2], pid, mid, "bv-" + key, "egal", 1, 1805130000, 1805130600, 1805130600))
db.execute(ins, (sys.argv[2], pid, mid, "bv-" + key, "egal", 1, 1805131200, 1805134800, 1805134800))
db.execute(ins, (sys.argv[2], None, None, "w_gast", "Zaungast", 0, 1805130200, 1805130260, 1805130260))
db.commit()
PY
"$app" --export-attendance="$meeting_id" > "$work/attendance.csv" 2>/dev/null
if /usr/bin/python3 - "$work/attendance.csv" "$XDG_DATA_HOME/bbb-vereine/bbb-vereine.db" <<'PY'
import csv, sqlite3, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8"), delimiter=";", strict=True))
assert rows[0] == ["Name", "E-Mail", "Eingeladen", "Erster Beitritt", "Letztes Verlassen", "Minuten"], rows[0]
assert len(rows) == 3, rows
name = sqlite3.connect(sys.argv[2]).execute("select name from members order by name limit 1").fetchone()[0]
assert rows[1][0] == name and rows[1][2] == "ja", rows[1]
assert rows[1][3] == "2027-03-15T18:00:00+01:00" and rows[1][4] == "2027-03-15T19:20:00+01:00", rows[1]
assert rows[1][5] == "70", rows[1]
assert rows[2] == ["Zaungast", "", "nein", "2027-03-15T18:03:20+01:00", "2027-03-15T18:04:20+01:00", "1"], rows[2]
PY
then echo "ok - export-attendance CSV read back"; passed=$((passed + 1))
else echo "not ok - export-attendance CSV read back ($(cat "$work/attendance.csv"))"; failed=$((failed + 1)); fi
check "export-attendance into a file" 0 '^Attendance: 2 people written to .*anwesenheit\.csv$' '^$' -- \
  bash -c "cd '$work' && '$app' --export-attendance='$meeting_id' --output=anwesenheit.csv"
if [ "$(stat -c %a "$work/anwesenheit.csv" 2>/dev/null)" = 600 ] && cmp -s "$work/anwesenheit.csv" "$work/attendance.csv"; then
  echo "ok - export-attendance file is private and the same as standard output"; passed=$((passed + 1))
else echo "not ok - export-attendance file is private and the same as standard output"; failed=$((failed + 1)); fi

echo "1..$((passed + failed))"
[ "$failed" -eq 0 ]
