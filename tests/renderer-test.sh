#!/usr/bin/env bash
# The app starts without setting up OpenGL (bv_application_prefer_cairo):
# no GL library is loaded into a running window, unless GSK_RENDERER asks
# for a GL renderer. Through the real executable on the test's X display.
set -uo pipefail

app="${BV_APP:?}"
work="$(mktemp -d)"
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
unset GDK_DEBUG GSK_RENDERER
passed=0
failed=0
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# Starts the app with the given environment, waits for its window and
# prints how many OpenGL libraries (glvnd's libEGL, libGL, libGLX) it maps.
gl_libraries() {
  env "$@" "$app" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 200); do
    xdotool search --onlyvisible --pid "$pid" >/dev/null 2>&1 && break
    sleep 0.05
  done
  if ! xdotool search --onlyvisible --pid "$pid" >/dev/null 2>&1; then
    echo "no window"
  else
    grep -cE '/lib(EGL|GL|GLX)\.so' "/proc/$pid/maps"
  fi
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; pid=""
}

check() {  # check NAME WANT GOT
  if [ "$2" = "$3" ]; then
    echo "ok - $1"; passed=$((passed + 1))
  else
    echo "not ok - $1 (want $2, got $3)"; failed=$((failed + 1))
  fi
}

check "by default no OpenGL library is loaded" 0 "$(gl_libraries)"
check "GSK_RENDERER=cairo loads none either" 0 "$(gl_libraries GSK_RENDERER=cairo)"
got="$(gl_libraries GSK_RENDERER=ngl)"
if [ "$got" != "no window" ] && [ "$got" -gt 0 ]; then
  echo "ok - asking for the GL renderer still sets up OpenGL ($got libraries)"; passed=$((passed + 1))
else
  echo "not ok - asking for the GL renderer still sets up OpenGL (got $got)"; failed=$((failed + 1))
fi
got="$(gl_libraries GDK_DEBUG=misc)"
if [ "$got" != "no window" ] && [ "$got" -gt 0 ]; then
  echo "ok - a GDK_DEBUG of the user's own is left alone"; passed=$((passed + 1))
else
  echo "not ok - a GDK_DEBUG of the user's own is left alone (got $got)"; failed=$((failed + 1))
fi

echo "1..$((passed + failed))"
[ "$failed" -eq 0 ]
