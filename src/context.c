/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * context.c - creating and configuring contexts, and the names the
 * library gives to statuses, languages, formats and algorithms.
 */
#include "context.h"

#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "idf.h"
#include "lang.h"
#include "read_html.h"
#include "read_email.h"
#include "read_markdown.h"
#include "util.h"

const char *precis_version_string(void)
{
    return PRECIS_VERSION_STRING;
}

unsigned precis_version_number(void)
{
    return PRECIS_VERSION_NUMBER;
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

precis_status precis_ctx_fail(precis_ctx *ctx, precis_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->error, sizeof ctx->error, fmt, ap);
    va_end(ap);
    return status;
}

precis_status precis_ctx_begin(precis_ctx *ctx, void **out)
{
    if (out != NULL)
        *out = NULL;
    if (ctx == NULL)
        return PRECIS_ERR_ARGUMENT;
    ctx->error[0] = '\0';
    if (out == NULL)
        return precis_ctx_fail(ctx, PRECIS_ERR_ARGUMENT, "no place for the result");
    return PRECIS_OK;
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
    ctx->format = PRECIS_FROM_AUTO;
    ctx->budget = (precis_budget){PRECIS_LENGTH_SENTENCES, 3.0};
    ctx->algorithm = PRECIS_DEFAULT_ALGORITHM;
    ctx->diversity = -1.0;
    ctx->max_bytes = PRECIS_DEFAULT_MAX_BYTES;
    ctx->max_sentences = PRECIS_DEFAULT_MAX_SENTENCES;
    ctx->keyword_count = PRECIS_DEFAULT_KEYWORDS;
    ctx->threads = 1;
    uint64_t seed = precis_strtab_random_seed();
    precis_tokens_seed(&ctx->tok, seed);
    precis_keyworder_seed(&ctx->keyworder, seed);
    ctx->text_reader.keys.seed = seed;
    ctx->repeats.texts.seed = precis_strtab_random_seed();
    *out = ctx;
    return PRECIS_OK;
}

void precis_ctx_free(precis_ctx *ctx)
{
    if (ctx == NULL)
        return;
    for (size_t i = 0; i < sizeof ctx->stemmers / sizeof ctx->stemmers[0]; i++)
        precis_stemmer_close(&ctx->stemmers[i]);
    precis_folder_free(&ctx->folder);
    precis_reading_free(&ctx->reading);
    precis_text_reader_free(&ctx->text_reader);
    precis_html_free(ctx->html);
    precis_markdown_free(ctx->markdown);
    precis_email_free(ctx->email);
    precis_decoded_free(&ctx->decoded);
    precis_segmenter_free(&ctx->seg);
    precis_tokens_free(&ctx->tok);
    precis_tfidf_free(&ctx->tfidf);
    precis_graph_free(&ctx->graph);
    precis_prior_free(&ctx->prior);
    precis_walk_free(&ctx->walk);
    precis_ranker_free(&ctx->ranker);
    precis_selector_free(&ctx->selector);
    precis_keyworder_free(&ctx->keyworder);
    precis_relevance_free(&ctx->relevance);
    free(ctx->query);
    precis_repeats_free(&ctx->repeats);
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

static const char *const format_names[] = {
    [PRECIS_FROM_AUTO] = "auto",
    [PRECIS_FROM_TEXT] = "text",
    [PRECIS_FROM_HTML] = "html",
    [PRECIS_FROM_MARKDOWN] = "markdown",
    [PRECIS_FROM_TRANSCRIPT] = "transcript",
    [PRECIS_FROM_EMAIL] = "email",
};
#define FORMAT_COUNT (sizeof format_names / sizeof format_names[0])

const char *precis_input_format_name(precis_input_format format)
{
    return (unsigned)format < FORMAT_COUNT ? format_names[format] : NULL;
}

precis_status precis_input_format_find(const char *name, precis_input_format *out)
{
    if (name == NULL || out == NULL)
        return PRECIS_ERR_ARGUMENT;
    for (unsigned f = 0; f < FORMAT_COUNT; f++) {
        if (strcmp(format_names[f], name) == 0) {
            *out = (precis_input_format)f;
            return PRECIS_OK;
        }
    }
    return PRECIS_ERR_ARGUMENT;
}

precis_status precis_ctx_set_format(precis_ctx *ctx, precis_input_format format)
{
    if (ctx == NULL)
        return PRECIS_ERR_ARGUMENT;
    ctx->error[0] = '\0';
    if ((unsigned)format >= FORMAT_COUNT)
        return precis_ctx_fail(ctx, PRECIS_ERR_ARGUMENT, "unknown input format %d", (int)format);
    ctx->format = format;
    return PRECIS_OK;
}

/* Copies an encoding name into a setting ("" for NULL or "auto"); a name
 * too long for any encoding is refused. */
static int set_encoding_name(char *setting, const char *name)
{
    if (name == NULL || strcmp(name, "auto") == 0) {
        setting[0] = '\0';
        return 1;
    }
    size_t len = strlen(name);
    if (len == 0 || len >= PRECIS_ENCODING_NAME_MAX)
        return 0;
    memcpy(setting, name, len + 1);
    return 1;
}

precis_status precis_ctx_set_encoding(precis_ctx *ctx, const char *name)
{
    if (ctx == NULL)
        return PRECIS_ERR_ARGUMENT;
    ctx->error[0] = '\0';
    char checked[PRECIS_ENCODING_NAME_MAX];
    if (!set_encoding_name(checked, name))
        return precis_ctx_fail(ctx, PRECIS_ERR_ARGUMENT, "unknown encoding '%.64s'", name);
    if (checked[0] != '\0') {
        /* Known when glibc's iconv can convert from it. */
        iconv_t cd = iconv_open("UTF-8", checked);
        if (cd == (iconv_t)-1)
            return precis_ctx_fail(ctx, PRECIS_ERR_ARGUMENT, "unknown encoding '%s'", checked);
        iconv_close(cd);
    }
    memcpy(ctx->encoding, checked, sizeof checked);
    return PRECIS_OK;
}

precis_status precis_ctx_set_declared_encoding(precis_ctx *ctx, const char *name)
{
    if (ctx == NULL)
        return PRECIS_ERR_ARGUMENT;
    ctx->error[0] = '\0';
    /* A declaration is a hint: one too long for any encoding is ignored,
     * as an unknown one is when the input is decoded. */
    if (!set_encoding_name(ctx->declared_encoding, name))
        ctx->declared_encoding[0] = '\0';
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

const precis_corpus_df *precis_ctx_corpus_df(const precis_ctx *ctx, precis_corpus_df *held)
{
    if (ctx->idf == NULL)
        return NULL;
    *held = (precis_corpus_df){&ctx->idf->table, ctx->idf->documents};
    return held;
}

precis_status precis_ctx_set_keyword_count(precis_ctx *ctx, size_t n)
{
    if (ctx == NULL)
        return PRECIS_ERR_ARGUMENT;
    ctx->error[0] = '\0';
    if (n == 0)
        return precis_ctx_fail(ctx, PRECIS_ERR_ARGUMENT, "a keyphrase count must be at least 1");
    ctx->keyword_count = n;
    return PRECIS_OK;
}

static const char *const algorithm_names[] = {
    [PRECIS_ALGORITHM_CENTRALITY] = "centrality",
    [PRECIS_ALGORITHM_TEXTRANK] = "textrank",
    [PRECIS_ALGORITHM_LEXRANK] = "lexrank",
    [PRECIS_ALGORITHM_LEXRANK_CONTINUOUS] = "lexrank-continuous",
    [PRECIS_ALGORITHM_LEAD] = "lead",
};
#define ALGORITHM_COUNT (sizeof algorithm_names / sizeof algorithm_names[0])

size_t precis_algorithm_count(void)
{
    return ALGORITHM_COUNT;
}

const char *precis_algorithm_name(precis_algorithm algorithm)
{
    return (unsigned)algorithm < ALGORITHM_COUNT ? algorithm_names[algorithm] : NULL;
}

precis_status precis_algorithm_find(const char *name, precis_algorithm *out)
{
    if (name == NULL || out == NULL)
        return PRECIS_ERR_ARGUMENT;
    for (unsigned a = 0; a < ALGORITHM_COUNT; a++) {
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
    if ((unsigned)algorithm >= ALGORITHM_COUNT)
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

static int is_ascii_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

double precis_ctx_diversity(const precis_ctx *ctx, int focused)
{
    if (ctx->diversity >= 0.0)
        return ctx->diversity;
    return focused ? PRECIS_DEFAULT_QUERY_DIVERSITY : PRECIS_DEFAULT_DIVERSITY;
}

precis_status precis_ctx_set_query(precis_ctx *ctx, const char *query, size_t len)
{
    if (ctx == NULL || (query == NULL && len > 0))
        return PRECIS_ERR_ARGUMENT;
    ctx->error[0] = '\0';
    size_t start = 0, end = len;
    while (start < end && is_ascii_space(query[start]))
        start++;
    while (end > start && is_ascii_space(query[end - 1]))
        end--;
    char *copy = NULL;
    if (end > start) {
        if (end - start == SIZE_MAX || (copy = malloc(end - start + 1)) == NULL)
            return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for the query");
        memcpy(copy, query + start, end - start);
        copy[end - start] = '\0';
    }
    free(ctx->query);
    ctx->query = copy;
    ctx->query_len = copy != NULL ? end - start : 0;
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

precis_status precis_ctx_set_threads(precis_ctx *ctx, size_t threads)
{
    if (ctx == NULL)
        return PRECIS_ERR_ARGUMENT;
    ctx->error[0] = '\0';
    if (threads == 0 || threads > PRECIS_MAX_THREADS)
        return precis_ctx_fail(ctx, PRECIS_ERR_ARGUMENT, "threads must be from 1 to %d",
                               PRECIS_MAX_THREADS);
    ctx->threads = threads;
    return PRECIS_OK;
}

void precis_ctx_copy_options(precis_ctx *dst, const precis_ctx *src)
{
    dst->lang = src->lang;
    dst->format = src->format;
    memcpy(dst->encoding, src->encoding, sizeof dst->encoding);
    memcpy(dst->declared_encoding, src->declared_encoding, sizeof dst->declared_encoding);
    dst->budget = src->budget;
    dst->algorithm = src->algorithm;
    dst->diversity = src->diversity;
    dst->keep_headings = src->keep_headings;
    dst->max_bytes = src->max_bytes;
    dst->max_sentences = src->max_sentences;
    dst->idf = src->idf;
    dst->keyword_count = src->keyword_count;
    dst->threads = src->threads;
}

precis_status precis_ctx_stemmer(precis_ctx *ctx, int lang, const precis_stemmer **out)
{
    *out = NULL;
    const char *algorithm = precis_languages[lang].stemmer;
    if (algorithm == NULL)
        return PRECIS_OK;
    if (ctx->stemmers[lang].utf8 == NULL &&
        precis_stemmer_open(&ctx->stemmers[lang], algorithm) != PRECIS_OK)
        return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "cannot create the %s stemmer", algorithm);
    *out = &ctx->stemmers[lang];
    return PRECIS_OK;
}

precis_status precis_ctx_reserve(precis_ctx *ctx, size_t n)
{
    if (PRECIS_RESERVE(ctx->scores, ctx->scores_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(ctx->teleport, ctx->teleport_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(ctx->order, ctx->order_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(ctx->chosen, ctx->chosen_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(ctx->lengths, ctx->lengths_cap, n) != PRECIS_OK)
        return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for %zu sentences", n);
    return PRECIS_OK;
}
