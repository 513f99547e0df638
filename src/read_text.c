/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * read_text.c - plain text: page furniture dropped, line-end hyphenation
 * undone, everything else kept as it is.
 */
#include "read_text.h"

#include <string.h>

#include "ascii.h"
#include "lang.h"
#include "utf8.h"
#include "util.h"

/* A running header or footer recurs at least this many lines apart (a
 * page has tens of lines) at least every other time (the last page may
 * be short); a line repeated closer than that is text. */
#define PAGE_GAP_LINES 5
/* Page furniture is a short line. */
#define FURNITURE_MAX_BYTES 100
#define FURNITURE_MAX_WORDS 12
/* Distinct short lines tracked: headers recur from the first pages on,
 * so a book's later lines need no room of their own. */
#define MAX_LINE_KEYS 65536
/* Running heads of papers: "145 Silva et al.", at most this long. */
#define RUNNING_HEAD_MAX_BYTES 64
/* Bounds on the work and the memory of one document: a text of more
 * lines than this is read as it is (a book has about a hundred thousand),
 * and line-end hyphens past this many are left as they are. */
#define TEXT_MAX_LINES ((size_t)1 << 20)
#define TEXT_MAX_HYPHENS ((size_t)1 << 16)

enum {
    TEXT_LINE_AFTER_BLANK = 1u << 0, /* a blank line comes before it */
    TEXT_LINE_AFTER_PAGE = 1u << 1,  /* a form feed comes before it */
    TEXT_LINE_FURNITURE = 1u << 2    /* a page header, footer or number */
};

void precis_text_reader_free(precis_text_reader *r)
{
    if (r == NULL)
        return;
    free(r->lines);
    precis_strtab_free(&r->keys);
    free(r->key_count);
    free(r->key_last);
    free(r->key_gap);
    free(r->line_key);
    free(r->hyphens);
    free(r->norm);
    precis_folder_free(&r->folder);
    uint64_t seed = r->keys.seed;
    memset(r, 0, sizeof *r);
    r->keys.seed = seed;
}

static int is_blank_byte(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v';
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* ------------------------------------------------------------------ */
/* Lines                                                              */

/* Splits text into its non-blank lines at line feeds and form feeds (a
 * form feed starts a page, hence a line); blank lines and page breaks
 * become flags of the line after them. Stops with *too_many set past
 * TEXT_MAX_LINES lines. */
static precis_status find_lines(precis_text_reader *r, const char *text, size_t len,
                                int *has_page_break, int *too_many)
{
    *too_many = 0;
    r->line_count = 0;
    *has_page_break = 0;
    uint32_t pending = TEXT_LINE_AFTER_BLANK; /* the start of the text is a paragraph edge */
    size_t pos = 0;
    /* The first form feed at or after pos (len: none): a line ends at it
     * or at a line feed before it, each found by memchr, which reads a
     * long line fastest. */
    const char *first_form_feed = len > 0 ? memchr(text, '\f', len) : NULL;
    size_t form_feed = first_form_feed != NULL ? (size_t)(first_form_feed - text) : len;
    while (pos < len) {
        if (form_feed < pos) {
            const char *found = memchr(text + pos, '\f', len - pos);
            form_feed = found != NULL ? (size_t)(found - text) : len;
        }
        const char *line_feed = memchr(text + pos, '\n', form_feed - pos);
        size_t end = line_feed != NULL ? (size_t)(line_feed - text) : form_feed;
        size_t s = pos, e = end;
        while (s < e && is_blank_byte((unsigned char)text[s]))
            s++;
        while (e > s && is_blank_byte((unsigned char)text[e - 1]))
            e--;
        if (s == e) {
            pending |= TEXT_LINE_AFTER_BLANK;
        } else {
            if (r->line_count == TEXT_MAX_LINES) {
                *too_many = 1;
                return PRECIS_OK;
            }
            if (PRECIS_RESERVE(r->lines, r->lines_cap, r->line_count + 1) != PRECIS_OK)
                return PRECIS_ERR_NOMEM;
            r->lines[r->line_count++] = (precis_text_line){s, e - s, pending};
            pending = 0;
        }
        if (end < len && text[end] == '\f') {
            pending |= TEXT_LINE_AFTER_PAGE;
            *has_page_break = 1;
        }
        pos = end + 1;
    }
    return PRECIS_OK;
}

/* The high bit of each byte of v set where the byte is blank
 * (is_blank_byte): ' ', or '\t' to '\r' and odd ('\t', '\v', '\r'). */
static uint64_t blank8(uint64_t v)
{
    uint64_t low = v & ~PRECIS_ASCII_HIGH;
    uint64_t controls =
        (low + 0x7777777777777777ULL) & ~(low + 0x7272727272727272ULL) & v << 7;
    uint64_t spaces = ~((low ^ 0x2020202020202020ULL) + 0x7F7F7F7F7F7F7F7FULL);
    return (controls | spaces) & ~v & PRECIS_ASCII_HIGH;
}

size_t precis_text_count_words(const char *s, size_t len, size_t cap)
{
    size_t words = 0, i = 0;
    int in_word = 0;
    /* Eight bytes at a time, the starts of words among them counted; past
     * cap, the count the loop below stops at. */
    for (; len - i >= 8 && words <= cap; i += 8) {
        uint64_t word = ~blank8(precis_ascii_load8(s + i)) & PRECIS_ASCII_HIGH;
        words += precis_ascii_count8(precis_ascii_word_starts8(word, in_word));
        in_word = precis_ascii_top8(word);
    }
    if (words > cap)
        return cap + 1;
    for (; i < len && words <= cap; i++) {
        int space = is_blank_byte((unsigned char)s[i]);
        words += !space && !in_word;
        in_word = !space;
    }
    return words;
}

/* Whether s[0, len) starts with the lower-case ASCII word, any case. */
static int starts_with_word(const char *s, size_t len, const char *word)
{
    /* Most lines differ in their first byte: told before the word's
     * length is taken. */
    if (word[0] != '\0' &&
        (len == 0 || (s[0] >= 'A' && s[0] <= 'Z' ? (char)(s[0] + 32) : s[0]) != word[0]))
        return 0;
    size_t n = strlen(word);
    if (len < n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if ((c >= 'A' && c <= 'Z' ? (char)(c + 32) : c) != word[i])
            return 0;
    }
    return 1;
}

/* Skips spaces and at most one of the marks that frame a page number
 * ("- 3 -", "(3)", "| 3 |", "[3]"). */
static size_t skip_frame(const char *s, size_t len, size_t i)
{
    while (i < len && is_blank_byte((unsigned char)s[i]))
        i++;
    if (i < len && strchr("-([|])", s[i]) != NULL && s[i] != '\0')
        i++;
    else if (i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
             ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))
        i += 3;
    while (i < len && is_blank_byte((unsigned char)s[i]))
        i++;
    return i;
}

/* Skips one to four digits; i itself when there are none. */
static size_t skip_page_digits(const char *s, size_t len, size_t i)
{
    size_t n = 0;
    while (i + n < len && is_digit((unsigned char)s[i + n]) && n < 5)
        n++;
    return n >= 1 && n <= 4 ? i + n : i;
}

/* "12", "- 3 -", "(3)", "Page 2 of 9", "Seite 4", "p. 7", "3/12": a page
 * number on a line of its own. */
static int is_page_number(const char *s, size_t len)
{
    static const char *const words[] = {"page", "seite", "p\xc3\xa1gina", "pagina", "pag.",
                                        "p.", "s."};
    size_t i = 0;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        if (starts_with_word(s, len, words[k])) {
            i = strlen(words[k]);
            break;
        }
    }
    i = skip_frame(s, len, i);
    size_t after = skip_page_digits(s, len, i);
    if (after == i)
        return 0;
    i = after;
    while (i < len && is_blank_byte((unsigned char)s[i]))
        i++;
    static const char *const of[] = {"of", "/", "de", "von", "sur", "di", "z",
                                     "\xd0\xb8\xd0\xb7"};
    for (size_t k = 0; k < sizeof of / sizeof of[0]; k++) {
        if (starts_with_word(s + i, len - i, of[k])) {
            size_t j = i + strlen(of[k]);
            while (j < len && is_blank_byte((unsigned char)s[j]))
                j++;
            size_t digits_end = skip_page_digits(s, len, j);
            if (digits_end > j) {
                i = digits_end;
                break;
            }
        }
    }
    return skip_frame(s, len, i) == len;
}

/* Whether s[0, len) ends with "et al" or "et al.", where a word starts. */
static int ends_with_et_al(const char *s, size_t len)
{
    if (len > 0 && s[len - 1] == '.')
        len--;
    return len >= 6 && memcmp(s + len - 5, "et al", 5) == 0 &&
           (s[len - 6] == ' ' || s[len - 6] == '\t');
}

/* The running heads of papers: "145 Silva et al.", "Silva et al. 145",
 * "Journal of Field Studies 25 (2020) 144-156". */
static int is_running_head(const char *s, size_t len)
{
    if (len <= RUNNING_HEAD_MAX_BYTES) {
        size_t i = 0;
        while (i < len && is_digit((unsigned char)s[i]))
            i++;
        if (i > 0 && i <= 4 && i < len && s[i] == ' ' && ends_with_et_al(s, len))
            return 1;
        size_t e = len;
        while (e > 0 && is_digit((unsigned char)s[e - 1]))
            e--;
        if (e < len && len - e <= 4 && e > 0 && s[e - 1] == ' ') {
            size_t t = e;
            while (t > 0 && s[t - 1] == ' ')
                t--;
            if (ends_with_et_al(s, t))
                return 1;
        }
    }
    /* "(2020) 144-156" or "(2020) 144-156 146" at the end. */
    size_t e = len;
    for (int numbers = 0; numbers < 3 && e > 0; numbers++) {
        size_t d = e;
        while (d > 0 && is_digit((unsigned char)s[d - 1]))
            d--;
        if (d == e || e - d > 5)
            return 0;
        size_t p = d;
        while (p > 0 && s[p - 1] == ' ')
            p--;
        if (numbers >= 1 && p > 0 && s[p - 1] == ')') {
            size_t year = p - 1;
            return year >= 5 && s[year - 5] == '(' && is_digit((unsigned char)s[year - 4]) &&
                   is_digit((unsigned char)s[year - 3]) && is_digit((unsigned char)s[year - 2]) &&
                   is_digit((unsigned char)s[year - 1]);
        }
        if (numbers == 0 && p > 0 && s[p - 1] == '-')
            e = p - 1;
        else if (numbers == 0 && p > 2 && (unsigned char)s[p - 1] == 0x93 &&
                 (unsigned char)s[p - 2] == 0x80 && (unsigned char)s[p - 3] == 0xE2)
            e = p - 3;
        else if (numbers == 0 && p < d)
            e = p; /* "144-156 146": the page after the range */
        else if (numbers == 1 && p > 0 && s[p - 1] == '-')
            e = p - 1;
        else
            return 0;
        while (e > 0 && s[e - 1] == ' ')
            e--;
    }
    return 0;
}

/* "https://example.org/news/15848 1/3": a web address and a page count,
 * the footer that browsers print on every page. */
static int is_address_footer(const char *s, size_t len)
{
    if (!starts_with_word(s, len, "http://") && !starts_with_word(s, len, "https://") &&
        !starts_with_word(s, len, "www."))
        return 0;
    size_t i = 0;
    while (i < len && !is_blank_byte((unsigned char)s[i]))
        i++;
    while (i < len && is_blank_byte((unsigned char)s[i]))
        i++;
    size_t after = skip_page_digits(s, len, i);
    if (after == i || after >= len || s[after] != '/')
        return 0;
    size_t end = skip_page_digits(s, len, after + 1);
    return end > after + 1 && end == len;
}

/* "7/14/2008, 09:41 High fuel prices hit BA's profits": a date and a
 * time before the title, the header that browsers print at the top of
 * every page. */
static int is_dated_header(const char *s, size_t len)
{
    size_t i = 0;
    for (int part = 0; part < 3; part++) {
        size_t digits_end = skip_page_digits(s, len, i);
        if (digits_end == i)
            return 0;
        i = digits_end;
        if (part < 2) {
            if (i >= len || (s[i] != '/' && s[i] != '.' && s[i] != '-'))
                return 0;
            i++;
        }
    }
    if (i < len && s[i] == ',')
        i++;
    while (i < len && is_blank_byte((unsigned char)s[i]))
        i++;
    size_t hours = skip_page_digits(s, len, i);
    if (hours == i || hours - i > 2 || hours + 2 >= len || s[hours] != ':' ||
        !is_digit((unsigned char)s[hours + 1]) || !is_digit((unsigned char)s[hours + 2]))
        return 0;
    return 1;
}

/* The normalised form of a short line, under which its recurrences are
 * counted: ASCII letters in small letters, each run of digits one '#'
 * (page numbers and dates change from page to page), white space one
 * space. Returns its length, 0 when it is no candidate for a header:
 * fewer than two words and no number, or a final period (text repeats
 * sentences; running headers have no period, though a title in one may
 * end with a question mark). */
static size_t line_norm(precis_text_reader *r, const char *s, size_t len)
{
    if (len > FURNITURE_MAX_BYTES || precis_text_count_words(s, len, FURNITURE_MAX_WORDS) >
                                          FURNITURE_MAX_WORDS)
        return 0;
    if (s[len - 1] == '.')
        return 0;
    if (PRECIS_RESERVE(r->norm, r->norm_cap, len + 1) != PRECIS_OK)
        return 0;
    size_t n = 0, words = 0;
    int number = 0, space = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_blank_byte(c)) {
            space = 1;
            continue;
        }
        if (space && n > 0)
            r->norm[n++] = ' ';
        if (space || n == 0)
            words++;
        space = 0;
        if (is_digit(c)) {
            if (n == 0 || r->norm[n - 1] != '#')
                r->norm[n++] = '#';
            number = 1;
            continue;
        }
        r->norm[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return words >= 2 || number ? n : 0;
}

/* Counts the recurrences of every short line, then marks the furniture. */
static precis_status find_furniture(precis_text_reader *r, const char *text, int *found)
{
    size_t n = r->line_count;
    *found = 0;
    precis_strtab_clear(&r->keys);
    if (PRECIS_RESERVE(r->line_key, r->line_key_cap, n) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        const precis_text_line *line = &r->lines[i];
        r->line_key[i] = 0;
        size_t key_len = line_norm(r, text + line->start, line->len);
        if (key_len == 0)
            continue;
        uint32_t id;
        if (!precis_strtab_find(&r->keys, r->norm, key_len, &id)) {
            if (r->keys.count >= MAX_LINE_KEYS)
                continue;
            if (precis_strtab_intern(&r->keys, r->norm, key_len, &id, NULL) != PRECIS_OK ||
                PRECIS_RESERVE(r->key_count, r->key_count_cap, id + 1) != PRECIS_OK ||
                PRECIS_RESERVE(r->key_last, r->key_last_cap, id + 1) != PRECIS_OK ||
                PRECIS_RESERVE(r->key_gap, r->key_gap_cap, id + 1) != PRECIS_OK)
                return PRECIS_ERR_NOMEM;
            r->key_count[id] = 0;
            r->key_gap[id] = 0;
        } else if (i - r->key_last[id] < PAGE_GAP_LINES) {
            r->key_gap[id]++;
        }
        r->key_count[id]++;
        r->key_last[id] = i;
        r->line_key[i] = id + 1;
    }
    for (size_t i = 0; i < n; i++) {
        precis_text_line *line = &r->lines[i];
        const char *s = text + line->start;
        int furniture;
        int page_top = i == 0 || (line->flags & TEXT_LINE_AFTER_PAGE) ||
                       (r->lines[i - 1].flags & TEXT_LINE_FURNITURE);
        if (is_page_number(s, line->len)) {
            uint32_t next = i + 1 < n ? r->lines[i + 1].flags : TEXT_LINE_AFTER_BLANK;
            furniture = ((line->flags | next) & (TEXT_LINE_AFTER_BLANK | TEXT_LINE_AFTER_PAGE)) != 0;
        } else if (line->len <= FURNITURE_MAX_BYTES &&
                   (is_running_head(s, line->len) || is_address_footer(s, line->len) ||
                    (page_top && is_dated_header(s, line->len)))) {
            furniture = 1;
        } else {
            uint32_t key = r->line_key[i];
            /* Of the count - 1 gaps between occurrences, at most half are
             * short. */
            furniture = key != 0 && r->key_count[key - 1] >= 2 &&
                        2 * r->key_gap[key - 1] <= r->key_count[key - 1] - 1;
        }
        if (furniture) {
            line->flags |= TEXT_LINE_FURNITURE;
            *found = 1;
        }
    }
    return PRECIS_OK;
}

/* ------------------------------------------------------------------ */
/* Hyphenation                                                        */

/* Whether a line's content ends with a terminator, closing marks after
 * it allowed: a page break after it ends the paragraph. */
static int ends_sentence(const char *s, size_t len)
{
    while (len > 0) {
        size_t prev;
        int32_t cp = precis_utf8_prev(s, len, &prev);
        if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026)
            return 1;
        if (!precis_is_closing(cp) && cp != '"' && cp != '\'')
            return 0;
        len = prev;
    }
    return 0;
}

/* The first kept line from line j on (line_count when there is none),
 * and in *broken whether a page break or furniture comes before it. */
static size_t kept_from(const precis_text_reader *r, size_t j, int *broken)
{
    *broken = 0;
    for (; j < r->line_count; j++) {
        if (r->lines[j].flags & TEXT_LINE_AFTER_PAGE)
            *broken = 1;
        if (!(r->lines[j].flags & TEXT_LINE_FURNITURE))
            break;
        *broken = 1;
    }
    return j;
}

/* The start of the run of word characters that ends at text[end]. */
static size_t word_start_before(const char *text, size_t floor, size_t end)
{
    size_t start = end;
    while (start > floor) {
        size_t prev;
        if (!precis_is_wordchar(precis_utf8_prev(text, start, &prev)))
            break;
        start = prev;
    }
    return start;
}

/* The end of the run of word characters that starts at text[start]. */
static size_t word_end_after(const char *text, size_t limit, size_t start)
{
    size_t end = start;
    while (end < limit) {
        size_t next = end;
        if (!precis_is_wordchar(precis_utf8_next(text, limit, &next)))
            break;
        end = next;
    }
    return end;
}

/* Finds the line-end hyphenations between kept lines that the same
 * paragraph continues: "mod-" then "els", a page break between allowed. */
static precis_status find_hyphens(precis_text_reader *r, const char *text)
{
    r->hyphen_count = 0;
    for (size_t i = 0; i < r->line_count && r->hyphen_count < TEXT_MAX_HYPHENS; i++) {
        const precis_text_line *a = &r->lines[i];
        if (a->flags & TEXT_LINE_FURNITURE)
            continue;
        size_t end = a->start + a->len;
        if (a->len < 2 || text[end - 1] != '-' || text[end - 2] == '-')
            continue;
        int broken;
        size_t j = kept_from(r, i + 1, &broken);
        if (j >= r->line_count)
            continue;
        const precis_text_line *b = &r->lines[j];
        if ((b->flags & TEXT_LINE_AFTER_BLANK) && !broken)
            continue; /* a paragraph ends there */
        size_t first = word_start_before(text, a->start, end - 1);
        size_t second_end = word_end_after(text, b->start + b->len, b->start);
        if (first == end - 1 || second_end == b->start)
            continue;
        if (PRECIS_RESERVE(r->hyphens, r->hyphens_cap, r->hyphen_count + 1) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        r->hyphens[r->hyphen_count++] =
            (precis_hyphenation){first, end - 1, b->start, second_end, 0, 0, 0};
    }
    return PRECIS_OK;
}

/* The id of the folded form of the bytes parts[0] + parts[1] (+ "-" in
 * between when hyphen is set) in the key table, added when new. */
static precis_status intern_form(precis_text_reader *r, const char *text,
                                 const precis_hyphenation *h, int hyphen, uint32_t *id)
{
    size_t n1 = h->first_end - h->first, n2 = h->second_end - h->second;
    size_t n = n1 + n2 + (size_t)hyphen;
    if (PRECIS_RESERVE(r->norm, r->norm_cap, n + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    memcpy(r->norm, text + h->first, n1);
    if (hyphen)
        r->norm[n1] = '-';
    memcpy(r->norm + n1 + (size_t)hyphen, text + h->second, n2);
    const char *folded;
    size_t folded_len;
    precis_status st = precis_fold(&r->folder, r->norm, n, &folded, &folded_len);
    if (st != PRECIS_OK || (st = precis_strtab_intern(&r->keys, folded, folded_len, id, NULL)) !=
                               PRECIS_OK)
        return st;
    if (PRECIS_RESERVE(r->key_count, r->key_count_cap, *id + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    r->key_count[*id] = 0;
    return PRECIS_OK;
}

/* Counts, in the whole text, the words that are the joined or hyphenated
 * form of a hyphenation ("models", "well-known"), the halves of the
 * hyphenations themselves left out. Words are runs of letters joined by
 * hyphens or apostrophes, or runs of digits. */
static precis_status count_forms(precis_text_reader *r, const char *text, size_t len)
{
    size_t next_hyphen = 0;
    size_t pos = 0;
    while (pos < len) {
        size_t start = pos;
        int32_t cp = precis_utf8_next(text, len, &pos);
        int letter = precis_is_letter(cp), digit = precis_is_digit(cp);
        if (!letter && !digit)
            continue;
        size_t end = pos;
        for (;;) {
            size_t at = end;
            if (at >= len)
                break;
            int32_t c = precis_utf8_next(text, len, &at);
            if (digit ? precis_is_digit(c) : precis_is_letter(c) || (precis_is_wordchar(c) &&
                                                                     !precis_is_digit(c))) {
                end = at;
                continue;
            }
            if (!digit && (c == '-' || c == '\'' || c == 0x2019) && at < len) {
                size_t after = at;
                if (precis_is_letter(precis_utf8_next(text, len, &after))) {
                    end = after;
                    continue;
                }
            }
            break;
        }
        pos = end;
        while (next_hyphen < r->hyphen_count && r->hyphens[next_hyphen].second_end <= start)
            next_hyphen++;
        if (next_hyphen < r->hyphen_count && r->hyphens[next_hyphen].first < end)
            continue; /* a half of a hyphenation */
        const char *folded;
        size_t folded_len;
        uint32_t id;
        if (precis_fold(&r->folder, text + start, end - start, &folded, &folded_len) !=
            PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        if (precis_strtab_find(&r->keys, folded, folded_len, &id))
            r->key_count[id]++;
    }
    return PRECIS_OK;
}

/* Whether folded text[start, end) is a word of the language's compound
 * list of class cls. */
static int in_compound_list(precis_text_reader *r, const char *text, size_t start, size_t end,
                            int lang, precis_phrase_class cls)
{
    const char *folded;
    size_t folded_len;
    if (precis_fold(&r->folder, text + start, end - start, &folded, &folded_len) != PRECIS_OK)
        return 0;
    return precis_is_phrase(lang, cls, folded, folded_len);
}

static int all_digits(const char *text, size_t start, size_t end)
{
    for (size_t i = start; i < end; i++)
        if (!is_digit((unsigned char)text[i]))
            return 0;
    return 1;
}

static int all_capitals(const char *text, size_t start, size_t end)
{
    size_t letters = 0;
    for (size_t pos = start; pos < end;) {
        int32_t cp = precis_utf8_next(text, end, &pos);
        if (!precis_is_upper(cp))
            return 0;
        letters++;
    }
    return letters > 1;
}

static int single_char(const char *text, size_t start, size_t end)
{
    size_t pos = start;
    precis_utf8_next(text, end, &pos);
    return pos == end;
}

/* Whether hyphenation h keeps its hyphen (see read_text.h). */
static int keeps_hyphen(precis_text_reader *r, const char *text, const precis_hyphenation *h,
                        int lang)
{
    size_t joined = r->key_count[h->joined], hyphenated = r->key_count[h->hyphenated];
    if (hyphenated > 0 && hyphenated >= joined)
        return 1;
    if (joined > 0)
        return 0;
    size_t second_at = h->second;
    if (precis_is_upper(precis_utf8_next(text, h->second_end, &second_at)) ||
        all_digits(text, h->first, h->first_end) || all_digits(text, h->second, h->second_end) ||
        all_capitals(text, h->first, h->first_end))
        return 1;
    if (in_compound_list(r, text, h->first, h->first_end, lang, PRECIS_PHRASE_COMPOUND_FIRST) ||
        in_compound_list(r, text, h->second, h->second_end, lang, PRECIS_PHRASE_COMPOUND_LAST))
        return 1;
    return single_char(text, h->first, h->first_end) ||
           single_char(text, h->second, h->second_end);
}

static precis_status decide_hyphens(precis_text_reader *r, const char *text, size_t len, int lang)
{
    precis_strtab_clear(&r->keys);
    precis_status st;
    for (size_t k = 0; k < r->hyphen_count; k++) {
        precis_hyphenation *h = &r->hyphens[k];
        if ((st = intern_form(r, text, h, 0, &h->joined)) != PRECIS_OK ||
            (st = intern_form(r, text, h, 1, &h->hyphenated)) != PRECIS_OK)
            return st;
    }
    if ((st = count_forms(r, text, len)) != PRECIS_OK)
        return st;
    for (size_t k = 0; k < r->hyphen_count; k++)
        r->hyphens[k].keep = keeps_hyphen(r, text, &r->hyphens[k], lang);
    return PRECIS_OK;
}

/* ------------------------------------------------------------------ */
/* The clean text                                                     */

/* Appends line's content from `from` on (where a rejoined word began) to
 * `to`; after a rejoined word, the line break that the hyphen took is put
 * back in place of the first space after it, so that the line keeps about
 * its width. */
static precis_status copy_content(precis_reading *rd, const char *text, size_t from, size_t to,
                                  int rejoined)
{
    if (rejoined) {
        size_t word_end = word_end_after(text, to, from);
        for (size_t q = word_end; q < to; q++) {
            if (text[q] == ' ' || text[q] == '\t') {
                precis_status st = precis_reading_append(rd, text, from, q - from);
                if (st != PRECIS_OK ||
                    (st = precis_reading_append_unit(rd, "\n", 1, q, 1)) != PRECIS_OK)
                    return st;
                from = q + 1;
                break;
            }
        }
    }
    return precis_reading_append(rd, text, from, to - from);
}

static precis_status build_clean_text(precis_reading *rd, const precis_text_reader *r,
                                      const char *text, size_t len)
{
    precis_status st = PRECIS_OK;
    size_t hyphen = 0; /* the next hyphenation, in text order */
    int broken = 0;
    size_t i = kept_from(r, 0, &broken);
    if (i < r->line_count && !broken && !(r->lines[i].flags & TEXT_LINE_FURNITURE))
        st = precis_reading_append(rd, text, 0, r->lines[i].start); /* what leads the text */
    size_t from = i < r->line_count ? r->lines[i].start : len;
    int rejoined = 0;
    while (st == PRECIS_OK && i < r->line_count) {
        const precis_text_line *line = &r->lines[i];
        size_t end = line->start + line->len;
        size_t j = kept_from(r, i + 1, &broken);
        while (hyphen < r->hyphen_count && r->hyphens[hyphen].first < line->start)
            hyphen++;
        const precis_hyphenation *h = NULL;
        if (hyphen < r->hyphen_count && r->hyphens[hyphen].first_end == end - 1)
            h = &r->hyphens[hyphen];
        if (h != NULL) {
            /* "mod-" + "els": the word goes on at the next line's start. */
            if ((st = copy_content(rd, text, from, h->keep ? end : end - 1, rejoined)) !=
                PRECIS_OK)
                return st;
            from = h->second;
            rejoined = 1;
            i = j;
            continue;
        }
        if ((st = copy_content(rd, text, from, end, rejoined)) != PRECIS_OK)
            return st;
        rejoined = 0;
        if (j >= r->line_count) {
            if (!broken)
                st = precis_reading_append(rd, text, end, len - end);
            break;
        }
        if (broken) {
            /* A page break: inside a sentence the two halves join; after
             * one, the paragraph ends. */
            const char *sep = ends_sentence(text + line->start, line->len) ? "\n\n" : "\n";
            st = precis_reading_insert(rd, sep, strlen(sep));
        } else {
            st = precis_reading_append(rd, text, end, r->lines[j].start - end);
        }
        from = r->lines[j].start;
        i = j;
    }
    return st;
}

precis_status precis_read_text(precis_reading *rd, precis_text_reader *r, const char *text,
                               size_t len, int lang)
{
    int page_breaks, furniture, too_many;
    precis_status st = find_lines(r, text, len, &page_breaks, &too_many);
    if (st != PRECIS_OK)
        return st;
    if (too_many) {
        precis_reading_borrow(rd, text, len);
        return PRECIS_OK;
    }
    if ((st = find_furniture(r, text, &furniture)) != PRECIS_OK ||
        (st = find_hyphens(r, text)) != PRECIS_OK)
        return st;
    if (!page_breaks && !furniture && r->hyphen_count == 0) {
        precis_reading_borrow(rd, text, len);
        return PRECIS_OK;
    }
    if (r->hyphen_count > 0 && (st = decide_hyphens(r, text, len, lang)) != PRECIS_OK)
        return st;
    precis_reading_reset(rd);
    if ((st = build_clean_text(rd, r, text, len)) != PRECIS_OK)
        return st;
    return precis_reading_finish(rd);
}
