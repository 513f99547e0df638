/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ngrams.h - keyphrase candidates of scripts written without spaces.
 *
 * Chinese, Japanese and Burmese have no spaces to find words by, so their
 * keyphrases are found among the strings the text repeats. A text is cut
 * into segments at punctuation, at spaced words and, in Chinese and
 * Burmese, at stopwords (the longest one that matches); Japanese cuts at
 * every change between ideographs and katakana and drops hiragana (its
 * particles and endings). A unit is a character with the marks that follow
 * it.
 *
 * Chinese and Burmese candidates are the strings of 2 to
 * PRECIS_NGRAM_MAX_UNITS units inside a segment that occur at least twice
 * and that no string one unit longer contains as often (a string that
 * always comes with the same neighbour is a piece of a longer word), and
 * the whole segments of that length seen once. Japanese candidates are
 * whole segments of 2 to PRECIS_NGRAM_MAX_SEGMENT units. A candidate
 * scores the mean count of its units' pairs (how central its parts are)
 * times sqrt(units - 1) times ln(1 + its count); candidates that contain
 * or are contained in a better one are left out.
 */
#ifndef PRECIS_NGRAMS_H
#define PRECIS_NGRAMS_H

#include <stddef.h>
#include <stdint.h>

#include "precis.h"
#include "segment.h"
#include "strtab.h"

#define PRECIS_NGRAM_MAX_UNITS 6
#define PRECIS_NGRAM_MAX_SEGMENT 16
/* At most this many candidates of a document are kept, best first. */
#define PRECIS_NGRAM_KEEP 512

/* A candidate of the document: text[start, end) is its first occurrence. */
typedef struct precis_ngram {
    size_t start, end;
    uint32_t count;
    double score;
} precis_ngram;

/* Scratch memory, held by the caller and reused; zero-initialise (then
 * set grams.seed), release with precis_ngrams_free. */
typedef struct precis_ngrams {
    precis_strtab grams;  /* the bytes of a string -> its id */
    uint32_t *count;      /* per id: occurrences inside segments */
    uint32_t *whole;      /* per id: occurrences as a whole segment */
    size_t *first;        /* per id: where it first occurs */
    uint32_t *prefix;     /* per id: the id of the string one unit shorter at its end, + 1 */
    uint32_t *suffix;     /* the same, one unit shorter at its start, + 1 */
    unsigned char *units; /* per id: its length in units */
    unsigned char *absorbed; /* per id: a longer string holds it as often */
    size_t *unit_at;      /* scratch: offsets of the units of a segment, and its end */
    precis_ngram *found;  /* the candidates, best first, after find */
    size_t nfound;
    size_t count_cap, whole_cap, first_cap, prefix_cap, suffix_cap, units_cap, absorbed_cap,
        unit_at_cap, found_cap;
} precis_ngrams;

void precis_ngrams_free(precis_ngrams *g);

/* Finds the candidates of the n sentences spans[0, n) of text in
 * language lang: g->found[0, g->nfound), best first, without overlaps, at
 * most PRECIS_NGRAM_KEEP. Returns the number of units read in *units. */
precis_status precis_ngrams_find(precis_ngrams *g, const char *text, const precis_span *spans,
                                 size_t n, int lang, size_t *units);

#endif
