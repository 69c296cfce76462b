#!/usr/bin/env bash
# The command-line jobs where there is no display (over SSH, in a set-up
# script): DISPLAY and WAYLAND_DISPLAY unset, so GTK cannot start. Every
# job works with the session bus and the keyring the suite provides
# (build-aux/dev: private bus, unlocked keyring); without a bus, or with a
# bus but no keyring, they say in German what is missing. A job asked of
# an instance that runs with a display still goes there.
set -uo pipefail

app="${BV_APP:?}"
tool="${BV_PRACTICE_TOOL:?}"
work="$(mktemp -d)"
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" LANGUAGE=C LC_ALL=C.UTF-8
# The display the suite runs under, for the part with a running window.
x_display="${DISPLAY:-}"
unset DISPLAY WAYLAND_DISPLAY
secret="no-display-secret-$$-$RANDOM$RANDOM"
passed=0
failed=0

coproc PRACTICE { exec "$tool" "$secret" "$work/requests"; }
read -r url <&"${PRACTICE[0]}"
gui_pid=
cleanup() {
  [ -n "$gui_pid" ] && kill "$gui_pid" 2>/dev/null && wait "$gui_pid" 2>/dev/null
  kill "$PRACTICE_PID" 2>/dev/null; wait "$PRACTICE_PID" 2>/dev/null; rm -rf "$work"
}
trap cleanup EXIT

ok() { echo "ok - $1"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $1"; failed=$((failed + 1)); }

check() {  # check NAME EXPECTED_STATUS EXPECTED_STDOUT_REGEX EXPECTED_STDERR_REGEX -- command…
  local name=$1 want=$2 out_re=$3 err_re=$4; shift 5
  local out err status
  # The guard against a hang (an X11 autolaunch of a bus, a keyring
  # prompt nobody can see), not a speed test.
  out="$(timeout 60 "$@" 2>"$work/stderr")"; status=$?
  err="$(cat "$work/stderr")"
  if [ "$status" -eq "$want" ] && [[ "$out" =~ $out_re ]] && [[ "$err" =~ $err_re ]]; then
    ok "$name"
  else
    not_ok "$name (status $status, stdout '$out', stderr '$err')"
  fi
}

# A stand-in browser: it must never be asked without a display.
mkdir -p "$XDG_DATA_HOME/applications" "$XDG_CONFIG_HOME"
printf '#!/bin/sh\nprintf "%%s\\n" "$1" >> "%s"\n' "$work/opened" > "$work/browser.sh"; chmod +x "$work/browser.sh"
printf '[Desktop Entry]\nType=Application\nName=Browser stand-in\nExec=%s %%u\nMimeType=x-scheme-handler/http;x-scheme-handler/https;\n' "$work/browser.sh" \
  > "$XDG_DATA_HOME/applications/bv-browser.desktop"
printf '[Default Applications]\nx-scheme-handler/http=bv-browser.desktop\nx-scheme-handler/https=bv-browser.desktop\n' \
  > "$XDG_CONFIG_HOME/mimeapps.list"

# Every job, no display.
check "add-server without a display" 0 '^OK: BigBlueButton 3\.0\.19, SHA-256$' '^$' -- \
  bash -c "printf '%s\n' '$secret' | '$app' --add-server='$url' --server-name=Übungsserver"
check "check-server without a display" 0 '^OK: BigBlueButton 3\.0\.19, SHA-256$' '^$' -- "$app" --check-server
/usr/bin/python3 - "$work/termine.ics" <<'PY'
import sys, datetime
day = datetime.date.today() + datetime.timedelta(days=2)
lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bbb-vereine test//EN",
         "BEGIN:VEVENT", "UID:no-display-0001@bbb-vereine.example", "SUMMARY:Vorstandssitzung",
         "DTSTART;TZID=Europe/Berlin:" + day.strftime("%Y%m%d") + "T193000",
         "DTEND;TZID=Europe/Berlin:" + day.strftime("%Y%m%d") + "T210000", "END:VEVENT",
         "END:VCALENDAR"]
open(sys.argv[1], "w", newline="").write("\r\n".join(lines) + "\r\n")
PY
check "import without a display" 0 '^Imported: 1 added, 0 updated, 0 skipped$' '^$' -- "$app" --import="$work/termine.ics"
check "list-meetings without a display" 0 '	Vorstandssitzung	Übungsserver$' '^$' -- "$app" --list-meetings
meeting_id="$("$app" --list-meetings | cut -f3)"
printf 'Name;E-Mail;Gruppe\r\nErika Musterfrau;erika@example.org;Vorstand\r\n' > "$work/mitglieder.csv"
check "import-members without a display" 0 '^Members: 1 added, 0 updated, 0 skipped$' '^$' -- \
  "$app" --import-members="$work/mitglieder.csv"
/usr/bin/python3 - "$XDG_DATA_HOME/bbb-vereine/bbb-vereine.db" "$meeting_id" <<'PY'
import sqlite3, sys, uuid, time, secrets
db = sqlite3.connect(sys.argv[1])
member = db.execute("select id from members limit 1").fetchone()[0]
db.execute("insert into meeting_participants (id, meeting_id, member_id, guest_name, guest_email, role, link_key, created) values (?,?,?,?,?,?,?,?)",
           (str(uuid.uuid4()), sys.argv[2], member, None, None, "participant", secrets.token_hex(16), int(time.time())))
db.commit()
PY
check "export-invitations without a display" 0 '^Invitations: 1 person written to .*einladungen\.csv$' '^$' -- \
  "$app" --export-invitations="$meeting_id" --output="$work/einladungen.csv"

# A display that is named but cannot be opened (an SSH session whose X
# forwarding has gone): the same as none.
check "list-meetings with a display that cannot be opened" 0 '	Vorstandssitzung	Übungsserver$' '^$' -- \
  env DISPLAY=:9876 "$app" --list-meetings

# --join prints the link (one create, no browser) and says why.
: > "$work/requests"
check "join without a display prints the link" 0 '^https?://[^ ]*/join\?[^ ]*role=MODERATOR[^ ]*$' \
  'no display, so no browser was opened.*“Vorstandssitzung”' -- "$app" --join=next
if [ "$(cat "$work/requests")" = "$(printf 'create\tvalid')" ] && [ ! -e "$work/opened" ]; then
  ok "join without a display: one signed create, no browser"
else
  not_ok "join without a display: one signed create, no browser ($(tr '\n\t' ', ' < "$work/requests"); opened: $(cat "$work/opened" 2>/dev/null))"
fi
check "join without a display says so in German" 0 '/join\?' 'Es gibt keinen Bildschirm.*Browser' -- \
  env LANGUAGE=de "$app" --join=next

# No session bus: at once, in German, and nothing is created.
bare="$work/bare"
mkdir -p "$bare/run"
check "no session bus: German sentence" 1 '^$' 'Es gibt keinen Sitzungsbus.*DBUS_SESSION_BUS_ADDRESS.*dbus-run-session' -- \
  env -u DBUS_SESSION_BUS_ADDRESS XDG_RUNTIME_DIR="$bare/run" XDG_DATA_HOME="$bare/data" LANGUAGE=de \
  "$app" --list-meetings
check "unreachable session bus: German sentence" 1 '^$' 'Sitzungsbus.*nicht erreichbar' -- \
  env DBUS_SESSION_BUS_ADDRESS="unix:path=$bare/kein-bus" XDG_DATA_HOME="$bare/data" LANGUAGE=de \
  bash -c "printf 'x\n' | '$app' --add-server='$url'"
if [ ! -e "$bare/data" ]; then ok "no session bus: no database was created"
else not_ok "no session bus: no database was created"; fi

# A bus without any keyring (no service provides org.freedesktop.secrets):
# the jobs that need the secret say so in German; --list-meetings needs
# none and works.
cat > "$work/bus.conf" <<EOF
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=$work</listen>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
EOF
no_keyring=(env -u GNOME_KEYRING_CONTROL dbus-run-session --config-file="$work/bus.conf" -- env LANGUAGE=de)
check "no keyring: add-server says so in German" 1 '^$' 'Schlüsselbund' -- \
  "${no_keyring[@]}" bash -c "printf '%s\n' '$secret' | '$app' --add-server='$url' --server-name=Zweiter"
check "no keyring: check-server says so in German" 1 '^$' 'Schlüsselbund' -- "${no_keyring[@]}" "$app" --check-server
check "no keyring: join says so in German" 1 '^$' 'Schlüsselbund' -- "${no_keyring[@]}" "$app" --join=next
# (dbus-daemon may say that it cannot raise its file limit in a container.)
check "no keyring: list-meetings still works" 0 '	Vorstandssitzung	Übungsserver$' '^(dbus-daemon.*fd limit.*)?$' -- "${no_keyring[@]}" "$app" --list-meetings

# A bus whose keyring is there but locked: the session's own service files
# start gnome-keyring, which has no unlocked keyring in a fresh home and,
# without a display, cannot ask for the password.
mkdir -p "$work/locked-home"
locked=(env -u GNOME_KEYRING_CONTROL -u XDG_RUNTIME_DIR HOME="$work/locked-home"
        XDG_CACHE_HOME="$work/locked-home/.cache" XDG_DATA_HOME="$work/locked-home/.local/share"
        dbus-run-session -- env LANGUAGE=de XDG_DATA_HOME="$XDG_DATA_HOME")
# (The started gnome-keyring-daemon prints its control socket.)
check "locked keyring: add-server says so in German" 1 '^(GNOME_KEYRING_CONTROL=[^ ]*)?$' 'Der Schlüsselbund ist gesperrt' -- \
  "${locked[@]}" bash -c "printf '%s\n' '$secret' | '$app' --add-server='$url' --server-name=Dritter"

# An instance runs with a display: a job from a shell without one goes
# there, as before, and --join opens the browser there.
if [ -n "$x_display" ]; then
  DISPLAY="$x_display" "$app" >/dev/null 2>&1 &
  gui_pid=$!
  for _ in $(seq 1 300); do
    gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
      --method org.freedesktop.DBus.NameHasOwner org.herzlich.BbbVereine 2>/dev/null | grep -q true && break
    sleep 0.1
  done
  check "a running instance with a display lists the meetings" 0 '	Vorstandssitzung	Übungsserver$' '^$' -- \
    "$app" --list-meetings
  rm -f "$work/opened"
  check "a running instance with a display joins in the browser" 0 '^OK: Vorstandssitzung$' '^$' -- "$app" --join=next
  for _ in $(seq 1 200); do [ -s "$work/opened" ] && break; sleep 0.1; done
  if [ "$(wc -l < "$work/opened" 2>/dev/null)" = 1 ]; then ok "the running instance opened the browser once"
  else not_ok "the running instance opened the browser once"; fi
  gdbus call --session --dest org.herzlich.BbbVereine --object-path /org/herzlich/BbbVereine \
    --method org.gtk.Actions.Activate quit '[]' '{}' >/dev/null 2>&1
  wait "$gui_pid" 2>/dev/null
  gui_pid=
else
  not_ok "a running instance with a display (the suite gave no DISPLAY)"
fi

if grep -rqaF -- "$secret" "$work" --exclude-dir=keyrings --exclude=requests 2>/dev/null; then
  not_ok "the secret appears in a file"
else ok "the secret appears in no file"; fi

echo "1..$((passed + failed))"
[ "$failed" -eq 0 ]
