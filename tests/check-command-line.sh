#!/usr/bin/env bash
# The command line's documentation cannot drift from the program:
#  - both manual pages render with man(1) without a warning;
#  - the bash completion offers every option and some values;
#  - every option that --help lists is documented in the English and the
#    German manual page and offered by the completion;
#  - an option documented there but missing from --help fails, unless it is
#    in AHEAD below.
#
# Usage: check-command-line.sh APP MAN_EN MAN_DE SCD_EN SCD_DE COMPLETION
set -uo pipefail

app=$1 man_en=$2 man_de=$3 scd_en=$4 scd_de=$5 completion=$6

# Options documented before the program has them: none now. Add one here
# only while a branch documents an option ahead of its code.
AHEAD=()

passed=0
failed=0
ok() { echo "ok - $*"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $*"; failed=$((failed + 1)); }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. The manual pages render without warnings (man-db runs groff with -ww).
for page in "$man_en" "$man_de"; do
  warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >"$work/rendered")
  if [ -n "$warnings" ]; then
    not_ok "$page renders with warnings: $warnings"
  elif ! grep -q -- '--add-server' "$work/rendered"; then
    not_ok "$page renders without its options"
  else
    ok "$page renders without warnings"
  fi
done

# 2. What the completion offers, in a bash with nothing else loaded.
complete_words() {  # complete_words WORD... : prints COMPREPLY, one per line
  bash --norc --noprofile -c '
    source "$1"; shift
    COMP_WORDS=(bbb-vereine "$@"); COMP_CWORD=$#
    _bbb_vereine
    printf "%s\n" "${COMPREPLY[@]}"' complete "$completion" "$@"
}
complete_words -- | sed 's/=$//' | sort -u > "$work/completion-options"
if [ "$(wc -l < "$work/completion-options")" -lt 10 ]; then
  not_ok "the completion offers only $(wc -l < "$work/completion-options") options"
fi
# (The replies go into a variable first: with pipefail, "| grep -q" fails
# whenever grep exits before the writer has finished.)
expect_completion() {  # expect_completion WANTED WORD...
  local wanted=$1 replies; shift
  replies=$(complete_words "$@")
  if grep -qxF -- "$wanted" <<<"$replies"; then
    ok "completing '$*' offers $wanted"
  else
    not_ok "completing '$*' does not offer $wanted (got: $(tr '\n' ' ' <<<"$replies"))"
  fi
}
expect_completion --check-server --check
expect_completion sha256 --checksum = sha2
expect_completion sha512 --checksum sha5
expect_completion next --join = ""
expect_completion starttls --smtp-security = st
mkdir "$work/files" && touch "$work/files/Vorstand.ics" "$work/files/Liste.csv"
expect_completion "$work/files/Vorstand.ics" --import = "$work/files/V"
if grep -q Liste.csv <<<"$(complete_words --import = "$work/files/L")"; then
  not_ok "--import offers a file that is no calendar"
else
  ok "--import offers only calendar files"
fi
expect_completion "$work/files/Liste.csv" --import-members "$work/files/L"

# 3. Every option of --help is in both manual pages and in the completion.
"$app" --help > "$work/help" 2>&1 || not_ok "$app --help fails"
grep -oE '^  +(-[a-zA-Z?], )?--[a-z][a-z-]*' "$work/help" | grep -oE -- '--[a-z-]+' | sort -u > "$work/help-options"
count=$(wc -l < "$work/help-options")
if [ "$count" -lt 10 ]; then
  not_ok "--help lists only $count options; the pattern no longer matches its layout"
fi
# --help says what the program is and shows examples; an option with an
# optional value reads "--check-server", never "--check-server=[=NAME]".
summary=$(sed -n '3,/^Help Options:/p' "$work/help" | grep -v '^Help Options:')
if [[ $summary == *[a-z]* ]] && grep -q '^Examples:' "$work/help" &&
   grep -q '^  bbb-vereine --' "$work/help"; then
  ok "--help has a summary and examples"
else
  not_ok "--help lacks its summary or examples: $(cat "$work/help")"
fi
if grep -E -- '--[a-z-]+=\[' "$work/help"; then
  not_ok "--help shows an option as --name=[…]"
else
  ok "no option in --help reads --name=[…]"
fi

# A documented option is named in a definition's first line: it starts with
# "*-" ("*-h*, *--help*, *--help-all*") and the next line is indented by a tab.
documented() {
  awk '/^\t/ && prev ~ /^\*-/ { print prev } { prev = $0 }' "$1" |
    grep -oE '\*--[a-z-]+\*' | tr -d '*' | sort -u
}
documented "$scd_en" > "$work/en-options"
documented "$scd_de" > "$work/de-options"
while read -r option; do
  for list in en-options de-options completion-options; do
    if ! grep -qxF -- "$option" "$work/$list"; then
      not_ok "$option (in --help) is missing from ${list%-options}"
      continue 2
    fi
  done
  ok "$option is in --help, both manual pages and the completion"
done < "$work/help-options"

# 4. Nothing documented that the program does not have (except AHEAD).
cat "$work/en-options" "$work/de-options" "$work/completion-options" | sort -u > "$work/all-documented"
while read -r option; do
  grep -qxF -- "$option" "$work/help-options" && continue
  if [[ " ${AHEAD[*]} " == *" $option "* ]]; then
    echo "# $option is documented ahead of its branch (AHEAD)"
  else
    not_ok "$option is documented but --help does not list it"
  fi
done < "$work/all-documented"
for list in en-options de-options completion-options; do
  for option in "${AHEAD[@]}"; do
    grep -qxF -- "$option" "$work/$list" || not_ok "$option (AHEAD) is missing from ${list%-options}"
  done
done

echo "# $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
