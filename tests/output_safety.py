#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Output safety of the precis command on random, hostile inputs.

usage: output_safety.py PRECIS [--documents N] [--seed S]

For every random document (words of several scripts, terminators, quotes,
every kind of white space and line break, NUL and control bytes, invalid
and overlong UTF-8, lone surrogates) and random options, it checks that:
- JSON output decodes as strict UTF-8 and parses as strict JSON (no NaN,
  no lone surrogate escapes), with the fields the format promises;
- every printed sentence is a byte range of the input: each JSON sentence
  has start/length inside the input, its "text" is those bytes with white
  space folded and invalid bytes as U+FFFD, and the text output prints the
  same text; where the text reader undid page breaks, page furniture or
  line-end hyphenation, the text is those bytes with some characters left
  out (a subsequence of them), never anything else; a document that precis
  reads as a legacy 8-bit encoding (more stray high bytes than UTF-8-shaped
  sequences, eightfold: src/encoding.c) is converted by what uchardet names,
  so there only the ranges and the agreement of the outputs are checked;
- `precis split -f json` gives the sentences of `precis --all -f json`, in
  order: the exact substrings of the input at their ranges (invalid bytes
  as U+FFFD), or, where the reader changed the text, a subsequence of
  them.
"""
import argparse
import json
import random
import re
import subprocess
import sys

# precis_is_space (src/utf8.c): Unicode White_Space.
SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007" \
        "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
SPACE_RUN = re.compile("[%s]+" % re.escape(SPACE))
# One undecodable byte each, as precis reads them (surrogateescape maps
# every byte of an invalid sequence on its own, as precis does).
ESCAPED = re.compile("[\udc80-\udcff]")

WORDS = ["river", "town", "council", "budget", "market", "Minister", "Paris", "The", "It",
         "déjà", "garçon", "Straße", "ÜBER", "naïve", "Ελλάδα", "Москва", "東京", "中文",
         "日本語", "ไทย", "عربى", "עברית", "हिन्दी", "😀", "👨‍👩‍👧", "🇫🇷", "e\u0301",
         "ﬁne", "Ⅻ", "１２３", "3.14", "1,000", "U.S.", "e.g.", "Dr.", "No.", "p.m.",
         "www.example.com", "a@b.org", "x" * 120]
PUNCT = [".", "!", "?", "...", "…", "?!", "。", "！", "؟", "।", ",", ";", ":", "-", "—",
         "(", ")", "[", "]", "{", "}", "\"", "'", "“", "”", "‘", "’", "«", "»", "„", "‹", "›",
         "「", "」", "*", "•", "1.", "a)", "\\", "/", "&", "#"]
SPACES = [" ", " ", " ", "  ", "\n", "\n\n", "\r", "\r\n", "\r\n\r\n", "\t", "\x0b", "\x0c",
          "\x85", "\xa0", "\u2028", "\u2029", "\u3000", "\u200b", "\ufeff"]
BYTES = [b"\x00", b"\x01", b"\x1b[0m", b"\x7f", b"\x80", b"\xbf", b"\xc0\xaf", b"\xc0\x80",
         b"\xe0\x80\xaf", b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xed\xa0\xbd\xed\xb8\x80",
         b"\xf4\x90\x80\x80", b"\xf8\x88\x80\x80\x80", b"\xfe", b"\xff", b"\xc3", b"\xe2\x82",
         b"\xf0\x9f\x98", b"\xef\xbb\xbf"]


def random_document(rng):
    size = rng.choice([0, 1, 5, 20, 60, 200, 600])
    parts = []
    if rng.random() < 0.1:
        parts.append(b"\xef\xbb\xbf")
    for _ in range(size):
        r = rng.random()
        if r < 0.5:
            parts.append(rng.choice(WORDS).encode())
        elif r < 0.7:
            parts.append(rng.choice(PUNCT).encode())
        elif r < 0.92:
            parts.append(rng.choice(SPACES).encode())
        else:
            parts.append(rng.choice(BYTES))
        if r < 0.5 and rng.random() < 0.7:
            parts.append(b" ")
    if rng.random() < 0.05:
        parts.append(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300))))
    return b"".join(parts)


def random_options(rng):
    length = rng.choice([["-n", str(rng.randrange(1, 6))], ["-r", rng.choice(["0.3", "1", "50%"])],
                         ["-w", str(rng.randrange(1, 80))], ["-c", str(rng.randrange(1, 400))],
                         []])
    lang = rng.choice([[], ["-l", "en"], ["-l", "fr"], ["-l", "de"], ["-l", "ru"], ["-l", "auto"]])
    return length + lang


def decoded(raw):
    return raw.decode("utf-8", "surrogateescape")


def folded(raw):
    return SPACE_RUN.sub(" ", decoded(raw))


def as_json_text(text):
    return ESCAPED.sub("\ufffd", text)


def is_subsequence(part, whole):
    """Whether the characters of part occur in whole in the same order."""
    it = iter(whole)
    return all(c in it for c in part)


def same_or_read(text, raw):
    """Whether text (already folded) is raw folded, or what the text reader
    made of it: raw with characters left out."""
    expected = as_json_text(folded(raw))
    return text == expected or is_subsequence(text, expected)


def legacy_8bit(doc):
    """Whether precis reads doc as a legacy 8-bit encoding rather than as
    UTF-8 (the rule of precis_text_needs_decoding in src/encoding.c)."""
    if doc[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    shaped = stray = pos = 0
    while pos < len(doc):
        c = doc[pos]
        if c < 0x80:
            pos += 1
            continue
        need = 1 if 0xC0 <= c <= 0xDF else 2 if 0xE0 <= c <= 0xEF else 3 if 0xF0 <= c <= 0xF7 else 0
        k = 0
        while 0 < need and k < need and pos + 1 + k < len(doc) and doc[pos + 1 + k] & 0xC0 == 0x80:
            k += 1
        if need > 0 and k == need:
            shaped += 1
            pos += 1 + need
        else:
            stray += 1
            pos += 1
    return stray > 0 and shaped * 8 < stray


def reject_constant(name):
    raise ValueError("non-standard JSON constant %s" % name)


def strict_json(out, what):
    text = out.decode("utf-8", "strict")
    if re.search(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}", text):
        raise ValueError("%s: a surrogate escape in JSON" % what)
    return json.loads(text, parse_constant=reject_constant)


def run(precis, args, stdin):
    proc = subprocess.run([precis] + args + ["-"], input=stdin, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=60)
    if proc.returncode != 0:
        raise ValueError("precis %s exited %d: %r" % (" ".join(args), proc.returncode,
                                                      proc.stderr))
    return proc.stdout


def check_document(precis, doc, opts):
    summary = strict_json(run(precis, opts + ["-f", "json"], doc), "json")
    for key in ("file", "lang", "n_sentences", "summary"):
        if key not in summary:
            raise ValueError("json: no %r field" % key)
    chosen = summary["summary"]
    text_lines = run(precis, opts, doc).split(b"\n")
    if text_lines[-1] != b"" or len(text_lines) - 1 != len(chosen):
        raise ValueError("text output has %d lines for %d sentences" % (len(text_lines) - 1,
                                                                         len(chosen)))
    converted = legacy_8bit(doc)
    previous_end = 0
    for item, line in zip(chosen, text_lines):
        start, length = item["start"], item["length"]
        if not (previous_end <= start and length > 0 and start + length <= len(doc)):
            raise ValueError("sentence %r is not a byte range of the input" % item)
        previous_end = start + length
        raw = doc[start:start + length]
        if not converted and not same_or_read(item["text"], raw):
            raise ValueError("json text %r is not input[%d:%d] folded" % (item["text"], start,
                                                                         start + length))
        if as_json_text(decoded(line)) != item["text"]:
            raise ValueError("text line %r is not the json text %r" % (line, item["text"]))
    if strict_json(run(precis, opts + ["-f", "jsonl"], doc), "jsonl") != summary:
        raise ValueError("jsonl and json disagree")

    lang = opts[opts.index("-l"):opts.index("-l") + 2] if "-l" in opts else []
    # --all lists every sentence, also those never chosen (headings,
    # boilerplate, near-duplicates).
    every = strict_json(run(precis, lang + ["--all", "-f", "json"], doc), "all")
    split = strict_json(run(precis, ["split"] + lang + ["-f", "json"], doc), "split")
    ranges = [doc[s["start"]:s["start"] + s["length"]] for s in every["sentences"]]
    if len(split) != len(ranges) or not all(
            converted or text == as_json_text(decoded(raw)) or
            same_or_read(SPACE_RUN.sub(" ", text), raw)
            for text, raw in zip(split, ranges)):
        raise ValueError("split output differs from the sentence ranges")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("precis")
    ap.add_argument("--documents", type=int, default=250)
    ap.add_argument("--seed", type=int, default=6)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    for number in range(args.documents):
        doc = random_document(rng)
        opts = random_options(rng)
        try:
            check_document(args.precis, doc, opts)
        except (ValueError, UnicodeDecodeError, json.JSONDecodeError) as e:
            print("document %d (seed %d), options %s: %s" % (number, args.seed, opts, e))
            print("input: %r" % doc)
            return 1
    print("%d random documents: every output is safe" % args.documents)
    return 0


if __name__ == "__main__":
    sys.exit(main())
