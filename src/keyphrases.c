/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * keyphrases.c - precis_keywords and precis_keywords_digest: documents
 * read as every entry point reads them (analyse.c), their phrases added up
 * in the context's keyworder (keywords.c), the best listed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "context.h"
#include "keywords.h"
#include "lang.h"
#include "util.h"

/* The list of the set's best phrases. */
static precis_status make_list(precis_ctx *ctx, int lang, int is_set, size_t n_documents,
                               precis_keyword_list **out)
{
    precis_keyworder *kw = &ctx->keyworder;
    size_t k = ctx->keyword_count;
    if (k > kw->set.phrases.count)
        k = kw->set.phrases.count;
    precis_kw_pick *picks = malloc((k > 0 ? k : 1) * sizeof *picks);
    if (picks == NULL)
        return precis_ctx_fail(ctx, PRECIS_ERR_NOMEM, "out of memory for the keyphrases");
    size_t count;
    precis_status st = precis_keyworder_best(kw, k, picks, &count);
    if (st == PRECIS_OK)
        st = precis_keyworder_spell(kw, ctx->reading.text, picks, count);
    size_t bytes = 0;
    for (size_t i = 0; i < count && st == PRECIS_OK; i++) {
        size_t len;
        precis_keyworder_spelling(kw, picks[i].phrase, &len);
        bytes += len + 1;
    }
    precis_keyword_list *list = NULL;
    if (st == PRECIS_OK) {
        list = malloc(sizeof *list + count * sizeof(precis_keyword_entry) + bytes);
        if (list == NULL)
            st = PRECIS_ERR_NOMEM;
    }
    if (st != PRECIS_OK) {
        free(picks);
        return precis_ctx_fail(ctx, st, "out of memory for the keyphrases");
    }
    list->lang = lang;
    list->is_set = is_set;
    list->n_documents = n_documents;
    list->count = count;
    list->entries = (precis_keyword_entry *)(list + 1);
    char *text = (char *)(list->entries + count);
    for (size_t i = 0; i < count; i++) {
        uint32_t id = picks[i].phrase;
        size_t len;
        const char *spelling = precis_keyworder_spelling(kw, id, &len);
        memcpy(text, spelling, len);
        text[len] = '\0';
        list->entries[i] = (precis_keyword_entry){text, len, picks[i].score,
                                                  (size_t)kw->set.count[id],
                                                  (size_t)kw->set.documents[id]};
        text += len + 1;
    }
    free(picks);
    *out = list;
    return PRECIS_OK;
}

/* Adds the document analysed in ctx to the set. */
static precis_status add_analysed(precis_ctx *ctx, int lang)
{
    const precis_stemmer *stemmer;
    precis_status st = precis_ctx_stemmer(ctx, lang, &stemmer);
    if (st != PRECIS_OK)
        return st;
    precis_tokens_trim(&ctx->tok);
    precis_corpus_df corpus;
    const precis_corpus_df *df = precis_ctx_corpus_df(ctx, &corpus);
    st = precis_keyworder_add(&ctx->keyworder, ctx->reading.text, ctx->seg.spans, ctx->seg.count,
                              lang, stemmer, &ctx->tok, df);
    if (st != PRECIS_OK)
        return precis_ctx_fail(ctx, st, "finding keyphrases failed: %s", precis_status_str(st));
    return PRECIS_OK;
}

precis_status precis_keywords(precis_ctx *ctx, const char *text, size_t len,
                              precis_keyword_list **out)
{
    precis_status st = precis_ctx_begin(ctx, (void **)out);
    int lang;
    if (st != PRECIS_OK ||
        (st = precis_analyse(ctx, text, len, 0, "the input", &lang)) != PRECIS_OK)
        return st;
    precis_keyworder_reset(&ctx->keyworder, 1);
    if ((st = add_analysed(ctx, lang)) != PRECIS_OK)
        return st;
    return make_list(ctx, lang, 0, 1, out);
}

precis_status precis_keywords_digest(precis_ctx *ctx, const precis_document *docs, size_t n,
                                     size_t doc_size, precis_keyword_list **out)
{
    precis_status st = precis_ctx_begin(ctx, (void **)out);
    if (st != PRECIS_OK)
        return st;
    if ((docs == NULL && n > 0) || doc_size < sizeof(precis_document))
        return precis_ctx_fail(ctx, PRECIS_ERR_ARGUMENT, "no documents, or a wrong size of one");
    precis_keyworder_reset(&ctx->keyworder, 0);
    int first_lang = -1;
    for (size_t d = 0; d < n; d++) {
        const precis_document *doc = (const precis_document *)((const char *)docs + d * doc_size);
        char what[48];
        snprintf(what, sizeof what, "document %zu", d);
        int lang;
        if ((st = precis_analyse_document(ctx, doc, 0, what, &lang)) != PRECIS_OK ||
            (st = add_analysed(ctx, lang)) != PRECIS_OK)
            return st;
        if (first_lang < 0)
            first_lang = lang;
    }
    if (first_lang < 0)
        first_lang = ctx->lang != PRECIS_LANG_AUTO ? ctx->lang : precis_lang_find("en");
    return make_list(ctx, precis_keyworder_language(&ctx->keyworder, first_lang), 1, n, out);
}

void precis_keyword_list_free(precis_keyword_list *list)
{
    free(list);
}

size_t precis_keyword_list_count(const precis_keyword_list *list)
{
    return list != NULL ? list->count : 0;
}

const char *precis_keyword_list_phrase(const precis_keyword_list *list, size_t k, size_t *len)
{
    if (len != NULL)
        *len = 0;
    if (list == NULL || k >= list->count)
        return NULL;
    if (len != NULL)
        *len = list->entries[k].len;
    return list->entries[k].phrase;
}

double precis_keyword_list_score(const precis_keyword_list *list, size_t k)
{
    return list != NULL && k < list->count ? list->entries[k].score : 0.0;
}

size_t precis_keyword_list_occurrences(const precis_keyword_list *list, size_t k)
{
    return list != NULL && k < list->count ? list->entries[k].count : 0;
}

size_t precis_keyword_list_documents(const precis_keyword_list *list, size_t k)
{
    return list != NULL && k < list->count ? list->entries[k].documents : 0;
}

const char *precis_keyword_list_language(const precis_keyword_list *list)
{
    return list != NULL ? precis_languages[list->lang].code : NULL;
}

size_t precis_keyword_list_document_count(const precis_keyword_list *list)
{
    return list != NULL ? list->n_documents : 0;
}
