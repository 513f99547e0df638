/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * analyse.h - the steps every entry point runs on a document before it
 * ranks anything: check the limits, read the input into clean text,
 * choose the language, split the clean text into sentences and, when
 * asked, tokenize them.
 */
#ifndef PRECIS_ANALYSE_H
#define PRECIS_ANALYSE_H

#include <stddef.h>

#include "context.h"

/* What precis_analyse does beyond reading and splitting (bits). */
enum {
    PRECIS_ANALYSE_TOKENIZE = 1u << 0,
    /* The sentence limit applies to a set of documents, not to this one
     * (digests count it themselves). */
    PRECIS_ANALYSE_NO_SENTENCE_LIMIT = 1u << 1,
    /* The term ids of earlier documents are still in use (a digest):
     * the vocabulary must not be emptied. */
    PRECIS_ANALYSE_KEEP_VOCABULARY = 1u << 2,
    /* Reading alone: no language, no sentences (lang may be NULL). */
    PRECIS_ANALYSE_READ_ONLY = 1u << 3,
    /* Record where each token comes from and its word's shape
     * (ctx->tok.words). */
    PRECIS_ANALYSE_WORDS = 1u << 4
};

/* Analyses input[0, len) with ctx's options. On success the clean text is
 * in ctx->reading, its sentences in ctx->seg (headings flagged), their
 * terms in ctx->tok (with PRECIS_ANALYSE_TOKENIZE in steps), and *lang is the
 * language. A failure is explained in ctx->error. `what` names the
 * document in messages about limits ("the input", "document 3"). */
precis_status precis_analyse(precis_ctx *ctx, const char *input, size_t len, int steps,
                             const char *what, int *lang);

/* precis_analyse of a caller's document: read with its own format and
 * declared encoding where it gives them, else with ctx's (which are as
 * they were afterwards). */
precis_status precis_analyse_document(precis_ctx *ctx, const precis_document *doc, int steps,
                                      const char *what, int *lang);

#endif
