#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""How precis scales with the length of a document: CPU time, peak memory
and bytes of memory per input byte of the command on a book-length English
text at several sizes, optionally beside another precis program in the same
run.

usage: scale.py PRECIS [--baseline OLD] [--build DIR] [--eval DIR] [--mb 1]
                [--factors 1,5,10,20] [--rounds 1] [--keep FILE]

The text is built at run time from the English articles of the evaluation
data (cnndm and bbc): their sentences, then new sentences made by joining the
first half of one sentence to the second half of another, until the largest
size is reached; every sentence is distinct, paragraphs are 8 sentences
long. The smaller texts are prefixes of the larger one. Every size runs as
a process of its own started by bench_spawn (built with the benchmarks:
Linux counts the memory of the process a child was spawned from in its
ru_maxrss, so a child of Python would report Python's memory, which holds
the texts); with --baseline the two programs run interleaved on each text
and must write the same bytes. Time is CPU time (user + system), which a
loaded machine disturbs less than wall time; time per doubling is the
ratio of successive sizes' CPU times, taken to the power 1 / log2 of their
size ratio. The goals of issue 15 (at most 20 bytes of peak RSS per input
byte at the largest size, time per doubling at most 2.3x) are printed next
to the figures; this is a benchmark, not a test, so it reports rather than
fails.
"""
import argparse
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile

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


def find_spawner(build):
    """bench_spawn in the build directory (relative to the current directory
    or else to the repository)."""
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    candidates = [build] if os.path.isabs(build) else [build, os.path.join(repo, build)]
    for d in candidates:
        path = os.path.join(d, "bench", "bench_spawn")
        if os.access(path, os.X_OK):
            return os.path.abspath(path)
    sys.exit("no bench/bench_spawn in %s: build the benchmarks first (meson setup build "
             "-Dbench=true && ninja -C build) or give --build DIR" % " or ".join(candidates))


def spawn(spawner, outdir, commands, path):
    """Runs each command on path through bench_spawn, interleaved; returns
    one (cpu seconds, wall seconds, peak RSS in bytes, stdout bytes) per
    command."""
    with open(os.path.join(outdir, "list.txt"), "w") as f:
        f.write(path + "\n")
    argv = [spawner, "-O", outdir, "-L", os.path.join(outdir, "list.txt")]
    for i, cmd in enumerate(commands):
        argv += ([] if i == 0 else ["::"]) + cmd
    proc = subprocess.run(argv, stdout=subprocess.PIPE, universal_newlines=True)
    if proc.returncode != 0:
        sys.exit("bench_spawn failed (exit %d)" % proc.returncode)
    results = []
    for line in proc.stdout.splitlines():
        fields = dict(kv.split("=", 1) for kv in line.split())
        c = int(fields["cmd"])
        if int(fields["failed"]):
            with open(os.path.join(outdir, "%d.err" % c), errors="replace") as f:
                sys.exit("%s failed on %s: %s" % (commands[c][0], path, f.read().strip()))
        with open(os.path.join(outdir, "%d.out" % c), "rb") as f:
            out = f.read()
        results.append((float(fields["cpu_s"]), float(fields["wall_s"]),
                        int(fields["maxrss_kib"]) * 1024, out))
    return results


def measure(spawner, programs, sizes, text, rounds):
    """Runs every program on every size of text; returns, per size, its byte
    count, sentence count and per program (median CPU s, median wall s,
    largest peak RSS in bytes). Exits when the programs' outputs differ."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="precis-scale-") as tmp:
        for size in sizes:
            part = text[:size]
            part = part[: part.rfind(" ") + 1] if len(part) < len(text) else part
            path = os.path.join(tmp, "text-%d.txt" % size)
            with open(path, "w", encoding="utf-8") as f:
                f.write(part)
            cmds = [[p, "-n", "10", "-f", "jsonl"] for p in programs]
            runs = [spawn(spawner, tmp, cmds if r % 2 == 0 else cmds[::-1], path)
                    for r in range(rounds)]
            runs = [rr if r % 2 == 0 else rr[::-1] for r, rr in enumerate(runs)]
            outs = {rr[3] for run in runs for rr in run}
            if len(outs) != 1:
                sys.exit("the programs wrote different output on %d bytes" % len(part))
            figures = []
            for p in range(len(programs)):
                figures.append((statistics.median(run[p][0] for run in runs),
                                statistics.median(run[p][1] for run in runs),
                                max(run[p][2] for run in runs)))
            n = json.loads(runs[0][0][3])["n_sentences"]
            rows.append((len(part.encode()), n, figures))
            os.remove(path)
    return rows


def per_doubling(t0, t1, b0, b1):
    return (t1 / t0) ** (1.0 / math.log2(b1 / b0)) if t0 > 0 and b1 > b0 else float("nan")


def print_table(rows, labels):
    print("%8s %10s  %-10s %8s %8s %9s %10s %13s" % (
        "MB", "sentences", "program", "CPU s", "wall s", "peak MB", "B/in byte",
        "CPU/doubling"))
    for k, (size, n, figures) in enumerate(rows):
        for p, (cpu, wall, rss) in enumerate(figures):
            growth = ""
            if k > 0:
                growth = "%.2fx" % per_doubling(rows[k - 1][2][p][0], cpu, rows[k - 1][0], size)
            print("%8s %10s  %-10s %8.2f %8.2f %9.1f %10.1f %13s" % (
                "%.2f" % (size / 1e6) if p == 0 else "", n if p == 0 else "", labels[p], cpu,
                wall, rss / 1e6, rss / size, growth))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("precis")
    ap.add_argument("--baseline", help="another precis program, run beside it")
    ap.add_argument("--build", default="build", help="build directory with bench/bench_spawn")
    ap.add_argument("--eval", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                   "..", "..", "shared", "eval"))
    ap.add_argument("--mb", type=float, default=1.0, help="the base size (default 1)")
    ap.add_argument("--factors", default="1,5,10,20",
                    help="the sizes, as multiples of the base (default 1,5,10,20)")
    ap.add_argument("--rounds", type=int, default=1,
                    help="runs of every size; CPU and wall time are medians (default 1)")
    ap.add_argument("--keep", help="also write the largest text to this file")
    args = ap.parse_args()
    run(args)
    return 0


def run(args):
    """Prints the scale table of args.precis (and args.baseline)."""
    if not os.path.isdir(args.eval):
        sys.exit("no evaluation data in %s (give --eval DIR)" % args.eval)
    spawner = find_spawner(args.build)
    factors = [float(f) for f in args.factors.split(",")]
    sizes = [int(args.mb * f * 1e6) for f in factors]
    sentences = article_sentences(args.eval)
    text = build_text(sentences, max(sizes))
    if args.keep:
        with open(args.keep, "w", encoding="utf-8") as f:
            f.write(text)
    programs = [args.precis] + ([args.baseline] if args.baseline else [])
    labels = ["new", "baseline"] if args.baseline else ["precis"]
    print("precis scale benchmark: %s%s; %d source sentences, %d round(s)" % (
        args.precis, " against %s" % args.baseline if args.baseline else "", len(sentences),
        args.rounds))
    rows = measure(spawner, programs, sizes, text, args.rounds)
    print_table(rows, labels)
    print()
    last = rows[-1]
    rss = last[2][0][2] / last[0]
    print("goal: at most 20 bytes of peak RSS per input byte at %.1f MB: %s (%.1f)" % (
        last[0] / 1e6, "met" if rss <= 20 else "MISSED", rss))
    for prev, cur in zip(rows, rows[1:]):
        growth = per_doubling(prev[2][0][0], cur[2][0][0], prev[0], cur[0])
        print("goal: %.1f -> %.1f MB at most 2.3x the CPU time per doubling: %s (%.2fx)" % (
            prev[0] / 1e6, cur[0] / 1e6, "met" if growth <= 2.3 else "MISSED", growth))
    if args.baseline:
        print("outputs identical at every size; new / baseline: " + ", ".join(
            "%.1f MB: CPU %.2fx, RSS %.2fx" % (size / 1e6, f[0][0] / f[1][0], f[0][2] / f[1][2])
            for size, _, f in rows))


if __name__ == "__main__":
    sys.exit(main())
