#!/usr/bin/env bash
# --add-server and --check-server against the practice server, through the
# real executable, the real keyring and a real database file. Runs inside
# build-aux/dev test (Xvfb, private session bus, unlocked keyring).
set -uo pipefail

app="${BV_APP:?}"
tool="${BV_PRACTICE_TOOL:?}"
work="$(mktemp -d)"
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" LANGUAGE=C LC_ALL=C.UTF-8
secret="cli-test-secret-$$-$RANDOM$RANDOM"
passed=0
failed=0

coproc PRACTICE { exec "$tool" "$secret"; }
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

# Only the two good servers were stored, and the secret is in no file.
db="$XDG_DATA_HOME/bbb-vereine/bbb-vereine.db"
count="$(/usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from servers').fetchone()[0])" "$db")"
if [ "$count" = 2 ]; then echo "ok - only tested servers stored"; passed=$((passed + 1));
else echo "not ok - only tested servers stored ($count rows)"; failed=$((failed + 1)); fi
if grep -rqaF -- "$secret" "$work" "$HOME" --exclude-dir=keyrings 2>/dev/null; then
  echo "not ok - the secret appears in a file"; failed=$((failed + 1))
else echo "ok - the secret appears in no file"; passed=$((passed + 1)); fi

echo "1..$((passed + failed))"
[ "$failed" -eq 0 ]
