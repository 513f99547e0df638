/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * summarize.h - ranking and choosing sentences: what precis_summarize
 * does once a document is analysed, shared with digests (digest.c).
 */
#ifndef PRECIS_SUMMARIZE_H
#define PRECIS_SUMMARIZE_H

#include <stddef.h>

#include "context.h"

/* Ranks n sentences with TextRank on tf-idf cosines (the digest's
 * ranking): the tokens of sentence i are ids[sents[i].first,
 * sents[i + 1].first), ids of ctx's vocabulary. Builds the vectors, the
 * graph, runs PageRank, then fills ctx->scores, ctx->order (best first)
 * and ctx->lengths for the budget. With a query on ctx (read in language
 * lang) the walk leans towards the sentences relevant to it, and *focused
 * says whether any was (else the ranking is the generic one). */
precis_status precis_rank_sentences(precis_ctx *ctx, const uint32_t *ids,
                                    const precis_sentence_terms *sents, size_t n, int lang,
                                    const unsigned char *candidate, int *focused);

/* Fills ctx->teleport[0, n) with the jump towards the sentences relevant
 * to ctx's query (read in language lang), among those with candidate[i]
 * set (all when NULL), from the vectors and graph built in ctx; *focused
 * is 0 when there is no query or no candidate is relevant to it. */
precis_status precis_query_teleport(precis_ctx *ctx, size_t n, int lang,
                                    const unsigned char *candidate, int *focused);

/* Fills ctx->lengths[0, n) with each sentence's length in the budget's
 * unit. */
void precis_budget_lengths(precis_ctx *ctx, const precis_sentence_terms *sents, size_t n);

#endif
