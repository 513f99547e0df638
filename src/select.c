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
    free(s->follower);
    free(s->put_off);
    free(s->waiting);
    memset(s, 0, sizeof *s);
}

void precis_selector_set_terms(precis_selector *s, const uint32_t *term_ids,
                               const precis_sentence_terms *sents)
{
    s->term_ids = term_ids;
    s->sents = sents;
}

void precis_selector_set_antecedents(precis_selector *s, const size_t *antecedent)
{
    s->antecedent = antecedent;
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Sorts the adjacent term pairs of sentence i into pairs[0, count). */
static size_t sorted_pairs(const precis_selector *s, size_t i, uint64_t *pairs)
{
    size_t first = s->sents[i].first, last = s->sents[i + 1].first, count = 0;
    for (size_t k = first; k + 1 < last; k++)
        pairs[count++] = (uint64_t)s->term_ids[k] << 32 | s->term_ids[k + 1];
    qsort(pairs, count, sizeof *pairs, compare_u64);
    return count;
}

/* Whether sentences a and b, already known to be similar, are worded
 * alike: the Dice coefficient of their adjacent term pairs. A sentence of
 * fewer than two terms has no pairs; its similarity alone decides. */
static precis_status same_wording(precis_selector *s, size_t a, size_t b, int *same)
{
    *same = 1;
    if (s->term_ids == NULL)
        return PRECIS_OK;
    size_t len_a = s->sents[a + 1].first - s->sents[a].first;
    size_t len_b = s->sents[b + 1].first - s->sents[b].first;
    if (len_a < 2 || len_b < 2)
        return PRECIS_OK;
    if (PRECIS_RESERVE(s->pairs, s->pairs_cap, len_a + len_b) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    size_t na = sorted_pairs(s, a, s->pairs);
    size_t nb = sorted_pairs(s, b, s->pairs + na);
    const uint64_t *pa = s->pairs, *pb = s->pairs + na;
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
    *same = 2.0 * (double)shared >= PRECIS_DUPLICATE_WORDING * (double)(na + nb);
    return PRECIS_OK;
}

static double marginal_value(double relevance, double closest, double lambda)
{
    return (1.0 - lambda) * relevance - lambda * closest;
}

/* ------------------------------------------------------------------ */
/* Antecedents                                                        */

/* Whether sentence i leans on a sentence that is not chosen. */
static int dangles(const precis_selector *s, const unsigned char *chosen, size_t i)
{
    return s->antecedent != NULL && s->antecedent[i] != PRECIS_NO_SENTENCE &&
           !chosen[s->antecedent[i]];
}

/* Whether sentences a and b both fit what is left of the budget. */
static int fill_fits_two(const budget_fill *f, size_t a, size_t b)
{
    if (counts_sentences(f))
        return f->count + 2 <= f->take;
    return f->used + (double)f->lengths[a] + (double)f->lengths[b] <= f->budget.value;
}

/* Links each ranked candidate to the one that leans on it. */
static precis_status antecedents_start(precis_selector *s, const precis_ranked *order,
                                       size_t ranked, size_t n)
{
    if (s->antecedent == NULL)
        return PRECIS_OK;
    if (PRECIS_RESERVE(s->follower, s->follower_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(s->put_off, s->put_off_cap, ranked) != PRECIS_OK ||
        PRECIS_RESERVE(s->waiting, s->waiting_cap, n) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    for (size_t k = 0; k < ranked; k++) {
        s->follower[order[k].index] = PRECIS_NO_SENTENCE;
        s->waiting[order[k].index] = 0;
    }
    for (size_t k = 0; k < ranked; k++) {
        size_t a = s->antecedent[order[k].index];
        if (a != PRECIS_NO_SENTENCE && a < n)
            s->follower[a] = order[k].index;
    }
    return PRECIS_OK;
}

/* Puts sentence i off, with its current value. */
static void put_off(precis_selector *s, size_t *put_off_size, size_t i, double value)
{
    s->waiting[i] = 1;
    s->put_off[*put_off_size] = (precis_ranked){value, i};
    precis_heap_sift_up(s->put_off, (*put_off_size)++, PRECIS_HEAP_BEST_FIRST);
}

/* Takes the best sentence put off out of their heap, its value brought up
 * to date (entries of sentences offered again since are dropped). Returns
 * 0 when there is none. */
static int best_put_off(precis_selector *s, size_t *size, double lambda, precis_ranked *best)
{
    while (*size > 0) {
        precis_ranked top = s->put_off[0];
        size_t i = top.index;
        double value = marginal_value(s->relevance[i], s->closest[i], lambda);
        if (s->waiting[i] && !s->repeats[i] && value != top.score) {
            s->put_off[0].score = value;
            precis_heap_sift_down(s->put_off, *size, 0, PRECIS_HEAP_BEST_FIRST);
            continue;
        }
        s->put_off[0] = s->put_off[--*size];
        precis_heap_sift_down(s->put_off, *size, 0, PRECIS_HEAP_BEST_FIRST);
        if (s->waiting[i] && !s->repeats[i]) {
            s->waiting[i] = 0;
            *best = top;
            return 1;
        }
    }
    return 0;
}

/* After sentence i is chosen: the similarities to it, and the sentence
 * that leans on it, put off, offered again into heap[0, *size). */
static precis_status note_chosen(precis_selector *s, size_t i, const gsl_spmatrix *sim,
                                 double lambda, size_t *size)
{
    if (s->antecedent != NULL) {
        size_t j = s->follower[i];
        if (j != PRECIS_NO_SENTENCE && s->waiting[j]) {
            s->waiting[j] = 0;
            double value = marginal_value(s->relevance[j], s->closest[j], lambda);
            s->heap[*size] = (precis_ranked){value, j};
            precis_heap_sift_up(s->heap, (*size)++, PRECIS_HEAP_BEST_FIRST);
        }
    }
    if (sim == NULL)
        return PRECIS_OK;
    for (int k = sim->p[i]; k < sim->p[i + 1]; k++) {
        size_t j = (size_t)sim->i[k];
        if (sim->data[k] > s->closest[j])
            s->closest[j] = sim->data[k];
        if (sim->data[k] >= PRECIS_DUPLICATE_SIMILARITY && !s->repeats[j]) {
            int same;
            if (same_wording(s, i, j, &same) != PRECIS_OK)
                return PRECIS_ERR_NOMEM;
            s->repeats[j] = (unsigned char)same;
        }
    }
    return PRECIS_OK;
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
        PRECIS_RESERVE(s->repeats, s->repeats_cap, n) != PRECIS_OK)
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
    size_t size = ranked, put_off_size = 0;
    precis_heap_make(s->heap, size, PRECIS_HEAP_BEST_FIRST);
    if (antecedents_start(s, order, ranked, n) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;

    budget_fill f = fill_start(budget, lengths, ranked, n);
    /* A sentence put off and offered again when nothing else is left: it
     * is taken without its antecedent. */
    size_t last_resort = PRECIS_NO_SENTENCE;
    while (!fill_done(&f)) {
        if (size == 0) {
            if (!(counts_sentences(&f) || f.count == 0) ||
                !best_put_off(s, &put_off_size, lambda, &s->heap[0]))
                break;
            size = 1;
            last_resort = s->heap[0].index;
        }
        precis_ranked best = s->heap[0];
        size_t i = best.index;
        if (s->repeats[i] || chosen[i]) {
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
        if (i != last_resort && dangles(s, chosen, i)) {
            /* With its antecedent, or later. */
            size_t a = s->antecedent[i];
            if (s->repeats[a] || dangles(s, chosen, a) || !fill_fits_two(&f, a, i)) {
                put_off(s, &put_off_size, i, value);
                continue;
            }
            fill_offer(&f, a, chosen);
            if (note_chosen(s, a, sim, lambda, &size) != PRECIS_OK)
                return PRECIS_ERR_NOMEM;
        }
        if (fill_offer(&f, i, chosen) && note_chosen(s, i, sim, lambda, &size) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
    }
    if (f.count == 0) {
        chosen[order[0].index] = 1;
        f.count = 1;
    }
    *count = f.count;
    return PRECIS_OK;
}
