/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * summarize.c - the single-document pipeline: an analysed document is
 * ranked by the chosen algorithm, sentences are chosen under the budget,
 * and the result is built; and the one-call convenience function.
 */
#include "summarize.h"

#include <string.h>

#include "analyse.h"
#include "buffer.h"
#include "lang.h"
#include "result.h"
#include "util.h"

/* LexRank's threshold: the value Erkan and Radev found best. */
#define LEXRANK_THRESHOLD 0.1
/* The default algorithm's weights, chosen on the development data of
 * bench/quality and bench/readability (see README): the share of a vote
 * that goes to a later sentence, and the exponent of the position prior
 * for a summary that keeps a negligible share of the document. */
#define CENTRALITY_FORWARD 0.9
#define CENTRALITY_POSITION_EXPONENT 0.35

void precis_budget_lengths(precis_ctx *ctx, const precis_sentence_terms *sents, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ctx->lengths[i] = ctx->budget.unit == PRECIS_LENGTH_CHARS ? sents[i].chars : sents[i].words;
}

static precis_walk_shape walk_shape(precis_algorithm algorithm);

precis_status precis_query_teleport(precis_ctx *ctx, size_t n, int lang,
                                    const unsigned char *candidate, int *focused)
{
    *focused = 0;
    if (ctx->query == NULL || n == 0)
        return PRECIS_OK;
    const precis_stemmer *stemmer;
    precis_status st = precis_ctx_stemmer(ctx, lang, &stemmer);
    if (st != PRECIS_OK)
        return st;
    precis_corpus_df corpus;
    if ((st = precis_relevance_tokenize(&ctx->relevance, &ctx->tok, ctx->query, ctx->query_len,
                                        lang, stemmer)) != PRECIS_OK ||
        (st = precis_relevance_compute(&ctx->relevance, &ctx->tfidf, &ctx->tok.vocab,
                                       precis_ctx_corpus_df(ctx, &corpus), ctx->scores)) !=
            PRECIS_OK)
        return precis_ctx_fail(ctx, st, "reading the query failed: %s", precis_status_str(st));
    *focused = precis_relevance_teleport(ctx->scores, candidate, n, ctx->teleport);
    return PRECIS_OK;
}

precis_status precis_rank_sentences(precis_ctx *ctx, const uint32_t *ids,
                                    const precis_sentence_terms *sents, size_t n, int lang,
                                    const unsigned char *candidate, int *focused)
{
    ctx->tfidf.weighting = PRECIS_WEIGHT_TFIDF;
    precis_corpus_df corpus;
    precis_status st = precis_tfidf_build(&ctx->tfidf, ids, sents, n, &ctx->tok.vocab,
                                          precis_ctx_corpus_df(ctx, &corpus));
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "building term vectors failed: %s",
                               precis_status_str(st));
    if ((st = precis_graph_build(&ctx->graph, &ctx->tfidf)) != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "building the sentence graph failed: %s",
                               precis_status_str(st));
    if ((st = precis_ctx_reserve(ctx, n)) != PRECIS_OK ||
        (st = precis_query_teleport(ctx, n, lang, candidate, focused)) != PRECIS_OK)
        return st;
    precis_walk plain = precis_walk_graph(ctx->graph.matrix);
    const precis_walk *walk = &plain;
    if (*focused) {
        precis_walk_shape shape = walk_shape(PRECIS_ALGORITHM_TEXTRANK);
        if ((st = precis_walk_build(&ctx->walk, ctx->graph.matrix, n, candidate, &shape)) !=
            PRECIS_OK)
            return precis_ctx_fail(ctx, st, "building the ranking graph failed: %s",
                                   precis_status_str(st));
        walk = &ctx->walk;
    }
    st = precis_rank_walk(&ctx->ranker, walk, n, PRECIS_DAMPING,
                          *focused ? ctx->teleport : NULL, PRECIS_RANK_MAX_ITERATIONS,
                          ctx->scores);
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "ranking failed after %zu iterations: %s",
                               ctx->ranker.iterations, precis_status_str(st));
    precis_order(ctx->scores, n, ctx->order);
    precis_budget_lengths(ctx, sents, n);
    return PRECIS_OK;
}

/* Builds the vectors of the n sentences of the analysed document with
 * the given weighting, their graph, and room for the per-sentence
 * arrays. */
static precis_status build_graph(precis_ctx *ctx, size_t n, precis_weighting weighting)
{
    ctx->tfidf.weighting = weighting;
    precis_corpus_df corpus;
    precis_status st = precis_tfidf_build(&ctx->tfidf, ctx->tok.ids, ctx->tok.sents, n,
                                          &ctx->tok.vocab, precis_ctx_corpus_df(ctx, &corpus));
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "building term vectors failed: %s",
                               precis_status_str(st));
    if ((st = precis_graph_build(&ctx->graph, &ctx->tfidf)) != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "building the sentence graph failed: %s",
                               precis_status_str(st));
    return precis_ctx_reserve(ctx, n);
}

/* Scales the candidates' scores to sum to 1. */
static void normalize_scores(double *scores, const unsigned char *candidate, size_t n)
{
    double total = 0.0;
    for (size_t i = 0; i < n; i++)
        total += candidate[i] ? scores[i] : 0.0;
    for (size_t i = 0; i < n; i++)
        scores[i] = candidate[i] && total > 0.0 ? scores[i] / total : 0.0;
}

static precis_walk_shape walk_shape(precis_algorithm algorithm)
{
    switch (algorithm) {
    case PRECIS_ALGORITHM_LEXRANK:
        return (precis_walk_shape){LEXRANK_THRESHOLD, 1, 1, 1.0};
    case PRECIS_ALGORITHM_LEXRANK_CONTINUOUS:
        return (precis_walk_shape){0.0, 0, 1, 1.0};
    case PRECIS_ALGORITHM_CENTRALITY:
        return (precis_walk_shape){0.0, 0, 0, CENTRALITY_FORWARD};
    default:
        return (precis_walk_shape){0.0, 0, 0, 1.0};
    }
}

/* The exponent of the default algorithm's position prior under ctx's
 * budget. News puts its point first, which is what a short summary must
 * carry; a summary that keeps a large share of the document condenses all
 * of it, so the prior fades with that share (sentences, words or
 * characters of the n candidates that the budget allows), as
 * (1 - share)^2. */
static double position_exponent(const precis_ctx *ctx, size_t n)
{
    const precis_prior *prior = &ctx->prior;
    double share = ctx->budget.value;
    if (ctx->budget.unit != PRECIS_LENGTH_RATIO) {
        double total = 0.0;
        for (size_t i = 0; i < n; i++) {
            if (!prior->candidate[i])
                continue;
            if (ctx->budget.unit == PRECIS_LENGTH_WORDS)
                total += (double)ctx->tok.sents[i].words;
            else if (ctx->budget.unit == PRECIS_LENGTH_CHARS)
                total += (double)ctx->tok.sents[i].chars;
            else
                total += 1.0;
        }
        share = total > 0.0 ? ctx->budget.value / total : 1.0;
    }
    double fade = share < 1.0 ? 1.0 - share : 0.0;
    return CENTRALITY_POSITION_EXPONENT * fade * fade;
}

/* Fills ctx->scores with the score of every sentence, 0 for those that
 * are not candidates: the walk towards the query when focused (the
 * teleport is in ctx->teleport), else the algorithm's. */
static precis_status score_sentences(precis_ctx *ctx, size_t n, int focused)
{
    const precis_prior *prior = &ctx->prior;
    if (focused) {
        precis_walk_shape shape = walk_shape(PRECIS_ALGORITHM_TEXTRANK);
        precis_status st = precis_walk_build(&ctx->walk, ctx->graph.matrix, n, prior->candidate,
                                             &shape);
        if (st == PRECIS_OK)
            st = precis_rank_walk(&ctx->ranker, &ctx->walk, n, PRECIS_DAMPING, ctx->teleport,
                                  PRECIS_RANK_MAX_ITERATIONS, ctx->scores);
        if (st != PRECIS_OK)
            return precis_ctx_fail(ctx, st, "ranking failed: %s", precis_status_str(st));
        normalize_scores(ctx->scores, prior->candidate, n);
        return PRECIS_OK;
    }
    if (ctx->algorithm == PRECIS_ALGORITHM_LEAD) {
        for (size_t i = 0; i < n; i++)
            ctx->scores[i] = precis_position_weight(prior->position[i], 1.0);
        normalize_scores(ctx->scores, prior->candidate, n);
        return PRECIS_OK;
    }
    precis_walk_shape shape = walk_shape(ctx->algorithm);
    precis_status st = precis_walk_build(&ctx->walk, ctx->graph.matrix, n, prior->candidate,
                                         &shape);
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "building the ranking graph failed: %s",
                               precis_status_str(st));
    for (size_t i = 0; i < n; i++)
        ctx->teleport[i] = prior->candidate[i] ? 1.0 / (double)prior->count : 0.0;
    st = precis_rank_walk(&ctx->ranker, &ctx->walk, n, PRECIS_DAMPING, ctx->teleport,
                          PRECIS_RANK_MAX_ITERATIONS, ctx->scores);
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "ranking failed after %zu iterations: %s",
                               ctx->ranker.iterations, precis_status_str(st));
    if (ctx->algorithm == PRECIS_ALGORITHM_CENTRALITY) {
        double exponent = position_exponent(ctx, n);
        for (size_t i = 0; i < n; i++)
            ctx->scores[i] *= precis_position_weight(prior->position[i], exponent);
    }
    normalize_scores(ctx->scores, prior->candidate, n);
    return PRECIS_OK;
}

/* A result for the analysed document in ctx: its first n sentences (all
 * of them, or none for an extract), k chosen; a summary records the
 * query. */
static precis_status new_result(precis_ctx *ctx, int lang, size_t n, size_t k,
                                precis_result_kind kind, precis_result **out)
{
    const precis_reading *rd = &ctx->reading;
    precis_result *res;
    const char *query = kind == PRECIS_RESULT_SUMMARY ? ctx->query : NULL;
    if (precis_result_new(n, k, 1, precis_result_text_bytes(rd), strlen(rd->title), query,
                          ctx->query_len, &res) != PRECIS_OK)
        return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for the result");
    res->lang = lang;
    res->kind = kind;
    size_t used = 0;
    precis_result_keep_text(res, 0, rd, &used);
    if (precis_result_keep_speakers(res, rd) != PRECIS_OK) {
        precis_result_free(res);
        return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for the result");
    }
    for (size_t i = 0; i < n; i++)
        precis_result_set_sentence(res, i, i, 0, &ctx->seg.spans[i], rd);
    *out = res;
    return PRECIS_OK;
}

precis_status precis_split(precis_ctx *ctx, const char *text, size_t len, precis_result **out)
{
    precis_status st = precis_ctx_begin(ctx, (void **)out);
    int lang;
    if (st != PRECIS_OK ||
        (st = precis_analyse(ctx, text, len, 0, "the input", &lang)) != PRECIS_OK)
        return st;
    size_t n = ctx->seg.count;
    precis_result *res;
    if ((st = new_result(ctx, lang, n, n, PRECIS_RESULT_SPLIT, &res)) != PRECIS_OK)
        return st;
    /* A split's summary is every sentence. */
    for (size_t i = 0; i < n; i++) {
        res->summary[i] = i;
        res->sentences[i].flags |= PRECIS_SENTENCE_CHOSEN;
    }
    *out = res;
    return PRECIS_OK;
}

precis_status precis_extract(precis_ctx *ctx, const char *text, size_t len,
                             precis_result **out)
{
    precis_status st = precis_ctx_begin(ctx, (void **)out);
    if (st != PRECIS_OK || (st = precis_analyse(ctx, text, len, PRECIS_ANALYSE_READ_ONLY,
                                                "the input", NULL)) != PRECIS_OK)
        return st;
    return new_result(ctx, -1, 0, 0, PRECIS_RESULT_EXTRACT, out);
}

precis_status precis_summarize(precis_ctx *ctx, const char *text, size_t len,
                               precis_result **out)
{
    precis_status st = precis_ctx_begin(ctx, (void **)out);
    int lang;
    if (st != PRECIS_OK || (st = precis_analyse(ctx, text, len, PRECIS_ANALYSE_TOKENIZE,
                                                "the input", &lang)) != PRECIS_OK)
        return st;
    size_t n = ctx->seg.count;
    const char *clean = ctx->reading.text;
    if ((st = precis_prior_build(&ctx->prior, clean, &ctx->seg, &ctx->tok, lang,
                                 ctx->keep_headings)) != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "out of memory for %zu sentences", n);
    /* The default algorithm weighs terms by their frequency alone (see
     * README: idf discounts the document's topic words); a corpus table is
     * an explicit request for idf weighting, which every algorithm then
     * follows, and so is a query, which is matched by tf-idf. */
    precis_weighting generic = ctx->algorithm == PRECIS_ALGORITHM_CENTRALITY && ctx->idf == NULL
                                   ? PRECIS_WEIGHT_TF
                                   : PRECIS_WEIGHT_TFIDF;
    int focused = 0;
    if (ctx->query != NULL) {
        if ((st = build_graph(ctx, n, PRECIS_WEIGHT_TFIDF)) != PRECIS_OK ||
            (st = precis_query_teleport(ctx, n, lang, ctx->prior.candidate, &focused)) !=
                PRECIS_OK)
            return st;
    }
    /* Without a query, or when nothing is relevant to it: the generic
     * summary. */
    if (!focused && (ctx->query == NULL || generic != PRECIS_WEIGHT_TFIDF) &&
        (st = build_graph(ctx, n, generic)) != PRECIS_OK)
        return st;
    if ((st = score_sentences(ctx, n, focused)) != PRECIS_OK)
        return st;

    size_t ranked = precis_order_candidates(ctx->scores, ctx->prior.candidate, n, ctx->order);
    precis_budget_lengths(ctx, ctx->tok.sents, n);
    size_t k;
    precis_repeats_clear(&ctx->repeats);
    for (size_t i = 0; i < n; i++)
        if (precis_repeats_add(&ctx->repeats, clean, ctx->seg.spans[i].start,
                               ctx->seg.spans[i].end, ctx->tfidf.token_id + ctx->tok.sents[i].first,
                               ctx->tok.sents[i + 1].first - ctx->tok.sents[i].first,
                               1) != PRECIS_OK)
            return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for %zu sentences", n);
    precis_repeat_checks checks = {ctx->tfidf.token_id, ctx->tok.sents, ctx->repeats.ids,
                                   precis_repeats_keys(&ctx->repeats),
                                   ctx->graph.capped ? &ctx->tfidf : NULL,
                                   ctx->prior.antecedent};
    precis_selector_set_checks(&ctx->selector, &checks);
    st = precis_select_diverse(&ctx->selector, ctx->order, ranked, n, ctx->budget, ctx->lengths,
                               ctx->prior.standalone, ctx->graph.matrix,
                               precis_ctx_diversity(ctx, focused),
                               ctx->chosen, &k);
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "choosing sentences failed: %s", precis_status_str(st));

    precis_result *res;
    if ((st = new_result(ctx, lang, n, k, PRECIS_RESULT_SUMMARY, &res)) != PRECIS_OK)
        return st;
    for (size_t i = 0; i < n; i++)
        res->sentences[i].score = ctx->scores[i];
    precis_result_finish(res, ctx->order, ranked, ctx->chosen);
    for (size_t i = 0; i < n; i++) {
        if (ctx->prior.antecedent[i] != PRECIS_NO_SENTENCE) {
            res->sentences[i].depends_on = ctx->prior.antecedent[i];
            res->sentences[i].flags |= PRECIS_SENTENCE_DEPENDENT;
        }
    }
    *out = res;
    return PRECIS_OK;
}

precis_status precis_summarize_text(const char *text, size_t len, size_t n_sentences,
                                    char **summary, size_t *summary_len)
{
    if (summary_len != NULL)
        *summary_len = 0;
    if (summary == NULL)
        return PRECIS_ERR_ARGUMENT;
    *summary = NULL;
    precis_ctx *ctx;
    precis_status st = precis_ctx_new(&ctx);
    if (st != PRECIS_OK)
        return st;
    precis_result *res = NULL;
    precis_buffer buf = {0};
    st = precis_ctx_set_length(ctx, PRECIS_LENGTH_SENTENCES, (double)n_sentences);
    if (st == PRECIS_OK)
        st = precis_summarize(ctx, text, len, &res);
    if (st == PRECIS_OK)
        st = precis_render(res, text, len, PRECIS_FORMAT_TEXT, NULL, &buf);
    if (st == PRECIS_OK) {
        /* An empty summary is still a string. */
        precis_buf_append(&buf, "", 0);
        st = precis_buf_end(&buf, 0);
    }
    if (st == PRECIS_OK) {
        *summary = buf.data;
        if (summary_len != NULL)
            *summary_len = buf.len;
    } else {
        precis_buf_release(&buf);
    }
    precis_result_free(res);
    precis_ctx_free(ctx);
    return st;
}
