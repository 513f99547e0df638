/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * docvec.c - the title-and-lead vectors that stories are grouped by.
 */
#include "docvec.h"

#include <math.h>
#include <string.h>

#include "util.h"

void precis_docvec_counter_free(precis_docvec_counter *c)
{
    if (c == NULL)
        return;
    free(c->all);
    free(c->names);
    free(c->seen);
    free(c->capital);
    memset(c, 0, sizeof *c);
}

/* Grows *array to cap elements of elem bytes. */
static precis_status grow(void **array, size_t cap, size_t elem)
{
    if (cap > SIZE_MAX / elem)
        return PRECIS_ERR_NOMEM;
    void *moved = realloc(*array, cap * elem);
    if (moved == NULL)
        return PRECIS_ERR_NOMEM;
    *array = moved;
    return PRECIS_OK;
}

/* Room for terms [0, n), the marks of new terms cleared. */
static precis_status counter_reserve(precis_docvec_counter *c, size_t n)
{
    if (n <= c->cap)
        return PRECIS_OK;
    size_t cap = n < 1024 ? 1024 : n + n / 2;
    if (grow((void **)&c->all, cap, sizeof *c->all) != PRECIS_OK ||
        grow((void **)&c->names, cap, sizeof *c->names) != PRECIS_OK ||
        grow((void **)&c->seen, cap, sizeof *c->seen) != PRECIS_OK ||
        grow((void **)&c->capital, cap, sizeof *c->capital) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    memset(c->seen + c->cap, 0, (cap - c->cap) * sizeof *c->seen);
    memset(c->capital + c->cap, 0, (cap - c->cap) * sizeof *c->capital);
    c->cap = cap;
    return PRECIS_OK;
}

int precis_docvec_zone(precis_docvec_zones *z, int heading)
{
    if (heading) {
        if (z->body == 0 && !z->title_seen) {
            z->title_seen = 1;
            return PRECIS_ZONE_TITLE;
        }
        return PRECIS_ZONE_REST;
    }
    return z->body++ < PRECIS_DOCVEC_LEAD_SENTENCES ? PRECIS_ZONE_LEAD : PRECIS_ZONE_REST;
}

precis_status precis_docvec_count_terms(precis_docvec_counter *c, const precis_span *spans,
                                        size_t n, const precis_tokens *tok,
                                        precis_docvec_count **out, size_t *count, size_t *cap)
{
    if (!tok->record_words)
        return PRECIS_ERR_ARGUMENT;
    if (counter_reserve(c, tok->vocab.terms.count) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    if (++c->stamp == 0) {
        memset(c->seen, 0, c->cap * sizeof *c->seen);
        memset(c->capital, 0, c->cap * sizeof *c->capital);
        c->stamp = 1;
    }
    uint32_t stamp = c->stamp;
    const uint32_t *ids = tok->ids;
    const precis_token_word *words = tok->words;
    /* A capital in mid-sentence anywhere says the word is a name, so its
     * capital at the start of a lead sentence does too. */
    precis_docvec_zones z = {0};
    for (size_t i = 0; i < n; i++) {
        int zone = precis_docvec_zone(&z, (spans[i].flags & PRECIS_SPAN_HEADING) != 0);
        for (size_t k = tok->sents[i].first; k < tok->sents[i + 1].first; k++) {
            unsigned shape = words[k].shape;
            if ((shape & (PRECIS_WORD_CAPITAL | PRECIS_WORD_DIGIT)) == PRECIS_WORD_CAPITAL &&
                (!(shape & PRECIS_WORD_FIRST) || zone == PRECIS_ZONE_TITLE))
                c->capital[ids[k]] = stamp;
        }
    }
    size_t first = *count;
    z = (precis_docvec_zones){0};
    for (size_t i = 0; i < n && z.body < PRECIS_DOCVEC_LEAD_SENTENCES; i++) {
        int zone = precis_docvec_zone(&z, (spans[i].flags & PRECIS_SPAN_HEADING) != 0);
        if (zone == PRECIS_ZONE_REST)
            continue;
        float weight = zone == PRECIS_ZONE_TITLE ? (float)PRECIS_DOCVEC_TITLE_WEIGHT
                                                 : (float)PRECIS_DOCVEC_LEAD_WEIGHT;
        for (size_t k = tok->sents[i].first; k < tok->sents[i + 1].first; k++) {
            uint32_t t = ids[k];
            unsigned shape = words[k].shape;
            int name = (shape & PRECIS_WORD_DIGIT) ||
                       ((shape & PRECIS_WORD_CAPITAL) &&
                        (!(shape & PRECIS_WORD_FIRST) || zone == PRECIS_ZONE_TITLE ||
                         c->capital[t] == stamp));
            float w = name ? weight * (float)PRECIS_DOCVEC_NAME_WEIGHT : weight;
            if (c->seen[t] != stamp) {
                if (PRECIS_RESERVE(*out, *cap, *count + 1) != PRECIS_OK)
                    return PRECIS_ERR_NOMEM;
                c->seen[t] = stamp;
                c->all[t] = 0.0f;
                c->names[t] = 0.0f;
                (*out)[(*count)++].term = t;
            }
            c->all[t] += w;
            if (name)
                c->names[t] += w;
        }
    }
    for (size_t j = first; j < *count; j++) {
        uint32_t t = (*out)[j].term;
        (*out)[j].all = c->all[t];
        (*out)[j].names = c->names[t];
    }
    return PRECIS_OK;
}

double precis_docvec_idf(double df, double n)
{
    double idf = log((n + 1.0) / (df + 0.5));
    double share = df / n;
    if (share > PRECIS_DOCVEC_COMMON_SHARE && df > 2.0)
        idf *= PRECIS_DOCVEC_COMMON_SHARE / share;
    return idf;
}

static int compare_index(const void *a, const void *b)
{
    size_t x = ((const precis_ranked *)a)->index, y = ((const precis_ranked *)b)->index;
    return (x > y) - (x < y);
}

static int compare_key(const void *a, const void *b)
{
    uint32_t x = ((const precis_docvec_entry *)a)->key, y = ((const precis_docvec_entry *)b)->key;
    return (x > y) - (x < y);
}

size_t precis_docvec_build(const precis_docvec_count *counts, size_t m, const double *const idf[2],
                           const uint32_t *rank, precis_ranked *heap, precis_docvec_entry *out)
{
    static const double share[2] = {1.0 - PRECIS_DOCVEC_NAMES_SHARE, PRECIS_DOCVEC_NAMES_SHARE};
    size_t written = 0;
    for (int part = 0; part < 2; part++) {
        size_t kept = 0;
        for (size_t j = 0; j < m; j++) {
            double tf = part == PRECIS_DOCVEC_ALL ? counts[j].all : counts[j].names;
            double weight = idf[part][counts[j].term];
            if (tf > 0.0 && weight > 0.0)
                heap[kept++] = (precis_ranked){(1.0 + log(tf)) * weight, rank[counts[j].term]};
        }
        if (kept > PRECIS_DOCVEC_TERMS) {
            precis_keep_best(heap, kept, PRECIS_DOCVEC_TERMS);
            kept = PRECIS_DOCVEC_TERMS;
        }
        /* In byte order, so that the norm is summed the same way whatever
         * order the terms came in. */
        qsort(heap, kept, sizeof *heap, compare_index);
        double norm = 0.0;
        for (size_t j = 0; j < kept; j++)
            norm += heap[j].score * heap[j].score;
        if (norm <= 0.0)
            continue;
        double scale = sqrt(share[part]) / sqrt(norm);
        for (size_t j = 0; j < kept; j++)
            out[written++] = (precis_docvec_entry){(uint32_t)(2 * heap[j].index + (size_t)part),
                                                   (float)(heap[j].score * scale)};
    }
    qsort(out, written, sizeof *out, compare_key);
    return written;
}

double precis_docvec_similarity(const precis_docvec_entry *a, size_t na,
                                const precis_docvec_entry *b, size_t nb)
{
    double sum = 0.0;
    size_t i = 0, j = 0, shared = 0;
    while (i < na && j < nb) {
        if (a[i].key < b[j].key) {
            i++;
        } else if (a[i].key > b[j].key) {
            j++;
        } else {
            sum += (double)a[i].weight * (double)b[j].weight;
            shared += a[i].key % 2 == PRECIS_DOCVEC_ALL;
            i++;
            j++;
        }
    }
    return shared >= PRECIS_DOCVEC_MIN_SHARED ? sum : 0.0;
}
