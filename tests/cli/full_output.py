#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Output that cannot be written (/dev/full) is an I/O error, status 3,
with a message, for every kind of output: help, version, the language
list, a summary and records.

usage: full_output.py PRECIS DATA_DIR
"""
import os
import subprocess
import sys


def main():
    precis, data = sys.argv[1], sys.argv[2]
    runs = [["--version"], ["--help"], ["--lang", "list"],
            [os.path.join(data, "three.txt")],
            ["--jsonl", os.path.join(data, "records.jsonl"), "--errors-ok"]]
    problems = []
    with open("/dev/full", "wb") as full:
        for args in runs:
            proc = subprocess.run([precis] + args, stdout=full, stderr=subprocess.PIPE)
            if proc.returncode != 3 or b"No space left on device" not in proc.stderr:
                problems.append("%s: status %d, stderr %r" % (" ".join(args), proc.returncode,
                                                              proc.stderr[-200:]))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
