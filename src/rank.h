/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rank.h - the TextRank stationary vector.
 *
 * The random walk moves along an edge with probability proportional to its
 * weight (rows normalized by weighted out-degree) and, with probability
 * 1 - damping, jumps to a sentence drawn from the teleport distribution. A
 * sentence without edges (a dangling row) sends its mass along the
 * teleport distribution too, so a sentence with teleport weight 0 and no
 * incoming edges scores 0. Edges may be directed: w need not be symmetric.
 * Each step multiplies by the transposed matrix, adding the products of
 * each sentence's sum in the order and with the rounding of
 * gsl_spblas_dgemv (row by row, alpha times weight times x), reading each
 * weight through the walk (walk.h), so each step costs O(edges +
 * sentences). The ranker keeps a transposed copy of the weights, so that
 * a step gathers each sum in a register instead of scattering products
 * to memory; the columns are interleaved PRECIS_RANK_LANES at a time, so
 * that as many sums grow side by side instead of each waiting for its
 * previous addition (a column shorter than the others of its group is
 * padded with products that are exactly 0, which change no sum), two
 * to a register where the compiler has vector extensions. A walk
 * of more than PRECIS_RANK_GATHER_MAX_EDGES edges (a long document)
 * scatters on the walk's own edges instead, so that its edges are held
 * once. Both give the same bits.
 */
#ifndef PRECIS_RANK_H
#define PRECIS_RANK_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_spmatrix.h>

#include "precis.h"
#include "walk.h"

#define PRECIS_RANK_TOLERANCE 1e-10 /* stop when the L1 change falls below */
#define PRECIS_RANK_MAX_ITERATIONS 1000
/* A walk with more edges is not transposed (rank.c) */
#define PRECIS_RANK_GATHER_MAX_EDGES ((size_t)1 << 18)
/* Columns gathered side by side */
#define PRECIS_RANK_LANES 4

/* Scratch vectors, held by the caller and reused; zero-initialise, release
 * with precis_ranker_free. */
typedef struct precis_ranker {
    double *x, *y, *z;
    /* each row's weighted out-degree, +inf for a row without one (so that
     * its share of x is exactly 0); the rows without one, ascending */
    double *divisor;
    uint32_t *dangling;
    size_t ndangling;
    /* the walk's weights by column, in groups of PRECIS_RANK_LANES (rank.c) */
    size_t *group_start;
    uint32_t *lane_column;
    size_t *column_next, *by_length;
    double *entry;
    uint32_t *row;
    double *weight;
    size_t cap_x, cap_y, cap_z, cap_divisor, cap_dangling, cap_group_start, cap_lane_column,
        cap_column_next, cap_by_length, cap_entry, cap_row, cap_weight;
    size_t iterations; /* of the last call */
    /* Nonzero: gather in plain C where the vector gather is built too (the
     * tests check both against the same reference). */
    int plain_gather;
} precis_ranker;

void precis_ranker_free(precis_ranker *r);

/* Computes the stationary vector of the n x n weighted graph w (CSR, non-
 * negative weights; NULL when n is 0) with the given damping in [0, 1] and
 * teleport distribution (n entries summing to 1; NULL for uniform), and
 * writes it to scores[0, n) (summing to 1). Returns
 * PRECIS_ERR_NO_CONVERGENCE, with the last iterate in scores, when the L1
 * change is still above the tolerance after max_iterations. */
precis_status precis_rank(precis_ranker *r, const gsl_spmatrix *w, size_t n, double damping,
                          const double *teleport, size_t max_iterations, double *scores);

/* The same on the weights of a walk (walk->matrix NULL when n is 0). */
precis_status precis_rank_walk(precis_ranker *r, const precis_walk *walk, size_t n,
                               double damping, const double *teleport, size_t max_iterations,
                               double *scores);

#endif
