/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * util.h - small helpers shared by every stage: checked array growth and
 * the byte hash used by the lexicon and the term table.
 */
#ifndef PRECIS_UTIL_H
#define PRECIS_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "precis.h"

/* Makes room for at least `need` elements of `elem` bytes in *ptr, whose
 * capacity is *cap elements. Grows geometrically; on failure *ptr and *cap
 * are untouched and PRECIS_ERR_NOMEM is returned, also when need * elem
 * would overflow. */
static inline precis_status precis_reserve(void **ptr, size_t *cap, size_t need, size_t elem)
{
    if (need == 0)
        need = 1; /* so that an empty array is still a valid pointer */
    if (need <= *cap)
        return PRECIS_OK;
    size_t grown = *cap < 16 ? 16 : *cap;
    while (grown < need) {
        if (grown > SIZE_MAX / 2) {
            grown = need;
            break;
        }
        grown *= 2;
    }
    if (elem != 0 && grown > SIZE_MAX / elem)
        return PRECIS_ERR_NOMEM;
    void *moved = realloc(*ptr, grown * elem);
    if (moved == NULL)
        return PRECIS_ERR_NOMEM;
    *ptr = moved;
    *cap = grown;
    return PRECIS_OK;
}

/* An index that names no sentence. */
#define PRECIS_NO_SENTENCE SIZE_MAX

/* Typed wrapper: PRECIS_RESERVE(vec.items, vec.cap, n). */
#define PRECIS_RESERVE(items, cap, need) \
    precis_reserve((void **)&(items), &(cap), (need), sizeof *(items))

static inline int precis_compare_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Sorts a[0, n) ascending. The arrays sorted per sentence are short, where
 * insertion sort beats qsort's general machinery several times over. */
static inline void precis_sort_u32(uint32_t *a, size_t n)
{
    if (n > 32) {
        qsort(a, n, sizeof *a, precis_compare_u32);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        uint32_t v = a[i];
        size_t j = i;
        for (; j > 0 && a[j - 1] > v; j--)
            a[j] = a[j - 1];
        a[j] = v;
    }
}

/* 64-bit FNV-1a. tools/gen_langdata.py computes the same function to lay
 * out the compiled-in lexicon, so the two must not diverge. */
static inline uint64_t precis_hash_bytes(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

#endif
