#!/usr/bin/python3
"""Tests mirror the layout: tests/test-<unit>.c tests src/<layer>/bv-<unit>.c
with test paths /<layer>/<unit>/… (HACKING.md, "Tests"). Reads the test
sources' g_test_add calls, so it needs no build. A binary of its own for a
group of tests uses /<layer>/<unit>/<group>/…: test-<unit>-<group>.c for
one unit's (test-practice-server-limits.c), test-<group>.c for a group
across units (test-hostile-input.c)."""

import pathlib
import re
import sys

top = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
units = {}
for source in (top / "src").glob("*/bv-*.[ch]"):
    units.setdefault(source.stem[3:], set()).add(source.parent.name)

# A path given as "/layer/unit/" in a macro (practice-fixture.h's
# PRACTICE_ADD) or a printf format counts with its literal prefix.
pattern = re.compile(r'g_test_add(?:_func|_data_func)?\s*\(\s*"(/[^"]*)"')
problems = []
checked = 0
for test in sorted((top / "tests").glob("test-*.c")):
    name = test.stem[5:]
    text = test.read_text(encoding="utf-8")
    paths = pattern.findall(text)
    if "PRACTICE_ADD" in text:
        paths += ["/practice/practice-%s/" % unit for unit in re.findall(r'PRACTICE_ADD \("([a-z-]+)"', text)]
    if not paths:
        problems.append(f"{test.name}: no test paths found")
        continue
    for path in paths:
        checked += 1
        parts = path.split("/")
        layer, unit = parts[1], parts[2] if len(parts) > 2 else ""
        group = name[len(unit) + 1:] if name.startswith(unit + "-") else name
        if unit not in units:
            problems.append(f"{test.name}: {path}: no unit src/*/bv-{unit}.c")
        elif layer not in units[unit]:
            problems.append(f"{test.name}: {path}: bv-{unit} is not in src/{layer}")
        elif name != unit and not (group and len(parts) > 3 and parts[3] in (group, "%s")):
            problems.append(f"{test.name}: {path}: expected /{layer}/{name}/… or test-{unit}.c")

for problem in problems:
    print(problem)
print(f"{checked} test paths checked, {len(problems)} problems")
sys.exit(1 if problems or not checked else 0)
