#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""How precis scales with the length of a document: time and peak memory of
the command on a book-length English text at 1x, 2x and 4x a base size.

usage: scale.py PRECIS [--eval DIR] [--mb 5] [--factors 1,2,4] [--keep FILE]

The text is built at run time from the English articles of the evaluation
data (cnndm and bbc): their sentences, then new sentences made by joining the
first half of one sentence to the second half of another, until the base
size is reached; every sentence is distinct, paragraphs are 8 sentences
long. The larger texts extend the smaller one. Each size runs as a process
of its own; its peak resident set size comes from wait4(). The goals the
issue set (5 MB in under 5 s, under 1 GB, doubling the input costs at most
about 2.5x the time) are printed next to the figures; this is a benchmark,
not a test, so it reports rather than fails.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
SEED = 20240601


def article_sentences(eval_dir):
    seen = set()
    out = []
    for name in ("cnndm.dev.jsonl", "bbc.dev.jsonl"):
        with open(os.path.join(eval_dir, name), encoding="utf-8") as f:
            for line in f:
                text = json.loads(line)["text"]
                for s in SENTENCE_END.split(text.replace("\n", " ")):
                    s = " ".join(s.split())
                    words = s.split()
                    if 6 <= len(words) <= 60 and s[-1] in ".!?" and s not in seen:
                        seen.add(s)
                        out.append(s)
    return out


def build_text(sentences, size):
    """Distinct sentences until size bytes: the originals first, then
    half-and-half joins of two of them in a fixed pseudo-random order."""
    rng = random.Random(SEED)
    seen = set(sentences)
    chosen = list(sentences)
    total = sum(len(s) + 1 for s in chosen)
    while total < size:
        a, b = rng.choice(sentences).split(), rng.choice(sentences).split()
        s = " ".join(a[: len(a) // 2] + b[len(b) // 2:])
        if s in seen:
            continue
        seen.add(s)
        chosen.append(s)
        total += len(s) + 1
    parts = []
    used = 0
    for i, s in enumerate(chosen):
        if used >= size:
            break
        sep = "\n\n" if i % 8 == 7 else " "
        parts.append(s + sep)
        used += len(s) + len(sep)
    return "".join(parts)


def run_measured(precis, path):
    """Runs precis on path; returns (seconds, peak RSS in bytes, stdout)."""
    start = time.perf_counter()
    proc = subprocess.Popen([precis, "-n", "10", "-f", "jsonl", path],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Read the output before reaping, so that wait4 sees this child only.
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit("precis failed on %s (status %d): %s" % (path, proc.returncode,
                                                          err.decode(errors="replace")))
    return elapsed, usage.ru_maxrss * 1024, out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("precis")
    ap.add_argument("--eval", default=os.path.join(here, "..", "..", "shared", "eval"))
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--factors", default="1,2,4")
    ap.add_argument("--keep", help="also write the largest text to this file")
    args = ap.parse_args()
    if not os.path.isdir(args.eval):
        sys.exit("no evaluation data in %s (give --eval DIR)" % args.eval)

    factors = [int(f) for f in args.factors.split(",")]
    base = int(args.mb * 1e6)
    sentences = article_sentences(args.eval)
    text = build_text(sentences, base * max(factors))
    if args.keep:
        with open(args.keep, "w", encoding="utf-8") as f:
            f.write(text)

    print("precis scale benchmark: %s, %d source sentences" % (args.precis, len(sentences)))
    print("%6s %9s %10s %9s %10s %11s" % ("size", "MB", "sentences", "seconds", "peak MB",
                                          "time ratio"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for factor in factors:
            part = text[: base * factor]
            part = part[: part.rfind(" ") + 1] if len(part) < len(text) else part
            path = os.path.join(tmp, "text-%dx.txt" % factor)
            with open(path, "w", encoding="utf-8") as f:
                f.write(part)
            seconds, rss, out = run_measured(args.precis, path)
            n = json.loads(out)["n_sentences"]
            ratio = "" if not rows else "%.2fx" % (seconds / rows[-1][1])
            rows.append((factor, seconds, rss))
            print("%5dx %9.2f %10d %9.2f %10.1f %11s" % (factor, len(part.encode()) / 1e6, n,
                                                         seconds, rss / 1e6, ratio))

    first = rows[0]
    print()
    print("goal: %dx in under 5 s: %s (%.2f s)" % (first[0], "met" if first[1] < 5 else "MISSED",
                                                   first[1]))
    print("goal: %dx under 1 GB peak RSS: %s (%.0f MB)" % (
        first[0], "met" if first[2] < 1e9 else "MISSED", first[2] / 1e6))
    for prev, cur in zip(rows, rows[1:]):
        # Doubling the input may cost about 2.5x the time: 1.25x linear.
        allowed = 1.25 * cur[0] / prev[0]
        growth = cur[1] / prev[1]
        print("goal: %dx -> %dx at most %.1fx the time: %s (%.2fx)" % (
            prev[0], cur[0], allowed, "met" if growth <= allowed else "MISSED", growth))
    return 0


if __name__ == "__main__":
    sys.exit(main())
