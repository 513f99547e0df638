/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * prior.c - candidates: headings, boilerplate and junk out, positions
 * counted, antecedents found.
 */
#include "prior.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "ascii.h"
#include "lang.h"
#include "phrases.h"
#include "utf8.h"
#include "util.h"

/* Boilerplate that says so wherever it stands, in a sentence of any
 * length. */
static const char *const anywhere[] = {
    "contributed to this report",
    "contributed reporting",
    "all rights reserved",
    "scroll down for video",
};
_Static_assert(sizeof anywhere / sizeof anywhere[0] == PRECIS_PRIOR_ANYWHERE,
               "PRECIS_PRIOR_ANYWHERE counts the anywhere phrases");

/* Prompts and labels that start a short boilerplate line. */
static const char *const openers[] = {
    "scroll down",         "share this",   "share on ",        "follow us",
    "follow @",            "you can follow", "click here",     "read more",
    "sign up",             "published:",   "updated:",         "last updated",
    "daily mail reporter", "\xc2\xa9",     "e-mail to a friend", "email to a friend",
    "lire aussi",          "\xc3\xa0 lire aussi", "voir aussi", "abonnez-vous",
    "suivez-nous",
};

/* Openers that mark boilerplate whatever the length of what follows. */
static const char *const long_openers[] = {
    "editor's note",
    "editor\xe2\x80\x99s note",
    "editors' note",
};

/* A short line: prompts are a few words, not a paragraph. */
#define SHORT_LINE_WORDS 12
/* A byline names one or two people or a desk. */
#define BYLINE_WORDS 8
/* A dateline on a line of its own: "LONDON, England (Reuters) --". */
#define DATELINE_WORDS 6

static unsigned char lower_ascii(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Whether s[0, len) starts with the lowercase phrase, ASCII letters
 * compared without case. */
static int starts_with_folded(const char *s, size_t len, const char *phrase)
{
    for (size_t i = 0; phrase[i] != '\0'; i++)
        if (i >= len || lower_ascii((unsigned char)s[i]) != (unsigned char)phrase[i])
            return 0;
    return 1;
}

static int is_ascii_alnum(unsigned char c)
{
    return (unsigned)(c - '0') < 10 || (unsigned)((c | 0x20) - 'a') < 26;
}

/* Whether one of the phrases (lowercase, each starting with an ASCII
 * letter or digit) starts a word of s[0, len). One pass over the
 * sentence: a phrase is only tried where a word starts with its first
 * two letters, which eight bytes at a time are compared with the first
 * two of every phrase at once (ASCII letters without case, a filter that
 * may let a few others through), so that the loop turns only where a
 * phrase may start; this runs on every sentence, so it builds nothing. */
static int contains_any_folded(const char *s, size_t len, const char *const *phrases,
                               size_t count)
{
    uint64_t firsts = 0;
    for (size_t k = 0; k < count; k++)
        firsts |= (uint64_t)1 << ((unsigned char)phrases[k][0] & 63);
    int in_word = 0;
    size_t i = 0;
    for (; len - i >= 9; i += 8) {
        uint64_t v = precis_ascii_load8(s + i);
        /* The bytes from i + 1: the eight compared with second letters. */
        uint64_t next = v >> 8 | (uint64_t)(unsigned char)s[i + 8] << 56;
        /* Bit 5 set: an ASCII letter in lower case (other bytes change,
         * and only bytes past ASCII, which no comparison below takes,
         * could carry into the next byte). */
        uint64_t v_low = (v | 0x2020202020202020ULL) & ~PRECIS_ASCII_HIGH;
        uint64_t next_low = (next | 0x2020202020202020ULL) & ~PRECIS_ASCII_HIGH;
        uint64_t pairs = 0;
        for (size_t k = 0; k < count; k++) {
            unsigned char first = (unsigned char)phrases[k][0] | 0x20;
            unsigned char second = (unsigned char)phrases[k][1];
            uint64_t seconds = second == '\0' || second >= 0x80
                                   ? ~0ULL
                                   : precis_ascii_equal8(next_low, second | 0x20) & ~next;
            pairs |= precis_ascii_equal8(v_low, first) & seconds;
        }
        uint64_t alnum = precis_ascii_alnum8(v);
        for (uint64_t starts = precis_ascii_word_starts8(alnum, in_word) & pairs & ~v;
             starts != 0; starts &= starts - 1) {
            size_t at = i + precis_ascii_first8(starts);
            for (size_t k = 0; k < count; k++)
                if (starts_with_folded(s + at, len - at, phrases[k]))
                    return 1;
        }
        in_word = precis_ascii_top8(alnum);
    }
    for (; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int alnum = is_ascii_alnum(c);
        /* One branch a byte, on whether a phrase may start here. */
        int starts = alnum & !in_word & (int)((firsts >> ((c | 0x20) & 63)) & 1);
        in_word = alnum;
        if (!starts)
            continue;
        for (size_t k = 0; k < count; k++)
            if (starts_with_folded(s + i, len - i, phrases[k]))
                return 1;
    }
    return 0;
}

static int is_space_or_mark(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '.' || c == '|' || c == '-' ||
           c == '*' || c == '>';
}

/* "By Jane Smith and John Doe", "By . Daily Mail Reporter .": after "By",
 * only capitalized words and the words that join names. */
static int is_byline(const char *s, size_t len, size_t words)
{
    static const char *const joiners[] = {"and", "of", "the", "for", "in", "&"};
    if (words > BYLINE_WORDS || !starts_with_folded(s, len, "by "))
        return 0;
    size_t i = 3, names = 0;
    while (i < len) {
        while (i < len && is_space_or_mark((unsigned char)s[i]))
            i++;
        size_t start = i;
        while (i < len && !is_space_or_mark((unsigned char)s[i]))
            i++;
        if (i == start)
            break;
        unsigned char first = (unsigned char)s[start];
        if (first >= 'A' && first <= 'Z') {
            names++;
            continue;
        }
        int joins = 0;
        for (size_t k = 0; k < sizeof joiners / sizeof joiners[0]; k++)
            joins |= strlen(joiners[k]) == i - start &&
                     starts_with_folded(s + start, i - start, joiners[k]);
        if (!joins && first < 0x80)
            return 0;
    }
    return names > 0;
}

static int ends_with_dash(const char *s, size_t len)
{
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len >= 1 && s[len - 1] == '-')
        return 1;
    /* U+2013 and U+2014 */
    return len >= 3 && (unsigned char)s[len - 3] == 0xE2 && (unsigned char)s[len - 2] == 0x80 &&
           ((unsigned char)s[len - 1] == 0x93 || (unsigned char)s[len - 1] == 0x94);
}

/* Whether s[0, len), of the given length in words, opens as boilerplate
 * does (the other half of precis_is_boilerplate). */
static int opens_as_boilerplate(const char *s, size_t len, size_t words)
{
    size_t lead = 0;
    while (lead < len && is_space_or_mark((unsigned char)s[lead]))
        lead++;
    /* An opener is tried where the line starts with its first byte. */
    unsigned char first = lead < len ? lower_ascii((unsigned char)s[lead]) : 0;
    for (size_t k = 0; k < sizeof long_openers / sizeof long_openers[0]; k++)
        if ((unsigned char)long_openers[k][0] == first &&
            starts_with_folded(s + lead, len - lead, long_openers[k]))
            return 1;
    if (words > SHORT_LINE_WORDS)
        return 0;
    for (size_t k = 0; k < sizeof openers / sizeof openers[0]; k++)
        if ((unsigned char)openers[k][0] == first &&
            starts_with_folded(s + lead, len - lead, openers[k]))
            return 1;
    return is_byline(s + lead, len - lead, words) ||
           (words <= DATELINE_WORDS && ends_with_dash(s, len));
}

int precis_is_boilerplate(const char *text, size_t start, size_t end, size_t words)
{
    const char *s = text + start;
    size_t len = end - start;
    return contains_any_folded(s, len, anywhere, sizeof anywhere / sizeof anywhere[0]) ||
           opens_as_boilerplate(s, len, words);
}

/* The anchor filter that tells which sentences may hold the boilerplate
 * that stands anywhere, for a document in language lang: that of the
 * junk phrases that stand anywhere (the same scan then serves both
 * checks) where it covers every one, else its own, made once. NULL when
 * out of memory. */
static const precis_anchors *boilerplate_anchors(precis_prior *p, int lang)
{
    const precis_anchors *junk = precis_depend_anywhere_anchors(&p->depend, lang);
    if (junk == NULL)
        return NULL;
    if (!p->covered_known)
        for (size_t k = 0; k < sizeof anywhere / sizeof anywhere[0]; k++)
            p->anywhere_at[k] = precis_anchors_offset(anywhere[k], strlen(anywhere[k]));
    /* The same languages as the last document: the same answer. */
    if (!p->covered_known || p->covered_lang != lang) {
        p->covered = 1;
        for (size_t k = 0; k < sizeof anywhere / sizeof anywhere[0]; k++)
            p->covered &= precis_anchors_cover(junk, anywhere[k], strlen(anywhere[k]));
        p->covered_lang = lang;
        p->covered_known = 1;
    }
    if (p->covered)
        return junk;
    if (p->anywhere_anchors == NULL) {
        precis_anchors *a = calloc(1, sizeof *a);
        if (a == NULL)
            return NULL;
        precis_anchors_start(a);
        for (size_t k = 0; k < sizeof anywhere / sizeof anywhere[0]; k++)
            precis_anchors_add(a, anywhere[k], strlen(anywhere[k]));
        precis_anchors_finish(a);
        p->anywhere_anchors = a;
    }
    return p->anywhere_anchors;
}

/* Where the first window of an anchor of anchors (boilerplate_anchors)
 * is in s[0, len), len when none is; 0 when the filter is off (any may
 * be anywhere). */
static size_t first_anchor(const precis_anchors *anchors, const char *s, size_t len)
{
    if (anchors->window == 0)
        return 0;
    return anchors->count == 0 ? len : precis_anchors_find(anchors, s, len);
}

/* contains_any_folded of the anywhere phrases in s[0, len), where anchors
 * (boilerplate_anchors) has its first window in s at hit (any where the
 * filter is off): a phrase that starts a word at `at` holds its anchor's
 * window at `at` plus p->anywhere_at, and every window from hit on is
 * visited, so only the word starts that far back from one are tried. */
static int anywhere_near_anchors(const precis_prior *p, const precis_anchors *anchors,
                                 const char *s, size_t len, size_t hit)
{
    if (anchors->window == 0)
        return contains_any_folded(s, len, anywhere, sizeof anywhere / sizeof anywhere[0]);
    for (; hit < len; hit += 1 + precis_anchors_find(anchors, s + hit + 1, len - hit - 1))
        for (size_t k = 0; k < sizeof anywhere / sizeof anywhere[0]; k++) {
            size_t at = hit - p->anywhere_at[k];
            if (p->anywhere_at[k] <= hit && (at == 0 || !is_ascii_alnum((unsigned char)s[at - 1])) &&
                starts_with_folded(s + at, len - at, anywhere[k]))
                return 1;
        }
    return 0;
}

/* precis_is_boilerplate for s[0, len), where hit is first_anchor of s
 * for anchors (boilerplate_anchors). */
static int is_boilerplate_anchored(const precis_prior *p, const precis_anchors *anchors,
                                   const char *s, size_t len, size_t words, size_t hit)
{
    return (hit < len && anywhere_near_anchors(p, anchors, s, len, hit)) ||
           opens_as_boilerplate(s, len, words);
}

precis_status precis_prior_is_boilerplate(precis_prior *p, int lang, const char *text,
                                          size_t start, size_t end, size_t words, int *yes)
{
    const precis_anchors *anchors = boilerplate_anchors(p, lang);
    if (anchors == NULL)
        return PRECIS_ERR_NOMEM;
    const char *s = text + start;
    size_t len = end - start;
    *yes = is_boilerplate_anchored(p, anchors, s, len, words, first_anchor(anchors, s, len));
    return PRECIS_OK;
}

/* Wire codes that are the whole line, as the feeds write them, at most
 * WIRE_LINE_MAX_BYTES long. */
static const char *const wire_lines[] = {
    "MORE", "ENDIT", "ENDITEM", "END ITEM", "Enditem", "nn", "-0-", "-30-", "###",
};
#define WIRE_LINE_MAX_BYTES 8

/* Openers of the feeds' editorial notes and credits (compared without
 * case). */
static const char *const wire_openers[] = {
    "(begin optional trim", "begin optional trim", "(end optional trim", "end optional trim",
    "(story can end here",  "story filed by",      "(distributed by",    "distributed by",
    "(optional add",        "optional add",
};

/* A slug line in capitals has at most this many words. */
#define SLUG_WORDS 12

static int is_ascii_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_ascii_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* s[0, len) without the brackets and periods around it. */
static void strip_marks(const char **s, size_t *len)
{
    while (*len > 0 && ((*s)[0] == '(' || (*s)[0] == ' '))
        (*s)++, (*len)--;
    while (*len > 0 && ((*s)[*len - 1] == ')' || (*s)[*len - 1] == '.' || (*s)[*len - 1] == ' '))
        (*len)--;
}

/* "&QL;", "&UR;": an SGML entity that the feeds use as a typesetting code. */
static int starts_with_entity(const char *s, size_t len)
{
    if (len < 3 || s[0] != '&')
        return 0;
    size_t i = 1;
    while (i < len && i <= 5 && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
        i++;
    return i >= 2 && i < len && s[i] == ';';
}

/* "AP-NY-07-25-02", "BC-IRAQ-TROOPS", "NYT-..": a token of capitals and
 * digits with at least two hyphens, or a "BC-" slug. */
static int is_slug_token(const char *s, size_t len)
{
    size_t end = 0, hyphens = 0;
    while (end < len && s[end] != ' ') {
        unsigned char c = (unsigned char)s[end];
        if (c == '-')
            hyphens++;
        else if (!is_ascii_upper(c) && !is_ascii_digit(c))
            return 0;
        end++;
    }
    return end >= 4 && (hyphens >= 2 || (hyphens >= 1 && starts_with_folded(s, len, "bc-")));
}

/* "c.1999 N.Y. Times News Service": a copyright year in the feeds' style. */
static int is_wire_copyright(const char *s, size_t len)
{
    return len >= 6 && (s[0] == 'c' || s[0] == 'C') && s[1] == '.' && is_ascii_digit((unsigned char)s[2]) &&
           is_ascii_digit((unsigned char)s[3]) && is_ascii_digit((unsigned char)s[4]) &&
           is_ascii_digit((unsigned char)s[5]);
}

/* "New York Times News Service": a credit line of capitalised words that
 * ends with "News Service". */
static int is_service_credit(const char *s, size_t len, size_t words)
{
    static const char tail[] = "News Service";
    size_t n = sizeof tail - 1;
    if (words > SLUG_WORDS || len < n || memcmp(s + len - n, tail, n) != 0)
        return 0;
    for (size_t i = 0; i < len; i++)
        if ((i == 0 || s[i - 1] == ' ') && s[i] >= 'a' && s[i] <= 'z')
            return 0;
    return 1;
}

/* Capitals without a lower-case letter, no final stop: "BC-IRAQ-TROOPS",
 * "WASHINGTON TODAY", in a document that writes in both cases. */
static int is_capital_slug(const char *s, size_t len, size_t words)
{
    if (words > SLUG_WORDS || len == 0)
        return 0;
    char last = s[len - 1];
    if (last == '.' || last == '!' || last == '?' || last == '"')
        return 0;
    size_t capitals = 0;
    for (size_t pos = 0; pos < len;) {
        int32_t cp = precis_utf8_next(s, len, &pos);
        if (precis_is_lower(cp))
            return 0;
        capitals += precis_is_upper(cp) != 0;
    }
    return capitals >= 2;
}

int precis_is_wire_code(const char *text, size_t start, size_t end, size_t words,
                        int mixed_case)
{
    const char *s = text + start;
    size_t len = end - start;
    const char *core = s;
    size_t core_len = len;
    strip_marks(&core, &core_len);
    if (core_len <= WIRE_LINE_MAX_BYTES)
        for (size_t k = 0; k < sizeof wire_lines / sizeof wire_lines[0]; k++)
            if (core_len == strlen(wire_lines[k]) && memcmp(core, wire_lines[k], core_len) == 0)
                return 1;
    /* An opener is tried where the line starts with its first letter. */
    unsigned char first = len > 0 ? lower_ascii((unsigned char)s[0]) : 0;
    for (size_t k = 0; k < sizeof wire_openers / sizeof wire_openers[0]; k++)
        if ((unsigned char)wire_openers[k][0] == first && starts_with_folded(s, len, wire_openers[k]))
            return 1;
    if (starts_with_entity(core, core_len) || (words <= 3 && is_slug_token(core, core_len)) ||
        is_wire_copyright(core, core_len) || is_service_credit(core, core_len, words))
        return 1;
    return mixed_case && is_capital_slug(s, len, words);
}

/* ------------------------------------------------------------------ */
/* Titles, labels and letters                                         */

/* A label is this long before its colon. */
#define LABEL_MIN_BYTES 2
#define LABEL_MAX_BYTES 40
/* "Dear Ms Walsh,": a salutation is a short line. */
#define SALUTATION_MAX_WORDS 6
/* "Kind regards, Anna Berg": a sign-off and a name of a few words, among
 * the last few units, followed only by short lines (the signature). */
#define SIGNOFF_NAME_WORDS 3
#define SIGNOFF_LOOKBACK 8
#define SIGNATURE_LINE_WORDS 12

/* "E-mail: k.huber@...", "Funding: This work was ...": the unit opens
 * with a label or a back-matter title and a colon. Returns the kind that
 * makes it (PRECIS_UNIT_LABEL or PRECIS_UNIT_BACK_MATTER), or
 * PRECIS_UNIT_SENTENCE. */
static precis_unit_kind labelled(precis_prior *p, const char *s, size_t len, int lang)
{
    size_t skip = precis_section_number_length(s, len);
    size_t look = len - skip < LABEL_MAX_BYTES + 1 ? len - skip : LABEL_MAX_BYTES + 1;
    const char *colon = memchr(s + skip, ':', look);
    if (colon == NULL)
        return PRECIS_UNIT_SENTENCE;
    size_t label_len = (size_t)(colon - (s + skip));
    while (label_len > 0 && s[skip + label_len - 1] == ' ')
        label_len--;
    precis_phrase_key key;
    if (label_len < LABEL_MIN_BYTES || !precis_phrase_key_make(&p->folder, s + skip, label_len, &key))
        return PRECIS_UNIT_SENTENCE;
    unsigned classes = precis_phrase_classes(lang, key.bytes, key.len);
    if (classes >> PRECIS_PHRASE_LABEL & 1u)
        return PRECIS_UNIT_LABEL;
    if (classes >> PRECIS_PHRASE_BACK & 1u)
        return PRECIS_UNIT_BACK_MATTER;
    return PRECIS_UNIT_SENTENCE;
}

/* "Hi all,", "Dear Ms Walsh,", "Sehr geehrte Damen und Herren,". */
static int is_salutation(precis_prior *p, const char *s, size_t len, size_t words, int lang)
{
    if (words > SALUTATION_MAX_WORDS || len == 0 || len > PRECIS_PHRASE_MAX_BYTES)
        return 0;
    size_t last_at;
    int32_t last = precis_utf8_prev(s, len, &last_at);
    if (last != ',' && last != '!' && last != ':' && !precis_is_wordchar(last))
        return 0;
    precis_phrase_key key;
    return precis_phrase_key_make(&p->folder, s, len, &key) && precis_phrase_prefix(&key, lang, PRECIS_PHRASE_SALUTATION) > 0;
}

/* "Thanks,", "Best regards, Anna", "Mit freundlichen Grüßen": a sign-off
 * phrase, then at most a short name, no quotation and no sentence. */
static int is_signoff(precis_prior *p, const char *s, size_t len, int lang)
{
    precis_phrase_key key;
    if (len > PRECIS_PHRASE_MAX_BYTES || !precis_phrase_key_make(&p->folder, s, len, &key))
        return 0;
    size_t at = precis_phrase_prefix(&key, lang, PRECIS_PHRASE_SIGNOFF);
    if (at == 0)
        return 0;
    size_t words = 0;
    int in_word = 0;
    for (size_t i = at; i < key.len; i++) {
        char c = key.bytes[i];
        if (c == '"' || (unsigned char)c == 0xE2 || (unsigned char)c == 0xC2 || c == '(' ||
            c == ':')
            return 0; /* a quotation or more text, not a name */
        if ((c == '.' || c == '!' || c == '?') && i + 1 < key.len && key.bytes[i + 1] == ' ')
            return 0;
        int space = c == ' ' || c == ',' || c == '.' || c == '!';
        words += !space && !in_word;
        in_word = !space;
    }
    return words <= SIGNOFF_NAME_WORDS;
}

/* ------------------------------------------------------------------ */
/* The prior                                                          */

void precis_prior_free(precis_prior *p)
{
    if (p == NULL)
        return;
    free(p->kind);
    free(p->title);
    free(p->candidate);
    free(p->standalone);
    free(p->position);
    free(p->antecedent);
    precis_folder_free(&p->folder);
    precis_depend_free(&p->depend);
    free(p->anywhere_anchors);
    memset(p, 0, sizeof *p);
}

/* The kind of sentence i as far as it alone tells, and in p->title[i]
 * what title it is (TITLE_*); in *anchored, whether it holds an anchor of
 * anchors (the filter of the junk phrases that stand anywhere, which
 * boilerplate_anchors gave), -1 where that was not asked. */
static precis_unit_kind unit_kind(precis_prior *p, const char *text, const precis_segmenter *seg,
                                  const precis_tokens *tok, size_t i, int lang,
                                  const precis_anchors *anchors, int *anchored)
{
    *anchored = -1;
    const precis_span *span = &seg->spans[i];
    const char *s = text + span->start;
    size_t len = span->end - span->start;
    size_t words = tok->sents[i].words;
    p->title[i] = PRECIS_TITLE_NONE;
    if (span->flags & PRECIS_SPAN_DATELINE)
        return PRECIS_UNIT_DATELINE;
    if (words <= PRECIS_TITLE_MAX_WORDS + 1 && len <= PRECIS_PHRASE_MAX_BYTES)
        p->title[i] = (unsigned char)precis_title_kind(&p->folder, lang, s, len);
    if (p->title[i] != PRECIS_TITLE_NONE)
        return PRECIS_UNIT_HEADING;
    if (precis_is_wire_code(text, span->start, span->end, words,
                            seg->letter_case == PRECIS_CASE_MIXED))
        return PRECIS_UNIT_WIRE;
    size_t hit = first_anchor(anchors, s, len);
    *anchored = anchors->window == 0 || hit < len;
    if (is_boilerplate_anchored(p, anchors, s, len, words, hit))
        return PRECIS_UNIT_BOILERPLATE;
    precis_unit_kind kind = labelled(p, s, len, lang);
    if (kind != PRECIS_UNIT_SENTENCE)
        return kind;
    if (span->flags & PRECIS_SPAN_HEADING)
        return PRECIS_UNIT_HEADING;
    return words <= PRECIS_FRAGMENT_WORDS ? PRECIS_UNIT_FRAGMENT : PRECIS_UNIT_SENTENCE;
}

/* Back matter runs from a back-matter title (or a "Funding: ..."
 * paragraph) to the next section title that is not one: a title of the
 * lists, or a numbered heading. Other headings inside it ("List of lakes
 * in Eastmere" under "See also") do not end it. */
static void mark_back_matter(precis_prior *p, const char *text, const precis_segmenter *seg)
{
    int in_back = 0;
    for (size_t i = 0; i < seg->count; i++) {
        const precis_span *span = &seg->spans[i];
        if (p->kind[i] == PRECIS_UNIT_HEADING) {
            if (p->title[i] == PRECIS_TITLE_BACK)
                in_back = 1;
            else if (p->title[i] == PRECIS_TITLE_SECTION ||
                     precis_section_number_length(text + span->start, span->end - span->start) > 0)
                in_back = 0;
            continue;
        }
        if (p->kind[i] == PRECIS_UNIT_BACK_MATTER)
            in_back = 1;
        if (in_back)
            p->kind[i] = PRECIS_UNIT_BACK_MATTER;
    }
}

/* A letter's salutation: the first unit that is not a heading, label,
 * boilerplate or dateline. Its sign-off: the earliest of the last
 * SIGNOFF_LOOKBACK units that is one and after which every unit is short,
 * with everything after it (the signature). */
static void mark_letter(precis_prior *p, const char *text, const precis_segmenter *seg,
                        const precis_tokens *tok, int lang)
{
    size_t n = seg->count;
    for (size_t i = 0; i < n; i++) {
        int kind = p->kind[i];
        if (kind != PRECIS_UNIT_SENTENCE && kind != PRECIS_UNIT_FRAGMENT)
            continue;
        const precis_span *span = &seg->spans[i];
        if (is_salutation(p, text + span->start, span->end - span->start, tok->sents[i].words,
                          lang))
            p->kind[i] = PRECIS_UNIT_SALUTATION;
        break;
    }
    size_t first = n > SIGNOFF_LOOKBACK ? n - SIGNOFF_LOOKBACK : 0;
    /* The signature: the units after the sign-off are all short. */
    size_t short_from = n;
    while (short_from > first && tok->sents[short_from - 1].words <= SIGNATURE_LINE_WORDS)
        short_from--;
    for (size_t i = short_from > first ? short_from - 1 : first; i < n; i++) {
        int kind = p->kind[i];
        if (kind != PRECIS_UNIT_SENTENCE && kind != PRECIS_UNIT_FRAGMENT &&
            kind != PRECIS_UNIT_HEADING)
            continue;
        const precis_span *span = &seg->spans[i];
        if (!is_signoff(p, text + span->start, span->end - span->start, lang))
            continue;
        for (size_t j = i; j < n; j++)
            p->kind[j] = PRECIS_UNIT_SIGNOFF;
        break;
    }
}

/* The antecedent of every candidate whose opening refers back: the
 * candidate before it (the lines left out between them are not read). */
static precis_status find_antecedents(precis_prior *p, const char *text,
                                      const precis_segmenter *seg, int lang)
{
    size_t previous = PRECIS_NO_SENTENCE;
    for (size_t i = 0; i < seg->count; i++) {
        p->antecedent[i] = PRECIS_NO_SENTENCE;
        if (!p->candidate[i])
            continue;
        precis_dependency why = PRECIS_DEPENDENCY_NONE;
        const precis_span *span = &seg->spans[i];
        precis_status st;
        if (previous != PRECIS_NO_SENTENCE &&
            (st = precis_dependency_of(&p->depend, lang, text + span->start,
                                       span->end - span->start, &why)) != PRECIS_OK)
            return st;
        /* A sentence in lower case is a piece the splitter cut only where
         * the text writes capitals too. */
        if (why == PRECIS_DEPENDENCY_CONTINUATION && seg->letter_case != PRECIS_CASE_MIXED)
            why = PRECIS_DEPENDENCY_NONE;
        if (why != PRECIS_DEPENDENCY_NONE)
            p->antecedent[i] = previous;
        previous = i;
    }
    return PRECIS_OK;
}

static int is_kept(int kind, int keep_headings)
{
    return kind == PRECIS_UNIT_SENTENCE || kind == PRECIS_UNIT_FRAGMENT ||
           (kind == PRECIS_UNIT_HEADING && keep_headings);
}

precis_status precis_prior_build(precis_prior *p, const char *text, const precis_segmenter *seg,
                                 const precis_tokens *tok, int lang, int keep_headings)
{
    size_t n = seg->count;
    if (PRECIS_RESERVE(p->kind, p->kind_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(p->title, p->title_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(p->candidate, p->candidate_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(p->standalone, p->standalone_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(p->position, p->position_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(p->antecedent, p->antecedent_cap, n) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    precis_status st;
    /* Boilerplate and junk lines that say so wherever they stand are
     * looked for where one scan finds an anchor of their phrases. */
    const precis_anchors *anchors = boilerplate_anchors(p, lang);
    const precis_anchors *junk_anchors = precis_depend_anywhere_anchors(&p->depend, lang);
    if (anchors == NULL || junk_anchors == NULL)
        return PRECIS_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        int anchored;
        precis_unit_kind kind = unit_kind(p, text, seg, tok, i, lang, anchors, &anchored);
        if (kind == PRECIS_UNIT_SENTENCE || kind == PRECIS_UNIT_FRAGMENT) {
            const precis_span *span = &seg->spans[i];
            precis_junk junk;
            if ((st = precis_junk_of_anchored(&p->depend, lang, text + span->start,
                                              span->end - span->start,
                                              anchors == junk_anchors ? anchored : -1, &junk)) !=
                PRECIS_OK)
                return st;
            if (junk != PRECIS_JUNK_NONE)
                kind = PRECIS_UNIT_JUNK;
        }
        p->kind[i] = (unsigned char)kind;
        /* Until the marks below: whether it is a candidate by itself. */
        p->candidate[i] = (unsigned char)is_kept(kind, keep_headings);
    }
    mark_back_matter(p, text, seg);
    mark_letter(p, text, seg, tok, lang);
    size_t kept = 0, alone = 0;
    for (size_t i = 0; i < n; i++) {
        kept += (size_t)is_kept(p->kind[i], keep_headings);
        alone += p->candidate[i];
    }
    /* A document that reads as back matter or a letter's frame all
     * through ("Sources: ..." above a news story) keeps the sentences
     * that are candidates by themselves, still without its headings and
     * junk; only a document without any takes every sentence. */
    if (kept > 0) {
        for (size_t i = 0; i < n; i++)
            p->candidate[i] = (unsigned char)is_kept(p->kind[i], keep_headings);
    } else if (alone == 0) {
        memset(p->candidate, 1, n);
    }
    p->count = 0;
    for (size_t i = 0; i < n; i++) {
        p->standalone[i] =
            (unsigned char)(p->candidate[i] && tok->sents[i].words > PRECIS_FRAGMENT_WORDS);
        p->count += p->candidate[i];
    }
    size_t position = 0;
    for (size_t i = 0; i < n; i++)
        p->position[i] = p->candidate[i] ? position++ : 0;
    return find_antecedents(p, text, seg, lang);
}

double precis_position_weight(size_t position, double exponent)
{
    return pow(1.0 + (double)position, -exponent);
}
