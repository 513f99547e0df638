/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_rank.c - known answers for the PageRank power iteration.
 *
 * Two oracles that do not share code with the ranker: on a symmetric
 * graph the undamped walk's stationary vector is the normalized weighted
 * degree, and on any small graph it is the eigenvector for eigenvalue 1 of
 * the dense Google matrix, which GSL's dense non-symmetric eigensolver
 * finds independently of the power iteration.
 */
#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

#include "rank.h"
#include "walk.h"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_NODES 8
#define MANY_ITERATIONS 100000

typedef struct arc {
    size_t from, to;
    double weight;
} arc;

/* A graph as the tests describe it: arcs, both ways when symmetric. */
typedef struct graph {
    const char *name;
    size_t n;
    int symmetric;
    size_t narcs;
    arc arcs[16];
} graph;

/* The dense weight matrix of g. */
static void dense_weights(const graph *g, double w[MAX_NODES][MAX_NODES])
{
    memset(w, 0, sizeof(double) * MAX_NODES * MAX_NODES);
    for (size_t k = 0; k < g->narcs; k++) {
        w[g->arcs[k].from][g->arcs[k].to] = g->arcs[k].weight;
        if (g->symmetric)
            w[g->arcs[k].to][g->arcs[k].from] = g->arcs[k].weight;
    }
}

/* g as a GSL CSR matrix: a triplet matrix compressed. */
static gsl_spmatrix *make_csr(const graph *g)
{
    double w[MAX_NODES][MAX_NODES];
    dense_weights(g, w);
    gsl_spmatrix *coo = gsl_spmatrix_alloc(g->n, g->n);
    assert_non_null(coo);
    for (size_t i = 0; i < g->n; i++)
        for (size_t j = 0; j < g->n; j++)
            if (w[i][j] != 0.0)
                assert_int_equal(gsl_spmatrix_set(coo, i, j, w[i][j]), 0);
    gsl_spmatrix *csr = gsl_spmatrix_compress(coo, GSL_SPMATRIX_CSR);
    assert_non_null(csr);
    gsl_spmatrix_free(coo);
    return csr;
}

/* The stationary vector of the Google matrix
 *   G = d P^T + d t a^T + (1 - d) t 1^T
 * where P is W with rows scaled to sum 1, a marks the dangling nodes (no
 * out-weight) and t is the teleport distribution (uniform when NULL), over
 * which dangling mass spreads too:
 * the eigenvector of eigenvalue 1, real part, scaled to sum 1. */
static void dense_oracle(const graph *g, double d, const double *teleport, double *out)
{
    size_t n = g->n;
    double w[MAX_NODES][MAX_NODES], degree[MAX_NODES];
    dense_weights(g, w);
    for (size_t i = 0; i < n; i++) {
        degree[i] = 0.0;
        for (size_t j = 0; j < n; j++)
            degree[i] += w[i][j];
    }
    gsl_matrix *google = gsl_matrix_alloc(n, n);
    for (size_t i = 0; i < n; i++) {
        double t = teleport != NULL ? teleport[i] : 1.0 / (double)n;
        for (size_t j = 0; j < n; j++) {
            /* A dangling row sends its mass where the teleport does. */
            double walk = degree[j] > 0.0 ? w[j][i] / degree[j] : t;
            gsl_matrix_set(google, i, j, d * walk + (1.0 - d) * t);
        }
    }
    gsl_vector_complex *eval = gsl_vector_complex_alloc(n);
    gsl_matrix_complex *evec = gsl_matrix_complex_alloc(n, n);
    gsl_eigen_nonsymmv_workspace *ws = gsl_eigen_nonsymmv_alloc(n);
    assert_int_equal(gsl_eigen_nonsymmv(google, eval, evec, ws), 0);

    size_t best = 0;
    for (size_t k = 1; k < n; k++) {
        gsl_complex a = gsl_vector_complex_get(eval, k), b = gsl_vector_complex_get(eval, best);
        if (hypot(GSL_REAL(a) - 1.0, GSL_IMAG(a)) < hypot(GSL_REAL(b) - 1.0, GSL_IMAG(b)))
            best = k;
    }
    gsl_complex lambda = gsl_vector_complex_get(eval, best);
    assert_double_near(1.0, GSL_REAL(lambda), 1e-9);
    assert_double_near(0.0, GSL_IMAG(lambda), 1e-9);
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum += GSL_REAL(gsl_matrix_complex_get(evec, i, best));
    assert_true(fabs(sum) > 1e-12);
    for (size_t i = 0; i < n; i++) {
        gsl_complex v = gsl_matrix_complex_get(evec, i, best);
        out[i] = GSL_REAL(v) / sum;
        assert_double_near(0.0, GSL_IMAG(v) / sum, 1e-9);
    }
    gsl_eigen_nonsymmv_free(ws);
    gsl_matrix_complex_free(evec);
    gsl_vector_complex_free(eval);
    gsl_matrix_free(google);
}

/* Ranks g and returns the status; scores gets the vector. */
static precis_status rank_graph(precis_ranker *r, const graph *g, double d, const double *teleport,
                                size_t max_iterations, double *scores)
{
    gsl_spmatrix *m = make_csr(g);
    precis_status st = precis_rank(r, m, g->n, d, teleport, max_iterations, scores);
    gsl_spmatrix_free(m);
    return st;
}

static void assert_distribution(const double *x, size_t n)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        assert_true(x[i] >= 0.0);
        sum += x[i];
    }
    assert_double_near(1.0, sum, 1e-12);
}

/* Connected, with a triangle (so not bipartite), weighted. */
static const graph triangle_tail = {"triangle with a tail", 5, 1, 6,
                                    {{0, 1, 0.5}, {1, 2, 1.2}, {0, 2, 0.3}, {2, 3, 0.7},
                                     {3, 4, 2.0}, {1, 4, 0.1}}};

static const graph complete4 = {"weighted K4", 4, 1, 6,
                                {{0, 1, 1.0}, {0, 2, 0.25}, {0, 3, 3.0}, {1, 2, 0.5},
                                 {1, 3, 0.75}, {2, 3, 2.0}}};

/* Node 4 has no edges: a dangling node. */
static const graph with_dangling = {"four-cycle and an isolated node", 5, 1, 4,
                                    {{0, 1, 1.0}, {1, 2, 2.0}, {2, 3, 0.5}, {0, 3, 1.0}}};

/* Directed and not symmetric: node 5 only receives (dangling), node 4
 * only sends. */
static const graph directed = {"directed", 6, 0, 7,
                               {{0, 1, 1.0}, {1, 2, 2.0}, {2, 0, 1.0}, {2, 3, 0.5},
                                {3, 1, 1.0}, {4, 0, 1.0}, {1, 5, 0.3}}};

static const graph star = {"star", 5, 1, 4, {{0, 1, 1.0}, {0, 2, 1.0}, {0, 3, 2.0}, {0, 4, 0.5}}};

static const graph pair = {"one edge", 2, 1, 1, {{0, 1, 0.4}}};

static const graph single = {"one node", 1, 1, 0, {{0, 0, 0.0}}};

static const graph no_edges = {"four nodes, no edges", 4, 1, 0, {{0, 0, 0.0}}};

/* Bipartite: 1 - 0 - 2. Period 2 for the undamped walk. */
static const graph path3 = {"path of three", 3, 1, 2, {{0, 1, 1.0}, {0, 2, 1.0}}};

/* (a) Undamped on a symmetric connected non-bipartite graph: deg / sum. */
static void test_undamped_is_degree(void **state)
{
    (void)state;
    const graph *graphs[] = {&triangle_tail, &complete4};
    precis_ranker r = {0};
    for (size_t k = 0; k < NELEMS(graphs); k++) {
        const graph *g = graphs[k];
        double w[MAX_NODES][MAX_NODES], degree[MAX_NODES], total = 0.0, scores[MAX_NODES];
        dense_weights(g, w);
        for (size_t i = 0; i < g->n; i++) {
            degree[i] = 0.0;
            for (size_t j = 0; j < g->n; j++)
                degree[i] += w[i][j];
            total += degree[i];
        }
        assert_int_equal(rank_graph(&r, g, 1.0, NULL, MANY_ITERATIONS, scores), PRECIS_OK);
        assert_true(r.iterations > 1);
        for (size_t i = 0; i < g->n; i++)
            assert_double_near(degree[i] / total, scores[i], 1e-9);
        assert_distribution(scores, g->n);
    }
    precis_ranker_free(&r);
}

/* (b) Damped 0.85 against the dense eigenvector. */
static void test_damped_matches_eigenvector(void **state)
{
    (void)state;
    const graph *graphs[] = {&triangle_tail, &complete4, &with_dangling, &directed,
                             &star,          &pair,      &single};
    precis_ranker r = {0};
    for (size_t k = 0; k < NELEMS(graphs); k++) {
        const graph *g = graphs[k];
        double scores[MAX_NODES], expected[MAX_NODES];
        dense_oracle(g, 0.85, NULL, expected);
        precis_status st = rank_graph(&r, g, 0.85, NULL, PRECIS_RANK_MAX_ITERATIONS, scores);
        if (st != PRECIS_OK)
            print_error("%s: status %d\n", g->name, st);
        assert_int_equal(st, PRECIS_OK);
        for (size_t i = 0; i < g->n; i++) {
            if (fabs(expected[i] - scores[i]) > 1e-9)
                print_error("%s: node %zu\n", g->name, i);
            assert_double_near(expected[i], scores[i], 1e-9);
        }
        assert_distribution(scores, g->n);
    }
    precis_ranker_free(&r);
}

/* The oracle itself on cases worked by hand, so that a wrong oracle
 * cannot vouch for a wrong ranker. On one edge both ends get 1/2. */
static void test_oracle_sanity(void **state)
{
    (void)state;
    double expected[MAX_NODES];
    dense_oracle(&pair, 0.85, NULL, expected);
    assert_double_near(0.5, expected[0], 1e-12);
    assert_double_near(0.5, expected[1], 1e-12);
    /* One edge and one isolated node, worked by hand: the pair's nodes a
     * and the isolated node b satisfy b = 0.85 b / 3 + 0.05, so b = 3/43
     * and a = 20/43. */
    const graph pair_and_one = {"pair and one", 3, 1, 1, {{0, 1, 1.0}}};
    dense_oracle(&pair_and_one, 0.85, NULL, expected);
    assert_double_near(20.0 / 43.0, expected[0], 1e-12);
    assert_double_near(20.0 / 43.0, expected[1], 1e-12);
    assert_double_near(3.0 / 43.0, expected[2], 1e-12);
    precis_ranker r = {0};
    double scores[MAX_NODES];
    assert_int_equal(rank_graph(&r, &pair_and_one, 0.85, NULL, PRECIS_RANK_MAX_ITERATIONS, scores),
                     PRECIS_OK);
    assert_double_near(20.0 / 43.0, scores[0], 1e-9);
    assert_double_near(3.0 / 43.0, scores[2], 1e-9);
    precis_ranker_free(&r);
}

/* (c) Without edges every node is dangling: the vector stays uniform. */
static void test_no_edges_is_uniform(void **state)
{
    (void)state;
    static const double dampings[] = {0.0, 0.5, 0.85, 1.0};
    precis_ranker r = {0};
    for (size_t k = 0; k < NELEMS(dampings); k++) {
        double scores[MAX_NODES];
        assert_int_equal(rank_graph(&r, &no_edges, dampings[k], NULL, 100, scores), PRECIS_OK);
        for (size_t i = 0; i < no_edges.n; i++)
            assert_double_near(0.25, scores[i], 1e-15);
    }
    double one = 0.0;
    assert_int_equal(rank_graph(&r, &single, 0.85, NULL, 100, &one), PRECIS_OK);
    assert_double_near(1.0, one, 1e-15);
    precis_ranker_free(&r);
}

/* (d) A custom teleport distribution. */
static void test_teleport(void **state)
{
    (void)state;
    static const double teleport[] = {0.4, 0.3, 0.1, 0.1, 0.1, 0.0};
    double expected[MAX_NODES], uniform[MAX_NODES], scores[MAX_NODES];
    dense_oracle(&directed, 0.85, teleport, expected);
    dense_oracle(&directed, 0.85, NULL, uniform);
    /* The teleport must matter, or this test would prove nothing. */
    double differs = 0.0;
    for (size_t i = 0; i < directed.n; i++)
        differs = fmax(differs, fabs(expected[i] - uniform[i]));
    assert_true(differs > 1e-3);

    precis_ranker r = {0};
    assert_int_equal(rank_graph(&r, &directed, 0.85, teleport, PRECIS_RANK_MAX_ITERATIONS, scores),
                     PRECIS_OK);
    for (size_t i = 0; i < directed.n; i++)
        assert_double_near(expected[i], scores[i], 1e-9);
    assert_distribution(scores, directed.n);

    /* With damping 0 the walk is the teleport alone. */
    assert_int_equal(rank_graph(&r, &directed, 0.0, teleport, 100, scores), PRECIS_OK);
    for (size_t i = 0; i < directed.n; i++)
        assert_double_near(teleport[i], scores[i], 1e-15);

    /* And on a graph with a dangling node. */
    static const double teleport5[] = {0.05, 0.05, 0.1, 0.2, 0.6};
    dense_oracle(&with_dangling, 0.85, teleport5, expected);
    assert_int_equal(
        rank_graph(&r, &with_dangling, 0.85, teleport5, PRECIS_RANK_MAX_ITERATIONS, scores),
        PRECIS_OK);
    for (size_t i = 0; i < with_dangling.n; i++)
        assert_double_near(expected[i], scores[i], 1e-9);
    precis_ranker_free(&r);
}

/* (e) A periodic walk never settles: the cap is reported, and the last
 * iterate is still a distribution. */
static void test_periodic_no_convergence(void **state)
{
    (void)state;
    precis_ranker r = {0};
    double scores[MAX_NODES];

    /* From uniform, the path's middle node alternates 2/3 and 1/3. */
    assert_int_equal(rank_graph(&r, &path3, 1.0, NULL, 50, scores), PRECIS_ERR_NO_CONVERGENCE);
    assert_int_equal(r.iterations, 50);
    assert_distribution(scores, path3.n);

    /* A 2-cycle started away from uniform swaps its two values forever. */
    static const double start[] = {0.9, 0.1};
    assert_int_equal(rank_graph(&r, &pair, 1.0, start, 20, scores), PRECIS_ERR_NO_CONVERGENCE);
    assert_int_equal(r.iterations, 20);
    assert_distribution(scores, pair.n);

    /* Damping breaks the period: the same graphs converge. */
    assert_int_equal(rank_graph(&r, &path3, 0.85, NULL, PRECIS_RANK_MAX_ITERATIONS, scores),
                     PRECIS_OK);
    assert_true(r.iterations < PRECIS_RANK_MAX_ITERATIONS);
    /* (there the start is also the teleport: a = 0.85 (1 - a) + 0.15 * 0.9) */
    assert_int_equal(rank_graph(&r, &pair, 0.85, start, PRECIS_RANK_MAX_ITERATIONS, scores),
                     PRECIS_OK);
    assert_double_near(0.985 / 1.85, scores[0], 1e-9);
    precis_ranker_free(&r);
}

/* (f) Arguments. */
static void test_invalid_arguments(void **state)
{
    (void)state;
    precis_ranker r = {0};
    double scores[MAX_NODES];
    gsl_spmatrix *m = make_csr(&complete4);

    assert_int_equal(precis_rank(&r, m, 3, 0.85, NULL, 100, scores), PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_rank(&r, m, 5, 0.85, NULL, 100, scores), PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_rank(&r, NULL, 4, 0.85, NULL, 100, scores), PRECIS_ERR_ARGUMENT);
    static const double bad_damping[] = {-0.1, -1e-300, 1.0000001, 2.0, NAN, INFINITY};
    for (size_t k = 0; k < NELEMS(bad_damping); k++)
        assert_int_equal(precis_rank(&r, m, 4, bad_damping[k], NULL, 100, scores),
                         PRECIS_ERR_ARGUMENT);
    /* The bounds themselves are allowed. */
    assert_int_equal(precis_rank(&r, m, 4, 0.0, NULL, 100, scores), PRECIS_OK);
    assert_int_equal(precis_rank(&r, m, 4, 1.0, NULL, MANY_ITERATIONS, scores), PRECIS_OK);

    /* Not square. */
    gsl_spmatrix *wide = gsl_spmatrix_alloc_nzmax(4, 5, 1, GSL_SPMATRIX_CSR);
    assert_non_null(wide);
    assert_int_equal(precis_rank(&r, wide, 4, 0.85, NULL, 100, scores), PRECIS_ERR_ARGUMENT);
    gsl_spmatrix_free(wide);

    /* Not compressed rows. */
    gsl_spmatrix *coo = gsl_spmatrix_alloc(4, 4);
    assert_int_equal(gsl_spmatrix_set(coo, 0, 1, 1.0), 0);
    assert_int_equal(gsl_spmatrix_set(coo, 1, 0, 1.0), 0);
    assert_int_equal(precis_rank(&r, coo, 4, 0.85, NULL, 100, scores), PRECIS_ERR_ARGUMENT);
    gsl_spmatrix *csc = gsl_spmatrix_compress(coo, GSL_SPMATRIX_CSC);
    assert_int_equal(precis_rank(&r, csc, 4, 0.85, NULL, 100, scores), PRECIS_ERR_ARGUMENT);
    gsl_spmatrix_free(csc);
    gsl_spmatrix_free(coo);

    /* n = 0 needs no matrix and writes nothing. */
    scores[0] = -7.0;
    assert_int_equal(precis_rank(&r, NULL, 0, 0.85, NULL, 100, scores), PRECIS_OK);
    assert_int_equal(r.iterations, 0);
    assert_double_near(-7.0, scores[0], 0.0);

    gsl_spmatrix_free(m);
    precis_ranker_free(&r);
    precis_ranker_free(&r);
}

/* One ranker over graphs of different sizes gives what fresh ones give. */
static void test_reuse(void **state)
{
    (void)state;
    const graph *graphs[] = {&directed, &pair, &triangle_tail, &single, &with_dangling};
    precis_ranker reused = {0};
    for (size_t round = 0; round < 3; round++) {
        for (size_t k = 0; k < NELEMS(graphs); k++) {
            double a[MAX_NODES], b[MAX_NODES];
            precis_ranker fresh = {0};
            assert_int_equal(
                rank_graph(&reused, graphs[k], 0.85, NULL, PRECIS_RANK_MAX_ITERATIONS, a),
                PRECIS_OK);
            assert_int_equal(
                rank_graph(&fresh, graphs[k], 0.85, NULL, PRECIS_RANK_MAX_ITERATIONS, b),
                PRECIS_OK);
            assert_int_equal(reused.iterations, fresh.iterations);
            assert_memory_equal(a, b, graphs[k]->n * sizeof *a);
            precis_ranker_free(&fresh);
        }
    }
    precis_ranker_free(&reused);
}

/* The power iteration as gsl_spblas_dgemv would do it, row by row on the
 * walk's own weights: a walk small enough to be transposed and one too
 * large must both give exactly these bits. */
static size_t scatter_reference(const precis_walk *walk, size_t n, double d, double *x)
{
    const gsl_spmatrix *w = walk->matrix;
    double *degree = calloc(n, sizeof *degree), *y = calloc(n, sizeof *y);
    double *z = calloc(n, sizeof *z);
    assert_true(degree != NULL && y != NULL && z != NULL);
    for (size_t i = 0; i < n; i++) {
        for (size_t k = (size_t)w->p[i]; k < (size_t)w->p[i + 1]; k++)
            degree[i] += precis_walk_weight(walk, i, k);
        x[i] = 1.0 / (double)n;
    }
    size_t iterations = 0;
    double change = 1.0;
    while (change >= PRECIS_RANK_TOLERANCE && iterations < PRECIS_RANK_MAX_ITERATIONS) {
        iterations++;
        double dangling = 0.0;
        for (size_t i = 0; i < n; i++) {
            z[i] = degree[i] > 0.0 ? x[i] / degree[i] : 0.0;
            dangling += degree[i] > 0.0 ? 0.0 : x[i];
            y[i] = 0.0;
        }
        for (size_t i = 0; i < n; i++)
            for (size_t k = (size_t)w->p[i]; k < (size_t)w->p[i + 1]; k++)
                y[w->i[k]] += d * precis_walk_weight(walk, i, k) * z[i];
        double jump = 1.0 - d + d * dangling;
        change = 0.0;
        for (size_t i = 0; i < n; i++) {
            y[i] += jump * (1.0 / (double)n);
            change += fabs(y[i] - x[i]);
            x[i] = y[i];
        }
    }
    double total = 0.0;
    for (size_t i = 0; i < n; i++)
        total += x[i];
    for (size_t i = 0; i < n; i++)
        x[i] /= total;
    free(degree);
    free(y);
    free(z);
    return iterations;
}

/* A random symmetric graph of n nodes, each pair linked with probability
 * `density` by a weight in (0, 1], a tenth of them exactly 0. */
static gsl_spmatrix *random_graph(size_t n, double density, unsigned *seed)
{
    gsl_spmatrix *coo = gsl_spmatrix_alloc(n, n);
    assert_non_null(coo);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            if ((double)rand_r(seed) / RAND_MAX >= density)
                continue;
            double weight = rand_r(seed) % 10 == 0 ? 0.0 : (rand_r(seed) % 1000 + 1) / 1000.0;
            assert_int_equal(gsl_spmatrix_set(coo, i, j, weight), 0);
            assert_int_equal(gsl_spmatrix_set(coo, j, i, weight), 0);
        }
    gsl_spmatrix *csr = gsl_spmatrix_compress(coo, GSL_SPMATRIX_CSR);
    assert_non_null(csr);
    gsl_spmatrix_free(coo);
    return csr;
}

/* (g) Small and large walks, plain and of every shape, on candidates;
 * sizes that fill the gather's last group of columns or not; the gather
 * two lanes to a register (where built) and in plain C. */
static void same_bits_as_scatter(int plain_gather)
{
    static const precis_walk_shape shapes[] = {
        {0.0, 0, 0, 1.0}, {0.0, 0, 0, 0.4}, {0.3, 1, 1, 1.0}, {0.0, 0, 1, 1.0}, {0.2, 0, 0, 0.7}};
    static const struct {
        size_t n;
        double density;
    } sizes[] = {{1, 1.0}, {2, 1.0}, {3, 0.9}, {6, 0.5}, {9, 0.2}, {41, 0.3}, {40, 0.9}, {700, 0.6}};
    unsigned seed = 18;
    precis_ranker r = {.plain_gather = plain_gather};
    for (size_t s = 0; s < NELEMS(sizes); s++) {
        size_t n = sizes[s].n;
        gsl_spmatrix *graph = random_graph(n, sizes[s].density, &seed);
        /* The large graph is walked without a transposed copy, the others
         * gathered in groups of columns, some padded. */
        assert_true((n < 700) == ((size_t)graph->p[n] <= PRECIS_RANK_GATHER_MAX_EDGES));
        unsigned char *candidate = malloc(n);
        double *got = malloc(n * sizeof *got), *want = malloc(n * sizeof *want);
        assert_true(candidate != NULL && got != NULL && want != NULL);
        for (size_t i = 0; i < n; i++)
            candidate[i] = rand_r(&seed) % 5 != 0;
        precis_walk plain = precis_walk_plain(graph);
        assert_int_equal(precis_rank_walk(&r, &plain, n, 0.85, NULL, PRECIS_RANK_MAX_ITERATIONS, got),
                         PRECIS_OK);
        assert_int_equal(r.iterations, scatter_reference(&plain, n, 0.85, want));
        assert_memory_equal(got, want, n * sizeof *got);
        /* The same walk told that the matrix is symmetric. */
        precis_walk symmetric = precis_walk_graph(graph);
        assert_int_equal(
            precis_rank_walk(&r, &symmetric, n, 0.85, NULL, PRECIS_RANK_MAX_ITERATIONS, got),
            PRECIS_OK);
        assert_int_equal(r.iterations, scatter_reference(&plain, n, 0.85, want));
        assert_memory_equal(got, want, n * sizeof *got);
        for (size_t k = 0; k < NELEMS(shapes); k++) {
            precis_walk walk = {0};
            assert_int_equal(precis_walk_build(&walk, graph, n, candidate, &shapes[k]), PRECIS_OK);
            assert_int_equal(
                precis_rank_walk(&r, &walk, n, 0.85, NULL, PRECIS_RANK_MAX_ITERATIONS, got),
                PRECIS_OK);
            assert_int_equal(r.iterations, scatter_reference(&walk, n, 0.85, want));
            assert_memory_equal(got, want, n * sizeof *got);
            precis_walk_free(&walk);
        }
        free(candidate);
        free(got);
        free(want);
        gsl_spmatrix_free(graph);
    }
    precis_ranker_free(&r);
}

/* A long document's capped graph has self-loops: the walk that reads
 * only the lower triangle of a symmetric matrix takes each at its place
 * between the votes of the sentences before and after, to the bit of the
 * full scatter, on every candidate or some, votes forward scaled or not. */
static void test_half_step_self_loops(void **state)
{
    (void)state;
    unsigned seed = 31;
    size_t n = 720;
    gsl_spmatrix *graph = random_graph(n, 0.6, &seed);
    gsl_spmatrix *coo = gsl_spmatrix_alloc(n, n);
    assert_non_null(coo);
    /* Entries in the order of the rows they end up in (the compressed
     * rows keep it), each self-loop at its place. */
    for (size_t i = 0; i < n; i++) {
        int looped_yet = i % 3 == 1;
        for (int k = graph->p[i]; k <= graph->p[i + 1]; k++) {
            if (!looped_yet && (k == graph->p[i + 1] || (size_t)graph->i[k] > i)) {
                assert_int_equal(gsl_spmatrix_set(coo, i, i, (double)(i % 7 + 1) / 8.0), 0);
                looped_yet = 1;
            }
            if (k < graph->p[i + 1])
                assert_int_equal(gsl_spmatrix_set(coo, i, (size_t)graph->i[k], graph->data[k]),
                                 0);
        }
    }
    gsl_spmatrix *looped = gsl_spmatrix_compress(coo, GSL_SPMATRIX_CSR);
    assert_non_null(looped);
    assert_true((size_t)looped->p[n] > PRECIS_RANK_GATHER_MAX_EDGES);
    for (size_t i = 0; i < n; i++)
        for (int k = looped->p[i] + 1; k < looped->p[i + 1]; k++)
            assert_true(looped->i[k - 1] < looped->i[k]);
    unsigned char *candidate = malloc(n);
    double *got = malloc(n * sizeof *got), *want = malloc(n * sizeof *want);
    assert_true(candidate != NULL && got != NULL && want != NULL);
    for (size_t i = 0; i < n; i++)
        candidate[i] = rand_r(&seed) % 4 != 0;
    precis_ranker r = {0};
    precis_walk plain = precis_walk_plain(looped), symmetric = precis_walk_graph(looped);
    assert_int_equal(
        precis_rank_walk(&r, &plain, n, 0.85, NULL, PRECIS_RANK_MAX_ITERATIONS, got),
        PRECIS_OK);
    assert_int_equal(r.iterations, scatter_reference(&plain, n, 0.85, want));
    assert_memory_equal(got, want, n * sizeof *got);
    assert_int_equal(
        precis_rank_walk(&r, &symmetric, n, 0.85, NULL, PRECIS_RANK_MAX_ITERATIONS, got),
        PRECIS_OK);
    assert_int_equal(r.iterations, scatter_reference(&plain, n, 0.85, want));
    assert_memory_equal(got, want, n * sizeof *got);
    static const precis_walk_shape shapes[] = {{0.0, 0, 0, 1.0}, {0.0, 0, 0, 0.3}};
    for (size_t k = 0; k < NELEMS(shapes); k++) {
        precis_walk walk = {0};
        assert_int_equal(precis_walk_build(&walk, looped, n, candidate, &shapes[k]), PRECIS_OK);
        assert_true(walk.symmetric);
        assert_int_equal(precis_rank_walk(&r, &walk, n, 0.85, NULL, PRECIS_RANK_MAX_ITERATIONS, got),
                         PRECIS_OK);
        assert_int_equal(r.iterations, scatter_reference(&walk, n, 0.85, want));
        assert_memory_equal(got, want, n * sizeof *got);
        precis_walk_free(&walk);
    }
    precis_ranker_free(&r);
    free(candidate);
    free(got);
    free(want);
    gsl_spmatrix_free(coo);
    gsl_spmatrix_free(looped);
    gsl_spmatrix_free(graph);
}

static void test_same_bits_as_scatter(void **state)
{
    (void)state;
    same_bits_as_scatter(0);
}

static void test_plain_gather_same_bits(void **state)
{
    (void)state;
    same_bits_as_scatter(1);
}

int main(void)
{
    /* The ranker checks sizes itself; GSL must never abort the tests. */
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oracle_sanity),
        cmocka_unit_test(test_undamped_is_degree),
        cmocka_unit_test(test_damped_matches_eigenvector),
        cmocka_unit_test(test_no_edges_is_uniform),
        cmocka_unit_test(test_teleport),
        cmocka_unit_test(test_periodic_no_convergence),
        cmocka_unit_test(test_invalid_arguments),
        cmocka_unit_test(test_reuse),
        cmocka_unit_test(test_same_bits_as_scatter),
        cmocka_unit_test(test_half_step_self_loops),
        cmocka_unit_test(test_plain_gather_same_bits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
