#!/bin/bash
# Checks po/POTFILES.in:
#  - every entry exists and the list is sorted;
#  - every file under src/ and data/, and every top-level *.desktop.in,
#    that holds translatable strings is listed (C: _( N_( C_( NC_( ...;
#    GtkBuilder: translatable="yes"; GSettings schemas: <summary> or
#    <description>; desktop files and metainfo: always).
# Files listed in po/POTFILES.skip (if it exists) are ignored.
#
# Usage: check-potfiles.sh [SOURCE_ROOT]
set -euo pipefail

srcdir=${1:-$(dirname "$0")/..}
cd "$srcdir"
export LC_ALL=C

if [[ ! -f po/POTFILES.in ]]; then
  echo "FAIL: po/POTFILES.in does not exist"
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

grep -v -e '^#' -e '^[[:space:]]*$' po/POTFILES.in > "$tmp/listed"
: > "$tmp/skip"
if [[ -f po/POTFILES.skip ]]; then
  grep -v -e '^#' -e '^[[:space:]]*$' po/POTFILES.skip > "$tmp/skip" || true
fi

while IFS= read -r file; do
  if [[ ! -f $file ]]; then
    echo "FAIL: po/POTFILES.in lists $file, which does not exist"
    status=1
  fi
done < "$tmp/listed"

if ! sort -c "$tmp/listed" 2> /dev/null; then
  echo "FAIL: po/POTFILES.in is not sorted (first out of order: $(sort -c "$tmp/listed" 2>&1 | sed 's/.*disorder: //'))"
  status=1
fi

if [[ -n $(sort "$tmp/listed" | uniq -d) ]]; then
  echo "FAIL: po/POTFILES.in lists $(sort "$tmp/listed" | uniq -d | head -n 1) twice"
  status=1
fi

has_strings () {
  local file=$1
  case $file in
    *.c|*.h)
      grep -qE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|g_dpgettext2|ngettext)[[:space:]]*\(' "$file" ;;
    *.ui)
      grep -q 'translatable="yes"' "$file" ;;
    *.gschema.xml|*.gschema.xml.in)
      grep -qE '<(summary|description)>' "$file" ;;
    *.desktop.in|*.desktop.in.in|*.metainfo.xml.in|*.metainfo.xml.in.in|*.appdata.xml.in)
      return 0 ;;
    *)
      return 1 ;;
  esac
}

{
  find src data -type f \( -name '*.c' -o -name '*.h' -o -name '*.ui' \
       -o -name '*.gschema.xml' -o -name '*.gschema.xml.in' \
       -o -name '*.desktop.in' -o -name '*.desktop.in.in' \
       -o -name '*.metainfo.xml.in' -o -name '*.metainfo.xml.in.in' -o -name '*.appdata.xml.in' \) 2> /dev/null
  find . -maxdepth 1 -type f \( -name '*.desktop.in' -o -name '*.desktop.in.in' \) | sed 's|^\./||'
} | sort > "$tmp/candidates"

while IFS= read -r file; do
  if has_strings "$file" && ! grep -qxF "$file" "$tmp/listed" && ! grep -qxF "$file" "$tmp/skip"; then
    echo "FAIL: $file has translatable strings but is missing from po/POTFILES.in"
    status=1
  fi
done < "$tmp/candidates"

if [[ $status -eq 0 ]]; then
  echo "ok: po/POTFILES.in lists all $(wc -l < "$tmp/listed") files with translatable strings"
fi
exit $status
