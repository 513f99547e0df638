/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * heap.h - ranked items and the one binary heap over them.
 *
 * Items are ordered by score, higher first, ties by index, lower first: a
 * total order, so whatever order items come in, the same ones come out.
 * A heap keeps the item that ranks first at its root (to take items best
 * first) or the one that ranks last (to keep the best k of a stream).
 */
#ifndef PRECIS_HEAP_H
#define PRECIS_HEAP_H

#include <stddef.h>

/* A sentence (or any item) and its score. */
typedef struct precis_ranked {
    double score;
    size_t index;
} precis_ranked;

/* Whether x ranks before y: a higher score, or the same and an earlier
 * index. */
static inline int precis_ranked_before(const precis_ranked *x, const precis_ranked *y)
{
    if (x->score != y->score)
        return x->score > y->score;
    return x->index < y->index;
}

/* Which item a heap keeps at its root. */
enum { PRECIS_HEAP_BEST_FIRST = 0, PRECIS_HEAP_WORST_FIRST = 1 };

/* Restores the heap order of h[0, n) below position at. */
static inline void precis_heap_sift_down(precis_ranked *h, size_t n, size_t at, int root)
{
    for (;;) {
        size_t top = at, left = 2 * at + 1, right = left + 1;
        if (left < n && precis_ranked_before(&h[left], &h[top]) != root)
            top = left;
        if (right < n && precis_ranked_before(&h[right], &h[top]) != root)
            top = right;
        if (top == at)
            return;
        precis_ranked swap = h[at];
        h[at] = h[top];
        h[top] = swap;
        at = top;
    }
}

/* Puts h[0, n) in heap order. */
static inline void precis_heap_make(precis_ranked *h, size_t n, int root)
{
    for (size_t at = n / 2; at-- > 0;)
        precis_heap_sift_down(h, n, at, root);
}

/* Adds item to the heap h[0, *n) (which has room for it). */
static inline void precis_heap_push(precis_ranked *h, size_t *n, precis_ranked item, int root)
{
    size_t at = (*n)++;
    while (at > 0) {
        size_t parent = (at - 1) / 2;
        if (precis_ranked_before(&item, &h[parent]) == root)
            break;
        h[at] = h[parent];
        at = parent;
    }
    h[at] = item;
}

/* Removes the root of the heap h[0, *n) (*n > 0) and returns it. */
static inline precis_ranked precis_heap_pop(precis_ranked *h, size_t *n, int root)
{
    precis_ranked top = h[0];
    h[0] = h[--*n];
    precis_heap_sift_down(h, *n, 0, root);
    return top;
}

/* Moves the k items of c[0, m) (m > k) that rank first to c[0, k), in no
 * particular order: a heap whose root is the last kept so far, so that an
 * item that ranks after it costs one comparison and this is close to
 * linear in m. */
static inline void precis_keep_best(precis_ranked *c, size_t m, size_t k)
{
    precis_heap_make(c, k, PRECIS_HEAP_WORST_FIRST);
    for (size_t x = k; x < m; x++) {
        if (precis_ranked_before(&c[x], &c[0])) {
            c[0] = c[x];
            precis_heap_sift_down(c, k, 0, PRECIS_HEAP_WORST_FIRST);
        }
    }
}

/* precis_ranked_before without a branch: the same answer, as a
 * partition wants it, whose comparisons come out either way at random. */
static inline int precis_ranked_before_flat(const precis_ranked *x, const precis_ranked *y)
{
    return (x->score > y->score) | ((x->score == y->score) & (x->index < y->index));
}

/* Moves the k items of c[0, m) (0 < k < m) that rank first to c[0, k), in
 * no particular order, and returns the last of them: a quickselect (the
 * median of three as pivot, Lomuto's partition with a swap for every
 * item and no branch on the comparison), linear in m on average where
 * precis_keep_best makes a heap replacement, with its mispredicted
 * branches, for every item that beats those kept so far (many, when the
 * items come weakest first). Partitions past `rounds` (2 log2 m + 8
 * in precis_select_best: a pathological input) leave the rest to
 * precis_keep_best, which bounds the work at O(m log k). */
static inline precis_ranked precis_select_within(precis_ranked *c, size_t m, size_t k,
                                                 size_t rounds)
{
    size_t lo = 0, hi = m - 1, want = k - 1;
    while (hi - lo >= 8) {
        if (rounds-- == 0) {
            precis_keep_best(c, m, k);
            return c[0];
        }
        size_t mid = lo + (hi - lo) / 2;
        precis_ranked swap;
        if (precis_ranked_before(&c[mid], &c[lo])) {
            swap = c[mid], c[mid] = c[lo], c[lo] = swap;
        }
        if (precis_ranked_before(&c[hi], &c[mid])) {
            swap = c[hi], c[hi] = c[mid], c[mid] = swap;
            if (precis_ranked_before(&c[mid], &c[lo])) {
                swap = c[mid], c[mid] = c[lo], c[lo] = swap;
            }
        }
        /* The median to c[hi] as pivot: c[lo] ranks before it and the
         * largest of the three, now at mid, after it, so the pivot lands
         * inside (lo, hi). */
        swap = c[mid], c[mid] = c[hi], c[hi] = swap;
        precis_ranked pivot = c[hi];
        size_t store = lo;
        for (size_t x = lo; x < hi; x++) {
            precis_ranked item = c[x];
            int before = precis_ranked_before_flat(&item, &pivot);
            c[x] = c[store];
            c[store] = item;
            store += (size_t)before;
        }
        c[hi] = c[store];
        c[store] = pivot;
        if (want == store)
            return c[want];
        if (want < store)
            hi = store - 1;
        else
            lo = store + 1;
    }
    for (size_t x = lo + 1; x <= hi; x++) {
        precis_ranked item = c[x];
        size_t y = x;
        for (; y > lo && precis_ranked_before(&item, &c[y - 1]); y--)
            c[y] = c[y - 1];
        c[y] = item;
    }
    return c[want];
}

static inline precis_ranked precis_select_best(precis_ranked *c, size_t m, size_t k)
{
    size_t rounds = 8;
    for (size_t x = m; x > 1; x >>= 1)
        rounds += 2;
    return precis_select_within(c, m, k, rounds);
}

#endif
