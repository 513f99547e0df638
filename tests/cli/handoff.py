#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A fully static precis hands what it cannot do to precis-dynamic.

usage: handoff.py PRECIS PRECIS_DYNAMIC TEXT EMAIL

PRECIS (built with -Dstatic_program=enabled) has no program interpreter
(no dynamic loader), PRECIS_DYNAMIC has one. Beside precis-dynamic, the
static program gives what precis-dynamic gives for a plain text, an
e-mail from a file and from standard input, and records. A copy of it
alone in a directory still summarizes the plain text (no hand-off), and
for the e-mail and the records it fails with status 3, naming
precis-dynamic.
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile

PT_INTERP = 3


def has_interpreter(path):
    with open(path, "rb") as f:
        elf = f.read(64)
        assert elf[:4] == b"\x7fELF" and elf[4] == 2, path  # 64-bit ELF
        phoff, = struct.unpack_from("<Q", elf, 32)
        phentsize, phnum = struct.unpack_from("<HH", elf, 54)
        for i in range(phnum):
            f.seek(phoff + i * phentsize)
            kind, = struct.unpack("<I", f.read(4))
            if kind == PT_INTERP:
                return True
    return False


def run(program, args, stdin=None):
    return subprocess.run([program] + args, input=stdin, capture_output=True, timeout=60)


def main():
    precis, dynamic, text, message = sys.argv[1:5]
    failures = []

    def check(ok, what):
        if not ok:
            failures.append(what)

    check(not has_interpreter(precis), "precis has a program interpreter: not fully static")
    check(has_interpreter(dynamic), "precis-dynamic has no program interpreter")
    with open(message, "rb") as f:
        message_bytes = f.read()
    record = b'{"id": "r", "text": "The pump station opened. It cost less than planned."}\n'
    cases = [
        ("plain text", ["-n", "2", text], None),
        ("e-mail file", ["-n", "1", message], None),
        ("e-mail on stdin", ["-n", "1", "-f", "json"], message_bytes),
        ("records", ["--jsonl", "-n", "1"], record),
    ]
    for name, args, stdin in cases:
        got, want = run(precis, args, stdin), run(dynamic, args, stdin)
        check(got.returncode == 0 and want.returncode == 0, f"{name}: status {got.returncode}")
        check(got.stdout == want.stdout and got.stdout, f"{name}: output differs from precis-dynamic")

    with tempfile.TemporaryDirectory() as alone:
        copy = os.path.join(alone, "precis")
        shutil.copy(precis, copy)
        got, want = run(copy, ["-n", "2", text]), run(dynamic, ["-n", "2", text])
        check(got.returncode == 0 and got.stdout == want.stdout,
              "plain text without precis-dynamic: not summarized alone")
        for name, args, stdin in cases[1:]:
            got = run(copy, args, stdin)
            check(got.returncode == 3 and b"precis-dynamic" in got.stderr and not got.stdout,
                  f"{name} without precis-dynamic: status {got.returncode}, {got.stderr!r}")

    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
