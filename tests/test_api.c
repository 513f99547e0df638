/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_api.c - the public API as a user sees it: only precis.h.
 */
#include "test_helpers.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "precis.h"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* A hub and three leaves: the second sentence shares one term with each
 * of the others, which share nothing among themselves. The damped walk
 * gives the hub h and each leaf l with h = 0.85 * 3 l + 0.15 / 4 and
 * l = 0.85 h / 3 + 0.15 / 4, so h = 71/148 and l = 77/444. Lengths:
 * 2, 3, 2, 2 words and 13, 21, 11, 10 characters. */
static const char hub[] = "Apples ripen. Apples, pears, plums. Pears fall. Plums rot.";
#define HUB_SCORE (71.0 / 148.0)
#define LEAF_SCORE (77.0 / 444.0)

static const char french[] = "Le chat dort sur le lit. Le chien dort dans le jardin. "
                             "Les enfants jouent avec le chat et le chien.";

static const char cjk[] = "\u4eca\u5929\u5929\u6c14\u5f88\u597d\u3002"
                          "\u6211\u4eec\u53bb\u516c\u56ed\u6563\u6b65\u3002"
                          "\u516c\u56ed\u91cc\u7684\u5929\u6c14\u4e5f\u5f88\u597d\u3002";

static const char invalid[] = "Bad \xff\xfe bytes are here. More \xc3 bytes here.\x80 "
                              "The end \xed\xa0\x80 bytes.";

/* The sentences of a longer document, joined by the separators below. */
static const char *const long_sentences[] = {
    "The river floods the valley every spring.",
    "Farmers in the valley plant rice after the river floods.",
    "A new dam upstream could stop the floods.",
    "Engineers say the dam would take ten years to build.",
    "The farmers fear that the dam would ruin their rice fields.",
    "Fishermen downstream depend on the river as well.",
    "The government has not decided on the dam.",
    "Protests against the dam began last week.",
    "Police watched the protests from a distance.",
    "Nobody was hurt during the protests.",
    "A vote on the dam is expected next month.",
    "Until the vote the river will flood the valley as it always has.",
};
static const char *const long_separators[] = {" ", "  ", "\n\n", " ", "\t", " ", "\n\n",
                                              " ",  " ", " ",    "\n\n", ""};

typedef struct document {
    char *text;
    size_t len;
    size_t starts[NELEMS(long_sentences)];
} document;

static void make_long_document(document *doc)
{
    size_t cap = 1;
    for (size_t i = 0; i < NELEMS(long_sentences); i++)
        cap += strlen(long_sentences[i]) + strlen(long_separators[i]);
    doc->text = malloc(cap);
    assert_non_null(doc->text);
    doc->len = 0;
    for (size_t i = 0; i < NELEMS(long_sentences); i++) {
        doc->starts[i] = doc->len;
        memcpy(doc->text + doc->len, long_sentences[i], strlen(long_sentences[i]));
        doc->len += strlen(long_sentences[i]);
        memcpy(doc->text + doc->len, long_separators[i], strlen(long_separators[i]));
        doc->len += strlen(long_separators[i]);
    }
}

/* A context with TextRank, whose scores the known answers below are
 * worked out for (test_algorithms.c covers the other algorithms). */
static precis_ctx *new_ctx(void)
{
    precis_ctx *ctx = NULL;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_non_null(ctx);
    assert_string_equal(precis_ctx_error(ctx), "");
    assert_int_equal(precis_ctx_set_algorithm(ctx, PRECIS_ALGORITHM_TEXTRANK), PRECIS_OK);
    return ctx;
}

/* Summarizes text with ctx and returns the rendering in format. */
static char *render_with(precis_ctx *ctx, const char *text, size_t len, precis_format format,
                         int split)
{
    precis_result *res = NULL;
    precis_status st = split ? precis_split(ctx, text, len, &res)
                             : precis_summarize(ctx, text, len, &res);
    assert_int_equal(st, PRECIS_OK);
    precis_buffer *buf = test_buffer();
    assert_int_equal(precis_render(res, text, len, format, "doc", buf), PRECIS_OK);
    precis_result_free(res);
    size_t out_len = precis_buffer_length(buf);
    char *copy = malloc(out_len + 1);
    assert_non_null(copy);
    memcpy(copy, precis_buffer_data(buf), out_len + 1);
    precis_buffer_free(buf);
    return copy;
}

/* ------------------------------------------------------------------ */

static void test_version(void **state)
{
    (void)state;
    char expected[32];
    snprintf(expected, sizeof expected, "%d.%d.%d", PRECIS_VERSION_MAJOR, PRECIS_VERSION_MINOR,
             PRECIS_VERSION_PATCH);
    assert_string_equal(precis_version_string(), expected);
    assert_int_equal(PRECIS_VERSION_NUMBER, PRECIS_VERSION_MAJOR * 10000 +
                                                PRECIS_VERSION_MINOR * 100 +
                                                PRECIS_VERSION_PATCH);
    assert_ptr_equal(precis_version_string(), precis_version_string()); /* static */
    assert_int_equal(precis_version_number(), PRECIS_VERSION_NUMBER);
    assert_string_equal(precis_version_string(), PRECIS_VERSION_STRING);
}

static void test_status_str(void **state)
{
    (void)state;
    static const precis_status all[] = {PRECIS_OK,           PRECIS_ERR_NOMEM,
                                        PRECIS_ERR_ARGUMENT, PRECIS_ERR_LANGUAGE,
                                        PRECIS_ERR_TOO_LARGE, PRECIS_ERR_NO_CONVERGENCE,
                                        PRECIS_ERR_FORMAT};
    /* The values are part of the ABI: fixed forever. */
    for (size_t i = 0; i < NELEMS(all); i++)
        assert_int_equal(all[i], (int)i);
    const char *unknown = precis_status_str((precis_status)99);
    assert_non_null(unknown);
    for (size_t i = 0; i < NELEMS(all); i++) {
        const char *s = precis_status_str(all[i]);
        assert_non_null(s);
        assert_true(strlen(s) > 3);
        assert_string_not_equal(s, unknown);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(s, precis_status_str(all[j]));
    }
    assert_string_equal(precis_status_str(PRECIS_OK), "success");
}

static void test_languages(void **state)
{
    (void)state;
    size_t n = precis_language_count();
    assert_true(n >= 5);
    int has_en = 0;
    precis_ctx *ctx = new_ctx();
    for (size_t i = 0; i < n; i++) {
        const char *code = precis_language_code(i), *name = precis_language_name(i);
        assert_non_null(code);
        assert_non_null(name);
        assert_int_equal(strlen(code), 2);
        assert_true(name[0] != '\0');
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(code, precis_language_code(j));
        if (strcmp(code, "en") == 0) {
            has_en = 1;
            assert_string_equal(name, "English");
        }
        /* Every listed code is accepted and used as given. */
        assert_int_equal(precis_ctx_set_language(ctx, code), PRECIS_OK);
        precis_result *res;
        assert_int_equal(precis_summarize(ctx, hub, sizeof hub - 1, &res), PRECIS_OK);
        assert_string_equal(precis_result_language(res), code);
        precis_result_free(res);
    }
    assert_true(has_en);
    assert_null(precis_language_code(n));
    assert_null(precis_language_name(n));
    assert_null(precis_language_code(SIZE_MAX));
    assert_null(precis_language_name(SIZE_MAX));
    precis_ctx_free(ctx);
}

static void test_free_null(void **state)
{
    (void)state;
    precis_free(NULL);
    precis_ctx_free(NULL);
    precis_result_free(NULL);
    precis_buffer_free(NULL);
    precis_buffer_clear(NULL);
    assert_string_equal(precis_buffer_data(NULL), "");
    assert_int_equal(precis_buffer_length(NULL), 0);
    precis_buffer *empty = test_buffer();
    assert_string_equal(precis_buffer_data(empty), ""); /* never NULL */
    precis_buffer_free(empty);
    /* Accessors on NULL answer "nothing" instead of crashing. */
    assert_null(precis_result_language(NULL));
    assert_int_equal(precis_result_sentence_count(NULL), 0);
    assert_int_equal(precis_result_summary_count(NULL), 0);
    precis_sentence s;
    assert_int_equal(precis_result_sentence(NULL, 0, &s, sizeof s), PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_result_summary(NULL, 0, &s, sizeof s), PRECIS_ERR_ARGUMENT);
    assert_null(precis_result_text(NULL, 0, NULL));
    assert_string_equal(precis_result_title(NULL), "");
    assert_non_null(precis_ctx_error(NULL));
}

static void test_null_arguments(void **state)
{
    (void)state;
    static char sentinel;
    precis_ctx *ctx = new_ctx();
    assert_int_equal(precis_ctx_new(NULL), PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_ctx_set_language(NULL, "en"), PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_ctx_set_language(ctx, NULL), PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_ctx_set_length(NULL, PRECIS_LENGTH_SENTENCES, 3), PRECIS_ERR_ARGUMENT);

    for (int split = 0; split < 2; split++) {
        precis_status (*run)(precis_ctx *, const char *, size_t, precis_result **) =
            split ? precis_split : precis_summarize;
        precis_result *out = (precis_result *)(void *)&sentinel;
        assert_int_equal(run(NULL, hub, sizeof hub - 1, &out), PRECIS_ERR_ARGUMENT);
        assert_null(out);
        out = (precis_result *)(void *)&sentinel;
        assert_int_equal(run(ctx, NULL, 5, &out), PRECIS_ERR_ARGUMENT);
        assert_null(out);
        assert_true(precis_ctx_error(ctx)[0] != '\0'); /* it says why */
        assert_int_equal(run(ctx, hub, sizeof hub - 1, NULL), PRECIS_ERR_ARGUMENT);
        /* NULL with length 0 is the empty document. */
        assert_int_equal(run(ctx, NULL, 0, &out), PRECIS_OK);
        assert_string_equal(precis_ctx_error(ctx), "");
        assert_int_equal(precis_result_sentence_count(out), 0);
        precis_result_free(out);
    }

    char *summary = &sentinel;
    size_t summary_len = 7;
    assert_int_equal(precis_summarize_text(hub, sizeof hub - 1, 3, NULL, &summary_len),
                     PRECIS_ERR_ARGUMENT);
    assert_int_equal(summary_len, 0);
    assert_int_equal(precis_summarize_text(NULL, 5, 3, &summary, NULL), PRECIS_ERR_ARGUMENT);
    assert_null(summary);
    summary = &sentinel;
    assert_int_equal(precis_summarize_text(hub, sizeof hub - 1, 0, &summary, NULL),
                     PRECIS_ERR_ARGUMENT);
    assert_null(summary);

    precis_result *res;
    assert_int_equal(precis_summarize(ctx, hub, sizeof hub - 1, &res), PRECIS_OK);
    precis_buffer *buf = test_buffer();
    assert_int_equal(precis_render(NULL, hub, sizeof hub - 1, PRECIS_FORMAT_TEXT, NULL, buf),
                     PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_render(res, NULL, sizeof hub - 1, PRECIS_FORMAT_TEXT, NULL, buf),
                     PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_render(res, hub, sizeof hub - 1, PRECIS_FORMAT_TEXT, NULL, NULL),
                     PRECIS_ERR_ARGUMENT);
    assert_int_equal(precis_buffer_length(buf), 0);
    precis_buffer_free(buf);
    precis_result_free(res);
    precis_ctx_free(ctx);
}

static const char *language_of(precis_ctx *ctx, const char *text)
{
    static char code[8];
    precis_result *res;
    assert_int_equal(precis_summarize(ctx, text, strlen(text), &res), PRECIS_OK);
    snprintf(code, sizeof code, "%s", precis_result_language(res));
    precis_result_free(res);
    return code;
}

static void test_set_language(void **state)
{
    (void)state;
    precis_ctx *ctx = new_ctx();
    /* The default detects. */
    assert_string_equal(language_of(ctx, french), "fr");
    assert_string_equal(language_of(ctx, hub), "en");

    /* An unknown code is refused, says why, and changes nothing. */
    assert_int_equal(precis_ctx_set_language(ctx, "xx"), PRECIS_ERR_LANGUAGE);
    assert_non_null(strstr(precis_ctx_error(ctx), "xx"));
    assert_string_equal(language_of(ctx, french), "fr");

    assert_int_equal(precis_ctx_set_language(ctx, "de"), PRECIS_OK);
    assert_string_equal(precis_ctx_error(ctx), "");
    assert_string_equal(language_of(ctx, french), "de");
    static const char *const bad[] = {"xx", "", "english", "auto ", "e"};
    for (size_t i = 0; i < NELEMS(bad); i++) {
        assert_int_equal(precis_ctx_set_language(ctx, bad[i]), PRECIS_ERR_LANGUAGE);
        assert_string_equal(language_of(ctx, french), "de");
    }
    /* A very long code is refused without overflowing the message. */
    char long_code[1000];
    memset(long_code, 'q', sizeof long_code - 1);
    long_code[sizeof long_code - 1] = '\0';
    assert_int_equal(precis_ctx_set_language(ctx, long_code), PRECIS_ERR_LANGUAGE);

    assert_int_equal(precis_ctx_set_language(ctx, "auto"), PRECIS_OK);
    assert_string_equal(language_of(ctx, french), "fr");
    precis_ctx_free(ctx);
}

/* The chosen sentence indices of hub under a budget, as a string like
 * "01" (sentences 0 and 1). */
static void chosen_of(precis_ctx *ctx, char *out)
{
    precis_result *res;
    assert_int_equal(precis_summarize(ctx, hub, sizeof hub - 1, &res), PRECIS_OK);
    sentence_list s_list = test_sentences(res, 1);
    const precis_sentence *s = s_list.s;
    size_t k = precis_result_summary_count(res);
    for (size_t i = 0; i < k; i++)
        out[i] = (char)('0' + s[i].index);
    out[k] = '\0';
    precis_result_free(res);
}

static void test_set_length(void **state)
{
    (void)state;
    precis_ctx *ctx = new_ctx();
    char chosen[16];
    chosen_of(ctx, chosen);
    assert_string_equal(chosen, "012"); /* the default, 3: hub then leaves 0 and 2 */

    assert_int_equal(precis_ctx_set_length(ctx, PRECIS_LENGTH_SENTENCES, 1), PRECIS_OK);
    static const struct {
        precis_length_unit unit;
        double value;
    } bad[] = {
        {PRECIS_LENGTH_SENTENCES, 0},   {PRECIS_LENGTH_SENTENCES, -1},
        {PRECIS_LENGTH_SENTENCES, 1.5}, {PRECIS_LENGTH_SENTENCES, NAN},
        {PRECIS_LENGTH_WORDS, 0},       {PRECIS_LENGTH_WORDS, INFINITY},
        {PRECIS_LENGTH_CHARS, 2.5},     {PRECIS_LENGTH_CHARS, -3},
        {PRECIS_LENGTH_RATIO, 0},       {PRECIS_LENGTH_RATIO, 1.5},
        {PRECIS_LENGTH_RATIO, -0.5},    {PRECIS_LENGTH_RATIO, NAN},
        {(precis_length_unit)9, 1},
    };
    for (size_t i = 0; i < NELEMS(bad); i++) {
        assert_int_equal(precis_ctx_set_length(ctx, bad[i].unit, bad[i].value),
                         PRECIS_ERR_ARGUMENT);
        assert_true(precis_ctx_error(ctx)[0] != '\0');
    }
    /* Still one sentence: the hub. */
    chosen_of(ctx, chosen);
    assert_string_equal(chosen, "1");

    static const struct {
        precis_length_unit unit;
        double value;
        const char *chosen;
    } good[] = {
        {PRECIS_LENGTH_SENTENCES, 2, "01"},
        {PRECIS_LENGTH_SENTENCES, 10, "0123"},
        {PRECIS_LENGTH_RATIO, 0.5, "01"},
        {PRECIS_LENGTH_RATIO, 1.0, "0123"},
        {PRECIS_LENGTH_RATIO, 0.01, "1"},
        {PRECIS_LENGTH_WORDS, 3, "1"},      /* the hub fits exactly */
        {PRECIS_LENGTH_WORDS, 5, "01"},
        {PRECIS_LENGTH_WORDS, 1, "1"},      /* nothing fits: the top one */
        {PRECIS_LENGTH_WORDS, 1000, "0123"},
        {PRECIS_LENGTH_CHARS, 21, "1"},
        {PRECIS_LENGTH_CHARS, 31, "13"},    /* 0 and 2 would overflow, 3 fits */
        {PRECIS_LENGTH_CHARS, 5, "1"},
        {PRECIS_LENGTH_CHARS, 1000, "0123"},
    };
    for (size_t i = 0; i < NELEMS(good); i++) {
        assert_int_equal(precis_ctx_set_length(ctx, good[i].unit, good[i].value), PRECIS_OK);
        assert_string_equal(precis_ctx_error(ctx), "");
        chosen_of(ctx, chosen);
        if (strcmp(chosen, good[i].chosen) != 0)
            print_error("case %zu: want %s, got %s\n", i, good[i].chosen, chosen);
        assert_string_equal(chosen, good[i].chosen);
    }
    precis_ctx_free(ctx);
}

static void test_hub_scores(void **state)
{
    (void)state;
    precis_ctx *ctx = new_ctx();
    precis_result *res;
    assert_int_equal(precis_summarize(ctx, hub, sizeof hub - 1, &res), PRECIS_OK);
    assert_int_equal(precis_result_sentence_count(res), 4);
    sentence_list s_list = test_sentences(res, 0);
    const precis_sentence *s = s_list.s;
    static const double scores[] = {LEAF_SCORE, HUB_SCORE, LEAF_SCORE, LEAF_SCORE};
    static const size_t ranks[] = {2, 1, 3, 4}; /* ties broken by position */
    for (size_t i = 0; i < 4; i++) {
        assert_double_near(scores[i], s[i].score, 1e-9);
        assert_int_equal(s[i].rank, ranks[i]);
    }
    precis_result_free(res);
    precis_ctx_free(ctx);
}

/* The summary of text with ctx, one sentence a line. */
static void assert_summary_text(precis_ctx *ctx, const char *text, size_t len,
                                const char *expected)
{
    precis_result *res;
    assert_int_equal(precis_summarize(ctx, text, len, &res), PRECIS_OK);
    precis_buffer *buf = test_buffer();
    assert_int_equal(precis_render(res, text, len, PRECIS_FORMAT_TEXT, NULL, buf), PRECIS_OK);
    assert_int_equal(precis_buffer_length(buf), strlen(expected));
    if (precis_buffer_length(buf) > 0)
        assert_string_equal(precis_buffer_data(buf), expected);
    precis_buffer_free(buf);
    precis_result_free(res);
}

static void test_small_documents(void **state)
{
    (void)state;
    precis_ctx *ctx = new_ctx();
    /* No sentences: not an error. */
    static const char *const empty[] = {"", "   ", " \n\t\r\n ", "... !!! ???"};
    for (size_t i = 0; i < NELEMS(empty); i++) {
        precis_result *res;
        assert_int_equal(precis_summarize(ctx, empty[i], strlen(empty[i]), &res), PRECIS_OK);
        assert_int_equal(precis_result_sentence_count(res), 0);
        assert_int_equal(precis_result_summary_count(res), 0);
        assert_string_equal(precis_result_language(res), "en");
        precis_result_free(res);
        assert_summary_text(ctx, empty[i], strlen(empty[i]), "");
    }

    /* One sentence: all the mass. */
    const char *one = "Only one sentence here.";
    precis_result *res;
    assert_int_equal(precis_summarize(ctx, one, strlen(one), &res), PRECIS_OK);
    assert_int_equal(precis_result_sentence_count(res), 1);
    assert_int_equal(precis_result_summary_count(res), 1);
    assert_double_near(1.0, test_sentence(res, 0, 1).score, 1e-12);
    assert_int_equal(test_sentence(res, 0, 1).rank, 1);
    precis_result_free(res);
    assert_summary_text(ctx, one, strlen(one), "Only one sentence here.\n");

    /* Two sentences with -n 3: both, in order. */
    const char *two = "Dogs chase cats.  Cats chase dogs.";
    assert_summary_text(ctx, two, strlen(two), "Dogs chase cats.\nCats chase dogs.\n");
    assert_int_equal(precis_summarize(ctx, two, strlen(two), &res), PRECIS_OK);
    assert_double_near(0.5, test_sentence(res, 0, 0).score, 1e-12);
    assert_double_near(0.5, test_sentence(res, 1, 0).score, 1e-12);
    precis_result_free(res);
    /* -n 1: the tie goes to the first. */
    assert_int_equal(precis_ctx_set_length(ctx, PRECIS_LENGTH_SENTENCES, 1), PRECIS_OK);
    assert_summary_text(ctx, two, strlen(two), "Dogs chase cats.\n");

    /* Three sentences; budgets that allow them whole. */
    const char *three = "Cats chase mice. Dogs chase\ncats. Birds sing.";
    const char *three_all = "Cats chase mice.\nDogs chase cats.\nBirds sing.\n";
    assert_summary_text(ctx, three, strlen(three), "Cats chase mice.\n");
    static const struct {
        precis_length_unit unit;
        double value;
    } whole[] = {{PRECIS_LENGTH_SENTENCES, 3}, {PRECIS_LENGTH_SENTENCES, 4},
                 {PRECIS_LENGTH_RATIO, 1.0},   {PRECIS_LENGTH_WORDS, 8},
                 {PRECIS_LENGTH_CHARS, 43},    {PRECIS_LENGTH_CHARS, 1e6}};
    for (size_t i = 0; i < NELEMS(whole); i++) {
        assert_int_equal(precis_ctx_set_length(ctx, whole[i].unit, whole[i].value), PRECIS_OK);
        assert_summary_text(ctx, three, strlen(three), three_all);
    }
    /* One character less and the lowest-ranked sentence goes. */
    assert_int_equal(precis_ctx_set_length(ctx, PRECIS_LENGTH_CHARS, 42), PRECIS_OK);
    assert_summary_text(ctx, three, strlen(three), "Cats chase mice.\nDogs chase cats.\n");
    precis_ctx_free(ctx);
}

static void test_summarize_text(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t n;
        const char *expected;
    } cases[] = {
        {hub, 1, "Apples, pears, plums.\n"},
        {hub, 2, "Apples ripen.\nApples, pears, plums.\n"},
        {hub, 3, "Apples ripen.\nApples, pears, plums.\nPears fall.\n"},
        {hub, 99, "Apples ripen.\nApples, pears, plums.\nPears fall.\nPlums rot.\n"},
        {"", 3, ""},
        {"  \n ", 3, ""},
    };
    for (size_t i = 0; i < NELEMS(cases); i++) {
        char *summary = NULL;
        size_t summary_len = 0;
        assert_int_equal(precis_summarize_text(cases[i].text, strlen(cases[i].text), cases[i].n,
                                               &summary, &summary_len),
                         PRECIS_OK);
        assert_non_null(summary);
        assert_string_equal(summary, cases[i].expected);
        assert_int_equal(summary_len, strlen(cases[i].expected));
        precis_free(summary);
    }
}

/* The record invariants on a twelve-sentence document. */
static void test_result_invariants(void **state)
{
    (void)state;
    document doc;
    make_long_document(&doc);
    precis_ctx *ctx = new_ctx();
    assert_int_equal(precis_ctx_set_length(ctx, PRECIS_LENGTH_SENTENCES, 4), PRECIS_OK);
    precis_result *res;
    assert_int_equal(precis_summarize(ctx, doc.text, doc.len, &res), PRECIS_OK);
    assert_string_equal(precis_result_language(res), "en");

    size_t n = precis_result_sentence_count(res);
    assert_int_equal(n, NELEMS(long_sentences));
    sentence_list s_list = test_sentences(res, 0);
    const precis_sentence *s = s_list.s;
    double total = 0.0;
    unsigned char seen[NELEMS(long_sentences) + 1] = {0};
    for (size_t i = 0; i < n; i++) {
        /* Byte ranges of exactly the sentence, into the caller's text. */
        assert_int_equal(s[i].index, i);
        assert_int_equal(s[i].start, doc.starts[i]);
        assert_int_equal(s[i].length, strlen(long_sentences[i]));
        assert_memory_equal(doc.text + s[i].start, long_sentences[i], s[i].length);
        assert_true(s[i].score > 0.0);
        total += s[i].score;
        assert_true(s[i].rank >= 1 && s[i].rank <= n);
        assert_false(seen[s[i].rank]);
        seen[s[i].rank] = 1;
    }
    assert_double_near(1.0, total, 1e-9);
    /* Ranks follow scores, ties by position. */
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            if (s[i].rank < s[j].rank)
                assert_true(s[i].score > s[j].score || (s[i].score == s[j].score && i < j));
        }
    }
    /* The summary: the four best, in document order, copies of the records. */
    sentence_list sum_list = test_sentences(res, 1);
    const precis_sentence *sum = sum_list.s;
    assert_int_equal(precis_result_summary_count(res), 4);
    unsigned char ranks[5] = {0};
    for (size_t k = 0; k < 4; k++) {
        if (k > 0)
            assert_true(sum[k - 1].index < sum[k].index);
        const precis_sentence *full = &s[sum[k].index];
        assert_int_equal(sum[k].start, full->start);
        assert_int_equal(sum[k].length, full->length);
        assert_int_equal(sum[k].rank, full->rank);
        assert_true(sum[k].score == full->score);
        assert_true(sum[k].rank <= 4);
        ranks[sum[k].rank] = 1;
    }
    assert_true(ranks[1] && ranks[2] && ranks[3] && ranks[4]);

    /* A split result: every sentence, unranked. */
    precis_result *split;
    assert_int_equal(precis_split(ctx, doc.text, doc.len, &split), PRECIS_OK);
    assert_int_equal(precis_result_sentence_count(split), n);
    assert_int_equal(precis_result_summary_count(split), n);
    for (size_t i = 0; i < n; i++) {
        precis_sentence a = test_sentence(split, i, 0);
        precis_sentence b = test_sentence(split, i, 1);
        assert_int_equal(a.index, i);
        assert_int_equal(a.start, s[i].start);
        assert_int_equal(a.length, s[i].length);
        assert_true(a.score == 0.0 && a.rank == 0);
        assert_memory_equal(&a, &b, sizeof a);
    }
    precis_result_free(split);
    precis_result_free(res);
    precis_ctx_free(ctx);
    free(doc.text);
}

/* Results belong to the caller: freeing the context does not touch them. */
static void test_result_outlives_ctx(void **state)
{
    (void)state;
    precis_ctx *ctx = new_ctx();
    precis_result *res;
    assert_int_equal(precis_summarize(ctx, hub, sizeof hub - 1, &res), PRECIS_OK);
    precis_ctx_free(ctx);
    assert_int_equal(precis_result_sentence_count(res), 4);
    assert_int_equal(precis_result_summary_count(res), 3);
    assert_string_equal(precis_result_language(res), "en");
    assert_int_equal(test_sentence(res, 1, 1).index, 1);
    precis_buffer *buf = test_buffer();
    assert_int_equal(precis_render(res, hub, sizeof hub - 1, PRECIS_FORMAT_TEXT, NULL, buf),
                     PRECIS_OK);
    assert_string_equal(precis_buffer_data(buf), "Apples ripen.\nApples, pears, plums.\nPears fall.\n");
    precis_buffer_free(buf);
    precis_result_free(res);
}

/* ------------------------------------------------------------------ */
/* Reuse, determinism and threads */

typedef struct input {
    const char *text;
    size_t len;
} input;

#define INPUTS 8

static void inputs_of(input *in, const document *doc)
{
    in[0] = (input){hub, sizeof hub - 1};
    in[1] = (input){french, sizeof french - 1};
    in[2] = (input){cjk, sizeof cjk - 1};
    in[3] = (input){invalid, sizeof invalid - 1};
    in[4] = (input){"", 0};
    in[5] = (input){doc->text, doc->len};
    in[6] = (input){"One lonely sentence", 19};
    in[7] = (input){doc->text, doc->len / 2}; /* cut mid-sentence */
}

/* Renders of every input (JSON of the summary, then JSON of the split),
 * made with a fresh context each. */
static void reference_renders(const input *in, char **out)
{
    for (size_t i = 0; i < INPUTS; i++) {
        for (int split = 0; split < 2; split++) {
            precis_ctx *ctx = new_ctx();
            out[2 * i + (size_t)split] =
                render_with(ctx, in[i].text, in[i].len, PRECIS_FORMAT_JSON, split);
            precis_ctx_free(ctx);
        }
    }
}

static void free_renders(char **renders)
{
    for (size_t i = 0; i < 2 * INPUTS; i++)
        precis_free(renders[i]);
}

static void test_ctx_reuse(void **state)
{
    (void)state;
    document doc;
    make_long_document(&doc);
    input in[INPUTS];
    inputs_of(in, &doc);
    char *expected[2 * INPUTS];
    reference_renders(in, expected);

    /* One context, every document three times over, in two orders. */
    precis_ctx *ctx = new_ctx();
    for (size_t round = 0; round < 3; round++) {
        for (size_t k = 0; k < INPUTS; k++) {
            size_t i = round == 1 ? INPUTS - 1 - k : k;
            for (int split = 0; split < 2; split++) {
                char *got = render_with(ctx, in[i].text, in[i].len, PRECIS_FORMAT_JSON, split);
                assert_string_equal(got, expected[2 * i + (size_t)split]);
                precis_free(got);
            }
        }
    }
    precis_ctx_free(ctx);
    free_renders(expected);
    free(doc.text);
}

/* Same input, same bytes out: twice in one process, with and without a
 * fresh context, and in every format. */
static void test_determinism(void **state)
{
    (void)state;
    document doc;
    make_long_document(&doc);
    static const precis_format formats[] = {PRECIS_FORMAT_TEXT, PRECIS_FORMAT_JSON,
                                            PRECIS_FORMAT_JSONL};
    precis_ctx *a = new_ctx(), *b = new_ctx();
    for (size_t f = 0; f < NELEMS(formats); f++) {
        char *first = render_with(a, doc.text, doc.len, formats[f], 0);
        char *second = render_with(a, doc.text, doc.len, formats[f], 0);
        char *third = render_with(b, doc.text, doc.len, formats[f], 0);
        assert_string_equal(first, second);
        assert_string_equal(first, third);
        assert_true(strlen(first) > 0);
        precis_free(first);
        precis_free(second);
        precis_free(third);
    }
    precis_ctx_free(a);
    precis_ctx_free(b);
    free(doc.text);
}

typedef struct worker {
    const input *in;
    char *const *expected;
    size_t mismatches;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    precis_ctx *ctx = NULL;
    if (precis_ctx_new(&ctx) != PRECIS_OK ||
        precis_ctx_set_algorithm(ctx, PRECIS_ALGORITHM_TEXTRANK) != PRECIS_OK) {
        precis_ctx_free(ctx);
        w->mismatches = SIZE_MAX;
        return NULL;
    }
    for (size_t round = 0; round < 20; round++) {
        for (size_t i = 0; i < INPUTS; i++) {
            for (int split = 0; split < 2; split++) {
                precis_result *res = NULL;
                precis_status st = split ? precis_split(ctx, w->in[i].text, w->in[i].len, &res)
                                         : precis_summarize(ctx, w->in[i].text, w->in[i].len,
                                                            &res);
                precis_buffer *buf = test_buffer();
                if (st == PRECIS_OK)
                    st = precis_render(res, w->in[i].text, w->in[i].len, PRECIS_FORMAT_JSON,
                                       "doc", buf);
                if (st != PRECIS_OK || precis_buffer_data(buf) == NULL ||
                    strcmp(precis_buffer_data(buf), w->expected[2 * i + (size_t)split]) != 0)
                    w->mismatches++;
                precis_buffer_free(buf);
                precis_result_free(res);
            }
        }
    }
    precis_ctx_free(ctx);
    return NULL;
}

/* Two threads, one context each, the same documents: the same bytes as
 * a single thread. */
static void test_threads(void **state)
{
    (void)state;
    document doc;
    make_long_document(&doc);
    input in[INPUTS];
    inputs_of(in, &doc);
    char *expected[2 * INPUTS];
    reference_renders(in, expected);

    worker workers[2];
    pthread_t threads[2];
    for (size_t t = 0; t < 2; t++) {
        workers[t] = (worker){in, expected, 0};
        assert_int_equal(pthread_create(&threads[t], NULL, work, &workers[t]), 0);
    }
    for (size_t t = 0; t < 2; t++) {
        assert_int_equal(pthread_join(threads[t], NULL), 0);
        assert_int_equal(workers[t].mismatches, 0);
    }
    free_renders(expected);
    free(doc.text);
}

/* A sentence copied out of a result is the same bytes every time,
 * padding included: whatever the heap held where the result was made never
 * reaches the caller (the fuzz target compares copies with memcmp). */
static void test_sentence_padding(void **state)
{
    (void)state;
    /* Heap blocks below malloc's mmap threshold, written and freed, for
     * the result to be made in. */
    enum { BLOCKS = 64, BLOCK = 24 << 10 };
    unsigned char *dirty[BLOCKS];
    for (int b = 0; b < BLOCKS; b++) {
        dirty[b] = malloc(BLOCK);
        assert_non_null(dirty[b]);
        memset(dirty[b], 0xAA, BLOCK);
    }
    for (int b = 0; b < BLOCKS; b++)
        free(dirty[b]);
    char text[8192];
    size_t len = 0;
    for (int i = 0; i < 200 && len + 40 < sizeof text; i++)
        len += (size_t)snprintf(text + len, sizeof text - len, "Sentence %d says a thing. ", i);
    precis_ctx *ctx;
    precis_result *res;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_summarize(ctx, text, len, &res), PRECIS_OK);
    size_t after_flags = offsetof(precis_sentence, flags) + sizeof(unsigned);
    for (size_t i = 0; i < precis_result_sentence_count(res); i++) {
        precis_sentence s;
        memset(&s, 0xFF, sizeof s);
        assert_int_equal(precis_result_sentence(res, i, &s, sizeof s), PRECIS_OK);
        for (size_t b = after_flags; b < sizeof s; b++)
            assert_int_equal(((unsigned char *)&s)[b], 0);
    }
    precis_result_free(res);
    precis_ctx_free(ctx);
}

/* A sentence that leans on the one before it says which, through the copy
 * that precis_result_sentence makes. */
static void test_sentence_depends_on(void **state)
{
    (void)state;
    static const char text[] = "The council met on Monday to vote on the budget. "
                               "The mayor opened the new bridge over the river. "
                               "He said it would halve the time it takes to cross the town.";
    precis_ctx *ctx;
    precis_result *res;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_ctx_set_language(ctx, "en"), PRECIS_OK);
    assert_int_equal(precis_summarize(ctx, text, sizeof text - 1, &res), PRECIS_OK);
    assert_int_equal(precis_result_sentence_count(res), 3);
    precis_sentence s;
    assert_int_equal(precis_result_sentence(res, 2, &s, sizeof s), PRECIS_OK);
    assert_true(s.flags & PRECIS_SENTENCE_DEPENDENT);
    assert_int_equal(s.depends_on, 1);
    assert_int_equal(precis_result_sentence(res, 1, &s, sizeof s), PRECIS_OK);
    assert_false(s.flags & PRECIS_SENTENCE_DEPENDENT);
    assert_int_equal(s.depends_on, 0);
    precis_result_free(res);
    precis_ctx_free(ctx);
}

/* A transcript's sentences name their speaker; a caller built against the
 * 1.0 struct still gets the rest. */
static void test_transcript_speakers(void **state)
{
    (void)state;
    static const char text[] = "[00:00:01] ANNA: The harvest was early this year.\n"
                               "[00:00:05] TOM: Did the rain come late?\n"
                               "[00:00:09] ANNA: It came in June, three weeks late.\n";
    precis_ctx *ctx;
    precis_result *res;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_split(ctx, text, sizeof text - 1, &res), PRECIS_OK);
    assert_int_equal(precis_result_format(res), PRECIS_FROM_TRANSCRIPT);
    static const char *const who[] = {"ANNA", "TOM", "ANNA"};
    assert_int_equal(precis_result_sentence_count(res), 3);
    for (size_t i = 0; i < 3; i++) {
        precis_sentence s;
        assert_int_equal(precis_result_sentence(res, i, &s, sizeof s), PRECIS_OK);
        assert_non_null(s.speaker);
        assert_string_equal(s.speaker, who[i]);
        precis_sentence old;
        memset(&old, 0xAB, sizeof old);
        size_t size_1_0 = offsetof(precis_sentence, flags) + sizeof(unsigned);
        assert_int_equal(precis_result_sentence(res, i, &old, size_1_0), PRECIS_OK);
        assert_int_equal(old.start, s.start);
        for (size_t b = size_1_0; b < sizeof old; b++)
            assert_int_equal(((unsigned char *)&old)[b], 0xAB);
    }
    precis_result_free(res);
    /* plain text names nobody */
    static const char plain[] = "The harvest was early. The rain came late.";
    assert_int_equal(precis_summarize(ctx, plain, sizeof plain - 1, &res), PRECIS_OK);
    precis_sentence s;
    assert_int_equal(precis_result_summary(res, 0, &s, sizeof s), PRECIS_OK);
    assert_null(s.speaker);
    precis_result_free(res);
    precis_ctx_free(ctx);
}

/* An e-mail through the public API: the format, its name and guess, the
 * subject as the title, and the sender's text only. */
static void test_email_format(void **state)
{
    (void)state;
    static const char msg[] = "From: Ann <ann@example.org>\nTo: bo@example.org\n"
                              "Subject: Harvest report\nMIME-Version: 1.0\n\n"
                              "The harvest was early this year. The rain came three weeks late.\n"
                              "\nOn Mon, 1 Jul 2024, Bo wrote:\n> How was the harvest?\n";
    precis_input_format f;
    assert_int_equal(precis_input_format_find("email", &f), PRECIS_OK);
    assert_int_equal(f, PRECIS_FROM_EMAIL);
    assert_string_equal(precis_input_format_name(PRECIS_FROM_EMAIL), "email");
    assert_int_equal(precis_input_format_guess("a.EML", NULL, 0), PRECIS_FROM_EMAIL);
    assert_int_equal(precis_input_format_guess("box.mbox", NULL, 0), PRECIS_FROM_EMAIL);
    assert_int_equal(precis_input_format_guess(NULL, msg, sizeof msg - 1), PRECIS_FROM_EMAIL);
    precis_ctx *ctx;
    precis_result *res;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_ctx_set_format(ctx, PRECIS_FROM_EMAIL), PRECIS_OK);
    assert_int_equal(precis_split(ctx, msg, sizeof msg - 1, &res), PRECIS_OK);
    assert_string_equal(precis_result_title(res), "Harvest report");
    assert_int_equal(precis_result_sentence_count(res), 2);
    precis_sentence s;
    assert_int_equal(precis_result_sentence(res, 1, &s, sizeof s), PRECIS_OK);
    assert_memory_equal(msg + s.start, "The rain came three weeks late.", s.length);
    precis_result_free(res);
    precis_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_status_str),
        cmocka_unit_test(test_languages),
        cmocka_unit_test(test_free_null),
        cmocka_unit_test(test_null_arguments),
        cmocka_unit_test(test_set_language),
        cmocka_unit_test(test_set_length),
        cmocka_unit_test(test_hub_scores),
        cmocka_unit_test(test_small_documents),
        cmocka_unit_test(test_summarize_text),
        cmocka_unit_test(test_result_invariants),
        cmocka_unit_test(test_result_outlives_ctx),
        cmocka_unit_test(test_ctx_reuse),
        cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_sentence_padding),
        cmocka_unit_test(test_sentence_depends_on),
        cmocka_unit_test(test_transcript_speakers),
        cmocka_unit_test(test_email_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
