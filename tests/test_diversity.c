/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_diversity.c - maximal marginal relevance and near-duplicates in
 * sentence selection.
 */
#include "test_helpers.h"

#include <string.h>

#include <gsl/gsl_spmatrix.h>

#include "select.h"

/* A symmetric CSR graph from (i, j, similarity) triples. */
static gsl_spmatrix *graph(size_t n, const double (*edges)[3], size_t count)
{
    gsl_spmatrix *coo = gsl_spmatrix_alloc(n, n);
    for (size_t e = 0; e < count; e++) {
        gsl_spmatrix_set(coo, (size_t)edges[e][0], (size_t)edges[e][1], edges[e][2]);
        gsl_spmatrix_set(coo, (size_t)edges[e][1], (size_t)edges[e][0], edges[e][2]);
    }
    gsl_spmatrix *csr = gsl_spmatrix_compress(coo, GSL_SPMATRIX_CSR);
    gsl_spmatrix_free(coo);
    return csr;
}

static const precis_budget two = {PRECIS_LENGTH_SENTENCES, 2.0};

/* The rank order is score descending, ties by position, however many
 * sentences (a few are sorted by insertion, many by qsort). */
static void test_order_ties_by_position(void **state)
{
    (void)state;
    enum { MANY = 300 };
    static const size_t sizes[] = {1, 2, 7, 64, 65, MANY};
    double scores[MANY];
    unsigned char candidate[MANY];
    precis_ranked order[MANY];
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        size_t n = sizes[s];
        for (size_t i = 0; i < n; i++) {
            /* Five distinct scores, in no order, each shared by many. */
            scores[i] = (double)((i * 7 + 3) % 5) / 4.0;
            candidate[i] = i % 3 != 1;
        }
        precis_order(scores, n, order);
        for (size_t k = 0; k < n; k++)
            assert_true(order[k].score == scores[order[k].index]);
        for (size_t k = 1; k < n; k++)
            assert_true(order[k - 1].score > order[k].score ||
                        (order[k - 1].score == order[k].score &&
                         order[k - 1].index < order[k].index));
        size_t count = precis_order_candidates(scores, candidate, n, order);
        size_t want = 0;
        for (size_t i = 0; i < n; i++)
            want += candidate[i];
        assert_int_equal(count, want);
        for (size_t k = 0; k < count; k++)
            assert_true(candidate[order[k].index]);
        for (size_t k = 1; k < count; k++)
            assert_true(order[k - 1].score > order[k].score ||
                        (order[k - 1].score == order[k].score &&
                         order[k - 1].index < order[k].index));
    }
}

static void test_relevance_against_redundancy(void **state)
{
    (void)state;
    /* 1 repeats much of 0; 2 is a little less central but new. */
    static const double edges[][3] = {{0, 1, 0.8}, {0, 2, 0.1}, {1, 2, 0.1}};
    gsl_spmatrix *sim = graph(3, edges, 3);
    const double scores[] = {1.0, 0.9, 0.8};
    precis_ranked order[3];
    precis_order(scores, 3, order);
    precis_selector sel = {0};
    unsigned char chosen[3];
    size_t count;
    assert_int_equal(precis_select_diverse(&sel, order, 3, 3, two, NULL, NULL, sim, 0.0, chosen, &count),
                     PRECIS_OK);
    assert_int_equal(count, 2);
    assert_memory_equal(chosen, ((const unsigned char[]){1, 1, 0}), 3);
    /* lambda 0.5: 1 is worth 0.45 - 0.4, 2 is worth 0.4 - 0.05. */
    assert_int_equal(precis_select_diverse(&sel, order, 3, 3, two, NULL, NULL, sim, 0.5, chosen, &count),
                     PRECIS_OK);
    assert_memory_equal(chosen, ((const unsigned char[]){1, 0, 1}), 3);
    precis_selector_free(&sel);
    gsl_spmatrix_free(sim);
}

/* With the term sequences, similarity alone no longer condemns a sentence:
 * the same words in another order say something else. */
static void test_duplicates_confirmed_by_wording(void **state)
{
    (void)state;
    static const double edges[][3] = {{0, 1, 1.0}, {0, 2, 0.95}, {0, 3, 0.92}};
    gsl_spmatrix *sim = graph(4, edges, 3);
    const double scores[] = {0.4, 0.3, 0.2, 0.1};
    /* 0: a b c d; 1: d c b a (no pair in common); 2: a b c d e (3 of its 4
     * pairs shared: Dice 6/7); 3: x (a single term: similarity decides). */
    static const uint32_t ids[] = {1, 2, 3, 4, 4, 3, 2, 1, 1, 2, 3, 4, 5, 9};
    static const precis_sentence_terms sents[] = {{0, 0, 0}, {4, 0, 0}, {8, 0, 0},
                                                  {13, 0, 0}, {14, 0, 0}};
    precis_ranked order[4];
    precis_order(scores, 4, order);
    precis_selector sel = {0};
    unsigned char chosen[4];
    size_t count;
    precis_budget all = {PRECIS_LENGTH_SENTENCES, 4.0};
    precis_selector_set_checks(&sel, &(precis_repeat_checks){ids, sents, NULL, 0, NULL, NULL});
    assert_int_equal(precis_select_diverse(&sel, order, 4, 4, all, NULL, NULL, sim, 0.0, chosen, &count),
                     PRECIS_OK);
    assert_int_equal(count, 2);
    assert_memory_equal(chosen, ((const unsigned char[]){1, 1, 0, 0}), 4);
    /* Without them, every sentence that similar to 0 goes. */
    precis_selector_set_checks(&sel, &(precis_repeat_checks){0});
    assert_int_equal(precis_select_diverse(&sel, order, 4, 4, all, NULL, NULL, sim, 0.0, chosen, &count),
                     PRECIS_OK);
    assert_int_equal(count, 1);
    assert_memory_equal(chosen, ((const unsigned char[]){1, 0, 0, 0}), 4);
    precis_selector_free(&sel);
    gsl_spmatrix_free(sim);
}

static void test_near_duplicates_never_chosen(void **state)
{
    (void)state;
    static const double edges[][3] = {{0, 1, 0.97}, {1, 2, 0.3}, {2, 3, 0.9}};
    gsl_spmatrix *sim = graph(4, edges, 3);
    const double scores[] = {0.4, 0.3, 0.2, 0.1};
    precis_ranked order[4];
    precis_order(scores, 4, order);
    precis_selector sel = {0};
    unsigned char chosen[4];
    size_t count;
    precis_budget all = {PRECIS_LENGTH_SENTENCES, 4.0};
    assert_int_equal(precis_select_diverse(&sel, order, 4, 4, all, NULL, NULL, sim, 0.0, chosen, &count),
                     PRECIS_OK);
    assert_int_equal(count, 2);
    assert_memory_equal(chosen, ((const unsigned char[]){1, 0, 1, 0}), 4);
    precis_selector_free(&sel);
    gsl_spmatrix_free(sim);
}

/* Without diversity and duplicates, the choice is precis_select's, for
 * every kind of budget. */
static void test_same_as_plain_selection(void **state)
{
    (void)state;
    enum { N = 9 };
    static const double edges[][3] = {{0, 4, 0.2}, {1, 2, 0.5}, {3, 8, 0.1}, {5, 6, 0.3}};
    gsl_spmatrix *sim = graph(N, edges, 4);
    const double scores[N] = {0.1, 0.3, 0.3, 0.05, 0.2, 0.15, 0.02, 0.08, 0.0};
    const size_t lengths[N] = {12, 30, 7, 9, 25, 4, 18, 3, 11};
    precis_ranked order[N];
    precis_order(scores, N, order);
    const precis_budget budgets[] = {
        {PRECIS_LENGTH_SENTENCES, 1.0}, {PRECIS_LENGTH_SENTENCES, 4.0},
        {PRECIS_LENGTH_SENTENCES, 20.0}, {PRECIS_LENGTH_RATIO, 0.3},
        {PRECIS_LENGTH_WORDS, 40.0},    {PRECIS_LENGTH_WORDS, 2.0},
        {PRECIS_LENGTH_CHARS, 60.0},
    };
    precis_selector sel = {0};
    for (size_t b = 0; b < sizeof budgets / sizeof budgets[0]; b++) {
        unsigned char plain[N], diverse[N];
        size_t count;
        size_t want = precis_select(order, N, budgets[b], lengths, NULL, plain);
        assert_int_equal(precis_select_diverse(&sel, order, N, N, budgets[b], lengths, NULL, sim, 0.0,
                                               diverse, &count),
                         PRECIS_OK);
        assert_int_equal(count, want);
        assert_memory_equal(diverse, plain, N);
    }
    precis_selector_free(&sel);
    gsl_spmatrix_free(sim);
}

static void test_word_budget_skips_long(void **state)
{
    (void)state;
    static const double edges[][3] = {{0, 1, 0.2}};
    gsl_spmatrix *sim = graph(3, edges, 1);
    const double scores[] = {0.5, 0.3, 0.2};
    const size_t lengths[] = {50, 10, 10};
    precis_ranked order[3];
    precis_order(scores, 3, order);
    precis_selector sel = {0};
    unsigned char chosen[3];
    size_t count;
    precis_budget words = {PRECIS_LENGTH_WORDS, 25.0};
    assert_int_equal(
        precis_select_diverse(&sel, order, 3, 3, words, lengths, NULL, sim, 0.3, chosen, &count),
        PRECIS_OK);
    assert_int_equal(count, 2);
    assert_memory_equal(chosen, ((const unsigned char[]){0, 1, 1}), 3);
    precis_budget tiny = {PRECIS_LENGTH_WORDS, 5.0};
    assert_int_equal(
        precis_select_diverse(&sel, order, 3, 3, tiny, lengths, NULL, sim, 0.3, chosen, &count),
        PRECIS_OK);
    assert_int_equal(count, 1);
    assert_int_equal(chosen[0], 1);
    precis_selector_free(&sel);
    gsl_spmatrix_free(sim);
}

static void test_candidates_subset_and_errors(void **state)
{
    (void)state;
    const double scores[] = {0.9, 0.0, 0.4, 0.6};
    const unsigned char candidate[] = {0, 1, 1, 1};
    precis_ranked order[4];
    assert_int_equal(precis_order_candidates(scores, candidate, 4, order), 3);
    assert_int_equal(order[0].index, 3);
    assert_int_equal(order[1].index, 2);
    assert_int_equal(order[2].index, 1);
    precis_selector sel = {0};
    unsigned char chosen[4];
    size_t count;
    assert_int_equal(precis_select_diverse(&sel, order, 3, 4, two, NULL, NULL, NULL, 0.2, chosen, &count),
                     PRECIS_OK);
    assert_memory_equal(chosen, ((const unsigned char[]){0, 0, 1, 1}), 4);
    assert_int_equal(precis_select_diverse(&sel, order, 3, 4, two, NULL, NULL, NULL, 1.5, chosen, &count),
                     PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_select_diverse(&sel, order, 0, 4, two, NULL, NULL, NULL, 0.0, chosen, &count),
                     PRECIS_OK);
    assert_int_equal(count, 0);
    precis_selector_free(&sel);
    precis_selector_free(NULL);
}

/* A sentence that leans on another is taken with it or not at all while
 * there is a choice. */
static void test_antecedents(void **state)
{
    (void)state;
    static const size_t none = PRECIS_NO_SENTENCE;
    precis_selector sel = {0};
    unsigned char chosen[4];
    size_t count;
    precis_ranked order[4];
    /* 2 leans on 1: in two sentences the pair does not fit beside 0, in
     * three it does. */
    const double scores[] = {0.4, 0.1, 0.3, 0.2};
    const size_t leans[] = {none, none, 1, none};
    precis_order(scores, 4, order);
    precis_selector_set_checks(&sel, &(precis_repeat_checks){.antecedent = leans});
    assert_int_equal(
        precis_select_diverse(&sel, order, 4, 4, two, NULL, NULL, NULL, 0.0, chosen, &count),
        PRECIS_OK);
    assert_memory_equal(chosen, ((const unsigned char[]){1, 0, 0, 1}), 4);
    precis_budget three = {PRECIS_LENGTH_SENTENCES, 3.0};
    assert_int_equal(
        precis_select_diverse(&sel, order, 4, 4, three, NULL, NULL, NULL, 0.0, chosen, &count),
        PRECIS_OK);
    assert_int_equal(count, 3);
    assert_memory_equal(chosen, ((const unsigned char[]){1, 1, 1, 0}), 4);
    /* Without antecedents, rank order. */
    precis_selector_set_checks(&sel, &(precis_repeat_checks){.antecedent = NULL});
    assert_int_equal(
        precis_select_diverse(&sel, order, 4, 4, two, NULL, NULL, NULL, 0.0, chosen, &count),
        PRECIS_OK);
    assert_memory_equal(chosen, ((const unsigned char[]){1, 0, 1, 0}), 4);

    /* A chain: 2 leans on 1, which leans on 0. 2 is put off; 1 comes with
     * 0; then 2 is offered again at its full value. */
    const double chain_scores[] = {0.1, 0.45, 0.5, 0.3};
    const size_t chain[] = {none, 0, 1, none};
    precis_order(chain_scores, 4, order);
    precis_selector_set_checks(&sel, &(precis_repeat_checks){.antecedent = chain});
    assert_int_equal(
        precis_select_diverse(&sel, order, 4, 4, three, NULL, NULL, NULL, 0.0, chosen, &count),
        PRECIS_OK);
    assert_memory_equal(chosen, ((const unsigned char[]){1, 1, 1, 0}), 4);
    /* Put off, 2 is still worth more than 1 at its reduced value: it is
     * taken alone, and 1, put off in turn, makes way for 0. */
    const double high_scores[] = {0.1, 0.2, 0.5, 0.3};
    precis_order(high_scores, 4, order);
    assert_int_equal(
        precis_select_diverse(&sel, order, 4, 4, three, NULL, NULL, NULL, 0.0, chosen, &count),
        PRECIS_OK);
    assert_memory_equal(chosen, ((const unsigned char[]){1, 0, 1, 1}), 4);
    precis_budget four = {PRECIS_LENGTH_SENTENCES, 4.0};
    assert_int_equal(
        precis_select_diverse(&sel, order, 4, 4, four, NULL, NULL, NULL, 0.0, chosen, &count),
        PRECIS_OK);
    assert_int_equal(count, 4);
    precis_selector_free(&sel);
}

/* When the antecedent can never be chosen (it repeats a chosen sentence),
 * the sentence that leans on it is put off, then taken alone where it
 * fits: by a sentence budget, and by a word budget while its reduced value
 * is above 0. */
static void test_antecedent_out_of_reach(void **state)
{
    (void)state;
    static const double edges[][3] = {{0, 1, 0.95}};
    gsl_spmatrix *sim = graph(3, edges, 1);
    const double scores[] = {0.5, 0.3, 0.2};
    const size_t leans[] = {PRECIS_NO_SENTENCE, PRECIS_NO_SENTENCE, 1};
    const size_t words[] = {5, 5, 5};
    precis_ranked order[3];
    precis_order(scores, 3, order);
    precis_selector sel = {0};
    precis_selector_set_checks(&sel, &(precis_repeat_checks){.antecedent = leans});
    unsigned char chosen[3];
    size_t count;
    assert_int_equal(
        precis_select_diverse(&sel, order, 3, 3, two, NULL, NULL, sim, 0.0, chosen, &count),
        PRECIS_OK);
    assert_memory_equal(chosen, ((const unsigned char[]){1, 0, 1}), 3);
    precis_budget ten_words = {PRECIS_LENGTH_WORDS, 10.0};
    assert_int_equal(
        precis_select_diverse(&sel, order, 3, 3, ten_words, words, NULL, sim, 0.0, chosen, &count),
        PRECIS_OK);
    assert_int_equal(count, 2);
    assert_memory_equal(chosen, ((const unsigned char[]){1, 0, 1}), 3);
    /* Without room for it, one. */
    precis_budget nine_words = {PRECIS_LENGTH_WORDS, 9.0};
    assert_int_equal(
        precis_select_diverse(&sel, order, 3, 3, nine_words, words, NULL, sim, 0.0, chosen, &count),
        PRECIS_OK);
    assert_memory_equal(chosen, ((const unsigned char[]){1, 0, 0}), 3);
    precis_selector_free(&sel);
    gsl_spmatrix_free(sim);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_ties_by_position),
        cmocka_unit_test(test_relevance_against_redundancy),
        cmocka_unit_test(test_near_duplicates_never_chosen),
        cmocka_unit_test(test_duplicates_confirmed_by_wording),
        cmocka_unit_test(test_same_as_plain_selection),
        cmocka_unit_test(test_word_budget_skips_long),
        cmocka_unit_test(test_candidates_subset_and_errors),
        cmocka_unit_test(test_antecedents),
        cmocka_unit_test(test_antecedent_out_of_reach),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
