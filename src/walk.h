/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * walk.h - the matrix a ranking walks on, derived from the similarity
 * graph.
 *
 * Each algorithm walks its own variant of the graph: only candidates take
 * part (prior.h); LexRank keeps the edges above a similarity threshold,
 * optionally as plain links, and gives every sentence a link to itself as
 * its similarity matrix has; the position-aware centrality makes the graph
 * directed, so that a sentence passes less of its vote to the sentences
 * that come after it than to those before (after PACSUM, Zheng and Lapata
 * 2019: a sentence is central when what follows it elaborates on it).
 * Entry (i, j) is the weight with which sentence i votes for sentence j.
 */
#ifndef PRECIS_WALK_H
#define PRECIS_WALK_H

#include <stddef.h>

/* gsl_spmatrix.h uses size_t without including stddef.h. */
#include <gsl/gsl_spmatrix.h>

#include "precis.h"

typedef struct precis_walk_shape {
    double threshold; /* keep edges whose similarity is above this; 0 keeps all */
    int binary;       /* kept edges weigh 1 instead of their similarity */
    int self_loops;   /* every candidate links to itself with weight 1 */
    double forward;   /* factor on a vote for a later sentence, in [0, 1]; 1: undirected */
} precis_walk_shape;

/* The derived matrix, held by the caller and reused; zero-initialise,
 * release with precis_walk_free. matrix is replaced by every build (NULL
 * when there are no sentences). Without self-loops the walk has the
 * graph's structure, an edge it leaves out weighing 0 (which adds nothing
 * to a degree or to a step of the walk): matrix is then view, which
 * shares the graph's row starts and columns and owns only its weights
 * (data), so that the graph and the walk hold 20 bytes an edge, not 24.
 * Such a matrix borrows from the graph: it is valid while the graph is. */
typedef struct precis_walk {
    gsl_spmatrix *matrix;
    gsl_spmatrix view;
    double *data;
    size_t data_cap;
    gsl_spmatrix *owned; /* a matrix of its own, for walks with self-loops */
} precis_walk;

void precis_walk_free(precis_walk *w);

/* Builds the walk matrix of the n x n symmetric similarity graph (CSR,
 * NULL when n is 0) restricted to the sentences with candidate[i] set. */
precis_status precis_walk_build(precis_walk *w, const gsl_spmatrix *graph, size_t n,
                                const unsigned char *candidate, const precis_walk_shape *shape);

#endif
