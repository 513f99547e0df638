/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fold.h - the canonical form of a word: NFKC normalization plus full case
 * folding (and default-ignorable characters such as soft hyphens removed),
 * the form in which stopwords are listed and terms are counted.
 */
#ifndef PRECIS_FOLD_H
#define PRECIS_FOLD_H

#include <stddef.h>
#include <stdint.h>

#include "precis.h"

/* Scratch memory for folding; zero-initialise, release with
 * precis_folder_free. */
typedef struct precis_folder {
    int32_t *cps;
    size_t cps_cap;
    char *bytes;
    size_t bytes_cap;
} precis_folder;

void precis_folder_free(precis_folder *f);

/* Folds word[0, len). On success *out points at the folded UTF-8 bytes
 * (NUL-terminated, owned by f and valid until its next use) and *out_len
 * holds their length. Bytes that are not valid UTF-8 fold to U+FFFD. */
precis_status precis_fold(precis_folder *f, const char *word, size_t len, const char **out,
                          size_t *out_len);

/* Whether the code point cp, folded alone (precis_fold of its bytes),
 * gives one code point or more and none of them ASCII. In the fold of a
 * text such a code point then adds no ASCII and leaves a code point past
 * ASCII where it stood: in a text it may compose with what comes before
 * it, which takes that out of ASCII too (no composition has an ASCII
 * second code point), and when its fold decomposes it into an ASCII
 * letter and marks, in a text those marks or others still compose with
 * the letter (one of lower combining class may come between, which does
 * not block them). f is scratch, as for precis_fold; 0 when out of
 * memory. precis_fold_nonascii_other: the same, past U+00FF or below U+00C0. */
int precis_fold_nonascii_other(precis_folder *f, int32_t cp);
static inline int precis_fold_nonascii(precis_folder *f, int32_t cp)
{
    /* The Latin-1 letters that fold.c folds without utf8proc, each its own
     * fold in small letters, and the two signs among them, which fold to
     * themselves; not the sharp s, which folds to "ss". */
    if (cp >= 0xC0 && cp <= 0xFF)
        return cp != 0xDF;
    return precis_fold_nonascii_other(f, cp);
}

#endif
