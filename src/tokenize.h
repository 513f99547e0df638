/*
 * tokenize.h - sentences to terms.
 *
 * A word is a run of letters, marks and digits; apostrophes and hyphens
 * separate words. Each word is folded (NFKC + case folding), dropped when
 * it is a stopword of the language or a single character, and stemmed with
 * the language's Snowball stemmer. Scripts written without spaces (Chinese,
 * Japanese, Thai, ...) give overlapping character bigrams instead.
 *
 * The tokenizer also measures each sentence for the length budgets: words
 * (white-space separated runs; each character of an unspaced script counts
 * as one) and characters (code points once white space runs are folded to
 * one space).
 */
#ifndef PRECIS_TOKENIZE_H
#define PRECIS_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

#include "fold.h"
#include "precis.h"
#include "segment.h"
#include "termcache.h"

struct sb_stemmer;

/* Words longer than this many bytes are not made terms: no language has
 * them, and stemming them would only cost time. */
#define PRECIS_MAX_TERM_BYTES 100

typedef struct precis_sentence_terms {
    size_t first; /* index of the sentence's first term */
    size_t words; /* length in words, as budgets count them */
    size_t chars; /* length in code points, as budgets count them */
} precis_sentence_terms;

/* The terms of a document, held by the caller and reused between calls;
 * zero-initialise, release with precis_tokens_free. Term k is the bytes
 * bytes[term_start[k], term_start[k + 1]); the terms of sentence i are
 * k in [sents[i].first, sents[i + 1].first). */
typedef struct precis_tokens {
    char *bytes;
    size_t bytes_len;
    size_t bytes_cap;
    size_t *term_start; /* count + 1 entries */
    size_t count;
    size_t term_cap;
    precis_sentence_terms *sents; /* sentences + 1 entries */
    size_t sents_cap;
    precis_folder folder;
    precis_term_cache cache; /* words seen before, from this and earlier documents */
} precis_tokens;

void precis_tokens_free(precis_tokens *tok);

/* Tokenizes the n sentences spans[0, n) of text for language lang, with
 * stemmer (NULL for none). Replaces the previous contents of tok. */
precis_status precis_tokenize(precis_tokens *tok, const char *text, const precis_span *spans,
                              size_t n, int lang, struct sb_stemmer *stemmer);

/* Word and character counts of text[start, end), as the budgets count
 * them. */
void precis_measure(const char *text, size_t start, size_t end, size_t *words, size_t *chars);

#endif
