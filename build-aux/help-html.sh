#!/bin/sh
# The user help as HTML pages for the web browser, for desktops without a
# help viewer: help-html.sh LANG PO-FILE-OR-EMPTY OUTDIR PAGE...
# (the Mallard pages of help/C; legal.xml is taken from beside them).
# For a language other than C the pages are translated with itstool from
# the language's .po file first, as gnome.yelp () does for the viewer.
set -eu

lang="$1"; po="$2"; out="$3"; shift 3
src="$(dirname "$1")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cp "$src/legal.xml" "$tmp/"
if [ "$lang" = C ]; then
  cp "$@" "$tmp/"
else
  msgfmt -o "$tmp/$lang.mo" "$po"
  itstool -m "$tmp/$lang.mo" -o "$tmp/" "$@" "$src/legal.xml"
fi

# The pictures the pages show, in the language's own version where it has one.
if [ -d "$src/../$lang/figures" ]; then
  cp -r "$src/../$lang/figures" "$tmp/"
elif [ -d "$src/figures" ]; then
  cp -r "$src/figures" "$tmp/"
fi

rm -rf "$out"
mkdir -p "$out"
yelp-build html -o "$out/" "$tmp"/*.page
