/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * prior.c - candidates: headings and boilerplate out, positions counted.
 */
#include "prior.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "util.h"

/* Boilerplate that says so wherever it stands, in a sentence of any
 * length. */
static const char *const anywhere[] = {
    "contributed to this report",
    "contributed reporting",
    "all rights reserved",
    "scroll down for video",
};

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
 * letter, which a 64-bit mask of the first letters (by their low six
 * bits, a filter that may let a few others through) tells in one test;
 * this runs on every sentence, so it builds nothing bigger. */
static int contains_any_folded(const char *s, size_t len, const char *const *phrases,
                               size_t count)
{
    uint64_t firsts = 0;
    for (size_t k = 0; k < count; k++)
        firsts |= (uint64_t)1 << ((unsigned char)phrases[k][0] & 63);
    int in_word = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int alnum = is_ascii_alnum(c);
        if (alnum && !in_word && ((firsts >> (lower_ascii(c) & 63)) & 1)) {
            for (size_t k = 0; k < count; k++)
                if (starts_with_folded(s + i, len - i, phrases[k]))
                    return 1;
        }
        in_word = alnum;
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

int precis_is_boilerplate(const char *text, size_t start, size_t end, size_t words)
{
    const char *s = text + start;
    size_t len = end - start;
    if (contains_any_folded(s, len, anywhere, sizeof anywhere / sizeof anywhere[0]))
        return 1;
    size_t lead = 0;
    while (lead < len && is_space_or_mark((unsigned char)s[lead]))
        lead++;
    for (size_t k = 0; k < sizeof long_openers / sizeof long_openers[0]; k++)
        if (starts_with_folded(s + lead, len - lead, long_openers[k]))
            return 1;
    if (words > SHORT_LINE_WORDS)
        return 0;
    for (size_t k = 0; k < sizeof openers / sizeof openers[0]; k++)
        if (starts_with_folded(s + lead, len - lead, openers[k]))
            return 1;
    return is_byline(s + lead, len - lead, words) ||
           (words <= DATELINE_WORDS && ends_with_dash(s, len));
}

void precis_prior_free(precis_prior *p)
{
    if (p == NULL)
        return;
    free(p->candidate);
    free(p->position);
    memset(p, 0, sizeof *p);
}

precis_status precis_prior_build(precis_prior *p, const char *text, const precis_span *spans,
                                 const precis_tokens *tok, size_t n, int keep_headings)
{
    if (PRECIS_RESERVE(p->candidate, p->candidate_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(p->position, p->position_cap, n) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    p->count = 0;
    for (size_t i = 0; i < n; i++) {
        int heading = (spans[i].flags & PRECIS_SPAN_HEADING) != 0;
        size_t words = tok->sents[i].words;
        int keep = (keep_headings || !heading) &&
                   !precis_is_boilerplate(text, spans[i].start, spans[i].end, words);
        p->candidate[i] = (unsigned char)keep;
        p->count += (size_t)keep;
    }
    if (p->count == 0) {
        memset(p->candidate, 1, n);
        p->count = n;
    }
    size_t position = 0;
    for (size_t i = 0; i < n; i++)
        p->position[i] = p->candidate[i] ? position++ : 0;
    return PRECIS_OK;
}

double precis_position_weight(size_t position, double exponent)
{
    return pow(1.0 + (double)position, -exponent);
}
