/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_select.c - budget validation, rank order and the filling policy:
 * the choice of sentences under sentence, ratio, word and character
 * budgets, with fragments that may not stand alone.
 */
#include "test_helpers.h"

#include <string.h>

#include "select.h"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_N 12

typedef struct check_case {
    precis_length_unit unit;
    double value;
    int valid;
} check_case;

static void test_budget_check(void **state)
{
    (void)state;
    const check_case cases[] = {
        {PRECIS_LENGTH_SENTENCES, 1.0, 1},
        {PRECIS_LENGTH_SENTENCES, 3.0, 1},
        {PRECIS_LENGTH_SENTENCES, 1e15, 1},
        {PRECIS_LENGTH_SENTENCES, 1e15 + 1.0, 0},
        {PRECIS_LENGTH_SENTENCES, 0.0, 0},
        {PRECIS_LENGTH_SENTENCES, -0.0, 0},
        {PRECIS_LENGTH_SENTENCES, -1.0, 0},
        {PRECIS_LENGTH_SENTENCES, 2.5, 0},
        {PRECIS_LENGTH_SENTENCES, 0.5, 0},
        {PRECIS_LENGTH_SENTENCES, NAN, 0},
        {PRECIS_LENGTH_SENTENCES, INFINITY, 0},
        {PRECIS_LENGTH_SENTENCES, -INFINITY, 0},
        {PRECIS_LENGTH_WORDS, 1.0, 1},
        {PRECIS_LENGTH_WORDS, 250.0, 1},
        {PRECIS_LENGTH_WORDS, 0.0, 0},
        {PRECIS_LENGTH_WORDS, -5.0, 0},
        {PRECIS_LENGTH_WORDS, 10.25, 0},
        {PRECIS_LENGTH_WORDS, NAN, 0},
        {PRECIS_LENGTH_CHARS, 1.0, 1},
        {PRECIS_LENGTH_CHARS, 1000.0, 1},
        {PRECIS_LENGTH_CHARS, 0.0, 0},
        {PRECIS_LENGTH_CHARS, 99.9, 0},
        {PRECIS_LENGTH_CHARS, INFINITY, 0},
        {PRECIS_LENGTH_CHARS, NAN, 0},
        {PRECIS_LENGTH_RATIO, 0.5, 1},
        {PRECIS_LENGTH_RATIO, 1.0, 1},
        {PRECIS_LENGTH_RATIO, 1e-9, 1},
        {PRECIS_LENGTH_RATIO, 0.0, 0},
        {PRECIS_LENGTH_RATIO, -0.0, 0},
        {PRECIS_LENGTH_RATIO, -0.5, 0},
        {PRECIS_LENGTH_RATIO, 1.0000001, 0},
        {PRECIS_LENGTH_RATIO, 2.0, 0},
        {PRECIS_LENGTH_RATIO, NAN, 0},
        {PRECIS_LENGTH_RATIO, INFINITY, 0},
        {(precis_length_unit)42, 3.0, 0},
    };
    size_t failures = 0;
    for (size_t i = 0; i < NELEMS(cases); i++) {
        int got = precis_budget_check(cases[i].unit, cases[i].value) != 0;
        if (got != cases[i].valid) {
            print_error("unit %d value %g: want %d, got %d\n", (int)cases[i].unit, cases[i].value,
                        cases[i].valid, got);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

static void test_ratio_count(void **state)
{
    (void)state;
    /* Ratios that are exact in binary, so that "half" really is half. */
    static const struct {
        double ratio;
        size_t n, expected;
    } cases[] = {
        {0.5, 4, 2},    {0.5, 3, 2},     /* 1.5 rounds half up */
        {0.5, 5, 3},    {0.25, 10, 3},   /* 2.5 -> 3 */
        {0.375, 4, 2},  {0.625, 4, 3},   /* 1.5 -> 2, 2.5 -> 3 */
        {0.75, 10, 8},  {0.25, 9, 2},    /* 7.5 -> 8, 2.25 -> 2 */
        {0.3, 10, 3},   {0.26, 10, 3},   /* nearest: 2.6 -> 3 */
        {0.24, 10, 2},  {0.2, 7, 1},     /* 2.4 -> 2, 1.4 -> 1 */
        {0.25, 2, 1},   {0.1, 3, 1},     /* 0.5 and 0.3: at least one */
        {1e-9, 5, 1},   {0.01, 100, 1},
        {1.0, 7, 7},    {1.0, 1, 1},     /* never more than n */
        {0.999, 3, 3},  {0.5, 1, 1},
        {0.5, 0, 0},    {1.0, 0, 0},     /* nothing from nothing */
    };
    size_t failures = 0;
    for (size_t i = 0; i < NELEMS(cases); i++) {
        size_t got = precis_ratio_count(cases[i].ratio, cases[i].n);
        if (got != cases[i].expected) {
            print_error("ratio %g of %zu: want %zu, got %zu\n", cases[i].ratio, cases[i].n,
                        cases[i].expected, got);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

static void test_order(void **state)
{
    (void)state;
    static const struct {
        size_t n;
        double scores[MAX_N];
        size_t expected[MAX_N];
    } cases[] = {
        {1, {0.3}, {0}},
        {2, {0.2, 0.8}, {1, 0}},
        {3, {0.5, 0.5, 0.5}, {0, 1, 2}}, /* all tied: document order */
        {5, {0.1, 0.3, 0.3, 0.2, 0.3}, {1, 2, 4, 3, 0}},
        {6, {0.0, 0.25, 0.0, 0.5, 0.25, 0.0}, {3, 1, 4, 0, 2, 5}},
        {4, {1e-17, 2e-17, 1e-17, 0.0}, {1, 0, 2, 3}},
    };
    for (size_t c = 0; c < NELEMS(cases); c++) {
        precis_ranked order[MAX_N];
        precis_order(cases[c].scores, cases[c].n, order);
        for (size_t k = 0; k < cases[c].n; k++) {
            assert_int_equal(order[k].index, cases[c].expected[k]);
            assert_true(order[k].score == cases[c].scores[cases[c].expected[k]]);
        }
    }
    precis_ranked none[1] = {{-1.0, 99}};
    precis_order(NULL, 0, none);
    assert_int_equal(none[0].index, 99);
}

typedef struct select_case {
    const char *what;
    size_t n;
    double scores[MAX_N];
    size_t lengths[MAX_N];
    precis_length_unit unit;
    double value;
    const char *chosen;     /* '1' or '0' per sentence in document order */
    const char *standalone; /* the same for the sentences that may stand alone; NULL: all */
} select_case;

/* Lengths only matter for word and character budgets; the same lengths
 * are used for both. In most cases the order is 0, 1, 2, ... by score. */
static const select_case select_cases[] = {
    /* Sentence counts. */
    {"n = 1, N = 1", 1, {1.0}, {5}, PRECIS_LENGTH_SENTENCES, 1, "1", NULL},
    {"n = 1, N = 3", 1, {1.0}, {5}, PRECIS_LENGTH_SENTENCES, 3, "1", NULL},
    {"n = 2, N = 3", 2, {0.4, 0.6}, {5, 5}, PRECIS_LENGTH_SENTENCES, 3, "11", NULL},
    {"n = 2, N = 1", 2, {0.4, 0.6}, {5, 5}, PRECIS_LENGTH_SENTENCES, 1, "01", NULL},
    {"n = 3, N = 3", 3, {0.2, 0.5, 0.3}, {1, 1, 1}, PRECIS_LENGTH_SENTENCES, 3, "111", NULL},
    {"n = 3, N = 2", 3, {0.2, 0.5, 0.3}, {1, 1, 1}, PRECIS_LENGTH_SENTENCES, 2, "011", NULL},
    {"n = 3, N = 1e15", 3, {0.2, 0.5, 0.3}, {1, 1, 1}, PRECIS_LENGTH_SENTENCES, 1e15, "111", NULL},
    {"tie at the cut", 4, {0.3, 0.2, 0.3, 0.2}, {1, 1, 1, 1}, PRECIS_LENGTH_SENTENCES, 3, "1110",
     NULL},
    /* Fragments come after every sentence that may stand alone, and make
     * up the count when there are too few of those. */
    {"fragment passed over", 4, {0.4, 0.3, 0.2, 0.1}, {5, 2, 5, 5}, PRECIS_LENGTH_SENTENCES, 2,
     "1010", "1011"},
    {"fragments make up the count", 4, {0.4, 0.3, 0.2, 0.1}, {5, 2, 2, 2},
     PRECIS_LENGTH_SENTENCES, 3, "1110", "1000"},
    {"no sentence stands alone", 3, {0.2, 0.5, 0.3}, {1, 1, 1}, PRECIS_LENGTH_SENTENCES, 2, "011",
     "000"},
    /* Ratios. */
    {"ratio 1/2 of 3", 3, {0.2, 0.5, 0.3}, {1, 1, 1}, PRECIS_LENGTH_RATIO, 0.5, "011", NULL},
    {"ratio tiny", 3, {0.2, 0.5, 0.3}, {1, 1, 1}, PRECIS_LENGTH_RATIO, 0.01, "010", NULL},
    {"ratio 1", 2, {0.2, 0.8}, {1, 1}, PRECIS_LENGTH_RATIO, 1.0, "11", NULL},
    /* Words, lengths 5 3 4 2 in rank order 0 1 2 3. */
    {"fits exactly", 4, {0.4, 0.3, 0.2, 0.1}, {5, 3, 4, 2}, PRECIS_LENGTH_WORDS, 8, "1100", NULL},
    {"the rest filled", 4, {0.4, 0.3, 0.2, 0.1}, {5, 3, 4, 2}, PRECIS_LENGTH_WORDS, 7, "1001",
     NULL},
    /* The top sentence alone is worth 1, the best that fits 0.75. */
    {"top one too long", 4, {0.4, 0.3, 0.2, 0.1}, {5, 3, 4, 2}, PRECIS_LENGTH_WORDS, 4, "1000",
     NULL},
    {"only the last fits", 4, {0.4, 0.3, 0.2, 0.1}, {5, 3, 4, 2}, PRECIS_LENGTH_WORDS, 2, "1000",
     NULL},
    {"nothing fits", 4, {0.4, 0.3, 0.2, 0.1}, {5, 3, 4, 2}, PRECIS_LENGTH_WORDS, 1, "1000", NULL},
    {"everything fits", 4, {0.4, 0.3, 0.2, 0.1}, {5, 3, 4, 2}, PRECIS_LENGTH_WORDS, 14, "1111",
     NULL},
    {"more than everything", 4, {0.4, 0.3, 0.2, 0.1}, {5, 3, 4, 2}, PRECIS_LENGTH_WORDS, 1000,
     "1111", NULL},
    /* Too long, the top one gives way to what fits and is worth more
     * (0.8 + 0.7 + 0.6 against 1). */
    {"top one gives way", 4, {1.0, 0.8, 0.7, 0.6}, {12, 3, 3, 3}, PRECIS_LENGTH_WORDS, 9, "0111",
     NULL},
    /* Rank order 2 0 3 1 with lengths 6 3 4 1: take 2, then 1 fills. */
    {"ranked skip", 4, {0.3, 0.1, 0.4, 0.2}, {3, 1, 6, 4}, PRECIS_LENGTH_WORDS, 8, "0110", NULL},
    {"ranked nothing fits", 3, {0.1, 0.7, 0.2}, {9, 8, 9}, PRECIS_LENGTH_WORDS, 5, "010", NULL},
    /* What is left (5 words) is filled best by 3 and 4 (3 + 2 words, worth
     * 0.45), not by 2 alone (4 words, 0.3), which rank order would take. */
    {"best subset", 5, {0.4, 0.35, 0.3, 0.25, 0.2}, {5, 6, 4, 3, 2}, PRECIS_LENGTH_WORDS, 10,
     "10011", NULL},
    /* Only the PRECIS_FILL_WINDOW sentences after the first that overflows
     * are weighed: the last one here is not, though it would fit. */
    {"window", 10, {0.5, 0.4, 0.3, 0.2, 0.18, 0.16, 0.14, 0.12, 0.11, 0.1},
     {5, 9, 9, 9, 9, 9, 9, 9, 1, 1}, PRECIS_LENGTH_WORDS, 6, "1000000010", NULL},
    /* A fragment never fills what is left. */
    {"fragment never fills", 4, {0.4, 0.3, 0.2, 0.1}, {5, 2, 3, 1}, PRECIS_LENGTH_WORDS, 8, "1010",
     "1010"},
    {"fragment at the top", 3, {0.5, 0.3, 0.2}, {2, 5, 5}, PRECIS_LENGTH_WORDS, 10, "011", "011"},
    /* Characters follow the same rules. */
    {"chars exact", 3, {0.5, 0.3, 0.2}, {40, 25, 30}, PRECIS_LENGTH_CHARS, 65, "110", NULL},
    {"chars skip", 3, {0.5, 0.3, 0.2}, {40, 35, 30}, PRECIS_LENGTH_CHARS, 70, "101", NULL},
    {"chars one over", 3, {0.5, 0.3, 0.2}, {40, 25, 30}, PRECIS_LENGTH_CHARS, 39, "100", NULL},
    {"chars none fit", 3, {0.5, 0.3, 0.2}, {40, 25, 30}, PRECIS_LENGTH_CHARS, 24, "100", NULL},
    {"chars n = 1 too long", 1, {1.0}, {40}, PRECIS_LENGTH_CHARS, 10, "1", NULL},
    {"words n = 2 both fit", 2, {0.5, 0.5}, {3, 3}, PRECIS_LENGTH_WORDS, 6, "11", NULL},
};

static void test_select(void **state)
{
    (void)state;
    size_t failures = 0;
    for (size_t c = 0; c < NELEMS(select_cases); c++) {
        const select_case *sc = &select_cases[c];
        precis_ranked order[MAX_N];
        unsigned char chosen[MAX_N + 1];
        unsigned char standalone[MAX_N];
        memset(chosen, 0xAA, sizeof chosen);
        precis_order(sc->scores, sc->n, order);
        precis_budget budget = {sc->unit, sc->value};
        assert_true(precis_budget_check(sc->unit, sc->value));
        const size_t *lengths = sc->unit == PRECIS_LENGTH_WORDS || sc->unit == PRECIS_LENGTH_CHARS
                                    ? sc->lengths
                                    : NULL;
        for (size_t i = 0; sc->standalone != NULL && i < sc->n; i++)
            standalone[i] = sc->standalone[i] == '1';
        size_t count = precis_select(order, sc->n, budget, lengths,
                                     sc->standalone != NULL ? standalone : NULL, chosen);
        char got[MAX_N + 1];
        size_t marked = 0;
        for (size_t i = 0; i < sc->n; i++) {
            assert_true(chosen[i] == 0 || chosen[i] == 1);
            got[i] = chosen[i] ? '1' : '0';
            marked += chosen[i];
        }
        got[sc->n] = '\0';
        assert_int_equal(chosen[sc->n], 0xAA); /* nothing written past n */
        if (strcmp(got, sc->chosen) != 0 || count != marked) {
            print_error("%s: want %s, got %s (count %zu)\n", sc->what, sc->chosen, got, count);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

/* No sentences: nothing chosen, whatever the budget. */
static void test_select_empty(void **state)
{
    (void)state;
    static const precis_budget budgets[] = {{PRECIS_LENGTH_SENTENCES, 3},
                                            {PRECIS_LENGTH_RATIO, 0.5},
                                            {PRECIS_LENGTH_WORDS, 10},
                                            {PRECIS_LENGTH_CHARS, 10}};
    for (size_t b = 0; b < NELEMS(budgets); b++) {
        unsigned char chosen[1] = {0xAA};
        precis_ranked order[1] = {{0.0, 0}};
        size_t lengths[1] = {0};
        assert_int_equal(precis_select(order, 0, budgets[b], lengths, NULL, chosen), 0);
        assert_int_equal(chosen[0], 0xAA);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_budget_check),
        cmocka_unit_test(test_ratio_count),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_select),
        cmocka_unit_test(test_select_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
