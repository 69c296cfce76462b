#!/bin/sh
# run-fuzz.sh — fuzz the BigBlueButton answer parser with libFuzzer
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/run-fuzz.sh [SECONDS [SEED]]     (default 30 s, a random seed)
#
# Builds tests/fuzz-parser.c and the parser sources with clang
# (-fsanitize=fuzzer,address,undefined) outside meson, in a temporary folder,
# seeds the corpus with tests/data/bbb, runs for SECONDS and fails on
# any crash, leak, assertion or timeout. Needs Debian's clang and
# libclang-rt-14-dev; without clang it exits 77 (skipped under meson).
# On failure the folder with the crashing input is kept and named.

set -eu

seconds=${1:-30}
# 0 lets libFuzzer pick; the suite passes a fixed seed so that a failure in
# CI comes back the same way on a developer's machine.
seed=${2:-0}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
fixtures=$here/data/bbb
cc=${CLANG:-clang}

if ! command -v "$cc" >/dev/null 2>&1; then
  echo "run-fuzz: $cc not found (apt-get install clang libclang-rt-14-dev); skipping" >&2
  exit 77
fi
if ! ls "$fixtures"/*.xml >/dev/null 2>&1; then
  echo "run-fuzz: no fixtures in $fixtures" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/bv-fuzz-XXXXXX")
keep=0
cleanup () {
  if [ "$keep" = 0 ]; then rm -rf "$work"; fi
}
trap cleanup EXIT

# The sources include "config.h"; only GETTEXT_PACKAGE matters to them.
cat > "$work/config.h" <<'H'
#pragma once
#define GETTEXT_PACKAGE "bbb-vereine"
H

bbb="$root/src/bbb"
# shellcheck disable=SC2046
"$cc" -g -O1 -fno-omit-frame-pointer \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -std=gnu11 -Wall -Wno-unused-parameter -Werror \
  -I"$work" -I"$bbb" \
  "$here/fuzz-parser.c" \
  "$bbb/bv-bbb-parser.c" "$bbb/bv-bbb-error.c" "$bbb/bv-bbb-version.c" \
  "$bbb/bv-bbb-meeting.c" "$bbb/bv-bbb-attendee.c" \
  "$bbb/bv-bbb-recording.c" "$bbb/bv-bbb-recording-format.c" \
  $(pkg-config --cflags --libs gio-2.0 libxml-2.0) \
  -o "$work/fuzz-parser"

mkdir -p "$work/corpus" "$work/seeds" "$work/artifacts"
cp "$fixtures"/*.xml "$work/seeds/"

# Tokens of the answers, so mutations reach the interesting branches.
cat > "$work/xml.dict" <<'D'
"<response>"
"</response>"
"<returncode>SUCCESS</returncode>"
"<returncode>FAILED</returncode>"
"<messageKey>"
"</messageKey>"
"duplicateWarning"
"noRecordings"
"noMeetings"
"<recordings>"
"<recording>"
"<meetings>"
"<meeting>"
"<metadata>"
"<meta>"
"<playback>"
"<format>"
"<preview><images><image>"
"<link>"
"<url>"
"<attendees><attendee>"
"<role>MODERATOR</role>"
"<breakoutRooms><breakout>"
"<breakout><parentMeetingID>"
"<parentMeetingID>bbb-none</parentMeetingID>"
"<totalElements>"
"<version>"
"<apiVersion>"
"<bbbVersion>"
"<running>true</running>"
"true"
"<![CDATA["
"]]>"
"<!DOCTYPE"
"<!ENTITY"
"&amp;"
"&#x"
"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
"<html>"
D

status=0
(
  cd "$work"
  G_SLICE=always-malloc \
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0" \
  ./fuzz-parser -seed="$seed" -max_total_time="$seconds" -max_len=16384 -timeout=10 \
    -rss_limit_mb=2048 -dict=xml.dict -artifact_prefix=artifacts/ \
    -print_final_stats=1 corpus seeds
) > "$work/fuzz.log" 2>&1 || status=$?

grep -E '(DONE|stat::number_of_executed_units|stat::peak_rss_mb|INFO: Seed|==[0-9]+==ERROR|SUMMARY)' "$work/fuzz.log" || true

if [ "$status" -ne 0 ] || [ -n "$(ls -A "$work/artifacts")" ]; then
  keep=1
  tail -n 60 "$work/fuzz.log"
  echo "run-fuzz: FAILED (exit $status); input and log kept in $work" >&2
  exit 1
fi

echo "run-fuzz: no crash or leak in $seconds s"
