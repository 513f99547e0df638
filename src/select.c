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
/* Ranked lists this long or shorter are sorted by insertion (sort_ranked) */
#define RANKED_INSERTION_MAX 64

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

/* Sorts order[0, n) best first. The order is total when no score is NaN,
 * so that any sort gives the same result: a document's few sentences by
 * insertion, without qsort's call a comparison; many, or NaN scores (for
 * which the comparison is no order, and the result is qsort's), by
 * qsort. */
static void sort_ranked(precis_ranked *order, size_t n, int has_nan)
{
    if (n > RANKED_INSERTION_MAX || has_nan) {
        qsort(order, n, sizeof *order, compare_ranked);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        precis_ranked item = order[i];
        size_t j = i;
        for (; j > 0 && precis_ranked_before(&item, &order[j - 1]); j--)
            order[j] = order[j - 1];
        order[j] = item;
    }
}

void precis_order(const double *scores, size_t n, precis_ranked *order)
{
    int has_nan = 0;
    for (size_t i = 0; i < n; i++) {
        order[i] = (precis_ranked){scores[i], i};
        has_nan |= isnan(scores[i]);
    }
    sort_ranked(order, n, has_nan);
}

size_t precis_order_candidates(const double *scores, const unsigned char *candidate, size_t n,
                               precis_ranked *order)
{
    size_t count = 0;
    int has_nan = 0;
    for (size_t i = 0; i < n; i++)
        if (candidate[i]) {
            order[count++] = (precis_ranked){scores[i], i};
            has_nan |= isnan(scores[i]);
        }
    sort_ranked(order, count, has_nan);
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

/* ------------------------------------------------------------------ */
/* The order in which sentences are offered                           */

void precis_selector_free(precis_selector *s)
{
    if (s == NULL)
        return;
    free(s->heap);
    free(s->closest);
    free(s->relevance);
    free(s->repeats);
    free(s->skipped);
    free(s->pairs);
    free(s->paired);
    free(s->key_taken);
    free(s->follower);
    free(s->waiting);
    free(s->put_off);
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

/* Sentences come to the budget one at a time, each with its value (its
 * score relative to the best one): in rank order, or, for diverse
 * selection, by maximal marginal relevance given the sentences taken so
 * far, near-duplicates of taken ones left out. */
typedef struct offer_stream {
    precis_selector *s; /* NULL: plain rank order */
    const precis_ranked *order;
    size_t ranked;
    size_t next; /* plain: the next position in order */
    size_t size; /* diverse: the sentences still in the heap */
    const gsl_spmatrix *sim;
    double lambda;
    double top; /* the best score, which values are relative to */
    const unsigned char *chosen; /* diverse, with antecedents: the sentences taken */
    size_t put_off_size; /* diverse, with antecedents: the sentences put off */
} offer_stream;

static offer_stream plain_stream(const precis_ranked *order, size_t ranked)
{
    offer_stream st = {NULL, order, ranked, 0, 0, NULL, 0.0, 1.0, NULL, 0};
    if (ranked > 0 && order[0].score > 0.0)
        st.top = order[0].score;
    return st;
}

/* A diverse stream over order[0, ranked) of a document of n sentences;
 * s's scratch is made ready. */
static precis_status diverse_stream(precis_selector *s, const precis_ranked *order, size_t ranked,
                                    size_t n, const gsl_spmatrix *sim, double lambda,
                                    offer_stream *st)
{
    *st = plain_stream(order, ranked);
    if (PRECIS_RESERVE(s->heap, s->heap_cap, ranked) != PRECIS_OK ||
        PRECIS_RESERVE(s->closest, s->closest_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(s->relevance, s->relevance_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(s->repeats, s->repeats_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(s->skipped, s->skipped_cap, ranked) != PRECIS_OK ||
        reserve_checks(s, n) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    /* Neighbours outside the candidates are touched too: clear all n. */
    memset(s->repeats, 0, n);
    memset(s->closest, 0, n * sizeof *s->closest);
    for (size_t k = 0; k < ranked; k++) {
        size_t i = order[k].index;
        s->relevance[i] = order[k].score / st->top;
        s->heap[k] = (precis_ranked){marginal_value(s->relevance[i], 0.0, lambda), i};
    }
    precis_heap_make(s->heap, ranked, PRECIS_HEAP_BEST_FIRST);
    st->s = s;
    st->size = ranked;
    st->sim = sim;
    st->lambda = lambda;
    return PRECIS_OK;
}

/* The value of sentence i on a diverse stream: its marginal value, less
 * a share of its relevance while it is put off (leaning on a sentence not
 * taken). */
static double stream_value(const offer_stream *st, size_t i)
{
    const precis_selector *s = st->s;
    double value = marginal_value(s->relevance[i], s->closest[i], st->lambda);
    if (s->checks.antecedent != NULL && s->waiting[i])
        value -= (1.0 - PRECIS_PUT_OFF_VALUE) * s->relevance[i];
    return value;
}

/* Puts sentence i back on offer on a diverse stream: into the heap of
 * those put off while it waits for its antecedent, into the main heap when
 * it no longer does. */
static void stream_push(offer_stream *st, size_t i)
{
    precis_selector *s = st->s;
    precis_ranked item = {stream_value(st, i), i};
    if (s->waiting[i])
        precis_heap_push(s->put_off, &st->put_off_size, item, PRECIS_HEAP_BEST_FIRST);
    else
        precis_heap_push(s->heap, &st->size, item, PRECIS_HEAP_BEST_FIRST);
}

/* The next sentence on offer and its value; 0 when there is none left. */
/* Brings the root of a heap of a diverse stream up to date: drops the
 * sentences that can no longer be offered from it (repeats; with
 * antecedents, those taken, and in the heap of those put off, those no
 * longer put off) and re-sorts stale values. Returns 0 when it is empty. */
static int heap_ready(offer_stream *st, precis_ranked *heap, size_t *size, int put_off)
{
    precis_selector *s = st->s;
    while (*size > 0) {
        precis_ranked best = heap[0];
        size_t i = best.index;
        if (s->repeats[i] || repeats_chosen(s, i) ||
            (st->chosen != NULL && (st->chosen[i] || (put_off && !s->waiting[i])))) {
            heap[0] = heap[--*size];
            precis_heap_sift_down(heap, *size, 0, PRECIS_HEAP_BEST_FIRST);
            continue;
        }
        /* A stored value is an upper bound: similarities to the taken
         * sentences only grow (and a sentence leaves the heap of those put
         * off when its value is restored). Recomputed with the same
         * expression, an up-to-date value compares equal; a stale one goes
         * back in. */
        double current = stream_value(st, i);
        if (current != best.score) {
            heap[0].score = current;
            precis_heap_sift_down(heap, *size, 0, PRECIS_HEAP_BEST_FIRST);
            continue;
        }
        return 1;
    }
    return 0;
}

static int stream_next(offer_stream *st, size_t *index, double *value)
{
    if (st->s == NULL) {
        if (st->next >= st->ranked)
            return 0;
        *index = st->order[st->next].index;
        *value = st->order[st->next].score / st->top;
        st->next++;
        return 1;
    }
    precis_selector *s = st->s;
    int ready = heap_ready(st, s->heap, &st->size, 0);
    int put_off_ready = s->checks.antecedent != NULL &&
                        heap_ready(st, s->put_off, &st->put_off_size, 1);
    if (!ready && !put_off_ready)
        return 0;
    precis_ranked *heap = s->heap;
    size_t *size = &st->size;
    if (put_off_ready && (!ready || precis_ranked_before(&s->put_off[0], &s->heap[0]))) {
        heap = s->put_off;
        size = &st->put_off_size;
    }
    precis_ranked best = precis_heap_pop(heap, size, PRECIS_HEAP_BEST_FIRST);
    *index = best.index;
    *value = best.score;
    return 1;
}

/* Sentence i is taken: what follows is valued against it. */
static precis_status stream_take(offer_stream *st, size_t i)
{
    if (st->s == NULL)
        return PRECIS_OK;
    if (st->sim != NULL)
        mark_neighbours(st->s, st->sim, i);
    else
        take_keys(st->s, i);
    return PRECIS_OK;
}

/* Whether sentence b nearly repeats sentence a (neither taken). */
static precis_status stream_repeats(offer_stream *st, size_t a, size_t b, int *repeats)
{
    *repeats = 0;
    const gsl_spmatrix *sim = st->sim;
    if (st->s == NULL || sim == NULL)
        return PRECIS_OK;
    int lo = sim->p[a], hi = sim->p[a + 1];
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if ((size_t)sim->i[mid] < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < sim->p[a + 1] && (size_t)sim->i[lo] == b) {
        const precis_tfidf *exact = st->s->checks.vectors;
        double similarity = exact != NULL ? precis_tfidf_cosine(exact, a, b) : sim->data[lo];
        if (similarity >= PRECIS_DUPLICATE_SIMILARITY)
            *repeats = same_wording(st->s, a, b);
    }
    return PRECIS_OK;
}

/* ------------------------------------------------------------------ */
/* Filling a budget                                                   */

typedef struct fill_window {
    size_t index[PRECIS_FILL_WINDOW];
    size_t length[PRECIS_FILL_WINDOW];
    double value[PRECIS_FILL_WINDOW];
    unsigned count;
} fill_window;

/* The subset of the window (bit k: its k-th sentence) of the highest
 * total value whose length fits in room; of two with the same value, the
 * one with the better-ranked sentence where they first differ. */
static unsigned best_subset(const fill_window *w, double room)
{
    unsigned best = 0;
    double best_value = 0.0;
    for (unsigned mask = 1; mask < 1u << w->count; mask++) {
        double length = 0.0, value = 0.0;
        for (unsigned k = 0; k < w->count; k++) {
            if (mask >> k & 1u) {
                length += (double)w->length[k];
                value += w->value[k];
            }
        }
        if (length > room)
            continue;
        unsigned differ = mask ^ best;
        if (value > best_value || (value == best_value && (mask & differ & -differ) != 0)) {
            best = mask;
            best_value = value;
        }
    }
    return best;
}

/* A budget being filled. */
typedef struct budget_fill {
    offer_stream *stream;
    const unsigned char *standalone; /* NULL: every sentence may stand alone */
    const size_t *antecedent;        /* NULL: none leans on another */
    unsigned char *chosen;
    size_t count;
    size_t *skipped; /* diverse streams: the offered sentences that may not stand alone */
    size_t skipped_count;
    size_t first_put_off; /* the first sentence put off, or PRECIS_NO_SENTENCE */
} budget_fill;

static precis_status fill_take(budget_fill *f, size_t i)
{
    f->chosen[i] = 1;
    f->count++;
    precis_status st = stream_take(f->stream, i);
    if (f->antecedent != NULL) {
        /* The sentence put off for want of this one is offered again at
         * its full value. */
        precis_selector *s = f->stream->s;
        size_t j = s->follower[i];
        s->waiting[i] = 0;
        if (j != PRECIS_NO_SENTENCE && s->waiting[j] && !f->chosen[j]) {
            s->waiting[j] = 0;
            stream_push(f->stream, j);
        }
    }
    return st;
}

/* The next sentence on offer that may stand alone; the others offered
 * on the way are remembered for sentence budgets. */
static int fill_next(budget_fill *f, size_t *index, double *value)
{
    while (stream_next(f->stream, index, value)) {
        if (f->standalone == NULL || f->standalone[*index])
            return 1;
        if (f->skipped != NULL)
            f->skipped[f->skipped_count++] = *index;
    }
    return 0;
}

/* Whether sentence i leans on a sentence that is not taken. */
static int dangles(const budget_fill *f, size_t i)
{
    return f->antecedent != NULL && f->antecedent[i] != PRECIS_NO_SENTENCE &&
           !f->chosen[f->antecedent[i]];
}

/* Whether the antecedent a of a sentence on offer may be taken with it:
 * it may stand alone itself, leans on nothing left out and repeats no
 * sentence taken. */
static int antecedent_ready(const budget_fill *f, size_t a)
{
    const precis_selector *s = f->stream->s;
    return (f->standalone == NULL || f->standalone[a]) && !dangles(f, a) && !s->repeats[a] &&
           !repeats_chosen(s, a);
}

/* Sentence i, on offer at value, leans on a sentence that is not taken.
 * The two are taken together when the antecedent is ready and both fit
 * (pair_fits). Else, the first time, i is put off: back on offer at
 * PRECIS_PUT_OFF_VALUE of its value until its antecedent is taken; the
 * second time it is taken alone if that value is still above 0 and it
 * fits (alone_fits), or left to the sentences that may not stand alone. */
static precis_status offer_dependent(budget_fill *f, size_t i, double value, int pair_fits,
                                     int alone_fits)
{
    precis_selector *s = f->stream->s;
    size_t a = f->antecedent[i];
    if (pair_fits && antecedent_ready(f, a)) {
        precis_status st = fill_take(f, a);
        return st != PRECIS_OK ? st : fill_take(f, i);
    }
    if (!s->waiting[i]) {
        s->waiting[i] = 1;
        if (f->first_put_off == PRECIS_NO_SENTENCE)
            f->first_put_off = i;
        stream_push(f->stream, i);
        return PRECIS_OK;
    }
    if (value > 0.0 && alone_fits)
        return fill_take(f, i);
    if (f->skipped != NULL)
        f->skipped[f->skipped_count++] = i;
    return PRECIS_OK;
}

/* Sentence and ratio budgets: the first `take` sentences on offer that
 * may stand alone; when there are not that many, the best of the others
 * make up the count (a document of short lines still gives N lines). */
static precis_status fill_count(budget_fill *f, size_t take)
{
    size_t i;
    double value;
    precis_status st = PRECIS_OK;
    while (st == PRECIS_OK && f->count < take && fill_next(f, &i, &value)) {
        if (dangles(f, i))
            st = offer_dependent(f, i, value, f->count + 2 <= take, 1);
        else
            st = fill_take(f, i);
    }
    if (f->stream->s == NULL) {
        /* Rank order: a second pass over it. */
        for (size_t k = 0; st == PRECIS_OK && f->count < take && k < f->stream->ranked; k++)
            if (!f->chosen[f->stream->order[k].index])
                st = fill_take(f, f->stream->order[k].index);
    } else {
        /* They were no repeats when offered; one taken since may repeat. */
        const precis_selector *s = f->stream->s;
        for (size_t k = 0; st == PRECIS_OK && f->count < take && k < f->skipped_count; k++) {
            size_t i = f->skipped[k];
            if (!f->chosen[i] && !s->repeats[i] && !repeats_chosen(s, i))
                st = fill_take(f, i);
        }
    }
    return st;
}

/* Word and character budgets: sentences are taken in the order offered
 * while they fit. When the next one does not, the best subset by value
 * of it and the PRECIS_FILL_WINDOW - 1 after it fills what is left; but the top
 * sentence, when it alone is longer than the budget, is taken alone
 * unless what fits instead is worth more. */
static precis_status fill_length(budget_fill *f, double room, const size_t *lengths)
{
    size_t i, top = SIZE_MAX;
    double value, top_value = 0.0;
    precis_status st = PRECIS_OK;
    int overflow = 0;
    while (!overflow && fill_next(f, &i, &value)) {
        if (dangles(f, i)) {
            size_t a = f->antecedent[i], before = f->count;
            double both = (double)lengths[a] + (double)lengths[i];
            if ((st = offer_dependent(f, i, value, both <= room,
                                      (double)lengths[i] <= room)) != PRECIS_OK)
                return st;
            if (f->count == before + 2)
                room -= both;
            else if (f->count == before + 1)
                room -= (double)lengths[i];
            continue;
        }
        if (top == SIZE_MAX) {
            top = i;
            top_value = value;
        }
        overflow = (double)lengths[i] > room;
        if (!overflow) {
            room -= (double)lengths[i];
            if ((st = fill_take(f, i)) != PRECIS_OK)
                return st;
        }
    }
    if (!overflow) {
        /* Every sentence offered leaned on one left out: the first. */
        if (f->count == 0 && f->first_put_off != PRECIS_NO_SENTENCE)
            return fill_take(f, f->first_put_off);
        return PRECIS_OK;
    }
    fill_window w = {.count = 0};
    for (unsigned offered = 1; offered < PRECIS_FILL_WINDOW && fill_next(f, &i, &value); offered++) {
        if ((double)lengths[i] > room || value < 0.0 || dangles(f, i))
            continue;
        int repeats = 0;
        for (unsigned k = 0; k < w.count && !repeats; k++)
            if ((st = stream_repeats(f->stream, w.index[k], i, &repeats)) != PRECIS_OK)
                return st;
        if (repeats)
            continue;
        w.index[w.count] = i;
        w.length[w.count] = lengths[i];
        w.value[w.count++] = value;
    }
    unsigned mask = best_subset(&w, room);
    double gained = 0.0;
    for (unsigned k = 0; k < w.count; k++)
        gained += (mask >> k & 1u) ? w.value[k] : 0.0;
    if (f->count == 0 && (mask == 0 || gained < top_value))
        return fill_take(f, top);
    for (unsigned k = 0; k < w.count; k++)
        if ((mask >> k & 1u) && (st = fill_take(f, w.index[k])) != PRECIS_OK)
            return st;
    return PRECIS_OK;
}

/* Whether some sentence of order[0, ranked) may stand alone. */
static int any_standalone(const precis_ranked *order, size_t ranked,
                          const unsigned char *standalone)
{
    for (size_t k = 0; k < ranked; k++)
        if (standalone[order[k].index])
            return 1;
    return 0;
}

/* With the antecedents of s's checks, on a diverse stream: which
 * candidate leans on each, none put off yet. */
static precis_status dependents_start(precis_selector *s, offer_stream *stream, size_t n,
                                      const unsigned char *chosen)
{
    const size_t *antecedent = s->checks.antecedent;
    if (PRECIS_RESERVE(s->follower, s->follower_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(s->waiting, s->waiting_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(s->put_off, s->put_off_cap, stream->ranked) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    memset(s->waiting, 0, n);
    for (size_t i = 0; i < n; i++)
        s->follower[i] = PRECIS_NO_SENTENCE;
    for (size_t k = 0; k < stream->ranked; k++) {
        size_t i = stream->order[k].index, a = antecedent[i];
        if (a != PRECIS_NO_SENTENCE && a < n)
            s->follower[a] = i;
    }
    stream->chosen = chosen;
    return PRECIS_OK;
}

/* The filling policy, for every kind of budget and both orders of offer:
 * only sentences that may stand alone are taken (all of them when none
 * may), a dependent sentence with its antecedent where there is a choice
 * (diverse streams, when the checks give antecedents), a sentence is never
 * cut, and at least one is taken. */
static precis_status fill_budget(offer_stream *stream, size_t n,
                                 precis_budget budget, const size_t *lengths,
                                 const unsigned char *standalone, unsigned char *chosen,
                                 size_t *count)
{
    *count = 0;
    if (stream->ranked == 0)
        return PRECIS_OK;
    if (standalone != NULL && !any_standalone(stream->order, stream->ranked, standalone))
        standalone = NULL;
    const size_t *antecedent = stream->s != NULL ? stream->s->checks.antecedent : NULL;
    if (antecedent != NULL && dependents_start(stream->s, stream, n, chosen) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    budget_fill f = {stream, standalone, antecedent, chosen, 0,
                     stream->s != NULL ? stream->s->skipped : NULL, 0, PRECIS_NO_SENTENCE};
    precis_status st;
    switch (budget.unit) {
    case PRECIS_LENGTH_SENTENCES:
        st = fill_count(&f, budget.value >= (double)stream->ranked ? stream->ranked
                                                                   : (size_t)budget.value);
        break;
    case PRECIS_LENGTH_RATIO:
        st = fill_count(&f, precis_ratio_count(budget.value, n));
        break;
    default:
        st = fill_length(&f, budget.value, lengths);
        break;
    }
    *count = f.count;
    return st;
}

size_t precis_select(const precis_ranked *order, size_t n, precis_budget budget,
                     const size_t *lengths, const unsigned char *standalone,
                     unsigned char *chosen)
{
    memset(chosen, 0, n);
    offer_stream stream = plain_stream(order, n);
    size_t count;
    /* Rank order allocates nothing: this cannot fail. */
    fill_budget(&stream, n, budget, lengths, standalone, chosen, &count);
    return count;
}

precis_status precis_select_diverse(precis_selector *s, const precis_ranked *order, size_t ranked,
                                    size_t n, precis_budget budget, const size_t *lengths,
                                    const unsigned char *standalone, const gsl_spmatrix *sim,
                                    double lambda, unsigned char *chosen, size_t *count)
{
    *count = 0;
    if (!(lambda >= 0.0 && lambda <= 1.0) || ranked > n ||
        (sim != NULL && (sim->size1 != n || sim->sptype != GSL_SPMATRIX_CSR)))
        return PRECIS_ERR_ARGUMENT;
    memset(chosen, 0, n);
    if (ranked == 0)
        return PRECIS_OK;
    offer_stream stream = plain_stream(order, ranked);
    /* Without diversity or a graph to find near-duplicates in, the order
     * of offer is the rank order: no heap is needed. */
    if (lambda > 0.0 || sim != NULL || s->checks.repeat_ids != NULL ||
        s->checks.antecedent != NULL) {
        precis_status st = diverse_stream(s, order, ranked, n, sim, lambda, &stream);
        if (st != PRECIS_OK)
            return st;
    }
    return fill_budget(&stream, n, budget, lengths, standalone, chosen, count);
}
