/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ngrams.c - repeated strings of unspaced scripts as keyphrase candidates.
 */
#define _GNU_SOURCE /* memmem */
#include "ngrams.h"

#include <math.h>
#include <string.h>

#include <utf8proc.h>

#include "lang.h"
#include "utf8.h"
#include "util.h"
#include "words.h"

/* A document's first this many units are read: a long book's worth, where
 * the strings of a hostile text of random ideographs would otherwise grow
 * to gigabytes. */
#define MAX_TEXT_UNITS ((size_t)1 << 20)

void precis_ngrams_free(precis_ngrams *g)
{
    if (g == NULL)
        return;
    precis_strtab_free(&g->grams);
    free(g->count);
    free(g->whole);
    free(g->first);
    free(g->prefix);
    free(g->suffix);
    free(g->units);
    free(g->absorbed);
    free(g->unit_at);
    free(g->found);
    uint64_t seed = g->grams.seed;
    memset(g, 0, sizeof *g);
    g->grams.seed = seed;
}

/* How a language's text is cut into segments. */
typedef enum cut_rule {
    CUT_STOPWORDS, /* Chinese, Burmese: at stopwords; candidates are strings inside */
    CUT_SCRIPTS    /* Japanese: at changes of script, hiragana dropped; whole segments */
} cut_rule;

/* The class of a character in a Japanese segment: ideographs and
 * katakana make segments, anything else ends one. */
enum { CLASS_NONE, CLASS_IDEOGRAPH, CLASS_KATAKANA, CLASS_OTHER };

static int japanese_class(int32_t cp)
{
    if ((cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F))
        return CLASS_IDEOGRAPH;
    if ((cp >= 0x30A1 && cp <= 0x30FF) || (cp >= 0xFF66 && cp <= 0xFF9F))
        return CLASS_KATAKANA;
    return CLASS_NONE;
}

static int is_mark(int32_t cp)
{
    if (cp < 0x300)
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
           c == UTF8PROC_CATEGORY_ME;
}

/* What reading a document needs. */
typedef struct ngram_reader {
    precis_ngrams *g;
    const char *text;
    int lang;
    cut_rule rule;
    size_t units_read;
} ngram_reader;

static precis_status grow_ids(precis_ngrams *g, size_t need)
{
    if (PRECIS_RESERVE(g->count, g->count_cap, need) != PRECIS_OK ||
        PRECIS_RESERVE(g->whole, g->whole_cap, need) != PRECIS_OK ||
        PRECIS_RESERVE(g->first, g->first_cap, need) != PRECIS_OK ||
        PRECIS_RESERVE(g->prefix, g->prefix_cap, need) != PRECIS_OK ||
        PRECIS_RESERVE(g->suffix, g->suffix_cap, need) != PRECIS_OK ||
        PRECIS_RESERVE(g->units, g->units_cap, need) != PRECIS_OK ||
        PRECIS_RESERVE(g->absorbed, g->absorbed_cap, need) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    return PRECIS_OK;
}

/* The id of text[start, end), a string of `units` units, added when new. */
static precis_status intern(ngram_reader *r, size_t start, size_t end, size_t units,
                            uint32_t *id)
{
    precis_ngrams *g = r->g;
    int added;
    precis_status st = precis_strtab_intern(&g->grams, r->text + start, end - start, id, &added);
    if (st != PRECIS_OK)
        return st;
    if (added) {
        if ((st = grow_ids(g, g->grams.count)) != PRECIS_OK)
            return st;
        g->count[*id] = 0;
        g->whole[*id] = 0;
        g->first[*id] = start;
        g->prefix[*id] = 0;
        g->suffix[*id] = 0;
        g->units[*id] = (unsigned char)units;
        g->absorbed[*id] = 0;
    } else if (start < g->first[*id]) {
        g->first[*id] = start;
    }
    return PRECIS_OK;
}

/* Counts the strings of the segment whose m units start at at[0, m) and
 * end at at[m]. */
static precis_status count_segment(ngram_reader *r, const size_t *at, size_t m)
{
    precis_ngrams *g = r->g;
    precis_status st;
    uint32_t id;
    if (r->rule == CUT_SCRIPTS) {
        for (size_t a = 0; a + 2 <= m; a++) {
            if ((st = intern(r, at[a], at[a + 2], 2, &id)) != PRECIS_OK)
                return st;
            g->count[id]++;
        }
        if (m >= 2 && m <= PRECIS_NGRAM_MAX_SEGMENT) {
            if ((st = intern(r, at[0], at[m], m, &id)) != PRECIS_OK)
                return st;
            g->whole[id]++;
        }
        return PRECIS_OK;
    }
    /* From the end, so that the string one unit shorter at either end is
     * already known when a string is added. */
    for (size_t a = m; a-- > 0;) {
        uint32_t shorter = 0;
        for (size_t len = 2; len <= PRECIS_NGRAM_MAX_UNITS && a + len <= m; len++) {
            if ((st = intern(r, at[a], at[a + len], len, &id)) != PRECIS_OK)
                return st;
            g->count[id]++;
            if (len > 2 && g->prefix[id] == 0) {
                uint32_t tail;
                g->prefix[id] = shorter + 1;
                if (precis_strtab_find(&g->grams, r->text + at[a + 1], at[a + len] - at[a + 1],
                                       &tail))
                    g->suffix[id] = tail + 1;
            }
            shorter = id;
        }
    }
    if (m >= 2 && m <= PRECIS_NGRAM_MAX_UNITS) {
        if ((st = intern(r, at[0], at[m], m, &id)) != PRECIS_OK)
            return st;
        g->whole[id]++;
    }
    return PRECIS_OK;
}

/* Cuts a run of units at stopwords, longest match first, and counts the
 * pieces. */
static precis_status cut_at_stopwords(ngram_reader *r, const size_t *at, size_t m)
{
    size_t piece = 0, a = 0;
    while (a < m) {
        size_t hit = 0;
        for (size_t len = m - a < PRECIS_NGRAM_MAX_UNITS ? m - a : PRECIS_NGRAM_MAX_UNITS;
             len > 0 && hit == 0; len--)
            if (precis_is_stopword(r->lang, r->text + at[a], at[a + len] - at[a]))
                hit = len;
        if (hit == 0) {
            a++;
            continue;
        }
        precis_status st = count_segment(r, at + piece, a - piece);
        if (st != PRECIS_OK)
            return st;
        a += hit;
        piece = a;
    }
    return count_segment(r, at + piece, m - piece);
}

/* Reads the unspaced run text[start, end) into units and counts its
 * segments. */
static precis_status read_run(ngram_reader *r, size_t start, size_t end)
{
    precis_ngrams *g = r->g;
    size_t m = 0, pos = start;
    int segment_class = CLASS_NONE;
    while (pos < end) {
        size_t unit = pos;
        int32_t cp = precis_utf8_next(r->text, end, &pos);
        while (pos < end) {
            size_t next = pos;
            if (!is_mark(precis_utf8_next(r->text, end, &next)))
                break;
            pos = next;
        }
        int cls = r->rule == CUT_SCRIPTS ? japanese_class(cp) : CLASS_OTHER;
        if (cls != segment_class && m > 0) {
            g->unit_at[m] = unit;
            precis_status st = r->rule == CUT_SCRIPTS ? count_segment(r, g->unit_at, m)
                                                      : cut_at_stopwords(r, g->unit_at, m);
            if (st != PRECIS_OK)
                return st;
            m = 0;
        }
        segment_class = cls;
        if (cls == CLASS_NONE || r->units_read >= MAX_TEXT_UNITS)
            continue;
        if (PRECIS_RESERVE(g->unit_at, g->unit_at_cap, m + 2) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        g->unit_at[m++] = unit;
        r->units_read++;
    }
    if (m == 0)
        return PRECIS_OK;
    g->unit_at[m] = end;
    return r->rule == CUT_SCRIPTS ? count_segment(r, g->unit_at, m)
                                  : cut_at_stopwords(r, g->unit_at, m);
}

/* The mean count of the pairs of units of string id. */
static double pair_centrality(const ngram_reader *r, uint32_t id)
{
    const precis_ngrams *g = r->g;
    size_t len;
    const char *s = precis_strtab_key(&g->grams, id, &len);
    size_t pairs = 0;
    double sum = 0.0;
    /* unit boundaries: a character and the marks after it */
    size_t bounds[PRECIS_NGRAM_MAX_SEGMENT + 1];
    size_t nb = 0, pos = 0;
    while (pos < len && nb < PRECIS_NGRAM_MAX_SEGMENT) {
        bounds[nb++] = pos;
        precis_utf8_next(s, len, &pos);
        while (pos < len) {
            size_t next = pos;
            if (!is_mark(precis_utf8_next(s, len, &next)))
                break;
            pos = next;
        }
    }
    bounds[nb] = len;
    for (size_t a = 0; a + 2 <= nb; a++) {
        uint32_t pair;
        if (precis_strtab_find(&g->grams, s + bounds[a], bounds[a + 2] - bounds[a], &pair))
            sum += g->count[pair];
        pairs++;
    }
    return pairs > 0 ? sum / (double)pairs : 0.0;
}

static int found_before(const precis_ngram *x, const precis_ngram *y)
{
    if (x->score != y->score)
        return x->score > y->score;
    return x->start < y->start;
}

static int compare_found(const void *a, const void *b)
{
    const precis_ngram *x = a, *y = b;
    if (found_before(x, y))
        return -1;
    return found_before(y, x) ? 1 : 0;
}

/* Whether one of the strings contains the other. */
static int overlaps(const char *text, const precis_ngram *x, const precis_ngram *y)
{
    size_t lx = x->end - x->start, ly = y->end - y->start;
    if (lx < ly)
        return memmem(text + y->start, ly, text + x->start, lx) != NULL;
    return memmem(text + x->start, lx, text + y->start, ly) != NULL;
}

precis_status precis_ngrams_find(precis_ngrams *g, const char *text, const precis_span *spans,
                                 size_t n, int lang, size_t *units)
{
    g->nfound = 0;
    *units = 0;
    precis_strtab_clear(&g->grams);
    ngram_reader r = {g, text, lang,
                      precis_languages[lang].script == PRECIS_SCRIPT_JAPANESE ? CUT_SCRIPTS
                                                                              : CUT_STOPWORDS,
                      0};
    for (size_t i = 0; i < n; i++) {
        size_t pos = spans[i].start, word;
        int unspaced;
        while (precis_next_word(text, spans[i].end, &pos, &word, &unspaced)) {
            if (!unspaced)
                continue;
            precis_status st = read_run(&r, word, pos);
            if (st != PRECIS_OK)
                return st;
        }
    }
    *units = r.units_read;
    size_t ids = g->grams.count;
    if (r.rule == CUT_STOPWORDS) {
        for (size_t id = 0; id < ids; id++) {
            if (g->units[id] < 3)
                continue;
            if (g->prefix[id] != 0 && g->count[g->prefix[id] - 1] == g->count[id])
                g->absorbed[g->prefix[id] - 1] = 1;
            if (g->suffix[id] != 0 && g->count[g->suffix[id] - 1] == g->count[id])
                g->absorbed[g->suffix[id] - 1] = 1;
        }
    }
    size_t candidates = 0;
    for (size_t id = 0; id < ids; id++) {
        uint32_t count;
        if (r.rule == CUT_SCRIPTS)
            count = g->whole[id];
        else
            count = !g->absorbed[id] && (g->count[id] >= 2 || g->whole[id] > 0) ? g->count[id]
                                                                                  : 0;
        if (count == 0)
            continue;
        if (PRECIS_RESERVE(g->found, g->found_cap, candidates + 1) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        size_t len;
        precis_strtab_key(&g->grams, (uint32_t)id, &len);
        double score = pair_centrality(&r, (uint32_t)id) * sqrt((double)g->units[id] - 1.0) *
                       log(1.0 + (double)count);
        g->found[candidates++] = (precis_ngram){g->first[id], g->first[id] + len, count, score};
    }
    qsort(g->found, candidates, sizeof *g->found, compare_found);
    size_t kept = 0;
    for (size_t c = 0; c < candidates && kept < PRECIS_NGRAM_KEEP; c++) {
        int clash = 0;
        for (size_t k = 0; k < kept && !clash; k++)
            clash = overlaps(text, &g->found[c], &g->found[k]);
        if (!clash)
            g->found[kept++] = g->found[c];
    }
    g->nfound = kept;
    return PRECIS_OK;
}
