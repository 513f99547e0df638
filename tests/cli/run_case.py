#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run one end-to-end case of the precis command and compare with goldens.

usage: run_case.py PRECIS CASES_DIR DATA_DIR NAME [--update [--sentences-changed]]

A case is a set of files in CASES_DIR named after it:
  NAME.args            the arguments, one per line (required; may be empty)
  NAME.stdin           bytes fed to standard input (optional; default: nothing)
  NAME.stdout          the expected standard output, byte for byte: for
                       output that is the contract (text summaries, split,
                       messages, help)
  NAME.stdout.tolerant the expected standard output where it prints scores
                       (JSON, --all): byte for byte except that each score
                       may differ by up to SCORE_TOLERANCE, so that a change
                       in the last digits of a float computation does not
                       look like a change of behaviour
  NAME.stderr          the exact expected standard error (optional; default: empty)
  NAME.exit            the expected exit status (optional; default: 0)
A case has one of the two stdout goldens. The command runs with DATA_DIR as
its working directory, so file names in the arguments and in the output are
relative to it.

--update rewrites the golden files from what the command prints (review
them before committing). It refuses to rewrite a golden whose output
changed beyond scores (other sentences chosen, other text) unless
--sentences-changed says that the change is meant.

PRECIS_WRAPPER, when set, is a command line that runs precis (valgrind in
`scripts/test --valgrind`); anything it prints on stderr fails the case.
"""
import os
import re
import shlex
import subprocess
import sys

SCORE_TOLERANCE = 1e-4
# A score in JSON ("score": 0.093554) or in the --all listing
# (RANK<TAB>SCORE<TAB>CHOSEN<TAB>TEXT at the start of a line).
SCORES = re.compile(rb'("score": )(-?\d+(?:\.\d+)?)|^(\d+\t)(-?\d+\.\d+)(?=\t[01]\t)', re.M)


def read(path, default=None):
    if not os.path.exists(path):
        return default
    with open(path, "rb") as f:
        return f.read()


def split_scores(output):
    """The output with every score replaced by a mark, and the scores."""
    scores = [float(m.group(2) or m.group(4)) for m in SCORES.finditer(output)]
    masked = SCORES.sub(lambda m: (m.group(1) or m.group(3)) + b"<score>", output)
    return masked, scores


def same_up_to_scores(want, got):
    want_text, want_scores = split_scores(want)
    got_text, got_scores = split_scores(got)
    return want_text == got_text and all(
        abs(a - b) <= SCORE_TOLERANCE for a, b in zip(want_scores, got_scores))


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def update(base, proc, sentences_changed):
    exact, tolerant = base + ".stdout", base + ".stdout.tolerant"
    old = read(tolerant) if os.path.exists(tolerant) else read(exact)
    if old is not None and split_scores(old)[0] != split_scores(proc.stdout)[0] and \
            not sentences_changed:
        print("case %s: the output changed beyond its scores; not rewritten. If the change "
              "is meant, run again with --update --sentences-changed" % os.path.basename(base))
        return 1
    has_scores = bool(SCORES.search(proc.stdout))
    write(tolerant if has_scores else exact, proc.stdout)
    stale = exact if has_scores else tolerant
    if os.path.exists(stale):
        os.remove(stale)
    if proc.stderr:
        write(base + ".stderr", proc.stderr)
    elif os.path.exists(base + ".stderr"):
        os.remove(base + ".stderr")
    if proc.returncode != 0:
        write(base + ".exit", b"%d\n" % proc.returncode)
    elif os.path.exists(base + ".exit"):
        os.remove(base + ".exit")
    return 0


def main():
    precis, cases, data, name = sys.argv[1:5]
    base = os.path.join(cases, name)
    args_text = read(base + ".args")
    if args_text is None:
        sys.exit("%s.args is missing" % base)
    args = [a for a in args_text.decode("utf-8").split("\n") if a != ""]
    stdin = read(base + ".stdin", b"")
    env = dict(os.environ, LC_ALL="C.UTF-8")
    wrapper = shlex.split(os.environ.get("PRECIS_WRAPPER", ""))
    proc = subprocess.run(wrapper + [os.path.abspath(precis)] + args, input=stdin, cwd=data,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, timeout=300)
    if "--update" in sys.argv[5:]:
        return update(base, proc, "--sentences-changed" in sys.argv[5:])

    failures = []
    want_exit = int((read(base + ".exit", b"0") or b"0").strip())
    if proc.returncode != want_exit:
        failures.append("exit status %d, expected %d" % (proc.returncode, want_exit))
    tolerant = read(base + ".stdout.tolerant")
    want_out = tolerant if tolerant is not None else read(base + ".stdout")
    if want_out is None:
        sys.exit("%s.stdout (or .stdout.tolerant) is missing" % base)
    same = same_up_to_scores(want_out, proc.stdout) if tolerant is not None \
        else want_out == proc.stdout
    if not same:
        failures.append("stdout differs%s:\n--- expected\n%s\n--- got\n%s" % (
            " (scores within %g)" % SCORE_TOLERANCE if tolerant is not None else "",
            want_out.decode("utf-8", "replace"), proc.stdout.decode("utf-8", "replace")))
    want_err = read(base + ".stderr", b"")
    if proc.stderr != want_err:
        failures.append("stderr differs:\n--- expected\n%s\n--- got\n%s" % (
            want_err.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")))
    if failures:
        print("case %s: precis %s" % (name, " ".join(args)))
        print("\n".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
