/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_label.c - story labels: which line is a headline, how headlines
 * score, keyphrases (runs of content words, their scores, spellings and
 * overlaps) and opening words.
 */
#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "buffer.h"
#include "context.h"
#include "label.h"

static precis_ctx *english(void)
{
    precis_ctx *ctx;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_ctx_set_language(ctx, "en"), PRECIS_OK);
    return ctx;
}

static void analyse(precis_ctx *ctx, const char *text)
{
    int lang;
    assert_int_equal(precis_analyse(ctx, text, strlen(text),
                                    PRECIS_ANALYSE_TOKENIZE | PRECIS_ANALYSE_WORDS, "the text",
                                    &lang),
                     PRECIS_OK);
}

/* The headline's sentence of text, or -1 for none. */
static int headline_of(precis_ctx *ctx, const char *text)
{
    analyse(ctx, text);
    size_t sentence;
    if (!precis_label_headline(ctx->reading.text, ctx->seg.spans, ctx->seg.count, &ctx->tok,
                               &sentence))
        return -1;
    return (int)sentence;
}

static void headlines(void **state)
{
    (void)state;
    precis_ctx *ctx = english();
    assert_int_equal(headline_of(ctx, "Lindsay Lohan checks into Betty Ford Center\n\n"
                                      "May 03, 2013\n\nLohan arrived on Thursday."),
                     0);
    /* A dateline is no headline: too few words, or too few without digits. */
    assert_int_equal(headline_of(ctx, "May 03, 2013\n\nLindsay Lohan checks into Betty Ford\n\n"
                                      "Lohan arrived on Thursday."),
                     1);
    assert_int_equal(headline_of(ctx, "Updated 10:30 AM, 3 May 2013\n\nLohan arrived on "
                                      "Thursday.\n\nShe was alone."),
                     -1);
    /* Too short, too long, or not a heading at all. */
    assert_int_equal(headline_of(ctx, "Lohan Rehab\n\nLohan arrived on Thursday."), -1);
    assert_int_equal(headline_of(ctx, "Lohan goes to rehab again after a judge orders a stay of "
                                      "ninety days at the Betty Ford Center\n\nShe went."),
                     -1);
    assert_int_equal(headline_of(ctx, "Lohan went into rehab on Thursday, her lawyer said."), -1);
    /* Only the first three sentences are looked at. */
    assert_int_equal(headline_of(ctx, "One sentence here.\n\nTwo sentences here.\n\nThree "
                                      "sentences here.\n\nLohan checks into Betty Ford\n\n"
                                      "More text."),
                     -1);
    /* A byline is boilerplate. */
    assert_int_equal(headline_of(ctx, "By Jane Smith for the Daily Mail\n\nLohan arrived on "
                                      "Thursday."),
                     -1);
    precis_ctx_free(ctx);
}

static void headline_scores(void **state)
{
    (void)state;
    double centroid[] = {0.5, 0.25, 0.0, 1.0};
    uint32_t terms[] = {0, 1, 3};
    assert_double_near(precis_label_headline_score(terms, 3, 4, centroid), 1.75 / 2.0, 1e-12);
    /* Terms without weight still count among the distinct ones. */
    assert_double_near(precis_label_headline_score(terms, 2, 9, centroid), 0.75 / 3.0, 1e-12);
    assert_double_near(precis_label_headline_score(terms, 0, 0, centroid), 0.0, 0.0);
}

/* Weights per vocabulary term of ctx, from (term, weight) pairs. */
typedef struct weighted {
    const char *term;
    double weight;
} weighted;

static double *weights_of(const precis_ctx *ctx, const weighted *w, size_t n)
{
    size_t count = ctx->tok.vocab.terms.count;
    double *out = calloc(count, sizeof *out);
    assert_non_null(out);
    for (size_t i = 0; i < n; i++) {
        uint32_t id;
        assert_true(precis_strtab_find(&ctx->tok.vocab.terms, w[i].term, strlen(w[i].term), &id));
        out[id] = w[i].weight;
    }
    return out;
}

static void keyphrases_of_a_story(void **state)
{
    (void)state;
    static const char *const docs[] = {
        "The Indian navy sank a pirate ship in the Gulf of Aden on Tuesday.",
        "Pirates attacked an Indian navy frigate near Aden, officials said.",
        "An Indian navy frigate fought pirates off Aden. The navy navy frigate won.",
    };
    precis_ctx *ctx = english();
    /* Analyse every document once first, so that the vocabulary holds
     * every term before weights are given to them. */
    for (size_t d = 0; d < 3; d++)
        analyse(ctx, docs[d]);
    static const weighted w[] = {{"indian", 1.0}, {"navi", 1.0},  {"pirat", 1.0},
                                 {"aden", 1.0},   {"frigat", 0.5}, {"ship", 0.2}};
    precis_keyphrases kp = {0};
    precis_keyphrases_reset(&kp);
    double *weight = NULL;
    uint32_t term[64];
    for (size_t d = 0; d < 3; d++) {
        analyse(ctx, docs[d]);
        free(weight);
        weight = weights_of(ctx, w, sizeof w / sizeof w[0]);
        assert_true(ctx->tok.count <= 64);
        for (size_t k = 0; k < ctx->tok.count; k++)
            term[k] = ctx->tok.ids[k];
        assert_int_equal(precis_keyphrases_add(&kp, ctx->reading.text, ctx->seg.count,
                                               &ctx->tok, term, weight),
                         PRECIS_OK);
    }
    precis_buffer out = {0};
    assert_int_equal(precis_keyphrases_write(&kp, weight, &out), PRECIS_OK);
    /* "Indian navy" is in every document; "pirate" and "Aden" too, and
     * they tie (the first seen first); each term is used once. Spellings
     * tie once each: the first in byte order. */
    assert_string_equal(out.data, "Indian navy, Pirates, Aden");

    /* Without weights there is nothing to say. */
    precis_buf_release(&out);
    precis_keyphrases_reset(&kp);
    memset(weight, 0, ctx->tok.vocab.terms.count * sizeof *weight);
    assert_int_equal(precis_keyphrases_add(&kp, ctx->reading.text, ctx->seg.count, &ctx->tok,
                                           term, weight),
                     PRECIS_OK);
    assert_int_equal(precis_keyphrases_write(&kp, weight, &out), PRECIS_OK);
    assert_int_equal(out.len, 0);
    /* A term unknown to the story breaks runs as a weightless one does. */
    for (size_t k = 0; k < ctx->tok.count; k++)
        term[k] = PRECIS_LABEL_NO_TERM;
    assert_int_equal(precis_keyphrases_add(&kp, ctx->reading.text, ctx->seg.count, &ctx->tok,
                                           term, weight),
                     PRECIS_OK);
    assert_int_equal(precis_keyphrases_write(&kp, weight, &out), PRECIS_OK);
    assert_int_equal(out.len, 0);
    free(weight);
    precis_keyphrases_free(&kp);
    precis_ctx_free(ctx);
}

static void keyphrases_join_with_spaces_and_hyphens_only(void **state)
{
    (void)state;
    static const char doc[] = "The court-ordered stay ended; court, stay and order stayed.";
    precis_ctx *ctx = english();
    analyse(ctx, doc);
    static const weighted w[] = {{"court", 1.0}, {"order", 1.0}, {"stay", 1.0}};
    double *weight = weights_of(ctx, w, 3);
    uint32_t term[64];
    for (size_t k = 0; k < ctx->tok.count; k++)
        term[k] = ctx->tok.ids[k];
    precis_keyphrases kp = {0};
    precis_keyphrases_reset(&kp);
    assert_int_equal(precis_keyphrases_add(&kp, ctx->reading.text, ctx->seg.count, &ctx->tok,
                                           term, weight),
                     PRECIS_OK);
    precis_buffer out = {0};
    assert_int_equal(precis_keyphrases_write(&kp, weight, &out), PRECIS_OK);
    /* The three words run together once, through a hyphen; elsewhere
     * commas and stopwords part them. */
    assert_string_equal(out.data, "court-ordered stay");
    precis_buf_release(&out);
    free(weight);
    precis_keyphrases_free(&kp);
    precis_ctx_free(ctx);
}

static void opening_words(void **state)
{
    (void)state;
    precis_buffer out = {0};
    static const char short_text[] = "  The river\n rose   overnight.  ";
    precis_label_opening(short_text, 2, strlen(short_text) - 2, &out);
    assert_string_equal(out.data, "The river rose overnight.");
    precis_buf_release(&out);
    static const char long_text[] =
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen";
    precis_label_opening(long_text, 0, strlen(long_text), &out);
    assert_string_equal(out.data, "one two three four five six seven eight nine ten eleven "
                                  "twelve thirteen fourteen fifteen sixteen ...");
    precis_buf_release(&out);
    /* Exactly sixteen words: nothing is cut. */
    precis_label_opening(long_text, 0, strlen(long_text) - strlen(" seventeen eighteen"), &out);
    assert_string_equal(out.data, "one two three four five six seven eight nine ten eleven "
                                  "twelve thirteen fourteen fifteen sixteen");
    precis_buf_release(&out);
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test(headlines),
        cmocka_unit_test(headline_scores),
        cmocka_unit_test(keyphrases_of_a_story),
        cmocka_unit_test(keyphrases_join_with_spaces_and_hyphens_only),
        cmocka_unit_test(opening_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
