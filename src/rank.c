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
    free(r->divisor);
    free(r->dangling);
    free(r->group_start);
    free(r->lane_column);
    free(r->column_next);
    free(r->by_length);
    free(r->entry);
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
/* scatter_step's plain walk on a matrix symmetric to the bit, from its
 * lower triangle alone: entry (i, j < i) stands for (j, i) as well, so
 * each edge is read once for both of its votes, half the bytes of a long
 * document's matrix a step. Row i first sums its own votes, from the
 * sentences before it (entries (i, j < i) as (j, i), scaled as votes for
 * a later sentence), then from its self-loop, then gives its votes to
 * the sentences before it, which the rows after add to: every sum takes
 * the same terms in the same order as the full scatter (by voter, the
 * earlier first, from 0), so the bits are the same. A row whose z is 0
 * adds exact zeros where the full scatter skips it. */
static void half_scatter_step(const gsl_spmatrix *w, size_t n, double damping, double forward,
                              const double *z, double *y)
{
    const int *col = w->i, *start = w->p;
    const double *data = w->data;
    for (size_t i = 0; i < n; i++) {
        double zi = z[i], sum = 0.0;
        size_t k = (size_t)start[i], end = (size_t)start[i + 1];
        for (; k < end && (size_t)col[k] < i; k++) {
            size_t j = (size_t)col[k];
            sum += damping * (data[k] * forward) * z[j];
            y[j] += damping * data[k] * zi;
        }
        if (k < end && (size_t)col[k] == i)
            sum += damping * data[k] * zi;
        y[i] = sum;
    }
}

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
        if (local.symmetric)
            half_scatter_step(w, n, damping, forward, z, y);
        else
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

/* Row i's weighted out-degree, the rows taken in ascending order. */
static void set_degree(precis_ranker *r, size_t i, double degree)
{
    if (degree > 0.0) {
        r->divisor[i] = degree;
    } else {
        r->divisor[i] = INFINITY;
        r->dangling[r->ndangling++] = (uint32_t)i;
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
        set_degree(r, i, sum);
    }
}

/* The rows' weighted out-degrees and the walk's weights times damping,
 * column by column: the entries of a column are its rows in ascending
 * order, so that a step is a gather that adds the same products in the
 * same order as the row-by-row scatter (the same bits) while each sum
 * stays in a register. An entry that weighs 0 is left out: adding a zero
 * changes no sum here (weights and z are not negative). The columns go in
 * groups of PRECIS_RANK_LANES, longest first so that the columns of a
 * group are of nearly the same length: group g holds its columns' entries
 * interleaved, entry k of lane c at group_start[g] + k * PRECIS_RANK_LANES
 * + c, up to the length of its longest column, the shorter ones padded
 * with entries of row n (whose z is 0) and weight 0, whose products are
 * exactly 0. lane_column names each lane's sentence, n for the lanes past
 * the last column. */
static precis_status transpose_walk(precis_ranker *r, const precis_walk *walk, size_t n,
                                    double damping)
{
    const gsl_spmatrix *w = walk->matrix;
    const int *col = w->i;
    size_t groups = (n + PRECIS_RANK_LANES - 1) / PRECIS_RANK_LANES;
    size_t lanes = groups * PRECIS_RANK_LANES;
    if (PRECIS_RESERVE(r->entry, r->cap_entry, (size_t)w->p[n]) != PRECIS_OK ||
        PRECIS_RESERVE(r->column_next, r->cap_column_next, n) != PRECIS_OK ||
        PRECIS_RESERVE(r->by_length, r->cap_by_length, n + 2) != PRECIS_OK ||
        PRECIS_RESERVE(r->group_start, r->cap_group_start, groups + 1) != PRECIS_OK ||
        PRECIS_RESERVE(r->lane_column, r->cap_lane_column, lanes) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    /* The walk's weights, read once: the rows' degrees, the columns'
     * lengths, and the weights kept for the fill below. The walk and the
     * arrays in locals, which the stores could otherwise alias (a weight
     * the walk's factors, an index the matrix's offsets). */
    const precis_walk local = *walk;
    const int *start = w->p;
    double *entry = r->entry;
    size_t *length = r->column_next;
    memset(length, 0, n * sizeof *length);
    for (size_t i = 0; i < n; i++) {
        double sum = 0.0;
        for (size_t k = (size_t)start[i], end = (size_t)start[i + 1]; k < end; k++) {
            double weight = precis_walk_weight(&local, i, k);
            entry[k] = weight;
            sum += weight;
            length[col[k]] += weight != 0.0;
        }
        set_degree(r, i, sum);
    }
    /* Longest first: a counting sort on n - length, in [0, n]. */
    size_t *bucket = r->by_length;
    memset(bucket, 0, (n + 2) * sizeof *bucket);
    for (size_t j = 0; j < n; j++)
        bucket[n - length[j] + 1]++;
    for (size_t key = 0; key <= n; key++)
        bucket[key + 1] += bucket[key];
    uint32_t *lane_column = r->lane_column;
    for (size_t j = 0; j < n; j++)
        lane_column[bucket[n - length[j]]++] = (uint32_t)j;
    for (size_t c = n; c < lanes; c++)
        lane_column[c] = (uint32_t)n;
    size_t *group_start = r->group_start;
    size_t total = 0;
    for (size_t g = 0; g < groups; g++) {
        group_start[g] = total;
        total += PRECIS_RANK_LANES * length[lane_column[g * PRECIS_RANK_LANES]];
    }
    group_start[groups] = total;
    if (PRECIS_RESERVE(r->row, r->cap_row, total) != PRECIS_OK ||
        PRECIS_RESERVE(r->weight, r->cap_weight, total) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    /* Each column's next place, moving one group row down per entry. */
    size_t *next = r->column_next;
    for (size_t c = 0; c < n; c++)
        next[lane_column[c]] = group_start[c / PRECIS_RANK_LANES] + c % PRECIS_RANK_LANES;
    /* Rows in ascending order fill each column in ascending row order. */
    uint32_t *row = r->row;
    double *scaled = r->weight;
    for (size_t i = 0; i < n; i++)
        for (size_t k = (size_t)start[i], end = (size_t)start[i + 1]; k < end; k++) {
            double weight = entry[k];
            if (weight == 0.0)
                continue;
            size_t at = next[col[k]];
            next[col[k]] = at + PRECIS_RANK_LANES;
            row[at] = (uint32_t)i;
            scaled[at] = damping * weight;
        }
    /* The padding: each lane from where its column ends (or its group
     * starts, past the last column) to the end of its group. */
    for (size_t c = 0; c < lanes; c++) {
        size_t g = c / PRECIS_RANK_LANES;
        size_t at = c < n ? next[lane_column[c]] : group_start[g] + c % PRECIS_RANK_LANES;
        for (; at < group_start[g + 1]; at += PRECIS_RANK_LANES) {
            row[at] = (uint32_t)n;
            scaled[at] = 0.0;
        }
    }
    return PRECIS_OK;
}

_Static_assert(PRECIS_RANK_LANES == 4, "gather_step sums four lanes");

/* y = damping * W^T z, from the transposed weights, four sums side by
 * side (z[n] is 0, for the padding; y has room for the lanes past the
 * last column at y[n]). */
static void gather_step(const precis_ranker *r, size_t n, const double *z, double *y)
{
    const size_t *start = r->group_start;
    const uint32_t *row = r->row;
    const double *weight = r->weight;
    size_t groups = (n + PRECIS_RANK_LANES - 1) / PRECIS_RANK_LANES;
    for (size_t g = 0; g < groups; g++) {
        double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
        for (size_t k = start[g]; k < start[g + 1]; k += PRECIS_RANK_LANES) {
            s0 += weight[k] * z[row[k]];
            s1 += weight[k + 1] * z[row[k + 1]];
            s2 += weight[k + 2] * z[row[k + 2]];
            s3 += weight[k + 3] * z[row[k + 3]];
        }
        const uint32_t *lane = r->lane_column + g * PRECIS_RANK_LANES;
        y[lane[0]] = s0;
        y[lane[1]] = s1;
        y[lane[2]] = s2;
        y[lane[3]] = s3;
    }
}

#if defined(__GNUC__) && (defined(__SSE2__) || defined(__ARM_NEON))
#define PRECIS_RANK_PAIRS
typedef double v2d __attribute__((vector_size(16)));

/* gather_step with two lanes to a register: each lane is still one
 * sentence's sum, its products added in the same order (the same bits;
 * the build turns off contraction into fused multiply-adds). The weights
 * of a group row are 16-byte aligned (precis_rank_walk checks). */
static void gather_step_pairs(const precis_ranker *r, size_t n, const double *z, double *y)
{
    const size_t *start = r->group_start;
    const uint32_t *row = r->row;
    const double *weight = r->weight;
    size_t groups = (n + PRECIS_RANK_LANES - 1) / PRECIS_RANK_LANES;
    for (size_t g = 0; g < groups; g++) {
        v2d s01 = {0.0, 0.0}, s23 = {0.0, 0.0};
#pragma GCC unroll 2
        for (size_t k = start[g]; k < start[g + 1]; k += PRECIS_RANK_LANES) {
            const v2d *pair = (const v2d *)(const void *)(weight + k);
            v2d z01 = {z[row[k]], z[row[k + 1]]};
            v2d z23 = {z[row[k + 2]], z[row[k + 3]]};
            s01 += pair[0] * z01;
            s23 += pair[1] * z23;
        }
        const uint32_t *lane = r->lane_column + g * PRECIS_RANK_LANES;
        y[lane[0]] = s01[0];
        y[lane[1]] = s01[1];
        y[lane[2]] = s23[0];
        y[lane[3]] = s23[1];
    }
}
#endif

/* The end of a step: y gets the jump's share of the teleport
 * distribution, z the next step's y / divisor; returns the L1 change from
 * x. The arrays do not overlap (restrict: no run-time checks around the
 * vectorized loop, which short walks would pay each step). */
static double jump_step(size_t n, double jump, const double *restrict teleport,
                        const double *restrict x, const double *restrict divisor,
                        double *restrict y, double *restrict z)
{
    double change = 0.0;
    for (size_t i = 0; i < n; i++) {
        y[i] += jump * teleport[i];
        change += fabs(y[i] - x[i]);
        z[i] = y[i] / divisor[i];
    }
    return change;
}

/* The same for a uniform teleport distribution, share to each sentence. */
static double share_step(size_t n, double share, const double *restrict x,
                         const double *restrict divisor, double *restrict y, double *restrict z)
{
    double change = 0.0;
    for (size_t i = 0; i < n; i++) {
        y[i] += share;
        change += fabs(y[i] - x[i]);
        z[i] = y[i] / divisor[i];
    }
    return change;
}

/* How a step multiplies by the walk's weights. */
enum { SCATTER, GATHER_PLAIN, GATHER_PAIRS };

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
    /* x, y and z have room for the gather's padding at n. */
    if (PRECIS_RESERVE(r->x, r->cap_x, n + 1) != PRECIS_OK ||
        PRECIS_RESERVE(r->y, r->cap_y, n + 1) != PRECIS_OK ||
        PRECIS_RESERVE(r->z, r->cap_z, n + 1) != PRECIS_OK ||
        PRECIS_RESERVE(r->divisor, r->cap_divisor, n) != PRECIS_OK ||
        PRECIS_RESERVE(r->dangling, r->cap_dangling, n) != PRECIS_OK)
        return PRECIS_ERR_NOMEM;
    r->ndangling = 0;
    /* The transposed copy costs 12 bytes an edge and more: a long
     * document's walk scatters on the graph's own edges instead. */
    int gather = (size_t)w->p[n] <= PRECIS_RANK_GATHER_MAX_EDGES ? GATHER_PLAIN : SCATTER;
    precis_status status;
    if (gather) {
        if ((status = transpose_walk(r, walk, n, damping)) != PRECIS_OK)
            return status;
#ifdef PRECIS_RANK_PAIRS
        if (!r->plain_gather && (uintptr_t)r->weight % sizeof(v2d) == 0)
            gather = GATHER_PAIRS;
#endif
    } else {
        row_degrees(r, walk, n);
    }
    const double uniform = 1.0 / (double)n;
    const double *divisor = r->divisor;
    double *z = r->z;
    /* A row without edges divides by +inf: its z is exactly 0. */
    for (size_t i = 0; i < n; i++) {
        r->x[i] = teleport != NULL ? teleport[i] : uniform;
        z[i] = r->x[i] / divisor[i];
    }
    z[n] = 0.0;

    status = PRECIS_ERR_NO_CONVERGENCE;
    while (r->iterations < max_iterations) {
        r->iterations++;
        double *x = r->x, *y = r->y;
        double dangling = 0.0;
        for (size_t d = 0; d < r->ndangling; d++)
            dangling += x[r->dangling[d]];
        /* y = damping * W^T D^-1 x: the walk along the edges, without
         * building the row-normalized matrix. */
        if (gather == SCATTER)
            scatter_step(walk, n, damping, z, y);
#ifdef PRECIS_RANK_PAIRS
        else if (gather == GATHER_PAIRS)
            gather_step_pairs(r, n, z, y);
#endif
        else
            gather_step(r, n, z, y);
        /* Mass that would jump, and mass stuck on a sentence without
         * edges, both go where the teleport distribution says, so that a
         * sentence it leaves out never gains any. The same pass divides
         * the new x for the next step. */
        double jump = 1.0 - damping + damping * dangling;
        double change = teleport != NULL
                            ? jump_step(n, jump, teleport, x, divisor, y, z)
                            : share_step(n, jump * uniform, x, divisor, y, z);
        r->x = y;
        r->y = x;
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
