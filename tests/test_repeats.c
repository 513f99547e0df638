/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_repeats.c - the ids of sentences that repeat one another: one id
 * per printed text and per sequence of terms, and in one language the
 * terms alone, which must group sentences exactly as both did.
 */
#include "test_helpers.h"

#include <string.h>

#include "repeats.h"

typedef struct sentence {
    const char *text;
    uint32_t terms[4];
    size_t nterms;
} sentence;

/* Texts with their terms as one tokenizer of one language would give
 * them: the same words give the same terms whatever the white space, and
 * sentences without terms differ in their stopwords or punctuation. */
static const sentence sentences[] = {
    {"The river rose.", {1, 2}, 2},
    {"The  river\nrose.", {1, 2}, 2},   /* the same printed text */
    {"the river rose!", {1, 2}, 2},     /* the same terms */
    {"The river fell.", {1, 3}, 2},
    {"Yes .", {0}, 0},
    {"Yes \t.", {0}, 0},
    {"Yes!", {0}, 0},
    {"Yes .", {0}, 0},
    {"The river rose.", {1, 2}, 2},
};
#define COUNT (sizeof sentences / sizeof sentences[0])

static void add_all(precis_repeats *r, int one_language)
{
    precis_repeats_clear(r);
    for (size_t i = 0; i < COUNT; i++) {
        const sentence *s = &sentences[i];
        assert_int_equal(precis_repeats_add(r, s->text, 0, strlen(s->text),
                                            s->nterms > 0 ? s->terms : NULL, s->nterms,
                                            one_language),
                         PRECIS_OK);
    }
    assert_int_equal(r->count, COUNT);
    for (size_t i = 0; i < 2 * COUNT; i++)
        assert_true(r->ids[i] < precis_repeats_keys(r));
}

/* Whether sentences a and b share an id: the test selection makes. */
static int share(const precis_repeats *r, size_t a, size_t b)
{
    const uint32_t *x = r->ids + 2 * a, *y = r->ids + 2 * b;
    return x[0] == y[0] || x[0] == y[1] || x[1] == y[0] || x[1] == y[1];
}

static void test_one_language_groups_as_both_keys(void **state)
{
    (void)state;
    precis_repeats both = {0}, terms = {0};
    both.texts.seed = terms.texts.seed = 7;
    add_all(&both, 0);
    add_all(&terms, 1);
    for (size_t a = 0; a < COUNT; a++)
        for (size_t b = 0; b < COUNT; b++)
            assert_int_equal(share(&both, a, b), share(&terms, a, b));
    /* A sentence with terms has one id in one language. */
    assert_int_equal(terms.ids[0], terms.ids[1]);
    assert_int_equal(precis_repeats_keys(&terms), 4);
    precis_repeats_free(&both);
    precis_repeats_free(&terms);
}

static void test_groups(void **state)
{
    (void)state;
    precis_repeats r = {0};
    r.texts.seed = 11;
    for (int one_language = 0; one_language <= 1; one_language++) {
        add_all(&r, one_language);
        assert_true(share(&r, 0, 1));
        assert_true(share(&r, 0, 2));
        assert_true(share(&r, 0, 8));
        assert_false(share(&r, 0, 3));
        assert_true(share(&r, 4, 5));
        assert_true(share(&r, 4, 7));
        assert_false(share(&r, 4, 6));
        assert_false(share(&r, 0, 4));
    }
    precis_repeats_free(&r);
}

/* Across languages the same text may have other terms: only the key of
 * the text finds it. */
static void test_texts_across_languages(void **state)
{
    (void)state;
    precis_repeats r = {0};
    r.texts.seed = 3;
    const char *text = "Le chat dort.";
    const uint32_t french[] = {5, 6}, english[] = {7, 8, 9};
    assert_int_equal(precis_repeats_add(&r, text, 0, strlen(text), french, 2, 0), PRECIS_OK);
    assert_int_equal(precis_repeats_add(&r, text, 0, strlen(text), english, 3, 0), PRECIS_OK);
    assert_true(share(&r, 0, 1));
    precis_repeats_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_language_groups_as_both_keys),
        cmocka_unit_test(test_groups),
        cmocka_unit_test(test_texts_across_languages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
