/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_idf.c - corpus idf tables: counting, the text format and its sums,
 * malformed tables, and the weights the tables give.
 */
#include "fixture_tokens.h"

#include <stdlib.h>
#include <string.h>

#include "idf.h"
#include "output.h"
#include "tfidf.h"

static precis_idf *table_of(const char *const *docs, size_t n)
{
    precis_ctx *ctx;
    precis_idf *idf;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_ctx_set_language(ctx, "en"), PRECIS_OK);
    assert_int_equal(precis_idf_new(&idf), PRECIS_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(precis_idf_add(idf, ctx, docs[i], strlen(docs[i])), PRECIS_OK);
    precis_ctx_free(ctx);
    return idf;
}

static uint64_t df(const precis_idf *idf, const char *term)
{
    return precis_dftable_df(&idf->table, term, strlen(term));
}

static const char *const news[] = {
    "The river flooded the town. The river rose again.",
    "The river fell on Friday.",
    "The council met in the town hall.",
};

static void counts_each_term_once_per_document(void **state)
{
    (void)state;
    precis_idf *idf = table_of(news, 3);
    assert_int_equal(precis_idf_documents(idf), 3);
    assert_int_equal(df(idf, "river"), 2); /* twice in the first document, once counted */
    assert_int_equal(df(idf, "town"), 2);
    assert_int_equal(df(idf, "flood"), 1); /* stemmed */
    assert_int_equal(df(idf, "the"), 0);   /* a stopword is no term */
    assert_int_equal(df(idf, "nowhere"), 0);
    precis_idf_free(idf);
}

static char *written(const precis_idf *idf)
{
    precis_buffer *out = test_buffer();
    assert_int_equal(precis_idf_write(idf, out), PRECIS_OK);
    size_t len = precis_buffer_length(out);
    char *copy = malloc(len + 1);
    assert_non_null(copy);
    memcpy(copy, precis_buffer_data(out), len + 1);
    precis_buffer_free(out);
    return copy;
}

static void text_format_round_trips(void **state)
{
    (void)state;
    precis_idf *idf = table_of(news, 3);
    char *text = written(idf);
    assert_true(strncmp(text, "# precis idf 1\n# documents 3\n", 29) == 0);
    assert_non_null(strstr(text, "\nriver\t2\n"));
    /* Sorted by bytes. */
    assert_true(strstr(text, "\ncouncil\t") < strstr(text, "\nriver\t"));

    precis_idf *again;
    assert_int_equal(precis_idf_new(&again), PRECIS_OK);
    assert_int_equal(precis_idf_load(again, text, strlen(text), NULL), PRECIS_OK);
    char *text2 = written(again);
    assert_string_equal(text, text2);
    free(text);
    free(text2);
    precis_idf_free(idf);
    precis_idf_free(again);
}

static void concatenated_tables_add_up(void **state)
{
    (void)state;
    precis_idf *a = table_of(news, 2);
    precis_idf *b = table_of(news + 1, 2);
    char *ta = written(a), *tb = written(b);
    size_t la = strlen(ta), lb = strlen(tb);
    char *both = malloc(la + lb + 1);
    memcpy(both, ta, la);
    memcpy(both + la, tb, lb + 1);

    precis_idf *loaded;
    assert_int_equal(precis_idf_new(&loaded), PRECIS_OK);
    assert_int_equal(precis_idf_load(loaded, both, la + lb, NULL), PRECIS_OK);
    assert_int_equal(precis_idf_documents(loaded), 4);
    assert_int_equal(df(loaded, "river"), 3);
    assert_int_equal(df(loaded, "council"), 1);

    /* Merging gives the same table as loading both. */
    assert_int_equal(precis_idf_merge(a, b), PRECIS_OK);
    char *merged = written(a), *summed = written(loaded);
    assert_string_equal(merged, summed);
    assert_int_equal(precis_idf_merge(a, a), PRECIS_ERR_ARGUMENT);

    free(ta);
    free(tb);
    free(both);
    free(merged);
    free(summed);
    precis_idf_free(a);
    precis_idf_free(b);
    precis_idf_free(loaded);
}

static void malformed_tables_name_the_line(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t line;
    } cases[] = {
#define V "# precis idf 1\n"
        {V "# documents 2\nriver 2\n", 3},          /* no tab */
        {V "# documents 2\n\t2\n", 3},              /* no term */
        {V "# documents 2\nriver\t2x\n", 3},        /* not a count */
        {V "# documents 2\nriver\t\n", 3},          /* no count */
        {V "# documents two\nriver\t2\n", 2},       /* bad header */
        {V "river\t2\n", 0},                        /* no document count at all */
        {V "# documents 1\nriver\t1\n\nx\t1\n", 4}, /* an empty line */
        {"# documents 2\nriver\t2\n", 1},          /* no version line */
        {"", 1},                                    /* nothing at all */
        {"# precis idf 7\n# documents 2\nriver\t2\n", 1}, /* another version */
        {V "# documents 2\nriver\t2\n" "# precis idf 2\n# documents 1\n", 4},
        {V "# documents 2\nriver\t2\ntown\t13", 4}, /* cut inside a count */
        {V "# documents 50", 2},                    /* cut inside the header */
#undef V
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        precis_idf *idf;
        size_t line = 99;
        assert_int_equal(precis_idf_new(&idf), PRECIS_OK);
        assert_int_equal(precis_idf_load(idf, cases[i].text, strlen(cases[i].text), &line),
                         PRECIS_ERR_FORMAT);
        assert_int_equal(line, cases[i].line);
        precis_idf_free(idf);
    }
    /* Comments, CRLF line ends and concatenated tables are fine. */
    static const char ok[] = "# precis idf 1\r\n# made by hand\r\n# documents 3\r\nriver\t3\r\n"
                             "# precis idf 1\n# documents 2\ntown\t1\n";
    precis_idf *idf;
    assert_int_equal(precis_idf_new(&idf), PRECIS_OK);
    assert_int_equal(precis_idf_load(idf, ok, strlen(ok), NULL), PRECIS_OK);
    assert_int_equal(precis_idf_documents(idf), 5);
    assert_int_equal(df(idf, "river"), 3);
    assert_int_equal(df(idf, "town"), 1);
    precis_idf_free(idf);
}

/* Two one-term sentences, "river" and "flood", weighed against a corpus of
 * 9 documents where every one holds "river" and none "flood". */
static void corpus_idf_replaces_sentence_idf(void **state)
{
    (void)state;
    static const char table[] = "# precis idf 1\n# documents 9\nriver\t9\n";
    precis_idf *idf;
    assert_int_equal(precis_idf_new(&idf), PRECIS_OK);
    assert_int_equal(precis_idf_load(idf, table, strlen(table), NULL), PRECIS_OK);

    static const char *const sentences[] = {"river", "flood"};
    precis_tokens tok;
    fixture_tokens(&tok, sentences, 2);

    precis_tfidf tf = {0};
    precis_corpus_df corpus = {&idf->table, idf->documents};
    assert_int_equal(fixture_tfidf_build(&tf, &tok, 2, &corpus), PRECIS_OK);
    assert_int_equal(tf.nterms, 2);
    assert_double_near(1.0, tf.idf[tf.token_id[0]], 1e-12);
    assert_double_near(log(10.0) + 1.0, tf.idf[tf.token_id[1]], 1e-12);

    /* Without the table: each term in one of two sentences. */
    assert_int_equal(fixture_tfidf_build(&tf, &tok, 2, NULL), PRECIS_OK);
    assert_double_near(log(3.0 / 2.0) + 1.0, tf.idf[tf.token_id[0]], 1e-12);
    assert_double_near(log(3.0 / 2.0) + 1.0, tf.idf[tf.token_id[1]], 1e-12);
    precis_tfidf_free(&tf);
    precis_tokens_free(&tok);
    precis_idf_free(idf);
}

static void a_table_changes_the_summary(void **state)
{
    (void)state;
    /* The first sentence links the other two, by "budget" and by "flood".
     * With sentence-level idf both words weigh the same and so do the two
     * sentences; a corpus where "budget" is in every document makes that
     * link weak, and the flood sentence gets more of the first one's rank. */
    static const char text[] = "The budget flood report came out. The budget vote passed. "
                               "The flood hit the town.";
    static const char table[] = "# precis idf 1\n# documents 100\nbudget\t100\n";
    precis_ctx *ctx;
    precis_idf *idf;
    precis_result *plain, *weighed;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_idf_new(&idf), PRECIS_OK);
    assert_int_equal(precis_idf_load(idf, table, strlen(table), NULL), PRECIS_OK);
    assert_int_equal(precis_ctx_set_length(ctx, PRECIS_LENGTH_SENTENCES, 1), PRECIS_OK);
    /* TextRank weighs by idf with or without a table, so only the table
     * differs between the two runs. */
    assert_int_equal(precis_ctx_set_algorithm(ctx, PRECIS_ALGORITHM_TEXTRANK), PRECIS_OK);
    assert_int_equal(precis_summarize(ctx, text, strlen(text), &plain), PRECIS_OK);
    assert_int_equal(precis_ctx_set_idf(ctx, idf), PRECIS_OK);
    assert_int_equal(precis_summarize(ctx, text, strlen(text), &weighed), PRECIS_OK);
    sentence_list a_list = test_sentences(plain, 0);
    const precis_sentence *a = a_list.s;
    sentence_list b_list = test_sentences(weighed, 0);
    const precis_sentence *b = b_list.s;
    assert_int_equal(precis_result_sentence_count(plain), 3);
    assert_double_near(a[1].score, a[2].score, 1e-9);
    assert_true(b[2].score > b[1].score + 0.01);
    assert_int_equal(precis_ctx_set_idf(ctx, NULL), PRECIS_OK);
    precis_result *again;
    assert_int_equal(precis_summarize(ctx, text, strlen(text), &again), PRECIS_OK);
    for (size_t i = 0; i < precis_result_sentence_count(plain); i++)
        assert_double_near(a[i].score, test_sentence(again, i, 0).score, 0.0);
    precis_result_free(plain);
    precis_result_free(weighed);
    precis_result_free(again);
    precis_idf_free(idf);
    precis_ctx_free(ctx);
}

static void limits_and_arguments(void **state)
{
    (void)state;
    precis_ctx *ctx;
    precis_idf *idf;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_idf_new(&idf), PRECIS_OK);
    assert_int_equal(precis_ctx_set_limits(ctx, 10, 0), PRECIS_OK);
    assert_int_equal(precis_idf_add(idf, ctx, news[0], strlen(news[0])), PRECIS_ERR_TOO_LARGE);
    assert_int_equal(precis_idf_documents(idf), 0);
    assert_int_equal(precis_idf_add(NULL, ctx, "a", 1), PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_idf_add(idf, ctx, NULL, 3), PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_idf_add(idf, ctx, "", 0), PRECIS_OK); /* an empty document counts */
    assert_int_equal(precis_idf_documents(idf), 1);
    assert_int_equal(precis_idf_terms(idf), 0);
    assert_int_equal(precis_idf_new(NULL), PRECIS_ERR_ARGUMENT);
    precis_idf_free(NULL);
    precis_idf_free(idf);
    precis_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counts_each_term_once_per_document),
        cmocka_unit_test(text_format_round_trips),
        cmocka_unit_test(concatenated_tables_add_up),
        cmocka_unit_test(malformed_tables_name_the_line),
        cmocka_unit_test(corpus_idf_replaces_sentence_idf),
        cmocka_unit_test(a_table_changes_the_summary),
        cmocka_unit_test(limits_and_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
