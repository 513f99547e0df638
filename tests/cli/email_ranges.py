#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every sentence of an e-mail is a range of the message that covers it.

usage: email_ranges.py PRECIS MESSAGE...

For each message (its extension says e-mail), `precis --all -f json` lists
every sentence with its byte range of the message. Python's own e-mail
parser finds the text part that holds the range, its transfer encoding
and its charset. In a 7bit or 8bit part of plain text the range, decoded
in the part's charset, must be the sentence and nothing else (white space
aside). In a quoted-printable or base64 part the range is the encoded
lines that hold the sentence: decoded, they must hold its words in order.
HTML parts are checked by their words in order, markup taken out. Ranges
must be in order without overlap, and the summary must not be empty.
"""
import base64
import email
import email.policy
import html
import json
import quopri
import re
import subprocess
import sys


def words(text):
    return re.sub(r"\s+", " ", text).strip().split(" ")


def in_order(needle, hay):
    pos = 0
    for w in needle:
        pos = hay.find(w, pos)
        if pos < 0:
            return False
        pos += len(w)
    return True


def leaf_parts(raw):
    """(start, end, transfer encoding, charset, html) of each text part."""
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    found = []
    search_from = 0
    for part in msg.walk():
        if part.is_multipart() or part.get_content_maintype() != "text":
            continue
        cte = (part.get("Content-Transfer-Encoding") or "7bit").lower().strip()
        if cte in ("quoted-printable", "base64"):
            payload = part.get_payload(decode=False).encode("ascii", "replace")
        else:
            payload = part.get_payload(decode=True)
        start = raw.find(payload, search_from) if payload else -1
        if start < 0:
            continue
        search_from = start + len(payload)
        found.append((start, start + len(payload),
                      cte,
                      part.get_content_charset() or "utf-8",
                      part.get_content_subtype() == "html"))
    return found


def encoded_at(parts, pos):
    return any(p[0] <= pos < p[1] and p[2] in ("quoted-printable", "base64") for p in parts)


def check(precis, path, failures):
    raw = open(path, "rb").read()
    proc = subprocess.run([precis, "--all", "-f", "json", path], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=120)
    if proc.returncode != 0:
        failures.append("%s: status %d %s" % (path, proc.returncode, proc.stderr[:200]))
        return 0
    doc = json.loads(proc.stdout)
    sentences = doc.get("sentences") or doc.get("summary") or []
    if not sentences:
        failures.append("%s: no sentences" % path)
        return 0
    parts = leaf_parts(raw)
    last_start = last_end = 0
    for s in sentences:
        start, end = s["start"], s["start"] + s["length"]
        # encoded lines may hold the end of one sentence and the start of the next
        if start < last_end and start < last_start:
            failures.append("%s: sentence %d is out of order" % (path, s["index"]))
        elif start < last_end and not encoded_at(parts, start):
            failures.append("%s: sentence %d overlaps the one before" % (path, s["index"]))
        last_start, last_end = start, end
        holder = [p for p in parts if p[0] <= start and end <= p[1]]
        if not holder:
            failures.append("%s: sentence %d [%d, %d) is in no text part" %
                            (path, s["index"], start, end))
            continue
        _, _, cte, charset, is_html = holder[0]
        piece = raw[start:end]
        if cte == "quoted-printable":
            piece = quopri.decodestring(piece)
        elif cte == "base64":
            # the encoded lines that hold the range, decoded whole
            first = raw.rfind(b"\n", 0, start) + 1
            last = raw.find(b"\n", end)
            piece = raw[first:last if last >= 0 else len(raw)]
            piece = base64.b64decode(b"".join(piece.split()) + b"===", validate=False)
        if charset.lower().startswith("iso-2022-jp") and not piece.startswith(b"\x1b"):
            # a stateful encoding: a range inside a run of JIS X 0208 needs
            # the shift that opened the run
            piece = b"\x1b$B" + piece
        text = piece.decode(charset, "replace")
        if is_html:
            text = html.unescape(re.sub(r"<[^>]*>", " ", text))
        want = words(s["text"])
        if cte in ("7bit", "8bit", "binary") and not is_html:
            if words(text) != want:
                failures.append("%s: sentence %d: range holds %r, not %r" %
                                (path, s["index"], " ".join(words(text)), s["text"]))
        elif not in_order(want, " ".join(words(text))):
            failures.append("%s: sentence %d: range %r lacks %r" %
                            (path, s["index"], " ".join(words(text))[:200], s["text"]))
    return len(sentences)


def main():
    precis, paths = sys.argv[1], sys.argv[2:]
    failures = []
    total = sum(check(precis, p, failures) for p in paths)
    for f in failures:
        print(f)
    print("%d sentences in %d messages, %d failures" % (total, len(paths), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
