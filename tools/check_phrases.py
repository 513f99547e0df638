#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the phrase lists in stopwords/ (CODE.phrases).

usage: tools/check_phrases.py [FILE.phrases ...]   (default: stopwords/*.phrases)

Each CODE.phrases holds, after '#' comment lines (one of them '# source:
...'), one 'CLASS PHRASE' line per phrase: the class (back, section,
salutation, signoff, compound-first, compound-last, joiner), one space, the phrase
in lower case with single spaces. A phrase appears once per class after
NFKC case folding (so 'fußnoten' and 'fussnoten' are the same), a phrase is
not both a back-matter and a structural section title, and CODE.txt exists
beside the file. Prints what is wrong and exits 1, or prints a count.
"""
import glob
import os
import sys
import unicodedata

CLASSES = ("back", "section", "label", "salutation", "signoff", "compound-first", "compound-last",
           "joiner")


def fold(s):
    return unicodedata.normalize("NFKC", s).casefold().replace("\u2019", "'")


def check(path):
    errors = []
    code = os.path.basename(path)[:-len(".phrases")]
    if not os.path.exists(os.path.join(os.path.dirname(path), code + ".txt")):
        errors.append("no %s.txt beside it" % code)
    seen = {}
    source = False
    count = 0
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("#"):
                source |= line.startswith("# source:")
                continue
            if not line.strip():
                continue
            cls, sep, phrase = line.partition(" ")
            where = "line %d: %r" % (n, line)
            if cls not in CLASSES or not sep:
                errors.append("%s: unknown class" % where)
                continue
            if phrase != " ".join(phrase.split()) or not phrase:
                errors.append("%s: stray white space" % where)
            if phrase != phrase.lower():
                errors.append("%s: not in lower case" % where)
            key = fold(phrase)
            if (cls, key) in seen:
                errors.append("%s: repeats line %d" % (where, seen[(cls, key)]))
            seen[(cls, key)] = n
            count += 1
    for (cls, key), n in seen.items():
        if cls == "back" and ("section", key) in seen:
            errors.append("line %d: %r is both back and section" % (n, key))
    if not source:
        errors.append("no '# source:' header line")
    return count, ["%s: %s" % (path, e) for e in errors]


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    paths = sys.argv[1:] or sorted(glob.glob(os.path.join(root, "stopwords", "*.phrases")))
    total, errors = 0, []
    for p in paths:
        c, e = check(p)
        total += c
        errors += e
    for e in errors:
        print(e)
    if errors:
        return 1
    print("check_phrases: %d files, %d phrases" % (len(paths), total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
