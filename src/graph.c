/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * graph.c - cosine similarities through an inverted index, capped for
 * long documents.
 */
#include "graph.h"

#include <limits.h>
#include <string.h>

#include "csr.h"
#include "heap.h"
#include "util.h"

/* The build's scratch: everything but the matrix. */
static void free_scratch(precis_graph *g)
{
    free(g->post_start);
    free(g->post_sentence);
    free(g->post_weight);
    free(g->acc);
    free(g->seen);
    free(g->cand);
    free(g->cand_index);
    free(g->kept_start);
    free(g->kept_sentence);
    free(g->kept_weight);
    free(g->fill);
    free(g->term_sum);
    free(g->post_next);
    gsl_spmatrix *matrix = g->matrix;
    size_t nedges = g->nedges, self_loops = g->self_loops, skipped = g->skipped_terms;
    int capped = g->capped;
    *g = (precis_graph){.matrix = matrix,
                        .nedges = nedges,
                        .self_loops = self_loops,
                        .skipped_terms = skipped,
                        .capped = capped};
}

void precis_graph_free(precis_graph *g)
{
    if (g == NULL)
        return;
    precis_csr_free(g->matrix);
    g->matrix = NULL;
    free_scratch(g);
    memset(g, 0, sizeof *g);
}

/* The inverted index: for every term held by two to max_df sentences, the
 * sentences that hold it in increasing order, with the term's weight in
 * each; other terms get empty lists (a term of one sentence adds to no
 * similarity, its list only the sentence itself). One pass over the terms:
 * post_start[t + 1] starts as where t's list starts and moves on with
 * each posting put there, to where it ends (where t + 1's starts). The
 * arrays in locals, which the stores could otherwise alias. */
static precis_status build_index(precis_graph *g, const precis_tfidf *tf, size_t max_df)
{
    size_t entries = tf->row[tf->n];
    if (PRECIS_RESERVE(g->post_start, g->post_start_cap, tf->nterms + 1) != PRECIS_OK ||
        PRECIS_RESERVE(g->post_sentence, g->post_sentence_cap, entries) != PRECIS_OK ||
        PRECIS_RESERVE(g->post_weight, g->post_weight_cap, entries) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    size_t *post_start = g->post_start;
    uint32_t *post_sentence = g->post_sentence;
    double *post_weight = g->post_weight;
    const uint32_t *df = tf->df, *term = tf->term;
    const size_t *row = tf->row;
    const double *weight = tf->weight;
    size_t total = 0, skipped = 0;
    post_start[0] = 0;
    for (size_t t = 0; t < tf->nterms; t++) {
        skipped += df[t] > max_df;
        post_start[t + 1] = total;
        total += df[t] >= 2 && df[t] <= max_df ? df[t] : 0;
    }
    g->skipped_terms = skipped;
    for (size_t i = 0; i < tf->n; i++) {
        for (size_t k = row[i], end = row[i + 1]; k < end; k++) {
            uint32_t t = term[k];
            if (df[t] >= 2 && df[t] <= max_df) {
                size_t at = post_start[t + 1]++;
                post_sentence[at] = (uint32_t)i;
                post_weight[at] = weight[k];
            }
        }
    }
    return PRECIS_OK;
}

static int compare_index(const void *a, const void *b)
{
    size_t x = ((const precis_ranked *)a)->index;
    size_t y = ((const precis_ranked *)b)->index;
    return (x > y) - (x < y);
}

/* Turns the kept lists, which hold each row's neighbours after it (the
 * upper triangle; fill[r] counts the rows before r that hold r), into
 * whole rows: each row's list moves up to make room before it for the
 * rows that hold it (back to front, as every list moves to a place at or
 * after its own), and those are then put there in increasing order by
 * visiting the rows in order. */
static precis_status mirror_upper(precis_graph *g, size_t n)
{
    size_t upper = g->kept_start[n];
    if (upper > SIZE_MAX / 2)
        return PRECIS_ERR_NOMEM;
    size_t total = 2 * upper;
    if (PRECIS_RESERVE(g->kept_sentence, g->kept_sentence_cap, total) != PRECIS_OK ||
        PRECIS_RESERVE(g->kept_weight, g->kept_weight_cap, total) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    int *sentence = g->kept_sentence;
    double *weight = g->kept_weight;
    size_t end = total, old_end = upper;
    for (size_t r = n; r-- > 0;) {
        size_t old_start = g->kept_start[r], len = old_end - old_start;
        size_t to = end - len;
        memmove(sentence + to, sentence + old_start, len * sizeof *sentence);
        memmove(weight + to, weight + old_start, len * sizeof *weight);
        g->kept_start[r + 1] = end;
        end = to - g->fill[r];
        /* fill[r]: where the next row that holds r goes. */
        g->fill[r] = end;
        old_end = old_start;
    }
    g->kept_start[0] = 0;
    /* Row i's own list starts where its share from the rows before ends. */
    for (size_t i = 0; i < n; i++) {
        for (size_t x = g->fill[i]; x < g->kept_start[i + 1]; x++) {
            size_t at = g->fill[sentence[x]]++;
            sentence[at] = (int)i;
            weight[at] = weight[x];
        }
    }
    return PRECIS_OK;
}

/* Every row's neighbours when each keeps them all (an exact graph). The
 * two ends of an edge add the same products (of the weights of the terms
 * they share, in increasing term order) to the same sum, so each row
 * computes only its sums with the rows after it, and mirror_upper gives
 * them to the others: a term's postings are read from the row's own
 * place in them onwards (post_next[t], which moves one place per row that
 * holds t). The products go to acc[], zero for every sentence, and a scan
 * of the rows after in index order takes those of at least
 * PRECIS_MIN_SIMILARITY, sorted, and zeroes acc[] again: a sentence that
 * shares no term with the row keeps its 0 and a neighbour's sum starts
 * from 0 as a first touch would start it, the same sums without marks to
 * test or branches to mispredict. */
static precis_status collect_all_neighbours(precis_graph *g, const precis_tfidf *tf)
{
    size_t n = tf->n;
    if (PRECIS_RESERVE(g->post_next, g->post_next_cap, tf->nterms) != PRECIS_OK ||
        PRECIS_RESERVE(g->fill, g->fill_cap, n) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    size_t *next = g->post_next, *held_by = g->fill;
    memcpy(next, g->post_start, tf->nterms * sizeof *next);
    memset(held_by, 0, n * sizeof *held_by);
    double *acc = g->acc;
    memset(acc, 0, n * sizeof *acc);
    /* In locals, which the stores to next[] and acc[] could otherwise
     * alias. */
    const size_t *row = tf->row, *post_start = g->post_start;
    const uint32_t *term = tf->term, *post_sentence = g->post_sentence;
    const double *term_weight = tf->weight, *post_weight = g->post_weight;
    size_t nkept = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t e = row[i], row_end = row[i + 1]; e < row_end; e++) {
            uint32_t t = term[e];
            double w = term_weight[e];
            /* An indexed term's next posting is row i itself. */
            size_t p = next[t], end = post_start[t + 1];
            p += p < end;
            next[t] = p;
            for (; p < end; p++)
                acc[post_sentence[p]] += w * post_weight[p];
        }
        g->kept_start[i] = nkept;
        size_t after = n - i - 1;
        if (PRECIS_RESERVE(g->kept_sentence, g->kept_sentence_cap, nkept + after) != PRECIS_OK ||
            PRECIS_RESERVE(g->kept_weight, g->kept_weight_cap, nkept + after) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        int *sentence = g->kept_sentence + nkept;
        double *weight = g->kept_weight + nkept;
        size_t strong = 0;
        for (size_t j = i + 1; j < n; j++) {
            double a = acc[j];
            acc[j] = 0.0;
            sentence[strong] = (int)j;
            weight[strong] = a;
            size_t keep = a >= PRECIS_MIN_SIMILARITY;
            held_by[j] += keep;
            strong += keep;
        }
        nkept += strong;
    }
    g->kept_start[n] = nkept;
    return mirror_upper(g, n);
}

/* Sorts c[0, len) by index: a short list (a capped row's, at most
 * PRECIS_GRAPH_NEIGHBOURS) by insertion, for less than qsort's calls cost. */
static void sort_by_index(precis_ranked *c, size_t len)
{
    if (len > 64) {
        qsort(c, len, sizeof *c, compare_index);
        return;
    }
    for (size_t x = 1; x < len; x++) {
        precis_ranked item = c[x];
        size_t y = x;
        for (; y > 0 && c[y - 1].index > item.index; y--)
            c[y] = c[y - 1];
        c[y] = item;
    }
}

/* How many of a row's candidates are held at once while its k strongest
 * are picked, as a multiple of k. */
#define HELD_PER_KEPT 4

/* Every row's neighbours through the index: the sentences it shares an
 * indexed term with, at most k of them (the strongest, in heap.h's total
 * order), sorted. Without a branch that the postings decide, which would
 * mispredict on about every other one: the products go to acc[], zero
 * for every sentence between rows (so a sum starts from 0 as the exact
 * build's do), every posting is written to cand_index[] and kept there
 * when seen[] did not mark its sentence yet. The k strongest are then
 * picked through g->cand, which holds up to HELD_PER_KEPT * k: when it
 * fills, it keeps its k strongest and the last of those sets the floor
 * that a later candidate must reach (one below it ranks after k others);
 * each candidate is written there and kept when it reaches the floor. */
static precis_status collect_neighbours(precis_graph *g, const precis_tfidf *tf, size_t k)
{
    size_t n = tf->n;
    if (PRECIS_RESERVE(g->acc, g->acc_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(g->seen, g->seen_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(g->cand, g->cand_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(g->cand_index, g->cand_index_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(g->kept_start, g->kept_start_cap, n + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    if (k >= n)
        return collect_all_neighbours(g, tf);
    size_t room = k < n / HELD_PER_KEPT ? HELD_PER_KEPT * k : n;
    /* In locals, which the stores to seen[], acc[] and cand_index[] could
     * otherwise alias. */
    const size_t *row = tf->row, *post_start = g->post_start;
    const uint32_t *term = tf->term, *post_sentence = g->post_sentence;
    const double *term_weight = tf->weight, *post_weight = g->post_weight;
    double *acc = g->acc;
    uint32_t *seen = g->seen, *cand_index = g->cand_index;
    precis_ranked *held = g->cand;
    memset(seen, 0, n * sizeof *seen);
    memset(acc, 0, n * sizeof *acc);
    size_t nkept = 0;
    for (size_t i = 0; i < n; i++) {
        /* A mark already set keeps row i out of its own list. */
        uint32_t stamp = (uint32_t)i + 1;
        seen[i] = stamp;
        size_t m = 0;
        for (size_t e = row[i], row_end = row[i + 1]; e < row_end; e++) {
            uint32_t t = term[e];
            double w = term_weight[e];
            for (size_t p = post_start[t], end = post_start[t + 1]; p < end; p++) {
                uint32_t j = post_sentence[p];
                acc[j] += w * post_weight[p];
                cand_index[m] = j;
                m += seen[j] != stamp;
                seen[j] = stamp;
            }
        }
        acc[i] = 0.0;
        double floor = PRECIS_MIN_SIMILARITY;
        size_t strong = 0;
        for (size_t c = 0; c < m; c++) {
            uint32_t j = cand_index[c];
            double a = acc[j];
            acc[j] = 0.0;
            held[strong] = (precis_ranked){a, j};
            strong += a >= floor;
            if (strong == room) {
                floor = precis_select_best(held, strong, k).score;
                strong = k;
            }
        }
        if (strong > k) {
            if (k > 0)
                precis_select_best(held, strong, k);
            strong = k;
        }
        sort_by_index(held, strong);
        g->kept_start[i] = nkept;
        if (PRECIS_RESERVE(g->kept_sentence, g->kept_sentence_cap, nkept + strong) !=
                PRECIS_OK ||
            PRECIS_RESERVE(g->kept_weight, g->kept_weight_cap, nkept + strong) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        for (size_t c = 0; c < strong; c++) {
            g->kept_sentence[nkept + c] = (int)held[c].index;
            g->kept_weight[nkept + c] = held[c].score;
        }
        nkept += strong;
    }
    g->kept_start[n] = nkept;
    return PRECIS_OK;
}

/* Whether the kept list col[start, end) of row r holds sentence s. The
 * questions put to a row come in increasing s (the rows are visited in
 * order), so a cursor per row (offsets into its sorted list, zeroed
 * before a pass) only moves forward: a pass costs one step per kept edge,
 * not a search. */
static int row_keeps(const int *col, size_t start, size_t end, uint32_t *cursor, size_t r,
                     uint32_t s)
{
    size_t len = end - start;
    uint32_t c = cursor[r];
    while (c < len && (uint32_t)col[start + c] < s)
        c++;
    cursor[r] = c;
    return c < len && (uint32_t)col[start + c] == s;
}

/* For a capped graph, the weight the caps took from sentence r, to be
 * given back as a self-loop: its weighted degree in the exact graph,
 * sum over j != r of v_r . v_j = v_r . (sum_j v_j) - v_r . v_r (linear in
 * the postings, whatever the caps), less kept, the weight its row kept.
 * Every row then sums to its exact degree, so the undamped walk has the
 * exact graph's stationary distribution, and the ranking of a long
 * document stays close to what the exact graph would give. */
static double self_loop(const precis_graph *g, const precis_tfidf *tf, size_t r, double kept)
{
    double degree = 0.0;
    for (size_t e = tf->row[r]; e < tf->row[r + 1]; e++)
        degree += tf->weight[e] * (g->term_sum[tf->term[e]] - tf->weight[e]);
    return degree - kept >= PRECIS_MIN_SIMILARITY ? degree - kept : 0.0;
}

/* Row r of the matrix, in the room [start, end) of m's arrays: the slot
 * for a self-loop (with_slot), then the edges that only their other end
 * kept, sorted (placed there before, up to g->fill[r]), then row r's own
 * kept list, which ends the room. Merges the two lists from the back into
 * one sorted row after the slot (the union that makes the graph
 * symmetric; an edge that both ends kept takes row r's weight), the own
 * list first copied aside (to g->cand) as the merge writes over it, and
 * returns its length; its weights sum, in column order, to *sum. */
static size_t merge_row(const precis_graph *g, gsl_spmatrix *m, size_t r, size_t start,
                        size_t end, size_t with_slot, double *sum)
{
    size_t from = start + with_slot;
    size_t others = g->fill[r] - from;
    size_t own = end - g->kept_start[r];
    size_t len = others + own;
    precis_ranked *kept = g->cand;
    for (size_t c = 0; c < own; c++)
        kept[c] = (precis_ranked){m->data[g->kept_start[r] + c],
                                  (size_t)m->i[g->kept_start[r] + c]};
    for (size_t w = from + len; w-- > from;) {
        if (others > 0 && (own == 0 || (size_t)m->i[from + others - 1] > kept[own - 1].index)) {
            others--;
            m->i[w] = m->i[from + others];
            m->data[w] = m->data[from + others];
        } else {
            own--;
            m->i[w] = (int)kept[own].index;
            m->data[w] = kept[own].score;
        }
    }
    *sum = 0.0;
    for (size_t x = from; x < from + len; x++)
        *sum += m->data[x];
    return len;
}

/* Makes the kept lists (kept_start, kept_sentence, kept_weight) the
 * arrays of the matrix, resized to room_total entries: row r takes the
 * room from m->p[r] (fill[r] less the slot) up to the next row's, and its
 * list moves to the end of it, kept_start[r] becoming where it starts.
 * The arrays then belong to the matrix. */
static precis_status lists_to_matrix(precis_graph *g, size_t n, size_t room_total, size_t slot,
                                     gsl_spmatrix **out)
{
    size_t room = room_total > 0 ? room_total : 1;
    size_t held = g->kept_sentence_cap < g->kept_weight_cap ? g->kept_sentence_cap
                                                             : g->kept_weight_cap;
    if (!g->capped && held >= room && held <= (size_t)INT_MAX) {
        /* An exact graph's arrays keep their room: the next document
         * takes them back (reclaim_matrix). */
        room = held;
    } else {
        /* A shrink that fails keeps the larger array. */
        int *col = realloc(g->kept_sentence, room * sizeof *col);
        if (col == NULL && room > g->kept_sentence_cap)
            return PRECIS_ERR_NOMEM;
        if (col != NULL) {
            g->kept_sentence = col;
            g->kept_sentence_cap = room;
        }
        double *weight = realloc(g->kept_weight, room * sizeof *weight);
        if (weight == NULL && room > g->kept_weight_cap)
            return PRECIS_ERR_NOMEM;
        if (weight != NULL) {
            g->kept_weight = weight;
            g->kept_weight_cap = room;
        }
    }
    precis_status st = precis_csr_adopt(n, g->kept_sentence, g->kept_weight, room, out);
    if (st != PRECIS_OK)
        return st;
    gsl_spmatrix *m = *out;
    g->kept_sentence = NULL;
    g->kept_weight = NULL;
    g->kept_sentence_cap = 0;
    g->kept_weight_cap = 0;
    for (size_t r = 0; r < n; r++)
        m->p[r] = (int)(g->fill[r] - slot);
    m->p[n] = (int)room_total;
    /* Back to front: each list moves to a place at or after its own. */
    size_t end = g->kept_start[n];
    for (size_t r = n; r-- > 0;) {
        size_t start = g->kept_start[r], len = end - start;
        size_t to = (size_t)m->p[r + 1] - len;
        if (to != start) {
            memmove(m->i + to, m->i + start, len * sizeof *m->i);
            memmove(m->data + to, m->data + start, len * sizeof *m->data);
        }
        g->kept_start[r] = to;
        end = start;
    }
    g->kept_start[n] = room_total;
    return PRECIS_OK;
}

/* The symmetric matrix: row r is the union of row r's kept list and the
 * rows that kept r, plus a self-loop where the caps took weight. Made in
 * the kept lists' own arrays, without a copy of them or a transposed
 * one: every row gets room for its kept list, the edges only the other
 * end kept and a self-loop slot, its kept list moved to the end of it;
 * the edges of the second kind are put in place, each row is then merged
 * in its room and moved down to close the gaps that slots without a
 * self-loop leave. */
static precis_status fill_matrix(precis_graph *g, const precis_tfidf *tf, int capped)
{
    size_t n = tf->n;
    size_t slot = capped ? 1 : 0;
    if (PRECIS_RESERVE(g->fill, g->fill_cap, n) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    if (capped) {
        if (PRECIS_RESERVE(g->term_sum, g->term_sum_cap, tf->nterms) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        memset(g->term_sum, 0, tf->nterms * sizeof *g->term_sum);
        for (size_t e = 0; e < tf->row[n]; e++)
            g->term_sum[tf->term[e]] += tf->weight[e];
    }
    if (!capped) {
        /* Each kept list is then its row of the symmetric matrix: the two
         * ends of an edge add the same products (of the weights of the
         * terms they share, in increasing term order) to the same sum, so
         * each keeps the other or neither. */
        size_t total = g->kept_start[n];
        if (n > (size_t)INT_MAX - 1 || total > (size_t)INT_MAX)
            return PRECIS_ERR_TOO_LARGE;
        for (size_t r = 0; r < n; r++)
            g->fill[r] = g->kept_start[r];
        gsl_spmatrix *m;
        precis_status st = lists_to_matrix(g, n, total, 0, &m);
        if (st != PRECIS_OK)
            return st;
        m->nz = total;
        g->matrix = m;
        g->matrix_reusable = 1;
        g->nedges = total / 2;
        g->self_loops = 0;
        return PRECIS_OK;
    }
    /* fill[r] counts the edges only the other end kept, then becomes the
     * place of the next one. */
    memset(g->fill, 0, n * sizeof *g->fill);
    /* seen[] is free again: it holds the cursors of row_keeps. */
    uint32_t *cursor = g->seen;
    memset(cursor, 0, n * sizeof *cursor);
    const int *kept = g->kept_sentence;
    for (size_t i = 0; i < n; i++) {
        for (size_t e = g->kept_start[i]; e < g->kept_start[i + 1]; e++) {
            size_t j = (size_t)kept[e];
            if (!row_keeps(kept, g->kept_start[j], g->kept_start[j + 1], cursor, j,
                           (uint32_t)i))
                g->fill[j]++;
        }
    }
    size_t room = 0;
    for (size_t r = 0; r < n; r++) {
        size_t others = g->fill[r];
        g->fill[r] = room + slot;
        room += slot + others + (g->kept_start[r + 1] - g->kept_start[r]);
    }
    if (n > (size_t)INT_MAX - 1 || room > (size_t)INT_MAX)
        return PRECIS_ERR_TOO_LARGE;
    gsl_spmatrix *m;
    precis_status st = lists_to_matrix(g, n, room, slot, &m);
    if (st != PRECIS_OK)
        return st;
    /* Visiting rows in order leaves each row's share sorted. */
    memset(cursor, 0, n * sizeof *cursor);
    for (size_t i = 0; i < n; i++) {
        for (size_t e = g->kept_start[i]; e < (size_t)m->p[i + 1]; e++) {
            size_t j = (size_t)m->i[e];
            if (!row_keeps(m->i, g->kept_start[j], (size_t)m->p[j + 1], cursor, j,
                           (uint32_t)i)) {
                size_t at = g->fill[j]++;
                m->i[at] = (int)i;
                m->data[at] = m->data[e];
            }
        }
    }
    size_t at = 0, loops = 0;
    for (size_t r = 0; r < n; r++) {
        size_t start = (size_t)m->p[r];
        double sum;
        size_t len = merge_row(g, m, r, start, (size_t)m->p[r + 1], slot, &sum);
        double self = capped ? self_loop(g, tf, r, sum) : 0.0;
        m->p[r] = (int)at;
        if (at == start + slot && self <= 0.0) {
            at += len;
            continue;
        }
        /* Moving down is safe: at never passes the entry being read, and
         * the row ends before the next one's room. */
        int self_left = self > 0.0;
        loops += (size_t)self_left;
        for (size_t x = start + slot; x < start + slot + len; x++) {
            if (self_left && (size_t)m->i[x] > r) {
                m->i[at] = (int)r;
                m->data[at++] = self;
                self_left = 0;
            }
            m->i[at] = m->i[x];
            m->data[at++] = m->data[x];
        }
        if (self_left) {
            m->i[at] = (int)r;
            m->data[at++] = self;
        }
    }
    m->p[n] = (int)at;
    m->nz = at;
    g->matrix = m;
    g->nedges = (at - loops) / 2;
    g->self_loops = loops;
    return PRECIS_OK;
}

/* Releases the matrix of the last build. An exact graph's entry arrays
 * go back to the kept lists, whose room they were: a batch of documents
 * reuses them instead of growing new ones from nothing each time. A
 * capped graph's are freed: a long document's memory is not held for the
 * documents after it. */
static void reclaim_matrix(precis_graph *g)
{
    gsl_spmatrix *m = g->matrix;
    g->matrix = NULL;
    int reusable = g->matrix_reusable;
    g->matrix_reusable = 0;
    if (m == NULL)
        return;
    if (reusable && g->kept_sentence == NULL && g->kept_weight == NULL) {
        g->kept_sentence = m->i;
        g->kept_weight = m->data;
        g->kept_sentence_cap = m->nzmax;
        g->kept_weight_cap = m->nzmax;
        m->i = NULL;
        m->data = NULL;
    }
    precis_csr_free(m);
}

precis_status precis_graph_build_capped(precis_graph *g, const precis_tfidf *tf, size_t max_df,
                                        size_t neighbours)
{
    reclaim_matrix(g);
    g->nedges = 0;
    g->self_loops = 0;
    g->skipped_terms = 0;
    g->capped = max_df != SIZE_MAX || neighbours != SIZE_MAX;
    size_t n = tf->n;
    if (n == 0)
        return PRECIS_OK;
    /* seen[] stamps rows as i + 1 in a uint32_t. */
    if (n > (size_t)INT_MAX - 1 || n >= UINT32_MAX)
        return PRECIS_ERR_TOO_LARGE;
    precis_status st = build_index(g, tf, max_df);
    if (st == PRECIS_OK)
        st = collect_neighbours(g, tf, neighbours);
    if (st == PRECIS_OK)
        st = fill_matrix(g, tf, g->capped);
    if (g->capped)
        free_scratch(g);
    return st;
}

size_t precis_graph_neighbours(size_t n)
{
    if (n <= PRECIS_GRAPH_EXACT_SENTENCES)
        return SIZE_MAX;
    size_t k = PRECIS_GRAPH_KEPT_BUDGET / n;
    if (k > PRECIS_GRAPH_NEIGHBOURS)
        return PRECIS_GRAPH_NEIGHBOURS;
    return k < PRECIS_GRAPH_MIN_NEIGHBOURS ? PRECIS_GRAPH_MIN_NEIGHBOURS : k;
}

precis_status precis_graph_build(precis_graph *g, const precis_tfidf *tf)
{
    size_t max_df = tf->n <= PRECIS_GRAPH_EXACT_SENTENCES ? SIZE_MAX : PRECIS_GRAPH_MAX_DF;
    return precis_graph_build_capped(g, tf, max_df, precis_graph_neighbours(tf->n));
}
