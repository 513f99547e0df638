/*
 * digest.c - one summary of several documents: each is split and
 * tokenized in its own language, then all sentences are ranked together,
 * near-duplicates are dropped and the budget applies to the whole set.
 */
#include <string.h>

#include "context.h"
#include "lang.h"
#include "result.h"
#include "util.h"

/* The sentences and terms of every document, end to end. */
typedef struct digest_scratch {
    precis_span *spans;
    size_t *doc;   /* per sentence: its document */
    size_t *local; /* per sentence: its index in its document */
    size_t count, spans_cap, doc_cap, local_cap;
    precis_tokens tok;
    precis_ranked *kept; /* rank order without near-duplicates */
    size_t kept_cap;
    unsigned char *taken; /* per sentence: in kept */
    size_t taken_cap;
} digest_scratch;

static void scratch_free(digest_scratch *s)
{
    free(s->spans);
    free(s->doc);
    free(s->local);
    free(s->tok.bytes);
    free(s->tok.term_start);
    free(s->tok.sents);
    free(s->kept);
    free(s->taken);
}

/* Appends the sentences of ctx->seg and their terms in ctx->tok, those of
 * document d, to s. */
static precis_status append_document(digest_scratch *s, const precis_ctx *ctx, size_t d)
{
    const precis_tokens *src = &ctx->tok;
    precis_tokens *dst = &s->tok;
    size_t n = ctx->seg.count;
    if (n > SIZE_MAX - s->count - 1 || src->count > SIZE_MAX - dst->count - 1 ||
        src->bytes_len > SIZE_MAX - dst->bytes_len ||
        PRECIS_RESERVE(s->spans, s->spans_cap, s->count + n) != PRECIS_OK ||
        PRECIS_RESERVE(s->doc, s->doc_cap, s->count + n) != PRECIS_OK ||
        PRECIS_RESERVE(s->local, s->local_cap, s->count + n) != PRECIS_OK ||
        PRECIS_RESERVE(dst->sents, dst->sents_cap, s->count + n + 1) != PRECIS_OK ||
        PRECIS_RESERVE(dst->term_start, dst->term_cap, dst->count + src->count + 1) != PRECIS_OK ||
        PRECIS_RESERVE(dst->bytes, dst->bytes_cap, dst->bytes_len + src->bytes_len) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        s->spans[s->count + i] = ctx->seg.spans[i];
        s->doc[s->count + i] = d;
        s->local[s->count + i] = i;
        dst->sents[s->count + i] = src->sents[i];
        dst->sents[s->count + i].first += dst->count;
    }
    if (src->bytes_len > 0)
        memcpy(dst->bytes + dst->bytes_len, src->bytes, src->bytes_len);
    dst->term_start[0] = 0;
    for (size_t k = 0; k < src->count; k++)
        dst->term_start[dst->count + k + 1] = dst->bytes_len + src->term_start[k + 1];
    s->count += n;
    dst->count += src->count;
    dst->bytes_len += src->bytes_len;
    dst->sents[s->count] = (precis_sentence_terms){dst->count, 0, 0};
    return PRECIS_OK;
}

/* Keeps, in rank order, each sentence that is not a near-duplicate of a
 * better-ranked one already kept; the graph's edges are exactly the
 * similarities above zero, so only neighbours need a look. */
static precis_status drop_duplicates(digest_scratch *s, const precis_ctx *ctx, size_t n,
                                     size_t *kept_count)
{
    if (PRECIS_RESERVE(s->kept, s->kept_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(s->taken, s->taken_cap, n) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    memset(s->taken, 0, n);
    const gsl_spmatrix *m = ctx->graph.matrix;
    size_t kept = 0;
    for (size_t r = 0; r < n; r++) {
        size_t i = ctx->order[r].index;
        int duplicate = 0;
        for (int k = m->p[i]; k < m->p[i + 1] && !duplicate; k++)
            duplicate = s->taken[m->i[k]] && m->data[k] >= PRECIS_DIGEST_DUPLICATE;
        if (duplicate)
            continue;
        s->taken[i] = 1;
        s->kept[kept++] = ctx->order[r];
    }
    *kept_count = kept;
    return PRECIS_OK;
}

/* The language of the most sentences; the earliest such document's on a
 * tie, English for no sentences at all. */
static int main_language(const size_t *sentences_by_lang, int first_lang)
{
    int best = first_lang;
    for (size_t i = 0; i < precis_language_total; i++)
        if (sentences_by_lang[i] > sentences_by_lang[best])
            best = (int)i;
    return best;
}

static precis_status digest_into(precis_ctx *ctx, digest_scratch *s, const precis_document *docs,
                                 size_t n_docs, precis_result **out)
{
    size_t by_lang[64] = {0};
    int first_lang = -1;
    precis_status st;
    for (size_t d = 0; d < n_docs; d++) {
        const precis_document *doc = &docs[d];
        if (doc->text == NULL && doc->len > 0)
            return precis_ctx_fail(ctx, PRECIS_ERR_ARGUMENT, "document %zu has no text", d);
        if (ctx->max_bytes != 0 && doc->len > ctx->max_bytes)
            return precis_ctx_fail(ctx, PRECIS_ERR_TOO_LARGE,
                                   "document %zu is %zu bytes, over the limit of %zu", d,
                                   doc->len, ctx->max_bytes);
        int lang;
        if ((st = precis_pick_language(ctx, doc->text, doc->len, &lang)) != PRECIS_OK ||
            (st = precis_segment_checked(ctx, doc->text, doc->len, lang)) != PRECIS_OK ||
            (st = precis_tokenize_doc(ctx, doc->text, lang)) != PRECIS_OK)
            return st;
        if (first_lang < 0 && ctx->seg.count > 0)
            first_lang = lang;
        by_lang[lang] += ctx->seg.count;
        if (append_document(s, ctx, d) != PRECIS_OK)
            return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for the digest");
        if (ctx->max_sentences != 0 && s->count > ctx->max_sentences)
            return precis_ctx_fail(ctx, PRECIS_ERR_TOO_LARGE,
                                   "the documents have more than %zu sentences together",
                                   ctx->max_sentences);
    }
    if (first_lang < 0)
        first_lang = ctx->lang != PRECIS_LANG_AUTO ? ctx->lang : precis_lang_find("en");
    size_t n = s->count;
    if (n > 0 && (st = precis_rank_sentences(ctx, &s->tok, n)) != PRECIS_OK)
        return st;
    size_t kept = 0;
    if (n > 0 && drop_duplicates(s, ctx, n, &kept) != PRECIS_OK)
        return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for the digest");
    size_t k = 0;
    if (n > 0) {
        /* precis_select clears only the first `kept` marks. */
        memset(ctx->chosen, 0, n);
        k = precis_select(s->kept, kept, ctx->budget, ctx->lengths, ctx->chosen);
    }

    precis_result *res;
    if ((st = precis_new_result(ctx, main_language(by_lang, first_lang), n, k, 0, &res)) !=
        PRECIS_OK)
        return st;
    for (size_t i = 0; i < n; i++) {
        const precis_span *sp = &s->spans[i];
        res->sentences[i] = (precis_sentence){s->local[i], sp->start, sp->end - sp->start,
                                              ctx->scores[i], 0, s->doc[i]};
    }
    precis_result_finish(res, ctx->order, n, ctx->chosen);
    *out = res;
    return PRECIS_OK;
}

precis_status precis_digest(precis_ctx *ctx, const precis_document *docs, size_t n,
                            precis_result **out)
{
    precis_status st = precis_check_input(ctx, "", 0, (void **)out);
    if (st != PRECIS_OK)
        return st;
    if (docs == NULL && n > 0)
        return precis_ctx_fail(ctx, PRECIS_ERR_ARGUMENT, "no documents");
    digest_scratch s = {0};
    st = digest_into(ctx, &s, docs, n, out);
    scratch_free(&s);
    return st;
}
