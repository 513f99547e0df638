/*
 * context.h - the layout of precis_ctx and the pipeline steps that the
 * single-document summarizer (precis.c), the corpus idf (idf.c) and the
 * digest of several documents (digest.c) share.
 */
#ifndef PRECIS_CONTEXT_H
#define PRECIS_CONTEXT_H

#include <stddef.h>

#include "graph.h"
#include "precis.h"
#include "prior.h"
#include "rank.h"
#include "segment.h"
#include "select.h"
#include "tfidf.h"
#include "tokenize.h"
#include "walk.h"

#define PRECIS_DAMPING 0.85
#define PRECIS_LANG_AUTO (-1)

struct sb_stemmer;

struct precis_ctx {
    int lang; /* PRECIS_LANG_AUTO or an index into precis_languages */
    precis_budget budget;
    precis_algorithm algorithm;
    double diversity;
    int keep_headings;
    size_t max_bytes;     /* 0: no limit */
    size_t max_sentences; /* 0: no limit */
    const precis_idf *idf; /* borrowed corpus table, NULL for sentence-level idf */
    struct sb_stemmer *stemmers[64]; /* created on first use, per language */
    precis_folder folder;
    precis_segmenter seg;
    precis_tokens tok;
    precis_tfidf tfidf;
    precis_graph graph;
    precis_prior prior;
    precis_walk walk;
    precis_ranker ranker;
    precis_selector selector;
    double *scores;
    size_t scores_cap;
    double *teleport;
    size_t teleport_cap;
    precis_ranked *order;
    size_t order_cap;
    unsigned char *chosen;
    size_t chosen_cap;
    size_t *lengths;
    size_t lengths_cap;
    char error[256];
};

/* Records a printf-style explanation in ctx->error and returns status. */
precis_status precis_ctx_fail(precis_ctx *ctx, precis_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Clears the last error and checks the arguments common to every call
 * that reads a document: *out is set to NULL when out is not. */
precis_status precis_check_input(precis_ctx *ctx, const char *text, size_t len, void **out);

/* The steps of the pipeline up to tokenizing, each explaining a failure
 * in ctx->error: the document's language, its sentences (in ctx->seg,
 * checked against max_sentences) and its terms (in ctx->tok). */
precis_status precis_pick_language(precis_ctx *ctx, const char *text, size_t len, int *lang);
precis_status precis_segment_checked(precis_ctx *ctx, const char *text, size_t len, int lang);
precis_status precis_tokenize_doc(precis_ctx *ctx, const char *text, int lang);

/* Ranks the n sentences whose terms are in tok: vectors, graph, PageRank,
 * then ctx->order (best first) and ctx->lengths for the budget. */
precis_status precis_rank_sentences(precis_ctx *ctx, const precis_tokens *tok, size_t n);

/* A result for n sentences of which k are chosen, in one block. */
precis_status precis_new_result(precis_ctx *ctx, int lang, size_t n, size_t k, int is_split,
                                precis_result **out);

/* Completes a result whose sentences are filled: gives the ranked ones
 * order[0, ranked) their ranks 1.. and copies the chosen[i] sentences into
 * the summary, in document order. */
void precis_result_finish(precis_result *res, const precis_ranked *order, size_t ranked,
                          const unsigned char *chosen);

#endif
