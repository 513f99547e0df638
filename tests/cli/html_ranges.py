#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every sentence of a web page is a range of the page that covers it.

usage: html_ranges.py PRECIS PAGE...

For each page, `precis --all -f json --from html` lists every sentence with
its byte range of the page and its clean text. The range, with its markup
taken out and its entities decoded (by Python's own HTML parser, not
precis's), must hold the sentence's words in order, and nothing but them
apart from white space; and the ranges must be in order without overlap.
The pages may be in any encoding: the range is decoded as the page is.
"""
import html
import html.parser
import json
import re
import subprocess
import sys


class Text(html.parser.HTMLParser):
    """The character data of a fragment, script and style left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in ("br", "p", "div", "li", "h1", "h2", "h3", "td", "rt"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def words(text):
    # NUL and other controls are not text; soft hyphens and zero-width
    # spaces are invisible.
    text = re.sub(r"[\x00-\x08\x0e-\x1f\u00ad\u200b]", "", text)
    return re.sub(r"\s+", " ", text).strip().split(" ")


# Labels browsers read as another encoding (the WHATWG Encoding standard).
ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
           "ascii": "cp1252", "shift_jis": "cp932", "x-sjis": "cp932"}


def page_encoding(raw):
    if raw[:2] == b"\xff\xfe":
        return "utf-16-le"
    if raw[:2] == b"\xfe\xff":
        return "utf-16-be"
    m = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", raw[:2048])
    if m:
        label = m.group(1).decode().lower()
        return ALIASES.get(label, label)
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def check_page(precis, path, failures):
    raw = open(path, "rb").read()
    proc = subprocess.run([precis, "--all", "-f", "json", "--from", "html", path],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    if proc.returncode != 0:
        failures.append("%s: status %d %s" % (path, proc.returncode, proc.stderr[:200]))
        return 0
    doc = json.loads(proc.stdout)
    charset = page_encoding(raw)
    end = 0
    for s in doc["sentences"]:
        start, length = s["start"], s["length"]
        if start < end or start + length > len(raw):
            failures.append("%s: sentence %d out of order or outside the page" %
                            (path, s["index"]))
            continue
        end = start + length
        fragment = raw[start:end]
        try:
            decoded = fragment.decode(charset, errors="replace")
        except LookupError:
            decoded = fragment.decode("utf-8", errors="replace")
        parser = Text()
        parser.feed(decoded)
        parser.close()
        got = words("".join(parser.parts))
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
        total += check_page(precis, path, failures)
    for f in failures:
        print("FAIL:", f)
    if total == 0:
        print("FAIL: no sentence at all was checked")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
