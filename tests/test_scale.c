/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_scale.c - the similarity graph of long documents: the caps on
 * frequent terms and on neighbours and the self-loops that keep each
 * sentence's exact degree, checked against a dense computation of every
 * cosine, and the bound the caps put on the size of the graph.
 */
#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "tfidf.h"

/* Sentence vectors made by hand: only the fields the graph reads. */
typedef struct vectors {
    precis_tfidf tf;
    size_t cap;
} vectors;

static uint32_t next_random(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

static void vectors_begin(vectors *v, size_t nterms)
{
    memset(v, 0, sizeof *v);
    v->tf.nterms = nterms;
    v->tf.df = calloc(nterms, sizeof *v->tf.df);
    v->tf.row = calloc(1, sizeof *v->tf.row);
    assert_non_null(v->tf.df);
    assert_non_null(v->tf.row);
}

/* Appends a sentence holding terms[0, count) (increasing, distinct) with
 * the given weights, L2-normalized. */
static void vectors_add(vectors *v, const uint32_t *terms, const double *weights, size_t count)
{
    precis_tfidf *tf = &v->tf;
    size_t at = tf->row[tf->n];
    if (at + count > v->cap) {
        v->cap = 2 * (at + count);
        tf->term = realloc(tf->term, v->cap * sizeof *tf->term);
        tf->weight = realloc(tf->weight, v->cap * sizeof *tf->weight);
        assert_non_null(tf->term);
        assert_non_null(tf->weight);
    }
    tf->row = realloc(tf->row, (tf->n + 2) * sizeof *tf->row);
    assert_non_null(tf->row);
    double norm = 0.0;
    for (size_t k = 0; k < count; k++)
        norm += weights[k] * weights[k];
    for (size_t k = 0; k < count; k++) {
        tf->term[at + k] = terms[k];
        tf->weight[at + k] = weights[k] / sqrt(norm);
        tf->df[terms[k]]++;
    }
    tf->n++;
    tf->row[tf->n] = at + count;
}

static void vectors_free(vectors *v)
{
    free(v->tf.row);
    free(v->tf.term);
    free(v->tf.weight);
    free(v->tf.df);
}

/* n sentences of 1 to 6 distinct terms out of nterms, drawn with a skew so
 * that low term ids are frequent, and weights from 1 to 4. */
static void random_vectors(vectors *v, size_t n, size_t nterms, uint32_t seed)
{
    vectors_begin(v, nterms);
    for (size_t i = 0; i < n; i++) {
        uint32_t terms[6];
        double weights[6];
        size_t count = 1 + next_random(&seed) % 6, have = 0;
        while (have < count) {
            uint32_t a = next_random(&seed) % (uint32_t)nterms;
            uint32_t t = a % (1 + next_random(&seed) % (uint32_t)nterms);
            size_t k = 0;
            while (k < have && terms[k] < t)
                k++;
            if (k < have && terms[k] == t)
                continue;
            memmove(terms + k + 1, terms + k, (have - k) * sizeof *terms);
            terms[k] = t;
            have++;
        }
        for (size_t k = 0; k < count; k++)
            weights[k] = 1.0 + next_random(&seed) % 4;
        vectors_add(v, terms, weights, count);
    }
}

/* The dot product of sentences i and j over the terms in at most max_df
 * sentences. */
static double dot(const precis_tfidf *tf, size_t i, size_t j, size_t max_df)
{
    double sum = 0.0;
    for (size_t a = tf->row[i]; a < tf->row[i + 1]; a++)
        for (size_t b = tf->row[j]; b < tf->row[j + 1]; b++)
            if (tf->term[a] == tf->term[b] && tf->df[tf->term[a]] <= max_df)
                sum += tf->weight[a] * tf->weight[b];
    return sum;
}

/* The value of entry (r, c), or 0 when the matrix does not hold it. */
static double entry(const gsl_spmatrix *m, size_t r, size_t c)
{
    for (int k = m->p[r]; k < m->p[r + 1]; k++)
        if ((size_t)m->i[k] == c)
            return m->data[k];
    return 0.0;
}

/* CSR with sorted columns, symmetric, self-loops only where allowed. */
static void check_layout(const gsl_spmatrix *m, size_t n, int loops_allowed)
{
    assert_non_null(m);
    assert_int_equal(m->sptype, GSL_SPMATRIX_CSR);
    assert_int_equal(m->size1, n);
    assert_int_equal((size_t)m->p[n], m->nz);
    for (size_t r = 0; r < n; r++) {
        for (int k = m->p[r]; k < m->p[r + 1]; k++) {
            assert_true(k == m->p[r] || m->i[k - 1] < m->i[k]);
            assert_true(m->data[k] > 0.0);
            if ((size_t)m->i[k] == r)
                assert_true(loops_allowed);
            else
                assert_true(entry(m, (size_t)m->i[k], r) == m->data[k]);
        }
    }
}

/* Whether j is among the k strongest neighbours of i in the dense
 * similarities (greater weight first, ties by position). */
static int among_strongest(const double *dense, size_t n, size_t i, size_t j, size_t k)
{
    double w = dense[i * n + j];
    if (w < PRECIS_MIN_SIMILARITY)
        return 0;
    size_t stronger = 0;
    for (size_t c = 0; c < n; c++) {
        double x = dense[i * n + c];
        if (c != i && c != j && x >= PRECIS_MIN_SIMILARITY && (x > w || (x == w && c < j)))
            stronger++;
    }
    return stronger < k;
}

/* Checks the graph built with these caps against every cosine: the edges
 * are those either end keeps, with their cosine over the terms left in;
 * a capped graph gives every sentence a self-loop so that its row sums to
 * its degree in the exact graph. */
static void check_against_dense(const precis_tfidf *tf, size_t max_df, size_t neighbours)
{
    size_t n = tf->n;
    int capped = max_df != SIZE_MAX || neighbours != SIZE_MAX;
    precis_graph g = {0};
    assert_int_equal(precis_graph_build_capped(&g, tf, max_df, neighbours), PRECIS_OK);
    check_layout(g.matrix, n, capped);
    double *dense = calloc(n * n, sizeof *dense);
    assert_non_null(dense);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            dense[i * n + j] = i == j ? 0.0 : dot(tf, i, j, max_df);
    size_t edges = 0, loops = 0;
    for (size_t i = 0; i < n; i++) {
        double degree = 0.0, row_sum = 0.0;
        for (size_t j = 0; j < n; j++) {
            degree += i == j ? 0.0 : dot(tf, i, j, SIZE_MAX);
            row_sum += entry(g.matrix, i, j);
        }
        assert_double_near(degree, row_sum, 1e-9);
        loops += entry(g.matrix, i, i) > 0.0;
        for (size_t j = i + 1; j < n; j++) {
            int want = among_strongest(dense, n, i, j, neighbours) ||
                       among_strongest(dense, n, j, i, neighbours);
            double got = entry(g.matrix, i, j);
            if (want) {
                assert_double_near(dense[i * n + j], got, 1e-12);
                edges++;
            } else {
                assert_true(got == 0.0);
            }
        }
    }
    assert_true(capped || loops == 0);
    assert_int_equal(g.nedges, edges);
    assert_int_equal(g.self_loops, loops);
    assert_int_equal(g.matrix->nz, 2 * edges + loops);
    free(dense);
    precis_graph_free(&g);
}

static void uncapped_graph_is_every_cosine(void **state)
{
    (void)state;
    vectors v;
    random_vectors(&v, 120, 40, 7);
    check_against_dense(&v.tf, SIZE_MAX, SIZE_MAX);
    vectors_free(&v);
}

static void neighbour_cap_keeps_the_strongest_of_either_end(void **state)
{
    (void)state;
    static const size_t caps[] = {1, 2, 5, 20};
    vectors v;
    random_vectors(&v, 150, 30, 11);
    for (size_t c = 0; c < sizeof caps / sizeof caps[0]; c++)
        check_against_dense(&v.tf, SIZE_MAX, caps[c]);
    vectors_free(&v);
}

static void frequent_terms_are_left_out(void **state)
{
    (void)state;
    vectors v;
    random_vectors(&v, 150, 30, 23);
    size_t max_df = 12, frequent = 0;
    for (size_t t = 0; t < v.tf.nterms; t++)
        frequent += v.tf.df[t] > max_df;
    assert_true(frequent > 0); /* the cap has something to leave out */
    check_against_dense(&v.tf, max_df, SIZE_MAX);
    check_against_dense(&v.tf, max_df, 3);

    precis_graph g = {0};
    assert_int_equal(precis_graph_build_capped(&g, &v.tf, max_df, SIZE_MAX), PRECIS_OK);
    assert_int_equal(g.skipped_terms, frequent);
    precis_graph_free(&g);
    vectors_free(&v);
}

/* Identical sentences tie everywhere: each keeps the earliest others. */
static void ties_keep_the_earliest(void **state)
{
    (void)state;
    static const uint32_t terms[] = {0, 1};
    static const double weights[] = {1.0, 2.0};
    vectors v;
    vectors_begin(&v, 2);
    for (size_t i = 0; i < 30; i++)
        vectors_add(&v, terms, weights, 2);
    precis_graph g = {0};
    assert_int_equal(precis_graph_build_capped(&g, &v.tf, SIZE_MAX, 3), PRECIS_OK);
    check_layout(g.matrix, 30, 1);
    /* Rows 0 to 3 keep the other three of them; every later row keeps 0,
     * 1 and 2, so those three are linked to everyone and the rest to no
     * one else. */
    for (size_t i = 3; i < 30; i++)
        for (size_t j = 0; j < 3; j++)
            assert_true(entry(g.matrix, i, j) > 0.0);
    for (size_t i = 4; i < 30; i++)
        for (size_t j = 4; j < 30; j++)
            assert_true(i == j || entry(g.matrix, i, j) == 0.0);
    /* Each of those rows lost 26 of its 29 unit weights to the cap. */
    for (size_t i = 4; i < 30; i++)
        assert_double_near(26.0, entry(g.matrix, i, i), 1e-9);
    check_against_dense(&v.tf, SIZE_MAX, 3);
    precis_graph_free(&g);
    vectors_free(&v);
}

/* A long document where one term is in every sentence and a few in many:
 * past PRECIS_GRAPH_EXACT_SENTENCES the caps apply and bound the graph. */
static void long_document_graph_is_bounded(void **state)
{
    (void)state;
    size_t n = 40000;
    vectors v;
    vectors_begin(&v, 2000);
    uint32_t seed = 5;
    for (size_t i = 0; i < n; i++) {
        uint32_t terms[4] = {0, 1 + (uint32_t)(i % 3), 0, 0};
        uint32_t a = 4 + next_random(&seed) % 1996, b = 4 + next_random(&seed) % 1996;
        terms[2] = a < b ? a : b;
        terms[3] = a < b ? b : a;
        static const double weights[] = {1.0, 1.0, 3.0, 3.0};
        vectors_add(&v, terms, weights, a == b ? 3 : 4);
    }
    precis_graph g = {0};
    assert_int_equal(precis_graph_build(&g, &v.tf), PRECIS_OK);
    check_layout(g.matrix, n, 1);
    assert_true(g.self_loops > 0);
    assert_int_equal(g.skipped_terms, 4); /* term 0 and the three of i % 3 */
    assert_true(g.nedges > 0);
    assert_int_equal(precis_graph_neighbours(n), PRECIS_GRAPH_NEIGHBOURS);
    assert_true(g.matrix->nz <= 2 * n * PRECIS_GRAPH_NEIGHBOURS + n);
    for (size_t r = 0; r < n; r++)
        assert_true((size_t)(g.matrix->p[r + 1] - g.matrix->p[r]) >= 1);
    /* The build's scratch is gone before the ranking needs the memory. */
    assert_null(g.post_sentence);
    assert_null(g.kept_sentence);
    assert_null(g.kept_weight);
    assert_null(g.acc);

    /* A short document in the same scratch memory is exact again. */
    vectors small;
    random_vectors(&small, 50, 10, 3);
    assert_int_equal(precis_graph_build(&g, &small.tf), PRECIS_OK);
    precis_graph exact = {0};
    assert_int_equal(precis_graph_build_capped(&exact, &small.tf, SIZE_MAX, SIZE_MAX),
                     PRECIS_OK);
    assert_int_equal(g.matrix->nz, exact.matrix->nz);
    assert_memory_equal(g.matrix->i, exact.matrix->i, g.matrix->nz * sizeof(int));
    assert_memory_equal(g.matrix->data, exact.matrix->data, g.matrix->nz * sizeof(double));
    precis_graph_free(&exact);
    precis_graph_free(&g);
    vectors_free(&small);
    vectors_free(&v);
}

/* Past the budget, k shrinks in proportion, down to its floor. */
static void neighbour_count_follows_the_budget(void **state)
{
    (void)state;
    assert_int_equal(precis_graph_neighbours(PRECIS_GRAPH_EXACT_SENTENCES), SIZE_MAX);
    assert_int_equal(precis_graph_neighbours(PRECIS_GRAPH_EXACT_SENTENCES + 1),
                     PRECIS_GRAPH_NEIGHBOURS);
    size_t full = PRECIS_GRAPH_KEPT_BUDGET / PRECIS_GRAPH_NEIGHBOURS;
    assert_int_equal(precis_graph_neighbours(full), PRECIS_GRAPH_NEIGHBOURS);
    assert_int_equal(precis_graph_neighbours(2 * full), PRECIS_GRAPH_NEIGHBOURS / 2);
    for (size_t n = full; n < 8 * full; n += full / 7)
        assert_true(n * precis_graph_neighbours(n) <= PRECIS_GRAPH_KEPT_BUDGET);
    assert_int_equal(precis_graph_neighbours(PRECIS_GRAPH_KEPT_BUDGET),
                     PRECIS_GRAPH_MIN_NEIGHBOURS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(uncapped_graph_is_every_cosine),
        cmocka_unit_test(neighbour_cap_keeps_the_strongest_of_either_end),
        cmocka_unit_test(frequent_terms_are_left_out),
        cmocka_unit_test(ties_keep_the_earliest),
        cmocka_unit_test(long_document_graph_is_bounded),
        cmocka_unit_test(neighbour_count_follows_the_budget),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
