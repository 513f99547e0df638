/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * analyse.c - a document from input bytes to sentences and terms, and the
 * choice of its input format.
 */
#include "analyse.h"

#include <string.h>

#include "lang.h"

precis_input_format precis_input_format_guess(const char *name, const char *data, size_t len)
{
    (void)name;
    (void)data;
    (void)len;
    return PRECIS_FROM_TEXT;
}

/* Fills ctx->reading from the input as the format says. */
static precis_status read_input(precis_ctx *ctx, const char *input, size_t len)
{
    precis_input_format format = ctx->format;
    if (format == PRECIS_FROM_AUTO)
        format = precis_input_format_guess(NULL, input, len);
    precis_reading_borrow(&ctx->reading, input, len);
    ctx->reading.format = format;
    return PRECIS_OK;
}

static precis_status pick_language(precis_ctx *ctx, int *lang)
{
    if (ctx->lang != PRECIS_LANG_AUTO) {
        *lang = ctx->lang;
        return PRECIS_OK;
    }
    precis_status st =
        precis_lang_detect(ctx->reading.text, ctx->reading.len, &ctx->folder, lang);
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "language detection failed: %s", precis_status_str(st));
    return PRECIS_OK;
}

precis_status precis_analyse(precis_ctx *ctx, const char *input, size_t len, int steps,
                             const char *what, int *lang)
{
    if (input == NULL && len > 0)
        return precis_ctx_fail(ctx, PRECIS_ERR_ARGUMENT, "%s has no text", what);
    if (ctx->max_bytes != 0 && len > ctx->max_bytes)
        return precis_ctx_fail(ctx, PRECIS_ERR_TOO_LARGE, "%s is %zu bytes, over the limit of %zu",
                               what, len, ctx->max_bytes);
    precis_status st = read_input(ctx, input, len);
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "reading %s failed: %s", what, precis_status_str(st));
    if ((st = pick_language(ctx, lang)) != PRECIS_OK)
        return st;
    const precis_reading *rd = &ctx->reading;
    st = precis_segment(&ctx->seg, rd->text, rd->len, *lang);
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "sentence splitting failed: %s", precis_status_str(st));
    if (!(steps & PRECIS_ANALYSE_NO_SENTENCE_LIMIT) && ctx->max_sentences != 0 &&
        ctx->seg.count > ctx->max_sentences)
        return precis_ctx_fail(ctx, PRECIS_ERR_TOO_LARGE,
                               "%s has %zu sentences, over the limit of %zu", what,
                               ctx->seg.count, ctx->max_sentences);
    if (!(steps & PRECIS_ANALYSE_TOKENIZE))
        return PRECIS_OK;
    struct sb_stemmer *stemmer;
    if ((st = precis_ctx_stemmer(ctx, *lang, &stemmer)) != PRECIS_OK)
        return st;
    if (!(steps & PRECIS_ANALYSE_KEEP_VOCABULARY))
        precis_tokens_trim(&ctx->tok);
    ctx->tok.record_words = (steps & PRECIS_ANALYSE_WORDS) != 0;
    st = precis_tokenize(&ctx->tok, rd->text, ctx->seg.spans, ctx->seg.count, *lang, stemmer);
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "tokenizing failed: %s", precis_status_str(st));
    return PRECIS_OK;
}
