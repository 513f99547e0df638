#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The progress line of the record modes, on a pseudo-terminal.

- stderr a terminal, stdout a pipe: the line is drawn, with a bar, the
  share done and the time left for a regular file, and the count and rate
  for a pipe; "1 record" and "2 records", "1 error" and "0 errors";
- stdout the same terminal as stderr: nothing is drawn, so that no output
  line is ever mixed with it.

usage: progress_line.py PRECIS
"""
import json
import os
import pty
import re
import subprocess
import sys
import tempfile


def run(precis, args, stdin_data, stdout_on_terminal):
    """Runs precis with stderr (and maybe stdout) on a pseudo-terminal;
    returns what the terminal showed and what the pipe got."""
    master, slave = pty.openpty()
    out = slave if stdout_on_terminal else subprocess.PIPE
    proc = subprocess.Popen([precis] + args, stdin=subprocess.PIPE, stdout=out, stderr=slave)
    os.close(slave)
    if stdin_data is not None:
        proc.stdin.write(stdin_data)
    proc.stdin.close()
    piped = proc.stdout.read() if not stdout_on_terminal else b""
    screen = bytearray()
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    proc.wait(timeout=300)
    os.close(master)
    return screen.decode("utf-8", "replace"), piped


def main():
    precis = sys.argv[1]
    problems = []
    one = json.dumps({"id": 1, "text": "The river rose in the night. Families left their homes."})
    bad = "{not json"
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as f:
        f.write((one + "\n").encode())
        f.flush()
        screen, _ = run(precis, ["--jsonl", f.name], None, False)
        if "[" + "#" * 24 + "] 100%" not in screen or "1 record," not in screen:
            problems.append("a regular file of one record: no full bar or no '1 record': %r"
                            % screen)
        if "0 errors" not in screen:
            problems.append("no '0 errors': %r" % screen)
    screen, _ = run(precis, ["--jsonl"], (one + "\n" + bad + "\n").encode(), False)
    if "%" in screen:
        problems.append("a pipe has no known size, but a share was drawn: %r" % screen)
    if not re.search(r"precis: 2 records, \d+/s, 1 error\b", screen):
        problems.append("a pipe of two records, one bad: %r" % screen)
    screen, _ = run(precis, ["--jsonl"], ((one + "\n") * 3).encode(), True)
    # The terminal turns line feeds into CR LF: the line's own marks are
    # its erase sequence and its words.
    if "\033[K" in screen or "records," in screen:
        problems.append("stdout on the terminal: the progress line was drawn: %r" % screen)
    if screen.count('"id": 1') != 3:
        problems.append("stdout on the terminal: the output is not three lines: %r" % screen)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
