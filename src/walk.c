/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * walk.c - candidate-only, thresholded or directed walks on the graph.
 */
#include "walk.h"

#include <limits.h>
#include <string.h>

#include "csr.h"
#include "util.h"

void precis_walk_free(precis_walk *w)
{
    if (w == NULL)
        return;
    precis_csr_free(w->owned);
    memset(w, 0, sizeof *w);
}

static int keep_edge(const precis_walk_shape *shape, const unsigned char *candidate, size_t j,
                     double similarity)
{
    return candidate[j] && similarity > shape->threshold;
}

precis_status precis_walk_build(precis_walk *w, const gsl_spmatrix *graph, size_t n,
                                const unsigned char *candidate, const precis_walk_shape *shape)
{
    precis_csr_free(w->owned);
    *w = (precis_walk){0};
    if (n == 0)
        return PRECIS_OK;
    if (graph == NULL || graph->size1 != n || graph->size2 != n ||
        graph->sptype != GSL_SPMATRIX_CSR)
        return PRECIS_ERR_ARGUMENT;
    if (n > (size_t)INT_MAX - 1)
        return PRECIS_ERR_TOO_LARGE;
    if (!shape->self_loops) {
        *w = (precis_walk){
            .matrix = graph, .candidate = candidate, .shape = *shape, .symmetric = 1};
        return PRECIS_OK;
    }
    size_t nnz = 0;
    for (size_t i = 0; i < n; i++) {
        if (!candidate[i])
            continue;
        for (int k = graph->p[i]; k < graph->p[i + 1]; k++)
            nnz += (size_t)keep_edge(shape, candidate, (size_t)graph->i[k], graph->data[k]);
        nnz += (size_t)(shape->self_loops != 0);
    }
    gsl_spmatrix *m;
    precis_status st = precis_csr_new(n, nnz, &m);
    if (st != PRECIS_OK)
        return st;
    precis_csr_builder b = {m, 0};
    for (size_t i = 0; i < n; i++) {
        precis_csr_row(&b, i);
        if (!candidate[i])
            continue;
        int looped = !shape->self_loops;
        for (int k = graph->p[i]; k < graph->p[i + 1]; k++) {
            size_t j = (size_t)graph->i[k];
            if (!looped && j > i) {
                precis_csr_put(&b, i, 1.0);
                looped = 1;
            }
            if (!keep_edge(shape, candidate, j, graph->data[k]))
                continue;
            double weight = shape->binary ? 1.0 : graph->data[k];
            precis_csr_put(&b, j, j > i ? weight * shape->forward : weight);
        }
        if (!looped)
            precis_csr_put(&b, i, 1.0);
    }
    precis_csr_end(&b);
    w->owned = m;
    w->matrix = m;
    return PRECIS_OK;
}
