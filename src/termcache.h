/*
 * termcache.h - a memo of the tokenizer's word -> term function.
 *
 * Folding, the stopword test and Snowball stemming cost more than the rest
 * of the pipeline together, and an article repeats most of its words, as
 * do the articles of a batch. The cache maps a word as written, in a
 * language, to the term it gives (or to nothing, for a dropped word). It
 * is bounded: when full it is emptied and starts over, which changes the
 * speed, never the terms.
 */
#ifndef PRECIS_TERMCACHE_H
#define PRECIS_TERMCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "precis.h"

/* Bounds: entries, and bytes of words and terms together. */
#define PRECIS_TERM_CACHE_ENTRIES ((size_t)1 << 15)
#define PRECIS_TERM_CACHE_BYTES ((size_t)1 << 20)

typedef struct precis_cached_term {
    uint64_t hash;
    uint32_t word_start; /* into bytes: the word, then its term */
    uint32_t word_len;
    uint32_t term_len; /* 0: the word gives no term */
    int lang;
} precis_cached_term;

/* Zero-initialise; release with precis_term_cache_free. Owns every array. */
typedef struct precis_term_cache {
    uint32_t *slots; /* entry index + 1; 0 when free */
    precis_cached_term *entries;
    char *bytes;
    size_t count;
    size_t bytes_len;
} precis_term_cache;

void precis_term_cache_free(precis_term_cache *cache);

/* Looks up word[0, len) of language lang, whose precis_hash_bytes is hash.
 * When it is cached, returns 1 and points *term (owned by the cache, valid
 * until the next put) at its term of *term_len bytes (0: no term). */
int precis_term_cache_get(const precis_term_cache *cache, int lang, const char *word, size_t len,
                          uint64_t hash, const char **term, size_t *term_len);

/* Records that word gives term[0, term_len) (term_len 0: no term). A word
 * that does not fit is not recorded; only memory for the arrays can fail. */
precis_status precis_term_cache_put(precis_term_cache *cache, int lang, const char *word,
                                    size_t len, uint64_t hash, const char *term,
                                    size_t term_len);

#endif
