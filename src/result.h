/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * result.h - the layout of precis_result and its construction, shared by
 * the entry points that fill results (precis.c, digest.c) and the
 * renderer that reads them (output.c).
 *
 * A result is one block: the header, every sentence, the indices of the
 * chosen ones, the documents, then the clean text the result owns and the
 * title.
 */
#ifndef PRECIS_RESULT_H
#define PRECIS_RESULT_H

#include <stddef.h>

#include "precis.h"
#include "reader.h"
#include "segment.h"
#include "select.h"

/* The size of precis_document in 1.0, the smallest a caller may pass:
 * the fields after it are read only when the caller's size holds them. */
#define PRECIS_DOCUMENT_SIZE_1_0 offsetof(precis_document, id_json)

/* A document of the result: its clean text, either the caller's input
 * (borrowed: plain UTF-8 text) or a copy held in the result's block. */
typedef struct precis_result_doc {
    const char *text; /* the copy; NULL when borrowed */
    size_t len;
} precis_result_doc;

/* What made a result, which says how it renders. */
typedef enum precis_result_kind {
    PRECIS_RESULT_SUMMARY, /* precis_summarize, precis_digest */
    PRECIS_RESULT_SPLIT,   /* precis_split: no scores */
    PRECIS_RESULT_EXTRACT  /* precis_extract: the clean text alone, no sentences */
} precis_result_kind;

struct precis_result {
    int lang;                     /* index into precis_languages; -1 when not analysed */
    precis_result_kind kind;
    precis_input_format format;
    int markable;                 /* a web page that marks can go into in place (reader.h) */
    size_t sentence_count;
    precis_sentence *sentences;   /* document order */
    size_t summary_count;
    size_t *summary;              /* indices of the chosen sentences, in order */
    size_t doc_count;
    precis_result_doc *docs;
    const char *title;            /* "" when there is none */
    const char *query;            /* the query it was made for, "" when none */
    size_t query_len;
    char *speakers; /* owned: the names that sentences' speaker fields point into; NULL: none */
};

/* Allocates a result for n sentences of which k are chosen, over
 * doc_count documents whose clean texts that are not borrowed add up to
 * text_bytes, with a title of title_len bytes and a copy of the query
 * query[0, query_len) (NULL for none). Everything else is for the caller
 * to fill; precis_result_keep_text and precis_result_finish help. */
precis_status precis_result_new(size_t n, size_t k, size_t doc_count, size_t text_bytes,
                                size_t title_len, const char *query, size_t query_len,
                                precis_result **out);

/* Gives document d the clean text of rd: borrowed when rd borrowed the
 * input, else a copy placed at *text_used into the block (which advances),
 * and the title of rd when d is 0. */
void precis_result_keep_text(precis_result *res, size_t d, const precis_reading *rd,
                             size_t *text_used);

/* The bytes a reading adds to a result: its clean text unless borrowed. */
size_t precis_result_text_bytes(const precis_reading *rd);

/* Copies rd's speakers' names into res (before its sentences are set),
 * so that sentences can name their speaker. */
precis_status precis_result_keep_speakers(precis_result *res, const precis_reading *rd);

/* Fills sentence i of document d from span (clean-text range and flags)
 * through rd's map. */
void precis_result_set_sentence(precis_result *res, size_t i, size_t index, size_t d,
                                const precis_span *span, const precis_reading *rd);

/* Completes a result whose sentences are filled: gives the ranked ones
 * order[0, ranked) their ranks 1.. and lists the sentences with chosen[i]
 * set as the summary, flagging them chosen. */
void precis_result_finish(precis_result *res, const precis_ranked *order, size_t ranked,
                          const unsigned char *chosen);

/* The summary of the digest result res alone, with its documents
 * renumbered: a result of its chosen sentences only (no other sentence is
 * kept), in which res's document d is new_doc[d] (distinct, below
 * doc_count); sentences follow the new order of documents. A document of
 * the copy that has no chosen sentence keeps no text: it reads as the
 * caller's input of length input_len[j]. On success *out owns the copy. */
precis_status precis_result_summary_only(const precis_result *res, size_t doc_count,
                                         const size_t *new_doc, const size_t *input_len,
                                         precis_result **out);

/* The clean text of document d, given the input text the caller renders
 * with (used when the document was borrowed). */
static inline const char *precis_result_doc_text(const precis_result *res, size_t d,
                                                 const char *input)
{
    return res->docs[d].text != NULL ? res->docs[d].text : input;
}

#endif
