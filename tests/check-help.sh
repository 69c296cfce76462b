#!/bin/bash
# Checks the user help:
#  - yelp-check validate and links on help/C;
#  - help/de/de.po is accepted by msgfmt -c, has no untranslated or fuzzy
#    messages and covers every string of the current English pages;
#  - the German pages built from it with itstool validate too.
# The pages are those listed in help/meson.build (help_sources).
#
# Usage: check-help.sh [SOURCE_ROOT]
set -euo pipefail

srcdir=${1:-$(dirname "$0")/..}
cd "$srcdir/help"
export LC_ALL=C.UTF-8

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

fail () {
  echo "FAIL: $*"
  status=1
}

# The help sources as gnome.yelp() sees them, so the check matches the build.
mapfile -t sources < <(sed -n "/^help_sources *= *\[/,/\]/p" meson.build \
                       | grep -o "'[^']*'" | tr -d "'")
if [[ ${#sources[@]} -eq 0 ]]; then
  echo "FAIL: no help_sources list found in help/meson.build"
  exit 1
fi
pages=()
for s in "${sources[@]}"; do
  if [[ ! -f C/$s ]]; then
    fail "help/meson.build lists C/$s, which does not exist"
  elif [[ $s == *.page ]]; then
    pages+=("C/$s")
  fi
done
for p in C/*.page; do
  if [[ ! " ${sources[*]} " == *" ${p#C/} "* ]]; then
    fail "$p is not listed in help/meson.build and would not be installed"
  fi
done
[[ $status -eq 0 ]] || exit 1

if ! yelp-check validate "${pages[@]}" > "$tmp/validate" 2>&1; then
  fail "the English help does not validate: $(head -n 1 "$tmp/validate")"
fi
if ! yelp-check links C > "$tmp/links" 2>&1 || [[ -s $tmp/links ]]; then
  fail "the English help has broken links: $(head -n 1 "$tmp/links")"
fi

langs=$(grep -v -e '^#' -e '^[[:space:]]*$' LINGUAS 2> /dev/null || true)
for lang in $langs; do
  po=$lang/$lang.po
  if [[ ! -f $po ]]; then
    fail "help/$po does not exist"
    continue
  fi
  if ! msgfmt -c --check-format -o "$tmp/$lang.mo" "$po" 2> "$tmp/msgfmt.err"; then
    fail "msgfmt -c rejects help/$po: $(head -n 1 "$tmp/msgfmt.err")"
    continue
  fi
  stats=$(msgfmt --statistics -o /dev/null "$po" 2>&1 | tail -n 1 | sed "s/\.$//")
  if [[ $stats == *untranslated* || $stats == *fuzzy* ]]; then
    fail "help/$po is incomplete: $stats"
  fi

  # Against the current English pages.
  if ! (cd C && itstool -o "$tmp/help.pot" "${sources[@]}") 2> "$tmp/itstool.err"; then
    fail "itstool cannot extract the strings of help/C: $(head -n 1 "$tmp/itstool.err")"
    continue
  fi
  if ! msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang-merged.po" "$po" "$tmp/help.pot" 2> "$tmp/msgmerge.err"; then
    fail "msgmerge of help/$po failed: $(head -n 1 "$tmp/msgmerge.err")"
    continue
  fi
  stats=$(msgfmt --statistics -o /dev/null "$tmp/$lang-merged.po" 2>&1 | tail -n 1 | sed "s/\.$//")
  if [[ $stats == *untranslated* || $stats == *fuzzy* ]]; then
    missing=$(msgattrib --untranslated --no-obsolete --no-wrap "$tmp/$lang-merged.po" 2>/dev/null \
              | grep -m 2 '^msgid "..*"' | cut -c 1-70 | paste -sd ' ' || true)
    fail "help/$po lacks translations of the current pages ($stats); e.g. $missing"
    continue
  fi

  # Build the translated pages as the install does and validate them.
  mkdir -p "$tmp/$lang"
  if ! (cd C && itstool -m "$tmp/$lang.mo" -l "$lang" -o "$tmp/$lang/" "${sources[@]}") 2> "$tmp/itstool.err"; then
    fail "itstool cannot build the $lang pages: $(head -n 1 "$tmp/itstool.err")"
    continue
  fi
  if ! (cd "$tmp/$lang" && yelp-check validate "${pages[@]#C/}") > "$tmp/validate-$lang" 2>&1; then
    fail "the $lang help does not validate: $(head -n 1 "$tmp/validate-$lang")"
  fi
  [[ $status -eq 0 ]] && echo "ok: help/$po: $stats; translated pages validate"
done

[[ $status -eq 0 ]] && echo "ok: help/C: ${#pages[@]} pages validate, no broken links"
exit $status
