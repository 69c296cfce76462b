#!/bin/sh
# run-fuzz-import.sh — fuzz the calendar and member importers with libFuzzer
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/run-fuzz-import.sh [SECONDS [SEED]]   (default 30 s, a random seed)
#
# Builds tests/fuzz-import.c with the importers and the store with clang
# (-fsanitize=fuzzer,address,undefined) outside meson, in a temporary
# folder, seeds the corpus with the hostile-input corpus
# (tests/data/hostile/{ics,csv,vcf}) and the importers' fixtures
# (tests/data/ics, tests/data/members), runs for SECONDS and fails on any
# crash, leak, assertion or timeout (10 s per input: a zone bomb would be
# one). Needs Debian's clang and libclang-rt-14-dev; without clang it exits
# 77 (skipped under meson). On failure the folder with the input is kept.

set -eu

seconds=${1:-30}
# 0 lets libFuzzer pick; the suite passes a fixed seed so that a failure in
# CI comes back the same way on a developer's machine.
seed=${2:-0}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cc=${CLANG:-clang}

if ! command -v "$cc" >/dev/null 2>&1; then
  echo "run-fuzz-import: $cc not found (apt-get install clang libclang-rt-14-dev); skipping" >&2
  exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/bv-fuzz-import-XXXXXX")
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

base="$root/src/base"
store="$root/src/store"
core="$root/src/core"
# shellcheck disable=SC2046
"$cc" -g -O1 -fno-omit-frame-pointer \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -std=gnu11 -Wall -Wno-unused-parameter -Werror \
  -I"$work" -I"$base" -I"$store" -I"$core" \
  "$here/fuzz-import.c" \
  "$core"/bv-ics-*.c "$core/bv-file-reader.c" "$core/bv-import-text.c" "$core/bv-meeting-kind-title.c" \
  "$core"/bv-member-import*.c \
  "$core/bv-occurrences.c" \
  "$base"/bv-*.c "$store"/bv-*.c \
  $(pkg-config --cflags --libs gio-2.0 gio-unix-2.0 sqlite3 libsecret-1 libical icu-i18n json-glib-1.0) \
  -o "$work/fuzz-import"

mkdir -p "$work/corpus" "$work/seeds" "$work/artifacts"
for kind in ics csv vcf; do
  for f in "$root/tests/data/hostile/$kind"/*; do
    cp "$f" "$work/seeds/hostile-$kind-$(basename "$f")"
  done
done
cp "$root"/tests/data/ics/*.ics "$work/seeds/"
cp "$root"/tests/data/members/*.csv "$root"/tests/data/members/*.vcf "$work/seeds/"

# Tokens of the formats, so mutations reach the interesting branches.
cat > "$work/import.dict" <<'D'
"BEGIN:VCALENDAR"
"END:VCALENDAR"
"BEGIN:VEVENT"
"END:VEVENT"
"BEGIN:VTIMEZONE"
"END:VTIMEZONE"
"BEGIN:STANDARD"
"END:STANDARD"
"BEGIN:DAYLIGHT"
"TZID:"
"TZOFFSETFROM:+0200"
"TZOFFSETTO:+0100"
"DTSTART:16010101T030000"
"DTSTART;TZID=Hostile:20261201T190000"
"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"
"RRULE:FREQ=MINUTELY"
"FREQ=MONTHLY;BYMONTHDAY="
"RDATE:"
"EXDATE:"
"RECURRENCE-ID:"
"DURATION:PT1H"
"UID:"
"SUMMARY:"
"ATTENDEE;CN=Anna;ROLE=CHAIR:mailto:"
"mailto:"
"%2C"
"%40"
"X-LIC-LOCATION:"
"BEGIN:VCARD"
"END:VCARD"
"FN:"
"N:"
"EMAIL;TYPE=INTERNET;PREF=1:"
"TEL:"
"CATEGORIES:"
"ENCODING=QUOTED-PRINTABLE"
"CHARSET=UTF-8"
"Name;E-Mail;Telefon;Gruppen;Bemerkung"
"Vorname;Nachname;E-Mail"
"sep=;"
"\xef\xbb\xbf"
"\xff\xfe"
D

status=0
(
  cd "$work"
  TMPDIR="$work" \
  G_SLICE=always-malloc \
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0" \
  ./fuzz-import -seed="$seed" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -dict=import.dict -artifact_prefix=artifacts/ \
    -print_final_stats=1 corpus seeds
) > "$work/fuzz.log" 2>&1 || status=$?

grep -E '(DONE|stat::number_of_executed_units|stat::peak_rss_mb|INFO: Seed|==[0-9]+==ERROR|SUMMARY)' "$work/fuzz.log" || true

if [ "$status" -ne 0 ] || [ -n "$(ls -A "$work/artifacts")" ]; then
  keep=1
  tail -n 60 "$work/fuzz.log"
  echo "run-fuzz-import: FAILED (exit $status); input and log kept in $work" >&2
  exit 1
fi

echo "run-fuzz-import: no crash, leak or hang in $seconds s"
