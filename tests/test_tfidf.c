/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_tfidf.c - term ids, document frequencies and the weighted,
 * normalized sentence vectors.
 */
#include "fixture_tokens.h"

#include "tfidf.h"
#include "util.h"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

static int same_term(const precis_tokens *tok, size_t a, size_t b)
{
    size_t la, lb;
    const char *ta = fixture_term(tok, a, &la), *tb = fixture_term(tok, b, &lb);
    return la == lb && memcmp(ta, tb, la) == 0;
}

/* Every invariant of a built tf against its tokens, checked the slow way:
 * ids agree exactly when spellings do, df is the count of sentences with
 * the term, rows hold each term of their sentence once in increasing id
 * order with the term count times the idf, scaled to norm 1. */
static void check_invariants(const precis_tfidf *tf, const precis_tokens *tok, size_t n)
{
    assert_int_equal(tf->n, n);
    for (size_t a = 0; a < tok->count; a++) {
        assert_true(tf->token_id[a] < tf->nterms);
        /* The vocabulary id and the term id name each other. */
        uint32_t term = UINT32_MAX;
        assert_true(precis_tfidf_term_of(tf, tok->ids[a], &term));
        assert_int_equal(term, tf->token_id[a]);
        assert_int_equal(tf->vocab_id[term], tok->ids[a]);
        /* Ids by first appearance: a token's id is at most one more
         * than every id before it. */
        uint32_t next = 0;
        for (size_t b = 0; b < a; b++)
            next = tf->token_id[b] + 1 > next ? tf->token_id[b] + 1 : next;
        assert_true(tf->token_id[a] <= next);
        for (size_t b = a + 1; b < tok->count; b++)
            assert_int_equal(tf->token_id[a] == tf->token_id[b], same_term(tok, a, b));
    }
    /* Every id is used: ids are dense. */
    for (size_t t = 0; t < tf->nterms; t++) {
        size_t uses = 0;
        for (size_t k = 0; k < tok->count; k++)
            uses += tf->token_id[k] == t;
        assert_true(uses > 0);
        size_t df = 0;
        for (size_t i = 0; i < n; i++) {
            int holds = 0;
            for (size_t k = tok->sents[i].first; k < tok->sents[i + 1].first; k++)
                holds |= tf->token_id[k] == t;
            df += (size_t)holds;
        }
        assert_int_equal(tf->df[t], df);
    }
    assert_int_equal(tf->row[0], 0);
    for (size_t i = 0; i < n; i++) {
        size_t first = tok->sents[i].first, last = tok->sents[i + 1].first;
        assert_true(tf->row[i] <= tf->row[i + 1]);
        if (first == last) {
            assert_int_equal(tf->row[i], tf->row[i + 1]);
            continue;
        }
        double norm = 0.0, raw_norm = 0.0;
        for (size_t k = tf->row[i]; k < tf->row[i + 1]; k++) {
            if (k > tf->row[i])
                assert_true(tf->term[k - 1] < tf->term[k]);
            norm += tf->weight[k] * tf->weight[k];
            size_t count = 0;
            for (size_t j = first; j < last; j++)
                count += tf->token_id[j] == tf->term[k];
            assert_true(count > 0);
            double idf = log((1.0 + (double)n) / (1.0 + tf->df[tf->term[k]])) + 1.0;
            raw_norm += (double)count * idf * (double)count * idf;
        }
        assert_double_near(1.0, sqrt(norm), 1e-12);
        /* Each weight is count * idf / norm of the unnormalized row. */
        raw_norm = sqrt(raw_norm);
        for (size_t k = tf->row[i]; k < tf->row[i + 1]; k++) {
            size_t count = 0;
            for (size_t j = first; j < last; j++)
                count += tf->token_id[j] == tf->term[k];
            double idf = log((1.0 + (double)n) / (1.0 + tf->df[tf->term[k]])) + 1.0;
            assert_double_near((double)count * idf / raw_norm, tf->weight[k], 1e-12);
        }
    }
}

/* Three sentences worked out by hand (n = 3):
 *   s0 = x y x   s1 = z y   s2 = z
 * ids by first appearance: x 0, y 1, z 2; df: x 1, y 2, z 2;
 * idf(x) = ln(4/2) + 1 = 1.6931471805599454, idf(y) = idf(z) =
 * ln(4/3) + 1 = 1.2876820724517808.
 * s0 = (2 idf(x), idf(y)) / |.| = (0.9347019636214325, 0.3554324678504174);
 * s1 = (idf(y), idf(z)) / |.| = both 1/sqrt(2); s2 = (1). */
static void test_hand_example(void **state)
{
    (void)state;
    const char *const sentences[] = {"x y x", "z y", "z"};
    precis_tokens tok;
    fixture_tokens(&tok, sentences, 3);
    precis_tfidf tf = {0};
    assert_int_equal(fixture_tfidf_build(&tf, &tok, 3, NULL), PRECIS_OK);

    assert_int_equal(tf.nterms, 3);
    static const uint32_t ids[] = {0, 1, 0, 2, 1, 2};
    for (size_t k = 0; k < NELEMS(ids); k++)
        assert_int_equal(tf.token_id[k], ids[k]);
    static const uint32_t df[] = {1, 2, 2};
    for (size_t t = 0; t < NELEMS(df); t++)
        assert_int_equal(tf.df[t], df[t]);

    static const size_t row[] = {0, 2, 4, 5};
    static const uint32_t term[] = {0, 1, 1, 2, 2};
    static const double weight[] = {0.9347019636214325, 0.3554324678504174,
                                    0.7071067811865475, 0.7071067811865475, 1.0};
    for (size_t i = 0; i < NELEMS(row); i++)
        assert_int_equal(tf.row[i], row[i]);
    for (size_t k = 0; k < NELEMS(term); k++) {
        assert_int_equal(tf.term[k], term[k]);
        assert_double_near(weight[k], tf.weight[k], 1e-15);
    }
    check_invariants(&tf, &tok, 3);
    precis_tfidf_free(&tf);
    precis_tokens_free(&tok);
}

/* A term in every sentence has idf ln(1) + 1 = 1, not 0, so a sentence
 * made of it alone still has a vector. */
static void test_term_everywhere(void **state)
{
    (void)state;
    const char *const sentences[] = {"w", "w v", "w w"};
    precis_tokens tok;
    fixture_tokens(&tok, sentences, 3);
    precis_tfidf tf = {0};
    assert_int_equal(fixture_tfidf_build(&tf, &tok, 3, NULL), PRECIS_OK);
    assert_int_equal(tf.df[0], 3);
    assert_int_equal(tf.row[1] - tf.row[0], 1);
    assert_double_near(1.0, tf.weight[tf.row[0]], 1e-15);
    assert_double_near(1.0, tf.weight[tf.row[2]], 1e-15);
    /* s1: w with idf 1 and v with idf ln(4/2) + 1. */
    assert_int_equal(tf.term[tf.row[1]], 0);
    assert_double_near(0.5085423203783267, tf.weight[tf.row[1]], 1e-15);
    assert_double_near(0.8610369959439764, tf.weight[tf.row[1] + 1], 1e-15);
    check_invariants(&tf, &tok, 3);
    precis_tfidf_free(&tf);
    precis_tokens_free(&tok);
}

static void test_empty_rows(void **state)
{
    (void)state;
    const char *const sentences[] = {"", "ab cd", "", "cd", ""};
    precis_tokens tok;
    fixture_tokens(&tok, sentences, 5);
    precis_tfidf tf = {0};
    assert_int_equal(fixture_tfidf_build(&tf, &tok, 5, NULL), PRECIS_OK);
    static const size_t row[] = {0, 0, 2, 2, 3, 3};
    for (size_t i = 0; i < NELEMS(row); i++)
        assert_int_equal(tf.row[i], row[i]);
    check_invariants(&tf, &tok, 5);
    precis_tokens_free(&tok);

    /* Sentences without a single term anywhere. */
    const char *const none[] = {"", ""};
    fixture_tokens(&tok, none, 2);
    assert_int_equal(fixture_tfidf_build(&tf, &tok, 2, NULL), PRECIS_OK);
    assert_int_equal(tf.nterms, 0);
    assert_int_equal(tf.row[0], 0);
    assert_int_equal(tf.row[1], 0);
    assert_int_equal(tf.row[2], 0);
    precis_tokens_free(&tok);

    /* No sentences. */
    fixture_tokens(&tok, NULL, 0);
    assert_int_equal(fixture_tfidf_build(&tf, &tok, 0, NULL), PRECIS_OK);
    assert_int_equal(tf.n, 0);
    assert_int_equal(tf.nterms, 0);
    assert_int_equal(tf.row[0], 0);
    precis_tokens_free(&tok);
    precis_tfidf_free(&tf);
}

/* Terms that differ only in length or in one byte are different terms;
 * terms are bytes, not strings (an embedded prefix is not a match). */
static void test_distinct_spellings(void **state)
{
    (void)state;
    const char *const sentences[] = {"ab abc a ab", "abc ba ab", "b\xc3\xa9 be"};
    precis_tokens tok;
    fixture_tokens(&tok, sentences, 3);
    precis_tfidf tf = {0};
    assert_int_equal(fixture_tfidf_build(&tf, &tok, 3, NULL), PRECIS_OK);
    /* ab abc a ba bé be */
    assert_int_equal(tf.nterms, 6);
    static const uint32_t ids[] = {0, 1, 2, 0, 1, 3, 0, 4, 5};
    for (size_t k = 0; k < NELEMS(ids); k++)
        assert_int_equal(tf.token_id[k], ids[k]);
    check_invariants(&tf, &tok, 3);
    precis_tfidf_free(&tf);
    precis_tokens_free(&tok);
}

/* Random documents of several sizes; the largest has more distinct terms
 * than the dictionary's initial 64 slots, so probing and growth are used. */
static void test_random_documents(void **state)
{
    (void)state;
    static const struct {
        size_t n, vocab, max_terms;
    } sizes[] = {{1, 5, 4}, {2, 3, 3}, {10, 8, 6}, {40, 30, 8}, {120, 400, 12}};
    static char text[32768];
    const char *sentences[128];
    precis_tfidf tf = {0};
    for (size_t s = 0; s < NELEMS(sizes); s++) {
        fixture_random_sentences(1000 + s, sizes[s].n, sizes[s].vocab, sizes[s].max_terms, text,
                                 sizeof text, sentences);
        precis_tokens tok;
        fixture_tokens(&tok, sentences, sizes[s].n);
        assert_int_equal(fixture_tfidf_build(&tf, &tok, sizes[s].n, NULL), PRECIS_OK);
        check_invariants(&tf, &tok, sizes[s].n);
        if (s == NELEMS(sizes) - 1)
            assert_true(tf.nterms > 64);
        precis_tokens_free(&tok);
    }
    precis_tfidf_free(&tf);
}

/* A reused tf gives what a fresh one gives, after a bigger document. */
static void test_reuse(void **state)
{
    (void)state;
    static char text[32768];
    const char *sentences[100];
    fixture_random_sentences(7, 100, 300, 10, text, sizeof text, sentences);
    precis_tokens big;
    fixture_tokens(&big, sentences, 100);
    precis_tfidf reused = {0}, fresh = {0};
    assert_int_equal(fixture_tfidf_build(&reused, &big, 100, NULL), PRECIS_OK);

    const char *const small_sentences[] = {"x y x", "z y", "z"};
    precis_tokens small;
    fixture_tokens(&small, small_sentences, 3);
    assert_int_equal(fixture_tfidf_build(&reused, &small, 3, NULL), PRECIS_OK);
    assert_int_equal(fixture_tfidf_build(&fresh, &small, 3, NULL), PRECIS_OK);
    assert_int_equal(reused.nterms, fresh.nterms);
    assert_memory_equal(reused.token_id, fresh.token_id, small.count * sizeof *fresh.token_id);
    assert_memory_equal(reused.df, fresh.df, fresh.nterms * sizeof *fresh.df);
    assert_memory_equal(reused.row, fresh.row, 4 * sizeof *fresh.row);
    assert_memory_equal(reused.term, fresh.term, fresh.row[3] * sizeof *fresh.term);
    assert_memory_equal(reused.weight, fresh.weight, fresh.row[3] * sizeof *fresh.weight);

    precis_tfidf_free(&fresh);
    precis_tfidf_free(&reused);
    precis_tfidf_free(&reused);
    precis_tokens_free(&small);
    precis_tokens_free(&big);
}

/* When the build counter wraps around, the stamps start over: a term of
 * the document before is not taken for one of the new document. */
static void test_stamp_wraparound(void **state)
{
    (void)state;
    precis_tokens both;
    const char *const all[] = {"aa bb", "cc aa", "dd bb", "ee"};
    fixture_tokens(&both, all, 4);
    /* Two documents, "aa bb. cc aa." then "dd bb. ee.", as slices of one
     * token list over one vocabulary. */
    precis_sentence_terms tail[3] = {both.sents[2], both.sents[3], both.sents[4]};
    for (size_t i = 0; i < 3; i++)
        tail[i].first -= both.sents[2].first;
    const uint32_t *tail_ids = both.ids + both.sents[2].first;

    precis_tfidf tf = {0}, fresh = {0};
    assert_int_equal(precis_tfidf_build(&tf, both.ids, both.sents, 2, &both.vocab, NULL),
                     PRECIS_OK);
    assert_int_equal(tf.nterms, 3);
    tf.build = UINT32_MAX;
    assert_int_equal(precis_tfidf_build(&tf, tail_ids, tail, 2, &both.vocab, NULL), PRECIS_OK);
    assert_int_equal(tf.build, 1);
    assert_int_equal(precis_tfidf_build(&fresh, tail_ids, tail, 2, &both.vocab, NULL),
                     PRECIS_OK);
    assert_int_equal(tf.nterms, 3);
    assert_int_equal(fresh.nterms, 3);
    assert_memory_equal(tf.token_id, fresh.token_id, 3 * sizeof *tf.token_id);
    assert_memory_equal(tf.weight, fresh.weight, tf.row[2] * sizeof *tf.weight);
    uint32_t term;
    assert_false(precis_tfidf_term_of(&tf, both.ids[0], &term)); /* aa */
    assert_true(precis_tfidf_term_of(&tf, both.ids[1], &term));  /* bb */
    assert_int_equal(term, 1);
    precis_tfidf_free(&fresh);
    precis_tfidf_free(&tf);
    precis_tokens_free(&both);
}

static int compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* precis_sort_u32 (util.h), which sorts each sentence's terms, against
 * qsort: every length to 300 and a few long ones, in random order (few
 * and many distinct values), sorted, reversed, all equal, organ pipe and
 * sawtooth; the same with its fallback, precis_heapsort_u32, alone. */
static void test_sort(void **state)
{
    (void)state;
    enum { MAX = 20000 };
    uint32_t *a = malloc(MAX * sizeof *a), *want = malloc(MAX * sizeof *want),
             *heap = malloc(MAX * sizeof *heap);
    assert_non_null(a);
    assert_non_null(heap);
    assert_non_null(want);
    uint64_t seed = 15;
    for (size_t n = 0; n <= 300 + 4; n++) {
        size_t len = n <= 300 ? n : n == 301 ? 1000 : n == 302 ? 4097 : MAX;
        for (int kind = 0; kind < 7; kind++) {
            for (size_t i = 0; i < len; i++) {
                seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
                uint32_t r = (uint32_t)(seed >> 32);
                a[i] = kind == 0   ? r
                       : kind == 1 ? r % 5
                       : kind == 2 ? (uint32_t)i
                       : kind == 3 ? (uint32_t)(len - i)
                       : kind == 4 ? 7u
                       : kind == 5 ? (uint32_t)(i < len / 2 ? i : len - i)
                                   : (uint32_t)(i % 17);
            }
            memcpy(want, a, len * sizeof *a);
            memcpy(heap, a, len * sizeof *a);
            qsort(want, len, sizeof *want, compare_u32);
            precis_sort_u32(a, len);
            precis_heapsort_u32(heap, len);
            if (len > 0) {
                assert_memory_equal(a, want, len * sizeof *a);
                assert_memory_equal(heap, want, len * sizeof *a);
            }
        }
    }
    free(a);
    free(heap);
    free(want);
}

/* The rows against their plain definition: each sentence's term ids
 * sorted (qsort) and their runs counted; with plain tf weights, scaled as
 * the build scales them, the same bits. Random documents, whole and
 * without their first sentence (whose tokens then come before every
 * sentence and only take ids), through one reused tf. */
static void test_rows_against_sorting(void **state)
{
    (void)state;
    static char text[32768];
    const char *sentences[64];
    precis_tfidf tf = {.weighting = PRECIS_WEIGHT_TF};
    for (size_t s = 0; s < 5; s++) {
        size_t n = 1 + 15 * s, vocab = 4 + 30 * s;
        fixture_random_sentences(300 + s, n, vocab, 14, text, sizeof text, sentences);
        precis_tokens tok;
        fixture_tokens(&tok, sentences, n);
        uint32_t *sorted = malloc((tok.count + 1) * sizeof *sorted);
        assert_non_null(sorted);
        for (size_t skip = 0; skip < 2 && skip < n; skip++) {
            const precis_sentence_terms *sents = tok.sents + skip;
            size_t m = n - skip;
            assert_int_equal(precis_tfidf_build(&tf, tok.ids, sents, m, &tok.vocab, NULL),
                             PRECIS_OK);
            uint32_t *df = calloc(tf.nterms + 1, sizeof *df);
            assert_non_null(df);
            for (size_t i = 0; i < m; i++) {
                size_t first = sents[i].first, len = sents[i + 1].first - first;
                memcpy(sorted, tf.token_id + first, len * sizeof *sorted);
                qsort(sorted, len, sizeof *sorted, compare_u32);
                size_t k = tf.row[i];
                double norm = 0.0;
                for (size_t a = 0; a < len;) {
                    size_t b = a;
                    while (b < len && sorted[b] == sorted[a])
                        b++;
                    norm += (double)(b - a) * (double)(b - a);
                    a = b;
                }
                norm = sqrt(norm);
                for (size_t a = 0; a < len; k++) {
                    size_t b = a;
                    while (b < len && sorted[b] == sorted[a])
                        b++;
                    assert_true(k < tf.row[i + 1]);
                    assert_int_equal(tf.term[k], sorted[a]);
                    double want = (double)(b - a) / norm;
                    assert_memory_equal(&tf.weight[k], &want, sizeof want);
                    df[sorted[a]]++;
                    a = b;
                }
                assert_int_equal(k, tf.row[i + 1]);
            }
            assert_memory_equal(tf.df, df, tf.nterms * sizeof *df);
            free(df);
        }
        free(sorted);
        precis_tokens_free(&tok);
    }
    precis_tfidf_free(&tf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_example),
        cmocka_unit_test(test_term_everywhere),
        cmocka_unit_test(test_empty_rows),
        cmocka_unit_test(test_distinct_spellings),
        cmocka_unit_test(test_random_documents),
        cmocka_unit_test(test_reuse),
        cmocka_unit_test(test_stamp_wraparound),
        cmocka_unit_test(test_sort),
        cmocka_unit_test(test_rows_against_sorting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
