/*
 * termcache.c - an open-addressing table of words to terms, emptied when
 * full.
 */
#include "termcache.h"

#include <stdlib.h>
#include <string.h>

/* Twice the entries, so that probes stay short. */
#define SLOT_COUNT (2 * PRECIS_TERM_CACHE_ENTRIES)

void precis_term_cache_free(precis_term_cache *cache)
{
    if (cache == NULL)
        return;
    free(cache->slots);
    free(cache->entries);
    free(cache->bytes);
    memset(cache, 0, sizeof *cache);
}

int precis_term_cache_get(const precis_term_cache *cache, int lang, const char *word, size_t len,
                          uint64_t hash, const char **term, size_t *term_len)
{
    if (cache->slots == NULL)
        return 0;
    size_t slot = (size_t)hash & (SLOT_COUNT - 1);
    for (;;) {
        uint32_t held = cache->slots[slot];
        if (held == 0)
            return 0;
        const precis_cached_term *e = &cache->entries[held - 1];
        if (e->hash == hash && e->word_len == len && e->lang == lang &&
            memcmp(cache->bytes + e->word_start, word, len) == 0) {
            *term = cache->bytes + e->word_start + e->word_len;
            *term_len = e->term_len;
            return 1;
        }
        slot = (slot + 1) & (SLOT_COUNT - 1);
    }
}

precis_status precis_term_cache_put(precis_term_cache *cache, int lang, const char *word,
                                    size_t len, uint64_t hash, const char *term,
                                    size_t term_len)
{
    if (len > PRECIS_TERM_CACHE_BYTES / 4 || term_len > PRECIS_TERM_CACHE_BYTES / 4)
        return PRECIS_OK;
    if (cache->slots == NULL) {
        cache->slots = calloc(SLOT_COUNT, sizeof *cache->slots);
        cache->entries = malloc(PRECIS_TERM_CACHE_ENTRIES * sizeof *cache->entries);
        cache->bytes = malloc(PRECIS_TERM_CACHE_BYTES);
        if (cache->slots == NULL || cache->entries == NULL || cache->bytes == NULL) {
            precis_term_cache_free(cache);
            return PRECIS_ERR_NOMEM;
        }
    }
    if (cache->count == PRECIS_TERM_CACHE_ENTRIES ||
        cache->bytes_len + len + term_len > PRECIS_TERM_CACHE_BYTES) {
        memset(cache->slots, 0, SLOT_COUNT * sizeof *cache->slots);
        cache->count = 0;
        cache->bytes_len = 0;
    }
    size_t slot = (size_t)hash & (SLOT_COUNT - 1);
    while (cache->slots[slot] != 0)
        slot = (slot + 1) & (SLOT_COUNT - 1);
    memcpy(cache->bytes + cache->bytes_len, word, len);
    if (term_len > 0)
        memcpy(cache->bytes + cache->bytes_len + len, term, term_len);
    cache->entries[cache->count] = (precis_cached_term){hash, (uint32_t)cache->bytes_len,
                                                        (uint32_t)len, (uint32_t)term_len, lang};
    cache->bytes_len += len + term_len;
    cache->slots[slot] = (uint32_t)++cache->count;
    return PRECIS_OK;
}
