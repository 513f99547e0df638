/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * result.h - the library's results as Python objects: precis.Sentence (a
 * struct sequence) in a precis.Summary (a list that also tells the
 * document's language, sentence count, title and input format), and
 * precis.Document (a struct sequence: the clean text that extract gives).
 */
#ifndef PYPRECIS_RESULT_H
#define PYPRECIS_RESULT_H

#include "input.h"
#include "state.h"

/* Creates Sentence, Summary and Document in st; returns 0, or -1 with an exception
 * (st then holds what was made, for the module's clear function). */
int pyprecis_result_types_new(pyprecis_state *st);

/* Which sentences a Summary lists, and what their text is. */
typedef enum pyprecis_listing {
    PYPRECIS_LIST_SUMMARY, /* the chosen ones, text as the command prints it */
    PYPRECIS_LIST_SPLIT,   /* every sentence, its exact text */
    PYPRECIS_LIST_DIGEST   /* the chosen ones of a digest, text as the command prints it */
} pyprecis_listing;

/* A new Summary of result, made from the texts texts[0, n_texts) (one,
 * unless it is a digest's); buf is scratch space. NULL with an exception
 * on failure. */
PyObject *pyprecis_summary_new(const pyprecis_state *st, const precis_result *result,
                               const pyprecis_text *texts, size_t n_texts,
                               pyprecis_listing listing, precis_buffer *buf);

/* A new Document of result, a result of precis_extract on text. NULL with
 * an exception on failure. */
PyObject *pyprecis_document_new(const pyprecis_state *st, const precis_result *result,
                                const pyprecis_text *text);

/* A new empty Summary: the digest of no documents. */
PyObject *pyprecis_summary_empty(const pyprecis_state *st);

/* A new str of the bytes s[0, len) decoded as the library reads them:
 * each byte that does not start a valid UTF-8 sequence is one U+FFFD
 * (as in the command's JSON). With fold, each run of white space is one
 * space, as text output folds it. NULL with an exception on failure. */
PyObject *pyprecis_decode(const char *s, size_t len, int fold);

#endif
