/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * depend.c - dependent sentences and junk lines, from the compiled
 * CODE.deps and CODE.junk tables.
 */
#include "depend.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "lang.h"
#include "utf8.h"
#include "util.h"

/* Openers are looked for among the first words only: a comma among the
 * first CLAUSE_WORDS opens a main clause ("On Monday, he said"), early and
 * inner entries begin among the first EARLY_WORDS. */
#define WORDS_READ 10
#define CLAUSE_WORDS 6
#define EARLY_WORDS 4
/* The words read before an entry of more words asks for the rest: every
 * clause position and early word is among them. */
#define WORDS_FIRST (CLAUSE_WORDS + 1)
_Static_assert(WORDS_FIRST <= 8 && WORDS_READ + 1 >= 8,
               "the clause positions are read in one load of eight bytes");
/* ", he said.": at most this many words after the last comma. */
#define SPEAKER_TAIL 3
/* Promotions and titles are short lines. */
#define SHORT_LINE_WORDS 12
/* "(CNN)", "(Reuters)": a bracketed credit with no space, this long at most. */
#define CREDIT_BYTES 30
/* Start and line phrases are short: folding this much of an opening is
 * enough to compare them. */
#define HEAD_BYTES 256
/* A word this many times longer than the longest word of the data can
 * match none of it (folding shrinks a fullwidth letter to a third of its
 * bytes), so it is not folded: a letter under hundreds of combining marks
 * costs time to normalize. */
#define LONG_WORD_FACTOR 4

static int too_long(size_t start, size_t end)
{
    return end - start > LONG_WORD_FACTOR * precis_dep_longest_word;
}

static int is_ascii_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static int is_ascii_alnum(unsigned char c)
{
    return (unsigned)((c | 0x20) - 'a') < 26 || (unsigned)(c - '0') < 10;
}

static unsigned char fold_ascii(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c == '`' ? '\'' : c;
}

void precis_depend_free(precis_depend *d)
{
    if (d == NULL)
        return;
    precis_folder_free(&d->folder);
    free(d->cores);
    free(d->core_start);
    free(d->core_end);
    free(d->head);
    free(d->whole);
    for (size_t k = 0; k < 2; k++)
        if (d->phrases[k] != NULL) {
            free(d->phrases[k]->anywhere);
            free(d->phrases[k]);
        }
    memset(d, 0, sizeof *d);
}

/* ------------------------------------------------------------------ */
/* Characters                                                         */

static int is_quote(int32_t cp)
{
    switch (cp) {
    case '"':
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: /* “ ” „ ‟ */
    case 0x00AB: case 0x00BB: case 0x2039: case 0x203A: /* « » ‹ › */
    case 0x300C: case 0x300D: case 0x300E: case 0x300F: /* 「 」 『 』 */
    case 0xFF02:
        return 1;
    default:
        return 0;
    }
}

/* Quote marks that open when their neighbours do not say. */
static int usually_opens(int32_t cp)
{
    return cp == 0x201C || cp == 0x201E || cp == 0x201F || cp == 0x00AB || cp == 0x2039 ||
           cp == 0x300C || cp == 0x300E;
}

/* What may come before a sentence's first word: quotes, apostrophes,
 * brackets, dashes, bullets, ellipses, the Spanish inverted marks. */
static int is_opening_mark(int32_t cp)
{
    if (is_quote(cp))
        return 1;
    switch (cp) {
    case '\'': case 0x2018: case 0x2019: case 0x201A:
    case '(': case '[': case '{':
    case 0x2013: case 0x2014: case '-':
    case 0x2022: case '*': case 0x00B7: case 0x2026:
    case 0x00BF: case 0x00A1: case '>': case '|':
        return 1;
    default:
        return 0;
    }
}

static int is_comma(int32_t cp)
{
    return cp == ',' || cp == 0xFF0C || cp == 0x060C;
}

/* The code point at s[pos], or ' ' past either end. */
static int32_t cp_at(const char *s, size_t len, size_t pos)
{
    return pos < len ? precis_utf8_next(s, len, &pos) : ' ';
}

static int32_t cp_before(const char *s, size_t pos)
{
    size_t start;
    return pos > 0 ? precis_utf8_prev(s, pos, &start) : ' ';
}

/* Past the white space and a bracketed credit at s[pos]. */
static size_t skip_credit(const char *s, size_t len, size_t pos)
{
    while (pos < len && is_ascii_space((unsigned char)s[pos]))
        pos++;
    while (pos < len) {
        size_t next = pos;
        if (!precis_is_space(precis_utf8_next(s, len, &next)))
            break;
        pos = next;
    }
    if (pos < len && s[pos] == '(') {
        for (size_t i = pos + 1; i < len && i - pos < CREDIT_BYTES; i++) {
            if (s[i] == ')')
                return i + 1;
            if (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))
                break;
        }
    }
    return pos;
}

/* Past the white space and opening marks at s[pos]; *quoted says whether
 * one of them was a quote mark. */
static size_t skip_marks(const char *s, size_t len, size_t pos, int *quoted)
{
    *quoted = 0;
    /* Most sentences open with a letter. */
    if (pos < len && is_ascii_alnum((unsigned char)s[pos]))
        return pos;
    while (pos < len) {
        size_t next = pos;
        int32_t cp = precis_utf8_next(s, len, &next);
        if (!precis_is_space(cp) && !is_opening_mark(cp))
            break;
        *quoted |= is_quote(cp);
        pos = next;
    }
    return pos;
}

/* The next word of s from *pos, in [*start, *end): a run of characters
 * between white space, or one character of a script written without
 * spaces. Returns 0 when there is none. */
static int next_word(const char *s, size_t len, size_t *pos, size_t *start, size_t *end)
{
    size_t at = *pos;
    while (at < len) {
        unsigned char c = (unsigned char)s[at];
        if (c < 0x80) {
            if (!is_ascii_space(c))
                break;
            at++;
            continue;
        }
        size_t next = at;
        if (!precis_is_space(precis_utf8_next(s, len, &next)))
            break;
        at = next;
    }
    if (at >= len)
        return 0;
    *start = at;
    size_t next = at;
    if (precis_is_unspaced(precis_utf8_next(s, len, &next))) {
        *pos = *end = next;
        return 1;
    }
    at = next;
    while (at < len) {
        unsigned char c = (unsigned char)s[at];
        if (c < 0x80) {
            /* No ASCII character is unspaced. */
            if (is_ascii_space(c))
                break;
            at++;
            continue;
        }
        next = at;
        int32_t cp = precis_utf8_next(s, len, &next);
        if (precis_is_space(cp) || precis_is_unspaced(cp))
            break;
        at = next;
    }
    *pos = *end = at;
    return 1;
}

/* Narrows [*start, *end) to its core: without the characters that are
 * not letters, marks or digits at either end. Returns whether any is left. */
static int trim_core(const char *s, size_t *start, size_t *end)
{
    while (*start < *end) {
        size_t next = *start;
        if (precis_is_wordchar(precis_utf8_next(s, *end, &next)))
            break;
        *start = next;
    }
    while (*end > *start) {
        size_t prev;
        if (precis_is_wordchar(precis_utf8_prev(s, *end, &prev)))
            break;
        *end = prev;
    }
    return *end > *start;
}

/* Appends the folded s[start, end) to (*buf)[*used...], apostrophes made
 * "'" and, when collapse is set, every run of white space one space (none
 * at the ends). */
static precis_status append_folded(precis_depend *d, char **buf, size_t *cap, size_t *used,
                                   const char *s, size_t start, size_t end, int collapse)
{
    if (end - start > SIZE_MAX - *used - 1 ||
        PRECIS_RESERVE(*buf, *cap, *used + (end - start) + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    /* Plain ASCII without white space, most words: folding is lower case,
     * written as the word is read. */
    char *lower = *buf + *used;
    size_t ascii = start;
    for (; ascii < end; ascii++) {
        unsigned char c = (unsigned char)s[ascii];
        if (c >= 0x80 || is_ascii_space(c))
            break;
        *lower++ = (char)fold_ascii(c);
    }
    if (ascii == end) {
        *lower = '\0';
        *used += end - start;
        return PRECIS_OK;
    }
    const char *folded;
    size_t folded_len;
    precis_status st = precis_fold(&d->folder, s + start, end - start, &folded, &folded_len);
    if (st != PRECIS_OK)
        return st;
    if (folded_len > SIZE_MAX - *used - 1 || PRECIS_RESERVE(*buf, *cap, *used + folded_len + 1) !=
                                                 PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    char *out = *buf;
    size_t n = *used, pos = 0;
    int space = 0;
    while (pos < folded_len) {
        size_t at = pos;
        int32_t cp = precis_utf8_next(folded, folded_len, &pos);
        if (collapse && precis_is_space(cp)) {
            space = n > *used;
            continue;
        }
        if (space) {
            out[n++] = ' ';
            space = 0;
        }
        if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == '`' || cp == 0xFF07) {
            out[n++] = '\'';
        } else {
            memcpy(out + n, folded + at, pos - at);
            n += pos - at;
        }
    }
    out[n] = '\0';
    *used = n;
    return PRECIS_OK;
}

/* Whether the code point at s[at] (at < end) is white space, *next past
 * it where it is. Every byte that is not a continuation byte starts a
 * code point as s is read from its start (a sequence takes in only
 * continuation bytes), and white space past ASCII starts with 0xC2 or
 * 0xE1 to 0xE3: where another byte is, no white space starts and the
 * next byte is read as the code point after it would be. */
static int space_at(const char *s, size_t end, size_t at, size_t *next)
{
    unsigned char c = (unsigned char)s[at];
    *next = at + 1;
    if (c < 0x80)
        return is_ascii_space(c);
    if (c != 0xC2 && (c < 0xE1 || c > 0xE3))
        return 0;
    *next = at;
    return precis_is_space(precis_utf8_next(s, end, next));
}

/* The next word of s[0, end) from *pos, a run of code points between
 * white space, in [*start, *word_end), *pos moved past it; in *ascii
 * whether its bytes are ASCII. Returns 0 when there is none. */
static int next_spaced_word(const char *s, size_t end, size_t *pos, size_t *start,
                            size_t *word_end, int *ascii)
{
    size_t at = *pos, next;
    while (at < end && space_at(s, end, at, &next))
        at = next;
    if (at >= end)
        return 0;
    *start = at;
    while (at < end && (unsigned char)s[at] < 0x80 && !is_ascii_space((unsigned char)s[at]))
        at++;
    *ascii = at >= end || (unsigned char)s[at] < 0x80;
    while (at < end && !space_at(s, end, at, &next))
        at = next;
    *pos = *word_end = at;
    return 1;
}

precis_status precis_depend_fold_words(precis_depend *d, char **buf, size_t *cap, size_t *used,
                                       const char *s, size_t start, size_t end, size_t enough)
{
    *used = 0;
    size_t pos = start, a, b;
    int ascii;
    while (*used < enough && next_spaced_word(s, end, &pos, &a, &b, &ascii)) {
        /* The space before the word, the word (U+FFFD when too long) and
         * a NUL. */
        size_t room = b - a > 3 ? b - a : 3;
        if (room > SIZE_MAX - *used - 2 ||
            PRECIS_RESERVE(*buf, *cap, *used + room + 2) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        char *out = *buf;
        if (*used > 0)
            out[(*used)++] = ' ';
        if (too_long(a, b)) {
            memcpy(out + *used, "\xef\xbf\xbd", 3);
            *used += 3;
        } else if (ascii) {
            /* as append_folded's first loop folds it */
            size_t n = *used;
            for (size_t i = a; i < b; i++)
                out[n++] = (char)fold_ascii((unsigned char)s[i]);
            *used = n;
        } else {
            precis_status st = append_folded(d, buf, cap, used, s, a, b, 1);
            if (st != PRECIS_OK)
                return st;
        }
    }
    if (PRECIS_RESERVE(*buf, *cap, *used + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    (*buf)[*used] = '\0';
    return PRECIS_OK;
}

/* ------------------------------------------------------------------ */
/* Dependency                                                         */

/* Mask a of key[0, len) in table, 0 when it is not there. */
static uint64_t mask_of(const precis_lex_table *table, const char *key, size_t len)
{
    const precis_lex_entry *e = precis_lex_lookup(table, key, len);
    return e != NULL ? e->a : 0;
}

static int is_speaker_core(uint64_t bit, const char *key, size_t len)
{
    const precis_lex_entry *e = precis_lex_lookup(&precis_dep_others, key, len);
    return e != NULL && (e->b & bit);
}

/* Whether the word s[start, end) names a speaker ("he", "dit-elle"). */
static precis_status is_speaker(precis_depend *d, uint64_t bit, const char *s, size_t start,
                                size_t end, int *yes)
{
    *yes = 0;
    if (!trim_core(s, &start, &end) || too_long(start, end))
        return PRECIS_OK;
    size_t used = 0;
    precis_status st = append_folded(d, &d->whole, &d->whole_cap, &used, s, start, end, 0);
    if (st != PRECIS_OK)
        return st;
    const char *c = d->whole;
    if (is_speaker_core(bit, c, used)) {
        *yes = 1;
        return PRECIS_OK;
    }
    const char *dash = memchr(c, '-', used);
    while (dash != NULL) {
        const char *more = memchr(dash + 1, '-', used - (size_t)(dash + 1 - c));
        if (more == NULL)
            break;
        dash = more;
    }
    if (dash != NULL) {
        size_t off = (size_t)(dash + 1 - c);
        *yes = is_speaker_core(bit, c + off, used - off);
    }
    return PRECIS_OK;
}

#define FILTER_BITS (PRECIS_DEP_FILTER_WORDS * 64)

/* A cheap hash of key[0, len) for the filters: its first and last 8
 * bytes (low byte first) and its length, mixed; room bytes can be read
 * from key (at least len), so that a short key in a buffer with room
 * after it is read in one load. */
static uint64_t filter_hash_in(const char *key, size_t len, size_t room)
{
    uint64_t head = 0, tail = 0;
    if (len >= 8) {
        head = precis_ascii_load8(key);
        tail = len > 8 ? precis_ascii_load8(key + len - 8) : 0;
    } else if (room >= 8) {
        head = precis_ascii_load8(key) & ((1ULL << 8 * len) - 1);
    } else {
        for (size_t k = 0; k < len; k++)
            head |= (uint64_t)(unsigned char)key[k] << 8 * k;
    }
    uint64_t h = (head ^ (tail * 0x9E3779B97F4A7C15ULL)) + len;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 32;
    return h;
}

uint64_t precis_depend_filter_hash(const char *key, size_t len)
{
    return filter_hash_in(key, len, len);
}

/* Whether a key of hash h (precis_depend_filter_hash) may be an entry of
 * the filter's language: 0 when it is none. */
static int filter_may_hold(const uint64_t *filter, uint64_t h)
{
    size_t one = h % FILTER_BITS, two = (h >> 32) % FILTER_BITS;
    return (filter[one / 64] >> (one % 64)) & (filter[two / 64] >> (two % 64)) & 1;
}

/* The filters of language lang (precis_dep_filters): openers, then the
 * others, then the date words; most first words of a sentence are looked
 * up in neither table of CODE.deps, and many in one only, and few in the
 * date words. */
static const uint64_t *language_filters(int lang)
{
    return precis_dep_filters[lang];
}

/* The core of word i (s[ws[i], we[i]) without the characters at either
 * end that are no word characters) folded into d->cores at *used, empty
 * when too long; its range in d->core_start[i] and d->core_end[i]. */
static precis_status fold_core(precis_depend *d, const char *s, const size_t *ws,
                               const size_t *we, size_t i, size_t *used)
{
    d->core_start[i] = *used;
    size_t a = ws[i], b = we[i];
    if (trim_core(s, &a, &b) && !too_long(a, b)) {
        precis_status st = append_folded(d, &d->cores, &d->cores_cap, used, s, a, b, 0);
        if (st != PRECIS_OK)
            return st;
    }
    d->core_end[i] = *used;
    return PRECIS_OK;
}

/* The cores of the words s[ws[i], we[i]) folded into d->cores, joined
 * with spaces (d->core_start, d->core_end: each one's range), and where a
 * comma after a word opens a clause in clause_at. */
static precis_status fold_cores(precis_depend *d, const char *s, const size_t *ws,
                                const size_t *we, size_t n, unsigned char *clause_at)
{
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            if (PRECIS_RESERVE(d->cores, d->cores_cap, used + 2) != PRECIS_OK)
                return PRECIS_ERR_NOMEM;
            d->cores[used++] = ' ';
        }
        precis_status st = fold_core(d, s, ws, we, i, &used);
        if (st != PRECIS_OK)
            return st;
        int32_t last = cp_before(s, we[i]);
        if (i < CLAUSE_WORDS && (is_comma(last) || last == 0x3001))
            clause_at[i + 1] = 1;
    }
    return PRECIS_OK;
}


/* The high bit of each byte of v set where it is ASCII white space (a
 * byte past ASCII is none). */
static uint64_t ascii_space8(uint64_t v)
{
    uint64_t low = v & ~PRECIS_ASCII_HIGH;
    return (precis_ascii_equal8(low, ' ') | precis_ascii_range8(low, '\t', '\r')) & ~v &
           PRECIS_ASCII_HIGH;
}

/* The eight bytes of v (ASCII, the first in the low byte) folded as
 * fold_ascii folds each, into out[0, 8). */
static void fold8(uint64_t v, char *out)
{
    uint64_t grave = precis_ascii_equal8(v, '`');
    /* '`' ^ 0x47 is '\''. */
    v = precis_ascii_lower8(v) ^ (grave >> 7) * 0x47;
    precis_ascii_store8(out, v);
}

/* The high bits of the bytes of mask (of high bits only) as eight bits,
 * the first byte's lowest. */
static unsigned pack8(uint64_t mask)
{
    return (unsigned)(((mask >> 7) * 0x0102040810204080ULL) >> 56);
}

/* next_word for the first WORDS_FIRST words where every byte it reads is
 * ASCII, the cores of the words left to fold_cores_to (d->cores holds
 * room for WORDS_READ cores and 8 bytes more), the words after them to
 * read_more_words: then a word is a run of bytes between ASCII white
 * space. Returns 0, having changed what the other path sets again, where
 * a byte that is not ASCII comes before the end of the last word read.
 * The bounds are found 64 bytes at a time (a bit a byte, so that taking
 * them out turns once a word, not once a block of eight), a byte past
 * ASCII counted as part of a word: then the first such byte is inside
 * one of the words read exactly where next_word would have come to it. */
static int read_words_ascii(precis_depend *d, const char *s, size_t len, size_t pos, size_t *ws,
                            size_t *we, size_t *count, unsigned char *clause_at)
{
    size_t n = 0, high = SIZE_MAX;
    uint64_t in_word = 0;
    for (size_t base = pos; n < WORDS_FIRST && base < len; base += 64) {
        /* Bit j: byte base + j is in a word, or past ASCII. */
        uint64_t word = 0, any_high = 0;
        if (len - base >= 64) {
            for (size_t b = 0; b < 64; b += 8) {
                uint64_t v = precis_ascii_load8(s + base + b);
                any_high |= v;
                word |= (uint64_t)pack8(~ascii_space8(v) & PRECIS_ASCII_HIGH) << b;
            }
        } else {
            size_t room = len - base;
            for (size_t b = 0; b < room; b += 8) {
                uint64_t v = 0, valid = PRECIS_ASCII_HIGH;
                if (room - b >= 8) {
                    v = precis_ascii_load8(s + base + b);
                } else {
                    for (size_t k = 0; k < room - b; k++)
                        v |= (uint64_t)(unsigned char)s[base + b + k] << 8 * k;
                    valid >>= 8 * (8 - (room - b));
                }
                any_high |= v;
                word |= (uint64_t)pack8(~ascii_space8(v) & valid) << b;
            }
        }
        if ((any_high & PRECIS_ASCII_HIGH) && high == SIZE_MAX) {
            size_t at = base;
            while ((unsigned char)s[at] < 0x80)
                at++;
            high = at;
        }
        /* Where words start, and the bytes just past their ends (the end
         * of the text among them when it is inside the 64): they take
         * turns, a start first unless a word goes on from before. */
        uint64_t before = word << 1 | in_word;
        uint64_t starts = word & ~before, ends = ~word & before;
        if (in_word && ends != 0) {
            we[n++] = base + (size_t)__builtin_ctzll(ends);
            ends &= ends - 1;
        }
        for (; ends != 0 && n < WORDS_FIRST; n++) {
            ws[n] = base + (size_t)__builtin_ctzll(starts);
            we[n] = base + (size_t)__builtin_ctzll(ends);
            starts &= starts - 1;
            ends &= ends - 1;
        }
        /* A word that goes on past the 64. */
        if (starts != 0 && n < WORDS_FIRST)
            ws[n] = base + (size_t)__builtin_ctzll(starts);
        in_word = word >> 63;
    }
    /* A word that runs to the end of the text. */
    if (n < WORDS_FIRST && in_word)
        we[n++] = len;
    if (n > 0 && high < we[n - 1])
        return 0;
    for (size_t k = 0; k < n && k < CLAUSE_WORDS; k++)
        if (s[we[k] - 1] == ',')
            clause_at[k + 1] = 1;
    d->cores_folded = 0;
    d->words_ascii = n;
    d->words_more = n == WORDS_FIRST;
    *count = n;
    return 1;
}

/* The words after those read_words_ascii read, up to WORDS_READ, once
 * something asks for them: next_word from the end of the last, as the
 * other path reads them (the words before end where it would have come to
 * them). */
static void read_more_words(precis_depend *d, const char *s, size_t len, size_t *ws, size_t *we,
                            size_t *n)
{
    if (!d->words_more)
        return;
    d->words_more = 0;
    size_t pos = we[*n - 1];
    while (*n < WORDS_READ && next_word(s, len, &pos, &ws[*n], &we[*n]))
        (*n)++;
}

/* The cores of the words before word upto folded into d->cores, after
 * those folded already (d->cores_folded), as fold_cores folds them: those
 * read_words_ascii read as ASCII, the run of each without the bytes that
 * are no letter or digit at either end, in lower case; those after them
 * as fold_cores does. Most sentences are told apart by their first few
 * words, so the rest are folded only when asked for. */
static precis_status fold_cores_to(precis_depend *d, const char *s, size_t len, const size_t *ws,
                                   const size_t *we, size_t upto)
{
    size_t k = d->cores_folded;
    size_t used = k > 0 ? d->core_end[k - 1] : 0;
    size_t ascii_end = upto < d->words_ascii ? upto : d->words_ascii;
    char *out = d->cores;
    for (; k < ascii_end; k++) {
        if (k > 0)
            out[used++] = ' ';
        d->core_start[k] = used;
        size_t a = ws[k], b = we[k];
        while (a < b && !is_ascii_alnum((unsigned char)s[a]))
            a++;
        while (b > a && !is_ascii_alnum((unsigned char)s[b - 1]))
            b--;
        if (b > a && !too_long(a, b)) {
            /* Eight bytes at a time while eight are left in the text: the
             * bytes past the core are written over or left past used. */
            size_t i = a;
            for (; i < b && len - i >= 8; i += 8)
                fold8(precis_ascii_load8(s + i), out + used + (i - a));
            for (; i < b; i++)
                out[used + (i - a)] = (char)fold_ascii((unsigned char)s[i]);
            used += b - a;
        }
        d->core_end[k] = used;
    }
    out[used] = '\0';
    d->cores_folded = k;
    /* The words read after the ASCII ones. */
    for (; k < upto; k++) {
        if (PRECIS_RESERVE(d->cores, d->cores_cap, used + 2) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        if (k > 0)
            d->cores[used++] = ' ';
        precis_status st = fold_core(d, s, ws, we, k, &used);
        if (st != PRECIS_OK)
            return st;
        d->cores_folded = k + 1;
    }
    return PRECIS_OK;
}

/* Makes sure the cores of the first upto of the n words are in d->cores
 * (those of the first EARLY_WORDS, which are always asked for, all at
 * once). */
static precis_status need_cores(precis_depend *d, const char *s, size_t len, const size_t *ws,
                                const size_t *we, size_t n, size_t upto)
{
    if (upto <= d->cores_folded)
        return PRECIS_OK;
    return fold_cores_to(d, s, len, ws, we,
                         upto < EARLY_WORDS ? (n < EARLY_WORDS ? n : EARLY_WORDS) : upto);
}

/* The first words of s from pos, up to WORDS_READ, in ws[0, *count) and
 * we, their cores in d (fold_cores) and clause_at. */
static precis_status read_words(precis_depend *d, const char *s, size_t len, size_t pos,
                                size_t *ws, size_t *we, size_t *count, unsigned char *clause_at)
{
    /* A core longer than too_long allows is left empty. */
    size_t ascii_room = WORDS_READ * (LONG_WORD_FACTOR * precis_dep_longest_word + 1) + 1 + 8;
    if (PRECIS_RESERVE(d->core_start, d->core_start_cap, WORDS_READ) != PRECIS_OK ||
        PRECIS_RESERVE(d->core_end, d->core_end_cap, WORDS_READ) != PRECIS_OK ||
        PRECIS_RESERVE(d->cores, d->cores_cap, ascii_room) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    if (read_words_ascii(d, s, len, pos, ws, we, count, clause_at))
        return PRECIS_OK;
    memset(clause_at, 0, WORDS_READ + 1);
    clause_at[0] = 1;
    size_t n = 0;
    while (n < WORDS_READ && next_word(s, len, &pos, &ws[n], &we[n]))
        n++;
    *count = n;
    d->cores_folded = n;
    d->words_ascii = n;
    d->words_more = 0;
    return fold_cores(d, s, ws, we, n, clause_at);
}

/* Whether an entry of CODE.deps matches among the first words ws, we of
 * s (their cores in d, folded as they are needed; clause positions in
 * clause_at) where its class lets it count, no exception covering where
 * it begins. */
static precis_status opener_matches(precis_depend *d, const uint64_t *filter, uint64_t bit,
                                    const char *s, size_t len, size_t *ws, size_t *we, size_t *count,
                                    const unsigned char *clause_at, int *yes)
{
    *yes = 0;
    precis_status st;
    /* Until read_more_words: WORDS_FIRST words, where more may follow,
     * which only an entry of more words can tell from WORDS_READ (no
     * clause begins past them). */
    size_t n = *count;
    /* Bit q: a clause begins at word q (clause_at's bytes are 0 or 1). */
    uint32_t clauses = pack8(precis_ascii_load8((const char *)clause_at) << 7) &
                       ((1u << (n <= CLAUSE_WORDS ? n : CLAUSE_WORDS + 1)) - 1);
    /* Matches begin at a clause position (up to CLAUSE_WORDS) or among
     * the first EARLY_WORDS: an exception further on cancels none. */
    unsigned char found[WORDS_READ] = {0}, cancelled[WORDS_READ] = {0};
    for (size_t p = 0; p < n && p <= CLAUSE_WORDS; p++) {
        /* Past the early words, an entry that begins here counts, or
         * cancels one that counts, only where a clause begins among its
         * words. */
        if (p >= EARLY_WORDS) {
            size_t reach = n - p < precis_dep_max_words ? n - p : precis_dep_max_words;
            if (!((clauses >> p) & ((1u << reach) - 1)))
                continue;
        }
        if ((st = need_cores(d, s, len, ws, we, n, p + 1)) != PRECIS_OK)
            return st;
        if (d->core_end[p] == d->core_start[p])
            continue;
        for (size_t k = 1; k <= precis_dep_max_words; k++) {
            if (p + k > n) {
                read_more_words(d, s, len, ws, we, count);
                n = *count;
                if (p + k > n)
                    break;
            }
            if ((st = need_cores(d, s, len, ws, we, n, p + k)) != PRECIS_OK)
                return st;
            const char *key = d->cores + d->core_start[p];
            size_t key_len = d->core_end[p + k - 1] - d->core_start[p];
            /* A table that the filter says holds no entry of the language
             * for the words is not read; where neither does, the words
             * begin no entry ("the man" after the "the" of "the same"),
             * and the loop would stop. */
            uint64_t h = filter_hash_in(key, key_len, d->cores_cap - d->core_start[p]);
            int may_open = filter_may_hold(filter, h);
            int may_other = filter_may_hold(filter + PRECIS_DEP_FILTER_WORDS, h);
            if (!may_open && !may_other)
                break;
            /* a: start, b: clause, c: early, d: inner */
            const precis_lex_entry *e =
                may_open ? precis_lex_lookup(&precis_dep_openers, key, key_len) : NULL;
            if (e != NULL && (((e->a & bit) && p == 0) || ((e->b & bit) && clause_at[p]) ||
                              ((e->c & bit) && p < EARLY_WORDS) ||
                              ((e->d & bit) && p >= 1 && p < EARLY_WORDS)))
                found[p] = 1;
            /* a: except, c: longer entries begin with these words */
            const precis_lex_entry *o =
                may_other ? precis_lex_lookup(&precis_dep_others, key, key_len) : NULL;
            if (o != NULL && (o->a & bit))
                memset(cancelled + p, 1, k);
            if (o == NULL || !(o->c & bit))
                break;
        }
        /* No exception that begins further on covers word p. */
        if (found[p] && !cancelled[p]) {
            *yes = 1;
            return PRECIS_OK;
        }
    }
    return PRECIS_OK;
}

/* Whether a letter is in s[pos, len). */
static int letter_after(const char *s, size_t len, size_t pos)
{
    while (pos < len)
        if (precis_is_letter(precis_utf8_next(s, len, &pos)))
            return 1;
    return 0;
}

static inline precis_quote_marks find_quotes(const char *s, size_t len, size_t start)
{
    precis_quote_marks q = {0, 0, 0, 0, 0};
    size_t pos = start;
    int32_t before = ' ';
    while (pos < len && !q.closes) {
        /* No ASCII character but '"' is a quote mark, nor is a Latin-1
         * letter (0xC3 and a continuation byte, U+00C0 to U+00FF): those
         * before the first byte that may start one are passed eight at a
         * time, the others one by one, the last read as `before`. */
        unsigned char c = (unsigned char)s[pos];
        if (len - pos >= 8) {
            uint64_t v = precis_ascii_load8(s + pos);
            uint64_t stop =
                (v & PRECIS_ASCII_HIGH) | precis_ascii_equal8(v & ~PRECIS_ASCII_HIGH, '"');
            size_t skip = stop != 0 ? precis_ascii_first8(stop) : 8;
            if (skip > 0) {
                before = (unsigned char)s[pos + skip - 1];
                pos += skip;
                continue;
            }
        } else if (c < 0x80 && c != '"') {
            before = c;
            pos++;
            continue;
        }
        if (c == 0xC3 && len - pos >= 2 && ((unsigned char)s[pos + 1] & 0xC0) == 0x80) {
            before = 0xC0 | ((unsigned char)s[pos + 1] & 0x3F);
            pos += 2;
            continue;
        }
        size_t at = pos;
        int32_t cp = precis_utf8_next(s, len, &pos);
        if (is_quote(cp)) {
            int32_t after = cp_at(s, len, pos);
            int space_before = precis_is_space(before) || before == '(' || before == '[' ||
                               before == '{' || before == 0x2014 || before == 0x2013;
            int space_after = precis_is_space(after) ||
                              (!precis_is_wordchar(after) && !is_quote(after) && after != '\'' &&
                               after != 0x2018);
            int opens;
            if (space_before != space_after)
                opens = space_before;
            else
                opens = cp == '"' ? space_before : usually_opens(cp);
            if (!q.any) {
                q.any = 1;
                q.first_opens = opens;
                q.first = at;
            }
            if (!opens) {
                q.closes = 1;
                q.close_end = pos;
            }
        }
        before = cp;
    }
    return q;
}

precis_quote_marks precis_find_quotes(const char *s, size_t len, size_t start)
{
    return find_quotes(s, len, start);
}

static int text_before(const char *s, size_t start, size_t end)
{
    while (start < end)
        if (!precis_is_space(precis_utf8_next(s, end, &start)))
            return 1;
    return 0;
}

/* A quotation that names its speaker with a pronoun: the first word after
 * the closing mark, or the second when it ends the sentence ('", sagte
 * er.'), or the word after the last comma when at most SPEAKER_TAIL words
 * and no quote mark follow it ("..., he said."). */
static precis_status names_speaker(precis_depend *d, uint64_t bit, const char *s, size_t len,
                                   size_t start, const precis_quote_marks *q, int *yes)
{
    *yes = 0;
    precis_status st;
    if (q->closes) {
        size_t pos = q->close_end, a, b, first[2] = {0, 0}, last[2] = {0, 0}, count = 0;
        while (count < 3 && next_word(s, len, &pos, &a, &b)) {
            size_t ca = a, cb = b;
            if (!trim_core(s, &ca, &cb))
                continue;
            if (count < 2)
                first[count] = a, last[count] = b;
            count++;
        }
        if (count > 0 && (st = is_speaker(d, bit, s, first[0], last[0], yes)) != PRECIS_OK)
            return st;
        if (!*yes && count == 2 &&
            (st = is_speaker(d, bit, s, first[1], last[1], yes)) != PRECIS_OK)
            return st;
        if (*yes)
            return PRECIS_OK;
    }
    size_t comma = 0;
    int has_comma = 0, quote_after = 0;
    /* The last comma from the back while the text is ASCII (which no
     * longer sequence holds), else by reading from the start. ASCII
     * words that begin after white space in what is read are words after
     * the last comma, wherever it is (or there is none): past
     * SPEAKER_TAIL of them, no speaker is named there. */
    size_t back = len, tail_words = 0;
    while (back >= start + 9) {
        uint64_t v = precis_ascii_load8(s + back - 8);
        if ((v & PRECIS_ASCII_HIGH) || precis_ascii_equal8(v, ','))
            break;
        quote_after |= precis_ascii_equal8(v, '"') != 0;
        uint64_t space = ascii_space8(v);
        tail_words += precis_ascii_count8(space << 8 & ~space);
        if (tail_words > SPEAKER_TAIL)
            return PRECIS_OK;
        back -= 8;
    }
    while (back > start + 1 && (unsigned char)s[back - 1] < 0x80 && s[back - 1] != ',') {
        quote_after |= s[back - 1] == '"';
        back--;
    }
    int ascii_tail = 0;
    if (back > start + 1 && s[back - 1] == ',') {
        comma = back;
        has_comma = 1;
        ascii_tail = 1;
    } else if (back > start + 1) {
        quote_after = 0;
        for (size_t pos = start; pos < len;) {
            size_t at = pos;
            if (is_comma(precis_utf8_next(s, len, &pos)) && at > start) {
                comma = pos;
                has_comma = 1;
            }
        }
        for (size_t pos = comma; has_comma && pos < len;)
            quote_after |= is_quote(precis_utf8_next(s, len, &pos));
    }
    if (!has_comma || quote_after)
        return PRECIS_OK;
    size_t pos = comma, a, b, first_a = 0, first_b = 0, count = 0;
    if (ascii_tail) {
        /* next_word in ASCII text: runs between ASCII white space. */
        while (count <= SPEAKER_TAIL) {
            while (pos < len && is_ascii_space((unsigned char)s[pos]))
                pos++;
            if (pos == len)
                break;
            a = pos;
            while (pos < len && !is_ascii_space((unsigned char)s[pos]))
                pos++;
            if (count == 0)
                first_a = a, first_b = pos;
            count++;
        }
    }
    while (!ascii_tail && count <= SPEAKER_TAIL && next_word(s, len, &pos, &a, &b)) {
        if (count == 0)
            first_a = a, first_b = b;
        count++;
    }
    if (count == 0 || count > SPEAKER_TAIL)
        return PRECIS_OK;
    return is_speaker(d, bit, s, first_a, first_b, yes);
}

/* A piece the splitter cut: the first word starts in lower case and has
 * no capital ("iPhone" and "eBay" are names), and is not a one-letter
 * prefix joined by a hyphen ("e-mail", "x-ray"), which many write in
 * lower case at a sentence's start too. */
static int is_continuation(const char *s, size_t start, size_t end)
{
    size_t pos = start;
    if (!precis_is_lower(precis_utf8_next(s, end, &pos)))
        return 0;
    size_t after = pos;
    int32_t joint = pos < end ? precis_utf8_next(s, end, &after) : 0;
    if ((joint == '-' || joint == 0x2010 || joint == 0x2011) && after < end &&
        precis_is_letter(cp_at(s, end, after)))
        return 0;
    while (pos < end)
        if (precis_is_upper(precis_utf8_next(s, end, &pos)))
            return 0;
    return 1;
}

/* Whether the n words ws/we of s[0, len), whose cores d holds or folds,
 * open with a name whose particle is written in lower case ("de Gaulle",
 * "van der Sar"): a particle entry of CODE.deps, then a word that begins
 * with a capital. */
static precis_status opens_with_particle(precis_depend *d, uint64_t bit, const char *s,
                                         size_t len, size_t *ws, size_t *we, size_t *count,
                                         int *yes)
{
    *yes = 0;
    for (size_t k = 1; k <= precis_dep_max_words; k++) {
        if (k >= *count)
            read_more_words(d, s, len, ws, we, count);
        if (k >= *count)
            return PRECIS_OK;
        precis_status st = need_cores(d, s, len, ws, we, *count, k);
        if (st != PRECIS_OK)
            return st;
        const char *key = d->cores + d->core_start[0];
        size_t key_len = d->core_end[k - 1] - d->core_start[0];
        /* d: particle, c: longer entries begin with these words */
        const precis_lex_entry *o = precis_lex_lookup(&precis_dep_others, key, key_len);
        if (o == NULL)
            return PRECIS_OK;
        size_t a = ws[k], b = we[k];
        if ((o->d & bit) && trim_core(s, &a, &b) && precis_is_upper(cp_at(s, b, a))) {
            *yes = 1;
            return PRECIS_OK;
        }
        if (!(o->c & bit))
            return PRECIS_OK;
    }
    return PRECIS_OK;
}

precis_status precis_dependency_of(precis_depend *d, int lang, const char *s, size_t len,
                                   precis_dependency *why)
{
    *why = PRECIS_DEPENDENCY_NONE;
    if (lang < 0 || lang > PRECIS_LANG_UND)
        return PRECIS_ERR_ARGUMENT;
    uint64_t bit = 1ULL << lang;
    const uint64_t *filter = language_filters(lang);
    int quoted, yes;
    size_t start = skip_credit(s, len, 0);
    size_t rest = skip_marks(s, len, start, &quoted);
    size_t ws[WORDS_READ], we[WORDS_READ], n = 0;
    unsigned char clause_at[WORDS_READ + 1] = {1};
    precis_status st = read_words(d, s, len, rest, ws, we, &n, clause_at);
    if (st != PRECIS_OK || n == 0)
        return st;
    if ((st = opener_matches(d, filter, bit, s, len, ws, we, &n, clause_at, &yes)) != PRECIS_OK)
        return st;
    if (yes) {
        *why = PRECIS_DEPENDENCY_OPENER;
        return PRECIS_OK;
    }
    precis_quote_marks q = find_quotes(s, len, start);
    if ((q.any && !q.first_opens && text_before(s, start, q.first) &&
         letter_after(s, len, q.close_end)) ||
        (quoted && (!q.closes || !letter_after(s, len, q.close_end)))) {
        *why = PRECIS_DEPENDENCY_QUOTE;
        return PRECIS_OK;
    }
    if ((st = names_speaker(d, bit, s, len, start, &q, &yes)) != PRECIS_OK)
        return st;
    if (yes) {
        *why = PRECIS_DEPENDENCY_SPEAKER;
        return PRECIS_OK;
    }
    if (!is_continuation(s, ws[0], we[0]))
        return PRECIS_OK;
    if ((st = opens_with_particle(d, bit, s, len, ws, we, &n, &yes)) != PRECIS_OK)
        return st;
    if (!yes)
        *why = PRECIS_DEPENDENCY_CONTINUATION;
    return PRECIS_OK;
}

/* ------------------------------------------------------------------ */
/* Junk                                                               */

/* Whether the folded phrase is at text[at...], ending where a word ends
 * unless it ends with punctuation ("read more:", "follow @"). */
static int phrase_at(const char *text, size_t len, size_t at, const precis_junk_phrase *p)
{
    if (p->len > len - at || memcmp(text + at, p->phrase, p->len) != 0)
        return 0;
    size_t last;
    if (!precis_is_wordchar(precis_utf8_prev(p->phrase, p->len, &last)))
        return 1;
    return !precis_is_wordchar(cp_at(text, len, at + p->len));
}

/* Whether a phrase of one of the languages in langs, of the given kind,
 * is at text[at...]. */
static int any_phrase_at(const char *text, size_t len, size_t at, uint64_t langs, uint32_t kind)
{
    unsigned char first = (unsigned char)text[at];
    for (size_t k = precis_junk_phrase_first[first]; k < precis_junk_phrase_first[first + 1]; k++) {
        const precis_junk_phrase *p = &precis_junk_phrases[k];
        if (p->kind == kind && (p->langs & langs) && phrase_at(text, len, at, p))
            return 1;
    }
    return 0;
}

/* The bit of anywhere_trigram of three bytes (the first in the low
 * byte of t), each with bit 5 set; of opening_trigram of three folded
 * bytes. */
static unsigned trigram_bit(uint32_t t)
{
    return (unsigned)((t * 0x9E3779B1u) >> 20) % PRECIS_DEPEND_TRIGRAM_BITS;
}

static void set_bit(uint64_t *bits, unsigned bit)
{
    bits[bit / 64] |= 1ULL << (bit % 64);
}

/* The trigram filter of the anywhere phrases ph->anywhere[0, count): a
 * phrase matches where the text's first byte folds to its first, its
 * second to its second and its third to its third, or is white space
 * where the phrase has a space (phrase_at_ascii). With bit 5 set, a
 * letter in either case is the phrase's letter, and a grave accent, which
 * folds to an apostrophe, is one byte more to allow. */
static void learn_trigrams(precis_depend_phrases *ph, size_t count)
{
    static const char spaces[] = " \t\n\v\f\r";
    memset(ph->anywhere_trigram, 0, sizeof ph->anywhere_trigram);
    for (size_t k = 0; k < count; k++) {
        const precis_junk_phrase *p = &precis_junk_phrases[ph->anywhere[k]];
        if (p->len < 3 || p->phrase[0] == ' ' || p->phrase[1] == ' ') {
            memset(ph->anywhere_trigram, 0xFF, sizeof ph->anywhere_trigram);
            return;
        }
        /* The bytes that may stand at each of the first three places. */
        unsigned char may[3][sizeof spaces - 1];
        size_t n[3];
        for (size_t b = 0; b < 3; b++) {
            unsigned char c = (unsigned char)p->phrase[b];
            n[b] = 0;
            if (c == ' ') {
                for (size_t w = 0; w < sizeof spaces - 1; w++)
                    may[b][n[b]++] = (unsigned char)(spaces[w] | 0x20);
                continue;
            }
            may[b][n[b]++] = c | 0x20;
            if (c == '\'')
                may[b][n[b]++] = '`' | 0x20;
        }
        for (size_t x = 0; x < n[0]; x++)
            for (size_t y = 0; y < n[1]; y++)
                for (size_t z = 0; z < n[2]; z++) {
                    unsigned bit = trigram_bit((uint32_t)may[0][x] | (uint32_t)may[1][y] << 8 |
                                               (uint32_t)may[2][z] << 16);
                    ph->anywhere_trigram[bit / 64] |= 1ULL << (bit % 64);
                }
    }
}

/* learn_phrases where the phrases of langs are not d's last: those of
 * the languages before, or the older described again. */
static precis_status learn_other_phrases(precis_depend *d, uint64_t langs)
{
    d->phrases_now ^= 1;
    if (d->phrases[d->phrases_now] == NULL &&
        (d->phrases[d->phrases_now] = calloc(1, sizeof *d->phrases[0])) == NULL)
        return PRECIS_ERR_NOMEM;
    precis_depend_phrases *ph = d->phrases[d->phrases_now];
    if (ph->langs == langs)
        return PRECIS_OK;
    if (PRECIS_RESERVE(ph->anywhere, ph->anywhere_cap, precis_junk_phrase_total) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    size_t count = 0;
    ph->phrase_longest = 0;
    for (size_t c = 0; c < 256; c++) {
        ph->anywhere_from[c] = (uint16_t)count;
        for (size_t k = precis_junk_phrase_first[c]; k < precis_junk_phrase_first[c + 1]; k++) {
            const precis_junk_phrase *p = &precis_junk_phrases[k];
            if (p->kind == PRECIS_JUNK_PHRASE_ANYWHERE && (p->langs & langs))
                ph->anywhere[count++] = (uint16_t)k;
            if (p->len > ph->phrase_longest)
                ph->phrase_longest = p->len;
        }
    }
    ph->anywhere_from[256] = (uint16_t)count;
    memset(ph->anywhere_second, 0, sizeof ph->anywhere_second);
    memset(ph->opening_second, 0, sizeof ph->opening_second);
    memset(ph->opening_short, 0, sizeof ph->opening_short);
    memset(ph->opening_trigram, 0, sizeof ph->opening_trigram);
    for (size_t k = 0; k < precis_junk_phrase_total; k++) {
        const precis_junk_phrase *p = &precis_junk_phrases[k];
        if (!(p->langs & langs) || (p->kind != PRECIS_JUNK_PHRASE_ANYWHERE &&
                                    p->kind != PRECIS_JUNK_PHRASE_START &&
                                    p->kind != PRECIS_JUNK_PHRASE_LINE))
            continue;
        uint64_t *second = p->kind == PRECIS_JUNK_PHRASE_ANYWHERE
                               ? &ph->anywhere_second[(unsigned char)p->phrase[0]]
                               : &ph->opening_second[(unsigned char)p->phrase[0]];
        if (p->len < 2)
            *second = ~0ULL;
        else if (p->phrase[1] == ' ' && p->kind == PRECIS_JUNK_PHRASE_ANYWHERE)
            /* any white space, as phrase_at_ascii reads it */
            *second |= 1ULL << ' ' | 1ULL << '\t' | 1ULL << '\n' | 1ULL << '\v' | 1ULL << '\f' |
                       1ULL << '\r';
        else
            *second |= 1ULL << ((unsigned char)p->phrase[1] & 63);
        if (p->kind == PRECIS_JUNK_PHRASE_ANYWHERE)
            continue;
        if (p->len < 3)
            ph->opening_short[(unsigned char)p->phrase[0]] |=
                p->len < 2 ? ~0ULL : 1ULL << ((unsigned char)p->phrase[1] & 63);
        else
            set_bit(ph->opening_trigram, trigram_bit((uint32_t)(unsigned char)p->phrase[0] |
                                                    (uint32_t)(unsigned char)p->phrase[1] << 8 |
                                                    (uint32_t)(unsigned char)p->phrase[2] << 16));
    }
    learn_trigrams(ph, count);
    precis_anchors_start(&ph->anywhere_anchors);
    ph->anywhere_anchored = 1;
    ph->anywhere_spaces = 0;
    for (size_t k = 0; k < count; k++) {
        const precis_junk_phrase *p = &precis_junk_phrases[ph->anywhere[k]];
        ph->anywhere_anchored &= precis_anchors_add(&ph->anywhere_anchors, p->phrase, p->len);
        size_t spaces = 0;
        for (size_t i = 0; i < p->len; i++)
            spaces += p->phrase[i] == ' ';
        if (spaces > ph->anywhere_spaces)
            ph->anywhere_spaces = spaces;
    }
    precis_anchors_finish(&ph->anywhere_anchors);
    for (size_t c = 0; c < 256; c++) {
        unsigned char folded = fold_ascii((unsigned char)c);
        int begins = ph->anywhere_from[folded] < ph->anywhere_from[folded + 1];
        ph->ascii_class[c] = c >= 0x80 ? 2 : !begins ? 0 : precis_is_wordchar(folded) ? 1 : 4;
    }
    ph->punct_count = 0;
    for (size_t c = 0; c < 0x80; c++)
        if (ph->ascii_class[c] == 4) {
            if (ph->punct_count < PRECIS_DEPEND_PUNCT)
                ph->punct_first[ph->punct_count] = (unsigned char)c;
            ph->punct_count++;
        }
    ph->langs = langs;
    return PRECIS_OK;
}

/* Describes the phrases of langs in d, unless it does already: the
 * check of every sentence, kept apart to be inlined. */
static precis_status learn_phrases(precis_depend *d, uint64_t langs)
{
    const precis_depend_phrases *ph = d->phrases[d->phrases_now];
    return ph != NULL && ph->langs == langs ? PRECIS_OK : learn_other_phrases(d, langs);
}

/* Phrases are only tried where a character with a first byte of one
 * (from, from learn_phrases) starts a word or is not a letter or digit:
 * one that begins with punctuation ("(avec afp)") matches anywhere. */
static int holds_phrase(const char *text, size_t len, uint64_t langs, const uint16_t from[257])
{
    int32_t before = ' ';
    for (size_t pos = 0; pos < len;) {
        size_t at = pos;
        int32_t cp = precis_utf8_next(text, len, &pos);
        unsigned char first = (unsigned char)text[at];
        if (from[first] < from[first + 1] &&
            (!precis_is_wordchar(cp) || !precis_is_wordchar(before)) &&
            any_phrase_at(text, len, at, langs, PRECIS_JUNK_PHRASE_ANYWHERE))
            return 1;
        before = cp;
    }
    return 0;
}

/* Whether the folded phrase p matches the ASCII text[at, len) where the
 * text's fold would hold it at the fold of at: letters in lower case, a
 * grave accent as "'", a space against a run of white space before more
 * text, and the word end checked as phrase_at does. */
static int phrase_at_ascii(const char *text, size_t len, size_t at, const precis_junk_phrase *p)
{
    size_t i = at;
    for (size_t k = 0; k < p->len; k++) {
        unsigned char want = (unsigned char)p->phrase[k];
        if (i >= len)
            return 0;
        if (want == ' ') {
            if (!is_ascii_space((unsigned char)text[i]))
                return 0;
            while (i < len && is_ascii_space((unsigned char)text[i]))
                i++;
        } else if (fold_ascii((unsigned char)text[i++]) != want) {
            return 0;
        }
    }
    /* Only an ASCII phrase gets here: its last byte is its last character. */
    if (p->len == 0 || !precis_is_wordchar((unsigned char)p->phrase[p->len - 1]))
        return 1;
    return i >= len || !precis_is_wordchar(fold_ascii((unsigned char)text[i]));
}

/* Whether an anywhere phrase of d's languages (learn_phrases) starts at
 * the ASCII letter, digit or punctuation s[at], as phrase_at_ascii
 * reads it. */
static int phrase_from(const precis_depend_phrases *ph, const char *s, size_t end, size_t at)
{
    unsigned char c = fold_ascii((unsigned char)s[at]);
    /* No phrase goes on with the next byte. */
    if (end - at >= 2 &&
        !((ph->anywhere_second[c] >> (fold_ascii((unsigned char)s[at + 1]) & 63)) & 1))
        return 0;
    for (size_t k = ph->anywhere_from[c]; k < ph->anywhere_from[c + 1]; k++)
        if (phrase_at_ascii(s, end, at, &precis_junk_phrases[ph->anywhere[k]]))
            return 1;
    return 0;
}

/* Whether holds_phrase might find an anywhere phrase of langs in the fold
 * of s[start, end), trimmed of white space, read in place: in *maybe, 0
 * when it cannot. The fold of ASCII text is the text in lower case with
 * runs of white space made one space and a word too long for any phrase
 * made U+FFFD, so a phrase in the fold is in the text, where this finds
 * it: the fold is needed only then. Returns 0 at a byte that is not
 * ASCII. */
static int may_hold_phrase_ascii(const precis_depend_phrases *ph, const char *s, size_t start,
                                 size_t end, int *maybe)
{
    *maybe = 0;
    int word_before = 0;
    size_t i = start;
    /* Eight bytes at a time while they are ASCII and ten are left: the
     * words that start in them and the punctuation that begins a phrase,
     * and of those the ones whose first three bytes may begin one (a
     * filter that lets few others through, tested without a branch that
     * the next word could not predict). */
    for (; ph->punct_count <= PRECIS_DEPEND_PUNCT && end - i >= 10; i += 8) {
        uint64_t v = precis_ascii_load8(s + i);
        if (v & PRECIS_ASCII_HIGH)
            break;
        uint64_t alnum = precis_ascii_alnum8(v);
        uint64_t punct = 0;
        for (unsigned p = 0; p < ph->punct_count; p++)
            punct |= precis_ascii_equal8(v, ph->punct_first[p]);
        /* Bytes 2 to 9: the three bytes from byte 6 or 7 are in it. */
        uint64_t ahead = v >> 16 | (uint64_t)(unsigned char)s[i + 8] << 48 |
                         (uint64_t)(unsigned char)s[i + 9] << 56;
        for (uint64_t starts = precis_ascii_word_starts8(alnum, word_before) | punct; starts != 0;
             starts &= starts - 1) {
            unsigned k = precis_ascii_first8(starts);
            uint64_t from = k < 6 ? v >> 8 * k : ahead >> 8 * (k - 2);
            unsigned bit = trigram_bit(((uint32_t)from & 0xFFFFFFu) | 0x202020u);
            if (((ph->anywhere_trigram[bit / 64] >> (bit % 64)) & 1) &&
                phrase_from(ph, s, end, i + k)) {
                *maybe = 1;
                return 1;
            }
        }
        word_before = precis_ascii_top8(alnum);
    }
    for (; i < end; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned cls = ph->ascii_class[c];
        /* One test a byte: a word's first letter that begins a phrase, or
         * a byte that is not ASCII or punctuation that begins a phrase
         * (cls >> 1). */
        int word = ((unsigned)((c | 0x20) - 'a') < 26) | ((unsigned)(c - '0') < 10);
        int candidate = (int)(cls & 1) & !word_before;
        word_before = word;
        if (!(candidate | (int)(cls >> 1)))
            continue;
        if (cls & 2)
            return 0;
        if (phrase_from(ph, s, end, i)) {
            *maybe = 1;
            return 1;
        }
    }
    return 1;
}

/* Whether a start or line phrase of d's languages may begin the fold of
 * s[rest, head_end): 0 where its first word is ASCII and its first two
 * bytes, folded as precis_depend_fold_words would fold them (the word's first two
 * letters, or its only letter and the space after it), begin none, or
 * its first three (the word's first three, or its two and the space
 * after them) begin none of three bytes or more and it does not begin
 * with a shorter one. */
static int head_may_hold_phrase(const precis_depend_phrases *ph, const char *s, size_t rest,
                                size_t head_end)
{
    size_t end = rest;
    while (end < head_end && (unsigned char)s[end] < 0x80 && !is_ascii_space((unsigned char)s[end]))
        end++;
    if (end == rest || (end < head_end && (unsigned char)s[end] >= 0x80) || too_long(rest, end))
        return 1;
    unsigned char first = fold_ascii((unsigned char)s[rest]);
    unsigned char second = end - rest >= 2 ? fold_ascii((unsigned char)s[rest + 1]) : ' ';
    if (!((ph->opening_second[first] >> (second & 63)) & 1))
        return 0;
    /* A word of one letter: the third byte is the next word's. */
    if (end - rest < 2 || ((ph->opening_short[first] >> (second & 63)) & 1))
        return 1;
    unsigned char third = end - rest >= 3 ? fold_ascii((unsigned char)s[rest + 2]) : ' ';
    unsigned bit = trigram_bit((uint32_t)first | (uint32_t)second << 8 | (uint32_t)third << 16);
    return (ph->opening_trigram[bit / 64] >> (bit % 64)) & 1;
}

/* Digits with the separators of numbers, dates and times: 9, 10:30,
 * 2015-04-03, 9h30. */
static int is_number(const char *w, size_t len)
{
    int digit = 0;
    for (size_t pos = 0; pos < len;) {
        int32_t cp = precis_utf8_next(w, len, &pos);
        if (precis_is_digit(cp))
            digit = 1;
        else if (cp != '.' && cp != ',' && cp != ':' && cp != '/' && cp != '-' && cp != 'h')
            return 0;
    }
    return digit;
}

/* Whether every word of s[start, end) is a number or a date word of the
 * language of bit, whose date words dates filters (language_filters),
 * and there is one. */
static precis_status only_dates(precis_depend *d, uint64_t bit, const uint64_t *dates,
                                const char *s, size_t start, size_t end, int *yes)
{
    *yes = 0;
    int any = 0;
    size_t pos = start, a, b;
    /* Date words are whole words between white space. */
    for (;;) {
        while (pos < end) {
            size_t next = pos;
            if (!precis_is_space(precis_utf8_next(s, end, &next)))
                break;
            pos = next;
        }
        if (pos >= end)
            break;
        a = pos;
        /* The word's end eight ASCII bytes at a time where it can. */
        int ascii_word = 1;
        while (pos < end) {
            if (end - pos >= 8) {
                uint64_t v = precis_ascii_load8(s + pos);
                if (!(v & PRECIS_ASCII_HIGH)) {
                    uint64_t space = ascii_space8(v);
                    if (space == 0) {
                        pos += 8;
                        continue;
                    }
                    pos += precis_ascii_first8(space);
                    break;
                }
            }
            size_t next = pos;
            int32_t cp = precis_utf8_next(s, end, &next);
            if (precis_is_space(cp))
                break;
            ascii_word &= cp < 0x80;
            pos = next;
        }
        b = pos;
        size_t used = 0;
        if (ascii_word) {
            /* An ASCII word: its core is its letters and digits, folded
             * as append_folded folds them. */
            while (a < b && !is_ascii_alnum((unsigned char)s[a]))
                a++;
            while (b > a && !is_ascii_alnum((unsigned char)s[b - 1]))
                b--;
            if (a == b)
                continue;
            if (too_long(a, b))
                return PRECIS_OK;
            if (PRECIS_RESERVE(d->whole, d->whole_cap, b - a + 1) != PRECIS_OK)
                return PRECIS_ERR_NOMEM;
            for (size_t i = a; i < b; i++)
                d->whole[used++] = (char)fold_ascii((unsigned char)s[i]);
            d->whole[used] = '\0';
        } else {
            if (!trim_core(s, &a, &b))
                continue;
            if (too_long(a, b))
                return PRECIS_OK;
            precis_status st = append_folded(d, &d->whole, &d->whole_cap, &used, s, a, b, 0);
            if (st != PRECIS_OK)
                return st;
        }
        if (!is_number(d->whole, used) &&
            !(filter_may_hold(dates, precis_depend_filter_hash(d->whole, used)) &&
              (mask_of(&precis_junk_dates, d->whole, used) & bit)))
            return PRECIS_OK;
        any = 1;
    }
    *yes = any;
    return PRECIS_OK;
}

/* Whether every code point of s[start, end) past ASCII is white space or
 * folds to code points past ASCII only (precis_fold_nonascii): then every
 * run of ASCII letters, digits and punctuation in its fold
 * (precis_depend_fold_words) is in s, its letters in either case, and an
 * anchor of the anywhere phrases found in the fold is in s. */
static int folds_own_ascii(precis_depend *d, const char *s, size_t start, size_t end)
{
    for (size_t pos = start; pos < end;) {
        if (end - pos >= 8 && !(precis_ascii_load8(s + pos) & PRECIS_ASCII_HIGH)) {
            pos += 8;
            continue;
        }
        /* A Latin-1 letter, read in place (0xC3 and a continuation byte,
         * U+00C0 to U+00FF). */
        if ((unsigned char)s[pos] == 0xC3 && end - pos >= 2 &&
            ((unsigned char)s[pos + 1] & 0xC0) == 0x80) {
            if (!precis_fold_nonascii(&d->folder, 0xC0 | ((unsigned char)s[pos + 1] & 0x3F)))
                return 0;
            pos += 2;
            continue;
        }
        int32_t cp = precis_utf8_next(s, end, &pos);
        if (cp >= 0x80 && !precis_is_space(cp) && !precis_fold_nonascii(&d->folder, cp))
            return 0;
    }
    return 1;
}

/* Whether s[p] (start <= p) lies in white space, as s read from start
 * decodes it: a white space code point starts at an ASCII byte or at
 * 0xC2 or 0xE1 to 0xE3 (space_at), none of them ever inside another code
 * point, and is at most three bytes long. */
static int in_space(const char *s, size_t start, size_t end, size_t p)
{
    size_t next;
    for (size_t q = p; q + 2 >= p && q >= start; q--) {
        if (space_at(s, end, q, &next) && next > p)
            return 1;
        if ((unsigned char)s[q] < 0x80 || q == start)
            break;
    }
    return 0;
}

/* The start of the word of s[start, end) that holds s[p], p not in white
 * space: read back to the white space before it. */
static size_t word_start(const char *s, size_t start, size_t end, size_t p)
{
    while (p > start && !in_space(s, start, end, p - 1))
        p--;
    return p;
}

/* holds_phrase of the fold of s[from, to), in *yes. */
static precis_status holds_phrase_folding(precis_depend *d, uint64_t langs, const char *s,
                                          size_t from, size_t to, int *yes)
{
    const precis_depend_phrases *ph = d->phrases[d->phrases_now];
    size_t used;
    precis_status st =
        precis_depend_fold_words(d, &d->whole, &d->whole_cap, &used, s, from, to, SIZE_MAX);
    if (st != PRECIS_OK)
        return st;
    *yes = holds_phrase(d->whole, used, langs, ph->anywhere_from);
    return PRECIS_OK;
}

/* holds_phrase of the fold of s[start, end), in *yes, where every
 * anywhere phrase of langs has an anchor, their filter is on and
 * folds_own_ascii holds: then a phrase in the fold holds its anchor, in
 * the fold of one word and so in that word of s, and covers at most
 * anywhere_spaces words more on either side. Only the runs of words
 * around the words where an anchor's window starts are folded and looked
 * in, found by reading back and on from there: each run's fold is a run
 * of whole words of the sentence's fold, between its spaces, where
 * holds_phrase finds what it finds there in the whole. */
static precis_status holds_phrase_near_anchors(precis_depend *d, uint64_t langs, const char *s,
                                               size_t start, size_t end, int *yes)
{
    const precis_depend_phrases *ph = d->phrases[d->phrases_now];
    *yes = 0;
    const precis_anchors *anchors = &ph->anywhere_anchors;
    size_t span = ph->anywhere_spaces;
    /* A window holds no white space: it lies in the word where it
     * starts. */
    for (size_t hit = start + precis_anchors_find(anchors, s + start, end - start); hit < end;) {
        size_t word = word_start(s, start, end, hit), run_start = word;
        for (size_t k = 0; k < span && run_start > start; k++) {
            size_t gap = run_start;
            while (gap > start && in_space(s, start, end, gap - 1))
                gap--;
            if (gap == start)
                break;
            run_start = word_start(s, start, end, gap - 1);
        }
        /* The words from the anchor's on, span more after the last that
         * holds one. */
        size_t pos = word, a, b, run_end = word, left = 1;
        int ascii;
        while (left > 0 && next_spaced_word(s, end, &pos, &a, &b, &ascii)) {
            left--;
            run_end = b;
            if (hit < b) {
                left = span;
                hit = b + precis_anchors_find(anchors, s + b, end - b);
            }
        }
        precis_status st = holds_phrase_folding(d, langs, s, run_start, run_end, yes);
        if (st != PRECIS_OK || *yes)
            return st;
    }
    return PRECIS_OK;
}

/* Whether s[rest, end) has at most SHORT_LINE_WORDS words: asked only
 * where the answer matters, as it reads that many words. */
static int is_short_line(const char *s, size_t rest, size_t end)
{
    size_t words = 0, a, b;
    for (size_t pos = rest; words <= SHORT_LINE_WORDS && next_word(s, end, &pos, &a, &b);)
        words++;
    return words <= SHORT_LINE_WORDS;
}

static int ends_with(const char *s, size_t len, const char *tail)
{
    size_t n = strlen(tail);
    return len >= n && memcmp(s + len - n, tail, n) == 0;
}

const precis_anchors *precis_depend_anywhere_anchors(precis_depend *d, int lang)
{
    if (lang < 0 || lang > PRECIS_LANG_UND ||
        learn_phrases(d, 1ULL << lang | 1ULL << precis_lang_english) != PRECIS_OK)
        return NULL;
    return &d->phrases[d->phrases_now]->anywhere_anchors;
}

precis_status precis_depend_holds_anywhere(precis_depend *d, int lang, const char *s, size_t start,
                                          size_t end, int anchored, int *yes)
{
    *yes = 0;
    if (lang < 0 || lang > PRECIS_LANG_UND)
        return PRECIS_ERR_ARGUMENT;
    uint64_t langs = 1ULL << lang | 1ULL << precis_lang_english;
    precis_status st = learn_phrases(d, langs);
    if (st != PRECIS_OK)
        return st;
    /* ASCII text without an anchor holds no phrase: may_hold_phrase_ascii
     * would find none (a phrase it finds holds its anchor). Nor does other
     * text without one where every phrase has an anchor and the text's
     * fold holds no ASCII that the text does not (folds_own_ascii), and
     * such text with one is folded only around its anchors. Anchors hold
     * no white space: the caller's answer for the whole sentence is the
     * one for s[start, end). */
    const precis_depend_phrases *ph = d->phrases[d->phrases_now];
    int ascii = precis_ascii_all(s + start, end - start);
    int own = ascii || (ph->anywhere_anchored && folds_own_ascii(d, s, start, end));
    if (own && !(anchored >= 0 ? anchored
                               : precis_anchors_may_hold(&ph->anywhere_anchors, s + start,
                                                         end - start)))
        return PRECIS_OK;
    if (own && !ascii && ph->anywhere_anchors.window != 0)
        return holds_phrase_near_anchors(d, langs, s, start, end, yes);
    int maybe;
    if (!may_hold_phrase_ascii(ph, s, start, end, &maybe))
        maybe = 1;
    return maybe ? holds_phrase_folding(d, langs, s, start, end, yes) : PRECIS_OK;
}

precis_status precis_junk_of(precis_depend *d, int lang, const char *s, size_t len,
                             precis_junk *why)
{
    return precis_junk_of_anchored(d, lang, s, len, -1, why);
}

precis_status precis_junk_of_anchored(precis_depend *d, int lang, const char *s, size_t len,
                                      int anchored, precis_junk *why)
{
    *why = PRECIS_JUNK_NONE;
    if (lang < 0 || lang > PRECIS_LANG_UND)
        return PRECIS_ERR_ARGUMENT;
    size_t start = 0, end = 0, pos = 0;
    int word = 0, seen = 0;
    while (pos < len && !word) {
        size_t at = pos;
        int32_t cp = precis_utf8_next(s, len, &pos);
        if (!precis_is_space(cp)) {
            if (!seen)
                start = at, seen = 1;
            end = pos;
        }
        word = precis_is_wordchar(cp);
    }
    if (!word) {
        *why = PRECIS_JUNK_EMPTY;
        return PRECIS_OK;
    }
    /* The end from the back when the last byte before the white space is
     * ASCII (which no longer sequence holds), else by reading on. */
    size_t back = len;
    while (back > pos && is_ascii_space((unsigned char)s[back - 1]))
        back--;
    if (back > pos && (unsigned char)s[back - 1] < 0x80) {
        end = back;
    } else {
        while (pos < len)
            if (!precis_is_space(precis_utf8_next(s, len, &pos)))
                end = pos;
    }
    if (s[start] != '\0' && strchr(",;:)]", s[start]) != NULL) {
        *why = PRECIS_JUNK_REMAINDER;
        return PRECIS_OK;
    }
    if (ends_with(s + start, end - start, ":") || ends_with(s + start, end - start, ": .")) {
        *why = PRECIS_JUNK_LEAD_IN;
        return PRECIS_OK;
    }
    int quoted;
    size_t rest = skip_marks(s, end, skip_credit(s, end, start), &quoted);
    if (ends_with(s + start, end - start, " .") && is_short_line(s, rest, end)) {
        *why = PRECIS_JUNK_TITLE;
        return PRECIS_OK;
    }
    uint64_t langs = 1ULL << lang | 1ULL << precis_lang_english;
    precis_status st = learn_phrases(d, langs);
    if (st != PRECIS_OK)
        return st;
    size_t head_len = 0;
    size_t head_end = end - rest > HEAD_BYTES ? rest + HEAD_BYTES : end;
    /* Phrases are compared at the start of the head, with the character
     * after them: the words that cover the longest and one character more
     * are enough. */
    const precis_depend_phrases *ph = d->phrases[d->phrases_now];
    if (head_may_hold_phrase(ph, s, rest, head_end) &&
        (st = precis_depend_fold_words(d, &d->head, &d->head_cap, &head_len, s, rest, head_end,
                                       ph->phrase_longest + 4)) != PRECIS_OK)
        return st;
    if (head_len > 0 && (any_phrase_at(d->head, head_len, 0, langs, PRECIS_JUNK_PHRASE_START) ||
                         (any_phrase_at(d->head, head_len, 0, langs, PRECIS_JUNK_PHRASE_LINE) &&
                          is_short_line(s, rest, end)))) {
        *why = PRECIS_JUNK_PROMO;
        return PRECIS_OK;
    }
    int promo;
    if ((st = precis_depend_holds_anywhere(d, lang, s, start, end, anchored, &promo)) !=
        PRECIS_OK)
        return st;
    if (promo) {
        *why = PRECIS_JUNK_PROMO;
        return PRECIS_OK;
    }
    int dates;
    const uint64_t *filters = language_filters(lang);
    if ((st = only_dates(d, 1ULL << lang, filters + 2 * PRECIS_DEP_FILTER_WORDS, s, rest,
                         end, &dates)) != PRECIS_OK)
        return st;
    if (dates)
        *why = PRECIS_JUNK_DATE;
    return PRECIS_OK;
}
