#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every sentence of a Markdown document is a range of the file that covers it.

usage: markdown_ranges.py PRECIS DOCUMENT...

For each document (UTF-8), `precis --all -f json` (no --from: the extension
decides) lists every sentence with its byte range of the file and its
clean text, and `precis extract` must say it read "markdown". The range,
with link destinations taken out and entities decoded, must hold the
sentence's words in order and nothing else, Markdown punctuation
(emphasis, code span, link and quotation marks) aside; and the ranges
must be in order without overlap.
"""
import html
import json
import re
import subprocess
import sys

MARKUP = re.compile(r"[*_`\[\]!<>#~|]")


def words(text):
    """The words of text with Markdown punctuation taken out of both sides
    alike (emphasis, code span, link, image and quotation marks)."""
    return MARKUP.sub("", text).split()


def check_document(precis, path, failures):
    raw = open(path, "rb").read()
    proc = subprocess.run([precis, "--all", "-f", "json", path],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    if proc.returncode != 0:
        failures.append("%s: status %d %s" % (path, proc.returncode, proc.stderr[:200]))
        return 0
    doc = json.loads(proc.stdout)
    extract = subprocess.run([precis, "extract", "-f", "json", path],
                             stdout=subprocess.PIPE, timeout=120)
    read_as = json.loads(extract.stdout)["format"] if extract.returncode == 0 else None
    if read_as != "markdown":
        failures.append("%s: read as %s" % (path, read_as))
    end = 0
    for s in doc["sentences"]:
        start, length = s["start"], s["length"]
        if start < end or start + length > len(raw):
            failures.append("%s: sentence %d out of order or outside the file" %
                            (path, s["index"]))
            continue
        end = start + length
        fragment = raw[start:end].decode("utf-8", errors="replace")
        # Link destinations and reference labels go; entities are decoded.
        fragment = re.sub(r"\]\([^)]*\)|\]\[[^\]]*\]", "]", fragment)
        got = words(html.unescape(fragment))
        want = words(s["text"])
        if got != want:
            failures.append("%s: sentence %d: range holds %r, text is %r" %
                            (path, s["index"], " ".join(got)[:160], " ".join(want)[:160]))
    return len(doc["sentences"])


def main():
    precis = sys.argv[1]
    failures = []
    total = 0
    for path in sys.argv[2:]:
        total += check_document(precis, path, failures)
    for f in failures:
        print("FAIL:", f)
    if total == 0:
        print("FAIL: no sentence at all was checked")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
