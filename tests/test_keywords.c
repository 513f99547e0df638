/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_keywords.c - keyphrases of a document and of a set (keywords.c,
 * ngrams.c): candidates and their boundaries, ranking, spellings, counts,
 * unspaced scripts, documents read in pieces, renderings and failures.
 */
#include "test_helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keywords.h"
#include "precis.h"

static const char floods[] =
    "Heavy rain flooded the old town on Sunday. The river flooded the market square "
    "and the old stone bridge. Rescue teams moved families from the old town to the "
    "school on the hill. Engineers closed the old stone bridge on Monday. "
    "The old stone bridge will cost millions to repair.";

static precis_ctx *context(size_t n)
{
    precis_ctx *ctx;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_ctx_set_keyword_count(ctx, n), PRECIS_OK);
    return ctx;
}

static precis_keyword_list *keywords_of(precis_ctx *ctx, const char *text, size_t len)
{
    precis_keyword_list *list = NULL;
    assert_int_equal(precis_keywords(ctx, text, len, &list), PRECIS_OK);
    assert_non_null(list);
    return list;
}

/* The index of phrase in list, or the count when it is not there. */
static size_t find_phrase(const precis_keyword_list *list, const char *phrase)
{
    size_t n = precis_keyword_list_count(list);
    for (size_t k = 0; k < n; k++)
        if (strcmp(precis_keyword_list_phrase(list, k, NULL), phrase) == 0)
            return k;
    return n;
}

static void repeated_phrase_ranks_first_with_its_count(void **state)
{
    (void)state;
    precis_ctx *ctx = context(5);
    precis_keyword_list *list = keywords_of(ctx, floods, strlen(floods));
    assert_string_equal(precis_keyword_list_language(list), "en");
    assert_int_equal(precis_keyword_list_document_count(list), 1);
    assert_true(precis_keyword_list_count(list) <= 5);
    assert_string_equal(precis_keyword_list_phrase(list, 0, NULL), "old stone bridge");
    assert_int_equal(precis_keyword_list_occurrences(list, 0), 3);
    assert_int_equal(precis_keyword_list_documents(list, 0), 1);
    assert_true(find_phrase(list, "old town") < precis_keyword_list_count(list));
    double previous = 1.0;
    for (size_t k = 0; k < precis_keyword_list_count(list); k++) {
        double score = precis_keyword_list_score(list, k);
        assert_true(score > 0.0 && score <= previous);
        previous = score;
    }
    assert_null(precis_keyword_list_phrase(list, 99, NULL));
    assert_true(precis_keyword_list_score(list, 99) == 0.0);
    precis_keyword_list_free(list);
    precis_ctx_free(ctx);
}

/* Stopwords, punctuation and the boundary list end candidates: no phrase
 * holds a comma or starts or ends with a stopword or a leading verb. */
static void candidates_stop_at_boundaries(void **state)
{
    (void)state;
    static const char text[] =
        "The committee approved the new budget, and the city council rejected the tax "
        "increase. The new budget includes school repairs. School repairs were delayed "
        "quickly by the council.";
    precis_ctx *ctx = context(20);
    precis_keyword_list *list = keywords_of(ctx, text, strlen(text));
    size_t n = precis_keyword_list_count(list);
    assert_true(n > 3);
    for (size_t k = 0; k < n; k++) {
        const char *p = precis_keyword_list_phrase(list, k, NULL);
        assert_null(strchr(p, ','));
        assert_null(strchr(p, '.'));
        assert_true(strncmp(p, "the ", 4) != 0 && strncmp(p, "The ", 4) != 0);
        assert_true(strstr(p, " and ") == NULL && strstr(p, " the ") == NULL);
        assert_null(strstr(p, "quickly"));
        assert_null(strstr(p, "delayed"));
        assert_true(strncmp(p, "new ", 4) != 0);
    }
    assert_true(find_phrase(list, "city council") < n);
    /* "school repairs" and "School repairs": one phrase, in the spelling
     * without capitals on a tie. */
    assert_string_equal(precis_keyword_list_phrase(list, 0, NULL), "school repairs");
    assert_int_equal(precis_keyword_list_occurrences(list, 0), 2);
    precis_keyword_list_free(list);
    precis_ctx_free(ctx);
}

/* Every spelling of a phrase counts; the one the text uses most is given. */
static void most_frequent_spelling(void **state)
{
    (void)state;
    static const char text[] = "Solar panels, wind farms and Solar Panels: the solar panels "
                               "again. Wind farms, SOLAR PANELS.";
    precis_ctx *ctx = context(10);
    precis_keyword_list *list = keywords_of(ctx, text, strlen(text));
    assert_int_equal(precis_keyword_list_count(list), 2);
    assert_string_equal(precis_keyword_list_phrase(list, 0, NULL), "solar panels");
    assert_int_equal(precis_keyword_list_occurrences(list, 0), 4);
    assert_string_equal(precis_keyword_list_phrase(list, 1, NULL), "wind farms");
    assert_int_equal(precis_keyword_list_occurrences(list, 1), 2);
    precis_keyword_list_free(list);
    precis_ctx_free(ctx);
}

static void hyphenated_words_stay_together(void **state)
{
    (void)state;
    static const char text[] = "The state-owned company sold out-of-print books. "
                               "The state-owned company closed.";
    precis_ctx *ctx = context(10);
    precis_keyword_list *list = keywords_of(ctx, text, strlen(text));
    assert_true(find_phrase(list, "state-owned company") < precis_keyword_list_count(list));
    for (size_t k = 0; k < precis_keyword_list_count(list); k++)
        assert_null(strstr(precis_keyword_list_phrase(list, k, NULL), "state owned"));
    precis_keyword_list_free(list);
    precis_ctx_free(ctx);
}

/* Chinese has no spaces: the strings the text repeats are the candidates. */
static void chinese_repeated_strings(void **state)
{
    (void)state;
    static const char text[] = "电动公交车在城市里运行。政府购买了新的电动公交车。"
                               "电动公交车减少了污染。市民喜欢电动公交车。";
    precis_ctx *ctx = context(5);
    precis_keyword_list *list = keywords_of(ctx, text, strlen(text));
    assert_string_equal(precis_keyword_list_language(list), "zh");
    size_t k = find_phrase(list, "电动公交车");
    assert_true(k < precis_keyword_list_count(list));
    assert_int_equal(precis_keyword_list_occurrences(list, k), 4);
    for (size_t j = 0; j < precis_keyword_list_count(list); j++)
        assert_null(strstr(precis_keyword_list_phrase(list, j, NULL), "。"));
    precis_keyword_list_free(list);
    precis_ctx_free(ctx);
}

/* A set: scores are means over the documents, so a phrase in every
 * document beats one repeated in one; counts and documents add up. */
static void set_of_documents(void **state)
{
    (void)state;
    static const char a[] = "The city budget passed. Council members debated the city budget.";
    static const char b[] = "The city budget, teachers said, was too small for pay rises.";
    static const char c[] = "The city budget was late. Snow closed the roads.";
    precis_document docs[] = {
        {.text = a, .len = strlen(a), .name = "a"},
        {.text = b, .len = strlen(b), .name = "b"},
        {.text = c, .len = strlen(c), .name = "c"},
    };
    precis_ctx *ctx = context(3);
    precis_keyword_list *list = NULL;
    assert_int_equal(precis_keywords_digest(ctx, docs, 3, sizeof docs[0], &list), PRECIS_OK);
    assert_int_equal(precis_keyword_list_document_count(list), 3);
    assert_string_equal(precis_keyword_list_phrase(list, 0, NULL), "city budget");
    assert_int_equal(precis_keyword_list_occurrences(list, 0), 4);
    assert_int_equal(precis_keyword_list_documents(list, 0), 3);
    double total = 0.0;
    for (size_t k = 0; k < precis_keyword_list_count(list); k++)
        total += precis_keyword_list_score(list, k);
    assert_true(total <= 1.0 + 1e-9);
    precis_keyword_list_free(list);
    precis_ctx_free(ctx);
}

/* The same document gives the same list after the context has served
 * others, and a list does not depend on the text after it is made. */
static void context_reuse_is_deterministic(void **state)
{
    (void)state;
    precis_ctx *ctx = context(8);
    char *copy = malloc(sizeof floods);
    assert_non_null(copy);
    memcpy(copy, floods, sizeof floods);
    precis_keyword_list *first = keywords_of(ctx, copy, strlen(copy));
    memset(copy, 'x', strlen(copy));
    static const char other[] = "Snow closed the mountain roads. Drivers waited for snow ploughs.";
    precis_keyword_list *between = keywords_of(ctx, other, strlen(other));
    precis_keyword_list *again = keywords_of(ctx, floods, strlen(floods));
    assert_int_equal(precis_keyword_list_count(first), precis_keyword_list_count(again));
    for (size_t k = 0; k < precis_keyword_list_count(first); k++) {
        assert_string_equal(precis_keyword_list_phrase(first, k, NULL),
                            precis_keyword_list_phrase(again, k, NULL));
        assert_true(precis_keyword_list_score(first, k) == precis_keyword_list_score(again, k));
    }
    free(copy);
    precis_keyword_list_free(first);
    precis_keyword_list_free(between);
    precis_keyword_list_free(again);
    precis_ctx_free(ctx);
}

/* A document longer than a piece is ranked piece by piece: a phrase
 * repeated throughout still comes first and its every occurrence counts. */
static void long_document_in_pieces(void **state)
{
    (void)state;
    static const char unit[] = "The harbour crane lifted containers. Dock workers unloaded "
                               "fresh fish near the lighthouse. ";
    size_t copies = 3 * PRECIS_KEYWORD_PIECE / 12 + 1;
    size_t len = copies * (sizeof unit - 1);
    char *text = malloc(len);
    assert_non_null(text);
    for (size_t i = 0; i < copies; i++)
        memcpy(text + i * (sizeof unit - 1), unit, sizeof unit - 1);
    precis_ctx *ctx = context(3);
    precis_keyword_list *list = keywords_of(ctx, text, len);
    assert_int_equal(precis_keyword_list_count(list), 3);
    /* Pieces end with a sentence: no phrase is cut. */
    size_t k = find_phrase(list, "harbour crane lifted containers");
    assert_true(k < 3);
    for (size_t j = 0; j < 3; j++)
        assert_int_equal(precis_keyword_list_occurrences(list, j), copies);
    double total = 0.0;
    for (size_t j = 0; j < 3; j++)
        total += precis_keyword_list_score(list, j);
    assert_true(total > 0.0 && total <= 1.0 + 1e-9);
    precis_keyword_list_free(list);
    precis_ctx_free(ctx);
    free(text);
}

static void empty_and_wordless_documents(void **state)
{
    (void)state;
    precis_ctx *ctx = context(10);
    precis_keyword_list *list = keywords_of(ctx, "", 0);
    assert_int_equal(precis_keyword_list_count(list), 0);
    precis_keyword_list_free(list);
    list = keywords_of(ctx, "... !!! ,,, ???", 15);
    assert_int_equal(precis_keyword_list_count(list), 0);
    precis_keyword_list_free(list);
    static const char invalid[] = "Caf\xC3 \xFF\xFE broken bytes, broken bytes.";
    list = keywords_of(ctx, invalid, sizeof invalid - 1);
    for (size_t k = 0; k < precis_keyword_list_count(list); k++) {
        size_t len;
        const char *p = precis_keyword_list_phrase(list, k, &len);
        assert_int_equal(strlen(p), len);
    }
    precis_keyword_list_free(list);
    precis_ctx_free(ctx);
}

static void renderings(void **state)
{
    (void)state;
    precis_ctx *ctx = context(2);
    precis_keyword_list *list = keywords_of(ctx, floods, strlen(floods));
    precis_buffer *buf = test_buffer();
    assert_int_equal(precis_render_keywords(list, PRECIS_FORMAT_TEXT, NULL, buf), PRECIS_OK);
    char want[256];
    snprintf(want, sizeof want, "%s\n%s\n", precis_keyword_list_phrase(list, 0, NULL),
             precis_keyword_list_phrase(list, 1, NULL));
    assert_string_equal(precis_buffer_data(buf), want);
    precis_buffer_clear(buf);
    assert_int_equal(precis_render_keywords(list, PRECIS_FORMAT_JSONL, "a \"b\".txt", buf),
                     PRECIS_OK);
    const char *out = precis_buffer_data(buf);
    static const char head[] = "{\"file\": \"a \\\"b\\\".txt\", \"lang\": \"en\", \"keywords\": "
                               "[{\"phrase\": \"old stone bridge\", \"score\": ";
    assert_true(strncmp(out, head, sizeof head - 1) == 0);
    assert_non_null(strstr(out, "\"count\": 3}"));
    assert_int_equal(strchr(out, '\n') - out, (long)precis_buffer_length(buf) - 1);
    precis_buffer_clear(buf);
    assert_int_equal(precis_render_keywords_members(list, PRECIS_FORMAT_JSONL, buf), PRECIS_OK);
    assert_true(strncmp(precis_buffer_data(buf), "\"lang\": \"en\", \"keywords\": [", 27) == 0);
    precis_buffer_free(buf);
    precis_keyword_list_free(list);
    precis_ctx_free(ctx);
}

static void bad_arguments(void **state)
{
    (void)state;
    precis_ctx *ctx = context(3);
    precis_keyword_list *list = NULL;
    assert_int_equal(precis_ctx_set_keyword_count(ctx, 0), PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_keywords(ctx, NULL, 5, &list), PRECIS_ERR_ARGUMENT);
    assert_null(list);
    assert_int_equal(precis_keywords(ctx, "text", 4, NULL), PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_keywords_digest(ctx, NULL, 1, sizeof(precis_document), &list),
                     PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_ctx_set_limits(ctx, 8, 0), PRECIS_OK);
    assert_int_equal(precis_keywords(ctx, floods, strlen(floods), &list), PRECIS_ERR_TOO_LARGE);
    assert_null(list);
    precis_keyword_list_free(NULL);
    assert_int_equal(precis_keyword_list_count(NULL), 0);
    precis_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(repeated_phrase_ranks_first_with_its_count),
        cmocka_unit_test(candidates_stop_at_boundaries),
        cmocka_unit_test(most_frequent_spelling),
        cmocka_unit_test(hyphenated_words_stay_together),
        cmocka_unit_test(chinese_repeated_strings),
        cmocka_unit_test(set_of_documents),
        cmocka_unit_test(context_reuse_is_deterministic),
        cmocka_unit_test(long_document_in_pieces),
        cmocka_unit_test(empty_and_wordless_documents),
        cmocka_unit_test(renderings),
        cmocka_unit_test(bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
