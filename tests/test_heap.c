/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_heap.c - picking the best k of ranked items: the quickselect
 * against a full sort, on random items with many tied scores, on inputs
 * in order and in reverse, and with its fallback forced.
 */
#include "test_helpers.h"

#include "heap.h"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

static int compare_rank(const void *a, const void *b)
{
    const precis_ranked *x = a, *y = b;
    return precis_ranked_before(y, x) - precis_ranked_before(x, y);
}

static int compare_index(const void *a, const void *b)
{
    size_t x = ((const precis_ranked *)a)->index, y = ((const precis_ranked *)b)->index;
    return (x > y) - (x < y);
}

/* Items 0 .. m-1 with scores drawn from `levels` values (many ties, which
 * the index breaks), in the order `layout` says: 0 random, 1 best first,
 * 2 worst first, 3 best in the middle. */
static void make_items(precis_ranked *c, size_t m, unsigned levels, int layout, unsigned *seed)
{
    for (size_t x = 0; x < m; x++)
        c[x] = (precis_ranked){(double)(rand_r(seed) % levels) / levels, x};
    if (layout == 1 || layout == 2 || layout == 3)
        qsort(c, m, sizeof *c, compare_rank);
    if (layout == 2)
        for (size_t x = 0; x < m / 2; x++) {
            precis_ranked swap = c[x];
            c[x] = c[m - 1 - x];
            c[m - 1 - x] = swap;
        }
    if (layout == 3)
        for (size_t x = 0; x < m / 2; x += 2) {
            precis_ranked swap = c[x];
            c[x] = c[m / 2 + x];
            c[m / 2 + x] = swap;
        }
}

/* The k items that precis_select_within (with the given partition
 * rounds) moves to the front are those a full sort puts first, and the
 * item it returns is the k-th of them. */
static void check_select(size_t m, size_t k, unsigned levels, int layout, size_t rounds,
                         unsigned *seed)
{
    precis_ranked *c = malloc(m * sizeof *c), *sorted = malloc(m * sizeof *sorted);
    assert_true(c != NULL && sorted != NULL);
    make_items(c, m, levels, layout, seed);
    memcpy(sorted, c, m * sizeof *c);
    qsort(sorted, m, sizeof *sorted, compare_rank);
    precis_ranked last = precis_select_within(c, m, k, rounds);
    assert_int_equal(last.index, sorted[k - 1].index);
    assert_memory_equal(&last.score, &sorted[k - 1].score, sizeof last.score);
    qsort(c, k, sizeof *c, compare_index);
    qsort(sorted, k, sizeof *sorted, compare_index);
    assert_memory_equal(c, sorted, k * sizeof *c);
    free(c);
    free(sorted);
}

static void test_select_against_sort(void **state)
{
    (void)state;
    static const size_t sizes[] = {2, 3, 8, 9, 17, 64, 200, 201, 1000};
    static const unsigned levels[] = {1, 2, 7, 1000000};
    unsigned seed = 2026;
    for (size_t s = 0; s < NELEMS(sizes); s++) {
        size_t m = sizes[s];
        size_t ks[] = {1, 2, m / 4 + 1, m / 2, m - 1};
        for (size_t kx = 0; kx < NELEMS(ks); kx++) {
            size_t k = ks[kx];
            if (k == 0 || k >= m)
                continue;
            for (size_t l = 0; l < NELEMS(levels); l++)
                for (int layout = 0; layout < 4; layout++)
                    check_select(m, k, levels[l], layout, 64, &seed);
        }
    }
}

/* Rounds run out (none at all, or one): precis_keep_best finishes, with
 * the same answer. */
static void test_select_fallback(void **state)
{
    (void)state;
    unsigned seed = 7;
    for (size_t rounds = 0; rounds < 3; rounds++)
        for (int layout = 0; layout < 4; layout++) {
            check_select(300, 50, 9, layout, rounds, &seed);
            check_select(300, 1, 9, layout, rounds, &seed);
            check_select(300, 299, 1000, layout, rounds, &seed);
        }
}

/* The flat comparison answers as precis_ranked_before does, ties and
 * NaN included. */
static void test_flat_comparison(void **state)
{
    (void)state;
    static const double scores[] = {0.0, -0.0, 0.5, 1.0, NAN, INFINITY};
    for (size_t a = 0; a < NELEMS(scores); a++)
        for (size_t b = 0; b < NELEMS(scores); b++)
            for (size_t ia = 0; ia < 2; ia++)
                for (size_t ib = 0; ib < 2; ib++) {
                    precis_ranked x = {scores[a], ia}, y = {scores[b], ib};
                    assert_int_equal(precis_ranked_before_flat(&x, &y),
                                     precis_ranked_before(&x, &y));
                }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_select_against_sort),
        cmocka_unit_test(test_select_fallback),
        cmocka_unit_test(test_flat_comparison),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
