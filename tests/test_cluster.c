/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_cluster.c - the neighbour graph of documents, label propagation and
 * merging down to N stories, on small hand-made vectors and graphs.
 */
#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>

#include "cluster.h"

/* Vectors of n documents from rows of (key, weight) pairs ending with a
 * key of UINT32_MAX. */
typedef struct test_vectors {
    size_t row[64];
    precis_docvec_entry entry[512];
    precis_docvecs v;
} test_vectors;

static void make_vectors(test_vectors *t, size_t n, const precis_docvec_entry *rows,
                         size_t nkeys)
{
    size_t at = 0, r = 0;
    for (size_t d = 0; d < n; d++) {
        t->row[d] = at;
        while (rows[r].key != UINT32_MAX)
            t->entry[at++] = rows[r++];
        r++;
    }
    t->row[n] = at;
    t->v = (precis_docvecs){n, t->row, t->entry, nkeys};
}

#define END {UINT32_MAX, 0.0f}

static void neighbours_through_the_index(void **state)
{
    (void)state;
    /* Documents 0 and 2 share terms 0 and 1, 1 and 3 share 2 and 3; 4
     * shares one term with 0 only, which is not enough. */
    static const precis_docvec_entry rows[] = {
        {0, 0.6f}, {2, 0.6f}, {10, 0.5f}, END,
        {4, 0.7f}, {6, 0.7f}, END,
        {0, 0.5f}, {2, 0.7f}, {12, 0.5f}, END,
        {4, 0.6f}, {6, 0.6f}, {14, 0.5f}, END,
        {0, 0.9f}, {16, 0.4f}, END,
    };
    test_vectors t;
    make_vectors(&t, 5, rows, 18);
    precis_doc_index ix = {0};
    assert_int_equal(precis_doc_index_build(&ix, &t.v), PRECIS_OK);
    precis_neighbour_finder f = {0};
    assert_int_equal(precis_neighbour_finder_reset(&f, 5), PRECIS_OK);
    precis_ranked out[PRECIS_CLUSTER_NEIGHBOURS];
    size_t count;
    assert_int_equal(precis_doc_neighbours(&f, &ix, &t.v, 0, out, &count), PRECIS_OK);
    assert_int_equal(count, 1);
    assert_int_equal(out[0].index, 2);
    assert_double_near(out[0].score, 0.6 * 0.5 + 0.6 * 0.7, 1e-6);
    assert_int_equal(precis_doc_neighbours(&f, &ix, &t.v, 3, out, &count), PRECIS_OK);
    assert_int_equal(count, 1);
    assert_int_equal(out[0].index, 1);
    assert_int_equal(precis_doc_neighbours(&f, &ix, &t.v, 4, out, &count), PRECIS_OK);
    assert_int_equal(count, 0);
    /* A finder readied for another set refuses. */
    assert_int_equal(precis_neighbour_finder_reset(&f, 4), PRECIS_OK);
    assert_int_equal(precis_doc_neighbours(&f, &ix, &t.v, 0, out, &count), PRECIS_ERR_ARGUMENT);
    precis_neighbour_finder_free(&f);
    precis_doc_index_free(&ix);
}

static void many_equals_keep_the_first(void **state)
{
    (void)state;
    /* 30 identical documents: each keeps the 20 first others. */
    enum { N = 30 };
    precis_docvec_entry rows[3 * N];
    for (size_t d = 0; d < N; d++) {
        rows[3 * d] = (precis_docvec_entry){0, 0.6f};
        rows[3 * d + 1] = (precis_docvec_entry){2, 0.8f};
        rows[3 * d + 2] = (precis_docvec_entry)END;
    }
    test_vectors t;
    make_vectors(&t, N, rows, 4);
    precis_doc_index ix = {0};
    assert_int_equal(precis_doc_index_build(&ix, &t.v), PRECIS_OK);
    /* Posting lists are cut at their head. */
    assert_int_equal(ix.start[1] - ix.start[0], N < PRECIS_CLUSTER_POSTINGS ? N : PRECIS_CLUSTER_POSTINGS);
    precis_neighbour_finder f = {0};
    assert_int_equal(precis_neighbour_finder_reset(&f, N), PRECIS_OK);
    precis_ranked lists[N * PRECIS_CLUSTER_NEIGHBOURS];
    size_t counts[N];
    for (size_t d = 0; d < N; d++) {
        assert_int_equal(precis_doc_neighbours(&f, &ix, &t.v, d,
                                               lists + d * PRECIS_CLUSTER_NEIGHBOURS,
                                               &counts[d]),
                         PRECIS_OK);
        assert_int_equal(counts[d], PRECIS_CLUSTER_NEIGHBOURS);
        size_t expect = 0;
        for (size_t c = 0; c < counts[d]; c++, expect++) {
            if (expect == d)
                expect++;
            assert_int_equal(lists[d * PRECIS_CLUSTER_NEIGHBOURS + c].index, expect);
        }
    }
    /* The graph is the union: document 0 is everyone's neighbour. */
    precis_doc_graph g = {0};
    assert_int_equal(precis_doc_graph_build(&g, N, lists, counts), PRECIS_OK);
    assert_int_equal(g.row[1] - g.row[0], N - 1);
    assert_int_equal(g.row[N] - g.row[N - 1], PRECIS_CLUSTER_NEIGHBOURS);
    for (size_t d = 0; d < N; d++)
        for (size_t e = g.row[d]; e + 1 < g.row[d + 1]; e++)
            assert_true(g.to[e] < g.to[e + 1]);
    uint32_t story[N];
    assert_int_equal(precis_cluster_propagate(&g, PRECIS_CLUSTER_THRESHOLD, story), PRECIS_OK);
    for (size_t d = 1; d < N; d++)
        assert_int_equal(story[d], story[0]);
    precis_doc_graph_free(&g);
    precis_neighbour_finder_free(&f);
    precis_doc_index_free(&ix);
}

/* A graph from symmetric edges (a, b, weight), a < b. */
typedef struct edge {
    size_t a, b;
    double w;
} edge;

static void make_graph(precis_doc_graph *g, size_t n, const edge *edges, size_t m)
{
    precis_ranked *lists = calloc(n * PRECIS_CLUSTER_NEIGHBOURS, sizeof *lists);
    size_t *counts = calloc(n, sizeof *counts);
    assert_non_null(lists);
    assert_non_null(counts);
    /* Each edge kept by its first end (edges are listed in order of b). */
    for (size_t e = 0; e < m; e++)
        lists[edges[e].a * PRECIS_CLUSTER_NEIGHBOURS + counts[edges[e].a]++] =
            (precis_ranked){edges[e].w, edges[e].b};
    assert_int_equal(precis_doc_graph_build(g, n, lists, counts), PRECIS_OK);
    free(lists);
    free(counts);
}

static void propagation_finds_dense_groups(void **state)
{
    (void)state;
    /* Two triangles joined by one edge above the threshold, another below
     * it, and a document of its own. */
    static const edge edges[] = {
        {0, 1, 0.8}, {0, 2, 0.7}, {1, 2, 0.9}, {2, 3, 0.35},
        {3, 4, 0.8}, {3, 5, 0.9}, {4, 5, 0.7}, {5, 6, 0.2},
    };
    precis_doc_graph g = {0};
    make_graph(&g, 7, edges, sizeof edges / sizeof edges[0]);
    uint32_t story[7];
    assert_int_equal(precis_cluster_propagate(&g, PRECIS_CLUSTER_THRESHOLD, story), PRECIS_OK);
    assert_int_equal(story[0], story[1]);
    assert_int_equal(story[1], story[2]);
    assert_int_equal(story[3], story[4]);
    assert_int_equal(story[4], story[5]);
    assert_true(story[0] != story[3]);
    assert_int_equal(story[6], 6);
    precis_doc_graph_free(&g);
}

static size_t count_stories(const uint32_t *story, size_t n)
{
    size_t count = 0;
    for (size_t d = 0; d < n; d++) {
        int seen = 0;
        for (size_t e = 0; e < d; e++)
            seen |= story[e] == story[d];
        count += !seen;
    }
    return count;
}

static void merging_by_average_link(void **state)
{
    (void)state;
    /* Stories {0, 1}, {2}, {3} and {4}, each edge below the threshold
     * between them: 2 is closer to {0, 1} on average (0.25) than 3 is to
     * 2 (0.2); 4 is linked to nobody. */
    static const edge edges[] = {
        {0, 1, 0.9}, {0, 2, 0.25}, {1, 2, 0.25}, {2, 3, 0.2},
    };
    precis_doc_graph g = {0};
    make_graph(&g, 5, edges, sizeof edges / sizeof edges[0]);
    uint32_t story[5];
    uint32_t lumped_label;
    int lumped;
    assert_int_equal(precis_cluster_propagate(&g, PRECIS_CLUSTER_THRESHOLD, story), PRECIS_OK);
    assert_int_equal(count_stories(story, 5), 4);
    uint32_t again[5];
    memcpy(again, story, sizeof again);
    assert_int_equal(precis_cluster_merge(&g, again, 4, &lumped_label, &lumped), PRECIS_OK);
    assert_memory_equal(again, story, sizeof again);
    assert_false(lumped);

    assert_int_equal(precis_cluster_merge(&g, story, 3, &lumped_label, &lumped), PRECIS_OK);
    assert_false(lumped);
    assert_int_equal(count_stories(story, 5), 3);
    assert_int_equal(story[2], story[0]);
    assert_true(story[3] != story[0]);

    assert_int_equal(precis_cluster_merge(&g, story, 2, &lumped_label, &lumped), PRECIS_OK);
    assert_false(lumped);
    assert_int_equal(story[3], story[0]);
    assert_true(story[4] != story[0]);

    /* One story: 4 shares nothing, so everything is lumped together. */
    assert_int_equal(precis_cluster_merge(&g, story, 1, &lumped_label, &lumped), PRECIS_OK);
    assert_true(lumped);
    assert_int_equal(count_stories(story, 5), 1);
    assert_int_equal(story[4], lumped_label);
    assert_int_equal(precis_cluster_merge(&g, story, 0, &lumped_label, &lumped),
                     PRECIS_ERR_ARGUMENT);
    precis_doc_graph_free(&g);
}

static void lumping_keeps_the_biggest(void **state)
{
    (void)state;
    /* A story of three, one of two, three of one, none linked. */
    static const edge edges[] = {
        {0, 1, 0.9}, {0, 2, 0.9}, {1, 2, 0.9}, {3, 4, 0.9},
    };
    precis_doc_graph g = {0};
    make_graph(&g, 8, edges, sizeof edges / sizeof edges[0]);
    uint32_t story[8];
    uint32_t lumped_label;
    int lumped;
    assert_int_equal(precis_cluster_propagate(&g, PRECIS_CLUSTER_THRESHOLD, story), PRECIS_OK);
    assert_int_equal(count_stories(story, 8), 5);
    assert_int_equal(precis_cluster_merge(&g, story, 3, &lumped_label, &lumped), PRECIS_OK);
    assert_true(lumped);
    assert_int_equal(count_stories(story, 8), 3);
    assert_true(story[0] != story[3] && story[3] != story[5] && story[0] != story[5]);
    for (size_t d = 5; d < 8; d++)
        assert_int_equal(story[d], lumped_label);
    precis_doc_graph_free(&g);
}

static void empty_graph(void **state)
{
    (void)state;
    precis_doc_graph g = {0};
    assert_int_equal(precis_doc_graph_build(&g, 0, NULL, NULL), PRECIS_OK);
    uint32_t story[1];
    uint32_t lumped_label;
    int lumped;
    assert_int_equal(precis_cluster_propagate(&g, PRECIS_CLUSTER_THRESHOLD, story), PRECIS_OK);
    assert_int_equal(precis_cluster_merge(&g, story, 1, &lumped_label, &lumped), PRECIS_OK);
    precis_doc_graph_free(&g);
    test_vectors t;
    make_vectors(&t, 0, NULL, 0);
    precis_doc_index ix = {0};
    assert_int_equal(precis_doc_index_build(&ix, &t.v), PRECIS_OK);
    precis_doc_index_free(&ix);
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test(neighbours_through_the_index),
        cmocka_unit_test(many_equals_keep_the_first),
        cmocka_unit_test(propagation_finds_dense_groups),
        cmocka_unit_test(merging_by_average_link),
        cmocka_unit_test(lumping_keeps_the_biggest),
        cmocka_unit_test(empty_graph),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
