/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * select.c - rank order, the length budgets and redundancy control.
 */
#include "select.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define PRECIS_MAX_COUNT 1e15

int precis_budget_check(precis_length_unit unit, double value)
{
    switch (unit) {
    case PRECIS_LENGTH_RATIO:
        return value > 0.0 && value <= 1.0;
    case PRECIS_LENGTH_SENTENCES:
    case PRECIS_LENGTH_WORDS:
    case PRECIS_LENGTH_CHARS:
        return value >= 1.0 && value <= PRECIS_MAX_COUNT && floor(value) == value;
    default:
        return 0;
    }
}

static int compare_ranked(const void *a, const void *b)
{
    const precis_ranked *x = a, *y = b;
    if (precis_ranked_before(x, y))
        return -1;
    return precis_ranked_before(y, x) ? 1 : 0;
}

void precis_order(const double *scores, size_t n, precis_ranked *order)
{
    for (size_t i = 0; i < n; i++)
        order[i] = (precis_ranked){scores[i], i};
    qsort(order, n, sizeof *order, compare_ranked);
}

size_t precis_order_candidates(const double *scores, const unsigned char *candidate, size_t n,
                               precis_ranked *order)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (candidate[i])
            order[count++] = (precis_ranked){scores[i], i};
    qsort(order, count, sizeof *order, compare_ranked);
    return count;
}

size_t precis_ratio_count(double ratio, size_t n)
{
    double want = floor(ratio * (double)n + 0.5);
    if (want < 1.0)
        return n > 0 ? 1 : 0;
    if (want >= (double)n)
        return n;
    return (size_t)want;
}

/* A budget being filled: sentences are offered best first, one at a time. */
typedef struct budget_fill {
    precis_budget budget;
    const size_t *lengths;
    size_t take; /* sentence and ratio budgets: how many */
    double used; /* word and character budgets: how much */
    size_t count;
} budget_fill;

static budget_fill fill_start(precis_budget budget, const size_t *lengths, size_t ranked,
                              size_t n)
{
    budget_fill f = {budget, lengths, 0, 0.0, 0};
    if (budget.unit == PRECIS_LENGTH_SENTENCES)
        f.take = budget.value >= (double)ranked ? ranked : (size_t)budget.value;
    else if (budget.unit == PRECIS_LENGTH_RATIO)
        f.take = precis_ratio_count(budget.value, n);
    if (f.take > ranked)
        f.take = ranked;
    return f;
}

static int counts_sentences(const budget_fill *f)
{
    return f->budget.unit == PRECIS_LENGTH_SENTENCES || f->budget.unit == PRECIS_LENGTH_RATIO;
}

static int fill_done(const budget_fill *f)
{
    return counts_sentences(f) ? f->count >= f->take : f->used >= f->budget.value;
}

/* Takes sentence i if it fits; a sentence that would overflow a word or
 * character budget is skipped. */
static int fill_offer(budget_fill *f, size_t i, unsigned char *chosen)
{
    if (!counts_sentences(f)) {
        if (f->used + (double)f->lengths[i] > f->budget.value)
            return 0;
        f->used += (double)f->lengths[i];
    }
    chosen[i] = 1;
    f->count++;
    return 1;
}

size_t precis_select(const precis_ranked *order, size_t n, precis_budget budget,
                     const size_t *lengths, unsigned char *chosen)
{
    memset(chosen, 0, n);
    if (n == 0)
        return 0;
    budget_fill f = fill_start(budget, lengths, n, n);
    for (size_t k = 0; k < n && !fill_done(&f); k++)
        fill_offer(&f, order[k].index, chosen);
    if (f.count == 0) {
        chosen[order[0].index] = 1;
        f.count = 1;
    }
    return f.count;
}

/* ------------------------------------------------------------------ */
/* Maximal marginal relevance                                         */

void precis_selector_free(precis_selector *s)
{
    if (s == NULL)
        return;
    free(s->heap);
    free(s->closest);
    free(s->relevance);
    free(s->repeats);
    free(s->pairs);
    free(s->paired);
    free(s->key_taken);
    memset(s, 0, sizeof *s);
}

void precis_selector_set_checks(precis_selector *s, const precis_repeat_checks *checks)
{
    s->checks = *checks;
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* The sorted adjacent term pairs of sentence i, made on first use; their
 * number in *count. */
static const uint64_t *sorted_pairs(precis_selector *s, size_t i, size_t *count)
{
    const precis_repeat_checks *c = &s->checks;
    size_t first = c->sents[i].first, last = c->sents[i + 1].first;
    uint64_t *pairs = s->pairs + first;
    *count = last - first - 1;
    if (!s->paired[i]) {
        for (size_t k = first; k + 1 < last; k++)
            pairs[k - first] = (uint64_t)c->term_ids[k] << 32 | c->term_ids[k + 1];
        qsort(pairs, *count, sizeof *pairs, compare_u64);
        s->paired[i] = 1;
    }
    return pairs;
}

/* Whether sentences a and b, already known to be similar, are worded
 * alike: the Dice coefficient of their adjacent term pairs. A sentence of
 * fewer than two terms has no pairs; its similarity alone decides. */
static int same_wording(precis_selector *s, size_t a, size_t b)
{
    const precis_repeat_checks *c = &s->checks;
    if (c->term_ids == NULL)
        return 1;
    size_t len_a = c->sents[a + 1].first - c->sents[a].first;
    size_t len_b = c->sents[b + 1].first - c->sents[b].first;
    if (len_a < 2 || len_b < 2)
        return 1;
    size_t na, nb;
    const uint64_t *pa = sorted_pairs(s, a, &na);
    const uint64_t *pb = sorted_pairs(s, b, &nb);
    size_t shared = 0;
    for (size_t x = 0, y = 0; x < na && y < nb;) {
        if (pa[x] == pb[y]) {
            shared++, x++, y++;
        } else if (pa[x] < pb[y]) {
            x++;
        } else {
            y++;
        }
    }
    return 2.0 * (double)shared >= PRECIS_DUPLICATE_WORDING * (double)(na + nb);
}

/* The scratch that the checks need for n sentences. */
static precis_status reserve_checks(precis_selector *s, size_t n)
{
    const precis_repeat_checks *c = &s->checks;
    if (c->term_ids != NULL) {
        if (PRECIS_RESERVE(s->pairs, s->pairs_cap, c->sents[n].first) != PRECIS_OK ||
            PRECIS_RESERVE(s->paired, s->paired_cap, n) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        memset(s->paired, 0, n);
    }
    if (c->repeat_ids != NULL) {
        if (PRECIS_RESERVE(s->key_taken, s->key_taken_cap, c->keys) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        memset(s->key_taken, 0, c->keys);
    }
    return PRECIS_OK;
}

/* Whether sentence i repeats a chosen one exactly. */
static int repeats_chosen(const precis_selector *s, size_t i)
{
    const uint32_t *ids = s->checks.repeat_ids;
    return ids != NULL && (s->key_taken[ids[2 * i]] || s->key_taken[ids[2 * i + 1]]);
}

static void take_keys(precis_selector *s, size_t i)
{
    const uint32_t *ids = s->checks.repeat_ids;
    if (ids != NULL)
        s->key_taken[ids[2 * i]] = s->key_taken[ids[2 * i + 1]] = 1;
}

/* Marks the neighbours of the chosen sentence i that nearly repeat it, and
 * raises their closest similarity. */
static void mark_neighbours(precis_selector *s, const gsl_spmatrix *sim, size_t i)
{
    const precis_tfidf *exact = s->checks.vectors;
    take_keys(s, i);
    for (int k = sim->p[i]; k < sim->p[i + 1]; k++) {
        size_t j = (size_t)sim->i[k];
        if (sim->data[k] > s->closest[j])
            s->closest[j] = sim->data[k];
        if (j == i || s->repeats[j])
            continue;
        double similarity = exact != NULL ? precis_tfidf_cosine(exact, i, j) : sim->data[k];
        if (similarity >= PRECIS_DUPLICATE_SIMILARITY)
            s->repeats[j] = (unsigned char)same_wording(s, i, j);
    }
}

static double marginal_value(double relevance, double closest, double lambda)
{
    return (1.0 - lambda) * relevance - lambda * closest;
}

precis_status precis_select_diverse(precis_selector *s, const precis_ranked *order, size_t ranked,
                                    size_t n, precis_budget budget, const size_t *lengths,
                                    const gsl_spmatrix *sim, double lambda,
                                    unsigned char *chosen, size_t *count)
{
    *count = 0;
    if (!(lambda >= 0.0 && lambda <= 1.0) || ranked > n ||
        (sim != NULL && (sim->size1 != n || sim->sptype != GSL_SPMATRIX_CSR)))
        return PRECIS_ERR_ARGUMENT;
    memset(chosen, 0, n);
    if (ranked == 0)
        return PRECIS_OK;
    if (PRECIS_RESERVE(s->heap, s->heap_cap, ranked) != PRECIS_OK ||
        PRECIS_RESERVE(s->closest, s->closest_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(s->relevance, s->relevance_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(s->repeats, s->repeats_cap, n) != PRECIS_OK ||
        reserve_checks(s, n) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    /* Neighbours outside the candidates are touched too: clear all n. */
    memset(s->repeats, 0, n);
    memset(s->closest, 0, n * sizeof *s->closest);
    double top = order[0].score > 0.0 ? order[0].score : 1.0;
    for (size_t k = 0; k < ranked; k++) {
        size_t i = order[k].index;
        s->relevance[i] = order[k].score / top;
        s->heap[k] = (precis_ranked){marginal_value(s->relevance[i], 0.0, lambda), i};
    }
    size_t size = ranked;
    precis_heap_make(s->heap, size, PRECIS_HEAP_BEST_FIRST);

    budget_fill f = fill_start(budget, lengths, ranked, n);
    while (size > 0 && !fill_done(&f)) {
        precis_ranked best = s->heap[0];
        size_t i = best.index;
        if (s->repeats[i] || repeats_chosen(s, i)) {
            s->heap[0] = s->heap[--size];
            precis_heap_sift_down(s->heap, size, 0, PRECIS_HEAP_BEST_FIRST);
            continue;
        }
        /* A stored value is an upper bound: similarities to the chosen
         * sentences only grow. Recomputed with the same expression, an
         * up-to-date value compares equal; a stale one goes back in. */
        double value = marginal_value(s->relevance[i], s->closest[i], lambda);
        if (value != best.score) {
            s->heap[0].score = value;
            precis_heap_sift_down(s->heap, size, 0, PRECIS_HEAP_BEST_FIRST);
            continue;
        }
        s->heap[0] = s->heap[--size];
        precis_heap_sift_down(s->heap, size, 0, PRECIS_HEAP_BEST_FIRST);
        if (!fill_offer(&f, i, chosen))
            continue;
        if (sim != NULL)
            mark_neighbours(s, sim, i);
        else
            take_keys(s, i);
    }
    if (f.count == 0) {
        chosen[order[0].index] = 1;
        f.count = 1;
    }
    *count = f.count;
    return PRECIS_OK;
}
