/*
 * segment.c - sentence boundaries.
 *
 * Everything here is linear in the input: each line and each terminator is
 * looked at once, and the look-behind and look-ahead around a terminator
 * are capped at LOOK_LIMIT bytes so that a megabyte-long "word" cannot make
 * the scan quadratic.
 */
#include "segment.h"

#include <string.h>

#include "lang.h"
#include "utf8.h"
#include "util.h"

#define LOOK_LIMIT 64

/* A line that reads as a heading has at most this many words. */
#define HEADING_MAX_WORDS 15

void precis_segmenter_free(precis_segmenter *seg)
{
    if (seg == NULL)
        return;
    free(seg->spans);
    free(seg->lines);
    precis_folder_free(&seg->folder);
    memset(seg, 0, sizeof *seg);
}

/* ------------------------------------------------------------------ */
/* Character classes specific to sentence ends                        */

enum {
    TERM_NONE = 0,
    TERM_DOT,      /* . */
    TERM_ELLIPSIS, /* … */
    TERM_STRONG,   /* ! ? and their counterparts in other scripts */
    TERM_UNSPACED  /* 。！？ and others that end a sentence with no space after */
};

static int terminator_class(int32_t cp)
{
    switch (cp) {
    case '.':
        return TERM_DOT;
    case 0x2026: /* … */
        return TERM_ELLIPSIS;
    case '!':
    case '?':
    case 0x203C: /* ‼ */
    case 0x2047: /* ⁇ */
    case 0x2048: /* ⁈ */
    case 0x2049: /* ⁉ */
    case 0x061F: /* Arabic question mark */
    case 0x06D4: /* Arabic full stop */
    case 0x0589: /* Armenian full stop */
    case 0x055C: /* Armenian exclamation mark */
    case 0x055E: /* Armenian question mark */
    case 0x0964: /* Devanagari danda */
    case 0x0965: /* Devanagari double danda */
    case 0x1362: /* Ethiopic full stop */
    case 0x104A: /* Myanmar little section */
    case 0x104B: /* Myanmar section */
    case 0x17D4: /* Khmer khan */
    case 0x037E: /* Greek question mark */
        return TERM_STRONG;
    case 0x3002: /* 。 */
    case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */
    case 0xFF61: /* ｡ */
    case 0xFE52: /* small full stop */
        return TERM_UNSPACED;
    default:
        return TERM_NONE;
    }
}

static int is_dash(int32_t cp)
{
    return cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2015 || cp == 0x2212;
}

static int is_bullet(int32_t cp)
{
    return cp == '-' || cp == '*' || cp == '+' || cp == 0x2022 || cp == 0x00B7 || cp == 0x2023 ||
           cp == 0x25E6 || cp == 0x2043 || cp == 0x2013 || cp == 0x2014 || cp == 0x25AA ||
           cp == 0x25CF || cp == 0x25A0;
}

static int is_roman_letter(int32_t cp)
{
    return cp > 0 && cp < 0x80 && strchr("ivxlcdmIVXLCDM", (int)cp) != NULL;
}

/* Quotes of every script and convention (“…”, „…“, »…«, «…», 「…」): after a
 * terminator any of them closes, whichever way it faces. */
static int is_quote(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == 0xAB || cp == 0xBB || cp == 0x2039 ||
           cp == 0x203A || (cp >= 0x2018 && cp <= 0x201F) || (cp >= 0x300C && cp <= 0x300F) ||
           (cp >= 0x301D && cp <= 0x301F);
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

typedef struct word_ref {
    size_t start;
    size_t end;
    int truncated; /* longer than LOOK_LIMIT: treated as an ordinary word */
} word_ref;

/* The white-space delimited token that ends at `end`, without leading
 * opening brackets or quotes. */
static word_ref word_before(const char *text, size_t floor, size_t end)
{
    word_ref w = {end, end, 0};
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
    for (;;) {
        size_t next = w.start;
        if (next >= w.end || !precis_is_opening(precis_utf8_next(text, w.end, &next)))
            break;
        w.start = next;
    }
    return w;
}

/* The run of word characters that starts at `start`. */
static word_ref word_after(const char *text, size_t limit, size_t start)
{
    word_ref w = {start, start, 0};
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

/* "U.S", "e.g", "a.m", "Ph.D": a token with inner periods whose parts are
 * all short runs of letters. */
static int is_dotted_abbreviation(const char *text, word_ref w)
{
    int dots = 0;
    size_t part = 0;
    for (size_t i = w.start; i < w.end; i++) {
        char c = text[i];
        if (c == '.') {
            if (part == 0)
                return 0;
            dots++;
            part = 0;
        } else if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && part < 3) {
            part++;
        } else {
            return 0;
        }
    }
    return dots > 0 && part > 0;
}

/* A numbered or lettered list marker: "1", "12", "a", "iv". */
static int is_list_marker(const char *text, word_ref w)
{
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

/* ------------------------------------------------------------------ */
/* The boundary decision                                              */

typedef struct terminator {
    size_t at;  /* first byte of the terminator run */
    size_t end; /* one past the run and any closing quotes or brackets */
    int kind;   /* strongest TERM_* in the run */
    int dots;
} terminator;

/* Glued paragraphs ("Pyrénées.Alors que", "(38%).C'est"): a word that ends
 * in a lower-case letter, a digit or a closing bracket, a terminator and
 * straight on a capitalised word. */
static int is_glued_boundary(const char *text, size_t sent, size_t limit, const terminator *t,
                             int lang)
{
    if (t->kind != TERM_DOT && t->kind != TERM_STRONG)
        return 0;
    if (t->at == sent)
        return 0;
    size_t prev_start;
    int32_t prev = precis_utf8_prev(text, t->at, &prev_start);
    if (!precis_is_lower(prev) && !precis_is_digit(prev) && !precis_is_closing(prev))
        return 0;
    word_ref w = word_before(text, sent, t->at);
    if (w.truncated)
        return 0;
    size_t wordchars = 0;
    for (size_t i = w.start; i < w.end;) {
        char c = text[i];
        if (c == '.' || c == '@' || c == '/' || c == ':')
            return 0;
        wordchars += precis_is_wordchar(precis_utf8_next(text, w.end, &i));
    }
    if (wordchars < 2)
        return 0;
    if (precis_abbrev_class(lang, text + w.start, w.end - w.start) != PRECIS_ABBREV_NONE)
        return 0;
    size_t pos = t->end;
    if (pos >= limit || !precis_is_upper(precis_utf8_next(text, limit, &pos)))
        return 0;
    if (pos >= limit)
        return 0;
    int32_t second = precis_utf8_next(text, limit, &pos);
    if (!precis_is_lower(second) && second != '\'' && second != 0x2019)
        return 0;
    return !looks_like_address(text, t->end, limit);
}

static int is_boundary(precis_segmenter *seg, const char *text, size_t sent, size_t limit,
                       const terminator *t, int lang)
{
    if (t->kind == TERM_UNSPACED)
        return 1;
    size_t next = t->end;
    while (next < limit) {
        size_t after = next;
        if (!precis_is_space(precis_utf8_next(text, limit, &after)))
            break;
        next = after;
    }
    if (next >= limit)
        return 1;
    if (next == t->end)
        return is_glued_boundary(text, sent, limit, t, lang);

    /* The first letter or digit of what follows, past opening quotes,
     * brackets and dashes. */
    size_t first = next;
    int32_t cp = 0;
    for (int i = 0; i < 8 && first < limit; i++) {
        size_t after = first;
        cp = precis_utf8_next(text, limit, &after);
        if (!precis_is_opening(cp) && !is_dash(cp))
            break;
        first = after;
    }
    if (precis_is_lower(cp))
        return 0;
    if (t->kind != TERM_DOT)
        return 1;

    word_ref w = word_before(text, sent, t->at);
    if (w.start == w.end || w.truncated)
        return 1;
    if (is_list_marker(text, w) && !has_wordchar(text, sent, w.start))
        return 0;
    int cls = precis_abbrev_class(lang, text + w.start, w.end - w.start);
    if (cls == PRECIS_ABBREV_PREFIX)
        return 0;
    int single_capital = w.end - w.start == 1 && text[w.start] >= 'A' && text[w.start] <= 'Z';
    int abbreviation =
        cls == PRECIS_ABBREV_MAY_END || single_capital || is_dotted_abbreviation(text, w);
    if (!abbreviation)
        return 1;
    if (precis_is_digit(cp))
        return 0;
    /* After an abbreviation a capital alone proves nothing ("U.S.
     * Government"); a capitalised function word ("The", "How") does. */
    return is_stopword_at(seg, text, word_after(text, limit, first), lang);
}

/* Finds the sentences of text[start, end), a run of lines with no forced
 * break inside. */
static precis_status scan_region(precis_segmenter *seg, const char *text, size_t start,
                                 size_t end, int lang, uint32_t region_flags)
{
    size_t sent = start, pos = start;
    uint32_t flags = region_flags;
    int emitted;
    while (pos < end) {
        size_t at = pos;
        int kind = terminator_class(precis_utf8_next(text, end, &pos));
        if (kind == TERM_NONE)
            continue;
        terminator t = {at, pos, kind, text[at] == '.'};
        /* The rest of the run ("?!", "...") and the quotes and brackets
         * that close after it. */
        while (t.end < end) {
            size_t after = t.end;
            int32_t cp = precis_utf8_next(text, end, &after);
            int more = terminator_class(cp);
            if (more != TERM_NONE) {
                if (cp == '.')
                    t.dots++;
                if (more > t.kind)
                    t.kind = more;
            } else if (precis_is_space(cp) && !precis_is_linebreak(cp) && after < end) {
                /* French typography spaces the closing guillemet: "parti. »" */
                size_t quote_end = after;
                int32_t quote = precis_utf8_next(text, end, &quote_end);
                if (quote != 0xBB && quote != 0x203A)
                    break;
                after = quote_end;
            } else if (!precis_is_closing(cp) && !is_quote(cp)) {
                break;
            }
            t.end = after;
        }
        if (t.kind == TERM_DOT && t.dots > 1)
            t.kind = TERM_ELLIPSIS;
        pos = t.end;
        if (!is_boundary(seg, text, sent, end, &t, lang))
            continue;
        precis_status st = emit(seg, text, sent, t.end, flags, &emitted);
        if (st != PRECIS_OK)
            return st;
        if (emitted)
            flags = region_flags & ~(uint32_t)PRECIS_SPAN_PARAGRAPH_START;
        sent = t.end;
    }
    return emit(seg, text, sent, end, flags, &emitted);
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

static precis_status find_lines(precis_segmenter *seg, const char *text, size_t len,
                                size_t *count)
{
    /* A leading byte-order mark is an encoding signature, not text. */
    size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    size_t n = 0, line_start = bom, i = bom;
    for (;;) {
        int hard = 0;
        size_t brk = i < len ? linebreak_len(text, len, i, &hard) : 0;
        if (i < len && brk == 0) {
            i++;
            continue;
        }
        size_t s = line_start, e = i;
        trim(text, &s, &e);
        /* A run of blank lines separates paragraphs as one does; keeping
         * one entry for it stops a file of line breaks from costing a
         * line record per byte. */
        if (s != e || n == 0 || !seg->lines[n - 1].blank) {
            if (PRECIS_RESERVE(seg->lines, seg->lines_cap, n + 1) != PRECIS_OK)
                return PRECIS_ERR_NOMEM;
            uint32_t width = 0;
            for (size_t k = s; k < e; k++)
                width += ((unsigned char)text[k] & 0xC0) != 0x80;
            seg->lines[n++] = (precis_line){s, e, width, s == e, (uint8_t)hard};
        }
        if (i >= len)
            break;
        i += brk;
        line_start = i;
    }
    *count = n;
    return PRECIS_OK;
}

enum { END_OPEN, END_TERMINATED, END_CONTINUES };

/* How a line ends: with a sentence terminator (quotes and brackets after it
 * allowed), with punctuation that announces more, or open. */
static int line_end(const char *text, const precis_line *line)
{
    size_t pos = line->end;
    while (pos > line->start) {
        size_t prev;
        int32_t cp = precis_utf8_prev(text, pos, &prev);
        if (terminator_class(cp) != TERM_NONE)
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
    for (int i = 0; i < 8 && pos < line->end; i++) {
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
        return pos < end && precis_is_space((unsigned char)text[pos]);
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
    return (numbered || lettered) && pos < end && precis_is_space((unsigned char)text[pos]);
}

/* A heading: a short line that starts with a capital or a digit and ends
 * open, not on a function word ("The president of the" is wrapped text). */
static int is_heading(precis_segmenter *seg, const char *text, const precis_line *line,
                      uint32_t max_width, int wrapped, int lang)
{
    if (line_end(text, line) != END_OPEN)
        return 0;
    int32_t first = first_char(text, line);
    if (precis_is_lower(first) || !(precis_is_letter(first) || precis_is_digit(first)))
        return 0;
    if (wrapped && (uint64_t)line->width * 10 >= (uint64_t)max_width * 7)
        return 0;
    size_t words = 0;
    int in_word = 0;
    for (size_t i = line->start; i < line->end; i++) {
        int space = precis_is_space((unsigned char)text[i]);
        words += !space && !in_word;
        in_word = !space;
    }
    if (words > HEADING_MAX_WORDS)
        return 0;
    if (words == 1)
        return 1;
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
    word_ref last = {word_start, pos, 0};
    return !is_stopword_at(seg, text, last, lang);
}

/* Whether the break between line k and the next one ends a sentence. */
static int breaks_after(precis_segmenter *seg, const char *text, size_t k, int wrapped,
                        uint32_t max_width, int lang)
{
    const precis_line *line = &seg->lines[k];
    const precis_line *next = &seg->lines[k + 1];
    if (line->hard_after || is_list_item(text, next))
        return 1;
    int next_lower = precis_is_lower(first_char(text, next));
    if (!wrapped)
        return !next_lower;
    if (next_lower || line_end(text, line) == END_CONTINUES)
        return 0;
    return is_heading(seg, text, line, max_width, wrapped, lang);
}

precis_status precis_segment(precis_segmenter *seg, const char *text, size_t len, int lang)
{
    seg->count = 0;
    if (len == 0)
        return PRECIS_OK;
    size_t nlines;
    precis_status st = find_lines(seg, text, len, &nlines);
    if (st != PRECIS_OK)
        return st;

    /* Text whose lines mostly end with a terminator has a paragraph (or a
     * sentence) per line; otherwise it is hard-wrapped prose. */
    size_t inner = 0, terminated = 0;
    uint32_t max_width = 0;
    for (size_t k = 0; k < nlines; k++) {
        const precis_line *line = &seg->lines[k];
        if (line->width > max_width)
            max_width = line->width;
        if (line->blank || k + 1 == nlines || seg->lines[k + 1].blank || line->hard_after)
            continue;
        inner++;
        terminated += line_end(text, line) == END_TERMINATED;
    }
    int wrapped = terminated * 2 < inner;

    for (size_t k = 0; k < nlines;) {
        if (seg->lines[k].blank) {
            k++;
            continue;
        }
        size_t first = k;
        while (k + 1 < nlines && !seg->lines[k + 1].blank &&
               !breaks_after(seg, text, k, wrapped, max_width, lang))
            k++;
        uint32_t flags = PRECIS_SPAN_PARAGRAPH_START;
        if (first == k && is_heading(seg, text, &seg->lines[k], max_width, 0, lang))
            flags |= PRECIS_SPAN_HEADING;
        st = scan_region(seg, text, seg->lines[first].start, seg->lines[k].end, lang, flags);
        if (st != PRECIS_OK)
            return st;
        k++;
    }
    return PRECIS_OK;
}
