#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A reader that stops early must end precis quietly: no message, status 0.

usage: closed_pipe.py PRECIS

PRECIS_WRAPPER, when set, is a command line that runs precis (see
run_case.py).
"""
import os
import shlex
import subprocess
import sys


def main():
    precis = sys.argv[1]
    # Far more output than a pipe buffer holds, so that precis is still
    # writing when the reader goes away.
    text = "".join("Sentence number %d talks about item %d of the list.\n" % (i, i % 97)
                   for i in range(20000)).encode()
    wrapper = shlex.split(os.environ.get("PRECIS_WRAPPER", ""))
    proc = subprocess.Popen(wrapper + [precis, "split", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdin.write(text)
    proc.stdin.close()
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    status = proc.wait(timeout=300)
    if not first.startswith(b"Sentence number 0"):
        sys.exit("unexpected first line: %r" % first)
    if status != 0 or err:
        sys.exit("status %d, stderr %r: a closed pipe must end precis quietly" % (status, err))


if __name__ == "__main__":
    main()
