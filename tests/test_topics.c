/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_topics.c - topic digests through the public API: stories on a small
 * day of news with look-alike events, labels and summaries, independence
 * from the input order and the number of threads, at most N stories,
 * degenerate sets, errors and rendering.
 */
#define _POSIX_C_SOURCE 200809L

#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>

#include "precis.h"
#include "topics_articles.h"

#define N_ARTICLES TOPICS_ARTICLE_COUNT

static void make_documents(precis_document *docs, const size_t *order)
{
    static char names[N_ARTICLES][16];
    for (size_t i = 0; i < N_ARTICLES; i++) {
        size_t a = order != NULL ? order[i] : i;
        snprintf(names[a], sizeof names[a], "a%zu", a);
        docs[i] = (precis_document){topics_articles[a], strlen(topics_articles[a]), names[a],
                                    PRECIS_FROM_AUTO, NULL, NULL, 0};
    }
}

static precis_topics *group(precis_ctx *ctx, const precis_document *docs, size_t n,
                            size_t max_topics)
{
    precis_topics *t = NULL;
    precis_status st = precis_digest_topics(ctx, docs, n, sizeof *docs, max_topics, &t);
    if (st != PRECIS_OK)
        print_error("%s\n", precis_ctx_error(ctx));
    assert_int_equal(st, PRECIS_OK);
    assert_non_null(t);
    return t;
}

/* Every document in exactly one story. */
static void check_partition(const precis_topics *t, size_t n)
{
    unsigned char seen[64] = {0};
    assert_true(n <= sizeof seen);
    size_t total = 0;
    for (size_t k = 0; k < precis_topics_count(t); k++) {
        size_t size = precis_topics_size(t, k);
        assert_true(size > 0);
        for (size_t j = 0; j < size; j++) {
            size_t d = precis_topics_document(t, k, j);
            assert_true(d < n);
            assert_false(seen[d]);
            seen[d] = 1;
            if (j > 0)
                assert_true(precis_topics_document(t, k, j - 1) < d);
        }
        if (k > 0)
            assert_true(precis_topics_size(t, k - 1) >= size);
        total += size;
    }
    assert_int_equal(total, n);
}

static precis_ctx *new_ctx(void)
{
    precis_ctx *ctx;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_ctx_set_length(ctx, PRECIS_LENGTH_WORDS, 60), PRECIS_OK);
    return ctx;
}

static void look_alike_events_stay_apart(void **state)
{
    (void)state;
    precis_ctx *ctx = new_ctx();
    precis_document docs[N_ARTICLES];
    make_documents(docs, NULL);
    precis_topics *t = group(ctx, docs, N_ARTICLES, PRECIS_TOPICS_AUTO);
    check_partition(t, N_ARTICLES);
    /* Biggest first, ties by the earliest document: story k is event k. */
    assert_int_equal(precis_topics_count(t), 6);
    for (size_t k = 0; k < 6; k++) {
        assert_int_equal(precis_topics_size(t, k), k < 4 ? 3 : 1);
        for (size_t j = 0; j < precis_topics_size(t, k); j++)
            assert_int_equal(topics_event[precis_topics_document(t, k, j)], (int)k);
    }
    precis_topics_free(t);
    precis_ctx_free(ctx);
}

static void labels_and_summaries(void **state)
{
    (void)state;
    precis_ctx *ctx = new_ctx();
    precis_document docs[N_ARTICLES];
    make_documents(docs, NULL);
    precis_topics *t = group(ctx, docs, N_ARTICLES, PRECIS_TOPICS_AUTO);
    /* A headline of the story names it. */
    assert_non_null(strstr(precis_topics_label(t, 0), "Valparaiso"));
    assert_non_null(strstr(precis_topics_label(t, 1), "Sendai"));
    assert_non_null(strstr(precis_topics_label(t, 2), "Tara Reid"));
    assert_non_null(strstr(precis_topics_label(t, 3), "Lohan"));
    for (size_t k = 0; k < precis_topics_count(t); k++) {
        const char *label = precis_topics_label(t, k);
        assert_true(label[0] != '\0');
        assert_null(strchr(label, '\n'));
        const precis_result *sum = precis_topics_summary(t, k);
        assert_non_null(sum);
        assert_true(precis_result_summary_count(sum) > 0);
        for (size_t i = 0; i < precis_result_summary_count(sum); i++) {
            precis_sentence s = test_sentence(sum, i, 1);
            assert_true(s.document < precis_topics_size(t, k));
            const precis_document *doc = &docs[precis_topics_document(t, k, s.document)];
            assert_true(s.start + s.length <= doc->len);
        }
    }
    /* A story without headlines is named by its opening words at worst:
     * the bridge, whose words no other article shares. */
    assert_true(strncmp(precis_topics_label(t, 4), "The city council of Leeds", 25) == 0 ||
                strstr(precis_topics_label(t, 4), "Leeds") != NULL);
    precis_topics_free(t);
    precis_ctx_free(ctx);
}

/* The rendering of t as JSONL. */
static char *render(const precis_topics *t, const precis_document *docs, size_t n,
                    precis_format format)
{
    precis_buffer *out = test_buffer();
    assert_int_equal(precis_render_topics(t, docs, n, sizeof *docs, format, out), PRECIS_OK);
    char *copy = strdup(precis_buffer_data(out));
    precis_buffer_free(out);
    return copy;
}

static void same_for_any_order_and_threads(void **state)
{
    (void)state;
    precis_document docs[N_ARTICLES], shuffled[N_ARTICLES];
    make_documents(docs, NULL);
    size_t order[N_ARTICLES];
    for (size_t i = 0; i < N_ARTICLES; i++)
        order[i] = (i * 5 + 3) % N_ARTICLES;
    make_documents(shuffled, order);

    precis_ctx *ctx = new_ctx();
    precis_topics *a = group(ctx, docs, N_ARTICLES, PRECIS_TOPICS_AUTO);
    char *one = render(a, docs, N_ARTICLES, PRECIS_FORMAT_JSONL);
    assert_int_equal(precis_ctx_set_threads(ctx, 3), PRECIS_OK);
    precis_topics *b = group(ctx, docs, N_ARTICLES, PRECIS_TOPICS_AUTO);
    char *three = render(b, docs, N_ARTICLES, PRECIS_FORMAT_JSONL);
    assert_string_equal(one, three);

    /* Another order: the same stories, labels and summary sentences. */
    precis_topics *c = group(ctx, shuffled, N_ARTICLES, PRECIS_TOPICS_AUTO);
    assert_int_equal(precis_topics_count(c), precis_topics_count(a));
    for (size_t k = 0; k < precis_topics_count(a); k++) {
        size_t match = SIZE_MAX;
        size_t first = precis_topics_document(a, k, 0);
        for (size_t m = 0; m < precis_topics_count(c); m++)
            for (size_t j = 0; j < precis_topics_size(c, m); j++)
                if (order[precis_topics_document(c, m, j)] == first)
                    match = m;
        assert_true(match != SIZE_MAX);
        assert_int_equal(precis_topics_size(c, match), precis_topics_size(a, k));
        assert_string_equal(precis_topics_label(c, match), precis_topics_label(a, k));
        const precis_result *ra = precis_topics_summary(a, k);
        const precis_result *rc = precis_topics_summary(c, match);
        assert_int_equal(precis_result_summary_count(rc), precis_result_summary_count(ra));
        size_t total_a = 0, total_c = 0;
        for (size_t i = 0; i < precis_result_summary_count(ra); i++) {
            total_a += test_sentence(ra, i, 1).length;
            total_c += test_sentence(rc, i, 1).length;
        }
        assert_int_equal(total_a, total_c);
    }
    free(one);
    free(three);
    precis_topics_free(a);
    precis_topics_free(b);
    precis_topics_free(c);
    precis_ctx_free(ctx);
}

static void at_most_n_stories(void **state)
{
    (void)state;
    precis_ctx *ctx = new_ctx();
    precis_document docs[N_ARTICLES];
    make_documents(docs, NULL);
    for (size_t n = 1; n <= 7; n++) {
        precis_topics *t = group(ctx, docs, N_ARTICLES, n);
        check_partition(t, N_ARTICLES);
        assert_int_equal(precis_topics_count(t), n < 6 ? n : 6);
        precis_topics_free(t);
    }
    /* Five stories: the two earthquakes, the closest pair, merge first. */
    precis_topics *t = group(ctx, docs, N_ARTICLES, 5);
    assert_int_equal(precis_topics_size(t, 0), 6);
    for (size_t j = 0; j < 6; j++)
        assert_true(topics_event[precis_topics_document(t, 0, j)] <= 1);
    precis_topics_free(t);
    /* Two: the stories that share nothing with the others cannot merge
     * into them, so the biggest stays and the rest go together. */
    t = group(ctx, docs, N_ARTICLES, 2);
    assert_int_equal(precis_topics_size(t, 0), 12);
    assert_string_equal(precis_topics_label(t, 1), PRECIS_TOPICS_OTHER_LABEL);
    assert_int_equal(precis_topics_size(t, 1), 2);
    assert_int_equal(precis_topics_document(t, 1, 0), 5);
    assert_int_equal(precis_topics_document(t, 1, 1), 9);
    precis_topics_free(t);
    precis_ctx_free(ctx);
}

static void empty_sets_and_documents(void **state)
{
    (void)state;
    precis_ctx *ctx = new_ctx();
    precis_topics *t = group(ctx, NULL, 0, PRECIS_TOPICS_AUTO);
    assert_int_equal(precis_topics_count(t), 0);
    char *text = render(t, NULL, 0, PRECIS_FORMAT_TEXT);
    assert_string_equal(text, "");
    free(text);
    precis_topics_free(t);

    precis_document empty[5];
    for (size_t i = 0; i < 5; i++)
        empty[i] = (precis_document){"", 0, NULL, PRECIS_FROM_AUTO, NULL, NULL, 0};
    empty[3] = (precis_document){" \n\n\t ", 5, NULL, PRECIS_FROM_AUTO, NULL, NULL, 0};
    t = group(ctx, empty, 5, PRECIS_TOPICS_AUTO);
    check_partition(t, 5);
    assert_int_equal(precis_topics_count(t), 5);
    for (size_t k = 0; k < 5; k++) {
        assert_string_equal(precis_topics_label(t, k), "");
        assert_int_equal(precis_result_summary_count(precis_topics_summary(t, k)), 0);
    }
    /* Stories of one document each, in input order; unnamed documents are
     * numbered. */
    text = render(t, empty, 5, PRECIS_FORMAT_JSONL);
    assert_non_null(strstr(text, "{\"topic\": 1, \"label\": \"\", \"documents\": [0], "
                                 "\"summary\": []}\n"));
    assert_non_null(strstr(text, "{\"topic\": 5, \"label\": \"\", \"documents\": [4], "
                                 "\"summary\": []}\n"));
    free(text);
    precis_topics_free(t);
    precis_ctx_free(ctx);
}

static void copies_are_one_story(void **state)
{
    (void)state;
    precis_ctx *ctx = new_ctx();
    precis_document docs[40];
    for (size_t i = 0; i < 40; i++)
        docs[i] = (precis_document){topics_articles[1], strlen(topics_articles[1]), NULL,
                                    PRECIS_FROM_AUTO, NULL, NULL, 0};
    precis_topics *t = group(ctx, docs, 40, PRECIS_TOPICS_AUTO);
    check_partition(t, 40);
    assert_int_equal(precis_topics_count(t), 1);
    assert_string_equal(precis_topics_label(t, 0),
                        "Earthquake of magnitude 7.1 hits Sendai in northern Japan");
    /* Copies are near-duplicates: the summary says each thing once. */
    const precis_result *sum = precis_topics_summary(t, 0);
    assert_true(precis_result_summary_count(sum) >= 1);
    for (size_t i = 1; i < precis_result_summary_count(sum); i++) {
        precis_sentence a = test_sentence(sum, i - 1, 1), b = test_sentence(sum, i, 1);
        assert_false(a.index == b.index);
    }
    precis_topics_free(t);
    precis_ctx_free(ctx);
}

static void errors(void **state)
{
    (void)state;
    precis_ctx *ctx = new_ctx();
    precis_document docs[N_ARTICLES];
    make_documents(docs, NULL);
    precis_topics *t = (precis_topics *)docs;
    assert_int_equal(precis_digest_topics(NULL, docs, 1, sizeof *docs, 0, &t),
                     PRECIS_ERR_ARGUMENT);
    assert_null(t);
    assert_int_equal(precis_digest_topics(ctx, docs, 1, sizeof *docs, 0, NULL),
                     PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_digest_topics(ctx, NULL, 2, sizeof *docs, 0, &t),
                     PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_digest_topics(ctx, docs, 2, sizeof *docs - 1, 0, &t),
                     PRECIS_ERR_ARGUMENT);
    precis_document bad[2] = {docs[0], {NULL, 4, "x", PRECIS_FROM_AUTO, NULL, NULL, 0}};
    assert_int_equal(precis_digest_topics(ctx, bad, 2, sizeof *bad, 0, &t), PRECIS_ERR_ARGUMENT);
    assert_non_null(strstr(precis_ctx_error(ctx), "document 1"));
    assert_null(t);

    /* A document over the limits fails the set, and says which. */
    assert_int_equal(precis_ctx_set_limits(ctx, 200, 0), PRECIS_OK);
    assert_int_equal(precis_digest_topics(ctx, docs, N_ARTICLES, sizeof *docs, 0, &t),
                     PRECIS_ERR_TOO_LARGE);
    assert_non_null(strstr(precis_ctx_error(ctx), "document 0 is"));
    assert_int_equal(precis_ctx_set_threads(ctx, 4), PRECIS_OK);
    assert_int_equal(precis_digest_topics(ctx, docs, N_ARTICLES, sizeof *docs, 0, &t),
                     PRECIS_ERR_TOO_LARGE);
    assert_non_null(strstr(precis_ctx_error(ctx), "document 0 is"));

    assert_int_equal(precis_ctx_set_threads(ctx, 0), PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_ctx_set_threads(ctx, PRECIS_MAX_THREADS + 1), PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_ctx_set_threads(NULL, 1), PRECIS_ERR_ARGUMENT);

    /* Accessors out of range. */
    assert_int_equal(precis_topics_count(NULL), 0);
    assert_null(precis_topics_label(NULL, 0));
    assert_int_equal(precis_topics_size(NULL, 0), 0);
    assert_int_equal(precis_topics_document(NULL, 0, 0), SIZE_MAX);
    assert_null(precis_topics_summary(NULL, 0));
    precis_topics_free(NULL);
    assert_int_equal(precis_ctx_set_limits(ctx, 0, 0), PRECIS_OK);
    t = group(ctx, docs, N_ARTICLES, PRECIS_TOPICS_AUTO);
    size_t count = precis_topics_count(t);
    assert_null(precis_topics_label(t, count));
    assert_int_equal(precis_topics_size(t, count), 0);
    assert_int_equal(precis_topics_document(t, 0, precis_topics_size(t, 0)), SIZE_MAX);
    assert_null(precis_topics_summary(t, count));
    precis_topics_free(t);
    precis_ctx_free(ctx);
}

static void rendering(void **state)
{
    (void)state;
    precis_ctx *ctx = new_ctx();
    precis_document docs[N_ARTICLES];
    make_documents(docs, NULL);
    precis_topics *t = group(ctx, docs, N_ARTICLES, PRECIS_TOPICS_AUTO);

    char *text = render(t, docs, N_ARTICLES, PRECIS_FORMAT_TEXT);
    char header[256];
    snprintf(header, sizeof header, "==> topic 1: %s (3 documents) <==\n",
             precis_topics_label(t, 0));
    assert_true(strncmp(text, header, strlen(header)) == 0);
    snprintf(header, sizeof header, "\n\n==> topic 6: %s (1 document) <==\n",
             precis_topics_label(t, 5));
    assert_non_null(strstr(text, header));
    free(text);

    char *jsonl = render(t, docs, N_ARTICLES, PRECIS_FORMAT_JSONL);
    size_t lines = 0;
    for (const char *p = jsonl; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, precis_topics_count(t));
    assert_true(strncmp(jsonl, "{\"topic\": 1, \"label\": \"", 23) == 0);
    assert_non_null(strstr(jsonl, "\"documents\": [\"a0\", \"a4\", \"a10\"], \"summary\": [{\"id\": "
                                  "\"a"));
    free(jsonl);
    char *json = render(t, docs, N_ARTICLES, PRECIS_FORMAT_JSON);
    assert_true(strncmp(json, "{\n  \"topic\": 1,\n  \"label\": \"", 28) == 0);
    assert_non_null(strstr(json, "\n  \"summary\": [\n    {\"id\": "));
    free(json);

    /* Wrong arguments leave the buffer as it was. */
    precis_buffer *out = test_buffer();
    assert_int_equal(precis_render_topics(t, docs, N_ARTICLES - 1, sizeof *docs,
                                          PRECIS_FORMAT_TEXT, out),
                     PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_render_topics(t, docs, N_ARTICLES, sizeof *docs - 1,
                                          PRECIS_FORMAT_TEXT, out),
                     PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_render_topics(t, docs, N_ARTICLES, sizeof *docs, (precis_format)7,
                                          out),
                     PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_render_topics(NULL, docs, N_ARTICLES, sizeof *docs,
                                          PRECIS_FORMAT_TEXT, out),
                     PRECIS_ERR_ARGUMENT);
    /* Documents other than those grouped: a shorter text. */
    precis_document other[N_ARTICLES];
    memcpy(other, docs, sizeof other);
    other[4].len = 10;
    assert_int_equal(precis_render_topics(t, other, N_ARTICLES, sizeof *other,
                                          PRECIS_FORMAT_JSONL, out),
                     PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_buffer_length(out), 0);
    precis_buffer_free(out);
    precis_topics_free(t);
    precis_ctx_free(ctx);
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test(look_alike_events_stay_apart),
        cmocka_unit_test(labels_and_summaries),
        cmocka_unit_test(same_for_any_order_and_threads),
        cmocka_unit_test(at_most_n_stories),
        cmocka_unit_test(empty_sets_and_documents),
        cmocka_unit_test(copies_are_one_story),
        cmocka_unit_test(errors),
        cmocka_unit_test(rendering),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
