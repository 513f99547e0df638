/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_docvec.c - the title-and-lead vectors of topic digests: zones, the
 * weights of names and numbers, capped idf, the top terms, the two parts
 * and the similarity.
 */
#include "test_helpers.h"

#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "context.h"
#include "docvec.h"

static void zones(void **state)
{
    (void)state;
    precis_docvec_zones z = {0};
    /* A first heading is the title; later ones are not. */
    assert_int_equal(precis_docvec_zone(&z, 1), PRECIS_ZONE_TITLE);
    assert_int_equal(precis_docvec_zone(&z, 1), PRECIS_ZONE_REST);
    for (int i = 0; i < PRECIS_DOCVEC_LEAD_SENTENCES; i++)
        assert_int_equal(precis_docvec_zone(&z, 0), PRECIS_ZONE_LEAD);
    assert_int_equal(precis_docvec_zone(&z, 0), PRECIS_ZONE_REST);
    assert_int_equal(precis_docvec_zone(&z, 1), PRECIS_ZONE_REST);
    /* A heading after the first body sentence is no title. */
    z = (precis_docvec_zones){0};
    assert_int_equal(precis_docvec_zone(&z, 0), PRECIS_ZONE_LEAD);
    assert_int_equal(precis_docvec_zone(&z, 1), PRECIS_ZONE_REST);
}

/* The count of term text in counts[0, n) of ctx's vocabulary; NULL when
 * there is none. */
static const precis_docvec_count *count_of(const precis_ctx *ctx,
                                           const precis_docvec_count *counts, size_t n,
                                           const char *term)
{
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *bytes = precis_vocab_term(&ctx->tok.vocab, counts[i].term, &len);
        if (len == strlen(term) && memcmp(bytes, term, len) == 0)
            return &counts[i];
    }
    return NULL;
}

static void counts_weigh_titles_leads_and_names(void **state)
{
    (void)state;
    static const char text[] =
        "Tara Reid Checks Into Rehab\n\n"
        "Tara Reid entered rehab on Tuesday, her rep said.\n\n"
        "The star, 33, thanked Reid's fans.\n\n"
        "One. Two. Three. Four. Five.\n\n"
        "Tara said nothing else about the Promises clinic.";
    precis_ctx *ctx;
    assert_int_equal(precis_ctx_new(&ctx), PRECIS_OK);
    assert_int_equal(precis_ctx_set_language(ctx, "en"), PRECIS_OK);
    int lang;
    assert_int_equal(precis_analyse(ctx, text, strlen(text),
                                    PRECIS_ANALYSE_TOKENIZE | PRECIS_ANALYSE_WORDS, "the text",
                                    &lang),
                     PRECIS_OK);
    precis_docvec_counter counter = {0};
    precis_docvec_count *counts = NULL;
    size_t n = 0, cap = 0;
    assert_int_equal(precis_docvec_count_terms(&counter, ctx->seg.spans, ctx->seg.count,
                                               &ctx->tok, &counts, &n, &cap),
                     PRECIS_OK);
    /* Title words weigh 2, lead words 1.5, names and numbers twice that;
     * "Tara" opens a lead sentence but is a name, since the title has it. */
    const precis_docvec_count *c = count_of(ctx, counts, n, "tara");
    assert_non_null(c);
    assert_double_near(c->all, 2 * 2.0 + 2 * 1.5, 1e-6);
    assert_double_near(c->names, c->all, 1e-6);
    c = count_of(ctx, counts, n, "rehab");
    assert_double_near(c->all, 2 * 2.0 + 1.5, 1e-6);
    assert_double_near(c->names, 2 * 2.0, 1e-6);
    c = count_of(ctx, counts, n, "33");
    assert_double_near(c->all, 2 * 1.5, 1e-6);
    assert_double_near(c->names, 2 * 1.5, 1e-6);
    c = count_of(ctx, counts, n, "said");
    assert_double_near(c->all, 1.5, 1e-6);
    assert_double_near(c->names, 0.0, 1e-6);
    /* "The star" opens its sentence: "star" is a plain word. */
    c = count_of(ctx, counts, n, "star");
    assert_double_near(c->names, 0.0, 1e-6);
    /* Past the lead's six sentences nothing counts. */
    assert_null(count_of(ctx, counts, n, "promis"));
    assert_null(count_of(ctx, counts, n, "noth"));
    /* Terms in the order they first appear: the title's first. */
    size_t len;
    assert_int_equal(strncmp(precis_vocab_term(&ctx->tok.vocab, counts[0].term, &len), "tara", 4),
                     0);

    /* Counting appends; a text without recorded words is refused. */
    size_t before = n;
    assert_int_equal(precis_docvec_count_terms(&counter, ctx->seg.spans, ctx->seg.count,
                                               &ctx->tok, &counts, &n, &cap),
                     PRECIS_OK);
    assert_int_equal(n, 2 * before);
    assert_int_equal(precis_analyse(ctx, text, strlen(text), PRECIS_ANALYSE_TOKENIZE, "the text",
                                    &lang),
                     PRECIS_OK);
    assert_int_equal(precis_docvec_count_terms(&counter, ctx->seg.spans, ctx->seg.count,
                                               &ctx->tok, &counts, &n, &cap),
                     PRECIS_ERR_ARGUMENT);
    free(counts);
    precis_docvec_counter_free(&counter);
    precis_ctx_free(ctx);
}

static void idf_scales_common_terms(void **state)
{
    (void)state;
    assert_double_near(precis_docvec_idf(2, 100), log(101.0 / 2.5), 1e-12);
    /* 5 of 100 is not above the share: not capped. */
    assert_double_near(precis_docvec_idf(5, 100), log(101.0 / 5.5), 1e-12);
    /* 20 of 100: scaled by 0.05 / 0.2. */
    assert_double_near(precis_docvec_idf(20, 100), log(101.0 / 20.5) * 0.25, 1e-12);
    /* The scale falls faster than the idf: a common term weighs less than a
     * rarer one, and much less than it would unscaled. */
    assert_true(precis_docvec_idf(40, 100) < precis_docvec_idf(20, 100) / 2.0);
    /* A term in every document still weighs something. */
    assert_true(precis_docvec_idf(100, 100) > 0.0);
    /* In tiny sets a term of two documents is never capped. */
    assert_double_near(precis_docvec_idf(2, 3), log(4.0 / 2.5), 1e-12);
}

static double part_norm(const precis_docvec_entry *e, size_t n, int part)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        if (e[i].key % 2 == (uint32_t)part)
            sum += (double)e[i].weight * e[i].weight;
    return sum;
}

static void vectors_keep_top_terms_in_two_parts(void **state)
{
    (void)state;
    enum { TERMS = 80 };
    precis_docvec_count counts[TERMS];
    double idf_all[TERMS], idf_names[TERMS];
    uint32_t rank[TERMS];
    for (uint32_t t = 0; t < TERMS; t++) {
        /* Terms come in reverse byte order; all weigh the same, but the
         * last ten, which weigh more. */
        counts[t] = (precis_docvec_count){t, t >= 70 ? 4.0f : 2.0f, t % 2 ? 2.0f : 0.0f};
        rank[t] = TERMS - 1 - t;
        idf_all[t] = 1.0;
        idf_names[t] = t == 1 ? 0.0 : 1.0; /* left out of the names part */
    }
    const double *const idf[2] = {idf_all, idf_names};
    precis_ranked heap[TERMS];
    precis_docvec_entry out[2 * PRECIS_DOCVEC_TERMS];
    size_t n = precis_docvec_build(counts, TERMS, idf, rank, heap, out);
    size_t all = 0, names = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            assert_true(out[i - 1].key < out[i].key);
        uint32_t r = out[i].key / 2;
        if (out[i].key % 2 == PRECIS_DOCVEC_ALL) {
            all++;
            /* The ten heavy terms (ranks 0-9) and the 54 lightest ranks
             * among the ties (10-63). */
            assert_true(r < PRECIS_DOCVEC_TERMS);
        } else {
            names++;
            assert_true(r != TERMS - 1 - 1);
        }
    }
    assert_int_equal(all, PRECIS_DOCVEC_TERMS);
    assert_int_equal(names, 39);
    assert_double_near(part_norm(out, n, PRECIS_DOCVEC_ALL), 1.0 - PRECIS_DOCVEC_NAMES_SHARE, 1e-6);
    assert_double_near(part_norm(out, n, PRECIS_DOCVEC_NAMES), PRECIS_DOCVEC_NAMES_SHARE, 1e-6);
    /* A document with nothing left has an empty vector. */
    for (uint32_t t = 0; t < TERMS; t++)
        idf_all[t] = idf_names[t] = 0.0;
    assert_int_equal(precis_docvec_build(counts, TERMS, idf, rank, heap, out), 0);
}

static void similarity_needs_two_shared_terms(void **state)
{
    (void)state;
    precis_docvec_entry a[] = {{0, 0.6f}, {2, 0.5f}, {3, 0.4f}, {8, 0.3f}};
    precis_docvec_entry b[] = {{2, 0.5f}, {3, 0.5f}, {6, 0.5f}, {9, 0.5f}};
    precis_docvec_entry c[] = {{0, 0.5f}, {2, 0.5f}, {9, 0.5f}};
    /* a and b share one term of the all-words part (2) and its name (3). */
    assert_double_near(precis_docvec_similarity(a, 4, b, 4), 0.0, 0.0);
    /* a and c share terms 0 and 2. */
    assert_double_near(precis_docvec_similarity(a, 4, c, 3), 0.6 * 0.5 + 0.5 * 0.5, 1e-6);
    assert_double_near(precis_docvec_similarity(c, 3, a, 4), precis_docvec_similarity(a, 4, c, 3),
                       0.0);
    assert_double_near(precis_docvec_similarity(a, 0, c, 3), 0.0, 0.0);
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
        cmocka_unit_test(zones),
        cmocka_unit_test(counts_weigh_titles_leads_and_names),
        cmocka_unit_test(idf_scales_common_terms),
        cmocka_unit_test(vectors_keep_top_terms_in_two_parts),
        cmocka_unit_test(similarity_needs_two_shared_terms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
