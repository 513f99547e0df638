/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * digest.c - one summary of several documents: each is read, split and
 * tokenized in its own language, then all sentences are ranked together,
 * near-duplicates are dropped and the budget applies to the whole set.
 */
#include <stdio.h>
#include <string.h>

#include "analyse.h"
#include "lang.h"
#include "result.h"
#include "summarize.h"
#include "util.h"

/* Where a sentence of the set comes from. */
typedef struct digest_sentence {
    size_t doc;   /* its document */
    size_t local; /* its index in its document */
    size_t in_start, in_end; /* its range of the document's input */
} digest_sentence;

/* What a document leaves behind once the next one is analysed: its clean
 * text (copied into text_bytes when it was not the input itself). */
typedef struct digest_doc {
    size_t text_start;
    size_t len;
    int borrowed;
} digest_doc;

/* The sentences and terms of every document, end to end. */
typedef struct digest_scratch {
    precis_span *spans;          /* clean-text ranges, relative to their document */
    digest_sentence *where;
    size_t count, spans_cap, where_cap;
    uint32_t *ids;                /* every document's tokens, end to end */
    size_t ids_count, ids_cap;
    precis_sentence_terms *sents; /* every sentence's, indexing ids */
    size_t sents_cap;
    digest_doc *docs;
    size_t docs_cap;
    char *text_bytes;
    size_t text_len, text_cap;
    precis_ranked *kept; /* candidates in rank order, without near-duplicates */
    size_t kept_cap;
    unsigned char *taken; /* per sentence: in kept */
    size_t taken_cap;
    unsigned char *candidate;  /* per sentence, as its document's prior says */
    unsigned char *standalone;
    size_t *antecedent; /* per sentence: the sentence of the set it leans on,
                         * the candidate before it in its own document */
    size_t candidate_cap, standalone_cap, antecedent_cap;
    unsigned char *key_taken; /* per repeat id (repeats.h): a kept sentence has it */
    size_t key_taken_cap;
} digest_scratch;

static void scratch_free(digest_scratch *s)
{
    free(s->spans);
    free(s->where);
    free(s->ids);
    free(s->sents);
    free(s->docs);
    free(s->text_bytes);
    free(s->kept);
    free(s->taken);
    free(s->candidate);
    free(s->standalone);
    free(s->antecedent);
    free(s->key_taken);
}

/* Appends the sentences of ctx->seg, their terms in ctx->tok, what
 * ctx->prior says of them and the clean text of ctx->reading, those of
 * document d, to s. */
static precis_status append_document(digest_scratch *s, precis_ctx *ctx, size_t d)
{
    const precis_tokens *src = &ctx->tok;
    const precis_reading *rd = &ctx->reading;
    size_t n = ctx->seg.count;
    size_t own = rd->borrowed ? 0 : rd->len;
    if (n > SIZE_MAX - s->count - 1 || src->count > SIZE_MAX - s->ids_count ||
        own > SIZE_MAX - s->text_len ||
        PRECIS_RESERVE(s->spans, s->spans_cap, s->count + n) != PRECIS_OK ||
        PRECIS_RESERVE(s->where, s->where_cap, s->count + n) != PRECIS_OK ||
        PRECIS_RESERVE(s->docs, s->docs_cap, d + 1) != PRECIS_OK ||
        PRECIS_RESERVE(s->text_bytes, s->text_cap, s->text_len + own) != PRECIS_OK ||
        PRECIS_RESERVE(s->sents, s->sents_cap, s->count + n + 1) != PRECIS_OK ||
        PRECIS_RESERVE(s->candidate, s->candidate_cap, s->count + n) != PRECIS_OK ||
        PRECIS_RESERVE(s->standalone, s->standalone_cap, s->count + n) != PRECIS_OK ||
        PRECIS_RESERVE(s->antecedent, s->antecedent_cap, s->count + n) != PRECIS_OK ||
        PRECIS_RESERVE(s->ids, s->ids_cap, s->ids_count + src->count) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        const precis_span *sp = &ctx->seg.spans[i];
        size_t first = src->sents[i].first, last = src->sents[i + 1].first;
        /* A document without a single term may have no token array. */
        const uint32_t *terms = last > first ? src->ids + first : NULL;
        /* Documents may be in different languages. */
        if (precis_repeats_add(&ctx->repeats, rd->text, sp->start, sp->end, terms, last - first,
                               0) != PRECIS_OK)
            return PRECIS_ERR_NOMEM;
        size_t in_start = sp->start, in_end = sp->end;
        if (!rd->borrowed)
            precis_reading_input_range(rd, sp->start, sp->end, &in_start, &in_end);
        s->spans[s->count + i] = *sp;
        s->where[s->count + i] = (digest_sentence){d, i, in_start, in_end};
        s->sents[s->count + i] = src->sents[i];
        s->sents[s->count + i].first += s->ids_count;
        size_t a = ctx->prior.antecedent[i];
        s->antecedent[s->count + i] = a == PRECIS_NO_SENTENCE ? a : s->count + a;
    }
    if (n > 0) {
        memcpy(s->candidate + s->count, ctx->prior.candidate, n);
        memcpy(s->standalone + s->count, ctx->prior.standalone, n);
    }
    s->docs[d] = (digest_doc){s->text_len, rd->len, rd->borrowed};
    if (own > 0)
        memcpy(s->text_bytes + s->text_len, rd->text, own);
    s->text_len += own;
    if (src->count > 0)
        memcpy(s->ids + s->ids_count, src->ids, src->count * sizeof *s->ids);
    s->count += n;
    s->ids_count += src->count;
    s->sents[s->count] = (precis_sentence_terms){s->ids_count, 0, 0};
    return PRECIS_OK;
}

/* Whether sentence i of the set nearly repeats a kept one: their
 * similarity (the exact cosine when the graph's weights are capped) is at
 * least PRECIS_DIGEST_DUPLICATE, or they print the same or have the same
 * terms in the same order (repeats.h), which the capped graph of a large
 * set cannot always tell. */
static int repeats_kept(const digest_scratch *s, const precis_ctx *ctx, size_t i)
{
    const uint32_t *ids = ctx->repeats.ids;
    if (s->key_taken[ids[2 * i]] || s->key_taken[ids[2 * i + 1]])
        return 1;
    const gsl_spmatrix *m = ctx->graph.matrix;
    for (int k = m->p[i]; k < m->p[i + 1]; k++) {
        size_t j = (size_t)m->i[k];
        if (j == i || !s->taken[j])
            continue;
        double similarity = ctx->graph.capped ? precis_tfidf_cosine(&ctx->tfidf, i, j)
                                              : m->data[k];
        if (similarity >= PRECIS_DIGEST_DUPLICATE)
            return 1;
    }
    return 0;
}

/* Keeps, in rank order, each of the ranked candidates order[0, ranked)
 * that does not repeat a better-ranked one already kept. */
static precis_status drop_duplicates(digest_scratch *s, const precis_ctx *ctx, size_t n,
                                     size_t ranked, size_t *kept_count)
{
    size_t keys = precis_repeats_keys(&ctx->repeats);
    if (PRECIS_RESERVE(s->kept, s->kept_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(s->taken, s->taken_cap, n) != PRECIS_OK ||
        PRECIS_RESERVE(s->key_taken, s->key_taken_cap, keys) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    memset(s->taken, 0, n);
    memset(s->key_taken, 0, keys);
    size_t kept = 0;
    for (size_t r = 0; r < ranked; r++) {
        size_t i = ctx->order[r].index;
        if (repeats_kept(s, ctx, i))
            continue;
        s->taken[i] = 1;
        s->key_taken[ctx->repeats.ids[2 * i]] = s->key_taken[ctx->repeats.ids[2 * i + 1]] = 1;
        s->kept[kept++] = ctx->order[r];
    }
    *kept_count = kept;
    return PRECIS_OK;
}

/* Only candidates are ranked: the others score 0 and the candidates'
 * scores sum to 1; ctx->order holds the candidates, best first. Returns
 * how many there are. */
static size_t rank_candidates(precis_ctx *ctx, const digest_scratch *s, size_t n)
{
    double total = 0.0;
    for (size_t i = 0; i < n; i++)
        total += s->candidate[i] ? ctx->scores[i] : 0.0;
    for (size_t i = 0; i < n; i++)
        ctx->scores[i] = s->candidate[i] && total > 0.0 ? ctx->scores[i] / total : 0.0;
    return precis_order_candidates(ctx->scores, s->candidate, n, ctx->order);
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

/* The result of the ranked and chosen set in s. */
static precis_status digest_result(precis_ctx *ctx, const digest_scratch *s, size_t n_docs,
                                   int lang, size_t ranked, size_t k, precis_result **out)
{
    size_t n = s->count;
    precis_result *res;
    if (precis_result_new(n, k, n_docs, s->text_len, 0, ctx->query, ctx->query_len, &res) !=
        PRECIS_OK)
        return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for the result");
    res->lang = lang;
    res->format = ctx->reading.format;
    char *bytes = (char *)(res->docs + n_docs);
    if (s->text_len > 0)
        memcpy(bytes, s->text_bytes, s->text_len);
    for (size_t d = 0; d < n_docs; d++) {
        const digest_doc *doc = &s->docs[d];
        res->docs[d] = (precis_result_doc){doc->borrowed ? NULL : bytes + doc->text_start,
                                           doc->len};
    }
    for (size_t i = 0; i < n; i++) {
        const precis_span *sp = &s->spans[i];
        const digest_sentence *w = &s->where[i];
        size_t a = s->antecedent[i];
        res->sentences[i] = (precis_sentence){
            .index = w->local,
            .start = w->in_start,
            .length = w->in_end - w->in_start,
            .score = ctx->scores[i],
            .document = w->doc,
            .text_start = sp->start,
            .text_length = sp->end - sp->start,
            .flags = ((sp->flags & PRECIS_SPAN_HEADING) ? PRECIS_SENTENCE_HEADING : 0u) |
                     (a != PRECIS_NO_SENTENCE ? PRECIS_SENTENCE_DEPENDENT : 0u),
            .depends_on = a != PRECIS_NO_SENTENCE ? s->where[a].local : 0,
        };
    }
    precis_result_finish(res, ctx->order, ranked, ctx->chosen);
    *out = res;
    return PRECIS_OK;
}

static precis_status digest_into(precis_ctx *ctx, digest_scratch *s, const precis_document *docs,
                                 size_t n_docs, size_t doc_size, precis_result **out)
{
    size_t by_lang[64] = {0};
    int first_lang = -1;
    precis_status st;
    for (size_t d = 0; d < n_docs; d++) {
        const precis_document *doc = (const precis_document *)((const char *)docs + d * doc_size);
        char what[48];
        snprintf(what, sizeof what, "document %zu", d);
        int lang;
        /* The vocabulary may be emptied before the first document only:
         * the term ids of the others are kept until the ranking. */
        unsigned steps = PRECIS_ANALYSE_TOKENIZE | PRECIS_ANALYSE_NO_SENTENCE_LIMIT |
                         (d > 0 ? PRECIS_ANALYSE_KEEP_VOCABULARY : 0u);
        st = precis_analyse_document(ctx, doc, (int)steps, what, &lang);
        if (st != PRECIS_OK)
            return st;
        if (precis_prior_build(&ctx->prior, ctx->reading.text, &ctx->seg, &ctx->tok, lang,
                               ctx->keep_headings) != PRECIS_OK)
            return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for the digest");
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
    int lang = main_language(by_lang, first_lang), focused = 0;
    if (n > 0 &&
        (st = precis_rank_sentences(ctx, s->ids, s->sents, n, lang, s->candidate, &focused)) !=
            PRECIS_OK)
        return st;
    size_t kept = 0, ranked = 0;
    if (n > 0)
        ranked = rank_candidates(ctx, s, n);
    if (n > 0 && drop_duplicates(s, ctx, n, ranked, &kept) != PRECIS_OK)
        return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for the digest");
    /* A ratio counts the sentences that remain. */
    precis_budget budget = ctx->budget;
    if (budget.unit == PRECIS_LENGTH_RATIO)
        budget = (precis_budget){PRECIS_LENGTH_SENTENCES,
                                 (double)precis_ratio_count(budget.value, kept)};
    size_t k = 0;
    /* A sentence that leans on the one before it in its document may not
     * stand alone in a digest: other documents offer the news it holds,
     * in sentences that need nothing before them (taking the antecedent
     * too, as a summary of one document does, costs ROUGE on every digest
     * benchmark; bench/README.md). */
    for (size_t i = 0; i < n; i++)
        if (s->antecedent[i] != PRECIS_NO_SENTENCE)
            s->standalone[i] = 0;
    /* Repeats are already out of kept: what is left to check is how
     * similar the sentences are, for the diversity (a query's, or one
     * set), by the digest's own terms and vectors. */
    double diversity = precis_ctx_diversity(ctx, focused);
    precis_repeat_checks checks = {0};
    if (diversity > 0.0)
        checks = (precis_repeat_checks){ctx->tfidf.token_id, s->sents, NULL, 0,
                                        ctx->graph.capped ? &ctx->tfidf : NULL, NULL};
    precis_selector_set_checks(&ctx->selector, &checks);
    if (kept > 0 &&
        (st = precis_select_diverse(&ctx->selector, s->kept, kept, n, budget, ctx->lengths,
                                    s->standalone, diversity > 0.0 ? ctx->graph.matrix : NULL,
                                    diversity, ctx->chosen, &k)) != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "choosing sentences failed: %s", precis_status_str(st));
    return digest_result(ctx, s, n_docs, lang, ranked, k, out);
}

precis_status precis_digest(precis_ctx *ctx, const precis_document *docs, size_t n,
                            size_t doc_size, precis_result **out)
{
    precis_status st = precis_ctx_begin(ctx, (void **)out);
    if (st != PRECIS_OK)
        return st;
    if ((docs == NULL && n > 0) || doc_size < PRECIS_DOCUMENT_SIZE_1_0)
        return precis_ctx_fail(ctx, PRECIS_ERR_ARGUMENT, "no documents, or a wrong size of one");
    digest_scratch s = {0};
    precis_repeats_clear(&ctx->repeats);
    st = digest_into(ctx, &s, docs, n, doc_size, out);
    scratch_free(&s);
    return st;
}
