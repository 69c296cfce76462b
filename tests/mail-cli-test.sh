#!/usr/bin/env bash
# --add-mail-account and --send-invitations through the real executable,
# the real keyring, a real database file and a real SMTP server on
# loopback (tests/smtp-server.py, STARTTLS with the suite's test
# certificate, trusted here through SSL_CERT_FILE). Runs inside
# build-aux/dev (Xvfb, private session bus, unlocked keyring).
set -uo pipefail

app="${BV_APP:?}"
tool="${BV_PRACTICE_TOOL:?}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
# The account must outlive one run of the app.
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" LANGUAGE=C LC_ALL=C.UTF-8
export GSETTINGS_BACKEND=keyfile SSL_CERT_FILE="$here/data/test-ca.pem"
secret="mail-cli-secret-$$-$RANDOM$RANDOM"
password='geheim Passwort-ä'
passed=0
failed=0

coproc PRACTICE { exec "$tool" "$secret" "$work/requests"; }
read -r url <&"${PRACTICE[0]}"
smtp_pids=()
cleanup() {
  kill "$PRACTICE_PID" "${smtp_pids[@]}" 2>/dev/null
  # KEEP=1 keeps the messages and logs in /tmp/mail-cli-keep for a look.
  [ -n "${KEEP:-}" ] && cp -r "$work" /tmp/mail-cli-keep
  wait "$PRACTICE_PID" "${smtp_pids[@]}" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# start_smtp NAME ARGS… : a server whose log and messages are
# $work/NAME.log and $work/NAME/; its port goes to $smtp_port. Not in a
# subshell: the server lives as long as our end of its standard input.
start_smtp() {
  local name=$1; shift
  mkfifo "$work/$name.in"
  /usr/bin/python3 "$here/smtp-server.py" --cert "$here/data/test-server.pem" \
    --outdir "$work/$name" --log "$work/$name.log" --user verein@example.de --password "$password" "$@" \
    <"$work/$name.in" >"$work/$name.port" 2>/dev/null &
  smtp_pids+=($!)
  exec {fd}>"$work/$name.in"
  for _ in $(seq 100); do [ -s "$work/$name.port" ] && break; sleep 0.1; done
  smtp_port="$(cut -d' ' -f2 "$work/$name.port")"
}

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
claim() {  # claim NAME -- command… : passes when the command succeeds
  local name=$1; shift 2
  if "$@"; then echo "ok - $name"; passed=$((passed + 1))
  else echo "not ok - $name"; failed=$((failed + 1)); fi
}

start_smtp good; port=$smtp_port
start_smtp plain --mode plain; plain_port=$smtp_port

check "add-server" 0 '^OK: ' '^$' -- \
  bash -c "printf '%s\n' '$secret' | '$app' --add-server='$url' --server-name=Übungsserver"

check "add-mail-account refuses a wrong password" 1 '^$' 'refused the login' -- \
  bash -c "printf 'falsch\n' | '$app' --add-mail-account=verein@example.de --smtp-server=127.0.0.1:$port --smtp-security=starttls"
check "add-mail-account refuses a server without STARTTLS" 1 '^$' 'no encryption' -- \
  bash -c "printf '%s\n' '$password' | '$app' --add-mail-account=verein@example.de --smtp-server=127.0.0.1:$plain_port --smtp-security=starttls"
claim "the password never went to the server without STARTTLS" -- \
  bash -c "! grep -q AUTH '$work/plain.log'"
claim "nothing was saved after failed tests" -- \
  bash -c "! grep -q mail-address '$XDG_CONFIG_HOME/glib-2.0/settings/keyfile' 2>/dev/null"
check "add-mail-account without a password" 1 '^$' 'standard input' -- \
  bash -c "'$app' --add-mail-account=verein@example.de --smtp-server=127.0.0.1:$port </dev/null"
check "add-mail-account refuses an invalid address" 1 '^$' 'not a valid e-mail address' -- \
  bash -c "printf 'x\n' | '$app' --add-mail-account=verein-at-example.de"
check "add-mail-account refuses an unknown security" 1 '^$' 'ssl or starttls' -- \
  bash -c "printf 'x\n' | '$app' --add-mail-account=verein@example.de --smtp-security=none"
check "smtp options without add-mail-account" 1 '^$' 'belong to --add-mail-account' -- \
  "$app" --smtp-server=mail.example.de
check "add-mail-account tests and saves" 0 "^OK: 127\\.0\\.0\\.1:$port, STARTTLS, verein@example\\.de\$" '^$' -- \
  bash -c "printf '%s\n' '$password' | '$app' --add-mail-account=verein@example.de --sender-name='SF Grün-Weiß' --smtp-server=127.0.0.1:$port --smtp-security=starttls"
claim "the connection test logged in and sent nothing" -- \
  bash -c "grep -qx AUTH-OK '$work/good.log' && ! grep -q '^MAIL' '$work/good.log'"
claim "the password is in the keyring, not in the settings" -- \
  bash -c "secret-tool lookup address verein@example.de | grep -qxF '$password' && ! grep -rqF '$password' '$XDG_CONFIG_HOME' '$XDG_DATA_HOME'"

# A meeting with three people with an address and one without.
meeting_id="$(/usr/bin/python3 - "$XDG_DATA_HOME/bbb-vereine/bbb-vereine.db" <<'PY'
import sqlite3, sys, uuid, time, secrets
db = sqlite3.connect(sys.argv[1])
server = db.execute("select id from servers").fetchone()[0]
mid = str(uuid.uuid4())
now = int(time.time())
db.execute("""insert into meetings (id, bbb_meeting_id, title, kind, start_local, tzid, duration, rrule,
  server_id, welcome, record, guest_policy, mute_on_start, webcams_only_for_moderator, max_participants,
  attendee_pw, moderator_pw, ical_uid, created, updated) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
  (mid, uuid.uuid4().hex + "abcd", "Vorstand Süd", "board", "2027-03-02T19:30:00", "Europe/Berlin", 90,
   "FREQ=WEEKLY;COUNT=4", server, None, 0, "ALWAYS_ACCEPT", 0, 0, 0, "att12345abcd", "mod12345abcd",
   None, now, now))
for name, email in (("Jürgen Müller", "juergen@example.org"), ("Anna Schäfer", "anna@example.org"),
                    ("Bärbel Groß", "baerbel@example.org"), ("Ohne Adresse", None)):
    member = str(uuid.uuid4())
    db.execute("insert into members (id, name, email, email_key, created, updated) values (?,?,?,?,?,?)",
               (member, name, email, email.lower() if email else None, now, now))
    db.execute("insert into meeting_participants (id, meeting_id, member_id, role, link_key, created) values (?,?,?,?,?,?)",
               (str(uuid.uuid4()), mid, member, "participant", secrets.token_hex(16), now))
db.commit()
print(mid)
PY
)"

connections_before=$(grep -c '^CONNECT' "$work/good.log")
# GLib writes debug messages to standard output: one file for both.
G_MESSAGES_DEBUG=all "$app" --send-invitations="$meeting_id" >"$work/send.log" 2>&1; status=$?
if [ "$status" -eq 0 ] && grep -qx 'Invitations: 3 sent, 0 failed, 1 skipped' "$work/send.log"; then
  echo "ok - send-invitations sends three"; passed=$((passed + 1))
else echo "not ok - send-invitations sends three (status $status, $(tail -3 "$work/send.log"))"; failed=$((failed + 1)); fi
claim "three messages arrived, one each" -- \
  bash -c "[ \$(ls '$work/good/'*.eml | wc -l) = 3 ] && [ \$(grep -c '^ACCEPTED' '$work/good.log') = 3 ]"
claim "one connection for the batch" -- \
  bash -c "[ \$(grep -c '^CONNECT' '$work/good.log') = $((connections_before + 1)) ]"
claim "neither the password nor a message's text in the debug log" -- \
  bash -c "grep -q -- '-DEBUG: ' '$work/send.log' && ! grep -qaF -- '$password' '$work/send.log' && ! grep -qa 'api/join' '$work/send.log' && ! grep -qaF 'Hallo' '$work/send.log'"
check "send-invitations --only-unsent sends nobody twice" 0 '^Invitations: 0 sent, 0 failed, 1 skipped$' '^$' -- \
  "$app" --send-invitations="$meeting_id" --only-unsent
claim "still three messages" -- \
  bash -c "[ \$(ls '$work/good/'*.eml | wc -l) = 3 ]"
check "send-invitations in German" 0 '^Einladungen: 0 gesendet, 0 fehlgeschlagen, 1 übersprungen$' '^$' -- \
  env LANGUAGE=de LC_ALL=de_DE.UTF-8 "$app" --send-invitations="Vorstand Süd" --only-unsent
check "send-invitations of an unknown meeting" 1 '^$' 'no meeting .Gibt es nicht.' -- \
  "$app" --send-invitations='Gibt es nicht'
check "only-unsent without send-invitations" 1 '^$' 'belongs to --send-invitations' -- \
  "$app" --only-unsent
# The account's password gone from the keyring: a reason, nothing sent.
secret-tool clear address verein@example.de
check "send-invitations without a password" 1 'Invitations: 0 sent' 'No password is stored' -- \
  "$app" --send-invitations="$meeting_id"

echo "1..$((passed + failed))"
[ "$failed" -eq 0 ]
