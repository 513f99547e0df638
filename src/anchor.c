/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * anchor.c - the anchors of a few phrases, looked for a window at a time.
 */
#include "anchor.h"

#include <string.h>

static unsigned char lower_ascii(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Whether the phrase byte c is one that a text byte matches only as
 * itself or, for a letter, its capital. */
static int is_anchor_byte(unsigned char c)
{
    return c > ' ' && c < 0x7F && c != '\'' && c != '`' && !(c >= 'A' && c <= 'Z');
}

/* The slot of the pair of bytes that starts at s. */
static size_t pair_slot(const char *s)
{
    uint32_t pair = (uint32_t)(unsigned char)s[0] | (uint32_t)(unsigned char)s[1] << 8;
    return (pair * 0x9E3779B1u) >> 20;
}

/* Lowers the skip of the pair (first, second) to skip, in every case its
 * letters may be written in. */
static void allow_pair(precis_anchors *a, unsigned char first, unsigned char second,
                       unsigned char skip)
{
    unsigned char firsts[2] = {first, first}, seconds[2] = {second, second};
    if (first >= 'a' && first <= 'z')
        firsts[1] = (unsigned char)(first - 'a' + 'A');
    if (second >= 'a' && second <= 'z')
        seconds[1] = (unsigned char)(second - 'a' + 'A');
    for (size_t x = 0; x < 2; x++)
        for (size_t y = 0; y < 2; y++) {
            char pair[2] = {(char)firsts[x], (char)seconds[y]};
            size_t slot = pair_slot(pair);
            if (skip < a->skip[slot])
                a->skip[slot] = skip;
        }
}

void precis_anchors_start(precis_anchors *a)
{
    a->count = 0;
    a->window = PRECIS_ANCHOR_WINDOW;
    a->overflow = 0;
}

/* The anchor of p[0, len): the longest run of anchor bytes, the first of
 * them; *best_len 0 when there is none. */
static size_t anchor_of(const char *p, size_t len, size_t *best_len)
{
    size_t best = 0;
    *best_len = 0;
    for (size_t i = 0; i < len;) {
        if (!is_anchor_byte((unsigned char)p[i])) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < len && is_anchor_byte((unsigned char)p[i]))
            i++;
        if (i - start > *best_len)
            best = start, *best_len = i - start;
    }
    return best;
}

int precis_anchors_cover(const precis_anchors *a, const char *p, size_t len)
{
    if (a->window == 0)
        return 1;
    size_t best_len, best = anchor_of(p, len, &best_len);
    if (best_len < a->window)
        return 0;
    uint64_t prefix = 0;
    for (size_t k = 0; k < a->window; k++)
        prefix |= (uint64_t)(unsigned char)p[best + k] << 8 * k;
    for (size_t k = 0; k < a->count; k++)
        if (a->prefix[k] == prefix)
            return 1;
    return 0;
}

size_t precis_anchors_offset(const char *p, size_t len)
{
    size_t best_len;
    return anchor_of(p, len, &best_len);
}

int precis_anchors_add(precis_anchors *a, const char *p, size_t len)
{
    size_t best_len, best = anchor_of(p, len, &best_len);
    if (best_len == 0)
        return 0;
    if (a->count == PRECIS_ANCHOR_MAX) {
        a->overflow = 1;
        return 1;
    }
    size_t n = best_len < PRECIS_ANCHOR_WINDOW ? best_len : PRECIS_ANCHOR_WINDOW;
    uint64_t prefix = 0;
    for (size_t k = 0; k < n; k++)
        prefix |= (uint64_t)(unsigned char)p[best + k] << 8 * k;
    a->prefix[a->count] = prefix;
    a->count++;
    if (n < a->window)
        a->window = n;
    return 1;
}

void precis_anchors_finish(precis_anchors *a)
{
    if (a->overflow || a->window < PRECIS_ANCHOR_MIN_WINDOW) {
        a->window = 0;
        return;
    }
    size_t m = a->window;
    memset(a->skip, (int)(m - 1), sizeof a->skip);
    for (size_t k = 0; k < a->count; k++) {
        uint64_t mask = m == 8 ? ~0ULL : (1ULL << 8 * m) - 1;
        a->prefix[k] &= mask;
        for (size_t j = 0; j + 1 < m; j++) {
            allow_pair(a, (unsigned char)(a->prefix[k] >> 8 * j),
                       (unsigned char)(a->prefix[k] >> 8 * (j + 1)), (unsigned char)(m - 2 - j));
        }
    }
}

/* Whether an anchor's window is s[at, at + window), letters in either
 * case. */
static int window_is_anchor(const precis_anchors *a, const char *s, size_t at)
{
    uint64_t v = 0;
    for (size_t k = 0; k < a->window; k++)
        v |= (uint64_t)lower_ascii((unsigned char)s[at + k]) << 8 * k;
    for (size_t k = 0; k < a->count; k++)
        if (a->prefix[k] == v)
            return 1;
    return 0;
}

size_t precis_anchors_find(const precis_anchors *a, const char *s, size_t len)
{
    size_t m = a->window;
    /* end: the last byte of the window. Wherever an anchor's window
     * starts, no skip passes its last byte: a pair inside it tells how
     * far that is at most, and any other pair allows m - 1. */
    for (size_t end = m - 1; end < len;) {
        unsigned char skip = a->skip[pair_slot(s + end - 1)];
        if (skip != 0) {
            end += skip;
            continue;
        }
        if (window_is_anchor(a, s, end + 1 - m))
            return end + 1 - m;
        end++;
    }
    return len;
}

int precis_anchors_may_hold(const precis_anchors *a, const char *s, size_t len)
{
    if (a->window == 0)
        return 1;
    if (a->count == 0)
        return 0;
    return precis_anchors_find(a, s, len) < len;
}
