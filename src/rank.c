/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rank.c - power iteration for the PageRank vector of the sentence graph.
 */
#include "rank.h"

#include <math.h>
#include <string.h>

#include "util.h"

void precis_ranker_free(precis_ranker *r)
{
    if (r == NULL)
        return;
    free(r->x);
    free(r->y);
    free(r->z);
    free(r->degree);
    free(r->column_start);
    free(r->row);
    free(r->weight);
    memset(r, 0, sizeof *r);
}

/* y = damping * W^T z, W the walk's weights, for a walk too large to
 * transpose: row by row, each entry adding
 * damping * weight * z[row] to y at its column, as gsl_spblas_dgemv does
 * (the same sums in the same order, so the same bits). Adding a zero
 * changes no sum here (weights and z are not negative), so a row whose z
 * is 0 (no degree, as every row of a sentence the walk leaves out) is
 * skipped, and so is an entry that weighs 0. */
static void scatter_step(const precis_walk *walk, size_t n, double damping, const double *z,
                      double *y)
{
    /* A copy that stores to y cannot alias: the shape stays in registers. */
    const precis_walk local = *walk;
    const gsl_spmatrix *w = local.matrix;
    const int *col = w->i;
    const double *data = w->data;
    for (size_t j = 0; j < n; j++)
        y[j] = 0.0;
    if (local.candidate == NULL || (local.shape.threshold <= 0.0 && !local.shape.binary)) {
        /* The graph's weights, a vote for a later sentence scaled: rows
         * are sorted, so the earlier ones (and a self-loop) come first.
         * The votes for sentences the walk leaves out are cleared after
         * (they weigh 0 in the walk, and their sums stay 0). */
        double forward = local.candidate != NULL ? local.shape.forward : 1.0;
        for (size_t i = 0; i < n; i++) {
            double zi = z[i];
            if (zi == 0.0)
                continue;
            size_t k = (size_t)w->p[i], end = (size_t)w->p[i + 1];
            for (; k < end && (size_t)col[k] <= i; k++)
                y[col[k]] += damping * data[k] * zi;
            if (forward == 1.0) {
                for (; k < end; k++)
                    y[col[k]] += damping * data[k] * zi;
            } else {
                for (; k < end; k++)
                    y[col[k]] += damping * (data[k] * forward) * zi;
            }
        }
        if (local.candidate != NULL)
            for (size_t j = 0; j < n; j++)
                if (!local.candidate[j])
                    y[j] = 0.0;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        double zi = z[i];
        if (zi == 0.0)
            continue;
        for (size_t k = (size_t)w->p[i]; k < (size_t)w->p[i + 1]; k++)
            y[col[k]] += damping * precis_walk_weight(&local, i, k) * zi;
    }
}

/* The rows' weighted out-degrees. */
static void row_degrees(precis_ranker *r, const precis_walk *walk, size_t n)
{
    const gsl_spmatrix *w = walk->matrix;
    for (size_t i = 0; i < n; i++) {
        double sum = 0.0;
        for (size_t k = (size_t)w->p[i]; k < (size_t)w->p[i + 1]; k++)
            sum += precis_walk_weight(walk, i, k);
        r->degree[i] = sum;
    }
}

/* The walk's weights times damping, column by column: the entries of
 * column j are column_start[j] to column_start[j + 1], their rows
 * ascending, so that a step is a gather that adds the same products in
 * the same order as the row-by-row scatter (the same bits) while each sum
 * stays in a register. An entry that weighs 0 is left out: adding a zero
 * changes no sum here (weights and z are not negative). */
static precis_status transpose_walk(precis_ranker *r, const precis_walk *walk, size_t n,
                                    double damping)
{
    const gsl_spmatrix *w = walk->matrix;
    const int *col = w->i;
    size_t edges = (size_t)w->p[n];
    if (PRECIS_RESERVE(r->column_start, r->cap_column_start, n + 1) != PRECIS_OK ||
        PRECIS_RESERVE(r->row, r->cap_row, edges) != PRECIS_OK ||
        PRECIS_RESERVE(r->weight, r->cap_weight, edges) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    size_t *start = r->column_start;
    memset(start, 0, (n + 1) * sizeof *start);
    for (size_t i = 0; i < n; i++)
        for (size_t k = (size_t)w->p[i]; k < (size_t)w->p[i + 1]; k++)
            start[(size_t)col[k] + 1] += precis_walk_weight(walk, i, k) != 0.0;
    for (size_t j = 0; j < n; j++)
        start[j + 1] += start[j];
    /* Rows in ascending order fill each column in ascending row order;
     * start[j] moves up to start[j + 1] on the way and is put back after. */
    for (size_t i = 0; i < n; i++)
        for (size_t k = (size_t)w->p[i]; k < (size_t)w->p[i + 1]; k++) {
            double weight = precis_walk_weight(walk, i, k);
            if (weight == 0.0)
                continue;
            size_t at = start[col[k]]++;
            r->row[at] = (uint32_t)i;
            r->weight[at] = damping * weight;
        }
    for (size_t j = n; j > 0; j--)
        start[j] = start[j - 1];
    start[0] = 0;
    return PRECIS_OK;
}

/* y = damping * W^T z, from the transposed weights. */
static void gather_step(const precis_ranker *r, size_t n, const double *z, double *y)
{
    const size_t *start = r->column_start;
    const uint32_t *row = r->row;
    const double *weight = r->weight;
    for (size_t j = 0; j < n; j++) {
        double sum = 0.0;
        for (size_t k = start[j]; k < start[j + 1]; k++)
            sum += weight[k] * z[row[k]];
        y[j] = sum;
    }
}

precis_status precis_rank(precis_ranker *r, const gsl_spmatrix *w, size_t n, double damping,
                          const double *teleport, size_t max_iterations, double *scores)
{
    precis_walk walk = precis_walk_plain(w);
    return precis_rank_walk(r, &walk, n, damping, teleport, max_iterations, scores);
}

precis_status precis_rank_walk(precis_ranker *r, const precis_walk *walk, size_t n,
                               double damping, const double *teleport, size_t max_iterations,
                               double *scores)
{
    r->iterations = 0;
    const gsl_spmatrix *w = walk->matrix;
    if (n == 0)
        return PRECIS_OK;
    if (w == NULL || w->size1 != n || w->size2 != n || !(damping >= 0.0 && damping <= 1.0) ||
        w->sptype != GSL_SPMATRIX_CSR || n > UINT32_MAX)
        return PRECIS_ERR_ARGUMENT;
    if (PRECIS_RESERVE(r->x, r->cap_x, n) != PRECIS_OK ||
        PRECIS_RESERVE(r->y, r->cap_y, n) != PRECIS_OK ||
        PRECIS_RESERVE(r->z, r->cap_z, n) != PRECIS_OK ||
        PRECIS_RESERVE(r->degree, r->cap_degree, n) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    row_degrees(r, walk, n);
    /* The transposed copy costs 12 bytes an edge: a long document's walk
     * scatters on the graph's own edges instead. */
    int gather = (size_t)w->p[n] <= PRECIS_RANK_GATHER_MAX_EDGES;
    precis_status status;
    if (gather && (status = transpose_walk(r, walk, n, damping)) != PRECIS_OK)
        return status;
    const double uniform = 1.0 / (double)n;
    for (size_t i = 0; i < n; i++)
        r->x[i] = teleport != NULL ? teleport[i] : uniform;

    status = PRECIS_ERR_NO_CONVERGENCE;
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
        if (gather)
            gather_step(r, n, r->z, r->y);
        else
            scatter_step(walk, n, damping, r->z, r->y);
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
