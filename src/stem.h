/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stem.h - a language's Snowball stemmers (libstemmer). Every word can be
 * stemmed by the UTF-8 stemmer; a word of ASCII letters alone goes to the
 * language's ISO-8859-1 stemmer where libstemmer has one: the same Snowball
 * program, compiled for single-byte characters, gives the same stem for
 * ASCII in about two thirds of the instructions (half for French), because
 * it does not decode UTF-8 at each step. test_tokenize pins the two to the
 * same stems.
 */
#ifndef PRECIS_STEM_H
#define PRECIS_STEM_H

#include <stddef.h>

#include "precis.h"

struct sb_stemmer;

typedef struct precis_stemmer {
    struct sb_stemmer *utf8;   /* NULL before precis_stemmer_open */
    struct sb_stemmer *latin1; /* NULL where the algorithm has no ISO-8859-1 form */
} precis_stemmer;

/* Opens the stemmers of the libstemmer algorithm into s (zeroed before).
 * PRECIS_ERR_NOMEM when the UTF-8 stemmer cannot be made; the ISO-8859-1
 * one is optional. Release with precis_stemmer_close. */
precis_status precis_stemmer_open(precis_stemmer *s, const char *algorithm);

void precis_stemmer_close(precis_stemmer *s);

/* Stems the folded word[0, len) (valid UTF-8). *stem points into memory
 * of s, valid until its next use; *stem_len is its length. */
precis_status precis_stem(const precis_stemmer *s, const char *word, size_t len,
                          const char **stem, size_t *stem_len);

/* precis_stem through the UTF-8 stemmer alone: the definition that the
 * ISO-8859-1 path must match, for tests. */
precis_status precis_stem_utf8(const precis_stemmer *s, const char *word, size_t len,
                               const char **stem, size_t *stem_len);

#endif
