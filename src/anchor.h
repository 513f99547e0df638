/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * anchor.h - a quick proof that a sentence holds none of a few phrases.
 *
 * The phrases that mark a whole sentence wherever they stand ("all rights
 * reserved", "contributed to this report") are in few sentences, but
 * looking for them at every word start reads every byte of every one.
 * Each phrase has an anchor instead: the longest run of its bytes that are
 * ASCII and match only themselves and their capitals (no white space,
 * apostrophe or grave accent: the checks read those loosely), which
 * wherever the phrase is found is in the text too, its ASCII letters in
 * either case. The filter looks for the first `window` bytes of every
 * anchor at once, skipping ahead as far as the last two bytes it reads
 * allow (the Wu-Manber scheme), so that it reads a few bytes in every
 * window's length. It answers "no anchor here" or "maybe": a caller runs
 * its exact check only on a maybe.
 *
 * A phrase without such a run (one written in another script) cannot be
 * found in ASCII text, and adds no anchor: the filter then only speaks
 * for ASCII text.
 */
#ifndef PRECIS_ANCHOR_H
#define PRECIS_ANCHOR_H

#include <stddef.h>
#include <stdint.h>

/* At most this many anchors; a filter given more is off (always maybe). */
#define PRECIS_ANCHOR_MAX 32
/* The window: the first bytes of each anchor looked for, at most 8 (one
 * load), at least PRECIS_ANCHOR_MIN_WINDOW (below it the skips are too
 * short to gain anything, and the filter is off). */
#define PRECIS_ANCHOR_WINDOW 8
#define PRECIS_ANCHOR_MIN_WINDOW 4
/* The skip table: one byte per pair of bytes, hashed to 12 bits. */
#define PRECIS_ANCHOR_SLOTS 4096

/* A filter; fill with precis_anchors_start, precis_anchors_add for each
 * phrase and precis_anchors_finish. Holds no pointer: copy or drop it. */
typedef struct precis_anchors {
    uint64_t prefix[PRECIS_ANCHOR_MAX]; /* each anchor's first `window` bytes, low byte first */
    size_t count;
    size_t window; /* 0: off */
    int overflow;  /* more than PRECIS_ANCHOR_MAX anchors were added */
    /* Per hashed pair of bytes: how far the window may move when they are
     * its last two. */
    unsigned char skip[PRECIS_ANCHOR_SLOTS];
} precis_anchors;

void precis_anchors_start(precis_anchors *a);

/* Adds the anchor of the phrase p[0, len) (folded: lower case). Returns 1
 * if it has one, 0 if it has none (then ASCII text never holds it). */
int precis_anchors_add(precis_anchors *a, const char *p, size_t len);

/* Whether the filter a (finished) says maybe of every text that holds
 * the phrase p[0, len) (folded) the way the checks find it: a is off, or
 * the phrase's anchor is among a's. */
int precis_anchors_cover(const precis_anchors *a, const char *p, size_t len);

/* Where the anchor of the phrase p[0, len) (folded) starts in it, 0 when
 * it has none: a text that holds the phrase at `at` the way the checks
 * find it holds the anchor's window at `at` plus this. */
size_t precis_anchors_offset(const char *p, size_t len);

/* Makes the skip table of the anchors added. */
void precis_anchors_finish(precis_anchors *a);

/* 0 when no anchor is in s[0, len) with its ASCII letters in either case
 * (then no phrase added is, in ASCII text), 1 when one may be. */
int precis_anchors_may_hold(const precis_anchors *a, const char *s, size_t len);

/* Where the first anchor's window in s[0, len) starts, its ASCII letters
 * in either case, len when none is there. Only for a filter that is on
 * (window not 0). */
size_t precis_anchors_find(const precis_anchors *a, const char *s, size_t len);

#endif
