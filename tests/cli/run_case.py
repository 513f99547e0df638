#!/usr/bin/env python3
"""Run one end-to-end case of the precis command and compare with goldens.

usage: run_case.py PRECIS CASES_DIR DATA_DIR NAME [--update]

A case is a set of files in CASES_DIR named after it:
  NAME.args    the arguments, one per line (required; may be empty)
  NAME.stdin   bytes fed to standard input (optional; default: nothing)
  NAME.stdout  the exact expected standard output (golden)
  NAME.stderr  the exact expected standard error (optional; default: empty)
  NAME.exit    the expected exit status (optional; default: 0)
The command runs with DATA_DIR as its working directory, so file names in
the arguments and in the output are relative to it. --update rewrites the
golden files from what the command prints (review them before committing).
PRECIS_WRAPPER, when set, is a command line that runs precis (valgrind in
`scripts/test --valgrind`); anything it prints on stderr fails the case.
"""
import os
import shlex
import subprocess
import sys


def read(path, default=None):
    if not os.path.exists(path):
        return default
    with open(path, "rb") as f:
        return f.read()


def main():
    precis, cases, data, name = sys.argv[1:5]
    update = "--update" in sys.argv[5:]
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
    if update:
        with open(base + ".stdout", "wb") as f:
            f.write(proc.stdout)
        if proc.stderr:
            with open(base + ".stderr", "wb") as f:
                f.write(proc.stderr)
        elif os.path.exists(base + ".stderr"):
            os.remove(base + ".stderr")
        if proc.returncode != 0:
            with open(base + ".exit", "w") as f:
                f.write("%d\n" % proc.returncode)
        elif os.path.exists(base + ".exit"):
            os.remove(base + ".exit")
        return 0

    failures = []
    want_exit = int((read(base + ".exit", b"0") or b"0").strip())
    if proc.returncode != want_exit:
        failures.append("exit status %d, expected %d" % (proc.returncode, want_exit))
    want_out = read(base + ".stdout", b"")
    if proc.stdout != want_out:
        failures.append("stdout differs:\n--- expected\n%s\n--- got\n%s" % (
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
