/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * docvec.h - document vectors for grouping news articles into stories.
 *
 * Articles that report the same event share names, places, numbers and
 * dates, mostly in their headline and first sentences; the rest of a long
 * page drifts off the event (whole-body vectors made unrelated long pages
 * look alike in the measurements behind these choices). So a document's
 * vector is made of its title and lead only:
 * - the title is the first heading line before the first body sentence,
 *   weighted PRECIS_DOCVEC_TITLE_WEIGHT; the lead is the first
 *   PRECIS_DOCVEC_LEAD_SENTENCES body sentences, weighted
 *   PRECIS_DOCVEC_LEAD_WEIGHT; the rest of the body adds nothing;
 * - a word that holds a digit, or a capitalised word (not the first of its
 *   sentence, unless the document also capitalises it in mid-sentence; any
 *   capitalised word of the title), counts PRECIS_DOCVEC_NAME_WEIGHT times;
 * - a term's weight is (1 + ln tf) x idf, with idf = ln((N + 1) / (df +
 *   0.5)) over the N documents grouped (or a corpus table); a term held by
 *   a share s of the documents above PRECIS_DOCVEC_COMMON_SHARE (and by
 *   more than two) has its idf scaled by PRECIS_DOCVEC_COMMON_SHARE / s,
 *   so that the words of a busy day's big subject do not glue its stories
 *   together; a term of a single document links nothing and is left out;
 * - each document keeps its PRECIS_DOCVEC_TERMS heaviest terms (ties by
 *   the term's bytes), L2-normalised.
 * A second vector is made the same way from the names and numbers alone
 * (with their own document frequencies). The two are stored as one sparse
 * vector, in separate key spaces, scaled so that a dot product is
 * (1 - PRECIS_DOCVEC_NAMES_SHARE) x cos(all words) + PRECIS_DOCVEC_NAMES_SHARE
 * x cos(names and numbers).
 */
#ifndef PRECIS_DOCVEC_H
#define PRECIS_DOCVEC_H

#include <stddef.h>
#include <stdint.h>

#include "heap.h"
#include "precis.h"
#include "segment.h"
#include "tokenize.h"

#define PRECIS_DOCVEC_TITLE_WEIGHT 2.0
#define PRECIS_DOCVEC_LEAD_WEIGHT 1.5
#define PRECIS_DOCVEC_LEAD_SENTENCES 6
#define PRECIS_DOCVEC_NAME_WEIGHT 2.0
#define PRECIS_DOCVEC_COMMON_SHARE 0.05
#define PRECIS_DOCVEC_TERMS 64
#define PRECIS_DOCVEC_NAMES_SHARE 0.3

/* The two parts of a vector. */
enum { PRECIS_DOCVEC_ALL = 0, PRECIS_DOCVEC_NAMES = 1 };

/* A term of a document before idf: its weighted frequency among all the
 * words of the title and lead, and among their names and numbers (0 when
 * it is never one there). */
typedef struct precis_docvec_count {
    uint32_t term;
    float all;
    float names;
} precis_docvec_count;

/* Scratch memory for counting, per vocabulary term; zero-initialise,
 * release with precis_docvec_counter_free. */
typedef struct precis_docvec_counter {
    float *all, *names;
    uint32_t *seen;    /* the count that last met the term */
    uint32_t *capital; /* the count that last met it capitalised in mid-sentence */
    size_t cap;
    uint32_t stamp;
} precis_docvec_counter;

void precis_docvec_counter_free(precis_docvec_counter *c);

/* Counts the terms of the title and lead of a document: its sentences
 * spans[0, n) (headings flagged) and their tokens in tok, recorded with
 * their words. Appends one count per term, in the order the terms first
 * appear, to (*out)[*count ...], growing *out (capacity *cap). */
precis_status precis_docvec_count_terms(precis_docvec_counter *c, const precis_span *spans,
                                        size_t n, const precis_tokens *tok,
                                        precis_docvec_count **out, size_t *count, size_t *cap);

/* Which sentences are the title and the lead, in document order. */
typedef struct precis_docvec_zones {
    int title_seen;
    size_t body;
} precis_docvec_zones;

enum { PRECIS_ZONE_TITLE, PRECIS_ZONE_LEAD, PRECIS_ZONE_REST };

/* The zone of the next sentence (start from a zeroed state). */
int precis_docvec_zone(precis_docvec_zones *z, int heading);

/* The idf of a term held by df of n documents, common terms scaled down. */
double precis_docvec_idf(double df, double n);

/* An entry of a vector: key = 2 x (the term's rank in byte order) + part. */
typedef struct precis_docvec_entry {
    uint32_t key;
    float weight;
} precis_docvec_entry;

/* Makes the vector of a document from its counts[0, m) (terms as indices
 * of the arrays below): idf[PRECIS_DOCVEC_ALL] and idf[PRECIS_DOCVEC_NAMES]
 * give each term's idf in either part (0 leaves it out), rank its place in
 * byte order. heap has room for m items. Writes at most 2 x
 * PRECIS_DOCVEC_TERMS entries to out, sorted by key, and returns their
 * number. */
size_t precis_docvec_build(const precis_docvec_count *counts, size_t m, const double *const idf[2],
                           const uint32_t *rank, precis_ranked *heap, precis_docvec_entry *out);

/* The similarity of two documents: the dot product of their vectors
 * (entries sorted by key), or 0 when they share fewer than
 * PRECIS_DOCVEC_MIN_SHARED terms: a document whose words are its own but
 * one keeps little more than that word in its vector, and one word in
 * common is no sign of one event. */
#define PRECIS_DOCVEC_MIN_SHARED 2
double precis_docvec_similarity(const precis_docvec_entry *a, size_t na,
                                const precis_docvec_entry *b, size_t nb);

/* The vectors of n documents in compressed row form: document i has the
 * entries [row[i], row[i + 1]); keys are below nkeys. */
typedef struct precis_docvecs {
    size_t n;
    const size_t *row;
    const precis_docvec_entry *entry;
    size_t nkeys;
} precis_docvecs;

#endif
