#!/usr/bin/env bash
# By hand only, never in the suite (it changes the system): installs the
# package built by build-aux/dev package with apt, checks the installed
# program and what the triggers did, purges it and lists anything it left
# behind. Needs root (or sudo) on a machine you may change.
#
# Usage: tests/package-install-check.sh [--with-recommends]
set -uo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(dpkg-parsechangelog -l "$top/debian/changelog" -S Version)"
deb="$top/_build-deb/bbb-vereine_${version}_amd64.deb"
recommends=--no-install-recommends
[ "${1:-}" = --with-recommends ] && recommends=
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; status=1; }

[ -f "$deb" ] || { echo "$deb is missing: run build-aux/dev package"; exit 1; }
if dpkg-query -W bbb-vereine >/dev/null 2>&1; then
  echo "bbb-vereine is installed already; purge it first"; exit 1
fi

as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y $recommends "$deb" > "$work/install.log" 2>&1 ||
  { cat "$work/install.log"; exit 1; }
grep -E '^(Setting up|Processing triggers)' "$work/install.log"
dpkg -L bbb-vereine > "$work/files"
echo "# $(wc -l < "$work/files") paths installed"

[ "$(/usr/bin/bbb-vereine --version)" = "bbb-vereine $version" ] && ok "/usr/bin/bbb-vereine --version" || not_ok "--version"
gsettings list-keys org.herzlich.BbbVereine >/dev/null 2>&1 && ok "the schema is compiled into the system's" || not_ok "schema"
strings /usr/share/icons/hicolor/icon-theme.cache 2>/dev/null | grep -q BbbVereine && ok "the icon cache knows the icon" || not_ok "icon cache"
[ "$(man -w bbb-vereine)" = /usr/share/man/man1/bbb-vereine.1.gz ] && ok "man bbb-vereine" || not_ok "man -w"
[ "$(LANG=de_DE.UTF-8 man -w bbb-vereine)" = /usr/share/man/de/man1/bbb-vereine.1.gz ] && ok "man bbb-vereine, German" || not_ok "man -w (de)"
whatis bbb-vereine >/dev/null 2>&1 && ok "whatis finds it" || not_ok "whatis"
# Where bash-completion loads completions from on demand.
completion="$(pkg-config --variable=completionsdir bash-completion)/bbb-vereine"
bash -c "source '$completion' && complete -p bbb-vereine" 2>/dev/null | grep -q _bbb_vereine &&
  ok "the completion is in $completion" || not_ok "no completion in $completion"

as_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y bbb-vereine > "$work/purge.log" 2>&1 ||
  { cat "$work/purge.log"; exit 1; }
grep -E '^(Removing|Purging|Processing triggers)' "$work/purge.log"
left=0
while read -r path; do
  if [ -e "$path" ] && [ ! -d "$path" ]; then echo "left behind: $path"; left=$((left + 1)); fi
  if [ -d "$path" ] && [ "$path" != /. ] && ! dpkg -S "$path" >/dev/null 2>&1; then
    echo "left behind, empty directory nobody owns: $path"; left=$((left + 1))
  fi
done < "$work/files"
gsettings list-keys org.herzlich.BbbVereine >/dev/null 2>&1 && not_ok "the schema is still compiled in" || ok "the schema is gone"
strings /usr/share/icons/hicolor/icon-theme.cache 2>/dev/null | grep -q BbbVereine && not_ok "the icon is still cached" || ok "the icon cache forgot it"
dpkg-query -W bbb-vereine >/dev/null 2>&1 && not_ok "dpkg still knows the package" || ok "dpkg forgot the package"
# man-db keeps formatted pages of what was read in /var/cache/man (its own cache, cleaned by its cron job).
# Home directories, /tmp and the checkouts under "$WORKSPACES" (default: the
# parent of this checkout) are not the package's business.
workspaces=${WORKSPACES:-$(dirname "$top")}
found=$(find / -xdev \( -path /proc -o -path "$workspaces" -o -path /tmp -o -path /home -o -path /root \) -prune -o \
          \( -iname '*bbb-vereine*' -o -iname '*BbbVereine*' \) -print 2>/dev/null)
[ -n "$found" ] && echo "still on the system (outside home directories): $found"
[ "$left" -eq 0 ] && ok "purge left none of the package's files" || not_ok "purge left $left paths"
exit $status
