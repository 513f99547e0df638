/*
 * precis.c - the public API: contexts, the pipeline that runs the stages
 * in order, results, and the one-call convenience function.
 */
#include "precis.h"

#include <libstemmer.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "context.h"
#include "lang.h"
#include "output.h"
#include "prior.h"
#include "rank.h"
#include "result.h"
#include "util.h"
#include "walk.h"

/* LexRank's threshold: the value Erkan and Radev found best. */
#define LEXRANK_THRESHOLD 0.1
/* The default algorithm's two weights, chosen on the development data of
 * bench/quality (see README): the share of a vote that goes to a later
 * sentence, and the exponent of the position prior. */
#define CENTRALITY_FORWARD 0.9
#define CENTRALITY_POSITION_EXPONENT 0.15

#define STR_(x) #x
#define STR(x) STR_(x)

const char *precis_version_string(void)
{
    return STR(PRECIS_VERSION_MAJOR) "." STR(PRECIS_VERSION_MINOR) "." STR(PRECIS_VERSION_PATCH);
}

const char *precis_status_str(precis_status status)
{
    switch (status) {
    case PRECIS_OK:
        return "success";
    case PRECIS_ERR_NOMEM:
        return "out of memory";
    case PRECIS_ERR_ARGUMENT:
        return "invalid argument";
    case PRECIS_ERR_LANGUAGE:
        return "unknown language";
    case PRECIS_ERR_TOO_LARGE:
        return "input too large";
    case PRECIS_ERR_NO_CONVERGENCE:
        return "ranking did not converge";
    case PRECIS_ERR_FORMAT:
        return "malformed data";
    }
    return "unknown status";
}

void precis_free(void *ptr)
{
    free(ptr);
}

size_t precis_language_count(void)
{
    return precis_language_total;
}

const char *precis_language_code(size_t i)
{
    return i < precis_language_total ? precis_languages[i].code : NULL;
}

const char *precis_language_name(size_t i)
{
    return i < precis_language_total ? precis_languages[i].name : NULL;
}

/* ------------------------------------------------------------------ */
/* Context                                                            */

precis_status precis_ctx_fail(precis_ctx *ctx, precis_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->error, sizeof ctx->error, fmt, ap);
    va_end(ap);
    return status;
}

precis_status precis_ctx_new(precis_ctx **out)
{
    if (out == NULL)
        return PRECIS_ERR_ARGUMENT;
    *out = NULL;
    precis_ctx *ctx = calloc(1, sizeof *ctx);
    if (ctx == NULL)
        return PRECIS_ERR_NOMEM;
    ctx->lang = PRECIS_LANG_AUTO;
    ctx->budget = (precis_budget){PRECIS_LENGTH_SENTENCES, 3.0};
    ctx->algorithm = PRECIS_DEFAULT_ALGORITHM;
    ctx->diversity = PRECIS_DEFAULT_DIVERSITY;
    ctx->max_bytes = PRECIS_DEFAULT_MAX_BYTES;
    ctx->max_sentences = PRECIS_DEFAULT_MAX_SENTENCES;
    *out = ctx;
    return PRECIS_OK;
}

void precis_ctx_free(precis_ctx *ctx)
{
    if (ctx == NULL)
        return;
    for (size_t i = 0; i < sizeof ctx->stemmers / sizeof ctx->stemmers[0]; i++)
        if (ctx->stemmers[i] != NULL)
            sb_stemmer_delete(ctx->stemmers[i]);
    precis_folder_free(&ctx->folder);
    precis_segmenter_free(&ctx->seg);
    precis_tokens_free(&ctx->tok);
    precis_tfidf_free(&ctx->tfidf);
    precis_graph_free(&ctx->graph);
    precis_prior_free(&ctx->prior);
    precis_walk_free(&ctx->walk);
    precis_ranker_free(&ctx->ranker);
    precis_selector_free(&ctx->selector);
    free(ctx->scores);
    free(ctx->teleport);
    free(ctx->order);
    free(ctx->chosen);
    free(ctx->lengths);
    free(ctx);
}

const char *precis_ctx_error(const precis_ctx *ctx)
{
    return ctx != NULL ? ctx->error : "no context";
}

precis_status precis_ctx_set_language(precis_ctx *ctx, const char *code)
{
    if (ctx == NULL || code == NULL)
        return PRECIS_ERR_ARGUMENT;
    ctx->error[0] = '\0';
    if (strcmp(code, "auto") == 0) {
        ctx->lang = PRECIS_LANG_AUTO;
        return PRECIS_OK;
    }
    int lang = precis_lang_find(code);
    if (lang < 0)
        return precis_ctx_fail(ctx, PRECIS_ERR_LANGUAGE, "unknown language '%.32s'", code);
    ctx->lang = lang;
    return PRECIS_OK;
}

precis_status precis_ctx_set_length(precis_ctx *ctx, precis_length_unit unit, double value)
{
    if (ctx == NULL)
        return PRECIS_ERR_ARGUMENT;
    ctx->error[0] = '\0';
    if (!precis_budget_check(unit, value))
        return precis_ctx_fail(ctx, PRECIS_ERR_ARGUMENT,
                    unit == PRECIS_LENGTH_RATIO ? "a ratio must be above 0 and at most 1"
                                                : "a length must be a whole number from 1");
    ctx->budget = (precis_budget){unit, value};
    return PRECIS_OK;
}

precis_status precis_ctx_set_limits(precis_ctx *ctx, size_t max_bytes, size_t max_sentences)
{
    if (ctx == NULL)
        return PRECIS_ERR_ARGUMENT;
    ctx->error[0] = '\0';
    ctx->max_bytes = max_bytes;
    ctx->max_sentences = max_sentences;
    return PRECIS_OK;
}

precis_status precis_ctx_set_idf(precis_ctx *ctx, const precis_idf *idf)
{
    if (ctx == NULL)
        return PRECIS_ERR_ARGUMENT;
    ctx->error[0] = '\0';
    ctx->idf = idf;
    return PRECIS_OK;
}

static const char *const algorithm_names[PRECIS_ALGORITHM_COUNT] = {
    [PRECIS_ALGORITHM_CENTRALITY] = "centrality",
    [PRECIS_ALGORITHM_TEXTRANK] = "textrank",
    [PRECIS_ALGORITHM_LEXRANK] = "lexrank",
    [PRECIS_ALGORITHM_LEXRANK_CONTINUOUS] = "lexrank-continuous",
    [PRECIS_ALGORITHM_LEAD] = "lead",
};

const char *precis_algorithm_name(precis_algorithm algorithm)
{
    return (unsigned)algorithm < PRECIS_ALGORITHM_COUNT ? algorithm_names[algorithm] : NULL;
}

precis_status precis_algorithm_find(const char *name, precis_algorithm *out)
{
    if (name == NULL || out == NULL)
        return PRECIS_ERR_ARGUMENT;
    for (unsigned a = 0; a < PRECIS_ALGORITHM_COUNT; a++) {
        if (strcmp(algorithm_names[a], name) == 0) {
            *out = (precis_algorithm)a;
            return PRECIS_OK;
        }
    }
    return PRECIS_ERR_ARGUMENT;
}

precis_status precis_ctx_set_algorithm(precis_ctx *ctx, precis_algorithm algorithm)
{
    if (ctx == NULL)
        return PRECIS_ERR_ARGUMENT;
    ctx->error[0] = '\0';
    if ((unsigned)algorithm >= PRECIS_ALGORITHM_COUNT)
        return precis_ctx_fail(ctx, PRECIS_ERR_ARGUMENT, "unknown algorithm %d", (int)algorithm);
    ctx->algorithm = algorithm;
    return PRECIS_OK;
}

precis_status precis_ctx_set_diversity(precis_ctx *ctx, double lambda)
{
    if (ctx == NULL)
        return PRECIS_ERR_ARGUMENT;
    ctx->error[0] = '\0';
    if (!(lambda >= 0.0 && lambda <= 1.0))
        return precis_ctx_fail(ctx, PRECIS_ERR_ARGUMENT, "the diversity must be from 0 to 1");
    ctx->diversity = lambda;
    return PRECIS_OK;
}

precis_status precis_ctx_set_headings(precis_ctx *ctx, int keep)
{
    if (ctx == NULL)
        return PRECIS_ERR_ARGUMENT;
    ctx->error[0] = '\0';
    ctx->keep_headings = keep != 0;
    return PRECIS_OK;
}

/* ------------------------------------------------------------------ */
/* Pipeline                                                           */

precis_status precis_pick_language(precis_ctx *ctx, const char *text, size_t len, int *lang)
{
    if (ctx->lang != PRECIS_LANG_AUTO) {
        *lang = ctx->lang;
        return PRECIS_OK;
    }
    precis_status st = precis_lang_detect(text, len, &ctx->folder, lang);
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "language detection failed: %s", precis_status_str(st));
    return PRECIS_OK;
}

static precis_status stemmer_for(precis_ctx *ctx, int lang, struct sb_stemmer **out)
{
    *out = NULL;
    const char *algorithm = precis_languages[lang].stemmer;
    if (algorithm == NULL)
        return PRECIS_OK;
    if (ctx->stemmers[lang] == NULL) {
        ctx->stemmers[lang] = sb_stemmer_new(algorithm, "UTF_8");
        if (ctx->stemmers[lang] == NULL)
            return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "cannot create the %s stemmer",
                                   algorithm);
    }
    *out = ctx->stemmers[lang];
    return PRECIS_OK;
}

precis_status precis_new_result(precis_ctx *ctx, int lang, size_t n, size_t k, int is_split,
                                precis_result **out)
{
    size_t header = sizeof(precis_result);
    /* One block: the header, then every sentence, then the summary. */
    if (n > (SIZE_MAX - header) / sizeof(precis_sentence) / 2)
        return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for the result");
    precis_result *res = malloc(header + (n + k) * sizeof(precis_sentence));
    if (res == NULL)
        return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for the result");
    res->lang = lang;
    res->is_split = is_split;
    res->sentence_count = n;
    res->sentences = (precis_sentence *)(res + 1);
    res->summary_count = k;
    res->summary = res->sentences + n;
    *out = res;
    return PRECIS_OK;
}

precis_status precis_check_input(precis_ctx *ctx, const char *text, size_t len, void **out)
{
    if (out != NULL)
        *out = NULL;
    if (ctx == NULL)
        return PRECIS_ERR_ARGUMENT;
    ctx->error[0] = '\0';
    if (out == NULL || (text == NULL && len > 0))
        return precis_ctx_fail(ctx, PRECIS_ERR_ARGUMENT, "no input or no place for the result");
    if (ctx->max_bytes != 0 && len > ctx->max_bytes)
        return precis_ctx_fail(ctx, PRECIS_ERR_TOO_LARGE,
                               "the input is %zu bytes, over the limit of %zu", len,
                               ctx->max_bytes);
    return PRECIS_OK;
}

precis_status precis_segment_checked(precis_ctx *ctx, const char *text, size_t len, int lang)
{
    precis_status st = precis_segment(&ctx->seg, text, len, lang);
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "sentence splitting failed: %s", precis_status_str(st));
    if (ctx->max_sentences != 0 && ctx->seg.count > ctx->max_sentences)
        return precis_ctx_fail(ctx, PRECIS_ERR_TOO_LARGE,
                               "the input has %zu sentences, over the limit of %zu",
                               ctx->seg.count, ctx->max_sentences);
    return PRECIS_OK;
}

precis_status precis_tokenize_doc(precis_ctx *ctx, const char *text, int lang)
{
    struct sb_stemmer *stemmer;
    precis_status st = stemmer_for(ctx, lang, &stemmer);
    if (st != PRECIS_OK)
        return st;
    st = precis_tokenize(&ctx->tok, text, ctx->seg.spans, ctx->seg.count, lang, stemmer);
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "tokenizing failed: %s", precis_status_str(st));
    return PRECIS_OK;
}

precis_status precis_split(precis_ctx *ctx, const char *text, size_t len, precis_result **out)
{
    precis_status st = precis_check_input(ctx, text, len, (void **)out);
    if (st != PRECIS_OK)
        return st;
    int lang;
    if ((st = precis_pick_language(ctx, text, len, &lang)) != PRECIS_OK)
        return st;
    if ((st = precis_segment_checked(ctx, text, len, lang)) != PRECIS_OK)
        return st;
    size_t n = ctx->seg.count;
    precis_result *res;
    if ((st = precis_new_result(ctx, lang, n, n, 1, &res)) != PRECIS_OK)
        return st;
    for (size_t i = 0; i < n; i++) {
        const precis_span *s = &ctx->seg.spans[i];
        res->sentences[i] = (precis_sentence){i, s->start, s->end - s->start, 0.0, 0, 0};
    }
    memcpy(res->summary, res->sentences, n * sizeof *res->summary);
    *out = res;
    return PRECIS_OK;
}

static precis_status reserve_scratch(precis_ctx *ctx, size_t n)
{
    if (PRECIS_RESERVE(ctx->scores, ctx->scores_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(ctx->teleport, ctx->teleport_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(ctx->order, ctx->order_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(ctx->chosen, ctx->chosen_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(ctx->lengths, ctx->lengths_cap, n) != PRECIS_OK)
        return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for %zu sentences", n);
    return PRECIS_OK;
}

precis_status precis_rank_sentences(precis_ctx *ctx, const precis_tokens *tok, size_t n)
{
    ctx->tfidf.weighting = PRECIS_WEIGHT_TFIDF;
    precis_status st = precis_tfidf_build(&ctx->tfidf, tok, n, ctx->idf);
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "building term vectors failed: %s",
                               precis_status_str(st));
    if ((st = precis_graph_build(&ctx->graph, &ctx->tfidf)) != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "building the sentence graph failed: %s",
                               precis_status_str(st));
    if ((st = reserve_scratch(ctx, n)) != PRECIS_OK)
        return st;
    st = precis_rank(&ctx->ranker, ctx->graph.matrix, n, PRECIS_DAMPING, NULL,
                     PRECIS_RANK_MAX_ITERATIONS, ctx->scores);
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "ranking failed after %zu iterations: %s",
                               ctx->ranker.iterations, precis_status_str(st));
    precis_order(ctx->scores, n, ctx->order);
    for (size_t i = 0; i < n; i++)
        ctx->lengths[i] = ctx->budget.unit == PRECIS_LENGTH_CHARS ? tok->sents[i].chars
                                                                  : tok->sents[i].words;
    return PRECIS_OK;
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

/* Fills ctx->scores with the algorithm's score of every sentence, 0 for
 * those that are not candidates. */
static precis_status score_sentences(precis_ctx *ctx, size_t n)
{
    const precis_prior *prior = &ctx->prior;
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
        return precis_ctx_fail(ctx, st, "building the ranking graph failed: %s", precis_status_str(st));
    for (size_t i = 0; i < n; i++)
        ctx->teleport[i] = prior->candidate[i] ? 1.0 / (double)prior->count : 0.0;
    st = precis_rank(&ctx->ranker, ctx->walk.matrix, n, PRECIS_DAMPING, ctx->teleport,
                     PRECIS_RANK_MAX_ITERATIONS, ctx->scores);
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "ranking failed after %zu iterations: %s",
                               ctx->ranker.iterations, precis_status_str(st));
    if (ctx->algorithm == PRECIS_ALGORITHM_CENTRALITY)
        for (size_t i = 0; i < n; i++)
            ctx->scores[i] *= precis_position_weight(prior->position[i],
                                                     CENTRALITY_POSITION_EXPONENT);
    normalize_scores(ctx->scores, prior->candidate, n);
    return PRECIS_OK;
}

precis_status precis_summarize(precis_ctx *ctx, const char *text, size_t len,
                               precis_result **out)
{
    precis_status st = precis_check_input(ctx, text, len, (void **)out);
    if (st != PRECIS_OK)
        return st;
    int lang;
    if ((st = precis_pick_language(ctx, text, len, &lang)) != PRECIS_OK)
        return st;
    if ((st = precis_segment_checked(ctx, text, len, lang)) != PRECIS_OK)
        return st;
    size_t n = ctx->seg.count;
    if ((st = precis_tokenize_doc(ctx, text, lang)) != PRECIS_OK)
        return st;
    if ((st = precis_prior_build(&ctx->prior, text, ctx->seg.spans, &ctx->tok, n,
                                 ctx->keep_headings)) != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "out of memory for %zu sentences", n);
    /* The default algorithm weighs terms by their frequency alone (see
     * README: idf discounts the document's topic words); a corpus table is
     * an explicit request for idf weighting, which every algorithm then
     * follows. */
    ctx->tfidf.weighting = ctx->algorithm == PRECIS_ALGORITHM_CENTRALITY && ctx->idf == NULL
                               ? PRECIS_WEIGHT_TF
                               : PRECIS_WEIGHT_TFIDF;
    if ((st = precis_tfidf_build(&ctx->tfidf, &ctx->tok, n, ctx->idf)) != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "building term vectors failed: %s",
                               precis_status_str(st));
    if ((st = precis_graph_build(&ctx->graph, &ctx->tfidf)) != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "building the sentence graph failed: %s",
                               precis_status_str(st));
    if ((st = reserve_scratch(ctx, n)) != PRECIS_OK)
        return st;
    if ((st = score_sentences(ctx, n)) != PRECIS_OK)
        return st;

    size_t ranked = precis_order_candidates(ctx->scores, ctx->prior.candidate, n, ctx->order);
    for (size_t i = 0; i < n; i++)
        ctx->lengths[i] = ctx->budget.unit == PRECIS_LENGTH_CHARS ? ctx->tok.sents[i].chars
                                                                  : ctx->tok.sents[i].words;
    size_t k;
    precis_selector_set_terms(&ctx->selector, ctx->tfidf.token_id, ctx->tok.sents);
    st = precis_select_diverse(&ctx->selector, ctx->order, ranked, n, ctx->budget, ctx->lengths,
                               ctx->graph.matrix, ctx->diversity, ctx->chosen, &k);
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "choosing sentences failed: %s", precis_status_str(st));

    precis_result *res;
    if ((st = precis_new_result(ctx, lang, n, k, 0, &res)) != PRECIS_OK)
        return st;
    for (size_t i = 0; i < n; i++) {
        const precis_span *s = &ctx->seg.spans[i];
        res->sentences[i] =
            (precis_sentence){i, s->start, s->end - s->start, ctx->scores[i], 0, 0};
    }
    precis_result_finish(res, ctx->order, ranked, ctx->chosen);
    *out = res;
    return PRECIS_OK;
}

void precis_result_finish(precis_result *res, const precis_ranked *order, size_t ranked,
                          const unsigned char *chosen)
{
    for (size_t r = 0; r < ranked; r++)
        res->sentences[order[r].index].rank = r + 1;
    size_t filled = 0;
    for (size_t i = 0; i < res->sentence_count; i++)
        if (chosen[i])
            res->summary[filled++] = res->sentences[i];
}

/* ------------------------------------------------------------------ */
/* Results                                                            */

void precis_result_free(precis_result *result)
{
    free(result);
}

const char *precis_result_language(const precis_result *result)
{
    return result != NULL ? precis_languages[result->lang].code : NULL;
}

size_t precis_result_sentence_count(const precis_result *result)
{
    return result != NULL ? result->sentence_count : 0;
}

const precis_sentence *precis_result_sentences(const precis_result *result)
{
    return result != NULL ? result->sentences : NULL;
}

size_t precis_result_summary_count(const precis_result *result)
{
    return result != NULL ? result->summary_count : 0;
}

const precis_sentence *precis_result_summary(const precis_result *result)
{
    return result != NULL ? result->summary : NULL;
}

/* ------------------------------------------------------------------ */
/* One call                                                           */

precis_status precis_summarize_text(const char *text, size_t len, size_t n_sentences,
                                    char **summary)
{
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
    if (st == PRECIS_OK && buf.data == NULL)
        st = precis_buffer_append(&buf, "", 0);
    if (st == PRECIS_OK)
        *summary = buf.data;
    else
        precis_buffer_free(&buf);
    precis_result_free(res);
    precis_ctx_free(ctx);
    return st;
}
