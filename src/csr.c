/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csr.c - allocating sparse matrices without GSL's allocator.
 */
#include "csr.h"

#include <limits.h>
#include <stdlib.h>

precis_status precis_csr_adopt(size_t n, int *i, double *data, size_t room, gsl_spmatrix **out)
{
    *out = NULL;
    if (n == 0 || n > (size_t)INT_MAX - 1 || room > (size_t)INT_MAX)
        return PRECIS_ERR_TOO_LARGE;
    gsl_spmatrix *m = calloc(1, sizeof *m);
    int *p = malloc((n + 1) * sizeof *p);
    if (m == NULL || p == NULL) {
        free(m);
        free(p);
        return PRECIS_ERR_NOMEM;
    }
    /* What gsl_spmatrix_alloc_nzmax sets for CSR, without the workspace
     * and tree that only GSL's own routines use. */
    m->size1 = n;
    m->size2 = n;
    m->p = p;
    m->i = i;
    m->data = data;
    m->nzmax = room;
    m->nz = 0;
    m->sptype = GSL_SPMATRIX_CSR;
    *out = m;
    return PRECIS_OK;
}

precis_status precis_csr_new(size_t n, size_t nnz, gsl_spmatrix **out)
{
    *out = NULL;
    if (n == 0 || n > (size_t)INT_MAX - 1 || nnz > (size_t)INT_MAX)
        return PRECIS_ERR_TOO_LARGE;
    size_t room = nnz > 0 ? nnz : 1;
    int *i = malloc(room * sizeof *i);
    double *data = malloc(room * sizeof *data);
    precis_status st = i != NULL && data != NULL ? precis_csr_adopt(n, i, data, room, out)
                                                 : PRECIS_ERR_NOMEM;
    if (st != PRECIS_OK) {
        free(i);
        free(data);
    }
    return st;
}

void precis_csr_free(gsl_spmatrix *m)
{
    if (m == NULL)
        return;
    free(m->p);
    free(m->i);
    free(m->data);
    free(m);
}
