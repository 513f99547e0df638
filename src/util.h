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

/* Sorts a[0, n) ascending by insertion: the fastest way for a few
 * elements. */
static inline void precis_insertion_sort_u32(uint32_t *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint32_t v = a[i];
        size_t j = i;
        for (; j > 0 && a[j - 1] > v; j--)
            a[j] = a[j - 1];
        a[j] = v;
    }
}

/* Moves a[root] down the max-heap a[0, n) to its place. */
static inline void precis_sift_down_u32(uint32_t *a, size_t root, size_t n)
{
    uint32_t v = a[root];
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n)
            break;
        if (child + 1 < n && a[child + 1] > a[child])
            child++;
        if (a[child] <= v)
            break;
        a[root] = a[child];
        root = child;
    }
    a[root] = v;
}

/* Sorts a[0, n) ascending by heapsort: n log n whatever the order. */
static inline void precis_heapsort_u32(uint32_t *a, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        precis_sift_down_u32(a, i, n);
    for (size_t end = n; end-- > 1;) {
        uint32_t top = a[0];
        a[0] = a[end];
        a[end] = top;
        precis_sift_down_u32(a, 0, end);
    }
}

/* Sorts a[0, n) ascending. The arrays sorted per sentence are short, where
 * insertion sort beats any other; a longer one is split around the median
 * of its first, middle and last elements (Hoare's partition) until its
 * parts are short: in place, without qsort's function call a comparison.
 * A range that still needs splitting after twice log2 n splits is
 * heapsorted, so that no order of the input takes quadratic time. */
static inline void precis_sort_u32(uint32_t *a, size_t n)
{
    size_t depth = 0;
    for (size_t k = n; k > 1; k >>= 1)
        depth += 2;
    while (n > 32) {
        if (depth-- == 0) {
            precis_heapsort_u32(a, n);
            return;
        }
        uint32_t x = a[0], y = a[n / 2], z = a[n - 1];
        uint32_t pivot = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
        /* The pivot is one of the elements and not the only largest at the
         * end, so both scans stop inside and both parts are non-empty. */
        size_t i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot)
                i++;
            while (pivot < a[j])
                j--;
            if (i >= j)
                break;
            uint32_t t = a[i];
            a[i] = a[j];
            a[j] = t;
            i++;
            j--;
        }
        /* a[0, j] <= pivot <= a[j + 1, n): the shorter part sorted by a
         * call, the longer one by the loop. */
        size_t left = j + 1;
        if (left < n - left) {
            precis_sort_u32(a, left);
            a += left;
            n -= left;
        } else {
            precis_sort_u32(a + left, n - left);
            n = left;
        }
    }
    precis_insertion_sort_u32(a, n);
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
