#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The share of e-mails whose summary is all the sender's own prose.

usage: email_clean.py PRECIS DIR [N]

DIR holds .eml messages and author.json, which gives for each message the
prose its sender wrote this time, written out by hand (no greeting,
closing, signature, quotation, attribution, disclaimer or footer). Each
message is summarized in N sentences (default 3, --from auto: the
extension decides) and is clean when every summary sentence, white space
folded, is part of that prose. Prints each message that is not clean and
the share of those that are.
"""
import json
import os
import re
import subprocess
import sys


def fold(text):
    return re.sub(r"\s+", " ", text).strip()


def main():
    precis, folder = sys.argv[1], sys.argv[2]
    n = sys.argv[3] if len(sys.argv) > 3 else "3"
    author = json.load(open(os.path.join(folder, "author.json"), encoding="utf-8"))
    clean = 0
    for name in sorted(author):
        proc = subprocess.run([precis, "-f", "json", "-n", n, os.path.join(folder, name)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        if proc.returncode != 0:
            print("%s: status %d" % (name, proc.returncode))
            continue
        prose = fold(author[name])
        bad = [s["text"] for s in json.loads(proc.stdout)["summary"]
               if fold(s["text"]) not in prose]
        if bad:
            print("%s: not the sender's: %s" % (name, " | ".join(bad)))
        else:
            clean += 1
    print("clean summaries: %d of %d messages (%.1f%%)" %
          (clean, len(author), 100.0 * clean / len(author)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
