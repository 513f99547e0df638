#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Killed by SIGTERM or SIGINT while blocked writing to a slow reader, the
record modes stop at a line boundary: every output line is whole, and the
exit status is 128 + the signal's number.

usage: signals.py PRECIS

PRECIS_WRAPPER is not used: a wrapper would take the signal itself.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

# Seconds the program may take to stop once signalled: a write waits at
# most a tenth of a second between looks at the request.
STOP_BOUND = 20


def records(count):
    lines = []
    for i in range(count):
        text = " ".join("Record %d says that item %d of the list rose by %d points today." %
                        (i, (i * 7 + k) % 101, k) for k in range(6))
        lines.append(json.dumps({"id": i, "text": text}))
    return ("\n".join(lines) + "\n").encode()


def run(precis, data_path, threads, signo):
    proc = subprocess.Popen([precis, "--jsonl", "-q", "-j", str(threads), "-n", "2", data_path],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = bytearray()
    fd = proc.stdout.fileno()
    # A slow reader: the pipe fills, and precis blocks writing.
    while len(out) < 200000:
        chunk = os.read(fd, 4093)
        if not chunk:
            break
        out += chunk
        time.sleep(0.002)
    time.sleep(0.3)
    proc.send_signal(signo)
    signalled = time.monotonic()
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        out += chunk
        time.sleep(0.01)
    status = proc.wait(timeout=300)
    took = time.monotonic() - signalled
    err = proc.stderr.read()
    label = "-j %d, %s" % (threads, signal.Signals(signo).name)
    problems = []
    if status != 128 + signo:
        problems.append("%s: status %d, expected %d" % (label, status, 128 + signo))
    if not out.endswith(b"\n"):
        tail = out[out.rfind(b"\n") + 1:]
        problems.append("%s: output ends inside a line (%d whole lines, then %d bytes)" %
                        (label, out.count(b"\n"), len(tail)))
    for number, line in enumerate(out.split(b"\n")[:-1], 1):
        try:
            record = json.loads(line)
        except ValueError:
            problems.append("%s: line %d is not JSON" % (label, number))
            break
        if record.get("id") != number - 1:
            problems.append("%s: line %d has id %r" % (label, number, record.get("id")))
            break
    if took > STOP_BOUND:
        problems.append("%s: took %.1f s to stop" % (label, took))
    if err:
        problems.append("%s: stderr: %r" % (label, err[:200]))
    print("%s: %d lines, status %d, stopped in %.2f s" % (label, out.count(b"\n"), status, took))
    return problems


def main():
    precis = sys.argv[1]
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as data:
        data.write(records(20000))
        data.flush()
        problems = []
        for threads in (1, 2):
            for signo in (signal.SIGTERM, signal.SIGINT):
                problems += run(precis, data.name, threads, signo)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
