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

void precis_graph_free(precis_graph *g)
{
    if (g == NULL)
        return;
    precis_csr_free(g->matrix);
    free(g->post_start);
    free(g->post);
    free(g->acc);
    free(g->seen);
    free(g->cand);
    free(g->kept_start);
    free(g->kept);
    free(g->trans_start);
    free(g->trans);
    free(g->term_sum);
    free(g->self);
    memset(g, 0, sizeof *g);
}

/* start[0, count] holds bucket sizes in start[1, count]; turns them into
 * the offsets where each bucket begins. */
static void offsets_from_sizes(size_t *start, size_t count)
{
    start[0] = 0;
    for (size_t b = 0; b < count; b++)
        start[b + 1] += start[b];
}

/* After a fill that advanced start[b] to the end of bucket b (the start
 * of bucket b + 1), moves every offset back to its bucket's beginning. */
static void offsets_restore(size_t *start, size_t count)
{
    for (size_t b = count; b > 0; b--)
        start[b] = start[b - 1];
    start[0] = 0;
}

/* The inverted index: for every term held by at most max_df sentences, the
 * sentences that hold it in increasing order, with the term's weight in
 * each; other terms get empty lists. */
static precis_status build_index(precis_graph *g, const precis_tfidf *tf, size_t max_df)
{
    size_t entries = tf->row[tf->n];
    if (PRECIS_RESERVE(g->post_start, g->post_start_cap, tf->nterms + 1) != PRECIS_OK ||
        PRECIS_RESERVE(g->post, g->post_cap, entries) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    g->skipped_terms = 0;
    for (size_t t = 0; t < tf->nterms; t++) {
        int skip = tf->df[t] > max_df;
        g->skipped_terms += (size_t)skip;
        g->post_start[t + 1] = skip ? 0 : tf->df[t];
    }
    offsets_from_sizes(g->post_start, tf->nterms);
    for (size_t i = 0; i < tf->n; i++) {
        for (size_t k = tf->row[i]; k < tf->row[i + 1]; k++) {
            uint32_t t = tf->term[k];
            if (tf->df[t] <= max_df)
                g->post[g->post_start[t]++] = (precis_neighbour){(uint32_t)i, tf->weight[k]};
        }
    }
    offsets_restore(g->post_start, tf->nterms);
    return PRECIS_OK;
}

static int compare_index(const void *a, const void *b)
{
    size_t x = ((const precis_ranked *)a)->index;
    size_t y = ((const precis_ranked *)b)->index;
    return (x > y) - (x < y);
}

/* Every row's neighbours through the index: the sentences it shares an
 * indexed term with, at most k of them (the strongest), sorted. */
static precis_status collect_neighbours(precis_graph *g, const precis_tfidf *tf, size_t k)
{
    size_t n = tf->n;
    if (PRECIS_RESERVE(g->acc, g->acc_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(g->seen, g->seen_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(g->cand, g->cand_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(g->kept_start, g->kept_start_cap, n + 1) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    memset(g->seen, 0, n * sizeof *g->seen);
    size_t nkept = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t stamp = (uint32_t)i + 1;
        size_t m = 0;
        for (size_t e = tf->row[i]; e < tf->row[i + 1]; e++) {
            uint32_t t = tf->term[e];
            double w = tf->weight[e];
            for (size_t p = g->post_start[t]; p < g->post_start[t + 1]; p++) {
                uint32_t j = g->post[p].sentence;
                if (j == i)
                    continue;
                if (g->seen[j] != stamp) {
                    g->seen[j] = stamp;
                    g->acc[j] = 0.0;
                    g->cand[m++].index = j;
                }
                g->acc[j] += w * g->post[p].weight;
            }
        }
        size_t strong = 0;
        if (m <= k && m * 16 >= n) {
            /* Neighbours of a short document: reading the marks in index
             * order gives them sorted, for less than sorting costs. */
            for (uint32_t j = 0; j < n; j++)
                if (g->seen[j] == stamp && g->acc[j] >= PRECIS_MIN_SIMILARITY)
                    g->cand[strong++] = (precis_ranked){g->acc[j], j};
        } else {
            for (size_t c = 0; c < m; c++) {
                size_t j = g->cand[c].index;
                if (g->acc[j] >= PRECIS_MIN_SIMILARITY)
                    g->cand[strong++] = (precis_ranked){g->acc[j], j};
            }
            if (strong > k) {
                precis_keep_best(g->cand, strong, k);
                strong = k;
            }
            qsort(g->cand, strong, sizeof *g->cand, compare_index);
        }
        g->kept_start[i] = nkept;
        if (PRECIS_RESERVE(g->kept, g->kept_cap, nkept + strong) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        for (size_t c = 0; c < strong; c++)
            g->kept[nkept + c] = (precis_neighbour){(uint32_t)g->cand[c].index, g->cand[c].score};
        nkept += strong;
    }
    g->kept_start[n] = nkept;
    return PRECIS_OK;
}

/* The kept lists transposed: row j lists the rows that kept j. Visiting
 * rows in order leaves each transposed row sorted. */
static precis_status transpose_kept(precis_graph *g, size_t n)
{
    size_t nkept = g->kept_start[n];
    if (PRECIS_RESERVE(g->trans_start, g->trans_start_cap, n + 1) != PRECIS_OK ||
        PRECIS_RESERVE(g->trans, g->trans_cap, nkept) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    memset(g->trans_start, 0, (n + 1) * sizeof *g->trans_start);
    for (size_t e = 0; e < nkept; e++)
        g->trans_start[g->kept[e].sentence + 1]++;
    offsets_from_sizes(g->trans_start, n);
    for (size_t i = 0; i < n; i++) {
        for (size_t e = g->kept_start[i]; e < g->kept_start[i + 1]; e++) {
            size_t at = g->trans_start[g->kept[e].sentence]++;
            g->trans[at] = (precis_neighbour){(uint32_t)i, g->kept[e].weight};
        }
    }
    offsets_restore(g->trans_start, n);
    return PRECIS_OK;
}

/* Merges row r of the kept lists with row r of their transpose, both
 * sorted, into one sorted row without repeats: the union that makes the
 * graph symmetric, plus the self-loop r -> r when self is positive. Writes
 * into out when it is not NULL; returns the row's length
 * and stores the sum of its off-diagonal weights in *sum. */
static size_t merge_row(const precis_graph *g, size_t r, double self, precis_csr_builder *out,
                        double *sum)
{
    size_t a = g->kept_start[r], a_end = g->kept_start[r + 1];
    size_t b = g->trans_start[r], b_end = g->trans_start[r + 1];
    size_t count = 0;
    int self_left = self > 0.0;
    *sum = 0.0;
    while (a < a_end || b < b_end || self_left) {
        uint32_t col_a = a < a_end ? g->kept[a].sentence : UINT32_MAX;
        uint32_t col_b = b < b_end ? g->trans[b].sentence : UINT32_MAX;
        precis_neighbour next;
        if (self_left && r < col_a && r < col_b) {
            next = (precis_neighbour){(uint32_t)r, self};
            self_left = 0;
        } else if (col_a < col_b) {
            next = g->kept[a++];
        } else if (col_b < col_a) {
            next = g->trans[b++];
        } else {
            /* Both ends kept the edge; the two weights are the same sum. */
            next = g->kept[a++];
            b++;
        }
        if (next.sentence != r)
            *sum += next.weight;
        if (out != NULL)
            precis_csr_put(out, next.sentence, next.weight);
        count++;
    }
    return count;
}

/* For a capped graph, the weight the caps took from each sentence, to be
 * given back as a self-loop: its weighted degree in the exact graph,
 * sum over j != i of v_i . v_j = v_i . (sum_j v_j) - v_i . v_i (linear in
 * the postings, whatever the caps), less the weight its row kept. Every
 * row then sums to its exact degree, so the undamped walk has the exact
 * graph's stationary distribution, and the ranking of a long document
 * stays close to what the exact graph would give. */
static precis_status self_loops(precis_graph *g, const precis_tfidf *tf)
{
    size_t n = tf->n;
    if (PRECIS_RESERVE(g->self, g->self_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(g->term_sum, g->term_sum_cap, tf->nterms) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    memset(g->term_sum, 0, tf->nterms * sizeof *g->term_sum);
    for (size_t e = 0; e < tf->row[n]; e++)
        g->term_sum[tf->term[e]] += tf->weight[e];
    for (size_t r = 0; r < n; r++) {
        double degree = 0.0, kept;
        for (size_t e = tf->row[r]; e < tf->row[r + 1]; e++)
            degree += tf->weight[e] * (g->term_sum[tf->term[e]] - tf->weight[e]);
        merge_row(g, r, 0.0, NULL, &kept);
        g->self[r] = degree - kept >= PRECIS_MIN_SIMILARITY ? degree - kept : 0.0;
    }
    return PRECIS_OK;
}

static precis_status fill_matrix(precis_graph *g, size_t n, int with_self_loops)
{
    double sum;
    size_t nnz = 0, loops = 0;
    for (size_t r = 0; r < n; r++) {
        double self = with_self_loops ? g->self[r] : 0.0;
        nnz += merge_row(g, r, self, NULL, &sum);
        loops += self > 0.0;
    }
    gsl_spmatrix *m;
    precis_status st = precis_csr_new(n, nnz, &m);
    if (st != PRECIS_OK)
        return st;
    precis_csr_builder b = {m, 0};
    for (size_t r = 0; r < n; r++) {
        precis_csr_row(&b, r);
        merge_row(g, r, with_self_loops ? g->self[r] : 0.0, &b, &sum);
    }
    precis_csr_end(&b);
    g->matrix = m;
    g->nedges = (nnz - loops) / 2;
    g->self_loops = loops;
    return PRECIS_OK;
}

precis_status precis_graph_build_capped(precis_graph *g, const precis_tfidf *tf, size_t max_df,
                                        size_t neighbours)
{
    precis_csr_free(g->matrix);
    g->matrix = NULL;
    g->nedges = 0;
    g->self_loops = 0;
    g->skipped_terms = 0;
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
        st = transpose_kept(g, n);
    int capped = max_df != SIZE_MAX || neighbours != SIZE_MAX;
    if (st == PRECIS_OK && capped)
        st = self_loops(g, tf);
    if (st == PRECIS_OK)
        st = fill_matrix(g, n, capped);
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
