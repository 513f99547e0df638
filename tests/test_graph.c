/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_graph.c - the cosine similarity graph: its weights against direct
 * dot products, symmetry, and the CSR layout.
 */
#include "fixture_tokens.h"

#include "graph.h"
#include "tfidf.h"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Sentence vectors and their graph, built from hand-made terms. */
typedef struct built {
    precis_tokens tok;
    precis_tfidf tf;
    precis_graph g;
} built;

static void build(built *b, const char *const *sentences, size_t n)
{
    memset(b, 0, sizeof *b);
    fixture_tokens(&b->tok, sentences, n);
    assert_int_equal(fixture_tfidf_build(&b->tf, &b->tok, n, NULL), PRECIS_OK);
    assert_int_equal(precis_graph_build(&b->g, &b->tf), PRECIS_OK);
}

static void release(built *b)
{
    precis_graph_free(&b->g);
    precis_tfidf_free(&b->tf);
    precis_tokens_free(&b->tok);
}

/* The cosine of sentences i and j, straight from their sparse vectors. */
static double cosine(const precis_tfidf *tf, size_t i, size_t j)
{
    double dot = 0.0, ni = 0.0, nj = 0.0;
    for (size_t a = tf->row[i]; a < tf->row[i + 1]; a++) {
        ni += tf->weight[a] * tf->weight[a];
        for (size_t b = tf->row[j]; b < tf->row[j + 1]; b++)
            if (tf->term[a] == tf->term[b])
                dot += tf->weight[a] * tf->weight[b];
    }
    for (size_t b = tf->row[j]; b < tf->row[j + 1]; b++)
        nj += tf->weight[b] * tf->weight[b];
    return ni > 0.0 && nj > 0.0 ? dot / sqrt(ni * nj) : 0.0;
}

/* Whether the CSR matrix has entry (r, c), and its value. */
static int entry(const gsl_spmatrix *m, size_t r, size_t c, double *value)
{
    for (int k = m->p[r]; k < m->p[r + 1]; k++) {
        if ((size_t)m->i[k] == c) {
            *value = m->data[k];
            return 1;
        }
    }
    return 0;
}

/* Checks the graph of b against the vectors it was built from and
 * returns its number of (undirected) edges. */
static size_t check_graph(const built *b)
{
    const precis_tfidf *tf = &b->tf;
    const gsl_spmatrix *m = b->g.matrix;
    size_t n = tf->n;
    if (n == 0) {
        assert_null(m);
        return 0;
    }
    assert_non_null(m);
    assert_int_equal(m->size1, n);
    assert_int_equal(m->size2, n);
    assert_int_equal(m->sptype, GSL_SPMATRIX_CSR);
    assert_int_equal(m->p[0], 0);
    assert_int_equal((size_t)m->p[n], m->nz);
    for (size_t r = 0; r < n; r++) {
        assert_true(m->p[r] <= m->p[r + 1]);
        for (int k = m->p[r]; k < m->p[r + 1]; k++) {
            assert_true(m->i[k] >= 0 && (size_t)m->i[k] < n);
            assert_true((size_t)m->i[k] != r); /* no self loops */
            if (k > m->p[r])
                assert_true(m->i[k - 1] < m->i[k]); /* sorted, no duplicates */
            assert_true(m->data[k] > 0.0);
        }
    }
    size_t edges = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            double expected = cosine(tf, i, j), ij = 0.0, ji = 0.0;
            int has_ij = entry(m, i, j, &ij), has_ji = entry(m, j, i, &ji);
            assert_int_equal(has_ij, has_ji);
            if (expected < PRECIS_MIN_SIMILARITY) {
                /* No shared term, no edge. */
                assert_false(has_ij);
                continue;
            }
            assert_true(has_ij);
            assert_double_near(expected, ij, 1e-12);
            /* The bits of the plain definition: the products of the
             * shared terms' weights (of the unit vectors), added in term
             * order, whatever the index leaves out. */
            double dot = precis_tfidf_cosine(tf, i, j);
            assert_memory_equal(&dot, &ij, sizeof dot);
            assert_true(ij == ji); /* symmetric to the bit */
            edges++;
        }
    }
    assert_int_equal(m->nz, 2 * edges);
    return edges;
}

/* s0 = x y x, s1 = z y, s2 = z (the TF-IDF test's hand example): s0 and
 * s1 share y, s1 and s2 share z, s0 and s2 share nothing. */
static void test_hand_example(void **state)
{
    (void)state;
    const char *const sentences[] = {"x y x", "z y", "z"};
    built b;
    build(&b, sentences, 3);
    assert_int_equal(check_graph(&b), 2);
    double w = 0.0;
    assert_true(entry(b.g.matrix, 0, 1, &w));
    assert_double_near(0.3554324678504174 * 0.7071067811865475, w, 1e-15);
    assert_true(entry(b.g.matrix, 1, 2, &w));
    assert_double_near(0.7071067811865475, w, 1e-15);
    assert_false(entry(b.g.matrix, 0, 2, &w));
    /* Row 1 holds column 0 before column 2. */
    assert_int_equal(b.g.matrix->p[1], 1);
    assert_int_equal(b.g.matrix->i[1], 0);
    assert_int_equal(b.g.matrix->i[2], 2);
    release(&b);
}

static void test_identical_sentences(void **state)
{
    (void)state;
    const char *const sentences[] = {"ab cd ab", "ef", "ab cd ab"};
    built b;
    build(&b, sentences, 3);
    assert_int_equal(check_graph(&b), 1);
    double w = 0.0;
    assert_true(entry(b.g.matrix, 0, 2, &w));
    assert_double_near(1.0, w, 1e-12);
    assert_int_equal(b.g.matrix->p[2] - b.g.matrix->p[1], 0); /* "ef" is isolated */
    release(&b);
}

static void test_no_shared_terms(void **state)
{
    (void)state;
    const char *const sentences[] = {"aa", "bb cc", "", "dd"};
    built b;
    build(&b, sentences, 4);
    assert_int_equal(check_graph(&b), 0);
    assert_int_equal(b.g.matrix->nz, 0);
    release(&b);
}

static void test_small_sizes(void **state)
{
    (void)state;
    built b;

    build(&b, NULL, 0);
    assert_null(b.g.matrix);
    release(&b);

    const char *const one[] = {"ab cd ab"};
    build(&b, one, 1);
    assert_non_null(b.g.matrix);
    assert_int_equal(b.g.matrix->size1, 1);
    assert_int_equal(b.g.matrix->size2, 1);
    assert_int_equal(b.g.matrix->nz, 0);
    assert_int_equal(check_graph(&b), 0);
    release(&b);

    const char *const one_empty[] = {""};
    build(&b, one_empty, 1);
    assert_int_equal(b.g.matrix->size1, 1);
    assert_int_equal(b.g.matrix->nz, 0);
    release(&b);

    const char *const two[] = {"ab", "ab"};
    build(&b, two, 2);
    assert_int_equal(check_graph(&b), 1);
    release(&b);
}

static void test_random_documents(void **state)
{
    (void)state;
    static const struct {
        size_t n, vocab, max_terms;
    } sizes[] = {{2, 3, 2}, {3, 4, 3}, {12, 10, 5}, {60, 40, 8}, {150, 300, 15}};
    static char text[65536];
    const char *sentences[160];
    for (size_t s = 0; s < NELEMS(sizes); s++) {
        fixture_random_sentences(42 + s, sizes[s].n, sizes[s].vocab, sizes[s].max_terms, text,
                                 sizeof text, sentences);
        built b;
        build(&b, sentences, sizes[s].n);
        size_t edges = check_graph(&b);
        if (sizes[s].n >= 12)
            assert_true(edges > 0); /* the check above had something to compare */
        release(&b);
    }
}

/* One precis_graph reused: each build replaces the matrix, and the result
 * matches a fresh build. */
static void test_reuse(void **state)
{
    (void)state;
    static char text[32768];
    const char *sentences[80];
    fixture_random_sentences(99, 80, 50, 10, text, sizeof text, sentences);
    built big;
    build(&big, sentences, 80);
    check_graph(&big);

    /* n = 0 drops the old matrix. */
    precis_tfidf empty_tf = {0};
    precis_tokens empty_tok;
    fixture_tokens(&empty_tok, NULL, 0);
    assert_int_equal(fixture_tfidf_build(&empty_tf, &empty_tok, 0, NULL), PRECIS_OK);
    assert_int_equal(precis_graph_build(&big.g, &empty_tf), PRECIS_OK);
    assert_null(big.g.matrix);

    const char *const small[] = {"x y x", "z y", "z", "x"};
    built fresh;
    build(&fresh, small, 4);
    precis_tfidf_free(&big.tf);
    precis_tokens_free(&big.tok);
    fixture_tokens(&big.tok, small, 4);
    assert_int_equal(fixture_tfidf_build(&big.tf, &big.tok, 4, NULL), PRECIS_OK);
    assert_int_equal(precis_graph_build(&big.g, &big.tf), PRECIS_OK);
    check_graph(&big);
    const gsl_spmatrix *a = big.g.matrix, *e = fresh.g.matrix;
    assert_int_equal(a->nz, e->nz);
    assert_memory_equal(a->p, e->p, 5 * sizeof *a->p);
    assert_memory_equal(a->i, e->i, e->nz * sizeof *a->i);
    assert_memory_equal(a->data, e->data, e->nz * sizeof *a->data);

    release(&fresh);
    release(&big);
    precis_tfidf_free(&empty_tf);
    precis_tokens_free(&empty_tok);
}

/* The exact graph (every row keeps all its neighbours, found by a scan
 * of every sentence) has the very bits of the graph whose rows keep at
 * most n - 1 neighbours, found through marks and lists: the same sums in
 * the same order. That one is capped, so it adds self-loops, and nothing
 * else. */
static void test_exact_same_bits_as_lists(void **state)
{
    (void)state;
    static char text[65536];
    const char *sentences[120];
    static const size_t sizes[] = {2, 7, 40, 120};
    for (size_t s = 0; s < NELEMS(sizes); s++) {
        size_t n = sizes[s];
        fixture_random_sentences(7 + s, n, 2 * n, 12, text, sizeof text, sentences);
        built b;
        build(&b, sentences, n);
        precis_graph lists = {0};
        assert_int_equal(precis_graph_build_capped(&lists, &b.tf, SIZE_MAX, n - 1), PRECIS_OK);
        const gsl_spmatrix *exact = b.g.matrix, *m = lists.matrix;
        size_t off_diagonal = 0;
        for (size_t r = 0; r < n; r++) {
            int k = exact->p[r];
            for (int x = m->p[r]; x < m->p[r + 1]; x++) {
                if ((size_t)m->i[x] == r)
                    continue;
                assert_true(k < exact->p[r + 1]);
                assert_int_equal(m->i[x], exact->i[k]);
                assert_memory_equal(&m->data[x], &exact->data[k], sizeof m->data[x]);
                k++;
                off_diagonal++;
            }
            assert_int_equal(k, exact->p[r + 1]);
        }
        assert_int_equal(off_diagonal, exact->nz);
        precis_graph_free(&lists);
        release(&b);
    }
}

/* Row r's k strongest neighbours by a full sort of its exact cosines
 * (higher first, ties by position), as marks in kept[r * n + j]. */
static void keep_by_sort(const precis_tfidf *tf, size_t r, size_t k, unsigned char *kept)
{
    size_t n = tf->n, m = 0;
    precis_ranked *all = malloc(n * sizeof *all);
    assert_non_null(all);
    for (size_t j = 0; j < n; j++) {
        double cos = j == r ? 0.0 : precis_tfidf_cosine(tf, r, j);
        if (cos >= PRECIS_MIN_SIMILARITY)
            all[m++] = (precis_ranked){cos, j};
    }
    for (size_t a = 1; a < m; a++)
        for (size_t b = a; b > 0 && precis_ranked_before(&all[b], &all[b - 1]); b--) {
            precis_ranked swap = all[b];
            all[b] = all[b - 1];
            all[b - 1] = swap;
        }
    for (size_t c = 0; c < m && c < k; c++)
        kept[r * n + all[c].index] = 1;
    free(all);
}

/* A capped graph (no term left out, each row keeping k) holds the edges
 * that a full sort of every row's cosines keeps at either end, with the
 * bits of the cosines: through the floor and selections that pick the k
 * strongest of a row (with room for 4k, so small k fill it many times),
 * on documents with repeated sentences, whose ties the position breaks. */
static void test_capped_keeps_the_strongest(void **state)
{
    (void)state;
    static char text[65536];
    const char *sentences[200];
    static const size_t ks[] = {1, 2, 3, 5, 9, 40};
    for (size_t s = 0; s < 4; s++) {
        size_t n = 60 + 45 * s;
        fixture_random_sentences(900 + s, n, 12 + 10 * s, 9, text, sizeof text, sentences);
        for (size_t r = 7; r < n; r += 11)
            sentences[r] = sentences[r - 7];
        built b;
        memset(&b, 0, sizeof b);
        fixture_tokens(&b.tok, sentences, n);
        assert_int_equal(fixture_tfidf_build(&b.tf, &b.tok, n, NULL), PRECIS_OK);
        unsigned char *kept = malloc(n * n);
        assert_non_null(kept);
        for (size_t kx = 0; kx < NELEMS(ks); kx++) {
            size_t k = ks[kx];
            memset(kept, 0, n * n);
            for (size_t r = 0; r < n; r++)
                keep_by_sort(&b.tf, r, k, kept);
            precis_graph g = {0};
            assert_int_equal(precis_graph_build_capped(&g, &b.tf, SIZE_MAX, k), PRECIS_OK);
            const gsl_spmatrix *m = g.matrix;
            size_t edges = 0;
            for (size_t r = 0; r < n; r++) {
                int x = m->p[r];
                for (size_t j = 0; j < n; j++) {
                    if (j == r || !(kept[r * n + j] || kept[j * n + r]))
                        continue;
                    if (x < m->p[r + 1] && (size_t)m->i[x] == r)
                        x++; /* the self-loop that gives back what the caps took */
                    assert_true(x < m->p[r + 1]);
                    assert_int_equal(m->i[x], j);
                    double cos = precis_tfidf_cosine(&b.tf, r, j);
                    assert_memory_equal(&m->data[x], &cos, sizeof cos);
                    x++;
                    edges++;
                }
                if (x < m->p[r + 1] && (size_t)m->i[x] == r)
                    x++;
                assert_int_equal(x, m->p[r + 1]);
            }
            assert_true(edges > 0);
            precis_graph_free(&g);
        }
        free(kept);
        release(&b);
    }
}

/* One graph through a batch of documents, exact and capped in turn,
 * gives at each what a fresh one gives, to the bit, and says which it is
 * once its scratch is gone (the repeat checks read it). */
static void test_batch_reuse(void **state)
{
    (void)state;
    static char text[65536];
    const char *sentences[150];
    static const struct {
        size_t n, neighbours;
    } docs[] = {{150, SIZE_MAX}, {5, SIZE_MAX}, {60, 4}, {90, SIZE_MAX}, {1, SIZE_MAX},
                {150, SIZE_MAX}, {30, 2},       {12, SIZE_MAX}};
    precis_graph reused = {0};
    for (size_t d = 0; d < NELEMS(docs); d++) {
        size_t n = docs[d].n;
        fixture_random_sentences(300 + d, n, n + 10, 10, text, sizeof text, sentences);
        built b;
        memset(&b, 0, sizeof b);
        fixture_tokens(&b.tok, sentences, n);
        assert_int_equal(fixture_tfidf_build(&b.tf, &b.tok, n, NULL), PRECIS_OK);
        assert_int_equal(precis_graph_build_capped(&b.g, &b.tf, SIZE_MAX, docs[d].neighbours),
                         PRECIS_OK);
        assert_int_equal(precis_graph_build_capped(&reused, &b.tf, SIZE_MAX, docs[d].neighbours),
                         PRECIS_OK);
        const gsl_spmatrix *a = reused.matrix, *e = b.g.matrix;
        assert_int_equal(a->nz, e->nz);
        assert_int_equal(reused.nedges, b.g.nedges);
        int capped = docs[d].neighbours != SIZE_MAX;
        assert_int_equal(b.g.capped, capped);
        assert_int_equal(reused.capped, capped);
        assert_memory_equal(a->p, e->p, (n + 1) * sizeof *a->p);
        assert_memory_equal(a->i, e->i, e->nz * sizeof *a->i);
        assert_memory_equal(a->data, e->data, e->nz * sizeof *a->data);
        release(&b);
    }
    precis_graph_free(&reused);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_example),
        cmocka_unit_test(test_identical_sentences),
        cmocka_unit_test(test_no_shared_terms),
        cmocka_unit_test(test_small_sizes),
        cmocka_unit_test(test_random_documents),
        cmocka_unit_test(test_reuse),
        cmocka_unit_test(test_exact_same_bits_as_lists),
        cmocka_unit_test(test_batch_reuse),
        cmocka_unit_test(test_capped_keeps_the_strongest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
