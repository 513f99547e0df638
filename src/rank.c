/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rank.c - power iteration for the PageRank vector of the sentence graph.
 */
#include "rank.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_spblas.h>
#include <gsl/gsl_vector.h>

#include "util.h"

void precis_ranker_free(precis_ranker *r)
{
    if (r == NULL)
        return;
    free(r->x);
    free(r->y);
    free(r->z);
    free(r->degree);
    memset(r, 0, sizeof *r);
}

precis_status precis_rank(precis_ranker *r, const gsl_spmatrix *w, size_t n, double damping,
                          const double *teleport, size_t max_iterations, double *scores)
{
    r->iterations = 0;
    if (n == 0)
        return PRECIS_OK;
    if (w == NULL || w->size1 != n || w->size2 != n || !(damping >= 0.0 && damping <= 1.0) ||
        w->sptype != GSL_SPMATRIX_CSR)
        return PRECIS_ERR_ARGUMENT;
    if (PRECIS_RESERVE(r->x, r->cap_x, n) != PRECIS_OK ||
        PRECIS_RESERVE(r->y, r->cap_y, n) != PRECIS_OK ||
        PRECIS_RESERVE(r->z, r->cap_z, n) != PRECIS_OK ||
        PRECIS_RESERVE(r->degree, r->cap_degree, n) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;

    const double uniform = 1.0 / (double)n;
    for (size_t i = 0; i < n; i++) {
        double sum = 0.0;
        for (int k = w->p[i]; k < w->p[i + 1]; k++)
            sum += w->data[k];
        r->degree[i] = sum;
        r->x[i] = teleport != NULL ? teleport[i] : uniform;
    }

    /* The only GSL calls of the library, none of which can reach GSL's
     * error handler (which aborts by default, and belongs to the host):
     * gsl_vector_view_array reports only n == 0, excluded above, and
     * allocates nothing; gsl_spblas_dgemv reports only vectors whose
     * length differs from the matrix's (both are n, and the matrix is
     * n x n) and a matrix type other than those it multiplies (it is CSR,
     * checked above), and allocates nothing. The matrices come from
     * csr.c, never from GSL's allocator. tests/memory_limits.c runs the
     * library under GSL's own handler and tight memory limits. */
    gsl_vector_view zv = gsl_vector_view_array(r->z, n);
    gsl_vector_view yv = gsl_vector_view_array(r->y, n);
    precis_status status = PRECIS_ERR_NO_CONVERGENCE;
    while (r->iterations < max_iterations) {
        r->iterations++;
        double dangling = 0.0;
        for (size_t i = 0; i < n; i++) {
            if (r->degree[i] > 0.0) {
                r->z[i] = r->x[i] / r->degree[i];
            } else {
                r->z[i] = 0.0;
                dangling += r->x[i];
            }
        }
        /* y = damping * W^T D^-1 x: the walk along the edges, without
         * building the row-normalized matrix. */
        if (gsl_spblas_dgemv(CblasTrans, damping, w, &zv.vector, 0.0, &yv.vector) != 0)
            return PRECIS_ERR_ARGUMENT;
        /* Mass that would jump, and mass stuck on a sentence without
         * edges, both go where the teleport distribution says, so that a
         * sentence it leaves out never gains any. */
        double jump = 1.0 - damping + damping * dangling;
        double change = 0.0;
        for (size_t i = 0; i < n; i++) {
            r->y[i] += jump * (teleport != NULL ? teleport[i] : uniform);
            change += fabs(r->y[i] - r->x[i]);
        }
        double *swap = r->x;
        r->x = r->y;
        r->y = swap;
        size_t cap = r->cap_x;
        r->cap_x = r->cap_y;
        r->cap_y = cap;
        yv = gsl_vector_view_array(r->y, n);
        if (change < PRECIS_RANK_TOLERANCE) {
            status = PRECIS_OK;
            break;
        }
    }
    double total = 0.0;
    for (size_t i = 0; i < n; i++)
        total += r->x[i];
    for (size_t i = 0; i < n; i++)
        scores[i] = total > 0.0 ? r->x[i] / total : uniform;
    return status;
}
