/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * label.h - a short, readable name for a story.
 *
 * The best name of a story is one of its headlines: the one whose words
 * weigh most in the story's centroid (per square root of its number of
 * terms, so that a long headline does not win by length alone). A
 * headline is a document's first heading line among its first three
 * sentences that reads as one: 4 to 16 words, at least 3 of them content
 * words without digits (a dateline is no headline), and no boilerplate.
 *
 * A story without headlines is named by its top keyphrases: runs of one to
 * three consecutive content words inside a sentence (separated by spaces
 * or hyphens only), each scored by the share of the story's documents that
 * hold it times the summed centroid weight of its terms, over the square
 * root of its length; the best PRECIS_LABEL_KEYPHRASES that share no term,
 * each in its most frequent spelling, joined by ", ".
 */
#ifndef PRECIS_LABEL_H
#define PRECIS_LABEL_H

#include <stddef.h>
#include <stdint.h>

#include "buffer.h"
#include "precis.h"
#include "segment.h"
#include "strtab.h"
#include "tokenize.h"

#define PRECIS_LABEL_KEYPHRASES 3
#define PRECIS_LABEL_MAX_WORDS 16

/* A term that has no weight in the story. */
#define PRECIS_LABEL_NO_TERM UINT32_MAX

/* The headline of a document: the index of its sentence in *sentence, or
 * 0 returned when it has none. text and spans[0, n) are its clean text
 * and sentences, tok their tokens (words recorded). */
int precis_label_headline(const char *text, const precis_span *spans, size_t n,
                          const precis_tokens *tok, size_t *sentence);

/* The score of a headline whose distinct terms number `distinct`, of which
 * those with a weight in the story are terms[0, m) (indices into
 * centroid). */
double precis_label_headline_score(const uint32_t *terms, size_t m, size_t distinct,
                                   const double *centroid);

/* Keyphrases of a story, gathered document by document; zero-initialise,
 * release with precis_keyphrases_free. */
typedef struct precis_keyphrases {
    precis_strtab phrases;  /* the terms of a phrase -> phrase id */
    precis_strtab spelling; /* phrase id + its words as written -> spelling id */
    size_t *docs;           /* per phrase: the documents that hold it */
    size_t *last;           /* per phrase: the last document that held it, + 1 */
    size_t *uses;           /* per spelling: how often it was written so */
    size_t docs_cap, last_cap, uses_cap;
    size_t documents;
    char *key;
    size_t key_cap;
} precis_keyphrases;

/* Starts a story (the tables' seed is drawn on first use). */
void precis_keyphrases_reset(precis_keyphrases *kp);
void precis_keyphrases_free(precis_keyphrases *kp);

/* Adds one document of the story: its clean text, the tokens tok of its n
 * sentences (words recorded), with term[k] the story's number of
 * token k's term (PRECIS_LABEL_NO_TERM when it has none) and weight[t]
 * the centroid weight of term t. */
precis_status precis_keyphrases_add(precis_keyphrases *kp, const char *text, size_t n,
                                    const precis_tokens *tok, const uint32_t *term,
                                    const double *weight);

/* Appends the story's best keyphrases, joined by ", ", to out (nothing
 * when there are none). */
precis_status precis_keyphrases_write(precis_keyphrases *kp, const double *weight,
                                      precis_buffer *out);

/* Appends text[start, end) with white space folded, cut after
 * PRECIS_LABEL_MAX_WORDS words (" ..." marks a cut): the opening words of
 * a document, for a story with neither headline nor keyphrase. */
void precis_label_opening(const char *text, size_t start, size_t end, precis_buffer *out);

#endif
