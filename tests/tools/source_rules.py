#!/usr/bin/env python3
"""Rules of dauys's sources that no compiler checks:

- the output layer (src/output) includes nothing of the build (src/book) or of the
  command line (src/app): the layer above brings them together;
- no function of the command line (src/app/*.cpp) is longer than 80 lines.

Usage: source_rules.py SRC_DIR. Prints each breach and exits 1; exits 0 when none.
"""
import pathlib
import re
import sys

MAX_LINES = 80


def upward_includes(src):
    for path in sorted((src / "output").rglob("*")):
        if path.suffix not in (".h", ".cpp"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = re.match(r'\s*#\s*include\s+"((?:book|app)/[^"]+)"', line)
            if match:
                yield f"{path.relative_to(src.parent)}:{number}: includes {match.group(1)} from the output layer"


def long_functions(src):
    """A function starts at a line in column 0 holding '(' (its signature) and ends at
    the next line that is exactly '}' (bodies are indented, so only top-level code is
    in column 0)."""
    for path in sorted((src / "app").glob("*.cpp")):
        start = None
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line and not line[0].isspace() and not line.startswith(("/", "#", "}")) and "(" in line:
                start = (number, line.split("(")[0].split()[-1])
            elif line == "}" and start:
                length = number - start[0] + 1
                if length > MAX_LINES:
                    yield f"{path.relative_to(src.parent)}:{start[0]}: {start[1]} is {length} lines (at most {MAX_LINES})"
                start = None


def main():
    src = pathlib.Path(sys.argv[1])
    breaches = list(upward_includes(src)) + list(long_functions(src))
    for breach in breaches:
        print(breach)
    return 1 if breaches else 0


if __name__ == "__main__":
    sys.exit(main())
