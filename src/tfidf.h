/*
 * tfidf.h - term ids and TF-IDF sentence vectors.
 *
 * Terms get dense ids through a hash table over their bytes. Each sentence
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

#include "precis.h"
#include "tokenize.h"

typedef enum precis_weighting {
    PRECIS_WEIGHT_TFIDF = 0, /* tf * (ln((1 + n) / (1 + df)) + 1) */
    PRECIS_WEIGHT_TF         /* tf */
} precis_weighting;

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
    uint32_t *token_id; /* term id of every token, in order */
    /* the dictionary: slots hold term id + 1, 0 when free */
    uint32_t *slots;
    size_t slot_mask;
    size_t *key_token;  /* a token that spells each term */
    size_t row_cap, entry_cap, weight_cap, term_cap, df_cap, token_cap, slot_cap, idf_cap;
} precis_tfidf;

/* Releases the memory; the weighting setting is kept. */
void precis_tfidf_free(precis_tfidf *tf);

/* Builds the vectors of the n sentences in tok, with the idf of corpus
 * (borrowed, read only) or, when it is NULL, of the sentences. */
precis_status precis_tfidf_build(precis_tfidf *tf, const precis_tokens *tok, size_t n,
                                 const precis_idf *corpus);

#endif
