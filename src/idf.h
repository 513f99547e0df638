/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * idf.h - the corpus document-frequency table behind precis_idf: a
 * document count and a precis_dftable.
 */
#ifndef PRECIS_IDF_H
#define PRECIS_IDF_H

#include <stddef.h>
#include <stdint.h>

#include "dftable.h"
#include "precis.h"

struct precis_idf {
    uint64_t documents;
    precis_dftable table;
    uint64_t *seen;    /* per term: the document being added that last held it, + 1 */
    size_t seen_len, seen_cap;
    uint32_t *added;   /* scratch of precis_idf_add: the terms of the document */
    size_t added_cap;
};

#endif
