/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csr.h - square sparse matrices in compressed row form, as GSL's sparse
 * BLAS reads them, allocated and built by precis itself.
 *
 * GSL reports a failed allocation through its error handler, which aborts
 * the process by default, and that handler is the host program's global
 * setting: a library must neither reach it nor change it. So the matrix's
 * arrays are allocated here with malloc, a failure is a status like any
 * other, and the library calls no GSL routine on the result (rank.c
 * multiplies by it in a loop of its own).
 */
#ifndef PRECIS_CSR_H
#define PRECIS_CSR_H

#include <stddef.h>
#include <stdint.h>

/* gsl_spmatrix.h uses size_t without including stddef.h. */
#include <gsl/gsl_spmatrix.h>

#include "precis.h"

/* Allocates an n x n CSR matrix with room for nnz entries, empty (nz 0).
 * GSL indexes with int: larger sizes give PRECIS_ERR_TOO_LARGE. Release
 * with precis_csr_free, never with gsl_spmatrix_free. */
precis_status precis_csr_new(size_t n, size_t nnz, gsl_spmatrix **out);

/* An n x n CSR matrix, empty, over the arrays i and data (room >= 1
 * entries each, from malloc): it takes them on success (precis_csr_free
 * frees them) and leaves them to the caller on failure. */
precis_status precis_csr_adopt(size_t n, int *i, double *data, size_t room, gsl_spmatrix **out);
void precis_csr_free(gsl_spmatrix *m);

/* Fills a matrix row by row: precis_csr_row opens each row in order, and
 * precis_csr_put appends an entry to it (columns in increasing order, at
 * most the room allocated); precis_csr_end closes the last row. */
typedef struct precis_csr_builder {
    gsl_spmatrix *m;
    size_t at;
} precis_csr_builder;

static inline void precis_csr_row(precis_csr_builder *b, size_t row)
{
    b->m->p[row] = (int)b->at;
}

static inline void precis_csr_put(precis_csr_builder *b, size_t column, double weight)
{
    b->m->i[b->at] = (int)column;
    b->m->data[b->at++] = weight;
}

static inline void precis_csr_end(precis_csr_builder *b)
{
    b->m->p[b->m->size1] = (int)b->at;
    b->m->nz = b->at;
}

#endif
