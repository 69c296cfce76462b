#!/bin/bash
# Checks the help's screenshots (build-aux/dev screenshots):
#  - every figure a page of help/C names (<media src="figures/…">) exists in
#    help/C/figures and, for each language in help/LINGUAS, in
#    help/LANG/figures;
#  - every PNG in those folders is named by a page (no stale screenshot);
#  - help/meson.build installs exactly these figures (help_media);
#  - the German figures are no copies of the English ones.
#
# Usage: check-figures.sh [SOURCE_ROOT]
set -euo pipefail

srcdir=${1:-$(dirname "$0")/..}
cd "$srcdir/help"
export LC_ALL=C.UTF-8
status=0
fail () {
  echo "FAIL: $*"
  status=1
}

mapfile -t named < <(grep -oh '<media[^>]*src="[^"]*"' C/*.page | sed 's/.*src="\([^"]*\)"/\1/' | sort -u)
mapfile -t installed < <(sed -n "/^help_media *= *\[/,/\]/p" meson.build | grep -o "'[^']*'" | tr -d "'" | sort -u)
langs=$(grep -v -e '^#' -e '^[[:space:]]*$' LINGUAS 2> /dev/null || true)

if [[ ${#named[@]} -eq 0 ]]; then
  fail "no page of help/C shows a figure"
fi
for f in "${named[@]}"; do
  [[ -f C/$f ]] || fail "a page names $f, which help/C/$f does not provide"
  for lang in $langs; do
    [[ -f $lang/$f ]] || fail "a page names $f, which help/$lang/$f does not provide"
  done
done
for dir in C $langs; do
  for png in "$dir"/figures/*.png; do
    [[ -e $png ]] || continue
    f=${png#"$dir"/}
    if [[ ! " ${named[*]} " == *" $f "* ]]; then
      fail "help/$png is shown by no page"
    fi
  done
done
if [[ "${named[*]}" != "${installed[*]}" ]]; then
  fail "help/meson.build help_media (${installed[*]}) is not what the pages show (${named[*]})"
fi
for lang in $langs; do
  for f in "${named[@]}"; do
    if [[ -f C/$f && -f $lang/$f ]] && cmp -s "C/$f" "$lang/$f"; then
      fail "help/$lang/$f is the English screenshot"
    fi
  done
done

[[ $status -eq 0 ]] && echo "ok: ${#named[@]} figures, in C and $langs, all shown and installed"
exit $status
