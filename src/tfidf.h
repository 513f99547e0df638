/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tfidf.h - term ids and TF-IDF sentence vectors.
 *
 * The document's terms get dense ids, in the order they first appear,
 * from the vocabulary ids of its tokens (an array lookup, no hashing).
 * Each sentence
 * becomes a sparse vector, sorted by term id, of tf * idf weights with the
 * sentence-level idf ln((1 + n) / (1 + df)) + 1 (the + 1 keeps a term that
 * is in every sentence from vanishing), L2-normalized so that a dot product
 * is a cosine. Sentences without terms have empty vectors. With a corpus
 * table, the idf is the corpus one instead: ln((1 + D) / (1 + df)) + 1 over
 * its D documents.
 *
 * Plain term frequency can be chosen instead before a build: then the
 * terms shared by many sentences, which are the document's topic, count in
 * full instead of being discounted as idf does.
 */
#ifndef PRECIS_TFIDF_H
#define PRECIS_TFIDF_H

#include <stddef.h>
#include <stdint.h>

#include "dftable.h"
#include "precis.h"
#include "tokenize.h"

typedef enum precis_weighting {
    PRECIS_WEIGHT_TFIDF = 0, /* tf * (ln((1 + n) / (1 + df)) + 1) */
    PRECIS_WEIGHT_TF         /* tf */
} precis_weighting;

typedef struct precis_term_slot {
    uint32_t stamp;
    uint32_t term;
} precis_term_slot;

/* Vectors in compressed sparse row form: sentence i has the entries
 * [row[i], row[i + 1]) of term and weight. Held by the caller and reused;
 * zero-initialise, release with precis_tfidf_free. */
typedef struct precis_tfidf {
    precis_weighting weighting; /* set by the caller before a build */
    size_t n;           /* sentences */
    size_t *row;        /* n + 1 */
    uint32_t *term;     /* term id of each entry */
    double *weight;     /* weight of each entry */
    size_t nterms;      /* distinct terms */
    uint32_t *df;       /* sentences that hold each term */
    double *idf;        /* the idf of each term */
    double *idf_of_df;  /* n + 1: without a corpus, the idf of each df */
    uint32_t *token_id; /* term id of every token, in order */
    uint32_t *vocab_id; /* per term: its id in the vocabulary */
    /* per vocabulary id: its term id, valid when its stamp is the build's
     * (side by side: a token looks both up in one cache line) */
    precis_term_slot *slot;
    uint32_t build;     /* builds so far, the stamp of the current one */
    double *tally;      /* per term: its count in a sentence, 0 between sentences */
    size_t row_cap, entry_cap, weight_cap, df_cap, token_cap, idf_cap, vocab_id_cap, slot_cap,
        idf_of_df_cap, tally_cap;
} precis_tfidf;

/* Whether vocabulary id v is a term of the last build, and its term id. */
static inline int precis_tfidf_term_of(const precis_tfidf *tf, uint32_t v, uint32_t *term)
{
    if (v >= tf->slot_cap || tf->slot[v].stamp != tf->build)
        return 0;
    *term = tf->slot[v].term;
    return 1;
}

/* Releases the memory; the weighting setting is kept. */
void precis_tfidf_free(precis_tfidf *tf);

/* The document frequencies of a corpus, for the idf of its documents. */
typedef struct precis_corpus_df {
    const precis_dftable *table; /* borrowed, read only */
    uint64_t documents;
} precis_corpus_df;

/* Builds the vectors of n sentences whose tokens are ids[sents[i].first,
 * sents[i + 1].first), ids of vocab, with the idf of corpus or, when it is
 * NULL, of the sentences. */
precis_status precis_tfidf_build(precis_tfidf *tf, const uint32_t *ids,
                                 const precis_sentence_terms *sents, size_t n,
                                 const precis_vocab *vocab, const precis_corpus_df *corpus);

/* The cosine of sentences a and b: the dot product of their vectors. */
double precis_tfidf_cosine(const precis_tfidf *tf, size_t a, size_t b);

#endif
