#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Record modes end to end: bad records among good ones, threads, streams.

usage: records_test.py PRECIS DATA_DIR

Each mode (--jsonl, --tsv) gets an input where good records alternate with
bad ones (truncated JSON, a missing text field, invalid UTF-8 inside a JSON
string, a 20 MB record, an empty line, ...). The test checks that the
output has one line per input line, in order, with each record's id; that
every good record comes out exactly as it does when it is summarized on
its own; that each bad one gives the expected error and a 'line N'
message; and that -j 2, -j 0 and --line-buffered write the same bytes as
-j 1.
"""
import json
import os
import re
import subprocess
import sys

PRECIS = None
DATA = None
ENV = dict(os.environ, LC_ALL="C.UTF-8")
FAILURES = []


def run(args, data):
    proc = subprocess.run([PRECIS] + args, input=data, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=ENV, timeout=600)
    return proc.returncode, proc.stdout, proc.stderr


def check(condition, what):
    if not condition:
        FAILURES.append(what)
    return condition


def article(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return f.read()


def big_text(size):
    """A 20 MB document without sentence ends: one sentence to rank."""
    words = ["river", "town", "rain", "council", "budget", "school", "bridge", "market"]
    out = []
    total = 0
    i = 0
    while total < size:
        w = words[i % len(words)] + str(i % 1000)
        out.append(w)
        total += len(w) + 1
        i += 1
    return " ".join(out)


GOOD_TEXTS = ["iraq.txt", "three.txt", "french.txt", "two.txt", "wrapped.txt", "one.txt"]


def jsonl_case(big_size):
    """(lines as bytes, expectation per line: None for good, else error code)."""
    texts = [article(n) for n in GOOD_TEXTS]
    lines = []
    want = []

    def good(rid, text, **extra):
        record = {"id": rid, "text": text}
        record.update(extra)
        lines.append(json.dumps(record, ensure_ascii=False).encode())
        want.append(None)

    good("a", texts[0], source="wire")
    lines.append(b'{"id": "b", "text": "The cut-off rec')
    want.append("invalid_json")
    good(3, texts[1])
    lines.append(b'{"id": "d", "title": "no text here"}')
    want.append("missing_text")
    good("e", texts[2])
    lines.append(b'{"id": "f", "text": "Invalid \xff\xfe bytes. In a string."}')
    want.append("invalid_json")
    good("g", texts[3])
    lines.append(json.dumps({"id": "h", "text": big_text(big_size)}).encode())
    want.append("big")
    good("i", texts[4])
    lines.append(b"")
    want.append("invalid_json")
    lines.append(b"[1, 2, 3]")
    want.append("not_an_object")
    lines.append(b'{"id": "l", "text": ["not", "a", "string"]}')
    want.append("text_not_a_string")
    good(12.5, texts[5])
    good("n", texts[0].replace("\n", " "))
    return lines, want


def tsv_escape(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def tsv_case(big_size):
    texts = [article(n) for n in GOOD_TEXTS]
    lines = []
    want = []

    def good(rid, text):
        lines.append((tsv_escape(rid) + "\t" + tsv_escape(text)).encode())
        want.append(None)

    good("a", texts[0])
    lines.append(b"no tab in this line")
    want.append("invalid_tsv")
    good("c", texts[1])
    lines.append(b"d\tan unknown \\q escape")
    want.append("invalid_tsv")
    good("e", texts[2])
    lines.append(b"f\tInvalid \xff\xfe bytes. Still text.")
    want.append(None)  # TSV text is bytes: invalid UTF-8 is analysed as U+FFFD
    good("g", texts[3])
    lines.append(("h\t" + big_text(big_size)).encode())
    want.append("big")
    good("i", texts[4])
    lines.append(b"")
    want.append("invalid_tsv")
    good("k", texts[5])
    return lines, want


def output_id(mode, line):
    if mode == "--jsonl":
        return json.loads(line)["id"]
    return line.split(b"\t", 1)[0].decode()


def input_id(mode, line):
    if mode == "--jsonl":
        return json.loads(line)["id"]
    return line.split(b"\t", 1)[0].decode()


def check_mode(mode, lines, want, extra, big_ok):
    data = b"\n".join(lines) + b"\n"
    label = "%s %s" % (mode, " ".join(extra))
    status, out, err = run([mode, "-n", "2"] + extra, data)
    got = out.split(b"\n")
    check(got[-1] == b"", "%s: output does not end with a newline" % label)
    got = got[:-1]
    if not check(len(got) == len(lines), "%s: %d output lines for %d input lines"
                 % (label, len(got), len(lines))):
        return None
    failed = 0
    messages = err.decode("utf-8", "replace")
    for n, (line, expect, result) in enumerate(zip(lines, want, got), 1):
        if expect == "big":
            expect = None if big_ok else "too_large"
        if expect is None:
            alone = run([mode, "-n", "2"] + extra, line + b"\n")[1]
            check(result + b"\n" == alone, "%s: line %d differs from the record alone" % (label, n))
            check(output_id(mode, result) == input_id(mode, line), "%s: line %d: wrong id" % (label, n))
            continue
        failed += 1
        check(re.search(r"line %d( \(id [^\n]*\))?: " % n, messages) is not None, "%s: no message for line %d" % (label, n))
        if mode == "--jsonl":
            record = json.loads(result)
            check(record.get("error", {}).get("code") == expect,
                  "%s: line %d: expected error %s, got %r" % (label, n, expect, result[:200]))
        else:
            check(result.split(b"\t", 1)[1] == b"", "%s: line %d: error line not empty" % (label, n))
    check(status == (1 if failed else 0), "%s: exit status %d" % (label, status))
    status_ok = run([mode, "-n", "2", "--errors-ok"] + extra, data)[0]
    check(status_ok == 0, "%s --errors-ok: exit status %d" % (label, status_ok))
    return out


def main():
    global PRECIS, DATA
    PRECIS, DATA = os.path.abspath(sys.argv[1]), sys.argv[2]
    big = 20 << 20
    for mode, case in (("--jsonl", jsonl_case), ("--tsv", tsv_case)):
        lines, want = case(big)
        base = check_mode(mode, lines, want, [], True)
        # The same 20 MB record over a 1 MB limit is refused, not held.
        check_mode(mode, lines, want, ["--max-bytes", "1M"], False)
        data = b"\n".join(lines) + b"\n"
        for extra in (["-j", "2"], ["-j", "0"], ["--line-buffered"], ["-j", "2", "--line-buffered"]):
            out = run([mode, "-n", "2"] + extra, data)[1]
            check(out == base, "%s %s: output differs from -j 1" % (mode, " ".join(extra)))
        # Many records across many batches, on several threads.
        many = b"".join(lines[i % len(lines)] + b"\n" for i in range(3000)
                        if want[i % len(lines)] != "big")
        one = run([mode, "-f", "text"], many)[1]
        check(one.count(b"\n") == many.count(b"\n"), "%s: line count of the long input" % mode)
        for threads in ("2", "3"):
            check(run([mode, "-f", "text", "-j", threads], many)[1] == one,
                  "%s -j %s: long input differs from -j 1" % (mode, threads))
    # A last line without a newline is a record too.
    status, out, _ = run(["--jsonl", "-f", "text"], b'{"id": 1, "text": "One. Two."}')
    check(out == b"One. Two.\n" and status == 0, "a last line without a newline: %r" % out)
    if FAILURES:
        print("\n".join(FAILURES))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
