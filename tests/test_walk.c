/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_walk.c - the matrices each algorithm walks on.
 */
#include "test_helpers.h"

#include <gsl/gsl_spmatrix.h>

#include "rank.h"
#include "walk.h"

#define N 4

/* A symmetric similarity graph of four sentences:
 *   0-1: 0.50, 0-2: 0.05, 1-3: 0.20, 2-3: 0.30 */
static gsl_spmatrix *example_graph(void)
{
    static const double edges[][3] = {{0, 1, 0.5}, {0, 2, 0.05}, {1, 3, 0.2}, {2, 3, 0.3}};
    gsl_spmatrix *coo = gsl_spmatrix_alloc(N, N);
    for (size_t e = 0; e < sizeof edges / sizeof edges[0]; e++) {
        gsl_spmatrix_set(coo, (size_t)edges[e][0], (size_t)edges[e][1], edges[e][2]);
        gsl_spmatrix_set(coo, (size_t)edges[e][1], (size_t)edges[e][0], edges[e][2]);
    }
    gsl_spmatrix *csr = gsl_spmatrix_compress(coo, GSL_SPMATRIX_CSR);
    gsl_spmatrix_free(coo);
    return csr;
}

/* Row `row` of the walk: its columns and the weights the walk reads. */
static void assert_row(const precis_walk *w, size_t row, const int *cols, const double *vals,
                       int count)
{
    const gsl_spmatrix *m = w->matrix;
    assert_int_equal(m->p[row + 1] - m->p[row], count);
    for (int k = 0; k < count; k++) {
        size_t at = (size_t)(m->p[row] + k);
        assert_int_equal(m->i[at], cols[k]);
        assert_double_near(vals[k], precis_walk_weight(w, row, at), 1e-15);
    }
}

static const unsigned char all[N] = {1, 1, 1, 1};

static void test_undirected_copy(void **state)
{
    (void)state;
    gsl_spmatrix *g = example_graph();
    precis_walk w = {0};
    precis_walk_shape shape = {0.0, 0, 0, 1.0};
    assert_int_equal(precis_walk_build(&w, g, N, all, &shape), PRECIS_OK);
    assert_ptr_equal(w.matrix, g);
    for (size_t i = 0; i < N; i++)
        for (size_t k = (size_t)g->p[i]; k < (size_t)g->p[i + 1]; k++)
            assert_true(precis_walk_weight(&w, i, k) == g->data[k]);
    precis_walk_free(&w);
    gsl_spmatrix_free(g);
}

static void test_candidates_only(void **state)
{
    (void)state;
    gsl_spmatrix *g = example_graph();
    precis_walk w = {0};
    const unsigned char candidate[N] = {1, 0, 1, 1};
    precis_walk_shape shape = {0.0, 0, 0, 1.0};
    assert_int_equal(precis_walk_build(&w, g, N, candidate, &shape), PRECIS_OK);
    /* Without self-loops the walk is the graph, read with other weights:
     * the edges it leaves out weigh 0, and the graph keeps its own. */
    assert_ptr_equal(w.matrix, g);
    assert_null(w.owned);
    assert_true(g->data[g->p[1]] == 0.5);
    assert_row(&w, 0, (const int[]){1, 2}, (const double[]){0, 0.05}, 2);
    assert_row(&w, 1, (const int[]){0, 3}, (const double[]){0, 0}, 2);
    assert_row(&w, 3, (const int[]){1, 2}, (const double[]){0, 0.3}, 2);
    /* With self-loops it has its own. */
    shape.self_loops = 1;
    assert_int_equal(precis_walk_build(&w, g, N, candidate, &shape), PRECIS_OK);
    assert_true(w.matrix != g && w.matrix == w.owned);
    assert_row(&w, 0, (const int[]){0, 2}, (const double[]){1, 0.05}, 2);
    assert_row(&w, 1, NULL, NULL, 0);
    assert_row(&w, 3, (const int[]){2, 3}, (const double[]){0.3, 1}, 2);
    precis_walk_free(&w);
    gsl_spmatrix_free(g);
}

static void test_directed(void **state)
{
    (void)state;
    gsl_spmatrix *g = example_graph();
    precis_walk w = {0};
    precis_walk_shape shape = {0.0, 0, 0, 0.25};
    assert_int_equal(precis_walk_build(&w, g, N, all, &shape), PRECIS_OK);
    /* A vote for a later sentence is scaled, a vote for an earlier one is
     * not. */
    assert_row(&w, 0, (const int[]){1, 2}, (const double[]){0.125, 0.0125}, 2);
    assert_row(&w, 1, (const int[]){0, 3}, (const double[]){0.5, 0.05}, 2);
    assert_row(&w, 3, (const int[]){1, 2}, (const double[]){0.2, 0.3}, 2);
    precis_walk_free(&w);
    gsl_spmatrix_free(g);
}

static void test_lexrank_links(void **state)
{
    (void)state;
    gsl_spmatrix *g = example_graph();
    precis_walk w = {0};
    precis_walk_shape shape = {0.1, 1, 1, 1.0};
    assert_int_equal(precis_walk_build(&w, g, N, all, &shape), PRECIS_OK);
    /* 0-2 falls under the threshold; every sentence links to itself, in
     * column order. */
    assert_row(&w, 0, (const int[]){0, 1}, (const double[]){1, 1}, 2);
    assert_row(&w, 1, (const int[]){0, 1, 3}, (const double[]){1, 1, 1}, 3);
    assert_row(&w, 2, (const int[]){2, 3}, (const double[]){1, 1}, 2);
    assert_row(&w, 3, (const int[]){1, 2, 3}, (const double[]){1, 1, 1}, 3);
    precis_walk_free(&w);
    gsl_spmatrix_free(g);
}

static void test_continuous_self_loops(void **state)
{
    (void)state;
    gsl_spmatrix *g = example_graph();
    precis_walk w = {0};
    precis_walk_shape shape = {0.0, 0, 1, 1.0};
    assert_int_equal(precis_walk_build(&w, g, N, all, &shape), PRECIS_OK);
    assert_row(&w, 2, (const int[]){0, 2, 3}, (const double[]){0.05, 1, 0.3}, 3);
    assert_row(&w, 3, (const int[]){1, 2, 3}, (const double[]){0.2, 0.3, 1}, 3);
    precis_walk_free(&w);
    gsl_spmatrix_free(g);
}

static void test_empty_and_bad(void **state)
{
    (void)state;
    precis_walk w = {0};
    precis_walk_shape shape = {0.0, 0, 0, 1.0};
    assert_int_equal(precis_walk_build(&w, NULL, 0, all, &shape), PRECIS_OK);
    assert_null(w.matrix);
    gsl_spmatrix *g = example_graph();
    assert_int_equal(precis_walk_build(&w, g, N - 1, all, &shape), PRECIS_ERR_ARGUMENT);
    precis_walk_free(&w);
    precis_walk_free(NULL);
    gsl_spmatrix_free(g);
}

/* Ranking a walk read through the graph gives the same bits as ranking a
 * matrix that holds the walk's weights, for the shapes the ranking reads
 * by a path of its own (the graph's weights, directed or not) and for
 * the others (thresholds, links). */
static void test_rank_same_as_materialized(void **state)
{
    (void)state;
    gsl_spmatrix *g = example_graph();
    const unsigned char candidate[N] = {1, 1, 0, 1};
    const precis_walk_shape shapes[] = {
        {0.0, 0, 0, 0.9}, {0.0, 0, 0, 1.0}, {0.1, 1, 0, 1.0}, {0.1, 0, 0, 0.5}};
    const double teleport[N] = {1.0 / 3, 1.0 / 3, 0.0, 1.0 / 3};
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
        precis_walk w = {0};
        assert_int_equal(precis_walk_build(&w, g, N, candidate, &shapes[s]), PRECIS_OK);
        gsl_spmatrix *coo = gsl_spmatrix_alloc(N, N);
        for (size_t i = 0; i < N; i++)
            for (size_t k = (size_t)g->p[i]; k < (size_t)g->p[i + 1]; k++)
                gsl_spmatrix_set(coo, i, (size_t)g->i[k], precis_walk_weight(&w, i, k));
        gsl_spmatrix *materialized = gsl_spmatrix_compress(coo, GSL_SPMATRIX_CSR);
        double derived[N], direct[N];
        precis_ranker r = {0};
        assert_int_equal(precis_rank_walk(&r, &w, N, 0.85, teleport, 1000, derived), PRECIS_OK);
        assert_int_equal(precis_rank(&r, materialized, N, 0.85, teleport, 1000, direct),
                         PRECIS_OK);
        assert_memory_equal(derived, direct, sizeof derived);
        assert_true(derived[2] == 0.0 && derived[0] > 0.0);
        precis_ranker_free(&r);
        gsl_spmatrix_free(materialized);
        gsl_spmatrix_free(coo);
        precis_walk_free(&w);
    }
    gsl_spmatrix_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_undirected_copy),
        cmocka_unit_test(test_candidates_only),
        cmocka_unit_test(test_directed),
        cmocka_unit_test(test_lexrank_links),
        cmocka_unit_test(test_continuous_self_loops),
        cmocka_unit_test(test_empty_and_bad),
        cmocka_unit_test(test_rank_same_as_materialized),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
