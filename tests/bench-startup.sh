#!/usr/bin/env bash
# Start-up benchmark: time from fork to the first mapped window and to the
# first frame drawn into it, and RSS two seconds later, with
# GSK_RENDERER=cairo, for
#   - bbb-vereine on first start (welcome page, empty data),
#   - bbb-vereine as used day to day (a server and a dozen planned dates,
#     so Anstehend is filled from the store and asks the server what runs),
#   - gnome-text-editor, the reference,
#   - the smallest libadwaita window (the floor, tests/bench-floor.c),
# on the same display, alternating runs. Prints medians. Every program is
# timed by bench-first-frame (X MapNotify and DAMAGE), none by its own
# code. Needs an X display, a session bus and an unlocked keyring
# (build-aux/dev bench provides all three).
set -euo pipefail

runs="${BENCH_RUNS:-7}"
here="$(cd "$(dirname "$0")" && pwd)"
app="${BV_APP:-$here/../_build/src/bbb-vereine}"
probe="${BV_FIRST_FRAME:-$here/../_build/tests/bench-first-frame}"
tool="${BV_PRACTICE_TOOL:-}"
floor="${BV_FLOOR:-}"
reference="$(command -v gnome-text-editor || true)"
export GSK_RENDERER=cairo
# Same conditions for every program: no debugging aids from the test
# environment (fatal criticals would make a foreign app abort).
unset G_DEBUG MALLOC_CHECK_ G_SLICE GDK_DEBUG

[ -n "${DISPLAY:-}" ] || { echo "bench-startup: no X display" >&2; exit 1; }
[ -x "$probe" ] || { echo "bench-startup: $probe missing" >&2; exit 1; }

work="$(mktemp -d)"
practice_pid=""
cleanup() { [ -n "$practice_pid" ] && kill "$practice_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# The day-to-day state, made with the app's own command line: the practice
# server added with its secret (which goes into the keyring), then a
# calendar file with a weekly board meeting and five single dates.
seed="$work/seed"
if [ -n "$tool" ]; then
  mkdir -p "$seed"
  secret="bench-secret-$$-$RANDOM"
  coproc PRACTICE { exec "$tool" "$secret"; }
  practice_pid=$PRACTICE_PID
  read -r url <&"${PRACTICE[0]}"
  printf '%s\n' "$secret" | XDG_DATA_HOME="$seed" XDG_CONFIG_HOME="$seed" \
    "$app" --add-server="$url" --server-name=Vereinsserver >/dev/null
  {
    printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bbb-vereine//bench//DE\r\n'
    printf 'BEGIN:VEVENT\r\nUID:bench-board@bbb-vereine.example\r\nSUMMARY:Vorstandssitzung\r\n'
    printf 'DTSTART;TZID=Europe/Berlin:%sT193000\r\nDTEND;TZID=Europe/Berlin:%sT210000\r\n' \
      "$(date +%Y%m%d)" "$(date +%Y%m%d)"
    printf 'RRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n'
    for day in 1 2 4 6 9; do
      d="$(date -d "+$day days" +%Y%m%d)"
      printf 'BEGIN:VEVENT\r\nUID:bench-%s@bbb-vereine.example\r\nSUMMARY:Übungsleitertreffen %s\r\n' "$day" "$day"
      printf 'DTSTART;TZID=Europe/Berlin:%sT180000\r\nDTEND;TZID=Europe/Berlin:%sT190000\r\nEND:VEVENT\r\n' "$d" "$d"
    done
    printf 'END:VCALENDAR\r\n'
  } > "$work/dates.ics"
  XDG_DATA_HOME="$seed" XDG_CONFIG_HOME="$seed" "$app" --import="$work/dates.ics" >/dev/null
fi

# Prints "map_ms frame_ms rss_kib" for one start of "$@" with a fresh data
# directory, or a copy of $SEED_FROM when set.
measure() {
  local data
  data="$(mktemp -d -p "$work")"
  [ -n "${SEED_FROM:-}" ] && cp -a "$SEED_FROM/." "$data/"
  XDG_DATA_HOME="$data" XDG_CONFIG_HOME="$data" "$probe" "$@"
  rm -rf "$data"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

declare -A maps frames rsss
record() {  # record KEY COMMAND…
  local key=$1 m f r; shift
  read -r m f r < <(measure "$@")
  maps[$key]+="$m "; frames[$key]+="$f "; rsss[$key]+="$r "
}

measure "$app" >/dev/null   # warm-up: caches, fontconfig
[ -n "$reference" ] && measure "$reference" --standalone >/dev/null
for _ in $(seq 1 "$runs"); do
  record first "$app"
  [ -n "$tool" ] && SEED_FROM="$seed" record daily "$app"
  [ -n "$reference" ] && record reference "$reference" --standalone
  [ -n "$floor" ] && record floor "$floor"
done

med() { printf '%s\n' $1 | median; }
report() {  # report KEY LABEL
  local key=$1 label=$2
  [ -n "${frames[$key]:-}" ] || return 0
  printf '%-34s map %4s ms, first frame %4s ms (runs: %s), RSS %s MiB\n' "$label" \
    "$(med "${maps[$key]}")" "$(med "${frames[$key]}")" "${frames[$key]% }" \
    "$(( $(med "${rsss[$key]}") / 1024 ))"
}
report first "bbb-vereine, first start:"
report daily "bbb-vereine, server and dates:"
report reference "gnome-text-editor:"
report floor "minimal libadwaita window (floor):"

status=0
for key in first daily reference; do
  [ -n "${frames[$key]:-}" ] || continue
  case " ${frames[$key]}" in *" timeout "*) echo "bench-startup: $key never drew a window" >&2; status=1 ;; esac
done
if [ -n "${frames[reference]:-}" ] && [ "$status" -eq 0 ]; then
  ref="$(med "${frames[reference]}")"
  for key in first daily; do
    [ -n "${frames[$key]:-}" ] || continue
    echo "ratio $key: $(awk -v a="$(med "${frames[$key]}")" -v b="$ref" 'BEGIN {printf "%.2f", a / b}') of gnome-text-editor's first frame (budget: at most 0.50)"
  done
fi
exit "$status"
