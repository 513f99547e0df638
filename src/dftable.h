/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dftable.h - a document-frequency table: terms and, for each, in how
 * many documents it occurs. The data structure under corpus idf tables
 * (idf.c) that term weighting (tfidf.c) reads.
 */
#ifndef PRECIS_DFTABLE_H
#define PRECIS_DFTABLE_H

#include <stddef.h>
#include <stdint.h>

#include "precis.h"
#include "strtab.h"

typedef struct precis_dftable {
    precis_strtab terms;
    uint64_t *df; /* per term id */
    size_t df_cap;
} precis_dftable;

/* Zero-initialise; precis_dftable_free releases the memory. */
void precis_dftable_free(precis_dftable *t);

/* The id of term[0, len), added with a count of 0 when it is new. */
precis_status precis_dftable_intern(precis_dftable *t, const char *term, size_t len,
                                    uint32_t *id);

/* The count of term[0, len), 0 when it is unknown. */
uint64_t precis_dftable_df(const precis_dftable *t, const char *term, size_t len);

/* Adds to a count without wrapping around. */
static inline uint64_t precis_count_add(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

#endif
