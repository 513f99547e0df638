#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every source file of the tree says its licence in its first lines.

usage: licence_check.py SOURCE_ROOT

Source files are the C and C++ sources and headers, meson files, Python
files and executable scripts under the folders that hold code. Each must
carry "SPDX-License-Identifier: GPL-3.0-or-later" in its first three lines
(after the #! line of a script). Data (stopword lists, test cases, the fuzz
corpus) keeps the notices of its sources instead.
"""
import os
import sys

CODE_DIRS = ("include", "src", "tests", "bench", "fuzz", "tools", "scripts", ".ci", "man",
             "python")
DATA_DIRS = (os.path.join("tests", "segment"), os.path.join("tests", "cli", "cases"),
             os.path.join("tests", "cli", "data"), os.path.join("tests", "data"),
             os.path.join("fuzz", "corpus"))
SOURCE_EXTENSIONS = (".c", ".h", ".cpp", ".in", ".py", ".pyi", ".build", ".txt")
TAG = b"SPDX-License-Identifier: GPL-3.0-or-later"


def is_source(path):
    name = os.path.basename(path)
    if name in ("meson.build", "meson_options.txt"):
        return True
    if name.endswith(SOURCE_EXTENSIONS) and not name.endswith(".txt"):
        return True
    with open(path, "rb") as f:
        return f.read(2) == b"#!"


def main():
    root = sys.argv[1]
    missing = []
    candidates = [os.path.join(root, "meson.build"), os.path.join(root, "meson_options.txt")]
    for top in CODE_DIRS:
        for folder, dirs, files in os.walk(os.path.join(root, top)):
            rel = os.path.relpath(folder, root)
            if any(rel == d or rel.startswith(d + os.sep) for d in DATA_DIRS):
                dirs[:] = []
                continue
            dirs[:] = [d for d in dirs if not d.startswith((".", "__"))]
            candidates += [os.path.join(folder, f) for f in files]
    for path in candidates:
        if not os.path.isfile(path) or not is_source(path):
            continue
        with open(path, "rb") as f:
            head = b"".join(f.readline() for _ in range(3))
        if TAG not in head:
            missing.append(os.path.relpath(path, root))
    for path in sorted(missing):
        print("no licence line: %s" % path)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
