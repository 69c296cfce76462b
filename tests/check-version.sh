#!/usr/bin/env bash
# One version: meson.build's project version (what --version and Über show)
# must be the top entry of debian/changelog and the newest <release> of the
# metainfo, which needs a date and a German description.
#
# Usage: check-version.sh VERSION SOURCE_ROOT BUILT_METAINFO
set -uo pipefail

version=$1 top=$2 metainfo=$3
status=0

changelog=$(sed -n '1s/^bbb-vereine (\([^)]*\)).*/\1/p' "$top/debian/changelog")
if [ "$changelog" = "$version" ]; then
  echo "ok - debian/changelog starts with $version"
else
  echo "not ok - debian/changelog starts with '$changelog', meson.build says $version"
  status=1
fi

/usr/bin/python3 - "$version" "$metainfo" <<'PY' || status=1
import sys
import xml.etree.ElementTree as ET

version, path = sys.argv[1:]
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
releases = ET.parse(path).getroot().findall("releases/release")
if not releases:
    sys.exit("not ok - the metainfo has no <release>")
newest = releases[0]
# AppStream wants the newest first; the dates must say the same.
dates = [r.get("date") or "" for r in releases]
if "" in dates or dates != sorted(dates, reverse=True):
    sys.exit(f"not ok - every release needs a date, newest first: {dates}")
if newest.get("version") != version:
    sys.exit(f"not ok - the newest release is {newest.get('version')}, meson.build says {version}")
print(f"ok - the newest release in the metainfo is {version} of {newest.get('date')}")
german = [p for p in newest.iter("p") if p.get(XML_LANG) == "de"]
if not german or not german[0].text:
    sys.exit(f"not ok - release {version} has no German description")
print(f"ok - release {version} is described in German: {german[0].text}")
PY
exit $status
