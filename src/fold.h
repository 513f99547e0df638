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

#endif
