/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_query.c - summaries and digests focused on a query (query.c):
 * relevance, the biased jump, the fallback to the generic summary, the
 * query recorded in results and JSON, and failures.
 */
#include "test_helpers.h"

#include <string.h>

#include "precis.h"
#include "query.h"

static const char news[] =
    "The river flooded the old town after three days of rain. "
    "Rescue teams moved families from the low streets to the school. "
    "The council approved a budget for the new stone bridge on Monday. "
    "The rain stopped on Tuesday and the river began to fall. "
    "Volunteers served hot meals in the school hall.";

static precis_ctx *context(size_t n)
{
    precis_ctx *ctx;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_ctx_set_length(ctx, PRECIS_LENGTH_SENTENCES, (double)n), PRECIS_OK);
    return ctx;
}

/* The text of the k-th chosen sentence. */
static int chosen_starts_with(const precis_result *res, size_t k, const char *prefix)
{
    precis_sentence s = test_sentence(res, k, 1);
    return strncmp(news + s.start, prefix, strlen(prefix)) == 0;
}

static void query_picks_the_relevant_sentence(void **state)
{
    (void)state;
    precis_ctx *ctx = context(1);
    precis_result *res;
    assert_int_equal(precis_summarize(ctx, news, strlen(news), &res), PRECIS_OK);
    assert_false(chosen_starts_with(res, 0, "The council"));
    precis_result_free(res);
    static const char query[] = "  What did the council decide about the bridge budget?\n";
    assert_int_equal(precis_ctx_set_query(ctx, query, strlen(query)), PRECIS_OK);
    assert_int_equal(precis_summarize(ctx, news, strlen(news), &res), PRECIS_OK);
    assert_true(chosen_starts_with(res, 0, "The council"));
    size_t len;
    assert_string_equal(precis_result_query(res, &len),
                        "What did the council decide about the bridge budget?");
    assert_int_equal(len, strlen("What did the council decide about the bridge budget?"));
    precis_buffer *buf = test_buffer();
    assert_int_equal(precis_render(res, news, strlen(news), PRECIS_FORMAT_JSONL, NULL, buf),
                     PRECIS_OK);
    assert_non_null(strstr(precis_buffer_data(buf),
                           "\"query\": \"What did the council decide about the bridge budget?\""));
    precis_buffer_free(buf);
    precis_result_free(res);
    precis_ctx_free(ctx);
}

/* A query no sentence shares a word with gives the generic summary; a
 * blank query clears the focus. */
static void unrelated_and_blank_queries(void **state)
{
    (void)state;
    precis_ctx *ctx = context(2);
    precis_result *generic, *res;
    assert_int_equal(precis_summarize(ctx, news, strlen(news), &generic), PRECIS_OK);
    assert_int_equal(precis_ctx_set_query(ctx, "zebra xylophone", 15), PRECIS_OK);
    assert_int_equal(precis_summarize(ctx, news, strlen(news), &res), PRECIS_OK);
    assert_int_equal(precis_result_summary_count(res), precis_result_summary_count(generic));
    for (size_t k = 0; k < precis_result_summary_count(res); k++)
        assert_int_equal(test_sentence(res, k, 1).index, test_sentence(generic, k, 1).index);
    precis_result_free(res);
    assert_int_equal(precis_ctx_set_query(ctx, " \n\t ", 4), PRECIS_OK);
    assert_int_equal(precis_summarize(ctx, news, strlen(news), &res), PRECIS_OK);
    size_t len = 99;
    assert_string_equal(precis_result_query(res, &len), "");
    assert_int_equal(len, 0);
    precis_result_free(res);
    assert_int_equal(precis_ctx_set_query(ctx, NULL, 0), PRECIS_OK);
    assert_int_equal(precis_ctx_set_query(ctx, NULL, 3), PRECIS_ERR_ARGUMENT);
    precis_result_free(generic);
    precis_ctx_free(ctx);
}

/* In a digest the query takes sentences from the document it is about. */
static void digest_follows_the_query(void **state)
{
    (void)state;
    static const char weather[] = "Snow closed the mountain roads. Drivers waited for ploughs "
                                  "all night. Snow fell again on Sunday.";
    precis_document docs[] = {
        {.text = news, .len = strlen(news), .name = "news"},
        {.text = weather, .len = strlen(weather), .name = "weather"},
    };
    precis_ctx *ctx = context(2);
    assert_int_equal(precis_ctx_set_query(ctx, "snow on the mountain roads", 26), PRECIS_OK);
    precis_result *res;
    assert_int_equal(precis_digest(ctx, docs, 2, sizeof docs[0], &res), PRECIS_OK);
    assert_int_equal(precis_result_summary_count(res), 2);
    assert_int_equal(test_sentence(res, 0, 1).document, 1);
    precis_result_free(res);
    precis_ctx_free(ctx);
}

/* The jump: a fifth spread evenly over the candidates, the rest in
 * proportion to relevance; none when nothing is relevant. */
static void teleport_distribution(void **state)
{
    (void)state;
    const double relevance[] = {0.0, 0.3, 0.1, 0.6};
    const unsigned char candidate[] = {1, 1, 0, 1};
    double teleport[4];
    assert_int_equal(precis_relevance_teleport(relevance, candidate, 4, teleport), 1);
    double even = (1.0 - PRECIS_QUERY_BIAS) / 3;
    assert_true(teleport[0] > even - 1e-12 && teleport[0] < even + 1e-12);
    assert_true(teleport[2] == 0.0);
    double want3 = even + PRECIS_QUERY_BIAS * 0.6 / 0.9;
    assert_true(teleport[3] > want3 - 1e-12 && teleport[3] < want3 + 1e-12);
    assert_true(teleport[0] + teleport[1] + teleport[2] + teleport[3] > 1.0 - 1e-12);
    const double none[] = {0.0, 0.0, 0.0, 0.0};
    assert_int_equal(precis_relevance_teleport(none, NULL, 4, teleport), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(query_picks_the_relevant_sentence),
        cmocka_unit_test(unrelated_and_blank_queries),
        cmocka_unit_test(digest_follows_the_query),
        cmocka_unit_test(teleport_distribution),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
