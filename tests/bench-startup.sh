#!/usr/bin/env bash
# Start-up benchmark: time from fork to the first mapped window, and RSS two
# seconds later, for bbb-vereine and gnome-text-editor on the same display,
# alternating runs, GSK_RENDERER=cairo. Prints medians. Needs an X display
# and a session bus (build-aux/dev bench provides both).
set -euo pipefail

runs="${BENCH_RUNS:-7}"
app="${BV_APP:-$(dirname "$0")/../_build/src/bbb-vereine}"
reference="$(command -v gnome-text-editor || true)"
export GSK_RENDERER=cairo
# Same conditions for both programs: no debugging aids from the test
# environment (fatal criticals would make a foreign app abort).
unset G_DEBUG MALLOC_CHECK_ G_SLICE

[ -n "${DISPLAY:-}" ] || { echo "bench-startup: no X display" >&2; exit 1; }
command -v xdotool >/dev/null || { echo "bench-startup: xdotool missing" >&2; exit 1; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Prints "map_ms rss_kib" for one start of "$@".
measure() {
  local start pid map rss data
  data="$(mktemp -d)"
  start=$(now_ms)
  XDG_DATA_HOME="$data" XDG_CONFIG_HOME="$data" "$@" >/dev/null 2>&1 &
  pid=$!
  map=""
  for _ in $(seq 1 4000); do
    if xdotool search --onlyvisible --pid "$pid" >/dev/null 2>&1; then
      map=$(( $(now_ms) - start ))
      break
    fi
    sleep 0.005
  done
  sleep 2
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$data"
  echo "${map:-timeout} ${rss:-0}"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

floor="${BV_FLOOR:-}"
ours_map=(); ours_rss=(); ref_map=(); ref_rss=(); floor_map=(); floor_rss=()
measure "$app" >/dev/null   # warm-up: caches, fontconfig
[ -n "$reference" ] && measure "$reference" --standalone >/dev/null
for i in $(seq 1 "$runs"); do
  read -r m r < <(measure "$app"); ours_map+=("$m"); ours_rss+=("$r")
  if [ -n "$reference" ]; then
    read -r m r < <(measure "$reference" --standalone); ref_map+=("$m"); ref_rss+=("$r")
  fi
  if [ -n "$floor" ]; then
    read -r m r < <(measure "$floor"); floor_map+=("$m"); floor_rss+=("$r")
  fi
done

om=$(printf '%s\n' "${ours_map[@]}" | median)
orss=$(printf '%s\n' "${ours_rss[@]}" | median)
echo "bbb-vereine:       start to mapped window ${om} ms (runs: ${ours_map[*]}), RSS $((orss / 1024)) MiB"
if [ -n "$reference" ]; then
  rm_=$(printf '%s\n' "${ref_map[@]}" | median)
  rrss=$(printf '%s\n' "${ref_rss[@]}" | median)
  echo "gnome-text-editor: start to mapped window ${rm_} ms (runs: ${ref_map[*]}), RSS $((rrss / 1024)) MiB"
  echo "ratio: $(awk -v a="$om" -v b="$rm_" 'BEGIN {printf "%.2f", a / b}') (budget: at most 0.50)"
  [ "$rm_" != timeout ] || { echo "bench-startup: gnome-text-editor never showed a window" >&2; exit 1; }
fi
if [ -n "$floor" ]; then
  fm=$(printf '%s\n' "${floor_map[@]}" | median)
  frss=$(printf '%s\n' "${floor_rss[@]}" | median)
  echo "minimal libadwaita window (floor): ${fm} ms (runs: ${floor_map[*]}), RSS $((frss / 1024)) MiB"
fi
[ "$om" != timeout ] || { echo "bench-startup: bbb-vereine never showed a window" >&2; exit 1; }
