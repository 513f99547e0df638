#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Compile the language data in stopwords/ into C tables (langdata.c).

usage: gen_langdata.py OUTPUT.c LIST.txt [LIST.txt ...]

Each stopwords/CODE.txt is a list of stopwords, one a line, with '# key:
value' header lines: 'name' (English name of the language), 'stemmer'
(libstemmer algorithm, or 'none'), 'source' (where the list comes from),
'script' (the writing system, one of SCRIPTS) and optionally 'flags' (words
from FLAGS, separated by spaces: how the language punctuates sentences) and
'letters' (letters that set the language apart from others of its script,
evidence for language detection).
The CODE.abbrev beside it lists abbreviations, one a line, with an optional
class word ('prefix', 'number' or 'end'). A CODE.phrases beside it, when
there is one, lists phrases that make a line structure rather than content,
one 'CLASS PHRASE' a line (see tools/check_phrases.py for the classes). An
optional CODE.kw beside it lists keyphrase boundary words, one a line: words
that end a keyphrase candidate on top of the stopwords (src/keywords.c),
which the summarizer does not use. CODE.deps, when there is one,
lists the words and phrases that make a sentence lean on the one before
(each with its class, see DEP_CLASSES), and CODE.junk the phrases and date
words of junk lines (JUNK_CLASSES); their headers describe them, and
src/depend.c reads the tables made of them.

Stopwords and boundary words are keyed by their NFKC case-folded form, the
form the tokenizer compares (one table: mask a marks stopwords, mask b
boundary words), and so are phrases (with a typographic apostrophe made ');
abbreviations are kept as written. All go into open-addressing hash tables
laid out here with the same 64-bit FNV-1a hash and linear probing as
src/lang.c reads them with, so lookups cost no start-up work. The tables
hold no pointers: an entry names its word by an offset into one array of
bytes (precis_lang_text), so that the tables are read-only data that no
relocation touches, in the shared library as in a position-independent
program, and a page of them is mapped from the file rather than copied.
"""
import os
import sys
import unicodedata

FNV_OFFSET = 14695981039346656037
FNV_PRIME = 1099511628211
MASK64 = (1 << 64) - 1


def fnv1a(data):
    h = FNV_OFFSET
    for b in data:
        h ^= b
        h = (h * FNV_PRIME) & MASK64
    return h


# Writing systems, as src/lang.h numbers them (precis_script).
SCRIPTS = ["Latin", "Cyrillic", "Greek", "Arabic", "Devanagari", "Armenian", "Ethiopic",
           "Myanmar", "Han", "Japanese"]

# Punctuation conventions, as src/lang.h names them (PRECIS_LANG_*).
FLAGS = {
    "ordinal-dot": "PRECIS_LANG_ORDINAL_DOT",
    "semicolon-question": "PRECIS_LANG_SEMICOLON_QUESTION",
    "colon-stop": "PRECIS_LANG_COLON_STOP",
    "unspaced": "PRECIS_LANG_UNSPACED",
    "elision": "PRECIS_LANG_ELISION",
}
ABBREV_CLASSES = {None: 0, "prefix": 1, "number": 2, "end": 3}
# Phrase classes, as src/lang.h numbers them (precis_phrase_class).
PHRASE_CLASSES = ["back", "section", "label", "salutation", "signoff", "compound-first",
                  "compound-last", "joiner"]
# Classes of CODE.deps: the four where an opener counts go into one table
# (masks a to d, as src/depend.c reads them), the other three into another
# (except a, speaker b, particle d), whose mask c marks the first words of
# longer entries.
DEP_OPENER_CLASSES = ("start", "clause", "early", "inner")
DEP_CLASSES = DEP_OPENER_CLASSES + ("except", "speaker", "particle")
# Classes of CODE.junk: phrases (numbered as src/lang.h's PRECIS_JUNK_PHRASE_*),
# and date words.
JUNK_PHRASE_CLASSES = ("start", "line", "anywhere")
JUNK_CLASSES = JUNK_PHRASE_CLASSES + ("date",)
# What src/depend.c (is_opening_mark) skips before it compares start and line
# phrases: such a phrase beginning with one of them could never match.
OPENING_MARKS = ("\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u300c\u300d\u300e\u300f\uff02"
                 "'\u2018\u2019\u201a([{\u2013\u2014-\u2022*\u00b7\u2026\u00bf\u00a1>|")
# What src/depend.c skips or maps before comparing words: apostrophes that
# stand for "'".
APOSTROPHES = {"\u2019": "'", "\u02bc": "'", "\u2018": "'", "`": "'", "\uff07": "'"}
HEADER_KEYS = ("name", "stemmer", "source", "script", "flags", "letters")


def fold(word):
    return unicodedata.normalize("NFKC", word).casefold()


def fold_marks(text):
    """fold() with the apostrophes made "'", as src/depend.c compares words."""
    return "".join(APOSTROPHES.get(c, c) for c in fold(text))


def is_word_char(c):
    return unicodedata.category(c)[0] in "LNM"


def is_unspaced(c):
    """Scripts written without spaces, as src/utf8.c lists them."""
    cp = ord(c)
    return (0x3040 <= cp <= 0x30FF or 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or
            0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x2FA1F or 0x0E00 <= cp <= 0x0EFF or
            0x1000 <= cp <= 0x109F or 0x1780 <= cp <= 0x17FF or 0xFF66 <= cp <= 0xFF9F)


def split_words(text):
    """Runs of characters between white space, each character of a script
    written without spaces a word of its own."""
    words = []
    for piece in text.split():
        run = ""
        for c in piece:
            if is_unspaced(c):
                if run:
                    words.append(run)
                    run = ""
                words.append(c)
            else:
                run += c
        if run:
            words.append(run)
    return words


def core(word):
    """A word without the characters that are not letters, marks or digits
    at its ends, folded."""
    a, b = 0, len(word)
    while a < b and not is_word_char(word[a]):
        a += 1
    while b > a and not is_word_char(word[b - 1]):
        b -= 1
    return fold_marks(word[a:b])


def read_classed(path, classes):
    """[(phrase, class)] of a CODE.deps or CODE.junk file."""
    entries = []
    _, lines = read_list(path)
    for line in lines:
        phrase, _, cls = line.rpartition(" ")
        phrase = phrase.strip()
        if cls not in classes or not phrase:
            sys.exit("%s: bad line %r" % (path, line))
        entries.append((phrase, cls))
    return entries


def fold_phrase(phrase):
    return fold(phrase).replace("\u2019", "'")


def read_list(path):
    meta, items = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            if line.startswith("#"):
                key, sep, value = line[1:].partition(":")
                if sep and key.strip() in HEADER_KEYS:
                    meta[key.strip()] = value.strip()
                continue
            items.append(line)
    return meta, items


def c_string(s):
    out = []
    for b in s.encode("utf-8"):
        if 32 <= b < 127 and chr(b) not in '"\\?':
            out.append(chr(b))
        else:
            out.append("\\%03o" % b)
    return '"' + "".join(out) + '"'


ABBREV_FILTER_LOG2 = 13  # as src/lang.h's PRECIS_ABBREV_FILTER_LOG2
DEP_FILTER_WORDS = 128  # as src/lang.h's PRECIS_DEP_FILTER_WORDS


def abbrev_filter_bit(key):
    """The bit of precis_abbrev_filter for an abbreviation: of the bytes
    after its first character, which lowering that character leaves as
    they are (src/lang.c computes the same)."""
    rest = key[len(key.decode("utf-8")[0].encode("utf-8")):]
    x = ((len(rest) << 16) | ((rest[0] << 8 | rest[-1]) if rest else 0)) & 0xFFFFFFFF
    return ((x * 0x9E3779B1) & 0xFFFFFFFF) >> (32 - ABBREV_FILTER_LOG2)


def dep_filter_hash(key):
    """src/depend.c's filter hash of a key: its first and last 8 bytes
    (low byte first) and its length, mixed."""
    head = int.from_bytes(key[:8], "little")
    tail = int.from_bytes(key[-8:], "little") if len(key) > 8 else 0
    h = ((head ^ ((tail * 0x9E3779B97F4A7C15) & MASK64)) + len(key)) & MASK64
    h ^= h >> 29
    h = (h * 0xBF58476D1CE4E5B9) & MASK64
    return h ^ (h >> 32)


def dep_filter(keys):
    """The bit set of src/depend.c's filters (two bits a key) of keys."""
    bits = [0] * DEP_FILTER_WORDS
    size = DEP_FILTER_WORDS * 64
    for key in keys:
        h = dep_filter_hash(key)
        for bit in (h % size, (h >> 32) % size):
            bits[bit >> 6] |= 1 << (bit & 63)
    return bits


def layout(entries):
    """entries: dict key(bytes) -> tuple of masks; returns slot list."""
    size = 16
    while size < 2 * len(entries):
        size *= 2
    slots = [None] * size
    for key in sorted(entries):
        i = fnv1a(key) & (size - 1)
        while slots[i] is not None:
            i = (i + 1) & (size - 1)
        slots[i] = (key, entries[key])
    return slots


class Text:
    """The bytes of every table's words, one after the other (each once),
    that entries name by offset."""

    def __init__(self):
        self.data = bytearray()
        self.offsets = {}

    def add(self, key):
        if key not in self.offsets:
            if len(self.data) + len(key) > 0xFFFFFFFF:
                sys.exit("the words do not fit 32-bit offsets")
            self.offsets[key] = len(self.data)
            self.data += key
        return self.offsets[key]

    def emit(self, out):
        # A list of numbers rather than a string literal: ISO C compilers
        # need not take a literal longer than 4,095 bytes.
        out.append("const char precis_lang_text[%d] = {" % max(len(self.data), 1))
        for i in range(0, len(self.data), 16):
            out.append("    " + " ".join("%d," % (b if b < 128 else b - 256)
                                         for b in self.data[i:i + 16]))
        if not self.data:
            out.append("    0,")
        out.append("};")


def emit_table(out, text, name, slots, entry="precis_lex_entry", braces=False):
    """The entries in slot order, then the slots: 0 when free, else the
    top 16 bits of the key's hash (a tag that rules out most other keys
    without reading their entry) over the entry's index + 1."""
    present = [slot for slot in slots if slot is not None]
    if len(present) >= 0xFFFF:
        sys.exit("%s: at most 65534 entries fit a slot's index" % name)
    out.append("static const %s %s_entries[%d] = {" % (entry, name, max(len(present), 1)))
    for key, masks in present:
        values = ", ".join("0x%016xULL" % m for m in masks)
        out.append("    {%du, %d, %s}," % (text.add(key), len(key),
                                           "{%s}" % values if braces else values))
    out.append("};")
    out.append("static const uint32_t %s[%d] = {" % (name, len(slots)))
    index = 0
    row = []
    for slot in slots:
        if slot is None:
            row.append("0")
        else:
            index += 1
            row.append("0x%08xu" % ((fnv1a(slot[0]) >> 48) << 16 | index))
        if len(row) == 8:
            out.append("    " + ", ".join(row) + ",")
            row = []
    if row:
        out.append("    " + ", ".join(row) + ",")
    out.append("};")


def main():
    output, lists = sys.argv[1], sorted(sys.argv[2:], key=os.path.basename)
    languages = []
    stop = {}
    boundary = {}
    abbrev = {}
    phrases = {}
    letters = {}
    openers, others, dates, junk_phrases = {}, {}, {}, {}
    max_words = 1
    longest = 1
    for path in lists:
        code = os.path.basename(path)[:-len(".txt")]
        meta, words = read_list(path)
        for key in ("name", "stemmer", "source", "script"):
            if key not in meta:
                sys.exit("%s: header line '# %s: ...' is missing" % (path, key))
        if meta["script"] not in SCRIPTS:
            sys.exit("%s: unknown script %r" % (path, meta["script"]))
        flags = meta.get("flags", "").split()
        for flag in flags:
            if flag not in FLAGS:
                sys.exit("%s: unknown flag %r" % (path, flag))
        bit = 1 << len(languages)
        languages.append((code, meta["name"], meta["stemmer"], SCRIPTS.index(meta["script"]),
                          " | ".join(FLAGS[f] for f in flags) or "0"))
        for w in words:
            key = fold(w).encode("utf-8")
            stop[key] = stop.get(key, 0) | bit
        for ch in meta.get("letters", "").replace(" ", ""):
            letters[ord(ch)] = letters.get(ord(ch), 0) | bit
        kpath = path[:-len(".txt")] + ".kw"
        if os.path.exists(kpath):
            for w in read_list(kpath)[1]:
                key = fold(w).encode("utf-8")
                boundary[key] = boundary.get(key, 0) | bit
        apath = path[:-len(".txt")] + ".abbrev"
        if not os.path.exists(apath):
            sys.exit("%s: the abbreviation list %s is missing" % (path, apath))
        _, lines = read_list(apath)
        for line in lines:
            parts = line.split()
            cls = parts[1] if len(parts) > 1 else None
            if cls not in ABBREV_CLASSES or len(parts) > 2:
                sys.exit("%s: bad line %r" % (apath, line))
            key = parts[0].encode("utf-8")
            masks = list(abbrev.get(key, (0, 0, 0, 0)))
            masks[ABBREV_CLASSES[cls]] |= bit
            abbrev[key] = tuple(masks)
        dpath = path[:-len(".txt")] + ".deps"
        if os.path.exists(dpath):
            for phrase, cls in read_classed(dpath, DEP_CLASSES):
                words = [c for c in (core(w) for w in split_words(phrase)) if c]
                if not words:
                    sys.exit("%s: %r has no word" % (dpath, phrase))
                key = " ".join(words).encode("utf-8")
                if cls in ("except", "speaker", "particle"):
                    masks = list(others.get(key, (0, 0, 0, 0)))
                    masks[{"except": 0, "speaker": 1, "particle": 3}[cls]] |= bit
                    others[key] = tuple(masks)
                else:
                    masks = list(openers.get(key, (0, 0, 0, 0)))
                    masks[DEP_OPENER_CLASSES.index(cls)] |= bit
                    openers[key] = tuple(masks)
                max_words = max(max_words, len(words))
                if cls != "speaker":
                    for j in range(1, len(words)):
                        prefix = " ".join(words[:j]).encode("utf-8")
                        masks = list(others.get(prefix, (0, 0, 0, 0)))
                        masks[2] |= bit
                        others[prefix] = tuple(masks)
                longest = max([longest] + [len(w.encode("utf-8")) for w in words])
        jpath = path[:-len(".txt")] + ".junk"
        if os.path.exists(jpath):
            for phrase, cls in read_classed(jpath, JUNK_CLASSES):
                longest = max([longest] + [len(core(w).encode("utf-8")) for w in phrase.split()])
                if cls in ("start", "line") and phrase[0] in OPENING_MARKS:
                    sys.exit("%s: %r: a %s phrase is compared after the opening marks, "
                             "so it cannot begin with one" % (jpath, phrase, cls))
                if cls == "date":
                    key = core(phrase).encode("utf-8")
                    dates[key] = dates.get(key, 0) | bit
                else:
                    key = (" ".join(fold_marks(phrase).split()).encode("utf-8"),
                           JUNK_PHRASE_CLASSES.index(cls))
                    junk_phrases[key] = junk_phrases.get(key, 0) | bit
        ppath = path[:-len(".txt")] + ".phrases"
        if os.path.exists(ppath):
            _, lines = read_list(ppath)
            for line in lines:
                cls, _, phrase = line.partition(" ")
                if cls not in PHRASE_CLASSES or not phrase.strip():
                    sys.exit("%s: bad line %r" % (ppath, line))
                key = fold_phrase(" ".join(phrase.split())).encode("utf-8")
                masks = list(phrases.get(key, (0,) * len(PHRASE_CLASSES)))
                masks[PHRASE_CLASSES.index(cls)] |= bit
                phrases[key] = tuple(masks)
    # The last bit is the undetermined language's: no list has it.
    if len(languages) > 63:
        sys.exit("at most 63 languages fit the lexicon's masks")

    stop_slots = layout({k: (stop.get(k, 0), boundary.get(k, 0), 0, 0)
                         for k in set(stop) | set(boundary)})
    abbrev_slots = layout(abbrev)
    out = ["/* Generated by tools/gen_langdata.py from stopwords/: do not edit. */",
           '#include "lang.h"', "",
           "const precis_language precis_languages[] = {"]
    for code, name, stemmer, script, flags in languages:
        out.append("    {%s, %s, %s, %d, %s}," % (
            c_string(code), c_string(name), "NULL" if stemmer == "none" else c_string(stemmer),
            script, flags))
    # The undetermined language: text in a script that no language here
    # writes. It has no stopwords, abbreviations, phrases or stemmer.
    out.append("    {\"und\", \"undetermined\", NULL, -1, 0},")
    out.append("};")
    out.append("const size_t precis_language_total = %d;" % len(languages))
    codes = [lang[0] for lang in languages]
    if "en" not in codes:
        sys.exit("English (en.txt) is missing: phrases fall back to it")
    out.append("const int precis_lang_english = %d;" % codes.index("en"))
    out.append("")
    text = Text()
    emit_table(out, text, "stop_slots", stop_slots)
    out.append("const precis_lex_table precis_stopwords = {stop_slots, stop_slots_entries, %d};"
               % (len(stop_slots) - 1))
    # Mask a of every stopword entry, in entry order, apart, with the share
    # of a vote each of its languages gets: detection reads only these, 16
    # bytes of a dense array rather than a 48-byte entry, and no count of
    # bits. The share is 1.0 / count as C computes it, written in hex to
    # keep every bit.
    stop_masks = [slot[1][0] for slot in stop_slots if slot is not None] or [0]
    out.append("const precis_stopword_vote precis_stopword_votes[%d] = {" % len(stop_masks))
    for i in range(0, len(stop_masks), 2):
        out.append("    " + " ".join(
            "{0x%016xULL, %s}," % (m, (1.0 / bin(m).count("1")).hex() if m else "0.0")
            for m in stop_masks[i:i + 2]))
    out.append("};")
    out.append("")
    emit_table(out, text, "abbrev_slots", abbrev_slots)
    out.append("const precis_lex_table precis_abbreviations = {abbrev_slots, abbrev_slots_entries, %d};"
               % (len(abbrev_slots) - 1))
    bits = [0] * ((1 << ABBREV_FILTER_LOG2) // 64)
    for key in abbrev:
        bit = abbrev_filter_bit(key)
        bits[bit >> 6] |= 1 << (bit & 63)
    out.append("const uint64_t precis_abbrev_filter[%d] = {" % len(bits))
    for i in range(0, len(bits), 4):
        out.append("    " + ", ".join("0x%016xULL" % m for m in bits[i:i + 4]) + ",")
    out.append("};")
    out.append("")
    phrase_slots = layout(phrases)
    emit_table(out, text, "phrase_slots", phrase_slots, "precis_phrase_entry", braces=True)
    out.append("const precis_phrase_table precis_phrases = {phrase_slots, phrase_slots_entries, %d};"
               % (len(phrase_slots) - 1))
    out.append("")
    for name, table in (("dep_openers", openers), ("dep_others", others),
                        ("junk_dates", dates)):
        slots = layout({k: (v if isinstance(v, tuple) else (v, 0, 0, 0))
                        for k, v in table.items()})
        emit_table(out, text, name + "_slots", slots)
        out.append("const precis_lex_table precis_%s = {%s_slots, %s_slots_entries, %d};"
                   % (name, name, name, len(slots) - 1))
        out.append("")
    # src/depend.c's filters, per language (the undetermined one last, with
    # none): its openers (any mask), its others of masks a and c, its date
    # words; made here, so that a process reads its language's alone.
    out.append("const uint64_t precis_dep_filters[][3 * PRECIS_DEP_FILTER_WORDS] = {")
    for i in range(len(languages) + 1):
        bit = 1 << i
        words = (dep_filter(k for k, m in openers.items() if (m[0] | m[1] | m[2] | m[3]) & bit) +
                 dep_filter(k for k, m in others.items() if (m[0] | m[2]) & bit) +
                 dep_filter(k for k, m in dates.items() if m & bit))
        out.append("    {")
        for j in range(0, len(words), 4):
            out.append("        " + ", ".join("0x%016xULL" % w for w in words[j:j + 4]) + ",")
        out.append("    },")
    out.append("};")
    out.append("")
    out.append("const size_t precis_dep_max_words = %d;" % max_words)
    out.append("const size_t precis_dep_longest_word = %d;" % longest)
    # Sorted by their bytes, so that the phrases that begin with a byte
    # are a range of the array; the ranges are indexed by that byte.
    ordered = sorted(junk_phrases)
    out.append("const precis_junk_phrase precis_junk_phrases[] = {")
    for (key, cls) in ordered:
        out.append("    {%s, %d, %d, 0x%016xULL}," % (c_string(key.decode("utf-8")), len(key), cls,
                                                     junk_phrases[(key, cls)]))
    out.append("};")
    out.append("const size_t precis_junk_phrase_total = %d;" % len(junk_phrases))
    first = [0] * 257
    for byte in range(256):
        first[byte + 1] = first[byte] + sum(1 for key, _ in ordered if key[0] == byte)
    out.append("const uint16_t precis_junk_phrase_first[257] = {")
    for row in range(0, 257, 12):
        out.append("    " + " ".join("%d," % v for v in first[row:row + 12]))
    out.append("};")
    out.append("")
    out.append("const precis_marker_letter precis_marker_letters[] = {")
    for cp in sorted(letters):
        out.append("    {0x%04X, 0x%016xULL}," % (cp, letters[cp]))
    out.append("};")
    out.append("const size_t precis_marker_letter_total = %d;" % len(letters))
    out.append("")
    text.emit(out)
    with open(output, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
