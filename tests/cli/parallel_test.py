#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The scale-out recipe of the README: GNU parallel splits the JSON Lines
between several precis processes (parallel --pipe -k) and the result must
be byte-identical to one process, error records included.

usage: parallel_test.py PRECIS DATA_DIR
"""
import json
import os
import shutil
import subprocess
import sys


def main():
    precis, data = os.path.abspath(sys.argv[1]), sys.argv[2]
    parallel = shutil.which("parallel")
    if parallel is None:
        sys.exit("GNU parallel is missing: scripts/install-deps installs it")
    texts = []
    for name in sorted(os.listdir(data)):
        with open(os.path.join(data, name), "rb") as f:
            texts.append(f.read().decode("utf-8", "replace"))
    lines = []
    for i in range(2000):
        if i % 97 == 5:
            lines.append(b'{"id": %d, "text": "truncated' % i)
        else:
            lines.append(json.dumps({"id": i, "text": texts[i % len(texts)]}).encode())
    stdin = b"\n".join(lines) + b"\n"
    env = dict(os.environ, LC_ALL="C.UTF-8")
    single = subprocess.run([precis, "--jsonl", "-n", "2", "--errors-ok"], input=stdin,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                            check=True).stdout
    # Small blocks so that the input is cut into many pieces.
    split = subprocess.run([parallel, "--will-cite", "--pipe", "-k", "--block", "64k", precis,
                            "--jsonl", "-n", "2", "--errors-ok"], input=stdin,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                           check=True).stdout
    if single.count(b"\n") != len(lines):
        sys.exit("one process wrote %d lines for %d records" % (single.count(b"\n"), len(lines)))
    if split != single:
        sys.exit("GNU parallel's output differs from one process's")


if __name__ == "__main__":
    main()
