/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_algorithms.c - the ranking algorithms through the public API:
 * scores, ranks, candidates, headings, duplicates, the ranking listing.
 */
#include "test_helpers.h"

#include <string.h>

#include "precis.h"

static const char story[] =
    "River floods the old town\n\n"
    "By Jane Smith\n\n"
    "The river flooded the old town after three days of heavy rain. "
    "Rescue teams moved two hundred families from the old town to the school. "
    "The school gym became a shelter for the families. "
    "Volunteers brought food and blankets to the shelter.\n\n"
    "Scroll down for video\n\n"
    "The rain stopped on Friday and the river fell. "
    "Officials said the river would stay high for a week.";

static precis_result *summarize(precis_ctx *ctx, const char *text)
{
    precis_result *res = NULL;
    assert_int_equal(precis_summarize(ctx, text, strlen(text), &res), PRECIS_OK);
    return res;
}

static void test_names(void **state)
{
    (void)state;
    for (unsigned a = 0; a < precis_algorithm_count(); a++) {
        const char *name = precis_algorithm_name((precis_algorithm)a);
        assert_non_null(name);
        precis_algorithm found;
        assert_int_equal(precis_algorithm_find(name, &found), PRECIS_OK);
        assert_int_equal(found, a);
    }
    assert_null(precis_algorithm_name((precis_algorithm)precis_algorithm_count()));
    precis_algorithm found = PRECIS_ALGORITHM_LEAD;
    assert_int_equal(precis_algorithm_find("pagerank", &found), PRECIS_ERR_ARGUMENT);
    assert_int_equal(found, PRECIS_ALGORITHM_LEAD);
    assert_string_equal(precis_algorithm_name(PRECIS_DEFAULT_ALGORITHM), "centrality");
}

static void test_settings_checked(void **state)
{
    (void)state;
    precis_ctx *ctx;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_ctx_set_algorithm(ctx, (precis_algorithm)99), PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_ctx_set_diversity(ctx, -0.1), PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_ctx_set_diversity(ctx, 1.5), PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_ctx_set_diversity(ctx, NAN), PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_ctx_set_diversity(ctx, 1.0), PRECIS_OK);
    assert_int_equal(precis_ctx_set_headings(ctx, 1), PRECIS_OK);
    assert_int_equal(precis_ctx_set_algorithm(NULL, PRECIS_ALGORITHM_LEAD), PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_ctx_set_diversity(NULL, 0.0), PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_ctx_set_headings(NULL, 0), PRECIS_ERR_ARGUMENT);
    precis_ctx_free(ctx);
}

/* For every algorithm: candidates' scores sum to 1, ranks are 1..count in
 * score order, headings and boilerplate score 0 with rank 0 and are never
 * chosen, and a second run gives the same result. */
static void test_every_algorithm_ranks_candidates(void **state)
{
    (void)state;
    precis_ctx *ctx;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_ctx_set_length(ctx, PRECIS_LENGTH_SENTENCES, 3), PRECIS_OK);
    for (unsigned a = 0; a < precis_algorithm_count(); a++) {
        assert_int_equal(precis_ctx_set_algorithm(ctx, (precis_algorithm)a), PRECIS_OK);
        precis_result *res = summarize(ctx, story);
        precis_result *again = summarize(ctx, story);
        size_t n = precis_result_sentence_count(res);
        sentence_list s_list = test_sentences(res, 0);
    const precis_sentence *s = s_list.s;
        assert_int_equal(n, 9);
        sentence_list again_list = test_sentences(again, 0);
        assert_memory_equal(s, again_list.s, n * sizeof *s);
        double total = 0.0;
        size_t ranked = 0;
        for (size_t i = 0; i < n; i++) {
            int excluded = i == 0 || i == 1 || i == 6;
            if (excluded) {
                assert_int_equal(s[i].rank, 0);
                assert_double_near(0.0, s[i].score, 0.0);
                continue;
            }
            assert_true(s[i].score > 0.0);
            total += s[i].score;
            ranked++;
            for (size_t j = 0; j < n; j++) {
                if (j == i || s[j].rank == 0)
                    continue;
                int before = s[i].score > s[j].score || (s[i].score == s[j].score && i < j);
                assert_int_equal(s[i].rank < s[j].rank, before);
            }
        }
        assert_int_equal(ranked, 6);
        assert_double_near(1.0, total, 1e-9);
        sentence_list sum_list = test_sentences(res, 1);
    const precis_sentence *sum = sum_list.s;
        assert_int_equal(precis_result_summary_count(res), 3);
        for (size_t k = 0; k < 3; k++) {
            assert_true(sum[k].rank >= 1 && sum[k].rank <= 3);
            if (k > 0)
                assert_true(sum[k].index > sum[k - 1].index);
        }
        precis_result_free(res);
        precis_result_free(again);
    }
    precis_ctx_free(ctx);
}

static void test_lead_takes_first_candidates(void **state)
{
    (void)state;
    precis_ctx *ctx;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_ctx_set_algorithm(ctx, PRECIS_ALGORITHM_LEAD), PRECIS_OK);
    assert_int_equal(precis_ctx_set_length(ctx, PRECIS_LENGTH_SENTENCES, 2), PRECIS_OK);
    precis_result *res = summarize(ctx, story);
    sentence_list sum_list = test_sentences(res, 1);
    const precis_sentence *sum = sum_list.s;
    assert_int_equal(precis_result_summary_count(res), 2);
    assert_int_equal(sum[0].index, 2);
    assert_int_equal(sum[1].index, 3);
    assert_int_equal(sum[0].rank, 1);
    precis_result_free(res);

    /* Asked for, the headline is a candidate, and the first one. */
    assert_int_equal(precis_ctx_set_headings(ctx, 1), PRECIS_OK);
    assert_int_equal(precis_ctx_set_length(ctx, PRECIS_LENGTH_SENTENCES, 1), PRECIS_OK);
    res = summarize(ctx, story);
    assert_int_equal(precis_result_summary_count(res), 1);
    assert_int_equal(test_sentence(res, 0, 1).index, 0);
    precis_result_free(res);
    precis_ctx_free(ctx);
}

static void test_duplicates_printed_once(void **state)
{
    (void)state;
    static const char twice[] = "The bridge reopened on Monday after repairs. "
                                "Traffic was light in the morning. "
                                "The bridge reopened on Monday after repairs. "
                                "Drivers welcomed the news.";
    precis_ctx *ctx;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_ctx_set_length(ctx, PRECIS_LENGTH_SENTENCES, 4), PRECIS_OK);
    for (unsigned a = 0; a < precis_algorithm_count(); a++) {
        assert_int_equal(precis_ctx_set_algorithm(ctx, (precis_algorithm)a), PRECIS_OK);
        precis_result *res = summarize(ctx, twice);
        sentence_list sum_list = test_sentences(res, 1);
    const precis_sentence *sum = sum_list.s;
        size_t count = precis_result_summary_count(res);
        assert_int_equal(count, 3);
        int copies = 0;
        for (size_t k = 0; k < count; k++)
            copies += sum[k].index == 0 || sum[k].index == 2;
        assert_int_equal(copies, 1);
        precis_result_free(res);
    }
    precis_ctx_free(ctx);
}

/* Four sentences about one event, all about as central: the lead and the
 * position prior decide among them. */
static const char coast_road[] = "Storms closed the coast road on Sunday. "
                                 "Police said the coast road would stay closed. "
                                 "Storms also cut power to the coast road villages. "
                                 "Police asked drivers to avoid the coast road.";

/* The default ranks the lead sentence of a news story first even when a
 * later sentence is as central. */
static void test_default_prefers_lead_among_equals(void **state)
{
    (void)state;
    precis_ctx *ctx;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    precis_result *res = summarize(ctx, coast_road);
    sentence_list s_list = test_sentences(res, 0);
    const precis_sentence *s = s_list.s;
    assert_int_equal(precis_result_sentence_count(res), 4);
    assert_int_equal(s[0].rank, 1);
    assert_true(s[0].score > s[3].score);
    precis_result_free(res);
    precis_ctx_free(ctx);
}

/* The default's position prior fades as the budget keeps more of the
 * document: the first sentence's score over the last one's is highest
 * for a one-sentence summary and lowest when the budget keeps them all. */
static void test_default_prior_fades_with_budget(void **state)
{
    (void)state;
    precis_ctx *ctx;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    double lead_over_last[3];
    const precis_length_unit units[3] = {PRECIS_LENGTH_SENTENCES, PRECIS_LENGTH_SENTENCES,
                                         PRECIS_LENGTH_RATIO};
    const double values[3] = {1.0, 3.0, 1.0};
    for (int k = 0; k < 3; k++) {
        assert_int_equal(precis_ctx_set_length(ctx, units[k], values[k]), PRECIS_OK);
        precis_result *res = summarize(ctx, coast_road);
        sentence_list s_list = test_sentences(res, 0);
        assert_int_equal(precis_result_sentence_count(res), 4);
        lead_over_last[k] = s_list.s[0].score / s_list.s[3].score;
        precis_result_free(res);
    }
    assert_true(lead_over_last[0] > lead_over_last[1]);
    assert_true(lead_over_last[1] > lead_over_last[2]);
    precis_ctx_free(ctx);
}

static void test_ranking_listing(void **state)
{
    (void)state;
    precis_ctx *ctx;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_ctx_set_length(ctx, PRECIS_LENGTH_SENTENCES, 2), PRECIS_OK);
    precis_result *res = summarize(ctx, story);
    precis_buffer *out = test_buffer();
    assert_int_equal(precis_render_ranking(res, story, strlen(story), PRECIS_FORMAT_TEXT, NULL,
                                           out),
                     PRECIS_OK);
    size_t lines = 0, chosen = 0;
    for (const char *line = precis_buffer_data(out); *line != '\0'; line = strchr(line, '\n') + 1) {
        lines++;
        const char *tab = strchr(line, '\t');
        assert_non_null(tab);
        tab = strchr(tab + 1, '\t');
        assert_non_null(tab);
        chosen += tab[1] == '1';
    }
    assert_int_equal(lines, 9);
    assert_int_equal(chosen, 2);
    assert_memory_equal(precis_buffer_data(out), "0\t0.000000\t0\tRiver floods the old town\n", 39);

    precis_buffer_clear(out);
    assert_int_equal(precis_render_ranking(res, story, strlen(story), PRECIS_FORMAT_JSONL, "s",
                                           out),
                     PRECIS_OK);
    assert_non_null(strstr(precis_buffer_data(out), "\"sentences\": [{\"index\": 0, "));
    assert_non_null(strstr(precis_buffer_data(out), "\"rank\": 0, \"chosen\": false, \"depends_on\": null, \"text\": \"By Jane"));
    assert_non_null(strstr(precis_buffer_data(out), "\"rank\": 1, \"chosen\": true"));
    precis_buffer_free(out);

    precis_result *split;
    assert_int_equal(precis_split(ctx, story, strlen(story), &split), PRECIS_OK);
    assert_int_equal(precis_render_ranking(split, story, strlen(story), PRECIS_FORMAT_TEXT, NULL,
                                           out),
                     PRECIS_ERR_ARGUMENT);
    precis_result_free(split);
    precis_result_free(res);
    precis_ctx_free(ctx);
}

static void test_tiny_documents(void **state)
{
    (void)state;
    static const char *const texts[] = {"", "   \n", "One sentence.", "One. Two.",
                                        "Headline only\n", "Share this\n\nBy Jane Smith\n"};
    precis_ctx *ctx;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    for (unsigned a = 0; a < precis_algorithm_count(); a++) {
        assert_int_equal(precis_ctx_set_algorithm(ctx, (precis_algorithm)a), PRECIS_OK);
        for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
            precis_result *res = summarize(ctx, texts[t]);
            size_t n = precis_result_sentence_count(res);
            size_t want = n < 3 ? n : 3;
            assert_int_equal(precis_result_summary_count(res), want);
            precis_result_free(res);
        }
    }
    precis_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_settings_checked),
        cmocka_unit_test(test_every_algorithm_ranks_candidates),
        cmocka_unit_test(test_lead_takes_first_candidates),
        cmocka_unit_test(test_duplicates_printed_once),
        cmocka_unit_test(test_default_prefers_lead_among_equals),
        cmocka_unit_test(test_default_prior_fades_with_budget),
        cmocka_unit_test(test_ranking_listing),
        cmocka_unit_test(test_tiny_documents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
