/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * segment.c - sentence boundaries.
 *
 * Everything here is linear in the input. One forward pass reads every
 * byte (measure_text): it measures the lines and marks the bytes that can
 * end a sentence or open or close a quotation. The rest reads the lines,
 * then the marks of each run of lines in order, quotations paired with a
 * small stack ENCLOSURE_LIMIT bytes ahead of the terminators (the one
 * look-ahead the boundaries need). Around a terminator the look-behind and
 * look-ahead are capped at LOOK_LIMIT bytes so that a megabyte-long "word"
 * cannot make the scan quadratic; from a line's end (line_end,
 * ends_on_stopword) only its closing punctuation and last word are read.
 */
#include "segment.h"

#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "lang.h"
#include "phrases.h"
#include "utf8.h"
#include "util.h"

#define LOOK_LIMIT PRECIS_LOOK_LIMIT

/* A line that reads as a heading has at most this many words. */
#define HEADING_MAX_WORDS 15

/* Lines of at most this many words, none with a terminator, are items of
 * a list or a menu rather than wrapped prose. */
#define ITEM_MAX_WORDS 5

/* A quotation or aside longer than this (about two short sentences) is
 * not protected: a long quotation is reported speech whose sentences stand
 * alone, and past it an unbalanced mark grows likelier. On the development
 * news sets 160 bytes keeps every ROUGE figure at or above no protection,
 * where 200 and more cost the BBC set. */
#define ENCLOSURE_LIMIT 160

/* Quotations are paired at least ENCLOSURE_LIMIT bytes ahead of the
 * terminator scan, in steps of this many bytes. */
#define ENCLOSURE_STEP 4096

/* Open quotations and brackets tracked at once. */
#define ENCLOSURE_DEPTH 8

/* After an ambiguous abbreviation, a sentence of at most this many words
 * ("At 5 a.m.", "In the U.S.") is an opening phrase, not a sentence. */
#define FRAGMENT_MAX_WORDS 3

/* Opening quotes, brackets and dashes skipped to find the first letter of
 * a sentence or line ("(«“Yes"): a few, however many the text has. */
#define OPENERS_SKIPPED 8

/* In hard-wrapped text a line shorter than this share of the longest
 * line (in tenths) may be a heading; a longer one is wrapped prose. */
#define HEADING_WIDTH_TENTHS 7

void precis_segmenter_free(precis_segmenter *seg)
{
    if (seg == NULL)
        return;
    free(seg->spans);
    free(seg->lines);
    free(seg->enclosures);
    free(seg->marks);
    precis_folder_free(&seg->folder);
    memset(seg, 0, sizeof *seg);
}

/* What one call works on: the input and the language's conventions. */
typedef struct splitter {
    precis_segmenter *seg;
    const char *text;
    int lang;
    uint32_t flags;  /* PRECIS_LANG_* */
    int period_ends; /* whether '.' is a terminator in this text (see measure_text) */
    int letter_case; /* PRECIS_CASE_* */
} splitter;

/* ------------------------------------------------------------------ */
/* Character classes specific to sentence ends                        */

enum {
    TERM_NONE = 0,
    TERM_DOT,      /* . */
    TERM_ELLIPSIS, /* … or a run of periods */
    TERM_STRONG,   /* ! ? and their counterparts in other scripts */
    TERM_FINAL     /* 。 । ። and others that no text uses inside a sentence */
};

/* The ASCII characters any of the classes below can hold; every other
 * ASCII character (letters, digits, spaces) is rejected by one lookup, which
 * is most of the text. */
static const unsigned char ascii_punctuation[128] = {
    ['.'] = 1, ['!'] = 1, ['?'] = 1, [';'] = 1, [':'] = 1, ['"'] = 1, ['\''] = 1,
    ['('] = 1, [')'] = 1, ['['] = 1, [']'] = 1, ['{'] = 1, ['}'] = 1,
};

static inline int plain_ascii(int32_t cp)
{
    return cp >= 0 && cp < 0x80 && !ascii_punctuation[cp];
}

/* terminator_class of a character that is not plain ASCII. */
static int terminator_class_punct(const splitter *sp, int32_t cp)
{
    switch (cp) {
    case '.':
        return sp->period_ends ? TERM_DOT : TERM_NONE;
    case 0x2026: /* … */
        return TERM_ELLIPSIS;
    case ';':
        return sp->flags & PRECIS_LANG_SEMICOLON_QUESTION ? TERM_STRONG : TERM_NONE;
    case ':':
        return sp->flags & PRECIS_LANG_COLON_STOP ? TERM_STRONG : TERM_NONE;
    case '!':
    case '?':
    case 0x203C: /* ‼ */
    case 0x2047: /* ⁇ */
    case 0x2048: /* ⁈ */
    case 0x2049: /* ⁉ */
    case 0x037E: /* Greek question mark */
    case 0x055C: /* Armenian exclamation mark */
        return TERM_STRONG;
    case 0x0589: /* Armenian full stop */
    case 0x061F: /* Arabic question mark */
    case 0x06D4: /* Arabic (Urdu) full stop */
    case 0x0964: /* Devanagari danda */
    case 0x0965: /* Devanagari double danda */
    case 0x1362: /* Ethiopic full stop */
    case 0x1367: /* Ethiopic question mark */
    case 0x1368: /* Ethiopic paragraph separator */
    case 0x104B: /* Myanmar section */
    case 0x17D4: /* Khmer khan */
    case 0x3002: /* 。 */
    case 0xFF01: /* ！ */
    case 0xFF0E: /* ． (not between digits: see run_at) */
    case 0xFF1F: /* ？ */
    case 0xFF61: /* ｡ */
    case 0xFE52: /* small full stop */
        return TERM_FINAL;
    default:
        return TERM_NONE;
    }
}

/* Most characters the splitter asks about are plain ASCII: told without
 * a call. */
static inline int terminator_class(const splitter *sp, int32_t cp)
{
    return plain_ascii(cp) ? TERM_NONE : terminator_class_punct(sp, cp);
}

static int is_dash(int32_t cp)
{
    return cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2015 || cp == 0x2212;
}

/* Bullets that start a list item at the start of a line. */
static int is_bullet(int32_t cp)
{
    return cp == '-' || cp == '*' || cp == '+' || cp == 0x2022 || cp == 0x00B7 || cp == 0x2023 ||
           cp == 0x25E6 || cp == 0x2043 || cp == 0x2013 || cp == 0x2014 || cp == 0x25AA ||
           cp == 0x25CF || cp == 0x25A0 || cp == 0x2219 || cp == 0x25BA;
}

/* Bullets that start an item inside a line too ("• one • two"): the ones
 * no text uses as a dash or an operator. */
static int is_inline_bullet(int32_t cp)
{
    return is_bullet(cp) && cp >= 0x2000;
}

static int is_roman_letter(int32_t cp)
{
    switch (cp) {
    case 'i': case 'v': case 'x': case 'l': case 'c': case 'd': case 'm':
    case 'I': case 'V': case 'X': case 'L': case 'C': case 'D': case 'M':
        return 1;
    default:
        return 0;
    }
}

/* Quotes of every script and convention (“…”, „…“, »…«, «…», 「…」): after a
 * terminator any of them closes, whichever way it faces. */
static int is_quote(int32_t cp)
{
    if (plain_ascii(cp))
        return 0;
    return cp == '"' || cp == '\'' || cp == 0xAB || cp == 0xBB || cp == 0x2039 ||
           cp == 0x203A || (cp >= 0x2018 && cp <= 0x201F) || (cp >= 0x300C && cp <= 0x300F) ||
           (cp >= 0x301D && cp <= 0x301F);
}

/* The code point before text[pos], or ' ' at the start. */
static int32_t cp_before(const char *text, size_t floor, size_t pos)
{
    size_t prev;
    return pos > floor ? precis_utf8_prev(text, pos, &prev) : ' ';
}

/* The code point at text[pos], or ' ' at the end. */
static int32_t cp_at(const char *text, size_t limit, size_t pos)
{
    return pos < limit ? precis_utf8_next(text, limit, &pos) : ' ';
}

/* ------------------------------------------------------------------ */
/* Marks                                                              */

/* The pass over the text (measure_text) sets a bit in seg->marks for each
 * byte that starts a code point the boundary scans act on: the ASCII
 * punctuation of ascii_punctuation, and from U+0080 up the spaces,
 * terminators, quotes and brackets (is_marked_nonascii). The scans then
 * go from mark to mark and read the bytes between them only where a list
 * marker is expected after a space. Bit b of word w is byte 64 w + b. */

static inline void set_mark(uint64_t *marks, size_t pos)
{
    marks[pos >> 6] |= (uint64_t)1 << (pos & 63);
}

/* The first marked byte in [pos, end), or end. */
static inline size_t next_mark(const uint64_t *marks, size_t pos, size_t end)
{
    if (pos >= end)
        return end;
    size_t word = pos >> 6;
    uint64_t bits = marks[word] & (~(uint64_t)0 << (pos & 63));
    while (bits == 0) {
        if ((++word << 6) >= end)
            return end;
        bits = marks[word];
    }
    size_t at = (word << 6) + (size_t)__builtin_ctzll(bits);
    return at < end ? at : end;
}

/* ------------------------------------------------------------------ */
/* Spans                                                              */

static int has_wordchar(const char *text, size_t start, size_t end)
{
    size_t pos = start;
    while (pos < end)
        if (precis_is_wordchar(precis_utf8_next(text, end, &pos)))
            return 1;
    return 0;
}

static void trim(const char *text, size_t *start, size_t *end)
{
    size_t s = *start, e = *end;
    while (s < e) {
        size_t next = s;
        if (!precis_is_space(precis_utf8_next(text, e, &next)))
            break;
        s = next;
    }
    while (e > s) {
        size_t prev;
        if (!precis_is_space(precis_utf8_prev(text, e, &prev)))
            break;
        e = prev;
    }
    *start = s;
    *end = e;
}

static precis_status emit(precis_segmenter *seg, const char *text, size_t start, size_t end,
                          uint32_t flags, int *emitted)
{
    trim(text, &start, &end);
    *emitted = 0;
    if (start >= end || !has_wordchar(text, start, end))
        return PRECIS_OK;
    if (PRECIS_RESERVE(seg->spans, seg->cap, seg->count + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    seg->spans[seg->count++] = (precis_span){start, end, flags};
    *emitted = 1;
    return PRECIS_OK;
}

/* ------------------------------------------------------------------ */
/* Words around a terminator                                          */

typedef precis_word_ref word_ref;

/* How precis_word_before's ASCII loop reads a byte: WORD_STOP for white
 * space and for the bytes of multibyte characters, WORD_MARK for '.' and
 * '\''. */
enum { WORD_STOP = 1, WORD_MARK = 2 };
static const unsigned char word_byte[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 2, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

precis_word_ref precis_word_before(const char *text, size_t floor, size_t end)
{
    word_ref w = {end, end, 0, 0};
    /* ASCII that is no white space first, byte by byte (each is its own
     * code point), as far as the loop below would take it; that loop then
     * reads the byte this one stops at, and goes on only past a multibyte
     * character. */
    size_t low = end - floor > LOOK_LIMIT ? end - LOOK_LIMIT : floor;
    unsigned marked = 0;
    while (w.start > low) {
        unsigned k = word_byte[(unsigned char)text[w.start - 1]];
        if (k & WORD_STOP)
            break;
        marked |= k;
        w.start--;
    }
    size_t ascii_start = w.start;
    while (w.start > floor) {
        size_t prev;
        int32_t cp = precis_utf8_prev(text, w.start, &prev);
        if (precis_is_space(cp))
            break;
        if (end - prev > LOOK_LIMIT) {
            w.truncated = 1;
            break;
        }
        w.start = prev;
    }
    /* Skipping the opening marks below only shortens a plain word. */
    w.plain = !(marked & WORD_MARK) && w.start == ascii_start;
    for (;;) {
        size_t next = w.start;
        int32_t cp = next < w.end ? precis_utf8_next(text, w.end, &next) : 0;
        /* "``" opens a quotation in text typed for TeX or tokenised. */
        if (!precis_is_opening(cp) && cp != '`')
            break;
        w.start = next;
    }
    return w;
}

/* The run of word characters that starts at `start`. */
static word_ref word_after(const char *text, size_t limit, size_t start)
{
    word_ref w = {start, start, 0, 0};
    while (w.end < limit) {
        size_t next = w.end;
        if (!precis_is_wordchar(precis_utf8_next(text, limit, &next)))
            break;
        if (next - start > LOOK_LIMIT) {
            w.truncated = 1;
            break;
        }
        w.end = next;
    }
    return w;
}

/* The only code point of w when it is a single letter, else 0. */
static int32_t single_letter(const char *text, word_ref w)
{
    if (w.start >= w.end)
        return 0;
    size_t pos = w.start;
    int32_t cp = precis_utf8_next(text, w.end, &pos);
    return pos == w.end && precis_is_letter(cp) ? cp : 0;
}

/* "U.S", "e.g", "a.m", "Ph.D", "т.е", "J.-C", "c.-à-d": a token with inner
 * periods whose parts are all short runs of letters (hyphens join parts
 * too). */
static int is_dotted_abbreviation(const char *text, word_ref w)
{
    /* Most words before a period hold none of their own. */
    if (w.plain || w.start == w.end || memchr(text + w.start, '.', w.end - w.start) == NULL)
        return 0;
    int dots = 0;
    size_t part = 0;
    for (size_t pos = w.start; pos < w.end;) {
        int32_t cp = precis_utf8_next(text, w.end, &pos);
        if (cp == '.') {
            if (part == 0)
                return 0;
            dots++;
            part = 0;
        } else if (cp == '-' && dots > 0) {
            part = 0;
        } else if (precis_is_letter(cp) && part < 3) {
            part++;
        } else if (!precis_is_wordchar(cp) || precis_is_letter(cp) || precis_is_digit(cp)) {
            return 0; /* marks (accents, vowel signs) extend the letter before them */
        }
    }
    return dots > 0 && part > 0;
}

/* Whether w is all decimal digits (at most `max` of them). */
static int is_small_number(const char *text, word_ref w, size_t max)
{
    size_t n = w.end - w.start;
    if (n == 0 || n > max)
        return 0;
    for (size_t i = w.start; i < w.end; i++)
        if (text[i] < '0' || text[i] > '9')
            return 0;
    return 1;
}

/* "XIV", "II": a Roman numeral in capitals. */
static int is_roman_numeral(const char *text, word_ref w)
{
    size_t n = w.end - w.start;
    if (n == 0 || n > 7)
        return 0;
    for (size_t i = w.start; i < w.end; i++)
        if (!is_roman_letter((unsigned char)text[i]) || (text[i] >= 'a' && text[i] <= 'z'))
            return 0;
    return 1;
}

/* A numbered or lettered list marker: "1", "12", "a", "iv", and the same
 * after a bullet ("⁃9"). */
static int is_list_marker(const char *text, word_ref w)
{
    size_t pos = w.start;
    if (pos < w.end && is_inline_bullet(precis_utf8_next(text, w.end, &pos)))
        w.start = pos;
    size_t n = w.end - w.start;
    if (n == 0 || n > 4)
        return 0;
    int digits = 1, roman = 1;
    for (size_t i = w.start; i < w.end; i++) {
        unsigned char c = (unsigned char)text[i];
        digits &= c >= '0' && c <= '9';
        roman &= is_roman_letter(c);
    }
    int letter = n == 1 && (((text[w.start] | 0x20) >= 'a') && ((text[w.start] | 0x20) <= 'z'));
    return (digits && n <= 3) || roman || letter;
}

static int is_stopword_at(precis_segmenter *seg, const char *text, word_ref w, int lang)
{
    if (w.truncated || w.end == w.start)
        return 0;
    const char *folded;
    size_t folded_len;
    if (precis_fold(&seg->folder, text + w.start, w.end - w.start, &folded, &folded_len) !=
        PRECIS_OK)
        return 0;
    return precis_is_stopword(lang, folded, folded_len);
}

/* Whether a token contains '@', '/' or a period followed by a word
 * character: then it is an address or a file name, not two sentences. */
static int looks_like_address(const char *text, size_t start, size_t limit)
{
    size_t end = start;
    while (end < limit && end - start < LOOK_LIMIT && !precis_is_space((unsigned char)text[end]))
        end++;
    for (size_t i = start; i < end; i++) {
        char c = text[i];
        if (c == '@' || c == '/')
            return 1;
        if (c == '.' && i + 1 < end) {
            size_t next = i + 1;
            if (precis_is_wordchar(precis_utf8_next(text, end, &next)))
                return 1;
        }
    }
    return 0;
}

/* Up to `cap` white-space separated words in text[start, end). */
static size_t count_words(const char *text, size_t start, size_t end, size_t cap)
{
    size_t words = 0;
    int in_word = 0;
    for (size_t i = start; i < end && words <= cap; i++) {
        int space = precis_is_space((unsigned char)text[i]);
        words += !space && !in_word;
        in_word = !space;
    }
    return words;
}

/* ------------------------------------------------------------------ */
/* Quotations and asides                                              */

/* The marks that can close an enclosure opened by `open`: up to two, -1
 * for none. */
static void closers_of(int32_t open, int32_t out[2])
{
    out[0] = out[1] = -1;
    switch (open) {
    case '(': out[0] = ')'; break;
    case '[': out[0] = ']'; break;
    case '{': out[0] = '}'; break;
    case 0xFF08: out[0] = 0xFF09; break; /* （） */
    case 0xFF3B: out[0] = 0xFF3D; break; /* ［］ */
    case 0x300A: out[0] = 0x300B; break; /* 《》 */
    case 0x3008: out[0] = 0x3009; break; /* 〈〉 */
    case 0x300C: out[0] = 0x300D; break; /* 「」 */
    case 0x300E: out[0] = 0x300F; break; /* 『』 */
    case 0x3010: out[0] = 0x3011; break; /* 【】 */
    case 0x3014: out[0] = 0x3015; break; /* 〔〕 */
    case '"': out[0] = '"'; break;
    case '\'': out[0] = '\''; out[1] = 0x2019; break;
    case 0x201C: out[0] = 0x201D; out[1] = 0x201C; break; /* “” and ““ typed alike */
    case 0x2018: out[0] = 0x2019; break;                  /* ‘’ */
    case 0x201E: out[0] = 0x201C; out[1] = 0x201D; break; /* „“ and „” */
    case 0x201A: out[0] = 0x2018; out[1] = 0x2019; break; /* ‚‘ */
    case 0x201D: out[0] = 0x201D; break;                  /* Swedish ”” */
    case 0xAB: out[0] = 0xBB; break;                      /* «» */
    case 0xBB: out[0] = 0xAB; out[1] = 0xBB; break;       /* German »«, Swedish »» */
    case 0x2039: out[0] = 0x203A; break;                  /* ‹› */
    case 0x203A: out[0] = 0x2039; out[1] = 0x203A; break;
    default: break;
    }
}

static int is_bracket_open(int32_t cp)
{
    if (plain_ascii(cp))
        return 0;
    return cp == '(' || cp == '[' || cp == '{' || cp == 0xFF08 || cp == 0xFF3B ||
           (cp >= 0x3008 && cp <= 0x3014 && cp % 2 == 0 && cp != 0x3012);
}

static int is_bracket_close(int32_t cp)
{
    if (plain_ascii(cp))
        return 0;
    return cp == ')' || cp == ']' || cp == '}' || cp == 0xFF09 || cp == 0xFF3D ||
           (cp >= 0x3009 && cp <= 0x3015 && cp % 2 == 1 && cp != 0x3013);
}

/* The enclosures open at a point of the text, innermost last: the mark
 * that opened each and where its record is in seg->enclosures. When more
 * than ENCLOSURE_DEPTH are open the outermost is forgotten. */
typedef struct enclosure_stack {
    struct {
        int32_t cp;
        size_t record;
    } open[ENCLOSURE_DEPTH];
    size_t depth;
} enclosure_stack;

static void stack_push(enclosure_stack *s, int32_t cp, size_t record)
{
    if (s->depth == ENCLOSURE_DEPTH) {
        memmove(s->open, s->open + 1, (ENCLOSURE_DEPTH - 1) * sizeof s->open[0]);
        s->depth--;
    }
    s->open[s->depth].cp = cp;
    s->open[s->depth].record = record;
    s->depth++;
}

/* Closes the innermost enclosure that the mark cp at text[at] can close
 * (a bracket also drops the unclosed quotes above its match; a quote only
 * closes the innermost); returns whether one closed. */
static int stack_close(enclosure_stack *s, precis_enclosure *records, int32_t cp, size_t at,
                       int bracket_close, int may_close)
{
    for (size_t d = s->depth; d > 0; d--) {
        int32_t can[2];
        closers_of(s->open[d - 1].cp, can);
        if ((can[0] == cp || can[1] == cp) && (bracket_close || may_close)) {
            precis_enclosure *e = &records[s->open[d - 1].record];
            if (at - e->open <= ENCLOSURE_LIMIT)
                e->close = at;
            s->depth = d - 1;
            return 1;
        }
        if (!bracket_close)
            return 0;
    }
    return 0;
}

/* The quotations and bracketed asides of a run of lines, text[start,
 * end), found as the terminator scan goes, ENCLOSURE_LIMIT bytes ahead of
 * it: no closing mark further on can close one that opened before the
 * terminator. */
typedef struct enclosure_scan {
    size_t start;
    size_t end;
    size_t pos;   /* the marks before it are read */
    size_t count; /* records in seg->enclosures, in the order they open */
    enclosure_stack stack;
} enclosure_scan;

/* Reads the marks of the run up to `until` at least (ENCLOSURE_STEP bytes
 * at a time) and records the quotations and asides they open and close
 * (closed ones only, at most ENCLOSURE_LIMIT bytes long). Straight and
 * ambiguous quotes open where they lean on the following word and close
 * where they lean on the preceding one; an apostrophe inside a word is
 * neither. */
static precis_status find_enclosures(splitter *sp, enclosure_scan *scan, size_t until)
{
    precis_segmenter *seg = sp->seg;
    const char *text = sp->text;
    if (scan->pos >= until)
        return PRECIS_OK;
    if (until - scan->pos < ENCLOSURE_STEP)
        until = scan->pos + ENCLOSURE_STEP;
    size_t start = scan->start, end = scan->end, limit = until < end ? until : end;
    size_t pos = scan->pos;
    scan->pos = limit;
    while ((pos = next_mark(seg->marks, pos, limit)) < limit) {
        size_t at = pos;
        switch (text[pos]) {
        case '.': case '!': case '?': case ';': case ':':
            pos++;
            continue; /* the commonest marks, which neither open nor close */
        default:
            break;
        }
        int32_t cp = precis_utf8_next(text, end, &pos);
        int bracket_open = is_bracket_open(cp), bracket_close = is_bracket_close(cp);
        if (!bracket_open && !bracket_close && !is_quote(cp))
            continue;
        int32_t prev = cp_before(text, start, at);
        int32_t next = cp_at(text, end, pos);
        int leans_left = !precis_is_space(prev) && !precis_is_opening(prev) && !is_dash(prev);
        int leans_right = precis_is_wordchar(next) || precis_is_opening(next);
        if ((cp == '\'' || cp == 0x2019) && precis_is_wordchar(prev) &&
            precis_is_wordchar(next))
            continue; /* don't, l'homme */
        /* « „ ‚ and brackets always open; other marks open where they
         * lean on the next word, and otherwise close. */
        int opens = bracket_open || cp == 0xAB || cp == 0x201E || cp == 0x201A;
        int closed = !opens && stack_close(&scan->stack, seg->enclosures, cp, at, bracket_close,
                                           leans_left || !leans_right);
        int32_t can[2];
        closers_of(cp, can);
        if (!closed && can[0] >= 0 && (opens || (leans_right && !leans_left))) {
            if (PRECIS_RESERVE(seg->enclosures, seg->enclosures_cap, scan->count + 1) !=
                PRECIS_OK)
                return PRECIS_ERR_NOMEM;
            seg->enclosures[scan->count] = (precis_enclosure){at, 0};
            stack_push(&scan->stack, cp, scan->count++);
        }
    }
    return PRECIS_OK;
}

/* Whether the code point cp (from U+0080 up) is one the boundary scans act
 * on: a space (before a list marker), a terminator, a quote or a bracket. */
static int is_marked_nonascii(const splitter *sp, int32_t cp)
{
    return precis_is_space_nonascii(cp) || terminator_class(sp, cp) != TERM_NONE ||
           is_quote(cp) || is_bracket_open(cp) || is_bracket_close(cp);
}

/* ------------------------------------------------------------------ */
/* Inline lists                                                       */

/* The marker that would start the next item of a list whose current item
 * starts at text[pos]: "1) " expects "2)", "b. " expects "c.", "• "
 * expects "•". len is 0 when the item starts with no marker. */
typedef struct next_marker {
    char bytes[16];
    size_t len;
    int bullet; /* a bullet needs no space after it */
} next_marker;

static next_marker expect_marker(const char *text, size_t pos, size_t end)
{
    next_marker m = {{0}, 0, 0};
    size_t start = pos;
    int32_t cp = cp_at(text, end, pos);
    if (is_inline_bullet(cp)) {
        precis_utf8_next(text, end, &pos);
        memcpy(m.bytes, text + start, pos - start);
        m.len = pos - start;
        m.bullet = 1;
        return m;
    }
    int paren = pos < end && text[pos] == '(';
    pos += (size_t)paren;
    size_t digits = 0;
    unsigned long number = 0;
    while (pos + digits < end && digits < 3 && text[pos + digits] >= '0' &&
           text[pos + digits] <= '9')
        number = number * 10 + (unsigned long)(text[pos + digits++] - '0');
    char letter = 0;
    size_t body = digits;
    if (digits == 0 && pos < end && (text[pos] | 0x20) >= 'a' && (text[pos] | 0x20) <= 'y') {
        letter = text[pos];
        body = 1;
    }
    if (body == 0)
        return m;
    size_t after = pos + body;
    const char *suffix = NULL;
    if (paren) {
        if (after < end && text[after] == ')')
            suffix = ")";
    } else if (after + 1 < end && text[after] == '.' && text[after + 1] == ')') {
        suffix = ".)";
    } else if (after < end && text[after] == ')') {
        suffix = ")";
    } else if (after < end && text[after] == '.' &&
               (digits > 0 || (letter >= 'a' && letter <= 'z'))) {
        suffix = ".";
    }
    if (suffix == NULL)
        return m;
    after += strlen(suffix);
    if (after >= end || !precis_is_space((unsigned char)text[after]))
        return m;
    int n = 0;
    if (paren)
        m.bytes[n++] = '(';
    if (digits > 0)
        n += snprintf(m.bytes + n, sizeof m.bytes - (size_t)n, "%lu", number + 1);
    else
        m.bytes[n++] = (char)(letter + 1);
    n += snprintf(m.bytes + n, sizeof m.bytes - (size_t)n, "%s", suffix);
    m.len = (size_t)n;
    return m;
}

/* Whether the expected next list marker starts at text[pos]. */
static int marker_at(const char *text, size_t pos, size_t end, const next_marker *m)
{
    if (m->len == 0 || end - pos < m->len || memcmp(text + pos, m->bytes, m->len) != 0)
        return 0;
    return m->bullet || (pos + m->len < end && precis_is_space((unsigned char)text[pos + m->len]));
}

/* Where a list marker is expected, the first ASCII white space in
 * text[pos, mark) that the marker follows, else mark: the spaces from
 * U+0080 up are marked, ASCII ones are not. */
static size_t space_before_marker(const char *text, size_t pos, size_t mark, size_t end,
                                  const next_marker *m)
{
    while (pos < mark) {
        unsigned char byte = (unsigned char)text[pos];
        if (byte >= 0x80) {
            precis_utf8_next(text, end, &pos);
            continue;
        }
        if (precis_is_space(byte) && marker_at(text, pos + 1, end, m))
            return pos;
        pos++;
    }
    return mark;
}

/* ------------------------------------------------------------------ */
/* The boundary decision                                              */

typedef struct terminator {
    size_t at;  /* first byte of the terminator run */
    size_t end; /* one past the run and any closing quotes or brackets */
    int kind;   /* strongest TERM_* in the run */
    int dots;
    int spaced; /* ". . ." */
    int closed; /* ends with a closing quote or bracket */
} terminator;

/* Reads the terminator run that starts at t->at (its first code point
 * already decoded into t): the rest of the run ("?!", "...", ". . ."),
 * then the quotes and brackets that close after it. */
static void read_run(const splitter *sp, size_t sent, size_t end, terminator *t)
{
    const char *text = sp->text;
    int glued = !precis_is_space(cp_before(text, sent, t->at));
    while (t->end < end) {
        size_t after = t->end;
        int32_t cp = precis_utf8_next(text, end, &after);
        int more = terminator_class(sp, cp);
        if (more != TERM_NONE && !t->closed) {
            if (cp == '.')
                t->dots++;
            if (more > t->kind)
                t->kind = more;
        } else if (cp == ' ' && t->dots > 0 && !t->closed && after < end && text[after] == '.' &&
                   (after + 1 >= end || text[after + 1] != '.')) {
            /* A spaced ellipsis. After a word ("compounds. . . . The") the
             * first period ends the sentence and the ellipsis opens the
             * next one, when a capital follows it. */
            if (glued && t->dots == 1 && t->kind == TERM_DOT) {
                size_t look = t->end;
                int more_dots = 0;
                while (look + 1 < end && text[look] == ' ' && text[look + 1] == '.') {
                    look += 2;
                    more_dots++;
                }
                while (look < end && text[look] == ' ')
                    look++;
                if (more_dots >= 3 && precis_is_upper(cp_at(text, end, look)))
                    break;
            }
            after++;
            t->dots++;
            t->spaced = 1;
        } else if (precis_is_space(cp) && !precis_is_linebreak(cp) && after < end) {
            /* French typography spaces the closing guillemet: "parti. »" */
            size_t quote_end = after;
            int32_t quote = precis_utf8_next(text, end, &quote_end);
            if (quote != 0xBB && quote != 0x203A)
                break;
            after = quote_end;
            t->closed = 1;
        } else if (precis_is_closing(cp) || is_quote(cp)) {
            /* An apostrophe ("Jr.'s") is not a closing quote, nor is a
             * quote that opens on the next word ("“来！”“好！”"). */
            int32_t following = cp_at(text, end, after);
            if ((cp == '\'' || cp == 0x2019) && precis_is_letter(following))
                break;
            if (precis_is_opening(cp) && !precis_is_closing(cp) && precis_is_wordchar(following))
                break;
            t->closed = 1;
        } else {
            break;
        }
        t->end = after;
    }
    if (t->kind == TERM_DOT && t->dots > 1)
        t->kind = TERM_ELLIPSIS;
}

/* The abbreviation class of w, or of what follows an elided article in it
 * ("l'art", "L'Ing"). */
static int abbreviation_class(const splitter *sp, word_ref w)
{
    const char *text = sp->text;
    int (*lookup)(int, const char *, size_t) = sp->letter_case == PRECIS_CASE_MIXED
                                                   ? precis_abbrev_class
                                                   : precis_abbrev_class_caseless;
    int cls = lookup(sp->lang, text + w.start, w.end - w.start);
    /* The first apostrophe, ' or U+2019 (E2 80 99: a lead byte always
     * starts a code point), before the word's last character. */
    if (cls != PRECIS_ABBREV_NONE || w.plain)
        return cls;
    for (size_t i = w.start; i + 1 < w.end; i++) {
        unsigned char c = (unsigned char)text[i];
        size_t after;
        if (c == '\'')
            after = i + 1;
        else if (c == 0xE2 && w.end - i >= 3 && memcmp(text + i, "\xE2\x80\x99", 3) == 0)
            after = i + 3;
        else
            continue;
        return after < w.end ? lookup(sp->lang, text + after, w.end - after) : cls;
    }
    return cls;
}

/* The letters and digits of word w, or SIZE_MAX when it holds a period,
 * '@', '/' or ':' (an address, a file name, an earlier period): no glued
 * boundary follows such a word. */
static size_t plain_word_chars(const char *text, word_ref w)
{
    size_t wordchars = 0;
    for (size_t i = w.start; i < w.end;) {
        char c = text[i];
        if (c == '.' || c == '@' || c == '/' || c == ':')
            return SIZE_MAX;
        wordchars += precis_is_wordchar(precis_utf8_next(text, w.end, &i));
    }
    return wordchars;
}

/* Glued paragraphs ("Pyrénées.Alors que", "(38%).C'est", "км².Мемлекет"):
 * a word of at least two letters or digits, or a closing bracket, a
 * terminator and straight on a capitalised word. */
static int is_glued_boundary(const splitter *sp, size_t sent, size_t limit, const terminator *t)
{
    const char *text = sp->text;
    if (t->kind != TERM_DOT && t->kind != TERM_STRONG)
        return 0;
    int32_t prev = cp_before(text, sent, t->at);
    /* Unspaced scripts need no space after a sentence: "好!我们". */
    if (precis_is_unspaced(cp_at(text, limit, t->end)) &&
        (t->kind == TERM_STRONG || !precis_is_digit(prev)))
        return 1;
    if (!precis_is_wordchar(prev) && !precis_is_closing(prev))
        return 0;
    word_ref w = precis_word_before(text, sent, t->at);
    if (w.truncated)
        return 0;
    size_t wordchars = plain_word_chars(text, w);
    if (wordchars == SIZE_MAX)
        return 0;
    if (wordchars < 2)
        return 0;
    if (abbreviation_class(sp, w) != PRECIS_ABBREV_NONE)
        return 0;
    size_t pos = t->end;
    if (pos >= limit || !precis_is_upper(precis_utf8_next(text, limit, &pos)))
        return 0;
    if (pos >= limit)
        return 0;
    int32_t second = precis_utf8_next(text, limit, &pos);
    if (!precis_is_lower(second) && second != '\'' && second != 0x2019 && second != ' ')
        return 0; /* "ASP.NET" is a name; "over?I think" is not */
    return !looks_like_address(text, t->end, limit);
}

/* The endings of web addresses and file names: "example.com",
 * "index.html" are no glued sentences in a text without capitals. */
static int is_address_suffix(const char *text, word_ref w)
{
    static const char *const suffixes[] = {
        "com", "org", "net", "edu", "gov", "int", "mil", "info", "biz", "io", "co", "uk", "us",
        "eu", "fr", "de", "es", "it", "nl", "be", "ch", "at", "ca", "au", "ru", "jp", "cn",
        "in", "br", "pl", "se", "no", "dk", "fi", "pt", "ie", "tv", "me", "ly", "html", "htm",
        "php", "asp", "aspx", "pdf", "txt", "doc", "docx", "jpg", "jpeg", "png", "gif", "csv",
        "xml", "json", "zip", "exe", "mp3", "mp4",
    };
    size_t n = w.end - w.start;
    for (size_t k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++) {
        const char *x = suffixes[k];
        size_t i = 0;
        while (i < n && x[i] != '\0' && (text[w.start + i] | 0x20) == x[i])
            i++;
        if (i == n && x[i] == '\0')
            return 1;
    }
    return 0;
}

/* A period glued to the next word in a text without capitals
 * ("pyrénées.alors", "(38%).c'est", "CHANCE.THE"): a sentence ends there
 * after a word of at least two letters or digits, or a closing bracket,
 * that is no abbreviation, before a word of two letters or more (or a
 * function word), unless the pair is an address or a file name. */
static int is_glued_caseless(splitter *sp, size_t sent, size_t limit, const terminator *t)
{
    const char *text = sp->text;
    if (t->kind != TERM_DOT && t->kind != TERM_STRONG)
        return 0;
    int32_t prev = cp_before(text, sent, t->at);
    if (!precis_is_wordchar(prev) && !precis_is_closing(prev) && prev != '%')
        return 0;
    word_ref w = precis_word_before(text, sent, t->at);
    if (w.truncated)
        return 0;
    size_t wordchars = plain_word_chars(text, w);
    if (wordchars == SIZE_MAX)
        return 0;
    if ((wordchars < 2 && precis_is_wordchar(prev)) || abbreviation_class(sp, w) != PRECIS_ABBREV_NONE)
        return 0;
    size_t first = t->end;
    if (first < limit && precis_is_opening(cp_at(text, limit, first)))
        precis_utf8_next(text, limit, &first);
    word_ref next = word_after(text, limit, first);
    if (next.end == next.start || !precis_is_letter(cp_at(text, limit, next.start)))
        return 0;
    size_t letters = 0;
    for (size_t pos = next.start; pos < next.end && letters < 2; letters++)
        precis_utf8_next(text, next.end, &pos);
    if (letters < 2 && !is_stopword_at(sp->seg, text, next, sp->lang))
        return 0;
    if (is_address_suffix(text, next) || is_address_suffix(text, w))
        return 0;
    return !looks_like_address(text, t->end, limit);
}

/* "a.m", "P.M": after a time of day any capital starts a sentence. */
static int is_time_of_day(const char *text, word_ref w)
{
    if (w.end - w.start != 3)
        return 0;
    char first = (char)(text[w.start] | 0x20);
    return (first == 'a' || first == 'p') && text[w.start + 1] == '.' &&
           (text[w.start + 2] | 0x20) == 'm';
}

/* After an ambiguous abbreviation, whether the word at `first` clearly
 * starts a sentence: a capitalised function word ("The", "How") or a
 * title ("Mr."), or any capital after a time of day, after a sentence
 * longer than an opening phrase. */
static int starts_sentence_after_abbreviation(splitter *sp, size_t sent, size_t limit,
                                              word_ref abbrev, size_t first)
{
    const char *text = sp->text;
    word_ref next = word_after(text, limit, first);
    int dotted = next.end < limit && text[next.end] == '.';
    int title = dotted && precis_abbrev_class(sp->lang, text + next.start,
                                              next.end - next.start) == PRECIS_ABBREV_PREFIX;
    /* A function word is whole: "J." in "av. J.-C." is not French "j'". */
    int function_word = !dotted && is_stopword_at(sp->seg, text, next, sp->lang);
    if (!title && !function_word && !is_time_of_day(text, abbrev))
        return 0;
    if (abbrev.end - sent > LOOK_LIMIT * 4)
        return 1;
    return count_words(text, sent, abbrev.end, FRAGMENT_MAX_WORDS) > FRAGMENT_MAX_WORDS;
}

/* What the boundary handlers need to know about a terminator: the
 * sentence so far, text[sent, t->at), and what follows the terminator. */
typedef struct boundary_view {
    size_t sent;
    size_t word_at; /* the sentence's first letter or digit */
    size_t limit;
    size_t first;   /* the next sentence's first letter or digit, past openers */
    int32_t cp;     /* and that character */
    int capital;    /* whether the next word counts as capitalised ("The", "iPhone") */
} boundary_view;

/* "...", "…": "[...]" marks an omission and ". . ." inside a sentence is
 * one too; otherwise an ellipsis ends a sentence before a capital. */
static int ellipsis_boundary(const splitter *sp, const terminator *t, const boundary_view *v)
{
    int32_t before = cp_before(sp->text, v->sent, t->at);
    if (before == '[' || before == '(' || (t->spaced && t->dots == 3))
        return 0;
    return v->capital;
}

/* A period before a capital or a digit: a boundary unless it ends an
 * abbreviation, an initial or an ordinal that the next word continues. */
static int dot_boundary(splitter *sp, const terminator *t, const boundary_view *v)
{
    const char *text = sp->text;
    word_ref w = precis_word_before(text, v->sent, t->at);
    if (w.start == w.end || w.truncated)
        return 1;
    if (is_list_marker(text, w) && v->word_at >= w.start)
        return 0;
    int cls = abbreviation_class(sp, w);
    if (cls == PRECIS_ABBREV_PREFIX)
        return 0;
    if (cls == PRECIS_ABBREV_NUMBER)
        return !precis_is_digit(v->cp);
    if (cls == PRECIS_ABBREV_END)
        return v->capital;
    int ordinal = (sp->flags & PRECIS_LANG_ORDINAL_DOT) &&
                  (is_small_number(text, w, 3) || is_roman_numeral(text, w));
    int abbreviation = cls == PRECIS_ABBREV_MAY_END || precis_is_upper(single_letter(text, w)) ||
                       is_dotted_abbreviation(text, w) || ordinal;
    if (!abbreviation)
        return 1;
    if (precis_is_digit(v->cp))
        return 0;
    /* "I. J. Franko": an initial before another initial. */
    word_ref next_word = word_after(text, v->limit, v->first);
    if (precis_is_upper(single_letter(text, w)) &&
        precis_is_upper(single_letter(text, next_word)) && next_word.end < v->limit &&
        text[next_word.end] == '.')
        return 0;
    /* After an abbreviation a capital alone proves nothing ("U.S.
     * Government"); a capitalised function word ("The", "How") does. */
    return starts_sentence_after_abbreviation(sp, v->sent, v->limit, w, v->first);
}

/* "iPhone", "eBay": a word that starts with a small letter and has a
 * capital among its next few letters is a name, as good as a capital. */
static int has_inner_capital(const char *text, size_t limit, size_t pos)
{
    precis_utf8_next(text, limit, &pos);
    for (int i = 0; i < 3 && pos < limit; i++) {
        int32_t cp = precis_utf8_next(text, limit, &pos);
        if (precis_is_upper(cp))
            return 1;
        if (!precis_is_letter(cp))
            return 0;
    }
    return 0;
}

/* Whether w is a word that joins words or clauses in language lang
 * ("and", "of"): such a word hardly ever starts a sentence. */
static int is_joiner_at(precis_segmenter *seg, const char *text, word_ref w, int lang)
{
    if (w.truncated || w.end == w.start)
        return 0;
    const char *folded;
    size_t folded_len;
    if (precis_fold(&seg->folder, text + w.start, w.end - w.start, &folded, &folded_len) !=
        PRECIS_OK)
        return 0;
    return precis_is_phrase(lang, PRECIS_PHRASE_JOINER, folded, folded_len);
}

/* In a text without capitals, what follows a terminator decides by its
 * words. A joining word ("and", "of") never starts a sentence after a
 * "?", a "!" or a closing quotation mark, which otherwise end one. A
 * period ends a sentence after a word that is no abbreviation; after an
 * abbreviation, an initial or an ordinal only a function word that does
 * not join ("the", "he") starts a new sentence; a title ("mr.") never
 * ends one, nor does an ellipsis. */
static int caseless_boundary(splitter *sp, const terminator *t, const boundary_view *v)
{
    const char *text = sp->text;
    if (t->kind == TERM_ELLIPSIS)
        return 0;
    word_ref next = word_after(text, v->limit, v->first);
    int joiner = is_joiner_at(sp->seg, text, next, sp->lang);
    if (t->kind != TERM_DOT || t->closed)
        return !joiner;
    word_ref w = precis_word_before(text, v->sent, t->at);
    if (w.start == w.end || w.truncated)
        return 1;
    if (is_list_marker(text, w) && v->word_at >= w.start)
        return 0;
    int cls = abbreviation_class(sp, w);
    if (cls == PRECIS_ABBREV_PREFIX)
        return 0;
    int ordinal = (sp->flags & PRECIS_LANG_ORDINAL_DOT) &&
                  (is_small_number(text, w, 3) || is_roman_numeral(text, w));
    if (cls == PRECIS_ABBREV_NONE && !ordinal && !single_letter(text, w) &&
        !is_dotted_abbreviation(text, w))
        return 1;
    return !joiner && next.end < v->limit && text[next.end] != '.' &&
           is_stopword_at(sp->seg, text, next, sp->lang);
}

/* The sentence so far is text[sent, t->at); its first letter or digit is
 * at word_at (t->at or later when there is none). */
static int is_boundary(splitter *sp, size_t sent, size_t word_at, size_t limit,
                       const terminator *t)
{
    const char *text = sp->text;
    /* Marks before any word ("... and then") open the sentence. */
    if (word_at >= t->at)
        return 0;
    size_t next = t->end;
    while (next < limit) {
        size_t after = next;
        if (!precis_is_space(precis_utf8_next(text, limit, &after)))
            break;
        next = after;
    }
    if (t->kind == TERM_FINAL) {
        /* "。！？" end a sentence, except 「…。」と言った: a quotation that
         * a word continues (in unspaced scripts, after a space too). */
        int continued = precis_is_wordchar(cp_at(text, limit, next)) &&
                        (next == t->end || (sp->flags & PRECIS_LANG_UNSPACED));
        return !(t->closed && continued);
    }
    if (next >= limit)
        return 1;
    if (next == t->end)
        return sp->letter_case == PRECIS_CASE_MIXED ? is_glued_boundary(sp, sent, limit, t)
                                                     : is_glued_caseless(sp, sent, limit, t);

    boundary_view v = {sent, word_at, limit, next, 0, 0};
    for (int i = 0; i < OPENERS_SKIPPED && v.first < limit; i++) {
        size_t after = v.first;
        v.cp = precis_utf8_next(text, limit, &after);
        if (!precis_is_opening(v.cp) && !is_dash(v.cp))
            break;
        v.first = after;
    }
    if (sp->letter_case == PRECIS_CASE_LOWER && precis_is_lower(v.cp))
        return caseless_boundary(sp, t, &v);
    v.capital = precis_is_upper(v.cp) || has_inner_capital(text, limit, v.first);
    if (precis_is_lower(v.cp) && !v.capital)
        return 0;
    switch (t->kind) {
    case TERM_ELLIPSIS:
        return ellipsis_boundary(sp, t, &v);
    case TERM_DOT:
        return dot_boundary(sp, t, &v);
    default:
        return 1; /* "?" and "!" before anything but a lower-case word */
    }
}

/* The first letter or digit at or after text[pos], or end. */
static size_t first_wordchar(const char *text, size_t pos, size_t end)
{
    while (pos < end) {
        size_t next = pos;
        if (precis_is_wordchar(precis_utf8_next(text, end, &next)))
            return pos;
        pos = next;
    }
    return end;
}

/* ------------------------------------------------------------------ */
/* Datelines                                                          */

/* A dateline is at most this long: "LOS ANGELES, California, Oct. 20,
 * 1999 (NYT28) --" and a little more. */
#define DATELINE_MAX_BYTES 120
/* Words in a place name ("Polk City", "SAO PAULO"), in the name in
 * brackets of a news agency ("The Hollywood Reporter"), and the place's
 * parts after it (", Florida", ", South Carolina"). */
#define PLACE_MAX_WORDS 4
#define AGENCY_MAX_WORDS 4
#define REGION_MAX_PARTS 2

static size_t skip_blanks(const char *text, size_t pos, size_t limit)
{
    while (pos < limit && (text[pos] == ' ' || text[pos] == '\t'))
        pos++;
    return pos;
}

/* A word that starts with a capital at text[pos] (any letter in a text
 * without capitals, any_case): letters, apostrophes, periods and hyphens
 * after it ("O'Hare", "D.C.", "Port-au-Prince"). Returns its end, pos when
 * there is none; clears *all_caps when it has a small letter. */
static size_t capitalised_word(const char *text, size_t pos, size_t limit, int any_case,
                               int *all_caps)
{
    size_t at = pos;
    int32_t first = pos < limit ? precis_utf8_next(text, limit, &at) : 0;
    if (!precis_is_upper(first) && !(any_case && precis_is_letter(first)))
        return pos;
    if (precis_is_lower(first))
        *all_caps = 0;
    size_t end = at;
    while (end < limit) {
        size_t next = end;
        int32_t cp = precis_utf8_next(text, limit, &next);
        if (precis_is_lower(cp))
            *all_caps = 0;
        else if (!precis_is_letter(cp) && cp != '\'' && cp != 0x2019 && cp != '.' && cp != '-')
            break;
        end = next;
    }
    return end;
}

/* A place name: up to PLACE_MAX_WORDS capitalised words. */
static size_t place_name(const char *text, size_t pos, size_t limit, int any_case, int *all_caps)
{
    size_t end = pos;
    for (int words = 0; words < PLACE_MAX_WORDS; words++) {
        size_t start = words == 0 ? pos : skip_blanks(text, end, limit);
        if (words > 0 && start == end)
            break;
        size_t word_end = capitalised_word(text, start, limit, any_case, all_caps);
        if (word_end == start)
            break;
        end = word_end;
    }
    return end;
}

/* "Oct. 20", "March 8, 1996": an English month, a day and maybe a year,
 * as the news wires date their copy. */
static size_t wire_date(const char *text, size_t pos, size_t limit)
{
    static const char *const months[] = {
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr",
        "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    };
    size_t end = pos;
    for (size_t k = 0; k < sizeof months / sizeof months[0] && end == pos; k++) {
        size_t n = strlen(months[k]);
        if (limit - pos > n && memcmp(text + pos, months[k], n) == 0 &&
            (text[pos + n] == ' ' || text[pos + n] == '.'))
            end = pos + n;
    }
    if (end == pos)
        return pos;
    if (text[end] == '.')
        end++;
    end = skip_blanks(text, end, limit);
    size_t digits = 0;
    while (end + digits < limit && digits < 3 && text[end + digits] >= '0' && text[end + digits] <= '9')
        digits++;
    if (digits == 0 || digits > 2)
        return pos;
    end += digits;
    size_t year = skip_blanks(text, end + (end < limit && text[end] == ','), limit);
    if (end < limit && text[end] == ',' && limit - year >= 4) {
        size_t k = 0;
        while (k < 4 && text[year + k] >= '0' && text[year + k] <= '9')
            k++;
        if (k == 4)
            end = year + 4;
    }
    return end;
}

/* "(CNN)", "(Reuters)", "(NYT28)", "(The Hollywood Reporter)": a news
 * agency in brackets, up to AGENCY_MAX_WORDS words of which the first is
 * capitalised (or "the"). Returns the end past ')', pos when there is
 * none; sets *numbered for a feed code with digits ("NYT28"). */
static size_t agency(const char *text, size_t pos, size_t limit, int any_case, int *numbered)
{
    *numbered = 0;
    if (pos >= limit || text[pos] != '(')
        return pos;
    size_t at = pos + 1;
    int caps = 1;
    if (limit - at > 4 && memcmp(text + at, "the ", 4) == 0)
        at += 4;
    if (capitalised_word(text, at, limit, any_case, &caps) == at)
        return pos;
    for (int words = 0; at < limit && at - pos < DATELINE_MAX_BYTES / 2; at++) {
        unsigned char c = (unsigned char)text[at];
        if (c == ')')
            return words < AGENCY_MAX_WORDS ? at + 1 : pos;
        if (c == ' ')
            words++;
        else if (c >= '0' && c <= '9')
            *numbered = 1;
        else if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && c != '.' && c != '&' &&
                 c != '\'' && c != '-')
            return pos;
    }
    return pos;
}

/* A dash that separates a dateline from its story ("--", "-", "_" before
 * a space; an em or en dash), returning its end; pos when there is none. */
static size_t dateline_dash(const char *text, size_t pos, size_t limit)
{
    if (pos < limit && (text[pos] == '-' || text[pos] == '_')) {
        size_t end = pos + 1 + (pos + 1 < limit && text[pos + 1] == '-');
        return end >= limit || precis_is_space((unsigned char)text[end]) ? end : pos;
    }
    size_t end = pos;
    int32_t cp = pos < limit ? precis_utf8_next(text, limit, &end) : 0;
    return cp == 0x2013 || cp == 0x2014 ? end : pos;
}

/* Where the dateline that opens text[pos, limit) ends, pos when none
 * does: "NEW YORK (AP) --", "London (CNN)", "Los Angeles, April 5
 * (Xinhua) --", "WASHINGTON --", "(NYT28) NEW YORK -- Oct. 20, 1999 --".
 * A place alone, without an agency, counts only in capitals, in a text
 * that writes in both cases (or after a feed code); an agency counts when
 * a dash follows it or a capital is glued to it ("(CNN)James"). */
static size_t dateline_end(const splitter *sp, size_t pos, size_t limit)
{
    const char *text = sp->text;
    if (limit - pos > DATELINE_MAX_BYTES)
        limit = pos + DATELINE_MAX_BYTES;
    int numbered, fed = 0, all_caps = 1;
    int any_case = sp->letter_case == PRECIS_CASE_LOWER;
    size_t at = agency(text, pos, limit, any_case, &numbered);
    if (at > pos && numbered && at < limit && text[at] == ' ') {
        fed = 1; /* "(NYT28) NEW YORK --" */
        at = skip_blanks(text, at, limit);
    } else {
        at = pos;
    }
    size_t place_start = at;
    at = place_name(text, at, limit, any_case, &all_caps);
    int placed = at > place_start;
    for (int parts = 0; placed && parts <= REGION_MAX_PARTS && at < limit && text[at] == ',';
         parts++) {
        size_t part = skip_blanks(text, at + 1, limit);
        size_t date_end = wire_date(text, part, limit);
        if (date_end > part) {
            at = date_end;
            break;
        }
        int caps = all_caps;
        size_t region_end = place_name(text, part, limit, any_case, &caps);
        if (region_end == part)
            break;
        at = region_end;
        all_caps = caps;
    }
    size_t end = pos;
    size_t next = skip_blanks(text, at, limit);
    size_t agency_end = agency(text, next, limit, any_case, &numbered);
    if (agency_end > next) {
        int32_t glued = cp_at(text, limit, agency_end);
        if (agency_end < limit && (precis_is_upper(glued) || precis_is_opening(glued) ||
                                   glued == '"' || (any_case && precis_is_letter(glued))))
            return agency_end;
        next = skip_blanks(text, agency_end, limit);
        end = dateline_dash(text, next, limit);
    } else if (placed && all_caps && (fed || sp->letter_case == PRECIS_CASE_MIXED)) {
        end = dateline_dash(text, next, limit);
    }
    if (end == pos || end == next)
        return pos;
    /* "-- Oct. 20, 1999 --": the wire's date after the place. */
    size_t date = skip_blanks(text, end, limit);
    size_t date_end = wire_date(text, date, limit);
    if (date_end > date) {
        size_t dash = skip_blanks(text, date_end, limit);
        size_t dash_end = dateline_dash(text, dash, limit);
        if (dash_end > dash)
            end = dash_end;
    }
    return end;
}

/* Finds the sentences of text[start, end), a run of lines with no forced
 * break inside. */
static precis_status scan_region(splitter *sp, size_t start, size_t end, uint32_t region_flags)
{
    const char *text = sp->text;
    precis_status st;
    enclosure_scan enclosures = {start, end, start, 0, {.depth = 0}};
    size_t enc_next = 0, enc_close = 0; /* furthest close of those opened so far */

    size_t sent = start, pos = start;
    uint32_t flags = region_flags;
    int emitted;
    size_t dateline = dateline_end(sp, start, end);
    if (dateline > start) {
        if ((st = emit(sp->seg, text, start, dateline, flags | PRECIS_SPAN_DATELINE, &emitted)) !=
            PRECIS_OK)
            return st;
        sent = pos = dateline;
    }
    size_t word_at = first_wordchar(text, sent, end);
    next_marker marker = expect_marker(text, skip_blanks(text, sent, end), end);
    while (pos < end) {
        size_t at = next_mark(sp->seg->marks, pos, end);
        if (marker.len > 0)
            at = space_before_marker(text, pos, at, end, &marker);
        if (at >= end)
            break;
        pos = at;
        int32_t cp = precis_utf8_next(text, end, &pos);
        if (precis_is_space(cp) && marker.len > 0 && marker_at(text, pos, end, &marker)) {
            if ((st = emit(sp->seg, text, sent, pos, flags, &emitted)) != PRECIS_OK)
                return st;
            if (emitted)
                flags = region_flags & ~(uint32_t)PRECIS_SPAN_PARAGRAPH_START;
            sent = pos;
            word_at = first_wordchar(text, sent, end);
            marker = expect_marker(text, pos, end);
            continue;
        }
        int kind = terminator_class(sp, cp);
        if (kind == TERM_NONE)
            continue;
        if (cp == 0xFF0E && precis_is_digit(cp_before(text, start, at)) &&
            precis_is_digit(cp_at(text, end, pos)))
            continue; /* ３．２９ */
        terminator t = {at, pos, kind, cp == '.', 0, 0};
        read_run(sp, sent, end, &t);
        pos = t.end;
        if ((st = find_enclosures(sp, &enclosures, at + ENCLOSURE_LIMIT)) != PRECIS_OK)
            return st;
        const precis_enclosure *enc = sp->seg->enclosures;
        while (enc_next < enclosures.count && enc[enc_next].open < at) {
            if (enc[enc_next].close > enc_close)
                enc_close = enc[enc_next].close;
            enc_next++;
        }
        if (enc_close >= t.end)
            continue; /* inside a quotation or an aside that goes on */
        if (!is_boundary(sp, sent, word_at, end, &t))
            continue;
        if ((st = emit(sp->seg, text, sent, t.end, flags, &emitted)) != PRECIS_OK)
            return st;
        if (emitted)
            flags = region_flags & ~(uint32_t)PRECIS_SPAN_PARAGRAPH_START;
        sent = t.end;
        word_at = first_wordchar(text, sent, end);
        size_t item = sent;
        while (item < end && precis_is_space((unsigned char)text[item]))
            item++;
        marker = expect_marker(text, item, end);
    }
    return emit(sp->seg, text, sent, end, flags, &emitted);
}

/* ------------------------------------------------------------------ */
/* Lines                                                              */

/* Length of the line break at text[i], 0 if there is none; *hard is set
 * for breaks that separate paragraphs by themselves (FF, U+2029). */
static size_t linebreak_len(const char *text, size_t len, size_t i, int *hard)
{
    unsigned char c = (unsigned char)text[i];
    *hard = 0;
    switch (c) {
    case '\n':
    case '\v':
        return 1;
    case '\f':
        *hard = 1;
        return 1;
    case '\r':
        return i + 1 < len && text[i + 1] == '\n' ? 2 : 1;
    case 0xC2:
        return i + 1 < len && (unsigned char)text[i + 1] == 0x85 ? 2 : 0;
    case 0xE2:
        if (i + 2 < len && (unsigned char)text[i + 1] == 0x80 &&
            ((unsigned char)text[i + 2] == 0xA8 || (unsigned char)text[i + 2] == 0xA9)) {
            *hard = (unsigned char)text[i + 2] == 0xA9;
            return 3;
        }
        return 0;
    default:
        return 0;
    }
}

/* The case of a text is judged on its first bytes, so that a book costs
 * no more than an article, and on at least this many letters that have a
 * case. */
#define CASE_SAMPLE_BYTES 65536
#define CASE_MIN_LETTERS 20

static int letter_case_of(size_t upper, size_t lower)
{
    if (upper + lower < CASE_MIN_LETTERS)
        return PRECIS_CASE_MIXED;
    if (upper * 100 <= upper + lower)
        return PRECIS_CASE_LOWER;
    if (lower * 100 <= upper + lower)
        return PRECIS_CASE_UPPER;
    return PRECIS_CASE_MIXED;
}

/* What measure_text knows of the line it is in: its content starts at the
 * first code point that is no white space and ends after the last one
 * (as trim would cut it), and the width and words up to that end. */
typedef struct line_tally {
    size_t start; /* SIZE_MAX until the content starts */
    size_t end;
    uint32_t width, width_at_end;
    size_t words, words_at_end;
    int in_word;
    uint8_t has_terminator; /* TERMINATED_* */
} line_tally;

/* What terminators a line holds: '.' apart, since whether it is one is
 * known only at the end of the text (see measure_text). */
enum { TERMINATED_OTHER = 1, TERMINATED_PERIOD = 2 };

/* Takes in the code point text[at, pos), cp, of the line's content (or of
 * the white space before it). Words are counted byte by byte as
 * count_words counts them. */
static inline void tally_code_point(line_tally *t, const char *text, size_t at, size_t pos,
                                    int space)
{
    if (t->start == SIZE_MAX) {
        if (space)
            return;
        t->start = at;
    }
    for (size_t b = at; b < pos; b++) {
        int byte_space = precis_is_space((unsigned char)text[b]);
        t->words += (size_t)(!byte_space && !t->in_word);
        t->in_word = !byte_space;
    }
    t->width++;
    if (!space) {
        t->end = pos;
        t->width_at_end = t->width;
        t->words_at_end = t->words;
    }
}

#if defined(__SSE2__)
#include <emmintrin.h>
/* measure_text takes its blocks sixteen bytes at a time where the machine
 * compares sixteen at once; elsewhere eight at a time in plain C. */
#define PRECIS_MEASURE_BLOCKS16

/* The sum of the 16 byte counts of v. */
static size_t sum16(__m128i v)
{
    uint64_t halves[2];
    _mm_storeu_si128((__m128i *)(void *)halves, _mm_sad_epu8(v, _mm_setzero_si128()));
    return (size_t)(halves[0] + halves[1]);
}

/* measure_text's eight-byte blocks, sixteen bytes at a time: takes in
 * blocks of text[*pos, stop) up to the first byte past printable ASCII
 * (that block as far as the byte before it), counting into t its words,
 * marks and terminators, and into *upper and *lower the letters (sample:
 * whether they are in the case sample); *printable is cleared where such
 * a byte stopped it. */
static void measure_blocks16(const char *text, size_t *pos, size_t stop, int sample,
                             line_tally *t, uint64_t *marks,
                             const unsigned char *ascii_terminator, size_t *upper,
                             size_t *lower, int *printable)
{
    const __m128i index = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const __m128i space = _mm_set1_epi8(' '), bit5 = _mm_set1_epi8(0x20);
    size_t at = *pos;
    while (*printable && stop - at >= 16) {
        /* Word starts and letters counted in each byte, summed before any
         * count passes 255. */
        __m128i starts = _mm_setzero_si128(), letters = starts, capitals = starts;
        size_t chunk_end = stop - at > 255 * 16 ? at + 255 * 16 : stop;
        while (chunk_end - at >= 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(text + at));
            /* A signed comparison: the bytes past ASCII are below ' ' too. */
            unsigned stops = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, space));
            unsigned taken = 16;
            if (stops != 0) {
                /* As the eight-byte blocks: taken in up to the first
                 * byte past printable ASCII, the bytes from there on read
                 * as spaces. */
                taken = (unsigned)__builtin_ctz(stops);
                if (taken == 0) {
                    *printable = 0;
                    break;
                }
                __m128i kept = _mm_cmpgt_epi8(_mm_set1_epi8((char)taken), index);
                v = _mm_or_si128(_mm_and_si128(kept, v), _mm_andnot_si128(kept, space));
                chunk_end = at + taken;
                *printable = 0;
            }
            /* v is printable ASCII now: signed comparisons hold. */
            __m128i word = _mm_cmpgt_epi8(v, space);
            __m128i before =
                _mm_or_si128(_mm_slli_si128(word, 1), _mm_cvtsi32_si128(t->in_word ? 0xFF : 0));
            starts = _mm_sub_epi8(starts, _mm_andnot_si128(before, word));
            t->in_word = _mm_movemask_epi8(word) >> 15;
            __m128i folded = _mm_or_si128(v, bit5); /* lower case */
            __m128i alpha = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                          _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
            if (sample) {
                /* Capitals are the letters without bit 5. */
                __m128i small = _mm_cmpeq_epi8(_mm_and_si128(v, bit5), bit5);
                letters = _mm_sub_epi8(letters, alpha);
                capitals = _mm_sub_epi8(capitals, _mm_andnot_si128(small, alpha));
            }
            __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                          _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
            unsigned other =
                (unsigned)_mm_movemask_epi8(_mm_andnot_si128(_mm_or_si128(alpha, digit), word));
            for (; other != 0; other &= other - 1) {
                size_t mark = at + (unsigned)__builtin_ctz(other);
                unsigned char byte = (unsigned char)text[mark];
                if (ascii_punctuation[byte]) {
                    set_mark(marks, mark);
                    t->has_terminator |= ascii_terminator[byte];
                }
            }
            at += taken;
        }
        t->words += sum16(starts);
        *upper += sum16(capitals);
        *lower += sum16(letters) - sum16(capitals);
    }
    *pos = at;
}
#endif

/* The one pass over the text: its lines, the text's letter case
 * (PRECIS_CASE_*) in *letter_case, from the letters of its first
 * CASE_SAMPLE_BYTES, the marks (see next_mark) and sp->period_ends. The
 * bytes between lines are line breaks and white space, which have no case.
 * Armenian writes its full stop as U+0589 (or ':'), and a period is then a
 * mid-sentence mark; a text typed without U+0589 uses periods. */
static precis_status measure_text(splitter *sp, size_t len, size_t *count, int *letter_case)
{
    size_t case_end = len < CASE_SAMPLE_BYTES ? len : CASE_SAMPLE_BYTES;
    size_t upper = 0, lower = 0;
    precis_segmenter *seg = sp->seg;
    const char *text = sp->text;
    size_t mark_words = len / 64 + 1;
    if (PRECIS_RESERVE(seg->marks, seg->marks_cap, mark_words) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    uint64_t *marks = seg->marks;
    memset(marks, 0, mark_words * sizeof *marks);
    /* Which ASCII punctuation ends a sentence in this text. */
    unsigned char ascii_terminator[128] = {['.'] = TERMINATED_PERIOD};
    for (const char *c = "!?;:"; *c != '\0'; c++)
        ascii_terminator[(unsigned char)*c] =
            terminator_class(sp, *c) != TERM_NONE ? TERMINATED_OTHER : 0;
    int full_stop = 0; /* U+0589 */
    /* A leading byte-order mark is an encoding signature, not text. */
    size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    size_t n = 0, pos = bom;
    for (;;) {
        line_tally t = {SIZE_MAX, 0, 0, 0, 0, 0, 0, 0};
        size_t brk = 0;
        int hard = 0;
        while (pos < len) {
            /* Eight bytes at once where they are printable ASCII in the
             * line's content, wholly in or out of the case sample. The
             * width and the content's end are settled after the run: its
             * bytes are a code point each, and the words counted after its
             * last non-space byte are none. */
            if (t.start != SIZE_MAX) {
                size_t stop = pos < case_end ? case_end : len;
                int sample = pos < case_end;
                size_t run = pos;
                int printable = 1;
#if defined(PRECIS_MEASURE_BLOCKS16)
                measure_blocks16(text, &pos, stop, sample, &t, marks, ascii_terminator, &upper,
                                 &lower, &printable);
#endif
                while (printable && stop - pos >= 8) {
                    /* Word starts and letters counted in each byte, summed
                     * before any count passes 255. */
                    uint64_t starts = 0, letters = 0, capitals = 0;
                    size_t chunk_end = stop - pos > 255 * 8 ? pos + 255 * 8 : stop;
                    while (chunk_end - pos >= 8) {
                        uint64_t v = precis_ascii_load8(text + pos);
                        uint64_t stops = (v & PRECIS_ASCII_HIGH) | precis_ascii_below8(v, ' ');
                        unsigned taken = 8;
                        if (stops != 0) {
                            /* The block is taken in up to its first byte
                             * past printable ASCII (found exactly: carries
                             * go only towards later bytes), the bytes from
                             * there on read as spaces. */
                            taken = precis_ascii_first8(stops);
                            if (taken == 0) {
                                printable = 0;
                                break;
                            }
                            uint64_t kept = ~(uint64_t)0 >> (64 - 8 * taken);
                            v = (v & kept) | (0x2020202020202020ULL & ~kept);
                            chunk_end = pos + taken;
                            printable = 0;
                        }
                        /* v is printable ASCII now: the tests below
                         * need not take out bytes past ASCII (those of
                         * ascii.h, with v's high bits cleared and
                         * known clear). A space is a byte below '!'. */
                        uint64_t space = ~(v + 0x5F5F5F5F5F5F5F5FULL) & PRECIS_ASCII_HIGH;
                        uint64_t word = space ^ PRECIS_ASCII_HIGH;
                        starts += precis_ascii_word_starts8(word, t.in_word) >> 7;
                        t.in_word = precis_ascii_top8(word);
                        uint64_t folded = v | 0x2020202020202020ULL; /* lower case */
                        uint64_t alpha = (folded + 0x1F1F1F1F1F1F1F1FULL) &
                                         ~(folded + 0x0505050505050505ULL) & PRECIS_ASCII_HIGH;
                        if (sample) {
                            /* Capitals are the letters without bit 5. */
                            letters += alpha >> 7;
                            capitals += (alpha & ~(v << 2)) >> 7;
                        }
                        uint64_t digit = (v + 0x5050505050505050ULL) &
                                         ~(v + 0x4646464646464646ULL) & PRECIS_ASCII_HIGH;
                        uint64_t alnum = alpha | digit;
                        for (uint64_t other = word & ~alnum; other != 0;
                             other &= other - 1) {
                            size_t at = pos + precis_ascii_first8(other);
                            unsigned char byte = (unsigned char)text[at];
                            if (ascii_punctuation[byte]) {
                                set_mark(marks, at);
                                t.has_terminator |= ascii_terminator[byte];
                            }
                        }
                        pos += taken;
                    }
                    t.words += precis_ascii_sum8(starts);
                    upper += precis_ascii_sum8(capitals);
                    lower += precis_ascii_sum8(letters) - precis_ascii_sum8(capitals);
                }
                if (pos > run) {
                    /* From the run's last byte: a block taken in partly
                     * read its top bytes as spaces. */
                    t.in_word = text[pos - 1] != ' ';
                    size_t last = pos;
                    while (last > run && text[last - 1] == ' ')
                        last--;
                    if (last > run) {
                        t.end = last;
                        t.width_at_end = t.width + (uint32_t)(last - run);
                        t.words_at_end = t.words;
                    }
                    t.width += (uint32_t)(pos - run);
                    /* The run stopped at a byte the blocks do not take, at
                     * the sample's end or less than a block before the
                     * end: that byte goes below, one at a time. */
                    if (pos >= len)
                        break;
                }
            }
            unsigned char byte = (unsigned char)text[pos];
            if (byte < 0x80) {
                if (byte <= '\r' && (brk = linebreak_len(text, len, pos, &hard)) > 0)
                    break;
                int space = byte == ' ' || byte == '\t';
                tally_code_point(&t, text, pos, pos + 1, space);
                if (t.start != SIZE_MAX && pos < case_end) {
                    upper += (unsigned)(byte - 'A') < 26;
                    lower += (unsigned)(byte - 'a') < 26;
                }
                if (ascii_punctuation[byte]) {
                    set_mark(marks, pos);
                    t.has_terminator |= ascii_terminator[byte];
                }
                pos++;
                continue;
            }
            size_t at = pos;
            int32_t cp = precis_utf8_next(text, len, &pos);
            if (is_marked_nonascii(sp, cp))
                set_mark(marks, at);
            if ((byte == 0xC2 || byte == 0xE2) && (brk = linebreak_len(text, len, at, &hard)) > 0) {
                pos = at;
                break;
            }
            tally_code_point(&t, text, at, pos, precis_is_space_nonascii(cp));
            if (t.start == SIZE_MAX)
                continue;
            if (terminator_class(sp, cp) != TERM_NONE)
                t.has_terminator |= TERMINATED_OTHER;
            full_stop |= cp == 0x0589;
            /* The sample ends at case_end: a character across it is not
             * read whole, and counts as no letter. */
            if (pos <= case_end) {
                upper += precis_is_upper(cp) != 0;
                lower += precis_is_lower(cp) != 0;
            }
        }
        size_t s = t.start == SIZE_MAX ? pos : t.start, e = t.start == SIZE_MAX ? pos : t.end;
        /* A run of blank lines separates paragraphs as one does; keeping
         * one entry for it stops a file of line breaks from costing a
         * line record per byte. */
        if (s != e || n == 0 || !seg->lines[n - 1].blank) {
            if (PRECIS_RESERVE(seg->lines, seg->lines_cap, n + 1) != PRECIS_OK)
                return PRECIS_ERR_NOMEM;
            size_t words = t.words_at_end > 256 ? 256 : t.words_at_end;
            seg->lines[n++] = (precis_line){s,     e, t.width_at_end, (uint32_t)words, s == e,
                                            (uint8_t)hard, t.has_terminator, 0};
        }
        if (pos >= len)
            break;
        pos += brk;
    }
    sp->period_ends = !(sp->flags & PRECIS_LANG_COLON_STOP) || !full_stop;
    for (size_t k = 0; k < n; k++) {
        uint8_t held = seg->lines[k].has_terminator;
        seg->lines[k].has_terminator = (held & TERMINATED_OTHER) ||
                                       ((held & TERMINATED_PERIOD) && sp->period_ends);
    }
    *count = n;
    *letter_case = letter_case_of(upper, lower);
    return PRECIS_OK;
}

enum { END_OPEN, END_TERMINATED, END_CONTINUES };

/* How a line ends: with a sentence terminator (quotes and brackets after it
 * allowed), with punctuation that announces more, or open. */
static int line_end(const splitter *sp, const precis_line *line)
{
    size_t pos = line->end;
    while (pos > line->start) {
        size_t prev;
        int32_t cp = precis_utf8_prev(sp->text, pos, &prev);
        if (terminator_class(sp, cp) != TERM_NONE)
            return END_TERMINATED;
        if (cp == ',' || cp == ';' || cp == ':' || cp == '(' || cp == '/' || cp == '&' ||
            is_dash(cp))
            return END_CONTINUES;
        if (!precis_is_closing(cp))
            return END_OPEN;
        pos = prev;
    }
    return END_OPEN;
}

static int32_t first_char(const char *text, const precis_line *line)
{
    size_t pos = line->start;
    int32_t cp = 0;
    for (int i = 0; i < OPENERS_SKIPPED && pos < line->end; i++) {
        cp = precis_utf8_next(text, line->end, &pos);
        if (!precis_is_opening(cp))
            break;
    }
    return cp;
}

static int is_list_item(const char *text, const precis_line *line)
{
    size_t pos = line->start, end = line->end;
    int32_t cp = precis_utf8_next(text, end, &pos);
    if (is_bullet(cp))
        return pos < end && (precis_is_space((unsigned char)text[pos]) || is_inline_bullet(cp));
    /* "1. ", "12) ", "a) ", "(b) ", "c. " */
    if (cp == '(' && pos < end)
        cp = precis_utf8_next(text, end, &pos);
    size_t digits = 0, letters = 0;
    int32_t letter = 0;
    while (precis_is_digit(cp) || precis_is_letter(cp)) {
        if (precis_is_digit(cp)) {
            digits++;
        } else {
            letters++;
            letter = cp;
        }
        if (digits + letters > 3 || pos >= end)
            return 0;
        cp = precis_utf8_next(text, end, &pos);
    }
    int numbered = digits > 0 && letters == 0 && (cp == '.' || cp == ')');
    int lettered = digits == 0 && letters == 1 &&
                   (cp == ')' || (cp == '.' && precis_is_lower(letter)));
    if (numbered && cp == '.' && pos < end && text[pos] == ')')
        pos++; /* "1.) " */
    return (numbered || lettered) && pos < end && precis_is_space((unsigned char)text[pos]);
}

/* Whether the last word of a line is a function word: "The president of
 * the" is wrapped text, not a title. */
static int ends_on_stopword(splitter *sp, const precis_line *line)
{
    const char *text = sp->text;
    size_t pos = line->end;
    while (pos > line->start) {
        size_t prev;
        if (precis_is_wordchar(precis_utf8_prev(text, pos, &prev)))
            break;
        pos = prev;
    }
    size_t word_start = pos;
    while (word_start > line->start && pos - word_start < LOOK_LIMIT) {
        size_t prev;
        if (!precis_is_wordchar(precis_utf8_prev(text, word_start, &prev)))
            break;
        word_start = prev;
    }
    word_ref last = {word_start, pos, 0, 0};
    return is_stopword_at(sp->seg, text, last, sp->lang);
}

/* Whether a line may open a title: a capital, a digit or, in a text
 * without capitals, any letter. */
static int opens_title(const splitter *sp, const precis_line *line)
{
    int32_t first = first_char(sp->text, line);
    if (!precis_is_letter(first) && !precis_is_digit(first))
        return 0;
    return !precis_is_lower(first) || sp->letter_case == PRECIS_CASE_LOWER;
}

/* A heading: a short line that starts with a capital or a digit and ends
 * open, not on a function word. */
static int is_heading(splitter *sp, const precis_line *line, uint32_t max_width, int wrapped)
{
    if (line_end(sp, line) != END_OPEN || !opens_title(sp, line))
        return 0;
    if (wrapped && (uint64_t)line->width * 10 >= (uint64_t)max_width * HEADING_WIDTH_TENTHS)
        return 0;
    if (line->words > HEADING_MAX_WORDS)
        return 0;
    return line->words == 1 || !ends_on_stopword(sp, line);
}

/* A paragraph of one line that ends open is a title, whatever its case
 * and its last word ("Bahn kündigt Milliardenprogramm für marode Brücken
 * an", "data collection"). */
static int is_block_title(splitter *sp, const precis_line *line)
{
    int32_t first = first_char(sp->text, line);
    return line_end(sp, line) == END_OPEN && line->words <= HEADING_MAX_WORDS &&
           (precis_is_letter(first) || precis_is_digit(first));
}

/* The first paragraph of a text, one line long, that ends open or with a
 * question or exclamation mark, is its title: "A brief telephone
 * follow-up after discharge and readmission to hospital among older
 * adults: a randomised trial", "Will the Budget bring out smiling
 * voters?". */
static int is_document_title(splitter *sp, const precis_line *line)
{
    int32_t first = first_char(sp->text, line);
    if (line->words > 2 * HEADING_MAX_WORDS || !(precis_is_letter(first) || precis_is_digit(first)))
        return 0;
    int end = line_end(sp, line);
    if (end == END_OPEN)
        return 1;
    if (end != END_TERMINATED)
        return 0;
    size_t pos = line->end;
    while (pos > line->start) {
        size_t prev;
        int32_t cp = precis_utf8_prev(sp->text, pos, &prev);
        if (cp == '?' || cp == '!')
            return 1;
        if (!precis_is_closing(cp) && !is_quote(cp))
            return 0;
        pos = prev;
    }
    return 0;
}

/* A section title on a line of its own, in any case and whatever follows
 * it: a title of the language's phrase lists ("Methods", "references",
 * "2.1 Results:"), or a section number and a few words that end open
 * ("2.1 study sites", "II. DATA AND METHOD"), short beside wrapped
 * lines. */
static int is_title_line(splitter *sp, const precis_line *line, uint32_t max_width, int wrapped)
{
    const char *text = sp->text;
    if (line->words > HEADING_MAX_WORDS || line->end - line->start > PRECIS_PHRASE_MAX_BYTES)
        return 0;
    if (line->words <= PRECIS_TITLE_MAX_WORDS + 1 &&
        precis_title_kind(&sp->seg->folder, sp->lang, text + line->start,
                          line->end - line->start) != PRECIS_TITLE_NONE)
        return 1;
    size_t number = precis_section_number_length(text + line->start, line->end - line->start);
    if (number == 0 || line_end(sp, line) != END_OPEN)
        return 0;
    size_t pos = line->start + number;
    if (!precis_is_letter(precis_utf8_next(text, line->end, &pos)))
        return 0;
    if (wrapped && (uint64_t)line->width * 10 >= (uint64_t)max_width * HEADING_WIDTH_TENTHS)
        return 0;
    return !ends_on_stopword(sp, line);
}

/* Whether the lines k and k + 1 are items of a list or a menu: both short
 * and without a terminator, in a block of lines where none has one. */
static int are_items(const precis_segmenter *seg, size_t k, int block_terminated)
{
    const precis_line *line = &seg->lines[k], *next = &seg->lines[k + 1];
    return !block_terminated && line->words <= ITEM_MAX_WORDS && next->words <= ITEM_MAX_WORDS;
}

/* Whether the break between line k and the next one ends a sentence. In
 * a text without capitals the case of the next line says nothing: each
 * line is a paragraph where lines end with terminators, and in wrapped
 * text only headings and items end a line's sentence. */
static int breaks_after(splitter *sp, size_t k, int wrapped, uint32_t max_width,
                        int block_terminated)
{
    const precis_line *line = &sp->seg->lines[k];
    const precis_line *next = &sp->seg->lines[k + 1];
    if (line->hard_after || is_list_item(sp->text, next) || (sp->flags & PRECIS_LANG_UNSPACED) ||
        line->title || next->title)
        return 1;
    if (sp->letter_case == PRECIS_CASE_LOWER) {
        if (!wrapped || are_items(sp->seg, k, block_terminated))
            return 1;
        /* A heading follows the end of a paragraph or of a sentence; a
         * short line inside one is where wrapping put a break. */
        const precis_line *prev = k > 0 ? &sp->seg->lines[k - 1] : NULL;
        int after_end = prev == NULL || prev->blank || line_end(sp, prev) == END_TERMINATED;
        return after_end && line_end(sp, line) != END_CONTINUES &&
               is_heading(sp, line, max_width, wrapped);
    }
    int next_lower = precis_is_lower(first_char(sp->text, next));
    if (!wrapped)
        return !next_lower;
    if (are_items(sp->seg, k, block_terminated))
        return 1;
    if (next_lower || line_end(sp, line) == END_CONTINUES)
        return 0;
    return is_heading(sp, line, max_width, wrapped);
}

precis_status precis_segment(precis_segmenter *seg, const char *text, size_t len, int lang)
{
    seg->count = 0;
    seg->letter_case = PRECIS_CASE_MIXED;
    if (len == 0)
        return PRECIS_OK;
    uint32_t lang_flags = precis_languages[lang].flags;
    splitter sp = {seg, text, lang, lang_flags, 1, PRECIS_CASE_MIXED};
    size_t nlines;
    precis_status st = measure_text(&sp, len, &nlines, &seg->letter_case);
    if (st != PRECIS_OK)
        return st;
    sp.letter_case = seg->letter_case;

    /* Text whose lines mostly end with a terminator has a paragraph (or a
     * sentence) per line; otherwise it is hard-wrapped prose. Lines of a
     * few words that end on a word that could end a line of its own
     * (titles, author lines, items) say nothing either way; "The president
     * of the" is wrapped. */
    size_t inner = 0, terminated = 0;
    uint32_t max_width = 0;
    for (size_t k = 0; k < nlines; k++) {
        const precis_line *line = &seg->lines[k];
        if (line->width > max_width)
            max_width = line->width;
        if (line->blank || k + 1 == nlines || seg->lines[k + 1].blank || line->hard_after ||
            (line->words <= ITEM_MAX_WORDS && !ends_on_stopword(&sp, line)))
            continue;
        inner++;
        terminated += line_end(&sp, line) == END_TERMINATED;
    }
    int wrapped = terminated * 2 < inner;
    for (size_t k = 0; k < nlines; k++) {
        precis_line *line = &seg->lines[k];
        line->title = !line->blank && is_title_line(&sp, line, max_width, wrapped);
    }

    for (size_t k = 0; k < nlines;) {
        if (seg->lines[k].blank) {
            k++;
            continue;
        }
        int block_terminated = 0;
        for (size_t b = k; b < nlines && !seg->lines[b].blank; b++)
            block_terminated |= seg->lines[b].has_terminator;
        while (k < nlines && !seg->lines[k].blank) {
            size_t first = k;
            while (k + 1 < nlines && !seg->lines[k + 1].blank &&
                   !breaks_after(&sp, k, wrapped, max_width, block_terminated))
                k++;
            uint32_t flags = PRECIS_SPAN_PARAGRAPH_START;
            const precis_line *line = &seg->lines[k];
            int whole_block = (first == 0 || seg->lines[first - 1].blank) &&
                              (k + 1 == nlines || seg->lines[k + 1].blank);
            int opens_text = whole_block && seg->count == 0 && k + 2 < nlines;
            if (first == k && (line->title || is_heading(&sp, line, max_width, 0) ||
                               (whole_block && is_block_title(&sp, line)) ||
                               (opens_text && is_document_title(&sp, line))))
                flags |= PRECIS_SPAN_HEADING;
            st = scan_region(&sp, seg->lines[first].start, seg->lines[k].end, flags);
            if (st != PRECIS_OK)
                return st;
            k++;
        }
    }
    return PRECIS_OK;
}
