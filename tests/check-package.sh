#!/usr/bin/env bash
# Tests the installed program: the Debian package that build-aux/dev
# package built (build-aux/dev test builds it before the suite), unpacked
# into a temporary root with dpkg-deb -x, since the suite must not change
# the system. Checks that everything is in its place, --version, the
# desktop file, the metainfo, the schema, the manual pages, the German
# translation, and runs the accessibility test against the unpacked
# usr/bin/bbb-vereine. Runs inside build-aux/dev test (Xvfb, session bus,
# keyring).
#
# Usage: check-package.sh SOURCE_ROOT VERSION A11Y_TEST
set -uo pipefail

top=$1 version=$2 a11y=$3
deb="$top/_build-deb/bbb-vereine_${version}_amd64.deb"
passed=0
failed=0
ok() { echo "ok - $*"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $*"; failed=$((failed + 1)); }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -f "$deb" ]; then
  echo "not ok - $deb does not exist: run build-aux/dev package (build-aux/dev test does)"
  exit 1
fi
# A package older than the sources would test yesterday's program.
newer=$(find "$top/src" "$top/data" "$top/po" "$top/help" "$top/man" "$top/debian" "$top/meson.build" \
          -type f -newer "$deb" -print -quit)
if [ -n "$newer" ]; then
  echo "not ok - $deb is older than $newer: run build-aux/dev package again"
  exit 1
fi

root="$work/root"
dpkg-deb -x "$deb" "$root" || { echo "not ok - dpkg-deb -x $deb"; exit 1; }
usr="$root/usr"
app="$usr/bin/bbb-vereine"

# Everything in its place (and nothing generated on install in the package).
for f in bin/bbb-vereine \
         share/applications/org.herzlich.BbbVereine.desktop \
         share/metainfo/org.herzlich.BbbVereine.metainfo.xml \
         share/glib-2.0/schemas/org.herzlich.BbbVereine.gschema.xml \
         share/icons/hicolor/scalable/apps/org.herzlich.BbbVereine.svg \
         share/icons/hicolor/symbolic/apps/org.herzlich.BbbVereine-symbolic.svg \
         share/help/C/bbb-vereine/index.page \
         share/help/de/bbb-vereine/index.page \
         share/locale/de/LC_MESSAGES/bbb-vereine.mo \
         share/gnome-shell/search-providers/org.herzlich.BbbVereine.search-provider.ini \
         share/dbus-1/services/org.herzlich.BbbVereine.service \
         share/bash-completion/completions/bbb-vereine \
         share/man/man1/bbb-vereine.1.gz \
         share/man/de/man1/bbb-vereine.1.gz \
         share/doc/bbb-vereine/copyright \
         share/doc/bbb-vereine/changelog.gz; do
  if [ -f "$usr/$f" ]; then ok "installs /usr/$f"; else not_ok "/usr/$f is missing"; fi
done
help_pages=$(find "$top/help/C" -name '*.page' | wc -l)
for lang in C de; do
  installed=$(find "$usr/share/help/$lang/bbb-vereine" -name '*.page' | wc -l)
  if [ "$installed" -eq "$help_pages" ]; then
    ok "all $help_pages help pages in $lang"
  else
    not_ok "$installed of $help_pages help pages in $lang"
  fi
done
# Caches belong to the system's triggers, not to the package.
unwanted=$(find "$root" -name gschemas.compiled -o -name icon-theme.cache -o -name mimeinfo.cache)
if [ -z "$unwanted" ]; then ok "no caches in the package"; else not_ok "caches in the package: $unwanted"; fi

# The D-Bus service starts the installed binary.
if grep -qx 'Exec=/usr/bin/bbb-vereine --gapplication-service' \
     "$usr/share/dbus-1/services/org.herzlich.BbbVereine.service"; then
  ok "the D-Bus service file runs /usr/bin/bbb-vereine"
else
  not_ok "the D-Bus service file: $(grep Exec "$usr/share/dbus-1/services/org.herzlich.BbbVereine.service")"
fi

out=$("$app" --version 2>&1)
if [ "$out" = "bbb-vereine $version" ]; then ok "--version prints '$out'"; else not_ok "--version prints '$out'"; fi

if out=$(desktop-file-validate "$usr/share/applications/org.herzlich.BbbVereine.desktop" 2>&1) && [ -z "$out" ]; then
  ok "desktop-file-validate accepts the installed desktop file"
else
  not_ok "desktop-file-validate: $out"
fi
if out=$(appstreamcli validate --no-net --explain "$usr/share/metainfo/org.herzlich.BbbVereine.metainfo.xml" 2>&1); then
  ok "appstreamcli validates the installed metainfo"
else
  not_ok "appstreamcli validate: $out"
fi
mkdir "$work/schemas"
if out=$(glib-compile-schemas --strict --targetdir="$work/schemas" "$usr/share/glib-2.0/schemas" 2>&1) &&
   [ -f "$work/schemas/gschemas.compiled" ]; then
  ok "the installed schema compiles"
else
  not_ok "glib-compile-schemas: $out"
fi
for page in man1 de/man1; do
  warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$usr/share/man/$page/bbb-vereine.1.gz" 2>&1 >/dev/null)
  if [ -z "$warnings" ]; then ok "man -l $page/bbb-vereine.1.gz"; else not_ok "man $page: $warnings"; fi
done

# The app as installed: its schema, icons, help and translations from the
# unpacked root, German through the installed catalogue.
export GSETTINGS_SCHEMA_DIR="$work/schemas"
export XDG_DATA_DIRS="$usr/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
export BBB_VEREINE_LOCALEDIR="$usr/share/locale"
out=$(LANGUAGE=de LC_ALL=C.UTF-8 "$app" --help 2>&1)
if [[ $out == *Beispiele:* && $out == *"Die Verbindung zum Standardserver testen"* ]]; then
  ok "--help is German with the installed translation"
else
  not_ok "--help in German: $out"
fi

if BV_APP="$app" /usr/bin/python3 "$a11y" > "$work/a11y.log" 2>&1; then
  ok "the accessibility test passes against the installed program ($(grep -c '^ok:' "$work/a11y.log") checks)"
else
  sed 's/^/# /' "$work/a11y.log"
  not_ok "the accessibility test fails against the installed program"
fi

echo "# $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
