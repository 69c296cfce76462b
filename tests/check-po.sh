#!/bin/bash
# Checks the German translations of the program and of the help:
#  - msgfmt -c --check-format accepts po/de.po and help/de/de.po;
#  - neither has untranslated or fuzzy messages;
#  - po/de.po covers every string that xgettext finds today in the files
#    listed in po/POTFILES.in (so a new string without German fails).
#
# Usage: check-po.sh [SOURCE_ROOT]
set -euo pipefail

srcdir=${1:-$(dirname "$0")/..}
cd "$srcdir"
export LC_ALL=C.UTF-8

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

fail () {
  echo "FAIL: $*"
  status=1
}

# Prints msgfmt's statistics line for a .po file ("N translated messages, ...").
statistics () {
  msgfmt --statistics -o /dev/null "$1" 2>&1 | tail -n 1 | sed "s/\.$//"
}

check_po () {
  local po=$1 stats

  if [[ ! -f $po ]]; then
    fail "$po does not exist"
    return
  fi
  if ! msgfmt -c --check-format -o /dev/null "$po" 2> "$tmp/msgfmt.err"; then
    fail "msgfmt -c --check-format rejects $po: $(grep -m 1 -v '^msgfmt: found' "$tmp/msgfmt.err" || true)"
    return
  fi
  stats=$(statistics "$po")
  if [[ $stats == *untranslated* || $stats == *fuzzy* ]]; then
    fail "$po is incomplete: $stats"
  else
    echo "ok: $po: $stats"
  fi
}

check_po po/de.po
check_po help/de/de.po

# Compare po/de.po with the strings in the sources right now.
if [[ -f po/de.po && -f po/POTFILES.in ]]; then
  grep -v -e '^#' -e '^[[:space:]]*$' po/POTFILES.in > "$tmp/potfiles"
  if ! xgettext --from-code=UTF-8 --add-comments \
         --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
         --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
         --keyword=ngettext:1,2 \
         --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
         --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
         --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
         --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
         --flag=g_markup_printf_escaped:1:c-format \
         --files-from="$tmp/potfiles" -o "$tmp/fresh.pot" 2> "$tmp/xgettext.err"; then
    fail "xgettext failed on the files in po/POTFILES.in: $(head -n 1 "$tmp/xgettext.err")"
  elif [[ ! -f $tmp/fresh.pot ]]; then
    fail "xgettext found no translatable strings in the files in po/POTFILES.in"
  elif ! msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" po/de.po "$tmp/fresh.pot" 2> "$tmp/msgmerge.err"; then
    fail "msgmerge of po/de.po with the current strings failed: $(head -n 1 "$tmp/msgmerge.err")"
  else
    stats=$(statistics "$tmp/merged.po")
    if [[ $stats == *untranslated* || $stats == *fuzzy* ]]; then
      missing=$(msgattrib --untranslated --no-obsolete --no-wrap "$tmp/merged.po" 2>/dev/null \
                | grep -m 3 '^msgid "..*"' | sed 's/^msgid //' | paste -sd ' ' || true)
      fail "po/de.po lacks German for strings in the sources ($stats); e.g. $missing"
    else
      echo "ok: po/de.po covers all strings of po/POTFILES.in: $stats"
    fi
  fi
fi

exit $status
