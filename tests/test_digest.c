/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_digest.c - digests of several documents: ranking across them,
 * near-duplicates, attribution, budgets, rendering and failures.
 */
#include "test_helpers.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "precis.h"

static const char first[] =
    "The river flooded the town after three days of rain. "
    "Rescue teams moved families from the low streets to the school. "
    "The rain stopped on Friday and the river fell.";
static const char second[] =
    "The committee met on Tuesday to review the budget. "
    "Members approved the new budget after a short debate.";
/* The first report again from another outlet, one word changed. */
static const char copy[] =
    "The river flooded the town after three days of heavy rain. "
    "Rescue teams moved families from the low streets to the school. "
    "Officials said the damage would take months to repair.";

static precis_ctx *context(double n)
{
    precis_ctx *ctx;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_ctx_set_length(ctx, PRECIS_LENGTH_SENTENCES, n), PRECIS_OK);
    return ctx;
}

static void summary_is_attributed_and_in_order(void **state)
{
    (void)state;
    precis_document docs[] = {
        {.text = first, .len = strlen(first), .name = "a"},
        {.text = second, .len = strlen(second), .name = "b"},
    };
    precis_ctx *ctx = context(3);
    precis_result *res;
    assert_int_equal(precis_digest(ctx, docs, 2, sizeof(precis_document), &res), PRECIS_OK);
    assert_int_equal(precis_result_sentence_count(res), 5);
    assert_int_equal(precis_result_summary_count(res), 3);
    sentence_list s_list = test_sentences(res, 1);
    const precis_sentence *s = s_list.s;
    for (size_t k = 0; k < 3; k++) {
        assert_true(s[k].document < 2);
        const precis_document *d = &docs[s[k].document];
        assert_true(s[k].start + s[k].length <= d->len);
        if (k > 0)
            assert_true(s[k - 1].document < s[k].document ||
                        (s[k - 1].document == s[k].document && s[k - 1].index < s[k].index));
    }
    /* Every sentence, with its index inside its own document. */
    sentence_list all_list = test_sentences(res, 0);
    const precis_sentence *all = all_list.s;
    assert_int_equal(all[3].document, 1);
    assert_int_equal(all[3].index, 0);
    assert_int_equal(all[3].start, 0);
    double total = 0.0;
    for (size_t i = 0; i < 5; i++)
        total += all[i].score;
    assert_double_near(1.0, total, 1e-9);
    precis_result_free(res);
    precis_ctx_free(ctx);
}

static int same_text(const precis_document *docs, const precis_sentence *x,
                     const precis_sentence *y)
{
    return x->length == y->length &&
           memcmp(docs[x->document].text + x->start, docs[y->document].text + y->start,
                  x->length) == 0;
}

static void repeated_news_appears_once(void **state)
{
    (void)state;
    precis_document docs[] = {
        {.text = first, .len = strlen(first), .name = "wire"},
        {.text = copy, .len = strlen(copy), .name = "paper"},
    };
    precis_ctx *ctx = context(6);
    precis_result *res;
    assert_int_equal(precis_digest(ctx, docs, 2, sizeof(precis_document), &res), PRECIS_OK);
    sentence_list s_list = test_sentences(res, 1);
    const precis_sentence *s = s_list.s;
    size_t k = precis_result_summary_count(res);
    /* Six sentences, two of them the same and two nearly so: four left. */
    assert_int_equal(k, 4);
    for (size_t i = 0; i < k; i++)
        for (size_t j = i + 1; j < k; j++)
            assert_false(same_text(docs, &s[i], &s[j]));
    int flood_lines = 0;
    for (size_t i = 0; i < k; i++)
        flood_lines += memcmp(docs[s[i].document].text + s[i].start, "The river flooded", 17) == 0;
    assert_int_equal(flood_lines, 1);
    precis_result_free(res);
    precis_ctx_free(ctx);
}

static void rendering(void **state)
{
    (void)state;
    precis_document docs[] = {
        {.text = first, .len = strlen(first), .name = "a.txt"},
        {.text = second, .len = strlen(second), .name = NULL},
    };
    precis_ctx *ctx = context(5);
    precis_result *res;
    assert_int_equal(precis_digest(ctx, docs, 2, sizeof(precis_document), &res), PRECIS_OK);
    precis_buffer *out = test_buffer();
    assert_int_equal(precis_render_digest(res, docs, 2, sizeof(precis_document),
                                          PRECIS_FORMAT_TEXT, out), PRECIS_OK);
    assert_string_equal(precis_buffer_data(out), "==> a.txt <==\n"
                                  "The river flooded the town after three days of rain.\n"
                                  "Rescue teams moved families from the low streets to the school.\n"
                                  "The rain stopped on Friday and the river fell.\n"
                                  "\n"
                                  "==> 1 <==\n"
                                  "The committee met on Tuesday to review the budget.\n"
                                  "Members approved the new budget after a short debate.\n");
    precis_buffer_clear(out);
    assert_int_equal(precis_render_digest(res, docs, 2, sizeof(precis_document),
                                          PRECIS_FORMAT_JSONL, out), PRECIS_OK);
    assert_true(strncmp(precis_buffer_data(out), "{\"lang\": \"en\", \"n_documents\": 2, \"n_sentences\": 5, "
                                  "\"summary\": [{\"id\": \"a.txt\", \"index\": 0, \"start\": 0,",
                        97) == 0);
    assert_non_null(strstr(precis_buffer_data(out), "{\"id\": 1, \"index\": 1, \"start\": 51, \"length\": 53,"));
    assert_int_equal(precis_buffer_data(out)[precis_buffer_length(out) - 1], '\n');
    /* A result that does not fit the documents is refused. */
    assert_int_equal(precis_render_digest(res, docs, 1, sizeof(precis_document),
                                          PRECIS_FORMAT_TEXT, out),
                     PRECIS_ERR_ARGUMENT);
    precis_buffer_free(out);
    precis_result_free(res);
    precis_ctx_free(ctx);
}

static void empty_sets_and_failures(void **state)
{
    (void)state;
    precis_ctx *ctx = context(3);
    precis_result *res;
    assert_int_equal(precis_digest(ctx, NULL, 0, sizeof(precis_document), &res), PRECIS_OK);
    assert_int_equal(precis_result_summary_count(res), 0);
    precis_buffer *out = test_buffer();
    assert_int_equal(precis_render_digest(res, NULL, 0, sizeof(precis_document),
                                          PRECIS_FORMAT_TEXT, out), PRECIS_OK);
    assert_int_equal(precis_buffer_length(out), 0);
    precis_result_free(res);

    precis_document blank[] = {
        {.text = "", .len = 0, .name = "empty"},
        {.text = "  \n ", .len = 4, .name = "blank"},
    };
    assert_int_equal(precis_digest(ctx, blank, 2, sizeof(precis_document), &res), PRECIS_OK);
    assert_int_equal(precis_result_sentence_count(res), 0);
    precis_result_free(res);

    precis_document docs[] = {
        {.text = first, .len = strlen(first), .name = "a"},
        {.text = second, .len = strlen(second), .name = "b"},
    };
    assert_int_equal(precis_ctx_set_limits(ctx, 120, 0), PRECIS_OK);
    assert_int_equal(precis_digest(ctx, docs, 2, sizeof(precis_document),
                                   &res), PRECIS_ERR_TOO_LARGE);
    assert_null(res);
    assert_non_null(strstr(precis_ctx_error(ctx), "document 0"));
    assert_int_equal(precis_ctx_set_limits(ctx, 0, 4), PRECIS_OK);
    assert_int_equal(precis_digest(ctx, docs, 2, sizeof(precis_document),
                                   &res), PRECIS_ERR_TOO_LARGE);
    assert_int_equal(precis_digest(ctx, NULL, 2, sizeof(precis_document),
                                   &res), PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_digest(ctx, docs, 2, sizeof(precis_document),
                                   NULL), PRECIS_ERR_ARGUMENT);
    precis_document no_text[] = {{.text = NULL, .len = 5, .name = "x"}};
    assert_int_equal(precis_ctx_set_limits(ctx, 0, 0), PRECIS_OK);
    assert_int_equal(precis_digest(ctx, no_text, 1, sizeof(precis_document),
                                   &res), PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_digest(NULL, docs, 2, sizeof(precis_document),
                                   &res), PRECIS_ERR_ARGUMENT);
    precis_buffer_free(out);
    precis_ctx_free(ctx);
}

static void one_document_ranks_as_a_summary_does(void **state)
{
    (void)state;
    precis_document docs[] = {{.text = first, .len = strlen(first), .name = "a"}};
    precis_ctx *ctx = context(2);
    precis_result *digest, *summary;
    assert_int_equal(precis_digest(ctx, docs, 1, sizeof(precis_document), &digest), PRECIS_OK);
    /* A digest ranks with TextRank. */
    assert_int_equal(precis_ctx_set_algorithm(ctx, PRECIS_ALGORITHM_TEXTRANK), PRECIS_OK);
    assert_int_equal(precis_summarize(ctx, first, strlen(first), &summary), PRECIS_OK);
    assert_int_equal(precis_result_summary_count(digest), precis_result_summary_count(summary));
    for (size_t k = 0; k < precis_result_summary_count(summary); k++) {
        assert_int_equal(test_sentence(digest, k, 1).start,
                         test_sentence(summary, k, 1).start);
        assert_double_near(test_sentence(digest, k, 1).score,
                           test_sentence(summary, k, 1).score, 1e-12);
    }
    precis_result_free(digest);
    precis_result_free(summary);
    precis_ctx_free(ctx);
}

/* Ids given as JSON keep their type; a caller built against 1.0 passes
 * the smaller struct and gets its names. */
static void ids_keep_their_json_type(void **state)
{
    (void)state;
    static const char nul_id[] = "\"n\\u0000ul\"";
    precis_document docs[] = {
        {.text = first, .len = strlen(first), .name = "2", .id_json = "2", .id_json_len = 1},
        {.text = second, .len = strlen(second), .name = "", .id_json = "null", .id_json_len = 4},
        {.text = copy, .len = strlen(copy), .name = "n", .id_json = nul_id,
         .id_json_len = sizeof nul_id - 1},
    };
    precis_ctx *ctx = context(9);
    precis_result *res;
    assert_int_equal(precis_digest(ctx, docs, 3, sizeof(precis_document), &res), PRECIS_OK);
    precis_buffer *out = test_buffer();
    assert_int_equal(precis_render_digest(res, docs, 3, sizeof(precis_document),
                                          PRECIS_FORMAT_JSONL, out),
                     PRECIS_OK);
    const char *json = precis_buffer_data(out);
    assert_non_null(strstr(json, "{\"id\": 2, \"index\""));
    assert_non_null(strstr(json, "{\"id\": null, \"index\""));
    assert_non_null(strstr(json, "{\"id\": \"n\\u0000ul\", \"index\""));
    precis_buffer_clear(out);
    /* The 1.0 layout: documents old_size bytes apart. */
    size_t old_size = offsetof(precis_document, id_json);
    _Alignas(precis_document) char packed[3 * sizeof(precis_document)];
    for (size_t d = 0; d < 3; d++)
        memcpy(packed + d * old_size, &docs[d], old_size);
    precis_result_free(res);
    assert_int_equal(precis_digest(ctx, (const precis_document *)packed, 3, old_size, &res),
                     PRECIS_OK);
    assert_int_equal(precis_render_digest(res, (const precis_document *)packed, 3, old_size,
                                          PRECIS_FORMAT_JSONL, out),
                     PRECIS_OK);
    assert_non_null(strstr(precis_buffer_data(out), "{\"id\": \"2\", \"index\""));
    precis_result_free(res);
    assert_int_equal(precis_digest(ctx, docs, 3, old_size - 1, &res), PRECIS_ERR_ARGUMENT);
    precis_buffer_free(out);
    precis_ctx_free(ctx);
}

/* Headlines and bylines name a story rather than tell it: a digest never
 * prints them, as a summary does not. */
static void headings_and_boilerplate_are_left_out(void **state)
{
    (void)state;
    static const char story[] =
        "River floods the old town\n\nBy Jane Smith\n\n"
        "The river flooded the old town after three days of heavy rain. "
        "Rescue teams moved two hundred families from the old town to the school. "
        "The school gym became a shelter for the families.\n\nShare this article\n";
    precis_document docs[] = {
        {.text = story, .len = strlen(story), .name = "a"},
        {.text = second, .len = strlen(second), .name = "b"},
    };
    precis_ctx *ctx = context(20);
    precis_result *res;
    assert_int_equal(precis_digest(ctx, docs, 2, sizeof(precis_document), &res), PRECIS_OK);
    assert_int_equal(precis_result_summary_count(res), 5);
    for (size_t k = 0; k < precis_result_summary_count(res); k++) {
        precis_sentence s = test_sentence(res, k, 1);
        assert_true(s.flags & PRECIS_SENTENCE_CANDIDATE);
        assert_true(s.rank > 0);
        const char *text = (s.document == 0 ? story : second) + s.start;
        assert_false(strncmp(text, "River floods", 12) == 0);
        assert_false(strncmp(text, "By Jane", 7) == 0);
        assert_false(strncmp(text, "Share this", 10) == 0);
    }
    precis_result_free(res);
    precis_ctx_free(ctx);
}

/* Exact repeats are left out whatever their similarity says: sentences
 * without terms, and sentences of common words in a set so large that the
 * graph is capped and leaves their terms out. */
static void repeats_appear_once(void **state)
{
    (void)state;
    static const char yes[] = "Yes. It is what it is. Yes.";
    static const char line[] = "The committee approved the budget for the new bridge on Tuesday. ";
    size_t copies = 700, len = strlen(line);
    char *many = malloc(copies * len);
    assert_non_null(many);
    for (size_t i = 0; i < copies; i++)
        memcpy(many + i * len, line, len);
    precis_document docs[] = {
        {.text = yes, .len = strlen(yes), .name = "yes"},
        {.text = yes, .len = strlen(yes), .name = "again"},
        {.text = many, .len = copies * len, .name = "m1"},
        {.text = many, .len = copies * len, .name = "m2"},
        {.text = many, .len = copies * len, .name = "m3"},
    };
    precis_ctx *ctx;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_ctx_set_length(ctx, PRECIS_LENGTH_RATIO, 1.0), PRECIS_OK);
    precis_result *res;
    assert_int_equal(precis_digest(ctx, docs, 5, sizeof(precis_document), &res), PRECIS_OK);
    assert_int_equal(precis_result_sentence_count(res), 2106);
    assert_int_equal(precis_result_summary_count(res), 3);
    precis_result_free(res);
    precis_ctx_free(ctx);
    free(many);
}

/* A sentence that leans on the one before it in its document does not
 * stand alone in a digest: it is taken only when too few others may. */
static void dependent_sentences_wait_for_the_others(void **state)
{
    (void)state;
    static const char lean[] =
        "The mayor spoke to reporters at the harbour on Monday. "
        "She said the river flooded the town after three days of rain and rescue teams moved "
        "families to the school.";
    static const char other[] =
        "The river flooded the town after days of rain. "
        "Rescue teams moved families from the low streets to the school on Sunday.";
    precis_document docs[] = {
        {.text = lean, .len = strlen(lean), .name = "lean"},
        {.text = other, .len = strlen(other), .name = "other"},
    };
    for (double n = 1; n <= 4; n++) {
        precis_ctx *ctx = context(n);
        precis_result *res;
        assert_int_equal(precis_digest(ctx, docs, 2, sizeof(precis_document), &res), PRECIS_OK);
        sentence_list all_list = test_sentences(res, 0);
        const precis_sentence *all = all_list.s;
        assert_int_equal(all_list.count, 4);
        /* "She said" leans on the sentence before it in its document, and
         * is the best ranked. */
        assert_true(all[1].flags & PRECIS_SENTENCE_DEPENDENT);
        assert_int_equal(all[1].document, 0);
        assert_int_equal(all[1].depends_on, 0);
        assert_int_equal(all[1].rank, 1);
        for (size_t k = 0; k < 4; k++)
            if (k != 1)
                assert_false(all[k].flags & PRECIS_SENTENCE_DEPENDENT);
        assert_int_equal((all[1].flags & PRECIS_SENTENCE_CHOSEN) != 0, n == 4);
        assert_int_equal(precis_result_summary_count(res), (size_t)n);
        precis_result_free(res);
        precis_ctx_free(ctx);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(summary_is_attributed_and_in_order),
        cmocka_unit_test(repeated_news_appears_once),
        cmocka_unit_test(rendering),
        cmocka_unit_test(empty_sets_and_failures),
        cmocka_unit_test(one_document_ranks_as_a_summary_does),
        cmocka_unit_test(ids_keep_their_json_type),
        cmocka_unit_test(headings_and_boilerplate_are_left_out),
        cmocka_unit_test(repeats_appear_once),
        cmocka_unit_test(dependent_sentences_wait_for_the_others),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
